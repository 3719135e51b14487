//! Adding files to the evidence library: many at once, on both cores, each file either fully added
//! (original stored, thumbnail made, row written) or refused with the reason, while the others go on.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Mutex;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};

use super::{blobs, exif, probe, rendition};
use crate::error::{Error, Result};
use crate::job::Job;
use crate::store::Store;

/// Largest file accepted by default: well above any phone photo or school document.
pub const DEFAULT_LIMIT: u64 = 200 * 1024 * 1024;

/// What the coordinator chose for the whole batch.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub criteria: Vec<String>,
    pub caption: String,
    /// `given`, `not_needed` or `missing`; None means photos `missing`, documents `not_needed`.
    pub consent: Option<String>,
    pub added_by: String,
    pub limit: u64,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions { criteria: Vec::new(), caption: String::new(), consent: None, added_by: String::new(), limit: DEFAULT_LIMIT }
    }
}

/// A file that was not added, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Refusal {
    pub file: String,
    pub reason: String,
}

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    /// Ids of new items.
    pub added: Vec<String>,
    /// Files whose content was already in the library (nothing new was made).
    pub duplicates: Vec<String>,
    pub refused: Vec<Refusal>,
}

/// A file prepared off the main thread, ready for its row.
struct Prepared {
    source: PathBuf,
    sha: String,
    size: u64,
    mime: &'static str,
    kind: &'static str,
    new_blob: bool,
    width: Option<u32>,
    height: Option<u32>,
    taken: Option<NaiveDate>,
    page_count: Option<u32>,
}

/// Expands folders (recursively, skipping hidden entries) into files, in a stable order.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            entries.retain(|e| !e.file_name().map(|n| n.to_string_lossy().starts_with('.')).unwrap_or(false));
            entries.sort();
            out.extend(expand(&entries));
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// Imports `paths` (files or folders). Refusals are reported, not returned as errors; the call fails
/// only when it cannot go on at all (e.g. the database is gone) or is cancelled.
pub fn import(store: &mut Store, paths: &[PathBuf], opts: &ImportOptions, job: &Job, now: DateTime<Utc>) -> Result<ImportReport> {
    let files = expand(paths);
    let total = files.len() as u64;
    let root = store.root().to_path_buf();
    let queue = Mutex::new(files.into_iter());
    let (tx, rx) = mpsc::channel::<std::result::Result<Prepared, Refusal>>();
    let mut report = ImportReport::default();
    let mut done = 0u64;
    job.report("Adding evidence", 0, total);
    let mut outcome: Result<()> = Ok(());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            let tx = tx.clone();
            let queue = &queue;
            let root = &root;
            scope.spawn(move || loop {
                if job.check().is_err() {
                    break;
                }
                let next = queue.lock().ok().and_then(|mut q| q.next());
                let Some(file) = next else { break };
                if tx.send(prepare(root, &file, opts.limit)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        for item in rx {
            done += 1;
            if outcome.is_err() {
                // Drain so that workers finish, cleaning any blob that will not get a row.
                if let Ok(p) = item {
                    discard(&root, &p);
                }
                continue;
            }
            match item {
                Err(refusal) => report.refused.push(refusal),
                Ok(p) => match record(store, &p, opts, now) {
                    Ok(Some(id)) => report.added.push(id),
                    Ok(None) => report.duplicates.push(display_name(&p.source)),
                    Err(e) => {
                        discard(&root, &p);
                        outcome = Err(e);
                    }
                },
            }
            job.report("Adding evidence", done, total);
        }
    });
    outcome?;
    job.check()?;
    Ok(report)
}

fn display_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| p.display().to_string())
}

/// Removes a blob that this import created and that no row refers to.
fn discard(root: &Path, p: &Prepared) {
    if p.new_blob {
        let _ = std::fs::remove_file(blobs::path(root, &p.sha));
        rendition::remove(root, &p.sha);
    }
}

