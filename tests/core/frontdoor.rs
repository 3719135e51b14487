//! The front door of the evidence library: PDFs checked when they are added (cut short, password
//! protected, owner-only, damaged but repairable), folders copied from Windows and macOS (clutter,
//! links back to a parent), scans (multi-page TIFF, BMP), and web links (URI annotation, QR code).
//!
//! PDFs and scans come from tests/fixtures (real files made by qpdf and ImageMagick from a Debian
//! document, see its README); the damaged PDFs are made here from them. The exported portfolio is
//! read back with poppler (pdftotext, pdfimages), qpdf, lopdf and, when installed, zbarimg.

use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::{Document, Object};
use sanctuary::evidence::{self, Filter, ImportOptions, NewLink};
use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions};
use sanctuary::Store;

use crate::support::{cli, demo_store, now, stderr, stdout, tempdir};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Runs a PDF tool, failing with the Debian package to install when it is missing.
fn tool(name: &str, args: &[&str]) -> String {
    let package = match name {
        "qpdf" => "qpdf",
        _ => "poppler-utils",
    };
    let o = match Command::new(name).args(args).output() {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!("`{name}` is not installed; install the Debian package `{package}`"),
        Err(e) => panic!("cannot run {name}: {e}"),
    };
    assert!(o.status.success(), "{name} {args:?} failed: {}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn import(store: &mut Store, files: &[PathBuf]) -> evidence::ImportReport {
    let opts = ImportOptions { consent: Some(sanctuary::evidence::Consent::Given), ..ImportOptions::default() };
    evidence::import(store, files, &opts, &Job::silent(), now()).unwrap()
}

fn export(store: &Store, dir: &Path, name: &str) -> (PathBuf, portfolio::ExportReport) {
    let out = dir.join(name);
    let report = portfolio::export(store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    (out, report)
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Files under `dir` (recursively), for checking that nothing was left behind.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The two-page Debian PDF with every offset in its cross-reference table moved 7 bytes on: the
/// table is where it says, but points at the wrong places (what a bad transfer or editor leaves).
fn pdf_with_wrong_offsets() -> Vec<u8> {
    let pdf = fixture("pdf/spec-2pages.pdf");
    // The table starts at a line "xref" (not the "startxref" near the end).
    let at = pdf.windows(5).rposition(|w| w == b"\nxref").expect("a classic xref table") + 1;
    let (head, table) = pdf.split_at(at);
    let text = String::from_utf8_lossy(table).into_owned();
    let moved: Vec<String> = text
        .split_inclusive('\n')
        .map(|line| {
            let t = line.trim_end();
            let parts: Vec<&str> = t.split(' ').collect();
            if parts.len() == 3 && parts[2] == "n" && parts[0].len() == 10 {
                let off: u64 = parts[0].parse().unwrap();
                format!("{:010} {} n{}", off + 7, parts[1], &line[t.len()..])
            } else {
                line.to_string()
            }
        })
        .collect();
    let mut out = head.to_vec();
    out.extend_from_slice(moved.concat().as_bytes());
    assert_eq!(out.len(), pdf.len(), "the table keeps its length, so startxref still finds it");
    assert_ne!(out, pdf, "the offsets were moved");
    out
}

/// The same PDF with its cross-reference table and trailer gone (cut after the last object).
fn pdf_without_xref() -> Vec<u8> {
    let pdf = fixture("pdf/spec-2pages.pdf");
    let end = pdf.windows(6).rposition(|w| w == b"endobj").unwrap() + 6;
    let mut out = pdf[..end].to_vec();
    out.extend_from_slice(b"\n");
    out
}

#[test]
fn a_truncated_pdf_is_refused_by_name_and_leaves_nothing() {
    let dir = tempdir();
    let src = dir.path().join("in");
    let cut = write(&src, "minutes.pdf", &fixture("pdf/spec-2pages.pdf")[..300]);
    let good = write(&src, "welcome.pdf", &fixture("pdf/spec-2pages.pdf"));
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let report = import(&mut store, &[cut, good]);
    assert_eq!(report.added.len(), 1, "{report:?}");
    assert_eq!(report.refused.len(), 1, "{report:?}");
    assert_eq!(report.refused[0].file, "minutes.pdf");
    assert!(report.refused[0].reason.contains("cannot be opened as a PDF"), "{}", report.refused[0].reason);
    assert!(report.refused[0].reason.contains("Copy it again"), "{}", report.refused[0].reason);
    // Only the good file's original is stored; the refused one left no blob or rendition.
    let stored = files_under(&store.root().join("blobs"));
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert!(files_under(&store.root().join("renditions")).is_empty());
}

#[test]
fn a_password_protected_pdf_is_refused_with_what_to_do() {
    let dir = tempdir();
    let locked = write(&dir.path().join("in"), "council letter.pdf", &fixture("pdf/needs-password.pdf"));
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let report = import(&mut store, &[locked]);
    assert!(report.added.is_empty());
    assert_eq!(report.refused.len(), 1);
    assert_eq!(report.refused[0].file, "council letter.pdf");
    assert!(report.refused[0].reason.contains("password-protected"), "{}", report.refused[0].reason);
    assert!(report.refused[0].reason.contains("save an unprotected copy"), "{}", report.refused[0].reason);
    assert!(files_under(&store.root().join("blobs")).is_empty());
}

#[test]
#[cfg_attr(windows, ignore = "qpdf and pdftotext are Linux tools")]
fn an_owner_password_only_pdf_is_accepted_and_its_pages_merged() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let (_, before) = export(&store, dir.path(), "before.pdf");
    let pdf = write(&dir.path().join("in"), "council guidance.pdf", &fixture("pdf/owner-only.pdf"));
    let report = import(&mut store, &[pdf]);
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    let item = evidence::get(&store, &report.added[0]).unwrap();
    assert_eq!(item.page_count, Some(2));
    let (out, after) = export(&store, dir.path(), "after.pdf");
    assert!(after.warnings.is_empty(), "{:?}", after.warnings);
    assert_eq!(after.pages, before.pages + 2);
    tool("qpdf", &["--check", out.to_str().unwrap()]);
    assert!(flat(&tool("pdftotext", &[out.to_str().unwrap(), "-"])).contains("Shared MIME-info Database"));
}

#[test]
#[cfg_attr(windows, ignore = "qpdf and pdftotext are Linux tools")]
fn a_pdf_with_wrong_xref_offsets_is_repaired_the_original_kept_and_its_pages_printed() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let (_, before) = export(&store, dir.path(), "before.pdf");
    let damaged = pdf_with_wrong_offsets();
    // The check sees the damage (every offset points 7 bytes past its object) and repairs it.
    assert!(matches!(evidence::pdfcheck::check(&damaged), Ok(evidence::pdfcheck::Checked::Repaired { pages: 2, .. })));
    let pdf = write(&dir.path().join("in"), "newsletter.pdf", &damaged);
    let report = import(&mut store, &[pdf]);
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    let item = evidence::get(&store, &report.added[0]).unwrap();
    assert_eq!(item.page_count, Some(2));
    let sha = item.sha256.unwrap();
    // The original is kept exactly as added; the repaired copy is a rendition beside it.
    assert_eq!(std::fs::read(evidence::blobs::path(store.root(), &sha)).unwrap(), damaged);
    let repaired = evidence::pdfcheck::repaired_path(store.root(), &sha).unwrap();
    assert!(repaired.is_file());
    let (out, after) = export(&store, dir.path(), "after.pdf");
    assert!(after.warnings.is_empty(), "{:?}", after.warnings);
    assert_eq!(after.pages, before.pages + 2);
    tool("qpdf", &["--check", out.to_str().unwrap()]);
    let text = flat(&tool("pdftotext", &["-f", &(after.pages - 1).to_string(), out.to_str().unwrap(), "-"]));
    assert!(text.contains("Shared MIME-info Database"), "{text}");
    // Renditions are not in backups: without it, the export repairs the original again.
    std::fs::remove_file(&repaired).unwrap();
    let (out, again) = export(&store, dir.path(), "again.pdf");
    assert_eq!(again.pages, after.pages);
    assert!(flat(&tool("pdftotext", &[out.to_str().unwrap(), "-"])).contains("Shared MIME-info Database"));
}

#[test]
#[cfg_attr(windows, ignore = "needs poppler's pdftotext, a Linux tool, on a repaired file")]
fn a_pdf_without_its_xref_table_is_repaired_too() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let (_, before) = export(&store, dir.path(), "before.pdf");
    let damaged = pdf_without_xref();
    assert!(Document::load_mem(&damaged).is_err(), "lopdf alone cannot open it");
    let report = import(&mut store, &[write(&dir.path().join("in"), "minutes.pdf", &damaged)]);
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    let (out, after) = export(&store, dir.path(), "after.pdf");
    assert_eq!(after.pages, before.pages + 2);
    assert!(flat(&tool("pdftotext", &[out.to_str().unwrap(), "-"])).contains("Shared MIME-info Database"));
}

