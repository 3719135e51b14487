//! The CLI as a user runs it: real binary, real data folder.

use crate::support::{cli, stderr, stdout, tempdir};

#[test]
fn demo_then_status_shows_the_school_and_every_criterion() {
    let dir = tempdir();
    let o = cli(dir.path(), &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = cli(dir.path(), &["status"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("Brookfield Primary School"), "{text}");
    for strand in ["Learn", "Embed", "Share"] {
        assert!(text.contains(strand), "{text}");
    }
    for n in 1..=8 {
        assert!(text.contains(&format!("  {n}. ")), "criterion {n} missing: {text}");
    }
    assert!(text.contains("Journey: Audit done"), "{text}");
}

#[test]
fn demo_refuses_to_replace_a_real_school() {
    let dir = tempdir();
    {
        let mut store = sanctuary::Store::open(dir.path()).unwrap();
        let mut s = sanctuary::school::load(&mut store, crate::support::now()).unwrap();
        s.name = "Real School".into();
        sanctuary::school::save(&mut store, &s, crate::support::now()).unwrap();
    }
    let o = cli(dir.path(), &["demo"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("Real School") && err.contains("--replace"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line on stderr: {err}");
    let o = cli(dir.path(), &["status"]);
    assert!(stdout(&o).contains("Real School"));
}

#[test]
fn a_bad_data_dir_gives_one_clear_line_and_no_panic() {
    let dir = tempdir();
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let o = cli(&file, &["status"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.starts_with("sanctuary: cannot use the data folder"), "{err}");
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn unknown_commands_and_options_point_at_help() {
    let dir = tempdir();
    let o = cli(dir.path(), &["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("sanctuary --help"));
    let o = cli(dir.path(), &["status", "--bogus"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("sanctuary status --help"), "{}", stderr(&o));
}

#[test]
fn every_command_has_help() {
    let dir = tempdir();
    for c in sanctuary::cli::commands() {
        let o = cli(dir.path(), &[c.name, "--help"]);
        assert!(o.status.success());
        assert!(stdout(&o).contains(c.usage), "{}", c.name);
    }
}

#[test]
fn commands_with_actions_default_to_their_read_only_one() {
    let dir = tempdir();
    assert!(cli(dir.path(), &["demo"]).status.success());
    for (cmd, expect) in [("plan", "Action plan:"), ("audit", "Audit:"), ("journey", "Pledge signed"), ("feedback", "Draft review"), ("framework", "* sos-2024")] {
        let o = cli(dir.path(), &[cmd]);
        assert!(o.status.success(), "{cmd}: {}", stderr(&o));
        assert!(stdout(&o).contains(expect), "{cmd}: {}", stdout(&o));
    }
}
