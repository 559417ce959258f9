/// The side a company takes in a round.
public enum ParticipantRole: String, Sendable, Codable, CaseIterable {
    case buyer
    case supplier
    /// For networking rounds where anyone may meet anyone.
    case participant

    /// Reads `buyer`, `comprador`, `ancla`, `supplier`, `proveedor`, `vendedor`, `participant`.
    public init(parsing input: String) throws(FieldError) {
        switch input.normalizedKey() {
        case "buyer", "comprador", "compradora", "ancla", "demandante": self = .buyer
        case "supplier", "proveedor", "proveedora", "vendedor", "oferente", "seller": self = .supplier
        case "participant", "participante": self = .participant
        default: throw FieldError("'\(input)' is not a role; use buyer (comprador) or supplier (proveedor)")
        }
    }
}

/// What a buyer is looking for.
public struct Demand: Sendable, Hashable, Codable {
    /// CIIU codes sought, at any level (a class, or a whole group, division or section).
    public var ciiu: [String]
    /// Product keywords, free text.
    public var keywords: String
    public var requiredCertifications: [String]
    public var preferredCertifications: [String]
    /// DANE department codes the buyer prefers; limiting when `departmentsRequired`.
    public var preferredDepartments: [String]
    /// Whether suppliers outside `preferredDepartments` are excluded rather than scored lower.
    public var departmentsRequired: Bool
    public var preferredSizes: [CompanySize]
    public var budget: COP?
    public var quantity: Int?
    public var requiresExportExperience: Bool

    public init(
        ciiu: [String] = [], keywords: String = "", requiredCertifications: [String] = [],
        preferredCertifications: [String] = [], preferredDepartments: [String] = [], departmentsRequired: Bool = false,
        preferredSizes: [CompanySize] = [], budget: COP? = nil, quantity: Int? = nil,
        requiresExportExperience: Bool = false
    ) {
        self.ciiu = ciiu
        self.keywords = keywords
        self.requiredCertifications = requiredCertifications
        self.preferredCertifications = preferredCertifications
        self.preferredDepartments = preferredDepartments
        self.departmentsRequired = departmentsRequired
        self.preferredSizes = preferredSizes
        self.budget = budget
        self.quantity = quantity
        self.requiresExportExperience = requiresExportExperience
    }
}

/// What a supplier brings.
public struct Offer: Sendable, Hashable, Codable {
    /// CIIU classes offered.
    public var ciiu: [String]
    /// Products or services, free text.
    public var products: String
    /// Units the supplier can deliver in the buyer's horizon.
    public var capacity: Int?
    public var priceMin: COP?
    public var priceMax: COP?
    public var exportExperience: Bool

    public init(
        ciiu: [String] = [], products: String = "", capacity: Int? = nil, priceMin: COP? = nil,
        priceMax: COP? = nil, exportExperience: Bool = false
    ) {
        self.ciiu = ciiu
        self.products = products
        self.capacity = capacity
        self.priceMin = priceMin
        self.priceMax = priceMax
        self.exportExperience = exportExperience
    }
}

/// A company enrolled in a round, with its availability, limits and what it seeks or offers.
public struct Participant: Sendable, Hashable, Codable {
    public var nit: NIT
    public var role: ParticipantRole
    /// Slot numbers of the round when the company can meet, sorted.
    public var availableSlots: [Int]
    public var maxMeetings: Int
    public var minMeetings: Int
    /// Meetings the company can hold in the same slot (a team of several people).
    public var delegates: Int
    public var demands: [Demand]
    public var offers: [Offer]

    public init(
        nit: NIT, role: ParticipantRole, availableSlots: [Int], maxMeetings: Int, minMeetings: Int = 0,
        delegates: Int = 1, demands: [Demand] = [], offers: [Offer] = []
    ) {
        self.nit = nit
        self.role = role
        self.availableSlots = availableSlots
        self.maxMeetings = maxMeetings
        self.minMeetings = minMeetings
        self.delegates = delegates
        self.demands = demands
        self.offers = offers
    }
}

/// How much one participant wants to meet another.
public enum InterestLevel: String, Sendable, Codable, CaseIterable {
    case must
    case like
    /// A veto: the pair must never be matched.
    case no

    /// Reads `must`, `like`, `no` and their Spanish forms.
    public init(parsing input: String) throws(FieldError) {
        switch input.normalizedKey() {
        case "must", "must_meet", "obligatoria", "obligatorio", "debe", "imprescindible": self = .must
        case "like", "would_like", "me_gustaria", "gustaria", "deseable", "interes", "si": self = .like
        case "no", "veto", "never", "nunca", "no_reunirse": self = .no
        default: throw FieldError("'\(input)' is not an interest level; use must, like or no")
        }
    }
}

/// One participant's stated interest in meeting another.
public struct MeetingRequest: Sendable, Hashable, Codable {
    public var from: NIT
    public var to: NIT
    public var level: InterestLevel
    public var note: String

    public init(from: NIT, to: NIT, level: InterestLevel, note: String = "") {
        self.from = from
        self.to = to
        self.level = level
        self.note = note
    }
}
