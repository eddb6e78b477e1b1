//! What a whole draft source says about its readiness to be posted, for the submission gate
//! (`check --submission`, `submit`): the date as written, `version`, what it includes from
//! elsewhere (`xi:include`, external entities), its references and citations, its BCP 14 key
//! words and boilerplate, placeholder text and empty sections.
//!
//! Facts, not verdicts: `submission` judges them. RFCXML is read with roxmltree (entities as
//! [`super::xml::resolvable`] leaves them), kramdown-rfc line by line after its YAML front
//! matter. Every fact carries the 1-based line it was found on.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use anyhow::{Context as _, Result};
use regex::Regex;
use roxmltree::Node;

use super::kramdown::{self, Divisions, setext_text, setext_underline};
use super::{Located, SourceKind, xml};

/// The `XInclude` namespace.
const XINCLUDE: &str = "http://www.w3.org/2001/XInclude";

/// The BCP 14 key words (RFC 2119, RFC 8174), longest first so `MUST NOT` is one word.
static KEYWORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(MUST NOT|SHALL NOT|SHOULD NOT|NOT RECOMMENDED|MUST|REQUIRED|SHALL|SHOULD|RECOMMENDED|MAY|OPTIONAL)\b")
        .expect("the BCP 14 key word regex is valid")
});

/// What `init`'s skeleton and other templates leave for the author to fill in.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\bTODO\b|\[FILL IN|\[REPLACE\]|{}|{}",
        regex::escape(crate::author::PLACEHOLDER_FULLNAME),
        regex::escape(crate::author::PLACEHOLDER_EMAIL)
    ))
    .expect("the placeholder regex is valid")
});

/// A kramdown IAL anchor: `{#id}` after a heading, `{: #id title="…"}` under a figure or table.
/// An anchor an attribute list gives: `{#name}`, `{: #name}`, or `{: id="name" …}` /
/// `{:id='name'}` (ietf-wg-uuidrev's figures, httpwg's retrofit).
static IAL_ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\{:?\s*#([^\s}]+)|\{:[^}]*?\bid\s*=\s*["']([^"'}\s]+)["']"#)
        .expect("the IAL anchor regex is valid")
});

/// A kramdown-rfc citation: `{{RFC2119}}`, `{{!RFC8174}}`, `{{?I-D.x}}`, `{{Section 3 of RFC9000}}`.
static CITATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{\{([^{}]+)\}\}").expect("the citation regex is valid"));

/// The document date as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateFact {
    /// No date at all.
    Missing,
    /// A date the converter fills in with the day it runs (kramdown-rfc's empty `date:`).
    Today,
    /// A date as written: year, month, day (each empty when not given), and its line.
    Given {
        year: String,
        month: String,
        day: String,
        line: usize,
    },
}

/// A section heading: its title, line, and whether it has no text and no subsections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionFact {
    pub title: String,
    pub line: usize,
    pub empty: bool,
}

/// Everything the submission gate asks of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// RFCXML `version` of `<rfc>`; kramdown-rfc `v:`.
    pub version: Option<Located>,
    /// The document date.
    pub date: DateFact,
    /// `xi:include` hrefs.
    pub includes: Vec<Located>,
    /// External entities the body uses: (name, system identifier and declaration line).
    pub external_entities: Vec<(String, Located)>,
    /// The references (their anchors), where they are declared.
    pub references: Vec<Located>,
    /// The targets of citations and cross-references, where they are written.
    pub citations: Vec<Located>,
    /// Every anchor a cross-reference may point to (references, sections, figures, …).
    pub anchors: HashSet<String>,
    /// Whether an include or external entity brings in anchors that cannot be known without
    /// resolving it (so a citation of an unknown anchor may be defined there).
    pub opaque_includes: bool,
    /// The first BCP 14 key word used outside the boilerplate.
    pub bcp14_keyword: Option<Located>,
    /// The line of the BCP 14 boilerplate.
    pub bcp14_boilerplate: Option<usize>,
    /// Which of the references the boilerplate cites (`RFC 2119`, and `RFC 8174` for RFC 8174's
    /// form) are not there (nor added by the converter).
    pub bcp14_missing: Vec<&'static str>,
    /// The boilerplate is RFC 2119's own, older form, which cites RFC 2119 alone (quicwg's
    /// load-balancers: "… as described in RFC 2119 {{?RFC2119}}."), so RFC 8174 is not needed.
    pub bcp14_rfc2119_only: bool,
    /// Placeholder text left in: the marker found, where.
    pub placeholders: Vec<Located>,
    /// Every section heading.
    pub sections: Vec<SectionFact>,
}

