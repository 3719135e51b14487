//! Where the command line gets a passphrase for backups and contribution packs: `--passphrase-file FILE`
//! (its first line) or the environment variable `SANCTUARY_PASSPHRASE`, never an argument (arguments
//! show in process lists); `--no-passphrase` is the explicit choice of an unprotected file.

use std::io::IsTerminal;
use std::path::Path;

use super::Args;
use crate::bundle::{protection, Passphrase};
use crate::error::{Error, Result};
use crate::store::Store;

/// The environment variable read when no `--passphrase-file` is given.
pub const ENV: &str = "SANCTUARY_PASSPHRASE";

/// What the command line said about protection.
pub(super) enum Given {
    Text(String),
    NoPassphrase,
    Nothing,
}

/// Takes `--passphrase-file` and `--no-passphrase` from `args`, and reads the environment.
pub(super) fn take(args: &mut Args) -> Result<Given> {
    let file = args.value("--passphrase-file")?;
    let none = args.flag("--no-passphrase");
    if args.flag("--passphrase") {
        return Err(Error::Invalid(format!(
            "a passphrase is never given on the command line (others could see it in the list of running programs); use --passphrase-file FILE or set {ENV}"
        )));
    }
    match (file, none) {
        (Some(_), true) => Err(Error::Invalid("--passphrase-file and --no-passphrase contradict each other; give one".into())),
        (Some(f), false) => {
            let path = Path::new(&f);
            let text = std::fs::read_to_string(path).map_err(|e| Error::io("cannot read the passphrase file", path, e))?;
            Ok(Given::Text(Passphrase::from_file_text(&text).to_string()))
        }
        (None, true) => Ok(Given::NoPassphrase),
        (None, false) => match std::env::var(ENV) {
            Ok(v) if !v.is_empty() => Ok(Given::Text(v)),
            _ => Ok(Given::Nothing),
        },
    }
}

/// The passphrase to seal a new file with, or None for an unprotected one (explicitly chosen here,
/// or as this data folder's remembered choice).
pub(super) fn for_sealing(given: Given, store: &Store, what: &str) -> Result<Option<Passphrase>> {
    match given {
        Given::Text(t) => Ok(Some(Passphrase::for_sealing(&t)?)),
        Given::NoPassphrase => Ok(None),
        Given::Nothing if protection::get(store)? == protection::Protection::None => Ok(None),
        Given::Nothing => {
            let how = if std::io::stdin().is_terminal() { "" } else { " (no passphrase is asked for when not typing at a terminal either)" };
            Err(Error::Invalid(format!(
                "{what} leaves this laptop, so it is protected with a passphrase: put the passphrase on the first line of a file and give --passphrase-file FILE, or set {ENV}; or give --no-passphrase to write it unprotected{how}"
            )))
        }
    }
}

/// The passphrase to open a file with, when one was given.
pub(super) fn for_opening(given: Given) -> Result<Option<Passphrase>> {
    match given {
        Given::Text(t) => Ok(Some(Passphrase::new(&t)?)),
        Given::NoPassphrase | Given::Nothing => Ok(None),
    }
}

/// Adds the command line's way of giving a passphrase to "a passphrase is needed".
pub(super) fn explain(e: Error) -> Error {
    match e {
        Error::PassphraseNeeded { file } => Error::Invalid(format!(
            "{file} is protected with a passphrase; give --passphrase-file FILE (the passphrase on its first line) or set {ENV}. Nothing was changed"
        )),
        other => other,
    }
}
