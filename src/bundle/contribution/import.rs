//! Merging a pack: its files are checked and staged beside the store, its rows merged in one
//! transaction by the rules in the parent module's notes, and only then are the files moved in.
//!
//! Not for: an import a crash interrupted (`datadir::import_staging` finishes it) or the conflicts it
//! leaves (`conflicts`).

use std::fs;
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::rows::{columns, content, content_hash, criteria, insert_item, local_item, rows, text, to_sql, ACTIONS, EVIDENCE};
use super::{ImportReport, Item, Records, IMPORT_STAGING_DIR, RECORDS_NAME};
use crate::bundle::archive::{BundleReader, Limits};
use crate::bundle::backup::blob_path;
use crate::bundle::manifest::{blob_entry, is_sha256, Kind};
use crate::error::{write_error, Error, Result};
use crate::job::Job;
use crate::store::Store;

/// Largest records entry an import reads into memory.
const MAX_RECORDS_BYTES: u64 = 256 << 20;

/// Merges the contribution pack `file` into `store`; see the module notes for the rules.
pub fn import(store: &mut Store, file: &Path, limits: &Limits, now: DateTime<Utc>, job: &Job) -> Result<ImportReport> {
    import_sealed(store, file, limits, None, now, job)
}

/// As [`import`], opening a sealed pack with `passphrase` (nothing changes if it is missing or wrong).
pub fn import_sealed(
    store: &mut Store,
    file: &Path,
    limits: &Limits,
    passphrase: Option<&crate::bundle::sealed::Passphrase>,
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
        if let Some(sha) = crate::bundle::manifest::blob_entry_sha(&e.path) {
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
    // The kind has no CHECK in the table: a word this version does not know would go in and then
    // make the whole library unreadable (see `evidence::kinds`), so it is refused here, at import.
    for item in &records.evidence {
        let kind = text(&item.row, "kind");
        if crate::evidence::EvidenceKind::from_stored(&kind).is_none() {
            return Err(refuse(format!("\"{}\" is of a kind this app does not know ({kind})", text(&item.row, "title"))));
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
                        // internal: an item just parsed from JSON always serialises again.
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
