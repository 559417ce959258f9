import Foundation

/// Where rueda's own files are: its support script as a resource beside the binary, and the folder where the local
/// default database lives. Nothing is searched for from the current directory, so running rueda inside somebody
/// else's folder never executes their scripts or applies their migrations.
struct Installation {
    let environment: [String: String]
    /// The running binary, symbolic links resolved.
    let binary: URL

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    }

    /// The script that manages the local PostgreSQL cluster, shipped as a resource of the program.
    func clusterScript() throws -> URL {
        guard let script = Bundle.module.resourceURL?.appendingPathComponent("postgres"),
            FileManager.default.isReadableFile(atPath: script.path)
        else {
            throw CLIError(
                "the script for the local database is missing beside the rueda binary; reinstall rueda, or set "
                    + "DATABASE_URL (or --database-url) to a PostgreSQL server")
        }
        return script
    }

    /// Rueda's data folder: `RUEDA_HOME`; else, for a binary built in a checkout (`ROOT/.build/…`), `ROOT/.rueda`,
    /// where `scripts/postgres` and `scripts/demo` keep it too; else `$XDG_DATA_HOME/rueda`, `~/.local/share/rueda`,
    /// or `/var/lib/rueda` for root.
    func home() -> URL {
        if let home = environment["RUEDA_HOME"], !home.isEmpty { return URL(fileURLWithPath: home) }
        if let checkout = checkoutRoot() { return checkout.appendingPathComponent(".rueda") }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            return URL(fileURLWithPath: data).appendingPathComponent("rueda")
        }
        if getuid() == 0 { return URL(fileURLWithPath: "/var/lib/rueda") }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share/rueda")
    }

    /// The checkout the binary was built in: the folder holding the `.build` folder the binary lives in, if that
    /// folder has Rueda's Package.swift.
    func checkoutRoot() -> URL? {
        var folder = binary.deletingLastPathComponent()
        while folder.path != "/" {
            if folder.lastPathComponent == ".build" {
                let root = folder.deletingLastPathComponent()
                let manifest = root.appendingPathComponent("Package.swift")
                guard let text = try? String(contentsOf: manifest, encoding: .utf8), text.contains("name: \"Rueda\"")
                else { return nil }
                return root
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }
}
