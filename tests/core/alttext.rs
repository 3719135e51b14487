//! Alternative text and languages (issue 28, the data half): the coordinator's description and a
//! quote's language, stored and edited (core and CLI); the words the accessible PDF gives each kind
//! of picture; the language a quote's writing names; Readiness naming photos described only by a
//! file name; and the Word application's pictures carrying their description, as LibreOffice reads it.

use std::io::Read;
use std::path::Path;

use sanctuary::error::Error;
use sanctuary::evidence::{self, Exhibit, Filter, ImportOptions};
use sanctuary::framework::builtin_by_id;
use sanctuary::i18n::Lang;
use sanctuary::job::Job;
use sanctuary::office::{Chart, ChartKind, Grouping, Series};
use sanctuary::portfolio::alt::{self, Alt};
use sanctuary::portfolio::{self, ExportOptions, Part};
use sanctuary::richtext::lang::{detect, lang_of};
use sanctuary::Store;

use crate::support::{cli, demo_store, now, stderr, stdout, tempdir};

/// A small drawn JPEG with an EXIF block, as a camera writes one.
fn camera_jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(320, 240, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 120]));
    let jpeg = sanctuary::pixels::encode(&image::DynamicImage::ImageRgb8(img), 90).unwrap();
    crate::support::with_exif_segment(&jpeg, &crate::support::orientation_tiff(1))
}

/// Imports `name` as a photo with consent given; returns its item.
fn add_photo(store: &mut Store, dir: &Path, name: &str) -> evidence::Item {
    let file = dir.join(name);
    std::fs::write(&file, camera_jpeg()).unwrap();
    let opts = ImportOptions { consent: Some(sanctuary::evidence::Consent::Given), ..ImportOptions::default() };
    let report = evidence::import(store, &[file], &opts, &Job::silent(), now()).unwrap();
    assert_eq!(report.added.len(), 1, "{report:?}");
    evidence::get(store, &report.added[0]).unwrap()
}

fn exhibit(kind: &str) -> Exhibit {
    Exhibit {
        number: 12,
        id: "x".into(),
        kind: sanctuary::evidence::EvidenceKind::from_stored(kind).unwrap(),
        title: "IMG 2041".into(),
        caption: String::new(),
        date: None,
        criteria: vec!["welcoming-practice".into()],
        quote: String::new(),
        attribution: String::new(),
        original_name: "IMG_2041.jpg".into(),
        size: None,
        mime: "image/jpeg".into(),
        sha256: None,
        url: String::new(),
        page_count: None,
        alt_text: String::new(),
        lang: String::new(),
        hidden_areas: 0,
    }
}

