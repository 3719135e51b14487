//! Who has a data folder open: one laptop at a time. SQLite cannot keep two computers from damaging a
//! database on a network share, so the folder itself says who has it open, and a second computer is
//! refused with that person's name, their computer and since when, until they close it there or, if
//! that laptop crashed, someone chooses to take over.
//!
//! Each program that opens the folder writes its own entry, `.in-use/<computer>-<pid>.json` (atomically),
//! naming the person (the system user), the computer, the process and when it opened the folder; it is
//! removed when the last [`InUse`] of that process is dropped, and its `seen` time is refreshed every
//! [`HEARTBEAT`] so that a technician can tell a crashed laptop's entry from a live one. Several
//! programs on one computer (the window and the CLI) share the folder safely, as SQLite's own locks work
//! there; an entry of this computer whose process has gone is a crash's leftover and is removed
//! silently. Another computer's entry is only removed when the person asks to take over.
//!
//! Not for: the locks that tell a running restore or import from a crashed one (`lock`), nor choosing
//! the database's journal (`filesystem`).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{write_error, Error, Result};

/// Folder inside the data folder that holds one entry per program that has it open.
pub const IN_USE_DIR: &str = ".in-use";

/// Environment variable that names this computer instead of its host name (tests pretend to be two
/// computers with it; a technician can use it where host names are all alike).
pub const COMPUTER_ENV: &str = "SANCTUARY_COMPUTER_NAME";

/// How often a program refreshes the `seen` time of its entry.
pub const HEARTBEAT: Duration = Duration::from_secs(30);

/// One program that has the folder open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    /// The system user name.
    pub person: String,
    /// The computer's name (host name, or `SANCTUARY_COMPUTER_NAME`).
    pub computer: String,
    /// Process id on that computer.
    pub pid: u32,
    /// When it opened the folder.
    pub since: DateTime<Utc>,
    /// The last time it said it was still running.
    pub seen: DateTime<Utc>,
}

impl Holder {
    /// This program, on `computer` (None: this computer's name), now.
    pub fn me(computer: Option<&str>) -> Holder {
        let now = Utc::now();
        Holder {
            person: person_name(),
            computer: computer.map(str::to_string).unwrap_or_else(computer_name),
            pid: std::process::id(),
            since: now,
            seen: now,
        }
    }

    fn file_name(&self) -> String {
        let safe: String = self
            .computer
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
            .take(64)
            .collect();
        format!("{safe}-{}.json", self.pid)
    }

    fn same_computer(&self, other: &Holder) -> bool {
        self.computer.eq_ignore_ascii_case(&other.computer)
    }
}

/// The system user name, or "someone" when the system does not say.
pub fn person_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "someone".into())
}

/// This computer's name: `SANCTUARY_COMPUTER_NAME`, else the host name.
pub fn computer_name() -> String {
    std::env::var(COMPUTER_ENV)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(host_name)
        .unwrap_or_else(|| "this computer".into())
}

#[cfg(unix)]
fn host_name() -> Option<String> {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is writable for its length; the name is NUL-terminated within it on success.
    if unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } != 0 {
        return None;
    }
    let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
    Some(String::from_utf8_lossy(&buf[..end]).into_owned()).filter(|s| !s.is_empty())
}

#[cfg(not(unix))]
fn host_name() -> Option<String> {
    std::env::var("COMPUTERNAME").ok().filter(|s| !s.is_empty())
}

/// True while process `pid` of this computer runs (also when we may not signal it).
#[cfg(unix)]
pub fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let Ok(pid) = i32::try_from(pid) else { return false };
    // SAFETY: signal 0 only asks whether the process exists.
    if unsafe { libc::kill(pid, 0) } == 0 {
        return true;
    }
    std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// True while process `pid` of this computer runs (also when we may not look at it).
#[cfg(windows)]
pub fn process_alive(pid: u32) -> bool {
    use std::ffi::c_void;
    #[link(name = "kernel32")]
    extern "system" {
        fn OpenProcess(access: u32, inherit: i32, pid: u32) -> *mut c_void;
        fn GetExitCodeProcess(process: *mut c_void, code: *mut u32) -> i32;
        fn CloseHandle(handle: *mut c_void) -> i32;
        fn GetLastError() -> u32;
    }
    const PROCESS_QUERY_LIMITED_INFORMATION: u32 = 0x1000;
    const STILL_ACTIVE: u32 = 259;
    const ERROR_ACCESS_DENIED: u32 = 5;
    if pid == std::process::id() {
        return true;
    }
    // SAFETY: plain Win32 calls on a handle we open and close here.
    unsafe {
        let h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
        if h.is_null() {
            return GetLastError() == ERROR_ACCESS_DENIED;
        }
        let mut code = 0u32;
        let ok = GetExitCodeProcess(h, &mut code) != 0;
        CloseHandle(h);
        !ok || code == STILL_ACTIVE
    }
}

#[cfg(not(any(unix, windows)))]
pub fn process_alive(_pid: u32) -> bool {
    true
}

/// Held while a store of this process has the folder open; the entry goes when the last one is dropped.
pub struct InUse {
    entry: PathBuf,
}

