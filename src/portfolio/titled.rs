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
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('E') {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let digits: String = from[1..].chars().take_while(|c| c.is_ascii_digit()).collect();
        let after = &from[1 + digits.len()..];
        let word_start = out.chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let word_end = after.chars().next().is_none_or(|c| !c.is_alphanumeric());
        let exhibit = digits
            .parse::<usize>()
            .ok()
            .filter(|_| word_start && word_end && !digits.starts_with('0'))
            .and_then(|n| exhibits.iter().find(|x| x.number == n));
        match exhibit {
            Some(x) => {
                let titled = titled_label(lang, x);
                let label = x.label();
                out.push_str(&titled);
                // "E3 (Title)" written by hand keeps its one title.
                rest = after.strip_prefix(&titled[label.len()..]).unwrap_or(after);
            }
            None => {
                out.push('E');
                rest = &from[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
