import RuedaCore
import RuedaStore

/// The one resolver for what a user names: an event by code (or `id:N`), a match run (the current one, or one by
/// id), a schedule version (the published one, the published else the newest, the newest draft, or version N).
public struct Selection: Sendable {
    let database: Database

    /// Which schedule version a command means.
    public enum Version: Sendable, Hashable {
        /// Version N.
        case number(Int)
        /// The published version.
        case published
        /// The published version, else the newest.
        case publishedOrNewest
        /// The newest draft.
        case newestDraft
    }

    /// The event a reference names: a code, or `id:N` for the event with id N.
    public func event(_ reference: String) async throws -> StoredEvent {
        let repository = EventRepository(database: database)
        let found: StoredEvent?
        if reference.hasPrefix("id:"), let id = Int64(reference.dropFirst(3)) {
            found = try await repository.event(id: EventID(id))
        } else {
            found = try await repository.event(code: reference)
        }
        guard let found else {
            throw RuedaError(
                .notFound, "no event '\(reference.visibleForTerminal)'; `rueda event list` shows the events")
        }
        return found
    }

    /// The run with this id (it must belong to the event), or the event's current run.
    public func matchRun(_ id: MatchRunID?, of event: StoredEvent) async throws -> MatchRunRecord {
        let repository = MatchRepository(database: database)
        if let id {
            guard let record = try await repository.run(id), record.eventID == event.id else {
                throw RuedaError(
                    .notFound, "match run \(id) is not a run of \(event.spec.code); see 'rueda match runs'")
            }
            return record
        }
        guard let record = try await repository.current(in: event) else {
            throw RuedaError(
                .notFound, "\(event.spec.code) has no match run yet; run 'rueda match run \(event.spec.code)' first")
        }
        return record
    }

    /// The schedule version meant.
    public func version(_ version: Version, of event: StoredEvent) async throws -> ScheduleRecord {
        let repository = ScheduleRepository(database: database)
        let code = event.spec.code
        switch version {
        case .number(let number):
            guard let record = try await repository.version(number, in: event) else {
                throw RuedaError(.notFound, "\(code) has no schedule version \(number)")
            }
            return record
        case .published:
            guard let record = try await repository.published(in: event) else {
                throw RuedaError(
                    .notFound, "\(code) has no published schedule; publish one, or name a draft with --version")
            }
            return record
        case .publishedOrNewest:
            if let published = try await repository.published(in: event) { return published }
            guard let newest = try await repository.versions(in: event).first else {
                throw RuedaError(.notFound, "\(code) has no schedule yet; run 'rueda schedule solve \(code)'")
            }
            return newest
        case .newestDraft:
            guard let draft = try await repository.versions(in: event).first(where: { $0.status == .draft }) else {
                throw RuedaError(.notFound, "\(code) has no draft schedule; run 'rueda schedule solve \(code)' first")
            }
            return draft
        }
    }

    /// Version N when given, else `fallback`.
    public func version(_ number: Int?, else fallback: Version, of event: StoredEvent) async throws -> ScheduleRecord {
        try await version(number.map(Version.number) ?? fallback, of: event)
    }
}
