//! The language of a piece of text, for the language tags of an accessible PDF: what a quote, a
//! caption or an account is written in, so that a screen reader switches voice. The coordinator's
//! choice always wins; where there is none, the writing system (script) decides.
//!
//! The rule, in order:
//! 1. Letters are counted per script (digits, punctuation and spaces are no script). The script
//!    with the most letters is the text's script; a tie goes to the script met first.
//! 2. Latin script (English, Welsh, Polish, Somali, Vietnamese…), or no letters at all: the script
//!    cannot tell these apart, so the text takes the language chosen for it, or none (it is then in
//!    the document's own language).
//! 3. Any other script names one language:
//!    - Arabic script: Pashto when a letter only Pashto uses is present (ټ ډ ړ ښ ځ څ ږ ګ ڼ ۍ),
//!      else Urdu when one only Urdu uses is (ٹ ڈ ڑ ں ے ھ), else Farsi when one Arabic lacks is
//!      (پ چ ژ گ, or the Persian forms of kaf and yeh, ک and ی, where Arabic writes ك and ي), else
//!      Arabic (`ar`). Dari reads as Farsi and Sindhi or Kurdish as the nearest of
//!      these: script alone cannot tell them, so the coordinator chooses for such quotes.
//!    - Ethiopic: Tigrinya (`ti`) when a letter of the ቐ or ዀ rows is present (Amharic has neither),
//!      else Amharic (`am`).
//!    - Cyrillic: Ukrainian (`uk`) when і, ї, є or ґ is present, else Russian (`ru`).
//!    - Han, kana and Hangul together: Japanese (`ja`) when any kana is present, else Korean (`ko`)
//!      when Hangul outnumbers Han, else Chinese (`zh`).
//!    - Devanagari `hi`, Bengali `bn`, Gurmukhi `pa`, Tamil `ta`, Georgian `ka`, Myanmar `my`,
//!      Thai `th`, Hebrew `he`, Greek `el`.
//!
//! Not for: choosing fonts or shaping (see `pdf`), nor the document's own language (the export's,
//! `i18n::Lang::tag`).

use crate::error::{Error, Result};

/// A writing system the rule above tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Arabic,
    Hebrew,
    Greek,
    Cyrillic,
    Georgian,
    Ethiopic,
    Devanagari,
    Bengali,
    Gurmukhi,
    Tamil,
    Thai,
    Myanmar,
    /// Han, kana and Hangul, counted together and told apart by [`cjk`].
    Cjk,
}

fn script(c: char) -> Option<Script> {
    use Script::*;
    let u = c as u32;
    Some(match u {
        0x0041..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => Latin,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Greek,
        0x0400..=0x052F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Cyrillic,
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Arabic,
        0x0900..=0x097F | 0xA8E0..=0xA8FF => Devanagari,
        0x0980..=0x09FF => Bengali,
        0x0A00..=0x0A7F => Gurmukhi,
        0x0B80..=0x0BFF => Tamil,
        0x0E00..=0x0E7F => Thai,
        0x1000..=0x109F | 0xAA60..=0xAA7F => Myanmar,
        0x10A0..=0x10FF | 0x1C90..=0x1CBF | 0x2D00..=0x2D2F => Georgian,
        0x1200..=0x139F | 0x2D80..=0x2DDF | 0xAB00..=0xAB2F => Ethiopic,
        0x1100..=0x11FF | 0x3040..=0x30FF | 0x3130..=0x318F | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF66..=0xFF9D | 0x20000..=0x2FA1F => Cjk,
        _ => return None,
    })
}

/// Letters only Pashto writes among the Arabic-script languages the rule names.
const PASHTO: &[char] = &['ټ', 'ډ', 'ړ', 'ښ', 'ځ', 'څ', 'ږ', 'ګ', 'ڼ', 'ۍ'];
/// Letters Urdu writes and Farsi does not.
const URDU: &[char] = &['ٹ', 'ڈ', 'ڑ', 'ں', 'ے', 'ھ'];
/// Letters Farsi (and Urdu and Pashto, checked first) write and Arabic does not: پ چ ژ گ, and
/// keheh and Farsi yeh (U+06A9, U+06CC), the forms of kaf and yeh Persian keyboards type.
const FARSI: &[char] = &['پ', 'چ', 'ژ', 'گ', '\u{06A9}', '\u{06CC}'];
/// Letters Ukrainian writes and Russian does not, both cases.
const UKRAINIAN: &[char] = &['і', 'ї', 'є', 'ґ', 'І', 'Ї', 'Є', 'Ґ'];

/// The language the writing of `text` names (see the module's rule), or None for Latin script and
/// for text without letters.
pub fn detect(text: &str) -> Option<&'static str> {
    // (script, letters), in the order first met.
    let mut counts: Vec<(Script, usize)> = Vec::new();
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        let Some(s) = script(c) else { continue };
        match counts.iter_mut().find(|(k, _)| *k == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    // The most letters; `max_by_key` keeps the last of equals, so compare with the index to keep the first.
    let (main, _) = counts.iter().enumerate().max_by_key(|(i, (_, n))| (*n, usize::MAX - i)).map(|(_, c)| *c)?;
    let has = |set: &[char]| text.chars().any(|c| set.contains(&c));
    Some(match main {
        Script::Latin => return None,
        Script::Arabic if has(PASHTO) => "ps",
        Script::Arabic if has(URDU) => "ur",
        Script::Arabic if has(FARSI) => "fa",
        Script::Arabic => "ar",
        Script::Ethiopic if text.chars().any(|c| matches!(c as u32, 0x1250..=0x125D | 0x12C0..=0x12C5)) => "ti",
        Script::Ethiopic => "am",
        Script::Cyrillic if has(UKRAINIAN) => "uk",
        Script::Cyrillic => "ru",
        Script::Cjk => cjk(text),
        Script::Devanagari => "hi",
        Script::Bengali => "bn",
        Script::Gurmukhi => "pa",
        Script::Tamil => "ta",
        Script::Georgian => "ka",
        Script::Myanmar => "my",
        Script::Thai => "th",
        Script::Hebrew => "he",
        Script::Greek => "el",
    })
}

