//! A web link in the evidence appendix: its title opens the page (a URI link annotation), the
//! address is printed in full (broken over lines where it must be, each line clickable too), and a
//! QR code of the address, drawn as vector squares, lets the panel open it from paper.
//!
//! Not for: checking addresses (see `evidence::link`, which refused anything but http and https
//! before the address was stored) or the screenshot, placed like a photo by the appendix.

use qrcode::{Color as Module, EcLevel, QrCode};

use crate::i18n::Lang;
use crate::pdf::{line_height, text_width, Align, Color, Layout, Style, Tag, MARGIN_X, PAGE_W};

/// Room the address block needs below the heading, for keeping them on one page.
pub(crate) const BLOCK_HEIGHT: f32 = 120.0;

/// Side of the QR code on paper when the address is short: about 32 mm.
const QR_SIDE: f32 = 90.0;
/// A module (one square of the code) is never printed smaller than this (about 0.6 mm), so a
/// long address gives a larger code rather than one a phone cannot read.
const MIN_MODULE: f32 = 1.7;
/// White margin around the code, in modules (the standard asks for four).
const QUIET: f32 = 4.0;

/// Makes the heading just drawn above the cursor (`title` in `style`) open `url`.
pub(crate) fn link_heading(l: &mut Layout, title: &str, style: Style, url: &str) {
    let lh = line_height(style);
    let width = text_width(title, style);
    let lines = (width / l.text_width()).ceil().max(1.0);
    let y = l.y();
    l.uri_link([MARGIN_X, y, MARGIN_X + width.min(l.text_width()), y + lines * lh], url);
}

/// The address, printed in full and clickable, beside its QR code.
pub(crate) fn address(l: &mut Layout, lang: Lang, url: &str) {
    let label = Style::new(9.0).color(Color::MUTED);
    let link = Style::new(10.0).color(Color::ACCENT);
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok();
    let modules = code.as_ref().map(|c| c.width()).unwrap_or(0) as f32;
    let module = if modules > 0.0 { (QR_SIDE / (modules + 2.0 * QUIET)).max(MIN_MODULE) } else { 0.0 };
    let side = module * (modules + 2.0 * QUIET);
    let text_w = l.text_width() - side - 12.0;
    let lines = break_address(url, link, text_w);
    let text_h = line_height(label) + lines.len() as f32 * line_height(link) + line_height(label) + 4.0;
    l.gap(6.0);
    l.ensure(side.max(text_h) + 4.0);
    let top = l.y();
    // The words, left.
    let mut y = top - label.size;
    l.line_at(lang.t("text.link_address"), label, MARGIN_X, text_w, y, Align::Start);
    y -= line_height(label) - label.size + 2.0;
    for line in &lines {
        y -= link.size;
        let w = l.line_at(line, link, MARGIN_X, text_w, y, Align::Start);
        let w = if w > 0.0 { w } else { text_width(line, link) };
        l.uri_link([MARGIN_X, y - link.size * 0.25, MARGIN_X + w, y + link.size * 0.9], url);
        y -= line_height(link) - link.size;
    }
    if let Some(code) = &code {
        y -= 2.0 + label.size;
        l.line_at(lang.t("text.link_scan"), label, MARGIN_X, text_w, y, Align::Start);
        let alt = lang.f("text.link_qr_alt", &[("url", &url)]);
        l.tag(Tag::figure(alt), |l| draw_code(l, code, top, side, module));
    }
    l.set_y((y - 3.0).min(top - side));
    l.gap(4.0);
}

/// The QR code at the right margin, its quiet zone's top at `top`, as the figure its tag names.
fn draw_code(l: &mut Layout, code: &QrCode, top: f32, side: f32, module: f32) {
    {
        let x0 = PAGE_W - MARGIN_X - side + QUIET * module;
        draw_qr(l, code, x0, top - QUIET * module, module);
        l.figure_box([x0 - QUIET * module, top - side, x0 - QUIET * module + side, top]);
    }
}

/// Draws `code` with its top-left module's corner at (`x0`, `y0`), each module `module` points
/// square: one rectangle per run of dark modules in a row. The caller leaves the quiet zone white.
/// Also draws the QR code of the school's page on the reception poster (`share`).
pub(crate) fn draw_qr(l: &mut Layout, code: &QrCode, x0: f32, y0: f32, module: f32) {
    let n = code.width();
    let colors = code.to_colors();
    for row in 0..n {
        let mut col = 0;
        while col < n {
            if colors[row * n + col] == Module::Dark {
                let start = col;
                while col < n && colors[row * n + col] == Module::Dark {
                    col += 1;
                }
                let (x, w) = (x0 + start as f32 * module, (col - start) as f32 * module);
                // A hair taller than the module, so that rows print without seams between them.
                l.rect(x, y0 - (row + 1) as f32 * module, w, module + 0.05, Color(0.0, 0.0, 0.0));
            } else {
                col += 1;
            }
        }
    }
}

/// Breaks an address into lines no wider than `width`: after a `/`, `?`, `&`, `=`, `.` or `#`, or
/// before a `-`, when one is near the end of the line, otherwise between any two characters. A line
/// never ends with `-`: readers (and text extraction) take that for a word hyphenated by the
/// typesetter and drop it. Nothing is added or dropped, so the lines joined are the address.
fn break_address(url: &str, style: Style, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut w = 0.0;
    for c in url.chars() {
        let cw = text_width(c.encode_utf8(&mut [0u8; 4]), style);
        if w + cw > width && !line.is_empty() {
            // Prefer a break just after punctuation in the last third of the line.
            let cut = line
                .char_indices()
                .filter(|(i, ch)| *i > line.len() * 2 / 3 && matches!(ch, '/' | '?' | '&' | '=' | '-' | '.' | '#' | '_'))
                .map(|(i, ch)| if ch == '-' { i } else { i + ch.len_utf8() })
                .last()
                .or_else(|| line.ends_with('-').then(|| line.len() - 1).filter(|&at| at > 0));
            match cut {
                Some(at) if at < line.len() => {
                    let rest = line.split_off(at);
                    lines.push(std::mem::replace(&mut line, rest));
                    w = text_width(&line, style);
                }
                _ => {
                    lines.push(std::mem::take(&mut line));
                    w = 0.0;
                }
            }
        }
        line.push(c);
        w += cw;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_address_is_broken_without_losing_a_character() {
        let url = "https://www.brookfield-primary.example.sch.uk/news/2026/06/refugee-week-picnic-in-the-park?utm_source=newsletter&utm_medium=email&id=123456789";
        let style = Style::new(10.0);
        let lines = break_address(url, style, 200.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert_eq!(lines.concat(), url);
        for l in &lines {
            assert!(text_width(l, style) <= 200.5, "{l}");
        }
        assert_eq!(break_address("https://a.org", style, 200.0), vec!["https://a.org".to_string()]);
    }

    #[test]
    fn no_line_ends_with_a_hyphen_that_would_read_as_a_broken_word() {
        let style = Style::new(10.0);
        let url = "https://www.example.sch.uk/news/2026/06/our-sanctuary-pledge-for-every-family-in-our-town-and-beyond";
        for width in [80.0, 120.0, 160.0, 200.0, 260.0] {
            let lines = break_address(url, style, width);
            assert_eq!(lines.concat(), url);
            assert!(lines.iter().all(|l| !l.ends_with('-')), "{width}: {lines:?}");
        }
    }
}
