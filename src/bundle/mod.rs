//! Keeping a school's work safe and moving it around: one-file backups and restores, automatic
//! backups, colleagues' contribution packs and their merge, and starting a renewal from old data.
//!
//! Files are zips (`.sanctuary`, `.sanctuary-contribution`) with a checksummed manifest, so a person can
//! open them with ordinary tools; see `archive` for how they are read defensively. Files that leave the
//! laptop are sealed with a passphrase in the age format (`sealed`); automatic backups are not.

pub mod archive;
pub mod auto;
pub mod backup;
pub mod contribution;
mod lock;
pub mod manifest;
pub mod pause;
pub mod renewal;
pub mod restore;
pub mod protection;
pub mod sealed;

pub use archive::Limits;
pub use auto::{auto_backup_if_due, list_backups, BackupEntry};
pub use backup::{backup, backup_sealed, BackupReport};
pub use sealed::Passphrase;
pub use contribution::{list_conflicts, resolve_conflict, Choice, Conflict, Difference, ImportReport};
pub use restore::{inspect, inspect_sealed, restore, restore_sealed, BundleInfo, RestoreOptions, RestoreReport};

use std::path::Path;

use crate::error::Result;
use crate::store::Store;

/// Run by `Store::open` before the database is opened: completes or discards an interrupted restore.
pub fn recover_before_open(root: &Path) -> Result<()> {
    restore::recover_before_open(root)
}

/// Run by `Store::open` once the database is open: completes or discards an interrupted import.
pub fn recover_after_open(store: &mut Store) -> Result<()> {
    contribution::recover_imports(store)
}
