//! What makes the written document archival (PDF/A-2) and identifiable as accessible (PDF/UA-1),
//! applied to the finished lopdf document in one step: the XMP packet, the sRGB output intent,
//! annotation flags, and stream endings that no validator can misread.
//!
//! Not for: tagging the content (the structure tree), nor judging a merged PDF (see `conformance`).

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use super::merge::Appendix;
use super::xmp::{self, Level};
use super::Metadata;

/// How far the document can be archival, decided before the appended PDFs are merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Only our own pages: level A once they are tagged, B until then.
    Own,
    /// Appended PDFs that all allow PDF/A-2b.
    Merged,
    /// An appended PDF prevents any claim (the export warns which one, see `portfolio`).
    Blocked,
}

/// The scope for a document with these appendices.
pub(crate) fn scope(appendices: &[Appendix]) -> Scope {
    if appendices.is_empty() {
        Scope::Own
    } else if appendices.iter().all(|a| a.archival_blocker().is_none()) {
        Scope::Merged
    } else {
        Scope::Blocked
    }
}

/// Annotation flags PDF/A forbids: Invisible, Hidden, NoView and ToggleNoView.
const HIDING_FLAGS: i64 = 1 | 2 | 32 | 256;
/// The Print flag, which PDF/A requires on every annotation.
const PRINT: i64 = 4;

/// Makes `doc` archival within `scope`. Call it last, before pruning and saving: it compresses the
/// streams itself so that it can check how each one ends.
pub(crate) fn write(doc: &mut Document, catalog: ObjectId, meta: &Metadata, scope: Scope) {
    let level = match scope {
        Scope::Own if is_tagged(doc, catalog) => Some(Level::A),
        Scope::Own | Scope::Merged => Some(Level::B),
        Scope::Blocked => None,
    };
    let mut xmp_dict = Dictionary::new();
    xmp_dict.set("Type", Object::Name(b"Metadata".to_vec()));
    xmp_dict.set("Subtype", Object::Name(b"XML".to_vec()));
    // Left uncompressed, so that tools that only scan the bytes for a packet find it.
    let packet = doc.add_object(Stream::new(xmp_dict, xmp::packet(meta, level)).with_compression(false));

    let mut icc_dict = Dictionary::new();
    icc_dict.set("N", Object::Integer(3));
    let icc = doc.add_object(Stream::new(icc_dict, super::icc::srgb()));
    let mut intent = Dictionary::new();
    intent.set("Type", Object::Name(b"OutputIntent".to_vec()));
    intent.set("S", Object::Name(b"GTS_PDFA1".to_vec()));
    let srgb = || Object::String(b"sRGB IEC61966-2.1".to_vec(), StringFormat::Literal);
    intent.set("OutputConditionIdentifier", srgb());
    intent.set("Info", srgb());
    intent.set(
        "RegistryName",
        Object::String(b"http://www.color.org".to_vec(), StringFormat::Literal),
    );
    intent.set("DestOutputProfile", Object::Reference(icc));
    let intent = doc.add_object(Object::Dictionary(intent));
    if let Ok(Object::Dictionary(cat)) = doc.get_object_mut(catalog) {
        cat.set("Metadata", Object::Reference(packet));
        cat.set("OutputIntents", Object::Array(vec![Object::Reference(intent)]));
    }
    annotations(doc);
    doc.compress();
    stream_endings(doc);
}

/// True when the catalog says its content is tagged (a structure tree and /MarkInfo /Marked true).
fn is_tagged(doc: &Document, catalog: ObjectId) -> bool {
    let Ok(cat) = doc.get_dictionary(catalog) else { return false };
    let marked = match cat.get(b"MarkInfo") {
        Ok(Object::Dictionary(m)) => m.get(b"Marked").and_then(Object::as_bool).unwrap_or(false),
        Ok(Object::Reference(id)) => doc
            .get_dictionary(*id)
            .and_then(|m| m.get(b"Marked"))
            .and_then(Object::as_bool)
            .unwrap_or(false),
        _ => false,
    };
    marked && cat.has(b"StructTreeRoot")
}

