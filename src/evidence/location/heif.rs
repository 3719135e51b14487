//! HEIC (HEIF): the EXIF item found through the boxes that locate items, and its GPS blanked in
//! place, so that the item locations stay right.

use super::exif::blank_gps_exif;

/// A box: (type, start of its content, end).
fn boxes(b: &[u8], from: usize, to: usize) -> Vec<([u8; 4], usize, usize)> {
    let mut out = Vec::new();
    let mut i = from;
    while i + 8 <= to {
        let size = u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as u64;
        let kind = [b[i + 4], b[i + 5], b[i + 6], b[i + 7]];
        let (header, size) = match size {
            0 => (8, (to - i) as u64),
            1 => match b.get(i + 8..i + 16) {
                Some(x) => (16, u64::from_be_bytes(x.try_into().expect("8 bytes"))),
                None => break,
            },
            s => (8, s),
        };
        let Some(end) = (i as u64).checked_add(size).filter(|e| *e <= to as u64 && size >= header) else { break };
        out.push((kind, i + header as usize, end as usize));
        i = end as usize;
    }
    out
}

fn be(b: &[u8], at: usize, n: usize) -> Option<u64> {
    let s = b.get(at..at.checked_add(n)?)?;
    Some(s.iter().fold(0u64, |acc, x| (acc << 8) | *x as u64))
}

/// Ids of the items of type `Exif` listed in `iinf`.
fn exif_items(b: &[u8], start: usize, end: usize) -> Vec<u32> {
    let Some(version) = b.get(start).copied() else { return Vec::new() };
    let first = start + 4 + if version == 0 { 2 } else { 4 };
    let mut ids = Vec::new();
    for (kind, s, e) in boxes(b, first, end) {
        if &kind != b"infe" {
            continue;
        }
        let v = b.get(s).copied().unwrap_or(0);
        let (id, at) = match v {
            2 => (be(b, s + 4, 2), s + 8),
            3 => (be(b, s + 4, 4), s + 10),
            _ => continue,
        };
        if let (Some(id), Some(t)) = (id, b.get(at..at + 4)) {
            if t == b"Exif" && at + 4 <= e {
                ids.push(id as u32);
            }
        }
    }
    ids
}

/// Where item `want` lies, as (construction method, offset, length), when it has exactly one extent.
fn item_extent(b: &[u8], start: usize, end: usize, want: u32) -> Option<(u8, u64, u64)> {
    let version = *b.get(start)?;
    let mut at = start + 4;
    let sizes = be(b, at, 2)? as u16;
    at += 2;
    let (off_size, len_size, base_size) = ((sizes >> 12) as usize, ((sizes >> 8) & 15) as usize, ((sizes >> 4) & 15) as usize);
    let index_size = if version >= 1 { (sizes & 15) as usize } else { 0 };
    let count = if version < 2 { be(b, at, 2)? } else { be(b, at, 4)? };
    at += if version < 2 { 2 } else { 4 };
    for _ in 0..count {
        let id = (if version < 2 { be(b, at, 2)? } else { be(b, at, 4)? }) as u32;
        at += if version < 2 { 2 } else { 4 };
        let method = if version >= 1 {
            let m = (be(b, at, 2)? & 15) as u8;
            at += 2;
            m
        } else {
            0
        };
        at += 2; // data reference index
        let base = be(b, at, base_size)?;
        at += base_size;
        let extents = be(b, at, 2)?;
        at += 2;
        let mut found = Vec::new();
        for _ in 0..extents {
            at += index_size;
            let off = be(b, at, off_size)?;
            at += off_size;
            let len = be(b, at, len_size)?;
            at += len_size;
            found.push((base.checked_add(off)?, len));
        }
        if at > end {
            return None;
        }
        if id == want {
            return match found.as_slice() {
                [(off, len)] => Some((method, *off, *len)),
                _ => None,
            };
        }
    }
    None
}

pub(super) fn strip_heif(b: &mut [u8]) -> bool {
    let top = boxes(b, 0, b.len());
    let Some(&(_, meta_start, meta_end)) = top.iter().find(|(k, _, _)| k == b"meta") else { return false };
    let inner = boxes(b, meta_start + 4, meta_end);
    let find = |name: &[u8; 4]| inner.iter().find(|(k, _, _)| k == name).map(|&(_, s, e)| (s, e));
    let (Some((iinf_s, iinf_e)), Some((iloc_s, iloc_e))) = (find(b"iinf"), find(b"iloc")) else { return false };
    let idat = find(b"idat");
    let mut removed = false;
    for id in exif_items(b, iinf_s, iinf_e) {
        let Some((method, off, len)) = item_extent(b, iloc_s, iloc_e, id) else { continue };
        let base = match (method, idat) {
            (0, _) => 0,
            (1, Some((s, _))) => s as u64,
            _ => continue,
        };
        let (Some(from), Some(to)) = (base.checked_add(off), base.checked_add(off).and_then(|f| f.checked_add(len))) else { continue };
        // len 0 means "to the end of the file" for method 0.
        let to = if len == 0 { b.len() as u64 } else { to };
        if to > b.len() as u64 || from + 4 > to {
            continue;
        }
        let (from, to) = (from as usize, to as usize);
        // The item starts with the offset of the TIFF header within what follows.
        let skip = u32::from_be_bytes([b[from], b[from + 1], b[from + 2], b[from + 3]]) as usize;
        let Some(tiff) = (from + 4).checked_add(skip).filter(|t| *t < to) else { continue };
        removed |= blank_gps_exif(&mut b[tiff..to]);
    }
    removed
}

