//! Readiness: what is missing before submission, per criterion and per strand.

use chrono::NaiveDate;
use sanctuary::feedback::{self, CommentKind, RoundDraft, RoundKind};
use sanctuary::plan::{self, Draft};
use sanctuary::{audit, readiness, school, Store};

use crate::support::{cli, now, stderr, stdout, tempdir};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn codes_for(r: &readiness::Readiness, key: &str) -> Vec<&'static str> {
    r.missing.iter().filter(|g| g.criterion_key.as_deref() == Some(key)).map(|g| g.code).collect()
}

fn add_evidence(store: &Store, key: &str) {
    let id = uuid::Uuid::new_v4().to_string();
    store
        .conn()
        .execute(
            // Consent not needed, as `evidence::add_quote` records it: evidence counts only when the export would print it.
            "INSERT INTO evidence (id, kind, title, consent, added_at, updated_at) VALUES (?1, 'quote', 't', 'not_needed', '2026-11-23T10:00:00Z', '2026-11-23T10:00:00Z')",
            [&id],
        )
        .unwrap();
    store.conn().execute("INSERT INTO evidence_criterion VALUES (?1, ?2)", [&id, key]).unwrap();
}

#[test]
fn an_empty_school_is_missing_everything_it_should_be() {
    let dir = tempdir();
    let store = Store::open(dir.path()).unwrap();
    let r = readiness::report(&store, today()).unwrap();
    assert_eq!(r.criteria.len(), 8);
    assert!(r.criteria.iter().all(|c| !c.ready));
    assert!(r.missing.iter().any(|g| g.code == "no_school_name"));
    assert_eq!(codes_for(&r, "staff-learning"), ["no_evidence", "audit_not_started", "narrative_empty"]);
    assert_eq!(
        codes_for(&r, "public-pledge"),
        ["no_evidence", "audit_not_started", "narrative_empty", "no_pledge_date"]
    );
    assert_eq!(
        r.strands.iter().map(|s| (s.name.as_str(), s.criteria, s.ready)).collect::<Vec<_>>(),
        [("Learn", 2, 0), ("Embed", 3, 0), ("Share", 3, 0)]
    );
}

#[test]
fn filling_a_criterion_in_makes_it_ready_and_overdue_or_unanswered_work_undoes_that() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let fw = sanctuary::school::framework(&store).unwrap();
    let key = "staff-learning";
    add_evidence(&store, key);
    audit::set(&mut store, &fw, key, &audit::Patch { level: Some(1), ..Default::default() }, now()).unwrap();
    audit::set_narrative(&mut store, &fw, key, "Hyfforddiant i bawb", now()).unwrap();
    let r = readiness::report(&store, today()).unwrap();
    assert!(codes_for(&r, key).is_empty(), "{:?}", r.missing);
    let c = r.criteria.iter().find(|c| c.status.key == key).unwrap();
    assert!(c.ready && c.has_narrative && c.status.evidence == 1);
    let learn = &r.strands[0];
    assert_eq!((learn.with_evidence, learn.audited, learn.with_narrative, learn.ready), (1, 1, 1, 1));

    // An overdue action serving it.
    let d = Draft {
        action: "Refresher".into(),
        criteria: vec![key.into()],
        due_date: NaiveDate::from_ymd_opt(2026, 11, 1),
        ..Draft::default()
    };
    let a = plan::add(&mut store, &fw, &d, now()).unwrap();
    assert_eq!(codes_for(&readiness::report(&store, today()).unwrap(), key), ["overdue_actions"]);
    plan::set_status(&mut store, &a.id, plan::Status::Done, now()).unwrap();
    assert!(codes_for(&readiness::report(&store, today()).unwrap(), key).is_empty());

    // An unanswered question about it.
    let round = feedback::add_round(
        &mut store,
        &RoundDraft {
            kind: RoundKind::DraftReview,
            received_on: None,
            from_whom: "Local lead".into(),
            due_date: None,
            summary: String::new(),
        },
        now(),
    )
    .unwrap();
    let q = feedback::add_comment(&mut store, &round.id, Some(key), CommentKind::Question, "Did governors attend?")
        .unwrap();
    feedback::add_comment(&mut store, &round.id, None, CommentKind::Improvement, "Shorter please").unwrap();
    let r = readiness::report(&store, today()).unwrap();
    assert_eq!(codes_for(&r, key), ["unanswered_feedback"]);
    assert_eq!(r.criteria[0].open_feedback, 1);
    assert!(
        r.missing.iter().any(|g| g.criterion_key.is_none() && g.code == "unanswered_feedback"),
        "general comments are listed too"
    );
    feedback::respond(&mut store, &q.id, "Yes, all of them").unwrap();
    assert!(codes_for(&readiness::report(&store, today()).unwrap(), key).is_empty());
}

