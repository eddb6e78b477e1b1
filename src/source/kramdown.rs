//! kramdown-rfc's own syntax in a draft's body, as kramdown-rfc itself reads it
//! (`lib/kramdown-rfc/command.rb` and `lib/kramdown-rfc2629.rb` of cabo/kramdown-rfc), for
//! [`super::Document`] and [`super::facts`]: the division lines it splits a source at before
//! Markdown sees it, the setext headings of kramdown under them, and its citations.
//!
//! Every function here looks at one line, or a line and the one before it: reading a body is
//! linear in its length.

/// What a line starting with `---` is to kramdown-rfc, which splits the source at these lines
/// (`RE_SECTION`) before kramdown reads any Markdown: `--- NAME` (a word and an optional `-`)
/// opens the division NAME (`abstract`, `middle`, `back`, `note_…`), a bare `---` returns to
/// the division before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Division<'l> {
    /// `--- NAME`.
    Open(&'l str),
    /// `---`.
    Close,
}

/// The division line `line` is, if it is one. A table's rule (`------|------`, `----  ----`)
/// or a setext underline (`----`) starts with `---` and is Markdown, not a division.
pub(crate) fn division(line: &str) -> Option<Division<'_>> {
    let rest = line.strip_prefix("---")?.trim_end_matches(' ');
    if rest.is_empty() {
        return Some(Division::Close);
    }
    let name = rest.trim_start_matches(' ');
    if name.len() == rest.len() {
        return None;
    }
    let word = name.strip_suffix('-').unwrap_or(name);
    let is_word = !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    is_word.then_some(Division::Open(word))
}

/// The division each line of a body is in, as [`division`] lines open and close them.
#[derive(Debug, Default)]
pub(crate) struct Divisions<'l> {
    open: Vec<&'l str>,
}

impl<'l> Divisions<'l> {
    /// Read one line; `true` when it is a division line (which is not Markdown).
    pub(crate) fn line(&mut self, line: &'l str) -> bool {
        match division(line) {
            Some(Division::Open(name)) => {
                self.open.push(name);
                true
            }
            Some(Division::Close) => {
                self.open.pop();
                true
            }
            None => false,
        }
    }

    /// The division the lines read now are in (`""` before any).
    pub(crate) fn current(&self) -> &'l str {
        self.open.last().copied().unwrap_or_default()
    }
}

/// The level of a setext heading whose underline `line` would be: a line of `=` (1) or of `-`
/// (2), with trailing blanks (kramdown's `SETEXT_HEADER_START`).
pub(crate) fn setext_underline(line: &str) -> Option<usize> {
    let t = line.trim_end();
    let first = *t.as_bytes().first()?;
    let level = match first {
        b'=' => 1,
        b'-' => 2,
        _ => return None,
    };
    t.bytes().all(|b| b == first).then_some(level)
}

/// Whether `line`, at the start of a block and followed by a setext underline, is a heading's
/// text: indented less than four spaces (more is code) and not some other block's first line
/// (an ATX heading, a table row, a list item, a quote, an attribute list, HTML, a fence).
pub(crate) fn setext_text(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    if t.trim().is_empty() || line.len() - t.len() > 3 {
        return false;
    }
    let list_item = ["* ", "- ", "+ ", ": "].iter().any(|m| t.starts_with(m))
        || t.split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let other_block = ['#', '|', '>', '{', '<', '~', '`', '\t']
        .iter()
        .any(|c| t.starts_with(*c));
    !list_item && !other_block && setext_underline(t).is_none()
}

