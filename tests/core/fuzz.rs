//! Fuzzing every reader in the normal suite: seed files (real ones made by LibreOffice, Word's
//! format written by hand, PDFs, pictures, a backup, the shipped frameworks) are mutated by a
//! seeded generator (so each run repeats exactly) and fed to the reader. A reader may refuse a
//! mutated file; it must never panic, overflow its stack or hang. Zip packages are also mutated
//! inside (an XML part changed, an entry renamed) so that the XML readers, not only the zip
//! checks, see the damage.
//!
//! The suite runs a few hundred inputs per reader (seconds). A longer run, with another seed:
//! `SANCTUARY_FUZZ=100 SANCTUARY_FUZZ_SEED=7 cargo test --workspace --features
//! sanctuary-app/custom-protocol --test core -- fuzz` (100 times as many inputs). An input that
//! fails is saved under `target/fuzz-failures/` and named in the failure.

use std::fs;
use std::io::{Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use sanctuary::bundle::{self, manifest::Kind, RestoreOptions};
use sanctuary::evidence::{self, document_pictures, pdfcheck, probe, rendition, scan, ImportOptions};
use sanctuary::job::Job;
use sanctuary::office::{self, Format};
use sanctuary::Store;

use crate::support::{now, tempdir};

/// A small fast generator (xorshift64*): the same seed gives the same inputs on every machine.
struct Rng(u64);

impl Rng {
    fn new(target: &str) -> Rng {
        let base: u64 = std::env::var("SANCTUARY_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
        let mut h = 0xcbf2_9ce4_8422_2325u64 ^ base;
        for b in target.bytes() {
            h = (h ^ b as u64).wrapping_mul(0x1000_0000_01b3);
        }
        Rng(h | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// How many inputs a reader gets: `base` times `SANCTUARY_FUZZ` (1 in the normal suite).
fn rounds(base: usize) -> usize {
    base * std::env::var("SANCTUARY_FUZZ").ok().and_then(|s| s.parse().ok()).unwrap_or(1usize)
}

/// Pieces worth inserting: markup that opens nesting, entities, quotes, huge numbers.
const TOKENS: &[&str] = &[
    "<w:tbl><w:tr><w:tc>", "</w:tc>", "<w:p>", "<w:r><w:t>", "<w:hyperlink>", "<w:sdt><w:sdtContent>",
    "<table:table><table:table-row><table:table-cell>", "<text:span>", "<text:list><text:list-item>",
    "<p:grpSp>", "<a:p><a:r><a:t>", "<draw:g>", "<w:drawing><w:txbxContent>", "&amp;", "&#0;", "&#x10FFFF;",
    "<!DOCTYPE x [<!ENTITY e \"ee\">]>", "&e;", "[", "]", "<<", ">>", "{", "}", "\"", "(", ")", "=", "\n",
    " 99999999999999999999 ", "-1", "0 0 R", "/Kids [", "/Parent 2 0 R", "obj", "endobj", "stream\n",
    "\u{202e}", "\u{0301}", "https://example.org/averyveryverylongwordwithoutanybreakingspace",
];

/// One to four mutations of `input`: bytes flipped or set, ranges deleted or repeated, the end cut
/// off, or a token inserted (sometimes thousands of times, to nest deeply).
fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = out.len().max(1);
        match rng.below(7) {
            0 => {
                let at = rng.below(len).min(out.len().saturating_sub(1));
                if let Some(b) = out.get_mut(at) {
                    *b ^= 1 << rng.below(8);
                }
            }
            1 => {
                let at = rng.below(len).min(out.len().saturating_sub(1));
                if let Some(b) = out.get_mut(at) {
                    *b = [0, 0xFF, b'<', b'[', b'"', b'0', b' '][rng.below(7)];
                }
            }
            2 => {
                let at = rng.below(len);
                let n = rng.below(64).min(out.len().saturating_sub(at));
                out.drain(at.min(out.len())..(at + n).min(out.len()));
            }
            3 => {
                let at = rng.below(len).min(out.len());
                let n = rng.below(256).min(out.len() - at);
                let piece = out[at..at + n].to_vec();
                let to = rng.below(out.len() + 1);
                out.splice(to..to, piece.iter().copied().cycle().take(n * (1 + rng.below(8))));
            }
            4 => out.truncate(rng.below(len)),
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let times = if rng.below(6) == 0 { 1 + rng.below(20_000) } else { 1 + rng.below(4) };
                let to = rng.below(out.len() + 1);
                out.splice(to..to, token.iter().copied().cycle().take(token.len() * times));
            }
        }
    }
    out
}

/// The entries of a zip, in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a seed is a zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().map(|n| n.into_owned()).unwrap_or_default(), data)
        })
        .collect()
}

