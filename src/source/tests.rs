//! The reader's own tests: scanning heads, reading whole drafts, sniffing kinds.

use super::*;

const XML: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rfc [
  <!ENTITY nbsp "&#160;">
]>
<!-- <rfc docName="draft-commented-out-00"> -->
<rfc version="3" category="info"
     docName="draft-doe-dispatch-widgets-01"
     ipr="trust200902">
  <front>
    <title abbrev="Widgets">Widget Discovery &amp; More</title>
    <seriesInfo name="Internet-Draft" value="draft-doe-dispatch-widgets-01"/>
    <author fullname="José Müller" initials="J." surname="Müller">
      <organization>AT&amp;T &lt;Labs&gt;</organization>
      <address><email>jm@example.com</email></address>
    </author>
    <date year="2026" month="November" day="25"/>
    <workgroup>DISPATCH</workgroup>
    <abstract><t>Widgets are hard
      to find.</t></abstract>
  </front>
  <middle>
    <section><name>Problem Statement</name><t>Nobody can find widgets.</t></section>
    <section><name>Use Cases</name><t>Two.</t>
      <section><name>Home</name><t>At home.</t></section>
    </section>
  </middle>
</rfc>
"#;

const MD: &str = "---
title: \"Foo: \\\"Bar\\\" & <Baz> #1\"
docname: draft-doe-dispatch-widgets-latest  # i-d-template
workgroup: DISPATCH
author:
 -
    fullname: José Müller
    organization: \"AT&T <Labs>\"
    email: jm@example.com
---

--- abstract

Widgets are hard
to find.

--- middle

# Problem Statement {#problem}

Nobody can find widgets.

# Use Cases

Two.

## Home

At home.

# Requirements

REQ-1:
: A solution MUST find widgets.
";

#[test]
fn scans_xml_docname_and_series_info_with_lines() {
    let head = scan(XML.as_bytes(), SourceKind::Xml);
    let d = head.docname.unwrap();
    assert_eq!(d.value, "draft-doe-dispatch-widgets-01");
    assert_eq!(d.line, 7);
    let s = head.series_info.unwrap();
    assert_eq!(
        (s.value.as_str(), s.line),
        ("draft-doe-dispatch-widgets-01", 11)
    );
}

#[test]
fn scans_kramdown_docname() {
    let head = scan(MD.as_bytes(), SourceKind::Kramdown);
    let d = head.docname.unwrap();
    assert_eq!(
        (d.value.as_str(), d.line),
        ("draft-doe-dispatch-widgets-latest", 3)
    );
}

#[test]
fn scans_past_a_byte_order_mark() {
    // kramdown-rfc reads a front matter that follows a UTF-8 BOM (Windows editors write
    // one); so must check, or it reports `doc/no-docname` for a draft that renders.
    let with_bom = format!("\u{feff}{MD}");
    let d = scan(with_bom.as_bytes(), SourceKind::Kramdown)
        .docname
        .unwrap();
    assert_eq!(
        (d.value.as_str(), d.line),
        ("draft-doe-dispatch-widgets-latest", 3)
    );
}

#[test]
fn front_matter_spans_are_byte_ranges_without_line_ends() {
    let text = b"\n---\r\ntitle: T\r\ndocname: draft-a-b-00\n--- abstract\nbody\n";
    let spans: Vec<_> = front_matter_spans(text).collect();
    assert_eq!(spans, [(3, 6..14), (4, 16..37)]);
    assert_eq!(&text[spans[1].1.clone()], b"docname: draft-a-b-00");
    assert_eq!(
        front_matter_spans(b"no front matter\n---\nx: y\n").count(),
        0
    );
}

#[test]
fn scans_mmark_series_info_value() {
    let text = "%%%\ntitle = \"X\"\n[seriesInfo]\nname = \"Internet-Draft\"\nvalue = \"draft-doe-x-00\"\n%%%\n";
    let d = scan(text.as_bytes(), SourceKind::Mmark).docname.unwrap();
    assert_eq!((d.value.as_str(), d.line), ("draft-doe-x-00", 5));
}

#[test]
fn scans_a_text_drafts_first_page() {
    let text = "\n\nNetwork Working Group                                   J. Doe\nInternet-Draft                                   Example Corp\nIntended status: Informational\n\n                 Widgets\n                 draft-doe-dispatch-widgets-03\n\x0cmore draft-other-name-00\n";
    let d = scan(text.as_bytes(), SourceKind::Text).docname.unwrap();
    assert_eq!(
        (d.value.as_str(), d.line),
        ("draft-doe-dispatch-widgets-03", 8)
    );
}

