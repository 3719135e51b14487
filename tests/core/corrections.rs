//! Correcting what was added: one rule for what is in the portfolio (Readiness, the overview, the
//! Audit screen's exhibit pickers and the export agree), many items changed in one step with one
//! undo, quotes' automatic titles, and the CLI's edit commands.

use std::path::Path;

use image::{ImageBuffer, Rgb};
use sanctuary::evidence::{self, bulk, Filter, ImportOptions};
use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions};
use sanctuary::Store;

use crate::support::{cli, now, pdftotext, stderr, stdout, tempdir};

/// A small JPEG drawn in `shade`, so that every photo is a different file.
fn jpeg(shade: u8) -> Vec<u8> {
    let img = ImageBuffer::from_fn(64, 48, |x, y| Rgb([shade, (x * 3) as u8, (y * 5) as u8]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(&img).unwrap();
    out
}

/// Imports one photo titled `title` with `consent` on `criteria`; its id.
fn photo(store: &mut Store, dir: &Path, title: &str, shade: u8, consent: &str, criteria: &[&str]) -> String {
    let path = dir.join(format!("{}.jpg", title.replace(' ', "-")));
    std::fs::write(&path, jpeg(shade)).unwrap();
    let opts = ImportOptions {
        criteria: criteria.iter().map(|c| c.to_string()).collect(),
        consent: Some(sanctuary::evidence::Consent::parse(consent).unwrap()),
        ..ImportOptions::default()
    };
    let report = evidence::import(store, &[path], &opts, &Job::silent(), now()).unwrap();
    assert_eq!(report.added.len(), 1, "{report:?}");
    let id = evidence::list(store, &Filter::default()).unwrap().last().unwrap().id.clone();
    let mut item = evidence::get(store, &id).unwrap();
    item.title = title.to_string();
    evidence::update(store, &item, now()).unwrap();
    id
}

#[test]
fn readiness_overview_pickers_and_export_agree_on_what_is_in_the_portfolio() {
    let dir = tempdir();
    let files = dir.path().join("files");
    std::fs::create_dir(&files).unwrap();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let key = "learner-voice";
    photo(&mut store, &files, "Alpha consented", 10, "given", &[key]);
    photo(&mut store, &files, "Bravo unconsented", 40, "missing", &[key]);
    let excluded = photo(&mut store, &files, "Charlie excluded", 80, "given", &[key]);
    photo(&mut store, &files, "Delta facesnothidden", 120, "given_hidden", &[key]);
    let hidden = photo(&mut store, &files, "Echo faceshidden", 160, "given_hidden", &[key]);
    evidence::add_quote(&mut store, "Foxtrot we all belong here", "Pupil, Year 4", &[key.to_string()], now()).unwrap();

    let mut item = evidence::get(&store, &excluded).unwrap();
    item.include_in_export = false;
    evidence::update(&mut store, &item, now()).unwrap();
    let area = evidence::redact::Region::rect(0.1, 0.1, 0.3, 0.3).unwrap();
    let redaction = evidence::redact::Redaction { regions: vec![area], ..Default::default() };
    evidence::redact::set(&mut store, &hidden, &redaction, None, now()).unwrap();

    let inside = ["Alpha consented", "Echo faceshidden", "Foxtrot we all belong here"];
    let outside = ["Bravo unconsented", "Charlie excluded", "Delta facesnothidden"];
    let today = now().date_naive();

    let overview = sanctuary::status::overview(&store, today).unwrap();
    let counted = overview.criteria.iter().find(|c| c.key == key).unwrap().evidence;
    assert_eq!(counted, inside.len(), "the overview counts only what the export prints");
    let ready = sanctuary::readiness::report(&store, today).unwrap();
    let counted = ready.criteria.iter().find(|c| c.status.key == key).unwrap().status.evidence;
    assert_eq!(counted, inside.len(), "Readiness counts only what the export prints");

    let pickers: Vec<String> = portfolio::exhibits(&store).unwrap().into_iter().map(|x| x.title).collect();
    assert_eq!(pickers, inside, "the Audit screen's pickers offer exactly the exhibits");
    let numbers = evidence::exhibit_numbers(&store).unwrap();
    assert_eq!(numbers.len(), inside.len(), "the tiles number exactly the exhibits");

    let out = dir.path().join("p.pdf");
    let report = portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    assert_eq!(report.left_out, ["Bravo unconsented", "Delta facesnothidden"], "left out for consent, and said so");
    let text = pdftotext(&[out.to_str().unwrap()]).split_whitespace().collect::<Vec<_>>().join(" ");
    for title in inside {
        assert!(text.contains(title), "{title} is in the portfolio: {text}");
    }
    for title in outside {
        assert!(!text.contains(title), "{title} is not in the portfolio");
    }

    // Once consent is recorded for the unconsented photo, all of them count it at once.
    let fw = sanctuary::school::framework(&store).unwrap();
    let unconsented = evidence::list(&store, &Filter::default()).unwrap()[1].id.clone();
    let edit = bulk::BulkEdit { ids: vec![unconsented], consent: Some(sanctuary::evidence::Consent::Given), ..Default::default() };
    bulk::apply(&mut store, &fw, &edit, now()).unwrap();
    let ready = sanctuary::readiness::report(&store, today).unwrap();
    assert_eq!(ready.criteria.iter().find(|c| c.status.key == key).unwrap().status.evidence, 4);
    assert_eq!(portfolio::exhibits(&store).unwrap().len(), 4);
}

#[test]
fn a_quotes_automatic_title_ends_at_a_word() {
    let text = "We learned about why people had to leave their homes and how we can help them feel welcome";
    let title = evidence::quote::auto_title(text);
    assert_eq!(title, "We learned about why people had to leave their…");
    assert_eq!(evidence::quote::auto_title("  Everyone is\nwelcome here  "), "Everyone is welcome here", "a short quote is its own title");
    assert_eq!(evidence::quote::auto_title(&"a".repeat(60)).chars().count(), 49, "one endless word is cut, as nothing else fits");
    assert_eq!(
        evidence::quote::auto_title("Children from Syria, Ukraine, Afghanistan, Eritrea, Sudan and many more"),
        "Children from Syria, Ukraine, Afghanistan…",
        "no comma before the ellipsis"
    );

    // As the library stores it, and so as the window and the PDF show it.
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let item = evidence::add_quote(&mut store, text, "Pupil, Year 6", &[], now()).unwrap();
    assert_eq!(item.title, "We learned about why people had to leave their…");
}

#[test]
fn many_items_change_in_one_step_and_one_undo_puts_them_back() {
    let dir = tempdir();
    let files = dir.path().join("files");
    std::fs::create_dir(&files).unwrap();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let fw = sanctuary::school::framework(&store).unwrap();
    let ids: Vec<String> =
        (0..5).map(|i| photo(&mut store, &files, &format!("IMG 000{i}"), 30 * i as u8 + 5, "missing", &["staff-learning"])).collect();
    let before = evidence::list(&store, &Filter::default()).unwrap();

    // Chosen in any order, numbered in exhibit order.
    let mut chosen = ids.clone();
    chosen.reverse();
    chosen.truncate(4);
    let edit = bulk::BulkEdit {
        ids: chosen,
        consent: Some(sanctuary::evidence::Consent::Given),
        add_criteria: vec!["celebration-events".into()],
        remove_criteria: vec!["staff-learning".into()],
        caption: Some("Our Refugee Week assembly".into()),
        title: Some("Refugee Week {n}".into()),
    };
    let undo = bulk::apply(&mut store, &fw, &edit, now()).unwrap();
    let after = evidence::list(&store, &Filter::default()).unwrap();
    assert_eq!(after[0].title, "IMG 0000", "the item not chosen is unchanged");
    assert_eq!(after[0].consent, sanctuary::evidence::Consent::Missing);
    for (n, it) in after[1..].iter().enumerate() {
        assert_eq!(it.title, format!("Refugee Week {}", n + 1));
        assert_eq!(it.consent, sanctuary::evidence::Consent::Given);
        assert_eq!(it.caption, "Our Refugee Week assembly");
        assert_eq!(it.criteria, ["celebration-events"]);
    }

    bulk::undo(&mut store, &undo, now()).unwrap();
    assert_eq!(evidence::list(&store, &Filter::default()).unwrap(), before, "one undo puts all five back");

    // A refused edit changes nothing: an unknown criterion, no items, or one deleted item among them.
    let err = bulk::apply(&mut store, &fw, &bulk::BulkEdit { ids: ids.clone(), add_criteria: vec!["nope".into()], ..Default::default() }, now()).unwrap_err();
    assert_eq!(err.code(), "evidence_unknown_criterion");
    let err = bulk::apply(&mut store, &fw, &bulk::BulkEdit::default(), now()).unwrap_err();
    assert_eq!(err.code(), "bulk_none_chosen");
    evidence::delete(&mut store, &ids[4], now()).unwrap();
    let edit = bulk::BulkEdit { ids: ids.clone(), consent: Some(sanctuary::evidence::Consent::Given), ..Default::default() };
    assert!(bulk::apply(&mut store, &fw, &edit, now()).is_err());
    assert!(evidence::list(&store, &Filter::default()).unwrap().iter().all(|it| it.consent == sanctuary::evidence::Consent::Missing), "nothing changed");
}

/// The 8-character id the CLI printed after "Added ".
fn added_id(out: &str) -> String {
    out.split_whitespace().nth(1).unwrap_or_else(|| panic!("no id in {out}")).to_string()
}

fn ok(data: &Path, args: &[&str]) -> String {
    let o = cli(data, args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

#[test]
fn cli_edits_an_action_an_item_and_feedback_and_deletes_feedback_with_undo() {
    let dir = tempdir();
    let data = dir.path();

    // The plan.
    let id = added_id(&ok(data, &["plan", "add", "Coffee morning", "--criterion", "7"]));
    ok(data, &["plan", "edit", &id, "--text", "Coffee afternoon", "--owner", "Mrs Khan", "--criterion", "5", "--criterion", "7", "--due", "2027-03-04"]);
    {
        let store = Store::open(data).unwrap();
        let fw = sanctuary::school::framework(&store).unwrap();
        let a = &sanctuary::plan::list_all(&store).unwrap()[0];
        assert_eq!((a.action.as_str(), a.owner.as_str()), ("Coffee afternoon", "Mrs Khan"));
        let numbers: Vec<u32> = a.criteria.iter().map(|k| fw.criterion(k).unwrap().number).collect();
        assert_eq!(numbers, [5, 7]);
        assert_eq!(a.due_date, chrono::NaiveDate::from_ymd_opt(2027, 3, 4));
    }
    assert!(ok(data, &["plan", "list"]).contains("Coffee afternoon"));

    // An evidence item: a quote's words, speaker, title, caption and criteria.
    ok(data, &["evidence", "quote", "I", "felt", "welcome", "--by", "Pupil, Year 5", "--criterion", "3"]);
    ok(data, &["evidence", "edit", "E1", "--title", "Feeling welcome", "--caption", "Circle time", "--criterion", "5", "--quote", "I felt welcome from day one", "--by", "Pupil, Year 6"]);
    {
        let store = Store::open(data).unwrap();
        let fw = sanctuary::school::framework(&store).unwrap();
        let it = &evidence::list(&store, &Filter::default()).unwrap()[0];
        assert_eq!((it.title.as_str(), it.caption.as_str()), ("Feeling welcome", "Circle time"));
        assert_eq!((it.quote_text.as_str(), it.attribution.as_str()), ("I felt welcome from day one", "Pupil, Year 6"));
        assert_eq!(it.criteria, [fw.criteria.iter().find(|c| c.number == 5).unwrap().key.clone()]);
    }
    let listed = ok(data, &["evidence", "list"]);
    assert!(listed.contains("I felt welcome from day one") && listed.contains("criteria 5"), "{listed}");
    let o = cli(data, &["evidence", "edit", "E1", "--title", ""]);
    assert!(!o.status.success(), "an empty title is refused");
    assert!(ok(data, &["evidence", "list"]).contains("I felt welcome from day one"), "and nothing is lost");

    // Feedback: a round and a comment edited, deleted and brought back.
    let round = added_id(&ok(data, &["feedback", "add", "draft", "review", "--from", "Local lead"]));
    let comment = added_id(&ok(data, &["feedback", "comment", &round, "Say more about staff training", "--kind", "improvement", "--criterion", "2"]));
    ok(data, &["feedback", "edit", &round, "--summary", "Good start", "--from", "Ms Ahmed, local lead"]);
    ok(data, &["feedback", "edit", &comment, "--text", "Say more about training for support staff", "--kind", "question", "--criterion", "general"]);
    let listed = ok(data, &["feedback", "list"]);
    assert!(listed.contains("Ms Ahmed, local lead") && listed.contains("Good start"), "{listed}");
    assert!(listed.contains("question (general): Say more about training for support staff"), "{listed}");
    let o = cli(data, &["feedback", "edit", &round, "--text", "x"]);
    assert!(!o.status.success() && stderr(&o).contains("round"), "a round's options are a round's: {}", stderr(&o));

    let said = ok(data, &["feedback", "delete", &comment]);
    assert!(said.contains(&format!("sanctuary feedback undo {comment}")), "{said}");
    assert!(!ok(data, &["feedback", "list"]).contains("support staff"));
    ok(data, &["feedback", "undo", &comment]);
    assert!(ok(data, &["feedback", "list"]).contains("support staff"));

    ok(data, &["feedback", "delete", &round]);
    assert!(ok(data, &["feedback", "list"]).contains("No feedback recorded yet."));
    ok(data, &["feedback", "undo", &round]);
    let listed = ok(data, &["feedback", "list"]);
    assert!(listed.contains("Good start") && listed.contains("support staff"), "the round comes back with its comments: {listed}");
}
