//! The portfolio's pages in order: cover, contents, school and journey, overview, the application
//! per strand and criterion, action plan, feedback, and the evidence appendix.
//!
//! Each section function only lays out; `pdf::write` adds page numbers, links and bookmarks.

use chrono::{DateTime, NaiveDate, Utc};

use std::collections::BTreeMap;

use super::data::{Data, Exhibit};
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

/// A date as people write it in the UK: "23 November 2026".
pub(crate) fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn short_date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%-d %b %Y").to_string()).unwrap_or_default()
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
    now: DateTime<Utc>,
    anonymity_note: bool,
    warnings: &mut Vec<String>,
) -> (Layout, Vec<OutlineItem>) {
    let mut l = Layout::new();
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
    appendix(&mut l, data, &mut photos, documents, warnings);

    draw_contents(&mut l, contents_first, &entries);
    (l, outline(data, documents))
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
    let band_h = 250.0;
    l.rect(0.0, PAGE_H - band_h, PAGE_W, band_h, Color::ACCENT);
    let w = PAGE_W - 2.0 * MARGIN_X;
    let white = |size: f32| Style::new(size).color(Color::WHITE);
    l.line_at(
        "SCHOOLS OF SANCTUARY",
        white(11.0).bold(),
        MARGIN_X,
        w,
        PAGE_H - 90.0,
        Align::Start,
    );
    l.line_at(
        "Application and evidence portfolio",
        white(15.0),
        MARGIN_X,
        w,
        PAGE_H - 112.0,
        Align::Start,
    );
    let name = if s.name.trim().is_empty() {
        "Our school"
    } else {
        s.name.as_str()
    };
    let mut y = PAGE_H - 170.0;
    for line in wrap(name, white(28.0).bold(), w) {
        l.line_at(&line, white(28.0).bold(), MARGIN_X, w, y, Align::Start);
        y -= 34.0;
    }
    l.set_y(PAGE_H - band_h - 40.0);
    let rows = [
        ("Award", "School of Sanctuary (City of Sanctuary UK)".to_string()),
        (
            "Framework",
            format!("{} ({})", data.framework.name, data.framework.wording),
        ),
        ("Date", long_date(now.date_naive())),
        ("Coordinator", join(&[&s.coordinator_name, &s.coordinator_role])),
        ("Headteacher", s.headteacher.clone()),
        ("Local lead", join(&[&s.local_lead_contact, &s.local_lead_org])),
        ("Local authority", s.local_authority.clone()),
    ];
    l.fields(&rows, Style::new(11.0));
    if anonymity_note {
        l.gap(18.0);
        let y = l.y();
        let note = "Pupils are not named in this portfolio. Quotations are attributed by year group or role, and \
                    photographs appear only where consent has been recorded.";
        let lines = wrap(note, body(), w - 24.0);
        let h = lines.len() as f32 * line_height(body()) + 16.0;
        l.rect(MARGIN_X, y - h, w, h, Color::SHADE);
        l.gap(8.0);
        l.paragraph(note, body(), 12.0);
    }
    l.line_at(
        "Prepared with Sanctuary Portfolio",
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
    let e = |depth: usize, title: &str, anchor: &str| Entry {
        depth,
        title: title.to_string(),
        anchor: anchor.to_string(),
    };
    let mut v = vec![
        e(0, "School details and journey", "school"),
        e(0, "Overview of the criteria", "overview"),
    ];
    v.push(e(0, "The application", "application"));
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
    v.push(e(0, "Action plan", "plan"));
    v.push(e(0, "Feedback and our responses", "feedback"));
    v.push(e(0, "Evidence appendix", "appendix"));
    v
}

fn draw_contents(l: &mut Layout, first: usize, entries: &[Entry]) {
    let w = PAGE_W - 2.0 * MARGIN_X;
    for (chunk_no, chunk) in entries.chunks(CONTENTS_PER_PAGE).enumerate() {
        let page = first + chunk_no;
        let mut y = PAGE_H - 64.0 - 20.0;
        if chunk_no == 0 {
            l.line_on(page, "Contents", h1(), MARGIN_X, w, y, Align::Start);
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

fn outline(data: &Data, documents: &DocumentPages) -> Vec<OutlineItem> {
    let mut items = vec![
        OutlineItem::new("Cover", "cover"),
        OutlineItem::new("Contents", "contents"),
        OutlineItem::new("School details and journey", "school"),
        OutlineItem::new("Overview of the criteria", "overview"),
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
    items.push(OutlineItem::new("Action plan", "plan"));
    items.push(OutlineItem::new("Feedback and our responses", "feedback"));
    let mut appendix = OutlineItem::new("Evidence appendix", "appendix");
    for x in &data.exhibits {
        let mut item = OutlineItem::new(format!("{} {}", x.label(), x.title), x.anchor());
        if documents.contains_key(&x.number) {
            item.children.push(OutlineItem::new(
                format!("{}: the document", x.label()),
                document_anchor(x.number),
            ));
        }
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
    section(l, "School details and journey", "school");
    let s = &data.school;
    let rows = [
        ("School", s.name.clone()),
        ("URN", s.urn.clone()),
        ("Phase", s.phase.clone()),
        ("Nation", s.nation.clone()),
        ("Local authority", s.local_authority.clone()),
        ("Address", s.address.clone()),
        ("Headteacher", s.headteacher.clone()),
        (
            "Coordinator",
            join(&[&s.coordinator_name, &s.coordinator_role, &s.coordinator_email]),
        ),
        (
            "Local lead",
            join(&[&s.local_lead_contact, &s.local_lead_org, &s.local_lead_email]),
        ),
        ("Pledge signed", s.pledge_date.map(long_date).unwrap_or_default()),
        ("Sanctuary web page", s.web_page.clone()),
    ];
    l.fields(&rows, body());
    l.gap(16.0);
    l.heading("The journey so far", h2(), 60.0, Some("journey"));
    l.gap(4.0);
    let columns = [
        Column {
            header: "Step".into(),
            weight: 3.0,
        },
        Column {
            header: "Date".into(),
            weight: 2.2,
        },
        Column {
            header: "Note".into(),
            weight: 3.0,
        },
    ];
    let rows: Vec<Vec<String>> = data
        .steps
        .iter()
        .map(|st| {
            vec![
                st.label.clone(),
                st.date.map(long_date).unwrap_or_else(|| "not yet".into()),
                st.note.clone(),
            ]
        })
        .collect();
    l.table(&columns, &rows, Style::new(9.5));
}

fn overview(l: &mut Layout, data: &Data) {
    section(l, "Overview of the criteria", "overview");
    l.paragraph(
        "Where the school stands on each criterion: our own audit judgement, how many exhibits support it and how many \
         actions are still open.",
        small(),
        0.0,
    );
    l.gap(8.0);
    let columns = [
        Column {
            header: "Criterion".into(),
            weight: 4.2,
        },
        Column {
            header: "Strand".into(),
            weight: 1.1,
        },
        Column {
            header: "Audit status".into(),
            weight: 1.6,
        },
        Column {
            header: "Evidence".into(),
            weight: 1.1,
        },
        Column {
            header: "Open actions".into(),
            weight: 1.2,
        },
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
                "none yet".to_string()
            } else {
                format!("{} ({})", labels.len(), labels.join(", "))
            };
            let open = if c.overdue_actions > 0 {
                format!("{} ({} overdue)", c.open_actions, c.overdue_actions)
            } else {
                c.open_actions.to_string()
            };
            vec![
                format!("{}. {}", c.number, c.title),
                strand,
                c.level_label.clone(),
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
    section(l, "The application", "application");
    l.paragraph(
        "For each criterion, grouped under Learn, Embed and Share: what we already do, what is still to do, and our \
         account of the work, with references to the exhibits in the evidence appendix.",
        small(),
        0.0,
    );
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
            let mut status = format!("Audit: {}", data.framework.level_label(audit.level));
            if let Some(d) = audit.reviewed_on {
                status.push_str(&format!(" · reviewed {}", short_date(Some(d))));
                if !audit.reviewed_by.is_empty() {
                    status.push_str(&format!(" by {}", audit.reviewed_by));
                }
            }
            status.push_str(&format!(
                " · Evidence: {}",
                if labels.is_empty() {
                    "none yet".to_string()
                } else {
                    labels.join(", ")
                }
            ));
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
            sub("What we already do", &audit.already, "Not recorded yet.");
            sub("Gaps we are working on", &audit.gaps, "None recorded.");
            let narrative = data.narrative.get(&c.key).cloned().unwrap_or_default();
            sub("Our account", &narrative, "Not written yet.");
        }
    }
}

fn action_plan(l: &mut Layout, data: &Data) {
    section(l, "Action plan", "plan");
    if data.actions.is_empty() {
        l.paragraph("No actions have been planned yet.", small(), 0.0);
        return;
    }
    let columns = [
        Column {
            header: "Action".into(),
            weight: 4.0,
        },
        Column {
            header: "Criteria".into(),
            weight: 1.1,
        },
        Column {
            header: "Owner".into(),
            weight: 1.7,
        },
        Column {
            header: "Partners".into(),
            weight: 1.8,
        },
        Column {
            header: "Due".into(),
            weight: 1.3,
        },
        Column {
            header: "Status".into(),
            weight: 1.3,
        },
    ];
    let rows: Vec<Vec<String>> = data
        .actions
        .iter()
        .map(|a| {
            let mut action = a.action.clone();
            if !a.success_measure.trim().is_empty() {
                action.push_str(&format!("\nSuccess: {}", a.success_measure.trim()));
            }
            vec![
                action,
                numbers(data, &a.criteria),
                a.owner.clone(),
                a.partners.clone(),
                short_date(a.due),
                status_label(&a.status),
            ]
        })
        .collect();
    l.table(&columns, &rows, Style::new(9.0));
}

fn status_label(s: &str) -> String {
    match s {
        "planned" => "Planned",
        "in_progress" => "In progress",
        "done" => "Done",
        "dropped" => "Dropped",
        other => other,
    }
    .to_string()
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

fn round_kind(kind: &str) -> String {
    match kind {
        "draft_review" => "Draft review".to_string(),
        "panel_appraisal" | "appraisal" => "Panel appraisal".to_string(),
        "visit" => "Appraisal visit".to_string(),
        "further_evidence" => "Request for further evidence".to_string(),
        other => {
            let t = other.replace('_', " ");
            let mut c = t.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
    }
}

fn feedback(l: &mut Layout, data: &Data) {
    section(l, "Feedback and our responses", "feedback");
    if data.rounds.is_empty() {
        l.paragraph("No feedback has been received yet.", small(), 0.0);
        return;
    }
    for (i, r) in data.rounds.iter().enumerate() {
        if i > 0 {
            l.gap(14.0);
        }
        l.heading(&format!("Round {}: {}", i + 1, round_kind(&r.kind)), h2(), 60.0, None);
        let mut meta = Vec::new();
        if let Some(d) = r.received_on {
            meta.push(format!("received {}", long_date(d)));
        }
        if !r.from_whom.is_empty() {
            meta.push(format!("from {}", r.from_whom));
        }
        if let Some(d) = r.due {
            meta.push(format!("response due {}", long_date(d)));
        }
        if !meta.is_empty() {
            l.paragraph(&meta.join(" · "), small(), 0.0);
        }
        if !r.summary.trim().is_empty() {
            l.heading("What they said", h3(), 20.0, None);
            l.paragraph(&r.summary, body(), 0.0);
        }
        if !r.response.trim().is_empty() {
            l.heading("Our response", h3(), 20.0, None);
            l.paragraph(&r.response, body(), 0.0);
        }
        if !r.comments.is_empty() {
            l.gap(6.0);
            let columns = [
                Column {
                    header: "Criterion".into(),
                    weight: 1.0,
                },
                Column {
                    header: "Comment".into(),
                    weight: 4.0,
                },
                Column {
                    header: "Our response".into(),
                    weight: 4.0,
                },
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
                    let kind = round_kind(&c.kind);
                    vec![crit, format!("{kind}: {}", c.comment), c.response.clone()]
                })
                .collect();
            l.table(&columns, &rows, Style::new(9.5));
        }
    }
}

fn kind_label(kind: &str) -> String {
    match kind {
        "quote" => "Words of pupils, parents or staff".into(),
        "photo" => "Photograph".into(),
        "document" => "Document".into(),
        other => round_kind(other),
    }
}

fn human_size(bytes: i64) -> String {
    let b = bytes as f64;
    if b >= 1_048_576.0 {
        format!("{:.1} MB", b / 1_048_576.0)
    } else if b >= 1024.0 {
        format!("{:.0} KB", b / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

fn appendix(l: &mut Layout, data: &Data, photos: &mut Photos, documents: &DocumentPages, warnings: &mut Vec<String>) {
    section(l, "Evidence appendix", "appendix");
    if data.exhibits.is_empty() {
        l.paragraph("No evidence has been added yet.", small(), 0.0);
        return;
    }
    l.paragraph(
        "Each exhibit is numbered (E1, E2, ...) and named in the application and the overview by that number.",
        small(),
        0.0,
    );
    for x in &data.exhibits {
        l.gap(12.0);
        // A photo stays on the page of its heading, caption and all.
        let keep = match photos.get(&x.number) {
            Some(p) => photo_box(l, p).1 + 40.0 + if x.caption.is_empty() { 0.0 } else { 16.0 },
            None => 46.0,
        };
        l.heading(&format!("{}  {}", x.label(), x.title), h2(), keep, Some(&x.anchor()));
        let mut meta = vec![kind_label(&x.kind)];
        if let Some(d) = x.date {
            meta.push(long_date(d));
        }
        if !x.criteria.is_empty() {
            let word = if x.criteria.len() == 1 { "criterion" } else { "criteria" };
            meta.push(format!("{word} {}", numbers(data, &x.criteria)));
        }
        l.paragraph(&meta.join(" · "), small(), 0.0);
        if !x.caption.trim().is_empty() {
            l.gap(2.0);
            l.paragraph(&x.caption, body(), 0.0);
        }
        if let Some(photo) = photos.remove(&x.number) {
            place_photo(l, x, photo, warnings);
        } else if let Some(n) = documents.get(&x.number) {
            let size = x.size.map(human_size).unwrap_or_default();
            let pages = if *n == 1 {
                "Its page follows".to_string()
            } else {
                format!("Its {n} pages follow")
            };
            l.gap(2.0);
            l.paragraph(
                &format!(
                    "File: {} ({size}). {pages} at the end of this portfolio, as they are.",
                    x.original_name
                ),
                small(),
                0.0,
            );
        } else if x.kind == "quote" || !x.quote.trim().is_empty() {
            l.gap(6.0);
            l.quote(&x.quote, &x.attribution, Style::new(12.5));
        } else if !x.original_name.is_empty() || x.size.is_some() {
            let size = x.size.map(human_size).unwrap_or_default();
            l.gap(2.0);
            l.paragraph(
                &format!(
                    "File: {} {}",
                    x.original_name,
                    if size.is_empty() {
                        String::new()
                    } else {
                        format!("({size})")
                    }
                ),
                small(),
                0.0,
            );
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

fn place_photo(l: &mut Layout, x: &Exhibit, photo: Photo, warnings: &mut Vec<String>) {
    let (w, h, ppi) = photo_box(l, &photo);
    if ppi < MIN_PPI {
        warnings.push(format!(
            "{} \"{}\" prints at {:.0} ppi, below the {:.0} ppi that prints sharply; add a larger photo if you have one",
            x.label(),
            x.title,
            ppi,
            MIN_PPI
        ));
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
    let name = if s.name.trim().is_empty() {
        "Our school"
    } else {
        s.name.as_str()
    };
    l.line_at(
        "SCHOOLS OF SANCTUARY · APPRAISAL VISIT",
        Style::new(9.5).bold().color(Color::ACCENT),
        MARGIN_X,
        l.text_width(),
        l.y() - 10.0,
        Align::Start,
    );
    l.gap(18.0);
    l.heading(&format!("Visit brief: {name}"), h1(), 40.0, None);
    let visit = data.steps.iter().find(|st| st.key == "visit").and_then(|st| st.date);
    l.fields(
        &[
            (
                "Visit",
                visit.map(long_date).unwrap_or_else(|| "date to be arranged".into()),
            ),
            ("Prepared", long_date(now.date_naive())),
            (
                "Local lead",
                join(&[&s.local_lead_contact, &s.local_lead_org, &s.local_lead_email]),
            ),
        ],
        body(),
    );
    l.gap(12.0);
    l.heading("Who you will meet", h2(), 60.0, Some("people"));
    l.gap(2.0);
    let mut people: Vec<(&str, String)> = Vec::new();
    if !s.headteacher.is_empty() {
        people.push(("Headteacher", s.headteacher.clone()));
    }
    if !s.coordinator_name.is_empty() {
        people.push((
            "Sanctuary coordinator",
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
            "Pupils",
            format!("pupils whose words are in the portfolio: {}", pupils.join("; ")),
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
        people.push(("Staff", staff.join("; ")));
    }
    if data
        .exhibits
        .iter()
        .any(|x| x.attribution.to_lowercase().starts_with("parent"))
    {
        people.push((
            "Parents",
            "parents who have shared their experience with the school".into(),
        ));
    }
    let rows: Vec<(&str, String)> = people;
    l.fields(&rows, body());

    l.gap(12.0);
    l.heading(
        "Per criterion: the strongest evidence to show",
        h2(),
        80.0,
        Some("evidence"),
    );
    l.gap(4.0);
    let columns = [
        Column {
            header: "Criterion".into(),
            weight: 2.6,
        },
        Column {
            header: "Audit".into(),
            weight: 1.2,
        },
        Column {
            header: "Show".into(),
            weight: 3.4,
        },
        Column {
            header: "Be ready to talk about".into(),
            weight: 2.8,
        },
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
                    "nothing yet".into()
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
            "Questions from the panel still to answer",
            h2(),
            60.0,
            Some("questions"),
        );
        l.gap(4.0);
        let columns = [
            Column {
                header: "Criterion".into(),
                weight: 1.0,
            },
            Column {
                header: "Question".into(),
                weight: 7.0,
            },
        ];
        l.table(&columns, &open, Style::new(9.5));
    }
    let outline = vec![
        OutlineItem::new("Visit brief", "brief"),
        OutlineItem::new("Who you will meet", "people"),
        OutlineItem::new("Strongest evidence per criterion", "evidence"),
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
