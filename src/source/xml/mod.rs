//! The head of an RFCXML source, read by hand over bytes: the prolog (with the internal DTD
//! subset's entity declarations), the root element's attributes, and the document's own
//! `<front>` up to `</front>`.
//!
//! Why by hand and not with roxmltree: `check` reads ten thousand heads, most of them cut at
//! [`super::HEAD_BYTES`], where a whole-document parser gives up; and this reader must keep
//! going where a real document has something roxmltree refuses (an external entity, a
//! `<!DOCTYPE rfc SYSTEM "rfc2629.dtd">` with `&rfc2119;` references).
//!
//! What it gets right that a search for `seriesInfo` does not:
//! - only the `<front>` that is the root's first child is the document's own; the `<front>` of
//!   every `<reference>` in `<back>` names *other* documents;
//! - internal general entities (`<!ENTITY ID-VERSION "05">`) are expanded in attribute values,
//!   within a budget ([`EXPANSION_BUDGET`], [`MAX_REFERENCES`], [`MAX_DEPTH`]): a billion-laughs
//!   prolog (of text, or of entities that expand to nothing) costs at most the budget, and an
//!   over-budget value is reported, never expanded; external entities (`SYSTEM`, `PUBLIC`) are
//!   never fetched, and a name that depends on one says so.
//!
//! Every loop here moves forward through the input: linear time in the head's size.

use std::borrow::Cow;
use std::collections::HashMap;

use memchr::{memchr, memmem};

use super::Located;

mod dtd;
mod tag;

use dtd::{Entities, prolog};
pub(crate) use dtd::{external_entities, resolvable};
use tag::{Tag, value_text};
pub(crate) use tag::{find_tag, tag_end};

/// At most this many bytes of text come out of expanding one attribute value's entities.
pub const EXPANSION_BUDGET: usize = 4096;
/// Entities within entities: deeper than this is refused (as libxml2 refuses depth 40).
pub const MAX_DEPTH: usize = 16;
/// At most this many references to internal entities are expanded in one attribute value
/// (entities that expand to nothing cost no bytes of [`EXPANSION_BUDGET`]).
pub const MAX_REFERENCES: usize = 4096;
/// At most this many entity declarations are kept from a prolog.
const MAX_ENTITIES: usize = 10_000;

/// An entity declared in the internal DTD subset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Entity {
    /// `<!ENTITY name "value">`: its replacement text.
    Internal(String),
    /// `<!ENTITY name SYSTEM "uri">`: defined elsewhere; never fetched.
    External,
}

/// What the head of an RFCXML file says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct XmlHead {
    /// The root element's name (`rfc` for a draft), when there is a root.
    pub root: Option<Cow<'static, str>>,
    /// `docName` of `<rfc>`.
    pub doc_name: Option<Located>,
    /// `number` of `<rfc>`: an RFC's source, not a draft's.
    pub number: Option<Located>,
    /// `<seriesInfo name="Internet-Draft" value=…>` in the document's own `<front>`.
    pub series_info: Option<Located>,
    /// `<seriesInfo name="RFC" value=…>` in the document's own `<front>`.
    pub series_rfc: Option<Located>,
    /// `<date>` in the document's own `<front>`: the last day its year, month and day can
    /// mean ([`super::date_of`]), when its year is one.
    pub date: Option<chrono::NaiveDate>,
    /// An entity that a name above depends on and that could not be expanded, with why.
    pub unresolved: Option<String>,
    /// Everything above was read before the end of what it depends on (the own `</front`,
    /// or the name of a root that is not `<rfc>`): a longer head of the same file says the
    /// same.
    pub complete: bool,
}

