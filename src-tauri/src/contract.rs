//! The generated contract between the window and the commands: `ui/src/lib/contract.ts`.
//!
//! It holds a TypeScript declaration of every type a command takes or returns (derived from the Rust
//! types with `ts-rs`, so serde's renames are followed), the error and readiness-gap codes the window
//! words in its language, and `Commands`: every registered command with its arguments and result,
//! read from the `#[tauri::command]` signatures in `commands/`. `ui/src/lib/api.ts` types its calls
//! with it. The test at the bottom regenerates the file and fails when the committed one differs.
//!
//! Not for: anything at run time (this module is compiled for tests only), nor wording (the codes'
//! texts live in ui/src/i18n/*.json).

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};

use ts_rs::{Config, TypeVisitor, TS};

/// Where the generated file lives, from the workspace root.
pub const CONTRACT_PATH: &str = "ui/src/lib/contract.ts";

/// How to bring the committed file up to date.
pub const UPDATE_COMMAND: &str = "SANCTUARY_UPDATE_CONTRACT=1 cargo test --workspace --features sanctuary-app/custom-protocol -- contract";

/// A declared type: its TypeScript name, the Rust path it was made from, and its declaration.
struct Declared {
    rust: String,
    decl: String,
}

/// Collects the declaration of every type reachable from the roots.
struct Collector {
    cfg: Config,
    seen: HashSet<TypeId>,
    out: BTreeMap<String, Declared>,
}

