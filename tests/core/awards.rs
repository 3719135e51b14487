//! Every Sanctuary award: a framework brings its own words (award, organisation, learners, head,
//! page limit, pledge criterion, strands), and nothing the app prints assumes a school.

use std::path::Path;

use sanctuary::i18n::Lang;
use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions};
use sanctuary::{audit, evidence, framework, readiness, school, Store};

use crate::support::{cli, now, pdftotext, qpdf_check, stderr, stdout, tempdir};

/// A 12-criterion colleges framework in four strands (invented wording, not any real award's).
pub fn college_toml() -> String {
    let mut s = String::from(
        "# A colleges-style framework written for these tests.\n\
         id = \"col-test\"\n\
         name = \"Colleges of Sanctuary (test)\"\n\
         wording = \"2026 test wording\"\n\
         stream = \"colleges\"\n\
         award = \"College of Sanctuary\"\n\
         organisation = \"college\"\n\
         learners = \"students\"\n\
         head = \"principal\"\n\
         page_limit = 10\n\
         pledge = \"col-3\"\n\
         levels = [\"Not yet\", \"Starting\", \"Growing\", \"Thriving\"]\n\n\
         [[strands]]\nkey = \"learn\"\nname = \"Learn\"\n\n\
         [[strands]]\nkey = \"embed\"\nname = \"Embed\"\n\n\
         [[strands]]\nkey = \"share\"\nname = \"Share\"\n\n\
         [[strands]]\nkey = \"sustain\"\nname = \"Sustain\"\n",
    );
    let strands = ["learn", "learn", "share", "embed", "embed", "embed", "embed", "share", "share", "sustain", "sustain", "learn"];
    for (i, strand) in strands.iter().enumerate() {
        let n = i + 1;
        s.push_str(&format!(
            "\n[[criteria]]\nkey = \"col-{n}\"\nnumber = {n}\nstrand = \"{strand}\"\ntitle = \"College criterion {n}\"\n\
             summary = \"What the college does for criterion {n}.\"\n"
        ));
    }
    s
}

/// A 10-criterion universities framework with no page limit and no pledge criterion.
pub fn university_toml() -> String {
    let mut s = String::from(
        "id = \"uni-words\"\nname = \"Universities of Sanctuary (test)\"\nwording = \"2026\"\nstream = \"universities\"\n\
         award = \"University of Sanctuary\"\norganisation = \"university\"\nlearners = \"students\"\n\
         head = \"vice-chancellor\"\npage_limit = \"none\"\npledge = \"none\"\n\
         levels = [\"Not started\", \"Developing\", \"Established\", \"Fully in place\"]\n\n\
         [[strands]]\nkey = \"learn\"\nname = \"Learn\"\n\n[[strands]]\nkey = \"embed\"\nname = \"Embed\"\n\n\
         [[strands]]\nkey = \"share\"\nname = \"Share\"\n",
    );
    for n in 1..=10 {
        let strand = ["learn", "embed", "share"][(n - 1) % 3];
        s.push_str(&format!("\n[[criteria]]\nkey = \"uw-{n}\"\nnumber = {n}\nstrand = \"{strand}\"\ntitle = \"University criterion {n}\"\n"));
    }
    s
}

/// A data folder working to the framework in `text`, with an organisation's details, an audit, an
/// account and a quotation for its first criteria, as a coordinator would have them.
fn organisation_using(dir: &Path, text: &str, file: &str, name: &str) -> (Store, framework::Framework) {
    let mut store = Store::open(dir).unwrap();
    let fw = framework::import(&mut store, text, file, now()).unwrap();
    school::choose_framework(&mut store, &fw.id, now()).unwrap();
    let mut s = school::load(&mut store, now()).unwrap();
    s.name = name.into();
    s.headteacher = "Dr Ada Example".into();
    s.coordinator_name = "Sam Jones".into();
    school::save(&mut store, &s, now()).unwrap();
    for c in fw.criteria.iter().take(3) {
        let patch = audit::Patch { level: Some(2), already: Some(format!("Work on {}", c.title)), ..Default::default() };
        audit::set(&mut store, &fw, &c.key, &patch, now()).unwrap();
        audit::set_narrative(&mut store, &fw, &c.key, &format!("Our account of {}.", c.title), now()).unwrap();
    }
    evidence::add_quote(&mut store, "I felt welcome from the first day.", "Student, Level 3", &[fw.criteria[0].key.clone()], now()).unwrap();
    (store, fw)
}

