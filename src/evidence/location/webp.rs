//! WebP: the EXIF chunk's GPS blanked in place, and an XMP chunk that names a place blanked with
//! spaces (a chunk cannot be dropped without rewriting the RIFF sizes).

use super::exif::blank_gps_exif;
use super::jpeg::xmp_names_place;

pub(super) fn strip_webp(b: &mut [u8]) -> bool {
    let mut removed = false;
    let mut i = 12;
    while i + 8 <= b.len() {
        let len = u32::from_le_bytes([b[i + 4], b[i + 5], b[i + 6], b[i + 7]]) as usize;
        let Some(end) = (i + 8).checked_add(len).filter(|e| *e <= b.len()) else { break };
        if &b[i..i + 4] == b"EXIF" {
            removed |= blank_gps_exif(&mut b[i + 8..end]);
        } else if &b[i..i + 4] == b"XMP " && xmp_names_place(&b[i + 8..end]) {
            // Chunks cannot be dropped without rewriting the RIFF sizes and flags; spaces keep every
            // size, and an XMP packet of whitespace is simply empty.
            b[i + 8..end].fill(b' ');
            removed = true;
        }
        i = end + (len & 1);
    }
    removed
}

