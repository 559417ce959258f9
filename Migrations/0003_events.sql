-- Rounds (events), their slots, participations with demands and offers, and meeting requests.

CREATE TABLE event (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code              text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]+$'),
    name              text NOT NULL CHECK (length(btrim(name)) > 0),
    time_zone         text NOT NULL DEFAULT 'America/Bogota',
    dates             date[] NOT NULL CHECK (cardinality(dates) > 0),
    day_start         time NOT NULL,
    day_end           time NOT NULL,
    slot_minutes      integer NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
    breaks            text[] NOT NULL DEFAULT '{}',
    tables            integer CHECK (tables IS NULL OR tables > 0),
    mode              text NOT NULL DEFAULT 'virtual' CHECK (mode IN ('virtual', 'in_person')),
    room_link_pattern text NOT NULL DEFAULT '',
    status            text NOT NULL DEFAULT 'open'
                      CHECK (status IN ('draft', 'open', 'matched', 'scheduled', 'published', 'closed')),
    created_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (day_start < day_end)
);

CREATE TABLE event_slot (
    event_id   bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    slot_index integer NOT NULL CHECK (slot_index >= 0),
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL,
    PRIMARY KEY (event_id, slot_index),
    CHECK (starts_at < ends_at)
);

CREATE TABLE participation (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    company_id      bigint NOT NULL REFERENCES company (id),
    role            text NOT NULL CHECK (role IN ('buyer', 'supplier', 'participant')),
    available_slots integer[] NOT NULL CHECK (cardinality(available_slots) > 0),
    max_meetings    integer NOT NULL CHECK (max_meetings > 0),
    min_meetings    integer NOT NULL DEFAULT 0 CHECK (min_meetings >= 0),
    delegates       integer NOT NULL DEFAULT 1 CHECK (delegates >= 1),
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (event_id, company_id, role),
    CHECK (min_meetings <= max_meetings)
);
CREATE INDEX participation_company_idx ON participation (company_id);

CREATE TABLE demand (
    id                         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    participation_id           bigint NOT NULL REFERENCES participation (id) ON DELETE CASCADE,
    position                   smallint NOT NULL,
    ciiu_codes                 text[] NOT NULL DEFAULT '{}',
    keywords                   text NOT NULL DEFAULT '',
    required_certifications    text[] NOT NULL DEFAULT '{}',
    preferred_certifications   text[] NOT NULL DEFAULT '{}',
    preferred_departments      text[] NOT NULL DEFAULT '{}',
    departments_required       boolean NOT NULL DEFAULT false,
    preferred_sizes            text[] NOT NULL DEFAULT '{}',
    budget_cop                 bigint CHECK (budget_cop >= 0),
    quantity                   integer CHECK (quantity > 0),
    requires_export_experience boolean NOT NULL DEFAULT false,
    UNIQUE (participation_id, position)
);
CREATE INDEX demand_ciiu_idx ON demand USING gin (ciiu_codes);

CREATE TABLE offer (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    participation_id  bigint NOT NULL REFERENCES participation (id) ON DELETE CASCADE,
    position          smallint NOT NULL,
    ciiu_codes        text[] NOT NULL DEFAULT '{}',
    products          text NOT NULL DEFAULT '',
    capacity          integer CHECK (capacity > 0),
    price_min_cop     bigint CHECK (price_min_cop >= 0),
    price_max_cop     bigint CHECK (price_max_cop >= 0),
    export_experience boolean NOT NULL DEFAULT false,
    UNIQUE (participation_id, position),
    CHECK (price_min_cop IS NULL OR price_max_cop IS NULL OR price_min_cop <= price_max_cop)
);
CREATE INDEX offer_ciiu_idx ON offer USING gin (ciiu_codes);

CREATE TABLE meeting_request (
    event_id        bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    from_company_id bigint NOT NULL REFERENCES company (id),
    to_company_id   bigint NOT NULL REFERENCES company (id),
    level           text NOT NULL CHECK (level IN ('must', 'like', 'no')),
    note            text NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, from_company_id, to_company_id),
    CHECK (from_company_id <> to_company_id)
);
CREATE INDEX meeting_request_to_idx ON meeting_request (event_id, to_company_id);
