//! The TIFF structure inside EXIF (and TIFF files themselves): the GPS directory and its values are
//! overwritten with zeros and the pointer to it taken out, so every other byte keeps its offset.
//! Numbers are read with `crate::jpeg`, the one TIFF reader.

use crate::jpeg::{u16_at, u32_at};

fn wr16(b: &mut [u8], at: usize, v: u16, le: bool) {
    let x = if le { v.to_le_bytes() } else { v.to_be_bytes() };
    b[at..at + 2].copy_from_slice(&x);
}

/// Bytes per value of a TIFF field type (0 for unknown types, whose values are then left alone).
fn type_size(t: u16) -> usize {
    match t {
        1 | 2 | 6 | 7 => 1,
        3 | 8 => 2,
        4 | 9 | 11 | 13 => 4,
        5 | 10 | 12 => 8,
        _ => 0,
    }
}

/// The GPS tag in the first directory: points at the GPS directory.
const GPS_POINTER: u16 = 0x8825;

/// Removes the GPS directory from a TIFF structure in place; true when there was one. The GPS entries
/// and their out-of-line values become zeros, and the pointer entry leaves the first directory (the
/// entries after it move up, the freed twelve bytes become zeros), so no offset anywhere changes.
pub(super) fn blank_gps(t: &mut [u8]) -> bool {
    let le = match t.get(0..4) {
        Some(b"II*\0") => true,
        Some(b"MM\0*") => false,
        _ => return false,
    };
    let Some(ifd0) = u32_at(t, 4, le).map(|v| v as usize) else { return false };
    let Some(n) = u16_at(t, ifd0, le).map(|v| v as usize) else { return false };
    let entries = ifd0 + 2;
    let ifd_end = entries + 12 * n + 4;
    if n == 0 || ifd_end > t.len() {
        return false;
    }
    let Some(i) = (0..n).find(|i| u16_at(t, entries + 12 * i, le) == Some(GPS_POINTER)) else { return false };
    if let Some(gps) = u32_at(t, entries + 12 * i + 8, le).map(|v| v as usize) {
        let outside_ifd0 = |from: usize, to: usize| to <= ifd0 || from >= ifd_end;
        if let Some(m) = u16_at(t, gps, le).map(|v| v as usize) {
            let gps_end = gps + 2 + 12 * m + 4;
            if gps_end <= t.len() && outside_ifd0(gps, gps_end) {
                for j in 0..m {
                    let e = gps + 2 + 12 * j;
                    let typ = u16_at(t, e + 2, le).unwrap_or(0);
                    let count = u32_at(t, e + 4, le).unwrap_or(0) as usize;
                    let size = type_size(typ).saturating_mul(count);
                    if size > 4 {
                        let off = u32_at(t, e + 8, le).unwrap_or(0) as usize;
                        if off.checked_add(size).is_some_and(|end| end <= t.len()) && outside_ifd0(off, off + size) {
                            t[off..off + size].fill(0);
                        }
                    }
                }
                t[gps..gps_end].fill(0);
            }
        }
    }
    // Take the pointer out: later entries (tags stay sorted) and the next-directory offset move up.
    t.copy_within(entries + 12 * (i + 1)..ifd_end, entries + 12 * i);
    t[ifd_end - 12..ifd_end].fill(0);
    wr16(t, ifd0, (n - 1) as u16, le);
    true
}

/// Blanks GPS in an EXIF payload that may start with `Exif\0\0` before its TIFF header.
pub(super) fn blank_gps_exif(payload: &mut [u8]) -> bool {
    if payload.starts_with(b"Exif\0\0") {
        blank_gps(&mut payload[6..])
    } else {
        blank_gps(payload)
    }
}

