//! Files made to bring the app down: zip bombs, entity expansion and external entities, 20,000-deep
//! nesting, very wide tables, one word of two million characters, pictures claiming huge sizes,
//! relationships pointing outside the package, page trees that loop, arrays nested 200,000 deep,
//! framework files nested past reason, backups and packs whose entries try to leave the data folder,
//! and a reader that panics. Each is refused or kept with a message, and nothing is written outside
//! the data folder. None of these tests times anything: that the suite finishes at all shows the
//! work is bounded (before the fixes, the nested tables aborted the test process and the long word
//! never finished).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use sanctuary::bundle::{self, manifest, Limits, RestoreOptions};
use sanctuary::evidence::{self, document_pictures, ImportOptions};
use sanctuary::job::Job;
use sanctuary::office::{self, Block, Content, Format};
use sanctuary::Store;

use crate::support::{now, tempdir};

mod pdf;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// A zip of `entries`, deflated.
pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            z.start_file(*name, opts).unwrap();
            z.write_all(bytes).unwrap();
        }
        z.finish().unwrap();
    }
    out.into_inner()
}

/// A Word file whose body is `body`, with more parts (pictures, relationships) when given.
pub(crate) fn docx(body: &str, more: &[(&str, &[u8])]) -> Vec<u8> {
    let doc = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><w:body>{body}</w:body></w:document>"#
    );
    let mut entries: Vec<(&str, &[u8])> = vec![("_rels/.rels", RELS.as_bytes()), ("word/document.xml", doc.as_bytes())];
    entries.extend_from_slice(more);
    zip_of(&entries)
}

