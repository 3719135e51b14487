//! Crash safety: the real binary killed at named points during backups, restores and imports, a full
//! disk, and a store opened while another operation runs; nothing is lost or left half-written.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use sanctuary::bundle::{self, contribution};
use sanctuary::job::Job;

use crate::support::{cli, now, stderr, tempdir};
use super::support::{add_file_evidence, noise, school_folder, tree, assert_consistent, count, school_name};

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