impl Facts {
    /// Read the facts of a whole source. Text drafts and mmark give no facts (`None`): the
    /// gate then judges what [`super::Document`] reads.
    pub fn read(text: &str, kind: SourceKind) -> Result<Option<Facts>> {
        match kind {
            SourceKind::Xml => xml_facts(text).map(Some),
            SourceKind::Kramdown => kramdown_facts(text).map(Some),
            SourceKind::Mmark | SourceKind::Text => Ok(None),
        }
    }

    /// Whether a citation of `target` is defined (or may be, in what an include brings in).
    pub fn defines(&self, target: &str) -> bool {
        self.anchors.contains(target) || self.opaque_includes
    }
}

fn empty_facts() -> Facts {
    Facts {
        version: None,
        date: DateFact::Missing,
        includes: Vec::new(),
        external_entities: Vec::new(),
        references: Vec::new(),
        citations: Vec::new(),
        anchors: HashSet::new(),
        opaque_includes: false,
        bcp14_keyword: None,
        bcp14_boilerplate: None,
        bcp14_missing: Vec::new(),
        bcp14_rfc2119_only: false,
        placeholders: Vec::new(),
        sections: Vec::new(),
    }
}

/// A version 2 `<?rfc include="reference.RFC.2119.xml"?>` (or without `.xml`): xml2rfc still
/// reads it ("`XInclude` should be used instead of PI include", a warning) and brings in the
/// reference, whose anchor its file is named for (martinthomson/drafts' v2 sources cite
/// `RFC2119` through one).
fn pi_include(target: &str, value: &str, f: &mut Facts) {
    if target != "rfc" {
        return;
    }
    let Some(rest) = value.trim_start().strip_prefix("include") else {
        return;
    };
    let rest = rest.trim_start().strip_prefix('=').unwrap_or("").trim();
    let Some(quote) = rest.chars().next().filter(|q| matches!(q, '"' | '\'')) else {
        return;
    };
    let file = rest[1..].split(quote).next().unwrap_or_default();
    let xml = std::path::Path::new(file)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xml"));
    let file = if xml {
        file.to_owned()
    } else {
        format!("{file}.xml")
    };
    include_anchor(&file, f);
}

/// What an include of `href` defines: the anchor its bibxml file is named for, or, for any
/// other file, anchors that cannot be known without it.
fn include_anchor(href: &str, f: &mut Facts) {
    match bibxml_anchor(href) {
        Some(anchor) => {
            f.anchors.insert(anchor);
        }
        None => f.opaque_includes = true,
    }
}

/// The anchor of a bibxml reference from its file name, as the IETF's bibxml service names
/// them: `…/reference.RFC.2119.xml` → `RFC2119`, `…/reference.I-D.ietf-quic-http.xml` →
/// `I-D.ietf-quic-http`, `…/reference.W3C.REC-xml.xml` → `W3C.REC-xml`.
fn bibxml_anchor(href: &str) -> Option<String> {
    let file = href.rsplit('/').next()?;
    let inner = file.strip_prefix("reference.")?.strip_suffix(".xml")?;
    let (series, rest) = inner.split_once('.')?;
    if rest.is_empty() {
        return None;
    }
    Some(match series {
        "RFC" | "BCP" | "STD" | "FYI" => format!("{series}{}", rest.trim_start_matches('0')),
        _ => format!("{series}.{rest}"),
    })
}

