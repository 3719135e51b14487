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
award = "A"
organisation = "group"
learners = "members"
head = "chair"
page_limit = "none"
pledge = "none"
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

// ---- Import, list and switching wording ----------------------------------------------------------

use sanctuary::{audit, school, Store};

use crate::support::{cli, now, stderr, stdout, tempdir};

/// A 10-criterion universities-style framework (invented wording) in TOML.
pub fn university_toml() -> String {
    let mut s = String::from(
        "# A universities-style framework: 10 criteria, Learn / Embed / Share.\n\
         id = \"uni-test\"\nname = \"Universities of Sanctuary (test)\"\nwording = \"2025 test wording\"\n\
         stream = \"universities\"\naward = \"University of Sanctuary\"\norganisation = \"university\"\nlearners = \"students\"\nhead = \"vice-chancellor\"\npage_limit = 10\npledge = \"none\"\nlevels = [\"Not started\", \"Developing\", \"Established\", \"Embedded\"]\n\n\
         [[strands]]\nkey = \"learn\"\nname = \"Learn\"\n\n[[strands]]\nkey = \"embed\"\nname = \"Embed\"\n\n\
         [[strands]]\nkey = \"share\"\nname = \"Share\"\n",
    );
    let strands = ["learn", "learn", "learn", "embed", "embed", "embed", "embed", "share", "share", "share"];
    for (i, strand) in strands.iter().enumerate() {
        let n = i + 1;
        s.push_str(&format!(
            "\n[[criteria]]\nkey = \"uni-{n}\"\nnumber = {n}\nstrand = \"{strand}\"\ntitle = \"University criterion {n}\"\n\
             summary = \"What the university does for criterion {n}.\"\n"
        ));
    }
    s
}

/// An Ireland-style framework (Learn / Action / Share) in JSON, reusing two schools keys.
pub fn ireland_json() -> String {
    serde_json::to_string_pretty(&serde_json::json!({
        "id": "sosi-test",
        "name": "Schools of Sanctuary Ireland (test)",
        "wording": "charter (test)",
        "award": "School of Sanctuary",
        "organisation": "school",
        "learners": "students",
        "head": "principal",
        "page_limit": "none",
        "pledge": "public-pledge",
        "award_levels": ["Member", "Champion"],
        "nations": ["Ireland"],
        "levels": ["Not yet", "Member school", "Working towards Champion", "Champion school"],
        "strands": [
            {"key": "learn", "name": "Learn"},
            {"key": "action", "name": "Action"},
            {"key": "share", "name": "Share"}
        ],
        "criteria": [
            {"key": "staff-learning", "number": 1, "strand": "learn", "title": "Staff learn together"},
            {"key": "sosi-committee", "number": 2, "strand": "action", "title": "Staff and student committee"},
            {"key": "public-pledge", "number": 3, "strand": "share", "title": "Charter signed and shown"}
        ]
    }))
    .unwrap()
}

fn imported_count(store: &Store) -> i64 {
    store.conn().query_row("SELECT count(*) FROM imported_framework", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_ten_criterion_toml_and_an_ireland_json_framework_import_and_list() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let uni = framework::import(&mut store, &university_toml(), "uni.toml", now()).unwrap();
    assert_eq!(uni.criteria.len(), 10);
    let ie = framework::import(&mut store, &ireland_json(), "ireland.json", now()).unwrap();
    assert_eq!(ie.strands.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["Learn", "Action", "Share"]);
    let listed = framework::list(&store, &sanctuary::school::framework(&store).unwrap().id).unwrap();
    let ids: Vec<_> = listed.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["sos-2024", "sos-pre2024", "uni-test", "sosi-test"]);
    assert_eq!(listed.iter().filter(|f| f.active).map(|f| f.id.as_str()).collect::<Vec<_>>(), ["sos-2024"]);
    assert!(!listed[2].builtin && listed[0].builtin);
    // Re-importing the same id replaces it rather than adding a second.
    framework::import(&mut store, &university_toml().replace("2025 test wording", "v2"), "uni.toml", now()).unwrap();
    assert_eq!(imported_count(&store), 2);
    assert_eq!(framework::available(&store).unwrap().iter().find(|f| f.id == "uni-test").unwrap().wording, "v2");
}

/// Breaks `good` by replacing `from` with `to`, and checks the refusal names `line` and `words`.
fn refused_at(good: &str, file: &str, from: &str, to: &str, line: usize, words: &str) {
    assert!(good.contains(from), "fixture lacks {from:?}");
    let bad = good.replacen(from, to, 1);
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let err = framework::import(&mut store, &bad, file, now()).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains(&format!("{file}, line {line}:")), "expected line {line}: {msg}");
    assert!(msg.contains(words), "expected {words:?}: {msg}");
    assert!(msg.contains("Nothing was imported"), "{msg}");
    assert_eq!(imported_count(&store), 0, "a refused file must change nothing");
}

