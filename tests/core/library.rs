//! The library screen's reads at scale: one listing query that brings each item's criteria along
//! and walks an index in exhibit order, single-item lookups that do not list, and thumbnails served
//! by hash (`evidence::thumbs`) that refuse anything else.

use std::path::Path;

use image::{ImageBuffer, Rgb};
use sanctuary::evidence::thumbs::{self, Answer};
use sanctuary::evidence::{self, rendition, Filter, ImportOptions};
use sanctuary::job::Job;
use sanctuary::{Error, Store};

use crate::support::{now, tempdir};

fn jpeg(w: u32, h: u32, shade: u8) -> Vec<u8> {
    let img = ImageBuffer::from_fn(w, h, |x, y| Rgb([(x * 7 % 256) as u8, (y * 5 % 256) as u8, shade]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(&img).unwrap();
    out
}

/// A store with two photos (criteria given) and a quote; returns the photos' ids.
fn library(dir: &Path) -> (Store, Vec<String>) {
    let src = dir.join("in");
    std::fs::create_dir_all(&src).unwrap();
    let files: Vec<_> = ["Hall display.jpg", "Picnic.jpg"]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let p = src.join(name);
            std::fs::write(&p, jpeg(120, 90, 40 * i as u8)).unwrap();
            p
        })
        .collect();
    let mut store = Store::open(&dir.join("data")).unwrap();
    let opts = ImportOptions { criteria: vec!["welcome".into(), "celebration-events".into()], consent: Some(sanctuary::evidence::Consent::Given), ..ImportOptions::default() };
    let ids = evidence::import(&mut store, &files, &opts, &Job::silent(), now()).unwrap().added;
    evidence::add_quote(&mut store, "We feel safe here", "Pupil, Year 6", &[], now()).unwrap();
    (store, ids)
}

#[test]
fn the_listing_brings_every_items_criteria_sorted_and_get_reads_one_item() {
    let dir = tempdir();
    let (mut store, ids) = library(dir.path());
    let items = evidence::list(&store, &Filter::default()).unwrap();
    assert_eq!(items.len(), 3);
    let photo = items.iter().find(|i| i.id == ids[0]).unwrap();
    assert_eq!(photo.criteria, vec!["celebration-events".to_string(), "welcome".to_string()]);
    let quote = items.iter().find(|i| i.kind == sanctuary::evidence::EvidenceKind::Quote).unwrap();
    assert!(quote.criteria.is_empty(), "{:?}", quote.criteria);
    // get() answers the same as the listing, for one id.
    assert_eq!(&evidence::get(&store, &ids[1]).unwrap(), items.iter().find(|i| i.id == ids[1]).unwrap());
    evidence::delete(&mut store, &ids[1], now()).unwrap();
    assert!(matches!(evidence::get(&store, &ids[1]), Err(Error::NotFound { .. })));
    assert!(matches!(evidence::get(&store, "no-such-id"), Err(Error::NotFound { .. })));
}

#[test]
fn pages_are_slices_of_the_listing_in_the_same_order_without_deleted_items() {
    let dir = tempdir();
    let (mut store, ids) = library(dir.path());
    let all = evidence::list(&store, &Filter::default()).unwrap();
    assert_eq!(evidence::page(&store, 0, 2).unwrap(), all[..2].to_vec());
    assert_eq!(evidence::page(&store, 2, 2).unwrap(), all[2..].to_vec());
    assert_eq!(evidence::page(&store, 0, 50).unwrap(), all);
    assert!(evidence::page(&store, 3, 10).unwrap().is_empty());
    evidence::delete(&mut store, &ids[0], now()).unwrap();
    let ids_of = |v: Vec<evidence::Item>| v.into_iter().map(|i| i.id).collect::<Vec<_>>();
    let live = ids_of(evidence::list(&store, &Filter::default()).unwrap());
    assert!(!live.contains(&ids[0]));
    assert_eq!(ids_of(evidence::page(&store, 0, 1).unwrap()), live[..1]);
    assert_eq!(ids_of(evidence::page(&store, 1, 1).unwrap()), live[1..]);
}

