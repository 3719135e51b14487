//! The ways round the document: the contents pages (drawn last, once every section's page is known)
//! and the bookmarks a viewer shows beside the pages.

use super::style::h1;
use super::{document_anchor, Copies, Data, DocumentPages};
use crate::i18n::Lang;
use crate::pdf::{line_height, Align, Layout, OutlineItem, Role, Style, Tag, MARGIN_X, PAGE_H, PAGE_W};

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
    draw_contents_from(l, lang, first, PAGE_H - 64.0 - 20.0, entries);
}

/// The contents entries of the evidence pack: the appendix and each exhibit under it.
pub(super) fn evidence_entries(data: &Data) -> Vec<Entry> {
    let mut v = vec![Entry { depth: 0, title: data.lang.t("section.appendix").into(), anchor: "appendix".into() }];
    for x in &data.exhibits {
        v.push(Entry { depth: 1, title: format!("{}  {}", x.label(), x.title), anchor: super::exhibit_anchor(x) });
    }
    v
}

/// Entries the first contents page holds when its heading starts `top` points from the page's
/// bottom (the later pages hold [`CONTENTS_PER_PAGE`]).
pub(super) fn first_page_capacity(top: f32) -> usize {
    let lost = (PAGE_H - 64.0 - 20.0 - top).max(0.0);
    let per_entry = line_height(Style::new(11.0)) + 2.0;
    CONTENTS_PER_PAGE.saturating_sub((lost / per_entry).ceil() as usize).max(1)
}

/// Draws the contents from page `first` on, its heading at `top` on the first page and the later
/// pages full; the first page holds [`first_page_capacity`] entries.
pub(super) fn draw_contents_from(l: &mut Layout, lang: Lang, first: usize, top: f32, entries: &[Entry]) {
    let w = PAGE_W - 2.0 * MARGIN_X;
    let capacity = first_page_capacity(top);
    let (head, tail) = entries.split_at(capacity.min(entries.len()));
    let chunks = std::iter::once(head).chain(tail.chunks(CONTENTS_PER_PAGE));
    for (chunk_no, chunk) in chunks.enumerate() {
        let page = first + chunk_no;
        let mut y = if chunk_no == 0 { top } else { PAGE_H - 64.0 - 20.0 };
        if chunk_no == 0 {
            l.tag(Role::H(1), |l| l.line_on(page, lang.t("section.contents"), h1(), MARGIN_X, w, y, Align::Start));
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
            // One link per entry: its title, its page number and the annotation together.
            let alt = format!("{} {}", entry.title, number);
            l.tag(Role::P, |l| {
                l.tag(Tag::link(alt.trim()), |l| {
                    l.line_on(page, &entry.title, style, MARGIN_X + indent, w - indent - 40.0, y, Align::Start);
                    l.line_on(page, &number, style, MARGIN_X, w, y, Align::Right);
                    l.link(page, [MARGIN_X + indent, y - 4.0, PAGE_W - MARGIN_X, y + style.size], &entry.anchor);
                })
            });
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
    items.extend(strand_outline(data));
    items.push(OutlineItem::new(lang.t("section.plan"), "plan"));
    if let Some(title) = super::commitments::title(data) {
        items.push(OutlineItem::new(title, "commitments"));
    }
    items.push(OutlineItem::new(lang.t("section.feedback"), "feedback"));
    items.push(appendix_outline(data, documents, copies));
    items
}

/// A bookmark a strand, each criterion under it.
pub(super) fn strand_outline(data: &Data) -> Vec<OutlineItem> {
    let mut items = Vec::new();
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
    items
}

/// The appendix's bookmark, each exhibit under it with its merged document and reading copy.
pub(super) fn appendix_outline(data: &Data, documents: &DocumentPages, copies: &Copies) -> OutlineItem {
    let lang = data.lang;
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
    appendix
}
