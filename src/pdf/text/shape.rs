//! Shaping: a line split into bidi runs and into pieces each drawn with a face that has their
//! letters, shaped with rustybuzz and put in visual order, with the words whose text must travel
//! whole for search and copy.
//!
//! Speed (a pasted two-million-character address is broken into 23,000 lines and drawn): `width`
//! measures without building glyphs, a line drawn and then asked about again is shaped once (the
//! last few shaped lines are kept), and rustybuzz's shaping plan is made once per face, direction
//! and script rather than once per piece. None of this changes a glyph or a position.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

use rustybuzz::{Direction, Script, ShapePlan, UnicodeBuffer};
use unicode_bidi::ParagraphBidiInfo;
use unicode_normalization::UnicodeNormalization;

use crate::pdf::font::{self, Face, Han};
use super::{Glyph, Run, Shaped, Style};

/// The text in Unicode's composed form (NFC), as search and copy give it back.
pub(crate) fn composed(text: &str) -> Cow<'_, str> {
    if unicode_normalization::is_nfc(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// How many recently shaped lines are kept for reuse. A line is typically shaped to be drawn and
/// then asked again at once (its direction for links, its width for alignment); a handful covers
/// that without holding a long paragraph's glyphs.
const REMEMBERED: usize = 8;

thread_local! {
    /// The lines shaped last on this thread, newest last, with the style they were shaped in.
    static RECENT: RefCell<VecDeque<(String, Style, Rc<Shaped>)>> = const { RefCell::new(VecDeque::new()) };
}

/// Shapes one line of text (no line breaks inside) for display. A line shaped again in the same
/// style soon after (drawn, then asked for its direction) is not shaped twice.
pub(crate) fn shape(text: &str, style: Style) -> Rc<Shaped> {
    let hit = RECENT.with(|r| r.borrow().iter().rev().find(|(t, s, _)| *s == style && t == text).map(|(_, _, sh)| sh.clone()));
    if let Some(hit) = hit {
        return hit;
    }
    let shaped = Rc::new(shape_now(text, style));
    RECENT.with(|r| {
        let mut r = r.borrow_mut();
        if r.len() == REMEMBERED {
            r.pop_front();
        }
        r.push_back((text.to_string(), style, shaped.clone()));
    });
    shaped
}

/// The line's pieces in visual order, each with the face that draws it and whether it runs right
/// to left, the paragraph's direction, and the characters no face has (what `shape` and `width`
/// both start from).
fn pieces<'t>(text: &'t str, style: Style, missing: &mut Vec<char>) -> (Vec<(Face, &'t str, bool)>, bool) {
    let bidi = ParagraphBidiInfo::new(text, None);
    let rtl = bidi.paragraph_level.is_rtl();
    let (levels, runs) = bidi.visual_runs(0..text.len());
    let han = Han::of(text);
    let mut out = Vec::new();
    for range in runs {
        let run_rtl = levels[range.start].is_rtl();
        let mut pieces = split_by_face(&text[range.clone()], style, han, missing);
        // Pieces are in logical order; a right-to-left run shows them last first.
        if run_rtl {
            pieces.reverse();
        }
        out.extend(pieces.into_iter().map(|(face, piece)| (face, piece, run_rtl)));
    }
    (out, rtl)
}

fn shape_now(text: &str, style: Style) -> Shaped {
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
    let mut missing = Vec::new();
    let (pieces, rtl) = pieces(text, style, &mut missing);
    let mut pen = 0.0f32;
    let out = pieces.into_iter().map(|(face, piece, run_rtl)| shape_piece(piece, face, run_rtl, style.size, &mut pen)).collect();
    missing.sort_unstable();
    missing.dedup();
    Shaped {
        runs: out,
        width: pen,
        rtl,
        missing,
    }
}

/// Width of `text` in points, as drawn. The same shaping as `shape`, adding up the advances in the
/// same order (so the same figure to the last bit) without making the glyphs: breaking a line
/// measures many pieces that are never drawn.
pub(crate) fn width(text: &str, style: Style) -> f32 {
    let hit = RECENT.with(|r| r.borrow().iter().rev().find(|(t, s, _)| *s == style && t == text).map(|(_, _, sh)| sh.width));
    if let Some(w) = hit {
        return w;
    }
    let text = composed(text.trim_end_matches(['\n', '\r']));
    if text.is_empty() {
        return 0.0;
    }
    let (pieces, _) = pieces(&text, style, &mut Vec::new());
    let mut pen = 0.0f32;
    for (face, piece, rtl) in pieces {
        let shaper = font::shaper(face);
        let scale = style.size / shaper.upem;
        for p in buzz(piece, face, rtl).glyph_positions() {
            pen += p.x_advance as f32 * scale;
        }
    }
    pen
}

/// rustybuzz's shaping of one piece in one face and direction.
fn buzz(piece: &str, face: Face, rtl: bool) -> rustybuzz::GlyphBuffer {
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(piece);
    buffer.set_direction(if rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    });
    buffer.guess_segment_properties();
    let shaper = font::shaper(face);
    // What `rustybuzz::shape` would do, with the plan (slow to make: it compiles the font's
    // feature lookups) made once per face, direction and script instead of once per piece.
    let script = Some(buffer.script()).filter(|s| *s != rustybuzz::script::UNKNOWN);
    let key = (face, buffer.direction(), script);
    let plan = PLANS.with(|p| {
        p.borrow_mut()
            .entry(key)
            .or_insert_with(|| Rc::new(ShapePlan::new(&shaper.face, key.1, key.2, buffer.language().as_ref(), &[])))
            .clone()
    });
    rustybuzz::shape_with_plan(&shaper.face, &plan, buffer)
}

