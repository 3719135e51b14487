//! Whether files made by hand to leave the laptop (backups, contribution packs, copies of automatic
//! backups) are protected with a passphrase: yes unless the coordinator explicitly chose "no
//! passphrase" for this data folder, a choice kept as a setting and shown on the Backup screen.
//!
//! Not for: the encryption itself (see `sealed`), nor automatic backups inside the data folder, which
//! are never encrypted (they sit beside the database, which is not either).

use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::sealed::{self, Passphrase};
use crate::atomic::AtomicFile;
use crate::error::{write_error, Error, Result};
use crate::job::Job;
use crate::store::Store;

/// The setting that remembers the choice.
pub const SETTING: &str = "bundle_protection";

/// How files that leave the laptop are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Protection {
    /// Encrypted with a passphrase (the default).
    Passphrase,
    /// Not encrypted: chosen explicitly by the coordinator.
    None,
}

impl Protection {
    fn as_str(self) -> &'static str {
        match self {
            Protection::Passphrase => "passphrase",
            Protection::None => "none",
        }
    }
}

/// This data folder's choice; a passphrase unless "no passphrase" was chosen.
pub fn get(store: &Store) -> Result<Protection> {
    Ok(match store.setting(SETTING)?.as_deref() {
        Some("none") => Protection::None,
        _ => Protection::Passphrase,
    })
}

/// Remembers the choice for this data folder.
pub fn set(store: &mut Store, choice: Protection) -> Result<()> {
    store.write(|tx| Store::put_setting(tx, SETTING, choice.as_str()))
}

/// The coordinator's explicit choice of an unprotected file. It has no public constructor: it comes
/// from [`seal`] (this data folder's remembered "no passphrase") or [`Seal::chosen_unprotected`] (the
/// person asked for it in this very command), so an unprotected file is never written by accident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExplicitlyUnprotected(());

/// How a file that leaves the laptop is written: sealed with a passphrase, or unprotected because the
/// coordinator explicitly chose so. Every writer of such a file (backup, pack, copy off) takes one.
#[derive(Debug)]
pub enum Seal {
    /// Encrypted with this passphrase as it is written.
    Passphrase(Passphrase),
    /// Written as it is; `chosen` proves somebody decided that.
    None { chosen: ExplicitlyUnprotected },
}

impl Seal {
    /// An unprotected file, because the person asked for one in this command (the command line's
    /// `--no-passphrase`), whatever the data folder's remembered choice.
    pub fn chosen_unprotected() -> Seal {
        Seal::None { chosen: ExplicitlyUnprotected(()) }
    }

    /// The passphrase to encrypt with, if any.
    pub fn passphrase(&self) -> Option<&Passphrase> {
        match self {
            Seal::Passphrase(p) => Some(p),
            Seal::None { .. } => None,
        }
    }
}

/// How a hand-made backup or pack is written, from what the caller gave: sealed with `passphrase`, or,
/// without one, unprotected only when "no passphrase" is this data folder's choice. Refuses otherwise
/// (rule `passphrase_required`), so nothing leaves the laptop readable by mistake.
pub fn seal(store: &Store, passphrase: Option<Passphrase>) -> Result<Seal> {
    match passphrase {
        Some(p) => Ok(Seal::Passphrase(p)),
        None if get(store)? == Protection::None => Ok(Seal::chosen_unprotected()),
        None => Err(Error::rule(
            "passphrase_required",
            [],
            "files that leave this laptop are protected with a passphrase: give one, or choose \"no passphrase\" first",
        )),
    }
}

/// Copies an automatic backup (`source`, unencrypted, inside the data folder) to `dest` outside it:
/// sealed on the way out, or copied as it is when `seal` says so.
pub fn copy_off(source: &Path, dest: &Path, seal: &Seal, job: &Job) -> Result<u64> {
    if let Some(p) = seal.passphrase() {
        return sealed::seal_copy(source, dest, p, job);
    }
    let mut input = File::open(source).map_err(|e| Error::io("cannot read", source, e))?;
    let mut out = AtomicFile::create(dest)?;
    let mut buf = vec![0u8; 1 << 20];
    loop {
        job.check()?;
        let n = input.read(&mut buf).map_err(|e| Error::io("cannot read", source, e))?;
        if n == 0 {
            break;
        }
        out.file().write_all(&buf[..n]).map_err(|e| write_error(dest, e))?;
    }
    out.commit()?;
    Ok(std::fs::metadata(dest).map(|m| m.len()).unwrap_or(0))
}
