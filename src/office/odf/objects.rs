//! Objects embedded in OpenDocument files (`draw:object` in a `draw:frame`): a chart
//! (`Object N/content.xml` holding a `chart:chart`, read from the table of values it caches), a
//! spreadsheet (its first sheet as a table), or anything else: the frame's replacement picture
//! (`draw:image`) when it can be printed, else a note in its place.
//!
//! Not for: objects stored outside the package (links), which are never followed.

use std::collections::HashMap;

use roxmltree::Node;

use super::{attr, is, Reader, DRAW, OFFICE, STYLE, TABLE, TEXT, XLINK};
use crate::office::embedded;
use crate::office::figure::{hex_color, Chart, ChartKind, Grouping, Series};
use crate::office::model::Block;
use crate::office::package;
use crate::office::Problem;

const CHART: &str = "urn:oasis:names:tc:opendocument:xmlns:chart:1.0";
/// Most rows kept from an embedded sheet or a chart's table.
const MAX_ROWS: usize = 500;

impl Reader<'_, '_> {
    /// The block for the object `object` inside `frame`.
    pub(super) fn object(&mut self, frame: Node, object: Node) -> Result<Block, Problem> {
        let href = attr(object, XLINK, "href").unwrap_or("").trim_start_matches("./").trim_end_matches('/');
        let part = format!("{href}/content.xml");
        if !href.is_empty() && !href.contains("://") && self.pkg.has(&part) {
            let text = self.pkg.text(&part)?;
            let doc = package::parse(&text, &part)?;
            if let Some(chart) = doc.descendants().find(|n| is(*n, CHART, "chart")) {
                return Ok(Block::Chart(read_chart(chart, &doc)));
            }
            if let Some(sheet) = doc.descendants().find(|n| is(*n, OFFICE, "spreadsheet")) {
                if let Some(table) = sheet.children().find(|n| is(*n, TABLE, "table")) {
                    let mut out = Vec::new();
                    self.table(table, &mut out)?;
                    if let Some(Block::Table { rows }) = out.pop() {
                        let rows: Vec<_> = rows
                            .into_iter()
                            .filter(|r| r.iter().any(|c| !c.is_empty()))
                            .take(MAX_ROWS)
                            .collect();
                        if !rows.is_empty() {
                            return Ok(Block::Table { rows });
                        }
                    }
                }
            }
        }
        let image = frame.children().find(|c| is(*c, DRAW, "image"));
        let picture = match image {
            Some(image) => self.picture(frame, image)?,
            None => None,
        };
        Ok(embedded::object(picture))
    }
}

