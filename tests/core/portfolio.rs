//! The portfolio PDF as the panel receives it, checked with the tools they would open it in:
//! qpdf for structure, poppler (pdftotext, pdfinfo, pdffonts) and mupdf (mutool) for reading, and
//! lopdf for bookmarks and links.
//!
//! These tools come from Debian's qpdf, poppler-utils and mupdf-tools packages; `./run test`
//! installs them. A missing tool fails the test with the package to install.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use lopdf::{Document, Object, ObjectId};
use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions};
use sanctuary::Store;

use crate::support::{cli, now, stderr, stdout, tempdir};

/// Runs a PDF tool, failing with the Debian package to install when it is missing.
fn run(tool: &str, args: &[&str]) -> std::process::Output {
    let package = match tool {
        "qpdf" => "qpdf",
        "mutool" => "mupdf-tools",
        _ => "poppler-utils",
    };
    match Command::new(tool).args(args).output() {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            panic!("`{tool}` is not installed; install the Debian package `{package}` (sudo apt-get install {package})")
        }
        Err(e) => panic!("cannot run {tool}: {e}"),
    }
}

fn ok(tool: &str, args: &[&str]) -> String {
    // These two also work on Windows, where the tests run under Wine (see support::LINUX_TOOLS).
    match (tool, args) {
        ("pdftotext", _) => return crate::support::pdftotext(args),
        ("qpdf", ["--check", file]) => return crate::support::qpdf_check(Path::new(file)),
        _ => {}
    }
    let o = run(tool, args);
    assert!(
        o.status.success(),
        "{tool} {args:?} failed: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A data folder holding the demo school without its drawn photos, so that each test controls exactly
/// which pictures the PDF holds (the demo's own photos are checked in `the_demo_photos_reach_the_pdf`).
fn demo_store(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("data")).unwrap();
    sanctuary::demo::load(&mut store, now(), false).unwrap();
    store
        .conn()
        .execute_batch(
            "DELETE FROM evidence_criterion WHERE evidence_id IN (SELECT id FROM evidence WHERE kind = 'photo');
             DELETE FROM evidence WHERE kind = 'photo';",
        )
        .unwrap();
    store
}

#[test]
#[cfg_attr(windows, ignore = "pdfimages is a Linux tool; crossplatform::the_demo_portfolio_reads_back_without_linux_tools counts the photos")]
fn the_demo_photos_reach_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    sanctuary::demo::load(&mut store, now(), false).unwrap();
    let out = dir.path().join("demo.pdf");
    portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    let list = ok("pdfimages", &["-list", out.to_str().unwrap()]);
    assert_eq!(list.lines().skip(2).filter(|l| l.contains("jpeg")).count(), 3, "{list}");
    let text = ok("pdftotext", &[out.to_str().unwrap(), "-"]);
    assert!(text.contains("Refugee Week bunting"), "{text}");
}

fn export_demo(dir: &Path) -> (Store, PathBuf, portfolio::ExportReport) {
    let store = demo_store(dir);
    let out = dir.join("portfolio.pdf");
    let report = portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    (store, out, report)
}

/// Text with every run of whitespace made one space, so that wrapped lines compare as sentences.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn page_text(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    flat(&ok("pdftotext", &["-f", &p, "-l", &p, pdf.to_str().unwrap(), "-"]))
}

#[test]
#[cfg_attr(windows, ignore = "qpdf, pdfinfo, mutool and pdftoppm are Linux tools; crossplatform::the_demo_portfolio_reads_back_without_linux_tools checks pages and metadata")]
fn the_demo_portfolio_passes_qpdf_and_opens_in_poppler_and_mupdf() {
    let dir = tempdir();
    let (_store, out, report) = export_demo(dir.path());
    let path = out.to_str().unwrap();
    assert_eq!(report.path, out);
    assert_eq!(report.bytes, std::fs::metadata(&out).unwrap().len());

    let check = ok("qpdf", &["--check", path]);
    assert!(check.contains("No syntax or stream encoding errors"), "{check}");

    let info = ok("pdfinfo", &[path]);
    assert!(info.contains(&format!("Pages:           {}", report.pages)), "{info}");
    assert!(
        info.contains("Title:           Brookfield Primary School: Schools of Sanctuary portfolio"),
        "{info}"
    );
    assert!(
        info.contains("Author:          Mr D. Evans for Brookfield Primary School"),
        "{info}"
    );
    assert!(info.contains("Subject:         Application and evidence"), "{info}");
    assert!(info.contains("CreationDate:    Mon Nov 23 10:00:00 2026 UTC"), "{info}");
    assert!(info.contains("Page size:       595.276 x 841.89 pts (A4)"), "{info}");

    let mu = run("mutool", &["info", path]);
    assert!(mu.status.success(), "{}", String::from_utf8_lossy(&mu.stderr));
    assert!(String::from_utf8_lossy(&mu.stdout).contains(&format!("Pages: {}", report.pages)));
    let png = dir.path().join("page%d.png");
    let draw = run("mutool", &["draw", "-r", "30", "-o", png.to_str().unwrap(), path]);
    let err = String::from_utf8_lossy(&draw.stderr);
    assert!(draw.status.success() && !err.contains("error"), "mutool draw: {err}");
    assert!(dir.path().join(format!("page{}.png", report.pages)).exists());
    let ppm = run(
        "pdftoppm",
        &["-r", "20", "-png", path, dir.path().join("pop").to_str().unwrap()],
    );
    assert!(
        ppm.status.success() && ppm.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&ppm.stderr)
    );
}

