/// A registered company: its identity, location, size and what it does.
public struct Company: Sendable, Hashable, Codable {
    public var nit: NIT
    public var name: String
    /// DANE code of the department.
    public var departmentCode: String
    public var city: String
    public var size: CompanySize
    public var description: String
    public var contactName: String
    public var email: String
    public var phone: String
    public var website: String
    /// CIIU class codes, the main activity first.
    public var activities: [String]
    /// Certification codes from the reference list.
    public var certifications: [String]
    /// Products or services, as the company words them.
    public var products: [String]

    public init(
        nit: NIT, name: String, departmentCode: String, city: String = "", size: CompanySize,
        description: String = "", contactName: String = "", email: String = "", phone: String = "",
        website: String = "", activities: [String], certifications: [String] = [], products: [String] = []
    ) {
        self.nit = nit
        self.name = name
        self.departmentCode = departmentCode
        self.city = city
        self.size = size
        self.description = description
        self.contactName = contactName
        self.email = email
        self.phone = phone
        self.website = website
        self.activities = activities
        self.certifications = certifications
        self.products = products
    }
}
