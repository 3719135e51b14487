-- Schema version 11: the commitments a school makes after its award for the next three years, which
-- the renewal then reports on. `cycle` is the award cycle a commitment was made in (the `renewal.cycle`
-- setting then, 0 before any renewal); `carried_into` is the cycle whose re-accreditation report it
-- feeds, set when that renewal starts; `outcome` is what happened, written during the renewal.
CREATE TABLE commitment (
    id            TEXT PRIMARY KEY,
    what          TEXT NOT NULL,
    owner         TEXT NOT NULL DEFAULT '',
    due           TEXT,
    criterion_key TEXT,
    cycle         INTEGER NOT NULL DEFAULT 0,
    carried_into  INTEGER,
    outcome       TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
