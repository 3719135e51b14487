//! SmartArt diagrams of Word and PowerPoint files: their texts in reading order, taken from the
//! drawing Office caches for each diagram (`ppt/diagrams/drawingN.xml`, `word/diagrams/…`: `dsp:sp`
//! shapes with text, in the order the layout placed them), found through the data part's
//! `dsp:dataModelExt relId` (a relationship of the slide or document) or, failing that, named like
//! the data part. A diagram without a cached drawing gives the texts of its data model's nodes.
//!
//! Not for: the diagram's layout, colours or connectors: a reading copy shows the words as boxes.

use std::collections::HashMap;

use roxmltree::Node;

use super::package::{self, rattr, Package};
use super::Problem;

const A: &[&str] = &[
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://purl.oclc.org/ooxml/drawingml/main",
];
/// Most nodes kept from one diagram.
const MAX_NODES: usize = 500;

fn a(n: Node, local: &str) -> bool {
    n.is_element() && n.tag_name().name() == local && n.tag_name().namespace().is_some_and(|x| A.contains(&x))
}

/// True when the URI of a `a:graphicData` says it holds a diagram.
pub(super) fn is_diagram_uri(uri: &str) -> bool {
    uri.ends_with("/diagram")
}

/// The texts of the diagram whose `dgm:relIds` is `ids`, in the host part whose relationships are
/// `rels`; None when there is no text to show.
pub(super) fn read(pkg: &Package, rels: &HashMap<String, String>, ids: Node) -> Result<Option<Vec<String>>, Problem> {
    let Some(data_part) = rattr(ids, "dm").and_then(|id| rels.get(id)).filter(|p| pkg.has(p)) else { return Ok(None) };
    let data = pkg.text(data_part)?;
    let data_doc = package::parse(&data, data_part)?;
    let ext = data_doc
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "dataModelExt")
        .and_then(|n| n.attribute("relId"));
    let own = pkg.relationships(data_part)?;
    let mut drawing = ext.and_then(|id| rels.get(id).or_else(|| own.get(id))).filter(|p| pkg.has(p)).cloned();
    if drawing.is_none() {
        let (dir, file) = data_part.rsplit_once('/').unwrap_or(("", data_part));
        let guess = format!("{dir}/{}", file.replacen("data", "drawing", 1));
        drawing = Some(guess).filter(|g| pkg.has(g));
    }
    let nodes = match drawing {
        Some(part) => {
            let text = pkg.text(&part)?;
            let doc = package::parse(&text, &part)?;
            let shapes = doc.descendants().filter(|n| n.is_element() && n.tag_name().name() == "sp");
            let nodes: Vec<String> = shapes.filter_map(|sp| sp.children().find(|c| c.tag_name().name() == "txBody")).map(body_text).collect();
            nodes
        }
        None => {
            // The data model's points that hold content (not the document, transitions or presentation points).
            let points = data_doc.descendants().filter(|n| n.is_element() && n.tag_name().name() == "pt");
            points
                .filter(|p| matches!(p.attribute("type"), None | Some("node") | Some("asst")))
                .filter_map(|p| p.children().find(|c| c.tag_name().name() == "t"))
                .map(body_text)
                .collect()
        }
    };
    let nodes: Vec<String> = nodes.into_iter().filter(|t| !t.trim().is_empty()).take(MAX_NODES).collect();
    Ok(if nodes.is_empty() { None } else { Some(nodes) })
}

/// A text body's paragraphs, one a line.
fn body_text(body: Node) -> String {
    let mut lines = Vec::new();
    for p in body.children().filter(|n| a(*n, "p")) {
        let line: String = p
            .children()
            .filter(|r| a(*r, "r") || a(*r, "fld") || a(*r, "br"))
            .map(|r| if a(r, "br") { " ".to_string() } else { r.children().filter(|t| a(*t, "t")).filter_map(|t| t.text()).collect() })
            .collect();
        if !line.trim().is_empty() {
            lines.push(line.trim().to_string());
        }
    }
    lines.join("\n")
}
