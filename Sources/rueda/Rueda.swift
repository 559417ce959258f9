import ArgumentParser

@main
struct Rueda: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rueda",
        abstract: "Business-round matchmaking: register companies, enrol them in rounds, match and schedule meetings.",
        version: "0.1.0",
        subcommands: [
            DBCommand.self, CompanyCommand.self, EventCommand.self, DemoCommand.self, ReferenceCommand.self,
            MatchCommand.self, SolveCommand.self, ScheduleCommand.self, AgendaCommand.self, OutcomeCommand.self,
            ReportCommand.self,
            BenchCommand.self,
        ]
    )
}
