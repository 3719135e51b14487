//! Adding files to the evidence library: many at once, on both cores, each file either fully added
//! (original stored, thumbnail made, row written) or refused with the reason, while the others go on.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Mutex;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};

use super::{blobs, exif, pdfcheck, probe, rendition, scan};
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
    pub consent: Option<super::Consent>,
    pub added_by: String,
    pub limit: u64,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions { criteria: Vec::new(), caption: String::new(), consent: None, added_by: String::new(), limit: DEFAULT_LIMIT }
    }
}

/// A file that was not added, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Refusal {
    pub file: String,
    /// The rule that refused it (one of `error::RULE_CODES`), which the window words in its language.
    pub code: &'static str,
    /// The values that wording fills in.
    pub params: crate::error::Params,
    /// The same in English words, as the command line prints it.
    pub reason: String,
}

impl Refusal {
    /// `file` refused by the rule `code` (no values), saying `reason` in English.
    pub(super) fn new(file: &str, code: &'static str, reason: impl Into<String>) -> Refusal {
        debug_assert!(crate::error::RULE_CODES.contains(&code), "{code}");
        Refusal { file: file.to_string(), code, params: Default::default(), reason: reason.into() }
    }

    /// `file` refused by a coded error: a rule keeps its code and values; any other error (a disk
    /// fault while storing) becomes `evidence_store_failed`, its English reason kept for the CLI.
    pub(super) fn of(file: &str, e: Error) -> Refusal {
        match e {
            Error::Rule { code, params, message } => Refusal { file: file.to_string(), code, params, reason: message },
            other => Refusal::new(file, "evidence_store_failed", format!("it could not be stored ({other})")),
        }
    }

    /// The refusal as an error, for a caller that adds one file (a link's screenshot).
    pub fn into_error(self) -> Error {
        let mut params = self.params;
        params.insert("file".into(), self.file.as_str().into());
        Error::Rule { code: self.code, params, message: format!("{}: {}", self.file, self.reason) }
    }
}

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    /// Ids of new items.
    pub added: Vec<String>,
    /// Files whose content was already in the library (nothing new was made).
    pub duplicates: Vec<String>,
    pub refused: Vec<Refusal>,
    /// System files skipped without a word (Thumbs.db, .DS_Store, ~$ lock files, …): shown as one count.
    pub system_files: usize,
    /// Documents that were added but whose contents the panel will not see (password-protected,
    /// damaged, legacy .doc/.ppt, spreadsheets), each with what to do.
    pub unreadable: Vec<Unreadable>,
    /// Documents whose reading copy shows a note in place of embedded objects it cannot show.
    pub objects_not_shown: Vec<ObjectsNotShown>,
}

/// A document added whose reading copy cannot show some of its embedded objects.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ObjectsNotShown {
    pub file: String,
    /// How many objects.
    pub count: u32,
}

/// A document kept as evidence whose contents the panel will not see, and what to do about it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Unreadable {
    pub file: String,
    /// The code of `office::Problem` (encrypted, legacy, spreadsheet, damaged, too_large), which
    /// the window words in the chosen language.
    pub code: &'static str,
    /// The same in English words, with the advice ("save it as .docx or PDF and add it again").
    pub reason: String,
}

/// A file prepared off the main thread, ready for its row.
pub(super) struct Prepared {
    pub(super) source: PathBuf,
    pub(super) sha: String,
    pub(super) size: u64,
    pub(super) mime: &'static str,
    pub(super) kind: super::EvidenceKind,
    pub(super) new_blob: bool,
    /// For photos: whether location data was removed from the stored copy.
    pub(super) location_removed: Option<bool>,
    pub(super) width: Option<u32>,
    pub(super) height: Option<u32>,
    pub(super) taken: Option<NaiveDate>,
    pub(super) page_count: Option<u32>,
    /// Why an office document has no reading copy.
    pub(super) reading_problem: Option<crate::office::Problem>,
    /// Embedded objects its reading copy cannot show.
    pub(super) objects_not_shown: Option<u32>,
}

