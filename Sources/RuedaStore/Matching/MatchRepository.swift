import Foundation
import Logging
import PostgresNIO
import RuedaCore
import RuedaMatching

/// A stored match run: what was run, when, and what it found.
public struct MatchRunRecord: Sendable, Codable, Hashable {
    public var id: MatchRunID
    public var eventID: EventID
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

/// A stored candidate pair with both companies' identities and names.
public struct StoredCandidate: Sendable, Codable, Hashable {
    public var buyerID: CompanyID
    public var supplierID: CompanyID
    public var pair: MeetingPair
    public var buyerName: String
    public var supplierName: String
    public var score: PairScore
    public var rankForBuyer: Int
    public var rankForSupplier: Int
    public var sectorBasis: String
    public var sharedTerms: [String]

    public var buyer: NIT { pair.buyer }
    public var supplier: NIT { pair.supplier }
}

/// A stored nearest miss of a participant left with no candidate.
public struct StoredMiss: Sendable, Codable, Hashable {
    public var company: NIT
    public var companyName: String
    public var role: ParticipantRole
    public var rank: Int
    public var counterpart: NIT
    public var counterpartName: String
    public var score: Double
    public var filters: [String]
}

/// A match run to store: everything worked out by the caller, ready to be written.
public struct NewMatchRun: Sendable {
    /// One candidate row.
    public struct Candidate: Sendable {
        public var buyer: CompanyID
        public var supplier: CompanyID
        public var score: PairScore
        public var rankForBuyer: Int
        public var rankForSupplier: Int
        public var sectorBasis: String
        public var sharedTerms: [String]

        public init(
            buyer: CompanyID, supplier: CompanyID, score: PairScore, rankForBuyer: Int, rankForSupplier: Int,
            sectorBasis: String, sharedTerms: [String]
        ) {
            self.buyer = buyer
            self.supplier = supplier
            self.score = score
            self.rankForBuyer = rankForBuyer
            self.rankForSupplier = rankForSupplier
            self.sectorBasis = sectorBasis
            self.sharedTerms = sharedTerms
        }
    }

    /// One nearest miss of a participant without candidates.
    public struct Miss: Sendable {
        public var company: CompanyID
        public var role: ParticipantRole
        public var rank: Int
        public var counterpart: CompanyID
        public var score: Double
        public var filters: [String]

        public init(
            company: CompanyID, role: ParticipantRole, rank: Int, counterpart: CompanyID, score: Double,
            filters: [String]
        ) {
            self.company = company
            self.role = role
            self.rank = rank
            self.counterpart = counterpart
            self.score = score
            self.filters = filters
        }
    }

    /// The fate of one request in the run.
    public struct Request: Sendable {
        public var buyer: CompanyID
        public var supplier: CompanyID
        public var requestedBy: ParticipantRole
        public var level: InterestLevel
        public var fate: RequestFate.Outcome
        public var filter: PairFilter?
        public var score: Double?

        public init(
            buyer: CompanyID, supplier: CompanyID, requestedBy: ParticipantRole, level: InterestLevel,
            fate: RequestFate.Outcome, filter: PairFilter?, score: Double?
        ) {
            self.buyer = buyer
            self.supplier = supplier
            self.requestedBy = requestedBy
            self.level = level
            self.fate = fate
            self.filter = filter
            self.score = score
        }
    }

    /// The candidates to store, made one at a time while they are copied, so that a directory-scale run never holds
    /// them all as rows.
    public struct CandidateRows: Sendable {
        public let count: Int
        let make: @Sendable (Int) throws -> Candidate

        public init(count: Int, make: @escaping @Sendable (Int) throws -> Candidate) {
            self.count = count
            self.make = make
        }

        public init(_ candidates: [Candidate]) {
            self.init(count: candidates.count) { candidates[$0] }
        }
    }

    public var event: StoredEvent
    public var configVersion: String
    /// The configuration and options as JSON documents, stored with the run.
    public var configuration: Data
    public var options: Data
    public var startedAt: Date
    public var finishedAt: Date
    public var buyers: Int
    public var suppliers: Int
    public var pairsTotal: Int64
    public var pairsScored: Int64
    public var candidatesFound: Int
    public var buyersWithout: Int
    public var suppliersWithout: Int
    public var expectedValue: Int64
    public var candidates: CandidateRows
    public var misses: [Miss]
    public var requests: [Request] = []

