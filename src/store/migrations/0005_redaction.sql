-- Schema version 4 (file 0005; the lead renumbers on merge): hidden areas of a photo, for partial
-- consent. JSON written by `evidence::redact` (style and regions as fractions of the upright picture);
-- an empty string means nothing is hidden. A column on the row, so backups and colleagues' packs carry it.
ALTER TABLE evidence ADD COLUMN redaction TEXT NOT NULL DEFAULT '';