#[test]
#[cfg_attr(windows, ignore = "needs poppler's pdftotext, a Linux tool: lopdf gives right-to-left text in visual order")]
fn the_text_holds_the_school_the_strands_and_welsh_and_ukrainian_exactly() {
    let dir = tempdir();
    let (_store, out, report) = export_demo(dir.path());
    let text = flat(&ok("pdftotext", &[out.to_str().unwrap(), "-"]));
    for needle in [
        "Brookfield Primary School",
        "Learn",
        "Embed",
        "Share",
        "Croeso i bawb — rydyn ni'n ysgol sy'n croesawu pawb. Ŵyr ac ŷd: pob llythyren yn cyfrif.",
        "Тут мені допомогли знайти друзів і вивчити англійську.",
        "Ласкаво просимо",
        "Hold a whole-school Refugee Week with a family picnic",
        "Whole-staff INSET on the asylum process",
        &format!("Page 1 of {}", report.pages),
        &format!("Page {0} of {0}", report.pages),
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    // Every page carries its number.
    for p in 1..=report.pages {
        assert!(
            page_text(&out, p).contains(&format!("Page {p} of {}", report.pages)),
            "page {p}"
        );
    }
    // Arabic is extracted as Arabic letters (shaping keeps the text behind the glyphs).
    // (Words without the lam-alef ligature: poppler reverses a ligature's letters in RTL text.)
    for word in ["شعرت", "مدرستي", "الجديدة"] {
        assert!(text.contains(word), "Arabic word {word} missing in:\n{text}");
    }
}

#[test]
#[cfg_attr(windows, ignore = "pdffonts is a Linux tool")]
fn fonts_are_embedded_and_subset() {
    let dir = tempdir();
    let (_store, out, _) = export_demo(dir.path());
    let list = ok("pdffonts", &[out.to_str().unwrap()]);
    let rows: Vec<&str> = list.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(rows.len() >= 3, "{list}");
    assert!(rows.iter().any(|r| r.contains("NotoSans-Regular")), "{list}");
    assert!(rows.iter().any(|r| r.contains("NotoSansArabic")), "{list}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        // ... emb sub uni objnum gen
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "not embedded+subset+unicode: {row}"
        );
        assert!(cols[0].as_bytes()[6] == b'+', "no subset tag: {row}");
    }
    // Subsetting keeps the file small: the four fonts alone are 1.5 MB.
    assert!(std::fs::metadata(&out).unwrap().len() < 400_000);
}

