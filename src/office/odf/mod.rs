//! OpenDocument text (.odt, Writer) and presentations (.odp, Impress): both keep their words in
//! the same `text:` vocabulary, so one reader handles paragraphs, headings, lists, tables, frames,
//! pictures and embedded objects (charts, sheets: see `objects`) for both; presentations add pages (slides) whose shapes are put in reading order.
//!
//! Left out on purpose: tracked changes' records (`text:tracked-changes` holds deleted text; the
//! body holds the text as it now reads, insertions included), comments (`office:annotation`),
//! footnotes, speaker notes (`presentation:notes`), hidden slides (page style visibility hidden),
//! fields that print document properties (author, creator), and meta.xml, which is never opened.
//!
//! `styles` reads what the styles say (bold, italic, breaks, numbering, hidden, page shapes); this
//! file reads the text and the slides.

mod objects;
mod styles;
mod words;

use roxmltree::Node;

use super::flat::{self, MAX_DEPTH};
use super::model::{is_blank, push_run, push_table, Block, Content, Picture, Run, Slide};
use super::package::{self, Package, MAX_PICTURE};
use super::Problem;

use styles::{length, Styles};
use words::{block_text, collapse, WORDS};

const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

const STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";

const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";

const DRAW: &str = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";

const FO: &str = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";

const SVG: &str = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0";

const XLINK: &str = "http://www.w3.org/1999/xlink";

const PRESENTATION: &str = "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0";

fn is(n: Node, ns: &str, local: &str) -> bool {
    n.is_element() && n.tag_name().name() == local && n.tag_name().namespace() == Some(ns)
}

fn attr<'a>(n: Node<'a, '_>, ns: &str, local: &str) -> Option<&'a str> {
    n.attribute((ns, local))
}

struct Reader<'p, 'b> {
    pkg: &'p Package<'b>,
    styles: Styles,
    /// Counters of numbered lists, by nesting level.
    counters: Vec<u32>,
    /// How deep the walk is in its own recursion; past [`MAX_DEPTH`] content is flattened.
    depth: usize,
}


fn open<'p, 'b>(pkg: &'p Package<'b>) -> Result<(Reader<'p, 'b>, String), Problem> {
    // A password-protected OpenDocument file is still a zip, but its parts are encrypted; the
    // manifest says so.
    if pkg.has("META-INF/manifest.xml") && pkg.text("META-INF/manifest.xml")?.contains("encryption-data") {
        return Err(Problem::Encrypted);
    }
    let mut styles = Styles::default();
    if pkg.has("styles.xml") {
        let text = pkg.text("styles.xml")?;
        let doc = package::parse(&text, "styles.xml")?;
        styles.add(doc.root_element());
    }
    if !pkg.has("content.xml") {
        return Err(Problem::Damaged("the part content.xml is missing".into()));
    }
    let content = pkg.text("content.xml")?;
    Ok((Reader { pkg, styles, counters: Vec::new(), depth: 0 }, content))
}

/// Reads a Writer document's body into blocks.
pub(super) fn read_text(pkg: &Package) -> Result<Vec<Block>, Problem> {
    let (mut reader, content) = open(pkg)?;
    let doc = package::parse(&content, "content.xml")?;
    reader.styles.add(doc.root_element());
    let body = doc
        .descendants()
        .find(|n| is(*n, OFFICE, "text"))
        .ok_or_else(|| Problem::Damaged("the document has no text body".into()))?;
    let mut out = Vec::new();
    reader.blocks(body, &mut out)?;
    Ok(out)
}

/// Reads an Impress presentation's shown slides.
pub(super) fn read_presentation(pkg: &Package) -> Result<Content, Problem> {
    let (mut reader, content) = open(pkg)?;
    let doc = package::parse(&content, "content.xml")?;
    reader.styles.add(doc.root_element());
    let body = doc
        .descendants()
        .find(|n| is(*n, OFFICE, "presentation"))
        .ok_or_else(|| Problem::Damaged("the presentation has no slides part".into()))?;
    let mut slides = Vec::new();
    // The slides' shape is their master page's page layout (the notes pages have another).
    let aspect = body
        .children()
        .find(|n| is(*n, DRAW, "page"))
        .and_then(|p| attr(p, DRAW, "master-page-name"))
        .and_then(|m| reader.styles.masters.get(m))
        .and_then(|l| reader.styles.page_layouts.get(l))
        .copied()
        .unwrap_or(16.0 / 9.0);
    for page in body.children().filter(|n| is(*n, DRAW, "page")) {
        let hidden = attr(page, PRESENTATION, "visibility") == Some("hidden")
            || reader.styles.facts(attr(page, DRAW, "style-name")).hidden;
        if hidden {
            continue;
        }
        let mut title = String::new();
        let mut placed: Vec<(f32, f32, Vec<Block>, Option<Picture>)> = Vec::new();
        reader.shapes(page, &mut title, &mut placed)?;
        // Rows of shapes whose tops are within about a centimetre read left to right.
        placed.sort_by(|p, q| (p.0 / 28.0).floor().total_cmp(&(q.0 / 28.0).floor()).then(p.1.total_cmp(&q.1)));
        let mut blocks = Vec::new();
        let mut pictures = Vec::new();
        for (_, _, mut b, pic) in placed {
            blocks.append(&mut b);
            pictures.extend(pic);
        }
        slides.push(Slide { number: slides.len() + 1, title, blocks, pictures });
    }
    Ok(Content::Slides { slides, aspect })
}

