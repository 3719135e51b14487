//! Readiness for submission: per criterion what `status` shows plus open feedback and the narrative,
//! coverage per strand (for the chart), and a plain list of what is still missing.
//!
//! The rules are deliberately simple and explainable: a panel judges each criterion on its own, so each
//! criterion needs evidence, an audit judgement and a narrative; overdue actions and unanswered
//! feedback are things a local lead will ask about; the framework's pledge criterion (criterion 6 in the
//! schools frameworks) needs a pledge date, which in a renewal cycle must be later than the award being
//! renewed; an application over the framework's page limit, if it has one, is too long.

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Result;
use crate::status::{self, CriterionStatus};
use crate::store::Store;

/// One criterion's readiness.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CriterionReadiness {
    #[serde(flatten)]
    pub status: CriterionStatus,
    /// Improvements and questions in open rounds without a response.
    pub open_feedback: usize,
    pub has_narrative: bool,
    pub narrative_words: usize,
    /// Nothing missing for this criterion.
    pub ready: bool,
}

/// How far one strand has got; the coverage chart draws these.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StrandCoverage {
    pub key: String,
    pub name: String,
    pub criteria: usize,
    pub with_evidence: usize,
    /// Criteria whose audit is past the lowest level.
    pub audited: usize,
    pub with_narrative: usize,
    pub ready: usize,
}

/// One thing still to do before submitting.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Gap {
    /// Stable code for the UI: no_evidence, audit_not_started, narrative_empty, overdue_actions,
    /// unanswered_feedback, no_pledge_date, pledge_again (a renewal's pledge not yet signed again; `date`
    /// is the award renewed), no_school_name, too_long, unreadable_document, objects_not_shown (a
    /// document whose reading copy shows embedded objects only as a note; `count`), photo_only_file_name
    /// (a photo described only by its file name, `file`; `title`).
    pub code: &'static str,
    pub criterion_key: Option<String>,
    pub criterion_number: Option<u32>,
    /// The file a gap is about (unreadable_document), for the window to name it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub file: Option<String>,
    /// The numbers the window's wording of `code` needs beyond the criterion's own (a count of
    /// comments; the words, pages and limit of a long application).
    pub params: crate::error::Params,
    /// The English sentence (the CLI prints it; the window words the gap from `code` instead).
    pub message: String,
}

/// The readiness picture.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Readiness {
    pub school_name: String,
    pub framework_label: String,
    pub criteria: Vec<CriterionReadiness>,
    pub strands: Vec<StrandCoverage>,
    pub missing: Vec<Gap>,
    pub renewal: Option<crate::journey::Renewal>,
    /// Words across all criteria's application text, and the pages they will take, roughly.
    pub application_words: usize,
    pub estimated_pages: usize,
    /// The framework's page limit for the application, if it sets one.
    pub page_limit: Option<usize>,
}

