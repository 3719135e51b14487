//! Colleagues' contributions: a teacher exports the evidence and action items they added
//! (`.sanctuary-contribution`: their rows, criteria and files); the coordinator imports and merges.
//!
//! Merge rules: the same UUID with the same content, or a different UUID with the same content hash
//! (same file, same quote, same action), is the same thing and is skipped; a new item is added; the
//! same UUID with different content becomes a conflict the user decides ([`resolve_conflict`]). Nothing
//! here is ever overwritten silently. Rows are copied column by column, so columns other modules add
//! later travel too.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::archive::{hex, write_error, BundleReader, BundleWriter, Limits};
use super::backup::blob_path;
use super::manifest::{blob_entry, is_sha256, Kind, Manifest};
use crate::error::{Error, Result};
use crate::job::Job;
use crate::store::Store;

/// The entry holding the records.
pub use super::manifest::RECORDS_NAME;

/// Largest records entry an import reads into memory.
const MAX_RECORDS_BYTES: u64 = 256 << 20;

/// Folder inside the data folder where an import's files wait until its rows are committed.
pub use crate::datadir::import_staging::IMPORT_STAGING_DIR;

/// Columns that describe this copy rather than the item, so they are neither compared nor copied.
const LOCAL_ONLY: &[&str] = &[
    "id",
    "updated_at",
    "position",
    "deleted_at",
    "include_in_export",
    "contribution_import_id",
    // Follows from the file, which the hash already compares; a pack from before it existed has none.
    "location_removed",
];

type Row = BTreeMap<String, Value>;

/// One item in a pack: its row (column → value) and its criteria keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub row: Row,
    pub criteria: Vec<String>,
    /// What makes two copies with different UUIDs the same thing (the file's sha256, or a hash of the
    /// quote or action). Written for whoever reads the pack; an import always recomputes it.
    #[serde(default)]
    pub content_hash: String,
}

/// The records inside a pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Records {
    pub pack_id: String,
    pub contributor: String,
    pub school_name: String,
    pub created_at: String,
    pub evidence: Vec<Item>,
    pub actions: Vec<Item>,
    pub blobs: Vec<Row>,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ContributionExport")]
pub struct ExportReport {
    pub path: PathBuf,
    pub evidence: usize,
    pub actions: usize,
    pub files: usize,
    pub bytes: u64,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ContributionImport")]
pub struct ImportReport {
    pub contributor: String,
    pub added_evidence: usize,
    pub added_actions: usize,
    /// Items already here (same UUID and content, or same content hash).
    pub duplicates: usize,
    /// Items left for the user to decide.
    pub conflicts: usize,
}

/// An undecided conflict, for the screen that asks "keep mine / take theirs".
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub id: String,
    /// `evidence` or `action_item`.
    pub item_kind: String,
    pub item_id: String,
    pub title_mine: String,
    pub title_theirs: String,
    pub contributor: String,
    /// The fields that differ.
    pub differences: Vec<Difference>,
}

/// One field of a conflict, as it is here and as the colleague has it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Difference {
    pub field: String,
    pub mine: String,
    pub theirs: String,
}

/// The user's decision on a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    KeepMine,
    TakeTheirs,
}

fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let v = stmt
        .query_map([], |r| r.get::<_, String>(1))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

fn to_json(v: ValueRef) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::from(hex(b)),
    }
}

fn to_sql(v: &Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    match v {
        Value::Null => V::Null,
        Value::Bool(b) => V::Integer(*b as i64),
        Value::Number(n) => n
            .as_i64()
            .map(V::Integer)
            .unwrap_or_else(|| V::Real(n.as_f64().unwrap_or(0.0))),
        Value::String(s) => V::Text(s.clone()),
        other => V::Text(other.to_string()),
    }
}

