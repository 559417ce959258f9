import Foundation
import RuedaCore
import RuedaExport
import RuedaStore

/// A counterpart as a participant sees it: who it is and why Rueda suggests the meeting, never its contact data or
/// its score.
public struct CandidateCard: Sendable, Hashable {
    public let nit: NIT
    public let name: String
    public let department: String
    public let sector: String
    public let offersOrSeeks: String
    /// The sector both work in, when that is the basis of the match (a CIIU title).
    public let sharedSector: String?
    /// Whether the match rests on complementary sectors (packaging for food, say).
    public let complementary: Bool
    /// Products or services both mention.
    public let sharedProducts: [String]
    /// What the counterpart asked about meeting this participant, if anything.
    public let theirRequest: InterestLevel?
    /// What this participant asked, if anything.
    public let myRequest: InterestLevel?
}

/// One meeting of a participant's agenda with its latest reported outcome.
public struct ParticipantMeeting: Sendable, Hashable {
    public let pair: MeetingPair
    public let counterpart: NIT
    public let counterpartName: String
    public let startsAt: Date
    public let place: String
    public let outcome: Outcome?
}

/// What a participant may change of its profile from its pages.
public struct ProfileFields: Sendable {
    public var description: String
    public var products: String
    public var contactName: String
    public var email: String
    public var phone: String
    public var website: String
    /// Slots the participant can meet at.
    public var available: [Int]

    public init(
        description: String, products: String, contactName: String, email: String, phone: String, website: String,
        available: [Int]
    ) {
        self.description = description
        self.products = products
        self.contactName = contactName
        self.email = email
        self.phone = phone
        self.website = website
        self.available = available
    }
}

/// What a participant does on its own pages: always its own company in its own round, and nothing else.
public struct ParticipantUseCases: Sendable {
    let rueda: Rueda

    /// Whether the profile and availability may still change: until the round's schedule is published.
    public func profileEditable(_ session: ParticipantSession) -> Bool {
        session.event.status.precedes(.published)
    }

    /// Whether the participant may state whom it wants to meet.
    public func requestsOpen(_ session: ParticipantSession) -> Bool {
        session.event.requestsOpen && session.event.status.precedes(.published)
    }

    /// Whether the round is over (its last day has passed in its time zone, or it is closed): outcomes open then.
    public func outcomesOpen(_ session: ParticipantSession, now: Date = Date()) -> Bool {
        if session.event.status == .closed { return true }
        guard session.event.status.hasPublishedSchedule, let last = try? session.event.spec.slots().last else {
            return false
        }
        return last.endsAt < now
    }

    /// Changes the company's description, products and contact, and the participant's availability.
    public func updateProfile(_ session: ParticipantSession, _ fields: ProfileFields) async throws {
        guard profileEditable(session) else {
            throw RuedaError(.conflict, "the schedule is published: the profile can no longer change")
        }
        var changes = CompanyFields()
        (changes.description, changes.products, changes.contactName) = (
            fields.description, fields.products, fields.contactName
        )
        (changes.email, changes.phone, changes.website) = (fields.email, fields.phone, fields.website)
        let updated = try CompanyValidator(reference: rueda.reference)
            .validate(changes, existing: session.company.company).get()
        let slots = try session.event.spec.slots().count
        let available = Array(Set(fields.available.filter { (0..<slots).contains($0) })).sorted()
        guard !available.isEmpty else {
            throw RuedaError(
                .invalidInput, "choose at least one time when you can meet",
                issues: [ValidationIssue(field: "available", reason: "choose at least one slot")])
        }
        let participant = session.participant.participant
        let capacity = available.count * participant.delegates
        let maxMeetings = min(participant.maxMeetings, capacity)
        _ = try await CompanyRepository(database: rueda.database).upsert([updated])
        try await EnrolmentRepository(database: rueda.database).updateAvailability(
            session.participant.id, slots: available, maxMeetings: max(1, maxMeetings),
            minMeetings: min(participant.minMeetings, max(1, maxMeetings)))
        try await rueda.audit("participant.profile", event: session.event.id, subject: updated.nit.description)
    }

    /// The participant's candidates in the round's current match run, best first, with reasons.
    public func candidates(_ session: ParticipantSession, limit: Int = 50) async throws -> [CandidateCard] {
        guard let run = try await MatchRepository(database: rueda.database).current(in: session.event) else {
            return []
        }
        let me = session.company.company.nit
        let stored = try await MatchRepository(database: rueda.database).candidates(of: run, company: me, top: limit)
        let enrolment = EnrolmentRepository(database: rueda.database)
        let requests = try await enrolment.requests(in: session.event, involving: session.company.id)
        let counterparts = stored.map { $0.pair.buyer == me ? $0.supplierID : $0.buyerID }
        let participants = Dictionary(
            try await enrolment.participants(in: session.event, companies: counterparts).map {
                ($0.participant.nit, $0.participant)
            },
            uniquingKeysWith: { a, _ in a })
        let others = stored.map { $0.pair.counterpart(of: me) }
        let companies = try await CompanyRepository(database: rueda.database).find(others)
        return stored.map { candidate in
            let other = candidate.pair.counterpart(of: me)
            let company = companies[other]?.company
            return CandidateCard(
                nit: other, name: company?.name ?? "",
                department: company.flatMap { rueda.reference.departments.byCode[$0.departmentCode]?.name } ?? "",
                sector: company?.activities.first.flatMap { rueda.reference.ciiu.activities[$0]?.title } ?? "",
                offersOrSeeks: Self.offersOrSeeks(participants[other]),
                sharedSector: Self.sharedSector(candidate.sectorBasis, reference: rueda.reference),
                complementary: candidate.sectorBasis.hasPrefix("complementary"),
                sharedProducts: candidate.sharedTerms,
                theirRequest: requests.first { $0.from == other && $0.to == me }?.level,
                myRequest: requests.first { $0.from == me && $0.to == other }?.level)
        }
    }

