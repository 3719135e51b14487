//! Text: bidi runs (unicode-bidi), font fallback per run, shaping (rustybuzz), measuring, wrapping,
//! and turning a shaped line into glyph-id drawing operations whose clusters carry their text, so
//! that the PDF can be searched and copied.
//!
//! Not for: deciding where on a page a line goes (see `layout`).

use printpdf::{Codepoint, Op, PdfFontHandle, Pt, TextItem, TextMatrix};
use rustybuzz::{Direction, UnicodeBuffer};
use unicode_bidi::ParagraphBidiInfo;

use super::font::{self, Face};
use super::Color;

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
    /// The text this glyph stands for when extracted (a cluster, a ligature's letters, or "").
    text: String,
}

/// Glyphs of one face, in visual order.
#[derive(Debug, Clone)]
struct Run {
    face: Face,
    glyphs: Vec<Glyph>,
}

/// A line shaped and ordered for display.
#[derive(Debug, Clone)]
pub(crate) struct Shaped {
    runs: Vec<Run>,
    /// Advance width in points.
    pub width: f32,
    /// True when the paragraph reads right to left (it is then set flush right).
    pub rtl: bool,
}

/// Shapes one line of text (no line breaks inside) for display.
pub(crate) fn shape(text: &str, style: Style) -> Shaped {
    let text = text.trim_end_matches(['\n', '\r']);
    if text.is_empty() {
        return Shaped {
            runs: Vec::new(),
            width: 0.0,
            rtl: false,
        };
    }
    let bidi = ParagraphBidiInfo::new(text, None);
    let rtl = bidi.paragraph_level.is_rtl();
    let (levels, runs) = bidi.visual_runs(0..text.len());
    let mut out = Vec::new();
    let mut pen = 0.0f32;
    for range in runs {
        let run_rtl = levels[range.start].is_rtl();
        let mut pieces = split_by_face(&text[range.clone()], style.bold, style.italic);
        // Pieces are in logical order; a right-to-left run shows them last first.
        if run_rtl {
            pieces.reverse();
        }
        for (face, piece) in pieces {
            let run = shape_piece(piece, face, run_rtl, style.size, &mut pen);
            out.push(run);
        }
    }
    Shaped {
        runs: out,
        width: pen,
        rtl,
    }
}

/// Width of `text` in points, as drawn.
pub(crate) fn width(text: &str, style: Style) -> f32 {
    shape(text, style).width
}

/// Splits text into pieces that one face draws: Arabic letters go to the Arabic face, everything the
/// Latin face has stays there, and spaces or punctuation stay with the piece around them so that
/// shaping is not broken mid-phrase.
fn split_by_face(text: &str, bold: bool, italic: bool) -> Vec<(Face, &str)> {
    let latin = Face::latin(bold, italic);
    let arabic = Face::arabic(bold);
    let mut pieces: Vec<(Face, &str)> = Vec::new();
    let mut current: Option<Face> = None;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let neutral = !c.is_alphanumeric();
        let want = if font::is_arabic(c) {
            arabic
        } else if neutral && current.is_some_and(|f| font::covers(f, c)) {
            current.expect("checked")
        } else if font::covers(latin, c) {
            latin
        } else if font::covers(arabic, c) {
            arabic
        } else {
            latin
        };
        match current {
            Some(f) if f == want => {}
            Some(f) => {
                pieces.push((f, &text[start..i]));
                start = i;
                current = Some(want);
            }
            None => current = Some(want),
        }
    }
    if let Some(f) = current {
        pieces.push((f, &text[start..]));
    }
    pieces
}

