//! Telling what a file really is from its first bytes, never from its name: a text file called
//! `photo.jpg` or a program renamed `.pdf` must be refused, not stored.

/// What kind of evidence a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Jpeg,
    Png,
    Webp,
    Gif,
    Heic,
    /// A scan or picture in TIFF, possibly of several pages.
    Tiff,
    Bmp,
    Pdf,
    /// An Office Open XML or OpenDocument file (a zip with the right first entries).
    OfficeDocument(&'static str),
}

impl Sniffed {
    /// The MIME type stored with the blob.
    pub fn mime(self) -> &'static str {
        match self {
            Sniffed::Jpeg => "image/jpeg",
            Sniffed::Png => "image/png",
            Sniffed::Webp => "image/webp",
            Sniffed::Gif => "image/gif",
            Sniffed::Heic => "image/heic",
            Sniffed::Tiff => "image/tiff",
            Sniffed::Bmp => "image/bmp",
            Sniffed::Pdf => "application/pdf",
            Sniffed::OfficeDocument(m) => m,
        }
    }

    /// A photo or a document.
    pub fn kind(self) -> super::EvidenceKind {
        match self {
            Sniffed::Jpeg | Sniffed::Png | Sniffed::Webp | Sniffed::Gif | Sniffed::Heic | Sniffed::Tiff | Sniffed::Bmp => super::EvidenceKind::Photo,
            Sniffed::Pdf | Sniffed::OfficeDocument(_) => super::EvidenceKind::Document,
        }
    }
}

/// Identifies `head` (the first few KB of a file) or says, in words, why it is not evidence we take.
pub fn sniff(head: &[u8], name: &str) -> Result<Sniffed, crate::Error> {
    if head.is_empty() {
        return Err(no("evidence_empty", "the file is empty"));
    }
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(Sniffed::Jpeg);
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(Sniffed::Png);
    }
    if head.len() >= 12 && &head[0..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        return Ok(Sniffed::Webp);
    }
    if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        return Ok(Sniffed::Gif);
    }
    if head.len() >= 12 && &head[4..8] == b"ftyp" && matches!(&head[8..12], b"heic" | b"heix" | b"mif1" | b"msf1" | b"hevc") {
        return Ok(Sniffed::Heic);
    }
    if head.len() >= 12 && &head[4..8] == b"ftyp" && matches!(&head[8..12], b"avif" | b"avis") {
        return Err(no("evidence_avif", "it is an AVIF picture, which this version cannot read; open it and save it as JPEG (or send it from the phone as JPEG), then add that"));
    }
    // Little- and big-endian TIFF, and BigTIFF.
    if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") || head.starts_with(b"II+\0") || head.starts_with(b"MM\0+") {
        return Ok(Sniffed::Tiff);
    }
    // "BM" alone is too common a start for text; the size of the header that follows tells a BMP.
    if head.len() >= 18 && head.starts_with(b"BM") && matches!(u32::from_le_bytes([head[14], head[15], head[16], head[17]]), 12 | 40 | 52 | 56 | 64 | 108 | 124) {
        return Ok(Sniffed::Bmp);
    }
    if head.starts_with(b"%PDF-") {
        return Ok(Sniffed::Pdf);
    }
    if head.starts_with(b"PK\x03\x04") {
        let lower = name.to_lowercase();
        let office = [
            (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (".odt", "application/vnd.oasis.opendocument.text"),
            (".odp", "application/vnd.oasis.opendocument.presentation"),
            (".ods", "application/vnd.oasis.opendocument.spreadsheet"),
        ];
        // A zip is only accepted under an office document's name; other archives are not evidence.
        if let Some((_, mime)) = office.iter().find(|(ext, _)| lower.ends_with(ext)) {
            return Ok(Sniffed::OfficeDocument(mime));
        }
        return Err(no("evidence_zip", "it is a zip archive, not a document or photo; add the files inside it instead"));
    }
    if head.starts_with(&crate::office::CFB_MAGIC) {
        // An OLE compound file: a legacy .doc/.ppt/.xls/.pub, or a password-protected .docx/.pptx/.xlsx.
        // Kept as evidence; the import says the panel will not see inside it and what to do.
        let ext = name.rsplit('.').next().map(|e| e.to_lowercase()).unwrap_or_default();
        let protected = [("docx", crate::office::DOCX), ("pptx", crate::office::PPTX), ("xlsx", crate::office::XLSX)];
        if let Some((_, mime)) = protected.iter().chain(crate::office::LEGACY).find(|(e, _)| *e == ext) {
            return Ok(Sniffed::OfficeDocument(*mime));
        }
        return Err(no("evidence_old_office", "it is an old-style Office file of a kind the app does not know; save it as PDF and add it again"));
    }
    if head.starts_with(b"\x7fELF") || head.starts_with(b"MZ") || head.starts_with(&[0xCF, 0xFA, 0xED, 0xFE]) || head.starts_with(&[0xCA, 0xFE, 0xBA, 0xBE]) || head.starts_with(b"#!") {
        return Err(no("evidence_program", "it is a program, not evidence; programs are never stored"));
    }
    let looks_like = name.rsplit('.').next().map(|e| e.to_lowercase()).unwrap_or_default();
    if matches!(looks_like.as_str(), "jpg" | "jpeg" | "png" | "gif" | "webp" | "heic" | "tif" | "tiff" | "bmp" | "pdf") {
        let english = format!("its name ends in .{looks_like} but its contents are not a {} file; it may be damaged or renamed", looks_like.to_uppercase());
        return Err(crate::Error::rule("evidence_renamed", [("ext", looks_like.as_str().into())], english));
    }
    Err(no("evidence_unsupported", "this kind of file is not supported; add photos and scans (JPEG, PNG, WebP, GIF, HEIC, TIFF, BMP), PDFs or Word, PowerPoint, Excel or OpenDocument files"))
}

/// A refusal by the rule `code`, which needs no values.
fn no(code: &'static str, english: &str) -> crate::Error {
    crate::Error::rule(code, [], english)
}
