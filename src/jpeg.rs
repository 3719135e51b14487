//! The structure of a JPEG and of the TIFF block inside its EXIF segment, read by hand: one segment
//! walker (the header segments up to the picture data) and one reader of TIFF numbers and
//! directories. The EXIF facts (`evidence::exif`), the GPS blanking (`evidence::location`) and the
//! PDF's metadata stripping (`pdf::image`) all stand on these, so a damaged file is walked the same
//! way everywhere.
//!
//! Not for: decoding pixels (see `pixels`), nor what any tag means to us (the callers).

/// One header segment: its marker, where it starts (the `0xFF`) and ends in the file, and its body
/// (after the two length bytes; empty for the markers that have no length).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment<'a> {
    pub marker: u8,
    pub start: usize,
    pub end: usize,
    pub body: &'a [u8],
}

/// Why the walk stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The start of scan at this offset (its own length checked): the picture data follows.
    Scan(usize),
    /// The end-of-image marker came before any picture data.
    ImageEnd,
    /// The segments do not add up (a byte that is no marker, a length past the end).
    Damaged,
}

/// Walks the header segments of `jpeg` (after its start-of-image marker), skipping fill bytes;
/// [`Segments::end`] says why it stopped once it has.
pub fn segments(jpeg: &[u8]) -> Segments<'_> {
    Segments { bytes: jpeg, at: 2, end: None }
}

/// The walker made by [`segments`].
pub struct Segments<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Why the walk stopped; None while it goes on.
    pub end: Option<End>,
}

impl<'a> Segments<'a> {
    fn stop(&mut self, end: End) -> Option<Segment<'a>> {
        self.end = Some(end);
        None
    }
}

impl<'a> Iterator for Segments<'a> {
    type Item = Segment<'a>;

    fn next(&mut self) -> Option<Segment<'a>> {
        if self.end.is_some() {
            return None;
        }
        let b = self.bytes;
        let mut i = self.at;
        // Fill bytes: any number of 0xFF before a marker.
        while i + 1 < b.len() && b[i] == 0xFF && b[i + 1] == 0xFF {
            i += 1;
        }
        if i + 4 > b.len() || b[i] != 0xFF {
            return self.stop(End::Damaged);
        }
        let marker = b[i + 1];
        if marker == 0xD9 {
            return self.stop(End::ImageEnd);
        }
        // Restart markers, a second start of image and TEM carry no length.
        if (0xD0..=0xD8).contains(&marker) || marker == 0x01 {
            self.at = i + 2;
            return Some(Segment { marker, start: i, end: i + 2, body: &[] });
        }
        let len = u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
        let end = i + 2 + len;
        if len < 2 || end > b.len() {
            return self.stop(End::Damaged);
        }
        if marker == 0xDA {
            return self.stop(End::Scan(i));
        }
        self.at = end;
        Some(Segment { marker, start: i, end, body: &b[i + 4..end] })
    }
}

/// The TIFF structure inside an `Exif\0\0` APP1 body, when it is one.
pub fn exif_tiff(app1: &[u8]) -> Option<&[u8]> {
    app1.strip_prefix(b"Exif\0\0")
}

/// A TIFF structure's byte order from its first two bytes (`II` little-endian, `MM` big-endian).
pub fn little_endian(tiff: &[u8]) -> Option<bool> {
    match tiff.get(0..2)? {
        b"II" => Some(true),
        b"MM" => Some(false),
        _ => None,
    }
}

/// The 16-bit number at `at`, in the byte order given.
pub fn u16_at(b: &[u8], at: usize, little: bool) -> Option<u16> {
    let x: [u8; 2] = b.get(at..at.checked_add(2)?)?.try_into().ok()?;
    Some(if little { u16::from_le_bytes(x) } else { u16::from_be_bytes(x) })
}

/// The 32-bit number at `at`, in the byte order given.
pub fn u32_at(b: &[u8], at: usize, little: bool) -> Option<u32> {
    let x: [u8; 4] = b.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(if little { u32::from_le_bytes(x) } else { u32::from_be_bytes(x) })
}

/// The entries of the directory at `at` (at most 512, against a damaged count): for each, its tag,
/// its type and the offset of its value field. An entry past the end is left out.
pub fn entries(b: &[u8], at: usize, little: bool) -> Vec<(u16, u16, usize)> {
    let Some(count) = u16_at(b, at, little) else { return Vec::new() };
    (0..count.min(512) as usize)
        .filter_map(|n| {
            let e = at + 2 + n * 12;
            Some((u16_at(b, e, little)?, u16_at(b, e + 2, little)?, e + 8))
        })
        .collect()
}

/// The orientation tag (0x0112) of the first directory, when it has one.
pub fn orientation(tiff: &[u8]) -> Option<u16> {
    let little = little_endian(tiff)?;
    let ifd0 = u32_at(tiff, 4, little)? as usize;
    let (_, _, value) = entries(tiff, ifd0, little).into_iter().find(|(tag, _, _)| *tag == 0x0112)?;
    u16_at(tiff, value, little)
}
