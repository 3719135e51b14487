//! The store: migrations from empty, data surviving a restart, and clear errors for bad folders.

use sanctuary::{school, store::SCHEMA_VERSION, Error, Store};

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
