//! The evidence library: photos, documents and people's words that show the school meets a criterion.
//!
//! Originals live in the content-addressed `blobs` store and are never changed; rows in `evidence`
//! describe them (title, caption, date, criteria, consent). Deleting sets `deleted_at`, so it can be undone.

pub mod blobs;
pub mod decode;
pub mod document_pictures;
pub mod bulk;
pub mod exhibits;
pub mod exif;
pub mod faces;
pub mod heic;
pub mod import;
pub mod kinds;
pub mod link;
pub mod pdfcheck;
pub mod location;
pub mod probe;
pub mod quote;
pub mod redact;
pub mod redaction;
pub mod rendition;
pub mod scan;
pub mod thumbs;
pub mod walk;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::store::{soft_delete, Store};

pub use exhibits::{consent_allows, counts_by_criterion, in_portfolio, Standing, exhibit_ids, exhibit_label, exhibit_numbers, exhibits, first_exhibit_numbers, Exhibit, ExhibitNumber, Exhibits};
pub use kinds::{Consent, EvidenceKind};
pub use import::{import, ImportOptions, ImportReport, Refusal, Unreadable};
pub use link::{add_link, check_url, NewLink};

/// One piece of evidence as the window shows and edits it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "EvidenceItem")]
pub struct Item {
    pub id: String,
    pub kind: EvidenceKind,
    pub title: String,
    pub caption: String,
    pub sha256: Option<String>,
    pub mime: Option<String>,
    pub size: Option<u64>,
    pub original_name: String,
    pub quote_text: String,
    pub attribution: String,
    pub activity_date: Option<NaiveDate>,
    pub added_by: String,
    pub key_stage: String,
    pub subject: String,
    pub people_identifiable: bool,
    pub consent: Consent,
    pub anonymised: bool,
    pub include_in_export: bool,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// Pages of a PDF; for a Word, PowerPoint or OpenDocument file, the pages its reading copy
    /// takes in the portfolio.
    pub page_count: Option<u32>,
    /// Why an office document has no reading copy (a code of `office::Problem`: encrypted, legacy,
    /// spreadsheet, damaged, too_large); None when it has one or is not an office document.
    pub reading_problem: Option<String>,
    /// How many embedded objects its reading copy cannot show (a note stands in each one's place).
    pub objects_not_shown: u32,
    /// Exhibit order (E1, E2, …).
    pub position: i64,
    /// How many areas of the photo are hidden in every picture made from it (see `redact`).
    pub hidden_areas: u32,
    /// Changes whenever the hidden areas do (empty when none): the window puts it in the thumbnail's
    /// address, so a picture cached before areas were hidden is never shown after.
    #[serde(default)]
    pub thumb_tag: String,
    pub criteria: Vec<String>,
    /// A link's web address (http or https); empty for other kinds.
    #[serde(default)]
    pub url: String,
    /// True when GPS or other location data was removed from the stored photo.
    #[serde(default)]
    pub location_removed: bool,
    /// Consent to share the item outside school (the school's website, newsletter, poster): separate
    /// from the consent for the panel, and no until someone says yes (see `share`).
    #[serde(default)]
    pub share_consent: bool,
    /// The coordinator's own description of the item for screen readers (empty when none is
    /// written: the export then describes it from its caption or title, see `portfolio::alt`).
    #[serde(default)]
    pub alt_text: String,
    /// A quote's language as a BCP 47 tag ("ar", "pl", "pt-BR"), or empty to detect it from the
    /// writing (see `richtext::lang`).
    #[serde(default)]
    pub lang: String,
}

impl Item {
    /// True for a photo that nothing describes but its file name: no description for screen readers,
    /// no caption, and a title that is the file name or the one made from it at import ("IMG 2041").
    /// Readiness lists these, as a screen reader could only read the file name out.
    pub fn described_only_by_file_name(&self) -> bool {
        let title = self.title.trim();
        self.kind == EvidenceKind::Photo
            && self.alt_text.trim().is_empty()
            && self.caption.trim().is_empty()
            && (title.is_empty()
                || title == "Untitled"
                || title == self.original_name.trim()
                || title == import::title_from(std::path::Path::new(&self.original_name)))
    }

    /// True when the item may show people and no consent is recorded: such items stay out of exports.
    pub fn needs_consent(&self) -> bool {
        self.consent == Consent::Missing
    }
}

