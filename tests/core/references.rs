//! Exhibit references in the school's accounts follow their items when exhibit numbers change.

use sanctuary::evidence::{self, Filter};
use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions};
use sanctuary::references::{to_labels, to_tokens};
use sanctuary::{audit, Store};

use crate::support::{now, tempdir};

#[test]
fn only_whole_references_to_existing_exhibits_become_tokens() {
    let ids: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
    let text = "See E1, (E3) and E2. Not E4, E0, E01, E2b, LE1, EE2 or E.";
    let tokens = to_tokens(text, &ids);
    assert_eq!(tokens, "See [[exhibit:a]], ([[exhibit:c]]) and [[exhibit:b]]. Not E4, E0, E01, E2b, LE1, EE2 or E.");
    let numbers = [("a", 1), ("b", 2), ("c", 3)].into_iter().collect();
    assert_eq!(to_labels(&tokens, &numbers, "E?"), text);
    // Numbers moved: "b" went, "c" is now E2.
    let moved = [("a", 1), ("c", 2)].into_iter().collect();
    assert_eq!(to_labels(&tokens, &moved, "E?"), "See E1, (E2) and E?. Not E4, E0, E01, E2b, LE1, EE2 or E.");
    assert_eq!(to_labels("odd [[exhibit:x", &moved, "E?"), "odd [[exhibit:x", "an unclosed token is plain text");
}

#[test]
fn a_reference_follows_its_item_when_an_earlier_exhibit_is_deleted() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    sanctuary::demo::load(&mut store, now(), true).unwrap();
    let fw = sanctuary::school::framework(&store).unwrap();
    let refs = portfolio::exhibits(&store).unwrap();
    let ids: Vec<String> = refs.iter().map(|r| r.id.clone()).collect();
    assert_eq!(evidence::exhibit_ids(&store).unwrap(), ids, "the editor and the export number exhibits alike");
    assert!(refs.len() >= 3);
    let third = refs[2].clone();
    audit::set_narrative(&mut store, &fw, "learner-voice", &format!("Our ambassadors chose {}.", third.label), now()).unwrap();
    assert_eq!(audit::narrative(&store, "learner-voice").unwrap(), "Our ambassadors chose E3.");
    let patch = audit::Patch { already: Some(format!("Assemblies ({}).", third.label)), ..Default::default() };
    audit::set(&mut store, &fw, "learner-voice", &patch, now()).unwrap();
    assert_eq!(audit::get(&store, "learner-voice").unwrap().already, "Assemblies (E3).");

    // The first exhibit goes: the third becomes E2, in the editor and in the PDF.
    evidence::delete(&mut store, &refs[0].id, now()).unwrap();
    assert_eq!(audit::narrative(&store, "learner-voice").unwrap(), "Our ambassadors chose E2.");
    assert_eq!(audit::get(&store, "learner-voice").unwrap().already, "Assemblies (E2).");
    let out = dir.path().join("p.pdf");
    portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    let text = crate::support::pdftotext(&[out.to_str().unwrap(), "-"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Our ambassadors chose E2."), "{flat}");
    assert!(flat.contains("Assemblies (E2)."), "{flat}");
    assert!(flat.contains(&format!("E2 {}", third.title)) || !third.title.is_ascii(), "E2 is that item in the appendix");

    // The referenced item itself goes: the reference shows as E? instead of naming another item.
    evidence::delete(&mut store, &third.id, now()).unwrap();
    assert_eq!(audit::narrative(&store, "learner-voice").unwrap(), "Our ambassadors chose E?.");
    assert!(evidence::list(&store, &Filter::default()).unwrap().iter().all(|i| i.id != third.id));
}
