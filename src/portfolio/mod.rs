//! The portfolio: turns a school's records into the PDF the local lead and the panel read.
//!
//! This module decides *what* goes on the pages; `pdf` decides how it is drawn. `data` reads the
//! records, `media` the photos, PDFs and office files the appendix shows, `budget` shrinks photos to
//! the size budget, and `pages` lays everything out; this file runs an export from start to end.
//! `part` names what an export writes (the whole portfolio, the application alone, the evidence
//! pack alone), `alone` writes the application alone as a PDF, `word` as a Word file, and `titled`
//! names exhibits by title where the appendix is not attached.

pub mod alt;
mod alone;
mod budget;
mod data;
pub(crate) mod link;
mod media;
mod pages;
mod part;
mod titled;
mod unprintable;
pub(crate) mod word;
mod word_picture;
mod word_rich;
pub(crate) mod word_xml;

pub use part::{Format, Part};

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use sha2::{Digest, Sha256};

use crate::atomic::AtomicFile;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::job::Job;
use crate::store::Store;

/// Default size budget: what most school email systems accept.
pub const DEFAULT_MAX_MB: u64 = 15;

/// The size budgets a person may ask for, in MB (the range the export window's field offers).
pub const MAX_MB_RANGE: std::ops::RangeInclusive<u64> = 1..=2048;

/// What to export and how.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub out: PathBuf,
    /// Size budget in bytes.
    pub max_bytes: u64,
    /// Include evidence whose consent is missing (off by default).
    pub include_without_consent: bool,
    /// Add a note on the cover that pupils are not named.
    pub anonymity_note: bool,
    /// Stamped into the PDF as its creation time; fixed in tests so the bytes repeat.
    pub now: DateTime<Utc>,
    /// The language of the fixed texts, dates and criteria names (English unless chosen).
    pub language: Lang,
    /// What to write: the whole portfolio (the default), the application alone or the evidence
    /// pack alone.
    pub part: Part,
    /// Under each criterion, a short "Changes since your comments" list: the school's answers to
    /// the comments of the latest draft review (for the next draft going back to the local lead).
    pub changes_since_review: bool,
}

impl ExportOptions {
    /// Options with the defaults a coordinator would expect.
    pub fn new(out: PathBuf, now: DateTime<Utc>) -> ExportOptions {
        ExportOptions {
            out,
            max_bytes: DEFAULT_MAX_MB * 1024 * 1024,
            include_without_consent: false,
            anonymity_note: false,
            now,
            language: Lang::En,
            part: Part::All,
            changes_since_review: false,
        }
    }

    /// Options for what a person asked for in the window or on the command line: the `part` of the
    /// portfolio, the file `out` and a budget of `max_mb` megabytes, refused as
    /// [`check`](Self::check) refuses them.
    pub fn requested(out: PathBuf, part: Part, max_mb: u64, now: DateTime<Utc>) -> Result<ExportOptions> {
        let mut opts = ExportOptions::new(out, now);
        opts.part = part;
        part::format_for(&opts.out, part)?;
        if !MAX_MB_RANGE.contains(&max_mb) {
            return Err(size_refused());
        }
        opts.max_bytes = max_mb * MB;
        Ok(opts)
    }

    /// Refuses what a person asked for that cannot be right, before any work is done: a file name not
    /// ending in `.pdf` (or `.docx`, for the application alone), then a size budget outside
    /// [`MAX_MB_RANGE`]. The window and the CLI both go
    /// through it (by [`requested`](Self::requested)), so they refuse the same things in the same
    /// words. [`export`] does not call it, so that tests and benches may set a budget below 1 MB.
    pub fn check(&self) -> Result<()> {
        part::format_for(&self.out, self.part)?;
        if !(MAX_MB_RANGE.start() * MB..=MAX_MB_RANGE.end() * MB).contains(&self.max_bytes) {
            return Err(size_refused());
        }
        Ok(())
    }

    /// The format the file name asks for. Only the application is written as Word; any other
    /// name is a PDF, as it always was ([`check`](Self::check) refuses the names that cannot be).
    pub fn format(&self) -> Format {
        match part::format_for(&self.out, self.part) {
            Ok(Format::Docx) => Format::Docx,
            _ => Format::Pdf,
        }
    }
}

const MB: u64 = 1024 * 1024;

