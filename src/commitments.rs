//! The commitments register: what a school promises, after its award, to do over the next three years
//! (what, who owns it, by when, for which criterion), and, once the renewal starts, what happened.
//!
//! Each commitment belongs to the award cycle it was made in (`cycle`: the `renewal.cycle` setting at
//! the time, 0 before any renewal). Starting a renewal carries the finished cycle's commitments into
//! the new one ([`carry_into`], called by `bundle::renewal`): they are the skeleton of the
//! re-accreditation report, each with an outcome ("What happened") to write. New commitments made in
//! the renewal cycle are for the three years after it.
//!
//! Commitments are soft-deleted so the window can offer Undo. They travel in backups (a backup copies
//! the whole database) and in the record a renewal files, but not in contribution packs: a pack
//! carries a colleague's evidence and actions, while commitments are what the school agreed with its
//! local lead, kept by the coordinator. Not for: the year's action plan (see `plan`).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::framework::Framework;
use crate::store::{soft_delete, Store};

/// Setting holding the renewal cycle number (absent or 0 before any renewal). Named here because the
/// register reads it and `bundle::renewal`, which writes it, builds on this module.
pub const CYCLE_SETTING: &str = "renewal.cycle";

/// Longest "what" or "what happened", in characters.
pub const MAX_TEXT: usize = 2_000;
/// Longest owner, in characters.
pub const MAX_OWNER: usize = 200;

/// One commitment as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Commitment {
    pub id: String,
    pub what: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    /// The framework criterion it serves, when one was chosen.
    pub criterion_key: Option<String>,
    /// The award cycle it was made in.
    pub cycle: i64,
    /// The renewal cycle whose report it feeds, once that renewal has started.
    pub carried_into: Option<i64>,
    /// What happened, written during the renewal.
    pub outcome: String,
    pub created_at: String,
    pub updated_at: String,
}

impl Commitment {
    /// The first 8 characters of the id: enough to name one at the command line.
    pub fn short_id(&self) -> &str {
        &self.id[..self.id.len().min(8)]
    }
}

/// What the user fills in for a new commitment (or all fields of an edited one). The date and the
/// criterion arrive as typed ("" for none) so that a wrong one is refused by a rule the window words.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct CommitmentDraft {
    pub what: String,
    pub owner: String,
    /// `YYYY-MM-DD`, or "" for no date.
    pub due: String,
    /// A criterion key of the school's framework, or "" for none.
    pub criterion_key: String,
}

/// A draft after checking: the values as stored.
struct Checked {
    due: Option<NaiveDate>,
    criterion_key: Option<String>,
}

impl CommitmentDraft {
    fn check(&self, fw: &Framework) -> Result<Checked> {
        if self.what.trim().is_empty() {
            return Err(Error::rule("commitment_empty", [], "say what the school commits to (the text is empty)"));
        }
        too_long("commitment", &self.what, MAX_TEXT)?;
        too_long("owner", &self.owner, MAX_OWNER)?;
        let due = match self.due.trim() {
            "" => None,
            text => Some(NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                Error::rule(
                    "commitment_due_not_date",
                    [("value", text.into())],
                    format!("`{text}` is not a date; give the date it is due by as YYYY-MM-DD"),
                )
            })?),
        };
        let criterion_key = match self.criterion_key.trim() {
            "" => None,
            key if fw.criterion(key).is_some() => Some(key.to_string()),
            key => {
                return Err(Error::rule(
                    "commitment_unknown_criterion",
                    [("key", key.into())],
                    format!("`{key}` is not a criterion of {}; choose one from its list", fw.name),
                ))
            }
        };
        Ok(Checked { due, criterion_key })
    }
}

fn too_long(name: &str, text: &str, max: usize) -> Result<()> {
    if text.chars().count() > max {
        return Err(Error::rule(
            "text_too_long",
            [("max", (max as i64).into())],
            format!("the {name} is longer than {max} characters; shorten it"),
        ));
    }
    Ok(())
}

const COLUMNS: &str = "id, what, owner, due, criterion_key, cycle, carried_into, outcome, created_at, updated_at";

fn from_row(r: &Row) -> rusqlite::Result<Commitment> {
    Ok(Commitment {
        id: r.get(0)?,
        what: r.get(1)?,
        owner: r.get(2)?,
        due: r.get(3)?,
        criterion_key: r.get(4)?,
        cycle: r.get(5)?,
        carried_into: r.get(6)?,
        outcome: r.get(7)?,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
    })
}

/// The award cycle the data folder is in: 0 before any renewal.
pub fn current_cycle(store: &Store) -> Result<i64> {
    Ok(store.setting(CYCLE_SETTING)?.and_then(|v| v.parse().ok()).unwrap_or(0))
}

/// Adds a commitment made in the current cycle; a criterion must belong to `fw` (the active framework).
pub fn add(store: &mut Store, fw: &Framework, draft: &CommitmentDraft, now: DateTime<Utc>) -> Result<Commitment> {
    let checked = draft.check(fw)?;
    let id = uuid::Uuid::new_v4().to_string();
    let cycle = current_cycle(store)?;
    store.write(|tx| {
        tx.execute(
            "INSERT INTO commitment (id, what, owner, due, criterion_key, cycle, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![id, draft.what, draft.owner, checked.due, checked.criterion_key, cycle, now.to_rfc3339()],
        )?;
        Ok(())
    })?;
    get(store, &id)
}

