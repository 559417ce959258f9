/// A set of candidates, all of which must be held, as clauses: each in exactly one slot it may use, at most
/// `delegates` meetings per company per slot, at most `tables` per slot, and (when asked) one indicator per hole.
///
/// Each constraint group has a selector literal that switches it on by assumption, so that an unsatisfiable
/// call names, through its failed assumptions, the meetings, companies and slots that cannot all be honoured.
final class PlacementEncoding {
    let model: SolverModel
    let sat: SATSolver
    /// The candidates encoded, and for each its slots and their placement literals.
    let candidates: [Int]
    let slots: [[Int]]
    let literals: [[Int32]]
    /// Selectors of "this meeting is held" (by encoded position), "this company holds at most its delegates per
    /// slot" (0 when the company cannot overbook) and "this slot holds at most `tables`" (0 when it cannot fill).
    let meetingSelectors: [Int32]
    let companySelectors: [Int32]
    let slotSelectors: [Int32]
    /// Hole indicators: at least the number of holes in any model, and exactly that number in a minimal one.
    private(set) var holeIndicators: [Int32] = []
    /// Outputs of the totalizer over the hole indicators: `holeCounter[k]` holds when more than k holes do.
    private var holeCounter: [Int32] = []

    init(model: SolverModel, candidates: [Int], seed: UInt64, holes: Bool) {
        self.model = model
        self.candidates = candidates
        let sat = SATSolver(seed: seed)
        self.sat = sat
        var slots: [[Int]] = []
        var literals: [[Int32]] = []
        var meetingSelectors: [Int32] = []
        // Placement literals by company and slot, and by slot.
        var atCompanySlot = [[Int32]](repeating: [], count: model.companyCount * model.slots)
        var atSlot = [[Int32]](repeating: [], count: model.slots)
        for candidate in candidates {
            let allowed = SlotMask.slots(model.allowed[candidate])
            let placed = allowed.map { _ in sat.newVariable() }
            let selector = sat.newVariable()
            sat.exactlyOne(of: placed, selector: selector)
            for (slot, literal) in zip(allowed, placed) {
                atCompanySlot[Int(model.first[candidate]) * model.slots + slot].append(literal)
                atCompanySlot[Int(model.second[candidate]) * model.slots + slot].append(literal)
                atSlot[slot].append(literal)
            }
            slots.append(allowed)
            literals.append(placed)
            meetingSelectors.append(selector)
        }
        var companySelectors = [Int32](repeating: 0, count: model.companyCount)
        for company in 0..<model.companyCount {
            let delegates = model.delegates[company]
            let range = (company * model.slots)..<((company + 1) * model.slots)
            guard atCompanySlot[range].contains(where: { $0.count > delegates }) else { continue }
            let selector = sat.newVariable()
            companySelectors[company] = selector
            for index in range { sat.atMost(delegates, of: atCompanySlot[index], selector: selector) }
        }
        var slotSelectors = [Int32](repeating: 0, count: model.slots)
        for slot in 0..<model.slots where atSlot[slot].count > model.tables {
            let selector = sat.newVariable()
            slotSelectors[slot] = selector
            sat.atMost(model.tables, of: atSlot[slot], selector: selector)
        }
        self.slots = slots
        self.literals = literals
        self.meetingSelectors = meetingSelectors
        self.companySelectors = companySelectors
        self.slotSelectors = slotSelectors
        if holes { encodeHoles(atCompanySlot) }
    }

    /// Every selector: the assumptions under which a model is a schedule of all the encoded candidates.
    var selectors: [Int32] {
        meetingSelectors + companySelectors.filter { $0 != 0 } + slotSelectors.filter { $0 != 0 }
    }

    /// Variables and clauses, for the figures.
    var size: (variables: Int, clauses: Int) { (Int(sat.variableCount), sat.clauseCount) }

    /// The number of placement literals a problem would need: what decides whether the exact engine takes it.
    static func placementCount(_ model: SolverModel, candidates: [Int]) -> Int {
        candidates.reduce(0) { $0 + model.allowed[$1].nonzeroBitCount }
    }

