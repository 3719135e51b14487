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

use std::path::Path;

use rusqlite::{params, OptionalExtension};

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

// ---- TIFF (the inside of every EXIF block) ----

fn rd16(b: &[u8], at: usize, le: bool) -> Option<u16> {
    let x: [u8; 2] = b.get(at..at.checked_add(2)?)?.try_into().ok()?;
    Some(if le { u16::from_le_bytes(x) } else { u16::from_be_bytes(x) })
}

fn rd32(b: &[u8], at: usize, le: bool) -> Option<u32> {
    let x: [u8; 4] = b.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(if le { u32::from_le_bytes(x) } else { u32::from_be_bytes(x) })
}

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
fn blank_gps(t: &mut [u8]) -> bool {
    let le = match t.get(0..4) {
        Some(b"II*\0") => true,
        Some(b"MM\0*") => false,
        _ => return false,
    };
    let Some(ifd0) = rd32(t, 4, le).map(|v| v as usize) else { return false };
    let Some(n) = rd16(t, ifd0, le).map(|v| v as usize) else { return false };
    let entries = ifd0 + 2;
    let ifd_end = entries + 12 * n + 4;
    if n == 0 || ifd_end > t.len() {
        return false;
    }
    let Some(i) = (0..n).find(|i| rd16(t, entries + 12 * i, le) == Some(GPS_POINTER)) else { return false };
    if let Some(gps) = rd32(t, entries + 12 * i + 8, le).map(|v| v as usize) {
        let outside_ifd0 = |from: usize, to: usize| to <= ifd0 || from >= ifd_end;
        if let Some(m) = rd16(t, gps, le).map(|v| v as usize) {
            let gps_end = gps + 2 + 12 * m + 4;
            if gps_end <= t.len() && outside_ifd0(gps, gps_end) {
                for j in 0..m {
                    let e = gps + 2 + 12 * j;
                    let typ = rd16(t, e + 2, le).unwrap_or(0);
                    let count = rd32(t, e + 4, le).unwrap_or(0) as usize;
                    let size = type_size(typ).saturating_mul(count);
                    if size > 4 {
                        let off = rd32(t, e + 8, le).unwrap_or(0) as usize;
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
fn blank_gps_exif(payload: &mut [u8]) -> bool {
    if payload.starts_with(b"Exif\0\0") {
        blank_gps(&mut payload[6..])
    } else {
        blank_gps(payload)
    }
}

// ---- XMP and IPTC ----

/// Fields of an XMP packet that say where a photo was taken.
const XMP_LOCATION: &[&str] = &[
    "exif:GPS",
    "exifEX:GPS",
    "photoshop:City",
    "photoshop:State",
    "photoshop:Country",
    "Iptc4xmpCore:Location",
    "Iptc4xmpCore:CountryCode",
    "Iptc4xmpExt:LocationCreated",
    "Iptc4xmpExt:LocationShown",
];

fn xmp_names_place(xmp: &[u8]) -> bool {
    let text = String::from_utf8_lossy(xmp);
    XMP_LOCATION.iter().any(|f| text.contains(f))
}

/// True when a Photoshop resource block (JPEG APP13) holds IPTC place fields (city, sub-location,
/// province, country code, country: datasets 2:90, 2:92, 2:95, 2:100, 2:101).
fn iptc_names_place(app13: &[u8]) -> bool {
    app13.windows(3).any(|w| w[0] == 0x1C && w[1] == 0x02 && matches!(w[2], 90 | 92 | 95 | 100 | 101))
}

// ---- JPEG ----

const XMP_NS: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const XMP_EXT_NS: &[u8] = b"http://ns.adobe.com/xmp/extension/\0";

fn strip_jpeg(b: &mut Vec<u8>) -> bool {
    let mut removed = false;
    let mut drop_ranges = Vec::new();
    let mut i = 2;
    while i + 4 <= b.len() {
        if b[i] != 0xFF {
            break;
        }
        let marker = b[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        if marker == 0xDA || marker == 0xD9 {
            break; // the picture itself starts: no metadata after this point
        }
        if (0xD0..=0xD8).contains(&marker) || marker == 0x01 {
            i += 2;
            continue;
        }
        let len = u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
        if len < 2 || i + 2 + len > b.len() {
            break;
        }
        let (start, end) = (i + 4, i + 2 + len);
        if marker == 0xE1 {
            if b[start..end].starts_with(b"Exif\0\0") {
                removed |= blank_gps(&mut b[start + 6..end]);
            } else if (b[start..end].starts_with(XMP_NS) || b[start..end].starts_with(XMP_EXT_NS))
                && xmp_names_place(&b[start..end])
            {
                drop_ranges.push(i..end);
            }
        } else if marker == 0xED && iptc_names_place(&b[start..end]) {
            drop_ranges.push(i..end);
        }
        i = end;
    }
    for r in drop_ranges.iter().rev() {
        b.drain(r.clone());
    }
    removed || !drop_ranges.is_empty()
}

// ---- PNG ----

fn png_crc(kind_and_data: &[u8]) -> u32 {
    // The CRC-32 of PNG (ISO 3309), bit by bit: chunks with metadata are small.
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in kind_and_data {
        crc ^= byte as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn strip_png(b: &mut Vec<u8>) -> bool {
    let mut removed = false;
    let mut drop_ranges = Vec::new();
    let mut i = 8;
    while i + 12 <= b.len() {
        let len = u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
        let Some(end) = (i + 12).checked_add(len).filter(|e| *e <= b.len()) else { break };
        let kind: [u8; 4] = [b[i + 4], b[i + 5], b[i + 6], b[i + 7]];
        let data = i + 8..i + 8 + len;
        match &kind {
            b"eXIf" => {
                if blank_gps_exif(&mut b[data.clone()]) {
                    let crc = png_crc(&b[i + 4..i + 8 + len]);
                    b[i + 8 + len..end].copy_from_slice(&crc.to_be_bytes());
                    removed = true;
                }
            }
            // XMP (iTXt "XML:com.adobe.xmp") naming a place, and EXIF copies ImageMagick keeps as hex
            // text ("Raw profile type exif"/"app1"), which may hold GPS and cannot be edited in place.
            b"iTXt" | b"tEXt" | b"zTXt" => {
                let d = &b[data];
                let raw_exif = d.starts_with(b"Raw profile type exif\0") || d.starts_with(b"Raw profile type APP1\0");
                let xmp = &kind == b"iTXt" && d.starts_with(b"XML:com.adobe.xmp\0") && xmp_names_place(d);
                if raw_exif || xmp {
                    drop_ranges.push(i..end);
                }
            }
            b"IEND" => break,
            _ => {}
        }
        i = end;
    }
    for r in drop_ranges.iter().rev() {
        b.drain(r.clone());
    }
    removed || !drop_ranges.is_empty()
}

// ---- WebP ----

fn strip_webp(b: &mut [u8]) -> bool {
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

// ---- HEIC / HEIF (ISO base media boxes) ----

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

fn strip_heif(b: &mut [u8]) -> bool {
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

// ---- Storing and the one-off cleaning of older libraries ----

/// Stores `source` in the blob store, without location data when it is a photo (`mime` as sniffed).
/// Returns what was stored and, for photos, whether location data was removed.
pub fn store_clean(root: &Path, source: &Path, mime: &str, limit: u64) -> Result<(blobs::Stored, Option<bool>)> {
    if !is_photo_mime(mime) {
        return Ok((blobs::put(root, source, limit)?, None));
    }
    let mut bytes = std::fs::read(source).map_err(|e| Error::io("cannot read", source, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::Invalid(format!("it is larger than the {} MB limit", limit / 1_048_576)));
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
