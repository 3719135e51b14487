//! `sanctuary readiness`: per criterion what is in place, and what is still missing before submission.

use std::io::Write;

use chrono::Utc;

use super::{Args, Context};
use crate::error::Result;

pub const USAGE: &str = "readiness";

/// Prints the readiness table and the list of what is missing.
pub fn run(ctx: &mut Context, mut args: Args) -> Result<i32> {
    args.finish_ref()?;
    let store = ctx.store()?;
    let r = crate::readiness::report(&store, Utc::now().date_naive())?;
    writeln!(
        ctx.out,
        "Readiness: {} ({})",
        if r.school_name.is_empty() { "(no name yet)" } else { &r.school_name },
        r.framework_label
    )
    .ok();
    for s in &r.strands {
        writeln!(
            ctx.out,
            "{}: {}/{} ready, {}/{} with evidence",
            s.name, s.ready, s.criteria, s.with_evidence, s.criteria
        )
        .ok();
        for c in r.criteria.iter().filter(|c| c.status.strand == s.key) {
            let st = &c.status;
            writeln!(
                ctx.out,
                "  {} {}. {:<34} {:<12} evidence {:>3}  open actions {:>2} (overdue {})  open feedback {}",
                if c.ready { "✓" } else { " " },
                st.number,
                st.title,
                st.level_label,
                st.evidence,
                st.open_actions,
                st.overdue_actions,
                c.open_feedback
            )
            .ok();
        }
    }
    match r.page_limit {
        Some(limit) => writeln!(ctx.out, "Application text: {} words, about {} of {limit} pages", r.application_words, r.estimated_pages),
        None => writeln!(ctx.out, "Application text: {} words, about {} pages (no page limit)", r.application_words, r.estimated_pages),
    }
    .ok();
    if r.missing.is_empty() {
        writeln!(ctx.out, "Nothing missing: ready to submit.").ok();
    } else {
        writeln!(ctx.out, "Still missing ({}):", r.missing.len()).ok();
        for g in &r.missing {
            writeln!(ctx.out, "  - {}", g.message).ok();
        }
    }
    if let Some(renewal) = &r.renewal {
        writeln!(ctx.out, "{}", renewal.message).ok();
    }
    Ok(0)
}
