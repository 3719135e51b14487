//! What must hold alike on Linux and on Windows, where the same tests run under Wine
//! (`tests/windows/check.sh tests`): backups moving between the two, file names one of them forbids,
//! the paths the CLI prints and accepts (drive letters, backslashes, spaces, Welsh letters), the
//! default data folder, and replacing a file that something else has open.
//!
//! The two backups in tests/fixtures were made by the real CLI, one on Linux and one on Windows
//! (under Wine); tests/fixtures/README.md says how.

use std::path::{Path, PathBuf};

use rusqlite::params;
use sanctuary::bundle::{self, manifest, RestoreOptions};
use sanctuary::evidence;
use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions};
use sanctuary::Store;
use sha2::{Digest, Sha256};

use crate::support::{cli, now, stderr, stdout, tempdir};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The original file names of the evidence in `made-on-linux.sanctuary`: each is a legal Linux
/// file name that Windows would refuse as a file name (reserved characters, a trailing dot or
/// space, a device name, a backslash inside the name).
const NAMES_WINDOWS_FORBIDS: &[&str] = &[
    "CON.png",
    "Refugee Week: what we did?.png",
    "Y6\\Term 2 ✓.png",
    "\"Welcome\" <board> | hall*.jpg",
    "trip photo.",
    "welcome wall ",
];

fn original_names(store: &Store) -> Vec<String> {
    let mut stmt = store.conn().prepare("SELECT original_name FROM evidence WHERE blob_sha256 IS NOT NULL ORDER BY original_name").unwrap();
    let v = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    v
}

/// Every stored original is there and still matches its name (its SHA-256).
fn assert_originals_intact(store: &Store) {
    let mut stmt = store.conn().prepare("SELECT sha256 FROM blob").unwrap();
    let shas: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert!(!shas.is_empty());
    for sha in shas {
        let bytes = std::fs::read(evidence::blobs::path(store.root(), &sha)).unwrap();
        let actual: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(actual, sha);
    }
}

#[test]
fn a_backup_made_on_linux_with_names_windows_forbids_restores_and_exports() {
    let dir = tempdir();
    let data = dir.path().join("data");
    let report = bundle::restore(&data, &fixture("made-on-linux.sanctuary"), &RestoreOptions::new(false), now(), &Job::silent())
        .unwrap_or_else(|e| panic!("the Linux backup did not restore: {e}"));
    assert_eq!(report.files, NAMES_WINDOWS_FORBIDS.len());
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let store = Store::open(&data).unwrap();
    let mut expected: Vec<String> = NAMES_WINDOWS_FORBIDS.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(original_names(&store), expected, "the names are kept as they were, as text");
    assert_originals_intact(&store);
    // The names are only ever text (the files are stored by hash), so the portfolio prints them too.
    let out = dir.path().join("portfolio.pdf");
    portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    assert!(std::fs::metadata(&out).unwrap().len() > 1000);
    // And a backup made here of that data restores again.
    let again = dir.path().join("again.sanctuary");
    bundle::backup(&store, &again, now(), &Job::silent()).unwrap();
    let data2 = dir.path().join("data2");
    bundle::restore(&data2, &again, &RestoreOptions::new(false), now(), &Job::silent()).unwrap();
    assert_eq!(original_names(&Store::open(&data2).unwrap()), expected);
}

#[test]
fn a_backup_made_on_windows_restores_with_its_evidence() {
    let dir = tempdir();
    let data = dir.path().join("data");
    let report = bundle::restore(&data, &fixture("made-on-windows.sanctuary"), &RestoreOptions::new(false), now(), &Job::silent())
        .unwrap_or_else(|e| panic!("the Windows backup did not restore: {e}"));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let store = Store::open(&data).unwrap();
    assert_eq!(original_names(&store), ["Taith i'r amgueddfa.png", "Wythnos Ffoaduriaid – llun 1.jpg"]);
    assert_eq!(report.files, 2);
    assert_originals_intact(&store);
    // Its thumbnails are made again here (they are not in backups).
    let mut stmt = store.conn().prepare("SELECT sha256, mime FROM blob").unwrap();
    let blobs: Vec<(String, String)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    for (sha, mime) in blobs {
        evidence::rendition::ensure(store.root(), &sha, &mime, &Default::default()).unwrap();
        assert!(evidence::rendition::thumb_path(store.root(), &sha).is_file());
    }
}