/// Works out readiness as of `today`.
pub fn report(store: &Store, today: NaiveDate) -> Result<Readiness> {
    let overview = status::overview(store, today)?;
    let fw = crate::school::framework(store)?;
    let school = crate::school::find(store)?;
    let steps = crate::journey::steps(store)?;
    let open_feedback = crate::feedback::needing_answer(store, None)?;
    let mut missing = Vec::new();
    if school.as_ref().is_none_or(|s| s.name.trim().is_empty()) {
        missing.push(Gap {
            code: "no_school_name",
            criterion_key: None,
            criterion_number: None,
            file: None,
            params: Default::default(),
            message: "The school's name is not filled in (School details)".into(),
        });
    }
    // `steps` already falls back to the profile's pledge date.
    let pledge_date = steps.iter().find(|s| s.key == "pledge").and_then(|s| s.date);
    let pledged = pledge_date.is_some();
    // In a renewal cycle the pledge is signed again: only a date after the award being renewed counts.
    let renewing = crate::bundle::renewal::renewing(store)?.and_then(|a| a.awarded_on);
    let pledge_again = renewing.filter(|awarded| pledge_date.is_none_or(|p| p <= *awarded));
    let pledge_again_gap = |key: Option<String>, number: Option<u32>, awarded: NaiveDate| Gap {
        code: "pledge_again",
        criterion_key: key,
        criterion_number: number,
        file: None,
        params: crate::error::Params::from([("date".to_string(), awarded.to_string().into())]),
        message: format!(
            "Sign the pledge again: record a pledge date after the award of {} (School details or Journey)",
            awarded.format("%-d %B %Y")
        ),
    };
    if let Some(awarded) = pledge_again.filter(|_| fw.pledge_criterion().is_none()) {
        missing.push(pledge_again_gap(None, None, awarded));
    }
    let mut criteria = Vec::with_capacity(overview.criteria.len());
    for c in overview.criteria {
        let n = c.number;
        let feedback = open_feedback.iter().filter(|f| f.criterion_key.as_deref() == Some(&c.key)).count();
        let narrative = crate::audit::narrative(store, &c.key)?;
        let narrative_words = crate::richtext::parse(&narrative).words();
        let has_narrative = narrative_words > 0;
        let before = missing.len();
        let mut gap = |code: &'static str, message: String| {
            missing.push(Gap {
                code,
                criterion_key: Some(c.key.clone()),
                criterion_number: Some(n),
                file: None,
                params: Default::default(),
                message,
            })
        };
        if c.evidence == 0 {
            gap("no_evidence", format!("Criterion {n} ({}) has no evidence yet", c.title));
        }
        if c.level == 0 {
            gap("audit_not_started", format!("Criterion {n} ({}): the audit is still \"{}\"", c.title, c.level_label));
        }
        if !has_narrative {
            gap("narrative_empty", format!("Criterion {n} ({}): the application text is empty", c.title));
        }
        if c.overdue_actions > 0 {
            gap(
                "overdue_actions",
                format!(
                    "Criterion {n} ({}): {} overdue action{}",
                    c.title,
                    c.overdue_actions,
                    plural(c.overdue_actions)
                ),
            );
        }
        if feedback > 0 {
            gap(
                "unanswered_feedback",
                format!(
                    "Criterion {n} ({}): {feedback} feedback comment{} without a response",
                    c.title,
                    plural(feedback)
                ),
            );
        }
        if let Some(awarded) = pledge_again.filter(|_| c.key == fw.pledge) {
            missing.push(pledge_again_gap(Some(c.key.clone()), Some(n), awarded));
        } else if c.key == fw.pledge && !pledged {
            gap(
                "no_pledge_date",
                format!("Criterion {n} ({}): no pledge date recorded (School details or Journey)", c.title),
            );
        }
        let ready = missing.len() == before;
        criteria.push(CriterionReadiness { status: c, open_feedback: feedback, has_narrative, narrative_words, ready });
    }
    let general =
        open_feedback.iter().filter(|f| f.criterion_key.as_ref().is_none_or(|k| fw.criterion(k).is_none())).count();
    if general > 0 {
        missing.push(Gap {
            code: "unanswered_feedback",
            criterion_key: None,
            criterion_number: None,
            file: None,
            params: crate::error::Params::from([("count".to_string(), general.into())]),
            message: format!("{general} general feedback comment{} without a response", plural(general)),
        });
    }
    // Items the panel would see (or hear) only by name: office documents without a full reading copy,
    // photos described by nothing but a file name. The coordinator can fix each one.
    for item in crate::evidence::list(store, &crate::evidence::Filter::default())? {
        if !crate::evidence::in_portfolio(item.standing(), false) {
            continue;
        }
        if item.described_only_by_file_name() {
            missing.push(Gap {
                code: "photo_only_file_name",
                criterion_key: None,
                criterion_number: None,
                file: Some(item.original_name.clone()),
                params: crate::error::Params::from([("title".to_string(), item.title.clone().into())]),
                message: format!(
                    "{}: the photo is described only by its file name; write a caption or a description for screen readers (Evidence)",
                    item.original_name
                ),
            });
        }
        if item.objects_not_shown > 0 {
            let n = item.objects_not_shown;
            missing.push(Gap {
                code: "objects_not_shown",
                criterion_key: None,
                criterion_number: None,
                file: Some(item.original_name.clone()),
                params: crate::error::Params::from([("count".to_string(), (n as usize).into())]),
                message: format!(
                    "{}: {n} embedded object{} not shown in its reading copy (the file keeps no picture of {}); save it as PDF and add it again",
                    item.original_name,
                    plural(n as usize),
                    if n == 1 { "it" } else { "them" }
                ),
            });
        }
        let Some(problem) = item.reading_problem.as_deref().and_then(crate::office::Problem::from_code) else { continue };
        missing.push(Gap {
            code: "unreadable_document",
            criterion_key: None,
            criterion_number: None,
            file: Some(item.original_name.clone()),
            params: Default::default(),
            message: format!("{}: {}", item.original_name, problem.message()),
        });
    }
    let application_words: usize = criteria.iter().map(|c| c.narrative_words).sum();
    // Laid out as the application is exported, so readiness, the length bar and the PDF agree.
    let estimated_pages = crate::portfolio::application_pages(store, today)?.ceil() as usize;
    if let Some(limit) = fw.page_limit().filter(|limit| estimated_pages > *limit) {
        missing.push(Gap {
            code: "too_long",
            criterion_key: None,
            criterion_number: None,
            file: None,
            params: crate::error::Params::from([
                ("words".to_string(), application_words.into()),
                ("pages".to_string(), estimated_pages.into()),
                ("limit".to_string(), limit.into()),
            ]),
            message: format!(
                "The application text is {application_words} words, about {estimated_pages} pages; the limit is {limit} pages, so shorten it"
            ),
        });
    }
    let strands = fw
        .strands
        .iter()
        .map(|s| {
            let of: Vec<&CriterionReadiness> = criteria.iter().filter(|c| c.status.strand == s.key).collect();
            StrandCoverage {
                key: s.key.clone(),
                name: s.name.clone(),
                criteria: of.len(),
                with_evidence: of.iter().filter(|c| c.status.evidence > 0).count(),
                audited: of.iter().filter(|c| c.status.level > 0).count(),
                with_narrative: of.iter().filter(|c| c.has_narrative).count(),
                ready: of.iter().filter(|c| c.ready).count(),
            }
        })
        .collect();
    Ok(Readiness {
        school_name: overview.school_name,
        framework_label: overview.framework_label,
        criteria,
        strands,
        missing,
        renewal: crate::journey::renewal(&steps, today),
        application_words,
        estimated_pages,
        page_limit: fw.page_limit(),
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
