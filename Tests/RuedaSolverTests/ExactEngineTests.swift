import Testing

@testable import RuedaSolver

/// The fewest holes over every placement of every candidate (all required), by enumeration with the independent
/// checker; nil when no placement satisfies the hard constraints.
func exhaustiveFewestHoles(_ problem: ScheduleProblem) -> Int? {
    var best: Int?
    var slots = [Int](repeating: 0, count: problem.candidates.count)
    func recurse(_ index: Int) {
        if index == slots.count {
            let report = ScheduleChecker.check(placement(slots, problem), against: problem)
            guard !report.violations.contains(where: { !$0.hasPrefix("objective") }) else { return }
            best = min(best ?? Int.max, report.holes)
            return
        }
        for slot in 0..<problem.slots {
            slots[index] = slot
            recurse(index + 1)
        }
    }
    recurse(0)
    return best
}

/// Small forums: every candidate required, tables, delegates, sessions, pinned and forbidden slots.
func smallForum(seed: UInt64) -> ScheduleProblem {
    var problem = SmallProblems.random(
        seed: seed &+ 500, companies: 5, candidates: 6, slots: 4, bipartite: seed % 2 == 0,
        tables: seed % 3 == 0 ? 2 : nil, gapPenalty: 1, requiredShare: 100)
    for index in problem.companies.indices { problem.companies[index].maxMeetings = 4 }
    return problem
}

@Suite("Exact engine")
struct ExactEngineTests {
    @Test(
        "on small all-required problems the exact engine proves the exhaustive fewest holes, or infeasibility",
        arguments: 0..<40)
    func provesFewestHoles(seed: UInt64) throws {
        let problem = smallForum(seed: seed)
        let schedule = try Solver.solve(problem, options: SolverOptions(seed: seed, iterations: 2_000))
        #expect(ScheduleChecker.check(schedule, against: problem).violations == [])
        guard let fewest = exhaustiveFewestHoles(problem) else {
            #expect(schedule.status == .infeasible)
            #expect(schedule.explanation.first?.hasPrefix("proved infeasible") == true)
            return
        }
        #expect(schedule.status == .optimal)
        #expect(schedule.stats.holes == fewest)
        #expect(schedule.upperBound == schedule.objective)
    }

    @Test("the hole indicators of the encoding count exactly the checker's holes once minimised", arguments: 0..<20)
    func encodingCountsHoles(seed: UInt64) throws {
        let problem = smallForum(seed: seed &+ 100)
        try problem.validate()
        let model = SolverModel(problem)
        guard let fewest = exhaustiveFewestHoles(problem) else { return }
        let engine = ExactEngine(
            model: model, candidates: Array(0..<model.candidateCount), seed: 1, holes: true, conflictBudget: 100_000)
        guard case .found(let first) = engine.findSchedule(deadline: .now + .seconds(30)) else {
            Issue.record("a feasible problem had no model")
            return
        }
        var holes = try checkedHoles(first, problem)
        #expect(engine.encoding.decodedHoles() >= holes)
        while true {
            let step = engine.narrowHoles(best: holes, deadline: .now + .seconds(30))
            if case .improved(let slots) = step {
                let next = try checkedHoles(slots, problem)
                #expect(next < holes)
                holes = next
            } else if case .optimal = step {
                break
            } else if case .raisedBound = step {
                continue
            } else {
                Issue.record("unexpected step \(step)")
                return
            }
        }
        #expect(holes == fewest)
        #expect(engine.lowerBound == fewest)
    }

    @Test("three participants who must all meet each other in two slots are proved infeasible, with all three named")
    func oddCycleIsInfeasible() throws {
        let problem = ScheduleProblem(
            slots: 2, tables: nil, gapPenalty: 1,
            companies: ["A", "B", "C"].map { .init(id: $0, role: .participant, available: [0, 1], maxMeetings: 2) },
            candidates: [
                .init(buyer: "A", supplier: "B", weight: 0, required: true),
                .init(buyer: "B", supplier: "C", weight: 0, required: true),
                .init(buyer: "A", supplier: "C", weight: 0, required: true),
            ])
        let schedule = try Solver.solve(problem)
        #expect(schedule.status == .infeasible)
        #expect(schedule.stats.stoppedBy == .infeasible)
        let proof = schedule.explanation.joined(separator: "\n")
        #expect(proof.contains("3 required meetings"))
        #expect(proof.contains("one-meeting-at-a-time rule of 3 companies"))
        for pair in ["A–B", "B–C", "A–C"] {
            #expect(proof.contains("required meeting \(pair) may only use slots [0, 1]"))
        }
    }

