//! Benchmark of evidence import and portfolio export on synthetic phone photos:
//! `bench_export [N] [--keep DIR]`.
//!
//! Makes N 12-megapixel JPEGs (gradients plus noise, so they compress like photos: about 4 MB each),
//! then, each in its own process so that peak memory (VmHWM) is that step's alone: imports them
//! into a demo school's evidence store (thumbnails and print copies made there), and exports the
//! portfolio. Beside it, the same machine's floor for making print copies, libjpeg-turbo's
//! `djpeg -scale 1/4 | cjpeg -quality 80` on every core, and img2pdf and LibreOffice on the originals
//! when they are installed.
//! Run it with `cargo run --release --bin bench_export -- 100`.
//!
//! `bench_export --docx 20` instead writes 20 ten-page Word documents with pictures (the OOXML zip
//! made here, no office suite needed), imports them (each is read once to count its reading copy's
//! pages) and exports the portfolio with their reading copies; it reports the time per document
//! page, and LibreOffice's time to convert the same files to PDF when it is installed.
//!
//! One file on purpose: a benchmark run by hand and read top to bottom, whose photo and Word runs
//! share its process-per-step helpers; a file beside it in `src/bin/` would become a binary of its own.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{TimeZone, Utc};
use image::ImageEncoder;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut n = 100usize;
    let mut keep: Option<PathBuf> = None;
    let mut step: Option<(String, PathBuf)> = None;
    let mut docx: Option<usize> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--keep" => keep = args.next().map(PathBuf::from),
            "--docx" => docx = Some(args.next().and_then(|v| v.parse().ok()).unwrap_or(20)),
            // The child processes: one step on an existing bench folder.
            "--step" => {
                let name = args.next().unwrap_or_default();
                step = args.next().map(|d| (name, PathBuf::from(d)));
            }
            _ => match a.parse() {
                Ok(v) => n = v,
                Err(_) => {
                    eprintln!("usage: bench_export [N] [--keep DIR] | bench_export --docx N");
                    std::process::exit(2);
                }
            },
        }
    }
    if let Some((name, root)) = step {
        match name.as_str() {
            "import" => import(&root),
            "export" => export(&root),
            "import-docx" => import_docx(&root),
            _ => std::process::exit(2),
        }
        return;
    }
    if let Some(count) = docx {
        bench_docx(count, keep);
        return;
    }
    let temp = std::env::temp_dir().join(format!("sanctuary-bench-{}", std::process::id()));
    let root = keep.clone().unwrap_or(temp.clone());
    let _ = std::fs::remove_dir_all(root.join("data"));
    let _ = std::fs::remove_dir_all(root.join("floor"));
    std::fs::create_dir_all(root.join("photos")).expect("bench folder");

    eprintln!("making {n} synthetic 12 MP photos in {} ...", root.display());
    // A few distinct pictures; each copy differs by a comment segment, so every file is unique.
    let bases: Vec<Vec<u8>> = (0..4u32.min(n as u32).max(1)).map(photo).collect();
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
    }
    drop(bases);
    println!("photos: {n} ({:.1} MB of JPEG in)", total_in as f64 / 1_048_576.0);
    let me = std::env::current_exe().expect("own path");
    let child = |name: &str| -> f64 {
        let out = std::process::Command::new(&me).args(["--step", name]).arg(&root).output().expect("run step");
        print!("{}", String::from_utf8_lossy(&out.stdout));
        if !out.status.success() {
            eprintln!("{}", String::from_utf8_lossy(&out.stderr));
            std::process::exit(1);
        }
        std::fs::read_to_string(root.join(format!("{name}.secs"))).ok().and_then(|s| s.trim().parse().ok()).unwrap_or(f64::NAN)
    };
    let import_secs = child("import");
    let export_secs = child("export");
    let floor = floor(&root);
    let img2pdf = compare(&root);
    libreoffice(&root);
    if let Some(floor) = floor {
        println!(
            "ratio: import + export = {:.2} × the libjpeg-turbo floor (target 1.5)",
            (import_secs + export_secs) / floor
        );
    }
    if let Some(img2pdf) = img2pdf {
        println!("ratio: export = {:.2} × img2pdf (target 3)", export_secs / img2pdf);
    }
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&temp);
    }
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

