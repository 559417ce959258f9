/// Generates schedule problems shaped like real business rounds, for benchmarks and tests.
public enum ProblemPreset: String, Sendable, CaseIterable {
    /// One Compra Lo Nuestro round: 150 buyers, 470 suppliers, about 1,500 meetings wanted, 16 slots around a lunch
    /// break, some companies morning- or afternoon-only; no table limit, no penalties.
    case round
    /// The same round with scarce tables (70 per slot) and gap and shortfall penalties.
    case roundScarce = "round-scarce"
    /// 1,000 buyers, 3,000 suppliers, 24 slots; no penalties.
    case large
    /// The whole 2022 population in one event: 2,303 buyers, 6,990 suppliers, 32 slots over two days, about
    /// 46,000 candidates, with gap and shortfall penalties.
    case national
    /// 232 required meetings among 40 buyers and 80 suppliers that some schedule can hold; only holes count.
    case required
    /// An in-person forum: 40–80 participants, 120–310 meetings all required, 8–22 slots in two sessions, 12–27
    /// tables nearly all used at peak, late arrivals and early leavers, pinned meetings; only holes count. The seed
    /// picks the size and whether it is feasible, barely feasible or infeasible (see `ScheduleProblem.forum`).
    case forum
    /// 240 required meetings among 40 buyers and 80 suppliers, 16 slots + lunch, 20 tables; only holes count.
    case requiredTables = "required-tables"
    /// 6,000 required meetings among 600 buyers and 1,200 suppliers, 16 slots + lunch, 400 tables; only holes count.
    /// Too large for the exact engine's counters, so the local search alone schedules it.
    case requiredLarge = "required-large"

    public var summary: String {
        switch self {
        case .round: "150 buyers, 470 suppliers, 16 slots + lunch, no table limit, no penalties"
        case .roundScarce: "the round with 70 tables, gap penalty 40, shortfall penalty 300"
        case .large: "1,000 buyers, 3,000 suppliers, 24 slots, no penalties"
        case .national: "2,303 buyers, 6,990 suppliers, 32 slots, gap penalty 40, shortfall penalty 300"
        case .required: "232 required meetings, 40 buyers, 80 suppliers, 16 slots + lunch, only holes count"
        case .forum: "40–80 participants, 120–310 required meetings, 8–22 slots, 12–27 tables; seed 4k+3 infeasible"
        case .requiredTables: "240 required meetings, 40 buyers, 80 suppliers, 16 slots + lunch, 20 tables"
        case .requiredLarge: "6,000 required meetings, 600 buyers, 1,200 suppliers, 16 slots + lunch, 400 tables"
        }
    }
}

extension ScheduleProblem {
    /// A generated problem; the same preset and seed give the same problem.
    public static func generate(_ preset: ProblemPreset, seed: UInt64) -> ScheduleProblem {
        var random = SolverRandom(seed: seed &* 0x9E37_79B9 &+ 17)
        switch preset {
        case .round:
            return businessRound(buyers: 150, suppliers: 470, days: 1, random: &random)
        case .roundScarce:
            var problem = businessRound(buyers: 150, suppliers: 470, days: 1, random: &random)
            problem.tables = 70
            problem.gapPenalty = 40
            problem.shortfallPenalty = 300
            return problem
        case .large:
            return businessRound(buyers: 1_000, suppliers: 3_000, days: 1, slotsPerDay: 24, random: &random)
        case .national:
            var problem = businessRound(buyers: 2_303, suppliers: 6_990, days: 2, random: &random)
            problem.gapPenalty = 40
            problem.shortfallPenalty = 300
            return problem
        case .required:
            return requiredRound(buyers: 40, suppliers: 80, meetings: 232, random: &random)
        case .forum:
            return forum(random: &random, seed: seed)
        case .requiredTables:
            return requiredRound(buyers: 40, suppliers: 80, meetings: 240, tables: 20, random: &random)
        case .requiredLarge:
            return requiredRound(buyers: 600, suppliers: 1_200, meetings: 6_000, tables: 400, random: &random)
        }
    }

    /// Slots of a day with a lunch slot in the middle that nobody is available for; `days` such days in a row.
    private static func daySlots(_ perDay: Int, days: Int) -> (total: Int, morning: [[Int]], afternoon: [[Int]]) {
        let lunch = perDay / 2
        var morning: [[Int]] = []
        var afternoon: [[Int]] = []
        for day in 0..<days {
            let offset = day * (perDay + 1)
            morning.append(Array(offset..<(offset + lunch)))
            afternoon.append(Array((offset + lunch + 1)..<(offset + perDay + 1)))
        }
        return ((perDay + 1) * days, morning, afternoon)
    }

