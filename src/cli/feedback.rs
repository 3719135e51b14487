//! `sanctuary feedback`: rounds of feedback from the local lead or panel, comments and responses.

use std::io::Write;

use chrono::Utc;

use super::{criterion_key, parse_date, subcommand, Args, Context};
use crate::error::Result;
use crate::feedback::{self, CommentKind, RoundDraft, RoundKind};

pub const USAGE: &str = "feedback list\n       \
feedback add KIND [--from WHO] [--received YYYY-MM-DD] [--due YYYY-MM-DD] [--summary TEXT]\n       \
feedback comment ROUND TEXT [--kind strength|improvement|question] [--criterion N]\n       \
feedback respond COMMENT TEXT\n       \
feedback close ROUND | feedback reopen ROUND\n       \
feedback edit ROUND [--kind KIND] [--from WHO] [--received YYYY-MM-DD|none] [--due YYYY-MM-DD|none] [--summary TEXT]\n       \
feedback edit COMMENT [--text TEXT] [--kind strength|improvement|question] [--criterion N|general]\n       \
feedback delete ROUND|COMMENT | feedback undo ROUND|COMMENT|SUGGESTION\n       \
feedback import FILE.docx|FILE.pdf [--kind KIND]\n       \
feedback suggestions | feedback accept|decline SUGGESTION\n\n\
`feedback import` brings in a reviewer's Word comments and tracked changes or PDF comments as one\n\
new round (a draft review unless --kind says otherwise); the same file twice adds nothing.\n\
KIND is draft review, panel appraisal, visit or further evidence. ROUND and COMMENT are the\n\
8-character ids that `feedback list` shows. A comment without --kind is a question. `edit` changes
only the options given; deleting a round deletes its comments with it, and `undo` brings either back.";

/// Runs one of the `feedback` actions.
pub fn run(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let what = subcommand(
        &mut args,
        &["list", "add", "comment", "respond", "close", "reopen", "edit", "delete", "undo", "import", "suggestions", "accept", "decline"],
    )?;
    let now = Utc::now();
    match what.as_str() {
        "edit" => return super::feedback_edit::edit(ctx, args),
        "delete" => return super::feedback_edit::delete(ctx, args),
        "undo" => return undo(ctx, args),
        "import" | "suggestions" | "accept" | "decline" => return review(ctx, args, &what),
        "list" => {
            args.finish_ref()?;
            let store = ctx.store()?;
            let fw = crate::school::framework(&store)?;
            let rounds = feedback::rounds(&store)?;
            if rounds.is_empty() {
                writeln!(ctx.out, "No feedback recorded yet.").ok();
            }
            for r in rounds {
                let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
                writeln!(
                    ctx.out,
                    "{}  {} from {} (received {}, respond by {}){}",
                    &r.id[..8],
                    r.kind.label(),
                    if r.from_whom.is_empty() { "—" } else { &r.from_whom },
                    date(r.received_on),
                    date(r.due_date),
                    if r.closed { " [closed]" } else { "" }
                )
                .ok();
                if !r.summary.is_empty() {
                    writeln!(ctx.out, "          {}", r.summary).ok();
                }
                for c in &r.comments {
                    let about = match c.criterion_key.as_deref().map(|k| fw.criterion(k).map(|c| c.number)) {
                        Some(Some(n)) => format!("criterion {n}"),
                        Some(None) => c.criterion_key.clone().unwrap_or_default(),
                        None => "general".into(),
                    };
                    let flag = if !r.closed && c.needs_answer() { "!" } else { " " };
                    writeln!(ctx.out, "  {flag}{}  {} ({about}): {}", &c.id[..8], c.kind.as_str(), c.comment).ok();
                    if !c.response.is_empty() {
                        writeln!(ctx.out, "            Our response: {}", c.response).ok();
                    }
                }
            }
        }
        "add" => {
            let from = args.value("--from")?.unwrap_or_default();
            let received = args.value("--received")?;
            let due = args.value("--due")?;
            let summary = args.value("--summary")?.unwrap_or_default();
            let kind = args.rest().join(" ");
            args.finish_ref()?;
            if kind.is_empty() {
                return Err(
                    args.usage("say what kind of feedback: draft review, panel appraisal, visit or further evidence")
                );
            }
            let draft = RoundDraft {
                kind: RoundKind::parse(&kind)?,
                received_on: received.map(|d| parse_date(&args, &d, "--received")).transpose()?,
                from_whom: from,
                due_date: due.map(|d| parse_date(&args, &d, "--due")).transpose()?,
                summary,
            };
            let mut store = ctx.store()?;
            let r = feedback::add_round(&mut store, &draft, now)?;
            writeln!(ctx.out, "Added {}  {}", &r.id[..8], r.kind.label()).ok();
        }
        "comment" => {
            let kind =
                args.value("--kind")?.map(|k| CommentKind::parse(&k)).transpose()?.unwrap_or(CommentKind::Question);
            let number = args.value("--criterion")?;
            let round = args.positional().ok_or_else(|| args.usage("say which round: feedback comment ROUND TEXT"))?;
            let text = args.rest().join(" ");
            args.finish_ref()?;
            if text.trim().is_empty() {
                return Err(args.usage("give the comment's text: feedback comment ROUND TEXT"));
            }
            let mut store = ctx.store()?;
            let fw = crate::school::framework(&store)?;
            let key = number.map(|n| criterion_key(&args, &fw, &n)).transpose()?;
            let round = feedback::resolve(&store, &round, false)?;
            let c = feedback::add_comment(&mut store, &round, key.as_deref(), kind, &text)?;
            writeln!(ctx.out, "Added {}  {}: {}", &c.id[..8], c.kind.as_str(), c.comment).ok();
        }
        "respond" => {
            let id = args.positional().ok_or_else(|| args.usage("say which comment: feedback respond COMMENT TEXT"))?;
            let text = args.rest().join(" ");
            args.finish_ref()?;
            let mut store = ctx.store()?;
            let id = feedback::resolve(&store, &id, true)?;
            let c = feedback::respond(&mut store, &id, &text)?;
            writeln!(ctx.out, "Saved the response to {}", &c.id[..8]).ok();
        }
        _ => {
            let id = args.positional().ok_or_else(|| args.usage(&format!("say which round: feedback {what} ROUND")))?;
            args.finish_ref()?;
            let mut store = ctx.store()?;
            let id = feedback::resolve(&store, &id, false)?;
            let r = feedback::set_closed(&mut store, &id, what == "close", now)?;
            writeln!(ctx.out, "{} {}", &r.id[..8], if r.closed { "closed" } else { "reopened" }).ok();
        }
    }
    Ok(0)
}

