/// A validated problem in indexed form: companies and candidates by number, slot sets as bit masks.
struct SolverModel: Sendable {
    let slots: Int
    /// Meetings per slot; `Int.max` when unlimited.
    let tables: Int
    let gapPenalty: Int
    let shortfallPenalty: Int
    let ids: [String]
    let available: [UInt64]
    let delegates: [Int]
    let maxMeetings: [Int]
    let minMeetings: [Int]
    /// Candidate endpoints, weight, required flag, allowed slots (both companies available, the candidate's own
    /// slots, its fixed slot) and fixed slot (-1 when none).
    let first: [Int32]
    let second: [Int32]
    let weight: [Int]
    let required: [Bool]
    let allowed: [UInt64]
    let fixed: [Int8]
    /// Candidate ids by company.
    let incident: [[Int32]]
    let candidateCount: Int
    let companyCount: Int

    init(_ problem: ScheduleProblem) {
        slots = problem.slots
        tables = problem.tables ?? Int.max
        gapPenalty = problem.gapPenalty
        shortfallPenalty = problem.shortfallPenalty
        ids = problem.companies.map(\.id)
        var index: [String: Int32] = [:]
        for (position, company) in problem.companies.enumerated() { index[company.id] = Int32(position) }
        available = problem.companies.map { SlotMask.of($0.available) }
        delegates = problem.companies.map(\.delegates)
        maxMeetings = problem.companies.map(\.maxMeetings)
        minMeetings = problem.companies.map(\.minMeetings)
        first = problem.candidates.map { index[$0.buyer] ?? 0 }
        second = problem.candidates.map { index[$0.supplier] ?? 0 }
        weight = problem.candidates.map(\.weight)
        required = problem.candidates.map(\.required)
        fixed = problem.candidates.map { Int8($0.fixedSlot ?? -1) }
        var allowed: [UInt64] = []
        var incident = [[Int32]](repeating: [], count: problem.companies.count)
        for (position, candidate) in problem.candidates.enumerated() {
            let a = Int(first[position])
            let b = Int(second[position])
            var mask = available[a] & available[b]
            if let own = candidate.slots { mask &= SlotMask.of(own) }
            if let slot = candidate.fixedSlot { mask &= 1 << UInt64(slot) }
            allowed.append(mask)
            incident[a].append(Int32(position))
            incident[b].append(Int32(position))
        }
        self.allowed = allowed
        self.incident = incident
        candidateCount = problem.candidates.count
        companyCount = problem.companies.count
    }

    @inline(__always) func other(_ candidate: Int, _ company: Int) -> Int {
        let a = Int(first[candidate])
        return a == company ? Int(second[candidate]) : a
    }

    /// The holes of a company with meetings at `occupied`: consecutive meeting slots with an available slot between.
    @inline(__always) func holes(occupied: UInt64, company: Int) -> Int {
        SlotMask.holes(occupied: occupied, available: available[company])
    }
}

/// Slot sets as 64-bit masks.
enum SlotMask {
    static func of(_ slots: [Int]) -> UInt64 {
        slots.reduce(0) { $0 | (1 << UInt64($1)) }
    }

    /// Slots `lower..<upper`.
    @inline(__always) static func range(_ lower: Int, _ upper: Int) -> UInt64 {
        guard upper > lower else { return 0 }
        let high: UInt64 = upper >= 64 ? ~0 : (1 << UInt64(upper)) - 1
        let low: UInt64 = (1 << UInt64(lower)) - 1
        return high & ~low
    }

    /// Holes in bit arithmetic: the empty stretches between the first and the last meeting are runs of set bits in
    /// `gaps`; a run is a hole when it holds an available slot. An occluded fill spreads the available bits up
    /// through their runs, and each run that the fill reaches at its top end is one hole.
    @inline(__always) static func holes(occupied: UInt64, available: UInt64) -> Int {
        guard occupied.nonzeroBitCount > 1 else { return 0 }
        let lowest = occupied.trailingZeroBitCount
        let highest = 63 - occupied.leadingZeroBitCount
        let gaps = range(lowest + 1, highest) & ~occupied
        var fill = gaps & available
        var open = gaps
        fill |= open & (fill << 1)
        open &= open << 1
        fill |= open & (fill << 2)
        open &= open << 2
        fill |= open & (fill << 4)
        open &= open << 4
        fill |= open & (fill << 8)
        open &= open << 8
        fill |= open & (fill << 16)
        open &= open << 16
        fill |= open & (fill << 32)
        let tops = gaps & ~(gaps >> 1)
        return (fill & tops).nonzeroBitCount
    }

    static func slots(_ mask: UInt64) -> [Int] {
        var result: [Int] = []
        var remaining = mask
        while remaining != 0 {
            result.append(remaining.trailingZeroBitCount)
            remaining &= remaining - 1
        }
        return result
    }
}
