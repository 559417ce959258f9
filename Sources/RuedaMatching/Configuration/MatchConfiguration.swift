import Foundation
import RuedaCore

/// Every weight and threshold of the match model, versioned so a stored run says which model produced it.
///
/// The defaults are documented in `docs/match-config.json`; `rueda match run --config FILE` takes a file of the
/// same shape, and any key left out keeps its default.
public struct MatchConfiguration: Sendable, Hashable, Codable {
    /// The configuration format this build reads.
    public static let format = "rueda.match-config/1"

    public var format: String = MatchConfiguration.format
    /// A label for this set of weights, stored with each run (`default-2026.1`).
    public var version: String = "default-2026.1"
    /// Relative weights of the four score parts; the score is 100 × Σ weight × part / Σ weights.
    public var weights = Weights()
    /// Sector affinity on the CIIU hierarchy when the demand's code and the offer's class share only this level.
    public var affinity = Affinity()
    /// Supplier sectors that serve a buyer's sector.
    public var complementarySectors: [ComplementaryRule] = ComplementaryRule.defaults
    /// Sub-scores of the requirements fit.
    public var requirements = Requirements()
    /// Interest part for each combination of stated requests.
    public var interest = Interest()
    /// A pair scoring below this (0–100) is not a candidate.
    public var minimumScore: Double = 30
    /// Whether a hard filter (a required certification, departments the demand is limited to) stops a pair that
    /// one side asked to meet as a must. By default the request wins: the pair stays a candidate, flagged with
    /// the filter it overrides, and the organiser decides.
    public var filtersWinOverMustMeet: Bool = false
    /// Probability and deal-size model behind the expected value.
    public var dealValue = DealValueModel()

    public init() {}

    public struct Weights: Sendable, Hashable, Codable {
        public var sector: Double = 0.35
        public var product: Double = 0.25
        public var requirements: Double = 0.20
        public var interest: Double = 0.20
        public init() {}
        public var total: Double { sector + product + requirements + interest }
    }

    public struct Affinity: Sendable, Hashable, Codable {
        /// Same CIIU group (three digits), different class.
        public var group: Double = 0.7
        /// Same division (two digits), different group.
        public var division: Double = 0.45
        /// Same section (letter), different division.
        public var section: Double = 0.15
        public init() {}
    }

    public struct Requirements: Sendable, Hashable, Codable {
        /// Department fit when the supplier is in a preferred department (or the buyer's, when none is preferred).
        public var sameDepartment: Double = 1
        /// … in the same natural region (Andina, Caribe, Pacífica, Orinoquía, Amazonía, Insular).
        public var sameRegion: Double = 0.6
        /// … elsewhere in the country.
        public var elsewhere: Double = 0.25
        /// Size fit when the demand prefers sizes and the supplier's is not among them.
        public var otherSize: Double = 0.3
        public init() {}
    }

    public struct Interest: Sendable, Hashable, Codable {
        public var none: Double = 0
        public var oneSidedLike: Double = 0.4
        public var oneSidedMust: Double = 0.7
        public var mutualLike: Double = 0.85
        /// Both sides asked, at least one as must-meet.
        public var mutualMust: Double = 1
        public init() {}
    }