/// A kramdown-rfc citation, `{{…}}`, as kramdown-rfc reads it (its `XREF_START` and the
/// alias and definition pass in `command.rb`): `{{RFC9000}}`, `{{!RFC2119}}` and `{{?X}}`
/// (listed as a normative or informative reference), `{{-alias}}` and `{{!-alias}}` (an
/// alias the front matter's references give), `{{!NAME=RFC1234}}` (NAME defined here as that
/// reference), `{{Section 3 of X}}`, `{{X, Section 3}}`, `{{X (Section 3)}}`, `{{<<X}}`,
/// `{{3.2<X}}`, `{{RFC8446@X}}` (X cited, RFC 8446 named).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Citation<'t> {
    /// The anchor cited, as written: the alias itself when [`Citation::alias`].
    pub(crate) target: &'t str,
    /// `{{-alias}}`: the target is an alias from the front matter.
    pub(crate) alias: bool,
    /// `{{!…}}`, `{{?…}}`: kramdown-rfc lists the target as a normative or informative
    /// reference.
    pub(crate) listed: bool,
    /// `{{!NAME=RFC1234}}`: the citation defines its target too.
    pub(crate) defines: bool,
}

/// The citations on a line. `{{{Name}}}` and `{{{Name}{ASCII}}}` are contacts (kramdown-rfc's
/// `<contact>`), `{{&entity}}` an entity, and `{{X=Y}}` without `!`, `?` or `-` is none of
/// kramdown-rfc's forms: none of them is a citation. A citation broken over two lines is not
/// seen.
pub(crate) fn citations(line: &str) -> Vec<Citation<'_>> {
    let mut out = Vec::new();
    let mut rest = line;
    // Once no `}}}` is left, no later contact ends either: not looking again keeps a line of
    // `{{{` linear.
    let mut contacts_end = true;
    while let Some(at) = rest.find("{{") {
        let after = &rest[at + 2..];
        if let Some(contact) = after.strip_prefix('{') {
            let end = contacts_end.then(|| contact.find("}}}")).flatten();
            contacts_end = end.is_some();
            rest = end.map_or(contact, |end| &contact[end + 3..]);
            continue;
        }
        // kramdown-rfc ends a citation at its first `}`.
        let Some(end) = after.find('}') else {
            break;
        };
        out.extend(citation(&after[..end]));
        rest = &after[end + 1..];
    }
    out
}

/// One citation's text, between the braces.
fn citation(inner: &str) -> Option<Citation<'_>> {
    let mut t = inner.trim();
    if t.starts_with('&') {
        return None;
    }
    if t.starts_with("Section") || t.starts_with("Appendix") || t.starts_with("Appendices") {
        if let Some((_, target)) = t.split_once(" of ") {
            t = target.trim_start();
        }
    }
    if let Some((_, target)) = t.rsplit_once('<') {
        t = target;
    }
    if let Some((_, target)) = t.split_once('@') {
        t = target;
    }
    let (listed, t) = t.strip_prefix(['!', '?']).map_or((false, t), |r| (true, r));
    let (alias, t) = t.strip_prefix('-').map_or((false, t), |r| (true, r));
    let end = t
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | '=' | '('))
        .unwrap_or(t.len());
    let (target, rest) = t.split_at(end);
    let defines = rest.starts_with('=');
    if target.is_empty() || (defines && !listed && !alias) {
        return None;
    }
    Some(Citation {
        target,
        alias,
        listed,
        defines,
    })
}

/// The reference names in square brackets on a line, `[RFC2119]` or `[text][RFC2119]`, which
/// kramdown-rfc makes citations of the references the front matter lists (a link definition
/// each: "allow [RFC2119] in addition to {{RFC2119}}"), and the anchors of links within the
/// document, `[HTML](#W3C.REC-html52-20171214)` (an `<xref>` to that anchor). Other inline links
/// (`[text](url)`), link definitions (`[x]: url`) and bracketed words with spaces are not.
pub(crate) fn bracketed(line: &str) -> impl Iterator<Item = &str> {
    let names = line.split('[').skip(1).filter_map(|piece| {
        let (inner, after) = piece.split_once(']')?;
        let plain = !inner.is_empty() && !inner.contains(char::is_whitespace);
        let inline_or_definition = after.starts_with(['(', '[', ':']);
        (plain && !inline_or_definition).then_some(inner)
    });
    // A link's text may begin on an earlier line (`[including its control` /
    // `extensions](#RFC9165)`): its anchor is read where the link ends.
    let anchors = line.split("](#").skip(1).filter_map(|piece| {
        let anchor = piece.split_once(')')?.0;
        (!anchor.is_empty() && !anchor.contains(char::is_whitespace)).then_some(anchor)
    });
    names.chain(anchors)
}

