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
pub mod manifest;
pub mod renewal;
pub mod restore;
pub mod protection;
pub mod sealed;

pub use archive::Limits;
pub use auto::{auto_backup_if_due, list_backups, BackupEntry, BackupKind};
pub use backup::{backup, backup_sealed, BackupReport};
pub use protection::Seal;
pub use sealed::Passphrase;
pub use contribution::{list_conflicts, resolve_conflict, Choice, Conflict, Difference, ImportReport};
pub use restore::{inspect, inspect_sealed, restore, restore_sealed, BundleInfo, RestoreOptions, RestoreReport};