const COLUMNS: &str = "e.id, e.kind, e.title, e.caption, e.blob_sha256, b.mime, b.size, e.original_name, e.quote_text, \
    e.attribution, e.activity_date, e.added_by, e.key_stage, e.subject, e.people_identifiable, e.consent, e.anonymised, \
    e.include_in_export, e.width, e.height, e.page_count, e.position, e.redaction, e.url, e.location_removed, e.reading_problem, \
    e.objects_not_shown, e.share_consent, e.alt_text, e.lang";
/// Where the criteria's keys follow [`COLUMNS`] in [`query`]'s rows (one past its last column).
const CRITERIA_AT: usize = 30;

fn from_row(r: &Row) -> rusqlite::Result<Item> {
    let redaction: String = r.get(22)?;
    let hidden = redact::Redaction::from_column(&redaction);
    Ok(Item {
        id: r.get(0)?,
        kind: r.get(1)?,
        title: r.get(2)?,
        caption: r.get(3)?,
        sha256: r.get(4)?,
        mime: r.get(5)?,
        size: r.get::<_, Option<i64>>(6)?.map(|s| s as u64),
        original_name: r.get(7)?,
        quote_text: r.get(8)?,
        attribution: r.get(9)?,
        activity_date: r.get(10)?,
        added_by: r.get(11)?,
        key_stage: r.get(12)?,
        subject: r.get(13)?,
        people_identifiable: r.get(14)?,
        consent: r.get(15)?,
        anonymised: r.get(16)?,
        include_in_export: r.get(17)?,
        width: r.get(18)?,
        height: r.get(19)?,
        page_count: r.get(20)?,
        position: r.get(21)?,
        hidden_areas: hidden.regions.len() as u32,
        thumb_tag: if hidden.regions.is_empty() { String::new() } else { thumb_tag(&redaction) },
        reading_problem: r.get(25)?,
        objects_not_shown: r.get::<_, Option<u32>>(26)?.unwrap_or(0),
        criteria: Vec::new(),
        url: r.get(23)?,
        location_removed: r.get::<_, Option<i64>>(24)? == Some(1),
        share_consent: r.get(27)?,
        alt_text: r.get(28)?,
        lang: r.get(29)?,
    })
}