/// This process's entries, by path, with how many [`InUse`] hold each and who they name.
fn registry() -> &'static Mutex<HashMap<PathBuf, (usize, Holder)>> {
    static HELD: OnceLock<Mutex<HashMap<PathBuf, (usize, Holder)>>> = OnceLock::new();
    HELD.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Every entry in the folder, with its file (unreadable ones are skipped: entries are written
/// atomically, so a broken one is not a program that has the folder open).
pub fn holders(root: &Path) -> Vec<(PathBuf, Holder)> {
    let mut out: Vec<(PathBuf, Holder)> = fs::read_dir(root.join(IN_USE_DIR))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
        .filter_map(|e| {
            let h = serde_json::from_slice::<Holder>(&fs::read(e.path()).ok()?).ok()?;
            Some((e.path(), h))
        })
        .collect();
    out.sort_by(|a, b| (a.1.since, &a.1.computer, a.1.pid).cmp(&(b.1.since, &b.1.computer, b.1.pid)));
    out
}

/// Marks the folder `root` (which exists) as open by `me`, or refuses when another computer has it open
/// and `take_over` is false. A leftover of a crashed program of this computer is removed silently.
pub fn claim(root: &Path, me: Holder, take_over: bool) -> Result<InUse> {
    let dir = root.join(IN_USE_DIR);
    let entry = std::path::absolute(dir.join(me.file_name())).unwrap_or_else(|_| dir.join(me.file_name()));
    let mut held = registry().lock().unwrap_or_else(|e| e.into_inner());
    if let Some((count, _)) = held.get_mut(&entry) {
        if entry.is_file() {
            *count += 1;
            return Ok(InUse { entry });
        }
        // Taken over by another computer while we had it: claimed afresh below.
        held.remove(&entry);
    }
    fs::create_dir_all(&dir).map_err(|e| write_error(&dir, e))?;
    for (path, other) in holders(root) {
        if path == entry || (other.same_computer(&me) && other.pid == me.pid) {
            continue;
        }
        if other.same_computer(&me) {
            if !process_alive(other.pid) {
                let _ = fs::remove_file(&path);
            }
        } else if take_over {
            let _ = fs::remove_file(&path);
        } else {
            return Err(in_use_error(root, &other));
        }
    }
    write_entry(&entry, &me)?;
    // Two computers opening at the same moment both got here: each now sees the other's entry, and the
    // one that opened later (ties by name) steps back, so exactly one keeps the folder.
    if !take_over {
        if let Some((_, first)) = holders(root).into_iter().find(|(_, h)| !h.same_computer(&me)) {
            if (first.since, &first.computer) <= (me.since, &me.computer) {
                let _ = fs::remove_file(&entry);
                return Err(in_use_error(root, &first));
            }
        }
    }
    held.insert(entry.clone(), (1, me));
    drop(held);
    start_heartbeat();
    Ok(InUse { entry })
}

fn write_entry(entry: &Path, who: &Holder) -> Result<()> {
    let json = serde_json::to_vec_pretty(who).expect("a holder is plain text, numbers and times");
    crate::atomic::write(entry, &json)
}

/// The refusal naming who has the folder open and what to do.
pub fn in_use_error(root: &Path, other: &Holder) -> Error {
    let since = other.since.to_rfc3339_opts(SecondsFormat::Secs, true);
    let seen = other.seen.to_rfc3339_opts(SecondsFormat::Secs, true);
    Error::rule(
        "data_folder_in_use",
        [
            ("person", other.person.as_str().into()),
            ("computer", other.computer.as_str().into()),
            ("since", since.as_str().into()),
            ("seen", seen.as_str().into()),
            ("folder", root.to_string_lossy().into_owned().into()),
        ],
        format!(
            "the data folder is open on another computer: {} has it open on {} since {since} (last seen {seen}). Two laptops using it at once can damage it. Close Sanctuary Portfolio on {} first; if that laptop crashed or was switched off without closing, take over with --take-over (the window asks)",
            other.person, other.computer, other.computer
        ),
    )
}

/// Starts (once per process) the thread that refreshes this process's entries. An entry another
/// computer removed by taking over is not written back.
fn start_heartbeat() {
    static STARTED: OnceLock<()> = OnceLock::new();
    STARTED.get_or_init(|| {
        let _ = std::thread::Builder::new().name("data-folder-heartbeat".into()).spawn(|| loop {
            std::thread::sleep(HEARTBEAT);
            refresh();
        });
    });
}

/// Writes the current time as `seen` into each of this process's entries (what the heartbeat does
/// every [`HEARTBEAT`]; public so tests need not wait for it). An entry that is gone, because another
/// computer took the folder over, stays gone.
pub fn refresh() {
    let mut held = registry().lock().unwrap_or_else(|e| e.into_inner());
    for (entry, (_, who)) in held.iter_mut() {
        if entry.is_file() {
            who.seen = Utc::now();
            let _ = write_entry(entry, who);
        }
    }
}

impl Drop for InUse {
    fn drop(&mut self) {
        let mut held = registry().lock().unwrap_or_else(|e| e.into_inner());
        let last = match held.get_mut(&self.entry) {
            Some((count, _)) if *count > 1 => {
                *count -= 1;
                false
            }
            Some(_) => true,
            None => false,
        };
        if last {
            held.remove(&self.entry);
            let _ = fs::remove_file(&self.entry);
            if let Some(dir) = self.entry.parent() {
                // Only when empty: another program's entry keeps it.
                let _ = fs::remove_dir(dir);
            }
        }
    }
}
