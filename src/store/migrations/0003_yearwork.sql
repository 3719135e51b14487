-- Schema version 3: the year's work. Feedback comments can be deleted with Undo, like everything
-- else the user can delete. (There is no file 0002 and no schema version 2.)
ALTER TABLE feedback_comment ADD COLUMN deleted_at TEXT;
