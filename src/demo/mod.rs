//! A made-up school to explore the app with: "Brookfield Primary School", part-way through its year.
//!
//! Everything here is invented. Loading it replaces the data folder's records, so it refuses to run over
//! a real school's work unless the caller explicitly asks to replace it. The records are made through
//! the same calls the window and the CLI use (see `reset` for the one part that is not).

mod reset;

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::error::{Error, Result};
use crate::feedback::{CommentKind, RoundDraft, RoundKind};
use crate::framework::Framework;
use crate::plan::Status;
use crate::school::School;
use crate::store::Store;

pub use reset::is_replaceable;

/// Setting that marks the data folder as holding the demo, so it can be reset freely.
pub const DEMO_SETTING: &str = "demo";

/// Creates or resets the demo school. `replace` allows replacing a real school's records.
pub fn load(store: &mut Store, now: DateTime<Utc>, replace: bool) -> Result<School> {
    if !replace && !is_replaceable(store)? {
        let name = crate::school::find(store)?.map(|s| s.name).unwrap_or_default();
        return Err(Error::rule(
            "demo_would_replace",
            [("name", name.as_str().into())],
            format!(
                "this data folder holds the work of \"{name}\"; loading the demo would replace it. \
                 Use another --data-dir for the demo, or back up first and pass --replace"
            ),
        ));
    }
    let today = now.date_naive();
    let school = demo_school();
    store.write(|tx| {
        reset::clear(tx)?;
        crate::school::insert(tx, &school, now)?;
        Store::put_setting(tx, DEMO_SETTING, "1")?;
        Ok(())
    })?;
    let fw = crate::school::framework(store)?;
    fill(store, &fw, today, now)?;
    add_photos(store, now)?;
    // An account that refers to an exhibit, saved the way the editor saves it, so the reference
    // follows its item if the coordinator deletes or reorders evidence while exploring.
    let staff = crate::audit::narrative(store, "staff-learning")?;
    crate::audit::set_narrative(store, &fw, "staff-learning", &format!("{staff} A teaching assistant describes what changed for her in E5."), now)?;
    Ok(school)
}

/// Three drawn pictures (patterns and shapes, never people) added through the real import, so the demo
/// shows thumbnails and photo pages. Drawn the same each time, so reloading reuses the stored files.
fn add_photos(store: &mut Store, now: DateTime<Utc>) -> Result<()> {
    use image::{ImageBuffer, Rgb};
    let incoming = store.root().join(".demo-photos");
    std::fs::create_dir_all(&incoming).map_err(|e| Error::io("cannot create", &incoming, e))?;
    let pictures: [(&str, &str, fn(u32, u32) -> Rgb<u8>); 3] = [
        ("Refugee Week bunting", "celebration-events", |x, y| {
            let stripe = (x / 120) % 4;
            let flag = y % 300 < 120 && (x % 120) < 120 - (y % 300);
            let colours = [[220, 70, 60], [240, 180, 40], [40, 140, 120], [60, 90, 180]];
            if flag { Rgb(colours[stripe as usize]) } else { Rgb([235, 240, 245 - (y / 8) as u8]) }
        }),
        ("Welcome wall in six languages", "welcoming-practice", |x, y| {
            let brick = ((x + (y / 60 % 2) * 60) % 120 < 114) && (y % 60 < 56);
            if brick { Rgb([180 + (x % 50) as u8, 90 + (y % 40) as u8, 70]) } else { Rgb([230, 225, 215]) }
        }),
        ("Map of our families' journeys", "pupil-learning", |x, y| {
            let land = ((x as f32 / 90.0).sin() + (y as f32 / 70.0).cos()) > 0.3;
            let route = (y as i32 - (x as i32 / 2 + 200)).abs() < 6;
            if route { Rgb([200, 40, 40]) } else if land { Rgb([120, 170, 110]) } else { Rgb([90, 150, 210]) }
        }),
    ];
    for (title, criterion, draw) in pictures {
        let img = ImageBuffer::from_fn(1200, 900, draw);
        let path = incoming.join(format!("{title}.jpg"));
        let mut bytes = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 85)
            .encode_image(&img)
            // internal: encoding a picture we drew in memory fails only on a bug.
            .map_err(|e| Error::Invalid(format!("the demo pictures could not be drawn ({e})")))?;
        std::fs::write(&path, &bytes).map_err(|e| Error::io("cannot write", &path, e))?;
        let opts = crate::evidence::ImportOptions {
            criteria: vec![criterion.to_string()],
            consent: Some(crate::evidence::Consent::Given),
            caption: format!("{title} (a drawn picture in the demo)"),
            added_by: "D. Evans".into(),
            ..Default::default()
        };
        crate::evidence::import(store, &[path], &opts, &crate::job::Job::silent(), now)?;
    }
    let _ = std::fs::remove_dir_all(&incoming);
    Ok(())
}