fn para(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

/// `depth` tables, each in the one cell of the table around it, with a word at every level.
fn nested_tables(depth: usize) -> String {
    let mut s = String::with_capacity(depth * 80);
    for i in 0..depth {
        s.push_str(&format!("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>level{i}</w:t></w:r></w:p>"));
    }
    s.push_str(&para("deepest"));
    for _ in 0..depth {
        s.push_str("</w:tc></w:tr></w:tbl>");
    }
    s
}

fn flow(content: &Content) -> &[Block] {
    match content {
        Content::Flow(b) => b,
        other => panic!("a flowing document, not {other:?}"),
    }
}

fn pages(bytes: &[u8], mime: &str) -> Result<usize, office::Problem> {
    document_pictures::reading_copy_pages(bytes, mime)
}

#[test]
fn tables_nested_20000_deep_are_flattened_into_their_words_not_a_crash() {
    let bytes = docx(&nested_tables(20_000), &[]);
    let content = office::read(&bytes, Format::Docx).expect("read, with the deep part flattened");
    let text = content.text();
    for word in ["level0", "level1", "level47", "level19999", "deepest"] {
        assert!(text.contains(word), "{word} is kept");
    }
    // The outer levels are still tables; the deepest ones are paragraphs of their words.
    assert!(matches!(flow(&content)[0], Block::Table { .. }));
    assert!(pages(&bytes, office::DOCX).unwrap() >= 1);
}

#[test]
fn deep_inline_nesting_and_text_boxes_in_text_boxes_are_bounded() {
    // 20,000 hyperlinks inside each other around one run.
    let links = format!(
        "<w:p>{}<w:r><w:t>linked</w:t></w:r>{}</w:p>",
        "<w:hyperlink>".repeat(20_000),
        "</w:hyperlink>".repeat(20_000)
    );
    // 20,000 content controls inside each other at block level.
    let controls = format!(
        "{}{}{}",
        "<w:sdt><w:sdtContent>".repeat(20_000),
        para("controlled"),
        "</w:sdtContent></w:sdt>".repeat(20_000)
    );
    // Text boxes inside text boxes: each level used to be read again by every level above it
    // (exponential in the depth).
    let mut boxes = String::new();
    for i in 0..40 {
        boxes.push_str(&format!("<w:p><w:r><w:t>box{i}</w:t></w:r><w:r><w:drawing><w:txbxContent>"));
    }
    boxes.push_str(&para("innermost"));
    for _ in 0..40 {
        boxes.push_str("</w:txbxContent></w:drawing></w:r></w:p>");
    }
    let bytes = docx(&format!("{links}{controls}{boxes}"), &[]);
    let text = office::read(&bytes, Format::Docx).unwrap().text();
    for word in ["linked", "controlled", "box0", "box39", "innermost"] {
        assert_eq!(text.matches(word).count(), 1, "{word} once in {text}");
    }
    assert!(pages(&bytes, office::DOCX).is_ok());
}

#[test]
fn opendocument_and_powerpoint_nesting_20000_deep_is_bounded() {
    let t = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    let mut body = String::new();
    for _ in 0..20_000 {
        body.push_str("<table:table><table:table-row><table:table-cell>");
    }
    body.push_str("<text:p>deep odt</text:p>");
    for _ in 0..20_000 {
        body.push_str("</table:table-cell></table:table-row></table:table>");
    }
    body.push_str(&format!("{}<text:p>spanned</text:p>{}", "<text:section>".repeat(20_000), "</text:section>".repeat(20_000)));
    let content = format!(
        r#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="{t}"><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
    );
    let odt = zip_of(&[("mimetype", office::ODT.as_bytes()), ("content.xml", content.as_bytes())]);
    let text = office::read(&odt, Format::Odt).unwrap().text();
    assert!(text.contains("deep odt") && text.contains("spanned"), "{text}");
    assert!(pages(&odt, office::ODT).is_ok());

    // Slides whose shapes sit in groups 20,000 deep.
    let p = "http://schemas.openxmlformats.org/presentationml/2006/main";
    let a = "http://schemas.openxmlformats.org/drawingml/2006/main";
    let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let slide = format!(
        r#"<?xml version="1.0"?><p:sld xmlns:p="{p}" xmlns:a="{a}"><p:cSld><p:spTree>{}<p:sp><p:txBody><a:p><a:r><a:t>grouped deep</a:t></a:r></a:p></p:txBody></p:sp>{}</p:spTree></p:cSld></p:sld>"#,
        "<p:grpSp>".repeat(20_000),
        "</p:grpSp>".repeat(20_000)
    );
    let pres = format!(r#"<?xml version="1.0"?><p:presentation xmlns:p="{p}" xmlns:r="{r}"><p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst></p:presentation>"#);
    let pres_rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide1.xml"/></Relationships>"#;
    let root_rels = RELS.replace("word/document.xml", "ppt/presentation.xml");
    let pptx = zip_of(&[
        ("_rels/.rels", root_rels.as_bytes()),
        ("ppt/presentation.xml", pres.as_bytes()),
        ("ppt/_rels/presentation.xml.rels", pres_rels.as_bytes()),
        ("ppt/slides/slide1.xml", slide.as_bytes()),
    ]);
    let text = office::read(&pptx, Format::Pptx).unwrap().text();
    assert!(text.contains("grouped deep"), "{text}");
    assert!(pages(&pptx, office::PPTX).is_ok());
}

#[test]
fn one_word_of_two_million_characters_is_broken_across_lines_and_pages() {
    // A pasted web address with no space in it.
    let mut url = String::from("https://example.org/");
    while url.len() < 2_000_000 {
        url.push_str("a1b2c3d4e5f6-refugee-week/");
    }
    let style = sanctuary::pdf::Style::new(10.0);
    let lines = sanctuary::pdf::wrap(&url, style, 300.0);
    assert!(lines.len() > 1000, "{} lines", lines.len());
    assert_eq!(lines.concat(), url, "every character kept, in order");
    for line in lines.iter().step_by(97) {
        assert!(sanctuary::pdf::text_width(line, style) <= 300.0, "{line}");
    }
    // Imported as a Word file, the reading copy takes many pages (a tenth of the word, to keep the
    // suite quick; the benchmark lays out all of it).
    let bytes = docx(&format!("{}{}", para("Before the address"), para(&url[..200_000])), &[]);
    let n = pages(&bytes, office::DOCX).unwrap();
    assert!(n > 20, "{n} pages");
    // Mixed bold and plain around the long word still breaks it.
    let mixed = format!("<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Link: </w:t></w:r><w:r><w:t>{}</w:t></w:r></w:p>", &url[..50_000]);
    assert!(pages(&docx(&mixed, &[]), office::DOCX).unwrap() > 2);
}

#[test]
fn very_wide_and_very_long_tables_are_laid_out() {
    let cells: String = (0..3000).map(|i| format!("<w:tc>{}</w:tc>", para(&format!("c{i}")))).collect();
    let wide = format!("<w:tbl><w:tr>{cells}</w:tr></w:tbl>");
    let rows: String = (0..5000).map(|i| format!("<w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>", para(&format!("r{i}")), para("x"))).collect();
    let long = format!("<w:tbl>{rows}</w:tbl>");
    let bytes = docx(&format!("{wide}{long}"), &[]);
    let text = office::read(&bytes, Format::Docx).unwrap().text();
    assert!(text.contains("c2999") && text.contains("r4999"));
    assert!(pages(&bytes, office::DOCX).unwrap() > 10);
}

#[test]
fn zip_bombs_entities_and_external_entities_are_refused_with_a_reason() {
    // One part that unpacks past the part limit.
    let mut huge = format!(r#"<?xml version="1.0"?><w:document xmlns:w="{W}">"#).into_bytes();
    huge.resize(70 * 1024 * 1024, b' ');
    let bomb = zip_of(&[("_rels/.rels", RELS.as_bytes()), ("word/document.xml", &huge)]);
    assert!(bomb.len() < 1024 * 1024, "a small file");
    let err = office::read(&bomb, Format::Docx).unwrap_err();
    assert_eq!(err.code(), "too_large", "{err}");
    assert!(err.message().contains("word/document.xml"), "names the part: {err}");

    // Entity expansion (a billion laughs) and an external entity: no DTD is ever read.
    let laughs = format!(
        r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&d;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let external = format!(
        r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"#
    );
    for xml in [laughs, external] {
        let file = zip_of(&[("_rels/.rels", RELS.as_bytes()), ("word/document.xml", xml.as_bytes())]);
        let err = office::read(&file, Format::Docx).unwrap_err();
        assert_eq!(err.code(), "damaged", "{err}");
        assert!(!err.message().contains("root:"), "{err}");
    }
}

/// A PNG header (with its checksum) claiming `w` × `h` pixels, and no pixels.
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    fn crc(bytes: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for b in bytes {
            c ^= *b as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
        }
        !c
    }
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&crc(&ihdr).to_be_bytes());
    // One small image-data chunk (a zlib stream of nothing), so the header reads as a whole file's.
    let idat = b"IDAT\x78\x9c\x03\x00\x00\x00\x00\x01";
    png.extend_from_slice(&8u32.to_be_bytes());
    png.extend_from_slice(idat);
    png.extend_from_slice(&crc(idat).to_be_bytes());
    png.extend_from_slice(&[0, 0, 0, 0]);
    png.extend_from_slice(b"IEND");
    png.extend_from_slice(&crc(b"IEND").to_be_bytes());
    png
}

/// A real small JPEG whose frame header is changed to claim `w` × `h` pixels.
fn jpeg_claiming(w: u16, h: u16) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(16, 16, image::Rgb([200, 100, 50]));
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80).encode_image(&img).unwrap();
    let sof = jpeg.windows(2).position(|p| p == [0xFF, 0xC0]).expect("a baseline frame header");
    jpeg[sof + 5..sof + 7].copy_from_slice(&h.to_be_bytes());
    jpeg[sof + 7..sof + 9].copy_from_slice(&w.to_be_bytes());
    jpeg
}

