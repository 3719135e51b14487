//! The application alone as a Word file (`export --part application --out FILE.docx`), for a school
//! that wants to edit the wording before it sends it: headings per strand and criterion, the
//! accounts, and exhibit references as plain text with their titles. It says what the PDF
//! application says (the same `pages::blocks`), in Word's own heading styles so the document's
//! navigation pane and a table of contents work.

use docx_rs::{AlignmentType, Docx, Paragraph, Run, Style, StyleType};

use super::pages::{self, Block, Refs};
use super::{load, school_name, ExportOptions, ExportReport};
use crate::atomic::AtomicFile;
use crate::error::{Error, Result};
use crate::job::Job;
use crate::store::Store;

/// The accent colour of the PDF's headings, as Word writes colours.
const ACCENT: &str = "005C66";
const MUTED: &str = "616B78";

/// Writes the application to `opts.out` as a .docx, atomically.
pub(super) fn export_application(store: &Store, opts: &ExportOptions, job: &Job) -> Result<ExportReport> {
    let steps = 3;
    let lang = opts.language;
    job.check()?;
    job.report(lang.t("stage.reading"), 0, steps);
    let data = load(store, opts)?;
    job.check()?;
    job.report(lang.t("stage.laying_out"), 1, steps);
    let school = school_name(&data);
    let date = opts.now.date_naive();
    let mut doc = styled(Docx::new())
        .created_at(&opts.now.to_rfc3339())
        .updated_at(&opts.now.to_rfc3339())
        .add_paragraph(styled_text("Title", &lang.f("part.application_title", &[("school", &school)])))
        .add_paragraph(muted(&pages::cover_details(&data, date)))
        .add_paragraph(styled_text("Heading1", lang.t("section.application")))
        .add_paragraph(muted(lang.t("part.application_intro")));
    for block in pages::blocks(&data, Refs::Titled) {
        match block {
            Block::Strand { name, summary, .. } => {
                doc = doc.add_paragraph(styled_text("Heading2", &name));
                if !summary.is_empty() {
                    doc = doc.add_paragraph(muted(&summary));
                }
            }
            Block::Criterion { heading, summary, status, .. } => {
                doc = doc.add_paragraph(styled_text("Heading3", &heading));
                if !summary.is_empty() {
                    doc = doc.add_paragraph(muted(&summary));
                }
                doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(status).bold().color(MUTED)));
            }
            Block::Account { title, paragraphs, empty } => {
                doc = doc.add_paragraph(styled_text("Heading4", &title));
                if paragraphs.is_empty() {
                    doc = doc.add_paragraph(muted(&empty));
                }
                for p in paragraphs {
                    doc = doc.add_paragraph(text(&p));
                }
            }
        }
    }
    // Pages of the application as the PDF lays it out: Word's own count depends on its fonts.
    let pages = pages::application_pages(&data, date).ceil() as usize;
    job.check()?;
    job.report(lang.t("stage.writing"), 2, steps);
    let mut file = AtomicFile::create(&opts.out)?;
    doc.build()
        .pack(file.file())
        .map_err(|e| Error::Invalid(format!("the Word file could not be written ({e})")))?;
    // The last chance to stop: dropping the unfinished file removes it.
    job.check()?;
    file.commit()?;
    let bytes = std::fs::metadata(&opts.out).map_err(|e| Error::io("cannot read", &opts.out, e))?.len();
    job.report(lang.t("stage.done"), steps, steps);
    Ok(ExportReport { path: opts.out.clone(), bytes, pages, left_out: data.left_out, warnings: Vec::new() })
}

/// Word's built-in title and heading styles, sized and coloured like the PDF's.
fn styled(doc: Docx) -> Docx {
    let heading = |id: &str, name: &str, half_points: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .size(half_points)
            .bold()
            .color(ACCENT)
            .outline_lvl(level)
    };
    doc.default_size(21)
        .add_style(heading("Title", "Title", 30, 0).outline_lvl(9))
        .add_style(heading("Heading1", "heading 1", 40, 0))
        .add_style(heading("Heading2", "heading 2", 30, 1))
        .add_style(heading("Heading3", "heading 3", 27, 2))
        .add_style(heading("Heading4", "heading 4", 21, 3).color("212630"))
}

/// A paragraph of body text; lines the writer broke by hand stay broken.
fn text(body: &str) -> Paragraph {
    lines(Paragraph::new(), body, |r| r)
}

fn muted(body: &str) -> Paragraph {
    lines(Paragraph::new(), body, |r| r.color(MUTED).size(18))
}

fn styled_text(style: &str, body: &str) -> Paragraph {
    lines(Paragraph::new().style(style).align(AlignmentType::Left), body, |r| r)
}

fn lines(mut p: Paragraph, body: &str, style: impl Fn(Run) -> Run) -> Paragraph {
    for (i, line) in body.split('\n').enumerate() {
        let mut run = Run::new();
        if i > 0 {
            run = run.add_break(docx_rs::BreakType::TextWrapping);
        }
        p = p.add_run(style(run.add_text(line)));
    }
    p
}