/// What is sought in every head: a searcher for each, built once (building one costs more than
/// a search through a draft's `<front>`).
const SOUGHT: [&[u8]; 9] = [
    b"<?",
    b"<!",
    b"-->",
    b"]]>",
    b"?>",
    b"</front",
    b"<front",
    b"<seriesInfo",
    b"<date",
];
static FINDERS: std::sync::LazyLock<[memmem::Finder<'static>; 9]> =
    std::sync::LazyLock::new(|| SOUGHT.map(memmem::Finder::new));

/// `memmem::find`, with a searcher built once for what [`SOUGHT`] holds.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    match SOUGHT.iter().position(|s| *s == needle) {
        Some(i) => FINDERS[i].find(haystack),
        None => memmem::find(haystack, needle),
    }
}

/// Read the head of an RFCXML document.
pub fn scan(text: &[u8]) -> XmlHead {
    let mut head = XmlHead::default();
    let Some(root) = prolog(text, None) else {
        return head;
    };
    // The entities are read from the prolog again only when a value refers to one.
    let entities = Entities::new(text);
    let end = tag_end(text, root);
    let name_len = text[root + 1..end]
        .iter()
        .take_while(|b| !b.is_ascii_whitespace() && **b != b'/' && **b != b'>')
        .count();
    let root_name = &text[root + 1..root + 1 + name_len];
    let is_rfc = root_name == b"rfc";
    head.root = Some(if is_rfc {
        Cow::Borrowed("rfc")
    } else {
        Cow::Owned(String::from_utf8_lossy(root_name).into_owned())
    });
    if !is_rfc {
        // The root's name is all there is to say; a longer head says the same once the
        // name has ended.
        head.complete = root + 1 + name_len < text.len();
        return head;
    }
    let tag = Tag::new(text, root, end);
    let [doc_name, number] = tag.attributes_named([b"docName", b"number"]);
    head.doc_name = tag.located(doc_name, &entities, &mut head.unresolved);
    head.number = tag.located(number, &entities, &mut head.unresolved);

    // The document's own <front>: the first element after <rfc …> (v2 and v3 both put it
    // first), read up to its `</front>`; never a <front> inside <reference>.
    let Some(front) = find_tag(text, b"front", end) else {
        return head;
    };
    let Some(front_end) = find(&text[front..], b"</front").map(|i| front + i) else {
        return scan_front(text, front, text.len(), &entities, head);
    };
    // Everything read lies before the own `</front`: a longer head says the same.
    head.complete = true;
    scan_front(text, front, front_end, &entities, head)
}

/// The own `<front>`'s `seriesInfo` and `date`, read in `text[..front_end]`.
fn scan_front(
    text: &[u8],
    front: usize,
    front_end: usize,
    entities: &Entities<'_>,
    mut head: XmlHead,
) -> XmlHead {
    let body = &text[..front_end];
    let mut from = tag_end(text, front);
    while let Some(at) = find_tag(body, b"seriesInfo", from) {
        let end = tag_end(body, at);
        let tag = Tag::new(body, at, end);
        let [name, value] = tag.attributes_named([b"name", b"value"]);
        match value_text(name, entities).as_deref() {
            Some("Internet-Draft") if head.series_info.is_none() => {
                head.series_info = tag.located(value, entities, &mut head.unresolved);
            }
            Some("RFC") if head.series_rfc.is_none() => {
                head.series_rfc = tag.located(value, entities, &mut head.unresolved);
            }
            _ => {}
        }
        from = end;
    }
    if let Some(at) = find_tag(body, b"date", tag_end(text, front)) {
        let tag = Tag::new(body, at, tag_end(body, at));
        let get = |found| value_text(found, entities).unwrap_or_default();
        let [year, month, day] = tag.attributes_named([b"year", b"month", b"day"]);
        head.date = super::date_of(&get(year), &get(month), &get(day));
    }
    head
}

/// The value of attribute `name` on the root element, entities expanded (for the commands
/// that read one attribute of a whole document, like `adopt` reading `category`).
pub(crate) fn root_attribute(text: &[u8], name: &[u8]) -> Option<String> {
    let root = prolog(text, None)?;
    let tag = Tag::new(text, root, tag_end(text, root));
    tag.value(name, &Entities::new(text), &mut None)
        .map(|l| l.value)
}

