//! The frameworks a data folder has imported (table `imported_framework`), beside the built-in ones:
//! importing a file, listing what can be used, and showing one as a file to start from.

use super::locate::{json_offset, line_of, toml_offset, Seg};
use super::text::{from_stored, parse, to_toml, too_large, MAX_FILE_BYTES};
use super::{builtin, builtin_by_id, Framework};
use crate::error::{Error, Result};
use serde::Serialize;

/// Every framework this data folder can use: the built-in ones, then imported ones.
pub fn available(store: &crate::store::Store) -> Result<Vec<Framework>> {
    let mut all = builtin();
    let mut stmt = store.conn().prepare("SELECT id, source FROM imported_framework ORDER BY imported_at")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (id, source) = row?;
        // An imported framework was validated on import; if a later release tightens the rules,
        // skip it rather than lock the school out of its data.
        if let Ok(fw) = from_stored(&source, &id) {
            all.retain(|f| f.id != fw.id);
            all.push(fw);
        }
    }
    Ok(all)
}


/// A framework as the chooser lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Listed {
    pub id: String,
    pub name: String,
    pub wording: String,
    pub stream: String,
    pub criteria: usize,
    pub builtin: bool,
    pub active: bool,
}

/// Every usable framework, with `active` (the school's choice, see `school::framework`) marked.
pub fn list(store: &crate::store::Store, active: &str) -> Result<Vec<Listed>> {
    let builtin_ids: Vec<String> = builtin().into_iter().map(|f| f.id).collect();
    Ok(available(store)?
        .into_iter()
        .map(|f| Listed {
            builtin: builtin_ids.contains(&f.id),
            active: f.id == active,
            criteria: f.criteria.len(),
            id: f.id,
            name: f.name,
            wording: f.wording,
            stream: f.stream,
        })
        .collect())
}

/// The framework with `id` (built in or imported) as a TOML file that [`import`] accepts back, so a
/// local lead can start their own from it. Field names are written as the file format spells them.
pub fn show(store: &crate::store::Store, id: &str) -> Result<String> {
    let all = available(store)?;
    let Some(fw) = all.iter().find(|f| f.id == id) else {
        let ids: Vec<&str> = all.iter().map(|f| f.id.as_str()).collect();
        return Err(Error::rule("framework_unknown", [("id", id.into())], format!("there is no framework `{id}`; choose one of: {}", ids.join(", "))));
    };
    to_toml(fw)
}


/// Imports the framework file at `path`, as [`import`] does, after checking that it is at most
/// [`MAX_FILE_BYTES`] and UTF-8 text. The window and the CLI both call this, so a wrong file is
/// refused in the same words wherever it was picked.
pub fn import_file(store: &mut crate::store::Store, path: &std::path::Path, now: chrono::DateTime<chrono::Utc>) -> Result<Framework> {
    use std::io::Read;
    let file = path.display().to_string();
    let cannot_read = |e| Error::io("cannot read the framework file", path, e);
    let mut bytes = Vec::new();
    // One byte more than allowed is enough to know the file is too large.
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(&file));
    }
    let text = String::from_utf8(bytes).map_err(|_| Error::Framework {
        file: file.clone(),
        line: None,
        problem: "the file is not UTF-8 text; save it as UTF-8".into(),
    })?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(file);
    import(store, &text, &name, now)
}

/// Imports a framework file (TOML or JSON, see the format at the top of this module).
///
/// A file is checked in full before anything is stored, and the store is changed in one transaction,
/// so a refused file changes nothing. Importing a file whose `id` was imported before replaces that
/// framework (a local lead's corrected version); the built-in ids cannot be replaced.
pub fn import(store: &mut crate::store::Store, text: &str, file: &str, now: chrono::DateTime<chrono::Utc>) -> Result<Framework> {
    let fw = parse(text, file)?;
    if builtin_by_id(&fw.id).is_some() {
        let line = toml_offset(text, &[Seg::Key("id")]).or_else(|| json_offset(text, &[Seg::Key("id")])).map(|at| line_of(text, at));
        let english = Error::Framework {
            file: file.into(),
            line,
            problem: format!("`id` \"{}\" belongs to a framework that ships with the app; give yours its own id", fw.id),
        };
        return Err(Error::rule("framework_id_builtin", [("file", file.into()), ("id", fw.id.as_str().into())], english.to_string()));
    }
    // Stored as JSON: one canonical form, whatever the school was given.
    // internal: a parsed framework always serialises; failing here is a bug, not something a person did.
    let source = serde_json::to_string_pretty(&fw).map_err(|e| Error::Invalid(format!("cannot store the framework: {e}")))?;
    store.write(|tx| {
        tx.execute(
            "INSERT INTO imported_framework (id, source, imported_at) VALUES (?1, ?2, ?3) \
             ON CONFLICT(id) DO UPDATE SET source = excluded.source, imported_at = excluded.imported_at",
            rusqlite::params![fw.id, source, now.to_rfc3339()],
        )?;
        Ok(())
    })?;
    Ok(fw)
}
