//! Accounts with structure, as the panel and the local lead receive them: lists with real marks,
//! bold and italic faces, a sub-heading and a working link in the PDF, and the same as Word lists,
//! runs and hyperlinks in the .docx, which LibreOffice opens with the same words.

use std::io::Read;
use std::path::Path;
use std::process::Command;

use sanctuary::audit::{self, Patch};
use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions, Part};
use sanctuary::Store;

use super::ok;
use crate::support::{demo_store, now, tempdir};

const NARRATIVE: &str = "### Pupils lead the welcome\n\nOur **welcome assembly** opened the year, *led by pupils*; see E1 and [Refugee Week](https://refugeeweek.org.uk/about).\n\n- Ambassadors meet new families\n- They run a **buddy** rota\n  - Year 5 in the autumn\n  - Year 6 in the spring\n- Posters in Arabic: مرحبا بكم\n\n1. Plan the assembly\n2. Invite the families";

fn rich_store(dir: &Path) -> Store {
    let mut store = demo_store(dir);
    let fw = sanctuary::school::framework(&store).unwrap();
    audit::set_narrative(&mut store, &fw, "learner-voice", NARRATIVE, now()).unwrap();
    let patch = Patch { already: Some("- A pupil council\n- A *welcome* club".into()), ..Patch::default() };
    audit::set(&mut store, &fw, "learner-voice", &patch, now()).unwrap();
    store
}

fn export(store: &Store, out: &Path, part: Part) -> portfolio::ExportReport {
    let mut opts = ExportOptions::new(out.to_path_buf(), now());
    opts.part = part;
    portfolio::export(store, &opts, &Job::silent()).unwrap()
}

/// (font name, text drawn in it) for each font run mutool finds.
fn font_runs(pdf: &Path) -> Vec<(String, String)> {
    let xml = ok("mutool", &["draw", "-F", "stext", "-o", "-", pdf.to_str().unwrap()]);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("font"))
        .map(|f| {
            let text: String = f.descendants().filter(|c| c.has_tag_name("char")).filter_map(|c| c.attribute("c")).collect();
            (f.attribute("name").unwrap_or("").to_string(), text)
        })
        .collect()
}

