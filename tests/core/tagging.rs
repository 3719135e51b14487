//! The structure tree of exported PDFs (PDF/UA-1), read back with lopdf: headings at the outline's
//! levels with none skipped, photos, charts and QR codes as figures with alternative text, account
//! lists as lists, tables with header cells, links with their annotations, the catalog's language,
//! and every mark on our pages inside marked content or an artifact.

use std::collections::BTreeMap;
use std::path::Path;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};
use sanctuary::i18n::Lang;
use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions, Part};

use crate::golden::golden_store;
use crate::support::{now, tempdir};

/// One structure element as read back: its type, alternative text, language and children.
#[derive(Debug, Clone)]
struct Elem {
    role: String,
    alt: Option<String>,
    #[allow(dead_code)]
    lang: Option<String>,
    kids: Vec<Elem>,
    /// MCIDs and annotation references straight under it.
    contents: usize,
    annots: usize,
    scope: Option<String>,
}

fn text(o: &Object) -> String {
    match o {
        Object::String(b, _) if b.starts_with(&[0xFE, 0xFF]) => {
            let units: Vec<u16> = b[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
            String::from_utf16_lossy(&units)
        }
        Object::String(b, _) => String::from_utf8_lossy(b).into_owned(),
        _ => String::new(),
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap(),
        other => other,
    }
}

fn read_elem(doc: &Document, d: &Dictionary) -> Elem {
    let role = String::from_utf8_lossy(d.get(b"S").unwrap().as_name().unwrap()).into_owned();
    let mut e = Elem {
        role,
        alt: d.get(b"Alt").ok().map(text),
        lang: d.get(b"Lang").ok().map(text),
        kids: Vec::new(),
        contents: 0,
        annots: 0,
        scope: None,
    };
    if let Ok(a) = d.get(b"A") {
        if let Ok(a) = deref(doc, a).as_dict() {
            e.scope = a.get(b"Scope").ok().and_then(|s| s.as_name().ok()).map(|s| String::from_utf8_lossy(s).into_owned());
        }
    }
    let kids = match d.get(b"K").map(|k| deref(doc, k)) {
        Ok(Object::Array(a)) => a.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    };
    for k in kids {
        match deref(doc, &k) {
            Object::Integer(_) => e.contents += 1,
            Object::Dictionary(kd) => match kd.get(b"Type").and_then(|t| t.as_name()) {
                Ok(b"MCR") => e.contents += 1,
                Ok(b"OBJR") => e.annots += 1,
                _ => e.kids.push(read_elem(doc, kd)),
            },
            _ => {}
        }
    }
    e
}

/// The document's structure tree from its root element.
fn tree(doc: &Document) -> Elem {
    let cat = doc.catalog().unwrap();
    let root = deref(doc, cat.get(b"StructTreeRoot").expect("a structure tree")).as_dict().unwrap();
    let k = match deref(doc, root.get(b"K").unwrap()) {
        Object::Array(a) => a[0].clone(),
        other => other.clone(),
    };
    read_elem(doc, deref(doc, &k).as_dict().unwrap())
}

fn walk<'a>(e: &'a Elem, out: &mut Vec<&'a Elem>) {
    out.push(e);
    for k in &e.kids {
        walk(k, out);
    }
}

const ACCOUNT: &str = "### Pupils lead the welcome\n\nOur **welcome assembly** opened the year; see E1 and [Refugee Week](https://refugeeweek.org.uk/about).\n\n- Ambassadors meet new families\n- They run a **buddy** rota\n  - Year 5 in the autumn\n  - Year 6 in the spring\n\n1. Plan the assembly\n2. Invite the families";

fn export(dir: &Path, language: Lang, part: Part, name: &str) -> Document {
    let mut store = golden_store(dir);
    // An account with a sub-heading, a web link and nested bulleted and numbered lists.
    let fw = sanctuary::school::framework(&store).unwrap();
    sanctuary::audit::set_narrative(&mut store, &fw, "learner-voice", ACCOUNT, now()).unwrap();
    let out = dir.join(name);
    let mut opts = ExportOptions::new(out.clone(), now());
    opts.language = language;
    opts.part = part;
    portfolio::export(&store, &opts, &Job::silent()).unwrap();
    if let Ok(keep) = std::env::var("SANCTUARY_KEEP_PDF") {
        std::fs::copy(&out, Path::new(&keep).join(name)).unwrap();
    }
    Document::load(&out).unwrap()
}

/// Heading levels in reading order start at 1 and never go more than one level deeper at once.
fn assert_no_skipped_level(all: &[&Elem]) {
    let mut last = 0;
    for e in all {
        if let Some(n) = e.role.strip_prefix('H').and_then(|n| n.parse::<u32>().ok()) {
            assert!(n <= last + 1, "a heading level is skipped: H{n} after H{last}");
            last = n;
        }
    }
    assert!(last > 0, "no headings");
}

