//! Exhibits: the evidence items a portfolio numbers E1, E2, … in its appendix, and the one rule that
//! picks and numbers them: live, marked for export, in library order, and with consent recorded or
//! not needed unless the export asks for items without it.
//!
//! The export, the window's tiles and the exhibit references in the school's texts all number
//! through this module, so their numbers cannot drift apart.
//! Not for: the library's own listing and editing (see the parent module).

use chrono::NaiveDate;
use serde::Serialize;

use super::{query, Item, ORDER};
use crate::error::Result;
use crate::store::Store;

/// The items an export may print: live and marked for export (consent is decided in [`numbered`]).
const EXPORTED: &str = "e.deleted_at IS NULL AND e.include_in_export = 1";

/// Whether an exported item with `consent` gets a number; items that may show people without
/// recorded consent do only when the export asks for them.
fn numbered(consent: &str, include_without_consent: bool) -> bool {
    consent != "missing" || include_without_consent
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
    /// `photo`, `document`, `quote` or `link`, as stored.
    pub kind: String,
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
        }
    }
}

/// The numbered exhibits, and the titles of the exported items left out for want of consent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Exhibits {
    pub list: Vec<Exhibit>,
    /// Titles, in library order, of items left out because consent is missing.
    pub left_out: Vec<String>,
}

/// The exhibits in order, numbered from 1. Items whose consent is missing are left out (and named in
/// `left_out`) unless `include_without_consent`, in which case they are numbered in their place.
pub fn exhibits(store: &Store, include_without_consent: bool) -> Result<Exhibits> {
    let mut out = Exhibits::default();
    for it in query(store, EXPORTED, None, [])? {
        if numbered(&it.consent, include_without_consent) {
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
    let mut stmt =
        store.conn().prepare_cached(&format!("SELECT e.id, e.consent FROM evidence e WHERE {EXPORTED} ORDER BY {ORDER}"))?;
    let mut ids = Vec::new();
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (id, consent) = row?;
        if numbered(&consent, false) {
            ids.push(id);
        }
    }
    Ok(ids)
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
