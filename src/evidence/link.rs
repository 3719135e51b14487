//! Web pages as evidence: the pledge on the school's website, a newsletter post, a local paper's
//! story. A link is an evidence item of kind `link` that holds the page's address, its title and
//! criteria like any item, the date it was published or checked (`activity_date`), a note
//! (`caption`), and optionally a screenshot or photo the coordinator adds, stored like a photo.
//!
//! The app never goes online: nothing here fetches the page. Only `http` and `https` addresses are
//! accepted; the check is here so that the window and the command line refuse the same things.
//!
//! Not for: how a link is printed (see `portfolio::link`).

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use super::{get, import, Consent, EvidenceKind, Item};
use crate::error::{Error, Result};
use crate::store::Store;

/// Longest address accepted: far beyond any real page's address, and still a QR code a phone reads.
pub const MAX_URL_LEN: usize = 2000;

/// A link to add.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct NewLink {
    pub url: String,
    /// Defaults to the page's host ("www.brookfield.sch.uk") when empty.
    pub title: String,
    pub criteria: Vec<String>,
    /// When the page was published or last checked.
    pub date: Option<NaiveDate>,
    pub note: String,
    /// A screenshot or photo of the page, imported like a photo.
    pub screenshot: Option<PathBuf>,
    /// `given`, `not_needed` or `missing`; None means `missing` with a screenshot (it may show
    /// pupils), `not_needed` without.
    pub consent: Option<Consent>,
}

/// Checks a web address and returns it tidied (spaces around it removed; `https://` put in front
/// of an address typed without a scheme, such as `www.school.org/pledge`). Anything that is not an
/// http or https address is refused, saying why.
pub fn check_url(raw: &str) -> Result<String> {
    let url = raw.trim();
    if url.is_empty() {
        return Err(Error::rule("link_no_address", [], "the link has no web address; paste the page's address (it starts with https://)"));
    }
    if url.len() > MAX_URL_LEN {
        return Err(Error::rule(
            "link_too_long",
            [("length", url.len().into()), ("max", MAX_URL_LEN.into())],
            format!("the web address is {} characters long, more than the {MAX_URL_LEN} a link may have; use the page's shorter address", url.len()),
        ));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::rule("link_has_spaces", [], "the web address has spaces or line breaks in it; copy it again from the browser's address bar"));
    }
    let url = match scheme_of(url) {
        Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => url.to_string(),
        Some(s) => {
            return Err(Error::rule(
                "link_not_web",
                [("scheme", s.into())],
                format!(
                    "“{s}:” addresses cannot be added: only web pages (addresses starting with http:// or https://) can be links in the portfolio"
                ),
            ))
        }
        None if url.starts_with("//") => format!("https:{url}"),
        None => format!("https://{url}"),
    };
    let colon = url.find(':').expect("a scheme");
    let (scheme, rest) = (url[..colon].to_ascii_lowercase(), &url[colon + 1..]);
    let Some(after) = rest.strip_prefix("//") else {
        return Err(Error::rule(
            "link_incomplete",
            [("url", url.as_str().into())],
            format!("“{url}” is not a complete web address: it should look like https://www.example.org/page"),
        ));
    };
    let authority = after.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let host = if host_port.starts_with('[') {
        host_port.split(']').next().map(|h| format!("{h}]")).unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default().to_string()
    };
    let host_ok = !host.is_empty()
        && host.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '[' | ']' | ':'))
        && !host.starts_with('.')
        && !host.starts_with('-');
    if !host_ok {
        return Err(Error::rule(
            "link_no_host",
            [("url", url.as_str().into()), ("scheme", scheme.as_str().into())],
            format!("“{url}” has no website name after {scheme}://; copy the whole address from the browser"),
        ));
    }
    Ok(format!("{scheme}{}", &url[colon..]))
}

/// The scheme of `url` ("https", "ftp", "javascript"), when it has one. "localhost:8080" and
/// "www.school.org:8080/x" have none: what follows the colon there is a port.
fn scheme_of(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let (s, rest) = (&url[..colon], &url[colon + 1..]);
    let valid = s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !valid || (rest.chars().next().is_some_and(|c| c.is_ascii_digit()) && s.contains('.')) {
        return None;
    }
    if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) && !rest.starts_with("//") && s.eq_ignore_ascii_case("localhost") {
        return None;
    }
    Some(s)
}

/// The website's name in a checked address: "https://www.school.org/pledge" → "www.school.org".
pub fn host_of(url: &str) -> String {
    let after = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let authority = after.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    if host.starts_with('[') {
        host.to_string()
    } else {
        host.split(':').next().unwrap_or_default().to_lowercase()
    }
}

