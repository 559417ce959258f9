-- Outcomes participants report after the event, per appointment, as a history: later reports add rows.

CREATE TABLE outcome (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id            bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    buyer_company_id    bigint NOT NULL REFERENCES company (id),
    supplier_company_id bigint NOT NULL REFERENCES company (id),
    status              text NOT NULL CHECK (status IN ('held', 'no-show', 'cancelled')),
    expected_cop        bigint CHECK (expected_cop >= 0),
    horizon             text CHECK (horizon IN ('immediate', '3m', '6m', '12m')),
    note                text NOT NULL DEFAULT '',
    reported_by         text NOT NULL CHECK (length(btrim(reported_by)) > 0),
    reported_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    CHECK (expected_cop IS NULL OR status = 'held'),
    CHECK ((expected_cop IS NULL) = (horizon IS NULL))
);
CREATE INDEX outcome_pair_idx ON outcome (event_id, buyer_company_id, supplier_company_id, reported_at DESC);
