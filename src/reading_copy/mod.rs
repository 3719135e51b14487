//! Reading copies: Word, PowerPoint and OpenDocument files typeset as pages of the portfolio, right
//! after their exhibit's heading in the appendix, so the panel reads what is inside them.
//!
//! A copy always starts on a page of its own, so the pages it takes do not depend on what comes
//! before it: the number counted at import (shown on the evidence tile) is the number the export
//! gives. Documents flow as headings (also bookmarks under the exhibit), paragraphs with bold and
//! italic, lists, bordered tables with wrapping cells, pictures scaled to the text width and page
//! breaks; charts are drawn from the values the file caches, with their data as a table beneath;
//! diagrams become boxes of their texts; an embedded object without a printable picture gets a
//! note in its place; presentations become one framed panel per slide, as many to a page as fit.
//!
//! Not for: reading the files (see `office`), nor making pictures safe to print (see
//! `evidence::document_pictures::reading_copy_picture`, the same path photos take; the caller passes it in,
//! so this module stays below both `evidence`, which counts pages at import, and `portfolio`).
//!
//! `document` flows a Word or OpenDocument text, `slides` frames a presentation's slides, and
//! `picture` draws the pictures of both, `chart` and `diagram` their charts and diagrams; this
//! file holds what a copy is and places copies in the
//! appendix.

mod chart;
mod diagram;
mod document;
mod picture;
mod slides;
mod table;

use std::collections::BTreeMap;

use document::flow;
use slides::slide;

use crate::i18n::Lang;
use crate::office::Content;
use crate::pdf::{line_height, wrap, Align, Color, Layout, OutlineItem, Photo, Style, MARGIN_X, PAGE_H};

/// Body text of a copy: a little smaller than the portfolio's, as documents are dense.
const BODY: f32 = 10.0;
/// Tallest a picture is drawn, so one never fills a page on its own.
const PICTURE_MAX_H: f32 = 380.0;
/// Indent per list level.
const LIST_INDENT: f32 = 16.0;
/// Padding inside a slide's frame.
const PAD: f32 = 12.0;
/// Height of a chart's drawing in a document, and in a slide's panel.
const CHART_H: f32 = 190.0;
const SLIDE_CHART_H: f32 = 160.0;
/// Tallest a slide's pictures are drawn.
const SLIDE_PICTURE_MAX_H: f32 = 150.0;

/// A picture as the copy draws it.
pub(crate) enum Pic {
    /// Made safe and ready to draw; the original's upright pixel size.
    Shown(Photo, (u32, u32)),
    /// Only measured (its original upright pixel size): enough to count pages.
    Sized(u32, u32),
    /// Not printable: a grey note takes its place.
    NotShown,
}

impl Pic {
    fn pixels(&self) -> Option<(u32, u32)> {
        match self {
            Pic::Shown(_, s) => Some(*s),
            Pic::Sized(w, h) => Some((*w, *h)),
            Pic::NotShown => None,
        }
    }

    /// Bytes the picture adds to the PDF.
    pub(crate) fn bytes(&self) -> u64 {
        match self {
            Pic::Shown(p, _) => p.jpeg.len() as u64,
            _ => 0,
        }
    }
}

/// A document read and its pictures prepared, ready to typeset.
pub(crate) struct ReadingCopy {
    content: Content,
    /// In the order of `Content::pictures`.
    pictures: Vec<Pic>,
}

impl ReadingCopy {
    /// Prepares `content`'s pictures with `prepare` and lets go of their original bytes.
    pub(crate) fn new(mut content: Content, prepare: impl Fn(&[u8]) -> Pic) -> ReadingCopy {
        let pictures = content
            .pictures_mut()
            .into_iter()
            .map(|p| {
                let pic = prepare(&p.bytes);
                p.bytes = Vec::new();
                pic
            })
            .collect();
        ReadingCopy { content, pictures }
    }

    /// Bytes its pictures add to the PDF.
    pub(crate) fn picture_bytes(&self) -> u64 {
        self.pictures.iter().map(Pic::bytes).sum()
    }
}

/// Pages a copy takes in the portfolio (counted at import; the export gives the same).
pub(crate) fn page_count(copy: ReadingCopy, lang: Lang) -> usize {
    let mut l = Layout::new();
    let mut outline = Vec::new();
    typeset(&mut l, copy, lang, "", "", 0, &mut outline)
}

/// A copy on its own as a PDF written to `out` (no portfolio around it): what the tests compare with
/// other software's rendering of the same file, and a preview of what the panel will read. `file`
/// names it in the page headers. Returns the pages written.
pub(crate) fn write_pdf(copy: ReadingCopy, lang: Lang, file: &str, out: &mut dyn std::io::Write) -> crate::Result<usize> {
    let mut l = Layout::new();
    let mut outline = Vec::new();
    typeset(&mut l, copy, lang, "", file, 0, &mut outline);
    let meta = crate::pdf::Metadata {
        title: file.to_string(),
        author: String::new(),
        subject: String::new(),
        keywords: String::new(),
        language: lang.tag().into(),
        created: chrono::DateTime::UNIX_EPOCH,
        id: [0; 16],
        footer: file.to_string(),
        page_of: lang.t("doc.page_of").to_string(),
    };
    crate::pdf::write(l, &meta, &outline, Vec::new(), out)
}

