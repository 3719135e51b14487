//! Soft delete, undo and id-prefix lookup, shared by the tables whose rows can be deleted and
//! brought back: the plan's actions, feedback rounds and comments, and evidence items.
//!
//! A row is deleted by stamping `deleted_at`, so Undo only clears the stamp. The owning module
//! passes its table and the words for its rows in [`Rows`]; this module knows nothing else about them.
//! Not for: deleting for good, nor any table without `id` and `deleted_at` columns.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::Store;
use crate::error::{Error, Result};

/// A table whose rows are soft-deleted, and how its rows are named in messages.
#[derive(Debug, Clone, Copy)]
pub struct Rows {
    /// The table, with `id` and `deleted_at` columns.
    pub table: &'static str,
    /// A live row, as in "action" or "evidence item".
    pub what: &'static str,
    /// A deleted row, as in "deleted action".
    pub deleted_what: &'static str,
}

/// Marks row `id` deleted at `now`; a row that is missing or already deleted is not found.
pub fn delete(store: &mut Store, rows: Rows, id: &str, now: DateTime<Utc>) -> Result<()> {
    let n = store.write(|tx| {
        Ok(tx.execute(
            &format!("UPDATE {} SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL", rows.table),
            params![id, now.to_rfc3339()],
        )?)
    })?;
    found(n, rows.what, id)
}

/// Brings back deleted row `id`; a row that is missing or not deleted is not found. When bringing
/// it back would break a uniqueness rule of the table, the refusal is `conflict` when given.
pub fn undo(store: &mut Store, rows: Rows, id: &str, conflict: Option<fn() -> Error>) -> Result<()> {
    let n = store.write(|tx| {
        let sql = format!("UPDATE {} SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL", rows.table);
        match (tx.execute(&sql, [id]), conflict) {
            (Err(rusqlite::Error::SqliteFailure(e, _)), Some(why)) if e.code == rusqlite::ErrorCode::ConstraintViolation => {
                Err(why())
            }
            (n, _) => Ok(n?),
        }
    })?;
    found(n, rows.deleted_what, id)
}

/// Live (`deleted: false`) or deleted rows whose id starts with `prefix`, the most recently deleted
/// first. `also` is a further SQL condition on the row, which the query names `t` ("" for none).
pub fn ids_with_prefix(store: &Store, rows: Rows, prefix: &str, deleted: bool, also: &str) -> Result<Vec<String>> {
    let also = if also.is_empty() { String::new() } else { format!(" AND ({also})") };
    let mut stmt = store.conn().prepare(&format!(
        "SELECT t.id FROM {} t WHERE (t.deleted_at IS NOT NULL) = ?2 AND substr(t.id, 1, length(?1)) = ?1{also} \
         ORDER BY t.deleted_at DESC, t.id",
        rows.table
    ))?;
    let ids = stmt.query_map(params![prefix, deleted], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// How an id typed at the command line is looked up and, when it names no single row, refused.
#[derive(Debug, Clone, Copy)]
pub struct Lookup<'a> {
    /// Deleted rows (for undo) rather than live ones.
    pub deleted: bool,
    /// A further condition on the row (see [`ids_with_prefix`]).
    pub also: &'a str,
    /// The command that shows the ids, for the message about a malformed one.
    pub list_command: &'a str,
    /// What several matching rows are called: "actions", "items".
    pub plural: &'a str,
}

/// The one row whose id starts with `prefix`, as typed at the command line (at least 4 characters
/// of a UUID, any case).
pub fn resolve(store: &Store, rows: Rows, prefix: &str, how: Lookup) -> Result<String> {
    let prefix = prefix.trim().to_lowercase();
    if prefix.len() < 4 || !prefix.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        // internal: only the command line finds rows by a typed id prefix, and it prints English;
        // the window always passes whole ids.
        return Err(Error::Invalid(format!(
            "`{prefix}` is not {} {} id; use the id shown by `{}` (at least 4 characters)",
            article(rows.what),
            rows.what,
            how.list_command
        )));
    }
    let ids = ids_with_prefix(store, rows, &prefix, how.deleted, how.also)?;
    match ids.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(Error::NotFound { what: if how.deleted { rows.deleted_what } else { rows.what }, id: prefix }),
        // internal: as above, a typed id prefix is the command line's alone.
        _ => Err(Error::Invalid(format!("`{prefix}` matches {} {}; type more of the id", ids.len(), how.plural))),
    }
}

/// "an" before a vowel, else "a".
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
}

/// Turns "no row changed" into not found, under the name `what`.
pub fn found(rows_changed: usize, what: &'static str, id: &str) -> Result<()> {
    if rows_changed == 0 {
        return Err(Error::NotFound { what, id: id.to_string() });
    }
    Ok(())
}
