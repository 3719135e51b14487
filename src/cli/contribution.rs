//! `sanctuary contribution export|import|conflicts|resolve`: gathering colleagues' evidence without a network.

use std::io::Write;
use std::path::PathBuf;

use chrono::Utc;

use super::{passphrase, Args, Context};
use crate::bundle::{self, contribution, Choice};
use crate::error::{Error, Result};
use crate::job::Job;

pub(super) fn run_contribution(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let out = args.value("--out")?;
    let by = args.value("--by")?;
    let given = passphrase::take(&mut args)?;
    let verb = args
        .positional()
        .ok_or_else(|| args.usage("say export, import, conflicts or resolve"))?;
    match verb.as_str() {
        "export" => {
            let out = out.ok_or_else(|| args.usage("--out FILE is required"))?;
            args.finish()?;
            let store = ctx.store()?;
            let by = by.unwrap_or_default();
            let seal = passphrase::for_sealing(given, &store, "a contribution pack")?;
            let r = contribution::export_sealed(&store, &PathBuf::from(out), &by, &seal, Utc::now(), &Job::silent())?;
            writeln!(
                ctx.out,
                "Packed {} evidence items ({} files) and {} action items into {}",
                r.evidence,
                r.files,
                r.actions,
                r.path.display()
            )
            .ok();
            Ok(0)
        }
        "import" => {
            let file = args
                .positional()
                .ok_or_else(|| args.usage("give the contribution file to import"))?;
            args.finish()?;
            let mut store = ctx.store()?;
            let given = passphrase::for_opening(given)?;
            let r = contribution::import_sealed(
                &mut store,
                &PathBuf::from(file),
                &bundle::Limits::default(),
                given.as_ref(),
                Utc::now(),
                &Job::silent(),
            )
            .map_err(passphrase::explain)?;
            let from = if r.contributor.is_empty() {
                String::new()
            } else {
                format!(" from {}", r.contributor)
            };
            writeln!(
                ctx.out,
                "Imported{from}: {} evidence items and {} action items added, {} already here, {} conflicts to decide",
                r.added_evidence, r.added_actions, r.duplicates, r.conflicts
            )
            .ok();
            if r.conflicts > 0 {
                writeln!(ctx.out, "See them with `sanctuary contribution conflicts`").ok();
            }
            Ok(0)
        }
        "conflicts" => {
            args.finish()?;
            let store = ctx.store()?;
            for c in bundle::list_conflicts(&store)? {
                writeln!(
                    ctx.out,
                    "{} {} \"{}\" (from {})",
                    c.id, c.item_kind, c.title_mine, c.contributor
                )
                .ok();
                for d in &c.differences {
                    let (field, mine, theirs) = (&d.field, &d.mine, &d.theirs);
                    writeln!(ctx.out, "    {field}: mine {mine:?} / theirs {theirs:?}").ok();
                }
            }
            Ok(0)
        }
        "resolve" => {
            let id = args
                .positional()
                .ok_or_else(|| args.usage("give the conflict id and `mine` or `theirs`"))?;
            let choice = match args.positional().as_deref() {
                Some("mine") => Choice::KeepMine,
                Some("theirs") => Choice::TakeTheirs,
                _ => return Err(args.usage("say `mine` (keep yours) or `theirs` (take your colleague's)")),
            };
            args.finish()?;
            let mut store = ctx.store()?;
            bundle::resolve_conflict(&mut store, &id, choice, Utc::now())?;
            writeln!(ctx.out, "Conflict settled").ok();
            Ok(0)
        }
        other => Err(Error::Invalid(format!(
            "unknown `contribution {other}`; see `sanctuary contribution --help`"
        ))),
    }
}
