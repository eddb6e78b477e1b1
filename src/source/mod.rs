//! Reading a draft source: what a file is, and what it says about itself.
//!
//! One home for every command that reads a draft (`check`, `bump`, `adopt`, `email`):
//! - [`SourceKind::sniff`] says what a file is from its content first and its extension second
//!   (kramdown-rfc's own examples keep RFCXML in `.mkd` files): RFCXML, kramdown-rfc, mmark
//!   (v1 `%` title lines or v2 `%%%` blocks), a plain-text draft.
//! - [`scan`] reads the head of a file ([`HEAD_BYTES`]) by hand over bytes, for `check`, which
//!   may read ten thousand files: the document's own name with its line, RFCXML `seriesInfo`
//!   from the document's own `<front>` (never a reference's), internal DTD entities expanded
//!   within a budget ([`xml`]), an RFC number (an RFC's source, not a draft's), the document's
//!   date, and, when the file is not a draft source at all, why ([`Head::not_draft`]).
//!   [`scan_prefix`] says when the first bytes of a file already say all of that, so that
//!   `check` reads a page of most drafts rather than their whole head.
//! - [`Document::parse`] is for `bump`, `adopt` and `email`, which read one file whole: a real
//!   XML parser (roxmltree) and a real YAML parser (yaml-rust2) for the front matter, and
//!   section text as plain paragraphs. Its name comes from [`scan`], so every command agrees on
//!   what a draft calls itself.
//!
//! Nothing here judges what it reads: the rules are `name`'s, the verdicts `check`'s.

pub mod edit;
pub mod facts;
pub mod xml;
pub mod yaml;

use std::path::Path;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

/// The source formats newdraft reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// RFCXML (v3, or v2 for reading names).
    Xml,
    /// kramdown-rfc Markdown with a YAML front matter.
    Kramdown,
    /// mmark Markdown with a TOML title block (`%%%` lines, or v1's `%` lines).
    Mmark,
    /// A plain-text draft.
    Text,
}

impl SourceKind {
    /// The kind of a file from its extension alone (`.xml`, `.txt`, `.md`/`.mkd`/`.markdown`),
    /// and for Markdown its first line; see [`SourceKind::sniff`] for the content's say.
    pub fn detect(path: &Path, head: &[u8]) -> Option<SourceKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xml" | "txt" | "md" | "mkd" | "markdown" => Some(SourceKind::sniff(&ext, head)),
            _ => None,
        }
    }

    /// What a file with extension `ext` (lower case) and this head is: its content decides
    /// (an XML declaration or `<rfc` root is RFCXML whatever the extension; a `---` front
    /// matter is kramdown-rfc; `%%%` or `% key = value` lines are mmark), else its extension.
    pub fn sniff(ext: &str, head: &[u8]) -> SourceKind {
        let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let first = text
            .split(|&b| b == b'\n')
            .map(<[u8]>::trim_ascii)
            .find(|l| !l.is_empty())
            .unwrap_or_default();
        if ext == "txt" {
            return SourceKind::Text;
        }
        if first.starts_with(b"<?xml")
            || first.starts_with(b"<!DOCTYPE")
            || first.starts_with(b"<rfc")
        {
            return SourceKind::Xml;
        }
        if first.starts_with(b"%%%") || is_mmark_v1_line(first) {
            return SourceKind::Mmark;
        }
        if first.starts_with(b"---") {
            return SourceKind::Kramdown;
        }
        match ext {
            "xml" => SourceKind::Xml,
            "md" | "mkd" | "markdown" => SourceKind::Kramdown,
            _ => SourceKind::Text,
        }
    }

    /// A word for messages: `RFCXML`, `kramdown-rfc`, `mmark`, `text`.
    pub fn describe(self) -> &'static str {
        match self {
            SourceKind::Xml => "RFCXML",
            SourceKind::Kramdown => "kramdown-rfc",
            SourceKind::Mmark => "mmark",
            SourceKind::Text => "text",
        }
    }
}

/// mmark v1's title block: lines `% key = value` (`% Title = "…"`).
fn is_mmark_v1_line(line: &[u8]) -> bool {
    line.strip_prefix(b"%").is_some_and(|rest| {
        let rest = rest.trim_ascii_start();
        let key = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count();
        key > 0 && rest[key..].trim_ascii_start().starts_with(b"=")
    })
}

/// A value and the 1-based line it was found on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The value, as written (entities decoded, quotes removed).
    pub value: String,
    /// Its 1-based line.
    pub line: usize,
}

/// What [`scan`] finds in a file's head.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Head {
    /// The document's name for itself: RFCXML `docName`, kramdown-rfc `docname:` (or
    /// `docName:`), mmark `[seriesInfo] value` (v2) or `docName` (v1), or the name on a text
    /// draft's first page.
    pub docname: Option<Located>,
    /// RFCXML `<seriesInfo name="Internet-Draft" value="…">` in the document's own `<front>`.
    pub series_info: Option<Located>,
    /// The RFC number of an RFC's source (`<rfc number>`, `number:`, mmark
    /// `[seriesInfo] name = "RFC"`).
    pub rfc_number: Option<Located>,
    /// The document's own date, where it says one: the last day it can mean (`2019` is
    /// 2019-12-31). A text draft's is read from its first page, or 185 days before `Expires:`.
    pub date: Option<NaiveDate>,
    /// Why the declared name could not be read whole (an external or undeclared entity, an
    /// expansion over budget).
    pub unresolved: Option<String>,
    /// Why the file is not a draft source at all, when it is not one (an XML fragment, XML
    /// whose root is not `<rfc>`, Markdown with no front matter or title block).
    pub not_draft: Option<String>,
}

/// How much of a file [`scan`] needs: the name is always in the front matter.
pub const HEAD_BYTES: usize = 64 * 1024;

