//! `sanctuary evidence redact`: list, set, clear and suggest the hidden areas of a photo.

use std::io::Write;

use chrono::Utc;

use crate::cli::{Args, Context};
use crate::error::{Error, Result};
use crate::evidence::redact::{self, Redaction, Region, Shape, Style};

/// Runs `evidence redact E ...`. With no option it prints the photo's hidden areas.
pub fn run(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let word = args.positional().ok_or_else(|| args.usage("name the photo, e.g. `evidence redact E4 --box 0.1,0.2,0.1,0.15`"))?;
    let clear = args.flag("--clear");
    let suggest = args.flag("--suggest");
    let boxes = args.values("--box")?;
    let ellipses = args.values("--ellipse")?;
    let style = match args.value("--style")?.as_deref() {
        None => None,
        Some("blur") => Some(Style::Blur),
        Some("block") => Some(Style::Block),
        Some(other) => return Err(args.usage(&format!("--style `{other}` must be blur or block"))),
    };
    let mut regions = Vec::new();
    for (list, shape) in [(&boxes, Shape::Rect), (&ellipses, Shape::Ellipse)] {
        for b in list {
            let mut r = parse_box(b)?;
            r.shape = shape;
            regions.push(r);
        }
    }
    let changing = clear || !regions.is_empty() || style.is_some();
    if suggest && changing {
        return Err(args.usage("--suggest only prints suggestions; run it on its own, then give the boxes you accept with --box"));
    }
    if clear && !regions.is_empty() {
        return Err(args.usage("--clear removes every hidden area; give it without --box"));
    }
    args.finish_ref()?;
    let mut store = ctx.store()?;
    let id = super::exhibit(&args, &store, &word)?;
    if suggest {
        let found = redact::suggest(&store, &id)?;
        for r in &found {
            writeln!(ctx.out, "{}", format_box(r)).ok();
        }
        eprintln!("{} suggested. The detector can miss faces that are side-on, small or covered: check every face.", crate::cli::count(found.len(), "face", "faces"));
        return Ok(0);
    }
    if changing {
        let old = redact::get(&store, &id)?;
        let new = if clear {
            Redaction::default()
        } else {
            Redaction { style: style.unwrap_or(old.style), regions: if regions.is_empty() { old.regions } else { regions } }
        };
        redact::set(&mut store, &id, &new, None, Utc::now())?;
    }
    let now = redact::get(&store, &id)?;
    if now.is_empty() {
        writeln!(ctx.out, "Nothing is hidden in {word}.").ok();
    } else {
        let style = match now.style {
            Style::Blur => "blurred",
            Style::Block => "blocked out",
        };
        writeln!(ctx.out, "{} area(s) of {word} are {style} in every picture made from it:", now.regions.len()).ok();
        for r in &now.regions {
            let shape = if r.shape == Shape::Ellipse { " (ellipse)" } else { "" };
            writeln!(ctx.out, "{}{shape}", format_box(r)).ok();
        }
    }
    Ok(0)
}

fn parse_box(s: &str) -> Result<Region> {
    let bad = || Error::Invalid(format!("`{s}` is not a box: give four fractions 0-1 separated by commas: left,top,width,height"));
    let n: Vec<f32> = s.split(',').map(|p| p.trim().parse::<f32>().map_err(|_| bad())).collect::<Result<_>>()?;
    let [x, y, w, h] = n[..] else { return Err(bad()) };
    Region::rect(x, y, w, h)
}

fn format_box(r: &Region) -> String {
    format!("{:.4},{:.4},{:.4},{:.4}", r.x, r.y, r.w, r.h)
}