fn decode_text(o: &Object) -> String {
    let Ok(bytes) = o.as_str() else { return String::new() };
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// (title, 1-based page, children) of each outline item under `parent`.
fn outline_level(
    doc: &Document,
    first: Option<ObjectId>,
    pages: &[ObjectId],
) -> Vec<(String, usize, Vec<(String, usize)>)> {
    let mut out = Vec::new();
    let mut next = first;
    while let Some(id) = next {
        let item = doc.get_dictionary(id).unwrap();
        let title = decode_text(item.get(b"Title").unwrap());
        let dest = item.get(b"Dest").unwrap().as_array().unwrap();
        let page = pages
            .iter()
            .position(|p| *p == dest[0].as_reference().unwrap())
            .unwrap()
            + 1;
        let kids = outline_level(doc, item.get(b"First").and_then(Object::as_reference).ok(), pages)
            .into_iter()
            .map(|(t, p, _)| (t, p))
            .collect();
        out.push((title, page, kids));
        next = item.get(b"Next").and_then(Object::as_reference).ok();
    }
    out
}

#[test]
#[cfg_attr(windows, ignore = "mutool is a Linux tool")]
fn bookmarks_nest_criteria_under_learn_embed_and_share_and_open_the_right_pages() {
    let dir = tempdir();
    let (_store, out, _) = export_demo(dir.path());
    let doc = Document::load(&out).unwrap();
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let catalog = doc.catalog().unwrap();
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let top = outline_level(&doc, outlines.get(b"First").and_then(Object::as_reference).ok(), &pages);
    let titles: Vec<&str> = top.iter().map(|t| t.0.as_str()).collect();
    for want in [
        "Cover",
        "Contents",
        "School details and journey",
        "Overview of the criteria",
        "Learn",
        "Embed",
        "Share",
        "Action plan",
        "Evidence appendix",
    ] {
        assert!(titles.contains(&want), "{want} not a top-level bookmark: {titles:?}");
    }
    let kids = |strand: &str| top.iter().find(|t| t.0 == strand).unwrap().2.clone();
    assert_eq!(kids("Learn").len(), 2);
    assert_eq!(kids("Embed").len(), 3);
    assert_eq!(kids("Share").len(), 3);
    assert_eq!(kids("Learn")[0].0, "1. Staff and governors learn");
    for strand in ["Learn", "Embed", "Share"] {
        for (title, page) in kids(strand) {
            assert!(
                page_text(&out, page).contains(&title),
                "bookmark {title} opens page {page}, which lacks it"
            );
        }
    }
    let appendix = top.iter().find(|t| t.0 == "Evidence appendix").unwrap();
    assert!(appendix.2.iter().any(|(t, _)| t == "E2 Croeso"), "{:?}", appendix.2);
    // mupdf reads the same tree.
    let tree = ok("mutool", &["show", out.to_str().unwrap(), "outline"]);
    assert!(tree.contains("\t\t\"1. Staff and governors learn\""), "{tree}");
}

#[test]
#[cfg_attr(windows, ignore = "needs poppler's pdftotext -layout, a Linux tool, to pair each contents title with its page number")]
fn contents_entries_link_to_the_pages_they_name() {
    let dir = tempdir();
    let (_store, out, _) = export_demo(dir.path());
    let doc = Document::load(&out).unwrap();
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    // Contents entries as pdftotext lays them out: "title ...... page".
    let layout = ok(
        "pdftotext",
        &["-layout", "-f", "2", "-l", "2", out.to_str().unwrap(), "-"],
    );
    let entries: Vec<(String, usize)> = layout
        .lines()
        .filter_map(|line| {
            let line = line.trim();
            let (title, num) = line.rsplit_once(char::is_whitespace)?;
            let num: usize = num.parse().ok()?;
            let title = title.trim();
            (!title.is_empty() && !title.starts_with("Brookfield")).then(|| (title.to_string(), num))
        })
        .collect();
    assert!(entries.len() >= 14, "{layout}");
    // Links on the contents page, top to bottom.
    let mut links: Vec<(f32, usize)> = Vec::new();
    let annots = doc.get_page_annotations(pages[1]).unwrap();
    for a in annots {
        assert_eq!(a.get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
        let rect = a.get(b"Rect").unwrap().as_array().unwrap();
        let top = rect[3].as_float().unwrap();
        let action = a.get(b"A").unwrap().as_dict().unwrap();
        assert_eq!(action.get(b"S").unwrap().as_name().unwrap(), b"GoTo");
        let target = action.get(b"D").unwrap().as_array().unwrap()[0].as_reference().unwrap();
        links.push((top, pages.iter().position(|p| *p == target).unwrap() + 1));
    }
    links.sort_by(|a, b| b.0.total_cmp(&a.0));
    assert_eq!(links.len(), entries.len(), "one link per entry: {links:?} {entries:?}");
    for ((title, number), (_, target)) in entries.iter().zip(&links) {
        assert_eq!(number, target, "{title} says page {number} but links to {target}");
        assert!(
            page_text(&out, *target).contains(title.as_str()),
            "{title} links to page {target}, which lacks it"
        );
    }
}

#[test]
fn the_same_input_and_time_give_the_same_bytes() {
    let dir = tempdir();
    let store = demo_store(dir.path());
    let a = dir.path().join("a.pdf");
    let b = dir.path().join("b.pdf");
    portfolio::export(&store, &ExportOptions::new(a.clone(), now()), &Job::silent()).unwrap();
    portfolio::export(&store, &ExportOptions::new(b.clone(), now()), &Job::silent()).unwrap();
    assert!(
        std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(),
        "two exports of the same data differ"
    );
    let c = dir.path().join("c.pdf");
    let later = now() + chrono::Duration::days(1);
    portfolio::export(&store, &ExportOptions::new(c.clone(), later), &Job::silent()).unwrap();
    assert!(
        std::fs::read(&a).unwrap() != std::fs::read(&c).unwrap(),
        "the export time must show in the file"
    );
}

#[test]
fn a_missing_folder_gives_a_clear_error_and_leaves_nothing() {
    let dir = tempdir();
    let store = demo_store(dir.path());
    let out = dir.path().join("no such folder").join("p.pdf");
    let err = portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("does not exist") && msg.contains("no such folder"),
        "{msg}"
    );
    assert!(!dir.path().join("no such folder").exists());

    // The CLI says it on one line.
    let data = dir.path().join("data");
    let o = cli(&data, &["export", "--out", out.to_str().unwrap()]);
    assert!(!o.status.success());
    assert_eq!(stderr(&o).trim().lines().count(), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));
}