/// Find the document's own name in the head of a file (the first [`HEAD_BYTES`] are enough).
pub fn scan(head: &[u8], kind: SourceKind) -> Head {
    // A UTF-8 byte order mark is not text (and is on line 1, so line numbers stay right).
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    match kind {
        SourceKind::Xml => scan_xml(head),
        SourceKind::Kramdown => scan_kramdown(head),
        SourceKind::Mmark => scan_mmark(head),
        SourceKind::Text => scan_text(head),
    }
}

/// A file's name up to its first dot, from a path as written (`dir/draft-x-00.xml` →
/// `draft-x-00`): the name a draft file stands for, before any extension (`.xml`, `.txt.orig`).
pub fn stem(path: &str) -> &str {
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    file.split_once('.').map_or(file, |(s, _)| s)
}

/// How much of a file to read at a time, up to [`HEAD_BYTES`]: most drafts' own `<front>`,
/// front matter or first page ends in the first page of the file, nearly all in the first
/// 16 KiB (RFCXML in the real repositories: 56 % and 99.5 %).
pub const READS: [usize; 3] = [4096, 16 * 1024, HEAD_BYTES];

/// [`SourceKind::sniff`] and [`scan`] of the first bytes of a file, when they are enough: `Some`
/// only when no longer head of the same file could change what either says (the first line
/// and the own `<front>` up to `</front`, the front matter up to its closing line, or the
/// first page are all there). `None` says: read more, or all of [`HEAD_BYTES`].
pub fn scan_prefix(ext: &str, prefix: &[u8]) -> Option<(SourceKind, Head)> {
    let kind = SourceKind::sniff(ext, prefix);
    let text = prefix.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(prefix);
    // What the first line says of the kind needs all of it (a `.txt` is text whatever it says).
    if ext != "txt" {
        let mut lines = text.split(|&b| b == b'\n');
        lines.find(|l| !l.trim_ascii().is_empty())?;
        lines.next()?;
    }
    let head = match kind {
        SourceKind::Xml => {
            let (head, complete) = scan_xml_head(text);
            complete.then_some(head)?
        }
        SourceKind::Kramdown if front_matter_decided(text) => scan_kramdown(text),
        SourceKind::Text if first_page_decided(text) => scan_text(text),
        _ => return None,
    };
    Some((kind, head))
}

/// Whether a complete line of `text` decides the front matter: the first line that is not
/// blank, when it opens none, or the line that closes it.
fn front_matter_decided(text: &[u8]) -> bool {
    let mut started = false;
    let mut lines = text.split(|&b| b == b'\n').peekable();
    while let Some(line) = lines.next() {
        if lines.peek().is_none() {
            return false; // the last line may go on
        }
        if !started {
            if line.trim_ascii().is_empty() {
                continue;
            }
            if !line.starts_with(b"---") {
                return true;
            }
            started = true;
        } else if line.starts_with(b"---") || line.starts_with(b"...") {
            return true;
        }
    }
    false
}

/// Whether `text` holds a text draft's whole first page ([`scan_text`]'s: up to a form feed or
/// the 60th line end).
fn first_page_decided(text: &[u8]) -> bool {
    let page_end = memchr::memchr(0x0c, text).unwrap_or(text.len());
    page_end < text.len() || memchr::memchr_iter(b'\n', text).nth(59).is_some()
}

/// A declared name: `name-NN` → (`name`, `NN`); `name-latest` and a build placeholder
/// revision `name-xx` → (`name`, none); anything else → (itself, none).
pub fn split_declared(s: &str) -> (&str, Option<crate::name::Revision>) {
    for placeholder in ["-xx", "-XX"] {
        if let Some(base) = s.strip_suffix(placeholder) {
            return (base, None);
        }
    }
    split_revision(s)
}

/// A file name's stem or a tag: `name-NN` → (`name`, `NN`); `name-latest` → (`name`, none);
/// anything else → (itself, none). (In a file name, `-xx` is part of the name: kramdown-rfc's
/// `draft-ietf-core-block-xx.mkd` stands for `draft-ietf-core-block-xx`.)
pub fn split_revision(s: &str) -> (&str, Option<crate::name::Revision>) {
    if let Some(base) = s.strip_suffix("-latest") {
        return (base, None);
    }
    crate::name::Revision::split(s)
}

/// Whether a file named `stem` (up to its first dot) and the name it declares agree: the same
/// name, and the same revision when the file name has one. An unversioned file may declare a
/// revision (`draft-x.md` with `docname: draft-x-07`, kramdown-rfc's and mmark's layout) or
/// `-latest` (i-d-template's). `docName="draft-x-00.xml"` in `draft-x-00.xml`, or
/// `docName="draft-x"` in `draft-x-00.xml`, agrees: the name's own finding (a `.` in a name, a
/// missing revision) says what is wrong, once.
pub fn names_agree(stem: &str, declared: &str) -> bool {
    let (file_base, file_rev) = split_revision(stem);
    let (base, rev) = split_declared(declared);
    (base == file_base && (file_rev.is_none() || rev == file_rev || declared == base))
        || [".xml", ".txt"]
            .iter()
            .any(|e| declared.strip_suffix(e) == Some(stem))
}

