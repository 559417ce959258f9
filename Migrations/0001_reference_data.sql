-- Reference data: CIIU Rev. 4 A.C., departments and certifications.
-- Rows are loaded by `rueda db migrate` from the CSV files the project ships (Sources/RuedaCore/Resources).

CREATE TABLE ciiu_activity (
    code        text PRIMARY KEY CHECK (code ~ '^([A-U]|[0-9]{2,4})$'),
    level       text NOT NULL CHECK (level IN ('section', 'division', 'group', 'class')),
    title       text NOT NULL,
    section     text NOT NULL,
    division    text,
    grp         text,
    parent_code text REFERENCES ciiu_activity (code)
);
CREATE INDEX ciiu_activity_parent_idx ON ciiu_activity (parent_code);

CREATE TABLE department (
    code    text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
    name    text NOT NULL UNIQUE,
    capital text NOT NULL,
    region  text NOT NULL CHECK (region IN ('Caribe', 'Pacífico', 'Andina', 'Orinoquía', 'Amazonía', 'Insular'))
);

CREATE TABLE certification (
    code            text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]+$'),
    name            text NOT NULL,
    kind            text NOT NULL,
    typical_sectors text[] NOT NULL DEFAULT '{}'
);

-- Which version of the shipped files is loaded (a checksum of their text), so reloads are skipped when unchanged.
CREATE TABLE reference_load (
    name      text PRIMARY KEY,
    checksum  text NOT NULL,
    rows      integer NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now()
);
