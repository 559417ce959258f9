/// Supplier sectors that serve a buyer's sector even though the CIIU codes differ: packaging for food processors,
/// logistics for manufacturers.
///
/// Codes are CIIU Rev. 4 A.C. codes at any level (a section letter, a division, a group or a class). A rule applies
/// when one of the buyer company's activities lies within `buyer`, and scores offers whose class lies
/// within `supplier`.
public struct ComplementaryRule: Sendable, Hashable, Codable {
    public var buyer: [String]
    public var supplier: [String]
    /// Sector affinity in [0, 1] given to such pairs.
    public var affinity: Double
    public var note: String

    public init(buyer: [String], supplier: [String], affinity: Double, note: String) {
        self.buyer = buyer
        self.supplier = supplier
        self.affinity = affinity
        self.note = note
    }

    /// The rules shipped with the default configuration.
    public static let defaults: [ComplementaryRule] = [
        ComplementaryRule(
            buyer: ["10", "11"], supplier: ["1702", "2221", "2229"], affinity: 0.75,
            note: "packaging for food and beverage processing"),
        ComplementaryRule(
            buyer: ["C"], supplier: ["49", "52"], affinity: 0.6, note: "transport and logistics for manufacturers"),
        ComplementaryRule(
            buyer: ["47", "46"], supplier: ["49", "52", "1702", "2221"], affinity: 0.55,
            note: "logistics and packaging for trade"),
        ComplementaryRule(
            buyer: ["55", "56"], supplier: ["01", "03", "10", "11"], affinity: 0.7,
            note: "farm and food supply for hotels and restaurants"),
        ComplementaryRule(
            buyer: ["41", "42", "43"], supplier: ["23", "24", "25", "16"], affinity: 0.65,
            note: "building materials for construction"),
        ComplementaryRule(
            buyer: ["C", "G"], supplier: ["62", "63"], affinity: 0.4, note: "software and IT services for business"),
        ComplementaryRule(
            buyer: ["86"], supplier: ["2100", "3250", "4645"], affinity: 0.7,
            note: "pharmaceuticals and medical supplies for health care"),
    ]
}
