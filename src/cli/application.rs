//! `sanctuary application import`: a school's own draft (Word or OpenDocument) brought into the
//! accounts, criterion by criterion.

use std::io::Write;
use std::path::PathBuf;

use chrono::Utc;

use super::{subcommand, Args, Context};
use crate::application_import;
use crate::audit::Account;
use crate::error::Result;

pub const USAGE: &str = "application import FILE.docx|FILE.odt [--replace] [--dry-run]\n\n\
Reads a draft of the application written in Word (or the app's own Word export, edited) and puts\n\
the text it has for each criterion into that criterion's account. Accounts that already have text\n\
are kept unless --replace is given. --dry-run prints what would be brought in and changes nothing.\n\
Text that belongs to no criterion (an introduction) is listed and left out.";

fn account_name(a: Account) -> &'static str {
    match a {
        Account::Already => "what we already do",
        Account::Gaps => "gaps",
        Account::Narrative => "our account",
    }
}

/// Runs `application import`.
pub fn run(ctx: &mut Context, mut args: Args) -> Result<i32> {
    subcommand(&mut args, &["import"])?;
    let replace = args.flag("--replace");
    let dry_run = args.flag("--dry-run");
    let file = args.positional().ok_or_else(|| args.usage("say which draft: application import FILE.docx"))?;
    args.finish_ref()?;
    let path = PathBuf::from(file);
    let mut store = ctx.store()?;
    let fw = crate::school::framework(&store)?;
    let proposal = application_import::propose(&store, &fw, &path)?;
    for p in &proposal.accounts {
        let what = if !p.replaces {
            "new"
        } else if replace {
            "replaces the current text"
        } else {
            "kept: the account has text (use --replace)"
        };
        writeln!(ctx.out, "Criterion {}. {} — {} ({what}):", p.number, p.title, account_name(p.account)).ok();
        for line in p.proposed.lines() {
            writeln!(ctx.out, "    {line}").ok();
        }
    }
    if proposal.accounts.is_empty() {
        writeln!(ctx.out, "No criterion was found in {}: name each criterion in a heading (\"Criterion 1 – …\") or in the first column of a table.", proposal.file_name).ok();
    }
    if !proposal.left_out.is_empty() {
        writeln!(ctx.out, "Left out (belongs to no criterion):").ok();
        for t in &proposal.left_out {
            let short: String = t.chars().take(100).collect();
            writeln!(ctx.out, "    {short}{}", if short.len() < t.len() { "…" } else { "" }).ok();
        }
    }
    if dry_run {
        writeln!(ctx.out, "Dry run: nothing was changed.").ok();
        return Ok(0);
    }
    let applied = application_import::apply(&mut store, &fw, &path, None, replace, Utc::now())?;
    writeln!(ctx.out, "Brought in {}; kept {} that already had text.", super::count(applied.written.len(), "account", "accounts"), applied.kept.len()).ok();
    Ok(0)
}
