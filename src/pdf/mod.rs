//! A small PDF drawing engine: A4 pages filled by a flowing layout, text shaped with rustybuzz in
//! bidi runs (Latin, Welsh, Cyrillic and Arabic, with font fallback), fonts embedded and subset,
//! nested bookmarks, internal links, metadata, PDF/A-2 identification (XMP, sRGB output intent),
//! and output that repeats byte for byte.
//!
//! Not for: knowing what a portfolio contains (see `portfolio`). One private module per PDF
//! concept, after typst's PDF writer: `font`, `text`, `layout` (pages), `outline`, `metadata`;
//! links are resolved here when the document is written.

mod archive;
mod conformance;
mod font;
mod icc;
mod image;
mod layout;
mod merge;
mod metadata;
mod outline;
mod text;
mod xmp;

use std::io::Write;

use printpdf::{Mm, Op, PdfDocument, PdfFont, PdfPage, PdfSaveOptions};

pub use image::{Photo, MAX_SIDE};
pub use layout::{line_height, Align, Column, Layout, Piece, Place, MARGIN_X, PAGE_H, PAGE_W};
pub use conformance::Blocker;
pub use merge::Appendix;
pub use metadata::Metadata;
pub use outline::OutlineItem;
pub use text::Style;

use crate::error::{Error, Result};

/// An RGB colour, components 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color(pub f32, pub f32, pub f32);

impl Color {
    /// Body text: a soft near-black that prints well.
    pub const TEXT: Color = Color(0.13, 0.15, 0.18);
    /// Secondary text: labels, captions, attributions.
    pub const MUTED: Color = Color(0.38, 0.42, 0.47);
    /// Headings and accents: a deep teal.
    pub const ACCENT: Color = Color(0.0, 0.36, 0.40);
    /// Light accent for bars and bands.
    pub const ACCENT_LIGHT: Color = Color(0.62, 0.80, 0.80);
    /// Hairlines.
    pub const RULE: Color = Color(0.80, 0.82, 0.85);
    /// Table header bands and boxes.
    pub const SHADE: Color = Color(0.93, 0.95, 0.95);
    /// White.
    pub const WHITE: Color = Color(1.0, 1.0, 1.0);
}

impl From<Color> for printpdf::Color {
    fn from(c: Color) -> Self {
        printpdf::Color::Rgb(printpdf::Rgb {
            r: c.0,
            g: c.1,
            b: c.2,
            icc_profile: None,
        })
    }
}

/// Characters of `text` that no font on this computer can print (they would be left out).
pub fn unprintable(text: &str) -> Vec<char> {
    text::unprintable(text)
}

/// The scripts `chars` belong to ("Ethiopic", "Han"...) and the Debian packages whose fonts print
/// them, each listed once, for a warning that says what to install.
pub fn scripts_of(chars: &[char]) -> (Vec<String>, Vec<&'static str>) {
    let mut scripts = Vec::new();
    let mut packages = Vec::new();
    for c in chars {
        let name = font::script_name(*c);
        if !scripts.contains(&name) {
            scripts.push(name);
        }
        let package = font::install_hint(*c);
        if !packages.contains(&package) {
            packages.push(package);
        }
    }
    (scripts, packages)
}

/// Width of `line` in points when drawn in `style`.
pub fn text_width(line: &str, style: Style) -> f32 {
    text::width(line, style)
}

/// Words longer than this many bytes are split between characters without being measured whole.
pub const LONG_WORD: usize = text::LONG;

/// Breaks `text` into lines no wider than `max` points when drawn in `style` (hard breaks kept).
pub fn wrap(text: &str, style: Style, max: f32) -> Vec<String> {
    text::wrap(text, style, max)
}

