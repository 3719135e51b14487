-- Schema version 3 (year's work): feedback comments can be deleted with Undo, like everything else the
-- user can delete. (Version 2 is reserved for evidence; this file is appended after it in MIGRATIONS.)
ALTER TABLE feedback_comment ADD COLUMN deleted_at TEXT;