#[test]
fn the_portfolio_is_tagged_with_headings_figures_lists_and_tables() {
    let dir = tempdir();
    let doc = export(dir.path(), Lang::En, Part::All, "portfolio.pdf");
    let cat = doc.catalog().unwrap();
    assert_eq!(text(cat.get(b"Lang").unwrap()), "en-GB");
    let mark = deref(&doc, cat.get(b"MarkInfo").unwrap()).as_dict().unwrap();
    assert_eq!(mark.get(b"Marked").unwrap(), &Object::Boolean(true));
    let root = tree(&doc);
    assert_eq!(root.role, "Document");
    let mut all = Vec::new();
    walk(&root, &mut all);
    assert_no_skipped_level(&all);
    let count = |role: &str| all.iter().filter(|e| e.role == role).count();
    // The demo framework's criteria are third-level headings, under the strands (second level).
    let criteria = criterion_bookmarks(&doc);
    assert!(criteria > 0);
    assert!(count("H3") >= criteria, "{} H3 for {criteria} criteria", count("H3"));
    // Figures: the demo's photos, the link's QR code and the charts of the reading copies, each
    // described.
    let figures: Vec<&&Elem> = all.iter().filter(|e| e.role == "Figure").collect();
    assert!(figures.len() >= 3, "{} figures", figures.len());
    for f in &figures {
        assert!(f.alt.as_deref().is_some_and(|a| !a.trim().is_empty()), "a figure without alternative text");
    }
    assert!(figures.iter().any(|f| f.alt.as_deref().unwrap().contains("QR")));
    // Lists are L > LI > Lbl, LBody.
    assert!(count("L") > 0, "no lists");
    for l in all.iter().filter(|e| e.role == "L") {
        assert!(!l.kids.is_empty() && l.kids.iter().all(|k| k.role == "LI"), "{:?}", l.kids.iter().map(|k| &k.role).collect::<Vec<_>>());
        for li in &l.kids {
            let roles: Vec<&str> = li.kids.iter().map(|k| k.role.as_str()).collect();
            assert_eq!(roles, ["Lbl", "LBody"]);
        }
    }
    // Tables have header cells with a scope.
    for t in all.iter().filter(|e| e.role == "Table") {
        let mut cells = Vec::new();
        walk(t, &mut cells);
        let th: Vec<&&Elem> = cells.iter().filter(|e| e.role == "TH").collect();
        assert!(!th.is_empty(), "a table without header cells");
        assert!(th.iter().all(|h| h.scope.is_some()));
        // Every row has the table's number of cells, empty ones included (UA-1 table regularity).
        let widths: Vec<usize> = cells.iter().filter(|e| e.role == "TR").map(|r| r.kids.len()).collect();
        assert!(widths.windows(2).all(|w| w[0] == w[1]), "rows of {widths:?} cells");
    }
    assert!(count("Table") > 0);
    // Links hold their annotations, and each annotation says what it opens.
    let links: Vec<&&Elem> = all.iter().filter(|e| e.role == "Link").collect();
    assert!(!links.is_empty() && links.iter().all(|l| l.annots > 0));
    for (_, page) in doc.get_pages() {
        let d = doc.get_dictionary(page).unwrap();
        if let Ok(Object::Array(annots)) = d.get(b"Annots") {
            if d.get(b"StructParents").is_err() {
                continue; // an appended document's page
            }
            for a in annots {
                let a = deref(&doc, a).as_dict().unwrap();
                if a.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Link") {
                    assert!(a.get(b"StructParent").is_ok(), "a link outside the structure tree");
                    assert!(!text(a.get(b"Contents").unwrap()).is_empty());
                }
            }
        }
    }
    assert_all_marked(&doc);
}

/// How many criterion bookmarks there are: the children of the strands' bookmarks (Learn, Embed,
/// Share sit at the top of the whole portfolio's outline).
fn criterion_bookmarks(doc: &Document) -> usize {
    let kids = |d: &Dictionary| -> Vec<Dictionary> {
        let mut out = Vec::new();
        let mut next = d.get(b"First").ok().cloned();
        while let Some(Object::Reference(id)) = next {
            let item = doc.get_dictionary(id).unwrap().clone();
            next = item.get(b"Next").ok().cloned();
            out.push(item);
        }
        out
    };
    let outlines = deref(doc, doc.catalog().unwrap().get(b"Outlines").unwrap()).as_dict().unwrap().clone();
    kids(&outlines)
        .iter()
        .filter(|i| ["Learn", "Embed", "Share"].contains(&text(i.get(b"Title").unwrap()).as_str()))
        .map(|strand| kids(strand).len())
        .sum()
}

