/// When a participant can meet, as written in an enrolment file, turned into slot numbers.
///
/// The text is a `|`-separated list of ranges: `08:00-12:00` (every day of the round), `2026-03-10 14:00-17:00`
/// (one day), or the words `am`/`manana` (before the first break), `pm`/`tarde` (after it) and `all`/`todo`.
/// An empty cell means the whole round.
public enum Availability {
    /// The available slot numbers, sorted; throws on overlapping, out-of-hours, unknown-day or empty ranges.
    public static func slots(parsing input: String, event: EventSpec, slots: [EventSlot]) throws(FieldError) -> [Int] {
        let segments = input.splitMultiValue()
        if segments.isEmpty { return slots.map(\.index) }
        let day = TimeRange(start: event.dayStart, end: event.dayEnd)
        let noon = event.breaks.map(\.start).min() ?? LocalTime(minutes: 12 * 60)
        var ranges: [(date: LocalDate?, range: TimeRange, text: String)] = []
        for segment in segments {
            let words = segment.split(separator: " ").map(String.init)
            var date: LocalDate?
            var rangeText = segment
            if words.count == 2 {
                date = try LocalDate(parsing: words[0])
                rangeText = words[1]
            } else if words.count > 2 {
                throw FieldError("'\(segment)' is not a range; write HH:MM-HH:MM or YYYY-MM-DD HH:MM-HH:MM")
            }
            if let date, !event.dates.contains(date) {
                throw FieldError(
                    "\(date) is not a day of the round (\(event.dates.map(\.description).joined(separator: ", ")))")
            }
            let range: TimeRange
            switch rangeText.normalizedKey() {
            case "all", "todo", "todo_el_dia", "full": range = day
            case "am", "manana": range = TimeRange(start: event.dayStart, end: max(noon, event.dayStart))
            case "pm", "tarde": range = TimeRange(start: min(noon, event.dayEnd), end: event.dayEnd)
            default: range = try TimeRange(parsing: rangeText)
            }
            guard day.contains(range) else {
                throw FieldError("\(range) is outside the round's hours \(day)")
            }
            for other in ranges where other.range.overlaps(range) {
                if other.date == nil || date == nil || other.date == date {
                    throw FieldError("'\(segment)' overlaps '\(other.text)'")
                }
            }
            ranges.append((date, range, segment))
        }
        var result: [Int] = []
        for slot in slots
        where ranges.contains(where: { ($0.date == nil || $0.date == slot.date) && $0.range.contains(slot.time) }) {
            result.append(slot.index)
        }
        guard !result.isEmpty else {
            throw FieldError("'\(input)' covers no whole slot of the round")
        }
        return result
    }
}
