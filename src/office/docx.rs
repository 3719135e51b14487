//! Word documents (.docx, WordprocessingML): the main document's paragraphs, headings (from the
//! paragraph's style or outline level), numbered and bulleted lists (from numbering.xml), tables,
//! pictures (DrawingML and the older VML), charts, SmartArt diagrams, embedded objects (their cached
//! picture or a note) and page breaks.
//!
//! Left out on purpose: comments (comments.xml is never opened and references are skipped),
//! tracked deletions and moved-away text (`w:del`, `w:moveFrom`), hidden text (`w:vanish`), field
//! codes, footnotes, headers and footers, and document properties (docProps is never opened).
//! Tracked insertions are read as ordinary text: the copy shows the document as it now reads.

use std::collections::HashMap;

use roxmltree::Node;

use super::flat::{self, Words, MAX_DEPTH};
use super::model::{push_run, push_table, Block, Picture, Run};
use super::package::{self, rattr, Package, MAX_PICTURE};
use super::Problem;

const W: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// English Metric Units in a point.
pub(super) const EMU_PER_PT: f32 = 12_700.0;

/// True when `n` is the WordprocessingML element `local`.
fn w(n: Node, local: &str) -> bool {
    n.is_element() && n.tag_name().name() == local && n.tag_name().namespace().is_some_and(|ns| W.contains(&ns))
}

/// The `w:val` (or other WordprocessingML) attribute of `n`.
fn wattr<'a>(n: Node<'a, '_>, local: &str) -> Option<&'a str> {
    n.attributes()
        .find(|a| a.name() == local && a.namespace().is_none_or(|ns| W.contains(&ns)))
        .map(|a| a.value())
}

fn child<'a, 'i>(n: Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| w(*c, local))
}

/// An on/off property such as `<w:b/>` or `<w:b w:val="false"/>`.
fn on(props: Option<Node>, local: &str) -> Option<bool> {
    let p = child(props?, local)?;
    Some(!matches!(wattr(p, "val"), Some("0" | "false" | "off" | "none")))
}

/// What a paragraph style says, after following `basedOn`.
#[derive(Debug, Clone, Default)]
struct StyleFacts {
    heading: Option<u8>,
    bold: bool,
    italic: bool,
}

struct Styles {
    paragraph: HashMap<String, StyleFacts>,
}

impl Styles {
    fn read(pkg: &Package, part: Option<&String>) -> Result<Styles, Problem> {
        let mut out = Styles { paragraph: HashMap::new() };
        let Some(part) = part.filter(|p| pkg.has(p)) else { return Ok(out) };
        let text = pkg.text(part)?;
        let doc = package::parse(&text, part)?;
        // id → (based on, own facts)
        let mut raw: HashMap<String, (Option<String>, Option<u8>, Option<bool>, Option<bool>)> = HashMap::new();
        for s in doc.root_element().children().filter(|n| w(*n, "style")) {
            if wattr(s, "type") != Some("paragraph") {
                continue;
            }
            let Some(id) = wattr(s, "styleId") else { continue };
            let name = child(s, "name").and_then(|n| wattr(n, "val")).unwrap_or("").to_lowercase();
            let outline = child(s, "pPr")
                .and_then(|p| child(p, "outlineLvl"))
                .and_then(|o| wattr(o, "val"))
                .and_then(|v| v.parse::<u8>().ok())
                .filter(|l| *l < 9)
                .map(|l| l + 1);
            let by_name = if name == "title" {
                Some(1)
            } else {
                name.strip_prefix("heading ").and_then(|n| n.trim().parse::<u8>().ok())
            };
            let rpr = child(s, "rPr");
            let based = child(s, "basedOn").and_then(|b| wattr(b, "val")).map(str::to_string);
            raw.insert(id.to_string(), (based, outline.or(by_name), on(rpr, "b"), on(rpr, "i")));
        }
        for id in raw.keys() {
            let mut facts = StyleFacts::default();
            let (mut heading, mut bold, mut italic) = (None, None, None);
            let mut at = Some(id.clone());
            for _ in 0..12 {
                let Some(cur) = at.take() else { break };
                let Some((based, h, b, i)) = raw.get(&cur) else { break };
                heading = heading.or(*h);
                bold = bold.or(*b);
                italic = italic.or(*i);
                at = based.clone();
            }
            facts.heading = heading.map(|h| h.clamp(1, 6));
            facts.bold = bold.unwrap_or(false);
            facts.italic = italic.unwrap_or(false);
            out.paragraph.insert(id.clone(), facts);
        }
        Ok(out)
    }
}

