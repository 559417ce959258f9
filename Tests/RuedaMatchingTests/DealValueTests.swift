import Foundation
import RuedaCore
import Testing

@testable import RuedaMatching

@Suite("Expected deal value")
struct DealValueTests {
    let model = DealValueModel()

    @Test("the probability curve rises with the score, is half the ceiling at the midpoint, and stays below it")
    func probabilityCurve() {
        let scores = stride(from: 0.0, through: 100, by: 5).map(model.probability(score:))
        #expect(zip(scores, scores.dropFirst()).allSatisfy { $0 < $1 })
        #expect(abs(model.probability(score: model.midpoint) - model.ceiling / 2) < 1e-12)
        #expect(scores.allSatisfy { $0 > 0 && $0 < model.ceiling })
    }

    @Test("deal size takes the deal share of the budget, scaled by the capacity that covers the quantity")
    func dealSizeFromBudget() {
        let demand = Demand(budget: COP(10_000_000), quantity: 1_000)
        #expect(model.dealSize(demand: demand, offer: Offer(capacity: 5_000)) == Int64(10_000_000 * model.dealShare))
        #expect(
            model.dealSize(demand: demand, offer: Offer(capacity: 250)) == Int64(2_500_000 * model.dealShare))
    }

    @Test("without a budget, deal size is quantity × mid price; without either, the fallback")
    func dealSizeWithoutBudget() {
        let demand = Demand(quantity: 100)
        let offer = Offer(capacity: 50, priceMin: COP(1_000), priceMax: COP(3_000))
        #expect(model.dealSize(demand: demand, offer: offer) == Int64(50 * 2_000 * model.dealShare))
        #expect(model.dealSize(demand: Demand(), offer: offer) == model.fallbackDealSize)
    }

    @Test("expected value is probability × size in whole pesos")
    func expectedValue() {
        let value = model.expectedValue(score: 80, dealSize: 10_000_000)
        #expect(value == Int64((model.probability(score: 80) * 10_000_000).rounded()))
    }

    @Test("refitting to recorded outcomes recovers the curve that generated them")
    func refitRecoversCurve() {
        var truth = DealValueModel()
        truth.midpoint = 60
        truth.steepness = 8
        var random = SeededGenerator(seed: 11)
        let observations = (0..<4_000).map { _ in
            let score = random.unit() * 100
            let closed = random.unit() < truth.probability(score: score)
            return DealObservation(
                score: score, closed: closed, predictedSize: 1_000_000, reportedValue: closed ? 300_000 : nil)
        }
        let fitted = DealValueModel().fitted(to: observations)
        #expect(abs(fitted.midpoint - 60) < 3)
        #expect(abs(fitted.steepness - 8) < 1.5)
        #expect(abs(fitted.dealShare - DealValueModel().dealShare * 0.3) < 0.01)
        #expect(DealValueModel().fitted(to: Array(observations.prefix(5))) == DealValueModel())
    }
}

@Suite("Match configuration")
struct MatchConfigurationTests {
    @Test("a partial file keeps every default it does not name")
    func partialFileKeepsDefaults() throws {
        let json = #"{"format": "rueda.match-config/1", "version": "feria-2027", "weights": {"sector": 0.5}}"#
        let configuration = try MatchConfiguration.decode(Data(json.utf8))
        var expected = MatchConfiguration()
        expected.version = "feria-2027"
        expected.weights.sector = 0.5
        #expect(configuration == expected)
    }

    @Test("the default configuration round-trips through its JSON")
    func defaultsRoundTrip() throws {
        #expect(try MatchConfiguration.decode(MatchConfiguration().encoded()) == MatchConfiguration())
    }

    @Test(
        "bad files name the field and the reason",
        arguments: [
            (#"{"weights": {"sectr": 1}}"#, "weights.sectr", "unknown key"),
            (#"{"weights": {"sector": -1}}"#, "weights.sector", "must be a non-negative number"),
            (#"{"affinity": {"group": 2}}"#, "affinity.group", "must be between 0 and 1"),
            (#"{"minimumScore": "high"}"#, "minimumScore", "expected Double"),
            (#"{"format": "other/2"}"#, "format", "'other/2' is not rueda.match-config/1"),
        ])
    func badFilesNameTheField(json: String, field: String, reason: String) {
        #expect(throws: MatchConfigurationError(field: field, reason: reason)) {
            try MatchConfiguration.decode(Data(json.utf8))
        }
    }
}

@Suite("Shipped configuration file")
struct ShippedConfigurationTests {
    @Test("docs/match-config.json is exactly the built-in default")
    func documentedDefaultsMatchCode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("docs/match-config.json"))
        #expect(try MatchConfiguration.decode(data) == MatchConfiguration())
    }
}
