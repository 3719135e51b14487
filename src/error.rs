//! The crate-wide error type: every variant says what went wrong and what the user can do next.
//!
//! Modules return `Error` directly; the desktop shell turns it into `{code, params, message}` and the
//! CLI prints `message` on one line. The window words an error from its own English or Welsh table by
//! `code` (`error.<code>` in ui/src/i18n/*.json), filling `{placeholders}` from `params`, and shows the
//! core's English `message` only for a code it has no words for. A refusal the coordinator can cause
//! from the window (a rule on what they typed or chose) is an [`Error::Rule`] with a code listed in
//! [`RULE_CODES`], so that it reaches the Welsh window in Welsh. Add a variant only when a caller needs to
//! tell it apart.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

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

    /// An internal failure no person can meet or fix from the window (a value we wrote ourselves that
    /// does not read back, a command-line-only id prefix). Every site carries an `// internal:` comment
    /// saying why (tests/core/structure.rs holds them to it); a refusal a person can meet is an
    /// [`Error::Rule`].
    #[error("{0}")]
    Invalid(String),

    /// A value refused by a named rule: `code` (one of [`RULE_CODES`]) and `params` let each window word it
    /// in its own language; `message` is the English the CLI prints.
    #[error("{message}")]
    Rule { code: &'static str, params: Params, message: String },

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

    /// A refusal by the rule `code` (listed in [`RULE_CODES`]), with the values its wording needs and the
    /// English sentence.
    pub fn rule<const N: usize>(code: &'static str, params: [(&str, Param); N], message: impl Into<String>) -> Self {
        debug_assert!(RULE_CODES.contains(&code), "rule code `{code}` is missing from error::RULE_CODES");
        let params = params.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        Error::Rule { code, params, message: message.into() }
    }

    /// The values the window's wording of [`Error::code`] fills in (empty for most errors).
    pub fn params(&self) -> Params {
        match self {
            Error::Rule { params, .. } => params.clone(),
            Error::PassphraseNeeded { file } | Error::WrongPassphrase { file } => Params::from([("file".to_string(), file.as_str().into())]),
            _ => Params::new(),
        }
    }

    /// A short stable code: the window words the error by it (`error.<code>` in its tables).
    pub fn code(&self) -> &'static str {
        match self {
            Error::Rule { code, .. } => code,
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

/// The codes of the kinds of [`Error`] other than rules. The window has its own words for the ones
/// about what the coordinator did (`cancelled`, the passphrase ones); the others carry a reason from
/// the system (a path, an SQLite or disk error) and are shown with the core's English message.
pub const KIND_CODES: &[&str] = &[
    "data_dir",
    "database",
    "sql",
    "io",
    "invalid",
    "not_found",
    "framework",
    "refused",
    "pdf",
    "cancelled",
    "passphrase_needed",
    "wrong_passphrase",
];

/// The codes of [`Error::Rule`]s: refusals of what the coordinator typed or chose. Every one has
/// English and Welsh words in the window (the contract's test checks ui/src/i18n/*.json).
pub const RULE_CODES: &[&str] = &[
    "draft_not_word",
    "draft_unreadable",
    "review_not_supported",
    "review_unreadable",
    "import_file_too_large",
    "review_no_comments",
    "suggestion_no_longer_fits",
    "suggestion_already_settled",
    "export_file_name",
    "export_budget",
    "export_word_part",
    "export_application_file_name",
    "framework_file_too_large",
    "text_too_long",
    "action_empty",
    "action_needs_criterion",
    "evidence_needs_title",
    "quote_empty",
    "consent_value",
    "link_no_address",
    "link_not_web",
    "renewal_no_award_date",
    "renewal_due_not_settable",
    "passphrase_empty",
    "passphrase_required",
    "school_identifier",
    "award_level_unknown",
    "commitment_empty",
    "commitment_due_not_date",
    "commitment_unknown_criterion",
    "commitment_not_carried",
    "data_folder_in_use",
    "data_folder_busy",
    "data_folder_synced",
    "bulk_none_chosen",
    "evidence_unknown_criterion",
    "date_not_valid",
    "draft_unknown_code",
    "share_folder_is_file",
    "share_folder_not_ours",
    "share_url_not_web",
    "evidence_language_tag",
    "already_sealed",
    "audit_level_off_scale",
    "audit_status_unknown",
    "backup_database_damaged",
    "backup_folder_missing",
    "backup_newer",
    "backup_no_database",
    "backup_target_folder",
    "bundle_age_key",
    "bundle_damaged",
    "bundle_too_much_work",
    "contribution_file_taken",
    "criterion_unknown",
    "demo_would_replace",
    "evidence_avif",
    "evidence_cannot_read",
    "evidence_empty",
    "evidence_fault",
    "evidence_no_picture",
    "evidence_none_chosen",
    "evidence_not_a_file",
    "evidence_not_stored",
    "evidence_old_office",
    "evidence_pdf_unreadable",
    "evidence_photo_cut_short",
    "evidence_picture_unreadable",
    "evidence_program",
    "evidence_renamed",
    "evidence_store_failed",
    "evidence_too_large",
    "evidence_undo_added_again",
    "evidence_unsupported",
    "evidence_zip",
    "export_folder_missing",
    "export_no_file",
    "export_part_unknown",
    "export_target_folder",
    "feedback_comment_kind",
    "feedback_round_kind",
    "framework_id_builtin",
    "framework_unknown",
    "journey_step_unknown",
    "language_unknown",
    "link_has_spaces",
    "link_incomplete",
    "link_no_host",
    "link_screenshot_taken",
    "link_too_long",
    "pack_evidence_damaged",
    "passphrase_too_short",
    "plan_status_unknown",
    "redact_area_fractions",
    "redact_area_too_small",
    "redact_not_photo",
    "redact_too_many",
    "renewal_already_started",
    "renewal_no_school",
    "restore_folder_open",
    "restore_running",
    "restore_would_replace_school",
    "restore_would_replace_unreadable",
    "restore_would_replace_work",
];

/// Values that fill an error's `{placeholders}`, by name.
pub type Params = BTreeMap<String, Param>;

/// One value for a placeholder: a number (the window may format it) or a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(untagged)]
pub enum Param {
    Number(i64),
    Text(String),
}

impl From<&str> for Param {
    fn from(v: &str) -> Self {
        Param::Text(v.to_string())
    }
}

impl From<String> for Param {
    fn from(v: String) -> Self {
        Param::Text(v)
    }
}

impl From<i64> for Param {
    fn from(v: i64) -> Self {
        Param::Number(v)
    }
}

impl From<usize> for Param {
    fn from(v: usize) -> Self {
        Param::Number(v as i64)
    }
}
