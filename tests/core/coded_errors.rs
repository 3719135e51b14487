//! Refusals a person can meet reach the window as coded rules, never as an English sentence: the core
//! builds `Error::Invalid(..)` only at internal sites, each saying why with an `// internal:` comment,
//! every code it refuses with is listed in `error::RULE_CODES`, and the Welsh table words each rule in
//! Welsh rather than holding a copy of the English.
//!
//! Not for what the words say (tests/core/i18n.rs and the contract's test in src-tauri check that every
//! rule has words in both tables), nor for the command line, which prints the English `message`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// How many lines above an `Error::Invalid(` its `// internal:` comment may stand (a comment, then a
/// `.map_err(` or `return Err(` opening the call).
const REACH: usize = 3;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap().flatten() {
        let path = e.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The 1-based lines of `text` that build an `Error::Invalid` with no `// internal:` comment on the
/// line or in the [`REACH`] lines above it.
fn unexplained_invalid(text: &str) -> Vec<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let code = line.split("//").next().unwrap_or_default();
        if !code.contains("Error::Invalid(") {
            continue;
        }
        let explained = lines[i.saturating_sub(REACH)..=i].iter().any(|l| l.contains("// internal:"));
        if !explained {
            out.push(i + 1);
        }
    }
    out
}

/// The core's files that may refuse a person: all of src/ but the command line (which prints English
/// and may explain its own arguments in English) and error.rs, where the variant is defined.
fn core_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    files.retain(|p| {
        let rel = p.strip_prefix(root().join("src")).unwrap().to_string_lossy().replace('\\', "/");
        !rel.starts_with("cli/") && rel != "error.rs"
    });
    files.sort();
    files
}

#[test]
fn no_user_facing_error_is_built_from_a_sentence() {
    let mut found = Vec::new();
    for file in core_files() {
        let text = fs::read_to_string(&file).unwrap();
        for line in unexplained_invalid(&text) {
            found.push(format!("{}:{line}", file.strip_prefix(root()).unwrap().display()));
        }
    }
    assert!(
        found.is_empty(),
        "these build Error::Invalid from an English sentence, which the Welsh window would show in English.\n\
         Make each a coded rule (Error::rule with a code in error::RULE_CODES, worded in ui/src/i18n/en.json and cy.json),\n\
         or, if no person can meet it, say why with an `// internal:` comment just above:\n  {}",
        found.join("\n  ")
    );
}

#[test]
fn the_scanner_finds_an_unexplained_sentence_and_accepts_an_explained_one() {
    let text = "fn a() -> Result<()> {\n    Err(Error::Invalid(\"no\".into()))\n}\n\
                fn b() -> Result<()> {\n    // internal: a bug if it happens\n    let x = y.map_err(|e| Error::Invalid(e.to_string()))?;\n}\n\
                // Error::Invalid(..) named in prose is not code\n";
    assert_eq!(unexplained_invalid(text), vec![2]);
    let far = "// internal: too far above\n\n\n\n\nErr(Error::Invalid(String::new()))\n";
    assert_eq!(unexplained_invalid(far), vec![6]);
}

/// Every `"code"` that opens an `Error::rule(` call (on its line or the next) in `text`.
fn rule_codes_used(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("Error::rule(") {
        rest = &rest[at + "Error::rule(".len()..];
        let arg = rest.trim_start();
        if let Some(quoted) = arg.strip_prefix('"') {
            if let Some(end) = quoted.find('"') {
                out.push(quoted[..end].to_string());
            }
        }
    }
    out
}

#[test]
fn every_rule_the_core_refuses_with_is_listed() {
    let mut unknown = Vec::new();
    let mut all = Vec::new();
    rust_files(&root().join("src"), &mut all);
    for file in all {
        let text = fs::read_to_string(&file).unwrap();
        for code in rule_codes_used(&text) {
            if !sanctuary::error::RULE_CODES.contains(&code.as_str()) {
                unknown.push(format!("{code} ({})", file.display()));
            }
        }
    }
    assert!(unknown.is_empty(), "not in error::RULE_CODES, so no window has words for them: {unknown:?}");
    assert_eq!(rule_codes_used("Error::rule(\n  \"a_b\", [], \"x\")"), ["a_b"]);
}

#[test]
fn the_welsh_window_words_every_rule_in_welsh() {
    let table = |lang: &str| -> BTreeMap<String, String> {
        serde_json::from_str(&fs::read_to_string(root().join(format!("ui/src/i18n/{lang}.json"))).unwrap()).unwrap()
    };
    let (en, cy) = (table("en"), table("cy"));
    let mut english_in_welsh = Vec::new();
    for code in sanctuary::error::RULE_CODES {
        let key = format!("error.{code}");
        let (e, c) = (en.get(&key), cy.get(&key));
        assert!(e.is_some() && c.is_some(), "{key} needs words in en.json and cy.json");
        if e == c {
            english_in_welsh.push(key);
        }
    }
    assert!(english_in_welsh.is_empty(), "cy.json holds the English words for {english_in_welsh:?}");
}
