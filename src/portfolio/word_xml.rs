//! The pieces of WordprocessingML text that the Word package (`word`), its accounts (`word_rich`)
//! and the newsletter piece (`share`) all write: the namespace, escaping text for XML, and a plain
//! text's runs.
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

/// `text` as runs with the run properties `run` (XML, may be empty), one run per line: lines the
/// writer broke by hand stay broken (`w:br`), as Word shows a soft return.
pub(crate) fn plain_runs(xml: &mut String, text: &str, run: &str) {
    for (i, line) in text.split('\n').enumerate() {
        xml.push_str("<w:r>");
        if !run.is_empty() {
            xml.push_str(&format!("<w:rPr>{run}</w:rPr>"));
        }
        if i > 0 {
            xml.push_str("<w:br/>");
        }
        xml.push_str(r#"<w:t xml:space="preserve">"#);
        xml.push_str(&escape(line));
        xml.push_str("</w:t></w:r>");
    }
}
