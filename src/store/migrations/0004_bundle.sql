-- Schema version 4: colleagues' contributions (where items came from, conflicts left for the user to
-- decide) and renewal (the record of an award cycle that has ended).

-- One row per contribution pack imported (the same pack imported twice has two rows).
CREATE TABLE contribution_import (
    id            TEXT PRIMARY KEY,
    pack_id       TEXT NOT NULL,
    contributor   TEXT NOT NULL DEFAULT '',
    source_school TEXT NOT NULL DEFAULT '',
    imported_at   TEXT NOT NULL,
    added         INTEGER NOT NULL DEFAULT 0,
    duplicates    INTEGER NOT NULL DEFAULT 0,
    conflicts     INTEGER NOT NULL DEFAULT 0
);

-- An incoming item whose UUID is already here with different content: nothing is overwritten until the
-- user chooses to keep theirs or take the colleague's version.
CREATE TABLE contribution_conflict (
    id          TEXT PRIMARY KEY,
    import_id   TEXT NOT NULL REFERENCES contribution_import(id),
    item_kind   TEXT NOT NULL CHECK (item_kind IN ('evidence', 'action_item')),
    item_id     TEXT NOT NULL,
    theirs      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    resolved_at TEXT,
    resolution  TEXT CHECK (resolution IN ('mine', 'theirs'))
);

CREATE INDEX contribution_conflict_open ON contribution_conflict(item_kind, item_id) WHERE resolved_at IS NULL;

-- NULL when made in this data folder; otherwise the contribution import that brought the item.
ALTER TABLE evidence ADD COLUMN contribution_import_id TEXT;
ALTER TABLE action_item ADD COLUMN contribution_import_id TEXT;

-- A finished award cycle, kept when a renewal starts: the application as it stood (JSON snapshot of the
-- school, journey, audit, narratives, action plan and the evidence it used).
CREATE TABLE previous_award (
    id                 TEXT PRIMARY KEY,
    cycle              INTEGER NOT NULL,
    awarded_on         TEXT,
    framework_id       TEXT NOT NULL,
    school_name        TEXT NOT NULL,
    renewal_started_at TEXT NOT NULL,
    record             TEXT NOT NULL
);
