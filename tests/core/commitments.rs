//! The commitments register: add, edit, delete and undo; refusals that store nothing; a renewal that
//! carries the commitments with empty outcomes and asks for the pledge again; backups; the PDF; the CLI.

use chrono::NaiveDate;
use sanctuary::commitments::{self, CommitmentDraft as Draft};
use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions};
use sanctuary::{bundle, readiness, Error, Store};

use crate::support::{cli, demo_store, now, pdftotext, stderr, stdout, tempdir};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn draft(what: &str, owner: &str, due: &str, criterion: &str) -> Draft {
    Draft { what: what.into(), owner: owner.into(), due: due.into(), criterion_key: criterion.into() }
}

fn rule_code(e: Error) -> &'static str {
    match e {
        Error::Rule { code, .. } => code,
        other => panic!("expected a rule, got {other}"),
    }
}

/// The demo school, awarded on 1 October 2026, with one commitment for the next three years.
fn awarded_school(dir: &std::path::Path) -> (Store, String) {
    let mut store = demo_store(dir);
    sanctuary::journey::set_step(&mut store, "awarded", Some(d(2026, 10, 1)), "").unwrap();
    let fw = sanctuary::school::framework(&store).unwrap();
    let c = commitments::add(
        &mut store,
        &fw,
        &draft("Train every new member of staff on welcome", "Ms Rees", "2028-09-01", "staff-learning"),
        now(),
    )
    .unwrap();
    (store, c.id)
}

#[test]
fn a_commitment_is_added_edited_deleted_and_brought_back() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let fw = sanctuary::school::framework(&store).unwrap();
    let c = commitments::add(&mut store, &fw, &draft("Host a family welcome evening", "Head", "2027-06-01", ""), now())
        .unwrap();
    assert_eq!((c.cycle, c.carried_into, c.due, c.criterion_key.as_deref()), (0, None, Some(d(2027, 6, 1)), None));
    let later = now() + chrono::Duration::minutes(5);
    let e = commitments::update(&mut store, &fw, &c.id, &draft("Host two welcome evenings", "Mr Jones", "", "staff-learning"), later)
        .unwrap();
    assert_eq!(e.what, "Host two welcome evenings");
    assert_eq!(e.owner, "Mr Jones");
    assert_eq!(e.due, None, "an emptied date is no date");
    assert_eq!(e.criterion_key.as_deref(), Some("staff-learning"));
    assert_eq!(e.created_at, c.created_at);
    assert_ne!(e.updated_at, c.updated_at);
    commitments::delete(&mut store, &c.id, now()).unwrap();
    assert!(commitments::list(&store).unwrap().is_empty());
    assert!(matches!(commitments::get(&store, &c.id), Err(Error::NotFound { .. })));
    let back = commitments::undo_delete(&mut store, &c.id).unwrap();
    assert_eq!(back, e, "undo brings it back as it was");
    assert!(commitments::undo_delete(&mut store, &c.id).is_err(), "a live commitment cannot be undone again");
}

#[test]
fn refusals_are_rules_and_store_nothing() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let fw = sanctuary::school::framework(&store).unwrap();
    let long = "x".repeat(commitments::MAX_TEXT + 1);
    for (d, code) in [
        (draft("  ", "", "", ""), "commitment_empty"),
        (draft(&long, "", "", ""), "text_too_long"),
        (draft("ok", &"o".repeat(commitments::MAX_OWNER + 1), "", ""), "text_too_long"),
        (draft("ok", "", "", "no-such-criterion"), "commitment_unknown_criterion"),
        (draft("ok", "", "next June", ""), "commitment_due_not_date"),
        (draft("ok", "", "2027-02-30", ""), "commitment_due_not_date"),
    ] {
        assert_eq!(rule_code(commitments::add(&mut store, &fw, &d, now()).unwrap_err()), code, "{d:?}");
    }
    assert!(commitments::list(&store).unwrap().is_empty(), "refused adds store nothing");
    let c = commitments::add(&mut store, &fw, &draft("Keep it", "A", "2027-01-01", ""), now()).unwrap();
    let err = commitments::update(&mut store, &fw, &c.id, &draft("", "B", "", ""), now()).unwrap_err();
    assert_eq!(rule_code(err), "commitment_empty");
    assert_eq!(commitments::get(&store, &c.id).unwrap(), c, "a refused edit changes nothing");
    // Before the renewal, the three years are still running: no outcome yet.
    let err = commitments::set_outcome(&mut store, &c.id, "Done", now()).unwrap_err();
    assert_eq!(rule_code(err), "commitment_not_carried");
    assert_eq!(commitments::get(&store, &c.id).unwrap().outcome, "");
    for code in ["commitment_empty", "commitment_due_not_date", "commitment_unknown_criterion", "commitment_not_carried"] {
        assert!(sanctuary::error::RULE_CODES.contains(&code), "{code}");
    }
}

