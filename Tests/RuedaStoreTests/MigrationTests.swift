import Foundation
import PostgresNIO
import RuedaCore
import RuedaTestSupport
import RuedaUseCases
import Testing

@testable import RuedaStore

@Suite("Migrations")
struct MigrationTests {
    let migrations: [Migration]

    init() throws {
        migrations = try Migration.load(directory: TestDatabase.migrationsFolder)
    }

    @Test("a fresh database gets every migration, and a second run applies nothing")
    func freshAndRerun() async throws {
        let migrations = self.migrations
        try await TestDatabase.withEmptyDatabase { (database: Database) async throws in
            let migrator = Migrator(database: database, migrations: migrations)
            #expect(try await migrator.status().allSatisfy { $0.state == .pending })
            #expect(try await migrator.migrate().count == migrations.count)
            #expect(try await migrator.migrate().isEmpty)
            #expect(try await migrator.status().allSatisfy { $0.state == .applied })
            #expect(try await TestDatabase.count("schema_migrations", in: database) == migrations.count)
        }
    }

    @Test("an applied migration whose file changed is refused, and status shows it")
    func changedChecksum() async throws {
        let migrations = self.migrations
        try await TestDatabase.withEmptyDatabase { (database: Database) async throws in
            try await Migrator(database: database, migrations: migrations).migrate()
            var edited = migrations
            edited[0] = Migration(
                version: edited[0].version, name: edited[0].name, sql: edited[0].sql + "\n-- edit\n")
            let migrator = Migrator(database: database, migrations: edited)
            let error = await #expect(throws: StoreError.self) { try await migrator.migrate() }
            #expect(error?.code == .migrationChanged)
            #expect(error?.message.contains("reference_data") == true)
            #expect(try await migrator.status().first?.state == .changed)
        }
    }

    @Test("concurrent migrate runs apply each migration exactly once")
    func concurrent() async throws {
        let migrations = self.migrations
        try await ScratchDatabase.withEmpty { (configuration: DatabaseConfiguration) async throws in
            let applied = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await Database.withDatabase(configuration, logger: TestDatabase.logger) {
                            (database: Database) async throws in
                            try await Migrator(database: database, migrations: migrations).migrate().count
                        }
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(applied.sorted() == [0, 0, 0, migrations.count])
        }
    }

    @Test("a failing migration leaves nothing of itself behind and names the file and line")
    func failureRollsBack() async throws {
        let migrations = self.migrations
        try await TestDatabase.withEmptyDatabase { (database: Database) async throws in
            let broken = Migration(
                version: 99, name: "broken",
                sql: "CREATE TABLE half_done (id int);\n\nINSERT INTO nowhere VALUES (1);")
            let error = await #expect(throws: StoreError.self) {
                try await Migrator(database: database, migrations: migrations + [broken]).migrate()
            }
            #expect(error?.message.contains("0099_broken.sql failed at line 3") == true)
            let tables = try await database.client.query(
                "SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'", logger: TestDatabase.logger)
            for try await count in tables.decode(Int.self) { #expect(count == 0) }
            #expect(try await TestDatabase.count("schema_migrations", in: database) == migrations.count)
        }
    }

    @Test("reference tables hold the shipped data, and reloading unchanged files does nothing")
    func referenceLoad() async throws {
        try await TestDatabase.withMigrated { (database: Database, _: DatabaseConfiguration) async throws in
            #expect(try await TestDatabase.count("ciiu_activity", in: database) == 857)
            #expect(try await TestDatabase.count("department", in: database) == 33)
            #expect(try await TestDatabase.count("certification", in: database) == 32)
            let again = try await ReferenceLoader(database: database).loadBundled()
            #expect(again.isEmpty)
        }
    }
}

@Suite("SQL script splitting")
struct SQLScriptTests {
    @Test("statements split on semicolons outside quotes, dollar bodies and comments, with their start lines")
    func split() {
        let script = """
            -- a comment; not a statement
            CREATE TABLE a (t text DEFAULT 'x;y');
            /* block; /* nested; */ still */
            CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
            SELECT "odd;name", $1 FROM a;
            """
        let statements = SQLScript.statements(script)
        #expect(statements.count == 3)
        #expect(statements[0].line == 2)
        #expect(statements[0].sql.hasSuffix("'x;y')"))
        #expect(statements[1].sql.contains("SELECT 1; $body$"))
        #expect(statements[2].sql.contains("\"odd;name\", $1"))
    }

    @Test("every shipped migration splits into statements that all end inside the file")
    func shipped() throws {
        for migration in try Migration.load(directory: TestDatabase.migrationsFolder) {
            let statements = SQLScript.statements(migration.sql)
            #expect(!statements.isEmpty)
            for statement in statements {
                let quoted = statement.sql.contains("'") || statement.sql.contains("$$")
                #expect(!statement.sql.contains(";") || quoted, "\(migration.fileName):\(statement.line)")
            }
        }
    }
}
