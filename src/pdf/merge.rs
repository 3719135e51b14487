//! Other PDFs' pages (evidence documents) appended to the document as pages of their own.
//!
//! Not for: reading or changing what is on those pages; they go in as they are.

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::error::{Error, Result};

/// A PDF to append, already parsed.
pub struct Appendix {
    doc: Document,
    /// The anchor that names its first page (see `Layout::anchor`).
    pub anchor: String,
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
        Ok(Appendix {
            doc,
            anchor: anchor.to_string(),
        })
    }

    pub(crate) fn doc_for_merge(self) -> Document {
        self.doc
    }

    /// Number of pages it adds.
    pub fn page_count(&self) -> usize {
        self.doc.get_pages().len()
    }
}

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
        while let Some(pid) = parent {
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
