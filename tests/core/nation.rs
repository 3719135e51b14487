//! The nations: each one's school identifier (accepted shapes, the stored form, refusals), the head's
//! title, stages and phases, the school's save refusing an identifier that does not fit its nation,
//! and the portfolio's school details worded for the nation.

use sanctuary::error::{Error, Param};
use sanctuary::i18n::Lang;
use sanctuary::job::Job;
use sanctuary::nation::{Head, Nation, Stages};
use sanctuary::portfolio::{self, ExportOptions};
use sanctuary::school::{self, School};
use sanctuary::Store;

use crate::support::{demo_store, now, pdftotext, tempdir};

/// Each typed identifier and the form it is stored in.
fn accepts(nation: Nation, cases: &[(&str, &str)]) {
    for (typed, stored) in cases {
        match nation.check_identifier(typed) {
            Ok(got) => assert_eq!(&got, stored, "{nation:?}: `{typed}`"),
            Err(e) => panic!("{nation:?} refused `{typed}`: {e}"),
        }
    }
}

/// Each typed identifier is refused with the identifier rule, naming the nation, the identifier and
/// an example, and a message that says what it should look like.
fn refuses(nation: Nation, typed: &[&str], name: &str, example: &str) {
    for t in typed {
        match nation.check_identifier(t) {
            Err(Error::Rule { code, params, message }) => {
                assert_eq!(code, "school_identifier", "{nation:?}: `{t}`");
                assert_eq!(params.get("nation"), Some(&Param::Text(nation.as_str().into())));
                assert_eq!(params.get("name"), Some(&Param::Text(name.into())));
                assert_eq!(params.get("example"), Some(&Param::Text(example.into())));
                assert!(message.contains(name) && message.contains(example), "{message}");
            }
            other => panic!("{nation:?} should refuse `{t}`, got {other:?}"),
        }
    }
}

#[test]
fn an_english_urn_is_six_digits() {
    accepts(Nation::England, &[("100000", "100000"), ("136290", "136290"), ("  145231 ", "145231"), ("", ""), ("   ", "")]);
    refuses(
        Nation::England,
        &["12345", "1234567", "13629O", "136 290", "URN136290", "１３６２９０", "-13629"],
        "URN",
        "123456",
    );
}

#[test]
fn a_welsh_number_is_the_la_code_and_establishment_number_stored_with_a_slash() {
    accepts(
        Nation::Wales,
        &[("681/2345", "681/2345"), ("6812345", "681/2345"), ("681 2345", "681/2345"), (" 670/4061 ", "670/4061"), ("6614002", "661/4002")],
    );
    refuses(
        Nation::Wales,
        &["681-2345", "68/12345", "681/234", "681//2345", "681/23456", "68123456", "681 / 2345", "abc/defg", "123456"],
        "LA/establishment number",
        "681/2345",
    );
}

#[test]
fn a_scottish_seed_code_is_seven_digits() {
    accepts(Nation::Scotland, &[("5244439", "5244439"), ("8234567", "8234567"), (" 1002345", "1002345")]);
    refuses(Nation::Scotland, &["524443", "52444390", "524-4439", "SEED5244", "524 4439"], "SEED code", "5244439");
}

#[test]
fn a_northern_irish_de_number_is_seven_digits_stored_with_a_hyphen() {
    accepts(
        Nation::NorthernIreland,
        &[("1236543", "123-6543"), ("123-6543", "123-6543"), ("  423-0123 ", "423-0123"), ("3016789", "301-6789")],
    );
    refuses(Nation::NorthernIreland, &["123/6543", "12-36543", "123-654", "123 6543", "123--6543", "12365430"], "DE reference number", "123-4567");
}

#[test]
fn an_irish_roll_number_is_five_digits_and_a_letter_stored_in_capitals() {
    accepts(Nation::Ireland, &[("19374K", "19374K"), ("19374k", "19374K"), (" 60870D ", "60870D"), ("01234w", "01234W")]);
    refuses(Nation::Ireland, &["19374", "1937K", "19374KK", "K19374", "19374-K", "19374 K", "193745", "19374É"], "Roll number", "19374K");
}

#[test]
fn every_nation_refuses_an_example_of_the_wrong_shape_and_accepts_its_own() {
    for n in Nation::ALL {
        let example = n.identifier_example();
        assert_eq!(n.check_identifier(example).unwrap(), example, "{n:?}'s example is in its stored form");
    }
    // An English URN is no other nation's identifier, and a SEED code is no English URN.
    for n in [Nation::Wales, Nation::Scotland, Nation::NorthernIreland, Nation::Ireland] {
        assert!(n.check_identifier("136290").is_err(), "{n:?} accepted an English URN");
    }
    assert!(Nation::England.check_identifier("5244439").is_err());
}