/// Where the document's own name is written: the `docName` value and the own `<front>`'s
/// `<seriesInfo name="Internet-Draft">` value, as byte ranges of their raw text, and the value
/// ranges of the internal entities, for a name that takes its revision from one
/// (`docName="draft-x-&ID-VERSION;"`).
#[derive(Debug, Default)]
pub struct NameSpans {
    /// The raw `docName` value.
    pub doc_name: Option<std::ops::Range<usize>>,
    /// The raw `seriesInfo` value.
    pub series_info: Option<std::ops::Range<usize>>,
    /// Internal entity name → the range of its value in the prolog.
    pub entities: HashMap<String, std::ops::Range<usize>>,
}

/// [`NameSpans`] of an RFCXML document.
pub fn name_spans(text: &[u8]) -> NameSpans {
    let mut spans = NameSpans::default();
    let Some(root) = prolog(text, None) else {
        return spans;
    };
    // The entity values' ranges, read again from the prolog: a declaration is
    // `<!ENTITY name "value">` (parameter entities aside).
    let mut i = 0;
    while let Some(off) = memmem::find(&text[i..root], b"<!ENTITY") {
        let at = i + off + 8;
        i = at;
        let rest = &text[at..root];
        let name_start = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
        if rest.get(name_start) == Some(&b'%') {
            continue;
        }
        let name_len = rest[name_start..]
            .iter()
            .take_while(|b| !b.is_ascii_whitespace() && **b != b'"' && **b != b'\'')
            .count();
        let name = String::from_utf8_lossy(&rest[name_start..name_start + name_len]).into_owned();
        let after = name_start + name_len;
        let q_at = after
            + rest[after..]
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
        let Some(&q) = rest.get(q_at).filter(|q| **q == b'"' || **q == b'\'') else {
            continue;
        };
        if let Some(len) = memchr(q, &rest[q_at + 1..]) {
            let start = at + q_at + 1;
            spans.entities.entry(name).or_insert(start..start + len);
        }
    }
    let end = tag_end(text, root);
    let raw = |tag: &Tag<'_>, name: &[u8]| tag.attribute(name).map(|(v, at)| at..at + v.len());
    let rfc = Tag::new(text, root, end);
    spans.doc_name = raw(&rfc, b"docName");
    if let Some(front) = find_tag(text, b"front", end) {
        let front_end = memmem::find(&text[front..], b"</front").map_or(text.len(), |i| front + i);
        let body = &text[..front_end];
        let mut from = tag_end(text, front);
        while let Some(at) = find_tag(body, b"seriesInfo", from) {
            let tag_end_at = tag_end(body, at);
            let tag = Tag::new(body, at, tag_end_at);
            let is_id = tag
                .attribute(b"name")
                .is_some_and(|(v, _)| v == b"Internet-Draft");
            if is_id {
                spans.series_info = raw(&tag, b"value");
                break;
            }
            from = tag_end_at;
        }
    }
    spans
}

/// The byte range of the document's own `<front>…</front>`.
pub fn front_span(text: &[u8]) -> Option<std::ops::Range<usize>> {
    let root = root(text)?;
    let front = find_tag(text, b"front", tag_end(text, root))?;
    let end = memmem::find(&text[front..], b"</front>").map(|i| front + i + 8)?;
    Some(front..end)
}

/// The byte range of the own `<front>`'s `<date …/>` or `<date …>…</date>` element, and where
/// a missing one goes (after the last `<author>`), outside comments.
pub fn date_span(text: &[u8]) -> Option<Result<std::ops::Range<usize>, usize>> {
    let root = root(text)?;
    let front = find_tag(text, b"front", tag_end(text, root))?;
    let front_end = memmem::find(&text[front..], b"</front").map_or(text.len(), |i| front + i);
    let body = &text[..front_end];
    let start_at = tag_end(text, front);
    if let Some(at) = find_tag(body, b"date", start_at) {
        let end = tag_end(body, at);
        let self_closing = end > 0 && body.get(end - 1) == Some(&b'/');
        let end = if self_closing {
            end + 1
        } else {
            memmem::find(&body[end..], b"</date>").map_or(end + 1, |i| end + i + 7)
        };
        return Some(Ok(at..end.min(body.len())));
    }
    // After the last author: its `</author>`, or a self-closing `<author …/>`.
    let mut after = None;
    let mut from = start_at;
    while let Some(at) = find_tag(body, b"author", from) {
        let end = tag_end(body, at);
        after = Some(if body.get(end.saturating_sub(1)) == Some(&b'/') {
            end + 1
        } else {
            memmem::find(&body[end..], b"</author>").map_or(end + 1, |i| end + i + 9)
        });
        from = end;
    }
    after.map(Err)
}

