import Foundation
import RuedaCore

@testable import RuedaExport

/// A small hand-made round: two buyers, two suppliers, four slots around a break, three meetings.
enum ExportFixture {
    static func nit(_ base: String) -> NIT {
        do { return try NIT(base: base) } catch { fatalError("\(error)") }
    }

    static let buyerA = nit("900100100")
    static let buyerB = nit("900200200")
    static let supplierA = nit("800300300")
    static let supplierB = nit("800400400")

    static let stamp = Date(timeIntervalSince1970: 1_800_000_000)

    static func agenda(moved: Bool = false, mode: EventMode = .virtual) throws -> Agenda {
        let spec = EventSpec(
            code: "feria-1", name: "Rueda Café, Cacao; y Más", dates: [LocalDate(year: 2027, month: 3, day: 9)],
            dayStart: LocalTime(minutes: 8 * 60), dayEnd: LocalTime(minutes: 10 * 60 + 30), slotMinutes: 30,
            breaks: [TimeRange(start: LocalTime(minutes: 9 * 60), end: LocalTime(minutes: 9 * 60 + 30))], tables: 2,
            mode: mode, roomLinkPattern: mode == .virtual ? "https://meet.example.org/feria-1-sala-{room}" : "")
        let slots = try spec.slots()
        let companies: [NIT: Company] = [
            buyerA: Company(
                nit: buyerA, name: "Almacenes Éxito S.A.", departmentCode: "05", size: .grande,
                contactName: "Ana Gómez",
                email: "compras@exito.example", phone: "+57 604 000 0000", activities: ["4711"]),
            buyerB: Company(
                nit: buyerB, name: "Hoteles del Caribe", departmentCode: "13", size: .mediana, activities: ["5511"]),
            supplierA: Company(
                nit: supplierA, name: "Café Andino S.A.S.", departmentCode: "41", size: .pequena,
                contactName: "Luis Pérez", email: "ventas@cafeandino.example", activities: ["1061"]),
            supplierB: Company(
                nit: supplierB, name: "Cacao, Chocolate & Co", departmentCode: "68", size: .micro, activities: ["1082"]),
        ]
        let participants: [NIT: Participant] = [
            buyerA: Participant(
                nit: buyerA, role: .buyer, availableSlots: [0, 1, 2, 3], maxMeetings: 4,
                demands: [Demand(ciiu: ["1061"], keywords: "café tostado")]),
            buyerB: Participant(
                nit: buyerB, role: .buyer, availableSlots: [0, 1], maxMeetings: 4,
                demands: [Demand(ciiu: ["1082"], keywords: "chocolate de mesa")]),
            supplierA: Participant(
                nit: supplierA, role: .supplier, availableSlots: [0, 1, 2, 3], maxMeetings: 4,
                offers: [Offer(ciiu: ["1061"], products: "cafés especiales, café tostado")]),
            supplierB: Participant(
                nit: supplierB, role: .supplier, availableSlots: [1, 2, 3], maxMeetings: 4,
                offers: [Offer(ciiu: ["1082"], products: "chocolate de mesa")]),
        ]
        let appointments = [
            Agenda.Appointment(
                buyer: buyerA, supplier: supplierA, slot: moved ? 3 : 0, table: 0, sequence: moved ? 1 : 0,
                expectedValue: 4_000_000),
            Agenda.Appointment(
                buyer: buyerA, supplier: supplierB, slot: 2, table: 0, sequence: 0, expectedValue: 1_500_000),
            Agenda.Appointment(
                buyer: buyerB, supplier: supplierB, slot: 1, table: 1, sequence: 0, expectedValue: 2_500_000),
        ]
        let reference = try ReferenceData.bundled()
        return Agenda(
            event: spec, slots: slots, version: moved ? 2 : 1, published: true, companies: companies,
            participants: participants, appointments: appointments,
            ciiuTitles: Dictionary(reference.ciiu.ordered.map { ($0.code, $0.title) }, uniquingKeysWith: { a, _ in a }),
            departmentNames: Dictionary(
                reference.departments.ordered.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a }))
    }
}

extension ExportFixture {
    static let supplierC = nit("800500500")
    static let supplierD = nit("800600600")

    /// A round where a buyer with three delegates and a buyer with two hold parallel meetings in one slot.
    static func parallel() throws -> Agenda {
        var agenda = try self.agenda(mode: .inPerson)
        agenda.event.tables = 6
        agenda.participants[buyerA]?.delegates = 3
        agenda.participants[buyerB]?.delegates = 2
        agenda.participants[buyerB]?.availableSlots = [0, 1, 2, 3]
        for (nit, name) in [(supplierC, "Lácteos del Valle"), (supplierD, "Empaques Andinos")] {
            agenda.companies[nit] = Company(
                nit: nit, name: name, departmentCode: "76", size: .mediana, activities: ["1040"])
            agenda.participants[nit] = Participant(
                nit: nit, role: .supplier, availableSlots: [0, 1, 2, 3], maxMeetings: 4,
                offers: [Offer(ciiu: ["1040"], products: name.lowercased())])
        }
        let meetings: [(NIT, NIT, Int, Int)] = [
            (buyerA, supplierA, 0, 0), (buyerA, supplierB, 0, 1), (buyerA, supplierC, 0, 2), (buyerB, supplierD, 0, 3),
            (buyerB, supplierA, 1, 0), (buyerB, supplierC, 1, 1), (buyerA, supplierD, 2, 0),
        ]
        return Agenda(
            event: agenda.event, slots: agenda.slots, version: 1, published: true, companies: agenda.companies,
            participants: agenda.participants,
            appointments: meetings.map { buyer, supplier, slot, table in
                Agenda.Appointment(
                    buyer: buyer, supplier: supplier, slot: slot, table: table, sequence: 0, expectedValue: 1_000_000)
            }, ciiuTitles: agenda.ciiuTitles, departmentNames: agenda.departmentNames)
    }
}
