/// An event as typed on the command line or read from an events CSV row, before validation.
public struct EventFields: Sendable {
    public var code: String
    public var name: String
    public var dates: [String]
    public var start: String
    public var end: String
    public var slotMinutes: String
    public var breaks: [String]
    public var tables: String
    public var timeZone: String
    public var mode: String
    public var roomLink: String

    public init(
        code: String, name: String, dates: [String], start: String, end: String, slotMinutes: String,
        breaks: [String] = [], tables: String = "", timeZone: String = "", mode: String = "", roomLink: String = ""
    ) {
        self.code = code
        self.name = name
        self.dates = dates
        self.start = start
        self.end = end
        self.slotMinutes = slotMinutes
        self.breaks = breaks
        self.tables = tables
        self.timeZone = timeZone
        self.mode = mode
        self.roomLink = roomLink
    }

    /// The columns of the events CSV.
    public static let columns: [CSVColumn] = [
        CSVColumn("code", aliases: ["codigo"], required: true),
        CSVColumn("name", aliases: ["nombre"], required: true),
        CSVColumn("dates", aliases: ["date", "fecha", "fechas"], required: true),
        CSVColumn("start", aliases: ["inicio", "hora_inicio"], required: true),
        CSVColumn("end", aliases: ["fin", "hora_fin"], required: true),
        CSVColumn("slot_minutes", aliases: ["minutos_cita", "duracion_cita"], required: true),
        CSVColumn("breaks", aliases: ["pausas", "descansos"]),
        CSVColumn("tables", aliases: ["mesas", "salas"]),
        CSVColumn("time_zone", aliases: ["zona_horaria"]),
        CSVColumn("mode", aliases: ["modalidad"]),
        CSVColumn("room_link", aliases: ["enlace_sala"]),
    ]

    /// Reads one events CSV row; dates and breaks are `|`-separated.
    public init(row: CSVTable.Row) {
        self.init(
            code: row["code"], name: row["name"], dates: row["dates"].splitMultiValue(), start: row["start"],
            end: row["end"], slotMinutes: row["slot_minutes"], breaks: row["breaks"].splitMultiValue(),
            tables: row["tables"], timeZone: row["time_zone"], mode: row["mode"], roomLink: row["room_link"])
    }

    /// Validates into an `EventSpec`, collecting every problem.
    public func validate(row: Int? = nil) -> Result<EventSpec, InputError> {
        var issues = IssueCollector(row: row)
        let dates = dates.compactMap { text in
            issues.capture("date") { () throws(FieldError) in try LocalDate(parsing: text) }
        }
        let (startText, endText, modeText) = (self.start, self.end, self.mode)
        let start = issues.capture("start") { () throws(FieldError) in try LocalTime(parsing: startText) }
        let end = issues.capture("end") { () throws(FieldError) in try LocalTime(parsing: endText) }
        let breaks = breaks.compactMap { text in
            issues.capture("break") { () throws(FieldError) in try TimeRange(parsing: text) }
        }
        let minutes = Int(slotMinutes.trimmingWhitespace())
        if minutes == nil { issues.add("slot-minutes", "'\(slotMinutes)' must be a whole number of minutes") }
        var tableCount: Int?
        if !tables.isEmpty && tables.normalizedKey() != "unlimited" {
            tableCount = Int(tables.trimmingWhitespace())
            if tableCount == nil { issues.add("tables", "'\(tables)' must be a whole number or empty for unlimited") }
        }
        let mode =
            modeText.isEmpty
            ? .virtual : issues.capture("mode") { () throws(FieldError) in try EventMode(parsing: modeText) }
        guard issues.issues.isEmpty, let start, let end, let minutes, let mode else {
            return .failure(InputError(issues.issues))
        }
        let spec = EventSpec(
            code: code.trimmingWhitespace(), name: name.trimmingWhitespace(),
            timeZone: timeZone.isEmpty ? "America/Bogota" : timeZone.trimmingWhitespace(), dates: dates.sorted(),
            dayStart: start, dayEnd: end, slotMinutes: minutes, breaks: breaks, tables: tableCount, mode: mode,
            roomLinkPattern: roomLink.trimmingWhitespace())
        let problems = spec.validate().map { ValidationIssue(row: row, field: $0.field, reason: $0.reason) }
        return problems.isEmpty ? .success(spec) : .failure(InputError(problems))
    }
}
