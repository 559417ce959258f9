-- Long operations as jobs in PostgreSQL (the pattern of river, graphile-worker and Oban): any number of `rueda
-- worker` processes claim them with FOR UPDATE SKIP LOCKED, hold a lease they renew while they work, and complete
-- them in the transaction that writes their result, so that a retried job never stores twice.
CREATE TABLE job (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind             text NOT NULL CHECK (kind IN ('match-run', 'schedule-solve')),
    event_id         bigint REFERENCES event (id) ON DELETE CASCADE,
    parameters       jsonb NOT NULL DEFAULT '{}',
    state            text NOT NULL DEFAULT 'queued'
                     CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts     integer NOT NULL DEFAULT 3 CHECK (max_attempts BETWEEN 1 AND 20),
    lease_owner      text,
    lease_expires_at timestamptz,
    progress         text NOT NULL DEFAULT '',
    result           jsonb,
    error            text,
    enqueued_by      text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    CONSTRAINT job_lease_held CHECK ((state = 'running') = (lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL))
);
CREATE INDEX job_queued_idx ON job (id) WHERE state = 'queued';
CREATE INDEX job_running_idx ON job (lease_expires_at) WHERE state = 'running';
CREATE INDEX job_event_idx ON job (event_id, id);

-- Idle workers LISTEN on rueda_jobs; a new or requeued job wakes them.
CREATE FUNCTION job_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.state = 'queued' THEN
        PERFORM pg_notify('rueda_jobs', NEW.id::text);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER job_notify AFTER INSERT OR UPDATE OF state ON job FOR EACH ROW EXECUTE FUNCTION job_notify();
