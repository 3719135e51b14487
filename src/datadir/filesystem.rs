//! Whether a data folder is on a network file system (a school's shared drive: SMB/CIFS, NFS, a Windows
//! share or mapped drive, sshfs and the like), where SQLite's WAL mode is unsafe because its shared
//! memory index does not work between computers. `datadir::open` asks [`probe`] and opens the database
//! with a rollback journal and exclusive locking there (see `store::Journal`).
//!
//! The decision is the pure function [`classify`] of the path and what the operating system says about
//! the file system ([`FsInfo`]), so every case (Linux, macOS and Windows ones) is tested on Linux; only
//! [`probe`] asks the system, behind `cfg`.
//!
//! Not for: folders synced by cloud services (`synced`), which are local folders copied elsewhere.

use std::path::Path;

/// What the operating system says about the file system holding a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FsInfo {
    /// Linux `statfs` `f_type` (a magic number), with the type named in `/proc/self/mounts` when the
    /// magic number is FUSE's (which only says "some FUSE file system": sshfs is one, ntfs-3g another).
    Linux { magic: i64, fuse_type: Option<String> },
    /// macOS/BSD `statfs` `f_fstypename` ("apfs", "smbfs", "nfs"...).
    Named(String),
    /// Windows `GetDriveTypeW` of the path's drive (4 is `DRIVE_REMOTE`).
    WindowsDrive(u32),
    /// Nothing known (the system could not be asked).
    Unknown,
}

/// Where a data folder lives, as far as the database is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FolderKind {
    /// A disk of this computer (or one we cannot tell apart from it).
    Local,
    /// A network file system; the text names which (for messages and the README's table).
    Network(String),
}

impl FolderKind {
    /// True for [`FolderKind::Network`].
    pub fn is_network(&self) -> bool {
        matches!(self, FolderKind::Network(_))
    }
}

/// Linux file-system magic numbers of network file systems (from `linux/magic.h` and the CIFS/SMB
/// client sources), with a name for each.
const LINUX_NETWORK: &[(i64, &str)] = &[
    (0x6969, "NFS"),
    (0x517B, "SMB"),
    (0xFF53_4D42, "CIFS"),
    (0xFE53_4D42, "SMB2"),
    (0x0102_1997, "9P"),
    (0x00C3_6400, "Ceph"),
    (0x5346_414F, "AFS"),
    (0x6B41_4653, "AFS"),
    (0x0BD0_0BD0, "Lustre"),
    (0x1373, "GlusterFS"),
];

/// FUSE's magic number: the real type is in the mount table ("fuse.sshfs").
const LINUX_FUSE: i64 = 0x6573_5546;

/// FUSE file systems (the part after `fuse.`) that reach another computer.
const FUSE_NETWORK: &[&str] = &["sshfs", "rclone", "s3fs", "gcsfuse", "davfs", "curlftpfs", "glusterfs", "cifs", "smbnetfs", "gvfsd-fuse"];

/// macOS/BSD `f_fstypename` values of network file systems.
const NAMED_NETWORK: &[&str] = &["nfs", "smbfs", "afpfs", "webdav", "cifs", "ftp", "osxfuse-sshfs", "macfuse-sshfs"];

/// `GetDriveTypeW`'s `DRIVE_REMOTE`.
pub const DRIVE_REMOTE: u32 = 4;

/// Decides whether the folder at `path` (as given or made absolute, in the system's spelling) with
/// file-system information `info` is on a network file system.
pub fn classify(path: &str, info: &FsInfo) -> FolderKind {
    if is_windows_share(path) {
        return FolderKind::Network("Windows share".into());
    }
    match info {
        FsInfo::Linux { magic, fuse_type } => {
            // f_type is a signed word on some targets: compare the low 32 bits.
            let magic = magic & 0xFFFF_FFFF;
            if let Some((_, name)) = LINUX_NETWORK.iter().find(|(m, _)| *m == magic) {
                return FolderKind::Network((*name).into());
            }
            if magic == LINUX_FUSE {
                if let Some(t) = fuse_type {
                    let sub = t.strip_prefix("fuse.").unwrap_or(t.as_str());
                    if FUSE_NETWORK.contains(&sub) {
                        return FolderKind::Network(sub.into());
                    }
                }
            }
            FolderKind::Local
        }
        FsInfo::Named(name) => {
            let name = name.to_ascii_lowercase();
            if NAMED_NETWORK.contains(&name.as_str()) || name.contains("sshfs") {
                FolderKind::Network(name)
            } else {
                FolderKind::Local
            }
        }
        FsInfo::WindowsDrive(t) if *t == DRIVE_REMOTE => FolderKind::Network("network drive".into()),
        FsInfo::WindowsDrive(_) | FsInfo::Unknown => FolderKind::Local,
    }
}