#[test]
fn scan_survives_garbage() {
    for kind in [
        SourceKind::Xml,
        SourceKind::Kramdown,
        SourceKind::Mmark,
        SourceKind::Text,
    ] {
        for input in [
            &b""[..],
            b"<rfc",
            b"<rfc docName=\"",
            b"---\ndocname:",
            b"%%%\n[",
            b"\xff\xfe<rfc docName='x'>",
        ] {
            let _ = scan(input, kind);
        }
    }
    let head = scan(b"<rfc docName='draft-a-b-00'>", SourceKind::Xml);
    assert_eq!(head.docname.unwrap().value, "draft-a-b-00");
}

#[test]
fn reads_a_whole_xml_draft() {
    let doc = Document::parse(XML, SourceKind::Xml).unwrap();
    assert_eq!(doc.title.as_deref(), Some("Widget Discovery & More"));
    assert_eq!(doc.abbrev.as_deref(), Some("Widgets"));
    assert_eq!(doc.workgroup.as_deref(), Some("DISPATCH"));
    assert_eq!(doc.authors[0].fullname.as_deref(), Some("José Müller"));
    assert_eq!(doc.authors[0].organization.as_deref(), Some("AT&T <Labs>"));
    assert_eq!(doc.authors[0].email.as_deref(), Some("jm@example.com"));
    assert_eq!(
        doc.abstract_text.as_deref(),
        Some("Widgets are hard to find.")
    );
    let uc = doc.section(&["use cases"]).unwrap();
    assert_eq!(uc.text, "Two.\n\nHome\n\nAt home.");
    assert_eq!(doc.sections.len(), 3);
}

#[test]
fn reads_empty_erefs_and_xrefs_as_xml2rfc_renders_them() {
    let xml = r#"<rfc><front><abstract><t>See <eref target="https://example.com/x"/> and <xref target="RFC2119"/>, or <eref target="https://e.com">this</eref>.</t></abstract></front></rfc>"#;
    let doc = Document::parse(xml, SourceKind::Xml).unwrap();
    assert_eq!(
        doc.abstract_text.as_deref(),
        Some("See https://example.com/x and [RFC2119], or this.")
    );
}

#[test]
fn reads_a_whole_kramdown_draft() {
    let doc = Document::parse(MD, SourceKind::Kramdown).unwrap();
    assert_eq!(doc.title.as_deref(), Some("Foo: \"Bar\" & <Baz> #1"));
    assert_eq!(doc.authors[0].organization.as_deref(), Some("AT&T <Labs>"));
    assert_eq!(
        doc.abstract_text.as_deref(),
        Some("Widgets are hard to find.")
    );
    let ps = doc.section(&["problem statement"]).unwrap();
    assert_eq!(ps.title, "Problem Statement");
    assert_eq!(ps.text, "Nobody can find widgets.");
    let uc = doc.section(&["use cases"]).unwrap();
    assert_eq!(uc.text, "Two.\n\nHome\n\nAt home.");
    let req = doc.section(&["requirements"]).unwrap();
    assert_eq!(req.text, "REQ-1: A solution MUST find widgets.");
}

#[test]
fn reads_the_shared_samples_shape() {
    let mmark = "%%%\ntitle = \"T\"\n[seriesInfo]\nname = \"Internet-Draft\"\nvalue = \"draft-doe-x-00\"\n[[author]]\nfullname = \"Jane Doe\"\n  [author.address]\n  email = \"j@example.com\"\n%%%\n\n.# Abstract\n\nAbs.\n\n{mainmatter}\n\n# Problem Statement\n\nP.\n";
    let doc = Document::parse(mmark, SourceKind::Mmark).unwrap();
    assert_eq!(doc.docname.as_ref().unwrap().value, "draft-doe-x-00");
    assert_eq!(doc.authors[0].email.as_deref(), Some("j@example.com"));
    assert_eq!(doc.abstract_text.as_deref(), Some("Abs."));
    assert_eq!(doc.section(&["problem"]).unwrap().text, "P.");
}

#[test]
fn detects_kinds() {
    assert_eq!(
        SourceKind::detect(Path::new("a.xml"), b""),
        Some(SourceKind::Xml)
    );
    assert_eq!(
        SourceKind::detect(Path::new("a.md"), b"\n%%%\n"),
        Some(SourceKind::Mmark)
    );
    assert_eq!(
        SourceKind::detect(Path::new("a.md"), b"---\n"),
        Some(SourceKind::Kramdown)
    );
    assert_eq!(
        SourceKind::detect(Path::new("a.txt"), b""),
        Some(SourceKind::Text)
    );
    assert_eq!(SourceKind::detect(Path::new("a.pdf"), b""), None);
}

