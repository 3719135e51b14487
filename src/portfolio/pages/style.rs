//! The type styles and table columns the sections share, so that every heading of a level looks the
//! same wherever it is drawn.

use crate::i18n::Lang;
use crate::pdf::{Color, Column, Style};

const BODY: f32 = 10.5;

pub(super) fn body() -> Style {
    Style::new(BODY)
}

pub(super) fn small() -> Style {
    Style::new(9.0).color(Color::MUTED)
}

pub(super) fn h1() -> Style {
    Style::new(20.0).bold().color(Color::ACCENT)
}

pub(super) fn h2() -> Style {
    Style::new(13.5).bold().color(Color::ACCENT)
}

pub(super) fn h3() -> Style {
    Style::new(10.5).bold()
}

/// A column whose header is the text for `key`.
pub(super) fn col(lang: Lang, key: &str, weight: f32) -> Column {
    Column {
        header: lang.t(&format!("column.{key}")).into(),
        weight,
    }
}
