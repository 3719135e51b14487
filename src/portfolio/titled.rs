//! Exhibit references that name their exhibit: "E3 (Refugee Week assembly)" where the whole
//! portfolio says "E3". The application alone travels without its appendix, so a bare number
//! would point at nothing the reader holds; the number stays, so it still matches the evidence pack.

use crate::evidence::Exhibit;
use crate::i18n::Lang;

/// `label` ("E3") with its exhibit's title, in the export's language.
pub(crate) fn titled_label(lang: Lang, x: &Exhibit) -> String {
    lang.f("part.titled_exhibit", &[("exhibit", &x.label()), ("title", &x.title)])
}

/// `text` (already showing this export's labels) with each whole-word "E<n>" that numbers an
/// exhibit followed by that exhibit's title; one the writer already titled is left as it is.
/// Words follow the rule the stored references use ("E3," and "(E3)" count, "E3b" and "LE3" do not).
pub(crate) fn with_titles(lang: Lang, text: &str, exhibits: &[Exhibit]) -> String {
    crate::references::replace_exhibit_words(text, |n, after| {
        let x = exhibits.iter().find(|x| x.number == n)?;
        let titled = titled_label(lang, x);
        // "E3 (Title)" written by hand keeps its one title.
        let title_part = &titled[x.label().len()..];
        let skip = if after.starts_with(title_part) { title_part.len() } else { 0 };
        Some((titled, skip))
    })
}
