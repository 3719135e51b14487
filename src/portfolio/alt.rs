//! Alternative text and languages for the accessible PDF: the words a screen reader speaks for each
//! picture the portfolio prints (photos, scans, QR codes, charts, drawn diagrams), and the language
//! tag of each quote, caption or account. The PDF's structure tree (`pdf`) calls these once per piece
//! and writes what they return; the Word file uses the same words for its pictures.
//!
//! A photo is described by the coordinator's own description when one is written, else by its
//! caption, else its title; before that come what it is, its exhibit number and its criteria
//! ("Photo, exhibit E12, criterion 3 (Embed): …"), and after it a note when faces or details are
//! hidden. Everything is worded in the export's language from the PDF's string tables (`[alt]` in
//! `i18n/en.toml` and `cy.toml`); the item's own words stay as written.
//!
//! Not for: writing the tags (see `pdf`), storing the descriptions (see `evidence`), nor telling a
//! language from its script (see `richtext::lang`, whose [`lang_of`] is re-exported here).

use super::data::Data;
use crate::evidence::Exhibit;
use crate::framework::Framework;
use crate::i18n::Lang;
use crate::office::{Chart, ChartKind};

pub use crate::richtext::lang::lang_of;

/// What a screen reader is given for one piece: its text, and its language when it is not the
/// document's own.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Alt {
    pub text: String,
    /// A BCP 47 tag; None when the text is in the document's language.
    pub lang: Option<String>,
}

/// The alternative text of exhibit `x`'s picture (a photo, a scan's page, a link's screenshot) as
/// the export `data` words it.
pub(crate) fn for_exhibit(x: &Exhibit, data: &Data) -> Alt {
    describe(x, &data.framework, data.lang)
}

/// [`for_exhibit`] for any caller: `fw` already in `lang`'s wording (`Framework::localized`).
///
/// The description is the coordinator's own (`alt_text`) when written, else the caption, else the
/// title; its language is what its writing names (see `richtext::lang`), else the document's. The
/// lead-in ("Photo, exhibit E3, criterion 4 (Embed)") is in `lang`; when the description is in
/// another script the whole text takes that language, since most of what is read aloud is in it.
pub fn describe(x: &Exhibit, fw: &Framework, lang: Lang) -> Alt {
    let description = [&x.alt_text, &x.caption, &x.title]
        .into_iter()
        .map(|t| t.trim())
        .find(|t| !t.is_empty())
        .unwrap_or_default()
        .to_string();
    let what = if x.kind == crate::evidence::EvidenceKind::Photo { lang.t("alt.photo") } else { lang.t("alt.picture") };
    let mut text = lang.f("alt.exhibit", &[("what", &what), ("exhibit", &x.label())]);
    text.push_str(&criteria(x, fw, lang));
    if !description.is_empty() {
        text.push_str(": ");
        text.push_str(&description);
    }
    if !text.ends_with(['.', '!', '?', '…']) {
        text.push('.');
    }
    if x.hidden_areas > 0 {
        text.push(' ');
        text.push_str(lang.t("alt.faces_hidden"));
    }
    Alt { lang: lang_of(&description, None), text }
}

/// ", criterion 3 (Embed)" or ", criteria 1 (Learn) and 4 (Embed)"; empty without criteria.
fn criteria(x: &Exhibit, fw: &Framework, lang: Lang) -> String {
    let named: Vec<String> = x
        .criteria
        .iter()
        .map(|k| match fw.criterion(k) {
            Some(c) => match fw.strand(&c.strand) {
                Some(s) => format!("{} ({})", c.number, s.name),
                None => c.number.to_string(),
            },
            None => k.clone(),
        })
        .collect();
    match named.len() {
        0 => String::new(),
        1 => lang.f("alt.criterion_one", &[("list", &named[0])]),
        _ => lang.f("alt.criterion_many", &[("list", &lang.list(&named))]),
    }
}

/// The alternative text of the QR code that opens `url`.
pub fn for_qr(url: &str, lang: Lang) -> Alt {
    Alt { text: lang.f("alt.qr", &[("url", &url)]), lang: None }
}

/// The alternative text of a chart in a reading copy: its one-sentence description, which holds
/// its data (`Chart::text_alternative`), with its kind named in `lang`. Its language is the one its
/// own words (title, names) are written in when their script names one.
pub fn for_chart(chart: &Chart, lang: Lang) -> Alt {
    let key = match chart.kind {
        ChartKind::Column => "alt.chart_column",
        ChartKind::Bar => "alt.chart_bar",
        ChartKind::Line => "alt.chart_line",
        ChartKind::Area => "alt.chart_area",
        ChartKind::Pie => "alt.chart_pie",
        ChartKind::Doughnut => "alt.chart_doughnut",
        ChartKind::Other(_) => "alt.chart",
    };
    let text = chart.text_alternative_as(lang.t(key));
    Alt { lang: lang_of(&chart.text(), None), text }
}

/// The alternative text of a drawn diagram (SmartArt): its texts in reading order.
pub fn for_diagram(nodes: &[String], lang: Lang) -> Alt {
    let words: Vec<&str> = nodes.iter().map(|n| n.trim()).filter(|n| !n.is_empty()).collect();
    let joined = words.join("; ").replace('\n', ", ");
    Alt { text: lang.f("alt.diagram", &[("text", &joined)]), lang: lang_of(&joined, None) }
}

/// The language of exhibit `x`'s quote: the coordinator's choice, else what its writing names, else
/// None (the document's language).
pub fn quote_lang(x: &Exhibit) -> Option<String> {
    crate::richtext::lang::of_quote(&x.quote, &x.lang)
}
