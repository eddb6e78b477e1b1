//! `check --submission` on kramdown-rfc drafts as their authors write them: excerpts of real
//! repositories (quicwg/multipath, tlswg/dtls13-spec, cbor-wg/cbor-packed, ietf-wg-webtrans,
//! cfrg/draft-irtf-cfrg-aead-limits, oauth-wg/oauth-v2-1), each healthy one passing the gate,
//! and the same draft with the fault in it still caught.

use std::path::Path;

use super::{codes, gate};

/// A kramdown-rfc front matter in the style of quicwg/multipath (no `v: 3`, `date:` empty),
/// with `authors` and `refs` (YAML, each line indented as under `author:` and at the top
/// level), then `body` from `--- abstract` on.
fn draft(authors: &str, refs: &str, body: &str) -> String {
    format!(
        "---\ntitle: Managing multiple paths for a QUIC connection\nabbrev: Multiple Paths for QUIC\n\
         docname: draft-liu-quic-multipath-latest\ndate:\ncategory: std\nstream: IETF\n\n\
         ipr: trust200902\narea: Transport\nworkgroup: QUIC Working Group\n\n\
         author:\n{authors}\n{refs}\n--- abstract\n\n\
         This specification defines an extension to the QUIC transport protocol that\n\
         enables the simultaneous usage of multiple paths for a single connection.\n\n\
         --- middle\n\n{body}"
    )
}

/// One author written the usual way.
const AUTHOR: &str = "-\n   ins: Q. De Coninck\n   name: Quentin De Coninck\n   org: University of Mons (UMONS)\n   email: quentin.deconinck@umons.ac.be\n";

/// The two sections every draft needs, with text.
const CONSIDERATIONS: &str = "# Security Considerations\n\nThe same as QUIC's.\n\n# IANA Considerations\n\nThis document has no IANA actions.\n";

/// `text` written as `draft-liu-quic-multipath.md` in a new directory, and the gate's
/// findings on it.
fn judged(text: &str) -> (i32, Vec<(String, Option<u64>)>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft-liu-quic-multipath.md");
    std::fs::write(&path, text).unwrap();
    gate(dir.path(), Path::new(&path))
}

// quicwg/multipath: tables whose rule starts with `---` (`------|------`), and the Security
// and IANA Considerations after 64 KiB. kramdown-rfc splits the source only at `--- NAME` and
// `---` lines; a table's rule is Markdown, and the sections after it are the draft's.
#[test]
fn sections_after_a_table_rule_and_past_64_kib_are_found() {
    let table = "| Value | Frame Type Name | Specification |\n\
                 -----------------------------|-------------------|-----------------\n\
                 | TBD-00 | PATH_ABANDON | {{path-abandon-frame}} |\n\n\
                 Value                                          | Parameter Name\n\
                 ------                                         ------\n\
                 0x0f739bbc1b666d05                             | initial_max_path_id\n\n";
    let paragraph = "A path is identified by its path identifier, and packets on it use the keys of the connection.\n\n";
    let filler = paragraph.repeat(800);
    assert!(filler.len() > 70 * 1024);
    let body = format!(
        "# Path Abandon Frame {{#path-abandon-frame}}\n\nA frame.\n\n{table}{filler}{CONSIDERATIONS}"
    );
    let healthy = draft(AUTHOR, "", &body);
    let (code, found) = judged(&healthy);
    assert_eq!((code, found), (0, vec![]));

    let without = healthy.replace("# Security Considerations", "# Threats");
    let (code, found) = judged(&without);
    assert_eq!(code, 1);
    assert_eq!(codes(&found), ["submit/no-security"]);
}

// cbor-wg/cbor-packed: setext headings (a title underlined with `===`, or `---` for a second
// level), attributes and all. A bare `---` is kramdown-rfc's division line even under a text
// line, so it makes no heading.
#[test]
fn setext_headings_are_sections() {
    let body = "Introduction        {#intro}\n============\n\n\
                Packed CBOR is a way to compress CBOR; {{terms}} says the words.\n\n\
                Terminology         {#terms}\n------------\n\n\
                A packed item stands for the item it references.\n\n\
                IANA Considerations\n============\n\nThis document has no IANA actions.\n\n\
                Security Considerations\n============\n\nThe same as CBOR's.\n";
    let healthy = draft(AUTHOR, "", body);
    let (code, found) = judged(&healthy);
    assert_eq!((code, found), (0, vec![]));

    let without = healthy.replace("IANA Considerations\n", "Registries\n");
    let (code, found) = judged(&without);
    assert_eq!((code, codes(&found)), (1, vec!["submit/no-iana"]));

    // An underlined title with nothing under it is an empty section, on its title's line.
    let empty = format!("{healthy}\nAcknowledgements\n================\n");
    let (code, found) = judged(&empty);
    let line = empty
        .lines()
        .position(|l| l.starts_with("Acknowledgements"))
        .unwrap() as u64
        + 1;
    assert_eq!(code, 1);
    assert_eq!(found, [("submit/empty-section".to_owned(), Some(line))]);

    // `---` under a paragraph line ends a division in kramdown-rfc: no heading, no section.
    let division = healthy.replace(
        "Security Considerations\n============",
        "Security Considerations\n---",
    );
    let (_, found) = judged(&division);
    assert!(codes(&found).contains(&"submit/no-security"), "{found:?}");
}

