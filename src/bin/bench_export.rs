//! Benchmark of the portfolio export on synthetic phone photos: `bench_export [N] [--keep DIR]`.
//!
//! Makes N 12-megapixel JPEGs (gradients plus noise, so they compress like photos: 1-5 MB each),
//! puts them in a demo school's evidence store, exports the portfolio, and prints the time, peak
//! memory (VmHWM), output size, and the same job done by img2pdf and LibreOffice when installed.
//! Run it with `cargo run --release --bin bench_export -- 100`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{TimeZone, Utc};
use image::ImageEncoder;
use sha2::Digest;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut n = 100usize;
    let mut keep: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        if a == "--keep" {
            keep = args.next().map(PathBuf::from);
        } else if let Ok(v) = a.parse() {
            n = v;
        } else {
            eprintln!("usage: bench_export [N] [--keep DIR]");
            std::process::exit(2);
        }
    }
    let temp = std::env::temp_dir().join(format!("sanctuary-bench-{}", std::process::id()));
    let root = keep.clone().unwrap_or(temp.clone());
    std::fs::create_dir_all(root.join("photos")).expect("bench folder");
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();

    eprintln!("making {n} synthetic 12 MP photos in {} ...", root.display());
    // A few distinct pictures; each copy differs by a comment segment, so every file is unique.
    let bases: Vec<Vec<u8>> = (0..4u32.min(n as u32).max(1)).map(photo).collect();
    let mut files = Vec::with_capacity(n);
    let mut total_in = 0u64;
    for i in 0..n {
        let base = &bases[i % bases.len()];
        let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xFE];
        let note = format!("copy {i}");
        bytes.extend_from_slice(&((note.len() + 2) as u16).to_be_bytes());
        bytes.extend_from_slice(note.as_bytes());
        bytes.extend_from_slice(&base[2..]);
        let path = root.join("photos").join(format!("IMG_{i:04}.jpg"));
        std::fs::write(&path, &bytes).expect("write photo");
        total_in += bytes.len() as u64;
        files.push((path, bytes));
    }

    let data = root.join("data");
    let mut store = sanctuary::Store::open(&data).expect("store");
    sanctuary::demo::load(&mut store, now, true).expect("demo");
    let stamp = now.to_rfc3339();
    store
        .write(|tx| {
            for (i, (path, bytes)) in files.iter().enumerate() {
                let sha = format!("{:x}", sha2::Sha256::digest(bytes));
                let dir = data.join("blobs").join(&sha[..2]);
                std::fs::create_dir_all(&dir).expect("blob dir");
                std::fs::copy(path, dir.join(&sha)).expect("blob");
                tx.execute(
                    "INSERT INTO blob (sha256, size, mime, created_at) VALUES (?1, ?2, 'image/jpeg', ?3)",
                    rusqlite::params![sha, bytes.len() as i64, stamp],
                )?;
                let id = format!("bench-{i}");
                tx.execute(
                    "INSERT INTO evidence (id, kind, title, caption, blob_sha256, original_name, added_at, consent, position, updated_at) \
                     VALUES (?1, 'photo', ?2, 'A synthetic photo for the benchmark.', ?3, ?4, ?5, 'given', ?6, ?5)",
                    rusqlite::params![id, format!("Photo {}", i + 1), sha, format!("IMG_{i:04}.jpg"), stamp, 100 + i as i64],
                )?;
                tx.execute("INSERT INTO evidence_criterion (evidence_id, criterion_key) VALUES (?1, 'celebration-events')", [&id])?;
            }
            Ok(())
        })
        .expect("evidence rows");
    drop(files);

    let out = root.join("portfolio.pdf");
    // Forget the peak of making the photos, so that VmHWM below is the export's own.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let start = Instant::now();
    let report = sanctuary::portfolio::export(
        &store,
        &sanctuary::portfolio::ExportOptions::new(out.clone(), now),
        &sanctuary::job::Job::silent(),
    )
    .expect("export");
    let secs = start.elapsed().as_secs_f64();
    println!("photos: {n} ({:.1} MB of JPEG in)", total_in as f64 / 1_048_576.0);
    println!(
        "export: {secs:.2} s, {} pages, {:.1} MB out",
        report.pages,
        report.bytes as f64 / 1_048_576.0
    );
    println!("peak memory (VmHWM): {} MB", peak_mb());
    for w in &report.warnings {
        println!("warning: {w}");
    }
    compare(&root);
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&temp);
    }
}

/// A 4000x3000 picture: smooth gradients with fine noise, encoded at quality 90.
fn photo(seed: u32) -> Vec<u8> {
    let (w, h) = (4000u32, 3000u32);
    let mut s = seed.wrapping_mul(2654435761) | 1;
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        let n = (s & 0x1f) as u8;
        let r = ((x * 200 / w) as u8).wrapping_add(n);
        let g = ((y * 180 / h) as u8).wrapping_add(n / 2);
        let b = (((x + y + seed * 500) % 255) as u8 / 2).wrapping_add(n);
        image::Rgb([r, g, b])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .expect("encode");
    out
}

/// Peak resident memory of this process in MB, from /proc (Linux only).
fn peak_mb() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.to_string()))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<u64>().ok()))
        .map(|kb| format!("{:.0}", kb as f64 / 1024.0))
        .unwrap_or_else(|| "unknown".into())
}

/// The same photos through img2pdf and LibreOffice, when they are installed.
fn compare(root: &Path) {
    let photos: Vec<PathBuf> = {
        let mut v: Vec<PathBuf> = std::fs::read_dir(root.join("photos"))
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        v.sort();
        v
    };
    let time = |name: &str, mut cmd: std::process::Command, out: PathBuf| {
        let start = Instant::now();
        match cmd.output() {
            Ok(o) if o.status.success() => {
                let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
                println!(
                    "{name}: {:.2} s, {:.1} MB out",
                    start.elapsed().as_secs_f64(),
                    size as f64 / 1_048_576.0
                );
            }
            Ok(o) => println!(
                "{name}: failed ({})",
                String::from_utf8_lossy(&o.stderr).lines().next().unwrap_or("")
            ),
            Err(_) => println!("{name}: not installed"),
        }
    };
    let out = root.join("img2pdf.pdf");
    let mut cmd = std::process::Command::new("img2pdf");
    cmd.args(&photos).arg("-o").arg(&out);
    time("img2pdf", cmd, out);
    let mut cmd = std::process::Command::new("soffice");
    cmd.args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(root.join("lo"))
        .arg(&photos[0]);
    time(
        "libreoffice (first photo only)",
        cmd,
        root.join("lo").join("IMG_0000.pdf"),
    );
}
