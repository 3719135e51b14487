//! What the portfolio reads from the store, with read-only queries of its own.
//!
//! The audit, plan, feedback and evidence modules are being written alongside this one; when they
//! land, these queries can be replaced by their APIs without touching the page layout.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::params;

use crate::error::Result;
use crate::framework::{self, Framework};
use crate::journey::{self, Step};
use crate::school::School;
use crate::status::{self, Overview};
use crate::store::Store;

/// A criterion's audit answers.
#[derive(Debug, Clone, Default)]
pub(crate) struct Audit {
    pub level: usize,
    pub already: String,
    pub gaps: String,
    pub reviewed_on: Option<NaiveDate>,
    pub reviewed_by: String,
}

/// One action of the plan.
#[derive(Debug, Clone)]
pub(crate) struct Action {
    pub action: String,
    pub criteria: Vec<String>,
    pub owner: String,
    pub partners: String,
    pub due: Option<NaiveDate>,
    pub status: String,
    pub success_measure: String,
}

/// A comment in a feedback round and the school's answer.
#[derive(Debug, Clone)]
pub(crate) struct Comment {
    pub criterion: Option<String>,
    pub kind: String,
    pub comment: String,
    pub response: String,
}

/// A round of feedback from the local lead or panel.
#[derive(Debug, Clone)]
pub(crate) struct Round {
    pub kind: String,
    pub received_on: Option<NaiveDate>,
    pub from_whom: String,
    pub due: Option<NaiveDate>,
    pub summary: String,
    pub response: String,
    pub comments: Vec<Comment>,
}

/// An evidence item that goes into the appendix, numbered in order (E1, E2, ...).
#[derive(Debug, Clone)]
pub(crate) struct Exhibit {
    pub number: usize,
    /// The evidence item's id.
    pub id: String,
    pub kind: String,
    pub title: String,
    pub caption: String,
    pub date: Option<NaiveDate>,
    pub criteria: Vec<String>,
    pub quote: String,
    pub attribution: String,
    pub original_name: String,
    pub size: Option<i64>,
    pub mime: String,
    pub sha256: Option<String>,
    /// A link's web address; empty for other kinds.
    pub url: String,
    /// Pages of a document or a multi-page scan, as counted at import.
    pub page_count: Option<u32>,
}

impl Exhibit {
    /// "E3".
    pub fn label(&self) -> String {
        crate::evidence::exhibit_label(self.number as usize)
    }

    /// The anchor the appendix entry carries.
    pub fn anchor(&self) -> String {
        format!("exhibit-{}", self.number)
    }
}

/// Everything one export needs, read in one go.
pub(crate) struct Data {
    pub school: School,
    pub framework: Framework,
    pub overview: Overview,
    pub steps: Vec<Step>,
    pub audit: BTreeMap<String, Audit>,
    pub narrative: BTreeMap<String, String>,
    pub actions: Vec<Action>,
    pub rounds: Vec<Round>,
    pub exhibits: Vec<Exhibit>,
    /// Titles of items left out because consent is missing.
    pub left_out: Vec<String>,
    /// The language the pages are written in; the framework above is already read in it.
    pub lang: crate::i18n::Lang,
}

