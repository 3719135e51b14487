//! The cover: the coloured band with the school's name, the award and framework, who prepared the
//! portfolio, and the anonymity note when asked for.

use chrono::{DateTime, Utc};

use super::labels::{join, school_name};
use super::style::{body, small};
use super::Data;
use crate::pdf::{line_height, Align, Color, Layout, Style, MARGIN_X, PAGE_H, PAGE_W};

pub(super) fn cover(l: &mut Layout, data: &Data, now: DateTime<Utc>, anonymity_note: bool) {
    l.page_break();
    l.anchor("cover");
    let s = &data.school;
    let lang = data.lang;
    let band_h = 250.0;
    l.rect(0.0, PAGE_H - band_h, PAGE_W, band_h, Color::ACCENT);
    let w = PAGE_W - 2.0 * MARGIN_X;
    let white = |size: f32| Style::new(size).color(Color::WHITE);
    l.line_at(
        &lang.v("cover.band", &data.words),
        white(11.0).bold(),
        MARGIN_X,
        w,
        PAGE_H - 90.0,
        Align::Start,
    );
    l.line_at(
        lang.t("cover.subtitle"),
        white(15.0),
        MARGIN_X,
        w,
        PAGE_H - 112.0,
        Align::Start,
    );
    let name = school_name(data);
    let mut y = PAGE_H - 170.0;
    for line in wrap(&name, white(28.0).bold(), w) {
        l.line_at(&line, white(28.0).bold(), MARGIN_X, w, y, Align::Start);
        y -= 34.0;
    }
    l.set_y(PAGE_H - band_h - 40.0);
    let level = data.award_level.clone().unwrap_or_default();
    let head = lang.v("field.headteacher", &data.words);
    let mut rows = vec![
        (lang.t("cover.award"), lang.v("cover.award_value", &data.words)),
        (lang.t("cover.level"), level),
        (
            lang.t("cover.framework"),
            format!("{} ({})", data.framework.name, data.framework.wording),
        ),
        (lang.t("cover.date"), lang.long_date(now.date_naive())),
        (lang.t("field.coordinator"), join(&[&s.coordinator_name, &s.coordinator_role])),
        (head.as_str(), s.headteacher.clone()),
        (lang.t("field.local_lead"), join(&[&s.local_lead_contact, &s.local_lead_org])),
        (lang.t("field.local_authority"), s.local_authority.clone()),
    ];
    // Most awards have no levels: no empty "Level" line then.
    if data.award_level.is_none() {
        rows.remove(1);
    }
    l.fields(&rows, Style::new(11.0));
    if anonymity_note {
        l.gap(18.0);
        let y = l.y();
        let note = &lang.v("cover.anonymity", &data.words);
        let lines = wrap(note, body(), w - 24.0);
        let h = lines.len() as f32 * line_height(body()) + 16.0;
        l.rect(MARGIN_X, y - h, w, h, Color::SHADE);
        l.gap(8.0);
        l.paragraph(note, body(), 12.0);
    }
    l.line_at(
        lang.t("cover.prepared_with"),
        small(),
        MARGIN_X,
        w,
        80.0,
        Align::Start,
    );
}

fn wrap(text: &str, style: Style, width: f32) -> Vec<String> {
    // The engine's wrapping, reached through a one-line paragraph measure.
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && crate::pdf::text_width(&candidate, style) > width {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The short heading the application alone and the evidence pack alone open with, instead of a
/// cover page: `title` (the school and the part), then the award, the framework and the date, and
/// a rule below.
pub(crate) fn cover_line(l: &mut Layout, data: &Data, title: &str, date: chrono::NaiveDate) {
    l.paragraph(title, Style::new(15.0).bold().color(Color::ACCENT), 0.0);
    l.gap(2.0);
    l.paragraph(&cover_details(data, date), small(), 0.0);
    l.gap(6.0);
    l.rule(Color::RULE, 0.8);
    l.gap(14.0);
}

/// "School of Sanctuary (City of Sanctuary UK) · Framework (wording) · 30 November 2026".
pub(crate) fn cover_details(data: &Data, date: chrono::NaiveDate) -> String {
    let lang = data.lang;
    lang.f(
        "part.cover_details",
        &[
            ("award", &lang.v("cover.award_value", &data.words)),
            ("framework", &format!("{} ({})", data.framework.name, data.framework.wording)),
            ("date", &lang.long_date(date)),
        ],
    )
}
