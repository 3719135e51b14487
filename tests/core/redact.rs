//! Hidden areas of photos (partial consent): applied to the exported PDF's pictures, the thumbnail and
//! the print copy, in upright coordinates, whatever the consent; the original is never changed; face
//! suggestions from the detector that ships inside the app.

use std::path::{Path, PathBuf};

use image::{DynamicImage, GenericImageView, RgbImage};
use lopdf::{Document, Object};
use sanctuary::evidence::redact::{self, Redaction, Region, Shape, Style};
use sanctuary::evidence::{self, rendition, Filter, ImportOptions};
use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions};
use sanctuary::Store;
use sha2::{Digest, Sha256};

use crate::support::{cli, now, orientation_tiff, stderr, stdout, tempdir, with_exif_segment};

/// Where the face in the drawn photos is: a busy checkerboard patch on a smooth background, as
/// fractions of the upright picture.
const FACE: (f32, f32, f32, f32) = (0.30, 0.25, 0.25, 0.30);
/// A second busy patch that is never hidden: proof that only the areas change.
const CONTROL: (f32, f32, f32, f32) = (0.65, 0.60, 0.20, 0.25);

fn inside(x: u32, y: u32, w: u32, h: u32, (rx, ry, rw, rh): (f32, f32, f32, f32)) -> bool {
    let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
    fx >= rx && fx < rx + rw && fy >= ry && fy < ry + rh
}

/// An upright `w` × `h` picture: a soft gradient, with checkerboards (strong detail, like a face) in
/// FACE and CONTROL.
fn upright_picture(w: u32, h: u32) -> RgbImage {
    // Squares in proportion to the picture, so the detail survives being shrunk to a thumbnail.
    let cell = (w / 60).max(6);
    RgbImage::from_fn(w, h, |x, y| {
        if inside(x, y, w, h, FACE) || inside(x, y, w, h, CONTROL) {
            let on = ((x / cell) + (y / cell)) % 2 == 0;
            if on { image::Rgb([240, 230, 40]) } else { image::Rgb([20, 20, 120]) }
        } else {
            image::Rgb([(60 + x * 120 / w) as u8, (90 + y * 100 / h) as u8, 150])
        }
    })
}

fn jpeg(img: &RgbImage) -> Vec<u8> {
    sanctuary::pixels::encode(&DynamicImage::ImageRgb8(img.clone()), 92).unwrap()
}

/// Puts an EXIF orientation tag into a JPEG (6: "turn 90° clockwise to view").
fn with_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    with_exif_segment(jpeg, &orientation_tiff(orientation))
}

/// A data folder with one photo (consent as given) added through the real import.
fn library_with(dir: &Path, name: &str, bytes: &[u8], consent: &str) -> (Store, evidence::Item) {
    let mut store = Store::open(&dir.join("data")).unwrap();
    sanctuary::demo::load(&mut store, now(), false).unwrap();
    // Only this test's photo: the demo's own drawn photos would be more pictures in the PDF.
    for it in evidence::list(&store, &Filter::default()).unwrap() {
        if it.kind == sanctuary::evidence::EvidenceKind::Photo {
            evidence::delete(&mut store, &it.id, now()).unwrap();
        }
    }
    let file = dir.join(name);
    std::fs::write(&file, bytes).unwrap();
    let opts = ImportOptions { consent: Some(evidence::Consent::parse(consent).unwrap()), ..ImportOptions::default() };
    let report = evidence::import(&mut store, &[file], &opts, &Job::silent(), now()).unwrap();
    assert_eq!(report.added.len(), 1, "{report:?}");
    let item = evidence::get(&store, &report.added[0]).unwrap();
    (store, item)
}

fn region((x, y, w, h): (f32, f32, f32, f32)) -> Region {
    Region::rect(x, y, w, h).unwrap()
}