/// References in the front matter as cbor-wg/cbor-packed and oauth-wg/oauth-v2-1 write them:
/// aliases (`RFC7049: orig`, `NAME: {-: alias}`) and a reference spelt out.
const REFS: &str = "normative:\n  RFC7049: orig\n  QUIC-TRANSPORT: rfc9000\n  RFC8610:\n    -: cddl\n\n\
                    informative:\n  OMAP:\n    title: \"Online Multimedia Authorization Protocol\"\n    \
                    author:\n      org: Open Authentication Technology Committee (OATC)\n    date: false\n";

// kramdown-rfc's citations (its README, "References"): `{{!NAME=RFC…}}` defines and cites
// (ietf-wg-webtrans, tlswg/dtls13-spec, cfrg/draft-irtf-cfrg-aead-limits), `{{-alias}}` cites
// the reference the front matter gives that alias (cbor-wg/cbor-packed), `[NAME]` cites a
// listed reference (oauth-wg/oauth-v2-1), and `{{{Name}}}` names a person, citing nothing
// (aead-limits's acknowledgements).
#[test]
fn kramdown_rfc_citations_define_alias_and_name_people() {
    let body = format!(
        "# Introduction\n\n\
         This document defines a mechanism for WebTransport over HTTP/3, meeting the\n\
         requirements of {{{{!OVERVIEW=I-D.ietf-webtrans-overview}}}}; see\n\
         {{{{Section 1.2 of OVERVIEW}}}} and {{{{Section 3 of !HTTP=RFC9110}}}}.\n\
         CBOR {{{{-orig}}}} has a CDDL {{{{-cddl}}}} over QUIC {{{{QUIC-TRANSPORT}}}}; compare [OMAP].\n\n\
         The integrity bound of CCM {{{{!CCM-ANALYSIS=DOI.10.1007/3-540-36492-7_7}}}} is in\n\
         {{{{Section 2 of CCM-ANALYSIS}}}}.\n\n\
         {CONSIDERATIONS}\n\
         # Acknowledgments\n\n\
         The authors thank {{{{{{Mihir Bellare}}}}}} and {{{{{{Jérôme Govinda}}{{Jerome Govinda}}}}}}.\n"
    );
    let healthy = draft(AUTHOR, REFS, &body);
    let (code, found) = judged(&healthy);
    assert_eq!((code, found), (0, vec![]));

    // What kramdown-rfc cannot resolve is still caught: an alias nobody gives, a name nothing
    // defines, and a reference nothing cites.
    let broken = healthy
        .replace("{{-orig}}", "{{-original}}")
        .replace(
            "{{Section 2 of CCM-ANALYSIS}}",
            "{{Section 2 of GCM-ANALYSIS}}",
        )
        .replace("compare [OMAP].", "compare OMAP.");
    let (code, found) = judged(&broken);
    let line =
        |needle: &str| Some(broken.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1);
    assert_eq!(code, 1);
    let mut found = found;
    found.sort();
    assert_eq!(
        found,
        [
            (
                "submit/undefined-citation".to_owned(),
                line("{{-original}}")
            ),
            ("submit/undefined-citation".to_owned(), line("GCM-ANALYSIS")),
            ("submit/unused-reference".to_owned(), line("RFC7049: orig")),
            ("submit/unused-reference".to_owned(), line("  OMAP:")),
        ]
    );
}

// core-wg/href: a citation broken over a line (`{{Section 4.1 of` / `-toascii}}`), which
// kramdown-rfc reads across one line break, and a Markdown link to a reference's anchor
// (`[HTML](#W3C.REC-html52-20171214)`, an `<xref>`) cite their references.
#[test]
fn citations_across_a_line_break_and_anchor_links_cite() {
    let refs =
        "informative:\n  RFC3490: toascii\n  RFC8288: web-linking\n  W3C.REC-html52-20171214:\n\n";
    let body = format!(
        "# Introduction\n\n\
         Links appear in hypertext formats such as [HTML](#W3C.REC-html52-20171214)\n\
         or the [HTTP \"Link\" header field](#RFC8288). A shortcut to the ToASCII procedure\n\
         ({{{{Section 4.1 of\n-toascii}}}}) is outside the scope.\n\n{CONSIDERATIONS}"
    );
    let healthy = draft(AUTHOR, refs, &body);
    assert_eq!(judged(&healthy), (0, vec![]));
    // Unbroken, the same reference is still uncited; a citation does not run past its
    // paragraph.
    let broken = healthy.replace("Section 4.1 of\n-toascii}}", "Section 4.1 of\n\n-toascii}}");
    let (code, found) = judged(&broken);
    assert_eq!(code, 0, "{found:?}");
    let line = broken
        .lines()
        .position(|l| l.contains("RFC3490: toascii"))
        .unwrap() as u64
        + 1;
    assert_eq!(found, [("submit/unused-reference".to_owned(), Some(line))]);
}