/// The text with the document's own name changed from `old` to `new`, by editing where the
/// name is written and nowhere else: RFCXML `docName` and the own `<seriesInfo>` value (or,
/// for `docName="draft-x-&ID-VERSION;"`, the entity's value when only the revision changes),
/// kramdown-rfc's `docname:` line, mmark's `value =` (or v1 `docName =`) line.
pub fn rename(text: &str, kind: SourceKind, old: &str, new: &str) -> Result<String> {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    match kind {
        SourceKind::Xml => {
            let spans = xml::name_spans(text.as_bytes());
            let mut entity_edit: Option<(std::ops::Range<usize>, String)> = None;
            for span in [spans.doc_name, spans.series_info].into_iter().flatten() {
                let raw = &text[span.clone()];
                if !raw.contains('&') {
                    edits.push((span, crate::text::escape_xml(new)));
                    continue;
                }
                // `prefix&E;` where `prefix` + E's value is `old`: when only what the entity
                // holds changes, change the entity.
                let by_entity = raw
                    .strip_suffix(';')
                    .and_then(|r| r.rsplit_once('&'))
                    .and_then(|(prefix, entity)| {
                        let value = spans.entities.get(entity)?;
                        let held = &text[value.clone()];
                        let prefix = decode_predefined(prefix);
                        (format!("{prefix}{held}") == old)
                            .then(|| new.strip_prefix(prefix.as_str()))
                            .flatten()
                            .map(|v| (value.clone(), crate::text::escape_xml(v)))
                    });
                match by_entity {
                    Some(edit) => entity_edit = Some(edit),
                    None => edits.push((span, crate::text::escape_xml(new))),
                }
            }
            edits.extend(entity_edit);
        }
        SourceKind::Kramdown => {
            let line = front_matter_spans(text.as_bytes()).find(|(_, span)| {
                let l = &text.as_bytes()[span.clone()];
                yaml_key(l, b"docname")
                    .or_else(|| yaml_key(l, b"docName"))
                    .is_some()
            });
            if let Some((_, span)) = line {
                let key_end = text[span.clone()]
                    .find(':')
                    .map_or(span.start, |i| span.start + i + 1);
                edits.push((key_end..span.end, format!(" {new}")));
            }
        }
        SourceKind::Mmark => {
            let head = scan_mmark(text.as_bytes());
            if let Some(d) = head.docname {
                let (start, end) = line_span(text, d.line);
                let line = &text[start..end];
                if let Some(eq) = line.find('=') {
                    edits.push((start + eq + 1..end, format!(" \"{new}\"")));
                }
            }
        }
        SourceKind::Text => bail!("a text draft cannot be revised"),
    }
    if edits.is_empty() {
        bail!("the draft does not write its name `{old}` where newdraft can change it");
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for (range, with) in edits {
        if range.start < last {
            continue;
        }
        out.push_str(&text[last..range.start]);
        out.push_str(&with);
        last = range.end;
    }
    out.push_str(&text[last..]);
    Ok(mentions(&out, kind, old, new))
}

/// The document's own mentions of its name in its prose (`See draft-x-00 at …`) follow the
/// rename; comments, the DTD and references (which name other documents, or this one's past)
/// keep what they say.
fn mentions(text: &str, kind: SourceKind, old: &str, new: &str) -> String {
    let skips: &[(&str, &str)] = match kind {
        SourceKind::Xml => &[
            ("<!--", "-->"),
            ("<!DOCTYPE", "]>"),
            ("<references", "</references>"),
        ],
        _ => &[("<!--", "-->")],
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = skips
            .iter()
            .filter_map(|(open, close)| rest.find(open).map(|at| (at, *close)))
            .min_by_key(|(at, _)| *at);
        let Some((at, close)) = next else {
            out.push_str(&replace_whole(rest, old, new));
            return out;
        };
        out.push_str(&replace_whole(&rest[..at], old, new));
        let end = rest[at..]
            .find(close)
            .map_or(rest.len(), |i| at + i + close.len());
        out.push_str(&rest[at..end]);
        rest = &rest[end..];
    }
}

/// Replace every whole occurrence of the name `old` by `new` (not inside a longer name).
pub(crate) fn replace_whole(text: &str, old: &str, new: &str) -> String {
    let is_name_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    if old.is_empty() {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (at, _) in text.match_indices(old) {
        if at < last {
            continue;
        }
        let end = at + old.len();
        let before_ok = at == 0 || !is_name_byte(bytes[at - 1]);
        let after_ok = end == bytes.len() || !is_name_byte(bytes[end]);
        if before_ok && after_ok {
            out.push_str(&text[last..at]);
            out.push_str(new);
            last = end;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// The byte range of 1-based line `n`, without its line end.
fn line_span(text: &str, n: usize) -> (usize, usize) {
    let mut start = 0;
    for _ in 1..n {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return (text.len(), text.len()),
        }
    }
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = if text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    (start, end)
}

/// One of the five entities XML predefines.
pub(crate) fn predefined(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => name
            .strip_prefix("#x")
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
            .and_then(char::from_u32),
    }
}

/// Decode the predefined XML entities and character references; others stay as written.
pub(crate) fn decode_predefined(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest
            .find(';')
            .and_then(|end| predefined(&rest[1..end]).map(|c| (c, end)));
        if let Some((c, end)) = decoded {
            out.push(c);
            rest = &rest[end + 1..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

fn scan_xml(text: &[u8]) -> Head {
    scan_xml_head(text).0
}

/// [`scan_xml`], and whether a longer head would say the same ([`xml::XmlHead::complete`]).
fn scan_xml_head(text: &[u8]) -> (Head, bool) {
    let x = xml::scan(text);
    let not_draft = match x.root.as_deref() {
        None => Some(
            "not an XML document (no root element): a fragment that another file includes"
                .to_owned(),
        ),
        Some("rfc") => None,
        Some(other) => Some(format!(
            "its root element is `<{other}>`, not `<rfc>`: a fragment or another kind of XML"
        )),
    };
    let rfc_number = x.number.or(x.series_rfc);
    let not_draft = not_draft.or_else(|| {
        (x.doc_name.is_none() && x.series_info.is_none())
            .then_some(())
            .and(rfc_number.as_ref())
            .map(|n| {
                format!(
                    "the source of RFC {} (`number`), with no draft name",
                    n.value
                )
            })
    });
    let head = Head {
        date: x.date,
        docname: x.doc_name,
        series_info: x.series_info,
        rfc_number,
        unresolved: x.unresolved,
        not_draft,
    };
    (head, x.complete)
}

/// The last day a written date can mean: `2019` → 2019-12-31, `2019`/`July` → 2019-07-31.
pub(crate) fn date_of(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    let year: i32 = year
        .trim()
        .parse()
        .ok()
        .filter(|y| (1900..=9999).contains(y))?;
    let month = month_number(month.trim()).unwrap_or(12);
    let last = (28..=31)
        .rev()
        .find_map(|d| NaiveDate::from_ymd_opt(year, month, d))?;
    Some(
        day.trim()
            .parse()
            .ok()
            .and_then(|d| NaiveDate::from_ymd_opt(year, month, d))
            .unwrap_or(last),
    )
}

/// `July`, `Jul`, `7`, `07` → 7.
fn month_number(m: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if let Ok(n) = m.parse::<u32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    let m = m.get(..3)?.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|x| *x == m)
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// An ISO date as YAML or TOML writes it, maybe partial or with a time: `2021-05`,
/// `2012-01-13`, `2019-07-22T00:00:00Z`.
fn iso_date(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    let v = v.split(['T', ' ']).next().unwrap_or(v);
    let mut parts = v.splitn(3, '-');
    let (y, m, d) = (
        parts.next()?,
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    date_of(y, m, d)
}

/// A YAML scalar as written on one line: quotes removed, trailing comment dropped.
fn yaml_scalar(raw: &str) -> String {
    let raw = raw.trim();
    if let Some(inner) = raw.strip_prefix('"') {
        let end = inner.rfind('"').unwrap_or(inner.len());
        return inner[..end].replace("\\\"", "\"").replace("\\\\", "\\");
    }
    if let Some(inner) = raw.strip_prefix('\'') {
        let end = inner.rfind('\'').unwrap_or(inner.len());
        return inner[..end].replace("''", "'");
    }
    let value = match raw.find(" #") {
        Some(i) => &raw[..i],
        None => raw,
    };
    value.trim().to_owned()
}

/// The lines of the kramdown-rfc front matter: after a first `---` line, up to the next line
/// starting with `---` or `...`. Yields (1-based line, line without its line end).
fn front_matter(text: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    front_matter_spans(text).map(move |(n, span)| (n, &text[span]))
}

/// [`front_matter`] as byte ranges into `text`, for the commands that rewrite a line in place.
pub(crate) fn front_matter_spans(
    text: &[u8],
) -> impl Iterator<Item = (usize, std::ops::Range<usize>)> + '_ {
    let mut pos = 0;
    let mut lines = text.split(|&b| b == b'\n').enumerate().map(move |(i, l)| {
        let start = pos;
        pos += l.len() + 1;
        let len = l.strip_suffix(b"\r").unwrap_or(l).len();
        (i + 1, start..start + len)
    });
    let mut started = false;
    std::iter::from_fn(move || {
        for (n, span) in lines.by_ref() {
            let line = &text[span.clone()];
            if !started {
                if line.trim_ascii().is_empty() {
                    continue;
                }
                if line.starts_with(b"---") {
                    started = true;
                    continue;
                }
                return None;
            }
            if line.starts_with(b"---") || line.starts_with(b"...") {
                return None;
            }
            return Some((n, span));
        }
        None
    })
}

/// A front matter's lines: (1-based line, text without its line end).
pub(crate) type FrontMatterLines<'t> = Vec<(usize, &'t [u8])>;

/// The kramdown-rfc front matter's lines (1-based line, text) and its YAML, loaded within
/// [`yaml`]'s bounds.
pub(crate) fn front_matter_yaml(text: &str) -> Result<(FrontMatterLines<'_>, yaml_rust2::Yaml)> {
    let lines: Vec<(usize, &[u8])> = front_matter(text.as_bytes()).collect();
    let yaml_text: String = lines
        .iter()
        .map(|(_, l)| String::from_utf8_lossy(l))
        .collect::<Vec<_>>()
        .join("\n");
    let y = yaml::load(&yaml_text)
        .map_err(|e| anyhow::anyhow!("the YAML front matter does not parse: {e}"))?;
    Ok((lines, y))
}

/// A top-level `key: value` line of a YAML front matter (`key` case-sensitive, as YAML is).
fn yaml_key<'l>(line: &'l [u8], key: &[u8]) -> Option<&'l [u8]> {
    line.strip_prefix(key)?.strip_prefix(b":")
}

fn scan_kramdown(text: &[u8]) -> Head {
    let mut head = Head::default();
    let mut any = false;
    for (n, line) in front_matter(text) {
        any = true;
        // kramdown-rfc reads `docname`; RFC-stage sources (quicwg's rfc9000.md) spell it
        // `docName`, which kramdown-rfc also accepts.
        let value = |rest: &[u8]| Located {
            value: yaml_scalar(&String::from_utf8_lossy(rest)),
            line: n,
        };
        if let Some(rest) = yaml_key(line, b"docname").or_else(|| yaml_key(line, b"docName")) {
            head.docname.get_or_insert(value(rest));
        } else if let Some(rest) = yaml_key(line, b"number") {
            let v = value(rest);
            if !v.value.is_empty() {
                head.rfc_number.get_or_insert(v);
            }
        } else if let Some(rest) = yaml_key(line, b"date") {
            head.date = head.date.or_else(|| iso_date(&value(rest).value));
        }
    }
    if !any {
        head.not_draft = Some(
            "Markdown with no kramdown-rfc front matter (`---` … `---`) and no mmark title block"
                .to_owned(),
        );
    } else if head.docname.is_none() {
        if let Some(n) = &head.rfc_number {
            head.not_draft = Some(format!(
                "the source of RFC {} (`number:`), with no draft name",
                n.value
            ));
        }
    }
    head
}

/// mmark's title block, v2 (`%%%` … `%%%`, TOML) or v1 (every line starts `% `): a draft's
/// name is `value` of the `[seriesInfo]` table whose `name` is `Internet-Draft` (v2), or a
/// top-level `docName` (v1, and early v2).
fn scan_mmark(text: &[u8]) -> Head {
    let mut head = Head::default();
    let mut v2 = false;
    let mut table = String::new();
    // The current [seriesInfo] table's name and value, as they come in either order.
    let mut series: (Option<String>, Option<Located>) = (None, None);
    let take_series = |series: &mut (Option<String>, Option<Located>), head: &mut Head| {
        // mmark writes `docName` from the table's `value` whatever its `name` says
        // (`"Internet-Draft"`, `"Internet Draft"`, none); `RFC`, `DOI`, `BCP` … are the
        // document's other series.
        if let Some(value) = series.1.take() {
            match series.0.take().as_deref() {
                None | Some("Internet-Draft" | "Internet Draft" | "I-D") => {
                    head.docname.get_or_insert(value);
                }
                Some("RFC") => {
                    head.rfc_number.get_or_insert(value);
                }
                Some(_) => {}
            }
        }
        *series = (None, None);
    };
    for (i, raw) in text.split(|&b| b == b'\n').enumerate() {
        let raw = raw.trim_ascii();
        let line: &[u8] = if raw.starts_with(b"%%%") {
            if v2 {
                break;
            }
            v2 = true;
            continue;
        } else if v2 {
            raw
        } else if let Some(rest) = raw.strip_prefix(b"%") {
            rest.trim_ascii()
        } else if raw.is_empty() && head.docname.is_none() && table.is_empty() {
            continue;
        } else {
            break;
        };
        let line = String::from_utf8_lossy(line);
        if line.starts_with('[') {
            take_series(&mut series, &mut head);
            line.trim_matches(['[', ']']).trim().clone_into(&mut table);
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let located = Located {
            value: yaml_scalar(value),
            line: i + 1,
        };
        match (table.as_str(), key.trim()) {
            ("seriesInfo", "name") => series.0 = Some(located.value),
            ("seriesInfo", "value") => series.1 = Some(located),
            ("", "docName" | "docname") => {
                head.docname.get_or_insert(located);
            }
            ("", "date") => head.date = head.date.or_else(|| iso_date(&located.value)),
            _ => {}
        }
    }
    take_series(&mut series, &mut head);
    if head.docname.is_none() {
        if let Some(n) = &head.rfc_number {
            head.not_draft = Some(format!(
                "the source of RFC {} (`[seriesInfo] name = \"RFC\"`), with no draft name",
                n.value
            ));
        }
    }
    head
}

fn scan_text(text: &[u8]) -> Head {
    // The first page: up to the first form feed, or 60 lines.
    let page_end = memchr::memchr(0x0c, text).unwrap_or(text.len());
    let mut page = &text[..page_end];
    if let Some(nl) = memchr::memchr_iter(b'\n', page).nth(59) {
        page = &page[..nl];
    }
    let mut best: Option<(usize, usize)> = None;
    let mut i = 0;
    while let Some(off) = memchr::memmem::find(&page[i..], b"draft-") {
        let at = i + off;
        i = at + 6;
        if at > 0 && (page[at - 1].is_ascii_alphanumeric() || page[at - 1] == b'-') {
            continue;
        }
        let len = page[at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        let token = &page[at..at + len];
        let versioned = token.len() > 3
            && token[token.len() - 3] == b'-'
            && token[token.len() - 2..].iter().all(u8::is_ascii_digit);
        if versioned {
            best = Some((at, len));
            break;
        }
        best.get_or_insert((at, len));
    }
    // An Internet-Draft's first page says so in its header ("Internet-Draft", older ones
    // "INTERNET-DRAFT" or "Internet Draft"); a community series that borrows the format
    // ("SSB-Draft") or an RFC's text does not.
    let says_draft = [&b"internet-draft"[..], b"internet draft"]
        .iter()
        .any(|w| page.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w)));
    Head {
        docname: best.filter(|_| says_draft).map(|(at, len)| Located {
            value: String::from_utf8_lossy(&page[at..at + len]).into_owned(),
            line: xml::line_at(text, at),
        }),
        date: text_date(page),
        ..Head::default()
    }
}

/// A text draft's date from its first page: `Expires: January 23, 2020` (185 days after the
/// date, as xml2rfc computes it), or a `Month D, YYYY` / `D Month YYYY` in the header lines.
fn text_date(page: &[u8]) -> Option<NaiveDate> {
    let page = String::from_utf8_lossy(page);
    let words_date = |s: &str| -> Option<NaiveDate> {
        let words: Vec<&str> = s
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        words
            .windows(3)
            .rev()
            .find_map(|w| {
                let (a, b, c) = (w[0], w[1], w[2]);
                if month_number(a).is_some() && a.len() >= 3 && a.chars().all(char::is_alphabetic) {
                    // `July 22, 2019`
                    if b.chars().all(|c| c.is_ascii_digit()) && c.len() == 4 {
                        return date_of(c, a, b);
                    }
                }
                if b.len() >= 3 && b.chars().all(char::is_alphabetic) && month_number(b).is_some() {
                    // `22 July 2019`
                    if a.chars().all(|c| c.is_ascii_digit()) && c.len() == 4 {
                        return date_of(c, b, a);
                    }
                }
                None
            })
            .or_else(|| {
                // `July 2019`
                words.windows(2).rev().find_map(|w| {
                    (w[0].len() >= 3
                        && w[0].chars().all(char::is_alphabetic)
                        && month_number(w[0]).is_some()
                        && w[1].len() == 4)
                        .then(|| date_of(w[1], w[0], ""))
                        .flatten()
                })
            })
    };
    for line in page.lines().take(15) {
        if let Some(i) = line.find("Expires") {
            let rest = line[i + 7..].trim_start_matches([':', ' ']);
            if let Some(d) = words_date(rest) {
                return d.checked_sub_days(chrono::Days::new(185));
            }
        }
    }
    page.lines().take(8).find_map(|l| {
        // The date stands at the right of a header line, after the author.
        let right = l.trim_end();
        let cut = right.rfind("   ").map_or(right, |i| &right[i..]);
        words_date(cut)
    })
}

/// One author of a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Author {
    /// The full name.
    pub fullname: Option<String>,
    /// The email address.
    pub email: Option<String>,
    /// The organization.
    pub organization: Option<String>,
}

/// A section of the body, as plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading, as written.
    pub title: String,
    /// 1 for top-level sections, 2 for their subsections, ….
    pub depth: usize,
    /// The section's own paragraphs and its subsections (their headings on a line of their
    /// own), paragraphs separated by a blank line, markup removed.
    pub text: String,
}

/// A whole draft, read for the commands that work on one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The source format.
    pub kind: SourceKind,
    /// The document's own name (see [`Head::docname`]).
    pub docname: Option<Located>,
    /// RFCXML `seriesInfo` for Internet-Draft.
    pub series_info: Option<Located>,
    /// The title.
    pub title: Option<String>,
    /// The short title.
    pub abbrev: Option<String>,
    /// The workgroup named in the front matter.
    pub workgroup: Option<String>,
    /// The authors, in order.
    pub authors: Vec<Author>,
    /// The abstract as plain text.
    pub abstract_text: Option<String>,
    /// Every section of the body and back matter, in document order.
    pub sections: Vec<Section>,
}

