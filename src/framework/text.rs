//! The framework file format, read and written: TOML or JSON text in, checked against the rules
//! (see the parent module), with every problem placed on its line; TOML out for `framework show`.
//! Not for: storing frameworks (`imported`) or what a framework means (the parent).

use super::locate::{json_offset, line_of, toml_offset};
use super::{builtin_by_id, Framework, DEFAULT_ID};
use crate::error::{Error, Result};

/// Largest framework file read. Ten criteria take a few kilobytes; a larger file is the wrong file,
/// not a framework, and is refused before it is read into memory.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Parses and validates a framework from TOML text; errors name the line.
pub fn from_toml(text: &str, file: &str) -> Result<Framework> {
    let fw: Framework = toml::from_str(text).map_err(|e| Error::Framework {
        file: file.into(),
        line: e.span().map(|s| line_of(text, s.start)),
        problem: explain(e.message().trim()),
    })?;
    fw.check().map_err(|(path, problem)| Error::Framework {
        file: file.into(),
        line: toml_offset(text, &path).map(|at| line_of(text, at)),
        problem,
    })?;
    Ok(fw)
}

/// Parses and validates a framework from JSON text; errors name the line.
pub fn from_json(text: &str, file: &str) -> Result<Framework> {
    let fw: Framework = serde_json::from_str(text).map_err(|e| Error::Framework {
        file: file.into(),
        line: Some(e.line()),
        problem: explain(e.to_string().split(" at line").next().unwrap_or_default()),
    })?;
    fw.check().map_err(|(path, problem)| Error::Framework {
        file: file.into(),
        line: json_offset(text, &path).map(|at| line_of(text, at)),
        problem,
    })?;
    Ok(fw)
}

/// A parser's "missing field `x`" said in terms of what the field is for, since a local lead writing
/// a framework for a college cannot guess what a bare field name wants.
fn explain(problem: &str) -> String {
    let Some(field) = problem.strip_prefix("missing field `").and_then(|r| r.split('`').next()) else {
        return problem.to_string();
    };
    let what = match field {
        "award" => "the award's name, e.g. award = \"College of Sanctuary\"",
        "organisation" => "what a member is called, e.g. organisation = \"college\"",
        "learners" => "what its learners or users are called, e.g. learners = \"students\"",
        "head" => "the title of the person who leads it, e.g. head = \"principal\"",
        "page_limit" | "pageLimit" => "the application's page limit, e.g. page_limit = 8, or page_limit = \"none\"",
        "pledge" => "the key of the pledge criterion, or pledge = \"none\"",
        "levels" => "the audit scale's labels, lowest first",
        _ => return problem.to_string(),
    };
    // The file format spells it `page_limit`; serde reports the camelCase name it matched first.
    let field = if field == "pageLimit" { "page_limit" } else { field };
    format!("the framework's vocabulary is incomplete: `{field}` is missing ({what})")
}

/// Parses a framework file, choosing JSON or TOML by its first non-blank character.
/// Text over [`MAX_FILE_BYTES`] is refused before it is parsed, however it arrived (the
/// parsers themselves refuse nesting deeper than 80 levels in TOML and 128 in JSON).
pub fn parse(text: &str, file: &str) -> Result<Framework> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(file));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('{') {
        from_json(text, file)
    } else {
        from_toml(text, file)
    }
}

