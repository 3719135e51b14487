//! Suggested changes from a reviewer's tracked changes: an insertion or deletion on one account of
//! one criterion, which the school accepts (the account changes, in one step that can be undone)
//! or declines.
//!
//! A suggestion remembers the words just before and after it in its paragraph, as the account read
//! when it was reviewed. Accepting finds those words in the account as it reads now (looking past
//! the `**` and `*` of bold and italic, which the Word file shows as formatting), and refuses with
//! a clear message when the account has changed so much that the place is gone.
//!
//! Not for: reading tracked changes out of a file (see `review::docx`).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Account};
use crate::error::{Error, Result};
use crate::framework::Framework;
use crate::store::Store;

use SuggestionChange as Change;
use SuggestionStatus as Status;

/// What a tracked change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "SuggestionChange")]
pub enum SuggestionChange {
    Insert,
    Delete,
}

impl SuggestionChange {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Insert => "insert",
            Change::Delete => "delete",
        }
    }
}

/// Where the school is with a suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "SuggestionStatus")]
pub enum SuggestionStatus {
    Open,
    Accepted,
    Declined,
}

impl SuggestionStatus {
    fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Accepted => "accepted",
            Status::Declined => "declined",
        }
    }

    fn from_stored(text: &str) -> Status {
        match text {
            "accepted" => Status::Accepted,
            "declined" => Status::Declined,
            _ => Status::Open,
        }
    }
}

/// One suggested change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "FeedbackSuggestion")]
pub struct Suggestion {
    pub id: String,
    pub round_id: String,
    pub criterion_key: String,
    pub field: Account,
    pub change: Change,
    /// The words inserted or deleted.
    pub text: String,
    /// The words right before and after it, as the account read when it was reviewed.
    pub before: String,
    pub after: String,
    pub author: String,
    pub made_on: Option<NaiveDate>,
    pub status: Status,
}

const COLUMNS: &str = "s.id, s.round_id, s.criterion_key, s.field, s.change, s.text, s.before, s.after, s.author, s.made_on, s.status";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Suggestion> {
    let field: String = r.get(3)?;
    let change: String = r.get(4)?;
    let status: String = r.get(10)?;
    Ok(Suggestion {
        id: r.get(0)?,
        round_id: r.get(1)?,
        criterion_key: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
        field: Account::from_stored(&field),
        change: if change == "delete" { Change::Delete } else { Change::Insert },
        text: r.get(5)?,
        before: r.get(6)?,
        after: r.get(7)?,
        author: r.get(8)?,
        made_on: r.get(9)?,
        status: Status::from_stored(&status),
    })
}

/// The suggestions of every live round, in the rounds' order (as `feedback::rounds` lists them)
/// and then as they came in the file.
pub fn all(store: &Store) -> Result<Vec<Suggestion>> {
    let order: Vec<String> = super::rounds(store)?.into_iter().map(|r| r.id).collect();
    let mut stmt = store.conn().prepare(&format!("SELECT {COLUMNS} FROM feedback_suggestion s ORDER BY s.position"))?;
    let rows: Vec<Suggestion> = stmt.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for id in &order {
        out.extend(rows.iter().filter(|s| &s.round_id == id).cloned());
    }
    Ok(out)
}

