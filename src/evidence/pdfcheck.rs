//! Checking a PDF when it is added, so that a coordinator learns about a bad file then and not the
//! night before the deadline when the portfolio is exported.
//!
//! A PDF that cannot be opened is refused with what to do; one that needs a password to open is
//! refused with "save an unprotected copy"; one protected only against editing (an owner password,
//! common for council documents) opens without one and is accepted as it is. A PDF whose
//! cross-reference table is damaged (wrong offsets, a broken or missing table), which poppler, mupdf
//! and qpdf all read anyway, is repaired here the way they do it: by finding every `N G obj` in the
//! file and writing a new table after it. The original stays as it was added (originals are never
//! changed); the repaired copy is kept as a rendition (`renditions/<sha256>-repaired.pdf`), is what
//! the portfolio merges, and is made again from the original when missing (after a restore).
//!
//! Not for: merging pages into the portfolio (see `pdf::merge`).

use std::path::{Path, PathBuf};

use lopdf::xref::XrefEntry;
use lopdf::{Document, Object};

/// What checking a PDF found.
#[derive(Debug, Clone, PartialEq)]
pub enum Checked {
    /// The PDF opens as it is.
    Sound { pages: u32 },
    /// The PDF's cross-reference table was damaged; `bytes` is the repaired copy.
    Repaired { pages: u32, bytes: Vec<u8> },
}

impl Checked {
    /// Number of pages.
    pub fn pages(&self) -> u32 {
        match self {
            Checked::Sound { pages } | Checked::Repaired { pages, .. } => *pages,
        }
    }
}

/// What to tell the coordinator when a PDF cannot be used at all.
const UNREADABLE: &str = "it cannot be opened as a PDF: it is cut short or damaged. Copy it again from where it came from, \
     or open it and save it again as a PDF from the program that made it";

const PASSWORD: &str = "it is password-protected, so its pages cannot be shown in the portfolio; open it with the password, \
     save an unprotected copy (for example print it to PDF) and add that";

/// Checks `bytes` as a PDF: Ok with its page count (and a repaired copy when the file needed one),
/// or the reason it cannot be used, in words.
pub fn check(bytes: &[u8]) -> Result<Checked, String> {
    match open(bytes) {
        Ok((doc, pages)) if offsets_are_sound(bytes, &doc) => return Ok(Checked::Sound { pages }),
        Err(Problem::Password) => return Err(PASSWORD.into()),
        _ => {}
    }
    let repaired = rebuild_xref(bytes).ok_or_else(|| UNREADABLE.to_string())?;
    match open(&repaired) {
        Ok((_, pages)) => Ok(Checked::Repaired { pages, bytes: repaired }),
        Err(Problem::Password) => Err(PASSWORD.into()),
        Err(Problem::Unreadable) => Err(UNREADABLE.into()),
    }
}

/// The bytes the portfolio merges for a stored PDF: its repaired copy when it needed one (made
/// again from the original when missing), otherwise the original.
pub fn merge_bytes(root: &Path, sha: &str) -> Result<Vec<u8>, String> {
    if let Some(path) = repaired_path(root, sha) {
        if let Ok(bytes) = std::fs::read(&path) {
            return Ok(bytes);
        }
    }
    let original = std::fs::read(super::blobs::path(root, sha)).map_err(|e| format!("the stored file cannot be read ({e})"))?;
    match check(&original)? {
        Checked::Sound { .. } => Ok(original),
        Checked::Repaired { bytes, .. } => {
            // Kept for next time; failing to keep it only costs the repair again.
            let _ = keep_repaired(root, sha, &bytes);
            Ok(bytes)
        }
    }
}

/// Where the repaired copy of the PDF `sha` is kept; None for a value that is not a hash.
pub fn repaired_path(root: &Path, sha: &str) -> Option<PathBuf> {
    super::blobs::is_sha256(sha).then(|| root.join("renditions").join(format!("{sha}-repaired.pdf")))
}

