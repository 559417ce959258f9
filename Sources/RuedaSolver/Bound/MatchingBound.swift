/// The proven upper bound: a maximum-weight b-matching relaxation solved exactly as a min-cost flow.
///
/// Any schedule is a set of candidates in which each company has at most `capacity` meetings — its meeting limit,
/// and no more than its delegates times the slots its candidates can use — and in all at most `tables × slots`
/// meetings. Dropping the slot assignment (and the holes, which only lower the objective) leaves a b-matching
/// problem whose optimum bounds every schedule's objective:
///
/// - bipartite candidate graphs (the usual buyer–supplier round) are solved exactly as a flow
///   source → one side → other side → sink;
/// - other graphs through their bipartite double cover, whose optimum is twice the fractional b-matching optimum,
///   itself at least the integral one.
///
/// Shortfall is credited per meeting up to each company's minimum (`shortfallPenalty` for each of the first
/// `minMeetings` meetings); required candidates get a premium larger than everything else, so that the bound holds
/// over schedules that hold them all.
struct MatchingBound: Sendable {
    /// The bound on the objective.
    let value: Int
    /// Candidates the relaxation selected (for bipartite graphs an integral selection), best first.
    let selection: [Int]
    let bipartite: Bool

    init(model: SolverModel, includeRequiredPremium: Bool = true) {
        let n = model.companyCount
        var union = [UInt64](repeating: 0, count: n)
        for candidate in 0..<model.candidateCount {
            union[Int(model.first[candidate])] |= model.allowed[candidate]
            union[Int(model.second[candidate])] |= model.allowed[candidate]
        }
        let capacity = (0..<n).map { company in
            min(model.maxMeetings[company], model.delegates[company] * union[company].nonzeroBitCount)
        }
        let side = Self.twoColouring(model)
        let bipartite = side != nil
        let sp = Int64(model.shortfallPenalty)
        let totalWeight = model.weight.reduce(Int64(0)) { $0 + Int64($1) }
        let premium: Int64 =
            includeRequiredPremium ? totalWeight + sp * Int64(model.minMeetings.reduce(0, +)) * 2 + 1 : 0
        let requiredCount = Int64(model.required.filter { $0 }.count)
        let copies = bipartite ? 1 : 2
        let meetingCap = model.tables == Int.max ? Int(Int32.max) : min(Int(Int32.max), model.tables * model.slots)
        let flowCap = min(Int(Int32.max), meetingCap * copies)

        // Nodes: super source (caps the number of meetings), source, left copies, right copies, sink.
        let superSource = 0
        let source = 1
        let left = 2
        let right = 2 + n
        let sink = 2 + 2 * n
        var network = MinCostFlow(nodes: 2 * n + 3)
        network.addArc(superSource, source, capacity: flowCap, cost: 0)
        for company in 0..<n where capacity[company] > 0 {
            let bonus = min(model.minMeetings[company], capacity[company])
            let onLeft = side.map { $0[company] } ?? true
            let onRight = side.map { !$0[company] } ?? true
            if onLeft {
                if bonus > 0 { network.addArc(source, left + company, capacity: bonus, cost: -sp) }
                if capacity[company] > bonus {
                    network.addArc(source, left + company, capacity: capacity[company] - bonus, cost: 0)
                }
            }
            if onRight {
                if bonus > 0 { network.addArc(right + company, sink, capacity: bonus, cost: -sp) }
                if capacity[company] > bonus {
                    network.addArc(right + company, sink, capacity: capacity[company] - bonus, cost: 0)
                }
            }
        }
        var arcs: [(arc: Int, candidate: Int)] = []
        for candidate in 0..<model.candidateCount where model.allowed[candidate] != 0 {
            let a = Int(model.first[candidate])
            let b = Int(model.second[candidate])
            let profit = Int64(model.weight[candidate]) + (model.required[candidate] ? premium : 0)
            if let side {
                let (l, r) = side[a] ? (a, b) : (b, a)
                arcs.append((network.addArc(left + l, right + r, capacity: 1, cost: -profit), candidate))
            } else {
                arcs.append((network.addArc(left + a, right + b, capacity: 1, cost: -profit), candidate))
                arcs.append((network.addArc(left + b, right + a, capacity: 1, cost: -profit), candidate))
            }
        }
        let cost = network.minimizeCost(source: superSource, sink: sink)
        let profit = -cost
        let constant =
            sp * Int64(model.minMeetings.reduce(0, +)) + (includeRequiredPremium ? premium * requiredCount : 0)
        let relaxed = bipartite ? profit : profit / 2
        value = Int(relaxed - constant)
        var chosen: [Int] = []
        var seen = Set<Int>()
        for entry in arcs where network.flow(entry.arc) > 0 && seen.insert(entry.candidate).inserted {
            chosen.append(entry.candidate)
        }
        selection = chosen.sorted {
            model.weight[$0] != model.weight[$1] ? model.weight[$0] > model.weight[$1] : $0 < $1
        }
        self.bipartite = bipartite
    }

    /// A side for each company if the candidate graph is bipartite (true: left), else nil.
    static func twoColouring(_ model: SolverModel) -> [Bool]? {
        var colour = [Int8](repeating: -1, count: model.companyCount)
        for start in 0..<model.companyCount where colour[start] < 0 {
            colour[start] = 0
            var stack = [start]
            while let company = stack.popLast() {
                for candidate in model.incident[company] {
                    let other = model.other(Int(candidate), company)
                    if colour[other] < 0 {
                        colour[other] = 1 - colour[company]
                        stack.append(other)
                    } else if colour[other] == colour[company] {
                        return nil
                    }
                }
            }
        }
        return colour.map { $0 == 0 }
    }
}
