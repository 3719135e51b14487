//! Styles of an OpenDocument file (styles.xml and content.xml): what each named style says that a
//! reading copy uses, with its ancestors filling the gaps; which list levels are numbered; the
//! shape of each page layout; and lengths in the units styles are written in.

use std::collections::HashMap;

use roxmltree::Node;

use super::{attr, is, FO, STYLE, TEXT, PRESENTATION};

/// What a style says that the copy uses, with its parent's as defaults.
#[derive(Debug, Clone, Default)]
pub(super) struct StyleFacts {
    pub(super) parent: Option<String>,
    pub(super) bold: Option<bool>,
    pub(super) italic: Option<bool>,
    pub(super) break_before: bool,
    pub(super) break_after: bool,
    /// A list style the paragraph style brings (paragraphs numbered by style).
    pub(super) list_style: Option<String>,
    pub(super) hidden: bool,
}

/// Styles of both parts (styles.xml and content.xml), by name; list styles by name and level.
#[derive(Default)]
pub(super) struct Styles {
    pub(super) styles: HashMap<String, StyleFacts>,
    /// list style → level (1-based) → numbered?
    pub(super) lists: HashMap<String, HashMap<u8, bool>>,
    /// Page width over height of each page layout, by name.
    pub(super) page_layouts: HashMap<String, f32>,
    /// Master page → its page layout.
    pub(super) masters: HashMap<String, String>,
}

impl Styles {
    pub(super) fn add(&mut self, root: Node) {
        for s in root.descendants().filter(|n| n.is_element()) {
            if is(s, STYLE, "style") {
                let Some(name) = attr(s, STYLE, "name") else { continue };
                let mut f = StyleFacts { parent: attr(s, STYLE, "parent-style-name").map(str::to_string), ..Default::default() };
                for props in s.children().filter(|c| c.is_element()) {
                    if let Some(w) = attr(props, FO, "font-weight") {
                        f.bold = Some(w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600));
                    }
                    if let Some(st) = attr(props, FO, "font-style") {
                        f.italic = Some(st == "italic" || st == "oblique");
                    }
                    f.break_before |= attr(props, FO, "break-before") == Some("page");
                    f.break_after |= attr(props, FO, "break-after") == Some("page");
                    f.hidden |= attr(props, PRESENTATION, "visibility") == Some("hidden");
                }
                f.list_style = attr(s, STYLE, "list-style-name").map(str::to_string);
                self.styles.insert(name.to_string(), f);
            } else if is(s, TEXT, "list-style") {
                let Some(name) = attr(s, STYLE, "name") else { continue };
                let mut levels = HashMap::new();
                for l in s.children().filter(|c| c.is_element()) {
                    let level = attr(l, TEXT, "level").and_then(|v| v.parse::<u8>().ok()).unwrap_or(1);
                    // A number format of "" shows no number: treat as a bullet-less item, i.e. a bullet.
                    let numbered = l.tag_name().name() == "list-level-style-number"
                        && attr(l, STYLE, "num-format").is_some_and(|f| !f.is_empty());
                    levels.insert(level, numbered);
                }
                self.lists.insert(name.to_string(), levels);
            } else if is(s, STYLE, "page-layout-properties") {
                let w = attr(s, FO, "page-width").and_then(length);
                let h = attr(s, FO, "page-height").and_then(length);
                let name = s.parent_element().and_then(|p| attr(p, STYLE, "name"));
                if let (Some(w), Some(h), Some(name)) = (w, h, name) {
                    if w > 0.0 && h > 0.0 {
                        self.page_layouts.insert(name.to_string(), w / h);
                    }
                }
            } else if is(s, STYLE, "master-page") {
                if let (Some(name), Some(layout)) = (attr(s, STYLE, "name"), attr(s, STYLE, "page-layout-name")) {
                    self.masters.insert(name.to_string(), layout.to_string());
                }
            }
        }
    }

    /// A style's facts with its ancestors' filling the gaps.
    pub(super) fn facts(&self, name: Option<&str>) -> StyleFacts {
        let mut out = StyleFacts::default();
        let mut at = name.map(str::to_string);
        for depth in 0..12 {
            let Some(cur) = at.take() else { break };
            let Some(f) = self.styles.get(&cur) else { break };
            out.bold = out.bold.or(f.bold);
            out.italic = out.italic.or(f.italic);
            if depth == 0 {
                out.break_before = f.break_before;
                out.break_after = f.break_after;
                out.hidden = f.hidden;
            }
            out.list_style = out.list_style.clone().or(f.list_style.clone());
            at = f.parent.clone();
        }
        out
    }

    pub(super) fn numbered(&self, list_style: Option<&str>, level: u8) -> bool {
        list_style
            .and_then(|s| self.lists.get(s))
            .and_then(|l| l.get(&level).or_else(|| l.get(&1)))
            .copied()
            .unwrap_or(false)
    }
}

/// A length such as "2.5cm", "10mm", "1in", "12pt" or "96px", in points.
pub(super) fn length(v: &str) -> Option<f32> {
    let v = v.trim();
    let split = v.find(|c: char| c.is_ascii_alphabetic() || c == '%')?;
    let (num, unit) = v.split_at(split);
    let n: f32 = num.parse().ok()?;
    Some(match unit {
        "cm" => n * 72.0 / 2.54,
        "mm" => n * 72.0 / 25.4,
        "in" => n * 72.0,
        "pt" => n,
        "pc" => n * 12.0,
        "px" => n * 0.75,
        _ => return None,
    })
}
