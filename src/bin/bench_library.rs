//! Benchmark of the lists that grow with a school's years: `bench_library [N] [--rows M] [--keep DIR]`.
//!
//! Fills a fresh data folder with N evidence items (default 10,000: rows only, each with two
//! criteria, as an import leaves them; no files, since listing never reads them) and M actions and
//! M feedback rounds with two comments each (default 1,000, through the core's own add functions),
//! then times what the window's screens call: the Evidence screen's slices (`evidence::page`: the
//! first 120, then 1,000 at a time) and the JSON they become, the first exhibit numbers, the whole
//! `evidence::list` (the CLI, readiness and a filtered list), one `evidence::get`, `exhibit_ids`,
//! the action plan as `plan_view` builds it, and `feedback::rounds`. Each figure is the median of 9
//! runs after one warm-up.
//! Run it with `cargo run --release --bin bench_library` (the README's figures say which build).

use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone, Utc};
use rusqlite::params;
use sanctuary::evidence::{self, Filter};
use sanctuary::feedback::{self, CommentKind, RoundDraft, RoundKind};
use sanctuary::plan::{self, Draft};
use sanctuary::Store;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut n = 10_000usize;
    let mut rows = 1_000usize;
    let mut keep: Option<std::path::PathBuf> = None;
    while let Some(a) = args.next() {
        match (a.as_str(), a.parse::<usize>()) {
            ("--rows", _) => rows = args.next().and_then(|v| v.parse().ok()).unwrap_or(rows),
            // Leaves the data folder there, to open it in the window (the plan and journey screens).
            ("--keep", _) => keep = args.next().map(Into::into),
            (_, Ok(v)) => n = v,
            _ => {
                eprintln!("usage: bench_library [N] [--rows M] [--keep DIR]");
                std::process::exit(2);
            }
        }
    }
    let dir = keep.clone().unwrap_or_else(|| std::env::temp_dir().join(format!("sanctuary-bench-library-{}", std::process::id())));
    let mut store = sanctuary::datadir::open(&dir).expect("bench data folder");
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    let fw = sanctuary::school::framework(&store).expect("framework");
    let keys: Vec<String> = fw.criteria.iter().map(|c| c.key.clone()).collect();

    let t = Instant::now();
    fill_evidence(&mut store, n, &keys, now);
    eprintln!("{n} evidence rows written in {:.1} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let start = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
    for i in 0..rows {
        let draft = Draft {
            action: format!("Action {i}: a welcome assembly for new arrivals"),
            criteria: vec![keys[i % keys.len()].clone(), keys[(i + 3) % keys.len()].clone()],
            owner: format!("Teacher {}", i % 17),
            due_date: (i % 5 != 0).then(|| start + chrono::Days::new((i % 300) as u64)),
            ..Draft::default()
        };
        plan::add(&mut store, &fw, &draft, now).expect("action");
    }
    for i in 0..rows {
        let draft = RoundDraft {
            kind: RoundKind::DraftReview,
            received_on: Some(start + chrono::Days::new((i % 300) as u64)),
            from_whom: format!("Local lead {}", i % 7),
            due_date: None,
            summary: format!("Round {i}"),
        };
        let round = feedback::add_round(&mut store, &draft, now).expect("round");
        for (k, kind) in [CommentKind::Strength, CommentKind::Question].into_iter().enumerate() {
            feedback::add_comment(&mut store, &round.id, Some(keys[(i + k) % keys.len()].as_str()), kind, "Say more about the welcome").expect("comment");
        }
    }
    eprintln!("{rows} actions and {rows} feedback rounds written in {:.1} s", t.elapsed().as_secs_f64());

    let all = evidence::list(&store, &Filter::default()).unwrap();
    assert_eq!(all.len(), n);
    let some_id = all[n / 2].id.clone();
    let today = NaiveDate::from_ymd_opt(2027, 1, 10).unwrap();
    println!("library of {n} items, {rows} actions, {rows} feedback rounds ({} build)", if cfg!(debug_assertions) { "debug" } else { "release" });
    report("evidence::page, the first 120 (the Evidence screen's first call)", || drop(evidence::page(&store, 0, 120).unwrap()));
    report("  ... and its JSON for the window", || drop(serde_json::to_vec(&evidence::page(&store, 0, 120).unwrap()).unwrap()));
    report("evidence::page, 1,000 from the middle (each later call)", || drop(evidence::page(&store, 5_000, 1_000).unwrap()));
    report("  ... and its JSON for the window", || drop(serde_json::to_vec(&evidence::page(&store, 5_000, 1_000).unwrap()).unwrap()));
    report("evidence::first_exhibit_numbers, 120 (with the first page)", || drop(evidence::first_exhibit_numbers(&store, 120).unwrap()));
    report("evidence::list (the whole library; the CLI and readiness)", || drop(evidence::list(&store, &Filter::default()).unwrap()));
    report("  ... and its JSON", || drop(serde_json::to_vec(&evidence::list(&store, &Filter::default()).unwrap()).unwrap()));
    report("evidence::list with a search (\"img 0042\")", || {
        drop(evidence::list(&store, &Filter { text: "img 0042".into(), ..Filter::default() }).unwrap())
    });
    report("evidence::get (one item, as a thumbnail rebuild or an edit reads it)", || drop(evidence::get(&store, &some_id).unwrap()));
    report("evidence::exhibit_ids (the tiles' exhibit numbers)", || drop(evidence::exhibit_ids(&store).unwrap()));
    report("action plan as plan_view builds it (list, by strand, by month)", || {
        let fw = sanctuary::school::framework(&store).unwrap();
        let actions = plan::list(&store, &plan::Filter::default(), today).unwrap();
        drop(plan::by_strand(&fw, &actions));
        drop(plan::by_month(&actions));
    });
    report("feedback::rounds (every round with its comments)", || drop(feedback::rounds(&store).unwrap()));
    drop(store);
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// N evidence rows as an import of photos leaves them, in one transaction.
fn fill_evidence(store: &mut Store, n: usize, keys: &[String], now: chrono::DateTime<Utc>) {
    store
        .write(|tx| {
            let t = now.to_rfc3339();
            let mut blob = tx.prepare("INSERT INTO blob (sha256, size, mime, created_at) VALUES (?1, ?2, 'image/jpeg', ?3)")?;
            let mut item = tx.prepare(
                "INSERT INTO evidence (id, kind, title, caption, blob_sha256, original_name, activity_date, added_at, consent, \
                 width, height, position, updated_at) VALUES (?1, 'photo', ?2, ?3, ?4, ?5, ?6, ?7, ?8, 4032, 3024, ?9, ?7)",
            )?;
            let mut crit = tx.prepare("INSERT INTO evidence_criterion (evidence_id, criterion_key) VALUES (?1, ?2)")?;
            let day0 = NaiveDate::from_ymd_opt(2024, 9, 1).unwrap();
            for i in 0..n {
                let sha = format!("{:064x}", i + 1);
                blob.execute(params![sha, 2_000_000 + i as i64, t])?;
                let id = uuid::Uuid::new_v4().to_string();
                let consent = ["given", "missing", "not_needed"][i % 3];
                item.execute(params![
                    id,
                    format!("IMG {i:04}"),
                    if i % 4 == 0 { "Refugee Week assembly" } else { "" },
                    sha,
                    format!("IMG {i:04}.jpg"),
                    day0 + chrono::Days::new((i % 900) as u64),
                    t,
                    consent,
                    i as i64 + 1
                ])?;
                for k in [i % keys.len(), (i * 7 + 1) % keys.len()] {
                    crit.execute(params![id, keys[k]])?;
                }
            }
            Ok(())
        })
        .expect("evidence rows");
}

/// Prints the median of 9 timed runs of `f` (after one untimed).
fn report(what: &str, mut f: impl FnMut()) {
    f();
    let mut times: Vec<Duration> = (0..9)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    println!("{what:<70} {:>8.1} ms (min {:.1})", times[4].as_secs_f64() * 1000.0, times[0].as_secs_f64() * 1000.0);
}
