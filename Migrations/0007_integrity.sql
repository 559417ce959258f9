-- Integrity the database keeps itself, whoever writes to it:
--   * every CHECK constraint has a name the application maps to a message a user can act on,
--   * numbers stay within the ranges Rueda accepts at its inputs (docs/reliability.md), and stored text holds no
--     control characters (checked for new and changed rows, rows written before this migration are left as they
--     are, and the application reads them without trusting them),
--   * published schedules, match runs and outcome reports are immutable against INSERT, UPDATE, DELETE and
--     TRUNCATE.

-- Names for the constraints PostgreSQL numbered (the others are named after their column already).
ALTER TABLE event RENAME CONSTRAINT event_check TO event_day_order;
ALTER TABLE event_slot RENAME CONSTRAINT event_slot_check TO event_slot_time_order;
ALTER TABLE participation RENAME CONSTRAINT participation_check TO participation_min_within_max;
ALTER TABLE offer RENAME CONSTRAINT offer_check TO offer_price_order;
ALTER TABLE meeting_request RENAME CONSTRAINT meeting_request_check TO meeting_request_not_self;
ALTER TABLE match_run RENAME CONSTRAINT match_run_check TO match_run_time_order;
ALTER TABLE match_run RENAME CONSTRAINT match_run_check1 TO match_run_current_not_superseded;
ALTER TABLE schedule RENAME CONSTRAINT schedule_check TO schedule_published_at_status;
ALTER TABLE appointment RENAME CONSTRAINT appointment_check TO appointment_time_order;
ALTER TABLE outcome RENAME CONSTRAINT outcome_check TO outcome_amount_only_when_held;
ALTER TABLE outcome RENAME CONSTRAINT outcome_check1 TO outcome_amount_with_horizon;

-- Ranges (Bounds in RuedaCore).
ALTER TABLE demand ADD CONSTRAINT demand_budget_range CHECK (budget_cop <= 1000000000000000) NOT VALID;
ALTER TABLE demand ADD CONSTRAINT demand_quantity_range CHECK (quantity <= 1000000000) NOT VALID;
ALTER TABLE offer ADD CONSTRAINT offer_capacity_range CHECK (capacity <= 1000000000) NOT VALID;
ALTER TABLE offer ADD CONSTRAINT offer_price_range
    CHECK (price_min_cop <= 1000000000000000 AND price_max_cop <= 1000000000000000) NOT VALID;
ALTER TABLE participation ADD CONSTRAINT participation_limits_range
    CHECK (delegates <= 50 AND max_meetings <= 10000 AND min_meetings <= 10000) NOT VALID;
ALTER TABLE event ADD CONSTRAINT event_tables_range CHECK (tables <= 100000) NOT VALID;
ALTER TABLE event_slot ADD CONSTRAINT event_slot_index_range CHECK (slot_index < 64) NOT VALID;
ALTER TABLE outcome ADD CONSTRAINT outcome_expected_range CHECK (expected_cop <= 1000000000000000) NOT VALID;

-- Stored text holds no control characters (line breaks and tabs only in free text) and no bidirectional overrides.
ALTER TABLE company ADD CONSTRAINT company_text_printable CHECK (
    concat_ws(' ', name, city, contact_name, email, phone, website, array_to_string(products, ' '))
        !~ '[\x01-\x1F\x7F-\x9F\u2028\u2029\u202A-\u202E\u2066-\u2069]'
    AND description !~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u2028\u2029\u202A-\u202E\u2066-\u2069]'
) NOT VALID;
ALTER TABLE event ADD CONSTRAINT event_text_printable CHECK (
    concat_ws(' ', name, room_link_pattern) !~ '[\x01-\x1F\x7F-\x9F\u2028\u2029\u202A-\u202E\u2066-\u2069]'
) NOT VALID;
ALTER TABLE demand ADD CONSTRAINT demand_text_printable CHECK (
    keywords !~ '[\x01-\x1F\x7F-\x9F\u2028\u2029\u202A-\u202E\u2066-\u2069]'
) NOT VALID;
ALTER TABLE offer ADD CONSTRAINT offer_text_printable CHECK (
    products !~ '[\x01-\x1F\x7F-\x9F\u2028\u2029\u202A-\u202E\u2066-\u2069]'
) NOT VALID;
ALTER TABLE meeting_request ADD CONSTRAINT meeting_request_note_printable CHECK (
    note !~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u2028\u2029\u202A-\u202E\u2066-\u2069]'
) NOT VALID;
ALTER TABLE outcome ADD CONSTRAINT outcome_text_printable CHECK (
    reported_by !~ '[\x01-\x1F\x7F-\x9F\u2028\u2029\u202A-\u202E\u2066-\u2069]'
    AND note !~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u2028\u2029\u202A-\u202E\u2066-\u2069]'
) NOT VALID;

-- Match runs: a run's own row only moves from current to superseded, its candidates and misses are written in the
-- transaction that creates the run and never after, nothing of a run is deleted.
CREATE OR REPLACE FUNCTION match_run_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'match_run' AND TG_OP = 'UPDATE' THEN
        IF (to_jsonb(NEW) - 'is_current' - 'superseded_at') = (to_jsonb(OLD) - 'is_current' - 'superseded_at')
            AND NOT (OLD.is_current = false AND NEW.is_current = true) THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'match runs are immutable; start a new run instead'
        USING ERRCODE = '55000', CONSTRAINT = 'match_run_immutable';