/// Whether a paragraph is the BCP 14 boilerplate (RFC 8174's, or RFC 2119's older one), also
/// when it says "keywords" (ietf-wg-webtrans's), and wherever its lines break (tlswg's
/// tls-subcerts breaks between "BCP" and "14"; idnits reads words, not lines).
fn is_boilerplate(text: &str) -> bool {
    // Every run of white space (line breaks, no-break spaces) as one space.
    let t = super::document::squash(text);
    mentions_key_words(&t) && (t.contains("BCP 14") || t.contains("RFC 2119"))
}

/// Whether a boilerplate paragraph is RFC 2119's older form: it names neither BCP 14 nor
/// RFC 8174 (`cites_8174`: an `<xref>` in it does).
fn rfc2119_only(text: &str, cites_8174: bool) -> bool {
    let t = super::document::squash(text);
    !cites_8174 && !t.contains("8174") && !t.contains("BCP 14") && !t.contains("BCP14")
}

/// Whether a text speaks of "key words" (or "keywords").
fn mentions_key_words(text: &str) -> bool {
    text.contains("key words") || text.contains("keywords")
}

/// Push every placeholder in `text`, which starts on `line`.
fn placeholders_in(text: &str, line: usize, out: &mut Vec<Located>) {
    for m in PLACEHOLDER.find_iter(text) {
        out.push(Located {
            value: m.as_str().to_owned(),
            line: line + text[..m.start()].matches('\n').count(),
        });
    }
}

// ---------------------------------------------------------------------------------------------
// RFCXML

fn xml_facts(text: &str) -> Result<Facts> {
    let mut f = empty_facts();
    f.external_entities = xml::external_entities(text.as_bytes());
    let resolvable = xml::resolvable(text);
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: super::document::MAX_XML_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(&resolvable, opts)
        .context("the XML is not well-formed")?;
    let line = |n: Node<'_, '_>| doc.text_pos_at(n.range().start).row as usize;
    let root = doc.root_element();
    f.version = root.attribute("version").map(|v| Located {
        value: v.to_owned(),
        line: line(root),
    });
    let front = root.children().find(|n| n.has_tag_name("front"));
    if let Some(d) = front.and_then(|fr| fr.children().find(|n| n.has_tag_name("date"))) {
        let a = |k: &str| d.attribute(k).unwrap_or_default().trim().to_owned();
        f.date = DateFact::Given {
            year: a("year"),
            month: a("month"),
            day: a("day"),
            line: line(d),
        };
    }
    let boilerplate = bcp14_boilerplate(root, &line, &mut f);
    let in_boilerplate = |n: Node<'_, '_>| n.ancestors().any(|a| Some(a.id()) == boilerplate);
    for n in root.descendants() {
        if n.is_element() {
            element_facts(n, &line, &in_boilerplate, &mut f);
        } else if let Some(pi) = n.pi() {
            pi_include(pi.target, pi.value.unwrap_or_default(), &mut f);
        } else {
            text_facts(n, &line, &in_boilerplate, &mut f);
        }
    }
    // The placeholder author is an attribute, not text.
    for a in root.descendants().filter(|n| n.has_tag_name("author")) {
        if let Some(name) = a.attribute("fullname") {
            placeholders_in(name, line(a), &mut f.placeholders);
        }
    }
    bcp14_references(&mut f);
    // An external entity stands for a reference whose anchor is its name, more or less; what
    // else it defines cannot be known without it.
    for (name, _) in &f.external_entities {
        f.anchors.insert(name.clone());
        f.anchors.insert(name.to_uppercase());
        f.opaque_includes = true;
    }
    f.placeholders.sort_by_key(|p| p.line);
    Ok(f)
}

/// The BCP 14 boilerplate paragraph (whose own key words are not uses), noted in `f`.
fn bcp14_boilerplate(
    root: Node<'_, '_>,
    line: &dyn Fn(Node<'_, '_>) -> usize,
    f: &mut Facts,
) -> Option<roxmltree::NodeId> {
    for n in root.descendants().filter(|n| n.has_tag_name("t")) {
        // The RFC is often only an `<xref>`, which has no text.
        let cites_2119 = n.descendants().any(|x| {
            x.has_tag_name("xref") && x.attribute("target").is_some_and(|t| t.contains("2119"))
        });
        let text = text_of(n);
        if is_boilerplate(&text) || (cites_2119 && mentions_key_words(&text)) {
            let cites_8174 = n.descendants().any(|x| {
                x.has_tag_name("xref") && x.attribute("target").is_some_and(|t| t.contains("8174"))
            });
            f.bcp14_boilerplate = Some(line(n));
            f.bcp14_rfc2119_only = rfc2119_only(&text, cites_8174);
            return Some(n.id());
        }
    }
    None
}