#[test]
fn nations_are_read_from_the_stored_text_and_unknown_ones_are_worded_as_england() {
    assert_eq!(Nation::parse("Northern Ireland"), Some(Nation::NorthernIreland));
    assert_eq!(Nation::parse(" scotland "), Some(Nation::Scotland));
    assert_eq!(Nation::parse("Ireland"), Some(Nation::Ireland));
    assert_eq!(Nation::parse(""), None);
    assert_eq!(Nation::parse("Cymru"), None);
    assert_eq!(Nation::or_england(""), Nation::England);
    for n in Nation::ALL {
        assert_eq!(Nation::parse(n.as_str()), Some(n));
    }
}

#[test]
fn heads_stages_and_phases_follow_the_nation() {
    assert_eq!(Nation::NorthernIreland.head(), Head::Principal);
    assert_eq!(Nation::Ireland.head(), Head::Principal);
    assert_eq!(Nation::Scotland.head(), Head::Headteacher);
    assert_eq!(Nation::NorthernIreland.head_title(Lang::En), "Principal");
    assert_eq!(Nation::Wales.head_title(Lang::En), "Headteacher");
    assert_eq!(Nation::Ireland.head_title(Lang::Cy), "Pennaeth");
    assert_eq!(Nation::Scotland.identifier_name(Lang::En), "SEED code");
    assert_eq!(Nation::Scotland.identifier_name(Lang::Cy), "Cod SEED");

    assert!(Nation::England.has_key_stages() && Nation::Wales.has_key_stages() && Nation::NorthernIreland.has_key_stages());
    assert!(!Nation::Scotland.has_key_stages() && !Nation::Ireland.has_key_stages());
    assert_eq!(Nation::Scotland.stages(), Stages::ScottishStage);
    assert_eq!(Nation::Ireland.stages(), Stages::IrishClass);

    assert_eq!(Nation::Scotland.phases(), ["Nursery", "Primary", "Secondary", "Special", "Independent"]);
    assert_eq!(Nation::NorthernIreland.phases(), ["Nursery", "Primary", "Post-primary", "Special", "Independent"]);
    assert_eq!(Nation::Ireland.phases(), ["Primary", "Post-primary", "Special"]);
    assert!(Nation::Wales.phases().contains(&"Sixth form") && Nation::England.phases().contains(&"All-through"));

    let w = Nation::Ireland.words();
    assert_eq!((w.nation, w.head, w.key_stages, w.identifier_numeric), (Nation::Ireland, Head::Principal, false, false));
    assert_eq!(w.identifier_example, "19374K");
    let json = serde_json::to_value(Nation::NorthernIreland.words()).unwrap();
    assert_eq!(json["nation"], "Northern Ireland", "the window gets the stored text");
    assert_eq!(json["stages"], "key_stage");
}

fn school_in(store: &mut Store, nation: &str, identifier: &str) -> School {
    let mut s = school::load(store, now()).unwrap();
    s.name = "St Columba's".into();
    s.nation = nation.into();
    s.urn = identifier.into();
    school::save(store, &s, now()).unwrap()
}

#[test]
fn save_stores_the_identifier_in_its_normal_form() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let saved = school_in(&mut store, "Wales", " 681 2345 ");
    assert_eq!(saved.urn, "681/2345", "the saved school is returned as stored");
    assert_eq!(school::load(&mut store, now()).unwrap().urn, "681/2345");
    school_in(&mut store, "Ireland", "19374k");
    assert_eq!(school::load(&mut store, now()).unwrap().urn, "19374K");
    school_in(&mut store, "Northern Ireland", "");
    assert_eq!(school::load(&mut store, now()).unwrap().urn, "", "an identifier not known yet may stay empty");
}

#[test]
fn a_refused_identifier_stores_nothing_of_the_form() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let before = school_in(&mut store, "Scotland", "5244439");
    let mut s = before.clone();
    s.name = "Renamed in the same save".into();
    s.headteacher = "Ms R. Campbell".into();
    s.urn = "524443".into();
    let err = school::save(&mut store, &s, now()).unwrap_err();
    assert_eq!(err.code(), "school_identifier");
    assert!(err.to_string().contains("SEED code") && err.to_string().contains("5244439"), "{err}");
    assert_eq!(school::load(&mut store, now()).unwrap(), before, "nothing of the refused save is stored");

    // Corrected, the whole form saves, the other edits with it.
    s.urn = "5244438".into();
    school::save(&mut store, &s, now()).unwrap();
    let after = school::load(&mut store, now()).unwrap();
    assert_eq!((after.name.as_str(), after.headteacher.as_str(), after.urn.as_str()), ("Renamed in the same save", "Ms R. Campbell", "5244438"));
}

#[test]
fn changing_the_nation_with_an_identifier_that_does_not_fit_it_is_refused() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let before = school_in(&mut store, "England", "136290");
    let mut s = before.clone();
    s.nation = "Ireland".into();
    let err = school::save(&mut store, &s, now()).unwrap_err();
    assert_eq!(err.code(), "school_identifier");
    assert_eq!(err.params().get("nation"), Some(&Param::Text("Ireland".into())));
    assert_eq!(err.params().get("name"), Some(&Param::Text("Roll number".into())));
    assert_eq!(school::load(&mut store, now()).unwrap(), before);

    // With the nation's own identifier (or none yet) the change goes through.
    s.urn = String::new();
    school::save(&mut store, &s, now()).unwrap();
    assert_eq!(school::load(&mut store, now()).unwrap().nation, "Ireland");
}