fn photos(root: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root.join("photos"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Child step: the demo school, then every photo through the real import (both cores).
fn import(root: &Path) {
    let mut store = sanctuary::datadir::open(&root.join("data")).expect("store");
    sanctuary::demo::load(&mut store, now(), true).expect("demo");
    let files = photos(root);
    let opts = sanctuary::evidence::ImportOptions {
        criteria: vec!["celebration-events".into()],
        caption: "A synthetic photo for the benchmark.".into(),
        consent: Some(sanctuary::evidence::Consent::Given),
        ..Default::default()
    };
    let start = Instant::now();
    let report = sanctuary::evidence::import(&mut store, &files, &opts, &sanctuary::job::Job::silent(), now()).expect("import");
    let secs = start.elapsed().as_secs_f64();
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    let copies = std::fs::read_dir(root.join("data").join("renditions"))
        .map(|d| d.flatten().filter(|e| e.file_name().to_string_lossy().ends_with("-print.jpg")).map(|e| e.metadata().map(|m| m.len()).unwrap_or(0)).collect::<Vec<_>>())
        .unwrap_or_default();
    println!(
        "import: {secs:.2} s for {} photos ({:.1} ms each), peak memory {} MB, print copies {:.0} KB on average",
        report.added.len(),
        secs * 1000.0 / report.added.len().max(1) as f64,
        peak_mb(),
        copies.iter().sum::<u64>() as f64 / 1024.0 / copies.len().max(1) as f64
    );
    let _ = std::fs::write(root.join("import.secs"), secs.to_string());
}

/// Child step: the portfolio, as the window and the CLI make it.
fn export(root: &Path) {
    let store = sanctuary::datadir::open(&root.join("data")).expect("store");
    let out = root.join("portfolio.pdf");
    let start = Instant::now();
    let report = sanctuary::portfolio::export(&store, &sanctuary::portfolio::ExportOptions::new(out, now()), &sanctuary::job::Job::silent())
        .expect("export");
    let secs = start.elapsed().as_secs_f64();
    println!(
        "export: {secs:.2} s, {} pages, {:.1} MB out, peak memory {} MB",
        report.pages,
        report.bytes as f64 / 1_048_576.0,
        peak_mb()
    );
    for w in &report.warnings {
        println!("  warning: {w}");
    }
    let _ = std::fs::write(root.join("export.secs"), secs.to_string());
}

/// The floor: quarter-scale renditions by libjpeg-turbo's own tools, one pipeline per core.
fn floor(root: &Path) -> Option<f64> {
    let files = photos(root);
    let out = root.join("floor");
    std::fs::create_dir_all(&out).ok()?;
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failed = std::sync::atomic::AtomicBool::new(false);
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..cores {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(f) = files.get(i) else { return };
                let ok = std::process::Command::new("sh")
                    .arg("-c")
                    .arg("djpeg -scale 1/4 \"$1\" | cjpeg -quality 80 > \"$2\"")
                    .arg("floor")
                    .arg(f)
                    .arg(out.join(format!("{i}.jpg")))
                    .status()
                    .map(|s| s.success())
                    .unwrap_or(false);
                if !ok {
                    failed.store(true, std::sync::atomic::Ordering::Relaxed);
                    return;
                }
            });
        }
    });
    let secs = start.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&out);
    if failed.into_inner() {
        println!("floor (djpeg -scale 1/4 | cjpeg): not installed (Debian: libjpeg-turbo-progs)");
        return None;
    }
    println!("floor (djpeg -scale 1/4 | cjpeg -quality 80, {cores} in parallel): {secs:.2} s");
    Some(secs)
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

/// The same photos through img2pdf (which copies the JPEG bytes as they are, GPS and all); its time.
fn compare(root: &Path) -> Option<f64> {
    let out = root.join("img2pdf.pdf");
    let start = Instant::now();
    let result = std::process::Command::new("img2pdf").args(photos(root)).arg("-o").arg(&out).output();
    let secs = start.elapsed().as_secs_f64();
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    let _ = std::fs::remove_file(&out);
    match result {
        Ok(o) if o.status.success() => {
            println!("img2pdf on the originals: {secs:.2} s, {:.1} MB out", size as f64 / 1_048_576.0);
            Some(secs)
        }
        Ok(o) => {
            println!("img2pdf: failed ({})", String::from_utf8_lossy(&o.stderr).lines().next().unwrap_or(""));
            None
        }
        Err(_) => {
            println!("img2pdf: not installed (pip install img2pdf)");
            None
        }
    }
}

