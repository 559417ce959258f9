import Foundation

/// One schema migration: a plain SQL file `NNNN_description.sql`.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// The file name, `0002_companies.sql`.
    public var fileName: String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name + ".sql"
    }

    /// The migrations shipped with Rueda: a resource of the program (copied from `Migrations/` at build time), or
    /// the folder `RUEDA_MIGRATIONS` names. Never a folder found by searching from the current directory.
    public static func bundled(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws
        -> [Migration]
    {
        if let path = environment["RUEDA_MIGRATIONS"], !path.isEmpty {
            return try load(directory: URL(fileURLWithPath: path))
        }
        guard let folder = Bundle.module.resourceURL else {
            throw StoreError(.badConfiguration, "the migrations shipped with rueda are missing beside its binary")
        }
        return try load(directory: folder)
    }

    /// Reads every `NNNN_description.sql` file of a folder, in version order.
    public static func load(directory: URL) throws -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw StoreError(.badConfiguration, "cannot read the migrations folder \(directory.path)")
        }
        var migrations: [Migration] = []
        for file in names.sorted() where file.hasSuffix(".sql") {
            let stem = file.dropLast(4)
            let parts = stem.split(separator: "_", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 4, let version = Int(parts[0]), !parts[1].isEmpty else {
                throw StoreError(.badConfiguration, "migration file \(file) must be named NNNN_description.sql")
            }
            guard let sql = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) else {
                throw StoreError(.badConfiguration, "migration file \(file) is not readable UTF-8 text")
            }
            if let other = migrations.first(where: { $0.version == version }) {
                throw StoreError(.badConfiguration, "migrations \(other.fileName) and \(file) share version \(version)")
            }
            migrations.append(Migration(version: version, name: String(parts[1]), sql: sql))
        }
        guard !migrations.isEmpty else {
            throw StoreError(.badConfiguration, "no migrations found in \(directory.path)")
        }
        return migrations
    }
}

/// Where one migration stands in a database.
public struct MigrationStatus: Sendable, Equatable {
    public enum State: String, Sendable {
        case applied, pending, changed
        /// Applied in the database but not among the files (a newer rueda applied it).
        case unknown
    }

    public let version: Int
    public let name: String
    public let state: State
    public let appliedAt: Date?
}
