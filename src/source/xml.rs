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

/// xml2rfc's named character entities (its DTD declares them; drafts use them without a
/// declaration of their own), as characters.
const CHARACTER_ENTITIES: &[(&str, char)] = &[
    ("nbsp", '\u{a0}'),
    ("nbhy", '\u{2011}'),
    ("wj", '\u{2060}'),
    ("zwsp", '\u{200b}'),
    ("mdash", '\u{2014}'),
    ("ndash", '\u{2013}'),
    ("hellip", '\u{2026}'),
    ("lsquo", '\u{2018}'),
    ("rsquo", '\u{2019}'),
    ("ldquo", '\u{201c}'),
    ("rdquo", '\u{201d}'),
    ("laquo", '\u{ab}'),
    ("raquo", '\u{bb}'),
    ("bull", '\u{2022}'),
    ("middot", '\u{b7}'),
    ("copy", '\u{a9}'),
    ("reg", '\u{ae}'),
    ("trade", '\u{2122}'),
    ("deg", '\u{b0}'),
    ("plusmn", '\u{b1}'),
    ("times", '\u{d7}'),
    ("divide", '\u{f7}'),
    ("micro", '\u{b5}'),
    ("para", '\u{b6}'),
    ("sect", '\u{a7}'),
    ("cent", '\u{a2}'),
    ("pound", '\u{a3}'),
    ("yen", '\u{a5}'),
    ("euro", '\u{20ac}'),
    ("shy", '\u{ad}'),
    ("larr", '\u{2190}'),
    ("rarr", '\u{2192}'),
    ("uarr", '\u{2191}'),
    ("darr", '\u{2193}'),
    ("harr", '\u{2194}'),
    ("le", '\u{2264}'),
    ("ge", '\u{2265}'),
    ("ne", '\u{2260}'),
];