/// Operators that put marks on the page.
const PAINTING: &[&str] = &["Tj", "TJ", "'", "\"", "Do", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "BI"];

/// Every painting operator on our pages (those in the structure tree) is inside marked content
/// or an artifact, and marked content is balanced.
fn assert_all_marked(doc: &Document) {
    let mut pages = 0;
    for (n, page) in doc.get_pages() {
        let d = doc.get_dictionary(page).unwrap();
        if d.get(b"StructParents").is_err() {
            continue;
        }
        pages += 1;
        let content = Content::decode(&doc.get_page_content(page)).unwrap();
        let mut depth = 0i32;
        let mut by_op: BTreeMap<String, usize> = BTreeMap::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" | "BMC" => depth += 1,
                "EMC" => depth -= 1,
                o if PAINTING.contains(&o) && depth == 0 => *by_op.entry(o.to_string()).or_default() += 1,
                _ => {}
            }
            assert!(depth >= 0, "page {n}: EMC without its BDC");
        }
        assert_eq!(depth, 0, "page {n}: marked content left open");
        assert!(by_op.is_empty(), "page {n}: unmarked content {by_op:?}");
    }
    assert!(pages > 0);
}

#[test]
fn the_welsh_application_says_cy_and_is_fully_marked() {
    let dir = tempdir();
    let doc = export(dir.path(), Lang::Cy, Part::Application, "cais.pdf");
    assert_eq!(text(doc.catalog().unwrap().get(b"Lang").unwrap()), "cy");
    let root = tree(&doc);
    let mut all = Vec::new();
    walk(&root, &mut all);
    assert_no_skipped_level(&all);
    assert!(all.iter().any(|e| e.role == "H3"));
    assert_all_marked(&doc);
}

#[test]
fn the_evidence_pack_tags_each_exhibit_as_a_section_with_its_quote() {
    let dir = tempdir();
    let doc = export(dir.path(), Lang::En, Part::Evidence, "evidence.pdf");
    let root = tree(&doc);
    let mut all = Vec::new();
    walk(&root, &mut all);
    assert_no_skipped_level(&all);
    let sects = all.iter().filter(|e| e.role == "Sect").count();
    assert!(sects >= 5, "{sects} sections");
    let quotes: Vec<&&Elem> = all.iter().filter(|e| e.role == "BlockQuote").collect();
    assert!(!quotes.is_empty());
    assert!(quotes.iter().all(|q| q.kids.iter().any(|k| k.role == "P")));
    assert_all_marked(&doc);
}

/// A quote in another script carries its own language, and a photo's figure speaks the
/// coordinator's description: what `portfolio::alt` says is what the structure tree holds.
#[test]
fn quotes_carry_their_language_and_photos_the_coordinators_description() {
    let dir = tempdir();
    let mut store = golden_store(dir.path());
    let fw = sanctuary::school::framework(&store).unwrap();
    let key = fw.criteria[0].key.clone();
    sanctuary::evidence::add_quote(&mut store, "شكرا لكم على الترحيب الحار بعائلتنا", "A parent", &[key.clone()], now()).unwrap();
    sanctuary::evidence::add_quote(&mut store, "Дякуємо школі за її підтримку", "A pupil", &[key], now()).unwrap();
    let mut photo = sanctuary::evidence::list(&store, &Default::default()).unwrap().into_iter().find(|x| x.kind == sanctuary::evidence::EvidenceKind::Photo).expect("the golden store has a photo");
    photo.alt_text = "Pupils painting a welcome banner in the hall".into();
    sanctuary::evidence::update(&mut store, &photo, now()).unwrap();
    let out = dir.path().join("langs.pdf");
    let mut opts = ExportOptions::new(out.clone(), now());
    opts.part = Part::Evidence;
    portfolio::export(&store, &opts, &Job::silent()).unwrap();
    let doc = Document::load(&out).unwrap();
    let root = tree(&doc);
    let mut all = Vec::new();
    walk(&root, &mut all);
    // The language may sit on the quotation or on its words; either way a reader switches voice.
    let lang_under = |q: &Elem| {
        let mut inner = Vec::new();
        walk(q, &mut inner);
        inner.iter().filter_map(|e| e.lang.clone()).collect::<Vec<_>>()
    };
    let langs: Vec<String> = all.iter().filter(|e| e.role == "BlockQuote").flat_map(|q| lang_under(q)).collect();
    assert!(langs.iter().any(|l| l == "ar"), "an Arabic quote says ar: {langs:?}");
    assert!(langs.iter().any(|l| l == "uk"), "a Ukrainian quote says uk: {langs:?}");
    let alts: Vec<String> = all.iter().filter(|e| e.role == "Figure").filter_map(|e| e.alt.clone()).collect();
    assert!(alts.iter().any(|a| a.contains("Pupils painting a welcome banner in the hall")), "{alts:?}");
}
