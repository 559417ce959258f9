import Foundation
import RuedaCore
import RuedaTestSupport
import RuedaUseCases
import Testing

@testable import RuedaStore

@Suite("rueda match")
struct MatchCLITests {
    @Test("match run stores a run; show lists it best first; explain agrees with the stored candidate")
    func runShowExplain() async throws {
        try await TestDatabase.withMigrated { (database: Database, configuration: DatabaseConfiguration) async throws in
            let round = try await StoredRound.seed(database)
            let code = round.event.spec.code
            let run = try await CLITests.rueda(["match", "run", code], database: configuration)
            #expect(run.status == 0, "\(run.error)")
            #expect(run.output.contains("match run 1 of \(code)"))
            #expect(run.output.contains("20 buyers × 60 suppliers = 1200 pairs"))

            let show = try await CLITests.rueda(
                ["match", "show", code, "--top", "3", "--format", "csv"], database: configuration)
            #expect(show.status == 0, "\(show.error)")
            let rows = show.output.split(separator: "\n").map {
                $0.split(separator: ",", omittingEmptySubsequences: false)
            }
            #expect(rows.count == 4)
            let scores = rows.dropFirst().compactMap { Double($0[4]) }
            #expect(scores == scores.sorted(by: >))

            let buyer = String(rows[1][0])
            let supplier = String(rows[1][2])
            let explain = try await CLITests.rueda(
                ["match", "explain", code, buyer, supplier], database: configuration)
            #expect(explain.status == 0, "\(explain.error)")
            #expect(explain.output.contains("verdict: candidate"))
            #expect(explain.output.contains("agrees with the recomputation"))

            let unknown = try await CLITests.rueda(
                ["match", "explain", code, buyer, "800197268-4"], database: configuration)
            #expect(unknown.status != 0)
            #expect(unknown.error.contains("is not enrolled as a supplier"))

            let again = try await CLITests.rueda(
                ["match", "run", code, "--limit-per-buyer", "1", "--limit-per-supplier", "1"],
                database: configuration)
            #expect(again.status == 0, "\(again.error)")
            let runs = try await CLITests.rueda(["match", "runs", code, "--format", "csv"], database: configuration)
            #expect(runs.output.split(separator: "\n").count == 3)
            let old = try await CLITests.rueda(
                ["match", "show", code, "--run", "1", "--top", "0", "--format", "csv"],
                database: configuration)
            let storedFirst = try await TestDatabase.count("match_candidate WHERE run_id = 1", in: database)
            #expect(old.output.split(separator: "\n").count - 1 == storedFirst)
        }
    }

    @Test("a configuration file with a typo is refused with the field named")
    func badConfiguration() async throws {
        try await TestDatabase.withMigrated { (database: Database, configuration: DatabaseConfiguration) async throws in
            let round = try await StoredRound.seed(database)
            let file = try CLITests.write(#"{"weights": {"sectr": 0.5}}"#)
            let run = try await CLITests.rueda(
                ["match", "run", round.event.spec.code, "--config", file], database: configuration)
            #expect(run.status != 0)
            #expect(run.error.contains("weights.sectr"))
            #expect(try await TestDatabase.count("match_run", in: database) == 0)
        }
    }
}
