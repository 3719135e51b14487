-- Schema version 5: hidden areas of a photo, for partial consent. JSON written by
-- `evidence::redact` (style and regions as fractions of the upright picture); an empty string means
-- nothing is hidden. A column on the row, so backups and colleagues' packs carry it.
ALTER TABLE evidence ADD COLUMN redaction TEXT NOT NULL DEFAULT '';

-- Consent gains `given_hidden` (given for the photo once some people in it are hidden). SQLite cannot
-- change a CHECK in place, but a column's own CHECK goes when the column is dropped, so the value moves
-- to a new column with the wider CHECK, inside this migration's transaction. Every query names its
-- columns, so the column's new place at the end of the row changes nothing.
ALTER TABLE evidence ADD COLUMN consent_new TEXT NOT NULL DEFAULT 'missing'
    CHECK (consent_new IN ('given', 'given_hidden', 'not_needed', 'missing'));
UPDATE evidence SET consent_new = consent;
ALTER TABLE evidence DROP COLUMN consent;
ALTER TABLE evidence RENAME COLUMN consent_new TO consent;
