//! Where the words are on a PDF page: the page's content stream is read for its text operators
//! (font, text matrix, shown strings with their glyph widths), each character code turned into
//! text by the font's `/ToUnicode` map, and a marked `/ActualText` span taken as the text of its
//! glyphs, as the app writes them. Enough to quote the words under a reader's highlight.
//!
//! Not for: a full text extraction (no Type 3 fonts, vertical writing or reading order).

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// A piece of text on the page: its words, left and right ends and baseline, and its size.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    pub size: f32,
}

/// What is needed of one font: how codes are read, what text they stand for, how wide they are.
struct Font {
    two_bytes: bool,
    unicode: HashMap<u32, String>,
    widths: HashMap<u32, f32>,
    default_width: f32,
}

fn num(o: &Object) -> f32 {
    o.as_float().unwrap_or(0.0)
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

/// Code → text from a ToUnicode CMap (`bfchar` and `bfrange` sections).
fn to_unicode(data: &[u8]) -> HashMap<u32, String> {
    let text = String::from_utf8_lossy(data);
    let mut out = HashMap::new();
    let hex = |s: &str| -> Vec<u8> {
        let s: String = s.chars().filter(|c| c.is_ascii_hexdigit()).collect();
        (0..s.len() / 2).filter_map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()).collect()
    };
    let code = |b: &[u8]| b.iter().fold(0u32, |a, x| (a << 8) | *x as u32);
    let utf16 = |b: &[u8]| {
        let units: Vec<u16> = b.chunks(2).map(|c| if c.len() == 2 { u16::from_be_bytes([c[0], c[1]]) } else { c[0] as u16 }).collect();
        String::from_utf16_lossy(&units)
    };
    let tokens: Vec<&str> = text.split(|c: char| c.is_whitespace()).filter(|t| !t.is_empty()).collect();
    let mut i = 0;
    let mut section = "";
    while i < tokens.len() {
        let t = tokens[i];
        if t.ends_with("beginbfchar") || t.ends_with("beginbfrange") {
            section = if t.ends_with("beginbfchar") { "char" } else { "range" };
            i += 1;
            continue;
        }
        if t.starts_with("endbf") {
            section = "";
            i += 1;
            continue;
        }
        match section {
            "char" if i + 1 < tokens.len() && t.starts_with('<') => {
                out.insert(code(&hex(t)), utf16(&hex(tokens[i + 1])));
                i += 2;
            }
            "range" if i + 2 < tokens.len() && t.starts_with('<') => {
                let (lo, hi) = (code(&hex(t)), code(&hex(tokens[i + 1])));
                let dst = tokens[i + 2];
                if dst.starts_with('<') && hi >= lo && hi - lo < 65_536 {
                    let base = hex(dst);
                    let start = code(&base);
                    for (n, c) in (lo..=hi).enumerate() {
                        let v = start + n as u32;
                        let bytes = if base.len() >= 4 { v.to_be_bytes().to_vec() } else { (v as u16).to_be_bytes().to_vec() };
                        out.insert(c, utf16(&bytes[bytes.len() - base.len().max(2)..]));
                    }
                    i += 3;
                } else {
                    // An array of destinations: skip to its end.
                    let mut j = i + 2;
                    let mut n = 0;
                    while j < tokens.len() {
                        let tok = tokens[j].trim_matches(|c| c == '[' || c == ']');
                        if !tok.is_empty() && lo + n <= hi {
                            out.insert(lo + n, utf16(&hex(tok)));
                            n += 1;
                        }
                        if tokens[j].ends_with(']') {
                            break;
                        }
                        j += 1;
                    }
                    i = j + 1;
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn font(doc: &Document, dict: &Dictionary) -> Font {
    let subtype = dict.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
    let two_bytes = subtype == b"Type0";
    let unicode = dict
        .get(b"ToUnicode")
        .ok()
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_stream().ok())
        .and_then(|s| s.decompressed_content().ok().or_else(|| Some(s.content.clone())))
        .map(|d| to_unicode(&d))
        .unwrap_or_default();
    let mut widths = HashMap::new();
    let mut default_width = 500.0;
    if two_bytes {
        let cid = dict
            .get(b"DescendantFonts")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        if let Some(cid) = cid {
            default_width = cid.get(b"DW").map(num).unwrap_or(1000.0);
            if let Some(w) = cid.get(b"W").ok().map(|o| deref(doc, o)).and_then(|o| o.as_array().ok()) {
                let mut i = 0;
                while i < w.len() {
                    let first = num(deref(doc, &w[i])) as u32;
                    match w.get(i + 1).map(|o| deref(doc, o)) {
                        Some(Object::Array(list)) => {
                            for (n, x) in list.iter().enumerate() {
                                widths.insert(first + n as u32, num(deref(doc, x)));
                            }
                            i += 2;
                        }
                        Some(last) => {
                            let last = num(last) as u32;
                            let width = w.get(i + 2).map(|o| num(deref(doc, o))).unwrap_or(default_width);
                            for c in first..=last.min(first + 65_535) {
                                widths.insert(c, width);
                            }
                            i += 3;
                        }
                        None => break,
                    }
                }
            }
        }
    } else if let Some(list) = dict.get(b"Widths").ok().map(|o| deref(doc, o)).and_then(|o| o.as_array().ok()) {
        let first = dict.get(b"FirstChar").map(num).unwrap_or(0.0) as u32;
        for (n, x) in list.iter().enumerate() {
            widths.insert(first + n as u32, num(deref(doc, x)));
        }
    }
    Font { two_bytes, unicode, widths, default_width }
}

type Matrix = [f32; 6];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// A marked-content span with its /ActualText, gathering the extent of its glyphs.
struct Span {
    text: Option<String>,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    any: bool,
}

/// The text pieces of page `page`, in drawing order.
pub(super) fn pieces(doc: &Document, page: ObjectId) -> Vec<Piece> {
    let fonts: HashMap<Vec<u8>, Font> = doc
        .get_page_fonts(page)
        .map(|m| m.into_iter().map(|(name, d)| (name, font(doc, d))).collect())
        .unwrap_or_default();
    let Ok(content) = Content::decode(&doc.get_page_content(page)) else { return Vec::new() };
    let mut out = Vec::new();
    let (mut ctm, mut stack) = (IDENTITY, Vec::new());
    let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
    let (mut font_name, mut size, mut leading, mut char_space, mut word_space, mut scale) = (Vec::new(), 12.0f32, 0.0f32, 0.0f32, 0.0f32, 1.0f32);
    let mut spans: Vec<Span> = Vec::new();
    for op in &content.operations {
        let o = &op.operands;
        let f = |i: usize| o.get(i).map(num).unwrap_or(0.0);
        match op.operator.as_str() {
            "q" => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(IDENTITY),
            "cm" => ctm = mul(&[f(0), f(1), f(2), f(3), f(4), f(5)], &ctm),
            "BT" => {
                tm = IDENTITY;
                tlm = IDENTITY;
            }
            "Tf" => {
                font_name = o.first().and_then(|n| n.as_name().ok()).unwrap_or(b"").to_vec();
                size = f(1);
            }
            "Tc" => char_space = f(0),
            "Tw" => word_space = f(0),
            "Tz" => scale = f(0) / 100.0,
            "TL" => leading = f(0),
            "Td" | "TD" => {
                if op.operator == "TD" {
                    leading = -f(1);
                }
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, f(0), f(1)], &tlm);
                tm = tlm;
            }
            "Tm" => {
                tlm = [f(0), f(1), f(2), f(3), f(4), f(5)];
                tm = tlm;
            }
            "T*" => {
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                tm = tlm;
            }
            "BDC" | "BMC" => {
                let text = o.get(1).and_then(|p| p.as_dict().ok()).and_then(|d| d.get(b"ActualText").ok()).and_then(|t| lopdf::decode_text_string(t).ok());
                spans.push(Span { text, x0: f32::MAX, x1: f32::MIN, y: 0.0, size: 0.0, any: false });
            }
            "EMC" => {
                if let Some(s) = spans.pop() {
                    if let (Some(text), true) = (s.text, s.any) {
                        out.push(Piece { text, x0: s.x0, x1: s.x1, y: s.y, size: s.size });
                    }
                }
            }
            "Tj" | "TJ" | "'" | "\"" => {
                if op.operator != "Tj" && op.operator != "TJ" {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                    tm = tlm;
                }
                let Some(font) = fonts.get(&font_name) else { continue };
                let items: Vec<&Object> = match op.operator.as_str() {
                    "TJ" => o.first().and_then(|a| a.as_array().ok()).map(|a| a.iter().collect()).unwrap_or_default(),
                    "\"" => o.get(2).into_iter().collect(),
                    _ => o.first().into_iter().collect(),
                };
                for item in items {
                    let Ok(bytes) = item.as_str() else {
                        let adjust = num(item);
                        tm = mul(&[1.0, 0.0, 0.0, 1.0, -adjust / 1000.0 * size * scale, 0.0], &tm);
                        continue;
                    };
                    let codes: Vec<u32> = if font.two_bytes {
                        bytes.chunks(2).map(|c| c.iter().fold(0u32, |a, x| (a << 8) | *x as u32)).collect()
                    } else {
                        bytes.iter().map(|b| *b as u32).collect()
                    };
                    for c in codes {
                        let width = font.widths.get(&c).copied().unwrap_or(font.default_width) / 1000.0 * size;
                        let space = if !font.two_bytes && c == 32 { word_space } else { 0.0 };
                        let advance = (width + char_space + space) * scale;
                        let at = mul(&tm, &ctm);
                        let end = mul(&mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], &tm), &ctm);
                        let shown = size * (at[3].abs().max(at[0].abs()));
                        let (x0, x1, y) = (at[4], end[4], at[5]);
                        if let Some(s) = spans.iter_mut().rev().find(|s| s.text.is_some()) {
                            s.x0 = s.x0.min(x0);
                            s.x1 = s.x1.max(x1);
                            s.y = y;
                            s.size = shown;
                            s.any = true;
                        } else {
                            let text = font.unicode.get(&c).cloned().unwrap_or_else(|| {
                                if font.two_bytes { String::new() } else { char::from_u32(c).map(String::from).unwrap_or_default() }
                            });
                            if !text.is_empty() {
                                out.push(Piece { text, x0, x1, y, size: shown });
                            }
                        }
                        tm = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], &tm);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The words under the quadrilaterals `quads` (8 numbers each, as /QuadPoints holds them), in
/// reading order within each, the quads one after another.
pub(super) fn under(pieces: &[Piece], quads: &[f32]) -> String {
    let mut out: Vec<String> = Vec::new();
    for q in quads.chunks(8).filter(|q| q.len() == 8) {
        let xs = [q[0], q[2], q[4], q[6]];
        let ys = [q[1], q[3], q[5], q[7]];
        let (x0, x1) = (xs.iter().copied().fold(f32::MAX, f32::min), xs.iter().copied().fold(f32::MIN, f32::max));
        let (y0, y1) = (ys.iter().copied().fold(f32::MAX, f32::min), ys.iter().copied().fold(f32::MIN, f32::max));
        let mut inside: Vec<&Piece> = pieces
            .iter()
            .filter(|p| {
                let mid_x = (p.x0 + p.x1) / 2.0;
                let mid_y = p.y + p.size * 0.3;
                mid_x >= x0 && mid_x <= x1 && mid_y >= y0 && mid_y <= y1
            })
            .collect();
        inside.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut line = String::new();
        let mut last_end: Option<f32> = None;
        for p in inside {
            if let Some(end) = last_end {
                if p.x0 - end > p.size * 0.2 && !line.ends_with(' ') && !p.text.starts_with(' ') {
                    line.push(' ');
                }
            }
            line.push_str(&p.text);
            last_end = Some(p.x1);
        }
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !line.is_empty() {
            out.push(line);
        }
    }
    out.join(" ")
}
