//! A document's blocks written as the accounts' Markdown: paragraphs apart by a blank line,
//! bulleted items as `- `, numbered ones as `1. ` (a deeper level indented), bold runs as
//! `**…**`, italic as `*…*`, a heading inside an account as a `### ` sub-heading. A `*` the text
//! itself holds is escaped, so it stays a star.
//!
//! Not for: anything the accounts cannot hold (pictures, page breaks, fonts): those are left out.

use crate::office::{Block, Run};

/// `runs` as Markdown inline text. Spaces at a styled run's ends go outside its marks, where
/// Markdown needs them.
pub fn runs(runs: &[Run]) -> String {
    let mut out = String::new();
    for r in runs {
        let text = r.text.replace('*', "\\*");
        let mark = match (r.bold, r.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        if mark.is_empty() || text.trim().is_empty() {
            out.push_str(&text);
            continue;
        }
        let core = text.trim();
        let lead = &text[..text.len() - text.trim_start().len()];
        let tail = &text[text.trim_end().len()..];
        out.push_str(lead);
        out.push_str(mark);
        out.push_str(core);
        out.push_str(mark);
        out.push_str(tail);
    }
    out.trim().to_string()
}

/// Blocks of one account as Markdown; tables' cells become paragraphs in reading order.
pub fn blocks(blocks: &[Block]) -> String {
    let mut pieces: Vec<(bool, String)> = Vec::new();
    collect(blocks, &mut pieces);
    let mut out = String::new();
    let mut last_item = false;
    for (item, text) in pieces {
        if !out.is_empty() {
            out.push_str(if item && last_item { "\n" } else { "\n\n" });
        }
        out.push_str(&text);
        last_item = item;
    }
    out
}

/// Each piece with whether it is a list item (items follow each other without a blank line).
fn collect(blocks: &[Block], out: &mut Vec<(bool, String)>) {
    for b in blocks {
        match b {
            Block::Heading { text, .. } if !text.trim().is_empty() => out.push((false, format!("### {}", text.trim()))),
            Block::Paragraph { runs: r } => {
                let text = runs(r);
                if !text.is_empty() {
                    out.push((false, text));
                }
            }
            Block::ListItem { level, number, runs: r } => {
                let text = runs(r);
                if text.is_empty() {
                    continue;
                }
                let indent = if *level > 0 { "   " } else { "" };
                let mark = match number {
                    Some(n) => format!("{n}. "),
                    None => "- ".to_string(),
                };
                out.push((true, format!("{indent}{mark}{text}")));
            }
            Block::Table { rows } => {
                for cell in rows.iter().flatten() {
                    collect(cell, out);
                }
            }
            _ => {}
        }
    }
}

/// The plain words of blocks, for listing what was left out.
pub fn plain(blocks: &[Block]) -> String {
    crate::office::Content::Flow(blocks.to_vec()).text().trim().to_string()
}
