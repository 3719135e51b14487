//! iPhone photos (HEIC). Decoded with libheif, which applies the file's own rotation and mirroring,
//! so what comes out is already upright. Built from libheif's source (the `heic` feature), since
//! Debian 12's libheif is older than the Rust binding needs; the HEVC decoder is the system libde265.

use image::DynamicImage;

/// Decodes the primary image, upright, refusing oversize images before decoding. Returns the
/// pixels and their size.
#[cfg(feature = "heic")]
pub fn decode(bytes: &[u8]) -> Result<(DynamicImage, (u32, u32)), String> {
    use libheif_rs::{ColorSpace, HeifContext, LibHeif, RgbChroma};

    let damaged = |e: libheif_rs::HeifError| format!("the HEIC photo cannot be read ({}); it may be damaged", e.message);
    let ctx = HeifContext::read_from_bytes(bytes).map_err(damaged)?;
    let handle = ctx.primary_image_handle().map_err(damaged)?;
    super::decode::check_size(handle.width(), handle.height())?;
    let lib = LibHeif::new();
    let img = lib.decode(&handle, ColorSpace::Rgb(RgbChroma::Rgb), None).map_err(damaged)?;
    let plane = img.planes().interleaved.ok_or("the HEIC photo has no colour plane")?;
    let (pw, ph) = (plane.width, plane.height);
    // Rows may be padded: copy each row's pixels into a tight buffer.
    let row = pw as usize * 3;
    let mut pixels = Vec::with_capacity(row * ph as usize);
    for y in 0..ph as usize {
        let start = y * plane.stride;
        pixels.extend_from_slice(plane.data.get(start..start + row).ok_or("the HEIC photo's pixels are cut short")?);
    }
    let rgb = image::RgbImage::from_raw(pw, ph, pixels).ok_or("the HEIC photo's pixels are cut short")?;
    Ok((DynamicImage::ImageRgb8(rgb), (pw, ph)))
}

/// Without libheif the file is kept as it is, and the reason is given in words.
#[cfg(not(feature = "heic"))]
pub fn decode(_bytes: &[u8]) -> Result<(DynamicImage, (u32, u32)), String> {
    Err("this copy of the app was built without HEIC support; the photo is kept but cannot be shown or printed. \
         Export it as JPEG on the phone (Settings › Camera › Formats › Most Compatible) to print it"
        .into())
}
