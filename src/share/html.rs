//! The page (`index.html`) and the fragment (`post.html`) from one body: the page wraps it in a
//! whole, self-contained document (landmarks, `lang`, inline CSS with a print style, no script,
//! nothing loaded from elsewhere); the fragment is the same headings, paragraphs and figures with no
//! styling, for pasting into WordPress or a school's CMS, whose post has its own title.
//!
//! Not for: choosing the content (`select`) or making the pictures (`images`).

use super::folder::GENERATOR;
use super::select::{Content, Piece};
use crate::evidence::EvidenceKind;
use crate::i18n::Lang;

/// The whole page.
pub(super) fn page(c: &Content) -> String {
    let lang = lang_of(c);
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n");
    out.push_str(&format!("<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n", lang.tag()));
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<meta name=\"generator\" content=\"{GENERATOR}\">\n"));
    out.push_str(&format!("<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n", text(&c.title)));
    out.push_str("<header>\n");
    out.push_str(&format!("<p class=\"kicker\">{}</p>\n", text(lang.t("share.kicker"))));
    out.push_str(&format!("<h1>{}</h1>\n", text(&c.title)));
    paragraphs(&mut out, &c.intro, "intro");
    out.push_str("</header>\n<main>\n");
    body(&mut out, c, true);
    out.push_str("</main>\n<footer>\n");
    out.push_str(&format!("<p><a href=\"{}\">{}</a></p>\n", attr(&c.home_url), text(lang.t("share.more"))));
    out.push_str("</footer>\n</body>\n</html>\n");
    out
}

/// The same content as a fragment: no document around it, no styling, no title.
pub(super) fn fragment(c: &Content) -> String {
    let lang = lang_of(c);
    let mut out = String::new();
    paragraphs(&mut out, &c.intro, "");
    body(&mut out, c, false);
    out.push_str(&format!("<p><a href=\"{}\">{}</a></p>\n", attr(&c.home_url), text(lang.t("share.more"))));
    out
}

fn lang_of(c: &Content) -> Lang {
    c.language.parse().unwrap_or(Lang::En)
}