END;
$$;

DROP TRIGGER match_run_immutable ON match_run;
DROP TRIGGER match_candidate_immutable ON match_candidate;
DROP TRIGGER match_miss_immutable ON match_miss;
CREATE TRIGGER match_run_immutable BEFORE UPDATE OR DELETE ON match_run
    FOR EACH ROW EXECUTE FUNCTION match_run_immutable();
CREATE TRIGGER match_candidate_immutable BEFORE UPDATE OR DELETE ON match_candidate
    FOR EACH ROW EXECUTE FUNCTION match_run_immutable();
CREATE TRIGGER match_miss_immutable BEFORE UPDATE OR DELETE ON match_miss
    FOR EACH ROW EXECUTE FUNCTION match_run_immutable();

-- Rows added to a run: allowed only while the run is being created (its row was inserted by this transaction).
-- Checked once per statement over the inserted rows, so that COPY of hundreds of thousands of candidates stays fast.
CREATE FUNCTION match_rows_in_new_run() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM (SELECT DISTINCT run_id FROM inserted) i JOIN match_run r ON r.id = i.run_id
        WHERE r.xmin <> pg_current_xact_id()::xid
    ) THEN
        RAISE EXCEPTION 'match runs are immutable; start a new run instead'
            USING ERRCODE = '55000', CONSTRAINT = 'match_run_immutable';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER match_candidate_insert AFTER INSERT ON match_candidate REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION match_rows_in_new_run();
CREATE TRIGGER match_miss_insert AFTER INSERT ON match_miss REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION match_rows_in_new_run();

-- Schedules: a version is created as a draft, a draft may change or be deleted, a published version only moves on to
-- superseded, the appointments of a version that is not a draft never change, appear or disappear.
CREATE OR REPLACE FUNCTION schedule_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    frozen boolean;
BEGIN
    IF TG_TABLE_NAME = 'schedule' THEN
        IF TG_OP = 'INSERT' THEN
            IF NEW.status = 'draft' THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'a schedule version is created as a draft and published afterwards'
                USING ERRCODE = '55000', CONSTRAINT = 'schedule_frozen';
        END IF;
        IF OLD.status = 'draft' THEN
            RETURN COALESCE(NEW, OLD);
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.status = 'published' AND NEW.status = 'superseded'
            AND (to_jsonb(NEW) - 'status') = (to_jsonb(OLD) - 'status') THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'schedule version % is %; solve a new version instead', OLD.version, OLD.status
            USING ERRCODE = '55000', CONSTRAINT = 'schedule_frozen';
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT s.status <> 'draft' INTO frozen FROM schedule s WHERE s.id = OLD.schedule_id;
        IF frozen THEN
            RAISE EXCEPTION 'appointments of a published schedule cannot change'
                USING ERRCODE = '55000', CONSTRAINT = 'schedule_frozen';
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        SELECT s.status <> 'draft' INTO frozen FROM schedule s WHERE s.id = NEW.schedule_id;
        IF frozen THEN
            RAISE EXCEPTION 'appointments of a published schedule cannot change'
                USING ERRCODE = '55000', CONSTRAINT = 'schedule_frozen';
        END IF;
    END IF;
    RETURN COALESCE(NEW, OLD);
END;
$$;

DROP TRIGGER schedule_frozen ON schedule;
DROP TRIGGER appointment_frozen ON appointment;
CREATE TRIGGER schedule_frozen BEFORE INSERT OR UPDATE OR DELETE ON schedule
    FOR EACH ROW EXECUTE FUNCTION schedule_frozen();
CREATE TRIGGER appointment_frozen BEFORE UPDATE OR DELETE ON appointment
    FOR EACH ROW EXECUTE FUNCTION schedule_frozen();

CREATE FUNCTION appointments_in_draft() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM (SELECT DISTINCT schedule_id FROM inserted) i JOIN schedule s ON s.id = i.schedule_id
        WHERE s.status <> 'draft'
    ) THEN
        RAISE EXCEPTION 'appointments of a published schedule cannot change'
            USING ERRCODE = '55000', CONSTRAINT = 'schedule_frozen';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER appointment_insert AFTER INSERT ON appointment REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION appointments_in_draft();

-- Outcomes are a history: later reports add rows, none changes or disappears.
CREATE FUNCTION outcome_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'outcome reports are a history; record a new report instead'
        USING ERRCODE = '55000', CONSTRAINT = 'outcome_history';
END;
$$;
CREATE TRIGGER outcome_history BEFORE UPDATE OR DELETE ON outcome
    FOR EACH ROW EXECUTE FUNCTION outcome_history();

-- TRUNCATE skips row triggers: refuse it on every table that keeps a promise.
CREATE FUNCTION refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% keeps a history and cannot be truncated', TG_TABLE_NAME
        USING ERRCODE = '55000', CONSTRAINT = 'history_kept';
END;
$$;
CREATE TRIGGER match_run_truncate BEFORE TRUNCATE ON match_run FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER match_candidate_truncate BEFORE TRUNCATE ON match_candidate
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER match_miss_truncate BEFORE TRUNCATE ON match_miss FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER schedule_truncate BEFORE TRUNCATE ON schedule FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER appointment_truncate BEFORE TRUNCATE ON appointment
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER outcome_truncate BEFORE TRUNCATE ON outcome FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