#[test]
fn a_renewal_carries_the_commitments_with_empty_outcomes_and_clears_the_pledge() {
    let dir = tempdir();
    let (mut store, id) = awarded_school(dir.path());
    let fw = sanctuary::school::framework(&store).unwrap();
    let gone = commitments::add(&mut store, &fw, &draft("Dropped idea", "", "", ""), now()).unwrap();
    commitments::delete(&mut store, &gone.id, now()).unwrap();
    assert!(sanctuary::school::find(&store).unwrap().unwrap().pledge_date.is_some());
    let before = commitments::register(&store).unwrap();
    assert!(!before.is_renewal());
    assert_eq!(before.current.len(), 1);
    assert!(before.carried.is_empty());

    let award = bundle::renewal::start(&mut store, None, None, now()).unwrap();
    let reg = commitments::register(&store).unwrap();
    assert_eq!(reg.cycle, 1);
    assert_eq!(reg.carried.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), [id.as_str()]);
    assert_eq!(reg.carried[0].carried_into, Some(1));
    assert_eq!(reg.carried[0].outcome, "", "each carried commitment waits for what happened");
    assert!(reg.current.is_empty(), "nothing is promised for the next three years yet");
    // A deleted commitment is carried too, so that Undo brings it back into the report.
    let undone = commitments::undo_delete(&mut store, &gone.id).unwrap();
    assert_eq!(undone.carried_into, Some(1));

    // The pledge is signed again: the step and the school's date are cleared.
    assert_eq!(sanctuary::school::find(&store).unwrap().unwrap().pledge_date, None);
    let steps = sanctuary::journey::steps(&store).unwrap();
    assert_eq!(steps.iter().find(|s| s.key == "pledge").unwrap().date, None);
    // The filed record keeps the commitments as they stood.
    let record = bundle::renewal::previous_record(&store, &award.id).unwrap();
    assert_eq!(record["commitments"].as_array().unwrap().len(), 1);
    assert_eq!(record["commitments"][0]["what"], "Train every new member of staff on welcome");

    // What happened can now be written; a new commitment belongs to the new cycle.
    let c = commitments::set_outcome(&mut store, &id, "All 14 new staff trained by June 2028", now()).unwrap();
    assert_eq!(c.outcome, "All 14 new staff trained by June 2028");
    let next = commitments::add(&mut store, &fw, &draft("Start a parents' welcome group", "", "", ""), now()).unwrap();
    assert_eq!((next.cycle, next.carried_into), (1, None));
    let reg = commitments::register(&store).unwrap();
    assert_eq!((reg.carried.len(), reg.current.len()), (2, 1));
}

#[test]
fn readiness_asks_for_the_pledge_again_until_a_later_date_is_recorded() {
    let dir = tempdir();
    let (mut store, _) = awarded_school(dir.path());
    let gaps = |store: &Store| -> Vec<&'static str> {
        readiness::report(store, d(2029, 1, 1)).unwrap().missing.iter().map(|g| g.code).collect()
    };
    assert!(!gaps(&store).contains(&"pledge_again"), "no renewal yet");
    bundle::renewal::start(&mut store, None, None, now()).unwrap();
    let r = readiness::report(&store, d(2029, 1, 1)).unwrap();
    let gap = r.missing.iter().find(|g| g.code == "pledge_again").expect("the pledge gap");
    assert_eq!(gap.criterion_key.as_deref(), Some("public-pledge"));
    assert_eq!(gap.params.get("date"), Some(&"2026-10-01".into()));
    assert!(!gaps(&store).contains(&"no_pledge_date"), "one gap for the pledge, not two");
    // The old pledge date, or the award day itself, is not a new pledge.
    sanctuary::journey::set_step(&mut store, "pledge", Some(d(2026, 9, 15)), "").unwrap();
    assert!(gaps(&store).contains(&"pledge_again"));
    sanctuary::journey::set_step(&mut store, "pledge", Some(d(2026, 10, 1)), "").unwrap();
    assert!(gaps(&store).contains(&"pledge_again"));
    // Signed again on the school's profile, after the award: the gap goes.
    sanctuary::journey::set_step(&mut store, "pledge", None, "").unwrap();
    let mut school = sanctuary::school::find(&store).unwrap().unwrap();
    school.pledge_date = Some(d(2029, 2, 1));
    sanctuary::school::save(&mut store, &school, now()).unwrap();
    assert!(!gaps(&store).contains(&"pledge_again"));
}

