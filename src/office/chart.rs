//! Chart parts of Word and PowerPoint files (DrawingML charts: `word/charts/chartN.xml`,
//! `ppt/charts/chartN.xml`, a `c:chartSpace`), read into a [`Chart`]: the kind of the first plot
//! (a combination chart keeps all its series), stacking, title, axis titles, categories, series
//! names, the values the file caches (`c:numCache`, `c:strCache` and literal points) and colours
//! where the file gives them as RGB.
//!
//! Office 2016 chart kinds (waterfall, treemap, sunburst, histogram, box & whisker, funnel) are
//! in a part of their own, a `cx:chartSpace` ([`CX`]); [`read`] reads its title, categories and
//! values into the same [`Chart`] with [`ChartKind::Other`] as its kind, so the reading copy
//! prints them as a table (the file's cached picture of it is kept by the callers).
//!
//! Not for: the embedded workbook the chart was made from (never opened: the cache is what the
//! author last saw), nor drawing (see `reading_copy::chart`).

use std::collections::HashMap;

use roxmltree::Node;

use super::model::Block;
use super::figure::{hex_color, Chart, ChartKind, Grouping, Series};
use super::package::{self, rattr, Package};
use super::Problem;

const C: &[&str] = &[
    "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "http://purl.oclc.org/ooxml/drawingml/chart",
];
const A: &[&str] = &[
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://purl.oclc.org/ooxml/drawingml/main",
];
/// The namespace of Office 2016 chart parts (`chartEx1.xml`).
const CX: &str = "http://schemas.microsoft.com/office/drawing/2014/chartex";
/// Most points per series and series per chart kept: a real chart has tens; the cap keeps a
/// crafted `ptCount` or `idx` from growing a table without end.
const MAX_POINTS: usize = 1_000;
const MAX_SERIES: usize = 64;

fn is(n: Node, ns: &[&str], local: &str) -> bool {
    n.is_element() && n.tag_name().name() == local && n.tag_name().namespace().is_some_and(|x| ns.contains(&x))
}

fn c(n: Node, local: &str) -> bool {
    is(n, C, local)
}

fn kid<'a, 'i>(n: Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|x| c(*x, local))
}

/// The `val` attribute of child `local`.
fn val<'a>(n: Node<'a, '_>, local: &str) -> Option<&'a str> {
    kid(n, local).and_then(|x| x.attribute("val"))
}

/// True when the URI of a `a:graphicData` says it holds a chart.
pub(super) fn is_chart_uri(uri: &str) -> bool {
    uri.ends_with("/chart") || uri.ends_with("/chartex")
}

/// The block a `a:graphicData` of a slide or document makes when it holds a chart (read from the
/// part its `c:chart r:id` names in `rels`) or a SmartArt diagram; None for anything else (tables,
/// objects), which the callers handle.
pub(super) fn graphic(pkg: &Package, rels: &HashMap<String, String>, data: Node) -> Result<Option<Block>, Problem> {
    let uri = data.attribute("uri").unwrap_or("");
    if is_chart_uri(uri) {
        let part = data
            .descendants()
            .find(|n| n.is_element() && n.tag_name().name() == "chart")
            .and_then(|n| rattr(n, "id"))
            .and_then(|id| rels.get(id))
            .filter(|p| pkg.has(p));
        return Ok(match part {
            Some(part) => read(pkg, part)?.map(Block::Chart),
            None => None,
        });
    }
    if super::diagram::is_diagram_uri(uri) {
        let Some(ids) = data.descendants().find(|n| n.is_element() && n.tag_name().name() == "relIds") else { return Ok(None) };
        return Ok(super::diagram::read(pkg, rels, ids)?.map(|nodes| Block::Diagram { nodes }));
    }
    Ok(None)
}

/// True when `branch` (an `mc:Choice`) holds an Office 2016 chart (`a:graphicData` of the chartex
/// URI): its `mc:Fallback` picture is then kept as well, before the chart's table.
pub(super) fn holds_chartex(branch: Node) -> bool {
    branch
        .descendants()
        .any(|n| n.is_element() && n.tag_name().name() == "graphicData" && n.attribute("uri").is_some_and(|u| u.ends_with("/chartex")))
}

