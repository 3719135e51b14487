//! Many evidence items changed in one step: consent, criteria added or taken away, one caption, or a
//! title from a pattern ("Refugee Week {n}"), for the tiles chosen on the Evidence screen.
//!
//! One call is one transaction (all the items change, or none do), and it answers with what the
//! items were before, which [`undo`] puts back in one more transaction: one step, one undo.
//! Not for: editing one item's every field (see `evidence::update`), nor hidden areas.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{query, Consent};
use crate::error::{Error, Result};
use crate::framework::Framework;
use crate::store::Store;

/// What to change on every chosen item; fields left empty (None, or no keys) are not changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename = "EvidenceBulkEdit")]
pub struct BulkEdit {
    /// The items, by id, in any order (they are titled in exhibit order).
    pub ids: Vec<String>,
    /// The consent to record on every item.
    pub consent: Option<Consent>,
    /// Criterion keys each item gains (kept if it has them already).
    pub add_criteria: Vec<String>,
    /// Criterion keys each item loses.
    pub remove_criteria: Vec<String>,
    /// The caption every item gets ("" clears them).
    pub caption: Option<String>,
    /// The title every item gets; `{n}` in it is the item's place among the chosen ones in exhibit
    /// order, counting from 1 ("Refugee Week {n}": Refugee Week 1, Refugee Week 2, …).
    pub title: Option<String>,
}

/// One item's fields as they were before a bulk edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "EvidenceBefore")]
pub struct Before {
    pub id: String,
    pub title: String,
    pub caption: String,
    pub consent: Consent,
    pub criteria: Vec<String>,
}

/// What [`undo`] needs to reverse one bulk edit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "EvidenceBulkUndo")]
pub struct BulkUndo {
    pub items: Vec<Before>,
}

/// The title pattern's item number.
const NUMBER: &str = "{n}";

/// The title the `index`th chosen item (from 0) gets from `pattern`.
pub fn numbered_title(pattern: &str, index: usize) -> String {
    pattern.replace(NUMBER, &(index + 1).to_string()).trim().to_string()
}

/// Applies `edit` to its items in one transaction; criterion keys must belong to `fw`. Answers
/// with what the items were, for [`undo`]. A missing or deleted item refuses the whole edit.
pub fn apply(store: &mut Store, fw: &Framework, edit: &BulkEdit, now: DateTime<Utc>) -> Result<BulkUndo> {
    if edit.ids.is_empty() {
        return Err(Error::rule("bulk_none_chosen", [], "choose at least one item to change"));
    }
    for key in edit.add_criteria.iter().chain(&edit.remove_criteria) {
        if fw.criterion(key).is_none() {
            return Err(Error::rule(
                "evidence_unknown_criterion",
                [("key", key.as_str().into())],
                format!("`{key}` is not a criterion of {}; choose from its list", fw.name),
            ));
        }
    }
    if let Some(pattern) = &edit.title {
        if numbered_title(pattern, 0).is_empty() {
            return Err(Error::rule("evidence_needs_title", [], "an evidence item needs a title"));
        }
    }
    let chosen = chosen_in_order(store, &edit.ids)?;
    let stamp = now.to_rfc3339();
    store.write(|tx| {
        for (i, before) in chosen.iter().enumerate() {
            let title = edit.title.as_deref().map(|p| numbered_title(p, i));
            tx.execute(
                "UPDATE evidence SET title = coalesce(?2, title), caption = coalesce(?3, caption), \
                 consent = coalesce(?4, consent), updated_at = ?5 WHERE id = ?1 AND deleted_at IS NULL",
                params![before.id, title, edit.caption, edit.consent, stamp],
            )?;
            for key in &edit.add_criteria {
                tx.execute(
                    "INSERT OR IGNORE INTO evidence_criterion (evidence_id, criterion_key) VALUES (?1, ?2)",
                    params![before.id, key],
                )?;
            }
            for key in &edit.remove_criteria {
                tx.execute(
                    "DELETE FROM evidence_criterion WHERE evidence_id = ?1 AND criterion_key = ?2",
                    params![before.id, key],
                )?;
            }
        }
        Ok(())
    })?;
    Ok(BulkUndo { items: chosen })
}

/// Puts back what a bulk edit changed, in one transaction. Items deleted since are left as they are.
pub fn undo(store: &mut Store, undo: &BulkUndo, now: DateTime<Utc>) -> Result<()> {
    let stamp = now.to_rfc3339();
    store.write(|tx| {
        for b in &undo.items {
            let n = tx.execute(
                "UPDATE evidence SET title = ?2, caption = ?3, consent = ?4, updated_at = ?5 WHERE id = ?1 AND deleted_at IS NULL",
                params![b.id, b.title, b.caption, b.consent, stamp],
            )?;
            if n == 0 {
                continue;
            }
            tx.execute("DELETE FROM evidence_criterion WHERE evidence_id = ?1", [&b.id])?;
            for key in &b.criteria {
                tx.execute(
                    "INSERT OR IGNORE INTO evidence_criterion (evidence_id, criterion_key) VALUES (?1, ?2)",
                    params![b.id, key],
                )?;
            }
        }
        Ok(())
    })
}

/// The chosen live items as they are now, in exhibit order; any id that is not a live item refuses.
fn chosen_in_order(store: &Store, ids: &[String]) -> Result<Vec<Before>> {
    let wanted: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
    // One listing (in exhibit order) rather than a lookup per id: a few thousand chosen tiles stay
    // one query.
    let found: Vec<Before> = query(store, "e.deleted_at IS NULL", None, [])?
        .into_iter()
        .filter(|it| wanted.contains(it.id.as_str()))
        .map(|it| Before { id: it.id, title: it.title, caption: it.caption, consent: it.consent, criteria: it.criteria })
        .collect();
    if found.len() < wanted.len() {
        let missing = ids.iter().find(|id| !found.iter().any(|b| &b.id == *id)).cloned().unwrap_or_default();
        return Err(Error::NotFound { what: "evidence item", id: missing });
    }
    Ok(found)
}
