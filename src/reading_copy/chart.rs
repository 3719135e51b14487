//! Charts in a copy: drawn as a chart of the same kind from the values the file caches (columns,
//! bars, lines, areas drawn as lines, pies and doughnuts; stacked or side by side), with title,
//! axis and category labels and a legend in the series' colours; then always the chart's data as a
//! small table beneath, which is also what a reader who cannot see the drawing reads. A kind not
//! drawn prints its title, a line saying so, and the table.
//!
//! Not for: reading charts (see `office::chart`), nor exact fidelity: scales are chosen afresh.

use std::f32::consts::PI;

use super::table::table;
use crate::i18n::Lang;
use crate::office::{number, Block, Chart, ChartKind, Grouping, Run};
use crate::pdf::{line_height, text_width, wrap, Align, Color, Layout, Style};

/// Colours for series and slices the file gives none for: distinct, and readable in grey print.
const PALETTE: [Color; 8] = [
    Color(0.27, 0.45, 0.77),
    Color(0.93, 0.49, 0.19),
    Color(0.45, 0.68, 0.28),
    Color(0.60, 0.40, 0.70),
    Color(0.99, 0.75, 0.00),
    Color(0.36, 0.61, 0.84),
    Color(0.62, 0.28, 0.05),
    Color(0.55, 0.55, 0.55),
];
const LABEL: f32 = 7.5;

fn rgb(c: [u8; 3]) -> Color {
    Color(c[0] as f32 / 255.0, c[1] as f32 / 255.0, c[2] as f32 / 255.0)
}

fn series_color(c: &Chart, i: usize) -> Color {
    c.series.get(i).and_then(|s| s.color).map(rgb).unwrap_or(PALETTE[i % PALETTE.len()])
}

fn slice_color(c: &Chart, i: usize) -> Color {
    let s = c.series.first();
    s.and_then(|s| s.point_colors.iter().find(|(at, _)| *at == i)).map(|(_, c)| rgb(*c)).unwrap_or(PALETTE[i % PALETTE.len()])
}

/// Draws `c` at the cursor, `plot_h` points tall for the drawing, then its data table.
pub(super) fn chart(l: &mut Layout, c: &Chart, x: f32, width: f32, plot_h: f32, lang: Lang) {
    let title_style = Style::new(10.5).bold();
    let title = if c.title.is_empty() { lang.t("copy.chart_untitled").to_string() } else { c.title.clone() };
    let title_lines = wrap(&title, title_style, width);
    let drawn = !c.is_empty() && !matches!(c.kind, ChartKind::Other(_));
    let legend_h = line_height(Style::new(LABEL)) * 2.0;
    l.ensure(title_lines.len() as f32 * line_height(title_style) + if drawn { plot_h + legend_h } else { 20.0 });
    for line in &title_lines {
        l.gap(title_style.size);
        let y = l.y();
        l.line_at(line, title_style, x, width, y, Align::Center);
        l.gap(line_height(title_style) - title_style.size);
    }
    // Axis titles and the author's own data labels, under the title (the drawing has no room).
    let st = Style::new(LABEL).italic().color(Color::MUTED);
    let notes: Vec<String> = c.axis_titles.iter().chain(&c.labels).cloned().collect();
    for line in wrap(&notes.join(" · "), st, width).into_iter().filter(|_| !notes.is_empty()) {
        l.gap(st.size);
        let y = l.y();
        l.line_at(&line, st, x, width, y, Align::Center);
        l.gap(line_height(st) - st.size);
    }
    l.gap(4.0);
    if drawn {
        // The drawing and its legend are one figure, described by the chart's sentence and data.
        l.tag(crate::pdf::Tag::figure(c.text_alternative()), |l| {
            let top = l.y();
            match c.kind {
                ChartKind::Pie | ChartKind::Doughnut => pie(l, c, x, top, width, plot_h),
                ChartKind::Bar => bars(l, c, x, top, width, plot_h, true),
                ChartKind::Column => bars(l, c, x, top, width, plot_h, false),
                _ => lines(l, c, x, top, width, plot_h),
            }
            l.figure_box([x, top - plot_h, x + width, top]);
            l.set_y(top - plot_h);
            l.gap(4.0);
            legend(l, c, x, width);
        });
    } else {
        let st = Style::new(8.5).italic().color(Color::MUTED);
        l.gap(st.size);
        let y = l.y();
        l.line_at(lang.t("copy.chart_as_table"), st, x, width, y, Align::Start);
        l.gap(line_height(st) - st.size);
    }
    // The data, always: what the drawing shows, in words and numbers.
    let rows: Vec<Vec<Vec<Block>>> = c
        .table()
        .into_iter()
        .enumerate()
        .map(|(r, row)| {
            row.into_iter()
                .map(|cell| vec![Block::Paragraph { runs: vec![Run { text: cell, bold: r == 0, italic: false }] }])
                .collect()
        })
        .collect();
    if rows.len() > 1 || c.series.len() > 0 {
        l.gap(4.0);
        table(l, &rows, x, width);
    }
}