fn line_of(text: &str, needle: &str, nth: usize) -> usize {
    let at = text.match_indices(needle).nth(nth).unwrap().0;
    text[..at].matches('\n').count() + 1
}

#[test]
fn toml_problems_are_refused_with_their_line() {
    let good = university_toml();
    // Criterion 7 in an undefined strand: the line of its `strand =`.
    let l = line_of(&good, "strand = \"embed\"", 3);
    refused_at(&good, "u.toml", "number = 7\nstrand = \"embed\"", "number = 7\nstrand = \"action\"", l, "strand `action`");
    // A duplicated number: the line of the second one.
    let l = line_of(&good, "number = 5", 0);
    refused_at(&good, "u.toml", "number = 5", "number = 4", l, "number 4 is used twice");
    // A duplicated key.
    let l = line_of(&good, "key = \"uni-9\"", 0);
    refused_at(&good, "u.toml", "key = \"uni-9\"", "key = \"uni-2\"", l, "`uni-2` is used twice");
    // An empty title.
    let l = line_of(&good, "title = \"University criterion 10\"", 0);
    refused_at(&good, "u.toml", "title = \"University criterion 10\"", "title = \"  \"", l, "empty `title`");
    // A typo in a field name (unknown fields are refused, not ignored).
    let l = line_of(&good, "summary = \"What the university does for criterion 3.\"", 0);
    refused_at(&good, "u.toml", "summary = \"What the university does for criterion 3.\"", "sumary = \"x\"", l, "sumary");
    // A syntax error.
    let l = line_of(&good, "title = \"University criterion 4\"", 0);
    refused_at(&good, "u.toml", "title = \"University criterion 4\"", "title = \"University criterion 4", l, "");
    // A one-level scale.
    refused_at(&good, "u.toml", "levels = [\"Not started\", \"Developing\", \"Established\", \"Embedded\"]", "levels = [\"Done\"]", 12, "`levels`");
    // A built-in id cannot be replaced.
    refused_at(&good, "u.toml", "id = \"uni-test\"", "id = \"sos-2024\"", 2, "ships with the app");
}

#[test]
fn json_problems_are_refused_with_their_line() {
    let good = ireland_json();
    let l = line_of(&good, "\"strand\": \"share\"", 0);
    refused_at(&good, "ie.json", "\"strand\": \"share\"", "\"strand\": \"sharing\"", l, "strand `sharing`");
    let l = line_of(&good, "\"number\": 2", 0);
    refused_at(&good, "ie.json", "\"number\": 2", "\"number\": 1", l, "number 1 is used twice");
    let l = line_of(&good, "\"title\": \"Staff learn together\"", 0);
    refused_at(&good, "ie.json", "\"title\": \"Staff learn together\"", "\"titel\": \"x\"", l, "titel");
    let l = line_of(&good, "\"number\": 3", 0);
    refused_at(&good, "ie.json", "\"number\": 3", "\"number\": \"three\"", l, "invalid type");
}

#[test]
fn switching_wording_keeps_every_answer_and_foreign_keys_stay_stored() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let fw = sanctuary::school::framework(&store).unwrap();
    for (i, c) in fw.criteria.iter().enumerate() {
        let patch = audit::Patch { level: Some(i % 4), already: Some(format!("answer {}", c.key)), ..Default::default() };
        audit::set(&mut store, &fw, &c.key, &patch, now()).unwrap();
    }
    school::choose_framework(&mut store, "sos-pre2024", now()).unwrap();
    let old = sanctuary::school::framework(&store).unwrap();
    assert_eq!(old.id, "sos-pre2024");
    for (i, e) in audit::all(&store, &old).unwrap().iter().enumerate() {
        assert_eq!(e.level, i % 4);
        assert_eq!(e.already, format!("answer {}", e.criterion_key));
    }
    // An imported framework with other keys shows its own (empty) criteria; shared keys show answers.
    framework::import(&mut store, &ireland_json(), "ie.json", now()).unwrap();
    school::choose_framework(&mut store, "sosi-test", now()).unwrap();
    let ie = sanctuary::school::framework(&store).unwrap();
    let answers = audit::all(&store, &ie).unwrap();
    assert_eq!(answers.len(), 3);
    assert_eq!(answers[0].already, "answer staff-learning");
    assert_eq!(answers[1].already, "", "a new key starts empty");
    assert_eq!(answers[2].already, "answer public-pledge");
    // Back to 2024: everything is still there, including keys the Irish framework lacks.
    school::choose_framework(&mut store, "sos-2024", now()).unwrap();
    let fw = sanctuary::school::framework(&store).unwrap();
    assert!(audit::all(&store, &fw).unwrap().iter().all(|e| e.already.starts_with("answer ")));
    let s = school::find(&store).unwrap().unwrap();
    assert_eq!(s.framework_id, "sos-2024");
}

