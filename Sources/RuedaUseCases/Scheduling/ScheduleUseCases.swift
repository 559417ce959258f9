import RuedaCore
import RuedaSolver
import RuedaStore

/// Scheduling a round's meetings: solving drafts, publishing one, and reading versions back.
public struct ScheduleUseCases: Sendable {
    let rueda: Rueda

    var repository: ScheduleRepository { ScheduleRepository(database: rueda.database) }

    /// Builds the round's problem from its enrolment and match run, solves it and stores a draft version. Holds the
    /// round's writer lock throughout.
    public func solve(
        _ reference: String, settings: ScheduleSettings = ScheduleSettings(), options: SolverOptions = SolverOptions()
    ) async throws -> SolveReport {
        let event = try await rueda.selection.event(reference)
        return try await rueda.database.withEventLock(eventID: event.id, code: event.spec.code) {
            var watch = rueda.stopwatch()
            var (plan, run, ids, basedOn) = try await watch.step("build") { try await self.plan(event, settings) }
            var schedule = try await watch.step("solve") { try Solver.solve(plan.problem, options: options) }
            if !schedule.status.holdsEveryRequired,
                plan.problem.candidates.contains(where: { $0.required && $0.fixedSlot == nil })
            {
                // The must-meet requirements cannot be held together: solve again with them as strong
                // preferences, and say which ones the solver could not place and why.
                let why = schedule.explanation
                var relaxed = plan
                for index in relaxed.problem.candidates.indices where relaxed.problem.candidates[index].fixedSlot == nil
                {
                    relaxed.problem.candidates[index].required = false
                }
                schedule = try await watch.step("solve again") { try Solver.solve(relaxed.problem, options: options) }
                plan = relaxed
                plan.releasedMusts.append(
                    "the must-meet requirements could not all be held together, so they were solved as strong "
                        + "preferences: " + why.joined(separator: "; "))
            }
            schedule.explanation = plan.releasedMusts + schedule.explanation
            let record = try await watch.step("store") {
                try await repository.saveDraft(
                    try Self.draft(schedule, plan: plan, ids: ids, event: event, run: run, basedOn: basedOn),
                    completing: rueda.lease)
            }
            try await rueda.audit("schedule.solve", event: event.id, subject: "version \(record.version)")
            return SolveReport(
                record: record, event: event, matchRun: run, problem: plan.problem, schedule: schedule,
                timings: watch.timings)
        }
    }

    /// The round's problem as it would be solved now, with the identities needed to store its solution.
    func plan(
        _ event: StoredEvent, _ settings: ScheduleSettings
    ) async throws
        -> (SchedulePlan, MatchRunID, [NIT: CompanyID], ScheduleID?)
    {
        let run = try await rueda.selection.matchRun(settings.matchRun, of: event)
        let enrolment = EnrolmentRepository(database: rueda.database)
        let participants = try await enrolment.participants(in: event)
        let candidates = try await MatchRepository(database: rueda.database).candidates(of: run).map {
            PlanCandidate(pair: $0.pair, expectedValue: $0.score.expectedValue, interest: $0.score.interest)
        }
        var kept: [KeptMeeting] = []
        var basedOn: ScheduleID?
        if settings.keepPublished {
            let published = try await rueda.selection.version(.published, of: event)
            basedOn = published.id
            kept = try await repository.appointments(of: published).map {
                KeptMeeting(
                    pair: $0.pair, slot: $0.slot, table: $0.table, weight: Int($0.weight),
                    expectedValue: $0.expectedValue)
            }
        }
        let plan = SchedulePlanning.plan(
            slots: try event.spec.slots().count, tables: event.spec.tables,
            participants: participants.map(\.participant), candidates: candidates,
            requests: try await enrolment.requests(in: event), kept: kept, settings: settings)
        let ids = Dictionary(participants.map { ($0.participant.nit, $0.companyID) }, uniquingKeysWith: { a, _ in a })
        return (plan, run.id, ids, basedOn)
    }

