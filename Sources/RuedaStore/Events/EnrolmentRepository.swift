import Logging
import PostgresNIO
import RuedaCore

/// What an enrolment changed.
public struct EnrolmentSummary: Sendable, Equatable, CustomStringConvertible {
    public var participants: UpsertSummary
    public var demands: Int
    public var offers: Int

    public var description: String { "participants: \(participants); \(demands) demands, \(offers) offers" }
}

/// A participant as stored, with its own identity and its company's.
public struct EnrolledParticipant: Sendable, Hashable {
    public let id: ParticipationID
    public let companyID: CompanyID
    public let participant: Participant

    public init(id: ParticipationID, companyID: CompanyID, participant: Participant) {
        self.id = id
        self.companyID = companyID
        self.participant = participant
    }
}

/// Enrols companies in an event and records their meeting requests.
public struct EnrolmentRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Upserts participants (by company and role) with their demands and offers, all in one transaction.
    ///
    /// A participant's demands and offers are replaced by position, so enrolling the same file again changes nothing.
    public func enrol(_ participants: [Participant], in event: StoredEvent) async throws -> EnrolmentSummary {
        let logger = database.logger
        let eventID = event.id
        var people = CopyRows(), demands = CopyRows(), offers = CopyRows()
        for participant in participants {
            let role = participant.role.rawValue
            people.text(participant.nit.base)
            people.text(role)
            people.array(participant.availableSlots)
            people.integer(participant.maxMeetings)
            people.integer(participant.minMeetings)
            people.integer(participant.delegates)
            people.endRow()
            for (position, demand) in participant.demands.enumerated() {
                demands.text(participant.nit.base)
                demands.text(role)
                demands.integer(position)
                demands.array(demand.ciiu)
                demands.text(demand.keywords)
                demands.array(demand.requiredCertifications)
                demands.array(demand.preferredCertifications)
                demands.array(demand.preferredDepartments)
                demands.bool(demand.departmentsRequired)
                demands.array(demand.preferredSizes.map(\.rawValue))
                demands.integer(demand.budget?.pesos)
                demands.integer(demand.quantity)
                demands.bool(demand.requiresExportExperience)
                demands.endRow()
            }
            for (position, offer) in participant.offers.enumerated() {
                offers.text(participant.nit.base)
                offers.text(role)
                offers.integer(position)
                offers.array(offer.ciiu)
                offers.text(offer.products)
                offers.integer(offer.capacity)
                offers.integer(offer.priceMin?.pesos)
                offers.integer(offer.priceMax?.pesos)
                offers.bool(offer.exportExperience)
                offers.endRow()
            }
        }
        let staged = (people, demands, offers)
        return try await database.transaction("enrolling participants in \(event.spec.code)") { connection in
            for statement in Self.stageTables {
                _ = try await connection.query(statement, logger: logger).collect()
            }
            try await connection.copy(
                staged.0, into: "participation_stage", columns: Self.participationColumns, logger: logger)
            try await connection.copy(staged.1, into: "demand_stage", columns: Self.demandColumns, logger: logger)
            try await connection.copy(staged.2, into: "offer_stage", columns: Self.offerColumns, logger: logger)
            for table in ["participation_stage", "demand_stage", "offer_stage"] {
                _ = try await connection.query(PostgresQuery(unsafeSQL: "ANALYZE \(table)"), logger: logger).collect()
            }
            var summary = EnrolmentSummary(
                participants: UpsertSummary(), demands: staged.1.rowCount, offers: staged.2.rowCount)
            var inserted = Set<Int64>(), changed = Set<Int64>()
            let upserted = try await connection.query(
                """
                INSERT INTO participation (event_id, company_id, role, available_slots, max_meetings, min_meetings,
                                           delegates)
                SELECT \(eventID), c.id, s.role, s.available_slots, s.max_meetings, s.min_meetings, s.delegates
                FROM participation_stage s JOIN company c ON c.nit = s.nit
                ON CONFLICT (event_id, company_id, role) DO UPDATE
                SET available_slots = EXCLUDED.available_slots, max_meetings = EXCLUDED.max_meetings,
                    min_meetings = EXCLUDED.min_meetings, delegates = EXCLUDED.delegates
                WHERE (participation.available_slots, participation.max_meetings, participation.min_meetings,
                       participation.delegates)
                  IS DISTINCT FROM (EXCLUDED.available_slots, EXCLUDED.max_meetings, EXCLUDED.min_meetings,
                                    EXCLUDED.delegates)
                RETURNING id, (xmax = 0)
                """, logger: logger)
            for try await (id, isNew) in upserted.decode((Int64, Bool).self) {
                if isNew { inserted.insert(id) } else { changed.insert(id) }
            }
            for statement in Self.detailStatements(eventID: eventID) {
                for try await id in try await connection.query(statement, logger: logger).decode(Int64.self)
                where !inserted.contains(id) {
                    changed.insert(id)
                }
            }
            summary.participants = UpsertSummary(
                inserted: inserted.count, updated: changed.count,
                unchanged: staged.0.rowCount - inserted.count - changed.count)
            return summary
        }
    }

    static let participationColumns = ["nit", "role", "available_slots", "max_meetings", "min_meetings", "delegates"]
    static let demandColumns = [
        "nit", "role", "position", "ciiu_codes", "keywords", "required_certifications", "preferred_certifications",
        "preferred_departments", "departments_required", "preferred_sizes", "budget_cop", "quantity",
        "requires_export_experience",
    ]
    static let offerColumns = [
        "nit", "role", "position", "ciiu_codes", "products", "capacity", "price_min_cop", "price_max_cop",
        "export_experience",
    ]

    static let stageTables: [PostgresQuery] = [
        """
        CREATE TEMP TABLE participation_stage (
            nit text, role text, available_slots integer[], max_meetings integer, min_meetings integer,
            delegates integer
        ) ON COMMIT DROP
        """,
        """
        CREATE TEMP TABLE demand_stage (
            nit text, role text, position smallint, ciiu_codes text[], keywords text, required_certifications text[],
            preferred_certifications text[], preferred_departments text[], departments_required boolean,
            preferred_sizes text[], budget_cop bigint, quantity integer, requires_export_experience boolean
        ) ON COMMIT DROP
        """,
        """
        CREATE TEMP TABLE offer_stage (
            nit text, role text, position smallint, ciiu_codes text[], products text, capacity integer,
            price_min_cop bigint, price_max_cop bigint, export_experience boolean
        ) ON COMMIT DROP
        """,
    ]

    /// Statements that bring demands and offers in line with the staged rows; each returns the participations touched.
    static func detailStatements(eventID: EventID) -> [PostgresQuery] {
        let staged = """
            participation p JOIN company c ON c.id = p.company_id
            JOIN participation_stage ps ON ps.nit = c.nit AND ps.role = p.role
            """
        return [
            """
            INSERT INTO demand (participation_id, position, ciiu_codes, keywords, required_certifications,
                                preferred_certifications, preferred_departments, departments_required,
                                preferred_sizes, budget_cop, quantity, requires_export_experience)
            SELECT p.id, d.position, d.ciiu_codes, d.keywords, d.required_certifications, d.preferred_certifications,
                   d.preferred_departments, d.departments_required, d.preferred_sizes, d.budget_cop, d.quantity,
                   d.requires_export_experience
            FROM demand_stage d JOIN company c ON c.nit = d.nit
            JOIN participation p ON p.event_id = \(eventID) AND p.company_id = c.id AND p.role = d.role
            ON CONFLICT (participation_id, position) DO UPDATE
            SET ciiu_codes = EXCLUDED.ciiu_codes, keywords = EXCLUDED.keywords,
                required_certifications = EXCLUDED.required_certifications,
                preferred_certifications = EXCLUDED.preferred_certifications,
                preferred_departments = EXCLUDED.preferred_departments,
                departments_required = EXCLUDED.departments_required, preferred_sizes = EXCLUDED.preferred_sizes,
                budget_cop = EXCLUDED.budget_cop, quantity = EXCLUDED.quantity,
                requires_export_experience = EXCLUDED.requires_export_experience
            WHERE (demand.ciiu_codes, demand.keywords, demand.required_certifications, demand.preferred_certifications,
                   demand.preferred_departments, demand.departments_required, demand.preferred_sizes,
                   demand.budget_cop, demand.quantity, demand.requires_export_experience)
              IS DISTINCT FROM
                  (EXCLUDED.ciiu_codes, EXCLUDED.keywords, EXCLUDED.required_certifications,
                   EXCLUDED.preferred_certifications, EXCLUDED.preferred_departments, EXCLUDED.departments_required,
                   EXCLUDED.preferred_sizes, EXCLUDED.budget_cop, EXCLUDED.quantity,
                   EXCLUDED.requires_export_experience)
            RETURNING participation_id
            """,
            """
            DELETE FROM demand x USING \(unescaped: staged)
            WHERE x.participation_id = p.id AND p.event_id = \(eventID)
              AND NOT EXISTS (SELECT 1 FROM demand_stage d WHERE d.nit = c.nit AND d.role = p.role
                                                            AND d.position = x.position)
            RETURNING x.participation_id
            """,
            """
            INSERT INTO offer (participation_id, position, ciiu_codes, products, capacity, price_min_cop, price_max_cop,
                               export_experience)
            SELECT p.id, o.position, o.ciiu_codes, o.products, o.capacity, o.price_min_cop, o.price_max_cop,
                   o.export_experience
            FROM offer_stage o JOIN company c ON c.nit = o.nit
            JOIN participation p ON p.event_id = \(eventID) AND p.company_id = c.id AND p.role = o.role
            ON CONFLICT (participation_id, position) DO UPDATE
            SET ciiu_codes = EXCLUDED.ciiu_codes, products = EXCLUDED.products, capacity = EXCLUDED.capacity,
                price_min_cop = EXCLUDED.price_min_cop, price_max_cop = EXCLUDED.price_max_cop,
                export_experience = EXCLUDED.export_experience
            WHERE (offer.ciiu_codes, offer.products, offer.capacity, offer.price_min_cop, offer.price_max_cop,
                   offer.export_experience)
              IS DISTINCT FROM (EXCLUDED.ciiu_codes, EXCLUDED.products, EXCLUDED.capacity, EXCLUDED.price_min_cop,
                                EXCLUDED.price_max_cop, EXCLUDED.export_experience)
            RETURNING participation_id
            """,
            """
            DELETE FROM offer x USING \(unescaped: staged)
            WHERE x.participation_id = p.id AND p.event_id = \(eventID)
              AND NOT EXISTS (SELECT 1 FROM offer_stage o WHERE o.nit = c.nit AND o.role = p.role
                                                           AND o.position = x.position)
            RETURNING x.participation_id
            """,
        ]
    }
}
