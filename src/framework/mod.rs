//! Award frameworks as data: strands, criteria, wording versions and the audit scale.
//!
//! The Schools of Sanctuary frameworks ship inside the binary as TOML; others (a local lead's variant,
//! universities, colleges, Ireland's Learn / Action / Share) can be imported from the same format.
//! Criterion keys are stable across wordings, so every answer is stored against a key, never a number.
//!
//! # The framework file format (`sanctuary framework import FILE`)
//!
//! TOML or JSON (a file whose first non-blank character is `{` is read as JSON), UTF-8. Fields:
//!
//! | field | required | meaning |
//! |---|---|---|
//! | `id` | yes | letters, digits, `-`, `_`; unique; importing the same id again replaces it; built-in ids (`sos-2024`, `sos-pre2024`) are refused |
//! | `name` | yes | the programme, e.g. "Colleges of Sanctuary" |
//! | `wording` | yes | which version of the wording, e.g. "2025 local lead edition" |
//! | `stream` | no (`schools`) | schools, universities, colleges, … (free text); a `schools` framework's head title follows the nation |
//! | `award` | yes | the award an organisation receives, e.g. "College of Sanctuary" |
//! | `organisation` | yes | what a member is called, lower case: school, college, university, library, service |
//! | `learners` | yes | what its learners or users are called, plural, lower case: pupils, students, readers |
//! | `head` | yes | the title of the person who leads it, lower case: headteacher, principal, vice-chancellor |
//! | `page_limit` | yes | the most pages the application may take, or `"none"` |
//! | `pledge` | yes | the key of the criterion met by signing the public pledge, or `"none"` |
//! | `levels` | yes | 2 to 10 audit labels, lowest first; an audit answer stores the index |
//! | `award_levels` | no | levels of the award an organisation may apply for, lowest first (e.g. Member, Champion) |
//! | `nations` | no (the four UK nations) | which of England, Wales, Scotland, Northern Ireland, Ireland its members are in |
//! | `strands` | yes, 1+ | each `key` (unique), `name`, optional `summary` |
//! | `criteria` | yes, 1+ | each `key` (unique, stable across wordings), `number` (1+, unique; how people refer to it), `strand` (a strand key), `title`, optional `summary` |
//! | Welsh (all optional) | no | `name_cy`, `wording_cy`, `award_cy`, `organisation_cy`, `the_organisation_cy` ("y brifysgol": the organisation after the article, where Welsh mutates it), `learners_cy`, `head_cy`, `levels_cy` and `award_levels_cy` (as many as the English); strands `name_cy`, `summary_cy`; criteria `title_cy`, `summary_cy`. Used when the interface or export is in Welsh; an empty one falls back to English |
//!
//! Unknown fields are refused (a typo would otherwise be silently ignored), and so is a file whose
//! vocabulary is incomplete, naming the missing field. Every problem is reported with the file name
//! and line. Answers (audit, narrative, actions, evidence tags) are keyed by criterion `key`: give a
//! reworded criterion the same key as before and its answers carry over. `sanctuary framework show ID`
//! prints any framework in this format, to start a new one from.
//!
//! ```toml
//! id = "colleges-2025"
//! name = "Colleges of Sanctuary"
//! wording = "2025"
//! stream = "colleges"
//! award = "College of Sanctuary"
//! organisation = "college"
//! learners = "students"
//! head = "principal"
//! page_limit = 10
//! pledge = "col-pledge"
//! levels = ["Not started", "Developing", "Established", "Fully in place"]
//!
//! [[strands]]
//! key = "learn"
//! name = "Learn"
//!
//! [[criteria]]
//! key = "col-pledge"
//! number = 1
//! strand = "learn"
//! title = "The college signs the pledge"
//! summary = "Optional one-line summary in your own words."
//! ```
//!
//! The same in JSON: `{"id": "colleges-2025", "name": …, "award": …, "page_limit": 10, "levels": [...],
//! "strands": [{"key": "learn", "name": "Learn"}], "criteria": [{"key": …, "number": 1, "strand": "learn",
//! "title": …}]}`.

mod imported;
mod locate;
mod text;

pub use imported::{available, import, import_file, list, show, Listed};
pub use text::MAX_FILE_BYTES;
pub use text::{from_json, from_toml, parse, to_toml};

use locate::Seg;
use text::page_limit;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The built-in frameworks, newest wording first.
const BUILTIN: &[(&str, &str)] = &[
    ("sos-2024.toml", include_str!("../frameworks/sos-2024.toml")),
    ("sos-pre2024.toml", include_str!("../frameworks/sos-pre2024.toml")),
];

