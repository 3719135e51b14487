//! The words of OpenDocument text: how runs of white space collapse to one space (as ODF says),
//! the text of a block, and what the flattened words of content nested too deep keep.
//!
//! Not for: walking the document's structure (see the parent module).

use super::super::flat::Words;
use super::super::model::{push_run, Block, Run};
use super::{is, OFFICE, PRESENTATION, TEXT};

/// What the flattened words of content nested too deep leave out and keep: as in the walk, no
/// comments, notes, tracked-change records, speaker notes or fields that print who wrote it.
pub(super) const WORDS: Words = Words {
    skip: |n| {
        let (ns, name) = (n.tag_name().namespace(), n.tag_name().name());
        (ns == Some(OFFICE) && name == "annotation")
            || is(n, PRESENTATION, "notes")
            || (ns == Some(TEXT)
                && matches!(
                    name,
                    "note" | "tracked-changes" | "author-name" | "author-initials" | "initial-creator" | "creator"
                        | "modification-date" | "modification-time" | "editing-cycles" | "editing-duration"
                        | "sender-firstname" | "sender-lastname" | "sender-initials" | "user-defined"
                ))
    },
    piece: |n| {
        if n.is_text() {
            n.text()
        } else if is(n, TEXT, "s") || is(n, TEXT, "tab") {
            Some(" ")
        } else if is(n, TEXT, "line-break") {
            Some("\n")
        } else {
            None
        }
    },
    line: |n| is(n, TEXT, "p") || is(n, TEXT, "h"),
};

/// ODF text collapses runs of white space (line breaks in the XML included) to one space; the
/// `text:s` spaces read as no-break spaces above, and become ordinary spaces here.
pub(super) fn collapse(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut last_space = true;
    for r in runs {
        let mut t = String::with_capacity(r.text.len());
        for ch in r.text.chars() {
            match ch {
                // text:line-break, read as a line separator so that it survives the collapsing.
                '\u{2028}' => {
                    t.push('\n');
                    last_space = true;
                }
                ' ' | '\t' | '\r' | '\n' => {
                    if !last_space {
                        t.push(' ');
                        last_space = true;
                    }
                }
                '\u{a0}' => {
                    t.push(' ');
                    last_space = true;
                }
                c => {
                    t.push(c);
                    last_space = false;
                }
            }
        }
        push_run(&mut out, &t, r.bold, r.italic);
    }
    out
}

pub(super) fn block_text(b: &Block) -> String {
    match b {
        Block::Heading { text, .. } => text.clone(),
        Block::Paragraph { runs } | Block::ListItem { runs, .. } => runs.iter().map(|r| r.text.as_str()).collect(),
        _ => String::new(),
    }
}
