//! Files a restore must refuse without changing anything: damaged, truncated and foreign files,
//! unsafe names, links, oversized entries and zip bombs.

use std::fs;
use std::io::Write;
use std::path::Path;

use rusqlite::Connection;
use sanctuary::bundle::{self, manifest, Limits, RestoreOptions};
use sanctuary::job::Job;

use crate::support::{now, tempdir};
use super::support::{sha_hex, noise, school_folder, tree, craft, listed, a_manifest, refused};

#[test]
fn damaged_truncated_and_foreign_files_are_refused_and_nothing_changes() {
    let dir = tempdir();
    let store = school_folder(&dir.path().join("src"), "Source");
    let good = dir.path().join("good.sanctuary");
    bundle::backup(&store, &good, now(), &Job::silent()).unwrap();
    let bytes = fs::read(&good).unwrap();
    let opts = RestoreOptions::new(true);

    // One flipped byte inside a stored photo.
    let mut damaged = bytes.clone();
    let needle = &noise(1, 40_000)[1000..1032];
    let at = damaged
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("photo bytes are stored as they are");
    damaged[at + 5] ^= 0xff;
    let f = dir.path().join("damaged.sanctuary");
    fs::write(&f, &damaged).unwrap();
    refused(&f, &opts, "damaged");

    let f = dir.path().join("truncated.sanctuary");
    fs::write(&f, &bytes[..bytes.len() / 2]).unwrap();
    refused(&f, &opts, "damaged or incomplete");

    let f = dir.path().join("text.sanctuary");
    fs::write(&f, "hello, not a zip").unwrap();
    refused(&f, &opts, "not a sanctuary portfolio backup");

    let f = dir.path().join("other.zip");
    craft(&f, &a_manifest(), &[]);
    let mut z = zip::ZipWriter::new(fs::File::create(&f).unwrap());
    z.start_file("holiday.jpg", zip::write::SimpleFileOptions::default())
        .unwrap();
    z.write_all(b"jpeg").unwrap();
    z.finish().unwrap();
    refused(&f, &opts, "no manifest");

    let mut m = a_manifest();
    m.format = "someone-elses-app".into();
    craft(&f, &m, &[]);
    refused(&f, &opts, "not ours");

    let mut m = a_manifest();
    m.format_version = manifest::FORMAT_VERSION + 1;
    craft(&f, &m, &[]);
    refused(&f, &opts, "newer");

    let mut m = a_manifest();
    m.schema_version = sanctuary::store::SCHEMA_VERSION + 1;
    craft(&f, &m, &[]);
    refused(&f, &opts, "newer");

    let mut m = a_manifest();
    m.kind = manifest::Kind::Contribution;
    craft(&f, &m, &[]);
    refused(&f, &opts, "contribution");

    // A listed entry that is missing: an incomplete file.
    let mut m = a_manifest();
    listed(&mut m, "sanctuary.db", b"abc");
    craft(&f, &m, &[]);
    refused(&f, &opts, "missing");

    // A database with a trigger of someone else's: code that would run inside our queries.
    let evil = dir.path().join("trigger.db");
    let conn = Connection::open(&evil).unwrap();
    for (_, sql) in sanctuary::store::MIGRATIONS {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", sanctuary::store::SCHEMA_VERSION)
        .unwrap();
    conn.pragma_update(None, "application_id", sanctuary::store::APPLICATION_ID)
        .unwrap();
    conn.execute_batch("CREATE TRIGGER wipe AFTER INSERT ON audit BEGIN DELETE FROM evidence; END;")
        .unwrap();
    drop(conn);
    let evil = fs::read(&evil).unwrap();
    let mut m = a_manifest();
    listed(&mut m, "sanctuary.db", &evil);
    craft(&f, &m, &[("sanctuary.db", evil, true)]);
    refused(&f, &opts, "never writes");

    // A database that is not one.
    let mut m = a_manifest();
    listed(&mut m, "sanctuary.db", &[0x42; 8192]);
    craft(&f, &m, &[("sanctuary.db", vec![0x42; 8192], true)]);
    let dir2 = tempdir();
    let root = dir2.path().join("d");
    drop(school_folder(&root, "Kept School"));
    let before = tree(&root);
    let err = bundle::restore(&root, &f, &opts, now(), &Job::silent()).unwrap_err();
    assert!(err.to_string().contains("database inside it is damaged"), "{err}");
    assert!(
        !err.to_string().contains(".restore-staging"),
        "no internal paths in messages: {err}"
    );
    assert_eq!(tree(&root), before);
}

#[test]
fn unsafe_names_links_oversized_entries_and_zip_bombs_are_refused() {
    let dir = tempdir();
    let f = dir.path().join("evil.sanctuary");
    let opts = RestoreOptions::new(true);
    for name in [
        "../../evil.txt",
        "/etc/evil",
        "blobs/../../evil",
        "C:/evil",
        "blobs\\..\\evil",
    ] {
        // Listed in the manifest...
        let mut m = a_manifest();
        listed(&mut m, name, b"x");
        craft(&f, &m, &[(name, b"x".to_vec(), false)]);
        refused(&f, &opts, "unsafe");
        // ...or hidden from it.
        craft(&f, &a_manifest(), &[(name, b"x".to_vec(), false)]);
        refused(&f, &opts, "unsafe");
    }
    assert!(!dir.path().join("evil.txt").exists() && !Path::new("/etc/evil").exists());

    // A link.
    let mut m = a_manifest();
    let sha = sha_hex(b"/etc/passwd");
    let name = manifest::blob_entry(&sha);
    listed(&mut m, &name, b"/etc/passwd");
    {
        let mut z = zip::ZipWriter::new(fs::File::create(&f).unwrap());
        z.add_symlink(name.as_str(), "/etc/passwd", zip::write::SimpleFileOptions::default())
            .unwrap();
        z.start_file("manifest.json", zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(&serde_json::to_vec(&m).unwrap()).unwrap();
        z.finish().unwrap();
    }
    refused(&f, &opts, "link");

    // Oversized, by the manifest and by the bytes (headers and manifest can lie).
    let small = RestoreOptions {
        replace: true,
        limits: Limits {
            max_entry: 1000,
            ..Limits::default()
        },
    };
    let big = noise(3, 5000);
    let mut m = a_manifest();
    listed(&mut m, "sanctuary.db", &big);
    craft(&f, &m, &[("sanctuary.db", big.clone(), false)]);
    refused(&f, &small, "limit");
    let mut m = a_manifest();
    m.entries.push(manifest::Entry {
        path: "sanctuary.db".into(),
        size: 10,
        sha256: sha_hex(&big),
    });
    craft(&f, &m, &[("sanctuary.db", big.clone(), false)]);
    refused(&f, &opts, "larger than its manifest");
    let total = RestoreOptions {
        replace: true,
        limits: Limits {
            max_total: 4000,
            ..Limits::default()
        },
    };
    let mut m = a_manifest();
    listed(&mut m, "sanctuary.db", &big);
    craft(&f, &m, &[("sanctuary.db", big.clone(), false)]);
    refused(&f, &total, "limit");

    // A zip bomb: 16 MB of zeros deflates to a few kilobytes.
    let zeros = vec![0u8; 16 << 20];
    let mut m = a_manifest();
    listed(&mut m, "sanctuary.db", &zeros);
    craft(&f, &m, &[("sanctuary.db", zeros, true)]);
    assert!(fs::metadata(&f).unwrap().len() < 100_000);
    refused(&f, &opts, "zip bomb");

    // Too many entries.
    let few = RestoreOptions {
        replace: true,
        limits: Limits {
            max_entries: 2,
            ..Limits::default()
        },
    };
    let mut m = a_manifest();
    let entries: Vec<(String, Vec<u8>)> = (0..3u8)
        .map(|i| {
            let b = vec![i; 10];
            (manifest::blob_entry(&sha_hex(&b)), b)
        })
        .collect();
    for (n, b) in &entries {
        listed(&mut m, n, b);
    }
    let refs: Vec<(&str, Vec<u8>, bool)> = entries.iter().map(|(n, b)| (n.as_str(), b.clone(), false)).collect();
    craft(&f, &m, &refs);
    refused(&f, &few, "files");
}
