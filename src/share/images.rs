//! The `images/` folder: one web copy per photo on the page, made by the same code as the print
//! copies (`evidence::rendition::web_copy`: upright, hidden areas painted into the pixels, no EXIF,
//! GPS or camera data) and named by exhibit number (`e3.jpg`), never by the original's file name,
//! which may name a pupil.
//!
//! Not for: deciding which photos may appear (`select`).

use std::path::Path;

use super::select::{Content, LeftOut, Piece};
use crate::error::{Error, Result};
use crate::evidence::{redact, rendition, EvidenceKind};
use crate::store::Store;

/// Writes the web copies into `dir` and records each one's size on its piece. A photo whose copy
/// cannot be made leaves the page, and `content.left_out` says so. Returns the file names.
pub(super) fn write(store: &Store, content: &mut Content, dir: &Path) -> Result<Vec<String>> {
    let mut made = Vec::new();
    let mut failed = Vec::new();
    let mut one = |p: &mut Piece| -> Result<bool> {
        let Some(sha) = p.sha256.clone() else { return Ok(false) };
        let hide = redact::get(store, &p.id)?;
        let Ok(jpeg) = rendition::web_copy(store.root(), &sha, &p.mime, &hide) else { return Ok(false) };
        let Ok((w, h)) = rendition::dimensions(&jpeg) else { return Ok(false) };
        if made.is_empty() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create", dir, e))?;
        }
        let path = dir.join(&p.image);
        std::fs::write(&path, &jpeg).map_err(|e| Error::io("cannot write", &path, e))?;
        (p.width, p.height) = (w, h);
        made.push(p.image.clone());
        Ok(true)
    };
    let mut keep = |pieces: &mut Vec<Piece>| -> Result<()> {
        let mut kept = Vec::with_capacity(pieces.len());
        for mut p in std::mem::take(pieces) {
            if p.kind != EvidenceKind::Photo || one(&mut p)? {
                kept.push(p);
            } else {
                failed.push(LeftOut { id: p.id.clone(), exhibit: p.exhibit.clone(), title: p.title.clone(), reason: "unreadable".into() });
            }
        }
        *pieces = kept;
        Ok(())
    };
    for story in &mut content.stories {
        keep(&mut story.pieces)?;
    }
    keep(&mut content.photos)?;
    drop(keep);
    content.left_out.extend(failed);
    Ok(made)
}