/// A `chart:chart` with its local table of values.
fn read_chart(chart: Node, doc: &roxmltree::Document) -> Chart {
    let styles = chart_styles(doc);
    let style = |n: Node| attr(n, CHART, "style-name").and_then(|s| styles.get(s)).cloned().unwrap_or_default();
    let plot = chart.children().find(|n| is(*n, CHART, "plot-area"));
    let plot_style = plot.map(style).unwrap_or_default();
    let class = attr(chart, CHART, "class").unwrap_or("chart:bar");
    let kind = match class.trim_start_matches("chart:") {
        "bar" if plot_style.vertical => ChartKind::Bar,
        "bar" => ChartKind::Column,
        "line" => ChartKind::Line,
        "area" => ChartKind::Area,
        "circle" => ChartKind::Pie,
        "ring" => ChartKind::Doughnut,
        other => ChartKind::Other(other.to_string()),
    };
    let grouping = if plot_style.percent {
        Grouping::Percent
    } else if plot_style.stacked {
        Grouping::Stacked
    } else {
        Grouping::Clustered
    };
    let title_of = |n: Node| -> String {
        n.children().find(|c| is(*c, CHART, "title")).map(|t| paragraphs(t)).unwrap_or_default()
    };
    let title = title_of(chart);
    let axis_titles = plot
        .map(|p| p.children().filter(|n| is(*n, CHART, "axis")).map(title_of).filter(|t| !t.is_empty()).collect())
        .unwrap_or_default();
    // The local table: a header row (series names), then a row per category.
    let table = chart.descendants().find(|n| is(*n, TABLE, "table"));
    let rows: Vec<Vec<Node>> = table
        .map(|t| {
            t.descendants()
                .filter(|n| is(*n, TABLE, "table-row"))
                .take(MAX_ROWS + 1)
                .map(|r| r.children().filter(|c| is(*c, TABLE, "table-cell")).collect())
                .collect()
        })
        .unwrap_or_default();
    let has_header = table.is_some_and(|t| t.descendants().any(|n| is(n, TABLE, "table-header-rows")));
    let (header, body) = match (has_header, rows.split_first()) {
        (true, Some((h, b))) => (h.clone(), b.to_vec()),
        _ => (Vec::new(), rows.clone()),
    };
    let categories = body.iter().map(|r| r.first().map(|c| paragraphs(*c)).unwrap_or_default()).collect();
    let series_nodes: Vec<Node> = plot.map(|p| p.children().filter(|n| is(*n, CHART, "series")).collect()).unwrap_or_default();
    let columns = header.len().max(body.iter().map(Vec::len).max().unwrap_or(0));
    let mut series = Vec::new();
    for col in 1..columns {
        // The series whose values come from this column, for its colour.
        let node = series_nodes.iter().find(|s| attr(**s, CHART, "values-cell-range-address").and_then(column_of) == Some(col));
        let values = body
            .iter()
            .map(|r| r.get(col).and_then(|c| attr(*c, OFFICE, "value")).and_then(|v| v.parse::<f64>().ok()))
            .collect();
        series.push(Series {
            name: header.get(col).map(|c| paragraphs(*c)).unwrap_or_default(),
            values,
            color: node.and_then(|n| style(*n).color),
            point_colors: Vec::new(),
        });
    }
    // Only the columns a series draws, when the plot names them.
    if !series_nodes.is_empty() {
        let used: Vec<usize> = series_nodes.iter().filter_map(|s| attr(*s, CHART, "values-cell-range-address").and_then(column_of)).collect();
        if !used.is_empty() {
            let mut i = 0;
            series.retain(|_| {
                i += 1;
                used.contains(&i)
            });
        }
    }
    Chart { kind, grouping, title, axis_titles, labels: Vec::new(), categories, series }
}

/// What a chart's automatic styles say that the copy uses.
#[derive(Debug, Clone, Default)]
struct ChartStyle {
    vertical: bool,
    stacked: bool,
    percent: bool,
    color: Option<[u8; 3]>,
}

fn chart_styles(doc: &roxmltree::Document) -> HashMap<String, ChartStyle> {
    let mut out = HashMap::new();
    for s in doc.descendants().filter(|n| is(*n, STYLE, "style")) {
        let Some(name) = attr(s, STYLE, "name") else { continue };
        let mut st = ChartStyle::default();
        for p in s.children().filter(|c| c.is_element()) {
            st.vertical |= attr(p, CHART, "vertical") == Some("true");
            st.stacked |= attr(p, CHART, "stacked") == Some("true");
            st.percent |= attr(p, CHART, "percentage") == Some("true");
            if let Some(c) = attr(p, DRAW, "fill-color").and_then(hex_color) {
                st.color = Some(c);
            }
        }
        out.insert(name.to_string(), st);
    }
    out
}

/// The column (0 = A) a cell range address such as `local-table.$B$2:.$B$5` starts in.
fn column_of(range: &str) -> Option<usize> {
    let cell = range.split(':').next()?.rsplit('.').next()?;
    let letters: String = cell.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    Some(letters.to_ascii_uppercase().bytes().fold(0usize, |n, b| n * 26 + (b - b'A' + 1) as usize) - 1)
}

/// The text of the paragraphs under `n`, joined by spaces.
fn paragraphs(n: Node) -> String {
    let parts: Vec<String> = n
        .descendants()
        .filter(|p| is(*p, TEXT, "p"))
        .map(|p| p.descendants().filter(|t| t.is_text()).filter_map(|t| t.text()).collect::<String>().trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    parts.join(" ")
}
