//! A document's flow: headings (also bookmarks), paragraphs with bold and italic runs, lists,
//! bordered tables with wrapping cells, pictures, charts, diagrams, notes for embedded objects that
//! cannot be shown, and page breaks.

use super::chart::chart;
use super::diagram::diagram;
use super::picture::{note, picture};
use super::table::table;
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
