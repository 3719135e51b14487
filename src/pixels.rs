//! Pixel work shared by the evidence library (renditions at import) and the PDF (reductions to fit
//! a size budget): turning upright, reducing with a good filter, flattening transparency, encoding.

use image::{DynamicImage, RgbImage};

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

/// Reduces so the long side is at most `max_side`: area averaging to about twice the target (a
/// proper low-pass, and fast), then Lanczos for the last step (sharp, without aliasing).
pub fn downscale(img: DynamicImage, max_side: u32) -> DynamicImage {
    let longest = img.width().max(img.height());
    if longest <= max_side {
        return img;
    }
    let img = if longest > 2 * max_side { img.thumbnail(2 * max_side, 2 * max_side) } else { img };
    img.resize(max_side, max_side, image::imageops::FilterType::Lanczos3)
}

/// Transparent areas print as white paper.
pub fn flatten_on_white(img: &DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.to_rgb8();
    }
    let rgba = img.to_rgba8();
    let mut rgb = RgbImage::new(rgba.width(), rgba.height());
    for (p, q) in rgba.pixels().zip(rgb.pixels_mut()) {
        let a = p[3] as u32;
        for c in 0..3 {
            q[c] = ((p[c] as u32 * a + 255 * (255 - a)) / 255) as u8;
        }
    }
    rgb
}

/// Baseline JPEG, 4:2:0, no metadata at all (libjpeg-turbo writes only the JFIF header).
pub fn encode(img: &DynamicImage, quality: i32) -> std::result::Result<Vec<u8>, String> {
    let rgb = img.to_rgb8();
    let mut c = turbojpeg::Compressor::new().map_err(|e| e.to_string())?;
    c.set_quality(quality).map_err(|e| e.to_string())?;
    c.set_subsamp(turbojpeg::Subsamp::Sub2x2).map_err(|e| e.to_string())?;
    let (w, h) = (rgb.width() as usize, rgb.height() as usize);
    let image = turbojpeg::Image { pixels: rgb.as_raw().as_slice(), width: w, pitch: 3 * w, height: h, format: turbojpeg::PixelFormat::RGB };
    c.compress_to_vec(image).map_err(|e| format!("a smaller copy could not be made ({e})"))
}

/// The smallest DCT scale (1/8, 1/4, 1/2 or 1) that keeps a long side of `long` pixels at least `min_long`.
pub fn jpeg_scale(long: u32, min_long: u32) -> usize {
    [8usize, 4, 2].into_iter().find(|d| long.div_ceil(*d as u32) >= min_long).unwrap_or(1)
}

/// Decodes an 8-bit RGB or greyscale JPEG at the smallest size inside libjpeg-turbo that keeps the
/// long side at least `min_long`: the DCT does the reducing, so the full-size picture is never made.
/// CMYK and other JPEGs libjpeg-turbo cannot turn into RGB give an error (callers fall back).
pub fn decode_jpeg_scaled(bytes: &[u8], long: u32, min_long: u32) -> Result<DynamicImage, String> {
    let mut d = turbojpeg::Decompressor::new().map_err(|e| e.to_string())?;
    let factor = turbojpeg::ScalingFactor::new(1, jpeg_scale(long, min_long));
    let header = d.read_header(bytes).map_err(|e| e.to_string())?.scaled(factor);
    d.set_scaling_factor(factor).map_err(|e| e.to_string())?;
    let mut out = turbojpeg::Image {
        pixels: vec![0u8; 3 * header.width * header.height],
        width: header.width,
        pitch: 3 * header.width,
        height: header.height,
        format: turbojpeg::PixelFormat::RGB,
    };
    d.decompress(bytes, out.as_deref_mut()).map_err(|e| e.to_string())?;
    RgbImage::from_raw(header.width as u32, header.height as u32, out.pixels)
        .map(DynamicImage::ImageRgb8)
        .ok_or_else(|| "the decoded photo has the wrong size".to_string())
}