/// `feedback undo ID`, one for everything this command can take back: an accepted or declined
/// suggestion when the id names one, else a deleted round or comment.
fn undo(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let id = args.positional().ok_or_else(|| args.usage("give the id that `feedback delete` or `feedback suggestions` printed"))?;
    args.finish_ref()?;
    let mut store = ctx.store()?;
    if let Ok(suggestion) = feedback::suggestion::resolve(&store, &id) {
        let fw = crate::school::framework(&store)?;
        let s = feedback::suggestion::undo(&mut store, &fw, &suggestion, Utc::now())?;
        writeln!(ctx.out, "{}  {:?}", &s.id[..8], s.status).ok();
        return Ok(0);
    }
    super::feedback_edit::undo(ctx, &mut store, &id)
}

/// `feedback import`, `suggestions`, `accept` and `decline`.
fn review(ctx: &mut Context, mut args: Args, what: &str) -> Result<i32> {
    use crate::feedback::suggestion::{self, SuggestionChange as Change};
    let now = Utc::now();
    let mut store = ctx.store()?;
    let fw = crate::school::framework(&store)?;
    match what {
        "import" => {
            let kind = args.value("--kind")?.map(|k| RoundKind::parse(&k)).transpose()?;
            let file = args.positional().ok_or_else(|| args.usage("say which file: feedback import FILE"))?;
            args.finish_ref()?;
            let report = crate::review::import(&mut store, std::path::Path::new(&file), kind, now)?;
            if report.already {
                writeln!(ctx.out, "This file was brought in before (round {}); nothing was added.", &report.round_id[..8]).ok();
            } else {
                writeln!(
                    ctx.out,
                    "Added {}  from {}: {}, {}; {} could not be placed on a criterion (general).",
                    &report.round_id[..8],
                    if report.from_whom.is_empty() { "—" } else { &report.from_whom },
                    super::count(report.comments, "comment", "comments"),
                    super::count(report.suggestions, "suggested change", "suggested changes"),
                    report.general
                )
                .ok();
            }
        }
        "suggestions" => {
            args.finish_ref()?;
            for s in suggestion::all(&store)? {
                let n = fw.criterion(&s.criterion_key).map(|c| c.number.to_string()).unwrap_or_default();
                let sign = if s.change == Change::Insert { "insert" } else { "delete" };
                writeln!(ctx.out, "{}  criterion {n} {} [{:?}] {sign} “{}” ({})", &s.id[..8], s.field.as_str(), s.status, s.text, s.author).ok();
            }
        }
        _ => {
            let id = args.positional().ok_or_else(|| args.usage(&format!("say which suggestion: feedback {what} SUGGESTION")))?;
            args.finish_ref()?;
            let id = suggestion::resolve(&store, &id)?;
            let s = match what {
                "accept" => suggestion::accept(&mut store, &fw, &id, now)?,
                _ => suggestion::decline(&mut store, &id)?,
            };
            writeln!(ctx.out, "{}  {:?}", &s.id[..8], s.status).ok();
        }
    }
    Ok(0)
}
