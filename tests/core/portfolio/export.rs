//! The export call: a clear error for a missing folder, a cancel that leaves nothing, evidence
//! without consent left out, the cover's anonymity note, the CLI, and the visit brief.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions};

use crate::support::{cli, demo_store, now, stderr, stdout, tempdir};
use super::{flat, ok, page_text};

#[test]
fn a_missing_folder_gives_a_clear_error_and_leaves_nothing() {
    let dir = tempdir();
    let store = demo_store(dir.path());
    let out = dir.path().join("no such folder").join("p.pdf");
    let err = portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("does not exist") && msg.contains("no such folder"),
        "{msg}"
    );
    assert!(!dir.path().join("no such folder").exists());

    // The CLI says it on one line.
    let data = dir.path().join("data");
    let o = cli(&data, &["export", "--out", out.to_str().unwrap()]);
    assert!(!o.status.success());
    assert_eq!(stderr(&o).trim().lines().count(), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));
}

#[test]
fn a_cancelled_export_leaves_no_file_and_keeps_an_older_one() {
    let dir = tempdir();
    let store = demo_store(dir.path());
    let out = dir.path().join("p.pdf");
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = cancel.clone();
    // Cancel while the PDF is being written.
    let job = Job::new(cancel.clone(), move |p| {
        if p.stage.starts_with("Writing") {
            flag.store(true, Ordering::Relaxed);
        }
    });
    let err = portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &job).unwrap_err();
    assert!(matches!(err, sanctuary::Error::Cancelled), "{err}");
    assert!(!out.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "data")
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");

    std::fs::write(&out, b"the earlier portfolio").unwrap();
    cancel.store(false, Ordering::Relaxed);
    let flag = cancel.clone();
    let job = Job::new(cancel.clone(), move |p| {
        if p.stage.starts_with("Writing") {
            flag.store(true, Ordering::Relaxed);
        }
    });
    assert!(portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &job).is_err());
    assert_eq!(std::fs::read(&out).unwrap(), b"the earlier portfolio");
}

#[test]
fn evidence_without_consent_is_left_out_and_named() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO evidence (id, kind, title, quote_text, attribution, added_at, consent, position, updated_at) \
                 VALUES ('x1', 'quote', 'Unconsented words', 'Please leave me out.', 'Pupil', ?1, 'missing', 99, ?1)",
                [now().to_rfc3339()],
            )?;
            Ok(())
        })
        .unwrap();
    let out = dir.path().join("p.pdf");
    let report = portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    assert_eq!(report.left_out, vec!["Unconsented words".to_string()]);
    assert!(!flat(&ok("pdftotext", &[out.to_str().unwrap(), "-"])).contains("Please leave me out"));

    let mut opts = ExportOptions::new(out.clone(), now());
    opts.include_without_consent = true;
    let report = portfolio::export(&store, &opts, &Job::silent()).unwrap();
    assert!(report.left_out.is_empty());
    assert!(flat(&ok("pdftotext", &[out.to_str().unwrap(), "-"])).contains("Please leave me out"));
}

#[test]
fn the_anonymity_note_appears_on_the_cover_only_when_asked() {
    let dir = tempdir();
    let store = demo_store(dir.path());
    let out = dir.path().join("p.pdf");
    portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    assert!(!page_text(&out, 1).contains("Pupils are not named"));
    let mut opts = ExportOptions::new(out.clone(), now());
    opts.anonymity_note = true;
    portfolio::export(&store, &opts, &Job::silent()).unwrap();
    assert!(page_text(&out, 1).contains("Pupils are not named in this portfolio"));
}

