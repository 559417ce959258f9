-- Access to the HTTP service: organisers' API keys, participants' invites and sessions, rate limits, the audit
-- trail of every write, and whether a round takes meeting requests from its participants.
-- Secrets are never stored: keys and session cookies as SHA-256 hashes, invite links signed with a server secret.

ALTER TABLE event ADD COLUMN requests_open boolean NOT NULL DEFAULT true;

-- Keys for the organiser API, for all events or some.
CREATE TABLE api_key (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL CONSTRAINT api_key_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    secret_hash  bytea NOT NULL CONSTRAINT api_key_hash_length CHECK (length(secret_hash) = 32),
    all_events   boolean NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    last_used_at timestamptz
);
CREATE UNIQUE INDEX api_key_active_name ON api_key (name) WHERE revoked_at IS NULL;

CREATE TABLE api_key_event (
    key_id   bigint NOT NULL REFERENCES api_key (id) ON DELETE CASCADE,
    event_id bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    PRIMARY KEY (key_id, event_id)
);

-- Secrets the service signs with (invite links, calendar feeds), shared by every server process.
CREATE TABLE server_secret (
    name       text PRIMARY KEY,
    secret     bytea NOT NULL CONSTRAINT server_secret_length CHECK (length(secret) >= 32),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A participant's personal link to its pages in one round.
CREATE TABLE invite (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id   bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    company_id bigint NOT NULL REFERENCES company (id),
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    CONSTRAINT invite_expiry_order CHECK (created_at < expires_at)
);
CREATE INDEX invite_event_company_idx ON invite (event_id, company_id);

-- A browser session opened from an invite link (the cookie's SHA-256; the cookie itself is never stored).
CREATE TABLE participant_session (
    id_hash    bytea PRIMARY KEY CONSTRAINT participant_session_hash_length CHECK (length(id_hash) = 32),
    invite_id  bigint NOT NULL REFERENCES invite (id) ON DELETE CASCADE,
    csrf_token text NOT NULL CONSTRAINT participant_session_csrf_length CHECK (length(csrf_token) >= 32),
    language   text NOT NULL DEFAULT 'es' CONSTRAINT participant_session_language CHECK (language IN ('es', 'en')),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX participant_session_expiry_idx ON participant_session (expires_at);

-- Fixed-window counters for rate limits, shared by every server process.
CREATE TABLE rate_limit (
    bucket       text NOT NULL,
    window_start timestamptz NOT NULL,
    hits         integer NOT NULL,
    PRIMARY KEY (bucket, window_start)
);

-- Every write through the service or the command line: who, what, when.
CREATE TABLE audit_log (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor    text NOT NULL CONSTRAINT audit_log_actor_length CHECK (length(actor) BETWEEN 1 AND 300),
    action   text NOT NULL,
    event_id bigint REFERENCES event (id) ON DELETE SET NULL,
    subject  text NOT NULL DEFAULT '',
    details  jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_event_idx ON audit_log (event_id, at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = '55000', CONSTRAINT = 'history_kept';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