fn export_text(store: &Store, out: &Path, lang: Lang) -> String {
    let mut opts = ExportOptions::new(out.to_path_buf(), now());
    opts.language = lang;
    opts.anonymity_note = true;
    portfolio::export(store, &opts, &Job::silent()).unwrap();
    qpdf_check(out);
    pdftotext(&[out.to_str().unwrap(), "-"])
}

fn brief_text(store: &Store, out: &Path) -> String {
    portfolio::export_visit_brief(store, &ExportOptions::new(out.to_path_buf(), now()), &Job::silent()).unwrap();
    pdftotext(&[out.to_str().unwrap(), "-"])
}

/// Words that would show the text was written for schools only.
const SCHOOL_WORDS: &[&str] = &["School", "Pupils", "pupils", "headteacher", "Headteacher", "Schools of Sanctuary", "Ysgol", "ysgol", "disgyblion"];

fn assert_no_school_words(text: &str, what: &str) {
    for word in SCHOOL_WORDS {
        assert!(!text.contains(word), "{what} says `{word}`:\n{text}");
    }
    assert!(!text.contains('{') && !text.contains('}'), "{what} has a placeholder left unfilled:\n{text}");
}

#[test]
fn a_college_portfolio_speaks_of_the_college_and_its_students() {
    let dir = tempdir();
    let (store, _) = organisation_using(dir.path(), &college_toml(), "college.toml", "Riverside College");
    let text = export_text(&store, &dir.path().join("college.pdf"), Lang::En);
    assert_no_school_words(&text, "the college's portfolio");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "COLLEGES OF SANCTUARY (TEST)",
        "College of Sanctuary (City of Sanctuary UK)",
        "Students are not named in this portfolio",
        "College details and journey",
        "Principal Dr Ada Example",
        "grouped under Learn, Embed, Share and Sustain",
        "Words of students, parents or staff",
        "College criterion 12",
    ] {
        assert!(flat.contains(expected), "the portfolio lacks `{expected}`:\n{flat}");
    }
    // The document's own title, which viewers show in their title bar (read with lopdf, as on Windows).
    let doc = lopdf::Document::load(dir.path().join("college.pdf")).unwrap();
    let info = doc.get_dictionary(doc.trailer.get(b"Info").and_then(lopdf::Object::as_reference).unwrap()).unwrap();
    let field = |k: &[u8]| lopdf::decode_text_string(info.get(k).unwrap()).unwrap();
    assert_eq!(field(b"Title"), "Riverside College: Colleges of Sanctuary (test) portfolio");
    assert!(!field(b"Subject").contains("School") && !field(b"Keywords").contains("School"), "{}", field(b"Keywords"));

    // The application alone and the evidence pack alone, and the application as Word, too.
    for (part, file) in [(portfolio::Part::Application, "application.pdf"), (portfolio::Part::Evidence, "evidence.pdf"), (portfolio::Part::Application, "application.docx")] {
        let out = dir.path().join(file);
        let mut opts = ExportOptions::new(out.clone(), now());
        opts.part = part;
        portfolio::export(&store, &opts, &Job::silent()).unwrap();
        let text = if file.ends_with(".docx") {
            let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
            xml
        } else {
            pdftotext(&[out.to_str().unwrap(), "-"])
        };
        assert_no_school_words(&text.replace("{}", ""), file);
        assert!(text.contains("College of Sanctuary"), "{file}:\n{text}");
    }

    let brief = brief_text(&store, &dir.path().join("brief.pdf"));
    assert_no_school_words(&brief, "the college's visit brief");
    assert!(brief.contains("COLLEGES OF SANCTUARY (TEST)"), "{brief}");
}

#[test]
fn a_college_portfolio_in_welsh_uses_the_frameworks_words_not_the_schools() {
    let dir = tempdir();
    let (store, _) = organisation_using(dir.path(), &college_toml(), "college.toml", "Coleg Glan yr Afon");
    let text = export_text(&store, &dir.path().join("coleg.pdf"), Lang::Cy);
    assert_no_school_words(&text, "the Welsh college portfolio");
    // The framework gives no Welsh words, so its English ones stand in; the fixed texts are Welsh.
    assert!(text.contains("Manylion y college a'r daith"), "{text}");
}

