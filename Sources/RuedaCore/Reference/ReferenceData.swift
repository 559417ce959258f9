import Foundation

/// The reference data Rueda ships: CIIU Rev. 4 A.C., departments and certifications.
public struct ReferenceData: Sendable {
    public let ciiu: CIIUCatalog
    public let departments: DepartmentCatalog
    public let certifications: CertificationCatalog

    /// Builds the catalogues from the three CSV files' text (see `Resources/README.md` for their columns).
    public init(ciiuCSV: String, departmentsCSV: String, certificationsCSV: String) throws(ReferenceError) {
        let ciiuRows = try Self.rows(ciiuCSV, file: "ciiu_rev4_ac.csv", columns: 6)
        var activities: [CIIUActivity] = []
        for fields in ciiuRows {
            guard let level = CIIULevel(rawValue: fields[1]) else {
                throw ReferenceError(.badReferenceFile("ciiu_rev4_ac.csv"), value: "unknown level \(fields[1])")
            }
            activities.append(
                CIIUActivity(
                    code: fields[0], level: level, title: fields[2], section: fields[3],
                    division: fields[4].isEmpty ? nil : fields[4], group: fields[5].isEmpty ? nil : fields[5]
                )
            )
        }
        let departmentRows = try Self.rows(departmentsCSV, file: "departamentos.csv", columns: 4)
        let departments = departmentRows.map { Department(code: $0[0], name: $0[1], capital: $0[2], region: $0[3]) }
        let certificationRows = try Self.rows(certificationsCSV, file: "certifications.csv", columns: 4)
        let certifications = certificationRows.map {
            Certification(code: $0[0], name: $0[1], kind: $0[2], typicalSectors: $0[3].splitMultiValue(separator: ";"))
        }
        self.ciiu = CIIUCatalog(activities)
        self.departments = DepartmentCatalog(departments)
        self.certifications = CertificationCatalog(certifications)
    }

    private static func rows(_ text: String, file: String, columns: Int) throws(ReferenceError) -> [[String]] {
        let reader: CSVReader
        do {
            reader = try CSVReader(text: text, delimiter: UInt8(ascii: ","))
        } catch {
            throw ReferenceError(.badReferenceFile(file), value: error.description)
        }
        let rows = reader.records.dropFirst().map(\.fields)
        if let bad = rows.first(where: { $0.count != columns }) {
            throw ReferenceError(.badReferenceFile(file), value: "row with \(bad.count) fields: \(bad)")
        }
        return Array(rows)
    }

    /// The data files shipped inside the package, read once.
    public static func bundled() throws(ReferenceError) -> ReferenceData {
        try bundledResult.get()
    }

    /// The raw text of the shipped files, for loading them into the database.
    public static func bundledText() throws(ReferenceError) -> (
        ciiu: String, departments: String, certifications: String
    ) {
        try bundledTextResult.get()
    }

    private static let bundledTextResult:
        Result<(ciiu: String, departments: String, certifications: String), ReferenceError> =
            Result { () throws(ReferenceError) in
                (try resource("ciiu_rev4_ac"), try resource("departamentos"), try resource("certifications"))
            }

    private static let bundledResult: Result<ReferenceData, ReferenceError> = Result { () throws(ReferenceError) in
        let text = try bundledTextResult.get()
        return try ReferenceData(
            ciiuCSV: text.ciiu, departmentsCSV: text.departments, certificationsCSV: text.certifications)
    }

    private static func resource(_ name: String) throws(ReferenceError) -> String {
        guard
            let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: name, withExtension: "csv"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            throw ReferenceError(.badReferenceFile("\(name).csv"), value: "not found next to the rueda binary")
        }
        return text
    }
}