/// A framework as stored on import. Frameworks imported before frameworks carried their own words
/// were all schools frameworks, so the missing words are the schools framework's: a school's
/// imported wording keeps working after the upgrade rather than vanishing from the list.
pub(super) fn from_stored(source: &str, id: &str) -> Result<Framework> {
    // internal: the stored JSON was written by `import`; only a damaged database fails here.
    let mut value: serde_json::Value = serde_json::from_str(source).map_err(|e| Error::Invalid(format!("stored framework {id}: {e}")))?;
    if let Some(map) = value.as_object_mut() {
        if !map.contains_key("award") {
            let defaults = builtin_by_id(DEFAULT_ID).expect("the default framework is built in");
            let pledge = match map.get("criteria").and_then(|c| c.as_array()) {
                Some(criteria) if criteria.iter().any(|c| c.get("key").and_then(|k| k.as_str()) == Some(defaults.pledge.as_str())) => defaults.pledge.clone(),
                _ => "none".to_string(),
            };
            for (k, v) in [
                ("award", serde_json::json!(defaults.award)),
                ("organisation", serde_json::json!(defaults.organisation)),
                ("learners", serde_json::json!(defaults.learners)),
                ("head", serde_json::json!(defaults.head)),
                ("pageLimit", serde_json::json!(defaults.page_limit)),
                ("pledge", serde_json::json!(pledge)),
                ("awardCy", serde_json::json!(defaults.award_cy)),
                ("organisationCy", serde_json::json!(defaults.organisation_cy)),
                ("learnersCy", serde_json::json!(defaults.learners_cy)),
                ("headCy", serde_json::json!(defaults.head_cy)),
            ] {
                map.entry(k).or_insert(v);
            }
        }
    }
    from_json(&value.to_string(), id)
}

/// `fw` as framework-file TOML.
pub fn to_toml(fw: &Framework) -> Result<String> {
    fn snake(value: serde_json::Value) -> serde_json::Value {
        match value {
            serde_json::Value::Object(map) => serde_json::Value::Object(
                map.into_iter()
                    .map(|(k, v)| {
                        let mut key = String::new();
                        for ch in k.chars() {
                            if ch.is_ascii_uppercase() {
                                key.push('_');
                                key.push(ch.to_ascii_lowercase());
                            } else {
                                key.push(ch);
                            }
                        }
                        (key, snake(v))
                    })
                    .collect(),
            ),
            serde_json::Value::Array(items) => serde_json::Value::Array(items.into_iter().map(snake).collect()),
            other => other,
        }
    }
    // internal: (this line and the next) a checked framework always serialises; a failure is a bug.
    let value = snake(serde_json::to_value(fw).map_err(|e| Error::Invalid(format!("cannot write the framework: {e}")))?);
    let body = toml::to_string(&value).map_err(|e| Error::Invalid(format!("cannot write the framework: {e}")))?;
    Ok(format!(
        "# {} ({}), as Sanctuary Portfolio holds it.\n# Change the id before importing your own version: `sanctuary framework import FILE`.\n{body}",
        fw.name, fw.wording
    ))
}

/// `page_limit` is a number of pages or the word `"none"`: an absent limit must be said, not forgotten.
pub(super) mod page_limit {
    use serde::{de, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<u32>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(n) => s.serialize_u32(*n),
            None => s.serialize_str("none"),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Pages(i64),
            Word(String),
        }
        match Raw::deserialize(d).map_err(|_: D::Error| de::Error::custom("`page_limit` must be a number of pages (e.g. 8) or \"none\""))? {
            Raw::Pages(n) if (1..=500).contains(&n) => Ok(Some(n as u32)),
            Raw::Pages(_) => Err(de::Error::custom("`page_limit` must be between 1 and 500 pages, or \"none\"")),
            Raw::Word(w) if w.trim().eq_ignore_ascii_case("none") => Ok(None),
            Raw::Word(_) => Err(de::Error::custom("`page_limit` must be a number of pages (e.g. 8) or \"none\"")),
        }
    }
}

/// The refusal of a framework file over [`MAX_FILE_BYTES`], naming it.
pub(super) fn too_large(file: &str) -> Error {
    let max = (MAX_FILE_BYTES >> 20) as i64;
    Error::rule(
        "framework_file_too_large",
        [("file", file.into()), ("max", max.into())],
        format!(
            "framework file {file}: the file is larger than {max} MB, so it is not a framework file; check you chose the right file. Nothing was imported"
        ),
    )
}
