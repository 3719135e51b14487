//! The action plan: one table row an action, with its criteria, owner, partners, due date and status.

use super::labels::{numbers, short_date, status_label};
use super::style::{col, small};
use super::{section, Data};
use crate::pdf::{Layout, Style};

pub(super) fn action_plan(l: &mut Layout, data: &Data) {
    let lang = data.lang;
    section(l, lang.t("section.plan"), "plan");
    if data.actions.is_empty() {
        l.paragraph(lang.t("text.no_actions"), small(), 0.0);
        return;
    }
    let columns = [
        col(lang, "action", 4.0),
        col(lang, "criteria", 1.1),
        col(lang, "owner", 1.7),
        col(lang, "partners", 1.8),
        col(lang, "due", 1.3),
        col(lang, "status", 1.3),
    ];
    let rows: Vec<Vec<String>> = data
        .actions
        .iter()
        .map(|a| {
            let mut action = a.action.clone();
            if !a.success_measure.trim().is_empty() {
                action.push('\n');
                action.push_str(&lang.f("text.success", &[("measure", &a.success_measure.trim())]));
            }
            vec![
                action,
                numbers(data, &a.criteria),
                a.owner.clone(),
                a.partners.clone(),
                short_date(lang, a.due_date),
                status_label(lang, a.status.as_str()),
            ]
        })
        .collect();
    l.table(&columns, &rows, Style::new(9.0));
}
