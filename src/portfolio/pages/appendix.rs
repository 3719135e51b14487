//! The evidence appendix: each exhibit's heading and details, then its photo (all pages of a scan),
//! the note that a merged PDF or a reading copy follows, its quote, or its file name; and the
//! warnings for photos that print too soft.

use super::labels::{named, numbers, round_kind};
use super::style::{body, h2, small};
use super::super::alt::Alt;
use super::{section, Copies, Data, DocumentPages, Exhibit, Photos};
use crate::evidence::EvidenceKind;
use crate::i18n::Lang;
use crate::pdf::{Layout, Photo, Role, Style, Tag, MARGIN_X};

/// Tallest a photo is drawn, so that two or three fit on a page with their captions.
const PHOTO_MAX_H: f32 = 250.0;
/// Below this resolution at printed size the report warns.
const MIN_PPI: f32 = 150.0;

/// "Photograph", "Words of pupils, parents or staff" (in the framework's words).
fn kind_label(lang: Lang, words: &crate::i18n::Vocabulary, kind: &str) -> String {
    words.fill(&named(lang, "kind", kind).unwrap_or_else(|| round_kind(lang, kind)))
}

pub(super) fn appendix(l: &mut Layout, data: &Data, photos: &mut Photos, documents: &DocumentPages, copies: &mut Copies, warnings: &mut Vec<String>) {
    let mut low = Vec::new();
    appendix_pages(l, data, photos, documents, copies, &mut low);
    // A few soft photos are named one by one; many (a tight size budget) become one line, since a
    // list of hundreds would bury every other warning.
    if low.len() <= 5 {
        warnings.extend(low.into_iter().map(|(_, w)| w));
    } else {
        let first: Vec<String> = low.iter().take(3).map(|(label, _)| label.clone()).collect();
        warnings.push(data.lang.f(
            "warning.low_ppi_many",
            &[
                ("count", &low.len()),
                ("min", &format!("{MIN_PPI:.0}")),
                ("first", &first.join(", ")),
                ("more", &(low.len() - first.len())),
            ],
        ));
    }
}

/// The appendix itself; `low` collects (label, warning) for photos printing below `MIN_PPI`.
pub(super) fn appendix_pages(
    l: &mut Layout,
    data: &Data,
    photos: &mut Photos,
    documents: &DocumentPages,
    copies: &mut Copies,
    low: &mut Vec<(String, String)>,
) {
    let lang = data.lang;
    section(l, lang.t("section.appendix"), "appendix");
    if data.exhibits.is_empty() {
        l.paragraph(lang.t("text.no_evidence"), small(), 0.0);
        return;
    }
    l.paragraph(lang.t("text.appendix_intro"), small(), 0.0);
    for x in &data.exhibits {
        // Each exhibit is a section of its own in the structure tree.
        l.tag(Role::Sect, |l| exhibit(l, data, x, photos, documents, copies, low));
    }
}

