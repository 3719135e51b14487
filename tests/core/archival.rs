//! The exports as archival, identifiable PDFs: checked by an independent validator (`page`, on PyPI
//! as page-validation, in the venv `./run test` makes at `.cache/pdfcheck`) against PDF/A-2 and
//! the PDF/UA-1 rules this side owns (XMP identification, every glyph mapped to Unicode), and read
//! back with lopdf for what the validator does not say: the claimed level, the language, /Info and
//! XMP agreeing, and the warning a merged PDF that prevents PDF/A gets.
//!
//! Without the venv the validator tests are skipped with a message, except under CI (`CI=true`),
//! where a missing validator fails them.

use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::{dictionary, Document, Object, Stream};
use sanctuary::evidence::{self, ImportOptions};
use sanctuary::i18n::Lang;
use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions, ExportReport, Part};
use sanctuary::Store;

use crate::support::{demo_store, now, tempdir};

/// The venv's Python with `page` installed, or None (after saying so) when it is missing outside CI.
fn validator() -> Option<PathBuf> {
    let venv = std::env::var_os("SANCTUARY_PDFCHECK")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".cache/pdfcheck"));
    let python = venv.join("bin/python");
    let works = python.exists()
        && Command::new(&python).args(["-c", "import page"]).status().is_ok_and(|s| s.success());
    if works {
        return Some(python);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "the PDF validator is missing at {} (./run test installs page-validation there)",
        venv.display()
    );
    eprintln!("skipped: no PDF validator at {} (./run test installs it)", venv.display());
    None
}

/// The failed rules of `pdf` under `profile` ("2b", "2a", "ua1"), each as "RULE-ID message".
fn failures(python: &Path, pdf: &Path, profile: &str) -> Vec<String> {
    let script = "import sys, page\n\
                  r = page.validate_pdf(sys.argv[1], profile=sys.argv[2])\n\
                  for f in r.failures: print(f.rule_id, f.message.replace('\\n', ' '))\n\
                  print('compliant' if r.is_compliant else 'not compliant')\n";
    let out = Command::new(python).args(["-c", script]).arg(pdf).arg(profile).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let verdict = lines.pop().unwrap_or_default();
    assert_eq!(verdict == "compliant", lines.is_empty(), "{text}");
    lines.sort();
    lines.dedup();
    lines
}

/// The PDF/UA-1 rules this side is answerable for; the rest (tagging) are the structure tree's.
fn ours(rule: &str) -> bool {
    ["PDFUA1-ID-", "PDFUA1-METADATA-", "PDFUA1-FONT-"].iter().any(|p| rule.starts_with(p))
}

fn export(store: &Store, out: &Path, part: Part, language: Lang) -> ExportReport {
    let mut opts = ExportOptions::new(out.to_path_buf(), now());
    opts.part = part;
    opts.language = language;
    portfolio::export(store, &opts, &Job::silent()).unwrap()
}

/// The catalog's XMP packet as text.
fn xmp(pdf: &Path) -> String {
    let doc = Document::load(pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let id = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let stream = doc.get_object(id).unwrap().as_stream().unwrap();
    assert_eq!(stream.dict.get(b"Type").unwrap().as_name().unwrap(), b"Metadata");
    assert_eq!(stream.dict.get(b"Subtype").unwrap().as_name().unwrap(), b"XML");
    assert!(stream.dict.get(b"Filter").is_err(), "the packet is left uncompressed");
    String::from_utf8(stream.content.clone()).unwrap()
}

fn tagged(pdf: &Path) -> bool {
    Document::load(pdf).unwrap().catalog().unwrap().has(b"StructTreeRoot")
}

/// Validates `pdf` as PDF/A-2 (level A once the pages are tagged, B until then) and checks the
/// PDF/UA-1 rules of ours, or all of them once tagged.
fn assert_archival(python: &Path, pdf: &Path) {
    let level = if tagged(pdf) { "2a" } else { "2b" };
    let failed = failures(python, pdf, level);
    assert!(failed.is_empty(), "{} fails PDF/A-{level}: {failed:#?}", pdf.display());
    let ua: Vec<String> = failures(python, pdf, "ua1")
        .into_iter()
        .filter(|f| tagged(pdf) || ours(f))
        .collect();
    assert!(ua.is_empty(), "{} fails PDF/UA-1: {ua:#?}", pdf.display());
}

/// The demo with the pack's kinds of document: a merged PDF made by other software and a Word file.
fn store_with_documents(dir: &Path, pdfs: &[PathBuf]) -> Store {
    let mut store = demo_store(dir);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let opts = ImportOptions { consent: Some(sanctuary::evidence::Consent::Given), ..ImportOptions::default() };
    let mut files: Vec<PathBuf> = pdfs.to_vec();
    files.push(fixtures.join("office/lesson.docx"));
    for file in files {
        let report = evidence::import(&mut store, &[file], &opts, &Job::silent(), now()).unwrap();
        assert!(report.refused.is_empty(), "{:?}", report.refused);
    }
    evidence::add_quote(&mut store, "المدرسة بيتنا الثاني، أهلاً وسهلاً", "Year 6 pupil", &[], now()).unwrap();
    store
}

fn spec_pdf() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/spec-2pages.pdf")
}

