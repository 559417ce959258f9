import Foundation
import RuedaSolver
import RuedaTestSupport
import RuedaUseCases
import Testing

@testable import RuedaStore

@Suite("rueda solve")
struct SolveCLITests {
    @Test("generate writes a problem, solve writes a schedule for it, and a bad file names the field")
    func generateAndSolve() async throws {
        let database = try TestDatabase.serverConfiguration()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rueda-solve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let problemPath = folder.appendingPathComponent("round.json").path
        let schedulePath = folder.appendingPathComponent("schedule.json").path
        let generated = try await CLITests.rueda(
            ["solve", "generate", "--preset", "round", "--seed", "2", "--out", problemPath], database: database)
        #expect(generated.status == 0, "\(generated.error)")
        let solved = try await CLITests.rueda(
            ["solve", problemPath, "--iterations", "2000", "--out", schedulePath], database: database)
        #expect(solved.status == 0, "\(solved.error)")
        #expect(solved.error.contains("upper bound"))
        let problem = try ScheduleProblem.decode(try Data(contentsOf: URL(fileURLWithPath: problemPath)))
        let schedule = try JSONDecoder().decode(
            Schedule.self, from: try Data(contentsOf: URL(fileURLWithPath: schedulePath)))
        #expect(schedule.format == "rueda.schedule/1")
        #expect(schedule.objective <= schedule.upperBound)
        #expect(schedule.meetings.count > 1_000)
        #expect(Set(schedule.meetings.map { "\($0.slot)-\($0.table)" }).count == schedule.meetings.count)
        #expect(schedule.meetings.count <= problem.candidates.count)

        let bad = folder.appendingPathComponent("bad.json").path
        try #"{"format": "rueda.schedule-problem/1", "slots": 4, "companies": [], "candidates": [{"buyer": "X"}]}"#
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try await CLITests.rueda(["solve", bad], database: database)
        #expect(refused.status != 0)
        #expect(refused.error.contains("candidates[0].supplier"))
    }
}
