//! The ways round the document: the contents pages (drawn last, once every section's page is known)
//! and the bookmarks a viewer shows beside the pages.

use super::style::h1;
use super::{document_anchor, Copies, Data, DocumentPages};
use crate::i18n::Lang;
use crate::pdf::{line_height, Align, Layout, OutlineItem, Style, MARGIN_X, PAGE_H, PAGE_W};

/// A contents entry: depth, title, anchor.
pub(super) struct Entry {
    depth: usize,
    title: String,
    anchor: String,
}

pub(super) const CONTENTS_PER_PAGE: usize = 34;

pub(super) fn contents_entries(data: &Data) -> Vec<Entry> {
    let lang = data.lang;
    let e = |depth: usize, title: &str, anchor: &str| Entry {
        depth,
        title: title.to_string(),
        anchor: anchor.to_string(),
    };
    let mut v = vec![
        e(0, &lang.v("section.school", &data.words), "school"),
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
    if let Some(title) = super::commitments::title(data) {
        v.push(e(0, title, "commitments"));
    }
    v.push(e(0, lang.t("section.feedback"), "feedback"));
    v.push(e(0, lang.t("section.appendix"), "appendix"));
    v
}

pub(super) fn draw_contents(l: &mut Layout, lang: Lang, first: usize, entries: &[Entry]) {
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

pub(super) fn outline(data: &Data, documents: &DocumentPages, copies: &Copies) -> Vec<OutlineItem> {
    let lang = data.lang;
    let mut items = vec![
        OutlineItem::new(lang.t("section.cover"), "cover"),
        OutlineItem::new(lang.t("section.contents"), "contents"),
        OutlineItem::new(&lang.v("section.school", &data.words), "school"),
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
    if let Some(title) = super::commitments::title(data) {
        items.push(OutlineItem::new(title, "commitments"));
    }
    items.push(OutlineItem::new(lang.t("section.feedback"), "feedback"));
    let mut appendix = OutlineItem::new(lang.t("section.appendix"), "appendix");
    for x in &data.exhibits {
        let mut item = OutlineItem::new(format!("{} {}", x.label(), x.title), super::exhibit_anchor(x));
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
