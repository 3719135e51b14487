//! One laptop at a time on a shared drive: the data folder's in-use entries (two computers, a crashed
//! program of this computer, taking over only when asked), with the real CLI binary playing the
//! computers (`SANCTUARY_COMPUTER_NAME`); the network-file-system classification and the journal it
//! selects; and the warning for folders a cloud service syncs.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use sanctuary::datadir::filesystem::{classify, drive_root, is_windows_share, FolderKind, FsInfo, DRIVE_REMOTE};
use sanctuary::datadir::in_use::{holders, IN_USE_DIR};
use sanctuary::datadir::{self, synced, OpenOptions};
use sanctuary::store::{Journal, Store};
use sanctuary::Error;

use crate::support::{stderr, stdout, tempdir};

/// The CLI as `person` on the computer `computer`.
fn cli_as(computer: &str, person: &str, data: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sanctuary"));
    c.arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("SANCTUARY_DATA_DIR")
        .env_remove(sanctuary::pause::PAUSE_ENV)
        .env(datadir::in_use::COMPUTER_ENV, computer)
        .env("USER", person)
        .env("USERNAME", person);
    c
}

fn run_as(computer: &str, person: &str, data: &Path, args: &[&str]) -> Output {
    cli_as(computer, person, data, args).output().expect("run sanctuary")
}

/// A CLI that has opened the data folder and waits there (until killed).
fn holding_open(computer: &str, person: &str, data: &Path) -> Child {
    let mut child = cli_as(computer, person, data, &["status"])
        .env(sanctuary::pause::PAUSE_ENV, "data-folder-open")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap()).read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "paused at data-folder-open", "the first program did not open the folder");
    child
}

fn computers(data: &Path) -> Vec<String> {
    holders(data).into_iter().map(|(_, h)| h.computer).collect()
}

/// A process id that has just ended on this computer.
fn dead_pid() -> u32 {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sanctuary")).arg("--version").stdout(Stdio::null()).spawn().unwrap();
    let pid = c.id();
    c.wait().unwrap();
    pid
}

fn write_entry(data: &Path, computer: &str, person: &str, pid: u32) {
    let dir = data.join(IN_USE_DIR);
    std::fs::create_dir_all(&dir).unwrap();
    let json = format!(
        r#"{{"person":"{person}","computer":"{computer}","pid":{pid},"since":"2026-11-23T08:00:00Z","seen":"2026-11-23T09:30:00Z"}}"#
    );
    std::fs::write(dir.join(format!("{computer}-{pid}.json")), json).unwrap();
}

#[test]
fn a_second_computer_is_refused_with_the_first_ones_name_and_takes_over_only_when_asked() {
    let dir = tempdir();
    let data = dir.path().join("data");
    assert!(run_as("laptop-a", "amira", &data, &["demo"]).status.success());

    let mut first = holding_open("laptop-a", "amira", &data);
    assert_eq!(computers(&data), ["laptop-a"]);
    let second = run_as("laptop-b", "bryn", &data, &["status"]);
    let err = stderr(&second);
    assert_eq!(second.status.code(), Some(2), "{err}");
    assert!(err.contains("amira has it open on laptop-a since"), "{err}");
    assert!(err.contains("Close Sanctuary Portfolio on laptop-a"), "{err}");
    assert!(err.contains("--take-over"), "{err}");
    assert!(stdout(&second).is_empty(), "nothing is shown from a folder another computer has open");
    // A program on the same computer shares the folder (SQLite's own locks work there).
    let sibling = run_as("laptop-a", "amira", &data, &["status"]);
    assert!(sibling.status.success(), "{}", stderr(&sibling));
    assert_eq!(computers(&data), ["laptop-a"], "the sibling leaves the first program's entry alone");

    // laptop-a crashes: its entry stays, and laptop-b still cannot tell it from a laptop in use.
    first.kill().unwrap();
    first.wait().unwrap();
    assert_eq!(computers(&data), ["laptop-a"]);
    let again = run_as("laptop-b", "bryn", &data, &["status"]);
    assert_eq!(again.status.code(), Some(2), "another computer's entry is never taken over silently");
    assert!(stderr(&again).contains("laptop-a"));

    let took = run_as("laptop-b", "bryn", &data, &["--take-over", "status"]);
    assert!(took.status.success(), "{}", stderr(&took));
    assert!(stdout(&took).contains("Brookfield"), "the work is all there after taking over");
    assert!(computers(&data).is_empty(), "laptop-a's entry was removed and laptop-b's went when it closed");
    assert!(run_as("laptop-b", "bryn", &data, &["status"]).status.success());
}

