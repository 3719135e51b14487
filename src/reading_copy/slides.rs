//! A presentation's slides: one framed panel a slide, as many to a page as fit.

use super::document::{list_item, rich};
use super::table::table;
use super::chart::chart;
use super::diagram::diagram;
use super::picture::{fit, note};
use super::{Outliner, Pic, BODY, PAD, SLIDE_CHART_H, SLIDE_PICTURE_MAX_H};
use crate::i18n::Lang;
use crate::office::{Block, Run, Slide};
use crate::pdf::{line_height, text_width, wrap, Align, Color, Layout, Style, MARGIN_X};

/// One slide as a framed panel: number, title, text in reading order, pictures in a row. Panels
/// stay whole on a page; one taller than a page runs on unframed.
pub(super) fn slide(l: &mut Layout, s: &Slide, aspect: f32, pictures: &mut impl Iterator<Item = Pic>, marks: &mut Outliner, lang: Lang) {
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
            Block::Chart(c) => {
                l.gap(4.0);
                chart(l, c, x, width, SLIDE_CHART_H, lang);
            }
            Block::Diagram { nodes } => {
                l.gap(4.0);
                diagram(l, nodes, x, width);
            }
            Block::ObjectNotShown => note(l, x, width, lang.t("copy.object_not_shown")),
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
            Pic::Shown(photo, _) => l.tag(crate::pdf::Tag::figure(lang.t("copy.picture_alt")), |l| l.photo(photo, px, top - row_h, dw, row_h)),
            Pic::Sized(..) => {}
            Pic::NotShown => {
                l.rect(px, top - row_h, dw, row_h, Color::SHADE);
            }
        }
        px += dw + gap;
    }
    l.set_y(top - row_h);
}
