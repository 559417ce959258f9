import ArgumentParser
import Foundation
import RuedaCore
import RuedaStore
import RuedaUseCases

struct APIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey", abstract: "Create, list and revoke the organiser API's keys.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a key and print it once; only its hash is stored.",
            discussion: "Without --event the key works on every round; with one or more it works only on those.")

        @Option(help: "A name to tell keys apart.") var name: String
        @Option(help: "A round the key may work on; repeat for several.") var event: [String] = []
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let created = try await database.withRueda { try await $0.access.createKey(name: name, events: event) }
            Output.error(
                "created key \(created.stored.id) '\(created.stored.name)' for "
                    + (created.stored.allEvents ? "all events" : "\(event.joined(separator: ", "))")
                    + "; it is shown once, keep it safe:")
            print(created.key)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never their secrets).")

        @Option(help: "table, json or csv.") var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let keys = try await database.withRueda { try await $0.access.listKeys() }
            try Output.print(
                keys.map(KeyRow.init), format: format,
                header: ["id", "name", "events", "created", "last_used", "revoked"]
            ) { [String($0.id), $0.name, $0.events, $0.created, $0.lastUsed, $0.revoked] }
        }

        struct KeyRow: Encodable {
            let id: Int64
            let name, events, created, lastUsed, revoked: String

            init(_ key: StoredAPIKey) {
                id = key.id
                name = key.name
                events = key.allEvents ? "all" : key.events.map(\.description).joined(separator: " ")
                created = key.createdAt.formatted(.iso8601)
                lastUsed = key.lastUsedAt?.formatted(.iso8601) ?? ""
                revoked = key.revokedAt?.formatted(.iso8601) ?? ""
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a key by id or name; it stops working at once.")

        @Argument(help: "The key's id or name.") var key: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let revoked = try await database.withRueda { try await $0.access.revokeKey(key) }
            Output.line("revoked key \(revoked.id) '\(revoked.name)'")
        }
    }
}

struct InviteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite", abstract: "Create or revoke participants' personal links to their pages.",
        subcommands: [Create.self, Revoke.self], defaultSubcommand: Create.self)

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Write one signed, expiring link per participant, for a mail merge (nit, name, contact, email, link).")

        @Argument(help: "Event code (or id:N).") var event: String
        @Option(help: "Only this company.") var company: String?
        @Option(help: "Days until the links expire (1 to 365).") var expires = 30
        @Option(name: .customLong("base-url"), help: "The service's public address (default: $RUEDA_PUBLIC_URL).")
        var baseURL: String?
        @Option(help: "CSV file to write.") var out: String
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (1...365).contains(expires) else { throw ValidationError("--expires must be 1 to 365 days") }
        }

        func run() async throws {
            let nit = try company.map { try NIT(parsing: $0) }
            let base = baseURL ?? ProcessInfo.processInfo.environment["RUEDA_PUBLIC_URL"] ?? "http://127.0.0.1:8080"
            let links = try await database.withRueda {
                try await $0.access.createInvites(event, company: nit, expiresInDays: expires, baseURL: base)
            }
            let rows = links.map { [$0.nit.description, $0.name, $0.contact, $0.email, $0.link] }
            try Output.write(
                CSVWriter(byteOrderMark: true).document(
                    header: ["nit", "name", "contact", "email", "link"], rows: rows),
                to: out)
            Output.line(
                "wrote \(links.count) links to \(out); they expire on \(links.first?.expiresAt.formatted(.iso8601) ?? "-")"
            )
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a round's links (all, or one company's); their sessions end at once.")

        @Argument(help: "Event code (or id:N).") var event: String
        @Option(help: "Only this company.") var company: String?
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let nit = try company.map { try NIT(parsing: $0) }
            let count = try await database.withRueda { try await $0.access.revokeInvites(event, company: nit) }
            Output.line("revoked \(count) links")
        }
    }
}
