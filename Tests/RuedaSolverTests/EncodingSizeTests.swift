import Testing

@testable import RuedaSolver

@Suite("Encoding size")
struct EncodingSizeTests {
    @Test(
        "the counter estimate equals the auxiliary variables the built encoding creates",
        arguments: [
            (ProblemPreset.forum, 0), (.forum, 1), (.forum, 5), (.forum, 7), (.requiredTables, 1), (.required, 1),
        ] as [(ProblemPreset, UInt64)])
    func counterEstimateIsExact(preset: ProblemPreset, seed: UInt64) {
        let model = SolverModel(ScheduleProblem.generate(preset, seed: seed))
        let candidates = Array(0..<model.candidateCount)
        let encoding = PlacementEncoding(model: model, candidates: candidates, seed: 1, holes: false)
        let selectors =
            encoding.meetingSelectors.count + encoding.companySelectors.filter { $0 != 0 }.count
            + encoding.slotSelectors.filter { $0 != 0 }.count
        // Everything else the encoding creates is a counter cell: one `alwaysTrue`, the placements, the selectors.
        let counters =
            Int(encoding.sat.variableCount) - 1 - PlacementEncoding.placementCount(model, candidates: candidates)
            - selectors
        #expect(counters > 0)
        #expect(PlacementEncoding.counterCells(model, candidates: candidates) == counters)
    }

    @Test("the exact engine takes the forum presets and leaves a round too big for its counters to the search")
    func exactEngineIsGatedByCounterSize() {
        for seed in 0..<8 as Range<UInt64> {
            let model = SolverModel(ScheduleProblem.generate(.forum, seed: seed))
            let required = Array(0..<model.candidateCount)
            #expect(PlacementEncoding.counterCells(model, candidates: required) <= ExactDriver.counterLimit)
            let driver = ExactDriver(model: model, seed: 1)
            #expect(driver.hasWork(ScheduleState(model: model)) == (driver.infeasibility == nil))
        }
        let model = SolverModel(ScheduleProblem.generate(.requiredLarge, seed: 1))
        let required = Array(0..<model.candidateCount)
        // Within the placement limit, so the placement count alone would have let the engine build it.
        #expect(PlacementEncoding.placementCount(model, candidates: required) <= ExactDriver.feasibilityLimit)
        #expect(PlacementEncoding.counterCells(model, candidates: required) > ExactDriver.counterLimit)
        let driver = ExactDriver(model: model, seed: 1)
        #expect(!driver.hasWork(ScheduleState(model: model)))
        #expect(!driver.solvesHoles)
    }
}
