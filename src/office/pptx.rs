//! PowerPoint presentations (.pptx, PresentationML): the slides in presentation order, each with
//! its title, its text boxes, tables and pictures in reading order (top to bottom, then left to
//! right by where the shapes sit on the slide).
//!
//! Charts, SmartArt diagrams and embedded objects in graphic frames become blocks in their place
//! (see `chart`, `diagram`, `embedded`).
//!
//! Left out on purpose: hidden slides (`show="0"`), speaker notes and comments (their parts are
//! never opened), slide layouts' and masters' own text (footers, dates), and document properties.

use roxmltree::Node;

use super::docx::EMU_PER_PT;
use super::package::rattr;
use super::flat::{self, Words, MAX_DEPTH};
use super::model::{is_blank, push_run, Block, Content, Picture, Run, Slide};
use super::package::{self, Package, MAX_PICTURE};
use super::Problem;

const P: &[&str] = &[
    "http://schemas.openxmlformats.org/presentationml/2006/main",
    "http://purl.oclc.org/ooxml/presentationml/main",
];
const A: &[&str] = &[
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://purl.oclc.org/ooxml/drawingml/main",
];

fn is(n: Node, ns: &[&str], local: &str) -> bool {
    n.is_element() && n.tag_name().name() == local && n.tag_name().namespace().is_some_and(|x| ns.contains(&x))
}

fn p(n: Node, local: &str) -> bool {
    is(n, P, local)
}

fn a(n: Node, local: &str) -> bool {
    is(n, A, local)
}

fn kid<'a, 'i>(n: Node<'a, 'i>, test: impl Fn(Node) -> bool) -> Option<Node<'a, 'i>> {
    n.children().find(|c| test(*c))
}

/// Reads the shown slides of a presentation.
pub(super) fn read(pkg: &Package) -> Result<Content, Problem> {
    let main = pkg.main_part("ppt/presentation.xml")?;
    let rels = pkg.relationships(&main)?;
    let text = pkg.text(&main)?;
    let doc = package::parse(&text, &main)?;
    let pres = doc.root_element();
    let size = kid(pres, |n| p(n, "sldSz"))
        .and_then(|s| Some((s.attribute("cx")?.parse::<f32>().ok()?, s.attribute("cy")?.parse::<f32>().ok()?)))
        .filter(|(w, h)| *w > 0.0 && *h > 0.0)
        .unwrap_or((9_144_000.0, 6_858_000.0));
    let ids: Vec<String> = kid(pres, |n| p(n, "sldIdLst"))
        .map(|l| l.children().filter(|n| p(*n, "sldId")).filter_map(|n| rattr(n, "id").map(str::to_string)).collect())
        .unwrap_or_else(Vec::new);
    let mut slides = Vec::new();
    for id in ids {
        let Some(part) = rels.get(&id) else { continue };
        if !pkg.has(part) {
            continue;
        }
        if let Some(mut slide) = read_slide(pkg, part, size)? {
            slide.number = slides.len() + 1;
            slides.push(slide);
        }
    }
    Ok(Content::Slides { slides, aspect: size.0 / size.1 })
}

/// One shape's content and where it sits.
struct Placed {
    y: f32,
    x: f32,
    what: Item,
}

enum Item {
    Text(Vec<Block>),
    Picture(Picture),
}

/// Reads one slide; None when it is hidden.
fn read_slide(pkg: &Package, part: &str, size: (f32, f32)) -> Result<Option<Slide>, Problem> {
    let rels = pkg.relationships(part)?;
    let text = pkg.text(part)?;
    let doc = package::parse(&text, part)?;
    let sld = doc.root_element();
    if matches!(sld.attribute("show"), Some("0" | "false")) {
        return Ok(None);
    }
    let Some(tree) = kid(sld, |n| p(n, "cSld")).and_then(|c| kid(c, |n| p(n, "spTree"))) else {
        return Ok(Some(Slide { number: 0, title: String::new(), blocks: Vec::new(), pictures: Vec::new() }));
    };
    let mut title = String::new();
    let mut placed = Vec::new();
    let mut order = 0usize;
    shapes(pkg, &rels, tree, &mut title, &mut placed, &mut order, 0)?;
    // Reading order: rows of shapes whose tops are within a twentieth of the slide's height of each
    // other read left to right; rows read top to bottom.
    let row = size.1 / 20.0;
    placed.sort_by(|p, q| {
        let (rp, rq) = ((p.y / row).floor(), (q.y / row).floor());
        rp.total_cmp(&rq).then(p.x.total_cmp(&q.x))
    });
    let mut blocks = Vec::new();
    let mut pictures = Vec::new();
    for item in placed {
        match item.what {
            Item::Text(mut b) => blocks.append(&mut b),
            Item::Picture(pic) => pictures.push(pic),
        }
    }
    Ok(Some(Slide { number: 0, title, blocks, pictures }))
}

