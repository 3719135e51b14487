//! Sharing outside school (`sanctuary share`): the folder's page parses as HTML5 (html5lib, strict)
//! with `lang` and alt text on every picture that is there; the pictures carry no metadata and stay
//! within the web limits; an item without sharing consent and a hidden face never appear; nothing
//! points outside but the links chosen; the consent round trip at the command line; which folders a
//! share may replace.

use std::path::{Path, PathBuf};
use std::process::Command;

use image::{DynamicImage, GenericImageView, RgbImage};
use sanctuary::evidence::redact::{self, Redaction, Region, Shape, Style};
use sanctuary::evidence::{self, rendition, Filter, ImportOptions, NewLink};
use sanctuary::job::Job;
use sanctuary::share::{self, Choices, ShareOptions, StoryChoice};
use sanctuary::Store;

use crate::support::{cli, demo_store, now, stderr, stdout, tempdir, with_exif_segment};

/// Where the face is in the drawn photo, as fractions of the upright picture.
const FACE: (f32, f32, f32, f32) = (0.30, 0.25, 0.25, 0.30);
/// A busy patch that is never hidden: proof that only the hidden area changes.
const CONTROL: (f32, f32, f32, f32) = (0.65, 0.60, 0.20, 0.25);
/// A name that must never leave school: the file name of a photo without sharing consent.
const PUPIL: &str = "Zainab Okonkwo-Price";

fn inside(x: u32, y: u32, w: u32, h: u32, (rx, ry, rw, rh): (f32, f32, f32, f32)) -> bool {
    let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
    fx >= rx && fx < rx + rw && fy >= ry && fy < ry + rh
}

/// An upright picture: a gradient with checkerboards (detail, like a face) in FACE and CONTROL.
fn upright_picture(w: u32, h: u32) -> RgbImage {
    let cell = (w / 60).max(6);
    RgbImage::from_fn(w, h, |x, y| {
        if inside(x, y, w, h, FACE) || inside(x, y, w, h, CONTROL) {
            if ((x / cell) + (y / cell)) % 2 == 0 { image::Rgb([240, 230, 40]) } else { image::Rgb([20, 20, 120]) }
        } else {
            image::Rgb([(60 + x * 120 / w) as u8, (90 + y * 100 / h) as u8, 150])
        }
    })
}

/// A TIFF directory with the orientation (6: turn 90° clockwise to view) and the camera's make: what
/// a phone writes, and what must not reach a website.
fn camera_tiff() -> Vec<u8> {
    let make = b"PupilCam\0";
    let mut t = b"MM\0*".to_vec();
    t.extend_from_slice(&8u32.to_be_bytes());
    t.extend_from_slice(&2u16.to_be_bytes());
    // Make (ASCII), its value after the directory.
    t.extend_from_slice(&0x010Fu16.to_be_bytes());
    t.extend_from_slice(&2u16.to_be_bytes());
    t.extend_from_slice(&(make.len() as u32).to_be_bytes());
    t.extend_from_slice(&(8 + 2 + 2 * 12 + 4u32).to_be_bytes());
    // Orientation 6.
    t.extend_from_slice(&0x0112u16.to_be_bytes());
    t.extend_from_slice(&3u16.to_be_bytes());
    t.extend_from_slice(&1u32.to_be_bytes());
    t.extend_from_slice(&6u16.to_be_bytes());
    t.extend_from_slice(&0u16.to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes());
    t.extend_from_slice(make);
    t
}

/// A 3000 × 2000 upright photo stored sideways with orientation 6 and camera data, as phones do.
fn write_phone_photo(path: &Path) -> RgbImage {
    let upright = upright_picture(3000, 2000);
    // Stored turned a quarter anticlockwise; orientation 6 turns it back.
    let stored = DynamicImage::ImageRgb8(upright.clone()).rotate270();
    let jpeg = sanctuary::pixels::encode(&stored, 92).unwrap();
    std::fs::write(path, with_exif_segment(&jpeg, &camera_tiff())).unwrap();
    upright
}

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    data: PathBuf,
    /// The upright original of the shared photo.
    upright: RgbImage,
    /// Exhibit labels: the shared photo, the photo without sharing consent, a shared quote, a quote
    /// without sharing consent, a shared link.
    photo: String,
    secret_photo: String,
    quote: String,
    secret_quote: String,
    link: String,
}