    private static func availability(
        morning: [[Int]], afternoon: [[Int]], random: inout SolverRandom
    ) -> [Int] {
        var slots: [Int] = []
        for day in morning.indices {
            switch random.below(100) {
            case 0..<14: slots += morning[day]
            case 14..<28: slots += afternoon[day]
            default: slots += morning[day] + afternoon[day]
            }
        }
        return slots
    }

    private static func businessRound(
        buyers: Int, suppliers: Int, days: Int, slotsPerDay: Int = 16, random: inout SolverRandom
    ) -> ScheduleProblem {
        let (total, morning, afternoon) = daySlots(slotsPerDay, days: days)
        let sectors = 12
        var companies: [Company] = []
        var sectorOf: [Int] = []
        for index in 0..<buyers {
            let sector = random.below(sectors)
            sectorOf.append(sector)
            companies.append(
                Company(
                    id: "B\(index + 1)", role: .buyer,
                    available: availability(morning: morning, afternoon: afternoon, random: &random),
                    maxMeetings: 8 + random.below(5) + (days - 1) * 4, minMeetings: 0,
                    delegates: random.below(20) == 0 ? 2 : 1))
        }
        var bySector = [[Int]](repeating: [], count: sectors)
        for index in 0..<suppliers {
            let sector = random.below(sectors)
            bySector[sector].append(buyers + index)
            companies.append(
                Company(
                    id: "S\(index + 1)", role: .supplier,
                    available: availability(morning: morning, afternoon: afternoon, random: &random),
                    maxMeetings: 3 + random.below(4) + (days - 1) * 2, minMeetings: random.below(2) == 0 ? 1 : 2))
        }
        var candidates: [Candidate] = []
        for buyer in 0..<buyers {
            var chosen = Set<Int>()
            let count = 16 + random.below(9)
            for _ in 0..<count {
                // Mostly the buyer's own sector, sometimes another one.
                let sector = random.below(5) == 0 ? random.below(sectors) : sectorOf[buyer]
                let pool = bySector[sector]
                guard !pool.isEmpty else { continue }
                let supplier = pool[random.below(pool.count)]
                guard chosen.insert(supplier).inserted else { continue }
                let sameSector = sector == sectorOf[buyer]
                let base = sameSector ? 300 + random.below(600) : 100 + random.below(300)
                var candidate = Candidate(
                    buyer: companies[buyer].id, supplier: companies[supplier].id, weight: base)
                if random.below(25) == 0 {
                    let day = random.below(days)
                    candidate.slots = random.below(2) == 0 ? morning[day] : afternoon[day]
                }
                candidates.append(candidate)
            }
        }
        return ScheduleProblem(
            slots: total, tables: nil,
            companies: companies.map { company in
                var company = company
                if company.role == .buyer { company.minMeetings = 0 }
                return company
            }, candidates: candidates)
    }

    /// Required meetings that a hidden schedule holds, so that a schedule with all of them exists.
    private static func requiredRound(
        buyers: Int, suppliers: Int, meetings: Int, tables: Int? = nil, random: inout SolverRandom
    ) -> ScheduleProblem {
        let (total, morning, afternoon) = daySlots(16, days: 1)
        var companies: [Company] = []
        for index in 0..<(buyers + suppliers) {
            let isBuyer = index < buyers
            companies.append(
                Company(
                    id: isBuyer ? "B\(index + 1)" : "S\(index - buyers + 1)", role: isBuyer ? .buyer : .supplier,
                    available: availability(morning: morning, afternoon: afternoon, random: &random),
                    maxMeetings: 16))
        }
        var busy = [Set<Int>](repeating: [], count: companies.count)
        var seated = [Int](repeating: 0, count: total)
        var pairs = Set<[Int]>()
        var candidates: [Candidate] = []
        var attempts = 0
        while candidates.count < meetings && attempts < max(100_000, meetings * 40) {
            attempts += 1
            let buyer = random.below(buyers)
            let supplier = buyers + random.below(suppliers)
            guard !pairs.contains([buyer, supplier]) else { continue }
            let common = Set(companies[buyer].available).intersection(companies[supplier].available)
                .subtracting(busy[buyer]).subtracting(busy[supplier]).filter { seated[$0] < tables ?? Int.max }.sorted()
            guard !common.isEmpty else { continue }
            let slot = common[random.below(common.count)]
            seated[slot] += 1
            busy[buyer].insert(slot)
            busy[supplier].insert(slot)
            pairs.insert([buyer, supplier])
            candidates.append(
                Candidate(buyer: companies[buyer].id, supplier: companies[supplier].id, weight: 0, required: true))
        }
        return ScheduleProblem(
            slots: total, tables: tables, gapPenalty: 1, companies: companies, candidates: candidates)
    }
}
