//! Comments and tracked changes of a reviewed Word file. Comments are read from the comments part
//! (`word/comments.xml`) and placed by their anchors in the body: `w:commentRangeStart` and
//! `w:commentRangeEnd` around the words they are about, or a bare `w:commentReference`. Tracked
//! insertions (`w:ins`) and deletions (`w:del`, with `w:delText`) become suggestions on the account
//! of the criterion whose section they are in, with the words around them so they can be found
//! again when accepted.
//!
//! Sections are found by the walk of `application_import::locate`: the app's own export names each
//! criterion in a "N. Title" heading and each account in a smaller heading; a school's own draft
//! names them in its own words.
//!
//! Not for: the document's text as such (see `office::docx`).

use std::collections::HashMap;

use roxmltree::Node;

use super::{iso_date, Remark, Review, Suggested};
use crate::application_import::locate::{Found, Locator, Step, Tracker};
use crate::error::{Error, Result};
use crate::feedback::suggestion::SuggestionChange as Change;
use crate::framework::Framework;
use crate::office::{self, Package, Problem};

const W: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

fn w(n: Node, local: &str) -> bool {
    n.is_element() && n.tag_name().name() == local && n.tag_name().namespace().is_some_and(|ns| W.contains(&ns))
}

fn wattr<'a>(n: Node<'a, '_>, local: &str) -> Option<&'a str> {
    n.attributes().find(|a| a.name() == local && a.namespace().is_none_or(|ns| W.contains(&ns))).map(|a| a.value())
}

fn unreadable(p: Problem) -> Error {
    Error::rule("review_unreadable", [("problem", p.code().into())], format!("the file cannot be read: {}", p.message()))
}

/// A comment as the comments part holds it.
struct Said {
    text: String,
    author: String,
    date: Option<chrono::NaiveDate>,
}

/// One piece of a paragraph, in order.
#[derive(Debug, Clone)]
enum Item {
    Text(String),
    Ins { text: String, author: String, date: String },
    Del { text: String, author: String, date: String },
    Start(String),
    End(String),
    Reference(String),
}

/// The tracked-change wrapper a run sits in.
#[derive(Clone)]
enum Mode {
    Plain,
    Ins(String, String),
    Del(String, String),
}

pub(super) fn read(fw: &Framework, bytes: &[u8]) -> Result<Review> {
    let pkg = Package::open(bytes).map_err(unreadable)?;
    let main = pkg.main_part("word/document.xml").map_err(unreadable)?;
    let dir = main.rsplit_once('/').map(|(d, _)| d).unwrap_or("").to_string();
    let said = comments(&pkg, &dir)?;
    let headings = office::heading_styles(&pkg).map_err(unreadable)?;
    let text = pkg.text(&main).map_err(unreadable)?;
    let doc = office::parse_xml(&text, &main).map_err(unreadable)?;
    let body = doc.root_element().children().find(|n| w(*n, "body")).ok_or_else(|| unreadable(Problem::Damaged("the document has no body".into())))?;
    let loc = Locator::new(fw);
    let mut walk = Walk {
        tracker: Tracker::new(&loc),
        loc: &loc,
        headings,
        app_layout: false,
        open: HashMap::new(),
        placed: HashMap::new(),
        suggestions: Vec::new(),
        loose: Vec::new(),
    };
    walk.app_layout = walk.has_account_headings(body);
    walk.tracker.styled_only = walk.app_layout;
    walk.blocks(body);
    // Every comment of the comments part, in its order: placed where its anchor was, else general.
    let mut review = Review::default();
    for (id, s) in said {
        let (criterion_key, quote) = walk.placed.remove(&id).unwrap_or((None, String::new()));
        review.remarks.push(Remark { criterion_key, text: s.text, quote: tidy(&quote), author: s.author, date: s.date });
    }
    review.remarks.extend(walk.loose);
    review.suggestions = walk.suggestions;
    Ok(review)
}

