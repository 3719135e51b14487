//! Turning the files and folders a coordinator drops into the list of files to import: folders
//! are walked in a stable order, the clutter Windows and macOS leave in copied folders is skipped
//! (and only counted), and links to folders are followed at most once per real folder, so a link
//! back to a parent cannot walk the same files again and again.
//!
//! Not for: deciding whether a file is evidence (see `probe` and `import`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What a walk found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Walked {
    /// Files to import, each real file once, in a stable order.
    pub files: Vec<PathBuf>,
    /// System files skipped (thumbnail caches, folder settings, lock and temporary files, macOS
    /// resource forks): reported as one count, never as refusals.
    pub system_files: usize,
}

/// Walks `paths` (files or folders). Hidden entries (names starting with a dot) are skipped as
/// before; the ones that are known clutter are counted in `system_files`.
pub fn walk(paths: &[PathBuf]) -> Walked {
    let mut w = Walker { seen_dirs: HashSet::new(), seen_files: HashSet::new(), out: Walked::default() };
    for p in paths {
        w.visit(p);
    }
    w.out
}

/// True for a file name that an operating system or office program leaves behind on its own:
/// `Thumbs.db`, `desktop.ini`, `.DS_Store`, AppleDouble `._name` files, Office lock files `~$name`,
/// `*.tmp`. Compared without regard to case, as Windows does.
pub fn is_system_file(name: &str) -> bool {
    let lower = name.to_lowercase();
    matches!(lower.as_str(), "thumbs.db" | "ehthumbs.db" | "ehthumbs_vista.db" | "desktop.ini" | ".ds_store" | "icon\r" | ".localized")
        || lower.starts_with("._")
        || lower.starts_with("~$")
        || lower.ends_with(".tmp")
}

/// True for a folder that holds only system data: macOS zip leftovers (`__MACOSX`), Spotlight and
/// Trash folders, Windows' recycle bin and volume information.
pub fn is_system_folder(name: &str) -> bool {
    let lower = name.to_lowercase();
    matches!(
        lower.as_str(),
        "__macosx" | ".spotlight-v100" | ".trashes" | ".fseventsd" | ".temporaryitems" | "$recycle.bin" | "system volume information"
    )
}

struct Walker {
    /// Real (canonical) folders already walked.
    seen_dirs: HashSet<PathBuf>,
    /// Real (canonical) files already listed: the same file reached through two links is one file.
    seen_files: HashSet<PathBuf>,
    out: Walked,
}

impl Walker {
    fn visit(&mut self, path: &Path) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // `is_dir` follows links: a link to a folder is walked like the folder, once.
        if path.is_dir() {
            if is_system_folder(&name) {
                self.out.system_files += count_files(path);
                return;
            }
            let Ok(real) = std::fs::canonicalize(path) else { return };
            if !self.seen_dirs.insert(real) {
                return;
            }
            let mut entries: Vec<PathBuf> =
                std::fs::read_dir(path).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
            entries.sort();
            for e in entries {
                let n = e.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                if is_system_file(&n) {
                    self.out.system_files += 1;
                } else if n.starts_with('.') {
                    if e.is_dir() && is_system_folder(&n) {
                        self.out.system_files += count_files(&e);
                    }
                } else {
                    self.visit(&e);
                }
            }
            return;
        }
        if is_system_file(&name) {
            self.out.system_files += 1;
            return;
        }
        // A file that cannot be resolved (vanished, broken link) still goes on, to be refused by name.
        let first_time = std::fs::canonicalize(path).map(|real| self.seen_files.insert(real)).unwrap_or(true);
        if first_time {
            self.out.files.push(path.to_path_buf());
        }
    }
}

/// Files under a system folder, for the count; links are not followed, so this always ends.
fn count_files(dir: &Path) -> usize {
    let mut n = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(e.path()),
                Ok(_) => n += 1,
                Err(_) => {}
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clutter_names_are_recognised_and_real_names_are_not() {
        for n in ["Thumbs.db", "THUMBS.DB", "desktop.ini", ".DS_Store", "._photo.jpg", "~$policy.docx", "upload.TMP"] {
            assert!(is_system_file(n), "{n}");
        }
        for n in ["photo.jpg", "policy.docx", "thumbs.jpg", "tmp.pdf", "desk.ini.pdf"] {
            assert!(!is_system_file(n), "{n}");
        }
        assert!(is_system_folder("__MACOSX"));
        assert!(!is_system_folder("macos photos"));
    }
}
