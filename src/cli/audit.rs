//! `sanctuary audit`: the self-assessment per criterion, from the command line.

use std::io::Write;

use chrono::Utc;

use super::{criterion_key, parse_date, subcommand, Args, Context};
use crate::audit::{self, Patch};
use crate::error::Result;

pub const USAGE: &str = "audit set N [--status STATUS] [--note TEXT] [--gaps TEXT] [--reviewed-by NAME] [--reviewed-on YYYY-MM-DD]\n       \
audit show [N]\n       \
audit narrative N TEXT\n\n\
N is the criterion number in the school's framework. STATUS is one of the framework's levels, e.g.\n\
`not started`, `developing`, `established`, `fully in place`. --note is \"what we already do\". Only the\n\
fields given are changed. `audit narrative` saves what the application says for criterion N.\n\
Accounts (TEXT, --note, --gaps) take the app's small Markdown: a blank line between paragraphs, `- ` or\n\
`1. ` at a line start for a list (indent two spaces for a nested item), **bold**, *italic*, `### ` for a\n\
sub-heading, [words](https://...) for a link; E3 names exhibit 3.";

/// Runs `audit set` or `audit show`.
pub fn run(ctx: &mut Context, mut args: Args) -> Result<i32> {
    match subcommand(&mut args, &["show", "set", "narrative"])?.as_str() {
        "set" => set(ctx, args),
        "narrative" => narrative(ctx, args),
        _ => show(ctx, args),
    }
}

fn set(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let status = args.value("--status")?;
    let note = args.value("--note")?;
    let gaps = args.value("--gaps")?;
    let by = args.value("--reviewed-by")?;
    let on = args.value("--reviewed-on")?;
    let number = args.positional().ok_or_else(|| args.usage("say which criterion, by number: audit set N"))?;
    args.finish_ref()?;
    let mut store = ctx.store()?;
    let fw = crate::school::framework(&store)?;
    let key = criterion_key(&args, &fw, &number)?;
    let patch = Patch {
        level: status.as_deref().map(|s| audit::level_from_label(&fw, s)).transpose()?,
        already: note,
        gaps,
        reviewed_on: on.as_deref().map(|d| parse_date(&args, d, "--reviewed-on").map(Some)).transpose()?,
        reviewed_by: by,
    };
    if patch == Patch::default() {
        return Err(args.usage("nothing to change; give --status, --note, --gaps, --reviewed-by or --reviewed-on"));
    }
    let entry = audit::set(&mut store, &fw, &key, &patch, Utc::now())?;
    let c = fw.criterion(&key).expect("key came from this framework");
    writeln!(ctx.out, "Criterion {}. {}: {}", c.number, c.title, fw.level_label(entry.level)).ok();
    Ok(0)
}

fn narrative(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let number =
        args.positional().ok_or_else(|| args.usage("say which criterion, by number: audit narrative N TEXT"))?;
    let text = args.rest().join(" ");
    args.finish_ref()?;
    let mut store = ctx.store()?;
    let fw = crate::school::framework(&store)?;
    let key = criterion_key(&args, &fw, &number)?;
    audit::set_narrative(&mut store, &fw, &key, &text, Utc::now())?;
    let words = crate::richtext::parse(&text).words();
    writeln!(ctx.out, "Saved the application text for criterion {number} ({words} words)")
        .ok();
    Ok(0)
}

fn show(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let only = args.positional();
    args.finish_ref()?;
    let store = ctx.store()?;
    let fw = crate::school::framework(&store)?;
    let only = only.map(|n| criterion_key(&args, &fw, &n)).transpose()?;
    writeln!(ctx.out, "Audit: {} ({})", fw.name, fw.wording).ok();
    for strand in &fw.strands {
        let criteria: Vec<_> =
            fw.criteria_in(&strand.key).filter(|c| only.as_ref().is_none_or(|k| *k == c.key)).collect();
        if criteria.is_empty() {
            continue;
        }
        writeln!(ctx.out, "{}", strand.name).ok();
        for c in criteria {
            let e = audit::get(&store, &c.key)?;
            writeln!(ctx.out, "  {}. {} — {}", c.number, c.title, fw.level_label(e.level)).ok();
            if !e.already.is_empty() {
                writeln!(ctx.out, "     What we already do: {}", e.already).ok();
            }
            if !e.gaps.is_empty() {
                writeln!(ctx.out, "     Gaps: {}", e.gaps).ok();
            }
            let narrative = audit::narrative(&store, &c.key)?;
            if !narrative.is_empty() {
                writeln!(ctx.out, "     Application text: {}", narrative).ok();
            }
            if e.reviewed_on.is_some() || !e.reviewed_by.is_empty() {
                let on = e.reviewed_on.map(|d| d.to_string()).unwrap_or_else(|| "(no date)".into());
                writeln!(
                    ctx.out,
                    "     Reviewed {on}{}",
                    if e.reviewed_by.is_empty() { String::new() } else { format!(" by {}", e.reviewed_by) }
                )
                .ok();
            }
        }
    }
    Ok(0)
}
