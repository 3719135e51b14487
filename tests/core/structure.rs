//! The shape of the core: its top-level modules (`src/<name>.rs` or `src/<name>/`) must form layers, with
//! no module reaching, directly or through others, back into a module that uses it. A loop means neither
//! side can be understood, tested or changed alone; `store` at the bottom and `cli` at the top only stay
//! there while this holds.
//!
//! The graph is read from the source text: every `crate::<module>` in code (comments are left out), in
//! every file of a module, is an edge from that module to `<module>`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

pub(crate) fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level modules of the crate, each with the files that make it up.
fn modules() -> BTreeMap<String, Vec<PathBuf>> {
    let mut out = BTreeMap::new();
    for e in fs::read_dir(src()).unwrap().flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            // `src/bin` holds programs that use the crate, not a module of it.
            if name != "bin" {
                out.insert(name, rust_files(&path));
            }
        } else if let Some(stem) = name.strip_suffix(".rs") {
            if stem != "lib" {
                out.insert(stem.to_string(), vec![path]);
            }
        }
    }
    out
}

pub(crate) fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap().flatten() {
        let path = e.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
    out
}

/// The text without `//` comments (doc comments included): prose may name any module.
pub(crate) fn code_of(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            // A `//` inside a string ("https://…") is kept; good enough for this crate's sources.
            Some(at) if line[..at].matches('"').count() % 2 == 0 => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every module named right after `crate::`, including each of `crate::{a, b::c}`.
fn named_modules(code: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String { s.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect() };
    let mut out = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item_start = 0;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        out.insert(ident(&group[item_start..i]));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.insert(ident(&group[item_start..i]));
                        item_start = i + 1;
                    }
                    _ => {}
                }
            }
        } else {
            out.insert(ident(rest));
        }
    }
    out.remove("");
    out
}

/// For each module, the modules it uses, each with one file that shows it.
fn graph() -> BTreeMap<String, BTreeMap<String, PathBuf>> {
    let modules = modules();
    let mut edges: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for (name, files) in &modules {
        let uses = edges.entry(name.clone()).or_default();
        for file in files {
            for used in named_modules(&code_of(&fs::read_to_string(file).unwrap())) {
                if &used != name && modules.contains_key(&used) {
                    uses.entry(used).or_insert_with(|| file.clone());
                }
            }
        }
    }
    edges
}

/// The groups of modules that reach each other (strongly connected components of two or more).
pub(crate) fn loops(edges: &BTreeMap<String, BTreeMap<String, PathBuf>>) -> Vec<BTreeSet<String>> {
    let reach = |from: &str| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.to_string()];
        while let Some(m) = todo.pop() {
            for next in edges.get(&m).into_iter().flat_map(|e| e.keys()) {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> = edges.keys().map(|m| (m, reach(m))).collect();
    let mut out: Vec<BTreeSet<String>> = Vec::new();
    for (m, r) in &reaches {
        if !r.contains(*m) || out.iter().any(|l| l.contains(*m)) {
            continue;
        }
        out.push(r.iter().filter(|o| reaches[o].contains(*m)).cloned().collect());
    }
    out
}

/// How a loop goes round, edge by edge, with a file for each edge.
pub(crate) fn describe(group: &BTreeSet<String>, edges: &BTreeMap<String, BTreeMap<String, PathBuf>>) -> String {
    let root = src();
    let mut lines = Vec::new();
    for m in group {
        for (used, file) in &edges[m] {
            if group.contains(used) {
                let shown = file.strip_prefix(&root).unwrap_or(file).display();
                lines.push(format!("  {m} -> {used} (e.g. src/{shown})"));
            }
        }
    }
    lines.join("\n")
}

#[test]
fn top_level_modules_form_layers_without_loops() {
    let edges = graph();
    // The reader must see the crate at all, or an empty graph would pass.
    assert!(edges.contains_key("store") && edges.contains_key("cli"), "modules not found under {}", src().display());
    let found: Vec<String> = loops(&edges).iter().map(|l| describe(l, &edges)).collect();
    assert!(found.is_empty(), "top-level modules use each other in a loop:\n{}", found.join("\n\n"));
}

#[test]
fn the_store_is_the_bottom_floor() {
    let edges = graph();
    let uses: Vec<&String> = edges["store"].keys().filter(|m| m.as_str() != "error").collect();
    assert!(uses.is_empty(), "store must use no module but error; it uses {uses:?}");
}

#[test]
fn the_reader_finds_grouped_and_plain_paths() {
    let code = code_of("use crate::{a, b::{c, d}, e as f};\nlet x = crate::g::h(); // crate::comment\n");
    let names: Vec<String> = named_modules(&code).into_iter().collect();
    assert_eq!(names, ["a", "b", "e", "g"]);
}

#[test]
fn the_loop_finder_finds_a_loop_through_several_modules() {
    let edge = |pairs: &[(&str, &str)]| -> BTreeMap<String, BTreeMap<String, PathBuf>> {
        let mut g: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
        for (from, to) in pairs {
            g.entry(from.to_string()).or_default().insert(to.to_string(), PathBuf::from(format!("{from}.rs")));
            g.entry(to.to_string()).or_default();
        }
        g
    };
    let found = loops(&edge(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("e", "d")]));
    let abc: BTreeSet<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
    assert_eq!(found, [abc]);
    assert!(loops(&edge(&[("a", "b"), ("b", "c"), ("a", "c")])).is_empty());
}