/// The framework a new school starts with.
pub const DEFAULT_ID: &str = "sos-2024";

/// A set of criteria grouped in strands, with the scale used to judge each one, and the words the
/// award uses for itself and for the people in it (so nothing the app prints assumes a school).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Framework {
    pub id: String,
    /// The programme, e.g. "Schools of Sanctuary" or "Colleges of Sanctuary".
    pub name: String,
    pub wording: String,
    #[serde(default = "default_stream")]
    pub stream: String,
    /// The award an organisation receives, e.g. "School of Sanctuary".
    pub award: String,
    /// What a member organisation is called, in lower case: "school", "college", "library".
    pub organisation: String,
    /// What its learners or users are called, plural, lower case: "pupils", "students", "patients".
    pub learners: String,
    /// The title of the person who leads the organisation, lower case: "headteacher", "principal".
    /// For a schools framework the nation may say otherwise (see `nation`).
    pub head: String,
    /// The most pages the application may take; `None` (written `"none"`) when the award sets no limit.
    #[serde(with = "page_limit", alias = "page_limit")]
    #[ts(type = "number | \"none\"")]
    pub page_limit: Option<u32>,
    /// The key of the criterion met by signing the public pledge, or `"none"`.
    pub pledge: String,
    /// Labels of the self-judged audit scale, lowest first; an audit level is an index into it.
    pub levels: Vec<String>,
    /// Award levels an organisation may apply for, lowest first (e.g. Member, Champion); often none.
    #[serde(default, skip_serializing_if = "Vec::is_empty", alias = "award_levels")]
    pub award_levels: Vec<String>,
    /// The nations whose organisations work to it (e.g. `["Ireland"]`); empty means the four UK nations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nations: Vec<String>,
    pub strands: Vec<Strand>,
    pub criteria: Vec<Criterion>,
    /// Welsh names, each optional: an empty one falls back to the English above.
    #[serde(default, skip_serializing_if = "String::is_empty", alias = "name_cy")]
    pub name_cy: String,
    #[serde(default, skip_serializing_if = "String::is_empty", alias = "wording_cy")]
    pub wording_cy: String,
    #[serde(default, skip_serializing_if = "String::is_empty", alias = "award_cy")]
    pub award_cy: String,
    #[serde(default, skip_serializing_if = "String::is_empty", alias = "organisation_cy")]
    pub organisation_cy: String,
    /// "The organisation" in Welsh, where the rule (`y`, or `yr` before a vowel or h) is not enough:
    /// a feminine noun mutates after the article ("prifysgol" becomes "y brifysgol").
    #[serde(default, skip_serializing_if = "String::is_empty", alias = "the_organisation_cy")]
    pub the_organisation_cy: String,
    #[serde(default, skip_serializing_if = "String::is_empty", alias = "learners_cy")]
    pub learners_cy: String,
    #[serde(default, skip_serializing_if = "String::is_empty", alias = "head_cy")]
    pub head_cy: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty", alias = "levels_cy")]
    pub levels_cy: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", alias = "award_levels_cy")]
    pub award_levels_cy: Vec<String>,
}

fn default_stream() -> String {
    "schools".into()
}

/// A group of criteria, e.g. Learn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Strand {
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default, skip_serializing_if = "String::is_empty", alias = "name_cy")]
    pub name_cy: String,
    #[serde(default, skip_serializing_if = "String::is_empty", alias = "summary_cy")]
    pub summary_cy: String,
}

/// One criterion the school must show it meets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Criterion {
    pub key: String,
    pub number: u32,
    pub strand: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default, skip_serializing_if = "String::is_empty", alias = "title_cy")]
    pub title_cy: String,
    #[serde(default, skip_serializing_if = "String::is_empty", alias = "summary_cy")]
    pub summary_cy: String,
}

impl Framework {
    /// The strand with `key`.
    pub fn strand(&self, key: &str) -> Option<&Strand> {
        self.strands.iter().find(|s| s.key == key)
    }

