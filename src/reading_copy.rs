//! Reading copies: Word, PowerPoint and OpenDocument files typeset as pages of the portfolio, right
//! after their exhibit's heading in the appendix, so the panel reads what is inside them.
//!
//! A copy always starts on a page of its own, so the pages it takes do not depend on what comes
//! before it: the number counted at import (shown on the evidence tile) is the number the export
//! gives. Documents flow as headings (also bookmarks under the exhibit), paragraphs with bold and
//! italic, lists, bordered tables with wrapping cells, pictures scaled to the text width and page
//! breaks; presentations become one framed panel per slide, as many to a page as fit.
//!
//! Not for: reading the files (see `office`), nor making pictures safe to print (see
//! `evidence::rendition::reading_copy_picture`, the same path photos take; the caller passes it in,
//! so this module stays below both `evidence`, which counts pages at import, and `portfolio`).

use std::collections::BTreeMap;

use crate::i18n::Lang;
use crate::office::{Block, Content, Run, Slide};
use crate::pdf::{line_height, text_width, wrap, Align, Color, Layout, OutlineItem, Photo, Style, MARGIN_X, PAGE_H};

/// Body text of a copy: a little smaller than the portfolio's, as documents are dense.
const BODY: f32 = 10.0;
/// Tallest a picture is drawn, so one never fills a page on its own.
const PICTURE_MAX_H: f32 = 380.0;
/// Indent per list level.
const LIST_INDENT: f32 = 16.0;
/// Padding inside a slide's frame.
const PAD: f32 = 12.0;
/// Tallest a slide's pictures are drawn.
const SLIDE_PICTURE_MAX_H: f32 = 150.0;

/// A picture as the copy draws it.
pub(crate) enum Pic {
    /// Made safe and ready to draw; the original's upright pixel size.
    Shown(Photo, (u32, u32)),
    /// Only measured (its original upright pixel size): enough to count pages.
    Sized(u32, u32),
    /// Not printable: a grey note takes its place.
    NotShown,
}

impl Pic {
    fn pixels(&self) -> Option<(u32, u32)> {
        match self {
            Pic::Shown(_, s) => Some(*s),
            Pic::Sized(w, h) => Some((*w, *h)),
            Pic::NotShown => None,
        }
    }

    /// Bytes the picture adds to the PDF.
    pub(crate) fn bytes(&self) -> u64 {
        match self {
            Pic::Shown(p, _) => p.jpeg.len() as u64,
            _ => 0,
        }
    }
}

/// A document read and its pictures prepared, ready to typeset.
pub(crate) struct ReadingCopy {
    content: Content,
    /// In the order of `Content::pictures`.
    pictures: Vec<Pic>,
}

impl ReadingCopy {
    /// Prepares `content`'s pictures with `prepare` and lets go of their original bytes.
    pub(crate) fn new(mut content: Content, prepare: impl Fn(&[u8]) -> Pic) -> ReadingCopy {
        let pictures = content
            .pictures_mut()
            .into_iter()
            .map(|p| {
                let pic = prepare(&p.bytes);
                p.bytes = Vec::new();
                pic
            })
            .collect();
        ReadingCopy { content, pictures }
    }

    /// Bytes its pictures add to the PDF.
    pub(crate) fn picture_bytes(&self) -> u64 {
        self.pictures.iter().map(Pic::bytes).sum()
    }
}

/// Pages a copy takes in the portfolio (counted at import; the export gives the same).
pub(crate) fn page_count(copy: ReadingCopy, lang: Lang) -> usize {
    let mut l = Layout::new();
    let mut outline = Vec::new();
    typeset(&mut l, copy, lang, "", "", 0, &mut outline)
}

/// Typesets `copy` from a new page; returns the pages it took and fills `outline` with its
/// headings (or slides) as bookmarks. `label` and `file` name the exhibit in each page's header.
pub(crate) fn typeset(
    l: &mut Layout,
    copy: ReadingCopy,
    lang: Lang,
    label: &str,
    file: &str,
    number: usize,
    outline: &mut Vec<OutlineItem>,
) -> usize {
    l.page_break();
    let first = l.page_index();
    let mut pictures = copy.pictures.into_iter();
    let mut marks = Outliner { number, items: outline, stack: Vec::new(), count: 0 };
    match copy.content {
        Content::Flow(blocks) => flow(l, &blocks, &mut pictures, &mut marks, lang),
        Content::Slides { slides, aspect } => {
            for s in &slides {
                slide(l, s, aspect, &mut pictures, &mut marks, lang);
            }
        }
    }
    let last = l.page_index();
    // A running header on each page of the copy says whose pages these are.
    let header = lang.f("copy.header", &[("exhibit", &label), ("file", &file)]);
    let style = Style::new(8.0).color(Color::MUTED);
    let width = l.text_width();
    for page in first..=last {
        l.line_on(page, &header, style, MARGIN_X, width, PAGE_H - 44.0, Align::Start);
        l.rect_on(page, MARGIN_X, PAGE_H - 50.0, width, 0.5, Color::RULE);
    }
    last + 1 - first
}

