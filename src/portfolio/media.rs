//! What the appendix shows besides text, read from the store before layout: each photo's print
//! copy (with its redactions), each PDF to merge, and each office file's reading copy. Work that
//! can run on every core does; anything that cannot be read becomes a warning, not an error.
//!
//! The further pages of a multi-page scan (a TIFF from the school copier) travel in the same map as
//! the photos, keyed `(exhibit, page)`, so the size budget reduces them like any photo; each is
//! printed after the first, under the same exhibit, from the print copy made at import.
//!
//! Not for: fitting the photos to the size budget (`budget`), laying anything out (`pages`) or reading
//! scans (`evidence::scan`).

use super::{data, pages};
use crate::evidence::Exhibit;
use crate::i18n::Lang;
use crate::reading_copy;
use crate::error::{Error, Result};
use crate::job::Job;
use crate::store::Store;

/// Reads and prepares every photo exhibit (metadata stripped, large ones reduced) on every core,
/// each worker holding one decoded photo at a time; a photo that cannot be read is named in a
/// warning and its entry stays in the appendix.
pub(super) fn load_photos(store: &Store, data: &data::Data, job: &Job, warnings: &mut Vec<String>) -> Result<pages::Photos> {
    use std::sync::atomic::{AtomicUsize, Ordering};

    let wanted: Vec<&crate::evidence::Exhibit> = data
        .exhibits
        .iter()
        .filter(|x| x.sha256.is_some() && (x.kind == crate::evidence::EvidenceKind::Photo || x.mime.starts_with("image/")))
        .collect();
    let done = AtomicUsize::new(0);
    let total = wanted.len() as u64;
    // The root is taken here: the store's connection stays on this thread.
    let root = store.root().to_path_buf();
    let hidden = crate::evidence::redact::by_blob(store)?;
    let nothing_hidden = crate::evidence::redact::Redaction::default();
    let results = job.map_on_cores(&wanted, |x| {
        let name = if x.original_name.is_empty() {
            x.title.clone()
        } else {
            x.original_name.clone()
        };
        // Print copies were made at import, so this is mostly reading ~100 KB per photo.
        let sha = x.sha256.as_deref().unwrap_or_default();
        let hide = hidden.get(sha).unwrap_or(&nothing_hidden);
        let photo = crate::evidence::rendition::print_bytes(&root, sha, &x.mime, hide)
            .map_err(|reason| Error::Refused { file: name.clone(), reason })
            .and_then(|bytes| crate::pdf::Photo::from_bytes(&bytes, &name));
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        job.report(data.lang.t("stage.photos"), n as u64, total);
        (x.number, photo)
    })?;
    let mut photos = pages::Photos::new();
    for (number, photo) in results {
        match photo {
            Ok(p) => {
                photos.insert((number, 1), p);
            }
            Err(e) => warnings.push(data.lang.f(
                "warning.not_shown",
                &[("exhibit", &format!("E{number}")), ("error", &e)],
            )),
        }
    }
    load_scan_pages(&root, data.lang, &wanted, &mut photos, warnings);
    Ok(photos)
}

/// Adds the further pages of every multi-page scan among `exhibits` to `photos`; a page that
/// cannot be read is named in a warning and left out.
fn load_scan_pages(root: &std::path::Path, lang: Lang, exhibits: &[&Exhibit], photos: &mut pages::Photos, warnings: &mut Vec<String>) {
    for x in exhibits.iter().filter(|x| x.mime == "image/tiff") {
        let (Some(sha), Some(pages)) = (x.sha256.as_deref(), x.page_count) else { continue };
        for page in 2..=pages {
            let name = format!("{} ({page})", if x.original_name.is_empty() { &x.title } else { &x.original_name });
            let photo = crate::evidence::scan::page_print_bytes(root, sha, page)
                .map_err(|reason| Error::Refused { file: name.clone(), reason })
                .and_then(|bytes| crate::pdf::Photo::from_bytes(&bytes, &name));
            match photo {
                Ok(p) => {
                    photos.insert((x.number, page), p);
                }
                Err(e) => warnings.push(lang.f("warning.not_shown", &[("exhibit", &x.label()), ("error", &e)])),
            }
        }
    }
}

