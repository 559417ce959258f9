import Foundation
import Logging
import PostgresNIO
import RuedaCore
import RuedaMatching

extension MatchRepository {
    static let runColumns = """
        id, event_id, config_version, started_at, finished_at, buyers, suppliers, pairs_total, pairs_scored,
        candidates_found, candidates_kept, buyers_without, suppliers_without, expected_value_cop, is_current
        """

    /// A run by id.
    public func run(_ id: MatchRunID) async throws -> MatchRunRecord? {
        try await runs("SELECT \(unescaped: Self.runColumns) FROM match_run WHERE id = \(id)").first
    }

    /// The event's current run, or nil before the first.
    public func current(in event: StoredEvent) async throws -> MatchRunRecord? {
        try await runs(
            "SELECT \(unescaped: Self.runColumns) FROM match_run WHERE event_id = \(event.id) AND is_current"
        ).first
    }

    /// Every run of the event, newest first.
    public func runs(of event: StoredEvent) async throws -> [MatchRunRecord] {
        try await runs(
            "SELECT \(unescaped: Self.runColumns) FROM match_run WHERE event_id = \(event.id) ORDER BY id DESC")
    }

    /// The configuration a run used, as the JSON document stored with it.
    public func configuration(of run: MatchRunRecord) async throws -> Data {
        let logger = database.logger
        let text = try await database.connection("reading the match configuration") { connection in
            let rows = try await connection.query(
                "SELECT configuration::text FROM match_run WHERE id = \(run.id)", logger: logger)
            for try await text in rows.decode(String.self) { return text }
            throw StoreError(.notFound, "match run \(run.id) has no stored configuration")
        }
        return Data(text.utf8)
    }

    private func runs(_ query: PostgresQuery) async throws -> [MatchRunRecord] {
        let logger = database.logger
        return try await database.connection("reading match runs") { connection in
            var records: [MatchRunRecord] = []
            for try await row in try await connection.query(query, logger: logger) {
                let c = row.makeRandomAccess()
                records.append(
                    MatchRunRecord(
                        id: try c[0].decode(MatchRunID.self), eventID: try c[1].decode(EventID.self),
                        configVersion: try c[2].decode(String.self), startedAt: try c[3].decode(Date.self),
                        finishedAt: try c[4].decode(Date.self), buyers: try c[5].decode(Int.self),
                        suppliers: try c[6].decode(Int.self), pairsTotal: try c[7].decode(Int64.self),
                        pairsScored: try c[8].decode(Int64.self), candidatesFound: try c[9].decode(Int.self),
                        candidatesKept: try c[10].decode(Int.self), buyersWithout: try c[11].decode(Int.self),
                        suppliersWithout: try c[12].decode(Int.self), expectedValue: try c[13].decode(Int64.self),
                        isCurrent: try c[14].decode(Bool.self)))
            }
            return records
        }
    }

    /// Candidates of a run, best first: all of them, or those of one company (as buyer or supplier); `top` keeps
    /// the best N overall, or the best N of the company.
    public func candidates(
        of run: MatchRunRecord, company: NIT? = nil, top: Int? = nil
    ) async throws
        -> [StoredCandidate]
    {
        let limit = top ?? Int(Int32.max)
        if let company {
            return try await candidates(
                """
                SELECT \(unescaped: Self.candidateSelect) WHERE m.run_id = \(run.id)
                AND (b.nit = \(company.base) OR s.nit = \(company.base))
                ORDER BY m.score DESC, m.expected_value_cop DESC, b.nit, s.nit LIMIT \(limit)
                """)
        }
        return try await candidates(
            """
            SELECT \(unescaped: Self.candidateSelect) WHERE m.run_id = \(run.id)
            ORDER BY m.score DESC, m.expected_value_cop DESC, b.nit, s.nit LIMIT \(limit)
            """)
    }

    /// One stored candidate, or nil when the pair is not among the run's candidates.
    public func candidate(of run: MatchRunRecord, pair: MeetingPair) async throws -> StoredCandidate? {
        try await candidates(
            """
            SELECT \(unescaped: Self.candidateSelect)
            WHERE m.run_id = \(run.id) AND b.nit = \(pair.buyer.base) AND s.nit = \(pair.supplier.base)
            """
        ).first
    }

    static let candidateSelect = """
        b.nit, b.name, s.nit, s.name, m.score, m.sector, m.product, m.requirements, m.interest, m.demand_position,
        m.offer_position, m.probability, m.deal_size_cop, m.expected_value_cop, m.rank_for_buyer,
        m.rank_for_supplier, m.sector_basis, m.shared_terms, b.id, s.id
        FROM match_candidate m JOIN company b ON b.id = m.buyer_company_id JOIN company s ON s.id = m.supplier_company_id
        """

