//! The exported documents in Welsh: the language tables agree with each other, a Welsh export
//! reads in Welsh from cover to footer, and the CLI's `--language` flag chooses it.

use std::collections::BTreeSet;
use std::path::Path;

use lopdf::Document;
use sanctuary::framework;
use sanctuary::i18n::{self, Lang};
use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions};
use sanctuary::Store;

use crate::support::{cli, now, stderr, stdout, tempdir};

/// The placeholders `i18n::Vocabulary` fills from the framework.
const VOCABULARY: &[&str] = &["programme", "PROGRAMME", "award", "org", "Org", "the_org", "Our_org", "learners", "Learners", "head", "Head", "strands"];

/// The `{names}` a text expects to be filled in.
fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

#[test]
fn english_and_welsh_tables_hold_the_same_keys_and_placeholders() {
    let en = i18n::parse(i18n::source(Lang::En)).unwrap();
    let cy = i18n::parse(i18n::source(Lang::Cy)).unwrap();
    let en_keys: BTreeSet<_> = en.keys().collect();
    let cy_keys: BTreeSet<_> = cy.keys().collect();
    assert_eq!(en_keys, cy_keys, "en.toml and cy.toml must hold the same keys");
    for (key, text) in &en {
        let welsh = &cy[key];
        assert!(!welsh.trim().is_empty(), "the Welsh text for `{key}` is empty");
        // The award's words may sit in different forms ("the school" is `{the_org}` in Welsh, where
        // the article depends on the noun), but the values a caller passes must match.
        let vocabulary = |text: &str| placeholders(text).into_iter().filter(|p| !VOCABULARY.contains(&p.as_str())).collect::<BTreeSet<_>>();
        assert_eq!(vocabulary(text), vocabulary(welsh), "placeholders of `{key}` differ");
    }
}

#[test]
fn languages_parse_from_codes_and_refuse_others_clearly() {
    assert_eq!("cy".parse::<Lang>().unwrap(), Lang::Cy);
    assert_eq!("CY-GB".parse::<Lang>().unwrap(), Lang::Cy);
    assert_eq!("en".parse::<Lang>().unwrap(), Lang::En);
    let err = "fr".parse::<Lang>().unwrap_err().to_string();
    assert!(err.contains("fr") && err.contains("`en`") && err.contains("`cy`"), "{err}");
}

#[test]
fn dates_are_written_in_the_chosen_language() {
    let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    assert_eq!(Lang::En.long_date(d), "23 November 2026");
    assert_eq!(Lang::Cy.long_date(d), "23 Tachwedd 2026");
    assert_eq!(Lang::Cy.short_date(d), "23 Tach 2026");
}

#[test]
fn the_current_framework_has_welsh_names_and_others_fall_back_to_english() {
    let fw = framework::builtin_by_id("sos-2024").unwrap();
    let cy = fw.localized(Lang::Cy);
    let names: Vec<&str> = cy.strands.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Dysgu", "Ymgorffori", "Rhannu"]);
    for (en, welsh) in fw.criteria.iter().zip(&cy.criteria) {
        assert_ne!(en.title, welsh.title, "criterion {} has no Welsh title", en.number);
        assert!(!welsh.summary.is_empty());
    }
    assert_eq!(cy.levels.len(), fw.levels.len());
    assert_eq!(fw.localized(Lang::En), fw);

    // A framework without Welsh names reads in English rather than empty.
    let plain = framework::parse(
        r#"id = "plain"
name = "Plain"
wording = "1"
levels = ["No", "Yes"]
award = "A"
organisation = "group"
learners = "members"
head = "chair"
page_limit = "none"
pledge = "none"
[[strands]]
key = "s"
name = "Strand"
[[criteria]]
key = "c"
number = 1
strand = "s"
title = "Only English"
"#,
        "plain.toml",
    )
    .unwrap();
    assert_eq!(plain.localized(Lang::Cy).criteria[0].title, "Only English");
}