/// Reads the school's records as of `today`; evidence without consent only when asked for.
pub(crate) fn load(store: &Store, today: NaiveDate, include_without_consent: bool) -> Result<Data> {
    let conn = store.conn();
    let school = crate::school::find(store)?.unwrap_or_default();
    let framework = framework::active(store)?;
    let overview = status::overview(store, today)?;
    let steps = journey::steps(store)?;

    let mut audit = BTreeMap::new();
    let mut stmt = conn.prepare("SELECT criterion_key, level, already, gaps, reviewed_on, reviewed_by FROM audit")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            Audit {
                level: r.get::<_, i64>(1)?.max(0) as usize,
                already: r.get(2)?,
                gaps: r.get(3)?,
                reviewed_on: r.get(4)?,
                reviewed_by: r.get(5)?,
            },
        ))
    })?;
    for row in rows {
        let (k, a) = row?;
        audit.insert(k, a);
    }

    let mut narrative = BTreeMap::new();
    let mut stmt = conn.prepare("SELECT criterion_key, body FROM narrative")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (k, b) = row?;
        narrative.insert(k, b);
    }

    let criteria_of = |sql: &str, id: &str| -> Result<Vec<String>> {
        let mut s = conn.prepare_cached(sql)?;
        let keys = s
            .query_map([id], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(sort_keys(&framework, keys))
    };

    let mut actions = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT id, action, owner, partners, due_date, status, success_measure FROM action_item \
         WHERE deleted_at IS NULL ORDER BY due_date IS NULL, due_date, created_at, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<NaiveDate>>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    for row in rows {
        let (id, action, owner, partners, due, status, success_measure) = row?;
        let criteria = criteria_of("SELECT criterion_key FROM action_criterion WHERE action_id = ?1", &id)?;
        actions.push(Action {
            action,
            criteria,
            owner,
            partners,
            due,
            status,
            success_measure,
        });
    }

    let mut rounds = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT id, kind, received_on, from_whom, due_date, summary, response FROM feedback_round \
         WHERE deleted_at IS NULL ORDER BY received_on IS NULL, received_on, created_at, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<NaiveDate>>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<NaiveDate>>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    for row in rows {
        let (id, kind, received_on, from_whom, due, summary, response) = row?;
        let mut s = conn.prepare_cached(
            "SELECT criterion_key, kind, comment, response FROM feedback_comment WHERE round_id = ?1 AND deleted_at IS NULL ORDER BY position, id",
        )?;
        let comments = s
            .query_map(params![id], |r| {
                Ok(Comment {
                    criterion: r.get(0)?,
                    kind: r.get(1)?,
                    comment: r.get(2)?,
                    response: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rounds.push(Round {
            kind,
            received_on,
            from_whom,
            due,
            summary,
            response,
            comments,
        });
    }

    let mut exhibits = Vec::new();
    let mut left_out = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT e.id, e.kind, e.title, e.caption, e.activity_date, e.quote_text, e.attribution, e.original_name, \
         b.size, coalesce(b.mime, ''), e.blob_sha256, e.consent, e.url, e.page_count \
         FROM evidence e LEFT JOIN blob b ON b.sha256 = e.blob_sha256 \
         WHERE e.deleted_at IS NULL AND e.include_in_export = 1 ORDER BY e.position, e.added_at, e.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<NaiveDate>>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, Option<i64>>(8)?,
            r.get::<_, String>(9)?,
            r.get::<_, Option<String>>(10)?,
            r.get::<_, String>(11)?,
            r.get::<_, String>(12)?,
            r.get::<_, Option<u32>>(13)?,
        ))
    })?;
    for row in rows {
        let (id, kind, title, caption, date, quote, attribution, original_name, size, mime, sha256, consent, url, page_count) = row?;
        if consent == "missing" && !include_without_consent {
            left_out.push(title);
            continue;
        }
        let criteria = criteria_of(
            "SELECT criterion_key FROM evidence_criterion WHERE evidence_id = ?1",
            &id,
        )?;
        exhibits.push(Exhibit {
            number: exhibits.len() + 1,
            id: id.clone(),
            kind,
            title,
            caption,
            date,
            criteria,
            quote,
            attribution,
            original_name,
            size,
            mime,
            sha256,
            url,
            page_count,
        });
    }

    // Exhibit references in the school's texts are numbered as this export numbers its exhibits.
    let numbers = exhibits.iter().map(|x| (x.id.as_str(), x.number)).collect();
    let label = |t: String| crate::references::to_labels(&t, &numbers, crate::references::MISSING);
    for a in audit.values_mut() {
        a.already = label(std::mem::take(&mut a.already));
        a.gaps = label(std::mem::take(&mut a.gaps));
    }
    let narrative: BTreeMap<String, String> = narrative.into_iter().map(|(k, body)| (k, label(body))).collect();
    Ok(Data {
        school,
        framework,
        overview,
        steps,
        audit,
        narrative,
        actions,
        rounds,
        exhibits,
        left_out,
        lang: crate::i18n::Lang::En,
    })
}

/// Criterion keys in framework order (unknown keys last, as they came).
fn sort_keys(fw: &Framework, mut keys: Vec<String>) -> Vec<String> {
    keys.sort_by_key(|k| fw.criterion(k).map(|c| c.number).unwrap_or(u32::MAX));
    keys
}