/// The document, with every entity reference a strict parser cannot expand rewritten:
/// xml2rfc's named character entities become character references, and external or
/// undeclared entities (`&rfc2119;` for a `SYSTEM` reference, never fetched) are dropped.
/// Internal entities stay for the parser, which expands them within its own limits.
pub(crate) fn resolvable(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut entities = HashMap::new();
    let Some(root) = prolog(bytes, Some(&mut entities)) else {
        return Cow::Borrowed(text);
    };
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = root;
    while let Some(off) = memchr::memchr2(b'<', b'&', &bytes[i..]) {
        let at = i + off;
        let rest = &bytes[at..];
        let skip = [
            (&b"<!--"[..], &b"-->"[..]),
            (b"<![CDATA[", b"]]>"),
            (b"<?", b"?>"),
        ]
        .iter()
        .find(|(open, _)| rest.starts_with(open))
        .map(|(open, close)| {
            memmem::find(&rest[open.len()..], close)
                .map_or(bytes.len(), |e| at + open.len() + e + close.len())
        });
        if let Some(next) = skip {
            i = next;
            continue;
        }
        i = at + 1;
        if rest[0] == b'<' {
            continue;
        }
        let Some(len) = rest.iter().take(64).position(|&b| b == b';') else {
            continue;
        };
        let name = &text[at + 1..at + len];
        let keep = name.starts_with('#')
            || super::predefined(name).is_some()
            || matches!(entities.get(name), Some(Entity::Internal(_)));
        if keep {
            continue;
        }
        let s = out.get_or_insert_with(|| String::with_capacity(text.len()));
        s.push_str(&text[copied..at]);
        if let Some((_, c)) = CHARACTER_ENTITIES.iter().find(|(n, _)| *n == name) {
            s.push_str("&#");
            s.push_str(&u32::from(*c).to_string());
            s.push(';');
        }
        copied = at + len + 1;
        i = copied;
    }
    match out {
        Some(mut s) => {
            s.push_str(&text[copied..]);
            Cow::Owned(s)
        }
        None => Cow::Borrowed(text),
    }
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

/// The external entities (`<!ENTITY name SYSTEM "uri">`, `PUBLIC`) that the document's body
/// refers to (`&name;`), each with its system identifier (the URI, or empty) and the line of its
/// declaration: what a renderer must fetch or find beside the file.
pub(crate) fn external_entities(text: &[u8]) -> Vec<(String, Located)> {
    let mut entities = HashMap::new();
    let Some(root) = prolog(text, Some(&mut entities)) else {
        return Vec::new();
    };
    let body = &text[root..];
    let mut out: Vec<(String, Located)> = entities
        .iter()
        .filter(|(_, e)| matches!(e, Entity::External))
        .filter(|(name, _)| memmem::find(body, format!("&{name};").as_bytes()).is_some())
        .map(|(name, _)| {
            let decl = memmem::find(&text[..root], format!("<!ENTITY {name}").as_bytes());
            let (uri, line) = decl.map_or((String::new(), 1), |at| {
                let end = memchr(b'>', &text[at..root]).map_or(root, |e| at + e);
                let decl = String::from_utf8_lossy(&text[at..end]);
                // The last quoted string is the system identifier (a PUBLIC one comes first).
                let uri = decl
                    .rsplit(['"', '\''])
                    .nth(1)
                    .filter(|_| decl.contains(['"', '\'']))
                    .unwrap_or_default()
                    .to_owned();
                (uri, 1 + memchr::memchr_iter(b'\n', &text[..at]).count())
            });
            (name.clone(), Located { value: uri, line })
        })
        .collect();
    out.sort_by_key(|(_, l)| l.line);
    out
}

/// Skip the prolog (XML declaration, comments, processing instructions, the document type
/// declaration, whose internal subset's entities go into `entities` when it is given) and
/// return the offset of the root element's `<`.
fn prolog(text: &[u8], mut entities: Option<&mut HashMap<String, Entity>>) -> Option<usize> {
    let mut i = 0;
    loop {
        i += text[i..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        let rest = &text[i..];
        if rest.starts_with(b"<?") {
            i += find(rest, b"?>")? + 2;
        } else if rest.starts_with(b"<!--") {
            i += 4 + find(&rest[4..], b"-->")? + 3;
        } else if rest.starts_with(b"<!DOCTYPE") {
            i = doctype(text, i + 9, entities.as_deref_mut())?;
        } else if rest.first() == Some(&b'<') && rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
            return Some(i);
        } else {
            // Text before the root: not an XML document (or a fragment of one).
            return None;
        }
    }
}

/// Read a `<!DOCTYPE …>` from just after its keyword; returns the offset after its `>`.
fn doctype(
    text: &[u8],
    mut i: usize,
    mut entities: Option<&mut HashMap<String, Entity>>,
) -> Option<usize> {
    // Up to the internal subset `[` or the end `>`, minding quoted system identifiers.
    loop {
        match *text.get(i)? {
            q @ (b'"' | b'\'') => i += 1 + memchr(q, &text[i + 1..])? + 1,
            b'[' => break,
            b'>' => return Some(i + 1),
            _ => i += 1,
        }
    }
    i += 1;
    loop {
        let rest = text.get(i..)?;
        i += rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let rest = text.get(i..)?;
        if rest.starts_with(b"]") {
            i += 1 + memchr(b'>', &rest[1..])? + 1;
            return Some(i);
        } else if rest.starts_with(b"<!--") {
            i += 4 + find(&rest[4..], b"-->")? + 3;
        } else if rest.starts_with(b"<?") {
            i += find(rest, b"?>")? + 2;
        } else if rest.starts_with(b"<!ENTITY") {
            i = entity_decl(text, i + 8, entities.as_deref_mut())?;
        } else if rest.starts_with(b"<!") {
            // <!ELEMENT …>, <!ATTLIST …>, <!NOTATION …>: skip, minding quotes.
            i += 2;
            loop {
                match *text.get(i)? {
                    q @ (b'"' | b'\'') => i += 1 + memchr(q, &text[i + 1..])? + 1,
                    b'>' => break,
                    _ => i += 1,
                }
            }
            i += 1;
        } else {
            // A parameter-entity reference (`%name;`) or stray text: step over it.
            i += 1;
        }
    }
}

/// Read one `<!ENTITY …>` from just after its keyword; returns the offset after its `>`.
fn entity_decl(
    text: &[u8],
    mut i: usize,
    entities: Option<&mut HashMap<String, Entity>>,
) -> Option<usize> {
    let ws = |text: &[u8], i: usize| {
        text.get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count()
    };
    i += ws(text, i);
    let parameter = text.get(i) == Some(&b'%');
    if parameter {
        i += 1;
        i += ws(text, i);
    }
    let name_len = text[i..]
        .iter()
        .take_while(|b| !b.is_ascii_whitespace() && **b != b'>' && **b != b'"' && **b != b'\'')
        .count();
    let name = &text[i..i + name_len];
    i += name_len;
    i += ws(text, i);
    let value = match *text.get(i)? {
        q @ (b'"' | b'\'') => {
            let len = memchr(q, &text[i + 1..])?;
            let value = &text[i + 1..i + 1 + len];
            i += len + 2;
            Some(value)
        }
        _ => None,
    };
    // The rest of the declaration (SYSTEM "uri", NDATA …), minding quotes.
    loop {
        match *text.get(i)? {
            q @ (b'"' | b'\'') => i += 1 + memchr(q, &text[i + 1..])? + 1,
            b'>' => break,
            _ => i += 1,
        }
    }
    // The first declaration of a name binds (XML 1.0, 4.2); parameter entities are not
    // general entities and are not referenced from attribute values.
    if let Some(entities) = entities {
        if !parameter && !name.is_empty() && entities.len() < MAX_ENTITIES {
            let entity = value.map_or(Entity::External, |v| {
                Entity::Internal(String::from_utf8_lossy(v).into_owned())
            });
            entities
                .entry(String::from_utf8_lossy(name).into_owned())
                .or_insert(entity);
        }
    }
    Some(i + 1)
}

/// 1-based line of a byte offset.
pub(super) fn line_at(text: &[u8], offset: usize) -> usize {
    memchr::memchr_iter(b'\n', &text[..offset.min(text.len())]).count() + 1
}

/// The offset of the next start tag `<name` at or after `from`, skipping comments, processing
/// instructions and CDATA sections.
///
/// As if every `<` were looked at in turn (a comment, CDATA section or processing instruction
/// skipped whole), but by substring search: the next `<name` is a start tag unless a comment,
/// CDATA section or processing instruction opens before it and hides it.
pub(crate) fn find_tag(text: &[u8], name: &[u8], from: usize) -> Option<usize> {
    let mut needle = [0; 32];
    let Some(sought) = needle.get_mut(..=name.len()) else {
        return find_tag_stepping(text, name, from);
    };
    sought[0] = b'<';
    sought[1..].copy_from_slice(name);
    let sought = &*sought;
    let mut i = from;
    loop {
        let at = i + find(text.get(i..)?, sought)?;
        if let Some(open) = hiding(text, i, at) {
            // Past what opened before the candidate; the candidate is sought again from there.
            i = skip_hidden(text, open)?;
            continue;
        }
        if matches!(
            text.get(at + sought.len()),
            Some(b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>')
        ) {
            return Some(at);
        }
        i = at + 1;
    }
}

/// The first comment, CDATA section or processing instruction that opens in `text[from..to]`.
fn hiding(text: &[u8], from: usize, to: usize) -> Option<usize> {
    let pi = find(&text[from..to], b"<?").map(|o| from + o);
    let mut i = from;
    let bang = loop {
        let Some(o) = find(&text[i..to], b"<!") else {
            break None;
        };
        let at = i + o;
        if text[at..].starts_with(b"<!--") || text[at..].starts_with(b"<![CDATA[") {
            break Some(at);
        }
        i = at + 2;
    };
    match (pi, bang) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The offset after the comment, CDATA section or processing instruction that opens at `at`
/// (`None` when it does not end).
fn skip_hidden(text: &[u8], at: usize) -> Option<usize> {
    let rest = &text[at..];
    if rest.starts_with(b"<!--") {
        Some(at + 4 + find(&rest[4..], b"-->")? + 3)
    } else if rest.starts_with(b"<![CDATA[") {
        Some(at + 9 + find(&rest[9..], b"]]>")? + 3)
    } else {
        Some(at + 2 + find(&rest[2..], b"?>")? + 2)
    }
}

/// [`find_tag`] for a name too long for its buffer: every `<` in turn.
fn find_tag_stepping(text: &[u8], name: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(off) = memchr(b'<', text.get(i..)?) {
        let at = i + off;
        let rest = &text[at..];
        if rest.starts_with(b"<!--") || rest.starts_with(b"<![CDATA[") || rest.starts_with(b"<?") {
            i = skip_hidden(text, at)?;
            continue;
        }
        if rest.len() > name.len() + 1
            && rest[1..].starts_with(name)
            && matches!(
                rest[1 + name.len()],
                b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>'
            )
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// The end (`>`) of the start tag beginning at `at`, minding quoted attribute values.
pub(crate) fn tag_end(text: &[u8], at: usize) -> usize {
    let mut i = at;
    while let Some(off) = text
        .get(i..)
        .and_then(|t| memchr::memchr3(b'>', b'"', b'\'', t))
    {
        let b = text[i + off];
        if b == b'>' {
            return i + off;
        }
        // A quoted value: its closing quote, or the end of the text.
        match memchr(b, &text[i + off + 1..]) {
            Some(len) => i += off + 1 + len + 1,
            None => return text.len(),
        }
    }
    text.len()
}

/// The internal DTD subset's general entities, read from the prolog only when a value refers
/// to one (most documents' names refer to none).
struct Entities<'t> {
    text: &'t [u8],
    map: std::cell::OnceCell<HashMap<String, Entity>>,
}

impl<'t> Entities<'t> {
    fn new(text: &'t [u8]) -> Self {
        Entities {
            text,
            map: std::cell::OnceCell::new(),
        }
    }

    fn get(&self) -> &HashMap<String, Entity> {
        self.map.get_or_init(|| {
            let mut map = HashMap::new();
            prolog(self.text, Some(&mut map));
            map
        })
    }
}

/// A start tag `text[start..end]`, whose attributes are read where asked for.
struct Tag<'t> {
    text: &'t [u8],
    start: usize,
    end: usize,
}

impl<'t> Tag<'t> {
    fn new(text: &'t [u8], start: usize, end: usize) -> Self {
        Tag {
            text,
            start,
            end: end.min(text.len()),
        }
    }

    /// The attributes in order, to `each` (name, raw value, offset of the value) until it says
    /// `false`. By hand over bytes: a draft's root has a dozen attributes, and every head has
    /// its root read.
    fn attributes(&self, mut each: impl FnMut(&'t [u8], &'t [u8], usize) -> bool) {
        let (text, start) = (self.text, self.start);
        let tag = &text[start..self.end];
        // Skip `<name`.
        let mut i = skip_while(tag, 1, |b| {
            !b.is_ascii_whitespace() && b != b'/' && b != b'>'
        });
        loop {
            i = skip_while(tag, i, |b| b.is_ascii_whitespace());
            let name_at = i;
            i = skip_while(tag, i, |b| {
                !b.is_ascii_whitespace() && b != b'=' && b != b'/' && b != b'>'
            });
            if i == name_at {
                return;
            }
            let name = &tag[name_at..i];
            i = skip_while(tag, i, |b| b.is_ascii_whitespace());
            if tag.get(i) != Some(&b'=') {
                continue; // an attribute without a value: not XML; step over it
            }
            i = skip_while(tag, i + 1, |b| b.is_ascii_whitespace());
            let Some(&q) = tag.get(i).filter(|q| **q == b'"' || **q == b'\'') else {
                return;
            };
            let Some(len) = tag[i + 1..].iter().position(|&b| b == q) else {
                return;
            };
            if !each(name, &tag[i + 1..i + 1 + len], start + i + 1) {
                return;
            }
            i += len + 2;
        }
    }

    /// The raw value of attribute `name` and its offset (the first, if written twice).
    fn attribute(&self, name: &[u8]) -> Option<(&'t [u8], usize)> {
        let [found] = self.attributes_named([name]);
        found
    }

    /// [`Tag::attribute`] of each of `names`, in one pass over the tag.
    fn attributes_named<const N: usize>(
        &self,
        names: [&[u8]; N],
    ) -> [Option<(&'t [u8], usize)>; N] {
        let mut found = [None; N];
        let mut missing = N;
        self.attributes(|name, value, at| {
            for (want, slot) in names.iter().zip(&mut found) {
                if slot.is_none() && *want == name {
                    *slot = Some((value, at));
                    missing -= 1;
                }
            }
            missing > 0
        });
        found
    }

    /// The value of attribute `name`, entities expanded, with its line. When an entity in it
    /// cannot be expanded, `unresolved` says which and why, and the value keeps the reference.
    fn value(
        &self,
        name: &[u8],
        entities: &Entities<'_>,
        unresolved: &mut Option<String>,
    ) -> Option<Located> {
        self.located(self.attribute(name), entities, unresolved)
    }

    /// A raw value found by [`Tag::attributes_named`] as [`Tag::value`] says it.
    fn located(
        &self,
        found: Option<(&[u8], usize)>,
        entities: &Entities<'_>,
        unresolved: &mut Option<String>,
    ) -> Option<Located> {
        let (raw, at) = found?;
        let value = match expanded(raw, entities) {
            Ok(v) => v.into_owned(),
            Err(why) => {
                unresolved.get_or_insert(why);
                super::decode_predefined(&String::from_utf8_lossy(raw))
            }
        };
        Some(Located {
            value,
            line: line_at(self.text, at),
        })
    }
}

/// The offset of the first byte at or after `i` for which `while_` is false (or the end).
fn skip_while(text: &[u8], mut i: usize, while_: impl Fn(u8) -> bool) -> usize {
    while i < text.len() && while_(text[i]) {
        i += 1;
    }
    i
}

/// A raw value found by [`Tag::attributes_named`], entities expanded as far as they can be (a
/// reference that cannot be expanded stays as written).
fn value_text<'t>(
    found: Option<(&'t [u8], usize)>,
    entities: &Entities<'_>,
) -> Option<Cow<'t, str>> {
    let (raw, _) = found?;
    Some(
        expanded(raw, entities).unwrap_or_else(|_| {
            Cow::Owned(super::decode_predefined(&String::from_utf8_lossy(raw)))
        }),
    )
}

/// [`expand`] of a raw attribute value; one without references is its own expansion.
fn expanded<'t>(raw: &'t [u8], entities: &Entities<'_>) -> Result<Cow<'t, str>, String> {
    if raw.len() <= EXPANSION_BUDGET && memchr(b'&', raw).is_none() {
        if let Ok(text) = std::str::from_utf8(raw) {
            return Ok(Cow::Borrowed(text));
        }
    }
    let raw = String::from_utf8_lossy(raw);
    if !raw.contains('&') && raw.len() <= EXPANSION_BUDGET {
        return Ok(raw);
    }
    expand(&raw, entities.get()).map(Cow::Owned)
}

/// Expand the entity and character references in an attribute value. Errors say which
/// reference could not be expanded and why.
pub(crate) fn expand(raw: &str, entities: &HashMap<String, Entity>) -> Result<String, String> {
    let mut out = String::new();
    let mut budget = Budget {
        bytes: EXPANSION_BUDGET,
        references: MAX_REFERENCES,
    };
    expand_into(raw, entities, 0, &mut budget, &mut out)?;
    Ok(out)
}

/// What is left of one value's expansion.
struct Budget {
    /// Bytes of text.
    bytes: usize,
    /// References to internal entities: an entity that expands to nothing costs no bytes, and
    /// ten of them in each of sixteen nested entities would be 10^16 expansions.
    references: usize,
}

fn expand_into(
    raw: &str,
    entities: &HashMap<String, Entity>,
    depth: usize,
    budget: &mut Budget,
    out: &mut String,
) -> Result<(), String> {
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        push_budget(out, &rest[..i], budget)?;
        rest = &rest[i + 1..];
        let Some(end) = rest.find(';') else {
            return Err("a `&` that starts no entity reference".to_owned());
        };
        let name = &rest[..end];
        rest = &rest[end + 1..];
        if let Some(c) = super::predefined(name) {
            push_budget(out, c.encode_utf8(&mut [0; 4]), budget)?;
            continue;
        }
        match entities.get(name) {
            Some(Entity::Internal(value)) => {
                if depth + 1 > MAX_DEPTH {
                    return Err(format!(
                        "the entity `&{name};` nests entities more than {MAX_DEPTH} deep"
                    ));
                }
                if budget.references == 0 {
                    return Err(format!(
                        "its entities expand into more than {MAX_REFERENCES} entity references"
                    ));
                }
                budget.references -= 1;
                expand_into(value, entities, depth + 1, budget, out)?;
            }
            Some(Entity::External) => {
                return Err(format!(
                    "the entity `&{name};` is external (`SYSTEM`/`PUBLIC`), and newdraft never fetches one"
                ));
            }
            None => {
                return Err(format!(
                    "the entity `&{name};` is not declared in the document's internal DTD subset"
                ));
            }
        }
    }
    push_budget(out, rest, budget)
}

fn push_budget(out: &mut String, s: &str, budget: &mut Budget) -> Result<(), String> {
    if s.len() > budget.bytes {
        return Err(format!(
            "its entities expand to more than {EXPANSION_BUDGET} bytes"
        ));
    }
    budget.bytes -= s.len();
    out.push_str(s);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