    @Test("a conflict between tables and one participant's meetings names them, and no meeting outside it")
    func tableConflictIsNamed() throws {
        // Two meetings pinned to slot 0 fill its two tables, so Y cannot hold both its meetings in slots 0 and 1;
        // no count of meetings per slot shows it. E–F is free-standing and takes no part.
        let problem = ScheduleProblem(
            slots: 3, tables: 2, gapPenalty: 1,
            companies: ["X", "Y", "Z", "U", "V", "W", "Q", "E", "F"].map {
                .init(id: $0, role: .participant, available: [0, 1, 2], maxMeetings: 2)
            },
            candidates: [
                .init(buyer: "X", supplier: "Y", weight: 0, required: true, slots: [0, 1]),
                .init(buyer: "Y", supplier: "Z", weight: 0, required: true, slots: [0, 1]),
                .init(buyer: "U", supplier: "V", weight: 0, required: true, fixedSlot: 0),
                .init(buyer: "W", supplier: "Q", weight: 0, required: true, fixedSlot: 0),
                .init(buyer: "E", supplier: "F", weight: 0, required: true),
            ])
        let schedule = try Solver.solve(problem)
        #expect(schedule.status == .infeasible)
        let proof = schedule.explanation.joined(separator: "\n")
        #expect(proof.contains("the limit of 2 tables at slot [0]"))
        #expect(proof.contains("Y holds one meeting at a time"))
        for pair in ["X–Y", "Y–Z", "U–V", "W–Q"] { #expect(proof.contains("required meeting \(pair) may only use")) }
        #expect(!proof.contains("E–F may only use"))
    }

    @Test("an unplaced required meeting without a proof is reported unknown, not infeasible")
    func unprovedIsUnknown() throws {
        // Five participants who must all meet each other need five slots (an odd complete graph); with four the
        // problem is infeasible although no count shows it, and a zero time limit leaves no time for the proof.
        let ids = (1...5).map { "P\($0)" }
        var candidates: [ScheduleProblem.Candidate] = []
        for i in ids.indices {
            for j in ids.indices where j > i {
                candidates.append(.init(buyer: ids[i], supplier: ids[j], weight: 0, required: true))
            }
        }
        let problem = ScheduleProblem(
            slots: 4, tables: nil, gapPenalty: 1,
            companies: ids.map { .init(id: $0, role: .participant, available: Array(0..<4), maxMeetings: 4) },
            candidates: candidates)
        let hurried = try Solver.solve(problem, options: SolverOptions(timeLimit: .zero))
        #expect(hurried.status == .unknown)
        #expect(hurried.explanation.first?.hasPrefix("not proved infeasible") == true)
        let patient = try Solver.solve(problem, options: SolverOptions(timeLimit: .seconds(60)))
        #expect(patient.status == .infeasible)
    }
}

/// Every candidate at the given slot, tables numbered in order within each slot.
private func placement(_ slots: [Int], _ problem: ScheduleProblem) -> Schedule {
    var perSlot: [Int: Int] = [:]
    let meetings = problem.candidates.indices.map { position in
        let candidate = problem.candidates[position]
        defer { perSlot[slots[position], default: 0] += 1 }
        return Schedule.Meeting(
            buyer: candidate.buyer, supplier: candidate.supplier, slot: slots[position],
            table: perSlot[slots[position], default: 0])
    }
    return Schedule(meetings: meetings, objective: 0, upperBound: 0, status: .feasible, stats: .init())
}

private func checkedHoles(_ slots: [Int], _ problem: ScheduleProblem) throws -> Int {
    let report = ScheduleChecker.check(placement(slots, problem), against: problem)
    #expect(!report.violations.contains { !$0.hasPrefix("objective") })
    return report.holes
}