#[test]
fn the_cli_exports_the_demo() {
    let dir = tempdir();
    let data = dir.path().join("data");
    assert!(cli(&data, &["demo"]).status.success());
    let out = dir.path().join("p.pdf");
    let o = cli(&data, &["export", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with(&format!("Wrote {}", out.display())),
        "{}",
        stdout(&o)
    );
    assert!(ok("pdftotext", &[out.to_str().unwrap(), "-"]).contains("Brookfield Primary School"));
}

#[test]
fn the_visit_brief_names_who_to_meet_and_the_evidence_to_show() {
    let dir = tempdir();
    let data = dir.path().join("data");
    assert!(cli(&data, &["demo"]).status.success());
    let out = dir.path().join("brief.pdf");
    let o = cli(&data, &["brief", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    ok("qpdf", &["--check", out.to_str().unwrap()]);
    let text = flat(&ok("pdftotext", &[out.to_str().unwrap(), "-"]));
    for needle in [
        "Visit brief: Brookfield Primary School",
        "Who you will meet",
        "Ms A. Okafor",
        "Mr D. Evans, Inclusion lead",
        "Year 6 (Welsh)",
        "E5 What the training changed",
        "New staff joining mid-year need the same session.",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in {text}");
    }
    let o = cli(
        &data,
        &["brief", "--out", dir.path().join("nope/brief.pdf").to_str().unwrap()],
    );
    assert!(
        !o.status.success() && stderr(&o).contains("does not exist"),
        "{}",
        stderr(&o)
    );
}

/// What may be exported is decided once, in the core: the file name must end in .pdf (checked first,
/// as the window always did) and the size budget must be 1 to 2048 MB.
#[test]
fn export_requests_are_checked_in_the_core() {
    let refused = |out: &str, mb: u64| ExportOptions::requested(PathBuf::from(out), portfolio::Part::All, mb, now()).unwrap_err().to_string();
    let not_pdf = "choose a file name ending in .pdf";
    let bad_size = "the size limit must be between 1 and 2048 MB";
    assert_eq!(refused("portfolio.txt", 15), not_pdf);
    assert_eq!(refused("portfolio", 15), not_pdf);
    assert_eq!(refused("portfolio.pdf.txt", 15), not_pdf);
    assert_eq!(refused("portfolio.txt", 0), not_pdf, "the name is checked before the size");
    assert_eq!(refused("portfolio.pdf", 0), bad_size);
    assert_eq!(refused("portfolio.pdf", 2049), bad_size);
    assert_eq!(refused("portfolio.pdf", u64::MAX), bad_size, "no overflow on an absurd size");

    for (out, mb) in [("portfolio.pdf", 1), ("PORTFOLIO.PDF", 2048), ("dir/p.Pdf", 15)] {
        let opts = ExportOptions::requested(PathBuf::from(out), portfolio::Part::All, mb, now()).unwrap();
        assert_eq!(opts.max_bytes, mb * 1024 * 1024);
        assert_eq!(opts.out, PathBuf::from(out));
        opts.check().unwrap();
    }

    // `check` refuses the same things in options built by hand.
    let mut opts = ExportOptions::new(PathBuf::from("portfolio.pdf"), now());
    opts.check().unwrap();
    opts.max_bytes = 1000;
    assert_eq!(opts.check().unwrap_err().to_string(), bad_size);
    opts.max_bytes = 2049 * 1024 * 1024;
    assert_eq!(opts.check().unwrap_err().to_string(), bad_size);
    // A Word name is for the application alone (see parts.rs); for the whole portfolio it is refused.
    opts.out = PathBuf::from("portfolio.docx");
    assert_eq!(opts.check().unwrap_err().code(), "export_word_part");
}

/// The CLI refuses what the window refuses, in the core's words, and writes nothing (not even the data
/// folder) when it does.
#[test]
fn cli_export_refuses_in_the_cores_words() {
    let dir = tempdir();
    let data = dir.path().join("data");
    let txt = dir.path().join("x.txt");
    let pdf = dir.path().join("x.pdf");
    let core = |out: &Path, mb: u64| ExportOptions::requested(out.to_path_buf(), portfolio::Part::All, mb, now()).unwrap_err().to_string();
    let cases: [(Vec<&str>, String); 4] = [
        (vec!["export", "--out", txt.to_str().unwrap()], core(&txt, portfolio::DEFAULT_MAX_MB)),
        (vec!["export", "--out", pdf.to_str().unwrap(), "--max-mb", "4096"], core(&pdf, 4096)),
        (vec!["export", "--out", pdf.to_str().unwrap(), "--max-mb", "0"], core(&pdf, 0)),
        (vec!["export", "--out", txt.to_str().unwrap(), "--max-mb", "0"], core(&txt, 0)),
    ];
    for (args, words) in cases {
        let o = cli(&data, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), format!("sanctuary: {words}\n"), "{args:?}");
        assert!(!txt.exists() && !pdf.exists(), "{args:?} wrote a file");
        assert!(!data.exists(), "{args:?} created the data folder");
    }
}
