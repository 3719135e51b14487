//! The application alone, the evidence pack alone and the application as Word (`export --part`):
//! what each holds and leaves out, the exhibit numbers they share, the application's page count
//! against the window's length bar, and the Word file read back (its XML, and LibreOffice's PDF
//! of it against the application PDF).

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use sanctuary::evidence::{self, ImportOptions};
use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions, Part};
use sanctuary::Store;
use unicode_normalization::UnicodeNormalization;

use crate::support::{cli, demo_store, now, stderr, stdout, tempdir};
use super::{flat, ok};

fn export_part(store: &Store, out: &Path, part: Part) -> portfolio::ExportReport {
    let mut opts = ExportOptions::new(out.to_path_buf(), now());
    opts.part = part;
    portfolio::export(store, &opts, &Job::silent()).unwrap()
}

/// Pages of a PDF, read with lopdf so that the count works under Wine too.
fn pdf_pages(pdf: &Path) -> usize {
    lopdf::Document::load(pdf).unwrap().get_pages().len()
}

/// Titles that pdftotext gives back in reading order (right-to-left ones come out visually).
fn left_to_right(title: &str) -> bool {
    !title.chars().any(|c| ('\u{0590}'..='\u{08FF}').contains(&c))
}

/// Writes `body` as criterion `key`'s account, stored as the editor stores it (references as tokens).
fn set_account(store: &mut Store, key: &str, body: &str) {
    let ids: Vec<String> = portfolio::exhibits(store).unwrap().into_iter().map(|r| r.id).collect();
    let stored = sanctuary::references::to_tokens(body, &ids);
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO narrative (criterion_key, body, updated_at) VALUES (?1, ?2, ?3) \
                 ON CONFLICT(criterion_key) DO UPDATE SET body = excluded.body",
                [key, stored.as_str(), &now().to_rfc3339()],
            )?;
            Ok(())
        })
        .unwrap();
}

const ACCOUNT: &str = "Our welcome assembly, E1, opened the year; the whole school joined in.";

#[test]
fn the_application_alone_holds_the_accounts_and_names_each_exhibit() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let refs = portfolio::exhibits(&store).unwrap();
    // A reference already titled by hand keeps one title; words that only look like one stay.
    let by_hand = format!("See E1 ({}) again; LE1 and E99 stay.", refs[0].title);
    set_account(&mut store, "learner-voice", &format!("{ACCOUNT}\n\n{by_hand}"));
    let out = dir.path().join("application.pdf");
    let report = export_part(&store, &out, Part::Application);
    ok("qpdf", &["--check", out.to_str().unwrap()]);
    assert_eq!(report.pages, pdf_pages(&out));
    let text = flat(&ok("pdftotext", &[out.to_str().unwrap(), "-"]));

    // The short cover line, not a cover page: the school, the award, the framework, the date.
    let school = sanctuary::school::find(&store).unwrap().unwrap().name;
    let first = super::page_text(&out, 1);
    assert!(first.starts_with(&format!("{school}: School of Sanctuary application")), "{first}");
    assert!(first.contains("School of Sanctuary (City of Sanctuary UK)"), "{first}");
    assert!(first.contains("The application"), "the accounts start on the first page: {first}");
    assert!(!text.contains("SCHOOLS OF SANCTUARY"), "no full cover page");

    // Every criterion with its three accounts, by strand.
    let fw = sanctuary::school::framework(&store).unwrap();
    for strand in &fw.strands {
        assert!(text.contains(&strand.name), "{}", strand.name);
    }
    for c in &fw.criteria {
        assert!(text.contains(&format!("{}. {}", c.number, c.title)), "criterion {}", c.number);
    }
    assert_eq!(text.matches("What we already do").count(), fw.criteria.len());
    assert_eq!(text.matches("Our account").count(), fw.criteria.len());

    // "E1" in the account names its exhibit, as does every exhibit in the evidence lines.
    let e1 = &refs[0];
    assert!(
        text.contains(&format!("Our welcome assembly, E1 ({}), opened the year", e1.title)),
        "the account's reference is titled: {text}"
    );
    assert!(text.contains(&by_hand), "{text}");
    for r in refs.iter().filter(|r| !r.criteria.is_empty() && left_to_right(&r.title)) {
        assert!(text.contains(&format!("{} ({})", r.label, r.title)), "{} is not named with its title", r.label);
    }

    // Nothing but the application.
    for absent in ["Evidence appendix", "Action plan", "Feedback and our responses", "Contents", "Overview of the criteria"] {
        assert!(!text.contains(absent), "{absent} is in the application alone");
    }
    // The whole portfolio still shows bare, linked numbers.
    let whole = dir.path().join("whole.pdf");
    export_part(&store, &whole, Part::All);
    let whole_text = flat(&ok("pdftotext", &[whole.to_str().unwrap(), "-"]));
    assert!(whole_text.contains("Our welcome assembly, E1, opened the year"), "{whole_text}");
}

