//! The action plan: what the school will do to close its gaps, for which criteria, by whom and when.
//!
//! Items are soft-deleted so the UI can offer Undo. "Overdue" means still open (planned or in
//! progress) with a due date before `today`. A new plan is offered a Refugee Week suggestion, since
//! nearly every school's year includes it.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::framework::Framework;
use crate::store::{soft_delete, Store};

/// Setting that records the user turned the Refugee Week suggestion down.
const SUGGESTION_DISMISSED: &str = "plan.refugee_week_dismissed";

const MAX_TEXT: usize = 5_000;

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "ActionStatus")]
pub enum Status {
    Planned,
    InProgress,
    Done,
    Dropped,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Planned, Status::InProgress, Status::Done, Status::Dropped];

    /// The value stored in the database (and sent to the UI).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }

    /// What people read.
    pub fn label(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::InProgress => "in progress",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }

    /// Still to be done (counts towards open and overdue).
    pub fn is_open(self) -> bool {
        matches!(self, Status::Planned | Status::InProgress)
    }

    /// Reads a status as typed (`in progress`, `in-progress`, `In_Progress` all work).
    pub fn parse(text: &str) -> Result<Status> {
        let t = text.trim().to_lowercase().replace([' ', '-'], "_");
        Status::ALL.into_iter().find(|s| s.as_str() == t).ok_or_else(|| {
            Error::rule("plan_status_unknown", [("value", text.into())], format!("`{text}` is not an action status; use one of: planned, in progress, done, dropped"))
        })
    }
}

/// One action as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ActionItem")]
pub struct Action {
    pub id: String,
    pub action: String,
    /// Criterion keys this action serves (at least one).
    pub criteria: Vec<String>,
    pub owner: String,
    pub partners: String,
    pub due_date: Option<NaiveDate>,
    pub status: Status,
    pub success_measure: String,
    pub notes: String,
    pub created_at: String,
    pub updated_at: String,
}

impl Action {
    /// Open and due before `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status.is_open() && self.due_date.is_some_and(|d| d < today)
    }

    /// The first 8 characters of the id: enough to name an item at the command line.
    pub fn short_id(&self) -> &str {
        &self.id[..self.id.len().min(8)]
    }
}

/// What the user fills in for a new action (or all fields of an edited one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename = "ActionDraft")]
pub struct Draft {
    pub action: String,
    pub criteria: Vec<String>,
    pub owner: String,
    pub partners: String,
    pub due_date: Option<NaiveDate>,
    pub status: Status,
    pub success_measure: String,
    pub notes: String,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            action: String::new(),
            criteria: Vec::new(),
            owner: String::new(),
            partners: String::new(),
            due_date: None,
            status: Status::Planned,
            success_measure: String::new(),
            notes: String::new(),
        }
    }
}

impl Draft {
    fn check(&self, fw: &Framework) -> Result<()> {
        if self.action.trim().is_empty() {
            return Err(Error::rule("action_empty", [], "say what the action is (the action text is empty)"));
        }
        if self.criteria.is_empty() {
            return Err(Error::rule("action_needs_criterion", [], "choose at least one criterion this action serves"));
        }
        for key in &self.criteria {
            if fw.criterion(key).is_none() {
                return Err(Error::rule("criterion_unknown", [("key", key.as_str().into())], format!("`{key}` is not a criterion of {}; choose from its list", fw.name)));
            }
        }
        for (name, text) in [
            ("action", &self.action),
            ("owner", &self.owner),
            ("partners", &self.partners),
            ("success measure", &self.success_measure),
            ("notes", &self.notes),
        ] {
            if text.chars().count() > MAX_TEXT {
                return Err(Error::rule(
            "text_too_long",
            [("max", (MAX_TEXT as i64).into())],
            format!("the {name} is longer than {MAX_TEXT} characters; shorten it"),
        ));
            }
        }
        Ok(())
    }
}

