//! The faces text is drawn with: the ones the engine ships (Noto Sans regular, bold, italic and bold
//! italic, and Noto Sans Arabic regular and bold, OFL-1.1; see fonts/OFL.txt), and faces found on
//! the computer (through `fontdb`) for scripts those lack: Ethiopic, Indic, Georgian, Armenian,
//! Hebrew, Thai, Myanmar, Chinese, Japanese, Korean...
//!
//! System fonts are looked for only when a text holds a character the shipped faces cannot print,
//! so a Latin-only export never reads the font folders and stays byte for byte what it was.
//!
//! Not for: shaping or placing glyphs (see `text`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use printpdf::{FontId, ParsedFont};
use sha2::{Digest, Sha256};
use unicode_script::{Script, UnicodeScript};

/// A face to draw with: one of the shipped ones, or the n-th system face loaded in this process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Face {
    Sans,
    SansBold,
    Arabic,
    ArabicBold,
    SansItalic,
    SansBoldItalic,
    System(u16),
}

impl Face {
    /// The shipped faces.
    pub(crate) const ALL: [Face; 6] = [
        Face::Sans,
        Face::SansBold,
        Face::Arabic,
        Face::ArabicBold,
        Face::SansItalic,
        Face::SansBoldItalic,
    ];

    /// The face for Latin/Greek/Cyrillic text at this weight and slant.
    pub(crate) fn latin(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Sans,
            (true, false) => Face::SansBold,
            (false, true) => Face::SansItalic,
            (true, true) => Face::SansBoldItalic,
        }
    }

    /// The face for Arabic text at this weight. Arabic script has no italic: slanted Arabic reads
    /// as a mistake, so italic text keeps upright Arabic letters.
    pub(crate) fn arabic(bold: bool) -> Face {
        if bold {
            Face::ArabicBold
        } else {
            Face::Arabic
        }
    }

    /// The PDF resource name. Its first six capitals become the subset tag (`ABCDEF+Name`), so they
    /// are fixed here (for system faces, derived from the face's name): the same input must give
    /// the same bytes.
    pub(crate) fn id(self) -> FontId {
        FontId(
            match self {
                Face::Sans => "SPNSRG",
                Face::SansBold => "SPNSBD",
                Face::Arabic => "SPNARG",
                Face::ArabicBold => "SPNABD",
                Face::SansItalic => "SPNSIT",
                Face::SansBoldItalic => "SPNSBI",
                Face::System(n) => return FontId(system(n).id.clone()),
            }
            .to_string(),
        )
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Face::Sans => include_bytes!("fonts/NotoSans-Regular.ttf"),
            Face::SansBold => include_bytes!("fonts/NotoSans-Bold.ttf"),
            Face::Arabic => include_bytes!("fonts/NotoSansArabic-Regular.ttf"),
            Face::ArabicBold => include_bytes!("fonts/NotoSansArabic-Bold.ttf"),
            Face::SansItalic => include_bytes!("fonts/NotoSans-Italic.ttf"),
            Face::SansBoldItalic => include_bytes!("fonts/NotoSans-BoldItalic.ttf"),
            Face::System(n) => system(n).data,
        }
    }

    /// Position in [`Face::ALL`].
    fn index(self) -> usize {
        match self {
            Face::Sans => 0,
            Face::SansBold => 1,
            Face::Arabic => 2,
            Face::ArabicBold => 3,
            Face::SansItalic => 4,
            Face::SansBoldItalic => 5,
            Face::System(_) => unreachable!("system faces are not in the shipped table"),
        }
    }
}

/// A face ready for shaping: rustybuzz's view of the font plus the metrics layout needs.
pub(crate) struct Shaper {
    pub face: rustybuzz::Face<'static>,
    /// Font units per em, to turn advances into points.
    pub upem: f32,
}