/// Writes the laid-out document to `out`: footers with "Page n of N", links, bookmarks, metadata.
/// Returns the number of pages.
///
/// `appendices` are other PDFs whose pages follow the laid-out ones; each one's anchor names its
/// first page, and the page count includes them.
pub fn write(
    mut layout: Layout,
    meta: &Metadata,
    outline: &[OutlineItem],
    appendices: Vec<Appendix>,
    out: &mut dyn Write,
) -> Result<usize> {
    let own = layout.page_count();
    let archival = archive::scope(&appendices);
    let mut next = own;
    for a in &appendices {
        layout.anchors.insert(
            a.anchor.clone(),
            Place {
                page: next,
                y: PAGE_H - 24.0,
            },
        );
        next += a.page_count();
    }
    let total = next;
    // Appended pages get their footers too: each is drawn on a page of its own here, with our
    // fonts, and moved onto the appended page after merging (see `footers::stamp`).
    for _ in own..total {
        layout.pages.push(Vec::new());
    }
    let footer_style = Style::new(8.5).color(Color::MUTED);
    for i in 0..total {
        // On an appended document's page the footer sits lower, below where documents usually
        // put their own, so the two do not overprint.
        let y = if i < own { 36.0 } else { 14.0 };
        let width = PAGE_W - 2.0 * MARGIN_X;
        layout.line_on(i, &meta.footer, footer_style, MARGIN_X, width * 0.7, y, Align::Start);
        layout.line_on(
            i,
            &crate::i18n::fill(&meta.page_of, &[("n", &(i + 1)), ("total", &total)]),
            footer_style,
            MARGIN_X,
            width,
            y,
            Align::Right,
        );
    }
    let links = std::mem::take(&mut layout.links);
    for link in links {
        if let Some(target) = layout.place(&link.anchor) {
            layout.page_ops(link.page).push(layout::link_op(link.rect, target));
        }
    }

    let mut doc = PdfDocument::new(&meta.title);
    // Only faces the pages draw with are parsed and embedded (a CJK face is a 20 MB file).
    let used: std::collections::BTreeSet<String> = layout
        .pages
        .iter()
        .flatten()
        .filter_map(|op| match op {
            Op::SetFont {
                font: printpdf::PdfFontHandle::External(id),
                ..
            } => Some(id.0.clone()),
            _ => None,
        })
        .collect();
    for face in font::Face::ALL.into_iter().chain(font::system_faces()) {
        if used.contains(&face.id().0) {
            doc.resources
                .fonts
                .map
                .insert(face.id(), PdfFont::new(font::parsed(face).clone()));
        }
    }
    for (id, xobject) in std::mem::take(&mut layout.images) {
        doc.resources
            .xobjects
            .map
            .insert(printpdf::XObjectId(id), printpdf::XObject::External(xobject));
    }
    let anchors = layout.anchors.clone();
    let pages: Vec<PdfPage> = std::mem::take(&mut layout.pages)
        .into_iter()
        .map(|ops: Vec<Op>| PdfPage::new(Mm(210.0), Mm(297.0), ops))
        .collect();
    doc.with_pages(pages);

    let opts = PdfSaveOptions {
        optimize: false,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    // Photos are now held by the lopdf document; let printpdf's copy go before writing.
    drop(doc);
    lo.version = "1.7".to_string();
    let catalog = lo
        .trailer
        .get(b"Root")
        .and_then(|o| o.as_reference())
        .map_err(|e| Error::Pdf(format!("the document has no catalog ({e})")))?;
    let pages_root = match lo
        .get_dictionary(catalog)
        .and_then(|c| c.get(b"Pages"))
        .and_then(|p| p.as_reference())
    {
        Ok(id) => id,
        Err(e) => return Err(Error::Pdf(format!("the document has no page tree ({e})"))),
    };
    for a in appendices {
        merge::append(&mut lo, pages_root, a.doc_for_merge())?;
    }
    let all: Vec<lopdf::ObjectId> = lo.get_pages().values().copied().collect();
    if all.len() != own + 2 * (total - own) {
        return Err(Error::Pdf("the appended documents' pages did not add up".into()));
    }
    let pairs: Vec<(lopdf::ObjectId, lopdf::ObjectId)> =
        (0..total - own).map(|k| (all[own + k], all[total + k])).collect();
    merge::stamp_footers(&mut lo, pages_root, &pairs)?;
    let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().values().copied().collect();
    indirect_annotations(&mut lo, &page_ids);
    let place = |name: &str| anchors.get(name).copied();
    outline::write(&mut lo, catalog, &page_ids, outline, &place);
    metadata::write(&mut lo, catalog, meta);
    archive::write(&mut lo, catalog, meta, archival);
    lo.prune_objects();
    lo.renumber_objects();
    lo.compress();
    lo.save_to(&mut { out })
        .map_err(|e| Error::Pdf(format!("writing the PDF failed ({e})")))?;
    Ok(total)
}

/// printpdf writes link annotations inline in a page's /Annots; the standard asks for indirect
/// references there (and some readers only follow those), so each becomes an object of its own.
fn indirect_annotations(doc: &mut lopdf::Document, pages: &[lopdf::ObjectId]) {
    use lopdf::Object;
    for page in pages {
        let annots = match doc.get_dictionary(*page).ok().and_then(|d| d.get(b"Annots").ok()) {
            Some(Object::Array(a)) => a.clone(),
            _ => continue,
        };
        let refs: Vec<Object> = annots
            .into_iter()
            .map(|a| match a {
                Object::Dictionary(d) => Object::Reference(doc.add_object(Object::Dictionary(d))),
                other => other,
            })
            .collect();
        if let Ok(Object::Dictionary(d)) = doc.get_object_mut(*page) {
            if refs.is_empty() {
                d.remove(b"Annots");
            } else {
                d.set("Annots", Object::Array(refs));
            }
        }
    }
}
