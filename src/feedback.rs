//! Feedback from the local lead and the panel: rounds (a draft review, a panel's appraisal form, a
//! visit, a request for further evidence), each with per-criterion comments and the school's response.
//!
//! A comment "needs an answer" when it is an improvement or a question, sits in an open round and has
//! no response yet; strengths need none. That is what the readiness view counts as open feedback.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::store::{soft_delete, Store};

pub mod import;
pub mod suggestion;

const MAX_TEXT: usize = 20_000;

/// What kind of feedback a round is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum RoundKind {
    DraftReview,
    PanelAppraisal,
    Visit,
    FurtherEvidence,
}

impl RoundKind {
    pub const ALL: [RoundKind; 4] =
        [RoundKind::DraftReview, RoundKind::PanelAppraisal, RoundKind::Visit, RoundKind::FurtherEvidence];

    pub fn as_str(self) -> &'static str {
        match self {
            RoundKind::DraftReview => "draft_review",
            RoundKind::PanelAppraisal => "panel_appraisal",
            RoundKind::Visit => "visit",
            RoundKind::FurtherEvidence => "further_evidence",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RoundKind::DraftReview => "Draft review",
            RoundKind::PanelAppraisal => "Panel appraisal",
            RoundKind::Visit => "Visit",
            RoundKind::FurtherEvidence => "Further-evidence request",
        }
    }

    /// Reads a stored kind. `appraisal` is an older spelling of a panel appraisal; any other odd
    /// value reads as a draft review rather than failing the whole list.
    fn from_stored(text: &str) -> RoundKind {
        if text == "appraisal" {
            return RoundKind::PanelAppraisal;
        }
        RoundKind::parse(text).unwrap_or(RoundKind::DraftReview)
    }

    pub fn parse(text: &str) -> Result<RoundKind> {
        let t = text.trim().to_lowercase().replace([' ', '-'], "_");
        RoundKind::ALL.into_iter().find(|k| k.as_str() == t).ok_or_else(|| {
            Error::rule(
                "feedback_round_kind",
                [("value", text.into())],
                format!("`{text}` is not a kind of feedback; use draft review, panel appraisal, visit or further evidence"),
            )
        })
    }
}

/// What a comment says about a criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum CommentKind {
    Strength,
    Improvement,
    Question,
}

impl CommentKind {
    pub const ALL: [CommentKind; 3] = [CommentKind::Strength, CommentKind::Improvement, CommentKind::Question];

    pub fn as_str(self) -> &'static str {
        match self {
            CommentKind::Strength => "strength",
            CommentKind::Improvement => "improvement",
            CommentKind::Question => "question",
        }
    }

    pub fn parse(text: &str) -> Result<CommentKind> {
        let t = text.trim().to_lowercase();
        CommentKind::ALL.into_iter().find(|k| k.as_str() == t).ok_or_else(|| {
            Error::rule("feedback_comment_kind", [("value", text.into())], format!("`{text}` is not a kind of comment; use strength, improvement or question"))
        })
    }
}

/// One comment and the school's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "FeedbackComment")]
pub struct Comment {
    pub id: String,
    pub round_id: String,
    /// None for a comment about the application as a whole.
    pub criterion_key: Option<String>,
    pub kind: CommentKind,
    pub comment: String,
    pub response: String,
    /// The words of the reviewed file the comment was anchored to (a Word comment's range, a PDF
    /// highlight's words); empty for a comment typed in.
    pub quote: String,
    /// Who wrote it, when it came from a reviewer's file.
    pub author: String,
    /// When the reviewer wrote it, when the file says.
    pub made_on: Option<NaiveDate>,
}

impl Comment {
    /// An improvement or question with no response yet.
    pub fn needs_answer(&self) -> bool {
        self.kind != CommentKind::Strength && self.response.trim().is_empty()
    }
}

/// One round of feedback with its comments in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "FeedbackRound")]
pub struct Round {
    pub id: String,
    pub kind: RoundKind,
    pub received_on: Option<NaiveDate>,
    pub from_whom: String,
    pub due_date: Option<NaiveDate>,
    pub summary: String,
    /// The school's answer to the round as a whole. Nothing in this build writes it (answers go on
    /// the comments), but a round brought in from a backup or contribution may carry one, and the
    /// portfolio prints it.
    pub response: String,
    pub closed: bool,
    pub comments: Vec<Comment>,
}

/// The fields of a round the user edits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "FeedbackRoundDraft")]
pub struct RoundDraft {
    pub kind: RoundKind,
    pub received_on: Option<NaiveDate>,
    pub from_whom: String,
    pub due_date: Option<NaiveDate>,
    pub summary: String,
}

