//! PNG: the eXIf chunk's GPS blanked (its checksum made again) and an XMP chunk that names a place
//! dropped.

use super::exif::blank_gps_exif;
use super::jpeg::xmp_names_place;

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

pub(super) fn strip_png(b: &mut Vec<u8>) -> bool {
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

