import Testing

@testable import RuedaCore

@Suite("Outcome validation")
struct OutcomeTests {
    let buyer: NIT
    let supplier: NIT
    let validator: OutcomeValidator

    init() throws {
        buyer = try NIT(base: "900100100")
        supplier = try NIT(base: "800300300")
        validator = OutcomeValidator(appointments: [MeetingPair(buyer: buyer, supplier: supplier)])
    }

    @Test("a held meeting with business and its horizon is accepted, in English or Spanish")
    func accepted() throws {
        let outcome = try validator.validate(
            buyer: "900100100", supplier: "800.300.300-4", status: "realizada", expected: "12.500.000",
            horizon: "6 meses", note: " muy buena ", reportedBy: "comprador", row: 2
        ).get()
        #expect(outcome.status == .held)
        #expect(outcome.expected == COP(12_500_000))
        #expect(outcome.horizon == .sixMonths)
        #expect(outcome.note == "muy buena")
    }

    @Test(
        "bad rows name the column and the reason",
        arguments: [
            ("held", "5000000", "", "horizon", "needs its horizon"),
            ("no-show", "5000000", "3m", "expected_cop", "only a held meeting"),
            ("maybe", "", "", "status", "not a status"),
            ("held", "", "someday", "horizon", "not a horizon"),
        ])
    func refused(status: String, expected: String, horizon: String, column: String, reason: String) {
        let result = validator.validate(
            buyer: "900100100", supplier: "800300300", status: status, expected: expected, horizon: horizon, note: "",
            reportedBy: "x", row: 4)
        guard case .failure(let error) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.issues.contains { $0.row == 4 && $0.field == column && $0.reason.contains(reason) })
    }

    @Test("a pair without an appointment is refused")
    func noAppointment() {
        let result = validator.validate(
            buyer: "800300300", supplier: "900100100", status: "held", expected: "", horizon: "", note: "",
            reportedBy: "x", row: 3)
        guard case .failure(let error) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.description.contains("row 3, column 'supplier_nit'"))
        #expect(error.description.contains("no appointment"))
    }
}
