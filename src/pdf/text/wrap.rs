//! Line breaking by the Unicode rules (ICU4X, with dictionaries for Thai and Burmese), splitting a
//! word wider than the line where it must.

use std::sync::OnceLock;

use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::{LineSegmenter, LineSegmenterBorrowed};

use super::Style;
use super::shape::{composed, follows_base, width};

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
        let breaks = breaks(hard);
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

/// Where a line (no hard breaks inside) may be broken, as byte offsets, by the Unicode rules.
pub(crate) fn breaks(hard: &str) -> Vec<usize> {
    breaker()
        .segment_str(hard)
        .filter(|&b| {
            // Between ASCII characters, break only after spaces as this engine always has
            // (not after a hyphen or slash), so English and Welsh lines stay as they were.
            let before = hard[..b].chars().next_back();
            let after = hard[b..].chars().next();
            !matches!((before, after), (Some(x), Some(y)) if x.is_ascii() && x != ' ' && y.is_ascii())
        })
        .collect()
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