    /// The criterion numbered `number` (as people refer to them: "criterion 3").
    pub fn criterion_by_number(&self, number: u32) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.number == number)
    }

    /// The criterion with `key`.
    pub fn criterion(&self, key: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.key == key)
    }

    /// Criteria of one strand, in number order.
    pub fn criteria_in<'a>(&'a self, strand: &'a str) -> impl Iterator<Item = &'a Criterion> + 'a {
        self.criteria.iter().filter(move |c| c.strand == strand)
    }

    /// The label of audit level `level`, clamped to the scale.
    pub fn level_label(&self, level: usize) -> &str {
        self.levels.get(level.min(self.levels.len().saturating_sub(1))).map(String::as_str).unwrap_or("")
    }

    /// The framework as read in `lang`: Welsh names replace English ones where the file gives them,
    /// so the pages and the window need not know which fields hold which language.
    pub fn localized(&self, lang: crate::i18n::Lang) -> Framework {
        if lang == crate::i18n::Lang::En {
            return self.clone();
        }
        let pick = |cy: &str, en: &str| if cy.trim().is_empty() { en.to_string() } else { cy.to_string() };
        let mut fw = self.clone();
        fw.name = pick(&self.name_cy, &self.name);
        fw.wording = pick(&self.wording_cy, &self.wording);
        fw.award = pick(&self.award_cy, &self.award);
        fw.organisation = pick(&self.organisation_cy, &self.organisation);
        fw.learners = pick(&self.learners_cy, &self.learners);
        fw.head = pick(&self.head_cy, &self.head);
        if self.levels_cy.len() == self.levels.len() {
            fw.levels = self.levels.iter().zip(&self.levels_cy).map(|(en, cy)| pick(cy, en)).collect();
        }
        if self.award_levels_cy.len() == self.award_levels.len() {
            fw.award_levels = self.award_levels.iter().zip(&self.award_levels_cy).map(|(en, cy)| pick(cy, en)).collect();
        }
        for s in &mut fw.strands {
            s.name = pick(&s.name_cy, &s.name);
            s.summary = pick(&s.summary_cy, &s.summary);
        }
        for c in &mut fw.criteria {
            c.title = pick(&c.title_cy, &c.title);
            c.summary = pick(&c.summary_cy, &c.summary);
        }
        fw
    }

    /// The framework's own words for the fixed texts of the window and the documents, in `lang`
    /// (`head` is the framework's; a schools framework's head may follow the nation, see `nation`).
    pub fn vocabulary(&self, lang: crate::i18n::Lang) -> crate::i18n::Vocabulary {
        let fw = self.localized(lang);
        let strands: Vec<String> = fw.strands.iter().map(|s| s.name.clone()).collect();
        crate::i18n::Vocabulary {
            lang,
            programme: fw.name,
            award: fw.award,
            organisation: fw.organisation,
            learners: fw.learners,
            head: fw.head,
            strands: lang.list(&strands),
            the_org: if lang == crate::i18n::Lang::Cy { self.the_organisation_cy.trim().to_string() } else { String::new() },
        }
    }

    /// The page limit of the application, if the award sets one.
    pub fn page_limit(&self) -> Option<usize> {
        self.page_limit.map(|n| n as usize)
    }

    /// The criterion met by signing the public pledge, if the framework has one.
    pub fn pledge_criterion(&self) -> Option<&Criterion> {
        self.criterion(&self.pledge)
    }

    /// Checks the rules every framework must keep; `file` names the source in messages.
    pub fn validate(&self, file: &str) -> Result<()> {
        self.check().map_err(|(_, problem)| Error::Framework { file: file.into(), line: None, problem })
    }

    /// The rules, with the place in the document each problem points at (for its line number).
    fn check(&self) -> std::result::Result<(), (Vec<Seg>, String)> {
        use Seg::{Index as I, Key as K};
        let label_ok = |s: &str| !s.trim().is_empty() && s.chars().count() <= 200;
        if self.id.trim().is_empty() || !self.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return Err((vec![K("id")], "`id` must be letters, digits, '-' or '_' (for example \"uos-2025\")".into()));
        }
        if !label_ok(&self.name) {
            return Err((vec![K("name")], "`name` must not be empty (and at most 200 characters)".into()));
        }
        if self.levels.len() < 2 || self.levels.len() > 10 {
            return Err((vec![K("levels")], "`levels` needs between two and ten labels, lowest first".into()));
        }
        for (i, l) in self.levels.iter().enumerate() {
            if !label_ok(l) {
                return Err((vec![K("levels"), I(i)], format!("level {} has an empty label", i + 1)));
            }
            if self.levels[..i].iter().any(|o| o.to_lowercase() == l.to_lowercase()) {
                return Err((vec![K("levels"), I(i)], format!("level label `{l}` is used twice")));
            }
        }
        for (field, value, example) in [
            ("award", &self.award, "School of Sanctuary"),
            ("organisation", &self.organisation, "school"),
            ("learners", &self.learners, "pupils"),
            ("head", &self.head, "headteacher"),
        ] {
            if !label_ok(value) {
                return Err((vec![K(field)], format!("`{field}` must not be empty (for example \"{example}\")")));
            }
        }
        if self.pledge.trim().is_empty() {
            return Err((vec![K("pledge")], "`pledge` must name the pledge criterion's key, or be \"none\"".into()));
        }
        if !self.pledge.eq_ignore_ascii_case("none") && self.criterion(&self.pledge).is_none() {
            return Err((vec![K("pledge")], format!("`pledge` names criterion `{}`, which is not defined; give a criterion's key or \"none\"", self.pledge)));
        }
        if self.award_levels.len() > 10 || self.award_levels.iter().any(|l| !label_ok(l)) {
            return Err((vec![K("award_levels")], "`award_levels` needs up to ten non-empty labels, lowest first".into()));
        }
        if !self.award_levels_cy.is_empty() && self.award_levels_cy.len() != self.award_levels.len() {
            return Err((vec![K("award_levels_cy")], format!("`award_levels_cy` needs one Welsh label for each of the {} `award_levels`", self.award_levels.len())));
        }
        for (i, n) in self.nations.iter().enumerate() {
            let known = crate::nation::Nation::ALL.map(crate::nation::Nation::as_str);
            if !known.contains(&n.as_str()) {
                return Err((vec![K("nations"), I(i)], format!("nation `{n}` is not one the app knows; use {}", known.join(", "))));
            }
        }
        // The phrase replaces "y"/"yr" and the noun together, so it must carry its own article;
        // "brifysgol" alone would print as "Manylion brifysgol".
        let the_org = self.the_organisation_cy.trim();
        if !the_org.is_empty() && !(the_org.starts_with("y ") || the_org.starts_with("yr ")) {
            return Err((vec![K("the_organisation_cy")], format!("`the_organisation_cy` is the organisation with its article, beginning \"y\" or \"yr\" (for example \"y brifysgol\"); `{the_org}` does not")));
        }
        if !self.levels_cy.is_empty() && self.levels_cy.len() != self.levels.len() {
            return Err((vec![K("levels_cy")], format!("`levels_cy` needs one Welsh label for each of the {} `levels`", self.levels.len())));
        }
        if self.strands.is_empty() {
            return Err((vec![K("strands")], "there must be at least one [[strands]] entry".into()));
        }
        if self.criteria.is_empty() {
            return Err((vec![K("criteria")], "there must be at least one [[criteria]] entry".into()));
        }
        let mut seen_keys = std::collections::HashSet::new();
        for (i, s) in self.strands.iter().enumerate() {
            if s.key.trim().is_empty() {
                return Err((vec![K("strands"), I(i), K("key")], format!("strand {} has an empty `key`", i + 1)));
            }
            if !label_ok(&s.name) {
                return Err((vec![K("strands"), I(i), K("name")], format!("strand `{}` has an empty `name`", s.key)));
            }
            if !seen_keys.insert(("strand", s.key.clone())) {
                return Err((vec![K("strands"), I(i), K("key")], format!("strand key `{}` is used twice", s.key)));
            }
        }
        let mut numbers = std::collections::HashSet::new();
        for (i, c) in self.criteria.iter().enumerate() {
            let at = |field: &'static str| vec![K("criteria"), I(i), K(field)];
            if c.key.trim().is_empty() {
                return Err((at("key"), format!("criterion {} has an empty `key`", c.number)));
            }
            if !seen_keys.insert(("criterion", c.key.clone())) {
                return Err((at("key"), format!("criterion key `{}` is used twice", c.key)));
            }
            if c.number == 0 {
                return Err((at("number"), format!("criterion `{}` has number 0; numbers start at 1", c.key)));
            }
            if !numbers.insert(c.number) {
                return Err((at("number"), format!("criterion number {} is used twice", c.number)));
            }
            if self.strand(&c.strand).is_none() {
                return Err((at("strand"), format!("criterion {} names strand `{}`, which is not defined", c.number, c.strand)));
            }
            if !label_ok(&c.title) {
                return Err((at("title"), format!("criterion {} has an empty `title`", c.number)));
            }
        }
        Ok(())
    }
}

/// The frameworks that ship with the app.
pub fn builtin() -> Vec<Framework> {
    BUILTIN
        .iter()
        .map(|(file, text)| from_toml(text, file).expect("built-in frameworks are valid (tested)"))
        .collect()
}

/// A built-in framework by id.
pub fn builtin_by_id(id: &str) -> Option<Framework> {
    builtin().into_iter().find(|f| f.id == id)
}

