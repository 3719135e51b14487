//! The same through the command line: back up, restore, share and renew.


use crate::support::{cli, stderr, stdout, tempdir};
use super::support::{add_action, school_folder};

#[test]
fn the_cli_backs_up_restores_shares_and_renews() {
    let dir = tempdir();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    drop(school_folder(&a, "CLI School"));
    let file = dir.path().join("s.sanctuary");
    let o = cli(&a, &["backup", "--out", file.to_str().unwrap(), "--no-passphrase"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("2 evidence files"), "{}", stdout(&o));
    // A small backup is counted in KB rather than printed as "0.0 MB".
    assert!(stdout(&o).contains(" KB) to ") && !stdout(&o).contains("0.0 MB"), "{}", stdout(&o));
    let o = cli(&b, &["restore", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("CLI School"));
    // Now b holds work: a second restore needs --replace and says so on one line.
    let o = cli(&b, &["restore", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--replace") && stderr(&o).trim().lines().count() == 1,
        "{}",
        stderr(&o)
    );
    let o = cli(&b, &["restore", "--replace", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = cli(&b, &["backup", "list"]);
    assert!(stdout(&o).contains("before_restore"), "{}", stdout(&o));
    let o = cli(&b, &["backup", "auto"]);
    assert!(stdout(&o).contains("Automatic backup written"), "{}", stdout(&o));

    let pack = dir.path().join("p.sanctuary-contribution");
    let t = dir.path().join("teacher");
    let mut ts = sanctuary::datadir::open(&t).unwrap();
    add_action(&mut ts, "Teacher's action");
    drop(ts);
    let o = cli(
        &t,
        &[
            "contribution",
            "export",
            "--out",
            pack.to_str().unwrap(),
            "--by",
            "Mr Jones",
            "--no-passphrase",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = cli(&b, &["contribution", "import", pack.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("from Mr Jones: 0 evidence items and 1 action items added"),
        "{}",
        stdout(&o)
    );
    let o = cli(&b, &["contribution", "conflicts"]);
    assert!(o.status.success() && stdout(&o).is_empty());

    let c = dir.path().join("c");
    let o = cli(
        &c,
        &[
            "renewal",
            "start",
            "--from",
            file.to_str().unwrap(),
            "--awarded-on",
            "2023-07-01",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Renewal 1 started for \"CLI School\""),
        "{}",
        stdout(&o)
    );
    let o = cli(&c, &["renewal", "start", "--awarded-on", "July"]);
    assert_eq!(o.status.code(), Some(2));
}
