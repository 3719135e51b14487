//! The two pieces of WordprocessingML text that both the Word package (`word`) and its accounts
//! (`word_rich`) write: the namespace and escaping text for XML.
//!
//! Not for: any part of the package itself.

/// `text` safe inside an XML element: markup characters escaped, and the control characters XML
/// does not allow left out (a tab stays).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The WordprocessingML namespace.
pub(super) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
