//! Restores that replace work: only when confirmed, keeping the old data as a backup; from an older
//! schema; over a damaged database; never while the data is open elsewhere.

use std::fs;
use std::path::Path;

use chrono::Duration;
use rusqlite::Connection;
use sanctuary::bundle::{self, manifest, RestoreOptions};
use sanctuary::job::Job;

use crate::support::{now, tempdir};
use super::support::{sha_hex, add_file_evidence, noise, school_folder, tree, assert_consistent, count, school_name, craft, listed, a_manifest};

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
    assert_eq!(listed[0].kind.as_str(), "before_restore");
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