/// A folder as a coordinator copies it from a Windows PC or a Mac: real files, system clutter, and
/// links back to itself.
fn cluttered_folder(root: &Path) -> PathBuf {
    let top = root.join("Refugee Week 2026");
    write(&top, "picnic.bmp", &fixture("scans/gradient.bmp"));
    write(&top, "letter.pdf", &fixture("pdf/spec-2pages.pdf"));
    write(&top, "scans/register.tif", &fixture("scans/colour-2pages-lzw.tif"));
    for clutter in ["Thumbs.db", "desktop.ini", ".DS_Store", "._picnic.bmp", "~$letter.docx", "upload.tmp", "scans/Thumbs.db", "scans/._register.tif"] {
        write(&top, clutter, b"system clutter, not evidence");
    }
    write(&top, "__MACOSX/._picnic.bmp", b"resource fork");
    write(&top, "__MACOSX/scans/._register.tif", b"resource fork");
    #[cfg(unix)]
    {
        // A link back to the parent folder, and one to the folder itself.
        std::os::unix::fs::symlink(&top, top.join("scans/back to top")).unwrap();
        std::os::unix::fs::symlink("..", top.join("scans/up")).unwrap();
    }
    top
}

#[test]
fn a_copied_folder_imports_each_real_file_once_and_counts_the_clutter() {
    let dir = tempdir();
    let top = cluttered_folder(dir.path());
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let report = import(&mut store, &[top]);
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    assert!(report.duplicates.is_empty(), "walked twice: {:?}", report.duplicates);
    assert_eq!(report.added.len(), 3);
    assert_eq!(report.system_files, 10);
    let mut names: Vec<String> = evidence::list(&store, &Filter::default()).unwrap().into_iter().map(|i| i.original_name).collect();
    names.sort();
    assert_eq!(names, ["letter.pdf", "picnic.bmp", "register.tif"]);
}

