//! What one export prints, composed from the owners' typed reads (school, framework, status,
//! journey, audit, plan, commitments, feedback, evidence) and read in one go.
//!
//! Not for: SQL. Every table is read by the module that owns it; this module only gathers what they
//! return, orders criteria the way the pages print them, and turns the exhibit references in the
//! school's texts into this export's labels.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::audit::Entry;
use crate::error::Result;
use crate::evidence::{Exhibit, Exhibits};
use crate::feedback::Round;
use crate::framework::Framework;
use crate::journey::{self, Step};
use crate::plan::Action;
use crate::school::School;
use crate::status::{self, Overview};
use crate::store::Store;

/// Everything one export needs.
pub(crate) struct Data {
    pub school: School,
    pub framework: Framework,
    pub overview: Overview,
    pub steps: Vec<Step>,
    /// Audit answers by criterion key, exhibit references shown as this export's labels.
    pub audit: BTreeMap<String, Entry>,
    /// The narrative by criterion key, exhibit references shown as this export's labels.
    pub narrative: BTreeMap<String, String>,
    /// Live actions, soonest due first; criteria in framework order.
    pub actions: Vec<Action>,
    /// The commitments register of the current cycle (carried ones and new ones).
    pub commitments: crate::commitments::Register,
    /// Live feedback rounds in the order they came.
    pub rounds: Vec<Round>,
    /// The appendix's exhibits, numbered; criteria in framework order.
    pub exhibits: Vec<Exhibit>,
    /// Titles of items left out because consent is missing.
    pub left_out: Vec<String>,
    /// The language the pages are written in; the framework above is already read in it.
    pub lang: crate::i18n::Lang,
    /// The award's words for itself and its people, in `lang` (for `Lang::v`).
    pub words: crate::i18n::Vocabulary,
    /// The award level applied for, in `lang`, when the framework has levels and one is chosen.
    pub award_level: Option<String>,
    /// Per criterion key, the answers to the latest draft review's comments, when the export was
    /// asked to list the changes since (empty otherwise).
    pub changes: BTreeMap<String, Vec<String>>,
}

/// The school's answers to the comments of the latest draft review, per criterion, in order: what
/// it changed since. Only the answers: the reviewer's own words stay in the feedback section.
pub(crate) fn changes_since_review(rounds: &[Round]) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let latest = rounds.iter().rev().find(|r| r.kind == crate::feedback::RoundKind::DraftReview);
    for c in latest.iter().flat_map(|r| &r.comments) {
        if let (Some(key), false) = (&c.criterion_key, c.response.trim().is_empty()) {
            out.entry(key.clone()).or_default().push(c.response.trim().to_string());
        }
    }
    out
}

/// Reads the school's records as of `today`; evidence without consent only when asked for.
pub(crate) fn load(store: &Store, today: NaiveDate, include_without_consent: bool) -> Result<Data> {
    let school = crate::school::find(store)?.unwrap_or_default();
    // As worded for this school: a schools framework's head is the nation's.
    let framework = crate::school::framework_as_worded(store)?;
    let overview = status::overview(store, today)?;
    let steps = journey::steps(store)?;

    let mut actions = crate::plan::list_all(store)?;
    for a in &mut actions {
        sort_keys(&framework, &mut a.criteria);
    }
    let commitments = crate::commitments::register(store)?;
    let rounds = crate::feedback::rounds_as_received(store)?;
    let Exhibits { list: mut exhibits, left_out } = crate::evidence::exhibits(store, include_without_consent)?;
    for x in &mut exhibits {
        sort_keys(&framework, &mut x.criteria);
    }

    // Exhibit references in the school's texts are numbered as this export numbers its exhibits.
    let numbers = exhibits.iter().map(|x| (x.id.as_str(), x.number)).collect();
    let label = |t: String| crate::references::to_labels(&t, &numbers, crate::references::MISSING);
    let mut audit = crate::audit::entries(store)?;
    for a in audit.values_mut() {
        a.already = label(std::mem::take(&mut a.already));
        a.gaps = label(std::mem::take(&mut a.gaps));
    }
    let narrative = crate::audit::narratives(store)?.into_iter().map(|(k, body)| (k, label(body))).collect();
    Ok(Data {
        school: school.clone(),
        overview,
        steps,
        audit,
        narrative,
        actions,
        commitments,
        rounds,
        exhibits,
        left_out,
        lang: crate::i18n::Lang::En,
        words: framework.vocabulary(crate::i18n::Lang::En),
        award_level: award_level(&framework, &school, crate::i18n::Lang::En),
        changes: BTreeMap::new(),
        framework,
    })
}

/// The school's award level in `lang`, if it is one of the framework's levels.
pub(crate) fn award_level(fw: &Framework, school: &School, lang: crate::i18n::Lang) -> Option<String> {
    let i = fw.award_levels.iter().position(|l| *l == school.award_level)?;
    fw.localized(lang).award_levels.get(i).cloned()
}

/// Criterion keys in framework order; unknown keys last, in key order. (Key order first, because
/// that is the order the pages have always printed keys that share a place.)
fn sort_keys(fw: &Framework, keys: &mut [String]) {
    keys.sort();
    keys.sort_by_key(|k| fw.criterion(k).map(|c| c.number).unwrap_or(u32::MAX));
}
