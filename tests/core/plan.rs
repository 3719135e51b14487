//! The action plan: validation, overdue, grouping by strand and month, filters, undo, suggestion, CLI.

use chrono::NaiveDate;
use sanctuary::plan::{self, Draft, Filter, Status};
use sanctuary::Store;

use crate::support::{cli, now, stderr, stdout, tempdir};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn draft(action: &str, criteria: &[&str], due: Option<NaiveDate>, status: Status) -> Draft {
    Draft {
        action: action.into(),
        criteria: criteria.iter().map(|s| s.to_string()).collect(),
        due_date: due,
        status,
        ..Draft::default()
    }
}

#[test]
fn an_action_needs_text_and_a_known_criterion() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let fw = sanctuary::school::framework(&store).unwrap();
    assert!(plan::add(&mut store, &fw, &draft(" ", &["staff-learning"], None, Status::Planned), now()).is_err());
    let err = plan::add(&mut store, &fw, &draft("x", &[], None, Status::Planned), now()).unwrap_err();
    assert!(err.to_string().contains("at least one criterion"), "{err}");
    assert!(plan::add(&mut store, &fw, &draft("x", &["nope"], None, Status::Planned), now()).is_err());
    assert!(plan::list(&store, &Filter::default(), d(2026, 1, 1)).unwrap().is_empty(), "refused adds store nothing");
}

#[test]
fn overdue_means_open_and_due_before_today() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let fw = sanctuary::school::framework(&store).unwrap();
    let today = d(2026, 11, 23);
    let k = &["staff-learning"];
    let late = plan::add(&mut store, &fw, &draft("late", k, Some(d(2026, 11, 22)), Status::Planned), now()).unwrap();
    let late_wip =
        plan::add(&mut store, &fw, &draft("late wip", k, Some(d(2026, 1, 1)), Status::InProgress), now()).unwrap();
    let due_today = plan::add(&mut store, &fw, &draft("today", k, Some(today), Status::Planned), now()).unwrap();
    let done = plan::add(&mut store, &fw, &draft("done", k, Some(d(2026, 1, 1)), Status::Done), now()).unwrap();
    let dropped =
        plan::add(&mut store, &fw, &draft("dropped", k, Some(d(2026, 1, 1)), Status::Dropped), now()).unwrap();
    let undated = plan::add(&mut store, &fw, &draft("undated", k, None, Status::Planned), now()).unwrap();
    assert!(late.is_overdue(today) && late_wip.is_overdue(today));
    for a in [&due_today, &done, &dropped, &undated] {
        assert!(!a.is_overdue(today), "{} must not be overdue", a.action);
    }
    let only = plan::list(&store, &Filter { overdue_only: true, ..Filter::default() }, today).unwrap();
    assert_eq!(only.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["late wip", "late"]);
    let s = sanctuary::status::overview(&store, today).unwrap();
    let c = s.criteria.iter().find(|c| c.key == "staff-learning").unwrap();
    assert_eq!((c.open_actions, c.overdue_actions), (4, 2));
}

