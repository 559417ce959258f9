import Testing

@testable import RuedaSolver

@Suite("Upper bound")
struct BoundTests {
    /// The maximum-weight b-matching by enumerating subsets, for problems of a dozen candidates.
    static func bruteForceMatching(_ problem: ScheduleProblem) -> Int {
        let model = SolverModel(problem)
        var best = 0
        for subset in 0..<(1 << model.candidateCount) {
            var degree = [Int](repeating: 0, count: model.companyCount)
            var weight = 0
            var ok = true
            for candidate in 0..<model.candidateCount where subset & (1 << candidate) != 0 {
                guard model.allowed[candidate] != 0 else { ok = false; break }
                degree[Int(model.first[candidate])] += 1
                degree[Int(model.second[candidate])] += 1
                weight += model.weight[candidate]
            }
            guard ok else { continue }
            for company in 0..<model.companyCount {
                let union = model.incident[company].reduce(UInt64(0)) { $0 | model.allowed[Int($1)] }
                if degree[company] > min(model.maxMeetings[company], model.delegates[company] * union.nonzeroBitCount) {
                    ok = false
                }
            }
            if ok { best = max(best, weight) }
        }
        return best
    }

    @Test("the flow finds the maximum-weight b-matching of small bipartite problems", arguments: 0..<60)
    func flowIsExact(seed: UInt64) {
        let problem = SmallProblems.random(seed: seed, companies: 7, candidates: 11, slots: 6, bipartite: true)
        #expect(MatchingBound(model: SolverModel(problem)).value == Self.bruteForceMatching(problem))
    }
}
