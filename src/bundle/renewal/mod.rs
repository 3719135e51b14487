//! Renewal: the award lasts three years, and the coordinator who renews is often not the one who won it.
//!
//! Starting a renewal keeps everything (school, evidence library, audit, narratives, action plan) and
//! files the application as it stood as a `previous_award` record (a JSON snapshot that the new cycle
//! can read and the portfolio can cite). It then resets the journey for the new cycle: the local-lead
//! link stays, every other step (pledge, audit … awarded, renewal due) is cleared, and the settings
//! `renewal.cycle` / `renewal.previous_award` mark the data folder as a renewal. The pledge is signed
//! again for each cycle, so the school's pledge date is cleared too, and readiness asks for a new one
//! later than the previous award. The commitments made for the finished cycle are carried into the
//! new one (see `commitments`): the re-accreditation report says what happened to each.
//! A new coordinator usually starts from an old backup: restore it, then start the renewal.

mod record;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::Store;

/// Journey steps that survive into the new cycle; every other step is reset. The pledge is not among
/// them: a school renewing signs it again.
const KEPT_STEPS: &[&str] = &["local_lead"];

/// Setting holding the renewal cycle number (1 = first renewal).
pub const CYCLE_SETTING: &str = crate::commitments::CYCLE_SETTING;
/// Setting holding the id of the `previous_award` the current cycle renews.
pub const PREVIOUS_SETTING: &str = "renewal.previous_award";

/// A finished award cycle.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviousAward {
    pub id: String,
    pub cycle: i64,
    pub awarded_on: Option<NaiveDate>,
    pub framework_id: String,
    pub school_name: String,
    pub renewal_started_at: String,
}

/// Starts a renewal cycle. `awarded_on` is needed only when the journey has no award date;
/// `coordinator`, when given, becomes the school's coordinator.
pub fn start(
    store: &mut Store,
    awarded_on: Option<NaiveDate>,
    coordinator: Option<&str>,
    now: DateTime<Utc>,
) -> Result<PreviousAward> {
    let school = crate::school::find(store)?
        .filter(|s| !s.name.is_empty())
        .ok_or_else(|| {
            Error::rule(
                "renewal_no_school",
                [],
                "there is no school here to renew; restore the old backup first (sanctuary renewal start --from FILE)",
            )
        })?;
    let steps = crate::journey::steps(store)?;
    let recorded = steps.iter().find(|s| s.key == "awarded").and_then(|s| s.date);
    let awarded_on = awarded_on.or(recorded).ok_or_else(|| {
        Error::rule(
            "renewal_no_award_date",
            [],
            "no award date is recorded; give the date on the award letter (--awarded-on YYYY-MM-DD)",
        )
    })?;
    let already: Option<String> = {
        use rusqlite::OptionalExtension;
        store
            .conn()
            .query_row(
                "SELECT renewal_started_at FROM previous_award WHERE awarded_on = ?1",
                [awarded_on],
                |r| r.get(0),
            )
            .optional()?
    };
    if let Some(when) = already {
        return Err(Error::rule(
            "renewal_already_started",
            [("awarded", awarded_on.to_string().into()), ("when", when.as_str().into())],
            format!("a renewal from the award of {awarded_on} was already started ({when}); nothing was changed"),
        ));
    }
    let record = record::as_it_stands(store)?;
    let conn = store.conn();
    let cycle: i64 = conn.query_row("SELECT count(*) FROM previous_award", [], |r| r.get::<_, i64>(0))? + 1;
    let award = PreviousAward {
        id: uuid::Uuid::new_v4().to_string(),
        cycle,
        awarded_on: Some(awarded_on),
        framework_id: school.framework_id.clone(),
        school_name: school.name.clone(),
        renewal_started_at: now.to_rfc3339(),
    };
    let coordinator = coordinator.map(str::trim).filter(|c| !c.is_empty()).map(str::to_string);
    store.write(|tx| {
        tx.execute(
            "INSERT INTO previous_award (id, cycle, awarded_on, framework_id, school_name, renewal_started_at, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![award.id, award.cycle, award.awarded_on, award.framework_id, award.school_name, award.renewal_started_at, record.to_string()],
        )?;
        crate::journey::clear_steps_except(tx, KEPT_STEPS)?;
        crate::school::clear_pledge_date(tx, now)?;
        crate::commitments::carry_into(tx, cycle, now)?;
        Store::put_setting(tx, CYCLE_SETTING, &cycle.to_string())?;
        Store::put_setting(tx, PREVIOUS_SETTING, &award.id)?;
        if let Some(name) = &coordinator {
            crate::school::set_coordinator(tx, name, now)?;
        }
        Ok(())
    })?;
    Ok(award)
}

/// The award the current cycle renews, once a renewal has started.
pub fn renewing(store: &Store) -> Result<Option<PreviousAward>> {
    let Some(id) = store.setting(PREVIOUS_SETTING)? else { return Ok(None) };
    Ok(previous_awards(store)?.into_iter().find(|a| a.id == id))
}

/// Finished cycles, newest first.
pub fn previous_awards(store: &Store) -> Result<Vec<PreviousAward>> {
    let mut stmt = store.conn().prepare(
        "SELECT id, cycle, awarded_on, framework_id, school_name, renewal_started_at FROM previous_award ORDER BY cycle DESC",
    )?;
    let v = stmt
        .query_map([], |r| {
            Ok(PreviousAward {
                id: r.get(0)?,
                cycle: r.get(1)?,
                awarded_on: r.get(2)?,
                framework_id: r.get(3)?,
                school_name: r.get(4)?,
                renewal_started_at: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

/// The snapshot filed when the renewal started (school, journey, audit, narratives, actions, evidence,
/// and, from schema 11 on, commitments).
pub fn previous_record(store: &Store, id: &str) -> Result<serde_json::Value> {
    use rusqlite::OptionalExtension;
    let text: Option<String> = store
        .conn()
        .query_row("SELECT record FROM previous_award WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    let text = text.ok_or_else(|| Error::NotFound {
        what: "previous award",
        id: id.to_string(),
    })?;
    // internal: the record was written by `start`; only a damaged database fails here.
    serde_json::from_str(&text).map_err(|e| Error::Invalid(format!("the previous award record is damaged ({e})")))
}
