//! `sanctuary commitment`: the commitments register from the command line.

use std::io::Write;

use chrono::Utc;

use super::{criterion_key, subcommand, Args, Context};
use crate::commitments::{self, Commitment, CommitmentDraft};
use crate::error::Result;
use crate::framework::Framework;

pub const USAGE: &str = "commitment add --what TEXT [--owner NAME] [--by YYYY-MM-DD] [--criterion N|KEY]\n       \
commitment list\n       \
commitment edit ID [--what TEXT] [--owner NAME] [--by YYYY-MM-DD|none] [--criterion N|KEY|none]\n       \
commitment outcome ID TEXT | commitment delete ID | commitment undo ID\n\n\
A commitment is what the school promises to do in the three years after its award. When the renewal\n\
starts, each one is carried into the re-accreditation report: `outcome` records what happened.\n\
ID is the 8-character id that `commitment list` shows.";

/// Runs one of the `commitment` actions.
pub fn run(ctx: &mut Context, mut args: Args) -> Result<i32> {
    match subcommand(&mut args, &["list", "add", "edit", "outcome", "delete", "undo"])?.as_str() {
        "add" => add(ctx, args),
        "edit" => edit(ctx, args),
        "list" => list(ctx, args),
        "outcome" => outcome(ctx, args),
        "delete" => delete(ctx, args),
        _ => undo(ctx, args),
    }
}

/// A criterion as typed: its number in the framework, or its key as stored (the core refuses a key
/// the framework lacks, with a rule the window words too).
fn criterion(args: &Args, fw: &Framework, text: &str) -> Result<String> {
    if text.trim().chars().all(|c| c.is_ascii_digit()) {
        criterion_key(args, fw, text)
    } else {
        Ok(text.trim().to_string())
    }
}

fn add(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let what = args.value("--what")?;
    let owner = args.value("--owner")?.unwrap_or_default();
    let due = args.value("--by")?.unwrap_or_default();
    let number = args.value("--criterion")?;
    args.finish_ref()?;
    let what = what.ok_or_else(|| args.usage("say what the school commits to: commitment add --what TEXT"))?;
    let mut store = ctx.store()?;
    let fw = crate::school::framework(&store)?;
    let criterion_key = number.map(|n| criterion(&args, &fw, &n)).transpose()?.unwrap_or_default();
    let c = commitments::add(&mut store, &fw, &CommitmentDraft { what, owner, due, criterion_key }, Utc::now())?;
    writeln!(ctx.out, "Added {}  {}", c.short_id(), c.what).ok();
    Ok(0)
}

fn edit(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let what = args.value("--what")?;
    let owner = args.value("--owner")?;
    let due = args.value("--by")?;
    let number = args.value("--criterion")?;
    let id = args.positional().ok_or_else(|| args.usage("say which commitment: commitment edit ID --owner NAME …"))?;
    args.finish_ref()?;
    let mut store = ctx.store()?;
    let fw = crate::school::framework(&store)?;
    let c = commitments::find_by_prefix(&store, &id)?;
    let none = |v: &str| v == "none" || v.is_empty();
    // Start from the stored commitment so that only the options given change.
    let draft = CommitmentDraft {
        what: what.unwrap_or(c.what),
        owner: owner.unwrap_or(c.owner),
        due: match due {
            None => c.due.map(|d| d.to_string()).unwrap_or_default(),
            Some(d) if none(&d) => String::new(),
            Some(d) => d,
        },
        criterion_key: match number {
            None => c.criterion_key.unwrap_or_default(),
            Some(n) if none(&n) => String::new(),
            Some(n) => criterion(&args, &fw, &n)?,
        },
    };
    let saved = commitments::update(&mut store, &fw, &c.id, &draft, Utc::now())?;
    writeln!(ctx.out, "Saved {}  {}", saved.short_id(), saved.what).ok();
    Ok(0)
}

fn list(ctx: &mut Context, args: Args) -> Result<i32> {
    args.finish()?;
    let store = ctx.store()?;
    let fw = crate::school::framework(&store)?;
    let reg = commitments::register(&store)?;
    if reg.is_renewal() {
        writeln!(ctx.out, "Re-accreditation report: the commitments of the finished cycle").ok();
        if reg.carried.is_empty() {
            writeln!(ctx.out, "  (none were recorded)").ok();
        }
        for c in &reg.carried {
            write_commitment(&mut ctx.out, &fw, c);
            let outcome = if c.outcome.trim().is_empty() { "(not written yet)" } else { c.outcome.as_str() };
            writeln!(ctx.out, "            what happened: {outcome}").ok();
        }
        writeln!(ctx.out).ok();
    }
    writeln!(ctx.out, "Commitments for the next three years").ok();
    if reg.current.is_empty() {
        writeln!(ctx.out, "  (none yet: sanctuary commitment add --what TEXT)").ok();
    }
    for c in &reg.current {
        write_commitment(&mut ctx.out, &fw, c);
    }
    Ok(0)
}

fn write_commitment(out: &mut Box<dyn Write>, fw: &Framework, c: &Commitment) {
    let mut details = vec![format!("by {}", c.due.map(|d| d.to_string()).unwrap_or_else(|| "no date".into()))];
    if !c.owner.is_empty() {
        details.push(format!("owner {}", c.owner));
    }
    if let Some(k) = &c.criterion_key {
        details.push(format!("criterion {}", fw.criterion(k).map(|c| c.number.to_string()).unwrap_or_else(|| k.clone())));
    }
    writeln!(out, "   {} {}", c.short_id(), c.what).ok();
    writeln!(out, "            {}", details.join(" · ")).ok();
}

fn outcome(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let id = args.positional().ok_or_else(|| args.usage("say which commitment: commitment outcome ID TEXT"))?;
    // Unquoted words are joined, as for `plan add`.
    let text = args.rest().join(" ");
    args.finish_ref()?;
    let mut store = ctx.store()?;
    let c = commitments::find_by_prefix(&store, &id)?;
    let c = commitments::set_outcome(&mut store, &c.id, &text, Utc::now())?;
    writeln!(ctx.out, "Saved {}  what happened: {}", c.short_id(), c.outcome).ok();
    Ok(0)
}

fn delete(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let id = args.positional().ok_or_else(|| args.usage("say which commitment: commitment delete ID"))?;
    args.finish_ref()?;
    let mut store = ctx.store()?;
    let c = commitments::find_by_prefix(&store, &id)?;
    commitments::delete(&mut store, &c.id, Utc::now())?;
    writeln!(ctx.out, "Deleted {}  {} (undo: sanctuary commitment undo {})", c.short_id(), c.what, c.short_id()).ok();
    Ok(0)
}

fn undo(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let id = args.positional().ok_or_else(|| args.usage("say which deleted commitment: commitment undo ID"))?;
    args.finish_ref()?;
    let mut store = ctx.store()?;
    let full = commitments::resolve_deleted(&store, &id)?;
    let c = commitments::undo_delete(&mut store, &full)?;
    writeln!(ctx.out, "Restored {}  {}", c.short_id(), c.what).ok();
    Ok(0)
}
