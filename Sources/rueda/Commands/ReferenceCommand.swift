import ArgumentParser
import RuedaCore

struct ReferenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference", abstract: "Look up the shipped reference data.",
        subcommands: [CIIU.self, Departments.self, Certifications.self])

    struct CIIU: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ciiu", abstract: "CIIU Rev. 4 A.C. codes.")
        @Argument(help: "A code prefix (C, 10, 101) or words of the title.") var search: String?

        func run() throws {
            let catalog = try ReferenceData.bundled().ciiu
            let query = search?.foldedForComparison() ?? ""
            let rows = catalog.ordered.filter { activity in
                query.isEmpty || activity.code.lowercased().hasPrefix(query)
                    || activity.title.foldedForComparison().contains(query)
            }.map { [$0.code, $0.level.rawValue, $0.title] }
            print(Output.table(["code", "level", "title"], rows, maxWidth: 100))
        }
    }

    struct Departments: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Departments with DANE codes and regions.")

        func run() throws {
            let rows = try ReferenceData.bundled().departments.ordered.map {
                [$0.code, $0.name, $0.capital, $0.region]
            }
            print(Output.table(["code", "name", "capital", "region"], rows, maxWidth: 60))
        }
    }

    struct Certifications: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Certifications buyers ask for.")

        func run() throws {
            let rows = try ReferenceData.bundled().certifications.ordered.map { [$0.code, $0.kind, $0.name] }
            print(Output.table(["code", "kind", "name"], rows, maxWidth: 90))
        }
    }
}