type Shapes = Vec<(f32, f32, Vec<Block>, Option<Picture>)>;

impl Reader<'_, '_> {
    /// The shapes of a slide or group, each placed; groups nested past [`MAX_DEPTH`] become one
    /// shape of their words.
    fn shapes(&mut self, parent: Node, title: &mut String, placed: &mut Shapes) -> Result<(), Problem> {
        if self.depth >= MAX_DEPTH {
            let blocks = flat::paragraphs(&flat::text(parent, &WORDS));
            if !blocks.is_empty() {
                placed.push((0.0, 0.0, blocks, None));
            }
            return Ok(());
        }
        self.depth += 1;
        let done = self.shapes_within(parent, title, placed);
        self.depth -= 1;
        done
    }

    fn shapes_within(&mut self, parent: Node, title: &mut String, placed: &mut Shapes) -> Result<(), Problem> {
        for n in parent.children().filter(|n| n.is_element()) {
            if is(n, PRESENTATION, "notes") || n.tag_name().namespace() == Some(OFFICE) {
                continue;
            }
            if is(n, DRAW, "g") {
                self.shapes(n, title, placed)?;
                continue;
            }
            if n.tag_name().namespace() != Some(DRAW) {
                continue;
            }
            let y = attr(n, SVG, "y").and_then(length).unwrap_or(0.0);
            let x = attr(n, SVG, "x").and_then(length).unwrap_or(0.0);
            let class = attr(n, PRESENTATION, "class");
            // Placeholders still saying "Click to add text" are empty in the file (placeholder="true").
            if matches!(class, Some("page-number" | "date-time" | "footer" | "header" | "notes" | "handout")) {
                continue;
            }
            let mut blocks = Vec::new();
            let mut picture = None;
            if let Some(object) = n.children().find(|c| is(*c, DRAW, "object")).filter(|_| is(n, DRAW, "frame")) {
                match self.object(n, object)? {
                    Block::Picture(p) => picture = Some(p),
                    other => blocks.push(other),
                }
            } else if is(n, DRAW, "frame") {
                for c in n.children().filter(|c| c.is_element()) {
                    if is(c, DRAW, "text-box") {
                        self.counters.clear();
                        self.blocks(c, &mut blocks)?;
                    } else if is(c, DRAW, "image") && picture.is_none() {
                        picture = self.picture(n, c)?;
                    } else if is(c, TABLE, "table") {
                        self.table(c, &mut blocks)?;
                    }
                }
            } else {
                // Custom shapes, rectangles, ellipses: their own paragraphs.
                self.counters.clear();
                self.blocks(n, &mut blocks)?;
            }
            if class == Some("title") && title.is_empty() {
                let t: Vec<String> = blocks.iter().map(block_text).filter(|t| !t.trim().is_empty()).collect();
                if !t.is_empty() {
                    *title = t.join(" ").trim().to_string();
                    continue;
                }
            }
            if class == Some("outline") {
                // Outline placeholders are bulleted by their master even when the list style is not
                // in the file.
                for b in &mut blocks {
                    if let Block::Paragraph { runs } = b {
                        *b = Block::ListItem { level: 0, number: None, runs: std::mem::take(runs) };
                    }
                }
            }
            if !blocks.is_empty() || picture.is_some() {
                placed.push((y, x, blocks, picture));
            }
        }
        Ok(())
    }

