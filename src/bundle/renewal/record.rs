//! The record a renewal files in `previous_award`: the school's application as it stood when the
//! renewal started, as JSON.
//!
//! It copies whole rows, every column as stored, by design: the record is an archive of that moment
//! that later builds read back as it was written, so it follows the schema, not any module's view of
//! it. That makes this file one of the named exceptions to "each table has one module that writes its
//! SQL" (see `store`). Not for: anything the new cycle edits; that goes through the owners.

use serde_json::json;

use crate::error::Result;
use crate::store::Store;

/// The school, journey, audit, narratives, live actions, live commitments and live evidence, row by row.
pub(super) fn as_it_stands(store: &Store) -> Result<serde_json::Value> {
    let conn = store.conn();
    let table = |sql: &str| -> Result<serde_json::Value> {
        let mut stmt = conn.prepare(sql)?;
        let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
        let rows = stmt
            .query_map([], |r| {
                let mut obj = serde_json::Map::new();
                for (i, n) in names.iter().enumerate() {
                    let v = match r.get_ref(i)? {
                        rusqlite::types::ValueRef::Null => serde_json::Value::Null,
                        rusqlite::types::ValueRef::Integer(x) => x.into(),
                        rusqlite::types::ValueRef::Real(x) => x.into(),
                        rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
                        rusqlite::types::ValueRef::Blob(_) => serde_json::Value::Null,
                    };
                    obj.insert(n.clone(), v);
                }
                Ok(serde_json::Value::Object(obj))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(serde_json::Value::Array(rows))
    };
    Ok(json!({
        "school": table("SELECT * FROM school")?,
        "journey": table("SELECT * FROM journey_step ORDER BY step")?,
        "audit": table("SELECT * FROM audit ORDER BY criterion_key")?,
        "narratives": table("SELECT * FROM narrative ORDER BY criterion_key")?,
        "actions": table("SELECT a.*, (SELECT group_concat(criterion_key) FROM action_criterion WHERE action_id = a.id) AS criteria FROM action_item a WHERE deleted_at IS NULL ORDER BY created_at")?,
        "commitments": table("SELECT * FROM commitment WHERE deleted_at IS NULL ORDER BY cycle, created_at, id")?,
        "evidence": table("SELECT e.id, e.title, e.kind, e.blob_sha256, e.activity_date, (SELECT group_concat(criterion_key) FROM evidence_criterion WHERE evidence_id = e.id) AS criteria FROM evidence e WHERE deleted_at IS NULL ORDER BY position, added_at")?,
    }))
}
