//! `sanctuary evidence`: add files and quotes to the evidence library and list it.

use std::io::Write;
use std::path::PathBuf;

use chrono::Utc;

use super::{criterion_key, parse_date, subcommand, Args, Context};

mod edit;
mod redact;
use crate::error::Result;
use crate::evidence::{self, Consent, EvidenceKind, Filter, ImportOptions};
use crate::framework::Framework;
use crate::job::Job;

pub const USAGE: &str = "evidence add [--criterion N]... [--caption TEXT] [--consent given|given-hidden|not-needed|missing] FILE|FOLDER...\n       \
evidence list\n       \
evidence quote TEXT --by ROLE [--criterion N]...\n       \
evidence link URL [--title TEXT] [--criterion N]... [--date YYYY-MM-DD] [--note TEXT] [--screenshot FILE] [--consent given|not-needed|missing]\n       \
evidence edit E [--title TEXT] [--caption TEXT] [--criterion N]... [--consent given|given-hidden|not-needed|missing] [--date YYYY-MM-DD|none] [--description TEXT] [--quote TEXT] [--by ROLE] [--lang TAG|auto]\n       \
evidence delete E | evidence undo E\n       \
evidence share-consent E [E]... yes|no\n       \
evidence redact E [--box X,Y,W,H]... [--ellipse X,Y,W,H]... [--style blur|block] | --clear | --suggest\n\n\
N is a criterion number; E is an exhibit number as `evidence list` shows it (E3, or 3). Photos get\n\
consent `missing` unless you say otherwise, and stay out of the portfolio until consent is recorded.\n\
`edit` changes only the options given; --criterion (repeated) replaces the item's criteria.\n\
`share-consent` records whether items may be shared outside school (the school's website, newsletter,\n\
poster: see `sanctuary share`); it is separate from the consent for the panel and is no until set.\n\
--description is what a screen reader says for a picture instead of its caption (the accessible PDF\n\
and the Word file use it); --lang is a quote's language as a tag (ar, fa, uk, pl, pt-BR), or `auto`\n\
to detect it from the writing, which is the default.\n\
`add` reports every file it refused, with the reason, and exits non-zero if any was refused. System files\n\
in copied folders (Thumbs.db, desktop.ini, .DS_Store, __MACOSX, ~$ lock files, .tmp) are skipped and counted.\n\
A link is a web page (http or https only; the app never goes online): its title defaults to the\n\
website's name, --date is when it was published or checked, and the portfolio prints the address in\n\
full with a QR code. A screenshot makes its consent `missing` unless you say otherwise.\n\
`redact` hides areas of a photo in every picture made from it (the original is kept as it was): each\n\
box is four fractions 0-1 of the upright photo's width and height (left, top, width, height); `--suggest`\n\
prints the face detector's boxes in the same form, one per line (it can miss faces: check every face).";

/// Runs one of the `evidence` actions.
pub fn run(ctx: &mut Context, mut args: Args) -> Result<i32> {
    match subcommand(&mut args, &["list", "add", "quote", "link", "edit", "delete", "undo", "redact", "share-consent"])?.as_str() {
        "edit" => edit::run(ctx, args),
        "share-consent" => share_consent(ctx, args),
        "redact" => redact::run(ctx, args),
        "add" => add(ctx, args),
        "link" => link(ctx, args),
        "quote" => quote(ctx, args),
        "delete" => delete(ctx, args),
        "undo" => undo(ctx, args),
        _ => list(ctx, args),
    }
}

pub(super) fn criteria(args: &mut Args, fw: &Framework) -> Result<Vec<String>> {
    let numbers = args.values("--criterion")?;
    numbers.iter().map(|n| criterion_key(args, fw, n)).collect()
}

/// `--consent`, read into the library's value (`not-needed` and `not_needed` alike); a word that is
/// no consent is refused with the `consent_value` rule.
pub(super) fn consent(args: &mut Args) -> Result<Option<Consent>> {
    args.value("--consent")?.as_deref().map(Consent::parse).transpose()
}

