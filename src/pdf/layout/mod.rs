//! Flowing content down A4 pages: a cursor that wraps paragraphs, keeps headings with what follows,
//! breaks tables between rows (repeating their header), and remembers named places (anchors) so
//! that contents entries, bookmarks and references can point at them.
//!
//! The same code lays out the export and counts pages while the coordinator types, so it does no
//! I/O and holds only drawing operations.
//!
//! This file is the cursor and its primitives (lines, paragraphs, headings, pictures, rules and
//! links); `blocks` builds fields, quotes and tables on them; `marked` wraps every drawing in
//! marked content or an artifact and records the structure tree (see `pdf::tags`).

mod blocks;
mod marked;
mod rich;

pub use rich::Piece;
mod shapes;

use std::collections::BTreeMap;

use printpdf::{
    Actions, BorderArray, ColorArray, Destination, HighlightingMode, Line, LinePoint, LinkAnnotation, Op, PaintMode,
    Point, Pt, Rect, WindingOrder,
};

use super::tags::{Kind, Role, Tag, Tree};
use super::text::{self, Style};
use super::Color;

/// A4 width in points.
pub const PAGE_W: f32 = 595.28;
/// A4 height in points.
pub const PAGE_H: f32 = 841.89;
/// Left and right margin.
pub const MARGIN_X: f32 = 62.0;
const MARGIN_TOP: f32 = 64.0;
/// Bottom margin; the footer sits inside it.
const MARGIN_BOTTOM: f32 = 68.0;

/// Horizontal placement of a line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    /// Flush left, or flush right when the text reads right to left.
    Start,
    Center,
    Right,
}

/// A place in the document: page index (0-based) and height on the page (points from the bottom).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    pub page: usize,
    pub y: f32,
}

/// A link from a rectangle on a page to an anchor, resolved when the document is written.
#[derive(Debug, Clone)]
pub(crate) struct PendingLink {
    pub page: usize,
    pub rect: [f32; 4],
    pub anchor: String,
    /// The Link element its annotation goes under.
    pub node: usize,
}

/// A table column: its share of the text width and its header.
#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    /// Relative width; the widths of a table's columns are scaled to fill the line.
    pub weight: f32,
}

/// Pages being filled from top to bottom.
pub struct Layout {
    pub(crate) pages: Vec<Vec<Op>>,
    y: f32,
    pub(crate) anchors: BTreeMap<String, Place>,
    pub(crate) links: Vec<PendingLink>,
    /// Images placed so far, named IM1, IM2, ... in order so that the output repeats.
    pub(crate) images: Vec<(String, printpdf::ExternalXObject)>,
    /// Characters that no font could draw, left out of the lines they were in.
    missing: std::collections::BTreeSet<char>,
    /// The structure tree recorded so far (see `marked`).
    pub(crate) tags: Tree,
}

impl Default for Layout {
    fn default() -> Self {
        Layout::new()
    }
}

impl Layout {
    /// An empty document (no pages yet).
    pub fn new() -> Layout {
        Layout {
            pages: Vec::new(),
            y: 0.0,
            anchors: BTreeMap::new(),
            links: Vec::new(),
            images: Vec::new(),
            missing: Default::default(),
            tags: Tree::default(),
        }
    }

    /// Pages so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// How much of the current page's text area is used, from 0 to 1.
    pub fn page_fill(&self) -> f32 {
        if self.pages.is_empty() {
            return 0.0;
        }
        let area = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM;
        ((PAGE_H - MARGIN_TOP - self.y) / area).clamp(0.0, 1.0)
    }

    /// Points left above the bottom margin on the current page (0 before the first page).
    pub fn room(&self) -> f32 {
        if self.pages.is_empty() {
            return 0.0;
        }
        (self.y - MARGIN_BOTTOM).max(0.0)
    }

    /// Height of a page's text area, between the margins.
    pub fn page_area(&self) -> f32 {
        PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
    }

    /// Index of the current page.
    pub fn page_index(&self) -> usize {
        self.pages.len().saturating_sub(1)
    }

    /// Width of the text area.
    pub fn text_width(&self) -> f32 {
        PAGE_W - 2.0 * MARGIN_X
    }

    /// The cursor's height on the page (points from the bottom).
    pub fn y(&self) -> f32 {
        self.y
    }

    /// Starts a new page.
    pub fn page_break(&mut self) {
        self.pages.push(Vec::new());
        self.y = PAGE_H - MARGIN_TOP;
    }