const COLUMNS: &str = "id, action, owner, partners, due_date, status, success_measure, notes, created_at, updated_at";

fn from_row(r: &Row) -> rusqlite::Result<Action> {
    let status: String = r.get(5)?;
    Ok(Action {
        id: r.get(0)?,
        action: r.get(1)?,
        criteria: Vec::new(),
        owner: r.get(2)?,
        partners: r.get(3)?,
        due_date: r.get(4)?,
        // The CHECK constraint keeps the column to the four values.
        status: Status::parse(&status).unwrap_or(Status::Planned),
        success_measure: r.get(6)?,
        notes: r.get(7)?,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
    })
}

fn criteria_of(store: &Store, id: &str) -> Result<Vec<String>> {
    let mut stmt =
        store.conn().prepare("SELECT criterion_key FROM action_criterion WHERE action_id = ?1 ORDER BY rowid")?;
    let keys = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(keys)
}

/// The criteria of every action, by action id, each list in the order they were chosen.
fn all_criteria(store: &Store) -> Result<std::collections::HashMap<String, Vec<String>>> {
    let mut stmt = store.conn().prepare_cached("SELECT action_id, criterion_key FROM action_criterion ORDER BY rowid")?;
    let mut by_action: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (id, key) = row?;
        by_action.entry(id).or_default().push(key);
    }
    Ok(by_action)
}

fn write_criteria(tx: &rusqlite::Transaction, id: &str, keys: &[String]) -> Result<()> {
    tx.execute("DELETE FROM action_criterion WHERE action_id = ?1", [id])?;
    for k in keys {
        tx.execute(
            "INSERT OR IGNORE INTO action_criterion (action_id, criterion_key) VALUES (?1, ?2)",
            params![id, k],
        )?;
    }
    Ok(())
}

/// Adds an action; criteria must belong to `fw` (the active framework).
pub fn add(store: &mut Store, fw: &Framework, draft: &Draft, now: DateTime<Utc>) -> Result<Action> {
    draft.check(fw)?;
    let id = uuid::Uuid::new_v4().to_string();
    let stamp = now.to_rfc3339();
    store.write(|tx| {
        tx.execute(
            &format!("INSERT INTO action_item ({COLUMNS}) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?9)"),
            params![
                id,
                draft.action,
                draft.owner,
                draft.partners,
                draft.due_date,
                draft.status.as_str(),
                draft.success_measure,
                draft.notes,
                stamp
            ],
        )?;
        write_criteria(tx, &id, &draft.criteria)
    })?;
    get(store, &id)
}

/// Saves every field of action `id` (the UI autosaves the whole item).
pub fn update(store: &mut Store, fw: &Framework, id: &str, draft: &Draft, now: DateTime<Utc>) -> Result<Action> {
    draft.check(fw)?;
    store.write(|tx| {
        let n = tx.execute(
            "UPDATE action_item SET action=?2, owner=?3, partners=?4, due_date=?5, status=?6, success_measure=?7, \
             notes=?8, updated_at=?9 WHERE id=?1 AND deleted_at IS NULL",
            params![
                id,
                draft.action,
                draft.owner,
                draft.partners,
                draft.due_date,
                draft.status.as_str(),
                draft.success_measure,
                draft.notes,
                now.to_rfc3339()
            ],
        )?;
        if n == 0 {
            return Err(Error::NotFound { what: "action", id: id.to_string() });
        }
        write_criteria(tx, id, &draft.criteria)
    })?;
    get(store, id)
}

/// Changes only the status of action `id`.
pub fn set_status(store: &mut Store, id: &str, status: Status, now: DateTime<Utc>) -> Result<Action> {
    store.write(|tx| {
        let n = tx.execute(
            "UPDATE action_item SET status = ?2, updated_at = ?3 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, status.as_str(), now.to_rfc3339()],
        )?;
        if n == 0 {
            return Err(Error::NotFound { what: "action", id: id.to_string() });
        }
        Ok(())
    })?;
    get(store, id)
}

