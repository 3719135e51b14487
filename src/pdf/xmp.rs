//! The XMP metadata packet on the catalog: the same title, author, subject, keywords, dates and
//! producer as the Info dictionary (PDF/A requires the two to agree), the document's language, and
//! the PDF/A and PDF/UA identification, with the extension schema PDF/A-2 asks for to describe the
//! PDF/UA one.
//!
//! Not for: deciding which conformance the file may claim (see `archive`).

use super::metadata::{producer, CREATOR};
use super::Metadata;

/// What the file says it conforms to in PDF/A-2: level A (tagged) or B (appearance only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    A,
    B,
}

/// Escapes text for an XML element's content.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Control characters are not allowed in XML 1.0; they carry nothing a reader needs.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The XMP packet (UTF-8). `level` None writes no PDF/A claim (a merged file prevents one).
pub(crate) fn packet(meta: &Metadata, level: Option<Level>) -> Vec<u8> {
    let date = meta.created.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let lang = esc(&meta.language);
    let pdfa = match level {
        Some(l) => format!(
            "  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n   \
             <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>{}</pdfaid:conformance>\n  </rdf:Description>\n",
            match l {
                Level::A => "A",
                Level::B => "B",
            }
        ),
        None => String::new(),
    };
    let mut x = String::new();
    // The begin attribute holds a byte order mark, as the XMP specification asks.
    x.push_str("<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    x.push_str(&format!(
        "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n   \
         <dc:format>application/pdf</dc:format>\n   \
         <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n   \
         <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n   \
         <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n   \
         <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n  </rdf:Description>\n",
        title = esc(&meta.title),
        author = esc(&meta.author),
        subject = esc(&meta.subject),
    ));
    x.push_str(&format!(
        "  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n   \
         <xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>\n   <xmp:CreateDate>{date}</xmp:CreateDate>\n   \
         <xmp:ModifyDate>{date}</xmp:ModifyDate>\n   <xmp:MetadataDate>{date}</xmp:MetadataDate>\n  </rdf:Description>\n"
    ));
    x.push_str(&format!(
        "  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n   \
         <pdf:Producer>{}</pdf:Producer>\n   <pdf:Keywords>{}</pdf:Keywords>\n  </rdf:Description>\n",
        esc(&producer()),
        esc(&meta.keywords),
    ));
    x.push_str(&pdfa);
    x.push_str(
        "  <rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n   \
         <pdfuaid:part>1</pdfuaid:part>\n  </rdf:Description>\n",
    );
    // PDF/A-2 accepts only the schemas it names unless the file describes the others itself.
    x.push_str(
        "  <rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" \
         xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n   \
         <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n    \
         <pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>\n    \
         <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n    \
         <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n    \
         <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n     \
         <pdfaProperty:name>part</pdfaProperty:name>\n     \
         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n     \
         <pdfaProperty:category>internal</pdfaProperty:category>\n     \
         <pdfaProperty:description>The part of ISO 14289 the file conforms to</pdfaProperty:description>\n    \
         </rdf:li></rdf:Seq></pdfaSchema:property>\n   \
         </rdf:li></rdf:Bag></pdfaExtension:schemas>\n  </rdf:Description>\n",
    );
    x.push_str(" </rdf:RDF>\n</x:xmpmeta>\n");
    x.push_str("<?xpacket end=\"w\"?>");
    x.into_bytes()
}
