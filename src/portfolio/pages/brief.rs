//! The visit brief: a short separate document for the panel's visit, with who they will meet, the
//! strongest evidence per criterion and the questions still open.

use chrono::{DateTime, Utc};

use super::exhibits_for;
use super::labels::{join, numbers, school_name};
use super::style::{body, col, h1, h2};
use super::{Data, Exhibit};
use crate::evidence::EvidenceKind;
use crate::pdf::{Align, Color, Layout, OutlineItem, Style, MARGIN_X};

/// The visit brief: who the panel will meet, and per criterion the strongest evidence to show and
/// what to be ready to talk about.
pub(crate) fn visit_brief(data: &Data, now: DateTime<Utc>) -> (Layout, Vec<OutlineItem>) {
    let mut l = Layout::new();
    l.page_break();
    l.anchor("brief");
    let s = &data.school;
    let lang = data.lang;
    let name = school_name(data);
    l.line_at(
        &lang.v("brief.band", &data.words),
        Style::new(9.5).bold().color(Color::ACCENT),
        MARGIN_X,
        l.text_width(),
        l.y() - 10.0,
        Align::Start,
    );
    l.gap(18.0);
    l.heading(1, &lang.f("brief.heading", &[("school", &name)]), h1(), 40.0, None);
    let visit = data.steps.iter().find(|st| st.key == "visit").and_then(|st| st.date);
    l.fields(
        &[
            (
                lang.t("brief.visit"),
                visit
                    .map(|d| lang.long_date(d))
                    .unwrap_or_else(|| lang.t("brief.to_arrange").into()),
            ),
            (lang.t("brief.prepared"), lang.long_date(now.date_naive())),
            (
                lang.t("field.local_lead"),
                join(&[&s.local_lead_contact, &s.local_lead_org, &s.local_lead_email]),
            ),
        ],
        body(),
    );
    l.gap(12.0);
    l.heading(2, lang.t("brief.who"), h2(), 60.0, Some("people"));
    l.gap(2.0);
    let (head_label, learners_label) = (lang.v("field.headteacher", &data.words), lang.v("brief.pupils", &data.words));
    let mut people: Vec<(&str, String)> = Vec::new();
    if !s.headteacher.is_empty() {
        people.push((&head_label, s.headteacher.clone()));
    }
    if !s.coordinator_name.is_empty() {
        people.push((
            lang.t("brief.coordinator"),
            join(&[&s.coordinator_name, &s.coordinator_role]),
        ));
    }
    let voices = |prefix: &str| -> Vec<String> {
        let mut v: Vec<String> = data
            .exhibits
            .iter()
            .filter(|x| x.attribution.to_lowercase().starts_with(prefix))
            .map(|x| {
                x.attribution
                    .split(',')
                    .skip(1)
                    .collect::<Vec<_>>()
                    .join(",")
                    .trim()
                    .to_string()
            })
            .filter(|a| !a.is_empty())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let pupils = voices("pupil");
    if !pupils.is_empty() {
        people.push((
            &learners_label,
            lang.vf("brief.pupils_value", &data.words, &[("list", &pupils.join("; "))]),
        ));
    }
    let staff: Vec<String> = {
        let mut v: Vec<String> = data
            .exhibits
            .iter()
            .filter(|x| x.kind == EvidenceKind::Quote && !x.attribution.is_empty())
            .map(|x| x.attribution.clone())
            .filter(|a| {
                let a = a.to_lowercase();
                !a.starts_with("pupil") && !a.starts_with("parent")
            })
            .collect();
        v.sort();
        v.dedup();
        v
    };
    if !staff.is_empty() {
        people.push((lang.t("brief.staff"), staff.join("; ")));
    }
    if data
        .exhibits
        .iter()
        .any(|x| x.attribution.to_lowercase().starts_with("parent"))
    {
        people.push((
            lang.t("brief.parents"),
            lang.v("brief.parents_value", &data.words),
        ));
    }
    let rows: Vec<(&str, String)> = people;
    l.fields(&rows, body());

    l.gap(12.0);
    l.heading(
        2,
        lang.t("brief.strongest"),
        h2(),
        80.0,
        Some("evidence"),
    );
    l.gap(4.0);
    let columns = [
        col(lang, "criterion", 2.6),
        col(lang, "audit", 1.2),
        col(lang, "show", 3.4),
        col(lang, "talk_about", 2.8),
    ];
    let rows: Vec<Vec<String>> = data
        .framework
        .criteria
        .iter()
        .map(|c| {
            let audit = data.audit.get(&c.key).cloned().unwrap_or_default();
            let mut ex = exhibits_for(data, &c.key);
            // Things the panel can look at first, then items that serve several criteria.
            ex.sort_by_key(|x| (std::cmp::Reverse(strength(x)), x.number));
            let show: Vec<String> = ex
                .iter()
                .take(3)
                .map(|x| format!("{} {}", x.label(), x.title))
                .collect();
            vec![
                format!("{}. {}", c.number, c.title),
                data.framework.level_label(audit.level).to_string(),
                if show.is_empty() {
                    lang.t("brief.nothing_yet").into()
                } else {
                    show.join("\n")
                },
                crate::richtext::parse(&audit.gaps).plain_text(),
            ]
        })
        .collect();
    l.table(&columns, &rows, Style::new(9.0));

    let open: Vec<Vec<String>> = data
        .rounds
        .iter()
        .flat_map(|r| r.comments.iter())
        .filter(|c| c.response.trim().is_empty() && c.kind == crate::feedback::CommentKind::Question)
        .map(|c| {
            vec![
                c.criterion_key
                    .as_ref()
                    .map(|k| numbers(data, std::slice::from_ref(k)))
                    .unwrap_or_else(|| "—".into()),
                c.comment.clone(),
            ]
        })
        .collect();
    if !open.is_empty() {
        l.gap(12.0);
        l.heading(
            2,
            lang.t("brief.questions"),
            h2(),
            60.0,
            Some("questions"),
        );
        l.gap(4.0);
        let columns = [col(lang, "criterion", 1.0), col(lang, "question", 7.0)];
        l.table(&columns, &open, Style::new(9.5));
    }
    let outline = vec![
        OutlineItem::new(lang.t("brief.outline"), "brief"),
        OutlineItem::new(lang.t("brief.who"), "people"),
        OutlineItem::new(lang.t("brief.outline_evidence"), "evidence"),
    ];
    (l, outline)
}

/// How much an exhibit shows a visiting panel: photos and documents first, then voices.
fn strength(x: &Exhibit) -> usize {
    let kind = match x.kind {
        EvidenceKind::Photo | EvidenceKind::Document => 3,
        EvidenceKind::Quote => 2,
        EvidenceKind::Link => 1,
    };
    kind * 10 + x.criteria.len().min(9)
}
