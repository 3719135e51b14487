//! Other PDFs' pages (evidence documents) appended to the document as pages of their own.
//!
//! Not for: reading or changing what is on those pages; they go in as they are.

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::error::{Error, Result};

/// A PDF to append, already parsed.
pub struct Appendix {
    doc: Document,
    /// The anchor that names its first page (see `Layout::anchor`).
    pub anchor: String,
    /// What keeps its pages out of a PDF/A-2b file, judged once when it is read.
    blocker: Option<super::conformance::Blocker>,
}

impl Appendix {
    /// Parses `bytes` as a PDF; `name` is used in messages. Encrypted or damaged files are refused.
    pub fn parse(bytes: &[u8], name: &str, anchor: &str) -> Result<Appendix> {
        let refuse = |reason: String| Error::Refused {
            file: name.into(),
            reason,
        };
        let doc = Document::load_mem(bytes).map_err(|e| refuse(format!("the PDF cannot be read ({e})")))?;
        if doc.is_encrypted() {
            return Err(refuse(
                "the PDF is password-protected; save an unprotected copy and add that".into(),
            ));
        }
        if doc.get_pages().is_empty() {
            return Err(refuse("the PDF has no pages".into()));
        }
        let blocker = super::conformance::blocker(&doc);
        Ok(Appendix {
            doc,
            anchor: anchor.to_string(),
            blocker,
        })
    }

    /// What in this PDF prevents the merged document from being PDF/A-2b, or None when it allows it.
    pub fn archival_blocker(&self) -> Option<super::conformance::Blocker> {
        self.blocker
    }

    pub(crate) fn doc_for_merge(self) -> Document {
        self.doc
    }

    /// Number of pages it adds.
    pub fn page_count(&self) -> usize {
        self.doc.get_pages().len()
    }
}

/// Most page-tree levels above a page that are looked at for what it inherits (lopdf itself reads
/// page trees at most 256 deep).
const MAX_TREE_DEPTH: usize = 256;

/// Page attributes a page may inherit from the page tree above it.
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

/// Appends every page of `other` to the end of `doc`'s page tree.
pub(crate) fn append(doc: &mut Document, pages_root: ObjectId, mut other: Document) -> Result<()> {
    other.renumber_objects_with(doc.max_id + 1);
    let pages: Vec<ObjectId> = other.get_pages().values().copied().collect();
    let mut page_dicts = Vec::with_capacity(pages.len());
    for id in &pages {
        let mut dict: Dictionary = other
            .get_dictionary(*id)
            .map_err(|e| Error::Pdf(e.to_string()))?
            .clone();
        // Copy what the page inherited, since it is moving under our page tree.
        let mut parent = dict.get(b"Parent").and_then(Object::as_reference).ok();
        // A page tree whose parents loop (a damaged or hostile file) is followed once round.
        let mut seen = std::collections::HashSet::new();
        while let Some(pid) = parent {
            if !seen.insert(pid) || seen.len() > MAX_TREE_DEPTH {
                break;
            }
            let Ok(p) = other.get_dictionary(pid) else { break };
            for key in INHERITED {
                if !dict.has(key) {
                    if let Ok(v) = p.get(key) {
                        dict.set(key.to_vec(), v.clone());
                    }
                }
            }
            parent = p.get(b"Parent").and_then(Object::as_reference).ok();
        }
        dict.set("Parent", Object::Reference(pages_root));
        // Outline destinations and form fields of the other file no longer apply here.
        dict.remove(b"StructParents");
        page_dicts.push((*id, dict));
    }
    doc.max_id = doc.max_id.max(other.max_id);
    for (id, object) in other.objects {
        doc.objects.insert(id, object);
    }
    for (id, dict) in page_dicts {
        doc.objects.insert(id, Object::Dictionary(dict));
    }
    let Ok(Object::Dictionary(root)) = doc.get_object_mut(pages_root) else {
        return Err(Error::Pdf("the document has no page tree".into()));
    };
    let mut kids = root
        .get(b"Kids")
        .and_then(Object::as_array)
        .cloned()
        .unwrap_or_default();
    kids.extend(pages.iter().map(|id| Object::Reference(*id)));
    root.set("Count", Object::Integer(kids.len() as i64));
    root.set("Kids", Object::Array(kids));
    Ok(())
}