/// Bookmarks of a copy's headings, nested by level.
struct Outliner<'a> {
    number: usize,
    items: &'a mut Vec<OutlineItem>,
    /// The heading levels of the open bookmarks, outermost first.
    stack: Vec<u8>,
    count: usize,
}

impl Outliner<'_> {
    /// A new anchor name for the next bookmark.
    fn anchor(&mut self) -> String {
        self.count += 1;
        format!("copy-{}-{}", self.number, self.count)
    }

    fn add(&mut self, level: u8, title: &str, anchor: String) {
        while self.stack.last().is_some_and(|l| *l >= level) {
            self.stack.pop();
        }
        let mut list: &mut Vec<OutlineItem> = &mut *self.items;
        for _ in 0..self.stack.len() {
            list = &mut list.last_mut().expect("a parent for each level on the stack").children;
        }
        list.push(OutlineItem::new(title, anchor));
        self.stack.push(level);
    }
}

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

fn flow(l: &mut Layout, blocks: &[Block], pictures: &mut impl Iterator<Item = Pic>, marks: &mut Outliner, lang: Lang) {
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
                l.heading(text, style, 3.0 * line_height(Style::new(BODY)), Some(&anchor));
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
            Block::PageBreak => {}
        }
        fresh = false;
    }
}

fn list_item(l: &mut Layout, level: u8, number: Option<u32>, runs: &[Run], x: f32, width: f32) {
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
fn rich(l: &mut Layout, runs: &[Run], base: Style, x: f32, width: f32) {
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    let first = runs.iter().find(|r| !r.text.trim().is_empty()).unwrap_or(&runs[0]);
    let uniform = runs.iter().filter(|r| !r.text.trim().is_empty()).all(|r| r.bold == first.bold && r.italic == first.italic);
    let rtl = unicode_bidi::ParagraphBidiInfo::new(text, None).paragraph_level.is_rtl();
    let lh = line_height(base);
    if uniform || rtl {
        let style = if uniform { styled(base, first) } else { base };
        for line in wrap(text, style, width) {
            l.ensure(lh);
            l.gap(style.size);
            let y = l.y();
            l.line_at(&line, style, x, width, y, Align::Start);
            l.gap(lh - style.size);
        }
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
            Block::Picture(_) | Block::PageBreak => {}
        }
    }
    let text = lines.join("\n");
    (text.clone(), bold && !text.trim().is_empty())
}

