//! Emptying a data folder's records before the demo is loaded, and deciding whether that may be done.
//!
//! This is the demo's one part that names tables itself, by design: it asks about and clears every
//! table of records at once, as a restore replaces them all, and no owner offers "forget everything".
//! Not for: making records; the demo makes those through the owners' calls (see the parent module).

use rusqlite::Transaction;

use super::DEMO_SETTING;
use crate::error::Result;
use crate::store::Store;

/// Tables the demo clears, children first.
const TABLES: &[&str] = &[
    "contribution_conflict", "contribution_import", "previous_award", "commitment",
    "evidence_criterion", "evidence", "blob", "action_criterion", "action_item", "feedback_suggestion", "feedback_import", "feedback_comment",
    "feedback_round", "journey_step", "narrative", "audit", "school", "field_draft",
];

/// True when the folder holds the demo (or nothing worth keeping).
pub fn is_replaceable(store: &Store) -> Result<bool> {
    if store.setting(DEMO_SETTING)?.as_deref() == Some("1") {
        return Ok(true);
    }
    let named: i64 = store.conn().query_row("SELECT count(*) FROM school WHERE name <> ''", [], |r| r.get(0))?;
    // Deleted items count too: they are the school's, and can still be brought back.
    let other: i64 = store.conn().query_row(
        "SELECT (SELECT count(*) FROM evidence) + (SELECT count(*) FROM action_item) + (SELECT count(*) FROM audit) \
         + (SELECT count(*) FROM commitment)",
        [],
        |r| r.get(0),
    )?;
    Ok(named == 0 && other == 0)
}

/// Deletes every record of the school inside the demo's transaction.
pub(super) fn clear(tx: &Transaction) -> Result<()> {
    for t in TABLES {
        tx.execute(&format!("DELETE FROM {t}"), [])?;
    }
    // With the previous awards gone, the demo is in no renewal cycle (the commitments read this).
    crate::store::Store::put_setting(tx, crate::commitments::CYCLE_SETTING, "0")?;
    Ok(())
}