    /// Reads a configuration file; keys left out keep their defaults.
    public static func decode(_ data: Data) throws(MatchConfigurationError) -> MatchConfiguration {
        let configuration: MatchConfiguration
        do {
            guard let overrides = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw MatchConfigurationError(field: "", reason: "the file must hold a JSON object")
            }
            let defaults = try JSONSerialization.jsonObject(with: MatchConfiguration().encoded()) as? [String: Any]
            let merged = try merge(defaults ?? [:], overrides)
            let mergedData = try JSONSerialization.data(withJSONObject: merged)
            configuration = try JSONDecoder().decode(MatchConfiguration.self, from: mergedData)
        } catch let error as MatchConfigurationError {
            throw error
        } catch let error as DecodingError {
            throw MatchConfigurationError(field: error.fieldPath, reason: error.reason)
        } catch {
            throw MatchConfigurationError(field: "", reason: "not a JSON document")
        }
        try configuration.validate()
        return configuration
    }

    /// The configuration as pretty, key-sorted JSON, as stored with each run.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Checks ranges: weights non-negative with a positive sum, parts in [0, 1], a known format.
    public func validate() throws(MatchConfigurationError) {
        guard format == Self.format else {
            throw MatchConfigurationError(field: "format", reason: "'\(format)' is not \(Self.format)")
        }
        let weightValues = [
            ("weights.sector", weights.sector), ("weights.product", weights.product),
            ("weights.requirements", weights.requirements), ("weights.interest", weights.interest),
        ]
        for (field, value) in weightValues where !(value >= 0 && value.isFinite) {
            throw MatchConfigurationError(field: field, reason: "must be a non-negative number")
        }
        guard weights.total > 0 else {
            throw MatchConfigurationError(field: "weights", reason: "at least one weight must be positive")
        }
        let parts = [
            ("affinity.group", affinity.group), ("affinity.division", affinity.division),
            ("affinity.section", affinity.section), ("requirements.sameDepartment", requirements.sameDepartment),
            ("requirements.sameRegion", requirements.sameRegion), ("requirements.elsewhere", requirements.elsewhere),
            ("requirements.otherSize", requirements.otherSize), ("interest.oneSidedLike", interest.oneSidedLike),
            ("interest.oneSidedMust", interest.oneSidedMust), ("interest.mutualLike", interest.mutualLike),
            ("interest.mutualMust", interest.mutualMust), ("interest.none", interest.none),
        ]
        for (field, value) in parts where !(0...1).contains(value) {
            throw MatchConfigurationError(field: field, reason: "must be between 0 and 1")
        }
        for (index, rule) in complementarySectors.enumerated() where !(0...1).contains(rule.affinity) {
            throw MatchConfigurationError(
                field: "complementarySectors[\(index)].affinity", reason: "must be between 0 and 1")
        }
        guard (0...100).contains(minimumScore) else {
            throw MatchConfigurationError(field: "minimumScore", reason: "must be between 0 and 100")
        }
        try dealValue.validate()
    }
}

/// Overlays `overrides` on `defaults`, recursing into objects; arrays and values are replaced whole. A key the
/// defaults do not have is a typo, reported rather than ignored.
private func merge(
    _ defaults: [String: Any], _ overrides: [String: Any], path: String = ""
) throws(MatchConfigurationError) -> [String: Any] {
    var result = defaults
    for key in overrides.keys.sorted() {
        let value = overrides[key]
        let field = path.isEmpty ? key : "\(path).\(key)"
        guard let base = defaults[key] else {
            throw MatchConfigurationError(field: field, reason: "unknown key")
        }
        if let nested = value as? [String: Any], let baseObject = base as? [String: Any] {
            result[key] = try merge(baseObject, nested, path: field)
        } else {
            result[key] = value
        }
    }
    return result
}

/// A configuration file that cannot be used, naming the field and the reason.
public struct MatchConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let field: String
    public let reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String {
        field.isEmpty ? "match configuration: \(reason)" : "match configuration, field '\(field)': \(reason)"
    }
}

extension DecodingError {
    var fieldPath: String {
        let path: [CodingKey]
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
            .dataCorrupted(let context):
            path = context.codingPath
        @unknown default:
            path = []
        }
        return path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    var reason: String {
        switch self {
        case .typeMismatch(let type, _): "expected \(type)"
        case .valueNotFound(let type, _): "expected \(type), found null"
        case .keyNotFound(let key, _): "missing key '\(key.stringValue)'"
        case .dataCorrupted(let context): context.debugDescription
        @unknown default: "cannot be read"
        }
    }
}