    /// The counter cells (auxiliary variables, each with about two clauses) that the one-slot, delegate and table
    /// limits over `candidates` take, counted without building them. With hundreds of tables the table counters
    /// (meetings × tables per slot) and not the placement count decide the memory an encoding needs.
    static func counterCells(_ model: SolverModel, candidates: [Int]) -> Int {
        var atSlot = [Int](repeating: 0, count: model.slots)
        var atCompanySlot = [Int](repeating: 0, count: model.companyCount * model.slots)
        var cells = 0
        for candidate in candidates {
            let allowed = SlotMask.slots(model.allowed[candidate])
            cells += SATSolver.counterCells(atMost: 1, of: allowed.count)
            for slot in allowed {
                atSlot[slot] += 1
                atCompanySlot[Int(model.first[candidate]) * model.slots + slot] += 1
                atCompanySlot[Int(model.second[candidate]) * model.slots + slot] += 1
            }
        }
        for count in atSlot { cells += SATSolver.counterCells(atMost: model.tables, of: count) }
        for (index, count) in atCompanySlot.enumerated() {
            cells += SATSolver.counterCells(atMost: model.delegates[index / model.slots], of: count)
        }
        return cells
    }

    /// The slot of each encoded candidate in the last satisfying assignment.
    func decode() -> [Int] {
        zip(slots, literals).map { allowed, placed in
            zip(allowed, placed).first { sat.value($0.1) }?.0 ?? -1
        }
    }

    /// The holes counted by the indicators in the last satisfying assignment.
    func decodedHoles() -> Int {
        holeIndicators.reduce(0) { $0 + (sat.value($1) ? 1 : 0) }
    }

    // MARK: Holes

    /// Per company, over its available slots in order: `met[i]` exactly when it meets at the i-th, `before[i]` when
    /// it meets at an earlier one, and a hole ends at i when it does not meet there, meets at the next one and met
    /// before. `before` and the indicators are only forced up; minimising holes sets them exactly.
    private func encodeHoles(_ atCompanySlot: [[Int32]]) {
        for company in 0..<model.companyCount {
            let positions = SlotMask.slots(model.available[company])
            let met: [Int32?] = positions.map { slot in
                let placed = atCompanySlot[company * model.slots + slot]
                if placed.isEmpty { return nil }
                if placed.count == 1 { return placed[0] }
                // Both directions: a "meets here" without a meeting would hide the hole it sits in.
                let literal = sat.newVariable()
                for x in placed { sat.add([-x, literal]) }
                sat.add([-literal] + placed)
                return literal
            }
            guard met.compactMap({ $0 }).count > 1 else { continue }
            var before: Int32?
            for index in positions.indices.dropLast() {
                if index > 0 {
                    switch (before, met[index - 1]) {
                    case (nil, let previous): before = previous
                    case (let earlier?, nil): before = earlier
                    case (let earlier?, let previous?):
                        let literal = sat.newVariable()
                        sat.add([-earlier, literal])
                        sat.add([-previous, literal])
                        before = literal
                    }
                }
                guard let earlier = before, let next = met[index + 1] else { continue }
                let hole = sat.newVariable()
                var clause: [Int32] = [-next, -earlier, hole]
                if let here = met[index] { clause.append(here) }
                sat.add(clause)
                holeIndicators.append(hole)
            }
        }
    }

    /// The literal that allows at most `holes` holes, building the counter up to `cap` the first time; nil when
    /// the bound holds anyway.
    func atMostHoles(_ holes: Int, cap: Int) -> Int32? {
        if holeCounter.isEmpty && !holeIndicators.isEmpty {
            holeCounter = sat.totalizer(holeIndicators, cap: max(1, min(cap, holeIndicators.count)))
        }
        guard holes < holeCounter.count else { return nil }
        return -holeCounter[max(0, holes)]
    }

    /// Holes the counter can express: bounds are asked for below this.
    var holeCap: Int { holeCounter.count }
}
