//! Exhibits: the evidence items a portfolio numbers E1, E2, … in its appendix, and the one rule for
//! what is in the portfolio ([`in_portfolio`]): live, marked for export, and with consent recorded or
//! not needed (consent given on condition that faces are hidden counts only once some are hidden),
//! unless the export asks for items without consent; numbered in library order.
//!
//! The export, the window's tiles, the Audit screen's exhibit pickers, the exhibit references in the
//! school's texts and the evidence counts of the overview and Readiness ([`counts_by_criterion`]) all
//! go through this rule, so they cannot disagree.
//! Not for: the library's own listing and editing (see the parent module).

use chrono::NaiveDate;
use serde::Serialize;

use super::{query, Consent, EvidenceKind, Item, ORDER};
use crate::error::Result;
use crate::store::Store;

/// The items an export may print: live and marked for export (consent is decided in [`in_portfolio`]).
const EXPORTED: &str = "e.deleted_at IS NULL AND e.include_in_export = 1";

/// What the rule needs to know of an item.
#[derive(Debug, Clone, Copy)]
pub struct Standing {
    /// The item's "include in the portfolio" flag.
    pub include_in_export: bool,
    pub consent: Consent,
    /// How many areas of the photo are hidden.
    pub hidden_areas: u32,
}

impl Item {
    /// What [`in_portfolio`] looks at.
    pub fn standing(&self) -> Standing {
        Standing { include_in_export: self.include_in_export, consent: self.consent, hidden_areas: self.hidden_areas }
    }
}

/// Whether consent allows the item to be shown: recorded or not needed; consent given on condition
/// that some faces are hidden counts only once areas are hidden (until then it is as good as missing).
pub fn consent_allows(s: Standing) -> bool {
    match s.consent {
        Consent::Missing => false,
        Consent::GivenHidden => s.hidden_areas > 0,
        Consent::Given | Consent::NotNeeded => true,
    }
}

/// The one rule for what is in the portfolio: a live item (the caller's part) marked for export
/// whose consent allows it, or, when the export asks for items without consent, any marked one.
pub fn in_portfolio(s: Standing, include_without_consent: bool) -> bool {
    s.include_in_export && (include_without_consent || consent_allows(s))
}

/// The label the portfolio gives its `n`th exhibit (counting from 1): E1, E2, …
pub fn exhibit_label(n: usize) -> String {
    format!("E{n}")
}

/// An evidence item as the portfolio prints it, with the number the export gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Exhibit {
    /// 1 for E1.
    pub number: usize,
    /// The evidence item's id.
    pub id: String,
    pub kind: EvidenceKind,
    pub title: String,
    pub caption: String,
    pub date: Option<NaiveDate>,
    /// Criterion keys in key order (the portfolio orders them by its framework).
    pub criteria: Vec<String>,
    pub quote: String,
    pub attribution: String,
    pub original_name: String,
    /// The stored file's size in bytes, when the item has a file.
    pub size: Option<i64>,
    /// The stored file's media type ("" when the item has no file).
    pub mime: String,
    pub sha256: Option<String>,
    /// A link's web address; empty for other kinds.
    pub url: String,
    /// Pages of a document or a multi-page scan, as counted at import.
    pub page_count: Option<u32>,
    /// The coordinator's description for screen readers; empty when none is written.
    pub alt_text: String,
    /// A quote's chosen language tag; empty to detect it from the writing.
    pub lang: String,
    /// How many areas of the photo are hidden (faces, names) in every picture made from it.
    pub hidden_areas: u32,
}

impl Exhibit {
    /// "E3".
    pub fn label(&self) -> String {
        exhibit_label(self.number)
    }

    fn numbered(number: usize, it: Item) -> Exhibit {
        Exhibit {
            number,
            id: it.id,
            kind: it.kind,
            title: it.title,
            caption: it.caption,
            date: it.activity_date,
            criteria: it.criteria,
            quote: it.quote_text,
            attribution: it.attribution,
            original_name: it.original_name,
            size: it.size.map(|s| s as i64),
            mime: it.mime.unwrap_or_default(),
            sha256: it.sha256,
            url: it.url,
            page_count: it.page_count,
            alt_text: it.alt_text,
            lang: it.lang,
            hidden_areas: it.hidden_areas,
        }
    }
}

