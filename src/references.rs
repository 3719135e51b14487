//! Exhibit references in the school's accounts that keep pointing at the right item.
//!
//! The coordinator writes "as the photo E3 shows". Exhibit numbers follow the appendix order, so
//! they change when an earlier item is deleted or its consent is recorded. The account is therefore
//! stored with each reference as a token naming the evidence item itself (`[[exhibit:<id>]]`), and
//! turned back into that item's current number wherever it is shown: in the editor, and in each
//! exported PDF with that export's own numbering. Text that only looks like a reference to an
//! exhibit that does not exist ("E12" with eleven exhibits) is kept as written.

use std::collections::HashMap;

/// What a reference to an item that is no longer an exhibit shows: visible, so it gets fixed.
pub const MISSING: &str = "E?";

const OPEN: &str = "[[exhibit:";
const CLOSE: &str = "]]";

/// True when `text` holds a stored reference (so its numbers need looking up to be shown).
pub fn has_references(text: &str) -> bool {
    text.contains(OPEN)
}

/// Replaces each "E<n>" that names an exhibit (by `ids`, where `ids[n - 1]` is exhibit n's id)
/// with a token for that item. Only whole words count: "E3," and "(E3)" do, "E3b", "LE3" and "EE3"
/// do not.
pub fn to_tokens(text: &str, ids: &[String]) -> String {
    replace_exhibit_words(text, |n, _| {
        let id = ids.get(n.checked_sub(1)?)?;
        Some((format!("{OPEN}{id}{CLOSE}"), 0))
    })
}

/// `text` with each whole-word "E<n>" (n from 1, written without leading zeros) handed to `replace`
/// with the text after it; where it answers `Some((with, skip))` the word becomes `with` and `skip`
/// more bytes of what follows are dropped, elsewhere the word stays. The one reading of references
/// that storing, printing and titling them share.
pub(crate) fn replace_exhibit_words(text: &str, mut replace: impl FnMut(usize, &str) -> Option<(String, usize)>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('E') {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let digits: String = from[1..].chars().take_while(|c| c.is_ascii_digit()).collect();
        let after = &from[1 + digits.len()..];
        // What was written so far decides: after "LE" or "EE" this "E" is inside a word.
        let word_start = out.chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let word_end = after.chars().next().is_none_or(|c| !c.is_alphanumeric());
        let found = digits
            .parse::<usize>()
            .ok()
            .filter(|n| *n >= 1 && word_start && word_end && !digits.starts_with('0'))
            .and_then(|n| replace(n, after));
        match found {
            Some((with, skip)) => {
                out.push_str(&with);
                rest = after.get(skip..).unwrap_or("");
            }
            None => {
                out.push('E');
                rest = &from[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Turns tokens back into current numbers ("E3"); a token for an item that is not an exhibit here
/// (deleted, or left out of this export) becomes `missing`, so the gap shows instead of a wrong number.
pub fn to_labels(text: &str, numbers: &HashMap<&str, usize>, missing: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after_open = &rest[at + OPEN.len()..];
        match after_open.find(CLOSE) {
            Some(end) => {
                let id = &after_open[..end];
                match numbers.get(id) {
                    Some(n) => out.push_str(&format!("E{n}")),
                    None => out.push_str(missing),
                }
                rest = &after_open[end + CLOSE.len()..];
            }
            None => {
                // An unclosed token is the coordinator's own text; keep it.
                out.push_str(OPEN);
                rest = after_open;
            }
        }
    }
    out.push_str(rest);
    out
}
