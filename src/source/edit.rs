//! Editing a draft source: reading one that `bump` and `adopt` can rewrite (RFCXML,
//! kramdown-rfc, mmark), its own name checked against the rules, and the edits both commands
//! make: the date, a front-matter or mmark title-block key, the name everywhere it appears.
//! Every edit works on the reader's spans ([`super::xml`], [`super::front_matter_spans`]), so
//! what is changed is the document's own, never a reference's or a comment's.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use chrono::{Datelike as _, NaiveDate};

use super::head::{scan_mmark_keys, yaml_key};
use super::{SourceKind, decode_predefined, front_matter_spans, split_declared, xml};
use crate::name::{self, Code, DraftName, Form, Issue};

/// A draft source read for rewriting: where it is, its text, and the name it gives itself.
#[derive(Debug, Clone)]
pub struct Editable {
    /// The path as given.
    pub path: PathBuf,
    /// The directory new files go into (the source's own).
    pub dir: PathBuf,
    /// The whole text.
    pub text: String,
    /// The format.
    pub kind: SourceKind,
    /// The extension, as written (`xml`, `md`).
    pub ext: String,
    /// The document's name for itself (`docName`, `docname:`, mmark `value`).
    pub docname: String,
}

impl Editable {
    /// Read a draft source that `bump` and `adopt` can rewrite (RFCXML, kramdown-rfc, mmark).
    pub fn read(path: &Path) -> Result<Editable> {
        let text = super::read_text(path)?;
        let kind = SourceKind::detect(path, text.as_bytes());
        let kind = match kind {
            Some(k @ (SourceKind::Xml | SourceKind::Kramdown | SourceKind::Mmark)) => k,
            Some(SourceKind::Text) => bail!(
                "`{}` is a rendered text draft; revise its source (`.xml` or `.md`) instead",
                path.display()
            ),
            None => bail!(
                "`{}` is not a draft source newdraft can revise (`.xml` or `.md`)",
                path.display()
            ),
        };
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        let head = super::scan(text.as_bytes(), kind);
        if let Some(number) = &head.rfc_number {
            return Err(super::published_rfc(path, number));
        }
        let Some(docname) = head.docname else {
            let field = match kind {
                SourceKind::Xml => "a `docName` attribute on `<rfc>`",
                SourceKind::Kramdown => "a `docname:` line in the front matter",
                _ => "a `value` in the `[seriesInfo]` table",
            };
            bail!(
                "`{}` does not declare its name (rule R9, {}); add {field}",
                path.display(),
                Code::DocNameMissing
            );
        };
        if let Some(e) = super::series_info_mismatch(path, &docname, head.series_info.as_ref()) {
            return Err(e);
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if stem.starts_with("draft-") && !super::names_agree(&stem, &docname.value) {
            bail!(
                "`{}` calls itself `{}` (rule R9, {}); rename the file or fix the name inside first",
                path.display(),
                docname.value,
                Code::DocNameMismatch
            );
        }
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Ok(Editable {
            path: path.to_path_buf(),
            dir,
            text,
            kind,
            ext,
            docname: docname.value,
        })
    }

    /// The name without `-latest`, when the source is an unversioned i-d-template one.
    pub fn latest_base(&self) -> Option<&str> {
        crate::name::strip_latest(&self.docname)
    }

    /// The path of a sibling file, for messages: as the user would type it.
    pub fn sibling(&self, file_name: &str) -> PathBuf {
        self.path.with_file_name(file_name)
    }
}

/// Parse a draft's own name (versioned, or the base of a `-latest` one), refusing one the
/// Datatracker would refuse. A stream name is taken as adopted: judging adoption is `check`'s
/// business, and a `draft-ietf-` draft is bumped like any other.
pub fn own_name(source: &Editable, versioned: bool) -> Result<DraftName> {
    let input = source.latest_base().unwrap_or(&source.docname);
    let syntax = DraftName::parse(input);
    let adopted: Vec<String> = syntax
        .iter()
        .filter_map(DraftName::adopter)
        .map(str::to_owned)
        .collect();
    let form = if versioned {
        Form::Versioned
    } else {
        Form::Name
    };
    let verdict = name::check_name(
        input,
        form,
        &name::Context {
            adopted_by: &adopted,
        },
    );
    let first_error = verdict
        .issues
        .iter()
        .find(|i| i.severity() == name::Severity::Error);
    match (verdict.name, first_error) {
        (Some(n), None) => Ok(n),
        (_, Some(issue)) => Err(invalid_own_name(source, issue)),
        (None, None) => Err(anyhow!(
            "`{}` does not have a valid name (`{}`)",
            source.path.display(),
            source.docname
        )),
    }
}

fn invalid_own_name(source: &Editable, issue: &Issue) -> anyhow::Error {
    if super::is_build_placeholder(&source.docname) {
        return placeholder(&source.docname, &source.path);
    }
    anyhow!(
        "the name `{}` of `{}` is not valid: {issue}",
        source.docname,
        source.path.display()
    )
}

/// The error for a draft whose name a build step fills in (`value = "@BUILD_VERSION@"`).
pub fn placeholder(docname: &str, path: &Path) -> anyhow::Error {
    anyhow!(
        "the name `{docname}` of `{}` is a placeholder that a build step fills in; run newdraft on the draft the build writes, or write the name in",
        path.display()
    )
}

/// Replace every whole occurrence of the name `old` by `new` (not inside a longer name).
pub fn replace_name(text: &str, old: &str, new: &str) -> String {
    replace_whole(text, old, new)
}

/// The byte range of the document's own `<front>`, through its `</front>` (never one in a
/// comment, nor a reference's).
pub fn xml_front(text: &str) -> Option<std::ops::Range<usize>> {
    super::xml::front_span(text.as_bytes())
}

/// The date a new revision gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewDate {
    /// The day it is written (no `--date`). An empty kramdown-rfc `date:` already says that:
    /// kramdown-rfc writes the day it renders, so it stays empty.
    Today(NaiveDate),
    /// A day asked for (`--date`): written in every form, an empty `date:` too.
    Given(NaiveDate),
}

