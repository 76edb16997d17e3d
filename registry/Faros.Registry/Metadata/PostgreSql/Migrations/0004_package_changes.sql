-- The change feed (GET v3/changes): one row per change of a package id that readers of the feed see (a version
-- becoming available, its listing, deprecation, signature or symbols changing, a delete). Download counts are
-- not changes. Triggers record them in the same transaction as the change itself, so none is ever lost.
--
-- Sequence numbers come from a one-row counter rather than a SEQUENCE: the counter's row lock is held until
-- the changing transaction commits, so numbers are handed out in commit order. A reader (any instance) that
-- sees number N has therefore seen every number below N, and a cursor never skips a change that committed late.
-- Only the last 100,000 changes are kept; a cursor older than that is told to start over.
CREATE TABLE package_change_counter (
    only_row BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
    last_seq BIGINT NOT NULL
);
INSERT INTO package_change_counter (only_row, last_seq) VALUES (TRUE, 0);

CREATE TABLE package_changes (
    seq      BIGINT PRIMARY KEY,
    lower_id TEXT NOT NULL
);

CREATE FUNCTION record_package_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    next_seq BIGINT;
BEGIN
    UPDATE package_change_counter SET last_seq = last_seq + 1 RETURNING last_seq INTO next_seq;
    IF TG_OP = 'DELETE' THEN
        INSERT INTO package_changes (seq, lower_id) VALUES (next_seq, OLD.lower_id);
    ELSE
        INSERT INTO package_changes (seq, lower_id) VALUES (next_seq, NEW.lower_id);
    END IF;
    DELETE FROM package_changes WHERE seq <= next_seq - 100000;
    RETURN NULL;
END
$$;

CREATE TRIGGER packages_changed_insert AFTER INSERT ON packages
    FOR EACH ROW WHEN (NEW.state = 1) EXECUTE PROCEDURE record_package_change();
CREATE TRIGGER packages_changed_update AFTER UPDATE ON packages
    FOR EACH ROW WHEN (NEW.state = 1 AND NEW.downloads = OLD.downloads) EXECUTE PROCEDURE record_package_change();
CREATE TRIGGER packages_changed_delete AFTER DELETE ON packages
    FOR EACH ROW WHEN (OLD.state = 1) EXECUTE PROCEDURE record_package_change();
