//! Which part of the portfolio an export writes, and in which format: the whole portfolio, the
//! application alone (what the panel's page limit counts, as a PDF or as a Word file the school
//! can still edit) or the evidence pack alone; and the file names each accepts.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The part of the portfolio an export writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// Cover, contents, every section and the evidence appendix: one PDF.
    #[default]
    All,
    /// The accounts per strand and criterion only, under a short cover line.
    Application,
    /// The evidence appendix only (attached pages and reading copies included), under its own
    /// cover line and contents.
    Evidence,
}

impl std::str::FromStr for Part {
    type Err = Error;

    fn from_str(s: &str) -> Result<Part> {
        match s {
            "all" => Ok(Part::All),
            "application" => Ok(Part::Application),
            "evidence" => Ok(Part::Evidence),
            other => Err(Error::rule(
                "export_part_unknown",
                [("value", other.into())],
                format!("there is no part `{other}`; choose application, evidence or all"),
            )),
        }
    }
}

/// The file an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    /// Word (.docx): only for the application.
    Docx,
}

/// The format `out`'s name asks for, refused unless `part` can be written in it: every part as
/// .pdf, the application also as .docx.
pub(crate) fn format_for(out: &Path, part: Part) -> Result<Format> {
    let ext = out.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match (ext.as_str(), part) {
        ("pdf", _) => Ok(Format::Pdf),
        ("docx", Part::Application) => Ok(Format::Docx),
        ("docx", _) => Err(Error::rule(
            "export_word_part",
            [],
            "only the application can be saved as a Word file; choose the application, or a file name ending in .pdf",
        )),
        (_, Part::Application) => Err(Error::rule(
            "export_application_file_name",
            [],
            "choose a file name ending in .pdf, or .docx for a Word file",
        )),
        _ => Err(Error::rule("export_file_name", [], "choose a file name ending in .pdf")),
    }
}
