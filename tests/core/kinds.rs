//! Evidence kinds and consent as types: the stored words read into `EvidenceKind` and `Consent`, a
//! stored word this version does not know reported by name (never read as another value, never a
//! panic), the command line refusing an unknown consent with its coded rule, and the window's contract
//! naming every value rather than carrying `string`.

use sanctuary::evidence::{self, Consent, EvidenceKind, Filter};
use sanctuary::store::Store;

use crate::support::{cli, demo_store, stderr, tempdir};

#[test]
fn every_kind_and_consent_is_stored_and_sent_as_its_own_word() {
    for k in EvidenceKind::ALL {
        assert_eq!(EvidenceKind::from_stored(k.as_str()), Some(k));
        assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{}\"", k.as_str()));
    }
    for c in Consent::ALL {
        assert_eq!(Consent::from_stored(c.as_str()), Some(c));
        assert_eq!(serde_json::to_string(&c).unwrap(), format!("\"{}\"", c.as_str()));
    }
    assert_eq!(Consent::parse("Not-Needed").unwrap(), Consent::NotNeeded);
    assert_eq!(serde_json::from_str::<Consent>("\"given_hidden\"").unwrap(), Consent::GivenHidden);
    assert!(serde_json::from_str::<EvidenceKind>("\"video\"").is_err());
}

#[test]
fn the_demo_library_reads_back_as_types() {
    let dir = tempdir();
    let store = demo_store(dir.path());
    let items = evidence::list(&store, &Filter::default()).unwrap();
    // `demo_store` takes the demo's drawn photos out; its quotes stay.
    assert!(!items.is_empty());
    assert!(items.iter().any(|i| i.kind == EvidenceKind::Quote));
    let quotes = evidence::list(&store, &Filter { kind: Some(EvidenceKind::Quote), ..Filter::default() }).unwrap();
    assert!(!quotes.is_empty() && quotes.iter().all(|i| i.kind == EvidenceKind::Quote));
}

/// A library with one quote whose stored `column` is then set to `word` behind the app's back (the
/// consent column's CHECK is switched off for it, as a damaged or hand-edited file might have it).
fn library_with_stored(dir: &std::path::Path, column: &str, word: &str) -> Store {
    let mut store = Store::open(dir).unwrap();
    let item = evidence::add_quote(&mut store, "We felt welcome.", "Year 5 pupil", &[], crate::support::now()).unwrap();
    store.conn().execute_batch("PRAGMA ignore_check_constraints = ON").unwrap();
    store.conn().execute(&format!("UPDATE evidence SET {column} = ?1 WHERE id = ?2"), [word, &item.id]).unwrap();
    store
}

#[test]
fn a_stored_kind_this_version_does_not_know_is_an_error_naming_it() {
    let dir = tempdir();
    let store = library_with_stored(dir.path(), "kind", "hologram");
    let err = evidence::list(&store, &Filter::default()).unwrap_err().to_string();
    assert!(err.contains("hologram") && err.contains("kind"), "{err}");
    let err = evidence::exhibits(&store, false).unwrap_err().to_string();
    assert!(err.contains("hologram"), "{err}");
}

#[test]
fn a_stored_consent_this_version_does_not_know_is_an_error_naming_it() {
    let dir = tempdir();
    let store = library_with_stored(dir.path(), "consent", "perhaps");
    let err = evidence::list(&store, &Filter::default()).unwrap_err().to_string();
    assert!(err.contains("perhaps") && err.contains("consent"), "{err}");
    // The lighter reads of the portfolio rule read the column too, and say the same.
    let err = evidence::exhibit_ids(&store).unwrap_err().to_string();
    assert!(err.contains("perhaps"), "{err}");
}

#[test]
fn the_command_line_refuses_an_unknown_consent_with_its_rule() {
    let dir = tempdir();
    let data = dir.path().join("data");
    drop(demo_store(&data));
    let file = dir.path().join("note.pdf");
    std::fs::write(&file, b"%PDF-1.4\n%%EOF\n").unwrap();
    let o = cli(&data, &["evidence", "add", "--consent", "perhaps", file.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("onsent must be given"), "{err}");
    let o = cli(&data, &["evidence", "add", "--consent", "not-needed", "--criterion", "1", file.to_str().unwrap()]);
    assert!(!stderr(&o).contains("onsent must be given"), "{}", stderr(&o));
}

#[test]
fn the_window_contract_names_every_kind_and_consent() {
    let contract = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/ui/src/lib/contract.ts")).unwrap();
    for field in ["kind: string", "consent: string", "consent?: string", "kind?: string"] {
        assert!(!contract.contains(field), "contract.ts still has `{field}`");
    }
    assert!(contract.contains("export type Consent = \"given\" | \"given_hidden\" | \"not_needed\" | \"missing\";"), "Consent is declared");
    assert!(contract.contains("export type EvidenceKind = \"photo\" | \"document\" | \"quote\" | \"link\";"), "EvidenceKind is declared");
}
