//! The shape inside each module: the files of a module (its `x.rs` files and `x/` folders, each one
//! node) must not use each other in a loop either. `structure` checks the top-level modules; this
//! checks every folder below them, so a helper shared by two siblings lives in a third (a leaf such
//! as `evidence/decode.rs`) rather than in one of them.
//!
//! Edges are read per file from the source text (comments left out): `crate::a::b::…`, `super::…`
//! (as many as are chained) and `self::…` paths, braces expanded, resolved to where they point. A
//! path from sibling `x` into sibling `y` of the same folder is the edge `x -> y`; the folder's own
//! `mod.rs` is the parent, not a sibling.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use super::structure::{code_of, describe, loops, rust_files, src};

/// A file's module path under `src/`: `evidence/heic.rs` → `[evidence, heic]`, `bundle/mod.rs` →
/// `[bundle]`.
fn module_of(root: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(root).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod") | Some("lib")) {
        parts.pop();
    }
    parts
}

/// The identifier (or `*`) at the start of `s` after spaces, and the rest.
fn ident(s: &str) -> Option<(&str, &str)> {
    let s = s.trim_start();
    if let Some(rest) = s.strip_prefix('*') {
        return Some(("*", rest));
    }
    let end = s.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(s.len());
    (end > 0).then(|| (&s[..end], &s[end..]))
}

/// The paths written at the start of `s` (after a `crate::` or `super::`), each prefixed with `base`;
/// `a::{b, c::{d}}` gives `a::b` and `a::c::d`. Returns the text after them.
fn paths<'a>(mut s: &'a str, base: &[String], out: &mut Vec<Vec<String>>) -> &'a str {
    let mut segs = base.to_vec();
    loop {
        if let Some(inner) = s.trim_start().strip_prefix('{') {
            return group(inner, &segs, out);
        }
        let Some((name, rest)) = ident(s) else { break };
        segs.push(name.to_string());
        s = rest;
        let Some(after) = s.trim_start().strip_prefix("::") else { break };
        s = after;
    }
    if segs.len() > base.len() {
        out.push(segs);
    }
    s
}

/// The items of a `{…}` group (its `{` already read), each a path under `base`; the text after `}`.
fn group<'a>(mut inner: &'a str, base: &[String], out: &mut Vec<Vec<String>>) -> &'a str {
    loop {
        inner = paths(inner, base, out).trim_start();
        match inner.chars().next() {
            Some(',') => {
                inner = &inner[1..];
                if let Some(rest) = inner.trim_start().strip_prefix('}') {
                    return rest;
                }
            }
            Some('}') => return &inner[1..],
            _ => return inner,
        }
    }
}

/// Every path a file's code names, resolved from the file's module `at` to a module path.
fn named_paths(code: &str, at: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (i, _) in code.match_indices("::") {
        let before = &code[..i];
        let word_start = before.rfind(|c: char| !(c.is_alphanumeric() || c == '_')).map_or(0, |p| p + 1);
        let word = &before[word_start..];
        // `$crate::` (macros) and a chained `super::super::` are read from their first word.
        let prev = before[..word_start].chars().last();
        if prev == Some('$') || prev == Some(':') {
            continue;
        }
        let mut rest = &code[i + 2..];
        let base: Vec<String> = match word {
            "crate" => Vec::new(),
            "self" => at.to_vec(),
            "super" => {
                let mut base = at[..at.len().saturating_sub(1)].to_vec();
                while let Some(after) = rest.strip_prefix("super::") {
                    base.pop();
                    rest = after;
                }
                base
            }
            _ => continue,
        };
        paths(rest, &base, &mut out);
    }
    out
}

/// For each folder (as a module path), its siblings' edges: sibling -> sibling it uses, with a file.
fn sibling_graphs() -> BTreeMap<Vec<String>, BTreeMap<String, BTreeMap<String, PathBuf>>> {
    let root = src();
    let files: Vec<PathBuf> = rust_files(&root).into_iter().filter(|f| !f.starts_with(root.join("bin"))).collect();
    let mut children: BTreeMap<Vec<String>, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let m = module_of(&root, f);
        for k in 1..m.len() {
            children.entry(m[..k].to_vec()).or_default().insert(m[k].clone());
        }
    }
    let mut graphs: BTreeMap<Vec<String>, BTreeMap<String, BTreeMap<String, PathBuf>>> = BTreeMap::new();
    for f in &files {
        let m = module_of(&root, f);
        for p in named_paths(&code_of(&fs::read_to_string(f).unwrap()), &m) {
            // Every folder this file sits below, but the crate root (that is `structure`'s test).
            for k in 1..m.len() {
                let folder = &m[..k];
                if p.len() > k && p[..k] == *folder && p[k] != m[k] && children[folder].contains(&p[k]) {
                    let g = graphs.entry(folder.to_vec()).or_default();
                    g.entry(p[k].clone()).or_default();
                    g.entry(m[k].clone()).or_default().entry(p[k].clone()).or_insert_with(|| f.clone());
                }
            }
        }
    }
    graphs
}

#[test]
fn the_files_of_every_module_use_each_other_without_loops() {
    let graphs = sibling_graphs();
    // The reader must see inside modules at all, or an empty graph would pass.
    let evidence = graphs.get(&vec!["evidence".to_string()]).expect("no edges read among the files of src/evidence");
    assert!(evidence.get("rendition").is_some_and(|uses| uses.contains_key("decode")), "rendition -> decode not read");
    let mut found = Vec::new();
    for (folder, edges) in &graphs {
        for group in loops(edges) {
            found.push(format!("in src/{}:\n{}", folder.join("/"), describe(&group, edges)));
        }
    }
    assert!(found.is_empty(), "files of a module use each other in a loop:\n{}", found.join("\n\n"));
}

#[test]
fn the_path_reader_resolves_crate_super_and_groups() {
    let at: Vec<String> = ["evidence", "location", "exif"].iter().map(|s| s.to_string()).collect();
    let code = "use super::super::{decode::check, heic};\nuse super::gps::{self, Point};\nlet x = crate::pdf::{Photo, a::{b}};\nuse $crate::no;";
    let got: BTreeSet<String> = named_paths(code, &at).into_iter().map(|p| p.join("::")).collect();
    let want: BTreeSet<String> = [
        "evidence::decode::check",
        "evidence::heic",
        "evidence::location::gps::self",
        "evidence::location::gps::Point",
        "pdf::Photo",
        "pdf::a::b",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(got, want);
}
