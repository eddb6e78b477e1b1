//! A whole draft read for the commands that work on one file ([`Document::parse`]).

use std::collections::HashSet;
use std::path::Path;

use anyhow::{Context as _, Result, bail};

use super::head::front_matter_yaml;
use super::{Located, SourceKind, scan, xml};

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
    /// The document's own name (see [`super::Head::docname`]).
    pub docname: Option<Located>,
    /// RFCXML `seriesInfo` for Internet-Draft.
    pub series_info: Option<Located>,
    /// The RFC number of an RFC's source (see [`super::Head::rfc_number`]).
    pub rfc: Option<Located>,
    /// The title.
    pub title: Option<String>,
    /// The short title.
    pub abbrev: Option<String>,
    /// The workgroup named in the front matter.
    pub workgroup: Option<String>,
    /// The mailing list the draft says it is discussed on (kramdown-rfc's `venue: mail:`), which
    /// may differ from the group's own (ietf-wg-aipref's drafts: `ai-control@ietf.org`).
    pub list: Option<String>,
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
pub(super) const MAX_XML_NODES: u32 = 4_000_000;

/// Sections, lists and inline markup nested deeper than this are read as flat text.
const MAX_NESTING: usize = 64;

/// Read a whole draft source as text: a regular file (a FIFO would block, a device never
/// end), at most [`MAX_SOURCE_BYTES`], UTF-8. Errors name the path and the limit.
pub fn read_text(path: &Path) -> Result<String> {
    use std::io::Read as _;
    let shown = path.display();
    let file = crate::read::open_regular(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::Other {
            anyhow::anyhow!("cannot read `{shown}`: {e} (a draft source is a file)")
        } else {
            anyhow::Error::new(e).context(format!("cannot read `{shown}`"))
        }
    })?;
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
            rfc: head.rfc_number,
            title: None,
            abbrev: None,
            workgroup: None,
            list: None,
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
pub(super) fn squash(s: &str) -> String {
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
        doc.list = y["venue"]["mail"].as_str().map(str::to_owned);
        let authors = match &y["author"] {
            yaml_rust2::Yaml::Array(a) => a.clone(),
            h @ yaml_rust2::Yaml::Hash(_) => vec![h.clone()],
            _ => Vec::new(),
        };
        for a in authors {
            let s = |k: &str| a[k].as_str().map(str::to_owned);
            doc.authors.push(Author {
                fullname: kramdown_author_name(&a),
                email: s("email"),
                organization: s("organization").or_else(|| s("org")),
            });
        }
    }
    // The body: `--- abstract`, `--- middle`, `--- back` mark the parts.
    let body_start = lines.last().map_or(0, |(n, _)| *n);
    let mut divisions = super::kramdown::Divisions::default();
    let mut abstract_lines = Vec::new();
    let mut markdown = Vec::new();
    for line in text.lines().skip(body_start) {
        if divisions.line(line) {
            // A division line ends the block before it, as a blank line does.
            markdown.push("");
            continue;
        }
        match divisions.current() {
            "abstract" => abstract_lines.push(line),
            "middle" | "back" => markdown.push(line),
            _ => {}
        }
    }
    doc.abstract_text = Some(markdown_paragraphs(&abstract_lines)).filter(|a| !a.is_empty());
    doc.sections = markdown_sections(&markdown, "#");
    Ok(())
}

/// A kramdown-rfc author's name, as kramdown-rfc reads it (`authorps_from_hash` in its
/// `refxml.rb`): `fullname:` or `name:`, a string or a map of the name (`:`) and its ASCII
/// form (`ascii:`), as `fullname: {":": 刘彦梅, ascii: Yanmei Liu}`; `asciiFullname:`; else the
/// initials and surname (`ins: Q. De Coninck`, or `initials:` and `surname:`), which xml2rfc
/// and the Datatracker take as the name.
fn kramdown_author_name(a: &yaml_rust2::Yaml) -> Option<String> {
    let text = |v: &yaml_rust2::Yaml| {
        v.as_str()
            .or_else(|| v[":"].as_str())
            .or_else(|| v["ascii"].as_str())
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
    };
    let short = || {
        let surname = a["surname"]
            .as_str()
            .map(str::trim)
            .filter(|s| !s.is_empty())?;
        let initials = a["initials"].as_str().unwrap_or_default().trim();
        Some(format!("{initials} {surname}").trim().to_owned())
    };
    ["fullname", "name", "asciiFullname", "ins"]
        .iter()
        .find_map(|k| text(&a[*k]))
        .or_else(short)
}

