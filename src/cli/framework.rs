//! `sanctuary framework`: which criteria framework (wording) the school works to, and importing others.

use std::io::Write;

use chrono::Utc;

use super::{subcommand, Args, Context};
use crate::error::Result;
use crate::framework;

pub const USAGE: &str = "framework list\n       \
framework import FILE\n       \
framework use ID\n\n\
FILE is TOML or JSON (UTF-8) with: id, name, wording, optional stream, levels (2-10 audit labels,\n\
lowest first), [[strands]] (key, name, optional summary) and [[criteria]] (key, number, strand, title,\n\
optional summary). Keys are stable: a reworded criterion keeps its key and its answers. A file with a\n\
problem is refused with its line number and nothing is imported. Switching framework keeps every answer.";

/// Runs `framework list`, `import` or `use`.
pub fn run(ctx: &mut Context, mut args: Args) -> Result<i32> {
    match subcommand(&mut args, &["list", "import", "use"])?.as_str() {
        "list" => {
            args.finish_ref()?;
            let store = ctx.store()?;
            let active = crate::school::framework(&store)?.id;
            for f in framework::list(&store, &active)? {
                writeln!(
                    ctx.out,
                    "{} {:<14} {} — {} ({} criteria, {}{})",
                    if f.active { "*" } else { " " },
                    f.id,
                    f.name,
                    f.wording,
                    f.criteria,
                    f.stream,
                    if f.builtin { ", built in" } else { ", imported" }
                )
                .ok();
            }
            Ok(0)
        }
        "import" => {
            let file = args.positional().ok_or_else(|| args.usage("say which file: framework import FILE"))?;
            args.finish_ref()?;
            let mut store = ctx.store()?;
            let fw = framework::import_file(&mut store, std::path::Path::new(&file), Utc::now())?;
            writeln!(
                ctx.out,
                "Imported {} — {} ({} criteria in {} strands). To use it: sanctuary framework use {}",
                fw.name,
                fw.wording,
                fw.criteria.len(),
                fw.strands.len(),
                fw.id
            )
            .ok();
            Ok(0)
        }
        _ => {
            let id = args
                .positional()
                .ok_or_else(|| args.usage("say which framework: framework use ID (see framework list)"))?;
            args.finish_ref()?;
            let mut store = ctx.store()?;
            let fw = crate::school::choose_framework(&mut store, &id, Utc::now())?;
            writeln!(ctx.out, "The school now uses {} — {}. Answers are kept.", fw.name, fw.wording).ok();
            Ok(0)
        }
    }
}
