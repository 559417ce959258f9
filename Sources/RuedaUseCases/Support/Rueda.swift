import Logging
import RuedaCore
import RuedaStore

/// Rueda's use cases, the one place where the work of organising business rounds is done: the command line and the
/// HTTP service both call these and only these. Each use case takes typed input, returns typed output, and reports
/// its steps through ``ProgressReporter``.
public struct Rueda: Sendable {
    public let database: Database
    public let reference: ReferenceData
    public let progress: any ProgressReporter
    /// Who is acting, for the audit trail (`cli:USER`, `apikey:3 name`, `participant:NIT in EVENT`).
    public let actor: String
    /// The job a worker runs these use cases for: a stored result completes it in the same transaction.
    public let lease: JobLease?
    /// Published agendas kept in memory by a long-running service; nil (the command line) reads them every time.
    public let agendaCache: AgendaCache?
    /// Server secrets kept in memory by a long-running service; nil reads them every time.
    public let secretCache: SecretCache?
    /// Participants' rounds, companies and participations kept by a long-running service, checked against a stamp
    /// read with every session; nil reads them every time.
    public let participantCache: ParticipantCache?

    public init(
        database: Database, reference: ReferenceData, progress: any ProgressReporter = SilentProgress(),
        actor: String = "cli", lease: JobLease? = nil, agendaCache: AgendaCache? = nil,
        secretCache: SecretCache? = nil, participantCache: ParticipantCache? = nil
    ) {
        self.database = database
        self.reference = reference
        self.progress = progress
        self.actor = actor
        self.lease = lease
        self.agendaCache = agendaCache
        self.secretCache = secretCache
        self.participantCache = participantCache
    }

    /// The same use cases acting for someone else.
    public func acting(as actor: String) -> Rueda {
        Rueda(
            database: database, reference: reference, progress: progress, actor: actor, lease: lease,
            agendaCache: agendaCache, secretCache: secretCache, participantCache: participantCache)
    }

    /// The same use cases reporting progress elsewhere.
    public func reporting(to progress: any ProgressReporter) -> Rueda {
        Rueda(
            database: database, reference: reference, progress: progress, actor: actor, lease: lease,
            agendaCache: agendaCache, secretCache: secretCache, participantCache: participantCache)
    }

    /// The same use cases working for a job: the result they store completes it.
    public func working(on lease: JobLease) -> Rueda {
        Rueda(
            database: database, reference: reference, progress: progress, actor: actor, lease: lease,
            agendaCache: agendaCache, secretCache: secretCache, participantCache: participantCache)
    }

    /// Records a write in the audit trail.
    func audit(_ action: String, event: EventID? = nil, subject: String = "") async throws {
        try await AuditRepository(database: database).record(
            actor: actor, action: action, event: event, subject: subject)
    }

    public var companies: CompanyUseCases { CompanyUseCases(rueda: self) }
    public var events: EventUseCases { EventUseCases(rueda: self) }
    public var enrolment: EnrolmentUseCases { EnrolmentUseCases(rueda: self) }
    public var matching: MatchUseCases { MatchUseCases(rueda: self) }
    public var scheduling: ScheduleUseCases { ScheduleUseCases(rueda: self) }
    public var agendas: AgendaUseCases { AgendaUseCases(rueda: self) }
    public var outcomes: OutcomeUseCases { OutcomeUseCases(rueda: self) }
    public var reports: ReportUseCases { ReportUseCases(rueda: self) }
    public var access: AccessUseCases { AccessUseCases(rueda: self) }
    public var participants: ParticipantUseCases { ParticipantUseCases(rueda: self) }
    public var jobs: JobUseCases { JobUseCases(rueda: self) }
    /// Resolves what a user names: an event, a match run, a schedule version.
    public var selection: Selection { Selection(database: database) }

    /// A stopwatch that reports each step it times to this instance's progress reporter.
    func stopwatch() -> Stopwatch { Stopwatch(progress: progress) }
}