fn rows(conn: &Connection, table: &str, filter: &str) -> Result<Vec<Row>> {
    let cols = columns(conn, table)?;
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table} {filter}"))?;
    let out = stmt
        .query_map([], |r| {
            let mut row = Row::new();
            for (i, c) in cols.iter().enumerate() {
                row.insert(c.clone(), to_json(r.get_ref(i)?));
            }
            Ok(row)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}

fn criteria(conn: &Connection, table: &str, key: &str, id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT criterion_key FROM {table} WHERE {key} = ?1 ORDER BY criterion_key"
    ))?;
    let v = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(v)
}

fn text(row: &Row, col: &str) -> String {
    match row.get(col) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(v) => v.to_string(),
    }
}

/// Writes the live evidence and action items of this data folder to `out`, unencrypted.
pub fn export(store: &Store, out: &Path, contributor: &str, now: DateTime<Utc>, job: &Job) -> Result<ExportReport> {
    export_sealed(store, out, contributor, None, now, job)
}

/// As [`export`]; with a passphrase the pack is encrypted as it is written (age format).
pub fn export_sealed(
    store: &Store,
    out: &Path,
    contributor: &str,
    passphrase: Option<&super::sealed::Passphrase>,
    now: DateTime<Utc>,
    job: &Job,
) -> Result<ExportReport> {
    let conn = store.conn();
    let school_name = crate::school::find(store)?.map(|s| s.name).unwrap_or_default();
    let mut evidence = Vec::new();
    for row in rows(conn, "evidence", "WHERE deleted_at IS NULL ORDER BY added_at, id")? {
        let c = criteria(conn, "evidence_criterion", "evidence_id", &text(&row, "id"))?;
        let mut item = Item {
            row,
            criteria: c,
            content_hash: String::new(),
        };
        item.content_hash = content_hash("evidence", &item);
        evidence.push(item);
    }
    let mut actions = Vec::new();
    for row in rows(conn, "action_item", "WHERE deleted_at IS NULL ORDER BY created_at, id")? {
        let c = criteria(conn, "action_criterion", "action_id", &text(&row, "id"))?;
        let mut item = Item {
            row,
            criteria: c,
            content_hash: String::new(),
        };
        item.content_hash = content_hash("action_item", &item);
        actions.push(item);
    }
    let shas: Vec<String> = evidence
        .iter()
        .map(|e| text(&e.row, "blob_sha256"))
        .filter(|s| !s.is_empty())
        .collect();
    let blobs: Vec<Row> = rows(conn, "blob", "ORDER BY sha256")?
        .into_iter()
        .filter(|b| shas.contains(&text(b, "sha256")))
        .collect();
    let records = Records {
        pack_id: uuid::Uuid::new_v4().to_string(),
        contributor: contributor.to_string(),
        school_name: school_name.clone(),
        created_at: now.to_rfc3339(),
        evidence,
        actions,
        blobs,
    };
    if let (Some(dir), Some(name)) = (out.parent(), out.file_name()) {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        super::backup::sweep_leftovers(dir, &name.to_string_lossy());
    }
    let manifest = Manifest::new(
        Kind::Contribution,
        &school_name,
        store.schema_version()?,
        &now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    );
    let mut writer = BundleWriter::create_sealed(out, manifest, now, passphrase)?;
    let json = serde_json::to_vec_pretty(&records).map_err(|e| Error::Invalid(e.to_string()))?;
    writer.add_bytes(RECORDS_NAME, &json, true)?;
    for (i, b) in records.blobs.iter().enumerate() {
        job.report("Packing evidence", i as u64, records.blobs.len() as u64);
        let sha = text(b, "sha256");
        if !is_sha256(&sha) {
            continue;
        }
        let path = blob_path(store.root(), &sha);
        if writer.add_file(&blob_entry(&sha), &path, false, job)? != sha {
            return Err(Error::Invalid(format!(
                "evidence file {sha} is damaged in this data folder, so it cannot be shared; remove that item or restore a backup, then export again"
            )));
        }
    }
    writer.finish()?;
    Ok(ExportReport {
        path: out.to_path_buf(),
        evidence: records.evidence.len(),
        actions: records.actions.len(),
        files: records.blobs.len(),
        bytes: fs::metadata(out).map(|m| m.len()).unwrap_or(0),
    })
}

