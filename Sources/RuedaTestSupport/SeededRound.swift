import Foundation
import RuedaCore
import RuedaStore
import RuedaUseCases

/// A generated round stored in a database: companies registered, the event created, everyone enrolled and the
/// requests recorded, through the same use cases and repositories the command line uses.
public struct SeededRound: Sendable {
    public let event: StoredEvent
    public let round: DemoPopulation.Round
    public let companies: [NIT: Company]

    /// A round of `buyers` × `suppliers` (seed 5 by default); `delegates` gives the first buyers several delegates.
    public static func seed(
        _ rueda: Rueda, buyers: Int = 20, suppliers: Int = 60, seed: UInt64 = 5, delegates: [Int] = []
    ) async throws -> SeededRound {
        let demo = try DemoPopulation(
            .init(buyers: buyers, suppliers: suppliers, events: 1, seed: seed), reference: rueda.reference)
        guard var round = demo.rounds.first else { throw SeedError(description: "the generator made no round") }
        let buyerIndices = round.participants.indices.filter { round.participants[$0].role == .buyer }
        for (index, count) in zip(buyerIndices, delegates) {
            round.participants[index].delegates = count
            round.participants[index].maxMeetings = round.participants[index].availableSlots.count * count
        }
        _ = try await CompanyRepository(database: rueda.database).upsert(Array(demo.companies.values))
        let event = try await rueda.events.create(round.spec)
        let enrolment = EnrolmentRepository(database: rueda.database)
        _ = try await enrolment.enrol(round.participants, in: event)
        _ = try await enrolment.saveRequests(round.requests, in: event)
        return SeededRound(event: event, round: round, companies: demo.companies)
    }

    /// `events` generated rounds of one programme (companies may take part in several), each stored as `seed` does.
    public static func seedProgramme(
        _ rueda: Rueda, buyers: Int = 20, suppliers: Int = 60, events: Int, seed: UInt64 = 5
    ) async throws -> [SeededRound] {
        let demo = try DemoPopulation(
            .init(buyers: buyers, suppliers: suppliers, events: events, seed: seed), reference: rueda.reference)
        _ = try await CompanyRepository(database: rueda.database).upsert(Array(demo.companies.values))
        let enrolment = EnrolmentRepository(database: rueda.database)
        var rounds: [SeededRound] = []
        for round in demo.rounds {
            let event = try await rueda.events.create(round.spec)
            _ = try await enrolment.enrol(round.participants, in: event)
            _ = try await enrolment.saveRequests(round.requests, in: event)
            rounds.append(SeededRound(event: event, round: round, companies: demo.companies))
        }
        return rounds
    }

    /// The round's code, as commands name it.
    public var code: String { event.spec.code }

    struct SeedError: Error, CustomStringConvertible {
        let description: String
    }
}