fn size_refused() -> Error {
    let (min, max) = (*MAX_MB_RANGE.start(), *MAX_MB_RANGE.end());
    Error::rule(
        "export_budget",
        [("min", (min as i64).into()), ("max", (max as i64).into())],
        format!("the size limit must be between {min} and {max} MB"),
    )
}

/// What an export produced.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportReport {
    pub path: PathBuf,
    pub bytes: u64,
    pub pages: usize,
    /// Titles of evidence left out because consent is not recorded.
    pub left_out: Vec<String>,
    pub warnings: Vec<String>,
}

/// Writes the portfolio PDF to `opts.out` (atomically) and says what it did.
///
/// The file appears only when everything succeeded: on an error or a cancel nothing is left at the
/// path (an earlier file there stays as it was).
pub fn export(store: &Store, opts: &ExportOptions, job: &Job) -> Result<ExportReport> {
    check_target(&opts.out)?;
    if opts.part == Part::Application {
        return match opts.format() {
            Format::Pdf => alone::export_application(store, opts, job),
            Format::Docx => word::export_application(store, opts, job),
        };
    }
    let steps = 4;
    let lang = opts.language;
    job.check()?;
    job.report(&reading_stage(store, lang)?, 0, steps);
    let data = load(store, opts)?;
    let mut warnings = Vec::new();
    let mut photos = media::load_photos(store, &data, job, &mut warnings)?;
    let appendices = media::load_documents(store, &data, job, &mut warnings)?;
    let mut copies = media::load_copies(store, &data, job, &mut warnings)?;
    // Merged PDFs and the pictures of reading copies count against the budget before photos do.
    let documents_bytes: u64 = data
        .exhibits
        .iter()
        .filter(|x| appendices.iter().any(|(n, _)| *n == x.number))
        .map(|x| x.size.unwrap_or(0).max(0) as u64)
        .sum::<u64>()
        + copies.picture_bytes();
    budget::fit_budget(
        lang,
        &mut photos,
        opts.max_bytes.saturating_sub(documents_bytes),
        job,
        &mut warnings,
    )?;
    let document_pages: pages::DocumentPages = appendices.iter().map(|(n, a)| (*n, a.page_count())).collect();
    let appendices: Vec<crate::pdf::Appendix> = appendices.into_iter().map(|(_, a)| a).collect();
    job.check()?;
    job.report(lang.t("stage.laying_out"), 1, steps);
    let (layout, outline) = match opts.part {
        Part::Evidence => {
            pages::evidence_only(&data, photos, &document_pages, &mut copies, opts.now.date_naive(), &mut warnings)
        }
        _ => pages::portfolio(
            &data,
            photos,
            &document_pages,
            &mut copies,
            opts.now,
            opts.anonymity_note,
            &mut warnings,
        ),
    };
    warnings.extend(unprintable::warnings(lang, &data.exhibits, &layout.unprintable()));
    job.check()?;
    let meta = match opts.part {
        Part::Evidence => part_metadata(&data, opts, "evidence"),
        _ => metadata(&data, opts, "portfolio"),
    };
    let (pages, bytes) = write_pdf(layout, &meta, &outline, appendices, opts, job, 2, steps)?;
    if bytes > opts.max_bytes {
        warnings.push(lang.f(
            "warning.over_budget",
            &[
                ("size", &format!("{:.1}", bytes as f64 / 1_048_576.0)),
                ("budget", &format!("{:.0}", opts.max_bytes as f64 / 1_048_576.0)),
            ],
        ));
    }
    Ok(ExportReport {
        path: opts.out.clone(),
        bytes,
        pages,
        left_out: data.left_out,
        warnings,
    })
}

/// Writes the short visit brief for the appraisal visit (who the panel will meet, and per
/// criterion the strongest evidence to show) to `opts.out`, atomically, from the same engine.
pub fn export_visit_brief(store: &Store, opts: &ExportOptions, job: &Job) -> Result<ExportReport> {
    check_target(&opts.out)?;
    let steps = 3;
    let lang = opts.language;
    let data = read_for_layout(store, opts, job, steps)?;
    let (layout, outline) = pages::visit_brief(&data, opts.now);
    let warnings = unprintable::warnings(lang, &[], &layout.unprintable());
    let mut meta = metadata(&data, opts, "visit brief");
    let school = school_name(&data);
    meta.title = lang.vf("doc.brief_title", &data.words, &[("school", &school)]);
    meta.subject = lang.t("doc.brief_subject").into();
    meta.footer = lang.vf("doc.brief_footer", &data.words, &[("school", &school)]);
    let (pages, bytes) = write_pdf(layout, &meta, &outline, Vec::new(), opts, job, 1, steps)?;
    Ok(ExportReport {
        path: opts.out.clone(),
        bytes,
        pages,
        left_out: data.left_out,
        warnings,
    })
}

