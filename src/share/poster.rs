//! `poster.pdf`: one A4 page for reception in the portfolio's style (its teal band, Noto Sans):
//! "We are a School of Sanctuary" (or on the way to being one, until the award), the school, the
//! pledge and its date, the award, and a QR code to the school's page once the school has said
//! where it will live (`school.share_url`). Deterministic: dated by the caller.
//!
//! Not for: the portfolio's pages (`portfolio::pages`).

use qrcode::{EcLevel, QrCode};
use sha2::{Digest, Sha256};

use super::select::{opening, Content};
use crate::error::Result;
use crate::i18n::Lang;
use crate::pdf::{self, line_height, Align, Color, Layout, Metadata, Role, Style, Tag, MARGIN_X, PAGE_H, PAGE_W};

/// Side of the QR code on paper: about 5 cm, easy to scan from across a reception desk.
const QR_SIDE: f32 = 140.0;

/// The poster's bytes; `url` is where the school's page will live ("" for none yet).
pub(super) fn pdf(c: &Content, url: &str, now: chrono::DateTime<chrono::Utc>) -> Result<Vec<u8>> {
    let lang: Lang = c.language.parse().unwrap_or(Lang::En);
    let mut l = Layout::new();
    l.page_break();
    let w = PAGE_W - 2.0 * MARGIN_X;
    let band_h = 300.0;
    // The band is decoration; what is written on it is the poster's kicker, title (its one level-1
    // heading, so the headings below do not skip a level) and the school's name.
    l.artifact(|l| l.rect(0.0, PAGE_H - band_h, PAGE_W, band_h, Color::ACCENT));
    let white = |size: f32| Style::new(size).color(Color::WHITE);
    l.tag(Role::P, |l| l.line_at(&lang.t("share.kicker").to_uppercase(), white(12.0).bold(), MARGIN_X, w, PAGE_H - 80.0, Align::Start));
    let headline = lang.t(if c.awarded_on.is_empty() { "share.poster_working" } else { "share.poster_awarded" });
    let mut y = PAGE_H - 140.0;
    l.tag(Role::H(1), |l| {
        for line in pdf::wrap(headline, white(36.0).bold(), w) {
            l.line_at(&line, white(36.0).bold(), MARGIN_X, w, y, Align::Start);
            y -= 44.0;
        }
    });
    y -= 8.0;
    l.tag(Role::P, |l| {
        for line in pdf::wrap(&c.school, white(20.0), w) {
            l.line_at(&line, white(20.0), MARGIN_X, w, y, Align::Start);
            y -= 26.0;
        }
    });

    l.set_y(PAGE_H - band_h - 36.0);
    let h2 = Style::new(16.0).bold().color(Color::ACCENT);
    l.heading(2, lang.t("share.pledge_heading"), h2, 40.0, None);
    l.gap(6.0);
    // Room is kept for the code below: a long account is cut at a sentence.
    l.paragraph(&opening(&c.pledge, if url.is_empty() { 900 } else { 520 }), Style::new(14.0), 0.0);
    let muted = Style::new(12.0).color(Color::MUTED);
    if !c.pledge_date.is_empty() {
        l.gap(6.0);
        l.paragraph(&lang.f("share.pledge_date", &[("date", &c.pledge_date)]), muted, 0.0);
    }
    if !c.awarded_on.is_empty() {
        l.gap(14.0);
        l.heading(2, lang.t("share.award_heading"), h2, 30.0, None);
        l.gap(4.0);
        l.paragraph(&lang.f("share.award_text", &[("date", &c.awarded_on)]), Style::new(14.0), 0.0);
    }

    if let Some(code) = (!url.is_empty()).then(|| QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()).flatten() {
        // The code sits above the footer, right; the words to its left.
        let modules = code.width() as f32;
        let module = QR_SIDE / (modules + 8.0);
        let bottom = 80.0;
        let x = PAGE_W - MARGIN_X - QR_SIDE;
        l.artifact(|l| l.rect(x, bottom, QR_SIDE, QR_SIDE, Color::WHITE));
        let alt = lang.f("text.link_qr_alt", &[("url", &url)]);
        l.tag(Tag::figure(alt), |l| {
            crate::portfolio::link::draw_qr(l, &code, x + 4.0 * module, bottom + QR_SIDE - 4.0 * module, module);
            l.figure_box([x, bottom, x + QR_SIDE, bottom + QR_SIDE]);
        });
        let text_w = w - QR_SIDE - 16.0;
        let scan = Style::new(16.0).bold().color(Color::ACCENT);
        let mut ty = bottom + QR_SIDE - 30.0;
        l.tag(Role::P, |l| {
            for line in pdf::wrap(lang.t("share.poster_scan"), scan, text_w) {
                l.line_at(&line, scan, MARGIN_X, text_w, ty, Align::Start);
                ty -= line_height(scan);
            }
        });
        let link = Style::new(11.0).color(Color::ACCENT);
        l.tag(Role::P, |l| {
            l.tag(Tag::link(url), |l| {
                for line in pdf::wrap(url, link, text_w) {
                    let lw = l.line_at(&line, link, MARGIN_X, text_w, ty, Align::Start);
                    l.uri_link([MARGIN_X, ty - 3.0, MARGIN_X + lw.max(20.0), ty + 10.0], url);
                    ty -= line_height(link);
                }
            });
        });
    }

    let id: [u8; 16] = Sha256::digest(format!("share poster\n{}\n{}\n{url}", c.school, c.title).as_bytes())[..16].try_into().expect("16 bytes");
    let meta = Metadata {
        title: lang.t(if c.awarded_on.is_empty() { "share.poster_working" } else { "share.poster_awarded" }).to_string(),
        author: c.school.clone(),
        subject: c.title.clone(),
        keywords: "School of Sanctuary, City of Sanctuary".into(),
        language: lang.tag().to_string(),
        created: now,
        id,
        footer: format!("{} · schools.cityofsanctuary.org", c.school),
        page_of: String::new(),
    };
    let mut out = Vec::new();
    pdf::write(l, &meta, &[], Vec::new(), &mut out)?;
    Ok(out)
}