#[test]
fn a_cancelled_export_leaves_no_file_and_keeps_an_older_one() {
    let dir = tempdir();
    let store = demo_store(dir.path());
    let out = dir.path().join("p.pdf");
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = cancel.clone();
    // Cancel while the PDF is being written.
    let job = Job::new(cancel.clone(), move |p| {
        if p.stage.starts_with("Writing") {
            flag.store(true, Ordering::Relaxed);
        }
    });
    let err = portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &job).unwrap_err();
    assert!(matches!(err, sanctuary::Error::Cancelled), "{err}");
    assert!(!out.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "data")
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");

    std::fs::write(&out, b"the earlier portfolio").unwrap();
    cancel.store(false, Ordering::Relaxed);
    let flag = cancel.clone();
    let job = Job::new(cancel.clone(), move |p| {
        if p.stage.starts_with("Writing") {
            flag.store(true, Ordering::Relaxed);
        }
    });
    assert!(portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &job).is_err());
    assert_eq!(std::fs::read(&out).unwrap(), b"the earlier portfolio");
}

#[test]
fn evidence_without_consent_is_left_out_and_named() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO evidence (id, kind, title, quote_text, attribution, added_at, consent, position, updated_at) \
                 VALUES ('x1', 'quote', 'Unconsented words', 'Please leave me out.', 'Pupil', ?1, 'missing', 99, ?1)",
                [now().to_rfc3339()],
            )?;
            Ok(())
        })
        .unwrap();
    let out = dir.path().join("p.pdf");
    let report = portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    assert_eq!(report.left_out, vec!["Unconsented words".to_string()]);
    assert!(!flat(&ok("pdftotext", &[out.to_str().unwrap(), "-"])).contains("Please leave me out"));

    let mut opts = ExportOptions::new(out.clone(), now());
    opts.include_without_consent = true;
    let report = portfolio::export(&store, &opts, &Job::silent()).unwrap();
    assert!(report.left_out.is_empty());
    assert!(flat(&ok("pdftotext", &[out.to_str().unwrap(), "-"])).contains("Please leave me out"));
}

#[test]
fn the_anonymity_note_appears_on_the_cover_only_when_asked() {
    let dir = tempdir();
    let store = demo_store(dir.path());
    let out = dir.path().join("p.pdf");
    portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    assert!(!page_text(&out, 1).contains("Pupils are not named"));
    let mut opts = ExportOptions::new(out.clone(), now());
    opts.anonymity_note = true;
    portfolio::export(&store, &opts, &Job::silent()).unwrap();
    assert!(page_text(&out, 1).contains("Pupils are not named in this portfolio"));
}

#[test]
fn application_pages_grow_with_the_narrative() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let before = portfolio::application_pages(&store).unwrap();
    assert!(
        before > 1.0 && before < portfolio::APPLICATION_PAGE_LIMIT as f32,
        "{before}"
    );
    let long = "We worked with families and pupils on this over the whole year. ".repeat(200);
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO narrative (criterion_key, body, updated_at) VALUES ('learner-voice', ?1, ?2) \
                 ON CONFLICT(criterion_key) DO UPDATE SET body = excluded.body",
                [long.as_str(), &now().to_rfc3339()],
            )?;
            Ok(())
        })
        .unwrap();
    let after = portfolio::application_pages(&store).unwrap();
    assert!(after > before + 2.0, "{before} -> {after}");
}

#[test]
fn the_cli_exports_the_demo() {
    let dir = tempdir();
    let data = dir.path().join("data");
    assert!(cli(&data, &["demo"]).status.success());
    let out = dir.path().join("p.pdf");
    let o = cli(&data, &["export", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with(&format!("Wrote {}", out.display())),
        "{}",
        stdout(&o)
    );
    assert!(ok("pdftotext", &[out.to_str().unwrap(), "-"]).contains("Brookfield Primary School"));
}

/// A JPEG whose left half is red and right half blue, `w` by `h`, with an EXIF block (APP1) that
/// holds `orientation`, a camera model and a GPS marker, and an XMP block, as phones write them.
fn phone_jpeg(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    use image::ImageEncoder;
    let img = image::RgbImage::from_fn(w, h, |x, _| {
        if x < w / 2 {
            image::Rgb([220, 20, 20])
        } else {
            image::Rgb([20, 20, 220])
        }
    });
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    // TIFF header (little endian), IFD0 with Orientation and Model, then a fake GPS note.
    let mut tiff = b"II*\0\x08\0\0\0".to_vec();
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&0x0112u16.to_le_bytes());
    tiff.extend_from_slice(&3u16.to_le_bytes());
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&orientation.to_le_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0x0110u16.to_le_bytes());
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&16u32.to_le_bytes());
    tiff.extend_from_slice(&38u32.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(b"SecretPhoneModel");
    tiff.extend_from_slice(b"GPSLatitude 51.4545N 2.5879W");
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(&tiff);
    let xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>SecretXmpCreator</x:xmpmeta>".to_vec();
    let mut out = vec![0xFF, 0xD8];
    for (marker, body) in [(0xE1u8, exif), (0xE1u8, xmp)] {
        out.extend_from_slice(&[0xFF, marker]);
        out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&body);
    }
    out.extend_from_slice(&plain[2..]);
    out
}