    /// The picture of a `draw:image` inside `frame`, when it is a part of the package.
    fn picture(&self, frame: Node, image: Node) -> Result<Option<Picture>, Problem> {
        let Some(href) = attr(image, XLINK, "href") else { return Ok(None) };
        let href = href.trim_start_matches("./");
        if href.contains("://") || !self.pkg.has(href) {
            return Ok(None);
        }
        let bytes = self.pkg.bytes(href, MAX_PICTURE)?;
        let width = attr(frame, SVG, "width").and_then(length).unwrap_or(0.0);
        let height = attr(frame, SVG, "height").and_then(length).unwrap_or(0.0);
        Ok(Some(Picture { bytes, width, height }))
    }

    /// Block-level content: paragraphs, headings, lists, tables, sections; nested past
    /// [`MAX_DEPTH`] (tables in cells in tables, frames in frames), its words as plain paragraphs.
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
            if is(n, TEXT, "p") {
                self.paragraph(n, out, None)?;
            } else if is(n, TEXT, "h") {
                let level = attr(n, TEXT, "outline-level").and_then(|v| v.parse::<u8>().ok()).unwrap_or(1).clamp(1, 6);
                self.paragraph(n, out, Some(level))?;
            } else if is(n, TEXT, "list") {
                self.list(n, out, 0, attr(n, TEXT, "style-name").map(str::to_string))?;
            } else if is(n, TABLE, "table") {
                self.table(n, out)?;
            } else if is(n, TEXT, "section") || is(n, TEXT, "index-body") || n.tag_name().name() == "table-of-content"
                || n.tag_name().name() == "illustration-index" || n.tag_name().name() == "alphabetical-index"
            {
                // Sections inside sections: bounded by the walk's depth, flattened below it.
                self.blocks(n, out)?;
            }
            // text:tracked-changes (deleted text), text:sequence-decls, office:forms, index
            // templates: nothing the reader sees.
        }
        Ok(())
    }

    fn list(&mut self, list: Node, out: &mut Vec<Block>, level: u8, style: Option<String>) -> Result<(), Problem> {
        let style = attr(list, TEXT, "style-name").map(str::to_string).or(style);
        let numbered = self.styles.numbered(style.as_deref(), level + 1);
        if self.counters.len() > level as usize + 1 {
            self.counters.truncate(level as usize + 1);
        }
        if attr(list, TEXT, "continue-numbering") != Some("true") || self.counters.len() <= level as usize {
            self.counters.truncate(level as usize);
        }
        while self.counters.len() <= level as usize {
            self.counters.push(0);
        }
        for item in list.children().filter(|n| is(*n, TEXT, "list-item") || is(*n, TEXT, "list-header")) {
            let header = is(item, TEXT, "list-header");
            let mut first = true;
            for c in item.children().filter(|c| c.is_element()) {
                if is(c, TEXT, "list") && level < 8 {
                    self.list(c, out, level + 1, style.clone())?;
                } else if is(c, TEXT, "list") {
                    out.extend(flat::paragraphs(&flat::text(c, &WORDS)));
                } else if is(c, TEXT, "p") || is(c, TEXT, "h") {
                    let mut blocks = Vec::new();
                    self.paragraph(c, &mut blocks, None)?;
                    for b in blocks {
                        match b {
                            Block::Paragraph { runs } if first && !header => {
                                let number = if numbered {
                                    if let Some(v) = attr(item, TEXT, "start-value").and_then(|v| v.parse::<u32>().ok()) {
                                        self.counters[level as usize] = v.saturating_sub(1);
                                    }
                                    self.counters[level as usize] += 1;
                                    Some(self.counters[level as usize])
                                } else {
                                    None
                                };
                                out.push(Block::ListItem { level, number, runs });
                                first = false;
                            }
                            other => out.push(other),
                        }
                    }
                    self.counters.truncate(level as usize + 1);
                } else if is(c, TABLE, "table") {
                    self.table(c, out)?;
                }
            }
        }
        Ok(())
    }

    fn table(&mut self, table: Node, out: &mut Vec<Block>) -> Result<(), Problem> {
        let mut rows = Vec::new();
        let mut row_nodes = Vec::new();
        for c in table.children().filter(|c| c.is_element()) {
            if is(c, TABLE, "table-row") {
                row_nodes.push(c);
            } else if is(c, TABLE, "table-header-rows") || is(c, TABLE, "table-rows") || is(c, TABLE, "table-row-group") {
                row_nodes.extend(c.children().filter(|r| is(*r, TABLE, "table-row")));
            }
        }
        for r in row_nodes {
            let mut cells = Vec::new();
            for cell in r.children().filter(|c| is(*c, TABLE, "table-cell")) {
                let mut blocks = Vec::new();
                let saved = std::mem::take(&mut self.counters);
                self.blocks(cell, &mut blocks)?;
                self.counters = saved;
                cells.push(blocks);
            }
            rows.push(cells);
        }
        push_table(out, rows);
        Ok(())
    }

    /// A paragraph or heading; pictures and text frames inside it follow in their place.
    fn paragraph(&mut self, p: Node, out: &mut Vec<Block>, heading: Option<u8>) -> Result<(), Problem> {
        let facts = self.styles.facts(attr(p, TEXT, "style-name"));
        if facts.break_before {
            out.push(Block::PageBreak);
        }
        let mut runs = Vec::new();
        let mut after = Vec::new();
        self.inline(p, &mut runs, &mut after, facts.bold.unwrap_or(false), facts.italic.unwrap_or(false), 0)?;
        let runs = collapse(runs);
        if !is_blank(&runs) {
            out.push(match heading {
                Some(level) => Block::Heading { level, text: runs.iter().map(|r| r.text.as_str()).collect::<String>().trim().to_string() },
                None => Block::Paragraph { runs },
            });
        }
        out.append(&mut after);
        if facts.break_after {
            out.push(Block::PageBreak);
        }
        Ok(())
    }

    fn inline(&mut self, n: Node, runs: &mut Vec<Run>, after: &mut Vec<Block>, bold: bool, italic: bool, depth: u8) -> Result<(), Problem> {
        if depth > 32 {
            // Spans inside spans this deep: their words, without further recursion.
            let words = flat::text(n, &WORDS).replace('\n', " ");
            push_run(runs, &words, bold, italic);
            return Ok(());
        }
        for c in n.children() {
            if c.is_text() {
                push_run(runs, c.text().unwrap_or(""), bold, italic);
                continue;
            }
            if !c.is_element() {
                continue;
            }
            let ns = c.tag_name().namespace();
            let name = c.tag_name().name();
            if ns == Some(TEXT) {
                match name {
                    "span" | "a" | "ruby" | "ruby-base" | "meta" | "meta-field" => {
                        let f = self.styles.facts(attr(c, TEXT, "style-name"));
                        self.inline(c, runs, after, f.bold.unwrap_or(bold), f.italic.unwrap_or(italic), depth + 1)?;
                    }
                    "s" => {
                        let count = attr(c, TEXT, "c").and_then(|v| v.parse::<usize>().ok()).unwrap_or(1).min(64);
                        push_run(runs, &"\u{a0}".repeat(count), bold, italic);
                    }
                    "tab" => push_run(runs, "\u{a0}", bold, italic),
                    "line-break" => push_run(runs, "\u{2028}", bold, italic),
                    // Fields that print who wrote or changed the document are document properties.
                    "author-name" | "author-initials" | "initial-creator" | "creator" | "modification-date"
                    | "modification-time" | "editing-cycles" | "editing-duration" | "sender-firstname"
                    | "sender-lastname" | "sender-initials" | "user-defined" => {}
                    // Notes, tracked-change markers, bookmarks and references show nothing here.
                    "note" | "change" | "change-start" | "change-end" | "bookmark" | "bookmark-start"
                    | "bookmark-end" | "reference-mark" | "reference-mark-start" | "reference-mark-end"
                    | "soft-page-break" | "alphabetical-index-mark" | "toc-mark" => {}
                    // Other fields (page numbers, dates, titles, references): their shown text.
                    _ => self.inline(c, runs, after, bold, italic, depth + 1)?,
                }
            } else if ns == Some(DRAW) && (name == "frame" || name == "a") {
                self.frame(c, after)?;
            }
            // office:annotation (comments) and anything else: skipped.
        }
        Ok(())
    }

    /// A frame inside a paragraph: its picture or its text box, after the paragraph.
    fn frame(&mut self, f: Node, after: &mut Vec<Block>) -> Result<(), Problem> {
        if is(f, DRAW, "a") {
            for c in f.children().filter(|c| is(*c, DRAW, "frame")) {
                self.frame(c, after)?;
            }
            return Ok(());
        }
        if let Some(object) = f.children().find(|c| is(*c, DRAW, "object")) {
            after.push(self.object(f, object)?);
            return Ok(());
        }
        for c in f.children().filter(|c| c.is_element()) {
            if is(c, DRAW, "image") {
                if let Some(p) = self.picture(f, c)? {
                    after.push(Block::Picture(p));
                }
                break;
            } else if is(c, DRAW, "text-box") {
                let saved = std::mem::take(&mut self.counters);
                self.blocks(c, after)?;
                self.counters = saved;
                break;
            }
        }
        Ok(())
    }
}
