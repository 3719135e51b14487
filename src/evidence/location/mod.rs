//! Location data is not kept: the stored copy of every photo has its GPS block (and other location
//! fields) removed at import, and libraries made before this existed are cleaned once when opened.
//!
//! Removal is done in place wherever the container has offsets that other parts depend on (the TIFF
//! structure inside EXIF, HEIC's item locations): the GPS directory and its values are overwritten with
//! zeros and the pointer to it is taken out of the first directory, so every byte keeps its position and
//! the file stays valid. Pixels, orientation, dates and the camera's other tags are left as they were.
//! Whole segments are dropped only where the format allows it freely (a JPEG's XMP or IPTC block that
//! names a place, a PNG's XMP chunk). The result is deterministic, so the same photo added twice still
//! has one hash and is still one item.
//!
//! Not for: pictures inside Office documents (their export strips them), nor renditions (thumbnails and
//! print copies are re-encoded without any metadata at all).
//!
//! One private module a container: `exif` blanks the GPS directory of a TIFF structure (EXIF inside
//! JPEG, WebP and HEIC, and TIFF files themselves), `jpeg`, `png`, `webp` and `heif` find the
//! location in their own formats; this file picks the right one and cleans a whole library.

mod exif;
mod heif;
mod jpeg;
mod png;
mod webp;

use std::path::Path;

use rusqlite::{params, OptionalExtension};

use exif::blank_gps;
use heif::strip_heif;
use jpeg::strip_jpeg;
use png::strip_png;
use webp::strip_webp;

use super::blobs;
use crate::error::{Error, Result};
use crate::store::Store;

/// Removes location data from the photo `bytes` (JPEG, PNG, WebP, HEIC or TIFF, recognised by their
/// first bytes; anything else is left alone). Returns true when something was removed.
pub fn strip(bytes: &mut Vec<u8>) -> bool {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        strip_jpeg(bytes)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        strip_png(bytes)
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        strip_webp(bytes)
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        blank_gps(bytes)
    } else if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        strip_heif(bytes)
    } else {
        false
    }
}

/// True when `mime` is a picture whose stored copy this module cleans.
pub fn is_photo_mime(mime: &str) -> bool {
    matches!(mime, "image/jpeg" | "image/png" | "image/webp" | "image/heic" | "image/heif" | "image/tiff")
}

/// Stores `source` in the blob store, without location data when it is a photo (`mime` as sniffed).
/// Returns what was stored and, for photos, whether location data was removed.
pub fn store_clean(root: &Path, source: &Path, mime: &str, limit: u64) -> Result<(blobs::Stored, Option<bool>)> {
    if !is_photo_mime(mime) {
        return Ok((blobs::put(root, source, limit)?, None));
    }
    let mut bytes = std::fs::read(source).map_err(|e| Error::io("cannot read", source, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::rule("evidence_too_large", [("max", ((limit / 1_048_576) as i64).into())], format!("it is larger than the {} MB limit", limit / 1_048_576)));
    }
    let removed = strip(&mut bytes);
    Ok((blobs::put_bytes(root, &bytes)?, Some(removed)))
}

/// What cleaning an existing library did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CleanReport {
    /// Photos checked (each stored file once).
    pub checked: usize,
    /// Photos whose location data was removed (their files were rewritten).
    pub cleaned: usize,
    /// Photos left for the next opening, with the reason.
    pub skipped: Vec<String>,
}

/// Cleans photos added before location removal existed: each stored photo not yet checked is rewritten
/// without location data, its items move to the new file, and the old file is deleted. One
/// transaction per photo; safe to interrupt and to run again (run by `datadir::open`, it finds nothing
/// to do once done). Renditions are renamed, not remade: the pixels are the same.
pub fn clean_library(store: &mut Store) -> Result<CleanReport> {
    let root = store.root().to_path_buf();
    let mut report = CleanReport::default();
    finish_retired(store)?;
    let pending: Vec<(String, String)> = {
        let mut stmt = store.conn().prepare(
            "SELECT DISTINCT e.blob_sha256, b.mime FROM evidence e JOIN blob b ON b.sha256 = e.blob_sha256 \
             WHERE e.location_removed IS NULL AND b.mime IN ('image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'image/tiff') \
             ORDER BY e.blob_sha256",
        )?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows
    };
    for (old, _mime) in pending {
        report.checked += 1;
        let path = blobs::path(&root, &old);
        let Ok(mut bytes) = std::fs::read(&path) else {
            // Looked at again next time: a restore may bring the file back.
            report.skipped.push(format!("{old}: the stored file is missing"));
            continue;
        };
        if !strip(&mut bytes) {
            store.conn().execute("UPDATE evidence SET location_removed = 0 WHERE blob_sha256 = ?1", [&old])?;
            continue;
        }
        let stored = blobs::put_bytes(&root, &bytes)?;
        let new = stored.sha.clone();
        let moved = store.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO blob (sha256, size, mime, created_at) SELECT ?1, ?2, mime, created_at FROM blob WHERE sha256 = ?3",
                params![new, stored.size as i64, old],
            )?;
            tx.execute("UPDATE evidence SET blob_sha256 = ?1, location_removed = 1 WHERE blob_sha256 = ?2", params![new, old])?;
            tx.execute("DELETE FROM blob WHERE sha256 = ?1", [&old])?;
            tx.execute("INSERT OR IGNORE INTO blob_retired (sha256, replaced_by) VALUES (?1, ?2)", params![old, new])?;
            Ok(())
        });
        match moved {
            Ok(()) => {
                report.cleaned += 1;
                finish_retired(store)?;
            }
            // Another live item already has the cleaned file (the same photo, added once with and once
            // without its location): left for the coordinator, and tried again at the next opening.
            Err(e) => {
                if stored.created {
                    let _ = std::fs::remove_file(blobs::path(&root, &new));
                }
                report.skipped.push(format!("{old}: {e}"));
            }
        }
    }
    Ok(report)
}

/// Deletes the files of photos replaced by their cleaned copies (their rows are already gone) and moves
/// their renditions to the new name. Runs again after a crash between the commit and the deletion.
fn finish_retired(store: &mut Store) -> Result<()> {
    let root = store.root().to_path_buf();
    let retired: Vec<(String, String)> = {
        let mut stmt = store.conn().prepare("SELECT sha256, replaced_by FROM blob_retired")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows
    };
    for (old, new) in retired {
        let still_used: Option<i64> = store
            .conn()
            .query_row("SELECT 1 FROM blob WHERE sha256 = ?1", [&old], |r| r.get(0))
            .optional()?;
        if still_used.is_none() {
            for (from, to) in [
                (super::rendition::thumb_path(&root, &old), super::rendition::thumb_path(&root, &new)),
                (super::rendition::print_path(&root, &old), super::rendition::print_path(&root, &new)),
            ] {
                if from.is_file() && !to.exists() {
                    let _ = std::fs::rename(&from, &to);
                } else {
                    let _ = std::fs::remove_file(&from);
                }
            }
            let path = blobs::path(&root, &old);
            if path.is_file() {
                std::fs::remove_file(&path).map_err(|e| Error::io("cannot remove", &path, e))?;
            }
        }
        store.conn().execute("DELETE FROM blob_retired WHERE sha256 = ?1", [&old])?;
    }
    Ok(())
}