fn export(store: &Store, dir: &Path, include_without_consent: bool) -> PathBuf {
    let out = dir.join("portfolio.pdf");
    let mut opts = ExportOptions::new(out.clone(), now());
    opts.include_without_consent = include_without_consent;
    portfolio::export(store, &opts, &Job::silent()).unwrap();
    out
}

/// The JPEG pictures placed in a PDF, decoded.
fn pdf_pictures(pdf: &Path) -> Vec<DynamicImage> {
    let doc = Document::load(pdf).unwrap();
    let mut out = Vec::new();
    for object in doc.objects.values() {
        let Object::Stream(s) = object else { continue };
        let is_jpeg = matches!(s.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Image")
            && matches!(s.dict.get(b"Filter"), Ok(Object::Name(n)) if n == b"DCTDecode");
        if is_jpeg {
            out.push(image::load_from_memory(&s.content).unwrap());
        }
    }
    out
}

/// Standard deviation of the pixels' brightness inside `r` (shrunk a little, away from edges where
/// JPEG blurs the boundary).
fn spread(img: &DynamicImage, (rx, ry, rw, rh): (f32, f32, f32, f32)) -> f64 {
    let (w, h) = img.dimensions();
    let gray = img.to_luma8();
    let m = 0.1;
    let (x0, x1) = (((rx + rw * m) * w as f32) as u32, ((rx + rw * (1.0 - m)) * w as f32) as u32);
    let (y0, y1) = (((ry + rh * m) * h as f32) as u32, ((ry + rh * (1.0 - m)) * h as f32) as u32);
    let values: Vec<f64> = (y0..y1).flat_map(|y| (x0..x1).map(move |x| (x, y))).map(|(x, y)| gray.get_pixel(x, y)[0] as f64).collect();
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / values.len() as f64).sqrt()
}

/// Mean absolute difference from `reference` over the pixels outside every given area.
fn change_outside(img: &DynamicImage, reference: &RgbImage, areas: &[(f32, f32, f32, f32)]) -> f64 {
    let img = img.resize_exact(reference.width(), reference.height(), image::imageops::FilterType::Triangle).to_rgb8();
    let (w, h) = reference.dimensions();
    let (mut sum, mut n) = (0f64, 0f64);
    for (x, y, p) in img.enumerate_pixels() {
        // A margin around each area: the blur or JPEG's blocks may spill a few pixels past its edge.
        if areas.iter().any(|&(rx, ry, rw, rh)| inside(x, y, w, h, (rx - 0.03, ry - 0.03, rw + 0.06, rh + 0.06))) {
            continue;
        }
        let q = reference.get_pixel(x, y);
        sum += (0..3).map(|c| (p[c] as f64 - q[c] as f64).abs()).sum::<f64>() / 3.0;
        n += 1.0;
    }
    sum / n
}

fn sha(path: &Path) -> String {
    format!("{:x}", Sha256::digest(std::fs::read(path).unwrap()))
}

#[test]
fn a_blurred_face_loses_its_detail_in_the_exported_pdf_and_the_rest_is_unchanged() {
    let dir = tempdir();
    let picture = upright_picture(1200, 900);
    let (mut store, item) = library_with(dir.path(), "class.jpg", &jpeg(&picture), "given_hidden");
    let before = spread(&DynamicImage::ImageRgb8(picture.clone()), FACE);
    redact::set(&mut store, &item.id, &Redaction { style: Style::Blur, regions: vec![region(FACE)] }, None, now()).unwrap();

    let pictures = pdf_pictures(&export(&store, dir.path(), false));
    assert_eq!(pictures.len(), 1, "the one photo is in the PDF");
    let printed = &pictures[0];
    let after = spread(printed, FACE);
    assert!(after < before * 0.1, "the blurred face keeps almost no detail: spread {after:.1} against {before:.1} before");
    assert!(spread(printed, CONTROL) > before * 0.7, "an area that was not hidden keeps its detail");
    let changed = change_outside(printed, &picture, &[FACE]);
    assert!(changed < 6.0, "outside the hidden area the picture is as it was (mean difference {changed:.1})");
}