/// The words of groups nested too deep: their text runs, a line a paragraph (the fallback copy of
/// alternate content repeats its choice, so it is left out).
const WORDS: Words = Words {
    skip: |n| n.tag_name().name() == "Fallback",
    piece: |n| if a(n, "t") { n.text() } else { None },
    line: |n| a(n, "p"),
};

/// Walks a shape tree (and groups inside it); groups nested past [`MAX_DEPTH`] become one text
/// shape of their words.
fn shapes(
    pkg: &Package,
    rels: &std::collections::HashMap<String, String>,
    tree: Node,
    title: &mut String,
    placed: &mut Vec<Placed>,
    order: &mut usize,
    depth: usize,
) -> Result<(), Problem> {
    if depth >= MAX_DEPTH {
        let blocks = flat::paragraphs(&flat::text(tree, &WORDS));
        if !blocks.is_empty() {
            placed.push(Placed { y: 0.0, x: *order as f32, what: Item::Text(blocks) });
        }
        return Ok(());
    }
    for n in tree.children().filter(|n| n.is_element()) {
        *order += 1;
        if n.tag_name().name() == "AlternateContent" {
            // The Choice; the Fallback (a cached picture of a chart kind not read here) only when
            // the Choice gave nothing.
            // An Office 2016 chart (chartex) keeps both: the cached picture, then the data.
            let before = placed.len();
            let choice = n.children().find(|c| c.is_element() && c.tag_name().name() == "Choice");
            let fallback = n.children().find(|c| c.is_element() && c.tag_name().name() == "Fallback");
            let chartex = choice.is_some_and(super::chart::holds_chartex);
            if chartex {
                if let Some(fallback) = fallback {
                    shapes(pkg, rels, fallback, title, placed, order, depth + 1)?;
                }
            }
            if let Some(choice) = choice {
                shapes(pkg, rels, choice, title, placed, order, depth + 1)?;
            }
            if placed.len() == before && !chartex {
                if let Some(fallback) = fallback {
                    shapes(pkg, rels, fallback, title, placed, order, depth + 1)?;
                }
            }
            continue;
        }
        if p(n, "grpSp") {
            shapes(pkg, rels, n, title, placed, order, depth + 1)?;
            continue;
        }
        let (x, y) = position(n).unwrap_or((0.0, *order as f32));
        if p(n, "sp") {
            let ph = n
                .descendants()
                .find(|d| p(*d, "ph"))
                .map(|ph| ph.attribute("type").unwrap_or("body").to_string());
            let Some(body) = kid(n, |c| p(c, "txBody")) else { continue };
            if matches!(ph.as_deref(), Some("title" | "ctrTitle")) && title.is_empty() {
                *title = text_of(body).trim().to_string();
                continue;
            }
            // Slide numbers, dates and footers repeat the master's; they are not the slide's words.
            if matches!(ph.as_deref(), Some("sldNum" | "dt" | "ftr" | "hdr")) {
                continue;
            }
            let bullets = matches!(ph.as_deref(), Some("body" | "obj"));
            let blocks = paragraphs(body, bullets);
            if !blocks.is_empty() {
                placed.push(Placed { y, x, what: Item::Text(blocks) });
            }
        } else if p(n, "pic") {
            if let Some(pic) = picture(pkg, rels, n)? {
                placed.push(Placed { y, x, what: Item::Picture(pic) });
            }
        } else if p(n, "graphicFrame") {
            let data = n.descendants().find(|d| a(*d, "graphicData"));
            if let Some(block) = data.map(|d| super::chart::graphic(pkg, rels, d)).transpose()?.flatten() {
                placed.push(Placed { y, x, what: Item::Text(vec![block]) });
            } else if n.descendants().any(|d| p(d, "oleObj")) {
                // An embedded object: the picture PowerPoint cached for it (in the object, or in the
                // fallback of the alternate content this frame is the choice of).
                let mut pic = n.descendants().find(|d| p(*d, "pic"));
                if pic.is_none() && n.parent().is_some_and(|c| c.tag_name().name() == "Choice") {
                    pic = n.parent().and_then(|c| c.parent()).and_then(|alt| alt.descendants().find(|d| p(*d, "pic")));
                }
                let picture = match pic {
                    Some(pic) => picture(pkg, rels, pic)?,
                    None => None,
                };
                match super::embedded::object(picture) {
                    Block::Picture(pic) => placed.push(Placed { y, x, what: Item::Picture(pic) }),
                    other => placed.push(Placed { y, x, what: Item::Text(vec![other]) }),
                }
            } else if let Some(tbl) = n.descendants().find(|d| a(*d, "tbl")) {
                let mut rows = Vec::new();
                for tr in tbl.children().filter(|c| a(*c, "tr")) {
                    let cells: Vec<Vec<Block>> = tr
                        .children()
                        .filter(|c| a(*c, "tc") && !matches!(c.attribute("hMerge").or(c.attribute("vMerge")), Some("1" | "true")))
                        .map(|tc| kid(tc, |x| a(x, "txBody")).map(|b| paragraphs(b, false)).unwrap_or_default())
                        .collect();
                    if !cells.is_empty() {
                        rows.push(cells);
                    }
                }
                if !rows.is_empty() {
                    placed.push(Placed { y, x, what: Item::Text(vec![Block::Table { rows }]) });
                }
            }
        }
    }
    Ok(())
}

