//! The application alone as a Word file (`export --part application --out FILE.docx`), for a school
//! that wants to edit the wording before it sends it: headings per strand and criterion, the
//! accounts, and exhibit references as plain text with their titles. It says what the PDF
//! application says (the same `pages::blocks`), in Word's own heading styles, so Word's navigation
//! pane and a table of contents work.
//!
//! Photos an account names follow its criterion, with their alternative text (`word_picture`).
//! The package (six small XML parts and the photos; the accounts' lists and links are `word_rich`'s) is written here with the `zip` crate the backups use. A
//! Word-writing crate was tried first: it turned on another deflate backend for every crate that
//! compresses, which changed the bytes of every PDF the app writes (see tests/core/golden.rs).

use std::io::{Seek, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::pages::{self, Block, Refs};
use super::word_xml::{escape, plain_runs, W};
use super::{school_name, ExportOptions, ExportReport};
use crate::atomic::AtomicFile;
use crate::error::{Error, Result};
use crate::job::Job;
use crate::store::Store;

/// The accent colour of the PDF's headings, and its grey, as Word writes colours.
const ACCENT: &str = "005C66";
const MUTED: &str = "616B78";

/// Writes the application to `opts.out` as a .docx, atomically.
pub(super) fn export_application(store: &Store, opts: &ExportOptions, job: &Job) -> Result<ExportReport> {
    let steps = 3;
    let lang = opts.language;
    let data = super::read_for_layout(store, opts, job, steps)?;
    let school = school_name(&data);
    let date = opts.now.date_naive();
    let title = lang.vf("part.application_title", &data.words, &[("school", &school)]);
    let mut body = Body::default();
    let mut extras = super::word_rich::Extras::default();
    let mut pictures = super::word_picture::Pictures::default();
    // The criterion whose photos are placed when its accounts end.
    let mut open: Option<String> = None;
    body.styled("Title", &title);
    body.muted(&pages::cover_details(&data, date));
    body.styled("Heading1", lang.t("section.application"));
    body.muted(lang.t("part.application_intro"));
    for block in pages::blocks(&data, Refs::Titled) {
        if matches!(block, Block::Strand { .. } | Block::Criterion { .. }) {
            if let Some(key) = open.take() {
                body.xml.push_str(&super::word_picture::for_criterion(store, &data, &key, &mut pictures));
            }
        }
        match block {
            Block::Strand { name, summary, .. } => {
                body.styled("Heading2", &name);
                if !summary.is_empty() {
                    body.muted(&summary);
                }
            }
            Block::Criterion { key, heading, summary, status } => {
                open = Some(key);
                body.styled("Heading3", &heading);
                if !summary.is_empty() {
                    body.muted(&summary);
                }
                body.paragraph(None, &status, &format!(r#"<w:b/><w:color w:val="{MUTED}"/><w:sz w:val="19"/>"#));
            }
            Block::Account { title, body: account, empty } => {
                body.styled("Heading4", &title);
                if account.is_empty() {
                    body.muted(&empty);
                } else {
                    body.xml.push_str(&super::word_rich::account(&account, "Heading5", &mut extras));
                }
            }
        }
    }
    if let Some(key) = open.take() {
        body.xml.push_str(&super::word_picture::for_criterion(store, &data, &key, &mut pictures));
    }
    // Pages of the application as the PDF lays it out: Word's own count depends on its fonts.
    let pages = pages::application_pages(&data, date).ceil() as usize;
    job.check()?;
    job.report(lang.t("stage.writing"), 2, steps);
    let mut file = AtomicFile::create(&opts.out)?;
    // internal: the zip writer fails only on a disk error, which it reports in its own words.
    write_package(file.file(), &body.xml, &extras, &pictures, &title, lang.tag(), opts.now)
        .map_err(|e| Error::Invalid(format!("the Word file could not be written ({e})")))?;
    // The last chance to stop: dropping the unfinished file removes it.
    job.check()?;
    file.commit()?;
    let bytes = std::fs::metadata(&opts.out).map_err(|e| Error::io("cannot read", &opts.out, e))?.len();
    job.report(lang.t("stage.done"), steps, steps);
    Ok(ExportReport { path: opts.out.clone(), bytes, pages, left_out: data.left_out, warnings: Vec::new() })
}

/// The paragraphs of `word/document.xml`, as WordprocessingML.
#[derive(Default)]
struct Body {
    xml: String,
}

impl Body {
    /// A paragraph in one of the styles of [`STYLES`].
    fn styled(&mut self, style: &str, text: &str) {
        self.paragraph(Some(style), text, "");
    }

    /// Small grey text, as the PDF prints introductions and summaries.
    fn muted(&mut self, text: &str) {
        self.paragraph(None, text, &format!(r#"<w:color w:val="{MUTED}"/><w:sz w:val="18"/>"#));
    }

    /// A paragraph; `run` is the run properties' XML. Lines the writer broke by hand stay broken.
    fn paragraph(&mut self, style: Option<&str>, text: &str, run: &str) {
        self.xml.push_str("<w:p>");
        if let Some(style) = style {
            self.xml.push_str(&format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#));
        }
        plain_runs(&mut self.xml, text, run);
        self.xml.push_str("</w:p>");
    }
}

/// Word's built-in title and heading styles (by their built-in names, so Word and LibreOffice
/// treat them as headings), sized and coloured like the PDF's.
pub(crate) fn styles(language: &str) -> String {
    let heading = |id: &str, name: &str, half_points: u32, level: u32, color: &str| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="{level}"/></w:pPr><w:rPr><w:b/><w:color w:val="{color}"/><w:sz w:val="{half_points}"/></w:rPr></w:style>"#
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="21"/><w:lang w:val="{language}"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>{}{}{}{}{}{}<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:i/><w:color w:val="{MUTED}"/><w:sz w:val="18"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/></w:style><w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style></w:styles>"#,
        heading("Title", "Title", 30, 9, ACCENT),
        heading("Heading1", "heading 1", 40, 0, ACCENT),
        heading("Heading2", "heading 2", 30, 1, ACCENT),
        heading("Heading3", "heading 3", 27, 2, ACCENT),
        heading("Heading4", "heading 4", 21, 3, "212630"),
        heading("Heading5", "heading 5", 22, 4, ACCENT),
    )
}

/// Writes the .docx package: the document, its styles, its title and language, and the parts that
/// tie them together. Its entries are dated `now`, so the same export repeats byte for byte.
fn write_package<W: Write + Seek>(
    out: W,
    body: &str,
    extras: &super::word_rich::Extras,
    pictures: &super::word_picture::Pictures,
    title: &str,
    language: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> zip::result::ZipResult<()> {
    let mtime = crate::bundle::archive::zip_time(now);
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).last_modified_time(mtime);
    let created = now.format("%Y-%m-%dT%H:%M:%SZ");
    let parts: [(&str, String); 7] = [
        (
            "[Content_Types].xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{}<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#, pictures.content_type()),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#.into(),
        ),
        (
            "word/_rels/document.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>{}{}</Relationships>"#,
                extras.link_relationships(),
                pictures.relationships()
            ),
        ),
        (
            "word/document.xml",
            // A4 with 2 cm margins, as the PDF's pages.
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#
            ),
        ),
        ("word/styles.xml", styles(language)),
        ("word/numbering.xml", extras.numbering()),
        (
            "docProps/core.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:language>{language}</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified></cp:coreProperties>"#,
                escape(title)
            ),
        ),
    ];
    let mut zip = ZipWriter::new(out);
    for (name, xml) in parts {
        zip.start_file(name, opts)?;
        zip.write_all(xml.as_bytes())?;
    }
    // Already JPEG: stored, not compressed again.
    let stored = opts.compression_method(CompressionMethod::Stored);
    for (name, bytes) in pictures.parts() {
        zip.start_file(name, stored)?;
        zip.write_all(bytes)?;
    }
    zip.finish()?;
    Ok(())
}
