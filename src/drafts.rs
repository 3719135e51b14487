//! Drafts of fields: what a coordinator typed into one field that could not be saved yet (a URN with
//! a digit too many, a date that does not exist), kept in the data folder so that closing the window
//! never loses a typed word. One draft per field, named by screen, record and field; each carries the
//! refusal (an [`Error::Rule`] code and its params) so the window can word it again in its language
//! when it is opened next, and `base`, the stored value the text was typed over.
//!
//! The window saves every other field as usual; a field's draft is put when its save is refused and
//! cleared when a save of it goes through. A draft whose `base` no longer matches the stored value
//! (a later save from elsewhere, the CLI, a restore) is stale: the window drops it rather than show
//! old text over newer data.
//!
//! Not for: checking values (each record's own module refuses them), nor saving records; drafts are
//! never part of the portfolio, a contribution pack or the CLI's views. They travel in a backup, as the
//! whole database does, and the demo clears them with every other table.

use chrono::{DateTime, Utc};
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Params, Result, RULE_CODES};
use crate::store::Store;

/// Longest draft text kept, in characters (a pasted essay into a URN field is cut, not refused).
pub const MAX_TEXT: usize = 20_000;

/// Which field a draft belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct DraftKey {
    /// The screen (`school`, `plan`, `journey`…), as the window names it.
    pub screen: String,
    /// The record on that screen (an id, a criterion key), or "" for a screen with one record.
    pub record: String,
    /// The field (`urn`, `dueDate`…).
    pub field: String,
}

/// A field's unsaved text and why it was not saved.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct FieldDraft {
    #[serde(flatten)]
    pub key: DraftKey,
    /// What was typed.
    pub text: String,
    /// The stored value the text was typed over, as the window shows it ("" for none).
    pub base: String,
    /// The refusal's rule code (one of [`RULE_CODES`]).
    pub code: String,
    /// The values its wording fills in.
    pub params: Params,
    /// When it was last put (RFC 3339, UTC); set by [`put`].
    pub updated_at: String,
}

fn checked_key(key: &DraftKey) -> Result<()> {
    for part in [&key.screen, &key.field] {
        if part.trim().is_empty() || part.chars().count() > 200 {
            return Err(Error::rule("draft_unknown_code", [("code", "".into())], "a draft needs a screen and a field name of at most 200 characters"));
        }
    }
    if key.record.chars().count() > 200 {
        return Err(Error::rule("draft_unknown_code", [("code", "".into())], "a draft's record is longer than 200 characters"));
    }
    Ok(())
}

/// Keeps `draft` for its field, replacing one already kept there. The code must be a rule's, so that
/// every window can word it; the text is kept as typed (cut at [`MAX_TEXT`] characters).
pub fn put(store: &mut Store, draft: &FieldDraft, now: DateTime<Utc>) -> Result<FieldDraft> {
    checked_key(&draft.key)?;
    if !RULE_CODES.contains(&draft.code.as_str()) {
        return Err(Error::rule(
            "draft_unknown_code",
            [("code", draft.code.as_str().into())],
            format!("`{}` is not a refusal the window can word; a draft keeps one of the rule codes", draft.code),
        ));
    }
    let mut d = draft.clone();
    if d.text.chars().count() > MAX_TEXT {
        d.text = d.text.chars().take(MAX_TEXT).collect();
    }
    d.updated_at = now.to_rfc3339();
    // A map of texts and numbers always serialises.
    let params_json = serde_json::to_string(&d.params).unwrap_or_else(|_| "{}".into());
    store.write(|tx| {
        tx.execute(
            "INSERT INTO field_draft (screen, record, field, text, base, code, params, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
             ON CONFLICT (screen, record, field) DO UPDATE SET text = excluded.text, base = excluded.base, \
             code = excluded.code, params = excluded.params, updated_at = excluded.updated_at",
            params![d.key.screen, d.key.record, d.key.field, d.text, d.base, d.code, params_json, d.updated_at],
        )?;
        Ok(())
    })?;
    Ok(d)
}

fn from_row(r: &Row) -> rusqlite::Result<FieldDraft> {
    let params_json: String = r.get(6)?;
    Ok(FieldDraft {
        key: DraftKey { screen: r.get(0)?, record: r.get(1)?, field: r.get(2)? },
        text: r.get(3)?,
        base: r.get(4)?,
        code: r.get(5)?,
        // Written by `put` only; an unreadable value loses the wording's details, never the text.
        params: serde_json::from_str(&params_json).unwrap_or_default(),
        updated_at: r.get(7)?,
    })
}

/// The drafts kept, for one screen or (with `None`) every screen, in screen, record, field order.
pub fn list(store: &Store, screen: Option<&str>) -> Result<Vec<FieldDraft>> {
    let mut stmt = store.conn().prepare(
        "SELECT screen, record, field, text, base, code, params, updated_at FROM field_draft \
         WHERE ?1 IS NULL OR screen = ?1 ORDER BY screen, record, field",
    )?;
    let rows = stmt.query_map([screen], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Forgets the draft of one field (its value was saved, or the coordinator put the stored one back).
/// True when there was one.
pub fn clear(store: &mut Store, key: &DraftKey) -> Result<bool> {
    let n = store.write(|tx| {
        Ok(tx.execute(
            "DELETE FROM field_draft WHERE screen = ?1 AND record = ?2 AND field = ?3",
            params![key.screen, key.record, key.field],
        )?)
    })?;
    Ok(n > 0)
}

/// Forgets every draft of one record (the record was deleted, or its form was left empty on purpose).
/// How many there were.
pub fn clear_record(store: &mut Store, screen: &str, record: &str) -> Result<usize> {
    store.write(|tx| Ok(tx.execute("DELETE FROM field_draft WHERE screen = ?1 AND record = ?2", params![screen, record])?))
}