/// Shaping faces, parsed once: the narrative editor counts pages as the coordinator types.
pub(crate) fn shaper(face: Face) -> &'static Shaper {
    static SHAPERS: OnceLock<Vec<Shaper>> = OnceLock::new();
    if let Face::System(n) = face {
        return &system(n).shaper;
    }
    let all = SHAPERS.get_or_init(|| {
        Face::ALL
            .iter()
            .map(|f| {
                let face = rustybuzz::Face::from_slice(f.bytes(), 0).expect("shipped fonts parse");
                let upem = face.units_per_em() as f32;
                Shaper { face, upem }
            })
            .collect()
    });
    &all[face.index()]
}

/// printpdf's parsed fonts, for embedding; parsed once, only when a PDF is actually written.
pub(crate) fn parsed(face: Face) -> &'static ParsedFont {
    static PARSED: OnceLock<Vec<ParsedFont>> = OnceLock::new();
    if let Face::System(n) = face {
        let s = system(n);
        return s.parsed.get_or_init(|| {
            let mut warnings = Vec::new();
            // The face was parsed by rustybuzz already; printpdf reads the same bytes.
            ParsedFont::from_bytes(s.data, s.index as usize, &mut warnings).expect("a face that shaped also parses")
        });
    }
    let all = PARSED.get_or_init(|| {
        Face::ALL
            .iter()
            .map(|f| {
                let mut warnings = Vec::new();
                ParsedFont::from_bytes(f.bytes(), 0, &mut warnings).expect("shipped fonts parse")
            })
            .collect()
    });
    &all[face.index()]
}