/// The largest draft source newdraft reads whole (the largest real drafts are about 1 MiB).
pub const MAX_SOURCE_BYTES: u64 = 16 << 20;

/// At most this many XML nodes in a draft read whole.
const MAX_XML_NODES: u32 = 4_000_000;

/// Sections, lists and inline markup nested deeper than this are read as flat text.
const MAX_NESTING: usize = 64;

/// Read a whole draft source as text: a regular file (a FIFO would block, a device never
/// end), at most [`MAX_SOURCE_BYTES`], UTF-8. Errors name the path and the limit.
pub fn read_text(path: &Path) -> Result<String> {
    use std::io::Read as _;
    let shown = path.display();
    let file = std::fs::File::open(path).with_context(|| format!("cannot read `{shown}`"))?;
    let meta = file
        .metadata()
        .with_context(|| format!("cannot read `{shown}`"))?;
    if !meta.is_file() {
        bail!("cannot read `{shown}`: it is not a regular file (a draft source is a file)");
    }
    let mut bytes = Vec::new();
    file.take(MAX_SOURCE_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read `{shown}`"))?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        bail!(
            "cannot read `{shown}`: it is larger than {} MiB, the limit for a draft source",
            MAX_SOURCE_BYTES >> 20
        );
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "cannot read `{shown}`: it is not UTF-8 (byte {} is not); drafts are UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

impl Document {
    /// Read a draft file.
    pub fn read(path: &Path) -> Result<Document> {
        let text = read_text(path)?;
        let Some(kind) = SourceKind::detect(path, text.as_bytes()) else {
            bail!(
                "`{}` is not a draft source newdraft reads (`.xml`, `.md` or `.txt`)",
                path.display()
            );
        };
        Document::parse(&text, kind).with_context(|| format!("failed to read `{}`", path.display()))
    }

    /// Read a draft from its text.
    pub fn parse(text: &str, kind: SourceKind) -> Result<Document> {
        let head = scan(text.as_bytes(), kind);
        let mut doc = Document {
            kind,
            docname: head.docname,
            series_info: head.series_info,
            title: None,
            abbrev: None,
            workgroup: None,
            authors: Vec::new(),
            abstract_text: None,
            sections: Vec::new(),
        };
        match kind {
            SourceKind::Xml => parse_xml(text, &mut doc)?,
            SourceKind::Kramdown => parse_kramdown(text, &mut doc)?,
            SourceKind::Mmark => parse_mmark(text, &mut doc)?,
            SourceKind::Text => {}
        }
        Ok(doc)
    }

    /// The first section whose title contains one of `words` (case-insensitive), such as
    /// `["problem statement", "problem"]`.
    pub fn section(&self, words: &[&str]) -> Option<&Section> {
        words.iter().find_map(|w| {
            let w = w.to_lowercase();
            self.sections
                .iter()
                .find(|s| s.title.to_lowercase().contains(&w))
        })
    }
}

// ---------------------------------------------------------------------------------------------
// RFCXML

fn parse_xml(text: &str, doc: &mut Document) -> Result<()> {
    let opts = || roxmltree::ParsingOptions {
        allow_dtd: true,
        // A bound on memory: a real draft has tens of thousands of nodes.
        nodes_limit: MAX_XML_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    let text = xml::resolvable(text);
    let xml = match roxmltree::Document::parse_with_options(&text, opts()) {
        Ok(xml) => xml,
        Err(whole) => {
            // kramdown-rfc also reads an RFCXML front followed by a Markdown body (its own
            // `stupid.mkd`): read what is XML, the front, when that much parses.
            let front_only = text
                .find("</front>")
                .map(|end| format!("{}</front></rfc>", &text[..end]));
            match front_only
                .as_deref()
                .map(|t| roxmltree::Document::parse_with_options(t, opts()))
            {
                Some(Ok(front)) => {
                    read_xml(&front, doc);
                    return Ok(());
                }
                _ => return Err(whole).context("the XML is not well-formed"),
            }
        }
    };
    read_xml(&xml, doc);
    Ok(())
}

/// What a parsed RFCXML document says: title, workgroup, authors, abstract, sections.
fn read_xml(xml: &roxmltree::Document<'_>, doc: &mut Document) {
    let root = xml.root_element();
    let front = child(root, "front");
    if let Some(front) = front {
        if let Some(title) = child(front, "title") {
            doc.title = Some(squash(&all_text(title)));
            doc.abbrev = title.attribute("abbrev").map(str::to_owned);
        }
        doc.workgroup = child(front, "workgroup").map(|w| squash(&all_text(w)));
        for a in front.children().filter(|n| n.has_tag_name("author")) {
            let address = child(a, "address");
            // v2 sources often give only `initials` and `surname`, which xml2rfc and the
            // Datatracker accept as the name.
            let short = a
                .attribute("surname")
                .filter(|s| !s.trim().is_empty())
                .map(|s| {
                    format!("{} {s}", a.attribute("initials").unwrap_or_default())
                        .trim()
                        .to_owned()
                });
            doc.authors.push(Author {
                fullname: a.attribute("fullname").map(str::to_owned).or(short),
                email: address
                    .and_then(|ad| child(ad, "email"))
                    .map(|e| squash(&all_text(e))),
                organization: child(a, "organization")
                    .map(|o| squash(&all_text(o)))
                    .filter(|o| !o.is_empty()),
            });
        }
        if let Some(abs) = child(front, "abstract") {
            doc.abstract_text = Some(block_text(abs));
        }
    }
    for part in ["middle", "back"] {
        if let Some(node) = child(root, part) {
            xml_sections(node, 1, &mut doc.sections);
        }
    }
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name(name))
}

fn xml_sections(node: roxmltree::Node<'_, '_>, depth: usize, out: &mut Vec<Section>) {
    if depth > MAX_NESTING {
        return;
    }
    for s in node.children().filter(|n| n.has_tag_name("section")) {
        let title = child(s, "name").map_or_else(
            || s.attribute("title").unwrap_or_default().to_owned(),
            |n| squash(&all_text(n)),
        );
        out.push(Section {
            title,
            depth,
            text: block_text(s),
        });
        xml_sections(s, depth + 1, out);
    }
}

/// The text of an element and its descendants, in document order. An empty `<eref>` reads as
/// its URL and an empty `<xref>` as `[target]`, the way xml2rfc renders them.
fn all_text(node: roxmltree::Node<'_, '_>) -> String {
    let mut out = String::new();
    push_text(node, &mut out, 0);
    out
}

fn push_text(node: roxmltree::Node<'_, '_>, out: &mut String, depth: usize) {
    if depth > MAX_NESTING {
        return;
    }
    for c in node.children() {
        if c.is_text() {
            out.push_str(c.text().unwrap_or_default());
            continue;
        }
        if !c.is_element() {
            continue;
        }
        let empty = !c
            .descendants()
            .any(|d| d.is_text() && !d.text().unwrap_or_default().trim().is_empty());
        match (c.tag_name().name(), c.attribute("target")) {
            ("eref", Some(target)) if empty => out.push_str(target),
            ("xref", Some(target)) if empty => {
                out.push('[');
                out.push_str(target);
                out.push(']');
            }
            _ => push_text(c, out, depth + 1),
        }
    }
}

/// Paragraph-level text of a block: each `<t>`, list item, definition or subsection heading
/// becomes one paragraph.
fn block_text(node: roxmltree::Node<'_, '_>) -> String {
    let mut paras: Vec<String> = Vec::new();
    walk(node, &mut paras, 0);
    paras.join("\n\n")
}

/// Collect the paragraphs under `node` for [`block_text`].
fn walk(node: roxmltree::Node<'_, '_>, paras: &mut Vec<String>, depth: usize) {
    if depth > MAX_NESTING {
        return;
    }
    for c in node.children().filter(roxmltree::Node::is_element) {
        match c.tag_name().name() {
            "t" | "dt" | "dd" | "artwork" | "sourcecode" => {
                let t = squash(&all_text(c));
                if !t.is_empty() {
                    paras.push(t);
                }
            }
            "li" => {
                let t = squash(&all_text(c));
                if !t.is_empty() {
                    paras.push(format!("- {t}"));
                }
            }
            "name" => {}
            "section" => {
                if let Some(n) = child(c, "name") {
                    paras.push(squash(&all_text(n)));
                }
                walk(c, paras, depth + 1);
            }
            _ => walk(c, paras, depth + 1),
        }
    }
}

/// Collapse runs of whitespace to one space.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------------
// kramdown-rfc

fn parse_kramdown(text: &str, doc: &mut Document) -> Result<()> {
    let (lines, y) = front_matter_yaml(text)?;
    {
        let y = &y;
        let s = |k: &str| y[k].as_str().map(str::to_owned);
        doc.title = s("title");
        doc.abbrev = s("abbrev");
        doc.workgroup = s("workgroup").or_else(|| s("wg"));
        let authors = match &y["author"] {
            yaml_rust2::Yaml::Array(a) => a.clone(),
            h @ yaml_rust2::Yaml::Hash(_) => vec![h.clone()],
            _ => Vec::new(),
        };
        for a in authors {
            let s = |k: &str| a[k].as_str().map(str::to_owned);
            doc.authors.push(Author {
                fullname: s("fullname").or_else(|| s("name")),
                email: s("email"),
                organization: s("organization").or_else(|| s("org")),
            });
        }
    }
    // The body: `--- abstract`, `--- middle`, `--- back` mark the parts.
    let body_start = lines.last().map_or(0, |(n, _)| *n);
    let body: Vec<&str> = text.lines().skip(body_start).collect();
    let mut part = "";
    let mut abstract_lines = Vec::new();
    let mut markdown = Vec::new();
    for line in body {
        if let Some(p) = line.strip_prefix("---") {
            part = p.trim();
            continue;
        }
        match part {
            "abstract" => abstract_lines.push(line),
            "middle" | "back" => markdown.push(line),
            _ => {}
        }
    }
    doc.abstract_text = Some(markdown_paragraphs(&abstract_lines)).filter(|a| !a.is_empty());
    doc.sections = markdown_sections(&markdown, "#");
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// mmark

fn parse_mmark(text: &str, doc: &mut Document) -> Result<()> {
    let mut parts = text.splitn(3, "%%%");
    let (Some(_), Some(block), Some(body)) = (parts.next(), parts.next(), parts.next()) else {
        bail!("the mmark title block (between `%%%` lines) is not closed");
    };
    let table: toml::Table = block
        .parse()
        .map_err(|e| anyhow::anyhow!("the mmark title block does not parse as TOML: {e}"))?;
    // mmark matches title-block keys without regard to case (`Title = "…"`), as Go's TOML
    // decoding does.
    let get = |t: &'_ toml::Table, k: &str| -> Option<toml::Value> {
        t.get(k)
            .or_else(|| {
                t.iter()
                    .find(|(key, _)| key.eq_ignore_ascii_case(k))
                    .map(|(_, v)| v)
            })
            .cloned()
    };
    let s = |t: &toml::Table, k: &str| get(t, k).and_then(|v| v.as_str().map(str::to_owned));
    doc.title = s(&table, "title");
    doc.abbrev = s(&table, "abbrev");
    doc.workgroup = s(&table, "workgroup");
    if let Some(authors) = get(&table, "author").and_then(|a| a.as_array().cloned()) {
        for a in authors.iter().filter_map(|a| a.as_table()) {
            let address = get(a, "address").and_then(|ad| ad.as_table().cloned());
            let address = address.as_ref();
            doc.authors.push(Author {
                fullname: s(a, "fullname"),
                email: address.and_then(|ad| s(ad, "email")),
                organization: s(a, "organization"),
            });
        }
    }
    let lines: Vec<&str> = body.lines().collect();
    let main = lines.iter().position(|l| l.trim() == "{mainmatter}");
    let (front, rest) = lines.split_at(main.unwrap_or(0));
    let abs: Vec<&str> = front
        .iter()
        .skip_while(|l| !l.trim_start().starts_with(".# Abstract"))
        .skip(1)
        .copied()
        .collect();
    doc.abstract_text = Some(markdown_paragraphs(&abs)).filter(|a| !a.is_empty());
    let rest: Vec<&str> = rest
        .iter()
        .filter(|l| !matches!(l.trim(), "{mainmatter}" | "{backmatter}"))
        .copied()
        .collect();
    doc.sections = markdown_sections(&rest, "#");
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Markdown bodies (both dialects)

/// Split Markdown lines into sections at `#` headings.
fn markdown_sections(lines: &[&str], marker: &str) -> Vec<Section> {
    let mut heads: Vec<(usize, usize, String)> = Vec::new(); // (index, depth, title)
    let mut fence = false;
    for (i, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with("~~~") || line.trim_start().starts_with("```") {
            fence = !fence;
        }
        if fence || !line.starts_with(marker) {
            continue;
        }
        let depth = line.bytes().take_while(|&b| b == b'#').count();
        let title = strip_attributes(line[depth..].trim());
        if !title.is_empty() {
            heads.push((i, depth, title));
        }
    }
    let mut out = Vec::new();
    for (k, (i, depth, title)) in heads.iter().enumerate() {
        // A section runs to the next heading of the same or a higher level.
        let end = heads[k + 1..]
            .iter()
            .find(|(_, d, _)| d <= depth)
            .map_or(lines.len(), |(j, _, _)| *j);
        let inner: Vec<&str> = lines[i + 1..end]
            .iter()
            .map(|l| {
                if l.starts_with('#') {
                    l.trim_start_matches('#').trim()
                } else {
                    l
                }
            })
            .collect();
        out.push(Section {
            title: title.clone(),
            depth: *depth,
            text: markdown_paragraphs(&inner),
        });
    }
    out
}

/// Remove kramdown attribute lists (`{#anchor}`, `{: …}`) from a heading.
fn strip_attributes(s: &str) -> String {
    match s.find(" {") {
        Some(i) if s.ends_with('}') => s[..i].trim().to_owned(),
        _ => s.to_owned(),
    }
}

/// Markdown lines as paragraphs of plain text: blank lines separate paragraphs, attribute
/// lists, extension tags (`{::…}`) and comments are dropped, `REQ-1:` / `: text` definition
/// pairs are joined.
fn markdown_paragraphs(lines: &[&str]) -> String {
    let mut paras: Vec<String> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut comment = false;
    let flush = |cur: &mut Vec<String>, paras: &mut Vec<String>| {
        if !cur.is_empty() {
            paras.push(cur.join(" "));
            cur.clear();
        }
    };
    for raw in lines {
        let line = raw.trim();
        if comment {
            if line.contains("-->") {
                comment = false;
            }
            continue;
        }
        if line.starts_with("<!--") {
            comment = !line.contains("-->");
            continue;
        }
        if line.is_empty() {
            flush(&mut cur, &mut paras);
            continue;
        }
        if line.starts_with('{') && line.ends_with('}') {
            continue;
        }
        if let Some(def) = line.strip_prefix(": ") {
            cur.push(def.trim().to_owned());
            continue;
        }
        cur.push(line.to_owned());
    }
    flush(&mut cur, &mut paras);
    paras.join("\n\n")
}

#[cfg(test)]
mod tests {
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
}