/// The start of a citation a line leaves open (`{{Section 4.1 of` at its end), for the next
/// line: kramdown-rfc reads a citation across one line break. `None` when every `{{` on the
/// line is closed, or what is open is too long to be a citation.
pub(crate) fn open_citation(line: &str) -> Option<&str> {
    let at = line.rfind("{{")?;
    let open = &line[at..];
    // `{{{Name` is a contact left open, not a citation.
    let contact = line[..at].ends_with('{');
    (!open.contains('}') && !contact && open.len() <= 200).then_some(open)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn division_lines_are_what_kramdown_rfc_splits_at() {
        assert_eq!(division("--- middle"), Some(Division::Open("middle")));
        assert_eq!(division("---  back  "), Some(Division::Open("back")));
        assert_eq!(
            division("--- note_Note_to_Readers"),
            Some(Division::Open("note_Note_to_Readers"))
        );
        assert_eq!(division("--- back-"), Some(Division::Open("back")));
        assert_eq!(division("---"), Some(Division::Close));
        assert_eq!(division("---   "), Some(Division::Close));
        for markdown in [
            "----",
            "------------------------------------",
            "-----------------------------|-------------------|-----------------",
            "------                                                ------",
            "---|---",
            "--- two words",
            "-- middle",
            " --- middle",
        ] {
            assert_eq!(division(markdown), None, "{markdown}");
        }
    }

    #[test]
    fn a_bare_division_line_returns_to_the_division_before() {
        let mut d = Divisions::default();
        assert!(d.line("--- middle"));
        assert!(d.line("--- back"));
        assert_eq!(d.current(), "back");
        assert!(!d.line("-----|-----"));
        assert_eq!(d.current(), "back");
        assert!(d.line("---"));
        assert_eq!(d.current(), "middle");
        assert!(d.line("---"));
        assert!(d.line("---"));
        assert_eq!(d.current(), "");
    }

    #[test]
    fn setext_headings_are_a_text_line_and_an_underline() {
        assert_eq!(setext_underline("============"), Some(1));
        assert_eq!(setext_underline("----   "), Some(2));
        assert_eq!(setext_underline("-"), Some(2));
        assert_eq!(setext_underline("==-"), None);
        assert_eq!(setext_underline("---|---"), None);
        assert_eq!(setext_underline(""), None);
        assert!(setext_text("IANA Considerations"));
        assert!(setext_text("Introduction        {#intro}"));
        assert!(setext_text("   Three spaces"));
        for not in [
            "",
            "    code",
            "# ATX",
            "| a | b |",
            "* item",
            "- item",
            "1. item",
            "{: #x}",
            "~~~",
            "====",
        ] {
            assert!(!setext_text(not), "{not}");
        }
    }

    #[test]
    fn citations_are_read_as_kramdown_rfc_reads_them() {
        fn one(s: &str) -> Citation<'_> {
            let c = citations(s);
            assert_eq!(c.len(), 1, "{s}: {c:?}");
            c[0]
        }
        let plain = |target| Citation {
            target,
            alias: false,
            listed: false,
            defines: false,
        };
        assert_eq!(one("{{RFC9000}}"), plain("RFC9000"));
        assert_eq!(one("see {{Section 3 of RFC9000}}."), plain("RFC9000"));
        assert_eq!(one("{{Sections 2 and 3 of RFC9000}}"), plain("RFC9000"));
        assert_eq!(one("{{RFC9000, Section 3}}"), plain("RFC9000"));
        assert_eq!(one("{{RFC9000 (Section 3)}}"), plain("RFC9000"));
        assert_eq!(one("{{<<intro}}"), plain("intro"));
        assert_eq!(one("{{3.2<RFC9000}}"), plain("RFC9000"));
        assert_eq!(
            one("{{RFC8446@I-D.ietf-tls-rfc8446bis}}"),
            plain("I-D.ietf-tls-rfc8446bis")
        );
        assert_eq!(
            one("{{!RFC2119}}"),
            Citation {
                listed: true,
                ..plain("RFC2119")
            }
        );
        assert_eq!(
            one("{{-orig}}"),
            Citation {
                alias: true,
                ..plain("orig")
            }
        );
        assert_eq!(
            one("{{?-tls}}"),
            Citation {
                alias: true,
                listed: true,
                ..plain("tls")
            }
        );
        let defined = Citation {
            listed: true,
            defines: true,
            ..plain("OVERVIEW")
        };
        assert_eq!(one("{{!OVERVIEW=I-D.ietf-webtrans-overview}}"), defined);
        assert_eq!(
            one("{{Section 9.3.6 of !HTTP=RFC9110}}"),
            Citation {
                target: "HTTP",
                ..defined
            }
        );
        assert_eq!(
            one("{{!CCM-ANALYSIS=DOI.10.1007/3-540-36492-7_7}}"),
            Citation {
                target: "CCM-ANALYSIS",
                ..defined
            }
        );
        for none in [
            "{{{Mihir Bellare}}}",
            "{{{Jérôme Govinda}{Jerome Govinda}}}",
            "{{&SELF}}",
            "{{NAME=DOI.10.1/x}}",
            "{{}}",
            "{{RFC9000",
        ] {
            assert_eq!(citations(none), [], "{none}");
        }
        assert_eq!(
            citations("{{{Mihir Bellare}}} and {{RFC8446}} {{-tls}}").len(),
            2
        );
    }

    #[test]
    fn a_hostile_line_is_read_in_linear_time() {
        for unit in ["{{{", "{{{a}}", "{{", "[[", "{{Section  of ", "](#"] {
            let line = unit.repeat(1 << 20);
            let start = std::time::Instant::now();
            let _ = citations(&line);
            let _ = bracketed(&line).count();
            assert!(
                start.elapsed() < std::time::Duration::from_secs(5),
                "{unit}"
            );
        }
    }

    #[test]
    fn bracketed_names_are_reference_links() {
        let found: Vec<&str> = bracketed(
            "[OMAP] and [the spec][RFC6749], [a link](https://x), [two words], [x]: y, [NIST800-63].",
        )
        .collect();
        assert_eq!(found, ["OMAP", "RFC6749", "NIST800-63"]);
        let links: Vec<&str> =
            bracketed("[HTML](#W3C.REC-html52) or [a header](#RFC8288), [x](#), [y](#a b)")
                .collect();
        assert_eq!(links, ["W3C.REC-html52", "RFC8288"]);
        let ends: Vec<&str> = bracketed("extensions](#RFC9165).").collect();
        assert_eq!(ends, ["RFC9165"]);
    }

    #[test]
    fn a_citation_left_open_is_carried_to_the_next_line() {
        assert_eq!(
            open_citation("the ToASCII procedure ({{Section 4.1 of"),
            Some("{{Section 4.1 of")
        );
        assert_eq!(open_citation("{{RFC9000}} and {{-a}}"), None);
        assert_eq!(open_citation("a contact {{{Jane"), None);
        assert_eq!(open_citation(&format!("{{{{{}", "x".repeat(300))), None);
        let joined = format!(
            "{} {}",
            open_citation("see ({{Section 4.1 of").unwrap(),
            "-toascii}})."
        );
        assert_eq!(citations(&joined)[0].target, "toascii");
    }
}