#[test]
fn grouping_by_strand_and_by_month() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let fw = sanctuary::school::framework(&store).unwrap();
    plan::add(
        &mut store,
        &fw,
        &draft("June both", &["celebration-events", "community-support"], Some(d(2027, 6, 21)), Status::Planned),
        now(),
    )
    .unwrap();
    plan::add(&mut store, &fw, &draft("Jan learn", &["staff-learning"], Some(d(2027, 1, 5)), Status::Planned), now())
        .unwrap();
    plan::add(&mut store, &fw, &draft("Jan share", &["network-growth"], Some(d(2027, 1, 30)), Status::Done), now())
        .unwrap();
    plan::add(&mut store, &fw, &draft("Someday", &["learner-voice"], None, Status::Planned), now()).unwrap();
    let all = plan::list(&store, &Filter::default(), d(2026, 11, 23)).unwrap();
    assert_eq!(
        all.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(),
        ["Jan learn", "Jan share", "June both", "Someday"]
    );

    let by_strand = plan::by_strand(&fw, &all);
    let names = |g: &plan::Group| g.actions.iter().map(|a| a.action.clone()).collect::<Vec<_>>();
    assert_eq!(by_strand.iter().map(|g| g.label.as_str()).collect::<Vec<_>>(), ["Learn", "Embed", "Share"]);
    assert_eq!(names(&by_strand[0]), ["Jan learn"]);
    assert_eq!(names(&by_strand[1]), ["June both", "Someday"]);
    assert_eq!(names(&by_strand[2]), ["Jan share"], "an action serving two strands is one row, under its first");
    let rows: usize = by_strand.iter().map(|g| g.actions.len()).sum();
    assert_eq!(rows, all.len(), "every action is listed exactly once");

    let by_month = plan::by_month(&all);
    assert_eq!(
        by_month.iter().map(|g| (g.key.as_str(), g.label.as_str())).collect::<Vec<_>>(),
        [("2027-01", "January 2027"), ("2027-06", "June 2027"), ("", "No due date")]
    );
    assert_eq!(names(&by_month[0]), ["Jan learn", "Jan share"]);

    // Filters.
    let f = |filter: Filter| plan::list(&store, &filter, d(2026, 11, 23)).unwrap().len();
    assert_eq!(f(Filter { status: Some(Status::Done), ..Filter::default() }), 1);
    assert_eq!(f(Filter { criterion: Some("community-support".into()), ..Filter::default() }), 1);
    assert_eq!(f(Filter { owner: Some("nobody".into()), ..Filter::default() }), 0);
}

#[test]
fn delete_can_be_undone_and_edits_keep_the_id() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let fw = sanctuary::school::framework(&store).unwrap();
    let a = plan::add(&mut store, &fw, &draft("Coffee morning", &["community-support"], None, Status::Planned), now())
        .unwrap();
    plan::delete(&mut store, &a.id, now()).unwrap();
    assert!(plan::list(&store, &Filter::default(), d(2026, 11, 23)).unwrap().is_empty());
    assert!(plan::get(&store, &a.id).is_err());
    assert!(plan::delete(&mut store, &a.id, now()).is_err(), "deleting twice is an error, not a silent no-op");
    let back = plan::undo_delete(&mut store, &a.id).unwrap();
    assert_eq!(back.criteria, ["community-support"]);
    let mut edit = draft(
        "Coffee morning for families",
        &["community-support", "learner-voice"],
        Some(d(2027, 2, 1)),
        Status::InProgress,
    );
    edit.owner = "Олена Коваль".into();
    edit.partners = "Cymdeithas Croeso — جمعية الترحيب".into();
    let saved = plan::update(&mut store, &fw, &a.id, &edit, now()).unwrap();
    assert_eq!(saved.id, a.id);
    assert_eq!(saved.criteria, ["community-support", "learner-voice"]);
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    let again = plan::get(&store, &a.id).unwrap();
    assert_eq!((again.owner.as_str(), again.partners.as_str()), ("Олена Коваль", "Cymdeithas Croeso — جمعية الترحيب"));
}

#[test]
fn a_new_plan_suggests_refugee_week_until_used_or_dismissed() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let fw = sanctuary::school::framework(&store).unwrap();
    let s = plan::suggestions(&store, &fw, d(2026, 11, 23)).unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].due_date, Some(d(2027, 6, 21)), "the Monday on or after 15 June 2027");
    assert_eq!(s[0].criteria, ["celebration-events"]);
    assert!(s[0].action.contains("Refugee Week"));
    // In May the coming June is this year's.
    assert_eq!(plan::suggestions(&store, &fw, d(2027, 5, 1)).unwrap()[0].due_date, Some(d(2027, 6, 21)));
    plan::add(&mut store, &fw, &s[0], now()).unwrap();
    assert!(plan::suggestions(&store, &fw, d(2026, 11, 23)).unwrap().is_empty(), "not offered once the plan has items");

    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    plan::dismiss_suggestions(&mut store).unwrap();
    assert!(plan::suggestions(&store, &fw, d(2026, 11, 23)).unwrap().is_empty());
}

