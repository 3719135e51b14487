//! Where the school stands: per criterion, the audit level, how much evidence supports it and how many
//! actions are still open. The CLI's `status`, the readiness screen and the portfolio overview read it.

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Result;
use crate::framework::Framework;
use crate::store::Store;

/// One criterion's standing.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CriterionStatus {
    pub key: String,
    pub number: u32,
    pub strand: String,
    pub title: String,
    pub level: usize,
    pub level_label: String,
    /// Evidence items tagged with this criterion that are in the portfolio (the export's rule,
    /// `evidence::in_portfolio`: an item without consent is not evidence yet).
    pub evidence: usize,
    /// Actions serving this criterion that are planned or in progress.
    pub open_actions: usize,
    /// Open actions whose due date has passed.
    pub overdue_actions: usize,
}

/// The whole picture.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Overview {
    pub school_name: String,
    pub framework_id: String,
    pub framework_label: String,
    pub journey_step: Option<String>,
    pub criteria: Vec<CriterionStatus>,
}

/// Builds the overview as of `today` (which decides what is overdue).
pub fn overview(store: &Store, today: NaiveDate) -> Result<Overview> {
    let fw: Framework = crate::school::framework(store)?;
    let school = crate::school::find(store)?;
    let steps = crate::journey::steps(store)?;
    let levels = crate::audit::entries(store)?;
    let evidence = crate::evidence::counts_by_criterion(store)?;
    let actions = crate::plan::list_all(store)?;
    let mut criteria = Vec::with_capacity(fw.criteria.len());
    for c in &fw.criteria {
        let level = levels.get(&c.key).map_or(0, |e| e.level);
        let open = || actions.iter().filter(|a| a.status.is_open() && a.criteria.contains(&c.key));
        criteria.push(CriterionStatus {
            key: c.key.clone(),
            number: c.number,
            strand: c.strand.clone(),
            title: c.title.clone(),
            level,
            level_label: fw.level_label(level).to_string(),
            evidence: evidence.get(&c.key).copied().unwrap_or(0),
            open_actions: open().count(),
            overdue_actions: open().filter(|a| a.is_overdue(today)).count(),
        });
    }
    Ok(Overview {
        school_name: school.map(|s| s.name).unwrap_or_default(),
        framework_id: fw.id.clone(),
        framework_label: format!("{} ({})", fw.name, fw.wording),
        journey_step: crate::journey::current(&steps).map(|s| s.label.clone()),
        criteria,
    })
}
