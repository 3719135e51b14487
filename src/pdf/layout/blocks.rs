//! Blocks built on the cursor: label/value fields, quotes with their attribution, and tables that
//! break between rows and repeat their header on each page.

use super::{line_height, Align, Column, Layout, MARGIN_BOTTOM, MARGIN_X, PAGE_H, PAGE_W};
use crate::pdf::tags::{Role, Scope, Tag};
use crate::pdf::text::{self, Style};
use crate::pdf::Color;

impl Layout {
    /// Label/value pairs in two columns, values wrapped.
    /// They are tagged as a table whose label cells head their rows.
    pub fn fields(&mut self, rows: &[(&str, String)], style: Style) {
        self.tag(Role::Table, |l| l.field_rows(rows, style));
    }

    fn field_rows(&mut self, rows: &[(&str, String)], style: Style) {
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
            let row = self.reserve(Role::TR);
            self.fill(row, |l| {
                l.tag(Role::TH(Scope::Row), |l| {
                    l.line_at(label, style.bold().color(Color::MUTED), MARGIN_X, label_w, y, Align::Start)
                });
                l.tag(Role::TD, |l| {
                    for (i, line) in lines.iter().enumerate() {
                        if i > 0 {
                            l.ensure(lh);
                            l.y -= style.size;
                        }
                        let y = l.y;
                        l.line_at(line, style, MARGIN_X + label_w, value_w, y, Align::Start);
                        l.y -= lh - style.size;
                    }
                });
            });
            self.y -= 3.0;
        }
    }

    /// A quotation: the words in a larger size beside an accent bar, then who said them.
    /// Tagged as a block quotation; `lang` is the words' language when it is not the document's.
    pub fn quote(&mut self, words: &str, attribution: &str, style: Style, lang: Option<String>) {
        self.tag(Role::BlockQuote, |l| l.quote_lines(words, attribution, style, lang));
    }

    fn quote_lines(&mut self, words: &str, attribution: &str, style: Style, lang: Option<String>) {
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
        self.tag(Tag::from(Role::P).lang(lang), |l| {
            for line in &lines {
                l.ensure(lh);
                l.y -= style.size;
                let y = l.y;
                l.line_at(line, style, MARGIN_X + indent, width, y, Align::Start);
                l.y -= lh - style.size;
            }
        });
        if !att_lines.is_empty() {
            self.tag(Role::P, |l| {
                for line in &att_lines {
                    l.ensure(line_height(att_style));
                    l.y -= att_style.size;
                    let y = l.y;
                    l.line_at(line, att_style, MARGIN_X + indent, width, y, Align::Start);
                    l.y -= line_height(att_style) - att_style.size;
                }
            });
        }
        // The bar is drawn only when the quote stayed on one page (short quotes always do).
        if self.y < top {
            let y = self.y;
            self.rect(MARGIN_X + 2.0, y + 2.0, 3.0, top - y - 4.0, Color::ACCENT_LIGHT);
        }
    }

    /// A table: header row on a shaded band, rows separated by hairlines, cells wrapped; a row never
    /// splits across pages and the header repeats after a page break.
    /// Tagged as a table with column header cells; a repeated header is an artifact.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>], style: Style) {
        self.tag(Role::Table, |l| l.table_rows(columns, rows, style));
    }

    fn table_rows(&mut self, columns: &[Column], rows: &[Vec<String>], style: Style) {
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
            layout.tag(Role::TR, |l| l.draw_cells(&header_cells, &widths, header_style, pad, Role::TH(Scope::Column)));
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
                self.artifact(|l| draw_header(l));
            }
            self.tag(Role::TR, |l| l.draw_cells(&cells, &widths, style, pad, Role::TD));
            self.y -= h;
            let y = self.y;
            let x2 = PAGE_W - MARGIN_X;
            let page = self.page_index();
            self.hline_on(page, MARGIN_X, x2, y, Color::RULE, 0.5);
        }
    }

    fn draw_cells(&mut self, cells: &[Vec<String>], widths: &[f32], style: Style, pad: f32, role: Role) {
        let lh = line_height(style);
        let mut x = MARGIN_X;
        for (lines, w) in cells.iter().zip(widths) {
            let mut y = self.y - pad - style.size;
            self.tag(role, |l| {
                for line in lines {
                    l.line_at(line, style, x + pad, w - 2.0 * pad, y, Align::Start);
                    y -= lh;
                }
            });
            x += w;
        }
    }
}

fn row_height(cells: &[Vec<String>], lh: f32, pad: f32) -> f32 {
    cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * lh + 2.0 * pad
}
