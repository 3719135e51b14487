//! Backups and contribution packs protected with a passphrase (age format): nothing readable in the
//! file, the standard `age` tool opens it, a wrong passphrase changes nothing, a damaged file is
//! refused, and the round trip gives back the same library and the same portfolio text.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use sanctuary::bundle::protection::{self, Protection};
use sanctuary::bundle::{self, contribution, sealed, Limits, Passphrase, RestoreOptions, Seal};
use sanctuary::evidence::{self, ImportOptions};
use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions};
use sanctuary::{Error, Store};

use crate::support::{cli, now, stderr, stdout, tempdir};

const PASS: &str = "correct horse battery staple";
const CAPTION: &str = "Our Refugee Week picnic with the families of Year 4";
const QUOTE: &str = "I feel safe here because everyone learns my name";

/// A passphrase with a small scrypt cost, so the many seals in these tests stay quick.
fn pass(text: &str) -> Passphrase {
    Passphrase::for_sealing(text).unwrap().with_work_factor(10)
}

fn jpeg(seed: u8) -> Vec<u8> {
    let img = image::ImageBuffer::from_fn(120, 90, |x, y| image::Rgb([(x as u8).wrapping_mul(seed), (y * 3) as u8, 140]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(&img).unwrap();
    out
}

/// A real PDF from Debian's documentation when there is one, else a small one written here.
fn a_pdf(dir: &Path) -> PathBuf {
    let found = Command::new("sh")
        .args(["-c", "find /usr/share/doc -name '*.pdf' -size -400k 2>/dev/null | head -n 1"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|p| !p.is_empty());
    let out = dir.join("policy.pdf");
    match found {
        Some(p) => {
            fs::copy(p, &out).unwrap();
        }
        None => fs::write(&out, b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n").unwrap(),
    }
    out
}

/// A school with two photos, a PDF and a quote, the photos' caption known.
fn school(root: &Path) -> Store {
    let mut store = Store::open(root).unwrap();
    sanctuary::demo::load(&mut store, now(), true).unwrap();
    let src = root.parent().unwrap().join(format!("src-{}", uuid::Uuid::new_v4().simple()));
    fs::create_dir_all(&src).unwrap();
    fs::write(src.join("picnic.jpg"), jpeg(3)).unwrap();
    fs::write(src.join("assembly.jpg"), jpeg(5)).unwrap();
    let files = vec![src.join("picnic.jpg"), src.join("assembly.jpg"), a_pdf(&src)];
    let opts = ImportOptions { caption: CAPTION.into(), consent: Some(sanctuary::evidence::Consent::Given), ..ImportOptions::default() };
    let r = evidence::import(&mut store, &files, &opts, &Job::silent(), now()).unwrap();
    assert_eq!(r.added.len(), 3, "{r:?}");
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO evidence (id, kind, title, quote_text, attribution, added_at, updated_at, consent) VALUES (?1, 'quote', 'A pupil', ?2, 'Year 5 pupil', ?3, ?3, 'not_needed')",
                rusqlite::params![uuid::Uuid::new_v4().to_string(), QUOTE, now().to_rfc3339()],
            )?;
            Ok(())
        })
        .unwrap();
    store
}

fn blob_count(store: &Store) -> usize {
    store.conn().query_row("SELECT count(*) FROM blob", [], |r| r.get::<_, i64>(0)).unwrap() as usize
}

fn live_evidence(store: &Store) -> usize {
    evidence::list(store, &evidence::Filter::default()).unwrap().len()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// What must never be readable in a protected file.
fn assert_nothing_readable(file: &Path) {
    let bytes = fs::read(file).unwrap();
    assert!(bytes.starts_with(sealed::AGE_MAGIC), "not an age file");
    // Long enough never to turn up by chance in sealed (random-looking) bytes: the three-byte JPEG
    // marker alone did, in about one run in thirty.
    let photo = jpeg(3);
    for (what, magic) in [
        ("the photo's first bytes", &photo[..16]),
        ("the photo's middle", &photo[photo.len() / 2..photo.len() / 2 + 32]),
        ("a PDF", b"%PDF"),
        ("SQLite", b"SQLite format 3"),
        ("a zip entry", b"PK\x03\x04"),
        ("the manifest", b"manifest.json"),
        ("the caption", CAPTION.as_bytes()),
        ("the quote", QUOTE.as_bytes()),
        ("the school's name", b"Brookfield"),
    ] {
        assert!(!contains(&bytes, magic), "{what} is readable in {}", file.display());
    }
}

/// The library as a list a person would compare: exhibit order, titles, captions, hashes, criteria.
fn evidence_list(store: &Store) -> Vec<String> {
    evidence::list(store, &evidence::Filter::default())
        .unwrap()
        .into_iter()
        .map(|i| format!("{} {} {} {:?} {} {:?} {}", i.position, i.kind, i.title, i.sha256, i.caption, i.criteria, i.quote_text))
        .collect()
}

fn portfolio_text(store: &Store, dir: &Path) -> Option<String> {
    let out = dir.join(format!("p-{}.pdf", uuid::Uuid::new_v4().simple()));
    portfolio::export(store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    let o = Command::new("pdftotext").args([out.to_str().unwrap(), "-"]).output().ok()?;
    Some(String::from_utf8_lossy(&o.stdout).into_owned())
}

#[test]
fn a_backup_with_a_passphrase_holds_nothing_readable_and_restores_the_same_library() {
    let t = tempdir();
    let store = school(&t.path().join("a"));
    let file = t.path().join("school.sanctuary");
    let r = bundle::backup_sealed(&store, &file, &Seal::Passphrase(pass(PASS)), now(), &Job::silent()).unwrap();
    assert_eq!(r.files, blob_count(&store));
    assert!(r.files >= 3);
    assert_nothing_readable(&file);
    assert!(sealed::is_sealed(&file).unwrap());

    // Without the passphrase: asked for, nothing else happens.
    let info = bundle::inspect(&file, bundle::manifest::Kind::Backup);
    assert!(matches!(info, Err(Error::PassphraseNeeded { .. })), "{info:?}");
    let info = bundle::inspect_sealed(&file, bundle::manifest::Kind::Backup, Some(&Passphrase::new(PASS).unwrap())).unwrap();
    assert_eq!(info.files, blob_count(&store));

    let b = t.path().join("b");
    let r = bundle::restore_sealed(&b, &file, &RestoreOptions::new(false), Some(&Passphrase::new(PASS).unwrap()), now(), &Job::silent()).unwrap();
    assert_eq!(r.files, blob_count(&store));
    let restored = Store::open(&b).unwrap();
    assert_eq!(evidence_list(&restored), evidence_list(&store));
    assert!(evidence_list(&restored).iter().any(|e| e.contains(QUOTE)));
    match (portfolio_text(&store, t.path()), portfolio_text(&restored, t.path())) {
        (Some(a), Some(b)) => {
            assert!(a.contains("Brookfield"), "{a}");
            assert_eq!(a, b);
        }
        _ => println!("pdftotext is not installed: the portfolio text comparison was skipped"),
    }
}

#[test]
fn a_wrong_passphrase_is_refused_and_nothing_changes() {
    let t = tempdir();
    let store = school(&t.path().join("a"));
    let file = t.path().join("school.sanctuary");
    bundle::backup_sealed(&store, &file, &Seal::Passphrase(pass(PASS)), now(), &Job::silent()).unwrap();

    // The target holds other work, which must stay exactly as it was.
    let b = t.path().join("b");
    let mut other = Store::open(&b).unwrap();
    sanctuary::demo::load(&mut other, now(), true).unwrap();
    other.write(|tx| Ok(tx.execute("UPDATE school SET name = 'Other School'", [])?)).unwrap();
    let before = evidence_list(&other);
    drop(other);
    let listing = |dir: &Path| {
        let mut v: Vec<String> = walk(dir).into_iter().filter(|p| !p.contains("-wal") && !p.contains("-shm")).collect();
        v.sort();
        v
    };
    let files_before = listing(&b);

    let wrong = Passphrase::new("correct horse battery stapler").unwrap();
    let e = bundle::restore_sealed(&b, &file, &RestoreOptions::new(true), Some(&wrong), now(), &Job::silent()).unwrap_err();
    assert!(matches!(e, Error::WrongPassphrase { .. }), "{e:?}");
    assert_eq!(e.code(), "wrong_passphrase");
    assert!(e.to_string().contains("passphrase does not open"), "{e}");
    let e = bundle::restore(&b, &file, &RestoreOptions::new(true), now(), &Job::silent()).unwrap_err();
    assert_eq!(e.code(), "passphrase_needed");

    assert_eq!(listing(&b), files_before);
    let other = Store::open(&b).unwrap();
    assert_eq!(evidence_list(&other), before);
    assert_eq!(sanctuary::school::find(&other).unwrap().unwrap().name, "Other School");
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path().display().to_string());
        }
    }
    out
}

