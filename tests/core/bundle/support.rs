//! What the bundle tests share: small schools with files, quotes and actions; hand-made (hostile)
//! bundle files; and the checks that a data folder was left whole.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::Path;

use rusqlite::params;
use sanctuary::bundle::{self, manifest, RestoreOptions};
use sanctuary::job::Job;
use sanctuary::{Error, Store};
use sha2::{Digest, Sha256};

use crate::support::{now, tempdir};

pub(super) fn sha_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Adds an evidence item with a file, at the table level (as the evidence module stores it). Not
/// through `evidence::import`: that takes only real pictures and documents, and these tests want
/// payloads that do not compress (`noise`) and no print copies beside them.
pub(super) fn add_file_evidence(store: &mut Store, title: &str, bytes: &[u8], criteria: &[&str]) -> String {
    let sha = sha_hex(bytes);
    let path = bundle::backup::blob_path(store.root(), &sha);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    let id = uuid::Uuid::new_v4().to_string();
    let t = now().to_rfc3339();
    store
        .write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO blob (sha256, size, mime, created_at) VALUES (?1, ?2, 'image/jpeg', ?3)",
                params![sha, bytes.len() as i64, t],
            )?;
            tx.execute(
                // location_removed = 0: checked at import, as this version's imports are; a NULL would
                // make the next opening's one-off upgrade pass (for older libraries) look at it again.
                "INSERT INTO evidence (id, kind, title, blob_sha256, added_at, updated_at, consent, location_removed) VALUES (?1, 'photo', ?2, ?3, ?4, ?4, 'given', 0)",
                params![id, title, sha, t],
            )?;
            for c in criteria {
                tx.execute("INSERT INTO evidence_criterion (evidence_id, criterion_key) VALUES (?1, ?2)", params![id, c])?;
            }
            Ok(())
        })
        .unwrap();
    id
}

/// A pupil's words, added as the window adds them.
pub(super) fn add_quote(store: &mut Store, quote: &str) -> String {
    sanctuary::evidence::add_quote(store, quote, "Year 5 pupil", &[], now()).unwrap().id
}

/// An action owned by Ms Rees, due on 1 March 2027, for the framework's first criterion (the app
/// takes no action without one), added as the window adds it.
pub(super) fn add_action(store: &mut Store, action: &str) -> String {
    let fw = sanctuary::school::framework(store).unwrap();
    let draft = sanctuary::plan::Draft {
        action: action.into(),
        criteria: vec![fw.criteria[0].key.clone()],
        owner: "Ms Rees".into(),
        due_date: chrono::NaiveDate::from_ymd_opt(2027, 3, 1),
        ..sanctuary::plan::Draft::default()
    };
    sanctuary::plan::add(store, &fw, &draft, now()).unwrap().id
}

pub(super) fn name_school(store: &mut Store, name: &str) {
    let mut s = sanctuary::school::load(store, now()).unwrap();
    s.name = name.into();
    sanctuary::school::save(store, &s, now()).unwrap();
}

/// A photo-like payload that does not compress (so ratios stay realistic).
pub(super) fn noise(seed: u8, len: usize) -> Vec<u8> {
    let mut x = (seed as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// A real school with two photos, a quote and an action.
pub(super) fn school_folder(root: &Path, name: &str) -> Store {
    let mut store = sanctuary::datadir::open(root).unwrap();
    name_school(&mut store, name);
    add_file_evidence(&mut store, "Refugee Week assembly", &noise(1, 40_000), &["learn_1"]);
    add_file_evidence(&mut store, "Welcome display", &noise(2, 30_000), &["embed_4"]);
    add_quote(&mut store, "Everyone said hello to me in my language");
    add_action(&mut store, "Hold a Refugee Week assembly");
    store
}

/// Every file in a folder with its content hash: to prove a folder was left exactly as it was.
pub(super) fn tree(root: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        for e in fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            let n = p.to_string_lossy();
            if n.ends_with("-wal") || n.ends_with("-shm") {
                continue; // SQLite's own side files come and go with connections
            }
            if p.file_name().is_some_and(|f| f == sanctuary::datadir::in_use::IN_USE_DIR) {
                continue; // who has the folder open comes and goes with programs (and is refreshed)
            }
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(base).unwrap().display().to_string(),
                    sha_hex(&fs::read(&p).unwrap()),
                );
            }
        }
    }
    if root.exists() {
        walk(root, root, &mut out);
    }
    out
}

