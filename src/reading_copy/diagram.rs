//! Diagrams (SmartArt) in a copy: their texts in reading order as boxes, up to four to a row,
//! joined by small arrows, rows breaking between pages like lines of text.
//!
//! Not for: the diagram's own layout (cycles, hierarchies): a reader gets the words in order.

use crate::pdf::{line_height, wrap, Align, Color, Layout, Style};

/// Most boxes in a row.
const PER_ROW: usize = 4;

/// Draws the nodes of a diagram at the cursor.
pub(super) fn diagram(l: &mut Layout, nodes: &[String], x: f32, width: f32) {
    if nodes.is_empty() {
        return;
    }
    let st = Style::new(9.0);
    let lh = line_height(st);
    let pad = 5.0;
    let gap = 14.0;
    let per = nodes.len().min(PER_ROW);
    let box_w = (width - gap * (per as f32 - 1.0)) / per as f32;
    let fill = Color(0.88, 0.94, 0.94);
    for (r, row) in nodes.chunks(per).enumerate() {
        let texts: Vec<Vec<String>> = row
            .iter()
            .map(|t| t.lines().flat_map(|line| wrap(line, st, box_w - 2.0 * pad)).collect())
            .collect();
        let lines = texts.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let h = (lines as f32 * lh + 2.0 * pad).min(l.page_area() * 0.5);
        if r > 0 {
            l.gap(6.0);
        }
        l.ensure(h + 2.0);
        let top = l.y();
        for (i, text) in texts.iter().enumerate() {
            let bx = x + i as f32 * (box_w + gap);
            l.rect(bx, top - h, box_w, h, fill);
            l.rect(bx, top - h, 2.0, h, Color::ACCENT);
            let mut y = top - pad - st.size;
            for line in text {
                if y < top - h {
                    break;
                }
                l.line_at(line, st, bx + pad + 1.0, box_w - 2.0 * pad, y, Align::Start);
                y -= lh;
            }
            // An arrow to the next box in the row.
            if i + 1 < texts.len() {
                let (ax, ay) = (bx + box_w + 3.0, top - h / 2.0);
                l.polygon(&[(ax, ay + 4.0), (ax + gap - 6.0, ay), (ax, ay - 4.0)], Color::ACCENT);
            }
        }
        l.set_y(top - h);
    }
}