/// The plan's rows for the shared soft delete and id lookup.
const ROWS: soft_delete::Rows = soft_delete::Rows { table: "action_item", what: "action", deleted_what: "deleted action" };

/// Deletes action `id` in a way [`undo_delete`] can reverse.
pub fn delete(store: &mut Store, id: &str, now: DateTime<Utc>) -> Result<()> {
    soft_delete::delete(store, ROWS, id, now)
}

/// Brings back a deleted action.
pub fn undo_delete(store: &mut Store, id: &str) -> Result<Action> {
    soft_delete::undo(store, ROWS, id, None)?;
    get(store, id)
}

/// A live action by id.
pub fn get(store: &Store, id: &str) -> Result<Action> {
    let found = store
        .conn()
        .query_row(&format!("SELECT {COLUMNS} FROM action_item WHERE id = ?1 AND deleted_at IS NULL"), [id], from_row)
        .optional()?;
    let mut a = found.ok_or_else(|| Error::NotFound { what: "action", id: id.to_string() })?;
    a.criteria = criteria_of(store, id)?;
    Ok(a)
}

/// The live action whose id starts with `prefix` (as typed at the command line).
pub fn find_by_prefix(store: &Store, prefix: &str) -> Result<Action> {
    let id = resolve(store, prefix, false)?;
    get(store, &id)
}

/// The full id of the deleted action whose id starts with `prefix`.
pub fn resolve_deleted(store: &Store, prefix: &str) -> Result<String> {
    resolve(store, prefix, true)
}

fn resolve(store: &Store, prefix: &str, deleted: bool) -> Result<String> {
    let how = soft_delete::Lookup { deleted, also: "", list_command: "sanctuary plan list", plural: "actions" };
    soft_delete::resolve(store, ROWS, prefix, how)
}

/// Which actions to show.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename = "PlanFilter")]
pub struct Filter {
    pub status: Option<Status>,
    pub criterion: Option<String>,
    /// Case-insensitive substring of the owner.
    pub owner: Option<String>,
    pub overdue_only: bool,
}

/// Live actions that pass `filter`, in the order of [`list_all`].
pub fn list(store: &Store, filter: &Filter, today: NaiveDate) -> Result<Vec<Action>> {
    let mut out = list_all(store)?;
    out.retain(|a| {
        !(filter.status.is_some_and(|s| s != a.status)
            || filter.criterion.as_ref().is_some_and(|k| !a.criteria.contains(k))
            || filter.owner.as_ref().is_some_and(|o| !a.owner.to_lowercase().contains(&o.trim().to_lowercase()))
            || (filter.overdue_only && !a.is_overdue(today)))
    });
    Ok(out)
}

/// Every live action, soonest due first (undated last), then oldest first; each with its criteria
/// in the order they were chosen.
pub fn list_all(store: &Store) -> Result<Vec<Action>> {
    let mut stmt = store.conn().prepare(&format!(
        "SELECT {COLUMNS} FROM action_item WHERE deleted_at IS NULL \
         ORDER BY due_date IS NULL, due_date, created_at, id"
    ))?;
    let mut out: Vec<Action> = stmt.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    // Every action's criteria in one more query, not one query per action.
    let mut criteria = all_criteria(store)?;
    for a in &mut out {
        a.criteria = criteria.remove(&a.id).unwrap_or_default();
    }
    Ok(out)
}

/// A heading and the actions under it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ActionGroup")]
pub struct Group {
    /// Strand key, or `YYYY-MM`, or "" for actions with no due date.
    pub key: String,
    pub label: String,
    pub actions: Vec<Action>,
}

