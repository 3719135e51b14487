//! The portfolio's pages in order: cover, contents, school and journey, overview, the application
//! per strand and criterion, action plan, feedback, and the evidence appendix.
//!
//! Each section function only lays out; `pdf::write` adds page numbers, links and bookmarks.

use chrono::{DateTime, NaiveDate, Utc};

use std::collections::BTreeMap;

use super::data::{Data, Exhibit};
use crate::reading_copy::Copies;
use crate::i18n::Lang;
use crate::pdf::{line_height, Align, Color, Column, Layout, OutlineItem, Photo, Style, MARGIN_X, PAGE_H, PAGE_W};

/// Photos by exhibit number, ready to place.
pub(crate) type Photos = BTreeMap<usize, Photo>;

/// Pages of each PDF exhibit (by number) that follow the appendix.
pub(crate) type DocumentPages = BTreeMap<usize, usize>;

/// The anchor of a PDF exhibit's first merged page.
pub(crate) fn document_anchor(number: usize) -> String {
    format!("document-{number}")
}

/// Tallest a photo is drawn, so that two or three fit on a page with their captions.
const PHOTO_MAX_H: f32 = 250.0;
/// Below this resolution at printed size the report warns.
const MIN_PPI: f32 = 150.0;

const BODY: f32 = 10.5;

fn body() -> Style {
    Style::new(BODY)
}

fn small() -> Style {
    Style::new(9.0).color(Color::MUTED)
}

fn h1() -> Style {
    Style::new(20.0).bold().color(Color::ACCENT)
}

fn h2() -> Style {
    Style::new(13.5).bold().color(Color::ACCENT)
}

fn h3() -> Style {
    Style::new(10.5).bold()
}

fn short_date(lang: Lang, d: Option<NaiveDate>) -> String {
    d.map(|d| lang.short_date(d)).unwrap_or_default()
}

/// A column whose header is the text for `key`.
fn col(lang: Lang, key: &str, weight: f32) -> Column {
    Column {
        header: lang.t(&format!("column.{key}")).into(),
        weight,
    }
}

/// The school's name, or a stand-in when it is still empty.
fn school_name(data: &Data) -> &str {
    if data.school.name.trim().is_empty() {
        data.lang.t("doc.our_school")
    } else {
        data.school.name.as_str()
    }
}

/// A contents entry: depth, title, anchor.
struct Entry {
    depth: usize,
    title: String,
    anchor: String,
}

/// Lays out the whole portfolio; returns the pages and the bookmarks.
pub(crate) fn portfolio(
    data: &Data,
    mut photos: Photos,
    documents: &DocumentPages,
    copies: &mut Copies,
    now: DateTime<Utc>,
    anonymity_note: bool,
    warnings: &mut Vec<String>,
) -> (Layout, Vec<OutlineItem>) {
    let mut l = Layout::new();
    let lang = data.lang;
    cover(&mut l, data, now, anonymity_note);

    let entries = contents_entries(data);
    let contents_pages = entries.len().div_ceil(CONTENTS_PER_PAGE).max(1);
    let contents_first = l.page_count();
    for i in 0..contents_pages {
        l.page_break();
        if i == 0 {
            l.anchor("contents");
        }
    }

    school_and_journey(&mut l, data);
    overview(&mut l, data);
    application(&mut l, data);
    action_plan(&mut l, data);
    feedback(&mut l, data);
    appendix(&mut l, data, &mut photos, documents, copies, warnings);

    draw_contents(&mut l, lang, contents_first, &entries);
    (l, outline(data, documents, copies))
}

/// Lays out only the application section (narrative per criterion), as the panel's 8-page limit
/// counts it; returns pages used, the last one fractional.
pub(crate) fn application_pages(data: &Data) -> f32 {
    let mut l = Layout::new();
    application(&mut l, data);
    if l.page_count() == 0 {
        return 0.0;
    }
    (l.page_count() - 1) as f32 + l.page_fill()
}

