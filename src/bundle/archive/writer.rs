//! Writing a bundle: every entry streamed through sha256 into a zip (through the age encryptor when
//! sealed), the manifest and README added last, and the file moved into place only when all of it
//! was written.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::{hex, README_NAME, README_TEXT};
use crate::atomic::AtomicFile;
use crate::bundle::manifest::{Entry, Manifest, MANIFEST_NAME};
use crate::error::{write_error, Error, Result};
use crate::job::Job;


fn zip_write_error(path: &Path, e: zip::result::ZipError) -> Error {
    match e {
        zip::result::ZipError::Io(io) => write_error(path, io),
        other => Error::io("cannot write", path, io::Error::other(other.to_string())),
    }
}

/// The zip being written: straight into the file, or through the age encryptor. A sealed zip is
/// written as a stream (sizes in data descriptors after each entry) since nothing can seek back
/// through the encryption; an unsealed one stays exactly as earlier versions wrote it.
enum Zip {
    Plain(ZipWriter<BufWriter<File>>),
    Sealed(ZipWriter<zip::write::StreamWriter<age::stream::StreamWriter<BufWriter<File>>>>),
}

impl Zip {
    fn start_file(&mut self, name: &str, opts: SimpleFileOptions) -> zip::result::ZipResult<()> {
        match self {
            Zip::Plain(z) => z.start_file(name, opts),
            Zip::Sealed(z) => z.start_file(name, opts),
        }
    }

    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Zip::Plain(z) => z.write_all(bytes),
            Zip::Sealed(z) => z.write_all(bytes),
        }
    }

    /// Finishes the zip (and the encryption) and returns the file handle, all bytes handed to it.
    fn finish(self) -> std::result::Result<File, zip::result::ZipError> {
        let buffered = match self {
            Zip::Plain(z) => z.finish()?,
            Zip::Sealed(z) => z.finish()?.into_inner().finish()?,
        };
        buffered.into_inner().map_err(|e| zip::result::ZipError::Io(e.into_error()))
    }
}

/// `at` as a zip entry's date (zip keeps one without a time zone, in years 1980 to 2107; a year outside
/// them is clamped). Bundles and Word files date every entry with it, so the same input repeats byte
/// for byte.
pub(crate) fn zip_time(at: chrono::DateTime<chrono::Utc>) -> zip::DateTime {
    use chrono::{Datelike, Timelike};
    zip::DateTime::from_date_and_time(
        at.year().clamp(1980, 2107) as u16,
        at.month() as u8,
        at.day() as u8,
        at.hour() as u8,
        at.minute() as u8,
        at.second().min(59) as u8,
    )
    .unwrap_or(zip::DateTime::DEFAULT)
}

/// A bundle being written; nothing appears at the target until [`BundleWriter::finish`] succeeds.
pub struct BundleWriter {
    zip: Zip,
    file: AtomicFile,
    target: PathBuf,
    manifest: Manifest,
    mtime: zip::DateTime,
}

impl BundleWriter {
    /// Starts a bundle at `target` whose manifest starts as `manifest` (entries are added as written).
    pub fn create(target: &Path, manifest: Manifest, created: chrono::DateTime<chrono::Utc>) -> Result<BundleWriter> {
        BundleWriter::create_sealed(target, manifest, created, None)
    }