/// Expands folders (recursively, skipping hidden entries and system clutter, each real folder
/// once) into files, in a stable order. See [`super::walk`].
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    super::walk::walk(paths).files
}

/// Imports `paths` (files or folders). Refusals are reported, not returned as errors; the call fails
/// only when it cannot go on at all (e.g. the database is gone) or is cancelled.
pub fn import(store: &mut Store, paths: &[PathBuf], opts: &ImportOptions, job: &Job, now: DateTime<Utc>) -> Result<ImportReport> {
    if paths.is_empty() {
        return Err(Error::rule("evidence_none_chosen", [], "choose at least one file or folder to add"));
    }
    let walked = super::walk::walk(paths);
    let files = walked.files;
    let total = files.len() as u64;
    let root = store.root().to_path_buf();
    // Files are numbered so that they are recorded in the order given (a folder's in name order),
    // whichever worker finishes first: exhibit numbers then follow the files, run after run.
    let queue = Mutex::new(files.into_iter().enumerate());
    let (tx, rx) = mpsc::channel::<(usize, std::result::Result<Prepared, Refusal>)>();
    let mut waiting = std::collections::BTreeMap::new();
    let mut next = 0usize;
    let mut report = ImportReport { system_files: walked.system_files, ..ImportReport::default() };
    let mut done = 0u64;
    job.report("Adding evidence", 0, total);
    let mut outcome: Result<()> = Ok(());
    std::thread::scope(|scope| {
        for n in 0..2 {
            let tx = tx.clone();
            let queue = &queue;
            let root = &root;
            // A stack of its own, larger than a spawned thread's default, for the readers (whose
            // walks are bounded, see `office::flat`); a panic inside a reader is caught per file.
            let worker = std::thread::Builder::new().name(format!("import-{n}")).stack_size(WORKER_STACK);
            let spawned = worker.spawn_scoped(scope, move || loop {
                if job.check().is_err() {
                    break;
                }
                let taken = queue.lock().ok().and_then(|mut q| q.next());
                let Some((i, file)) = taken else { break };
                if tx.send((i, isolated(root, &file, opts.limit))).is_err() {
                    break;
                }
            });
            if let Err(e) = spawned {
                // internal: the system refused a thread; nothing the person did or can change.
                outcome = Err(Error::Invalid(format!("the import could not start a worker ({e})")));
            }
        }
        drop(tx);
        for (i, item) in rx {
            waiting.insert(i, item);
            // Record every file whose turn has come; a later one waits for those before it.
            while let Some(item) = waiting.remove(&next) {
                next += 1;
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
                        Ok(Some(id)) => {
                            if let Some(count) = p.objects_not_shown.filter(|n| *n > 0) {
                                report.objects_not_shown.push(ObjectsNotShown { file: display_name(&p.source), count });
                            }
                            if let Some(problem) = &p.reading_problem {
                                report.unreadable.push(Unreadable {
                                    file: display_name(&p.source),
                                    code: problem.code(),
                                    reason: problem.message(),
                                });
                            }
                            report.added.push(id)
                        }
                        Ok(None) => report.duplicates.push(display_name(&p.source)),
                        Err(e) => {
                            discard(&root, &p);
                            outcome = Err(e);
                        }
                    },
                }
                job.report("Adding evidence", done, total);
            }
        }
    });
    // Every file a worker took is sent, so nothing should wait here; if something does, its blob
    // is cleaned rather than left without a row.
    for item in waiting.into_values().flatten() {
        discard(&root, &item);
    }
    outcome?;
    job.check()?;
    Ok(report)
}

fn display_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| p.display().to_string())
}

/// Stack of each import worker: Word files and PDFs are read on it.
const WORKER_STACK: usize = 16 * 1024 * 1024;