fn label_of(store: &Store, id: &str) -> String {
    let items = evidence::list(store, &Filter::default()).unwrap();
    evidence::exhibit_label(items.iter().position(|i| i.id == id).unwrap() + 1)
}

/// The demo school (without its drawn photos), two photos, two new quotes and a link; sharing
/// consent is given at the command line for three of them.
fn fixture() -> Fixture {
    let dir = tempdir();
    let root = dir.path().to_path_buf();
    let mut store = demo_store(&root);
    let upright = write_phone_photo(&root.join("picnic.jpg"));
    std::fs::write(root.join(format!("{PUPIL}.jpg")), sanctuary::pixels::encode(&DynamicImage::ImageRgb8(upright_picture(800, 600)), 85).unwrap()).unwrap();
    let opts = ImportOptions { consent: Some(sanctuary::evidence::Consent::Given), caption: String::new(), ..ImportOptions::default() };
    evidence::import(&mut store, &[root.join("picnic.jpg"), root.join(format!("{PUPIL}.jpg"))], &opts, &Job::silent(), now()).unwrap();
    let items = evidence::list(&store, &Filter::default()).unwrap();
    let mut picnic = items.iter().find(|i| i.original_name == "picnic.jpg").unwrap().clone();
    let secret = items.iter().find(|i| i.original_name.starts_with(PUPIL)).unwrap().clone();
    picnic.caption = "Families and pupils at the Refugee Week picnic".into();
    evidence::update(&mut store, &picnic, now()).unwrap();
    let (x, y, w, h) = FACE;
    let hide = Redaction { regions: vec![Region { x, y, w, h, shape: Shape::Rect }], style: Style::Blur };
    redact::set(&mut store, &picnic.id, &hide, None, now()).unwrap();
    let quote = evidence::add_quote(&mut store, "I feel safe here because everyone says hello.", "Pupil, Year 4", &[], now()).unwrap();
    let secret_quote = evidence::add_quote(&mut store, &format!("{PUPIL} told us about her journey."), "Parent", &[], now()).unwrap();
    let link = NewLink {
        url: "https://www.brookfield.example/news/refugee-week".into(),
        title: "Our Refugee Week news".into(),
        criteria: vec![],
        date: None,
        note: String::new(),
        screenshot: None,
        consent: None,
    };
    let link = evidence::add_link(&mut store, &link, now()).unwrap();
    let f = Fixture {
        photo: label_of(&store, &picnic.id),
        secret_photo: label_of(&store, &secret.id),
        quote: label_of(&store, &quote.id),
        secret_quote: label_of(&store, &secret_quote.id),
        link: label_of(&store, &link.id),
        data: root.join("data"),
        upright,
        root,
        _dir: dir,
    };
    drop(store);
    let o = cli(&f.data, &["evidence", "share-consent", &f.photo, &f.quote, &f.link, "yes"]);
    assert!(o.status.success(), "{}", stderr(&o));
    f
}

/// Python with html5lib: the virtual environment `./run test` makes, made here when missing.
fn html5lib_python() -> PathBuf {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/html5lib-venv");
    let python = venv.join("bin/python");
    let ready = |p: &Path| Command::new(p).args(["-c", "import html5lib"]).status().is_ok_and(|s| s.success());
    if !ready(&python) {
        let made = Command::new("python3").arg("-m").arg("venv").arg(&venv).status().is_ok_and(|s| s.success());
        assert!(made, "python3 -m venv failed: install python3-venv (./run test does)");
        let pip = Command::new(venv.join("bin/pip")).args(["install", "--quiet", "--disable-pip-version-check", "html5lib"]).status();
        assert!(pip.is_ok_and(|s| s.success()), "pip install html5lib failed");
    }
    assert!(ready(&python), "html5lib is not importable from {}", python.display());
    python
}

