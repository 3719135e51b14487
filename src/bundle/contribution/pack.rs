//! Writing a pack: this data folder's live evidence and action items, their criteria and the files
//! they name, into a `.sanctuary-contribution` (sealed with a passphrase when one is given).

use std::fs;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::rows::{content_hash, criteria, rows, text};
use super::{ExportReport, Item, Records, Row, RECORDS_NAME};
use crate::bundle::archive::BundleWriter;
use crate::bundle::backup::blob_path;
use crate::bundle::manifest::{blob_entry, is_sha256, Kind, Manifest};
use crate::bundle::protection::Seal;
use crate::error::{Error, Result};
use crate::job::Job;
use crate::store::Store;

/// Writes the live evidence and action items of this data folder to `out`, unencrypted.
pub fn export(store: &Store, out: &Path, contributor: &str, now: DateTime<Utc>, job: &Job) -> Result<ExportReport> {
    write(store, out, contributor, None, now, job)
}

/// A pack that leaves the laptop: with a passphrase it is encrypted as it is written (age format);
/// unprotected only when `seal` carries the explicit choice (see [`crate::bundle::protection::seal`]).
pub fn export_sealed(store: &Store, out: &Path, contributor: &str, seal: &Seal, now: DateTime<Utc>, job: &Job) -> Result<ExportReport> {
    write(store, out, contributor, seal.passphrase(), now, job)
}

/// Writes the pack, encrypted when there is a passphrase.
fn write(
    store: &Store,
    out: &Path,
    contributor: &str,
    passphrase: Option<&crate::bundle::sealed::Passphrase>,
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
        crate::bundle::backup::sweep_leftovers(dir, &name.to_string_lossy());
    }
    let manifest = Manifest::new(
        Kind::Contribution,
        &school_name,
        store.schema_version()?,
        &now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    );
    let mut writer = BundleWriter::create_sealed(out, manifest, now, passphrase)?;
    // internal: records read from our own tables always serialise.
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
            return Err(Error::rule(
                "pack_evidence_damaged",
                [("sha", sha.as_str().into())],
                format!("evidence file {sha} is damaged in this data folder, so it cannot be shared; remove that item or restore a backup, then export again"),
            ));
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
