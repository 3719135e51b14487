//! The commitments: in a renewal cycle, the re-accreditation report (each commitment carried from
//! the finished cycle, with what happened), then what the school commits to for the next three years.
//! Outside a renewal the second part alone follows the action plan, and only when there is one: a
//! school that has recorded no commitments gets no empty section.

use super::labels::{numbers, school_name};
use super::style::{h2, small};
use super::{section, Data};
use crate::commitments::Commitment;
use crate::i18n::Lang;
use crate::pdf::{Column, Layout, Style};

/// The section's title, or None when the portfolio has no commitments section.
pub(super) fn title(data: &Data) -> Option<&'static str> {
    let reg = &data.commitments;
    if reg.is_renewal() {
        Some(data.lang.t("commitments.report_title"))
    } else if !reg.current.is_empty() {
        Some(data.lang.t("commitments.next_title"))
    } else {
        None
    }
}

pub(super) fn commitments(l: &mut Layout, data: &Data) {
    let Some(heading) = title(data) else { return };
    let lang = data.lang;
    let reg = &data.commitments;
    section(l, heading, "commitments");
    if reg.is_renewal() {
        l.paragraph(&lang.f("commitments.report_intro", &[("school", &school_name(data))]), small(), 0.0);
        l.gap(6.0);
        if reg.carried.is_empty() {
            l.paragraph(lang.t("commitments.none_carried"), small(), 0.0);
        } else {
            let rows = reg.carried.iter().map(|c| {
                let mut row = row(data, c);
                let outcome = c.outcome.trim();
                row.push(if outcome.is_empty() { lang.t("commitments.not_written").to_string() } else { outcome.to_string() });
                row
            });
            let mut columns = columns(lang);
            columns.push(column(lang, "outcome", 3.2));
            l.table(&columns, &rows.collect::<Vec<_>>(), Style::new(9.0));
        }
        if reg.current.is_empty() {
            return;
        }
        l.gap(14.0);
        l.heading(2, lang.t("commitments.next_title"), h2(), 60.0, None);
    }
    let rows: Vec<Vec<String>> = reg.current.iter().map(|c| row(data, c)).collect();
    l.table(&columns(lang), &rows, Style::new(9.0));
}

fn column(lang: Lang, key: &str, weight: f32) -> Column {
    Column { header: lang.t(&format!("commitments.column_{key}")).into(), weight }
}

/// Criterion, what, owner, by when.
fn columns(lang: Lang) -> Vec<Column> {
    vec![column(lang, "criterion", 1.4), column(lang, "what", 3.4), column(lang, "owner", 1.5), column(lang, "due", 1.6)]
}

fn row(data: &Data, c: &Commitment) -> Vec<String> {
    let criterion = c.criterion_key.as_ref().map(|k| numbers(data, std::slice::from_ref(k))).unwrap_or_else(|| "—".into());
    let due = c.due.map(|d| data.lang.long_date(d)).unwrap_or_default();
    vec![criterion, c.what.clone(), c.owner.clone(), due]
}