/// Puts `bytes` in the evidence store as a photo exhibit tagged with criterion `learner-voice`.
fn add_photo(store: &mut Store, id: &str, title: &str, bytes: &[u8], position: i64) {
    use sha2::Digest;
    let sha = format!("{:x}", sha2::Sha256::digest(bytes));
    let dir = store.root().join("blobs").join(&sha[..2]);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(&sha), bytes).unwrap();
    let stamp = now().to_rfc3339();
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO blob (sha256, size, mime, created_at) VALUES (?1, ?2, 'image/jpeg', ?3)",
                rusqlite::params![sha, bytes.len() as i64, stamp],
            )?;
            tx.execute(
                "INSERT INTO evidence (id, kind, title, caption, blob_sha256, original_name, added_at, consent, position, updated_at) \
                 VALUES (?1, 'photo', ?2, 'Pupils made the welcome display.', ?3, 'IMG_0001.jpg', ?4, 'given', ?5, ?4)",
                rusqlite::params![id, title, sha, stamp, position],
            )?;
            tx.execute("INSERT INTO evidence_criterion (evidence_id, criterion_key) VALUES (?1, 'learner-voice')", [id])?;
            Ok(())
        })
        .unwrap();
}

#[test]
#[cfg_attr(windows, ignore = "mutool is a Linux tool")]
fn photos_are_placed_upright_without_exif_gps_or_xmp() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let original = phone_jpeg(240, 120, 6);
    add_photo(&mut store, "p1", "Our welcome display", &original, 100);
    let out = dir.path().join("p.pdf");
    let report = portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    assert!(
        report.warnings.iter().all(|w| !w.contains("not shown")),
        "{:?}",
        report.warnings
    );
    ok("qpdf", &["--check", out.to_str().unwrap()]);

    let pdf = std::fs::read(&out).unwrap();
    let find = |needle: &[u8]| pdf.windows(needle.len()).any(|w| w == needle);
    for secret in [
        &b"SecretPhoneModel"[..],
        b"GPSLatitude",
        b"SecretXmpCreator",
        b"Exif\0\0",
    ] {
        assert!(!find(secret), "{} reached the PDF", String::from_utf8_lossy(secret));
    }
    // The compressed picture itself is passed through untouched (no re-encoding).
    let sos = original.windows(2).rposition(|w| w == [0xFF, 0xDA]).unwrap();
    assert!(find(&original[sos..]), "the JPEG scan data was re-encoded");

    // Rendered: orientation 6 turns the 240x120 picture upright, 120 wide and 240 tall, red on top.
    let page = report.pages.to_string();
    let png = dir.path().join("photo.png");
    ok(
        "mutool",
        &[
            "draw",
            "-r",
            "72",
            "-o",
            png.to_str().unwrap(),
            out.to_str().unwrap(),
            &page,
        ],
    );
    let img = image::open(&png).unwrap().to_rgb8();
    let (mut red, mut blue) = (Vec::new(), Vec::new());
    for (x, y, p) in img.enumerate_pixels() {
        if p[0] > 180 && p[1] < 80 && p[2] < 80 {
            red.push((x, y));
        } else if p[2] > 180 && p[0] < 80 && p[1] < 80 {
            blue.push((x, y));
        }
    }
    assert!(
        red.len() > 1000 && blue.len() > 1000,
        "photo not drawn: {} red, {} blue",
        red.len(),
        blue.len()
    );
    let all: Vec<_> = red.iter().chain(&blue).collect();
    let (w, h) = (
        all.iter().map(|p| p.0).max().unwrap() - all.iter().map(|p| p.0).min().unwrap(),
        all.iter().map(|p| p.1).max().unwrap() - all.iter().map(|p| p.1).min().unwrap(),
    );
    assert!(h > w * 3 / 2, "not upright: {w}x{h}");
    let mean_y = |v: &[(u32, u32)]| v.iter().map(|p| p.1 as f64).sum::<f64>() / v.len() as f64;
    assert!(mean_y(&red) < mean_y(&blue), "red should be on top");
}

#[test]
fn large_photos_are_reduced_once_and_still_carry_no_metadata() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let big = phone_jpeg(3000, 2000, 1);
    add_photo(&mut store, "p2", "A big photo", &big, 100);
    let out = dir.path().join("p.pdf");
    let report = portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    let pdf = std::fs::read(&out).unwrap();
    assert!(!pdf.windows(16).any(|w| w == b"SecretPhoneModel"));
    let doc = Document::load(&out).unwrap();
    let widths: Vec<i64> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
        .map(|s| s.dict.get(b"Width").unwrap().as_i64().unwrap())
        .collect();
    // Decoded at half size inside libjpeg-turbo at import: the smallest DCT scale that keeps at
    // least the print copy's minimum long side.
    assert_eq!(widths, vec![1500], "{report:?}");
    assert!(1500 >= sanctuary::evidence::rendition::PRINT_MIN_EDGE);
}