#[test]
fn a_university_framework_without_a_page_limit_or_pledge_never_asks_for_either() {
    let dir = tempdir();
    let (mut store, fw) = organisation_using(dir.path(), &university_toml(), "uni.toml", "Northgate University");
    assert_eq!(fw.page_limit, None);
    // Far more than eight pages of text: no framework limit, so no "too long" gap.
    let long = "We did this together with our students and partners. ".repeat(50);
    for c in &fw.criteria {
        audit::set_narrative(&mut store, &fw, &c.key, &long, now()).unwrap();
    }
    let r = readiness::report(&store, now().date_naive()).unwrap();
    assert!(r.estimated_pages > 8, "{}", r.estimated_pages);
    assert_eq!(r.page_limit, None);
    assert!(!r.missing.iter().any(|g| g.code == "too_long" || g.code == "no_pledge_date"), "{:?}", r.missing);
    let out = cli(dir.path(), &["readiness"]);
    assert!(stdout(&out).contains("(no page limit)"), "{}", stdout(&out));
    let text = export_text(&store, &dir.path().join("uni.pdf"), Lang::En);
    assert_no_school_words(&text, "the university's portfolio");
    assert!(text.contains("Vice-chancellor"), "{text}");
}

#[test]
fn a_welsh_noun_that_mutates_after_the_article_is_written_as_the_framework_gives_it() {
    // "prifysgol" is feminine: after the article it is "y brifysgol", which no rule on its first
    // letter can know, so the framework may write the phrase out.
    let toml = university_toml().replacen(
        "pledge = \"none\"\n",
        "pledge = \"none\"\norganisation_cy = \"prifysgol\"\nthe_organisation_cy = \"y brifysgol\"\n",
        1,
    );
    let dir = tempdir();
    let (store, fw) = organisation_using(dir.path(), &toml, "uni.toml", "Prifysgol y Gogledd");
    assert_eq!(fw.vocabulary(Lang::Cy).fill("{the_org}, {org}"), "y brifysgol, prifysgol");
    assert_eq!(fw.vocabulary(Lang::En).fill("{the_org}"), "the university");
    let text = export_text(&store, &dir.path().join("prifysgol.pdf"), Lang::Cy);
    assert!(text.contains("Manylion y brifysgol a'r daith"), "{text}");
    assert!(!text.contains("y prifysgol"), "{text}");
    // Without the field the rule stands: "y" before a consonant.
    let plain = framework::Framework { the_organisation_cy: String::new(), ..fw.clone() };
    assert_eq!(plain.vocabulary(Lang::Cy).fill("{the_org}"), "y prifysgol");
    // `framework show` keeps it, so the file goes round.
    let out = cli(dir.path(), &["framework", "show", "uni-words"]);
    assert!(stdout(&out).contains("the_organisation_cy = \"y brifysgol\""), "{}", stdout(&out));
    // Without its article the phrase would read "Manylion brifysgol": refused at import, by name.
    let bare = toml.replace("\"y brifysgol\"", "\"brifysgol\"");
    let err = framework::from_toml(&bare, "uni.toml").unwrap_err().to_string();
    assert!(err.contains("the_organisation_cy") && err.contains("y brifysgol"), "{err}");
}

#[test]
fn the_frameworks_page_limit_and_pledge_criterion_decide_readiness() {
    let dir = tempdir();
    let (mut store, fw) = organisation_using(dir.path(), &college_toml(), "college.toml", "Riverside College");
    let r = readiness::report(&store, now().date_naive()).unwrap();
    assert_eq!(r.page_limit, Some(10));
    let pledge: Vec<_> = r.missing.iter().filter(|g| g.code == "no_pledge_date").map(|g| g.criterion_key.clone()).collect();
    assert_eq!(pledge, [Some("col-3".to_string())], "the college's pledge criterion is col-3");
    // Nine pages pass the schools' eight but not the college's ten; eleven pass ten.
    let write = |store: &mut Store, words: usize| {
        for c in &fw.criteria {
            audit::set_narrative(store, &fw, &c.key, &"word ".repeat(words), now()).unwrap();
        }
        portfolio::application_pages(store, now().date_naive()).unwrap()
    };
    let mut words = 100;
    while write(&mut store, words) <= 8.0 {
        words += 20;
    }
    let r = readiness::report(&store, now().date_naive()).unwrap();
    assert_eq!(r.estimated_pages, 9);
    assert!(!r.missing.iter().any(|g| g.code == "too_long"), "9 pages are within the college's 10");
    while write(&mut store, words) <= 10.0 {
        words += 20;
    }
    let r = readiness::report(&store, now().date_naive()).unwrap();
    let gap = r.missing.iter().find(|g| g.code == "too_long").expect("over ten pages");
    assert!(gap.message.contains("the limit is 10 pages"), "{}", gap.message);
}