#[test]
fn a_blocked_area_is_one_flat_colour_and_an_ellipse_is_hidden_too() {
    let dir = tempdir();
    let picture = upright_picture(1200, 900);
    let (mut store, item) = library_with(dir.path(), "class.jpg", &jpeg(&picture), "given");
    let mut ellipse = region(CONTROL);
    ellipse.shape = Shape::Ellipse;
    redact::set(&mut store, &item.id, &Redaction { style: Style::Block, regions: vec![region(FACE), ellipse] }, None, now()).unwrap();

    let printed = &pdf_pictures(&export(&store, dir.path(), false))[0];
    assert!(spread(printed, FACE) < 3.0, "a block is uniform: spread {:.1}", spread(printed, FACE));
    // The middle of the ellipse is hidden (its corners are not, by design).
    let (x, y, w, h) = CONTROL;
    let middle = (x + w * 0.3, y + h * 0.3, w * 0.4, h * 0.4);
    assert!(spread(printed, middle) < 3.0, "the ellipse's middle is blocked: spread {:.1}", spread(printed, middle));
}

#[test]
fn an_area_lands_on_the_same_place_of_the_upright_picture_when_the_photo_is_stored_turned() {
    let dir = tempdir();
    // Upright the photo is 900 × 1200; the camera stored it turned (orientation 6).
    let upright = upright_picture(900, 1200);
    let stored = image::imageops::rotate270(&upright);
    let bytes = with_orientation(&jpeg(&stored), 6);
    let (mut store, item) = library_with(dir.path(), "turned.jpg", &bytes, "given");
    redact::set(&mut store, &item.id, &Redaction { style: Style::Block, regions: vec![region(FACE)] }, None, now()).unwrap();

    let printed = &pdf_pictures(&export(&store, dir.path(), false))[0];
    assert!(printed.height() > printed.width(), "printed upright");
    assert!(spread(printed, FACE) < 3.0, "the area is hidden where it was drawn on the upright photo");
    assert!(spread(printed, CONTROL) > 40.0, "and nowhere else");
}

#[test]
fn the_thumbnail_and_print_copy_are_hidden_and_the_original_is_byte_identical() {
    let dir = tempdir();
    let picture = upright_picture(2400, 1800);
    let (mut store, item) = library_with(dir.path(), "class.jpg", &jpeg(&picture), "given");
    let sha256 = item.sha256.clone().unwrap();
    let blob = evidence::blobs::path(store.root(), &sha256);
    let original = sha(&blob);
    let thumb_before = image::open(rendition::thumb_path(store.root(), &sha256)).unwrap();
    assert!(spread(&thumb_before, FACE) > 30.0, "the drawn face has detail in the thumbnail at first");

    redact::set(&mut store, &item.id, &Redaction { style: Style::Blur, regions: vec![region(FACE)] }, None, now()).unwrap();
    let thumb = image::open(rendition::thumb_path(store.root(), &sha256)).unwrap();
    let print = image::open(rendition::print_path(store.root(), &sha256)).unwrap();
    assert!(spread(&thumb, FACE) < 5.0, "thumbnail hidden: {:.1}", spread(&thumb, FACE));
    assert!(spread(&print, FACE) < 5.0, "print copy hidden: {:.1}", spread(&print, FACE));
    assert_eq!(sha(&blob), original, "the original file is never changed");
    assert_eq!(evidence::get(&store, &item.id).unwrap().hidden_areas, 1);

    // The thumbnail the window asks for is the hidden one, even when it had to be made again.
    std::fs::remove_file(rendition::thumb_path(store.root(), &sha256)).unwrap();
    let served = image::load_from_memory(&evidence::thumbnail(&store, &item.id).unwrap()).unwrap();
    assert!(spread(&served, FACE) < 5.0, "a thumbnail made again is hidden too");

    // Adding the same file again makes its pictures from the original: the areas stay hidden.
    let again = dir.path().join("again.jpg");
    std::fs::copy(dir.path().join("class.jpg"), &again).unwrap();
    let report = evidence::import(&mut store, &[again], &ImportOptions::default(), &Job::silent(), now()).unwrap();
    assert_eq!(report.duplicates.len(), 1);
    let thumb = image::open(rendition::thumb_path(store.root(), &sha256)).unwrap();
    assert!(spread(&thumb, FACE) < 5.0, "still hidden after the same file was added again");

    // Clearing brings the picture back.
    redact::set(&mut store, &item.id, &Redaction::default(), None, now()).unwrap();
    let thumb = image::open(rendition::thumb_path(store.root(), &sha256)).unwrap();
    assert!(spread(&thumb, FACE) > 30.0, "cleared: the thumbnail shows the photo again");
}

