-- The change feed (GET v3/changes): one row per change of a package id that readers of the feed see (a version
-- becoming available, its listing, deprecation, signature or symbols changing, a delete). Download counts are
-- not changes. Triggers record them in the same transaction as the change itself, so none is ever lost; SQLite
-- serializes writers, so sequence order is commit order and a reader that saw a sequence number has seen all
-- lower ones. Only the last 100,000 changes are kept; a cursor older than that is told to start over.
CREATE TABLE package_changes (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    lower_id TEXT NOT NULL
);

CREATE TRIGGER packages_changed_insert AFTER INSERT ON packages WHEN new.state = 1 BEGIN
    INSERT INTO package_changes (lower_id) VALUES (new.lower_id);
    DELETE FROM package_changes WHERE seq <= (SELECT MAX(seq) FROM package_changes) - 100000;
END;

CREATE TRIGGER packages_changed_update AFTER UPDATE ON packages WHEN new.state = 1 AND new.downloads = old.downloads BEGIN
    INSERT INTO package_changes (lower_id) VALUES (new.lower_id);
    DELETE FROM package_changes WHERE seq <= (SELECT MAX(seq) FROM package_changes) - 100000;
END;

CREATE TRIGGER packages_changed_delete AFTER DELETE ON packages WHEN old.state = 1 BEGIN
    INSERT INTO package_changes (lower_id) VALUES (old.lower_id);
    DELETE FROM package_changes WHERE seq <= (SELECT MAX(seq) FROM package_changes) - 100000;
END;