    static func draft(
        _ schedule: Schedule, plan: SchedulePlan, ids: [NIT: CompanyID], event: StoredEvent, run: MatchRunID,
        basedOn: ScheduleID?
    ) throws -> NewScheduleVersion {
        var weights: [MeetingPair: (weight: Int, required: Bool)] = [:]
        for candidate in plan.problem.candidates {
            if let pair = plan.pair(candidate.buyer, candidate.supplier) {
                weights[pair] = (candidate.weight, candidate.required)
            }
        }
        let tables = SchedulePlanning.tables(for: schedule.meetings, plan: plan)
        let appointments = try zip(schedule.meetings, tables).map { meeting, table in
            guard let pair = plan.pair(meeting), let buyer = ids[pair.buyer], let supplier = ids[pair.supplier] else {
                throw RuedaError(
                    .conflict, "meeting \(meeting.buyer)–\(meeting.supplier) refers to a company not in the event")
            }
            let (weight, required) = weights[pair] ?? (0, false)
            return NewScheduleVersion.Appointment(
                buyer: buyer, supplier: supplier, slot: meeting.slot, table: table, weight: Int64(weight),
                expectedValue: plan.expectedValues[pair] ?? 0, required: required)
        }
        return NewScheduleVersion(
            event: event, matchRun: run, basedOn: basedOn, problem: plan.problem, objective: Int64(schedule.objective),
            upperBound: Int64(schedule.upperBound), solverStatus: schedule.status, stats: schedule.stats,
            explanation: schedule.explanation, appointments: appointments)
    }

    /// Publishes a draft (default: the newest): it is frozen and supersedes the published one. Holds the round's
    /// writer lock.
    public func publish(_ reference: String, version: Int? = nil) async throws -> ScheduleRecord {
        let event = try await rueda.selection.event(reference)
        return try await rueda.database.withEventLock(eventID: event.id, code: event.spec.code) {
            let target = try await rueda.selection.version(version, else: .newestDraft, of: event)
            guard target.status == .draft else {
                throw RuedaError(
                    .conflict,
                    "version \(target.version) of \(event.spec.code) is \(target.status.rawValue), not a draft")
            }
            guard target.solverStatus.holdsEveryRequired else {
                throw RuedaError(
                    .invalidInput,
                    "version \(target.version) is \(target.solverStatus.rawValue) (some required meetings are missing)")
            }
            let published = try await repository.publish(target, in: event)
            try await rueda.audit("schedule.publish", event: event.id, subject: "version \(published.version)")
            return published
        }
    }

    /// A version (default: the published one, else the newest) with its appointments, or one company's.
    public func show(_ reference: String, version: Int? = nil, company: NIT? = nil) async throws -> ScheduleView {
        let event = try await rueda.selection.event(reference)
        let record = try await rueda.selection.version(version, else: .publishedOrNewest, of: event)
        return ScheduleView(
            event: event, record: record,
            appointments: try await repository.appointments(of: record, company: company))
    }

    /// Every version of a round, newest first.
    public func versions(_ reference: String) async throws -> [ScheduleRecord] {
        try await repository.versions(in: try await rueda.selection.event(reference))
    }

    /// The problem of a version (default: published, else newest), or the one the round would be solved from now.
    public func problem(_ reference: String, version: Int? = nil, fresh: Bool = false) async throws -> ScheduleProblem {
        let event = try await rueda.selection.event(reference)
        if fresh { return try await plan(event, ScheduleSettings()).0.problem }
        return try await repository.problem(
            of: try await rueda.selection.version(version, else: .publishedOrNewest, of: event))
    }
}

/// What solving a round did.
public struct SolveReport: Sendable {
    public let record: ScheduleRecord
    public let event: StoredEvent
    public let matchRun: MatchRunID
    public let problem: ScheduleProblem
    public let schedule: Schedule
    public let timings: Timings
}

/// A schedule version and its appointments.
public struct ScheduleView: Sendable {
    public let event: StoredEvent
    public let record: ScheduleRecord
    public let appointments: [StoredAppointment]

    /// Expected value of the appointments shown, in pesos.
    public var expectedValue: Int64 { appointments.saturatingSum(\.expectedValue) }
}