/// LibreOffice converting the same photos, when installed: one PDF per photo (it has no "many
/// images into one PDF"), so its time is the comparable part.
fn libreoffice(root: &Path) {
    let out = root.join("libreoffice");
    let start = Instant::now();
    let result = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .args(photos(root))
        .output();
    let secs = start.elapsed().as_secs_f64();
    let size: u64 = std::fs::read_dir(&out).map(|d| d.flatten().filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum()).unwrap_or(0);
    let _ = std::fs::remove_dir_all(&out);
    match result {
        Ok(o) if o.status.success() => println!("libreoffice (one PDF per photo): {secs:.2} s, {:.1} MB out", size as f64 / 1_048_576.0),
        Ok(o) => println!("libreoffice: failed ({})", String::from_utf8_lossy(&o.stderr).lines().next().unwrap_or("")),
        Err(_) => println!("libreoffice: not installed (Debian: libreoffice-draw)"),
    }
}

/// The office case: `count` ten-page DOCX files with pictures through import and export.
fn bench_docx(count: usize, keep: Option<PathBuf>) {
    let temp = std::env::temp_dir().join(format!("sanctuary-bench-docx-{}", std::process::id()));
    let root = keep.clone().unwrap_or(temp.clone());
    let _ = std::fs::remove_dir_all(root.join("data"));
    let dir = root.join("docx");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("bench folder");
    let pictures: Vec<Vec<u8>> = (0..3).map(picture).collect();
    let mut total_in = 0u64;
    for i in 0..count {
        let bytes = docx(i, &pictures);
        total_in += bytes.len() as u64;
        std::fs::write(dir.join(format!("Scheme of work {i:02}.docx")), bytes).expect("write docx");
    }
    println!("documents: {count} ten-page DOCX with 3 pictures each ({:.1} MB in)", total_in as f64 / 1_048_576.0);
    let me = std::env::current_exe().expect("own path");
    for name in ["import-docx", "export"] {
        let out = std::process::Command::new(&me).args(["--step", name]).arg(&root).output().expect("run step");
        print!("{}", String::from_utf8_lossy(&out.stdout));
        if !out.status.success() {
            eprintln!("{}", String::from_utf8_lossy(&out.stderr));
            std::process::exit(1);
        }
    }
    let pages: f64 = std::fs::read_to_string(root.join("docx.pages")).ok().and_then(|s| s.trim().parse().ok()).unwrap_or(f64::NAN);
    let export_secs: f64 = std::fs::read_to_string(root.join("export.secs")).ok().and_then(|s| s.trim().parse().ok()).unwrap_or(f64::NAN);
    println!(
        "export: {:.1} ms per reading-copy page ({pages} pages, the whole export's time divided by them)",
        export_secs * 1000.0 / pages
    );
    let start = Instant::now();
    let lo = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(root.join("lo"))
        .args(std::fs::read_dir(&dir).map(|d| d.flatten().map(|e| e.path()).collect::<Vec<_>>()).unwrap_or_default())
        .output();
    let secs = start.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(root.join("lo"));
    match lo {
        Ok(o) if o.status.success() => println!("libreoffice (the same files to PDF): {secs:.2} s"),
        _ => println!("libreoffice: not installed (Debian: libreoffice-writer)"),
    }
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&temp);
    }
}