/// The value range the axis covers and its tick step, for the chart's grouping.
fn scale(c: &Chart) -> (f64, f64, f64) {
    let n = c.category_count();
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    if c.grouping == Grouping::Percent {
        return (0.0, 100.0, 25.0);
    }
    for i in 0..n {
        let vals = c.series.iter().filter_map(|s| s.values.get(i).copied().flatten());
        if c.grouping == Grouping::Stacked {
            let (pos, neg) = vals.fold((0.0, 0.0), |(p, q), v| if v >= 0.0 { (p + v, q) } else { (p, q + v) });
            hi = hi.max(pos);
            lo = lo.min(neg);
        } else {
            for v in vals {
                hi = hi.max(v);
                lo = lo.min(v);
            }
        }
    }
    if hi - lo <= 0.0 {
        hi = lo + 1.0;
    }
    let raw = (hi - lo) / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag);
    ((lo / step).floor() * step, (hi / step).ceil() * step, step)
}

/// A series' value at category `i` as the axis places it (stacked and percent charts add up).
fn stacked(c: &Chart, s: usize, i: usize) -> Option<(f64, f64)> {
    let v = c.series[s].values.get(i).copied().flatten()?;
    if c.grouping == Grouping::Clustered {
        return Some((0.0, v));
    }
    let below: f64 = c.series[..s].iter().filter_map(|x| x.values.get(i).copied().flatten()).filter(|x| (*x >= 0.0) == (v >= 0.0)).sum();
    let mut out = (below, below + v);
    if c.grouping == Grouping::Percent {
        let total: f64 = c.series.iter().filter_map(|x| x.values.get(i).copied().flatten()).map(f64::abs).sum();
        if total > 0.0 {
            out = (out.0 / total * 100.0, out.1 / total * 100.0);
        }
    }
    Some(out)
}

/// Value axis ticks as labels.
fn tick_labels(c: &Chart, lo: f64, hi: f64, step: f64) -> Vec<(f64, String)> {
    let mut out = Vec::new();
    let mut v = lo;
    while v <= hi + step * 0.001 && out.len() < 20 {
        let label = if c.grouping == Grouping::Percent { format!("{}%", number(v)) } else { number(v) };
        out.push((v, label));
        v += step;
    }
    out
}

/// Category labels that fit `slot` points each: wrapped to two lines, every n-th when crowded.
fn category_labels(c: &Chart, slot: f32) -> (Vec<Vec<String>>, usize) {
    let st = Style::new(LABEL);
    let n = c.category_count();
    let widest = (0..n).map(|i| text_width(&c.category(i), st).min(80.0)).fold(0.0, f32::max);
    let every = if slot >= 14.0 && widest <= slot * 2.0 { 1 } else { ((widest / 2.0 + 6.0) / slot.max(1.0)).ceil().max(1.0) as usize };
    let labels = (0..n).map(|i| wrap(&c.category(i), st, (slot * every as f32 - 2.0).max(20.0)).into_iter().take(2).collect()).collect();
    (labels, every)
}