/// "Reading the school's records", in the framework's words.
pub(super) fn reading_stage(store: &Store, lang: Lang) -> Result<String> {
    Ok(lang.v("stage.reading", &crate::school::framework_as_worded(store)?.vocabulary(lang)))
}

/// The first two steps of a three-step export (a part alone, the visit brief): reading the records
/// (as [`load`]) and saying the layout has begun, each after a check for a cancel.
fn read_for_layout(store: &Store, opts: &ExportOptions, job: &Job, steps: u64) -> Result<data::Data> {
    let lang = opts.language;
    job.check()?;
    job.report(&reading_stage(store, lang)?, 0, steps);
    let data = load(store, opts)?;
    job.check()?;
    job.report(lang.t("stage.laying_out"), 1, steps);
    Ok(data)
}

/// Reads the records and puts them in the export's language, criteria names included.
fn load(store: &Store, opts: &ExportOptions) -> Result<data::Data> {
    let mut data = data::load(store, opts.now.date_naive(), opts.include_without_consent)?;
    data.lang = opts.language;
    data.words = data.framework.vocabulary(opts.language);
    data.award_level = data::award_level(&data.framework, &data.school, opts.language);
    data.framework = data.framework.localized(opts.language);
    if opts.changes_since_review {
        data.changes = data::changes_since_review(&data.rounds);
    }
    Ok(data)
}

/// Writes a laid-out document to `opts.out` through a temporary file, checking for a cancel
/// before it is moved into place; returns pages and bytes.
fn write_pdf(
    layout: crate::pdf::Layout,
    meta: &crate::pdf::Metadata,
    outline: &[crate::pdf::OutlineItem],
    appendices: Vec<crate::pdf::Appendix>,
    opts: &ExportOptions,
    job: &Job,
    step: u64,
    steps: u64,
) -> Result<(usize, u64)> {
    let lang = opts.language;
    job.report(lang.t("stage.writing"), step, steps);
    let mut file = AtomicFile::create(&opts.out)?;
    let pages = {
        let mut w = BufWriter::new(file.file());
        let pages = crate::pdf::write(layout, meta, outline, appendices, &mut w)?;
        w.flush().map_err(|e| Error::io("cannot write", &opts.out, e))?;
        pages
    };
    // The last chance to stop: dropping the unfinished file removes it.
    job.check()?;
    job.report(lang.t("stage.saving"), step + 1, steps);
    file.commit()?;
    let bytes = std::fs::metadata(&opts.out)
        .map_err(|e| Error::io("cannot read", &opts.out, e))?
        .len();
    job.report(lang.t("stage.done"), steps, steps);
    Ok((pages, bytes))
}

/// Pages the application takes when exported alone (`--part application`, laid out by the same
/// code, so rounded up it is that PDF's page count), the last page counted by how full it is: 3.4
/// means three pages and part of a fourth. Fast enough to call as the coordinator types; compare
/// with the framework's page limit ([`application_page_limit`]). `today` is the date the export
/// would carry.
pub fn application_pages(store: &Store, today: NaiveDate) -> Result<f32> {
    Ok(pages::application_pages(&load_as_default_export(store)?, today))
}

/// The page limit the school's framework sets for the application, if any.
pub fn application_page_limit(store: &Store) -> Result<Option<usize>> {
    Ok(crate::school::framework(store)?.page_limit())
}

/// The records as a default export sees them (evidence without consent left out), for the window's
/// views of the portfolio. The date only decides which actions are overdue, which they do not show.
fn load_as_default_export(store: &Store) -> Result<data::Data> {
    data::load(store, chrono::NaiveDate::default(), false)
}