#[test]
fn the_visit_brief_names_who_to_meet_and_the_evidence_to_show() {
    let dir = tempdir();
    let data = dir.path().join("data");
    assert!(cli(&data, &["demo"]).status.success());
    let out = dir.path().join("brief.pdf");
    let o = cli(&data, &["brief", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    ok("qpdf", &["--check", out.to_str().unwrap()]);
    let text = flat(&ok("pdftotext", &[out.to_str().unwrap(), "-"]));
    for needle in [
        "Visit brief: Brookfield Primary School",
        "Who you will meet",
        "Ms A. Okafor",
        "Mr D. Evans, Inclusion lead",
        "Year 6 (Welsh)",
        "E5 What the training changed",
        "New staff joining mid-year need the same session.",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in {text}");
    }
    let o = cli(
        &data,
        &["brief", "--out", dir.path().join("nope/brief.pdf").to_str().unwrap()],
    );
    assert!(
        !o.status.success() && stderr(&o).contains("does not exist"),
        "{}",
        stderr(&o)
    );
}

#[test]
#[cfg_attr(windows, ignore = "pdfinfo, pdffonts and mutool are Linux tools")]
fn pdf_evidence_is_merged_as_pages_of_its_own() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    // A two-source PDF to merge: the engine's own visit brief stands in for a school policy.
    let policy = dir.path().join("policy.pdf");
    portfolio::export_visit_brief(&store, &ExportOptions::new(policy.clone(), now()), &Job::silent()).unwrap();
    let bytes = std::fs::read(&policy).unwrap();
    let before = {
        let out = dir.path().join("before.pdf");
        portfolio::export(&store, &ExportOptions::new(out, now()), &Job::silent())
            .unwrap()
            .pages
    };
    {
        use sha2::Digest;
        let sha = format!("{:x}", sha2::Sha256::digest(&bytes));
        let blob_dir = store.root().join("blobs").join(&sha[..2]);
        std::fs::create_dir_all(&blob_dir).unwrap();
        std::fs::write(blob_dir.join(&sha), &bytes).unwrap();
        let stamp = now().to_rfc3339();
        store
            .write(|tx| {
                tx.execute(
                    "INSERT INTO blob (sha256, size, mime, created_at) VALUES (?1, ?2, 'application/pdf', ?3)",
                    rusqlite::params![sha, bytes.len() as i64, stamp],
                )?;
                tx.execute(
                    "INSERT INTO evidence (id, kind, title, blob_sha256, original_name, added_at, consent, position, updated_at) \
                     VALUES ('d1', 'document', 'Our welcome policy', ?1, 'welcome-policy.pdf', ?2, 'not_needed', 100, ?2)",
                    rusqlite::params![sha, stamp],
                )?;
                Ok(())
            })
            .unwrap();
    }
    let out = dir.path().join("p.pdf");
    let report = portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(report.pages, before + 1);
    ok("qpdf", &["--check", out.to_str().unwrap()]);
    let info = ok("pdfinfo", &[out.to_str().unwrap()]);
    assert!(info.contains(&format!("Pages:           {}", before + 1)), "{info}");
    assert!(page_text(&out, report.pages).contains("Visit brief: Brookfield Primary School"));
    assert!(page_text(&out, report.pages - 1).contains(&format!("Page {} of {}", report.pages - 1, report.pages)));
    // The merged page carries our footer too, drawn with our embedded fonts.
    let last = page_text(&out, report.pages);
    assert!(last.contains(&format!("Page {} of {}", report.pages, report.pages)), "{last}");
    assert!(last.contains("Schools of Sanctuary portfolio"), "{last}");
    let fonts = ok("pdffonts", &[out.to_str().unwrap()]);
    for line in fonts.lines().skip(2) {
        assert!(line.split_whitespace().rev().nth(3) == Some("yes") || line.contains(" yes "), "font not embedded: {line}");
    }
    assert!(flat(&ok("pdftotext", &[out.to_str().unwrap(), "-"])).contains("welcome-policy.pdf"));
    let tree = ok("mutool", &["show", out.to_str().unwrap(), "outline"]);
    assert!(
        tree.contains(&format!("the document\"\t#page={}", report.pages)),
        "{tree}"
    );
}

/// A noisy JPEG (noise compresses like a detailed photo, i.e. badly).
fn noisy_jpeg(w: u32, h: u32, seed: u32) -> Vec<u8> {
    use image::ImageEncoder;
    let mut s = seed.wrapping_mul(2654435761).max(1);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        let n = (s & 0x3f) as u8;
        image::Rgb([(x * 255 / w) as u8 / 2 + n, (y * 255 / h) as u8 / 2 + n, 90 + n])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

#[test]
fn the_size_budget_is_honoured_by_reducing_photos() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let mut total = 0;
    for i in 0..6 {
        let jpeg = noisy_jpeg(1400, 1050, i + 1);
        total += jpeg.len();
        add_photo(
            &mut store,
            &format!("n{i}"),
            &format!("Noisy photo {i}"),
            &jpeg,
            100 + i as i64,
        );
    }
    assert!(total > 3 * 1024 * 1024, "fixture too small: {total}");
    let out = dir.path().join("p.pdf");
    let full = portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    assert!(
        full.bytes > 3 * 1024 * 1024,
        "photos that fit are not reduced: {}",
        full.bytes
    );

    let mut opts = ExportOptions::new(out.clone(), now());
    opts.max_bytes = 2 * 1024 * 1024;
    let small = portfolio::export(&store, &opts, &Job::silent()).unwrap();
    assert!(small.bytes <= opts.max_bytes, "{} > {}", small.bytes, opts.max_bytes);
    ok("qpdf", &["--check", out.to_str().unwrap()]);
    // Still six photos, all upright and sharp enough to print.
    let doc = Document::load(&out).unwrap();
    let sides: Vec<i64> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
        .map(|s| s.dict.get(b"Width").unwrap().as_i64().unwrap())
        .collect();
    assert_eq!(sides.len(), 6);
    assert!(sides.iter().all(|w| *w >= 700), "{sides:?} {:?}", small.warnings);

    opts.max_bytes = 500 * 1024;
    let tiny = portfolio::export(&store, &opts, &Job::silent()).unwrap();
    assert!(
        tiny.warnings
            .iter()
            .any(|w| w.contains("150 ppi") || w.contains("does not fit")),
        "{:?}",
        tiny.warnings
    );
}

#[test]
fn exhibit_references_in_the_narrative_link_to_the_appendix() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO narrative (criterion_key, body, updated_at) VALUES ('pupil-learning', ?1, ?2)",
                [
                    "Our Year 6 pupils wrote welcomes in Welsh (see E2).",
                    &now().to_rfc3339(),
                ],
            )?;
            Ok(())
        })
        .unwrap();
    let out = dir.path().join("p.pdf");
    let report = portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    let doc = Document::load(&out).unwrap();
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let from = (1..=report.pages)
        .find(|p| page_text(&out, *p).contains("wrote welcomes in Welsh (see E2)"))
        .unwrap();
    let targets: Vec<usize> = match doc.get_dictionary(pages[from - 1]).unwrap().get(b"Annots") {
        Ok(Object::Array(a)) => a
            .iter()
            .map(|r| doc.get_dictionary(r.as_reference().unwrap()).unwrap())
            .map(|d| {
                d.get(b"A")
                    .unwrap()
                    .as_dict()
                    .unwrap()
                    .get(b"D")
                    .unwrap()
                    .as_array()
                    .unwrap()[0]
                    .as_reference()
                    .unwrap()
            })
            .map(|t| pages.iter().position(|p| *p == t).unwrap() + 1)
            .collect(),
        _ => Vec::new(),
    };
    assert!(!targets.is_empty(), "no links on page {from}");
    assert!(
        targets.iter().any(|t| page_text(&out, *t).contains("E2 Croeso")),
        "{targets:?}"
    );
}

