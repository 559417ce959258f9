-- Match runs: one immutable batch of candidates per run. The newest run of an event is its current one.

CREATE TABLE match_run (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id          bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    config_version    text NOT NULL,
    configuration     jsonb NOT NULL,
    options           jsonb NOT NULL,
    started_at        timestamptz NOT NULL,
    finished_at       timestamptz NOT NULL,
    buyers            integer NOT NULL CHECK (buyers >= 0),
    suppliers         integer NOT NULL CHECK (suppliers >= 0),
    pairs_total       bigint NOT NULL CHECK (pairs_total >= 0),
    pairs_scored      bigint NOT NULL CHECK (pairs_scored >= 0),
    candidates_found  integer NOT NULL CHECK (candidates_found >= 0),
    candidates_kept   integer NOT NULL CHECK (candidates_kept >= 0),
    buyers_without    integer NOT NULL CHECK (buyers_without >= 0),
    suppliers_without integer NOT NULL CHECK (suppliers_without >= 0),
    expected_value_cop bigint NOT NULL CHECK (expected_value_cop >= 0),
    is_current        boolean NOT NULL DEFAULT true,
    superseded_at     timestamptz,
    CHECK (started_at <= finished_at),
    CHECK (is_current = (superseded_at IS NULL))
);
CREATE UNIQUE INDEX match_run_current_idx ON match_run (event_id) WHERE is_current;

CREATE TABLE match_candidate (
    run_id              bigint NOT NULL REFERENCES match_run (id) ON DELETE CASCADE,
    -- Company ids come from the event's participations when the run is stored, and participations keep their
    -- companies from being deleted; foreign keys here would add two index probes per row (2 s per 285,000 rows).
    buyer_company_id    bigint NOT NULL,
    supplier_company_id bigint NOT NULL,
    demand_position     smallint NOT NULL,
    offer_position      smallint NOT NULL,
    score               double precision NOT NULL CHECK (score BETWEEN 0 AND 100),
    sector              double precision NOT NULL CHECK (sector BETWEEN 0 AND 1),
    product             double precision NOT NULL CHECK (product BETWEEN 0 AND 1),
    requirements        double precision NOT NULL CHECK (requirements BETWEEN 0 AND 1),
    interest            double precision NOT NULL CHECK (interest BETWEEN 0 AND 1),
    probability         double precision NOT NULL CHECK (probability BETWEEN 0 AND 1),
    deal_size_cop       bigint NOT NULL CHECK (deal_size_cop >= 0),
    expected_value_cop  bigint NOT NULL CHECK (expected_value_cop >= 0),
    rank_for_buyer      integer NOT NULL CHECK (rank_for_buyer > 0),
    rank_for_supplier   integer NOT NULL CHECK (rank_for_supplier > 0),
    sector_basis        text NOT NULL,
    shared_terms        text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (run_id, buyer_company_id, supplier_company_id)
);
CREATE INDEX match_candidate_supplier_idx ON match_candidate (run_id, supplier_company_id);

-- Nearest misses of participants left with no candidate.
CREATE TABLE match_miss (
    run_id                 bigint NOT NULL REFERENCES match_run (id) ON DELETE CASCADE,
    company_id             bigint NOT NULL REFERENCES company (id),
    role                   text NOT NULL CHECK (role IN ('buyer', 'supplier')),
    rank                   integer NOT NULL CHECK (rank > 0),
    counterpart_company_id bigint NOT NULL REFERENCES company (id),
    score                  double precision NOT NULL,
    filters                text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (run_id, company_id, role, rank)
);

-- A run is immutable: its candidates and misses never change, and of the run itself only the supersession does.
CREATE FUNCTION match_run_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'match_run' THEN
        IF (to_jsonb(NEW) - 'is_current' - 'superseded_at') = (to_jsonb(OLD) - 'is_current' - 'superseded_at') THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'match runs are immutable; start a new run instead' USING ERRCODE = '55000';
END;
$$;
CREATE TRIGGER match_run_immutable BEFORE UPDATE ON match_run
    FOR EACH ROW EXECUTE FUNCTION match_run_immutable();
CREATE TRIGGER match_candidate_immutable BEFORE UPDATE ON match_candidate
    FOR EACH ROW EXECUTE FUNCTION match_run_immutable();
CREATE TRIGGER match_miss_immutable BEFORE UPDATE ON match_miss
    FOR EACH ROW EXECUTE FUNCTION match_run_immutable();