/// One exhibit's entry: heading, what it is, caption, then the photo, document, copy or quote.
fn exhibit(
    l: &mut Layout,
    data: &Data,
    x: &Exhibit,
    photos: &mut Photos,
    documents: &DocumentPages,
    copies: &mut Copies,
    low: &mut Vec<(String, String)>,
) {
    let lang = data.lang;
    {
        l.gap(12.0);
        // A photo stays on the page of its heading, caption and all.
        let keep = match photos.get(&(x.number, 1)) {
            Some(p) => photo_box(l, p).1 + 40.0 + if x.caption.is_empty() { 0.0 } else { 16.0 },
            None => 46.0,
        } + if x.kind == EvidenceKind::Link { super::super::link::BLOCK_HEIGHT } else { 0.0 };
        let heading = format!("{}  {}", x.label(), x.title);
        l.heading(2, &heading, h2(), keep, Some(&super::exhibit_anchor(x)));
        if x.kind == EvidenceKind::Link {
            super::super::link::link_heading(l, &heading, h2(), &x.url);
        }
        let mut meta = vec![kind_label(lang, &data.words, x.kind.as_str())];
        if let Some(d) = x.date {
            meta.push(lang.long_date(d));
        }
        if !x.criteria.is_empty() {
            let key = if x.criteria.len() == 1 { "text.criterion_one" } else { "text.criterion_many" };
            meta.push(lang.f(key, &[("list", &numbers(data, &x.criteria))]));
        }
        l.paragraph(&meta.join(" · "), small(), 0.0);
        if !x.caption.trim().is_empty() {
            l.gap(2.0);
            l.paragraph(&x.caption, body(), 0.0);
        }
        if x.kind == EvidenceKind::Link {
            super::super::link::address(l, lang, &x.url);
        }
        if let Some(photo) = photos.remove(&(x.number, 1)) {
            // What a screen reader says for it: the coordinator's description, else its caption or
            // title, after what it is, its number and criteria, in the language its words are in.
            let alt = super::super::alt::for_exhibit(x, data);
            place_photo(l, lang, x, photo, low, &alt);
            // The further pages of a multi-page scan follow its first.
            for page in 2..=x.page_count.unwrap_or(1) {
                if let Some(p) = photos.remove(&(x.number, page)) {
                    place_photo(l, lang, x, p, low, &alt);
                }
            }
        } else if let Some(n) = documents.get(&x.number) {
            let size = x.size.map(|b| lang.size(b)).unwrap_or_default();
            let text = if *n == 1 {
                lang.f("text.one_page_follows", &[("file", &x.original_name), ("size", &size)])
            } else {
                lang.f("text.pages_follow", &[("file", &x.original_name), ("size", &size), ("n", n)])
            };
            l.gap(2.0);
            l.paragraph(&text, small(), 0.0);
        } else if copies.place(l, lang, x.number, &x.label(), &x.original_name) {
            // A Word, PowerPoint or OpenDocument file: its reading copy follows from a new page.
        } else if x.kind == EvidenceKind::Quote || !x.quote.trim().is_empty() {
            l.gap(6.0);
            l.quote(&x.quote, &x.attribution, Style::new(12.5), super::super::alt::quote_lang(x));
        } else if !x.original_name.is_empty() || x.size.is_some() {
            let size = x.size.map(|b| lang.size(b)).unwrap_or_default();
            let text = if size.is_empty() {
                lang.f("text.file", &[("file", &x.original_name)])
            } else {
                lang.f("text.file_size", &[("file", &x.original_name), ("size", &size)])
            };
            l.gap(2.0);
            l.paragraph(&text, small(), 0.0);
        }
    }
}

/// The printed size of a photo (points) and its resolution there (ppi): as large as fits, one
/// scale for both sides, never enlarged below 100 ppi.
fn photo_box(l: &Layout, photo: &Photo) -> (f32, f32, f32) {
    let (pw, ph) = photo.upright_size();
    let (pw, ph) = (pw.max(1) as f32, ph.max(1) as f32);
    let scale = (l.text_width() / pw).min(PHOTO_MAX_H / ph).min(72.0 / 100.0);
    (pw * scale, ph * scale, 72.0 / scale)
}

/// Places a photo at the cursor, as large as fits (never stretched: one scale for both sides) but
/// not enlarged below 100 ppi; warns when it prints under 150 ppi.
fn place_photo(l: &mut Layout, lang: Lang, x: &Exhibit, photo: Photo, low: &mut Vec<(String, String)>, alt: &Alt) {
    let (w, h, ppi) = photo_box(l, &photo);
    if ppi < MIN_PPI {
        low.push((x.label(), lang.f(
            "warning.low_ppi",
            &[
                ("exhibit", &x.label()),
                ("title", &x.title),
                ("ppi", &format!("{ppi:.0}")),
                ("min", &format!("{MIN_PPI:.0}")),
            ],
        )));
    }
    l.gap(6.0);
    l.ensure(h + 4.0);
    let y = l.y() - h;
    l.tag(Tag::figure(alt.text.clone()).lang(alt.lang.clone()), |l| l.photo(photo, MARGIN_X, y, w, h));
    l.set_y(y);
    l.gap(4.0);
}
