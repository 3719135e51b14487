//! TEST-ONLY crash points. When the environment variable `SANCTUARY_TEST_PAUSE` names a point, the
//! process prints `paused at <point>` on stderr and sleeps there, so a crash-safety test can `kill -9` it
//! at exactly that moment and then check the data folder. Unset (as for every user), it does nothing.

use std::io::Write;

/// The environment variable read by [`at`]; for tests only.
pub const PAUSE_ENV: &str = "SANCTUARY_TEST_PAUSE";

/// Sleeps (for a test to kill us) when `SANCTUARY_TEST_PAUSE` equals `point`.
pub fn at(point: &str) {
    if std::env::var_os(PAUSE_ENV).is_some_and(|v| v == point) {
        let mut err = std::io::stderr();
        let _ = writeln!(err, "paused at {point}");
        let _ = err.flush();
        std::thread::sleep(std::time::Duration::from_secs(120));
    }
}