fn demo_school() -> School {
    School {
        id: uuid::Uuid::new_v4().to_string(),
        name: "Brookfield Primary School".into(),
        urn: "999001".into(),
        phase: "Primary".into(),
        nation: "England".into(),
        local_authority: "Riverton City Council".into(),
        address: "1 Orchard Lane, Riverton".into(),
        headteacher: "Ms A. Okafor".into(),
        coordinator_name: "Mr D. Evans".into(),
        coordinator_role: "Inclusion lead".into(),
        coordinator_email: "sanctuary@brookfield.example".into(),
        local_lead_org: "Riverton City of Sanctuary".into(),
        local_lead_contact: "Sam Patel".into(),
        local_lead_email: "schools@riverton-sanctuary.example".into(),
        pledge_date: NaiveDate::from_ymd_opt(2026, 9, 15),
        web_page: "https://brookfield.example/sanctuary".into(),
        framework_id: crate::framework::DEFAULT_ID.into(),
        award_level: String::new(),
        // Where the demo's shared page would live, so its reception poster shows a QR code.
        share_url: "https://brookfield.example/sanctuary/our-page".into(),
    }
}

fn fill(store: &mut Store, fw: &Framework, today: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    let audit: &[(&str, usize, &str, &str)] = &[
        ("staff-learning", 2, "Whole-staff INSET on the asylum process led by Riverton Refugee Support (September). Governors briefed at the autumn meeting.", "New staff joining mid-year need the same session."),
        ("pupil-learning", 1, "Year 5 read \"The Boy at the Back of the Class\"; Year 2 geography unit on journeys.", "No scheme of work yet in Key Stage 1 beyond geography."),
        ("welcoming-practice", 2, "Buddy system and a welcome pack in six languages for new arrivals.", "Induction policy does not yet mention families seeking sanctuary."),
        ("celebration-events", 1, "Assembly during Refugee Week last year.", "Plan a whole-school Refugee Week with families."),
        ("learner-voice", 1, "School council discussed welcome ideas.", "Pupil sanctuary ambassadors not yet chosen."),
        ("public-pledge", 3, "Pledge signed in September; pledge shown in reception and on the website.", ""),
        ("community-support", 0, "", "Contact the local refugee charity about a coat drive."),
        ("network-growth", 0, "", "Share our welcome pack with Riverton cluster schools."),
    ];
    for (key, level, already, gaps) in audit {
        let patch = crate::audit::Patch {
            level: Some(*level),
            already: Some(already.to_string()),
            gaps: Some(gaps.to_string()),
            reviewed_on: Some(Some(today)),
            reviewed_by: Some("D. Evans".into()),
        };
        crate::audit::set(store, fw, key, &patch, now)?;
    }
    let refugee_week = crate::plan::refugee_week_start(today);
    let actions: &[(&str, &[&str], &str, &str, Option<NaiveDate>, Status)] = &[
        ("Hold a whole-school Refugee Week with a family picnic", &["celebration-events", "community-support"], "D. Evans", "Riverton Refugee Support", Some(refugee_week), Status::Planned),
        ("Choose two sanctuary ambassadors per class", &["learner-voice"], "School council lead", "", today.checked_add_days(Days::new(30)), Status::InProgress),
        ("Add families seeking sanctuary to the induction policy", &["welcoming-practice"], "Ms A. Okafor", "", today.checked_sub_days(Days::new(10)), Status::Planned),
        ("Key Stage 1 scheme of work on journeys and home", &["pupil-learning"], "KS1 phase lead", "", today.checked_add_days(Days::new(60)), Status::Planned),
        ("Staff INSET on the asylum process", &["staff-learning"], "D. Evans", "Riverton Refugee Support", today.checked_sub_days(Days::new(60)), Status::Done),
    ];
    for (action, criteria, owner, partners, due, status) in actions {
        let draft = crate::plan::Draft {
            action: action.to_string(),
            criteria: criteria.iter().map(|c| c.to_string()).collect(),
            owner: owner.to_string(),
            partners: partners.to_string(),
            due_date: *due,
            status: *status,
            ..crate::plan::Draft::default()
        };
        crate::plan::add(store, fw, &draft, now)?;
    }
    for (step, date) in [("pledge", NaiveDate::from_ymd_opt(2026, 9, 15)), ("local_lead", NaiveDate::from_ymd_opt(2026, 10, 1)), ("audit", NaiveDate::from_ymd_opt(2026, 10, 20))] {
        crate::journey::set_step(store, step, date, "")?;
    }
    let narrative: &[(&str, &str)] = &[
        ("staff-learning", "In September every member of staff, including lunchtime supervisors, took part in a training session on what families seeking safety go through in the UK. Governors received the same briefing."),
        ("public-pledge", "We signed the City of Sanctuary pledge on 15 September 2026. It hangs in reception and is on our website."),
    ];
    for (key, body) in narrative {
        crate::audit::set_narrative(store, fw, key, body, now)?;
    }
    // The local lead's comments on a first draft: one strength, one improvement answered, one question
    // still open, so the feedback and readiness screens have something to show.
    let round = crate::feedback::add_round(
        store,
        &RoundDraft {
            kind: RoundKind::DraftReview,
            received_on: today.checked_sub_days(Days::new(7)),
            from_whom: "Sam Patel, Riverton City of Sanctuary".into(),
            due_date: today.checked_add_days(Days::new(21)),
            summary: "A warm first draft. Strong on staff learning; say more about what pupils lead.".into(),
        },
        now,
    )?;
    let comments: &[(&str, CommentKind, &str, &str)] = &[
        ("staff-learning", CommentKind::Strength, "The INSET reached lunchtime staff too: a real strength.", ""),
        ("welcoming-practice", CommentKind::Improvement, "Show the welcome pack itself, not only a description.", "Added the pack in six languages as evidence."),
        ("learner-voice", CommentKind::Question, "How were pupils involved in choosing the ambassadors?", ""),
    ];
    for (key, kind, comment, response) in comments {
        let c = crate::feedback::add_comment(store, &round.id, Some(key), *kind, comment)?;
        if !response.is_empty() {
            crate::feedback::respond(store, &c.id, response)?;
        }
    }
    // Pupils' and staff's words: attributed by year group or role, never by name. Added as the window
    // adds a quote, but with the demo's own titles and adder; their positions count from 1, as every
    // added item's do, where the demo's own rows once counted from 0 (same order, same exhibit numbers).
    let quotes: &[(&str, &str, &str, &[&str])] = &[
        ("A welcome in our class", "When Amira's friend arrived we made a card in three languages so she knew she was welcome.", "Pupil, Year 4", &["learner-voice", "welcoming-practice"]),
        ("Croeso", "Croeso i bawb — rydyn ni'n ysgol sy'n croesawu pawb. Ŵyr ac ŷd: pob llythyren yn cyfrif.", "Pupil, Year 6 (Welsh)", &["pupil-learning"]),
        ("Ласкаво просимо", "Тут мені допомогли знайти друзів і вивчити англійську.", "Pupil, Year 5 (Ukrainian)", &["welcoming-practice"]),
        ("أهلاً وسهلاً", "شعرت بالأمان في مدرستي الجديدة.", "Parent (Arabic)", &["community-support"]),
        ("What the training changed", "I now know how to make a new arrival's first day calmer.", "Teaching assistant", &["staff-learning"]),
    ];
    for (title, text, who, criteria) in quotes {
        let criteria: Vec<String> = criteria.iter().map(|c| c.to_string()).collect();
        crate::evidence::add_quote_as(store, title, text, who, "D. Evans", &criteria, now)?;
    }
    Ok(())
}
