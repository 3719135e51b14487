//! The local lead's review coming back: a Word file with comments and tracked changes, or a PDF
//! with sticky notes, highlights and free-text comments, read into remarks placed on criteria and
//! stored as one new feedback round (`sanctuary feedback import FILE`, the Journey screen's
//! "Import the local lead's comments").
//!
//! Each remark is placed on the criterion whose section it sits in: in a Word file by the headings
//! (the app's own "N. Title", or a school's own words, see `application_import::locate`); in a PDF
//! by the file's own outline, which the app writes with a bookmark per criterion. What cannot be
//! placed is kept as a general remark, never dropped. A remark ending in "?" is a question, any
//! other an improvement. The same file brought in twice adds nothing (see `feedback::import`).
//!
//! Not for: storing rounds or answering them (see `feedback`), nor bringing a draft's text in (see
//! `application_import`).

mod docx;
mod pdf;
mod pdftext;

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::audit::Account;
use crate::error::{Error, Result};
use crate::feedback::import::{Incoming, IncomingComment, IncomingSuggestion, Stored};
use crate::feedback::suggestion::SuggestionChange as Change;
use crate::feedback::{CommentKind, RoundKind};
use crate::framework::Framework;
use crate::store::Store;

/// Largest review file read.
const MAX_FILE: u64 = 200 * 1024 * 1024;

/// One remark of the reviewer's.
#[derive(Debug, Clone, PartialEq)]
pub struct Remark {
    /// None when it could not be placed on a criterion.
    pub criterion_key: Option<String>,
    pub text: String,
    /// The words it was anchored to (a comment's range, a highlight's words).
    pub quote: String,
    pub author: String,
    pub date: Option<NaiveDate>,
}

/// One tracked change, placed on an account.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggested {
    pub criterion_key: String,
    pub field: Account,
    pub change: Change,
    pub text: String,
    pub before: String,
    pub after: String,
    pub author: String,
    pub date: Option<NaiveDate>,
}

/// What a review file holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Review {
    pub remarks: Vec<Remark>,
    pub suggestions: Vec<Suggested>,
}

/// What an import did, for the window and the command line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ReviewImportReport")]
pub struct Report {
    pub round_id: String,
    pub from_whom: String,
    pub comments: usize,
    pub suggestions: usize,
    /// Remarks that could not be placed on a criterion (kept as general ones).
    pub general: usize,
    /// True when this file had been brought in before: nothing was added.
    pub already: bool,
}

/// Reads a review from `bytes`: a PDF by its signature, else a Word file.
pub fn read(fw: &Framework, bytes: &[u8]) -> Result<Review> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        pdf::read(fw, bytes)
    } else if bytes.starts_with(b"PK") {
        docx::read(fw, bytes)
    } else {
        Err(Error::rule(
            "review_not_supported",
            [],
            "a review must be a Word file (.docx) with comments or tracked changes, or a PDF with comments",
        ))
    }
}

/// A remark's kind as it first arrives: a question when it asks one.
pub fn kind_of(text: &str) -> CommentKind {
    if text.trim_end().ends_with('?') {
        CommentKind::Question
    } else {
        CommentKind::Improvement
    }
}

/// The date at the start of an ISO date-time (`2026-11-20T10:15:00Z`).
pub(crate) fn iso_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}

/// Reads the review at `path` and stores it as one new round of `kind` (a draft review unless
/// chosen), from its reviewer, received on its latest remark's date.
pub fn import(store: &mut Store, path: &Path, kind: Option<RoundKind>, now: DateTime<Utc>) -> Result<Report> {
    let bytes = crate::application_import::read_capped(path, MAX_FILE)?;
    let fw = crate::school::framework(store)?;
    let review = read(&fw, &bytes)?;
    if review.remarks.is_empty() && review.suggestions.is_empty() {
        return Err(Error::rule(
            "review_no_comments",
            [],
            "this file has no comments or tracked changes, so there is nothing to bring in; ask the reviewer to comment in Word (Review › New comment) or in the PDF (sticky notes, highlights)",
        ));
    }
    let fingerprint = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect::<String>();
    let incoming = to_incoming(review, fingerprint, path, kind.unwrap_or(RoundKind::DraftReview));
    let general = incoming.comments.iter().filter(|c| c.criterion_key.is_none()).count();
    let (round, already) = match crate::feedback::import::store(store, &incoming, now)? {
        Stored::New(r) => (r, false),
        Stored::Already(r) => (r, true),
    };
    let suggestions = crate::feedback::suggestion::all(store)?.iter().filter(|s| s.round_id == round.id).count();
    Ok(Report {
        round_id: round.id.clone(),
        from_whom: round.from_whom.clone(),
        comments: round.comments.len(),
        suggestions,
        general: if already { round.comments.iter().filter(|c| c.criterion_key.is_none()).count() } else { general },
        already,
    })
}

fn to_incoming(review: Review, fingerprint: String, path: &Path, kind: RoundKind) -> Incoming {
    // The reviewer: whoever wrote most of it (the first to do so on a tie).
    let mut names: Vec<(String, usize)> = Vec::new();
    let authors = review.remarks.iter().map(|r| &r.author).chain(review.suggestions.iter().map(|s| &s.author));
    for a in authors.filter(|a| !a.trim().is_empty()) {
        match names.iter_mut().find(|(n, _)| n == a) {
            Some((_, c)) => *c += 1,
            None => names.push((a.clone(), 1)),
        }
    }
    let from_whom = names.iter().rev().max_by_key(|(_, c)| *c).map(|(n, _)| n.clone()).unwrap_or_default();
    let received_on =
        review.remarks.iter().filter_map(|r| r.date).chain(review.suggestions.iter().filter_map(|s| s.date)).max();
    Incoming {
        fingerprint,
        file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        kind,
        from_whom,
        received_on,
        comments: review
            .remarks
            .into_iter()
            .map(|r| IncomingComment {
                criterion_key: r.criterion_key,
                kind: kind_of(&r.text),
                text: r.text,
                quote: r.quote,
                author: r.author,
                made_on: r.date,
            })
            .collect(),
        suggestions: review
            .suggestions
            .into_iter()
            .map(|s| IncomingSuggestion {
                criterion_key: s.criterion_key,
                field: s.field,
                change: s.change,
                text: s.text,
                before: s.before,
                after: s.after,
                author: s.author,
                made_on: s.date,
            })
            .collect(),
    }
}
