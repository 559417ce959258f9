-- Schedules: versions of an event's agenda (draft, published, superseded) and their appointments.

CREATE TABLE schedule (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    version       integer NOT NULL CHECK (version > 0),
    match_run_id  bigint REFERENCES match_run (id),
    status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'superseded')),
    problem       jsonb NOT NULL,
    objective     bigint NOT NULL,
    upper_bound   bigint NOT NULL,
    solver_status text NOT NULL CHECK (solver_status IN ('optimal', 'feasible', 'infeasible')),
    stats         jsonb NOT NULL,
    explanation   text[] NOT NULL DEFAULT '{}',
    based_on      bigint REFERENCES schedule (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz,
    UNIQUE (event_id, version),
    CHECK ((status = 'draft') = (published_at IS NULL) OR status = 'superseded')
);
CREATE UNIQUE INDEX schedule_published_idx ON schedule (event_id) WHERE status = 'published';

CREATE TABLE appointment (
    schedule_id         bigint NOT NULL REFERENCES schedule (id) ON DELETE CASCADE,
    buyer_company_id    bigint NOT NULL REFERENCES company (id),
    supplier_company_id bigint NOT NULL REFERENCES company (id),
    slot_index          integer NOT NULL CHECK (slot_index >= 0),
    starts_at           timestamptz NOT NULL,
    ends_at             timestamptz NOT NULL,
    table_number        integer NOT NULL CHECK (table_number >= 0),
    weight              bigint NOT NULL CHECK (weight >= 0),
    expected_value_cop  bigint NOT NULL DEFAULT 0 CHECK (expected_value_cop >= 0),
    required            boolean NOT NULL DEFAULT false,
    PRIMARY KEY (schedule_id, buyer_company_id, supplier_company_id),
    UNIQUE (schedule_id, slot_index, table_number),
    CHECK (starts_at < ends_at)
);
CREATE INDEX appointment_supplier_idx ON appointment (schedule_id, supplier_company_id);

-- A published schedule is frozen: its appointments never change, and the version only moves on to superseded.
CREATE FUNCTION schedule_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    frozen boolean;
BEGIN
    IF TG_TABLE_NAME = 'schedule' THEN
        IF OLD.status = 'draft' OR (OLD.status = 'published' AND NEW.status = 'superseded'
            AND (to_jsonb(NEW) - 'status') = (to_jsonb(OLD) - 'status')) THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'schedule version % is %; solve a new version instead', OLD.version, OLD.status
            USING ERRCODE = '55000';
    END IF;
    SELECT s.status <> 'draft' INTO frozen FROM schedule s WHERE s.id = OLD.schedule_id;
    IF frozen THEN
        RAISE EXCEPTION 'appointments of a published schedule cannot change' USING ERRCODE = '55000';
    END IF;
    RETURN COALESCE(NEW, OLD);
END;
$$;
CREATE TRIGGER schedule_frozen BEFORE UPDATE ON schedule FOR EACH ROW EXECUTE FUNCTION schedule_frozen();
CREATE TRIGGER appointment_frozen BEFORE UPDATE ON appointment
    FOR EACH ROW EXECUTE FUNCTION schedule_frozen();
