//! Every family's language prints: quotes in each writing system the issue names are exported and
//! read back with poppler (`pdftotext`) and mupdf (`mutool`), and the content streams are checked
//! for the missing-glyph box (glyph id 0).
//!
//! The fonts for scripts the app does not ship come from Debian's `fonts-noto-core` and
//! `fonts-noto-cjk` (installed by `./run`); a missing package fails with its name.

use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::content::Content;
use lopdf::{Document, Object};
use sanctuary::job::Job;
use sanctuary::portfolio::{self, ExportOptions, ExportReport};

use crate::support::{demo_store, now, tempdir};

/// One real phrase per script ("welcome to our school" or a greeting), as a family would type it.
const PHRASES: &[(&str, &str)] = &[
    ("Vietnamese", "Chào mừng đến với trường của chúng tôi. Tiếng Việt"),
    ("Polish", "Witamy w naszej szkole, cieszymy się"),
    ("Turkish", "Okulumuza hoş geldiniz"),
    ("Albanian", "Mirë se vini në shkollën tonë"),
    ("Somali", "Ku soo dhawoow dugsigayaga"),
    ("Ukrainian", "Ласкаво просимо до нашої школи"),
    ("Greek", "Καλώς ήρθατε στο σχολείο μας"),
    ("Arabic", "مرحبا بكم في مدرستنا"),
    ("Farsi", "به مدرسه ما خوش آمدید"),
    ("Pashto", "زموږ ښوونځي ته ښه راغلاست"),
    ("Urdu", "ہمارے اسکول میں خوش آمدید"),
    ("Sorani", "بەخێربێن بۆ قوتابخانەکەمان"),
    ("Hebrew", "ברוכים הבאים לבית הספר שלנו"),
    ("Tigrinya", "እንቋዕ ብደሓን መጻእኩም"),
    ("Amharic", "እንኳን ወደ ትምህርት ቤታችን በደህና መጡ"),
    ("Hindi", "हमारे विद्यालय में आपका स्वागत है"),
    ("Bengali", "আমাদের স্কুলে স্বাগতম"),
    ("Punjabi", "ਸਾਡੇ ਸਕੂਲ ਵਿੱਚ ਜੀ ਆਇਆਂ ਨੂੰ"),
    ("Gujarati", "અમારી શાળામાં આપનું સ્વાગત છે"),
    ("Tamil", "எங்கள் பள்ளிக்கு வரவேற்கிறோம்"),
    ("Georgian", "კეთილი იყოს თქვენი მობრძანება ჩვენს სკოლაში"),
    ("Armenian", "Բարի գալուստ մեր դպրոց"),
    ("Burmese", "ကျွန်တော်တို့ကျောင်းကို ကြိုဆိုပါတယ်"),
    ("Thai", "ยินดีต้อนรับสู่โรงเรียนของเรา"),
    ("Chinese (simplified)", "欢迎来到我们的学校"),
    ("Chinese (traditional)", "歡迎來到我們的學校"),
    ("Japanese", "私たちの学校へようこそ"),
    ("Korean", "우리 학교에 오신 것을 환영합니다"),
];

