//! A school's own draft in Word's shape (headings in its own words, a bold strand line, the
//! two-column table, lists and bold) brought in criterion by criterion; the same through
//! LibreOffice; and the app's own export coming back edited.

use std::path::{Path, PathBuf};
use std::process::Command;

use sanctuary::application_import::{self, DraftChoice};
use sanctuary::audit::{self, Account};

use super::{docx, export_application, p, r, unzip, write, zip_parts};
use crate::support::{demo_store, now, tempdir};

fn item(num_id: u32, text: &str) -> String {
    format!(r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>{}</w:p>"#, r("", text))
}

fn cell(inner: &str) -> String {
    format!("<w:tc>{inner}</w:tc>")
}

fn row(a: &str, b: &str) -> String {
    format!("<w:tr>{}{}</w:tr>", cell(&p(None, &r("", a))), cell(&p(None, b)))
}

/// The draft a coordinator might have started in Word before she found the app.
fn school_draft() -> Vec<u8> {
    let body = [
        p(Some("Title"), &r("", "Schools of Sanctuary application – Brookfield Primary")),
        p(None, &r("", "Brookfield is a two-form entry primary school in the city centre.")),
        p(None, &r("<w:b/>", "LEARN")),
        p(Some("Heading2"), &r("", "Criterion 1 – Staff and governors learn")),
        p(None, &[r("", "Every member of staff had "), r("<w:b/>", "two INSET sessions"), r("", " this year:")].concat()),
        item(1, "an introduction from the local refugee charity"),
        item(1, "a session on trauma-informed practice"),
        p(None, &[r("<w:b/>", "Criterion 2: "), r("<w:b/>", "Pupils understand forced migration")].concat()),
        p(None, &[r("", "Each year group reads a "), r("<w:i/>", "sanctuary story"), r("", " in the spring term.")].concat()),
        item(2, "Year 3 read The Journey"),
        item(2, "Year 6 wrote to our MP"),
        format!(
            "<w:tbl>{}{}{}</w:tbl>",
            row("Criterion", &r("<w:b/>", "What we do")),
            row("3. Practice and provision reviewed", &r("", "We reviewed our admissions and induction with parents.")),
            row("Refugee Week and celebrations", &r("", "Refugee Week is the high point of our summer term.")),
        ),
        p(None, &r("", "6) Public pledge")),
        p(None, &r("", "The governors endorsed the pledge at their March meeting.")),
        p(Some("Heading1"), &r("", "Contacts")),
        p(None, &r("", "Ring the school office for anything else.")),
    ]
    .concat();
    docx(&body, None)
}

fn text_of(proposal: &application_import::Proposal, key: &str) -> String {
    proposal.accounts.iter().find(|a| a.criterion_key == key).map(|a| a.proposed.clone()).unwrap_or_else(|| panic!("nothing proposed for {key}: {proposal:#?}"))
}

fn check_school_draft(store: &sanctuary::Store, path: &Path) -> application_import::Proposal {
    let fw = sanctuary::school::framework(store).unwrap();
    let proposal = application_import::propose(store, &fw, path).unwrap();
    let keys: Vec<&str> = proposal.accounts.iter().map(|a| a.criterion_key.as_str()).collect();
    assert_eq!(keys, ["staff-learning", "pupil-learning", "welcoming-practice", "celebration-events", "public-pledge"], "{proposal:#?}");
    assert!(proposal.accounts.iter().all(|a| a.account == Account::Narrative));
    assert_eq!(
        text_of(&proposal, "staff-learning"),
        "Every member of staff had **two INSET sessions** this year:\n\n- an introduction from the local refugee charity\n- a session on trauma-informed practice"
    );
    assert_eq!(
        text_of(&proposal, "pupil-learning"),
        "Each year group reads a *sanctuary story* in the spring term.\n\n1. Year 3 read The Journey\n2. Year 6 wrote to our MP"
    );
    assert_eq!(text_of(&proposal, "welcoming-practice"), "We reviewed our admissions and induction with parents.");
    assert_eq!(text_of(&proposal, "celebration-events"), "Refugee Week is the high point of our summer term.");
    assert_eq!(text_of(&proposal, "public-pledge"), "The governors endorsed the pledge at their March meeting.");
    let left = proposal.left_out.join("\n");
    assert!(left.contains("two-form entry primary school"), "the introduction is listed as left out: {left}");
    assert!(left.contains("Ring the school office"), "{left}");
    assert!(!left.contains("What we do"), "a table's header row is not text: {left}");
    proposal
}

#[test]
fn a_school_draft_in_words_shape_comes_in_criterion_by_criterion() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let fw = sanctuary::school::framework(&store).unwrap();
    for c in &fw.criteria {
        audit::set_narrative(&mut store, &fw, &c.key, "", now()).unwrap();
    }
    audit::set_narrative(&mut store, &fw, "public-pledge", "Our own words, kept.", now()).unwrap();
    let path = write(dir.path(), "Our SoS application DRAFT v3.docx", &school_draft());
    let proposal = check_school_draft(&store, &path);
    let pledge = proposal.accounts.iter().find(|a| a.criterion_key == "public-pledge").unwrap();
    assert!(pledge.replaces && pledge.current == "Our own words, kept.");

    // Nothing is written by proposing; then an account with text is kept unless chosen.
    assert_eq!(audit::narrative(&store, "staff-learning").unwrap(), "");
    let applied = application_import::apply(&mut store, &fw, &path, None, false, now()).unwrap();
    assert_eq!(applied.written.len(), 4);
    assert_eq!(applied.kept, [DraftChoice { criterion_key: "public-pledge".into(), account: Account::Narrative }]);
    assert_eq!(audit::narrative(&store, "public-pledge").unwrap(), "Our own words, kept.");
    assert!(audit::narrative(&store, "staff-learning").unwrap().contains("- a session on trauma-informed practice"));
    application_import::apply(&mut store, &fw, &path, None, true, now()).unwrap();
    assert_eq!(audit::narrative(&store, "public-pledge").unwrap(), "The governors endorsed the pledge at their March meeting.");

    // As ticked in the window: only what was chosen.
    audit::set_narrative(&mut store, &fw, "learner-voice", "", now()).unwrap();
    audit::set_narrative(&mut store, &fw, "staff-learning", "Changed since.", now()).unwrap();
    let only = [DraftChoice { criterion_key: "celebration-events".into(), account: Account::Narrative }];
    application_import::apply(&mut store, &fw, &path, Some(&only), false, now()).unwrap();
    assert_eq!(audit::narrative(&store, "staff-learning").unwrap(), "Changed since.");
}