    public init(
        event: StoredEvent, configVersion: String, configuration: Data, options: Data, startedAt: Date,
        finishedAt: Date, buyers: Int, suppliers: Int, pairsTotal: Int64, pairsScored: Int64, candidatesFound: Int,
        buyersWithout: Int, suppliersWithout: Int, expectedValue: Int64, candidates: [Candidate], misses: [Miss]
    ) {
        self.event = event
        self.configVersion = configVersion
        self.configuration = configuration
        self.options = options
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.buyers = buyers
        self.suppliers = suppliers
        self.pairsTotal = pairsTotal
        self.pairsScored = pairsScored
        self.candidatesFound = candidatesFound
        self.buyersWithout = buyersWithout
        self.suppliersWithout = suppliersWithout
        self.expectedValue = expectedValue
        self.candidates = CandidateRows(candidates)
        self.misses = misses
    }
}

/// Stores match runs whole (run, candidates and misses in one transaction) and reads them back.
public struct MatchRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores a run as the event's current one, superseding the previous current run, in one transaction.
    /// Candidates and misses go in with COPY.
    /// With a `lease`, the worker's job is completed in the same transaction, so a retried job never stores twice.
    public func save(_ run: NewMatchRun, completing lease: JobLease? = nil) async throws -> MatchRunRecord {
        let logger = database.logger
        let eventID = run.event.id
        let configuration = String(decoding: run.configuration, as: UTF8.self)
        let options = String(decoding: run.options, as: UTF8.self)
        let runID = try await database.transaction("storing the match run of \(run.event.spec.code)") { connection in
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
                VALUES (\(eventID), \(run.configVersion), \(configuration)::jsonb, \(options)::jsonb, \(run.startedAt),
                    \(run.finishedAt), \(run.buyers), \(run.suppliers), \(run.pairsTotal), \(run.pairsScored),
                    \(run.candidatesFound), \(run.candidates.count), \(run.buyersWithout), \(run.suppliersWithout),
                    \(run.expectedValue))
                RETURNING id
                """, logger: logger)
            var runID = MatchRunID(0)
            for try await id in rows.decode(MatchRunID.self) { runID = id }
            try await connection.copy(
                count: run.candidates.count, into: "match_candidate", columns: Self.candidateColumns, logger: logger
            ) { index, rows in
                Self.encode(try run.candidates.make(index), runID: runID, into: &rows)
            }
            try await connection.copy(
                Self.missRows(run.misses, runID: runID), into: "match_miss", columns: Self.missColumns, logger: logger)
            try await connection.copy(
                Self.requestRows(run.requests, runID: runID), into: "match_request", columns: Self.requestColumns,
                logger: logger)
            try await connection.advance(eventID, to: .matched, logger: logger)
            try await lease?.complete(on: connection, result: "{\"matchRun\": \(runID.rawValue)}", logger: logger)
            return runID
        }
        guard let record = try await self.run(runID) else {
            throw StoreError(.database, "the match run was stored but cannot be read back")
        }
        return record
    }

    static func encode(_ candidate: NewMatchRun.Candidate, runID: MatchRunID, into rows: inout CopyRows) {
        let score = candidate.score
        rows.integer(runID.rawValue)
        rows.integer(candidate.buyer.rawValue)
        rows.integer(candidate.supplier.rawValue)
        rows.integer(score.demandPosition)
        rows.integer(score.offerPosition)
        for part in [score.score, score.sector, score.product, score.requirements, score.interest, score.probability] {
            rows.number(part)
        }
        rows.integer(score.dealSize)
        rows.integer(score.expectedValue)
        rows.integer(candidate.rankForBuyer)
        rows.integer(candidate.rankForSupplier)
        rows.text(candidate.sectorBasis)
        rows.array(candidate.sharedTerms)
        rows.endRow()
    }

    static func missRows(_ misses: [NewMatchRun.Miss], runID: MatchRunID) -> CopyRows {
        var rows = CopyRows()
        for miss in misses {
            rows.integer(runID.rawValue)
            rows.integer(miss.company.rawValue)
            rows.text(miss.role.rawValue)
            rows.integer(miss.rank)
            rows.integer(miss.counterpart.rawValue)
            rows.number(miss.score)
            rows.array(miss.filters)
            rows.endRow()
        }
        return rows
    }

    static func requestRows(_ requests: [NewMatchRun.Request], runID: MatchRunID) -> CopyRows {
        var rows = CopyRows()
        for request in requests {
            rows.integer(runID.rawValue)
            rows.integer(request.buyer.rawValue)
            rows.integer(request.supplier.rawValue)
            rows.text(request.requestedBy.rawValue)
            rows.text(request.level.rawValue)
            rows.text(request.fate.rawValue)
            rows.text(request.filter?.rawValue)
            if let score = request.score { rows.number(score) } else { rows.text(nil) }
            rows.endRow()
        }
        return rows
    }

    static let requestColumns = [
        "run_id", "buyer_company_id", "supplier_company_id", "requested_by", "level", "fate", "filter", "score",
    ]
    static let candidateColumns = [
        "run_id", "buyer_company_id", "supplier_company_id", "demand_position", "offer_position", "score", "sector",
        "product", "requirements", "interest", "probability", "deal_size_cop", "expected_value_cop", "rank_for_buyer",
        "rank_for_supplier", "sector_basis", "shared_terms",
    ]
    static let missColumns = ["run_id", "company_id", "role", "rank", "counterpart_company_id", "score", "filters"]
}
