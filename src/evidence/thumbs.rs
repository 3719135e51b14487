//! Thumbnails as the window fetches them: by hash, through the app's `thumb:` URI scheme, so that
//! `<img loading="lazy">` asks only for the pictures near the screen and the webview can cache them.
//!
//! This decides what a request gets (the thumbnail's bytes, "not modified", or "not found") and
//! names the caching headers; registering the scheme is the shell's job (src-tauri), and making
//! thumbnails is `rendition`'s. A request is answered from `<data>/renditions/` alone: the path
//! must be exactly one SHA-256, so nothing that looks like a path is ever joined to a folder.

use std::path::Path;

use rusqlite::OptionalExtension;

use crate::error::{Error, Result};
use crate::store::Store;

use super::{blobs, rendition};

/// The scheme's name: `thumb://localhost/<sha256>` on Linux and macOS, `http://thumb.localhost/<sha256>`
/// on Windows (where WebView2 only allows http(s) origins).
pub const SCHEME: &str = "thumb";

/// A thumbnail never changes for a given hash (it is made from the original, which never changes),
/// so the webview may keep it as long as it likes.
pub const CACHE_CONTROL: &str = "private, max-age=31536000, immutable";

/// What to send back for one request.
#[derive(Debug, PartialEq, Eq)]
pub enum Answer {
    /// 200, a JPEG.
    Image { etag: String, bytes: Vec<u8> },
    /// 304: the webview's copy (sent as `If-None-Match`) is current.
    NotModified { etag: String },
    /// The hash is well formed but its thumbnail file is missing (after a restore: renditions are
    /// not in backups): call [`rebuild`], then answer again.
    Missing { sha: String },
    /// 404: not a hash, or nothing stored under it.
    NotFound,
}

/// The entity tag of the thumbnail for `sha` as stored now: the hash, the thumbnail size, and the
/// file's length and modification time, so that a thumbnail made again with areas hidden is never
/// answered "not modified" to a webview holding the earlier picture.
pub fn etag(sha: &str, meta: &std::fs::Metadata) -> String {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("\"{sha}-{}-{}-{modified:x}\"", rendition::THUMB_EDGE, meta.len())
}

/// The hash a request's path names: `/<sha256>` in lowercase hex and nothing else (no folders,
/// no dots, no percent-escapes, no query).
pub fn requested_hash(path: &str) -> Option<&str> {
    let sha = path.strip_prefix('/')?;
    blobs::is_sha256(sha).then_some(sha)
}

/// Answers a request for `path` (the URL's path) from the data folder at `root`.
pub fn answer(root: &Path, path: &str, if_none_match: Option<&str>) -> Answer {
    let Some(sha) = requested_hash(path) else { return Answer::NotFound };
    let file = rendition::thumb_path(root, sha);
    let meta = match std::fs::metadata(&file) {
        Ok(m) if m.is_file() => m,
        Ok(_) => return Answer::NotFound,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Answer::Missing { sha: sha.to_owned() },
        Err(_) => return Answer::NotFound,
    };
    let tag = etag(sha, &meta);
    if if_none_match.is_some_and(|v| v.split(',').any(|t| t.trim() == tag)) {
        return Answer::NotModified { etag: tag };
    }
    match std::fs::read(&file) {
        Ok(bytes) => Answer::Image { etag: tag, bytes },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Answer::Missing { sha: sha.to_owned() },
        Err(_) => Answer::NotFound,
    }
}

/// Makes the missing thumbnail of the live photo (or link screenshot) stored under `sha` again, from its original.
/// One lookup by hash (the `evidence_one_live_per_blob` index), never a listing of the library.
pub fn rebuild(store: &Store, sha: &str) -> Result<()> {
    let not_found = || Error::NotFound { what: "thumbnail", id: sha.to_owned() };
    if !blobs::is_sha256(sha) {
        return Err(not_found());
    }
    let found: Option<(String, String, String)> = store
        .conn()
        .prepare_cached(
            "SELECT b.mime, e.original_name, e.id FROM evidence e JOIN blob b ON b.sha256 = e.blob_sha256 \
             WHERE e.blob_sha256 = ?1 AND e.deleted_at IS NULL AND e.kind IN ('photo', 'link')",
        )?
        .query_row([sha], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let (mime, name, id) = found.ok_or_else(not_found)?;
    // Made again with the item's hidden areas, as the import and `thumbnail` make it.
    let hide = super::redact::get(store, &id)?;
    rendition::ensure(store.root(), sha, &mime, &hide).map_err(|reason| Error::Refused { file: name, reason })
}
