import Testing

@testable import RuedaCore

@Suite("NIT check digit")
struct NITTests {
    @Test(
        "DIAN modulo-11 gives the published check digits of well-known companies",
        arguments: [
            ("890900608", 9),  // Almacenes Éxito
            ("890903938", 8),  // Bancolombia
            ("899999068", 1),  // Ecopetrol
            ("800197268", 4),  // DIAN
            ("860034313", 7),  // Banco Davivienda
        ])
    func knownCheckDigits(base: String, digit: Int) throws {
        #expect(NIT.checkDigit(forBase: base) == digit)
        #expect(try NIT(base: base).description == "\(base)-\(digit)")
    }

    @Test("written forms with dots, hyphen, spaces or a tenth digit normalise to the same NIT")
    func acceptedForms() throws {
        let forms = ["890.900.608-9", "890900608-9", "8909006089", "890900608", " 890 900 608 - 9 "]
        let parsed = try forms.map { try NIT(parsing: $0) }
        #expect(Set(parsed).count == 1)
        #expect(parsed[0].description == "890900608-9")
    }

    @Test("a wrong check digit is refused and the message gives the right one")
    func wrongCheckDigit() {
        #expect(throws: NITError(.wrongCheckDigit(expected: 9, given: 3), input: "890900608-3")) {
            try NIT(parsing: "890900608-3")
        }
        #expect(throws: NITError.self) { try NIT(parsing: "8909006083") }
        let error = #expect(throws: NITError.self) { try NIT(parsing: "890.900.608-3") }
        #expect(error?.description.contains("check digit 3 but DIAN's algorithm gives 9") == true)
    }

    @Test("letters, empty input, extra hyphens and out-of-range lengths are refused")
    func malformed() {
        for input in ["", "ABC123456", "900-123-456-7", "123", "1234567890123456-1", "900123456-77"] {
            #expect(throws: NITError.self, "\(input)") { try NIT(parsing: input) }
        }
    }
}