/// The offset of the root element's `<`, after the prolog.
pub(crate) fn root(text: &[u8]) -> Option<usize> {
    prolog(text, None)
}

/// The byte range of the root element's attribute `name`'s raw value (between its quotes).
pub fn root_attribute_span(text: &[u8], name: &[u8]) -> Option<std::ops::Range<usize>> {
    let root = prolog(text, None)?;
    let tag = Tag::new(text, root, tag_end(text, root));
    tag.attribute(name).map(|(v, at)| at..at + v.len())
}

/// The byte ranges of every `<name …>…</name>` (or `<name/>`) element in `text`, in order,
/// outside comments, CDATA sections and processing instructions: for editing elements that do
/// not nest in themselves (`<workgroup>`, `<area>`, `<note>`). An element whose end tag is
/// missing is left out.
pub fn element_spans(text: &[u8], name: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut close = Vec::with_capacity(name.len() + 2);
    close.extend_from_slice(b"</");
    close.extend_from_slice(name);
    let mut from = 0;
    while let Some(start) = find_tag(text, name, from) {
        let end = tag_end(text, start);
        if end >= text.len() {
            break;
        }
        if text[end - 1] == b'/' {
            spans.push(start..end + 1);
            from = end + 1;
            continue;
        }
        let Some(c) = memmem::find(&text[end..], &close).map(|c| end + c) else {
            break;
        };
        let Some(gt) = memchr(b'>', &text[c..]).map(|g| c + g + 1) else {
            break;
        };
        spans.push(start..gt);
        from = gt;
    }
    spans
}

