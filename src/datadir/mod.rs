//! The one door into a data folder: [`open`] makes the folder whole after a crash, opens and migrates
//! its database, and finishes the once-only upkeep older data needs. The CLI, the desktop app and a
//! restore all open the user's folder through it, so none of them can skip a step.
//!
//! It also holds the crash journals that [`open`] finishes: a restore's swap (`swap`) and a contribution
//! import's staged files (`import_staging`), with the lock that tells a running operation from a dead one
//! (`lock`). They live here, below `bundle`, because opening must not depend on the code that makes
//! backups and packs.
//!
//! Opening also marks the folder as in use by this program (`in_use`: one computer at a time, with who
//! has it open in the refusal), chooses the database's journal for the kind of disk it is on
//! (`filesystem`: no WAL on a network share) and knows when a cloud service syncs it (`synced`).
//!
//! Not for: what is in the database (the store and the domain modules), nor making backups.

pub mod filesystem;
pub mod import_staging;
pub mod in_use;
pub(crate) mod lock;
pub mod swap;
pub mod synced;

use std::path::Path;

use crate::error::{Error, Result};
use crate::store::{self, Journal, Store};

/// How a program opens a data folder.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// Take the folder over from another computer that has it open (after the person chose to: that
    /// laptop crashed or was switched off without closing).
    pub take_over: bool,
    /// The computer name to open as (None: this computer's, or `SANCTUARY_COMPUTER_NAME`); for tests
    /// that play two computers in one process.
    pub computer: Option<String>,
}

/// Opens (creating when needed) the data folder `root` as this program, refusing when another computer
/// has it open: see [`open_with`].
pub fn open(root: &Path) -> Result<Store> {
    open_with(root, &OpenOptions::default())
}

/// Opens (creating when needed) the data folder `root`: marks it in use by this program (refused with
/// the holder's name when another computer has it open, unless `take_over`), recovers from an
/// interrupted restore or import, opens the database with the journal its disk needs, migrates it, and
/// removes location data from photos stored before that existed.
pub fn open_with(root: &Path, options: &OpenOptions) -> Result<Store> {
    // A folder that cannot be used is reported as such before recovery tries to move files in it.
    store::prepare_dir(root)?;
    // Before anything is moved or written: a folder another computer has open is not touched.
    let me = in_use::Holder::me(options.computer.as_deref());
    let in_use = in_use::claim(root, me, options.take_over)?;
    // A restore interrupted mid-swap is finished (or its staging discarded) before the database opens.
    swap::recover(root)?;
    let journal = if filesystem::probe(root).is_network() { Journal::Exclusive } else { Journal::Wal };
    let mut store = Store::open_with(root, journal)?;
    store.keep_while_open(Box::new(in_use));
    import_staging::recover(&store)?;
    // Photos stored before location removal existed are cleaned once; a photo that cannot be cleaned
    // now is left for the next opening rather than keeping the data folder closed.
    if let Err(e) = crate::evidence::location::clean_library(&mut store) {
        eprintln!("warning: removing location data from older photos did not finish ({e}); it goes on next time");
    }
    crate::pause::at("data-folder-open");
    Ok(store)
}

/// What the person should know about where the data folder `root` is kept, each a coded rule the CLI
/// prints and the window shows once on opening: today only that a cloud service syncs it.
pub fn warnings(root: &Path) -> Vec<Error> {
    synced::warning(root).into_iter().collect()
}