impl NewDate {
    /// `given` (`--date`), else `today`.
    pub fn from(given: Option<NaiveDate>, today: NaiveDate) -> Self {
        given.map_or(NewDate::Today(today), NewDate::Given)
    }

    /// The day.
    pub fn day(self) -> NaiveDate {
        match self {
            NewDate::Today(d) | NewDate::Given(d) => d,
        }
    }
}

/// Set the document date: RFCXML `<date year month day/>` (idnits reads the attributes),
/// kramdown-rfc `date:`, mmark `date =`. Returns the new text, or an error when the format
/// gives no place to put it.
pub fn set_date(text: &str, kind: SourceKind, new: NewDate) -> Result<String> {
    let date = new.day();
    match kind {
        SourceKind::Xml => {
            let element = format!(
                r#"<date year="{}" month="{}" day="{}"/>"#,
                date.year(),
                date.format("%B"),
                date.day()
            );
            // The own `<front>`'s `<date>`, found by the reader (never one in a comment or a
            // reference); a missing one goes right after the last author, where the schema
            // wants it.
            match super::xml::date_span(text.as_bytes()) {
                Some(Ok(span)) => Ok(format!(
                    "{}{element}{}",
                    &text[..span.start],
                    &text[span.end..]
                )),
                Some(Err(at)) => Ok(format!("{}\n    {element}{}", &text[..at], &text[at..])),
                None => bail!(
                    "the draft's `<front>` has no `<date>` and no `<author>` to put one after"
                ),
            }
        }
        SourceKind::Kramdown => {
            // `date:` left empty (as `init` writes it, the i-d-template habit) means "the day
            // it is rendered": kramdown-rfc fills it in then, so it stays empty, unless a day
            // was asked for.
            let render_day = matches!(new, NewDate::Today(_));
            if render_day && front_matter_value(text, "date").is_some_and(|v| v.trim().is_empty()) {
                return Ok(text.to_owned());
            }
            let line = format!("date: {}", date.format("%Y-%m-%d"));
            Ok(set_front_matter_key(text, "date", &line, "docname"))
        }
        SourceKind::Mmark => Ok(set_mmark_date(text, date)),
        SourceKind::Text => bail!("a text draft cannot be revised"),
    }
}

