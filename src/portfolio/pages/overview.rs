//! The overview: one table row a criterion, with its strand, audit status, evidence and open actions.

use super::style::{col, small};
use super::{exhibits_for, section, Data};
use crate::pdf::{Layout, Style};

pub(super) fn overview(l: &mut Layout, data: &Data) {
    let lang = data.lang;
    section(l, lang.t("section.overview"), "overview");
    l.paragraph(&lang.v("text.overview_intro", &data.words), small(), 0.0);
    l.gap(8.0);
    let columns = [
        col(lang, "criterion", 4.2),
        col(lang, "strand", 1.1),
        col(lang, "audit_status", 1.6),
        col(lang, "evidence", 1.1),
        col(lang, "open_actions", 1.2),
    ];
    let rows: Vec<Vec<String>> = data
        .overview
        .criteria
        .iter()
        .map(|c| {
            let strand = data
                .framework
                .strand(&c.strand)
                .map(|s| s.name.clone())
                .unwrap_or_default();
            let labels: Vec<String> = exhibits_for(data, &c.key).iter().map(|x| x.label()).collect();
            let evidence = if labels.is_empty() {
                lang.t("text.none_yet").to_string()
            } else {
                format!("{} ({})", labels.len(), labels.join(", "))
            };
            let open = if c.overdue_actions > 0 {
                lang.f("text.overdue", &[("open", &c.open_actions), ("overdue", &c.overdue_actions)])
            } else {
                c.open_actions.to_string()
            };
            // The overview is worked out in English; names come from the framework as read in `lang`.
            let title = data.framework.criterion(&c.key).map(|x| x.title.as_str()).unwrap_or(&c.title);
            vec![
                format!("{}. {}", c.number, title),
                strand,
                data.framework.level_label(c.level).to_string(),
                evidence,
                open,
            ]
        })
        .collect();
    l.table(&columns, &rows, Style::new(9.5));
}