#[test]
fn the_cli_adds_a_copied_folder_with_exit_code_0_and_one_summary_line() {
    let dir = tempdir();
    let top = cluttered_folder(dir.path());
    let data = dir.path().join("data");
    let o = cli(&data, &["evidence", "add", "--consent", "given", top.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stderr(&o), "", "no refusals are reported");
    let out = stdout(&o);
    assert!(out.contains("Added 3 items; 0 already there; 0 refused"), "{out}");
    assert!(out.contains("10 system files skipped"), "{out}");
    // The summary line names two kinds of clutter as examples; no file of it is listed one by one.
    for listed in ["desktop.ini", "~$letter.docx", "upload.tmp", "scans/Thumbs.db", "._register.tif"] {
        assert!(!out.contains(listed), "clutter is counted, not listed: {out}");
    }
    let list = stdout(&cli(&data, &["evidence", "list"]));
    assert_eq!(list.lines().count(), 3, "{list}");
}

/// Images in the exported PDF, from `pdfimages -list` (two header lines).
fn images_in(pdf: &Path) -> usize {
    tool("pdfimages", &["-list", pdf.to_str().unwrap()]).lines().skip(2).count()
}

#[test]
#[cfg_attr(windows, ignore = "qpdf and pdfimages are Linux tools")]
fn every_page_of_a_multi_page_scan_is_printed_under_one_exhibit() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let (plain, _) = export(&store, dir.path(), "before.pdf");
    let before = images_in(&plain);
    let src = dir.path().join("in");
    let files = [
        write(&src, "copier scan.tif", &fixture("scans/copier-3pages-g4.tif")),
        write(&src, "register.tif", &fixture("scans/colour-2pages-lzw.tif")),
        write(&src, "poster.bmp", &fixture("scans/gradient.bmp")),
    ];
    let report = import(&mut store, &files);
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    let items = evidence::list(&store, &Filter::default()).unwrap();
    let by_name = |n: &str| items.iter().find(|i| i.original_name == n).unwrap().clone();
    let scan = by_name("copier scan.tif");
    assert_eq!((scan.kind.as_str(), scan.mime.as_deref(), scan.page_count), ("photo", Some("image/tiff"), Some(3)));
    assert_eq!((scan.width, scan.height), (Some(600), Some(800)));
    let sha = scan.sha256.clone().unwrap();
    for page in 2..=3 {
        assert!(evidence::scan::page_path(store.root(), &sha, page).is_file(), "page {page}");
    }
    assert_eq!(by_name("register.tif").page_count, Some(2));
    let bmp = by_name("poster.bmp");
    assert_eq!((bmp.mime.as_deref(), bmp.width, bmp.height, bmp.page_count), (Some("image/bmp"), Some(64), Some(48), None));
    assert!(evidence::thumbnail(&store, &bmp.id).is_ok());
    // Three scan pages, two register pages and the poster: six pictures more in the portfolio.
    let (out, report) = export(&store, dir.path(), "after.pdf");
    assert!(report.warnings.iter().all(|w| !w.contains("not shown")), "{:?}", report.warnings);
    assert_eq!(images_in(&out), before + 6);
    tool("qpdf", &["--check", out.to_str().unwrap()]);
    // Rebuilt from the original when missing (renditions are not in backups).
    std::fs::remove_file(evidence::scan::page_path(store.root(), &sha, 3)).unwrap();
    let (out, _) = export(&store, dir.path(), "again.pdf");
    assert_eq!(images_in(&out), before + 6);
}

