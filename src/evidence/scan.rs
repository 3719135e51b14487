//! Multi-page scans: a TIFF from a school copier often holds every page of a scanned document.
//! It stays one exhibit; its first page gets the usual thumbnail and print copy (see `rendition`),
//! and every further page a print copy of its own, `renditions/<sha256>-p<n>-print.jpg` (n from 2),
//! made at import and again from the original when missing.
//!
//! The `image` crate reads only a TIFF's first page, so the pages are read here with the `tiff`
//! crate, whose decoder also handles the fax (CCITT Group 4) compression scanners use.
//!
//! Not for: single pictures (see `rendition`).

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{DynamicImage, GrayAlphaImage, GrayImage, ImageBuffer, RgbImage, RgbaImage};
use tiff::decoder::{Decoder, DecodingResult, Limits};
use tiff::ColorType;

/// Most pages taken from one scan: a longer document is better added as a PDF.
pub const MAX_PAGES: u32 = 100;

/// Pages in a TIFF (1 for a single picture). Refuses a file with more than [`MAX_PAGES`].
pub fn page_count(bytes: &[u8]) -> Result<u32, String> {
    let mut dec = decoder(bytes)?;
    let mut n = 1;
    while dec.more_images() {
        dec.next_image().map_err(|e| format!("the scan's page {} cannot be read ({e}); it may be damaged", n + 1))?;
        n += 1;
        if n > MAX_PAGES {
            return Err(format!(
                "the scan has more than {MAX_PAGES} pages; save it as a PDF (or split it) and add that"
            ));
        }
    }
    Ok(n)
}

/// Where the print copy of page `page` (2 or more) of the scan `sha` is kept.
pub fn page_path(root: &Path, sha: &str, page: u32) -> PathBuf {
    let dir = root.join("renditions");
    if !super::blobs::is_sha256(sha) {
        return dir;
    }
    dir.join(format!("{sha}-p{page}-print.jpg"))
}

/// Writes the print copies of pages 2 to `pages` of the TIFF `bytes`.
pub fn make_pages(root: &Path, sha: &str, bytes: &[u8], pages: u32) -> Result<(), String> {
    for page in 2..=pages {
        let jpeg = print_copy(bytes, page)?;
        write(&page_path(root, sha, page), &jpeg)?;
    }
    Ok(())
}

/// The print copy of page `page` (2 or more), made again from the original when it is missing.
pub fn page_print_bytes(root: &Path, sha: &str, page: u32) -> Result<Vec<u8>, String> {
    let path = page_path(root, sha, page);
    if let Ok(bytes) = std::fs::read(&path) {
        return Ok(bytes);
    }
    let original = std::fs::read(super::blobs::path(root, sha)).map_err(|e| format!("the stored file cannot be read ({e})"))?;
    let jpeg = print_copy(&original, page)?;
    write(&path, &jpeg)?;
    Ok(jpeg)
}

/// Removes the page print copies of `sha` (used when an import is rolled back).
pub fn remove_pages(root: &Path, sha: &str) {
    for page in 2..=MAX_PAGES {
        if std::fs::remove_file(page_path(root, sha, page)).is_err() {
            break;
        }
    }
}

fn decoder(bytes: &[u8]) -> Result<Decoder<Cursor<&[u8]>>, String> {
    Decoder::new(Cursor::new(bytes))
        .map(|d| d.with_limits(Limits::unlimited()))
        .map_err(|e| format!("the scan cannot be read ({e}); it may be damaged"))
}

/// Page `page` (1-based) decoded, reduced and encoded as a print copy.
fn print_copy(bytes: &[u8], page: u32) -> Result<Vec<u8>, String> {
    let img = decode_page(bytes, page)?;
    let img = crate::pixels::downscale(img, super::decode::PRINT_MAX_EDGE);
    let rgb = DynamicImage::ImageRgb8(crate::pixels::flatten_on_white(&img));
    crate::pixels::encode(&rgb, super::decode::PRINT_QUALITY)
}

/// Decodes one page of a TIFF into pixels.
pub fn decode_page(bytes: &[u8], page: u32) -> Result<DynamicImage, String> {
    let mut dec = decoder(bytes)?;
    let bad = |e: tiff::TiffError| format!("the scan's page {page} cannot be read ({e}); it may be damaged");
    dec.seek_to_image(page.saturating_sub(1) as usize).map_err(bad)?;
    let (w, h) = dec.dimensions().map_err(bad)?;
    // The header's size is checked before anything is decoded (a small file can claim a huge page).
    super::decode::check_size(w, h)?;
    let color = dec.colortype().map_err(bad)?;
    let data = dec.read_image().map_err(bad)?;
    let unsupported = || format!("the scan's page {page} uses a colour format this version cannot read; save the scan as PDF or JPEG and add that");
    let img = match (color, data) {
        (ColorType::Gray(1), DecodingResult::U8(v)) => {
            // Bits packed 8 to a byte, each row starting on a byte; the decoder has already turned
            // white-is-zero scans the right way round, so a set bit is white.
            let row = w.div_ceil(8) as usize;
            let mut px = Vec::with_capacity(w as usize * h as usize);
            for r in v.chunks(row).take(h as usize) {
                for x in 0..w as usize {
                    let bit = r.get(x / 8).map(|b| (b >> (7 - x % 8)) & 1).unwrap_or(1);
                    px.push(if bit == 1 { 255 } else { 0 });
                }
            }
            GrayImage::from_raw(w, h, px).map(DynamicImage::ImageLuma8)
        }
        (ColorType::Gray(8), DecodingResult::U8(v)) => GrayImage::from_raw(w, h, v).map(DynamicImage::ImageLuma8),
        (ColorType::Gray(16), DecodingResult::U16(v)) => {
            ImageBuffer::from_raw(w, h, v).map(DynamicImage::ImageLuma16)
        }
        (ColorType::GrayA(8), DecodingResult::U8(v)) => GrayAlphaImage::from_raw(w, h, v).map(DynamicImage::ImageLumaA8),
        (ColorType::RGB(8), DecodingResult::U8(v)) => RgbImage::from_raw(w, h, v).map(DynamicImage::ImageRgb8),
        (ColorType::RGBA(8), DecodingResult::U8(v)) => RgbaImage::from_raw(w, h, v).map(DynamicImage::ImageRgba8),
        (ColorType::RGB(16), DecodingResult::U16(v)) => ImageBuffer::from_raw(w, h, v).map(DynamicImage::ImageRgb16),
        (ColorType::RGBA(16), DecodingResult::U16(v)) => ImageBuffer::from_raw(w, h, v).map(DynamicImage::ImageRgba16),
        // Palette, CMYK, Lab, floating point and other rare layouts.
        _ => None,
    };
    img.ok_or_else(unsupported)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::create_dir_all(path.parent().expect("renditions folder")).map_err(|e| e.to_string())?;
    crate::atomic::write(path, bytes).map_err(|e: crate::error::Error| e.to_string())
}
