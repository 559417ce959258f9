import Foundation
import Testing

@testable import RuedaSolver

/// Numbers near the limits of 64-bit integers used to crash the solver; every one is refused with its JSON path
/// and the allowed range, or solved correctly.
@Suite("Problem files with extreme numbers")
struct ProblemBoundsTests {
    static let base = SmallProblems.random(
        seed: 3, companies: 8, candidates: 12, slots: 6, bipartite: true, tables: 3, gapPenalty: 5,
        shortfallPenalty: 7, requiredShare: 20)

    static func json(_ problem: ScheduleProblem) -> Data { problem.encoded() }

    /// One number made extreme, and the JSON path the refusal must name.
    enum Spoil: String, CaseIterable, Sendable {
        case weight = "candidates[0].weight"
        case gapPenalty = "gapPenalty"
        case shortfallPenalty = "shortfallPenalty"
        case tables = "tables"
        case maxMeetings = "companies[1].maxMeetings"
        case delegatesAboveInt32 = "companies[2].delegates"
        case minMeetings = "companies[3].minMeetings"
        case delegatesAbove255 = "companies[4].delegates"

        func apply(_ problem: inout ScheduleProblem) {
            switch self {
            case .weight: problem.candidates[0].weight = Int.max - 1
            case .gapPenalty: problem.gapPenalty = Int.max
            case .shortfallPenalty: problem.shortfallPenalty = Int.max / 2
            case .tables: problem.tables = Int.max
            case .maxMeetings: problem.companies[1].maxMeetings = 3_000_000_000
            case .delegatesAboveInt32: problem.companies[2].delegates = 3_000_000_000
            case .minMeetings: problem.companies[3].minMeetings = Int.max
            case .delegatesAbove255: problem.companies[4].delegates = 300
            }
        }
    }

    @Test(
        "huge weights, penalties, tables, limits and delegates are refused with the field and the range",
        arguments: Spoil.allCases)
    func extremeValuesRefused(spoil: Spoil) throws {
        var problem = Self.base
        spoil.apply(&problem)
        do {
            _ = try ScheduleProblem.decode(Self.json(problem))
            Issue.record("\(spoil.rawValue) was accepted")
        } catch {
            #expect(error.field == spoil.rawValue)
            #expect(error.reason.contains("must be between"))
        }
        #expect(throws: ProblemError.self) { _ = try Solver.solve(problem) }
    }

    @Test("weights within range whose total would overflow the bound are refused, not trapped")
    func aggregateRefused() throws {
        let buyers = (0..<20).map {
            ScheduleProblem.Company(id: "b\($0)", role: .buyer, available: [0, 1], maxMeetings: 2)
        }
        let suppliers = (0..<20).map {
            ScheduleProblem.Company(id: "s\($0)", role: .supplier, available: [0, 1], maxMeetings: 2)
        }
        var problem = ScheduleProblem(
            slots: 2, tables: nil, shortfallPenalty: ScheduleProblem.Limits.penalty.upperBound,
            companies: buyers + suppliers,
            candidates: buyers.flatMap { buyer in
                suppliers.prefix(15).map {
                    ScheduleProblem.Candidate(
                        buyer: buyer.id, supplier: $0.id, weight: ScheduleProblem.Limits.weight.upperBound,
                        required: true)
                }
            })
        for index in problem.companies.indices { problem.companies[index].minMeetings = 100_000 }
        do {
            _ = try Solver.solve(problem)
            Issue.record("the problem was accepted")
        } catch {
            #expect(error.field == "candidates")
            #expect(error.reason.contains("too large in total"))
        }
    }

    @Test("numbers that do not fit in 64 bits are refused by path, not trapped")
    func unrepresentable() throws {
        for (text, path) in [
            (#""slots":6"#, #""slots":1e300"#), (#""weight":10"#, #""weight":99999999999999999999999"#),
        ] {
            let original = String(decoding: Self.json(Self.base), as: UTF8.self)
            let changed = original.replacingOccurrences(of: text, with: path)
            #expect(changed != original)
            #expect(throws: ProblemError.self) { _ = try ScheduleProblem.decode(Data(changed.utf8)) }
        }
    }

    @Test("a company with 100 delegates holds 120 meetings in one slot, checked independently")
    func manyParallelMeetings() throws {
        var companies = [
            ScheduleProblem.Company(id: "hub", role: .buyer, available: [0], maxMeetings: 200, delegates: 100)
        ]
        var candidates: [ScheduleProblem.Candidate] = []
        for index in 0..<120 {
            companies.append(ScheduleProblem.Company(id: "s\(index)", role: .supplier, available: [0], maxMeetings: 1))
            candidates.append(ScheduleProblem.Candidate(buyer: "hub", supplier: "s\(index)", weight: 1 + index % 7))
        }
        let problem = ScheduleProblem(slots: 1, tables: nil, companies: companies, candidates: candidates)
        let schedule = try Solver.solve(problem, options: SolverOptions(timeLimit: .seconds(5), seed: 1))
        let report = ScheduleChecker.check(schedule, against: problem)
        #expect(report.violations.isEmpty, "\(report.violations.prefix(3))")
        #expect(schedule.stats.meetings == 100)
    }
}