/// Reads every PDF exhibit so that its pages can follow the appendix; one that cannot be read is
/// named in a warning and listed by name and size instead.
pub(super) fn load_documents(
    store: &Store,
    data: &data::Data,
    job: &Job,
    warnings: &mut Vec<String>,
) -> Result<Vec<(usize, crate::pdf::Appendix)>> {
    let mut out = Vec::new();
    for x in data
        .exhibits
        .iter()
        .filter(|x| x.sha256.is_some() && x.mime == "application/pdf")
    {
        job.check()?;
        let name = if x.original_name.is_empty() {
            x.title.clone()
        } else {
            x.original_name.clone()
        };
        // A PDF repaired at import is merged from its repaired copy (see `evidence::pdfcheck`).
        let parsed = crate::evidence::pdfcheck::merge_bytes(store.root(), x.sha256.as_deref().unwrap_or_default())
            .map_err(|reason| Error::Refused { file: name.clone(), reason })
            .and_then(|bytes| crate::pdf::Appendix::parse(&bytes, &name, &pages::document_anchor(x.number)));
        match parsed {
            Ok(a) => {
                // A file that merely was not saved as PDF/A takes the claim away without a warning:
                // most evidence PDFs are such files, and nothing in them is wrong for the panel.
                // A file with something PDF/A forbids is named, with what to do.
                if let Some(blocker) = a.archival_blocker().filter(|b| *b != crate::pdf::Blocker::NotDeclared) {
                    let reason = data.lang.t(&format!("archival.{}", blocker.code()));
                    warnings.push(data.lang.f("warning.not_archival", &[("exhibit", &x.label()), ("reason", &reason)]));
                }
                out.push((x.number, a))
            }
            Err(e) => warnings.push(data.lang.f(
                "warning.pages_not_added",
                &[("exhibit", &x.label()), ("error", &e)],
            )),
        }
    }
    Ok(out)
}

/// Reads every Word, PowerPoint and OpenDocument exhibit and prepares its pictures (re-encoded
/// without metadata), on every core; one that cannot be read is named in a warning with what to do,
/// and listed by name and size instead.
pub(super) fn load_copies(store: &Store, data: &data::Data, job: &Job, warnings: &mut Vec<String>) -> Result<reading_copy::Copies> {
    let wanted: Vec<&crate::evidence::Exhibit> = data
        .exhibits
        .iter()
        .filter(|x| x.sha256.is_some() && crate::office::classify(&x.mime).is_some())
        .collect();
    let root = store.root().to_path_buf();
    let results = job.map_on_cores(&wanted, |x| {
        let path = crate::evidence::blobs::path(&root, x.sha256.as_deref().unwrap_or_default());
        let copy = std::fs::read(&path)
            .map_err(|e| crate::office::Problem::Damaged(format!("the stored file cannot be read ({e})")))
            // A reader that panics on this file costs its reading copy, not the export.
            .and_then(|bytes| {
                std::panic::catch_unwind(|| crate::office::read_as(&bytes, &x.mime)).unwrap_or_else(|_| {
                    Err(crate::office::Problem::Damaged("the app met something in it that it could not read".into()))
                })
            })
            .map(|content| {
                let objects = content.objects_not_shown();
                (reading_copy::ReadingCopy::new(content, crate::evidence::document_pictures::reading_copy_picture), objects)
            });
        (x.number, copy)
    })?;
    let mut copies = reading_copy::Copies::default();
    for ((number, copy), x) in results.into_iter().zip(&wanted) {
        match copy {
            Ok((c, objects)) => {
                // Embedded objects shown only as a note: the export says which exhibit has them.
                if objects > 0 {
                    warnings.push(data.lang.f(
                        "copy.warning_objects_not_shown",
                        &[("exhibit", &x.label()), ("file", &x.original_name), ("n", &objects)],
                    ));
                }
                copies.insert(number, c)
            }
            Err(problem) => warnings.push(data.lang.f(
                "copy.warning_not_readable",
                &[("exhibit", &x.label()), ("file", &x.original_name), ("problem", &problem)],
            )),
        }
    }
    Ok(copies)
}
