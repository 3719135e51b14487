//! Rich text of the school's accounts ("what we already do", "gaps", the application's account per
//! criterion): one stored form, a small Markdown subset, read into a small typed model that the
//! PDF, the Word file, the length bar and search all take their structure from.
//!
//! The stored form (also what `audit narrative N TEXT` and the window's editor write):
//! - paragraphs, separated by a blank line; a single line break inside a paragraph stays a line
//!   break (as plain accounts always printed it), not a space as in CommonMark;
//! - bulleted lists (`- `, `* ` or `+ ` at a line start) and numbered lists (`1. ` or `1) `), with
//!   one level of nesting (an item indented under another); deeper items join the second level;
//! - `**bold**`, `*italic*` (or `_italic_`), and both;
//! - one sub-heading level, `### Heading`;
//! - links `[text](https://…)` and `<https://…>` (http, https and mailto only; the text of any other
//!   link is kept without it);
//! - exhibit references ("E3") anywhere in text, kept as in plain text (see `references`).
//!
//! Everything else Markdown knows is kept as the literal text that was typed, so an old plain
//! account means what it meant: `#`/`##` lines, a line of dashes under text, `>` quotes, indented or
//! fenced code, HTML, images, inline code, and lines that look like link definitions (`[1]: …`).
//! A lone `*` between spaces ("2 * 3") and underscores inside words stay literal by Markdown's own
//! rules; `\*` writes a literal asterisk. The one change an old account can see: a line that starts
//! with "- " or "1. " is now a list item, which is what the writer meant.
//!
//! Not for: laying the text out (see `pdf` and `portfolio::pages`) or storing it (see `audit`).

pub mod lang;
mod markdown;
mod parse;

pub use markdown::to_markdown;

/// `text` written out again from what it means (see [`to_markdown`]): the form an editor that reads
/// any Markdown is given, so that it shows exactly what the PDF prints (a literal "# " stays text).
pub fn editable(text: &str) -> String {
    if text.trim().is_empty() {
        return String::new();
    }
    to_markdown(&parse(text))
}
pub use parse::parse;

/// An account read from its stored form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    pub blocks: Vec<Block>,
}

/// One block of an account.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph; `\n` in a span's text is a line break.
    Paragraph(Vec<Span>),
    /// The one sub-heading level (`### `).
    Heading(Vec<Span>),
    List(List),
}

/// A bulleted or numbered list.
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// The first item's number for a numbered list; `None` for bullets.
    pub start: Option<u64>,
    pub items: Vec<Item>,
}

/// A list item: its paragraphs, and in a first-level list possibly a nested list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Item {
    pub blocks: Vec<Block>,
}

/// A run of text in one style.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// The web address the text opens (http, https or mailto).
    pub link: Option<String>,
}

impl Span {
    /// Unformatted text.
    pub fn plain(text: &str) -> Span {
        Span { text: text.to_string(), ..Span::default() }
    }

    /// True when the span has no formatting and no link.
    pub fn is_plain(&self) -> bool {
        !self.bold && !self.italic && self.link.is_none()
    }
}

impl Doc {
    /// True when there is no text at all.
    pub fn is_empty(&self) -> bool {
        self.plain_text().trim().is_empty()
    }

    /// The text without formatting, as printed: paragraphs and headings separated by a blank line,
    /// list items on their own lines with their marks ("• ", "1. "; a nested item indented). For
    /// counting, search and previews.
    pub fn plain_text(&self) -> String {
        let mut out = Vec::new();
        plain_blocks(&self.blocks, 0, &mut out);
        out.join("\n\n")
    }

    /// Words as a reader counts them: list marks and formatting are not words.
    pub fn words(&self) -> usize {
        let mut text = String::new();
        collect_text(&self.blocks, &mut text);
        text.split_whitespace().count()
    }

    /// Changes the text of every span with `f` (for example exhibit labels made into titled ones),
    /// leaving the structure and formatting alone.
    pub fn map_text(&mut self, f: &dyn Fn(&str) -> String) {
        fn blocks(bs: &mut [Block], f: &dyn Fn(&str) -> String) {
            for b in bs {
                match b {
                    Block::Paragraph(spans) | Block::Heading(spans) => {
                        for s in spans {
                            s.text = f(&s.text);
                        }
                    }
                    Block::List(list) => {
                        for item in &mut list.items {
                            blocks(&mut item.blocks, f);
                        }
                    }
                }
            }
        }
        blocks(&mut self.blocks, f);
    }
}

fn collect_text(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Paragraph(spans) | Block::Heading(spans) => {
                out.push_str(&spans_text(spans));
                out.push('\n');
            }
            Block::List(list) => {
                for item in &list.items {
                    collect_text(&item.blocks, out);
                }
            }
        }
    }
}

/// The text of `spans` without formatting.
pub fn spans_text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// `spans` in runs that share one link: each linked run whole (the writers wrap it in one link), each
/// span without a link on its own.
pub fn link_runs(spans: &[Span]) -> impl Iterator<Item = &[Span]> {
    spans.chunk_by(|a, b| a.link.is_some() && a.link == b.link)
}

/// A list item's mark as printed: a bullet ("•" first level, "–" second) or its number ("3.").
pub fn mark(list: &List, index: usize, depth: usize) -> String {
    match list.start {
        Some(start) => format!("{}.", start + index as u64),
        None if depth == 0 => "•".to_string(),
        None => "–".to_string(),
    }
}

fn plain_blocks(blocks: &[Block], depth: usize, out: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Paragraph(spans) | Block::Heading(spans) => out.push(spans_text(spans)),
            Block::List(list) => {
                let mut lines = Vec::new();
                plain_list(list, depth, &mut lines);
                out.push(lines.join("\n"));
            }
        }
    }
}

/// A list's lines: each item's mark before its first line, its other lines under its text.
fn plain_list(list: &List, depth: usize, lines: &mut Vec<String>) {
    let pad = "  ".repeat(depth);
    for (i, item) in list.items.iter().enumerate() {
        let mut marked = false;
        for b in &item.blocks {
            match b {
                Block::List(sub) => plain_list(sub, depth + 1, lines),
                Block::Paragraph(spans) | Block::Heading(spans) => {
                    for line in spans_text(spans).split('\n') {
                        if marked {
                            lines.push(format!("{pad}  {line}"));
                        } else {
                            lines.push(format!("{pad}{} {line}", mark(list, i, depth)));
                            marked = true;
                        }
                    }
                }
            }
        }
        if !marked {
            lines.insert(lines.len(), format!("{pad}{}", mark(list, i, depth)));
        }
    }
}