/// Typesets `copy` from a new page; returns the pages it took and fills `outline` with its
/// headings (or slides) as bookmarks. `label` and `file` name the exhibit in each page's header.
pub(crate) fn typeset(
    l: &mut Layout,
    copy: ReadingCopy,
    lang: Lang,
    label: &str,
    file: &str,
    number: usize,
    outline: &mut Vec<OutlineItem>,
) -> usize {
    l.page_break();
    let first = l.page_index();
    let mut pictures = copy.pictures.into_iter();
    let mut marks = Outliner { number, items: outline, stack: Vec::new(), count: 0 };
    match copy.content {
        Content::Flow(blocks) => flow(l, &blocks, &mut pictures, &mut marks, lang),
        Content::Slides { slides, aspect } => {
            for s in &slides {
                slide(l, s, aspect, &mut pictures, &mut marks, lang);
            }
        }
    }
    let last = l.page_index();
    // A running header on each page of the copy says whose pages these are.
    let header = lang.f("copy.header", &[("exhibit", &label), ("file", &file)]);
    let style = Style::new(8.0).color(Color::MUTED);
    let width = l.text_width();
    for page in first..=last {
        l.line_on(page, &header, style, MARGIN_X, width, PAGE_H - 44.0, Align::Start);
        l.rect_on(page, MARGIN_X, PAGE_H - 50.0, width, 0.5, Color::RULE);
    }
    last + 1 - first
}

/// Bookmarks of a copy's headings, nested by level.
pub(super) struct Outliner<'a> {
    number: usize,
    items: &'a mut Vec<OutlineItem>,
    /// The heading levels of the open bookmarks, outermost first.
    stack: Vec<u8>,
    count: usize,
}

impl Outliner<'_> {
    /// A new anchor name for the next bookmark.
    pub(super) fn anchor(&mut self) -> String {
        self.count += 1;
        format!("copy-{}-{}", self.number, self.count)
    }

    pub(super) fn add(&mut self, level: u8, title: &str, anchor: String) {
        while self.stack.last().is_some_and(|l| *l >= level) {
            self.stack.pop();
        }
        let mut list: &mut Vec<OutlineItem> = &mut *self.items;
        for _ in 0..self.stack.len() {
            list = &mut list.last_mut().expect("a parent for each level on the stack").children;
        }
        list.push(OutlineItem::new(title, anchor));
        self.stack.push(level);
    }
}

/// Reading copies of one export, by exhibit number, and the bookmarks their headings give.
#[derive(Default)]
pub(crate) struct Copies {
    ready: BTreeMap<usize, ReadingCopy>,
    outlines: BTreeMap<usize, Vec<OutlineItem>>,
}

impl Copies {
    /// Adds the copy of exhibit `number`.
    pub(crate) fn insert(&mut self, number: usize, copy: ReadingCopy) {
        self.ready.insert(number, copy);
    }

    /// Bytes of all the copies' pictures.
    pub(crate) fn picture_bytes(&self) -> u64 {
        self.ready.values().map(ReadingCopy::picture_bytes).sum()
    }

    /// Places exhibit `number`'s copy at the cursor: the note saying what follows, then the copy
    /// from a new page, then a closing line. Returns false when it has none.
    pub(crate) fn place(&mut self, l: &mut Layout, lang: Lang, number: usize, label: &str, file: &str) -> bool {
        let Some(copy) = self.ready.remove(&number) else { return false };
        // The note names the page count, known only once the copy is laid out: its lines are
        // kept free (for the widest count) and written afterwards.
        let style = Style::new(9.0).color(Color::MUTED);
        let width = l.text_width();
        let lh = line_height(style);
        let room = wrap(&lang.f("copy.pages", &[("file", &file), ("n", &9999)]), style, width).len();
        l.gap(2.0);
        l.ensure(lh * room as f32);
        let (page, top) = (l.page_index(), l.y());
        l.gap(lh * room as f32);
        // The note is read before the copy, though written after it.
        let note_node = l.reserve(crate::pdf::Role::P);
        let mut outline = Vec::new();
        let pages = typeset(l, copy, lang, label, file, number, &mut outline);
        let note = if pages == 1 {
            lang.f("copy.one_page", &[("file", &file)])
        } else {
            lang.f("copy.pages", &[("file", &file), ("n", &pages)])
        };
        l.fill(note_node, |l| {
            for (i, line) in wrap(&note, style, width).iter().take(room).enumerate() {
                l.line_on(page, line, style, MARGIN_X, width, top - style.size - i as f32 * lh, Align::Start);
            }
        });
        l.gap(10.0);
        l.ensure(20.0);
        l.rule(Color::RULE, 0.5);
        l.gap(12.0);
        let y = l.y();
        l.line_at(&lang.f("copy.end", &[("file", &file)]), Style::new(8.5).italic().color(Color::MUTED), MARGIN_X, width, y, Align::Start);
        l.gap(6.0);
        self.outlines.insert(number, outline);
        true
    }

    /// The bookmarks of exhibit `number`'s copy, once placed.
    pub(crate) fn outline(&self, number: usize) -> Vec<OutlineItem> {
        self.outlines.get(&number).cloned().unwrap_or_default()
    }
}