/// The numbered exhibits, and the titles of the exported items left out for want of consent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Exhibits {
    pub list: Vec<Exhibit>,
    /// Titles, in library order, of items marked for export but left out because consent is missing
    /// (or given only with faces hidden, and none are).
    pub left_out: Vec<String>,
}

/// The exhibits in order, numbered from 1. Items whose consent is missing are left out (and named in
/// `left_out`) unless `include_without_consent`, in which case they are numbered in their place.
pub fn exhibits(store: &Store, include_without_consent: bool) -> Result<Exhibits> {
    let mut out = Exhibits::default();
    for it in query(store, EXPORTED, None, [])? {
        if in_portfolio(it.standing(), include_without_consent) {
            out.list.push(Exhibit::numbered(out.list.len() + 1, it));
        } else {
            out.left_out.push(it.title);
        }
    }
    Ok(out)
}

/// Ids of the exhibits as a default export numbers them (consent missing left out): the id of E1
/// first. Lighter than [`exhibits`] (ids only), as the texts' references are turned into numbers on
/// every save.
pub fn exhibit_ids(store: &Store) -> Result<Vec<String>> {
    let mut stmt = store
        .conn()
        .prepare_cached(&format!("SELECT e.id, e.consent, e.redaction FROM evidence e WHERE {EXPORTED} ORDER BY {ORDER}"))?;
    let mut ids = Vec::new();
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Consent>(1)?, r.get::<_, String>(2)?)))? {
        let (id, consent, redaction) = row?;
        if in_portfolio(standing_of(consent, &redaction), false) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// The standing of an exported row from its consent and redaction columns.
fn standing_of(consent: Consent, redaction: &str) -> Standing {
    // Only a consent that depends on hidden areas needs the column read.
    let hidden_areas = if consent == Consent::GivenHidden { super::redact::Redaction::from_column(redaction).regions.len() as u32 } else { 0 };
    Standing { include_in_export: true, consent, hidden_areas }
}

/// How many items in the portfolio (as a default export makes it) each criterion has, by criterion
/// key; criteria with none are absent. The overview and Readiness count evidence with this, so a
/// photo the export leaves out never counts as evidence.
pub fn counts_by_criterion(store: &Store) -> Result<std::collections::HashMap<String, usize>> {
    let mut stmt = store.conn().prepare_cached(&format!(
        "SELECT ec.criterion_key, e.consent, e.redaction FROM evidence e JOIN evidence_criterion ec ON ec.evidence_id = e.id \
         WHERE {EXPORTED}"
    ))?;
    let mut counts = std::collections::HashMap::new();
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Consent>(1)?, r.get::<_, String>(2)?)))? {
        let (key, consent, redaction) = row?;
        if in_portfolio(standing_of(consent, &redaction), false) {
            *counts.entry(key).or_insert(0) += 1;
        }
    }
    Ok(counts)
}

/// One exhibit's number as the window shows it on its tile.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ExhibitNumber {
    pub id: String,
    pub label: String,
}

/// Every exhibit's label, in exhibit order; much lighter than [`exhibits`].
pub fn exhibit_numbers(store: &Store) -> Result<Vec<ExhibitNumber>> {
    first_exhibit_numbers(store, u32::MAX)
}

/// The first `n` exhibits' labels: all the labels the top `n` items of the library can have, since
/// exhibits are numbered in the library's order.
pub fn first_exhibit_numbers(store: &Store, n: u32) -> Result<Vec<ExhibitNumber>> {
    let ids = exhibit_ids(store)?;
    Ok(ids.into_iter().take(n as usize).enumerate().map(|(i, id)| ExhibitNumber { id, label: exhibit_label(i + 1) }).collect())
}
