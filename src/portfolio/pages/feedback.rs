//! Feedback: each round from the local lead or panel, what they said, the school's response, and
//! the comments per criterion.

use super::labels::{numbers, round_kind};
use super::style::{body, col, h2, h3, small};
use super::{section, Data};
use crate::pdf::{Layout, Style};

pub(super) fn feedback(l: &mut Layout, data: &Data) {
    let lang = data.lang;
    section(l, lang.t("section.feedback"), "feedback");
    if data.rounds.is_empty() {
        l.paragraph(lang.t("text.no_feedback"), small(), 0.0);
        return;
    }
    for (i, r) in data.rounds.iter().enumerate() {
        if i > 0 {
            l.gap(14.0);
        }
        let heading = lang.f("text.round_heading", &[("n", &(i + 1)), ("kind", &round_kind(lang, r.kind.as_str()))]);
        l.heading(2, &heading, h2(), 60.0, None);
        let mut meta = Vec::new();
        if let Some(d) = r.received_on {
            meta.push(lang.f("text.received", &[("date", &lang.long_date(d))]));
        }
        if !r.from_whom.is_empty() {
            meta.push(lang.f("text.from", &[("name", &r.from_whom)]));
        }
        if let Some(d) = r.due_date {
            meta.push(lang.f("text.response_due", &[("date", &lang.long_date(d))]));
        }
        if !meta.is_empty() {
            l.paragraph(&meta.join(" · "), small(), 0.0);
        }
        if !r.summary.trim().is_empty() {
            l.heading(3, lang.t("text.what_they_said"), h3(), 20.0, None);
            l.paragraph(&r.summary, body(), 0.0);
        }
        if !r.response.trim().is_empty() {
            l.heading(3, lang.t("text.our_response"), h3(), 20.0, None);
            l.paragraph(&r.response, body(), 0.0);
        }
        if !r.comments.is_empty() {
            l.gap(6.0);
            let columns = [
                col(lang, "criterion", 1.0),
                col(lang, "comment", 4.0),
                col(lang, "our_response", 4.0),
            ];
            let rows: Vec<Vec<String>> = r
                .comments
                .iter()
                .map(|c| {
                    let crit = c
                        .criterion_key
                        .as_ref()
                        .map(|k| numbers(data, std::slice::from_ref(k)))
                        .unwrap_or_else(|| "—".into());
                    let kind = round_kind(lang, c.kind.as_str());
                    vec![crit, format!("{kind}: {}", c.comment), c.response.clone()]
                })
                .collect();
            l.table(&columns, &rows, Style::new(9.5));
        }
    }
}
