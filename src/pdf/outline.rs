//! Bookmarks (the PDF outline), nested: e.g. Learn / Embed / Share, each with its criteria.
//!
//! printpdf only writes a flat list, so the outline is built here directly on the lopdf document.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::layout::Place;
use super::strings::text_string;

/// One bookmark and the bookmarks under it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineItem {
    pub title: String,
    /// The anchor (see `Layout::anchor`) it opens.
    pub anchor: String,
    pub children: Vec<OutlineItem>,
}

impl OutlineItem {
    /// A bookmark without children.
    pub fn new(title: impl Into<String>, anchor: impl Into<String>) -> OutlineItem {
        OutlineItem {
            title: title.into(),
            anchor: anchor.into(),
            children: Vec::new(),
        }
    }
}

/// Writes `items` as the document outline; items whose anchor is unknown are skipped.
pub(crate) fn write(
    doc: &mut Document,
    catalog: ObjectId,
    pages: &[ObjectId],
    items: &[OutlineItem],
    place: &dyn Fn(&str) -> Option<Place>,
) {
    let root = doc.new_object_id();
    let (first_last, count) = write_level(doc, root, pages, items, place);
    let Some((first, last)) = first_last else { return };
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Outlines".to_vec()));
    dict.set("First", Object::Reference(first));
    dict.set("Last", Object::Reference(last));
    dict.set("Count", Object::Integer(count));
    doc.objects.insert(root, Object::Dictionary(dict));
    if let Ok(Object::Dictionary(cat)) = doc.get_object_mut(catalog) {
        cat.set("Outlines", Object::Reference(root));
        cat.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
}

/// Writes one level under `parent`; returns its first and last item and how many items are open
/// beneath the parent (every level is shown open).
fn write_level(
    doc: &mut Document,
    parent: ObjectId,
    pages: &[ObjectId],
    items: &[OutlineItem],
    place: &dyn Fn(&str) -> Option<Place>,
) -> (Option<(ObjectId, ObjectId)>, i64) {
    let live: Vec<(&OutlineItem, Place)> = items
        .iter()
        .filter_map(|i| place(&i.anchor).filter(|p| p.page < pages.len()).map(|p| (i, p)))
        .collect();
    let ids: Vec<ObjectId> = live.iter().map(|_| doc.new_object_id()).collect();
    let mut count = 0;
    for (n, ((item, at), id)) in live.iter().zip(&ids).enumerate() {
        let (children, below) = write_level(doc, *id, pages, &item.children, place);
        count += 1 + below;
        let mut dict = Dictionary::new();
        dict.set("Title", text_string(&item.title));
        dict.set("Parent", Object::Reference(parent));
        dict.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(pages[at.page]),
                Object::Name(b"XYZ".to_vec()),
                Object::Integer(0),
                Object::Real(at.y + 24.0),
                Object::Null,
            ]),
        );
        if n > 0 {
            dict.set("Prev", Object::Reference(ids[n - 1]));
        }
        if n + 1 < ids.len() {
            dict.set("Next", Object::Reference(ids[n + 1]));
        }
        if let Some((first, last)) = children {
            dict.set("First", Object::Reference(first));
            dict.set("Last", Object::Reference(last));
            dict.set("Count", Object::Integer(below));
        }
        doc.objects.insert(*id, Object::Dictionary(dict));
    }
    let ends = match (ids.first(), ids.last()) {
        (Some(f), Some(l)) => Some((*f, *l)),
        _ => None,
    };
    (ends, count)
}