/// True for a Windows path to a share: `\\server\share\...`, `//server/share`, or the long forms
/// `\\?\UNC\server\share` and `\\.\UNC\...`. Device and long local paths (`\\?\C:\`, `\\.\pipe`) are not.
pub fn is_windows_share(path: &str) -> bool {
    let p = path.replace('/', "\\");
    let upper = p.to_ascii_uppercase();
    if let Some(rest) = upper.strip_prefix("\\\\?\\").or_else(|| upper.strip_prefix("\\\\.\\")) {
        return rest.starts_with("UNC\\");
    }
    match upper.strip_prefix("\\\\") {
        // A server name then a share name, both non-empty.
        Some(rest) => {
            let mut parts = rest.split('\\');
            matches!((parts.next(), parts.next()), (Some(server), Some(share)) if !server.is_empty() && !share.is_empty())
        }
        None => false,
    }
}

/// The drive letter's root (`C:\`) of a Windows path, when it starts with one (also after `\\?\`).
pub fn drive_root(path: &str) -> Option<String> {
    let p = path.strip_prefix("\\\\?\\").unwrap_or(path);
    let b = p.as_bytes();
    (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':').then(|| format!("{}:\\", b[0] as char))
}

/// What kind of folder `root` (which exists) is on, asking the operating system.
pub fn probe(root: &Path) -> FolderKind {
    let abs = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let spelled = abs.to_string_lossy().into_owned();
    classify(&spelled, &system_info(&abs))
}

#[cfg(target_os = "linux")]
fn system_info(path: &Path) -> FsInfo {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else { return FsInfo::Unknown };
    // SAFETY: `c` is a NUL-terminated path and `st` a zeroed statfs buffer the call fills in.
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statfs(c.as_ptr(), &mut st) } != 0 {
        return FsInfo::Unknown;
    }
    #[allow(clippy::unnecessary_cast)]
    let magic = st.f_type as i64;
    let fuse_type = if magic & 0xFFFF_FFFF == LINUX_FUSE { mount_type(path) } else { None };
    FsInfo::Linux { magic, fuse_type }
}

/// The file-system type `/proc/self/mounts` gives for the mount holding `path` (the longest mount point
/// it lies under).
#[cfg(target_os = "linux")]
fn mount_type(path: &Path) -> Option<String> {
    let path = std::fs::canonicalize(path).ok()?;
    let table = std::fs::read_to_string("/proc/self/mounts").ok()?;
    let mut best: Option<(usize, String)> = None;
    for line in table.lines() {
        let mut f = line.split(' ');
        let (_, Some(point), Some(kind)) = (f.next(), f.next(), f.next()) else { continue };
        // Spaces in mount points are written as \040.
        let point = point.replace("\\040", " ");
        if path.starts_with(&point) && best.as_ref().is_none_or(|(len, _)| point.len() > *len) {
            best = Some((point.len(), kind.to_string()));
        }
    }
    best.map(|(_, k)| k)
}

#[cfg(any(target_os = "macos", target_os = "ios", target_os = "freebsd", target_os = "openbsd"))]
fn system_info(path: &Path) -> FsInfo {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else { return FsInfo::Unknown };
    // SAFETY: as on Linux; f_fstypename is a NUL-terminated C string inside the buffer.
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statfs(c.as_ptr(), &mut st) } != 0 {
        return FsInfo::Unknown;
    }
    let name = unsafe { std::ffi::CStr::from_ptr(st.f_fstypename.as_ptr()) };
    FsInfo::Named(name.to_string_lossy().into_owned())
}

#[cfg(windows)]
fn system_info(path: &Path) -> FsInfo {
    #[link(name = "kernel32")]
    extern "system" {
        fn GetDriveTypeW(root: *const u16) -> u32;
    }
    let Some(root) = drive_root(&path.to_string_lossy()) else { return FsInfo::Unknown };
    let wide: Vec<u16> = root.encode_utf16().chain(std::iter::once(0)).collect();
    // SAFETY: a NUL-terminated UTF-16 drive root.
    FsInfo::WindowsDrive(unsafe { GetDriveTypeW(wide.as_ptr()) })
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "ios", target_os = "freebsd", target_os = "openbsd", windows)))]
fn system_info(_path: &Path) -> FsInfo {
    FsInfo::Unknown
}