fn rezip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let mut written = std::collections::HashSet::new();
        for (name, data) in entries {
            // A renamed entry may now clash with another: the first keeps the name.
            if !written.insert(name.as_str()) {
                continue;
            }
            z.start_file(name.as_str(), opts).unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap();
    }
    out.into_inner()
}

/// A zip package mutated inside (an XML part, or an entry's name) or, one time in five, as bytes.
fn mutate_package(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    if rng.below(5) == 0 {
        return mutate(rng, seed);
    }
    let mut entries = unzip(seed);
    let xml: Vec<usize> = (0..entries.len()).filter(|i| entries[*i].0.ends_with(".xml") || entries[*i].0.ends_with(".rels")).collect();
    let pick = if xml.is_empty() || rng.below(8) == 0 { rng.below(entries.len()) } else { xml[rng.below(xml.len())] };
    if rng.below(10) == 0 {
        entries[pick].0 = ["../evil.xml", "/abs.xml", "a/../../b.xml", "word/document.xml"][rng.below(4)].to_string();
    } else {
        entries[pick].1 = mutate(rng, &entries[pick].1);
    }
    rezip(&entries)
}

/// Feeds `rounds` mutations of the seeds to `read`; a panic saves the input and fails the test.
fn fuzz(target: &str, seeds: &[Vec<u8>], rounds: usize, change: fn(&mut Rng, &[u8]) -> Vec<u8>, read: &dyn Fn(usize, &[u8])) {
    let mut rng = Rng::new(target);
    for i in 0..rounds {
        let input = change(&mut rng, &seeds[i % seeds.len()]);
        if catch_unwind(AssertUnwindSafe(|| read(i, &input))).is_err() {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
            fs::create_dir_all(&dir).unwrap();
            let file = dir.join(format!("{target}-{i}.bin"));
            fs::write(&file, &input).unwrap();
            panic!("the {target} reader panicked on input {i}; saved as {}", file.display());
        }
    }
}

fn fixture(path: &str) -> Vec<u8> {
    fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)).unwrap()
}

/// Reads the document and, for one input in `every`, lays out its reading copy too.
fn office_reader(format: Format, mime: &'static str, every: usize) -> impl Fn(usize, &[u8]) {
    move |i, bytes| {
        if office::read(bytes, format).is_ok() && i % every == 0 {
            let _ = document_pictures::reading_copy_pages(bytes, mime);
        }
    }
}

#[test]
fn fuzz_word_documents() {
    let made = crate::hostile::docx(
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Title</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:hyperlink><w:r><w:rPr><w:b/></w:rPr><w:t>bold link</w:t></w:r></w:hyperlink></w:p>",
        &[],
    );
    fuzz("docx", &[fixture("office/lesson.docx"), made], rounds(160), mutate_package, &office_reader(Format::Docx, office::DOCX, 10));
}

#[test]
fn fuzz_powerpoint_presentations() {
    fuzz("pptx", &[fixture("office/assembly.pptx")], rounds(120), mutate_package, &office_reader(Format::Pptx, office::PPTX, 12));
}

#[test]
fn fuzz_opendocument_text_and_presentations() {
    fuzz("odt", &[fixture("office/lesson.odt")], rounds(100), mutate_package, &office_reader(Format::Odt, office::ODT, 12));
    fuzz("odp", &[fixture("office/assembly.odp")], rounds(80), mutate_package, &office_reader(Format::Odp, office::ODP, 12));
}