/// What an element tells: an include, an anchor (and a reference), a citation, a `<bcp14>`
/// key word, a section.
fn element_facts(
    n: Node<'_, '_>,
    line: &dyn Fn(Node<'_, '_>) -> usize,
    in_boilerplate: &dyn Fn(Node<'_, '_>) -> bool,
    f: &mut Facts,
) {
    let tag = n.tag_name();
    if tag.namespace() == Some(XINCLUDE) && tag.name() == "include" {
        let href = n.attribute("href").unwrap_or_default();
        // A bibxml reference brings in the anchor its file is named for.
        include_anchor(href, f);
        f.includes.push(Located {
            value: href.to_owned(),
            line: line(n),
        });
    }
    if let Some(a) = n.attribute("anchor") {
        f.anchors.insert(a.to_owned());
        let in_refs = n.parent().is_some_and(|p| p.has_tag_name("references"));
        if in_refs && (n.has_tag_name("reference") || n.has_tag_name("referencegroup")) {
            f.references.push(Located {
                value: a.to_owned(),
                line: line(n),
            });
        }
    }
    if (n.has_tag_name("xref") || n.has_tag_name("relref")) && n.attribute("target").is_some() {
        f.citations.push(Located {
            value: n.attribute("target").unwrap_or_default().to_owned(),
            line: line(n),
        });
    }
    if n.has_tag_name("bcp14") && f.bcp14_keyword.is_none() && !in_boilerplate(n) {
        f.bcp14_keyword = Some(Located {
            value: n.text().unwrap_or_default().trim().to_owned(),
            line: line(n),
        });
    }
    if n.has_tag_name("section") {
        let title = n.children().find(|c| c.has_tag_name("name")).map_or_else(
            || n.attribute("title").unwrap_or_default().to_owned(),
            |t| super::document::squash(&text_of(t)),
        );
        let empty = !n.children().any(|c| {
            c.is_element() && !c.has_tag_name("name")
                || c.is_text() && !c.text().unwrap_or_default().trim().is_empty()
        });
        f.sections.push(SectionFact {
            title,
            line: line(n),
            empty,
        });
    }
}

/// What running text tells (outside artwork, source code, references and `<bcp14>`):
/// placeholders, and the first BCP 14 key word outside the boilerplate.
fn text_facts(
    n: Node<'_, '_>,
    line: &dyn Fn(Node<'_, '_>) -> usize,
    in_boilerplate: &dyn Fn(Node<'_, '_>) -> bool,
    f: &mut Facts,
) {
    let Some(t) = n.text().filter(|_| n.is_text()) else {
        return;
    };
    let skip = n.ancestors().any(|a| {
        ["artwork", "sourcecode", "reference", "bcp14"]
            .iter()
            .any(|tag| a.has_tag_name(*tag))
    });
    if skip {
        return;
    }
    placeholders_in(t, line(n), &mut f.placeholders);
    if f.bcp14_keyword.is_none() && !in_boilerplate(n) {
        if let Some(m) = KEYWORD.find(t) {
            f.bcp14_keyword = Some(Located {
                value: m.as_str().to_owned(),
                line: line(n) + t[..m.start()].matches('\n').count(),
            });
        }
    }
}

/// Which of RFC 2119 and RFC 8174 the document never references (by anchor, bibxml include or
/// external entity).
fn bcp14_references(f: &mut Facts) {
    let mentions = |rfc: &str| {
        f.anchors.contains(&format!("RFC{rfc}"))
            || f.includes
                .iter()
                .any(|i| i.value.contains(&format!("RFC.{rfc}")))
            || f.external_entities
                .iter()
                .any(|(_, e)| e.value.contains(&format!("RFC.{rfc}")))
    };
    f.bcp14_missing = missing_bcp14(f.bcp14_rfc2119_only, mentions);
}

