//! The fixed words of the exported documents (portfolio, visit brief) in English and Welsh.
//!
//! The texts live in `en.toml` and `cy.toml` beside this file so that a translator can edit them
//! without reading Rust. Both are compiled into the binary; a test checks they hold the same keys
//! and the same `{placeholders}`, so a missing Welsh text is caught before release, not in a PDF.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};

/// A language the documents can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Cy,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Cy];

    /// The short code used on the command line and by the window: `en` or `cy`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Cy => "cy",
        }
    }

    /// The BCP 47 tag written into the PDF, which screen readers use to pick a voice.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en-GB",
            Lang::Cy => "cy",
        }
    }

    /// The text for `key`. A key missing from Welsh falls back to English, and one missing from
    /// both shows the key itself, so a slip shows up as odd wording rather than a failed export.
    pub fn t(self, key: &str) -> &'static str {
        table(self)
            .get(key)
            .or_else(|| table(Lang::En).get(key))
            .map(String::as_str)
            .unwrap_or_else(|| leak_key(key))
    }

    /// The text for `key` with each `{name}` replaced by its value.
    pub fn f(self, key: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
        fill(self.t(key), args)
    }

    /// A date written out in full: "23 November 2026" or "23 Tachwedd 2026".
    pub fn long_date(self, d: NaiveDate) -> String {
        let month = self.t(&format!("month.{}", d.month()));
        format!("{} {month} {}", d.day(), d.year())
    }

    /// A date with a short month: "23 Nov 2026" or "23 Tach 2026".
    pub fn short_date(self, d: NaiveDate) -> String {
        let month = self.t(&format!("month_short.{}", d.month()));
        format!("{} {month} {}", d.day(), d.year())
    }
}

impl FromStr for Lang {
    type Err = Error;

    /// Accepts `en`/`cy` and the fuller tags people may type (`en-GB`, `cy-GB`, `Cymraeg`, `Welsh`).
    fn from_str(s: &str) -> Result<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "en-gb" | "english" | "saesneg" => Ok(Lang::En),
            "cy" | "cy-gb" | "cymraeg" | "welsh" => Ok(Lang::Cy),
            other => Err(Error::Invalid(format!(
                "unknown language `{other}`; choose `en` (English) or `cy` (Cymraeg, Welsh)"
            ))),
        }
    }
}

/// Replaces each `{name}` in `template` with its value; unknown placeholders stay as written.
pub fn fill(template: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

/// The raw text of a language's table, for tests that compare the two.
pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("en.toml"),
        Lang::Cy => include_str!("cy.toml"),
    }
}

/// A language's texts with keys flattened to `section.key`.
pub fn table(lang: Lang) -> &'static BTreeMap<String, String> {
    static TABLES: [OnceLock<BTreeMap<String, String>>; 2] = [OnceLock::new(), OnceLock::new()];
    let slot = &TABLES[lang as usize];
    slot.get_or_init(|| parse(source(lang)).expect("the built-in language tables are valid TOML (tested)"))
}

/// Reads a table: top-level strings and one level of `[section]`s, flattened to `section.key`.
pub fn parse(text: &str) -> std::result::Result<BTreeMap<String, String>, String> {
    let value: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut out = BTreeMap::new();
    for (key, v) in value {
        match v {
            toml::Value::String(s) => {
                out.insert(key, s);
            }
            toml::Value::Table(section) => {
                for (sub, v) in section {
                    let s = v.as_str().ok_or_else(|| format!("`{key}.{sub}` is not a string"))?;
                    out.insert(format!("{key}.{sub}"), s.to_string());
                }
            }
            _ => return Err(format!("`{key}` is not a string or a section")),
        }
    }
    Ok(out)
}

/// Keys are few and fixed, so the rare missing one is kept for the life of the program.
fn leak_key(key: &str) -> &'static str {
    Box::leak(key.to_string().into_boxed_str())
}

/// The setting that holds the chosen language, for the window and the exported documents.
const SETTING: &str = "language";

/// The language chosen for this school's data folder (English until one is chosen).
pub fn saved(store: &crate::store::Store) -> Result<Lang> {
    Ok(store.setting(SETTING)?.and_then(|v| v.parse().ok()).unwrap_or_default())
}

/// Chooses the language; an unknown code is refused with the choices.
pub fn save(store: &mut crate::store::Store, code: &str) -> Result<Lang> {
    let lang: Lang = code.parse()?;
    store.write(|tx| crate::store::Store::put_setting(tx, SETTING, lang.code()))?;
    Ok(lang)
}
