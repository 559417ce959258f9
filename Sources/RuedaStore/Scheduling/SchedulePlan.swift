import Foundation
import PostgresNIO
import RuedaCore
import RuedaMatching
import RuedaSolver

/// How an event's problem is built from its enrolment and match run.
public struct ScheduleSettings: Sendable {
    /// Weight lost per hole in a company's day (weights are expected value in tens of thousands of pesos).
    public var gapPenalty = 100
    /// Weight lost per meeting a company gets below its minimum.
    public var shortfallPenalty = 300
    /// Candidates with a must-meet request from either side must be scheduled.
    public var requireMust = false
    /// Keep every meeting of the published schedule at its slot and table; fill free slots around them.
    public var keepPublished = false
    /// The match run whose candidates to use (default: the current one).
    public var matchRunID: Int64?

    public init() {}
}

/// A problem built from the database, with what is needed to store its solution.
public struct SchedulePlan: Sendable {
    public var problem: ScheduleProblem
    public var matchRunID: Int64?
    /// The published schedule this plan keeps, if any.
    public var basedOn: Int64?
    let companyIDs: [String: Int64]
    let slots: [EventSlot]
    /// Expected value in pesos by pair key (`buyer|supplier` as in the problem).
    let expectedValues: [String: Int64]
    /// Tables of kept published meetings by pair key.
    let keptTables: [String: Int]

    static func key(_ first: String, _ second: String) -> String { first + "|" + second }
}

/// Builds an event's schedule problem: its slots and tables, each participant's availability, limits and delegates,
/// and the match run's candidates weighted by expected value and stated interest.
public struct SchedulePlanner: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The weight of a candidate: expected value in tens of thousands of pesos, plus up to 300 for stated
    /// interest (mutual must-meet), plus 1 so that every candidate is worth holding.
    public static func weight(expectedValue: Int64, interest: Double) -> Int {
        1 + Int(min(expectedValue / 10_000, 1_000_000)) + Int((interest * 300).rounded())
    }

    public func plan(_ event: StoredEvent, settings: ScheduleSettings) async throws -> SchedulePlan {
        let matches = MatchRepository(database: database)
        let run: MatchRunRecord
        if let id = settings.matchRunID {
            guard let found = try await matches.run(id), found.eventID == event.id else {
                throw StoreError(.notFound, "match run \(id) is not a run of \(event.spec.code)")
            }
            run = found
        } else {
            guard let current = try await matches.current(in: event) else {
                throw StoreError(.notFound, "\(event.spec.code) has no match run; run 'rueda match run' first")
            }
            run = current
        }
        let enrolment = EnrolmentRepository(database: database)
        let participants = try await enrolment.participants(in: event).filter { $0.role != .participant }
        let requests = try await enrolment.requests(in: event)
        let candidates = try await matches.candidates(of: run)
        let ids = try await matches.companyIDs(in: event)
        let slots = try event.spec.slots()

        var musts = Set<String>()
        for request in requests where request.level == .must {
            musts.insert(SchedulePlan.key(request.from.base, request.to.base))
            musts.insert(SchedulePlan.key(request.to.base, request.from.base))
        }
        let companies = participants.map { participant in
            ScheduleProblem.Company(
                id: participant.nit.base, role: participant.role == .buyer ? .buyer : .supplier,
                available: participant.availableSlots.filter { $0 < slots.count },
                maxMeetings: participant.maxMeetings, minMeetings: participant.minMeetings,
                delegates: participant.delegates)
        }
        let enrolled = Set(companies.map(\.id))
        var problemCandidates: [ScheduleProblem.Candidate] = []
        var expected: [String: Int64] = [:]
        for candidate in candidates
        where enrolled.contains(candidate.buyer.base) && enrolled.contains(candidate.supplier.base) {
            let key = SchedulePlan.key(candidate.buyer.base, candidate.supplier.base)
            expected[key] = candidate.score.expectedValue
            problemCandidates.append(
                ScheduleProblem.Candidate(
                    buyer: candidate.buyer.base, supplier: candidate.supplier.base,
                    weight: Self.weight(
                        expectedValue: candidate.score.expectedValue, interest: candidate.score.interest),
                    required: settings.requireMust && musts.contains(key)))
        }
        var keptTables: [String: Int] = [:]
        var basedOn: Int64?
        if settings.keepPublished {
            let schedules = ScheduleRepository(database: database)
            guard let published = try await schedules.published(in: event) else {
                throw StoreError(.notFound, "\(event.spec.code) has no published schedule to keep")
            }
            basedOn = published.id
            // Candidates by pair, so that each published meeting finds its own without a scan.
            let position = Dictionary(
                problemCandidates.enumerated().map { (SchedulePlan.key($1.buyer, $1.supplier), $0) },
                uniquingKeysWith: { first, _ in first })
            for appointment in try await schedules.appointments(of: published) {
                let key = SchedulePlan.key(appointment.buyer.base, appointment.supplier.base)
                keptTables[key] = appointment.table
                if let index = position[key] {
                    problemCandidates[index].required = true
                    problemCandidates[index].fixedSlot = appointment.slot
                } else {
                    expected[key] = appointment.expectedValue
                    problemCandidates.append(
                        ScheduleProblem.Candidate(
                            buyer: appointment.buyer.base, supplier: appointment.supplier.base,
                            weight: Int(appointment.weight), required: true, fixedSlot: appointment.slot))
                }
            }
        }
        var problem = ScheduleProblem(
            slots: slots.count, tables: event.spec.tables, gapPenalty: settings.gapPenalty,
            shortfallPenalty: settings.shortfallPenalty, companies: companies, candidates: problemCandidates)
        problem.companies.sort { $0.id < $1.id }
        return SchedulePlan(
            problem: problem, matchRunID: run.id, basedOn: basedOn,
            companyIDs: Dictionary(ids.map { ($0.key.base, $0.value) }, uniquingKeysWith: { a, _ in a }),
            slots: slots, expectedValues: expected, keptTables: keptTables)
    }
}