/// Which of the references the boilerplate cites are not there (`has` says, by RFC number):
/// RFC 2119, and RFC 8174 unless the boilerplate is RFC 2119's own.
fn missing_bcp14(rfc2119_only: bool, has: impl Fn(&str) -> bool) -> Vec<&'static str> {
    [("2119", "RFC 2119"), ("8174", "RFC 8174")]
        .into_iter()
        .filter(|(n, _)| !(has(n) || (rfc2119_only && *n == "8174")))
        .map(|(_, r)| r)
        .collect()
}

/// The text under an element.
fn text_of(n: Node<'_, '_>) -> String {
    n.descendants()
        .filter(roxmltree::Node::is_text)
        .filter_map(|d| d.text())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// kramdown-rfc

/// What the front matter tells: the version, the date, the references and their anchors,
/// placeholders left in its values.
fn front_matter_facts(lines: &[(usize, &[u8])], y: &yaml_rust2::Yaml, f: &mut Facts) {
    let key_line = |key: &str| {
        lines
            .iter()
            .find(|(_, l)| l.starts_with(format!("{key}:").as_bytes()))
            .map_or(1, |(n, _)| *n)
    };
    let scalar = |v: &yaml_rust2::Yaml| match v {
        yaml_rust2::Yaml::String(s) | yaml_rust2::Yaml::Real(s) => Some(s.clone()),
        yaml_rust2::Yaml::Integer(i) => Some(i.to_string()),
        _ => None,
    };
    f.version = scalar(&y["v"]).map(|v| Located {
        value: v,
        line: key_line("v"),
    });
    f.date = match scalar(&y["date"]).map(|d| d.trim().to_owned()) {
        None => DateFact::Today,
        Some(d) if d.is_empty() => DateFact::Today,
        Some(d) => {
            let mut parts = d.splitn(3, '-').map(str::to_owned);
            DateFact::Given {
                year: parts.next().unwrap_or_default(),
                month: parts.next().unwrap_or_default(),
                day: parts.next().unwrap_or_default(),
                line: key_line("date"),
            }
        }
    };
    for part in ["normative", "informative"] {
        if let yaml_rust2::Yaml::Hash(h) = &y[part] {
            for k in h.keys().filter_map(yaml_rust2::Yaml::as_str) {
                f.anchors.insert(k.to_owned());
                // The reference's own line, else its list's.
                let line = lines
                    .iter()
                    .find(|(_, l)| {
                        String::from_utf8_lossy(l)
                            .trim_start()
                            .starts_with(&format!("{k}:"))
                    })
                    .map_or_else(|| key_line(part), |(n, _)| *n);
                f.references.push(Located {
                    value: k.to_owned(),
                    line,
                });
            }
        }
    }
    if let yaml_rust2::Yaml::Hash(h) = &y["ref"] {
        // `ref:` entries are available to cite, and listed only where cited.
        f.anchors.extend(
            h.keys()
                .filter_map(yaml_rust2::Yaml::as_str)
                .map(str::to_owned),
        );
    }
    // Front-matter values the author fills in (the placeholder author, a TODO title).
    for (n, l) in lines {
        placeholders_in(&String::from_utf8_lossy(l), *n, &mut f.placeholders);
    }
}

/// The aliases of the front matter's references, as kramdown-rfc reads them: `RFC7049: orig`
/// (a name for a value) and `NAME: {-: alias}` each let `{{-alias}}` cite the reference.
fn reference_aliases(y: &yaml_rust2::Yaml) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for part in ["ref", "normative", "informative"] {
        let yaml_rust2::Yaml::Hash(h) = &y[part] else {
            continue;
        };
        for (k, v) in h {
            let Some(anchor) = k.as_str() else {
                continue;
            };
            let alias = match v {
                yaml_rust2::Yaml::String(s) => Some(s.as_str()),
                yaml_rust2::Yaml::Hash(_) => v["-"].as_str(),
                _ => None,
            };
            if let Some(alias) = alias {
                out.insert(alias.to_owned(), anchor.to_owned());
            }
        }
    }
    out
}

