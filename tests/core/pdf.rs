//! The PDF engine on its own (no portfolio): faces and styles reach the file as the reader sees it,
//! checked with poppler (pdffonts, pdftotext).

use std::path::Path;
use std::process::Command;

use sanctuary::pdf::{self, Layout, Metadata, Style};

use crate::support::{now, tempdir};

/// Runs a poppler tool and returns its output, failing with the package to install when missing.
fn poppler(tool: &str, args: &[&str]) -> String {
    let o = match Command::new(tool).args(args).output() {
        Ok(o) => o,
        Err(e) => panic!("cannot run {tool} ({e}); install the Debian package poppler-utils"),
    };
    assert!(o.status.success(), "{tool} {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn meta() -> Metadata {
    Metadata {
        title: "Test".into(),
        author: "Test".into(),
        subject: String::new(),
        keywords: String::new(),
        language: "en-GB".into(),
        created: now(),
        id: [7; 16],
        footer: "Test".into(),
        page_of: "Page {n} of {total}".into(),
    }
}

/// Writes one page holding `paragraphs` and returns the file's path.
fn write(dir: &Path, paragraphs: &[(&str, Style)]) -> std::path::PathBuf {
    let mut layout = Layout::new();
    for (text, style) in paragraphs {
        layout.paragraph(text, *style, 0.0);
    }
    let out = dir.join("t.pdf");
    let mut file = std::fs::File::create(&out).unwrap();
    pdf::write(layout, &meta(), &[], Vec::new(), &mut file).unwrap();
    out
}

#[test]
#[cfg_attr(windows, ignore = "pdffonts and pdftotext are Linux tools")]
fn italic_and_bold_italic_use_noto_sans_italic_faces_and_keep_their_text() {
    let dir = tempdir();
    let out = write(
        dir.path(),
        &[
            ("Upright words", Style::new(11.0)),
            ("Slanted words", Style::new(11.0).italic()),
            ("Heavy slanted words", Style::new(11.0).bold().italic()),
        ],
    );
    let fonts = poppler("pdffonts", &[out.to_str().unwrap()]);
    for name in ["NotoSans-Regular", "NotoSans-Italic", "NotoSans-BoldItalic"] {
        assert!(fonts.contains(name), "{name} missing in:\n{fonts}");
    }
    // Bold alone was not used, so it is not embedded.
    assert!(!fonts.contains("NotoSans-Bold "), "{fonts}");
    let text = poppler("pdftotext", &[out.to_str().unwrap(), "-"]);
    for words in ["Upright words", "Slanted words", "Heavy slanted words"] {
        assert!(text.contains(words), "{words:?} missing in:\n{text}");
    }
}
