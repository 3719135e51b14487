//! Backups, restores, automatic backups, contributions, renewal and crash safety, on real files.
//! The crash tests run the real binary, stop it at a named point (SANCTUARY_TEST_PAUSE) and kill -9 it.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection};
use sanctuary::bundle::{self, contribution, manifest, Choice, Limits, RestoreOptions};
use sanctuary::job::Job;
use sanctuary::{Error, Store};
use sha2::{Digest, Sha256};

use crate::support::{cli, now, stderr, stdout, tempdir};

fn sha_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Adds an evidence item with a file, at the table level (as the evidence module stores it).
fn add_file_evidence(store: &mut Store, title: &str, bytes: &[u8], criteria: &[&str]) -> String {
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

fn add_quote(store: &mut Store, quote: &str) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    let t = now().to_rfc3339();
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO evidence (id, kind, title, quote_text, attribution, added_at, updated_at) VALUES (?1, 'quote', 'A pupil', ?2, 'Year 5 pupil', ?3, ?3)",
                params![id, quote, t],
            )?;
            Ok(())
        })
        .unwrap();
    id
}

fn add_action(store: &mut Store, action: &str) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    let t = now().to_rfc3339();
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO action_item (id, action, owner, due_date, created_at, updated_at) VALUES (?1, ?2, 'Ms Rees', '2027-03-01', ?3, ?3)",
                params![id, action, t],
            )?;
            Ok(())
        })
        .unwrap();
    id
}

fn name_school(store: &mut Store, name: &str) {
    let mut s = sanctuary::school::load(store, now()).unwrap();
    s.name = name.into();
    sanctuary::school::save(store, &s, now()).unwrap();
}