/// Groups by strand in the framework's order. Each action is one row, under the strand of its
/// first criterion in the framework's order, with all its criteria shown on the row: an action
/// listed under two strands read as two actions, each with its own controls. Actions whose
/// criteria are all outside `fw` (kept from another wording) come last, under "Other".
pub fn by_strand(fw: &Framework, actions: &[Action]) -> Vec<Group> {
    let home = |a: &Action| {
        a.criteria.iter().filter_map(|k| fw.criterion(k)).min_by_key(|c| c.number).map(|c| c.strand.clone())
    };
    let homes: Vec<Option<String>> = actions.iter().map(home).collect();
    let mut groups: Vec<Group> = fw
        .strands
        .iter()
        .map(|s| Group {
            key: s.key.clone(),
            label: s.name.clone(),
            actions: actions
                .iter()
                .zip(&homes)
                .filter(|(_, h)| h.as_deref() == Some(s.key.as_str()))
                .map(|(a, _)| a.clone())
                .collect(),
        })
        .collect();
    let other: Vec<Action> = actions.iter().zip(&homes).filter(|(_, h)| h.is_none()).map(|(a, _)| a.clone()).collect();
    if !other.is_empty() {
        groups.push(Group {
            key: "other".into(),
            label: "Other (criteria not in this framework)".into(),
            actions: other,
        });
    }
    groups.retain(|g| !g.actions.is_empty());
    groups
}

/// Groups by the month the action is due, in date order; undated actions come last.
pub fn by_month(actions: &[Action]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut sorted: Vec<&Action> = actions.iter().collect();
    sorted.sort_by_key(|a| (a.due_date.is_none(), a.due_date));
    for a in sorted {
        let (key, label) = match a.due_date {
            Some(d) => (format!("{:04}-{:02}", d.year(), d.month()), d.format("%B %Y").to_string()),
            None => (String::new(), "No due date".to_string()),
        };
        match groups.last_mut() {
            Some(g) if g.key == key => g.actions.push(a.clone()),
            _ => groups.push(Group { key, label, actions: vec![a.clone()] }),
        }
    }
    groups
}

/// Suggestions for an empty plan: Refugee Week (mid-June), unless the user dismissed it or the plan
/// already has an item. Accepting one is an ordinary [`add`] of the draft.
pub fn suggestions(store: &Store, fw: &Framework, today: NaiveDate) -> Result<Vec<Draft>> {
    let live: i64 =
        store.conn().query_row("SELECT count(*) FROM action_item WHERE deleted_at IS NULL", [], |r| r.get(0))?;
    if live > 0 || store.setting(SUGGESTION_DISMISSED)?.as_deref() == Some("1") {
        return Ok(Vec::new());
    }
    let start = refugee_week_start(today);
    // The celebrations criterion in the schools frameworks; for imported ones, one whose title speaks
    // of celebrating, else the first criterion (the user can change it before accepting).
    let criterion = fw
        .criterion("celebration-events")
        .or_else(|| fw.criteria.iter().find(|c| c.title.to_lowercase().contains("celebrat")))
        .or_else(|| fw.criteria.first())
        .map(|c| c.key.clone());
    Ok(vec![Draft {
        action: format!("Celebrate Refugee Week (week of {})", start.format("%-d %B %Y")),
        criteria: criterion.into_iter().collect(),
        due_date: Some(start),
        success_measure: "Every class takes part; families and a local refugee group are invited".into(),
        ..Draft::default()
    }])
}

/// Records that the user does not want the suggestions.
pub fn dismiss_suggestions(store: &mut Store) -> Result<()> {
    store.write(|tx| Store::put_setting(tx, SUGGESTION_DISMISSED, "1"))
}

/// Refugee Week runs in mid-June; this suggests the Monday on or after 15 June of the coming June.
pub fn refugee_week_start(today: NaiveDate) -> NaiveDate {
    let year = if today.month() > 6 { today.year() + 1 } else { today.year() };
    let mut d = NaiveDate::from_ymd_opt(year, 6, 15).expect("15 June exists");
    while d.weekday() != chrono::Weekday::Mon {
        d = d.succ_opt().expect("June has days");
    }
    d
}
