//! The small document model every reader fills and the portfolio typesets: headings, paragraphs of
//! bold/italic runs, list items, tables, pictures and page breaks; slides with a title, their text in
//! reading order and their pictures.
//!
//! Not for: fidelity. It holds what a reader of a faithful reading copy needs, nothing about fonts,
//! colours or exact positions, and never comments, deletions, notes or document properties (the
//! readers drop those before anything reaches this model).

use super::figure::Chart;

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

impl Run {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Run {
        Run { text: text.into(), bold: false, italic: false }
    }
}

/// A picture found in a document: its stored bytes and the size the document shows it at.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// The file's bytes as stored in the document (JPEG, PNG, EMF…), still with any metadata:
    /// they are decoded and re-encoded without it before anything is drawn.
    pub bytes: Vec<u8>,
    /// Shown size in points, when the document says (0 when it does not).
    pub width: f32,
    pub height: f32,
}

/// One block of a flowing document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading, level 1 (largest) to 6.
    Heading { level: u8, text: String },
    Paragraph { runs: Vec<Run> },
    /// A list item; `number` is its number in a numbered list, None for a bullet.
    ListItem { level: u8, number: Option<u32>, runs: Vec<Run> },
    /// Rows of cells, each cell a few blocks (paragraphs, lists).
    Table { rows: Vec<Vec<Vec<Block>>> },
    Picture(Picture),
    /// A chart, with the values the file caches (see [`Chart`]).
    Chart(Chart),
    /// A diagram (SmartArt): its texts in reading order, one a node.
    Diagram { nodes: Vec<String> },
    /// An embedded object (a spreadsheet, a document) without a picture that can be printed:
    /// a note says so in its place.
    ObjectNotShown,
    PageBreak,
}

/// One slide that is shown (hidden slides never get here).
#[derive(Debug, Clone, PartialEq)]
pub struct Slide {
    /// Its number in the presentation as shown (hidden slides are not counted).
    pub number: usize,
    pub title: String,
    /// Text and tables in reading order: top to bottom, then left to right by shape position.
    pub blocks: Vec<Block>,
    pub pictures: Vec<Picture>,
}

/// What a document holds, ready to typeset.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// A word-processing document: blocks from top to bottom.
    Flow(Vec<Block>),
    /// A presentation: its shown slides in order, and their width over height.
    Slides { slides: Vec<Slide>, aspect: f32 },
}

impl Content {
    /// Every visible text, in order, one block a line: what a reader of the copy will see.
    pub fn text(&self) -> String {
        let mut out = String::new();
        match self {
            Content::Flow(blocks) => blocks_text(blocks, &mut out),
            Content::Slides { slides, .. } => {
                for s in slides {
                    out.push_str(&s.title);
                    out.push('\n');
                    blocks_text(&s.blocks, &mut out);
                }
            }
        }
        out
    }

    /// Every picture, in order.
    pub fn pictures(&self) -> Vec<&Picture> {
        let mut out = Vec::new();
        match self {
            Content::Flow(blocks) => blocks_pictures(blocks, &mut out),
            Content::Slides { slides, .. } => {
                for s in slides {
                    blocks_pictures(&s.blocks, &mut out);
                    out.extend(s.pictures.iter());
                }
            }
        }
        out
    }
}

impl Content {
    /// How many embedded objects it holds that cannot be shown (each gets a note in its place).
    pub fn objects_not_shown(&self) -> usize {
        fn count(blocks: &[Block]) -> usize {
            blocks
                .iter()
                .map(|b| match b {
                    Block::ObjectNotShown => 1,
                    Block::Table { rows } => rows.iter().flatten().map(|c| count(c)).sum(),
                    _ => 0,
                })
                .sum()
        }
        match self {
            Content::Flow(blocks) => count(blocks),
            Content::Slides { slides, .. } => slides.iter().map(|s| count(&s.blocks)).sum(),
        }
    }

    /// Every picture, in the same order as [`Content::pictures`], for taking their bytes.
    pub fn pictures_mut(&mut self) -> Vec<&mut Picture> {
        let mut out = Vec::new();
        match self {
            Content::Flow(blocks) => blocks_pictures_mut(blocks, &mut out),
            Content::Slides { slides, .. } => {
                for s in slides {
                    blocks_pictures_mut(&mut s.blocks, &mut out);
                    out.extend(s.pictures.iter_mut());
                }
            }
        }
        out
    }
}

fn blocks_pictures_mut<'a>(blocks: &'a mut [Block], out: &mut Vec<&'a mut Picture>) {
    for b in blocks {
        match b {
            Block::Picture(p) => out.push(p),
            Block::Table { rows } => rows.iter_mut().flatten().for_each(|c| blocks_pictures_mut(c, out)),
            _ => {}
        }
    }
}

fn blocks_text(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Heading { text, .. } => out.push_str(text),
            Block::Paragraph { runs } | Block::ListItem { runs, .. } => {
                runs.iter().for_each(|r| out.push_str(&r.text))
            }
            Block::Table { rows } => {
                for cell in rows.iter().flatten() {
                    blocks_text(cell, out);
                }
            }
            Block::Chart(c) => out.push_str(&c.text()),
            Block::Diagram { nodes } => out.push_str(&nodes.join("\n")),
            Block::Picture(_) | Block::PageBreak | Block::ObjectNotShown => continue,
        }
        out.push('\n');
    }
}

fn blocks_pictures<'a>(blocks: &'a [Block], out: &mut Vec<&'a Picture>) {
    for b in blocks {
        match b {
            Block::Picture(p) => out.push(p),
            Block::Table { rows } => rows.iter().flatten().for_each(|c| blocks_pictures(c, out)),
            _ => {}
        }
    }
}

/// Adds `text` to the last run when it has the same style, else starts a new run; keeps runs few.
pub(super) fn push_run(runs: &mut Vec<Run>, text: &str, bold: bool, italic: bool) {
    if text.is_empty() {
        return;
    }
    match runs.last_mut() {
        Some(last) if last.bold == bold && last.italic == italic => last.text.push_str(text),
        _ => runs.push(Run { text: text.to_string(), bold, italic }),
    }
}

/// True when the runs hold nothing but white space.
pub(super) fn is_blank(runs: &[Run]) -> bool {
    runs.iter().all(|r| r.text.trim().is_empty())
}

/// Adds a table of `rows` (each row its cells' blocks) to `out`, without its empty rows; a table with
/// no cells at all adds nothing, since it would print as an empty frame.
pub(crate) fn push_table(out: &mut Vec<Block>, rows: Vec<Vec<Vec<Block>>>) {
    let rows: Vec<Vec<Vec<Block>>> = rows.into_iter().filter(|r| !r.is_empty()).collect();
    if !rows.is_empty() {
        out.push(Block::Table { rows });
    }
}