fn check_text(name: &str, text: &str) -> Result<()> {
    if text.chars().count() > MAX_TEXT {
        return Err(Error::rule(
            "text_too_long",
            [("max", (MAX_TEXT as i64).into())],
            format!("the {name} is longer than {MAX_TEXT} characters; shorten it"),
        ));
    }
    Ok(())
}

/// Records a new round (open).
pub fn add_round(store: &mut Store, draft: &RoundDraft, now: DateTime<Utc>) -> Result<Round> {
    check_text("summary", &draft.summary)?;
    check_text("\"from\" field", &draft.from_whom)?;
    let id = uuid::Uuid::new_v4().to_string();
    store.write(|tx| {
        tx.execute(
            "INSERT INTO feedback_round (id, kind, received_on, from_whom, due_date, summary, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![
                id,
                draft.kind.as_str(),
                draft.received_on,
                draft.from_whom,
                draft.due_date,
                draft.summary,
                now.to_rfc3339()
            ],
        )?;
        Ok(())
    })?;
    round(store, &id)
}

/// Saves the edited fields of round `id`.
pub fn update_round(store: &mut Store, id: &str, draft: &RoundDraft, now: DateTime<Utc>) -> Result<Round> {
    check_text("summary", &draft.summary)?;
    check_text("\"from\" field", &draft.from_whom)?;
    changed(store.write(|tx| {
        Ok(tx.execute(
            "UPDATE feedback_round SET kind=?2, received_on=?3, from_whom=?4, due_date=?5, summary=?6, updated_at=?7 \
             WHERE id=?1 AND deleted_at IS NULL",
            params![id, draft.kind.as_str(), draft.received_on, draft.from_whom, draft.due_date, draft.summary, now.to_rfc3339()],
        )?)
    })?, "feedback round", id)?;
    round(store, id)
}

/// Marks round `id` closed (everything answered) or open again.
pub fn set_closed(store: &mut Store, id: &str, closed: bool, now: DateTime<Utc>) -> Result<Round> {
    changed(
        store.write(|tx| {
            Ok(tx.execute(
                "UPDATE feedback_round SET closed=?2, updated_at=?3 WHERE id=?1 AND deleted_at IS NULL",
                params![id, closed, now.to_rfc3339()],
            )?)
        })?,
        "feedback round",
        id,
    )?;
    round(store, id)
}

/// Deletes round `id` with its comments, reversibly.
pub fn delete_round(store: &mut Store, id: &str, now: DateTime<Utc>) -> Result<()> {
    soft_delete::delete(store, ROUNDS, id, now)
}

/// Brings back a deleted round.
pub fn undo_delete_round(store: &mut Store, id: &str) -> Result<Round> {
    soft_delete::undo(store, ROUNDS, id, None)?;
    round(store, id)
}

/// Adds a comment at the end of round `round_id`.
pub fn add_comment(
    store: &mut Store,
    round_id: &str,
    criterion_key: Option<&str>,
    kind: CommentKind,
    text: &str,
) -> Result<Comment> {
    check_text("comment", text)?;
    round(store, round_id)?;
    let id = uuid::Uuid::new_v4().to_string();
    store.write(|tx| {
        tx.execute(
            "INSERT INTO feedback_comment (id, round_id, criterion_key, kind, comment, position) \
             VALUES (?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(position), -1) + 1 FROM feedback_comment WHERE round_id = ?2))",
            params![id, round_id, criterion_key, kind.as_str(), text],
        )?;
        Ok(())
    })?;
    comment(store, &id)
}

/// A comment brought in from a reviewer's file, written inside the caller's transaction (an import
/// writes its round, comments and suggestions in one).
pub(crate) struct NewComment<'a> {
    pub criterion_key: Option<&'a str>,
    pub kind: CommentKind,
    pub text: &'a str,
    pub quote: &'a str,
    pub author: &'a str,
    pub made_on: Option<NaiveDate>,
}

/// Inserts `c` at the end of round `round_id` in `tx`; returns its id.
pub(crate) fn insert_comment_tx(tx: &rusqlite::Transaction, round_id: &str, c: &NewComment) -> Result<String> {
    check_text("comment", c.text)?;
    check_text("quoted text", c.quote)?;
    let id = uuid::Uuid::new_v4().to_string();
    tx.execute(
        "INSERT INTO feedback_comment (id, round_id, criterion_key, kind, comment, quote, author, made_on, position) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, (SELECT coalesce(max(position), -1) + 1 FROM feedback_comment WHERE round_id = ?2))",
        params![id, round_id, c.criterion_key, c.kind.as_str(), c.text, c.quote, c.author, c.made_on],
    )?;
    Ok(id)
}