thread_local! {
    /// Shaping plans by face, direction and script (no language is ever set, as before).
    static PLANS: RefCell<HashMap<(Face, Direction, Option<Script>), Rc<ShapePlan>>> = RefCell::new(HashMap::new());
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
pub(super) fn follows_base(c: char) -> bool {
    use unicode_script::{Script, UnicodeScript};
    // No ASCII character is a mark: skip the script table for them (asked once per character).
    if c.is_ascii() {
        return c.is_whitespace();
    }
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
    let shaped = buzz(piece, face, rtl);
    let scale = size / shaper.upem;
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();

    // Cluster boundaries: each cluster's text runs to the next cluster start in logical order.
    let mut starts: Vec<usize> = infos.iter().map(|g| g.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    // A binary search, not a scan: a scan per cluster made one long unbroken word quadratic.
    let cluster_text = |c: usize| -> &str {
        let end = starts.get(starts.partition_point(|s| *s <= c)).copied().unwrap_or(piece.len());
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
            let unicode = if t.is_empty() {
                match chars.iter().find(|c| shaper.face.glyph_index(**c).map(|g| g.0 as u32) == Some(gid)) {
                    Some(c) => c.to_string(),
                    None => text.to_string(),
                }
            } else {
                String::new()
            };
            let p = &positions[k];
            let x = *pen + p.x_offset as f32 * scale;
            let advance = shaper.face.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid as u16)).unwrap_or(0);
            glyphs.push(Glyph {
                gid: gid as u16,
                x,
                dy: p.y_offset as f32 * scale,
                end: x + advance as f32 * scale,
                text: t,
                unicode,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Latin with kerning pairs, Welsh, Arabic, Hindi (a vowel sign before its consonant), mixed
    /// directions, Chinese, a mark on a Latin letter, and an address.
    const LINES: &[&str] = &[
        "AVATAR Ty Wy To. “Yes,” she said",
        "Croeso i’r ysgol — ŵyr ŷd",
        "مرحبا بكم في المدرسة",
        "सभी का स्वागत है",
        "Welcome مرحبا 2026 שלום end",
        "欢迎来到学校",
        "e\u{301}cole",
        "https://example.org/refugee-week-2026/welcome?id=a1b2c3d4&lang=cy/",
    ];

    #[test]
    fn width_measures_exactly_what_shape_draws() {
        for style in [Style::new(10.0), Style::new(13.5).bold(), Style::new(9.0).italic()] {
            for line in LINES {
                let shaped = shape_now(line, style);
                let drawn = shaped.width;
                // A computer without a font for a script (Wine has no Devanagari or Chinese)
                // leaves those letters out; the rest must still measure the same.
                assert!(drawn > 0.0 || !shaped.missing.is_empty(), "{line}");
                // Bit for bit: wrapping decides on these figures and the PDF places by the others.
                assert_eq!(width(line, style).to_bits(), drawn.to_bits(), "{line} at {style:?}");
            }
        }
    }

    #[test]
    fn a_line_shaped_again_in_the_same_style_is_not_shaped_twice() {
        let style = Style::new(10.0);
        let first = shape("Croeso i bawb", style);
        assert!(Rc::ptr_eq(&first, &shape("Croeso i bawb", style)));
        // Another style or another text is shaped afresh.
        assert!(!Rc::ptr_eq(&first, &shape("Croeso i bawb", style.bold())));
        assert!(!Rc::ptr_eq(&first, &shape("Croeso i bawd", style)));
        // Only the last few are kept.
        for i in 0..=REMEMBERED {
            shape(&format!("line {i}"), style);
        }
        assert!(!Rc::ptr_eq(&first, &shape("Croeso i bawb", style)));
    }
}
