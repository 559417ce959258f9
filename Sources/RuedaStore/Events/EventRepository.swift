import Foundation
import Logging
import PostgresNIO
import RuedaCore

/// An event as stored: its id, status and specification.
public struct StoredEvent: Sendable, Hashable {
    public let id: EventID
    public let status: EventStatus
    public let spec: EventSpec
    public let createdAt: Date
    /// Whether participants may state whom they want to meet (the organiser closes it before scheduling).
    public let requestsOpen: Bool

    public init(id: EventID, status: EventStatus, spec: EventSpec, createdAt: Date, requestsOpen: Bool = true) {
        self.id = id
        self.status = status
        self.spec = spec
        self.createdAt = createdAt
        self.requestsOpen = requestsOpen
    }
}

/// Counts of an event's enrolment, for listings.
public struct EventSummary: Sendable {
    public let event: StoredEvent
    public let buyers: Int
    public let suppliers: Int
    public let requests: Int
}

/// Reads and writes events and their slots.
public struct EventRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores a new event and its slots (computed by the caller from a validated spec) in one transaction.
    public func create(_ spec: EventSpec, slots: [EventSlot]) async throws -> StoredEvent {
        let logger = database.logger
        let id = try await database.transaction("creating event \(spec.code)") { connection in
            let dates = spec.dates.map(\.description).joined(separator: ",")
            let breaks = spec.breaks.map(\.description)
            let start = spec.dayStart.description, end = spec.dayEnd.description
            let rows = try await connection.query(
                """
                INSERT INTO event (code, name, time_zone, dates, day_start, day_end, slot_minutes, breaks, tables, mode,
                                   room_link_pattern)
                VALUES (\(spec.code), \(spec.name), \(spec.timeZone), string_to_array(\(dates), ',')::date[],
                        \(start)::time, \(end)::time, \(spec.slotMinutes), \(breaks)::text[], \(spec.tables),
                        \(spec.mode.rawValue), \(spec.roomLinkPattern))
                RETURNING id
                """, logger: logger)
            var id = EventID(0)
            for try await value in rows.decode(EventID.self) { id = value }
            let starts = slots.map(\.startsAt), ends = slots.map(\.endsAt), indices = slots.map(\.index)
            _ = try await connection.query(
                """
                INSERT INTO event_slot (event_id, slot_index, starts_at, ends_at)
                SELECT \(id), * FROM unnest(\(indices)::integer[], \(starts)::timestamptz[], \(ends)::timestamptz[])
                """, logger: logger
            ).collect()
            return id
        }
        guard let event = try await event(id: id) else {
            throw StoreError(.database, "the event was created but cannot be read back")
        }
        return event
    }

    static let selectColumns = """
        e.id, e.status, e.code, e.name, e.time_zone, array_to_string(e.dates, ','), to_char(e.day_start, 'HH24:MI'),
        to_char(e.day_end, 'HH24:MI'), e.slot_minutes, array_to_string(e.breaks, ','), e.tables, e.mode,
        e.room_link_pattern, e.created_at, e.requests_open
        """

    /// The event with this code, or nil.
    public func event(code: String) async throws -> StoredEvent? {
        try await fetch(
            "SELECT \(unescaped: Self.selectColumns) FROM event e WHERE e.code = \(code)",
            action: "reading event \(code.visibleForTerminal)"
        ).first
    }

    /// The event with this id, or nil.
    public func event(id: EventID) async throws -> StoredEvent? {
        try await fetch(
            "SELECT \(unescaped: Self.selectColumns) FROM event e WHERE e.id = \(id)", action: "reading event \(id)"
        ).first
    }

    /// Events by id, in date order.
    public func events(ids: [EventID]) async throws -> [StoredEvent] {
        let raw = ids.map(\.rawValue)
        return try await fetch(
            """
            SELECT \(unescaped: Self.selectColumns) FROM event e WHERE e.id = ANY(\(raw)::bigint[])
            ORDER BY e.dates[1], e.code
            """, action: "reading events")
    }

    /// Every event with its enrolment counts, in date order.
    public func list() async throws -> [EventSummary] {
        let logger = database.logger
        return try await database.connection("listing events") { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.selectColumns),
                       (SELECT count(*) FROM participation p WHERE p.event_id = e.id AND p.role = 'buyer'),
                       (SELECT count(*) FROM participation p WHERE p.event_id = e.id AND p.role <> 'buyer'),
                       (SELECT count(*) FROM meeting_request r WHERE r.event_id = e.id)
                FROM event e ORDER BY e.dates[1], e.code
                """, logger: logger)
            var result: [EventSummary] = []
            for try await row in rows {
                let columns = row.makeRandomAccess()
                result.append(
                    EventSummary(
                        event: try Self.decode(row), buyers: try columns[15].decode(Int.self),
                        suppliers: try columns[16].decode(Int.self), requests: try columns[17].decode(Int.self)))
            }
            return result
        }
    }

    func fetch(_ query: PostgresQuery, action: String) async throws -> [StoredEvent] {
        let logger = database.logger
        return try await database.connection(action) { connection in
            var events: [StoredEvent] = []
            for try await row in try await connection.query(query, logger: logger) {
                events.append(try Self.decode(row))
            }
            return events
        }
    }

    static func decode(_ row: PostgresRow) throws -> StoredEvent {
        let columns = row.makeRandomAccess()
        let dates = try columns[5].decode(String.self).split(separator: ",").map { try LocalDate(parsing: String($0)) }
        let breaks = try columns[9].decode(String.self).split(separator: ",").map { try TimeRange(parsing: String($0)) }
        let spec = EventSpec(
            code: try columns[2].decode(String.self), name: try columns[3].decode(String.self),
            timeZone: try columns[4].decode(String.self), dates: dates,
            dayStart: try LocalTime(parsing: try columns[6].decode(String.self)),
            dayEnd: try LocalTime(parsing: try columns[7].decode(String.self)),
            slotMinutes: try columns[8].decode(Int.self), breaks: breaks, tables: try columns[10].decode(Int?.self),
            mode: try StoredValue.known(EventMode.self, try columns[11].decode(String.self), column: "event mode"),
            roomLinkPattern: try columns[12].decode(String.self))
        return StoredEvent(
            id: try columns[0].decode(EventID.self),
            status: try StoredValue.known(EventStatus.self, try columns[1].decode(String.self), column: "event status"),
            spec: spec, createdAt: try columns[13].decode(Date.self), requestsOpen: try columns[14].decode(Bool.self))
    }

    /// Opens or closes the round to participants' meeting requests.
    public func setRequestsOpen(_ open: Bool, for event: EventID) async throws {
        let logger = database.logger
        try await database.connection("changing whether requests are open") { connection in
            _ = try await connection.query(
                "UPDATE event SET requests_open = \(open) WHERE id = \(event)", logger: logger
            ).collect()
        }
    }
}

extension PostgresConnection {
    /// Moves the event forward to `status`, from any earlier status (a closed event stays closed).
    func advance(_ event: EventID, to status: EventStatus, logger: Logger) async throws {
        let earlier = EventStatus.allCases.filter { $0.precedes(status) || $0 == status }.map(\.rawValue)
        _ = try await query(
            "UPDATE event SET status = \(status.rawValue) WHERE id = \(event) AND status = ANY(\(earlier)::text[])",
            logger: logger
        ).collect()
    }
}