/// True for characters that need the Arabic face (Arabic, its supplements and presentation forms).
pub(crate) fn is_arabic(c: char) -> bool {
    matches!(c as u32,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// True when `face` has a glyph for `c`.
pub(crate) fn covers(face: Face, c: char) -> bool {
    shaper(face).face.glyph_index(c).is_some()
}

/// Which regional style Chinese characters are drawn in: the same code point has different
/// accepted shapes in mainland China, Taiwan/Hong Kong, Japan and Korea.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Han {
    Simplified,
    Traditional,
    Japanese,
    Korean,
}

impl Han {
    /// Guesses the style from the text itself: kana means Japanese, hangul Korean, and a character
    /// that only traditional writing uses (們, 這, 歡...) means traditional; else simplified.
    pub(crate) fn of(text: &str) -> Han {
        // Common characters whose simplified form differs; none of them occurs in simplified text.
        const TRADITIONAL: &str = "們這個來說時會國學為對與後裡歡過還開關長門問間聽見體頭電話點讓應實現經發動樣當無書愛親爾從麼氣雙遠給謝語請幫樂團結難歲員義習術區運邊讀寫課師華傳興";
        let mut han = false;
        for c in text.chars() {
            match c.script() {
                Script::Hiragana | Script::Katakana => return Han::Japanese,
                Script::Hangul => return Han::Korean,
                Script::Bopomofo => return Han::Traditional,
                Script::Han => han = true,
                _ => {}
            }
        }
        if han && text.chars().any(|c| TRADITIONAL.contains(c)) {
            Han::Traditional
        } else {
            Han::Simplified
        }
    }
}

/// Finds a system face with a glyph for `c` (looking up the system's fonts the first time it is
/// needed), or None when no font on this computer has one.
pub(crate) fn fallback(c: char, bold: bool, han: Han) -> Option<Face> {
    static CACHE: OnceLock<Mutex<HashMap<(char, bool, Han), Option<Face>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(hit) = cache.lock().expect("font cache").get(&(c, bold, han)) {
        return *hit;
    }
    let script = c.script();
    let found = families(script, han)
        .into_iter()
        .filter_map(|family| system_face(&family, bold))
        .find(|f| covers(*f, c));
    cache.lock().expect("font cache").insert((c, bold, han), found);
    found
}

/// Font families to try for a script, best first: Debian's Noto fonts, then the fonts every
/// Windows 10/11 and macOS has, then broad last resorts.
fn families(script: Script, han: Han) -> Vec<String> {
    let cjk: &[&str] = match han {
        Han::Simplified => &["Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", "SimSun"],
        Han::Traditional => &[
            "Noto Sans CJK TC",
            "Noto Sans CJK HK",
            "Microsoft JhengHei",
            "PingFang TC",
            "PingFang HK",
            "Source Han Sans TC",
        ],
        Han::Japanese => &["Noto Sans CJK JP", "Yu Gothic", "Meiryo", "Hiragino Sans", "Hiragino Kaku Gothic ProN"],
        Han::Korean => &["Noto Sans CJK KR", "Malgun Gothic", "Apple SD Gothic Neo", "AppleGothic"],
    };
    let own: &[&str] = match script {
        Script::Ethiopic => &["Noto Sans Ethiopic", "Noto Serif Ethiopic", "Ebrima", "Nyala", "Kefa"],
        Script::Devanagari => &["Noto Sans Devanagari", "Nirmala UI", "Mangal", "Kohinoor Devanagari", "Devanagari Sangam MN"],
        Script::Bengali => &["Noto Sans Bengali", "Nirmala UI", "Vrinda", "Kohinoor Bangla", "Bangla Sangam MN"],
        Script::Gurmukhi => &["Noto Sans Gurmukhi", "Nirmala UI", "Raavi", "Gurmukhi Sangam MN", "Mukta Mahee"],
        Script::Gujarati => &["Noto Sans Gujarati", "Nirmala UI", "Shruti", "Kohinoor Gujarati", "Gujarati Sangam MN"],
        Script::Tamil => &["Noto Sans Tamil", "Nirmala UI", "Latha", "Tamil Sangam MN"],
        Script::Georgian => &["Noto Sans Georgian", "Sylfaen", "Arial Unicode MS"],
        Script::Armenian => &["Noto Sans Armenian", "Sylfaen", "Mshtakan", "Arial Unicode MS"],
        Script::Hebrew => &["Noto Sans Hebrew", "Segoe UI", "Arial", "Arial Hebrew"],
        Script::Thai => &["Noto Sans Thai", "Leelawadee UI", "Leelawadee", "Tahoma", "Thonburi"],
        Script::Myanmar => &["Noto Sans Myanmar", "Myanmar Text", "Myanmar Sangam MN", "Myanmar MN"],
        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo => &[],
        _ => &[],
    };
    let mut out: Vec<String> = own.iter().map(|s| s.to_string()).collect();
    if matches!(script, Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo)
        || matches!(script, Script::Common | Script::Inherited | Script::Unknown)
    {
        out.extend(cjk.iter().map(|s| s.to_string()));
    }
    let hangul = script == Script::Hangul;
    let kana = matches!(script, Script::Hiragana | Script::Katakana);
    if hangul {
        out.extend(["Noto Sans CJK KR", "Malgun Gothic", "Apple SD Gothic Neo"].map(String::from));
    }
    if kana {
        out.extend(["Noto Sans CJK JP", "Yu Gothic", "Meiryo", "Hiragino Sans"].map(String::from));
    }
    // Noto has a family per script named after it ("Noto Sans Tifinagh", "Noto Sans Adlam"...):
    // scripts without a line above still find theirs.
    if !matches!(script, Script::Common | Script::Inherited | Script::Unknown) {
        let name = script.full_name().replace('_', " ");
        out.push(format!("Noto Sans {name}"));
        out.push(format!("Noto Serif {name}"));
    }
    out.extend(
        ["Noto Sans Symbols", "Noto Sans Symbols2", "Noto Sans Math", "DejaVu Sans", "Segoe UI Symbol", "Arial Unicode MS"]
            .map(String::from),
    );
    out.dedup();
    out
}

/// A system face loaded for drawing.
struct SystemFace {
    shaper: Shaper,
    data: &'static [u8],
    /// The face's index within its file (font collections hold several).
    index: u32,
    /// PDF resource name, from the face's PostScript name.
    id: String,
    parsed: OnceLock<ParsedFont>,
}

/// Faces loaded so far in this process, in load order. Each lives as long as the process: fonts are
/// looked up once and then drawn with in every export.
fn loaded() -> &'static Mutex<Vec<&'static SystemFace>> {
    static LOADED: OnceLock<Mutex<Vec<&'static SystemFace>>> = OnceLock::new();
    LOADED.get_or_init(Default::default)
}

/// The system faces loaded so far in this process.
pub(crate) fn system_faces() -> Vec<Face> {
    let n = loaded().lock().expect("font table").len();
    (0..n as u16).map(Face::System).collect()
}

fn system(n: u16) -> &'static SystemFace {
    loaded().lock().expect("font table")[n as usize]
}

