-- The same schema as SQLite's, with PostgreSQL full text (a weighted tsvector with a GIN index).
CREATE TABLE package_ids (
    lower_id        TEXT PRIMARY KEY,
    id              TEXT NOT NULL,
    owner           TEXT NOT NULL,
    total_downloads BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE packages (
    key                     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lower_id                TEXT NOT NULL REFERENCES package_ids(lower_id),
    id                      TEXT NOT NULL,
    version                 TEXT NOT NULL,
    lower_version           TEXT NOT NULL,
    original_version        TEXT NOT NULL,
    is_prerelease           BIGINT NOT NULL,
    is_semver2              BIGINT NOT NULL,
    listed                  BIGINT NOT NULL DEFAULT 1,
    state                   BIGINT NOT NULL DEFAULT 0,
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
    require_license_acceptance BIGINT NOT NULL DEFAULT 0,
    package_types           TEXT NOT NULL,
    package_types_search    TEXT NOT NULL,
    dependency_groups       TEXT NOT NULL,
    deprecation             TEXT,
    readme_file             TEXT,
    icon_file               TEXT,
    has_symbols             BIGINT NOT NULL DEFAULT 0,
    size                    BIGINT NOT NULL,
    sha512                  TEXT NOT NULL,
    downloads               BIGINT NOT NULL DEFAULT 0,
    -- Dots and dashes split ids into words, as SQLite's unicode61 tokenizer does.
    search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', translate(id, '.-_', '   ')), 'A') ||
        setweight(to_tsvector('simple', translate(title, '.-_', '   ')), 'B') ||
        setweight(to_tsvector('simple', translate(tags, '.-_,;', '     ')), 'B') ||
        setweight(to_tsvector('simple', translate(authors, '.-_,', '    ')), 'C') ||
        setweight(to_tsvector('simple', translate(description, '.-_', '   ')), 'D')
    ) STORED,
    UNIQUE (lower_id, lower_version)
);

CREATE INDEX packages_by_state ON packages (state, created);
CREATE INDEX packages_search ON packages USING GIN (search_vector);

CREATE TABLE api_keys (
    key_id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key_hash    BYTEA NOT NULL UNIQUE,
    owner       TEXT NOT NULL,
    scopes      TEXT NOT NULL,
    actions     TEXT NOT NULL,
    is_admin    BIGINT NOT NULL DEFAULT 0,
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