/// Japanese writes kana among its Han; Korean is mostly Hangul; Han alone is Chinese.
fn cjk(text: &str) -> &'static str {
    let (mut kana, mut hangul, mut han) = (0, 0, 0);
    for c in text.chars() {
        match c as u32 {
            0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9D => kana += 1,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => hangul += 1,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F => han += 1,
            _ => {}
        }
    }
    if kana > 0 {
        "ja"
    } else if hangul > han {
        "ko"
    } else {
        "zh"
    }
}

/// The language tag of `text`: the script's language where it names one, else `default` (the
/// language chosen for it; None means the document's own). For account and caption text.
pub fn lang_of(text: &str, default: Option<&str>) -> Option<String> {
    detect(text).map(str::to_string).or_else(|| default.filter(|d| !d.trim().is_empty()).map(str::to_string))
}

/// The language of a quote: the one the coordinator chose (`chosen`, a tag, empty for none), else
/// the one its writing names, else None (the document's language).
pub fn of_quote(text: &str, chosen: &str) -> Option<String> {
    let chosen = chosen.trim();
    if chosen.is_empty() {
        detect(text).map(str::to_string)
    } else {
        Some(chosen.to_string())
    }
}

/// A language tag as stored: empty (detect from the writing), or the shape of a BCP 47 tag (a
/// language of 2–3 letters, then subtags of 1–8 letters or digits joined by hyphens), written in
/// the usual case ("pt-BR", "sr-Latn", "zh-Hant"). Anything else is refused with what to type.
pub fn check_tag(tag: &str) -> Result<String> {
    let tag = tag.trim().replace('_', "-");
    if tag.is_empty() {
        return Ok(tag);
    }
    let refuse = || {
        Error::rule(
            "evidence_language_tag",
            [("tag", tag.as_str().into())],
            format!("`{tag}` is not a language tag; use a code such as ar, fa, uk, pl or pt-BR, or leave it empty to detect it from the writing"),
        )
    };
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or_default();
    if !(2..=3).contains(&first.len()) || !first.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(refuse());
    }
    let mut out = first.to_ascii_lowercase();
    for part in parts {
        if part.is_empty() || part.len() > 8 || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(refuse());
        }
        out.push('-');
        let all_letters = part.chars().all(|c| c.is_ascii_alphabetic());
        if part.len() == 2 && all_letters {
            out.push_str(&part.to_ascii_uppercase());
        } else if part.len() == 4 && all_letters {
            out.push_str(&part[..1].to_ascii_uppercase());
            out.push_str(&part[1..].to_ascii_lowercase());
        } else {
            out.push_str(&part.to_ascii_lowercase());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_name_their_languages() {
        assert_eq!(detect("شكرا لكم على الترحيب"), Some("ar"));
        assert_eq!(detect("من از مدرسه خیلی خوشم می‌آید و گل"), Some("fa"));
        assert_eq!(detect("زه ښوونځي ته ځم"), Some("ps"));
        assert_eq!(detect("مجھے یہ اسکول پسند ہے"), Some("ur"));
        assert_eq!(detect("ቐልጢፍ ኢና"), Some("ti"));
        assert_eq!(detect("እንኳን ደህና መጣችሁ"), Some("am"));
        assert_eq!(detect("Дякую за підтримку"), Some("uk"));
        assert_eq!(detect("Спасибо за помощь"), Some("ru"));
        assert_eq!(detect("谢谢你们的欢迎"), Some("zh"));
        assert_eq!(detect("ありがとうございます 学校"), Some("ja"));
        assert_eq!(detect("환영합니다"), Some("ko"));
        assert_eq!(detect("स्वागत है"), Some("hi"));
        assert_eq!(detect("Γεια σας"), Some("el"));
        assert_eq!(detect("שלום"), Some("he"));
    }

    #[test]
    fn latin_and_empty_take_the_default() {
        assert_eq!(detect("Croeso i bawb"), None);
        assert_eq!(detect("2026 — 3!"), None);
        assert_eq!(lang_of("Dziękuję bardzo", Some("pl")).as_deref(), Some("pl"));
        assert_eq!(lang_of("Thank you", None), None);
        // A short foreign word in a long English sentence does not change its language.
        assert_eq!(detect("We learnt to say شكرا in class today"), None);
        assert_eq!(of_quote("شكرا", "fa").as_deref(), Some("fa"));
        assert_eq!(of_quote("شكرا", "").as_deref(), Some("ar"));
    }

    #[test]
    fn tags_are_checked_and_cased() {
        assert_eq!(check_tag(" pt_br ").unwrap(), "pt-BR");
        assert_eq!(check_tag("SR-latn").unwrap(), "sr-Latn");
        assert_eq!(check_tag("").unwrap(), "");
        assert!(check_tag("Arabic").is_err());
        assert!(check_tag("a").is_err());
        assert!(check_tag("en--GB").is_err());
    }
}