/// Moves each footer page's drawing onto its appended page, then drops the footer pages. `pairs`
/// holds (footer page, appended page). The footer's resource names get a prefix so they cannot
/// clash with the appended page's own, the page's drawing is wrapped in q/Q so its graphics state
/// cannot move the footer, and the footer is shifted to the page's own origin. Links that pointed
/// at a footer page (printpdf resolves page numbers to the pages it made) are pointed at the
/// appended page instead.
pub(crate) fn stamp_footers(doc: &mut Document, pages_root: ObjectId, pairs: &[(ObjectId, ObjectId)]) -> Result<()> {
    let bad = |e: lopdf::Error| Error::Pdf(format!("a footer could not be added to an appended page ({e})"));
    for (footer, target) in pairs {
        let bytes = doc.get_page_content(*footer);
        let mut content = Content::decode(&bytes).map_err(bad)?;
        for op in &mut content.operations {
            if matches!(op.operator.as_str(), "Tf" | "gs" | "Do") {
                if let Some(Object::Name(name)) = op.operands.first_mut() {
                    name.splice(0..0, b"SPfoot".iter().copied());
                }
            }
        }
        let footer_resources = resources(doc, *footer);
        let origin = doc
            .get_dictionary(*target)
            .ok()
            .and_then(|d| d.get(b"MediaBox").ok())
            .and_then(|b| b.as_array().ok())
            .map(|b| (number(b.first()), number(b.get(1))))
            .unwrap_or((0.0, 0.0));
        let mut drawing = format!("Q\nq 1 0 0 1 {} {} cm\n", origin.0, origin.1).into_bytes();
        drawing.extend(content.encode().map_err(bad)?);
        drawing.extend_from_slice(b"\nQ\n");
        let open = doc.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
        let close = doc.add_object(Stream::new(Dictionary::new(), drawing));

        let mut page_resources = resources(doc, *target);
        for kind in [&b"Font"[..], b"ExtGState", b"XObject"] {
            let Ok(Object::Dictionary(from)) = footer_resources.get(kind).map(|o| deref(doc, o)) else { continue };
            let mut into = match page_resources.get(kind).map(|o| deref(doc, o)) {
                Ok(Object::Dictionary(d)) => d,
                _ => Dictionary::new(),
            };
            for (name, value) in from.iter() {
                let mut renamed = b"SPfoot".to_vec();
                renamed.extend_from_slice(name);
                into.set(renamed, value.clone());
            }
            page_resources.set(kind.to_vec(), Object::Dictionary(into));
        }
        let Ok(Object::Dictionary(page)) = doc.get_object_mut(*target) else {
            return Err(Error::Pdf("an appended page is not a page".into()));
        };
        let mut contents = match page.get(b"Contents") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(other) => vec![other.clone()],
            Err(_) => Vec::new(),
        };
        contents.insert(0, Object::Reference(open));
        contents.push(Object::Reference(close));
        page.set("Contents", Object::Array(contents));
        // The page gets its own resource dictionary, so pages sharing one are not changed.
        page.set("Resources", Object::Dictionary(page_resources));
    }

    // Point links at the appended pages, then drop the footer pages from the tree.
    let moved: std::collections::HashMap<ObjectId, ObjectId> = pairs.iter().copied().collect();
    for object in doc.objects.values_mut() {
        if let Object::Dictionary(d) = object {
            retarget(d, &moved);
        }
    }
    let gone: std::collections::HashSet<ObjectId> = pairs.iter().map(|p| p.0).collect();
    let Ok(Object::Dictionary(root)) = doc.get_object_mut(pages_root) else {
        return Err(Error::Pdf("the document has no page tree".into()));
    };
    let kids: Vec<Object> = root
        .get(b"Kids")
        .and_then(Object::as_array)
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|k| !matches!(k, Object::Reference(id) if gone.contains(id)))
        .collect();
    root.set("Count", Object::Integer(kids.len() as i64));
    root.set("Kids", Object::Array(kids));
    for id in gone {
        doc.objects.remove(&id);
    }
    Ok(())
}

/// A page's resource dictionary (following a reference), or an empty one.
fn resources(doc: &Document, page: ObjectId) -> Dictionary {
    match doc.get_dictionary(page).ok().and_then(|d| d.get(b"Resources").ok()).map(|o| deref(doc, o)) {
        Some(Object::Dictionary(d)) => d,
        _ => Dictionary::new(),
    }
}

fn deref(doc: &Document, o: &Object) -> Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).cloned().unwrap_or(Object::Null),
        other => other.clone(),
    }
}

fn number(o: Option<&Object>) -> f32 {
    match o {
        Some(Object::Integer(i)) => *i as f32,
        Some(Object::Real(r)) => *r,
        _ => 0.0,
    }
}

/// Replaces references to footer pages inside link destinations (a /Dest array or a GoTo action's /D).
fn retarget(d: &mut Dictionary, moved: &std::collections::HashMap<ObjectId, ObjectId>) {
    for key in [&b"Dest"[..], b"D"] {
        if let Ok(Object::Array(dest)) = d.get_mut(key) {
            if let Some(Object::Reference(id)) = dest.first_mut() {
                if let Some(to) = moved.get(id) {
                    *id = *to;
                }
            }
        }
    }
    if let Ok(Object::Dictionary(action)) = d.get_mut(b"A") {
        retarget(action, moved);
    }
    if let Ok(Object::Array(annots)) = d.get_mut(b"Annots") {
        for a in annots.iter_mut() {
            if let Object::Dictionary(inner) = a {
                retarget(inner, moved);
            }
        }
    }
}
