import Foundation
import RuedaCore

/// Expected deal value of a meeting: the probability of a deal, from the score, times the deal's size in COP.
///
/// - Probability: `ceiling / (1 + exp(-(score - midpoint) / steepness))`, a logistic curve. With the defaults a
///   pair scoring 80 closes with probability 0.52, one scoring 50 with 0.13 and one scoring 30 with 0.02.
/// - Size: a first deal takes `dealShare` of the buyer's budget, scaled down when the supplier's capacity covers
///   only part of the quantity sought; without a budget, quantity × the offer's mid price; without either,
///   `fallbackDealSize`.
///
/// The defaults are calibrated so that a typical Compra Lo Nuestro round lands near the 2022 average of about
/// COP 5.2 million expected per appointment (COP 115,539 million over 22,077 appointments). When outcomes are
/// recorded, ``fitted(to:)`` refits the curve and the share from them.
public struct DealValueModel: Sendable, Hashable, Codable {
    public var ceiling: Double = 0.62
    public var midpoint: Double = 63
    public var steepness: Double = 10
    public var dealShare: Double = 0.083
    public var fallbackDealSize: Int64 = 6_000_000

    public init() {}

    public init(ceiling: Double, midpoint: Double, steepness: Double, dealShare: Double, fallbackDealSize: Int64) {
        self.ceiling = ceiling
        self.midpoint = midpoint
        self.steepness = steepness
        self.dealShare = dealShare
        self.fallbackDealSize = fallbackDealSize
    }

    /// Probability in [0, ceiling] that a meeting with this score (0–100) ends in a deal.
    public func probability(score: Double) -> Double {
        ceiling / (1 + exp(-(score - midpoint) / steepness))
    }

    /// The size in pesos of the deal a demand and an offer could close.
    public func dealSize(demand: Demand, offer: Offer) -> Int64 {
        dealSize(
            budget: demand.budget?.pesos, quantity: demand.quantity, capacity: offer.capacity,
            priceMin: offer.priceMin?.pesos, priceMax: offer.priceMax?.pesos)
    }

    /// The deal size from the amounts it depends on, for the batch run's flat tables.
    func dealSize(budget: Int64?, quantity: Int?, capacity: Int?, priceMin: Int64?, priceMax: Int64?) -> Int64 {
        // In floating point: stored amounts may be anything a database holds, and must not trap here.
        let unitPrice: Double? =
            switch (priceMin, priceMax) {
            case (let low?, let high?): (Double(low) + Double(high)) / 2
            case (let low?, nil): Double(low)
            case (nil, let high?): Double(high)
            case (nil, nil): nil
            }
        var coverage = 1.0
        if let quantity, let capacity, capacity < quantity {
            coverage = Double(capacity) / Double(quantity)
        }
        let full: Double
        if let budget {
            full = Double(budget) * coverage
        } else if let quantity, let unitPrice {
            full = Double(min(quantity, capacity ?? quantity)) * unitPrice
        } else {
            return fallbackDealSize
        }
        return Self.bounded(full * dealShare)
    }

    /// Probability × size, in whole pesos.
    public func expectedValue(score: Double, dealSize: Int64) -> Int64 {
        Self.bounded(probability(score: score) * Double(dealSize))
    }

    /// Whole pesos within ``Bounds/pesos``: no deal is worth more than the largest amount a user can enter.
    static func bounded(_ pesos: Double) -> Int64 {
        min(max(Int64(clamping: pesos), 0), Bounds.pesos.upperBound)
    }

    func validate() throws(MatchConfigurationError) {
        guard (0...1).contains(ceiling) else {
            throw MatchConfigurationError(field: "dealValue.ceiling", reason: "must be between 0 and 1")
        }
        guard steepness > 0, steepness.isFinite else {
            throw MatchConfigurationError(field: "dealValue.steepness", reason: "must be a positive number")
        }
        guard midpoint.isFinite else {
            throw MatchConfigurationError(field: "dealValue.midpoint", reason: "must be a number")
        }
        guard dealShare > 0, dealShare <= 1 else {
            throw MatchConfigurationError(field: "dealValue.dealShare", reason: "must be in (0, 1]")
        }
        guard Bounds.pesos.contains(fallbackDealSize) else {
            throw MatchConfigurationError(
                field: "dealValue.fallbackDealSize",
                reason: "must be between 0 and \(Bounds.pesos.upperBound) pesos")
        }
    }
}

/// What happened after one meeting, as input to refitting the deal value model.
public struct DealObservation: Sendable, Hashable {
    public var score: Double
    /// Whether participants reported a deal (any expected amount above zero).
    public var closed: Bool
    /// The deal size the model predicted for the pair.
    public var predictedSize: Int64
    /// The amount participants reported, when they did.
    public var reportedValue: Int64?

    public init(score: Double, closed: Bool, predictedSize: Int64, reportedValue: Int64? = nil) {
        self.score = score
        self.closed = closed
        self.predictedSize = predictedSize
        self.reportedValue = reportedValue
    }
}

extension DealValueModel {
    /// The model refitted to recorded outcomes: the logistic curve by maximum likelihood (Newton's method on
    /// intercept and slope, ceiling fixed), and the deal share from reported amounts against predicted sizes.
    /// Returns `self` unchanged when there are too few observations or they do not separate.
    public func fitted(to observations: [DealObservation], minimumObservations: Int = 30) -> DealValueModel {
        guard observations.count >= minimumObservations else { return self }
        // Model: P(closed) = c · σ(a + b·x) with x = score / 100 and c fixed at the ceiling.
        let c = max(ceiling, 1e-6)
        var a = -midpoint / steepness
        var b = 100 / steepness
        for _ in 0..<50 {
            var gradient = (0.0, 0.0)
            var hessian = (0.0, 0.0, 0.0)
            for observation in observations {
                let x = observation.score / 100
                let s = 1 / (1 + exp(-(a + b * x)))
                let p = min(max(c * s, 1e-9), 1 - 1e-9)
                let y = observation.closed ? 1.0 : 0.0
                // d log L / d z for p = c·σ(z): (y − p) / (p (1 − p)) · c σ (1 − σ)
                let dp = c * s * (1 - s)
                let score = (y - p) / (p * (1 - p)) * dp
                let information = dp * dp / (p * (1 - p))
                gradient.0 += score
                gradient.1 += score * x
                hessian.0 += information
                hessian.1 += information * x
                hessian.2 += information * x * x
            }
            let determinant = hessian.0 * hessian.2 - hessian.1 * hessian.1
            guard determinant > 1e-12 else { return self }
            let stepA = (hessian.2 * gradient.0 - hessian.1 * gradient.1) / determinant
            let stepB = (hessian.0 * gradient.1 - hessian.1 * gradient.0) / determinant
            a += stepA
            b += stepB
            if abs(stepA) + abs(stepB) < 1e-9 { break }
        }
        guard b > 0, a.isFinite, b.isFinite else { return self }
        var model = self
        model.steepness = 100 / b
        model.midpoint = -a * model.steepness
        let reported = observations.compactMap { observation -> (Double, Double)? in
            guard let value = observation.reportedValue, observation.predictedSize > 0 else { return nil }
            return (Double(value), Double(observation.predictedSize))
        }
        if reported.count >= minimumObservations / 3 {
            let ratio = reported.reduce(0) { $0 + $1.0 } / reported.reduce(0) { $0 + $1.1 }
            model.dealShare = min(1, max(0.01, dealShare * ratio))
        }
        return model
    }
}