#[test]
fn a_damaged_or_cut_short_protected_file_is_refused_as_damaged() {
    let t = tempdir();
    let store = school(&t.path().join("a"));
    let file = t.path().join("school.sanctuary");
    bundle::backup_sealed(&store, &file, &Seal::Passphrase(pass(PASS)), now(), &Job::silent()).unwrap();
    let good = fs::read(&file).unwrap();
    let key = Passphrase::new(PASS).unwrap();
    let target = t.path().join("b");

    // One byte changed in the middle of the encrypted payload.
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    // Cut short: the last chunk is missing.
    let cut = good[..good.len() * 2 / 3].to_vec();
    // The header's MAC no longer matches.
    let mut header = good.clone();
    let at = header.windows(3).position(|w| w == b"---").unwrap() + 6;
    header[at] = if header[at] == b'A' { b'B' } else { b'A' };
    for (what, bytes) in [("flipped", flipped), ("cut", cut), ("header", header)] {
        let f = t.path().join(format!("{what}.sanctuary"));
        fs::write(&f, &bytes).unwrap();
        let e = bundle::restore_sealed(&target, &f, &RestoreOptions::new(true), Some(&key), now(), &Job::silent()).unwrap_err();
        assert_eq!(e.code(), "bundle_damaged", "{what}: {e:?}");
        assert!(e.to_string().contains("damaged"), "{what}: {e}");
        assert!(!target.join("sanctuary.db").exists(), "{what}: the target changed");
    }
}

