/// Cardinality constraints as clauses: "at most k of these literals" (a sequential counter, Sinz 2005) and a
/// totalizer whose outputs say "at least j of these hold", so that a bound can be set by assumption and tightened
/// from call to call (Bailleux and Boufkhad 2003, with outputs capped as in the k-simplified totalizer).
extension SATSolver {
    /// At most `limit` of `literals` hold, unless `selector` is false (each clause gets `¬selector`, so the
    /// constraint is switched on by assuming the selector).
    func atMost(_ limit: Int, of literals: [Int32], selector: Int32? = nil) {
        let guardLiteral = selector.map { [-$0] } ?? []
        guard literals.count > limit else { return }
        if limit <= 0 {
            for literal in literals { add(guardLiteral + [-literal]) }
            return
        }
        if Self.pairwise(limit, literals.count) {
            for i in literals.indices {
                for j in literals.indices where j > i { add(guardLiteral + [-literals[i], -literals[j]]) }
            }
            return
        }
        // counter[i][j]: at least j + 1 of the first i + 1 literals hold.
        let n = literals.count
        var previous = (0..<limit).map { _ in newVariable() }
        add(guardLiteral + [-literals[0], previous[0]])
        for j in 1..<limit { add(guardLiteral + [-previous[j]]) }
        for i in 1..<n {
            let literal = literals[i]
            if i == n - 1 {
                add(guardLiteral + [-literal, -previous[limit - 1]])
                break
            }
            let current = (0..<limit).map { _ in newVariable() }
            add(guardLiteral + [-literal, current[0]])
            add(guardLiteral + [-previous[0], current[0]])
            for j in 1..<limit {
                add(guardLiteral + [-literal, -previous[j - 1], current[j]])
                add(guardLiteral + [-previous[j], current[j]])
            }
            add(guardLiteral + [-literal, -previous[limit - 1]])
            previous = current
        }
    }

    /// The auxiliary variables ``atMost(_:of:selector:)`` creates for `count` literals: the sequential counter's
    /// cells, none where clauses alone say it.
    static func counterCells(atMost limit: Int, of count: Int) -> Int {
        count <= limit || limit <= 0 || pairwise(limit, count) ? 0 : (count - 1) * limit
    }

    /// At most one of a few literals is said pair by pair, without a counter.
    private static func pairwise(_ limit: Int, _ count: Int) -> Bool { limit == 1 && count <= 6 }

    /// Exactly one of `literals` (none is a contradiction, switched by `selector` like ``atMost(_:of:selector:)``).
    func exactlyOne(of literals: [Int32], selector: Int32? = nil) {
        add((selector.map { [-$0] } ?? []) + literals)
        atMost(1, of: literals)
    }

    /// A totalizer over `literals`: output `j - 1` is implied by "at least j of them hold", for j up to `cap`
    /// (counts above `cap` imply the last output). Assuming `¬outputs[k]` therefore allows at most k of them.
    func totalizer(_ literals: [Int32], cap: Int) -> [Int32] {
        guard cap > 0, !literals.isEmpty else { return [] }
        if literals.count == 1 { return literals }
        let middle = literals.count / 2
        let left = totalizer(Array(literals[..<middle]), cap: cap)
        let right = totalizer(Array(literals[middle...]), cap: cap)
        let size = min(cap, left.count + right.count)
        let outputs = (0..<size).map { _ in newVariable() }
        for i in 0...left.count {
            for j in 0...right.count where i + j > 0 {
                let target = outputs[min(i + j, size) - 1]
                var clause: [Int32] = [target]
                if i > 0 { clause.append(-left[i - 1]) }
                if j > 0 { clause.append(-right[j - 1]) }
                add(clause)
            }
        }
        return outputs
    }
}
