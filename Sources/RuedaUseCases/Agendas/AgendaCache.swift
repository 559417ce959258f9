import Foundation
import RuedaCore
import RuedaExport
import RuedaStore
import Synchronization

/// One company's agenda in a published (frozen) schedule version, kept in memory by a long-running service so that
/// a participant's agenda page, download and calendar feed need not rebuild it from the database on every view.
///
/// A published version never changes (a trigger freezes it), so an entry can only go stale through what the agenda
/// shows beside the meetings: a counterpart's name or contact edited later. Entries therefore live `lifetime` and
/// the cache holds at most `capacity` of them, dropping the oldest half when full. What an entry is rendered into
/// (a page in a language) can be kept beside it as a rendition, and goes with it.
public final class AgendaCache: Sendable {
    struct Key: Hashable {
        let schedule: ScheduleID
        let company: CompanyID
    }

    struct Entry {
        let agenda: Agenda
        let stamp: Date
        let stored: ContinuousClock.Instant
        var renditions: [String: [UInt8]] = [:]
    }

    /// The most renditions kept beside one agenda (two languages times a few frames are all a participant sees).
    public static let renditionsPerAgenda = 8

    /// How long an agenda is served from memory before it is read again.
    public let lifetime: Duration
    /// The most agendas kept at once.
    public let capacity: Int
    private let entries = Mutex<[Key: Entry]>([:])

    /// A cache whose entries live `lifetime` (default 30 s), at most `capacity` of them (default 20,000: every
    /// participant of a national programme's largest rounds).
    public init(lifetime: Duration = .seconds(30), capacity: Int = 20_000) {
        self.lifetime = lifetime
        self.capacity = max(1, capacity)
    }

    /// The agenda stored for a company in a version, if it is still fresh.
    public func agenda(schedule: ScheduleID, company: CompanyID) -> (agenda: Agenda, stamp: Date)? {
        let key = Key(schedule: schedule, company: company)
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard now - entry.stored < lifetime else {
                entries[key] = nil
                return nil
            }
            return (entry.agenda, entry.stamp)
        }
    }

    /// Keeps a company's agenda in a published version.
    public func store(_ agenda: Agenda, stamp: Date, schedule: ScheduleID, company: CompanyID) {
        let key = Key(schedule: schedule, company: company)
        let entry = Entry(agenda: agenda, stamp: stamp, stored: ContinuousClock.now)
        entries.withLock { entries in
            entries.makeRoom(for: key, capacity: capacity, stored: \.stored)
            entries[key] = entry
        }
    }

    /// A rendition of a company's agenda kept under `variant` (all else it was rendered from), while the agenda is
    /// fresh.
    public func rendition(_ variant: String, schedule: ScheduleID, company: CompanyID) -> [UInt8]? {
        let key = Key(schedule: schedule, company: company)
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[key], now - entry.stored < lifetime else { return nil }
            return entry.renditions[variant]
        }
    }

    /// Keeps a rendition beside a company's agenda, if the agenda is still held: it then lives no longer than the
    /// agenda it shows.
    public func keep(_ rendition: [UInt8], variant: String, schedule: ScheduleID, company: CompanyID) {
        let key = Key(schedule: schedule, company: company)
        entries.withLock { entries in
            guard var entry = entries[key] else { return }
            if entry.renditions.count >= Self.renditionsPerAgenda, entry.renditions[variant] == nil {
                entry.renditions.removeAll()
            }
            entry.renditions[variant] = rendition
            entries[key] = entry
        }
    }

    /// How many agendas are held now.
    public var count: Int { entries.withLock { $0.count } }

    /// How many renditions are held now, beside all agendas.
    public var renditionCount: Int { entries.withLock { $0.values.reduce(0) { $0 + $1.renditions.count } } }
}
