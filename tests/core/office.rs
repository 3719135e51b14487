//! Word, PowerPoint and OpenDocument files as the panel reads them: real files made by LibreOffice
//! (tests/fixtures/office, see its README) are added as evidence, the portfolio is exported, and
//! the PDF is read back with poppler (pdftotext, pdfimages), mupdf (mutool) and exiftool.
//!
//! These tools come from Debian's poppler-utils, mupdf-tools and libimage-exiftool-perl; `./run
//! test` installs them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use sanctuary::evidence::{self, Filter, ImportOptions, ImportReport};
use sanctuary::job::Job;
use sanctuary::office::{self, Block, Content, Format, Problem};
use sanctuary::portfolio::{self, ExportOptions, ExportReport};
use sanctuary::Store;

use crate::support::{now, tempdir};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/office").join(name)
}

fn tool(name: &str, args: &[&str]) -> String {
    let package = match name {
        "mutool" => "mupdf-tools",
        "exiftool" => "libimage-exiftool-perl",
        _ => "poppler-utils",
    };
    let o = match Command::new(name).args(args).output() {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            panic!("`{name}` is not installed; install the Debian package `{package}`")
        }
        Err(e) => panic!("cannot run {name}: {e}"),
    };
    assert!(o.status.success(), "{name} {args:?} failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Text with runs of white space made single spaces, so that line breaks do not matter.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A data folder with `files` added (consent given, so every item is an exhibit).
fn library(dir: &Path, files: &[&str]) -> (Store, ImportReport) {
    let mut store = Store::open(&dir.join("data")).unwrap();
    let paths: Vec<PathBuf> = files.iter().map(|f| fixture(f)).collect();
    let opts = ImportOptions { consent: Some(sanctuary::evidence::Consent::Given), ..ImportOptions::default() };
    let report = evidence::import(&mut store, &paths, &opts, &Job::silent(), now()).unwrap();
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    (store, report)
}

fn export(store: &Store, dir: &Path) -> (PathBuf, ExportReport) {
    let out = dir.join("portfolio.pdf");
    let report = portfolio::export(store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    (out, report)
}

/// Asserts every needle is in `hay`, in this order.
fn in_order(hay: &str, needles: &[&str]) {
    let mut at = 0;
    for n in needles {
        match hay[at..].find(n) {
            Some(i) => at += i + n.len(),
            None => panic!("{n:?} is missing or out of order after byte {at} in:\n{hay}"),
        }
    }
}

fn absent(hay: &str, needles: &[&str]) {
    for n in needles {
        assert!(!hay.contains(n), "{n:?} must not reach the panel:\n{hay}");
    }
}

/// Pictures in the PDF (pdfimages -list rows) and whether any extracted one carries GPS or
/// camera data.
fn pictures_without_gps(pdf: &Path, dir: &Path) -> usize {
    let list = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
    let rows = list.lines().skip(2).filter(|l| !l.trim().is_empty()).count();
    let prefix = dir.join("img");
    tool("pdfimages", &["-j", pdf.to_str().unwrap(), prefix.to_str().unwrap()]);
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if !p.file_name().unwrap().to_string_lossy().starts_with("img") {
            continue;
        }
        let tags = tool("exiftool", &["-a", "-G1", p.to_str().unwrap()]);
        assert!(!tags.contains("[GPS]") && !tags.contains("GPS Latitude"), "{} carries GPS:\n{tags}", p.display());
        assert!(!tags.contains("GPSMaker") && !tags.contains("TestCam"), "{} carries camera data:\n{tags}", p.display());
        checked += 1;
    }
    assert_eq!(checked, rows, "every picture in the PDF was checked");
    rows
}

/// Pages whose text holds `needle`.
fn pages_with(pdf: &Path, needle: &str) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .unwrap();
    (1..=pages)
        .filter(|p| {
            let p = p.to_string();
            flat(&tool("pdftotext", &["-f", &p, "-l", &p, pdf.to_str().unwrap(), "-"])).contains(needle)
        })
        .count()
}

const LESSON_TEXT: &[&str] = &[
    "Scheme of work: Journeys",
    "Pupils in Year 5 learn why people leave their homes. This unit runs for six weeks in the spring term.",
    "We read stories together and inserted final wording.",
    "Learning aims",
    "Understand the words refugee and asylum seeker",
    "Hear stories of people seeking sanctuary",
    "1. First read the picture book",
    "2. Then write a welcome letter",
    "Weekly plan",
    "Our class picture:",
    "Second page starts here after a page break.",
    "Croeso i bawb. Ласкаво просимо до нашої школи.",
    "مرحبا بكم في مدرستنا",
];

/// The table's cells: present, though pdftotext may give a table's columns one after another.
const CELLS: &[&str] = &["Week", "Topic", "Outcome", "One", "Why people move", "Two", "Welcome in many languages"];

const NEVER: &[&str] = &[
    "Reviewer comment never printed",
    "Deleted draft wording",
    "Secret Author Name",
    "Last Editor Name",
    "Reviewer Rhys",
    "Ms Reviewer",
    "Speaker notes never printed",
    "Hidden slide never printed",
];