/// The picture of a `p:pic` (its `a:blip`), when it is a part of the package.
fn picture(pkg: &Package, rels: &std::collections::HashMap<String, String>, n: Node) -> Result<Option<Picture>, Problem> {
    let blip = n.descendants().find(|d| a(*d, "blip"));
    let Some(id) = blip.and_then(|b| rattr(b, "embed")) else { return Ok(None) };
    let Some(target) = rels.get(id).filter(|t| pkg.has(t)) else { return Ok(None) };
    let bytes = pkg.bytes(target, MAX_PICTURE)?;
    let (width, height) = extent(n).unwrap_or((0.0, 0.0));
    Ok(Some(Picture { bytes, width, height }))
}

/// The shape's top-left corner in EMU, from its own transform.
fn position(n: Node) -> Option<(f32, f32)> {
    let off = n.descendants().find(|d| a(*d, "off"))?;
    Some((off.attribute("x")?.parse().ok()?, off.attribute("y")?.parse().ok()?))
}

/// The shape's size in points.
fn extent(n: Node) -> Option<(f32, f32)> {
    let ext = n.descendants().find(|d| a(*d, "ext") && d.attribute("cx").is_some())?;
    let w: f32 = ext.attribute("cx")?.parse().ok()?;
    let h: f32 = ext.attribute("cy")?.parse().ok()?;
    Some((w / EMU_PER_PT, h / EMU_PER_PT))
}

/// All the text of a text body, paragraphs joined by spaces (for titles).
fn text_of(body: Node) -> String {
    let mut parts = Vec::new();
    for para in body.children().filter(|c| a(*c, "p")) {
        let runs = runs(para);
        let t: String = runs.iter().map(|r| r.text.as_str()).collect();
        if !t.trim().is_empty() {
            parts.push(t.trim().to_string());
        }
    }
    parts.join(" ")
}

/// The paragraphs of a text body as blocks. In a body placeholder, paragraphs are bullets unless
/// they say otherwise; in a text box, only when they ask for a bullet or a number.
fn paragraphs(body: Node, bullets: bool) -> Vec<Block> {
    let mut out = Vec::new();
    let mut counters: Vec<u32> = Vec::new();
    for para in body.children().filter(|c| a(*c, "p")) {
        let runs = runs(para);
        if is_blank(&runs) {
            continue;
        }
        let ppr = kid(para, |c| a(c, "pPr"));
        let level = ppr.and_then(|x| x.attribute("lvl")).and_then(|l| l.parse::<u8>().ok()).unwrap_or(0);
        let none = ppr.and_then(|x| kid(x, |c| a(c, "buNone"))).is_some();
        let auto = ppr.and_then(|x| kid(x, |c| a(c, "buAutoNum")));
        let char = ppr.and_then(|x| kid(x, |c| a(c, "buChar"))).is_some();
        if let Some(auto) = auto.filter(|_| !none) {
            counters.truncate(level as usize + 1);
            while counters.len() <= level as usize {
                counters.push(auto.attribute("startAt").and_then(|s| s.parse::<u32>().ok()).unwrap_or(1).saturating_sub(1));
            }
            counters[level as usize] += 1;
            out.push(Block::ListItem { level, number: Some(counters[level as usize]), runs });
        } else if !none && (char || bullets) {
            out.push(Block::ListItem { level, number: None, runs });
        } else {
            out.push(Block::Paragraph { runs });
        }
    }
    out
}

/// The runs of a DrawingML paragraph: text runs, fields (their current text) and line breaks.
fn runs(para: Node) -> Vec<Run> {
    let mut out = Vec::new();
    for c in para.children().filter(|c| c.is_element()) {
        if a(c, "r") || a(c, "fld") {
            let rpr = kid(c, |x| a(x, "rPr"));
            let flag = |name: &str| rpr.and_then(|r| r.attribute(name)).is_some_and(|v| v == "1" || v == "true");
            let t = kid(c, |x| a(x, "t")).and_then(|t| t.text()).unwrap_or("");
            push_run(&mut out, t, flag("b"), flag("i"));
        } else if a(c, "br") {
            push_run(&mut out, "\n", false, false);
        }
    }
    out
}
