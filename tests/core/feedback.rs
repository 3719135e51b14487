//! Feedback rounds: comments per criterion, responses, open/closed, undo of deletes.

use chrono::NaiveDate;
use sanctuary::feedback::{self, CommentKind, RoundDraft, RoundKind};
use sanctuary::Store;

use crate::support::{now, tempdir};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn panel() -> RoundDraft {
    RoundDraft {
        kind: RoundKind::PanelAppraisal,
        received_on: Some(d(2027, 3, 1)),
        from_whom: "Riverton appraisal panel".into(),
        due_date: Some(d(2027, 3, 29)),
        summary: "Strong start; more pupil voice please.".into(),
    }
}

#[test]
fn a_round_collects_comments_and_responses_in_order() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let r = feedback::add_round(&mut store, &panel(), now()).unwrap();
    assert!(!r.closed);
    let s = feedback::add_comment(&mut store, &r.id, Some("staff-learning"), CommentKind::Strength, "Excellent INSET")
        .unwrap();
    let q = feedback::add_comment(
        &mut store,
        &r.id,
        Some("learner-voice"),
        CommentKind::Question,
        "Who chose the ambassadors?",
    )
    .unwrap();
    let i = feedback::add_comment(&mut store, &r.id, None, CommentKind::Improvement, "Number the exhibits").unwrap();
    let round = feedback::round(&store, &r.id).unwrap();
    assert_eq!(round.comments.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), [&s.id, &q.id, &i.id]);
    assert!(!s.needs_answer(), "strengths need no answer");
    assert_eq!(feedback::needing_answer(&store, None).unwrap().len(), 2);
    assert_eq!(feedback::needing_answer(&store, Some("learner-voice")).unwrap().len(), 1);

    let answered =
        feedback::respond(&mut store, &q.id, "Pupils voted in each class — Діти голосували — صوّت التلاميذ").unwrap();
    assert!(!answered.needs_answer());
    assert_eq!(feedback::needing_answer(&store, Some("learner-voice")).unwrap().len(), 0);
    feedback::respond(&mut store, &q.id, "  ").unwrap();
    assert_eq!(
        feedback::needing_answer(&store, Some("learner-voice")).unwrap().len(),
        1,
        "a blank response is no answer"
    );

    // Closing the round takes its comments off the open list; reopening brings them back.
    feedback::set_closed(&mut store, &r.id, true, now()).unwrap();
    assert!(feedback::needing_answer(&store, None).unwrap().is_empty());
    feedback::set_closed(&mut store, &r.id, false, now()).unwrap();
    assert_eq!(feedback::needing_answer(&store, None).unwrap().len(), 2);
}

#[test]
fn rounds_and_comments_can_be_edited_deleted_and_restored() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let r = feedback::add_round(&mut store, &panel(), now()).unwrap();
    let c = feedback::add_comment(&mut store, &r.id, Some("staff-learning"), CommentKind::Question, "Q").unwrap();
    let mut edit = panel();
    edit.kind = RoundKind::FurtherEvidence;
    edit.from_whom = "Sam Patel (local lead)".into();
    let r2 = feedback::update_round(&mut store, &r.id, &edit, now()).unwrap();
    assert_eq!((r2.kind, r2.from_whom.as_str()), (RoundKind::FurtherEvidence, "Sam Patel (local lead)"));
    let c2 =
        feedback::update_comment(&mut store, &c.id, Some("pupil-learning"), CommentKind::Improvement, "Q2").unwrap();
    assert_eq!(c2.criterion_key.as_deref(), Some("pupil-learning"));

    feedback::delete_comment(&mut store, &c.id, now()).unwrap();
    assert!(feedback::round(&store, &r.id).unwrap().comments.is_empty());
    feedback::undo_delete_comment(&mut store, &c.id).unwrap();
    assert_eq!(feedback::round(&store, &r.id).unwrap().comments.len(), 1);

    feedback::delete_round(&mut store, &r.id, now()).unwrap();
    assert!(feedback::rounds(&store).unwrap().is_empty());
    assert!(feedback::needing_answer(&store, None).unwrap().is_empty(), "a deleted round asks nothing");
    assert!(feedback::add_comment(&mut store, &r.id, None, CommentKind::Question, "x").is_err());
    feedback::undo_delete_round(&mut store, &r.id).unwrap();
    assert_eq!(feedback::rounds(&store).unwrap()[0].comments[0].comment, "Q2");
}

#[test]
fn kinds_read_as_typed() {
    assert_eq!(RoundKind::parse("Draft review").unwrap(), RoundKind::DraftReview);
    assert_eq!(RoundKind::parse("further-evidence").unwrap(), RoundKind::FurtherEvidence);
    assert!(RoundKind::parse("party").unwrap_err().to_string().contains("panel appraisal"));
    assert_eq!(CommentKind::parse("Strength").unwrap(), CommentKind::Strength);
    assert!(CommentKind::parse("praise").is_err());
}

#[test]
fn rounds_list_newest_first() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let mut a = panel();
    a.received_on = Some(d(2027, 1, 10));
    a.kind = RoundKind::DraftReview;
    feedback::add_round(&mut store, &a, now()).unwrap();
    feedback::add_round(&mut store, &panel(), now()).unwrap();
    let kinds: Vec<_> = feedback::rounds(&store).unwrap().iter().map(|r| r.kind).collect();
    assert_eq!(kinds, [RoundKind::PanelAppraisal, RoundKind::DraftReview]);
}

#[test]
fn cli_feedback_round_comment_respond_close() {
    use crate::support::{cli, stderr, stdout};
    let dir = tempdir();
    let o =
        cli(dir.path(), &["feedback", "add", "panel", "appraisal", "--from", "Riverton panel", "--due", "2027-03-29"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let round = stdout(&o).split_whitespace().nth(1).unwrap().to_string();
    let o = cli(dir.path(), &["feedback", "comment", &round, "Who chose the ambassadors?", "--criterion", "5"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let comment = stdout(&o).split_whitespace().nth(1).unwrap().to_string();
    let list = stdout(&cli(dir.path(), &["feedback", "list"]));
    assert!(
        list.contains(&format!("{round}  Panel appraisal from Riverton panel (received —, respond by 2027-03-29)")),
        "{list}"
    );
    assert!(list.contains(&format!("  !{comment}  question (criterion 5): Who chose the ambassadors?")), "{list}");
    assert!(stdout(&cli(dir.path(), &["readiness"])).contains("1 feedback comment without a response"));

    let o = cli(dir.path(), &["feedback", "respond", &comment, "Each class voted — Кожен клас голосував"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list = stdout(&cli(dir.path(), &["feedback", "list"]));
    assert!(list.contains("Our response: Each class voted — Кожен клас голосував"), "{list}");
    assert!(list.contains(&format!("   {comment}")), "answered comments lose the mark: {list}");
    assert!(!stdout(&cli(dir.path(), &["readiness"])).contains("without a response"));

    assert!(cli(dir.path(), &["feedback", "close", &round]).status.success());
    assert!(stdout(&cli(dir.path(), &["feedback", "list"])).contains("[closed]"));
    let o = cli(dir.path(), &["feedback", "add", "party"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("panel appraisal"), "{}", stderr(&o));
}
