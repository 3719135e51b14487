//! The little we need from a JPEG's EXIF block: which way up the photo is, and when it was taken.
//! Read with `crate::jpeg` (the one JPEG walker and TIFF reader) because only two tags matter, and
//! a damaged block must never stop an import.

use chrono::NaiveDate;

use crate::jpeg;

/// Orientation (1–8, 1 = upright) and the date the photo was taken, when the JPEG says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Facts {
    pub orientation: u8,
    pub taken: Option<NaiveDate>,
}

/// Reads the EXIF facts from JPEG bytes; anything unreadable is simply absent.
pub fn read(jpeg: &[u8]) -> Facts {
    let mut facts = Facts { orientation: 1, taken: None };
    let Some(tiff) = app1_tiff(jpeg) else { return facts };
    let Some(little) = jpeg::little_endian(tiff) else { return facts };
    let Some(ifd0) = jpeg::u32_at(tiff, 4, little) else { return facts };
    let mut exif_ifd = None;
    for (tag, _, value_at) in jpeg::entries(tiff, ifd0 as usize, little) {
        match tag {
            0x0112 => {
                if let Some(o) = jpeg::u16_at(tiff, value_at, little).filter(|o| (1..=8).contains(o)) {
                    facts.orientation = o as u8;
                }
            }
            0x8769 => exif_ifd = jpeg::u32_at(tiff, value_at, little),
            _ => {}
        }
    }
    if let Some(at) = exif_ifd {
        for (tag, _, value_at) in jpeg::entries(tiff, at as usize, little) {
            if tag == 0x9003 {
                facts.taken = jpeg::u32_at(tiff, value_at, little).and_then(|off| date(tiff, off as usize));
            }
        }
    }
    facts
}

/// The TIFF structure inside the first `Exif\0\0` APP1 segment.
fn app1_tiff(jpeg: &[u8]) -> Option<&[u8]> {
    jpeg::segments(jpeg).filter(|s| s.marker == 0xE1).find_map(|s| jpeg::exif_tiff(s.body))
}

/// An EXIF date "YYYY:MM:DD HH:MM:SS" at `at`.
fn date(tiff: &[u8], at: usize) -> Option<NaiveDate> {
    let s = std::str::from_utf8(tiff.get(at..at + 10)?).ok()?;
    NaiveDate::parse_from_str(s, "%Y:%m:%d").ok()
}
