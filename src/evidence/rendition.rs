//! Smaller copies of a photo, made once at import from one decode: a thumbnail for the library grid
//! and, for photos too big to print as they are, a print copy for the portfolio. Both are upright
//! (EXIF orientation applied), free of metadata, and kept at `<data>/renditions/<sha256>-*.jpg`, so
//! the export only places bytes. They can always be rebuilt from the original.
//!
//! JPEGs are decoded at a reduced size inside libjpeg-turbo (DCT scaling): a 12 MP phone photo
//! comes out at 1000 × 750 without ever being decoded at full size, which is both the fastest way to
//! a print copy and what keeps memory flat.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{DynamicImage, ImageReader};

pub use crate::pixels::{downscale, encode, flatten_on_white, upright};

use super::redact::Redaction;
use crate::pdf::Photo;
use crate::reading_copy::Pic;
use crate::error::{Error, Result};

/// Long edge of a thumbnail, in pixels.
pub const THUMB_EDGE: u32 = 256;

/// The print copy's long side is at least this (when the original has it): a photo is printed at
/// most about 6.5 inches wide in the appendix, so 1,000 pixels is over 150 ppi at that size.
pub const PRINT_MIN_EDGE: u32 = 1000;

/// Photos whose long side is at most this are printed from the original itself (JPEGs passed
/// through with their metadata removed); larger ones get a print copy no larger than this.
pub const PRINT_MAX_EDGE: u32 = 1600;

/// JPEG quality of print copies: above what the eye notices on paper, well under the original's size.
const PRINT_QUALITY: i32 = 82;

/// Refuse images above this many pixels before decoding them: a small file can claim a huge size
/// (a decompression bomb) and exhaust the laptop's memory.
pub const MAX_PIXELS: u64 = 100_000_000;

/// How a photo is stored, as far as decoding is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    /// PNG, WebP, GIF, TIFF (its first page) or BMP: decoded by the `image` crate.
    Other,
    Heic,
}

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

/// Width and height from the header alone, refusing bombs.
pub fn dimensions(bytes: &[u8]) -> std::result::Result<(u32, u32), String> {
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    let (w, h) = reader.into_dimensions().map_err(|e| format!("the image is damaged ({e})"))?;
    check_size(w, h)?;
    Ok((w, h))
}

/// Refuses a picture with no pixels or more than `MAX_PIXELS`, from its header's size.
pub(super) fn check_size(w: u32, h: u32) -> std::result::Result<(), String> {
    if w == 0 || h == 0 {
        return Err("the image has no pixels".into());
    }
    if w as u64 * h as u64 > MAX_PIXELS {
        return Err(format!("it claims to be {w} × {h} pixels, too large to open safely (a damaged or malicious file?)"));
    }
    Ok(())
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

/// Format of a stored photo from its MIME type; None for anything that is not a picture.
pub fn format_of(mime: &str) -> Option<Format> {
    match mime {
        "image/jpeg" => Some(Format::Jpeg),
        "image/png" | "image/webp" | "image/gif" | "image/tiff" | "image/bmp" => Some(Format::Other),
        "image/heic" => Some(Format::Heic),
        _ => None,
    }
}

/// Longest side of a picture from inside a Word, PowerPoint or OpenDocument file once made ready
/// to print: such pictures are drawn at most the text width (about 6.5 inches), so this is still
/// over 180 ppi there.
pub const DOCUMENT_PICTURE_EDGE: u32 = 1200;

/// How a picture found inside an office document is decoded; EMF, WMF, TIFF, SVG and anything
/// else is not printed (the reading copy says so in its place).
fn document_picture_format(bytes: &[u8]) -> std::result::Result<Format, String> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(Format::Jpeg);
    }
    match image::guess_format(bytes) {
        Ok(image::ImageFormat::Png | image::ImageFormat::Gif | image::ImageFormat::WebP) => Ok(Format::Other),
        _ => Err("this kind of picture (a drawing format such as EMF or WMF) cannot be printed".into()),
    }
}

/// Upright size in pixels of a picture inside an office document, from its header alone, or why
/// it will not be printed. Counting a reading copy's pages needs no more than this.
pub fn document_picture_size(bytes: &[u8]) -> std::result::Result<(u32, u32), String> {
    let format = document_picture_format(bytes)?;
    let (w, h) = match format {
        Format::Jpeg => {
            let facts = JpegFacts::read(bytes)?;
            (facts.width, facts.height)
        }
        _ => dimensions(bytes)?,
    };
    check_size(w, h)?;
    let orientation = orientation_of(bytes, format);
    Ok(if (5..=8).contains(&orientation) { (h, w) } else { (w, h) })
}

/// A picture found inside an office document, made ready to print exactly as photos are: refused
/// by its header when it is a bomb, decoded (scaled inside libjpeg-turbo for JPEGs), turned
/// upright, reduced to [`DOCUMENT_PICTURE_EDGE`] and encoded afresh, so the JPEG carries no
/// metadata at all (no EXIF, no GPS, no camera). An `Err` is a reason in words.
pub fn document_picture(bytes: &[u8]) -> std::result::Result<Vec<u8>, String> {
    let format = document_picture_format(bytes)?;
    let decoded = decode(bytes, format, orientation_of(bytes, format))?;
    encode(&downscale(decoded.upright, DOCUMENT_PICTURE_EDGE), PRINT_QUALITY)
}

