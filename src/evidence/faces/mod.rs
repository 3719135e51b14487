//! Face suggestions for hiding: finds frontal faces in a photo, offline, with the SeetaFace detector
//! (`rustface`) and the frontal model that ships inside the app (`seeta_fd_frontal_v1.0.bin`, BSD
//! 2-clause, see `LICENSE-SeetaFace.txt` beside it).
//!
//! Suggestions only: the detector misses faces that are side-on, small, covered or blurred, so the
//! window shows them for the coordinator to accept and says that every face must still be checked.
//! Not for: applying hidden areas (see `redact`).

use image::DynamicImage;

use super::redaction::{Region, Shape};

/// The model, compiled into the binary so that suggestions work on a laptop with no internet.
static MODEL: &[u8] = include_bytes!("seeta_fd_frontal_v1.0.bin");

/// Long side the picture is reduced to before looking for faces: the print copy's size. Faces
/// smaller than `MIN_FACE` pixels there are too small to recognise on paper anyway.
const LOOK_EDGE: u32 = 1600;
const MIN_FACE: u32 = 20;

/// How much a found box is grown on each side: the detector's box is tight around eyes, nose and
/// mouth, and hair, ears and chin identify a child too.
const MARGIN: f32 = 0.25;

/// Suggested face areas in `img` (upright), as fractions of its width and height, left to right.
pub fn suggest(img: &DynamicImage) -> Vec<Region> {
    let img = crate::pixels::downscale(img.clone(), LOOK_EDGE);
    let gray = img.to_luma8();
    let (w, h) = gray.dimensions();
    if w < MIN_FACE || h < MIN_FACE {
        return Vec::new();
    }
    let model = rustface::read_model(MODEL).expect("the face model compiled into the app is valid");
    let mut detector = rustface::create_detector_with_model(model);
    detector.set_min_face_size(MIN_FACE);
    detector.set_score_thresh(2.0);
    detector.set_pyramid_scale_factor(0.8);
    detector.set_slide_window_step(4, 4);
    let faces = detector.detect(&rustface::ImageData::new(gray.as_raw(), w, h));
    let (fw, fh) = (w as f32, h as f32);
    let mut regions: Vec<Region> = faces
        .iter()
        .map(|f| {
            let b = f.bbox();
            let (bw, bh) = (b.width() as f32, b.height() as f32);
            let x0 = (b.x() as f32 - bw * MARGIN).max(0.0);
            let y0 = (b.y() as f32 - bh * MARGIN).max(0.0);
            let x1 = (b.x() as f32 + bw * (1.0 + MARGIN)).min(fw);
            let y1 = (b.y() as f32 + bh * (1.0 + MARGIN)).min(fh);
            Region { x: x0 / fw, y: y0 / fh, w: (x1 - x0) / fw, h: (y1 - y0) / fh, shape: Shape::Rect }
        })
        .filter(|r| r.w > 0.0 && r.h > 0.0)
        .collect();
    regions.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
    regions
}