/// Writes the repaired copy of `sha` (atomically) next to the photos' renditions.
pub fn keep_repaired(root: &Path, sha: &str, bytes: &[u8]) -> Result<(), String> {
    let path = repaired_path(root, sha).ok_or("its stored name is not a stored file's name")?;
    std::fs::create_dir_all(root.join("renditions")).map_err(|e| e.to_string())?;
    crate::atomic::write(&path, bytes).map_err(|e| e.to_string())
}

enum Problem {
    Password,
    Unreadable,
}

/// Loads the PDF and checks that every page and what it draws is there.
fn open(bytes: &[u8]) -> Result<(Document, u32), Problem> {
    let doc = Document::load_mem(bytes).map_err(|_| Problem::Unreadable)?;
    // lopdf opens a file protected only by an owner password with the empty password and removes
    // the protection; one still encrypted after loading needs a password to open.
    if doc.is_encrypted() || doc.trailer.get(b"Encrypt").is_ok() {
        return Err(Problem::Password);
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(Problem::Unreadable);
    }
    // A page tree that loops back on itself lists some page more than once (lopdf stops walking it
    // after as many steps as the file has objects): such a file is damaged, not a longer document.
    let distinct: std::collections::HashSet<_> = pages.values().collect();
    if distinct.len() < pages.len() {
        return Err(Problem::Unreadable);
    }
    for id in pages.values() {
        let page = doc.get_dictionary(*id).map_err(|_| Problem::Unreadable)?;
        let contents: Vec<Object> = match page.get(b"Contents") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(o) => vec![o.clone()],
            Err(_) => Vec::new(),
        };
        for c in contents {
            if let Object::Reference(r) = c {
                doc.get_object(r).map_err(|_| Problem::Unreadable)?;
            }
        }
    }
    Ok((doc, pages.len() as u32))
}

/// Where the file really starts: readers skip anything before `%PDF-`, and offsets count from it.
fn header_offset(bytes: &[u8]) -> usize {
    bytes.windows(5).position(|w| w == b"%PDF-").unwrap_or(0)
}

/// True when every object the cross-reference table points at is really there.
fn offsets_are_sound(bytes: &[u8], doc: &Document) -> bool {
    let body = &bytes[header_offset(bytes)..];
    doc.reference_table.entries.iter().all(|(id, entry)| match entry {
        XrefEntry::Normal { offset, generation } => {
            object_header_at(body, *offset as usize).is_some_and(|(n, g, _)| n == *id && g == *generation)
        }
        _ => true,
    })
}