/// Adds a link to the library; its screenshot, when given, is checked and stored like a photo (a
/// file that is not a picture is refused and nothing is added).
pub fn add_link(store: &mut Store, link: &NewLink, now: DateTime<Utc>) -> Result<Item> {
    let url = check_url(&link.url)?;
    let title = match link.title.trim() {
        "" => host_of(&url),
        t => t.to_string(),
    };
    // Faces are hidden in photos, not in a page's screenshot: a link's consent is all or nothing.
    if link.consent == Some(Consent::GivenHidden) {
        return Err(Error::rule("consent_value", [("value", Consent::GivenHidden.as_str().into())], "consent must be given, not needed or missing"));
    }
    let root = store.root().to_path_buf();
    let shot = match &link.screenshot {
        None => None,
        Some(path) => {
            let p = import::prepare(&root, path, import::DEFAULT_LIMIT).map_err(import::Refusal::into_error)?;
            if p.kind != EvidenceKind::Photo || p.width.is_none() {
                import::discard(&root, &p);
                let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                return Err(Error::Refused {
                    file,
                    reason: "a link's screenshot must be a picture (JPEG, PNG, WebP, GIF, TIFF, BMP or HEIC)".into(),
                });
            }
            Some(p)
        }
    };
    let consent = link.consent.unwrap_or(if shot.is_some() { Consent::Missing } else { Consent::NotNeeded });
    let id = uuid::Uuid::new_v4().to_string();
    let stamp = now.to_rfc3339();
    let result = store.write(|tx| {
        if let Some(p) = &shot {
            tx.execute(
                "INSERT INTO blob (sha256, size, mime, created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(sha256) DO NOTHING",
                params![p.sha, p.size as i64, p.mime, stamp],
            )?;
        }
        let position: i64 = tx.query_row("SELECT coalesce(max(position), 0) + 1 FROM evidence", [], |r| r.get(0))?;
        let inserted = tx.execute(
            "INSERT INTO evidence (id, kind, title, caption, url, blob_sha256, original_name, activity_date, added_at, \
             people_identifiable, consent, width, height, position, updated_at) \
             VALUES (?1, 'link', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?8)",
            params![
                id,
                title,
                link.note.trim(),
                url,
                shot.as_ref().map(|p| p.sha.clone()),
                link.screenshot.as_ref().and_then(|s| s.file_name()).map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                link.date,
                stamp,
                shot.is_some(),
                consent,
                shot.as_ref().and_then(|p| p.width),
                shot.as_ref().and_then(|p| p.height),
                position
            ],
        );
        match inserted {
            Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => {
                return Err(Error::rule(
                    "link_screenshot_taken",
                    [],
                    "that screenshot is already in the library as an item of its own; add the link without it, or delete that item first",
                ))
            }
            other => other?,
        };
        for c in &link.criteria {
            tx.execute("INSERT OR IGNORE INTO evidence_criterion (evidence_id, criterion_key) VALUES (?1, ?2)", params![id, c])?;
        }
        Ok(())
    });
    if let Err(e) = result {
        if let Some(p) = &shot {
            import::discard(&root, p);
        }
        return Err(e);
    }
    get(store, &id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_are_accepted_and_tidied() {
        assert_eq!(check_url(" https://www.school.org/pledge ").unwrap(), "https://www.school.org/pledge");
        assert_eq!(check_url("HTTP://Example.org").unwrap(), "http://Example.org");
        assert_eq!(check_url("www.school.org/news?id=3#top").unwrap(), "https://www.school.org/news?id=3#top");
        assert_eq!(check_url("school.org:8080/x").unwrap(), "https://school.org:8080/x");
        assert_eq!(check_url("https://[2001:db8::1]/page").unwrap(), "https://[2001:db8::1]/page");
        assert_eq!(check_url("https://ysgol.cymru/addewid").unwrap(), "https://ysgol.cymru/addewid");
    }

    #[test]
    fn other_schemes_and_broken_addresses_are_refused() {
        for bad in ["ftp://files.school.org/a.pdf", "javascript:alert(1)", "file:///etc/passwd", "mailto:head@school.org", "data:text/html,hi", "JavaScript:void(0)"] {
            let e = check_url(bad).unwrap_err().to_string();
            assert!(e.contains("only web pages"), "{bad}: {e}");
        }
        for bad in ["", "   ", "https://", "https:///path", "http:example.org", "https://exa mple.org", "https://-bad.org"] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_host_is_the_default_title() {
        assert_eq!(host_of("https://WWW.School.org:443/pledge?x=1"), "www.school.org");
        assert_eq!(host_of("https://user@news.example/a"), "news.example");
    }
}