#[test]
fn unencrypted_backups_still_restore_and_automatic_backups_stay_unencrypted() {
    let t = tempdir();
    let store = school(&t.path().join("a"));
    let auto = bundle::auto_backup_if_due(&store, now()).unwrap().unwrap();
    assert!(!sealed::is_sealed(&auto.path).unwrap());
    assert!(fs::read(&auto.path).unwrap().starts_with(b"PK"));
    // A passphrase given for a file that has none is simply not needed.
    let b = t.path().join("b");
    bundle::restore_sealed(&b, &auto.path, &RestoreOptions::new(false), Some(&Passphrase::new(PASS).unwrap()), now(), &Job::silent()).unwrap();
    assert_eq!(evidence_list(&Store::open(&b).unwrap()), evidence_list(&store));

    // Copying it off the laptop seals it on the way out.
    let off = t.path().join("usb-stick.sanctuary");
    protection::copy_off(&auto.path, &off, &Seal::Passphrase(pass(PASS)), &Job::silent()).unwrap();
    assert_nothing_readable(&off);
    let c = t.path().join("c");
    bundle::restore_sealed(&c, &off, &RestoreOptions::new(false), Some(&Passphrase::new(PASS).unwrap()), now(), &Job::silent()).unwrap();
    assert_eq!(evidence_list(&Store::open(&c).unwrap()), evidence_list(&store));
}

#[test]
fn bundle_refuses_an_unprotected_file_leaving_the_laptop_without_the_explicit_choice() {
    let t = tempdir();
    let mut store = school(&t.path().join("a"));
    let out = t.path().join("usb-stick.sanctuary");
    // No passphrase and no choice: the core itself refuses, with a coded rule the window words.
    let e = protection::seal(&store, None).unwrap_err();
    assert!(matches!(e, Error::Rule { code: "passphrase_required", .. }), "{e:?}");
    assert!(!out.exists(), "nothing was written");
    // Once "no passphrase" is this data folder's choice, the same call gives the explicit choice and the
    // backup is written unencrypted (a plain zip).
    protection::set(&mut store, Protection::None).unwrap();
    let seal = protection::seal(&store, None).unwrap();
    assert!(seal.passphrase().is_none());
    bundle::backup_sealed(&store, &out, &seal, now(), &Job::silent()).unwrap();
    assert!(fs::read(&out).unwrap().starts_with(b"PK"));
    // A passphrase given always seals, whatever the choice.
    let sealed_out = t.path().join("sealed.sanctuary");
    let seal = protection::seal(&store, Some(pass(PASS))).unwrap();
    bundle::backup_sealed(&store, &sealed_out, &seal, now(), &Job::silent()).unwrap();
    assert_nothing_readable(&sealed_out);
}

