//! The `sanctuary` command: the same core and the same data folder as the desktop app, for scripting,
//! tests and benchmarks. Each subcommand prints its result on stdout and, on failure, one line on stderr
//! that says what went wrong and what to do.

mod application;
mod args;
mod audit;
mod backup;
mod brief;
mod commitment;
mod contribution;
mod evidence;
mod feedback;
mod feedback_edit;
mod framework;
mod journey;
mod passphrase;
mod plan;
mod readiness;
mod renewal;
mod share;

use std::io::Write;
use std::path::PathBuf;

use chrono::Utc;

pub use args::Args;

use crate::error::{Error, Result};
use crate::store::Store;

/// One subcommand: its name, usage line, a sentence, and the function that runs it.
pub struct Command {
    pub name: &'static str,
    pub usage: &'static str,
    pub about: &'static str,
    pub run: fn(&mut Context, Args) -> Result<i32>,
}

/// What every subcommand gets: where the data is, how to open it, and where to print.
pub struct Context {
    pub data_dir: PathBuf,
    /// `--take-over`: open the folder even though another computer has it open.
    pub open: crate::datadir::OpenOptions,
    pub out: Box<dyn Write>,
    /// Set once the warnings about where the folder is kept have been printed.
    warned: bool,
}

impl Context {
    /// Opens the store in the data folder; the first time, prints on stderr any warning about where
    /// the folder is kept (a cloud service syncing it).
    pub fn store(&mut self) -> Result<Store> {
        let store = crate::datadir::open_with(&self.data_dir, &self.open)?;
        if !std::mem::replace(&mut self.warned, true) {
            for w in crate::datadir::warnings(&self.data_dir) {
                eprintln!("sanctuary: {w}");
            }
        }
        Ok(store)
    }
}

/// Every subcommand, in the order `--help` lists them.
pub fn commands() -> Vec<Command> {
    vec![
        Command { name: "demo", usage: "demo [--replace]", about: "Create or reset the demo school (Brookfield Primary School) in the data folder. Refuses to replace a real school's work unless --replace is given.", run: run_demo },
        Command { name: "status", usage: "status", about: "Show the school, its journey step, and per criterion the audit status, evidence count and open actions.", run: run_status },
        Command { name: "audit", usage: audit::USAGE, about: "Record the self-assessment per criterion: status, what we already do, gaps.", run: audit::run },
        Command { name: "application", usage: application::USAGE, about: "Bring a draft of the application written in Word into the accounts, criterion by criterion.", run: application::run },
        Command { name: "plan", usage: plan::USAGE, about: "The action plan: add, list (by strand or month, with filters), mark done, delete and undo.", run: plan::run },
        Command { name: "commitment", usage: commitment::USAGE, about: "The commitments for the three years after the award: add, list, edit, delete and undo; in a renewal, what happened to each.", run: commitment::run },
        Command { name: "journey", usage: journey::USAGE, about: "The steps from pledge to award, with dates; shows when renewal is due.", run: journey::run },
        Command { name: "feedback", usage: feedback::USAGE, about: "Feedback rounds from the local lead or panel: comments per criterion and the school's responses.", run: feedback::run },
        Command { name: "readiness", usage: readiness::USAGE, about: "Per criterion what is in place, and a list of what is still missing before submission.", run: readiness::run },
        Command { name: "framework", usage: framework::USAGE, about: "List, import or choose the criteria framework (wording) the school works to.", run: framework::run },
        Command { name: "evidence", usage: evidence::USAGE, about: "The evidence library: add photos, documents and folders, add pupils' and staff's words, list, delete and undo.", run: evidence::run },
        Command { name: "backup", usage: "backup --out FILE.sanctuary (--passphrase-file FILE | --no-passphrase) | backup list | backup auto", about: "Back up the whole data folder (database and every evidence file) to one file, encrypted with a passphrase (age format; the passphrase from --passphrase-file's first line or SANCTUARY_PASSPHRASE, never an argument) unless --no-passphrase; `list` shows the automatic backups, `auto` makes one if anything changed.", run: backup::run_backup },
        Command { name: "restore", usage: "restore FILE.sanctuary [--replace] [--passphrase-file FILE]", about: "Restore a backup after checking every file in it (a protected one needs its passphrase: --passphrase-file or SANCTUARY_PASSPHRASE). Replacing existing work needs --replace; that work is first kept as an automatic backup.", run: backup::run_restore },
        Command { name: "contribution", usage: "contribution export --out FILE [--by NAME] (--passphrase-file FILE | --no-passphrase) | contribution import FILE [--passphrase-file FILE] | contribution conflicts | contribution resolve ID mine|theirs", about: "Share the evidence and actions you added with your coordinator, or merge a colleague's pack (nothing duplicated, nothing overwritten: conflicts wait for your decision).", run: contribution::run_contribution },
        Command { name: "renewal", usage: "renewal start [--from BACKUP [--replace]] [--awarded-on YYYY-MM-DD] [--coordinator NAME]", about: "Start the renewal three years on: keep the school, evidence and application as the previous award, and start the journey again.", run: renewal::run_renewal },
        Command { name: "brief", usage: brief::USAGE, about: "Write the visit brief for the appraisal visit: who the panel will meet, and per criterion the strongest evidence to show.", run: brief::run },
        Command { name: "share", usage: share::USAGE, about: "Make a folder for the school's website and newsletter: an accessible page, web-sized pictures without metadata, a fragment to paste, a Word piece and a reception poster, from items with consent to share outside school.", run: share::run },
        Command { name: "export", usage: "export --out FILE.pdf [--part all|application|evidence] [--max-mb N] [--include-without-consent] [--anonymity-note] [--changes-since-review] [--language en|cy]", about: "Write the portfolio PDF, in English or Welsh (--language cy): the whole portfolio (default), the application alone (--part application; --out FILE.docx writes it as a Word file) or the evidence pack alone (--part evidence). Evidence without recorded consent is left out unless asked for; the file fits in N MB (1 to 2048, default 15). --changes-since-review lists under each criterion the answers to the latest draft review.", run: run_export },
    ]
}