/// A photo-like payload that does not compress (so ratios stay realistic).
fn noise(seed: u8, len: usize) -> Vec<u8> {
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
fn school_folder(root: &Path, name: &str) -> Store {
    let mut store = sanctuary::datadir::open(root).unwrap();
    name_school(&mut store, name);
    add_file_evidence(&mut store, "Refugee Week assembly", &noise(1, 40_000), &["learn_1"]);
    add_file_evidence(&mut store, "Welcome display", &noise(2, 30_000), &["embed_4"]);
    add_quote(&mut store, "Everyone said hello to me in my language");
    add_action(&mut store, "Hold a Refugee Week assembly");
    store
}

/// Every file in a folder with its content hash: to prove a folder was left exactly as it was.
fn tree(root: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        for e in fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            let n = p.to_string_lossy();
            if n.ends_with("-wal") || n.ends_with("-shm") {
                continue; // SQLite's own side files come and go with connections
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
fn assert_consistent(root: &Path) {
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
                "renditions"
            ]
            .contains(&n.as_str()),
            "stray entry {n} in the data folder"
        );
    }
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn school_name(root: &Path) -> String {
    sanctuary::school::find(&sanctuary::datadir::open(root).unwrap())
        .unwrap()
        .map(|s| s.name)
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------- backup

#[test]
fn a_backup_restores_into_an_empty_folder_with_every_file() {
    let dir = tempdir();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let store = school_folder(&a, "Ysgol Llanŵ — Київ");
    let file = dir.path().join("school.sanctuary");
    let r = bundle::backup(&store, &file, now(), &Job::silent()).unwrap();
    assert_eq!(r.files, 2);
    assert!(r.warnings.is_empty());
    drop(store);
    let rep = bundle::restore(&b, &file, &RestoreOptions::new(false), now(), &Job::silent()).unwrap();
    assert_eq!(rep.school_name, "Ysgol Llanŵ — Київ");
    assert_eq!(rep.files, 2);
    assert!(rep.kept_as.is_none());
    assert_eq!(tree(&a.join("blobs")), tree(&b.join("blobs")));
    let s = sanctuary::datadir::open(&b).unwrap();
    assert_eq!(count(&s, "SELECT count(*) FROM evidence"), 3);
    assert_eq!(count(&s, "SELECT count(*) FROM evidence_criterion"), 2);
    assert_eq!(count(&s, "SELECT count(*) FROM action_item"), 1);
    drop(s);
    assert_consistent(&b);
}

#[test]
fn a_backup_is_an_ordinary_zip_with_a_checksummed_manifest() {
    let dir = tempdir();
    let store = school_folder(&dir.path().join("a"), "Brook School");
    let file = dir.path().join("b.sanctuary");
    bundle::backup(&store, &file, now(), &Job::silent()).unwrap();
    let mut zip = zip::ZipArchive::new(fs::File::open(&file).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    assert!(
        names.contains(&"manifest.json".to_string()) && names.contains(&"sanctuary.db".to_string()),
        "{names:?}"
    );
    assert_eq!(names.iter().filter(|n| n.starts_with("blobs/")).count(), 2);
    let m: manifest::Manifest = serde_json::from_reader(zip.by_name("manifest.json").unwrap()).unwrap();
    assert_eq!(m.format, manifest::FORMAT);
    assert_eq!(m.format_version, manifest::FORMAT_VERSION);
    assert_eq!(m.kind, manifest::Kind::Backup);
    assert_eq!(m.school_name, "Brook School");
    assert_eq!(m.schema_version, sanctuary::store::SCHEMA_VERSION);
    assert_eq!(m.created_at, "2026-11-23T10:00:00Z");
    assert_eq!(m.app_version, env!("CARGO_PKG_VERSION"));
    for e in &m.entries {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name(&e.path).unwrap(), &mut bytes).unwrap();
        assert_eq!(sha_hex(&bytes), e.sha256, "{}", e.path);
        assert_eq!(bytes.len() as u64, e.size);
    }
    // Renditions are regenerable and stay out.
    assert!(!names.iter().any(|n| n.starts_with("renditions")));
}

#[test]
fn a_backup_taken_while_another_connection_writes_is_consistent() {
    let dir = tempdir();
    let root = dir.path().join("a");
    let store = school_folder(&root, "Busy School");
    // A second connection holds an open write transaction with uncommitted rows during the backup.
    let other = Connection::open(root.join("sanctuary.db")).unwrap();
    other
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO settings(key, value) VALUES ('uncommitted', '1');")
        .unwrap();
    let file = dir.path().join("b.sanctuary");
    bundle::backup(&store, &file, now(), &Job::silent()).unwrap();
    other.execute_batch("COMMIT").unwrap();
    let b = dir.path().join("b");
    bundle::restore(&b, &file, &RestoreOptions::new(false), now(), &Job::silent()).unwrap();
    let s = sanctuary::datadir::open(&b).unwrap();
    assert_eq!(
        count(&s, "SELECT count(*) FROM settings WHERE key = 'uncommitted'"),
        0,
        "only committed data"
    );
    assert_eq!(count(&s, "SELECT count(*) FROM evidence"), 3);
}

#[test]
fn a_backup_to_a_missing_folder_is_refused_clearly() {
    let dir = tempdir();
    let store = school_folder(&dir.path().join("a"), "S");
    let err = bundle::backup(&store, &dir.path().join("nope/b.sanctuary"), now(), &Job::silent()).unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
}

// ---------------------------------------------------------------------------------------------- restore refusals

/// Writes a zip with the given entries (name, bytes, deflate?) and a manifest listing `listed`.
fn craft(path: &Path, m: &manifest::Manifest, entries: &[(&str, Vec<u8>, bool)]) {
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

fn listed(m: &mut manifest::Manifest, name: &str, bytes: &[u8]) {
    m.entries.push(manifest::Entry {
        path: name.into(),
        size: bytes.len() as u64,
        sha256: sha_hex(bytes),
    });
}

fn a_manifest() -> manifest::Manifest {
    manifest::Manifest::new(manifest::Kind::Backup, "X", 1, "2026-01-01T00:00:00Z")
}

/// A real school folder plus a check that a refused restore leaves it byte for byte as it was.
fn refused(file: &Path, opts: &RestoreOptions, expect: &str) {
    let dir = tempdir();
    let root = dir.path().join("d");
    drop(school_folder(&root, "Kept School"));
    let before = tree(&root);
    let err = bundle::restore(&root, file, opts, now(), &Job::silent()).unwrap_err();
    let msg = err.to_string();
    assert!(msg.to_lowercase().contains(expect), "expected `{expect}` in: {msg}");
    assert!(
        msg.contains("Nothing was changed") || matches!(err, Error::Invalid(_)),
        "{msg}"
    );
    assert_eq!(tree(&root), before, "the data folder must be exactly as it was");
}

#[test]
fn damaged_truncated_and_foreign_files_are_refused_and_nothing_changes() {
    let dir = tempdir();
    let store = school_folder(&dir.path().join("src"), "Source");
    let good = dir.path().join("good.sanctuary");
    bundle::backup(&store, &good, now(), &Job::silent()).unwrap();
    let bytes = fs::read(&good).unwrap();
    let opts = RestoreOptions::new(true);

    // One flipped byte inside a stored photo.
    let mut damaged = bytes.clone();
    let needle = &noise(1, 40_000)[1000..1032];
    let at = damaged
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("photo bytes are stored as they are");
    damaged[at + 5] ^= 0xff;
    let f = dir.path().join("damaged.sanctuary");
    fs::write(&f, &damaged).unwrap();
    refused(&f, &opts, "damaged");

    let f = dir.path().join("truncated.sanctuary");
    fs::write(&f, &bytes[..bytes.len() / 2]).unwrap();
    refused(&f, &opts, "damaged or incomplete");

    let f = dir.path().join("text.sanctuary");
    fs::write(&f, "hello, not a zip").unwrap();
    refused(&f, &opts, "not a sanctuary portfolio backup");

    let f = dir.path().join("other.zip");
    craft(&f, &a_manifest(), &[]);
    let mut z = zip::ZipWriter::new(fs::File::create(&f).unwrap());
    z.start_file("holiday.jpg", zip::write::SimpleFileOptions::default())
        .unwrap();
    z.write_all(b"jpeg").unwrap();
    z.finish().unwrap();
    refused(&f, &opts, "no manifest");

    let mut m = a_manifest();
    m.format = "someone-elses-app".into();
    craft(&f, &m, &[]);
    refused(&f, &opts, "not ours");

    let mut m = a_manifest();
    m.format_version = manifest::FORMAT_VERSION + 1;
    craft(&f, &m, &[]);
    refused(&f, &opts, "newer");

    let mut m = a_manifest();
    m.schema_version = sanctuary::store::SCHEMA_VERSION + 1;
    craft(&f, &m, &[]);
    refused(&f, &opts, "newer");

    let mut m = a_manifest();
    m.kind = manifest::Kind::Contribution;
    craft(&f, &m, &[]);
    refused(&f, &opts, "contribution");

    // A listed entry that is missing: an incomplete file.
    let mut m = a_manifest();
    listed(&mut m, "sanctuary.db", b"abc");
    craft(&f, &m, &[]);
    refused(&f, &opts, "missing");

    // A database with a trigger of someone else's: code that would run inside our queries.
    let evil = dir.path().join("trigger.db");
    let conn = Connection::open(&evil).unwrap();
    for (_, sql) in sanctuary::store::MIGRATIONS {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", sanctuary::store::SCHEMA_VERSION)
        .unwrap();
    conn.pragma_update(None, "application_id", sanctuary::store::APPLICATION_ID)
        .unwrap();
    conn.execute_batch("CREATE TRIGGER wipe AFTER INSERT ON audit BEGIN DELETE FROM evidence; END;")
        .unwrap();
    drop(conn);
    let evil = fs::read(&evil).unwrap();
    let mut m = a_manifest();
    listed(&mut m, "sanctuary.db", &evil);
    craft(&f, &m, &[("sanctuary.db", evil, true)]);
    refused(&f, &opts, "never writes");

    // A database that is not one.
    let mut m = a_manifest();
    listed(&mut m, "sanctuary.db", &[0x42; 8192]);
    craft(&f, &m, &[("sanctuary.db", vec![0x42; 8192], true)]);
    let dir2 = tempdir();
    let root = dir2.path().join("d");
    drop(school_folder(&root, "Kept School"));
    let before = tree(&root);
    let err = bundle::restore(&root, &f, &opts, now(), &Job::silent()).unwrap_err();
    assert!(err.to_string().contains("database inside it is damaged"), "{err}");
    assert!(
        !err.to_string().contains(".restore-staging"),
        "no internal paths in messages: {err}"
    );
    assert_eq!(tree(&root), before);
}

#[test]
fn unsafe_names_links_oversized_entries_and_zip_bombs_are_refused() {
    let dir = tempdir();
    let f = dir.path().join("evil.sanctuary");
    let opts = RestoreOptions::new(true);
    for name in [
        "../../evil.txt",
        "/etc/evil",
        "blobs/../../evil",
        "C:/evil",
        "blobs\\..\\evil",
    ] {
        // Listed in the manifest...
        let mut m = a_manifest();
        listed(&mut m, name, b"x");
        craft(&f, &m, &[(name, b"x".to_vec(), false)]);
        refused(&f, &opts, "unsafe");
        // ...or hidden from it.
        craft(&f, &a_manifest(), &[(name, b"x".to_vec(), false)]);
        refused(&f, &opts, "unsafe");
    }
    assert!(!dir.path().join("evil.txt").exists() && !Path::new("/etc/evil").exists());

    // A link.
    let mut m = a_manifest();
    let sha = sha_hex(b"/etc/passwd");
    let name = manifest::blob_entry(&sha);
    listed(&mut m, &name, b"/etc/passwd");
    {
        let mut z = zip::ZipWriter::new(fs::File::create(&f).unwrap());
        z.add_symlink(name.as_str(), "/etc/passwd", zip::write::SimpleFileOptions::default())
            .unwrap();
        z.start_file("manifest.json", zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(&serde_json::to_vec(&m).unwrap()).unwrap();
        z.finish().unwrap();
    }
    refused(&f, &opts, "link");

    // Oversized, by the manifest and by the bytes (headers and manifest can lie).
    let small = RestoreOptions {
        replace: true,
        limits: Limits {
            max_entry: 1000,
            ..Limits::default()
        },
    };
    let big = noise(3, 5000);
    let mut m = a_manifest();
    listed(&mut m, "sanctuary.db", &big);
    craft(&f, &m, &[("sanctuary.db", big.clone(), false)]);
    refused(&f, &small, "limit");
    let mut m = a_manifest();
    m.entries.push(manifest::Entry {
        path: "sanctuary.db".into(),
        size: 10,
        sha256: sha_hex(&big),
    });
    craft(&f, &m, &[("sanctuary.db", big.clone(), false)]);
    refused(&f, &opts, "larger than its manifest");
    let total = RestoreOptions {
        replace: true,
        limits: Limits {
            max_total: 4000,
            ..Limits::default()
        },
    };
    let mut m = a_manifest();
    listed(&mut m, "sanctuary.db", &big);
    craft(&f, &m, &[("sanctuary.db", big.clone(), false)]);
    refused(&f, &total, "limit");

    // A zip bomb: 16 MB of zeros deflates to a few kilobytes.
    let zeros = vec![0u8; 16 << 20];
    let mut m = a_manifest();
    listed(&mut m, "sanctuary.db", &zeros);
    craft(&f, &m, &[("sanctuary.db", zeros, true)]);
    assert!(fs::metadata(&f).unwrap().len() < 100_000);
    refused(&f, &opts, "zip bomb");

    // Too many entries.
    let few = RestoreOptions {
        replace: true,
        limits: Limits {
            max_entries: 2,
            ..Limits::default()
        },
    };
    let mut m = a_manifest();
    let entries: Vec<(String, Vec<u8>)> = (0..3u8)
        .map(|i| {
            let b = vec![i; 10];
            (manifest::blob_entry(&sha_hex(&b)), b)
        })
        .collect();
    for (n, b) in &entries {
        listed(&mut m, n, b);
    }
    let refs: Vec<(&str, Vec<u8>, bool)> = entries.iter().map(|(n, b)| (n.as_str(), b.clone(), false)).collect();
    craft(&f, &m, &refs);
    refused(&f, &few, "files");
}

// ---------------------------------------------------------------------------------------------- replace

#[test]
fn replacing_work_needs_confirmation_and_keeps_the_old_data_as_a_backup() {
    let dir = tempdir();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let store = school_folder(&a, "Incoming School");
    let file = dir.path().join("in.sanctuary");
    bundle::backup(&store, &file, now(), &Job::silent()).unwrap();
    drop(store);
    let mut mine = school_folder(&b, "My School");
    let only_mine = add_file_evidence(&mut mine, "Only mine", &noise(9, 2000), &[]);
    drop(mine);
    let before = tree(&b);

    let err = bundle::restore(&b, &file, &RestoreOptions::new(false), now(), &Job::silent()).unwrap_err();
    assert!(
        err.to_string().contains("My School") && err.to_string().contains("--replace"),
        "{err}"
    );
    assert_eq!(tree(&b), before);

    let r = bundle::restore(&b, &file, &RestoreOptions::new(true), now(), &Job::silent()).unwrap();
    assert_eq!(school_name(&b), "Incoming School");
    let kept = r.kept_as.expect("the replaced data is kept");
    assert!(kept.starts_with(b.join("backups")));
    let listed = bundle::list_backups(&b).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].kind, "before_restore");
    assert_eq!(listed[0].school_name, "My School");
    assert_consistent(&b);

    // And the kept copy brings my work back.
    bundle::restore(
        &b,
        &kept,
        &RestoreOptions::new(true),
        now() + Duration::minutes(1),
        &Job::silent(),
    )
    .unwrap();
    assert_eq!(school_name(&b), "My School");
    let s = sanctuary::datadir::open(&b).unwrap();
    assert_eq!(
        count(&s, &format!("SELECT count(*) FROM evidence WHERE id = '{only_mine}'")),
        1
    );
    drop(s);
    assert_consistent(&b);
}

#[test]
fn a_backup_from_an_older_schema_restores_into_the_current_one() {
    let dir = tempdir();
    // A version-1 database with a school and an evidence item, packed as an old release would have.
    let db = dir.path().join("v1.db");
    let conn = Connection::open(&db).unwrap();
    conn.execute_batch(sanctuary::store::MIGRATIONS[0].1).unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
    let photo = noise(5, 3000);
    let sha = sha_hex(&photo);
    conn.execute(
        "INSERT INTO school (id, name, updated_at) VALUES ('s1', 'Old School', 'x')",
        [],
    )
    .unwrap();
    conn.execute("INSERT INTO blob VALUES (?1, 3000, 'image/jpeg', 'x')", [&sha])
        .unwrap();
    conn.execute("INSERT INTO evidence (id, kind, title, blob_sha256, added_at, updated_at) VALUES ('e1', 'photo', 'Old photo', ?1, 'x', 'x')", [&sha])
        .unwrap();
    drop(conn);
    let dbbytes = fs::read(&db).unwrap();
    let mut m = a_manifest();
    m.schema_version = 1;
    m.schema_numbering = None;
    listed(&mut m, "sanctuary.db", &dbbytes);
    let blob_name = manifest::blob_entry(&sha);
    listed(&mut m, &blob_name, &photo);
    let f = dir.path().join("old.sanctuary");
    craft(
        &f,
        &m,
        &[("sanctuary.db", dbbytes, true), (blob_name.as_str(), photo, false)],
    );

    let root = dir.path().join("d");
    let r = bundle::restore(&root, &f, &RestoreOptions::new(false), now(), &Job::silent()).unwrap();
    assert_eq!((r.schema_from, r.schema_to), (1, sanctuary::store::SCHEMA_VERSION));
    let s = sanctuary::datadir::open(&root).unwrap();
    assert_eq!(s.schema_version().unwrap(), sanctuary::store::SCHEMA_VERSION);
    assert_eq!(count(&s, "SELECT count(*) FROM evidence WHERE title = 'Old photo'"), 1);
    drop(s);
    assert_eq!(school_name(&root), "Old School");
    assert_consistent(&root);
}

// ---------------------------------------------------------------------------------------------- automatic

#[test]
fn automatic_backups_happen_when_something_changed_and_keep_one_a_day_for_a_week() {
    let dir = tempdir();
    let root = dir.path().join("d");
    let mut store = school_folder(&root, "Auto School");
    let t0: DateTime<Utc> = now();
    assert!(
        bundle::auto_backup_if_due(&store, t0).unwrap().is_some(),
        "the first is always due"
    );
    assert!(
        bundle::auto_backup_if_due(&store, t0 + Duration::hours(1))
            .unwrap()
            .is_none(),
        "nothing changed"
    );
    add_action(&mut store, "Invite a speaker");
    assert!(bundle::auto_backup_if_due(&store, t0 + Duration::hours(2))
        .unwrap()
        .is_some());
    let list = bundle::list_backups(&root).unwrap();
    assert_eq!(
        list.len(),
        1,
        "a later backup the same day replaces the earlier one: {list:?}"
    );
    for day in 1..=10 {
        add_action(&mut store, &format!("Action on day {day}"));
        bundle::auto_backup_if_due(&store, t0 + Duration::days(day))
            .unwrap()
            .unwrap();
    }
    let list = bundle::list_backups(&root).unwrap();
    assert_eq!(list.len(), bundle::auto::AUTO_KEEP);
    assert!(list
        .iter()
        .all(|b| b.kind == "auto" && b.problem.is_none() && b.school_name == "Auto School"));
    assert!(list[0].created_at > list[1].created_at, "newest first");
    assert!(list[0].file_name.contains("2026-12-03"), "{}", list[0].file_name);
    // The newest one restores to the latest state.
    let other = dir.path().join("e");
    bundle::restore(
        &other,
        &list[0].path,
        &RestoreOptions::new(false),
        now(),
        &Job::silent(),
    )
    .unwrap();
    let s = sanctuary::datadir::open(&other).unwrap();
    assert_eq!(
        count(&s, "SELECT count(*) FROM action_item WHERE action = 'Action on day 10'"),
        1
    );
}

// ---------------------------------------------------------------------------------------------- contributions

#[test]
fn a_contribution_merges_without_duplicates_and_conflicts_wait_for_a_decision() {
    let dir = tempdir();
    let (teacher_dir, coord_dir) = (dir.path().join("teacher"), dir.path().join("coord"));
    let mut teacher = sanctuary::datadir::open(&teacher_dir).unwrap();
    let photo = noise(7, 20_000);
    let ev = add_file_evidence(
        &mut teacher,
        "Art club welcome posters",
        &photo,
        &["embed_4", "learn_1"],
    );
    let quote = add_quote(&mut teacher, "I felt welcome on my first day");
    let act = add_action(&mut teacher, "Art club makes welcome posters");
    let pack = dir.path().join("rees.sanctuary-contribution");
    let r = contribution::export(&teacher, &pack, "Ms Rees", now(), &Job::silent()).unwrap();
    assert_eq!((r.evidence, r.actions, r.files), (2, 1, 1));

    let mut coord = school_folder(&coord_dir, "Coordinator School");
    // The coordinator already has the same quote, typed in under another UUID.
    add_quote(&mut coord, "I felt welcome on my first day");
    let lim = Limits::default();
    let r = contribution::import(&mut coord, &pack, &lim, now(), &Job::silent()).unwrap();
    assert_eq!(
        (r.added_evidence, r.added_actions, r.duplicates, r.conflicts),
        (1, 1, 1, 0),
        "{r:?}"
    );
    assert_eq!(r.contributor, "Ms Rees");
    assert_eq!(
        count(
            &coord,
            &format!("SELECT count(*) FROM evidence_criterion WHERE evidence_id = '{ev}'")
        ),
        2
    );
    assert_eq!(
        count(&coord, &format!("SELECT count(*) FROM evidence WHERE id = '{quote}'")),
        0
    );
    assert_eq!(
        count(
            &coord,
            &format!("SELECT count(*) FROM action_item WHERE id = '{act}' AND contribution_import_id IS NOT NULL")
        ),
        1
    );
    assert!(bundle::backup::blob_path(&coord_dir, &sha_hex(&photo)).is_file());

    // The same pack again adds nothing.
    let before = count(&coord, "SELECT count(*) FROM evidence") + count(&coord, "SELECT count(*) FROM action_item");
    let r = contribution::import(&mut coord, &pack, &lim, now(), &Job::silent()).unwrap();
    assert_eq!((r.added_evidence, r.added_actions, r.conflicts), (0, 0, 0));
    assert_eq!(
        count(&coord, "SELECT count(*) FROM evidence") + count(&coord, "SELECT count(*) FROM action_item"),
        before
    );

    // The teacher edits both items; the coordinator edited the action too. Nothing is overwritten.
    teacher
        .conn()
        .execute("UPDATE evidence SET caption = 'Posters by Year 4' WHERE id = ?1", [&ev])
        .unwrap();
    teacher
        .conn()
        .execute("UPDATE action_item SET status = 'done' WHERE id = ?1", [&act])
        .unwrap();
    coord
        .conn()
        .execute("UPDATE action_item SET notes = 'moved to spring' WHERE id = ?1", [&act])
        .unwrap();
    contribution::export(&teacher, &pack, "Ms Rees", now(), &Job::silent()).unwrap();
    let r = contribution::import(&mut coord, &pack, &lim, now(), &Job::silent()).unwrap();
    assert_eq!(r.conflicts, 2, "{r:?}");
    let caption: String = coord
        .conn()
        .query_row("SELECT caption FROM evidence WHERE id = ?1", [&ev], |r| r.get(0))
        .unwrap();
    assert_eq!(caption, "", "mine is untouched until I decide");
    let conflicts = bundle::list_conflicts(&coord).unwrap();
    assert_eq!(conflicts.len(), 2);
    let c_ev = conflicts.iter().find(|c| c.item_id == ev).unwrap();
    assert_eq!(c_ev.contributor, "Ms Rees");
    assert!(
        c_ev.differences
            .iter()
            .any(|d| d.field == "caption" && d.mine.is_empty() && d.theirs == "Posters by Year 4"),
        "{:?}",
        c_ev.differences
    );
    // Importing the same pack again does not pile up the same conflicts.
    contribution::import(&mut coord, &pack, &lim, now(), &Job::silent()).unwrap();
    assert_eq!(bundle::list_conflicts(&coord).unwrap().len(), 2);

    bundle::resolve_conflict(&mut coord, &c_ev.id, Choice::TakeTheirs, now()).unwrap();
    let caption: String = coord
        .conn()
        .query_row("SELECT caption FROM evidence WHERE id = ?1", [&ev], |r| r.get(0))
        .unwrap();
    assert_eq!(caption, "Posters by Year 4");
    let c_act = bundle::list_conflicts(&coord)
        .unwrap()
        .into_iter()
        .find(|c| c.item_id == act)
        .unwrap();
    bundle::resolve_conflict(&mut coord, &c_act.id, Choice::KeepMine, now()).unwrap();
    let (status, notes): (String, String) = coord
        .conn()
        .query_row("SELECT status, notes FROM action_item WHERE id = ?1", [&act], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((status.as_str(), notes.as_str()), ("planned", "moved to spring"));
    assert!(bundle::list_conflicts(&coord).unwrap().is_empty());
    assert!(matches!(
        bundle::resolve_conflict(&mut coord, &c_act.id, Choice::KeepMine, now()),
        Err(Error::NotFound { .. })
    ));
    drop(coord);
    assert_consistent(&coord_dir);
}

#[test]
fn a_pack_with_a_bad_value_is_refused_whole() {
    let dir = tempdir();
    let teacher_dir = dir.path().join("t");
    let mut teacher = sanctuary::datadir::open(&teacher_dir).unwrap();
    add_action(&mut teacher, "Fine action");
    let pack = dir.path().join("p.sanctuary-contribution");
    contribution::export(&teacher, &pack, "T", now(), &Job::silent()).unwrap();
    // Rewrite the pack with an impossible status, keeping its checksums right (a tampered pack).
    let mut zip = zip::ZipArchive::new(fs::File::open(&pack).unwrap()).unwrap();
    let mut records: contribution::Records =
        serde_json::from_reader(zip.by_name("contribution.json").unwrap()).unwrap();
    records.actions[0]
        .row
        .insert("status".into(), serde_json::Value::from("exploded"));
    let json = serde_json::to_vec(&records).unwrap();
    let mut m = manifest::Manifest::new(manifest::Kind::Contribution, "", 1, "2026-01-01T00:00:00Z");
    listed(&mut m, "contribution.json", &json);
    craft(&pack, &m, &[("contribution.json", json, true)]);
    let coord_dir = dir.path().join("c");
    let mut coord = school_folder(&coord_dir, "C");
    let before = count(&coord, "SELECT count(*) FROM action_item");
    let err = contribution::import(&mut coord, &pack, &Limits::default(), now(), &Job::silent()).unwrap_err();
    assert!(
        err.to_string().contains("Fine action") && err.to_string().contains("Nothing was changed"),
        "{err}"
    );
    assert_eq!(count(&coord, "SELECT count(*) FROM action_item"), before);
    assert_eq!(count(&coord, "SELECT count(*) FROM contribution_import"), 0);
    drop(coord);
    assert_consistent(&coord_dir);
}

#[test]
fn loading_the_demo_over_a_school_also_clears_its_imports_and_previous_awards() {
    let dir = tempdir();
    let mut store = school_folder(&dir.path().join("a"), "Real");
    bundle::renewal::start(&mut store, NaiveDate::from_ymd_opt(2023, 7, 1), None, now()).unwrap();
    let mut teacher = sanctuary::datadir::open(&dir.path().join("t")).unwrap();
    add_action(&mut teacher, "T");
    let pack = dir.path().join("p.sanctuary-contribution");
    contribution::export(&teacher, &pack, "T", now(), &Job::silent()).unwrap();
    contribution::import(&mut store, &pack, &Limits::default(), now(), &Job::silent()).unwrap();
    sanctuary::demo::load(&mut store, now(), true).unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM previous_award"), 0);
    assert_eq!(count(&store, "SELECT count(*) FROM contribution_import"), 0);
}

#[test]
fn a_contribution_pack_is_not_a_backup_and_vice_versa() {
    let dir = tempdir();
    let mut store = school_folder(&dir.path().join("a"), "S");
    let pack = dir.path().join("p.sanctuary-contribution");
    contribution::export(&store, &pack, "", now(), &Job::silent()).unwrap();
    let backup = dir.path().join("b.sanctuary");
    bundle::backup(&store, &backup, now(), &Job::silent()).unwrap();
    let err = contribution::import(&mut store, &backup, &Limits::default(), now(), &Job::silent()).unwrap_err();
    assert!(err.to_string().contains("restore it instead"), "{err}");
    refused(&pack, &RestoreOptions::new(true), "import it instead");
}

// ---------------------------------------------------------------------------------------------- renewal

#[test]
fn renewal_keeps_the_previous_award_and_starts_the_journey_again() {
    let dir = tempdir();
    let root = dir.path().join("d");
    let mut store = school_folder(&root, "Renewing School");
    let err = bundle::renewal::start(&mut store, None, None, now()).unwrap_err();
    assert!(err.to_string().contains("--awarded-on"), "{err}");
    store
        .conn()
        .execute_batch(
            "INSERT INTO journey_step (step, date) VALUES ('pledge', '2023-01-10'), ('audit', '2023-02-01'), ('awarded', '2023-07-01'), ('renewal_due', '2026-07-01');
             INSERT INTO audit (criterion_key, level, already, updated_at) VALUES ('learn_1', 3, 'Assemblies', 'x');",
        )
        .unwrap();
    let a = bundle::renewal::start(&mut store, None, Some("Mr New Coordinator"), now()).unwrap();
    assert_eq!(a.cycle, 1);
    assert_eq!(a.awarded_on, NaiveDate::from_ymd_opt(2023, 7, 1));
    let steps = sanctuary::journey::steps(&store).unwrap();
    let dated: Vec<&str> = steps
        .iter()
        .filter(|s| s.date.is_some())
        .map(|s| s.key.as_str())
        .collect();
    assert_eq!(dated, ["pledge"], "only the pledge survives into the new cycle");
    assert_eq!(count(&store, "SELECT count(*) FROM evidence"), 3, "evidence is kept");
    assert_eq!(
        count(&store, "SELECT count(*) FROM audit"),
        1,
        "the audit is kept as a starting point"
    );
    assert_eq!(
        store.setting(bundle::renewal::CYCLE_SETTING).unwrap().as_deref(),
        Some("1")
    );
    let record = bundle::renewal::previous_record(&store, &a.id).unwrap();
    assert_eq!(record["evidence"].as_array().unwrap().len(), 3);
    assert_eq!(record["journey"].as_array().unwrap().len(), 4);
    assert_eq!(record["audit"][0]["already"], "Assemblies");
    let s = sanctuary::school::find(&store).unwrap().unwrap();
    assert_eq!(s.coordinator_name, "Mr New Coordinator");
    let again = bundle::renewal::start(&mut store, NaiveDate::from_ymd_opt(2023, 7, 1), None, now()).unwrap_err();
    assert!(again.to_string().contains("already started"), "{again}");
    assert_eq!(bundle::renewal::previous_awards(&store).unwrap().len(), 1);
}

// ---------------------------------------------------------------------------------------------- CLI

#[test]
fn the_cli_backs_up_restores_shares_and_renews() {
    let dir = tempdir();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    drop(school_folder(&a, "CLI School"));
    let file = dir.path().join("s.sanctuary");
    let o = cli(&a, &["backup", "--out", file.to_str().unwrap(), "--no-passphrase"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("2 evidence files"), "{}", stdout(&o));
    let o = cli(&b, &["restore", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("CLI School"));
    // Now b holds work: a second restore needs --replace and says so on one line.
    let o = cli(&b, &["restore", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--replace") && stderr(&o).trim().lines().count() == 1,
        "{}",
        stderr(&o)
    );
    let o = cli(&b, &["restore", "--replace", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = cli(&b, &["backup", "list"]);
    assert!(stdout(&o).contains("before_restore"), "{}", stdout(&o));
    let o = cli(&b, &["backup", "auto"]);
    assert!(stdout(&o).contains("Automatic backup written"), "{}", stdout(&o));

    let pack = dir.path().join("p.sanctuary-contribution");
    let t = dir.path().join("teacher");
    let mut ts = sanctuary::datadir::open(&t).unwrap();
    add_action(&mut ts, "Teacher's action");
    drop(ts);
    let o = cli(
        &t,
        &[
            "contribution",
            "export",
            "--out",
            pack.to_str().unwrap(),
            "--by",
            "Mr Jones",
            "--no-passphrase",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = cli(&b, &["contribution", "import", pack.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("from Mr Jones: 0 evidence items and 1 action items added"),
        "{}",
        stdout(&o)
    );
    let o = cli(&b, &["contribution", "conflicts"]);
    assert!(o.status.success() && stdout(&o).is_empty());

    let c = dir.path().join("c");
    let o = cli(
        &c,
        &[
            "renewal",
            "start",
            "--from",
            file.to_str().unwrap(),
            "--awarded-on",
            "2023-07-01",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Renewal 1 started for \"CLI School\""),
        "{}",
        stdout(&o)
    );
    let o = cli(&c, &["renewal", "start", "--awarded-on", "July"]);
    assert_eq!(o.status.code(), Some(2));
}

// ---------------------------------------------------------------------------------------------- crash safety

/// Starts the real binary with a pause point, waits until it is there, and kills it with SIGKILL.
fn kill_at(data: &Path, point: &str, args: &[&str]) {
    kill_at_after(data, point, args, || {});
}

/// Like [`kill_at`], running `meanwhile` while the process is paused (e.g. the app opening the store).
fn kill_at_after(data: &Path, point: &str, args: &[&str], meanwhile: impl FnOnce()) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sanctuary"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("SANCTUARY_DATA_DIR")
        .env(sanctuary::pause::PAUSE_ENV, point)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(
        line.trim(),
        format!("paused at {point}"),
        "the process must reach the pause point"
    );
    let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(meanwhile));
    child.kill().unwrap(); // SIGKILL on Unix: no destructors, no cleanup.
    child.wait().unwrap();
    if let Err(p) = checked {
        std::panic::resume_unwind(p);
    }
}

fn no_output(out: &Path) {
    assert!(!out.exists(), "no file at the output path");
}

#[test]
fn killing_a_backup_leaves_no_file_at_the_output_and_the_store_intact() {
    for point in ["backup-writing", "bundle-before-commit"] {
        let dir = tempdir();
        let root = dir.path().join("d");
        drop(school_folder(&root, "Kill School"));
        let before = tree(&root);
        let out = dir.path().join("out.sanctuary");
        kill_at(&root, point, &["backup", "--out", out.to_str().unwrap(), "--no-passphrase"]);
        no_output(&out);
        assert_eq!(tree(&root), before, "{point}");
        assert_consistent(&root);
        assert!(
            fs::read_dir(dir.path())
                .unwrap()
                .flatten()
                .any(|e| e.file_name().to_string_lossy().ends_with(".part")),
            "a kill -9 leaves its hidden temporary file beside the output..."
        );
        // And the next backup works, and clears what the killed one left beside the output.
        let o = cli(&root, &["backup", "--out", out.to_str().unwrap(), "--no-passphrase"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".part"))
            .collect();
        assert!(left.is_empty(), "...which the next backup removes: {left:?}");
    }
}

#[test]
fn killing_a_restore_at_any_point_leaves_old_or_new_data_never_a_mix() {
    for (point, expect) in [
        ("restore-staged", "Old School"),
        ("bundle-before-commit", "Old School"),
        ("restore-swapping", "New School"),
    ] {
        let dir = tempdir();
        let (old, new) = (dir.path().join("old"), dir.path().join("new"));
        let s = school_folder(&new, "New School");
        let file = dir.path().join("new.sanctuary");
        bundle::backup(&s, &file, now(), &Job::silent()).unwrap();
        drop(s);
        let mut s = school_folder(&old, "Old School");
        add_file_evidence(&mut s, "Old only", &noise(42, 5000), &[]);
        drop(s);
        kill_at(&old, point, &["restore", "--replace", file.to_str().unwrap()]);
        // Reopening finishes or discards the interrupted restore.
        assert_eq!(school_name(&old), expect, "{point}");
        assert_consistent(&old);
        let s = sanctuary::datadir::open(&old).unwrap();
        let want = if expect == "Old School" { 4 } else { 3 };
        assert_eq!(count(&s, "SELECT count(*) FROM evidence"), want, "{point}");
    }
}

#[test]
fn killing_an_import_loses_nothing_and_leaves_no_row_without_its_file() {
    for point in ["contribution-committed", "bundle-before-commit"] {
        let dir = tempdir();
        let (t, c) = (dir.path().join("t"), dir.path().join("c"));
        let mut teacher = sanctuary::datadir::open(&t).unwrap();
        add_file_evidence(&mut teacher, "A photo", &noise(11, 9000), &[]);
        let pack = dir.path().join("p.sanctuary-contribution");
        if point == "bundle-before-commit" {
            // Kill the export instead: no pack may appear.
            drop(teacher);
            kill_at(&t, point, &["contribution", "export", "--out", pack.to_str().unwrap(), "--no-passphrase"]);
            no_output(&pack);
            assert_consistent(&t);
            continue;
        }
        contribution::export(&teacher, &pack, "T", now(), &Job::silent()).unwrap();
        drop(school_folder(&c, "Coord"));
        kill_at(&c, point, &["contribution", "import", pack.to_str().unwrap()]);
        assert_consistent(&c);
        let s = sanctuary::datadir::open(&c).unwrap();
        assert_eq!(
            count(&s, "SELECT count(*) FROM evidence WHERE title = 'A photo'"),
            1,
            "the committed import is completed"
        );
    }
}

/// Runs the binary with a file-size limit (as a full disk would stop it), SIGXFSZ ignored so the write
/// fails with an error instead of killing the process. Unix only: Windows has no RLIMIT_FSIZE.
#[cfg(unix)]
fn with_size_limit(data: &Path, kb: u64, args: &[&str]) -> std::process::Output {
    let mut script = format!("trap '' XFSZ; ulimit -f {kb}; exec \"$0\" --data-dir \"$1\"");
    for i in 0..args.len() {
        script.push_str(&format!(" \"${{{}}}\"", i + 2));
    }
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_sanctuary"))
        .arg(data)
        .args(args)
        .env_remove("SANCTUARY_DATA_DIR")
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn a_full_disk_gives_a_clear_error_and_leaves_everything_intact() {
    let dir = tempdir();
    let root = dir.path().join("d");
    let mut s = school_folder(&root, "Full School");
    add_file_evidence(&mut s, "Big photo", &noise(77, 600_000), &[]);
    drop(s);
    let before = tree(&root);
    let out = dir.path().join("out.sanctuary");
    let o = with_size_limit(&root, 200, &["backup", "--out", out.to_str().unwrap(), "--no-passphrase"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("disk space"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    no_output(&out);
    let strays: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".part"))
        .collect();
    assert!(strays.is_empty(), "no temporary files left: {strays:?}");
    assert_eq!(tree(&root), before);

    // Importing a colleague's pack too big for the space left: same clear error, nothing imported.
    let pack = dir.path().join("big.sanctuary-contribution");
    let o = cli(&root, &["contribution", "export", "--out", pack.to_str().unwrap(), "--no-passphrase"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let coord = dir.path().join("c");
    drop(school_folder(&coord, "Coordinator"));
    let before_c = tree(&coord);
    let o = with_size_limit(&coord, 200, &["contribution", "import", pack.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("disk space"), "{}", stderr(&o));
    assert_eq!(tree(&coord), before_c);
    assert_consistent(&coord);

    // Restoring a backup too big for the space left fails the same way and changes nothing.
    let o = cli(&root, &["backup", "--out", out.to_str().unwrap(), "--no-passphrase"]);
    assert!(o.status.success());
    let other = dir.path().join("e");
    drop(school_folder(&other, "Other School"));
    let before = tree(&other);
    let o = with_size_limit(&other, 200, &["restore", "--replace", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("disk space"), "{}", stderr(&o));
    assert_eq!(tree(&other), before);
    assert_eq!(school_name(&other), "Other School");
    assert_consistent(&other);
}

// ---------------------------------------------------------------------------------------------- migrations

/// A value for a column that satisfies its type, or the first value a `CHECK (col IN (...))` allows.
fn fill_value(table: &str, col: &str, ty: &str, create_sql: &str) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    if let Some(at) = create_sql.find(&format!("CHECK ({col} IN (")) {
        let rest = &create_sql[at..];
        let first = rest.split('\'').nth(1).unwrap_or_default();
        return Value::Text(first.to_string());
    }
    // Dates and times are TEXT in SQLite, but the app parses them: give them the stored formats.
    if col.ends_with("date") || col.ends_with("_on") {
        return Value::Text("2026-01-15".into());
    }
    if col.ends_with("_at") {
        return Value::Text("2026-01-15T10:00:00+00:00".into());
    }
    if ty.to_uppercase().contains("INT") {
        Value::Integer(1)
    } else if ty.to_uppercase().contains("REAL") {
        Value::Real(1.5)
    } else {
        Value::Text(format!("{table}.{col} ✓ ŵ"))
    }
}

/// How a database records its schema version.
#[derive(Debug, Clone, Copy)]
enum Numbering {
    /// As builds before file-numbered versions wrote it: `user_version` counts the migrations run.
    Old,
    /// As this build writes it: the last migration's file number, marked by `application_id`.
    ByFile,
}

/// Builds a database that has run the first `applied` migrations, numbered as `numbering` says, with
/// one row in every table (every column filled unless it has a default), then opens it with the
/// current code. Every row and value must survive the upgrade.
fn migrate_from(applied: usize, numbering: Numbering) {
    let version = format!("{applied} migrations, {numbering:?} numbering");
    let dir = tempdir();
    let root = dir.path().join("d");
    fs::create_dir_all(&root).unwrap();
    let conn = Connection::open(root.join(sanctuary::store::DB_FILE)).unwrap();
    for (_, sql) in &sanctuary::store::MIGRATIONS[..applied] {
        conn.execute_batch(sql).unwrap();
    }
    match numbering {
        Numbering::Old => conn.pragma_update(None, "user_version", applied as i64).unwrap(),
        Numbering::ByFile => {
            conn.pragma_update(None, "user_version", sanctuary::store::MIGRATIONS[applied - 1].0).unwrap();
            conn.pragma_update(None, "application_id", sanctuary::store::APPLICATION_ID).unwrap();
        }
    }
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    let tables: Vec<String> = {
        let mut s = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .unwrap();
        let v = s.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
        v
    };
    // Parents before children, so foreign keys point at real rows.
    let parents = |t: &str| -> Vec<(String, String, String)> {
        let mut s = conn
            .prepare(&format!(
                "SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('{t}')"
            ))
            .unwrap();
        let v = s
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        v
    };
    let mut order: Vec<String> = Vec::new();
    while order.len() < tables.len() {
        for t in &tables {
            if !order.contains(t) && parents(t).iter().all(|(p, _, _)| order.contains(p) || p == t) {
                order.push(t.clone());
            }
        }
    }
    let mut expected: Vec<(String, String, rusqlite::types::Value)> = Vec::new();
    for t in &order {
        let fks = parents(t);
        let create_sql: String = conn
            .query_row("SELECT sql FROM sqlite_master WHERE name = ?1", [t], |r| r.get(0))
            .unwrap();
        let mut s = conn
            .prepare(&format!("SELECT name, type, dflt_value FROM pragma_table_info('{t}')"))
            .unwrap();
        let cols: Vec<(String, String, Option<String>)> = s
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let mut names = Vec::new();
        let mut values = Vec::new();
        for (c, ty, dflt) in &cols {
            let v = match fks.iter().find(|(_, from, _)| from == c) {
                Some((p, _, to)) => fill_value(p, to, "TEXT", ""),
                None if dflt.is_some() => continue,
                None => fill_value(t, c, ty, &create_sql),
            };
            names.push(c.clone());
            values.push(v.clone());
            expected.push((t.clone(), c.clone(), v));
        }
        let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        conn.execute(
            &format!("INSERT INTO {t} ({}) VALUES ({})", names.join(", "), marks.join(", ")),
            rusqlite::params_from_iter(values),
        )
        .unwrap_or_else(|e| panic!("filling {t} at version {version}: {e}"));
    }
    drop(conn);

    let store = sanctuary::datadir::open(&root).unwrap_or_else(|e| panic!("migrating from version {version}: {e}"));
    // The app can read what was migrated.
    sanctuary::status::overview(&store, now().date_naive())
        .unwrap_or_else(|e| panic!("status after migrating from version {version}: {e}"));
    assert_eq!(store.schema_version().unwrap(), sanctuary::store::SCHEMA_VERSION);
    let id: i32 = store.conn().pragma_query_value(None, "application_id", |r| r.get(0)).unwrap();
    assert_eq!(id, sanctuary::store::APPLICATION_ID, "from version {version}");
    let ok: String = store
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    assert_eq!(
        count(&store, "SELECT count(*) FROM pragma_foreign_key_check"),
        0,
        "from version {version}"
    );
    for (t, c, v) in expected {
        let still: bool = store
            .conn()
            .query_row(
                "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2",
                [&t, &c],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
            > 0;
        if !still {
            continue; // a later migration dropped or renamed it on purpose
        }
        if t == "blob_retired" {
            continue; // a work queue: the first opening finishes its rows and empties it
        }
        let n: i64 = store
            .conn()
            .query_row(&format!("SELECT count(*) FROM {t} WHERE {c} = ?1"), [&v], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{t}.{c} after migrating from {version}: {e}"));
        assert_eq!(n, 1, "{t}.{c} = {v:?} lost when migrating from version {version}");
    }
}

#[test]
fn every_earlier_schema_version_with_data_migrates_to_the_current_one() {
    // Picks up future migrations by itself: one run per version below the current one, as older
    // builds numbered it and as this one does; the current version opens as it is, too.
    for applied in 1..=sanctuary::store::MIGRATIONS.len() {
        migrate_from(applied, Numbering::Old);
        migrate_from(applied, Numbering::ByFile);
    }
}

#[test]
fn a_damaged_database_can_be_replaced_by_a_backup_and_its_bytes_are_kept() {
    let dir = tempdir();
    let store = school_folder(&dir.path().join("a"), "Rescued School");
    let file = dir.path().join("good.sanctuary");
    bundle::backup(&store, &file, now(), &Job::silent()).unwrap();
    drop(store);
    let root = dir.path().join("d");
    fs::create_dir_all(&root).unwrap();
    fs::write(root.join("sanctuary.db"), vec![0x42u8; 8192]).unwrap();
    let err = bundle::restore(&root, &file, &RestoreOptions::new(false), now(), &Job::silent()).unwrap_err();
    assert!(
        err.to_string().contains("cannot be opened") && err.to_string().contains("--replace"),
        "{err}"
    );
    assert_eq!(fs::read(root.join("sanctuary.db")).unwrap(), vec![0x42u8; 8192]);
    let r = bundle::restore(&root, &file, &RestoreOptions::new(true), now(), &Job::silent()).unwrap();
    assert_eq!(school_name(&root), "Rescued School");
    let kept = r.kept_as.unwrap();
    let mut zip = zip::ZipArchive::new(fs::File::open(kept).unwrap()).unwrap();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name("sanctuary.db").unwrap(), &mut bytes).unwrap();
    assert_eq!(bytes, vec![0x42u8; 8192], "the damaged database is kept byte for byte");
    assert_consistent(&root);
}

#[test]
fn opening_the_store_while_a_restore_or_import_runs_leaves_its_staging_alone() {
    let dir = tempdir();
    let (t, c) = (dir.path().join("t"), dir.path().join("c"));
    let mut teacher = sanctuary::datadir::open(&t).unwrap();
    add_file_evidence(&mut teacher, "Staged photo", &noise(12, 9000), &[]);
    let pack = dir.path().join("p.sanctuary-contribution");
    contribution::export(&teacher, &pack, "T", now(), &Job::silent()).unwrap();
    let backup = dir.path().join("t.sanctuary");
    bundle::backup(&teacher, &backup, now(), &Job::silent()).unwrap();
    drop(teacher);
    drop(school_folder(&c, "Coord"));

    let staging = c.join(contribution::IMPORT_STAGING_DIR);
    kill_at_after(
        &c,
        "contribution-staged",
        &["contribution", "import", pack.to_str().unwrap()],
        || {
            drop(sanctuary::datadir::open(&c).unwrap());
            assert!(
                tree(&staging).keys().any(|k| k.contains("blobs")),
                "a running import's files must survive"
            );
        },
    );
    // Killed before its rows were committed: the next open discards it entirely.
    assert_consistent(&c);
    assert_eq!(
        count(
            &sanctuary::datadir::open(&c).unwrap(),
            "SELECT count(*) FROM evidence WHERE title = 'Staged photo'"
        ),
        0
    );

    let staging = c.join(bundle::restore::STAGING_DIR);
    kill_at_after(
        &c,
        "restore-staged",
        &["restore", "--replace", backup.to_str().unwrap()],
        || {
            drop(sanctuary::datadir::open(&c).unwrap());
            assert!(
                staging.join("sanctuary.db").is_file(),
                "a running restore's staging must survive"
            );
        },
    );
    assert_eq!(school_name(&c), "Coord");
    assert_consistent(&c);
}

#[test]
fn killing_an_automatic_backup_leaves_nothing_half_written_in_the_backups_folder() {
    let dir = tempdir();
    let root = dir.path().join("d");
    drop(school_folder(&root, "Auto Kill"));
    kill_at(&root, "backup-writing", &["backup", "auto"]);
    assert!(
        bundle::list_backups(&root).unwrap().is_empty(),
        "no backup appears from a killed run"
    );
    let o = cli(&root, &["backup", "auto"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let names: Vec<String> = fs::read_dir(root.join("backups"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "only the finished backup, no leftovers: {names:?}");
    assert!(names[0].starts_with("auto-") && names[0].ends_with(".sanctuary"));
    assert_consistent(&root);
}

#[test]
fn a_file_can_be_inspected_before_restoring_and_a_damaged_automatic_backup_is_listed_as_such() {
    let dir = tempdir();
    let root = dir.path().join("d");
    let store = school_folder(&root, "Inspected School");
    bundle::auto_backup_if_due(&store, now()).unwrap().unwrap();
    let list = bundle::list_backups(&root).unwrap();
    let info = bundle::inspect(&list[0].path, manifest::Kind::Backup).unwrap();
    assert_eq!(info.school_name, "Inspected School");
    assert_eq!(info.files, 2);
    assert_eq!(info.created_at, "2026-11-23T10:00:00Z");
    fs::write(root.join("backups/auto-2026-11-24T100000Z.sanctuary"), b"half a backup").unwrap();
    let list = bundle::list_backups(&root).unwrap();
    assert_eq!(list.len(), 2);
    assert!(
        list[0]
            .problem
            .as_deref()
            .unwrap_or_default()
            .contains("damaged or incomplete"),
        "{list:?}"
    );
    assert!(list[1].problem.is_none());
}

#[test]
fn a_cancelled_restore_changes_nothing_and_a_backup_reports_progress() {
    use std::sync::atomic::AtomicBool;
    use std::sync::{Arc, Mutex};
    let dir = tempdir();
    let store = school_folder(&dir.path().join("a"), "Progress School");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    let job = Job::new(Arc::new(AtomicBool::new(false)), move |p| {
        sink.lock().unwrap().push(p.clone())
    });
    let file = dir.path().join("p.sanctuary");
    bundle::backup(&store, &file, now(), &job).unwrap();
    let seen = seen.lock().unwrap();
    assert!(
        seen.iter().any(|p| p.stage == "Backing up evidence" && p.total == 2),
        "{seen:?}"
    );
    assert_eq!(seen.last().map(|p| (p.done, p.total)), Some((2, 2)));

    let root = dir.path().join("d");
    drop(school_folder(&root, "Stays"));
    let before = tree(&root);
    let cancelled = Job::new(Arc::new(AtomicBool::new(true)), |_| {});
    let err = bundle::restore(&root, &file, &RestoreOptions::new(true), now(), &cancelled).unwrap_err();
    assert!(matches!(err, Error::Cancelled), "{err:?}");
    assert_eq!(tree(&root), before);
    assert_consistent(&root);
}

#[test]
fn a_restore_refuses_while_the_data_is_open_elsewhere() {
    let dir = tempdir();
    let s = school_folder(&dir.path().join("a"), "Incoming");
    let file = dir.path().join("in.sanctuary");
    bundle::backup(&s, &file, now(), &Job::silent()).unwrap();
    drop(s);
    let root = dir.path().join("d");
    let app = school_folder(&root, "Open In The App");
    let err = bundle::restore(&root, &file, &RestoreOptions::new(true), now(), &Job::silent()).unwrap_err();
    assert!(err.to_string().contains("close it and try again"), "{err}");
    // The app's connection still works on the very same data.
    assert_eq!(sanctuary::school::find(&app).unwrap().unwrap().name, "Open In The App");
    assert!(!root.join(bundle::restore::STAGING_DIR).exists());
    drop(app);
    bundle::restore(&root, &file, &RestoreOptions::new(true), now(), &Job::silent()).unwrap();
    assert_eq!(school_name(&root), "Incoming");
    assert_consistent(&root);
}

/// A backup made by a build that counted migrations (its manifest has no `schema_numbering`, its
/// database no `application_id`) restores from every schema such a build could write; the report
/// gives the schema in today's numbering. A backup made here records a number above every count an
/// older build knows, so such a build refuses it as newer, as it refuses any newer backup.
#[test]
fn a_backup_made_before_file_numbered_schemas_restores_from_every_version() {
    let dir = tempdir();
    for applied in 1..=sanctuary::store::MIGRATIONS.len() {
        let db = dir.path().join(format!("old{applied}.db"));
        let conn = Connection::open(&db).unwrap();
        for (_, sql) in &sanctuary::store::MIGRATIONS[..applied] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", applied as i64).unwrap();
        conn.execute("INSERT INTO school (id, name, updated_at) VALUES ('s1', 'Old School', 'x')", [])
            .unwrap();
        drop(conn);
        let dbbytes = fs::read(&db).unwrap();
        let mut m = a_manifest();
        m.schema_version = applied as i64;
        m.schema_numbering = None;
        listed(&mut m, "sanctuary.db", &dbbytes);
        let f = dir.path().join(format!("old{applied}.sanctuary"));
        craft(&f, &m, &[("sanctuary.db", dbbytes, true)]);
        let info = bundle::inspect(&f, manifest::Kind::Backup).unwrap();
        assert_eq!(info.schema_version, m.schema(), "{applied}");

        let root = dir.path().join(format!("d{applied}"));
        let r = bundle::restore(&root, &f, &RestoreOptions::new(false), now(), &Job::silent())
            .unwrap_or_else(|e| panic!("restoring a backup of {applied} migrations: {e}"));
        let file_number = sanctuary::store::MIGRATIONS[applied - 1].0;
        assert_eq!((r.schema_from, r.schema_to), (file_number, sanctuary::store::SCHEMA_VERSION), "{applied}");
        assert_eq!(school_name(&root), "Old School");
    }

    // What this build writes: the file number, marked as such, above any count of migrations.
    let root = dir.path().join("new");
    let store = school_folder(&root, "New School");
    let out = dir.path().join("new.sanctuary");
    bundle::backup(&store, &out, now(), &Job::silent()).unwrap();
    let info = bundle::inspect(&out, manifest::Kind::Backup).unwrap();
    assert_eq!(info.schema_version, sanctuary::store::SCHEMA_VERSION);
    let raw = manifest_json(&out);
    assert_eq!(raw["schema_version"], sanctuary::store::SCHEMA_VERSION);
    assert_eq!(raw["schema_numbering"], manifest::SCHEMA_BY_FILE);
    assert!(sanctuary::store::SCHEMA_VERSION > sanctuary::store::MIGRATIONS.len() as i64);
}

/// The manifest of a bundle file as JSON, as an older build would read it.
fn manifest_json(file: &Path) -> serde_json::Value {
    let mut z = zip::ZipArchive::new(fs::File::open(file).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut z.by_name(manifest::MANIFEST_NAME).unwrap(), &mut text).unwrap();
    serde_json::from_str(&text).unwrap()
}
