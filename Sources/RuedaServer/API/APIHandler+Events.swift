import Foundation
import OpenAPIRuntime
import RuedaCore
import RuedaMatching
import RuedaSolver
import RuedaUseCases

extension APIHandler {
    func listEvents(_ input: Operations.ListEvents.Input) async throws -> Operations.ListEvents.Output {
        let principal = try principal()
        let events = try await rueda.events.list().filter { principal.may($0.event.id) }
        return .ok(
            .init(
                body: .json(
                    events.map {
                        .init(event: .init($0.event), buyers: $0.buyers, suppliers: $0.suppliers, requests: $0.requests)
                    })))
    }

    func createEvent(_ input: Operations.CreateEvent.Input) async throws -> Operations.CreateEvent.Output {
        try requireAllEvents("creating rounds")
        guard case .json(let body) = input.body else { throw RuedaError(.invalidInput, "send the round as JSON") }
        let fields = EventFields(
            code: body.code, name: body.name, dates: body.dates, start: body.start ?? "08:00", end: body.end ?? "17:00",
            slotMinutes: String(body.slotMinutes ?? 20), breaks: body.breaks ?? [],
            tables: body.tables.map(String.init) ?? "", timeZone: body.timeZone ?? "", mode: body.mode ?? "",
            roomLink: body.roomLink ?? "")
        let event = try await acting().events.create(fields)
        return .created(.init(body: .json(.init(event))))
    }

    func getEvent(_ input: Operations.GetEvent.Input) async throws -> Operations.GetEvent.Output {
        .ok(.init(body: .json(.init(try await event(input.path.event)))))
    }

    func updateEvent(_ input: Operations.UpdateEvent.Input) async throws -> Operations.UpdateEvent.Output {
        let event = try await event(input.path.event)
        guard case .json(let body) = input.body else { throw RuedaError(.invalidInput, "send the change as JSON") }
        let updated = try await acting().events.setRequestsOpen("id:\(event.id)", body.requestsOpen)
        return .ok(.init(body: .json(.init(updated))))
    }

    func enrol(_ input: Operations.Enrol.Input) async throws -> Operations.Enrol.Output {
        let event = try await event(input.path.event)
        guard case .csv(let body) = input.body else { throw RuedaError(.invalidInput, "send the file as text/csv") }
        let mode = ImportMode(dryRun: input.query.dryRun ?? false, skipInvalid: input.query.skipInvalid ?? false)
        let report = try await acting().enrolment.enrol(
            "id:\(event.id)", file: try await file(body, name: "participants.csv"), mode: mode)
        return .ok(.init(body: .json(.init(report, dryRun: mode.dryRun) { "\($0)" })))
    }

    func importRequests(_ input: Operations.ImportRequests.Input) async throws -> Operations.ImportRequests.Output {
        let event = try await event(input.path.event)
        guard case .csv(let body) = input.body else { throw RuedaError(.invalidInput, "send the file as text/csv") }
        let mode = ImportMode(dryRun: input.query.dryRun ?? false, skipInvalid: input.query.skipInvalid ?? false)
        let report = try await acting().enrolment.importRequests(
            "id:\(event.id)", file: try await file(body, name: "requests.csv"), mode: mode)
        return .ok(.init(body: .json(.init(report, dryRun: mode.dryRun) { "\($0)" })))
    }

    func listMatchRuns(_ input: Operations.ListMatchRuns.Input) async throws -> Operations.ListMatchRuns.Output {
        let event = try await event(input.path.event)
        return .ok(.init(body: .json(try await rueda.matching.runs("id:\(event.id)").map { .init($0) })))
    }

    func runMatch(_ input: Operations.RunMatch.Input) async throws -> Operations.RunMatch.Output {
        let event = try await event(input.path.event)
        var options = MatchOptions()
        var configuration = MatchConfiguration()
        var queue = false
        if case .json(let body)? = input.body {
            queue = body.queue ?? false
            options.limitPerBuyer = body.limitPerBuyer ?? options.limitPerBuyer
            options.limitPerSupplier = body.limitPerSupplier ?? options.limitPerSupplier
            if let overrides = body.configuration {
                configuration = try MatchConfiguration.decode(try JSONEncoder().encode(overrides))
            }
        }
        if queue {
            let job = try await acting().jobs.enqueueMatch(
                "id:\(event.id)", configuration: configuration, options: options)
            return .accepted(.init(body: .json(.init(job))))
        }
        let report = try await acting().matching.run("id:\(event.id)", configuration: configuration, options: options)
        return .created(.init(body: .json(.init(report.record))))
    }

    func listCandidates(_ input: Operations.ListCandidates.Input) async throws -> Operations.ListCandidates.Output {
        let event = try await event(input.path.event)
        let query = input.query
        let (_, candidates) = try await rueda.matching.candidates(
            "id:\(event.id)", run: query.run.map { MatchRunID($0) },
            company: try query.company.map { try NIT(parsing: $0) },
            top: query.top ?? 50)
        return .ok(.init(body: .json(candidates.map { .init($0) })))
    }
}
