//! Charts, SmartArt diagrams and embedded objects in PowerPoint and Word files reach the panel: the
//! files are built here (flat OOXML in a zip, as Office writes it), added as evidence and exported;
//! the PDF is read back with pdftotext and pdftoppm. Real files made by Office are in the corpus
//! test (tests/core/corpus.rs).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use sanctuary::evidence::{self, ImportOptions};
use sanctuary::job::Job;
use sanctuary::office::{self, Block, ChartKind, Content, Format, Grouping};
use sanctuary::portfolio::{self, ExportOptions};
use sanctuary::Store;

use crate::support::{now, pdftotext, tempdir};

const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn zip_of(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default();
        for (name, bytes) in entries {
            z.start_file(name.as_str(), opts).unwrap();
            z.write_all(bytes).unwrap();
        }
        z.finish().unwrap();
    }
    out.into_inner()
}

fn rels(items: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut s = String::from(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#);
    for (id, kind, target) in items {
        s.push_str(&format!(r#"<Relationship Id="{id}" Type="{REL}/{kind}" Target="{target}"/>"#));
    }
    s.push_str("</Relationships>");
    s.into_bytes()
}

/// `[Content_Types].xml` naming the main part's type (other programs find the document by it).
fn content_types(main: &str, kind: &str, parts: &[(String, &str)]) -> (String, Vec<u8>) {
    let mut s = String::from(r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="emf" ContentType="image/x-emf"/><Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>"#);
    s.push_str(&format!(r#"<Override PartName="/{main}" ContentType="application/vnd.openxmlformats-officedocument.{kind}"/>"#));
    for (part, kind) in parts {
        s.push_str(&format!(r#"<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-officedocument.{kind}"/>"#));
    }
    s.push_str("</Types>");
    ("[Content_Types].xml".into(), s.into_bytes())
}

/// A chart part: `plot` is e.g. `<c:barChart><c:barDir val="col"/>…` up to the series.
fn chart_xml(plot: &str, close: &str, grouping: &str, title: &str, cats: &[&str], series: &[(&str, &[f64], Option<&str>)]) -> Vec<u8> {
    let mut s = format!(r#"<?xml version="1.0" encoding="UTF-8"?><c:chartSpace {NS}><c:chart>"#);
    if !title.is_empty() {
        s.push_str(&format!(r#"<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>{title}</a:t></a:r></a:p></c:rich></c:tx></c:title>"#));
    }
    s.push_str(&format!(r#"<c:plotArea><c:layout/>{plot}<c:grouping val="{grouping}"/>"#));
    for (i, (name, values, color)) in series.iter().enumerate() {
        s.push_str(&format!(r#"<c:ser><c:idx val="{i}"/><c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>{name}</c:v></c:pt></c:strCache></c:strRef></c:tx>"#));
        if let Some(c) = color {
            s.push_str(&format!(r#"<c:spPr><a:solidFill><a:srgbClr val="{c}"/></a:solidFill></c:spPr>"#));
        }
        s.push_str(&format!(r#"<c:cat><c:strRef><c:strCache><c:ptCount val="{}"/>"#, cats.len()));
        for (k, cat) in cats.iter().enumerate() {
            s.push_str(&format!(r#"<c:pt idx="{k}"><c:v>{cat}</c:v></c:pt>"#));
        }
        s.push_str(&format!(r#"</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{}"/>"#, values.len()));
        for (k, v) in values.iter().enumerate() {
            s.push_str(&format!(r#"<c:pt idx="{k}"><c:v>{v}</c:v></c:pt>"#));
        }
        s.push_str("</c:numCache></c:numRef></c:val></c:ser>");
    }
    s.push_str(&format!(r#"{close}<c:catAx><c:axId val="1"/></c:catAx><c:valAx><c:axId val="2"/></c:valAx></c:plotArea><c:legend/></c:chart></c:chartSpace>"#));
    s.into_bytes()
}

/// The four charts of the tests: column (clustered), bar (stacked), line and pie.
fn charts() -> Vec<Vec<u8>> {
    vec![
        chart_xml(r#"<c:barChart><c:barDir val="col"/>"#, "</c:barChart>", "clustered", "How welcome do you feel?",
            &["Very welcome", "Quite welcome", "Not sure"],
            &[("Year Five", &[18.0, 7.0, 2.0], Some("1F77B4")), ("Year Six", &[15.0, 9.0, 3.0], Some("D62728"))]),
        chart_xml(r#"<c:barChart><c:barDir val="bar"/>"#, "</c:barChart>", "stacked", "Attendance of new arrivals",
            &["Autumn", "Spring", "Summer"],
            &[("Present", &[92.0, 94.0, 95.5], None), ("Absent", &[8.0, 6.0, 4.5], None)]),
        chart_xml("<c:lineChart>", "</c:lineChart>", "standard", "Refugee Week fundraising",
            &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
            &[("Pounds raised", &[40.0, 75.0, 120.0, 180.0, 263.0], Some("2CA02C"))]),
        chart_xml("<c:pieChart><c:varyColors val=\"1\"/>", "</c:pieChart>", "standard", "",
            &["Welsh", "English", "Arabic", "Ukrainian"],
            &[("Languages spoken at home", &[12.0, 40.0, 9.0, 6.0], None)]),
    ]
}

fn png(rgb: [u8; 3]) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(60, 40, image::Rgb(rgb));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// The start of an EMF file: Office's usual cached picture of an object, which cannot be printed.
const EMF: &[u8] = b"\x01\x00\x00\x00\x6c\x00\x00\x00 EMF drawing";

const DIAGRAM_DATA: &str = r#"<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst><dgm:pt modelId="0" type="doc"/><dgm:pt modelId="4"><dgm:t><a:p><a:r><a:t>Feel at home</a:t></a:r></a:p></dgm:t></dgm:pt><dgm:pt modelId="1"><dgm:t><a:p><a:r><a:t>Arrive</a:t></a:r></a:p></dgm:t></dgm:pt></dgm:ptLst><dgm:extLst><a:ext uri="http://schemas.microsoft.com/office/drawing/2008/diagram"><dsp:dataModelExt xmlns:dsp="http://schemas.microsoft.com/office/drawing/2008/diagram" relId="rId5" minVer="x"/></a:ext></dgm:extLst></dgm:dataModel>"#;

fn diagram_drawing() -> Vec<u8> {
    let mut s = String::from(r#"<dsp:drawing xmlns:dsp="http://schemas.microsoft.com/office/drawing/2008/diagram" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dsp:spTree><dsp:nvGrpSpPr/><dsp:grpSpPr/>"#);
    for t in ["Arrive", "Meet a buddy", "Join a class", "Feel at home"] {
        s.push_str(&format!(r#"<dsp:sp modelId="x"><dsp:spPr/><dsp:txBody><a:bodyPr/><a:p><a:r><a:t>{t}</a:t></a:r></a:p></dsp:txBody></dsp:sp>"#));
    }
    s.push_str("</dsp:spTree></dsp:drawing>");
    s.into_bytes()
}

fn frame(y: u32, data: &str) -> String {
    format!(r#"<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="3" name="F"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="500000" y="{y}"/><a:ext cx="6000000" cy="3000000"/></p:xfrm><a:graphic>{data}</a:graphic></p:graphicFrame>"#)
}

fn chart_data(id: &str) -> String {
    format!(r#"<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="{id}"/></a:graphicData>"#)
}

/// A presentation: four chart slides, a SmartArt slide, a slide with two embedded spreadsheets (one
/// cached as EMF, one as PNG), and a slide whose chart is of a kind not read (chartex) with a PNG
/// fallback picture.
fn presentation() -> Vec<u8> {
    let title = |t: &str| format!(r#"<p:sp><p:nvSpPr><p:cNvPr id="2" name="T"/><p:cNvSpPr/><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="0"/></a:xfrm></p:spPr><p:txBody><a:bodyPr/><a:p><a:r><a:t>{t}</a:t></a:r></a:p></p:txBody></p:sp>"#);
    let slide = |body: String| format!(r#"<?xml version="1.0" encoding="UTF-8"?><p:sld {NS}><p:cSld><p:spTree><p:nvGrpSpPr/><p:grpSpPr/>{body}</p:spTree></p:cSld></p:sld>"#).into_bytes();
    let mut e: Vec<(String, Vec<u8>)> = vec![("_rels/.rels".into(), rels(&[("rId1", "officeDocument", "ppt/presentation.xml")]))];
    let mut ids = String::new();
    let mut prels = Vec::new();
    for n in 1..=7 {
        ids.push_str(&format!(r#"<p:sldId id="{}" r:id="rId{n}"/>"#, 255 + n));
        prels.push((format!("rId{n}"), format!("slides/slide{n}.xml")));
    }
    e.push(("ppt/presentation.xml".into(), format!(r#"<p:presentation {NS}><p:sldIdLst>{ids}</p:sldIdLst><p:sldSz cx="9144000" cy="6858000"/></p:presentation>"#).into_bytes()));
    let pr: Vec<(&str, &str, &str)> = prels.iter().map(|(i, t)| (i.as_str(), "slide", t.as_str())).collect();
    e.push(("ppt/_rels/presentation.xml.rels".into(), rels(&pr)));
    let names = ["Pupil voice", "Attendance", "Fundraising", "Languages"];
    for (i, c) in charts().into_iter().enumerate() {
        let n = i + 1;
        e.push((format!("ppt/charts/chart{n}.xml"), c));
        e.push((format!("ppt/slides/slide{n}.xml"), slide(title(names[i]) + &frame(1_500_000, &chart_data("rId2")))));
        e.push((format!("ppt/slides/_rels/slide{n}.xml.rels"), rels(&[("rId2", "chart", &format!("../charts/chart{n}.xml"))])));
    }
    let dgm = r#"<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram"><dgm:relIds r:dm="rId3" r:lo="rId9" r:qs="rId9" r:cs="rId9"/></a:graphicData>"#;
    e.push(("ppt/slides/slide5.xml".into(), slide(title("A process of welcome") + &frame(1_500_000, dgm))));
    e.push(("ppt/slides/_rels/slide5.xml.rels".into(), rels(&[("rId3", "diagramData", "../diagrams/data1.xml"), ("rId5", "diagramDrawing", "../diagrams/drawing1.xml")])));
    e.push(("ppt/diagrams/data1.xml".into(), DIAGRAM_DATA.as_bytes().to_vec()));
    e.push(("ppt/diagrams/drawing1.xml".into(), diagram_drawing()));
    let ole = |pic: &str| format!(r#"<a:graphicData uri="http://schemas.openxmlformats.org/presentationml/2006/ole"><p:oleObj name="Worksheet" r:id="rId6" progId="Excel.Sheet.12"><p:embed/><p:pic><p:nvPicPr><p:cNvPr id="0" name=""/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{pic}"/></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="965200" cy="609600"/></a:xfrm></p:spPr></p:pic></p:oleObj></a:graphicData>"#);
    e.push(("ppt/slides/slide6.xml".into(), slide(title("Our spreadsheet") + &frame(1_500_000, &ole("rId7")) + &frame(3_500_000, &ole("rId8")))));
    e.push(("ppt/slides/_rels/slide6.xml.rels".into(), rels(&[("rId6", "package", "../embeddings/sheet.xlsx"), ("rId7", "image", "../media/image1.emf"), ("rId8", "image", "../media/image2.png")])));
    e.push(("ppt/embeddings/sheet.xlsx".into(), b"PK not opened".to_vec()));
    e.push(("ppt/media/image1.emf".into(), EMF.to_vec()));
    e.push(("ppt/media/image2.png".into(), png([200, 120, 30])));
    let chartex = r#"<mc:AlternateContent><mc:Choice Requires="cx1"><p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="4" name="W"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="1500000"/><a:ext cx="1" cy="1"/></p:xfrm><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/drawing/2014/chartex"><cx:chart xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex" r:id="rId2"/></a:graphicData></a:graphic></p:graphicFrame></mc:Choice><mc:Fallback><p:pic><p:nvPicPr><p:cNvPr id="5" name="P"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="rId3"/></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="1500000"/><a:ext cx="3000000" cy="2000000"/></a:xfrm></p:spPr></p:pic></mc:Fallback></mc:AlternateContent>"#;
    e.push(("ppt/slides/slide7.xml".into(), slide(title("Waterfall of donations") + chartex)));
    e.push(("ppt/slides/_rels/slide7.xml.rels".into(), rels(&[("rId2", "chartEx", "../charts/chartEx1.xml"), ("rId3", "image", "../media/image3.png")])));
    e.push(("ppt/charts/chartEx1.xml".into(), br#"<cx:chartSpace xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex"/>"#.to_vec()));
    e.push(("ppt/media/image3.png".into(), png([30, 160, 90])));
    let mut parts: Vec<(String, &str)> = (1..=7).map(|n| (format!("ppt/slides/slide{n}.xml"), "presentationml.slide+xml")).collect();
    parts.extend((1..=4).map(|n| (format!("ppt/charts/chart{n}.xml"), "drawingml.chart+xml")));
    e.insert(0, content_types("ppt/presentation.xml", "presentationml.presentation.main+xml", &parts));
    zip_of(&e)
}

/// A Word document: a heading, a paragraph, the four charts, a SmartArt diagram and an embedded
/// spreadsheet cached as EMF (`w:object` with `v:imagedata`).
fn document() -> Vec<u8> {
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office""#;
    let inline = |data: &str| format!(r#"<w:p><w:r><w:drawing><wp:inline><wp:extent cx="5486400" cy="3200400"/><wp:docPr id="1" name="Chart"/><a:graphic>{data}</a:graphic></wp:inline></w:drawing></w:r></w:p>"#);
    let mut body = String::from(r#"<w:p><w:r><w:t>Survey results for the governors.</w:t></w:r></w:p>"#);
    let mut drels = vec![];
    let mut e: Vec<(String, Vec<u8>)> = vec![("_rels/.rels".into(), rels(&[("rId1", "officeDocument", "word/document.xml")]))];
    for (i, c) in charts().into_iter().enumerate() {
        let n = i + 1;
        body.push_str(&inline(&chart_data(&format!("rIdC{n}"))));
        e.push((format!("word/charts/chart{n}.xml"), c));
        drels.push((format!("rIdC{n}"), "chart", format!("charts/chart{n}.xml")));
    }
    body.push_str(&inline(r#"<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram"><dgm:relIds r:dm="rId3" r:lo="rId9" r:qs="rId9" r:cs="rId9"/></a:graphicData>"#));
    drels.push(("rId3".into(), "diagramData", "diagrams/data1.xml".into()));
    drels.push(("rId5".into(), "diagramDrawing", "diagrams/drawing1.xml".into()));
    e.push(("word/diagrams/data1.xml".into(), DIAGRAM_DATA.as_bytes().to_vec()));
    e.push(("word/diagrams/drawing1.xml".into(), diagram_drawing()));
    body.push_str(r#"<w:p><w:r><w:object><v:shape id="s1" style="width:80pt;height:50pt"><v:imagedata r:id="rId6"/></v:shape><o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="s1" r:id="rId7"/></w:object></w:r></w:p>"#);
    body.push_str(r#"<w:p><w:r><w:t>End of the results.</w:t></w:r></w:p>"#);
    drels.push(("rId6".into(), "image", "media/image1.emf".into()));
    drels.push(("rId7".into(), "oleObject", "embeddings/sheet.xlsx".into()));
    e.push(("word/media/image1.emf".into(), EMF.to_vec()));
    e.push(("word/embeddings/sheet.xlsx".into(), b"PK not opened".to_vec()));
    e.push(("word/document.xml".into(), format!(r#"<w:document {w} {NS}><w:body>{body}</w:body></w:document>"#).into_bytes()));
    let dr: Vec<(&str, &str, &str)> = drels.iter().map(|(i, k, t)| (i.as_str(), *k, t.as_str())).collect();
    e.push(("word/_rels/document.xml.rels".into(), rels(&dr)));
    let parts: Vec<(String, &str)> = (1..=4).map(|n| (format!("word/charts/chart{n}.xml"), "drawingml.chart+xml")).collect();
    e.insert(0, content_types("word/document.xml", "wordprocessingml.document.main+xml", &parts));
    zip_of(&e)
}

fn blocks_of(content: &Content) -> Vec<Block> {
    match content {
        Content::Flow(b) => b.clone(),
        Content::Slides { slides, .. } => slides.iter().flat_map(|s| s.blocks.clone()).collect(),
    }
}

#[test]
fn charts_diagrams_and_objects_are_read_into_the_model() {
    for (bytes, format) in [(presentation(), Format::Pptx), (document(), Format::Docx)] {
        let content = office::read(&bytes, format).unwrap();
        let blocks = blocks_of(&content);
        let charts: Vec<_> = blocks.iter().filter_map(|b| if let Block::Chart(c) = b { Some(c) } else { None }).collect();
        assert_eq!(charts.len(), 4, "{format:?}: {blocks:#?}");
        let kinds: Vec<_> = charts.iter().map(|c| (c.kind.clone(), c.grouping)).collect();
        assert_eq!(kinds, [(ChartKind::Column, Grouping::Clustered), (ChartKind::Bar, Grouping::Stacked), (ChartKind::Line, Grouping::Clustered), (ChartKind::Pie, Grouping::Clustered)]);
        let col = charts[0];
        assert_eq!(col.title, "How welcome do you feel?");
        assert_eq!(col.categories, ["Very welcome", "Quite welcome", "Not sure"]);
        assert_eq!(col.series[1].name, "Year Six");
        assert_eq!(col.series[1].values, [Some(15.0), Some(9.0), Some(3.0)]);
        assert_eq!(col.series[0].color, Some([0x1F, 0x77, 0xB4]));
        // A one-series chart without a title is titled with its series, as Office shows it.
        assert_eq!(charts[3].title, "Languages spoken at home");
        assert_eq!(charts[1].table()[3], ["Summer", "95.5", "4.5"]);
        assert!(charts[2].text_alternative().contains("Pounds raised: Monday 40, Tuesday 75"), "{}", charts[2].text_alternative());
        // The diagram's texts in the drawing's order, not the data model's.
        let nodes = blocks.iter().find_map(|b| if let Block::Diagram { nodes } = b { Some(nodes.clone()) } else { None });
        assert_eq!(nodes.unwrap(), ["Arrive", "Meet a buddy", "Join a class", "Feel at home"]);
        // The EMF-cached object is a note; the PNG-cached one (slides) and the chartex fallback are pictures.
        assert_eq!(content.objects_not_shown(), 1, "{format:?}");
        assert_eq!(content.pictures().len(), if format == Format::Pptx { 2 } else { 0 });
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Pixels of a page (rendered at 60 dpi by pdftoppm) within a few levels of `rgb`.
fn pixels_near(pdf: &Path, page: usize, rgb: [u8; 3], dir: &Path) -> usize {
    let prefix = dir.join(format!("page{page}"));
    let p = page.to_string();
    let o = Command::new("pdftoppm").args(["-r", "60", "-png", "-f", &p, "-l", &p, "-singlefile"]).arg(pdf).arg(&prefix).output().expect("pdftoppm (poppler-utils) runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let img = image::open(prefix.with_extension("png")).unwrap().to_rgb8();
    img.pixels().filter(|px| px.0.iter().zip(rgb).all(|(a, b)| (*a as i32 - b as i32).abs() <= 6)).count()
}

fn page_with(pdf: &Path, needle: &str) -> usize {
    let text = pdftotext(&[pdf.to_str().unwrap(), "-"]);
    text.split('\u{c}').position(|p| p.contains(needle)).map(|i| i + 1).unwrap_or_else(|| panic!("{needle:?} is on no page"))
}

#[test]
#[cfg_attr(windows, ignore = "pdftoppm is a Linux program")]
fn charts_diagrams_and_objects_reach_the_panel_in_the_export() {
    let dir = tempdir();
    let files = [write(dir.path(), "Pupil voice.pptx", &presentation()), write(dir.path(), "Governors report.docx", &document())];
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let opts = ImportOptions { consent: Some(sanctuary::evidence::Consent::Given), ..ImportOptions::default() };
    let report = evidence::import(&mut store, &files, &opts, &Job::silent(), now()).unwrap();
    assert_eq!(report.added.len(), 2, "{report:?}");
    // The import report and Readiness name each exhibit with an object the copy cannot show.
    let named: Vec<(&str, u32)> = report.objects_not_shown.iter().map(|o| (o.file.as_str(), o.count)).collect();
    assert_eq!(named, [("Pupil voice.pptx", 1), ("Governors report.docx", 1)]);
    let ready = sanctuary::readiness::report(&store, now().date_naive()).unwrap();
    let gaps: Vec<&str> = ready.missing.iter().filter(|g| g.code == "objects_not_shown").filter_map(|g| g.file.as_deref()).collect();
    assert_eq!(gaps, ["Pupil voice.pptx", "Governors report.docx"], "{:?}", ready.missing);
    let out = dir.path().join("portfolio.pdf");
    portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    // SANCTUARY_KEEP_PDF=path keeps the export, to look at it.
    if let Some(keep) = std::env::var_os("SANCTUARY_KEEP_PDF") {
        std::fs::copy(&out, keep).unwrap();
    }
    let text = pdftotext(&[out.to_str().unwrap(), "-"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "How welcome do you feel?", "Very welcome", "Quite welcome", "Not sure", "Year Five", "Year Six",
        "Attendance of new arrivals", "Autumn", "Summer", "Present", "Absent", "95.5",
        "Refugee Week fundraising", "Wednesday", "Pounds raised", "263",
        "Languages spoken at home", "Ukrainian", "Arabic",
        "Arrive", "Meet a buddy", "Join a class", "Feel at home",
        "An embedded object is not shown here", "Waterfall of donations",
    ] {
        assert!(flat.contains(needle), "{needle:?} is not in the export:\n{flat}");
    }
    // Values of the tables, in both copies.
    for v in ["18", "15", "92", "180", "40"] {
        assert!(flat.split(' ').filter(|w| *w == v).count() >= 2, "{v} is in both copies' tables");
    }
    // Each copy's first chart page shows the columns in the file's colours.
    for first in [page_with(&out, "How welcome do you feel?"), page_with(&out, "Survey results for the governors.")] {
        let page = (first..first + 3).find(|p| pixels_near(&out, *p, [0x1F, 0x77, 0xB4], dir.path()) > 0).expect("a page with the chart");
        assert!(pixels_near(&out, page, [0x1F, 0x77, 0xB4], dir.path()) > 30, "blue columns are drawn");
        assert!(pixels_near(&out, page, [0xD6, 0x27, 0x28], dir.path()) > 30, "red columns are drawn");
    }
    // The line in its colour, and the cached pictures (orange object, green chartex fallback).
    let fundraising = page_with(&out, "Refugee Week fundraising");
    assert!(pixels_near(&out, fundraising, [0x2C, 0xA0, 0x2C], dir.path()) > 10, "the line is drawn");
    let list = Command::new("pdfimages").args(["-list"]).arg(&out).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&list.stdout).lines().skip(2).count(), 2, "two cached pictures are printed");
}

/// LibreOffice's `soffice --convert-to EXT` of `file` into `dir`; None (with a note) where it is not installed.
fn libreoffice(file: &Path, ext: &str, dir: &Path) -> Option<PathBuf> {
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let o = match Command::new("soffice").args([&profile, "--headless", "--convert-to", ext, "--outdir"]).arg(dir).arg(file).output() {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            println!("skipped: soffice (LibreOffice) is not installed");
            return None;
        }
        Err(e) => panic!("cannot run soffice: {e}"),
    };
    let out = dir.join(file.with_extension(ext).file_name().unwrap());
    assert!(o.status.success() && out.is_file(), "LibreOffice did not convert {}: {}", file.display(), String::from_utf8_lossy(&o.stderr));
    Some(out)
}

#[test]
#[cfg_attr(windows, ignore = "LibreOffice is a Linux program here")]
fn opendocument_charts_made_by_libreoffice_are_read_from_their_objects() {
    let dir = tempdir();
    let pptx = write(dir.path(), "charts.pptx", &presentation());
    let docx = write(dir.path(), "charts.docx", &document());
    let Some(odp) = libreoffice(&pptx, "odp", dir.path()) else { return };
    let odt = libreoffice(&docx, "odt", dir.path()).unwrap();
    for (file, format) in [(odp, Format::Odp), (odt, Format::Odt)] {
        let content = office::read(&std::fs::read(&file).unwrap(), format).unwrap();
        let charts: Vec<_> = blocks_of(&content).into_iter().filter_map(|b| if let Block::Chart(c) = b { Some(c) } else { None }).collect();
        assert_eq!(charts.len(), 4, "{format:?}: {content:#?}");
        let kinds: Vec<_> = charts.iter().map(|c| (c.kind.clone(), c.grouping)).collect();
        assert_eq!(kinds, [(ChartKind::Column, Grouping::Clustered), (ChartKind::Bar, Grouping::Stacked), (ChartKind::Line, Grouping::Clustered), (ChartKind::Pie, Grouping::Clustered)], "{format:?}");
        assert_eq!(charts[0].title, "How welcome do you feel?");
        assert_eq!(charts[0].categories, ["Very welcome", "Quite welcome", "Not sure"]);
        assert_eq!(charts[0].series[1].name, "Year Six");
        assert_eq!(charts[0].series[1].values, [Some(15.0), Some(9.0), Some(3.0)]);
        assert_eq!(charts[2].series[0].values.last(), Some(&Some(263.0)));
        // The copy prints them: every chart's words are in the reading copy's text.
        let pdf = dir.path().join(format!("{format:?}.pdf"));
        let mut out = std::fs::File::create(&pdf).unwrap();
        evidence::document_pictures::reading_copy_pdf(&std::fs::read(&file).unwrap(), match format { Format::Odp => office::ODP, _ => office::ODT }, "charts", &mut out).unwrap();
        drop(out);
        let text = pdftotext(&[pdf.to_str().unwrap(), "-"]);
        for needle in ["Attendance of new arrivals", "Ukrainian", "Pounds raised", "95.5"] {
            assert!(text.contains(needle), "{format:?}: {needle:?} is not in the copy:\n{text}");
        }
    }
}

/// An Office 2016 waterfall chart part (`cx:chartSpace`): one series whose data (`cx:data id="0"`)
/// has the categories and values given, titled `title` in `cx:txData/cx:v`.
fn waterfall_xml(title: &str, series: &str, cats: &[&str], values: &[f64]) -> Vec<u8> {
    let mut s = String::from(r#"<?xml version="1.0" encoding="UTF-8"?><cx:chartSpace xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex"><cx:chartData><cx:externalData r:id="rId1" cx:autoUpdate="0"/><cx:data id="0">"#);
    s.push_str(&format!(r#"<cx:strDim type="cat"><cx:f>Sheet1!$A$2:$A$5</cx:f><cx:lvl ptCount="{}">"#, cats.len()));
    for (i, c) in cats.iter().enumerate() {
        s.push_str(&format!(r#"<cx:pt idx="{i}">{c}</cx:pt>"#));
    }
    s.push_str(&format!(r#"</cx:lvl></cx:strDim><cx:numDim type="val"><cx:f>Sheet1!$B$2:$B$5</cx:f><cx:lvl ptCount="{}" formatCode="General">"#, values.len()));
    // Written out of order: the points are placed by their idx.
    for (i, v) in values.iter().enumerate().rev() {
        s.push_str(&format!(r#"<cx:pt idx="{i}">{v}</cx:pt>"#));
    }
    s.push_str(&format!(r#"</cx:lvl></cx:numDim></cx:data></cx:chartData><cx:chart><cx:title pos="t" align="ctr" overlay="0"><cx:tx><cx:txData><cx:v>{title}</cx:v></cx:txData></cx:tx></cx:title><cx:plotArea><cx:plotAreaRegion><cx:series layoutId="waterfall" uniqueId="{{00000000-0001-0000-0000-000000000000}}"><cx:tx><cx:txData><cx:f>Sheet1!$B$1</cx:f><cx:v>{series}</cx:v></cx:txData></cx:tx><cx:dataId val="0"/><cx:layoutPr><cx:subtotals><cx:idx val="3"/></cx:subtotals></cx:layoutPr></cx:series></cx:plotAreaRegion><cx:axis id="0"><cx:catScaling gapWidth="0.5"/><cx:tickLabels/></cx:axis><cx:axis id="1"><cx:valScaling/><cx:tickLabels/></cx:axis></cx:plotArea></cx:chart></cx:chartSpace>"#));
    s.into_bytes()
}

/// A Word document with one Office 2016 waterfall chart, as Word writes it: `mc:AlternateContent`
/// in a run, the chartex frame as the Choice and a cached PNG picture as the Fallback.
fn waterfall_document() -> Vec<u8> {
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:cx1="http://schemas.microsoft.com/office/drawing/2015/9/8/chartex""#;
    let choice = r#"<mc:Choice Requires="cx1"><w:drawing><wp:inline><wp:extent cx="5486400" cy="3200400"/><wp:docPr id="1" name="Chart 1"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/drawing/2014/chartex"><cx:chart xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex" r:id="rIdX"/></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>"#;
    let fallback = r#"<mc:Fallback><w:drawing><wp:inline><wp:extent cx="5486400" cy="3200400"/><wp:docPr id="1" name="Chart 1"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name=""/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdP"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Fallback>"#;
    let body = format!(r#"<w:p><w:r><w:t>How the week's money added up.</w:t></w:r></w:p><w:p><w:r><mc:AlternateContent>{choice}{fallback}</mc:AlternateContent></w:r></w:p><w:p><w:r><w:t>Thank you to every family.</w:t></w:r></w:p>"#);
    let chart = waterfall_xml("Refugee Week fundraising", "Pounds", &["Start", "Cake sale", "Costs", "Total"], &[0.0, 120.0, -45.0, 75.0]);
    let e: Vec<(String, Vec<u8>)> = vec![
        content_types("word/document.xml", "wordprocessingml.document.main+xml", &[("word/charts/chartEx1.xml".into(), "drawingml.chartex+xml")]),
        ("_rels/.rels".into(), rels(&[("rId1", "officeDocument", "word/document.xml")])),
        ("word/document.xml".into(), format!(r#"<w:document {w} {NS} mc:Ignorable="cx1"><w:body>{body}</w:body></w:document>"#).into_bytes()),
        ("word/_rels/document.xml.rels".into(), rels(&[("rIdX", "chartEx", "charts/chartEx1.xml"), ("rIdP", "image", "media/image1.png")])),
        ("word/charts/chartEx1.xml".into(), chart),
        ("word/media/image1.png".into(), png([30, 160, 90])),
    ];
    zip_of(&e)
}

#[test]
fn office_2016_charts_keep_their_picture_and_print_their_title_and_data() {
    // In the model: the fallback picture and the chart, with its data by index.
    let bytes = waterfall_document();
    let content = office::read(&bytes, Format::Docx).unwrap();
    let blocks = blocks_of(&content);
    let charts: Vec<_> = blocks.iter().filter_map(|b| if let Block::Chart(c) = b { Some(c) } else { None }).collect();
    assert_eq!(charts.len(), 1, "{blocks:#?}");
    let c = charts[0];
    assert_eq!(c.kind, ChartKind::Other("waterfall".into()));
    assert_eq!(c.title, "Refugee Week fundraising");
    assert_eq!(c.categories, ["Start", "Cake sale", "Costs", "Total"]);
    assert_eq!(c.series.len(), 1);
    assert_eq!(c.series[0].name, "Pounds");
    assert_eq!(c.series[0].values, [Some(0.0), Some(120.0), Some(-45.0), Some(75.0)]);
    assert_eq!(content.pictures().len(), 1, "the cached picture is kept");
    let picture_at = blocks.iter().position(|b| matches!(b, Block::Picture(_))).expect("the picture is a block");
    let chart_at = blocks.iter().position(|b| matches!(b, Block::Chart(_))).unwrap();
    assert!(picture_at < chart_at, "the picture, then its data");

    // In the export: the picture printed, the title and the table in the text.
    let dir = tempdir();
    let files = [write(dir.path(), "Refugee Week.docx", &bytes)];
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let opts = ImportOptions { consent: Some(sanctuary::evidence::Consent::Given), ..ImportOptions::default() };
    let report = evidence::import(&mut store, &files, &opts, &Job::silent(), now()).unwrap();
    assert_eq!(report.added.len(), 1, "{report:?}");
    assert!(report.objects_not_shown.is_empty(), "{report:?}");
    let out = dir.path().join("portfolio.pdf");
    portfolio::export(&store, &ExportOptions::new(out.clone(), now()), &Job::silent()).unwrap();
    let text = pdftotext(&[out.to_str().unwrap(), "-"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in ["Refugee Week fundraising", "Start", "Cake sale", "Costs", "Total", "Pounds", "120", "75", "How the week's money added up.", "Thank you to every family."] {
        assert!(flat.contains(needle), "{needle:?} is not in the export:\n{flat}");
    }
    // The negative value, with a hyphen or a minus sign, and the zero as a cell of its own.
    assert!(flat.contains("-45") || flat.contains("\u{2212}45"), "-45 is not in the export:\n{flat}");
    assert!(flat.split(' ').any(|w| w == "0"), "0 is not in the export:\n{flat}");
    let list = Command::new("pdfimages").args(["-list"]).arg(&out).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&list.stdout).lines().skip(2).count(), 1, "the cached picture is printed");
}

/// A one-slide presentation whose chart is the chartex part `chart` behind `mc:AlternateContent`,
/// with a cached PNG picture as the Fallback.
fn chartex_presentation(chart: Vec<u8>) -> Vec<u8> {
    let alt = r#"<mc:AlternateContent><mc:Choice Requires="cx1"><p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="4" name="W"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="1500000"/><a:ext cx="6000000" cy="3000000"/></p:xfrm><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/drawing/2014/chartex"><cx:chart xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex" r:id="rId2"/></a:graphicData></a:graphic></p:graphicFrame></mc:Choice><mc:Fallback><p:pic><p:nvPicPr><p:cNvPr id="5" name="P"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="rId3"/></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="1500000"/><a:ext cx="3000000" cy="2000000"/></a:xfrm></p:spPr></p:pic></mc:Fallback></mc:AlternateContent>"#;
    let slide = format!(r#"<?xml version="1.0" encoding="UTF-8"?><p:sld {NS}><p:cSld><p:spTree><p:nvGrpSpPr/><p:grpSpPr/>{alt}</p:spTree></p:cSld></p:sld>"#);
    zip_of(&[
        content_types("ppt/presentation.xml", "presentationml.presentation.main+xml", &[("ppt/slides/slide1.xml".into(), "presentationml.slide+xml")]),
        ("_rels/.rels".into(), rels(&[("rId1", "officeDocument", "ppt/presentation.xml")])),
        ("ppt/presentation.xml".into(), format!(r#"<p:presentation {NS}><p:sldIdLst><p:sldId id="256" r:id="rId1"/></p:sldIdLst><p:sldSz cx="9144000" cy="6858000"/></p:presentation>"#).into_bytes()),
        ("ppt/_rels/presentation.xml.rels".into(), rels(&[("rId1", "slide", "slides/slide1.xml")])),
        ("ppt/slides/slide1.xml".into(), slide.into_bytes()),
        ("ppt/slides/_rels/slide1.xml.rels".into(), rels(&[("rId2", "chartEx", "../charts/chartEx1.xml"), ("rId3", "image", "../media/image1.png")])),
        ("ppt/charts/chartEx1.xml".into(), chart),
        ("ppt/media/image1.png".into(), png([30, 160, 90])),
    ])
}

#[test]
fn office_2016_charts_on_slides_keep_their_picture_and_their_data_within_limits() {
    // A waterfall on a slide: the picture stays, the chart is read.
    let waterfall = waterfall_xml("Refugee Week fundraising", "Pounds", &["Start", "Cake sale", "Costs", "Total"], &[0.0, 120.0, -45.0, 75.0]);
    let content = office::read(&chartex_presentation(waterfall), Format::Pptx).unwrap();
    let charts: Vec<_> = blocks_of(&content).into_iter().filter_map(|b| if let Block::Chart(c) = b { Some(c) } else { None }).collect();
    assert_eq!(charts.len(), 1);
    assert_eq!(charts[0].title, "Refugee Week fundraising");
    assert_eq!(charts[0].table()[3], ["Costs", "-45"]);
    assert_eq!(content.pictures().len(), 1);

    // A treemap: a rich-text title, a second level of categories, sizes, and a crafted point index
    // past the limit that is left out rather than growing the table.
    let treemap = r#"<cx:chartSpace xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex"><cx:chartData><cx:data id="7"><cx:strDim type="cat"><cx:lvl ptCount="2"><cx:pt idx="0">Books</cx:pt><cx:pt idx="1">Games</cx:pt></cx:lvl><cx:lvl ptCount="2"><cx:pt idx="0">Library</cx:pt><cx:pt idx="1">Library</cx:pt></cx:lvl></cx:strDim><cx:numDim type="size"><cx:lvl ptCount="2"><cx:pt idx="1">8</cx:pt><cx:pt idx="0">30</cx:pt><cx:pt idx="999999999">1</cx:pt></cx:lvl></cx:numDim></cx:data></cx:chartData><cx:chart><cx:title><cx:tx><cx:rich><a:bodyPr/><a:p><a:r><a:t>Donated </a:t></a:r><a:r><a:t>items</a:t></a:r></a:p></cx:rich></cx:tx></cx:title><cx:plotArea><cx:plotAreaRegion><cx:series layoutId="treemap"><cx:dataId val="7"/></cx:series></cx:plotAreaRegion></cx:plotArea></cx:chart></cx:chartSpace>"#;
    let content = office::read(&chartex_presentation(treemap.as_bytes().to_vec()), Format::Pptx).unwrap();
    let charts: Vec<_> = blocks_of(&content).into_iter().filter_map(|b| if let Block::Chart(c) = b { Some(c) } else { None }).collect();
    assert_eq!(charts.len(), 1);
    let c = &charts[0];
    assert_eq!(c.kind, ChartKind::Other("treemap".into()));
    assert_eq!(c.title, "Donated items");
    assert_eq!(c.categories, ["Books · Library", "Games · Library"]);
    assert_eq!(c.series[0].values, [Some(30.0), Some(8.0)]);
    assert!(c.category_count() <= 1_000);

    // A chartex part without a chart leaves the picture alone, as before; one that is not XML is a
    // damaged file, as a damaged DrawingML chart part is.
    let empty = br#"<cx:chartSpace xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex"/>"#;
    let content = office::read(&chartex_presentation(empty.to_vec()), Format::Pptx).unwrap();
    assert!(blocks_of(&content).iter().all(|b| !matches!(b, Block::Chart(_))));
    assert_eq!(content.pictures().len(), 1);
    assert!(matches!(office::read(&chartex_presentation(b"not xml".to_vec()), Format::Pptx), Err(office::Problem::Damaged(_))));
}