/// The state of a walk over a kramdown-rfc body, a line at a time.
#[derive(Default)]
struct BodyScan<'t> {
    /// Inside a fenced block.
    fence: bool,
    /// Inside an HTML comment.
    comment: bool,
    /// The division (`--- abstract`, `--- middle`, `--- back`) the line is in.
    divisions: Divisions<'t>,
    /// The index into the sections of the section still empty.
    open: Option<usize>,
    /// Where the paragraph being read began.
    para_start: Option<usize>,
    /// The paragraph being read.
    para: String,
    /// How many lines it has.
    para_lines: usize,
    /// `{::boilerplate bcp14…}` makes kramdown-rfc add the references itself.
    bcp14_macro: bool,
    /// The front matter's aliases (`RFC7049: orig`, cited `{{-orig}}`) → the anchor.
    aliases: HashMap<String, String>,
    /// Names in square brackets (`[RFC2119]`) and their lines: citations of the references
    /// listed, once the list is known.
    bracketed: Vec<(&'t str, usize)>,
    /// The references kramdown-rfc lists because a citation says so (`{{!X}}`, `{{?X}}`).
    listed: Vec<String>,
    /// The start of a citation the line before left open.
    open_citation: Option<String>,
}

impl<'t> BodyScan<'t> {
    /// Line `n` of the body.
    fn line(&mut self, f: &mut Facts, n: usize, line: &'t str) {
        // kramdown-rfc splits the source at its division lines before anything else.
        if self.divisions.line(line) {
            self.end_paragraph(f);
            return;
        }
        let t = line.trim();
        if t.starts_with("~~~") || t.starts_with("```") {
            self.fence = !self.fence;
            mark_filled(f, &mut self.open);
            return;
        }
        if self.fence {
            return;
        }
        if self.comment || t.starts_with("<!--") {
            self.comment = !t.contains("-->");
            return;
        }
        let division = self.divisions.current();
        if division.is_empty() {
            return;
        }
        if t.is_empty() {
            self.end_paragraph(f);
            return;
        }
        for a in IAL_ANCHOR.captures_iter(line) {
            if let Some(anchor) = a.get(1).or_else(|| a.get(2)) {
                f.anchors.insert(anchor.as_str().to_owned());
            }
        }
        if line.starts_with('#') && division != "abstract" {
            let depth = line.bytes().take_while(|&b| b == b'#').count();
            self.heading(f, n, &line[depth..]);
            return;
        }
        if setext_underline(line).is_some()
            && self.para_lines == 1
            && division != "abstract"
            && setext_text(self.para.trim_end_matches('\n'))
        {
            // The paragraph's one line was a setext heading's title.
            let title = std::mem::take(&mut self.para);
            self.para_lines = 0;
            self.para_start = None;
            self.heading(f, n - 1, &title);
            return;
        }
        if t.starts_with("{:") && t.ends_with('}') && !t.starts_with("{::boilerplate") {
            // An attribute list (`{:numbered="false"}`) is no content.
            return;
        }
        mark_filled(f, &mut self.open);
        if t.starts_with("{::boilerplate") && t.contains("bcp14") {
            f.bcp14_boilerplate.get_or_insert(n);
            // kramdown-rfc adds the normative references to RFC 2119 and RFC 8174 itself, and
            // cites them in the text it writes (`-bcp14`: BCP 14 as well).
            self.bcp14_macro = true;
            let bcp = t.contains("-bcp14").then_some("BCP14");
            for r in ["RFC2119", "RFC8174"].into_iter().chain(bcp) {
                f.anchors.insert(r.to_owned());
                f.citations.push(Located {
                    value: r.to_owned(),
                    line: n,
                });
            }
            return;
        }
        // A citation the line before left open goes on here (`{{Section 4.1 of` / `-toascii}}`).
        let carried = self
            .open_citation
            .take()
            .map(|open| format!("{open} {line}"));
        self.open_citation = kramdown::open_citation(line).map(str::to_owned);
        for c in kramdown::citations(carried.as_deref().unwrap_or(line)) {
            // An alias the front matter does not give stays `-name`, as kramdown-rfc leaves
            // it ("no alias replacement"): a target nothing defines.
            let target = if c.alias {
                self.aliases
                    .get(c.target)
                    .cloned()
                    .unwrap_or_else(|| format!("-{}", c.target))
            } else {
                c.target.to_owned()
            };
            if c.defines {
                f.anchors.insert(target.clone());
            }
            if c.listed {
                self.listed.push(target.clone());
            }
            f.citations.push(Located {
                value: target,
                line: n,
            });
        }
        self.bracketed
            .extend(kramdown::bracketed(line).map(|name| (name, n)));
        placeholders_in(line, n, &mut f.placeholders);
        self.para_start.get_or_insert(n);
        self.para.push_str(line);
        self.para.push('\n');
        self.para_lines += 1;
    }