/// [`prepare`], with a panic anywhere inside it (a reader meeting something it did not expect)
/// turned into a refusal of that file alone, so that the other files still go in and the app
/// stays up.
fn isolated(root: &Path, file: &Path, limit: u64) -> std::result::Result<Prepared, Refusal> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| prepare(root, file, limit))).unwrap_or_else(|_| {
        Err(Refusal::new(&display_name(file), "evidence_fault", FAULT))
    })
}

/// The reason given for a file whose reading failed inside the app.
const FAULT: &str = "the app met something in it that it could not read (a fault in the app, not your doing), \
     so it was not added; save it again from the program that made it, or as PDF, and add it again";

/// Removes a blob that this import created and that no row refers to.
pub(super) fn discard(root: &Path, p: &Prepared) {
    if p.new_blob {
        let _ = std::fs::remove_file(blobs::path(root, &p.sha));
        rendition::remove(root, &p.sha);
    }
}

/// Checks, stores and thumbnails one file; all file work happens here, off the database thread.
pub(super) fn prepare(root: &Path, file: &Path, limit: u64) -> std::result::Result<Prepared, Refusal> {
    let name = display_name(file);
    let refuse = |code: &'static str, reason: String| Refusal::new(&name, code, reason);
    let meta = std::fs::metadata(file).map_err(|e| refuse("evidence_cannot_read", format!("it cannot be read ({e}); was it moved or deleted?")))?;
    if !meta.is_file() {
        return Err(refuse("evidence_not_a_file", "it is not a regular file".into()));
    }
    if meta.len() > limit {
        let reason = format!("it is {} MB, over the {} MB limit", meta.len() / 1_048_576, limit / 1_048_576);
        return Err(Refusal::of(&name, Error::rule("evidence_too_large", [("max", ((limit / 1_048_576) as i64).into())], reason)));
    }
    let mut head = vec![0u8; 64];
    let n = {
        use std::io::Read;
        let mut f = std::fs::File::open(file).map_err(|e| refuse("evidence_cannot_read", format!("it cannot be read ({e})")))?;
        f.read(&mut head).map_err(|e| refuse("evidence_cannot_read", format!("it cannot be read ({e})")))?
    };
    head.truncate(n);
    let sniffed = probe::sniff(&head, &name).map_err(|e| Refusal::of(&name, e))?;
    let (stored, location_removed) = super::location::store_clean(root, file, sniffed.mime(), limit).map_err(|e| Refusal::of(&name, e))?;
    let (sha, size, new_blob) = (stored.sha, stored.size, stored.created);
    let mut prepared = Prepared {
        source: file.to_path_buf(),
        sha: sha.clone(),
        size,
        mime: sniffed.mime(),
        kind: sniffed.kind(),
        new_blob,
        location_removed,
        width: None,
        height: None,
        taken: None,
        page_count: None,
        reading_problem: None,
        objects_not_shown: None,
    };
    // The stored copy is known from here: a panic while reading it removes the copy it made.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| inspect(root, &mut prepared, sniffed, &refuse))) {
        Ok(Ok(())) => Ok(prepared),
        Ok(Err(refusal)) => Err(refusal),
        Err(panic) => {
            discard(root, &prepared);
            std::panic::resume_unwind(panic)
        }
    }
}

