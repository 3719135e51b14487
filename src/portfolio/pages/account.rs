//! An account (what the school already does, its gaps, its own account per criterion) as printed:
//! paragraphs, the sub-heading, bulleted and numbered lists with hanging indents, bold and italic
//! faces, and web links, from the account's stored form (see `richtext`).
//!
//! A paragraph without formatting is drawn exactly as plain accounts always were, so an old
//! account prints byte for byte as before.

use super::style::body;
use crate::pdf::{Align, Color, Layout, Piece, Role, Style, MARGIN_X};
use crate::richtext::{self, Block, Doc, List, Span};

/// Where a first-level item's text starts, from the left margin; a nested item's is twice as far.
const ITEM_INDENT: f32 = 20.0;
/// Space between an item's mark and its text.
const MARK_GAP: f32 = 5.0;

/// Draws `doc` from the cursor down the text width; exhibit words that `target` names link to it.
pub(crate) fn draw_account(l: &mut Layout, doc: &Doc, target: &dyn Fn(&str) -> Option<String>) {
    for block in &doc.blocks {
        match block {
            Block::Paragraph(spans) => {
                if spans.iter().all(Span::is_plain) {
                    l.paragraph_linked(&richtext::spans_text(spans), body(), 0.0, target);
                } else {
                    let w = l.text_width();
                    l.rich_paragraph(&pieces(spans, body()), body(), MARGIN_X, w, target);
                }
                l.gap(3.0);
            }
            Block::Heading(spans) => {
                let style = heading();
                l.gap(3.0);
                // A sub-heading stays with the first lines of what follows.
                l.ensure(crate::pdf::line_height(style) + 30.0);
                let w = l.text_width();
                // Under the account's title (a fourth-level heading).
                l.rich_paragraph_as(Role::H(5), &pieces(spans, style), style, MARGIN_X, w, target);
                l.gap(2.0);
            }
            Block::List(list) => {
                l.tag(Role::L, |l| draw_list(l, list, 0, target));
                l.gap(3.0);
            }
        }
    }
}

/// The sub-heading's style: the body's size, bold, in the headings' colour.
fn heading() -> Style {
    Style::new(11.0).bold().color(Color::ACCENT)
}

fn draw_list(l: &mut Layout, list: &List, depth: usize, target: &dyn Fn(&str) -> Option<String>) {
    let indent = ITEM_INDENT * (depth + 1) as f32;
    let full = l.text_width();
    for (i, item) in list.items.iter().enumerate() {
        let mark = richtext::mark(list, i, depth);
        let mut marked = false;
        // List item: its mark (drawn beside the first line, once that line is placed) before its body.
        let item_node = l.reserve(Role::LI);
        let (label, body_node) = l.fill(item_node, |l| (l.reserve(Role::Lbl), l.reserve(Role::LBody)));
        for block in &item.blocks {
            match block {
                Block::List(sub) => l.fill(body_node, |l| l.tag(Role::L, |l| draw_list(l, sub, depth + 1, target))),
                Block::Paragraph(spans) | Block::Heading(spans) => {
                    // A right-to-left item is indented from the right, its mark at its right.
                    let x = if reads_rtl(spans) { MARGIN_X } else { MARGIN_X + indent };
                    let first = l.fill(body_node, |l| l.tag(Role::P, |l| l.rich_paragraph(&pieces(spans, body()), body(), x, full - indent, target)));
                    let lead = first.unwrap_or_else(|| (crate::pdf::Place { page: l.page_index(), y: l.y() }, false));
                    if !marked {
                        l.fill(label, |l| draw_mark(l, &mark, lead.0, lead.1, indent, full));
                        marked = true;
                    }
                    l.gap(1.5);
                }
            }
        }
    }
}

/// The item's mark beside its first line: before the text, right-aligned against it (at its right
/// when the text reads right to left).
fn draw_mark(l: &mut Layout, mark: &str, place: crate::pdf::Place, rtl: bool, indent: f32, full: f32) {
    let style = body();
    let w = crate::pdf::text_width(mark, style);
    if rtl {
        let x = MARGIN_X + full - indent + MARK_GAP;
        l.line_on(place.page, mark, style, x, w, place.y, Align::Start);
    } else {
        let x = MARGIN_X + indent - MARK_GAP - w;
        l.line_on(place.page, mark, style, x, w, place.y, Align::Start);
    }
}

/// Whether the item's text reads right to left (by its first strong letter, as the layout decides).
fn reads_rtl(spans: &[Span]) -> bool {
    let text = richtext::spans_text(spans);
    let first = text.split('\n').next().unwrap_or("");
    unicode_bidi::ParagraphBidiInfo::new(first, None).paragraph_level.is_rtl()
}

/// The spans as pieces to draw in `base`: bold and italic faces, links in the accent colour.
fn pieces(spans: &[Span], base: Style) -> Vec<Piece> {
    spans
        .iter()
        .map(|s| {
            let mut style = base;
            style.bold |= s.bold;
            style.italic |= s.italic;
            if s.link.is_some() {
                style.color = Color::ACCENT;
            }
            Piece { text: s.text.clone(), style, uri: s.link.clone() }
        })
        .collect()
}