impl TypeVisitor for Collector {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        // Only types with a declaration of their own (derived ones) are written; `string`,
        // `number`, arrays, maps and options are spelled inline by ts-rs, but what they hold is
        // visited below.
        if T::output_path().is_none() {
            T::visit_dependencies(self);
            T::visit_generics(self);
            return;
        }
        let name = T::ident(&self.cfg);
        let docs = T::docs().unwrap_or_default();
        let decl = format!("{docs}export {}", T::decl(&self.cfg));
        if let Some(prev) = self.out.get(&name) {
            panic!("two Rust types are both called {name} in TypeScript ({} and {}); give one #[ts(rename = \"…\")]", prev.rust, std::any::type_name::<T>());
        }
        self.out.insert(name, Declared { rust: std::any::type_name::<T>().to_string(), decl });
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// The types the commands exchange. A command naming a type missing here fails the test with its name.
fn roots(c: &mut Collector) {
    use crate::commands as cmd;
    use sanctuary as sc;
    c.visit::<crate::error::ApiError>();
    c.visit::<sc::school::School>();
    c.visit::<sc::nation::NationWords>();
    c.visit::<sc::framework::Framework>();
    c.visit::<sc::status::Overview>();
    c.visit::<cmd::audit::AuditRow>();
    c.visit::<sc::audit::Entry>();
    c.visit::<sc::audit::Patch>();
    c.visit::<cmd::audit::ApplicationLength>();
    c.visit::<sc::portfolio::ExhibitRef>();
    c.visit::<cmd::journey::JourneyView>();
    c.visit::<sc::journey::Step>();
    c.visit::<sc::feedback::Round>();
    c.visit::<sc::feedback::RoundDraft>();
    c.visit::<sc::feedback::Comment>();
    c.visit::<sc::feedback::CommentKind>();
    c.visit::<sc::readiness::Readiness>();
    c.visit::<cmd::plan::PlanView>();
    c.visit::<sc::plan::Action>();
    c.visit::<sc::plan::Draft>();
    c.visit::<sc::plan::Filter>();
    c.visit::<sc::plan::Status>();
    c.visit::<sc::commitments::Register>();
    c.visit::<sc::commitments::Commitment>();
    c.visit::<sc::commitments::CommitmentDraft>();
    c.visit::<cmd::evidence::AddRequest>();
    c.visit::<sc::evidence::Filter>();
    c.visit::<sc::evidence::Item>();
    c.visit::<sc::evidence::ExhibitNumber>();
    c.visit::<sc::evidence::NewLink>();
    c.visit::<sc::evidence::bulk::BulkEdit>();
    c.visit::<sc::evidence::bulk::BulkUndo>();
    c.visit::<sc::evidence::ImportReport>();
    c.visit::<sc::evidence::redact::Redaction>();
    c.visit::<sc::evidence::redact::Region>();
    c.visit::<sc::job::Progress>();
    c.visit::<cmd::export::ExportRequest>();
    c.visit::<sc::portfolio::ExportReport>();
    c.visit::<sc::bundle::BackupReport>();
    c.visit::<sc::bundle::BackupEntry>();
    c.visit::<sc::bundle::BundleInfo>();
    c.visit::<sc::bundle::RestoreReport>();
    c.visit::<sc::bundle::protection::Protection>();
    c.visit::<sc::bundle::contribution::ExportReport>();
    c.visit::<sc::bundle::ImportReport>();
    c.visit::<sc::bundle::Conflict>();
    c.visit::<sc::bundle::Choice>();
    c.visit::<sc::bundle::renewal::PreviousAward>();
    c.visit::<sc::review::Report>();
    c.visit::<sc::feedback::suggestion::Suggestion>();
    c.visit::<sc::feedback::RoundKind>();
    c.visit::<sc::application_import::Proposal>();
    c.visit::<sc::application_import::DraftChoice>();
    c.visit::<sc::application_import::Applied>();
}

/// One `#[tauri::command]` as written: its name, its arguments (name, Rust type) without the
/// ones Tauri supplies, and the type inside `ApiResult<…>`.
#[derive(Debug)]
struct Command {
    name: String,
    args: Vec<(String, String)>,
    result: String,
}

/// Reads the commands from the sources of `commands/`.
fn commands(sources: &[(&str, &str)]) -> Vec<Command> {
    let mut out = Vec::new();
    for (file, text) in sources {
        let mut rest = *text;
        while let Some(at) = rest.find("#[tauri::command]") {
            rest = &rest[at + "#[tauri::command]".len()..];
            let sig_end = rest.find('{').unwrap_or_else(|| panic!("{file}: a command without a body"));
            let sig = rest[..sig_end].split_whitespace().collect::<Vec<_>>().join(" ");
            let sig = sig.trim_start_matches("pub ").trim_start_matches("async ").trim_start_matches("fn ");
            let open = sig.find('(').unwrap_or_else(|| panic!("{file}: cannot read `{sig}`"));
            let close = sig.rfind(") ->").unwrap_or_else(|| panic!("{file}: `{sig}` must return ApiResult<…>"));
            let name = sig[..open].trim().to_string();
            let result = sig[close + ") ->".len()..].trim();
            let result = result
                .strip_prefix("ApiResult<")
                .and_then(|r| r.strip_suffix('>'))
                .unwrap_or_else(|| panic!("{file}: {name} must return ApiResult<…>, not {result}"))
                .to_string();
            let args = split_top(&sig[open + 1..close])
                .into_iter()
                .filter_map(|a| {
                    let (n, t) = a.split_once(':')?;
                    let t = t.trim();
                    (!(t.starts_with("State<") || t.starts_with("tauri::AppHandle") || t.starts_with("AppHandle")))
                        .then(|| (camel(n.trim()), t.to_string()))
                })
                .collect();
            out.push(Command { name, args, result });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Splits at commas outside `<…>` and `(…)`.
fn split_top(text: &str) -> Vec<String> {
    let (mut depth, mut cur, mut out) = (0i32, String::new(), Vec::new());
    for ch in text.chars() {
        match ch {
            '<' | '(' => depth += 1,
            '>' | ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(ch);
    }
    out.push(cur);
    out.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

/// `round_id` → `roundId`, as Tauri names command arguments.
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for ch in name.chars() {
        if ch == '_' {
            up = true;
        } else if up {
            out.extend(ch.to_uppercase());
            up = false;
        } else {
            out.push(ch);
        }
    }
    out
}

/// The TypeScript for a Rust type as written in a signature. Named types are found among the
/// declared ones by their path: every segment written must appear, in order, in the Rust path, and
/// exactly one declared type may match (write `evidence::Filter`, not `Filter`, where two exist).
fn ts_of(rust: &str, declared: &BTreeMap<String, Declared>, command: &str) -> String {
    let rust = rust.trim();
    if let Some(inner) = generic(rust, "Option") {
        return format!("{} | null", ts_of(inner, declared, command));
    }
    if let Some(inner) = generic(rust, "Vec") {
        return format!("Array<{}>", ts_of(inner, declared, command));
    }
    if let Some(inner) = generic(rust, "Channel") {
        return format!("Channel<{}>", ts_of(inner, declared, command));
    }
    match rust {
        "()" => return "void".into(),
        "String" | "&str" | "PathBuf" | "NaiveDate" | "chrono::NaiveDate" => return "string".into(),
        "bool" => return "boolean".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" | "f32" | "f64" => return "number".into(),
        // Raw bytes (tauri::ipc::Response) arrive as an ArrayBuffer.
        "Response" | "tauri::ipc::Response" => return "ArrayBuffer".into(),
        _ => {}
    }
    let written: Vec<&str> = rust.split("::").filter(|s| *s != "sanctuary" && *s != "crate").collect();
    let matches: Vec<&String> = declared
        .iter()
        .filter(|(_, d)| {
            let path: Vec<&str> = d.rust.split("::").collect();
            path.last() == written.last() && {
                let mut it = path.iter();
                written.iter().all(|w| it.any(|p| p == w))
            }
        })
        .map(|(ts, _)| ts)
        .collect();
    match matches.as_slice() {
        [one] => (*one).clone(),
        [] => panic!("command {command}: the type `{rust}` is not in the contract; add it to roots() in src-tauri/src/contract.rs"),
        many => panic!("command {command}: `{rust}` could be any of {many:?}; write its module path in the signature"),
    }
}

/// `Name<inner>` → `inner`.
fn generic<'a>(rust: &'a str, name: &str) -> Option<&'a str> {
    // The type's own name is what comes before its first `<` (what is inside may have paths too).
    let start = rust.find('<')?;
    if rust[..start].rsplit("::").next()? != name {
        return None;
    }
    rust.strip_suffix('>').map(|r| &r[start + 1..])
}

/// The registered command names, from `generate_handler![…]` in main.rs.
fn registered(main_rs: &str) -> Vec<String> {
    let start = main_rs.find("generate_handler![").expect("main.rs registers its commands") + "generate_handler![".len();
    let end = start + main_rs[start..].find(']').unwrap();
    let mut names: Vec<String> = main_rs[start..end]
        .split(',')
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| s.rsplit("::").next().unwrap().to_string())
        .collect();
    names.sort();
    names
}

fn ts_list(name: &str, codes: &[&str]) -> String {
    let items: Vec<String> = codes.iter().map(|c| format!("  '{c}',")).collect();
    format!("export const {name} = [\n{}\n] as const;\n", items.join("\n"))
}

/// The whole of contract.ts.
pub fn render(sources: &[(&str, &str)], main_rs: &str) -> String {
    let mut c = Collector { cfg: Config::new().with_large_int("number"), seen: HashSet::new(), out: BTreeMap::new() };
    roots(&mut c);
    let cmds = commands(sources);
    let names: Vec<String> = cmds.iter().map(|c| c.name.clone()).collect();
    assert_eq!(names, registered(main_rs), "every #[tauri::command] in commands/ is registered in main.rs, and only those");

    let mut out = String::new();
    out.push_str(&format!(
        "// GENERATED from the Rust types and the #[tauri::command] signatures by src-tauri/src/contract.rs.\n\
         // Do not edit: change the Rust, then run `{UPDATE_COMMAND}`.\n\
         // ui/src/lib/api.ts types its calls with `Commands`; the window words an `ErrorCode` from\n\
         // ui/src/i18n/*.json (`error.<code>`) when it has words for it.\n\n\
         import type {{ Channel }} from '@tauri-apps/api/core';\n\n"
    ));
    let codes: Vec<&str> = sanctuary::error::KIND_CODES.iter().chain(sanctuary::error::RULE_CODES).copied().chain(["shell"]).collect();
    out.push_str(&ts_list("ERROR_CODES", &codes));
    out.push_str("export type ErrorCode = (typeof ERROR_CODES)[number];\n\n");
    for d in c.out.values() {
        out.push_str(&d.decl);
        out.push_str("\n\n");
    }
    out.push_str("/** Every command the window may call: its arguments and what it resolves to. */\nexport interface Commands {\n");
    for cmd in &cmds {
        // Tauri fills a missing `Option` argument with None, so the window may leave it out.
        let args: Vec<String> = cmd
            .args
            .iter()
            .map(|(n, t)| format!("{n}{}: {}", if generic(t, "Option").is_some() { "?" } else { "" }, ts_of(t, &c.out, &cmd.name)))
            .collect();
        let args = if args.is_empty() { "Record<string, never>".to_string() } else { format!("{{ {} }}", args.join("; ")) };
        out.push_str(&format!("  {}: {{ args: {args}; result: {} }};\n", cmd.name, ts_of(&cmd.result, &c.out, &cmd.name)));
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sources the commands are read from, embedded so the test needs no working directory.
    fn sources() -> Vec<(&'static str, &'static str)> {
        vec![
            ("audit.rs", include_str!("commands/audit.rs")),
            ("backup.rs", include_str!("commands/backup.rs")),
            ("commitments.rs", include_str!("commands/commitments.rs")),
            ("data_folder.rs", include_str!("commands/data_folder.rs")),
            ("demo.rs", include_str!("commands/demo.rs")),
            ("evidence.rs", include_str!("commands/evidence.rs")),
            ("export.rs", include_str!("commands/export.rs")),
            ("framework.rs", include_str!("commands/framework.rs")),
            ("journey.rs", include_str!("commands/journey.rs")),
            ("plan.rs", include_str!("commands/plan.rs")),
            ("readiness.rs", include_str!("commands/readiness.rs")),
            ("redact.rs", include_str!("commands/redact.rs")),
            ("review.rs", include_str!("commands/review.rs")),
            ("school.rs", include_str!("commands/school.rs")),
            ("settings.rs", include_str!("commands/settings.rs")),
            ("status.rs", include_str!("commands/status.rs")),
        ]
    }

    #[test]
    fn contract_ts_is_up_to_date() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let files: Vec<String> = std::fs::read_dir(dir.join("src/commands"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".rs") && n != "mod.rs")
            .collect();
        let embedded: Vec<&str> = sources().iter().map(|(n, _)| *n).collect();
        for f in &files {
            assert!(embedded.contains(&f.as_str()), "commands/{f} is new: add it to sources() in src-tauri/src/contract.rs");
        }
        let fresh = render(&sources(), include_str!("main.rs"));
        let committed_path = dir.join("..").join(CONTRACT_PATH);
        let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
        if committed != fresh {
            if std::env::var_os("SANCTUARY_UPDATE_CONTRACT").is_some() {
                std::fs::write(&committed_path, &fresh).unwrap();
                return;
            }
            let tmp = std::env::temp_dir().join("sanctuary-contract.ts");
            std::fs::write(&tmp, &fresh).unwrap();
            panic!(
                "{CONTRACT_PATH} is out of date with the Rust types and commands (the fresh version is in {}).\nRun `{UPDATE_COMMAND}` to update it, then check the window still typechecks (cd ui && npx svelte-check).",
                tmp.display()
            );
        }
    }

    /// Every rule the core can refuse with (and the refusals the coordinator causes: cancelling, the
    /// passphrase) has words in English and Welsh, and the tables hold no words for unknown codes,
    /// so the Welsh window never shows the core's English for something the coordinator typed.
    #[test]
    fn every_rule_has_english_and_welsh_words() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/i18n");
        let known: Vec<&str> = sanctuary::error::KIND_CODES.iter().chain(sanctuary::error::RULE_CODES).copied().chain(["shell"]).collect();
        let worded: Vec<&str> = sanctuary::error::RULE_CODES.iter().copied().chain(["cancelled", "passphrase_needed", "wrong_passphrase"]).collect();
        for lang in ["en", "cy"] {
            let table: BTreeMap<String, String> = serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{lang}.json"))).unwrap()).unwrap();
            for code in &worded {
                let key = format!("error.{code}");
                assert!(table.get(&key).is_some_and(|t| !t.trim().is_empty()), "{lang}.json has no words for {key}");
            }
            for key in table.keys().filter_map(|k| k.strip_prefix("error.")) {
                assert!(known.contains(&key), "{lang}.json words error.{key}, which no error carries");
            }
        }
    }

    #[test]
    fn signatures_are_read_as_written() {
        let src = "#[tauri::command]\npub async fn add_thing(state: State<'_, AppState>, round_id: String,\n  kinds: Vec<Option<u64>>, on_progress: Channel<Progress>) -> ApiResult<()> {}";
        let cmds = commands(&[("x.rs", src)]);
        assert_eq!(cmds.len(), 1);
        assert_eq!(cmds[0].name, "add_thing");
        assert_eq!(cmds[0].args, [("roundId".into(), "String".into()), ("kinds".into(), "Vec<Option<u64>>".into()), ("onProgress".into(), "Channel<Progress>".into())]);
        assert_eq!(cmds[0].result, "()");
        assert_eq!(ts_of("()", &BTreeMap::new(), "x"), "void");
        let mut declared = BTreeMap::new();
        declared.insert("Progress".to_string(), Declared { rust: "sanctuary::job::Progress".into(), decl: String::new() });
        declared.insert("EvidenceFilter".to_string(), Declared { rust: "sanctuary::evidence::Filter".into(), decl: String::new() });
        declared.insert("PlanFilter".to_string(), Declared { rust: "sanctuary::plan::Filter".into(), decl: String::new() });
        assert_eq!(ts_of("Vec<Option<u64>>", &declared, "x"), "Array<number | null>");
        assert_eq!(ts_of("Channel<Progress>", &declared, "x"), "Channel<Progress>");
        assert_eq!(ts_of("sanctuary::plan::Filter", &declared, "x"), "PlanFilter");
        assert_eq!(ts_of("Vec<evidence::Filter>", &declared, "x"), "Array<EvidenceFilter>");
        assert_eq!(ts_of("std::vec::Vec<Option<sanctuary::plan::Filter>>", &declared, "x"), "Array<PlanFilter | null>");
        assert_eq!(ts_of("evidence::Filter", &declared, "x"), "EvidenceFilter");
        let ambiguous = std::panic::catch_unwind(|| ts_of("Filter", &declared, "x"));
        assert!(ambiguous.is_err(), "a bare name two types share is refused");
    }
}
