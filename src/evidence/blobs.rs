//! The content-addressed file store: each original is kept once, named by its SHA-256, at
//! `<data>/blobs/<first two hex digits>/<sha256>`, written atomically and never changed afterwards.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::atomic::AtomicFile;
use crate::error::{Error, Result};

/// A file now in the store.
pub struct Stored {
    pub sha: String,
    pub size: u64,
    /// True when this call wrote the file (false: the same content was already stored).
    pub created: bool,
}

/// True for the names the store gives its files: a SHA-256 in lowercase hex.
pub fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Where the original with hash `sha` lives.
///
/// The hash comes from the database, which a restored backup or a damaged file may have filled with
/// anything, `../../somewhere` included. Anything that is not a hash maps to the `blobs` folder
/// itself: a folder, never a file, so reading it fails and no path can lead out of the store.
pub fn path(root: &Path, sha: &str) -> PathBuf {
    let blobs = root.join("blobs");
    if !is_sha256(sha) {
        return blobs;
    }
    blobs.join(&sha[..2]).join(sha)
}

/// Stores `bytes` (a photo already cleaned in memory) under their hash, written atomically; an existing
/// file with the same content is kept and `created` is false.
pub fn put_bytes(root: &Path, bytes: &[u8]) -> Result<Stored> {
    let sha: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    let final_path = path(root, &sha);
    let size = bytes.len() as u64;
    if final_path.is_file() {
        return Ok(Stored { sha, size, created: false });
    }
    let dir = final_path.parent().expect("blob path has a folder");
    std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create", dir, e))?;
    crate::atomic::write(&final_path, bytes)?;
    Ok(Stored { sha, size, created: true })
}

/// Copies `source` into the store while hashing it; returns (sha256, size). If the same content is
/// already stored, the existing file is kept and `created` is false. `limit` bounds the size read.
///
/// Safe to call from several threads with identical files: whichever moves its copy into place
/// first wins and the others drop theirs (see [`AtomicFile::commit_unless_present`]).
pub fn put(root: &Path, source: &Path, limit: u64) -> Result<Stored> {
    let mut input = File::open(source).map_err(|e| Error::io("cannot read", source, e))?;
    let staging = root.join("blobs");
    std::fs::create_dir_all(&staging).map_err(|e| Error::io("cannot create", &staging, e))?;
    // Written under a temporary name first, because the final name is only known once hashed.
    let mut out = AtomicFile::create(&staging.join("incoming"))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut size = 0u64;
    loop {
        let n = input.read(&mut buf).map_err(|e| Error::io("cannot read", source, e))?;
        if n == 0 {
            break;
        }
        size += n as u64;
        if size > limit {
            return Err(Error::rule("evidence_too_large", [("max", ((limit / 1_048_576) as i64).into())], format!("it is larger than the {} MB limit", limit / 1_048_576)));
        }
        hasher.update(&buf[..n]);
        out.file().write_all(&buf[..n]).map_err(|e| Error::io("cannot write", &staging, e))?;
    }
    let sha: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let final_path = path(root, &sha);
    if final_path.is_file() {
        return Ok(Stored { sha, size, created: false }); // dropping `out` removes the temporary copy
    }
    let dir = final_path.parent().expect("blob path has a folder");
    std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create", dir, e))?;
    out.set_target(&final_path);
    let created = out.commit_unless_present()?;
    Ok(Stored { sha, size, created })
}