/// The demo with a merged PDF and a Word file, so the pack has attached pages and a reading copy.
fn store_with_documents(dir: &Path) -> Store {
    let mut store = demo_store(dir);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let opts = ImportOptions { consent: Some(sanctuary::evidence::Consent::Given), ..ImportOptions::default() };
    for file in ["pdf/spec-2pages.pdf", "office/lesson.docx"] {
        let report = evidence::import(&mut store, &[fixtures.join(file)], &opts, &Job::silent(), now()).unwrap();
        assert!(report.refused.is_empty(), "{:?}", report.refused);
    }
    store
}

/// The page (1-based) whose text starts with `heading`.
fn page_starting(pdf: &Path, pages: usize, heading: &str) -> usize {
    (1..=pages)
        .find(|p| super::page_text(pdf, *p).starts_with(heading))
        .unwrap_or_else(|| panic!("no page of {} starts with {heading}", pdf.display()))
}

#[test]
fn the_evidence_pack_is_the_appendix_with_the_same_numbers() {
    let dir = tempdir();
    let store = store_with_documents(dir.path());
    let refs = portfolio::exhibits(&store).unwrap();
    let out = dir.path().join("evidence.pdf");
    let report = export_part(&store, &out, Part::Evidence);
    ok("qpdf", &["--check", out.to_str().unwrap()]);
    assert_eq!(report.pages, pdf_pages(&out));
    let text = flat(&ok("pdftotext", &[out.to_str().unwrap(), "-"]));
    let school = sanctuary::school::find(&store).unwrap().unwrap().name;
    let first = super::page_text(&out, 1);
    assert!(first.starts_with(&format!("{school}: School of Sanctuary evidence pack")), "{first}");
    assert!(first.contains("Contents"), "{first}");

    // Each exhibit under the number the application gives it, in the contents and the appendix.
    for r in refs.iter().filter(|r| left_to_right(&r.title)) {
        let entry = format!("{} {}", r.label, r.title);
        assert_eq!(text.matches(&entry).count(), 2, "{entry}: once in the contents, once in the appendix");
    }
    let application = dir.path().join("application.pdf");
    export_part(&store, &application, Part::Application);
    let app_text = flat(&ok("pdftotext", &[application.to_str().unwrap(), "-"]));
    for r in refs.iter().filter(|r| !r.criteria.is_empty() && left_to_right(&r.title)) {
        assert!(app_text.contains(&format!("{} ({})", r.label, r.title)), "{}", r.label);
    }

    // The attached PDF's pages and the reading copy follow, as in the whole portfolio: the pack is
    // its cover-and-contents page plus every page from the appendix on.
    assert!(text.contains("Reading copy of lesson.docx"), "{text}");
    for absent in ["What we already do", "Our account", "Action plan", "Overview of the criteria"] {
        assert!(!text.contains(absent), "{absent} is in the evidence pack");
    }
    let whole = dir.path().join("whole.pdf");
    let whole_report = export_part(&store, &whole, Part::All);
    let appendix_from = page_starting(&whole, whole_report.pages, "Evidence appendix");
    assert_eq!(report.pages, 1 + whole_report.pages - appendix_from + 1);
    assert_eq!(page_starting(&out, report.pages, "Evidence appendix"), 2);
}

