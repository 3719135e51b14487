-- Schema version 9: the evidence library in exhibit order, live items only: what the library
-- screen, the exhibit numbering and the portfolio read, so a listing of 10,000 items is an index
-- walk, not a sort.
CREATE INDEX evidence_live_order ON evidence(position, added_at, id) WHERE deleted_at IS NULL;