/// Paragraph style id → heading level (from the style's name or outline level, through `basedOn`),
/// for `review`, which walks the body itself to find comments and tracked changes.
pub(crate) fn heading_styles(pkg: &Package) -> Result<HashMap<String, u8>, Problem> {
    let main = pkg.main_part("word/document.xml")?;
    let dir = main.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let part = package::resolve(dir, "styles.xml");
    let styles = Styles::read(pkg, Some(&part))?;
    Ok(styles.paragraph.into_iter().filter_map(|(id, f)| f.heading.map(|h| (id, h))).collect())
}

/// List formats: numId → level → (bullet?, start).
struct Numbering {
    levels: HashMap<String, HashMap<u8, (bool, u32)>>,
}

impl Numbering {
    fn read(pkg: &Package, part: Option<&String>) -> Result<Numbering, Problem> {
        let mut out = Numbering { levels: HashMap::new() };
        let Some(part) = part.filter(|p| pkg.has(p)) else { return Ok(out) };
        let text = pkg.text(part)?;
        let doc = package::parse(&text, part)?;
        let mut abstracts: HashMap<String, HashMap<u8, (bool, u32)>> = HashMap::new();
        for a in doc.root_element().children().filter(|n| w(*n, "abstractNum")) {
            let Some(id) = wattr(a, "abstractNumId") else { continue };
            let mut levels = HashMap::new();
            for l in a.children().filter(|n| w(*n, "lvl")) {
                let Some(ilvl) = wattr(l, "ilvl").and_then(|v| v.parse::<u8>().ok()) else { continue };
                let fmt = child(l, "numFmt").and_then(|f| wattr(f, "val")).unwrap_or("decimal");
                let start = child(l, "start").and_then(|s| wattr(s, "val")).and_then(|v| v.parse().ok()).unwrap_or(1);
                if fmt == "none" {
                    continue;
                }
                levels.insert(ilvl, (fmt == "bullet", start));
            }
            abstracts.insert(id.to_string(), levels);
        }
        for n in doc.root_element().children().filter(|n| w(*n, "num")) {
            let (Some(id), Some(abs)) = (wattr(n, "numId"), child(n, "abstractNumId").and_then(|a| wattr(a, "val")))
            else {
                continue;
            };
            if let Some(levels) = abstracts.get(abs) {
                out.levels.insert(id.to_string(), levels.clone());
            }
        }
        Ok(out)
    }
}

/// Everything the walk over the body needs.
struct Reader<'p, 'b> {
    pkg: &'p Package<'b>,
    rels: HashMap<String, String>,
    styles: Styles,
    numbering: Numbering,
    /// Counters of numbered lists: (numId, level) → last number given.
    counters: HashMap<(String, u8), u32>,
    /// How deep the walk is in its own recursion; past [`MAX_DEPTH`] content is flattened.
    depth: usize,
}

/// What the flattened words of content nested too deep leave out and keep: the same as the walk
/// (no deletions, moved-away text, field codes, hidden runs, or the fallback copy of alternate
/// content, which repeats its choice).
const WORDS: Words = Words {
    skip: |n| {
        w(n, "del") || w(n, "moveFrom") || w(n, "delText") || w(n, "instrText") || w(n, "rPr") || w(n, "pPr")
            || n.tag_name().name() == "Fallback"
            || (w(n, "r") && (on(child(n, "rPr"), "vanish") == Some(true) || on(child(n, "rPr"), "webHidden") == Some(true)))
    },
    piece: |n| {
        if w(n, "t") {
            n.text()
        } else if w(n, "tab") || w(n, "ptab") {
            Some(" ")
        } else if w(n, "br") || w(n, "cr") {
            Some("\n")
        } else {
            None
        }
    },
    line: |n| w(n, "p"),
};

/// Reads a Word document's body into blocks.
pub(super) fn read(pkg: &Package) -> Result<Vec<Block>, Problem> {
    let main = pkg.main_part("word/document.xml")?;
    let rels = pkg.relationships(&main)?;
    let dir = main.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let find = |kind: &str| -> Option<String> {
        // The styles and numbering parts are named by relationship type; the usual names are the fallback.
        let usual = package::resolve(dir, &format!("{kind}.xml"));
        if pkg.has(&usual) { Some(usual) } else { None }
    };
    let styles = Styles::read(pkg, find("styles").as_ref())?;
    let numbering = Numbering::read(pkg, find("numbering").as_ref())?;
    let text = pkg.text(&main)?;
    let doc = package::parse(&text, &main)?;
    let body = doc
        .root_element()
        .children()
        .find(|n| w(*n, "body"))
        .ok_or_else(|| Problem::Damaged("the document has no body".into()))?;
    let mut reader = Reader { pkg, rels, styles, numbering, counters: HashMap::new(), depth: 0 };
    let mut blocks = Vec::new();
    reader.blocks(body, &mut blocks)?;
    Ok(blocks)
}

