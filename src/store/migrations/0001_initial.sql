-- Schema version 1: everything a school keeps over a year.
-- Keys are UUID text so that records made on two laptops can merge; times are UTC RFC 3339 text;
-- dates are YYYY-MM-DD text. Deletions that the user can undo set deleted_at instead of removing rows.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE school (
    id                 TEXT PRIMARY KEY,
    name               TEXT NOT NULL DEFAULT '',
    urn                TEXT NOT NULL DEFAULT '',
    phase              TEXT NOT NULL DEFAULT '',
    nation             TEXT NOT NULL DEFAULT 'England',
    local_authority    TEXT NOT NULL DEFAULT '',
    address            TEXT NOT NULL DEFAULT '',
    headteacher        TEXT NOT NULL DEFAULT '',
    coordinator_name   TEXT NOT NULL DEFAULT '',
    coordinator_role   TEXT NOT NULL DEFAULT '',
    coordinator_email  TEXT NOT NULL DEFAULT '',
    local_lead_org     TEXT NOT NULL DEFAULT '',
    local_lead_contact TEXT NOT NULL DEFAULT '',
    local_lead_email   TEXT NOT NULL DEFAULT '',
    pledge_date        TEXT,
    web_page           TEXT NOT NULL DEFAULT '',
    framework_id       TEXT NOT NULL DEFAULT 'sos-2024',
    updated_at         TEXT NOT NULL
);

-- Frameworks a local lead or another Sanctuary stream supplied; the built-in ones live in the binary.
CREATE TABLE imported_framework (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    imported_at TEXT NOT NULL
);

-- One row per criterion key: keys are stable across wording versions, so switching keeps answers.
CREATE TABLE audit (
    criterion_key TEXT PRIMARY KEY,
    level         INTEGER NOT NULL DEFAULT 0,
    already       TEXT NOT NULL DEFAULT '',
    gaps          TEXT NOT NULL DEFAULT '',
    reviewed_on   TEXT,
    reviewed_by   TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL
);

CREATE TABLE narrative (
    criterion_key TEXT PRIMARY KEY,
    body          TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL
);

CREATE TABLE action_item (
    id              TEXT PRIMARY KEY,
    action          TEXT NOT NULL,
    owner           TEXT NOT NULL DEFAULT '',
    partners        TEXT NOT NULL DEFAULT '',
    due_date        TEXT,
    status          TEXT NOT NULL DEFAULT 'planned'
                    CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
    success_measure TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
);

CREATE TABLE action_criterion (
    action_id     TEXT NOT NULL REFERENCES action_item(id) ON DELETE CASCADE,
    criterion_key TEXT NOT NULL,
    PRIMARY KEY (action_id, criterion_key)
);

CREATE TABLE journey_step (
    step TEXT PRIMARY KEY,
    date TEXT,
    note TEXT NOT NULL DEFAULT ''
);

CREATE TABLE feedback_round (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    received_on TEXT,
    from_whom  TEXT NOT NULL DEFAULT '',
    due_date   TEXT,
    summary    TEXT NOT NULL DEFAULT '',
    response   TEXT NOT NULL DEFAULT '',
    closed     INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE TABLE feedback_comment (
    id            TEXT PRIMARY KEY,
    round_id      TEXT NOT NULL REFERENCES feedback_round(id) ON DELETE CASCADE,
    criterion_key TEXT,
    kind          TEXT NOT NULL DEFAULT 'question',
    comment       TEXT NOT NULL DEFAULT '',
    response      TEXT NOT NULL DEFAULT '',
    position      INTEGER NOT NULL DEFAULT 0
);

-- Files in the content-addressed store (blobs/<first two hex>/<sha256>).
CREATE TABLE blob (
    sha256     TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    mime       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE evidence (
    id                  TEXT PRIMARY KEY,
    kind                TEXT NOT NULL,
    title               TEXT NOT NULL,
    caption             TEXT NOT NULL DEFAULT '',
    blob_sha256         TEXT REFERENCES blob(sha256),
    original_name       TEXT NOT NULL DEFAULT '',
    quote_text          TEXT NOT NULL DEFAULT '',
    attribution         TEXT NOT NULL DEFAULT '',
    activity_date       TEXT,
    added_at            TEXT NOT NULL,
    added_by            TEXT NOT NULL DEFAULT '',
    key_stage           TEXT NOT NULL DEFAULT '',
    subject             TEXT NOT NULL DEFAULT '',
    people_identifiable INTEGER NOT NULL DEFAULT 0,
    consent             TEXT NOT NULL DEFAULT 'missing'
                        CHECK (consent IN ('given', 'not_needed', 'missing')),
    anonymised          INTEGER NOT NULL DEFAULT 0,
    include_in_export   INTEGER NOT NULL DEFAULT 1,
    width               INTEGER,
    height              INTEGER,
    page_count          INTEGER,
    position            INTEGER NOT NULL DEFAULT 0,
    updated_at          TEXT NOT NULL,
    deleted_at          TEXT
);

-- Adding the same file twice must not make a second live item.
CREATE UNIQUE INDEX evidence_one_live_per_blob
    ON evidence(blob_sha256) WHERE blob_sha256 IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE evidence_criterion (
    evidence_id   TEXT NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
    criterion_key TEXT NOT NULL,
    PRIMARY KEY (evidence_id, criterion_key)
);