#[test]
fn a_pledge_date_in_the_profile_or_the_journey_satisfies_criterion_6() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let mut s = school::load(&mut store, now()).unwrap();
    s.pledge_date = NaiveDate::from_ymd_opt(2026, 9, 15);
    school::save(&mut store, &s, now()).unwrap();
    assert!(!codes_for(&readiness::report(&store, today()).unwrap(), "public-pledge").contains(&"no_pledge_date"));

    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    sanctuary::journey::set_step(&mut store, "pledge", NaiveDate::from_ymd_opt(2026, 9, 15), "").unwrap();
    assert!(!codes_for(&readiness::report(&store, today()).unwrap(), "public-pledge").contains(&"no_pledge_date"));
}

#[test]
fn cli_readiness_and_status_on_the_demo() {
    let dir = tempdir();
    assert!(cli(dir.path(), &["demo"]).status.success());
    let o = cli(dir.path(), &["readiness"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("Readiness: Brookfield Primary School"), "{text}");
    assert!(text.contains("Learn: 1/2 ready"), "{text}");
    assert!(text.contains("Still missing"), "{text}");
    assert!(text.contains("Criterion 8 (Growing the network) has no evidence yet"), "{text}");
    assert!(text.contains("Criterion 5 (Learners lead): 1 feedback comment without a response"), "{text}");
    let o = cli(dir.path(), &["status"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn an_application_over_eight_pages_is_flagged() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let fw = sanctuary::school::framework(&store).unwrap();
    let words = |n: usize| vec!["gair"; n].join(" ");
    // Readiness counts the pages as the application PDF lays them out (the length bar's measure):
    // the longest accounts that still fit in eight pages are fine, a few words more are not.
    let fill = |store: &mut Store, n: usize| {
        for c in &fw.criteria {
            audit::set_narrative(store, &fw, &c.key, &words(n), now()).unwrap();
        }
        sanctuary::portfolio::application_pages(store, now().date_naive()).unwrap()
    };
    let mut n = 100;
    while fill(&mut store, n + 10) <= 8.0 {
        n += 10;
    }
    let pages = fill(&mut store, n);
    let r = readiness::report(&store, today()).unwrap();
    assert_eq!((r.application_words, r.estimated_pages), (8 * n, pages.ceil() as usize));
    assert!(r.estimated_pages <= 8 && !r.missing.iter().any(|g| g.code == "too_long"), "{pages}");
    let pages = fill(&mut store, n + 10);
    let r = readiness::report(&store, today()).unwrap();
    assert_eq!(r.estimated_pages, pages.ceil() as usize);
    assert_eq!(r.estimated_pages, 9);
    let g = r.missing.iter().find(|g| g.code == "too_long").expect("flagged");
    assert!(g.message.contains(&format!("{} words", 8 * (n + 10))) && g.message.contains("limit is 8 pages"), "{}", g.message);
}

#[test]
fn cli_audit_narrative_counts_for_readiness() {
    let dir = tempdir();
    let o = cli(dir.path(), &["audit", "narrative", "1", "Pob aelod o staff — Усі працівники — جميع الموظفين"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("(10 words)"), "{}", stdout(&o));
    let show = stdout(&cli(dir.path(), &["audit", "show", "1"]));
    assert!(show.contains("Application text: Pob aelod o staff — Усі працівники — جميع الموظفين"), "{show}");
    let text = stdout(&cli(dir.path(), &["readiness"]));
    assert!(!text.contains("Criterion 1 (Staff and governors learn): the application text is empty"), "{text}");
    assert!(text.contains("Criterion 2 (Pupils understand forced migration): the application text is empty"), "{text}");
}
