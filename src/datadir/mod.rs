//! The one door into a data folder: [`open`] makes the folder whole after a crash, opens and migrates
//! its database, and finishes the once-only upkeep older data needs. The CLI, the desktop app and a
//! restore all open the user's folder through it, so none of them can skip a step.
//!
//! It also holds the crash journals that [`open`] finishes: a restore's swap (`swap`) and a contribution
//! import's staged files (`import_staging`), with the lock that tells a running operation from a dead one
//! (`lock`). They live here, below `bundle`, because opening must not depend on the code that makes
//! backups and packs.
//!
//! Not for: what is in the database (the store and the domain modules), nor making backups.

pub mod import_staging;
pub(crate) mod lock;
pub mod swap;

use std::path::Path;

use crate::error::Result;
use crate::store::{self, Store};

/// Opens (creating when needed) the data folder `root`: recovers from an interrupted restore or
/// import, migrates the database, and removes location data from photos stored before that existed.
pub fn open(root: &Path) -> Result<Store> {
    // A folder that cannot be used is reported as such before recovery tries to move files in it.
    store::prepare_dir(root)?;
    // A restore interrupted mid-swap is finished (or its staging discarded) before the database opens.
    swap::recover(root)?;
    let mut store = Store::open(root)?;
    import_staging::recover(&store)?;
    // Photos stored before location removal existed are cleaned once; a photo that cannot be cleaned
    // now is left for the next opening rather than keeping the data folder closed.
    if let Err(e) = crate::evidence::location::clean_library(&mut store) {
        eprintln!("warning: removing location data from older photos did not finish ({e}); it goes on next time");
    }
    Ok(store)
}