/// A zip holding one entry `name` and a manifest listing it, as a hand-made or damaged backup might.
fn backup_with_entry(path: &Path, name: &str) {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let bytes = b"not ours";
    let mut m = manifest::Manifest::new(manifest::Kind::Backup, "X", 1, "2026-01-01T00:00:00Z");
    m.entries.push(manifest::Entry {
        path: name.into(),
        size: bytes.len() as u64,
        sha256: Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect(),
    });
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    z.start_file(name, SimpleFileOptions::default()).unwrap();
    z.write_all(bytes).unwrap();
    z.start_file("manifest.json", SimpleFileOptions::default()).unwrap();
    z.write_all(&serde_json::to_vec(&m).unwrap()).unwrap();
    z.finish().unwrap();
}

#[test]
fn entry_names_that_mean_something_else_on_windows_are_refused_before_anything_is_written() {
    let dir = tempdir();
    let file = dir.path().join("odd.sanctuary");
    let sha = "ab".repeat(32);
    for name in [
        "CON".to_string(),
        "NUL.txt".into(),
        // Windows drops a trailing dot or space, so these would land on the real database's name.
        "sanctuary.db.".into(),
        "sanctuary.db ".into(),
        // A colon names an alternate data stream of the database on NTFS.
        "sanctuary.db:hidden".into(),
        "C:sanctuary.db".into(),
        format!("blobs/ab/{sha}."),
        format!("blobs/ab/{sha}:stream"),
        format!("blobs\\ab\\{sha}"),
        "blobs/ab/a?b*c".into(),
    ] {
        backup_with_entry(&file, &name);
        let data = dir.path().join("data");
        let err = bundle::restore(&data, &file, &RestoreOptions::new(true), now(), &Job::silent())
            .expect_err(&format!("`{name}` must be refused"));
        let msg = err.to_string();
        assert!(msg.contains("Nothing was changed"), "`{name}`: {msg}");
        let written: Vec<_> = std::fs::read_dir(&data).map(|r| r.flatten().map(|e| e.file_name()).collect()).unwrap_or_default();
        assert!(written.is_empty(), "`{name}`: files were written: {written:?}");
    }
}

