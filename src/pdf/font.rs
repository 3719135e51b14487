//! The fonts the engine ships with (Noto Sans regular, bold, italic and bold italic, and Noto Sans
//! Arabic regular and bold, OFL-1.1; see
//! fonts/OFL.txt), loaded once per process, and the rule that picks one for a piece of text.
//!
//! Not for: shaping or placing glyphs (see `text`).

use std::sync::OnceLock;

use printpdf::{FontId, ParsedFont};

/// Which of the shipped faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Face {
    Sans,
    SansBold,
    Arabic,
    ArabicBold,
    SansItalic,
    SansBoldItalic,
}

impl Face {
    pub(crate) const ALL: [Face; 6] = [
        Face::Sans,
        Face::SansBold,
        Face::Arabic,
        Face::ArabicBold,
        Face::SansItalic,
        Face::SansBoldItalic,
    ];

    fn index(self) -> usize {
        self as usize
    }

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
    /// are fixed here: the same input must give the same bytes.
    pub(crate) fn id(self) -> FontId {
        FontId(
            match self {
                Face::Sans => "SPNSRG",
                Face::SansBold => "SPNSBD",
                Face::Arabic => "SPNARG",
                Face::ArabicBold => "SPNABD",
                Face::SansItalic => "SPNSIT",
                Face::SansBoldItalic => "SPNSBI",
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
