//! Paragraphs of mixed styles: bold and italic words, web links, exhibit references, broken into
//! lines by the same Unicode rules as plain paragraphs and drawn piece by piece, with the first
//! line's place returned so that a list can put its mark beside it.
//!
//! Not for: what an account's blocks are (see `richtext`) or how lists are indented (the portfolio's
//! pages decide).

use std::ops::Range;

use unicode_bidi::ParagraphBidiInfo;

use super::{line_height, Align, Layout, Place};
use crate::pdf::tags::{Role, Tag};
use crate::pdf::text::{self, Style};

/// A run of text in one style, possibly opening a web address.
#[derive(Debug, Clone)]
pub struct Piece {
    pub text: String,
    pub style: Style,
    /// An http, https or mailto address the piece opens when clicked.
    pub uri: Option<String>,
}

/// One line of a rich paragraph: ranges of the paragraph's text, with the piece each is in.
type RichLine = Vec<(Range<usize>, usize)>;

/// The paragraph's text and, per byte range, the piece it came from.
struct Joined {
    text: String,
    /// Start offset of each piece in `text`.
    starts: Vec<usize>,
}

impl Joined {
    fn new(pieces: &[Piece]) -> Joined {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(pieces.len());
        for p in pieces {
            starts.push(text.len());
            text.push_str(&text::composed(&p.text));
        }
        Joined { text, starts }
    }

    fn piece_at(&self, at: usize) -> usize {
        self.starts.iter().rposition(|s| *s <= at).unwrap_or(0)
    }

    /// `range` cut where pieces change, each part with its piece.
    fn parts(&self, range: Range<usize>) -> RichLine {
        let mut out = Vec::new();
        let mut from = range.start;
        while from < range.end {
            let p = self.piece_at(from);
            let end = self.starts.get(p + 1).copied().unwrap_or(self.text.len()).min(range.end);
            // Empty pieces (start equal to the next one) are skipped by `piece_at`'s last match.
            if end > from {
                out.push((from..end, p));
            }
            from = end.max(from + 1);
            while !self.text.is_char_boundary(from) && from < range.end {
                from += 1;
            }
        }
        out
    }

    fn width(&self, range: Range<usize>, pieces: &[Piece]) -> f32 {
        self.parts(range).into_iter().map(|(r, p)| text::width(&self.text[r], pieces[p].style)).sum()
    }
}

/// Breaks `pieces` into lines no wider than `max` points (hard line breaks kept, as in `text::wrap`).
fn wrap(joined: &Joined, pieces: &[Piece], max: f32) -> Vec<RichLine> {
    let text = &joined.text;
    let mut lines = Vec::new();
    let mut hard_start = 0;
    for hard in text.split('\n') {
        let base = hard_start;
        hard_start += hard.len() + 1;
        let mut line: Option<Range<usize>> = None;
        let mut from = 0;
        let mut words: Vec<Range<usize>> = Vec::new();
        for to in text::breaks(hard) {
            if to > from {
                words.push(base + from..base + to);
                from = to;
            }
        }
        if from < hard.len() {
            words.push(base + from..base + hard.len());
        }
        for word in words {
            let trimmed = text[word.clone()].trim_end_matches([' ', '\r']);
            let core = word.start..word.start + trimmed.len();
            if trimmed.trim_start_matches(' ').is_empty() {
                continue;
            }
            match line.clone() {
                None => {
                    let lead = trimmed.len() - trimmed.trim_start_matches(' ').len();
                    let core = core.start + lead..core.end;
                    line = Some(place_first(joined, pieces, core, max, &mut lines));
                }
                Some(current) => {
                    // The spaces between the line so far and this word, measured in their own style.
                    let with = current.start..core.end;
                    let w = joined.width(with.clone(), pieces);
                    if w <= max {
                        line = Some(with);
                    } else {
                        lines.push(joined.parts(current));
                        line = Some(place_first(joined, pieces, core, max, &mut lines));
                    }
                }
            }
        }
        lines.push(line.map(|r| joined.parts(r)).unwrap_or_default());
    }
    lines
}

/// Starts a line with `word`, splitting it between characters when it is wider than a line.
fn place_first(joined: &Joined, pieces: &[Piece], word: Range<usize>, max: f32, lines: &mut Vec<RichLine>) -> Range<usize> {
    if joined.width(word.clone(), pieces) <= max {
        return word;
    }
    let mut start = word.start;
    let mut end = start;
    for (i, c) in joined.text[word.clone()].char_indices() {
        let next = word.start + i + c.len_utf8();
        if end > start && joined.width(start..next, pieces) > max {
            lines.push(joined.parts(start..end));
            start = end;
        }
        end = next;
    }
    start..end
}

