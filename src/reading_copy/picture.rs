//! Pictures in a copy: drawn at the document's shown size within the room there is, or a small
//! grey note when one cannot be printed (the same note stands for embedded objects).

use super::Pic;
use crate::i18n::Lang;
use crate::pdf::{line_height, wrap, Align, Color, Layout, Style};

/// Draws a picture at the cursor: the document's shown size (or its pixels at 96 per inch),
/// never wider than `width` nor taller than `max_h`; an unprintable one is a small grey note.
#[allow(clippy::too_many_arguments)]
pub(super) fn picture(l: &mut Layout, pic: Pic, shown_w: f32, shown_h: f32, x: f32, width: f32, max_h: f32, lang: Lang) {
    let Some((pw, ph)) = pic.pixels() else {
        not_shown(l, x, width, lang);
        return;
    };
    let (w, h) = fit(pw, ph, shown_w, shown_h, width, max_h);
    l.ensure(h + 4.0);
    l.gap(2.0);
    let y = l.y() - h;
    if let Pic::Shown(photo, _) = pic {
        l.tag(crate::pdf::Tag::figure(lang.t("copy.picture_alt")), |l| l.photo(photo, x, y, w, h));
    }
    l.set_y(y);
}

/// The size a picture is drawn at.
pub(super) fn fit(pw: u32, ph: u32, shown_w: f32, shown_h: f32, width: f32, max_h: f32) -> (f32, f32) {
    let aspect = ph.max(1) as f32 / pw.max(1) as f32;
    let mut w = if shown_w > 1.0 { shown_w } else { pw as f32 * 0.75 };
    let mut h = if shown_w > 1.0 && shown_h > 1.0 { shown_h } else { w * aspect };
    let scale = (width / w).min(max_h / h).min(1.0);
    w *= scale;
    h *= scale;
    (w.max(1.0), h.max(1.0))
}

fn not_shown(l: &mut Layout, x: f32, width: f32, lang: Lang) {
    note(l, x, width, lang.t("copy.picture_not_shown"));
}

/// A small grey note in place of something the copy cannot print (a picture, an embedded object).
pub(super) fn note(l: &mut Layout, x: f32, width: f32, text: &str) {
    let style = Style::new(8.5).italic().color(Color::MUTED);
    let lines = wrap(text, style, width - 16.0);
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
