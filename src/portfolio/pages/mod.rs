//! The portfolio's pages in order: cover, contents, school and journey, overview, the application
//! per strand and criterion, action plan, commitments (when there are any, or in a renewal),
//! feedback, and the evidence appendix; and the visit brief, a separate short document made from the
//! same records.
//!
//! One private module a section (`cover`, `contents`, `school`, `overview`, `application`, `plan`,
//! `commitments`, `feedback`, `appendix`, and `brief` for the visit brief); `style` holds the type
//! sizes they share and `labels` the words they print for stored codes. This file puts the sections in order.
//!
//! Each section function only lays out; `pdf::write` adds page numbers, links and bookmarks. Not for:
//! reading the records (`data`) or writing the file (the parent module).

mod account;
mod appendix;
mod application;
mod brief;
mod commitments;
mod contents;
mod cover;
mod feedback;
mod labels;
mod overview;
mod plan;
mod school;
mod style;

use chrono::{DateTime, NaiveDate, Utc};

use std::collections::BTreeMap;

use super::data::Data;
use crate::evidence::Exhibit;
use crate::reading_copy::Copies;
use crate::pdf::{Layout, OutlineItem, Photo};

pub(crate) use application::{blocks, Block, Refs};
pub(crate) use brief::visit_brief;
pub(crate) use cover::cover_details;
use style::h1;

/// Photos ready to place, by exhibit number and page: page 1 is a photo exhibit's picture (or a
/// scan's first page), pages 2 and on are the further pages of a multi-page scan.
pub(crate) type Photos = BTreeMap<(usize, u32), Photo>;

/// Pages of each PDF exhibit (by number) that follow the appendix.
pub(crate) type DocumentPages = BTreeMap<usize, usize>;

/// The anchor an exhibit's appendix entry carries.
pub(crate) fn exhibit_anchor(x: &Exhibit) -> String {
    format!("exhibit-{}", x.number)
}

/// The anchor of a PDF exhibit's first merged page.
pub(crate) fn document_anchor(number: usize) -> String {
    format!("document-{number}")
}

/// Lays out the whole portfolio; returns the pages and the bookmarks.
pub(crate) fn portfolio(
    data: &Data,
    mut photos: Photos,
    documents: &DocumentPages,
    copies: &mut Copies,
    now: DateTime<Utc>,
    anonymity_note: bool,
    warnings: &mut Vec<String>,
) -> (Layout, Vec<OutlineItem>) {
    let mut l = Layout::new();
    let lang = data.lang;
    cover::cover(&mut l, data, now, anonymity_note);

    let entries = contents::contents_entries(data);
    let contents_pages = entries.len().div_ceil(contents::CONTENTS_PER_PAGE).max(1);
    let contents_first = l.page_count();
    // The contents are drawn last (they need the page numbers) but read here.
    let contents_node = l.reserve(crate::pdf::Role::Sect);
    for i in 0..contents_pages {
        l.page_break();
        if i == 0 {
            l.anchor("contents");
        }
    }

    school::school_and_journey(&mut l, data);
    overview::overview(&mut l, data);
    application::application(&mut l, data);
    plan::action_plan(&mut l, data);
    commitments::commitments(&mut l, data);
    feedback::feedback(&mut l, data);
    appendix::appendix(&mut l, data, &mut photos, documents, copies, warnings);

    l.fill(contents_node, |l| contents::draw_contents(l, lang, contents_first, &entries));
    (l, contents::outline(data, documents, copies))
}

/// The application alone (`export --part application`): its cover line, then the accounts per
/// strand and criterion, exhibits named by number and title; returns the pages and the bookmarks.
pub(crate) fn application_only(data: &Data, date: NaiveDate) -> (Layout, Vec<OutlineItem>) {
    let mut l = Layout::new();
    application::standalone(&mut l, data, date);
    let mut items = vec![OutlineItem::new(data.lang.t("section.application"), "application")];
    items.extend(contents::strand_outline(data));
    (l, items)
}

/// Pages the application alone takes, exactly as [`application_only`] lays it out (the same
/// call, so the length the window shows and the pages of the exported application cannot
/// differ), the last page counted by how full it is: 3.4 means three pages and part of a fourth.
pub(crate) fn application_pages(data: &Data, date: NaiveDate) -> f32 {
    let (l, _) = application_only(data, date);
    if l.page_count() == 0 {
        return 0.0;
    }
    (l.page_count() - 1) as f32 + l.page_fill()
}

/// The evidence pack alone (`export --part evidence`): its cover line and contents, then the
/// appendix exactly as the whole portfolio has it (same numbers, merged pages, reading copies).
pub(crate) fn evidence_only(
    data: &Data,
    mut photos: Photos,
    documents: &DocumentPages,
    copies: &mut Copies,
    date: NaiveDate,
    warnings: &mut Vec<String>,
) -> (Layout, Vec<OutlineItem>) {
    let mut l = Layout::new();
    let lang = data.lang;
    l.page_break();
    l.anchor("cover");
    let school = labels::school_name(data);
    cover::cover_line(&mut l, data, &lang.vf("part.evidence_title", &data.words, &[("school", &school)]), date);
    let top = l.y() - 20.0;
    l.anchor("contents");
    let contents_node = l.reserve(crate::pdf::Role::Sect);
    let entries = contents::evidence_entries(data);
    let later = entries.len().saturating_sub(contents::first_page_capacity(top));
    for _ in 0..later.div_ceil(contents::CONTENTS_PER_PAGE) {
        l.page_break();
    }
    appendix::appendix(&mut l, data, &mut photos, documents, copies, warnings);
    l.fill(contents_node, |l| contents::draw_contents_from(l, lang, 0, top, &entries));
    let items = vec![
        OutlineItem::new(lang.t("section.contents"), "contents"),
        contents::appendix_outline(data, documents, copies),
    ];
    (l, items)
}

/// Starts a section on a new page under its heading, anchored for the contents and the bookmarks.
fn section(l: &mut Layout, title: &str, anchor: &str) {
    l.page_break();
    l.heading(1, title, h1(), 40.0, Some(anchor));
    l.gap(10.0);
}

/// The exhibits filed against a criterion, in appendix order.
fn exhibits_for<'a>(data: &'a Data, key: &str) -> Vec<&'a Exhibit> {
    data.exhibits
        .iter()
        .filter(|x| x.criteria.iter().any(|k| k == key))
        .collect()
}