#[test]
fn the_application_length_follows_a_draft_and_exhibit_labels_match_the_export() {
    let dir = tempdir();
    let store = demo_store(dir.path());
    let saved = portfolio::application_pages(&store).unwrap();
    assert!(saved > 0.5 && saved <= portfolio::APPLICATION_PAGE_LIMIT as f32, "{saved}");
    // A long draft for one criterion, not yet saved, lengthens the count; the saved text is untouched.
    let para = "Pupils in every class wrote welcome cards for new families, and the school council chose the words. ".repeat(12);
    let draft = vec![para; 40].join("\n\n");
    let longer = portfolio::application_pages_with_draft(&store, "learner-voice", &draft).unwrap();
    assert!(longer > saved + 4.0, "{saved} → {longer}");
    assert!(longer > portfolio::APPLICATION_PAGE_LIMIT as f32, "over the limit: {longer}");
    assert_eq!(portfolio::application_pages(&store).unwrap(), saved);
    let empty = portfolio::application_pages_with_draft(&store, "learner-voice", "").unwrap();
    assert!(empty <= saved, "{empty} vs {saved}");

    // The picker offers exactly the exhibits the export numbers, with the same labels.
    let refs = portfolio::exhibits(&store).unwrap();
    assert!(!refs.is_empty());
    let out = dir.path().join("p.pdf");
    portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    let text = flat(&ok("pdftotext", &[out.to_str().unwrap(), "-"]));
    // The Evidence screen's tiles read the light list; it gives every exhibit the same label.
    let tiles: Vec<_> = sanctuary::evidence::exhibit_numbers(&store).unwrap().into_iter().map(|n| (n.id, n.label)).collect();
    assert_eq!(tiles, refs.iter().map(|r| (r.id.clone(), r.label.clone())).collect::<Vec<_>>());
    for (i, r) in refs.iter().enumerate() {
        assert_eq!(r.label, format!("E{}", i + 1));
        // Right-to-left titles come out of pdftotext in visual order, so only left-to-right ones are compared.
        if r.title.chars().all(|c| c.is_ascii() || c.is_alphabetic() && !('\u{0590}'..='\u{08FF}').contains(&c)) {
            assert!(text.contains(&format!("{} {}", r.label, r.title)), "{} {} not in the appendix", r.label, r.title);
        }
    }
}