/// 1-based line of a byte offset.
pub(super) fn line_at(text: &[u8], offset: usize) -> usize {
    memchr::memchr_iter(b'\n', &text[..offset.min(text.len())]).count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_spans_skip_comments_and_cdata() {
        let text = "<front><!-- <note>a</note> --><note title=\"x\">b</note><![CDATA[<note>c</note>]]><note/><notes>d</notes><note>e";
        let spans: Vec<&str> = element_spans(text.as_bytes(), b"note")
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(spans, ["<note title=\"x\">b</note>", "<note/>"]);
        let rfc = "<!-- <rfc submissionType=\"a\"> -->\n<rfc x='1' submissionType=\"IETF\">";
        let value = root_attribute_span(rfc.as_bytes(), b"submissionType").unwrap();
        assert_eq!(&rfc[value], "IETF");
    }

    #[test]
    fn reads_only_the_documents_own_front() {
        let text = br#"<?xml version="1.0"?>
<rfc docName="draft-doe-a-b-01" version="3">
<front><title>T</title>
<seriesInfo name="Internet-Draft" value="draft-doe-a-b-01"/>
<date year="2019" month="July" day="22"/>
</front>
<back><references><reference anchor="x"><front><title>X</title></front>
<seriesInfo name="Internet-Draft" value="draft-other-x-y-16"/></reference></references></back>
</rfc>"#;
        let h = scan(text);
        assert_eq!(h.doc_name.unwrap().value, "draft-doe-a-b-01");
        assert_eq!(h.series_info.unwrap().line, 4);
        assert_eq!(h.date, chrono::NaiveDate::from_ymd_opt(2019, 7, 22));
    }

    #[test]
    fn a_v2_document_has_no_own_series_info() {
        let text = br#"<rfc docName="draft-doe-a-b-01"><front><title>T</title></front>
<back><reference><front/><seriesInfo name="Internet-Draft" value="draft-x-y-z-16"/></reference></back></rfc>"#;
        assert_eq!(scan(text).series_info, None);
    }

    #[test]
    fn expands_internal_entities_in_the_doc_name() {
        let text = br#"<?xml version="1.0"?>
<!DOCTYPE rfc [
  <!ENTITY ID-VERSION "05">
  <!ENTITY ID-VERSION "06">
  <!ENTITY % local SYSTEM "local.ent">
  <!ENTITY rfc2119 SYSTEM "https://xml2rfc.ietf.org/public/rfc/bibxml/reference.RFC.2119.xml">
  %local;
]>
<?rfc toc="yes"?>
<rfc docName="draft-ietf-httpbis-p1-messaging-&ID-VERSION;">"#;
        let h = scan(text);
        assert_eq!(
            h.doc_name.unwrap().value,
            "draft-ietf-httpbis-p1-messaging-05"
        );
        assert_eq!(h.unresolved, None);
    }

    #[test]
    fn says_when_a_name_depends_on_an_external_entity() {
        let text = br#"<!DOCTYPE rfc SYSTEM "rfc2629.dtd" [ <!ENTITY v SYSTEM "v.txt"> ]>
<rfc docName="draft-a-b-c-&v;">"#;
        let h = scan(text);
        assert_eq!(h.doc_name.unwrap().value, "draft-a-b-c-&v;");
        assert!(h.unresolved.unwrap().contains("external"));
    }

    #[test]
    fn a_billion_laughs_costs_the_budget_and_no_more() {
        let mut text = String::from("<!DOCTYPE rfc [<!ENTITY a0 \"lol\">");
        for i in 1..30 {
            let prev = format!("&a{};", i - 1);
            text += &["<!ENTITY a", &i.to_string(), " \"", &prev.repeat(10), "\">"].concat();
        }
        text.push_str("]><rfc docName=\"draft-&a29;\">");
        let h = scan(text.as_bytes());
        assert!(h.unresolved.unwrap().contains("more than"));
        let deep: String = (1..40).fold(String::new(), |mut s, i| {
            s += &[
                "<!ENTITY d",
                &i.to_string(),
                " \"&d",
                &(i - 1).to_string(),
                ";\">",
            ]
            .concat();
            s
        });
        let text = format!("<!DOCTYPE rfc [<!ENTITY d0 \"x\">{deep}]><rfc docName=\"&d39;\">");
        assert!(scan(text.as_bytes()).unresolved.unwrap().contains("deep"));
    }

    #[test]
    fn entities_that_expand_to_nothing_cost_their_references() {
        // Ten references in each of fifteen nested entities: 10^15 expansions of nothing.
        let mut text = String::from("<!DOCTYPE rfc [<!ENTITY a0 \"\">");
        for i in 1..16 {
            let prev = format!("&a{};", i - 1);
            text += &["<!ENTITY a", &i.to_string(), " \"", &prev.repeat(10), "\">"].concat();
        }
        text.push_str("]><rfc docName=\"draft-x-&a15;-00\">");
        let h = scan(text.as_bytes());
        assert!(h.unresolved.unwrap().contains("references"));
        // A few are expanded as ever.
        let text = "<!DOCTYPE rfc [<!ENTITY e \"\"><!ENTITY v \"0&e;5\">]><rfc docName=\"draft-x-&e;&v;\">";
        assert_eq!(scan(text.as_bytes()).doc_name.unwrap().value, "draft-x-05");
    }

    #[test]
    fn a_fragment_has_no_rfc_root() {
        assert_eq!(scan(b"02\n").root, None);
        assert_eq!(
            scan(b"<reference anchor=\"x\"/>").root.as_deref(),
            Some("reference")
        );
        let h = scan(b"<rfc number=\"8288\" category=\"std\"><front/></rfc>");
        assert_eq!(h.number.unwrap().value, "8288");
        assert_eq!(h.doc_name, None);
    }
}
