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

mod document;
pub mod edit;
pub mod facts;
mod head;
mod kramdown;
pub mod xml;
pub mod yaml;

pub use document::{Author, Document, MAX_SOURCE_BYTES, Section, read_text};
pub use edit::rename;
pub use head::{HEAD_BYTES, READS, scan, scan_prefix};
pub(crate) use head::{
    date_of, decode_predefined, front_matter_spans, front_matter_yaml, predefined,
};

use std::path::Path;

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

/// The refusal of `bump`, `adopt` and `email announce` for the source of a published RFC
/// (`<rfc number="9334" docName="draft-…-22">`, kramdown-rfc's `number:`): the draft it names
/// became that RFC, and the Datatracker takes no revision of a draft that is an RFC.
pub fn published_rfc(path: &std::path::Path, number: &Located) -> anyhow::Error {
    anyhow::anyhow!(
        "`{}` is the source of RFC {} (line {}): its draft became that RFC, and the Datatracker takes no new revision or adoption of it; work on the RFC goes in a new draft (`newdraft init`, often named `…-rfc{}bis`)",
        path.display(),
        number.value,
        number.line,
        number.value.trim()
    )
}

/// The refusal of `bump`, `adopt` and `email announce` for a draft whose `docName` and own
/// `seriesInfo` differ: xml2rfc refuses such a file, so no revision is written or announced
/// from it. `None` when they agree (or one is missing).
pub fn series_info_mismatch(
    path: &std::path::Path,
    docname: &Located,
    series_info: Option<&Located>,
) -> Option<anyhow::Error> {
    let si = series_info.filter(|si| si.value != docname.value)?;
    Some(anyhow::anyhow!(
        "`{}`: `docName` is `{}` but `seriesInfo` says `{}` (rule R9, {}); make them the same first",
        path.display(),
        docname.value,
        si.value,
        crate::name::Code::SeriesInfoMismatch
    ))
}

/// A file's name up to its first dot, from a path as written (`dir/draft-x-00.xml` →
/// `draft-x-00`): the name a draft file stands for, before any extension (`.xml`, `.txt.orig`).
pub fn stem(path: &str) -> &str {
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    file.split_once('.').map_or(file, |(s, _)| s)
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
    if let Some(base) = crate::name::strip_latest(s) {
        return (base, None);
    }
    crate::name::Revision::split(s)
}

/// A declared name that a build step fills in (`@DOCNAME@`, `{docname}`, `${NAME}`): no name
/// to judge, and none a command can edit.
pub fn is_build_placeholder(value: &str) -> bool {
    value
        .bytes()
        .any(|b| matches!(b, b'@' | b'{' | b'}' | b'$' | b'%'))
}

/// A name `check` does not judge: a build placeholder, or i-d-template's placeholder
/// (`draft-todo-yourname-protocol`, which its setup replaces; a valid name all the same, which
/// the commands work on).
pub fn is_placeholder_name(value: &str) -> bool {
    is_build_placeholder(value) || value.starts_with("draft-todo-")
}

/// Whether a file named `stem` (up to its first dot) and the name it declares agree: the same
/// name, and the same revision when the file name has one. An unversioned file may declare a
/// revision (`draft-x.md` with `docname: draft-x-07`, kramdown-rfc's and mmark's layout) or
/// `-latest` (i-d-template's). `docName="draft-x-00.xml"` in `draft-x-00.xml`, or
/// `docName="draft-x"` in `draft-x-00.xml`, agrees: the name's own finding (a `.` in a name, a
/// missing revision) says what is wrong, once; so does `docName="draft-x-0.1"` in `draft-x.xml`
/// (a revision written with a dot).
pub fn names_agree(stem: &str, declared: &str) -> bool {
    let (file_base, file_rev) = split_revision(stem);
    let (base, rev) = split_declared(declared);
    (base == file_base && (file_rev.is_none() || rev == file_rev || declared == base))
        || [".xml", ".txt"]
            .iter()
            .any(|e| declared.strip_suffix(e) == Some(stem))
        || crate::name::Revision::split_dotted(declared)
            .is_some_and(|(base, rev)| base == file_base && (file_rev.is_none() || rev == file_rev))
}

#[cfg(test)]
mod tests;
