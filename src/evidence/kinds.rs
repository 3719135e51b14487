//! What an evidence item is ([`EvidenceKind`]) and what consent it has for the panel ([`Consent`]):
//! the words the `evidence` table stores, as types, so code matches on them rather than comparing
//! strings, and the window's contract names every value.
//!
//! Each value's stored and serialised word is the same (`snake_case`), read and written by the
//! rusqlite impls here; a stored word this version does not know is reported as an error naming it
//! (a damaged or hand-edited database), never read as some other value.
//! Not for: the rule for what is in the portfolio (see `exhibits`), or sharing consent outside school,
//! which is a yes or no (`Item::share_consent`).

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// What an evidence item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A picture (JPEG, PNG, WebP, GIF, HEIC, TIFF, BMP).
    Photo,
    /// A PDF or an office document (Word, PowerPoint, OpenDocument).
    Document,
    /// A pupil's, parent's or member of staff's words, attributed by role.
    Quote,
    /// A web address, with an optional screenshot.
    Link,
}

impl EvidenceKind {
    /// Every kind, in the order the library's filter lists them.
    pub const ALL: [EvidenceKind; 4] = [EvidenceKind::Photo, EvidenceKind::Document, EvidenceKind::Quote, EvidenceKind::Link];

    /// The word stored in the `evidence.kind` column (and sent to the window).
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::Photo => "photo",
            EvidenceKind::Document => "document",
            EvidenceKind::Quote => "quote",
            EvidenceKind::Link => "link",
        }
    }

    /// The kind a stored word names, or None for a word this version does not know.
    pub fn from_stored(text: &str) -> Option<EvidenceKind> {
        EvidenceKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

impl std::fmt::Display for EvidenceKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Consent for the panel to see the people an item shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Consent {
    /// Consent is recorded.
    Given,
    /// Consent is given on condition that some faces are hidden (see `redact`).
    GivenHidden,
    /// Nobody identifiable is shown, so none is needed.
    NotNeeded,
    /// It may show people and no consent is recorded: it stays out of exports.
    Missing,
}

impl Consent {
    /// Every value, in the order the window offers them.
    pub const ALL: [Consent; 4] = [Consent::Given, Consent::GivenHidden, Consent::NotNeeded, Consent::Missing];

    /// The word stored in the `evidence.consent` column (and sent to the window).
    pub fn as_str(self) -> &'static str {
        match self {
            Consent::Given => "given",
            Consent::GivenHidden => "given_hidden",
            Consent::NotNeeded => "not_needed",
            Consent::Missing => "missing",
        }
    }

    /// The consent a stored word names, or None for a word this version does not know.
    pub fn from_stored(text: &str) -> Option<Consent> {
        Consent::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// A consent typed by a person (any case, `-` or `_`: `not-needed`); anything else is refused
    /// with the `consent_value` rule.
    pub fn parse(text: &str) -> Result<Consent> {
        Consent::from_stored(&text.trim().to_lowercase().replace('-', "_")).ok_or_else(|| {
            Error::rule("consent_value", [("value", text.into())], "consent must be given, given with faces hidden, not needed or missing")
        })
    }
}

impl std::fmt::Display for Consent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A stored word that names no value of the type: the error a read reports, naming the word.
#[derive(Debug)]
struct UnknownStored {
    column: &'static str,
    value: String,
}

impl std::fmt::Display for UnknownStored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the database holds an evidence {} this version does not know: `{}`", self.column, self.value)
    }
}

impl std::error::Error for UnknownStored {}

/// Reads a text column through `from_stored`, reporting an unknown word by name.
fn read<T>(value: ValueRef<'_>, column: &'static str, from_stored: fn(&str) -> Option<T>) -> FromSqlResult<T> {
    let text = value.as_str()?;
    from_stored(text).ok_or_else(|| FromSqlError::Other(Box::new(UnknownStored { column, value: text.to_string() })))
}

impl ToSql for EvidenceKind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for EvidenceKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        read(value, "kind", EvidenceKind::from_stored)
    }
}

impl ToSql for Consent {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for Consent {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        read(value, "consent", Consent::from_stored)
    }
}