/// Reads the chart part `part` (a DrawingML chart, or an Office 2016 `cx:chartSpace`); None when
/// it holds no chart.
pub(super) fn read(pkg: &Package, part: &str) -> Result<Option<Chart>, Problem> {
    let text = pkg.text(part)?;
    let doc = package::parse(&text, part)?;
    if doc.root_element().tag_name().namespace() == Some(CX) {
        return Ok(read_ex(doc.root_element()));
    }
    let Some(chart) = kid(doc.root_element(), "chart") else { return Ok(None) };
    let Some(plot) = kid(chart, "plotArea") else { return Ok(None) };
    let mut kind = None;
    let mut grouping = Grouping::Clustered;
    let mut series = Vec::new();
    let mut categories: Vec<String> = Vec::new();
    let mut labels = Vec::new();
    for p in plot.children().filter(|n| n.is_element() && n.tag_name().name().ends_with("Chart")) {
        let name = p.tag_name().name();
        if kind.is_none() {
            kind = Some(match name {
                "barChart" | "bar3DChart" if val(p, "barDir") == Some("bar") => ChartKind::Bar,
                "barChart" | "bar3DChart" => ChartKind::Column,
                "lineChart" | "line3DChart" => ChartKind::Line,
                "areaChart" | "area3DChart" => ChartKind::Area,
                "pieChart" | "pie3DChart" | "ofPieChart" => ChartKind::Pie,
                "doughnutChart" => ChartKind::Doughnut,
                other => ChartKind::Other(other.trim_end_matches("Chart").to_string()),
            });
            grouping = match val(p, "grouping") {
                Some("stacked") => Grouping::Stacked,
                Some("percentStacked") => Grouping::Percent,
                _ => Grouping::Clustered,
            };
        }
        for ser in p.children().filter(|n| c(*n, "ser")).take(MAX_SERIES.saturating_sub(series.len())) {
            let values = ["val", "yVal"].iter().find_map(|k| kid(ser, k)).map(|v| points(v)).unwrap_or_default();
            if categories.is_empty() {
                if let Some(cat) = ["cat", "xVal"].iter().find_map(|k| kid(ser, k)) {
                    categories = category_names(cat);
                }
            }
            if let Some(dl) = kid(ser, "dLbls") {
                labels.extend(dl.children().filter(|n| c(*n, "dLbl")).map(title_text).filter(|t| !t.is_empty()));
            }
            let name = kid(ser, "tx").map(|t| points(t).into_iter().flatten().collect::<Vec<_>>().join(" ")).unwrap_or_default();
            let point_colors = ser
                .children()
                .filter(|n| c(*n, "dPt"))
                .filter_map(|d| {
                    let idx: usize = val(d, "idx")?.parse().ok()?;
                    Some((idx, color(kid(d, "spPr")?)?))
                })
                .collect();
            series.push(Series {
                name: name.trim().to_string(),
                values: values.into_iter().map(|v| v.and_then(|v| v.trim().parse::<f64>().ok())).collect(),
                color: kid(ser, "spPr").and_then(color),
                point_colors,
            });
        }
    }
    let Some(kind) = kind else { return Ok(None) };
    let mut title = kid(chart, "title").map(title_text).unwrap_or_default();
    // A title without text is an automatic one: Office shows a one-series chart's series name, or
    // "Chart Title"; with no title at all, a one-series chart still gets its series name unless
    // the author deleted the title.
    if title.is_empty() {
        let one = (series.len() == 1).then(|| series[0].name.clone()).filter(|n| !n.is_empty());
        if kid(chart, "title").is_some() {
            title = one.unwrap_or_else(|| "Chart Title".to_string());
        } else if val(chart, "autoTitleDeleted") != Some("1") {
            title = one.unwrap_or_default();
        }
    }
    let axis_titles = plot
        .children()
        .filter(|n| n.is_element() && n.tag_name().name().ends_with("Ax"))
        .filter_map(|ax| kid(ax, "title").map(title_text))
        .filter(|t| !t.is_empty())
        .collect();
    Ok(Some(Chart { kind, grouping, title, axis_titles, labels, categories, series }))
}

/// Category names; a multi-level category axis (`c:multiLvlStrRef`) names each category by its own
/// label followed by the outer groups' labels where a group starts ("SF · CA · US").
fn category_names(cat: Node) -> Vec<String> {
    let levels: Vec<Node> = cat.descendants().filter(|n| c(*n, "lvl")).collect();
    let mut names: Vec<String> = points(cat).into_iter().map(|p| p.unwrap_or_default()).collect();
    for outer in levels.iter().skip(1) {
        for pt in outer.children().filter(|x| c(*x, "pt")) {
            let idx = pt.attribute("idx").and_then(|v| v.parse::<usize>().ok());
            let text = kid(pt, "v").and_then(|v| v.text()).unwrap_or("").trim();
            if let Some(name) = idx.and_then(|i| names.get_mut(i)).filter(|_| !text.is_empty()) {
                name.push_str(" · ");
                name.push_str(text);
            }
        }
    }
    names
}