#[test]
fn a_file_that_is_not_a_word_draft_is_refused_clearly() {
    let dir = tempdir();
    let store = demo_store(dir.path());
    let fw = sanctuary::school::framework(&store).unwrap();
    let pdf = write(dir.path(), "draft.pdf", b"%PDF-1.4");
    assert_eq!(application_import::propose(&store, &fw, &pdf).unwrap_err().code(), "draft_not_word");
    let broken = write(dir.path(), "draft.docx", b"not a zip");
    assert_eq!(application_import::propose(&store, &fw, &broken).unwrap_err().code(), "draft_unreadable");
}

/// `docx` converted by LibreOffice to `ext` in `out`, or None when LibreOffice is not installed.
fn libreoffice(docx: &Path, ext: &str, out: &Path) -> Option<PathBuf> {
    std::fs::create_dir_all(out).unwrap();
    let profile = format!("-env:UserInstallation=file://{}", out.join("profile").display());
    let o = match Command::new("soffice").args([&profile, "--headless", "--convert-to", ext, "--outdir"]).arg(out).arg(docx).output() {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            println!("skipped: soffice (LibreOffice) is not installed");
            return None;
        }
        Err(e) => panic!("cannot run soffice: {e}"),
    };
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stem = docx.file_stem().unwrap().to_string_lossy().into_owned();
    Some(out.join(format!("{stem}.{ext}")))
}

