-- gone-filter: the shared tombstone tables, H2 2.x (embedded).
-- Idempotent: run it by hand, as a Flyway/Liquibase migration, or let JdbcTombstoneRegistry.createSchema(true) run it.
-- One row per tombstone key; a restore keeps the row and sets restored_at, so other nodes can read it incrementally.
CREATE TABLE IF NOT EXISTS gone_filter_tombstone (
    pattern_key  VARCHAR(2048)            NOT NULL PRIMARY KEY, -- canonical path or glob, or 'regex:' || expression
    path         VARCHAR(2048),                                 -- the path or glob as written in tombstone files (percent-encoded)
    regex        VARCHAR(2048),                                 -- or the regular expression
    deleted_at   TIMESTAMP WITH TIME ZONE,
    reason       VARCHAR(64),
    message      VARCHAR(4000),
    alternative  VARCHAR(2048),
    max_age      BIGINT,                                        -- seconds
    gone_from    TIMESTAMP WITH TIME ZONE,
    gone_until   TIMESTAMP WITH TIME ZONE,
    visibility   VARCHAR(16)              NOT NULL DEFAULT 'gone', -- gone | not_found | legal
    restorable   BOOLEAN                  NOT NULL DEFAULT FALSE,
    mode         VARCHAR(16),                                   -- short-circuit | fallback, or NULL: the filter's default
    extensions   VARCHAR(1000000),                                         -- JSON object, or NULL
    version      BIGINT                   NOT NULL,             -- from gone_filter_tombstone_version at the last change
    restored_at  TIMESTAMP WITH TIME ZONE,                      -- not NULL: restored (soft-deleted)
    CONSTRAINT gone_filter_tombstone_path_or_regex CHECK ((path IS NULL) <> (regex IS NULL))
);
-- Tables created before tombstone modes existed get the column.
ALTER TABLE gone_filter_tombstone ADD COLUMN IF NOT EXISTS mode VARCHAR(16);
CREATE INDEX IF NOT EXISTS gone_filter_tombstone_version_idx ON gone_filter_tombstone (version);
-- The change counter: one row, incremented (and so row-locked) by every write, so versions commit in order.
CREATE TABLE IF NOT EXISTS gone_filter_tombstone_version (
    id       INTEGER NOT NULL PRIMARY KEY,
    version  BIGINT  NOT NULL
);
INSERT INTO gone_filter_tombstone_version (id, version)
    SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM gone_filter_tombstone_version WHERE id = 1);
