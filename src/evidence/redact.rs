//! Hidden areas of a photo: for a class photo where most children may be shown and a few may not.
//!
//! A redaction is data kept on the evidence row (`evidence.redaction`, JSON): regions given as
//! fractions (0–1) of the *upright* picture's width and height, and how they are hidden. It is applied
//! to every picture made from the photo (thumbnail, print copy, the portfolio and the visit brief);
//! the original in the blob store is never changed, because the coordinator may need it later.
//!
//! Not for: finding faces (see `faces`), nor deciding whether an item is exported (consent, in
//! `evidence` and `portfolio`). Whatever the consent, a photo with regions is only ever output hidden.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use image::{DynamicImage, Rgb, RgbImage};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::store::Store;

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

/// The hidden areas of evidence item `id` (none for an item that has none, or is not a photo).
pub fn get(store: &Store, id: &str) -> Result<Redaction> {
    let column: Option<String> = store
        .conn()
        .query_row("SELECT redaction FROM evidence WHERE id = ?1 AND deleted_at IS NULL", [id], |r| r.get(0))
        .optional()?;
    let column = column.ok_or_else(|| Error::NotFound { what: "evidence item", id: id.to_string() })?;
    Ok(Redaction::from_column(&column))
}

/// Every photo's hidden areas by stored file, for an export that places many photos at once.
pub fn by_blob(store: &Store) -> Result<HashMap<String, Redaction>> {
    let mut stmt = store
        .conn()
        .prepare("SELECT blob_sha256, redaction FROM evidence WHERE deleted_at IS NULL AND blob_sha256 IS NOT NULL AND redaction <> ''")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (sha, column) = row?;
        out.insert(sha, Redaction::from_column(&column));
    }
    Ok(out)
}

/// Sets the hidden areas of photo `id` (an empty redaction clears them) and, when given, its consent in
/// the same transaction (the window's "hide faces and include"), then makes its thumbnail and print copy
/// again from the original, so that every picture of it shows them at once.
pub fn set(store: &mut Store, id: &str, redaction: &Redaction, consent: Option<&str>, now: DateTime<Utc>) -> Result<()> {
    redaction.check()?;
    if let Some(c) = consent {
        super::check_consent(c)?;
    }
    let item = super::get(store, id)?;
    let (Some(sha), Some(mime)) = (item.sha256.as_deref(), item.mime.as_deref()) else {
        return Err(Error::rule("evidence_no_picture", [("title", item.title.as_str().into())], format!("“{}” has no picture, so there is nothing to hide", item.title)));
    };
    if super::rendition::format_of(mime).is_none() {
        return Err(Error::rule("redact_not_photo", [("title", item.title.as_str().into())], format!("“{}” is not a photo; areas can only be hidden in photos", item.title)));
    }
    // The pictures are made first: if that fails, nothing is saved and the old ones still match the row.
    super::rendition::remake(store.root(), sha, mime, redaction)
        .map_err(|reason| Error::Refused { file: item.original_name.clone(), reason })?;
    store.write(|tx| {
        tx.execute(
            "UPDATE evidence SET redaction = ?2, consent = coalesce(?4, consent), updated_at = ?3 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, redaction.to_column(), now.to_rfc3339(), consent],
        )?;
        Ok(())
    })
}

/// Makes the renditions of `sha` again when a live item with hidden areas uses it: after an import
/// of the same file (which made them from the original) or an undone delete.
pub fn restore_hidden(store: &Store, sha: &str) -> Result<()> {
    let row: Option<(String, Option<String>)> = store
        .conn()
        .query_row(
            "SELECT e.redaction, b.mime FROM evidence e LEFT JOIN blob b ON b.sha256 = e.blob_sha256 \
             WHERE e.blob_sha256 = ?1 AND e.deleted_at IS NULL AND e.redaction <> ''",
            [sha],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((column, Some(mime))) = row {
        super::rendition::remake(store.root(), sha, &mime, &Redaction::from_column(&column))
            .map_err(|reason| Error::Refused { file: sha.to_string(), reason })?;
    }
    Ok(())
}

/// The photo upright with nothing hidden, as a JPEG of at most `rendition::PRINT_MAX_EDGE` pixels:
/// what the coordinator draws on. It stays in the window; no export uses it.
pub fn preview(store: &Store, id: &str) -> Result<Vec<u8>> {
    let item = super::get(store, id)?;
    let (Some(sha), Some(mime)) = (item.sha256.as_deref(), item.mime.as_deref()) else {
        return Err(Error::rule("evidence_no_picture", [("title", item.title.as_str().into())], format!("“{}” has no picture", item.title)));
    };
    let refused = |reason: String| Error::Refused { file: item.original_name.clone(), reason };
    let img = super::rendition::upright_original(store.root(), sha, mime).map_err(refused)?;
    crate::pixels::encode(&img, 85).map_err(refused)
}

/// Face areas the detector suggests for photo `id` (see `faces`): suggestions, never a promise that
/// every face was found.
pub fn suggest(store: &Store, id: &str) -> Result<Vec<Region>> {
    let item = super::get(store, id)?;
    let (Some(sha), Some(mime)) = (item.sha256.as_deref(), item.mime.as_deref()) else {
        return Err(Error::rule("evidence_no_picture", [("title", item.title.as_str().into())], format!("“{}” has no picture", item.title)));
    };
    let img = super::rendition::upright_original(store.root(), sha, mime)
        .map_err(|reason| Error::Refused { file: item.original_name.clone(), reason })?;
    Ok(super::faces::suggest(&img))
}