/// Pieces real drafts are made of, to mutate into hostile ones.
const PIECES: &[&str] = &[
    "<?xml version=\"1.0\"?>",
    "<!DOCTYPE rfc [",
    "<!ENTITY v \"05\">",
    "<!ENTITY e SYSTEM \"x.xml\">",
    "]>",
    "<rfc docName=\"draft-a-b-c-&v;\" version=\"3\">",
    "<front>",
    "<seriesInfo name=\"Internet-Draft\" value=\"draft-a-b-c-05\"/>",
    "<date year=\"2019\"/>",
    "</front>",
    "<!--",
    "-->",
    "<![CDATA[",
    "&e;",
    "&#x110000;",
    "---\n",
    "docname: draft-x-y-00\n",
    "date: 2021-05\n",
    "%%%\n",
    "[seriesInfo]\n",
    "name = \"RFC\"\n",
    "value = \"draft-a-b-01\"\n",
    "% docName = \"draft-q-r-00\"\n",
    "Internet-Draft   Expires: July 22, 2019\n",
    "\u{feff}",
    "\n",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(
        std::env::var("NEWDRAFT_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(400),
    ))]

    /// What the first bytes of a file say, when [`scan_prefix`] finds them enough, is what
    /// its whole head says.
    #[test]
    fn a_prefix_that_is_enough_says_what_the_whole_head_says(
        parts in proptest::collection::vec(0..PIECES.len(), 0..40),
        noise in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..16),
        cut in 0usize..2000,
        ext in 0usize..4,
    ) {
        let mut text: Vec<u8> = parts.iter().flat_map(|&i| PIECES[i].bytes()).collect();
        let at = cut.min(text.len());
        text.splice(at..at, noise);
        let ext = ["xml", "md", "txt", "mkd"][ext];
        let kind = SourceKind::sniff(ext, &text);
        let whole = (kind, scan(&text, kind));
        for end in 0..=text.len() {
            if let Some(found) = scan_prefix(ext, &text[..end]) {
                proptest::prop_assert_eq!(&found, &whole, "{} bytes of {:?}", end, String::from_utf8_lossy(&text));
            }
        }
    }

    /// No input makes a reader panic, and every line it reports is in the text.
    #[test]
    fn readers_never_panic(
        parts in proptest::collection::vec(0..PIECES.len(), 0..40),
        noise in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64),
        cut in 0usize..2000,
    ) {
        let mut text: Vec<u8> = parts.iter().flat_map(|&i| PIECES[i].bytes()).collect();
        let at = cut.min(text.len());
        text.splice(at..at, noise);
        let lines = memchr::memchr_iter(b'\n', &text).count() + 1;
        for kind in [SourceKind::Xml, SourceKind::Kramdown, SourceKind::Mmark, SourceKind::Text] {
            let head = scan(&text, kind);
            for l in head.docname.iter().chain(&head.series_info) {
                proptest::prop_assert!(l.line >= 1 && l.line <= lines);
            }
            if let Ok(s) = std::str::from_utf8(&text) {
                let _ = Document::parse(s, kind);
                let _ = rename(s, kind, "draft-a-b-c-05", "draft-a-b-c-06");
            }
        }
        let _ = xml::name_spans(&text);
        let _ = xml::date_span(&text);
        if let Ok(s) = std::str::from_utf8(&text) {
            let _ = xml::resolvable(s);
            let _ = yaml::load(s);
        }
    }
}

#[test]
fn mmark_names_itself_by_its_series_info_value_over_a_top_level_docname() {
    // mmark v2 has no `docName` in its title block: the table's value is the name
    // (ietf-wg-jose/json-web-proof writes both).
    let both = "%%%\ntitle = \"T\"\ndocname = \"draft-ietf-jose-x\"\n\n[seriesInfo]\nname = \"Internet-Draft\"\nvalue = \"draft-ietf-jose-x-latest\"\n%%%\n";
    let head = scan(both.as_bytes(), SourceKind::Mmark);
    assert_eq!(
        head.docname,
        Some(Located {
            value: "draft-ietf-jose-x-latest".to_owned(),
            line: 7
        })
    );
    // Without the table, the top-level key is the name (mmark v1 and the first v2 releases).
    let top = "%%%\ntitle = \"T\"\ndocName = \"draft-doe-x-03\"\n%%%\n";
    let head = scan(top.as_bytes(), SourceKind::Mmark);
    assert_eq!(
        head.docname.map(|d| (d.value, d.line)),
        Some(("draft-doe-x-03".to_owned(), 3))
    );
    // A rename keeps the top-level key in step, with or without the revision.
    let renamed = rename(
        both,
        SourceKind::Mmark,
        "draft-ietf-jose-x-latest",
        "draft-ietf-jose-y-latest",
    )
    .unwrap();
    assert!(
        renamed.contains("docname = \"draft-ietf-jose-y\"\n"),
        "{renamed}"
    );
    assert!(
        renamed.contains("value = \"draft-ietf-jose-y-latest\"\n"),
        "{renamed}"
    );
    let other = both.replace(
        "docname = \"draft-ietf-jose-x\"",
        "docname = \"something-else\"",
    );
    let renamed = rename(
        &other,
        SourceKind::Mmark,
        "draft-ietf-jose-x-latest",
        "draft-ietf-jose-y-latest",
    )
    .unwrap();
    assert!(
        renamed.contains("docname = \"something-else\"\n"),
        "{renamed}"
    );
}
