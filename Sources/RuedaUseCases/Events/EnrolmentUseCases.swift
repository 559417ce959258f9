import RuedaCore
import RuedaStore

/// Enrolling companies in rounds and recording whom they want to meet.
public struct EnrolmentUseCases: Sendable {
    let rueda: Rueda

    var repository: EnrolmentRepository { EnrolmentRepository(database: rueda.database) }

    /// Enrols the companies of a CSV file (one demand or offer per row) in a round.
    public func enrol(
        _ reference: String, file: ImportFile, mode: ImportMode = ImportMode()
    ) async throws
        -> ImportReport<EnrolmentSummary>
    {
        let table = try CSVImport.table(file, columns: EnrolmentValidator.columns)
        let event = try await rueda.selection.event(reference)
        let nits = table.rows.compactMap { try? NIT(parsing: $0["nit"]) }
        let companies = try await CompanyRepository(database: rueda.database).find(nits).mapValues(\.company)
        let validator = EnrolmentValidator(
            reference: rueda.reference, event: event.spec, slots: try event.spec.slots(), companies: companies)
        let result = RowImport.enrolment(table: table, validator: validator)
        return try await CSVImport.settle(result, table: table, file: file, mode: mode) { participants in
            let summary = try await repository.enrol(participants, in: event)
            try await rueda.audit("event.enrol", event: event.id, subject: "\(file.name): \(summary)")
            return summary
        }
    }

    /// Records one participant's interest in meeting another (a flag or a form).
    public func request(
        _ reference: String, from: String, to: String, level: String, note: String = ""
    ) async throws -> MeetingRequest {
        let event = try await rueda.selection.event(reference)
        let validator = MeetingRequestValidator(enrolled: try await enrolled(in: event))
        let request = try validator.validate(from: from, to: to, level: level, note: note, row: nil).get()
        _ = try await repository.saveRequests([request], in: event)
        try await rueda.audit(
            "event.request", event: event.id, subject: "\(request.from) → \(request.to): \(request.level.rawValue)")
        return request
    }

    /// Records the meeting requests of a CSV file (from_nit, to_nit, level, note).
    public func importRequests(
        _ reference: String, file: ImportFile, mode: ImportMode = ImportMode()
    ) async throws
        -> ImportReport<UpsertSummary>
    {
        let table = try CSVImport.table(file, columns: MeetingRequestValidator.columns)
        let event = try await rueda.selection.event(reference)
        let validator = MeetingRequestValidator(enrolled: try await enrolled(in: event))
        let result = RowImport.requests(table: table, validator: validator)
        return try await CSVImport.settle(result, table: table, file: file, mode: mode) { requests in
            let summary = try await repository.saveRequests(requests, in: event)
            try await rueda.audit("event.requests", event: event.id, subject: "\(file.name): \(summary)")
            return summary
        }
    }

    func enrolled(in event: StoredEvent) async throws -> Set<NIT> {
        Set(try await repository.participants(in: event).map(\.participant.nit))
    }
}
