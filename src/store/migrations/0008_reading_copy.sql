-- Schema version 8: what became of a Word, PowerPoint or OpenDocument file's reading copy at
-- import. NULL when the item is not an office document or when it reads (then page_count holds the
-- pages its reading copy takes in the portfolio); otherwise a code the window words in the chosen
-- language: encrypted, legacy, spreadsheet, damaged or too_large (see office::Problem).
ALTER TABLE evidence ADD COLUMN reading_problem TEXT;