fn shape_piece(piece: &str, face: Face, rtl: bool, size: f32, pen: &mut f32) -> Run {
    let shaper = font::shaper(face);
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(piece);
    buffer.set_direction(if rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    });
    buffer.guess_segment_properties();
    let shaped = rustybuzz::shape(&shaper.face, &[], buffer);
    let scale = size / shaper.upem;
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();

    // Cluster boundaries: each cluster's text runs to the next cluster start in logical order.
    let mut starts: Vec<usize> = infos.iter().map(|g| g.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let cluster_text = |c: usize| -> &str {
        let end = starts.iter().find(|s| **s > c).copied().unwrap_or(piece.len());
        piece.get(c..end).unwrap_or("")
    };

    let mut glyphs = Vec::with_capacity(infos.len());
    let mut i = 0;
    while i < infos.len() {
        // Glyphs of one cluster sit next to each other in the output.
        let cluster = infos[i].cluster;
        let mut j = i;
        while j < infos.len() && infos[j].cluster == cluster {
            j += 1;
        }
        let text = cluster_text(cluster as usize);
        let chars: Vec<char> = text.chars().collect();
        let count = j - i;
        for k in i..j {
            // Logical position of this glyph within its cluster (visual order is reversed in RTL).
            let logical = if rtl { j - 1 - k } else { k - i };
            let t = if count == 1 {
                text.to_string()
            } else if count == chars.len() {
                chars[logical].to_string()
            } else if logical == 0 {
                text.to_string()
            } else {
                String::new()
            };
            let p = &positions[k];
            glyphs.push(Glyph {
                gid: infos[k].glyph_id as u16,
                x: *pen + p.x_offset as f32 * scale,
                dy: p.y_offset as f32 * scale,
                text: t,
            });
            *pen += p.x_advance as f32 * scale;
        }
        i = j;
    }
    Run { face, glyphs }
}

/// Drawing operations for a shaped line whose start (left end) is at (`x`, `y`) on the baseline.
pub(crate) fn draw(ops: &mut Vec<Op>, shaped: &Shaped, x: f32, y: f32, style: Style) {
    if shaped.runs.iter().all(|r| r.glyphs.is_empty()) {
        return;
    }
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFillColor {
        col: style.color.into(),
    });
    for run in &shaped.runs {
        if run.glyphs.is_empty() {
            continue;
        }
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(run.face.id()),
            size: Pt(style.size),
        });
        for g in &run.glyphs {
            // Each glyph is placed absolutely; printpdf merges glyphs on one baseline into a
            // single TJ, which keeps text selection and extraction in one piece.
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(x + g.x), Pt(y + g.dy)),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(vec![Codepoint::with_cid(
                    g.gid,
                    0.0,
                    g.text.clone(),
                )])],
            });
        }
    }
    ops.push(Op::EndTextSection);
}

/// Breaks a paragraph into lines no wider than `max` points. Hard line breaks are kept; words
/// longer than a line are split between characters.
pub(crate) fn wrap(text: &str, style: Style, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let space = width(" ", style);
    for hard in text.split('\n') {
        let hard = hard.trim_end_matches('\r');
        let mut line = String::new();
        let mut line_w = 0.0;
        for word in hard.split(' ').filter(|w| !w.is_empty()) {
            let w = width(word, style);
            if line.is_empty() {
                if w <= max {
                    line.push_str(word);
                    line_w = w;
                } else {
                    split_long(word, style, max, &mut lines, &mut line, &mut line_w);
                }
            } else if line_w + space + w <= max {
                line.push(' ');
                line.push_str(word);
                line_w += space + w;
            } else {
                lines.push(std::mem::take(&mut line));
                if w <= max {
                    line.push_str(word);
                    line_w = w;
                } else {
                    split_long(word, style, max, &mut lines, &mut line, &mut line_w);
                }
            }
        }
        lines.push(line);
    }
    lines
}

fn split_long(word: &str, style: Style, max: f32, lines: &mut Vec<String>, line: &mut String, line_w: &mut f32) {
    let mut piece = String::new();
    for c in word.chars() {
        piece.push(c);
        if width(&piece, style) > max && piece.chars().count() > 1 {
            piece.pop();
            lines.push(std::mem::take(&mut piece));
            piece.push(c);
        }
    }
    *line_w = width(&piece, style);
    *line = piece;
}
