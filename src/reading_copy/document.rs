//! A document's flow: headings (also bookmarks), paragraphs with bold and italic runs, lists,
//! bordered tables with wrapping cells, pictures, charts, diagrams, notes for embedded objects that
//! cannot be shown, and page breaks.

use super::chart::chart;
use super::diagram::diagram;
use super::picture::{note, picture};
use super::{Outliner, Pic, BODY, CHART_H, LIST_INDENT, PICTURE_MAX_H};
use crate::i18n::Lang;
use crate::office::{Block, Run};
use crate::pdf::{line_height, text_width, wrap, Align, Color, Layout, Style, MARGIN_X};

fn heading_style(level: u8) -> Style {
    match level {
        1 => Style::new(16.0).bold().color(Color::ACCENT),
        2 => Style::new(13.0).bold().color(Color::ACCENT),
        3 => Style::new(11.5).bold(),
        _ => Style::new(BODY).bold(),
    }
}

fn styled(base: Style, run: &Run) -> Style {
    let mut s = base;
    if run.bold {
        s = s.bold();
    }
    if run.italic {
        s = s.italic();
    }
    s
}

pub(super) fn flow(l: &mut Layout, blocks: &[Block], pictures: &mut impl Iterator<Item = Pic>, marks: &mut Outliner, lang: Lang) {
    let x = MARGIN_X;
    let width = l.text_width();
    let mut fresh = true;
    // A page break is made only when something follows it, so a trailing one adds no blank page.
    let mut pending_break = false;
    for b in blocks {
        if matches!(b, Block::PageBreak) {
            pending_break |= !fresh;
            continue;
        }
        if std::mem::take(&mut pending_break) {
            l.page_break();
            fresh = true;
        }
        match b {
            Block::Heading { level, text } => {
                let style = heading_style(*level);
                if !fresh {
                    l.gap(match level { 1 => 12.0, 2 => 9.0, _ => 6.0 });
                }
                let anchor = marks.anchor();
                l.heading((2 + *level).min(6), text, style, 3.0 * line_height(Style::new(BODY)), Some(&anchor));
                marks.add(*level, text, anchor);
                l.gap(3.0);
            }
            Block::Paragraph { runs } => {
                rich(l, runs, Style::new(BODY), x, width);
                l.gap(5.0);
            }
            Block::ListItem { level, number, runs } => {
                list_item(l, *level, *number, runs, x, width);
            }
            Block::Table { rows } => {
                l.gap(2.0);
                table(l, rows, x, width);
                l.gap(8.0);
            }
            Block::Picture(p) => {
                let pic = pictures.next().unwrap_or(Pic::NotShown);
                picture(l, pic, p.width, p.height, x, width, PICTURE_MAX_H, lang);
                l.gap(6.0);
            }
            Block::Chart(c) => {
                l.gap(4.0);
                chart(l, c, x, width, CHART_H, lang);
                l.gap(8.0);
            }
            Block::Diagram { nodes } => {
                l.gap(4.0);
                diagram(l, nodes, x, width);
                l.gap(8.0);
            }
            Block::ObjectNotShown => {
                note(l, x, width, lang.t("copy.object_not_shown"));
                l.gap(6.0);
            }
            Block::PageBreak => {}
        }
        fresh = false;
    }
}

pub(super) fn list_item(l: &mut Layout, level: u8, number: Option<u32>, runs: &[Run], x: f32, width: f32) {
    let indent = LIST_INDENT * (level as f32 + 1.0);
    let style = Style::new(BODY);
    let marker = match number {
        Some(n) => format!("{n}."),
        None => if level % 2 == 0 { "•" } else { "◦" }.to_string(),
    };
    let lh = line_height(style);
    l.ensure(lh);
    // The marker sits on the first line's baseline, right-aligned just before the text.
    let y = l.y() - style.size;
    l.line_at(&marker, style, x + indent - 22.0, 18.0, y, Align::Right);
    rich(l, runs, style, x + indent, width - indent);
    l.gap(2.0);
}

