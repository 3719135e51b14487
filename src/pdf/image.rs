//! Photos: JPEGs passed through as they are (DCTDecode) with their metadata segments removed, so no
//! EXIF, GPS, camera, XMP or IPTC data reaches the PDF; EXIF orientation applied in the placement
//! transform rather than by re-encoding; oversized photos reduced once. Other formats arrive as JPEG
//! print copies made at import (see `evidence::rendition`).
//!
//! Not for: deciding which photos go where (see `portfolio`).

use std::collections::BTreeMap;

use printpdf::{DictItem, ExternalStream, ExternalXObject, Px};

use crate::error::{Error, Result};

/// Longest side kept for a photo; at the largest printed size (the text width, about 6.5 inches)
/// this is well over 200 ppi.
pub const MAX_SIDE: u32 = 1600;

/// A photo ready to embed: a baseline or progressive JPEG without metadata segments.
#[derive(Debug, Clone)]
pub struct Photo {
    pub jpeg: Vec<u8>,
    /// Stored pixel size (before orientation).
    pub width: u32,
    pub height: u32,
    components: u8,
    /// EXIF orientation, 1 to 8 (1 = upright as stored).
    pub orientation: u8,
}

impl Photo {
    /// Width and height as seen upright.
    pub fn upright_size(&self) -> (u32, u32) {
        if (5..=8).contains(&self.orientation) {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }

    /// Makes a photo from a JPEG's bytes: passed through with its metadata removed when small
    /// enough, else reduced once to `MAX_SIDE` (the orientation is kept and applied when placed).
    /// The portfolio hands over print copies (see `evidence::rendition`), which are always small
    /// JPEGs; anything else is refused.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Photo> {
        let refuse = |reason: String| Error::Refused {
            file: name.into(),
            reason,
        };
        if !bytes.starts_with(&[0xFF, 0xD8]) {
            return Err(refuse("it is not a JPEG; only print copies in JPEG go in the PDF".into()));
        }
        let photo = strip_jpeg(bytes).map_err(refuse)?;
        if photo.width.max(photo.height) <= MAX_SIDE {
            return Ok(photo);
        }
        if (photo.width as u64) * (photo.height as u64) > 100_000_000 {
            return Err(refuse(
                "the image is larger than 100 megapixels; it cannot go in the portfolio".into(),
            ));
        }
        photo.reduced(MAX_SIDE, 82)
    }

    /// A smaller copy: longest side at most `max_side`, encoded at `quality`. The orientation is
    /// kept (it is applied when the photo is placed).
    pub fn reduced(&self, max_side: u32, quality: u8) -> Result<Photo> {
        // Scaled inside the decoder where it can be (the photos of a tight budget shrink 2× or more);
        // CMYK and unusual JPEGs go through the `image` crate at full size.
        let scaled = if self.components == 4 {
            None
        } else {
            crate::pixels::decode_jpeg_scaled(&self.jpeg, self.width.max(self.height), max_side).ok()
        };
        let img = match scaled {
            Some(img) => img,
            None => image::load_from_memory_with_format(&self.jpeg, image::ImageFormat::Jpeg)
                .map_err(|e| Error::Pdf(format!("a photo could not be reduced ({e})")))?,
        };
        let img = crate::pixels::downscale(img, max_side);
        let rgb = crate::pixels::flatten_on_white(&img);
        let (width, height) = rgb.dimensions();
        let out = crate::pixels::encode(&image::DynamicImage::ImageRgb8(rgb), quality as i32)
            .map_err(|e| Error::Pdf(format!("a photo could not be reduced ({e})")))?;
        Ok(Photo {
            jpeg: out,
            width,
            height,
            components: 3,
            orientation: self.orientation,
        })
    }