    /// A heading on line `n`, titled `raw` (with its attributes): a new section (empty until
    /// something fills it), and its anchors.
    fn heading(&mut self, f: &mut Facts, n: usize, raw: &str) {
        self.end_paragraph(f);
        let raw = raw.trim();
        let title = super::document::strip_attributes(raw);
        if let Some(a) = raw.rsplit_once("{#").and_then(|(_, a)| a.strip_suffix('}')) {
            f.anchors.insert(a.trim().to_owned());
        }
        f.anchors.insert(slug(&title));
        // A subsection fills its parent.
        mark_filled(f, &mut self.open);
        f.sections.push(SectionFact {
            title,
            line: n,
            empty: true,
        });
        self.open = Some(f.sections.len() - 1);
    }

    /// The end of a paragraph.
    fn end_paragraph(&mut self, f: &mut Facts) {
        self.para_lines = 0;
        // No citation runs on past its paragraph.
        self.open_citation = None;
        end_paragraph(f, &mut self.para, &mut self.para_start);
    }
}

fn kramdown_facts(text: &str) -> Result<Facts> {
    let mut f = empty_facts();
    let (lines, y) = super::front_matter_yaml(text)?;
    front_matter_facts(&lines, &y, &mut f);
    let body_start = lines.last().map_or(0, |(n, _)| *n);
    let mut scan = BodyScan {
        aliases: reference_aliases(&y),
        ..BodyScan::default()
    };
    for (i, line) in text.lines().enumerate().skip(body_start) {
        scan.line(&mut f, i + 1, line);
    }
    let bcp14_macro = scan.bcp14_macro;
    scan.end_paragraph(&mut f);
    // What a citation lists (`{{!X}}`, `{{?X}}`, anywhere in the document) kramdown-rfc makes a
    // reference of; a citation of a reference nothing lists is left an `<xref>` to nothing,
    // which xml2rfc refuses (kramdown-rfc 1.6.22: `{{RFC9110}}` alone; mnot's ietf-decisions).
    f.anchors.extend(scan.listed.iter().cloned());
    // `[NAME]` cites a listed reference (kramdown-rfc makes each a link definition, whose
    // names kramdown compares without regard to case).
    let listed: HashMap<String, String> = f
        .references
        .iter()
        .map(|r| r.value.clone())
        .chain(scan.listed)
        .map(|r| (r.to_lowercase(), r))
        .collect();
    for (name, line) in scan.bracketed {
        if let Some(r) = listed.get(&name.to_lowercase()) {
            f.citations.push(Located {
                value: r.clone(),
                line,
            });
        }
    }
    if !bcp14_macro {
        let cited = |r: &str| f.citations.iter().any(|c| c.value == r) || f.anchors.contains(r);
        f.bcp14_missing = missing_bcp14(f.bcp14_rfc2119_only, |n| cited(&format!("RFC{n}")));
    }
    f.placeholders.sort_by_key(|p| p.line);
    Ok(f)
}

/// The section still open has content.
fn mark_filled(f: &mut Facts, open: &mut Option<usize>) {
    if let Some(i) = open.take() {
        f.sections[i].empty = false;
    }
}

