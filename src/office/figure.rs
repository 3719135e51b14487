//! Charts and diagrams as the document model holds them: a chart's kind, title, categories and
//! series with the values the file itself caches (never recomputed from a spreadsheet), and the
//! same data as a small table and as one sentence (the text alternative a screen reader and the
//! accessible PDF use); a diagram's (SmartArt's) texts in reading order.
//!
//! Not for: reading the parts (see `chart`, `diagram` and `odf::objects`), nor drawing (see
//! `reading_copy::chart`).

/// The chart kinds a reading copy draws; any other kind keeps its name and is shown as its data.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartKind {
    /// Vertical bars.
    Column,
    /// Horizontal bars.
    Bar,
    Line,
    /// Lines with the area under them filled; drawn as lines.
    Area,
    Pie,
    Doughnut,
    /// A kind not drawn (scatter, radar, bubble, stock, surface…): its file name for the kind.
    Other(String),
}

/// How the series of a bar, line or area chart stand to each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    /// Side by side (bars) or each on its own (lines).
    #[default]
    Clustered,
    /// Each series on top of the ones before.
    Stacked,
    /// Stacked, every category scaled to 100%.
    Percent,
}

/// One series of a chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    pub name: String,
    /// One value per category, as cached in the file; None where the cell is empty.
    pub values: Vec<Option<f64>>,
    /// Its colour when the file gives one (red, green, blue).
    pub color: Option<[u8; 3]>,
    /// Colours of single points (pie slices), by category index, when the file gives them.
    pub point_colors: Vec<(usize, [u8; 3])>,
}

/// A chart with the data the file caches.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub kind: ChartKind,
    pub grouping: Grouping,
    /// Its title; empty when it has none.
    pub title: String,
    /// Axis titles the file gives (category axis first), without empty ones.
    pub axis_titles: Vec<String>,
    /// Data labels whose text the author wrote (not the values), in series order.
    pub labels: Vec<String>,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
}

impl Chart {
    /// True when it holds no value at all (nothing to draw or tabulate).
    pub fn is_empty(&self) -> bool {
        self.series.iter().all(|s| s.values.iter().all(Option::is_none))
    }

    /// How many categories the chart has: the longest of its category list and its series.
    pub fn category_count(&self) -> usize {
        self.series.iter().map(|s| s.values.len()).max().unwrap_or(0).max(self.categories.len())
    }

    /// The name of category `i`, or its number when the file names none.
    pub fn category(&self, i: usize) -> String {
        match self.categories.get(i) {
            Some(c) if !c.trim().is_empty() => c.clone(),
            _ => (i + 1).to_string(),
        }
    }

    /// The name of series `i`, or "Series n" when the file names none.
    pub fn series_name(&self, i: usize) -> String {
        match self.series.get(i) {
            Some(s) if !s.name.trim().is_empty() => s.name.clone(),
            _ => format!("Series {}", i + 1),
        }
    }

    /// The data as table rows: a header row (an empty corner, then each series' name), then one
    /// row per category with its values. Empty cells stay empty.
    pub fn table(&self) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut header = vec![String::new()];
        header.extend((0..self.series.len()).map(|i| self.series_name(i)));
        rows.push(header);
        for c in 0..self.category_count() {
            let mut row = vec![self.category(c)];
            row.extend(self.series.iter().map(|s| s.values.get(c).copied().flatten().map(number).unwrap_or_default()));
            rows.push(row);
        }
        rows
    }

    /// One sentence that says what the chart shows, for a reader who cannot see it: its kind,
    /// title, and each series' values by category.
    pub fn text_alternative(&self) -> String {
        self.text_alternative_as(self.kind_name())
    }

    /// What kind of chart it is, in English ("Column chart"; "Chart" for kinds not drawn).
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            ChartKind::Column => "Column chart",
            ChartKind::Bar => "Bar chart",
            ChartKind::Line => "Line chart",
            ChartKind::Area => "Area chart",
            ChartKind::Pie => "Pie chart",
            ChartKind::Doughnut => "Doughnut chart",
            ChartKind::Other(_) => "Chart",
        }
    }

    /// [`text_alternative`](Self::text_alternative) with the kind named `kind` (another language's
    /// "Column chart"); the title, names and values are the file's own.
    pub fn text_alternative_as(&self, kind: &str) -> String {
        let mut out = if self.title.is_empty() { kind.to_string() } else { format!("{kind}: {}", self.title) };
        for (i, s) in self.series.iter().enumerate() {
            let values: Vec<String> = s
                .values
                .iter()
                .enumerate()
                .filter_map(|(c, v)| v.map(|v| format!("{} {}", self.category(c), number(v))))
                .collect();
            out.push_str(&format!(". {}: {}", self.series_name(i), values.join(", ")));
        }
        out
    }

    /// Every word the chart shows: title, axis titles, series names, categories and values.
    pub fn text(&self) -> String {
        let mut parts = vec![self.title.clone()];
        parts.extend(self.axis_titles.iter().cloned());
        parts.extend(self.labels.iter().cloned());
        parts.extend(self.table().into_iter().map(|r| r.join(" ")));
        parts.retain(|p| !p.trim().is_empty());
        parts.join("\n")
    }
}

/// A value as a person writes it: no trailing zeros, at most four decimals ("4.3", "2", "0.125").
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let s = format!("{:.4}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_string() } else { s.to_string() }
}

/// A colour written as six hex digits ("4472C4").
pub(crate) fn hex_color(v: &str) -> Option<[u8; 3]> {
    let v = v.trim().trim_start_matches('#');
    if v.len() != 6 || !v.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&v[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}
