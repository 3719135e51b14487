//! Thumbnails made once at import: upright (EXIF orientation applied), small, and free of metadata,
//! at `<data>/renditions/<sha256>-thumb.jpg`. They can always be rebuilt from the original.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{DynamicImage, ImageReader};

use crate::error::{Error, Result};

/// Long edge of a thumbnail, in pixels.
pub const THUMB_EDGE: u32 = 256;

/// Refuse images above this many pixels before decoding them: a small file can claim a huge size
/// (a decompression bomb) and exhaust the laptop's memory.
pub const MAX_PIXELS: u64 = 100_000_000;

/// Path of the thumbnail for `sha`. As with [`super::blobs::path`], a value that is not a hash maps
/// to the `renditions` folder itself, so it can neither be read as a thumbnail nor lead outside.
pub fn thumb_path(root: &Path, sha: &str) -> PathBuf {
    let dir = root.join("renditions");
    if !super::blobs::is_sha256(sha) {
        return dir;
    }
    dir.join(format!("{sha}-thumb.jpg"))
}

/// Width and height from the header alone, refusing bombs.
pub fn dimensions(bytes: &[u8]) -> std::result::Result<(u32, u32), String> {
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    let (w, h) = reader.into_dimensions().map_err(|e| format!("the image is damaged ({e})"))?;
    if w == 0 || h == 0 {
        return Err("the image has no pixels".into());
    }
    if w as u64 * h as u64 > MAX_PIXELS {
        return Err(format!("it claims to be {w} × {h} pixels, too large to open safely (a damaged or malicious file?)"));
    }
    Ok((w, h))
}

/// Decodes, turns upright and writes the thumbnail; returns the upright (width, height) of the original.
pub fn make_thumbnail(root: &Path, sha: &str, bytes: &[u8], orientation: u8) -> std::result::Result<(u32, u32), String> {
    if !super::blobs::is_sha256(sha) {
        return Err("its stored name is not a stored file's name, so no thumbnail was made".into());
    }
    dimensions(bytes)?;
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    reader.no_limits();
    let img = reader.decode().map_err(|e| format!("the image cannot be read ({e}); it may be damaged"))?;
    let img = upright(img, orientation);
    let (w, h) = (img.width(), img.height());
    let thumb = img.thumbnail(THUMB_EDGE, THUMB_EDGE).to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .encode_image(&thumb)
        .map_err(|e| format!("the thumbnail could not be made ({e})"))?;
    let path = thumb_path(root, sha);
    std::fs::create_dir_all(path.parent().expect("renditions folder")).map_err(|e| e.to_string())?;
    crate::atomic::write(&path, &out).map_err(|e: Error| e.to_string())?;
    Ok((w, h))
}

/// Applies EXIF orientation 1–8 to decoded pixels.
pub fn upright(img: DynamicImage, orientation: u8) -> DynamicImage {
    match orientation {
        2 => img.fliph(),
        3 => img.rotate180(),
        4 => img.flipv(),
        5 => img.rotate90().fliph(),
        6 => img.rotate90(),
        7 => img.rotate270().fliph(),
        8 => img.rotate270(),
        _ => img,
    }
}

/// Reads a thumbnail's bytes for the window.
pub fn read_thumbnail(root: &Path, sha: &str) -> Result<Vec<u8>> {
    let p = thumb_path(root, sha);
    std::fs::read(&p).map_err(|e| Error::io("cannot read", p, e))
}
