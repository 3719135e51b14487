-- Schema version 16: how many embedded objects (a spreadsheet or document inside a slide or a
-- document) a Word, PowerPoint or OpenDocument file holds that its reading copy cannot show (no
-- printable picture cached): each gets a note in place, and the import report and Readiness name
-- the exhibit. NULL for other items and for documents read before this version; 0 when none.
ALTER TABLE evidence ADD COLUMN objects_not_shown INTEGER;
