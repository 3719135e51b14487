//! Storing a reviewer's file as one new feedback round: its comments (with the words they were
//! anchored to, their author and date) and its suggested changes, in one transaction, and the
//! file's fingerprint, so that bringing the same file in again adds nothing.
//!
//! Not for: reading the file or deciding which criterion a remark is about (see `review`), nor
//! accepting the suggestions (see [`super::suggestion`]).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};

use super::{insert_comment_tx, insert_round_tx, round, round_is_live, CommentKind, NewComment, Round, RoundDraft, RoundKind};
use crate::audit::Account;
use crate::error::Result;
use crate::store::Store;

/// One remark to store.
#[derive(Debug, Clone, PartialEq)]
pub struct IncomingComment {
    pub criterion_key: Option<String>,
    pub kind: CommentKind,
    pub text: String,
    pub quote: String,
    pub author: String,
    pub made_on: Option<NaiveDate>,
}

/// One tracked change to store as a suggestion.
#[derive(Debug, Clone, PartialEq)]
pub struct IncomingSuggestion {
    pub criterion_key: String,
    pub field: Account,
    pub change: super::suggestion::SuggestionChange,
    pub text: String,
    pub before: String,
    pub after: String,
    pub author: String,
    pub made_on: Option<NaiveDate>,
}

/// A reviewer's file, read and placed.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// SHA-256 of the file's bytes, in hex.
    pub fingerprint: String,
    pub file_name: String,
    pub kind: RoundKind,
    pub from_whom: String,
    pub received_on: Option<NaiveDate>,
    pub comments: Vec<IncomingComment>,
    pub suggestions: Vec<IncomingSuggestion>,
}

/// What storing a file did.
#[derive(Debug, Clone, PartialEq)]
pub enum Stored {
    /// A new round with its comments and suggestions.
    New(Round),
    /// The same file was brought in before, as this round: nothing was added.
    Already(Round),
}

/// The live round a file with `fingerprint` was brought in as, if any.
pub fn imported_as(store: &Store, fingerprint: &str) -> Result<Option<Round>> {
    let id: Option<String> = store
        .conn()
        .query_row("SELECT round_id FROM feedback_import WHERE fingerprint = ?1", [fingerprint], |r| r.get(0))
        .optional()?;
    match id {
        Some(id) if round_is_live(store.conn(), &id)? => Ok(Some(round(store, &id)?)),
        _ => Ok(None),
    }
}

/// Stores `incoming` as a new open round, unless the same file came in before (and its round was
/// not deleted since: a deleted round's file may be brought in again).
pub fn store(store: &mut Store, incoming: &Incoming, now: DateTime<Utc>) -> Result<Stored> {
    if let Some(r) = imported_as(store, &incoming.fingerprint)? {
        return Ok(Stored::Already(r));
    }
    let draft = RoundDraft {
        kind: incoming.kind,
        received_on: incoming.received_on,
        from_whom: incoming.from_whom.clone(),
        due_date: None,
        summary: String::new(),
    };
    let id = store.write(|tx| {
        tx.execute("DELETE FROM feedback_import WHERE fingerprint = ?1", [&incoming.fingerprint])?;
        let id = insert_round_tx(tx, &draft, now)?;
        for c in &incoming.comments {
            let new = NewComment {
                criterion_key: c.criterion_key.as_deref(),
                kind: c.kind,
                text: &c.text,
                quote: &c.quote,
                author: &c.author,
                made_on: c.made_on,
            };
            insert_comment_tx(tx, &id, &new)?;
        }
        for (n, s) in incoming.suggestions.iter().enumerate() {
            tx.execute(
                "INSERT INTO feedback_suggestion (id, round_id, criterion_key, field, change, text, before, after, author, made_on, position) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![
                    uuid::Uuid::new_v4().to_string(),
                    id,
                    s.criterion_key,
                    s.field.as_str(),
                    s.change.as_str(),
                    s.text,
                    s.before,
                    s.after,
                    s.author,
                    s.made_on,
                    n as i64
                ],
            )?;
        }
        tx.execute(
            "INSERT INTO feedback_import (fingerprint, round_id, file_name, imported_at) VALUES (?1, ?2, ?3, ?4)",
            params![incoming.fingerprint, id, incoming.file_name, now.to_rfc3339()],
        )?;
        Ok(id)
    })?;
    Ok(Stored::New(round(store, &id)?))
}