    /// The image as a PDF XObject: the JPEG bytes verbatim under /DCTDecode.
    pub(crate) fn into_xobject(self) -> ExternalXObject {
        let mut dict = BTreeMap::new();
        dict.insert("Type".to_string(), DictItem::Name("XObject".into()));
        dict.insert("Subtype".to_string(), DictItem::Name("Image".into()));
        dict.insert("Width".to_string(), DictItem::Int(self.width as i64));
        dict.insert("Height".to_string(), DictItem::Int(self.height as i64));
        dict.insert("BitsPerComponent".to_string(), DictItem::Int(8));
        let space = match self.components {
            1 => "DeviceGray",
            4 => "DeviceCMYK",
            _ => "DeviceRGB",
        };
        dict.insert("ColorSpace".to_string(), DictItem::Name(space.into()));
        dict.insert("Filter".to_string(), DictItem::Name("DCTDecode".into()));
        if self.components == 4 && self.adobe_inverted() {
            // Adobe CMYK JPEGs store inverted ink values.
            dict.insert(
                "Decode".to_string(),
                DictItem::Array(vec![
                    DictItem::Int(1),
                    DictItem::Int(0),
                    DictItem::Int(1),
                    DictItem::Int(0),
                    DictItem::Int(1),
                    DictItem::Int(0),
                    DictItem::Int(1),
                    DictItem::Int(0),
                ]),
            );
        }
        ExternalXObject {
            stream: ExternalStream {
                dict,
                content: self.jpeg.clone(),
                compress: false,
            },
            width: Some(Px(self.width as usize)),
            height: Some(Px(self.height as usize)),
            dpi: None,
        }
    }

    fn adobe_inverted(&self) -> bool {
        self.jpeg
            .windows(7)
            .any(|w| w[0] == 0xFF && w[1] == 0xEE && &w[4..7] == b"Ado")
    }

    /// The placement matrix that draws the stored image upright into the box (x, y, w, h).
    pub(crate) fn matrix(&self, x: f32, y: f32, w: f32, h: f32) -> [f32; 6] {
        match self.orientation {
            2 => [-w, 0.0, 0.0, h, x + w, y],
            3 => [-w, 0.0, 0.0, -h, x + w, y + h],
            4 => [w, 0.0, 0.0, -h, x, y + h],
            5 => [0.0, -h, -w, 0.0, x + w, y + h],
            6 => [0.0, -h, w, 0.0, x, y + h],
            7 => [0.0, h, w, 0.0, x, y],
            8 => [0.0, h, -w, 0.0, x + w, y],
            _ => [w, 0.0, 0.0, h, x, y],
        }
    }
}

/// Copies a JPEG keeping only what decoding needs: APP0 (JFIF) and APP14 (Adobe, which says how
/// CMYK and YCCK are stored) stay; APP1–APP13, APP15 (EXIF, GPS, XMP, ICC-less camera data, IPTC)
/// and comments go. Reads size, components and EXIF orientation on the way.
fn strip_jpeg(bytes: &[u8]) -> std::result::Result<Photo, String> {
    let bad = || "the JPEG is damaged (its segments do not add up)".to_string();
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut size = None;
    let mut orientation = 1;
    let mut walk = crate::jpeg::segments(bytes);
    for seg in walk.by_ref() {
        let body = seg.body;
        match seg.marker {
            0xE1 => {
                if let Some(tiff) = crate::jpeg::exif_tiff(body) {
                    orientation = crate::jpeg::orientation(tiff).map_or(1, |v| v as u8);
                }
            }
            0xE2..=0xED | 0xEF | 0xFE => {}
            marker => {
                if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) && body.len() >= 6 {
                    let h = u16::from_be_bytes([body[1], body[2]]) as u32;
                    let w = u16::from_be_bytes([body[3], body[4]]) as u32;
                    size = Some((w, h, body[5]));
                }
                out.extend_from_slice(&bytes[seg.start..seg.end]);
            }
        }
    }
    // Start of scan: everything from here on is image data and later scans.
    match walk.end {
        Some(crate::jpeg::End::Scan(at)) => out.extend_from_slice(&bytes[at..]),
        _ => return Err(bad()),
    }
    let (width, height, components) = size.ok_or_else(bad)?;
    if width == 0 || height == 0 {
        return Err(bad());
    }
    Ok(Photo {
        jpeg: out,
        width,
        height,
        components,
        orientation: if (1..=8).contains(&orientation) { orientation } else { 1 },
    })
}
