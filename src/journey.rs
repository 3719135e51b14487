//! The journey from pledge to award and renewal: which steps have happened, and when.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::store::Store;

/// The steps in order, as (key, label).
pub const STEPS: &[(&str, &str)] = &[
    ("pledge", "Pledge signed"),
    ("local_lead", "Linked to local lead"),
    ("audit", "Audit done"),
    ("action_plan", "Action plan written"),
    ("draft_sent", "Draft sent to local lead"),
    ("feedback", "Feedback received"),
    ("final_submitted", "Final application submitted"),
    ("panel", "Panel review"),
    ("visit", "Appraisal visit"),
    ("awarded", "Awarded"),
    ("renewal_due", "Renewal due"),
];

/// One step and its date, if it has happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    pub key: String,
    pub label: String,
    pub date: Option<NaiveDate>,
    pub note: String,
}

/// All steps in order, with what has been recorded.
pub fn steps(store: &Store) -> Result<Vec<Step>> {
    let mut stmt = store.conn().prepare("SELECT step, date, note FROM journey_step")?;
    let recorded: Vec<(String, Option<NaiveDate>, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(STEPS
        .iter()
        .map(|(key, label)| {
            let hit = recorded.iter().find(|(k, _, _)| k == key);
            Step {
                key: key.to_string(),
                label: label.to_string(),
                date: hit.and_then(|h| h.1),
                note: hit.map(|h| h.2.clone()).unwrap_or_default(),
            }
        })
        .collect())
}

/// The furthest step that has a date, or None before the pledge.
pub fn current(steps: &[Step]) -> Option<&Step> {
    steps.iter().rev().find(|s| s.date.is_some())
}
