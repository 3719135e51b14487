//! `sanctuary backup`, `sanctuary backup list`, `sanctuary backup auto` and `sanctuary restore`.

use std::io::Write;
use std::path::PathBuf;

use chrono::Utc;

use super::{passphrase, Args, Context};
use crate::bundle;
use crate::error::Result;
use crate::job::Job;

pub(super) fn run_backup(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let out = args.value("--out")?;
    let given = passphrase::take(&mut args)?;
    let verb = args.positional();
    args.finish()?;
    match (verb.as_deref(), out) {
        (None, Some(out)) => {
            let store = ctx.store()?;
            let seal = passphrase::for_sealing(given, &store, "a backup")?;
            let r = bundle::backup_sealed(&store, &PathBuf::from(out), &seal, Utc::now(), &Job::silent())?;
            for w in &r.warnings {
                eprintln!("warning: {w}");
            }
            writeln!(
                ctx.out,
                "Backed up \"{}\" ({} evidence files, {}) to {}",
                r.school_name,
                r.files,
                crate::i18n::Lang::En.size(r.bytes as i64),
                r.path.display()
            )
            .ok();
            Ok(0)
        }
        (Some("list"), None) => {
            for b in bundle::list_backups(&ctx.data_dir)? {
                match &b.problem {
                    None => writeln!(
                        ctx.out,
                        "{}  {:<14} {:<30} {:>8.1} MB  {}",
                        b.created_at,
                        b.kind.as_str(),
                        b.school_name,
                        mb(b.bytes),
                        b.path.display()
                    ),
                    Some(p) => writeln!(ctx.out, "{}  unreadable: {p}", b.path.display()),
                }
                .ok();
            }
            Ok(0)
        }
        (Some("auto"), None) => {
            let store = ctx.store()?;
            match bundle::auto_backup_if_due(&store, Utc::now())? {
                Some(r) => writeln!(ctx.out, "Automatic backup written: {}", r.path.display()).ok(),
                None => writeln!(ctx.out, "Nothing changed since the last automatic backup").ok(),
            };
            Ok(0)
        }
        _ => Err(args_usage("backup", "give --out FILE, or `list`, or `auto`")),
    }
}

pub(super) fn run_restore(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let replace = args.flag("--replace");
    let given = passphrase::for_opening(passphrase::take(&mut args)?)?;
    let file = args
        .positional()
        .ok_or_else(|| args.usage("give the backup file to restore"))?;
    args.finish()?;
    let r = bundle::restore_sealed(
        &ctx.data_dir,
        &PathBuf::from(file),
        &bundle::RestoreOptions::new(replace),
        given.as_ref(),
        Utc::now(),
        &Job::silent(),
    )
    .map_err(passphrase::explain)?;
    for w in &r.warnings {
        eprintln!("warning: {w}");
    }
    if let Some(kept) = &r.kept_as {
        writeln!(ctx.out, "The data that was here is kept in {}", kept.display()).ok();
    }
    writeln!(
        ctx.out,
        "Restored \"{}\" from the backup of {} ({} evidence files)",
        r.school_name, r.created_at, r.files
    )
    .ok();
    Ok(0)
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_048_576.0
}

fn args_usage(command: &str, problem: &str) -> crate::Error {
    crate::Error::Invalid(format!("{problem}; see `sanctuary {command} --help`"))
}
