//! The demo portfolio as readers open it: sound structure, the exact text in every script, embedded
//! subset fonts, and the same bytes for the same input and time.

use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions};

use crate::support::{demo_store, now, tempdir};
use super::{export_demo, flat, ok, page_text, run};

#[test]
#[cfg_attr(windows, ignore = "qpdf, pdfinfo, mutool and pdftoppm are Linux tools; crossplatform::the_demo_portfolio_reads_back_without_linux_tools checks pages and metadata")]
fn the_demo_portfolio_passes_qpdf_and_opens_in_poppler_and_mupdf() {
    let dir = tempdir();
    let (_store, out, report) = export_demo(dir.path());
    let path = out.to_str().unwrap();
    assert_eq!(report.path, out);
    assert_eq!(report.bytes, std::fs::metadata(&out).unwrap().len());

    let check = ok("qpdf", &["--check", path]);
    assert!(check.contains("No syntax or stream encoding errors"), "{check}");

    let info = ok("pdfinfo", &[path]);
    assert!(info.contains(&format!("Pages:           {}", report.pages)), "{info}");
    assert!(
        info.contains("Title:           Brookfield Primary School: Schools of Sanctuary portfolio"),
        "{info}"
    );
    assert!(
        info.contains("Author:          Mr D. Evans for Brookfield Primary School"),
        "{info}"
    );
    assert!(info.contains("Subject:         Application and evidence"), "{info}");
    assert!(info.contains("CreationDate:    Mon Nov 23 10:00:00 2026 UTC"), "{info}");
    assert!(info.contains("Page size:       595.276 x 841.89 pts (A4)"), "{info}");

    let mu = run("mutool", &["info", path]);
    assert!(mu.status.success(), "{}", String::from_utf8_lossy(&mu.stderr));
    assert!(String::from_utf8_lossy(&mu.stdout).contains(&format!("Pages: {}", report.pages)));
    let png = dir.path().join("page%d.png");
    let draw = run("mutool", &["draw", "-r", "30", "-o", png.to_str().unwrap(), path]);
    let err = String::from_utf8_lossy(&draw.stderr);
    assert!(draw.status.success() && !err.contains("error"), "mutool draw: {err}");
    assert!(dir.path().join(format!("page{}.png", report.pages)).exists());
    let ppm = run(
        "pdftoppm",
        &["-r", "20", "-png", path, dir.path().join("pop").to_str().unwrap()],
    );
    assert!(
        ppm.status.success() && ppm.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&ppm.stderr)
    );
}

#[test]
#[cfg_attr(windows, ignore = "needs poppler's pdftotext, a Linux tool: lopdf gives right-to-left text in visual order")]
fn the_text_holds_the_school_the_strands_and_welsh_and_ukrainian_exactly() {
    let dir = tempdir();
    let (_store, out, report) = export_demo(dir.path());
    let text = flat(&ok("pdftotext", &[out.to_str().unwrap(), "-"]));
    for needle in [
        "Brookfield Primary School",
        "Learn",
        "Embed",
        "Share",
        "Croeso i bawb — rydyn ni'n ysgol sy'n croesawu pawb. Ŵyr ac ŷd: pob llythyren yn cyfrif.",
        "Тут мені допомогли знайти друзів і вивчити англійську.",
        "Ласкаво просимо",
        "Hold a whole-school Refugee Week with a family picnic",
        "Whole-staff INSET on the asylum process",
        &format!("Page 1 of {}", report.pages),
        &format!("Page {0} of {0}", report.pages),
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    // Every page carries its number.
    for p in 1..=report.pages {
        assert!(
            page_text(&out, p).contains(&format!("Page {p} of {}", report.pages)),
            "page {p}"
        );
    }
    // Arabic is extracted as Arabic letters (shaping keeps the text behind the glyphs).
    // (Words without the lam-alef ligature: poppler reverses a ligature's letters in RTL text.)
    for word in ["شعرت", "مدرستي", "الجديدة"] {
        assert!(text.contains(word), "Arabic word {word} missing in:\n{text}");
    }
}

#[test]
#[cfg_attr(windows, ignore = "pdffonts is a Linux tool")]
fn fonts_are_embedded_and_subset() {
    let dir = tempdir();
    let (_store, out, _) = export_demo(dir.path());
    let list = ok("pdffonts", &[out.to_str().unwrap()]);
    let rows: Vec<&str> = list.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(rows.len() >= 3, "{list}");
    assert!(rows.iter().any(|r| r.contains("NotoSans-Regular")), "{list}");
    assert!(rows.iter().any(|r| r.contains("NotoSansArabic")), "{list}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        // ... emb sub uni objnum gen
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "not embedded+subset+unicode: {row}"
        );
        assert!(cols[0].as_bytes()[6] == b'+', "no subset tag: {row}");
    }
    // Subsetting keeps the file small: the four fonts alone are 1.5 MB.
    assert!(std::fs::metadata(&out).unwrap().len() < 400_000);
}

#[test]
fn the_same_input_and_time_give_the_same_bytes() {
    let dir = tempdir();
    let store = demo_store(dir.path());
    let a = dir.path().join("a.pdf");
    let b = dir.path().join("b.pdf");
    portfolio::export(&store, &ExportOptions::new(a.clone(), now()), &Job::silent()).unwrap();
    portfolio::export(&store, &ExportOptions::new(b.clone(), now()), &Job::silent()).unwrap();
    assert!(
        std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(),
        "two exports of the same data differ"
    );
    let c = dir.path().join("c.pdf");
    let later = now() + chrono::Duration::days(1);
    portfolio::export(&store, &ExportOptions::new(c.clone(), later), &Job::silent()).unwrap();
    assert!(
        std::fs::read(&a).unwrap() != std::fs::read(&c).unwrap(),
        "the export time must show in the file"
    );
}
