//! The container: a zip file that any computer can open, written atomically and read defensively.
//!
//! Writing streams every entry through sha256 and records it in the manifest. Reading trusts nothing in
//! the file: entry names must be ones we write (so no path traversal, absolute paths or links can get
//! through), sizes and compression ratios are capped on the bytes actually inflated (not on what the
//! headers claim), and every byte is checked against the manifest.
//!
//! The writer is in `writer`; this file holds the reader and what both share.

mod writer;

pub use writer::BundleWriter;
pub(crate) use writer::zip_time;

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use zip::ZipArchive;

use super::manifest::{self, Kind, Manifest, MANIFEST_NAME};
use crate::error::{write_error, Error, Result};
use crate::job::Job;

/// A short note inside every bundle for whoever opens it with an ordinary zip tool.
pub const README_NAME: &str = "README.txt";

const README_TEXT: &str = "This file was made by Sanctuary Portfolio.\n\n\
To use it, open Sanctuary Portfolio and choose Backup > Restore from file (or, for a colleague's\n\
contribution, Backup > Import contribution). manifest.json lists every file with its sha256 checksum.\n\
sanctuary.db is the SQLite database; blobs/ holds the evidence files exactly as they were added,\n\
each named by its sha256.\n";

/// Caps applied while reading a bundle; a file beyond any of them is refused before anything changes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Largest size of one entry once inflated.
    pub max_entry: u64,
    /// Largest size of all entries together once inflated.
    pub max_total: u64,
    /// Most entries in one file.
    pub max_entries: usize,
    /// Largest inflated/compressed ratio for entries over [`Limits::ratio_floor`] bytes.
    pub max_ratio: u64,
    /// Entries smaller than this are not ratio-checked (tiny files compress absurdly well).
    pub ratio_floor: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_entry: 2 << 30,
            max_total: 64 << 30,
            max_entries: 200_000,
            // Deflate cannot exceed about 1032:1; real databases and documents stay far below 200:1.
            max_ratio: 200,
            ratio_floor: 1 << 20,
        }
    }
}

/// Lowercase hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The sha256 of a file on disk, streamed.
pub fn sha256_file(path: &Path) -> io::Result<(String, u64)> {
    let mut f = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        size += n as u64;
    }
    Ok((hex(&hasher.finalize()), size))
}

/// An opened bundle whose manifest has been read and checked, ready to be verified entry by entry.
pub struct BundleReader {
    zip: ZipArchive<super::sealed::Source>,
    path: PathBuf,
    pub manifest: Manifest,
}

/// A bundle refused while it is read: one coded rule (`bundle_damaged`, worded in the window) whatever
/// the detail, which only the CLI's English message carries (the coordinator can only try another copy).
fn damaged(file: &str, reason: &str) -> Error {
    Error::rule("bundle_damaged", [("file", file.into())], format!("{file}: {reason}. Nothing was changed"))
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Entry names a bundle of `kind` may hold besides blobs.
fn allowed_names(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Backup => &[MANIFEST_NAME, README_NAME, crate::store::DB_FILE],
        Kind::Contribution => &[MANIFEST_NAME, README_NAME, manifest::RECORDS_NAME],
    }
}

/// Why an entry name is unacceptable, if it is.
fn name_problem(name: &str, kind: Kind) -> Option<String> {
    let unsafe_path = name.starts_with('/')
        || name.starts_with('\\')
        || name.contains('\\')
        || name.contains('\0')
        || name.split('/').any(|part| part == ".." || part == ".")
        || (name.len() >= 2 && name.as_bytes()[1] == b':');
    if unsafe_path {
        return Some(format!(
            "it contains an unsafe file name `{}` (a path that leaves its folder)",
            name.escape_debug()
        ));
    }
    if allowed_names(kind).contains(&name) || manifest::blob_entry_sha(name).is_some() {
        return None;
    }
    Some(format!(
        "it contains `{}`, which Sanctuary Portfolio never writes",
        name.escape_debug()
    ))
}