/// Suggestion `id`.
pub fn get(store: &Store, id: &str) -> Result<Suggestion> {
    store
        .conn()
        .query_row(&format!("SELECT {COLUMNS} FROM feedback_suggestion s WHERE s.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "suggestion", id: id.to_string() })
}

/// The full id of the suggestion whose id starts with `prefix` (as typed at the command line).
pub fn resolve(store: &Store, prefix: &str) -> Result<String> {
    let mut stmt = store.conn().prepare("SELECT id FROM feedback_suggestion WHERE id LIKE ?1 || '%' LIMIT 2")?;
    let ids: Vec<String> = stmt.query_map([prefix], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    match ids.as_slice() {
        [one] if !prefix.is_empty() => Ok(one.clone()),
        _ => Err(Error::NotFound { what: "suggestion", id: prefix.to_string() }),
    }
}

fn must_be(s: &Suggestion, status: Status) -> Result<()> {
    if s.status != status {
        return Err(Error::rule(
            "suggestion_already_settled",
            [],
            "this suggestion has already been accepted or declined; undo that first",
        ));
    }
    Ok(())
}

/// Accepts suggestion `id`: its account changes, and the suggestion is marked accepted with the
/// account as it was, in one transaction.
pub fn accept(store: &mut Store, fw: &Framework, id: &str, now: DateTime<Utc>) -> Result<Suggestion> {
    let s = get(store, id)?;
    must_be(&s, Status::Open)?;
    let current = audit::account(store, &s.criterion_key, s.field)?;
    let changed = apply(&current, &s).ok_or_else(|| {
        Error::rule(
            "suggestion_no_longer_fits",
            [],
            "the account has changed since it was reviewed, so the place of this change cannot be found; make the change by hand and decline the suggestion",
        )
    })?;
    let texts = [(s.criterion_key.clone(), s.field, changed)];
    audit::set_accounts(store, fw, &texts, now, |tx| {
        tx.execute(
            "UPDATE feedback_suggestion SET status = ?2, previous = ?3 WHERE id = ?1",
            params![id, Status::Accepted.as_str(), current],
        )?;
        Ok(())
    })?;
    get(store, id)
}

/// Declines suggestion `id`: the account stays as it is.
pub fn decline(store: &mut Store, id: &str) -> Result<Suggestion> {
    let s = get(store, id)?;
    must_be(&s, Status::Open)?;
    set_status(store, id, Status::Declined)
}

/// Undoes accepting or declining suggestion `id`: an accepted one puts the account back as it was
/// before (in one transaction), and either is open again.
pub fn undo(store: &mut Store, fw: &Framework, id: &str, now: DateTime<Utc>) -> Result<Suggestion> {
    let s = get(store, id)?;
    match s.status {
        Status::Open => Ok(s),
        Status::Declined => set_status(store, id, Status::Open),
        Status::Accepted => {
            let previous: Option<String> = store
                .conn()
                .query_row("SELECT previous FROM feedback_suggestion WHERE id = ?1", [id], |r| r.get(0))?;
            let texts = [(s.criterion_key.clone(), s.field, previous.unwrap_or_default())];
            audit::set_accounts(store, fw, &texts, now, |tx| {
                tx.execute(
                    "UPDATE feedback_suggestion SET status = 'open', previous = NULL WHERE id = ?1",
                    [id],
                )?;
                Ok(())
            })?;
            get(store, id)
        }
    }
}

fn set_status(store: &mut Store, id: &str, status: Status) -> Result<Suggestion> {
    store.write(|tx| {
        tx.execute("UPDATE feedback_suggestion SET status = ?2 WHERE id = ?1", params![id, status.as_str()])?;
        Ok(())
    })?;
    get(store, id)
}

/// `text` as a reader of the Word file sees it: without the `*` of bold and italic, nor list and
/// sub-heading marks at a line's start; with, for each character kept, its byte offset in `text`.
fn plain(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut chars = Vec::new();
    let mut at = Vec::new();
    let mut line_start = true;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if line_start {
            let rest = &text[i..];
            let marker = ["### ", "- ", "* "].iter().find(|m| rest.starts_with(**m)).map(|m| m.len()).or_else(|| {
                let digits = rest.chars().take_while(|d| d.is_ascii_digit()).count();
                (digits > 0 && rest[digits..].starts_with(". ")).then_some(digits + 2)
            });
            if let Some(len) = marker {
                while iter.peek().is_some_and(|(j, _)| *j < i + len) {
                    iter.next();
                }
                line_start = false;
                continue;
            }
        }
        line_start = c == '\n';
        if c == '*' {
            continue;
        }
        if c == '\\' && iter.peek().is_some_and(|(_, n)| *n == '*') {
            let (j, n) = iter.next().unwrap_or((i, c));
            chars.push(n);
            at.push(j);
            continue;
        }
        chars.push(c);
        at.push(i);
    }
    (chars, at)
}

fn find(hay: &[char], needle: &[char]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The account `current` with suggestion `s` made, or None when its place cannot be found. The
/// words around it are tried whole first, then shorter, so that an earlier accepted change next to
/// it does not hide its place.
pub fn apply(current: &str, s: &Suggestion) -> Option<String> {
    let (chars, at) = plain(current);
    let byte_at = |i: usize| if i < at.len() { at[i] } else { current.len() };
    // The Word file may show marks the account stores ("**" typed before formatting was real).
    let unmarked = |t: &str| -> Vec<char> { t.chars().filter(|c| *c != '*').collect() };
    let before = unmarked(&s.before);
    let after = unmarked(&s.after);
    let text = unmarked(&s.text);
    if s.change == Change::Insert && before.is_empty() && after.is_empty() {
        let mut out = current.trim_end().to_string();
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(s.text.trim());
        return Some(out);
    }
    for keep in [usize::MAX, 30, 12, 4] {
        let b = &before[before.len().saturating_sub(keep)..];
        let a = &after[..after.len().min(keep)];
        let middle: &[char] = if s.change == Change::Delete { &text } else { &[] };
        let needle: Vec<char> = b.iter().chain(middle).chain(a).copied().collect();
        let Some(start) = find(&chars, &needle) else { continue };
        let from = start + b.len();
        let mut out = String::with_capacity(current.len() + s.text.len());
        match s.change {
            Change::Insert => {
                let cut = byte_at(from);
                out.push_str(&current[..cut]);
                out.push_str(&s.text);
                out.push_str(&current[cut..]);
            }
            Change::Delete => {
                let end = from + text.len();
                let cut_end = if end == 0 { 0 } else { at[end - 1] + chars[end - 1].len_utf8() };
                out.push_str(&current[..byte_at(from)]);
                out.push_str(&current[cut_end..]);
            }
        }
        return Some(out);
    }
    // The other half of a replacement may have been accepted first: then only one side of the
    // place (or, for a deletion, the words themselves) is still as it was. Used only when unique.
    let unique = |needle: &[char]| -> Option<usize> {
        let first = find(&chars, needle)?;
        find(&chars[first + 1..], needle).is_none().then_some(first)
    };
    match s.change {
        Change::Insert => {
            let b = &before[before.len().saturating_sub(12)..];
            let a = &after[..after.len().min(12)];
            let cut = if b.len() >= 4 {
                unique(b).map(|i| byte_at(i + b.len()))
            } else {
                None
            }
            .or_else(|| if a.len() >= 4 { unique(a).map(byte_at) } else { None })?;
            Some(format!("{}{}{}", &current[..cut], s.text, &current[cut..]))
        }
        Change::Delete => {
            if text.len() < 3 {
                return None;
            }
            let from = unique(&text)?;
            let end = from + text.len();
            let cut_end = at[end - 1] + chars[end - 1].len_utf8();
            Some(format!("{}{}", &current[..byte_at(from)], &current[cut_end..]))
        }
    }
}