#[test]
#[cfg_attr(windows, ignore = "needs poppler's pdftotext -layout (where the marks and columns sit), a Linux tool")]
fn an_account_with_lists_bold_italic_a_link_and_a_sub_heading_prints_as_such() {
    let dir = tempdir();
    let store = rich_store(dir.path());
    for part in [Part::Application, Part::All] {
        let pdf = dir.path().join(format!("{part:?}.pdf"));
        export(&store, &pdf, part);
        ok("qpdf", &["--check", pdf.to_str().unwrap()]);
        let raw = ok("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
        // Each line with its runs of spaces made one (the columns are checked on `raw`).
        let layout: String = raw.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ") + "\n").collect();
        // Real marks, not the typed dashes and asterisks.
        assert!(layout.contains("• Ambassadors meet new families"), "{layout}");
        assert!(layout.contains("– Year 5 in the autumn"), "{layout}");
        assert!(layout.contains("1. Plan the assembly") && layout.contains("2. Invite the families"), "{layout}");
        assert!(layout.contains("• A pupil council"), "{layout}");
        assert!(!layout.contains("- Ambassadors") && !layout.contains("**") && !layout.contains("###"), "{layout}");
        assert!(layout.contains("Pupils lead the welcome"), "{layout}");
        // The nested item sits further in than its parent (a hanging indent per level).
        let col = |needle: &str| raw.lines().find_map(|l| l.find(needle)).unwrap();
        assert!(col("Year 5 in") > col("Ambassadors meet"), "{layout}");
        // The other script keeps working inside a list item.
        assert!(layout.contains("مرحبا"), "{layout}");

        let runs = font_runs(&pdf);
        let face_of = |word: &str| runs.iter().find(|(_, t)| t.contains(word)).map(|(f, _)| f.clone()).unwrap_or_default();
        assert!(face_of("welcome assembly").contains("Bold"), "{runs:?}");
        assert!(face_of("led by pupils").contains("Italic"), "{runs:?}");
        assert!(face_of("buddy").contains("Bold"), "{runs:?}");
        assert!(face_of("Pupils lead the welcome").contains("Bold"), "{runs:?}");
        assert!(!face_of("opened the year").contains("Bold"), "{runs:?}");

        // The link opens its address.
        let doc = lopdf::Document::load(&pdf).unwrap();
        let uris: Vec<String> = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Link".as_slice()))
            .filter_map(|d| d.get(b"A").ok()?.as_dict().ok()?.get(b"URI").ok()?.as_str().ok().map(|u| String::from_utf8_lossy(u).into_owned()))
            .collect();
        assert!(uris.iter().any(|u| u == "https://refugeeweek.org.uk/about"), "{uris:?}");
    }
}

#[test]
fn the_page_count_counts_the_account_as_printed() {
    let dir = tempdir();
    let store = rich_store(dir.path());
    let pdf = dir.path().join("a.pdf");
    let report = export(&store, &pdf, Part::Application);
    let pages = portfolio::application_pages(&store, now().date_naive()).unwrap();
    assert_eq!(pages.ceil() as usize, report.pages);
    // A long list takes the room its printed lines take, not that of one paragraph.
    let list: String = (0..120).map(|i| format!("- item {i}\n")).collect();
    let as_list = portfolio::application_pages_with_draft(&store, "learner-voice", &list, now().date_naive()).unwrap();
    let as_line = portfolio::application_pages_with_draft(&store, "learner-voice", &list.replace('\n', " "), now().date_naive()).unwrap();
    assert!(as_list > as_line + 2.0, "{as_list} vs {as_line}");
}

fn part(docx: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

#[test]
fn the_word_file_has_word_lists_runs_and_hyperlinks_and_libreoffice_reads_the_same_words() {
    let dir = tempdir();
    let store = rich_store(dir.path());
    let docx = dir.path().join("application.docx");
    export(&store, &docx, Part::Application);
    let numbering = part(&docx, "word/numbering.xml");
    assert!(numbering.contains(r#"<w:numFmt w:val="bullet"/>"#) && numbering.contains(r#"<w:numFmt w:val="decimal"/>"#), "{numbering}");
    let document = part(&docx, "word/document.xml");
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let doc = roxmltree::Document::parse(&document).unwrap();
    let para_text = |p: roxmltree::Node| -> String { p.descendants().filter(|n| n.has_tag_name((w, "t"))).filter_map(|n| n.text()).collect() };
    let para = |text: &str| doc.descendants().filter(|n| n.has_tag_name((w, "p"))).find(|p| para_text(*p).contains(text)).unwrap_or_else(|| panic!("{text} in {document}"));
    let level = |text: &str| {
        para(text).descendants().find(|n| n.has_tag_name((w, "ilvl"))).and_then(|n| n.attribute((w, "val"))).map(str::to_string)
    };
    assert_eq!(level("Ambassadors meet").as_deref(), Some("0"));
    assert_eq!(level("Year 5 in the autumn").as_deref(), Some("1"));
    assert_eq!(level("Plan the assembly").as_deref(), Some("0"));
    assert!(level("opened the year").is_none());
    let bold_runs: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name((w, "r")) && n.descendants().any(|c| c.has_tag_name((w, "b"))))
        .map(para_text)
        .collect();
    assert!(bold_runs.iter().any(|t| t == "welcome assembly"), "{bold_runs:?}");
    assert!(document.contains("<w:i/>"));
    let heading = para("Pupils lead the welcome");
    assert!(heading.descendants().any(|n| n.has_tag_name((w, "pStyle")) && n.attribute((w, "val")) == Some("Heading5")));
    let link = doc.descendants().find(|n| n.has_tag_name((w, "hyperlink"))).expect("a hyperlink");
    let rid = link.attribute(("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id")).unwrap();
    let rels = part(&docx, "word/_rels/document.xml.rels");
    assert!(rels.contains(&format!(r#"Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://refugeeweek.org.uk/about" TargetMode="External""#)), "{rels}");
    assert!(!document.contains("**") && !document.contains("- Ambassadors"));

    // LibreOffice opens the file and reads the account's words back, lists and all.
    let out = dir.path().join("lo");
    std::fs::create_dir_all(&out).unwrap();
    let profile = format!("-env:UserInstallation=file://{}", out.join("profile").display());
    let o = match Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir"])
        .arg(&out)
        .arg(&docx)
        .output()
    {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            println!("skipped: soffice (LibreOffice) is not installed (Debian: libreoffice-writer-nogui)");
            return;
        }
        Err(e) => panic!("cannot run soffice: {e}"),
    };
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(out.join("application.txt")).unwrap();
    let words = |t: &str| t.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).map(str::to_string).collect::<Vec<_>>();
    let expected = words(
        "Pupils lead the welcome Our welcome assembly opened the year, led by pupils; see E1 Ambassadors meet new families They run a buddy rota Year 5 in the autumn Year 6 in the spring",
    );
    let got = words(&text);
    let mut at = 0;
    for word in &expected {
        let found = got[at..].iter().position(|g| g.trim_matches(|c: char| !c.is_alphanumeric()) == word.trim_matches(|c: char| !c.is_alphanumeric()));
        let Some(found) = found else { panic!("{word} after word {at} of {text}") };
        at += found + 1;
    }
    assert!(text.contains("Plan the assembly") && text.contains("Refugee Week"), "{text}");
}

#[test]
#[cfg_attr(windows, ignore = "needs poppler's pdftotext -layout (which side the marks are on) and the Linux computer's Ethiopic and Devanagari fonts")]
fn a_right_to_left_list_has_its_marks_on_the_right_and_other_scripts_keep_working() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let fw = sanctuary::school::framework(&store).unwrap();
    let body = "- الطلاب يستقبلون العائلات\n- نكتب ملصقات\n\n- ሰላም ንኹሉ\n- सभी का स्वागत है";
    audit::set_narrative(&mut store, &fw, "learner-voice", body, now()).unwrap();
    let pdf = dir.path().join("a.pdf");
    export(&store, &pdf, Part::Application);
    let raw = ok("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    let mark_col = |needle: &str| {
        let line = raw.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle} in {raw}"));
        line.chars().position(|c| c == '•').unwrap_or_else(|| panic!("a mark on {line:?}"))
    };
    // Left-to-right items have their mark at the left margin, right-to-left ones far over on the right.
    assert!(mark_col("ሰላም") < 5, "{raw}");
    assert!(mark_col("सभी") < 5, "{raw}");
    assert!(mark_col("الطلاب") > 40, "{raw}");
}
