//! Where the command line gets a passphrase for backups and contribution packs: `--passphrase-file FILE`
//! (its first line) or the environment variable `SANCTUARY_PASSPHRASE`, never an argument (arguments
//! show in process lists); `--no-passphrase` is the explicit choice of an unprotected file.

use std::io::IsTerminal;
use std::path::Path;

use super::Args;
use crate::bundle::{protection, Passphrase, Seal};
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

/// How to seal a new file: with the passphrase given, unprotected when `--no-passphrase` was given here,
/// or as the core's rule decides from this data folder's remembered choice (refused with the command
/// line's own way of giving a passphrase).
pub(super) fn for_sealing(given: Given, store: &Store, what: &str) -> Result<Seal> {
    match given {
        Given::Text(t) => Ok(Seal::Passphrase(Passphrase::for_sealing(&t)?)),
        Given::NoPassphrase => Ok(Seal::chosen_unprotected()),
        Given::Nothing => protection::seal(store, None).map_err(|e| match e {
            Error::Rule { code: "passphrase_required", .. } => needed(what),
            other => other,
        }),
    }
}

/// "A passphrase is needed", said with the command line's ways of giving one.
fn needed(what: &str) -> Error {
    let how = if std::io::stdin().is_terminal() { "" } else { " (no passphrase is asked for when not typing at a terminal either)" };
    Error::Invalid(format!(
        "{what} leaves this laptop, so it is protected with a passphrase: put the passphrase on the first line of a file and give --passphrase-file FILE, or set {ENV}; or give --no-passphrase to write it unprotected{how}"
    ))
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