#[test]
fn no_passphrase_is_an_explicit_choice_remembered_per_data_folder() {
    let t = tempdir();
    let mut store = school(&t.path().join("a"));
    assert_eq!(protection::get(&store).unwrap(), Protection::Passphrase);
    let e = protection::seal(&store, None).unwrap_err();
    assert!(e.to_string().contains("no passphrase"), "{e}");
    protection::seal(&store, Some(pass(PASS))).unwrap();
    protection::set(&mut store, Protection::None).unwrap();
    drop(store);
    let store = Store::open(&t.path().join("a")).unwrap();
    assert_eq!(protection::get(&store).unwrap(), Protection::None);
    protection::seal(&store, None).unwrap();
    // Too short a passphrase is refused before anything is written.
    assert!(Passphrase::for_sealing("short").is_err());
    assert!(Passphrase::for_sealing("        ").is_err());
    assert_eq!(Passphrase::from_file_text("words here\r\nsecond line"), "words here");
    assert!(!format!("{:?}", pass(PASS)).contains("horse"));
}

#[test]
fn a_contribution_pack_with_a_passphrase_holds_nothing_readable_and_imports_the_same_items() {
    let t = tempdir();
    let store = school(&t.path().join("colleague"));
    let pack = t.path().join("ms-rees.sanctuary-contribution");
    let r = contribution::export_sealed(&store, &pack, "Ms Rees", &Seal::Passphrase(pass(PASS)), now(), &Job::silent()).unwrap();
    assert!(r.files >= 3);
    assert_nothing_readable(&pack);

    let mut coordinator = Store::open(&t.path().join("coordinator")).unwrap();
    let before = evidence_list(&coordinator);
    let e = contribution::import(&mut coordinator, &pack, &Limits::default(), now(), &Job::silent()).unwrap_err();
    assert_eq!(e.code(), "passphrase_needed");
    let wrong = Passphrase::new("not the passphrase").unwrap();
    let e = contribution::import_sealed(&mut coordinator, &pack, &Limits::default(), Some(&wrong), now(), &Job::silent()).unwrap_err();
    assert_eq!(e.code(), "wrong_passphrase");
    assert_eq!(evidence_list(&coordinator), before);

    let key = Passphrase::new(PASS).unwrap();
    let r = contribution::import_sealed(&mut coordinator, &pack, &Limits::default(), Some(&key), now(), &Job::silent()).unwrap();
    assert_eq!(r.added_evidence, live_evidence(&store), "{r:?}");
    let titles = |s: &Store| {
        let mut v: Vec<String> = evidence::list(s, &evidence::Filter::default())
            .unwrap()
            .into_iter()
            .map(|i| format!("{} {:?} {} {}", i.title, i.sha256, i.caption, i.quote_text))
            .collect();
        v.sort();
        v
    };
    assert_eq!(titles(&coordinator), titles(&store));
    for i in evidence::list(&coordinator, &evidence::Filter::default()).unwrap() {
        if let Some(sha) = i.sha256 {
            assert!(bundle::backup::blob_path(coordinator.root(), &sha).is_file());
        }
    }
}

