-- Schema version 7: location data is not kept in stored photos.

-- Whether the stored photo had location data removed: NULL not checked yet (or not a photo),
-- 0 none was found, 1 removed. Photos still NULL are cleaned by the one-off pass when the store opens.
ALTER TABLE evidence ADD COLUMN location_removed INTEGER;

-- A photo file replaced by its cleaned copy, until the old file (and its renditions' names) have been
-- dealt with: so a crash between the database change and the file deletion is finished next time.
CREATE TABLE blob_retired (
    sha256      TEXT PRIMARY KEY,
    replaced_by TEXT NOT NULL
);