    static func offersOrSeeks(_ participant: Participant?) -> String {
        guard let participant else { return "" }
        let texts =
            participant.role == .buyer
            ? participant.demands.map(\.keywords) : participant.offers.map(\.products)
        return texts.filter { !$0.isEmpty }.joined(separator: "; ")
    }

    /// The CIIU title of the sector a stored basis names (`class 1061`, `covered 106 by 1061`).
    static func sharedSector(_ basis: String, reference: ReferenceData) -> String? {
        let words = basis.split(separator: " ").map(String.init)
        guard let first = words.first, first != "none", first != "complementary" else { return nil }
        let code = first == "covered" ? words.last : words.dropFirst().first
        return code.flatMap { reference.ciiu.activities[$0]?.title }
    }

    /// States whether the participant wants to meet a candidate (must, like, or no).
    public func setInterest(_ session: ParticipantSession, counterpart: NIT, level: InterestLevel) async throws {
        guard requestsOpen(session) else {
            throw RuedaError(.conflict, "the organiser has closed requests for this round")
        }
        let candidates = try await candidates(session, limit: 10_000)
        guard candidates.contains(where: { $0.nit == counterpart }) else {
            throw RuedaError(.notFound, "\(counterpart) is not among your candidates")
        }
        _ = try await rueda.enrolment.request(
            "id:\(session.event.id)", from: session.company.company.nit.base, to: counterpart.base,
            level: level.rawValue)
    }

    /// The participant's agenda in the published schedule, and the time to stamp calendar files with; nil before
    /// publishing.
    public func agenda(_ session: ParticipantSession) async throws -> (agenda: Agenda, stamp: Date)? {
        guard let published = try await published(session) else { return nil }
        return try await rueda.agendas.agenda(
            of: session.event, record: published, company: (session.company.company.nit, session.company.id))
    }

    /// The participant's agenda rendered by `render`, nil before publishing. The rendition is kept beside the cached
    /// agenda under `variant` (everything else it was rendered from), so that a page viewed again is not rendered
    /// again; it goes when the agenda does, and a new publication is a new agenda.
    public func renderedAgenda(
        _ session: ParticipantSession, variant: String, render: (Agenda) throws -> [UInt8]
    ) async throws -> [UInt8]? {
        let company = session.company.id
        if session.event.status.hasPublishedSchedule, let schedule = session.publishedSchedule,
            let kept = rueda.agendaCache?.rendition(variant, schedule: schedule, company: company)
        {
            return kept
        }
        guard let published = try await published(session) else { return nil }
        let (agenda, _) = try await rueda.agendas.agenda(
            of: session.event, record: published, company: (session.company.company.nit, company))
        let rendition = try render(agenda)
        rueda.agendaCache?.keep(rendition, variant: variant, schedule: published.id, company: company)
        return rendition
    }

    /// The published schedule version of the participant's round, or nil before publishing.
    private func published(_ session: ParticipantSession) async throws -> ScheduleRecord? {
        guard session.event.status.hasPublishedSchedule else { return nil }
        return try await ScheduleRepository(database: rueda.database).published(in: session.event)
    }

    /// The participant's agenda as an iCalendar file, for download or a live calendar feed.
    public func calendar(_ session: ParticipantSession) async throws -> String? {
        guard let (agenda, stamp) = try await agenda(session) else { return nil }
        return AgendaWriter(agenda: agenda).companyICS(session.company.company.nit, stamp: stamp)
    }

    /// The participant's meetings with their latest outcomes.
    public func meetings(_ session: ParticipantSession) async throws -> [ParticipantMeeting] {
        guard let (agenda, _) = try await agenda(session) else { return [] }
        let me = session.company.company.nit
        let outcomes = Dictionary(
            try await OutcomeRepository(database: rueda.database).latest(in: session.event).map {
                ($0.outcome.pair, $0.outcome)
            }, uniquingKeysWith: { a, _ in a })
        return agenda.appointments(of: me).map { appointment in
            let other = appointment.pair.counterpart(of: me)
            return ParticipantMeeting(
                pair: appointment.pair, counterpart: other, counterpartName: agenda.companies[other]?.name ?? "",
                startsAt: agenda.slots[appointment.slot].startsAt, place: agenda.place(appointment.table),
                outcome: outcomes[appointment.pair])
        }
    }

    /// Records how one of the participant's meetings went, once the round is over.
    public func recordOutcome(
        _ session: ParticipantSession, counterpart: NIT, status: String, expected: String, horizon: String
    ) async throws {
        guard outcomesOpen(session) else {
            throw RuedaError(.conflict, "outcomes can be reported once the round is over")
        }
        guard let meeting = try await meetings(session).first(where: { $0.counterpart == counterpart }) else {
            throw RuedaError(.notFound, "you have no meeting with \(counterpart) in this round")
        }
        _ = try await rueda.outcomes.record(
            "id:\(session.event.id)",
            OutcomeFields(
                buyer: meeting.pair.buyer.base, supplier: meeting.pair.supplier.base, status: status,
                expected: expected,
                horizon: horizon, reportedBy: session.actor))
    }
}
