//! The school's profile: who they are, who coordinates, who their local lead is, when they pledged.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::nation::{Nation, NationWords};
use crate::store::Store;

/// The school's details as the coordinator edits them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct School {
    pub id: String,
    pub name: String,
    pub urn: String,
    pub phase: String,
    pub nation: String,
    pub local_authority: String,
    pub address: String,
    pub headteacher: String,
    pub coordinator_name: String,
    pub coordinator_role: String,
    pub coordinator_email: String,
    pub local_lead_org: String,
    pub local_lead_contact: String,
    pub local_lead_email: String,
    pub pledge_date: Option<NaiveDate>,
    pub web_page: String,
    pub framework_id: String,
    /// The award level applied for (a framework's English label), or empty.
    pub award_level: String,
    /// Where the school's sanctuary page (made by `share`) will live on its website, or empty; the
    /// reception poster's QR code points here.
    pub share_url: String,
}

const COLUMNS: &str = "id, name, urn, phase, nation, local_authority, address, headteacher, coordinator_name, \
    coordinator_role, coordinator_email, local_lead_org, local_lead_contact, local_lead_email, pledge_date, \
    web_page, framework_id, award_level, share_url";

fn from_row(r: &Row) -> rusqlite::Result<School> {
    Ok(School {
        id: r.get(0)?,
        name: r.get(1)?,
        urn: r.get(2)?,
        phase: r.get(3)?,
        nation: r.get(4)?,
        local_authority: r.get(5)?,
        address: r.get(6)?,
        headteacher: r.get(7)?,
        coordinator_name: r.get(8)?,
        coordinator_role: r.get(9)?,
        coordinator_email: r.get(10)?,
        local_lead_org: r.get(11)?,
        local_lead_contact: r.get(12)?,
        local_lead_email: r.get(13)?,
        pledge_date: r.get(14)?,
        web_page: r.get(15)?,
        framework_id: r.get(16)?,
        award_level: r.get(17)?,
        share_url: r.get(18)?,
    })
}

/// The school, created empty on first use so that the window always has something to show.
pub fn load(store: &mut Store, now: DateTime<Utc>) -> Result<School> {
    if let Some(s) = find(store)? {
        return Ok(s);
    }
    let school = School {
        id: uuid::Uuid::new_v4().to_string(),
        nation: "England".into(),
        framework_id: crate::framework::DEFAULT_ID.into(),
        ..School::default()
    };
    store.write(|tx| insert(tx, &school, now))?;
    Ok(school)
}

/// The school if one has been created.
pub fn find(store: &Store) -> Result<Option<School>> {
    Ok(store
        .conn()
        .query_row(&format!("SELECT {COLUMNS} FROM school LIMIT 1"), [], from_row)
        .optional()?)
}

pub(crate) fn insert(tx: &rusqlite::Transaction, s: &School, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        &format!("INSERT INTO school ({COLUMNS}, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20)"),
        params![
            s.id, s.name, s.urn, s.phase, s.nation, s.local_authority, s.address, s.headteacher,
            s.coordinator_name, s.coordinator_role, s.coordinator_email, s.local_lead_org,
            s.local_lead_contact, s.local_lead_email, s.pledge_date, s.web_page, s.framework_id,
            s.award_level, s.share_url, now.to_rfc3339()
        ],
    )?;
    Ok(())
}

/// Makes `name` the coordinator inside a caller's transaction (a renewal handing over).
pub(crate) fn set_coordinator(tx: &rusqlite::Transaction, name: &str, now: DateTime<Utc>) -> Result<()> {
    tx.execute("UPDATE school SET coordinator_name = ?1, updated_at = ?2", params![name, now.to_rfc3339()])?;
    Ok(())
}

/// Clears the pledge date inside a caller's transaction: a renewal asks for the pledge to be signed again.
pub(crate) fn clear_pledge_date(tx: &rusqlite::Transaction, now: DateTime<Utc>) -> Result<()> {
    tx.execute("UPDATE school SET pledge_date = NULL, updated_at = ?1", params![now.to_rfc3339()])?;
    Ok(())
}

/// Saves every field of `school` (the UI autosaves the whole form) after checking it.
pub fn save(store: &mut Store, school: &School, now: DateTime<Utc>) -> Result<School> {
    let mut school = clean(school)?;
    school.urn = checked_identifier(store, &school)?;
    let known = crate::framework::available(store)?;
    let Some(fw) = known.iter().find(|f| f.id == school.framework_id) else {
        return Err(Error::rule(
            "framework_unknown",
            [("id", school.framework_id.as_str().into())],
            format!("framework `{}` is not known here; pick one from the list or import it first", school.framework_id),
        ));
    };
    // A level must be one of the framework's. Checked only when it changes, so that a level kept from
    // another framework never blocks saving the rest; the pages show it only while it is valid.
    let stored = find(store)?.map(|s| s.award_level).unwrap_or_default();
    if !school.award_level.is_empty() && school.award_level != stored && !fw.award_levels.contains(&school.award_level) {
        let choices = if fw.award_levels.is_empty() { "none (this framework has no levels)".to_string() } else { fw.award_levels.join(", ") };
        return Err(Error::rule(
            "award_level_unknown",
            [("level", school.award_level.as_str().into()), ("choices", choices.as_str().into())],
            format!("the award level `{}` is not one of this framework's: {choices}", school.award_level),
        ));
    }
    store.write(|tx| {
        let n = tx.execute(
            "UPDATE school SET name=?2, urn=?3, phase=?4, nation=?5, local_authority=?6, address=?7, headteacher=?8, \
             coordinator_name=?9, coordinator_role=?10, coordinator_email=?11, local_lead_org=?12, \
             local_lead_contact=?13, local_lead_email=?14, pledge_date=?15, web_page=?16, framework_id=?17, updated_at=?18, \
             award_level=?19, share_url=?20 \
             WHERE id=?1",
            params![
                school.id, school.name, school.urn, school.phase, school.nation, school.local_authority,
                school.address, school.headteacher, school.coordinator_name, school.coordinator_role,
                school.coordinator_email, school.local_lead_org, school.local_lead_contact,
                school.local_lead_email, school.pledge_date, school.web_page, school.framework_id,
                now.to_rfc3339(), school.award_level, school.share_url
            ],
        )?;
        if n == 0 {
            return Err(Error::NotFound { what: "school", id: school.id.clone() });
        }
        Ok(())
    })?;
    Ok(school)
}

