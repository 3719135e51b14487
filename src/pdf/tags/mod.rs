//! The structure tree of a tagged PDF (PDF 32000 14.7, PDF/UA-1), recorded while pages are laid out:
//! what each piece of content is (a heading of some level, a paragraph, a list item, a table cell, a
//! figure with its alternative text, a link, a quote), in the order the eye reads it, with the
//! marked-content identifiers (MCIDs) that tie it to the page's drawing operations.
//!
//! Not for: drawing (see `layout`, which asks this module for a tag around each piece it draws) or
//! the file's bytes (see `write`, which turns the recorded tree into PDF objects with lopdf after
//! printpdf has written the pages). printpdf writes a `BDC` with an inline property list, which is
//! all marked content needs; it has no structure tree, so the tree is written here.

mod write;

pub(crate) use write::write;

/// What a structure element is: the standard structure types this app uses (no role map needed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The whole document (the tree's one root element).
    Document,
    /// A large division (a section of the portfolio).
    Part,
    /// A division within a part.
    Sect,
    /// A heading of level 1 to 6.
    H(u8),
    /// A paragraph.
    P,
    /// A list, its items, an item's mark and an item's body.
    L,
    LI,
    Lbl,
    LBody,
    /// A table, its rows, header cells (with their scope) and data cells.
    Table,
    TR,
    TH(Scope),
    TD,
    /// A picture, chart or QR code; it carries alternative text.
    Figure,
    /// A link; its annotation hangs under it.
    Link,
    /// A quotation set apart, and a quotation inline.
    BlockQuote,
    Quote,
    /// The caption of a figure or table.
    Caption,
}

/// Which cells a table header cell heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Row,
    Column,
}

impl Role {
    /// The structure type's PDF name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::Part => "Part",
            Role::Sect => "Sect",
            Role::H(1) => "H1",
            Role::H(2) => "H2",
            Role::H(3) => "H3",
            Role::H(4) => "H4",
            Role::H(5) => "H5",
            Role::H(_) => "H6",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH(_) => "TH",
            Role::TD => "TD",
            Role::Figure => "Figure",
            Role::Link => "Link",
            Role::BlockQuote => "BlockQuote",
            Role::Quote => "Quote",
            Role::Caption => "Caption",
        }
    }

    /// Elements that only group others: text drawn straight into one gets a paragraph of its own.
    pub(crate) fn groups(self) -> bool {
        matches!(self, Role::Document | Role::Part | Role::Sect | Role::L | Role::LI | Role::Table | Role::TR)
    }
}

/// A structure element to open: its role and, for figures and quotes, its alternative text and
/// language.
#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    pub role: Role,
    /// Alternative text (a figure's description, a link's description).
    pub alt: String,
    /// BCP 47 language when it differs from the document's (a quote in Arabic: "ar").
    pub lang: Option<String>,
}

impl Tag {
    /// A figure described by `alt`.
    pub fn figure(alt: impl Into<String>) -> Tag {
        Tag { role: Role::Figure, alt: alt.into(), lang: None }
    }

    /// A link described by `alt` (its annotation's /Contents).
    pub fn link(alt: impl Into<String>) -> Tag {
        Tag { role: Role::Link, alt: alt.into(), lang: None }
    }

    /// The same element in language `lang` (nothing when `None`).
    pub fn lang(mut self, lang: Option<String>) -> Tag {
        self.lang = lang;
        self
    }
}

impl From<Role> for Tag {
    fn from(role: Role) -> Tag {
        Tag { role, alt: String::new(), lang: None }
    }
}

/// A structure element's child.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kid {
    Node(usize),
    /// Marked content `mcid` on page `page`.
    Content { page: usize, mcid: i64 },
    /// The `n`-th annotation of page `page`.
    Annot { page: usize, n: usize },
}

/// One structure element.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub tag: Tag,
    pub kids: Vec<Kid>,
    /// The figure's box on its page ([x1, y1, x2, y2]), for the layout attribute.
    pub bbox: Option<[f32; 4]>,
}

/// The tree so far and where new content goes.
#[derive(Debug, Clone)]
pub(crate) struct Tree {
    pub nodes: Vec<Node>,
    /// Open elements, innermost last; the root (0) is always open.
    stack: Vec<usize>,
    /// How deep inside artifacts drawing is (running headers, footers, decoration).
    artifact: usize,
    /// Next MCID per page.
    next_mcid: Vec<i64>,
    /// Per page, the Link element each annotation belongs to, in the order the annotations are
    /// written.
    pub annots: Vec<Vec<usize>>,
}

impl Default for Tree {
    fn default() -> Self {
        Tree {
            nodes: vec![Node { tag: Role::Document.into(), kids: Vec::new(), bbox: None }],
            stack: vec![0],
            artifact: 0,
            next_mcid: Vec::new(),
            annots: Vec::new(),
        }
    }
}

/// How a piece of content is marked in the page's operations.
pub(crate) enum Mark {
    /// `/Artifact BMC`.
    Artifact,
    /// `/Tag <</MCID n>> BDC`.
    Content { tag: &'static str, mcid: i64 },
}

/// What is being drawn: text and pictures are content wherever they are; lines and filled shapes
/// are decoration unless they are part of a figure (a chart, a QR code).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    Text,
    Image,
    Graphic,
}

impl Tree {
    /// The innermost open element.
    pub fn current(&self) -> usize {
        *self.stack.last().expect("the root stays open")
    }

    /// Adds a child element to the current one (not opened).
    pub fn add(&mut self, tag: Tag) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node { tag, kids: Vec::new(), bbox: None });
        let parent = self.current();
        self.nodes[parent].kids.push(Kid::Node(id));
        id
    }

    /// Makes `node` the element new content goes in, until `close`.
    pub fn open(&mut self, node: usize) {
        self.stack.push(node);
    }

    /// Goes back to the element that was current before the last `open`.
    pub fn close(&mut self) {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    pub fn enter_artifact(&mut self) {
        self.artifact += 1;
    }

    pub fn leave_artifact(&mut self) {
        self.artifact = self.artifact.saturating_sub(1);
    }

    fn inside_figure(&self) -> bool {
        self.stack.iter().any(|n| self.nodes[*n].tag.role == Role::Figure)
    }

    /// How the next piece of `kind` drawn on `page` is marked, recording it in the tree. Text drawn
    /// straight into a grouping element becomes a paragraph of its own.
    pub fn mark(&mut self, page: usize, kind: Kind) -> Mark {
        if self.artifact > 0 || (kind == Kind::Graphic && !self.inside_figure()) {
            return Mark::Artifact;
        }
        let mut node = self.current();
        if self.nodes[node].tag.role.groups() {
            node = self.add(if kind == Kind::Image { Tag::figure("") } else { Role::P.into() });
        }
        if self.next_mcid.len() <= page {
            self.next_mcid.resize(page + 1, 0);
        }
        let mcid = self.next_mcid[page];
        self.next_mcid[page] += 1;
        self.nodes[node].kids.push(Kid::Content { page, mcid });
        Mark::Content { tag: self.nodes[node].tag.role.name(), mcid }
    }

    /// Records that the next annotation written on `page` belongs to `link` (a Link element).
    pub fn annotation(&mut self, page: usize, link: usize) {
        if self.annots.len() <= page {
            self.annots.resize(page + 1, Vec::new());
        }
        let n = self.annots[page].len();
        self.annots[page].push(link);
        self.nodes[link].kids.push(Kid::Annot { page, n });
    }

    /// Whether `node` is a Link element.
    pub fn is_link(&self, node: usize) -> bool {
        self.nodes[node].tag.role == Role::Link
    }
}