/// Inserts a new open round inside the caller's transaction; returns its id.
pub(crate) fn insert_round_tx(tx: &rusqlite::Transaction, draft: &RoundDraft, now: DateTime<Utc>) -> Result<String> {
    check_text("summary", &draft.summary)?;
    check_text("\"from\" field", &draft.from_whom)?;
    let id = uuid::Uuid::new_v4().to_string();
    tx.execute(
        "INSERT INTO feedback_round (id, kind, received_on, from_whom, due_date, summary, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![id, draft.kind.as_str(), draft.received_on, draft.from_whom, draft.due_date, draft.summary, now.to_rfc3339()],
    )?;
    Ok(id)
}

/// True when round `id` exists and is not deleted.
pub(crate) fn round_is_live(conn: &rusqlite::Connection, id: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM feedback_round WHERE id = ?1 AND deleted_at IS NULL", [id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Saves the wording, kind or criterion of comment `id`.
pub fn update_comment(
    store: &mut Store,
    id: &str,
    criterion_key: Option<&str>,
    kind: CommentKind,
    text: &str,
) -> Result<Comment> {
    check_text("comment", text)?;
    changed(
        store.write(|tx| {
            Ok(tx.execute(
                "UPDATE feedback_comment SET criterion_key=?2, kind=?3, comment=?4 WHERE id=?1 AND deleted_at IS NULL",
                params![id, criterion_key, kind.as_str(), text],
            )?)
        })?,
        "comment",
        id,
    )?;
    comment(store, id)
}

/// Saves the school's response to comment `id`.
pub fn respond(store: &mut Store, id: &str, response: &str) -> Result<Comment> {
    check_text("response", response)?;
    changed(
        store.write(|tx| {
            Ok(tx.execute(
                "UPDATE feedback_comment SET response=?2 WHERE id=?1 AND deleted_at IS NULL",
                params![id, response],
            )?)
        })?,
        "comment",
        id,
    )?;
    comment(store, id)
}

/// Deletes comment `id`, reversibly.
pub fn delete_comment(store: &mut Store, id: &str, now: DateTime<Utc>) -> Result<()> {
    soft_delete::delete(store, COMMENTS, id, now)
}

/// Brings back a deleted comment.
pub fn undo_delete_comment(store: &mut Store, id: &str) -> Result<Comment> {
    soft_delete::undo(store, COMMENTS, id, None)?;
    comment(store, id)
}

/// Rounds and comments for the shared soft delete and id lookup.
const ROUNDS: soft_delete::Rows =
    soft_delete::Rows { table: "feedback_round", what: "feedback round", deleted_what: "deleted feedback round" };
const COMMENTS: soft_delete::Rows =
    soft_delete::Rows { table: "feedback_comment", what: "comment", deleted_what: "deleted comment" };

fn changed(rows: usize, what: &'static str, id: &str) -> Result<()> {
    soft_delete::found(rows, what, id)
}

const COMMENT_COLUMNS: &str = "c.id, c.round_id, c.criterion_key, c.kind, c.comment, c.response, c.quote, c.author, c.made_on";

fn comment_row(r: &rusqlite::Row) -> rusqlite::Result<Comment> {
    let kind: String = r.get(3)?;
    Ok(Comment {
        id: r.get(0)?,
        round_id: r.get(1)?,
        criterion_key: r.get(2)?,
        // Rows are only written through CommentKind; an odd value is shown as a question, which asks
        // for an answer rather than hiding it.
        kind: CommentKind::parse(&kind).unwrap_or(CommentKind::Question),
        comment: r.get(4)?,
        response: r.get(5)?,
        quote: r.get(6)?,
        author: r.get(7)?,
        made_on: r.get(8)?,
    })
}

/// Live comment `id` (the name the review import uses).
pub fn comment_by_id(store: &Store, id: &str) -> Result<Comment> {
    comment(store, id)
}

/// A live comment by id.
pub fn comment(store: &Store, id: &str) -> Result<Comment> {
    store
        .conn()
        .query_row(
            &format!("SELECT {COMMENT_COLUMNS} FROM feedback_comment c WHERE c.id = ?1 AND c.deleted_at IS NULL"),
            [id],
            comment_row,
        )
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "comment", id: id.to_string() })
}

/// A live round with its live comments.
pub fn round(store: &Store, id: &str) -> Result<Round> {
    rounds_where(store, "AND r.id = ?1", id, Order::Window)?
        .pop()
        .ok_or_else(|| Error::NotFound { what: "feedback round", id: id.to_string() })
}