/// The system's fonts, listed the first time a script needs one (reading only their names).
fn database() -> &'static fontdb::Database {
    static DB: OnceLock<fontdb::Database> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        db
    })
}

/// The face of `family` at this weight, loaded on first use; None when the system lacks it.
fn system_face(family: &str, bold: bool) -> Option<Face> {
    static BY_FAMILY: OnceLock<Mutex<HashMap<(String, bool), Option<Face>>>> = OnceLock::new();
    let by_family = BY_FAMILY.get_or_init(Default::default);
    if let Some(hit) = by_family.lock().expect("font cache").get(&(family.to_string(), bold)) {
        return *hit;
    }
    let face = load_family(family, bold);
    by_family.lock().expect("font cache").insert((family.to_string(), bold), face);
    face
}

fn load_family(family: &str, bold: bool) -> Option<Face> {
    let db = database();
    let query = fontdb::Query {
        families: &[fontdb::Family::Name(family)],
        weight: if bold { fontdb::Weight::BOLD } else { fontdb::Weight::NORMAL },
        stretch: fontdb::Stretch::Normal,
        style: fontdb::Style::Normal,
    };
    let id = db.query(&query)?;
    let info = db.face(id)?;
    let path = match &info.source {
        fontdb::Source::File(p) => p.clone(),
        #[allow(unreachable_patterns)]
        fontdb::Source::SharedFile(p, _) => p.clone(),
        _ => return None,
    };
    let data = file_bytes(&path)?;
    let face = rustybuzz::Face::from_slice(data, info.index)?;
    let upem = face.units_per_em() as f32;
    let mut loaded = loaded().lock().expect("font table");
    // The same face may be reached through two family names (the CJK collections name each face
    // several ways): keep one entry per file and index.
    let tag = resource_name(&info.post_script_name, info.index);
    if let Some(n) = loaded.iter().position(|f| f.id == tag) {
        return Some(Face::System(n as u16));
    }
    let n = u16::try_from(loaded.len()).ok()?;
    loaded.push(Box::leak(Box::new(SystemFace {
        shaper: Shaper { face, upem },
        data,
        index: info.index,
        id: tag,
        parsed: OnceLock::new(),
    })));
    Some(Face::System(n))
}

/// A font file's bytes, read once per process (the regular and bold CJK faces are 20 MB files).
fn file_bytes(path: &Path) -> Option<&'static [u8]> {
    static FILES: OnceLock<Mutex<HashMap<PathBuf, &'static [u8]>>> = OnceLock::new();
    let files = FILES.get_or_init(Default::default);
    let mut files = files.lock().expect("font files");
    if let Some(d) = files.get(path) {
        return Some(d);
    }
    let data: &'static [u8] = Box::leak(std::fs::read(path).ok()?.into_boxed_slice());
    files.insert(path.to_path_buf(), data);
    Some(data)
}

/// Six capitals from the face's name (they become the PDF subset tag) followed by the name
/// itself, so that the same face gets the same name in every export on every computer.
fn resource_name(post_script: &str, index: u32) -> String {
    let digest = Sha256::digest(format!("{post_script}#{index}").as_bytes());
    let tag: String = digest.iter().take(6).map(|b| (b'A' + b % 26) as char).collect();
    let clean: String = post_script.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    format!("{tag}{clean}")
}

/// What to install so that a script prints, for the export's warning.
pub(crate) fn install_hint(c: char) -> &'static str {
    match c.script() {
        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo => "fonts-noto-cjk",
        _ => "fonts-noto-core",
    }
}

/// The script's name for people ("Ethiopic", "Han", "Myanmar"...).
pub(crate) fn script_name(c: char) -> String {
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => format!("U+{:04X}", c as u32),
        s => s.full_name().replace('_', " "),
    }
}
