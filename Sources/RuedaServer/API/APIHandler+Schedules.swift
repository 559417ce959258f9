import Foundation
import OpenAPIRuntime
import RuedaCore
import RuedaExport
import RuedaSolver
import RuedaUseCases

extension APIHandler {
    func listSchedules(_ input: Operations.ListSchedules.Input) async throws -> Operations.ListSchedules.Output {
        let event = try await event(input.path.event)
        return .ok(.init(body: .json(try await rueda.scheduling.versions("id:\(event.id)").map { .init($0) })))
    }

    func solveSchedule(_ input: Operations.SolveSchedule.Input) async throws -> Operations.SolveSchedule.Output {
        let event = try await event(input.path.event)
        var settings = ScheduleSettings()
        var options = SolverOptions()
        var queue = false
        if case .json(let body)? = input.body {
            queue = body.queue ?? false
            let seconds = min(body.timeLimitSeconds ?? 10, configuration.maxSolveSeconds)
            guard seconds.isFinite, seconds >= 0 else {
                throw RuedaError(.invalidInput, "timeLimitSeconds must be 0 to \(configuration.maxSolveSeconds)")
            }
            options.timeLimit = .milliseconds(Int64(seconds * 1_000))
            options.seed = body.seed.map { UInt64(max(0, $0)) } ?? options.seed
            options.threads = body.threads ?? options.threads
            settings.gapPenalty = body.gapPenalty ?? settings.gapPenalty
            settings.shortfallPenalty = body.shortfallPenalty ?? settings.shortfallPenalty
            settings.requireMust = body.requireMust ?? true
            settings.keepPublished = body.keepPublished ?? false
            settings.matchRun = body.matchRun.map { MatchRunID($0) }
        }
        if queue {
            let job = try await acting().jobs.enqueueSolve("id:\(event.id)", settings: settings, options: options)
            return .accepted(.init(body: .json(.init(job))))
        }
        let report = try await acting().scheduling.solve("id:\(event.id)", settings: settings, options: options)
        return .created(.init(body: .json(.init(report.record))))
    }

    func getSchedule(_ input: Operations.GetSchedule.Input) async throws -> Operations.GetSchedule.Output {
        let event = try await event(input.path.event)
        let view = try await rueda.scheduling.show(
            "id:\(event.id)", version: input.path.version,
            company: try input.query.company.map { try NIT(parsing: $0) })
        return .ok(
            .init(
                body: .json(
                    .init(
                        version: .init(view.record), expectedCOP: view.expectedValue,
                        appointments: view.appointments.map { .init($0) }))))
    }

    func publishSchedule(_ input: Operations.PublishSchedule.Input) async throws -> Operations.PublishSchedule.Output {
        let event = try await event(input.path.event)
        let record = try await acting().scheduling.publish("id:\(event.id)", version: input.path.version)
        return .ok(.init(body: .json(.init(record))))
    }

    func getAgenda(_ input: Operations.GetAgenda.Input) async throws -> Operations.GetAgenda.Output {
        let event = try await event(input.path.event)
        let format: AgendaFormat =
            switch input.query.format ?? .json {
            case .csv: .csv
            case .ics: .ics
            case .json: .json
            case .html: .html
            }
        let master = input.path.agenda == "master"
        let company = master ? nil : try NIT(parsing: input.path.agenda)
        var text = ""
        _ = try await rueda.agendas.export(
            "id:\(event.id)", formats: [format], company: company, version: input.query.version
        ) { file in
            if master ? file.name.hasPrefix("master.") : file.name.hasSuffix(".\(format.rawValue)") { text = file.text }
        }
        if master && text.isEmpty {
            throw RuedaError(.invalidInput, "the master agenda has no \(format.rawValue) form; use csv, json or html")
        }
        switch format {
        case .csv: return .ok(.init(body: .csv(HTTPBody(text))))
        case .ics: return .ok(.init(body: .textCalendar(HTTPBody(text))))
        case .html: return .ok(.init(body: .html(HTTPBody(text))))
        case .json:
            let document = try JSONDecoder().decode(
                Operations.GetAgenda.Output.Ok.Body.JsonPayload.self, from: Data(text.utf8))
            return .ok(.init(body: .json(document)))
        }
    }

    func getEventReport(_ input: Operations.GetEventReport.Input) async throws -> Operations.GetEventReport.Output {
        let event = try await event(input.path.event)
        let report = try await rueda.reports.event("id:\(event.id)")
        if input.query.format == .html { return .ok(.init(body: .html(HTTPBody(ReportWriter.html(report))))) }
        return .ok(
            .init(
                body: .json(
                    try JSONDecoder().decode(
                        Operations.GetEventReport.Output.Ok.Body.JsonPayload.self,
                        from: Data(ReportWriter.json(report).utf8)))))
    }

    func getProgrammeReport(
        _ input: Operations.GetProgrammeReport.Input
    ) async throws -> Operations.GetProgrammeReport.Output {
        try requireAllEvents("the programme report")
        let report = try await rueda.reports.programme()
        if input.query.format == .html { return .ok(.init(body: .html(HTTPBody(ReportWriter.html(report))))) }
        return .ok(
            .init(
                body: .json(
                    try JSONDecoder().decode(
                        Operations.GetProgrammeReport.Output.Ok.Body.JsonPayload.self,
                        from: Data(ReportWriter.json(report).utf8)))))
    }
}
