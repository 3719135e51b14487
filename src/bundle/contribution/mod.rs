//! Colleagues' contributions: a teacher exports the evidence and action items they added
//! (`.sanctuary-contribution`: their rows, criteria and files); the coordinator imports and merges.
//!
//! Merge rules: the same UUID with the same content, or a different UUID with the same content hash
//! (same file, same quote, same action), is the same thing and is skipped; a new item is added; the
//! same UUID with different content becomes a conflict the user decides ([`resolve_conflict`]). Nothing
//! here is ever overwritten silently. Rows are copied column by column, so columns other modules add
//! later travel too.
//!
//! One private module a step: `pack` writes a pack, `import` merges one, `conflicts` lists and
//! settles what an import could not decide; `rows` copies and compares rows column by column for all
//! of them. An import a crash interrupted is finished or discarded by `datadir::import_staging`,
//! which runs before the data folder opens. This file holds the
//! pack's format: its entry names and the records it carries.

mod conflicts;
mod import;
mod pack;
mod rows;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use conflicts::{list_conflicts, resolve_conflict};
pub use import::{import, import_sealed};
pub use pack::{export, export_sealed};

/// The entry holding the records.
pub use super::manifest::RECORDS_NAME;

/// Folder inside the data folder where an import's files wait until its rows are committed.
pub use crate::datadir::import_staging::IMPORT_STAGING_DIR;

type Row = BTreeMap<String, Value>;

/// One item in a pack: its row (column → value) and its criteria keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub row: Row,
    pub criteria: Vec<String>,
    /// What makes two copies with different UUIDs the same thing (the file's sha256, or a hash of the
    /// quote or action). Written for whoever reads the pack; an import always recomputes it.
    #[serde(default)]
    pub content_hash: String,
}

/// The records inside a pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Records {
    pub pack_id: String,
    pub contributor: String,
    pub school_name: String,
    pub created_at: String,
    pub evidence: Vec<Item>,
    pub actions: Vec<Item>,
    pub blobs: Vec<Row>,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ContributionExport")]
pub struct ExportReport {
    pub path: PathBuf,
    pub evidence: usize,
    pub actions: usize,
    pub files: usize,
    pub bytes: u64,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ContributionImport")]
pub struct ImportReport {
    pub contributor: String,
    pub added_evidence: usize,
    pub added_actions: usize,
    /// Items already here (same UUID and content, or same content hash).
    pub duplicates: usize,
    /// Items left for the user to decide.
    pub conflicts: usize,
}

/// An undecided conflict, for the screen that asks "keep mine / take theirs".
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub id: String,
    /// `evidence` or `action_item`.
    pub item_kind: String,
    pub item_id: String,
    pub title_mine: String,
    pub title_theirs: String,
    pub contributor: String,
    /// The fields that differ.
    pub differences: Vec<Difference>,
}

/// One field of a conflict, as it is here and as the colleague has it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Difference {
    pub field: String,
    pub mine: String,
    pub theirs: String,
}

/// The user's decision on a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    KeepMine,
    TakeTheirs,
}
