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

    /// A file's size as people read it: "2.4 MB", "12 KB", "300 bytes".
    pub fn size(self, bytes: i64) -> String {
        let b = bytes as f64;
        if b >= 1_048_576.0 {
            format!("{:.1} MB", b / 1_048_576.0)
        } else if b >= 1024.0 {
            format!("{:.0} KB", b / 1024.0)
        } else {
            self.f("text.bytes", &[("n", &bytes)])
        }
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

impl Lang {
    /// Items joined as a sentence would: "Learn, Embed and Share", "Dysgu, Ymgorffori a Rhannu".
    pub fn list(self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => {
                let and = match self {
                    Lang::En => "and",
                    // Welsh says "ac" before a vowel.
                    Lang::Cy if starts_with_welsh_vowel(last) => "ac",
                    Lang::Cy => "a",
                };
                format!("{} {and} {last}", rest.join(", "))
            }
        }
    }

    /// The text for `key` in the framework's words (`{org}`, `{learners}`, … filled from `words`).
    pub fn v(self, key: &str, words: &Vocabulary) -> String {
        self.vf(key, words, &[])
    }

    /// [`v`](Self::v) with more `{name}` values.
    pub fn vf(self, key: &str, words: &Vocabulary, args: &[(&str, &dyn fmt::Display)]) -> String {
        words.fill(&self.f(key, args))
    }
}

/// The words an award uses for itself and its people, which the fixed texts leave open as
/// placeholders: `{programme}` ("Schools of Sanctuary"), `{PROGRAMME}` (in capitals), `{award}`
/// ("School of Sanctuary"), `{org}`/`{Org}` ("school"/"School"), `{learners}`/`{Learners}`,
/// `{head}`/`{Head}`, `{the_org}` ("the school"), `{Our_org}` ("Our school") and `{strands}`
/// ("Learn, Embed and Share"). A framework supplies them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Vocabulary {
    /// The language the words are in, for `{the_org}` and `{Our_org}`, whose Welsh forms change
    /// with the noun's first letter ("yr ysgol", "y coleg"; "Ein hysgol", "Ein coleg").
    pub lang: Lang,
    pub programme: String,
    pub award: String,
    pub organisation: String,
    pub learners: String,
    pub head: String,
    pub strands: String,
    /// `{the_org}` as the framework writes it, when the rule below would get it wrong (Welsh
    /// mutates a feminine noun after the article: "y brifysgol"); empty to use the rule.
    pub the_org: String,
}

impl Vocabulary {
    /// `text` with every vocabulary placeholder filled.
    pub fn fill(&self, text: &str) -> String {
        let upper = |s: &str| -> String {
            let mut c = s.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
        };
        let org = &self.organisation;
        let (mut the_org, our_org) = match self.lang {
            Lang::En => (format!("the {org}"), format!("Our {org}")),
            Lang::Cy if starts_with_welsh_vowel(org) => (format!("yr {org}"), format!("Ein h{org}")),
            // "yr" before h as before a vowel: "yr heddlu".
            Lang::Cy => (format!("{} {org}", if org.starts_with('h') { "yr" } else { "y" }), format!("Ein {org}")),
        };
        if !self.the_org.is_empty() {
            the_org = self.the_org.clone();
        }
        fill(
            text,
            &[
                ("the_org", &the_org),
                ("Our_org", &our_org),
                ("programme", &self.programme),
                ("PROGRAMME", &self.programme.to_uppercase()),
                ("award", &self.award),
                ("org", &self.organisation),
                ("Org", &upper(&self.organisation)),
                ("learners", &self.learners),
                ("Learners", &upper(&self.learners)),
                ("head", &self.head),
                ("Head", &upper(&self.head)),
                ("strands", &self.strands),
            ],
        )
    }
}

impl FromStr for Lang {
    type Err = Error;

    /// Accepts `en`/`cy` and the fuller tags people may type (`en-GB`, `cy-GB`, `Cymraeg`, `Welsh`).
    fn from_str(s: &str) -> Result<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "en-gb" | "english" | "saesneg" => Ok(Lang::En),
            "cy" | "cy-gb" | "cymraeg" | "welsh" => Ok(Lang::Cy),
            other => Err(Error::rule(
                "language_unknown",
                [("value", other.into())],
                format!("unknown language `{other}`; choose `en` (English) or `cy` (Cymraeg, Welsh)"),
            )),
        }
    }
}

/// Whether `word` begins with a Welsh vowel (w and y are vowels in Welsh), which decides "ac" for
/// "a" and "yr" for "y" before it.
fn starts_with_welsh_vowel(word: &str) -> bool {
    word.chars().next().is_some_and(|c| "aeiouwyâêîôûŵŷ".contains(c.to_lowercase().next().unwrap_or(c)))
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