impl BundleReader {
    /// Opens `path`, reads its manifest and refuses anything that is not a usable `kind` bundle.
    /// A sealed file is refused with [`Error::PassphraseNeeded`]; see [`BundleReader::open_sealed`].
    pub fn open(path: &Path, kind: Kind, limits: &Limits) -> Result<BundleReader> {
        BundleReader::open_sealed(path, kind, limits, None)
    }

    /// As [`BundleReader::open`], decrypting a sealed file with `passphrase` (ignored for a file that
    /// is not sealed, so older unencrypted bundles open as before).
    pub fn open_sealed(
        path: &Path,
        kind: Kind,
        limits: &Limits,
        passphrase: Option<&super::sealed::Passphrase>,
    ) -> Result<BundleReader> {
        let file_name = display_name(path);
        let refuse = |reason: String| damaged(&file_name, &reason);
        let source = super::sealed::Source::open(path, passphrase)?;
        let mut zip = ZipArchive::new(source).map_err(|e| {
            refuse(format!(
                "this is not a Sanctuary Portfolio {} or it is damaged or incomplete ({e}); try another copy",
                kind.noun()
            ))
        })?;
        if zip.len() > limits.max_entries {
            return Err(refuse(format!(
                "it holds {} files, more than the {} allowed",
                zip.len(),
                limits.max_entries
            )));
        }
        let manifest = {
            let mut entry = zip.by_name(MANIFEST_NAME).map_err(|_| {
                refuse(format!(
                    "this is not a Sanctuary Portfolio {} (it has no manifest)",
                    kind.noun()
                ))
            })?;
            let mut json = Vec::new();
            (&mut entry).take(64 << 20).read_to_end(&mut json).map_err(|e| {
                refuse(format!(
                    "its manifest cannot be read ({e}); the file is damaged, try another copy"
                ))
            })?;
            serde_json::from_slice::<serde_json::Value>(&json).map_err(|_| {
                refuse(format!(
                    "this is not a Sanctuary Portfolio {} (its manifest is not ours)",
                    kind.noun()
                ))
            })?
        };
        if manifest.get("format").and_then(|f| f.as_str()) != Some(manifest::FORMAT) {
            return Err(refuse(format!(
                "this is not a Sanctuary Portfolio {} (its manifest is not ours)",
                kind.noun()
            )));
        }
        let version = manifest.get("format_version").and_then(|v| v.as_u64()).unwrap_or(0);
        if version > manifest::FORMAT_VERSION as u64 {
            return Err(refuse(format!(
                "it was made by a newer Sanctuary Portfolio (file format {version}, this one reads {}); install the newer version",
                manifest::FORMAT_VERSION
            )));
        }
        let manifest: Manifest = serde_json::from_value(manifest)
            .map_err(|e| refuse(format!("its manifest is damaged ({e}); try another copy")))?;
        if manifest.kind != kind {
            let hint = match manifest.kind {
                Kind::Backup => "it is a backup: restore it instead (sanctuary restore)",
                Kind::Contribution => {
                    "it is a colleague's contribution pack: import it instead (sanctuary contribution import)"
                }
            };
            return Err(refuse(format!("this is not a {}; {hint}", kind.noun())));
        }
        if manifest.schema() > crate::store::SCHEMA_VERSION {
            return Err(refuse(format!(
                "it was made by a newer Sanctuary Portfolio (schema {}, this one knows {}); install the newer version",
                manifest.schema(),
                crate::store::SCHEMA_VERSION
            )));
        }
        let mut seen = std::collections::HashSet::new();
        for e in &manifest.entries {
            if let Some(problem) = name_problem(&e.path, kind) {
                return Err(refuse(problem));
            }
            if e.path == MANIFEST_NAME || !seen.insert(e.path.as_str()) || !manifest::is_sha256(&e.sha256) {
                return Err(refuse(
                    "its manifest is damaged (an entry is listed twice or has no checksum)".into(),
                ));
            }
            if e.size > limits.max_entry {
                return Err(refuse(format!(
                    "`{}` is {} MB, over the {} MB limit",
                    e.path,
                    e.size >> 20,
                    limits.max_entry >> 20
                )));
            }
        }
        let total: u64 = manifest.entries.iter().map(|e| e.size).sum();
        if total > limits.max_total {
            return Err(refuse(format!(
                "it would take {} MB once unpacked, over the {} MB limit",
                total >> 20,
                limits.max_total >> 20
            )));
        }
        Ok(BundleReader {
            zip,
            path: path.to_path_buf(),
            manifest,
        })
    }

