-- Schema version 17: what a coordinator typed into a field that could not be saved yet (a URN with a
-- digit too many, a date that does not exist), kept so that closing the window loses no typed word.
-- One row per field: `screen` names the window's screen, `record` the record on it ("" when the
-- screen has one, like the school), `field` the field. `base` is the stored value the text was typed
-- over, so a draft left behind by a later save, a restore or the demo can be told apart from a live
-- one. `code` and `params` are the refusal (an `Error::Rule` code and its JSON params), worded by
-- the window in its language.
CREATE TABLE field_draft (
    screen     TEXT NOT NULL,
    record     TEXT NOT NULL DEFAULT '',
    field      TEXT NOT NULL,
    text       TEXT NOT NULL,
    base       TEXT NOT NULL DEFAULT '',
    code       TEXT NOT NULL,
    params     TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (screen, record, field)
);
