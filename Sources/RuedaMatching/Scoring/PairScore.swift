/// A hard filter that keeps a pair from being a candidate.
public enum PairFilter: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Buyer and supplier are the same company.
    case sameCompany = "same-company"
    /// One side asked never to meet the other.
    case veto
    /// No slot where both are available.
    case noCommonSlot = "no-common-slot"
    /// The supplier lacks a certification the demand requires.
    case missingCertification = "missing-certification"
    /// The demand is limited to departments the supplier is not in.
    case outsideRequiredDepartments = "outside-required-departments"

    public var description: String {
        switch self {
        case .sameCompany: "buyer and supplier are the same company (NIT)"
        case .veto: "one side vetoed the meeting"
        case .noCommonSlot: "no slot where both are available"
        case .missingCertification: "supplier lacks a certification the demand requires"
        case .outsideRequiredDepartments: "supplier is outside the departments the demand is limited to"
        }
    }
}

/// The score of a buyer–supplier pair, from its best demand–offer combination, with its parts and value.
public struct PairScore: Sendable, Hashable, Codable {
    /// 0–100.
    public var score: Double
    /// Score parts, each in [0, 1].
    public var sector: Double
    public var product: Double
    public var requirements: Double
    public var interest: Double
    /// Positions of the demand and offer that scored best.
    public var demandPosition: Int
    public var offerPosition: Int
    public var probability: Double
    public var dealSize: Int64
    public var expectedValue: Int64

    public init(
        score: Double, sector: Double, product: Double, requirements: Double, interest: Double, demandPosition: Int,
        offerPosition: Int, probability: Double, dealSize: Int64, expectedValue: Int64
    ) {
        self.score = score
        self.sector = sector
        self.product = product
        self.requirements = requirements
        self.interest = interest
        self.demandPosition = demandPosition
        self.offerPosition = offerPosition
        self.probability = probability
        self.dealSize = dealSize
        self.expectedValue = expectedValue
    }
}

/// What the model says about a pair: a candidate, a pair that scores too low, or a pair a hard filter stops.
public enum PairVerdict: Sendable, Hashable {
    case candidate(PairScore)
    case belowThreshold(PairScore)
    case filtered(PairFilter)
    /// A candidate only because one side asked to meet the other as a must: it scores below the minimum, or a
    /// demand filter would stop it (`overriding`).
    case requested(PairScore, overriding: PairFilter?)

    public var score: PairScore? {
        switch self {
        case .candidate(let score), .belowThreshold(let score), .requested(let score, _): score
        case .filtered: nil
        }
    }

    public var isCandidate: Bool {
        switch self {
        case .candidate, .requested: true
        case .belowThreshold, .filtered: false
        }
    }
}
