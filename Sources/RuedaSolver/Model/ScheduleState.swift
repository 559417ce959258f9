/// A schedule being built: which candidate sits at which slot, with every count the constraints and the objective
/// need kept up to date, and an undo log for trying moves.
struct ScheduleState: Sendable {
    let model: SolverModel
    /// Slot of each candidate, -1 when not scheduled.
    private(set) var slotOf: [Int8]
    /// Meetings of each company at each slot (`company * slots + slot`).
    /// (Delegates are at most 100, so 16 bits hold any count, including a chain's brief excess.)
    private(set) var load: [UInt16]
    /// Slots where the company has a meeting, and where it has as many as its delegates.
    private(set) var occupied: [UInt64]
    private(set) var full: [UInt64]
    private(set) var degree: [Int]
    private(set) var slotCount: [Int]
    /// Slots where every table is taken.
    private(set) var tablesFull: UInt64 = 0
    /// Scheduled candidates of each company.
    private(set) var meetingsOf: [[Int32]]
    private(set) var holesOf: [Int]
    private(set) var weight = 0
    private(set) var holes = 0
    private(set) var shortfall = 0
    private(set) var requiredPlaced = 0
    /// Meetings by slot, kept only when tables are limited (that is when it is needed).
    private var atSlot: [[Int32]]
    private let tracksSlots: Bool
    /// Every change since the last `commit()`, for `rollback()`.
    private var log: [(candidate: Int32, slot: Int8)] = []

    init(model: SolverModel) {
        self.model = model
        slotOf = Array(repeating: -1, count: model.candidateCount)
        load = Array(repeating: 0, count: model.companyCount * model.slots)
        occupied = Array(repeating: 0, count: model.companyCount)
        full = Array(repeating: 0, count: model.companyCount)
        degree = Array(repeating: 0, count: model.companyCount)
        slotCount = Array(repeating: 0, count: model.slots)
        meetingsOf = Array(repeating: [], count: model.companyCount)
        holesOf = Array(repeating: 0, count: model.companyCount)
        shortfall = model.minMeetings.reduce(0, +)
        tracksSlots = model.tables != Int.max
        atSlot = Array(repeating: [], count: tracksSlots ? model.slots : 0)
    }

    /// Weight minus gap and shortfall penalties.
    var objective: Int { weight - model.gapPenalty * holes - model.shortfallPenalty * shortfall }

    /// Required meetings first, then the objective: how two states compare.
    func isBetter(than other: ScheduleState) -> Bool {
        requiredPlaced != other.requiredPlaced
            ? requiredPlaced > other.requiredPlaced : objective > other.objective
    }

    var scoreKey: (Int, Int) { (requiredPlaced, objective) }

    /// Slots where a company can take one more meeting.
    @inline(__always) func free(_ company: Int) -> UInt64 { model.available[company] & ~full[company] }

    @inline(__always) func hasRoom(_ company: Int) -> Bool { degree[company] < model.maxMeetings[company] }

    /// Slots where an unscheduled candidate could go right now without moving anything.
    @inline(__always) func directSlots(_ candidate: Int) -> UInt64 {
        let a = Int(model.first[candidate])
        let b = Int(model.second[candidate])
        guard hasRoom(a), hasRoom(b) else { return 0 }
        return model.allowed[candidate] & free(a) & free(b) & ~tablesFull
    }

    /// Every meeting at a slot.
    func meetings(at slot: Int) -> [Int] {
        if tracksSlots { return atSlot[slot].map(Int.init) }
        var result: [Int] = []
        for candidate in 0..<model.candidateCount where Int(slotOf[candidate]) == slot { result.append(candidate) }
        return result
    }

    /// The meetings of a company at a slot.
    func meetings(of company: Int, at slot: Int) -> [Int32] {
        meetingsOf[company].filter { Int(slotOf[Int($0)]) == slot }
    }

    // MARK: Changes

    /// Keeps the changes made so far: `rollback()` will not undo them.
    mutating func commit() {
        log.removeAll(keepingCapacity: true)
    }

