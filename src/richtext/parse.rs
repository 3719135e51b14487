//! Reading the stored form with pulldown-cmark into the model, keeping whatever lies outside the
//! subset as the literal text that was typed (see the module above for the subset).

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::{Block, Doc, Item, List, Span};

/// Reads an account's stored form. Never fails: text outside the subset is kept as written.
pub fn parse(text: &str) -> Doc {
    let src = guard_definitions(text);
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(&src, Options::empty()).into_offset_iter().collect();
    let mut reader = Reader { src: &src, events, pos: 0 };
    let blocks = reader.blocks(0);
    Doc { blocks }
}

/// Lines that Markdown would take as link reference definitions (`[1]: https://…`) and hide: their
/// bracket is escaped so that they print as typed.
fn guard_definitions(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_start_matches(' ');
        let indent = line.len() - body.len();
        let definition = indent <= 3
            && body.starts_with('[')
            && body.find("]:").is_some_and(|end| !body[1..end].contains(']'));
        if definition {
            out.push_str(&line[..indent]);
            out.push('\\');
            out.push_str(body);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Whether a link's address is one a reader of the portfolio can open.
fn web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
}

struct Reader<'a> {
    src: &'a str,
    events: Vec<(Event<'a>, Range<usize>)>,
    pos: usize,
}

/// The formatting in force while reading inline text.
#[derive(Default)]
struct Marks {
    bold: usize,
    italic: usize,
    links: Vec<Option<String>>,
}

impl Reader<'_> {
    fn peek(&self) -> Option<&Event<'_>> {
        self.events.get(self.pos).map(|(e, _)| e)
    }

    /// Blocks until the end of the enclosing container (not consumed) or of the text. `depth` is 0 at
    /// the top, 1 inside a first-level list's item, 2 inside a nested item.
    fn blocks(&mut self, depth: usize) -> Vec<Block> {
        let mut out = Vec::new();
        while let Some(event) = self.peek() {
            match event {
                Event::End(_) => break,
                Event::Start(Tag::Paragraph) => {
                    self.pos += 1;
                    let spans = self.inlines();
                    self.pos += 1; // End(Paragraph)
                    push_paragraph(&mut out, spans);
                }
                Event::Start(Tag::Heading { level: HeadingLevel::H3, .. }) => {
                    self.pos += 1;
                    let spans = self.inlines();
                    self.pos += 1;
                    if depth == 0 {
                        out.push(Block::Heading(spans));
                    } else {
                        push_paragraph(&mut out, spans);
                    }
                }
                Event::Start(Tag::List(start)) => {
                    let start = *start;
                    self.pos += 1;
                    let list = self.list(start, depth);
                    self.pos += 1; // End(List)
                    out.push(Block::List(list));
                }
                Event::Start(Tag::Heading { .. } | Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::HtmlBlock)
                | Event::Rule => {
                    let literal = self.literal();
                    push_paragraph(&mut out, vec![Span::plain(&literal)]);
                }
                _ => {
                    // Inline text straight inside a list item (a tight list).
                    let at = self.pos;
                    let spans = self.inlines();
                    if self.pos == at {
                        // A construct the options leave off; kept as typed.
                        let literal = self.literal();
                        push_paragraph(&mut out, vec![Span::plain(&literal)]);
                    } else {
                        push_paragraph(&mut out, spans);
                    }
                }
            }
        }
        out
    }

    /// A list's items (the cursor just after its start). Items of a list nested deeper than one
    /// level join the second level.
    fn list(&mut self, start: Option<u64>, depth: usize) -> List {
        let mut items = Vec::new();
        while let Some(Event::Start(Tag::Item)) = self.peek() {
            self.pos += 1;
            let blocks = self.blocks(depth + 1);
            self.pos += 1; // End(Item)
            if depth == 0 {
                items.push(Item { blocks });
            } else {
                let (lists, own): (Vec<Block>, Vec<Block>) = blocks.into_iter().partition(|b| matches!(b, Block::List(_)));
                items.push(Item { blocks: own });
                for b in lists {
                    if let Block::List(l) = b {
                        items.extend(l.items);
                    }
                }
            }
        }
        List { start, items }
    }

    /// The source of the block starting at the cursor, as typed, with the cursor moved past it.
    fn literal(&mut self) -> String {
        let range = self.events[self.pos].1.clone();
        let mut open = 0usize;
        loop {
            let Some((event, _)) = self.events.get(self.pos) else { break };
            self.pos += 1;
            match event {
                Event::Start(_) => open += 1,
                Event::End(_) => open = open.saturating_sub(1),
                _ => {}
            }
            if open == 0 {
                break;
            }
        }
        self.src[range].trim_end().to_string()
    }

    /// Inline text up to the end of its block or the start of another block (neither consumed).
    fn inlines(&mut self) -> Vec<Span> {
        let mut spans = Vec::new();
        let mut marks = Marks::default();
        while let Some((event, range)) = self.events.get(self.pos) {
            let range = range.clone();
            match event {
                Event::Text(t) => add(&mut spans, &marks, t),
                Event::SoftBreak | Event::HardBreak => add(&mut spans, &marks, "\n"),
                Event::Start(Tag::Strong) => marks.bold += 1,
                Event::End(TagEnd::Strong) => marks.bold = marks.bold.saturating_sub(1),
                Event::Start(Tag::Emphasis) => marks.italic += 1,
                Event::End(TagEnd::Emphasis) => marks.italic = marks.italic.saturating_sub(1),
                Event::Start(Tag::Link { dest_url, .. }) => {
                    let url = dest_url.trim().to_string();
                    marks.links.push(web_address(&url).then_some(url));
                }
                Event::End(TagEnd::Link) => {
                    marks.links.pop();
                }
                Event::Start(Tag::Image { .. }) => {
                    let literal = self.literal();
                    add(&mut spans, &marks, &literal);
                    continue;
                }
                Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) | Event::FootnoteReference(_) => {
                    add(&mut spans, &marks, &self.src[range]);
                }
                Event::Html(t) | Event::InlineHtml(t) => add(&mut spans, &marks, t),
                Event::Start(_) | Event::End(_) => break,
                _ => add(&mut spans, &marks, &self.src[range]),
            }
            self.pos += 1;
        }
        // Line breaks at the ends are the source's, not the writer's.
        while spans.last().is_some_and(|s: &Span| s.text.ends_with('\n')) {
            let last = spans.last_mut().expect("checked");
            last.text.pop();
            if last.text.is_empty() {
                spans.pop();
            }
        }
        spans
    }
}

/// Adds `text` in the formatting of `marks`, joined to the last span when that looks the same.
fn add(spans: &mut Vec<Span>, marks: &Marks, text: &str) {
    let link = marks.links.iter().rev().flatten().next().cloned();
    let span = Span { text: String::new(), bold: marks.bold > 0, italic: marks.italic > 0, link };
    match spans.last_mut() {
        Some(last) if last.bold == span.bold && last.italic == span.italic && last.link == span.link => {
            last.text.push_str(text)
        }
        _ => spans.push(Span { text: text.to_string(), ..span }),
    }
}

fn push_paragraph(out: &mut Vec<Block>, spans: Vec<Span>) {
    if !spans.iter().all(|s| s.text.trim().is_empty()) {
        out.push(Block::Paragraph(spans));
    }
}