/// A paragraph of runs in `base` size, wrapped between `x` and `x + width`. Runs of one style (and
/// right-to-left paragraphs, whose word order shaping handles as a whole) are drawn line by line;
/// mixed bold and italic are placed word by word.
pub(super) fn rich(l: &mut Layout, runs: &[Run], base: Style, x: f32, width: f32) {
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    let first = runs.iter().find(|r| !r.text.trim().is_empty()).unwrap_or(&runs[0]);
    let uniform = runs.iter().filter(|r| !r.text.trim().is_empty()).all(|r| r.bold == first.bold && r.italic == first.italic);
    let rtl = unicode_bidi::ParagraphBidiInfo::new(text, None).paragraph_level.is_rtl();
    let lh = line_height(base);
    let plain = |l: &mut Layout, style: Style| {
        for line in wrap(text, style, width) {
            l.ensure(lh);
            l.gap(style.size);
            let y = l.y();
            l.line_at(&line, style, x, width, y, Align::Start);
            l.gap(lh - style.size);
        }
    };
    // A word longer than a line (a pasted web address) must be split between characters, which
    // only the plain wrapping does: such a paragraph is set in one style.
    let too_long = text.split_whitespace().any(|w| w.len() > crate::pdf::LONG_WORD);
    if uniform || rtl || too_long {
        plain(l, if uniform { styled(base, first) } else { base });
        return;
    }
    // Words, each made of pieces in one style (a word can change style midway).
    let mut words: Vec<(bool, Vec<(String, Style)>)> = Vec::new(); // (starts a new line, pieces)
    let mut current: Vec<(String, Style)> = Vec::new();
    let mut newline = false;
    let flush = |current: &mut Vec<(String, Style)>, words: &mut Vec<(bool, Vec<(String, Style)>)>, newline: &mut bool| {
        if !current.is_empty() {
            words.push((*newline, std::mem::take(current)));
            *newline = false;
        }
    };
    for r in runs {
        let style = styled(base, r);
        for ch in r.text.chars() {
            if ch == '\n' {
                flush(&mut current, &mut words, &mut newline);
                newline = true;
            } else if ch.is_whitespace() {
                flush(&mut current, &mut words, &mut newline);
            } else {
                match current.last_mut() {
                    Some((t, s)) if *s == style => t.push(ch),
                    _ => current.push((ch.to_string(), style)),
                }
            }
        }
    }
    flush(&mut current, &mut words, &mut newline);
    // Greedy lines of segments (text, style, x offset).
    let mut lines: Vec<Vec<(String, Style, f32)>> = vec![Vec::new()];
    let mut pen = 0.0f32;
    for (brk, pieces) in words {
        let w: f32 = pieces.iter().map(|(t, s)| text_width(t, *s)).sum();
        if w > width {
            // Wider than the line: nothing drawn yet, so the paragraph is set plainly instead.
            plain(l, base);
            return;
        }
        let space = text_width(" ", pieces[0].1);
        let line_empty = lines.last().is_none_or(|l| l.is_empty());
        if brk || (!line_empty && pen + space + w > width) {
            lines.push(Vec::new());
            pen = 0.0;
        }
        let line = lines.last_mut().expect("a line");
        let mut at = if line.is_empty() { 0.0 } else { pen + space };
        for (i, (t, s)) in pieces.into_iter().enumerate() {
            let tw = text_width(&t, s);
            match line.last_mut() {
                // The same style continues the segment (with the space, when a new word starts).
                Some((prev, ps, _)) if *ps == s => {
                    if i == 0 {
                        prev.push(' ');
                    }
                    prev.push_str(&t);
                }
                _ => line.push((t, s, at)),
            }
            at += tw;
        }
        pen = at;
    }
    for line in lines {
        l.ensure(lh);
        l.gap(base.size);
        let y = l.y();
        for (t, s, dx) in line {
            l.line_at(&t, s, x + dx, width - dx, y, Align::Start);
        }
        l.gap(lh - base.size);
    }
}

/// The text of a cell's blocks, a line each (list items with their marker).
fn cell_text(blocks: &[Block]) -> (String, bool) {
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
