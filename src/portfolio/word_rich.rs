//! An account in the Word file as Word writes one: paragraphs, the sub-heading in a heading style,
//! real lists (a numbering part with a bulleted and a decimal list, `w:numPr` on each item), bold
//! and italic runs, and hyperlinks through the document's relationships; so the local lead sees the
//! structure the PDF prints, and the same reader takes the file back.
//!
//! Not for: the rest of the package (see `word`).

use super::word_xml::{escape, W};
use crate::richtext::{Block, Doc, List, Span};

/// The bulleted list, shared by every bulleted list in the file.
const BULLETS: usize = 1;

/// What the accounts need from the rest of the package: web addresses (relationships) and numbered
/// lists (each its own numbering instance, so that each starts from its own number).
#[derive(Default)]
pub(super) struct Extras {
    links: Vec<String>,
    /// For each numbered list in order: its level (0 or 1) and first number. Its `w:numId` is its
    /// index plus 2.
    numbered: Vec<(usize, u64)>,
}

impl Extras {
    /// The relationship id of the n-th link.
    fn link_id(n: usize) -> String {
        format!("rIdLink{}", n + 1)
    }

    /// Relationships for the links, to go in `word/_rels/document.xml.rels`.
    pub(super) fn link_relationships(&self) -> String {
        self.links
            .iter()
            .enumerate()
            .map(|(i, url)| {
                format!(
                    r#"<Relationship Id="{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="{}" TargetMode="External"/>"#,
                    Extras::link_id(i),
                    escape(url)
                )
            })
            .collect()
    }

    /// `word/numbering.xml`: the bulleted and the decimal list, and one instance per list.
    pub(super) fn numbering(&self) -> String {
        let level = |ilvl: usize, fmt: &str, text: &str| {
            let left = 720 * (ilvl + 1);
            format!(
                r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{left}" w:hanging="360"/></w:pPr></w:lvl>"#
            )
        };
        let mut xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{}"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>{}{}</w:abstractNum><w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>{}{}</w:abstractNum><w:num w:numId="{BULLETS}"><w:abstractNumId w:val="0"/></w:num>"#,
            W,
            level(0, "bullet", "•"),
            level(1, "bullet", "–"),
            level(0, "decimal", "%1."),
            level(1, "decimal", "%2."),
        );
        for (i, (ilvl, start)) in self.numbered.iter().enumerate() {
            xml.push_str(&format!(
                r#"<w:num w:numId="{}"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>"#,
                i + 2
            ));
        }
        xml.push_str("</w:numbering>");
        xml
    }
}

/// The account's paragraphs as WordprocessingML; `heading` is the sub-heading's style id.
pub(super) fn account(doc: &Doc, heading: &str, extras: &mut Extras) -> String {
    let mut xml = String::new();
    for block in &doc.blocks {
        match block {
            Block::Paragraph(spans) => paragraph(&mut xml, "", spans, extras),
            Block::Heading(spans) => {
                paragraph(&mut xml, &format!(r#"<w:pStyle w:val="{heading}"/>"#), spans, extras)
            }
            Block::List(list) => list_xml(&mut xml, list, 0, extras),
        }
    }
    xml
}

fn list_xml(xml: &mut String, list: &List, ilvl: usize, extras: &mut Extras) {
    let num = match list.start {
        None => BULLETS,
        Some(start) => {
            extras.numbered.push((ilvl, start));
            extras.numbered.len() + 1
        }
    };
    for item in &list.items {
        let mut first = true;
        for block in &item.blocks {
            match block {
                Block::List(sub) => list_xml(xml, sub, ilvl + 1, extras),
                Block::Paragraph(spans) | Block::Heading(spans) => {
                    // Later paragraphs of an item sit under its text, without a mark.
                    let ppr = if first {
                        format!(r#"<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr><w:spacing w:after="40"/>"#)
                    } else {
                        format!(r#"<w:pStyle w:val="ListParagraph"/><w:spacing w:after="40"/><w:ind w:left="{}"/>"#, 720 * (ilvl + 1))
                    };
                    first = false;
                    paragraph(xml, &ppr, spans, extras);
                }
            }
        }
    }
}

fn paragraph(xml: &mut String, ppr: &str, spans: &[Span], extras: &mut Extras) {
    xml.push_str("<w:p>");
    if !ppr.is_empty() {
        xml.push_str(&format!("<w:pPr>{ppr}</w:pPr>"));
    }
    for run in crate::richtext::link_runs(spans) {
        match &run[0].link {
            Some(url) => {
                let n = match extras.links.iter().position(|u| u == url) {
                    Some(n) => n,
                    None => {
                        extras.links.push(url.clone());
                        extras.links.len() - 1
                    }
                };
                xml.push_str(&format!(r#"<w:hyperlink r:id="{}" w:history="1">"#, Extras::link_id(n)));
                for s in run {
                    runs(xml, s);
                }
                xml.push_str("</w:hyperlink>");
            }
            None => runs(xml, &run[0]),
        }
    }
    xml.push_str("</w:p>");
}

/// A span as runs: bold and italic as run properties, links in Word's hyperlink style, its line
/// breaks as `w:br`.
fn runs(xml: &mut String, span: &Span) {
    let mut rpr = String::new();
    if span.link.is_some() {
        rpr.push_str(r#"<w:rStyle w:val="Hyperlink"/>"#);
    }
    if span.bold {
        rpr.push_str("<w:b/>");
    }
    if span.italic {
        rpr.push_str("<w:i/>");
    }
    for (i, line) in span.text.split('\n').enumerate() {
        xml.push_str("<w:r>");
        if !rpr.is_empty() {
            xml.push_str(&format!("<w:rPr>{rpr}</w:rPr>"));
        }
        if i > 0 {
            xml.push_str("<w:br/>");
        }
        xml.push_str(r#"<w:t xml:space="preserve">"#);
        xml.push_str(&escape(line));
        xml.push_str("</w:t></w:r>");
    }
}