// oauth-wg/oauth-v2-1: `{::boilerplate bcp14-tagged}` writes BCP 14's text citing RFC 2119 and
// RFC 8174, so those listed in the front matter are cited.
#[test]
fn the_bcp14_boilerplate_cites_rfc_2119_and_rfc_8174() {
    let refs = "normative:\n  RFC2119:\n  RFC8174:\n";
    let body = format!(
        "# Conventions and Definitions\n\n{{::boilerplate bcp14-tagged}}\n\n\
         # Path Identifier\n\nAn endpoint MUST NOT reuse a path identifier.\n\n{CONSIDERATIONS}"
    );
    let healthy = draft(AUTHOR, refs, &body);
    let (code, found) = judged(&healthy);
    assert_eq!((code, found), (0, vec![]));

    // ietf-wg-webtrans writes the boilerplate out, as "keywords".
    let written = healthy.replace(
        "{::boilerplate bcp14-tagged}",
        "The keywords \"MUST\", \"MUST NOT\", \"REQUIRED\", \"SHALL\", \"SHALL NOT\", \"SHOULD\",\n\
         \"SHOULD NOT\", \"RECOMMENDED\", \"NOT RECOMMENDED\", \"MAY\", and \"OPTIONAL\" in this\n\
         document are to be interpreted as described in BCP 14 {{!RFC2119}} {{!RFC8174}}\n\
         when, and only when, they appear in all capitals, as shown here.",
    );
    let (code, found) = judged(&written);
    assert_eq!((code, found), (0, vec![]));

    let (code, found) = judged(&healthy.replace("{::boilerplate bcp14-tagged}", "Words."));
    assert_eq!(code, 1);
    assert_eq!(
        codes(&found),
        [
            "submit/unused-reference",
            "submit/unused-reference",
            "submit/bcp14-boilerplate"
        ]
    );
}

// quicwg/multipath: names outside ASCII, written as kramdown-rfc takes them: `fullname:` a map
// of the name (`:`) and its ASCII form, or `name:` beside `ascii:`; and an author known by
// initials and surname (`ins:`), which xml2rfc takes as the name.
#[test]
fn authors_named_as_kramdown_rfc_takes_them_have_full_names() {
    let authors = "-\n  fullname:\n      :: \"刘彦梅\"\n      ascii: \"Yanmei Liu\"\n  role: editor\n  \
                   org: Alibaba Inc.\n  email: miaoji.lym@alibaba-inc.com\n\
                   -\n   name: 马云飞\n   ascii: Yunfei Ma\n   org: Uber Technologies Inc.\n   email: yunfei.ma@uber.com\n\
                   -\n   ins: O. Bonaventure\n   org: UCLouvain and WELRI\n   email: olivier.bonaventure@uclouvain.be\n";
    let healthy = draft(authors, "", CONSIDERATIONS);
    let (code, found) = judged(&healthy);
    assert_eq!((code, found), (0, vec![]));

    // An author with no name at all is still one.
    let nameless = healthy.replace("   ins: O. Bonaventure\n", "");
    let (code, found) = judged(&nameless);
    assert_eq!((code, codes(&found)), (1, vec!["submit/author-name"]));
}

// mnot's ietf-decisions cites `{{Section 6.5 of RFC2026}}` with RFC 2026 in no list. kramdown-rfc
// makes no reference of it ("no entry is generated by default in the references section", its
// README), and xml2rfc refuses the `<xref>` to nothing; `{{?RFC9111}}` anywhere lists it.
#[test]
fn a_citation_of_a_reference_nothing_lists_is_undefined() {
    let body = format!(
        "# Introduction\n\nProcess is in {{{{Section 6.5 of RFC2026}}}}; caching in {{{{RFC9111}}}},\n\
         listed further on as {{{{?RFC9111}}}}.\n\n{CONSIDERATIONS}"
    );
    let text = draft(AUTHOR, "", &body);
    let (code, found) = judged(&text);
    let line = text.lines().position(|l| l.contains("RFC2026")).unwrap() as u64 + 1;
    assert_eq!(
        (code, found),
        (
            1,
            vec![("submit/undefined-citation".to_owned(), Some(line))]
        )
    );
}
