//! Sharing the school's sanctuary work outside school: a folder ready for the school's website and
//! newsletter, made from the evidence the app already holds (`sanctuary share --out DIR`, the
//! window's Share screen).
//!
//! The folder holds `index.html` (one self-contained, accessible page, English or Welsh, no script,
//! nothing loaded from elsewhere), `images/` (web copies: upright, hidden areas painted over, no
//! metadata, named by exhibit number), `post.html` (the same content as a fragment to paste into a
//! website editor), `newsletter.docx` (the same as a Word piece) and `poster.pdf` (one A4 page for
//! reception). Only items with consent to share outside school appear (see `select`).
//!
//! One private module per concept: `select` (the choices resolved, and the consent rule), `html`
//! (page and fragment), `images`, `newsletter`, `poster`, `folder` (written atomically, and which
//! existing folders may be replaced).
//!
//! Not for: the panel's portfolio (`portfolio`), nor recording consent (`evidence`).

mod folder;
mod html;
mod images;
mod newsletter;
mod poster;
mod select;

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use select::{consented, content, Content, LeftOut, Piece, StoryContent};

use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::store::Store;

/// The City of Sanctuary's Schools of Sanctuary site, which every page links back to.
pub const CITY_OF_SANCTUARY_URL: &str = "https://schools.cityofsanctuary.org/";

/// The settings key that keeps the coordinator's last choices.
const CHOICES_KEY: &str = "share.choices";

/// What the coordinator picked for the page, in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename = "ShareChoices")]
pub struct Choices {
    /// The page's title; empty means the default (see [`Content::default_title`]).
    pub title: String,
    /// The introduction; empty means the default, from the pledge and the accounts.
    pub intro: String,
    /// Stories, in order: each an action from the plan with the items told with it.
    pub stories: Vec<StoryChoice>,
    /// Items on their own (words, photos, links), in order.
    pub items: Vec<String>,
}

/// One story: an action of the plan and the evidence ids told with it, in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename = "ShareStoryChoice")]
pub struct StoryChoice {
    pub action_id: String,
    pub items: Vec<String>,
}

/// The coordinator's last choices (empty when none were kept).
pub fn saved_choices(store: &Store) -> Result<Choices> {
    Ok(store.setting(CHOICES_KEY)?.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default())
}

/// Keeps the coordinator's choices for next time.
pub fn save_choices(store: &mut Store, choices: &Choices) -> Result<()> {
    for text in [&choices.title, &choices.intro] {
        if text.chars().count() > 5000 {
            return Err(Error::rule("text_too_long", [("max", 5000i64.into())], "the title or introduction is longer than 5,000 characters; shorten it"));
        }
    }
    // internal: serialising our own plain struct fails only on a bug.
    let json = serde_json::to_string(choices).map_err(|e| Error::Invalid(e.to_string()))?;
    store.write(|tx| Store::put_setting(tx, CHOICES_KEY, &json))
}

/// What to write and where.
#[derive(Debug, Clone)]
pub struct ShareOptions {
    /// The folder to make (or replace, when it is a previous share output).
    pub out: PathBuf,
    pub choices: Choices,
    pub language: Lang,
    /// Dates the Word file's entries and the poster, so the same input gives the same bytes.
    pub now: DateTime<Utc>,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ShareReport")]
pub struct ShareReport {
    pub path: PathBuf,
    /// The files written, relative to the folder.
    pub files: Vec<String>,
    pub images: usize,
    pub left_out: Vec<LeftOut>,
}

/// Makes the folder: every file in a staging folder beside `opts.out`, then one rename, so a
/// failure half-way leaves what was there before.
pub fn write(store: &Store, opts: &ShareOptions) -> Result<ShareReport> {
    folder::check_target(&opts.out)?;
    let mut content = select::content(store, &opts.choices, opts.language)?;
    let school = crate::school::find(store)?.unwrap_or_default();
    let out = opts.out.clone();
    let files = folder::write_atomically(&opts.out, |dir| {
        let made = images::write(store, &mut content, &dir.join("images"))?;
        let mut files: Vec<String> = made.iter().map(|f| format!("images/{f}")).collect();
        let mut put = |name: &str, bytes: &[u8]| -> Result<()> {
            std::fs::write(dir.join(name), bytes).map_err(|e| Error::io("cannot write", dir.join(name), e))?;
            files.push(name.to_string());
            Ok(())
        };
        put("index.html", html::page(&content).as_bytes())?;
        put("post.html", html::fragment(&content).as_bytes())?;
        put("newsletter.docx", &newsletter::docx(&content, &dir.join("images"), opts.now)?)?;
        put("poster.pdf", &poster::pdf(&content, school.share_url.trim(), opts.now)?)?;
        files.sort();
        Ok(files)
    })?;
    let images = files.iter().filter(|f| f.starts_with("images/")).count();
    Ok(ShareReport { path: out, files, images, left_out: content.left_out })
}
