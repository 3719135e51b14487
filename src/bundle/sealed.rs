//! Bundles that leave the laptop, sealed with a passphrase in the standard age format (the scrypt
//! recipient, <https://age-encryption.org/v1>), so that in an emergency the ordinary `age` tool opens
//! them too: `age --decrypt -o school.zip school.sanctuary`.
//!
//! This module only wraps a writer (encrypting as the zip streams through it), unwraps a file for
//! reading (with seeking, which the zip reader needs), recognises a sealed file by its header, and
//! re-seals an existing unencrypted file on its way out. It holds no cryptography of its own: the `age`
//! crate does all of it. Not for: deciding whether a file should be sealed (callers and the
//! `protection` setting do), nor anything about what is inside (see `archive`).

use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;

use age::secrecy::SecretString;

use crate::atomic::AtomicFile;
use crate::error::{write_error, Error, Result};
use crate::job::Job;

/// The first bytes of every age file; an unencrypted bundle starts with a zip's `PK`.
pub const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";

/// Shortest passphrase accepted for sealing. Shorter ones fall to guessing in minutes even with
/// scrypt; the window shows a strength hint above this floor.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// A passphrase, kept out of logs and debug output, zeroed when dropped (by `secrecy`).
pub struct Passphrase {
    secret: SecretString,
    /// scrypt's work factor (log2 N) for sealing; None lets age pick about one second on this computer.
    work_factor: Option<u8>,
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(hidden)")
    }
}

impl Passphrase {
    /// A passphrase for opening a file: any non-empty text is tried as it is.
    pub fn new(text: &str) -> Result<Passphrase> {
        if text.is_empty() {
            return Err(Error::rule("passphrase_empty", [], "the passphrase is empty; type the passphrase the file was protected with"));
        }
        Ok(Passphrase { secret: SecretString::from(text.to_string()), work_factor: None })
    }

    /// A passphrase for sealing a new file: at least [`MIN_PASSPHRASE_CHARS`] characters, not only spaces.
    pub fn for_sealing(text: &str) -> Result<Passphrase> {
        if text.trim().is_empty() || text.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(Error::rule(
                "passphrase_too_short",
                [("min", MIN_PASSPHRASE_CHARS.into())],
                format!("the passphrase is too short; use at least {MIN_PASSPHRASE_CHARS} characters (a few unrelated words are easy to remember and hard to guess)"),
            ));
        }
        Passphrase::new(text)
    }

    /// A passphrase read from a file (`--passphrase-file`): its first line, without the line ending,
    /// so that `echo words > file` works as people expect.
    pub fn from_file_text(text: &str) -> &str {
        let line = text.split('\n').next().unwrap_or("");
        line.strip_suffix('\r').unwrap_or(line)
    }

    /// Sets scrypt's work factor (log2 N, 1..=30) used when sealing. For tests and benchmarks, which
    /// seal many small files; real files use age's own choice of about one second of work.
    pub fn with_work_factor(mut self, log_n: u8) -> Passphrase {
        self.work_factor = Some(log_n.clamp(1, 30));
        self
    }

    fn recipient(&self) -> age::scrypt::Recipient {
        let mut r = age::scrypt::Recipient::new(self.secret.clone());
        if let Some(n) = self.work_factor {
            r.set_work_factor(n);
        }
        r
    }
}

/// True when `head` (the first bytes of a file) is an age file.
pub fn is_sealed_bytes(head: &[u8]) -> bool {
    head.starts_with(AGE_MAGIC)
}

/// True when the file at `path` is sealed (an age file), false for anything else.
pub fn is_sealed(path: &Path) -> Result<bool> {
    let mut f = File::open(path).map_err(|e| Error::io("cannot read", path, e))?;
    let mut head = [0u8; 22];
    let mut got = 0;
    while got < head.len() {
        match f.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Error::io("cannot read", path, e)),
        }
    }
    Ok(is_sealed_bytes(&head[..got]))
}

/// Starts encrypting into `out`: everything written to the result is encrypted in 64 KiB chunks as it
/// comes, so memory stays the same whatever the size. [`age::stream::StreamWriter::finish`] must be
/// called at the end, or the file is cut short (and refused as damaged when opened).
pub fn seal<W: Write>(out: W, passphrase: &Passphrase) -> io::Result<age::stream::StreamWriter<W>> {
    let recipient = passphrase.recipient();
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .map_err(|e| io::Error::other(e.to_string()))?;
    encryptor.wrap_output(out)
}