/// Reads the stored copy of a file for what its row records: a photo's size and renditions, a PDF's
/// pages (and repaired copy), an office document's reading-copy pages or its problem.
fn inspect(
    root: &Path,
    prepared: &mut Prepared,
    sniffed: probe::Sniffed,
    refuse: &dyn Fn(&'static str, String) -> Refusal,
) -> std::result::Result<(), Refusal> {
    fault::inject(&display_name(&prepared.source));
    let sha = prepared.sha.clone();
    let bytes = || std::fs::read(blobs::path(root, &sha)).map_err(|e| refuse("evidence_cannot_read", format!("it could not be read back ({e})")));
    if let Some(format) = rendition::format_of(sniffed.mime()) {
        let data = bytes()?;
        if format == rendition::Format::Jpeg && !jpeg_is_complete(&data) {
            discard(root, prepared);
            return Err(refuse("evidence_photo_cut_short", "the photo is cut short (the file ends before the picture does); copy it again from the camera or phone".into()));
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
                discard(root, prepared);
                return Err(refuse("evidence_picture_unreadable", reason));
            }
        }
        // A scan of several pages stays one exhibit, each further page with a print copy of its own.
        if sniffed == probe::Sniffed::Tiff {
            let pages = scan::page_count(&data).and_then(|n| scan::make_pages(root, &sha, &data, n).map(|_| n));
            match pages {
                Ok(n) => prepared.page_count = (n > 1).then_some(n),
                Err(reason) => {
                    discard(root, prepared);
                    return Err(refuse("evidence_picture_unreadable", reason));
                }
            }
        }
    } else if sniffed == probe::Sniffed::Pdf {
        let data = bytes()?;
        // Checked now, not at export: a PDF that cannot be opened or needs a password is refused
        // by name; a damaged but readable one is repaired into a rendition (see `pdfcheck`).
        match pdfcheck::check(&data) {
            Ok(checked) => {
                prepared.page_count = Some(checked.pages());
                if let pdfcheck::Checked::Repaired { bytes, .. } = &checked {
                    pdfcheck::keep_repaired(root, &sha, bytes).map_err(|e| {
                        discard(root, prepared);
                        refuse("evidence_store_failed", format!("its repaired copy could not be saved ({e})"))
                    })?;
                }
            }
            Err(reason) => {
                discard(root, prepared);
                return Err(refuse("evidence_pdf_unreadable", reason));
            }
        }
    } else if crate::office::classify(sniffed.mime()).is_some() {
        // Word, PowerPoint, OpenDocument: read once now, so the library can say how many pages
        // its reading copy takes, or why the panel will not see inside it.
        match super::document_pictures::reading_copy_facts(&bytes()?, sniffed.mime()) {
            Ok((pages, objects)) => {
                prepared.page_count = Some(pages as u32);
                prepared.objects_not_shown = Some(objects as u32);
            }
            Err(problem) => prepared.reading_problem = Some(problem),
        }
    }
    Ok(())
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
    let photo = p.kind == super::EvidenceKind::Photo;
    let consent = opts.consent.unwrap_or(if photo { super::Consent::Missing } else { super::Consent::NotNeeded });
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
             people_identifiable, consent, width, height, page_count, position, updated_at, location_removed, reading_problem, \
             objects_not_shown) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?8, ?16, ?17, ?18)",
            params![
                id, p.kind, title, opts.caption, p.sha, display_name(&p.source), p.taken, stamp, opts.added_by,
                photo, consent, p.width, p.height, p.page_count, position, p.location_removed,
                p.reading_problem.as_ref().map(|r| r.code()), p.objects_not_shown
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
pub(crate) fn title_from(path: &Path) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let t: String = stem.chars().map(|c| if c == '_' || c == '-' { ' ' } else { c }).collect();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() { "Untitled".into() } else { t }
}

/// A fault a test can plant, to show that one file whose reader panics is refused alone while the
/// rest of the import goes on. The app never plants one.
#[doc(hidden)]
pub mod fault {
    use std::sync::Mutex;

    static PLANTED: Mutex<Vec<String>> = Mutex::new(Vec::new());

    /// Makes reading any file called `name` panic, as a reader with a bug would.
    pub fn plant(name: &str) {
        if let Ok(mut p) = PLANTED.lock() {
            p.push(name.to_string());
        }
    }

    pub(super) fn inject(name: &str) {
        let planted = PLANTED.lock().map(|p| p.iter().any(|n| n == name)).unwrap_or(false);
        if planted {
            panic!("a fault planted by a test, reading {name}");
        }
    }
}
