-- The company directory's version: one counter that every statement writing a company, its activities or its
-- certifications raises in its own transaction. It is read with each company listing, so that a service can keep a
-- rendered page while the version it was read at is current: the counter changes only when such a write commits.
-- The trigger runs before the statement touches a row, so a writer takes the counter's lock before any company
-- row's, and two writers cannot deadlock on the two: they queue at the counter instead.
CREATE TABLE directory_version (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version   bigint NOT NULL
);
INSERT INTO directory_version (singleton, version) VALUES (true, 0);

CREATE FUNCTION raise_directory_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE directory_version SET version = version + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER company_directory_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON company
    FOR EACH STATEMENT EXECUTE FUNCTION raise_directory_version();
CREATE TRIGGER company_activity_directory_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON company_activity
    FOR EACH STATEMENT EXECUTE FUNCTION raise_directory_version();
CREATE TRIGGER company_certification_directory_version
    BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON company_certification
    FOR EACH STATEMENT EXECUTE FUNCTION raise_directory_version();