#[test]
fn the_length_bar_counts_the_pages_of_the_application_pdf() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let check = |store: &Store, name: &str| -> f32 {
        let measured = portfolio::application_pages(store, now().date_naive()).unwrap();
        let out = dir.path().join(name);
        let report = export_part(store, &out, Part::Application);
        assert_eq!(measured.ceil() as usize, report.pages, "{name}: length bar {measured}, PDF {} pages", report.pages);
        assert_eq!(report.pages, pdf_pages(&out), "{name}");
        measured
    };
    let short = check(&store, "demo.pdf");
    let long = "We worked with families and pupils on this over the whole year, and E2 shows how. ".repeat(300);
    set_account(&mut store, "learner-voice", &long);
    let longer = check(&store, "long.pdf");
    assert!(longer > short + 2.0 && longer > 8.0, "{short} -> {longer}");
    // A draft measures as the saved text would.
    let draft = portfolio::application_pages_with_draft(&store, "learner-voice", &long, now().date_naive()).unwrap();
    assert_eq!(draft, longer);
}

/// The visible text of a .docx: each paragraph's runs joined, paragraphs one a line.
fn docx_text(docx: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    doc.descendants()
        .filter(|n| n.has_tag_name((w, "p")))
        .map(|p| {
            p.descendants()
                .filter(|n| n.has_tag_name((w, "t")) || n.has_tag_name((w, "br")))
                .map(|n| if n.has_tag_name((w, "br")) { " " } else { n.text().unwrap_or("") })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The words of a text, compatibility-normalised (ligatures split), left-to-right ones only.
fn words(text: &str) -> Vec<String> {
    text.nfkc().collect::<String>().split_whitespace().filter(|w| left_to_right(w)).map(str::to_string).collect()
}

#[test]
fn the_application_as_word_says_what_the_application_pdf_says() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    set_account(&mut store, "learner-voice", &format!("{ACCOUNT}\n\nA second paragraph about E2."));
    let refs = portfolio::exhibits(&store).unwrap();
    let docx = dir.path().join("application.docx");
    let report = export_part(&store, &docx, Part::Application);
    assert!(report.bytes > 0 && report.pages >= 1);
    let text = docx_text(&docx);
    let fw = sanctuary::school::framework(&store).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for strand in &fw.strands {
        assert!(lines.contains(&strand.name.as_str()), "{} is a heading of its own", strand.name);
    }
    for c in &fw.criteria {
        assert!(lines.contains(&format!("{}. {}", c.number, c.title).as_str()), "criterion {}", c.number);
    }
    assert!(text.contains(&format!("Our welcome assembly, E1 ({}), opened the year", refs[0].title)), "{text}");
    assert!(text.contains(&format!("A second paragraph about E2 ({}).", refs[1].title)), "{text}");
    assert!(!text.contains("Evidence appendix"));

    // Word's heading styles, so the navigation pane lists strands and criteria.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    assert_eq!(xml.matches(r#"w:val="Heading2""#).count(), fw.strands.len());
    assert_eq!(xml.matches(r#"w:val="Heading3""#).count(), fw.criteria.len());

    // LibreOffice opens it, and its PDF has the application PDF's words in the same order.
    let Some(converted) = libreoffice_pdf(&docx, &dir.path().join("lo")) else { return };
    ok("qpdf", &["--check", converted.to_str().unwrap()]);
    let from_word = words(&ok("pdftotext", &[converted.to_str().unwrap(), "-"]));
    let pdf = dir.path().join("application.pdf");
    let pdf_report = export_part(&store, &pdf, Part::Application);
    ok("qpdf", &["--check", pdf.to_str().unwrap()]);
    // The PDF's footers are its own; the Word file has none.
    let school = sanctuary::school::find(&store).unwrap().unwrap().name;
    let mut pdf_text = String::new();
    for page in 1..=pdf_report.pages {
        let t = super::page_text(&pdf, page);
        let t = t.replace(&format!("{school} · School of Sanctuary application"), " ");
        pdf_text.push_str(&t.replace(&format!("Page {page} of {}", pdf_report.pages), " "));
        pdf_text.push(' ');
    }
    let from_pdf = words(&pdf_text);
    if from_word != from_pdf {
        let at = from_word.iter().zip(&from_pdf).position(|(a, b)| a != b).unwrap_or(from_word.len().min(from_pdf.len()));
        let around = |w: &[String]| w[at.saturating_sub(8)..(at + 8).min(w.len())].join(" ");
        panic!("the Word file and the PDF differ at word {at}:\nWord: {}\nPDF:  {}", around(&from_word), around(&from_pdf));
    }
}

/// LibreOffice's PDF of `docx`, in `out_dir`; None (with a note) where LibreOffice is not installed.
fn libreoffice_pdf(docx: &Path, out_dir: &Path) -> Option<PathBuf> {
    std::fs::create_dir_all(out_dir).unwrap();
    // A profile of its own, so a LibreOffice the developer has open does not take the job.
    let profile = format!("-env:UserInstallation=file://{}", out_dir.join("profile").display());
    let o = match Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out_dir)
        .arg(docx)
        .output()
    {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            println!("skipped: soffice (LibreOffice) is not installed, so the Word file was not opened");
            return None;
        }
        Err(e) => panic!("cannot run soffice: {e}"),
    };
    let pdf = out_dir.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(o.status.success() && pdf.is_file(), "LibreOffice did not convert {}: {}{}", docx.display(), stdout_of(&o), String::from_utf8_lossy(&o.stderr));
    Some(pdf)
}

fn stdout_of(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn the_cli_exports_a_part_and_keeps_word_for_the_application() {
    let dir = tempdir();
    let data = dir.path().join("data");
    assert!(cli(&data, &["demo"]).status.success());
    let mut pages: HashMap<&str, String> = HashMap::new();
    for (part, name) in [("application", "a.pdf"), ("evidence", "e.pdf"), ("all", "all.pdf"), ("application", "a.docx")] {
        let out = dir.path().join(name);
        let o = cli(&data, &["export", "--part", part, "--out", out.to_str().unwrap()]);
        assert!(o.status.success(), "{part} {name}: {}", stderr(&o));
        assert!(stdout(&o).starts_with(&format!("Wrote {}", out.display())), "{}", stdout(&o));
        // Word paginates a .docx itself: its count is given as the PDF's estimate, not as fact.
        let said = stdout(&o);
        assert_eq!(said.contains("(about "), name.ends_with(".docx"), "{said}");
        // The small application is counted in KB, not as "0.0 MB".
        assert!(!said.contains("0.0 MB"), "{said}");
        if name.ends_with(".pdf") {
            ok("qpdf", &["--check", out.to_str().unwrap()]);
            pages.insert(name, flat(&ok("pdftotext", &[out.to_str().unwrap(), "-"])));
        }
    }
    assert!(pages["a.pdf"].contains("Our account") && !pages["a.pdf"].contains("Evidence appendix"));
    assert!(pages["e.pdf"].contains("Evidence appendix") && !pages["e.pdf"].contains("Our account"));
    assert!(pages["all.pdf"].contains("Evidence appendix") && pages["all.pdf"].contains("Our account"));
    assert!(docx_text(&dir.path().join("a.docx")).contains("Our account"));

    // Word is for the application only; every refusal is the core's, and writes nothing.
    let core = |out: &str, part: Part| {
        ExportOptions::requested(PathBuf::from(out), part, 15, now()).unwrap_err()
    };
    assert_eq!(core("x.docx", Part::All).code(), "export_word_part");
    assert_eq!(core("x.docx", Part::Evidence).code(), "export_word_part");
    assert_eq!(core("x.txt", Part::Application).code(), "export_application_file_name");
    assert_eq!(core("x.txt", Part::Evidence).code(), "export_file_name");
    assert!(ExportOptions::requested(PathBuf::from("x.DOCX"), Part::Application, 15, now()).is_ok());
    for (args, refusal) in [
        (vec!["--out", "w.docx"], core("w.docx", Part::All)),
        (vec!["--part", "all", "--out", "w.docx"], core("w.docx", Part::All)),
        (vec!["--part", "evidence", "--out", "w.docx"], core("w.docx", Part::Evidence)),
        (vec!["--part", "application", "--out", "w.txt"], core("w.txt", Part::Application)),
    ] {
        let args: Vec<String> = args
            .iter()
            .map(|a| if a.starts_with("w.") { dir.path().join(a).to_string_lossy().into_owned() } else { a.to_string() })
            .collect();
        let mut full = vec!["export"];
        full.extend(args.iter().map(String::as_str));
        let o = cli(&data, &full);
        assert_eq!(o.status.code(), Some(2), "{full:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), format!("sanctuary: {refusal}\n"), "{full:?}");
        assert!(!dir.path().join("w.docx").exists() && !dir.path().join("w.txt").exists(), "{full:?} wrote a file");
    }
    let o = cli(&data, &["export", "--part", "appendix", "--out", dir.path().join("x.pdf").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("there is no part `appendix`") && stderr(&o).contains("--help"), "{}", stderr(&o));
}
