//! The evidence library: every kind of file it takes, every kind it refuses, and a store that stays
//! consistent either way. Fixtures are drawn here; no real photos.

use std::path::{Path, PathBuf};

use image::{ImageBuffer, Rgb, Rgba};
use sanctuary::evidence::{self, Filter, ImportOptions};
use sanctuary::job::Job;
use sanctuary::Store;

use crate::support::{cli, now, stderr, stdout, tempdir, with_exif_segment};

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = ImageBuffer::from_fn(w, h, |x, y| Rgb([(x * 7 % 256) as u8, (y * 5 % 256) as u8, 90]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(&img).unwrap();
    out
}

/// A JPEG with an EXIF block saying "rotate 90° clockwise to view" (orientation 6) and a date.
fn jpeg_with_orientation_6(w: u32, h: u32) -> Vec<u8> {
    let plain = jpeg(w, h);
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"II*\0");
    tiff.extend_from_slice(&8u32.to_le_bytes());
    tiff.extend_from_slice(&2u16.to_le_bytes()); // two entries
    tiff.extend_from_slice(&0x0112u16.to_le_bytes()); // Orientation, SHORT, 1, value 6
    tiff.extend_from_slice(&3u16.to_le_bytes());
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&6u16.to_le_bytes());
    tiff.extend_from_slice(&0u16.to_le_bytes());
    tiff.extend_from_slice(&0x8769u16.to_le_bytes()); // pointer to the Exif IFD
    tiff.extend_from_slice(&4u16.to_le_bytes());
    tiff.extend_from_slice(&1u32.to_le_bytes());
    let exif_ifd_at = 8 + 2 + 2 * 12 + 4;
    tiff.extend_from_slice(&(exif_ifd_at as u32).to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes()); // no next IFD
    let date_at = exif_ifd_at + 2 + 12 + 4;
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend_from_slice(&0x9003u16.to_le_bytes()); // DateTimeOriginal, ASCII, 20
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&20u32.to_le_bytes());
    tiff.extend_from_slice(&(date_at as u32).to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(b"2026:06:17 10:30:00\0");
    with_exif_segment(&plain, &tiff)
}