fn cover(l: &mut Layout, data: &Data, now: DateTime<Utc>, anonymity_note: bool) {
    l.page_break();
    l.anchor("cover");
    let s = &data.school;
    let lang = data.lang;
    let band_h = 250.0;
    l.rect(0.0, PAGE_H - band_h, PAGE_W, band_h, Color::ACCENT);
    let w = PAGE_W - 2.0 * MARGIN_X;
    let white = |size: f32| Style::new(size).color(Color::WHITE);
    l.line_at(
        lang.t("cover.band"),
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
    for line in wrap(name, white(28.0).bold(), w) {
        l.line_at(&line, white(28.0).bold(), MARGIN_X, w, y, Align::Start);
        y -= 34.0;
    }
    l.set_y(PAGE_H - band_h - 40.0);
    let rows = [
        (lang.t("cover.award"), lang.t("cover.award_value").to_string()),
        (
            lang.t("cover.framework"),
            format!("{} ({})", data.framework.name, data.framework.wording),
        ),
        (lang.t("cover.date"), lang.long_date(now.date_naive())),
        (lang.t("field.coordinator"), join(&[&s.coordinator_name, &s.coordinator_role])),
        (lang.t("field.headteacher"), s.headteacher.clone()),
        (lang.t("field.local_lead"), join(&[&s.local_lead_contact, &s.local_lead_org])),
        (lang.t("field.local_authority"), s.local_authority.clone()),
    ];
    l.fields(&rows, Style::new(11.0));
    if anonymity_note {
        l.gap(18.0);
        let y = l.y();
        let note = lang.t("cover.anonymity");
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

fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
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

const CONTENTS_PER_PAGE: usize = 34;

fn contents_entries(data: &Data) -> Vec<Entry> {
    let lang = data.lang;
    let e = |depth: usize, title: &str, anchor: &str| Entry {
        depth,
        title: title.to_string(),
        anchor: anchor.to_string(),
    };
    let mut v = vec![
        e(0, lang.t("section.school"), "school"),
        e(0, lang.t("section.overview"), "overview"),
    ];
    v.push(e(0, lang.t("section.application"), "application"));
    for strand in &data.framework.strands {
        v.push(e(1, &strand.name, &format!("strand-{}", strand.key)));
        for c in data.framework.criteria_in(&strand.key) {
            v.push(e(
                2,
                &format!("{}. {}", c.number, c.title),
                &format!("criterion-{}", c.key),
            ));
        }
    }
    v.push(e(0, lang.t("section.plan"), "plan"));
    v.push(e(0, lang.t("section.feedback"), "feedback"));
    v.push(e(0, lang.t("section.appendix"), "appendix"));
    v
}

fn draw_contents(l: &mut Layout, lang: Lang, first: usize, entries: &[Entry]) {
    let w = PAGE_W - 2.0 * MARGIN_X;
    for (chunk_no, chunk) in entries.chunks(CONTENTS_PER_PAGE).enumerate() {
        let page = first + chunk_no;
        let mut y = PAGE_H - 64.0 - 20.0;
        if chunk_no == 0 {
            l.line_on(page, lang.t("section.contents"), h1(), MARGIN_X, w, y, Align::Start);
            y -= 36.0;
        }
        for entry in chunk {
            let style = if entry.depth == 0 {
                Style::new(11.5).bold()
            } else {
                Style::new(11.0)
            };
            if entry.depth == 0 {
                y -= 6.0;
            }
            let indent = entry.depth as f32 * 18.0;
            let number = l
                .place(&entry.anchor)
                .map(|p| (p.page + 1).to_string())
                .unwrap_or_default();
            l.line_on(
                page,
                &entry.title,
                style,
                MARGIN_X + indent,
                w - indent - 40.0,
                y,
                Align::Start,
            );
            l.line_on(page, &number, style, MARGIN_X, w, y, Align::Right);
            l.link(
                page,
                [MARGIN_X + indent, y - 4.0, PAGE_W - MARGIN_X, y + style.size],
                &entry.anchor,
            );
            y -= line_height(style) + 2.0;
        }
    }
}

fn outline(data: &Data, documents: &DocumentPages, copies: &Copies) -> Vec<OutlineItem> {
    let lang = data.lang;
    let mut items = vec![
        OutlineItem::new(lang.t("section.cover"), "cover"),
        OutlineItem::new(lang.t("section.contents"), "contents"),
        OutlineItem::new(lang.t("section.school"), "school"),
        OutlineItem::new(lang.t("section.overview"), "overview"),
    ];
    for strand in &data.framework.strands {
        let mut item = OutlineItem::new(strand.name.clone(), format!("strand-{}", strand.key));
        for c in data.framework.criteria_in(&strand.key) {
            item.children.push(OutlineItem::new(
                format!("{}. {}", c.number, c.title),
                format!("criterion-{}", c.key),
            ));
        }
        items.push(item);
    }
    items.push(OutlineItem::new(lang.t("section.plan"), "plan"));
    items.push(OutlineItem::new(lang.t("section.feedback"), "feedback"));
    let mut appendix = OutlineItem::new(lang.t("section.appendix"), "appendix");
    for x in &data.exhibits {
        let mut item = OutlineItem::new(format!("{} {}", x.label(), x.title), x.anchor());
        if documents.contains_key(&x.number) {
            item.children.push(OutlineItem::new(
                lang.f("text.the_document", &[("exhibit", &x.label())]),
                document_anchor(x.number),
            ));
        }
        item.children.extend(copies.outline(x.number));
        appendix.children.push(item);
    }
    items.push(appendix);
    items
}

fn section(l: &mut Layout, title: &str, anchor: &str) {
    l.page_break();
    l.heading(title, h1(), 40.0, Some(anchor));
    l.gap(10.0);
}

fn school_and_journey(l: &mut Layout, data: &Data) {
    let lang = data.lang;
    section(l, lang.t("section.school"), "school");
    let s = &data.school;
    let rows = [
        (lang.t("field.school"), s.name.clone()),
        (lang.t("field.urn"), s.urn.clone()),
        (lang.t("field.phase"), s.phase.clone()),
        (lang.t("field.nation"), s.nation.clone()),
        (lang.t("field.local_authority"), s.local_authority.clone()),
        (lang.t("field.address"), s.address.clone()),
        (lang.t("field.headteacher"), s.headteacher.clone()),
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
    l.heading(lang.t("section.journey"), h2(), 60.0, Some("journey"));
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

fn overview(l: &mut Layout, data: &Data) {
    let lang = data.lang;
    section(l, lang.t("section.overview"), "overview");
    l.paragraph(lang.t("text.overview_intro"), small(), 0.0);
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

/// Resolves "E3" to the anchor of exhibit 3 when it is in the appendix, so references link to it.
fn exhibit_target(data: &Data) -> impl Fn(&str) -> Option<String> + '_ {
    move |word: &str| {
        let n: usize = word.strip_prefix('E')?.parse().ok()?;
        data.exhibits.iter().find(|x| x.number == n).map(Exhibit::anchor)
    }
}

fn exhibits_for<'a>(data: &'a Data, key: &str) -> Vec<&'a Exhibit> {
    data.exhibits
        .iter()
        .filter(|x| x.criteria.iter().any(|k| k == key))
        .collect()
}

fn application(l: &mut Layout, data: &Data) {
    let lang = data.lang;
    section(l, lang.t("section.application"), "application");
    l.paragraph(lang.t("text.application_intro"), small(), 0.0);
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

fn action_plan(l: &mut Layout, data: &Data) {
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
                short_date(lang, a.due),
                status_label(lang, &a.status),
            ]
        })
        .collect();
    l.table(&columns, &rows, Style::new(9.0));
}

/// The name of a known code (`section.code`) in `lang`; an unknown code is shown as written.
fn named(lang: Lang, section: &str, code: &str) -> Option<String> {
    let key = format!("{section}.{code}");
    crate::i18n::table(Lang::En)
        .contains_key(&key)
        .then(|| lang.t(&key).to_string())
}

fn status_label(lang: Lang, s: &str) -> String {
    named(lang, "status", s).unwrap_or_else(|| s.to_string())
}

/// A journey step's name in `lang`; a step this table does not know keeps its stored label.
fn step_label(lang: Lang, key: &str, label: &str) -> String {
    named(lang, "step", key).unwrap_or_else(|| label.to_string())
}

/// Criterion keys as their numbers: "3, 7".
fn numbers(data: &Data, keys: &[String]) -> String {
    keys.iter()
        .map(|k| {
            data.framework
                .criterion(k)
                .map(|c| c.number.to_string())
                .unwrap_or_else(|| k.clone())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn round_kind(lang: Lang, kind: &str) -> String {
    let kind = if kind == "appraisal" { "panel_appraisal" } else { kind };
    match named(lang, "round", kind) {
        Some(name) => name,
        None => {
            let other = kind;
            let t = other.replace('_', " ");
            let mut c = t.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
    }
}

fn feedback(l: &mut Layout, data: &Data) {
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
        let heading = lang.f("text.round_heading", &[("n", &(i + 1)), ("kind", &round_kind(lang, &r.kind))]);
        l.heading(&heading, h2(), 60.0, None);
        let mut meta = Vec::new();
        if let Some(d) = r.received_on {
            meta.push(lang.f("text.received", &[("date", &lang.long_date(d))]));
        }
        if !r.from_whom.is_empty() {
            meta.push(lang.f("text.from", &[("name", &r.from_whom)]));
        }
        if let Some(d) = r.due {
            meta.push(lang.f("text.response_due", &[("date", &lang.long_date(d))]));
        }
        if !meta.is_empty() {
            l.paragraph(&meta.join(" · "), small(), 0.0);
        }
        if !r.summary.trim().is_empty() {
            l.heading(lang.t("text.what_they_said"), h3(), 20.0, None);
            l.paragraph(&r.summary, body(), 0.0);
        }
        if !r.response.trim().is_empty() {
            l.heading(lang.t("text.our_response"), h3(), 20.0, None);
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
                        .criterion
                        .as_ref()
                        .map(|k| numbers(data, std::slice::from_ref(k)))
                        .unwrap_or_else(|| "—".into());
                    let kind = round_kind(lang, &c.kind);
                    vec![crit, format!("{kind}: {}", c.comment), c.response.clone()]
                })
                .collect();
            l.table(&columns, &rows, Style::new(9.5));
        }
    }
}

fn kind_label(lang: Lang, kind: &str) -> String {
    named(lang, "kind", kind).unwrap_or_else(|| round_kind(lang, kind))
}

fn human_size(lang: Lang, bytes: i64) -> String {
    let b = bytes as f64;
    if b >= 1_048_576.0 {
        format!("{:.1} MB", b / 1_048_576.0)
    } else if b >= 1024.0 {
        format!("{:.0} KB", b / 1024.0)
    } else {
        lang.f("text.bytes", &[("n", &bytes)])
    }
}

fn appendix(l: &mut Layout, data: &Data, photos: &mut Photos, documents: &DocumentPages, copies: &mut Copies, warnings: &mut Vec<String>) {
    let mut low = Vec::new();
    appendix_pages(l, data, photos, documents, copies, &mut low);
    // A few soft photos are named one by one; many (a tight size budget) become one line, since a
    // list of hundreds would bury every other warning.
    if low.len() <= 5 {
        warnings.extend(low.into_iter().map(|(_, w)| w));
    } else {
        let first: Vec<String> = low.iter().take(3).map(|(label, _)| label.clone()).collect();
        warnings.push(data.lang.f(
            "warning.low_ppi_many",
            &[
                ("count", &low.len()),
                ("min", &format!("{MIN_PPI:.0}")),
                ("first", &first.join(", ")),
                ("more", &(low.len() - first.len())),
            ],
        ));
    }
}

/// The appendix itself; `low` collects (label, warning) for photos printing below `MIN_PPI`.
fn appendix_pages(
    l: &mut Layout,
    data: &Data,
    photos: &mut Photos,
    documents: &DocumentPages,
    copies: &mut Copies,
    low: &mut Vec<(String, String)>,
) {
    let lang = data.lang;
    section(l, lang.t("section.appendix"), "appendix");
    if data.exhibits.is_empty() {
        l.paragraph(lang.t("text.no_evidence"), small(), 0.0);
        return;
    }
    l.paragraph(lang.t("text.appendix_intro"), small(), 0.0);
    for x in &data.exhibits {
        l.gap(12.0);
        // A photo stays on the page of its heading, caption and all.
        let keep = match photos.get(&x.number) {
            Some(p) => photo_box(l, p).1 + 40.0 + if x.caption.is_empty() { 0.0 } else { 16.0 },
            None => 46.0,
        } + if x.kind == "link" { super::link::BLOCK_HEIGHT } else { 0.0 };
        let heading = format!("{}  {}", x.label(), x.title);
        l.heading(&heading, h2(), keep, Some(&x.anchor()));
        if x.kind == "link" {
            super::link::link_heading(l, &heading, h2(), &x.url);
        }
        let mut meta = vec![kind_label(lang, &x.kind)];
        if let Some(d) = x.date {
            meta.push(lang.long_date(d));
        }
        if !x.criteria.is_empty() {
            let key = if x.criteria.len() == 1 { "text.criterion_one" } else { "text.criterion_many" };
            meta.push(lang.f(key, &[("list", &numbers(data, &x.criteria))]));
        }
        l.paragraph(&meta.join(" · "), small(), 0.0);
        if !x.caption.trim().is_empty() {
            l.gap(2.0);
            l.paragraph(&x.caption, body(), 0.0);
        }
        if x.kind == "link" {
            super::link::address(l, lang, &x.url);
        }
        if let Some(photo) = photos.remove(&x.number) {
            place_photo(l, lang, x, photo, low);
            // The further pages of a multi-page scan follow its first.
            for page in 2..=x.page_count.unwrap_or(1) {
                if let Some(p) = photos.remove(&super::scan::page_key(x.number, page)) {
                    place_photo(l, lang, x, p, low);
                }
            }
        } else if let Some(n) = documents.get(&x.number) {
            let size = x.size.map(|b| human_size(lang, b)).unwrap_or_default();
            let text = if *n == 1 {
                lang.f("text.one_page_follows", &[("file", &x.original_name), ("size", &size)])
            } else {
                lang.f("text.pages_follow", &[("file", &x.original_name), ("size", &size), ("n", n)])
            };
            l.gap(2.0);
            l.paragraph(&text, small(), 0.0);
        } else if copies.place(l, lang, x.number, &x.label(), &x.original_name) {
            // A Word, PowerPoint or OpenDocument file: its reading copy follows from a new page.
        } else if x.kind == "quote" || !x.quote.trim().is_empty() {
            l.gap(6.0);
            l.quote(&x.quote, &x.attribution, Style::new(12.5));
        } else if !x.original_name.is_empty() || x.size.is_some() {
            let size = x.size.map(|b| human_size(lang, b)).unwrap_or_default();
            let text = if size.is_empty() {
                lang.f("text.file", &[("file", &x.original_name)])
            } else {
                lang.f("text.file_size", &[("file", &x.original_name), ("size", &size)])
            };
            l.gap(2.0);
            l.paragraph(&text, small(), 0.0);
        }
    }
}

/// Places a photo at the cursor, as large as fits (never stretched: one scale for both sides) but
/// not enlarged below 100 ppi; warns when it prints under 150 ppi.
/// The printed size of a photo (points) and its resolution there (ppi): as large as fits, one
/// scale for both sides, never enlarged below 100 ppi.
fn photo_box(l: &Layout, photo: &Photo) -> (f32, f32, f32) {
    let (pw, ph) = photo.upright_size();
    let (pw, ph) = (pw.max(1) as f32, ph.max(1) as f32);
    let scale = (l.text_width() / pw).min(PHOTO_MAX_H / ph).min(72.0 / 100.0);
    (pw * scale, ph * scale, 72.0 / scale)
}

fn place_photo(l: &mut Layout, lang: Lang, x: &Exhibit, photo: Photo, low: &mut Vec<(String, String)>) {
    let (w, h, ppi) = photo_box(l, &photo);
    if ppi < MIN_PPI {
        low.push((x.label(), lang.f(
            "warning.low_ppi",
            &[
                ("exhibit", &x.label()),
                ("title", &x.title),
                ("ppi", &format!("{ppi:.0}")),
                ("min", &format!("{MIN_PPI:.0}")),
            ],
        )));
    }
    l.gap(6.0);
    l.ensure(h + 4.0);
    let y = l.y() - h;
    l.photo(photo, MARGIN_X, y, w, h);
    l.set_y(y);
    l.gap(4.0);
}

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
        lang.t("brief.band"),
        Style::new(9.5).bold().color(Color::ACCENT),
        MARGIN_X,
        l.text_width(),
        l.y() - 10.0,
        Align::Start,
    );
    l.gap(18.0);
    l.heading(&lang.f("brief.heading", &[("school", &name)]), h1(), 40.0, None);
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
    l.heading(lang.t("brief.who"), h2(), 60.0, Some("people"));
    l.gap(2.0);
    let mut people: Vec<(&str, String)> = Vec::new();
    if !s.headteacher.is_empty() {
        people.push((lang.t("field.headteacher"), s.headteacher.clone()));
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
            lang.t("brief.pupils"),
            lang.f("brief.pupils_value", &[("list", &pupils.join("; "))]),
        ));
    }
    let staff: Vec<String> = {
        let mut v: Vec<String> = data
            .exhibits
            .iter()
            .filter(|x| x.kind == "quote" && !x.attribution.is_empty())
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
            lang.t("brief.parents_value").into(),
        ));
    }
    let rows: Vec<(&str, String)> = people;
    l.fields(&rows, body());

    l.gap(12.0);
    l.heading(
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
                audit.gaps.clone(),
            ]
        })
        .collect();
    l.table(&columns, &rows, Style::new(9.0));

    let open: Vec<Vec<String>> = data
        .rounds
        .iter()
        .flat_map(|r| r.comments.iter())
        .filter(|c| c.response.trim().is_empty() && c.kind == "question")
        .map(|c| {
            vec![
                c.criterion
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
    let kind = match x.kind.as_str() {
        "photo" | "document" | "pupil_work" | "lesson_plan" | "policy" => 3,
        "quote" => 2,
        _ => 1,
    };
    kind * 10 + x.criteria.len().min(9)
}