#[test]
fn an_avif_picture_is_refused_with_what_to_do() {
    let dir = tempdir();
    let mut avif = vec![0, 0, 0, 0x1c];
    avif.extend_from_slice(b"ftypavif\0\0\0\0avifmif1miaf");
    avif.resize(200, 0);
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let report = import(&mut store, &[write(dir.path(), "phone.avif", &avif)]);
    assert_eq!(report.refused.len(), 1);
    assert!(report.refused[0].reason.contains("save it as JPEG"), "{}", report.refused[0].reason);
}

/// URI actions of link annotations in the PDF, with the page (1-based) each is on.
fn uri_links(pdf: &Path) -> Vec<(usize, String)> {
    let doc = Document::load(pdf).unwrap();
    let mut out = Vec::new();
    for (n, page) in doc.get_pages() {
        let Ok(annots) = doc.get_dictionary(page).and_then(|d| d.get(b"Annots")).and_then(Object::as_array) else { continue };
        for a in annots {
            let dict = match a {
                Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
                Object::Dictionary(d) => d,
                _ => continue,
            };
            let Ok(action) = dict.get(b"A").and_then(Object::as_dict) else { continue };
            if action.get(b"S").and_then(Object::as_name).ok() == Some(&b"URI"[..]) {
                let uri = action.get(b"URI").and_then(Object::as_str).unwrap();
                out.push((n as usize, String::from_utf8_lossy(uri).into_owned()));
            }
        }
    }
    out
}

const PLEDGE: &str = "https://www.brookfield-primary.example.sch.uk/news/2026/06/our-sanctuary-pledge?from=newsletter&issue=42";

#[test]
#[cfg_attr(windows, ignore = "qpdf, pdftotext and pdftoppm are Linux tools")]
fn a_link_is_a_clickable_title_its_full_address_and_a_qr_code_in_the_portfolio() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let fw = sanctuary::school::framework(&store).unwrap();
    let six = fw.criteria.iter().find(|c| c.number == 6).unwrap().key.clone();
    let link = NewLink {
        url: format!("  {PLEDGE} "),
        title: "Our pledge on the school website".into(),
        criteria: vec![six.clone()],
        date: chrono::NaiveDate::from_ymd_opt(2026, 6, 20),
        note: "Checked before submission.".into(),
        ..NewLink::default()
    };
    let item = evidence::add_link(&mut store, &link, now()).unwrap();
    assert_eq!((item.kind.as_str(), item.url.as_str(), item.consent.as_str()), ("link", PLEDGE, "not_needed"));
    assert_eq!(item.caption, "Checked before submission.");
    assert_eq!(item.criteria, vec![six]);
    let (out, report) = export(&store, dir.path(), "p.pdf");
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    tool("qpdf", &["--check", out.to_str().unwrap()]);
    let links = uri_links(&out);
    assert!(links.len() >= 2, "the title and the address both open the page: {links:?}");
    assert!(links.iter().all(|(_, u)| u == PLEDGE), "{links:?}");
    let page = links[0].0;
    // The address is printed in full (broken over lines, nothing added or lost).
    let text = tool("pdftotext", &["-f", &page.to_string(), "-l", &page.to_string(), out.to_str().unwrap(), "-"]);
    assert!(text.contains("Our pledge on the school website"), "{text}");
    let joined: String = text.lines().map(str::trim).collect();
    assert!(joined.contains(PLEDGE), "{text}");
    assert!(text.contains("Web address") && text.contains("Scan the code"), "{text}");
    // The QR code on that page reads back as the address.
    let png = dir.path().join("page");
    tool("pdftoppm", &["-r", "200", "-gray", "-png", "-f", &page.to_string(), "-l", &page.to_string(), "-singlefile", out.to_str().unwrap(), png.to_str().unwrap()]);
    match Command::new("zbarimg").args(["--raw", "-q"]).arg(png.with_extension("png")).output() {
        Ok(o) => assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), PLEDGE, "{}", String::from_utf8_lossy(&o.stderr)),
        Err(_) => eprintln!("zbarimg is not installed (Debian's zbar-tools): the QR code was not decoded back"),
    }
}

