//! Every earlier schema version, filled with data, migrates to the current one.

use std::fs;

use rusqlite::Connection;

use crate::support::{now, tempdir};
use super::support::count;

/// A value for a column that satisfies its type, or the first value a `CHECK (col IN (...))` allows.
fn fill_value(table: &str, col: &str, ty: &str, create_sql: &str) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    if let Some(at) = create_sql.find(&format!("CHECK ({col} IN (")) {
        let rest = &create_sql[at..];
        let first = rest.split('\'').nth(1).unwrap_or_default();
        return Value::Text(first.to_string());
    }
    // Dates and times are TEXT in SQLite, but the app parses them: give them the stored formats.
    if col.ends_with("date") || col.ends_with("_on") {
        return Value::Text("2026-01-15".into());
    }
    if col.ends_with("_at") {
        return Value::Text("2026-01-15T10:00:00+00:00".into());
    }
    if ty.to_uppercase().contains("INT") {
        Value::Integer(1)
    } else if ty.to_uppercase().contains("REAL") {
        Value::Real(1.5)
    } else {
        Value::Text(format!("{table}.{col} ✓ ŵ"))
    }
}

/// How a database records its schema version.
#[derive(Debug, Clone, Copy)]
enum Numbering {
    /// As builds before file-numbered versions wrote it: `user_version` counts the migrations run.
    Old,
    /// As this build writes it: the last migration's file number, marked by `application_id`.
    ByFile,
}

/// Builds a database that has run the first `applied` migrations, numbered as `numbering` says, with
/// one row in every table (every column filled unless it has a default), then opens it with the
/// current code. Every row and value must survive the upgrade.
fn migrate_from(applied: usize, numbering: Numbering) {
    let version = format!("{applied} migrations, {numbering:?} numbering");
    let dir = tempdir();
    let root = dir.path().join("d");
    fs::create_dir_all(&root).unwrap();
    let conn = Connection::open(root.join(sanctuary::store::DB_FILE)).unwrap();
    for (_, sql) in &sanctuary::store::MIGRATIONS[..applied] {
        conn.execute_batch(sql).unwrap();
    }
    match numbering {
        Numbering::Old => conn.pragma_update(None, "user_version", applied as i64).unwrap(),
        Numbering::ByFile => {
            conn.pragma_update(None, "user_version", sanctuary::store::MIGRATIONS[applied - 1].0).unwrap();
            conn.pragma_update(None, "application_id", sanctuary::store::APPLICATION_ID).unwrap();
        }
    }
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    let tables: Vec<String> = {
        let mut s = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .unwrap();
        let v = s.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
        v
    };
    // Parents before children, so foreign keys point at real rows.
    let parents = |t: &str| -> Vec<(String, String, String)> {
        let mut s = conn
            .prepare(&format!(
                "SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('{t}')"
            ))
            .unwrap();
        let v = s
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        v
    };
    let mut order: Vec<String> = Vec::new();
    while order.len() < tables.len() {
        for t in &tables {
            if !order.contains(t) && parents(t).iter().all(|(p, _, _)| order.contains(p) || p == t) {
                order.push(t.clone());
            }
        }
    }
    let mut expected: Vec<(String, String, rusqlite::types::Value)> = Vec::new();
    for t in &order {
        let fks = parents(t);
        let create_sql: String = conn
            .query_row("SELECT sql FROM sqlite_master WHERE name = ?1", [t], |r| r.get(0))
            .unwrap();
        let mut s = conn
            .prepare(&format!("SELECT name, type, dflt_value FROM pragma_table_info('{t}')"))
            .unwrap();
        let cols: Vec<(String, String, Option<String>)> = s
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let mut names = Vec::new();
        let mut values = Vec::new();
        for (c, ty, dflt) in &cols {
            let v = match fks.iter().find(|(_, from, _)| from == c) {
                Some((p, _, to)) => fill_value(p, to, "TEXT", ""),
                None if dflt.is_some() => continue,
                None => fill_value(t, c, ty, &create_sql),
            };
            names.push(c.clone());
            values.push(v.clone());
            expected.push((t.clone(), c.clone(), v));
        }
        let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        conn.execute(
            &format!("INSERT INTO {t} ({}) VALUES ({})", names.join(", "), marks.join(", ")),
            rusqlite::params_from_iter(values),
        )
        .unwrap_or_else(|e| panic!("filling {t} at version {version}: {e}"));
    }
    drop(conn);

    let store = sanctuary::datadir::open(&root).unwrap_or_else(|e| panic!("migrating from version {version}: {e}"));
    // The app can read what was migrated.
    sanctuary::status::overview(&store, now().date_naive())
        .unwrap_or_else(|e| panic!("status after migrating from version {version}: {e}"));
    assert_eq!(store.schema_version().unwrap(), sanctuary::store::SCHEMA_VERSION);
    let id: i32 = store.conn().pragma_query_value(None, "application_id", |r| r.get(0)).unwrap();
    assert_eq!(id, sanctuary::store::APPLICATION_ID, "from version {version}");
    let ok: String = store
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    assert_eq!(
        count(&store, "SELECT count(*) FROM pragma_foreign_key_check"),
        0,
        "from version {version}"
    );
    for (t, c, v) in expected {
        let still: bool = store
            .conn()
            .query_row(
                "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2",
                [&t, &c],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
            > 0;
        if !still {
            continue; // a later migration dropped or renamed it on purpose
        }
        if t == "blob_retired" {
            continue; // a work queue: the first opening finishes its rows and empties it
        }
        let n: i64 = store
            .conn()
            .query_row(&format!("SELECT count(*) FROM {t} WHERE {c} = ?1"), [&v], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{t}.{c} after migrating from {version}: {e}"));
        assert_eq!(n, 1, "{t}.{c} = {v:?} lost when migrating from version {version}");
    }
}

#[test]
fn every_earlier_schema_version_with_data_migrates_to_the_current_one() {
    // Picks up future migrations by itself: one run per version below the current one, as older
    // builds numbered it and as this one does; the current version opens as it is, too.
    for applied in 1..=sanctuary::store::MIGRATIONS.len() {
        migrate_from(applied, Numbering::Old);
        migrate_from(applied, Numbering::ByFile);
    }
}
