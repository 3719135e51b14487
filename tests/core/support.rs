//! Shared fixtures: temporary data folders, a fixed clock, the demo school, and a way to run the real
//! CLI binary.

use std::path::Path;
use std::process::{Command, Output};

use chrono::{DateTime, TimeZone, Utc};
use sanctuary::Store;

/// A fixed "now" so that results repeat.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

/// A fresh temporary folder, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// A data folder (`dir/data`) holding the demo school without its drawn photos, so that each test
/// controls exactly which pictures the PDF holds (the demo's own photos are checked in
/// `portfolio::appendix::the_demo_photos_reach_the_pdf`).
pub fn demo_store(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("data")).unwrap();
    sanctuary::demo::load(&mut store, now(), false).unwrap();
    store
        .conn()
        .execute_batch(
            "DELETE FROM evidence_criterion WHERE evidence_id IN (SELECT id FROM evidence WHERE kind = 'photo');
             DELETE FROM evidence WHERE kind = 'photo';",
        )
        .unwrap();
    store
}

/// `jpeg` with an APP1 EXIF segment holding `tiff` (a TIFF structure) put right after its start
/// marker, where cameras write it.
pub fn with_exif_segment(jpeg: &[u8], tiff: &[u8]) -> Vec<u8> {
    let mut seg = b"Exif\0\0".to_vec();
    seg.extend_from_slice(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((seg.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&seg);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A big-endian TIFF structure whose one directory holds one tag, the orientation (6: "turn 90°
/// clockwise to view"), and no next directory; more bytes may follow it.
pub fn orientation_tiff(orientation: u16) -> Vec<u8> {
    let mut tiff = b"MM\0*".to_vec();
    tiff.extend_from_slice(&8u32.to_be_bytes());
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend_from_slice(&0x0112u16.to_be_bytes());
    tiff.extend_from_slice(&3u16.to_be_bytes());
    tiff.extend_from_slice(&1u32.to_be_bytes());
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&0u16.to_be_bytes()); // the value's unused half
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next directory
    tiff
}

/// Runs the built `sanctuary` binary with `args`, using `data` as its data folder.
pub fn cli(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sanctuary"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("SANCTUARY_DATA_DIR")
        .env_remove("SANCTUARY_PASSPHRASE")
        .output()
        .expect("run sanctuary")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Tests run on Linux and, for the Windows build, under Wine (`tests/windows/check.sh tests`), where
/// the Linux programs the tests read PDFs back with (poppler, qpdf, mupdf) cannot be started. Tests
/// that need more than text and a structural check from them are marked
/// `#[cfg_attr(windows, ignore = "...")]`; these two helpers let the others run on both.
pub const LINUX_TOOLS: bool = cfg!(not(windows));

/// The text of a PDF as `pdftotext ARGS` prints it, for the arguments the tests use: `[-f N] [-l N]
/// [-layout] FILE [-]`. On Linux this is poppler's `pdftotext` itself (what a reader's viewer sees).
/// On Windows it is lopdf's text extraction of the same pages: the same words in the same lines for
/// left-to-right text, though right-to-left runs come out in visual order and layout is not kept.
pub fn pdftotext(args: &[&str]) -> String {
    if LINUX_TOOLS {
        let o = Command::new("pdftotext")
            .args(args)
            .args(if args.last() == Some(&"-") { &[][..] } else { &["-"][..] })
            .output()
            .expect("pdftotext is installed (Debian package poppler-utils; ./run test installs it)");
        assert!(o.status.success(), "pdftotext {args:?}: {}", stderr(&o));
        return stdout(&o);
    }
    let mut first = None;
    let mut last = None;
    let mut file = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match *a {
            "-f" => first = it.next().and_then(|n| n.parse::<u32>().ok()),
            "-l" => last = it.next().and_then(|n| n.parse::<u32>().ok()),
            "-layout" | "-raw" | "-" => {}
            other => file = Some(other),
        }
    }
    let file = file.expect("a PDF file among pdftotext's arguments");
    let doc = lopdf::Document::load(file).unwrap_or_else(|e| panic!("lopdf cannot read {file}: {e}"));
    let pages: Vec<u32> = doc
        .get_pages()
        .keys()
        .copied()
        .filter(|p| first.is_none_or(|f| *p >= f) && last.is_none_or(|l| *p <= l))
        .collect();
    let mut text = String::new();
    for p in pages {
        text.push_str(&doc.extract_text(&[p]).unwrap_or_else(|e| panic!("lopdf cannot read page {p} of {file}: {e}")));
        text.push('\u{c}'); // pdftotext ends each page with a form feed
    }
    text
}

/// `qpdf --check FILE`, failing the test on any error; returns qpdf's report. On Windows (no qpdf)
/// the file is instead parsed whole by lopdf, a weaker check, and the report is empty.
pub fn qpdf_check(pdf: &Path) -> String {
    if LINUX_TOOLS {
        let o = Command::new("qpdf")
            .arg("--check")
            .arg(pdf)
            .output()
            .expect("qpdf is installed (Debian package qpdf; ./run test installs it)");
        assert!(o.status.success(), "qpdf --check {}: {}{}", pdf.display(), stdout(&o), stderr(&o));
        return stdout(&o);
    }
    eprintln!("qpdf --check skipped on Windows (a Linux tool); {} is parsed by lopdf instead", pdf.display());
    let doc = lopdf::Document::load(pdf).unwrap_or_else(|e| panic!("lopdf cannot read {}: {e}", pdf.display()));
    assert!(!doc.get_pages().is_empty(), "{} has no pages", pdf.display());
    String::new()
}
