//! Benchmark of one unbroken word: `bench_long_word [CHARS...]` (default 100,000 and 2,000,000).
//!
//! For each length it makes a pasted web address with no space in it, then times breaking it into
//! lines the width of a portfolio page (`pdf::wrap`) and reading a Word file that holds it as its
//! one paragraph and laying out its reading copy, as an import does (`reading_copy_pages`). Both
//! were quadratic in the word's length before; each figure here is the median of 3 runs.
//! Run it with `cargo run --release --bin bench_long_word` (the README's figures say which build).

use std::io::Write;
use std::time::{Duration, Instant};

fn main() {
    let mut lengths: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.replace('_', "").parse().ok()).collect();
    if lengths.is_empty() {
        lengths = vec![100_000, 2_000_000];
    }
    let style = sanctuary::pdf::Style::new(10.0);
    let width = sanctuary::pdf::PAGE_W - 2.0 * sanctuary::pdf::MARGIN_X;
    println!("| characters | lines | wrap | Word file read and laid out | reading-copy pages |");
    println!("|---:|---:|---:|---:|---:|");
    for n in lengths {
        let word = address(n);
        let mut lines = 0;
        let wrap = median(|| lines = sanctuary::pdf::wrap(&word, style, width).len());
        let docx = word_file(&word);
        let mut pages = 0;
        let read = median(|| {
            pages = sanctuary::evidence::document_pictures::reading_copy_pages(&docx, sanctuary::office::DOCX).expect("a reading copy")
        });
        println!("| {n} | {lines} | {} | {} | {pages} |", secs(wrap), secs(read));
    }
}

/// A web address of `n` characters with no space in it.
fn address(n: usize) -> String {
    let mut s = String::from("https://example.org/");
    while s.len() < n {
        s.push_str("refugee-week-2026/welcome?id=a1b2c3d4&lang=cy/");
    }
    s.truncate(n);
    s
}

/// A minimal .docx holding `word` as its one paragraph.
fn word_file(word: &str) -> Vec<u8> {
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let doc = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>"#,
        word.replace('&', "&amp;")
    );
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in [("_rels/.rels", rels.as_bytes()), ("word/document.xml", doc.as_bytes())] {
            z.start_file(name, opts).expect("zip entry");
            z.write_all(bytes).expect("zip write");
        }
        z.finish().expect("zip");
    }
    out.into_inner()
}

fn median(mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[1]
}

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}