fn png16_alpha() -> Vec<u8> {
    let img: ImageBuffer<Rgba<u16>, Vec<u16>> = ImageBuffer::from_fn(64, 48, |x, y| Rgba([(x * 1000) as u16, (y * 1300) as u16, 20000, 40000]));
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgba16(img).write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn encoded(format: image::ImageFormat) -> Vec<u8> {
    let img = ImageBuffer::from_fn(50, 40, |x, y| Rgba([(x * 5) as u8, (y * 6) as u8, 100, 255]));
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgba8(img).write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// A PNG whose header claims 60000 × 60000 pixels: a decompression bomb.
fn png_bomb() -> Vec<u8> {
    let mut png = encoded(image::ImageFormat::Png);
    png[16..20].copy_from_slice(&60000u32.to_be_bytes());
    png[20..24].copy_from_slice(&60000u32.to_be_bytes());
    // Fix the IHDR checksum so the header itself reads as valid.
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c ^= b as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
    }
    !c
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Every live row has its original, every original has a row, and no temporary file is left.
fn assert_consistent(store: &Store) {
    let root = store.root();
    let mut stmt = store.conn().prepare("SELECT DISTINCT blob_sha256 FROM evidence WHERE blob_sha256 IS NOT NULL").unwrap();
    let shas: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    for sha in &shas {
        assert!(evidence::blobs::path(root, sha).is_file(), "row without its file: {sha}");
    }
    let mut files = Vec::new();
    if let Ok(dirs) = std::fs::read_dir(root.join("blobs")) {
        for d in dirs.flatten() {
            let p = d.path();
            assert!(p.is_dir(), "stray file in blobs/: {}", p.display());
            for f in std::fs::read_dir(&p).unwrap().flatten() {
                files.push(f.file_name().to_string_lossy().into_owned());
            }
        }
    }
    for f in &files {
        assert!(shas.contains(f), "file without a row (or a temporary file): {f}");
    }
}

#[test]
fn every_supported_kind_is_added_with_thumbnails_for_pictures() {
    let dir = tempdir();
    let src = dir.path().join("in");
    std::fs::create_dir_all(&src).unwrap();
    let files = vec![
        write(&src, "picnic.jpg", &jpeg(120, 80)),
        write(&src, "poster.png", &png16_alpha()),
        write(&src, "display.webp", &encoded(image::ImageFormat::WebP)),
        write(&src, "flag.gif", &encoded(image::ImageFormat::Gif)),
        // A real two-page PDF (see tests/fixtures/README.md): PDFs are opened and checked at import.
        write(&src, "policy.pdf", &std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/spec-2pages.pdf")).unwrap()),
        write(&src, "lesson plan.docx", b"PK\x03\x04\x14\x00\x00\x00word/document.xml"),
    ];
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let report = evidence::import(&mut store, &files, &ImportOptions::default(), &Job::silent(), now()).unwrap();
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    assert_eq!(report.added.len(), 6);
    let items = evidence::list(&store, &Filter::default()).unwrap();
    let photos: Vec<_> = items.iter().filter(|i| i.kind == sanctuary::evidence::EvidenceKind::Photo).collect();
    assert_eq!(photos.len(), 4);
    for p in &photos {
        let thumb = evidence::thumbnail(&store, &p.id).unwrap();
        let t = image::load_from_memory(&thumb).unwrap();
        assert!(t.width() <= 256 && t.height() <= 256);
        assert_eq!(p.consent, sanctuary::evidence::Consent::Missing, "photos need consent recorded by default");
    }
    let pdf = items.iter().find(|i| i.title == "policy").unwrap();
    assert_eq!(pdf.page_count, Some(2));
    assert_eq!(pdf.kind, sanctuary::evidence::EvidenceKind::Document);
    let docx = items.iter().find(|i| i.title == "lesson plan").unwrap();
    assert_eq!(docx.mime.as_deref(), Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
    assert_consistent(&store);
}

#[test]
fn bad_files_are_refused_by_name_and_the_rest_still_import() {
    let dir = tempdir();
    let src = dir.path().join("in");
    std::fs::create_dir_all(&src).unwrap();
    let good = write(&src, "good.jpg", &jpeg(64, 48));
    let full = jpeg(64, 48);
    let bad = vec![
        write(&src, "empty.jpg", b""),
        write(&src, "cut.jpg", &full[..full.len() / 2]),
        write(&src, "notes.jpg", b"this is a text file, honestly"),
        write(&src, "noise.bin", &(0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect::<Vec<_>>()),
        write(&src, "setup.pdf", b"\x7fELF\x02\x01\x01\x00rest of a program"),
        write(&src, "bomb.png", &png_bomb()),
    ];
    let vanished = src.join("gone.jpg");
    let mut all = bad.clone();
    all.push(good);
    all.push(vanished);
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let report = evidence::import(&mut store, &all, &ImportOptions::default(), &Job::silent(), now()).unwrap();
    assert_eq!(report.added.len(), 1, "{:?}", report);
    let refused: Vec<&str> = report.refused.iter().map(|r| r.file.as_str()).collect();
    for name in ["empty.jpg", "cut.jpg", "notes.jpg", "noise.bin", "setup.pdf", "bomb.png", "gone.jpg"] {
        assert!(refused.contains(&name), "{name} should be refused: {:?}", report.refused);
    }
    let reason = |n: &str| report.refused.iter().find(|r| r.file == n).unwrap().reason.clone();
    assert!(reason("empty.jpg").contains("empty"));
    assert!(reason("cut.jpg").contains("cut short"));
    assert!(reason("setup.pdf").contains("program"));
    assert!(reason("bomb.png").contains("60000"));
    assert_consistent(&store);
}

#[test]
fn files_over_the_size_limit_are_refused() {
    let dir = tempdir();
    let big = write(dir.path(), "big.jpg", &jpeg(400, 300));
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let opts = ImportOptions { limit: 1000, ..ImportOptions::default() };
    let report = evidence::import(&mut store, &[big], &opts, &Job::silent(), now()).unwrap();
    assert_eq!(report.refused.len(), 1);
    assert!(report.refused[0].reason.contains("limit"), "{:?}", report.refused);
    assert_consistent(&store);
}

#[test]
fn the_same_file_twice_makes_one_item_and_unicode_names_work() {
    let dir = tempdir();
    let bytes = jpeg(80, 60);
    let names = ["Llanŵ ŷ.jpg", "صورة المدرسة.jpg", "Київ школа.jpg", "party 🎉.jpg"];
    let files: Vec<PathBuf> = names.iter().map(|n| write(dir.path(), n, &bytes)).collect();
    let other = write(dir.path(), "другий.jpg", &jpeg(81, 60));
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let mut all = files.clone();
    all.push(other);
    let report = evidence::import(&mut store, &all, &ImportOptions::default(), &Job::silent(), now()).unwrap();
    assert_eq!(report.added.len(), 2, "{report:?}");
    assert_eq!(report.duplicates.len(), 3);
    let again = evidence::import(&mut store, &files[..1], &ImportOptions::default(), &Job::silent(), now()).unwrap();
    assert!(again.added.is_empty());
    let titles: Vec<String> = evidence::list(&store, &Filter::default()).unwrap().into_iter().map(|i| i.original_name).collect();
    assert!(titles.iter().any(|t| t == "другий.jpg"), "{titles:?}");
    assert_consistent(&store);
}

#[test]
fn thumbnails_are_upright_and_the_photo_date_comes_from_exif() {
    let dir = tempdir();
    let f = write(dir.path(), "sideways.jpg", &jpeg_with_orientation_6(120, 60));
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let report = evidence::import(&mut store, &[f], &ImportOptions::default(), &Job::silent(), now()).unwrap();
    let item = evidence::get(&store, &report.added[0]).unwrap();
    assert_eq!((item.width, item.height), (Some(60), Some(120)), "stored size is the upright size");
    assert_eq!(item.activity_date, chrono::NaiveDate::from_ymd_opt(2026, 6, 17));
    let thumb = image::load_from_memory(&evidence::thumbnail(&store, &item.id).unwrap()).unwrap();
    assert!(thumb.height() > thumb.width(), "thumbnail must be portrait, got {}x{}", thumb.width(), thumb.height());
    // Thumbnails are not backed up: a missing one is made again, still upright.
    std::fs::remove_dir_all(store.root().join("renditions")).unwrap();
    let again = image::load_from_memory(&evidence::thumbnail(&store, &item.id).unwrap()).unwrap();
    assert_eq!((again.width(), again.height()), (thumb.width(), thumb.height()));
}

#[test]
fn delete_can_be_undone_and_filters_find_items() {
    let dir = tempdir();
    let f = write(dir.path(), "Refugee week picnic.jpg", &jpeg(50, 40));
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let opts = ImportOptions { criteria: vec!["celebration-events".into()], consent: Some(sanctuary::evidence::Consent::Given), ..ImportOptions::default() };
    let id = evidence::import(&mut store, &[f], &opts, &Job::silent(), now()).unwrap().added[0].clone();
    evidence::add_quote(&mut store, "Rwy'n teimlo'n ddiogel yma", "Pupil, Year 6", &["learner-voice".into()], now()).unwrap();
    fn by(store: &Store, f: Filter) -> usize {
        evidence::list(store, &f).unwrap().len()
    }
    assert_eq!(by(&store, Filter { text: "picnic".into(), ..Filter::default() }), 1);
    assert_eq!(by(&store, Filter { criterion: Some("learner-voice".into()), ..Filter::default() }), 1);
    assert_eq!(by(&store, Filter { kind: Some(sanctuary::evidence::EvidenceKind::Quote), ..Filter::default() }), 1);
    assert_eq!(by(&store, Filter { consent: Some(sanctuary::evidence::Consent::Missing), ..Filter::default() }), 0);
    evidence::delete(&mut store, &id, now()).unwrap();
    assert_eq!(by(&store, Filter::default()), 1);
    evidence::undo_delete(&mut store, &id).unwrap();
    assert_eq!(by(&store, Filter::default()), 2);
    assert_consistent(&store);
}

#[test]
fn the_cli_adds_files_reports_refusals_and_lists_without_paths() {
    let dir = tempdir();
    let src = dir.path().join("in");
    std::fs::create_dir_all(&src).unwrap();
    write(&src, "assembly.jpg", &jpeg(60, 40));
    write(&src, "readme.jpg", b"not a photo");
    let data = dir.path().join("data");
    let o = cli(&data, &["evidence", "add", "--criterion", "4", "--consent", "given", src.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "a refusal makes the exit non-zero");
    assert!(stderr(&o).contains("readme.jpg: its name ends in .jpg"), "{}", stderr(&o));
    // One item is an item, not "item(s)".
    assert!(stdout(&o).contains("Added 1 item; 0 already there; 1 refused"), "{}", stdout(&o));
    let o = cli(&data, &["evidence", "quote", "We made a welcome card", "--by", "Pupil, Year 3", "--criterion", "5"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = cli(&data, &["evidence", "list"]);
    let text = stdout(&o);
    assert!(text.contains("E1  photo    assembly  (criteria 4)"), "{text}");
    assert!(text.contains("\"We made a welcome card\" (Pupil, Year 3)"), "{text}");
    assert!(!text.contains(data.to_str().unwrap()) && !text.contains('/'), "no paths: {text}");
}

/// A database that names its file with a path instead of a hash, as a hand-made backup could bring
/// in on restore: no command may then read a file outside the data folder or write next to it.
#[test]
fn a_hash_that_is_a_path_never_reaches_outside_the_data_folder() {
    use rusqlite::params;
    use sanctuary::bundle::{self, RestoreOptions};
    use sanctuary::portfolio::{self, ExportOptions};

    let dir = tempdir();
    // Two folders deep, so that the `..`s below land inside the temporary folder.
    let made = dir.path().join("a").join("made");
    let root = dir.path().join("a").join("data");
    // blobs/<..>/<../../secret.jpg> climbs out of blobs/, the data folder and `a`.
    let sneaky = "../../secret.jpg";
    let secret = dir.path().join("secret.jpg");
    std::fs::write(&secret, jpeg(40, 30)).unwrap();
    let secret_pdf = dir.path().join("secret.pdf");
    std::fs::write(&secret_pdf, b"%PDF-1.4\n% a file that is not the school's\n").unwrap();
    {
        let mut store = Store::open(&made).unwrap();
        let t = now().to_rfc3339();
        store
            .write(|tx| {
                for (sha, mime, kind, title) in [(sneaky, "image/jpeg", "photo", "Sneaky photo"), ("../../secret.pdf", "application/pdf", "document", "Sneaky document")] {
                    tx.execute("INSERT INTO blob (sha256, size, mime, created_at) VALUES (?1, 10, ?2, ?3)", params![sha, mime, t])?;
                    tx.execute(
                        "INSERT INTO evidence (id, kind, title, blob_sha256, added_at, updated_at, consent, position) VALUES (?1, ?2, ?3, ?4, ?5, ?5, 'given', 1)",
                        params![uuid::Uuid::new_v4().to_string(), kind, title, sha, t],
                    )?;
                }
                Ok(())
            })
            .unwrap();
        let file = dir.path().join("crafted.sanctuary");
        let rep = bundle::backup(&store, &file, now(), &Job::silent()).unwrap();
        assert!(rep.warnings.iter().any(|w| w.contains("malformed")), "{:?}", rep.warnings);
        drop(store);
        bundle::restore(&root, &file, &RestoreOptions::new(false), now(), &Job::silent()).unwrap();
    }
    // A folder in use has these (the `..`s are resolved through them).
    std::fs::create_dir_all(root.join("blobs")).unwrap();
    std::fs::create_dir_all(root.join("renditions")).unwrap();
    let before: Vec<_> = walk(dir.path());
    let store = Store::open(&root).unwrap();
    let items = evidence::list(&store, &Filter::default()).unwrap();
    let photo = items.iter().find(|i| i.title == "Sneaky photo").expect("the crafted row came through");

    let err = evidence::thumbnail(&store, &photo.id).unwrap_err();
    assert!(err.to_string().contains("is not a stored file"), "{err}");
    // Nothing was written beside the data folder (a thumbnail named after the path would be).
    assert!(!dir.path().join("a").join("secret.jpg-thumb.jpg").exists());

    let out = dir.path().join("out").join("portfolio.pdf");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let report = portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    // Both exhibits are named as unreadable, instead of the outside files being read: before this was
    // fixed the photo was embedded (and warned about as low resolution) and the PDF was parsed.
    let unreadable = |title: &str| report.warnings.iter().any(|w| w.contains(title) && w.contains("the stored file cannot be read"));
    assert!(unreadable("Sneaky photo") && unreadable("Sneaky document"), "{:?}", report.warnings);
    assert!(!report.warnings.iter().any(|w| w.contains("ppi") || w.contains("PDF cannot be read")), "{:?}", report.warnings);
    let pdf = std::fs::read(&out).unwrap();
    assert!(!pdf.windows(b"not the school's".len()).any(|w| w == b"not the school's"), "the outside PDF was merged into the export");

    let mut after: Vec<_> = walk(dir.path());
    after.retain(|p| !p.starts_with(&root) && !p.starts_with(dir.path().join("out")));
    let mut before = before;
    before.retain(|p| !p.starts_with(&root));
    assert_eq!(before, after, "files appeared outside the data folder");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn a_folder_is_numbered_in_name_order_whichever_file_is_ready_first() {
    // Large photos take the workers far longer than small ones, so the files are ready in another
    // order than their names; they must still be recorded, and so numbered, in the order given.
    let dir = tempdir();
    let src = dir.path().join("Refugee Week");
    std::fs::create_dir_all(&src).unwrap();
    let names = ["01 hall.jpg", "02 card.jpg", "03 stage.jpg", "04 flag.jpg", "05 choir.jpg", "06 menu.jpg"];
    for (i, name) in names.iter().enumerate() {
        let side = if i % 2 == 0 { 2400 + i as u32 } else { 24 + i as u32 };
        write(&src, name, &jpeg(side, side));
    }
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let report = evidence::import(&mut store, &[src], &ImportOptions::default(), &Job::silent(), now()).unwrap();
    assert_eq!(report.added.len(), names.len(), "{report:?}");
    let mut items = evidence::list(&store, &Filter::default()).unwrap();
    items.sort_by_key(|i| i.position);
    let order: Vec<&str> = items.iter().map(|i| i.original_name.as_str()).collect();
    assert_eq!(order, names);
    let added: Vec<&str> = report.added.iter().map(|id| items.iter().find(|i| &i.id == id).unwrap().original_name.as_str()).collect();
    assert_eq!(added, names, "the report lists them in the same order");
    assert_consistent(&store);
}