/// Every annotation is printed and none hidden: hidden ones (only in appended PDFs; they show
/// nothing) are dropped, the others get the Print flag. A page with annotations says its tab order
/// follows the structure (PDF/UA).
fn annotations(doc: &mut Document) {
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    for page in pages {
        let annots = match doc.get_dictionary(page).ok().and_then(|d| d.get(b"Annots").ok()) {
            Some(Object::Array(a)) => a.clone(),
            Some(Object::Reference(id)) => match doc.get_object(*id) {
                Ok(Object::Array(a)) => a.clone(),
                _ => continue,
            },
            _ => continue,
        };
        let mut kept = Vec::with_capacity(annots.len());
        for a in annots {
            let Object::Reference(id) = a else {
                kept.push(a);
                continue;
            };
            let Ok(Object::Dictionary(d)) = doc.get_object_mut(id) else {
                kept.push(a);
                continue;
            };
            let flags = d.get(b"F").and_then(Object::as_i64).unwrap_or(0);
            if flags & HIDING_FLAGS != 0 {
                continue;
            }
            d.set("F", Object::Integer(flags | PRINT));
            kept.push(a);
        }
        if let Ok(Object::Dictionary(d)) = doc.get_object_mut(page) {
            if kept.is_empty() {
                d.remove(b"Annots");
            } else {
                d.set("Annots", Object::Array(kept));
                d.set("Tabs", Object::Name(b"S".to_vec()));
            }
        }
    }
}

/// A stream's data is followed by an end-of-line before `endstream`. When the data itself ends in a
/// carriage return (a compressed stream does once in 256 times: its last byte is a checksum's),
/// a validator reads that CR and the line feed after it as the end-of-line and finds /Length one
/// byte too long. Such streams are changed so that they end otherwise: a page's drawing gets a
/// trailing line feed, a font program four bytes of padding after its last table (which no
/// table's offset reaches), both then compressed again; any other stream is stored uncompressed.
fn stream_endings(doc: &mut Document) {
    let mut drawings = std::collections::HashSet::new();
    for page in doc.get_pages().values() {
        drawings.extend(doc.get_page_contents(*page));
    }
    let mut fonts = std::collections::HashSet::new();
    for object in doc.objects.values() {
        if let Object::Dictionary(d) = object {
            // Not /FontFile: a Type 1 program's three parts have lengths of their own.
            for key in [&b"FontFile2"[..], b"FontFile3"] {
                if let Ok(Object::Reference(id)) = d.get(key) {
                    fonts.insert(*id);
                }
            }
        }
    }
    for (id, object) in doc.objects.iter_mut() {
        let Object::Stream(stream) = object else { continue };
        if stream.content.last() != Some(&b'\r') {
            continue;
        }
        let flate = matches!(stream.filters().as_deref(), Ok([b"FlateDecode"]))
            && stream.dict.get(b"DecodeParms").is_err();
        let drawing = drawings.contains(id)
            || stream.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form");
        let font = fonts.contains(id);
        let Ok(mut plain) = (if flate { stream.decompressed_content() } else { Ok(stream.content.clone()) }) else {
            continue;
        };
        if !drawing && !font {
            if flate && plain.last() != Some(&b'\r') {
                stream.set_plain_content(plain);
                // The compression after this step must not undo it.
                stream.allows_compression = false;
            }
            continue;
        }
        // Each round changes the data and so its checksum; a few rounds always end the CR.
        for _ in 0..8 {
            if font {
                // Not all zeros: zeros leave the checksum's last byte (its plain sum) as it was.
                plain.extend_from_slice(&[0, 0, 0, 1]);
                if stream.dict.has(b"Length1") {
                    stream.dict.set("Length1", Object::Integer(plain.len() as i64));
                }
            } else {
                plain.push(b'\n');
            }
            stream.set_plain_content(plain.clone());
            if flate {
                let _ = stream.compress();
            }
            if stream.content.last() != Some(&b'\r') {
                break;
            }
        }
        stream.allows_compression = false;
    }
}