#[test]
fn hidden_areas_stay_hidden_when_items_without_consent_are_included_and_a_stale_print_copy_cannot_leak() {
    let dir = tempdir();
    let picture = upright_picture(2400, 1800);
    let (mut store, item) = library_with(dir.path(), "class.jpg", &jpeg(&picture), "missing");
    let sha256 = item.sha256.clone().unwrap();
    let unhidden_print = std::fs::read(rendition::print_path(store.root(), &sha256)).unwrap();
    redact::set(&mut store, &item.id, &Redaction { style: Style::Blur, regions: vec![region(FACE)] }, None, now()).unwrap();
    // A print copy from before the areas were drawn (say, restored from an old copy of the folder).
    std::fs::write(rendition::print_path(store.root(), &sha256), &unhidden_print).unwrap();

    let printed = &pdf_pictures(&export(&store, dir.path(), true))[0];
    assert!(spread(printed, FACE) < 5.0, "hidden in an export that includes items without consent");
}

#[test]
fn hide_faces_and_include_records_consent_with_the_areas_in_one_step() {
    let dir = tempdir();
    let (mut store, item) = library_with(dir.path(), "class.jpg", &jpeg(&upright_picture(800, 600)), "missing");
    assert!(portfolio::exhibits(&store).unwrap().iter().all(|x| x.id != item.id), "left out without consent");
    let hide = Redaction { style: Style::Blur, regions: vec![region(FACE)] };
    redact::set(&mut store, &item.id, &hide, Some(evidence::Consent::GivenHidden), now()).unwrap();
    assert_eq!(evidence::get(&store, &item.id).unwrap().consent, sanctuary::evidence::Consent::GivenHidden);
    assert!(portfolio::exhibits(&store).unwrap().iter().any(|x| x.id == item.id), "now in the portfolio");
    assert_eq!(redact::get(&store, &item.id).unwrap(), hide);

    // A wrong consent value cannot reach the store: it is refused where it is read (the window's
    // JSON, the command line's word), so nothing is saved.
    let err = evidence::Consent::parse("maybe").unwrap_err();
    assert!(err.to_string().contains("consent"), "{err}");
    assert!(serde_json::from_str::<evidence::Consent>("\"maybe\"").is_err());
    assert_eq!(redact::get(&store, &item.id).unwrap(), hide);
}

#[test]
fn areas_outside_the_picture_or_on_a_document_are_refused_with_a_reason() {
    assert!(Region::rect(0.5, 0.5, 1.2, 0.1).is_err());
    assert!(Region::rect(f32::NAN, 0.5, 0.1, 0.1).is_err());
    assert!(Region::rect(0.5, 0.5, 0.0, 0.1).is_err());
    // A damaged stored value hides everything rather than nothing.
    let damaged = Redaction::from_column("{not json");
    assert_eq!(damaged.regions.len(), 1);
    assert_eq!((damaged.regions[0].w, damaged.regions[0].h), (1.0, 1.0));

    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let quote = evidence::add_quote(&mut store, "We felt welcome", "Pupil, Year 5", &[], now()).unwrap();
    let err = redact::set(&mut store, &quote.id, &Redaction { style: Style::Block, regions: vec![region(FACE)] }, None, now()).unwrap_err();
    assert!(err.to_string().contains("nothing to hide"), "{err}");
}

