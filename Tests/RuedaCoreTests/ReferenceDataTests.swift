import Testing

@testable import RuedaCore

@Suite("Reference data")
struct ReferenceDataTests {
    @Test("the shipped files load whole: 857 CIIU entries, 33 departments, 32 certifications")
    func counts() throws {
        let reference = try ReferenceData.bundled()
        #expect(reference.ciiu.ordered.count == 857)
        #expect(reference.ciiu.ordered.filter { $0.level == .class }.count == 502)
        #expect(reference.departments.ordered.count == 33)
        #expect(reference.certifications.ordered.count == 32)
    }

    @Test("CIIU codes parse at any level, with a section letter prefix, and unknown ones are refused")
    func ciiu() throws {
        let ciiu = try ReferenceData.bundled().ciiu
        #expect(try ciiu.activity(parsing: "C1011").code == "1011")
        #expect(try ciiu.activity(parsing: "101").level == .group)
        #expect(try ciiu.activity(parsing: "111").code == "0111")
        #expect(throws: ReferenceError(.unknownCIIU, value: "9999")) { try ciiu.activity(parsing: "9999") }
        #expect(throws: ReferenceError(.notAClass, value: "10")) { try ciiu.activityClass(parsing: "10") }
        #expect(ciiu.sharedLevel("1011", "1012") == .group)
        #expect(ciiu.sharedLevel("1011", "1040") == .division)
        #expect(ciiu.sharedLevel("1011", "1410") == .section)
        #expect(ciiu.sharedLevel("1011", "6201") == nil)
    }

    @Test("departments are found by DANE code or name, accents and case aside")
    func departments() throws {
        let departments = try ReferenceData.bundled().departments
        #expect(try departments.department(parsing: "5").name == "Antioquia")
        #expect(try departments.department(parsing: "BOGOTA").code == "11")
        #expect(try departments.department(parsing: "bogotá d.c.").code == "11")
        #expect(try departments.department(parsing: "Valle del Cauca").code == "76")
        #expect(throws: ReferenceError.self) { try departments.department(parsing: "Texas") }
        #expect(throws: ReferenceError.self) { try departments.department(parsing: "42") }
    }

    @Test("certifications are found by code or by the short name people write")
    func certifications() throws {
        let certifications = try ReferenceData.bundled().certifications
        #expect(try certifications.certification(parsing: "ISO 9001").code == "iso-9001")
        #expect(try certifications.certification(parsing: "GlobalG.A.P.").code == "globalgap")
        #expect(try certifications.certification(parsing: "Invima").code == "invima")
        #expect(throws: ReferenceError.self) { try certifications.certification(parsing: "ISO 99999") }
    }
}
