//! The audit: one answer per criterion key, field-by-field saves, labels as data, and the CLI.

use sanctuary::{audit, Store};

use crate::support::{cli, now, stderr, stdout, tempdir};

#[test]
fn setting_one_field_leaves_the_others_alone() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let fw = sanctuary::school::framework(&store).unwrap();
    let key = "welcoming-practice";
    assert_eq!(audit::get(&store, key).unwrap().updated_at, None, "nothing saved yet");
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    audit::set(
        &mut store,
        &fw,
        key,
        &audit::Patch {
            level: Some(2),
            already: Some("Buddy system".into()),
            gaps: Some("Policy".into()),
            reviewed_on: Some(Some(date)),
            reviewed_by: Some("D. Evans".into()),
        },
        now(),
    )
    .unwrap();
    let e = audit::set(
        &mut store,
        &fw,
        key,
        &audit::Patch { gaps: Some("Induction policy".into()), ..Default::default() },
        now(),
    )
    .unwrap();
    assert_eq!((e.level, e.already.as_str(), e.gaps.as_str()), (2, "Buddy system", "Induction policy"));
    assert_eq!((e.reviewed_on, e.reviewed_by.as_str()), (Some(date), "D. Evans"));
    let e = audit::set(&mut store, &fw, key, &audit::Patch { reviewed_on: Some(None), ..Default::default() }, now())
        .unwrap();
    assert_eq!(e.reviewed_on, None, "Some(None) clears the date");
    assert_eq!(e.already, "Buddy system");
}

#[test]
fn levels_are_checked_against_the_frameworks_labels() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let fw = sanctuary::school::framework(&store).unwrap();
    assert_eq!(fw.levels, ["Not started", "Developing", "Established", "Fully in place"]);
    assert_eq!(audit::level_from_label(&fw, "developing").unwrap(), 1);
    assert_eq!(audit::level_from_label(&fw, " NOT-STARTED ").unwrap(), 0);
    let err = audit::level_from_label(&fw, "excellent").unwrap_err().to_string();
    assert!(err.contains("not started, developing, established, fully in place"), "{err}");
    let err =
        audit::set(&mut store, &fw, "staff-learning", &audit::Patch { level: Some(4), ..Default::default() }, now())
            .unwrap_err();
    assert!(err.to_string().contains("Fully in place"), "{err}");
    let err = audit::set(&mut store, &fw, "no-such-key", &audit::Patch::default(), now()).unwrap_err();
    assert_eq!(err.code(), "criterion_unknown", "{err:?}");
}

#[test]
fn welsh_ukrainian_and_arabic_answers_survive_a_restart() {
    let dir = tempdir();
    let texts =
        ["Croeso i bawb — Ŵyr ac ŷd, ysgol noddfa", "Ласкаво просимо: ми вчимося разом", "مرحبا بكم في مدرستنا"];
    {
        let mut store = Store::open(dir.path()).unwrap();
        let fw = sanctuary::school::framework(&store).unwrap();
        let p = audit::Patch {
            already: Some(texts[0].into()),
            gaps: Some(texts[1].into()),
            reviewed_by: Some(texts[2].into()),
            ..Default::default()
        };
        audit::set(&mut store, &fw, "pupil-learning", &p, now()).unwrap();
        audit::set_narrative(&mut store, &fw, "pupil-learning", &texts.join("\n"), now()).unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    let e = audit::get(&store, "pupil-learning").unwrap();
    assert_eq!([e.already.as_str(), e.gaps.as_str(), e.reviewed_by.as_str()], texts);
    assert_eq!(audit::narrative(&store, "pupil-learning").unwrap(), texts.join("\n"));
}

#[test]
fn cli_audit_set_and_show() {
    let dir = tempdir();
    let o = cli(dir.path(), &["audit", "set", "3", "--status", "developing", "--note", "Croeso — buddy scheme"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Criterion 3."), "{}", stdout(&o));
    let o = cli(dir.path(), &["audit", "set", "3", "--gaps", "Induction policy"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let show = stdout(&cli(dir.path(), &["audit", "show"]));
    assert!(show.contains("3. Practice and provision reviewed — Developing"), "{show}");
    assert!(show.contains("What we already do: Croeso — buddy scheme"), "{show}");
    assert!(show.contains("Gaps: Induction policy"), "{show}");
    assert!(show.contains("1. Staff and governors learn — Not started"), "{show}");
    // And `status` agrees.
    assert!(stdout(&cli(dir.path(), &["status"])).contains("Developing"));

    let o = cli(dir.path(), &["audit", "set", "3", "--status", "brilliant"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("`brilliant`") && err.contains("not started, developing, established, fully in place"), "{err}");
    assert_eq!(err.trim().lines().count(), 1);
    let o = cli(dir.path(), &["audit", "set", "9", "--status", "developing"]);
    assert!(stderr(&o).contains("1, 2, 3, 4, 5, 6, 7, 8"), "{}", stderr(&o));
    let o = cli(dir.path(), &["audit", "set", "3"]);
    assert!(stderr(&o).contains("nothing to change"), "{}", stderr(&o));
    let o = cli(dir.path(), &["audit", "frob"]);
    assert!(stderr(&o).contains("show, set"), "{}", stderr(&o));
}

#[test]
fn a_json_patch_tells_keep_from_clear() {
    let keep: audit::Patch = serde_json::from_str(r#"{"gaps": "x"}"#).unwrap();
    assert_eq!(keep.reviewed_on, None);
    let clear: audit::Patch = serde_json::from_str(r#"{"reviewedOn": null}"#).unwrap();
    assert_eq!(clear.reviewed_on, Some(None));
    let set: audit::Patch = serde_json::from_str(r#"{"reviewedOn": "2026-11-02", "level": 2}"#).unwrap();
    assert_eq!(set.reviewed_on, Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 2)));
    assert_eq!(set.level, Some(2));
}
