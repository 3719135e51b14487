//! Renditions made at import: thumbnails and print copies, upright, without metadata, from every
//! photo format (progressive and CMYK JPEGs, HEIC), and an import that can be cancelled cleanly.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use image::{GenericImageView, ImageBuffer, Rgb};
use sanctuary::evidence::{self, rendition, Filter, ImportOptions};
use sanctuary::job::Job;
use sanctuary::Store;

use crate::support::{now, orientation_tiff, tempdir, with_exif_segment};

/// A drawn picture: the top-left quarter red, the rest blue, so which way up it is can be checked.
fn drawn(w: u32, h: u32) -> Vec<u8> {
    let img = ImageBuffer::from_fn(w, h, |x, y| if x < w / 2 && y < h / 2 { Rgb([220u8, 30, 30]) } else { Rgb([30u8, 60, 200]) });
    img.into_raw()
}

/// Encodes RGB pixels with libjpeg-turbo, as a phone or an editing program would.
fn turbo_jpeg(w: u32, h: u32, progressive: bool) -> Vec<u8> {
    let pixels = drawn(w, h);
    let mut c = turbojpeg::Compressor::new().unwrap();
    c.set_quality(85).unwrap();
    c.set_progressive(progressive).unwrap();
    let image = turbojpeg::Image { pixels: pixels.as_slice(), width: w as usize, pitch: 3 * w as usize, height: h as usize, format: turbojpeg::PixelFormat::RGB };
    c.compress_to_vec(image).unwrap()
}

/// A CMYK JPEG as Photoshop writes them (ink amounts stored inverted, flagged by an Adobe segment):
/// the top-left quarter magenta + yellow (red), the rest cyan + magenta (blue).
fn cmyk_jpeg(w: u32, h: u32) -> Vec<u8> {
    let mut pixels = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            let red = x < w / 2 && y < h / 2;
            let ink: [u8; 4] = if red { [0, 230, 230, 0] } else { [230, 180, 0, 0] };
            pixels.extend(ink.iter().map(|v| 255 - v));
        }
    }
    let mut c = turbojpeg::Compressor::new().unwrap();
    c.set_quality(90).unwrap();
    let image = turbojpeg::Image { pixels: pixels.as_slice(), width: w as usize, pitch: 4 * w as usize, height: h as usize, format: turbojpeg::PixelFormat::CMYK };
    let out = c.compress_to_vec(image).unwrap();
    if let Ok(dir) = std::env::var("KEEP_FIXTURES") {
        std::fs::write(Path::new(&dir).join("cmyk.jpg"), &out).unwrap();
    }
    out
}

/// Adds an EXIF block with the given orientation and a GPS-looking marker string.
fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut tiff = orientation_tiff(orientation);
    tiff.extend_from_slice(b"GPS 51.4545N 2.5879W");
    with_exif_segment(jpeg, &tiff)
}

/// The drawn HEIC picture in tests/fixtures (see its README): 640 × 480, a red circle in the middle.
fn heic_fixture() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drawn.heic")).unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn only_item(store: &Store) -> evidence::Item {
    let items = evidence::list(store, &Filter::default()).unwrap();
    assert_eq!(items.len(), 1, "{items:?}");
    items.into_iter().next().unwrap()
}

fn is_reddish(p: [u8; 3]) -> bool {
    p[0] > 150 && p[1] < 110 && p[2] < 110
}

#[test]
fn a_large_photo_gets_an_upright_print_copy_at_a_quarter_scale_without_metadata() {
    let dir = tempdir();
    // 4000 × 3000 stored, "rotate 90° clockwise to view": upright it is 3000 × 4000, red top-right.
    let file = write(&dir.path().join("in"), "IMG_0001.jpg", &with_exif(&turbo_jpeg(4000, 3000, false), 6));
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let report = evidence::import(&mut store, &[file], &ImportOptions::default(), &Job::silent(), now()).unwrap();
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    let item = only_item(&store);
    assert_eq!((item.width, item.height), (Some(3000), Some(4000)), "the stored size is the upright size");
    let sha = item.sha256.clone().unwrap();

    let copy = std::fs::read(rendition::print_path(store.root(), &sha)).expect("a print copy was made at import");
    let img = image::load_from_memory(&copy).unwrap();
    assert_eq!(img.dimensions(), (750, 1000), "decoded at a quarter of its size, then turned upright");
    let top_right = img.get_pixel(700, 50);
    assert!(is_reddish([top_right[0], top_right[1], top_right[2]]), "upright: red is top right, got {top_right:?}");
    assert!(!copy.windows(4).any(|w| w == b"Exif") && !copy.windows(3).any(|w| w == b"GPS"), "no EXIF in the print copy");
    assert_eq!(rendition::print_bytes(store.root(), &sha, "image/jpeg", &Default::default()).unwrap(), copy, "the portfolio prints the copy");

    let thumb = image::load_from_memory(&evidence::thumbnail(&store, &item.id).unwrap()).unwrap();
    assert_eq!(thumb.dimensions(), (192, 256));
}

#[test]
fn a_photo_small_enough_to_print_has_no_copy_and_prints_from_the_original() {
    let dir = tempdir();
    let bytes = turbo_jpeg(1200, 900, false);
    let file = write(&dir.path().join("in"), "small.jpg", &bytes);
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    evidence::import(&mut store, &[file], &ImportOptions::default(), &Job::silent(), now()).unwrap();
    let sha = only_item(&store).sha256.unwrap();
    assert!(!rendition::print_path(store.root(), &sha).exists());
    assert!(rendition::thumb_path(store.root(), &sha).is_file());
    assert_eq!(rendition::print_bytes(store.root(), &sha, "image/jpeg", &Default::default()).unwrap(), bytes);
}

