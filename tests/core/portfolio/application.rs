//! The application section's length, as the panel's page limit counts it, saved and while a draft
//! is typed.

use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions};

use crate::support::{demo_store, now, tempdir};
use super::{flat, ok};

#[test]
fn application_pages_grow_with_the_narrative() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let before = portfolio::application_pages(&store, now().date_naive()).unwrap();
    assert!(
        before > 1.0 && before < 8.0,
        "{before}"
    );
    let long = "We worked with families and pupils on this over the whole year. ".repeat(200);
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO narrative (criterion_key, body, updated_at) VALUES ('learner-voice', ?1, ?2) \
                 ON CONFLICT(criterion_key) DO UPDATE SET body = excluded.body",
                [long.as_str(), &now().to_rfc3339()],
            )?;
            Ok(())
        })
        .unwrap();
    let after = portfolio::application_pages(&store, now().date_naive()).unwrap();
    assert!(after > before + 2.0, "{before} -> {after}");
}

#[test]
fn the_application_length_follows_a_draft_and_exhibit_labels_match_the_export() {
    let dir = tempdir();
    let store = demo_store(dir.path());
    let saved = portfolio::application_pages(&store, now().date_naive()).unwrap();
    assert!(saved > 0.5 && saved <= 8.0, "{saved}");
    // A long draft for one criterion, not yet saved, lengthens the count; the saved text is untouched.
    let para = "Pupils in every class wrote welcome cards for new families, and the school council chose the words. ".repeat(12);
    let draft = vec![para; 40].join("\n\n");
    let longer = portfolio::application_pages_with_draft(&store, "learner-voice", &draft, now().date_naive()).unwrap();
    assert!(longer > saved + 4.0, "{saved} → {longer}");
    assert!(longer > 8.0, "over the limit: {longer}");
    assert_eq!(portfolio::application_pages(&store, now().date_naive()).unwrap(), saved);
    let empty = portfolio::application_pages_with_draft(&store, "learner-voice", "", now().date_naive()).unwrap();
    assert!(empty <= saved, "{empty} vs {saved}");

    // The picker offers exactly the exhibits the export numbers, with the same labels.
    let refs = portfolio::exhibits(&store).unwrap();
    assert!(!refs.is_empty());
    let out = dir.path().join("p.pdf");
    portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    let text = flat(&ok("pdftotext", &[out.to_str().unwrap(), "-"]));
    // The Evidence screen's tiles read the light list; it gives every exhibit the same label.
    let tiles: Vec<_> = sanctuary::evidence::exhibit_numbers(&store).unwrap().into_iter().map(|n| (n.id, n.label)).collect();
    assert_eq!(tiles, refs.iter().map(|r| (r.id.clone(), r.label.clone())).collect::<Vec<_>>());
    for (i, r) in refs.iter().enumerate() {
        assert_eq!(r.label, format!("E{}", i + 1));
        // Right-to-left titles come out of pdftotext in visual order, so only left-to-right ones are compared.
        if r.title.chars().all(|c| c.is_ascii() || c.is_alphabetic() && !('\u{0590}'..='\u{08FF}').contains(&c)) {
            assert!(text.contains(&format!("{} {}", r.label, r.title)), "{} {} not in the appendix", r.label, r.title);
        }
    }
}

#[test]
fn an_empty_gaps_box_reads_not_written_yet_not_none_recorded() {
    // "None recorded." under "Gaps we are working on" reads to a panel as "we have no gaps".
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    store
        .write(|tx| {
            tx.execute("UPDATE audit SET gaps = '' WHERE criterion_key = 'learner-voice'", [])?;
            Ok(())
        })
        .unwrap();
    for (lang, heading, empty) in [
        (sanctuary::i18n::Lang::En, "Gaps we are working on", "Not written yet."),
        (sanctuary::i18n::Lang::Cy, "Bylchau rydyn ni'n gweithio arnyn nhw", "Heb ei ysgrifennu eto."),
    ] {
        let out = dir.path().join(format!("p-{lang:?}.pdf"));
        let mut opts = ExportOptions::new(out.clone(), now());
        opts.language = lang;
        portfolio::export(&store, &opts, &Job::silent()).unwrap();
        let text = flat(&ok("pdftotext", &[out.to_str().unwrap(), "-"])).replace('’', "'");
        assert!(text.contains(&format!("{heading} {empty}")), "{lang:?}: no `{heading} {empty}`");
        assert!(!text.contains("None recorded") && !text.contains("Dim wedi'u cofnodi"), "{lang:?}");
    }
}
