//! The application: per strand and criterion, the audit line, what is already in place, the gaps
//! and the school's own account.
//!
//! In the whole portfolio exhibit references ("E3") link to the appendix; the application alone
//! (`standalone`) has no appendix, so there each reference names its exhibit's title instead. The
//! application alone is also what the application page count measures (see `application_pages`),
//! and what the Word file holds: `blocks` is the one list of what the application says, which the
//! pages here and `word` both render, so the three cannot say different things.

use chrono::NaiveDate;

use super::cover::cover_line;
use super::labels::short_date;
use super::style::{h1, h2, h3, small};
use super::{exhibits_for, section, Data};
use crate::pdf::{Align, Color, Layout, Role, Style, MARGIN_X};
use crate::portfolio::titled::{titled_label, with_titles};

/// How exhibit references are shown.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Refs {
    /// "E3", linked to the exhibit in the appendix.
    Linked,
    /// "E3 (Refugee Week assembly)", plain text: the appendix travels separately.
    Titled,
}

/// One piece of the application, in reading order.
pub(crate) enum Block {
    /// A strand's band, with its summary (possibly empty).
    Strand { key: String, name: String, summary: String },
    /// A criterion's heading, its summary (possibly empty) and its audit and evidence line.
    Criterion { key: String, heading: String, summary: String, status: String },
    /// "What we already do", "Gaps" or "Our account": the account read from its stored form (see
    /// `richtext`; empty when nothing is written), and the words shown when it is empty.
    Account { title: String, body: crate::richtext::Doc, empty: String },
}

/// What the application says, in order.
pub(crate) fn blocks(data: &Data, refs: Refs) -> Vec<Block> {
    let lang = data.lang;
    let text = |t: &str| -> String {
        match refs {
            Refs::Linked => t.to_string(),
            Refs::Titled => with_titles(lang, t, &data.exhibits),
        }
    };
    let mut out = Vec::new();
    for strand in &data.framework.strands {
        out.push(Block::Strand { key: strand.key.clone(), name: strand.name.clone(), summary: strand.summary.clone() });
        for c in data.framework.criteria_in(&strand.key) {
            let audit = data.audit.get(&c.key).cloned().unwrap_or_default();
            let labels: Vec<String> = exhibits_for(data, &c.key)
                .iter()
                .map(|x| match refs {
                    Refs::Linked => x.label(),
                    Refs::Titled => titled_label(lang, x),
                })
                .collect();
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
            out.push(Block::Criterion {
                key: c.key.clone(),
                heading: format!("{}. {}", c.number, c.title),
                summary: c.summary.clone(),
                status,
            });
            let narrative = data.narrative.get(&c.key).cloned().unwrap_or_default();
            for (title, body, empty) in [
                ("text.already", &audit.already, "text.already_empty"),
                ("text.gaps", &audit.gaps, "text.gaps_empty"),
                ("text.account", &narrative, "text.account_empty"),
            ] {
                let mut doc = crate::richtext::parse(body);
                // References are titled span by span, so a title is never read as formatting.
                doc.map_text(&text);
                out.push(Block::Account { title: lang.t(title).into(), body: doc, empty: lang.t(empty).into() });
            }
            if let Some(changes) = data.changes.get(&c.key).filter(|l| !l.is_empty()) {
                // The answers as a bulleted list, in the accounts' own stored form.
                let list: Vec<String> = changes.iter().map(|l| format!("- {}", l.replace('\n', " "))).collect();
                let mut doc = crate::richtext::parse(&list.join("\n"));
                doc.map_text(&text);
                out.push(Block::Account { title: lang.t("text.changes_since").into(), body: doc, empty: String::new() });
            }
        }
    }
    out
}

/// Resolves "E3" to the anchor of exhibit 3 when it is in the appendix, so references link to it.
fn exhibit_target(data: &Data) -> impl Fn(&str) -> Option<String> + '_ {
    move |word: &str| {
        let n: usize = word.strip_prefix('E')?.parse().ok()?;
        data.exhibits.iter().find(|x| x.number == n).map(super::exhibit_anchor)
    }
}

/// The application as a section of the whole portfolio, from a new page.
pub(super) fn application(l: &mut Layout, data: &Data) {
    let lang = data.lang;
    section(l, lang.t("section.application"), "application");
    l.paragraph(&lang.v("text.application_intro", &data.words), small(), 0.0);
    draw(l, &blocks(data, Refs::Linked), &exhibit_target(data));
}

/// The application on its own: the cover line at the top of the first page, then the section.
pub(super) fn standalone(l: &mut Layout, data: &Data, date: NaiveDate) {
    let lang = data.lang;
    l.page_break();
    let school = super::labels::school_name(data);
    cover_line(l, data, &lang.vf("part.application_title", &data.words, &[("school", &school)]), date);
    l.heading(1, lang.t("section.application"), h1(), 40.0, Some("application"));
    l.gap(10.0);
    l.paragraph(lang.t("part.application_intro"), small(), 0.0);
    draw(l, &blocks(data, Refs::Titled), &|_: &str| None);
}

/// Lays the blocks out as the pages have always shown the application.
fn draw(l: &mut Layout, blocks: &[Block], target: &dyn Fn(&str) -> Option<String>) {
    let w = l.text_width();
    let mut first_strand = true;
    for block in blocks {
        match block {
            Block::Strand { key, name, summary } => {
                if !first_strand {
                    l.gap(10.0);
                }
                first_strand = false;
                l.ensure(120.0);
                l.gap(6.0);
                l.anchor(&format!("strand-{key}"));
                let y = l.y();
                l.rect(MARGIN_X, y - 30.0, w, 30.0, Color::ACCENT);
                l.tag(Role::H(2), |l| l.line_at(name, Style::new(15.0).bold().color(Color::WHITE), MARGIN_X + 10.0, w - 20.0, y - 20.5, Align::Start));
                l.set_y(y - 30.0);
                if !summary.is_empty() {
                    l.gap(6.0);
                    l.paragraph(summary, small(), 0.0);
                }
            }
            Block::Criterion { key, heading, summary, status } => {
                l.gap(12.0);
                l.heading(3, heading, h2(), 50.0, Some(&format!("criterion-{key}")));
                if !summary.is_empty() {
                    l.paragraph(summary, small(), 0.0);
                }
                l.gap(4.0);
                l.paragraph_linked(status, Style::new(9.5).bold().color(Color::MUTED), 0.0, target);
                l.gap(4.0);
            }
            Block::Account { title, body, empty } => {
                l.heading(4, title, h3(), 20.0, None);
                if body.is_empty() {
                    l.paragraph(empty, small(), 0.0);
                } else {
                    super::account::draw_account(l, body, target);
                }
                l.gap(3.0);
            }
        }
    }
}
