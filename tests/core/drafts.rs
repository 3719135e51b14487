//! Drafts of fields: put, replace, list by screen, clear after the field saves, kept across closing
//! and reopening the data folder, refused for a code no window can word, and cleared by the demo.

use sanctuary::drafts::{self, DraftKey, FieldDraft};
use sanctuary::error::Param;
use sanctuary::{school, Error, Store};

use crate::support::{now, tempdir};

fn key(screen: &str, record: &str, field: &str) -> DraftKey {
    DraftKey { screen: screen.into(), record: record.into(), field: field.into() }
}

fn urn_draft(text: &str) -> FieldDraft {
    FieldDraft {
        key: key("school", "", "urn"),
        text: text.into(),
        base: String::new(),
        code: "school_identifier".into(),
        params: [("value".to_string(), Param::Text(text.into())), ("digits".to_string(), Param::Number(6))].into(),
        updated_at: String::new(),
    }
}

#[test]
fn a_draft_is_put_replaced_and_survives_reopening() {
    let dir = tempdir();
    {
        let mut store = Store::open(dir.path()).unwrap();
        drafts::put(&mut store, &urn_draft("1234567"), now()).unwrap();
        // The same field again replaces, never adds.
        let kept = drafts::put(&mut store, &urn_draft("12345678"), now()).unwrap();
        assert_eq!(kept.updated_at, now().to_rfc3339());
        let mut date = urn_draft("31/02/2027");
        date.key = key("plan", "new", "dueDate");
        date.code = "date_not_valid".into();
        drafts::put(&mut store, &date, now()).unwrap();
        let all = drafts::list(&store, None).unwrap();
        assert_eq!(all.len(), 2);
    }
    // Closed and opened again, as when the window is closed and the app started the next day.
    let store = Store::open(dir.path()).unwrap();
    let school_drafts = drafts::list(&store, Some("school")).unwrap();
    assert_eq!(school_drafts.len(), 1);
    let d = &school_drafts[0];
    assert_eq!(d.text, "12345678");
    assert_eq!(d.code, "school_identifier");
    assert_eq!(d.params.get("digits"), Some(&Param::Number(6)));
    assert_eq!(d.params.get("value"), Some(&Param::Text("12345678".into())));
    let plan = drafts::list(&store, Some("plan")).unwrap();
    assert_eq!(plan[0].key, key("plan", "new", "dueDate"));
    assert_eq!(plan[0].text, "31/02/2027");
}

#[test]
fn a_draft_is_cleared_once_its_field_saves_and_the_rest_is_kept() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let mut s = school::load(&mut store, now()).unwrap();
    // The refused save stores nothing, and its text is kept as a draft.
    s.urn = "1234567".into();
    let refused = school::save(&mut store, &s, now()).unwrap_err();
    let Error::Rule { code, params, .. } = refused else { panic!("a rule was expected") };
    assert_eq!(code, "school_identifier");
    drafts::put(&mut store, &FieldDraft { params, ..urn_draft("1234567") }, now()).unwrap();
    // The other fields still save, with the stored identifier.
    let mut rest = school::find(&store).unwrap().unwrap();
    rest.headteacher = "Ms Begum".into();
    school::save(&mut store, &rest, now()).unwrap();
    assert_eq!(drafts::list(&store, Some("school")).unwrap().len(), 1);
    // A valid identifier saves; its draft is then forgotten, and only that one.
    let mut other = urn_draft("x");
    other.key.field = "webPage".into();
    other.code = "text_too_long".into();
    drafts::put(&mut store, &other, now()).unwrap();
    rest.urn = "123456".into();
    school::save(&mut store, &rest, now()).unwrap();
    assert!(drafts::clear(&mut store, &key("school", "", "urn")).unwrap());
    assert!(!drafts::clear(&mut store, &key("school", "", "urn")).unwrap(), "a second clear finds nothing");
    let left: Vec<String> = drafts::list(&store, Some("school")).unwrap().into_iter().map(|d| d.key.field).collect();
    assert_eq!(left, ["webPage"]);
    let saved = school::find(&store).unwrap().unwrap();
    assert_eq!((saved.urn.as_str(), saved.headteacher.as_str()), ("123456", "Ms Begum"));
}

#[test]
fn a_draft_with_a_code_no_window_can_word_is_refused() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let mut d = urn_draft("1");
    d.code = "made_up".into();
    match drafts::put(&mut store, &d, now()).unwrap_err() {
        Error::Rule { code, .. } => assert_eq!(code, "draft_unknown_code"),
        other => panic!("expected a rule, got {other}"),
    }
    let mut nameless = urn_draft("1");
    nameless.key.field = " ".into();
    assert!(drafts::put(&mut store, &nameless, now()).is_err());
    assert!(drafts::list(&store, None).unwrap().is_empty());
}

#[test]
fn a_very_long_draft_is_cut_not_refused_and_a_record_can_be_cleared() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let mut long = urn_draft(&"9".repeat(drafts::MAX_TEXT + 50));
    long.key = key("commitments", "c1", "due");
    drafts::put(&mut store, &long, now()).unwrap();
    let mut what = urn_draft("too long");
    what.key = key("commitments", "c1", "what");
    drafts::put(&mut store, &what, now()).unwrap();
    drafts::put(&mut store, &urn_draft("1234567"), now()).unwrap();
    let kept = drafts::list(&store, Some("commitments")).unwrap();
    assert_eq!(kept.iter().find(|d| d.key.field == "due").unwrap().text.chars().count(), drafts::MAX_TEXT);
    assert_eq!(drafts::clear_record(&mut store, "commitments", "c1").unwrap(), 2);
    assert_eq!(drafts::list(&store, None).unwrap().len(), 1, "the school's draft is not the record's");
}

#[test]
fn loading_the_demo_clears_the_drafts() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    drafts::put(&mut store, &urn_draft("1234567"), now()).unwrap();
    sanctuary::demo::load(&mut store, now(), false).unwrap();
    assert!(drafts::list(&store, None).unwrap().is_empty());
}