/// Runs a PDF tool, failing with the Debian package to install when it is missing.
fn tool(name: &str, args: &[&str]) -> String {
    let package = if name == "mutool" { "mupdf-tools" } else { "poppler-utils" };
    let o = match Command::new(name).args(args).output() {
        Ok(o) => o,
        Err(e) => panic!("cannot run {name} ({e}); install the Debian package {package}"),
    };
    assert!(o.status.success(), "{name} {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks that the fonts the phrases need are on this machine, naming the package otherwise.
fn fonts_installed() {
    for (file, package) in [
        ("/usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf", "fonts-noto-core"),
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "fonts-noto-cjk"),
    ] {
        assert!(Path::new(file).exists(), "{file} is missing: install the Debian package {package}");
    }
}

/// The demo school without photos, plus `quotes`, exported; returns the file and the report.
fn export_quotes(dir: &Path, quotes: &[&str]) -> (PathBuf, ExportReport) {
    let mut store = demo_store(dir);
    for q in quotes {
        sanctuary::evidence::add_quote(&mut store, q, "Year 5 pupil", &[], now()).unwrap();
    }
    let out = dir.join("scripts.pdf");
    let report = portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    (out, report)
}

/// Glyph ids drawn with each composite (CID) font, read from every page's content stream.
fn drawn_glyph_ids(pdf: &Path) -> Vec<(String, u16)> {
    let doc = Document::load(pdf).unwrap();
    let mut out = Vec::new();
    for (_, page) in doc.get_pages() {
        let fonts = doc.get_page_fonts(page).unwrap();
        let content = Content::decode(&doc.get_page_content(page)).unwrap();
        let mut composite = false;
        let mut name = String::new();
        for op in content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    let res = op.operands[0].as_name().unwrap().to_vec();
                    let font = fonts.get(&res).expect("font resource");
                    composite = font.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0".as_slice());
                    name = String::from_utf8_lossy(font.get(b"BaseFont").and_then(Object::as_name).unwrap_or(b"?".as_slice())).into();
                }
                "Tj" | "TJ" if composite => {
                    let strings: Vec<&Object> = match &op.operands[0] {
                        Object::Array(items) => items.iter().collect(),
                        other => vec![other],
                    };
                    for s in strings {
                        if let Object::String(bytes, _) = s {
                            for pair in bytes.chunks(2) {
                                out.push((name.clone(), u16::from_be_bytes([pair[0], pair[1]])));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

#[test]
#[cfg_attr(windows, ignore = "needs poppler's pdftotext and pdffonts, Linux tools: lopdf does not read ActualText")]
fn a_quote_in_every_script_prints_and_reads_back_as_typed() {
    fonts_installed();
    let dir = tempdir();
    let quotes: Vec<&str> = PHRASES.iter().map(|(_, p)| *p).collect();
    let (out, report) = export_quotes(dir.path(), &quotes);
    assert!(report.warnings.iter().all(|w| !w.contains("fonts-noto")), "{:?}", report.warnings);
    let text = flat(&tool("pdftotext", &[out.to_str().unwrap(), "-"]));
    let mut wrong = Vec::new();
    for (language, phrase) in PHRASES {
        if !text.contains(&flat(phrase)) {
            wrong.push(*language);
        }
    }
    assert!(wrong.is_empty(), "not read back as typed: {wrong:?}\n{text}");
    let glyphs = drawn_glyph_ids(&out);
    assert!(glyphs.len() > 500, "too few glyphs: {}", glyphs.len());
    let zero: Vec<&String> = glyphs.iter().filter(|(_, g)| *g == 0).map(|(f, _)| f).collect();
    assert!(zero.is_empty(), "missing-glyph boxes drawn with {zero:?}");
    // Every font is embedded as a subset.
    let fonts = tool("pdffonts", &[out.to_str().unwrap()]);
    for needle in ["NotoSansEthiopic", "NotoSansDevanagari", "NotoSansMyanmar", "NotoSansCJK"] {
        assert!(fonts.contains(needle), "{needle} missing in:\n{fonts}");
    }
    for row in fonts.lines().skip(2).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "not embedded+subset+unicode: {row}");
    }
}

#[test]
#[cfg_attr(windows, ignore = "needs poppler's pdftotext, a Linux tool: lopdf does not read ActualText")]
fn a_long_chinese_quote_wraps_inside_the_page_and_embeds_only_its_glyphs() {
    fonts_installed();
    let dir = tempdir();
    let sentence = "我们的学校欢迎每一个孩子和他们的家人，无论他们来自哪里，说什么语言。";
    let mut long = String::new();
    while long.chars().count() < 300 {
        long.push_str(sentence);
    }
    let long: String = long.chars().take(300).collect();
    let (out, _) = export_quotes(dir.path(), &[&long]);
    // Each line poppler finds with Chinese in it stays inside the margins (62 pt each side of A4).
    let bbox = tool("pdftotext", &["-bbox", out.to_str().unwrap(), "-"]);
    let mut lines = std::collections::BTreeSet::new();
    for row in bbox.lines().filter(|l| l.contains("<word")) {
        let word = row.split('>').nth(1).unwrap_or("").split('<').next().unwrap_or("");
        if !word.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)) {
            continue;
        }
        let attr = |k: &str| -> f32 {
            let at = row.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
            row[at..].split('"').next().unwrap().parse().unwrap()
        };
        assert!(attr("xMin") >= 61.0 && attr("xMax") <= 595.28 - 61.0, "outside the text width: {row}");
        lines.insert(attr("yMin") as i64);
    }
    assert!(lines.len() >= 6, "300 characters on {} lines", lines.len());
    let text: String = tool("pdftotext", &[out.to_str().unwrap(), "-"]).split_whitespace().collect();
    assert!(text.contains(&long), "the long quote does not read back whole");
    // The 20 MB CJK font is subset to the few dozen glyphs used.
    let size = std::fs::metadata(&out).unwrap().len();
    assert!(size < 600_000, "{size} bytes");
}

/// The character an XML attribute value stands for: mutool writes every character outside ASCII
/// as a numeric reference (`&#x201c;`), and a few ASCII ones as named entities.
fn xml_char(value: &str) -> Option<char> {
    let code = if let Some(hex) = value.strip_prefix("&#x").and_then(|v| v.strip_suffix(';')) {
        u32::from_str_radix(hex, 16).ok()?
    } else if let Some(dec) = value.strip_prefix("&#").and_then(|v| v.strip_suffix(';')) {
        dec.parse().ok()?
    } else {
        return match value {
            "&amp;" => Some('&'),
            "&lt;" => Some('<'),
            "&gt;" => Some('>'),
            "&quot;" => Some('"'),
            "&apos;" => Some('\''),
            _ => value.chars().next(),
        };
    };
    char::from_u32(code)
}

#[test]
#[cfg_attr(windows, ignore = "mutool is a Linux tool")]
fn a_right_to_left_quote_has_its_opening_mark_on_the_right() {
    let dir = tempdir();
    let phrase = "مرحبا بكم في مدرستنا";
    let (out, _) = export_quotes(dir.path(), &[phrase]);
    // mupdf's structured text gives each character with its position, line by line.
    let stext = tool("mutool", &["draw", "-q", "-F", "stext", "-o", "-", out.to_str().unwrap()]);
    let mut lines: Vec<Vec<(char, f32)>> = Vec::new();
    for row in stext.lines().map(str::trim_start) {
        if row.starts_with("<line") {
            lines.push(Vec::new());
        }
        if !row.starts_with("<char") {
            continue;
        }
        let attr = |k: &str| -> Option<String> {
            let at = row.find(&format!(" {k}=\""))? + k.len() + 3;
            Some(row[at..].split('"').next()?.to_string())
        };
        let c = attr("c").and_then(|c| xml_char(&c));
        let x: Option<f32> = attr("x").and_then(|x| x.parse().ok());
        if let (Some(c), Some(x), Some(line)) = (c, x, lines.last_mut()) {
            line.push((c, x));
        }
    }
    // The demo school has quotes of its own (in English and in Arabic): look at the line that
    // holds this quote's letters and its opening mark.
    let marks = lines
        .iter()
        .find(|l| l.iter().any(|m| m.0 == '“') && phrase.chars().filter(|c| *c != ' ').all(|c| l.iter().any(|m| m.0 == c)))
        .expect("a line with the quote's letters and an opening mark");
    let open = marks.iter().find(|m| m.0 == '“').expect("an opening mark");
    let close = marks.iter().find(|m| m.0 == '”').expect("a closing mark");
    let letters: Vec<f32> = marks.iter().filter(|m| ('\u{0600}'..='\u{06FF}').contains(&m.0)).map(|m| m.1).collect();
    assert!(!letters.is_empty(), "no Arabic on the quote's line");
    let right = letters.iter().cloned().fold(f32::MIN, f32::max);
    let left = letters.iter().cloned().fold(f32::MAX, f32::min);
    assert!(open.1 > right, "the opening mark is at {} but the words end at {right} on the right", open.1);
    assert!(close.1 < left, "the closing mark is at {} but the words start at {left} on the left", close.1);
}

#[test]
#[cfg_attr(windows, ignore = "needs poppler's pdftotext, a Linux tool: lopdf does not read ActualText")]
fn a_character_no_font_has_is_left_out_with_a_warning_naming_the_exhibit() {
    let dir = tempdir();
    // U+E000 is a private-use character: no installed font has a glyph for it.
    let (out, report) = export_quotes(dir.path(), &["Our class song \u{E000} in Tigrinya: እንቋዕ ብደሓን መጻእኩም"]);
    let warning = report
        .warnings
        .iter()
        .find(|w| w.contains("Our class song") && w.contains("U+E000"))
        .unwrap_or_else(|| panic!("no warning naming the exhibit: {:?}", report.warnings));
    assert!(warning.contains("fonts-noto-core"), "{warning}");
    let zero = drawn_glyph_ids(&out).into_iter().filter(|(_, g)| *g == 0).count();
    assert_eq!(zero, 0, "a missing-glyph box was drawn");
    let text = flat(&tool("pdftotext", &[out.to_str().unwrap(), "-"]));
    assert!(text.contains("እንቋዕ ብደሓን መጻእኩም"), "{text}");
}

#[test]
#[cfg_attr(windows, ignore = "pdffonts is a Linux tool")]
fn a_latin_only_portfolio_uses_no_system_font() {
    let dir = tempdir();
    let (out, report) = export_quotes(dir.path(), &["We all belong here."]);
    assert!(report.warnings.iter().all(|w| !w.contains("fonts-noto")), "{:?}", report.warnings);
    let fonts = tool("pdffonts", &[out.to_str().unwrap()]);
    for row in fonts.lines().skip(2).filter(|l| !l.trim().is_empty()) {
        assert!(
            ["NotoSans-Regular", "NotoSans-Bold", "NotoSansArabic"].iter().any(|n| row.contains(n)),
            "an unexpected font: {row}"
        );
    }
}
