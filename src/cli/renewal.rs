//! `sanctuary renewal start`: a new coordinator opens the old data and starts the next award cycle.

use std::io::Write;
use std::path::PathBuf;

use chrono::{NaiveDate, Utc};

use super::{passphrase, Args, Context};
use crate::bundle;
use crate::error::{Error, Result};
use crate::job::Job;

pub(super) fn run_renewal(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let from = args.value("--from")?;
    let replace = args.flag("--replace");
    let awarded = args.value("--awarded-on")?;
    let coordinator = args.value("--coordinator")?;
    let given = passphrase::for_opening(passphrase::take(&mut args)?)?;
    let verb = args.positional();
    if verb.as_deref() != Some("start") {
        return Err(args.usage("say `renewal start`"));
    }
    args.finish()?;
    let awarded = match awarded {
        None => None,
        Some(d) => Some(NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| {
            Error::Invalid(format!(
                "--awarded-on takes a date like 2023-06-30, not `{d}`; see `sanctuary renewal --help`"
            ))
        })?),
    };
    if let Some(file) = from {
        let r = bundle::restore_sealed(
            &ctx.data_dir,
            &PathBuf::from(file),
            &bundle::RestoreOptions::new(replace),
            given.as_ref(),
            Utc::now(),
            &Job::silent(),
        )
        .map_err(passphrase::explain)?;
        writeln!(
            ctx.out,
            "Opened \"{}\" from the backup of {}",
            r.school_name, r.created_at
        )
        .ok();
    }
    let mut store = ctx.store()?;
    let a = bundle::renewal::start(&mut store, awarded, coordinator.as_deref(), Utc::now())?;
    let on = a.awarded_on.map(|d| d.to_string()).unwrap_or_default();
    writeln!(ctx.out, "Renewal {} started for \"{}\": the award of {on} is kept as the previous award; the journey starts again", a.cycle, a.school_name).ok();
    let carried = crate::commitments::register(&store)?.carried.len();
    writeln!(
        ctx.out,
        "Sign the pledge again and record its date (sanctuary journey set pledge YYYY-MM-DD). {carried} commitment{} carried into the re-accreditation report: sanctuary commitment list",
        if carried == 1 { " is" } else { "s are" }
    )
    .ok();
    Ok(0)
}