/// The fields that say what an item is, for comparing two copies of it.
fn content(item: &Item, local_cols: &[String]) -> BTreeMap<String, Value> {
    let mut out: BTreeMap<String, Value> = item
        .row
        .iter()
        .filter(|(k, _)| !LOCAL_ONLY.contains(&k.as_str()) && local_cols.contains(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut c = item.criteria.clone();
    c.sort();
    out.insert("criteria".into(), Value::from(c));
    out
}

/// What makes two items with different UUIDs the same thing.
fn content_hash(kind: &str, item: &Item) -> String {
    let basis = if kind == "evidence" {
        let sha = text(&item.row, "blob_sha256");
        if !sha.is_empty() {
            return format!("blob:{sha}");
        }
        format!(
            "{}\u{0}{}\u{0}{}",
            text(&item.row, "kind"),
            text(&item.row, "quote_text").trim(),
            text(&item.row, "attribution").trim()
        )
    } else {
        let mut c = item.criteria.clone();
        c.sort();
        format!(
            "{}\u{0}{}\u{0}{}\u{0}{}",
            text(&item.row, "action").trim().to_lowercase(),
            text(&item.row, "owner").trim().to_lowercase(),
            text(&item.row, "due_date"),
            c.join(",")
        )
    };
    hex(&Sha256::digest(basis.as_bytes()))
}

struct Table {
    kind: &'static str,
    table: &'static str,
    criteria_table: &'static str,
    key: &'static str,
    title: &'static str,
}

const EVIDENCE: Table = Table {
    kind: "evidence",
    table: "evidence",
    criteria_table: "evidence_criterion",
    key: "evidence_id",
    title: "title",
};
const ACTIONS: Table = Table {
    kind: "action_item",
    table: "action_item",
    criteria_table: "action_criterion",
    key: "action_id",
    title: "action",
};

fn table_for(kind: &str) -> Result<&'static Table> {
    match kind {
        "evidence" => Ok(&EVIDENCE),
        "action_item" => Ok(&ACTIONS),
        other => Err(Error::Invalid(format!("unknown kind of item `{other}`"))),
    }
}

fn local_item(conn: &Connection, t: &Table, id: &str) -> Result<Option<Item>> {
    let found = rows(conn, t.table, &format!("WHERE id = '{}'", id.replace('\'', "''")))?
        .into_iter()
        .next();
    Ok(match found {
        Some(row) => Some(Item {
            criteria: criteria(conn, t.criteria_table, t.key, id)?,
            row,
            content_hash: String::new(),
        }),
        None => None,
    })
}

fn insert_item(tx: &Transaction, t: &Table, item: &Item, import_id: &str, local_cols: &[String]) -> Result<()> {
    let mut cols: Vec<String> = item
        .row
        .keys()
        .filter(|k| local_cols.contains(k) && k.as_str() != "contribution_import_id" && k.as_str() != "position")
        .cloned()
        .collect();
    let mut values: Vec<rusqlite::types::Value> = cols.iter().map(|c| to_sql(&item.row[c])).collect();
    cols.push("contribution_import_id".into());
    values.push(rusqlite::types::Value::Text(import_id.into()));
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    tx.execute(
        &format!(
            "INSERT INTO {} ({}) VALUES ({})",
            t.table,
            cols.join(", "),
            marks.join(", ")
        ),
        rusqlite::params_from_iter(values),
    )?;
    set_criteria(tx, t, &text(&item.row, "id"), &item.criteria)
}

fn set_criteria(tx: &Transaction, t: &Table, id: &str, keys: &[String]) -> Result<()> {
    tx.execute(&format!("DELETE FROM {} WHERE {} = ?1", t.criteria_table, t.key), [id])?;
    for k in keys {
        tx.execute(
            &format!(
                "INSERT OR IGNORE INTO {} ({}, criterion_key) VALUES (?1, ?2)",
                t.criteria_table, t.key
            ),
            [id, k],
        )?;
    }
    Ok(())
}

/// Merges the contribution pack `file` into `store`; see the module notes for the rules.
pub fn import(store: &mut Store, file: &Path, limits: &Limits, now: DateTime<Utc>, job: &Job) -> Result<ImportReport> {
    import_sealed(store, file, limits, None, now, job)
}

/// As [`import`], opening a sealed pack with `passphrase` (nothing changes if it is missing or wrong).
pub fn import_sealed(
    store: &mut Store,
    file: &Path,
    limits: &Limits,
    passphrase: Option<&super::sealed::Passphrase>,
    now: DateTime<Utc>,
    job: &Job,
) -> Result<ImportReport> {
    let mut reader = BundleReader::open_sealed(file, Kind::Contribution, limits, passphrase)?;
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let refuse = |reason: String| Error::Refused {
        file: file_name.clone(),
        reason: format!("{reason}. Nothing was changed"),
    };
    // Every blob entry must be named by its own content: otherwise the store would hold a misnamed file.
    for e in &reader.manifest.entries {
        if let Some(sha) = super::manifest::blob_entry_sha(&e.path) {
            if sha != e.sha256 {
                return Err(refuse(format!(
                    "`{}` does not match its name; the pack is damaged",
                    e.path
                )));
            }
        }
    }
    let import_id = uuid::Uuid::new_v4().to_string();
    let staging_root = store.root().join(IMPORT_STAGING_DIR);
    fs::create_dir_all(&staging_root).map_err(|e| write_error(&staging_root, e))?;
    let staging = staging_root.join(&import_id);
    // Held until the files are in place, so a `datadir::open` meanwhile leaves this staging alone.
    let _lock = crate::datadir::lock::OpLock::try_take(&staging_root.join(format!("{import_id}.lock")))?;
    let result = import_staged(store, &mut reader, &staging, &import_id, limits, now, job, &refuse);
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    drop(_lock);
    // Only removed when empty: another import may be using it.
    let _ = fs::remove_dir(&staging_root);
    if result.is_ok() {
        // A pack from an older version carries photos with their location; they are cleaned like the
        // library's own (a failure here leaves them for the next opening, the import stands).
        let _ = crate::evidence::location::clean_library(store);
    }
    result
}

#[allow(clippy::too_many_arguments)]
fn import_staged(
    store: &mut Store,
    reader: &mut BundleReader,
    staging: &Path,
    import_id: &str,
    limits: &Limits,
    now: DateTime<Utc>,
    job: &Job,
    refuse: &dyn Fn(String) -> Error,
) -> Result<ImportReport> {
    // The records are read into memory, so they get a cap of their own (tens of thousands of items fit).
    match reader.manifest.entry(RECORDS_NAME) {
        None => return Err(refuse("it holds no records".into())),
        Some(e) if e.size > MAX_RECORDS_BYTES => {
            return Err(refuse(format!("its records are over {} MB", MAX_RECORDS_BYTES >> 20)))
        }
        Some(_) => {}
    }
    fs::create_dir_all(staging).map_err(|e| write_error(staging, e))?;
    reader.verify_into(Some(staging), limits, job)?;
    let json = fs::read(staging.join(RECORDS_NAME)).map_err(|e| Error::io("cannot read", staging, e))?;
    let records: Records =
        serde_json::from_slice(&json).map_err(|e| refuse(format!("its records cannot be read ({e})")))?;
    for item in records.evidence.iter().chain(&records.actions) {
        if uuid::Uuid::parse_str(&text(&item.row, "id")).is_err() {
            return Err(refuse("an item has no valid UUID".into()));
        }
    }
    let root = store.root().to_path_buf();
    let have_file =
        |sha: &str| is_sha256(sha) && (staging.join(blob_entry(sha)).is_file() || blob_path(&root, sha).is_file());
    for item in &records.evidence {
        let sha = text(&item.row, "blob_sha256");
        if !sha.is_empty() && !have_file(&sha) {
            return Err(refuse(format!(
                "the file of \"{}\" is not in the pack",
                text(&item.row, "title")
            )));
        }
    }

    crate::pause::at("contribution-staged");
    let mut report = ImportReport {
        contributor: records.contributor.clone(),
        ..ImportReport::default()
    };
    let ev_cols = columns(store.conn(), "evidence")?;
    let ac_cols = columns(store.conn(), "action_item")?;
    store.write(|tx| {
        tx.execute(
            "INSERT INTO contribution_import (id, pack_id, contributor, source_school, imported_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![import_id, records.pack_id, records.contributor, records.school_name, now.to_rfc3339()],
        )?;
        let blob_cols = columns(tx, "blob")?;
        for b in records.blobs.iter().filter(|b| have_file(&text(b, "sha256"))) {
            let cols: Vec<&String> = b.keys().filter(|k| blob_cols.contains(k)).collect();
            let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
            let names: Vec<&str> = cols.iter().map(|c| c.as_str()).collect();
            tx.execute(
                &format!("INSERT OR IGNORE INTO blob ({}) VALUES ({})", names.join(", "), marks.join(", ")),
                rusqlite::params_from_iter(cols.iter().map(|c| to_sql(&b[*c]))),
            )?;
        }
        for (t, items, cols) in [(&EVIDENCE, &records.evidence, &ev_cols), (&ACTIONS, &records.actions, &ac_cols)] {
            let mut known: std::collections::HashSet<String> = std::collections::HashSet::new();
            for row in rows(tx, t.table, "")? {
                let id = text(&row, "id");
                let c = criteria(tx, t.criteria_table, t.key, &id)?;
                known.insert(content_hash(t.kind, &Item { row, criteria: c, content_hash: String::new() }));
            }
            for item in items {
                let id = text(&item.row, "id");
                match local_item(tx, t, &id)? {
                    Some(mine) if content(&mine, cols) == content(item, cols) => report.duplicates += 1,
                    Some(_) => {
                        let theirs = serde_json::to_string(item).map_err(|e| Error::Invalid(e.to_string()))?;
                        let same_open: Option<String> = tx
                            .query_row(
                                "SELECT id FROM contribution_conflict WHERE item_kind = ?1 AND item_id = ?2 AND theirs = ?3 AND resolved_at IS NULL",
                                params![t.kind, id, theirs],
                                |r| r.get(0),
                            )
                            .optional()?;
                        if same_open.is_none() {
                            tx.execute(
                                "INSERT INTO contribution_conflict (id, import_id, item_kind, item_id, theirs, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                params![uuid::Uuid::new_v4().to_string(), import_id, t.kind, id, theirs, now.to_rfc3339()],
                            )?;
                        }
                        report.conflicts += 1;
                    }
                    None if known.contains(&content_hash(t.kind, item)) => report.duplicates += 1,
                    None => {
                        insert_item(tx, t, item, import_id, cols).map_err(|e| match e {
                            Error::Sql(rusqlite::Error::SqliteFailure(f, msg))
                                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
                            {
                                refuse(format!(
                                    "\"{}\" has a value this app does not accept ({})",
                                    text(&item.row, t.title),
                                    msg.unwrap_or_default()
                                ))
                            }
                            other => other,
                        })?;
                        known.insert(content_hash(t.kind, item));
                        if t.kind == "evidence" {
                            report.added_evidence += 1;
                        } else {
                            report.added_actions += 1;
                        }
                    }
                }
            }
        }
        tx.execute(
            "UPDATE contribution_import SET added = ?2, duplicates = ?3, conflicts = ?4 WHERE id = ?1",
            params![import_id, (report.added_evidence + report.added_actions) as i64, report.duplicates as i64, report.conflicts as i64],
        )?;
        Ok(())
    })?;
    // The rows are committed; moving the files in now is finished by `datadir::open` if we die here.
    crate::pause::at("contribution-committed");
    crate::datadir::import_staging::move_staged_blobs(store.root(), staging)?;
    Ok(report)
}

/// The conflicts still waiting for a decision, oldest first.
pub fn list_conflicts(store: &Store) -> Result<Vec<Conflict>> {
    let mut stmt = store.conn().prepare(
        "SELECT c.id, c.item_kind, c.item_id, c.theirs, i.contributor FROM contribution_conflict c \
         JOIN contribution_import i ON i.id = c.import_id WHERE c.resolved_at IS NULL ORDER BY c.created_at, c.id",
    )?;
    let raw = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for (id, kind, item_id, theirs, contributor) in raw {
        let t = table_for(&kind)?;
        let theirs: Item = serde_json::from_str(&theirs).map_err(|e| Error::Invalid(e.to_string()))?;
        let mine = local_item(store.conn(), t, &item_id)?.unwrap_or(Item {
            row: Row::new(),
            criteria: Vec::new(),
            content_hash: String::new(),
        });
        let cols = columns(store.conn(), t.table)?;
        let (a, b) = (content(&mine, &cols), content(&theirs, &cols));
        let show = |v: Option<&Value>| match v {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(v) => v.to_string(),
        };
        let differences = a
            .keys()
            .chain(b.keys())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .filter(|k| a.get(*k) != b.get(*k))
            .map(|k| Difference {
                field: k.clone(),
                mine: show(a.get(k)),
                theirs: show(b.get(k)),
            })
            .collect();
        out.push(Conflict {
            id,
            item_kind: kind,
            item_id,
            title_mine: text(&mine.row, t.title),
            title_theirs: text(&theirs.row, t.title),
            contributor,
            differences,
        });
    }
    Ok(out)
}

/// Settles a conflict: keep this data folder's version, or take the colleague's.
pub fn resolve_conflict(store: &mut Store, id: &str, choice: Choice, now: DateTime<Utc>) -> Result<()> {
    store.write(|tx| {
        let found: Option<(String, String, String)> = tx
            .query_row(
                "SELECT item_kind, item_id, theirs FROM contribution_conflict WHERE id = ?1 AND resolved_at IS NULL",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((kind, item_id, theirs)) = found else {
            return Err(Error::NotFound { what: "conflict", id: id.to_string() });
        };
        if choice == Choice::TakeTheirs {
            let t = table_for(&kind)?;
            let theirs: Item = serde_json::from_str(&theirs).map_err(|e| Error::Invalid(e.to_string()))?;
            let cols = columns(tx, t.table)?;
            let set: Vec<&String> =
                theirs.row.keys().filter(|k| cols.contains(k) && !LOCAL_ONLY.contains(&k.as_str())).collect();
            let mut values: Vec<rusqlite::types::Value> = set.iter().map(|c| to_sql(&theirs.row[*c])).collect();
            let mut assigns: Vec<String> = set.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 1)).collect();
            if cols.iter().any(|c| c == "updated_at") {
                values.push(rusqlite::types::Value::Text(now.to_rfc3339()));
                assigns.push(format!("updated_at = ?{}", values.len()));
            }
            values.push(rusqlite::types::Value::Text(item_id.clone()));
            let n = tx
                .execute(&format!("UPDATE {} SET {} WHERE id = ?{}", t.table, assigns.join(", "), values.len()), rusqlite::params_from_iter(values))
                .map_err(|e| match e {
                    rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => Error::Invalid(
                        "their version uses a file that another item here already has; keep yours, or delete the other item first".into(),
                    ),
                    other => Error::Sql(other),
                })?;
            if n == 0 {
                return Err(Error::NotFound { what: "item", id: item_id });
            }
            set_criteria(tx, t, &item_id, &theirs.criteria)?;
        }
        tx.execute(
            "UPDATE contribution_conflict SET resolved_at = ?2, resolution = ?3 WHERE id = ?1",
            params![id, now.to_rfc3339(), if choice == Choice::TakeTheirs { "theirs" } else { "mine" }],
        )?;
        Ok(())
    })
}
