/// In-person forums: every requested meeting must happen, tables are scarce and only holes count.
extension ScheduleProblem {
    /// What a forum instance is built to be.
    enum ForumVariant: CaseIterable {
        /// A planted schedule holds every meeting, with some room at the tables.
        case feasible
        /// The tables are exactly as many as the planted schedule's busiest slot, and more meetings are pinned.
        case barelyFeasible
        /// Two meetings of one participant pinned to the same slot: an organiser's mistake, among many meetings.
        case pinnedClash
        /// More meetings restricted to the morning session than its tables can seat.
        case sessionOverbooked
    }

    /// A forum of 40–80 participants, 120–310 meetings (all required), 8–22 slots in a morning and an afternoon
    /// session and 12–27 tables; the seed picks the sizes and the variant (seeds 4k+0, 4k+1 feasible, 4k+2 barely
    /// feasible, 4k+3 infeasible in one of two ways).
    static func forum(random: inout SolverRandom, seed: UInt64) -> ScheduleProblem {
        let variant: ForumVariant =
            switch seed % 4 {
            case 0, 1: .feasible
            case 2: .barelyFeasible
            default: seed / 4 % 2 == 0 ? .pinnedClash : .sessionOverbooked
            }
        let participants = 40 + random.below(41)
        let slots = 8 + random.below(15)
        let most = min(310, participants * slots * 2 / 5)
        let target = 120 + random.below(max(1, most - 119))
        let tables = min(27, max(12, (target * 100 + slots * 92 - 1) / (slots * 92)))
        let morning = Array(0..<(slots / 2))
        let afternoon = Array((slots / 2)..<slots)
        var companies: [Company] = []
        for index in 0..<participants {
            var available = Array(0..<slots)
            switch random.below(100) {
            case 0..<15: available = Array((1 + random.below(max(1, slots / 3)))..<slots)
            case 15..<30: available = Array(0..<(slots - 1 - random.below(max(1, slots / 3))))
            default: break
            }
            companies.append(
                Company(id: "P\(index + 1)", role: .participant, available: available, maxMeetings: slots))
        }
        // A planted schedule: slot by slot, random pairs of participants free there, up to the tables.
        var busy = [Set<Int>](repeating: [], count: participants)
        var pairs = Set<[Int]>()
        var planted: [(a: Int, b: Int, slot: Int)] = []
        for slot in 0..<slots {
            var placed = 0
            var attempts = 0
            while placed < tables && attempts < 400 {
                attempts += 1
                let a = random.below(participants)
                let b = random.below(participants)
                guard a != b, !pairs.contains([min(a, b), max(a, b)]) else { continue }
                guard companies[a].available.contains(slot), companies[b].available.contains(slot) else { continue }
                guard !busy[a].contains(slot), !busy[b].contains(slot) else { continue }
                busy[a].insert(slot)
                busy[b].insert(slot)
                pairs.insert([min(a, b), max(a, b)])
                planted.append((a, b, slot))
                placed += 1
            }
        }
        // Keep `target` of them, at random.
        for index in planted.indices.reversed() {
            planted.swapAt(index, random.below(index + 1))
        }
        planted = Array(planted.prefix(target))
        planted.sort { ($0.slot, $0.a, $0.b) < ($1.slot, $1.a, $1.b) }
        var perSlot = [Int](repeating: 0, count: slots)
        for meeting in planted { perSlot[meeting.slot] += 1 }
        let pinShare = variant == .barelyFeasible ? 12 : 5
        var candidates: [Candidate] = planted.map { meeting in
            var candidate = Candidate(
                buyer: companies[meeting.a].id, supplier: companies[meeting.b].id, weight: 0, required: true)
            switch random.below(100) {
            case 0..<pinShare: candidate.fixedSlot = meeting.slot
            case pinShare..<45: candidate.slots = meeting.slot < slots / 2 ? morning : afternoon
            default: break
            }
            return candidate
        }
        // Tables as scarce as the planted schedule allows: its busiest slot, with one to spare unless barely feasible.
        let peak = perSlot.max() ?? tables
        var problemTables = variant == .barelyFeasible ? peak : min(tables, peak + 1)
        switch variant {
        case .feasible, .barelyFeasible:
            break
        case .pinnedClash:
            // A participant's two meetings pinned to one slot where both are available.
            if let first = candidates.indices.first(where: { candidates[$0].fixedSlot == nil }) {
                let who = candidates[first].buyer
                if let second = candidates.indices.first(where: {
                    $0 != first && candidates[$0].fixedSlot == nil
                        && (candidates[$0].buyer == who || candidates[$0].supplier == who)
                }) {
                    let slot = planted[first].slot
                    let other = candidates[second].buyer == who ? candidates[second].supplier : candidates[second].buyer
                    if let partner = companies.firstIndex(where: { $0.id == other }),
                        companies[partner].available.contains(slot)
                    {
                        candidates[first].fixedSlot = slot
                        candidates[second].fixedSlot = slot
                        candidates[second].slots = nil
                    }
                }
            }
        case .sessionOverbooked:
            // Every meeting planted in the morning is restricted to it, with one table fewer than it needs.
            let mornings = candidates.indices.filter { planted[$0].slot < slots / 2 }
            for index in mornings where candidates[index].fixedSlot == nil { candidates[index].slots = morning }
            problemTables = max(1, (mornings.count - 1) / max(1, morning.count))
        }
        return ScheduleProblem(
            slots: slots, tables: problemTables, gapPenalty: 1, companies: companies, candidates: candidates)
    }
}