#[test]
fn the_cli_prints_and_accepts_paths_with_spaces_and_welsh_letters_on_this_system() {
    let dir = tempdir();
    // Like a OneDrive folder on a school laptop.
    let base = dir.path().join("OneDrive - Ysgol Gynradd Aber").join("Siân's work");
    std::fs::create_dir_all(&base).unwrap();
    let data = base.join("Portffolio Noddfa");
    let o = cli(&data, &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(&data.display().to_string()), "{}", stdout(&o));

    let pdf = base.join("Portffolio – drafft 1.pdf");
    let o = cli(&data, &["export", "--out", pdf.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let printed = stdout(&o);
    assert!(printed.starts_with(&format!("Wrote {} (", pdf.display())), "{printed}");
    if cfg!(windows) {
        // What a coordinator sees and can paste into Explorer: a drive letter and backslashes.
        let path = printed.trim_start_matches("Wrote ");
        assert!(path.as_bytes()[1] == b':' && path.as_bytes()[2] == b'\\', "{printed}");
        assert!(!path.split(" (").next().unwrap().contains('/'), "{printed}");
    }
    assert!(pdf.is_file());

    let backup = base.join("copi wrth gefn Mehefin.sanctuary");
    let o = cli(&data, &["backup", "--no-passphrase", "--out", backup.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let elsewhere = base.join("adferwyd ✓");
    let o = cli(&elsewhere, &["restore", backup.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Brookfield Primary School"), "{}", stdout(&o));

    // A path given with the other separator works too on Windows (where both are separators).
    if cfg!(windows) {
        let mixed = data.to_str().unwrap().replace('\\', "/");
        let o = cli(Path::new(&mixed), &["evidence", "list"]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(!stdout(&o).is_empty());
    }
}

#[test]
fn without_a_data_folder_named_the_cli_uses_the_systems_app_data_folder() {
    let dir = tempdir();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_sanctuary"));
    cmd.arg("demo").env_remove("SANCTUARY_DATA_DIR");
    // The variable each system's app-data folder comes from, pointed at a temporary folder.
    let expected = if cfg!(windows) {
        cmd.env("APPDATA", dir.path());
        dir.path().join("org.sanctuaryportfolio.app")
    } else if cfg!(target_os = "macos") {
        cmd.env("HOME", dir.path());
        dir.path().join("Library/Application Support/org.sanctuaryportfolio.app")
    } else {
        cmd.env("XDG_DATA_HOME", dir.path());
        dir.path().join("org.sanctuaryportfolio.app")
    };
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(expected.join("sanctuary.db").is_file(), "no database in {}", expected.display());
    assert!(stdout(&o).contains(&expected.display().to_string()), "{}", stdout(&o));
}

#[test]
fn an_atomic_write_replaces_a_file_even_while_a_reader_has_it_open_for_a_moment() {
    let dir = tempdir();
    let target = dir.path().join("settings.json");
    std::fs::write(&target, b"old").unwrap();
    for round in 0..10 {
        // A reader (a virus scanner, the search indexer, a backup) holds the file for a moment.
        let reader = std::fs::File::open(&target).unwrap();
        let holder = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(150));
            drop(reader);
        });
        let text = format!("new {round}");
        sanctuary::atomic::write(&target, text.as_bytes()).unwrap_or_else(|e| panic!("round {round}: {e}"));
        holder.join().unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), text);
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(left.len(), 1, "temporary files left: {left:?}");
}

#[cfg(windows)]
#[test]
fn an_atomic_write_waits_for_a_program_that_holds_the_file_without_sharing_it() {
    use std::os::windows::fs::OpenOptionsExt;
    let dir = tempdir();
    let target = dir.path().join("school.sanctuary");
    std::fs::write(&target, b"old").unwrap();
    // Share mode read only: no delete/rename while it is open, as many Windows programs open files.
    const FILE_SHARE_READ: u32 = 1;
    let held = std::fs::OpenOptions::new().read(true).share_mode(FILE_SHARE_READ).open(&target).unwrap();
    let holder = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        drop(held);
    });
    sanctuary::atomic::write(&target, b"new").unwrap();
    holder.join().unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), b"new");
}

#[test]
fn a_contribution_pack_with_names_windows_forbids_imports_with_the_names_as_text() {
    let dir = tempdir();
    // A colleague's library (as on a Linux laptop) with such names...
    let mut theirs = Store::open(&dir.path().join("theirs")).unwrap();
    let photos = dir.path().join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    let mut files = Vec::new();
    for (i, name) in ["Assembly: who we are?.png", "poster \"final\".png"].iter().enumerate() {
        let name = if cfg!(windows) { name.replace([':', '?', '"'], "_") } else { name.to_string() };
        let img = image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([(x * 6) as u8, (y * 8) as u8, (i * 90) as u8]));
        let path = photos.join(&name);
        img.save_with_format(&path, image::ImageFormat::Png).unwrap();
        files.push(path);
    }
    evidence::import(&mut theirs, &files, &Default::default(), &Job::silent(), now()).unwrap();
    if !cfg!(windows) {
        // On Windows such names cannot be files, so the pack's records carry them instead.
        theirs.conn().execute("UPDATE evidence SET original_name = replace(original_name, '.png', ' |*<>.')", params![]).unwrap();
    }
    let pack = dir.path().join("from a colleague.sanctuary-pack");
    bundle::contribution::export(&theirs, &pack, "Mrs Ahmed", now(), &Job::silent()).unwrap();
    // ...imports into ours with every name kept as text.
    let mut ours = Store::open(&dir.path().join("ours")).unwrap();
    let report = bundle::contribution::import(&mut ours, &pack, &bundle::Limits::default(), now(), &Job::silent()).unwrap();
    assert_eq!(report.added_evidence, 2);
    assert_eq!(original_names(&ours), original_names(&theirs));
    assert_originals_intact(&ours);
}

