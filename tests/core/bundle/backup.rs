//! Backups: a restorable zip with every file, taken safely while others write; automatic backups
//! kept one a day; inspecting a file before restoring it; cancelling, and progress.

use std::fs;

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use sanctuary::bundle::{self, manifest, RestoreOptions};
use sanctuary::job::Job;
use sanctuary::Error;

use crate::support::{now, tempdir};
use super::support::{sha_hex, add_action, school_folder, tree, assert_consistent, count};

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
        .all(|b| b.kind == sanctuary::bundle::BackupKind::Auto && b.problem.is_none() && b.school_name == "Auto School"));
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
