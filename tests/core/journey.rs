//! The journey: dates per step, renewal three years after the award, warnings well ahead.

use chrono::NaiveDate;
use sanctuary::{journey, Store};

use crate::support::{cli, stderr, stdout, tempdir};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn renewal_is_three_years_after_the_award_even_from_29_february() {
    assert_eq!(journey::renewal_due_on(d(2026, 7, 10)), d(2029, 7, 10));
    assert_eq!(journey::renewal_due_on(d(2024, 2, 29)), d(2027, 2, 28), "no 29 February in 2027");
    assert_eq!(journey::renewal_due_on(d(2025, 2, 28)), d(2028, 2, 28), "a 28 February award stays on the 28th");
    assert_eq!(journey::renewal_due_on(d(2026, 12, 31)), d(2029, 12, 31));
}

#[test]
fn set_and_clear_steps_and_see_the_countdown() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    journey::set_step(&mut store, "pledge", Some(d(2023, 9, 15)), "Signed at assembly — Croeso").unwrap();
    journey::set_step(&mut store, "awarded", Some(d(2024, 2, 29)), "").unwrap();
    let steps = journey::steps(&store).unwrap();
    assert_eq!(journey::current(&steps).unwrap().key, "awarded");
    assert_eq!(steps[0].note, "Signed at assembly — Croeso");

    // A year before: no warning yet.
    let r = journey::renewal(&steps, d(2026, 2, 1)).unwrap();
    assert_eq!(r.due_on, d(2027, 2, 28));
    assert!(!r.due_soon && !r.overdue);
    assert_eq!(r.months_left, 12);
    // Six months before exactly: the warning starts.
    let r = journey::renewal(&steps, d(2026, 8, 28)).unwrap();
    assert!(r.due_soon, "{r:?}");
    assert!(!journey::renewal(&steps, d(2026, 8, 27)).unwrap().due_soon);
    let r = journey::renewal(&steps, d(2026, 11, 23)).unwrap();
    assert_eq!((r.days_left, r.months_left), (97, 3));
    assert_eq!(r.message, "Renewal due on 28 February 2027: in 3 months (97 days)");
    let r = journey::renewal(&steps, d(2027, 2, 27)).unwrap();
    assert_eq!(r.message, "Renewal due on 28 February 2027: in 1 day");
    let r = journey::renewal(&steps, d(2027, 3, 10)).unwrap();
    assert!(r.overdue && r.due_soon && r.days_left == -10, "{r:?}");

    // Clearing the award date removes the renewal.
    journey::set_step(&mut store, "awarded", None, "").unwrap();
    let steps = journey::steps(&store).unwrap();
    assert!(journey::renewal(&steps, d(2026, 1, 1)).is_none());
    assert_eq!(journey::current(&steps).unwrap().key, "pledge");
}

#[test]
fn unknown_steps_and_the_computed_renewal_cannot_be_set() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let err = journey::set_step(&mut store, "party", Some(d(2026, 1, 1)), "").unwrap_err().to_string();
    assert!(err.contains("pledge") && err.contains("awarded"), "{err}");
    let err = journey::set_step(&mut store, "renewal_due", Some(d(2026, 1, 1)), "").unwrap_err().to_string();
    assert!(err.contains("Awarded"), "{err}");
}

#[test]
fn cli_journey_set_show_clear() {
    let dir = tempdir();
    let o = cli(dir.path(), &["journey", "set", "awarded", "2024-02-29", "--note", "Ceremony at the Civic Centre"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let show = stdout(&cli(dir.path(), &["journey", "show"]));
    assert!(show.contains("Awarded                        2024-02-29  Ceremony at the Civic Centre"), "{show}");
    assert!(show.contains("Renewal due                    2027-02-28"), "{show}");
    assert!(
        show.contains("Renewal due on 28 February 2027") || show.contains("Renewal was due on 28 February 2027"),
        "{show}"
    );
    let o = cli(dir.path(), &["journey", "clear", "awarded"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&cli(dir.path(), &["journey", "show"])).contains("(three years after the award)"));
    let o = cli(dir.path(), &["journey", "set", "awarded", "29/02/2024"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_profiles_pledge_date_shows_as_the_pledge_step_unless_the_journey_has_its_own() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let now = crate::support::now();
    let mut s = sanctuary::school::load(&mut store, now).unwrap();
    s.pledge_date = Some(d(2026, 9, 15));
    sanctuary::school::save(&mut store, &s, now).unwrap();
    let steps = journey::steps(&store).unwrap();
    assert_eq!(steps[0].date, Some(d(2026, 9, 15)));
    assert_eq!(journey::current(&steps).unwrap().key, "pledge");
    journey::set_step(&mut store, "pledge", Some(d(2026, 9, 20)), "").unwrap();
    assert_eq!(journey::steps(&store).unwrap()[0].date, Some(d(2026, 9, 20)));
}