    /// Starts a new page unless `height` points still fit on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.pages.is_empty() || self.y - height < MARGIN_BOTTOM {
            self.page_break();
        }
    }

    /// Moves the cursor down (never past the bottom: the next content starts a page instead).
    pub fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    /// Moves the cursor to `y` on the current page.
    pub fn set_y(&mut self, y: f32) {
        self.y = y;
    }

    /// Remembers the cursor's place under `name`.
    pub fn anchor(&mut self, name: &str) {
        if self.pages.is_empty() {
            self.page_break();
        }
        self.anchors.insert(
            name.to_string(),
            Place {
                page: self.page_index(),
                y: self.y,
            },
        );
    }

    /// Where `name` is, once laid out.
    pub fn place(&self, name: &str) -> Option<Place> {
        self.anchors.get(name).copied()
    }

    /// Operations of page `index`, for drawing on a page laid out earlier (contents, footers).
    pub(crate) fn page_ops(&mut self, index: usize) -> &mut Vec<Op> {
        &mut self.pages[index]
    }

    /// Draws one line of text with its baseline at `y`, between `x` and `x + width`.
    pub fn line_at(&mut self, line: &str, style: Style, x: f32, width: f32, y: f32, align: Align) -> f32 {
        let page = self.page_index();
        self.line_on(page, line, style, x, width, y, align)
    }

    /// Characters that no font on this computer could draw, in code point order (they were left
    /// out; the caller says so in a warning).
    pub fn unprintable(&self) -> Vec<char> {
        self.missing.iter().copied().collect()
    }

    fn ops_at(&mut self, page: usize) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.page_break();
        }
        &mut self.pages[page]
    }

    /// Draws `line` on page `page` (laid out earlier).
    pub fn line_on(&mut self, page: usize, line: &str, style: Style, x: f32, width: f32, y: f32, align: Align) -> f32 {
        let shaped = text::shape(line, style);
        self.missing.extend(shaped.missing.iter().copied());
        if shaped.is_empty() {
            return shaped.width;
        }
        let mut drawn = 0.0;
        self.marked(page, Kind::Text, |ops| drawn = draw_line(ops, &shaped, style, x, width, y, align));
        drawn
    }

    /// A wrapped paragraph from the cursor down, `indent` points in from both margins' left.
    pub fn paragraph(&mut self, body: &str, style: Style, indent: f32) {
        self.paragraph_linked(body, style, indent, &|_| None);
    }

    /// A wrapped paragraph in which words that `target` recognises (for example exhibit numbers
    /// such as "E3") link to the anchor it names. Links are made on left-to-right lines.
    pub fn paragraph_linked(&mut self, body: &str, style: Style, indent: f32, target: &dyn Fn(&str) -> Option<String>) {
        self.block(Role::P, |l| l.paragraph_lines(body, style, indent, target));
    }

    fn paragraph_lines(&mut self, body: &str, style: Style, indent: f32, target: &dyn Fn(&str) -> Option<String>) {
        let width = self.text_width() - indent;
        let lh = line_height(style);
        for line in text::wrap(body, style, width) {
            self.ensure(lh);
            self.y -= style.size;
            let y = self.y;
            let x = MARGIN_X + indent;
            self.line_at(&line, style, x, width, y, Align::Start);
            if !text::shape(&line, style).rtl {
                let mut offset = 0;
                for word in line.split(' ') {
                    let token = word.trim_matches(|c: char| !c.is_alphanumeric());
                    if let Some(anchor) = (!token.is_empty()).then(|| target(token)).flatten() {
                        let start = offset + word.find(token).unwrap_or(0);
                        let x1 = x + text::width(&line[..start], style);
                        let x2 = x1 + text::width(token, style);
                        let page = self.page_index();
                        self.link_described(page, [x1, y - style.size * 0.25, x2, y + style.size * 0.85], &anchor, token);
                    }
                    offset += word.len() + 1;
                }
            }
            self.y -= lh - style.size;
        }
    }

    /// A heading of `level` (1 to 6, following the bookmarks' levels) kept on the same page as at
    /// least `keep` points of what follows.
    pub fn heading(&mut self, level: u8, title: &str, style: Style, keep: f32, anchor: Option<&str>) {
        self.tag(Role::H(level), |l| l.heading_lines(title, style, keep, anchor));
    }

    fn heading_lines(&mut self, title: &str, style: Style, keep: f32, anchor: Option<&str>) {
        let lines = text::wrap(title, style, self.text_width());
        let lh = line_height(style);
        self.ensure(lh * lines.len() as f32 + keep);
        if let Some(a) = anchor {
            self.anchor(a);
        }
        for line in lines {
            self.y -= style.size;
            let y = self.y;
            self.line_at(&line, style, MARGIN_X, self.text_width(), y, Align::Start);
            self.y -= lh - style.size;
        }
    }

    /// Draws `photo` upright into the box with lower left corner (x, y), `w` by `h` points (the
    /// caller keeps the aspect ratio). The photo's bytes are held until the document is written.
    pub fn photo(&mut self, photo: super::image::Photo, x: f32, y: f32, w: f32, h: f32) {
        let id = format!("IM{}", self.images.len() + 1);
        let m = photo.matrix(x, y, w, h);
        self.images.push((id.clone(), photo.into_xobject()));
        self.figure_box([x, y, x + w, y + h]);
        let page = self.page_index();
        self.marked(page, Kind::Image, |ops| draw_xobject(ops, id, m));
    }

    /// A filled rectangle (x, y = lower left).
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Color) {
        let page = self.page_index();
        self.rect_on(page, x, y, w, h, color);
    }

    /// A filled rectangle on an earlier page.
    pub fn rect_on(&mut self, page: usize, x: f32, y: f32, w: f32, h: f32, color: Color) {
        self.marked(page, Kind::Graphic, |ops| fill_rect(ops, x, y, w, h, color));
    }

    /// A horizontal rule across the text width at the cursor.
    pub fn rule(&mut self, color: Color, thickness: f32) {
        let y = self.y;
        let x2 = PAGE_W - MARGIN_X;
        let page = self.page_index();
        self.hline_on(page, MARGIN_X, x2, y, color, thickness);
    }

    /// A horizontal line on page `page` (a rule, an underline).
    pub(crate) fn hline_on(&mut self, page: usize, x1: f32, x2: f32, y: f32, color: Color, thickness: f32) {
        self.marked(page, Kind::Graphic, |ops| hline(ops, x1, x2, y, color, thickness));
    }

    /// A link on page `page` over `rect` ([x1, y1, x2, y2]) to the anchor `anchor`.
    pub fn link(&mut self, page: usize, rect: [f32; 4], anchor: &str) {
        self.link_described(page, rect, anchor, anchor);
    }

    /// A link to `anchor` that a screen reader announces as `alt`.
    pub fn link_described(&mut self, page: usize, rect: [f32; 4], anchor: &str, alt: &str) {
        let current = self.tags.current();
        let node = if self.tags.is_link(current) { current } else { self.tags.add(Tag::link(alt)) };
        self.links.push(PendingLink {
            page,
            rect,
            anchor: anchor.to_string(),
            node,
        });
    }

    /// A link on the current page over `rect` ([x1, y1, x2, y2]) that opens the web address `uri`
    /// (a URI action; the caller has checked that it is an http or https address).
    pub fn uri_link(&mut self, rect: [f32; 4], uri: &str) {
        let page = self.page_index();
        self.link_annotation(page, uri);
        self.ops_at(page).push(Op::LinkAnnotation {
            link: LinkAnnotation::new(
                Rect::from_xywh(Pt(rect[0]), Pt(rect[1]), Pt(rect[2] - rect[0]), Pt(rect[3] - rect[1])),
                Actions::Uri(uri.to_string()),
                Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                Some(ColorArray::Transparent),
                Some(HighlightingMode::Outline),
            ),
        });
    }
}

