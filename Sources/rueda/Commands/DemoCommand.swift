import ArgumentParser
import Foundation
import RuedaCommandLine
import RuedaCore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Generate a realistic demo population.", subcommands: [Generate.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Write companies, events, participants and requests CSVs (2022 Compra Lo Nuestro scale by default).")

        @Option(help: "Buyer companies.") var buyers = 2_303
        @Option(help: "Supplier companies.") var suppliers = 6_990
        @Option(help: "Rounds; companies are spread over them.") var events = 15
        @Option(help: "Random seed; the same seed gives the same files.") var seed: UInt64 = 2022
        @Option(help: "Output folder.") var out = "demo"

        func validate() throws {
            try FlagBounds.check(buyers, in: FlagBounds.companies, "--buyers")
            try FlagBounds.check(suppliers, in: FlagBounds.companies, "--suppliers")
            try FlagBounds.check(events, in: FlagBounds.rounds, "--events")
        }

        func run() throws {
            let files = DemoGenerator(.init(buyers: buyers, suppliers: suppliers, events: events, seed: seed))
                .generate()
            let folder = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in files.files {
                try Output.write(file.text, to: folder.appendingPathComponent(file.name).path)
            }
            print(
                "wrote \(files.files.count) files to \(out): \(buyers) buyers, \(suppliers) suppliers, \(events) events"
            )
        }
    }
}
