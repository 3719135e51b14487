//! `newsletter.docx`: the page's content as a Word piece for the school newsletter, with the same
//! web copies of the photos (each with its alternative text) and the links kept as links. Written
//! with the `zip` crate and the portfolio's Word styles (`portfolio::word`), dated by the caller, so
//! the same content gives the same bytes.
//!
//! Not for: the application as Word (`portfolio::word`).

use std::io::{Cursor, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::select::{Content, Piece};
use crate::error::{Error, Result};
use crate::evidence::EvidenceKind;
use crate::i18n::Lang;
use crate::portfolio::word::styles;
use crate::portfolio::word_xml::{escape, plain_runs};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const MUTED: &str = "4A5360";
/// English Metric Units per centimetre, Word's unit for pictures.
const EMU_PER_CM: u64 = 360_000;

/// The Word file's bytes; `images` is the folder the web copies were written to.
pub(super) fn docx(c: &Content, images: &Path, now: chrono::DateTime<chrono::Utc>) -> Result<Vec<u8>> {
    let lang: Lang = c.language.parse().unwrap_or(Lang::En);
    let mut doc = Doc::default();
    doc.para(Some("Title"), &c.title, "");
    for p in c.intro.split("\n\n").filter(|p| !p.trim().is_empty()) {
        doc.para(None, p.trim(), "");
    }
    if !c.stories.is_empty() {
        doc.para(Some("Heading1"), lang.t("share.stories"), "");
        for s in &c.stories {
            doc.para(Some("Heading2"), &s.heading, "");
            for p in &s.pieces {
                doc.piece(p, images)?;
            }
        }
    }
    for (heading, pieces) in [("share.words", &c.words), ("share.photos", &c.photos), ("share.links", &c.links)] {
        if !pieces.is_empty() {
            doc.para(Some("Heading1"), lang.t(heading), "");
            for p in pieces {
                doc.piece(p, images)?;
            }
        }
    }
    doc.para(Some("Heading1"), lang.t("share.pledge_heading"), "");
    doc.para(None, &c.pledge, "");
    if !c.pledge_date.is_empty() {
        doc.para(None, &lang.f("share.pledge_date", &[("date", &c.pledge_date)]), "");
    }
    if !c.awarded_on.is_empty() {
        doc.para(Some("Heading1"), lang.t("share.award_heading"), "");
        doc.para(None, &lang.f("share.award_text", &[("date", &c.awarded_on)]), "");
    }
    doc.link(&c.home_url, lang.t("share.more"));
    // internal: writing a zip into memory fails only on a bug (no disk is involved).
    package(&doc, &c.title, lang.tag(), now).map_err(|e| Error::Invalid(format!("the newsletter piece could not be written ({e})")))
}

/// The body's XML, the pictures it embeds and the links it makes.
#[derive(Default)]
struct Doc {
    xml: String,
    /// (file name in word/media, bytes)
    media: Vec<(String, Vec<u8>)>,
    links: Vec<String>,
}

impl Doc {
    fn para(&mut self, style: Option<&str>, text: &str, run: &str) {
        self.xml.push_str("<w:p>");
        if let Some(style) = style {
            self.xml.push_str(&format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#));
        }
        self.runs(text, run);
        self.xml.push_str("</w:p>");
    }

    fn runs(&mut self, text: &str, run: &str) {
        plain_runs(&mut self.xml, text, run);
    }

    fn link(&mut self, url: &str, text: &str) {
        self.links.push(url.to_string());
        let id = format!("rIdL{}", self.links.len());
        self.xml.push_str(&format!(r#"<w:p><w:hyperlink r:id="{id}">"#));
        self.runs(text, r#"<w:color w:val="005C66"/><w:u w:val="single"/>"#);
        self.xml.push_str("</w:hyperlink></w:p>");
    }

    fn piece(&mut self, p: &Piece, images: &Path) -> Result<()> {
        match p.kind {
            EvidenceKind::Photo => {
                let path = images.join(&p.image);
                let bytes = std::fs::read(&path).map_err(|e| Error::io("cannot read", &path, e))?;
                self.picture(p, bytes);
                if !p.text.is_empty() {
                    self.para(None, &p.text, &format!(r#"<w:color w:val="{MUTED}"/><w:sz w:val="18"/>"#));
                }
            }
            EvidenceKind::Quote => {
                self.para(None, &format!("“{}”", p.text), r#"<w:i/><w:sz w:val="24"/>"#);
                if !p.attribution.is_empty() {
                    self.para(None, &format!("— {}", p.attribution), &format!(r#"<w:color w:val="{MUTED}"/>"#));
                }
            }
            EvidenceKind::Link | EvidenceKind::Document => {
                self.link(&p.url, &p.title);
                if !p.text.is_empty() {
                    self.para(None, &p.text, "");
                }
            }
        }
        Ok(())
    }

    /// A picture inline in a paragraph of its own, at most 16 cm wide and 12 cm high.
    fn picture(&mut self, p: &Piece, bytes: Vec<u8>) {
        let n = self.media.len() + 1;
        let (w, h) = (p.width.max(1) as f64, p.height.max(1) as f64);
        let scale = (16.0 / w).min(12.0 / h);
        let (cx, cy) = ((w * scale * EMU_PER_CM as f64) as u64, (h * scale * EMU_PER_CM as f64) as u64);
        let alt = escape(&p.alt);
        let name = escape(&p.image);
        self.xml.push_str(&format!(
            r#"<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="{name}" descr="{alt}"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="{n}" name="{name}" descr="{alt}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdM{n}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
        ));
        self.media.push((p.image.clone(), bytes));
    }
}

fn package(doc: &Doc, title: &str, language: &str, now: chrono::DateTime<chrono::Utc>) -> zip::result::ZipResult<Vec<u8>> {
    let mtime = crate::bundle::archive::zip_time(now);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).last_modified_time(mtime);
    // JPEGs are compressed already.
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored).last_modified_time(mtime);
    let created = now.format("%Y-%m-%dT%H:%M:%SZ");
    let mut rels = format!(r#"<Relationship Id="rId1" Type="{R}/styles" Target="styles.xml"/>"#);
    for (i, (name, _)) in doc.media.iter().enumerate() {
        rels.push_str(&format!(r#"<Relationship Id="rIdM{}" Type="{R}/image" Target="media/{}"/>"#, i + 1, escape(name)));
    }
    for (i, url) in doc.links.iter().enumerate() {
        rels.push_str(&format!(r#"<Relationship Id="rIdL{}" Type="{R}/hyperlink" Target="{}" TargetMode="External"/>"#, i + 1, escape(url)));
    }
    let parts: Vec<(String, String)> = vec![
        (
            "[Content_Types].xml".into(),
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="jpg" ContentType="image/jpeg"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#.into(),
        ),
        (
            "_rels/.rels".into(),
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#.into(),
        ),
        (
            "word/_rels/document.xml.rels".into(),
            format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#),
        ),
        (
            "word/document.xml".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:r="{R}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><w:body>{}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
                doc.xml
            ),
        ),
        ("word/styles.xml".into(), styles(language)),
        (
            "docProps/core.xml".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:language>{language}</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified></cp:coreProperties>"#,
                escape(title)
            ),
        ),
    ];
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, xml) in parts {
        zip.start_file(name, deflated)?;
        zip.write_all(xml.as_bytes())?;
    }
    for (name, bytes) in &doc.media {
        zip.start_file(format!("word/media/{name}"), stored)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}
