//! Drawing a shaped line as PDF glyph-id operations, each run marked with the text it stands for so
//! that the PDF can be searched and copied.

use std::collections::BTreeMap;

use printpdf::{Codepoint, DictItem, Op, PdfFontHandle, Pt, TextItem, TextMatrix};

use super::{Run, Shaped, Style};

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
            // A glyph that stands for no text of its own still needs a ToUnicode mapping (PDF/UA):
            // it is mapped to its character, and outside a marked word an empty /ActualText keeps
            // that character out of what is extracted (the cluster's other glyph carries it).
            let silent = g.text.is_empty() && open.is_none();
            if silent {
                ops.push(actual_text(""));
            }
            let mapped = if g.text.is_empty() { &g.unicode } else { &g.text };
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(vec![Codepoint::with_cid(g.gid, 0.0, mapped.clone())])],
            });
            if silent {
                ops.push(Op::EndMarkedContent);
            }
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