const GLOBAL_HELP: &str = "Usage: sanctuary [--data-dir DIR] COMMAND [OPTIONS]\n\n\
Sanctuary Portfolio from the command line: the same data folder as the desktop app.\n\n\
Options:\n  --data-dir DIR   the data folder (default: SANCTUARY_DATA_DIR, else the app's own folder)\n  --take-over      open the data folder although another computer has it open (only when that laptop crashed or was switched off)\n  --help           show this help, or a command's help after the command\n  --version        show the version\n\nCommands:\n";

/// Runs the CLI with `argv` (without the program name); returns the exit code.
pub fn main(argv: Vec<String>, out: Box<dyn Write>, err: &mut dyn Write) -> i32 {
    match dispatch(argv, out) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(err, "sanctuary: {e}");
            match e {
                Error::Invalid(_) | Error::Rule { .. } => 2,
                _ => 1,
            }
        }
    }
}

fn dispatch(argv: Vec<String>, mut out: Box<dyn Write>) -> Result<i32> {
    let cmds = commands();
    let mut global = Args::new("", argv);
    let data_dir = global.value("--data-dir")?.map(PathBuf::from);
    let take_over = global.flag("--take-over");
    let help = global.flag("--help") || global.flag("-h");
    if global.flag("--version") {
        writeln!(out, "sanctuary {}", env!("CARGO_PKG_VERSION")).ok();
        return Ok(0);
    }
    let Some(name) = global.positional() else {
        write_global_help(&mut out, &cmds);
        return Ok(if help { 0 } else { 2 });
    };
    let Some(cmd) = cmds.iter().find(|c| c.name == name) else {
        return Err(Error::Invalid(format!("unknown command `{name}`; run `sanctuary --help` for the list")));
    };
    if help {
        writeln!(out, "Usage: sanctuary [--data-dir DIR] {}\n\n{}", cmd.usage, cmd.about).ok();
        return Ok(0);
    }
    let Some(data_dir) = crate::paths::data_dir(data_dir) else {
        return Err(Error::Invalid("no data folder could be found (no HOME); pass --data-dir DIR".into()));
    };
    let rest = Args::new(cmd.name, global.rest_words());
    let open = crate::datadir::OpenOptions { take_over, computer: None };
    let mut ctx = Context { data_dir, open, out, warned: false };
    (cmd.run)(&mut ctx, rest)
}

fn write_global_help(out: &mut Box<dyn Write>, cmds: &[Command]) {
    let _ = write!(out, "{GLOBAL_HELP}");
    for c in cmds {
        let _ = writeln!(out, "  {:<12} {}", c.name, c.about);
    }
}

impl Args {
    /// Everything not yet consumed, in order (the command's own words).
    fn rest_words(self) -> Vec<String> {
        self.into_words()
    }
}

fn run_demo(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let replace = args.flag("--replace");
    args.finish()?;
    let mut store = ctx.store()?;
    let school = crate::demo::load(&mut store, Utc::now(), replace)?;
    writeln!(ctx.out, "Demo school \"{}\" is ready in {}", school.name, ctx.data_dir.display()).ok();
    Ok(0)
}

