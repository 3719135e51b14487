//! The size budget: when the photos would make the PDF bigger than the school's email accepts,
//! they are reduced step by step (smaller side, lower JPEG quality) until they fit, with a warning
//! when that costs sharpness or is not enough.
//!
//! Not for: reading the photos (`media`) or placing them (`pages`).

use super::pages;
use crate::error::Result;
use crate::i18n::Lang;
use crate::job::Job;

/// Room kept in the budget for text, fonts and page structure.
const BASE_BYTES: u64 = 400 * 1024;

/// Steps tried, in order, when the photos do not fit the budget: longest side in pixels and JPEG
/// quality. Photos are drawn at most about 4.6 inches wide, so 800 pixels still prints at ~170 ppi.
const REDUCTIONS: &[(u32, u8)] = &[(1280, 80), (1024, 75), (800, 70), (640, 62), (480, 55)];

/// Longest side below which a photo prints under 150 ppi at its largest size in the appendix.
const SHARP_SIDE: u32 = 700;

/// Shrinks photos until they fit in `budget` bytes; says so when that meant printing below 150 ppi
/// or when even the smallest step does not fit.
///
/// Each step is tried first on a sample of the photos to predict the total, so the usual case is
/// one pass over all of them; every pass starts from the print copies (never from an already
/// reduced photo, which would lose quality twice) and runs on every core.
pub(super) fn fit_budget(
    lang: Lang,
    photos: &mut pages::Photos,
    budget: u64,
    job: &Job,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let size = |p: &pages::Photos| p.values().map(|x| x.jpeg.len() as u64).sum::<u64>() + BASE_BYTES;
    if size(photos) <= budget || photos.is_empty() {
        return Ok(());
    }
    let originals: Vec<((usize, u32), crate::pdf::Photo)> = photos.iter().map(|(k, p)| (*k, p.clone())).collect();
    let photo_budget = budget.saturating_sub(BASE_BYTES) as f64;
    let total_now: f64 = originals.iter().map(|(_, p)| p.jpeg.len() as f64).sum();
    // Every n-th photo, at most 24 of them.
    let stride = (originals.len() / 24).max(1);
    let sample: Vec<&crate::pdf::Photo> = originals.iter().step_by(stride).map(|(_, p)| p).collect();
    let sample_now: f64 = sample.iter().map(|p| p.jpeg.len() as f64).sum();
    let mut start = REDUCTIONS.len() - 1;
    for (step, (side, quality)) in REDUCTIONS.iter().enumerate() {
        job.check()?;
        job.report(lang.t("stage.fitting"), step as u64, REDUCTIONS.len() as u64 + 1);
        let reduced = reduce_all(&sample, *side, *quality, job)?;
        let sample_after: f64 = reduced.iter().map(|p| p.jpeg.len() as f64).sum();
        // Aim a little under: the sample's ratio is an estimate.
        if total_now * sample_after / sample_now.max(1.0) <= photo_budget * 0.97 {
            start = step;
            break;
        }
    }
    for (step, (side, quality)) in REDUCTIONS.iter().enumerate().skip(start) {
        job.report(lang.t("stage.fitting"), step as u64, REDUCTIONS.len() as u64 + 1);
        let all: Vec<&crate::pdf::Photo> = originals.iter().map(|(_, p)| p).collect();
        let reduced = reduce_all(&all, *side, *quality, job)?;
        for ((key, _), photo) in originals.iter().zip(reduced) {
            photos.insert(*key, photo);
        }
        if size(photos) <= budget {
            if *side < SHARP_SIDE {
                warnings.push(lang.f(
                    "warning.reduced",
                    &[("budget", &format!("{:.0}", budget as f64 / 1_048_576.0)), ("side", side)],
                ));
            }
            return Ok(());
        }
    }
    warnings.push(lang.f(
        "warning.too_big",
        &[("budget", &format!("{:.0}", budget as f64 / 1_048_576.0))],
    ));
    Ok(())
}

/// Reduces each photo to at most `side` pixels at `quality`, on every core, keeping the order.
/// Photos already that small are only re-encoded when that makes them smaller.
fn reduce_all(photos: &[&crate::pdf::Photo], side: u32, quality: u8, job: &Job) -> Result<Vec<crate::pdf::Photo>> {
    job.map_on_cores(photos, |photo| {
        photo.reduced(side, quality).map(|r| if r.jpeg.len() < photo.jpeg.len() { r } else { (*photo).clone() })
    })?
    .into_iter()
    .collect()
}
