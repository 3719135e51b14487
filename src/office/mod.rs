//! Word, PowerPoint and OpenDocument files (.docx, .pptx, .odt, .odp) read by our own code into a
//! small document model, so that the portfolio can typeset them as reading copies the panel can
//! read, on laptops without any office suite.
//!
//! What never leaves this module: comments, tracked deletions, hidden text, speaker notes, hidden
//! slides and document properties (the readers never read them into the model). Pictures leave as
//! the document stored them; the portfolio re-encodes them without metadata (see
//! `evidence::document_pictures::document_picture`).
//!
//! Not for: drawing (see `reading_copy`), nor deciding what is evidence (see `evidence`).
//! Files that cannot be read (password-protected, damaged, legacy binary Office files,
//! spreadsheets) get a [`Problem`] that says in plain words what to do.

mod chart;
mod diagram;
mod docx;
mod flat;
mod embedded;
mod figure;
mod model;
mod odf;
mod package;
mod pptx;

pub use figure::{number, Chart, ChartKind, Grouping, Series};
pub use model::{Block, Content, Picture, Run, Slide};
pub use package::CFB_MAGIC;
/// For `review`, which reads the comments and tracked changes these readers leave out.
pub(crate) use docx::heading_styles;
pub(crate) use package::{parse as parse_xml, resolve as resolve_part, Package};

/// The kinds of office file there is a reader for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Pptx,
    Odt,
    Odp,
}

/// MIME types of the formats read here.
pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
pub const PPTX: &str = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const ODT: &str = "application/vnd.oasis.opendocument.text";
pub const ODP: &str = "application/vnd.oasis.opendocument.presentation";
pub const ODS: &str = "application/vnd.oasis.opendocument.spreadsheet";
/// Legacy binary Office files (OLE compound files): kept as evidence, never read.
pub const LEGACY: &[(&str, &str)] = &[
    ("doc", "application/msword"),
    ("ppt", "application/vnd.ms-powerpoint"),
    ("xls", "application/vnd.ms-excel"),
    ("pub", "application/x-mspublisher"),
];

/// Why a document cannot become a reading copy. The file itself is still kept as evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Protected with a password (an encrypted OOXML file is an OLE container, not a zip).
    Encrypted,
    /// A legacy binary Office file (.doc, .ppt, .xls, .pub).
    Legacy,
    /// A spreadsheet: the portfolio does not typeset spreadsheets.
    Spreadsheet,
    /// Not a well-formed document; the reason in words.
    Damaged(String),
    /// Over one of the safety limits (a zip bomb or an absurd XML part); the reason in words.
    TooLarge(String),
}

impl Problem {
    /// A short stable code, stored with the evidence item and worded by the window.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Encrypted => "encrypted",
            Problem::Legacy => "legacy",
            Problem::Spreadsheet => "spreadsheet",
            Problem::Damaged(_) => "damaged",
            Problem::TooLarge(_) => "too_large",
        }
    }

    /// The plain-words English message for the import report and the command line.
    pub fn message(&self) -> String {
        let fix = "save it as .docx or PDF and add it again";
        match self {
            Problem::Encrypted => format!("it is protected with a password, so the panel would see only its name; remove the password, {fix}"),
            Problem::Legacy => format!("it is an old-style Office file that the app cannot open, so the panel would see only its name; open it in Word or PowerPoint, {fix}"),
            Problem::Spreadsheet => "spreadsheets are not printed in the portfolio, so the panel would see only its name; save it as PDF and add it again".to_string(),
            Problem::Damaged(why) => format!("it cannot be read ({why}), so the panel would see only its name; {fix}"),
            Problem::TooLarge(why) => format!("it is too large to open safely ({why}), so the panel would see only its name; {fix}"),
        }
    }

    /// The problem a stored code stands for (the reason of a damaged file is not stored).
    pub fn from_code(code: &str) -> Option<Problem> {
        Some(match code {
            "encrypted" => Problem::Encrypted,
            "legacy" => Problem::Legacy,
            "spreadsheet" => Problem::Spreadsheet,
            "damaged" => Problem::Damaged("it is damaged".into()),
            "too_large" => Problem::TooLarge("it is over the safety limits".into()),
            _ => return None,
        })
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

/// What an office MIME type is to the portfolio: a format with a reader, a known problem, or
/// None for files that are not office documents at all.
pub fn classify(mime: &str) -> Option<Result<Format, Problem>> {
    Some(match mime {
        DOCX => Ok(Format::Docx),
        PPTX => Ok(Format::Pptx),
        ODT => Ok(Format::Odt),
        ODP => Ok(Format::Odp),
        XLSX | ODS => Err(Problem::Spreadsheet),
        m if LEGACY.iter().any(|(_, l)| *l == m) => Err(Problem::Legacy),
        _ => return None,
    })
}

/// Reads a document of `format` from its bytes.
pub fn read(bytes: &[u8], format: Format) -> Result<Content, Problem> {
    let pkg = package::Package::open(bytes)?;
    match format {
        Format::Docx => docx::read(&pkg).map(Content::Flow),
        Format::Pptx => pptx::read(&pkg),
        Format::Odt => odf::read_text(&pkg).map(Content::Flow),
        Format::Odp => odf::read_presentation(&pkg),
    }
}

/// Reads the document stored with `mime`: the content, or why there is none.
pub fn read_as(bytes: &[u8], mime: &str) -> Result<Content, Problem> {
    match classify(mime) {
        Some(Ok(format)) => read(bytes, format),
        Some(Err(p)) => Err(p),
        None => Err(Problem::Damaged("it is not an office document".into())),
    }
}