/// The text of a `c:title` (or a `c:dLbl`): its rich text paragraphs, or the cached text it refers to.
fn title_text(t: Node) -> String {
    let Some(tx) = kid(t, "tx") else { return String::new() };
    let mut parts = Vec::new();
    if let Some(rich) = kid(tx, "rich") {
        for p in rich.children().filter(|n| is(*n, A, "p")) {
            let line: String = p.descendants().filter(|n| is(*n, A, "t")).filter_map(|n| n.text()).collect();
            if !line.trim().is_empty() {
                parts.push(line.trim().to_string());
            }
        }
    } else {
        parts.extend(points(tx).into_iter().flatten());
    }
    parts.join(" ")
}

/// The cached points under a data reference (`c:cat`, `c:val`, `c:tx`…): a string or number
/// cache, literal points, or the first level of a multi-level cache; one entry per index, None
/// where a point is missing.
fn points(n: Node) -> Vec<Option<String>> {
    let cache = n.descendants().find(|d| c(*d, "strCache") || c(*d, "numCache") || c(*d, "strLit") || c(*d, "numLit") || c(*d, "lvl"));
    let Some(cache) = cache else {
        // `c:tx` may hold its text directly in a `c:v`.
        return kid(n, "v").and_then(|v| v.text()).map(|t| vec![Some(t.to_string())]).unwrap_or_default();
    };
    let count = val(cache, "ptCount").and_then(|v| v.parse::<usize>().ok()).unwrap_or(0).min(MAX_POINTS);
    let mut out: Vec<Option<String>> = vec![None; count];
    for (i, pt) in cache.children().filter(|x| c(*x, "pt")).enumerate() {
        let idx = pt.attribute("idx").and_then(|v| v.parse::<usize>().ok()).unwrap_or(i);
        if idx >= MAX_POINTS {
            continue;
        }
        if out.len() <= idx {
            out.resize(idx + 1, None);
        }
        out[idx] = kid(pt, "v").and_then(|v| v.text()).map(str::to_string);
    }
    out
}

/// The RGB fill (or, for lines, outline) colour of shape properties, when given as RGB.
fn color(sppr: Node) -> Option<[u8; 3]> {
    let fill = sppr.children().find(|n| is(*n, A, "solidFill")).or_else(|| {
        sppr.children().find(|n| is(*n, A, "ln")).and_then(|ln| ln.children().find(|n| is(*n, A, "solidFill")))
    })?;
    let rgb = fill.children().find(|n| is(*n, A, "srgbClr"))?;
    hex_color(rgb.attribute("val")?)
}

fn x(n: Node, local: &str) -> bool {
    n.is_element() && n.tag_name().name() == local && n.tag_name().namespace() == Some(CX)
}

fn xkid<'a, 'i>(n: Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| x(*c, local))
}

/// The words of a chartex title (`cx:title`): its `cx:v` texts, else its rich text's `a:t` runs.
fn ex_text(t: Node) -> String {
    let v: Vec<&str> = t.descendants().filter(|n| x(*n, "v")).filter_map(|n| n.text()).map(str::trim).filter(|s| !s.is_empty()).collect();
    if !v.is_empty() {
        return v.join(" ");
    }
    let mut lines = Vec::new();
    for p in t.descendants().filter(|n| is(*n, A, "p")) {
        let line: String = p.descendants().filter(|n| is(*n, A, "t")).filter_map(|n| n.text()).collect();
        if !line.trim().is_empty() {
            lines.push(line.trim().to_string());
        }
    }
    lines.join(" ")
}

/// The points of one `cx:lvl`, by their `idx` (at most [`MAX_POINTS`]); None where one is missing.
/// A point's text is its own, or that of a `cx:v` inside it.
fn ex_level(lvl: Node) -> Vec<Option<String>> {
    let count = lvl.attribute("ptCount").and_then(|v| v.parse::<usize>().ok()).unwrap_or(0).min(MAX_POINTS);
    let mut out: Vec<Option<String>> = vec![None; count];
    for (i, pt) in lvl.children().filter(|c| x(*c, "pt")).enumerate() {
        let idx = pt.attribute("idx").and_then(|v| v.parse::<usize>().ok()).unwrap_or(i);
        if idx >= MAX_POINTS {
            continue;
        }
        if out.len() <= idx {
            out.resize(idx + 1, None);
        }
        let text = xkid(pt, "v").and_then(|v| v.text()).or_else(|| pt.text()).map(str::trim);
        out[idx] = text.filter(|t| !t.is_empty()).map(str::to_string);
    }
    out
}