#[test]
fn progressive_and_cmyk_jpegs_get_thumbnails_and_rgb_print_copies() {
    let dir = tempdir();
    let src = dir.path().join("in");
    let files = vec![write(&src, "progressive.jpg", &turbo_jpeg(2400, 1800, true)), write(&src, "leaflet-cmyk.jpg", &cmyk_jpeg(1800, 1200))];
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let report = evidence::import(&mut store, &files, &ImportOptions::default(), &Job::silent(), now()).unwrap();
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    for item in evidence::list(&store, &Filter::default()).unwrap() {
        let sha = item.sha256.clone().unwrap();
        let copy = image::load_from_memory(&std::fs::read(rendition::print_path(store.root(), &sha)).unwrap()).unwrap();
        assert_eq!(copy.color(), image::ColorType::Rgb8, "{}: printed as RGB", item.title);
        assert!(copy.width().max(copy.height()) >= rendition::PRINT_MIN_EDGE, "{}: {:?}", item.title, copy.dimensions());
        assert!(copy.width().max(copy.height()) <= rendition::PRINT_MAX_EDGE, "{}: {:?}", item.title, copy.dimensions());
        let p = copy.to_rgb8().get_pixel(20, 20).0;
        assert!(is_reddish(p), "{}: the red corner stays red, got {p:?}", item.title);
        let thumb = image::load_from_memory(&evidence::thumbnail(&store, &item.id).unwrap()).unwrap();
        assert!(thumb.width() == 256 || thumb.height() == 256, "{}", item.title);
    }
}

#[cfg(feature = "heic")]
#[test]
fn an_iphone_heic_photo_gets_a_thumbnail_and_a_print_copy() {
    let dir = tempdir();
    let file = write(&dir.path().join("in"), "IMG_4032.HEIC", &heic_fixture());
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let report = evidence::import(&mut store, &[file], &ImportOptions::default(), &Job::silent(), now()).unwrap();
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    let item = only_item(&store);
    assert_eq!(item.mime.as_deref(), Some("image/heic"));
    assert_eq!((item.width, item.height), (Some(640), Some(480)));
    let thumb = image::load_from_memory(&evidence::thumbnail(&store, &item.id).unwrap()).unwrap();
    assert_eq!(thumb.dimensions(), (256, 192));
    // The red circle is in the middle of the drawing.
    let middle = thumb.to_rgb8().get_pixel(128, 96).0;
    assert!(is_reddish(middle), "decoded colours, got {middle:?}");
    let copy = rendition::print_bytes(store.root(), item.sha256.as_deref().unwrap(), "image/heic", &Default::default()).unwrap();
    assert!(copy.starts_with(&[0xFF, 0xD8]), "printed as a JPEG copy");
}

#[cfg(feature = "heic")]
#[test]
fn a_damaged_heic_is_refused_by_name_and_leaves_nothing_behind() {
    let dir = tempdir();
    let fixture = heic_fixture();
    let file = write(&dir.path().join("in"), "broken.heic", &fixture[..fixture.len() / 2]);
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let report = evidence::import(&mut store, &[file], &ImportOptions::default(), &Job::silent(), now()).unwrap();
    assert_eq!(report.refused.len(), 1);
    assert_eq!(report.refused[0].file, "broken.heic");
    assert!(report.refused[0].reason.contains("HEIC"), "{}", report.refused[0].reason);
    assert!(evidence::list(&store, &Filter::default()).unwrap().is_empty());
    let leftovers: Vec<_> = std::fs::read_dir(store.root().join("renditions")).map(|d| d.flatten().collect()).unwrap_or_default();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Built without libheif (the hosted Windows and macOS installers), an iPhone photo is still kept.
#[cfg(not(feature = "heic"))]
#[test]
fn without_heic_support_an_iphone_photo_is_kept_without_a_picture() {
    let dir = tempdir();
    let file = write(&dir.path().join("in"), "IMG_4032.HEIC", &heic_fixture());
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let report = evidence::import(&mut store, &[file], &ImportOptions::default(), &Job::silent(), now()).unwrap();
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    assert_eq!(only_item(&store).mime.as_deref(), Some("image/heic"));
}

#[test]
fn a_cancelled_import_stops_and_leaves_no_file_without_its_row() {
    let dir = tempdir();
    let src = dir.path().join("in");
    let files: Vec<PathBuf> = (0..12).map(|i| write(&src, &format!("photo {i}.jpg"), &turbo_jpeg(1300 + i, 900, false))).collect();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = cancel.clone();
    // The coordinator presses Cancel once three files are in.
    let job = Job::new(cancel.clone(), move |p| {
        if p.done >= 3 {
            flag.store(true, Ordering::SeqCst);
        }
    });
    let result = evidence::import(&mut store, &files, &ImportOptions::default(), &job, now());
    assert!(matches!(result, Err(sanctuary::Error::Cancelled)), "{result:?}");
    let items = evidence::list(&store, &Filter::default()).unwrap();
    assert!(items.len() >= 3 && items.len() < 12, "stopped part-way: {} items", items.len());
    // Every original and rendition on disk belongs to an item that was added.
    let shas: Vec<String> = items.iter().filter_map(|i| i.sha256.clone()).collect();
    for entry in walk(&store.root().join("blobs")).into_iter().chain(walk(&store.root().join("renditions"))) {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        assert!(shas.iter().any(|s| name.starts_with(s.as_str())), "left behind: {name}");
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).map(|d| d.flatten().collect::<Vec<_>>()).unwrap_or_default() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
