//! `sanctuary plan`: the action plan from the command line.

use std::io::Write;

use chrono::Utc;

use super::{criterion_key, parse_date, subcommand, Args, Context};
use crate::error::Result;
use crate::framework::Framework;
use crate::plan::{self, Action, Draft, Filter, Status};

pub const USAGE: &str = "plan add TEXT --criterion N [--criterion M] [--owner NAME] [--due YYYY-MM-DD] [--partners TEXT] [--measure TEXT] [--status STATUS]\n       \
plan list [--by strand|month] [--status STATUS] [--criterion N] [--owner NAME] [--overdue]\n       \
plan edit ID [--text TEXT] [--criterion N]... [--owner NAME] [--due YYYY-MM-DD|none] [--partners TEXT] [--measure TEXT] [--notes TEXT]\n       \
plan done ID | plan status ID STATUS | plan delete ID | plan undo ID\n       \
plan suggestion [accept|dismiss]\n\n\
N is a criterion number; STATUS is planned, in progress, done or dropped; ID is the 8-character id\n\
that `plan list` shows. An action is overdue when it is planned or in progress and its due date has passed.";

/// Runs one of the `plan` actions.
pub fn run(ctx: &mut Context, mut args: Args) -> Result<i32> {
    match subcommand(&mut args, &["list", "add", "edit", "done", "status", "delete", "undo", "suggestion"])?.as_str() {
        "add" => add(ctx, args),
        "edit" => edit(ctx, args),
        "list" => list(ctx, args),
        "suggestion" => suggestion(ctx, args),
        "undo" => undo(ctx, args),
        other => change(ctx, args, other),
    }
}

fn add(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let numbers = args.values("--criterion")?;
    let owner = args.value("--owner")?.unwrap_or_default();
    let due = args.value("--due")?;
    let partners = args.value("--partners")?.unwrap_or_default();
    let measure = args.value("--measure")?.unwrap_or_default();
    let status = args.value("--status")?.map(|s| Status::parse(&s)).transpose()?.unwrap_or(Status::Planned);
    // Unquoted words are joined, so `plan add Hold a coffee morning --criterion 7` works too.
    let text = args.rest().join(" ");
    args.finish_ref()?;
    if text.trim().is_empty() {
        return Err(args.usage("say what the action is: plan add TEXT --criterion N"));
    }
    if numbers.is_empty() {
        return Err(args.usage("say which criterion the action serves: --criterion N (repeat for more)"));
    }
    let mut store = ctx.store()?;
    let fw = crate::school::framework(&store)?;
    let draft = Draft {
        action: text,
        criteria: numbers.iter().map(|n| criterion_key(&args, &fw, n)).collect::<Result<_>>()?,
        owner,
        partners,
        due_date: due.map(|d| parse_date(&args, &d, "--due")).transpose()?,
        status,
        success_measure: measure,
        ..Draft::default()
    };
    let a = plan::add(&mut store, &fw, &draft, Utc::now())?;
    writeln!(ctx.out, "Added {}  {}", a.short_id(), a.action).ok();
    Ok(0)
}

fn edit(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let text = args.value("--text")?;
    let numbers = args.values("--criterion")?;
    let owner = args.value("--owner")?;
    let due = args.value("--due")?;
    let partners = args.value("--partners")?;
    let measure = args.value("--measure")?;
    let notes = args.value("--notes")?;
    let id = args.positional().ok_or_else(|| args.usage("say which action: plan edit ID --owner NAME …"))?;
    args.finish_ref()?;
    let mut store = ctx.store()?;
    let fw = crate::school::framework(&store)?;
    let a = plan::find_by_prefix(&store, &id)?;
    // Start from the stored item so that only the options given change.
    let draft = Draft {
        action: text.unwrap_or(a.action),
        criteria: if numbers.is_empty() {
            a.criteria
        } else {
            numbers.iter().map(|n| criterion_key(&args, &fw, n)).collect::<Result<_>>()?
        },
        owner: owner.unwrap_or(a.owner),
        partners: partners.unwrap_or(a.partners),
        due_date: match due.as_deref() {
            None => a.due_date,
            Some("none") | Some("") => None,
            Some(d) => Some(parse_date(&args, d, "--due")?),
        },
        status: a.status,
        success_measure: measure.unwrap_or(a.success_measure),
        notes: notes.unwrap_or(a.notes),
    };
    let saved = plan::update(&mut store, &fw, &a.id, &draft, Utc::now())?;
    writeln!(ctx.out, "Saved {}  {}", saved.short_id(), saved.action).ok();
    Ok(0)
}