/// The chart kind a chartex series' `layoutId` names, as Office names it to the author.
fn ex_kind(layout: &str) -> String {
    match layout {
        "clusteredColumn" => "histogram".to_string(),
        "boxWhisker" => "box and whisker".to_string(),
        "regionMap" => "map".to_string(),
        other => other.to_string(),
    }
}

/// Reads an Office 2016 chart (`cx:chartSpace`): its kind (from the first series' `layoutId`),
/// title, axis titles, and for each series (up to [`MAX_SERIES`]) the name in its `cx:tx` and the
/// data its `cx:dataId` names in `cx:chartData`: categories from the `cat` string dimension (outer
/// levels of a treemap or sunburst added as "leaf · group"), values from the `val` (or `size`)
/// number dimension. None when it has no series.
fn read_ex(space: Node) -> Option<Chart> {
    let chart = xkid(space, "chart")?;
    let plot = xkid(chart, "plotArea")?;
    let data: HashMap<&str, Node> = xkid(space, "chartData")
        .map(|d| d.children().filter(|c| x(*c, "data")).filter_map(|c| Some((c.attribute("id")?, c))).collect())
        .unwrap_or_default();
    let mut kind = None;
    let mut categories: Vec<String> = Vec::new();
    let mut series = Vec::new();
    let all = plot.children().filter(|c| x(*c, "plotAreaRegion")).flat_map(|r| r.children().filter(|c| x(*c, "series")));
    // A Pareto line repeats its histogram's data; it is not a series of its own.
    for ser in all.filter(|s| s.attribute("layoutId") != Some("paretoLine")).take(MAX_SERIES) {
        if kind.is_none() {
            kind = Some(ChartKind::Other(ex_kind(ser.attribute("layoutId").unwrap_or("chart"))));
        }
        let name = xkid(ser, "tx").map(ex_text).unwrap_or_default();
        let set = xkid(ser, "dataId").and_then(|d| d.attribute("val")).and_then(|id| data.get(id)).copied();
        let mut values = Vec::new();
        if let Some(set) = set {
            let num = ["val", "size"]
                .iter()
                .find_map(|t| set.children().find(|c| x(*c, "numDim") && c.attribute("type") == Some(*t)))
                .or_else(|| set.children().find(|c| x(*c, "numDim")));
            if let Some(lvl) = num.and_then(|n| xkid(n, "lvl")) {
                values = ex_level(lvl).into_iter().map(|v| v.and_then(|v| v.parse::<f64>().ok())).collect();
            }
            if categories.is_empty() {
                let dim = set
                    .children()
                    .find(|c| x(*c, "strDim") && c.attribute("type") == Some("cat"))
                    .or_else(|| set.children().find(|c| x(*c, "strDim")));
                if let Some(dim) = dim {
                    let mut levels = dim.children().filter(|c| x(*c, "lvl"));
                    if let Some(first) = levels.next() {
                        categories = ex_level(first).into_iter().map(Option::unwrap_or_default).collect();
                    }
                    for outer in levels {
                        for (name, group) in categories.iter_mut().zip(ex_level(outer)) {
                            if let Some(group) = group.filter(|g| g != name) {
                                name.push_str(" · ");
                                name.push_str(&group);
                            }
                        }
                    }
                }
            }
        }
        series.push(Series { name, values, color: None, point_colors: Vec::new() });
    }
    let kind = kind?;
    let mut title = xkid(chart, "title").map(ex_text).unwrap_or_default();
    if title.is_empty() && xkid(chart, "title").is_some() && series.len() == 1 {
        title = series[0].name.clone();
    }
    let axis_titles = plot
        .children()
        .filter(|c| x(*c, "axis"))
        .filter_map(|a| xkid(a, "title").map(ex_text))
        .filter(|t| !t.is_empty())
        .collect();
    Some(Chart { kind, grouping: Grouping::Clustered, title, axis_titles, labels: Vec::new(), categories, series })
}