/// The comments part's comments by id, in order.
fn comments(pkg: &Package, dir: &str) -> Result<Vec<(String, Said)>> {
    let part = office::resolve_part(dir, "comments.xml");
    if !pkg.has(&part) {
        return Ok(Vec::new());
    }
    let text = pkg.text(&part).map_err(unreadable)?;
    let doc = office::parse_xml(&text, &part).map_err(unreadable)?;
    let mut out = Vec::new();
    for c in doc.root_element().children().filter(|n| w(*n, "comment")) {
        let Some(id) = wattr(c, "id") else { continue };
        let paragraphs: Vec<String> = c
            .children()
            .filter(|p| w(*p, "p"))
            .map(|p| p.descendants().filter(|t| w(*t, "t")).filter_map(|t| t.text()).collect::<String>())
            .filter(|p| !p.trim().is_empty())
            .collect();
        out.push((
            id.to_string(),
            Said {
                text: paragraphs.join("\n").trim().to_string(),
                author: wattr(c, "author").unwrap_or("").trim().to_string(),
                date: wattr(c, "date").and_then(iso_date),
            },
        ));
    }
    Ok(out)
}

/// White space run together, as a quote reads.
fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Walk<'l> {
    tracker: Tracker<'l>,
    loc: &'l Locator,
    headings: HashMap<String, u8>,
    /// The file is the app's own export (account headings under each criterion).
    app_layout: bool,
    /// Comments whose range has started: where, and the words so far.
    open: HashMap<String, (Option<String>, String)>,
    /// Comments placed: criterion and quoted words.
    placed: HashMap<String, (Option<String>, String)>,
    suggestions: Vec<Suggested>,
    /// Tracked changes that could not be placed on an account, kept as general remarks.
    loose: Vec<Remark>,
}

