/// The two companies of a meeting, buyer first: the one key for a pair of companies everywhere (candidates,
/// appointments, outcomes, requests between the two).
public struct MeetingPair: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let buyer: NIT
    public let supplier: NIT

    public init(buyer: NIT, supplier: NIT) {
        self.buyer = buyer
        self.supplier = supplier
    }

    /// Whether the company is one of the two.
    public func involves(_ nit: NIT) -> Bool { buyer == nit || supplier == nit }

    /// The other company of the pair.
    public func counterpart(of nit: NIT) -> NIT { buyer == nit ? supplier : buyer }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.buyer.base, lhs.supplier.base) < (rhs.buyer.base, rhs.supplier.base)
    }

    public var description: String { "\(buyer)–\(supplier)" }
}