#[test]
fn exhibit_numbers_label_the_exportable_items_in_order() {
    let dir = tempdir();
    let (mut store, _) = library(dir.path());
    let numbers = evidence::exhibit_numbers(&store).unwrap();
    let listed: Vec<_> = evidence::list(&store, &Filter::default()).unwrap().into_iter().map(|i| i.id).collect();
    assert_eq!(numbers.iter().map(|n| n.id.clone()).collect::<Vec<_>>(), listed);
    assert_eq!(numbers.iter().map(|n| n.label.as_str()).collect::<Vec<_>>(), ["E1", "E2", "E3"]);
    assert_eq!(evidence::first_exhibit_numbers(&store, 2).unwrap(), numbers[..2].to_vec());
    assert_eq!(evidence::first_exhibit_numbers(&store, 10).unwrap(), numbers);
    // An item without consent is no exhibit, and the ones after it move up.
    let mut first = evidence::get(&store, &listed[0]).unwrap();
    first.consent = sanctuary::evidence::Consent::Missing;
    evidence::update(&mut store, &first, now()).unwrap();
    let numbers = evidence::exhibit_numbers(&store).unwrap();
    assert_eq!(numbers.len(), 2);
    assert_eq!((numbers[0].id.as_str(), numbers[0].label.as_str()), (listed[1].as_str(), "E1"));
}

#[test]
fn the_filter_folds_case_beyond_ascii_and_keeps_dates_inclusive() {
    let dir = tempdir();
    let (mut store, ids) = library(dir.path());
    let mut it = evidence::get(&store, &ids[0]).unwrap();
    it.title = "ÉCOLE display".into();
    it.activity_date = chrono::NaiveDate::from_ymd_opt(2026, 6, 20);
    evidence::update(&mut store, &it, now()).unwrap();
    let count = |f: Filter| evidence::list(&store, &f).unwrap().len();
    assert_eq!(count(Filter { text: "école".into(), ..Filter::default() }), 1);
    let day = chrono::NaiveDate::from_ymd_opt(2026, 6, 20);
    assert_eq!(count(Filter { from: day, to: day, ..Filter::default() }), 1);
    // The quote is dated the day it was added (23 November); the other photo has no date, so it
    // fails every bound.
    let after: Vec<_> = evidence::list(&store, &Filter { from: day.and_then(|d| d.succ_opt()), ..Filter::default() }).unwrap();
    assert_eq!(after.iter().map(|i| i.kind.as_str()).collect::<Vec<_>>(), ["quote"]);
    assert_eq!(count(Filter { to: day.and_then(|d| d.pred_opt()), ..Filter::default() }), 0);
}

