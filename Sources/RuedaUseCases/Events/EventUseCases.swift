import RuedaCore
import RuedaStore

/// Creating and listing rounds.
public struct EventUseCases: Sendable {
    let rueda: Rueda

    var repository: EventRepository { EventRepository(database: rueda.database) }

    /// Creates a round from its fields; the code must be new.
    public func create(_ fields: EventFields) async throws -> StoredEvent {
        let spec = try fields.validate().get()
        return try await create(spec)
    }

    /// Creates a round from a specification; the code must be new.
    public func create(_ spec: EventSpec) async throws -> StoredEvent {
        let issues = spec.validate()
        guard issues.isEmpty else { throw RuedaError(InputError(issues)) }
        if try await repository.event(code: spec.code) != nil {
            throw RuedaError(.conflict, "an event with code '\(spec.code)' already exists; choose another code")
        }
        let event = try await repository.create(spec, slots: try spec.slots())
        try await rueda.audit("event.create", event: event.id, subject: spec.code)
        return event
    }

    /// Creates the rounds of a CSV file that do not exist yet; returns the codes created and those that existed.
    public func importFile(
        _ file: ImportFile, mode: ImportMode = ImportMode()
    ) async throws
        -> ImportReport<(created: [String], existing: [String])>
    {
        let table = try CSVImport.table(file, columns: EventFields.columns)
        let result = RowImport(table: table) { row in EventFields(row: row).validate(row: row.number) }
        return try await CSVImport.settle(result, table: table, file: file, mode: mode) { specs in
            var created: [String] = []
            var existing: [String] = []
            for spec in specs {
                if try await repository.event(code: spec.code) != nil {
                    existing.append(spec.code)
                } else {
                    _ = try await create(spec)
                    created.append(spec.code)
                }
            }
            return (created, existing)
        }
    }

    /// Every round with its enrolment counts, in date order.
    public func list() async throws -> [EventSummary] {
        try await repository.list()
    }

    /// A round with its participants and requests.
    public func show(_ reference: String) async throws -> EventDetail {
        let event = try await rueda.selection.event(reference)
        let enrolment = EnrolmentRepository(database: rueda.database)
        return EventDetail(
            event: event, participants: try await enrolment.participants(in: event).map(\.participant),
            requests: try await enrolment.requests(in: event))
    }
}

/// A round with its enrolment.
public struct EventDetail: Sendable {
    public let event: StoredEvent
    public let participants: [Participant]
    public let requests: [MeetingRequest]
}

extension EventUseCases {
    /// Opens or closes a round to its participants' meeting requests.
    public func setRequestsOpen(_ reference: String, _ open: Bool) async throws -> StoredEvent {
        let event = try await rueda.selection.event(reference)
        try await repository.setRequestsOpen(open, for: event.id)
        try await rueda.audit(open ? "event.requests.open" : "event.requests.close", event: event.id)
        return try await rueda.selection.event(reference)
    }
}