#[test]
fn choosing_an_unknown_framework_names_the_known_ones() {
    let dir = tempdir();
    let mut store = Store::open(dir.path()).unwrap();
    let err = school::choose_framework(&mut store, "nope", now()).unwrap_err().to_string();
    assert!(err.contains("sos-2024") && err.contains("sos-pre2024"), "{err}");
}

#[test]
fn cli_framework_import_list_and_use() {
    let dir = tempdir();
    let file = dir.path().join("uni.toml");
    std::fs::write(&file, university_toml()).unwrap();
    let data = dir.path().join("data");
    let o = cli(&data, &["framework", "import", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("10 criteria in 3 strands"), "{}", stdout(&o));
    let o = cli(&data, &["framework", "use", "uni-test"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list = stdout(&cli(&data, &["framework", "list"]));
    assert!(list.lines().any(|l| l.starts_with("* uni-test")), "{list}");
    assert!(list.lines().any(|l| l.starts_with("  sos-2024")), "{list}");
    // The status screen now shows ten criteria.
    let status = stdout(&cli(&data, &["status"]));
    assert!(status.contains("  10. University criterion 10"), "{status}");

    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, ireland_json().replace("\"strand\": \"share\"", "\"strand\": \"x\"")).unwrap();
    let o = cli(&data, &["framework", "import", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("bad.json, line ") && err.contains("strand `x`"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(!stdout(&cli(&data, &["framework", "list"])).contains("sosi-test"));
    let o = cli(&data, &["framework", "import", dir.path().join("missing.toml").to_str().unwrap()]);
    assert!(stderr(&o).contains("cannot read the framework file"), "{}", stderr(&o));
}

#[test]
fn an_imported_framework_in_welsh_ukrainian_and_arabic_survives_a_restart() {
    let dir = tempdir();
    let text = university_toml()
        .replace("University criterion 1\"", "Staff yn dysgu — ŵ ŷ\"")
        .replace("University criterion 2\"", "Персонал навчається\"")
        .replace("University criterion 3\"", "يتعلم الموظفون\"");
    {
        let mut store = Store::open(dir.path()).unwrap();
        framework::import(&mut store, &text, "uni.toml", now()).unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    let fw = framework::available(&store).unwrap().into_iter().find(|f| f.id == "uni-test").unwrap();
    let titles: Vec<_> = fw.criteria[..3].iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["Staff yn dysgu — ŵ ŷ", "Персонал навчається", "يتعلم الموظفون"]);
}

/// The 1 MB limit and its message live in `framework::import_file`; the CLI (like the window) only
/// passes the file on, so a large or non-text file is refused in the same words everywhere.
#[test]
fn a_framework_file_over_1_mb_or_not_text_is_refused_by_the_core() {
    let dir = tempdir();
    let data = dir.path().join("data");
    let mut store = Store::open(&data).unwrap();
    let big = dir.path().join("big.toml");
    let mut text = university_toml();
    text.push_str(&format!("\n# {}\n", "x".repeat(framework::MAX_FILE_BYTES as usize)));
    std::fs::write(&big, &text).unwrap();
    let latin1 = dir.path().join("latin1.toml");
    std::fs::write(&latin1, b"id = \"caf\xe9\"\n").unwrap();
    // Exactly at the limit is read (and then judged as a framework).
    let edge = dir.path().join("edge.toml");
    let mut at_limit = university_toml().into_bytes();
    at_limit.push(b'\n');
    at_limit.resize(framework::MAX_FILE_BYTES as usize, b' ');
    std::fs::write(&edge, &at_limit).unwrap();

    let err = framework::import_file(&mut store, &big, now()).unwrap_err().to_string();
    assert_eq!(
        err,
        format!("framework file {}: the file is larger than 1 MB, so it is not a framework file; check you chose the right file. Nothing was imported", big.display())
    );
    let not_text = framework::import_file(&mut store, &latin1, now()).unwrap_err().to_string();
    assert!(not_text.contains("not UTF-8 text"), "{not_text}");
    assert_eq!(framework::import_file(&mut store, &edge, now()).unwrap().id, "uni-test");
    drop(store);

    // A file too large is refused by a rule (the window words it), so the CLI exits 2 as for other
    // refused input; an unreadable framework file is a failure to import (1).
    for (file, words, code) in [(&big, &err, 2), (&latin1, &not_text, 1)] {
        let o = cli(&data, &["framework", "import", file.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(code));
        assert_eq!(stderr(&o), format!("sanctuary: {words}\n"));
    }
}
