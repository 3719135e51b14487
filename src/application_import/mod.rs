//! Bringing a school's own draft of the application (a Word or OpenDocument file, or the app's own
//! Word export edited) into the accounts: `sanctuary application import FILE` and the Audit
//! screen's "Bring in an existing draft".
//!
//! The draft is read by the `office` readers, then walked from top to bottom: a heading or a
//! heading-like line that names a criterion (see [`locate`]) starts that criterion's text, a strand
//! heading ends it, and the common two-column table (criterion | what we do) gives each row's
//! criterion by its first cell. What belongs to no criterion (an introduction, a closing note) is
//! listed, never put anywhere. In the app's own export, the account headings ("What we already
//! do", "Gaps…", "Our account") say which account text belongs to; in a school's own draft it is
//! the account (narrative). Lists, bold and italic come through as the accounts' Markdown.
//!
//! Nothing is written until the school chooses: [`propose`] says, per criterion, what it holds now
//! and what the draft would put there; [`apply`] writes the chosen ones in one transaction, and
//! never overwrites an account that has text unless asked.
//!
//! Not for: comments and tracked changes in a reviewed file (see `review`).

pub mod locate;
pub mod markdown;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Account};
use crate::error::{Error, Result};
use crate::framework::Framework;
use crate::i18n::Lang;
use crate::office::{self, Block, Format};
use crate::store::Store;
use locate::{Locator, Step, Tracker};

/// Largest draft read: a long Word file with pictures.
const MAX_FILE: u64 = 200 * 1024 * 1024;

/// What the draft would put in one account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "DraftAccount")]
pub struct Proposed {
    pub criterion_key: String,
    pub number: u32,
    pub title: String,
    pub account: Account,
    /// The account as it reads now.
    pub current: String,
    /// What the draft says for it (Markdown).
    pub proposed: String,
    /// True when the account already has text, which importing would replace.
    pub replaces: bool,
}

/// What a draft would bring in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "DraftProposal")]
pub struct Proposal {
    pub file_name: String,
    /// In the framework's order.
    pub accounts: Vec<Proposed>,
    /// Text that belongs to no criterion, paragraph by paragraph (an introduction…): left out.
    pub left_out: Vec<String>,
}

/// One account chosen in the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "DraftChoice")]
pub struct DraftChoice {
    pub criterion_key: String,
    pub account: Account,
}

/// Reads the draft at `path` (.docx or .odt) into blocks.
pub fn read_draft(path: &Path) -> Result<Vec<Block>> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    let format = match ext.as_str() {
        "docx" | "docm" | "dotx" => Format::Docx,
        "odt" | "ott" => Format::Odt,
        _ => {
            return Err(Error::rule(
                "draft_not_word",
                [],
                "the draft must be a Word (.docx) or OpenDocument (.odt) file; save it as .docx and try again",
            ))
        }
    };
    let bytes = read_capped(path, MAX_FILE)?;
    match office::read(&bytes, format) {
        Ok(office::Content::Flow(blocks)) => Ok(blocks),
        Ok(_) => Err(Error::rule("draft_not_word", [], "the draft is not a text document; save it as .docx and try again")),
        Err(p) => Err(Error::rule(
            "draft_unreadable",
            [("problem", p.code().into())],
            format!("the draft cannot be read: {}", p.message()),
        )),
    }
}

/// The bytes of `path`, refusing a file over `max` bytes.
pub(crate) fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io("cannot open", path, e))?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(file, max + 1), &mut bytes).map_err(|e| Error::io("cannot read", path, e))?;
    if bytes.len() as u64 > max {
        return Err(Error::rule(
            "import_file_too_large",
            [("max", ((max / (1024 * 1024)) as i64).into())],
            format!("the file is larger than {} MB, too large to be an application or a review of one", max / (1024 * 1024)),
        ));
    }
    Ok(bytes)
}

/// True when a paragraph is wholly bold (a heading typed by hand).
fn all_bold(runs: &[office::Run]) -> bool {
    let mut any = false;
    for r in runs.iter().filter(|r| !r.text.trim().is_empty()) {
        if !r.bold {
            return false;
        }
        any = true;
    }
    any
}

/// The texts an empty account prints, in every language: not text of the school's.
fn placeholders() -> Vec<&'static str> {
    let mut out = Vec::new();
    for lang in Lang::ALL {
        for key in ["text.already_empty", "text.gaps_empty", "text.account_empty"] {
            out.push(lang.t(key));
        }
    }
    out
}

