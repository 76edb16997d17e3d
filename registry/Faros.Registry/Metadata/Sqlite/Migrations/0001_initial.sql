-- Package ids: one row per id, holding who owns it and its download total.
CREATE TABLE package_ids (
    lower_id        TEXT PRIMARY KEY,
    id              TEXT NOT NULL,
    owner           TEXT NOT NULL,
    total_downloads INTEGER NOT NULL DEFAULT 0
);

-- One row per version. state 0 = pending (files being written), 1 = available.
-- A pending row reserves the id+version so that concurrent pushes of it give one winner.
CREATE TABLE packages (
    key                     INTEGER PRIMARY KEY,
    lower_id                TEXT NOT NULL REFERENCES package_ids(lower_id),
    id                      TEXT NOT NULL,
    version                 TEXT NOT NULL,
    lower_version           TEXT NOT NULL,
    original_version        TEXT NOT NULL,
    is_prerelease           INTEGER NOT NULL,
    is_semver2              INTEGER NOT NULL,
    listed                  INTEGER NOT NULL DEFAULT 1,
    state                   INTEGER NOT NULL DEFAULT 0,
    published               TEXT NOT NULL,
    created                 TEXT NOT NULL,
    title                   TEXT NOT NULL DEFAULT '',
    description             TEXT NOT NULL DEFAULT '',
    summary                 TEXT NOT NULL DEFAULT '',
    authors                 TEXT NOT NULL DEFAULT '',
    tags                    TEXT NOT NULL DEFAULT '',
    project_url             TEXT,
    license_url             TEXT,
    license_expression      TEXT,
    icon_url                TEXT,
    release_notes           TEXT,
    copyright               TEXT,
    language                TEXT,
    min_client_version      TEXT,
    require_license_acceptance INTEGER NOT NULL DEFAULT 0,
    package_types           TEXT NOT NULL,
    package_types_search    TEXT NOT NULL,
    dependency_groups       TEXT NOT NULL,
    deprecation             TEXT,
    readme_file             TEXT,
    icon_file               TEXT,
    has_symbols             INTEGER NOT NULL DEFAULT 0,
    size                    INTEGER NOT NULL,
    sha512                  TEXT NOT NULL,
    downloads               INTEGER NOT NULL DEFAULT 0,
    UNIQUE (lower_id, lower_version)
);

CREATE INDEX packages_by_state ON packages (state, created);

-- Full-text search over the text a user types a query against.
CREATE VIRTUAL TABLE packages_fts USING fts5(
    id, title, description, tags, authors,
    content = 'packages', content_rowid = 'key',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER packages_fts_insert AFTER INSERT ON packages BEGIN
    INSERT INTO packages_fts (rowid, id, title, description, tags, authors)
    VALUES (new.key, new.id, new.title, new.description, new.tags, new.authors);
END;

CREATE TRIGGER packages_fts_delete AFTER DELETE ON packages BEGIN
    INSERT INTO packages_fts (packages_fts, rowid, id, title, description, tags, authors)
    VALUES ('delete', old.key, old.id, old.title, old.description, old.tags, old.authors);
END;

CREATE TABLE api_keys (
    key_id      INTEGER PRIMARY KEY,
    key_hash    BLOB NOT NULL UNIQUE,
    owner       TEXT NOT NULL,
    scopes      TEXT NOT NULL,
    actions     TEXT NOT NULL,
    is_admin    INTEGER NOT NULL DEFAULT 0,
    description TEXT,
    created     TEXT NOT NULL,
    expires     TEXT
);

CREATE TABLE id_prefix_reservations (
    lower_prefix TEXT PRIMARY KEY,
    prefix       TEXT NOT NULL,
    owner        TEXT NOT NULL,
    created      TEXT NOT NULL
);
