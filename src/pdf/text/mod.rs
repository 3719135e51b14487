//! Text: bidi runs (unicode-bidi), a face per run that has the run's letters (shipped fonts first,
//! then the computer's, see `font`), shaping (rustybuzz), measuring, line breaking by the Unicode
//! rules (ICU4X, with dictionaries for Thai and Burmese), and turning a shaped line into glyph-id
//! drawing operations that carry their text, so that the PDF can be searched and copied.
//!
//! Not for: deciding where on a page a line goes (see `layout`).
//!
//! `shape` turns a line into placed glyphs, `draw` writes them as PDF operations, and `wrap` breaks
//! a paragraph into lines; this file holds the style and the shaped line they pass between them.

mod draw;
mod shape;
mod wrap;

pub(crate) use draw::draw;
pub(crate) use shape::{composed, shape, unprintable, width};
pub(crate) use wrap::{breaks, wrap, LONG};

use crate::pdf::Color;
use crate::pdf::font::Face;

/// How a piece of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Size in points.
    pub size: f32,
    pub bold: bool,
    /// Slanted (Noto Sans Italic); scripts without an italic face stay upright.
    pub italic: bool,
    pub color: Color,
}

impl Style {
    /// Regular text at `size` points in the body colour.
    pub fn new(size: f32) -> Style {
        Style {
            size,
            bold: false,
            italic: false,
            color: Color::TEXT,
        }
    }

    /// The same style, bold.
    pub fn bold(mut self) -> Style {
        self.bold = true;
        self
    }

    /// The same style, italic.
    pub fn italic(mut self) -> Style {
        self.italic = true;
        self
    }

    /// The same style in `color`.
    pub fn color(mut self, color: Color) -> Style {
        self.color = color;
        self
    }
}

/// One glyph placed relative to the start of its line, in points.
#[derive(Debug, Clone)]
struct Glyph {
    gid: u16,
    x: f32,
    dy: f32,
    /// Where the glyph ends for a text extractor: its start plus the font's own advance for it
    /// (a mark's is zero, wherever shaping put the mark).
    end: f32,
    /// The text this glyph stands for when extracted (a cluster, a ligature's letters, or "").
    text: String,
    /// What the font's ToUnicode map gives for a glyph whose `text` is "" (a mark or a ligature
    /// part whose letters another glyph of the cluster carries): the character it is the font's
    /// glyph for, else its cluster's text. PDF/UA wants every drawn glyph mapped; the glyph's
    /// extraction is kept empty by an /ActualText span around it (see `draw`).
    unicode: String,
}

/// Glyphs of one face, in visual order.
#[derive(Debug, Clone)]
struct Run {
    face: Face,
    glyphs: Vec<Glyph>,
    /// Glyph ranges (visual order) whose text cannot be told glyph by glyph: whole words of
    /// left-to-right text that hold marks, conjuncts or vowel signs drawn before their consonant.
    /// Each is marked in the PDF with its text as typed (see `draw`).
    spans: Vec<(usize, usize, String)>,
}

/// A line shaped and ordered for display.
#[derive(Debug, Clone)]
pub(crate) struct Shaped {
    runs: Vec<Run>,
    /// Advance width in points.
    pub width: f32,
    /// True when the paragraph reads right to left (it is then set flush right).
    pub rtl: bool,
    /// Characters no available font can draw (left out of the line).
    pub missing: Vec<char>,
}

impl Shaped {
    /// Whether the line draws no glyph at all (it is then left out of the page and of the tags).
    pub(crate) fn is_empty(&self) -> bool {
        self.runs.iter().all(|r| r.glyphs.is_empty())
    }
}
