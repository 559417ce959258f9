import Foundation

/// Finds the files rueda needs beside its binary or in the checkout: migrations and the local-database script.
struct ProjectPaths {
    /// Candidate roots: RUEDA_HOME, the current folder and its parents, the executable's folder and its parents.
    static func roots() -> [URL] {
        var roots: [URL] = []
        if let home = ProcessInfo.processInfo.environment["RUEDA_HOME"] { roots.append(URL(fileURLWithPath: home)) }
        for start in [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent(),
        ] {
            var folder = start.standardizedFileURL
            for _ in 0..<6 {
                roots.append(folder)
                folder = folder.deletingLastPathComponent()
            }
        }
        return roots
    }

    /// The first existing `relative` path under a candidate root.
    static func find(_ relative: String) -> URL? {
        roots().map { $0.appendingPathComponent(relative) }.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// The migrations folder, from RUEDA_MIGRATIONS or found beside the project.
    static func migrations() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["RUEDA_MIGRATIONS"] { return URL(fileURLWithPath: path) }
        guard let url = find("Migrations") else {
            throw CLIError("cannot find the Migrations folder; run rueda from its checkout or set RUEDA_MIGRATIONS")
        }
        return url
    }
}