#[test]
fn cli_plan_add_list_done_delete_undo() {
    let dir = tempdir();
    let o = cli(dir.path(), &["plan", "list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Suggestion: Celebrate Refugee Week"), "{}", stdout(&o));

    let o = cli(
        dir.path(),
        &[
            "plan",
            "add",
            "Coffee morning with Croeso",
            "--criterion",
            "7",
            "--criterion",
            "4",
            "--owner",
            "D. Evans",
            "--due",
            "2020-01-10",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let id = stdout(&o).split_whitespace().nth(1).unwrap().to_string();
    assert_eq!(id.len(), 8);
    let o = cli(dir.path(), &["plan", "add", "Staff", "INSET", "--criterion", "1", "--due", "2999-09-01"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let list = stdout(&cli(dir.path(), &["plan", "list"]));
    assert!(list.starts_with("Action plan: 2 actions, 1 overdue"), "{list}");
    assert!(list.contains(&format!("  !{id} Coffee morning with Croeso")), "{list}");
    assert!(list.contains("planned · due 2020-01-10 OVERDUE · owner D. Evans · criteria 7, 4"), "{list}");
    assert!(list.contains("Staff INSET"), "{list}");
    let learn = list.find("\nLearn\n").unwrap();
    let embed = list.find("\nEmbed\n").unwrap();
    assert!(learn < embed, "{list}");

    let by_month = stdout(&cli(dir.path(), &["plan", "list", "--by", "month"]));
    assert!(by_month.find("January 2020").unwrap() < by_month.find("September 2999").unwrap(), "{by_month}");
    let filtered = stdout(&cli(dir.path(), &["plan", "list", "--criterion", "1"]));
    assert!(filtered.contains("Staff INSET") && !filtered.contains("Coffee"), "{filtered}");

    let o = cli(dir.path(), &["plan", "done", &id]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&cli(dir.path(), &["plan", "list"])).contains("0 overdue"));
    let o = cli(dir.path(), &["plan", "delete", &id]);
    assert!(stdout(&o).contains("undo"), "{}", stdout(&o));
    assert!(!stdout(&cli(dir.path(), &["plan", "list"])).contains("Coffee"));
    let o = cli(dir.path(), &["plan", "undo", &id]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&cli(dir.path(), &["plan", "list"])).contains("Coffee"));

    let o = cli(dir.path(), &["plan", "add", "No criterion"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--criterion"), "{}", stderr(&o));
    let o = cli(dir.path(), &["plan", "add", "Bad date", "--criterion", "1", "--due", "14/06/2027"]);
    assert!(stderr(&o).contains("YYYY-MM-DD"), "{}", stderr(&o));
    let o = cli(dir.path(), &["plan", "done", "ffffffff"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not found"), "{}", stderr(&o));
}

#[test]
fn cli_plan_suggestion_accept() {
    let dir = tempdir();
    let o = cli(dir.path(), &["plan", "suggestion", "accept"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list = stdout(&cli(dir.path(), &["plan", "list"]));
    assert!(list.contains("Celebrate Refugee Week") && list.contains("criteria 4"), "{list}");
}

#[test]
fn cli_plan_edit_changes_only_what_is_given() {
    let dir = tempdir();
    let o = cli(
        dir.path(),
        &["plan", "add", "Coffee morning", "--criterion", "7", "--owner", "D. Evans", "--due", "2999-03-01"],
    );
    let id = stdout(&o).split_whitespace().nth(1).unwrap().to_string();
    let o = cli(
        dir.path(),
        &["plan", "edit", &id, "--partners", "Riverton Refugee Support", "--criterion", "7", "--criterion", "8"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let list = stdout(&cli(dir.path(), &["plan", "list"]));
    assert!(
        list.contains("planned · due 2999-03-01 · owner D. Evans · criteria 7, 8 · partners Riverton Refugee Support"),
        "{list}"
    );
    let o = cli(dir.path(), &["plan", "edit", &id, "--due", "none"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&cli(dir.path(), &["plan", "list"])).contains("due no due date"));
}