impl Walk<'_> {
    fn has_account_headings(&self, body: Node) -> bool {
        body.descendants().filter(|p| w(*p, "p")).any(|p| {
            self.heading_of(p).is_some() && matches!(self.loc.heading(&visible(&items(p))), Found::Account(_))
        })
    }

    fn heading_of(&self, p: Node) -> Option<u8> {
        let ppr = p.children().find(|c| w(*c, "pPr"))?;
        if let Some(l) = ppr.children().find(|c| w(*c, "outlineLvl")).and_then(|o| wattr(o, "val")).and_then(|v| v.parse::<u8>().ok()) {
            if l < 9 {
                return Some(l + 1);
            }
        }
        let style = ppr.children().find(|c| w(*c, "pStyle")).and_then(|s| wattr(s, "val"))?;
        self.headings.get(style).copied()
    }

    fn blocks(&mut self, parent: Node) {
        for n in parent.children().filter(|n| n.is_element()) {
            if w(n, "p") {
                self.paragraph(n);
            } else if w(n, "tbl") {
                self.table(n);
            } else if w(n, "sdt") || w(n, "sdtContent") || w(n, "customXml") || w(n, "ins") || w(n, "del") {
                self.blocks(n);
            } else if w(n, "commentRangeStart") || w(n, "commentRangeEnd") {
                self.marks(&[mark(n)].into_iter().flatten().collect::<Vec<_>>());
            }
        }
    }

    fn table(&mut self, tbl: Node) {
        let first_cells: Vec<String> = tbl
            .children()
            .filter(|n| w(*n, "tr"))
            .filter_map(|tr| tr.children().find(|n| w(*n, "tc")))
            .map(|c| c.descendants().filter(|p| w(*p, "p")).map(|p| visible(&items(p))).collect::<Vec<_>>().join(" "))
            .collect();
        if first_cells.iter().any(|t| matches!(self.loc.heading(t), Found::Criterion(_))) {
            self.tracker.criterion = None;
        }
        let mut matched = false;
        for tr in tbl.children().filter(|n| w(*n, "tr")) {
            let cells: Vec<Node> = tr.children().filter(|n| w(*n, "tc")).collect();
            if let Some(first) = cells.first() {
                let text: String = first.descendants().filter(|p| w(*p, "p")).map(|p| visible(&items(p))).collect::<Vec<_>>().join(" ");
                matched |= self.tracker.row(&text);
            }
            for c in cells {
                self.blocks(c);
            }
        }
        if matched {
            self.tracker.criterion = None;
        }
    }

    fn marks(&mut self, list: &[Item]) {
        let here = self.tracker.criterion.clone();
        for item in list {
            match item {
                Item::Start(id) => {
                    self.open.insert(id.clone(), (here.clone(), String::new()));
                }
                Item::End(id) => {
                    if let Some(done) = self.open.remove(id) {
                        self.placed.insert(id.clone(), done);
                    }
                }
                Item::Reference(id) => {
                    if let Some(done) = self.open.remove(id) {
                        self.placed.insert(id.clone(), done);
                    } else {
                        self.placed.entry(id.clone()).or_insert((here.clone(), String::new()));
                    }
                }
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, p: Node) {
        let list = items(p);
        let text = visible(&list);
        let bold = all_bold(p);
        let step = self.tracker.line(text.trim(), self.heading_of(p), bold);
        let here = self.tracker.criterion.clone();
        let in_account = here.is_some() && step == Step::Text && (self.tracker.in_account || !self.app_layout);
        for (i, item) in list.iter().enumerate() {
            match item {
                Item::Text(t) | Item::Ins { text: t, .. } => {
                    for (_, quote) in self.open.values_mut() {
                        quote.push_str(t);
                    }
                }
                Item::Start(_) | Item::End(_) | Item::Reference(_) => self.marks(std::slice::from_ref(item)),
                Item::Del { .. } => {}
            }
            let (change, t, author, date) = match item {
                Item::Ins { text, author, date } => (Change::Insert, text, author, date),
                Item::Del { text, author, date } => (Change::Delete, text, author, date),
                _ => continue,
            };
            if t.trim().is_empty() && change == Change::Delete {
                continue;
            }
            match (&here, in_account) {
                (Some(key), true) => {
                    let (before, after) = context(&list, i);
                    self.suggestions.push(Suggested {
                        criterion_key: key.clone(),
                        field: self.tracker.account,
                        change,
                        text: t.clone(),
                        before,
                        after,
                        author: author.clone(),
                        date: iso_date(date),
                    });
                }
                _ => {
                    let sign = if change == Change::Insert { "+" } else { "−" };
                    self.loose.push(Remark {
                        criterion_key: here.clone(),
                        text: format!("{sign} {}", t.trim()),
                        quote: tidy(&text),
                        author: author.clone(),
                        date: iso_date(date),
                    });
                }
            }
        }
        for (_, quote) in self.open.values_mut() {
            quote.push(' ');
        }
    }
}

fn mark(n: Node) -> Option<Item> {
    let id = wattr(n, "id")?.to_string();
    if w(n, "commentRangeStart") {
        Some(Item::Start(id))
    } else if w(n, "commentRangeEnd") {
        Some(Item::End(id))
    } else {
        None
    }
}

/// The words as the paragraph reads now (insertions in, deletions out).
fn visible(list: &[Item]) -> String {
    list.iter()
        .map(|i| match i {
            Item::Text(t) | Item::Ins { text: t, .. } => t.as_str(),
            _ => "",
        })
        .collect()
}

/// The words before and after change `i`, as the account read before review (deletions in,
/// insertions out), leaving out a change of the other kind right next to it (the other half of a
/// replacement), and at most 40 characters each way.
fn context(list: &[Item], i: usize) -> (String, String) {
    let inserting = matches!(list[i], Item::Ins { .. });
    let other = |it: &Item| if inserting { matches!(it, Item::Del { .. }) } else { matches!(it, Item::Ins { .. }) };
    let base = |it: &Item| -> String {
        match it {
            Item::Text(t) | Item::Del { text: t, .. } => t.clone(),
            _ => String::new(),
        }
    };
    let mut j = i;
    while j > 0 && (other(&list[j - 1]) || matches!(list[j - 1], Item::Start(_) | Item::End(_) | Item::Reference(_))) {
        j -= 1;
    }
    let mut k = i + 1;
    while k < list.len() && (other(&list[k]) || matches!(list[k], Item::Start(_) | Item::End(_) | Item::Reference(_))) {
        k += 1;
    }
    let before: String = list[..j].iter().map(base).collect();
    let after: String = list[k..].iter().map(base).collect();
    let before: String = before.chars().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect();
    let after: String = after.chars().take(40).collect();
    (before, after)
}

/// True when every run with text in the paragraph is bold by its own properties.
fn all_bold(p: Node) -> bool {
    let mut any = false;
    for r in p.descendants().filter(|r| w(*r, "r")) {
        let has_text = r.children().any(|t| w(t, "t") && t.text().is_some_and(|s| !s.trim().is_empty()));
        if !has_text {
            continue;
        }
        let bold = r
            .children()
            .find(|c| w(*c, "rPr"))
            .and_then(|rpr| rpr.children().find(|c| w(*c, "b")))
            .is_some_and(|b| !matches!(wattr(b, "val"), Some("0" | "false" | "off")));
        if !bold {
            return false;
        }
        any = true;
    }
    any
}

/// The paragraph's pieces in order: text, insertions and deletions with who and when, and comment
/// anchors. Adjacent pieces of one change are joined.
fn items(p: Node) -> Vec<Item> {
    let mut out = Vec::new();
    inline(p, &Mode::Plain, &mut out);
    out
}

fn push(out: &mut Vec<Item>, mode: &Mode, text: &str) {
    if text.is_empty() {
        return;
    }
    match (out.last_mut(), mode) {
        (Some(Item::Text(t)), Mode::Plain) => t.push_str(text),
        (Some(Item::Ins { text: t, author, date }), Mode::Ins(a, d)) if author == a && date == d => t.push_str(text),
        (Some(Item::Del { text: t, author, date }), Mode::Del(a, d)) if author == a && date == d => t.push_str(text),
        (_, Mode::Plain) => out.push(Item::Text(text.to_string())),
        (_, Mode::Ins(a, d)) => out.push(Item::Ins { text: text.to_string(), author: a.clone(), date: d.clone() }),
        (_, Mode::Del(a, d)) => out.push(Item::Del { text: text.to_string(), author: a.clone(), date: d.clone() }),
    }
}

fn inline(n: Node, mode: &Mode, out: &mut Vec<Item>) {
    for c in n.children().filter(|c| c.is_element()) {
        if w(c, "r") {
            for t in c.children().filter(|t| t.is_element()) {
                if w(t, "t") || w(t, "delText") {
                    push(out, mode, t.text().unwrap_or(""));
                } else if w(t, "tab") {
                    push(out, mode, " ");
                } else if w(t, "br") || w(t, "cr") {
                    push(out, mode, "\n");
                } else if w(t, "commentReference") {
                    if let Some(id) = wattr(t, "id") {
                        out.push(Item::Reference(id.to_string()));
                    }
                }
            }
        } else if w(c, "ins") || w(c, "moveTo") {
            let m = Mode::Ins(wattr(c, "author").unwrap_or("").to_string(), wattr(c, "date").unwrap_or("").to_string());
            inline(c, &m, out);
        } else if w(c, "del") || w(c, "moveFrom") {
            let m = Mode::Del(wattr(c, "author").unwrap_or("").to_string(), wattr(c, "date").unwrap_or("").to_string());
            inline(c, &m, out);
        } else if w(c, "commentRangeStart") || w(c, "commentRangeEnd") {
            out.extend(mark(c));
        } else if w(c, "hyperlink") || w(c, "smartTag") || w(c, "customXml") || w(c, "fldSimple") || w(c, "sdt") || w(c, "sdtContent") {
            inline(c, mode, out);
        }
    }
}