fn run_status(ctx: &mut Context, args: Args) -> Result<i32> {
    args.finish()?;
    let store = ctx.store()?;
    let o = crate::status::overview(&store, Utc::now().date_naive())?;
    let name = if o.school_name.is_empty() { "(no name yet)" } else { &o.school_name };
    writeln!(ctx.out, "School: {name}").ok();
    writeln!(ctx.out, "Framework: {}", o.framework_label).ok();
    writeln!(ctx.out, "Journey: {}", o.journey_step.as_deref().unwrap_or("not started (no pledge date yet)")).ok();
    let fw = crate::school::framework(&store)?;
    for strand in &fw.strands {
        writeln!(ctx.out, "{}", strand.name).ok();
        for c in o.criteria.iter().filter(|c| c.strand == strand.key) {
            writeln!(
                ctx.out,
                "  {}. {:<34} {:<12} evidence {:>3}  open actions {:>2}{}",
                c.number,
                c.title,
                c.level_label,
                c.evidence,
                c.open_actions,
                if c.overdue_actions > 0 { format!(" ({} overdue)", c.overdue_actions) } else { String::new() }
            )
            .ok();
        }
    }
    let r = crate::readiness::report(&store, Utc::now().date_naive())?;
    if let Some(renewal) = &r.renewal {
        writeln!(ctx.out, "{}{}", if renewal.due_soon { "! " } else { "" }, renewal.message).ok();
    }
    match r.missing.len() {
        0 => writeln!(ctx.out, "Nothing missing before submission.").ok(),
        n => writeln!(ctx.out, "{n} thing{} still missing before submission: see `sanctuary readiness`", if n == 1 { "" } else { "s" }).ok(),
    };
    Ok(0)
}

fn run_export(ctx: &mut Context, mut args: Args) -> Result<i32> {
    let out = args.value("--out")?.ok_or_else(|| args.usage("--out FILE.pdf is required"))?;
    let max_mb = match args.value("--max-mb")? {
        None => crate::portfolio::DEFAULT_MAX_MB,
        Some(v) => v.parse::<u64>().map_err(|_| args.usage("--max-mb takes a whole number of megabytes"))?,
    };
    let include = args.flag("--include-without-consent");
    let note = args.flag("--anonymity-note");
    let changes = args.flag("--changes-since-review");
    let language = language_option(&mut args)?;
    let part = match args.value("--part")? {
        None => crate::portfolio::Part::All,
        Some(v) => v.parse().map_err(|e: crate::Error| args.usage(&e.to_string()))?,
    };
    args.finish()?;
    // Checked before the data folder is opened (which may create it): a refused request writes nothing.
    let mut opts = crate::portfolio::ExportOptions::requested(PathBuf::from(out), part, max_mb, Utc::now())?;
    opts.include_without_consent = include;
    opts.anonymity_note = note;
    opts.changes_since_review = changes;
    let store = ctx.store()?;
    opts.language = match language {
        Some(l) => l,
        None => crate::i18n::saved(&store)?,
    };
    let report = crate::portfolio::export(&store, &opts, &crate::job::Job::silent())?;
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    if !report.left_out.is_empty() {
        eprintln!("left out (no consent recorded): {}", report.left_out.join("; "));
    }
    // Word lays a .docx out itself, so its page count is the application PDF's, an estimate.
    let word = report.path.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    let pages = if word { format!("about {} pages, as the PDF lays them out", report.pages) } else { format!("{} pages", report.pages) };
    let size = crate::i18n::Lang::En.size(report.bytes as i64);
    writeln!(ctx.out, "Wrote {} ({pages}, {size})", report.path.display()).ok();
    Ok(0)
}

/// Reads `--language en|cy` (None when absent: the data folder's chosen language then applies);
/// a value it does not know is a usage error.
pub(crate) fn language_option(args: &mut Args) -> Result<Option<crate::i18n::Lang>> {
    match args.value("--language")? {
        None => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|e: crate::Error| args.usage(&e.to_string())),
    }
}

/// Takes the sub-subcommand (`plan add`, `framework list`, …) and checks it is one of `known`; with
/// none given, `known[0]` (always the read-only one: list or show) runs.
/// Commands with sub-subcommands call this first, then read their options.
pub(crate) fn subcommand(args: &mut Args, known: &[&str]) -> Result<String> {
    match args.subcommand() {
        Some(word) if known.contains(&word.as_str()) => Ok(word),
        Some(word) => Err(args.usage(&format!("unknown action `{word}` (choose one of: {})", known.join(", ")))),
        None => Ok(known[0].to_string()),
    }
}

/// Reads a `YYYY-MM-DD` date given for `what`.
pub(crate) fn parse_date(args: &Args, text: &str, what: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| args.usage(&format!("{what} `{text}` is not a date; write it as YYYY-MM-DD, e.g. 2027-06-14")))
}

/// The key of the criterion numbered `text` in `fw`.
pub(crate) fn criterion_key(args: &Args, fw: &crate::framework::Framework, text: &str) -> Result<String> {
    let numbers: Vec<String> = fw.criteria.iter().map(|c| c.number.to_string()).collect();
    text.trim()
        .parse::<u32>()
        .ok()
        .and_then(|n| fw.criterion_by_number(n))
        .map(|c| c.key.clone())
        .ok_or_else(|| args.usage(&format!("there is no criterion `{text}` in {}; use a number: {}", fw.name, numbers.join(", "))))
}

/// "1 item" or "3 items": a count with its noun in the number it takes (the CLI speaks English).
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