#[test]
fn the_listing_reads_exhibit_order_from_an_index_without_sorting() {
    let dir = tempdir();
    let store = Store::open(&dir.path().join("data")).unwrap();
    let plan: Vec<String> = store
        .conn()
        .prepare(
            "EXPLAIN QUERY PLAN SELECT e.id FROM evidence e LEFT JOIN blob b ON b.sha256 = e.blob_sha256 \
             WHERE e.deleted_at IS NULL ORDER BY e.position, e.added_at, e.id",
        )
        .unwrap()
        .query_map([], |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let plan = plan.join("\n");
    assert!(plan.contains("evidence_live_order"), "{plan}");
    assert!(!plan.contains("TEMP B-TREE"), "the listing sorts instead of walking the index: {plan}");
}

#[test]
fn a_thumbnail_is_served_by_its_hash_with_an_etag_and_revalidates() {
    let dir = tempdir();
    let (store, ids) = library(dir.path());
    let sha = evidence::get(&store, &ids[0]).unwrap().sha256.unwrap();
    let path = format!("/{sha}");
    let Answer::Image { etag, bytes } = thumbs::answer(store.root(), &path, None) else { panic!("no image") };
    assert_eq!(bytes, std::fs::read(rendition::thumb_path(store.root(), &sha)).unwrap());
    assert!(image::load_from_memory(&bytes).unwrap().width() <= rendition::THUMB_EDGE);
    assert!(etag.contains(&sha) && etag.starts_with('"'), "{etag}");
    assert_eq!(thumbs::answer(store.root(), &path, Some(etag.as_str())), Answer::NotModified { etag: etag.clone() });
    // A stale tag among others does not match; the current one among others does.
    assert!(matches!(thumbs::answer(store.root(), &path, Some("\"old\"")), Answer::Image { .. }));
    assert!(matches!(thumbs::answer(store.root(), &path, Some(format!("\"old\", {etag}").as_str())), Answer::NotModified { .. }));
}

#[test]
fn hiding_areas_changes_the_thumbnails_address_and_tag_so_no_cached_picture_shows_a_face() {
    use sanctuary::evidence::redact::{self, Redaction, Region};
    let dir = tempdir();
    let (mut store, ids) = library(dir.path());
    let before = evidence::get(&store, &ids[0]).unwrap();
    assert_eq!(before.thumb_tag, "", "no areas hidden, no tag");
    let sha = before.sha256.clone().unwrap();
    let path = format!("/{sha}");
    let Answer::Image { etag: old, bytes: unhidden } = thumbs::answer(store.root(), &path, None) else { panic!("no image") };
    let area = |x: f32| Redaction { regions: vec![Region::rect(x, 0.1, 0.4, 0.4).unwrap()], ..Redaction::default() };
    redact::set(&mut store, &ids[0], &area(0.1), None, now()).unwrap();
    let hidden = evidence::get(&store, &ids[0]).unwrap();
    assert_eq!(hidden.hidden_areas, 1);
    assert!(!hidden.thumb_tag.is_empty());
    // The listing says the same as get(), and moving the area gives another tag.
    assert_eq!(evidence::list(&store, &Filter::default()).unwrap().iter().find(|i| i.id == ids[0]).unwrap().thumb_tag, hidden.thumb_tag);
    redact::set(&mut store, &ids[0], &area(0.5), None, now()).unwrap();
    let moved = evidence::get(&store, &ids[0]).unwrap();
    assert_ne!(moved.thumb_tag, hidden.thumb_tag);
    // The webview's copy from before is not "not modified": it gets the new picture.
    let Answer::Image { etag, bytes } = thumbs::answer(store.root(), &path, Some(old.as_str())) else { panic!("the old picture was revalidated") };
    assert_ne!(etag, old);
    assert_ne!(bytes, unhidden);
}

#[test]
fn anything_but_a_bare_hash_is_not_found_and_nothing_outside_renditions_is_read() {
    let dir = tempdir();
    let (store, ids) = library(dir.path());
    let sha = evidence::get(&store, &ids[0]).unwrap().sha256.unwrap();
    let root = store.root();
    // A JPEG beside the data folder that a path could reach.
    std::fs::write(dir.path().join("outside.jpg"), jpeg(20, 20, 0)).unwrap();
    let blob = format!("blobs/{}/{sha}", &sha[..2]);
    for path in [
        String::new(),
        "/".into(),
        sha.clone(),
        format!("/{}", sha.to_uppercase()),
        format!("/{sha}/"),
        format!("/{sha}-thumb.jpg"),
        format!("/renditions/{sha}-thumb.jpg"),
        format!("/../{blob}"),
        format!("/%2e%2e/{blob}"),
        "/../../outside.jpg".into(),
        format!("/{}", dir.path().join("outside.jpg").display()),
        format!("/{sha}/../../outside.jpg"),
        format!("/{}", &sha[..63]),
        format!("/{sha}0"),
    ] {
        assert_eq!(thumbs::answer(root, &path, None), Answer::NotFound, "{path:?} was answered");
    }
}

#[test]
fn a_missing_thumbnail_is_made_again_for_a_live_photo_only() {
    let dir = tempdir();
    let (mut store, ids) = library(dir.path());
    let sha = evidence::get(&store, &ids[0]).unwrap().sha256.unwrap();
    let path = format!("/{sha}");
    std::fs::remove_file(rendition::thumb_path(store.root(), &sha)).unwrap();
    assert_eq!(thumbs::answer(store.root(), &path, None), Answer::Missing { sha: sha.clone() });
    thumbs::rebuild(&store, &sha).unwrap();
    assert!(matches!(thumbs::answer(store.root(), &path, None), Answer::Image { .. }));

    // A well-formed hash that no live photo has, and a deleted photo's, are not made.
    let unknown = "0".repeat(64);
    assert!(matches!(thumbs::rebuild(&store, &unknown), Err(Error::NotFound { .. })));
    assert!(matches!(thumbs::rebuild(&store, "../../etc/passwd"), Err(Error::NotFound { .. })));
    let other = evidence::get(&store, &ids[1]).unwrap().sha256.unwrap();
    std::fs::remove_file(rendition::thumb_path(store.root(), &other)).unwrap();
    evidence::delete(&mut store, &ids[1], now()).unwrap();
    assert!(matches!(thumbs::rebuild(&store, &other), Err(Error::NotFound { .. })));
    assert!(!rendition::thumb_path(store.root(), &other).exists());
}

#[test]
fn rounds_get_their_own_comments_in_order_from_one_query_and_plans_their_criteria() {
    use sanctuary::feedback::{self, CommentKind, RoundDraft, RoundKind};
    use sanctuary::plan::{self, Draft};
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let draft = |summary: &str| RoundDraft { kind: RoundKind::DraftReview, received_on: None, from_whom: "Local lead".into(), due_date: None, summary: summary.into() };
    let a = feedback::add_round(&mut store, &draft("first"), now()).unwrap();
    let b = feedback::add_round(&mut store, &draft("second"), now()).unwrap();
    let gone = feedback::add_round(&mut store, &draft("deleted"), now()).unwrap();
    for (round, text) in [(&a.id, "a1"), (&b.id, "b1"), (&a.id, "a2"), (&gone.id, "g1"), (&b.id, "b2"), (&a.id, "a3")] {
        feedback::add_comment(&mut store, round, None, CommentKind::Question, text).unwrap();
    }
    feedback::delete_round(&mut store, &gone.id, now()).unwrap();
    let rounds = feedback::rounds(&store).unwrap();
    let texts = |id: &str| rounds.iter().find(|r| r.id == id).unwrap().comments.iter().map(|c| c.comment.clone()).collect::<Vec<_>>();
    assert_eq!(rounds.len(), 2);
    assert_eq!(texts(&a.id), ["a1", "a2", "a3"]);
    assert_eq!(texts(&b.id), ["b1", "b2"]);
    assert_eq!(feedback::round(&store, &b.id).unwrap().comments.len(), 2);

    let fw = sanctuary::school::framework(&store).unwrap();
    let keys: Vec<String> = fw.criteria.iter().map(|c| c.key.clone()).collect();
    let mk = |action: &str, criteria: Vec<String>| Draft { action: action.into(), criteria, ..Draft::default() };
    plan::add(&mut store, &fw, &mk("one", vec![keys[3].clone(), keys[0].clone()]), now()).unwrap();
    plan::add(&mut store, &fw, &mk("two", vec![keys[1].clone()]), now()).unwrap();
    let actions = plan::list(&store, &plan::Filter::default(), now().date_naive()).unwrap();
    let of = |name: &str| actions.iter().find(|x| x.action == name).unwrap().criteria.clone();
    // In the order they were chosen, each action only its own.
    assert_eq!(of("one"), vec![keys[3].clone(), keys[0].clone()]);
    assert_eq!(of("two"), vec![keys[1].clone()]);
}