fn bars(l: &mut Layout, c: &Chart, x: f32, top: f32, width: f32, h: f32, horizontal: bool) {
    let st = Style::new(LABEL).color(Color::MUTED);
    let lh = line_height(st);
    let (lo, hi, step) = scale(c);
    let ticks = tick_labels(c, lo, hi, step);
    let n = c.category_count().max(1);
    let tick_w = ticks.iter().map(|(_, t)| text_width(t, st)).fold(0.0, f32::max);
    let cat_w = if horizontal {
        (0..n).map(|i| text_width(&c.category(i), st)).fold(0.0, f32::max).min(width * 0.3) + 4.0
    } else {
        tick_w + 4.0
    };
    let (px, pw) = (x + cat_w, width - cat_w - 4.0);
    let bottom_gutter = if horizontal { lh + 2.0 } else { 2.0 * lh + 2.0 };
    let (py, ph) = (top - h + bottom_gutter, h - bottom_gutter - 4.0);
    // Value axis: grid lines and labels.
    let span = (hi - lo) as f32;
    let along = |v: f64| ((v - lo) as f32 / span).clamp(0.0, 1.0);
    for (v, label) in &ticks {
        if horizontal {
            let gx = px + along(*v) * pw;
            l.rect(gx - 0.2, py, 0.4, ph, Color::RULE);
            l.line_at(label, st, gx - 30.0, 60.0, py - st.size - 2.0, Align::Center);
        } else {
            let gy = py + along(*v) * ph;
            l.rect(px, gy - 0.2, pw, 0.4, Color::RULE);
            l.line_at(label, st, x, cat_w - 4.0, gy - st.size / 3.0, Align::Right);
        }
    }
    let slot = if horizontal { ph / n as f32 } else { pw / n as f32 };
    let shown: Vec<usize> = (0..c.series.len()).collect();
    let groups = if c.grouping == Grouping::Clustered { shown.len().max(1) } else { 1 };
    let bar = slot * 0.7 / groups as f32;
    let zero = along(0.0f64.clamp(lo, hi));
    for i in 0..n {
        for (k, &s) in shown.iter().enumerate() {
            let Some((a, b)) = stacked(c, s, i) else { continue };
            let (a, b) = (along(a.max(lo)), along(b.min(hi)));
            let (a, b) = if c.grouping == Grouping::Clustered { (zero, b) } else { (a, b) };
            let slot_at = slot * 0.15 + if groups > 1 { k as f32 * bar } else { 0.0 };
            let color = series_color(c, s);
            if horizontal {
                // Categories read top to bottom.
                let y0 = py + ph - (i as f32 + 1.0) * slot + slot_at;
                l.rect(px + a.min(b) * pw, y0, ((b - a).abs() * pw).max(0.3), bar, color);
            } else {
                let x0 = px + i as f32 * slot + slot_at;
                l.rect(x0, py + a.min(b) * ph, bar, ((b - a).abs() * ph).max(0.3), color);
            }
        }
    }
    // Axis lines and category labels.
    if horizontal {
        l.rect(px - 0.4, py, 0.8, ph, Color::MUTED);
        for i in 0..n {
            let cy = py + ph - (i as f32 + 0.5) * slot;
            let label = wrap(&c.category(i), st, cat_w - 4.0).into_iter().next().unwrap_or_default();
            if slot >= st.size * 0.9 || i % ((st.size / slot.max(0.1)).ceil() as usize).max(1) == 0 {
                l.line_at(&label, st, x, cat_w - 4.0, cy - st.size / 3.0, Align::Right);
            }
        }
    } else {
        l.rect(px, py + zero * ph - 0.4, pw, 0.8, Color::MUTED);
        category_row(l, c, px, pw, py, slot, st);
    }
}

/// Category labels below a horizontal axis at `axis_y`, centred on each slot.
fn category_row(l: &mut Layout, c: &Chart, px: f32, _pw: f32, axis_y: f32, slot: f32, st: Style) {
    let (labels, every) = category_labels(c, slot);
    let lh = line_height(st);
    for (i, lines) in labels.iter().enumerate() {
        if i % every != 0 {
            continue;
        }
        let w = slot * every as f32;
        let cx = px + (i as f32 + 0.5) * slot - w / 2.0;
        for (j, line) in lines.iter().enumerate() {
            l.line_at(line, st, cx, w, axis_y - st.size - 2.0 - j as f32 * lh, Align::Center);
        }
    }
}

fn lines(l: &mut Layout, c: &Chart, x: f32, top: f32, width: f32, h: f32) {
    let st = Style::new(LABEL).color(Color::MUTED);
    let lh = line_height(st);
    let (lo, hi, step) = scale(c);
    let ticks = tick_labels(c, lo, hi, step);
    let n = c.category_count().max(1);
    let tick_w = ticks.iter().map(|(_, t)| text_width(t, st)).fold(0.0, f32::max) + 4.0;
    let (px, pw) = (x + tick_w, width - tick_w - 4.0);
    let (py, ph) = (top - h + 2.0 * lh + 2.0, h - 2.0 * lh - 6.0);
    let span = (hi - lo) as f32;
    let along = |v: f64| ((v - lo) as f32 / span).clamp(0.0, 1.0);
    for (v, label) in &ticks {
        let gy = py + along(*v) * ph;
        l.rect(px, gy - 0.2, pw, 0.4, Color::RULE);
        l.line_at(label, st, x, tick_w - 4.0, gy - st.size / 3.0, Align::Right);
    }
    let slot = pw / n as f32;
    for s in 0..c.series.len() {
        let color = series_color(c, s);
        // A gap in the data breaks the line.
        let mut run: Vec<(f32, f32)> = Vec::new();
        for i in 0..=n {
            let at = if i < n { stacked(c, s, i) } else { None };
            match at {
                Some((_, v)) => run.push((px + (i as f32 + 0.5) * slot, py + along(v) * ph)),
                None => {
                    l.polyline(&run, color, 1.6);
                    for (mx, my) in run.drain(..) {
                        l.rect(mx - 1.8, my - 1.8, 3.6, 3.6, color);
                    }
                }
            }
        }
    }
    l.rect(px, py + along(0.0f64.clamp(lo, hi)) * ph - 0.4, pw, 0.8, Color::MUTED);
    l.rect(px - 0.4, py, 0.8, ph, Color::MUTED);
    category_row(l, c, px, pw, py, slot, st);
}

