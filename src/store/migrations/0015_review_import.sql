-- Schema version 15: a reviewer's file brought in as a feedback round. Each comment keeps the words
-- it was anchored to, who wrote it and when; tracked changes become suggestions on a criterion's
-- account that the school accepts or declines; each file imported is remembered by its SHA-256, so
-- the same file brought in twice adds nothing.
ALTER TABLE feedback_comment ADD COLUMN quote TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback_comment ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback_comment ADD COLUMN made_on TEXT;

CREATE TABLE feedback_import (
    fingerprint TEXT PRIMARY KEY,
    round_id    TEXT NOT NULL REFERENCES feedback_round(id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    imported_at TEXT NOT NULL
);

CREATE TABLE feedback_suggestion (
    id            TEXT PRIMARY KEY,
    round_id      TEXT NOT NULL REFERENCES feedback_round(id) ON DELETE CASCADE,
    criterion_key TEXT,
    -- already | gaps | narrative: which account of the criterion it changes
    field         TEXT NOT NULL,
    -- insert | delete
    change        TEXT NOT NULL,
    text          TEXT NOT NULL,
    -- the words right before and after it in its paragraph, as the account read then
    before        TEXT NOT NULL DEFAULT '',
    after         TEXT NOT NULL DEFAULT '',
    author        TEXT NOT NULL DEFAULT '',
    made_on       TEXT,
    -- open | accepted | declined
    status        TEXT NOT NULL DEFAULT 'open',
    -- the account as it was before the suggestion was accepted, so that accepting can be undone
    previous      TEXT,
    position      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX feedback_suggestion_round ON feedback_suggestion(round_id, position);