#[test]
fn fuzz_pdf_check_and_merge() {
    let seeds = [fixture("pdf/spec-2pages.pdf"), fixture("pdf/owner-only.pdf")];
    fuzz("pdf", &seeds, rounds(150), mutate, &|_, bytes| {
        if let Ok(checked) = pdfcheck::check(bytes) {
            let merged = match &checked {
                pdfcheck::Checked::Repaired { bytes, .. } => bytes.as_slice(),
                pdfcheck::Checked::Sound { .. } => bytes,
            };
            let _ = sanctuary::pdf::Appendix::parse(merged, "fuzz.pdf", "a");
        }
    });
}

#[test]
fn fuzz_picture_probes_and_decoders() {
    let mut png = Vec::new();
    image::RgbImage::from_pixel(24, 16, image::Rgb([10, 200, 30]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 70)
        .encode_image(&image::RgbImage::from_pixel(24, 16, image::Rgb([200, 30, 30])))
        .unwrap();
    let mut gif = Vec::new();
    image::RgbaImage::from_pixel(8, 8, image::Rgba([1, 2, 3, 255]))
        .write_to(&mut std::io::Cursor::new(&mut gif), image::ImageFormat::Gif)
        .unwrap();
    let seeds = [png, jpeg, gif, fixture("scans/gradient.bmp"), fixture("scans/colour-2pages-lzw.tif")];
    fuzz("picture", &seeds, rounds(200), mutate, &|_, bytes| {
        let _ = probe::sniff(&bytes[..bytes.len().min(64)], "picture");
        let _ = rendition::dimensions(bytes);
        if let Ok((w, h)) = document_pictures::document_picture_size(bytes) {
            if (w as u64) * (h as u64) <= 1_000_000 {
                let _ = document_pictures::document_picture(bytes);
            }
        }
        if let Ok(n) = scan::page_count(bytes) {
            if n <= 4 {
                for page in 1..=n {
                    let _ = scan::decode_page(bytes, page);
                }
            }
        }
    });
}

/// Files in and under `dir`.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).into_iter().flatten().flatten() {
            if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                stack.push(e.path());
            } else {
                out.push(e.path());
            }
        }
    }
    out
}

#[test]
fn fuzz_backups_read_and_restored() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("seed")).unwrap();
    let photo = dir.path().join("notes.docx");
    fs::write(&photo, crate::hostile::docx("<w:p><w:r><w:t>kept</w:t></w:r></w:p>", &[])).unwrap();
    evidence::import(&mut store, &[photo], &ImportOptions::default(), &Job::silent(), now()).unwrap();
    let seed = dir.path().join("seed.sanctuary");
    bundle::backup(&store, &seed, now(), &Job::silent()).unwrap();
    drop(store);
    let seeds = [fs::read(&seed).unwrap()];
    let work = dir.path().join("work");
    fs::create_dir_all(&work).unwrap();
    fuzz("backup", &seeds, rounds(40), mutate_package, &|i, bytes| {
        let file = work.join("fuzz.sanctuary");
        fs::write(&file, bytes).unwrap();
        let _ = bundle::inspect(&file, Kind::Backup);
        if i % 4 == 0 {
            let root = work.join(format!("restored-{i}"));
            let _ = bundle::restore(&root, &file, &RestoreOptions::new(true), now(), &Job::silent());
            // Whatever happened, nothing was written beside the data folder.
            let stray: Vec<PathBuf> = files_under(&work).into_iter().filter(|p| !p.starts_with(&root) && !p.ends_with("fuzz.sanctuary")).collect();
            assert!(stray.is_empty(), "written outside the data folder: {stray:?}");
            let _ = fs::remove_dir_all(&root);
        }
    });
}

#[test]
fn fuzz_framework_files() {
    let toml = fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/frameworks/sos-2024.toml")).unwrap();
    let fw = sanctuary::framework::parse(std::str::from_utf8(&toml).unwrap(), "sos-2024.toml").unwrap();
    let json = serde_json::to_vec(&fw).unwrap();
    fuzz("framework", &[toml, json], rounds(300), mutate, &|_, bytes| {
        let _ = sanctuary::framework::parse(&String::from_utf8_lossy(bytes), "fuzz.toml");
    });
}