/// A picture inside an office document as its reading copy prints it: decoded and re-encoded without
/// metadata, like photos ([`document_picture`]).
pub(crate) fn reading_copy_picture(bytes: &[u8]) -> Pic {
    let Ok(size) = document_picture_size(bytes) else { return Pic::NotShown };
    match document_picture(bytes).and_then(|jpeg| Photo::from_bytes(&jpeg, "picture").map_err(|e| e.to_string())) {
        Ok(photo) => Pic::Shown(photo, size),
        Err(_) => Pic::NotShown,
    }
}

/// A picture inside an office document measured from its header only: enough to count the reading
/// copy's pages at import.
pub(crate) fn reading_copy_picture_size(bytes: &[u8]) -> Pic {
    match document_picture_size(bytes) {
        Ok((w, h)) => Pic::Sized(w, h),
        Err(_) => Pic::NotShown,
    }
}

/// Pages a Word, PowerPoint or OpenDocument file (of type `mime`) will take in the portfolio as a
/// reading copy, or why it cannot have one. Read once at import, so that the library can show it.
pub fn reading_copy_pages(bytes: &[u8], mime: &str) -> std::result::Result<usize, crate::office::Problem> {
    reading_copy_facts(bytes, mime).map(|(pages, _)| pages)
}

/// The pages of a document's reading copy (as [`reading_copy_pages`]) and how many of its embedded
/// objects it cannot show.
pub fn reading_copy_facts(bytes: &[u8], mime: &str) -> std::result::Result<(usize, usize), crate::office::Problem> {
    let content = crate::office::read_as(bytes, mime)?;
    let objects = content.objects_not_shown();
    let pages = crate::reading_copy::page_count(
        crate::reading_copy::ReadingCopy::new(content, reading_copy_picture_size),
        crate::i18n::Lang::En,
    );
    Ok((pages, objects))
}

/// Writes the reading copy of a Word, PowerPoint or OpenDocument file (of type `mime`, called
/// `file`) on its own as a PDF to `out`, pictures made safe as in the portfolio; the pages written,
/// or why it has no reading copy.
pub fn reading_copy_pdf(bytes: &[u8], mime: &str, file: &str, out: &mut dyn std::io::Write) -> std::result::Result<usize, String> {
    let content = crate::office::read_as(bytes, mime).map_err(|p| p.message())?;
    let copy = crate::reading_copy::ReadingCopy::new(content, reading_copy_picture);
    crate::reading_copy::write_pdf(copy, crate::i18n::Lang::En, file, out).map_err(|e| e.to_string())
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

fn orientation_of(bytes: &[u8], format: Format) -> u8 {
    if format == Format::Jpeg { super::exif::read(bytes).orientation } else { 1 }
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

/// What a JPEG's header says, before any decoding.
struct JpegFacts {
    width: u32,
    height: u32,
    /// A CMYK or YCCK JPEG: printed from an RGB copy, since viewers disagree on raw CMYK.
    cmyk: bool,
}

impl JpegFacts {
    fn read(bytes: &[u8]) -> std::result::Result<JpegFacts, String> {
        let h = turbojpeg::read_header(bytes).map_err(|e| format!("the photo is damaged ({e})"))?;
        let cmyk = matches!(h.colorspace, turbojpeg::Colorspace::CMYK | turbojpeg::Colorspace::YCCK);
        Ok(JpegFacts { width: h.width as u32, height: h.height as u32, cmyk })
    }

    /// Small enough, and in colours every viewer shows alike, to go in the PDF as it is.
    fn prints_as_is(&self) -> bool {
        self.width.max(self.height) <= PRINT_MAX_EDGE && !self.cmyk
    }
}

struct Decoded {
    /// Upright pixels, already reduced when the decoder could do it cheaply.
    upright: DynamicImage,
    /// Upright size of the original.
    original: (u32, u32),
    /// The original goes in the PDF itself (a small RGB JPEG), so no print copy is needed.
    prints_as_is: bool,
}

fn decode(bytes: &[u8], format: Format, orientation: u8) -> std::result::Result<Decoded, String> {
    let turned = |(w, h): (u32, u32)| if (5..=8).contains(&orientation) { (h, w) } else { (w, h) };
    match format {
        Format::Jpeg => {
            let facts = JpegFacts::read(bytes)?;
            let (w, h) = (facts.width, facts.height);
            check_size(w, h)?;
            // libjpeg-turbo cannot turn CMYK into RGB, and a few rare JPEGs (12-bit, lossless) are
            // beyond its 8-bit path: those go through the `image` crate at full size instead.
            let pixels = if facts.cmyk { None } else { crate::pixels::decode_jpeg_scaled(bytes, w.max(h), PRINT_MIN_EDGE).ok() };
            let img = match pixels {
                Some(img) => img,
                None => decode_with_image(bytes)?,
            };
            Ok(Decoded { upright: upright(img, orientation), original: turned((w, h)), prints_as_is: facts.prints_as_is() })
        }
        Format::Other => {
            let (w, h) = dimensions(bytes)?;
            let img = decode_with_image(bytes)?;
            Ok(Decoded { upright: DynamicImage::ImageRgb8(flatten_on_white(&img)), original: (w, h), prints_as_is: false })
        }
        Format::Heic => {
            let (img, size) = super::heic::decode(bytes)?;
            Ok(Decoded { upright: img, original: size, prints_as_is: false })
        }
    }
}

fn decode_with_image(bytes: &[u8]) -> std::result::Result<DynamicImage, String> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    // The size was checked against MAX_PIXELS from the header before we got here.
    reader.no_limits();
    reader.decode().map_err(|e| format!("the image cannot be read ({e}); it may be damaged"))
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
