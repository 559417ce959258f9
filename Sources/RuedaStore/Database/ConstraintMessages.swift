/// What each named constraint of the schema means to a user, for errors the database raises when a write breaks
/// one. The application validates its inputs first, so these are met mostly by concurrent writers and by other
/// programs writing to the same database.
enum ConstraintMessages {
    /// The message for a constraint, or nil for one this table does not know.
    static func message(for constraint: String) -> (code: StoreError.Code, message: String)? {
        if let message = conflicts[constraint] { return (.conflict, message) }
        if let message = immutable[constraint] { return (.immutable, message) }
        if let message = invalid[constraint] { return (.invalidInput, message) }
        return nil
    }

    static let conflicts: [String: String] = [
        "company_nit_key": "a company with this NIT is already registered",
        "event_code_key": "an event with this code already exists; choose another code",
        "participation_event_id_company_id_role_key": "the company is already enrolled in this role",
        "match_run_current_idx":
            "another match run of this event was stored at the same time; this one was not stored, run it again",
        "schedule_event_id_version_key":
            "another schedule version of this event was stored at the same time; this one was not stored, solve again",
        "schedule_published_idx": "another version of this event was published at the same time",
        "appointment_schedule_id_slot_index_table_number_key": "two meetings were given the same table in one slot",
        "appointment_pkey": "a pair of companies appears twice in one schedule",
        "match_candidate_pkey": "a pair of companies appears twice in one match run",
    ]

    static let immutable: [String: String] = [
        "match_run_immutable": "match runs are immutable; start a new run instead",
        "schedule_frozen": "a published schedule is frozen; solve a new version and publish it instead",
        "outcome_history": "outcome reports are a history; record a new report instead",
        "history_kept": "this table keeps a history and cannot be emptied",
    ]

    static let invalid: [String: String] = [
        "company_name_check": "a company name must be 1 to 200 characters",
        "company_nit_check": "a NIT must be 5 to 15 digits, not starting with 0",
        "company_size_check": "a company size must be micro, pequena, mediana or grande",
        "company_text_printable": "company text may not hold control characters",
        "event_day_order": "an event's day must end after it starts",
        "event_code_check": "an event code must be letters, digits, - or _",
        "event_slot_minutes_check": "a slot must last 5 to 240 minutes",
        "event_tables_check": "an event needs at least one table, or none for unlimited",
        "event_tables_range": "an event has at most 100,000 tables",
        "event_text_printable": "event text may not hold control characters",
        "event_slot_index_range": "an event has at most 64 slots",
        "participation_min_within_max": "a company's minimum meetings cannot exceed its maximum",
        "participation_limits_range":
            "delegates must be 1 to 50, and minimum and maximum meetings at most 10,000",
        "participation_delegates_check": "a company needs at least one delegate",
        "participation_max_meetings_check": "a company's maximum meetings must be at least 1",
        "participation_available_slots_check": "a company must be available at some slot",
        "demand_budget_range": "a budget is at most 10^15 pesos",
        "demand_quantity_range": "a quantity is at most 1,000,000,000 units",
        "demand_text_printable": "a demand's keywords may not hold control characters",
        "offer_capacity_range": "a capacity is at most 1,000,000,000 units",
        "offer_price_range": "a price is at most 10^15 pesos",
        "offer_price_order": "an offer's minimum price cannot exceed its maximum",
        "offer_text_printable": "an offer's products may not hold control characters",
        "meeting_request_not_self": "a company cannot request a meeting with itself",
        "meeting_request_note_printable": "a request's note may not hold control characters",
        "outcome_amount_only_when_held": "only a held meeting can report expected business",
        "outcome_amount_with_horizon": "an expected amount needs its horizon, and a horizon its amount",
        "outcome_expected_range": "an expected amount is at most 10^15 pesos",
        "outcome_text_printable": "an outcome's note and reporter may not hold control characters",
    ]
}
