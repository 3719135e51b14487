//! What goes on the school's page: the coordinator's choices resolved against the library, the plan
//! and the journey, and the one rule that decides whether an item may leave school.
//!
//! The rule: an item appears only when it has consent to share outside school (a consent of its own,
//! separate from the consent for the panel, and no until someone says yes), it is still in the
//! library, and it is something a web page can show (a photo, someone's words, a link). Everything
//! else the coordinator chose is listed in `left_out` with the reason, for the preview to say.
//!
//! Not for: writing anything (see the sibling modules), nor making the pictures (`images`), which
//! can still leave a photo out when its picture cannot be read.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::{Choices, CITY_OF_SANCTUARY_URL};
use crate::error::Result;
use crate::evidence::{self, EvidenceKind, Filter, Item};
use crate::i18n::Lang;
use crate::store::Store;

/// The page's content, resolved: what the preview shows and every file of the folder is made from.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ShareContent")]
pub struct Content {
    /// `en` or `cy`.
    pub language: String,
    pub school: String,
    /// The title and introduction used: the coordinator's, or the defaults below when left empty.
    pub title: String,
    pub intro: String,
    /// What the title and introduction are when the coordinator types none (from the school's
    /// pledge and its accounts), for the window to offer.
    pub default_title: String,
    pub default_intro: String,
    pub stories: Vec<StoryContent>,
    /// People's words chosen on their own, in the coordinator's order.
    pub words: Vec<Piece>,
    /// Photos chosen on their own.
    pub photos: Vec<Piece>,
    /// Links to other pages chosen on their own.
    pub links: Vec<Piece>,
    /// The pledge statement, and the date it was signed written out ("" when not recorded).
    pub pledge: String,
    pub pledge_date: String,
    /// The award's date written out, "" until the school is awarded.
    pub awarded_on: String,
    /// The City of Sanctuary site the page links back to.
    pub home_url: String,
    /// Chosen items that will not appear, and why.
    pub left_out: Vec<LeftOut>,
}

/// An action from the plan told with its photos and words.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ShareStory")]
pub struct StoryContent {
    pub action_id: String,
    pub heading: String,
    pub pieces: Vec<Piece>,
}

/// One item as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "SharePiece")]
pub struct Piece {
    pub id: String,
    /// Its exhibit number in the library ("E3").
    pub exhibit: String,
    /// A photo, a quote or a link (a document is never shown on a web page).
    pub kind: EvidenceKind,
    pub title: String,
    /// A quote's words, or a photo's caption (never its file name, which may name a pupil).
    pub text: String,
    /// Who said it, as the portfolio attributes it (a year group or role).
    pub attribution: String,
    /// A link's address.
    pub url: String,
    /// A photo's alternative text.
    pub alt: String,
    /// A photo's file in `images/` ("e3.jpg"), and its size once made.
    pub image: String,
    pub width: u32,
    pub height: u32,
    #[serde(skip)]
    pub(super) sha256: Option<String>,
    #[serde(skip)]
    pub(super) mime: String,
}

/// A chosen item that will not appear.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ShareLeftOut")]
pub struct LeftOut {
    pub id: String,
    /// "E3", or "" for an item no longer in the library or a story's action.
    pub exhibit: String,
    pub title: String,
    /// Why, as a code the window words: `no_share_consent`, `document`, `not_found`,
    /// `action_not_found` or `unreadable`.
    pub reason: String,
}

impl LeftOut {
    /// The reason in English, for the command line.
    pub fn reason_en(&self) -> &'static str {
        match self.reason.as_str() {
            "no_share_consent" => "no consent to share it outside school",
            "document" => "a document cannot be shown on a web page",
            "action_not_found" => "the action is no longer in the plan",
            "unreadable" => "its picture could not be read",
            _ => "it is no longer in the library",
        }
    }
}

