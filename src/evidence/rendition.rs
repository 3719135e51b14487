//! Smaller copies of a photo, made once at import from one decode: a thumbnail for the library grid
//! and, for photos too big to print as they are, a print copy for the portfolio. Both are upright
//! (EXIF orientation applied), free of metadata, and kept at `<data>/renditions/<sha256>-*.jpg`, so
//! the export only places bytes. They can always be rebuilt from the original.
//!
//! JPEGs are decoded at a reduced size inside libjpeg-turbo (DCT scaling): a 12 MP phone photo
//! comes out at 1000 × 750 without ever being decoded at full size, which is both the fastest way to
//! a print copy and what keeps memory flat.

use std::path::{Path, PathBuf};

use image::DynamicImage;

pub use super::decode::{dimensions, format_of, Format, MAX_PIXELS, PRINT_MAX_EDGE, PRINT_MIN_EDGE};
use super::decode::{orientation_of, Decoded, JpegFacts, PRINT_QUALITY};
pub use crate::pixels::{downscale, encode, flatten_on_white, upright};

use super::redaction::Redaction;
use crate::error::{Error, Result};

/// Long edge of a thumbnail, in pixels.
pub const THUMB_EDGE: u32 = 256;

/// What making the renditions learnt about the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Made {
    /// Upright size of the original, in pixels.
    pub width: u32,
    pub height: u32,
    /// Whether a print copy was written (false when the original prints as it is).
    pub print_copy: bool,
}

/// Path of the thumbnail for `sha`.
pub fn thumb_path(root: &Path, sha: &str) -> PathBuf {
    rendition_path(root, sha, "thumb")
}

/// Path of the print copy for `sha` (present only for photos too large or not JPEG).
pub fn print_path(root: &Path, sha: &str) -> PathBuf {
    rendition_path(root, sha, "print")
}

/// As with [`super::blobs::path`], a value that is not a hash (from a damaged or hand-made backup's
/// database) maps to the `renditions` folder itself: never a file, and never a way out of the store.
fn rendition_path(root: &Path, sha: &str, kind: &str) -> PathBuf {
    let dir = root.join("renditions");
    if !super::blobs::is_sha256(sha) {
        return dir;
    }
    dir.join(format!("{sha}-{kind}.jpg"))
}

/// Decodes the photo once (scaled where the format allows), turns it upright, hides the areas of
/// `hide`, and writes the thumbnail and, when needed, the print copy. A photo with hidden areas always
/// gets a print copy, since its original must never be printed. Returns what it learnt; an `Err` is
/// a reason in words.
pub fn make(root: &Path, sha: &str, bytes: &[u8], format: Format, orientation: u8, hide: &Redaction) -> std::result::Result<Made, String> {
    if !super::blobs::is_sha256(sha) {
        return Err("its stored name is not a stored file's name, so no copies of it were made".into());
    }
    let decoded = decode(bytes, format, orientation)?;
    let (width, height) = decoded.original;
    let mut img = decoded.upright;
    hide.apply(&mut img);
    let mut print_copy = false;
    // A print copy left from before the areas changed must not outlive them.
    let _ = std::fs::remove_file(print_path(root, sha));
    if !decoded.prints_as_is || !hide.is_empty() {
        let print = downscale(img.clone(), PRINT_MAX_EDGE);
        let jpeg = encode(&print, PRINT_QUALITY)?;
        write(&print_path(root, sha), &jpeg)?;
        print_copy = true;
    }
    let thumb = img.thumbnail(THUMB_EDGE, THUMB_EDGE);
    write(&thumb_path(root, sha), &encode(&thumb, 80)?)?;
    Ok(Made { width, height, print_copy })
}

/// Makes the renditions of a stored original when they are missing: after a restore (renditions
/// are not in backups, being rebuildable) or for a library made before print copies existed.
pub fn ensure(root: &Path, sha: &str, mime: &str, hide: &Redaction) -> std::result::Result<(), String> {
    if format_of(mime).is_none() || thumb_path(root, sha).is_file() {
        return Ok(());
    }
    remake(root, sha, mime, hide).map(|_| ())
}

/// Makes both renditions again from the original: after its hidden areas changed.
pub fn remake(root: &Path, sha: &str, mime: &str, hide: &Redaction) -> std::result::Result<Made, String> {
    let format = format_of(mime).ok_or("it is not a photo")?;
    let bytes = read_original(root, sha)?;
    make(root, sha, &bytes, format, orientation_of(&bytes, format), hide)
}

/// The original upright, at least `PRINT_MIN_EDGE` on its long side where it has it, with nothing
/// hidden: what the coordinator draws hidden areas on, and what face suggestions look at.
pub fn upright_original(root: &Path, sha: &str, mime: &str) -> std::result::Result<DynamicImage, String> {
    let format = format_of(mime).ok_or("it is not a photo")?;
    let bytes = read_original(root, sha)?;
    Ok(downscale(decode(&bytes, format, orientation_of(&bytes, format))?.upright, PRINT_MAX_EDGE))
}