/// What `portfolio::reading::the_demo_portfolio_passes_qpdf_and_opens_in_poppler_and_mupdf` and
/// `portfolio::appendix::the_demo_photos_reach_the_pdf` check with Linux tools, read back with lopdf, which
/// runs on Windows too: the page count, the document's metadata, the photos and the text.
#[test]
fn the_demo_portfolio_reads_back_without_linux_tools() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    sanctuary::demo::load(&mut store, now(), false).unwrap();
    let out = dir.path().join("demo.pdf");
    let report = portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    let doc = lopdf::Document::load(&out).unwrap();
    assert_eq!(doc.get_pages().len(), report.pages as usize);
    let info_id = doc.trailer.get(b"Info").and_then(lopdf::Object::as_reference).unwrap();
    let info = doc.get_dictionary(info_id).unwrap();
    let field = |k: &[u8]| lopdf::decode_text_string(info.get(k).unwrap()).unwrap();
    assert_eq!(field(b"Title"), "Brookfield Primary School: Schools of Sanctuary portfolio");
    assert_eq!(field(b"Author"), "Mr D. Evans for Brookfield Primary School");
    // Every page is A4.
    for (_, page) in doc.get_pages() {
        let media = doc.get_dictionary(page).unwrap().get(b"MediaBox").unwrap().as_array().unwrap().clone();
        let size: Vec<f32> = media.iter().map(|v| v.as_float().unwrap()).collect();
        assert!((size[2] - 595.276).abs() < 0.01 && (size[3] - 841.89).abs() < 0.01, "{size:?}");
    }
    // The demo's three drawn photos are there as JPEG images.
    let jpegs = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|v| v.as_name()).ok() == Some(b"Image".as_slice()))
        .filter(|s| s.dict.get(b"Filter").and_then(|v| v.as_name()).ok() == Some(b"DCTDecode".as_slice()))
        .count();
    assert_eq!(jpegs, 3);
    let text = crate::support::pdftotext(&[out.to_str().unwrap(), "-"]);
    for words in ["Brookfield Primary School", "Evidence appendix", "Refugee Week bunting", &format!("Page {} of {}", report.pages, report.pages)] {
        assert!(text.contains(words), "`{words}` is not in the text");
    }
}

#[test]
fn an_export_asked_for_by_a_bare_name_goes_to_the_documents_folder() {
    let dir = crate::support::tempdir();
    let docs = dir.path().join("Documents");
    let home = dir.path().join("home");
    // The folder is made when it is not there yet (a new account).
    let t = sanctuary::paths::export_target(std::path::Path::new("portfolio.pdf"), Some(docs.clone()), &home).unwrap();
    assert_eq!(t, docs.join("portfolio.pdf"));
    assert!(docs.is_dir());
    let t = sanctuary::paths::export_target(std::path::Path::new("2026/portfolio.pdf"), Some(docs.clone()), &home).unwrap();
    assert_eq!(t, docs.join("2026").join("portfolio.pdf"));
    // Without a Documents folder, the fallback (the home folder); a full path is kept as it is.
    let t = sanctuary::paths::export_target(std::path::Path::new("p.pdf"), None, &home).unwrap();
    assert_eq!(t, home.join("p.pdf"));
    let full = dir.path().join("chosen").join("p.pdf");
    assert_eq!(sanctuary::paths::export_target(&full, Some(docs), &home).unwrap(), full);
}