impl Reader<'_, '_> {
    /// Block-level content of a body, cell or content control; nested past [`MAX_DEPTH`], its
    /// words as plain paragraphs.
    fn blocks(&mut self, parent: Node, out: &mut Vec<Block>) -> Result<(), Problem> {
        if self.depth >= MAX_DEPTH {
            out.extend(flat::paragraphs(&flat::text(parent, &WORDS)));
            return Ok(());
        }
        self.depth += 1;
        let done = self.blocks_within(parent, out);
        self.depth -= 1;
        done
    }

    fn blocks_within(&mut self, parent: Node, out: &mut Vec<Block>) -> Result<(), Problem> {
        for n in parent.children().filter(|n| n.is_element()) {
            if w(n, "p") {
                self.paragraph(n, out)?;
            } else if w(n, "tbl") {
                self.table(n, out)?;
            } else if w(n, "sdt") {
                if let Some(content) = child(n, "sdtContent") {
                    self.blocks(content, out)?;
                }
            } else if w(n, "customXml") || w(n, "ins") || w(n, "smartTag") {
                self.blocks(n, out)?;
            }
            // w:del / w:moveFrom at block level, w:sectPr, bookmarks: nothing to show.
        }
        Ok(())
    }

    fn table(&mut self, tbl: Node, out: &mut Vec<Block>) -> Result<(), Problem> {
        let mut rows = Vec::new();
        for tr in tbl.children().filter(|n| w(*n, "tr")) {
            let mut cells = Vec::new();
            for tc in tr.children().filter(|n| w(*n, "tc") || w(*n, "sdt")) {
                let tc = if w(tc, "sdt") {
                    match child(tc, "sdtContent").and_then(|c| child(c, "tc")) {
                        Some(c) => c,
                        None => continue,
                    }
                } else {
                    tc
                };
                let mut blocks = Vec::new();
                self.blocks(tc, &mut blocks)?;
                cells.push(blocks);
            }
            rows.push(cells);
        }
        push_table(out, rows);
        Ok(())
    }