/// Reads `N G obj` at `at` (after any white space); returns N, G and where the header ends.
fn object_header_at(body: &[u8], at: usize) -> Option<(u32, u16, usize)> {
    let mut i = at;
    let skip_ws = |i: &mut usize| {
        while *i < body.len() && body[*i].is_ascii_whitespace() {
            *i += 1;
        }
    };
    let digits = |i: &mut usize| -> Option<u64> {
        let start = *i;
        while *i < body.len() && body[*i].is_ascii_digit() && *i - start < 10 {
            *i += 1;
        }
        std::str::from_utf8(&body[start..*i]).ok()?.parse().ok()
    };
    skip_ws(&mut i);
    let n = digits(&mut i)?;
    if i >= body.len() || !body[i].is_ascii_whitespace() {
        return None;
    }
    skip_ws(&mut i);
    let g = digits(&mut i)?;
    if i >= body.len() || !body[i].is_ascii_whitespace() {
        return None;
    }
    skip_ws(&mut i);
    if !body[i..].starts_with(b"obj") {
        return None;
    }
    Some((u32::try_from(n).ok()?, u16::try_from(g).ok()?, i + 3))
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Writes a new cross-reference table after the file, built by finding every object in it (a
/// later copy of an object wins, as in an incremental update), with a trailer that keeps the old
/// one's /Root, /Info, /Encrypt and /ID. None when no object or no catalog can be found.
pub fn rebuild_xref(bytes: &[u8]) -> Option<Vec<u8>> {
    let body = &bytes[header_offset(bytes)..];
    let mut objects: std::collections::BTreeMap<u32, (u16, usize)> = std::collections::BTreeMap::new();
    let mut i = 0;
    while i < body.len() {
        let at_line_start = i == 0 || matches!(body[i - 1], b'\n' | b'\r' | b' ' | b'\t');
        if at_line_start && body[i].is_ascii_digit() {
            if let Some((n, g, end)) = object_header_at(body, i) {
                objects.insert(n, (g, i));
                // Jump past the object, so that words inside its stream are not taken for objects.
                // Each search stops at the object's own end, so the scan stays linear in the file.
                let Some(endobj) = find(body, b"endobj", end) else { break };
                i = match find(&body[..endobj], b"stream", end) {
                    Some(s) => find(body, b"endstream", s).and_then(|x| find(body, b"endobj", x)).unwrap_or(endobj),
                    None => endobj,
                };
                continue;
            }
        }
        i += 1;
    }
    if objects.is_empty() {
        return None;
    }
    let root = trailer_entry(body, b"/Root").or_else(|| catalog(body, &objects))?;
    let mut extra = String::new();
    for key in [&b"/Info"[..], b"/Encrypt"] {
        if let Some(r) = trailer_entry(body, key) {
            extra.push_str(&format!(" {} {r}", String::from_utf8_lossy(key)));
        }
    }
    if let Some(id) = trailer_id(body) {
        extra.push_str(&format!(" /ID {id}"));
    }
    let size = objects.keys().next_back().copied().unwrap_or(0) + 1;
    let mut out = body.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let xref_at = out.len();
    out.extend_from_slice(format!("xref\n0 {size}\n").as_bytes());
    for n in 0..size {
        let line = match objects.get(&n) {
            Some((g, at)) => format!("{at:010} {g:05} n\r\n"),
            None => "0000000000 65535 f\r\n".to_string(),
        };
        out.extend_from_slice(line.as_bytes());
    }
    out.extend_from_slice(format!("trailer\n<< /Size {size} /Root {root}{extra} >>\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    Some(out)
}

/// `N G R` after `key` in the last trailer dictionary or cross-reference stream that has it.
fn trailer_entry(body: &[u8], key: &[u8]) -> Option<String> {
    let mut end = body.len();
    while let Some(at) = rfind(&body[..end], key) {
        end = at;
        // A key like /Root inside some other dictionary is fine too: only the catalog is called that.
        let rest = &body[at + key.len()..];
        let text: String = rest.iter().take(40).map(|&b| b as char).collect();
        let mut words = text.split_whitespace();
        let (n, g, r) = (words.next()?, words.next()?, words.next()?);
        let r = r.trim_end_matches(['/', '>']);
        let g = g.trim();
        if n.parse::<u32>().is_ok() && g.parse::<u16>().is_ok() && r.starts_with('R') {
            return Some(format!("{n} {g} R"));
        }
    }
    None
}

/// The `/ID [<…> <…>]` array of the last trailer, as written.
fn trailer_id(body: &[u8]) -> Option<String> {
    let at = rfind(body, b"/ID")?;
    let open = find(body, b"[", at)?;
    if open > at + 8 {
        return None;
    }
    let close = find(body, b"]", open)?;
    std::str::from_utf8(&body[open..=close]).ok().map(str::to_string)
}

/// The object that says it is the document catalog, when no trailer names it.
fn catalog(body: &[u8], objects: &std::collections::BTreeMap<u32, (u16, usize)>) -> Option<String> {
    objects.iter().find_map(|(n, (g, at))| {
        let end = find(body, b"endobj", *at).unwrap_or(body.len());
        let obj = &body[*at..end];
        (find(obj, b"/Type /Catalog", 0).is_some() || find(obj, b"/Type/Catalog", 0).is_some()).then(|| format!("{n} {g} R"))
    })
}
