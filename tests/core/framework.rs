//! Frameworks: the built-in ones are well formed, and bad files are refused with the line.

use sanctuary::framework;

#[test]
fn builtin_schools_frameworks_have_eight_criteria_in_three_strands_with_shared_keys() {
    let all = framework::builtin();
    let new = all.iter().find(|f| f.id == "sos-2024").unwrap();
    let old = all.iter().find(|f| f.id == "sos-pre2024").unwrap();
    for fw in [new, old] {
        assert_eq!(fw.criteria.len(), 8);
        let strands: Vec<_> = fw.strands.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(strands, ["Learn", "Embed", "Share"]);
        assert_eq!(fw.criteria_in("learn").count(), 2);
        assert_eq!(fw.criteria_in("embed").count(), 3);
        assert_eq!(fw.criteria_in("share").count(), 3);
    }
    let keys = |f: &framework::Framework| f.criteria.iter().map(|c| c.key.clone()).collect::<Vec<_>>();
    assert_eq!(keys(new), keys(old), "wordings must share criterion keys so answers carry over");
}

#[test]
fn a_toml_syntax_error_names_its_line() {
    let text = "id = \"x\"\nname = \"X\"\nwording = \"w\"\nlevels = [\"a\", \"b\"\n";
    let err = framework::from_toml(text, "x.toml").unwrap_err().to_string();
    assert!(err.contains("x.toml"), "{err}");
    assert!(err.contains("line"), "{err}");
}

#[test]
fn a_criterion_in_an_unknown_strand_is_refused() {
    let text = r#"
id = "x"
name = "X"
wording = "w"
levels = ["a", "b"]
[[strands]]
key = "learn"
name = "Learn"
[[criteria]]
key = "k"
number = 1
strand = "action"
title = "T"
"#;
    let err = framework::from_toml(text, "x.toml").unwrap_err().to_string();
    assert!(err.contains("strand `action`"), "{err}");
}
