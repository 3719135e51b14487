//! The journey from pledge to award and renewal: which steps have happened, and when.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "JourneyStep")]
pub struct Step {
    pub key: String,
    pub label: String,
    pub date: Option<NaiveDate>,
    pub note: String,
}

/// All steps in order, with what has been recorded.
///
/// The pledge date is also asked for on the school's profile; when the journey has no date of its own
/// for the pledge, the profile's date is shown, so the coordinator never has to type it twice.
pub fn steps(store: &Store) -> Result<Vec<Step>> {
    let mut stmt = store.conn().prepare("SELECT step, date, note FROM journey_step")?;
    let mut recorded: Vec<(String, Option<NaiveDate>, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    if let Some(pledged) = crate::school::find(store)?.and_then(|s| s.pledge_date) {
        match recorded.iter_mut().find(|(k, _, _)| k == "pledge") {
            Some((_, date @ None, _)) => *date = Some(pledged),
            Some(_) => {}
            None => recorded.push(("pledge".into(), Some(pledged), String::new())),
        }
    }
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

/// How long an award lasts before the school renews it.
pub const AWARD_YEARS: u32 = 3;

/// How far ahead the app starts saying that renewal is coming (renewal takes a year's evidence).
pub const RENEWAL_WARNING_MONTHS: u32 = 6;

/// Records (or with `date: None`, clears) the date and note of step `key`.
///
/// "Renewal due" cannot be set: it is computed from the award date, so it cannot drift from it.
pub fn set_step(store: &mut Store, key: &str, date: Option<NaiveDate>, note: &str) -> Result<Step> {
    if key == "renewal_due" {
        return Err(Error::rule(
            "renewal_due_not_settable",
            [],
            "the renewal date is worked out from the award date; set the \"Awarded\" step instead",
        ));
    }
    let Some((_, label)) = STEPS.iter().find(|(k, _)| *k == key) else {
        let keys: Vec<&str> = STEPS.iter().map(|(k, _)| *k).filter(|k| *k != "renewal_due").collect();
        return Err(Error::rule(
            "journey_step_unknown",
            [("key", key.into()), ("choices", keys.join(", ").into())],
            format!("there is no journey step `{key}`; use one of: {}", keys.join(", ")),
        ));
    };
    if note.chars().count() > 5_000 {
        return Err(Error::rule("text_too_long", [("max", 5000i64.into())], "the note is longer than 5,000 characters; shorten it"));
    }
    store.write(|tx| {
        tx.execute(
            "INSERT INTO journey_step (step, date, note) VALUES (?1, ?2, ?3) \
             ON CONFLICT(step) DO UPDATE SET date = excluded.date, note = excluded.note",
            rusqlite::params![key, date, note],
        )?;
        Ok(())
    })?;
    Ok(Step { key: key.to_string(), label: label.to_string(), date, note: note.to_string() })
}

/// Clears every step but `kept` inside a caller's transaction: a renewal starts the journey again.
pub(crate) fn clear_steps_except(tx: &rusqlite::Transaction, kept: &[&str]) -> Result<()> {
    let kept: Vec<String> = kept.iter().map(|s| format!("'{}'", s.replace('\'', "''"))).collect();
    tx.execute(&format!("DELETE FROM journey_step WHERE step NOT IN ({})", kept.join(", ")), [])?;
    Ok(())
}

/// The date renewal is due for an award made on `awarded`: three years on. An award on 29 February
/// is due on 28 February (the last day of that month), never in March.
pub fn renewal_due_on(awarded: NaiveDate) -> NaiveDate {
    awarded
        .checked_add_months(chrono::Months::new(AWARD_YEARS * 12))
        .expect("three years after a real date is a real date")
}

/// Where the award stands against its renewal date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Renewal {
    pub awarded_on: NaiveDate,
    pub due_on: NaiveDate,
    /// Days from `today` to `due_on`; negative once it has passed.
    pub days_left: i64,
    /// Whole months left (0 in the last month, negative once passed), for "renewal in 5 months".
    pub months_left: i64,
    /// Within [`RENEWAL_WARNING_MONTHS`] of the due date (or past it).
    pub due_soon: bool,
    pub overdue: bool,
    /// A sentence for the screen, e.g. "Renewal due on 28 February 2027: in 5 months (97 days)".
    pub message: String,
}

/// The renewal picture once the "Awarded" step has a date; None before the award.
pub fn renewal(steps: &[Step], today: NaiveDate) -> Option<Renewal> {
    let awarded_on = steps.iter().find(|s| s.key == "awarded")?.date?;
    let due_on = renewal_due_on(awarded_on);
    let days_left = (due_on - today).num_days();
    let warn_from = due_on
        .checked_sub_months(chrono::Months::new(RENEWAL_WARNING_MONTHS))
        .expect("six months before a real date is a real date");
    let months_left = months_between(today, due_on);
    let overdue = days_left < 0;
    let due_soon = today >= warn_from;
    let when = due_on.format("%-d %B %Y");
    let message = if overdue {
        format!("Renewal was due on {when}, {} days ago: start the renewal with your local lead", -days_left)
    } else if days_left == 0 {
        format!("Renewal is due today ({when})")
    } else if months_left >= 1 {
        format!("Renewal due on {when}: in {months_left} month{} ({days_left} days)", if months_left == 1 { "" } else { "s" })
    } else {
        format!("Renewal due on {when}: in {days_left} day{}", if days_left == 1 { "" } else { "s" })
    };
    Some(Renewal { awarded_on, due_on, days_left, months_left, due_soon, overdue, message })
}

/// Whole calendar months from `from` to `to` (rounded towards zero).
fn months_between(from: NaiveDate, to: NaiveDate) -> i64 {
    use chrono::Datelike;
    let mut m = (to.year() as i64 - from.year() as i64) * 12 + to.month() as i64 - from.month() as i64;
    if m > 0 && to.day() < from.day() {
        m -= 1;
    } else if m < 0 && to.day() > from.day() {
        m += 1;
    }
    m
}
