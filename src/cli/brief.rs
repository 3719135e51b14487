//! `sanctuary brief`: the short visit brief for the appraisal visit, from the same engine as the
//! portfolio.

use std::io::Write;
use std::path::PathBuf;

use chrono::Utc;

use super::{Args, Context};
use crate::error::Result;

pub const USAGE: &str = "brief --out FILE.pdf [--include-without-consent] [--language en|cy]";

/// Writes the visit brief and says where.
pub fn run(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let out = args
        .value("--out")?
        .ok_or_else(|| args.usage("--out FILE.pdf is required"))?;
    let include = args.flag("--include-without-consent");
    let language = super::language_option(&mut args)?;
    args.finish()?;
    let store = ctx.store()?;
    let mut opts = crate::portfolio::ExportOptions::new(PathBuf::from(out), Utc::now());
    opts.include_without_consent = include;
    opts.language = match language {
        Some(l) => l,
        None => crate::i18n::saved(&store)?,
    };
    let report = crate::portfolio::export_visit_brief(&store, &opts, &crate::job::Job::silent())?;
    writeln!(ctx.out, "Wrote {} ({} pages)", report.path.display(), report.pages).ok();
    Ok(0)
}