fn store_in(dir: &Path) -> Store {
    Store::open(&dir.join("data")).unwrap()
}

fn import(store: &mut Store, files: &[PathBuf]) -> evidence::ImportReport {
    let opts = ImportOptions { consent: Some(sanctuary::evidence::Consent::Given), ..ImportOptions::default() };
    evidence::import(store, files, &opts, &Job::silent(), now()).unwrap()
}

#[test]
fn pictures_claiming_huge_sizes_are_refused_before_decoding() {
    let dir = tempdir();
    let png = dir.path().join("huge.png");
    fs::write(&png, png_claiming(100_000, 100_000)).unwrap();
    let jpg = dir.path().join("huge.jpg");
    fs::write(&jpg, jpeg_claiming(65_000, 65_000)).unwrap();
    let mut store = store_in(dir.path());
    let report = import(&mut store, &[png, jpg]);
    assert!(report.added.is_empty(), "{report:?}");
    assert_eq!(report.refused.len(), 2);
    for r in &report.refused {
        assert!(r.reason.contains("too large to open safely"), "{r:?}");
    }
    // Inside a Word file, the same picture prints as a note in its place.
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/huge.png"/></Relationships>"#;
    let body = format!(r#"{}<w:p><w:r><w:drawing><a:blip r:embed="rId9"/></w:drawing></w:r></w:p>"#, para("A picture:"));
    let big = png_claiming(100_000, 100_000);
    let bytes = docx(&body, &[("word/_rels/document.xml.rels", rels.as_bytes()), ("word/media/huge.png", &big)]);
    assert!(document_pictures::document_picture_size(&big).unwrap_err().contains("too large"));
    assert_eq!(pages(&bytes, office::DOCX).unwrap(), 1);
}

#[test]
fn relationships_pointing_outside_the_package_reach_nothing() {
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../../../../../../etc/passwd"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="file:///etc/passwd" TargetMode="External"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="/etc/hostname"/></Relationships>"#;
    let body: String = ["rId1", "rId2", "rId3"]
        .iter()
        .map(|id| format!(r#"<w:p><w:r><w:t>picture {id}</w:t></w:r><w:r><w:drawing><a:blip r:embed="{id}"/></w:drawing></w:r></w:p>"#))
        .collect();
    let bytes = docx(&body, &[("word/_rels/document.xml.rels", rels.as_bytes())]);
    let content = office::read(&bytes, Format::Docx).unwrap();
    assert!(content.pictures().is_empty(), "only parts of the package are ever read");
    assert!(content.text().contains("picture rId3"));
}

#[test]
fn framework_files_nested_past_reason_or_too_large_are_refused_by_name() {
    let toml = format!("id = {}1{}\n", "[".repeat(20_000), "]".repeat(20_000));
    let json = format!("{{\"id\": {}1{}}}", "[".repeat(20_000), "]".repeat(20_000));
    for (text, file) in [(toml, "deep.toml"), (json, "deep.json")] {
        let err = sanctuary::framework::parse(&text, file).unwrap_err();
        assert!(err.to_string().contains(file), "{err}");
    }
    let big = format!("# {}\n", "x".repeat(2 * 1024 * 1024));
    let err = sanctuary::framework::parse(&big, "big.toml").unwrap_err();
    assert_eq!(err.code(), "framework_file_too_large", "{err}");
    assert!(err.to_string().contains("big.toml"));
}

/// Every file and folder under `root`, relative to it.
fn listing(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            out.push(p.strip_prefix(root).unwrap().display().to_string());
            if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                stack.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A backup or pack of `kind` holding `entries` (name, bytes; a link when bytes start with "->").
fn bundle_with(path: &Path, kind: manifest::Kind, entries: &[(&str, &[u8])]) {
    let mut m = manifest::Manifest::new(kind, "X", 1, "2026-01-01T00:00:00Z");
    let opts = zip::write::SimpleFileOptions::default();
    let mut z = zip::ZipWriter::new(fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        if let Some(target) = bytes.strip_prefix(b"->") {
            z.add_symlink(*name, std::str::from_utf8(target).unwrap(), opts).unwrap();
        } else {
            z.start_file(*name, opts).unwrap();
            z.write_all(bytes).unwrap();
        }
        use sha2::Digest;
        let sha: String = sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
        m.entries.push(manifest::Entry { path: name.to_string(), size: bytes.len() as u64, sha256: sha });
    }
    z.start_file("manifest.json", opts).unwrap();
    z.write_all(&serde_json::to_vec(&m).unwrap()).unwrap();
    z.finish().unwrap();
}

#[test]
fn backups_and_packs_whose_entries_leave_the_data_folder_are_refused() {
    let dir = tempdir();
    let outside = dir.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    let sha = "ab".repeat(32);
    let blob = manifest::blob_entry(&sha);
    let escapes: Vec<(String, Vec<u8>)> = vec![
        ("../outside/evil.txt".into(), b"evil".to_vec()),
        ("blobs/../../outside/evil.txt".into(), b"evil".to_vec()),
        (outside.join("abs.txt").display().to_string(), b"evil".to_vec()),
        (blob.clone(), format!("->{}", outside.display()).into_bytes()),
        ("sanctuary.db".into(), b"->../outside/db".to_vec()),
    ];
    for (i, (name, bytes)) in escapes.iter().enumerate() {
        for kind in [manifest::Kind::Backup, manifest::Kind::Contribution] {
            let file = dir.path().join(format!("evil{i}.{}", kind.extension()));
            bundle_with(&file, kind, &[(name.as_str(), bytes.as_slice())]);
            let root = dir.path().join(format!("data{i}-{}", kind.extension()));
            drop(Store::open(&root).unwrap());
            let before = listing(&root);
            let refused = match kind {
                manifest::Kind::Backup => {
                    bundle::restore(&root, &file, &RestoreOptions::new(true), now(), &Job::silent()).unwrap_err()
                }
                _ => bundle::contribution::import(&mut Store::open(&root).unwrap(), &file, &Limits::default(), now(), &Job::silent()).unwrap_err(),
            };
            assert!(refused.to_string().contains(&format!("evil{i}")) || refused.to_string().contains("unsafe") || refused.to_string().contains("link"), "{refused}");
            assert_eq!(listing(&root), before, "{name}: the data folder is as it was");
            assert!(listing(&outside).is_empty(), "{name}: nothing written outside: {:?}", listing(&outside));
        }
    }
}

#[test]
fn a_reader_that_panics_refuses_its_file_and_the_others_go_in() {
    let dir = tempdir();
    let good = dir.path().join("notes.docx");
    fs::write(&good, docx(&para("good notes"), &[])).unwrap();
    let bad = dir.path().join("planted-fault.docx");
    fs::write(&bad, docx(&para("this one panics"), &[])).unwrap();
    let deep = dir.path().join("deep.docx");
    fs::write(&deep, docx(&nested_tables(20_000), &[])).unwrap();
    evidence::import::fault::plant("planted-fault.docx");
    let mut store = store_in(dir.path());
    let report = import(&mut store, &[good, bad, deep]);
    assert_eq!(report.added.len(), 2, "{report:?}");
    assert_eq!(report.refused.len(), 1);
    assert_eq!(report.refused[0].file, "planted-fault.docx");
    assert!(report.refused[0].reason.contains("not added"), "{:?}", report.refused);
    // The refused file's stored copy was removed again: one blob per added item.
    let blobs = listing(&dir.path().join("data").join("blobs")).iter().filter(|p| p.len() > 60).count();
    assert_eq!(blobs, 2);
}
