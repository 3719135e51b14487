//! The crate-wide error type: every variant says what went wrong and what the user can do next.
//!
//! Modules return `Error` directly; the desktop shell turns it into `{code, message}` for the UI and the
//! CLI prints `message` on one line. Add a variant only when a caller needs to tell it apart.

use std::path::PathBuf;

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the core, phrased for a school coordinator.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data folder cannot be created, opened or written.
    #[error("cannot use the data folder {path}: {reason}. Choose another folder with --data-dir or SANCTUARY_DATA_DIR")]
    DataDir { path: PathBuf, reason: String },

    /// The database file is not ours, is damaged, or is from a newer release.
    #[error("the database {path} cannot be opened: {reason}")]
    Database { path: PathBuf, reason: String },

    /// An SQLite call failed after the store was open.
    #[error("the database refused a change ({0}); nothing was saved. If this keeps happening, restore a backup")]
    Sql(#[from] rusqlite::Error),

    /// A file could not be read or written.
    #[error("{action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A value the user gave is not acceptable; the message names the field and the fix.
    #[error("{0}")]
    Invalid(String),

    /// A record asked for does not exist (perhaps deleted on another screen).
    #[error("{what} {id} was not found; it may have been deleted. Reload and try again")]
    NotFound { what: &'static str, id: String },

    /// A framework file is unusable; `line` is 1-based when known.
    #[error("framework file {file}{}: {problem}. Nothing was imported", line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Framework { file: String, line: Option<usize>, problem: String },

    /// A file offered as evidence was refused.
    #[error("{file}: {reason}")]
    Refused { file: String, reason: String },

    /// The PDF could not be made.
    #[error("the portfolio could not be made: {0}")]
    Pdf(String),

    /// The user cancelled a long job; nothing was changed.
    #[error("cancelled; nothing was changed")]
    Cancelled,

    /// A backup or pack is protected with a passphrase and none was given; the window asks for it.
    #[error("{file} is protected with a passphrase; give the passphrase it was made with. Nothing was changed")]
    PassphraseNeeded { file: String },

    /// The passphrase given does not open the file; nothing was changed.
    #[error("{file}: that passphrase does not open this file. Check it (capital letters, spaces) and try again; nobody can recover a forgotten passphrase. Nothing was changed")]
    WrongPassphrase { file: String },
}

impl Error {
    /// Wraps an I/O error with what we were doing and to which path.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { action, path: path.into(), source }
    }

    /// A short stable code for the UI to branch on; most errors only need their message.
    pub fn code(&self) -> &'static str {
        match self {
            Error::DataDir { .. } => "data_dir",
            Error::Database { .. } => "database",
            Error::Sql(_) => "sql",
            Error::Io { .. } => "io",
            Error::Invalid(_) => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::Framework { .. } => "framework",
            Error::Refused { .. } => "refused",
            Error::Pdf(_) => "pdf",
            Error::Cancelled => "cancelled",
            Error::PassphraseNeeded { .. } => "passphrase_needed",
            Error::WrongPassphrase { .. } => "wrong_passphrase",
        }
    }
}

/// Makes an I/O error say "the disk is full" when that is what happened, so the user knows what to do.
pub(crate) fn write_error(path: &std::path::Path, e: std::io::Error) -> Error {
    let full = matches!(e.raw_os_error(), Some(27) | Some(28)) || e.kind() == std::io::ErrorKind::StorageFull;
    if full {
        Error::io(
            "not enough disk space; free some space and try again. Could not write",
            path,
            e,
        )
    } else {
        Error::io("cannot write", path, e)
    }
}
