//! Blocks built on the cursor: label/value fields, quotes with their attribution, and tables that
//! break between rows and repeat their header on each page.

use super::{hline, line_height, Align, Column, Layout, MARGIN_BOTTOM, MARGIN_X, PAGE_H, PAGE_W};
use crate::pdf::text::{self, Style};
use crate::pdf::Color;

impl Layout {
    /// Label/value pairs in two columns, values wrapped.
    pub fn fields(&mut self, rows: &[(&str, String)], style: Style) {
        let label_w = 150.0;
        let value_w = self.text_width() - label_w;
        let lh = line_height(style);
        for (label, value) in rows {
            let value = if value.trim().is_empty() {
                "—".to_string()
            } else {
                value.clone()
            };
            let lines = text::wrap(&value, style, value_w);
            self.ensure(lh * lines.len().min(3) as f32 + 4.0);
            self.y -= style.size;
            let y = self.y;
            self.line_at(
                label,
                style.bold().color(Color::MUTED),
                MARGIN_X,
                label_w,
                y,
                Align::Start,
            );
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    self.ensure(lh);
                    self.y -= style.size;
                }
                let y = self.y;
                self.line_at(line, style, MARGIN_X + label_w, value_w, y, Align::Start);
                self.y -= lh - style.size;
            }
            self.y -= 3.0;
        }
    }

    /// A quotation: the words in a larger size beside an accent bar, then who said them.
    pub fn quote(&mut self, words: &str, attribution: &str, style: Style) {
        let indent = 18.0;
        let width = self.text_width() - indent;
        let lh = line_height(style);
        let lines = text::wrap(&format!("“{}”", words.trim()), style, width);
        let att_style = Style::new(style.size - 2.0).color(Color::MUTED);
        let att_lines = if attribution.trim().is_empty() {
            Vec::new()
        } else {
            text::wrap(&format!("— {}", attribution.trim()), att_style, width)
        };
        let total = lh * lines.len() as f32 + line_height(att_style) * att_lines.len() as f32;
        if total < PAGE_H / 2.0 {
            self.ensure(total + 4.0);
        }
        let top = self.y;
        for line in &lines {
            self.ensure(lh);
            self.y -= style.size;
            let y = self.y;
            self.line_at(line, style, MARGIN_X + indent, width, y, Align::Start);
            self.y -= lh - style.size;
        }
        for line in &att_lines {
            self.ensure(line_height(att_style));
            self.y -= att_style.size;
            let y = self.y;
            self.line_at(line, att_style, MARGIN_X + indent, width, y, Align::Start);
            self.y -= line_height(att_style) - att_style.size;
        }
        // The bar is drawn only when the quote stayed on one page (short quotes always do).
        if self.y < top {
            let y = self.y;
            self.rect(MARGIN_X + 2.0, y + 2.0, 3.0, top - y - 4.0, Color::ACCENT_LIGHT);
        }
    }

    /// A table: header row on a shaded band, rows separated by hairlines, cells wrapped; a row never
    /// splits across pages and the header repeats after a page break.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>], style: Style) {
        let total: f32 = columns.iter().map(|c| c.weight).sum::<f32>().max(0.001);
        let widths: Vec<f32> = columns.iter().map(|c| self.text_width() * c.weight / total).collect();
        let pad = 4.0;
        let lh = line_height(style);
        let header_style = style.bold();
        let header: Vec<String> = columns.iter().map(|c| c.header.clone()).collect();
        let wrap_row = |row: &[String], st: Style| -> Vec<Vec<String>> {
            row.iter()
                .zip(&widths)
                .map(|(cell, w)| text::wrap(cell, st, w - 2.0 * pad))
                .collect()
        };
        let header_cells = wrap_row(&header, header_style);
        let header_h = header_cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad;
        let draw_header = |layout: &mut Layout| {
            let y = layout.y;
            layout.rect(MARGIN_X, y - header_h, layout.text_width(), header_h, Color::SHADE);
            layout.draw_cells(&header_cells, &widths, header_style, pad);
            layout.y -= header_h;
        };
        let first_row_h = rows
            .first()
            .map(|r| row_height(&wrap_row(r, style), lh, pad))
            .unwrap_or(0.0);
        self.ensure(header_h + first_row_h);
        draw_header(self);
        for row in rows {
            let cells = wrap_row(row, style);
            let h = row_height(&cells, lh, pad);
            if self.y - h < MARGIN_BOTTOM {
                self.page_break();
                draw_header(self);
            }
            self.draw_cells(&cells, &widths, style, pad);
            self.y -= h;
            let y = self.y;
            let x2 = PAGE_W - MARGIN_X;
            hline(self.ops(), MARGIN_X, x2, y, Color::RULE, 0.5);
        }
    }

    fn draw_cells(&mut self, cells: &[Vec<String>], widths: &[f32], style: Style, pad: f32) {
        let lh = line_height(style);
        let mut x = MARGIN_X;
        for (lines, w) in cells.iter().zip(widths) {
            let mut y = self.y - pad - style.size;
            for line in lines {
                self.line_at(line, style, x + pad, w - 2.0 * pad, y, Align::Start);
                y -= lh;
            }
            x += w;
        }
    }
}

fn row_height(cells: &[Vec<String>], lh: f32, pad: f32) -> f32 {
    cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * lh + 2.0 * pad
}