/// Every live round, newest received first (undated at the top, as they are probably being typed).
pub fn rounds(store: &Store) -> Result<Vec<Round>> {
    rounds_where(store, "AND ?1 = ?1", "", Order::Window)
}

/// Every live round in the order they came (oldest received first, undated last), as a portfolio
/// tells the story of its feedback.
pub fn rounds_as_received(store: &Store) -> Result<Vec<Round>> {
    rounds_where(store, "AND ?1 = ?1", "", Order::AsReceived)
}

/// The two orders rounds are read in: the window's and the portfolio's. Each also settles ties
/// between comments at the same position its own way, as each always has.
#[derive(Clone, Copy)]
enum Order {
    Window,
    AsReceived,
}

impl Order {
    fn rounds(self) -> &'static str {
        match self {
            Order::Window => "r.received_on IS NOT NULL, r.received_on DESC, r.created_at DESC",
            Order::AsReceived => "r.received_on IS NULL, r.received_on, r.created_at, r.id",
        }
    }

    fn comments(self) -> &'static str {
        match self {
            Order::Window => "c.position, c.rowid",
            Order::AsReceived => "c.position, c.id",
        }
    }
}

fn rounds_where(store: &Store, clause: &str, arg: &str, order: Order) -> Result<Vec<Round>> {
    let conn = store.conn();
    let mut stmt = conn.prepare(&format!(
        "SELECT r.id, r.kind, r.received_on, r.from_whom, r.due_date, r.summary, r.closed, r.response FROM feedback_round r \
         WHERE r.deleted_at IS NULL {clause} ORDER BY {}",
        order.rounds()
    ))?;
    let mut out: Vec<Round> = stmt
        .query_map([arg], |r| {
            let kind: String = r.get(1)?;
            Ok(Round {
                id: r.get(0)?,
                kind: RoundKind::from_stored(&kind),
                received_on: r.get(2)?,
                from_whom: r.get(3)?,
                due_date: r.get(4)?,
                summary: r.get(5)?,
                closed: r.get(6)?,
                response: r.get(7)?,
                comments: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // The comments of all those rounds in one more query (not one per round), then dealt out.
    let mut cstmt = conn.prepare(&format!(
        "SELECT {COMMENT_COLUMNS} FROM feedback_comment c JOIN feedback_round r ON r.id = c.round_id \
         WHERE c.deleted_at IS NULL AND r.deleted_at IS NULL {clause} ORDER BY {}",
        order.comments()
    ))?;
    let mut by_round: std::collections::HashMap<String, Vec<Comment>> = std::collections::HashMap::new();
    for c in cstmt.query_map([arg], comment_row)? {
        let c = c?;
        by_round.entry(c.round_id.clone()).or_default().push(c);
    }
    for r in &mut out {
        r.comments = by_round.remove(&r.id).unwrap_or_default();
    }
    Ok(out)
}

/// Comments that still need the school's answer (in open rounds), optionally for one criterion.
pub fn needing_answer(store: &Store, criterion_key: Option<&str>) -> Result<Vec<Comment>> {
    Ok(rounds(store)?
        .into_iter()
        .filter(|r| !r.closed)
        .flat_map(|r| r.comments)
        .filter(|c| c.needs_answer() && criterion_key.is_none_or(|k| c.criterion_key.as_deref() == Some(k)))
        .collect())
}

/// The full id of the live round (`comments: false`) or comment (`comments: true`) whose id starts
/// with `prefix`, as typed at the command line.
pub fn resolve(store: &Store, prefix: &str, comments: bool) -> Result<String> {
    // A comment of a deleted round is gone with its round.
    let (rows, also) = if comments {
        (COMMENTS, "EXISTS (SELECT 1 FROM feedback_round r WHERE r.id = t.round_id AND r.deleted_at IS NULL)")
    } else {
        (ROUNDS, "")
    };
    let how = soft_delete::Lookup { deleted: false, also, list_command: "sanctuary feedback list", plural: "items" };
    soft_delete::resolve(store, rows, prefix, how)
}

/// The full id of the deleted round (`comments: false`) or comment (`comments: true`) whose id
/// starts with `prefix`, as an undo typed at the command line names it.
pub fn resolve_deleted(store: &Store, prefix: &str, comments: bool) -> Result<String> {
    let rows = if comments { COMMENTS } else { ROUNDS };
    let how = soft_delete::Lookup { deleted: true, also: "", list_command: "sanctuary feedback list", plural: "items" };
    soft_delete::resolve(store, rows, prefix, how)
}