/// What html5lib, parsing strictly, makes of an HTML file: the parse errors, the `lang` of the root,
/// every `img` (src, alt) and every href/src value.
#[derive(serde::Deserialize, Debug)]
struct Parsed {
    errors: Vec<String>,
    lang: Option<String>,
    imgs: Vec<(String, Option<String>)>,
    refs: Vec<String>,
    headings: Vec<u8>,
    landmarks: Vec<String>,
}

const PARSE: &str = r#"
import json, sys, html5lib
path, kind = sys.argv[1], sys.argv[2]
p = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), strict=False, namespaceHTMLElements=False)
text = open(path, encoding="utf-8").read()
root = p.parse(text) if kind == "page" else p.parseFragment(text)
errors = [f"{pos}: {code} {data}" for pos, code, data in p.errors]
imgs = [(e.get("src"), e.get("alt")) for e in root.iter("img")]
refs = [v for e in root.iter() if isinstance(e.tag, str) for k, v in e.attrib.items() if k in ("href", "src", "srcset", "action", "poster", "data")]
styles = " ".join((e.text or "") for e in root.iter("style"))
if "url(" in styles or "@import" in styles:
    refs.append("css:" + styles)
heads = [int(e.tag[1]) for e in root.iter() if isinstance(e.tag, str) and len(e.tag) == 2 and e.tag[0] == "h" and e.tag[1].isdigit()]
marks = [e.tag for e in root.iter() if e.tag in ("header", "main", "footer", "nav")]
print(json.dumps({"errors": errors, "lang": root.get("lang"), "imgs": imgs, "refs": refs, "headings": heads, "landmarks": marks}))
"#;

