//! A guard for moves: the demo portfolio's exported bytes, pinned by their SHA-256.
//!
//! When code is only moved between files (a module split, a helper given a new home), the PDFs must
//! come out byte for byte as before; a changed hash here means a "move" changed behaviour. This is
//! not a check that the PDF is right (the other portfolio tests are that): when an export is changed
//! on purpose, record the new hashes the failure prints.
//!
//! The export is a pure function of the records and the clock, with one catch: the demo gives its
//! school a fresh random id on every load, and the PDF's file identifier is derived from that id (so
//! that different schools' files differ). The test pins the id so that the input, not the output,
//! is the same on every run. (Files added in one call take their places in the order given, whichever
//! of the importer's two threads finishes first; this test still adds its files one call each, as it
//! always has, so that its pinned bytes did not move.)

use std::path::{Path, PathBuf};

use sanctuary::evidence::{self, ImportOptions, NewLink};
use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions};
use sanctuary::Store;
use sha2::{Digest, Sha256};

use crate::support::{now, tempdir};

/// The demo portfolio (photos included) with reading copies of Word, PowerPoint and OpenDocument
/// files, a merged PDF, a web link and a quote in Arabic, so the hash covers every kind of page.
const PORTFOLIO_SHA256: &str = "7fdc5704216cd2d9c6bbd4ed1b7b045effc68a2d5e2362f0856bd31e023350c0";
/// The visit brief of the same records.
const VISIT_BRIEF_SHA256: &str = "5eed2e84ae85544469a74bd584750f7b479fae405f4e266effbea2ada18b0e42";

fn sha_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)
}

/// The demo school with one of each kind of evidence the demo lacks.
pub(crate) fn golden_store(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("data")).unwrap();
    sanctuary::demo::load(&mut store, now(), false).unwrap();
    // No public call sets a school's id (it is made once, at random); see the module doc.
    store.conn().execute("UPDATE school SET id = 'golden-school'", []).unwrap();
    let files: Vec<PathBuf> = [
        "office/lesson.docx",
        "office/lesson.odt",
        "office/assembly.pptx",
        "office/assembly.odp",
        "pdf/spec-2pages.pdf",
    ]
    .iter()
    .map(|f| fixture(f))
    .collect();
    let opts = ImportOptions { consent: Some(sanctuary::evidence::Consent::Given), ..ImportOptions::default() };
    // One file a call: see the module doc for why not all at once.
    for file in files {
        let report = evidence::import(&mut store, &[file], &opts, &Job::silent(), now()).unwrap();
        assert!(report.refused.is_empty(), "{:?}", report.refused);
    }
    let link = NewLink {
        url: "https://brookfield.example/sanctuary/pledge".into(),
        title: "Our pledge on the school website".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 6, 20),
        note: "Checked before submission.".into(),
        ..NewLink::default()
    };
    evidence::add_link(&mut store, &link, now()).unwrap();
    evidence::add_quote(&mut store, "المدرسة بيتنا الثاني", "Year 6 pupil", &[], now()).unwrap();
    store
}

#[test]
fn moving_code_leaves_the_exported_bytes_unchanged() {
    let dir = tempdir();
    let store = golden_store(dir.path());
    let out = dir.path().join("portfolio.pdf");
    portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    let portfolio = sha_hex(&std::fs::read(&out).unwrap());
    let out = dir.path().join("brief.pdf");
    portfolio::export_visit_brief(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    let brief = sha_hex(&std::fs::read(&out).unwrap());
    // Both compared before either fails, so one run prints both new hashes.
    assert_eq!(
        (portfolio.as_str(), brief.as_str()),
        (PORTFOLIO_SHA256, VISIT_BRIEF_SHA256),
        "the exported bytes changed (portfolio, visit brief); a pure move must not change them"
    );
}