/// The sections, each headed at level 2 (stories at level 3), so headings go down in order.
fn body(out: &mut String, c: &Content, styled: bool) {
    let lang = lang_of(c);
    let section = |out: &mut String, id: &str, heading: &str| {
        out.push_str(&format!("<section aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">{}</h2>\n", text(heading)));
    };
    if !c.stories.is_empty() {
        section(out, "stories", lang.t("share.stories"));
        for s in &c.stories {
            out.push_str(&format!("<article>\n<h3>{}</h3>\n", text(&s.heading)));
            let (photos, others): (Vec<&Piece>, Vec<&Piece>) = s.pieces.iter().partition(|p| p.kind == EvidenceKind::Photo);
            photo_group(out, &photos, styled);
            for p in others {
                piece(out, p);
            }
            out.push_str("</article>\n");
        }
        out.push_str("</section>\n");
    }
    if !c.words.is_empty() {
        section(out, "words", lang.t("share.words"));
        for p in &c.words {
            piece(out, p);
        }
        out.push_str("</section>\n");
    }
    if !c.photos.is_empty() {
        section(out, "photos", lang.t("share.photos"));
        photo_group(out, &c.photos.iter().collect::<Vec<_>>(), styled);
        out.push_str("</section>\n");
    }
    if !c.links.is_empty() {
        section(out, "links", lang.t("share.links"));
        out.push_str("<ul>\n");
        for p in &c.links {
            out.push_str(&format!("<li><a href=\"{}\">{}</a>", attr(&p.url), text(&p.title)));
            if !p.text.is_empty() {
                out.push_str(&format!(" – {}", text(&p.text)));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n</section>\n");
    }
    section(out, "pledge", lang.t("share.pledge_heading"));
    paragraphs(out, &c.pledge, "");
    if !c.pledge_date.is_empty() {
        out.push_str(&format!("<p>{}</p>\n", text(&lang.f("share.pledge_date", &[("date", &c.pledge_date)]))));
    }
    out.push_str("</section>\n");
    if !c.awarded_on.is_empty() {
        section(out, "award", lang.t("share.award_heading"));
        out.push_str(&format!("<p>{}</p>\n", text(&lang.f("share.award_text", &[("date", &c.awarded_on)]))));
        out.push_str("</section>\n");
    }
}

fn photo_group(out: &mut String, photos: &[&Piece], styled: bool) {
    if photos.is_empty() {
        return;
    }
    if styled {
        out.push_str("<div class=\"photos\">\n");
    }
    for p in photos {
        piece(out, p);
    }
    if styled {
        out.push_str("</div>\n");
    }
}

fn piece(out: &mut String, p: &Piece) {
    match p.kind {
        EvidenceKind::Photo => {
            out.push_str(&format!(
                "<figure>\n<img src=\"images/{}\" alt=\"{}\" width=\"{}\" height=\"{}\">\n",
                attr(&p.image),
                attr(&p.alt),
                p.width,
                p.height
            ));
            // The caption is the alt text when there is one; shown once, as the figure's caption,
            // it would be read twice.
            if !p.text.is_empty() && p.text != p.alt {
                out.push_str(&format!("<figcaption>{}</figcaption>\n", text(&p.text)));
            }
            out.push_str("</figure>\n");
        }
        EvidenceKind::Quote => {
            out.push_str("<figure class=\"quote\">\n<blockquote>\n");
            paragraphs(out, &p.text, "");
            out.push_str("</blockquote>\n");
            if !p.attribution.is_empty() {
                out.push_str(&format!("<figcaption>— {}</figcaption>\n", text(&p.attribution)));
            }
            out.push_str("</figure>\n");
        }
        EvidenceKind::Link | EvidenceKind::Document => {
            out.push_str(&format!("<p><a href=\"{}\">{}</a>", attr(&p.url), text(&p.title)));
            if !p.text.is_empty() {
                out.push_str(&format!(" – {}", text(&p.text)));
            }
            out.push_str("</p>\n");
        }
    }
}

/// Paragraphs from text with blank lines between them; a single line break stays one.
fn paragraphs(out: &mut String, body: &str, class: &str) {
    for para in body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let class = if class.is_empty() { String::new() } else { format!(" class=\"{class}\"") };
        let lines: Vec<String> = para.lines().map(text).collect();
        out.push_str(&format!("<p{class}>{}</p>\n", lines.join("<br>\n")));
    }
}

/// Text safe between tags; control characters HTML does not allow are dropped.
pub(super) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\t' => out.push(ch),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Text safe inside a double-quoted attribute.
fn attr(s: &str) -> String {
    text(s).replace('\n', " ")
}

/// The page's styling, inline so that nothing is fetched: readable on a phone and a desktop, with
/// colours above WCAG AA contrast on white, and a print style (addresses written after links).
const STYLE: &str = "
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",Arial,sans-serif;font-size:1.0625rem;line-height:1.6;color:#1f2328;background:#fff}
header,main,footer{max-width:48rem;margin:0 auto;padding-left:1.25rem;padding-right:1.25rem}
header{padding-top:2rem;padding-bottom:1.25rem;border-bottom:4px solid #005c66}
.kicker{margin:0;color:#005c66;font-weight:700;font-size:.875rem;letter-spacing:.06em;text-transform:uppercase}
h1{margin:.25rem 0 1rem;font-size:clamp(1.75rem,6vw,2.5rem);line-height:1.2;color:#003d44}
.intro{font-size:1.125rem}
h2{margin:2.5rem 0 .75rem;font-size:1.5rem;line-height:1.25;color:#005c66}
h3{margin:1.75rem 0 .5rem;font-size:1.2rem;line-height:1.3}
img{display:block;max-width:100%;height:auto;border-radius:4px}
figure{margin:1rem 0}
figcaption{margin-top:.4rem;color:#4a5360;font-size:.95rem}
.photos{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr))}
.photos figure{margin:0}
blockquote{margin:0;padding:.75rem 1rem;border-left:4px solid #005c66;background:#eef5f5;font-size:1.1rem}
blockquote p{margin:0 0 .5rem}
blockquote p:last-child{margin-bottom:0}
a{color:#00565f;text-decoration:underline;text-underline-offset:.15em}
a:focus-visible{outline:3px solid #8a4500;outline-offset:2px}
footer{margin-top:3rem;padding-top:1.25rem;padding-bottom:2.5rem;border-top:1px solid #c9d1d3}
@media print{
body{font-size:11pt;color:#000}
header{border-bottom-color:#000}
h1,h2,h3{color:#000;break-after:avoid}
figure,blockquote{break-inside:avoid}
.photos{display:block}
img{max-width:70%;max-height:9cm}
blockquote{background:none}
a{color:#000}
a[href^=\"http\"]::after{content:\" (\" attr(href) \")\";font-size:.85em;word-break:break-all}
}
";
