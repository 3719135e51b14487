//! Embedded objects (OLE: a spreadsheet, a document or a presentation inside a slide or a document)
//! as the readers meet them: their cached picture when it is one a reading copy can print, else a
//! note in their place ([`Block::ObjectNotShown`]). The embedded file itself is never opened.
//!
//! Not for: the pictures' safety (the portfolio re-encodes every picture without its metadata).

use super::model::{Block, Picture};

/// True when `bytes` are a picture a reading copy can print (JPEG, PNG, GIF, WebP); the pictures
/// Office caches for objects are often drawings (EMF, WMF), which it cannot.
pub(super) fn printable(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(b"GIF8")
        || (bytes.len() > 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP")
}

/// The block for an embedded object: its cached picture when printable, else the note.
pub(super) fn object(picture: Option<Picture>) -> Block {
    match picture {
        Some(p) if printable(&p.bytes) => Block::Picture(p),
        _ => Block::ObjectNotShown,
    }
}
