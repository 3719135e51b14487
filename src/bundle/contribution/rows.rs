//! Rows as a pack carries them: read column by column into JSON and written back the same way (so
//! columns other modules add later travel too), with the rules for when two copies of an item are
//! the same thing.
//!
//! Not for: deciding what to do with a copy (`import`, `conflicts`).

use std::collections::BTreeMap;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, Transaction};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{Item, Row};
use crate::bundle::archive::hex;
use crate::error::{Error, Result};

/// Columns that describe this copy rather than the item, so they are neither compared nor copied.
pub(super) const LOCAL_ONLY: &[&str] = &[
    "id",
    "updated_at",
    "position",
    "deleted_at",
    "include_in_export",
    "contribution_import_id",
    // Follows from the file, which the hash already compares; a pack from before it existed has none.
    "location_removed",
];

pub(super) fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let v = stmt
        .query_map([], |r| r.get::<_, String>(1))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

pub(super) fn to_json(v: ValueRef) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::from(hex(b)),
    }
}

pub(super) fn to_sql(v: &Value) -> rusqlite::types::Value {
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

pub(super) fn rows(conn: &Connection, table: &str, filter: &str) -> Result<Vec<Row>> {
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

pub(super) fn criteria(conn: &Connection, table: &str, key: &str, id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT criterion_key FROM {table} WHERE {key} = ?1 ORDER BY criterion_key"
    ))?;
    let v = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(v)
}

pub(super) fn text(row: &Row, col: &str) -> String {
    match row.get(col) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(v) => v.to_string(),
    }
}

/// The fields that say what an item is, for comparing two copies of it.
pub(super) fn content(item: &Item, local_cols: &[String]) -> BTreeMap<String, Value> {
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
pub(super) fn content_hash(kind: &str, item: &Item) -> String {
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

pub(super) struct Table {
    pub(super) kind: &'static str,
    pub(super) table: &'static str,
    pub(super) criteria_table: &'static str,
    pub(super) key: &'static str,
    pub(super) title: &'static str,
}

pub(super) const EVIDENCE: Table = Table {
    kind: "evidence",
    table: "evidence",
    criteria_table: "evidence_criterion",
    key: "evidence_id",
    title: "title",
};
pub(super) const ACTIONS: Table = Table {
    kind: "action_item",
    table: "action_item",
    criteria_table: "action_criterion",
    key: "action_id",
    title: "action",
};

pub(super) fn table_for(kind: &str) -> Result<&'static Table> {
    match kind {
        "evidence" => Ok(&EVIDENCE),
        "action_item" => Ok(&ACTIONS),
        // internal: kinds come from our own conflict rows and pack records, checked at import.
        other => Err(Error::Invalid(format!("unknown kind of item `{other}`"))),
    }
}

pub(super) fn local_item(conn: &Connection, t: &Table, id: &str) -> Result<Option<Item>> {
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

pub(super) fn insert_item(tx: &Transaction, t: &Table, item: &Item, import_id: &str, local_cols: &[String]) -> Result<()> {
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

pub(super) fn set_criteria(tx: &Transaction, t: &Table, id: &str, keys: &[String]) -> Result<()> {
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