    private func candidates(_ query: PostgresQuery) async throws -> [StoredCandidate] {
        let logger = database.logger
        return try await database.connection("reading match candidates") { connection in
            var candidates: [StoredCandidate] = []
            for try await row in try await connection.query(query, logger: logger) {
                let c = row.makeRandomAccess()
                let score = PairScore(
                    score: try c[4].decode(Double.self), sector: try c[5].decode(Double.self),
                    product: try c[6].decode(Double.self), requirements: try c[7].decode(Double.self),
                    interest: try c[8].decode(Double.self), demandPosition: try c[9].decode(Int.self),
                    offerPosition: try c[10].decode(Int.self), probability: try c[11].decode(Double.self),
                    dealSize: try c[12].decode(Int64.self), expectedValue: try c[13].decode(Int64.self))
                candidates.append(
                    StoredCandidate(
                        buyerID: try c[18].decode(CompanyID.self), supplierID: try c[19].decode(CompanyID.self),
                        pair: MeetingPair(
                            buyer: try NIT(base: try c[0].decode(String.self)),
                            supplier: try NIT(base: try c[2].decode(String.self))),
                        buyerName: try c[1].decode(String.self), supplierName: try c[3].decode(String.self),
                        score: score, rankForBuyer: try c[14].decode(Int.self),
                        rankForSupplier: try c[15].decode(Int.self), sectorBasis: try c[16].decode(String.self),
                        sharedTerms: try c[17].decode([String].self)))
            }
            return candidates
        }
    }

    /// Nearest misses of the run's participants with no candidate, by company and rank.
    public func misses(of run: MatchRunRecord) async throws -> [StoredMiss] {
        let logger = database.logger
        return try await database.connection("reading nearest misses") { connection in
            let rows = try await connection.query(
                """
                SELECT c.nit, c.name, m.role, m.rank, o.nit, o.name, m.score, m.filters FROM match_miss m
                JOIN company c ON c.id = m.company_id JOIN company o ON o.id = m.counterpart_company_id
                WHERE m.run_id = \(run.id) ORDER BY m.role, c.nit, m.rank
                """, logger: logger)
            var misses: [StoredMiss] = []
            for try await row in rows {
                let c = row.makeRandomAccess()
                misses.append(
                    StoredMiss(
                        company: try NIT(base: try c[0].decode(String.self)), companyName: try c[1].decode(String.self),
                        role: try StoredValue.known(ParticipantRole.self, try c[2].decode(String.self), column: "role"),
                        rank: try c[3].decode(Int.self), counterpart: try NIT(base: try c[4].decode(String.self)),
                        counterpartName: try c[5].decode(String.self), score: try c[6].decode(Double.self),
                        filters: try c[7].decode([String].self)))
            }
            return misses
        }
    }

    /// What the run did with each request, by buyer and supplier name.
    public func requests(of run: MatchRunRecord) async throws -> [StoredRequestFate] {
        let logger = database.logger
        return try await database.connection("reading the fates of requests") { connection in
            let rows = try await connection.query(
                """
                SELECT b.nit, b.name, s.nit, s.name, r.requested_by, r.level, r.fate, r.filter, r.score
                FROM match_request r JOIN company b ON b.id = r.buyer_company_id
                JOIN company s ON s.id = r.supplier_company_id
                WHERE r.run_id = \(run.id) ORDER BY b.name, b.nit, s.name, s.nit, r.requested_by
                """, logger: logger)
            var fates: [StoredRequestFate] = []
            for try await row in rows {
                let c = row.makeRandomAccess()
                fates.append(
                    StoredRequestFate(
                        pair: MeetingPair(
                            buyer: try NIT(base: try c[0].decode(String.self)),
                            supplier: try NIT(base: try c[2].decode(String.self))),
                        buyerName: try c[1].decode(String.self), supplierName: try c[3].decode(String.self),
                        requestedBy: try StoredValue.known(
                            ParticipantRole.self, try c[4].decode(String.self), column: "requested_by"),
                        level: try StoredValue.known(InterestLevel.self, try c[5].decode(String.self), column: "level"),
                        fate: try StoredValue.known(
                            RequestFate.Outcome.self, try c[6].decode(String.self), column: "fate"),
                        filter: try c[7].decode(String?.self).map {
                            try StoredValue.known(PairFilter.self, $0, column: "filter")
                        },
                        score: try c[8].decode(Double?.self)))
            }
            return fates
        }
    }
}

/// The stored fate of one request in a match run.
public struct StoredRequestFate: Sendable, Codable, Hashable {
    public var pair: MeetingPair
    public var buyerName: String
    public var supplierName: String
    public var requestedBy: ParticipantRole
    public var level: InterestLevel
    public var fate: RequestFate.Outcome
    public var filter: PairFilter?
    public var score: Double?
}
