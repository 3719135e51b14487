//! Conflicts: items a colleague changed that were also here, each waiting for the user to keep
//! theirs or take the colleague's. Nothing is overwritten until they decide.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde_json::Value;

use super::rows::{columns, content, local_item, set_criteria, table_for, text, to_sql, LOCAL_ONLY};
use super::{Choice, Conflict, Difference, Item, Row};
use crate::error::{Error, Result};
use crate::store::Store;

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
        // internal: `theirs` was written by our own import; only a damaged database fails here.
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
            // internal: as above, our own stored JSON.
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
                    rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => Error::rule(
                        "contribution_file_taken",
                        [],
                        "their version uses a file that another item here already has; keep yours, or delete the other item first",
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
