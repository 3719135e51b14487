//! Photos in the Word application: after each criterion's accounts, the photo exhibits its account
//! names ("as E3 shows"), each as an inline picture with its alternative text (`wp:docPr` `descr`,
//! the same words the accessible PDF gives it, see `alt`) and its titled label as `title` and as a
//! caption line below. The JPEG is the print copy the PDF uses: hidden areas applied, EXIF and GPS
//! gone.
//!
//! Not for: the rest of the package (see `word`) nor the accounts' text (see `word_rich`).

use super::data::Data;
use super::word_xml::escape;
use crate::evidence::Exhibit;
use crate::store::Store;

/// Widest and tallest a picture is placed, in EMU (914,400 a inch): 12 cm by 9 cm.
const MAX_W: u64 = 4_320_000;
const MAX_H: u64 = 3_240_000;

/// The pictures of the file, in order: each one's JPEG bytes (`word/media/imageN.jpeg`).
#[derive(Default)]
pub(super) struct Pictures {
    jpegs: Vec<Vec<u8>>,
}

impl Pictures {
    fn id(n: usize) -> String {
        format!("rIdImage{}", n + 1)
    }

    /// Relationships for the pictures, to go in `word/_rels/document.xml.rels`.
    pub(super) fn relationships(&self) -> String {
        (0..self.jpegs.len())
            .map(|i| {
                format!(
                    r#"<Relationship Id="{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image{}.jpeg"/>"#,
                    Pictures::id(i),
                    i + 1
                )
            })
            .collect()
    }

    /// The parts to add to the package: (name, bytes).
    pub(super) fn parts(&self) -> impl Iterator<Item = (String, &[u8])> {
        self.jpegs.iter().enumerate().map(|(i, b)| (format!("word/media/image{}.jpeg", i + 1), b.as_slice()))
    }

    /// The content type line the package needs when it holds pictures.
    pub(super) fn content_type(&self) -> &'static str {
        if self.jpegs.is_empty() {
            ""
        } else {
            r#"<Default Extension="jpeg" ContentType="image/jpeg"/>"#
        }
    }
}

/// Photo exhibits named in `text` (already showing this export's labels), in the order first named.
fn named_photos<'a>(data: &'a Data, text: &str) -> Vec<&'a Exhibit> {
    let mut out: Vec<&Exhibit> = Vec::new();
    crate::references::replace_exhibit_words(text, |n, _| {
        if let Some(x) = data.exhibits.iter().find(|x| x.number == n && x.kind == crate::evidence::EvidenceKind::Photo && x.sha256.is_some()) {
            if !out.iter().any(|o| o.number == n) {
                out.push(x);
            }
        }
        None
    });
    out
}

/// Paragraphs placing the photos criterion `key`'s account names, each followed by its caption
/// line; a photo whose print copy cannot be read is left out (the account still names it).
pub(super) fn for_criterion(store: &Store, data: &Data, key: &str, pictures: &mut Pictures) -> String {
    let Some(text) = data.narrative.get(key) else { return String::new() };
    let mut xml = String::new();
    for x in named_photos(data, text) {
        let sha = x.sha256.as_deref().unwrap_or_default();
        let Ok(hide) = crate::evidence::redact::get(store, &x.id) else { continue };
        let Ok(jpeg) = crate::evidence::rendition::print_bytes(store.root(), sha, &x.mime, &hide) else { continue };
        let Ok(jpeg) = without_metadata(jpeg) else { continue };
        let Ok((w, h)) = crate::evidence::rendition::dimensions(&jpeg) else { continue };
        let (w, h) = (u64::from(w.max(1)), u64::from(h.max(1)));
        // One scale for both sides: as large as fits in the box.
        let (cx, cy) = if w * MAX_H > h * MAX_W { (MAX_W, MAX_W * h / w) } else { (MAX_H * w / h, MAX_H) };
        let n = pictures.jpegs.len();
        pictures.jpegs.push(jpeg);
        let alt = super::alt::for_exhibit(x, data);
        let title = super::titled::titled_label(data.lang, x);
        xml.push_str(&picture(n, cx, cy, &alt.text, &title));
        xml.push_str(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            escape(&title)
        ));
    }
    xml
}

/// `jpeg` upright and without metadata. A small photo's print copy is its original, which the PDF
/// strips as it embeds it; Word would keep the camera's EXIF (GPS included) and may ignore its
/// orientation, so such a copy is decoded, turned upright and encoded again. Copies the app made
/// carry no metadata and stay as they are.
fn without_metadata(jpeg: Vec<u8>) -> std::result::Result<Vec<u8>, String> {
    if !has_metadata(&jpeg) {
        return Ok(jpeg);
    }
    let orientation = crate::evidence::exif::read(&jpeg).orientation;
    let img = image::load_from_memory_with_format(&jpeg, image::ImageFormat::Jpeg).map_err(|e| e.to_string())?;
    crate::pixels::encode(&crate::pixels::upright(img, orientation), 90)
}

/// True when a JPEG holds an application segment beyond JFIF and Adobe (APP1–APP13, APP15: EXIF,
/// XMP, IPTC, camera data) or a comment before its image data; also for a JPEG whose segments do
/// not add up, so that it is decoded rather than copied.
fn has_metadata(b: &[u8]) -> bool {
    let mut i = 2;
    while i + 4 <= b.len() && b[i] == 0xFF {
        let marker = b[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        if marker == 0xDA {
            return false;
        }
        if matches!(marker, 0xE1..=0xED | 0xEF | 0xFE) {
            return true;
        }
        i += 2 + u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
    }
    true
}

/// The paragraph holding picture `n` (from 0), `cx` by `cy` EMU, described by `descr` and `title`.
fn picture(n: usize, cx: u64, cy: u64, descr: &str, title: &str) -> String {
    let id = n + 1;
    let (descr, title) = (escape(descr), escape(title));
    format!(
        r#"<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{id}" name="Picture {id}" descr="{descr}" title="{title}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{id}" name="image{id}.jpeg" descr="{descr}" title="{title}"/><pic:cNvPicPr><a:picLocks noChangeAspect="1"/></pic:cNvPicPr></pic:nvPicPr><pic:blipFill><a:blip r:embed="{rel}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#,
        rel = Pictures::id(n)
    )
}