impl Layout {
    /// A paragraph of mixed styles between `x` and `x + width`, from the cursor down; words that
    /// `target` recognises (exhibit numbers) link to the anchor it names, pieces with an address
    /// open it (underlined). Returns where its first line's baseline went (for a list's mark), or
    /// `None` when there was nothing to draw. `base` sets the line height.
    pub fn rich_paragraph(&mut self, pieces: &[Piece], base: Style, x: f32, width: f32, target: &dyn Fn(&str) -> Option<String>) -> Option<(Place, bool)> {
        self.rich_paragraph_as(Role::P, pieces, base, x, width, target)
    }

    /// [`Layout::rich_paragraph`] tagged as `role` (a sub-heading's level) where the current
    /// element only groups others.
    pub fn rich_paragraph_as(&mut self, role: Role, pieces: &[Piece], base: Style, x: f32, width: f32, target: &dyn Fn(&str) -> Option<String>) -> Option<(Place, bool)> {
        if Joined::new(pieces).text.trim().is_empty() {
            return None;
        }
        self.block(role, |l| l.rich_lines(pieces, base, x, width, target))
    }

    fn rich_lines(&mut self, pieces: &[Piece], base: Style, x: f32, width: f32, target: &dyn Fn(&str) -> Option<String>) -> Option<(Place, bool)> {
        let joined = Joined::new(pieces);
        if joined.text.trim().is_empty() {
            return None;
        }
        let first_line = joined.text.split('\n').next().unwrap_or("");
        let rtl = ParagraphBidiInfo::new(first_line, None).paragraph_level.is_rtl();
        let lh = line_height(base);
        let mut first = None;
        for line in wrap(&joined, pieces, width) {
            self.ensure(lh);
            self.y -= base.size;
            let y = self.y;
            first.get_or_insert((Place { page: self.page_index(), y }, rtl));
            let widths: Vec<f32> = line.iter().map(|(r, p)| text::width(&joined.text[r.clone()], pieces[*p].style)).collect();
            // Right-to-left paragraphs are set flush right, their pieces placed from the right.
            let mut pen = if rtl { x + width } else { x };
            for ((range, p), w) in line.iter().zip(&widths) {
                let piece = &pieces[*p];
                let words = &joined.text[range.clone()];
                let at = if rtl { pen - w } else { pen };
                if let Some(uri) = &piece.uri {
                    // The link's words and its annotation go in one Link element.
                    let alt = format!("{} ({uri})", piece.text.trim());
                    self.tag(Tag::link(alt), |l| {
                        l.line_at(words, piece.style, at, *w, y, Align::Start);
                        let page = l.page_index();
                        let lead = words.len() - words.trim_start().len();
                        let x1 = at + text::width(&words[..lead], piece.style);
                        let x2 = at + text::width(words.trim_end(), piece.style);
                        l.hline_on(page, x1, x2, y - piece.style.size * 0.15, piece.style.color, 0.6);
                        l.uri_link([x1, y - piece.style.size * 0.25, x2, y + piece.style.size * 0.85], uri);
                    });
                } else {
                    self.line_at(words, piece.style, at, *w, y, Align::Start);
                }
                if !rtl && !text::shape(words, piece.style).rtl {
                    self.link_words(words, piece.style, at, y, target);
                }
                pen = if rtl { pen - w } else { pen + w };
            }
            self.y -= lh - base.size;
        }
        first
    }

    /// Links the words of a left-to-right piece drawn at (`x`, `y`) that `target` recognises.
    fn link_words(&mut self, words: &str, style: Style, x: f32, y: f32, target: &dyn Fn(&str) -> Option<String>) {
        let mut offset = 0;
        for word in words.split(' ') {
            let token = word.trim_matches(|c: char| !c.is_alphanumeric());
            if let Some(anchor) = (!token.is_empty()).then(|| target(token)).flatten() {
                let start = offset + word.find(token).unwrap_or(0);
                let x1 = x + text::width(&words[..start], style);
                let x2 = x1 + text::width(token, style);
                let page = self.page_index();
                self.link_described(page, [x1, y - style.size * 0.25, x2, y + style.size * 0.85], &anchor, token);
            }
            offset += word.len() + 1;
        }
    }
}