fn check_lesson(file: &str) {
    let dir = tempdir();
    let (store, report) = library(dir.path(), &[file]);
    assert!(report.unreadable.is_empty(), "{:?}", report.unreadable);
    let item = &evidence::list(&store, &Filter::default()).unwrap()[0];
    assert_eq!(item.reading_problem, None);
    let pages = item.page_count.expect("the pages of the reading copy are counted at import") as usize;
    assert!(pages >= 2, "the page break makes at least two pages, got {pages}");

    let (pdf, export) = export(&store, dir.path());
    assert!(export.warnings.is_empty(), "{:?}", export.warnings);
    let text = flat(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    let note = format!("Reading copy of {file}, {pages} pages");
    let end = format!("End of the reading copy of {file}");
    let mut expected: Vec<&str> = vec![&note];
    expected.extend(LESSON_TEXT);
    expected.push(&end);
    in_order(&text, &expected);
    for cell in CELLS {
        assert!(text.contains(cell), "the cell {cell:?} is missing:\n{text}");
    }
    absent(&text, NEVER);
    // The table's long cell wraps inside its column, and mixed scripts in a cell survive.
    assert!(text.contains("A class map of journeys with a long"), "{text}");
    assert!(text.contains("Croeso, Ласкаво просимо"), "{text}");
    // Document properties are not in the PDF's own metadata either.
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    absent(&info, NEVER);
    // The number told at import is the number of pages the copy takes in the export.
    assert_eq!(pages_with(&pdf, &format!("E1 · Reading copy of {file}")), pages);
    // The picture is there, without the GPS and camera tags the original carries.
    assert_eq!(pictures_without_gps(&pdf, dir.path()), 1);
    // Headings are bookmarks under the exhibit, nested by level.
    let outline = tool("mutool", &["show", pdf.to_str().unwrap(), "outline"]);
    let indent = |title: &str| {
        let line = outline.lines().find(|l| l.contains(title)).unwrap_or_else(|| panic!("no bookmark {title:?} in\n{outline}"));
        line.len() - line.trim_start_matches(['\t', ' ', '|', '+', '-']).len()
    };
    assert!(indent("Scheme of work: Journeys") > indent("E1 "), "{outline}");
    assert!(indent("Learning aims") > indent("Scheme of work: Journeys"), "{outline}");
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF back with poppler, mupdf and exiftool, Linux tools; runs_keep_bold_and_italic_and_skip_deletions_comments_and_hidden_text checks the reading on Windows")]
fn a_word_document_becomes_a_reading_copy_without_comments_deletions_or_gps() {
    check_lesson("lesson.docx");
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF back with poppler, mupdf and exiftool, Linux tools")]
fn an_opendocument_text_becomes_the_same_reading_copy() {
    check_lesson("lesson.odt");
}

fn check_assembly(file: &str) {
    let dir = tempdir();
    let (store, report) = library(dir.path(), &[file]);
    assert!(report.unreadable.is_empty(), "{:?}", report.unreadable);
    let item = &evidence::list(&store, &Filter::default()).unwrap()[0];
    let pages = item.page_count.expect("counted at import") as usize;
    let (pdf, export) = export(&store, dir.path());
    assert!(export.warnings.is_empty(), "{:?}", export.warnings);
    let text = flat(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    in_order(
        &text,
        &[
            "Refugee Week assembly",
            "Top box read first",
            "with a second line",
            "Bottom box read last",
            "Our welcome display",
            "Flags made by pupils",
            "Words of welcome",
            "What we will do next",
            "Invite a speaker from the local refugee charity",
        ],
    );
    absent(&text, NEVER);
    for n in ["Slide 1", "Slide 2", "Slide 3"] {
        assert!(text.contains(n), "{n} is missing: {text}");
    }
    assert!(!text.contains("Slide 4"), "the hidden slide is not counted: {text}");
    assert_eq!(pages, 1, "three short slides share one page");
    assert_eq!(pages_with(&pdf, &format!("E1 · Reading copy of {file}")), pages);
    assert_eq!(pictures_without_gps(&pdf, dir.path()), 1);
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF back with poppler, a Linux tool")]
fn a_powerpoint_becomes_slide_panels_without_notes_or_hidden_slides() {
    check_assembly("assembly.pptx");
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF back with poppler, a Linux tool")]
fn an_opendocument_presentation_becomes_the_same_panels() {
    check_assembly("assembly.odp");
}

#[test]
#[cfg_attr(windows, ignore = "pdftotext is a Linux tool")]
fn protected_and_legacy_files_are_kept_and_say_what_to_do() {
    let dir = tempdir();
    let (store, report) = library(dir.path(), &["locked.docx", "lesson.doc"]);
    assert_eq!(report.added.len(), 2, "both are kept as evidence");
    assert_eq!(report.unreadable.len(), 2, "{:?}", report.unreadable);
    for u in &report.unreadable {
        assert!(u.reason.contains("save it as .docx or PDF and add it again"), "{u:?}");
    }
    let locked = report.unreadable.iter().find(|u| u.file == "locked.docx").unwrap();
    assert!(locked.reason.contains("password"), "{locked:?}");
    let items = evidence::list(&store, &Filter::default()).unwrap();
    let problem = |name: &str| items.iter().find(|i| i.original_name == name).unwrap().reading_problem.clone();
    assert_eq!(problem("locked.docx").as_deref(), Some("encrypted"));
    assert_eq!(problem("lesson.doc").as_deref(), Some("legacy"));
    assert_eq!(items.iter().find(|i| i.original_name == "lesson.doc").unwrap().mime.as_deref(), Some("application/msword"));

    // The Readiness screen lists both, with the same advice.
    let ready = sanctuary::readiness::report(&store, now().date_naive()).unwrap();
    let gaps: Vec<_> = ready.missing.iter().filter(|g| g.code == "unreadable_document").collect();
    assert_eq!(gaps.len(), 2, "{:?}", ready.missing);
    assert!(gaps.iter().all(|g| g.message.contains("save it as .docx or PDF")));
    assert!(gaps.iter().any(|g| g.file.as_deref() == Some("lesson.doc")));

    // The export still lists them by name, and says why there is no reading copy.
    let (pdf, export) = export(&store, dir.path());
    assert_eq!(export.warnings.len(), 2, "{:?}", export.warnings);
    let text = flat(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    assert!(text.contains("File: locked.docx") && text.contains("File: lesson.doc"), "{text}");
    absent(&text, LESSON_TEXT);
}

/// A zip with the given entries, stored deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            z.start_file(*name, opts).unwrap();
            z.write_all(bytes).unwrap();
        }
        z.finish().unwrap();
    }
    out.into_inner()
}

const RELS: &[u8] = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

fn docx_with_body(body: &str) -> Vec<u8> {
    let doc = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip_of(&[("_rels/.rels", RELS), ("word/document.xml", doc.as_bytes())])
}

#[test]
fn a_zip_bomb_or_a_huge_xml_part_gives_a_clear_error() {
    // 80 MB of spaces inside the document part packs to well under 1 MB.
    let mut huge = b"<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">".to_vec();
    huge.resize(80 * 1024 * 1024, b' ');
    let bomb = zip_of(&[("_rels/.rels", RELS), ("word/document.xml", &huge)]);
    assert!(bomb.len() < 1024 * 1024);
    let err = office::read(&bomb, Format::Docx).unwrap_err();
    assert_eq!(err.code(), "too_large", "{err}");
    assert!(err.message().contains("save it as .docx or PDF"), "{err}");

    // Millions of tiny elements hit the node limit instead of filling memory.
    let many = "<w:p/>".repeat(4_100_000);
    let err = office::read(&docx_with_body(&many), Format::Docx).unwrap_err();
    assert_eq!(err.code(), "too_large", "{err}");

    // A DTD (the way to an entity-expansion bomb) is refused outright.
    let dtd = zip_of(&[
        ("_rels/.rels", RELS),
        ("word/document.xml", b"<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a \"aaaa\">]><w:document/>"),
    ]);
    assert_eq!(office::read(&dtd, Format::Docx).unwrap_err().code(), "damaged");

    // Not a zip at all.
    assert_eq!(office::read(b"hello, not a document", Format::Docx).unwrap_err().code(), "damaged");
}

#[test]
fn runs_keep_bold_and_italic_and_skip_deletions_comments_and_hidden_text() {
    let body = r#"<w:p><w:r><w:t xml:space="preserve">plain </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>bold</w:t></w:r><w:r><w:rPr><w:i/><w:b w:val="0"/></w:rPr><w:t xml:space="preserve"> italic</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:ins><w:r><w:t xml:space="preserve"> added</w:t></w:r></w:ins><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r><w:r><w:commentReference w:id="1"/></w:r></w:p>"#;
    let content = office::read(&docx_with_body(body), Format::Docx).unwrap();
    let Content::Flow(blocks) = content else { panic!("a flowing document") };
    let Block::Paragraph { runs } = &blocks[0] else { panic!("{blocks:?}") };
    let summary: Vec<(&str, bool, bool)> = runs.iter().map(|r| (r.text.as_str(), r.bold, r.italic)).collect();
    assert_eq!(summary, vec![("plain ", false, false), ("bold", true, false), (" italic", false, true), (" added", false, false)]);
}

#[test]
fn problems_have_stable_codes_and_plain_advice() {
    for p in [Problem::Encrypted, Problem::Legacy, Problem::Damaged("x".into()), Problem::TooLarge("y".into())] {
        assert_eq!(Problem::from_code(p.code()).map(|q| q.code()), Some(p.code()));
        assert!(p.message().contains("save it as .docx or PDF and add it again"), "{p}");
    }
    assert!(Problem::Spreadsheet.message().contains("save it as PDF"));
}
