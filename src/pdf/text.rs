//! Text: bidi runs (unicode-bidi), a face per run that has the run's letters (shipped fonts first,
//! then the computer's, see `font`), shaping (rustybuzz), measuring, line breaking by the Unicode
//! rules (ICU4X, with dictionaries for Thai and Burmese), and turning a shaped line into glyph-id
//! drawing operations that carry their text, so that the PDF can be searched and copied.
//!
//! Not for: deciding where on a page a line goes (see `layout`).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::{LineSegmenter, LineSegmenterBorrowed};
use printpdf::{Codepoint, DictItem, Op, PdfFontHandle, Pt, TextItem, TextMatrix};
use rustybuzz::{Direction, UnicodeBuffer};
use unicode_bidi::ParagraphBidiInfo;
use unicode_normalization::UnicodeNormalization;

use super::font::{self, Face, Han};
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
    /// Where the glyph ends for a text extractor: its start plus the font's own advance for it
    /// (a mark's is zero, wherever shaping put the mark).
    end: f32,
    /// The text this glyph stands for when extracted (a cluster, a ligature's letters, or "").
    text: String,
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

/// The text in Unicode's composed form (NFC), as search and copy give it back.
fn composed(text: &str) -> Cow<'_, str> {
    if unicode_normalization::is_nfc(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// Shapes one line of text (no line breaks inside) for display.
pub(crate) fn shape(text: &str, style: Style) -> Shaped {
    let text = composed(text.trim_end_matches(['\n', '\r']));
    let text: &str = &text;
    if text.is_empty() {
        return Shaped {
            runs: Vec::new(),
            width: 0.0,
            rtl: false,
            missing: Vec::new(),
        };
    }
    let bidi = ParagraphBidiInfo::new(text, None);
    let rtl = bidi.paragraph_level.is_rtl();
    let (levels, runs) = bidi.visual_runs(0..text.len());
    let han = Han::of(text);
    let mut out = Vec::new();
    let mut missing = Vec::new();
    let mut pen = 0.0f32;
    for range in runs {
        let run_rtl = levels[range.start].is_rtl();
        let mut pieces = split_by_face(&text[range.clone()], style, han, &mut missing);
        // Pieces are in logical order; a right-to-left run shows them last first.
        if run_rtl {
            pieces.reverse();
        }
        for (face, piece) in pieces {
            let run = shape_piece(piece, face, run_rtl, style.size, &mut pen);
            out.push(run);
        }
    }
    missing.sort_unstable();
    missing.dedup();
    Shaped {
        runs: out,
        width: pen,
        rtl,
        missing,
    }
}

/// Width of `text` in points, as drawn.
pub(crate) fn width(text: &str, style: Style) -> f32 {
    shape(text, style).width
}

/// Characters of `text` that no font on this computer can draw.
pub(crate) fn unprintable(text: &str) -> Vec<char> {
    let text = composed(text);
    let mut missing = Vec::new();
    for line in text.lines() {
        split_by_face(line, Style::new(10.0), Han::of(line), &mut missing);
    }
    missing.sort_unstable();
    missing.dedup();
    missing
}

/// Characters that belong to the letter before them: they never choose a face of their own.
fn follows_base(c: char) -> bool {
    use unicode_script::{Script, UnicodeScript};
    c.is_whitespace()
        || c.script() == Script::Inherited
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FE00}'..='\u{FE0F}')
}