    /// Checks every entry against the manifest and the limits, writing each into `dest` (when given)
    /// as it goes. On any failure the caller discards `dest`; the data folder itself is never touched.
    pub fn verify_into(&mut self, dest: Option<&Path>, limits: &Limits, job: &Job) -> Result<()> {
        let file_name = display_name(&self.path);
        let refuse = |reason: String| damaged(&file_name, &reason);
        let kind = self.manifest.kind;
        let mut seen = std::collections::HashSet::new();
        let mut total = 0u64;
        let count = self.zip.len();
        let mut buf = vec![0u8; 1 << 20];
        for i in 0..count {
            job.check()?;
            let mut entry = self
                .zip
                .by_index(i)
                .map_err(|e| refuse(format!("it is damaged ({e}); try another copy")))?;
            let name = entry
                .name()
                .map(|n| n.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(entry.name_raw()).into_owned());
            if let Some(problem) = name_problem(&name, kind) {
                return Err(refuse(problem));
            }
            if entry.is_symlink() {
                return Err(refuse(format!("`{name}` is a link, which a bundle never holds")));
            }
            if entry.is_dir() || entry.encrypted() {
                return Err(refuse(format!("`{name}` is not a plain file")));
            }
            if !seen.insert(name.clone()) {
                return Err(refuse(format!("`{name}` appears twice")));
            }
            if name == MANIFEST_NAME {
                continue;
            }
            let Some(expected) = self.manifest.entry(&name).cloned() else {
                return Err(refuse(format!(
                    "`{name}` is not listed in its manifest; the file was changed after it was made"
                )));
            };
            let compressed = entry.compressed_size().max(1);
            if entry.size() > limits.max_entry {
                return Err(refuse(format!(
                    "`{name}` would be {} MB, over the {} MB limit",
                    entry.size() >> 20,
                    limits.max_entry >> 20
                )));
            }
            let mut out = match dest {
                Some(dir) => {
                    let path = dir.join(&name);
                    if let Some(parent) = path.parent() {
                        fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
                    }
                    Some((File::create(&path).map_err(|e| write_error(&path, e))?, path))
                }
                None => None,
            };
            let mut hasher = Sha256::new();
            let mut size = 0u64;
            loop {
                let n = entry
                    .read(&mut buf)
                    .map_err(|e| refuse(format!("`{name}` is damaged ({e}); try another copy")))?;
                if n == 0 {
                    break;
                }
                size += n as u64;
                total += n as u64;
                // Checked on the bytes actually inflated: headers can lie about sizes.
                if size > limits.max_entry || size > expected.size {
                    return Err(refuse(format!(
                        "`{name}` is larger than its manifest or the {} MB limit allows",
                        limits.max_entry >> 20
                    )));
                }
                if total > limits.max_total {
                    return Err(refuse(format!(
                        "it unpacks to more than the {} MB limit",
                        limits.max_total >> 20
                    )));
                }
                if size > limits.ratio_floor && size / compressed > limits.max_ratio {
                    return Err(refuse(format!(
                        "`{name}` expands more than {} times; it looks like a zip bomb and is refused",
                        limits.max_ratio
                    )));
                }
                hasher.update(&buf[..n]);
                if let Some((f, path)) = out.as_mut() {
                    f.write_all(&buf[..n]).map_err(|e| write_error(path, e))?;
                }
            }
            if size != expected.size || hex(&hasher.finalize()) != expected.sha256 {
                return Err(refuse(format!(
                    "`{name}` does not match its checksum: the file is damaged, try another copy"
                )));
            }
            if let Some((f, path)) = out {
                f.sync_all().map_err(|e| write_error(&path, e))?;
            }
            job.report("Checking", i as u64 + 1, count as u64);
        }
        if let Some(missing) = self.manifest.entries.iter().find(|e| !seen.contains(&e.path)) {
            return Err(refuse(format!(
                "`{}` is missing: the file is incomplete, try another copy",
                missing.path
            )));
        }
        Ok(())
    }
}