/// The bytes the portfolio prints for a stored photo: its print copy, or the original JPEG when
/// that is small enough to print as it is (its metadata is removed when it is placed). A missing
/// print copy is made here, once. A photo with hidden areas is made afresh from its original every
/// time, so that no file left on disk, however old, can put an unhidden face in an export.
pub fn print_bytes(root: &Path, sha: &str, mime: &str, hide: &Redaction) -> std::result::Result<Vec<u8>, String> {
    if !hide.is_empty() {
        remake(root, sha, mime, hide)?;
        return read_print(root, sha).ok_or_else(|| "its print copy could not be made".to_string());
    }
    if let Some(copy) = read_print(root, sha) {
        return Ok(copy);
    }
    let format = format_of(mime).ok_or("it is not a photo")?;
    let bytes = read_original(root, sha)?;
    if format == Format::Jpeg && JpegFacts::read(&bytes).is_ok_and(|j| j.prints_as_is()) {
        return Ok(bytes);
    }
    make(root, sha, &bytes, format, orientation_of(&bytes, format), hide)?;
    read_print(root, sha).ok_or_else(|| "its print copy could not be made".to_string())
}

/// Long edge of a web copy (the school's sanctuary page, its newsletter piece).
pub const WEB_MAX_EDGE: u32 = 1600;

/// A web copy is never larger than this many bytes, so the page loads on a phone.
pub const WEB_MAX_BYTES: usize = 500 * 1024;

/// A copy of a stored photo for the web, made like the print copy: decoded from the original,
/// turned upright, the hidden areas painted over in the pixels themselves, reduced to at most
/// [`WEB_MAX_EDGE`] and encoded afresh, so no EXIF, GPS, XMP or camera data can survive. The quality
/// (then the size) steps down until the file is under [`WEB_MAX_BYTES`]. Made fresh every time, from
/// the original, so that no older file on disk can put an unhidden face on a website.
pub fn web_copy(root: &Path, sha: &str, mime: &str, hide: &Redaction) -> std::result::Result<Vec<u8>, String> {
    let format = format_of(mime).ok_or("it is not a photo")?;
    let bytes = read_original(root, sha)?;
    let mut img = decode(&bytes, format, orientation_of(&bytes, format))?.upright;
    hide.apply(&mut img);
    let mut edge = WEB_MAX_EDGE;
    loop {
        let sized = downscale(img.clone(), edge);
        for quality in [82, 72, 62, 50] {
            let jpeg = encode(&sized, quality)?;
            if jpeg.len() < WEB_MAX_BYTES {
                return Ok(jpeg);
            }
        }
        if edge <= 400 {
            return Err("no copy small enough for the web could be made".into());
        }
        edge = edge * 3 / 4;
    }
}

fn read_original(root: &Path, sha: &str) -> std::result::Result<Vec<u8>, String> {
    std::fs::read(super::blobs::path(root, sha)).map_err(|e| format!("the stored file cannot be read ({e})"))
}

/// Removes both renditions of `sha` (used when an import is rolled back).
pub fn remove(root: &Path, sha: &str) {
    let _ = std::fs::remove_file(thumb_path(root, sha));
    let _ = std::fs::remove_file(print_path(root, sha));
    if let Some(p) = super::pdfcheck::repaired_path(root, sha) {
        let _ = std::fs::remove_file(p);
    }
    super::scan::remove_pages(root, sha);
}

/// The print copy's bytes, when there is one.
pub fn read_print(root: &Path, sha: &str) -> Option<Vec<u8>> {
    std::fs::read(print_path(root, sha)).ok()
}

/// Reads a thumbnail's bytes for the window.
pub fn read_thumbnail(root: &Path, sha: &str) -> Result<Vec<u8>> {
    let p = thumb_path(root, sha);
    std::fs::read(&p).map_err(|e| Error::io("cannot read", p, e))
}

/// Decodes a stored photo of any format: HEIC through `heic`, the others in `decode`.
fn decode(bytes: &[u8], format: Format, orientation: u8) -> std::result::Result<Decoded, String> {
    match format {
        Format::Heic => {
            let (img, size) = super::heic::decode(bytes)?;
            Ok(Decoded { upright: img, original: size, prints_as_is: false })
        }
        _ => super::decode::decode(bytes, format, orientation),
    }
}

/// Writes a rendition atomically, in place of any older one.
fn write(path: &Path, bytes: &[u8]) -> std::result::Result<(), String> {
    std::fs::create_dir_all(path.parent().expect("renditions folder")).map_err(|e| e.to_string())?;
    let mut out = crate::atomic::AtomicFile::create(path).map_err(|e: Error| e.to_string())?;
    std::io::Write::write_all(out.file(), bytes).map_err(|e| e.to_string())?;
    // Replaces what is there: a rendition depends on the photo's hidden areas as well as its bytes, so
    // one already present may show what has since been hidden. (`rename` waits out Windows when two
    // workers make the same picture at once.)
    out.commit().map_err(|e: Error| e.to_string())
}
