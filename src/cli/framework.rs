//! `sanctuary framework`: which criteria framework (wording) the school works to, and importing others.

use std::io::Write;

use chrono::Utc;

use super::{subcommand, Args, Context};
use crate::error::Result;
use crate::framework;

pub const USAGE: &str = "framework list\n       \
framework show [ID]\n       \
framework import FILE\n       \
framework use ID\n\n\
show prints a framework (the one in use without ID) as a file that import accepts back: start your\n\
own from it and give it a new id. FILE is TOML or JSON (UTF-8) with: id, name (the programme), wording,\n\
award, organisation, learners, head, page_limit (a number or \"none\"), pledge (a criterion key or\n\
\"none\"), levels (2-10 audit labels, lowest first), optional award_levels and nations, [[strands]]\n\
(key, name, optional summary) and [[criteria]] (key, number, strand, title, optional summary); Welsh\n\
fields end in _cy. Keys are stable: a reworded criterion keeps its key and its answers. A file with a\n\
problem is refused with its line number (a missing field by name) and nothing is imported. Switching\n\
framework keeps every answer.";

/// Runs `framework list`, `show`, `import` or `use`.
pub fn run(ctx: &mut Context, mut args: Args) -> Result<i32> {
    match subcommand(&mut args, &["list", "show", "import", "use"])?.as_str() {
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
        "show" => {
            let id = args.positional();
            args.finish_ref()?;
            let store = ctx.store()?;
            let id = match id {
                Some(id) => id,
                None => crate::school::framework(&store)?.id,
            };
            write!(ctx.out, "{}", framework::show(&store, &id)?).ok();
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
            writeln!(ctx.out, "Now using {} — {}. Answers are kept.", fw.name, fw.wording).ok();
            Ok(0)
        }
    }
}