#[test]
fn a_description_and_a_quote_language_are_stored_edited_and_checked() {
    let dir = tempdir();
    let data = dir.path().join("data");
    let mut store = Store::open(&data).unwrap();
    let quote = evidence::add_quote(&mut store, "شكرا لكم على الترحيب", "Parent", &[], now()).unwrap();
    assert_eq!((quote.alt_text.as_str(), quote.lang.as_str()), ("", ""), "nothing said yet: detect from the writing");

    let mut edited = quote.clone();
    edited.alt_text = "  A parent's thanks, in Arabic  ".into();
    edited.lang = "ar_eg".into();
    let saved = evidence::update(&mut store, &edited, now()).unwrap();
    assert_eq!(saved.alt_text, "A parent's thanks, in Arabic");
    assert_eq!(saved.lang, "ar-EG", "stored in the usual case");
    assert_eq!(evidence::get(&store, &quote.id).unwrap(), saved);

    edited.lang = "Arabic".into();
    match evidence::update(&mut store, &edited, now()) {
        Err(Error::Rule { code, .. }) => assert_eq!(code, "evidence_language_tag"),
        other => panic!("a word that is not a tag must be refused: {other:?}"),
    }
    assert_eq!(evidence::get(&store, &quote.id).unwrap().lang, "ar-EG", "the refused edit changed nothing");
    drop(store);

    // The command line edits the same fields.
    let o = cli(&data, &["evidence", "edit", "E1", "--description", "Thanks from a parent", "--lang", "fa"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let store = Store::open(&data).unwrap();
    let item = evidence::get(&store, &quote.id).unwrap();
    assert_eq!((item.alt_text.as_str(), item.lang.as_str()), ("Thanks from a parent", "fa"));
    drop(store);
    let o = cli(&data, &["evidence", "edit", "E1", "--lang", "auto"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(evidence::get(&Store::open(&data).unwrap(), &quote.id).unwrap().lang, "");
    let o = cli(&data, &["evidence", "edit", "E1", "--lang", "not a tag"]);
    assert!(!o.status.success() && stderr(&o).contains("not a language tag"), "{}", stderr(&o));
}

#[test]
fn only_a_quote_has_a_language_on_the_command_line() {
    let dir = tempdir();
    let data = dir.path().join("data");
    let mut store = Store::open(&data).unwrap();
    add_photo(&mut store, dir.path(), "IMG_2041.jpg");
    drop(store);
    let o = cli(&data, &["evidence", "edit", "E1", "--lang", "ar"]);
    assert!(!o.status.success() && stderr(&o).contains("is not a quote"), "{}", stderr(&o));
    let o = cli(&data, &["evidence", "edit", "E1", "--description", "Pupils painting a welcome banner"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let store = Store::open(&data).unwrap();
    let items = evidence::list(&store, &Filter::default()).unwrap();
    assert_eq!(items[0].alt_text, "Pupils painting a welcome banner");
}

#[test]
fn a_photo_is_described_with_its_exhibit_criterion_and_hidden_faces() {
    let fw = builtin_by_id("sos-2024").unwrap();
    let mut x = exhibit("photo");
    let number = fw.criterion("welcoming-practice").map(|c| c.number).unwrap();
    // Only a file name: still says what and where it is.
    let a = alt::describe(&x, &fw, Lang::En);
    assert_eq!(a, Alt { text: format!("Photo, exhibit E12, criterion {number} (Embed): IMG 2041."), lang: None });

    x.caption = "Year 5 at the Refugee Week picnic".into();
    assert_eq!(alt::describe(&x, &fw, Lang::En).text, format!("Photo, exhibit E12, criterion {number} (Embed): Year 5 at the Refugee Week picnic."));
    // The coordinator's own description wins over the caption.
    x.alt_text = "Pupils sharing food they brought from home on the school field.".into();
    x.hidden_areas = 2;
    x.criteria.push("staff-learning".into());
    let a = alt::describe(&x, &fw, Lang::En);
    assert_eq!(
        a.text,
        format!("Photo, exhibit E12, criteria {number} (Embed) and 1 (Learn): Pupils sharing food they brought from home on the school field. Some faces or details are hidden in this photo.")
    );
    // In Welsh the lead-in is Welsh; the school's own words stay as written.
    let cy = alt::describe(&x, &fw.localized(Lang::Cy), Lang::Cy);
    assert!(cy.text.starts_with("Ffotograff, arddangosyn E12, meini prawf"), "{}", cy.text);
    assert!(cy.text.contains("Pupils sharing food") && cy.text.ends_with("wedi'u cuddio yn y ffotograff hwn."), "{}", cy.text);
    // A description in another script carries its language.
    x.alt_text = "Дякуємо школі".into();
    assert_eq!(alt::describe(&x, &fw, Lang::En).lang.as_deref(), Some("uk"));
    // A scan or a link's screenshot is a picture, not a photo.
    assert!(alt::describe(&exhibit("document"), &fw, Lang::En).text.starts_with("Picture, exhibit E12"));
}

#[test]
fn a_qr_code_a_chart_and_a_diagram_say_what_they_hold() {
    assert_eq!(alt::for_qr("https://example.org/pledge", Lang::En).text, "QR code that opens https://example.org/pledge");
    assert_eq!(alt::for_qr("https://example.org/pledge", Lang::Cy).text, "Cod QR sy'n agor https://example.org/pledge");

    let chart = Chart {
        kind: ChartKind::Column,
        grouping: Grouping::Clustered,
        title: "Languages spoken at home".into(),
        axis_titles: vec![],
        labels: vec![],
        categories: vec!["Arabic".into(), "Polish".into()],
        series: vec![Series { name: "Pupils".into(), values: vec![Some(12.0), Some(7.5)], ..Series::default() }],
    };
    let en = alt::for_chart(&chart, Lang::En);
    // The chart's own one-sentence description with its data, reused as it is.
    assert_eq!(en.text, chart.text_alternative());
    assert_eq!(en.text, "Column chart: Languages spoken at home. Pupils: Arabic 12, Polish 7.5");
    assert_eq!(en.lang, None);
    let cy = alt::for_chart(&chart, Lang::Cy);
    assert_eq!(cy.text, "Siart colofn: Languages spoken at home. Pupils: Arabic 12, Polish 7.5");

    let nodes = vec!["Learn".to_string(), "Embed".to_string(), "Share\nwith others".to_string()];
    assert_eq!(alt::for_diagram(&nodes, Lang::En).text, "Diagram: Learn; Embed; Share, with others");
}

#[test]
fn the_writing_names_the_language_where_the_coordinator_has_not() {
    let cases = [
        ("شكرا لكم على الترحيب الحار", "ar"),
        ("من این مدرسه را خیلی دوست دارم چون همه مهربان هستند", "fa"),
        ("زه خپل ښوونځی ډېر خوښوم", "ps"),
        ("مجھے اپنا اسکول بہت پسند ہے", "ur"),
        ("ቐዳማይ መዓልቲ ኣብ ቤት ትምህርቲ", "ti"),
        ("የመጀመሪያው ቀን በትምህርት ቤት", "am"),
        ("Я вдячна вчителям за їхню підтримку", "uk"),
        ("Спасибо учителям за поддержку", "ru"),
        ("老师们对我很好", "zh"),
        ("先生はとても優しいです", "ja"),
        ("선생님들이 친절해요", "ko"),
    ];
    for (text, lang) in cases {
        assert_eq!(detect(text), Some(lang), "{text}");
    }
    // Latin script takes the language chosen on the quote, or the document's.
    assert_eq!(detect("Dziękuję za wszystko"), None);
    assert_eq!(lang_of("Dziękuję za wszystko", Some("pl")).as_deref(), Some("pl"));
    let mut q = exhibit("quote");
    q.quote = "Dziękuję za wszystko".into();
    assert_eq!(alt::quote_lang(&q), None);
    q.lang = "pl".into();
    assert_eq!(alt::quote_lang(&q).as_deref(), Some("pl"));
    // The coordinator's choice wins over the script (a Dari quote reads as Farsi by its letters).
    q.quote = "من مکتب خود را دوست دارم".into();
    q.lang = "prs".into();
    assert_eq!(alt::quote_lang(&q).as_deref(), Some("prs"));
    q.lang.clear();
    assert_eq!(alt::quote_lang(&q).as_deref(), Some("fa"));
}

#[test]
fn readiness_lists_photos_described_only_by_a_file_name() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let bare = add_photo(&mut store, dir.path(), "IMG_2041.jpg");
    let gaps = |store: &Store| -> Vec<String> {
        sanctuary::readiness::report(store, now().date_naive())
            .unwrap()
            .missing
            .into_iter()
            .filter(|g| g.code == "photo_only_file_name")
            .filter_map(|g| g.file)
            .collect()
    };
    assert_eq!(gaps(&store), ["IMG_2041.jpg"]);

    // A description for screen readers is enough.
    let mut it = bare.clone();
    it.alt_text = "The welcome board in the entrance hall".into();
    evidence::update(&mut store, &it, now()).unwrap();
    assert!(gaps(&store).is_empty());
    // So is a caption, or a title of the coordinator's own.
    it.alt_text.clear();
    it.caption = "Our welcome board".into();
    evidence::update(&mut store, &it, now()).unwrap();
    assert!(gaps(&store).is_empty());
    it.caption.clear();
    it.title = "Welcome board".into();
    evidence::update(&mut store, &it, now()).unwrap();
    assert!(gaps(&store).is_empty());
    it.title = "IMG_2041.jpg".into();
    evidence::update(&mut store, &it, now()).unwrap();
    assert_eq!(gaps(&store), ["IMG_2041.jpg"]);
}

#[test]
fn the_word_application_gives_each_named_photo_its_description() {
    let dir = tempdir();
    let mut store = demo_store(dir.path());
    let photo = add_photo(&mut store, dir.path(), "IMG_2041.jpg");
    let mut it = photo.clone();
    it.alt_text = "Pupils & staff painting a \"welcome\" banner".into();
    it.criteria = vec!["welcoming-practice".into()];
    evidence::update(&mut store, &it, now()).unwrap();
    let label = portfolio::exhibits(&store).unwrap().into_iter().find(|r| r.id == photo.id).unwrap().label;
    let fw = sanctuary::school::framework(&store).unwrap();
    let body = format!("Our banner, {label}, greets every new family.");
    let ids: Vec<String> = portfolio::exhibits(&store).unwrap().into_iter().map(|r| r.id).collect();
    sanctuary::audit::set_narrative(&mut store, &fw, "welcoming-practice", &sanctuary::references::to_tokens(&body, &ids), now()).unwrap();

    let out = dir.path().join("application.docx");
    let mut opts = ExportOptions::new(out.clone(), now());
    opts.part = Part::Application;
    portfolio::export(&store, &opts, &Job::silent()).unwrap();

    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    let number = fw.criterion("welcoming-practice").unwrap().number;
    let descr = format!(
        r#"descr="Photo, exhibit {label}, criterion {number} (Embed): Pupils &amp; staff painting a &quot;welcome&quot; banner.""#
    );
    assert!(xml.contains(&format!("<wp:docPr id=\"1\" name=\"Picture 1\" {descr} title=\"{label} (IMG 2041)\"/>")), "{xml}");
    assert_eq!(xml.matches("<wp:docPr ").count(), 1, "only the photo the account names");
    // The heading styles stay, and the picture sits after its criterion's heading.
    let heading = xml.find(&format!(">{number}. ")).expect("criterion heading");
    assert!(xml.contains(r#"<w:pStyle w:val="Heading3"/>"#) && xml.find("<wp:docPr ").unwrap() > heading);
    // The picture is the print copy: a JPEG without the camera's EXIF block.
    let mut jpeg = Vec::new();
    zip.by_name("word/media/image1.jpeg").unwrap().read_to_end(&mut jpeg).unwrap();
    assert!(jpeg.starts_with(&[0xFF, 0xD8]) && !jpeg.windows(6).any(|w| w == b"Exif\0\0"));
    let mut rels = String::new();
    zip.by_name("word/_rels/document.xml.rels").unwrap().read_to_string(&mut rels).unwrap();
    assert!(rels.contains(r#"Target="media/image1.jpeg""#), "{rels}");

    // A real reader takes the description: LibreOffice's tagged PDF of the file gives the picture
    // a Figure whose alternative text holds it.
    let Some(pdf) = libreoffice_tagged_pdf(&out, &dir.path().join("lo")) else { return };
    let alts = figure_alts(&pdf);
    assert_eq!(alts.len(), 1, "{alts:?}");
    assert!(alts[0].contains(&format!("Photo, exhibit {label}, criterion {number} (Embed): Pupils & staff painting")), "{alts:?}");
}

/// LibreOffice's tagged PDF of `docx`, in `out_dir`; None (with a note) where it is not installed.
fn libreoffice_tagged_pdf(docx: &Path, out_dir: &Path) -> Option<std::path::PathBuf> {
    std::fs::create_dir_all(out_dir).unwrap();
    // A profile of its own, so a LibreOffice the developer has open does not take the job.
    let profile = format!("-env:UserInstallation=file://{}", out_dir.join("profile").display());
    let filter = r#"pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}"#;
    let o = match std::process::Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", filter, "--outdir"])
        .arg(out_dir)
        .arg(docx)
        .output()
    {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            println!("skipped: soffice (LibreOffice) is not installed, so the Word file was not opened");
            return None;
        }
        Err(e) => panic!("cannot run soffice: {e}"),
    };
    let pdf = out_dir.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(o.status.success() && pdf.is_file(), "LibreOffice did not convert {}: {}", docx.display(), String::from_utf8_lossy(&o.stderr));
    Some(pdf)
}

/// The /Alt of every Figure structure element in `pdf`, decoded.
fn figure_alts(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let mut out = Vec::new();
    for obj in doc.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
        let figure = d.get(b"S").ok().and_then(|s| s.as_name().ok()) == Some(b"Figure".as_slice());
        let Some(alt) = d.get(b"Alt").ok().and_then(|a| a.as_str().ok()).filter(|_| figure) else { continue };
        out.push(match alt.strip_prefix(&[0xFE, 0xFF]) {
            Some(be) => String::from_utf16_lossy(&be.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect::<Vec<_>>()),
            None => String::from_utf8_lossy(alt).into_owned(),
        });
    }
    out
}
