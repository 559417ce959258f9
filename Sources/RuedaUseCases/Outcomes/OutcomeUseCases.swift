import RuedaCore
import RuedaStore

/// Recording what happened at appointments after a round, as a history.
public struct OutcomeUseCases: Sendable {
    let rueda: Rueda

    var repository: OutcomeRepository { OutcomeRepository(database: rueda.database) }

    /// The pairs of the published schedule: the appointments outcomes may refer to.
    func validator(for event: StoredEvent) async throws -> OutcomeValidator {
        let published = try await rueda.selection.version(.published, of: event)
        let appointments = try await ScheduleRepository(database: rueda.database).appointments(of: published)
        return OutcomeValidator(appointments: Set(appointments.map(\.pair)))
    }

    /// Records one appointment's outcome; later reports add to its history.
    public func record(_ reference: String, _ fields: OutcomeFields) async throws -> Outcome {
        let event = try await rueda.selection.event(reference)
        let outcome = try await validator(for: event).validate(
            buyer: fields.buyer, supplier: fields.supplier, status: fields.status, expected: fields.expected,
            horizon: fields.horizon, note: fields.note, reportedBy: fields.reportedBy, row: nil
        ).get()
        try await repository.record([outcome], in: event)
        try await rueda.audit("outcome.record", event: event.id, subject: "\(outcome.pair): \(outcome.status.rawValue)")
        return outcome
    }

    /// Records the outcomes of a CSV file, all or nothing.
    public func importFile(
        _ reference: String, file: ImportFile, reporter: String, mode: ImportMode = ImportMode()
    ) async throws -> ImportReport<Int> {
        let table = try CSVImport.table(file, columns: OutcomeValidator.columns)
        let event = try await rueda.selection.event(reference)
        let validator = try await validator(for: event)
        let result = RowImport(table: table) { row in validator.validate(row: row, defaultReporter: reporter) }
        return try await CSVImport.settle(result, table: table, file: file, mode: mode) { outcomes in
            try await repository.record(outcomes, in: event)
            try await rueda.audit("outcome.import", event: event.id, subject: "\(file.name): \(outcomes.count)")
            return outcomes.count
        }
    }

    /// The latest outcome of each appointment, or every report oldest first.
    public func list(_ reference: String, history: Bool = false) async throws -> [StoredOutcome] {
        let event = try await rueda.selection.event(reference)
        return history ? try await repository.history(in: event) : try await repository.latest(in: event)
    }
}

/// An outcome as typed (flags or a form), before validation.
public struct OutcomeFields: Sendable {
    public var buyer: String
    public var supplier: String
    public var status: String
    public var expected: String
    public var horizon: String
    public var note: String
    public var reportedBy: String

    public init(
        buyer: String, supplier: String, status: String, expected: String = "", horizon: String = "",
        note: String = "", reportedBy: String
    ) {
        self.buyer = buyer
        self.supplier = supplier
        self.status = status
        self.expected = expected
        self.horizon = horizon
        self.note = note
        self.reportedBy = reportedBy
    }
}
