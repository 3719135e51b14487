//! Whether another PDF's pages can be merged into a PDF/A-2b file as they are: what in them the
//! standard forbids and the merge cannot mend (fonts not embedded, scripts or launch actions, CMYK
//! colour against our sRGB output intent, LZW or external streams, annotations PDF/A does not allow
//! or that have no appearance, layers, transfer functions, PostScript).
//!
//! Not for: the checks made when the file is added (encryption, damage: see `evidence::pdfcheck`
//! and `merge::Appendix::parse`), nor mending anything; the first problem found is reported.

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};

/// What keeps a merged PDF from PDF/A-2b. Its `code` names the reason's wording (`archival.CODE`
/// in the export's language files).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocker {
    /// A font is used without its program in the file.
    Fonts,
    /// JavaScript, or an action that launches, plays or hides something.
    Actions,
    /// CMYK colour (PDF/A needs a CMYK output intent for it; ours is sRGB).
    Colour,
    /// LZW compression, or stream data kept outside the file.
    Streams,
    /// Sound, film, 3D or attached-file annotations, or one drawn by the viewer (no appearance).
    Annotations,
    /// Layers (optional content), transfer functions, PostScript or alternate images.
    Graphics,
    /// Nothing above was found, but the file does not say it is PDF/A. The checks above cannot see
    /// inside its fonts (missing glyphs, widths that disagree with the font program), which real
    /// files from other software often get wrong, so only a file saved as PDF/A is vouched for.
    NotDeclared,
}

impl Blocker {
    /// The key of the reason's wording.
    pub fn code(self) -> &'static str {
        match self {
            Blocker::Fonts => "fonts",
            Blocker::Actions => "actions",
            Blocker::Colour => "colour",
            Blocker::Streams => "streams",
            Blocker::Annotations => "annotations",
            Blocker::Graphics => "graphics",
            Blocker::NotDeclared => "not_declared",
        }
    }
}

/// Actions PDF/A-2 forbids.
const FORBIDDEN_ACTIONS: [&[u8]; 11] = [
    b"JavaScript",
    b"Launch",
    b"Sound",
    b"Movie",
    b"ResetForm",
    b"ImportData",
    b"Hide",
    b"SetOCGState",
    b"Rendition",
    b"Trans",
    b"GoTo3DView",
];

/// Annotation types PDF/A-2 forbids (a file attachment is allowed only of a PDF/A file, which is
/// more than is checked here).
const FORBIDDEN_ANNOTS: [&[u8]; 6] = [b"Sound", b"Movie", b"Screen", b"3D", b"RichMedia", b"FileAttachment"];

/// Annotation types that need no appearance stream.
const NO_APPEARANCE_NEEDED: [&[u8]; 2] = [b"Link", b"Popup"];

fn name<'a>(d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    d.get(key).ok().and_then(|o| o.as_name().ok())
}

/// The first thing in `doc` that prevents PDF/A-2b, or None when its pages can join one.
pub(crate) fn blocker(doc: &Document) -> Option<Blocker> {
    let mut cmyk = false;
    let mut default_cmyk = false;
    for object in doc.objects.values() {
        let d = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => {
                if s.dict.has(b"F") || s.dict.has(b"FFilter") {
                    return Some(Blocker::Streams);
                }
                if let Ok(filters) = s.filters() {
                    if filters.iter().any(|f| *f == b"LZWDecode") {
                        return Some(Blocker::Streams);
                    }
                }
                if name(&s.dict, b"Subtype") == Some(b"PS") || s.dict.has(b"Alternates") || s.dict.has(b"OPI") {
                    return Some(Blocker::Graphics);
                }
                if name(&s.dict, b"Subtype") == Some(b"Form") {
                    cmyk |= draws_cmyk(&s.decompressed_content().unwrap_or_default());
                }
                &s.dict
            }
            _ => continue,
        };
        if d.has(b"JS") || name(d, b"S").is_some_and(|s| FORBIDDEN_ACTIONS.contains(&s)) {
            return Some(Blocker::Actions);
        }
        if let Some(b) = font_blocker(doc, d) {
            return Some(b);
        }
        if name(d, b"Type") == Some(b"OCG") || d.has(b"OC") {
            return Some(Blocker::Graphics);
        }
        if name(d, b"Type") == Some(b"ExtGState")
            && (d.has(b"TR") || d.get(b"TR2").is_ok_and(|t| t.as_name().ok() != Some(b"Default")))
        {
            return Some(Blocker::Graphics);
        }
        if let Some(kind) = name(d, b"Subtype").filter(|_| d.has(b"Rect")) {
            let hidden = d.get(b"F").and_then(Object::as_i64).unwrap_or(0) & (1 | 2 | 32) != 0;
            if !hidden
                && (FORBIDDEN_ANNOTS.contains(&kind) || (!NO_APPEARANCE_NEEDED.contains(&kind) && !d.has(b"AP")))
            {
                return Some(Blocker::Annotations);
            }
        }
        if d.has(b"DefaultCMYK") {
            default_cmyk = true;
        }
        cmyk |= d.iter().any(|(_, v)| is_cmyk(v));
    }
    for page in doc.get_pages().values() {
        cmyk |= draws_cmyk(&doc.get_page_content(*page));
    }
    if cmyk && !default_cmyk {
        return Some(Blocker::Colour);
    }
    (!declares_pdf_a(doc)).then_some(Blocker::NotDeclared)
}

/// True when the document's own XMP metadata names a PDF/A part (it was saved as PDF/A).
fn declares_pdf_a(doc: &Document) -> bool {
    let Ok(catalog) = doc.catalog() else { return false };
    let Ok(Object::Stream(xmp)) = catalog.get(b"Metadata").and_then(|m| doc.dereference(m)).map(|(_, o)| o) else {
        return false;
    };
    let bytes = xmp.decompressed_content().unwrap_or_else(|_| xmp.content.clone());
    bytes.windows(11).any(|w| w == b"pdfaid:part")
}

/// True for the name DeviceCMYK, alone or as the first item of a colour space array.
fn is_cmyk(o: &Object) -> bool {
    match o {
        Object::Name(n) => n == b"DeviceCMYK",
        Object::Array(a) => a.iter().any(|x| matches!(x, Object::Name(n) if n == b"DeviceCMYK")),
        _ => false,
    }
}

/// True when a drawing sets a CMYK colour (k, K) or selects DeviceCMYK by name.
fn draws_cmyk(bytes: &[u8]) -> bool {
    let Ok(content) = Content::decode(bytes) else { return false };
    content.operations.iter().any(|op| {
        matches!(op.operator.as_str(), "k" | "K")
            || (matches!(op.operator.as_str(), "cs" | "CS") && op.operands.first().is_some_and(is_cmyk))
    })
}

/// A font dictionary whose program is not embedded (Type 3 fonts draw with content streams and
/// need none; a composite font is judged by its descendant, which is an object of its own).
fn font_blocker(doc: &Document, d: &Dictionary) -> Option<Blocker> {
    if name(d, b"Type") != Some(b"Font") {
        return None;
    }
    let subtype = name(d, b"Subtype")?;
    if matches!(subtype, b"Type3" | b"Type0") {
        return None;
    }
    let descriptor = match d.get(b"FontDescriptor") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
        Ok(Object::Dictionary(fd)) => Some(fd),
        _ => None,
    };
    match descriptor {
        Some(fd) if fd.has(b"FontFile") || fd.has(b"FontFile2") || fd.has(b"FontFile3") => None,
        _ => Some(Blocker::Fonts),
    }
}
