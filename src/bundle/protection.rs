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

use super::archive::write_error;
use super::sealed::{self, Passphrase};
use crate::atomic::AtomicFile;
use crate::error::{Error, Result};
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

/// What the caller of a hand-made backup or pack gave: a passphrase, or the explicit choice of none.
/// Refuses the combination the choice does not allow, so nothing leaves the laptop readable by mistake.
pub fn check(store: &Store, passphrase: Option<&Passphrase>) -> Result<()> {
    if passphrase.is_none() && get(store)? == Protection::Passphrase {
        return Err(Error::rule(
            "passphrase_required",
            [],
            "files that leave this laptop are protected with a passphrase: give one, or choose \"no passphrase\" first",
        ));
    }
    Ok(())
}

/// Copies an automatic backup (`source`, unencrypted, inside the data folder) to `dest` outside it:
/// sealed with `passphrase` on the way out, or copied as it is when there is none.
pub fn copy_off(source: &Path, dest: &Path, passphrase: Option<&Passphrase>, job: &Job) -> Result<u64> {
    if let Some(p) = passphrase {
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
