//! Comments in a PDF of the app's own application or portfolio, as Acrobat, Edge, Preview and
//! Okular write them: sticky notes (`/Text`), highlights and other text marks with a note
//! (`/Highlight`, `/Underline`, `/StrikeOut`, `/Squiggly`, with `/QuadPoints`) and free-text boxes
//! (`/FreeText`); each with `/Contents`, its author `/T` and date `/M`.
//!
//! Each is placed by the PDF's own outline: the app writes a bookmark per criterion ("N. Title",
//! under its strand) pointing at the top of its heading, so a remark belongs to the last bookmark
//! at or above it in reading order, when that bookmark is a criterion's. Highlighted words are
//! quoted from the page (see `pdftext`).
//!
//! Not for: PDFs from elsewhere without the app's bookmarks (their remarks are all general).

use std::collections::HashMap;

use chrono::NaiveDate;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::{pdftext, Remark, Review};
use crate::application_import::locate::{Found, Locator};
use crate::error::{Error, Result};
use crate::framework::Framework;

/// A bookmark's place: page index, height of its top, and the criterion it names.
struct Mark {
    page: usize,
    y: f32,
    criterion: Option<String>,
}

const MARKS: &[&[u8]] = &[b"Text", b"Highlight", b"Underline", b"StrikeOut", b"Squiggly", b"FreeText"];

pub(super) fn read(fw: &Framework, bytes: &[u8]) -> Result<Review> {
    let doc = Document::load_mem(bytes).map_err(|e| {
        Error::rule("review_unreadable", [("problem", "damaged".into())], format!("the PDF cannot be read ({e})"))
    })?;
    if doc.is_encrypted() {
        return Err(Error::rule("review_unreadable", [("problem", "encrypted".into())], "the PDF is protected with a password; save it without one and try again"));
    }
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let index: HashMap<ObjectId, usize> = pages.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let loc = Locator::new(fw);
    let mut marks = Vec::new();
    if let Ok(first) = doc.catalog().and_then(|c| c.get(b"Outlines")).and_then(|o| o.as_reference()).and_then(|r| doc.get_dictionary(r)).and_then(|d| d.get(b"First")).and_then(|f| f.as_reference()) {
        outline(&doc, first, &index, &loc, &mut marks, 0);
    }
    marks.sort_by(|a, b| a.page.cmp(&b.page).then(b.y.total_cmp(&a.y)));
    let mut review = Review::default();
    for (n, page) in pages.iter().enumerate() {
        let Ok(annots) = doc.get_page_annotations(*page) else { continue };
        let mut text_on_page = None;
        for a in annots {
            let subtype = a.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
            if !MARKS.contains(&subtype) {
                continue;
            }
            let text = string(&doc, a, b"Contents");
            let author = string(&doc, a, b"T");
            let date = string(&doc, a, b"M");
            let rect = numbers(&doc, a, b"Rect");
            let top = if rect.len() == 4 { rect[1].max(rect[3]) } else { 0.0 };
            let mut quote = String::new();
            let quads = numbers(&doc, a, b"QuadPoints");
            if !quads.is_empty() {
                let pieces = text_on_page.get_or_insert_with(|| pdftext::pieces(&doc, *page));
                quote = pdftext::under(pieces, &quads);
            }
            if text.trim().is_empty() && quote.is_empty() {
                continue;
            }
            let top = if quads.len() >= 8 { quads.iter().skip(1).step_by(2).copied().fold(f32::MIN, f32::max) } else { top };
            let criterion = marks.iter().rev().find(|m| m.page < n || (m.page == n && m.y >= top - 2.0)).and_then(|m| m.criterion.clone());
            review.remarks.push(Remark { criterion_key: criterion, text: text.trim().to_string(), quote, author: author.trim().to_string(), date: pdf_date(&date) });
        }
    }
    Ok(review)
}

/// Walks the outline from item `id`, noting each bookmark's place and, for a criterion's, its key.
fn outline(doc: &Document, mut id: ObjectId, index: &HashMap<ObjectId, usize>, loc: &Locator, out: &mut Vec<Mark>, depth: usize) {
    let mut seen = 0;
    while seen < 10_000 && depth < 8 {
        seen += 1;
        let Ok(item) = doc.get_dictionary(id) else { return };
        let title = item.get(b"Title").ok().and_then(|t| lopdf::decode_text_string(t).ok()).unwrap_or_default();
        if let Some((page, y)) = destination(doc, item, index) {
            let criterion = match loc.heading(&title) {
                // Only a numbered bookmark is a criterion's: "1. Staff and governors learn".
                Found::Criterion(k) if title.trim_start().starts_with(|c: char| c.is_ascii_digit()) => Some(k),
                _ => None,
            };
            out.push(Mark { page, y, criterion });
        }
        if let Ok(child) = item.get(b"First").and_then(|f| f.as_reference()) {
            outline(doc, child, index, loc, out, depth + 1);
        }
        match item.get(b"Next").and_then(|n| n.as_reference()) {
            Ok(next) => id = next,
            Err(_) => return,
        }
    }
}

/// A bookmark's page and height, from `/Dest` or a GoTo action's `/D`.
fn destination(doc: &Document, item: &Dictionary, index: &HashMap<ObjectId, usize>) -> Option<(usize, f32)> {
    let dest = match item.get(b"Dest") {
        Ok(d) => d,
        Err(_) => item.get(b"A").ok().and_then(|a| doc.dereference(a).ok()).and_then(|(_, a)| a.as_dict().ok())?.get(b"D").ok()?,
    };
    let (_, dest) = doc.dereference(dest).ok()?;
    let arr = dest.as_array().ok()?;
    let page = *index.get(&arr.first()?.as_reference().ok()?)?;
    // [page /XYZ left top zoom], [page /FitH top]: the top, when given.
    let y = match arr.get(1).and_then(|n| n.as_name().ok()) {
        Some(b"XYZ") => arr.get(3).and_then(|v| v.as_float().ok()),
        Some(b"FitH") | Some(b"FitBH") => arr.get(2).and_then(|v| v.as_float().ok()),
        _ => None,
    }
    .unwrap_or(f32::MAX);
    Some((page, y))
}

fn string(doc: &Document, d: &Dictionary, key: &[u8]) -> String {
    d.get(key).ok().and_then(|o| doc.dereference(o).ok()).and_then(|(_, o)| lopdf::decode_text_string(o).ok()).unwrap_or_default()
}

fn numbers(doc: &Document, d: &Dictionary, key: &[u8]) -> Vec<f32> {
    d.get(key)
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_array().ok())
        .map(|a| a.iter().filter_map(|v| v.as_float().ok()).collect())
        .unwrap_or_default()
}

/// A PDF date (`D:20261120101500Z`, `D:20261120`) as a date.
fn pdf_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim().trim_start_matches("D:");
    NaiveDate::parse_from_str(t.get(..8)?, "%Y%m%d").ok()
}