fn draw_xobject(ops: &mut Vec<Op>, id: String, m: [f32; 6]) {
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetTransformationMatrix {
            matrix: printpdf::CurTransMat::Raw(m),
        });
        ops.push(Op::UseXobject {
            id: printpdf::XObjectId(id),
            transform: printpdf::XObjectTransform {
                no_auto_scale: true,
                ..Default::default()
            },
        });
        ops.push(Op::RestoreGraphicsState);
}

/// Distance between baselines for `style`.
pub fn line_height(style: Style) -> f32 {
    style.size * 1.45
}

fn draw_line(ops: &mut Vec<Op>, shaped: &text::Shaped, style: Style, x: f32, width: f32, y: f32, align: Align) -> f32 {
    let start = match align {
        Align::Start if shaped.rtl => x + width - shaped.width,
        Align::Start => x,
        Align::Center => x + (width - shaped.width) / 2.0,
        Align::Right => x + width - shaped.width,
    };
    text::draw(ops, shaped, start, y, style);
    shaped.width
}

fn fill_rect(ops: &mut Vec<Op>, x: f32, y: f32, w: f32, h: f32, color: Color) {
    ops.push(Op::SetFillColor { col: color.into() });
    ops.push(Op::DrawRectangle {
        rectangle: Rect {
            x: Pt(x),
            y: Pt(y),
            width: Pt(w),
            height: Pt(h),
            mode: Some(PaintMode::Fill),
            winding_order: Some(WindingOrder::NonZero),
        },
    });
}

pub(crate) fn hline(ops: &mut Vec<Op>, x1: f32, x2: f32, y: f32, color: Color, thickness: f32) {
    ops.push(Op::SetOutlineColor { col: color.into() });
    ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
    ops.push(Op::DrawLine {
        line: Line {
            points: vec![
                LinePoint {
                    p: Point { x: Pt(x1), y: Pt(y) },
                    bezier: false,
                },
                LinePoint {
                    p: Point { x: Pt(x2), y: Pt(y) },
                    bezier: false,
                },
            ],
            is_closed: false,
        },
    });
}

/// The link annotation for a resolved link: no border, a box outline when clicked.
pub(crate) fn link_op(rect: [f32; 4], target: Place) -> Op {
    Op::LinkAnnotation {
        link: LinkAnnotation::new(
            Rect::from_xywh(Pt(rect[0]), Pt(rect[1]), Pt(rect[2] - rect[0]), Pt(rect[3] - rect[1])),
            Actions::Goto(Destination::Xyz {
                page: target.page + 1,
                left: Some(0.0),
                top: Some(target.y + 24.0),
                zoom: None,
            }),
            Some(BorderArray::Solid([0.0, 0.0, 0.0])),
            Some(ColorArray::Transparent),
            Some(HighlightingMode::Outline),
        ),
    }
}
