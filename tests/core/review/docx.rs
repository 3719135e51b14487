//! A Word file with comments and tracked changes: the school's own draft shape, and the app's own
//! export with comments put into it.

use chrono::NaiveDate;
use sanctuary::audit::{self, Account};
use sanctuary::feedback::suggestion::{self, SuggestionChange as Change, SuggestionStatus as Status};
use sanctuary::feedback::{self, CommentKind, RoundKind};
use sanctuary::review;

use super::{comment, docx, export_application, p, r, unzip, write, zip_parts};
use crate::support::{demo_store, now, tempdir};

const LEAD: &str = "Sam Okafor";

/// A reviewed draft in a school's own words: an introduction, "LEARN", "Criterion 1 – …" with a
/// tracked insertion and deletion and a comment, "6) Public pledge" with another.
fn reviewed_draft() -> Vec<u8> {
    let ins = |text: &str| format!(r#"<w:ins w:id="90" w:author="{LEAD}" w:date="2026-11-20T09:00:00Z">{}</w:ins>"#, r("", text));
    let del = |text: &str| {
        format!(r#"<w:del w:id="91" w:author="{LEAD}" w:date="2026-11-20T09:01:00Z"><w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>"#)
    };
    let body = [
        p(Some("Title"), &r("", "Brookfield Primary – our application")),
        p(None, &format!(r#"<w:commentRangeStart w:id="0"/>{}<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>"#, r("", "Brookfield welcomes families from many places."))),
        p(Some("Heading1"), &r("", "LEARN")),
        p(Some("Heading2"), &r("", "Criterion 1 – Staff and governors learn")),
        p(
            None,
            &format!(
                r#"<w:commentRangeStart w:id="1"/>{}<w:commentRangeEnd w:id="1"/>{}{}{}{}{}<w:r><w:commentReference w:id="1"/></w:r>"#,
                r("", "All staff had training"),
                r("", " in "),
                ins("autumn "),
                r("", "2025"),
                del(" with the council"),
                r("", "."),
            ),
        ),
        p(Some("Heading2"), &r("", "6) Public pledge")),
        p(None, &format!(r#"{}<w:commentRangeStart w:id="2"/>{}<w:commentRangeEnd w:id="2"/><w:r><w:commentReference w:id="2"/></w:r>"#, r("", "We signed the pledge "), r("", "at a whole-school assembly."))),
    ]
    .concat();
    let comments = [
        comment(0, LEAD, "2026-11-19T15:00:00Z", "This introduction is lovely but the panel will not score it."),
        comment(1, LEAD, "2026-11-20T10:15:00Z", "Which staff? Were governors included?"),
        comment(2, LEAD, "2026-11-21T08:30:00Z", "Add the date of the assembly and who came."),
    ]
    .concat();
    docx(&body, Some(&comments))
}

#[test]
fn a_reviewed_draft_comes_back_on_its_criteria_with_suggestions() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let fw = sanctuary::school::framework(&store).unwrap();
    let before = feedback::rounds(&store).unwrap().len();
    let file = write(dir.path(), "draft reviewed.docx", &reviewed_draft());
    let report = review::import(&mut store, &file, None, now()).unwrap();
    assert!(!report.already);
    assert_eq!((report.comments, report.suggestions, report.general), (3, 2, 1));
    let round = feedback::round(&store, &report.round_id).unwrap();
    assert_eq!(round.kind, RoundKind::DraftReview);
    assert_eq!(round.from_whom, LEAD);
    assert_eq!(round.received_on, NaiveDate::from_ymd_opt(2026, 11, 21), "the latest comment's date");
    let by = |quote: &str| round.comments.iter().find(|c| c.quote == quote).unwrap_or_else(|| panic!("no comment quoting {quote}: {:?}", round.comments));
    let general = by("Brookfield welcomes families from many places.");
    assert_eq!(general.criterion_key, None, "an introduction belongs to no criterion: general, shown");
    let staff = by("All staff had training");
    assert_eq!(staff.criterion_key.as_deref(), Some("staff-learning"));
    assert_eq!(staff.kind, CommentKind::Question);
    assert_eq!(staff.author, LEAD);
    assert_eq!(staff.made_on, NaiveDate::from_ymd_opt(2026, 11, 20));
    let pledge = by("at a whole-school assembly.");
    assert_eq!(pledge.criterion_key.as_deref(), Some("public-pledge"));
    assert_eq!(pledge.kind, CommentKind::Improvement);
    assert!(feedback::needing_answer(&store, Some("public-pledge")).unwrap().iter().any(|c| c.id == pledge.id));

    // The tracked changes, on criterion 1's account, with the words around them.
    let all = suggestion::all(&store).unwrap();
    assert_eq!(all.len(), 2);
    let ins = all.iter().find(|s| s.change == Change::Insert).unwrap();
    let del = all.iter().find(|s| s.change == Change::Delete).unwrap();
    assert_eq!((ins.criterion_key.as_str(), ins.field, ins.text.as_str()), ("staff-learning", Account::Narrative, "autumn "));
    assert_eq!((del.text.as_str(), del.author.as_str()), (" with the council", LEAD));

    // Accept the insertion, decline the deletion, undo the insertion, accept the deletion.
    let original = "All staff had training in 2025 with the council.";
    audit::set_narrative(&mut store, &fw, "staff-learning", original, now()).unwrap();
    suggestion::accept(&mut store, &fw, &ins.id, now()).unwrap();
    assert_eq!(audit::narrative(&store, "staff-learning").unwrap(), "All staff had training in autumn 2025 with the council.");
    let e = suggestion::accept(&mut store, &fw, &ins.id, now()).unwrap_err();
    assert_eq!(e.code(), "suggestion_already_settled");
    assert_eq!(suggestion::decline(&mut store, &del.id).unwrap().status, Status::Declined);
    assert_eq!(audit::narrative(&store, "staff-learning").unwrap(), "All staff had training in autumn 2025 with the council.");
    assert_eq!(suggestion::undo(&mut store, &fw, &ins.id, now()).unwrap().status, Status::Open);
    assert_eq!(audit::narrative(&store, "staff-learning").unwrap(), original, "accepting is undone in one step");
    assert_eq!(suggestion::undo(&mut store, &fw, &del.id, now()).unwrap().status, Status::Open);
    suggestion::accept(&mut store, &fw, &del.id, now()).unwrap();
    assert_eq!(audit::narrative(&store, "staff-learning").unwrap(), "All staff had training in 2025.");
    // Its other half still finds its place after the deletion.
    suggestion::accept(&mut store, &fw, &ins.id, now()).unwrap();
    assert_eq!(audit::narrative(&store, "staff-learning").unwrap(), "All staff had training in autumn 2025.");

    // The same file again adds nothing.
    let again = review::import(&mut store, &file, None, now()).unwrap();
    assert!(again.already);
    assert_eq!(again.round_id, report.round_id);
    assert_eq!(feedback::rounds(&store).unwrap().len(), before + 1);
    assert_eq!(suggestion::all(&store).unwrap().len(), 2);
}

#[test]
fn a_suggestion_whose_place_is_gone_is_refused_and_changes_nothing() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let fw = sanctuary::school::framework(&store).unwrap();
    let file = write(dir.path(), "r.docx", &reviewed_draft());
    review::import(&mut store, &file, Some(RoundKind::Visit), now()).unwrap();
    assert_eq!(feedback::rounds(&store).unwrap()[0].kind, RoundKind::Visit, "the kind chosen");
    audit::set_narrative(&mut store, &fw, "staff-learning", "Something else entirely.", now()).unwrap();
    let del = suggestion::all(&store).unwrap().into_iter().find(|s| s.change == Change::Delete).unwrap();
    let e = suggestion::accept(&mut store, &fw, &del.id, now()).unwrap_err();
    assert_eq!(e.code(), "suggestion_no_longer_fits");
    assert_eq!(audit::narrative(&store, "staff-learning").unwrap(), "Something else entirely.");
    assert_eq!(suggestion::get(&store, &del.id).unwrap().status, Status::Open);
}

#[test]
fn a_file_without_comments_gets_a_clear_message() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let plain = write(dir.path(), "plain.docx", &docx(&p(None, &r("", "Nothing to see.")), None));
    assert_eq!(review::import(&mut store, &plain, None, now()).unwrap_err().code(), "review_no_comments");
    let text = write(dir.path(), "notes.txt", b"just text");
    assert_eq!(review::import(&mut store, &text, None, now()).unwrap_err().code(), "review_not_supported");
}

#[test]
fn the_apps_own_word_export_comes_back_with_comments_on_its_criteria() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let fw = sanctuary::school::framework(&store).unwrap();
    let account = "Our pupils run a **welcome club** every week.\n\nThey chose its name.";
    audit::set_narrative(&mut store, &fw, "learner-voice", account, now()).unwrap();
    let exported = export_application(&store, &dir.path().join("application.docx"));
    let mut parts = unzip(&std::fs::read(&exported).unwrap());
    let lead = "Local Lead";
    let at = "2026-11-25T09:00:00Z";
    for (name, xml) in parts.iter_mut() {
        if name == "word/document.xml" {
            let target = r#"<w:r><w:t xml:space="preserve">They chose its name.</w:t></w:r>"#;
            assert!(xml.contains(target), "the export writes the paragraph as one run");
            *xml = xml.replace(
                target,
                &format!(
                    r#"<w:commentRangeStart w:id="5"/><w:r><w:t xml:space="preserve">They chose </w:t></w:r><w:del w:id="7" w:author="{lead}" w:date="{at}"><w:r><w:delText>its</w:delText></w:r></w:del><w:ins w:id="8" w:author="{lead}" w:date="{at}"><w:r><w:t>the club's</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> name.</w:t></w:r><w:commentRangeEnd w:id="5"/><w:r><w:commentReference w:id="5"/></w:r>"#
                ),
            );
            let heading = r#"<w:t xml:space="preserve">8. Growing the network</w:t></w:r>"#;
            assert!(xml.contains(heading));
            *xml = xml.replace(heading, &format!(r#"{heading}<w:r><w:commentReference w:id="6"/></w:r>"#));
        }
        if name == "word/_rels/document.xml.rels" {
            *xml = xml.replace("</Relationships>", r#"<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#);
        }
        if name == "[Content_Types].xml" {
            *xml = xml.replace("</Types>", r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>"#);
        }
    }
    let comments = [comment(5, lead, at, "Say who chose it: the school council?"), comment(6, lead, "2026-11-24T12:00:00Z", "Is there a plan for next year?")].concat();
    parts.push(("word/comments.xml".into(), format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{}">{comments}</w:comments>"#, super::W)));
    let file = write(dir.path(), "application (reviewed).docx", &zip_parts(&parts));

    let report = review::import(&mut store, &file, None, now()).unwrap();
    assert_eq!((report.comments, report.suggestions, report.general), (2, 2, 0));
    let round = feedback::round(&store, &report.round_id).unwrap();
    let club = round.comments.iter().find(|c| c.comment.starts_with("Say who")).unwrap();
    assert_eq!(club.criterion_key.as_deref(), Some("learner-voice"));
    assert_eq!(club.quote, "They chose the club's name.", "the anchored words as the file now reads");
    let plan = round.comments.iter().find(|c| c.comment.starts_with("Is there")).unwrap();
    assert_eq!(plan.criterion_key.as_deref(), Some("network-growth"), "a comment on a criterion's heading");
    assert_eq!(plan.quote, "");
    for s in suggestion::all(&store).unwrap() {
        assert_eq!((s.criterion_key.as_str(), s.field), ("learner-voice", Account::Narrative));
        suggestion::accept(&mut store, &fw, &s.id, now()).unwrap();
    }
    assert_eq!(
        audit::narrative(&store, "learner-voice").unwrap(),
        "Our pupils run a **welcome club** every week.\n\nThey chose the club's name."
    );
}

#[test]
#[cfg_attr(windows, ignore = "pdftotext is a Linux tool")]
fn the_next_draft_can_list_the_changes_since_the_comments() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let file = write(dir.path(), "r.docx", &reviewed_draft());
    let report = review::import(&mut store, &file, None, now()).unwrap();
    let round = feedback::round(&store, &report.round_id).unwrap();
    let staff = round.comments.iter().find(|c| c.criterion_key.as_deref() == Some("staff-learning")).unwrap();
    feedback::respond(&mut store, &staff.id, "Governors now join the autumn INSET.").unwrap();
    let export = |name: &str, changes: bool| {
        let mut opts = sanctuary::portfolio::ExportOptions::new(dir.path().join(name), now());
        opts.part = sanctuary::portfolio::Part::Application;
        opts.changes_since_review = changes;
        sanctuary::portfolio::export(&store, &opts, &sanctuary::job::Job::silent()).unwrap();
        dir.path().join(name)
    };
    let pdf_text = |p: &std::path::Path| {
        String::from_utf8(std::process::Command::new("pdftotext").arg(p).arg("-").output().unwrap().stdout).unwrap()
    };
    let with = pdf_text(&export("with.pdf", true));
    let at = with.find("Changes since your comments").expect("the list's heading");
    assert!(with[at..].contains("Governors now join the autumn INSET."), "{with}");
    assert!(with[..at].contains("Staff and governors learn") && !with[..at].contains("Pupils understand"), "under criterion 1");
    assert!(!with.contains("Which staff?"), "the reviewer's own words are not printed");
    let without = pdf_text(&export("without.pdf", false));
    assert!(!without.contains("Changes since your comments") && !without.contains("Governors now join"));
    let word = export("with.docx", true);
    let xml = unzip(&std::fs::read(word).unwrap()).into_iter().find(|(n, _)| n == "word/document.xml").unwrap().1;
    assert!(xml.contains("Changes since your comments") && xml.contains("Governors now join the autumn INSET."));
}

#[test]
fn loading_the_demo_again_clears_imported_reviews() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let file = write(dir.path(), "r.docx", &reviewed_draft());
    review::import(&mut store, &file, None, now()).unwrap();
    assert_eq!(suggestion::all(&store).unwrap().len(), 2);
    sanctuary::demo::load(&mut store, now(), true).unwrap();
    assert!(suggestion::all(&store).unwrap().is_empty());
    // And the file may be brought in again.
    assert!(!review::import(&mut store, &file, None, now()).unwrap().already);
}

#[test]
fn the_command_lines_one_undo_takes_back_a_suggestion_or_a_deleted_comment() {
    use crate::support::{cli, stderr, stdout};
    let dir = tempdir();
    let data = dir.path().join("data");
    {
        let mut store = demo_store(dir.path());
        let fw = sanctuary::school::framework(&store).unwrap();
        audit::set_narrative(&mut store, &fw, "staff-learning", "All staff had training in 2025 with the council.", now()).unwrap();
    }
    let file = write(dir.path(), "draft reviewed.docx", &reviewed_draft());
    let ok = |args: &[&str]| {
        let o = cli(&data, args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o)
    };
    ok(&["feedback", "import", file.to_str().unwrap()]);
    let store = sanctuary::Store::open(&data).unwrap();
    let ins = suggestion::all(&store).unwrap().into_iter().find(|s| s.change == Change::Insert).unwrap();
    let comment = feedback::rounds(&store).unwrap().into_iter().flat_map(|r| r.comments).find(|c| c.quote == "All staff had training").unwrap();
    drop(store);

    ok(&["feedback", "accept", &ins.id[..8]]);
    let store = sanctuary::Store::open(&data).unwrap();
    assert_eq!(audit::narrative(&store, "staff-learning").unwrap(), "All staff had training in autumn 2025 with the council.");
    drop(store);
    // The id names a suggestion: undo puts the account back and the suggestion open again.
    assert!(ok(&["feedback", "undo", &ins.id[..8]]).contains("Open"));
    let store = sanctuary::Store::open(&data).unwrap();
    assert_eq!(audit::narrative(&store, "staff-learning").unwrap(), "All staff had training in 2025 with the council.");
    assert_eq!(suggestion::all(&store).unwrap().iter().find(|s| s.id == ins.id).unwrap().status, Status::Open);
    drop(store);
    // Any other id is a deleted round or comment, brought back by the same command.
    ok(&["feedback", "delete", &comment.id[..8]]);
    assert!(ok(&["feedback", "undo", &comment.id[..8]]).contains("Brought back"));
    let store = sanctuary::Store::open(&data).unwrap();
    assert!(feedback::rounds(&store).unwrap().iter().flat_map(|r| &r.comments).any(|c| c.id == comment.id));
}
