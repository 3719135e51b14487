//! PDF text strings as the document's dictionaries hold them (titles, alternative text, languages):
//! a leaf that the outline, the metadata and the structure tree all write through.
//!
//! Not for: text drawn on a page (see `text`), which goes through fonts and glyph ids.

use lopdf::{Object, StringFormat};

/// A PDF text string: UTF-16BE with a byte-order mark, so any script survives.
pub(crate) fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}
