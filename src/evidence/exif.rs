//! The little we need from a JPEG's EXIF block: which way up the photo is, and when it was taken.
//! Written by hand because only two tags matter, and a damaged block must never stop an import.

use chrono::NaiveDate;

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
    let Some(r) = Reader::new(tiff) else { return facts };
    let Some(ifd0) = r.u32(4) else { return facts };
    let mut exif_ifd = None;
    r.each_entry(ifd0 as usize, |tag, _typ, value_at| match tag {
        0x0112 => {
            if let Some(o) = r.u16(value_at).filter(|o| (1..=8).contains(o)) {
                facts.orientation = o as u8;
            }
        }
        0x8769 => exif_ifd = r.u32(value_at),
        _ => {}
    });
    if let Some(at) = exif_ifd {
        r.each_entry(at as usize, |tag, _typ, value_at| {
            if tag == 0x9003 {
                facts.taken = r.u32(value_at).and_then(|off| r.date(off as usize));
            }
        });
    }
    facts
}

/// The TIFF structure inside the first `Exif\0\0` APP1 segment.
fn app1_tiff(jpeg: &[u8]) -> Option<&[u8]> {
    let mut i = 2;
    while i + 4 <= jpeg.len() {
        if jpeg[i] != 0xFF {
            return None;
        }
        let marker = jpeg[i + 1];
        if marker == 0xDA || marker == 0xD9 {
            return None;
        }
        let len = u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]) as usize;
        let body = jpeg.get(i + 4..i + 2 + len)?;
        if marker == 0xE1 && body.starts_with(b"Exif\0\0") {
            return Some(&body[6..]);
        }
        i += 2 + len;
    }
    None
}

struct Reader<'a> {
    data: &'a [u8],
    little: bool,
}

impl<'a> Reader<'a> {
    fn new(data: &'a [u8]) -> Option<Self> {
        let little = match data.get(0..2)? {
            b"II" => true,
            b"MM" => false,
            _ => return None,
        };
        Some(Reader { data, little })
    }
    fn u16(&self, at: usize) -> Option<u16> {
        let b: [u8; 2] = self.data.get(at..at + 2)?.try_into().ok()?;
        Some(if self.little { u16::from_le_bytes(b) } else { u16::from_be_bytes(b) })
    }
    fn u32(&self, at: usize) -> Option<u32> {
        let b: [u8; 4] = self.data.get(at..at + 4)?.try_into().ok()?;
        Some(if self.little { u32::from_le_bytes(b) } else { u32::from_be_bytes(b) })
    }
    /// Calls `f(tag, type, offset of the value field)` for each entry of the IFD at `at`.
    fn each_entry(&self, at: usize, mut f: impl FnMut(u16, u16, usize)) {
        let Some(count) = self.u16(at) else { return };
        for n in 0..count.min(512) as usize {
            let e = at + 2 + n * 12;
            if let (Some(tag), Some(typ)) = (self.u16(e), self.u16(e + 2)) {
                f(tag, typ, e + 8);
            }
        }
    }
    /// An EXIF date "YYYY:MM:DD HH:MM:SS" at `at`.
    fn date(&self, at: usize) -> Option<NaiveDate> {
        let s = std::str::from_utf8(self.data.get(at..at + 10)?).ok()?;
        NaiveDate::parse_from_str(s, "%Y:%m:%d").ok()
    }
}
