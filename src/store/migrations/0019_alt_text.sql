-- Schema version 19: what a screen reader says for an item, and the language of a quote.
-- alt_text: the coordinator's own description of a picture (empty when none is written; the
-- export then describes it from its caption or title, exhibit number and criteria, see
-- portfolio::alt). lang: a BCP 47 tag for a quote's words ("ar", "uk", "pl"…), or empty to detect it
-- from the writing (see richtext::lang).
ALTER TABLE evidence ADD COLUMN alt_text TEXT NOT NULL DEFAULT '';
ALTER TABLE evidence ADD COLUMN lang TEXT NOT NULL DEFAULT '';
