//! Where in a framework file a problem is: the byte offset, and so the line, of the value a path
//! names (`criteria[3].strand`), in TOML or JSON text, so that every refusal of a file can say which
//! line to fix.
//!
//! Not for: reading or checking a framework (the parent module); this only finds places in text.

/// One step of a path into a framework document, used to find the line a problem is on.
#[derive(Debug, Clone, Copy)]
pub(super) enum Seg {
    Key(&'static str),
    Index(usize),
}

/// Byte offset of the value at `path` in a TOML document (the deepest part of the path that exists).
pub(super) fn toml_offset(text: &str, path: &[Seg]) -> Option<usize> {
    use toml::de::DeValue;
    let root = toml::de::DeTable::parse(text).ok()?;
    let mut best = None;
    let mut table = root.get_ref();
    let mut array: Option<&toml::de::DeArray> = None;
    for seg in path {
        let value = match (*seg, array) {
            (Seg::Key(k), None) => table.iter().find(|(name, _)| name.get_ref().as_ref() == k).map(|(_, v)| v)?,
            (Seg::Index(i), Some(items)) => items.get(i)?,
            _ => return best,
        };
        best = Some(value.span().start);
        match value.get_ref() {
            DeValue::Table(t) => {
                table = t;
                array = None;
            }
            DeValue::Array(a) => array = Some(a),
            _ => return best,
        }
    }
    best
}

/// Byte offset of the value at `path` in a JSON document (the deepest part of the path that exists).
/// serde_json keeps no positions after parsing, so this walks the text itself; the text has already
/// parsed, so the walk can assume it is well formed.
pub(super) fn json_offset(text: &str, path: &[Seg]) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = skip_ws(bytes, 0);
    let mut best = None;
    for seg in path {
        match (*seg, bytes.get(at)) {
            (Seg::Key(k), Some(b'{')) => {
                let mut i = skip_ws(bytes, at + 1);
                loop {
                    if bytes.get(i) != Some(&b'"') {
                        return best;
                    }
                    let end = string_end(bytes, i)?;
                    let name = &text[i + 1..end - 1];
                    let colon = skip_ws(bytes, end);
                    let value = skip_ws(bytes, colon + 1);
                    if name == k {
                        at = value;
                        break;
                    }
                    i = skip_ws(bytes, value_end(bytes, value)?);
                    if bytes.get(i) == Some(&b',') {
                        i = skip_ws(bytes, i + 1);
                    }
                }
            }
            (Seg::Index(n), Some(b'[')) => {
                let mut i = skip_ws(bytes, at + 1);
                for _ in 0..n {
                    i = skip_ws(bytes, value_end(bytes, i)?);
                    if bytes.get(i) != Some(&b',') {
                        return best;
                    }
                    i = skip_ws(bytes, i + 1);
                }
                at = i;
            }
            _ => return best,
        }
        best = Some(at);
    }
    best
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// Index just past the string that starts (with its quote) at `i`.
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
    None
}

/// Index just past the JSON value that starts at `i`.
fn value_end(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => string_end(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = string_end(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            None
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']') && !b[j].is_ascii_whitespace() {
                j += 1;
            }
            Some(j)
        }
    }
}

/// 1-based line number of byte offset `at` in `text`.
pub(super) fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}
