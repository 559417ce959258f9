/// A certification or registration that buyers ask suppliers for (ISO 9001, INVIMA, BPM, GlobalG.A.P., ...).
public struct Certification: Sendable, Hashable, Codable {
    public let code: String
    public let name: String
    public let kind: String
    /// CIIU sections or divisions where buyers typically ask for it.
    public let typicalSectors: [String]

    public init(code: String, name: String, kind: String, typicalSectors: [String]) {
        self.code = code
        self.name = name
        self.kind = kind
        self.typicalSectors = typicalSectors
    }
}

/// The certifications, looked up by code or by the short name people write (`ISO 9001`, `GlobalGAP`, `Invima`).
public struct CertificationCatalog: Sendable {
    public let ordered: [Certification]
    public let byCode: [String: Certification]
    let byKey: [String: Certification]

    public init(_ certifications: [Certification]) {
        self.ordered = certifications
        self.byCode = Dictionary(certifications.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var keys: [String: Certification] = [:]
        for certification in certifications {
            keys[Self.key(certification.code)] = certification
            let shortName = certification.name.components(separatedBy: " – ").first ?? certification.name
            if keys[Self.key(shortName)] == nil { keys[Self.key(shortName)] = certification }
        }
        self.byKey = keys
    }

    static func key(_ text: String) -> String {
        text.normalizedKey().filter { $0 != "_" }
    }

    /// The certification for a code or short name.
    public func certification(parsing input: String) throws(ReferenceError) -> Certification {
        guard let certification = byCode[input.trimmingWhitespace()] ?? byKey[Self.key(input)] else {
            throw ReferenceError(.unknownCertification, value: input)
        }
        return certification
    }
}

/// A value that is not in the reference data.
public struct ReferenceError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        case unknownCIIU
        case notAClass
        case unknownDepartment
        case unknownCertification
        case badReferenceFile(String)
    }

    public let code: Code
    public let value: String

    public init(_ code: Code, value: String) {
        self.code = code
        self.value = value
    }

    public var description: String {
        switch code {
        case .unknownCIIU:
            "'\(value)' is not a CIIU Rev. 4 A.C. code (see `rueda reference ciiu`)"
        case .notAClass:
            "'\(value)' is a CIIU section, division or group; a company's activities must be 4-digit classes"
        case .unknownDepartment:
            "'\(value)' is not a Colombian department; use its DANE code (05, 11, 76) or name (see "
                + "`rueda reference departments`)"
        case .unknownCertification:
            "'\(value)' is not a known certification (see `rueda reference certifications`)"
        case .badReferenceFile(let file):
            "reference file \(file) is damaged: \(value)"
        }
    }
}
