import Foundation
import Testing

@testable import RuedaCore

@Suite("Event slots and availability")
struct EventSlotTests {
    static let round = EventSpec(
        code: "t", name: "Rueda",
        dates: [LocalDate(year: 2027, month: 3, day: 9), LocalDate(year: 2027, month: 3, day: 10)],
        dayStart: LocalTime(minutes: 8 * 60), dayEnd: LocalTime(minutes: 17 * 60), slotMinutes: 30,
        breaks: [TimeRange(start: LocalTime(minutes: 12 * 60), end: LocalTime(minutes: 13 * 60))])

    @Test("a 08:00-17:00 day of 30-minute slots with lunch 12:00-13:00 has 16 slots, none in the break")
    func slotsAvoidBreaks() throws {
        let times = Self.round.slotTimes()
        #expect(times.count == 16)
        #expect(!times.contains { $0.overlaps(Self.round.breaks[0]) })
        #expect(times[8].start.description == "13:00")
        #expect(try Self.round.slots().count == 32)
    }

    @Test("slots that do not line up with a break resume right after it")
    func unalignedBreak() {
        var spec = Self.round
        spec.slotMinutes = 25
        spec.breaks = [TimeRange(start: LocalTime(minutes: 730), end: LocalTime(minutes: 785))]
        let times = spec.slotTimes()
        #expect(times.contains { $0.start.description == "13:05" })
        #expect(!times.contains { $0.overlaps(spec.breaks[0]) })
    }

    @Test("slot instants are stored in UTC: 08:00 in Bogotá is 13:00 UTC")
    func utc() throws {
        let first = try #require(try Self.round.slots().first)
        #expect(first.startsAt == Date(timeIntervalSince1970: 1_804_597_200))
        let formatter = ISO8601DateFormatter()
        #expect(formatter.string(from: first.startsAt) == "2027-03-09T13:00:00Z")
    }

    @Test("availability ranges, day-specific ranges and am/pm words become slot numbers")
    func availability() throws {
        let slots = try Self.round.slots()
        #expect(try Availability.slots(parsing: "", event: Self.round, slots: slots).count == 32)
        #expect(try Availability.slots(parsing: "am", event: Self.round, slots: slots).count == 16)
        #expect(
            try Availability.slots(parsing: "08:00-10:00", event: Self.round, slots: slots) == [
                0, 1, 2, 3, 16, 17, 18, 19,
            ])
        #expect(try Availability.slots(parsing: "2027-03-10 14:00-15:00", event: Self.round, slots: slots) == [26, 27])
    }

    @Test("overlapping, out-of-hours, unknown-day and slotless availability are refused")
    func badAvailability() throws {
        let slots = try Self.round.slots()
        for text in [
            "08:00-10:00|09:00-11:00", "07:00-09:00", "16:00-18:00", "2027-04-01 08:00-09:00", "08:10-08:35",
            "nueve-diez", "am|08:00-09:00",
        ] {
            #expect(throws: FieldError.self, "\(text)") {
                try Availability.slots(parsing: text, event: Self.round, slots: slots)
            }
        }
    }

    @Test("event specs with a bad zone, reversed hours or a break outside the day are refused with the field named")
    func badSpec() {
        var spec = Self.round
        spec.timeZone = "Mars/Olympus"
        spec.dayEnd = LocalTime(minutes: 7 * 60)
        spec.breaks = [TimeRange(start: LocalTime(minutes: 18 * 60), end: LocalTime(minutes: 19 * 60))]
        let fields = Set(spec.validate().map(\.field))
        #expect(fields == ["time-zone", "end"])
        #expect(Self.round.validate().isEmpty)
    }
}

@Suite("Money")
struct MoneyTests {
    @Test("pesos parse with Colombian and English thousands separators and symbols")
    func parse() throws {
        for text in ["1500000", "1.500.000", "$ 1.500.000", "1,500,000 COP", "COP 1500000"] {
            #expect(try COP(parsing: text).pesos == 1_500_000, "\(text)")
        }
        #expect(COP(1_500_000).description == "$1.500.000")
    }

    @Test("decimals, negatives and words are refused")
    func refuse() {
        for text in ["1500,50", "-100", "mil", "", "1.5"] {
            #expect(throws: MoneyError.self, "\(text)") { try COP(parsing: text) }
        }
    }
}
