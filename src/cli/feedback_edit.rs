//! `sanctuary feedback edit`, `delete` and `undo`: correcting a round or a comment after it was
//! added, and deleting either in a way that can be undone. ID is the 8-character id `feedback list`
//! shows; it names a round or a comment, and the options that apply follow from which.
//!
//! Not for: adding rounds, comments or responses (see `feedback`).

use std::io::Write;

use chrono::{NaiveDate, Utc};

use super::{criterion_key, parse_date, Args, Context};
use crate::error::{Error, Result};
use crate::feedback::{self, CommentKind, RoundKind};
use crate::store::Store;

/// What an id typed at the command line names.
enum Named {
    Round(String),
    Comment(String),
}

/// The round or comment whose id starts with `prefix` (live, or deleted for undo).
fn named(store: &Store, prefix: &str, deleted: bool) -> Result<Named> {
    let look = |comments| if deleted { feedback::resolve_deleted(store, prefix, comments) } else { feedback::resolve(store, prefix, comments) };
    match (look(false), look(true)) {
        (Ok(_), Ok(_)) => Err(Error::Invalid(format!("`{prefix}` matches a round and a comment; type more of the id"))),
        (Ok(id), Err(_)) => Ok(Named::Round(id)),
        (Err(_), Ok(id)) => Ok(Named::Comment(id)),
        // The round's refusal names what was wrong with the id.
        (Err(e), Err(_)) => Err(e),
    }
}

/// A date option that may be cleared with `none`.
fn date_option(args: &Args, given: Option<String>, was: Option<NaiveDate>, what: &str) -> Result<Option<NaiveDate>> {
    Ok(match given.as_deref() {
        None => was,
        Some("none") | Some("") => None,
        Some(d) => Some(parse_date(args, d, what)?),
    })
}

/// `feedback edit ID …`: only the options given change.
pub fn edit(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let kind = args.value("--kind")?;
    let from = args.value("--from")?;
    let received = args.value("--received")?;
    let due = args.value("--due")?;
    let summary = args.value("--summary")?;
    let text = args.value("--text")?;
    let criterion = args.value("--criterion")?;
    let id = args.positional().ok_or_else(|| args.usage("say which round or comment: feedback edit ID …"))?;
    args.finish_ref()?;
    let mut store = ctx.store()?;
    match named(&store, &id, false)? {
        Named::Round(id) => {
            if text.is_some() || criterion.is_some() {
                return Err(args.usage("--text and --criterion change a comment; this id is a round (use --summary, --from, --received, --due, --kind)"));
            }
            let r = feedback::round(&store, &id)?;
            let draft = feedback::RoundDraft {
                kind: kind.map(|k| RoundKind::parse(&k)).transpose()?.unwrap_or(r.kind),
                received_on: date_option(&args, received, r.received_on, "--received")?,
                from_whom: from.unwrap_or(r.from_whom),
                due_date: date_option(&args, due, r.due_date, "--due")?,
                summary: summary.unwrap_or(r.summary),
            };
            let r = feedback::update_round(&mut store, &id, &draft, Utc::now())?;
            writeln!(ctx.out, "Saved {}  {}", &r.id[..8], r.kind.label()).ok();
        }
        Named::Comment(id) => {
            if from.is_some() || received.is_some() || due.is_some() || summary.is_some() {
                return Err(args.usage("--summary, --from, --received and --due change a round; this id is a comment (use --text, --kind, --criterion)"));
            }
            let c = feedback::comment(&store, &id)?;
            let fw = crate::school::framework(&store)?;
            let key = match criterion.as_deref() {
                None => c.criterion_key,
                Some("general") | Some("none") => None,
                Some(n) => Some(criterion_key(&args, &fw, n)?),
            };
            let kind = kind.map(|k| CommentKind::parse(&k)).transpose()?.unwrap_or(c.kind);
            let text = text.unwrap_or(c.comment);
            if text.trim().is_empty() {
                return Err(args.usage("a comment needs its text; to remove it use feedback delete ID"));
            }
            let c = feedback::update_comment(&mut store, &id, key.as_deref(), kind, &text)?;
            writeln!(ctx.out, "Saved {}  {}: {}", &c.id[..8], c.kind.as_str(), c.comment).ok();
        }
    }
    Ok(0)
}

/// `feedback delete ID`: deletes a round (with its comments) or a comment, reversibly.
pub fn delete(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let id = args.positional().ok_or_else(|| args.usage("say which round or comment: feedback delete ID"))?;
    args.finish_ref()?;
    let mut store = ctx.store()?;
    let now = Utc::now();
    let (id, what) = match named(&store, &id, false)? {
        Named::Round(id) => {
            feedback::delete_round(&mut store, &id, now)?;
            (id, "the round and its comments")
        }
        Named::Comment(id) => {
            feedback::delete_comment(&mut store, &id, now)?;
            (id, "the comment")
        }
    };
    writeln!(ctx.out, "Deleted {what}. To bring it back: sanctuary feedback undo {}", &id[..8]).ok();
    Ok(0)
}

/// `feedback undo ID`: brings back a deleted round or comment.
pub fn undo(ctx: &mut Context, store: &mut Store, id: &str) -> Result<i32> {
    match named(store, id, true)? {
        Named::Round(id) => {
            let r = feedback::undo_delete_round(store, &id)?;
            writeln!(ctx.out, "Brought back {}  {}", &r.id[..8], r.kind.label()).ok();
        }
        Named::Comment(id) => {
            let c = feedback::undo_delete_comment(store, &id)?;
            writeln!(ctx.out, "Brought back {}  {}", &c.id[..8], c.comment).ok();
        }
    }
    Ok(0)
}
