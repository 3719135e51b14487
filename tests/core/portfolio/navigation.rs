//! Finding one's way: bookmarks nested by strand and criterion, contents entries and exhibit
//! references that link to the pages they name.

use lopdf::{Document, Object, ObjectId};
use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions};

use crate::support::{demo_store, now, tempdir};
use super::{export_demo, ok, page_text};

fn decode_text(o: &Object) -> String {
    let Ok(bytes) = o.as_str() else { return String::new() };
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// (title, 1-based page, children) of each outline item under `parent`.
fn outline_level(
    doc: &Document,
    first: Option<ObjectId>,
    pages: &[ObjectId],
) -> Vec<(String, usize, Vec<(String, usize)>)> {
    let mut out = Vec::new();
    let mut next = first;
    while let Some(id) = next {
        let item = doc.get_dictionary(id).unwrap();
        let title = decode_text(item.get(b"Title").unwrap());
        let dest = item.get(b"Dest").unwrap().as_array().unwrap();
        let page = pages
            .iter()
            .position(|p| *p == dest[0].as_reference().unwrap())
            .unwrap()
            + 1;
        let kids = outline_level(doc, item.get(b"First").and_then(Object::as_reference).ok(), pages)
            .into_iter()
            .map(|(t, p, _)| (t, p))
            .collect();
        out.push((title, page, kids));
        next = item.get(b"Next").and_then(Object::as_reference).ok();
    }
    out
}

#[test]
#[cfg_attr(windows, ignore = "mutool is a Linux tool")]
fn bookmarks_nest_criteria_under_learn_embed_and_share_and_open_the_right_pages() {
    let dir = tempdir();
    let (_store, out, _) = export_demo(dir.path());
    let doc = Document::load(&out).unwrap();
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let catalog = doc.catalog().unwrap();
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let top = outline_level(&doc, outlines.get(b"First").and_then(Object::as_reference).ok(), &pages);
    let titles: Vec<&str> = top.iter().map(|t| t.0.as_str()).collect();
    for want in [
        "Cover",
        "Contents",
        "School details and journey",
        "Overview of the criteria",
        "Learn",
        "Embed",
        "Share",
        "Action plan",
        "Evidence appendix",
    ] {
        assert!(titles.contains(&want), "{want} not a top-level bookmark: {titles:?}");
    }
    let kids = |strand: &str| top.iter().find(|t| t.0 == strand).unwrap().2.clone();
    assert_eq!(kids("Learn").len(), 2);
    assert_eq!(kids("Embed").len(), 3);
    assert_eq!(kids("Share").len(), 3);
    assert_eq!(kids("Learn")[0].0, "1. Staff and governors learn");
    for strand in ["Learn", "Embed", "Share"] {
        for (title, page) in kids(strand) {
            assert!(
                page_text(&out, page).contains(&title),
                "bookmark {title} opens page {page}, which lacks it"
            );
        }
    }
    let appendix = top.iter().find(|t| t.0 == "Evidence appendix").unwrap();
    assert!(appendix.2.iter().any(|(t, _)| t == "E2 Croeso"), "{:?}", appendix.2);
    // mupdf reads the same tree.
    let tree = ok("mutool", &["show", out.to_str().unwrap(), "outline"]);
    assert!(tree.contains("\t\t\"1. Staff and governors learn\""), "{tree}");
}

#[test]
#[cfg_attr(windows, ignore = "needs poppler's pdftotext -layout, a Linux tool, to pair each contents title with its page number")]
fn contents_entries_link_to_the_pages_they_name() {
    let dir = tempdir();
    let (_store, out, _) = export_demo(dir.path());
    let doc = Document::load(&out).unwrap();
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    // Contents entries as pdftotext lays them out: "title ...... page".
    let layout = ok(
        "pdftotext",
        &["-layout", "-f", "2", "-l", "2", out.to_str().unwrap(), "-"],
    );
    let entries: Vec<(String, usize)> = layout
        .lines()
        .filter_map(|line| {
            let line = line.trim();
            let (title, num) = line.rsplit_once(char::is_whitespace)?;
            let num: usize = num.parse().ok()?;
            let title = title.trim();
            (!title.is_empty() && !title.starts_with("Brookfield")).then(|| (title.to_string(), num))
        })
        .collect();
    assert!(entries.len() >= 14, "{layout}");
    // Links on the contents page, top to bottom.
    let mut links: Vec<(f32, usize)> = Vec::new();
    let annots = doc.get_page_annotations(pages[1]).unwrap();
    for a in annots {
        assert_eq!(a.get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
        let rect = a.get(b"Rect").unwrap().as_array().unwrap();
        let top = rect[3].as_float().unwrap();
        let action = a.get(b"A").unwrap().as_dict().unwrap();
        assert_eq!(action.get(b"S").unwrap().as_name().unwrap(), b"GoTo");
        let target = action.get(b"D").unwrap().as_array().unwrap()[0].as_reference().unwrap();
        links.push((top, pages.iter().position(|p| *p == target).unwrap() + 1));
    }
    links.sort_by(|a, b| b.0.total_cmp(&a.0));
    assert_eq!(links.len(), entries.len(), "one link per entry: {links:?} {entries:?}");
    for ((title, number), (_, target)) in entries.iter().zip(&links) {
        assert_eq!(number, target, "{title} says page {number} but links to {target}");
        assert!(
            page_text(&out, *target).contains(title.as_str()),
            "{title} links to page {target}, which lacks it"
        );
    }
}

#[test]
fn exhibit_references_in_the_narrative_link_to_the_appendix() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO narrative (criterion_key, body, updated_at) VALUES ('pupil-learning', ?1, ?2)",
                [
                    "Our Year 6 pupils wrote welcomes in Welsh (see E2).",
                    &now().to_rfc3339(),
                ],
            )?;
            Ok(())
        })
        .unwrap();
    let out = dir.path().join("p.pdf");
    let report = portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    let doc = Document::load(&out).unwrap();
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let from = (1..=report.pages)
        .find(|p| page_text(&out, *p).contains("wrote welcomes in Welsh (see E2)"))
        .unwrap();
    let targets: Vec<usize> = match doc.get_dictionary(pages[from - 1]).unwrap().get(b"Annots") {
        Ok(Object::Array(a)) => a
            .iter()
            .map(|r| doc.get_dictionary(r.as_reference().unwrap()).unwrap())
            .map(|d| {
                d.get(b"A")
                    .unwrap()
                    .as_dict()
                    .unwrap()
                    .get(b"D")
                    .unwrap()
                    .as_array()
                    .unwrap()[0]
                    .as_reference()
                    .unwrap()
            })
            .map(|t| pages.iter().position(|p| *p == t).unwrap() + 1)
            .collect(),
        _ => Vec::new(),
    };
    assert!(!targets.is_empty(), "no links on page {from}");
    assert!(
        targets.iter().any(|t| page_text(&out, *t).contains("E2 Croeso")),
        "{targets:?}"
    );
}