/// Refuses values that would only cause trouble later.
fn clean(s: &School) -> Result<School> {
    let s = s.clone();
    for f in [
        &s.name, &s.urn, &s.phase, &s.nation, &s.local_authority, &s.headteacher, &s.coordinator_name,
        &s.coordinator_role, &s.coordinator_email, &s.local_lead_org, &s.local_lead_contact,
        &s.local_lead_email, &s.web_page, &s.share_url,
    ] {
        // Stored as typed: trimming here would fight the cursor while the form autosaves.
        if f.chars().count() > 500 {
            return Err(Error::rule("text_too_long", [("max", 500i64.into())], "a school detail is longer than 500 characters; shorten it"));
        }
    }
    // The poster prints this address as a QR code: only a web address will open on a phone.
    let url = s.share_url.trim().to_ascii_lowercase();
    if !url.is_empty() && !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(char::is_whitespace) {
        return Err(Error::rule(
            "share_url_not_web",
            [],
            "the address of the school's sanctuary page must be a web address starting with https:// (or http://)",
        ));
    }
    if s.address.chars().count() > 2000 {
        return Err(Error::rule("text_too_long", [("max", 2000i64.into())], "the address is longer than 2,000 characters; shorten it"));
    }
    Ok(s)
}

/// The identifier to store: checked against the school's nation and normalised (`nation::Nation`)
/// when it or the nation is being changed. One stored before these rules, and left alone, is kept as
/// it is, so that an old value never blocks saving the rest of the form (or choosing a framework).
fn checked_identifier(store: &Store, school: &School) -> Result<String> {
    if let Some(stored) = find(store)?.filter(|s| s.id == school.id) {
        if stored.urn == school.urn && stored.nation == school.nation {
            return Ok(school.urn.clone());
        }
    }
    Nation::or_england(&school.nation).check_identifier(&school.urn)
}

/// What the window needs to word the details for `nation` (the school's own when `None`).
pub fn nation_words(store: &Store, nation: Option<&str>) -> Result<NationWords> {
    let nation = match nation {
        Some(n) => n.to_string(),
        None => find(store)?.map(|s| s.nation).unwrap_or_default(),
    };
    Ok(Nation::or_england(&nation).words())
}

/// Makes framework `id` the wording the school uses. Answers are stored by criterion key, so none are
/// lost: criteria the new framework shares show their answers at once, and answers for keys it lacks
/// stay stored for when the school switches back. Here rather than in `framework`, because it is the
/// school's choice that changes; `framework` knows wordings, not schools.
pub fn choose_framework(store: &mut Store, id: &str, now: DateTime<Utc>) -> Result<crate::framework::Framework> {
    let Some(fw) = crate::framework::available(store)?.into_iter().find(|f| f.id == id) else {
        let ids: Vec<String> = crate::framework::available(store)?.into_iter().map(|f| f.id).collect();
        return Err(Error::rule("framework_unknown", [("id", id.into())], format!("there is no framework `{id}`; choose one of: {}", ids.join(", "))));
    };
    let mut school = load(store, now)?;
    school.framework_id = fw.id.clone();
    save(store, &school, now)?;
    Ok(fw)
}

/// The school's framework as the window and the documents word it: for a schools framework, the
/// head's title is the school's nation's (a principal in Northern Ireland and Ireland), since the
/// same Schools of Sanctuary file serves every nation.
pub fn framework_as_worded(store: &Store) -> Result<crate::framework::Framework> {
    let mut fw = framework(store)?;
    if fw.stream == "schools" {
        let nation = find(store)?.map(|s| crate::nation::Nation::or_england(&s.nation)).unwrap_or(crate::nation::Nation::England);
        fw.head = nation.head_word(crate::i18n::Lang::En);
        fw.head_cy = nation.head_word(crate::i18n::Lang::Cy);
    }
    Ok(fw)
}

/// The framework the school has chosen (the default when none is chosen or it has gone). The choice
/// is a column of the school's row, so it is read here; `framework` knows only the frameworks.
pub fn framework(store: &Store) -> Result<crate::framework::Framework> {
    let chosen: Option<String> = store.conn().query_row("SELECT framework_id FROM school LIMIT 1", [], |r| r.get(0)).optional()?;
    let all = crate::framework::available(store)?;
    let id = chosen.unwrap_or_else(|| crate::framework::DEFAULT_ID.to_string());
    Ok(all
        .iter()
        .find(|f| f.id == id)
        .or_else(|| all.iter().find(|f| f.id == crate::framework::DEFAULT_ID))
        .cloned()
        .expect("the default framework is built in"))
}
