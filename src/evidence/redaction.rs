//! Hidden areas of a photo: for a class photo where most children may be shown and a few may not.
//!
//! A redaction is data kept on the evidence row (`evidence.redaction`, JSON): regions given as
//! fractions (0–1) of the *upright* picture's width and height, and how they are hidden. It is applied
//! to every picture made from the photo (thumbnail, print copy, the portfolio and the visit brief);
//! the original in the blob store is never changed, because the coordinator may need it later.
//!
//! This file is the value and the pixel work; its store operations are in `redact`.
//!
//! Not for: finding faces (see `faces`), keeping areas on an item (`redact`), nor deciding whether an item is exported (consent, in
//! `evidence` and `portfolio`). Whatever the consent, a photo with regions is only ever output hidden.

use image::{DynamicImage, Rgb, RgbImage};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// How a hidden area looks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "HideStyle")]
pub enum Style {
    /// A blur so strong that only the average colours of a few cells remain: no features survive.
    #[default]
    Blur,
    /// A solid dark block.
    Block,
}

/// The outline of a hidden area.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "HideShape")]
pub enum Shape {
    #[default]
    Rect,
    Ellipse,
}

/// One hidden area, in fractions of the upright picture (x, y of its top-left corner; w, h its size).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "HiddenRegion")]
pub struct Region {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    #[serde(default)]
    pub shape: Shape,
}

impl Region {
    /// A rectangle; refuses numbers outside 0–1 or an area of no size, so a typo is caught when
    /// it is typed rather than printed as an unhidden face.
    pub fn rect(x: f32, y: f32, w: f32, h: f32) -> Result<Region> {
        let r = Region { x, y, w, h, shape: Shape::Rect };
        r.check()?;
        Ok(r)
    }

    fn check(&self) -> Result<()> {
        let ok = |v: f32| v.is_finite() && (0.0..=1.0).contains(&v);
        if !(ok(self.x) && ok(self.y) && ok(self.w) && ok(self.h)) {
            return Err(Error::rule(
                "redact_area_fractions",
                [],
                format!(
                    "a hidden area must be given as fractions from 0 to 1 of the picture's width and height (got {}, {}, {}, {})",
                    self.x, self.y, self.w, self.h
                ),
            ));
        }
        if self.w < 0.005 || self.h < 0.005 {
            return Err(Error::rule("redact_area_too_small", [], "a hidden area must be at least half a percent of the picture wide and high"));
        }
        Ok(())
    }

    /// The area in pixels of a `width` × `height` picture, clipped to it; None when nothing is left.
    fn pixels(&self, width: u32, height: u32) -> Option<(u32, u32, u32, u32)> {
        // Rounded outwards, so that an edge pixel of a face is never left out by rounding.
        let x0 = (self.x * width as f32).floor().max(0.0) as u32;
        let y0 = (self.y * height as f32).floor().max(0.0) as u32;
        let x1 = (((self.x + self.w) * width as f32).ceil() as u32).min(width);
        let y1 = (((self.y + self.h) * height as f32).ceil() as u32).min(height);
        (x1 > x0 && y1 > y0).then(|| (x0, y0, x1 - x0, y1 - y0))
    }
}

/// All hidden areas of one photo.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Redaction {
    #[serde(default)]
    pub style: Style,
    #[serde(default)]
    pub regions: Vec<Region>,
}

impl Redaction {
    /// True when nothing is hidden.
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }

    /// Checks every region (see [`Region::rect`]).
    pub fn check(&self) -> Result<()> {
        if self.regions.len() > 200 {
            return Err(Error::rule("redact_too_many", [("max", 200i64.into())], "a photo can have at most 200 hidden areas"));
        }
        self.regions.iter().try_for_each(Region::check)
    }

    /// The stored form: an empty string for none, so untouched rows stay as they were.
    pub fn to_column(&self) -> String {
        if self.is_empty() {
            String::new()
        } else {
            serde_json::to_string(self).expect("a redaction always serialises")
        }
    }

    /// Reads the stored form. A damaged value hides the *whole* picture rather than showing it:
    /// failing open would print a child who must not be shown.
    pub fn from_column(s: &str) -> Redaction {
        if s.trim().is_empty() {
            return Redaction::default();
        }
        serde_json::from_str::<Redaction>(s)
            .ok()
            .filter(|r| r.check().is_ok())
            .unwrap_or(Redaction { style: Style::Block, regions: vec![Region { x: 0.0, y: 0.0, w: 1.0, h: 1.0, shape: Shape::Rect }] })
    }

    /// Hides the regions in an upright picture, in place.
    pub fn apply(&self, img: &mut DynamicImage) {
        if self.is_empty() {
            return;
        }
        let mut rgb = img.to_rgb8();
        for r in &self.regions {
            if let Some(area) = r.pixels(rgb.width(), rgb.height()) {
                hide(&mut rgb, area, r.shape, self.style);
            }
        }
        *img = DynamicImage::ImageRgb8(rgb);
    }
}

/// Colour of a solid block: dark grey, which reads as "hidden on purpose" on paper.
const BLOCK: Rgb<u8> = Rgb([48, 48, 48]);

/// Cells across the longer side of a blurred area: few enough that a face has no features left.
const BLUR_CELLS: u32 = 4;

fn hide(img: &mut RgbImage, (x0, y0, w, h): (u32, u32, u32, u32), shape: Shape, style: Style) {
    let patch: RgbImage = match style {
        Style::Block => RgbImage::from_pixel(w, h, BLOCK),
        Style::Blur => {
            // Averaging into a handful of cells and then smoothing them: the radius follows the area,
            // so a large face gets as strong a blur as a small one.
            let crop = image::imageops::crop_imm(img, x0, y0, w, h).to_image();
            let long = w.max(h);
            let (cw, ch) = ((w * BLUR_CELLS).div_ceil(long).max(1), (h * BLUR_CELLS).div_ceil(long).max(1));
            let cells = image::imageops::resize(&crop, cw, ch, image::imageops::FilterType::Triangle);
            let spread = image::imageops::resize(&cells, w, h, image::imageops::FilterType::Triangle);
            image::imageops::fast_blur(&spread, long as f32 / 8.0)
        }
    };
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    for y in 0..h {
        for x in 0..w {
            if shape == Shape::Ellipse {
                let (dx, dy) = ((x as f32 + 0.5 - cx) / cx, (y as f32 + 0.5 - cy) / cy);
                if dx * dx + dy * dy > 1.0 {
                    continue;
                }
            }
            img.put_pixel(x0 + x, y0 + y, *patch.get_pixel(x, y));
        }
    }
}