#[test]
fn framework_show_prints_a_file_that_import_accepts_back() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    framework::import(&mut store, &college_toml(), "college.toml", now()).unwrap();
    for id in ["sos-2024", "sos-pre2024", "col-test"] {
        let out = cli(dir.path(), &["framework", "show", id]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains("page_limit = ") && text.contains("organisation = "), "{text}");
        let original = framework::available(&store).unwrap().into_iter().find(|f| f.id == id).unwrap();
        // Back in under a new id (the shipped ids are refused), it is the same framework.
        let copy = text.replacen(&format!("id = \"{id}\""), &format!("id = \"{id}-copy\""), 1);
        let file = dir.path().join(format!("{id}.toml"));
        std::fs::write(&file, &copy).unwrap();
        let imported = cli(dir.path(), &["framework", "import", file.to_str().unwrap()]);
        assert!(imported.status.success(), "{id}: {}", stderr(&imported));
        let store = Store::open(dir.path()).unwrap();
        let mut back = framework::available(&store).unwrap().into_iter().find(|f| f.id == format!("{id}-copy")).unwrap();
        back.id = id.into();
        assert_eq!(back, original, "{id} did not survive show and import");
    }
    // Without an id, the framework in use.
    let out = cli(dir.path(), &["framework", "show"]);
    assert!(stdout(&out).contains("id = \"sos-2024\""), "{}", stdout(&out));
    let out = cli(dir.path(), &["framework", "show", "nope"]);
    assert!(!out.status.success() && stderr(&out).contains("there is no framework `nope`"), "{}", stderr(&out));
}

#[test]
fn a_framework_with_incomplete_vocabulary_is_refused_naming_the_missing_field() {
    let dir = tempdir();
    for field in ["award", "organisation", "learners", "head", "page_limit", "pledge"] {
        let text: String = college_toml().lines().filter(|l| !l.starts_with(&format!("{field} = "))).map(|l| format!("{l}\n")).collect();
        let file = dir.path().join(format!("no-{field}.toml"));
        std::fs::write(&file, text).unwrap();
        let out = cli(dir.path(), &["framework", "import", file.to_str().unwrap()]);
        assert!(!out.status.success(), "a framework without `{field}` was imported");
        let err = stderr(&out);
        assert!(err.contains("vocabulary is incomplete") && err.contains(&format!("`{field}`")), "{field}: {err}");
    }
    // An empty word is as incomplete as a missing one; a pledge naming no criterion is refused.
    let empty = college_toml().replace("learners = \"students\"", "learners = \" \"");
    let err = framework::parse(&empty, "c.toml").unwrap_err().to_string();
    assert!(err.contains("`learners` must not be empty"), "{err}");
    let wrong = college_toml().replace("pledge = \"col-3\"", "pledge = \"col-99\"");
    let err = framework::parse(&wrong, "c.toml").unwrap_err().to_string();
    assert!(err.contains("`pledge` names criterion `col-99`") && err.contains("line 11"), "{err}");
    let limit = college_toml().replace("page_limit = 10", "page_limit = \"ten\"");
    let err = framework::parse(&limit, "c.toml").unwrap_err().to_string();
    assert!(err.contains("`page_limit` must be a number of pages"), "{err}");
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(framework::available(&store).unwrap().len(), 2, "nothing was imported");
}

#[test]
fn a_framework_imported_before_frameworks_had_words_keeps_working_as_a_schools_one() {
    let dir = tempdir();
    let store = Store::open(dir.path()).unwrap();
    // As an earlier release stored it: no award, organisation, learners, head, page limit or pledge.
    let old = serde_json::json!({
        "id": "old-local", "name": "Schools of Sanctuary (our city)", "wording": "2023", "stream": "schools",
        "levels": ["Not started", "Developing", "Established", "Embedded"],
        "strands": [{"key": "share", "name": "Share", "summary": ""}],
        "criteria": [{"key": "public-pledge", "number": 1, "strand": "share", "title": "Pledge", "summary": ""}]
    });
    store
        .conn()
        .execute("INSERT INTO imported_framework (id, source, imported_at) VALUES ('old-local', ?1, '2025-01-01T00:00:00Z')", [old.to_string()])
        .unwrap();
    let fw = framework::available(&store).unwrap().into_iter().find(|f| f.id == "old-local").expect("still listed");
    assert_eq!((fw.organisation.as_str(), fw.learners.as_str(), fw.page_limit, fw.pledge.as_str()), ("school", "pupils", Some(8), "public-pledge"));
}

#[test]
fn no_audit_level_is_named_after_a_strand() {
    // "Embedded" beside the "Embed" strand made coordinators read the scale as the strand.
    for fw in framework::builtin() {
        for level in fw.levels.iter().chain(&fw.levels_cy) {
            for strand in &fw.strands {
                for name in [&strand.name, &strand.name_cy] {
                    let stem: String = name.to_lowercase().chars().take(5).collect();
                    assert!(stem.is_empty() || !level.to_lowercase().contains(&stem), "{}: level `{level}` echoes strand `{name}`", fw.id);
                }
            }
        }
    }
}