/// Resolves `choices` into the page's content, in `lang`.
pub fn content(store: &Store, choices: &Choices, lang: Lang) -> Result<Content> {
    let library = evidence::list(store, &Filter::default())?;
    let exhibit: HashMap<&str, (usize, &Item)> = library.iter().enumerate().map(|(i, it)| (it.id.as_str(), (i + 1, it))).collect();
    let mut left_out = Vec::new();
    let mut seen = HashSet::new();
    // Each chosen id once, first place wins; the reason it is left out said once too.
    let mut take = |id: &str, story: Option<&str>, left_out: &mut Vec<LeftOut>| -> Option<Piece> {
        if !seen.insert(id.to_string()) {
            return None;
        }
        let Some((n, it)) = exhibit.get(id) else {
            left_out.push(LeftOut { id: id.into(), exhibit: String::new(), title: String::new(), reason: "not_found".into() });
            return None;
        };
        let label = evidence::exhibit_label(*n);
        let reason = if !it.share_consent {
            Some("no_share_consent")
        } else if it.kind == EvidenceKind::Document {
            Some("document")
        } else if it.kind == EvidenceKind::Photo && (it.sha256.is_none() || it.mime.as_deref().and_then(evidence::rendition::format_of).is_none()) {
            Some("unreadable")
        } else {
            None
        };
        if let Some(reason) = reason {
            left_out.push(LeftOut { id: id.into(), exhibit: label, title: it.title.clone(), reason: reason.into() });
            return None;
        }
        Some(piece(it, &label, story, lang))
    };

    let actions = crate::plan::list_all(store)?;
    let mut stories = Vec::new();
    for s in &choices.stories {
        let Some(action) = actions.iter().find(|a| a.id == s.action_id) else {
            left_out.push(LeftOut { id: s.action_id.clone(), exhibit: String::new(), title: String::new(), reason: "action_not_found".into() });
            continue;
        };
        let pieces = s.items.iter().filter_map(|id| take(id, Some(&action.action), &mut left_out)).collect();
        stories.push(StoryContent { action_id: action.id.clone(), heading: action.action.clone(), pieces });
    }
    let (mut words, mut photos, mut links) = (Vec::new(), Vec::new(), Vec::new());
    for id in &choices.items {
        if let Some(p) = take(id, None, &mut left_out) {
            match p.kind {
                EvidenceKind::Quote => words.push(p),
                EvidenceKind::Photo => photos.push(p),
                EvidenceKind::Link | EvidenceKind::Document => links.push(p),
            }
        }
    }

    let school = crate::school::find(store)?.unwrap_or_default();
    let name = if school.name.trim().is_empty() { lang.t("share.our_school").to_string() } else { school.name.trim().to_string() };
    let steps = crate::journey::steps(store)?;
    let date_of = |key: &str| steps.iter().find(|s| s.key == key).and_then(|s| s.date).map(|d| lang.long_date(d)).unwrap_or_default();
    let pledge_date = date_of("pledge");
    let awarded_on = date_of("awarded");
    let fw = crate::school::framework(store)?;
    let narratives = crate::audit::narratives(store)?;
    let pledge_account = fw.pledge_criterion().and_then(|c| narratives.get(&c.key)).map(|t| plain(t)).filter(|t| !t.is_empty());
    let pledge = pledge_account.unwrap_or_else(|| lang.t("share.pledge_default").to_string());
    let default_title = lang.f(if awarded_on.is_empty() { "share.title_working" } else { "share.title_awarded" }, &[("school", &name)]);
    // The introduction: the pledge in a sentence, then the opening of the first account written
    // for any other criterion, in framework order.
    let mut default_intro = if pledge_date.is_empty() {
        lang.f("share.intro_working", &[("school", &name)])
    } else {
        lang.f("share.intro_pledged", &[("school", &name), ("date", &pledge_date)])
    };
    let first_account = fw
        .criteria
        .iter()
        .filter(|c| Some(&c.key) != fw.pledge_criterion().map(|p| &p.key))
        .filter_map(|c| narratives.get(&c.key))
        .map(|t| plain(t))
        .find(|t| !t.is_empty());
    if let Some(account) = first_account {
        default_intro.push_str("\n\n");
        default_intro.push_str(&opening(&account, 600));
    }
    let title = if choices.title.trim().is_empty() { default_title.clone() } else { choices.title.trim().to_string() };
    let intro = if choices.intro.trim().is_empty() { default_intro.clone() } else { choices.intro.trim().to_string() };
    Ok(Content {
        language: lang.code().to_string(),
        school: name,
        title,
        intro,
        default_title,
        default_intro,
        stories,
        words,
        photos,
        links,
        pledge,
        pledge_date,
        awarded_on,
        home_url: CITY_OF_SANCTUARY_URL.to_string(),
        left_out,
    })
}

