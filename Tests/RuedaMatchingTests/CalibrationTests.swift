import RuedaCore
import Testing

@testable import RuedaMatching

@Suite("Calibration from outcomes")
struct CalibrationTests {
    /// Outcomes of a programme whose deals follow a known curve: midpoint 55, steepness 7, deals of 40 % of the size.
    static func outcomes(count: Int, seed: UInt64) -> (truth: DealValueModel, observations: [DealObservation]) {
        var truth = DealValueModel()
        (truth.midpoint, truth.steepness) = (55, 7)
        var random = SeededGenerator(seed: seed)
        let observations = (0..<count).map { _ in
            let score = 20 + random.unit() * 75
            let size = Int64(1_000_000 + random.unit() * 9_000_000)
            let closed = random.unit() < truth.probability(score: score)
            return DealObservation(
                score: score, closed: closed, predictedSize: size,
                reportedValue: closed ? Int64(Double(size) * 0.4) : nil)
        }
        return (truth, observations)
    }

    @Test("the fit recovers the curve that generated the outcomes, and its deciles follow reported business")
    func recoversKnownCurve() throws {
        let (truth, observations) = Self.outcomes(count: 5_000, seed: 2022)
        let calibration = try Calibration.fit(observations, model: DealValueModel())
        #expect(abs(calibration.after.midpoint - truth.midpoint) < 2.5)
        #expect(abs(calibration.after.steepness - truth.steepness) < 1.5)
        #expect(calibration.observations == 5_000)
        #expect(calibration.deciles.count == 10)
        #expect(calibration.deciles.reduce(0) { $0 + $1.meetings } == 5_000)
        // The refitted model predicts each decile's reported business better than the default one does.
        func error(_ value: (Calibration.Decile) -> Int64) -> Double {
            calibration.deciles.reduce(0) { $0 + abs(Double(value($1) - $1.reportedMeanCOP)) }
        }
        #expect(error(\.refittedMeanCOP) < error(\.predictedMeanCOP))
        // Reported business rises from the lowest decile to the highest.
        let first = try #require(calibration.deciles.first)
        let last = try #require(calibration.deciles.last)
        #expect(last.reportedMeanCOP > first.reportedMeanCOP * 3)
    }

    @Test("fewer outcomes than the minimum are refused, saying how many there are and how many it takes")
    func refusesTooFew() {
        let (_, observations) = Self.outcomes(count: Calibration.minimumObservations - 1, seed: 1)
        #expect(throws: CalibrationError(observations: 29, minimum: 30)) {
            try Calibration.fit(observations, model: DealValueModel())
        }
    }
}