/// A table with a border round every cell; cells wrap, a row never splits across pages (unless it
/// is taller than a page), and columns share the width by how much they hold.
fn table(l: &mut Layout, rows: &[Vec<Vec<Block>>], x: f32, width: f32) {
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

/// Draws a picture at the cursor: the document's shown size (or its pixels at 96 per inch),
/// never wider than `width` nor taller than `max_h`; an unprintable one is a small grey note.
#[allow(clippy::too_many_arguments)]
fn picture(l: &mut Layout, pic: Pic, shown_w: f32, shown_h: f32, x: f32, width: f32, max_h: f32, lang: Lang) {
    let Some((pw, ph)) = pic.pixels() else {
        not_shown(l, x, width, lang);
        return;
    };
    let (w, h) = fit(pw, ph, shown_w, shown_h, width, max_h);
    l.ensure(h + 4.0);
    l.gap(2.0);
    let y = l.y() - h;
    if let Pic::Shown(photo, _) = pic {
        l.photo(photo, x, y, w, h);
    }
    l.set_y(y);
}

/// The size a picture is drawn at.
fn fit(pw: u32, ph: u32, shown_w: f32, shown_h: f32, width: f32, max_h: f32) -> (f32, f32) {
    let aspect = ph.max(1) as f32 / pw.max(1) as f32;
    let mut w = if shown_w > 1.0 { shown_w } else { pw as f32 * 0.75 };
    let mut h = if shown_w > 1.0 && shown_h > 1.0 { shown_h } else { w * aspect };
    let scale = (width / w).min(max_h / h).min(1.0);
    w *= scale;
    h *= scale;
    (w.max(1.0), h.max(1.0))
}

fn not_shown(l: &mut Layout, x: f32, width: f32, lang: Lang) {
    let style = Style::new(8.5).italic().color(Color::MUTED);
    let lines = wrap(lang.t("copy.picture_not_shown"), style, width - 16.0);
    let h = lines.len() as f32 * line_height(style) + 10.0;
    l.ensure(h + 4.0);
    l.gap(2.0);
    let top = l.y();
    l.rect(x, top - h, width, h, Color::SHADE);
    let mut y = top - 5.0 - style.size;
    for line in lines {
        l.line_at(&line, style, x + 8.0, width - 16.0, y, Align::Start);
        y -= line_height(style);
    }
    l.set_y(top - h);
}

/// One slide as a framed panel: number, title, text in reading order, pictures in a row. Panels
/// stay whole on a page; one taller than a page runs on unframed.
fn slide(l: &mut Layout, s: &Slide, aspect: f32, pictures: &mut impl Iterator<Item = Pic>, marks: &mut Outliner, lang: Lang) {
    // Pictures of the slide's blocks (tables' cells hold none) come before its own pictures.
    let pics: Vec<Pic> = (0..s.pictures.len()).map(|_| pictures.next().unwrap_or(Pic::NotShown)).collect();
    let width = l.text_width();
    // Measure first, on a scratch page.
    let mut scratch = Layout::new();
    scratch.page_break();
    let start = scratch.y();
    let sized: Vec<Pic> = pics.iter().map(|p| p.pixels().map(|(w, h)| Pic::Sized(w, h)).unwrap_or(Pic::NotShown)).collect();
    panel_body(&mut scratch, s, sized, MARGIN_X + PAD, width - 2.0 * PAD, lang);
    let body_h = if scratch.page_count() == 1 { start - scratch.y() } else { f32::INFINITY };
    // A panel is at least as tall as a slide of this shape at half the width, so short slides
    // still read as slides.
    let h = (body_h + 2.0 * PAD).max(width / aspect.max(0.5) * 0.5);
    if h > l.page_area() {
        l.gap(10.0);
        l.ensure(60.0);
    } else if h + 14.0 > l.room() {
        l.page_break();
    } else if l.page_fill() > 0.0 {
        l.gap(14.0);
    }
    let anchor = marks.anchor();
    l.anchor(&anchor);
    let title = if s.title.is_empty() {
        lang.f("copy.slide", &[("n", &s.number)])
    } else {
        format!("{}: {}", lang.f("copy.slide", &[("n", &s.number)]), s.title)
    };
    marks.add(1, &title, anchor);
    let top = l.y();
    let page = l.page_index();
    l.gap(PAD);
    panel_body(l, s, pics, MARGIN_X + PAD, width - 2.0 * PAD, lang);
    if h <= l.page_area() && l.page_index() == page {
        let bottom = top - h;
        l.set_y(bottom);
        let frame = Color(0.62, 0.66, 0.70);
        l.rect(MARGIN_X, top - 0.4, width, 0.8, frame);
        l.rect(MARGIN_X, bottom - 0.4, width, 0.8, frame);
        l.rect(MARGIN_X - 0.4, bottom, 0.8, h, frame);
        l.rect(MARGIN_X + width - 0.4, bottom, 0.8, h, frame);
    }
}

/// What is inside a slide's frame, from the cursor down.
fn panel_body(l: &mut Layout, s: &Slide, pics: Vec<Pic>, x: f32, width: f32, lang: Lang) {
    let number = lang.f("copy.slide", &[("n", &s.number)]);
    let small = Style::new(8.0).color(Color::MUTED);
    let y = l.y() - small.size;
    l.line_at(&number, small, x, width, y, Align::Right);
    let title_style = Style::new(13.0).bold().color(Color::ACCENT);
    if !s.title.is_empty() {
        let tw = width - text_width(&number, small) - 12.0;
        for line in wrap(&s.title, title_style, tw) {
            l.ensure(line_height(title_style));
            l.gap(title_style.size);
            let y = l.y();
            l.line_at(&line, title_style, x, tw, y, Align::Start);
            l.gap(line_height(title_style) - title_style.size);
        }
        l.gap(4.0);
    } else {
        l.gap(line_height(small));
    }
    for b in &s.blocks {
        match b {
            Block::Heading { text, .. } => rich(l, &[Run { text: text.clone(), bold: true, italic: false }], Style::new(BODY), x, width),
            Block::Paragraph { runs } => rich(l, runs, Style::new(BODY), x, width),
            Block::ListItem { level, number, runs } => list_item(l, *level, *number, runs, x, width),
            Block::Table { rows } => {
                l.gap(2.0);
                table(l, rows, x, width);
            }
            Block::Picture(_) | Block::PageBreak => {}
        }
        l.gap(3.0);
    }
    if pics.is_empty() {
        return;
    }
    // Pictures side by side, one height for the row, within the width.
    l.gap(4.0);
    let sizes: Vec<(f32, f32)> = pics
        .iter()
        .zip(&s.pictures)
        .map(|(p, orig)| match p.pixels() {
            Some((pw, ph)) => fit(pw, ph, orig.width, orig.height, width, SLIDE_PICTURE_MAX_H),
            None => (width.min(220.0), 30.0),
        })
        .collect();
    let gap = 8.0;
    let natural: f32 = sizes.iter().map(|(w, h)| w / h * SLIDE_PICTURE_MAX_H).sum::<f32>() + gap * (sizes.len() - 1) as f32;
    let row_h = if natural > width {
        SLIDE_PICTURE_MAX_H * (width - gap * (sizes.len() - 1) as f32) / (natural - gap * (sizes.len() - 1) as f32)
    } else {
        sizes.iter().map(|s| s.1).fold(0.0, f32::max).min(SLIDE_PICTURE_MAX_H)
    };
    l.ensure(row_h + 4.0);
    let top = l.y();
    let mut px = x;
    for (pic, (w, h)) in pics.into_iter().zip(sizes) {
        let dw = w / h * row_h;
        match pic {
            Pic::Shown(photo, _) => l.photo(photo, px, top - row_h, dw, row_h),
            Pic::Sized(..) => {}
            Pic::NotShown => {
                l.rect(px, top - row_h, dw, row_h, Color::SHADE);
            }
        }
        px += dw + gap;
    }
    l.set_y(top - row_h);
}

/// Reading copies of one export, by exhibit number, and the bookmarks their headings give.
#[derive(Default)]
pub(crate) struct Copies {
    ready: BTreeMap<usize, ReadingCopy>,
    outlines: BTreeMap<usize, Vec<OutlineItem>>,
}

impl Copies {
    /// Adds the copy of exhibit `number`.
    pub(crate) fn insert(&mut self, number: usize, copy: ReadingCopy) {
        self.ready.insert(number, copy);
    }

    /// Bytes of all the copies' pictures.
    pub(crate) fn picture_bytes(&self) -> u64 {
        self.ready.values().map(ReadingCopy::picture_bytes).sum()
    }

    /// Places exhibit `number`'s copy at the cursor: the note saying what follows, then the copy
    /// from a new page, then a closing line. Returns false when it has none.
    pub(crate) fn place(&mut self, l: &mut Layout, lang: Lang, number: usize, label: &str, file: &str) -> bool {
        let Some(copy) = self.ready.remove(&number) else { return false };
        // The note names the page count, known only once the copy is laid out: its lines are
        // kept free (for the widest count) and written afterwards.
        let style = Style::new(9.0).color(Color::MUTED);
        let width = l.text_width();
        let lh = line_height(style);
        let room = wrap(&lang.f("copy.pages", &[("file", &file), ("n", &9999)]), style, width).len();
        l.gap(2.0);
        l.ensure(lh * room as f32);
        let (page, top) = (l.page_index(), l.y());
        l.gap(lh * room as f32);
        let mut outline = Vec::new();
        let pages = typeset(l, copy, lang, label, file, number, &mut outline);
        let note = if pages == 1 {
            lang.f("copy.one_page", &[("file", &file)])
        } else {
            lang.f("copy.pages", &[("file", &file), ("n", &pages)])
        };
        for (i, line) in wrap(&note, style, width).iter().take(room).enumerate() {
            l.line_on(page, line, style, MARGIN_X, width, top - style.size - i as f32 * lh, Align::Start);
        }
        l.gap(10.0);
        l.ensure(20.0);
        l.rule(Color::RULE, 0.5);
        l.gap(12.0);
        let y = l.y();
        l.line_at(&lang.f("copy.end", &[("file", &file)]), Style::new(8.5).italic().color(Color::MUTED), MARGIN_X, width, y, Align::Start);
        l.gap(6.0);
        self.outlines.insert(number, outline);
        true
    }

    /// The bookmarks of exhibit `number`'s copy, once placed.
    pub(crate) fn outline(&self, number: usize) -> Vec<OutlineItem> {
        self.outlines.get(&number).cloned().unwrap_or_default()
    }
}