#[test]
#[cfg_attr(windows, ignore = "pdfimages is a Linux tool")]
fn a_link_screenshot_is_stored_like_a_photo_and_needs_consent() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let (plain, _) = export(&store, dir.path(), "before.pdf");
    let shot = write(dir.path(), "shot.bmp", &fixture("scans/gradient.bmp"));
    let link = NewLink { url: "www.example.org/press".into(), screenshot: Some(shot.clone()), ..NewLink::default() };
    let item = evidence::add_link(&mut store, &link, now()).unwrap();
    assert_eq!(item.url, "https://www.example.org/press");
    assert_eq!(item.title, "www.example.org", "the title defaults to the website's name");
    assert_eq!(item.consent, sanctuary::evidence::Consent::Missing, "a screenshot may show pupils");
    assert_eq!((item.width, item.height), (Some(64), Some(48)));
    assert!(evidence::thumbnail(&store, &item.id).is_ok());
    let (_, report) = export(&store, dir.path(), "left-out.pdf");
    assert!(report.left_out.contains(&"www.example.org".to_string()));
    let mut given = item.clone();
    given.consent = sanctuary::evidence::Consent::Given;
    evidence::update(&mut store, &given, now()).unwrap();
    let (out, _) = export(&store, dir.path(), "with.pdf");
    assert_eq!(images_in(&out), images_in(&plain) + 1);
    assert!(uri_links(&out).iter().any(|(_, u)| u == "https://www.example.org/press"));
    // A screenshot that is not a picture is refused and nothing is added.
    let count = evidence::list(&store, &Filter::default()).unwrap().len();
    let not_a_picture = write(dir.path(), "shot.pdf", &fixture("pdf/spec-2pages.pdf"));
    let e = evidence::add_link(&mut store, &NewLink { url: "https://a.example".into(), screenshot: Some(not_a_picture), ..NewLink::default() }, now()).unwrap_err();
    assert!(e.to_string().contains("must be a picture"), "{e}");
    assert_eq!(evidence::list(&store, &Filter::default()).unwrap().len(), count);
}

#[test]
fn the_cli_adds_a_link_and_refuses_ftp_and_javascript() {
    let dir = tempdir();
    let data = dir.path().join("data");
    let o = cli(&data, &["evidence", "link", "https://news.example/sanctuary", "--title", "Local paper", "--criterion", "6", "--date", "2026-06-21", "--note", "Front page"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Added the link \"Local paper\" (https://news.example/sanctuary)"), "{}", stdout(&o));
    for bad in ["ftp://files.example/pledge.pdf", "javascript:alert(document.cookie)", "file:///etc/passwd"] {
        let o = cli(&data, &["evidence", "link", bad, "--title", "Bad", "--criterion", "6"]);
        assert_ne!(o.status.code(), Some(0), "{bad} was accepted");
        assert!(stderr(&o).contains("only web pages (addresses starting with http:// or https://)"), "{bad}: {}", stderr(&o));
    }
    let list = stdout(&cli(&data, &["evidence", "list"]));
    assert_eq!(list.lines().count(), 1, "{list}");
    assert!(list.contains("Local paper <https://news.example/sanctuary>") && list.contains("criteria 6"), "{list}");
    // Editing cannot turn a link into a javascript: one.
    let store = Store::open(&data).unwrap();
    let mut item = evidence::list(&store, &Filter::default()).unwrap().remove(0);
    drop(store);
    let mut store = Store::open(&data).unwrap();
    item.url = "javascript:alert(1)".into();
    assert!(evidence::update(&mut store, &item, now()).is_err());
    assert_eq!(evidence::get(&store, &item.id).unwrap().url, "https://news.example/sanctuary");
}
