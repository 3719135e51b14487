//! The low level of pictures: how big a picture says it is (refusing decompression bombs from the
//! header, before any decoding), how a stored photo is decoded (JPEGs scaled inside libjpeg-turbo,
//! other formats by the `image` crate), and the edges and quality print copies are made to.
//!
//! Not for: HEIC (see `heic`, which stands on this file), writing renditions (`rendition`), pictures
//! inside documents (`document_pictures`) or scans' further pages (`scan`).

use std::io::Cursor;

use image::{DynamicImage, ImageReader};

use crate::pixels::{flatten_on_white, upright};

/// The print copy's long side is at least this (when the original has it): a photo is printed at
/// most about 6.5 inches wide in the appendix, so 1,000 pixels is over 150 ppi at that size.
pub const PRINT_MIN_EDGE: u32 = 1000;

/// Photos whose long side is at most this are printed from the original itself (JPEGs passed
/// through with their metadata removed); larger ones get a print copy no larger than this.
pub const PRINT_MAX_EDGE: u32 = 1600;

/// JPEG quality of print copies: above what the eye notices on paper, well under the original's size.
pub(super) const PRINT_QUALITY: i32 = 82;

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

/// Format of a stored photo from its MIME type; None for anything that is not a picture.
pub fn format_of(mime: &str) -> Option<Format> {
    match mime {
        "image/jpeg" => Some(Format::Jpeg),
        "image/png" | "image/webp" | "image/gif" | "image/tiff" | "image/bmp" => Some(Format::Other),
        "image/heic" => Some(Format::Heic),
        _ => None,
    }
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

/// The EXIF orientation of a JPEG (1, upright, for other formats).
pub(super) fn orientation_of(bytes: &[u8], format: Format) -> u8 {
    if format == Format::Jpeg { super::exif::read(bytes).orientation } else { 1 }
}

/// What a JPEG's header says, before any decoding.
pub(super) struct JpegFacts {
    pub(super) width: u32,
    pub(super) height: u32,
    /// A CMYK or YCCK JPEG: printed from an RGB copy, since viewers disagree on raw CMYK.
    pub(super) cmyk: bool,
}

impl JpegFacts {
    pub(super) fn read(bytes: &[u8]) -> std::result::Result<JpegFacts, String> {
        let h = turbojpeg::read_header(bytes).map_err(|e| format!("the photo is damaged ({e})"))?;
        let cmyk = matches!(h.colorspace, turbojpeg::Colorspace::CMYK | turbojpeg::Colorspace::YCCK);
        Ok(JpegFacts { width: h.width as u32, height: h.height as u32, cmyk })
    }

    /// Small enough, and in colours every viewer shows alike, to go in the PDF as it is.
    pub(super) fn prints_as_is(&self) -> bool {
        self.width.max(self.height) <= PRINT_MAX_EDGE && !self.cmyk
    }
}

pub(super) struct Decoded {
    /// Upright pixels, already reduced when the decoder could do it cheaply.
    pub(super) upright: DynamicImage,
    /// Upright size of the original.
    pub(super) original: (u32, u32),
    /// The original goes in the PDF itself (a small RGB JPEG), so no print copy is needed.
    pub(super) prints_as_is: bool,
}

pub(super) fn decode_with_image(bytes: &[u8]) -> std::result::Result<DynamicImage, String> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    // The size was checked against MAX_PIXELS from the header before we got here.
    reader.no_limits();
    reader.decode().map_err(|e| format!("the image cannot be read ({e}); it may be damaged"))
}

pub(super) fn decode(bytes: &[u8], format: Format, orientation: u8) -> std::result::Result<Decoded, String> {
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
        // HEIC is decoded by `heic`, which stands on this file; `rendition` sends it there.
        Format::Heic => Err("a HEIC photo is decoded by the HEIC reader".into()),
    }
}
