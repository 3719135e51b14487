//! The store: migrations from empty, data surviving a restart, and clear errors for bad folders.

use sanctuary::store::{from_old_numbering, APPLICATION_ID, DB_FILE, MIGRATIONS, SCHEMA_VERSION};
use sanctuary::{school, Error, Store};

use crate::support::{now, tempdir};

#[test]
fn migrates_an_empty_folder_to_the_current_schema() {
    let dir = tempdir();
    let store = Store::open(&dir.path().join("new/nested")).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(store.db_path().is_file());
    let fk: i64 = store.conn().pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
    assert_eq!(fk, 1, "foreign keys must be enforced");
    let mode: String = store.conn().pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn school_details_survive_closing_and_reopening() {
    let dir = tempdir();
    {
        let mut store = Store::open(dir.path()).unwrap();
        let mut s = school::load(&mut store, now()).unwrap();
        s.name = "Ysgol Gymraeg Llanŵ — ŷ".into();
        s.local_authority = "Київ council".into();
        school::save(&mut store, &s, now()).unwrap();
    }
    let mut store = Store::open(dir.path()).unwrap();
    let s = school::load(&mut store, now()).unwrap();
    assert_eq!(s.name, "Ysgol Gymraeg Llanŵ — ŷ");
    assert_eq!(s.local_authority, "Київ council");
    let count: i64 = store.conn().query_row("SELECT count(*) FROM school", [], |r| r.get(0)).unwrap();
    assert_eq!(count, 1, "reopening must not create a second school");
}

#[test]
fn a_file_in_place_of_the_folder_is_refused_clearly() {
    let dir = tempdir();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, b"x").unwrap();
    let err = Store::open(&file).err().expect("must fail");
    assert!(matches!(err, Error::DataDir { .. }), "{err:?}");
    assert!(err.to_string().contains("--data-dir"), "{err}");
}

#[test]
fn a_damaged_database_is_refused_and_left_alone() {
    let dir = tempdir();
    let db = dir.path().join(sanctuary::store::DB_FILE);
    std::fs::write(&db, vec![0x42u8; 8192]).unwrap();
    let err = Store::open(dir.path()).err().expect("must fail");
    assert!(matches!(err, Error::Database { .. }), "{err:?}");
    assert!(err.to_string().contains("restore a backup"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), vec![0x42u8; 8192], "the damaged file must not be changed");
}

#[test]
fn a_database_from_a_newer_release_is_refused() {
    let dir = tempdir();
    {
        let store = Store::open(dir.path()).unwrap();
        store.conn().pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    }
    let err = Store::open(dir.path()).err().expect("must fail");
    assert!(err.to_string().contains("newer"), "{err}");
}

#[test]
fn saving_an_unknown_framework_changes_nothing() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let mut s = school::load(&mut store, now()).unwrap();
    s.name = "Kept".into();
    school::save(&mut store, &s, now()).unwrap();
    let mut bad = s.clone();
    bad.name = "Changed".into();
    bad.framework_id = "no-such-framework".into();
    assert!(school::save(&mut store, &bad, now()).is_err());
    assert_eq!(school::load(&mut store, now()).unwrap().name, "Kept");
}

/// Every file in `src/store/migrations` runs as the version its name says, in order, and the last one
/// is the version this build writes.
#[test]
fn each_migration_runs_as_the_version_in_its_file_name() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/migrations");
    let mut files: Vec<(i64, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let number = name.split('_').next().and_then(|n| n.parse().ok());
            let number = number.unwrap_or_else(|| panic!("{name}: a migration file is named NNNN_what.sql"));
            (number, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    files.sort();
    let listed: Vec<(i64, String)> = MIGRATIONS.iter().map(|(v, sql)| (*v, sql.to_string())).collect();
    assert_eq!(listed.len(), files.len(), "every file is listed in MIGRATIONS, once");
    for ((version, sql), (number, text)) in listed.iter().zip(&files) {
        assert_eq!(version, number, "MIGRATIONS lists a file under another number");
        assert_eq!(sql, text, "MIGRATIONS lists file {number} under version {version}");
        assert!(text.starts_with(&format!("-- Schema version {number}:")), "file {number}'s header names another version");
    }
    assert_eq!(SCHEMA_VERSION, files.last().unwrap().0);
}

fn numbering(store: &Store) -> (i64, i32) {
    let conn = store.conn();
    (
        conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap(),
        conn.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap(),
    )
}

#[test]
fn a_new_database_is_numbered_by_file() {
    let dir = tempdir();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(numbering(&store), (SCHEMA_VERSION, APPLICATION_ID));
}

/// Older builds counted migrations; the count k means the first k files ran.
#[test]
fn an_old_count_becomes_the_file_number_of_its_last_migration_once() {
    let numbers: Vec<i64> = (0..=MIGRATIONS.len() as i64).map(from_old_numbering).collect();
    assert_eq!(numbers, [0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16, 18]);
    assert!(from_old_numbering(MIGRATIONS.len() as i64 + 1) > SCHEMA_VERSION);

    // A database an older build left fully migrated: only its numbering changes, and only once.
    let dir = tempdir();
    {
        let conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
        for (_, sql) in MIGRATIONS {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", MIGRATIONS.len() as i64).unwrap();
    }
    assert_eq!(numbering(&Store::open(dir.path()).unwrap()), (SCHEMA_VERSION, APPLICATION_ID));
    assert_eq!(numbering(&Store::open(dir.path()).unwrap()), (SCHEMA_VERSION, APPLICATION_ID));
}

#[test]
fn an_old_count_beyond_this_build_is_refused_and_left_unchanged() {
    let dir = tempdir();
    {
        let conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
        for (_, sql) in MIGRATIONS {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", MIGRATIONS.len() as i64 + 1).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    }
    let err = Store::open(dir.path()).err().expect("must fail");
    assert!(err.to_string().contains("newer"), "{err}");
    let conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    let kept: (i64, i32) = (
        conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap(),
        conn.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap(),
    );
    assert_eq!(kept, (MIGRATIONS.len() as i64 + 1, 0), "neither translated nor marked");
}

#[test]
fn a_version_no_migration_file_has_is_refused() {
    let dir = tempdir();
    {
        let store = Store::open(dir.path()).unwrap();
        // There is no file 0002.
        store.conn().pragma_update(None, "user_version", 2).unwrap();
    }
    let err = Store::open(dir.path()).err().expect("must fail");
    assert!(err.to_string().contains("schema version 2 is not one Sanctuary Portfolio ever wrote"), "{err}");
}
