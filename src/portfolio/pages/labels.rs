//! The words the pages print for stored values: dates, the school's name, joined contact details,
//! status, step and round codes in the export's language, criterion numbers.
//!
//! Not for: the fixed texts themselves (they live in `i18n`).

use chrono::NaiveDate;

use super::Data;
use crate::i18n::Lang;

pub(super) fn short_date(lang: Lang, d: Option<NaiveDate>) -> String {
    d.map(|d| lang.short_date(d)).unwrap_or_default()
}

/// The school's name, or a stand-in when it is still empty.
pub(super) fn school_name(data: &Data) -> String {
    if data.school.name.trim().is_empty() {
        data.lang.v("doc.our_school", &data.words)
    } else {
        data.school.name.clone()
    }
}

pub(super) fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The name of a known code (`section.code`) in `lang`; an unknown code is shown as written.
pub(super) fn named(lang: Lang, section: &str, code: &str) -> Option<String> {
    let key = format!("{section}.{code}");
    crate::i18n::table(Lang::En)
        .contains_key(&key)
        .then(|| lang.t(&key).to_string())
}

pub(super) fn status_label(lang: Lang, s: &str) -> String {
    named(lang, "status", s).unwrap_or_else(|| s.to_string())
}

/// A journey step's name in `lang`; a step this table does not know keeps its stored label.
pub(super) fn step_label(lang: Lang, key: &str, label: &str) -> String {
    named(lang, "step", key).unwrap_or_else(|| label.to_string())
}

/// Criterion keys as their numbers: "3, 7".
pub(super) fn numbers(data: &Data, keys: &[String]) -> String {
    keys.iter()
        .map(|k| {
            data.framework
                .criterion(k)
                .map(|c| c.number.to_string())
                .unwrap_or_else(|| k.clone())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn round_kind(lang: Lang, kind: &str) -> String {
    let kind = if kind == "appraisal" { "panel_appraisal" } else { kind };
    match named(lang, "round", kind) {
        Some(name) => name,
        None => {
            let other = kind;
            let t = other.replace('_', " ");
            let mut c = t.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
    }
}