#[test]
fn a_draft_written_by_libreoffice_comes_in_the_same() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let fw = sanctuary::school::framework(&store).unwrap();
    for c in &fw.criteria {
        audit::set_narrative(&mut store, &fw, &c.key, "", now()).unwrap();
    }
    let path = write(dir.path(), "draft.docx", &school_draft());
    let Some(odt) = libreoffice(&path, "odt", &dir.path().join("odt")) else { return };
    check_school_draft(&store, &odt);
    let Some(again) = libreoffice(&odt, "docx", &dir.path().join("docx")) else { return };
    check_school_draft(&store, &again);
}

#[test]
fn the_apps_own_export_edited_in_word_comes_back_into_its_accounts() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let fw = sanctuary::school::framework(&store).unwrap();
    audit::set_narrative(&mut store, &fw, "learner-voice", "Our pupils run a welcome club.", now()).unwrap();
    let patch = audit::Patch { gaps: Some("We have no pupil survey yet.".into()), ..Default::default() };
    audit::set(&mut store, &fw, "learner-voice", &patch, now()).unwrap();
    let exported = export_application(&store, &dir.path().join("application.docx"));
    let mut parts = unzip(&std::fs::read(&exported).unwrap());
    for (name, xml) in parts.iter_mut() {
        if name == "word/document.xml" {
            assert!(xml.contains("Our pupils run a welcome club."));
            *xml = xml.replace("Our pupils run a welcome club.", "Our pupils run a welcome club every Tuesday.");
            *xml = xml.replace("We have no pupil survey yet.", "We have no pupil survey yet; one is planned for June.");
        }
    }
    let edited = write(dir.path(), "application edited.docx", &zip_parts(&parts));
    let proposal = application_import::propose(&store, &fw, &edited).unwrap();
    let voice: Vec<_> = proposal.accounts.iter().filter(|a| a.criterion_key == "learner-voice").collect();
    let narrative = voice.iter().find(|a| a.account == Account::Narrative).unwrap();
    assert_eq!(narrative.proposed, "Our pupils run a welcome club every Tuesday.");
    let gaps = voice.iter().find(|a| a.account == Account::Gaps).unwrap();
    assert_eq!(gaps.proposed, "We have no pupil survey yet; one is planned for June.");
    for a in &proposal.accounts {
        assert!(!a.proposed.contains("Not written yet.") && !a.proposed.contains("Self-assessment"), "{a:#?}");
    }
    application_import::apply(&mut store, &fw, &edited, None, true, now()).unwrap();
    assert_eq!(audit::narrative(&store, "learner-voice").unwrap(), "Our pupils run a welcome club every Tuesday.");
    assert_eq!(audit::get(&store, "learner-voice").unwrap().gaps, "We have no pupil survey yet; one is planned for June.");
}

#[test]
fn the_command_line_brings_a_draft_and_a_review_in() {
    use crate::support::{cli, stdout};
    let dir = tempdir();
    let data = dir.path().join("data");
    drop(demo_store(dir.path()));
    let draft = write(dir.path(), "draft.docx", &school_draft());
    let dry = cli(&data, &["application", "import", draft.to_str().unwrap(), "--dry-run"]);
    assert!(dry.status.success(), "{}", crate::support::stderr(&dry));
    let out = stdout(&dry);
    assert!(out.contains("Criterion 1. Staff and governors learn — our account"), "{out}");
    assert!(out.contains("- an introduction from the local refugee charity"), "{out}");
    assert!(out.contains("Left out") && out.contains("Dry run: nothing was changed."), "{out}");
    let store = sanctuary::Store::open(&data).unwrap();
    assert!(!audit::narrative(&store, "welcoming-practice").unwrap().contains("admissions and induction"));
    drop(store);
    let done = cli(&data, &["application", "import", draft.to_str().unwrap(), "--replace"]);
    assert!(stdout(&done).contains("Brought in 5 accounts"), "{}", stdout(&done));
    let store = sanctuary::Store::open(&data).unwrap();
    assert_eq!(audit::narrative(&store, "welcoming-practice").unwrap(), "We reviewed our admissions and induction with parents.");
    drop(store);
    let none = cli(&data, &["feedback", "import", draft.to_str().unwrap()]);
    assert!(!none.status.success());
    assert!(crate::support::stderr(&none).contains("no comments or tracked changes"), "{}", crate::support::stderr(&none));
}
