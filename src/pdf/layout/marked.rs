//! Tagging while laying out: the layout's calls to open a structure element around what a page
//! draws (a heading, a list item, a figure with its alternative text), to reserve an element that
//! is filled later (a list item's mark drawn after its text, the contents drawn last), and to mark
//! running headers, footers and decoration as artifacts; and the wrapping of every drawing
//! operation in marked content (`BDC ... EMC`) or an artifact (`BMC ... EMC`).
//!
//! Not for: the tree itself or writing it (see `pdf::tags`).

use std::collections::BTreeMap;

use printpdf::{DictItem, Op};

use super::Layout;
use crate::pdf::tags::{Kind, Mark, Role, Tag};

impl Layout {
    /// Draws what `f` draws inside a new structure element `tag`, a child of the current one.
    pub fn tag<R>(&mut self, tag: impl Into<Tag>, f: impl FnOnce(&mut Layout) -> R) -> R {
        let node = self.tags.add(tag.into());
        self.fill(node, f)
    }

    /// A new element under the current one, in reading order here, to be drawn into later with
    /// [`Layout::fill`].
    pub fn reserve(&mut self, tag: impl Into<Tag>) -> usize {
        self.tags.add(tag.into())
    }

    /// Draws what `f` draws inside the element `node` (from [`Layout::reserve`]).
    pub fn fill<R>(&mut self, node: usize, f: impl FnOnce(&mut Layout) -> R) -> R {
        self.tags.open(node);
        let r = f(self);
        self.tags.close();
        r
    }

    /// Draws what `f` draws as an artifact: running headers, footers, repeated table headers.
    pub fn artifact<R>(&mut self, f: impl FnOnce(&mut Layout) -> R) -> R {
        self.tags.enter_artifact();
        let r = f(self);
        self.tags.leave_artifact();
        r
    }

    /// Draws `f` inside a new `role` element when the current element only groups others (a
    /// paragraph straight under a section), else inside the current one (a paragraph in a cell).
    pub(crate) fn block<R>(&mut self, role: Role, f: impl FnOnce(&mut Layout) -> R) -> R {
        if self.tags.nodes[self.tags.current()].tag.role.groups() {
            self.tag(role, f)
        } else {
            f(self)
        }
    }

    /// Gives the current element (a figure) its box on the page, for its layout attributes.
    pub(crate) fn figure_box(&mut self, bbox: [f32; 4]) {
        let node = self.tags.current();
        if self.tags.nodes[node].tag.role == Role::Figure && self.tags.nodes[node].bbox.is_none() {
            self.tags.nodes[node].bbox = Some(bbox);
        }
    }

    /// Page `page`'s operations for one piece of `kind`, wrapped in its marked content.
    pub(crate) fn marked(&mut self, page: usize, kind: Kind, draw: impl FnOnce(&mut Vec<Op>)) {
        let mark = self.tags.mark(page, kind);
        let ops = self.ops_at(page);
        ops.push(match mark {
            Mark::Artifact => Op::BeginMarkedContent { tag: "Artifact".to_string() },
            Mark::Content { tag, mcid } => {
                let mut map = BTreeMap::new();
                map.insert("MCID".to_string(), DictItem::Int(mcid));
                Op::BeginMarkedContentWithProperties { tag: tag.to_string(), properties: DictItem::Dict { map } }
            }
        });
        draw(ops);
        ops.push(Op::EndMarkedContent);
    }

    /// Puts the annotation about to be pushed on `page` under the current Link element, or a new
    /// Link element described by `alt` when the current element is not one.
    pub(crate) fn link_annotation(&mut self, page: usize, alt: &str) -> usize {
        let current = self.tags.current();
        let node = if self.tags.is_link(current) { current } else { self.tags.add(Tag::link(alt)) };
        self.tags.annotation(page, node);
        node
    }
}
