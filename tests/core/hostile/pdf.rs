//! Hostile PDFs: page trees that loop (through their kids or their parents) and arrays or
//! dictionaries nested 200,000 deep, in a page, in an object nothing needs, and in a page's drawing.

use std::fs;

use sanctuary::evidence::pdfcheck;
use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions};

use super::{import, store_in};
use crate::support::{now, tempdir};

/// A PDF of `objects` (numbered from 1, the first the catalog) with a correct cross-reference table.
fn pdf_of(objects: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for at in offsets {
        out.extend_from_slice(format!("{at:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    out
}

fn page(parent: u32, extra: &str) -> String {
    format!("<< /Type /Page /Parent {parent} 0 R /MediaBox [0 0 300 300] /Contents 4 0 R {extra} >>")
}

const CONTENT: &str = "<< /Length 35 >>\nstream\nBT /F1 12 Tf 20 200 Td (Loop) Tj ET\nendstream";

#[test]
fn page_trees_that_loop_are_refused_or_followed_once() {
    // The page tree lists itself among its kids.
    let looping = pdf_of(&[
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        "<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>".into(),
        page(2, ""),
        CONTENT.into(),
    ]);
    let err = pdfcheck::check(&looping).unwrap_err();
    assert!(err.contains("cannot be opened as a PDF"), "{err}");

    // A page whose parents loop above it: it opens, and the export that merges it finishes.
    let parents = pdf_of(&[
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        page(5, ""),
        CONTENT.into(),
        "<< /Type /Pages /Parent 6 0 R /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Pages /Parent 5 0 R /Kids [5 0 R] /Count 1 >>".into(),
    ]);
    assert_eq!(pdfcheck::check(&parents).unwrap().pages(), 1);
    let dir = tempdir();
    let file = dir.path().join("parents.pdf");
    fs::write(&file, &parents).unwrap();
    let mut store = store_in(dir.path());
    let report = import(&mut store, &[file]);
    assert_eq!(report.added.len(), 1, "{report:?}");
    let out = dir.path().join("portfolio.pdf");
    portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    assert!(fs::metadata(&out).unwrap().len() > 0);
}

#[test]
fn arrays_and_dictionaries_nested_200000_deep_are_refused() {
    let deep_array = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    let deep_dict = format!("{}{}", "<< /K ".repeat(200_000), ">>".repeat(200_000));
    for deep in [deep_array, deep_dict] {
        // In the page itself: the page cannot be read.
        let in_page = pdf_of(&[
            "<< /Type /Catalog /Pages 2 0 R >>".into(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
            page(2, &format!("/Deep {deep}")),
            CONTENT.into(),
        ]);
        assert!(pdfcheck::check(&in_page).is_err());
        assert!(sanctuary::pdf::Appendix::parse(&in_page, "deep.pdf", "a").is_err());
        // In an object nothing needs: the rest of the file is fine.
        let aside = pdf_of(&[
            "<< /Type /Catalog /Pages 2 0 R >>".into(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
            page(2, ""),
            CONTENT.into(),
            deep.clone(),
        ]);
        if let Ok(checked) = pdfcheck::check(&aside) {
            assert_eq!(checked.pages(), 1);
        }
        // In a page's drawing, which the portfolio merges without reading.
        let stream = format!("<< /Length {} >>\nstream\n{deep} Tj\nendstream", deep.len() + 3);
        let drawn = pdf_of(&[
            "<< /Type /Catalog /Pages 2 0 R >>".into(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
            page(2, ""),
            stream,
        ]);
        let _ = pdfcheck::check(&drawn);
    }
}
