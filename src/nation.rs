//! The nation a school is in (the four UK nations and Ireland) and what differs between them: what the
//! school's official identifier is called and looks like, what its head is called, whether it has key
//! stages, and which phases it may be.
//!
//! The school's row keeps the nation as text ("Northern Ireland") and the identifier in its `urn`
//! column, so nothing here touches the database: `school` asks this module to check and normalise
//! what the coordinator typed, the portfolio asks it for the words, and the window gets
//! [`NationWords`] to choose its own English or Welsh labels from.
//!
//! The identifiers, and the one form each is stored in (so that the portfolio prints it the same way
//! whatever was typed):
//! - England: the URN, 6 digits.
//! - Wales: the local authority's 3-digit code and the school's 4-digit establishment number; typed
//!   `681/2345`, `6812345` or `681 2345`, stored `681/2345`, which keeps the two parts readable.
//! - Scotland: the SEED code, 7 digits.
//! - Northern Ireland: the Department of Education reference number, 7 digits; typed `1234567` or
//!   `123-4567`, stored `123-4567` for the same reason.
//! - Ireland: the roll number, 5 digits and a check letter; typed `19374k` or `19374K`, stored with
//!   the letter in capitals.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::i18n::Lang;

/// A nation whose schools can work towards the award.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
pub enum Nation {
    England,
    Wales,
    Scotland,
    #[serde(rename = "Northern Ireland")]
    NorthernIreland,
    Ireland,
}

/// What the head of a school is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "HeadTitle")]
pub enum Head {
    Headteacher,
    Principal,
}

/// How an evidence item's stage is named: key stages or year groups (England, Wales, Northern
/// Ireland), Scotland's stages (P1–S6, Curriculum for Excellence levels), or Ireland's classes and years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "StageWords")]
pub enum Stages {
    KeyStage,
    ScottishStage,
    IrishClass,
}

/// What the window needs to label the school's details and the evidence's stage for one nation. The
/// window words `nation`, `head` and `stages` from its own English and Welsh tables; the example and
/// the phases (stored values, in English) are given as they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NationWords {
    pub nation: Nation,
    /// A made-up identifier of the right shape, in the stored (normalised) form.
    pub identifier_example: String,
    /// Whether the identifier is only digits (and separators), so a numeric keyboard suits it.
    pub identifier_numeric: bool,
    pub head: Head,
    pub key_stages: bool,
    pub stages: Stages,
    /// The phases a school in this nation may choose, as stored.
    pub phases: Vec<String>,
}

impl Nation {
    /// Every nation, the four UK nations first.
    pub const ALL: [Nation; 5] = [Nation::England, Nation::Wales, Nation::Scotland, Nation::NorthernIreland, Nation::Ireland];

    /// The nation a stored text names; `None` for empty or unknown text (callers then word things as
    /// for England, where the app started).
    pub fn parse(text: &str) -> Option<Nation> {
        let text = text.trim();
        Nation::ALL.into_iter().find(|n| n.as_str().eq_ignore_ascii_case(text))
    }

    /// The nation a stored text names, or England when it names none.
    pub fn or_england(text: &str) -> Nation {
        Nation::parse(text).unwrap_or(Nation::England)
    }