/// Saves every field the user fills in of commitment `id` (the window autosaves the whole item).
pub fn update(store: &mut Store, fw: &Framework, id: &str, draft: &CommitmentDraft, now: DateTime<Utc>) -> Result<Commitment> {
    let checked = draft.check(fw)?;
    let n = store.write(|tx| {
        Ok(tx.execute(
            "UPDATE commitment SET what = ?2, owner = ?3, due = ?4, criterion_key = ?5, updated_at = ?6 \
             WHERE id = ?1 AND deleted_at IS NULL",
            params![id, draft.what, draft.owner, checked.due, checked.criterion_key, now.to_rfc3339()],
        )?)
    })?;
    soft_delete::found(n, ROWS.what, id)?;
    get(store, id)
}

/// Records what happened to commitment `id`. Only a carried commitment has an outcome: before its
/// renewal starts, the three years it was made for are still running.
pub fn set_outcome(store: &mut Store, id: &str, outcome: &str, now: DateTime<Utc>) -> Result<Commitment> {
    let c = get(store, id)?;
    if c.carried_into.is_none() {
        return Err(Error::rule(
            "commitment_not_carried",
            [],
            "what happened is written during the renewal; this commitment's three years are still running",
        ));
    }
    too_long("outcome", outcome, MAX_TEXT)?;
    store.write(|tx| {
        tx.execute(
            "UPDATE commitment SET outcome = ?2, updated_at = ?3 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, outcome, now.to_rfc3339()],
        )?;
        Ok(())
    })?;
    get(store, id)
}

/// The register's rows for the shared soft delete and id lookup.
const ROWS: soft_delete::Rows =
    soft_delete::Rows { table: "commitment", what: "commitment", deleted_what: "deleted commitment" };

/// Deletes commitment `id` in a way [`undo_delete`] can reverse.
pub fn delete(store: &mut Store, id: &str, now: DateTime<Utc>) -> Result<()> {
    soft_delete::delete(store, ROWS, id, now)
}

/// Brings back a deleted commitment.
pub fn undo_delete(store: &mut Store, id: &str) -> Result<Commitment> {
    soft_delete::undo(store, ROWS, id, None)?;
    get(store, id)
}

/// A live commitment by id.
pub fn get(store: &Store, id: &str) -> Result<Commitment> {
    store
        .conn()
        .query_row(&format!("SELECT {COLUMNS} FROM commitment WHERE id = ?1 AND deleted_at IS NULL"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: ROWS.what, id: id.to_string() })
}

/// The live commitment whose id starts with `prefix` (as typed at the command line).
pub fn find_by_prefix(store: &Store, prefix: &str) -> Result<Commitment> {
    let id = resolve(store, prefix, false)?;
    get(store, &id)
}

/// The full id of the deleted commitment whose id starts with `prefix`.
pub fn resolve_deleted(store: &Store, prefix: &str) -> Result<String> {
    resolve(store, prefix, true)
}

fn resolve(store: &Store, prefix: &str, deleted: bool) -> Result<String> {
    let how =
        soft_delete::Lookup { deleted, also: "", list_command: "sanctuary commitment list", plural: "commitments" };
    soft_delete::resolve(store, ROWS, prefix, how)
}

/// Every live commitment, oldest cycle first, then soonest due (undated last), then oldest made.
pub fn list(store: &Store) -> Result<Vec<Commitment>> {
    let mut stmt = store.conn().prepare(&format!(
        "SELECT {COLUMNS} FROM commitment WHERE deleted_at IS NULL \
         ORDER BY cycle, due IS NULL, due, created_at, id"
    ))?;
    let out = stmt.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(out)
}

/// The register as the current cycle sees it: what it reports on, and what it promises.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Register {
    /// The current award cycle (0 before any renewal).
    pub cycle: i64,
    /// Commitments of the finished cycle carried into this one: the re-accreditation report.
    pub carried: Vec<Commitment>,
    /// Commitments made in this cycle, for the next three years.
    pub current: Vec<Commitment>,
}

impl Register {
    /// In a renewal cycle: a renewal has started at least once.
    pub fn is_renewal(&self) -> bool {
        self.cycle > 0
    }
}

/// The register of the current cycle.
pub fn register(store: &Store) -> Result<Register> {
    let cycle = current_cycle(store)?;
    let all = list(store)?;
    let (carried, rest): (Vec<_>, Vec<_>) = all.into_iter().partition(|c| c.carried_into == Some(cycle) && cycle > 0);
    let current = rest.into_iter().filter(|c| c.cycle == cycle).collect();
    Ok(Register { cycle, carried, current })
}

/// Inside a renewal's transaction: carries every commitment made before `new_cycle` and not yet
/// carried (deleted ones too, so that Undo brings one back into the report) into `new_cycle`, with an
/// empty outcome. Returns how many live ones were carried.
pub(crate) fn carry_into(tx: &rusqlite::Transaction, new_cycle: i64, now: DateTime<Utc>) -> Result<usize> {
    tx.execute(
        "UPDATE commitment SET carried_into = ?1, outcome = '', updated_at = ?2 \
         WHERE cycle < ?1 AND carried_into IS NULL",
        params![new_cycle, now.to_rfc3339()],
    )?;
    Ok(tx.query_row(
        "SELECT count(*) FROM commitment WHERE carried_into = ?1 AND deleted_at IS NULL",
        [new_cycle],
        |r| r.get::<_, i64>(0),
    )? as usize)
}
