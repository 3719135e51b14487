//! The portfolio PDF as the panel receives it, checked with the tools they would open it in:
//! qpdf for structure, poppler (pdftotext, pdfinfo, pdffonts) and mupdf (mutool) for reading, and
//! lopdf for bookmarks and links.
//!
//! These tools come from Debian's qpdf, poppler-utils and mupdf-tools packages; `./run test`
//! installs them. A missing tool fails the test with the package to install.
//!
//! One module a concern: `reading` (structure, text, fonts, repeatable bytes), `navigation`
//! (bookmarks, contents, exhibit links), `export` (the call itself: errors, cancelling, consent, the
//! cover note, the CLI, the visit brief), `application` (its page count), `parts` (the application
//! alone, the evidence pack alone, the application as Word) and `appendix` (photos and
//! merged PDFs); the tools and exports they share are here.

mod appendix;
mod application;
mod export;
mod navigation;
mod parts;
mod reading;
mod richtext;

use std::path::{Path, PathBuf};
use std::process::Command;

use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions};
use sanctuary::Store;

use crate::support::{demo_store, now};

/// Runs a PDF tool, failing with the Debian package to install when it is missing.
fn run(tool: &str, args: &[&str]) -> std::process::Output {
    let package = match tool {
        "qpdf" => "qpdf",
        "mutool" => "mupdf-tools",
        _ => "poppler-utils",
    };
    match Command::new(tool).args(args).output() {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            panic!("`{tool}` is not installed; install the Debian package `{package}` (sudo apt-get install {package})")
        }
        Err(e) => panic!("cannot run {tool}: {e}"),
    }
}

fn ok(tool: &str, args: &[&str]) -> String {
    // These two also work on Windows, where the tests run under Wine (see support::LINUX_TOOLS).
    match (tool, args) {
        ("pdftotext", _) => return crate::support::pdftotext(args),
        ("qpdf", ["--check", file]) => return crate::support::qpdf_check(Path::new(file)),
        _ => {}
    }
    let o = run(tool, args);
    assert!(
        o.status.success(),
        "{tool} {args:?} failed: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn export_demo(dir: &Path) -> (Store, PathBuf, portfolio::ExportReport) {
    let store = demo_store(dir);
    let out = dir.join("portfolio.pdf");
    let report = portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    (store, out, report)
}

/// Text with every run of whitespace made one space, so that wrapped lines compare as sentences.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn page_text(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    flat(&ok("pdftotext", &["-f", &p, "-l", &p, pdf.to_str().unwrap(), "-"]))
}
