//! `sanctuary journey`: the steps from pledge to award, their dates, and the renewal countdown.

use std::io::Write;

use chrono::Utc;

use super::{parse_date, subcommand, Args, Context};
use crate::error::Result;
use crate::journey;

pub const USAGE: &str = "journey show\n       \
journey set STEP YYYY-MM-DD [--note TEXT]\n       \
journey clear STEP\n\n\
STEP is one of: pledge, local_lead, audit, action_plan, draft_sent, feedback, final_submitted, panel,\n\
visit, awarded. Renewal is due three years after the award date and is worked out for you.";

/// Runs `journey show`, `set` or `clear`.
pub fn run(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let what = subcommand(&mut args, &["show", "set", "clear"])?;
    let note = args.value("--note")?;
    let step = args.positional();
    let date = args.positional();
    args.finish_ref()?;
    let mut store = ctx.store()?;
    match what.as_str() {
        "set" => {
            let step = step.ok_or_else(|| args.usage("say which step: journey set STEP YYYY-MM-DD"))?;
            let date = date.ok_or_else(|| args.usage("give the date: journey set STEP YYYY-MM-DD"))?;
            let date = parse_date(&args, &date, "the date")?;
            let old = journey::steps(&store)?.into_iter().find(|s| s.key == step).map(|s| s.note).unwrap_or_default();
            let s = journey::set_step(&mut store, &step, Some(date), note.as_deref().unwrap_or(&old))?;
            writeln!(ctx.out, "{}: {}", s.label, date).ok();
        }
        "clear" => {
            let step = step.ok_or_else(|| args.usage("say which step: journey clear STEP"))?;
            let s = journey::set_step(&mut store, &step, None, note.as_deref().unwrap_or(""))?;
            writeln!(ctx.out, "{}: cleared", s.label).ok();
        }
        _ => {
            let steps = journey::steps(&store)?;
            let today = Utc::now().date_naive();
            let renewal = journey::renewal(&steps, today);
            for s in &steps {
                let date = if s.key == "renewal_due" {
                    renewal
                        .as_ref()
                        .map(|r| r.due_on.to_string())
                        .unwrap_or_else(|| "(three years after the award)".into())
                } else {
                    s.date.map(|d| d.to_string()).unwrap_or_else(|| "—".into())
                };
                let note = if s.note.is_empty() { String::new() } else { format!("  {}", s.note) };
                writeln!(ctx.out, "  {:<30} {}{note}", s.label, date).ok();
            }
            if let Some(r) = renewal {
                writeln!(ctx.out, "{}{}", if r.due_soon { "! " } else { "" }, r.message).ok();
            }
        }
    }
    Ok(0)
}
