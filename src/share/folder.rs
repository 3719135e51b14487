//! The share folder on disk: written whole in a staging folder beside the target and renamed into
//! place, so a failure half-way leaves what was there before; and the rule for which existing folder
//! may be replaced (an empty one, or an earlier share output, never the coordinator's own files).
//!
//! Not for: what goes in the files (the sibling modules).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Marks every page this module writes, so that a later share may replace the folder it is in.
pub(super) const GENERATOR: &str = "Sanctuary Portfolio share";

/// The names a share folder holds; an earlier output holds nothing else.
const OURS: &[&str] = &["index.html", "post.html", "newsletter.docx", "poster.pdf", "images"];

/// Refuses a target that is a file, or a folder with other things in it.
pub(super) fn check_target(out: &Path) -> Result<()> {
    let shown = out.display().to_string();
    if out.is_file() {
        return Err(Error::rule(
            "share_folder_is_file",
            [("path", shown.as_str().into())],
            format!("{shown} is a file; choose a folder (a new one is made)"),
        ));
    }
    if out.is_dir() && !is_empty(out) && !is_previous_output(out) {
        return Err(Error::rule(
            "share_folder_not_ours",
            [("path", shown.as_str().into())],
            format!("{shown} already holds other files; choose an empty or new folder, so that nothing of yours is replaced"),
        ));
    }
    Ok(())
}

fn is_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false)
}

/// An earlier share: its index.html carries our generator mark, and nothing else is beside it.
fn is_previous_output(dir: &Path) -> bool {
    let marked = std::fs::read_to_string(dir.join("index.html"))
        .is_ok_and(|page| page.contains(&format!(r#"<meta name="generator" content="{GENERATOR}">"#)));
    let only_ours = std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().all(|e| OURS.contains(&e.file_name().to_string_lossy().as_ref()))
    });
    marked && only_ours
}

/// Runs `fill` on a fresh staging folder beside `out`, then puts that folder at `out` (replacing
/// an earlier output, which [`check_target`] allowed). Nothing is left behind on failure.
pub(super) fn write_atomically<T>(out: &Path, fill: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| Error::io("cannot create", &parent, e))?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "share".into());
    let tag = uuid::Uuid::new_v4().simple().to_string();
    let staging = parent.join(format!(".{name}.{tag}.staging"));
    std::fs::create_dir(&staging).map_err(|e| Error::io("cannot create", &staging, e))?;
    let result = fill(&staging).and_then(|value| {
        if out.exists() {
            // Still ours? Checked again: the folder may have changed while the files were made.
            check_target(out)?;
            let old = parent.join(format!(".{name}.{tag}.old"));
            std::fs::rename(out, &old).map_err(|e| Error::io("cannot move aside", out, e))?;
            if let Err(e) = std::fs::rename(&staging, out) {
                let _ = std::fs::rename(&old, out);
                return Err(Error::io("cannot move into place", out, e));
            }
            let _ = std::fs::remove_dir_all(&old);
        } else {
            std::fs::rename(&staging, out).map_err(|e| Error::io("cannot move into place", out, e))?;
        }
        Ok(value)
    });
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}