#[test]
fn a_crashed_program_of_this_computer_is_taken_over_silently() {
    let dir = tempdir();
    let data = dir.path().join("data");
    let pid = dead_pid();
    write_entry(&data, "laptop-a", "amira", pid);
    assert_eq!(computers(&data), ["laptop-a"]);
    let out = run_as("laptop-a", "amira", &data, &["demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("open on another computer"));
    assert!(computers(&data).is_empty(), "the dead program's entry is gone");

    // The same through the library, whose entry names this process while it is open.
    write_entry(&data, "laptop-a", "amira", pid);
    let store = datadir::open_with(&data, &OpenOptions { take_over: false, computer: Some("laptop-a".into()) }).unwrap();
    let now: Vec<_> = holders(&data).into_iter().map(|(_, h)| (h.computer, h.pid)).collect();
    assert_eq!(now, [("laptop-a".to_string(), std::process::id())]);
    drop(store);
    assert!(computers(&data).is_empty());
}

#[test]
fn another_computers_entry_is_taken_over_only_with_the_explicit_choice() {
    let dir = tempdir();
    let data = dir.path().join("data");
    let on = |c: &str, take_over| OpenOptions { take_over, computer: Some(c.into()) };
    let a1 = datadir::open_with(&data, &on("laptop-a", false)).unwrap();
    let a2 = datadir::open_with(&data, &on("laptop-a", false)).unwrap();
    match datadir::open_with(&data, &on("laptop-b", false)) {
        Err(Error::Rule { code, params, message }) => {
            assert_eq!(code, "data_folder_in_use");
            assert_eq!(params["computer"], "laptop-a".into());
            assert!(params.contains_key("person") && params.contains_key("since") && params.contains_key("seen"));
            assert!(message.contains("take over"), "{message}");
        }
        Err(e) => panic!("refused with the wrong error: {e}"),
        Ok(_) => panic!("a second computer opened the folder"),
    }
    // Two stores of one program share one entry; it goes with the last.
    drop(a1);
    assert_eq!(computers(&data), ["laptop-a"]);
    drop(a2);
    assert!(computers(&data).is_empty());

    let _a = datadir::open_with(&data, &on("laptop-a", false)).unwrap();
    let b = datadir::open_with(&data, &on("laptop-b", true)).expect("taken over when asked");
    assert_eq!(computers(&data), ["laptop-b"]);
    assert!(datadir::open_with(&data, &on("laptop-c", false)).is_err(), "laptop-b now holds it");
    drop(b);
}

#[test]
fn network_file_systems_are_recognised_on_every_system() {
    let linux = |magic: i64| FsInfo::Linux { magic, fuse_type: None };
    let net = |p: &str, i: &FsInfo| classify(p, i).is_network();
    // Linux statfs magic numbers.
    for magic in [0x6969, 0x517B, 0xFF53_4D42, 0xFE53_4D42] {
        assert!(net("/mnt/share/data", &linux(magic)), "{magic:#x}");
    }
    // A sign-extended f_type (32-bit targets) is the same number.
    assert!(net("/mnt/share", &linux(0xFF53_4D42u32 as i32 as i64)));
    for local in [0xEF53 /* ext4 */, 0x9123_683E /* btrfs */, 0x5846_5342 /* xfs */, 0x0102_1994 /* tmpfs */, 0x794C_7630 /* overlay */] {
        assert_eq!(classify("/home/amira/data", &linux(local)), FolderKind::Local, "{local:#x}");
    }
    let fuse = |t: &str| FsInfo::Linux { magic: 0x6573_5546, fuse_type: Some(t.into()) };
    assert!(net("/home/amira/school", &fuse("fuse.sshfs")));
    assert!(net("/home/amira/school", &fuse("fuse.rclone")));
    assert!(!net("/media/usb", &fuse("fuseblk")), "ntfs-3g on a USB stick is local");
    assert!(!net("/media/usb", &fuse("fuse.ntfs-3g")));
    // macOS f_fstypename.
    for name in ["nfs", "smbfs", "afpfs", "webdav", "SMBFS"] {
        assert!(net("/Volumes/Staff/data", &FsInfo::Named(name.into())), "{name}");
    }
    for name in ["apfs", "hfs", "msdos", "exfat"] {
        assert!(!net("/Users/amira/data", &FsInfo::Named(name.into())), "{name}");
    }
    // Windows: UNC paths whatever the drive type says, and mapped network drives.
    for unc in [r"\\server\staff\Sanctuary", r"\\?\UNC\server\staff\Sanctuary", "//server/staff", r"\\.\UNC\srv\s"] {
        assert!(is_windows_share(unc), "{unc}");
        assert!(net(unc, &FsInfo::Unknown), "{unc}");
    }
    for local in [r"C:\Users\amira\AppData\Roaming\data", r"\\?\C:\Users\amira", r"\\.\pipe\x", r"\\server", "/home/amira"] {
        assert!(!is_windows_share(local), "{local}");
    }
    assert!(net(r"S:\Sanctuary", &FsInfo::WindowsDrive(DRIVE_REMOTE)));
    assert!(!net(r"C:\Sanctuary", &FsInfo::WindowsDrive(3 /* DRIVE_FIXED */)));
    assert!(!net(r"E:\Sanctuary", &FsInfo::WindowsDrive(2 /* DRIVE_REMOVABLE */)));
    assert_eq!(drive_root(r"S:\Sanctuary").as_deref(), Some(r"S:\"));
    assert_eq!(drive_root(r"\\?\d:\x").as_deref(), Some(r"d:\"));
    assert_eq!(drive_root(r"\\server\share"), None);
    // This machine's temporary folder is a local disk in CI.
    let dir = tempdir();
    assert_eq!(datadir::filesystem::probe(dir.path()), FolderKind::Local);
}

fn pragma(store: &Store, name: &str) -> String {
    store.conn().pragma_query_value(None, name, |r| r.get::<_, String>(0)).unwrap().to_ascii_lowercase()
}

#[test]
fn a_network_folder_runs_without_wal_and_locked_exclusively() {
    let dir = tempdir();
    let data = dir.path().join("data");
    {
        let mut local = Store::open(&data).unwrap();
        assert_eq!(local.journal(), Journal::Wal);
        assert_eq!(pragma(&local, "journal_mode"), "wal");
        assert_eq!(pragma(&local, "locking_mode"), "normal");
        sanctuary::demo::load(&mut local, crate::support::now(), false).unwrap();
    }
    {
        // The same database now on a share: switched from WAL, its work all there.
        let shared = Store::open_with(&data, Journal::Exclusive).unwrap();
        assert_eq!(pragma(&shared, "journal_mode"), "delete");
        assert_eq!(pragma(&shared, "locking_mode"), "exclusive");
        assert_eq!(shared.conn().pragma_query_value(None, "synchronous", |r| r.get::<_, i64>(0)).unwrap(), 2, "FULL");
        assert!(sanctuary::school::find(&shared).unwrap().is_some_and(|s| !s.name.is_empty()));
        assert!(!data.join("sanctuary.db-wal").exists(), "no WAL file beside a database on a share");
        // Locked for as long as it is open: another connection cannot even read.
        let other = rusqlite::Connection::open(data.join("sanctuary.db")).unwrap();
        assert!(other.query_row("SELECT count(*) FROM school", [], |r| r.get::<_, i64>(0)).is_err());
    }
    {
        // On a share one program at a time, even on one computer: the second is told so plainly.
        let _first = Store::open_with(&data, Journal::Exclusive).unwrap();
        match Store::open_with(&data, Journal::Exclusive) {
            Err(Error::Rule { code, message, .. }) => {
                assert_eq!(code, "data_folder_busy");
                assert!(message.contains("only one program at a time"), "{message}");
            }
            Err(e) => panic!("refused with the wrong error: {e}"),
            Ok(_) => panic!("two programs held the database on a share"),
        }
    }
    // And back on a laptop disk it is WAL again.
    let back = datadir::open(&data).unwrap();
    assert_eq!(back.journal(), Journal::Wal);
    assert_eq!(pragma(&back, "journal_mode"), "wal");
}

#[test]
fn synced_folders_are_recognised_from_the_path() {
    let no_env = |_: &str| -> Option<String> { None };
    let cases = [
        (r"C:\Users\amira\OneDrive\Sanctuary", Some("OneDrive")),
        (r"C:\Users\amira\OneDrive - Ysgol Gymraeg\Sanctuary", Some("OneDrive")),
        ("/Users/amira/Library/CloudStorage/OneDrive-Personal/data", Some("OneDrive")),
        (r"G:\My Drive\Sanctuary", Some("Google Drive")),
        ("/Users/amira/Google Drive/data", Some("Google Drive")),
        ("/Users/amira/Library/CloudStorage/GoogleDrive-amira@school.org/My Drive/data", Some("Google Drive")),
        ("/home/amira/Dropbox/data", Some("Dropbox")),
        (r"C:\Users\amira\Dropbox (Ysgol)\data", Some("Dropbox")),
        ("/Users/amira/Library/Mobile Documents/com~apple~CloudDocs/data", Some("iCloud Drive")),
        (r"C:\Users\amira\iCloudDrive\data", Some("iCloud Drive")),
        ("/home/amira/.local/share/org.sanctuaryportfolio.app", None),
        (r"C:\Users\amira\AppData\Roaming\org.sanctuaryportfolio.app", None),
        ("/home/amira/dropboxes-of-paper/data", None),
    ];
    for (path, want) in cases {
        assert_eq!(synced::service(path, &no_env), want, "{path}");
    }
    // Windows names the OneDrive folder in environment variables, whatever it is called.
    let env = |k: &str| (k == "OneDriveCommercial").then(|| r"D:\Ysgol Files".to_string());
    assert_eq!(synced::service(r"d:\ysgol files\Sanctuary", &env), Some("OneDrive"));
    assert_eq!(synced::service(r"D:\Ysgol Files Old\Sanctuary", &env), None);
}

#[test]
fn a_synced_data_folder_gets_a_warning_with_the_safe_alternative() {
    let dir = tempdir();
    let data = dir.path().join("Dropbox").join("Sanctuary");
    match synced::warning(&data) {
        Some(Error::Rule { code, params, message }) => {
            assert_eq!(code, "data_folder_synced");
            assert_eq!(params["service"], "Dropbox".into());
            assert!(message.contains("put the backups in the Dropbox folder"), "{message}");
        }
        other => panic!("no warning: {other:?}"),
    }
    assert!(datadir::warnings(&dir.path().join("data")).is_empty());
    // The CLI says it once, on stderr, and goes on.
    let out = run_as("laptop-a", "amira", &data, &["demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("warning: the data folder").count(), 1, "{err}");
    assert!(err.contains("Keep the data folder on this laptop"), "{err}");
    let plain = run_as("laptop-a", "amira", &dir.path().join("data"), &["demo"]);
    assert!(!stderr(&plain).contains("warning: the data folder"));
}

#[test]
fn a_program_refreshes_its_entry_until_another_computer_takes_over() {
    let dir = tempdir();
    let data = dir.path().join("data");
    let on = |c: &str, take_over| OpenOptions { take_over, computer: Some(c.into()) };
    let a = datadir::open_with(&data, &on("laptop-heartbeat", false)).unwrap();
    let (path, first) = holders(&data).pop().unwrap();
    assert_eq!(first.since, first.seen);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    datadir::in_use::refresh();
    let (_, later) = holders(&data).pop().unwrap();
    assert!(later.seen > first.seen, "seen is refreshed");
    assert_eq!(later.since, first.since, "since stays when it opened");

    let b = datadir::open_with(&data, &on("laptop-other", true)).unwrap();
    datadir::in_use::refresh();
    assert!(!path.exists(), "a taken-over entry is not written back");
    assert_eq!(computers(&data), ["laptop-other"]);
    drop(a);
    assert_eq!(computers(&data), ["laptop-other"], "closing the taken-over program leaves the new holder alone");
    drop(b);
}
