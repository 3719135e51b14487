//! The one JPEG segment walker and TIFF reader (`sanctuary::jpeg`) that the EXIF facts, the GPS
//! blanking and the PDF's metadata stripping share: how it walks a well-made file, fill bytes and
//! markers without a length, and where it stops on a damaged one.

use sanctuary::jpeg::{self, End};

/// A segment: marker, then its body with the two length bytes before it.
fn seg(marker: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![0xFF, marker];
    out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(body);
    out
}

#[test]
fn the_walker_reads_header_segments_up_to_the_scan_skipping_fill_bytes() {
    let mut file = vec![0xFF, 0xD8];
    file.extend(seg(0xE0, b"JFIF\0"));
    file.extend([0xFF, 0xFF, 0xFF]); // fill bytes before the next marker
    file.extend(seg(0xE1, b"Exif\0\0MM"));
    file.extend([0xFF, 0xD0]); // a marker without a length
    let scan_at = file.len();
    file.extend(seg(0xDA, &[1, 2, 3]));
    file.extend([9, 9, 0xFF, 0xD9]);
    let mut walk = jpeg::segments(&file);
    let got: Vec<(u8, Vec<u8>)> = walk.by_ref().map(|s| (s.marker, s.body.to_vec())).collect();
    assert_eq!(got, [(0xE0, b"JFIF\0".to_vec()), (0xE1, b"Exif\0\0MM".to_vec()), (0xD0, Vec::new())]);
    assert_eq!(walk.end, Some(End::Scan(scan_at)));
    assert_eq!(jpeg::exif_tiff(b"Exif\0\0MM"), Some(&b"MM"[..]));
}

#[test]
fn the_walker_stops_on_a_damaged_file_and_at_an_early_end_of_image() {
    let mut cut = vec![0xFF, 0xD8];
    cut.extend(seg(0xE1, b"Exif\0\0II*\0"));
    cut.truncate(cut.len() - 3); // the segment's length now runs past the end
    let mut walk = jpeg::segments(&cut);
    assert_eq!(walk.by_ref().count(), 0);
    assert_eq!(walk.end, Some(End::Damaged));

    let early = [0xFF, 0xD8, 0xFF, 0xD9, 0, 0];
    let mut walk = jpeg::segments(&early);
    assert_eq!(walk.by_ref().count(), 0);
    assert_eq!(walk.end, Some(End::ImageEnd));
}

#[test]
fn the_tiff_reader_finds_the_orientation_in_either_byte_order() {
    // II*\0, first directory at 8, one entry: tag 0x0112, type 3 (short), count 1, value 6.
    let little = [b'I', b'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0];
    assert_eq!(jpeg::orientation(&little), Some(6));
    let big = [b'M', b'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 8, 0, 0, 0, 0, 0, 0];
    assert_eq!(jpeg::orientation(&big), Some(8));
    assert_eq!(jpeg::orientation(b"XX*\0"), None);
    // A directory count larger than the data: the entries past the end are left out.
    let short = [b'I', b'I', 42, 0, 8, 0, 0, 0, 200, 0];
    assert!(jpeg::entries(&short, 8, true).is_empty());
}