/// Child step: the documents through the real import, into an empty school.
fn import_docx(root: &Path) {
    let mut store = sanctuary::datadir::open(&root.join("data")).expect("store");
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("docx")).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    files.sort();
    let opts = sanctuary::evidence::ImportOptions {
        criteria: vec!["pupil-learning".into()],
        consent: Some(sanctuary::evidence::Consent::NotNeeded),
        ..Default::default()
    };
    let start = Instant::now();
    let report = sanctuary::evidence::import(&mut store, &files, &opts, &sanctuary::job::Job::silent(), now()).expect("import");
    let secs = start.elapsed().as_secs_f64();
    assert!(report.refused.is_empty() && report.unreadable.is_empty(), "{report:?}");
    let items = sanctuary::evidence::list(&store, &Default::default()).expect("list");
    let pages: u32 = items.iter().filter_map(|i| i.page_count).sum();
    println!(
        "import: {secs:.2} s for {} documents ({:.0} ms each, read once to count {pages} reading-copy pages), peak memory {} MB",
        report.added.len(),
        secs * 1000.0 / report.added.len().max(1) as f64,
        peak_mb()
    );
    let _ = std::fs::write(root.join("docx.pages"), pages.to_string());
}

/// A 1600x1200 picture with a little noise, as a phone or a scanner gives.
fn picture(seed: u32) -> Vec<u8> {
    let (w, h) = (1600u32, 1200u32);
    let mut s = seed.wrapping_mul(2654435761) | 1;
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        let n = (s & 0x0f) as u8;
        image::Rgb([((x * 255 / w) as u8).wrapping_add(n), ((y * 255 / h) as u8).wrapping_add(n), (seed * 80) as u8])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .expect("encode");
    out
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A ten-page Word document: headings, paragraphs with bold and italic, a bulleted list, a table
/// and three pictures, written as an OOXML zip.
fn docx(index: usize, pictures: &[Vec<u8>]) -> Vec<u8> {
    use std::io::Write;
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let words = "Pupils learn about the journeys people make when they seek safety and how a school can welcome them";
    let para = |n: usize| {
        format!(
            r#"<w:p><w:r><w:t xml:space="preserve">{} {n}. </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Key idea: </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">welcome is something we do together. </w:t></w:r><w:r><w:t>{}</w:t></w:r></w:p>"#,
            esc(words),
            esc(&[words; 4].join(". "))
        )
    };
    let mut body = String::new();
    for section in 0..10 {
        body.push_str(&format!(r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Week {} of document {index}</w:t></w:r></w:p>"#, section + 1));
        for n in 0..5 {
            body.push_str(&para(section * 10 + n));
        }
        body.push_str(r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Activities</w:t></w:r></w:p>"#);
        for item in ["Read a story about a journey", "Make a welcome poster", "Learn to say hello in three languages"] {
            body.push_str(&format!(r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{item}</w:t></w:r></w:p>"#));
        }
        if section % 3 == 0 {
            let pic = section / 3 % pictures.len();
            body.push_str(&format!(
                r#"<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="4572000" cy="3429000"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip r:embed="rIdImg{pic}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
            ));
        } else {
            body.push_str("<w:tbl>");
            for r in 0..4 {
                body.push_str("<w:tr>");
                for c in ["Lesson", "What pupils do", "What we look for"] {
                    body.push_str(&format!("<w:tc><w:p><w:r><w:t>{c} {r}</w:t></w:r></w:p></w:tc>"));
                }
                body.push_str("</w:tr>");
            }
            body.push_str("</w:tbl>");
        }
        body.push_str(&para(section * 10 + 9));
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}</w:body></w:document>"#
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>"#
    );
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let mut rels = String::from(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdN" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>"#);
    for i in 0..pictures.len() {
        rels.push_str(&format!(r#"<Relationship Id="rIdImg{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image{i}.jpeg"/>"#));
    }
    rels.push_str("</Relationships>");
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="jpeg" ContentType="image/jpeg"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#;
    let root_rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let deflate = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let mut put = |name: &str, bytes: &[u8], opts| {
            z.start_file(name, opts).expect("zip entry");
            z.write_all(bytes).expect("zip write");
        };
        put("[Content_Types].xml", types.as_bytes(), deflate);
        put("_rels/.rels", root_rels.as_bytes(), deflate);
        put("word/document.xml", document.as_bytes(), deflate);
        put("word/styles.xml", styles.as_bytes(), deflate);
        put("word/numbering.xml", numbering.as_bytes(), deflate);
        put("word/_rels/document.xml.rels", rels.as_bytes(), deflate);
        for (i, p) in pictures.iter().enumerate() {
            put(&format!("word/media/image{i}.jpeg"), p, stored);
        }
        z.finish().expect("zip finish");
    }
    out.into_inner()
}
