//! Pictures found inside Word, PowerPoint and OpenDocument files, made ready to print exactly as
//! photos are (refused by their header when they are bombs, decoded, turned upright, reduced and
//! encoded afresh with no metadata), and the reading copies that print them.
//!
//! Not for: photo exhibits and their renditions (see `rendition`), nor reading the documents
//! (`office`, `reading_copy`).

use super::decode::{check_size, decode, dimensions, orientation_of, Format, JpegFacts, PRINT_QUALITY};
use crate::pdf::Photo;
use crate::pixels::{downscale, encode};
use crate::reading_copy::Pic;

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