/// Splits text into pieces that one face draws: Arabic letters go to the Arabic face, everything the
/// Latin face has stays there, other scripts go to a system face that has them; spaces, marks and
/// punctuation stay with the piece around them so that shaping is not broken mid-phrase.
/// Characters no face has are left out and listed in `missing`.
fn split_by_face<'t>(text: &'t str, style: Style, han: Han, missing: &mut Vec<char>) -> Vec<(Face, &'t str)> {
    let latin = Face::latin(style.bold, style.italic);
    let arabic = Face::arabic(style.bold);
    let mut pieces: Vec<(Face, &'t str)> = Vec::new();
    let mut current: Option<Face> = None;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let neutral = !c.is_alphanumeric();
        let want = if font::is_arabic(c) {
            Some(arabic)
        } else if current.is_some() && follows_base(c) {
            current
        } else if neutral && current.is_some_and(|f| font::covers(f, c)) {
            current
        } else if font::covers(latin, c) {
            Some(latin)
        } else if font::covers(arabic, c) {
            Some(arabic)
        } else if let Some(f) = font::fallback(c, style.bold, han) {
            Some(f)
        } else if c.is_control() || c.is_whitespace() || follows_base(c) {
            current.or(Some(latin))
        } else {
            missing.push(c);
            None
        };
        match (current, want) {
            (_, None) => {
                // Close the piece before the character and continue after it.
                if let Some(f) = current.take() {
                    pieces.push((f, &text[start..i]));
                }
            }
            (Some(f), Some(w)) if f == w => {}
            (Some(f), Some(w)) => {
                pieces.push((f, &text[start..i]));
                start = i;
                current = Some(w);
            }
            (None, Some(w)) => {
                start = i;
                current = Some(w);
            }
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
    // Each cluster's glyph range, text, and whether it is drawn other than one glyph on the pen.
    let mut clusters: Vec<(usize, usize, &str, bool)> = Vec::new();
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
        // A cluster reads glyph by glyph when it is one glyph, or one glyph per character in
        // reading order, each the font's own glyph for its character. Otherwise (a vowel sign
        // drawn before its consonant, a conjunct's half forms) the cluster's text is attached to
        // the whole group instead.
        let in_order = count == chars.len()
            && (i..j).all(|k| {
                let logical = if rtl { j - 1 - k } else { k - i };
                shaper.face.glyph_index(chars[logical]).map(|g| g.0 as u32) == Some(infos[k].glyph_id)
            });
        let simple = count == 1 || in_order || rtl;
        let marked = count > 1 || positions[i..j].iter().any(|p| p.x_offset != 0);
        clusters.push((glyphs.len(), glyphs.len() + count, text, marked));
        for k in i..j {
            // Logical position of this glyph within its cluster (visual order is reversed in RTL).
            let logical = if rtl { j - 1 - k } else { k - i };
            let gid = infos[k].glyph_id;
            let t = if count == 1 {
                text.to_string()
            } else if simple && count == chars.len() {
                chars[logical].to_string()
            } else if !simple {
                // Inside a marked group the reader takes the group's text; the glyph keeps the
                // character it is the font's glyph for (its mapping is shared by the whole file).
                match chars.iter().find(|c| shaper.face.glyph_index(**c).map(|g| g.0 as u32) == Some(gid)) {
                    Some(c) => c.to_string(),
                    None if k == i => text.to_string(),
                    None => String::new(),
                }
            } else if logical == 0 {
                text.to_string()
            } else {
                String::new()
            };
            // Extractors lay a glyph's characters out left to right in the order its mapping gives
            // them, then turn right-to-left runs around as a whole: a ligature (lam-alef) in
            // right-to-left text maps to its letters in visual order so that they come out as typed.
            let t = if rtl && t.chars().count() > 1 { t.chars().rev().collect() } else { t };
            let p = &positions[k];
            let x = *pen + p.x_offset as f32 * scale;
            let advance = shaper.face.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid as u16)).unwrap_or(0);
            glyphs.push(Glyph {
                gid: gid as u16,
                x,
                dy: p.y_offset as f32 * scale,
                end: x + advance as f32 * scale,
                text: t,
            });
            *pen += p.x_advance as f32 * scale;
        }
        i = j;
    }
    let mut spans = if rtl { Vec::new() } else { word_spans(&clusters) };
    // A font's missing-glyph box is never drawn: characters it lacks were sent to another face
    // or reported before shaping.
    if glyphs.iter().any(|g| g.gid == 0) {
        let mut kept = Vec::with_capacity(glyphs.len());
        let mut map = Vec::with_capacity(glyphs.len());
        for g in glyphs {
            map.push(kept.len());
            if g.gid != 0 {
                kept.push(g);
            }
        }
        map.push(kept.len());
        spans = spans
            .into_iter()
            .map(|(a, b, t)| (map[a], map[b], t))
            .filter(|(a, b, _)| a < b)
            .collect();
        glyphs = kept;
    }
    Run { face, glyphs, spans }
}

/// The words (clusters between spaces) of a left-to-right run that need their text marked: those
/// with a cluster drawn as several glyphs or off the pen (vowel signs, conjuncts, stacked marks).
/// A whole word is marked, not each cluster: text extractors (poppler) see a word's marks, drawn
/// over or before their letters, as overlaps and gaps, and break the word or reorder its letters.
fn word_spans(clusters: &[(usize, usize, &str, bool)]) -> Vec<(usize, usize, String)> {
    let mut spans = Vec::new();
    for word in clusters.split(|c| c.2.chars().all(char::is_whitespace)) {
        if let (Some(first), Some(last)) = (word.first(), word.last()) {
            if word.iter().any(|c| c.3) {
                spans.push((first.0, last.1, word.iter().map(|c| c.2).collect()));
            }
        }
    }
    spans
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
        let mut spans = run.spans.iter().peekable();
        let mut open: Option<usize> = None;
        for n in 0..run.glyphs.len() {
            let g = &run.glyphs[drawing_order(run, n)];
            if open.is_none() {
                if let Some((a, b, text)) = spans.peek() {
                    if *a == n {
                        ops.push(actual_text(text));
                        open = Some(*b);
                        spans.next();
                    }
                }
            }
            // Each glyph is placed absolutely; printpdf merges glyphs on one baseline into a
            // single TJ, which keeps text selection and extraction in one piece.
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(x + g.x), Pt(y + g.dy)),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(vec![Codepoint::with_cid(g.gid, 0.0, g.text.clone())])],
            });
            if open == Some(n + 1) {
                ops.push(Op::EndMarkedContent);
                open = None;
            }
        }
        if open.is_some() {
            ops.push(Op::EndMarkedContent);
        }
    }
    ops.push(Op::EndTextSection);
}