/// The draft's text per (criterion, account), in the order met, and what was left out.
pub fn split(fw: &Framework, blocks: &[Block]) -> (Vec<((String, Account), Vec<Block>)>, Vec<String>) {
    let loc = Locator::new(fw);
    let app_layout = blocks.iter().any(|b| matches!(b, Block::Heading { text, .. } if matches!(loc.heading(text), locate::Found::Account(_))));
    let empty = placeholders();
    let mut tracker = Tracker::new(&loc);
    tracker.styled_only = app_layout;
    let mut parts: Vec<((String, Account), Vec<Block>)> = Vec::new();
    let mut left_out = Vec::new();
    let mut put = |tracker: &Tracker, b: &Block, left_out: &mut Vec<String>| {
        let text = markdown::plain(std::slice::from_ref(b));
        if text.is_empty() || empty.contains(&text.as_str()) {
            return;
        }
        match &tracker.criterion {
            Some(key) => {
                if app_layout && !tracker.in_account {
                    return; // the criterion's summary and audit line, which the app printed
                }
                let at = (key.clone(), tracker.account);
                match parts.iter_mut().find(|(k, _)| *k == at) {
                    Some((_, list)) => list.push(b.clone()),
                    None => parts.push((at, vec![b.clone()])),
                }
            }
            None => left_out.push(text),
        }
    };
    for b in blocks {
        let step = match b {
            Block::Heading { level, text } => tracker.line(text, Some(*level), true),
            Block::Paragraph { runs } => tracker.line(&markdown::plain(std::slice::from_ref(b)), None, all_bold(runs)),
            Block::ListItem { number: Some(n), runs, .. } if all_bold(runs) => {
                tracker.line(&format!("{n}) {}", markdown::plain(std::slice::from_ref(b))), None, true)
            }
            Block::Table { rows } => {
                // A table whose first column names criteria gives each row's criterion; its other
                // rows belong to none (a first row that names none is its header, not text). Any other table is text.
                let names = |row: &Vec<Vec<Block>>| row.first().is_some_and(|c| matches!(loc.heading(&markdown::plain(c)), locate::Found::Criterion(_)));
                if !rows.iter().any(names) {
                    rows.iter().flatten().flatten().for_each(|c| put(&tracker, c, &mut left_out));
                    continue;
                }
                tracker.criterion = None;
                for (i, row) in rows.iter().enumerate() {
                    let Some((first, rest)) = row.split_first() else { continue };
                    if tracker.row(&markdown::plain(first)) {
                        rest.iter().flatten().for_each(|c| put(&tracker, c, &mut left_out));
                    } else if i > 0 {
                        let text = row.iter().map(|c| markdown::plain(c)).collect::<Vec<_>>().join(" | ");
                        if !text.trim_matches([' ', '|']).is_empty() {
                            left_out.push(text);
                        }
                    }
                }
                tracker.criterion = None;
                continue;
            }
            Block::Picture(_) | Block::PageBreak => continue,
            _ => Step::Text,
        };
        if step == Step::Text {
            put(&tracker, b, &mut left_out);
        }
    }
    (parts, left_out)
}

/// `text` with "E3 (Its title)", as the app's own Word export names exhibits, back to "E3", so an
/// export brought back in does not title its references twice.
fn untitled(text: &str, exhibits: &[crate::portfolio::ExhibitRef]) -> String {
    let mut out = text.to_string();
    for x in exhibits {
        for lang in Lang::ALL {
            let titled = lang.f("part.titled_exhibit", &[("exhibit", &x.label), ("title", &x.title)]);
            out = out.replace(&titled, &x.label);
        }
    }
    out
}

/// What the draft at `path` would bring in, beside what each account holds now.
pub fn propose(store: &Store, fw: &Framework, path: &Path) -> Result<Proposal> {
    let blocks = read_draft(path)?;
    let (parts, left_out) = split(fw, &blocks);
    let by: BTreeMap<(String, Account), Vec<Block>> = parts.into_iter().collect();
    let exhibits = crate::portfolio::exhibits(store)?;
    let mut accounts = Vec::new();
    for c in &fw.criteria {
        for a in Account::ALL {
            let Some(blocks) = by.get(&(c.key.clone(), a)) else { continue };
            let proposed = untitled(&markdown::blocks(blocks), &exhibits);
            if proposed.trim().is_empty() {
                continue;
            }
            let current = audit::account(store, &c.key, a)?;
            accounts.push(Proposed {
                criterion_key: c.key.clone(),
                number: c.number,
                title: c.title.clone(),
                account: a,
                replaces: !current.trim().is_empty(),
                current,
                proposed,
            });
        }
    }
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(Proposal { file_name, accounts, left_out })
}

/// What [`apply`] wrote and what it left as it was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "DraftApplied")]
pub struct Applied {
    pub written: Vec<DraftChoice>,
    /// Accounts that have text and were not chosen to be replaced.
    pub kept: Vec<DraftChoice>,
}

/// Writes the draft at `path` into the accounts, in one transaction. `chosen` names the accounts to
/// write (as ticked in the window, replacing text only where ticked); None writes every proposed
/// account that is empty now, and those with text too when `replace`.
pub fn apply(
    store: &mut Store,
    fw: &Framework,
    path: &Path,
    chosen: Option<&[DraftChoice]>,
    replace: bool,
    now: DateTime<Utc>,
) -> Result<Applied> {
    let proposal = propose(store, fw, path)?;
    let mut texts = Vec::new();
    let mut out = Applied { written: Vec::new(), kept: Vec::new() };
    for p in proposal.accounts {
        let choice = DraftChoice { criterion_key: p.criterion_key.clone(), account: p.account };
        let take = match chosen {
            Some(list) => list.contains(&choice),
            None => !p.replaces || replace,
        };
        if take {
            texts.push((p.criterion_key, p.account, p.proposed));
            out.written.push(choice);
        } else if p.replaces {
            out.kept.push(choice);
        }
    }
    audit::set_accounts(store, fw, &texts, now, |_| Ok(()))?;
    Ok(out)
}
