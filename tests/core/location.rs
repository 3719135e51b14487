//! Location data is not kept: GPS is removed from the stored copy of every photo (JPEG, PNG, WebP,
//! TIFF, HEIC) at import, the rest of the file is left alone, the same photo added twice is still one
//! item, and a library made by the previous version is cleaned when it is opened.
//! Photos with GPS are made with `exiftool` (Debian's libimage-exiftool-perl), which also checks the
//! result; tests that need it say so and stop when it is missing. One test writes the EXIF by hand.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use rusqlite::{params, Connection};
use sanctuary::evidence::{self, location, ImportOptions};
use sanctuary::job::Job;
use sha2::{Digest, Sha256};

use crate::support::{now, tempdir};

fn sha_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn have_exiftool() -> bool {
    let ok = Command::new("exiftool").arg("-ver").output().map(|o| o.status.success()).unwrap_or(false);
    if !ok {
        println!("SKIPPED: exiftool (Debian package libimage-exiftool-perl) is not installed");
    }
    ok
}

fn exiftool(args: &[&str]) -> String {
    let o = Command::new("exiftool").args(args).output().expect("exiftool");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every GPS tag exiftool finds in `file` (empty when none).
fn gps_tags(file: &Path) -> String {
    exiftool(&["-a", "-G1", "-s", "-gps:all", "-xmp:all", "-iptc:City", "-iptc:Country-PrimaryLocationName", file.to_str().unwrap()])
        .lines()
        .filter(|l| {
            let l = l.to_ascii_lowercase();
            l.contains("gps") || l.contains("city") || l.contains("location") || l.contains("country")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn drawn(format: image::ImageFormat) -> Vec<u8> {
    let img = image::ImageBuffer::from_fn(96, 64, |x, y| image::Rgb([(x * 2) as u8, (y * 3) as u8, 120]));
    let mut out = std::io::Cursor::new(Vec::new());
    match format {
        image::ImageFormat::Jpeg => {
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 88).encode_image(&img).unwrap();
        }
        f => image::DynamicImage::ImageRgb8(img).write_to(&mut out, f).unwrap(),
    }
    out.into_inner()
}

/// A copy of `bytes` at `dir/name` with GPS (and an orientation, and a camera make) written by exiftool.
fn with_gps(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    exiftool(&[
        "-q",
        "-overwrite_original",
        "-GPSLatitude=51.5",
        "-GPSLatitudeRef=N",
        "-GPSLongitude=0.1",
        "-GPSLongitudeRef=W",
        "-GPSAltitude=20",
        "-Make=TestCam",
        path.to_str().unwrap(),
    ]);
    assert!(gps_tags(&path).contains("GPSLatitude"), "exiftool did not write GPS into {name}");
    path
}

fn pixels(bytes: &[u8]) -> Vec<u8> {
    image::load_from_memory(bytes).unwrap().to_rgb8().into_raw()
}

#[test]
fn gps_is_removed_from_every_photo_format_leaving_the_rest() {
    if !have_exiftool() {
        return;
    }
    let t = tempdir();
    let mut jpeg = drawn(image::ImageFormat::Jpeg);
    // The orientation must survive: exiftool adds it to the JPEG before the GPS.
    let j = t.path().join("o.jpg");
    fs::write(&j, &jpeg).unwrap();
    exiftool(&["-q", "-overwrite_original", "-Orientation#=6", j.to_str().unwrap()]);
    jpeg = fs::read(&j).unwrap();
    let mut cases = vec![
        with_gps(t.path(), "photo.jpg", &jpeg),
        with_gps(t.path(), "photo.png", &drawn(image::ImageFormat::Png)),
        with_gps(t.path(), "photo.webp", &drawn(image::ImageFormat::WebP)),
        with_gps(t.path(), "photo.tif", &drawn(image::ImageFormat::Tiff)),
    ];
    let heic = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drawn.heic");
    cases.push(with_gps(t.path(), "photo.heic", &fs::read(heic).unwrap()));
    for path in cases {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let original = fs::read(&path).unwrap();
        let mut bytes = original.clone();
        assert!(location::strip(&mut bytes), "{name}: nothing removed");
        let out = t.path().join(format!("clean-{name}"));
        fs::write(&out, &bytes).unwrap();
        assert_eq!(gps_tags(&out), "", "{name}: location left");
        // Still a valid file with its other metadata and the same pixels.
        let warnings = exiftool(&["-warning", "-error", "-s", out.to_str().unwrap()]);
        assert!(!warnings.contains("Error"), "{name}: {warnings}");
        assert!(exiftool(&["-Make", "-s3", out.to_str().unwrap()]).contains("TestCam"), "{name}: camera make lost");
        if !name.ends_with(".heic") {
            assert_eq!(pixels(&bytes), pixels(&original), "{name}: pixels changed");
        }
        if name.ends_with(".heic") && cfg!(feature = "heic") {
            let (img, _) = sanctuary::evidence::heic::decode(&bytes).expect("the cleaned HEIC still decodes");
            assert_eq!(img.width(), 640);
        }
        if name.ends_with(".jpg") {
            assert_eq!(exiftool(&["-Orientation", "-n", "-s3", out.to_str().unwrap()]).trim(), "6");
            assert_eq!(sanctuary::evidence::exif::read(&bytes).orientation, 6);
        }
        // Deterministic and done once: cleaning again changes nothing.
        let mut again = bytes.clone();
        assert!(!location::strip(&mut again), "{name}: cleaned twice");
        assert_eq!(again, bytes);
        let mut twice = original.clone();
        location::strip(&mut twice);
        assert_eq!(twice, bytes, "{name}: not deterministic");
    }
}

#[test]
fn place_names_in_xmp_and_iptc_are_removed_too() {
    if !have_exiftool() {
        return;
    }
    let t = tempdir();
    let path = t.path().join("xmp.jpg");
    fs::write(&path, drawn(image::ImageFormat::Jpeg)).unwrap();
    exiftool(&[
        "-q",
        "-overwrite_original",
        "-XMP-exif:GPSLatitude=51.5",
        "-XMP-photoshop:City=Cardiff",
        "-IPTC:City=Cardiff",
        "-Artist=Ms Rees",
        path.to_str().unwrap(),
    ]);
    assert!(gps_tags(&path).contains("Cardiff"));
    let mut bytes = fs::read(&path).unwrap();
    assert!(location::strip(&mut bytes));
    fs::write(&path, &bytes).unwrap();
    assert_eq!(gps_tags(&path), "");
    assert!(exiftool(&["-Artist", "-s3", path.to_str().unwrap()]).contains("Ms Rees"));
}

/// A JPEG whose EXIF (orientation 6 and a GPS block) is written here byte by byte, so this test runs
/// without exiftool.
fn jpeg_with_handmade_gps() -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\0*\0\0\0\x08");
    // IFD0 at 8: Orientation (SHORT 6), GPS pointer (LONG -> 38).
    tiff.extend_from_slice(&[0, 2]);
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]);
    tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    // GPS IFD at 38: LatitudeRef "N", Latitude (3 RATIONAL at 68).
    tiff.extend_from_slice(&[0, 2]);
    tiff.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend_from_slice(&[0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 68]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    assert_eq!(tiff.len(), 68);
    for (n, d) in [(51u32, 1u32), (30, 1), (1234, 100)] {
        tiff.extend_from_slice(&n.to_be_bytes());
        tiff.extend_from_slice(&d.to_be_bytes());
    }
    let jpeg = drawn(image::ImageFormat::Jpeg);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&((tiff.len() + 8) as u16).to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(&tiff);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn a_handmade_gps_block_is_blanked_in_place_and_the_orientation_kept() {
    let original = jpeg_with_handmade_gps();
    assert_eq!(sanctuary::evidence::exif::read(&original).orientation, 6);
    let mut bytes = original.clone();
    assert!(location::strip(&mut bytes));
    assert_eq!(bytes.len(), original.len(), "nothing moves");
    assert_eq!(sanctuary::evidence::exif::read(&bytes).orientation, 6);
    let latitude: Vec<u8> = [51u32, 1].iter().flat_map(|v| v.to_be_bytes()).collect();
    let find = |b: &[u8], n: &[u8]| b.windows(n.len()).any(|w| w == n);
    assert!(find(&original, &latitude) && !find(&bytes, &latitude), "the latitude is still there");
    assert!(!find(&bytes, &[0x88, 0x25]), "the GPS pointer is still there");
    assert_eq!(pixels(&bytes), pixels(&original));
    if have_exiftool() {
        let t = tempdir();
        let f = t.path().join("hand.jpg");
        fs::write(&f, &original).unwrap();
        assert!(gps_tags(&f).contains("GPSLatitude"), "the handmade block is not what exiftool reads");
        fs::write(&f, &bytes).unwrap();
        assert_eq!(gps_tags(&f), "");
    }
}

fn all_blobs(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for d in fs::read_dir(root.join("blobs")).into_iter().flatten().flatten() {
        for f in fs::read_dir(d.path()).into_iter().flatten().flatten() {
            out.push(f.path());
        }
    }
    out
}

#[test]
fn imported_photos_are_stored_without_location_and_the_same_photo_is_still_a_duplicate() {
    let t = tempdir();
    let src = t.path().join("src");
    fs::create_dir_all(&src).unwrap();
    let (photo, exif_checked) = if have_exiftool() {
        (with_gps(&src, "trip.jpg", &drawn(image::ImageFormat::Jpeg)), true)
    } else {
        let p = src.join("trip.jpg");
        fs::write(&p, jpeg_with_handmade_gps()).unwrap();
        (p, false)
    };
    let plain = src.join("plain.png");
    fs::write(&plain, drawn(image::ImageFormat::Png)).unwrap();
    let mut store = sanctuary::datadir::open(&t.path().join("data")).unwrap();
    let opts = ImportOptions { consent: Some(sanctuary::evidence::Consent::Given), ..ImportOptions::default() };
    let r = evidence::import(&mut store, &[photo.clone(), plain], &opts, &Job::silent(), now()).unwrap();
    assert_eq!(r.added.len(), 2, "{r:?}");
    let items = evidence::list(&store, &evidence::Filter::default()).unwrap();
    let trip = items.iter().find(|i| i.original_name == "trip.jpg").unwrap();
    assert!(trip.location_removed);
    assert!(!items.iter().find(|i| i.original_name == "plain.png").unwrap().location_removed);
    // The stored copy is not the original: its hash is of the cleaned bytes.
    assert_ne!(trip.sha256.as_deref(), Some(sha_hex(&fs::read(&photo).unwrap()).as_str()));
    if exif_checked {
        for blob in all_blobs(store.root()) {
            assert_eq!(gps_tags(&blob), "", "{} still has location data", blob.display());
        }
    }
    // The same photo again, and a copy of it under another name: duplicates, nothing new.
    let copy = src.join("trip copy.jpg");
    fs::copy(&photo, &copy).unwrap();
    let again = evidence::import(&mut store, &[photo, copy], &opts, &Job::silent(), now()).unwrap();
    assert_eq!(again.added.len(), 0, "{again:?}");
    assert_eq!(again.duplicates.len(), 2);
    assert_eq!(all_blobs(store.root()).len(), 2);
}

/// A data folder as the previous version left it: its first four migrations (to file 0005), which it
/// numbered schema 4, a photo stored with its GPS under the hash of the original bytes, its
/// thumbnail, and an item pointing at it.
fn previous_version_library(root: &Path, photo: &[u8]) -> (String, String) {
    fs::create_dir_all(root).unwrap();
    let conn = Connection::open(root.join("sanctuary.db")).unwrap();
    for (_, sql) in &sanctuary::store::MIGRATIONS[..4] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", 4).unwrap();
    let sha = sha_hex(photo);
    let blob = root.join("blobs").join(&sha[..2]).join(&sha);
    fs::create_dir_all(blob.parent().unwrap()).unwrap();
    fs::write(&blob, photo).unwrap();
    fs::create_dir_all(root.join("renditions")).unwrap();
    fs::write(root.join("renditions").join(format!("{sha}-thumb.jpg")), b"thumbnail bytes").unwrap();
    let id = uuid::Uuid::new_v4().to_string();
    let t = now().to_rfc3339();
    conn.execute("INSERT INTO blob (sha256, size, mime, created_at) VALUES (?1, ?2, 'image/jpeg', ?3)", params![sha, photo.len() as i64, t]).unwrap();
    conn.execute(
        "INSERT INTO evidence (id, kind, title, caption, blob_sha256, added_at, updated_at, consent) VALUES (?1, 'photo', 'Trip', 'Our trip', ?2, ?3, ?3, 'given')",
        params![id, sha, t],
    )
    .unwrap();
    // A deleted item on the same photo moves with it (undo must still find its file).
    conn.execute(
        "INSERT INTO evidence (id, kind, title, blob_sha256, added_at, updated_at, deleted_at) VALUES (?1, 'photo', 'Old', ?2, ?3, ?3, ?3)",
        params![uuid::Uuid::new_v4().to_string(), sha, t],
    )
    .unwrap();
    (id, sha)
}

#[test]
fn a_library_made_by_the_previous_version_is_cleaned_once_on_opening() {
    let t = tempdir();
    let photo = if have_exiftool() {
        fs::read(with_gps(t.path(), "old.jpg", &drawn(image::ImageFormat::Jpeg))).unwrap()
    } else {
        jpeg_with_handmade_gps()
    };
    let root = t.path().join("data");
    let (id, old) = previous_version_library(&root, &photo);

    let store = sanctuary::datadir::open(&root).unwrap();
    assert_eq!(store.schema_version().unwrap(), sanctuary::store::SCHEMA_VERSION);
    let item = evidence::list(&store, &evidence::Filter::default()).unwrap().into_iter().find(|i| i.id == id).unwrap();
    let new = item.sha256.clone().unwrap();
    assert_ne!(new, old);
    assert!(item.location_removed);
    assert_eq!(item.caption, "Our trip");
    let blobs = all_blobs(&root);
    assert_eq!(blobs.len(), 1, "the old file is gone: {blobs:?}");
    assert!(blobs[0].ends_with(&new));
    assert_eq!(sha_hex(&fs::read(&blobs[0]).unwrap()), new);
    if Command::new("exiftool").arg("-ver").output().is_ok() {
        assert_eq!(gps_tags(&blobs[0]), "");
    }
    // The thumbnail was renamed, not remade.
    assert_eq!(fs::read(root.join("renditions").join(format!("{new}-thumb.jpg"))).unwrap(), b"thumbnail bytes");
    assert!(!root.join("renditions").join(format!("{old}-thumb.jpg")).exists());
    let on_old: i64 = store.conn().query_row("SELECT count(*) FROM evidence WHERE blob_sha256 = ?1", [&old], |r| r.get(0)).unwrap();
    assert_eq!(on_old, 0, "the deleted item moved too");
    let blob_rows: i64 = store.conn().query_row("SELECT count(*) FROM blob", [], |r| r.get(0)).unwrap();
    assert_eq!(blob_rows, 1);
    drop(store);

    // Opening again finds nothing to do.
    let before = fs::read(&blobs[0]).unwrap();
    let mut store = sanctuary::datadir::open(&root).unwrap();
    assert_eq!(location::clean_library(&mut store).unwrap(), location::CleanReport::default());
    assert_eq!(fs::read(&blobs[0]).unwrap(), before);

    // Interrupted after the database moved on but before the old file was deleted: finished next time.
    let old_path = root.join("blobs").join(&old[..2]).join(&old);
    fs::create_dir_all(old_path.parent().unwrap()).unwrap();
    fs::write(&old_path, &photo).unwrap();
    store.conn().execute("INSERT INTO blob_retired (sha256, replaced_by) VALUES (?1, ?2)", params![old, new]).unwrap();
    drop(store);
    drop(sanctuary::datadir::open(&root).unwrap());
    assert!(!old_path.exists(), "the old photo with its location is still on disk");
}
