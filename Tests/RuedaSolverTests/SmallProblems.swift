@testable import RuedaSolver

/// Random small problems for exhaustive comparisons.
enum SmallProblems {
    static func random(
        seed: UInt64, companies: Int, candidates: Int, slots: Int, bipartite: Bool, tables: Int? = nil,
        gapPenalty: Int = 0, shortfallPenalty: Int = 0, requiredShare: Int = 0
    ) -> ScheduleProblem {
        var random = SolverRandom(seed: seed &+ 1_000)
        var list: [ScheduleProblem.Company] = []
        for index in 0..<companies {
            var available = (0..<slots).filter { _ in random.below(4) != 0 }
            if available.isEmpty { available = [random.below(slots)] }
            list.append(
                ScheduleProblem.Company(
                    id: "C\(index)", role: bipartite ? (index % 2 == 0 ? .buyer : .supplier) : .participant,
                    available: available, maxMeetings: 1 + random.below(4), minMeetings: random.below(3),
                    delegates: random.below(6) == 0 ? 2 : 1))
        }
        var pairs = Set<[Int]>()
        var chosen: [ScheduleProblem.Candidate] = []
        var attempts = 0
        while chosen.count < candidates && attempts < 1_000 {
            attempts += 1
            let a = random.below(companies)
            let b = random.below(companies)
            guard a != b, !bipartite || a % 2 != b % 2 else { continue }
            let key = [min(a, b), max(a, b)]
            guard pairs.insert(key).inserted else { continue }
            var candidate = ScheduleProblem.Candidate(
                buyer: list[a].id, supplier: list[b].id, weight: 1 + random.below(20),
                required: requiredShare > 0 && random.below(100) < requiredShare)
            if random.below(5) == 0 { candidate.slots = (0..<slots).filter { _ in random.below(2) == 0 } }
            if random.below(8) == 0, let slot = (candidate.slots ?? Array(0..<slots)).first {
                candidate.fixedSlot = slot
            }
            chosen.append(candidate)
        }
        return ScheduleProblem(
            slots: slots, tables: tables, gapPenalty: gapPenalty, shortfallPenalty: shortfallPenalty,
            companies: list, candidates: chosen)
    }
}