/// A Markdown paragraph ended: is it the boilerplate, or does it use a key word?
fn end_paragraph(f: &mut Facts, para: &mut String, start: &mut Option<usize>) {
    let Some(first) = start.take() else {
        return;
    };
    if is_boilerplate(para) {
        if f.bcp14_boilerplate.is_none() {
            f.bcp14_rfc2119_only = rfc2119_only(para, false);
        }
        f.bcp14_boilerplate.get_or_insert(first);
    } else if f.bcp14_keyword.is_none() {
        // Citations and inline code are not prose.
        let prose = CITATION.replace_all(para, "");
        let prose = prose.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        if let Some(m) = KEYWORD.find(&prose) {
            f.bcp14_keyword = Some(Located {
                value: m.as_str().to_owned(),
                line: first + prose[..m.start()].matches('\n').count(),
            });
        }
    }
    para.clear();
}

/// kramdown's automatic header anchor: lower case, runs of other characters as one `-`.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bibxml_includes_name_their_anchor() {
        assert_eq!(
            bibxml_anchor("https://bib.ietf.org/public/rfc/bibxml/reference.RFC.2119.xml")
                .as_deref(),
            Some("RFC2119")
        );
        assert_eq!(
            bibxml_anchor(
                "https://bib.ietf.org/public/rfc/bibxml3/reference.I-D.ietf-quic-http.xml"
            )
            .as_deref(),
            Some("I-D.ietf-quic-http")
        );
        assert_eq!(bibxml_anchor("refs/local.xml"), None);
    }

    #[test]
    fn the_boilerplate_is_found_wherever_its_lines_break() {
        // tlswg/tls-subcerts: "… as described in BCP" / "14 {{!RFC2119}} …".
        let para = "The key words \"MUST\", \"MUST NOT\" … are to be interpreted as described in BCP\n14 {{!RFC2119}} {{!RFC8174}} when, and only when, they appear in all\ncapitals.";
        assert!(is_boilerplate(para));
        assert!(is_boilerplate(&para.replace("BCP\n14", "BCP\u{a0}14")));
        assert!(!is_boilerplate("A client MUST do it; see BCP 14."));
    }

    #[test]
    fn headings_have_kramdowns_anchors() {
        assert_eq!(slug("Problem Statement"), "problem-statement");
        assert_eq!(slug("Use Cases (1)"), "use-cases-1");
    }

    #[test]
    fn xml_facts_find_includes_entities_and_keywords() {
        let text = r#"<?xml version="1.0"?>
<!DOCTYPE rfc [
  <!ENTITY RFC2119 SYSTEM "https://bib.ietf.org/public/rfc/bibxml/reference.RFC.2119.xml">
]>
<rfc xmlns:xi="http://www.w3.org/2001/XInclude" version="2" docName="draft-a-b-00">
<front><title>T</title><date year="2026"/></front>
<middle>
<section anchor="s"><name>Intro</name><t>A client MUST do it. TODO: more.</t></section>
<section><name>Empty</name></section>
</middle>
<back><references><name>N</name>&RFC2119;
<xi:include href="ref.xml"/>
<reference anchor="X"><front><title>x</title></front></reference>
</references></back>
</rfc>"#;
        let f = Facts::read(text, SourceKind::Xml).unwrap().unwrap();
        assert_eq!(f.version.as_ref().unwrap().value, "2");
        assert!(matches!(f.date, DateFact::Given { ref month, .. } if month.is_empty()));
        assert_eq!(f.includes[0].value, "ref.xml");
        assert_eq!(f.external_entities[0].0, "RFC2119");
        assert!(f.external_entities[0].1.value.starts_with("https://"));
        assert_eq!(f.bcp14_keyword.as_ref().unwrap().value, "MUST");
        assert_eq!(f.bcp14_keyword.as_ref().unwrap().line, 8);
        assert_eq!(f.placeholders[0].line, 8);
        assert_eq!(f.references[0].value, "X");
        assert!(f.sections.iter().any(|s| s.title == "Empty" && s.empty));
        assert!(f.sections.iter().any(|s| s.title == "Intro" && !s.empty));
    }
}
