//! Colleagues' contribution packs: merged without duplicates, conflicts left for a decision, a bad
//! pack refused whole, and a pack never taken for a backup (or the other way round).

use std::fs;

use chrono::NaiveDate;
use sanctuary::bundle::{self, contribution, manifest, Choice, Limits, RestoreOptions};
use sanctuary::job::Job;
use sanctuary::plan;
use sanctuary::{Error, Store};

use crate::support::{now, tempdir};
use super::support::{sha_hex, add_file_evidence, add_quote, add_action, noise, school_folder, assert_consistent, count, craft, listed, refused};

/// Changes an action as the window does: the whole item is saved with the edit made.
fn edit_action(store: &mut Store, id: &str, edit: impl FnOnce(&mut plan::Draft)) {
    let a = plan::get(store, id).unwrap();
    let mut draft = plan::Draft {
        action: a.action,
        criteria: a.criteria,
        owner: a.owner,
        partners: a.partners,
        due_date: a.due_date,
        status: a.status,
        success_measure: a.success_measure,
        notes: a.notes,
    };
    edit(&mut draft);
    let fw = sanctuary::school::framework(store).unwrap();
    plan::update(store, &fw, id, &draft, now()).unwrap();
}

#[test]
fn a_contribution_merges_without_duplicates_and_conflicts_wait_for_a_decision() {
    let dir = tempdir();
    let (teacher_dir, coord_dir) = (dir.path().join("teacher"), dir.path().join("coord"));
    let mut teacher = sanctuary::datadir::open(&teacher_dir).unwrap();
    let photo = noise(7, 20_000);
    let ev = add_file_evidence(
        &mut teacher,
        "Art club welcome posters",
        &photo,
        &["embed_4", "learn_1"],
    );
    let quote = add_quote(&mut teacher, "I felt welcome on my first day");
    let act = add_action(&mut teacher, "Art club makes welcome posters");
    let pack = dir.path().join("rees.sanctuary-contribution");
    let r = contribution::export(&teacher, &pack, "Ms Rees", now(), &Job::silent()).unwrap();
    assert_eq!((r.evidence, r.actions, r.files), (2, 1, 1));

    let mut coord = school_folder(&coord_dir, "Coordinator School");
    // The coordinator already has the same quote, typed in under another UUID.
    add_quote(&mut coord, "I felt welcome on my first day");
    let lim = Limits::default();
    let r = contribution::import(&mut coord, &pack, &lim, now(), &Job::silent()).unwrap();
    assert_eq!(
        (r.added_evidence, r.added_actions, r.duplicates, r.conflicts),
        (1, 1, 1, 0),
        "{r:?}"
    );
    assert_eq!(r.contributor, "Ms Rees");
    assert_eq!(
        count(
            &coord,
            &format!("SELECT count(*) FROM evidence_criterion WHERE evidence_id = '{ev}'")
        ),
        2
    );
    assert_eq!(
        count(&coord, &format!("SELECT count(*) FROM evidence WHERE id = '{quote}'")),
        0
    );
    assert_eq!(
        count(
            &coord,
            &format!("SELECT count(*) FROM action_item WHERE id = '{act}' AND contribution_import_id IS NOT NULL")
        ),
        1
    );
    assert!(bundle::backup::blob_path(&coord_dir, &sha_hex(&photo)).is_file());

    // The same pack again adds nothing.
    let before = count(&coord, "SELECT count(*) FROM evidence") + count(&coord, "SELECT count(*) FROM action_item");
    let r = contribution::import(&mut coord, &pack, &lim, now(), &Job::silent()).unwrap();
    assert_eq!((r.added_evidence, r.added_actions, r.conflicts), (0, 0, 0));
    assert_eq!(
        count(&coord, "SELECT count(*) FROM evidence") + count(&coord, "SELECT count(*) FROM action_item"),
        before
    );

    // The teacher edits both items; the coordinator edited the action too. Nothing is overwritten.
    let mut item = sanctuary::evidence::get(&teacher, &ev).unwrap();
    item.caption = "Posters by Year 4".into();
    sanctuary::evidence::update(&mut teacher, &item, now()).unwrap();
    edit_action(&mut teacher, &act, |d| d.status = plan::Status::Done);
    edit_action(&mut coord, &act, |d| d.notes = "moved to spring".into());
    contribution::export(&teacher, &pack, "Ms Rees", now(), &Job::silent()).unwrap();
    let r = contribution::import(&mut coord, &pack, &lim, now(), &Job::silent()).unwrap();
    assert_eq!(r.conflicts, 2, "{r:?}");
    let caption: String = coord
        .conn()
        .query_row("SELECT caption FROM evidence WHERE id = ?1", [&ev], |r| r.get(0))
        .unwrap();
    assert_eq!(caption, "", "mine is untouched until I decide");
    let conflicts = bundle::list_conflicts(&coord).unwrap();
    assert_eq!(conflicts.len(), 2);
    let c_ev = conflicts.iter().find(|c| c.item_id == ev).unwrap();
    assert_eq!(c_ev.contributor, "Ms Rees");
    assert!(
        c_ev.differences
            .iter()
            .any(|d| d.field == "caption" && d.mine.is_empty() && d.theirs == "Posters by Year 4"),
        "{:?}",
        c_ev.differences
    );
    // Importing the same pack again does not pile up the same conflicts.
    contribution::import(&mut coord, &pack, &lim, now(), &Job::silent()).unwrap();
    assert_eq!(bundle::list_conflicts(&coord).unwrap().len(), 2);

    bundle::resolve_conflict(&mut coord, &c_ev.id, Choice::TakeTheirs, now()).unwrap();
    let caption: String = coord
        .conn()
        .query_row("SELECT caption FROM evidence WHERE id = ?1", [&ev], |r| r.get(0))
        .unwrap();
    assert_eq!(caption, "Posters by Year 4");
    let c_act = bundle::list_conflicts(&coord)
        .unwrap()
        .into_iter()
        .find(|c| c.item_id == act)
        .unwrap();
    bundle::resolve_conflict(&mut coord, &c_act.id, Choice::KeepMine, now()).unwrap();
    let (status, notes): (String, String) = coord
        .conn()
        .query_row("SELECT status, notes FROM action_item WHERE id = ?1", [&act], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((status.as_str(), notes.as_str()), ("planned", "moved to spring"));
    assert!(bundle::list_conflicts(&coord).unwrap().is_empty());
    assert!(matches!(
        bundle::resolve_conflict(&mut coord, &c_act.id, Choice::KeepMine, now()),
        Err(Error::NotFound { .. })
    ));
    drop(coord);
    assert_consistent(&coord_dir);
}

/// Rewrites `pack`'s records with `edit`, keeping its checksums right (a tampered pack).
fn tamper(pack: &std::path::Path, edit: impl FnOnce(&mut contribution::Records)) {
    let mut zip = zip::ZipArchive::new(fs::File::open(pack).unwrap()).unwrap();
    let mut records: contribution::Records =
        serde_json::from_reader(zip.by_name("contribution.json").unwrap()).unwrap();
    edit(&mut records);
    let json = serde_json::to_vec(&records).unwrap();
    let mut m = manifest::Manifest::new(manifest::Kind::Contribution, "", 1, "2026-01-01T00:00:00Z");
    listed(&mut m, "contribution.json", &json);
    craft(pack, &m, &[("contribution.json", json, true)]);
}

#[test]
fn a_pack_with_a_bad_value_is_refused_whole() {
    let dir = tempdir();
    let teacher_dir = dir.path().join("t");
    let mut teacher = sanctuary::datadir::open(&teacher_dir).unwrap();
    add_action(&mut teacher, "Fine action");
    let pack = dir.path().join("p.sanctuary-contribution");
    contribution::export(&teacher, &pack, "T", now(), &Job::silent()).unwrap();
    // Rewrite the pack with an impossible status, keeping its checksums right (a tampered pack).
    tamper(&pack, |records| {
        records.actions[0].row.insert("status".into(), serde_json::Value::from("exploded"));
    });
    let coord_dir = dir.path().join("c");
    let mut coord = school_folder(&coord_dir, "C");
    let before = count(&coord, "SELECT count(*) FROM action_item");
    let err = contribution::import(&mut coord, &pack, &Limits::default(), now(), &Job::silent()).unwrap_err();
    assert!(
        err.to_string().contains("Fine action") && err.to_string().contains("Nothing was changed"),
        "{err}"
    );
    assert_eq!(count(&coord, "SELECT count(*) FROM action_item"), before);
    assert_eq!(count(&coord, "SELECT count(*) FROM contribution_import"), 0);
    drop(coord);
    assert_consistent(&coord_dir);
}

#[test]
fn a_pack_with_an_evidence_kind_this_app_does_not_know_is_refused_at_import() {
    let dir = tempdir();
    let teacher_dir = dir.path().join("t");
    let mut teacher = sanctuary::datadir::open(&teacher_dir).unwrap();
    add_quote(&mut teacher, "We felt welcome from the first day.");
    let pack = dir.path().join("p.sanctuary-contribution");
    contribution::export(&teacher, &pack, "T", now(), &Job::silent()).unwrap();
    // The kind column has no CHECK: without the refusal the row would go in and the library could
    // no longer be read.
    tamper(&pack, |records| {
        records.evidence[0].row.insert("kind".into(), serde_json::Value::from("hologram"));
    });
    let coord_dir = dir.path().join("c");
    let mut coord = school_folder(&coord_dir, "C");
    let before = count(&coord, "SELECT count(*) FROM evidence");
    let err = contribution::import(&mut coord, &pack, &Limits::default(), now(), &Job::silent()).unwrap_err().to_string();
    assert!(err.contains("hologram") && err.contains("Nothing was changed"), "{err}");
    assert_eq!(count(&coord, "SELECT count(*) FROM evidence"), before);
    assert!(sanctuary::evidence::list(&coord, &Default::default()).is_ok(), "the library still reads");
    drop(coord);
    assert_consistent(&coord_dir);
}

#[test]
fn loading_the_demo_over_a_school_also_clears_its_imports_and_previous_awards() {
    let dir = tempdir();
    let mut store = school_folder(&dir.path().join("a"), "Real");
    bundle::renewal::start(&mut store, NaiveDate::from_ymd_opt(2023, 7, 1), None, now()).unwrap();
    let mut teacher = sanctuary::datadir::open(&dir.path().join("t")).unwrap();
    add_action(&mut teacher, "T");
    let pack = dir.path().join("p.sanctuary-contribution");
    contribution::export(&teacher, &pack, "T", now(), &Job::silent()).unwrap();
    contribution::import(&mut store, &pack, &Limits::default(), now(), &Job::silent()).unwrap();
    sanctuary::demo::load(&mut store, now(), true).unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM previous_award"), 0);
    assert_eq!(count(&store, "SELECT count(*) FROM contribution_import"), 0);
}

#[test]
fn a_contribution_pack_is_not_a_backup_and_vice_versa() {
    let dir = tempdir();
    let mut store = school_folder(&dir.path().join("a"), "S");
    let pack = dir.path().join("p.sanctuary-contribution");
    contribution::export(&store, &pack, "", now(), &Job::silent()).unwrap();
    let backup = dir.path().join("b.sanctuary");
    bundle::backup(&store, &backup, now(), &Job::silent()).unwrap();
    let err = contribution::import(&mut store, &backup, &Limits::default(), now(), &Job::silent()).unwrap_err();
    assert!(err.to_string().contains("restore it instead"), "{err}");
    refused(&pack, &RestoreOptions::new(true), "import it instead");
}