fn add(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let mut store = ctx.store()?;
    let fw = crate::school::framework(&store)?;
    let criteria = criteria(&mut args, &fw)?;
    let caption = args.value("--caption")?.unwrap_or_default();
    let consent = consent(&mut args)?;
    let files: Vec<PathBuf> = args.rest().into_iter().map(PathBuf::from).collect();
    args.finish()?;
    if files.is_empty() {
        return Err(crate::Error::Invalid("name at least one file or folder to add; see `sanctuary evidence --help`".into()));
    }
    let opts = ImportOptions { criteria, caption, consent, ..ImportOptions::default() };
    let report = evidence::import(&mut store, &files, &opts, &Job::silent(), Utc::now())?;
    for r in &report.refused {
        eprintln!("{}: {}", r.file, r.reason);
    }
    for d in &report.duplicates {
        writeln!(ctx.out, "{d}: already in the library").ok();
    }
    // Kept, but the panel will see only the name: said on stderr so it is not missed.
    for u in &report.unreadable {
        eprintln!("{}: added, but {}", u.file, u.reason);
    }
    writeln!(ctx.out, "Added {}; {} already there; {} refused", crate::cli::count(report.added.len(), "item", "items"), report.duplicates.len(), report.refused.len()).ok();
    if report.system_files > 0 {
        writeln!(ctx.out, "{} skipped (Thumbs.db, .DS_Store and the like)", crate::cli::count(report.system_files, "system file", "system files")).ok();
    }
    Ok(if report.refused.is_empty() { 0 } else { 1 })
}

fn link(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let mut store = ctx.store()?;
    let fw = crate::school::framework(&store)?;
    let criteria = criteria(&mut args, &fw)?;
    let title = args.value("--title")?.unwrap_or_default();
    let date = args.value("--date")?.map(|d| parse_date(&args, &d, "--date")).transpose()?;
    let note = args.value("--note")?.unwrap_or_default();
    let screenshot = args.value("--screenshot")?.map(PathBuf::from);
    let consent = consent(&mut args)?;
    let url = args.positional().ok_or_else(|| args.usage("give the page's address, e.g. evidence link https://www.school.org/pledge --criterion 6"))?;
    args.finish()?;
    let link = evidence::NewLink { url, title, criteria, date, note, screenshot, consent };
    let item = evidence::add_link(&mut store, &link, Utc::now())?;
    writeln!(ctx.out, "Added the link \"{}\" ({})", item.title, item.url).ok();
    if item.needs_consent() {
        writeln!(ctx.out, "Its screenshot has no consent recorded, so it stays out of the portfolio until it has").ok();
    }
    Ok(0)
}

fn list(ctx: &mut Context, args: Args) -> Result<i32> {
    args.finish()?;
    let store = ctx.store()?;
    let fw = crate::school::framework(&store)?;
    for (i, it) in evidence::list(&store, &Filter::default())?.iter().enumerate() {
        let numbers: Vec<String> = it
            .criteria
            .iter()
            .filter_map(|k| fw.criterion(k).map(|c| c.number.to_string()))
            .collect();
        let what = match it.kind {
            EvidenceKind::Quote => format!("\"{}\" ({})", it.quote_text, it.attribution),
            EvidenceKind::Link => format!("{} <{}>", it.title, it.url),
            EvidenceKind::Photo | EvidenceKind::Document => it.title.clone(),
        };
        let mut flag = if it.needs_consent() { "  [no consent recorded]".to_string() } else { String::new() };
        if it.share_consent {
            flag.push_str("  [may be shared outside school]");
        }
        let office = it.mime.as_deref().and_then(crate::office::classify).is_some();
        match (&it.reading_problem, it.page_count) {
            (Some(code), _) => {
                let why = crate::office::Problem::from_code(code).map(|p| p.message()).unwrap_or_default();
                flag.push_str(&format!("  [the panel will not see inside: {why}]"));
            }
            (None, Some(n)) if office => flag.push_str(&format!("  [reading copy: {n} page{} in the portfolio]", if n == 1 { "" } else { "s" })),
            _ => {}
        }
        let crit = if numbers.is_empty() { "no criteria".to_string() } else { format!("criteria {}", numbers.join(",")) };
        writeln!(ctx.out, "{}  {:<8} {}  ({}){}", evidence::exhibit_label(i + 1), it.kind.as_str(), what, crit, flag).ok();
    }
    Ok(0)
}