fn parse(python: &Path, file: &Path, kind: &str) -> Parsed {
    let o = Command::new(python).args(["-c", PARSE]).arg(file).arg(kind).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// Every tag exiftool finds in `file`, as (group, name).
fn exif_tags(file: &Path) -> Vec<(String, String)> {
    let o = Command::new("exiftool").args(["-a", "-G1", "-s", "-j"]).arg(file).output().expect("exiftool (libimage-exiftool-perl)");
    let v: Vec<serde_json::Map<String, serde_json::Value>> = serde_json::from_slice(&o.stdout).unwrap();
    v[0].keys().filter_map(|k| k.split_once(':').map(|(g, n)| (g.to_string(), n.to_string()))).collect()
}

fn mean_difference(a: &RgbImage, b: &RgbImage, region: (f32, f32, f32, f32)) -> f64 {
    let (w, h) = a.dimensions();
    let (rx, ry, rw, rh) = region;
    // Inset, so that the edge where blur meets picture does not count.
    let (x0, x1) = (((rx + rw * 0.1) * w as f32) as u32, ((rx + rw * 0.9) * w as f32) as u32);
    let (y0, y1) = (((ry + rh * 0.1) * h as f32) as u32, ((ry + rh * 0.9) * h as f32) as u32);
    let (mut sum, mut n) = (0f64, 0f64);
    for y in y0..y1 {
        for x in x0..x1 {
            let (p, q) = (a.get_pixel(x, y), b.get_pixel(x, y));
            sum += (0..3).map(|c| (p[c] as f64 - q[c] as f64).abs()).sum::<f64>() / 3.0;
            n += 1.0;
        }
    }
    sum / n
}

fn read_all_text(dir: &Path) -> String {
    let mut all = String::new();
    for name in ["index.html", "post.html"] {
        all.push_str(&std::fs::read_to_string(dir.join(name)).unwrap());
    }
    let docx = std::fs::File::open(dir.join("newsletter.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(docx).unwrap();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().map(|n| n.into_owned()).unwrap_or_default();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            std::io::Read::read_to_string(&mut f, &mut all).unwrap();
        }
    }
    all
}

#[test]
fn the_shared_folder_is_valid_accessible_and_carries_nothing_it_should_not() {
    let f = fixture();
    let out = f.root.join("website");
    // Without --items: every item with sharing consent, in exhibit order.
    let o = cli(&f.data, &["share", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Wrote"), "{}", stdout(&o));
    for name in ["index.html", "post.html", "newsletter.docx", "poster.pdf"] {
        assert!(out.join(name).is_file(), "{name} missing");
    }
    // No staging folder is left beside it.
    let beside: Vec<String> = std::fs::read_dir(&f.root).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(beside.iter().all(|n| !n.contains("staging") && !n.ends_with(".old")), "{beside:?}");

    let python = html5lib_python();
    let page = parse(&python, &out.join("index.html"), "page");
    assert!(page.errors.is_empty(), "index.html is not valid HTML5: {:?}", page.errors);
    assert_eq!(page.lang.as_deref(), Some("en-GB"));
    assert_eq!(page.headings.first(), Some(&1), "one h1 first: {:?}", page.headings);
    for pair in page.headings.windows(2) {
        assert!(pair[1] <= pair[0] + 1, "a heading level is skipped: {:?}", page.headings);
    }
    for mark in ["header", "main", "footer"] {
        assert!(page.landmarks.iter().any(|m| m == mark), "no <{mark}>");
    }
    let post = parse(&python, &out.join("post.html"), "fragment");
    assert!(post.errors.is_empty(), "post.html is not a valid fragment: {:?}", post.errors);
    assert!(!std::fs::read_to_string(out.join("post.html")).unwrap().contains("<style"), "the fragment has no styling");

    // Pictures: each has alt text and exists; exactly the shared photo is there.
    assert_eq!(page.imgs.len(), 1, "{:?}", page.imgs);
    for (src, alt) in page.imgs.iter().chain(&post.imgs) {
        assert!(alt.as_deref().is_some_and(|a| !a.trim().is_empty()), "{src} has no alt text");
        assert!(out.join(src).is_file(), "{src} is not in the folder");
    }
    let web_name = format!("images/{}.jpg", f.photo.to_lowercase());
    assert_eq!(page.imgs[0].0, web_name, "named by exhibit, not by the file's name");
    let images: Vec<PathBuf> = std::fs::read_dir(out.join("images")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(images.len(), 1, "{images:?}");
    for img in &images {
        let bytes = std::fs::read(img).unwrap();
        assert!(bytes.len() < 500 * 1024, "{} is {} bytes", img.display(), bytes.len());
        let (w, h) = image::load_from_memory(&bytes).unwrap().dimensions();
        assert!(w.max(h) <= 1600, "{w} × {h}");
        for (group, tag) in exif_tags(img) {
            assert!(
                matches!(group.as_str(), "ExifTool" | "System" | "File" | "JFIF" | "Composite"),
                "{} carries {group}:{tag}",
                img.display()
            );
        }
    }

    // Upright (the stored photo was sideways), and the hidden face destroyed in the web copy.
    let web = image::open(out.join(&web_name)).unwrap().to_rgb8();
    let (w, h) = web.dimensions();
    assert!(w > h, "the web copy is upright (landscape): {w} × {h}");
    let original = DynamicImage::ImageRgb8(f.upright.clone()).resize_exact(w, h, image::imageops::FilterType::Triangle).to_rgb8();
    let face = mean_difference(&web, &original, FACE);
    let control = mean_difference(&web, &original, CONTROL);
    assert!(control < 25.0, "the rest of the photo is kept (control differs by {control:.1})");
    assert!(face > 60.0, "the hidden face is destroyed (differs by {face:.1} only)");

    // Nothing without sharing consent; no pupil's name anywhere.
    let all = read_all_text(&out);
    assert!(!all.contains("Zainab"), "a name from a photo without sharing consent reached the folder");
    assert!(!all.contains("told us about her journey"), "a quote without sharing consent reached the folder");
    assert!(all.contains("everyone says hello"), "the shared quote is there");
    assert!(all.contains("Pupil, Year 4"), "attributed by year group");
    assert!(all.contains("Families and pupils at the Refugee Week picnic"), "the photo's caption is its alt text");

    // Only the links chosen point outside: the shared link and the City of Sanctuary site.
    let chosen = ["https://www.brookfield.example/news/refugee-week", share::CITY_OF_SANCTUARY_URL];
    for r in page.refs.iter().chain(&post.refs) {
        assert!(r.starts_with("images/") || chosen.contains(&r.as_str()), "{r} points outside the folder");
    }
    for c in chosen {
        assert!(page.refs.iter().any(|r| r == c), "{c} is linked");
    }
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!html.to_lowercase().contains("<script"), "no script");
    assert!(html.contains("@media print"), "a print style");

    // The Word piece holds the picture, and the poster is a valid one-page PDF.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(out.join("newsletter.docx")).unwrap()).unwrap();
    assert!(zip.by_name(&format!("word/media/{}.jpg", f.photo.to_lowercase())).is_ok());
    let check = Command::new("qpdf").arg("--check").arg(out.join("poster.pdf")).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let text = crate::support::pdftotext(&["-layout", out.join("poster.pdf").to_str().unwrap(), "-"]);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("School of Sanctuary"), "{text}");
    assert!(text.contains("Brookfield"), "{text}");
}

#[test]
fn chosen_items_without_consent_are_left_out_and_said_so() {
    let f = fixture();
    let out = f.root.join("share");
    let items = format!("{},{},{},{}", f.secret_photo, f.quote, f.secret_quote, f.photo);
    let o = cli(&f.data, &["share", "--out", out.to_str().unwrap(), "--items", &items, "--language", "cy"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(&format!("left out: {}", f.secret_photo)) && err.contains("no consent to share"), "{err}");
    assert!(err.contains(&format!("left out: {}", f.secret_quote)), "{err}");
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains(r#"<html lang="cy">"#), "Welsh page");
    assert!(html.contains("Ein haddewid"), "Welsh words");
    assert!(!out.join(format!("images/{}.jpg", f.secret_photo.to_lowercase())).exists());
    assert!(!read_all_text(&out).contains("Zainab"));

    // Consent taken back at the command line: the photo goes too.
    let o = cli(&f.data, &["evidence", "share-consent", &f.photo, "no"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let listed = stdout(&cli(&f.data, &["evidence", "list"]));
    let line = |label: &str| listed.lines().find(|l| l.starts_with(&format!("{label} "))).unwrap_or_default().to_string();
    assert!(!line(&f.photo).contains("may be shared"), "{listed}");
    assert!(line(&f.quote).contains("may be shared"), "{listed}");
    let o = cli(&f.data, &["share", "--out", out.to_str().unwrap(), "--items", &items]);
    assert!(o.status.success(), "a previous share output is replaced: {}", stderr(&o));
    assert!(!out.join("images").exists(), "no picture is left from the earlier share");
    assert!(stderr(&o).contains(&format!("left out: {}", f.photo)));
    // A bad answer is refused and changes nothing.
    let o = cli(&f.data, &["evidence", "share-consent", &f.quote, "maybe"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_folder_with_other_files_is_refused_and_kept() {
    let f = fixture();
    let out = f.root.join("documents");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let o = cli(&f.data, &["share", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("already holds other files"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
    assert!(!out.join("index.html").exists());
    // The same in the core, as a coded rule the window words.
    let store = Store::open(&f.data).unwrap();
    let opts = ShareOptions { out: out.clone(), choices: Choices::default(), language: sanctuary::i18n::Lang::En, now: now() };
    match share::write(&store, &opts) {
        Err(sanctuary::Error::Rule { code, .. }) => assert_eq!(code, "share_folder_not_ours"),
        other => panic!("{other:?}"),
    }
    let file = f.root.join("a-file");
    std::fs::write(&file, "x").unwrap();
    let opts = ShareOptions { out: file, ..opts };
    assert!(matches!(share::write(&store, &opts), Err(sanctuary::Error::Rule { code: "share_folder_is_file", .. })));
}

#[test]
fn stories_are_told_with_their_items_and_the_poster_points_at_the_page() {
    let f = fixture();
    let mut store = Store::open(&f.data).unwrap();
    let action = sanctuary::plan::list_all(&store).unwrap().into_iter().next().expect("the demo has actions");
    let items = evidence::list(&store, &Filter::default()).unwrap();
    let id = |label: &str| items[label.trim_start_matches('E').parse::<usize>().unwrap() - 1].id.clone();
    let choices = Choices {
        title: String::new(),
        intro: "Our year of welcome.".into(),
        stories: vec![StoryChoice { action_id: action.id.clone(), items: vec![id(&f.photo), id(&f.quote), id(&f.secret_quote)] }],
        items: vec![id(&f.link), id(&f.quote)],
    };
    share::save_choices(&mut store, &choices).unwrap();
    assert_eq!(share::saved_choices(&store).unwrap(), choices);
    let content = share::content(&store, &choices, sanctuary::i18n::Lang::En).unwrap();
    assert_eq!(content.stories.len(), 1);
    assert_eq!(content.stories[0].heading, action.action);
    assert_eq!(content.stories[0].pieces.len(), 2, "the photo and the shared quote");
    assert!(content.words.is_empty(), "the quote appears once, in its story");
    assert_eq!(content.left_out.len(), 1);
    assert_eq!(content.left_out[0].reason, "no_share_consent");
    assert_eq!(content.intro, "Our year of welcome.");
    assert!(content.default_title.contains("Brookfield"), "{}", content.default_title);

    // Where the page will live: refused unless a web address, then printed as a QR code.
    let mut school = sanctuary::school::find(&store).unwrap().unwrap();
    school.share_url = "brookfield.example/sanctuary".into();
    assert!(matches!(sanctuary::school::save(&mut store, &school, now()), Err(sanctuary::Error::Rule { code: "share_url_not_web", .. })));
    school.share_url = "https://www.brookfield.example/sanctuary".into();
    sanctuary::school::save(&mut store, &school, now()).unwrap();
    drop(store);
    let out = f.root.join("saved");
    let o = cli(&f.data, &["share", "--out", out.to_str().unwrap(), "--saved"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains(&format!("<h3>{}</h3>", action.action.replace('&', "&amp;"))), "the story's heading");
    let png = f.root.join("poster");
    let r = Command::new("pdftoppm").args(["-r", "150", "-png", "-singlefile"]).arg(out.join("poster.pdf")).arg(&png).status().unwrap();
    assert!(r.success());
    let z = Command::new("zbarimg").args(["--quiet", "--raw"]).arg(png.with_extension("png")).output().expect("zbarimg (zbar-tools)");
    assert_eq!(String::from_utf8_lossy(&z.stdout).trim(), "https://www.brookfield.example/sanctuary", "the poster's QR code opens the page");
}

#[test]
fn web_copies_of_a_small_photo_are_reencoded_without_metadata() {
    // A photo small enough to print as it is still gets a fresh copy for the web.
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let upright = upright_picture(900, 600);
    let stored = DynamicImage::ImageRgb8(upright).rotate270();
    let jpeg = with_exif_segment(&sanctuary::pixels::encode(&stored, 90).unwrap(), &camera_tiff());
    let path = dir.path().join("small.jpg");
    std::fs::write(&path, &jpeg).unwrap();
    evidence::import(&mut store, &[path], &ImportOptions::default(), &Job::silent(), now()).unwrap();
    let it = evidence::list(&store, &Filter::default()).unwrap().remove(0);
    let web = rendition::web_copy(store.root(), it.sha256.as_deref().unwrap(), "image/jpeg", &Redaction::default()).unwrap();
    let out = dir.path().join("web.jpg");
    std::fs::write(&out, &web).unwrap();
    assert!(exif_tags(&out).iter().all(|(g, _)| matches!(g.as_str(), "ExifTool" | "System" | "File" | "JFIF" | "Composite")));
    assert_eq!(image::load_from_memory(&web).unwrap().dimensions(), (900, 600), "upright");
}