#[test]
fn many_soft_photos_make_one_warning_not_hundreds() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let out = dir.path().join("p.pdf");
    let before = portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    for i in 0..8 {
        // 240 × 160 pixels: far too few for a sharp print at the appendix's photo size.
        add_photo(&mut store, &format!("soft{i}"), &format!("Small photo {i}"), &noisy_jpeg(240, 160, i + 1), 200 + i as i64);
    }
    let report = portfolio::export(&store, &ExportOptions::new(out, now()), &Job::silent()).unwrap();
    let soft: Vec<&String> = report.warnings.iter().filter(|w| w.contains("ppi")).collect();
    assert_eq!(soft.len(), 1, "{:?}", report.warnings);
    assert!(soft[0].starts_with(&format!("{} photos print below 150 ppi", 8 + before.warnings.iter().filter(|w| w.contains("ppi")).count())), "{}", soft[0]);
}

/// What may be exported is decided once, in the core: the file name must end in .pdf (checked first,
/// as the window always did) and the size budget must be 1 to 2048 MB.
#[test]
fn export_requests_are_checked_in_the_core() {
    let refused = |out: &str, mb: u64| ExportOptions::requested(PathBuf::from(out), mb, now()).unwrap_err().to_string();
    let not_pdf = "choose a file name ending in .pdf";
    let bad_size = "the size limit must be between 1 and 2048 MB";
    assert_eq!(refused("portfolio.txt", 15), not_pdf);
    assert_eq!(refused("portfolio", 15), not_pdf);
    assert_eq!(refused("portfolio.pdf.txt", 15), not_pdf);
    assert_eq!(refused("portfolio.txt", 0), not_pdf, "the name is checked before the size");
    assert_eq!(refused("portfolio.pdf", 0), bad_size);
    assert_eq!(refused("portfolio.pdf", 2049), bad_size);
    assert_eq!(refused("portfolio.pdf", u64::MAX), bad_size, "no overflow on an absurd size");

    for (out, mb) in [("portfolio.pdf", 1), ("PORTFOLIO.PDF", 2048), ("dir/p.Pdf", 15)] {
        let opts = ExportOptions::requested(PathBuf::from(out), mb, now()).unwrap();
        assert_eq!(opts.max_bytes, mb * 1024 * 1024);
        assert_eq!(opts.out, PathBuf::from(out));
        opts.check().unwrap();
    }

    // `check` refuses the same things in options built by hand.
    let mut opts = ExportOptions::new(PathBuf::from("portfolio.pdf"), now());
    opts.check().unwrap();
    opts.max_bytes = 1000;
    assert_eq!(opts.check().unwrap_err().to_string(), bad_size);
    opts.max_bytes = 2049 * 1024 * 1024;
    assert_eq!(opts.check().unwrap_err().to_string(), bad_size);
    opts.out = PathBuf::from("portfolio.docx");
    assert_eq!(opts.check().unwrap_err().to_string(), not_pdf);
}

/// The CLI refuses what the window refuses, in the core's words, and writes nothing (not even the data
/// folder) when it does.
#[test]
fn cli_export_refuses_in_the_cores_words() {
    let dir = tempdir();
    let data = dir.path().join("data");
    let txt = dir.path().join("x.txt");
    let pdf = dir.path().join("x.pdf");
    let core = |out: &Path, mb: u64| ExportOptions::requested(out.to_path_buf(), mb, now()).unwrap_err().to_string();
    let cases: [(Vec<&str>, String); 4] = [
        (vec!["export", "--out", txt.to_str().unwrap()], core(&txt, portfolio::DEFAULT_MAX_MB)),
        (vec!["export", "--out", pdf.to_str().unwrap(), "--max-mb", "4096"], core(&pdf, 4096)),
        (vec!["export", "--out", pdf.to_str().unwrap(), "--max-mb", "0"], core(&pdf, 0)),
        (vec!["export", "--out", txt.to_str().unwrap(), "--max-mb", "0"], core(&txt, 0)),
    ];
    for (args, words) in cases {
        let o = cli(&data, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), format!("sanctuary: {words}\n"), "{args:?}");
        assert!(!txt.exists() && !pdf.exists(), "{args:?} wrote a file");
        assert!(!data.exists(), "{args:?} created the data folder");
    }
}
