//! The manifest inside every bundle file: what kind of file it is, who made it, and a sha256 for every
//! other entry, so that a reader can tell a damaged, truncated or foreign file from a good one.

use serde::{Deserialize, Serialize};

/// Name of the manifest entry; written last, once every checksum is known.
pub const MANIFEST_NAME: &str = "manifest.json";

/// [`Manifest::schema_numbering`] of files whose schema version is a migration file number.
pub const SCHEMA_BY_FILE: &str = "file";

/// The entry holding a contribution pack's records. Named here, with the other entry names, because
/// the reader (`archive`) must know it to accept a pack and the writer (`contribution`) to make one.
pub const RECORDS_NAME: &str = "contribution.json";

/// The value of `format` that marks a file as ours; anything else is refused as foreign.
pub const FORMAT: &str = "sanctuary-portfolio-bundle";

/// Bumped when a reader of an older release could no longer understand the layout.
pub const FORMAT_VERSION: u32 = 1;

/// What a bundle holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "BundleKind")]
pub enum Kind {
    /// A whole data folder: database and every evidence original (`.sanctuary`).
    Backup,
    /// Evidence and action items one colleague added (`.sanctuary-contribution`).
    Contribution,
}

impl Kind {
    /// The file extension a person sees.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Backup => "sanctuary",
            Kind::Contribution => "sanctuary-contribution",
        }
    }

    /// Words for messages.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Backup => "backup",
            Kind::Contribution => "contribution pack",
        }
    }
}

/// One entry other than the manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// The manifest as stored (JSON, pretty-printed so that a person opening the file can read it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    pub kind: Kind,
    pub app_version: String,
    pub school_name: String,
    /// The database's schema version; read it with [`Manifest::schema`].
    pub schema_version: i64,
    /// `"file"` when `schema_version` is a migration file number (see `store`). Absent in files made
    /// by builds before that numbering, whose `schema_version` counts migrations. Those builds ignore
    /// the field and compare `schema_version` with their own count, so they refuse a file made here
    /// as newer, as they refused any file from a newer schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_numbering: Option<String>,
    /// UTC RFC 3339, as passed in by the caller.
    pub created_at: String,
    pub entries: Vec<Entry>,
}

impl Manifest {
    /// A manifest for this build, without entries yet.
    pub fn new(kind: Kind, school_name: &str, schema_version: i64, created_at: &str) -> Manifest {
        Manifest {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            kind,
            app_version: env!("CARGO_PKG_VERSION").into(),
            school_name: school_name.into(),
            schema_version,
            schema_numbering: Some(SCHEMA_BY_FILE.into()),
            created_at: created_at.into(),
            entries: Vec::new(),
        }
    }

    /// The schema version of the database inside, in this build's numbering, whichever build made
    /// the file.
    pub fn schema(&self) -> i64 {
        if self.schema_numbering.as_deref() == Some(SCHEMA_BY_FILE) {
            self.schema_version
        } else {
            crate::store::from_old_numbering(self.schema_version)
        }
    }

    /// The entry called `path`, if listed.
    pub fn entry(&self, path: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.path == path)
    }
}

/// True for a lowercase sha256 in hex.
pub fn is_sha256(s: &str) -> bool {
    crate::evidence::blobs::is_sha256(s)
}

/// The entry name of an evidence original inside a bundle; mirrors the data folder's own layout.
pub fn blob_entry(sha: &str) -> String {
    format!("blobs/{}/{sha}", &sha[..2])
}

/// The sha256 named by a blob entry, if `path` is exactly one.
pub fn blob_entry_sha(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("blobs/")?;
    let (dir, sha) = rest.split_once('/')?;
    (is_sha256(sha) && dir == &sha[..2]).then_some(sha)
}