#[test]
fn the_readme_documents_a_complete_framework_file_that_imports() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("```toml\nid = \"colleges-2025\"").expect("the README shows a framework file");
    let body = &readme[start + "```toml\n".len()..];
    let body = &body[..body.find("```").unwrap()];
    let fw = framework::parse(body, "README.md").unwrap();
    assert_eq!((fw.organisation.as_str(), fw.page_limit), ("college", Some(10)));
    assert!(fw.criteria.len() >= 2 && !fw.levels.iter().any(|l| l == "Embedded"));
}

/// Ireland's programme as a framework: Learn – Action – Share, Member and Champion levels, Ireland only.
fn ireland_toml() -> String {
    "id = \"ie-test\"\nname = \"Schools of Sanctuary Ireland (test)\"\nwording = \"charter (test)\"\nstream = \"schools\"\n\
     award = \"School of Sanctuary\"\norganisation = \"school\"\nlearners = \"students\"\nhead = \"principal\"\n\
     page_limit = \"none\"\npledge = \"ie-charter\"\nlevels = [\"Not yet\", \"Under way\", \"In place\"]\n\
     award_levels = [\"Member\", \"Champion\"]\naward_levels_cy = [\"Aelod\", \"Pencampwr\"]\nnations = [\"Ireland\"]\n\n\
     [[strands]]\nkey = \"learn\"\nname = \"Learn\"\n\n[[strands]]\nkey = \"action\"\nname = \"Action\"\n\n\
     [[strands]]\nkey = \"share\"\nname = \"Share\"\n\n\
     [[criteria]]\nkey = \"ie-learn\"\nnumber = 1\nstrand = \"learn\"\ntitle = \"Staff and students learn\"\n\n\
     [[criteria]]\nkey = \"ie-committee\"\nnumber = 2\nstrand = \"action\"\ntitle = \"A sanctuary committee acts\"\n\n\
     [[criteria]]\nkey = \"ie-charter\"\nnumber = 3\nstrand = \"share\"\ntitle = \"The charter is signed and shown\"\n"
        .to_string()
}

#[test]
fn an_irish_school_applies_for_a_level_with_its_roll_number_and_principal() {
    let dir = tempdir();
    let (mut store, fw) = organisation_using(dir.path(), &ireland_toml(), "ie.toml", "Scoil Naomh Bríd");
    assert_eq!(fw.nations, ["Ireland"]);
    let mut s = school::load(&mut store, now()).unwrap();
    s.nation = "Ireland".into();
    s.urn = "12345a".into();
    // A level that is not the framework's is refused, and nothing of the form is stored.
    s.award_level = "Gold".into();
    let err = school::save(&mut store, &s, now()).unwrap_err();
    assert!(matches!(&err, sanctuary::Error::Rule { code, .. } if *code == "award_level_unknown"), "{err:?}");
    assert!(err.to_string().contains("Member, Champion"), "{err}");
    assert_eq!(school::load(&mut store, now()).unwrap().nation, "England");
    s.award_level = "Champion".into();
    let saved = school::save(&mut store, &s, now()).unwrap();
    assert_eq!((saved.urn.as_str(), saved.award_level.as_str()), ("12345A", "Champion"));

    let text = export_text(&store, &dir.path().join("ie.pdf"), Lang::En);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in ["Level applied for Champion", "Roll number 12345A", "Principal Dr Ada Example", "grouped under Learn, Action and Share"] {
        assert!(flat.contains(expected), "the Irish portfolio lacks `{expected}`:\n{flat}");
    }
    assert!(!flat.contains("Headteacher") && !flat.contains("URN"), "{flat}");
    let cy = export_text(&store, &dir.path().join("ie-cy.pdf"), Lang::Cy);
    assert!(cy.split_whitespace().collect::<Vec<_>>().join(" ").contains("Pencampwr"), "{cy}");

    // Switching to a framework without levels keeps the stored level and never blocks a save; the
    // cover shows no level then.
    school::choose_framework(&mut store, "sos-2024", now()).unwrap();
    let mut s = school::load(&mut store, now()).unwrap();
    s.name = "Scoil Naomh Bríd (renamed)".into();
    school::save(&mut store, &s, now()).unwrap();
    let text = export_text(&store, &dir.path().join("sos.pdf"), Lang::En);
    assert!(!text.contains("Level applied for"), "{text}");
}