/// Every live item with sharing consent, in exhibit order: what `share` uses without `--items`.
pub fn consented(store: &Store) -> Result<Vec<String>> {
    Ok(evidence::list(store, &Filter::default())?.into_iter().filter(|it| it.share_consent).map(|it| it.id).collect())
}

fn piece(it: &Item, exhibit: &str, story: Option<&str>, lang: Lang) -> Piece {
    let is_photo = it.kind == EvidenceKind::Photo;
    let caption = it.caption.trim().to_string();
    // A photo's title is often its file name ("Amira at the picnic.jpg"): it is never shown. The
    // caption is the coordinator's words for it; without one, a description that names nobody.
    let alt = match (is_photo, caption.is_empty(), story) {
        (false, ..) => String::new(),
        (true, false, _) => caption.clone(),
        (true, true, Some(s)) => lang.f("share.photo_alt_story", &[("story", &s)]),
        (true, true, None) => lang.t("share.photo_alt").to_string(),
    };
    Piece {
        id: it.id.clone(),
        exhibit: exhibit.to_string(),
        kind: match it.kind {
            EvidenceKind::Photo | EvidenceKind::Quote => it.kind,
            EvidenceKind::Link | EvidenceKind::Document => EvidenceKind::Link,
        },
        title: if is_photo { String::new() } else { it.title.clone() },
        text: if it.kind == EvidenceKind::Quote { it.quote_text.trim().to_string() } else { caption },
        attribution: it.attribution.trim().to_string(),
        url: if it.kind == EvidenceKind::Link { it.url.clone() } else { String::new() },
        alt,
        image: if is_photo { format!("{}.jpg", exhibit.to_lowercase()) } else { String::new() },
        width: 0,
        height: 0,
        sha256: it.sha256.clone(),
        mime: it.mime.clone().unwrap_or_default(),
    }
}

/// An account as plain text: exhibit references (meaningless outside the portfolio) removed, with
/// the brackets and spaces they leave behind.
fn plain(text: &str) -> String {
    const GONE: char = '\u{0}';
    let t = crate::references::to_labels(text, &HashMap::new(), &GONE.to_string());
    // A bracket that held only references ("(E3, E4)", "(see E3)") goes with them.
    let mut out = String::with_capacity(t.len());
    let mut rest = t.as_str();
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else { break };
        let inside = &rest[open + 1..close];
        let only_refs = inside.contains(GONE)
            && inside.replace(GONE, " ").split([' ', ',', ';']).all(|w| matches!(w, "" | "and" | "a" | "ac" | "see" | "gweler" | "&"));
        out.push_str(&rest[..open]);
        if !only_refs {
            out.push_str(&rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    let mut t = out.replace(GONE, "");
    for (from, to) in [("  ", " "), (" .", "."), (" ,", ","), (" ;", ";")] {
        while t.contains(from) {
            t = t.replace(from, to);
        }
    }
    t.trim().to_string()
}

/// The first paragraph of `text`, cut after the last whole sentence within `max` characters.
pub(super) fn opening(text: &str, max: usize) -> String {
    let first = text.split("\n\n").next().unwrap_or_default().trim();
    if first.chars().count() <= max {
        return first.to_string();
    }
    let cut: String = first.chars().take(max).collect();
    match cut.rfind(". ") {
        Some(at) => cut[..=at].to_string(),
        None => format!("{}…", cut.trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_leave_no_empty_brackets() {
        assert_eq!(plain("We held a picnic ([[exhibit:abc]]) and a walk ."), "We held a picnic and a walk.");
        assert_eq!(plain("A walk ([[exhibit:a]], [[exhibit:b]]) and (a picnic)."), "A walk and (a picnic).");
    }

    #[test]
    fn a_long_account_is_cut_at_a_sentence() {
        let t = "One two. Three four five six seven.";
        assert_eq!(opening(t, 20), "One two.");
        assert_eq!(opening(t, 100), t);
    }
}
