//! The evidence appendix: photos upright and without metadata, reduced to fit the size budget,
//! soft ones warned about once; and PDF evidence merged as pages of its own.

use std::path::Path;

use lopdf::{Document, Object};
use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions};
use sanctuary::Store;

use crate::support::{demo_store, now, tempdir};
use super::{flat, ok, page_text};

/// The widths, in pixels, of the pictures a PDF holds.
fn image_widths(pdf: &Path) -> Vec<i64> {
    Document::load(pdf)
        .unwrap()
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
        .map(|s| s.dict.get(b"Width").unwrap().as_i64().unwrap())
        .collect()
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
    let widths = image_widths(&out);
    // Decoded at half size inside libjpeg-turbo at import: the smallest DCT scale that keeps at
    // least the print copy's minimum long side.
    assert_eq!(widths, vec![1500], "{report:?}");
    assert!(1500 >= sanctuary::evidence::rendition::PRINT_MIN_EDGE);
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
    let sides = image_widths(&out);
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
