//! The application alone as a PDF (`export --part application`): what the panel's page limit
//! counts, with no photos, appendix, plan or feedback, so it needs none of the evidence files.

use super::{pages, part_metadata, unprintable, write_pdf, ExportOptions, ExportReport};
use crate::error::Result;
use crate::job::Job;
use crate::store::Store;

/// Writes the application alone to `opts.out`, atomically.
pub(super) fn export_application(store: &Store, opts: &ExportOptions, job: &Job) -> Result<ExportReport> {
    let steps = 3;
    let lang = opts.language;
    let data = super::read_for_layout(store, opts, job, steps)?;
    let (layout, outline) = pages::application_only(&data, opts.now.date_naive());
    let warnings = unprintable::warnings(lang, &data.exhibits, &layout.unprintable());
    let meta = part_metadata(&data, opts, "application");
    let (pages, bytes) = write_pdf(layout, &meta, &outline, Vec::new(), opts, job, 1, steps)?;
    Ok(ExportReport { path: opts.out.clone(), bytes, pages, left_out: data.left_out, warnings })
}
