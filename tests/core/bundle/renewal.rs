//! Renewal: the previous award is kept and the journey starts again.

use chrono::NaiveDate;
use sanctuary::bundle;

use crate::support::{now, tempdir};
use super::support::{school_folder, count};

#[test]
fn renewal_keeps_the_previous_award_and_starts_the_journey_again() {
    let dir = tempdir();
    let root = dir.path().join("d");
    let mut store = school_folder(&root, "Renewing School");
    let err = bundle::renewal::start(&mut store, None, None, now()).unwrap_err();
    assert!(err.to_string().contains("--awarded-on"), "{err}");
    // Rows made directly, as no public call can make them: "renewal due" is worked out from the award
    // date by `journey::set_step`, never set, and `learn_1` is a key the framework does not have.
    store
        .conn()
        .execute_batch(
            "INSERT INTO journey_step (step, date) VALUES ('pledge', '2023-01-10'), ('audit', '2023-02-01'), ('awarded', '2023-07-01'), ('renewal_due', '2026-07-01');
             INSERT INTO audit (criterion_key, level, already, updated_at) VALUES ('learn_1', 3, 'Assemblies', 'x');",
        )
        .unwrap();
    let a = bundle::renewal::start(&mut store, None, Some("Mr New Coordinator"), now()).unwrap();
    assert_eq!(a.cycle, 1);
    assert_eq!(a.awarded_on, NaiveDate::from_ymd_opt(2023, 7, 1));
    let steps = sanctuary::journey::steps(&store).unwrap();
    let dated: Vec<&str> = steps
        .iter()
        .filter(|s| s.date.is_some())
        .map(|s| s.key.as_str())
        .collect();
    assert!(dated.is_empty(), "every dated step starts again, the pledge too (it is signed again): {dated:?}");
    assert_eq!(count(&store, "SELECT count(*) FROM evidence"), 3, "evidence is kept");
    assert_eq!(
        count(&store, "SELECT count(*) FROM audit"),
        1,
        "the audit is kept as a starting point"
    );
    assert_eq!(
        store.setting(bundle::renewal::CYCLE_SETTING).unwrap().as_deref(),
        Some("1")
    );
    let record = bundle::renewal::previous_record(&store, &a.id).unwrap();
    assert_eq!(record["evidence"].as_array().unwrap().len(), 3);
    assert_eq!(record["journey"].as_array().unwrap().len(), 4);
    assert_eq!(record["audit"][0]["already"], "Assemblies");
    let s = sanctuary::school::find(&store).unwrap().unwrap();
    assert_eq!(s.coordinator_name, "Mr New Coordinator");
    let again = bundle::renewal::start(&mut store, NaiveDate::from_ymd_opt(2023, 7, 1), None, now()).unwrap_err();
    assert!(again.to_string().contains("already started"), "{again}");
    assert_eq!(bundle::renewal::previous_awards(&store).unwrap().len(), 1);
}
