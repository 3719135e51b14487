//! Benchmark of backups protected with a passphrase: `bench_backup [MB ...] [--keep DIR]`.
//!
//! For each size (default 100 and 1000 MB) makes a data folder holding that much evidence (4 MB files
//! of random bytes: incompressible, like photos), then, each in its own process so that peak memory
//! (VmHWM) is that step's alone: an unencrypted backup, the same backup encrypted with a passphrase
//! (age, scrypt at age's own work factor), and a restore of the encrypted one into an empty folder.
//! Peak memory that stays the same from 100 MB to 1 GB shows the encryption streams.
//! Run it with `cargo run --release --bin bench_backup -- 100 1000`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{TimeZone, Utc};
use sanctuary::bundle::{self, Passphrase, RestoreOptions};
use sanctuary::job::Job;

const PASSPHRASE: &str = "benchmark passphrase of several words";
const FILE_MB: u64 = 4;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut sizes: Vec<u64> = Vec::new();
    let mut keep: Option<PathBuf> = None;
    let mut step: Option<(String, PathBuf)> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--keep" => keep = args.next().map(PathBuf::from),
            "--step" => {
                let name = args.next().unwrap_or_default();
                step = args.next().map(|d| (name, PathBuf::from(d)));
            }
            _ => match a.parse() {
                Ok(v) => sizes.push(v),
                Err(_) => {
                    eprintln!("usage: bench_backup [MB ...] [--keep DIR]");
                    std::process::exit(2);
                }
            },
        }
    }
    if let Some((name, root)) = step {
        run_step(&name, &root);
        return;
    }
    if sizes.is_empty() {
        sizes = vec![100, 1000];
    }
    let base = keep.unwrap_or_else(|| std::env::temp_dir().join(format!("sanctuary-bench-backup-{}", std::process::id())));
    println!("| evidence | step | time | file | peak memory (VmHWM) |");
    println!("|---:|---|---:|---:|---:|");
    for mb in sizes {
        let root = base.join(format!("{mb}mb"));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("bench folder");
        make_library(&root.join("data"), mb);
        for name in ["plain", "sealed", "restore"] {
            let start = Instant::now();
            let out = std::process::Command::new(std::env::current_exe().expect("own path"))
                .args(["--step", name])
                .arg(&root)
                .output()
                .expect("run step");
            let secs = start.elapsed().as_secs_f64();
            let said = String::from_utf8_lossy(&out.stdout);
            if !out.status.success() {
                eprintln!("{name} failed: {}", String::from_utf8_lossy(&out.stderr));
                std::process::exit(1);
            }
            let (bytes, peak) = said.trim().split_once(' ').unwrap_or(("0", "unknown"));
            let size = bytes.parse::<u64>().map(|b| format!("{:.0} MB", b as f64 / 1_048_576.0)).unwrap_or_default();
            println!("| {mb} MB | {name} | {secs:.1} s | {size} | {peak} MB |");
        }
        let _ = std::fs::remove_dir_all(&root);
    }
    let _ = std::fs::remove_dir_all(&base);
}

/// A data folder with `mb` megabytes of evidence files, added at the table level (no thumbnails: the
/// backup does not carry them, and making them is the import benchmark's business).
fn make_library(root: &Path, mb: u64) {
    let mut store = sanctuary::datadir::open(root).expect("store");
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    sanctuary::demo::load(&mut store, now, true).expect("demo");
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut buf = vec![0u8; (FILE_MB << 20) as usize];
    for i in 0..(mb / FILE_MB).max(1) {
        for chunk in buf.chunks_mut(8) {
            // xorshift64*: fast, and random enough that nothing compresses.
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            let v = state.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
        let stored = sanctuary::evidence::blobs::put_bytes(root, &buf).expect("blob");
        let t = now.to_rfc3339();
        store
            .write(|tx| {
                tx.execute(
                    "INSERT OR IGNORE INTO blob (sha256, size, mime, created_at) VALUES (?1, ?2, 'application/pdf', ?3)",
                    rusqlite::params![stored.sha, stored.size as i64, t],
                )?;
                tx.execute(
                    "INSERT INTO evidence (id, kind, title, blob_sha256, added_at, updated_at, consent) VALUES (?1, 'document', ?2, ?3, ?4, ?4, 'not_needed')",
                    rusqlite::params![uuid::Uuid::new_v4().to_string(), format!("Document {i}"), stored.sha, t],
                )?;
                Ok(())
            })
            .expect("row");
    }
}

fn run_step(name: &str, root: &Path) {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    let job = Job::silent();
    let sealed = root.join("sealed.sanctuary");
    let bytes = match name {
        "plain" => {
            let store = sanctuary::datadir::open(&root.join("data")).expect("store");
            bundle::backup(&store, &root.join("plain.sanctuary"), now, &job).expect("backup").bytes
        }
        "sealed" => {
            let store = sanctuary::datadir::open(&root.join("data")).expect("store");
            let p = Passphrase::for_sealing(PASSPHRASE).expect("passphrase");
            bundle::backup_sealed(&store, &sealed, &bundle::Seal::Passphrase(p), now, &job).expect("backup").bytes
        }
        "restore" => {
            let p = Passphrase::new(PASSPHRASE).expect("passphrase");
            bundle::restore_sealed(&root.join("restored"), &sealed, &RestoreOptions::new(false), Some(&p), now, &job).expect("restore");
            std::fs::metadata(&sealed).map(|m| m.len()).unwrap_or(0)
        }
        _ => std::process::exit(2),
    };
    let mut out = std::io::stdout();
    writeln!(out, "{bytes} {}", peak_mb()).ok();
}

fn peak_mb() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.to_string()))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<u64>().ok()))
        .map(|kb| format!("{:.0}", kb as f64 / 1024.0))
        .unwrap_or_else(|| "unknown".into())
}