/// Byte ranges of the kramdown-rfc front matter's lines: (start, end without newline).
fn front_matter_lines(text: &str) -> Vec<(usize, usize)> {
    super::front_matter_spans(text.as_bytes())
        .map(|(_, span)| (span.start, span.end))
        .collect()
}

/// Whether a front-matter line is the top-level key `key`.
fn is_key(line: &str, key: &str) -> bool {
    line.strip_prefix(key)
        .is_some_and(|rest| rest.starts_with(':'))
}

/// Replace the top-level front-matter line `key:` by `line`, or insert `line` after the line
/// `after:` (or first) when the key is missing.
pub fn set_front_matter_key(text: &str, key: &str, line: &str, after: &str) -> String {
    let lines = front_matter_lines(text);
    if let Some(&(s, e)) = lines.iter().find(|&&(s, e)| is_key(&text[s..e], key)) {
        return format!("{}{line}{}", &text[..s], &text[e..]);
    }
    let anchor = lines
        .iter()
        .find(|&&(s, e)| is_key(&text[s..e], after))
        .or(lines.first());
    match anchor {
        Some(&(_, e)) => format!("{}\n{line}{}", &text[..e], &text[e..]),
        None => text.to_owned(),
    }
}

/// The byte range of the top-level front-matter line `key:` (without its newline).
pub fn front_matter_line(text: &str, key: &str) -> Option<(usize, usize)> {
    front_matter_lines(text)
        .into_iter()
        .find(|&(s, e)| is_key(&text[s..e], key))
}

/// The byte range of the mmark top-level `key = …` text (after its indentation and an mmark
/// v1 `%`, without its newline).
pub fn mmark_line(text: &str, key: &str) -> Option<(usize, usize)> {
    find_mmark_key(text, &mmark_top_lines(text).0, key)
}

/// [`mmark_line`] in any table of the title block (`stream` is `[seriesInfo]`'s).
pub fn mmark_block_line(text: &str, key: &str) -> Option<(usize, usize)> {
    find_mmark_key(text, &mmark_block_lines(text, true).0, key)
}

/// The value of a top-level front-matter key, as written.
pub fn front_matter_value<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    front_matter_lines(text)
        .into_iter()
        .map(|(s, e)| &text[s..e])
        .find(|l| is_key(l, key))
        .map(|l| l[key.len() + 1..].trim())
}

/// One line of the mmark title block's top-level table: where the line starts, and the byte
/// range of its `key = value` text, after the line's indentation and, in an mmark v1 block, its
/// `%` (so that an edit keeps both).
#[derive(Debug, Clone, Copy)]
struct MmarkLine {
    start: usize,
    text: (usize, usize),
}

/// The lines of the mmark title block's top-level table (before any `[table]`), in an mmark v2
/// block (`%%%` … `%%%`) or a v1 one (every line starting with `%`), and where the table ends
/// (where a new line would go when it has no lines), `None` when there is no title block; and
/// whether the block is an mmark v1 one.
fn mmark_top_lines(text: &str) -> (Vec<MmarkLine>, Option<usize>, bool) {
    mmark_block_lines(text, false)
}