/// Each table and the module that owns its SQL: a file, or a folder for a module split into files
/// (paths under `src/`). The same list is the table in `src/store/mod.rs`'s doc.
const OWNERS: &[(&str, &str)] = &[
    ("action_item", "plan.rs"),
    ("action_criterion", "plan.rs"),
    ("commitment", "commitments.rs"),
    ("audit", "audit.rs"),
    ("narrative", "audit.rs"),
    ("evidence", "evidence/"),
    ("evidence_criterion", "evidence/"),
    ("blob", "evidence/"),
    ("blob_retired", "evidence/"),
    ("feedback_round", "feedback.rs"),
    ("feedback_comment", "feedback.rs"),
    ("feedback_import", "feedback/"),
    ("feedback_suggestion", "feedback/"),
    ("journey_step", "journey.rs"),
    ("school", "school.rs"),
    ("field_draft", "drafts.rs"),
    ("imported_framework", "framework/imported.rs"),
    ("previous_award", "bundle/renewal/"),
    ("contribution_import", "bundle/contribution/"),
    ("contribution_conflict", "bundle/contribution/"),
    ("settings", "store/"),
];

/// Places that name other modules' tables by design, each with the table it may name ("*" for
/// every table); the reasons are in `src/store/mod.rs`'s doc, which lists the same places.
const EXCEPTIONS: &[(&str, &str)] = &[
    ("store/migrations/", "*"),
    ("bundle/backup.rs", "*"),
    ("bundle/restore.rs", "*"),
    ("bundle/contribution/", "*"),
    ("bundle/renewal/record.rs", "*"),
    ("bin/", "*"),
    ("demo/reset.rs", "*"),
    ("datadir/import_staging.rs", "contribution_import"),
];

/// Every `.rs` and `.sql` file under `dir`.
fn source_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap().flatten() {
        let path = e.path();
        if path.is_dir() {
            out.extend(source_files(&path));
        } else if path.extension().is_some_and(|x| x == "rs" || x == "sql") {
            out.push(path);
        }
    }
    out
}

/// The tables that SQL in `code` mentions: each name right after FROM, INTO, UPDATE or JOIN (which
/// covers DELETE FROM and INSERT OR IGNORE INTO), in capitals as the crate writes its SQL.
fn tables_in(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for keyword in ["FROM", "INTO", "UPDATE", "JOIN"] {
        for (at, _) in code.match_indices(keyword) {
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &code[at + keyword.len()..];
            let trimmed = rest.trim_start();
            if trimmed.len() == rest.len() {
                continue;
            }
            let name: String = trimmed.chars().take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_').collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// Whether the file at `rel` (under `src/`) is `place` or inside it.
fn is_in(rel: &str, place: &str) -> bool {
    if place.ends_with('/') { rel.starts_with(place) } else { rel == place || rel == place.replace(".rs", "/mod.rs") }
}

#[test]
fn each_table_has_one_module_that_writes_its_sql() {
    let root = src();
    let owner: BTreeMap<&str, &str> = OWNERS.iter().copied().collect();
    let mut strays = Vec::new();
    let mut seen = BTreeSet::new();
    for file in source_files(&root) {
        let rel = file.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        let text = fs::read_to_string(&file).unwrap();
        let code = if rel.ends_with(".rs") { code_of(&text) } else { text };
        for table in tables_in(&code) {
            let Some(&place) = owner.get(table.as_str()) else { continue };
            seen.insert(table.clone());
            let allowed = is_in(&rel, place)
                || EXCEPTIONS.iter().any(|(p, t)| is_in(&rel, p) && (*t == "*" || *t == table));
            if !allowed {
                strays.push(format!("  src/{rel} has SQL for `{table}`, which src/{place} owns"));
            }
        }
    }
    // The scan must find the tables at all, or a reader that found nothing would pass.
    assert!(seen.len() == OWNERS.len(), "the scan found SQL for only {seen:?}");
    assert!(
        strays.is_empty(),
        "SQL outside its table's owner (call the owner's functions, or add a function there):\n{}",
        strays.join("\n")
    );
}

#[test]
fn every_table_has_an_owner_and_the_store_doc_lists_the_same() {
    let migrations: String = source_files(&src().join("store/migrations"))
        .iter()
        .map(|f| fs::read_to_string(f).unwrap())
        .collect();
    let owned: BTreeSet<&str> = OWNERS.iter().map(|(t, _)| *t).collect();
    for line in migrations.lines() {
        if let Some(rest) = line.trim_start().strip_prefix("CREATE TABLE ") {
            let name: String = rest.trim_start_matches("IF NOT EXISTS ").chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            assert!(owned.contains(name.as_str()), "table `{name}` has no owner in OWNERS (and src/store/mod.rs)");
        }
    }
    let doc = fs::read_to_string(src().join("store/mod.rs")).unwrap();
    for (table, place) in OWNERS {
        let row = format!("//! | `{table}` | src/{place} |");
        assert!(doc.contains(&row), "src/store/mod.rs's table of owners lacks the row `{row}`");
    }
    let rows = doc.lines().filter(|l| l.starts_with("//! | src/")).count();
    assert_eq!(rows, EXCEPTIONS.len(), "src/store/mod.rs lists other exceptions than this test");
    for (place, table) in EXCEPTIONS {
        let tables = if *table == "*" { "every table".to_string() } else { format!("`{table}`") };
        let row = format!("//! | src/{place} | {tables} |");
        assert!(doc.contains(&row), "src/store/mod.rs's exceptions lack the row `{row}`");
    }
}

#[test]
fn the_sql_reader_finds_tables_after_each_keyword() {
    let code = r#"tx.execute("DELETE FROM audit WHERE x"); "SELECT a FROM plan_x p JOIN blob b"; "INSERT OR IGNORE INTO settings"; "UPDATE school SET"; "FROMAGE x""#;
    let found: Vec<String> = tables_in(code).into_iter().collect();
    assert_eq!(found, ["audit", "blob", "plan_x", "school", "settings"]);
}
