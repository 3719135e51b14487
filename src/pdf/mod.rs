//! A small PDF drawing engine: A4 pages filled by a flowing layout, text shaped with rustybuzz in
//! bidi runs (Latin, Welsh, Cyrillic and Arabic, with font fallback), fonts embedded and subset,
//! nested bookmarks, internal links, metadata, PDF/A-2 identification (XMP, sRGB output intent),
//! and output that repeats byte for byte.
//!
//! Not for: knowing what a portfolio contains (see `portfolio`). One private module per PDF
//! concept, after typst's PDF writer: `font`, `text`, `layout` (pages), `outline`, `metadata`,
//! `tags` (the structure tree); `write` runs them step by step, each a small function here.

mod archive;
mod conformance;
mod font;
mod icc;
mod image;
mod layout;
mod merge;
mod metadata;
mod outline;
mod strings;
mod tags;
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
pub use tags::{Role, Scope, Tag};
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

/// Writes the laid-out document to `out`: footers with "Page n of N", links, bookmarks, the
/// structure tree, metadata. Returns the number of pages.
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
    // Judged before the appended documents are consumed by the merge.
    let archival = archive::scope(&appendices);
    let total = place_appendices(&mut layout, &appendices);
    footers(&mut layout, meta, own, total);
    resolve_links(&mut layout);
    let anchors = layout.anchors.clone();
    let tree = std::mem::take(&mut layout.tags);
    let mut lo = serialise(layout, &meta.title);
    let (catalog, pages_root) = roots(&lo)?;
    merge_appendices(&mut lo, pages_root, appendices, own, total)?;
    let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().values().copied().collect();
    indirect_annotations(&mut lo, &page_ids);
    let place = |name: &str| anchors.get(name).copied();
    outline::write(&mut lo, catalog, &page_ids, outline, &place);
    metadata::write(&mut lo, catalog, meta);
    tags::write(&mut lo, catalog, &page_ids[..own.min(page_ids.len())], &tree);
    // After the tags: the PDF/A level it claims (A or B) depends on the structure tree being there.
    archive::write(&mut lo, catalog, meta, archival);
    lo.prune_objects();
    lo.renumber_objects();
    lo.compress();
    lo.save_to(&mut { out })
        .map_err(|e| Error::Pdf(format!("writing the PDF failed ({e})")))?;
    Ok(total)
}

/// Anchors the appended documents' first pages after the laid-out ones, and adds an empty page
/// per appended page to carry its footer (moved onto it after merging, see
/// `merge::stamp_footers`). Returns the page count with the appended pages.
fn place_appendices(layout: &mut Layout, appendices: &[Appendix]) -> usize {
    let mut next = layout.page_count();
    for a in appendices {
        layout.anchors.insert(
            a.anchor.clone(),
            Place {
                page: next,
                y: PAGE_H - 24.0,
            },
        );
        next += a.page_count();
    }
    for _ in layout.page_count()..next {
        layout.pages.push(Vec::new());
    }
    next
}

/// The footer line and "Page n of N" on every page, as artifacts (a reader skips them).
fn footers(layout: &mut Layout, meta: &Metadata, own: usize, total: usize) {
    let footer_style = Style::new(8.5).color(Color::MUTED);
    let width = PAGE_W - 2.0 * MARGIN_X;
    layout.artifact(|layout| {
        for i in 0..total {
            // On an appended document's page the footer sits lower, below where documents
            // usually put their own, so the two do not overprint.
            let y = if i < own { 36.0 } else { 14.0 };
            layout.line_on(i, &meta.footer, footer_style, MARGIN_X, width * 0.7, y, Align::Start);
            let number = crate::i18n::fill(&meta.page_of, &[("n", &(i + 1)), ("total", &total)]);
            layout.line_on(i, &number, footer_style, MARGIN_X, width, y, Align::Right);
        }
    });
}

/// Internal links become annotations now that every anchor has its place; a link to an anchor
/// that was never laid out is left out.
fn resolve_links(layout: &mut Layout) {
    for link in std::mem::take(&mut layout.links) {
        if let Some(target) = layout.place(&link.anchor) {
            layout.tags.annotation(link.page, link.node);
            layout.page_ops(link.page).push(layout::link_op(link.rect, target));
        }
    }
}

/// printpdf's document for the pages, with only the fonts they use and their photos, as lopdf.
fn serialise(mut layout: Layout, title: &str) -> lopdf::Document {
    let mut doc = PdfDocument::new(title);
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
    lo.version = "1.7".to_string();
    // Photos are now held by the lopdf document; printpdf's copy goes when `doc` does, here.
    lo
}

/// The catalog and the page tree's root.
fn roots(lo: &lopdf::Document) -> Result<(lopdf::ObjectId, lopdf::ObjectId)> {
    let catalog = lo
        .trailer
        .get(b"Root")
        .and_then(|o| o.as_reference())
        .map_err(|e| Error::Pdf(format!("the document has no catalog ({e})")))?;
    let pages_root = lo
        .get_dictionary(catalog)
        .and_then(|c| c.get(b"Pages"))
        .and_then(|p| p.as_reference())
        .map_err(|e| Error::Pdf(format!("the document has no page tree ({e})")))?;
    Ok((catalog, pages_root))
}

/// Appends the other PDFs' pages and moves each footer page's drawing onto its appended page.
fn merge_appendices(
    lo: &mut lopdf::Document,
    pages_root: lopdf::ObjectId,
    appendices: Vec<Appendix>,
    own: usize,
    total: usize,
) -> Result<()> {
    for a in appendices {
        merge::append(lo, pages_root, a.doc_for_merge())?;
    }
    let all: Vec<lopdf::ObjectId> = lo.get_pages().values().copied().collect();
    if all.len() != own + 2 * (total - own) {
        return Err(Error::Pdf("the appended documents' pages did not add up".into()));
    }
    let pairs: Vec<(lopdf::ObjectId, lopdf::ObjectId)> =
        (0..total - own).map(|k| (all[own + k], all[total + k])).collect();
    merge::stamp_footers(lo, pages_root, &pairs)
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
