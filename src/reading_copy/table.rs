//! Tables in a reading copy: a cell's text, and the bordered table with wrapping cells that a
//! document, a slide and a chart's data all print.
//!
//! Not for: the flow around a table (see `document`).

use crate::office::Block;
use crate::pdf::{line_height, wrap, Align, Color, Layout, Style};

/// The text of a cell's blocks, a line each (list items with their marker).
pub(super) fn cell_text(blocks: &[Block]) -> (String, bool) {
    let mut lines = Vec::new();
    let mut bold = true;
    for b in blocks {
        match b {
            Block::Heading { text, .. } => lines.push(text.clone()),
            Block::Paragraph { runs } => {
                bold &= runs.iter().filter(|r| !r.text.trim().is_empty()).all(|r| r.bold);
                lines.push(runs.iter().map(|r| r.text.as_str()).collect::<String>().trim().to_string());
            }
            Block::ListItem { number, runs, .. } => {
                bold = false;
                let marker = number.map(|n| format!("{n}.")).unwrap_or_else(|| "•".into());
                lines.push(format!("{marker} {}", runs.iter().map(|r| r.text.as_str()).collect::<String>().trim()));
            }
            Block::Table { rows } => {
                bold = false;
                for row in rows {
                    let cells: Vec<String> = row.iter().map(|c| cell_text(c).0.replace('\n', " ")).collect();
                    lines.push(cells.join(" | "));
                }
            }
            Block::Chart(c) => {
                bold = false;
                lines.push(c.text_alternative());
            }
            Block::Diagram { nodes } => {
                bold = false;
                lines.extend(nodes.iter().cloned());
            }
            Block::Picture(_) | Block::PageBreak | Block::ObjectNotShown => {}
        }
    }
    let text = lines.join("\n");
    (text.clone(), bold && !text.trim().is_empty())
}

/// A table with a border round every cell; cells wrap, a row never splits across pages (unless it
/// is taller than a page), and columns share the width by how much they hold.
pub(super) fn table(l: &mut Layout, rows: &[Vec<Vec<Block>>], x: f32, width: f32) {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    if cols == 0 {
        return;
    }
    let texts: Vec<Vec<(String, bool)>> = rows.iter().map(|r| r.iter().map(|c| cell_text(c)).collect()).collect();
    // Column weights: the longest words and the amount of text, so short columns stay narrow.
    let mut weights = vec![1.0f32; cols];
    for row in &texts {
        for (i, (t, _)) in row.iter().enumerate() {
            let chars = t.chars().count() as f32;
            weights[i] = weights[i].max(chars.sqrt().min(12.0) + 3.0);
        }
    }
    let total: f32 = weights.iter().sum();
    let widths: Vec<f32> = weights.iter().map(|w| width * w / total).collect();
    let style = Style::new(9.5);
    let lh = line_height(style);
    let pad = 4.0;
    for row in &texts {
        let cells: Vec<(Vec<String>, Style)> = (0..cols)
            .map(|i| {
                let (t, bold) = row.get(i).cloned().unwrap_or_default();
                let st = if bold { style.bold() } else { style };
                (wrap(&t, st, widths[i] - 2.0 * pad), st)
            })
            .collect();
        let lines = cells.iter().map(|(c, _)| c.len()).max().unwrap_or(1).max(1);
        let mut h = lines as f32 * lh + 2.0 * pad;
        if h > l.room() {
            l.page_break();
        }
        // A row taller than a whole page is cut to the page (very rare in a reading copy).
        h = h.min(l.room());
        let top = l.y();
        let mut cx = x;
        for (i, (cell, st)) in cells.iter().enumerate() {
            let mut y = top - pad - st.size;
            for line in cell {
                if y < top - h {
                    break;
                }
                l.line_at(line, *st, cx + pad, widths[i] - 2.0 * pad, y, Align::Start);
                y -= lh;
            }
            cx += widths[i];
        }
        // Borders: top and bottom of the row, and a line left of every cell and right of the last.
        let border = Color(0.55, 0.58, 0.62);
        l.rect(x, top - 0.25, width, 0.5, border);
        l.rect(x, top - h - 0.25, width, 0.5, border);
        let mut bx = x;
        for w in widths.iter().chain(std::iter::once(&0.0)) {
            l.rect(bx - 0.25, top - h, 0.5, h, border);
            bx += w;
        }
        l.set_y(top - h);
    }
}
