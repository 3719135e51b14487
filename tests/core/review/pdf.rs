//! The app's own application PDF with comments added as Acrobat adds them: a highlight with a note
//! (`/Highlight` with `/QuadPoints`), a sticky note (`/Text`) and a free-text box (`/FreeText`).

use std::path::Path;
use std::process::Command;

use lopdf::{dictionary, Document, Object};
use sanctuary::audit;
use sanctuary::feedback::{self, CommentKind};
use sanctuary::review;

use super::export_application;
use crate::support::{demo_store, now, tempdir};

/// Each word of each page with its box, in PDF points from the page's bottom (from `pdftotext
/// -bbox`, which the test may use; the app reads the page itself).
fn words(pdf: &Path) -> Vec<(usize, String, [f32; 4])> {
    let out = Command::new("pdftotext").args(["-bbox"]).arg(pdf).arg("-").output().expect("pdftotext");
    let html = String::from_utf8_lossy(&out.stdout).to_string();
    let mut found = Vec::new();
    let mut page = 0usize;
    let mut height = 842.0f32;
    for line in html.lines() {
        let line = line.trim();
        let attr = |name: &str| -> f32 {
            let at = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            line[at..].split('"').next().unwrap().parse().unwrap()
        };
        if line.starts_with("<page ") {
            page += 1;
            height = attr("height");
        } else if line.starts_with("<word ") {
            let text = line.split('>').nth(1).unwrap().split('<').next().unwrap().to_string();
            found.push((page - 1, text, [attr("xMin"), height - attr("yMax"), attr("xMax"), height - attr("yMin")]));
        }
    }
    found
}

/// The page and box around the words of `phrase`, found in order.
fn phrase_box(words: &[(usize, String, [f32; 4])], phrase: &str) -> (usize, [f32; 4]) {
    let want: Vec<&str> = phrase.split_whitespace().collect();
    for i in 0..words.len() {
        if words[i..].iter().take(want.len()).map(|w| w.1.as_str()).eq(want.iter().copied()) {
            let boxes: Vec<[f32; 4]> = words[i..i + want.len()].iter().map(|w| w.2).collect();
            let b = [
                boxes.iter().map(|b| b[0]).fold(f32::MAX, f32::min),
                boxes.iter().map(|b| b[1]).fold(f32::MAX, f32::min),
                boxes.iter().map(|b| b[2]).fold(f32::MIN, f32::max),
                boxes.iter().map(|b| b[3]).fold(f32::MIN, f32::max),
            ];
            return (words[i].0, b);
        }
    }
    panic!("`{phrase}` is not in the PDF");
}

fn add_annotation(doc: &mut Document, page: usize, annot: lopdf::Dictionary) {
    let page_id = *doc.get_pages().get(&(page as u32 + 1)).unwrap();
    let id = doc.add_object(Object::Dictionary(annot));
    let existing = doc.get_dictionary(page_id).unwrap().get(b"Annots").ok().cloned();
    let mut list = match existing {
        Some(Object::Array(a)) => a,
        Some(Object::Reference(r)) => doc.get_object(r).unwrap().as_array().unwrap().clone(),
        _ => Vec::new(),
    };
    list.push(Object::Reference(id));
    doc.get_dictionary_mut(page_id).unwrap().set("Annots", Object::Array(list));
}

fn rect(a: f32, b: f32, c: f32, d: f32) -> Object {
    Object::Array(vec![a.into(), b.into(), c.into(), d.into()])
}

fn text(s: &str) -> Object {
    Object::string_literal(s)
}

#[test]
#[cfg_attr(windows, ignore = "pdftotext -bbox is a Linux tool")]
fn comments_in_the_application_pdf_come_back_on_their_criteria() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let fw = sanctuary::school::framework(&store).unwrap();
    audit::set_narrative(&mut store, &fw, "learner-voice", "Our pupils run a welcome club every Tuesday lunchtime.", now()).unwrap();
    audit::set_narrative(&mut store, &fw, "public-pledge", "The governors endorsed the pledge in public this spring.", now()).unwrap();
    let pdf = export_application(&store, &dir.path().join("application.pdf"));
    let found = words(&pdf);
    let mut doc = Document::load(&pdf).unwrap();

    // A highlight over "welcome club" with a note.
    let (page, b) = phrase_box(&found, "welcome club");
    let quads: Vec<Object> = [b[0], b[3], b[2], b[3], b[0], b[1], b[2], b[1]].iter().map(|v| Object::Real(*v)).collect();
    add_annotation(&mut doc, page, dictionary! {
        "Type" => "Annot", "Subtype" => "Highlight",
        "Rect" => rect(b[0], b[1], b[2], b[3]),
        "QuadPoints" => quads, "Contents" => text("How many pupils come each week?"),
        "T" => text("Priya Local-Lead"), "M" => text("D:20261125120000Z"),
    });
    // A sticky note beside the pledge account.
    let (page, b) = phrase_box(&found, "endorsed the pledge");
    add_annotation(&mut doc, page, dictionary! {
        "Type" => "Annot", "Subtype" => "Text",
        "Rect" => rect(b[2] + 4.0, b[3] - 16.0, b[2] + 24.0, b[3]),
        "Contents" => text("Add a photo of the certificate."), "T" => text("Priya Local-Lead"), "M" => text("D:20261126093000+00'00'"),
    });
    // A free-text box at the top of the first page, above every criterion.
    add_annotation(&mut doc, 0, dictionary! {
        "Type" => "Annot", "Subtype" => "FreeText",
        "Rect" => rect(300.0, 780.0, 560.0, 820.0),
        "Contents" => text("Overall a strong draft; shorten criterion 3."), "T" => text("Priya Local-Lead"),
        "DA" => text("/Helv 10 Tf 0 g"),
    });
    let reviewed = dir.path().join("application reviewed.pdf");
    doc.save(&reviewed).unwrap();

    let report = review::import(&mut store, &reviewed, None, now()).unwrap();
    assert_eq!((report.comments, report.suggestions, report.general), (3, 0, 1));
    let round = feedback::round(&store, &report.round_id).unwrap();
    assert_eq!(round.from_whom, "Priya Local-Lead");
    assert_eq!(round.received_on, chrono::NaiveDate::from_ymd_opt(2026, 11, 26));
    let find = |start: &str| round.comments.iter().find(|c| c.comment.starts_with(start)).unwrap();
    let club = find("How many");
    assert_eq!(club.criterion_key.as_deref(), Some("learner-voice"));
    assert_eq!(club.kind, CommentKind::Question);
    assert_eq!(club.quote, "welcome club", "the highlighted words, read from the page");
    let photo = find("Add a photo");
    assert_eq!(photo.criterion_key.as_deref(), Some("public-pledge"));
    assert_eq!(photo.kind, CommentKind::Improvement);
    assert_eq!(find("Overall").criterion_key, None, "above every criterion: general");

    let again = review::import(&mut store, &reviewed, None, now()).unwrap();
    assert!(again.already);
    assert_eq!(feedback::round(&store, &report.round_id).unwrap().comments.len(), 3);

    // The PDF as exported, without comments, is not a review.
    assert_eq!(review::import(&mut store, &pdf, None, now()).unwrap_err().code(), "review_no_comments");
}
