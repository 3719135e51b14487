//! The title a quote gets when the coordinator gives none: its opening words, cut at a word
//! boundary and marked with an ellipsis when the quote goes on.
//!
//! Not for: storing or editing quotes (see the parent module); a title typed by the coordinator is
//! kept as typed.

/// Longest automatic title, in characters, before the ellipsis.
const TITLE_CHARS: usize = 48;

/// The automatic title of a quote reading `text`: the whole quote when it is short, else the words
/// that fit in [`TITLE_CHARS`] characters followed by "…". Never a piece of a word ("…had to leave
/// th"); a first word longer than the limit is the one case cut inside a word, as nothing else fits.
pub fn auto_title(text: &str) -> String {
    // Line breaks and runs of spaces are one space in a title.
    let words: Vec<&str> = text.split_whitespace().collect();
    let whole = words.join(" ");
    if whole.chars().count() <= TITLE_CHARS {
        return whole;
    }
    let mut title = String::new();
    for word in &words {
        let len = title.chars().count() + usize::from(!title.is_empty()) + word.chars().count();
        if len > TITLE_CHARS {
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    if title.is_empty() {
        title = whole.chars().take(TITLE_CHARS).collect();
    }
    // A comma or a dash left at the end reads oddly before the ellipsis.
    let title = title.trim_end_matches([',', ';', ':', '-', '–', '—']);
    format!("{title}…")
}
