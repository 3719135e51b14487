//! The school and its journey: the school's details and the steps towards the award, with dates.

use super::labels::{join, step_label};
use super::style::{body, col, h2};
use super::{section, Data};
use crate::pdf::{Layout, Style};

pub(super) fn school_and_journey(l: &mut Layout, data: &Data) {
    let lang = data.lang;
    section(l, &lang.v("section.school", &data.words), "school");
    let s = &data.school;
    let nation = crate::nation::Nation::or_england(&s.nation);
    let (org_label, head_label) = (lang.v("field.school", &data.words), lang.v("field.headteacher", &data.words));
    let rows = [
        (org_label.as_str(), s.name.clone()),
        (nation.identifier_name(lang), s.urn.clone()),
        (lang.t("field.phase"), crate::nation::Nation::phase_name(&s.phase, lang)),
        // A nation the row does not name (empty, or text from elsewhere) prints as stored.
        (lang.t("field.nation"), match crate::nation::Nation::parse(&s.nation) {
            Some(n) => n.name(lang).to_string(),
            None => s.nation.clone(),
        }),
        (lang.t("field.local_authority"), s.local_authority.clone()),
        (lang.t("field.address"), s.address.clone()),
        (head_label.as_str(), s.headteacher.clone()),
        (
            lang.t("field.coordinator"),
            join(&[&s.coordinator_name, &s.coordinator_role, &s.coordinator_email]),
        ),
        (
            lang.t("field.local_lead"),
            join(&[&s.local_lead_contact, &s.local_lead_org, &s.local_lead_email]),
        ),
        (lang.t("field.pledge"), s.pledge_date.map(|d| lang.long_date(d)).unwrap_or_default()),
        (lang.t("field.web_page"), s.web_page.clone()),
    ];
    l.fields(&rows, body());
    l.gap(16.0);
    l.heading(2, lang.t("section.journey"), h2(), 60.0, Some("journey"));
    l.gap(4.0);
    let columns = [col(lang, "step", 3.0), col(lang, "date", 2.2), col(lang, "note", 3.0)];
    let rows: Vec<Vec<String>> = data
        .steps
        .iter()
        .map(|st| {
            vec![
                step_label(lang, &st.key, &st.label),
                st.date
                    .map(|d| lang.long_date(d))
                    .unwrap_or_else(|| lang.t("text.not_yet").into()),
                st.note.clone(),
            ]
        })
        .collect();
    l.table(&columns, &rows, Style::new(9.5));
}