/// A sealed file opened for reading: the plaintext, decrypted chunk by chunk as it is read, with seeking.
pub type Unsealed = age::stream::StreamReader<BufReader<File>>;

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Opens the sealed file `path` with `passphrase`. Without one, says that one is needed; a wrong one is
/// [`Error::WrongPassphrase`]; a file whose header is damaged is refused as damaged. Damage further in
/// shows up as a read error when that part is read (every 64 KiB chunk is authenticated).
pub fn unseal(path: &Path, passphrase: Option<&Passphrase>) -> Result<Unsealed> {
    let file = display_name(path);
    let Some(passphrase) = passphrase else {
        return Err(Error::PassphraseNeeded { file });
    };
    let damaged = |what: &str| {
        Error::rule(
            "bundle_damaged",
            [("file", file.as_str().into())],
            format!("{file}: it is protected with a passphrase, but {what}: the file is damaged or incomplete. Nothing was changed; try another copy"),
        )
    };
    let input = File::open(path).map_err(|e| Error::io("cannot read", path, e))?;
    let decryptor = age::Decryptor::new_buffered(BufReader::new(input)).map_err(|e| match e {
        age::DecryptError::Io(io) if io.kind() != io::ErrorKind::UnexpectedEof => Error::io("cannot read", path, io),
        _ => damaged("its header cannot be read"),
    })?;
    if !decryptor.is_scrypt() {
        return Err(Error::rule(
            "bundle_age_key",
            [("file", file.as_str().into())],
            format!("{file}: it is encrypted for an age key, not with a passphrase; decrypt it with the `age` tool first. Nothing was changed"),
        ));
    }
    let identity = age::scrypt::Identity::new(passphrase.secret.clone());
    decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            // scrypt's stanza cannot tell a wrong passphrase from a damaged stanza body; the first is
            // overwhelmingly what has happened.
            age::DecryptError::DecryptionFailed
            | age::DecryptError::KeyDecryptionFailed
            | age::DecryptError::NoMatchingKeys => Error::WrongPassphrase { file: file.clone() },
            age::DecryptError::ExcessiveWork { .. } => Error::rule(
                "bundle_too_much_work",
                [("file", file.as_str().into())],
                format!("{file}: its passphrase protection asks for far more work than this computer can do in reasonable time (it was not made by Sanctuary Portfolio?). Nothing was changed"),
            ),
            age::DecryptError::Io(io) => Error::io("cannot read", path, io),
            _ => damaged("its header does not check out"),
        })
}

/// Copies the unencrypted bundle `source` (an automatic backup) to `dest`, sealed with `passphrase`:
/// how a backup kept on the laptop is taken off it. Streams; `dest` appears only when complete.
pub fn seal_copy(source: &Path, dest: &Path, passphrase: &Passphrase, job: &Job) -> Result<u64> {
    if is_sealed(source)? {
        return Err(Error::rule(
            "already_sealed",
            [("file", display_name(source).into())],
            format!("{} is already protected with a passphrase; copy it as it is", display_name(source)),
        ));
    }
    let mut input = File::open(source).map_err(|e| Error::io("cannot read", source, e))?;
    let total = input.metadata().map(|m| m.len()).unwrap_or(0);
    let mut out = AtomicFile::create(dest)?;
    let handle = out.file().try_clone().map_err(|e| write_error(dest, e))?;
    let mut sealed = seal(BufWriter::with_capacity(1 << 20, handle), passphrase).map_err(|e| write_error(dest, e))?;
    let mut buf = vec![0u8; 1 << 20];
    let mut done = 0u64;
    loop {
        job.check()?;
        let n = input.read(&mut buf).map_err(|e| Error::io("cannot read", source, e))?;
        if n == 0 {
            break;
        }
        sealed.write_all(&buf[..n]).map_err(|e| write_error(dest, e))?;
        done += n as u64;
        job.report("Protecting the copy", done, total);
    }
    let buffered = sealed.finish().map_err(|e| write_error(dest, e))?;
    let handle = buffered.into_inner().map_err(|e| write_error(dest, e.into_error()))?;
    drop(handle);
    out.commit()?;
    Ok(std::fs::metadata(dest).map(|m| m.len()).unwrap_or(0))
}

/// The bytes of a bundle as the zip reader sees them: the file itself, or its decrypted content.
pub enum Source {
    Plain(BufReader<File>),
    Sealed(Box<Unsealed>),
}

impl Source {
    /// Opens `path`, decrypting it when it is sealed (which needs `passphrase`).
    pub fn open(path: &Path, passphrase: Option<&Passphrase>) -> Result<Source> {
        if is_sealed(path)? {
            return Ok(Source::Sealed(Box::new(unseal(path, passphrase)?)));
        }
        let file = File::open(path).map_err(|e| Error::io("cannot read", path, e))?;
        Ok(Source::Plain(BufReader::new(file)))
    }

    /// True when the file was sealed.
    pub fn is_sealed(&self) -> bool {
        matches!(self, Source::Sealed(_))
    }
}

impl Read for Source {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Source::Plain(r) => r.read(buf),
            Source::Sealed(r) => r.read(buf),
        }
    }
}

impl Seek for Source {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        match self {
            Source::Plain(r) => r.seek(pos),
            Source::Sealed(r) => r.seek(pos),
        }
    }
}
