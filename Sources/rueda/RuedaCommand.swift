import ArgumentParser
import Foundation
import RuedaCore
import RuedaUseCases

@main
struct RuedaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rueda",
        abstract: "Business-round matchmaking: register companies, enrol them in rounds, match and schedule meetings.",
        version: "0.1.0",
        subcommands: [
            DBCommand.self, CompanyCommand.self, EventCommand.self, DemoCommand.self, ReferenceCommand.self,
            MatchCommand.self, SolveCommand.self, ScheduleCommand.self, AgendaCommand.self, OutcomeCommand.self,
            ReportCommand.self, ServeCommand.self, APIKeyCommand.self, InviteCommand.self, JobCommand.self,
            WorkerCommand.self,
        ]
    )

    /// Runs the command; every message that reaches the terminal, including ones that echo input, is printed with
    /// control characters made visible, and database errors say how to see their details.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // Errors of Rueda's modules become one type with one wording; ArgumentParser's own stay as they are.
            let known = error is CLIError || error is ExitCode || error is ValidationError || error is CleanExit
            let reported: any Error = known || isParserError(error) ? error : RuedaError(error)
            let code = exitCode(for: reported)
            var message = fullMessage(for: reported)
            if let rueda = reported as? RuedaError, rueda.detailsLogged {
                message += " (the database's message was logged: run again with --verbose to see it)"
            }
            if !message.isEmpty {
                let text = message.visibleForTerminal + (message.hasSuffix("\n") ? "" : "\n")
                let handle = code == .success ? FileHandle.standardOutput : FileHandle.standardError
                handle.write(Data(text.utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }

    /// Whether ArgumentParser raised the error itself (a bad flag, help requested).
    static func isParserError(_ error: any Error) -> Bool {
        String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }
}