/// The lines of the mmark title block: of its top-level table only ([`mmark_top_lines`]), or,
/// `whole`, of every table (the `[table]` lines left out).
fn mmark_block_lines(text: &str, whole: bool) -> (Vec<MmarkLine>, Option<usize>, bool) {
    let mut out = Vec::new();
    // `None` before the block, then whether it is a v1 block.
    let mut v1: Option<bool> = None;
    let mut pos = 0;
    for raw in text.split_inclusive('\n') {
        let start = pos;
        pos += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let indent = line.len() - line.trim_start().len();
        let t = line.trim();
        let content = match v1 {
            None if t.is_empty() => continue,
            None if t.starts_with("%%%") => {
                v1 = Some(false);
                continue;
            }
            None if t.starts_with('%') => {
                v1 = Some(true);
                after_percent(line, start)
            }
            None => return (out, None, false),
            Some(false) if t.starts_with("%%%") => return (out, Some(start), false),
            Some(false) => (start + indent, start + line.len()),
            Some(true) if t.starts_with('%') => after_percent(line, start),
            Some(true) => return (out, Some(start), true),
        };
        if text[content.0..content.1].starts_with('[') {
            if whole {
                continue;
            }
            return (out, Some(start), v1 == Some(true));
        }
        out.push(MmarkLine {
            start,
            text: content,
        });
    }
    // A v1 block that runs to the end of the text ends there; a v2 one never closed is none.
    (out, (v1 == Some(true)).then_some(pos), v1 == Some(true))
}

/// The `key = value` range of an mmark v1 line `line` (starting at `start`): after its `%` and
/// the blanks that follow.
fn after_percent(line: &str, start: usize) -> (usize, usize) {
    let percent = start + line.find('%').unwrap_or(0) + 1;
    let rest = &line[percent - start..];
    let blanks = rest.len() - rest.trim_start().len();
    (percent + blanks, start + line.len())
}

fn set_mmark_date(text: &str, date: NaiveDate) -> String {
    let line = format!("date = {}T00:00:00Z", date.format("%Y-%m-%d"));
    set_mmark_key(text, "date", &line)
}

/// Replace the mmark top-level `key = …` line by `line` (keeping its indentation, and the `%`
/// of an mmark v1 block), or add it at the end of the top-level table.
pub fn set_mmark_key(text: &str, key: &str, line: &str) -> String {
    let (lines, end, v1) = mmark_top_lines(text);
    if let Some((s, e)) = find_mmark_key(text, &lines, key) {
        return format!("{}{line}{}", &text[..s], &text[e..]);
    }
    // After the last non-blank line of the top-level table, so a blank line before the first
    // `[table]` stays where it was; written as that line is (its `%`, its indentation).
    let last = lines.iter().rev().find(|l| {
        let (s, e) = l.text;
        !text[s..e].trim().is_empty()
    });
    match (last, end) {
        (Some(l), Some(_)) => {
            let prefix = &text[l.start..l.text.0];
            let e = l.text.1;
            format!("{}\n{prefix}{line}{}", &text[..e], &text[e..])
        }
        (None, Some(at)) => {
            let prefix = if v1 { "% " } else { "" };
            format!("{}{prefix}{line}\n{}", &text[..at], &text[at..])
        }
        (_, None) => text.to_owned(),
    }
}

/// The `key = value` range of the top-level line `key` among `lines`.
fn find_mmark_key(text: &str, lines: &[MmarkLine], key: &str) -> Option<(usize, usize)> {
    lines.iter().map(|l| l.text).find(|&(s, e)| {
        text[s..e]
            .split_once('=')
            .is_some_and(|(k, _)| k.trim() == key)
    })
}

