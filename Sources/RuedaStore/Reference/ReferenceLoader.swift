import Logging
import PostgresNIO
import RuedaCore

/// Loads the shipped reference files into their tables, skipping a file whose checksum is already loaded.
public struct ReferenceLoader: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Loads the reference files shipped inside the package; returns the tables reloaded.
    @discardableResult
    public func loadBundled() async throws -> [String] {
        try await load(try ReferenceData.bundled(), texts: try ReferenceData.bundledText())
    }

    /// Upserts CIIU activities, departments and certifications in one transaction; returns the tables reloaded.
    @discardableResult
    public func load(
        _ reference: ReferenceData, texts: (ciiu: String, departments: String, certifications: String)
    )
        async throws -> [String]
    {
        let logger = database.logger
        return try await database.transaction("loading reference data") { connection in
            var loaded: [String] = []
            if try await needsLoad(connection, name: "departamentos", text: texts.departments) {
                let departments = reference.departments.ordered
                _ = try await connection.query(
                    """
                    INSERT INTO department (code, name, capital, region)
                    SELECT * FROM unnest(\(departments.map(\.code))::text[], \(departments.map(\.name))::text[],
                                         \(departments.map(\.capital))::text[], \(departments.map(\.region))::text[])
                    ON CONFLICT (code) DO UPDATE
                    SET name = EXCLUDED.name, capital = EXCLUDED.capital, region = EXCLUDED.region
                    """, logger: logger
                ).collect()
                try await record(connection, name: "departamentos", text: texts.departments, rows: departments.count)
                loaded.append("departments")
            }
            if try await needsLoad(connection, name: "ciiu_rev4_ac", text: texts.ciiu) {
                let activities = reference.ciiu.ordered
                _ = try await connection.query(
                    """
                    INSERT INTO ciiu_activity (code, level, title, section, division, grp, parent_code)
                    SELECT code, level, title, section, NULLIF(division, ''), NULLIF(grp, ''), NULLIF(parent, '')
                    FROM unnest(\(activities.map(\.code))::text[], \(activities.map(\.level.rawValue))::text[],
                                \(activities.map(\.title))::text[], \(activities.map(\.section))::text[],
                                \(activities.map { $0.division ?? "" })::text[], \(activities.map { $0.group ?? "" })::text[],
                                \(activities.map { $0.parent ?? "" })::text[])
                         AS a(code, level, title, section, division, grp, parent)
                    ON CONFLICT (code) DO UPDATE
                    SET level = EXCLUDED.level, title = EXCLUDED.title, section = EXCLUDED.section,
                        division = EXCLUDED.division, grp = EXCLUDED.grp, parent_code = EXCLUDED.parent_code
                    """, logger: logger
                ).collect()
                try await record(connection, name: "ciiu_rev4_ac", text: texts.ciiu, rows: activities.count)
                loaded.append("ciiu")
            }
            if try await needsLoad(connection, name: "certifications", text: texts.certifications) {
                let certifications = reference.certifications.ordered
                _ = try await connection.query(
                    """
                    INSERT INTO certification (code, name, kind, typical_sectors)
                    SELECT code, name, kind, string_to_array(sectors, ';')
                    FROM unnest(\(certifications.map(\.code))::text[], \(certifications.map(\.name))::text[],
                                \(certifications.map(\.kind))::text[],
                                \(certifications.map { $0.typicalSectors.joined(separator: ";") })::text[])
                         AS c(code, name, kind, sectors)
                    ON CONFLICT (code) DO UPDATE
                    SET name = EXCLUDED.name, kind = EXCLUDED.kind, typical_sectors = EXCLUDED.typical_sectors
                    """, logger: logger
                ).collect()
                try await record(
                    connection, name: "certifications", text: texts.certifications, rows: certifications.count)
                loaded.append("certifications")
            }
            return loaded
        }
    }

    private func needsLoad(_ connection: PostgresConnection, name: String, text: String) async throws -> Bool {
        let rows = try await connection.query(
            """
            SELECT 1 FROM reference_load
            WHERE name = \(name) AND checksum = encode(sha256(convert_to(\(text), 'UTF8')), 'hex')
            """, logger: database.logger
        ).collect()
        return rows.isEmpty
    }

    private func record(_ connection: PostgresConnection, name: String, text: String, rows: Int) async throws {
        _ = try await connection.query(
            """
            INSERT INTO reference_load (name, checksum, rows)
            VALUES (\(name), encode(sha256(convert_to(\(text), 'UTF8')), 'hex'), \(rows))
            ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, rows = EXCLUDED.rows, loaded_at = now()
            """, logger: database.logger
        ).collect()
    }
}