    fn paragraph(&mut self, p: Node, out: &mut Vec<Block>) -> Result<(), Problem> {
        let ppr = child(p, "pPr");
        let style_id = ppr.and_then(|x| child(x, "pStyle")).and_then(|s| wattr(s, "val"));
        let facts = style_id.and_then(|id| self.styles.paragraph.get(id)).cloned().unwrap_or_default();
        let own_outline = ppr
            .and_then(|x| child(x, "outlineLvl"))
            .and_then(|o| wattr(o, "val"))
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|l| *l < 9)
            .map(|l| (l + 1).min(6));
        let heading = own_outline.or(facts.heading);
        if on(ppr, "pageBreakBefore") == Some(true) {
            out.push(Block::PageBreak);
        }
        // The paragraph's own run properties (pPr/rPr) style only its mark: not used.
        let mut pieces = Pieces { runs: Vec::new(), bold: facts.bold, italic: facts.italic };
        let mut emitted = Vec::new();
        self.inline(p, &mut pieces, &mut emitted)?;
        // A page break inside the paragraph splits it: what came before, the break, what follows.
        let list = ppr.and_then(|x| child(x, "numPr")).and_then(|np| {
            let id = child(np, "numId").and_then(|n| wattr(n, "val"))?;
            let level = child(np, "ilvl").and_then(|n| wattr(n, "val")).and_then(|v| v.parse::<u8>().ok()).unwrap_or(0);
            let (bullet, start) = *self.numbering.levels.get(id)?.get(&level)?;
            Some((id.to_string(), level, bullet, start))
        });
        let mut segments = emitted;
        segments.push(Segment::Runs(std::mem::take(&mut pieces.runs)));
        let mut first = true;
        for seg in segments {
            match seg {
                Segment::Break => out.push(Block::PageBreak),
                Segment::Block(b) => out.push(b),
                Segment::Runs(runs) => {
                    if super::model::is_blank(&runs) {
                        continue;
                    }
                    out.push(self.block_for(runs, heading, list.as_ref(), first));
                    first = false;
                }
            }
        }
        Ok(())
    }

    fn block_for(&mut self, runs: Vec<Run>, heading: Option<u8>, list: Option<&(String, u8, bool, u32)>, first: bool) -> Block {
        if let Some(level) = heading {
            let text: String = runs.iter().map(|r| r.text.as_str()).collect();
            return Block::Heading { level, text: text.trim().to_string() };
        }
        if let (Some((id, level, bullet, start)), true) = (list, first) {
            let number = if *bullet {
                None
            } else {
                // Deeper levels restart when a shallower item comes.
                self.counters.retain(|(i, l), _| i != id || *l <= *level);
                let n = self.counters.entry((id.clone(), *level)).or_insert(start.saturating_sub(1));
                *n += 1;
                Some(*n)
            };
            return Block::ListItem { level: *level, number, runs };
        }
        Block::Paragraph { runs }
    }

    /// Inline content in document order: runs, links, insertions, fields; deletions, comments and
    /// hidden text are skipped.
    fn inline(&mut self, n: Node, pieces: &mut Pieces, emitted: &mut Vec<Segment>) -> Result<(), Problem> {
        if self.depth >= MAX_DEPTH {
            let words = flat::text(n, &WORDS).replace('\n', " ");
            push_run(&mut pieces.runs, &words, pieces.bold, pieces.italic);
            return Ok(());
        }
        self.depth += 1;
        let done = self.inline_within(n, pieces, emitted);
        self.depth -= 1;
        done
    }

    fn inline_within(&mut self, n: Node, pieces: &mut Pieces, emitted: &mut Vec<Segment>) -> Result<(), Problem> {
        for c in n.children().filter(|c| c.is_element()) {
            let name = c.tag_name().name();
            if c.tag_name().namespace() == Some("http://schemas.openxmlformats.org/markup-compatibility/2006") {
                if name == "AlternateContent" {
                    // One branch only: the first Choice, else the Fallback (never both: they repeat).
                    let choice = c.children().find(|b| b.is_element() && b.tag_name().name() == "Choice");
                    let fallback = c.children().find(|b| b.is_element() && b.tag_name().name() == "Fallback");
                    // An Office 2016 chart: its cached picture, then its data (both are wanted).
                    if let (Some(ch), Some(fb)) = (choice, fallback) {
                        if super::chart::holds_chartex(ch) {
                            self.inline(fb, pieces, emitted)?;
                            self.inline(ch, pieces, emitted)?;
                            continue;
                        }
                    }
                    if let Some(b) = choice.or(fallback) {
                        self.inline(b, pieces, emitted)?;
                    }
                }
                continue;
            }
            if w(c, "r") {
                self.run(c, pieces, emitted)?;
            } else if w(c, "hyperlink") || w(c, "ins") || w(c, "smartTag") || w(c, "customXml")
                || w(c, "fldSimple") || w(c, "moveTo") || w(c, "sdt") || w(c, "sdtContent") || w(c, "bdo") || w(c, "dir")
            {
                self.inline(c, pieces, emitted)?;
            }
            // w:del, w:moveFrom, w:commentRangeStart/End, w:proofErr, w:bookmark*, w:pPr: skipped.
        }
        Ok(())
    }

    fn run(&mut self, r: Node, pieces: &mut Pieces, emitted: &mut Vec<Segment>) -> Result<(), Problem> {
        let rpr = child(r, "rPr");
        if on(rpr, "vanish") == Some(true) || on(rpr, "webHidden") == Some(true) {
            return Ok(());
        }
        let bold = on(rpr, "b").unwrap_or(pieces.bold);
        let italic = on(rpr, "i").unwrap_or(pieces.italic);
        for c in r.children().filter(|c| c.is_element()) {
            if w(c, "t") {
                push_run(&mut pieces.runs, c.text().unwrap_or(""), bold, italic);
            } else if w(c, "tab") || w(c, "ptab") {
                push_run(&mut pieces.runs, " ", bold, italic);
            } else if w(c, "br") {
                if wattr(c, "type") == Some("page") {
                    emitted.push(Segment::Runs(std::mem::take(&mut pieces.runs)));
                    emitted.push(Segment::Break);
                } else {
                    push_run(&mut pieces.runs, "\n", bold, italic);
                }
            } else if w(c, "cr") {
                push_run(&mut pieces.runs, "\n", bold, italic);
            } else if w(c, "noBreakHyphen") {
                push_run(&mut pieces.runs, "-", bold, italic);
            } else if w(c, "drawing") || w(c, "pict") || w(c, "object") {
                self.drawing(c, pieces, emitted)?;
            } else if c.tag_name().name() == "AlternateContent" {
                // The Choice's drawing; the Fallback's (often a cached picture) only when the
                // Choice showed nothing, e.g. a kind of chart not read here.
                let blocks = |e: &Vec<Segment>| e.iter().filter(|s| matches!(s, Segment::Block(_))).count();
                // An Office 2016 chart (chartex) keeps both: the cached picture, then the data.
                let before = blocks(emitted);
                let chartex = c.children().any(|b| b.is_element() && b.tag_name().name() == "Choice" && super::chart::holds_chartex(b));
                let order = if chartex { ["Fallback", "Choice"] } else { ["Choice", "Fallback"] };
                for name in order {
                    let Some(b) = c.children().find(|b| b.is_element() && b.tag_name().name() == name) else { continue };
                    for d in b.children().filter(|d| w(*d, "drawing") || w(*d, "pict") || w(*d, "object")) {
                        self.drawing(d, pieces, emitted)?;
                    }
                    if !chartex && blocks(emitted) > before {
                        break;
                    }
                }
            }
            // w:delText, w:instrText, w:commentReference, w:footnoteReference, w:sym: nothing shown.
        }
        Ok(())
    }

    /// A picture (DrawingML `a:blip` or VML `v:imagedata`) and any text box inside a drawing, in
    /// their place: the text before them ends a paragraph, text boxes become paragraphs of their own.
    fn drawing(&mut self, d: Node, pieces: &mut Pieces, emitted: &mut Vec<Segment>) -> Result<(), Problem> {
        emitted.push(Segment::Runs(std::mem::take(&mut pieces.runs)));
        // Only the outermost text boxes: one inside another is read by the outer one's walk.
        for tb in flat::outermost(d, |n| w(n, "txbxContent")) {
            let mut blocks = Vec::new();
            self.blocks(tb, &mut blocks)?;
            emitted.extend(blocks.into_iter().map(Segment::Block));
        }
        let extent = d
            .descendants()
            .find(|n| n.is_element() && n.tag_name().name() == "extent")
            .and_then(|e| Some((e.attribute("cx")?.parse::<f32>().ok()?, e.attribute("cy")?.parse::<f32>().ok()?)));
        let (width, height) = extent.map(|(x, y)| (x / EMU_PER_PT, y / EMU_PER_PT)).unwrap_or((0.0, 0.0));
        if let Some(data) = d.descendants().find(|n| n.is_element() && n.tag_name().name() == "graphicData") {
            if let Some(block) = super::chart::graphic(self.pkg, &self.rels, data)? {
                emitted.push(Segment::Block(block));
                return Ok(());
            }
        }
        let ole = w(d, "object") || d.descendants().any(|n| n.is_element() && n.tag_name().name() == "OLEObject");
        let picture = self.picture(d, width, height)?;
        if ole {
            // An embedded object: its cached picture when printable, else a note in its place.
            emitted.push(Segment::Block(super::embedded::object(picture)));
        } else if let Some(p) = picture {
            emitted.push(Segment::Block(Block::Picture(p)));
        }
        Ok(())
    }

    /// The picture a drawing holds (DrawingML `a:blip` or VML `v:imagedata`), when it is a part.
    fn picture(&self, d: Node, width: f32, height: f32) -> Result<Option<Picture>, Problem> {
        let blip = d.descendants().find(|n| {
            n.is_element() && (n.tag_name().name() == "blip" || n.tag_name().name() == "imagedata")
        });
        let Some(blip) = blip else { return Ok(None) };
        let Some(id) = rattr(blip, "embed").or_else(|| rattr(blip, "id")) else { return Ok(None) };
        let Some(target) = self.rels.get(id) else { return Ok(None) };
        if !self.pkg.has(target) {
            return Ok(None);
        }
        let bytes = self.pkg.bytes(target, MAX_PICTURE)?;
        Ok(Some(Picture { bytes, width, height }))
    }
}

/// Runs gathered so far in a paragraph.
struct Pieces {
    runs: Vec<Run>,
    /// The paragraph style's bold and italic, which runs inherit.
    bold: bool,
    italic: bool,
}

/// A paragraph split by its page breaks, pictures and text boxes, in order.
enum Segment {
    Runs(Vec<Run>),
    Break,
    Block(Block),
}