/// The data folder is healthy: integrity ok, every blob row has its file and every file its row, and
/// nothing half-written lies about.
pub(super) fn assert_consistent(root: &Path) {
    let store = sanctuary::datadir::open(root).unwrap();
    let ok: String = store
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let fk: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 0, "foreign keys hold");
    let mut stmt = store.conn().prepare("SELECT sha256 FROM blob").unwrap();
    let rows: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
    for sha in &rows {
        let p = bundle::backup::blob_path(root, sha);
        assert!(p.is_file(), "blob row {sha} has no file");
        assert_eq!(sha_hex(&fs::read(&p).unwrap()), *sha, "blob {sha} content");
    }
    let missing: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM evidence WHERE blob_sha256 IS NOT NULL AND blob_sha256 NOT IN (SELECT sha256 FROM blob)", [], |r| r.get(0))
        .unwrap();
    assert_eq!(missing, 0);
    for (file, _) in tree(&root.join("blobs")) {
        let sha = Path::new(&file).file_name().unwrap().to_string_lossy().into_owned();
        assert!(rows.contains(&sha), "file {file} has no row");
    }
    for e in fs::read_dir(root).unwrap().flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        assert!(
            [
                "sanctuary.db",
                "sanctuary.db-wal",
                "sanctuary.db-shm",
                "blobs",
                "backups",
                "renditions",
                sanctuary::datadir::in_use::IN_USE_DIR
            ]
            .contains(&n.as_str()),
            "stray entry {n} in the data folder"
        );
    }
}

pub(super) fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

pub(super) fn school_name(root: &Path) -> String {
    sanctuary::school::find(&sanctuary::datadir::open(root).unwrap())
        .unwrap()
        .map(|s| s.name)
        .unwrap_or_default()
}

/// Writes a zip with the given entries (name, bytes, deflate?) and a manifest listing `listed`.
pub(super) fn craft(path: &Path, m: &manifest::Manifest, entries: &[(&str, Vec<u8>, bool)]) {
    use zip::write::SimpleFileOptions;
    let mut z = zip::ZipWriter::new(fs::File::create(path).unwrap());
    for (name, bytes, deflate) in entries {
        let method = if *deflate {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        };
        z.start_file(*name, SimpleFileOptions::default().compression_method(method))
            .unwrap();
        z.write_all(bytes).unwrap();
    }
    z.start_file("manifest.json", SimpleFileOptions::default()).unwrap();
    z.write_all(&serde_json::to_vec(m).unwrap()).unwrap();
    z.finish().unwrap();
}

pub(super) fn listed(m: &mut manifest::Manifest, name: &str, bytes: &[u8]) {
    m.entries.push(manifest::Entry {
        path: name.into(),
        size: bytes.len() as u64,
        sha256: sha_hex(bytes),
    });
}

pub(super) fn a_manifest() -> manifest::Manifest {
    manifest::Manifest::new(manifest::Kind::Backup, "X", 1, "2026-01-01T00:00:00Z")
}

/// A real school folder plus a check that a refused restore leaves it byte for byte as it was.
pub(super) fn refused(file: &Path, opts: &RestoreOptions, expect: &str) {
    let dir = tempdir();
    let root = dir.path().join("d");
    drop(school_folder(&root, "Kept School"));
    let before = tree(&root);
    let err = bundle::restore(&root, file, opts, now(), &Job::silent()).unwrap_err();
    let msg = err.to_string();
    assert!(msg.to_lowercase().contains(expect), "expected `{expect}` in: {msg}");
    assert!(
        msg.contains("Nothing was changed") || matches!(err, Error::Invalid(_) | Error::Rule { .. }),
        "{msg}"
    );
    assert_eq!(tree(&root), before, "the data folder must be exactly as it was");
}
