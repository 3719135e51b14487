//! `sanctuary share`: make the folder for the school's website and newsletter (see `share`).

use std::io::Write;
use std::path::PathBuf;

use chrono::Utc;

use super::{language_option, Args, Context};
use crate::error::Result;
use crate::share::{self, Choices, ShareOptions};

pub const USAGE: &str = "share --out DIR [--items E1,E4,...] [--saved] [--language en|cy]\n\n\
Writes DIR/index.html (one page, no script, nothing loaded from elsewhere), DIR/images/ (web copies:\n\
upright, hidden areas applied, no EXIF, GPS or camera data, named e3.jpg), DIR/post.html (the same as a\n\
fragment to paste into a website editor), DIR/newsletter.docx and DIR/poster.pdf (A4, with a QR code to\n\
the school's page once its address is set on the school's details). Only items with consent to share\n\
outside school appear (`sanctuary evidence share-consent E3 yes`); without --items every such item is\n\
used, in exhibit order; --saved uses the choices last made on the Share screen. DIR must be new, empty,\n\
or a folder an earlier share wrote.";

/// Runs `share`.
pub fn run(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let out = args.value("--out")?.ok_or_else(|| args.usage("--out DIR is required"))?;
    let items = args.value("--items")?;
    let saved = args.flag("--saved");
    let language = language_option(&mut args)?;
    args.finish_ref()?;
    if saved && items.is_some() {
        return Err(args.usage("give --items or --saved, not both"));
    }
    let store = ctx.store()?;
    let choices = match (saved, items) {
        (true, _) => share::saved_choices(&store)?,
        (false, Some(list)) => {
            let ids = list
                .split(',')
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(|w| super::evidence::exhibit(&args, &store, w))
                .collect::<Result<Vec<_>>>()?;
            Choices { items: ids, ..Choices::default() }
        }
        (false, None) => Choices { items: share::consented(&store)?, ..Choices::default() },
    };
    let language = match language {
        Some(l) => l,
        None => crate::i18n::saved(&store)?,
    };
    let opts = ShareOptions { out: PathBuf::from(out), choices, language, now: Utc::now() };
    let report = share::write(&store, &opts)?;
    for l in &report.left_out {
        let what = if l.exhibit.is_empty() { l.id.clone() } else { format!("{} ({})", l.exhibit, l.title) };
        eprintln!("left out: {what}: {}", l.reason_en());
    }
    writeln!(ctx.out, "Wrote {} ({} files, {} pictures)", report.path.display(), report.files.len(), report.images).ok();
    Ok(0)
}