fn quote(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let mut store = ctx.store()?;
    let fw = crate::school::framework(&store)?;
    let criteria = criteria(&mut args, &fw)?;
    let by = args.value("--by")?.ok_or_else(|| args.usage("--by ROLE is required, e.g. --by \"Pupil, Year 5\" (roles, not names)"))?;
    let text = args.rest().join(" ");
    args.finish()?;
    let item = evidence::add_quote(&mut store, &text, &by, &criteria, Utc::now())?;
    writeln!(ctx.out, "Added the quote \"{}\"", item.title).ok();
    Ok(0)
}

/// The item shown as exhibit `word` (E3 or 3) in `list`, among live items or, for undo, deleted ones.
pub(super) fn exhibit(args: &Args, store: &crate::Store, word: &str) -> Result<String> {
    let n: usize = word.trim_start_matches(['E', 'e']).parse().map_err(|_| args.usage(&format!("`{word}` is not an exhibit number like E3")))?;
    let items = evidence::list(store, &Filter::default())?;
    items
        .get(n.wrapping_sub(1))
        .map(|i| i.id.clone())
        .ok_or_else(|| args.usage(&format!("there is no exhibit E{n}; `sanctuary evidence list` shows them")))
}

fn share_consent(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let mut words = args.rest();
    args.finish_ref()?;
    let yes = match words.pop().as_deref() {
        Some("yes") => true,
        Some("no") => false,
        _ => return Err(args.usage("end with yes or no, e.g. evidence share-consent E3 E4 yes")),
    };
    if words.is_empty() {
        return Err(args.usage("name at least one exhibit, e.g. evidence share-consent E3 yes"));
    }
    let mut store = ctx.store()?;
    let ids = words.iter().map(|w| exhibit(&args, &store, w)).collect::<Result<Vec<_>>>()?;
    let items = evidence::set_share_consent(&mut store, &ids, yes, Utc::now())?;
    for (word, it) in words.iter().zip(&items) {
        let state = if yes { "may be shared outside school" } else { "stays inside school" };
        writeln!(ctx.out, "{} \"{}\": {state}", word.to_uppercase(), it.title).ok();
    }
    Ok(0)
}

fn delete(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let word = args.positional().ok_or_else(|| args.usage("name the exhibit to delete, e.g. E3"))?;
    args.finish()?;
    let mut store = ctx.store()?;
    let id = exhibit(&Args::new("evidence", vec![]), &store, &word)?;
    let title = evidence::get(&store, &id)?.title;
    evidence::delete(&mut store, &id, Utc::now())?;
    writeln!(ctx.out, "Deleted \"{title}\". To bring it back: sanctuary evidence undo {}", &id[..8]).ok();
    Ok(0)
}

fn undo(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let prefix = args.positional().ok_or_else(|| args.usage("give the id that `evidence delete` printed"))?;
    args.finish()?;
    let mut store = ctx.store()?;
    // The most recently deleted when several match: the one an undo most likely means.
    let id = evidence::deleted_with_prefix(&store, &prefix)?.into_iter().next();
    let id = id.ok_or_else(|| crate::Error::Invalid(format!("no deleted item has the id {prefix}")))?;
    let item = evidence::undo_delete(&mut store, &id)?;
    writeln!(ctx.out, "Brought back \"{}\"", item.title).ok();
    Ok(0)
}
