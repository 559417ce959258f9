import PostgresNIO
import RuedaCore

extension EnrolmentRepository {
    /// Upserts meeting requests by (from, to) in one transaction.
    public func saveRequests(
        _ requests: [MeetingRequest], in event: StoredEvent
    ) async throws
        -> UpsertSummary
    {
        guard !requests.isEmpty else { return UpsertSummary() }
        let logger = database.logger
        let eventID = event.id
        let from = requests.map(\.from.base), to = requests.map(\.to.base)
        let levels = requests.map(\.level.rawValue), notes = requests.map(\.note)
        return try await database.transaction("saving meeting requests for \(event.spec.code)") { connection in
            let rows = try await connection.query(
                """
                INSERT INTO meeting_request (event_id, from_company_id, to_company_id, level, note)
                SELECT \(eventID), cf.id, ct.id, r.level, r.note
                FROM unnest(\(from)::text[], \(to)::text[], \(levels)::text[], \(notes)::text[]) AS r(f, t, level, note)
                JOIN company cf ON cf.nit = r.f JOIN company ct ON ct.nit = r.t
                ON CONFLICT (event_id, from_company_id, to_company_id) DO UPDATE
                SET level = EXCLUDED.level, note = EXCLUDED.note, updated_at = now()
                WHERE (meeting_request.level, meeting_request.note) IS DISTINCT FROM (EXCLUDED.level, EXCLUDED.note)
                RETURNING (xmax = 0)
                """, logger: logger)
            var summary = UpsertSummary()
            for try await isNew in rows.decode(Bool.self) {
                if isNew { summary.inserted += 1 } else { summary.updated += 1 }
            }
            summary.unchanged = requests.count - summary.inserted - summary.updated
            return summary
        }
    }

    /// Every participant of the event with demands and offers and its identities, ordered by role and NIT;
    /// `companies` keeps those of some companies (a participant's own page needs only it and its counterparts).
    public func participants(
        in event: StoredEvent, companies only: [CompanyID]? = nil
    ) async throws -> [EnrolledParticipant] {
        let logger = database.logger
        let eventID = event.id
        let filter = only?.map(\.rawValue)
        return try await database.connection("reading participants of \(event.spec.code)") { connection in
            var participants: [ParticipationID: Participant] = [:]
            var companies: [ParticipationID: CompanyID] = [:]
            var order: [ParticipationID] = []
            let rows = try await connection.query(
                """
                SELECT p.id, c.id, c.nit, p.role, p.available_slots, p.max_meetings, p.min_meetings, p.delegates
                FROM participation p JOIN company c ON c.id = p.company_id
                WHERE p.event_id = \(eventID) AND (\(filter)::bigint[] IS NULL OR p.company_id = ANY(\(filter)::bigint[]))
                ORDER BY p.role, length(c.nit), c.nit
                """, logger: logger)
            for try await (id, company, nit, role, slots, maxMeetings, minMeetings, delegates)
                in rows.decode((ParticipationID, CompanyID, String, String, [Int], Int, Int, Int).self)
            {
                order.append(id)
                companies[id] = company
                participants[id] = Participant(
                    nit: try NIT(base: nit),
                    role: try StoredValue.known(ParticipantRole.self, role, column: "participant role"),
                    availableSlots: slots, maxMeetings: maxMeetings, minMeetings: minMeetings, delegates: delegates)
            }
            let demandRows = try await connection.query(
                """
                SELECT d.participation_id, d.ciiu_codes, d.keywords, d.required_certifications,
                       d.preferred_certifications, d.preferred_departments, d.departments_required, d.preferred_sizes,
                       d.budget_cop, d.quantity, d.requires_export_experience
                FROM demand d JOIN participation p ON p.id = d.participation_id
                WHERE p.event_id = \(eventID) AND (\(filter)::bigint[] IS NULL OR p.company_id = ANY(\(filter)::bigint[]))
                ORDER BY d.participation_id, d.position
                """, logger: logger)
            for try await row in demandRows {
                let c = row.makeRandomAccess()
                let demand = Demand(
                    ciiu: try c[1].decode([String].self), keywords: try c[2].decode(String.self),
                    requiredCertifications: try c[3].decode([String].self),
                    preferredCertifications: try c[4].decode([String].self),
                    preferredDepartments: try c[5].decode([String].self),
                    departmentsRequired: try c[6].decode(Bool.self),
                    preferredSizes: try c[7].decode([String].self).map {
                        try StoredValue.known(CompanySize.self, $0, column: "preferred size")
                    },
                    budget: try c[8].decode(Int64?.self).map(COP.init), quantity: try c[9].decode(Int?.self),
                    requiresExportExperience: try c[10].decode(Bool.self))
                participants[try c[0].decode(ParticipationID.self)]?.demands.append(demand)
            }
            let offerRows = try await connection.query(
                """
                SELECT o.participation_id, o.ciiu_codes, o.products, o.capacity, o.price_min_cop, o.price_max_cop,
                       o.export_experience
                FROM offer o JOIN participation p ON p.id = o.participation_id
                WHERE p.event_id = \(eventID) AND (\(filter)::bigint[] IS NULL OR p.company_id = ANY(\(filter)::bigint[]))
                ORDER BY o.participation_id, o.position
                """, logger: logger)
            for try await (id, ciiu, products, capacity, priceMin, priceMax, export)
                in offerRows.decode((ParticipationID, [String], String, Int?, Int64?, Int64?, Bool).self)
            {
                participants[id]?.offers.append(
                    Offer(
                        ciiu: ciiu, products: products, capacity: capacity, priceMin: priceMin.map(COP.init),
                        priceMax: priceMax.map(COP.init), exportExperience: export))
            }
            return order.compactMap { id in
                participants[id].flatMap { participant in
                    companies[id].map { EnrolledParticipant(id: id, companyID: $0, participant: participant) }
                }
            }
        }
    }

