//! `sanctuary evidence edit`: corrects an item already in the library (its title, caption,
//! criteria, consent, date, description for screen readers, or a quote's words, speaker and
//! language), the same edit the window's details panel saves.
//!
//! Not for: adding, deleting or hiding areas (see the parent `evidence` and `redact`).

use std::io::Write;

use chrono::Utc;

use super::{consent, criteria, exhibit};
use crate::cli::{parse_date, Args, Context};
use crate::error::Result;
use crate::evidence;

/// Runs `evidence edit E …`: only the options given change; `--criterion` (repeated) replaces the
/// item's criteria.
pub fn run(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let mut store = ctx.store()?;
    let fw = crate::school::framework(&store)?;
    let title = args.value("--title")?;
    let caption = args.value("--caption")?;
    let criteria = criteria(&mut args, &fw)?;
    let consent = consent(&mut args)?;
    let date = args.value("--date")?;
    let quote = args.value("--quote")?;
    let by = args.value("--by")?;
    let description = args.value("--description")?;
    let lang = args.value("--lang")?;
    let word = args.positional().ok_or_else(|| args.usage("name the exhibit to edit, e.g. evidence edit E3 --title TEXT"))?;
    args.finish_ref()?;
    let id = exhibit(&args, &store, &word)?;
    let mut item = evidence::get(&store, &id)?;
    if (quote.is_some() || by.is_some() || lang.is_some()) && item.kind != evidence::EvidenceKind::Quote {
        return Err(args.usage(&format!(
            "{word} is not a quote; --quote, --by and --lang change a quote's words, speaker and language"
        )));
    }
    if let Some(d) = description {
        item.alt_text = d;
    }
    // "auto" (or nothing) means: detect the language from the writing.
    if let Some(l) = lang {
        item.lang = if l.trim().eq_ignore_ascii_case("auto") { String::new() } else { l };
    }
    if let Some(t) = title {
        item.title = t;
    }
    if let Some(c) = caption {
        item.caption = c;
    }
    if !criteria.is_empty() {
        item.criteria = criteria;
    }
    if let Some(c) = consent {
        item.consent = c;
    }
    match date.as_deref() {
        None => {}
        Some("none") | Some("") => item.activity_date = None,
        Some(d) => item.activity_date = Some(parse_date(&args, d, "--date")?),
    }
    if let Some(q) = quote {
        item.quote_text = q;
    }
    if let Some(b) = by {
        item.attribution = b;
    }
    let saved = evidence::update(&mut store, &item, Utc::now())?;
    writeln!(ctx.out, "Saved {word} \"{}\"", saved.title).ok();
    Ok(0)
}
