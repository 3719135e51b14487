//! Writing the model back as the stored form, escaping what would otherwise read as formatting, so
//! that `parse(&to_markdown(&doc)) == doc`. For importers that read formatted text from elsewhere
//! (a Word draft, a review) into an account.

use super::{Block, Doc, List, Span};

/// The stored form of `doc`: blocks separated by a blank line, lists tight, nested items indented
/// under their parent's text.
pub fn to_markdown(doc: &Doc) -> String {
    blocks(&doc.blocks, "")
}

fn blocks(bs: &[Block], pad: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for b in bs {
        match b {
            Block::Paragraph(spans) => out.push(indent(&inline(spans), pad, pad)),
            Block::Heading(spans) => out.push(format!("{pad}### {}", inline(spans).replace('\n', " "))),
            Block::List(list) => out.push(list_text(list, pad)),
        }
    }
    out.join("\n\n")
}

fn list_text(list: &List, pad: &str) -> String {
    let mut lines = Vec::new();
    for (i, item) in list.items.iter().enumerate() {
        let marker = match list.start {
            Some(start) => format!("{}. ", start + i as u64),
            None => "- ".to_string(),
        };
        let inner = format!("{pad}{}", " ".repeat(marker.chars().count()));
        let body = blocks(&item.blocks, &inner);
        // The first line carries the marker in place of the indent.
        let body = body.strip_prefix(inner.as_str()).unwrap_or(&body).to_string();
        lines.push(format!("{pad}{marker}{body}"));
    }
    lines.join("\n")
}

/// `text` with `first` before its first line and `rest` before the others.
fn indent(text: &str, first: &str, rest: &str) -> String {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| format!("{}{l}", if i == 0 { first } else { rest }))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Spans as inline Markdown: links grouped, formatting around each run with its spaces outside.
fn inline(spans: &[Span]) -> String {
    let mut out = String::new();
    for run in super::link_runs(spans) {
        match &run[0].link {
            Some(url) => {
                let text: String = run.iter().map(formatted).collect();
                let url = if url.contains([' ', '(', ')', '<', '>']) { format!("<{}>", url.replace(['<', '>'], "")) } else { url.clone() };
                out.push_str(&format!("[{text}]({url})"));
            }
            None => out.push_str(&formatted(&run[0])),
        }
    }
    escape_line_starts(&out)
}

/// One span's text, escaped, inside its emphasis marks (spaces at its ends kept outside them).
fn formatted(span: &Span) -> String {
    let text = escape(&span.text);
    let marks = match (span.bold, span.italic) {
        (true, true) => "***",
        (true, false) => "**",
        (false, true) => "*",
        (false, false) => return text,
    };
    let core = text.trim_matches(|c: char| c == ' ' || c == '\n');
    if core.is_empty() {
        return text;
    }
    let start = text.find(core).unwrap_or(0);
    let (lead, rest) = text.split_at(start);
    let trail = &rest[core.len()..];
    format!("{lead}{marks}{core}{marks}{trail}")
}

/// Escapes the characters that are formatting inside a line.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '*' | '_' | '[' | ']' | '<' | '`' => {
                out.push('\\');
                out.push(c);
            }
            '!' if chars.get(i + 1) == Some(&'[') => out.push_str("\\!"),
            // Only what would read as an entity ("&amp;"); "Q&A" stays as it is.
            '&' if entity_follows(&chars[i + 1..]) => out.push_str("\\&"),
            _ => out.push(c),
        }
    }
    out
}

fn entity_follows(rest: &[char]) -> bool {
    let name: Vec<&char> = rest.iter().take_while(|c| c.is_ascii_alphanumeric() || **c == '#').collect();
    !name.is_empty() && rest.get(name.len()) == Some(&';')
}

/// Escapes what would start a block at a line's start: `#`, `>`, a list marker, `=` or `-` lines.
fn escape_line_starts(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            // Leading spaces would make code of a line; they never print anyway.
            let body = line.trim_start_matches(' ');
            let first = body.chars().next();
            let escaped = match first {
                Some('#' | '>' | '-' | '+' | '=' | '~') => format!("\\{body}"),
                Some(c) if c.is_ascii_digit() => {
                    let digits = body.chars().take_while(|c| c.is_ascii_digit()).count();
                    match body[digits..].chars().next() {
                        Some('.' | ')') => format!("{}\\{}", &body[..digits], &body[digits..]),
                        _ => body.to_string(),
                    }
                }
                _ => body.to_string(),
            };
            escaped
        })
        .collect::<Vec<_>>()
        .join("\n")
}