    /// As [`BundleWriter::create`]; with a passphrase, everything is encrypted on its way to the disk
    /// (no unencrypted byte of the bundle is ever written, not even to a temporary file).
    pub fn create_sealed(
        target: &Path,
        manifest: Manifest,
        created: chrono::DateTime<chrono::Utc>,
        passphrase: Option<&crate::bundle::sealed::Passphrase>,
    ) -> Result<BundleWriter> {
        let mut file = AtomicFile::create(target)?;
        // The zip writer owns a second handle to the same open temp file; the AtomicFile keeps the
        // right to commit it (fsync + rename) or to remove it on drop.
        let handle = file.file().try_clone().map_err(|e| write_error(target, e))?;
        let mtime = zip_time(created);
        let out = BufWriter::with_capacity(1 << 20, handle);
        let zip = match passphrase {
            None => Zip::Plain(ZipWriter::new(out).set_auto_large_file()),
            Some(p) => Zip::Sealed(ZipWriter::new_stream(
                crate::bundle::sealed::seal(out, p).map_err(|e| write_error(target, e))?,
            )),
        };
        Ok(BundleWriter {
            zip,
            file,
            target: target.to_path_buf(),
            manifest,
            mtime,
        })
    }

    /// Entry options; ZIP64 only for entries that may reach 4 GiB, so that ordinary tools (some of which
    /// lack ZIP64) open every usual backup.
    fn options(&self, compress: bool, size: u64) -> SimpleFileOptions {
        SimpleFileOptions::default()
            .compression_method(if compress {
                CompressionMethod::Deflated
            } else {
                CompressionMethod::Stored
            })
            .last_modified_time(self.mtime)
            .unix_permissions(0o644)
            .large_file(size >= 0xF000_0000)
    }

    /// Adds an entry from memory.
    pub fn add_bytes(&mut self, name: &str, bytes: &[u8], compress: bool) -> Result<()> {
        let opts = self.options(compress, bytes.len() as u64);
        self.zip
            .start_file(name, opts)
            .map_err(|e| zip_write_error(&self.target, e))?;
        self.zip.write_all(bytes).map_err(|e| write_error(&self.target, e))?;
        self.manifest.entries.push(Entry {
            path: name.into(),
            size: bytes.len() as u64,
            sha256: hex(&Sha256::digest(bytes)),
        });
        Ok(())
    }

    /// Adds an entry by streaming `source`; returns its sha256 as actually read.
    pub fn add_file(&mut self, name: &str, source: &Path, compress: bool, job: &Job) -> Result<String> {
        let mut input = File::open(source).map_err(|e| Error::io("cannot read", source, e))?;
        // The size now decides ZIP64: blobs never change (content-addressed) and the snapshot is ours.
        let expected = input.metadata().map(|m| m.len()).unwrap_or(u64::MAX);
        let opts = self.options(compress, expected);
        self.zip
            .start_file(name, opts)
            .map_err(|e| zip_write_error(&self.target, e))?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 1 << 20];
        let mut size = 0u64;
        loop {
            let n = input.read(&mut buf).map_err(|e| Error::io("cannot read", source, e))?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            self.zip
                .write_all(&buf[..n])
                .map_err(|e| write_error(&self.target, e))?;
            size += n as u64;
            job.check()?;
        }
        let sha = hex(&hasher.finalize());
        self.manifest.entries.push(Entry {
            path: name.into(),
            size,
            sha256: sha.clone(),
        });
        Ok(sha)
    }

    /// Writes the readme and the manifest, then moves the file into place; returns the manifest.
    pub fn finish(mut self) -> Result<Manifest> {
        self.add_bytes(README_NAME, README_TEXT.as_bytes(), true)?;
        // internal: a manifest always serialises.
        let json = serde_json::to_vec_pretty(&self.manifest).map_err(|e| Error::Invalid(e.to_string()))?;
        let opts = self.options(true, json.len() as u64);
        self.zip
            .start_file(MANIFEST_NAME, opts)
            .map_err(|e| zip_write_error(&self.target, e))?;
        self.zip.write_all(&json).map_err(|e| write_error(&self.target, e))?;
        let handle = self.zip.finish().map_err(|e| zip_write_error(&self.target, e))?;
        drop(handle);
        crate::pause::at("bundle-before-commit");
        self.file.commit().map_err(|e| match e {
            Error::Io { path, source, .. } => write_error(&path, source),
            other => other,
        })?;
        Ok(self.manifest)
    }
}