fn list(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let by = args.value("--by")?.unwrap_or_else(|| "strand".into());
    let status = args.value("--status")?.map(|s| Status::parse(&s)).transpose()?;
    let criterion = args.value("--criterion")?;
    let owner = args.value("--owner")?;
    let overdue_only = args.flag("--overdue");
    args.finish_ref()?;
    if by != "strand" && by != "month" {
        return Err(args.usage(&format!("--by takes `strand` or `month`, not `{by}`")));
    }
    let store = ctx.store()?;
    let fw = crate::school::framework(&store)?;
    let today = Utc::now().date_naive();
    let filter = Filter {
        status,
        criterion: criterion.map(|n| criterion_key(&args, &fw, &n)).transpose()?,
        owner,
        overdue_only,
    };
    let actions = plan::list(&store, &filter, today)?;
    let overdue = actions.iter().filter(|a| a.is_overdue(today)).count();
    writeln!(
        ctx.out,
        "Action plan: {} action{}, {overdue} overdue (as of {today})",
        actions.len(),
        if actions.len() == 1 { "" } else { "s" }
    )
    .ok();
    if actions.is_empty() {
        for s in plan::suggestions(&store, &fw, today)? {
            writeln!(
                ctx.out,
                "Suggestion: {} (due {}). Add it with `sanctuary plan suggestion accept`.",
                s.action,
                fmt_due(&s.due_date)
            )
            .ok();
        }
        return Ok(0);
    }
    let groups = if by == "month" { plan::by_month(&actions) } else { plan::by_strand(&fw, &actions) };
    for g in groups {
        writeln!(ctx.out, "\n{}", g.label).ok();
        for a in &g.actions {
            write_action(&mut ctx.out, &fw, a, today);
        }
    }
    Ok(0)
}

fn fmt_due(d: &Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "no due date".into())
}

fn write_action(out: &mut Box<dyn Write>, fw: &Framework, a: &Action, today: chrono::NaiveDate) {
    let numbers: Vec<String> =
        a.criteria.iter().map(|k| fw.criterion(k).map(|c| c.number.to_string()).unwrap_or_else(|| k.clone())).collect();
    let mut details = vec![a.status.label().to_string(), format!("due {}", fmt_due(&a.due_date))];
    if a.is_overdue(today) {
        details[1].push_str(" OVERDUE");
    }
    if !a.owner.is_empty() {
        details.push(format!("owner {}", a.owner));
    }
    details.push(format!("criteria {}", numbers.join(", ")));
    if !a.partners.is_empty() {
        details.push(format!("partners {}", a.partners));
    }
    writeln!(out, "  {}{} {}", if a.is_overdue(today) { "!" } else { " " }, a.short_id(), a.action).ok();
    writeln!(out, "            {}", details.join(" · ")).ok();
    if !a.success_measure.is_empty() {
        writeln!(out, "            success: {}", a.success_measure).ok();
    }
}

fn change(ctx: &mut Context, mut args: Args, what: &str) -> Result<i32> {
    let id = args.positional().ok_or_else(|| args.usage(&format!("say which action: plan {what} ID")))?;
    let status = if what == "status" {
        let s = args.rest().join(" ");
        Some(Status::parse(&s)?)
    } else {
        None
    };
    args.finish_ref()?;
    let mut store = ctx.store()?;
    let a = plan::find_by_prefix(&store, &id)?;
    let now = Utc::now();
    match what {
        "delete" => {
            plan::delete(&mut store, &a.id, now)?;
            writeln!(ctx.out, "Deleted {}  {} (undo: sanctuary plan undo {})", a.short_id(), a.action, a.short_id())
                .ok();
        }
        _ => {
            let status = status.unwrap_or(Status::Done);
            let a = plan::set_status(&mut store, &a.id, status, now)?;
            writeln!(ctx.out, "{}  {}: {}", a.short_id(), a.action, a.status.label()).ok();
        }
    }
    Ok(0)
}

fn undo(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let id = args.positional().ok_or_else(|| args.usage("say which deleted action: plan undo ID"))?;
    args.finish_ref()?;
    let mut store = ctx.store()?;
    let full = plan::resolve_deleted(&store, &id)?;
    let a = plan::undo_delete(&mut store, &full)?;
    writeln!(ctx.out, "Restored {}  {}", a.short_id(), a.action).ok();
    Ok(0)
}

fn suggestion(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let what = args.positional();
    args.finish_ref()?;
    let mut store = ctx.store()?;
    let fw = crate::school::framework(&store)?;
    let today = Utc::now().date_naive();
    let suggestions = plan::suggestions(&store, &fw, today)?;
    match what.as_deref() {
        None => {
            if suggestions.is_empty() {
                writeln!(ctx.out, "No suggestions (the plan already has actions, or they were dismissed).").ok();
            }
            for s in &suggestions {
                writeln!(ctx.out, "Suggestion: {} (due {})", s.action, fmt_due(&s.due_date)).ok();
            }
        }
        Some("accept") => {
            let Some(s) = suggestions.first() else {
                return Err(args.usage("there is no suggestion to accept (the plan already has actions)"));
            };
            let a = plan::add(&mut store, &fw, s, Utc::now())?;
            writeln!(ctx.out, "Added {}  {}", a.short_id(), a.action).ok();
        }
        Some("dismiss") => {
            plan::dismiss_suggestions(&mut store)?;
            writeln!(ctx.out, "Suggestions dismissed.").ok();
        }
        Some(other) => {
            return Err(args.usage(&format!("`{other}`: use plan suggestion accept, or plan suggestion dismiss")))
        }
    }
    Ok(0)
}
