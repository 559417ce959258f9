import Foundation
import OpenAPIRuntime
import RuedaCore
import RuedaUseCases

extension APIHandler {
    func listOutcomes(_ input: Operations.ListOutcomes.Input) async throws -> Operations.ListOutcomes.Output {
        let event = try await event(input.path.event)
        let outcomes = try await rueda.outcomes.list("id:\(event.id)", history: input.query.history ?? false)
        return .ok(.init(body: .json(outcomes.map { .init($0.outcome, reportedAt: $0.reportedAt) })))
    }

    func recordOutcome(_ input: Operations.RecordOutcome.Input) async throws -> Operations.RecordOutcome.Output {
        let event = try await event(input.path.event)
        guard case .json(let body) = input.body else { throw RuedaError(.invalidInput, "send the outcome as JSON") }
        let outcome = try await acting().outcomes.record(
            "id:\(event.id)",
            OutcomeFields(
                buyer: body.buyer, supplier: body.supplier, status: body.status, expected: body.expectedCOP ?? "",
                horizon: body.horizon ?? "", note: body.note ?? "",
                reportedBy: body.reportedBy ?? (try principal().name)))
        return .created(.init(body: .json(.init(outcome))))
    }

    func importOutcomes(_ input: Operations.ImportOutcomes.Input) async throws -> Operations.ImportOutcomes.Output {
        let event = try await event(input.path.event)
        guard case .csv(let body) = input.body else { throw RuedaError(.invalidInput, "send the file as text/csv") }
        let mode = ImportMode(dryRun: input.query.dryRun ?? false)
        let report = try await acting().outcomes.importFile(
            "id:\(event.id)", file: try await file(body, name: "outcomes.csv"), reporter: try principal().name,
            mode: mode)
        return .ok(.init(body: .json(.init(report, dryRun: mode.dryRun) { "\($0) outcomes" })))
    }

    func createInvites(_ input: Operations.CreateInvites.Input) async throws -> Operations.CreateInvites.Output {
        let event = try await event(input.path.event)
        var company: NIT?
        var days = 30
        var base = configuration.publicURL
        if case .json(let body)? = input.body {
            company = try body.company.map { try NIT(parsing: $0) }
            days = body.expiresDays ?? days
            base = body.baseURL ?? base
        }
        let invites = try await acting().access.createInvites(
            "id:\(event.id)", company: company, expiresInDays: days, baseURL: base)
        return .created(.init(body: .json(invites.map { .init($0) })))
    }
}
