import RuedaCore
import RuedaSolver
import RuedaUseCases
import Testing

/// Building a round's problem is pure: these check it without a database.
@Suite("Schedule planning")
struct SchedulePlanningTests {
    static func nit(_ base: String) -> NIT {
        do { return try NIT(base: base) } catch { fatalError("\(error)") }
    }

    static let buyer = nit("900100100")
    static let supplier = nit("800300300")
    static let other = nit("800400400")

    static let participants = [
        Participant(nit: buyer, role: .buyer, availableSlots: [0, 1, 2, 3], maxMeetings: 4, delegates: 2),
        Participant(nit: supplier, role: .supplier, availableSlots: [1, 2, 9], maxMeetings: 2),
        Participant(nit: other, role: .supplier, availableSlots: [0, 1], maxMeetings: 2),
        Participant(nit: nit("900999999"), role: .participant, availableSlots: [0], maxMeetings: 1),
    ]

    @Test(
        "a candidate weighs its expected value in tens of thousands of pesos, plus up to 300 for interest, plus 1",
        arguments: [
            (Int64(0), 0.0, 1), (Int64(5_000_000), 0.0, 501), (Int64(5_000_000), 1.0, 801), (Int64(-7), 0.5, 151),
            (Int64.max, 1.0, 1_000_301), (Int64(25_000), Double.nan, 3),
        ] as [(Int64, Double, Int)])
    func weights(value: Int64, interest: Double, weight: Int) {
        #expect(SchedulePlanning.weight(expectedValue: value, interest: interest) == weight)
    }

    @Test("companies keep their limits and delegates, slots beyond the round are dropped, networkers are left out")
    func companies() {
        let plan = SchedulePlanning.plan(
            slots: 4, tables: 3, participants: Self.participants, candidates: [], requests: [],
            settings: ScheduleSettings())
        #expect(plan.problem.companies.map(\.id) == ["800300300", "800400400", "900100100"])
        #expect(plan.problem.companies[0].available == [1, 2])
        #expect(plan.problem.companies[2].delegates == 2)
        #expect(plan.problem.tables == 3)
        #expect(plan.problem.gapPenalty == 100 && plan.problem.shortfallPenalty == 300)
    }

    @Test("must-meet requests from either side make a candidate required by default, and --no-require-must does not")
    func requiredMusts() {
        let candidates = [
            PlanCandidate(
                pair: MeetingPair(buyer: Self.buyer, supplier: Self.supplier), expectedValue: 1_000_000, interest: 0.5),
            PlanCandidate(pair: MeetingPair(buyer: Self.buyer, supplier: Self.other), expectedValue: 0, interest: 0),
        ]
        let requests = [MeetingRequest(from: Self.supplier, to: Self.buyer, level: .must)]
        var settings = ScheduleSettings()
        settings.requireMust = false
        let optional = SchedulePlanning.plan(
            slots: 4, tables: nil, participants: Self.participants, candidates: candidates, requests: requests,
            settings: settings)
        #expect(optional.problem.candidates.map(\.required) == [false, false])
        settings = ScheduleSettings()
        let required = SchedulePlanning.plan(
            slots: 4, tables: nil, participants: Self.participants, candidates: candidates, requests: requests,
            settings: settings)
        #expect(required.problem.candidates.map(\.required) == [true, false])
        #expect(required.problem.candidates[0].weight == 251)
        #expect(required.expectedValues[candidates[0].pair] == 1_000_000)
    }

    @Test("must-meet requirements that cannot all be held are released, lowest weight first, each with its reason")
    func impossibleMustsAreReleased() {
        // `other` can meet at most 2 (max meetings), has 3 must-meet candidates; `late` shares no slot with the buyer.
        let buyers = (1...3).map { Self.nit("90010010\($0)") }
        let late = Self.nit("800500500")
        var participants = buyers.map {
            Participant(nit: $0, role: .buyer, availableSlots: [0, 1, 2, 3], maxMeetings: 4)
        }
        participants.append(Participant(nit: Self.other, role: .supplier, availableSlots: [0, 1, 2], maxMeetings: 2))
        participants.append(Participant(nit: late, role: .supplier, availableSlots: [7], maxMeetings: 2))
        let candidates =
            buyers.enumerated().map { index, buyer in
                PlanCandidate(
                    pair: MeetingPair(buyer: buyer, supplier: Self.other), expectedValue: Int64(index + 1) * 1_000_000,
                    interest: 0.7)
            } + [PlanCandidate(pair: MeetingPair(buyer: buyers[0], supplier: late), expectedValue: 0, interest: 0.7)]
        let requests = candidates.map { MeetingRequest(from: $0.pair.buyer, to: $0.pair.supplier, level: .must) }
        let plan = SchedulePlanning.plan(
            slots: 8, tables: nil, participants: participants, candidates: candidates, requests: requests,
            settings: ScheduleSettings())
        // The least valuable of `other`'s three is released; the two most valuable stay required.
        #expect(plan.problem.candidates.map { $0.required } == [false, true, true, false])
        #expect(plan.releasedMusts.count == 2)
        #expect(plan.releasedMusts.contains { $0.contains("900100101–800400400") && $0.contains("at most 2") })
        #expect(plan.releasedMusts.contains { $0.contains("800500500") && $0.contains("no slot") })

        // Tables: 1 table × 1 slot seats one meeting; the most valuable must-meet stays required.
        let seated = SchedulePlanning.plan(
            slots: 1, tables: 1,
            participants: participants.map {
                var participant = $0
                participant.availableSlots = [0]
                participant.maxMeetings = 1
                return participant
            }, candidates: Array(candidates.prefix(2)), requests: requests, settings: ScheduleSettings())
        #expect(seated.problem.candidates.filter { $0.required }.count == 1)
        #expect(seated.problem.candidates.last?.required == true)
    }

    @Test("kept published meetings are fixed at their slot, keep their table, and the others take free tables")
    func keptMeetings() {
        let pair = MeetingPair(buyer: Self.buyer, supplier: Self.supplier)
        let late = MeetingPair(buyer: Self.buyer, supplier: Self.other)
        let plan = SchedulePlanning.plan(
            slots: 4, tables: 3, participants: Self.participants,
            candidates: [PlanCandidate(pair: late, expectedValue: 0, interest: 0)], requests: [],
            kept: [KeptMeeting(pair: pair, slot: 1, table: 0, weight: 40, expectedValue: 9)],
            settings: ScheduleSettings())
        let kept = plan.problem.candidates.first { $0.supplier == Self.supplier.base }
        #expect(kept?.required == true)
        #expect(kept?.fixedSlot == 1)
        #expect(kept?.weight == 40)
        #expect(plan.expectedValues[pair] == 9)
        // The solver numbered both meetings of slot 1 from 0; the kept one keeps table 0, the other moves to 1.
        let meetings = [
            Schedule.Meeting(buyer: Self.buyer.base, supplier: Self.other.base, slot: 1, table: 0),
            Schedule.Meeting(buyer: Self.buyer.base, supplier: Self.supplier.base, slot: 1, table: 1),
        ]
        #expect(SchedulePlanning.tables(for: meetings, plan: plan) == [1, 0])
    }
}