/// Runs the `age` tool with `passphrase` typed at a terminal (it reads passphrases only from one):
/// `script` gives it a pseudo-terminal fed from our stdin.
fn age_decrypt(file: &Path, out: &Path, passphrase: &str) -> Option<bool> {
    if Command::new("age").arg("--version").output().is_err() || Command::new("script").arg("--version").output().is_err() {
        return None;
    }
    let mut child = Command::new("script")
        .args(["-qec", &format!("age --decrypt -o '{}' '{}'", out.display(), file.display()), "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(format!("{passphrase}\n").as_bytes()).unwrap();
    }
    Some(child.wait().unwrap().success() && out.is_file())
}

#[test]
fn the_age_tool_opens_a_protected_backup_and_a_pack() {
    let t = tempdir();
    let store = school(&t.path().join("a"));
    let file = t.path().join("school.sanctuary");
    bundle::backup_sealed(&store, &file, &Seal::Passphrase(pass(PASS)), now(), &Job::silent()).unwrap();
    let plain = t.path().join("school-plain.sanctuary");
    match age_decrypt(&file, &plain, PASS) {
        None => {
            println!("SKIPPED: the `age` tool (Debian package age) is not installed; install it to check age compatibility");
            return;
        }
        Some(ok) => assert!(ok, "age --decrypt failed"),
    }
    // What age gives back is an ordinary backup: a zip that restores without any passphrase.
    assert!(fs::read(&plain).unwrap().starts_with(b"PK\x03\x04"));
    let b = t.path().join("b");
    bundle::restore(&b, &plain, &RestoreOptions::new(false), now(), &Job::silent()).unwrap();
    assert_eq!(evidence_list(&Store::open(&b).unwrap()), evidence_list(&store));
    // `unzip -t` (when installed) agrees that the zip written through the encryption is sound.
    if let Ok(o) = Command::new("unzip").args(["-t", plain.to_str().unwrap()]).output() {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    }
    // The wrong passphrase gets nothing out of age either.
    let nothing = t.path().join("nothing.zip");
    assert_eq!(age_decrypt(&file, &nothing, "wrong passphrase"), Some(false));

    let pack = t.path().join("pack.sanctuary-contribution");
    contribution::export_sealed(&store, &pack, "Ms Rees", &Seal::Passphrase(pass(PASS)), now(), &Job::silent()).unwrap();
    let plain_pack = t.path().join("pack-plain.sanctuary-contribution");
    assert_eq!(age_decrypt(&pack, &plain_pack, PASS), Some(true));
    let mut c = Store::open(&t.path().join("c")).unwrap();
    let r = contribution::import(&mut c, &plain_pack, &Limits::default(), now(), &Job::silent()).unwrap();
    assert_eq!(r.added_evidence, live_evidence(&store));
}

#[test]
fn the_command_line_takes_the_passphrase_from_a_file_or_the_environment_never_an_argument() {
    let t = tempdir();
    let a = t.path().join("a");
    let items = live_evidence(&school(&a));
    let out = t.path().join("cli.sanctuary");
    let out_s = out.to_str().unwrap();

    // Nothing said: refused, with the ways to say it.
    let o = cli(&a, &["backup", "--out", out_s]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("--passphrase-file") && err.contains("SANCTUARY_PASSPHRASE") && err.contains("--no-passphrase"), "{err}");
    assert!(!out.exists());
    let o = cli(&a, &["backup", "--out", out_s, "--passphrase", PASS]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("never given on the command line"), "{}", stderr(&o));

    // From a file (its first line).
    let key = t.path().join("key.txt");
    fs::write(&key, format!("{PASS}\n")).unwrap();
    let o = cli(&a, &["backup", "--out", out_s, "--passphrase-file", key.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_nothing_readable(&out);

    // Restoring: asked for, wrong refused, right from the environment works.
    let b = t.path().join("b");
    let o = cli(&b, &["restore", out_s]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--passphrase-file"), "{}", stderr(&o));
    let o = Command::new(env!("CARGO_BIN_EXE_sanctuary"))
        .args(["--data-dir", b.to_str().unwrap(), "restore", out_s])
        .env("SANCTUARY_PASSPHRASE", "not it at all")
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("passphrase does not open"), "{}", stderr(&o));
    assert!(!b.join("sanctuary.db").exists());
    let o = Command::new(env!("CARGO_BIN_EXE_sanctuary"))
        .args(["--data-dir", b.to_str().unwrap(), "restore", out_s])
        .env("SANCTUARY_PASSPHRASE", PASS)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Restored"), "{}", stdout(&o));

    // Explicitly unprotected.
    let plain = t.path().join("plain.sanctuary");
    let o = cli(&a, &["backup", "--out", plain.to_str().unwrap(), "--no-passphrase"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(fs::read(&plain).unwrap().starts_with(b"PK"));

    // A pack both ways.
    let pack = t.path().join("p.sanctuary-contribution");
    let o = cli(&a, &["contribution", "export", "--out", pack.to_str().unwrap(), "--passphrase-file", key.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_nothing_readable(&pack);
    let c = t.path().join("c");
    let o = cli(&c, &["contribution", "import", pack.to_str().unwrap()]);
    assert!(!o.status.success());
    let o = cli(&c, &["contribution", "import", pack.to_str().unwrap(), "--passphrase-file", key.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(&format!("{items} evidence items")), "{}", stdout(&o));
}
