import Foundation
import Logging
import PostgresNIO
import RuedaCore
import RuedaMatching

/// A stored match run: what was run, when, and what it found.
public struct MatchRunRecord: Sendable, Codable {
    public var id: Int64
    public var eventID: Int64
    public var configVersion: String
    public var startedAt: Date
    public var finishedAt: Date
    public var buyers: Int
    public var suppliers: Int
    public var pairsTotal: Int64
    public var pairsScored: Int64
    public var candidatesFound: Int
    public var candidatesKept: Int
    public var buyersWithout: Int
    public var suppliersWithout: Int
    public var expectedValue: Int64
    public var isCurrent: Bool
}

/// A stored candidate pair with both companies' names.
public struct StoredCandidate: Sendable, Codable {
    public var buyer: NIT
    public var buyerName: String
    public var supplier: NIT
    public var supplierName: String
    public var score: PairScore
    public var rankForBuyer: Int
    public var rankForSupplier: Int
    public var sectorBasis: String
    public var sharedTerms: [String]
}

/// A stored nearest miss of a participant left with no candidate.
public struct StoredMiss: Sendable, Codable {
    public var company: NIT
    public var companyName: String
    public var role: String
    public var rank: Int
    public var counterpart: NIT
    public var counterpartName: String
    public var score: Double
    public var filters: [String]
}

/// Stores match runs whole (run, candidates and misses in one transaction) and reads them back.
public struct MatchRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores a run as the event's current one, superseding the previous current run, in one transaction.
    /// Candidates and misses go in with COPY.
    public func save(
        _ result: MatchResult, scorer: PairScorer, options: MatchOptions, startedAt: Date, finishedAt: Date,
        in event: StoredEvent
    ) async throws -> MatchRunRecord {
        let logger = database.logger
        let eventID = event.id
        let population = scorer.population
        let ids = try await companyIDs(in: event)
        func id(_ nit: NIT) throws -> Int64 {
            guard let id = ids[nit] else {
                throw StoreError(.invalidInput, "company \(nit) is not enrolled in \(event.spec.code) any more")
            }
            return id
        }
        // Ids and score bases are worked out before the transaction; rows are written once the run id is known.
        let candidateRows = try result.candidates.map { candidate in
            (
                buyer: try id(population.buyers[candidate.buyer].profile.nit),
                supplier: try id(population.suppliers[candidate.supplier].profile.nit), candidate: candidate,
                basis: scorer.basis(buyer: candidate.buyer, supplier: candidate.supplier, score: candidate.score)
            )
        }
        let missRows = try result.nearestMisses.map { miss in
            let (company, counterpart) =
                miss.side == .buyer
                ? (population.buyers[miss.participant].profile.nit, population.suppliers[miss.counterpart].profile.nit)
                : (population.suppliers[miss.participant].profile.nit, population.buyers[miss.counterpart].profile.nit)
            return (company: try id(company), counterpart: try id(counterpart), miss: miss)
        }
        func copyRows(runID: Int64) -> (candidates: CopyRows, misses: CopyRows) {
            var candidates = CopyRows()
            for row in candidateRows {
                let score = row.candidate.score
                candidates.integer(runID)
                candidates.integer(row.buyer)
                candidates.integer(row.supplier)
                candidates.integer(score.demandPosition)
                candidates.integer(score.offerPosition)
                for part in [
                    score.score, score.sector, score.product, score.requirements, score.interest, score.probability,
                ] {
                    candidates.number(part)
                }
                candidates.integer(score.dealSize)
                candidates.integer(score.expectedValue)
                candidates.integer(row.candidate.rankForBuyer)
                candidates.integer(row.candidate.rankForSupplier)
                candidates.text(row.basis.sector)
                candidates.array(row.basis.sharedTerms)
                candidates.endRow()
            }
            var misses = CopyRows()
            for row in missRows {
                misses.integer(runID)
                misses.integer(row.company)
                misses.text(row.miss.side.rawValue)
                misses.integer(row.miss.rank)
                misses.integer(row.counterpart)
                misses.number(row.miss.score)
                misses.array(row.miss.filters.map(\.rawValue))
                misses.endRow()
            }
            return (candidates, misses)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let configuration = String(decoding: scorer.configuration.encoded(), as: UTF8.self)
        let optionsJSON = String(decoding: (try? encoder.encode(options)) ?? Data("{}".utf8), as: UTF8.self)
        let version = scorer.configuration.version
        let expected = result.candidates.saturatingSum(\.score.expectedValue)
        let counts = (
            buyers: population.buyers.count, suppliers: population.suppliers.count,
            total: Int64(result.pairsTotal), scored: Int64(result.pairsScored), found: result.candidatesFound,
            kept: result.candidates.count, buyersWithout: result.buyersWithout.count,
            suppliersWithout: result.suppliersWithout.count
        )
        let runID = try await database.transaction("storing the match run of \(event.spec.code)") { connection in
            _ = try await connection.query(
                """
                UPDATE match_run SET is_current = false, superseded_at = now()
                WHERE event_id = \(eventID) AND is_current
                """, logger: logger
            ).collect()
            let rows = try await connection.query(
                """
                INSERT INTO match_run (event_id, config_version, configuration, options, started_at, finished_at,
                    buyers, suppliers, pairs_total, pairs_scored, candidates_found, candidates_kept, buyers_without,
                    suppliers_without, expected_value_cop)
                VALUES (\(eventID), \(version), \(configuration)::jsonb, \(optionsJSON)::jsonb, \(startedAt),
                    \(finishedAt), \(counts.buyers), \(counts.suppliers), \(counts.total), \(counts.scored),
                    \(counts.found), \(counts.kept), \(counts.buyersWithout), \(counts.suppliersWithout), \(expected))
                RETURNING id
                """, logger: logger)
            var runID: Int64 = 0
            for try await id in rows.decode(Int64.self) { runID = id }
            let staged = copyRows(runID: runID)
            try await connection.copy(
                staged.candidates, into: "match_candidate", columns: Self.candidateColumns, logger: logger)
            try await connection.copy(staged.misses, into: "match_miss", columns: Self.missColumns, logger: logger)
            _ = try await connection.query(
                """
                UPDATE event SET status = 'matched' WHERE id = \(eventID) AND status IN ('draft', 'open', 'matched')
                """, logger: logger
            ).collect()
            return runID
        }
        guard let record = try await run(runID) else {
            throw StoreError(.database, "the match run was stored but cannot be read back")
        }
        return record
    }

    static let candidateColumns = [
        "run_id", "buyer_company_id", "supplier_company_id", "demand_position", "offer_position", "score", "sector",
        "product",
        "requirements", "interest", "probability", "deal_size_cop", "expected_value_cop", "rank_for_buyer",
        "rank_for_supplier", "sector_basis", "shared_terms",
    ]
    static let missColumns = ["run_id", "company_id", "role", "rank", "counterpart_company_id", "score", "filters"]

    /// Company ids of everyone enrolled in the event, by NIT.
    func companyIDs(in event: StoredEvent) async throws -> [NIT: Int64] {
        let logger = database.logger
        let eventID = event.id
        return try await database.connection("reading the enrolment of \(event.spec.code)") { connection in
            let rows = try await connection.query(
                """
                SELECT DISTINCT c.nit, c.id FROM participation p JOIN company c ON c.id = p.company_id
                WHERE p.event_id = \(eventID)
                """, logger: logger)
            var ids: [NIT: Int64] = [:]
            for try await (nit, id) in rows.decode((String, Int64).self) { ids[try NIT(base: nit)] = id }
            return ids
        }
    }
}
