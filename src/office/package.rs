//! Opening an office file as a zip package, within limits: how many entries, how large each part
//! may grow when unpacked (read through a cap, so a zip that lies about its sizes cannot get
//! past it), how much is unpacked in all, and how many XML nodes a part may have. A zip bomb or a
//! huge XML part gives a clear [`Problem`], never a frozen laptop.
//!
//! Also: relationships (OOXML `_rels`), and the signature of an OLE compound file, which is what a
//! legacy `.doc` or a password-protected `.docx` is.

use std::cell::Cell;
use std::collections::HashMap;
use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::Problem;

/// Most entries a document may have; real ones have tens, a few hundred with many pictures.
const MAX_ENTRIES: usize = 20_000;
/// Largest XML part once unpacked; a 300-page Word document's text is a few MB.
pub(super) const MAX_XML: u64 = 64 * 1024 * 1024;
/// Largest picture once unpacked.
pub(super) const MAX_PICTURE: u64 = 50 * 1024 * 1024;
/// Most bytes unpacked from one document in all.
const MAX_TOTAL: u64 = 512 * 1024 * 1024;
/// Most nodes in one XML tree (elements, attributes' owners and texts).
const MAX_NODES: u32 = 4_000_000;

/// The first bytes of an OLE compound file: legacy Office files and encrypted OOXML.
pub const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// An open zip package.
pub(crate) struct Package<'a> {
    zip: std::cell::RefCell<ZipArchive<Cursor<&'a [u8]>>>,
    unpacked: Cell<u64>,
}

impl<'a> Package<'a> {
    /// Opens `bytes` as a zip; an OLE file is a password-protected document (its readable kind
    /// is a zip), anything else that is not a zip is damaged.
    pub(crate) fn open(bytes: &'a [u8]) -> Result<Package<'a>, Problem> {
        if bytes.starts_with(&CFB_MAGIC) {
            return Err(Problem::Encrypted);
        }
        let zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| Problem::Damaged(format!("it is not a readable zip package ({e})")))?;
        if zip.len() > MAX_ENTRIES {
            return Err(Problem::TooLarge(format!("it has {} parts, more than {MAX_ENTRIES}", zip.len())));
        }
        Ok(Package { zip: std::cell::RefCell::new(zip), unpacked: Cell::new(0) })
    }

    /// True when the package has a part called `name`.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.zip.borrow().index_for_name(name).is_some()
    }

    /// The bytes of part `name`, at most `limit` of them once unpacked.
    pub(super) fn bytes(&self, name: &str, limit: u64) -> Result<Vec<u8>, Problem> {
        let mut zip = self.zip.borrow_mut();
        let file = zip.by_name(name).map_err(|e| match e {
            zip::result::ZipError::FileNotFound => Problem::Damaged(format!("the part {name} is missing")),
            zip::result::ZipError::UnsupportedArchive(m) if m.contains("ncrypt") || m.contains("assword") => {
                Problem::Encrypted
            }
            other => Problem::Damaged(format!("the part {name} cannot be read ({other})")),
        })?;
        if file.encrypted() {
            return Err(Problem::Encrypted);
        }
        let room = limit.min(MAX_TOTAL.saturating_sub(self.unpacked.get()));
        let mut out = Vec::new();
        // Read one byte past the cap, whatever the header claims, to know when it was exceeded.
        file.take(room + 1)
            .read_to_end(&mut out)
            .map_err(|e| Problem::Damaged(format!("the part {name} is damaged ({e})")))?;
        if out.len() as u64 > room {
            return Err(Problem::TooLarge(format!(
                "the part {name} unpacks to more than {} MB",
                room / (1024 * 1024)
            )));
        }
        self.unpacked.set(self.unpacked.get() + out.len() as u64);
        Ok(out)
    }

    /// Part `name` as text (XML is UTF-8 in every format read here).
    pub(crate) fn text(&self, name: &str) -> Result<String, Problem> {
        let bytes = self.bytes(name, MAX_XML)?;
        String::from_utf8(bytes).map_err(|_| Problem::Damaged(format!("the part {name} is not UTF-8 text")))
    }

    /// The relationships of OOXML part `part` (e.g. `word/document.xml`): id → target part name.
    /// External targets (web links) are left out. A part without relationships has none.
    pub(crate) fn relationships(&self, part: &str) -> Result<HashMap<String, String>, Problem> {
        let (dir, file) = match part.rfind('/') {
            Some(i) => (&part[..i], &part[i + 1..]),
            None => ("", part),
        };
        let rels = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
        if !self.has(&rels) {
            return Ok(HashMap::new());
        }
        let text = self.text(&rels)?;
        let doc = parse(&text, &rels)?;
        let mut out = HashMap::new();
        for r in doc.descendants().filter(|n| n.has_tag_name("Relationship")) {
            if r.attribute("TargetMode") == Some("External") {
                continue;
            }
            if let (Some(id), Some(target)) = (r.attribute("Id"), r.attribute("Target")) {
                out.insert(id.to_string(), resolve(dir, target));
            }
        }
        Ok(out)
    }
}

impl Package<'_> {
    /// The package's main part (`word/document.xml`, `ppt/presentation.xml`), as the package's own
    /// relationships name it, else `usual`.
    pub(crate) fn main_part(&self, usual: &str) -> Result<String, Problem> {
        if self.has("_rels/.rels") {
            let text = self.text("_rels/.rels")?;
            let doc = parse(&text, "_rels/.rels")?;
            let main = doc.descendants().filter(|n| n.has_tag_name("Relationship")).find(|r| {
                r.attribute("Type").is_some_and(|t| t.ends_with("/officeDocument"))
                    && r.attribute("TargetMode") != Some("External")
            });
            if let Some(target) = main.and_then(|r| r.attribute("Target")) {
                let part = resolve("", target);
                if self.has(&part) {
                    return Ok(part);
                }
            }
        }
        if self.has(usual) {
            Ok(usual.to_string())
        } else {
            Err(Problem::Damaged(format!("the part {usual} is missing")))
        }
    }
}

/// Resolves a relationship target against the folder of the part that names it.
pub(crate) fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if let Some(abs) = target.strip_prefix('/') {
        return normalise(abs.split('/').collect());
    } else if dir.is_empty() {
        Vec::new()
    } else {
        dir.split('/').collect()
    };
    parts.extend(target.split('/'));
    normalise(parts)
}

fn normalise(parts: Vec<&str>) -> String {
    let mut out: Vec<&str> = Vec::new();
    for p in parts {
        match p {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out.join("/")
}

/// Parses XML without DTDs (so no entity expansion) and with a node limit.
pub(crate) fn parse<'t>(text: &'t str, part: &str) -> Result<roxmltree::Document<'t>, Problem> {
    let opts = roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: MAX_NODES, ..Default::default() };
    roxmltree::Document::parse_with_options(text, opts).map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => {
            Problem::TooLarge(format!("the part {part} has more than {MAX_NODES} XML nodes"))
        }
        other => Problem::Damaged(format!("the part {part} is not well-formed XML ({other})")),
    })
}

/// The namespaces of relationship attributes (transitional and strict OOXML).
const R: &[&str] = &[
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
];

/// A relationship id attribute (`r:embed`, `r:id`).
pub(super) fn rattr<'a>(n: roxmltree::Node<'a, '_>, local: &str) -> Option<&'a str> {
    n.attributes()
        .find(|a| a.name() == local && a.namespace().is_some_and(|ns| R.contains(&ns)))
        .map(|a| a.value())
}
