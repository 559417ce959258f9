/// The deal value model refitted to recorded outcomes, with the comparison an organiser needs to trust it:
/// predicted against reported business by decile of predicted value.
public struct Calibration: Sendable, Hashable {
    /// One tenth of the observations, by predicted value.
    public struct Decile: Sendable, Hashable, Codable {
        public var decile: Int
        public var meetings: Int
        public var lowestScore: Double
        public var highestScore: Double
        /// Mean expected value per meeting under the model in use, and under the refitted one.
        public var predictedMeanCOP: Int64
        public var refittedMeanCOP: Int64
        /// Mean business reported per meeting (no-shows and meetings without a deal count as zero).
        public var reportedMeanCOP: Int64
    }

    /// Fewer observations than this are refused: the curve would follow noise.
    public static let minimumObservations = 30

    public var observations: Int
    public var deals: Int
    public var before: DealValueModel
    public var after: DealValueModel
    public var deciles: [Decile]

    /// Fits `model` to the observations (held meetings with their reported business, no-shows as no deal).
    public static func fit(
        _ observations: [DealObservation], model: DealValueModel
    ) throws(CalibrationError)
        -> Calibration
    {
        guard observations.count >= minimumObservations else {
            throw CalibrationError(observations: observations.count, minimum: minimumObservations)
        }
        let after = model.fitted(to: observations, minimumObservations: minimumObservations)
        let ranked = observations.sorted {
            let (a, b) = (
                model.expectedValue(score: $0.score, dealSize: $0.predictedSize),
                model.expectedValue(score: $1.score, dealSize: $1.predictedSize)
            )
            return a != b ? a < b : $0.score < $1.score
        }
        // Deal sizes scale with the deal share: a refitted share resizes every predicted deal.
        func resized(_ size: Int64) -> Int64 {
            model.dealShare > 0 ? DealValueModel.bounded(Double(size) * after.dealShare / model.dealShare) : size
        }
        var deciles: [Decile] = []
        for decile in 0..<10 {
            let slice = ranked[(ranked.count * decile / 10)..<(ranked.count * (decile + 1) / 10)]
            guard !slice.isEmpty else { continue }
            func mean(_ value: (DealObservation) -> Int64) -> Int64 {
                Int64((slice.reduce(0.0) { $0 + Double(value($1)) } / Double(slice.count)).rounded())
            }
            deciles.append(
                Decile(
                    decile: decile + 1, meetings: slice.count, lowestScore: slice.map(\.score).min() ?? 0,
                    highestScore: slice.map(\.score).max() ?? 0,
                    predictedMeanCOP: mean { model.expectedValue(score: $0.score, dealSize: $0.predictedSize) },
                    refittedMeanCOP: mean { after.expectedValue(score: $0.score, dealSize: resized($0.predictedSize)) },
                    reportedMeanCOP: mean { $0.reportedValue ?? 0 }))
        }
        return Calibration(
            observations: observations.count, deals: observations.filter(\.closed).count, before: model, after: after,
            deciles: deciles)
    }
}

/// Too few recorded outcomes to refit the model.
public struct CalibrationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var observations: Int
    public var minimum: Int

    public var description: String {
        "only \(observations) meetings have a recorded outcome; calibrating needs at least \(minimum) "
            + "(record outcomes with 'rueda outcome import' or the participants' outcome form)"
    }
}
