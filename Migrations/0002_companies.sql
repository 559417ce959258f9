-- Registered companies, their CIIU activities and certifications.

CREATE TABLE company (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    nit             text NOT NULL UNIQUE CHECK (nit ~ '^[1-9][0-9]{4,14}$'),
    check_digit     smallint NOT NULL CHECK (check_digit BETWEEN 0 AND 9),
    name            text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    department_code text NOT NULL REFERENCES department (code),
    city            text NOT NULL DEFAULT '',
    size            text NOT NULL CHECK (size IN ('micro', 'pequena', 'mediana', 'grande')),
    description     text NOT NULL DEFAULT '',
    contact_name    text NOT NULL DEFAULT '',
    email           text NOT NULL DEFAULT '',
    phone           text NOT NULL DEFAULT '',
    website         text NOT NULL DEFAULT '',
    products        text[] NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX company_department_idx ON company (department_code);
CREATE INDEX company_size_idx ON company (size);

CREATE TABLE company_activity (
    company_id bigint NOT NULL REFERENCES company (id) ON DELETE CASCADE,
    ciiu_code  text NOT NULL REFERENCES ciiu_activity (code),
    position   smallint NOT NULL CHECK (position >= 0),
    PRIMARY KEY (company_id, ciiu_code)
);
CREATE INDEX company_activity_code_idx ON company_activity (ciiu_code text_pattern_ops);

CREATE TABLE company_certification (
    company_id         bigint NOT NULL REFERENCES company (id) ON DELETE CASCADE,
    certification_code text NOT NULL REFERENCES certification (code),
    PRIMARY KEY (company_id, certification_code)
);
CREATE INDEX company_certification_code_idx ON company_certification (certification_code);