// ---------------------------------------------------------------------------------------------
// mmark

fn parse_mmark(text: &str, doc: &mut Document) -> Result<()> {
    let mut parts = text.splitn(3, "%%%");
    let (Some(_), Some(block), Some(body)) = (parts.next(), parts.next(), parts.next()) else {
        bail!("the mmark title block (between `%%%` lines) is not closed");
    };
    let table: toml::Table = block.parse().map_err(|e: toml::de::Error| {
        // One line: the file's line of the error, and what the parser says of it.
        let before = text.len() - block.len() - body.len() - "%%%".len();
        let line = e.span().map(|s| {
            format!(
                " (line {})",
                text[..before + s.start].matches('\n').count() + 1
            )
        });
        anyhow::anyhow!(
            "the mmark title block does not parse as TOML{}: {}",
            line.unwrap_or_default(),
            e.message().trim()
        )
    })?;
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
    // The abstract is `.# Abstract` up to the next heading (`.# Note`, `{mainmatter}`'s
    // sections): the front matter may hold notes after it.
    let abs: Vec<&str> = front
        .iter()
        .skip_while(|l| !l.trim_start().starts_with(".# Abstract"))
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with('#') && !l.trim_start().starts_with(".#"))
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

/// Split Markdown lines into sections at headings: ATX (`# Title`) and setext (a title line
/// at the start of a block, underlined with `===` or `---`).
fn markdown_sections(lines: &[&str], marker: &str) -> Vec<Section> {
    // (the heading's first line, its underline if it has one, depth, title)
    let mut heads: Vec<(usize, Option<usize>, usize, String)> = Vec::new();
    let mut fence = false;
    // The line before ended a block: the start, a blank line, a heading, a fence, an IAL.
    let mut block_start = true;
    for (i, line) in lines.iter().enumerate() {
        let starts_block = std::mem::replace(&mut block_start, line.trim().is_empty());
        if line.trim_start().starts_with("~~~") || line.trim_start().starts_with("```") {
            fence = !fence;
            block_start = true;
            continue;
        }
        if fence {
            continue;
        }
        if heads.last().is_some_and(|h| h.1 == Some(i)) {
            // The underline of the heading just read.
            block_start = true;
            continue;
        }
        let t = line.trim();
        if t.starts_with("{:") && t.ends_with('}') {
            block_start = true;
            continue;
        }
        if line.starts_with(marker) {
            let depth = line.bytes().take_while(|&b| b == b'#').count();
            let title = strip_attributes(line[depth..].trim());
            if !title.is_empty() {
                heads.push((i, None, depth, title));
            }
            block_start = true;
            continue;
        }
        let underline = lines
            .get(i + 1)
            .and_then(|u| super::kramdown::setext_underline(u));
        if let Some(depth) =
            underline.filter(|_| starts_block && super::kramdown::setext_text(line))
        {
            heads.push((i, Some(i + 1), depth, strip_attributes(t)));
        }
    }
    let underlines: HashSet<usize> = heads.iter().filter_map(|h| h.1).collect();
    let mut out = Vec::new();
    for (k, (i, underline, depth, title)) in heads.iter().enumerate() {
        // A section runs to the next heading of the same or a higher level.
        let end = heads[k + 1..]
            .iter()
            .find(|(_, _, d, _)| d <= depth)
            .map_or(lines.len(), |(j, _, _, _)| *j);
        let body = underline.map_or(i + 1, |u| u + 1);
        let inner: Vec<&str> = (body..end)
            .filter(|j| !underlines.contains(j))
            .map(|j| {
                let l = lines[j];
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
pub(super) fn strip_attributes(s: &str) -> String {
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
            cur.push(unescape_markdown(def.trim()));
            continue;
        }
        cur.push(unescape_markdown(line));
    }
    flush(&mut cur, &mut paras);
    paras.join("\n\n")
}

/// Markdown's backslash escapes as the text they stand for (`\_for-sale` is `_for-sale`).
fn unescape_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}