/// A short digest of an item's redaction column (see [`Item::thumb_tag`]).
fn thumb_tag(redaction: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(redaction.as_bytes()).iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// What to show in the library; empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename = "EvidenceFilter")]
pub struct Filter {
    pub text: String,
    pub criterion: Option<String>,
    pub kind: Option<EvidenceKind>,
    pub consent: Option<Consent>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// Live items in exhibit order, filtered.
///
/// One query: the criteria come in the same row (a sub-select over `evidence_criterion`'s primary
/// key), and the order is read from the `evidence_live_order` index, so 10,000 items take
/// milliseconds (`bench_library`). The filter is applied here in Rust rather than in SQL because
/// SQLite's `lower()` only folds ASCII, and the window filters its copy of the list the same way.
pub fn list(store: &Store, filter: &Filter) -> Result<Vec<Item>> {
    let mut items = query(store, "e.deleted_at IS NULL", None, [])?;
    items.retain(|it| filter.matches(it));
    Ok(items)
}

/// Live items `offset..offset + limit` in exhibit order, unfiltered: the library a slice at a time.
///
/// The window reads the top of the library first and the rest in slices, so that with thousands of
/// items its first tiles and their thumbnails do not wait for every row to be read, and no single
/// answer is so large that parsing it holds up the page.
pub fn page(store: &Store, offset: u32, limit: u32) -> Result<Vec<Item>> {
    query(store, "e.deleted_at IS NULL", Some((offset, limit)), [])
}

impl Filter {
    /// Whether `it` passes: text anywhere in its words (case-insensitive), and every other field
    /// that is set equal (dates inclusive; an undated item fails any date bound).
    pub fn matches(&self, it: &Item) -> bool {
        let text = self.text.to_lowercase();
        (text.is_empty()
            || [&it.title, &it.caption, &it.quote_text, &it.attribution, &it.original_name, &it.subject, &it.url]
                .iter()
                .any(|f| f.to_lowercase().contains(&text)))
            && self.criterion.as_ref().is_none_or(|c| it.criteria.contains(c))
            && self.kind.as_ref().is_none_or(|k| it.kind == *k)
            && self.consent.as_ref().is_none_or(|c| it.consent == *c)
            && self.from.is_none_or(|d| it.activity_date.is_some_and(|a| a >= d))
            && self.to.is_none_or(|d| it.activity_date.is_some_and(|a| a <= d))
    }
}

/// Separates criterion keys inside one column of the listing query (the ASCII unit separator,
/// which no key contains).
const KEY_SEPARATOR: char = '\u{1f}';

/// Library order, which is also exhibit order: the position the user gave, then the order added.
const ORDER: &str = "e.position, e.added_at, e.id";

/// Items matching `condition` (SQL over `e`), in exhibit order, each with its criteria; only the
/// slice `(offset, limit)` of them when given.
fn query<P: rusqlite::Params>(store: &Store, condition: &str, slice: Option<(u32, u32)>, params: P) -> Result<Vec<Item>> {
    let limit = slice.map(|(offset, limit)| format!(" LIMIT {limit} OFFSET {offset}")).unwrap_or_default();
    let sql = format!(
        "SELECT {COLUMNS}, \
           (SELECT group_concat(c.criterion_key, char(31)) FROM evidence_criterion c WHERE c.evidence_id = e.id) \
         FROM evidence e LEFT JOIN blob b ON b.sha256 = e.blob_sha256 \
         WHERE {condition} ORDER BY {ORDER}{limit}"
    );
    let mut stmt = store.conn().prepare_cached(&sql)?;
    let items = stmt
        .query_map(params, |r| {
            let mut it = from_row(r)?;
            let keys: Option<String> = r.get(CRITERIA_AT)?;
            it.criteria = keys.map(|k| k.split(KEY_SEPARATOR).map(str::to_owned).collect()).unwrap_or_default();
            // group_concat promises no order; the window and the tests expect keys sorted.
            it.criteria.sort();
            Ok(it)
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(items)
}

/// One live item: a lookup by primary key, not a listing.
pub fn get(store: &Store, id: &str) -> Result<Item> {
    query(store, "e.id = ?1 AND e.deleted_at IS NULL", None, [id])?
        .pop()
        .ok_or_else(|| Error::NotFound { what: "evidence item", id: id.into() })
}

/// Saves the editable fields of `item` (title, caption, date, criteria, consent, …).
pub fn update(store: &mut Store, item: &Item, now: DateTime<Utc>) -> Result<Item> {
    if item.title.trim().is_empty() {
        return Err(Error::rule("evidence_needs_title", [], "an evidence item needs a title"));
    }
    let lang = crate::richtext::lang::check_tag(&item.lang)?;
    let alt_text = item.alt_text.trim();
    // Only a link has an address, and it stays a web address.
    let url = if item.kind == EvidenceKind::Link { link::check_url(&item.url)? } else { String::new() };
    store.write(|tx| {
        let n = tx.execute(
            "UPDATE evidence SET title=?2, caption=?3, quote_text=?4, attribution=?5, activity_date=?6, key_stage=?7, subject=?8, \
             people_identifiable=?9, consent=?10, anonymised=?11, include_in_export=?12, updated_at=?13, share_consent=?15, \
             alt_text=?16, lang=?17, url=CASE WHEN kind = 'link' AND ?14 <> '' THEN ?14 ELSE url END WHERE id=?1 AND deleted_at IS NULL",
            params![
                item.id, item.title, item.caption, item.quote_text, item.attribution, item.activity_date, item.key_stage,
                item.subject, item.people_identifiable, item.consent, item.anonymised, item.include_in_export, now.to_rfc3339(), url,
                item.share_consent, alt_text, lang
            ],
        )?;
        if n == 0 {
            return Err(Error::NotFound { what: "evidence item", id: item.id.clone() });
        }
        tx.execute("DELETE FROM evidence_criterion WHERE evidence_id = ?1", [&item.id])?;
        for c in &item.criteria {
            tx.execute("INSERT OR IGNORE INTO evidence_criterion (evidence_id, criterion_key) VALUES (?1, ?2)", params![item.id, c])?;
        }
        Ok(())
    })?;
    get(store, &item.id)
}

/// Records whether each of `ids` may be shared outside school, in one transaction: all are set or
/// none is (an unknown or deleted id refuses the lot).
pub fn set_share_consent(store: &mut Store, ids: &[String], yes: bool, now: DateTime<Utc>) -> Result<Vec<Item>> {
    store.write(|tx| {
        for id in ids {
            let n = tx.execute(
                "UPDATE evidence SET share_consent = ?2, updated_at = ?3 WHERE id = ?1 AND deleted_at IS NULL",
                params![id, yes, now.to_rfc3339()],
            )?;
            if n == 0 {
                return Err(Error::NotFound { what: "evidence item", id: id.clone() });
            }
        }
        Ok(())
    })?;
    ids.iter().map(|id| get(store, id)).collect()
}

/// Adds a pupil's, parent's or member of staff's words, attributed by role or year group (never a name).
pub fn add_quote(store: &mut Store, text: &str, attribution: &str, criteria: &[String], now: DateTime<Utc>) -> Result<Item> {
    let title = quote::auto_title(text);
    add_quote_as(store, &title, text, attribution, "", criteria, now)
}

/// [`add_quote`] with the title and the adder given (the demo names its quotes and its coordinator).
pub(crate) fn add_quote_as(
    store: &mut Store,
    title: &str,
    text: &str,
    attribution: &str,
    added_by: &str,
    criteria: &[String],
    now: DateTime<Utc>,
) -> Result<Item> {
    if text.trim().is_empty() {
        return Err(Error::rule("quote_empty", [], "the quote is empty; type what was said"));
    }
    let id = uuid::Uuid::new_v4().to_string();
    store.write(|tx| {
        let position: i64 = tx.query_row("SELECT coalesce(max(position), 0) + 1 FROM evidence", [], |r| r.get(0))?;
        tx.execute(
            "INSERT INTO evidence (id, kind, title, quote_text, attribution, activity_date, added_at, added_by, consent, position, updated_at) \
             VALUES (?1, 'quote', ?2, ?3, ?4, ?5, ?6, ?8, 'not_needed', ?7, ?6)",
            params![id, title, text, attribution, now.date_naive(), now.to_rfc3339(), position, added_by],
        )?;
        for c in criteria {
            tx.execute("INSERT OR IGNORE INTO evidence_criterion (evidence_id, criterion_key) VALUES (?1, ?2)", params![id, c])?;
        }
        Ok(())
    })?;
    get(store, &id)
}

/// Evidence items for the shared soft delete and id lookup.
const ROWS: soft_delete::Rows =
    soft_delete::Rows { table: "evidence", what: "evidence item", deleted_what: "deleted evidence item" };

/// Deletes an item so that [`undo_delete`] can bring it back; its file stays in the store.
pub fn delete(store: &mut Store, id: &str, now: DateTime<Utc>) -> Result<()> {
    soft_delete::delete(store, ROWS, id, now)
}

/// Brings back a deleted item, unless the same file has been added again since.
pub fn undo_delete(store: &mut Store, id: &str) -> Result<Item> {
    // Live items are unique by file, so a file added again since refuses the undo.
    let conflict: fn() -> Error = || Error::rule("evidence_undo_added_again", [], "the same file has been added again since; the deleted copy cannot come back");
    soft_delete::undo(store, ROWS, id, Some(conflict))?;
    let item = get(store, id)?;
    // The same file may have been added (and its pictures made unhidden) while this item was deleted.
    if let Some(sha) = item.sha256.as_deref().filter(|_| item.hidden_areas > 0) {
        redact::restore_hidden(store, sha)?;
    }
    Ok(item)
}

/// Deleted items whose id starts with `prefix` (any case), the most recently deleted first: what
/// an undo typed at the command line may mean.
pub fn deleted_with_prefix(store: &Store, prefix: &str) -> Result<Vec<String>> {
    soft_delete::ids_with_prefix(store, ROWS, &prefix.to_lowercase(), true, "")
}

/// The thumbnail of a photo, as JPEG bytes. Thumbnails are not in backups, so a missing one (after a
/// restore on a new laptop, say) is made again from the original here.
pub fn thumbnail(store: &Store, id: &str) -> Result<Vec<u8>> {
    let item = get(store, id)?;
    let sha = item.sha256.ok_or_else(|| Error::rule("evidence_no_picture", [("title", "".into())], "this item has no picture"))?;
    // The hash names a file: one that is not a hash (from a damaged or hand-made backup) is refused
    // here rather than followed.
    if !blobs::is_sha256(&sha) {
        return Err(Error::rule("evidence_not_stored", [("title", item.title.as_str().into())], format!("“{}” is not a stored file; add it again", item.title)));
    }
    let root = store.root();
    rendition::ensure(root, &sha, item.mime.as_deref().unwrap_or_default(), &redact::get(store, id)?)
        .map_err(|reason| Error::Refused { file: item.original_name.clone(), reason })?;
    rendition::read_thumbnail(root, &sha)
}