#[test]
fn an_identifier_stored_before_the_rules_does_not_block_other_edits() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let mut s = school_in(&mut store, "England", "");
    // As an earlier release (or a restored backup) may have left it: typed freely.
    store.conn().execute("UPDATE school SET urn = 'URN 136290'", []).unwrap();
    s.urn = "URN 136290".into();
    s.local_authority = "Riverton".into();
    school::save(&mut store, &s, now()).unwrap();
    sanctuary::school::choose_framework(&mut store, sanctuary::framework::DEFAULT_ID, now()).unwrap();
    let kept = school::load(&mut store, now()).unwrap();
    assert_eq!((kept.urn.as_str(), kept.local_authority.as_str()), ("URN 136290", "Riverton"));
    // Editing it brings the rules in.
    s.urn = "URN 1362901".into();
    assert_eq!(school::save(&mut store, &s, now()).unwrap_err().code(), "school_identifier");
}

#[test]
fn nation_words_are_the_school_s_unless_another_nation_is_asked_for() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(school::nation_words(&store, None).unwrap().nation, Nation::England, "no school yet: England");
    school_in(&mut store, "Scotland", "");
    assert_eq!(school::nation_words(&store, None).unwrap().nation, Nation::Scotland);
    assert_eq!(school::nation_words(&store, Some("Northern Ireland")).unwrap().head, Head::Principal);
    assert_eq!(school::nation_words(&store, Some("Atlantis")).unwrap().nation, Nation::England);
}

/// The demo school moved to `nation` with `identifier`, exported in `lang`; the whole text, flattened.
fn portfolio_text(nation: &str, identifier: &str, lang: Lang) -> String {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let mut s = school::load(&mut store, now()).unwrap();
    s.nation = nation.into();
    s.urn = identifier.into();
    school::save(&mut store, &s, now()).unwrap();
    let out = dir.path().join("portfolio.pdf");
    let mut opts = ExportOptions::new(out.clone(), now());
    opts.language = lang;
    portfolio::export(&store, &opts, &Job::silent()).unwrap();
    pdftotext(&[out.to_str().unwrap(), "-"]).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect()
}

#[test]
fn a_scottish_school_s_portfolio_gives_its_seed_code_not_a_urn() {
    let text = portfolio_text("Scotland", "5244439", Lang::En);
    assert!(text.contains("SEED code 5244439"), "{text}");
    assert!(!words(&text).contains(&"URN"), "the portfolio still says URN");
    assert!(text.contains("Headteacher Ms A. Okafor"), "a Scottish school has a headteacher");

    let cy = portfolio_text("Scotland", "5244439", Lang::Cy);
    assert!(cy.contains("Cod SEED 5244439"), "{cy}");
    assert!(!words(&cy).contains(&"URN"));
    // The nation and the phase are worded in Welsh too, not printed as stored.
    assert!(cy.contains("Gwlad Yr Alban"), "{cy}");
    assert!(cy.contains("Cyfnod Cynradd"), "{cy}");
    // ("Primary" stays in the demo school's own name.)
    assert!(!words(&cy).contains(&"Scotland"), "{cy}");
}

#[test]
fn nations_and_phases_have_welsh_names_and_unknown_phases_print_as_stored() {
    assert_eq!(Nation::NorthernIreland.name(Lang::Cy), "Gogledd Iwerddon");
    assert_eq!(Nation::NorthernIreland.name(Lang::En), "Northern Ireland");
    for nation in Nation::ALL {
        for phase in nation.phases() {
            let cy = Nation::phase_name(phase, Lang::Cy);
            assert_ne!(&cy, phase, "{phase} has no Welsh name");
            assert_eq!(&Nation::phase_name(phase, Lang::En), phase);
        }
    }
    assert_eq!(Nation::phase_name("Middle school", Lang::Cy), "Middle school");
}

#[test]
fn a_northern_irish_school_s_portfolio_names_its_principal_not_a_headteacher() {
    let text = portfolio_text("Northern Ireland", "1236543", Lang::En);
    assert!(text.contains("Principal Ms A. Okafor"), "{text}");
    assert!(!text.to_lowercase().contains("headteacher"), "the portfolio still says Headteacher");
    assert!(text.contains("DE reference number 123-6543"), "stored and printed with its hyphen");
}

#[test]
fn a_northern_irish_school_s_visit_brief_meets_its_principal() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let mut s = school::load(&mut store, now()).unwrap();
    s.nation = "Northern Ireland".into();
    s.urn = "123-6543".into();
    school::save(&mut store, &s, now()).unwrap();
    let out = dir.path().join("brief.pdf");
    portfolio::export_visit_brief(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    let text = pdftotext(&[out.to_str().unwrap(), "-"]).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Principal Ms A. Okafor"), "{text}");
    assert!(!text.to_lowercase().contains("headteacher"), "{text}");
}