/// Like [`application_pages`], with one criterion's account replaced by a draft the coordinator is
/// still typing, so the window can show the length before the text is saved.
pub fn application_pages_with_draft(store: &Store, criterion_key: &str, draft: &str, today: NaiveDate) -> Result<f32> {
    let mut data = load_as_default_export(store)?;
    data.narrative.insert(criterion_key.to_string(), draft.to_string());
    Ok(pages::application_pages(&data, today))
}

/// An exhibit as the narrative editor offers it: the label the export will give it ("E3").
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ExhibitRef {
    pub id: String,
    pub label: String,
    pub title: String,
    pub kind: crate::evidence::EvidenceKind,
    pub criteria: Vec<String>,
}

/// The exhibits the portfolio will number, in order, with the labels it will give them. Items
/// without recorded consent are not exhibits (they are left out of the export by default).
pub fn exhibits(store: &Store) -> Result<Vec<ExhibitRef>> {
    let data = load_as_default_export(store)?;
    Ok(data
        .exhibits
        .iter()
        .map(|x| ExhibitRef { id: x.id.clone(), label: x.label(), title: x.title.clone(), kind: x.kind, criteria: x.criteria.clone() })
        .collect())
}


/// Refuses an output path that cannot work, before any work is done.
fn check_target(out: &std::path::Path) -> Result<()> {
    if out.as_os_str().is_empty() {
        return Err(Error::rule("export_no_file", [], "no output file was given; choose where to save the PDF"));
    }
    if out.is_dir() {
        return Err(Error::rule(
            "export_target_folder",
            [("file", out.display().to_string().into())],
            format!("{} is a folder; give a file name such as portfolio.pdf", out.display()),
        ));
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        return Err(Error::rule(
            "export_folder_missing",
            [("folder", parent.display().to_string().into())],
            format!("the folder {} does not exist; create it or choose another place to save the PDF", parent.display()),
        ));
    }
    Ok(())
}

/// The school's name, or the stand-in the pages use while it is empty.
fn school_name(data: &data::Data) -> String {
    if data.school.name.trim().is_empty() {
        data.lang.v("doc.our_school", &data.words)
    } else {
        data.school.name.clone()
    }
}

/// The metadata of the application alone or the evidence pack alone (`kind`): the whole
/// portfolio's, with their own title, subject and footer.
fn part_metadata(data: &data::Data, opts: &ExportOptions, kind: &str) -> crate::pdf::Metadata {
    let lang = data.lang;
    let school = school_name(data);
    let mut meta = metadata(data, opts, kind);
    meta.title = lang.vf(&format!("part.{kind}_title"), &data.words, &[("school", &school)]);
    meta.subject = lang.vf(&format!("part.{kind}_subject"), &data.words, &[("wording", &data.framework.wording)]);
    meta.footer = lang.vf(&format!("part.{kind}_footer"), &data.words, &[("school", &school)]);
    meta
}

fn metadata(data: &data::Data, opts: &ExportOptions, kind: &str) -> crate::pdf::Metadata {
    let lang = data.lang;
    let name = school_name(data);
    // The identifier follows the school and the moment of export, so the same export repeats
    // byte for byte and different ones differ.
    let mut h = Sha256::new();
    h.update(b"sanctuary-portfolio\0");
    h.update(data.school.id.as_bytes());
    h.update(opts.now.to_rfc3339().as_bytes());
    h.update(kind.as_bytes());
    // English leaves the hash as it always was, so earlier exports' identifiers stay reproducible.
    if lang != Lang::En {
        h.update(lang.code().as_bytes());
    }
    let digest = h.finalize();
    let mut id = [0u8; 16];
    id.copy_from_slice(&digest[..16]);
    crate::pdf::Metadata {
        title: lang.vf("doc.title", &data.words, &[("school", &name)]),
        author: if data.school.coordinator_name.is_empty() {
            name.clone()
        } else {
            lang.f("doc.author", &[("coordinator", &data.school.coordinator_name), ("school", &name)])
        },
        subject: lang.vf("doc.subject", &data.words, &[("wording", &data.framework.wording)]),
        keywords: lang.v("doc.keywords", &data.words),
        language: lang.tag().into(),
        created: opts.now,
        id,
        footer: lang.vf("doc.footer", &data.words, &[("school", &name)]),
        page_of: lang.t("doc.page_of").into(),
    }
}
