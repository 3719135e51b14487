//! The self-assessment: per criterion, a level on the framework's scale, what the school already
//! does, its gaps, and who reviewed it when; plus the narrative the application says per criterion.
//!
//! Rows are keyed by criterion key, so answers survive a change of wording. The UI autosaves one field
//! at a time, so writes take a [`Patch`] and leave every field it does not name untouched.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::framework::Framework;
use crate::store::Store;

/// Longest free text we keep in one field; far beyond an 8-page application, short of a mistake.
const MAX_TEXT: usize = 20_000;

/// One criterion's audit answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "AuditEntry")]
pub struct Entry {
    pub criterion_key: String,
    /// Index into the framework's `levels` (0 = the lowest, e.g. "Not started").
    pub level: usize,
    /// "What we already do".
    pub already: String,
    pub gaps: String,
    pub reviewed_on: Option<NaiveDate>,
    pub reviewed_by: String,
    /// None until something has been saved for this criterion.
    pub updated_at: Option<String>,
}

/// The fields to change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename = "AuditPatch")]
pub struct Patch {
    pub level: Option<usize>,
    pub already: Option<String>,
    pub gaps: Option<String>,
    /// `Some(None)` clears the date. In JSON: field absent = keep, `null` = clear, a date = set.
    #[serde(deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub reviewed_on: Option<Option<NaiveDate>>,
    pub reviewed_by: Option<String>,
}

/// Reads a field that is present (possibly `null`) as `Some(..)`; serde's `default` covers absence.
fn present<'de, D, T>(d: D) -> std::result::Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// The columns [`entry_from_row`] reads, in its order.
const ENTRY_COLUMNS: &str = "criterion_key, level, already, gaps, reviewed_on, reviewed_by, updated_at";

/// One `audit` row as an answer (a negative level, which no version writes, reads as "not started").
fn entry_from_row(r: &rusqlite::Row) -> rusqlite::Result<Entry> {
    Ok(Entry {
        criterion_key: r.get(0)?,
        level: r.get::<_, i64>(1)?.max(0) as usize,
        already: r.get(2)?,
        gaps: r.get(3)?,
        reviewed_on: r.get(4)?,
        reviewed_by: r.get(5)?,
        updated_at: r.get(6)?,
    })
}

/// The answer for `key` (an empty one if nothing was saved yet).
pub fn get(store: &Store, key: &str) -> Result<Entry> {
    let found = store
        .conn()
        .query_row(&format!("SELECT {ENTRY_COLUMNS} FROM audit WHERE criterion_key = ?1"), [key], entry_from_row)
        .optional()?;
    let mut entry = found.unwrap_or_else(|| Entry { criterion_key: key.to_string(), ..Entry::default() });
    show_references(store, &mut [&mut entry.already, &mut entry.gaps])?;
    Ok(entry)
}

/// Shows the exhibit references in `texts` as the items' current numbers, as the editor and a
/// default export number them. The numbering is looked up only when a text holds a reference.
fn show_references(store: &Store, texts: &mut [&mut String]) -> Result<()> {
    if !texts.iter().any(|t| crate::references::has_references(t)) {
        return Ok(());
    }
    let ids = crate::evidence::exhibit_ids(store)?;
    let numbers = ids.iter().enumerate().map(|(i, id)| (id.as_str(), i + 1)).collect();
    for text in texts.iter_mut() {
        **text = crate::references::to_labels(text, &numbers, crate::references::MISSING);
    }
    Ok(())
}

/// Every saved answer, by criterion key (criteria of other wordings included), with exhibit
/// references left as stored: a reader that numbers exhibits its own way (the export, which may
/// number items without consent) turns them into labels with `references::to_labels`.
pub fn entries(store: &Store) -> Result<BTreeMap<String, Entry>> {
    let mut stmt = store.conn().prepare(&format!("SELECT {ENTRY_COLUMNS} FROM audit"))?;
    let rows = stmt.query_map([], entry_from_row)?;
    let mut out = BTreeMap::new();
    for entry in rows {
        let entry = entry?;
        out.insert(entry.criterion_key.clone(), entry);
    }
    Ok(out)
}

