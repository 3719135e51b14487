//! Keeping a photo's hidden areas on its evidence item: reading them, setting and clearing them
//! (which remakes the photo's renditions), the preview drawn on, and face suggestions.
//!
//! Not for: the areas themselves and how pixels are hidden (see `redaction`), nor finding faces
//! (`faces`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

pub use super::redaction::{Redaction, Region, Shape, Style};
use crate::error::{Error, Result};
use crate::store::Store;

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
pub fn set(store: &mut Store, id: &str, redaction: &Redaction, consent: Option<super::Consent>, now: DateTime<Utc>) -> Result<()> {
    redaction.check()?;
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