/// The text with the document's own name changed from `old` to `new`, by editing where the
/// name is written and nowhere else: RFCXML `docName` and the own `<seriesInfo>` value (or,
/// for `docName="draft-x-&ID-VERSION;"`, the entity's value when only the revision changes),
/// kramdown-rfc's `docname:` line, mmark's `value =` (or v1 `docName =`) line.
pub fn rename(text: &str, kind: SourceKind, old: &str, new: &str) -> Result<String> {
    let mut edits = match kind {
        SourceKind::Xml => xml_name_edits(text, old, new),
        SourceKind::Kramdown => kramdown_name_edits(text, new),
        SourceKind::Mmark => mmark_name_edits(text, old, new),
        SourceKind::Text => bail!("a text draft cannot be revised"),
    };
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

/// An edit: the byte range replaced, and what replaces it.
type Edit = (std::ops::Range<usize>, String);

/// RFCXML: the `docName` value and the own `<seriesInfo>` value, or the entity that holds the
/// revision when only it changes.
fn xml_name_edits(text: &str, old: &str, new: &str) -> Vec<Edit> {
    let mut edits: Vec<Edit> = Vec::new();
    let spans = xml::name_spans(text.as_bytes());
    let mut entity_edit: Option<Edit> = None;
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
    edits
}

/// kramdown-rfc: the `docname:` (or `docName:`) line's value.
fn kramdown_name_edits(text: &str, new: &str) -> Vec<Edit> {
    let mut edits: Vec<Edit> = Vec::new();
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
    edits
}

/// mmark: the line that names the draft (`[seriesInfo] value`, or the top-level `docName`),
/// and a top-level `docname` beside the table kept in step.
fn mmark_name_edits(text: &str, old: &str, new: &str) -> Vec<Edit> {
    let mut edits: Vec<Edit> = Vec::new();
    let (head, top) = scan_mmark_keys(text.as_bytes());
    let mut set = |line_no: usize, value: &str| {
        let (start, end) = line_span(text, line_no);
        if let Some(eq) = text[start..end].find('=') {
            edits.push((start + eq + 1..end, format!(" \"{value}\"")));
        }
    };
    if let Some(d) = &head.docname {
        set(d.line, new);
    }
    // A top-level `docname` beside the `[seriesInfo]` value that names the draft: kept
    // in step when it says the old name, with or without the revision.
    if let Some(t) = top.filter(|t| head.docname.as_ref().is_some_and(|d| d.line != t.line)) {
        let (old_base, _) = split_declared(old);
        let (new_base, _) = split_declared(new);
        if t.value == old {
            set(t.line, new);
        } else if t.value == old_base {
            set(t.line, new_base);
        }
    }
    edits
}

/// The document's own mentions of its name in its prose (`See draft-x-00 at …`) follow the
/// rename; comments, the DTD, references (which name other documents, or this one's past) and
/// the change log (`draft-x-00: first version`, json-schema-org's `<t hangText=…>` entries)
/// keep what they say.
fn mentions(text: &str, kind: SourceKind, old: &str, new: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for kept in kept_ranges(text, kind) {
        // Ranges may overlap (`<references` inside a comment): what any of them covers is kept.
        let start = kept.start.max(at);
        if kept.end <= start {
            continue;
        }
        out.push_str(&replace_whole(&text[at..start], old, new));
        out.push_str(&text[start..kept.end]);
        at = kept.end;
    }
    out.push_str(&replace_whole(&text[at..], old, new));
    out
}

/// Where a rename leaves mentions alone, by start (ranges may nest or overlap).
fn kept_ranges(text: &str, kind: SourceKind) -> Vec<std::ops::Range<usize>> {
    let skips: &[(&str, &str)] = match kind {
        SourceKind::Xml => &[
            ("<!--", "-->"),
            ("<!DOCTYPE", "]>"),
            ("<references", "</references>"),
        ],
        _ => &[("<!--", "-->")],
    };
    let mut kept = Vec::new();
    for (open, close) in skips {
        let mut from = 0;
        while let Some(i) = text[from..].find(open) {
            let start = from + i;
            let end = text[start..]
                .find(close)
                .map_or(text.len(), |j| start + j + close.len());
            kept.push(start..end);
            from = end;
        }
    }
    match kind {
        SourceKind::Xml => kept.extend(xml_history_sections(text)),
        _ => kept.extend(markdown_history_sections(text)),
    }
    kept.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    kept
}

/// Whether a section's title names the document's history (`Change Log`, `Changes since -00`,
/// `Document History`).
fn is_history(title: &str) -> bool {
    let t = title.to_ascii_lowercase();
    t.contains("change") || t.contains("history")
}

/// RFCXML `<section>`s whose `title` or `<name>` is the history, through their `</section>`.
fn xml_history_sections(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = xml::find_tag(bytes, b"section", from) {
        let open_end = (xml::tag_end(bytes, at) + 1).min(text.len());
        from = open_end;
        let tag = &text[at..open_end];
        let after = text[open_end..].trim_start();
        let name = after
            .strip_prefix("<name>")
            .and_then(|n| n.split_once("</name>"))
            .map(|(n, _)| n);
        let titled = tag
            .split_once("title=")
            .and_then(|(_, v)| v.get(1..))
            .and_then(|v| v.split_once(['"', '\'']))
            .map(|(t, _)| t);
        if !titled.or(name).is_some_and(is_history) {
            continue;
        }
        // Its end: the `</section>` that closes it, past the sections inside it.
        let mut depth = 1;
        let mut i = open_end;
        let end = loop {
            let close = text[i..].find("</section").map(|j| i + j);
            let inner = xml::find_tag(bytes, b"section", i);
            match (inner, close) {
                (Some(o), Some(c)) if o < c => {
                    depth += 1;
                    i = o + 1;
                }
                (_, Some(c)) => {
                    depth -= 1;
                    i = text[c..].find('>').map_or(text.len(), |g| c + g + 1);
                    if depth == 0 {
                        break i;
                    }
                }
                (_, None) => break text.len(),
            }
        };
        found.push(at..end);
        from = end;
    }
    found
}

/// Markdown sections whose heading is the history, up to the next heading of the same level
/// or above (or kramdown-rfc's next `--- part`).
fn markdown_history_sections(text: &str) -> Vec<std::ops::Range<usize>> {
    let level = |line: &str| {
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        (hashes > 0 && line[hashes..].starts_with(' ')).then_some(hashes)
    };
    let mut found = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end();
        let heading = level(bare);
        if let Some((start, l)) = open {
            if heading.is_some_and(|h| h <= l) || bare.starts_with("--- ") {
                found.push(start..at);
                open = None;
            }
        }
        if open.is_none() {
            if let Some(l) = heading.filter(|&l| is_history(&bare[l..])) {
                open = Some((at, l));
            }
        }
        at += line.len();
    }
    if let Some((start, _)) = open {
        found.push(start..text.len());
    }
    found
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rename_leaves_the_change_log_alone() {
        // json-schema-org/json-schema-spec: the change log's entry for -00 stays -00.
        let xml = "<rfc docName=\"draft-a-b-00\"><front/><middle><section title=\"Intro\"><t>This is draft-a-b-00.</t></section></middle><back><section title=\"ChangeLog\"><section><name>Since draft-a-b-00</name><t hangText=\"draft-a-b-00\">First.</t></section></section><section title=\"Other\"><t>draft-a-b-00 again.</t></section></back></rfc>";
        let out = rename(xml, SourceKind::Xml, "draft-a-b-00", "draft-a-b-01").unwrap();
        assert!(out.contains("docName=\"draft-a-b-01\""), "{out}");
        assert!(out.contains("This is draft-a-b-01."), "{out}");
        assert!(
            out.contains("<name>Since draft-a-b-00</name><t hangText=\"draft-a-b-00\">"),
            "{out}"
        );
        assert!(out.contains("draft-a-b-01 again."), "{out}");
        // A `<references` in a comment does not open the real references to the rename.
        let refs = "<rfc docName=\"draft-a-b-00\"><!-- <references> --><back><references><reference anchor=\"x\"><front><title>draft-a-b-00</title></front></reference></references></back></rfc>";
        let out = rename(refs, SourceKind::Xml, "draft-a-b-00", "draft-a-b-01").unwrap();
        assert!(out.contains("<title>draft-a-b-00</title>"), "{out}");
        let md = "---\ndocname: draft-a-b-00\n---\n\n--- middle\n\n# Intro\n\nThis is draft-a-b-00.\n\n# Change Log\n\n## Since draft-a-b-00\n\ndraft-a-b-00: first.\n\n# Other\n\ndraft-a-b-00 again.\n";
        let out = rename(md, SourceKind::Kramdown, "draft-a-b-00", "draft-a-b-01").unwrap();
        assert!(out.contains("docname: draft-a-b-01\n"), "{out}");
        assert!(out.contains("This is draft-a-b-01."), "{out}");
        assert!(
            out.contains("## Since draft-a-b-00\n\ndraft-a-b-00: first."),
            "{out}"
        );
        assert!(out.contains("draft-a-b-01 again."), "{out}");
    }

    fn mentions(text: &str, name: &str) -> bool {
        replace_name(text, name, "") != text
    }

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 7).unwrap()
    }

    #[test]
    fn replaces_whole_names_only() {
        let text = "draft-a-b-00 x draft-a-b-001 draft-a-b-00.xml /draft-a-b-00/ xdraft-a-b-00";
        assert_eq!(
            replace_name(text, "draft-a-b-00", "draft-a-b-01"),
            "draft-a-b-01 x draft-a-b-001 draft-a-b-01.xml /draft-a-b-01/ xdraft-a-b-00"
        );
        assert!(mentions("see draft-a-b-00.", "draft-a-b-00"));
        assert!(!mentions("see draft-a-b-000.", "draft-a-b-00"));
    }

    // miekg/mmark's own mmark2rfc.md (v1): `bump` renamed `% docName` but left `% date` two
    // years old, which the Datatracker refuses; a v2 date line lost its indentation.
    #[test]
    fn sets_an_mmark_date_in_a_v1_block_and_keeps_the_lines_shape() {
        let v1 = "% Title = \"Using mmark\"\n% docName = \"draft-gieben-mmark2rfc-00\"\n% date = 2014-12-10T00:00:00Z\n% area = \"Internet\"\n%\n% [[author]]\n% fullname=\"R. Gieben\"\n%\n\nText with date = 2014-12-10T00:00:00Z in it.\n";
        let out = set_date(v1, SourceKind::Mmark, NewDate::Today(date())).unwrap();
        assert_eq!(
            out,
            v1.replacen("% date = 2014-12-10", "% date = 2026-03-07", 1),
            "{out}"
        );
        // No date: added at the end of the top-level keys, written as they are.
        let no_date = v1.replace("% date = 2014-12-10T00:00:00Z\n", "");
        let out = set_date(&no_date, SourceKind::Mmark, NewDate::Today(date())).unwrap();
        assert!(
            out.contains("% area = \"Internet\"\n% date = 2026-03-07T00:00:00Z\n%\n% [[author]]"),
            "{out}"
        );
        let v2 = "%%%\n  title = \"T\"\n  date = 2020-01-01T00:00:00Z\n  [seriesInfo]\n  value = \"draft-a-b-00\"\n%%%\n";
        let out = set_date(v2, SourceKind::Mmark, NewDate::Today(date())).unwrap();
        assert!(
            out.contains("\n  date = 2026-03-07T00:00:00Z\n  [seriesInfo]"),
            "{out}"
        );
        // Markdown without a title block is left as it is.
        assert_eq!(
            set_mmark_key("# Intro\n% not a block\n", "date", "date = 1"),
            "# Intro\n% not a block\n"
        );
    }

    #[test]
    fn sets_an_xml_date_in_the_documents_front_only() {
        let xml = "<rfc><front><title>T</title><author fullname=\"A\"/>\n<date/>\n</front><back><reference><front><date year=\"1997\"/></front></reference></back></rfc>";
        let out = set_date(xml, SourceKind::Xml, NewDate::Today(date())).unwrap();
        assert!(out.contains(r#"<date year="2026" month="March" day="7"/>"#));
        assert!(out.contains(r#"<date year="1997"/>"#));
        let xml = "<rfc><front><date year=\"2020\" month=\"1\">x</date></front></rfc>";
        let out = set_date(xml, SourceKind::Xml, NewDate::Today(date())).unwrap();
        assert_eq!(
            out,
            r#"<rfc><front><date year="2026" month="March" day="7"/></front></rfc>"#
        );
    }

    #[test]
    fn adds_a_missing_xml_date_after_the_last_author() {
        let xml = "<rfc><front><author fullname=\"A\"></author><author fullname=\"B\"/><area>x</area></front></rfc>";
        let out = set_date(xml, SourceKind::Xml, NewDate::Today(date())).unwrap();
        assert!(out.contains(
            "<author fullname=\"B\"/>\n    <date year=\"2026\" month=\"March\" day=\"7\"/><area>"
        ));
        assert!(
            set_date(
                "<rfc><front></front></rfc>",
                SourceKind::Xml,
                NewDate::Today(date())
            )
            .is_err()
        );
    }

    #[test]
    fn sets_a_kramdown_date_replacing_or_inserting() {
        // An empty `date:` is kramdown-rfc's "the day it is rendered": it stays empty.
        let md = "---\ntitle: T\ndocname: draft-a-b-00\ndate:\nref:\n  X:\n    date: 1997-03\n---\n\n# date: no\n";
        assert_eq!(
            set_date(md, SourceKind::Kramdown, NewDate::Today(date())).unwrap(),
            md
        );
        // A day asked for (`--date`) is written there too (i-d-template repositories such as
        // manang/internet-drafts leave `date:` empty; `bump --date 2026-12-05` kept it empty).
        let given = set_date(md, SourceKind::Kramdown, NewDate::Given(date())).unwrap();
        assert!(given.contains("\ndate: 2026-03-07\nref:"), "{given}");
        let md = md.replace("date:\nref", "date: 2025-01-02\nref");
        let out = set_date(&md, SourceKind::Kramdown, NewDate::Today(date())).unwrap();
        assert_eq!(
            out,
            "---\ntitle: T\ndocname: draft-a-b-00\ndate: 2026-03-07\nref:\n  X:\n    date: 1997-03\n---\n\n# date: no\n"
        );
        let md = "---\ntitle: T\ndocname: draft-a-b-00\n---\n";
        let out = set_date(md, SourceKind::Kramdown, NewDate::Today(date())).unwrap();
        assert_eq!(
            out,
            "---\ntitle: T\ndocname: draft-a-b-00\ndate: 2026-03-07\n---\n"
        );
        assert_eq!(front_matter_value(&out, "docname"), Some("draft-a-b-00"));
    }

    #[test]
    fn sets_an_mmark_date_in_the_top_level_table() {
        let mm = "%%%\ntitle = \"T\"\n\n[seriesInfo]\nvalue = \"draft-a-b-00\"\n%%%\n";
        let out = set_date(mm, SourceKind::Mmark, NewDate::Today(date())).unwrap();
        assert_eq!(
            out,
            "%%%\ntitle = \"T\"\ndate = 2026-03-07T00:00:00Z\n\n[seriesInfo]\nvalue = \"draft-a-b-00\"\n%%%\n"
        );
        let again = set_date(
            &out,
            SourceKind::Mmark,
            NewDate::Given(NaiveDate::from_ymd_opt(2027, 1, 2).unwrap()),
        )
        .unwrap();
        assert!(again.contains("date = 2027-01-02T00:00:00Z\n\n[seriesInfo]"));
        assert!(!again.contains("2026"));
    }

    proptest::proptest! {
        #[test]
        fn rewriting_never_panics(text in "\\PC{0,300}", day in 1u32..28) {
            let date = NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
            for kind in [SourceKind::Xml, SourceKind::Kramdown, SourceKind::Mmark] {
                let _ = set_date(&text, kind, NewDate::Today(date));
                let _ = set_date(&text, kind, NewDate::Given(date));
            }
            let _ = replace_name(&text, "draft-a-b-00", "draft-a-b-01");
            let _ = set_front_matter_key(&text, "workgroup", "workgroup: x", "docname");
            let _ = set_mmark_key(&text, "workgroup", "workgroup = \"x\"");
        }
    }
}