/// Every written narrative, by criterion key, with exhibit references left as stored (see [`entries`]).
pub fn narratives(store: &Store) -> Result<BTreeMap<String, String>> {
    let mut stmt = store.conn().prepare("SELECT criterion_key, body FROM narrative")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Answers for every criterion of `fw`, in its order.
pub fn all(store: &Store, fw: &Framework) -> Result<Vec<Entry>> {
    fw.criteria.iter().map(|c| get(store, &c.key)).collect()
}

/// Changes the fields named in `patch` for criterion `key` of `fw`; returns the saved answer.
pub fn set(store: &mut Store, fw: &Framework, key: &str, patch: &Patch, now: DateTime<Utc>) -> Result<Entry> {
    let Some(criterion) = fw.criterion(key) else {
        return Err(Error::rule("criterion_unknown", [("key", key.into())], format!("`{key}` is not a criterion of {}; reload and try again", fw.name)));
    };
    if let Some(level) = patch.level {
        if level >= fw.levels.len() {
            return Err(Error::rule(
                "audit_level_off_scale",
                [("level", level.into()), ("number", (criterion.number as i64).into()), ("choices", fw.levels.join(", ").into())],
                format!("level {level} is not on the scale for criterion {}; choose one of: {}", criterion.number, fw.levels.join(", ")),
            ));
        }
    }
    for (name, text) in
        [("what we already do", &patch.already), ("gaps", &patch.gaps), ("reviewed by", &patch.reviewed_by)]
    {
        if text.as_ref().is_some_and(|t| t.chars().count() > MAX_TEXT) {
            return Err(Error::rule(
                "text_too_long",
                [("max", (MAX_TEXT as i64).into())],
                format!("\"{name}\" is longer than {MAX_TEXT} characters; shorten it"),
            ));
        }
    }
    // Exhibit references ("E3") are kept as references to the items, as in the narrative.
    let ids = if patch.already.is_some() || patch.gaps.is_some() { crate::evidence::exhibit_ids(store)? } else { Vec::new() };
    let already = patch.already.as_deref().map(|t| crate::references::to_tokens(t, &ids));
    let gaps = patch.gaps.as_deref().map(|t| crate::references::to_tokens(t, &ids));
    store.write(|tx| {
        tx.execute(
            "INSERT INTO audit (criterion_key, updated_at) VALUES (?1, ?2) ON CONFLICT(criterion_key) DO NOTHING",
            params![key, now.to_rfc3339()],
        )?;
        // COALESCE keeps the stored value of every field the patch leaves out.
        tx.execute(
            "UPDATE audit SET level = coalesce(?2, level), already = coalesce(?3, already), gaps = coalesce(?4, gaps), \
             reviewed_on = CASE WHEN ?5 THEN ?6 ELSE reviewed_on END, reviewed_by = coalesce(?7, reviewed_by), \
             updated_at = ?8 WHERE criterion_key = ?1",
            params![
                key,
                patch.level.map(|l| l as i64),
                already,
                gaps,
                patch.reviewed_on.is_some(),
                patch.reviewed_on.flatten(),
                patch.reviewed_by,
                now.to_rfc3339()
            ],
        )?;
        Ok(())
    })?;
    get(store, key)
}

/// The level index whose label matches `label` (case and surrounding spaces ignored; `in-progress`
/// style spellings match `In progress`).
pub fn level_from_label(fw: &Framework, label: &str) -> Result<usize> {
    let norm = |s: &str| s.trim().to_lowercase().replace(['-', '_'], " ");
    fw.levels.iter().position(|l| norm(l) == norm(label)).ok_or_else(|| {
        let choices = fw.levels.iter().map(|l| l.to_lowercase()).collect::<Vec<_>>().join(", ");
        Error::rule(
            "audit_status_unknown",
            [("value", label.into()), ("choices", choices.as_str().into())],
            format!("`{label}` is not an audit status in {}; use one of: {choices}", fw.name),
        )
    })
}

/// The application's narrative for criterion `key` ("" when none is written yet).
/// References to exhibits come back as their current numbers (see `references`).
pub fn narrative(store: &Store, key: &str) -> Result<String> {
    let mut body: String = store
        .conn()
        .query_row("SELECT body FROM narrative WHERE criterion_key = ?1", [key], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    show_references(store, &mut [&mut body])?;
    Ok(body)
}

/// Saves the narrative for criterion `key` of `fw`.
pub fn set_narrative(store: &mut Store, fw: &Framework, key: &str, body: &str, now: DateTime<Utc>) -> Result<()> {
    if fw.criterion(key).is_none() {
        return Err(Error::rule("criterion_unknown", [("key", key.into())], format!("`{key}` is not a criterion of {}; reload and try again", fw.name)));
    }
    if body.chars().count() > MAX_TEXT {
        return Err(Error::rule(
            "text_too_long",
            [("max", (MAX_TEXT as i64).into())],
            format!("the narrative is longer than {MAX_TEXT} characters; shorten it"),
        ));
    }
    // "E3" is kept as a reference to the item itself, so it follows the item when numbers change.
    let body = crate::references::to_tokens(body, &crate::evidence::exhibit_ids(store)?);
    store.write(|tx| {
        tx.execute(
            "INSERT INTO narrative (criterion_key, body, updated_at) VALUES (?1, ?2, ?3) \
             ON CONFLICT(criterion_key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            params![key, body, now.to_rfc3339()],
        )?;
        Ok(())
    })
}

/// Which of a criterion's three written accounts: what we already do, the gaps, or the account
/// (the narrative) the application prints last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "AccountField")]
pub enum Account {
    Already,
    Gaps,
    Narrative,
}

impl Account {
    pub const ALL: [Account; 3] = [Account::Already, Account::Gaps, Account::Narrative];

    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Account::Already => "already",
            Account::Gaps => "gaps",
            Account::Narrative => "narrative",
        }
    }

    /// Reads a stored spelling; anything else is the narrative, where a change is easiest to see.
    pub fn from_stored(text: &str) -> Account {
        Account::ALL.into_iter().find(|a| a.as_str() == text).unwrap_or(Account::Narrative)
    }

    /// The heading the application prints above this account (`text.already`, …).
    pub fn title_key(self) -> &'static str {
        match self {
            Account::Already => "text.already",
            Account::Gaps => "text.gaps",
            Account::Narrative => "text.account",
        }
    }
}

