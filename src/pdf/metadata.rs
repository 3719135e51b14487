//! Document metadata: the Info dictionary (title, author, subject, dates), the document language
//! and the trailer's file identifier, all from values passed in so that the bytes repeat.
//!
//! Not for: the XMP packet that repeats these values for PDF/A (see `xmp`).

use chrono::{DateTime, Utc};
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use super::strings::text_string;

/// What the PDF says about itself.
#[derive(Debug, Clone)]
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: String,
    /// BCP 47 language of the text, e.g. "en-GB".
    pub language: String,
    /// Creation and modification time.
    pub created: DateTime<Utc>,
    /// The file identifier; derive it from the content's identity, not from randomness.
    pub id: [u8; 16],
    /// Shown at the foot of every page beside the page number.
    pub footer: String,
    /// The page number's wording, with `{n}` and `{total}`: "Page {n} of {total}".
    pub page_of: String,
}

/// The program that made the document, in /Info's Creator and XMP's CreatorTool.
pub(crate) const CREATOR: &str = "Sanctuary Portfolio";

/// The program that wrote the PDF, in /Info's and XMP's Producer (the two must agree).
pub(crate) fn producer() -> String {
    concat!("Sanctuary Portfolio ", env!("CARGO_PKG_VERSION"), " (printpdf)").to_string()
}

/// Replaces printpdf's Info dictionary and random identifier with ours.
pub(crate) fn write(doc: &mut Document, catalog: ObjectId, meta: &Metadata) {
    let date = meta.created.format("D:%Y%m%d%H%M%SZ").to_string();
    let mut info = Dictionary::new();
    info.set("Title", text_string(&meta.title));
    info.set("Author", text_string(&meta.author));
    info.set("Subject", text_string(&meta.subject));
    info.set("Keywords", text_string(&meta.keywords));
    info.set("Creator", text_string(CREATOR));
    info.set("Producer", text_string(&producer()));
    info.set(
        "CreationDate",
        Object::String(date.clone().into_bytes(), StringFormat::Literal),
    );
    info.set("ModDate", Object::String(date.into_bytes(), StringFormat::Literal));
    // printpdf's own Info object is left unreferenced and pruned before writing.
    let info_id = doc.add_object(Object::Dictionary(info));
    doc.trailer.set("Info", Object::Reference(info_id));
    let id = Object::String(meta.id.to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    if let Ok(Object::Dictionary(cat)) = doc.get_object_mut(catalog) {
        cat.set(
            "Lang",
            Object::String(meta.language.as_bytes().to_vec(), StringFormat::Literal),
        );
        // Viewers show the title rather than the file name in their window bar.
        let mut prefs = Dictionary::new();
        prefs.set("DisplayDocTitle", Object::Boolean(true));
        cat.set("ViewerPreferences", Object::Dictionary(prefs));
    }
}
