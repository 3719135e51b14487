//! The application: per strand and criterion, the audit line, what is already in place, the gaps
//! and the school's own account, with exhibit references ("E3") linked to the appendix.
//!
//! It is also what the application page count measures (see `application_pages`).

use super::labels::short_date;
use super::style::{body, h2, h3, small};
use super::{exhibits_for, section, Data};
use crate::pdf::{Align, Color, Layout, Style, MARGIN_X};

/// Resolves "E3" to the anchor of exhibit 3 when it is in the appendix, so references link to it.
fn exhibit_target(data: &Data) -> impl Fn(&str) -> Option<String> + '_ {
    move |word: &str| {
        let n: usize = word.strip_prefix('E')?.parse().ok()?;
        data.exhibits.iter().find(|x| x.number == n).map(super::exhibit_anchor)
    }
}

pub(super) fn application(l: &mut Layout, data: &Data) {
    let lang = data.lang;
    section(l, lang.t("section.application"), "application");
    l.paragraph(&lang.v("text.application_intro", &data.words), small(), 0.0);
    let w = l.text_width();
    for (i, strand) in data.framework.strands.iter().enumerate() {
        if i > 0 {
            l.gap(10.0);
        }
        l.ensure(120.0);
        l.gap(6.0);
        l.anchor(&format!("strand-{}", strand.key));
        let y = l.y();
        l.rect(MARGIN_X, y - 30.0, w, 30.0, Color::ACCENT);
        l.line_at(
            &strand.name,
            Style::new(15.0).bold().color(Color::WHITE),
            MARGIN_X + 10.0,
            w - 20.0,
            y - 20.5,
            Align::Start,
        );
        l.set_y(y - 30.0);
        if !strand.summary.is_empty() {
            l.gap(6.0);
            l.paragraph(&strand.summary, small(), 0.0);
        }
        for c in data.framework.criteria_in(&strand.key) {
            l.gap(12.0);
            l.heading(
                &format!("{}. {}", c.number, c.title),
                h2(),
                50.0,
                Some(&format!("criterion-{}", c.key)),
            );
            if !c.summary.is_empty() {
                l.paragraph(&c.summary, small(), 0.0);
            }
            let audit = data.audit.get(&c.key).cloned().unwrap_or_default();
            let labels: Vec<String> = exhibits_for(data, &c.key).iter().map(|x| x.label()).collect();
            l.gap(4.0);
            let mut status = lang.f("text.audit_line", &[("level", &data.framework.level_label(audit.level))]);
            if let Some(d) = audit.reviewed_on {
                status.push_str(&lang.f("text.reviewed", &[("date", &short_date(lang, Some(d)))]));
                if !audit.reviewed_by.is_empty() {
                    status.push_str(&lang.f("text.reviewed_by", &[("name", &audit.reviewed_by)]));
                }
            }
            let list = if labels.is_empty() {
                lang.t("text.none_yet").to_string()
            } else {
                labels.join(", ")
            };
            status.push_str(&lang.f("text.evidence_line", &[("list", &list)]));
            l.paragraph_linked(
                &status,
                Style::new(9.5).bold().color(Color::MUTED),
                0.0,
                &exhibit_target(data),
            );
            l.gap(4.0);
            let mut sub = |title: &str, text: &str, empty: &str| {
                l.heading(title, h3(), 20.0, None);
                if text.trim().is_empty() {
                    l.paragraph(empty, small(), 0.0);
                } else {
                    for para in text.split("\n\n") {
                        l.paragraph_linked(para.trim(), body(), 0.0, &exhibit_target(data));
                        l.gap(3.0);
                    }
                }
                l.gap(3.0);
            };
            sub(lang.t("text.already"), &audit.already, lang.t("text.already_empty"));
            sub(lang.t("text.gaps"), &audit.gaps, lang.t("text.gaps_empty"));
            let narrative = data.narrative.get(&c.key).cloned().unwrap_or_default();
            sub(lang.t("text.account"), &narrative, lang.t("text.account_empty"));
        }
    }
}