#[test]
fn the_cli_sets_lists_and_clears_areas_and_refuses_bad_boxes() {
    let dir = tempdir();
    let (store, _item) = library_with(dir.path(), "class.jpg", &jpeg(&upright_picture(1200, 900)), "given");
    let data = store.root().to_path_buf();
    drop(store);
    let listed = stdout(&cli(&data, &["evidence", "list"]));
    let line = listed.lines().find(|l| l.contains("class")).expect("the photo is listed");
    let exhibit = line.split_whitespace().next().unwrap().to_string();

    let o = cli(&data, &["evidence", "redact", &exhibit, "--box", "0.3,0.25,0.25,0.3", "--style", "block"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("0.3000,0.2500,0.2500,0.3000"), "{}", stdout(&o));
    assert!(stdout(&o).contains("blocked out"), "{}", stdout(&o));

    let o = cli(&data, &["evidence", "redact", &exhibit, "--box", "0.3,0.25,1.5,0.3"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("fractions from 0 to 1"), "{}", stderr(&o));
    let o = cli(&data, &["evidence", "redact", &exhibit, "--box", "0.3,0.25"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("four fractions"), "{}", stderr(&o));

    let shown = stdout(&cli(&data, &["evidence", "redact", &exhibit]));
    assert!(shown.contains("1 area(s)"), "{shown}");
    let o = cli(&data, &["evidence", "redact", &exhibit, "--clear"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Nothing is hidden"), "{}", stdout(&o));
}

/// The group photo that ships with the `rustface` crate (a real photo of 29 people, 1927), found in
/// cargo's registry where the build unpacked it. Not committed here: no real photos of people in this
/// repository.
fn rustface_group_photo() -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME").map(PathBuf::from).or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    let registry = home.join("registry").join("src");
    std::fs::read_dir(registry).ok()?.flatten().map(|d| d.path().join("rustface-0.1.7").join("test.png")).find(|p| p.is_file())
}

#[test]
fn the_detector_suggests_most_faces_of_a_real_group_photo_and_the_cli_prints_them() {
    let Some(photo) = rustface_group_photo() else {
        eprintln!("skipped: rustface's test.png is not in cargo's registry here");
        return;
    };
    let img = image::open(&photo).unwrap();
    let found = sanctuary::evidence::faces::suggest(&img);
    // 29 people face the camera in this photo. Recall measured here: see README (Hiding faces).
    let people = 29;
    eprintln!("face suggestions: {} of {people} faces found", found.len());
    assert!(found.len() >= 20, "most faces are suggested: {} of {people}", found.len());
    assert!(found.len() <= people + 3, "few false suggestions: {}", found.len());
    for r in &found {
        assert!(r.w > 0.01 && r.w < 0.2 && r.h > 0.01 && r.h < 0.3, "a face-sized box: {r:?}");
    }

    // The same through the CLI, in the documented form.
    let dir = tempdir();
    let (store, _) = library_with(dir.path(), "group.png", &std::fs::read(&photo).unwrap(), "given");
    let data = store.root().to_path_buf();
    drop(store);
    let listed = stdout(&cli(&data, &["evidence", "list"]));
    let exhibit = listed.lines().find(|l| l.contains("group")).unwrap().split_whitespace().next().unwrap().to_string();
    let o = cli(&data, &["evidence", "redact", &exhibit, "--suggest"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let printed = stdout(&o);
    let boxes: Vec<&str> = printed.lines().collect();
    assert!(boxes.len() >= 20, "{}", stdout(&o));
    assert!(boxes.iter().all(|b| b.split(',').count() == 4), "{}", stdout(&o));
    assert!(stderr(&o).contains("check every face"), "{}", stderr(&o));
}
