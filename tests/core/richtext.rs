//! The stored form of accounts: what reads as a list, a heading, bold, italic or a link, and what
//! old plain accounts keep meaning.

use sanctuary::richtext::{parse, to_markdown, Block, Doc, Item, List, Span};

fn para(text: &str) -> Block {
    Block::Paragraph(vec![Span::plain(text)])
}

fn item(text: &str) -> Item {
    Item { blocks: vec![para(text)] }
}

#[test]
fn a_plain_account_with_a_line_break_stays_as_it_was() {
    let doc = parse("We run assemblies.\nEvery term.\n\nGovernors came too.");
    assert_eq!(doc.blocks, vec![para("We run assemblies.\nEvery term."), para("Governors came too.")]);
}

#[test]
fn literal_asterisks_underscores_and_markdown_outside_the_subset_stay_as_typed() {
    let cases = [
        "2 * 3 * 4 pupils",
        "snake_case_names and file_name_here",
        "# of pupils: 30",
        "## Big title",
        "> a quote we liked",
        "Title\n---",
        "---",
        "    four spaces in",
        "<b>not bold</b>",
        "[1]: https://example.org/notes",
        "a `code` word",
        "see ![photo](x.png) here",
    ];
    for case in cases {
        let doc = parse(case);
        assert_eq!(doc.plain_text().trim(), case.trim(), "{case:?} read as {doc:?}");
        assert!(doc.blocks.iter().all(|b| matches!(b, Block::Paragraph(_))), "{case:?} read as {doc:?}");
    }
}

#[test]
fn dashes_and_numbers_at_line_starts_are_lists_with_one_level_of_nesting() {
    let doc = parse("Intro\n\n- one\n- two\n  - two a\n    - deeper\n- three\n\n3. third\n4. fourth");
    assert_eq!(doc.blocks[0], para("Intro"));
    assert_eq!(
        doc.blocks[1],
        Block::List(List {
            start: None,
            items: vec![
                item("one"),
                Item {
                    blocks: vec![
                        para("two"),
                        Block::List(List { start: None, items: vec![item("two a"), item("deeper")] }),
                    ],
                },
                item("three"),
            ],
        })
    );
    assert_eq!(doc.blocks[2], Block::List(List { start: Some(3), items: vec![item("third"), item("fourth")] }));
    assert_eq!(doc.plain_text(), "Intro\n\n• one\n• two\n  – two a\n  – deeper\n• three\n\n3. third\n4. fourth");
}

#[test]
fn bold_italic_links_and_the_sub_heading() {
    let doc = parse("### Our pupils\nWe **led** an *assembly* (see [the page](https://example.org/a) and E3).");
    assert_eq!(doc.blocks[0], Block::Heading(vec![Span::plain("Our pupils")]));
    let Block::Paragraph(spans) = &doc.blocks[1] else { panic!("{doc:?}") };
    assert_eq!(spans[1], Span { text: "led".into(), bold: true, ..Span::default() });
    assert_eq!(spans[3], Span { text: "assembly".into(), italic: true, ..Span::default() });
    assert_eq!(spans[5], Span { text: "the page".into(), link: Some("https://example.org/a".into()), ..Span::default() });
    assert!(spans[6].text.contains("E3"));
    // A link to anything but the web keeps its words and loses the address.
    let Block::Paragraph(spans) = &parse("[open](javascript:alert(1))").blocks[0] else { panic!() };
    assert_eq!(spans, &vec![Span::plain("open")]);
}

#[test]
fn the_written_form_reads_back_as_the_same_account() {
    let docs = [
        "### Heading\n\nA **bold** and *italic* and ***both*** [link **x**](https://e.org/p) E3.\nLine two.",
        "- a\n- b *i*\n  - c\n\n1. x\n2. y",
        "Q&A, 2 * 3, a_b_c, # hash, 1. not a list? no: it is",
        "literal \\*stars\\* and \\- dash",
    ];
    for md in docs {
        let doc = parse(md);
        let again = to_markdown(&doc);
        assert_eq!(parse(&again), doc, "{md:?} wrote {again:?}");
    }
    // Text that only looks like formatting is escaped when written.
    let doc = Doc { blocks: vec![para("- not a list\n**not bold** &amp; [x]")] };
    assert_eq!(parse(&to_markdown(&doc)), doc);
}