#[test]
fn welsh_levels_must_match_the_english_scale() {
    let err = framework::parse(
        r#"id = "bad"
name = "Bad"
wording = "1"
levels = ["No", "Yes"]
levels_cy = ["Na"]
award = "A"
organisation = "group"
learners = "members"
head = "chair"
page_limit = "none"
pledge = "none"
[[strands]]
key = "s"
name = "Strand"
[[criteria]]
key = "c"
number = 1
strand = "s"
title = "T"
"#,
        "bad.toml",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("levels_cy") && err.contains("line 5"), "{err}");
}

/// The language the PDF's catalog declares (`/Lang`), which screen readers use.
fn pdf_lang(pdf: &Path) -> Vec<u8> {
    let doc = Document::load(pdf).unwrap();
    doc.catalog().unwrap().get(b"Lang").unwrap().as_str().unwrap().to_vec()
}

fn pdftotext(pdf: &Path) -> String {
    crate::support::pdftotext(&["-layout", pdf.to_str().unwrap(), "-"])
}

/// Lines of the text, trimmed, so that headings can be compared whole.
fn lines(text: &str) -> BTreeSet<String> {
    text.lines()
        .flat_map(|l| l.split("   "))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn demo_export(dir: &Path, lang: Lang) -> (std::path::PathBuf, portfolio::ExportReport) {
    let mut store = Store::open(&dir.join("data")).unwrap();
    sanctuary::demo::load(&mut store, now(), false).unwrap();
    let out = dir.join(format!("portfolio-{}.pdf", lang.code()));
    let mut opts = ExportOptions::new(out.clone(), now());
    opts.language = lang;
    let report = portfolio::export(&store, &opts, &Job::silent()).unwrap();
    (out, report)
}

const ENGLISH_HEADINGS: &[&str] = &[
    "Contents",
    "School details and journey",
    "Overview of the criteria",
    "The application",
    "Action plan",
    "Feedback and our responses",
    "Evidence appendix",
    "What we already do",
    "Our account",
];

const WELSH_HEADINGS: &[&str] = &[
    "Cynnwys",
    "Manylion yr ysgol a'r daith",
    "Trosolwg o'r meini prawf",
    "Y cais",
    "Cynllun gweithredu",
    "Adborth a'n hymatebion",
    "Atodiad tystiolaeth",
    "Beth rydyn ni eisoes yn ei wneud",
    "Ein disgrifiad ni",
];

#[test]
fn a_welsh_export_has_welsh_headings_dates_footers_and_language_tag() {
    let dir = tempdir();
    let (out, report) = demo_export(dir.path(), Lang::Cy);
    let text = pdftotext(&out);
    let found = lines(&text);
    for h in WELSH_HEADINGS {
        assert!(found.contains(*h), "the Welsh PDF lacks the heading `{h}`");
    }
    for h in ENGLISH_HEADINGS {
        assert!(!found.contains(*h), "the Welsh PDF still has the English heading `{h}`");
    }
    for word in ["Dysgu", "Ymgorffori", "Rhannu", "Tyfu'r rhwydwaith", "23 Tachwedd 2026", "YSGOLION NODDFA"] {
        assert!(text.contains(word), "the Welsh PDF lacks `{word}`");
    }
    assert!(text.contains(&format!("Tudalen 1 o {}", report.pages)), "Welsh page footers");
    assert!(!text.contains("Page 1 of"), "no English page footers");
    assert!(!text.contains("November"), "no English month names");

    assert_eq!(pdf_lang(&out), b"cy");
}

#[test]
fn an_english_export_is_unchanged_by_the_welsh_tables() {
    let dir = tempdir();
    let (out, _) = demo_export(dir.path(), Lang::En);
    let found = lines(&pdftotext(&out));
    for h in ENGLISH_HEADINGS {
        assert!(found.contains(*h), "the English PDF lacks the heading `{h}`");
    }
    for h in WELSH_HEADINGS {
        assert!(!found.contains(*h), "the English PDF has the Welsh heading `{h}`");
    }
    assert_eq!(pdf_lang(&out), b"en-GB");
}

#[test]
fn the_cli_exports_in_welsh_and_refuses_an_unknown_language() {
    let dir = tempdir();
    assert!(cli(dir.path(), &["demo"]).status.success());
    let out = dir.path().join("cy.pdf");
    let o = cli(dir.path(), &["export", "--out", out.to_str().unwrap(), "--language", "cy"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("cy.pdf"));
    assert!(lines(&pdftotext(&out)).contains("Atodiad tystiolaeth"));

    let brief = dir.path().join("brief.pdf");
    let o = cli(dir.path(), &["brief", "--out", brief.to_str().unwrap(), "--language", "cy"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(pdftotext(&brief).contains("Pwy y byddwch chi'n cwrdd â nhw"));

    let bad = dir.path().join("bad.pdf");
    let o = cli(dir.path(), &["export", "--out", bad.to_str().unwrap(), "--language", "fr"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("unknown language `fr`") && err.contains("cy"), "{err}");
    assert!(!bad.exists(), "nothing is written for a bad language");
}

#[test]
fn the_chosen_language_is_kept_in_the_data_folder_and_used_when_the_cli_is_not_told() {
    let dir = tempdir();
    let data = dir.path().join("data");
    {
        let mut store = Store::open(&data).unwrap();
        assert_eq!(i18n::saved(&store).unwrap(), Lang::En, "English until chosen");
        sanctuary::demo::load(&mut store, now(), true).unwrap();
        assert!(i18n::save(&mut store, "fr").unwrap_err().to_string().contains("choose `en`"));
        assert_eq!(i18n::save(&mut store, "Cymraeg").unwrap(), Lang::Cy);
    }
    assert_eq!(i18n::saved(&Store::open(&data).unwrap()).unwrap(), Lang::Cy, "kept across a restart");
    let out = dir.path().join("p.pdf");
    let o = cli(&data, &["export", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(lines(&pdftotext(&out)).contains("Atodiad tystiolaeth"), "written in the chosen language");
    // --language still wins for one export.
    let o = cli(&data, &["export", "--language", "en", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(lines(&pdftotext(&out)).contains("Evidence appendix"));
}

/// Every key the Rust code asks for by name exists in the English table, so no export can show a
/// raw key such as `text.criterion_many` (which one did, before this test).
#[test]
fn every_key_the_code_names_exists() {
    let table = i18n::table(Lang::En);
    let sections: Vec<String> = table.keys().filter_map(|k| k.split_once('.').map(|(s, _)| s.to_string())).collect();
    let mut missing = Vec::new();
    let mut seen = 0;
    // Folders and their subfolders: a module split into files of its own keeps being scanned.
    let mut dirs: Vec<std::path::PathBuf> =
        ["src/portfolio", "src/pdf", "src/i18n", "src/cli"].iter().map(|d| Path::new(env!("CARGO_MANIFEST_DIR")).join(d)).collect();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            if entry.path().is_dir() {
                dirs.push(entry.path());
                continue;
            }
            if entry.path().extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let source = std::fs::read_to_string(entry.path()).unwrap();
            // String literals of the form "section.key" whose section is one of the table's.
            for literal in source.split('"').skip(1).step_by(2) {
                let Some((section, key)) = literal.split_once('.') else { continue };
                if !sections.iter().any(|s| s == section) || key.is_empty() || !key.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit()) {
                    continue;
                }
                seen += 1;
                if !table.contains_key(literal) {
                    missing.push(format!("{}: {literal}", entry.path().display()));
                }
            }
        }
    }
    assert!(seen > 50, "the scan found only {seen} keys; has the code's style changed?");
    assert!(missing.is_empty(), "keys used but not in en.toml: {missing:#?}");
}
