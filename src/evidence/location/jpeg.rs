//! JPEG: the EXIF segment's GPS blanked in place; an XMP or IPTC segment that names a place dropped
//! whole, as JPEG allows.

use super::exif::blank_gps;

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

pub(super) fn xmp_names_place(xmp: &[u8]) -> bool {
    let text = String::from_utf8_lossy(xmp);
    XMP_LOCATION.iter().any(|f| text.contains(f))
}

/// True when a Photoshop resource block (JPEG APP13) holds IPTC place fields (city, sub-location,
/// province, country code, country: datasets 2:90, 2:92, 2:95, 2:100, 2:101).
fn iptc_names_place(app13: &[u8]) -> bool {
    app13.windows(3).any(|w| w[0] == 0x1C && w[1] == 0x02 && matches!(w[2], 90 | 92 | 95 | 100 | 101))
}

const XMP_NS: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";

const XMP_EXT_NS: &[u8] = b"http://ns.adobe.com/xmp/extension/\0";

pub(super) fn strip_jpeg(b: &mut Vec<u8>) -> bool {
    // The segments first (the walk reads), then the changes (GPS blanked in place keeps every length).
    let found: Vec<(u8, usize, usize)> = crate::jpeg::segments(b).map(|s| (s.marker, s.start, s.end)).collect();
    let mut removed = false;
    let mut drop_ranges = Vec::new();
    for (marker, i, end) in found {
        let start = (i + 4).min(end);
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
    }
    for r in drop_ranges.iter().rev() {
        b.drain(r.clone());
    }
    removed || !drop_ranges.is_empty()
}