/// The text of one account of criterion `key`, as the editor shows it (references as numbers).
pub fn account(store: &Store, key: &str, which: Account) -> Result<String> {
    Ok(match which {
        Account::Already => get(store, key)?.already,
        Account::Gaps => get(store, key)?.gaps,
        Account::Narrative => narrative(store, key)?,
    })
}

/// Writes several accounts (criterion key, which account, text as the editor shows it) in one
/// transaction, and runs `also` in the same transaction, so that a change made for another module
/// (an accepted suggestion, an imported draft) is one step that either happens whole or not at all.
pub fn set_accounts(
    store: &mut Store,
    fw: &Framework,
    texts: &[(String, Account, String)],
    now: DateTime<Utc>,
    also: impl FnOnce(&rusqlite::Transaction) -> Result<()>,
) -> Result<()> {
    for (key, _, text) in texts {
        if fw.criterion(key).is_none() {
            return Err(Error::rule("criterion_unknown", [("key", key.as_str().into())], format!("`{key}` is not a criterion of {}; reload and try again", fw.name)));
        }
        if text.chars().count() > MAX_TEXT {
            return Err(Error::rule(
                "text_too_long",
                [("max", (MAX_TEXT as i64).into())],
                format!("an account is longer than {MAX_TEXT} characters; shorten it"),
            ));
        }
    }
    let ids = crate::evidence::exhibit_ids(store)?;
    store.write(|tx| {
        let at = now.to_rfc3339();
        for (key, which, text) in texts {
            let body = crate::references::to_tokens(text, &ids);
            match which {
                Account::Narrative => {
                    tx.execute(
                        "INSERT INTO narrative (criterion_key, body, updated_at) VALUES (?1, ?2, ?3) \
                         ON CONFLICT(criterion_key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                        params![key, body, at],
                    )?;
                }
                Account::Already | Account::Gaps => {
                    tx.execute(
                        "INSERT INTO audit (criterion_key, updated_at) VALUES (?1, ?2) ON CONFLICT(criterion_key) DO NOTHING",
                        params![key, at],
                    )?;
                    let sql = if *which == Account::Already {
                        "UPDATE audit SET already = ?2, updated_at = ?3 WHERE criterion_key = ?1"
                    } else {
                        "UPDATE audit SET gaps = ?2, updated_at = ?3 WHERE criterion_key = ?1"
                    };
                    tx.execute(sql, params![key, body, at])?;
                }
            }
        }
        also(tx)
    })
}