#[test]
fn a_backup_and_restore_keep_the_commitments() {
    let dir = tempdir();
    let (mut store, id) = awarded_school(dir.path());
    bundle::renewal::start(&mut store, None, None, now()).unwrap();
    commitments::set_outcome(&mut store, &id, "Everyone trained", now()).unwrap();
    let before = commitments::list(&store).unwrap();
    let file = dir.path().join("school.sanctuary");
    bundle::backup(&store, &file, now(), &Job::silent()).unwrap();
    drop(store);
    let other = dir.path().join("restored");
    bundle::restore(&other, &file, &bundle::RestoreOptions::new(false), now(), &Job::silent()).unwrap();
    let s = sanctuary::datadir::open(&other).unwrap();
    assert_eq!(commitments::list(&s).unwrap(), before);
    assert_eq!(commitments::register(&s).unwrap().carried[0].outcome, "Everyone trained");
}

#[test]
fn the_renewal_portfolio_reports_on_each_carried_commitment() {
    let dir = tempdir();
    let (mut store, id) = awarded_school(dir.path());
    bundle::renewal::start(&mut store, None, None, now()).unwrap();
    commitments::set_outcome(&mut store, &id, "Fourteen new staff trained", now()).unwrap();
    let out = dir.path().join("renewal.pdf");
    portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    let text = pdftotext(&[out.to_str().unwrap()]).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Re-accreditation report: our commitments"), "{text}");
    for words in ["Train every new member of staff on welcome", "Ms Rees", "1 September 2028", "Fourteen new staff trained"] {
        assert!(text.contains(words), "{words} missing from the report");
    }
}

#[test]
fn the_cli_adds_lists_edits_records_outcomes_deletes_and_undoes() {
    let dir = tempdir();
    let data = dir.path().join("data");
    let o = cli(&data, &["commitment", "add", "--what", "Run a welcome week", "--owner", "Ms Rees", "--by", "2028-09-01", "--criterion", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let id = stdout(&o).split_whitespace().find(|w| w.len() == 8 && w.chars().all(|c| c.is_ascii_hexdigit())).unwrap().to_string();
    let o = cli(&data, &["commitment", "add", "--what", "Bad", "--by", "soon"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("not a date"), "{}", stderr(&o));
    let o = cli(&data, &["commitment", "list"]);
    assert!(stdout(&o).contains("Run a welcome week") && stdout(&o).contains("Ms Rees") && !stdout(&o).contains("Bad"), "{}", stdout(&o));
    let o = cli(&data, &["commitment", "edit", &id, "--owner", "Mr Jones", "--by", "none"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = cli(&data, &["commitment", "outcome", &id, "Held in 2027"]);
    assert!(!o.status.success(), "no outcome before the renewal");
    let o = cli(&data, &["commitment", "delete", &id]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stdout(&cli(&data, &["commitment", "list"])).contains("Run a welcome week"));
    let o = cli(&data, &["commitment", "undo", &id]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list = stdout(&cli(&data, &["commitment", "list"]));
    assert!(list.contains("Run a welcome week") && list.contains("Mr Jones") && !list.contains("2028"), "{list}");
}

#[test]
fn a_folder_with_only_commitments_is_not_replaced_by_the_demo_and_a_reset_starts_a_fresh_cycle() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let fw = sanctuary::school::framework(&store).unwrap();
    commitments::add(&mut store, &fw, &draft("A real school's promise", "", "", ""), now()).unwrap();
    assert!(!sanctuary::demo::is_replaceable(&store).unwrap(), "commitments are the school's work");
    drop(store);

    // The demo, renewed, then loaded again: no commitments and no renewal cycle are left over.
    let (mut store, _) = awarded_school(dir.path());
    bundle::renewal::start(&mut store, None, None, now()).unwrap();
    sanctuary::demo::load(&mut store, now(), false).unwrap();
    let reg = commitments::register(&store).unwrap();
    assert_eq!((reg.cycle, reg.carried.len(), reg.current.len()), (0, 0, 0));
}
