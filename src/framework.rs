//! Award frameworks as data: strands, criteria, wording versions and the audit scale.
//!
//! The Schools of Sanctuary frameworks ship inside the binary as TOML; others (a local lead's variant,
//! universities, colleges, Ireland's Learn / Action / Share) can be imported from the same format.
//! Criterion keys are stable across wordings, so every answer is stored against a key, never a number.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The built-in frameworks, newest wording first.
const BUILTIN: &[(&str, &str)] = &[
    ("sos-2024.toml", include_str!("frameworks/sos-2024.toml")),
    ("sos-pre2024.toml", include_str!("frameworks/sos-pre2024.toml")),
];

/// The framework a new school starts with.
pub const DEFAULT_ID: &str = "sos-2024";

/// A set of criteria grouped in strands, with the scale used to judge each one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Framework {
    pub id: String,
    pub name: String,
    pub wording: String,
    #[serde(default = "default_stream")]
    pub stream: String,
    /// Labels of the self-judged audit scale, lowest first; an audit level is an index into it.
    pub levels: Vec<String>,
    pub strands: Vec<Strand>,
    pub criteria: Vec<Criterion>,
}

fn default_stream() -> String {
    "schools".into()
}

/// A group of criteria, e.g. Learn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Strand {
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub summary: String,
}

/// One criterion the school must show it meets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Criterion {
    pub key: String,
    pub number: u32,
    pub strand: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
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

    /// Checks the rules every framework must keep; `file` names the source in messages.
    pub fn validate(&self, file: &str) -> Result<()> {
        let bad = |problem: String| Error::Framework { file: file.into(), line: None, problem };
        if self.id.trim().is_empty() || !self.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return Err(bad("`id` must be letters, digits, '-' or '_' (for example \"uos-2025\")".into()));
        }
        if self.levels.len() < 2 {
            return Err(bad("`levels` needs at least two labels, lowest first".into()));
        }
        if self.strands.is_empty() {
            return Err(bad("there must be at least one [[strands]] entry".into()));
        }
        if self.criteria.is_empty() {
            return Err(bad("there must be at least one [[criteria]] entry".into()));
        }
        let mut seen_keys = std::collections::HashSet::new();
        for s in &self.strands {
            if !seen_keys.insert(("strand", s.key.clone())) {
                return Err(bad(format!("strand key `{}` is used twice", s.key)));
            }
        }
        let mut numbers = std::collections::HashSet::new();
        for c in &self.criteria {
            if c.key.trim().is_empty() {
                return Err(bad(format!("criterion {} has an empty `key`", c.number)));
            }
            if !seen_keys.insert(("criterion", c.key.clone())) {
                return Err(bad(format!("criterion key `{}` is used twice", c.key)));
            }
            if !numbers.insert(c.number) {
                return Err(bad(format!("criterion number {} is used twice", c.number)));
            }
            if self.strand(&c.strand).is_none() {
                return Err(bad(format!("criterion {} names strand `{}`, which is not defined", c.number, c.strand)));
            }
            if c.title.trim().is_empty() {
                return Err(bad(format!("criterion {} has an empty `title`", c.number)));
            }
        }
        Ok(())
    }
}

/// Parses and validates a framework from TOML text; errors name the line.
pub fn from_toml(text: &str, file: &str) -> Result<Framework> {
    let fw: Framework = toml::from_str(text).map_err(|e| Error::Framework {
        file: file.into(),
        line: e.span().map(|s| line_of(text, s.start)),
        problem: e.message().to_string(),
    })?;
    fw.validate(file)?;
    Ok(fw)
}

/// Parses and validates a framework from JSON text; errors name the line.
pub fn from_json(text: &str, file: &str) -> Result<Framework> {
    let fw: Framework = serde_json::from_str(text).map_err(|e| Error::Framework {
        file: file.into(),
        line: Some(e.line()),
        problem: e.to_string().split(" at line").next().unwrap_or_default().to_string(),
    })?;
    fw.validate(file)?;
    Ok(fw)
}

/// 1-based line number of byte offset `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
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

/// Every framework this data folder can use: the built-in ones, then imported ones.
pub fn available(store: &crate::store::Store) -> Result<Vec<Framework>> {
    let mut all = builtin();
    let mut stmt = store.conn().prepare("SELECT id, source FROM imported_framework ORDER BY imported_at")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (id, source) = row?;
        // An imported framework was validated on import; if a later release tightens the rules,
        // skip it rather than lock the school out of its data.
        if let Ok(fw) = from_json(&source, &id) {
            all.retain(|f| f.id != fw.id);
            all.push(fw);
        }
    }
    Ok(all)
}

/// The framework the school has chosen (the default when none is chosen or it has gone).
pub fn active(store: &crate::store::Store) -> Result<Framework> {
    let chosen: Option<String> = {
        use rusqlite::OptionalExtension;
        store.conn().query_row("SELECT framework_id FROM school LIMIT 1", [], |r| r.get(0)).optional()?
    };
    let all = available(store)?;
    let id = chosen.unwrap_or_else(|| DEFAULT_ID.to_string());
    Ok(all
        .iter()
        .find(|f| f.id == id)
        .or_else(|| all.iter().find(|f| f.id == DEFAULT_ID))
        .cloned()
        .expect("the default framework is built in"))
}