    /// The text stored in the school's row.
    pub fn as_str(self) -> &'static str {
        match self {
            Nation::England => "England",
            Nation::Wales => "Wales",
            Nation::Scotland => "Scotland",
            Nation::NorthernIreland => "Northern Ireland",
            Nation::Ireland => "Ireland",
        }
    }

    /// The nation's name in `lang` ("Yr Alban"), for documents; the row keeps [`Nation::as_str`].
    pub fn name(self, lang: Lang) -> &'static str {
        lang.t(match self {
            Nation::England => "nation.england",
            Nation::Wales => "nation.wales",
            Nation::Scotland => "nation.scotland",
            Nation::NorthernIreland => "nation.northern_ireland",
            Nation::Ireland => "nation.ireland",
        })
    }

    /// What the school's identifier is called in `lang` ("SEED code", "Rhif cofrestru").
    pub fn identifier_name(self, lang: Lang) -> &'static str {
        lang.t(self.identifier_key())
    }

    fn identifier_key(self) -> &'static str {
        match self {
            Nation::England => "field.urn",
            Nation::Wales => "field.la_establishment",
            Nation::Scotland => "field.seed_code",
            Nation::NorthernIreland => "field.de_reference",
            Nation::Ireland => "field.roll_number",
        }
    }

    /// A made-up identifier of the right shape, as it is stored.
    pub fn identifier_example(self) -> &'static str {
        match self {
            Nation::England => "123456",
            Nation::Wales => "681/2345",
            Nation::Scotland => "5244439",
            Nation::NorthernIreland => "123-4567",
            Nation::Ireland => "19374K",
        }
    }

    /// The identifier as it should be stored, or a refusal saying what it should look like. Empty (or
    /// only spaces) is allowed: a coordinator may not know it yet. Spaces around it are ignored.
    pub fn check_identifier(self, text: &str) -> Result<String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(String::new());
        }
        self.normalise(text).ok_or_else(|| self.refusal())
    }

    /// The stored form of `text` when it has this nation's shape.
    fn normalise(self, text: &str) -> Option<String> {
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        match self {
            Nation::England => digits(text, 6).then(|| text.to_string()),
            Nation::Scotland => digits(text, 7).then(|| text.to_string()),
            Nation::Wales | Nation::NorthernIreland => {
                let sep = if self == Nation::Wales { '/' } else { '-' };
                // The 3 + 4 digits with one separator between them, or none. Wales also takes a space
                // (how some letters print it); Northern Ireland's lists use only the hyphen.
                let (la, number) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
                    None => (text.get(..3)?, text.get(3..)?),
                    Some((3, c)) if c == sep || (self == Nation::Wales && c == ' ') => (&text[..3], &text[4..]),
                    Some(_) => return None,
                };
                (digits(la, 3) && digits(number, 4)).then(|| format!("{la}{sep}{number}"))
            }
            Nation::Ireland => {
                let (number, letter) = text.split_at_checked(5)?;
                let mut letter = letter.chars();
                match (letter.next(), letter.next()) {
                    (Some(l), None) if digits(number, 5) && l.is_ascii_alphabetic() => Some(format!("{number}{}", l.to_ascii_uppercase())),
                    _ => None,
                }
            }
        }
    }

    /// The rule error for an identifier of the wrong shape, in English for the CLI; the window words
    /// it from `error.school_identifier` with the identifier's name in its own language.
    fn refusal(self) -> Error {
        let name = self.identifier_name(Lang::En);
        let example = self.identifier_example();
        let shape = match self {
            Nation::England => "6 digits",
            Nation::Wales => "the 3-digit local authority number and the 4-digit establishment number",
            Nation::Scotland => "7 digits",
            Nation::NorthernIreland => "7 digits (3, a hyphen, then 4)",
            Nation::Ireland => "5 digits and a letter",
        };
        Error::rule(
            "school_identifier",
            [("nation", self.as_str().into()), ("name", name.into()), ("example", example.into())],
            format!("a school in {} has a {name} of {shape}, like {example}; check it and type it again, or leave it empty", self.as_str()),
        )
    }

    /// What the head is called.
    pub fn head(self) -> Head {
        match self {
            Nation::England | Nation::Wales | Nation::Scotland => Head::Headteacher,
            Nation::NorthernIreland | Nation::Ireland => Head::Principal,
        }
    }

    /// The head's title in `lang`, for documents.
    pub fn head_title(self, lang: Lang) -> &'static str {
        lang.t(match self.head() {
            Head::Headteacher => "field.school_head",
            Head::Principal => "field.principal",
        })
    }

    /// The head's title in lower case as a sentence uses it ("principal"), which a schools framework's
    /// `{head}` takes from the nation (see `school::framework_as_worded`).
    pub fn head_word(self, lang: Lang) -> String {
        self.head_title(lang).to_lowercase()
    }

    /// Whether the nation's schools are organised in key stages (Scotland uses P1–S6 and Curriculum for
    /// Excellence levels, Ireland classes and years).
    pub fn has_key_stages(self) -> bool {
        self.stages() == Stages::KeyStage
    }

    /// How an evidence item's stage is named.
    pub fn stages(self) -> Stages {
        match self {
            Nation::England | Nation::Wales | Nation::NorthernIreland => Stages::KeyStage,
            Nation::Scotland => Stages::ScottishStage,
            Nation::Ireland => Stages::IrishClass,
        }
    }

    /// The phases offered, as stored.
    pub fn phases(self) -> &'static [&'static str] {
        match self {
            Nation::England | Nation::Wales => {
                &["Nursery", "Primary", "Secondary", "All-through", "Special", "Sixth form", "Independent"]
            }
            Nation::Scotland => &["Nursery", "Primary", "Secondary", "Special", "Independent"],
            Nation::NorthernIreland => &["Nursery", "Primary", "Post-primary", "Special", "Independent"],
            Nation::Ireland => &["Primary", "Post-primary", "Special"],
        }
    }

    /// A stored phase worded in `lang` for documents ("Cynradd"). A phase no nation offers (typed by
    /// an earlier version, or imported) prints as stored rather than disappearing.
    pub fn phase_name(stored: &str, lang: Lang) -> String {
        let key = match stored.trim() {
            "Nursery" => "phase.nursery",
            "Primary" => "phase.primary",
            "Secondary" => "phase.secondary",
            "All-through" => "phase.all_through",
            "Special" => "phase.special",
            "Sixth form" => "phase.sixth_form",
            "Independent" => "phase.independent",
            "Post-primary" => "phase.post_primary",
            _ => return stored.to_string(),
        };
        lang.t(key).to_string()
    }

    /// Everything the window needs for this nation.
    pub fn words(self) -> NationWords {
        NationWords {
            nation: self,
            identifier_example: self.identifier_example().to_string(),
            identifier_numeric: self != Nation::Ireland,
            head: self.head(),
            key_stages: self.has_key_stages(),
            stages: self.stages(),
            phases: self.phases().iter().map(|p| p.to_string()).collect(),
        }
    }
}