/// Checks, stores and thumbnails one file; all file work happens here, off the database thread.
fn prepare(root: &Path, file: &Path, limit: u64) -> std::result::Result<Prepared, Refusal> {
    let name = display_name(file);
    let refuse = |reason: String| Refusal { file: name.clone(), reason };
    let meta = std::fs::metadata(file).map_err(|e| refuse(format!("it cannot be read ({e}); was it moved or deleted?")))?;
    if !meta.is_file() {
        return Err(refuse("it is not a regular file".into()));
    }
    if meta.len() > limit {
        return Err(refuse(format!("it is {} MB, over the {} MB limit", meta.len() / 1_048_576, limit / 1_048_576)));
    }
    let mut head = vec![0u8; 64];
    let n = {
        use std::io::Read;
        let mut f = std::fs::File::open(file).map_err(|e| refuse(format!("it cannot be read ({e})")))?;
        f.read(&mut head).map_err(|e| refuse(format!("it cannot be read ({e})")))?
    };
    head.truncate(n);
    let sniffed = probe::sniff(&head, &name).map_err(refuse)?;
    let stored = blobs::put(root, file, limit).map_err(|e| refuse(match e {
        Error::Invalid(m) => m,
        other => format!("it could not be stored ({other})"),
    }))?;
    let (sha, size, new_blob) = (stored.sha, stored.size, stored.created);
    let mut prepared = Prepared {
        source: file.to_path_buf(),
        sha: sha.clone(),
        size,
        mime: sniffed.mime(),
        kind: sniffed.kind(),
        new_blob,
        width: None,
        height: None,
        taken: None,
        page_count: None,
    };
    let bytes = || std::fs::read(blobs::path(root, &sha)).map_err(|e| refuse(format!("it could not be read back ({e})")));
    if let Some(format) = rendition::format_of(sniffed.mime()) {
        let data = bytes()?;
        if format == rendition::Format::Jpeg && !jpeg_is_complete(&data) {
            discard(root, &prepared);
            return Err(refuse("the photo is cut short (the file ends before the picture does); copy it again from the camera or phone".into()));
        }
        let facts = if format == rendition::Format::Jpeg { exif::read(&data) } else { exif::Facts { orientation: 1, taken: None } };
        // A new item hides nothing yet; an item already holding this file gets its hidden areas back
        // when it is recorded as a duplicate (see `record`).
        match rendition::make(root, &sha, &data, format, facts.orientation, &super::redact::Redaction::default()) {
            Ok(m) => {
                prepared.width = Some(m.width);
                prepared.height = Some(m.height);
                prepared.taken = facts.taken;
            }
            // Without HEIC support the iPhone photo is still kept, as a file without a picture.
            Err(_) if format == rendition::Format::Heic && !cfg!(feature = "heic") => {}
            Err(reason) => {
                discard(root, &prepared);
                return Err(refuse(reason));
            }
        }
    } else if sniffed == probe::Sniffed::Pdf {
        let data = bytes()?;
        prepared.page_count = Some(count_pdf_pages(&data));
    }
    Ok(prepared)
}

/// True when a JPEG's last scan is followed by its end marker. Byte stuffing keeps FF D9 out of the
/// compressed data, so a file cut short in transfer has none after its last start-of-scan.
fn jpeg_is_complete(jpeg: &[u8]) -> bool {
    let last_sos = jpeg.windows(2).rposition(|w| w == [0xFF, 0xDA]);
    match last_sos {
        Some(at) => jpeg[at..].windows(2).any(|w| w == [0xFF, 0xD9]),
        None => false,
    }
}

/// A quick page count: the number of page objects. Good enough to show "12 pages" in the library.
fn count_pdf_pages(pdf: &[u8]) -> u32 {
    let mut n = 0;
    for pat in [&b"/Type /Page"[..], &b"/Type/Page"[..]] {
        let mut i = 0;
        while let Some(pos) = pdf[i..].windows(pat.len()).position(|w| w == pat) {
            let at = i + pos + pat.len();
            if pdf.get(at) != Some(&b's') {
                n += 1;
            }
            i = at;
        }
    }
    n.max(1)
}

/// Writes the rows for a prepared file in one transaction; None when the content is already a live item.
fn record(store: &mut Store, p: &Prepared, opts: &ImportOptions, now: DateTime<Utc>) -> Result<Option<String>> {
    let existing: Option<String> = store
        .conn()
        .query_row("SELECT id FROM evidence WHERE blob_sha256 = ?1 AND deleted_at IS NULL", [&p.sha], |r| r.get(0))
        .optional()?;
    if existing.is_some() {
        // Adding the file again made its pictures from the original: hide what that item hides.
        super::redact::restore_hidden(store, &p.sha)?;
        return Ok(None);
    }
    let consent = opts.consent.clone().unwrap_or_else(|| if p.kind == "photo" { "missing".into() } else { "not_needed".into() });
    let title = title_from(&p.source);
    let id = uuid::Uuid::new_v4().to_string();
    let stamp = now.to_rfc3339();
    store.write(|tx| {
        tx.execute(
            "INSERT INTO blob (sha256, size, mime, created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(sha256) DO NOTHING",
            params![p.sha, p.size as i64, p.mime, stamp],
        )?;
        let position: i64 = tx.query_row("SELECT coalesce(max(position), 0) + 1 FROM evidence", [], |r| r.get(0))?;
        tx.execute(
            "INSERT INTO evidence (id, kind, title, caption, blob_sha256, original_name, activity_date, added_at, added_by, \
             people_identifiable, consent, width, height, page_count, position, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?8)",
            params![
                id, p.kind, title, opts.caption, p.sha, display_name(&p.source), p.taken, stamp, opts.added_by,
                p.kind == "photo", consent, p.width, p.height, p.page_count, position
            ],
        )?;
        for key in &opts.criteria {
            tx.execute("INSERT OR IGNORE INTO evidence_criterion (evidence_id, criterion_key) VALUES (?1, ?2)", params![id, key])?;
        }
        Ok(())
    })?;
    Ok(Some(id))
}

/// "refugee_week-picnic.jpg" → "refugee week picnic".
fn title_from(path: &Path) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let t: String = stem.chars().map(|c| if c == '_' || c == '-' { ' ' } else { c }).collect();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() { "Untitled".into() } else { t }
}