    /// Every meeting request of the event; `involving` keeps those one company made or received.
    public func requests(in event: StoredEvent, involving company: CompanyID? = nil) async throws -> [MeetingRequest] {
        let logger = database.logger
        let eventID = event.id
        let filter = company?.rawValue
        return try await database.connection("reading requests of \(event.spec.code)") { connection in
            let rows = try await connection.query(
                """
                SELECT cf.nit, ct.nit, r.level, r.note FROM meeting_request r
                JOIN company cf ON cf.id = r.from_company_id JOIN company ct ON ct.id = r.to_company_id
                WHERE r.event_id = \(eventID)
                  AND (\(filter)::bigint IS NULL OR r.from_company_id = \(filter) OR r.to_company_id = \(filter))
                ORDER BY length(cf.nit), cf.nit, length(ct.nit), ct.nit
                """, logger: logger)
            var requests: [MeetingRequest] = []
            for try await (from, to, level, note) in rows.decode((String, String, String, String).self) {
                requests.append(
                    MeetingRequest(
                        from: try NIT(base: from), to: try NIT(base: to),
                        level: try StoredValue.known(InterestLevel.self, level, column: "request level"),
                        note: note))
            }
            return requests
        }
    }
}

extension EnrolmentRepository {
    /// Changes when a participant can meet, and its meeting limit (clamped by the caller to what its slots allow).
    public func updateAvailability(
        _ participation: ParticipationID, slots: [Int], maxMeetings: Int, minMeetings: Int
    ) async throws {
        let logger = database.logger
        try await database.transaction("changing a participant's availability") { connection in
            _ = try await connection.query(
                """
                UPDATE participation SET available_slots = \(slots)::integer[], max_meetings = \(maxMeetings),
                    min_meetings = \(minMeetings)
                WHERE id = \(participation)
                """, logger: logger
            ).collect()
        }
    }
}