fn pie(l: &mut Layout, c: &Chart, x: f32, top: f32, width: f32, h: f32) {
    let Some(series) = c.series.first() else { return };
    let values: Vec<f64> = series.values.iter().map(|v| v.unwrap_or(0.0).max(0.0)).collect();
    let total: f64 = values.iter().sum();
    if total <= 0.0 {
        return;
    }
    let r = (h / 2.0 - 4.0).min(width / 4.0);
    let (cx, cy) = (x + width / 2.0 - r * 0.6, top - h / 2.0);
    let mut angle = PI / 2.0;
    for (i, v) in values.iter().enumerate() {
        let sweep = (*v / total) as f32 * 2.0 * PI;
        if sweep <= 0.0 {
            continue;
        }
        // Clockwise from the top; one point every few degrees follows the arc closely.
        let steps = ((sweep / (2.0 * PI) * 120.0).ceil() as usize).max(2);
        let mut pts = vec![(cx, cy)];
        for k in 0..=steps {
            let a = angle - sweep * k as f32 / steps as f32;
            pts.push((cx + r * a.cos(), cy + r * a.sin()));
        }
        l.polygon(&pts, slice_color(c, i));
        // A white edge between slices.
        l.polyline(&[(cx, cy), pts[1]], Color::WHITE, 0.8);
        angle -= sweep;
    }
    if c.kind == ChartKind::Doughnut {
        let hole: Vec<(f32, f32)> = (0..120).map(|k| {
            let a = k as f32 / 120.0 * 2.0 * PI;
            (cx + r * 0.5 * a.cos(), cy + r * 0.5 * a.sin())
        }).collect();
        l.polygon(&hole, Color::WHITE);
    }
    // The legend beside it: each category with its share.
    let st = Style::new(LABEL + 0.5);
    let lh = line_height(st) + 1.0;
    let lx = cx + r + 16.0;
    let room = (x + width - lx - 12.0).max(40.0);
    let mut ly = top - h / 2.0 + (values.len().min((h / lh) as usize) as f32 * lh) / 2.0 - st.size;
    for (i, v) in values.iter().enumerate().take((h / lh) as usize) {
        l.rect(lx, ly - 1.0, 7.0, 7.0, slice_color(c, i));
        let share = format!("{} ({}%)", c.category(i), number((v / total * 1000.0).round() / 10.0));
        let line = wrap(&share, st, room).into_iter().next().unwrap_or_default();
        l.line_at(&line, st, lx + 11.0, room, ly, Align::Start);
        ly -= lh;
    }
}

/// Series names with their colours, in a row that wraps (pies have theirs beside them).
fn legend(l: &mut Layout, c: &Chart, x: f32, width: f32) {
    if matches!(c.kind, ChartKind::Pie | ChartKind::Doughnut) || c.series.is_empty() {
        return;
    }
    let st = Style::new(LABEL + 0.5);
    let lh = line_height(st);
    let items: Vec<(String, f32)> = (0..c.series.len()).map(|i| {
        let name = c.series_name(i);
        let w = text_width(&name, st).min(width / 2.0) + 22.0;
        (name, w)
    }).collect();
    let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
    let mut used = 0.0;
    for (i, (_, w)) in items.iter().enumerate() {
        if used + w > width && !rows.last().is_some_and(|r| r.is_empty()) {
            rows.push(Vec::new());
            used = 0.0;
        }
        rows.last_mut().expect("a row").push(i);
        used += w;
    }
    for row in rows {
        l.ensure(lh);
        l.gap(st.size);
        let y = l.y();
        let total: f32 = row.iter().map(|i| items[*i].1).sum();
        let mut lx = x + (width - total).max(0.0) / 2.0;
        for i in row {
            l.rect(lx, y - 1.0, 7.0, 7.0, series_color(c, i));
            l.line_at(&items[i].0, st, lx + 10.0, items[i].1 - 12.0, y, Align::Start);
            lx += items[i].1;
        }
        l.gap(lh - st.size);
    }
}