/// Which glyph of `run` is drawn `n`-th. Glyphs go in visual order, except that in a marked span
/// the glyph reaching furthest right is drawn last: poppler takes a span's extent from its first
/// glyph's start to its last glyph's end, and a word ending in a mark set back over its letter
/// would otherwise seem to end early and be followed by a space that is not there. The order
/// glyphs of one colour are painted in does not change the page.
fn drawing_order(run: &Run, n: usize) -> usize {
    let Some((a, b, _)) = run.spans.iter().find(|(a, b, _)| (*a..*b).contains(&n)) else {
        return n;
    };
    let (a, b) = (*a, *b);
    if b - a < 2 {
        return n;
    }
    // The span's first glyph stays first (it gives the start); among the others, the last one
    // reaching furthest right moves to the end.
    // (`max_by` returns the last of equals.)
    let last = (a + 1..b).max_by(|i, j| run.glyphs[*i].end.total_cmp(&run.glyphs[*j].end)).unwrap_or(b - 1);
    if n == b - 1 {
        last
    } else if n >= last {
        n + 1
    } else {
        n
    }
}

/// A marked-content span whose /ActualText is `text` (PDF 32000 14.9.4): readers extract and
/// copy that text for the glyphs inside instead of the glyphs' own mappings.
fn actual_text(text: &str) -> Op {
    let mut data = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        data.extend_from_slice(&unit.to_be_bytes());
    }
    let mut map = BTreeMap::new();
    map.insert("ActualText".to_string(), DictItem::String { data, literal: false });
    Op::BeginMarkedContentWithProperties {
        tag: "Span".to_string(),
        properties: DictItem::Dict { map },
    }
}

/// The Unicode line breaker (UAX #14), with dictionary word boundaries for Thai, Lao, Khmer and
/// Burmese, which are written without spaces between words.
fn breaker() -> &'static LineSegmenterBorrowed<'static> {
    static BREAKER: OnceLock<LineSegmenterBorrowed<'static>> = OnceLock::new();
    BREAKER.get_or_init(|| LineSegmenter::new_dictionary(LineBreakOptions::default()))
}

/// Breaks a paragraph into lines no wider than `max` points, at the places the Unicode rules allow
/// (between words, and between characters in Chinese and Japanese). Hard line breaks are kept;
/// runs of spaces become one; a word longer than a line is split between characters.
pub(crate) fn wrap(text: &str, style: Style, max: f32) -> Vec<String> {
    let text = composed(text);
    let mut lines = Vec::new();
    let space = width(" ", style);
    for hard in text.split('\n') {
        let hard = hard.trim_end_matches('\r');
        let mut line = String::new();
        let mut line_w = 0.0;
        // Whether the line so far ends in a space (kept only if more follows on the line).
        let mut gap = false;
        let breaks: Vec<usize> = breaker()
            .segment_str(hard)
            .filter(|&b| {
                // Between ASCII characters, break only after spaces as this engine always has
                // (not after a hyphen or slash), so English and Welsh lines stay as they were.
                let before = hard[..b].chars().next_back();
                let after = hard[b..].chars().next();
                !matches!((before, after), (Some(x), Some(y)) if x.is_ascii() && x != ' ' && y.is_ascii())
            })
            .collect();
        let mut from = 0;
        for to in breaks {
            if to <= from {
                continue;
            }
            let segment = &hard[from..to];
            from = to;
            let word = segment.trim_end_matches(' ');
            let spaced = word.len() < segment.len();
            if word.trim_start_matches(' ').is_empty() {
                gap = gap || (spaced && !line.is_empty());
                continue;
            }
            let word = if line.is_empty() { word.trim_start_matches(' ') } else { word };
            let w = width(word, style);
            let join = if gap { space } else { 0.0 };
            if line.is_empty() {
                if w <= max {
                    line.push_str(word);
                    line_w = w;
                } else {
                    split_long(word, style, max, &mut lines, &mut line, &mut line_w);
                }
            } else if line_w + join + w <= max {
                if gap {
                    line.push(' ');
                }
                line.push_str(word);
                line_w += join + w;
            } else {
                lines.push(std::mem::take(&mut line));
                if w <= max {
                    line.push_str(word);
                    line_w = w;
                } else {
                    split_long(word, style, max, &mut lines, &mut line, &mut line_w);
                }
            }
            gap = spaced;
        }
        lines.push(line);
    }
    lines
}

fn split_long(word: &str, style: Style, max: f32, lines: &mut Vec<String>, line: &mut String, line_w: &mut f32) {
    let mut piece = String::new();
    for c in word.chars() {
        piece.push(c);
        // Never split a letter from its marks (they would be drawn on nothing).
        if width(&piece, style) > max && piece.chars().count() > 1 && !follows_base(c) {
            piece.pop();
            lines.push(std::mem::take(&mut piece));
            piece.push(c);
        }
    }
    *line_w = width(&piece, style);
    *line = piece;
}