    /// Undoes every change since the last `commit()`.
    mutating func rollback() {
        rollback(to: 0)
    }

    /// The position in the undo log, to roll back part of a trial.
    var mark: Int { log.count }

    mutating func rollback(to mark: Int) {
        while log.count > mark, let entry = log.popLast() {
            apply(Int(entry.candidate), to: Int(entry.slot))
        }
    }

    /// Puts a candidate at a slot (-1 removes it), keeping every count and the objective, and logs the change.
    mutating func assign(_ candidate: Int, to slot: Int) {
        let old = Int(slotOf[candidate])
        guard old != slot else { return }
        log.append((Int32(candidate), Int8(old)))
        apply(candidate, to: slot)
    }

    private mutating func apply(_ candidate: Int, to slot: Int) {
        let old = Int(slotOf[candidate])
        guard old != slot else { return }
        let a = Int(model.first[candidate])
        let b = Int(model.second[candidate])
        if tracksSlots {
            if old >= 0, let index = atSlot[old].firstIndex(of: Int32(candidate)) {
                atSlot[old].swapAt(index, atSlot[old].count - 1)
                atSlot[old].removeLast()
            }
            if slot >= 0 { atSlot[slot].append(Int32(candidate)) }
        }
        if old >= 0 {
            release(a, old)
            release(b, old)
            slotCount[old] -= 1
            if slotCount[old] < model.tables { tablesFull &= ~(1 << UInt64(old)) }
        }
        if slot >= 0 {
            take(a, slot)
            take(b, slot)
            slotCount[slot] += 1
            if slotCount[slot] >= model.tables { tablesFull |= 1 << UInt64(slot) }
        }
        slotOf[candidate] = Int8(slot)
        if old < 0 && slot >= 0 {
            weight += model.weight[candidate]
            if model.required[candidate] { requiredPlaced += 1 }
            for company in [a, b] {
                if degree[company] < model.minMeetings[company] { shortfall -= 1 }
                degree[company] += 1
                meetingsOf[company].append(Int32(candidate))
            }
        } else if old >= 0 && slot < 0 {
            weight -= model.weight[candidate]
            if model.required[candidate] { requiredPlaced -= 1 }
            for company in [a, b] {
                degree[company] -= 1
                if degree[company] < model.minMeetings[company] { shortfall += 1 }
                if let index = meetingsOf[company].firstIndex(of: Int32(candidate)) {
                    meetingsOf[company].swapAt(index, meetingsOf[company].count - 1)
                    meetingsOf[company].removeLast()
                }
            }
        }
        refreshHoles(a)
        refreshHoles(b)
    }

    private mutating func take(_ company: Int, _ slot: Int) {
        let index = company * model.slots + slot
        load[index] += 1
        occupied[company] |= 1 << UInt64(slot)
        if Int(load[index]) >= model.delegates[company] { full[company] |= 1 << UInt64(slot) }
    }

    private mutating func release(_ company: Int, _ slot: Int) {
        let index = company * model.slots + slot
        load[index] -= 1
        if load[index] == 0 { occupied[company] &= ~(1 << UInt64(slot)) }
        // A chain may briefly put a company over its delegates; the slot is full until it is back under.
        if Int(load[index]) < model.delegates[company] { full[company] &= ~(1 << UInt64(slot)) }
    }

    private mutating func refreshHoles(_ company: Int) {
        let value = model.holes(occupied: occupied[company], company: company)
        holes += value - holesOf[company]
        holesOf[company] = value
    }

    /// Change in the company's holes if it gained a meeting at `slot` (and lost one at `leaving`, if given).
    func holesDelta(_ company: Int, adding slot: Int, removing leaving: Int = -1) -> Int {
        var mask = occupied[company] | (1 << UInt64(slot))
        if leaving >= 0 && load[company * model.slots + leaving] == 1 && leaving != slot {
            mask &= ~(1 << UInt64(leaving))
        }
        return model.holes(occupied: mask, company: company) - holesOf[company]
    }
}