/// A one-page PDF that draws with Helvetica without embedding it, as many older tools write.
fn unembedded_font_pdf(path: &Path) {
    let mut doc = Document::with_version("1.4");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica"});
    let content = doc.add_object(Stream::new(dictionary! {}, b"BT /F1 24 Tf 72 700 Td (Minutes of the meeting) Tj ET".to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Contents" => content,
        "Resources" => dictionary! {"Font" => dictionary! {"F1" => font}},
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {"Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1}),
    );
    let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
    doc.trailer.set("Root", catalog);
    doc.save(path).unwrap();
}

#[test]
fn the_application_alone_is_pdf_a_in_english_and_welsh() {
    let dir = tempdir();
    let store = demo_store(dir.path());
    let en = dir.path().join("application.pdf");
    let cy = dir.path().join("cais.pdf");
    let report = export(&store, &en, Part::Application, Lang::En);
    assert!(report.warnings.iter().all(|w| !w.contains("PDF/A")), "{:?}", report.warnings);
    export(&store, &cy, Part::Application, Lang::Cy);
    for (pdf, lang) in [(&en, "en-GB"), (&cy, "cy")] {
        let x = xmp(pdf);
        assert!(x.contains(&format!("<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li>")), "{x}");
        let level = if tagged(pdf) { "A" } else { "B" };
        assert!(x.contains(&format!("<pdfaid:conformance>{level}</pdfaid:conformance>")), "{x}");
        assert!(x.contains("<pdfuaid:part>1</pdfuaid:part>"), "{x}");
        // PDF/A: the Info dictionary and the packet say the same.
        let doc = Document::load(pdf).unwrap();
        let info_id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
        let info = doc.get_dictionary(info_id).unwrap();
        let title = lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap();
        assert!(x.contains(&format!("<rdf:li xml:lang=\"x-default\">{title}</rdf:li>")), "{title} / {x}");
        assert!(x.contains("<xmp:CreateDate>2026-11-23T10:00:00Z</xmp:CreateDate>"), "{x}");
        let date = info.get(b"CreationDate").unwrap().as_str().unwrap();
        assert_eq!(date, b"D:20261123100000Z");
        // The output intent's profile is an RGB one.
        let intents = doc.catalog().unwrap().get(b"OutputIntents").unwrap().as_array().unwrap();
        let intent = doc.get_dictionary(intents[0].as_reference().unwrap()).unwrap();
        assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFA1");
        let icc = doc.get_object(intent.get(b"DestOutputProfile").unwrap().as_reference().unwrap()).unwrap();
        assert_eq!(icc.as_stream().unwrap().dict.get(b"N").unwrap().as_i64().unwrap(), 3);
    }
    let Some(python) = validator() else { return };
    assert_archival(&python, &en);
    assert_archival(&python, &cy);
}

#[test]
fn the_evidence_pack_and_a_portfolio_with_a_merged_pdf_are_pdf_a_2b() {
    let dir = tempdir();
    // A document saved as PDF/A by other means: here the application this app exported, which says
    // so in its own metadata (a file that does not is not vouched for, see below).
    let saved_as_pdf_a = dir.path().join("last-years-application.pdf");
    export(&demo_store(&dir.path().join("earlier")), &saved_as_pdf_a, Part::Application, Lang::En);
    let store = store_with_documents(dir.path(), &[saved_as_pdf_a]);
    let pack = dir.path().join("pack.pdf");
    let whole = dir.path().join("portfolio.pdf");
    let report = export(&store, &pack, Part::Evidence, Lang::En);
    assert!(report.warnings.iter().all(|w| !w.contains("PDF/A")), "{:?}", report.warnings);
    export(&store, &whole, Part::All, Lang::En);
    for pdf in [&pack, &whole] {
        // The merged pages are not ours to tag: level B at most.
        assert!(xmp(pdf).contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    }
    let Some(python) = validator() else { return };
    for pdf in [&pack, &whole] {
        let failed = failures(&python, pdf, "2b");
        assert!(failed.is_empty(), "{} fails PDF/A-2b: {failed:#?}", pdf.display());
        let ua: Vec<String> = failures(&python, pdf, "ua1").into_iter().filter(|f| ours(f)).collect();
        assert!(ua.is_empty(), "{} fails PDF/UA-1: {ua:#?}", pdf.display());
    }
}

#[test]
fn a_merged_pdf_without_its_fonts_takes_the_pdf_a_claim_away_and_says_which_and_why() {
    let dir = tempdir();
    let minutes = dir.path().join("minutes.pdf");
    unembedded_font_pdf(&minutes);
    let store = store_with_documents(dir.path(), &[minutes]);
    let refs = portfolio::exhibits(&store).unwrap();
    let whole = dir.path().join("portfolio.pdf");
    let report = export(&store, &whole, Part::All, Lang::En);
    let warning = report
        .warnings
        .iter()
        .find(|w| w.contains("PDF/A"))
        .unwrap_or_else(|| panic!("no PDF/A warning in {:?}", report.warnings));
    assert!(warning.contains("fonts that are not inside the file"), "{warning}");
    let minutes = refs.iter().find(|r| r.title.contains("minutes")).expect("the merged PDF is an exhibit");
    assert!(warning.starts_with(&minutes.label), "the warning names the exhibit: {warning} ({minutes:?})");
    let x = xmp(&whole);
    assert!(!x.contains("pdfaid:"), "no PDF/A claim: {x}");
    assert!(x.contains("<pdfuaid:part>1</pdfuaid:part>"), "{x}");

    let cy = dir.path().join("portffolio.pdf");
    let report = export(&store, &cy, Part::All, Lang::Cy);
    assert!(
        report.warnings.iter().any(|w| w.contains("PDF/A-2b") && w.contains("ffontiau")),
        "{:?}",
        report.warnings
    );
}

/// The whole portfolio: the demo's photos and feedback table, quotes in three scripts
/// (Arabic, Cyrillic, Ethiopic), a Word file's reading copy and a web link with its QR code, with no
/// PDF from elsewhere merged in. Every rule of PDF/UA-1 and of PDF/A-2a holds, as the independent
/// validator reads them. (A Chinese quote does not yet: see the README's "Archival PDF".)
#[test]
fn a_whole_portfolio_of_photos_quotes_a_word_file_and_a_link_passes_ua1_and_2a() {
    let dir = tempdir();
    // The whole demo, photos included (`demo_store` leaves them out).
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    sanctuary::demo::load(&mut store, now(), false).unwrap();
    let opts = ImportOptions { consent: Some(sanctuary::evidence::Consent::Given), ..ImportOptions::default() };
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let report = evidence::import(&mut store, &[fixtures.join("office/lesson.docx")], &opts, &Job::silent(), now()).unwrap();
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    evidence::add_quote(&mut store, "المدرسة بيتنا الثاني، أهلاً وسهلاً", "Year 6 pupil", &[], now()).unwrap();
    evidence::add_quote(&mut store, "Тут мене зустріли як друга", "A parent", &[], now()).unwrap();
    evidence::add_quote(&mut store, "ኣብዚ ቤት ትምህርቲ ብሰላም ተቐቢሎምና", "Year 4 pupil", &[], now()).unwrap();
    let link = evidence::NewLink { url: "https://www.example.org/refugee-week".into(), title: "Our Refugee Week".into(), ..Default::default() };
    evidence::add_link(&mut store, &link, now()).unwrap();
    let whole = dir.path().join("whole.pdf");
    export(&store, &whole, Part::All, Lang::En);
    let text = crate::support::pdftotext(&[whole.to_str().unwrap(), "-"]);
    for words in ["ተቐቢሎምና", "Our Refugee Week", "Feedback"] {
        assert!(text.contains(words), "the portfolio prints {words}");
    }
    assert!(xmp(&whole).contains("<pdfaid:conformance>A</pdfaid:conformance>"));
    let Some(python) = validator() else { return };
    for profile in ["ua1", "2a"] {
        let failed = failures(&python, &whole, profile);
        assert!(failed.is_empty(), "the whole portfolio fails {profile}: {failed:#?}");
    }
}

/// A merged PDF in which nothing forbidden is found, but which was not saved as PDF/A (as most
/// files from elsewhere are not): its fonts cannot be vouched for, so the portfolio makes no PDF/A
/// claim. Real files from Debian's documentation, merged in, fail the validator's font rules
/// (glyphs missing, widths that disagree) that no scan of their dictionaries can see. Nothing in
/// such a file is wrong for the panel, so the export does not warn about it.
#[test]
fn a_merged_pdf_not_saved_as_pdf_a_takes_the_claim_away() {
    let dir = tempdir();
    let store = store_with_documents(dir.path(), &[spec_pdf()]);
    let whole = dir.path().join("portfolio.pdf");
    let report = export(&store, &whole, Part::All, Lang::En);
    assert!(report.warnings.iter().all(|w| !w.contains("PDF/A")), "{:?}", report.warnings);
    let x = xmp(&whole);
    assert!(!x.contains("pdfaid:"), "no PDF/A claim: {x}");
    assert!(x.contains("<pdfuaid:part>1</pdfuaid:part>"), "{x}");
    // The application alone merges nothing, and stays PDF/A.
    let alone = dir.path().join("application.pdf");
    let report = export(&store, &alone, Part::Application, Lang::En);
    assert!(report.warnings.iter().all(|w| !w.contains("PDF/A")), "{:?}", report.warnings);
    assert!(xmp(&alone).contains("<pdfaid:part>2</pdfaid:part>"));
}
