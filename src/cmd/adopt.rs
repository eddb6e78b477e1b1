//! `adopt`: the individual draft, renamed for the group that adopted it.
//!
//! An adopted draft is posted under a new name, `draft-ietf-<wg>-<subject>-00` (or
//! `draft-irtf-<rg>-…`), that replaces the individual one. `adopt` computes that name with
//! `name` (and refuses what the naming rules refuse), writes the new file beside the old one from
//! its content (new name, revision 00, workgroup, venue and mailing list switched to the group,
//! date), records the adoption and the replaces relation in `newdraft.toml` (so that `check`
//! accepts the new name), and says what is left to do at the Datatracker. The individual draft
//! itself is never touched.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use anyhow::{Context as _, Result, anyhow, bail};
use chrono::NaiveDate;
use regex::Regex;

use crate::Outcome;
use crate::groups;
use crate::name::{self, Code, DraftName, Form, Revision, Severity, Stream};
use crate::records;
use crate::source::edit::{self, Editable};
use crate::source::{self, SourceKind};
use crate::write::{Overwrite, PlannedFile, Target};

/// `newdraft adopt`, validated.
#[derive(Debug, Clone)]
pub struct Request {
    /// The individual draft's latest revision.
    pub draft: PathBuf,
    /// The adopting group's acronym, as typed.
    pub wg: String,
    /// Whether it is an IRTF research group.
    pub irtf: bool,
    /// `--subject`, as typed.
    pub subject: Option<String>,
    /// The date of the new -00.
    pub date: NaiveDate,
    /// Plan only.
    pub dry_run: bool,
    /// `--force`: adopt into a group the group list does not know, or calls concluded.
    pub force: bool,
}

/// What `adopt` will write and say.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The directory of the individual draft, where everything is written.
    pub dir: PathBuf,
    /// The new draft (never overwrites).
    pub draft: PlannedFile,
    /// The new draft as the user would name it.
    pub shown: PathBuf,
    /// `newdraft.toml` with the new record, and the directory it goes in; `None` when it is
    /// already recorded.
    pub record: Option<(PathBuf, PlannedFile)>,
    /// The new name, versioned.
    pub new_name: String,
    /// The old name, without revision.
    pub replaces: String,
    /// Warnings and notes for standard error.
    pub notes: Vec<String>,
}

/// Work out the adopted draft, reading the disk but writing nothing.
pub fn plan(req: &Request) -> Result<Plan> {
    let source = Editable::read(&req.draft)?;
    let unversioned = source.latest_base().is_some();
    let old = edit::own_name(&source, !unversioned)?;
    if old.stream() != Stream::Individual {
        bail!(
            "`{}` is already a `draft-{}-` name (rule R10: stream names are for adopted drafts); `adopt` renames an individual draft, once: use `newdraft bump` for its next revision",
            source.docname,
            old.source()
        );
    }
    let acronym = groups::Acronym::parse("--wg", &req.wg)?;
    // The IAB is a stream, not a working group: its drafts are `draft-iab-<subject>`.
    let iab = acronym.as_str() == "iab";
    if !iab {
        match acronym.role() {
            groups::Role::Body => bail!(
                "`--wg {acronym}` is a stream or body, not a group: drafts are adopted by a working group (`draft-ietf-<wg>-…`) or, with `--irtf`, a research group; e.g. `--wg sipcore`"
            ),
            groups::Role::Other(g) => bail!(
                "`--wg {acronym}` ({}) is not a working or research group, and only those adopt drafts; e.g. `--wg sipcore`",
                g.name
            ),
            groups::Role::Group(_) | groups::Role::Unknown => {}
        }
    }
    let wg = acronym.as_str().to_owned();
    if !req.force && !iab {
        refuse_group(&wg)?;
    }
    let stream = if iab {
        "iab"
    } else if req.irtf {
        "irtf"
    } else {
        "ietf"
    };
    if req.irtf {
        if let Some(category) = own_category(source.kind, &source.text)
            .filter(|c| !matches!(c.as_str(), "info" | "exp" | "historic"))
        {
            bail!(
                "`{}` is category `{category}`, and the IRTF stream publishes only `info`, `exp` and `historic` documents (xml2rfc refuses the rest); change its category to `info` or `exp` first, or adopt it into an IETF working group (without `--irtf`)",
                req.draft.display()
            );
        }
    }
    // The authors' full names, so that a surname of several words is dropped whole (from the
    // subject, and from the group the draft was aimed at).
    let authors: Vec<String> = source::Document::parse(&source.text, source.kind)
        .map(|d| d.authors.into_iter().filter_map(|a| a.fullname).collect())
        .unwrap_or_default();
    let subject = if let Some(s) = req.subject.as_deref() {
        let c = name::component(s);
        if c.is_empty() {
            bail!("`--subject {s}` has no letters or digits to make a name from");
        }
        c
    } else {
        default_subject(&old, &wg, &authors, source.kind, &source.text)?
    };
    let base = if iab {
        format!("draft-iab-{subject}")
    } else {
        format!("draft-{stream}-{wg}-{subject}")
    };
    let new_versioned = format!("{base}-{}", Revision::FIRST);
    let adopted = [wg.clone()];
    let verdict = name::check_name(
        &new_versioned,
        Form::Versioned,
        &name::Context {
            adopted_by: &adopted,
        },
    );
    let mut notes = Vec::new();
    for issue in &verdict.issues {
        if issue.severity() == Severity::Error {
            let fix = match issue.code {
                Code::WrongStream if req.irtf => "; drop `--irtf` for an IETF working group",
                Code::WrongStream => "; add `--irtf` for an IRTF research group",
                Code::TooLong => "; choose a shorter subject with `--subject`",
                _ => "",
            };
            bail!("cannot adopt as `{new_versioned}`: {issue}{fix}");
        }
        notes.push(format!("warning: {issue}"));
    }
    let new = verdict
        .name
        .ok_or_else(|| anyhow!("`{new_versioned}` is not a valid name"))?;

    let (file_name, old_docname, new_docname) = if unversioned {
        (
            format!("{}.{}", new.as_str(), source.ext),
            old.latest(),
            new.latest(),
        )
    } else {
        (
            format!("{}.{}", new.versioned(), source.ext),
            old.versioned(),
            new.versioned(),
        )
    };
    let shown = source.sibling(&file_name);
    if source.dir.join(&file_name).symlink_metadata().is_ok() {
        bail!(
            "`{}` already exists; nothing was written (remove it first if it is a stale copy)",
            shown.display()
        );
    }

    let group = Venue::new(&wg, req.irtf);
    let old_group = old_target_group(&old, &source, &authors);
    let mut text = source::rename(&source.text, source.kind, &old_docname, &new_docname)
        .with_context(|| format!("cannot rename `{}`", req.draft.display()))?;
    text = edit::replace_name(
        &text,
        &format!("datatracker.ietf.org/doc/{}", old.as_str()),
        &format!("datatracker.ietf.org/doc/{}", new.as_str()),
    );
    text = edit::set_date(&text, source.kind, req.date)
        .with_context(|| format!("cannot set the date in `{}`", req.draft.display()))?;
    text = switch_group(&text, source.kind, &group, old_group.as_deref(), &mut notes);
    if let Some(old) = &old_group {
        text = switch_discussion(&text, old, &group);
    }

    // One draft is adopted once: a record that already has it replaced by another name (a
    // second group, another subject) is refused, unless `--force`.
    if !req.force {
        if let Some(file) = records::find(&source.dir) {
            let records = records::Records::read(&file)?;
            if let Some(earlier) = records
                .replaced_by(old.as_str())
                .filter(|r| r.name != new.as_str())
            {
                bail!(
                    "`{}` was already adopted as `{}` by `{}` (`{}`); a draft is adopted once: `--force` to record another adoption",
                    old.as_str(),
                    earlier.name,
                    earlier.group,
                    crate::text::path(&file)
                );
            }
        }
    }
    // With a revision, so that a name ending in a number (`…-x-01`) is not read as one.
    let record = record(
        &source.dir,
        &format!("{}-{}", new.as_str(), Revision::FIRST),
        &wg,
        &format!("{}-{}", old.as_str(), Revision::FIRST),
    )?;
    Ok(Plan {
        dir: source.dir.clone(),
        draft: PlannedFile::new(file_name, text).with_permissions_of(&req.draft),
        shown,
        record,
        new_name: if unversioned {
            new.latest()
        } else {
            new.versioned()
        },
        replaces: old.as_str().to_owned(),
        notes,
    })
}

/// The subject of the individual name: without the author and, when the third component names
/// a group (the adopting one, one in the snapshot, or the draft's own workgroup), without it.
fn default_subject(
    old: &DraftName,
    wg: &str,
    authors: &[String],
    kind: SourceKind,
    text: &str,
) -> Result<String> {
    let workgroup = own_workgroup(kind, text);
    name::adoption_subject(old, wg, authors, workgroup.as_deref()).ok_or_else(|| {
        anyhow!(
            "`{}` has no subject to keep; name one with `--subject`",
            old.as_str()
        )
    })
}

/// The group the individual draft was aimed at: the one [`name::adoption_parts`] drops
/// (`dispatch` in `draft-van-der-berg-dispatch-widgets`), when the group list or the draft's
/// own workgroup knows it.
fn old_target_group(old: &DraftName, source: &Editable, authors: &[String]) -> Option<String> {
    let workgroup = own_workgroup(source.kind, &source.text);
    let (target, _) = name::adoption_parts(old, "", authors, workgroup.as_deref())?;
    target.map(str::to_owned)
}

/// The `category` the draft declares (`std`, `info`, …), lower-cased.
fn own_category(kind: SourceKind, text: &str) -> Option<String> {
    let value = match kind {
        SourceKind::Xml => source::xml::root_attribute(text.as_bytes(), b"category"),
        SourceKind::Kramdown => edit::front_matter_value(text, "category").map(str::to_owned),
        SourceKind::Mmark => edit::mmark_line(text, "category")
            .and_then(|(s, e)| text[s..e].split_once('='))
            .map(|(_, v)| v.to_owned()),
        SourceKind::Text => None,
    }?;
    Some(value.trim().trim_matches(['"', '\'']).to_ascii_lowercase())
}

/// The `workgroup` the draft names (raw text).
fn own_workgroup(kind: SourceKind, text: &str) -> Option<String> {
    match kind {
        SourceKind::Xml => XML_WORKGROUP
            .captures(text)
            .and_then(|c| c.get(1))
            .map(|m| m.as_str().trim().to_owned()),
        SourceKind::Kramdown => edit::front_matter_value(text, "workgroup")
            .or_else(|| edit::front_matter_value(text, "wg"))
            .map(|v| v.trim_matches(['"', '\'']).to_owned()),
        SourceKind::Mmark | SourceKind::Text => None,
    }
}

/// Where the adopting group talks: the labels and addresses a draft's front matter uses.
#[derive(Debug, Clone)]
struct Venue {
    acronym: String,
    /// `<workgroup>` / `workgroup:`: the group's full name, else `ACRONYM Working Group`.
    workgroup: String,
    /// `Working Group` or `Research Group`.
    kind: &'static str,
    mail: String,
    arch: String,
    /// The area to name: `Some(name)` to switch to, `Some("")` to drop (IRTF groups are in no
    /// IETF area), `None` to keep what is there (an area newdraft does not know).
    area: Option<&'static str>,
}

impl Venue {
    fn new(acronym: &str, irtf: bool) -> Venue {
        let kind = if irtf {
            "Research Group"
        } else {
            "Working Group"
        };
        let workgroup = match groups::lookup(acronym) {
            _ if acronym == "iab" => "Internet Architecture Board".to_owned(),
            Some(g) if !g.name.is_empty() => g.name.to_owned(),
            _ => format!("{} {kind}", acronym.to_ascii_uppercase()),
        };
        let domain = if irtf {
            "irtf.org"
        } else if acronym == "iab" {
            "iab.org"
        } else {
            "ietf.org"
        };
        let area = if irtf {
            Some("")
        } else {
            groups::lookup(acronym)
                .map(|g| groups::area_name(g.area))
                .filter(|a| !a.is_empty())
        };
        Venue {
            acronym: acronym.to_owned(),
            workgroup,
            kind,
            mail: format!("{acronym}@{domain}"),
            arch: format!("https://mailarchive.ietf.org/arch/browse/{acronym}/"),
            area,
        }
    }
}

static XML_WORKGROUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)<workgroup>(.*?)</workgroup>").expect("the workgroup regex is valid")
});
static XML_AREA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<area>.*?</area>").expect("the area regex is valid"));
static XML_AREA_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)\n?[ \t]*<area>.*?</area>").expect("the area line regex is valid")
});
static XML_NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<note\b[^>]*>.*?</note>").expect("the note regex is valid"));
static XML_SUBMISSION_TYPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"submissionType\s*=\s*"[^"]*""#).expect("the submissionType regex is valid")
});

/// Escape text for XML element content.
fn xml_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A double-quoted YAML or TOML string (the escapes both share).
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Switch the workgroup, the venue (note or `venue:` block) and, for a research group, the
/// stream, from the individual draft's target group to the adopting one.
fn switch_group(
    text: &str,
    kind: SourceKind,
    venue: &Venue,
    old: Option<&str>,
    notes: &mut Vec<String>,
) -> String {
    match kind {
        SourceKind::Xml => switch_xml(text, venue, old, notes),
        SourceKind::Kramdown => switch_kramdown(text, venue),
        SourceKind::Mmark => {
            let mut out = edit::set_mmark_key(
                text,
                "workgroup",
                &format!("workgroup = {}", quoted(&venue.workgroup)),
            );
            if venue.kind == "Research Group" {
                out = out.replace("stream = \"IETF\"", "stream = \"IRTF\"");
            }
            let line = edit::mmark_line(&out, "area");
            switch_line(&out, line, venue.area, |a| format!("area = {}", quoted(a)))
        }
        SourceKind::Text => text.to_owned(),
    }
}

/// The skeleton's Introduction says where the work is discussed ("for discussion in the
/// DISPATCH Working Group"); after adoption it is the adopting group. Only that sentence, as
/// `init` wrote it, changes (the words may be wrapped across lines).
fn switch_discussion(text: &str, old: &str, venue: &Venue) -> String {
    const LEAD: &str = "for discussion in the";
    let old_label = old.to_ascii_uppercase();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(LEAD) {
        let after = &rest[at + LEAD.len()..];
        let gap = after.len() - after.trim_start().len();
        let tail = &after[gap..];
        let label = ["Working Group", "Research Group"].iter().find_map(|k| {
            tail.strip_prefix(&format!("{old_label} {k}"))
                .map(|r| (k, r))
        });
        out.push_str(&rest[..at + LEAD.len() + gap]);
        match label {
            Some((_, r)) if gap > 0 => {
                out.push_str(&venue.acronym.to_ascii_uppercase());
                out.push(' ');
                out.push_str(venue.kind);
                rest = r;
            }
            _ => rest = tail,
        }
    }
    out.push_str(rest);
    out
}

fn switch_xml(text: &str, venue: &Venue, old: Option<&str>, notes: &mut Vec<String>) -> String {
    let Some(front) = edit::xml_front(text) else {
        return text.to_owned();
    };
    let mut inner = text[front.clone()].to_owned();
    let workgroup = format!("<workgroup>{}</workgroup>", xml_text(&venue.workgroup));
    if XML_WORKGROUP.is_match(&inner) {
        inner = XML_WORKGROUP
            .replace(&inner, regex::NoExpand(&workgroup))
            .into_owned();
    } else if let Some(at) = workgroup_slot(&inner) {
        inner.insert_str(at, &format!("{workgroup}\n    "));
    }
    match venue.area {
        Some("") => inner = XML_AREA_LINE.replace(&inner, "").into_owned(),
        Some(area) => {
            let element = format!("<area>{}</area>", xml_text(area));
            inner = XML_AREA
                .replace(&inner, regex::NoExpand(&element))
                .into_owned();
        }
        None => {}
    }
    let mut unchanged_note = false;
    inner = XML_NOTE
        .replace_all(&inner, |c: &regex::Captures<'_>| {
            let note = &c[0];
            let switched = old.map_or_else(|| note.to_owned(), |o| switch_note(note, o, venue));
            if switched == note {
                unchanged_note = true;
            }
            switched
        })
        .into_owned();
    if unchanged_note {
        notes.push(format!(
            "warning: a `<note>` in the front matter does not name the old group's list; check that it points at `{}`",
            venue.mail
        ));
    }
    let mut out = format!("{}{inner}{}", &text[..front.start], &text[front.end..]);
    if venue.kind == "Research Group" {
        if XML_SUBMISSION_TYPE.is_match(&out) {
            out = XML_SUBMISSION_TYPE
                .replace(&out, "submissionType=\"IRTF\"")
                .into_owned();
        } else if let Some(at) = rfc_tag(&out) {
            // xml2rfc assumes the IETF stream when the attribute is missing.
            out.insert_str(at + "<rfc".len(), " submissionType=\"IRTF\"");
        }
    }
    out
}

/// Where the root `<rfc` start tag begins, outside comments.
fn rfc_tag(text: &str) -> Option<usize> {
    source::xml::root(text.as_bytes())
}

/// Where a missing `<workgroup>` goes in `<front>`, in schema order: after `<area>`, before
/// `<keyword>`, `<abstract>`, `<note>` or the end.
fn workgroup_slot(front: &str) -> Option<usize> {
    if let Some(end) = front.rfind("</area>") {
        let after = end + "</area>".len();
        let next = front[after..].find('<').map_or(after, |i| after + i);
        return Some(next);
    }
    ["<keyword", "<abstract", "<note", "<boilerplate", "</front>"]
        .iter()
        .find_map(|tag| front.find(tag))
}

/// Replace the line at `range` by `make(area)`, or remove it when the area is `""`; unchanged
/// for `None` or no line.
fn switch_line(
    text: &str,
    range: Option<(usize, usize)>,
    area: Option<&str>,
    make: impl Fn(&str) -> String,
) -> String {
    match (range, area) {
        (Some((s, e)), Some("")) => {
            let e = if text[e..].starts_with("\r\n") {
                e + 2
            } else if text[e..].starts_with('\n') {
                e + 1
            } else {
                e
            };
            format!("{}{}", &text[..s], &text[e..])
        }
        (Some((s, e)), Some(area)) => format!("{}{}{}", &text[..s], make(area), &text[e..]),
        _ => text.to_owned(),
    }
}

/// A venue note's text, moved from the old group's list to the new one.
fn switch_note(note: &str, old: &str, venue: &Venue) -> String {
    let mut s = note.to_owned();
    for domain in ["ietf.org", "irtf.org"] {
        s = edit::replace_name(&s, &format!("{old}@{domain}"), &venue.mail);
    }
    s = s.replace(
        &format!("arch/browse/{old}/"),
        &format!("arch/browse/{}/", venue.acronym),
    );
    s = s.replace(
        &format!("arch/browse/{old}\""),
        &format!("arch/browse/{}/\"", venue.acronym),
    );
    s = edit::replace_name(
        &s,
        &old.to_ascii_uppercase(),
        &venue.acronym.to_ascii_uppercase(),
    );
    s = edit::replace_name(&s, old, &venue.acronym);
    if venue.kind == "Research Group" {
        s = s.replace("Working Group", "Research Group");
    }
    s
}

fn switch_kramdown(text: &str, venue: &Venue) -> String {
    let line = format!("workgroup: {}", quoted(&venue.workgroup));
    let mut out = if edit::front_matter_value(text, "wg").is_some()
        && edit::front_matter_value(text, "workgroup").is_none()
    {
        edit::set_front_matter_key(text, "wg", &line, "docname")
    } else {
        edit::set_front_matter_key(text, "workgroup", &line, "docname")
    };
    if venue.kind == "Research Group" {
        out = edit::set_front_matter_key(&out, "submissiontype", "submissiontype: IRTF", "docname");
    }
    let area_line = edit::front_matter_line(&out, "area");
    out = switch_line(&out, area_line, venue.area, |a| {
        format!("area: {}", quoted(a))
    });
    // The `venue:` block: indented keys under a top-level `venue:` line.
    let values = [
        ("group", venue.acronym.to_ascii_uppercase()),
        ("type", venue.kind.to_owned()),
        ("mail", venue.mail.clone()),
        ("arch", venue.arch.clone()),
    ];
    let mut result = String::with_capacity(out.len());
    let mut in_venue = false;
    for raw in out.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let ending = &raw[line.len()..];
        if in_venue && !line.starts_with([' ', '\t']) && !line.trim().is_empty() {
            in_venue = false;
        }
        if line.starts_with("venue:") {
            in_venue = true;
        } else if in_venue {
            let indent = &line[..line.len() - line.trim_start().len()];
            let key = line.trim_start().split(':').next().unwrap_or("");
            if let Some((k, v)) = values.iter().find(|(k, _)| *k == key) {
                let _ = write!(result, "{indent}{k}: {}{ending}", quoted(v));
                continue;
            }
        }
        result.push_str(raw);
    }
    result
}

/// The `newdraft.toml` an adoption in `dir` belongs in: the nearest existing one in `dir` or a
/// parent up to the root of its git work tree (the one `check` reads for the tree), else a new
/// one at that root (where `newdraft check` and CI run, and read it for every subdirectory);
/// outside git, in `dir`. Never above the work tree: a stray file in a home directory is not
/// the project's.
fn record_path(dir: &Path) -> PathBuf {
    let (found, new) = records::locate(dir);
    found.unwrap_or(new)
}

/// `newdraft.toml` with a record of this adoption appended, and the directory it is in (`None`
/// when the record is already there). What is there is kept byte for byte
/// (`records::add_record`).
fn record(
    dir: &Path,
    name: &str,
    group: &str,
    replaces: &str,
) -> Result<Option<(PathBuf, PlannedFile)>> {
    let path = record_path(dir);
    let existing = match records::read_text(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            "# Adoption records: written by `newdraft adopt`, read by `newdraft check`.\n"
                .to_owned()
        }
        Err(e) => return Err(e).with_context(|| format!("failed to read `{}`", path.display())),
    };
    let record = records::Record {
        name: name.to_owned(),
        group: group.to_owned(),
        replaces: Some(replaces.to_owned()),
    };
    let text = records::add_record(&existing, &record)
        .with_context(|| format!("cannot record the adoption in `{}`", path.display()))?;
    if path.is_file() && text == existing {
        return Ok(None);
    }
    let parent = path
        .parent()
        .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
    Ok(Some((parent, PlannedFile::new(records::FILE_NAME, text))))
}

/// Refuse to adopt into a group that does not exist or has concluded, as far as the group list
/// (embedded, or the Datatracker's cached by `index update`) knows; `--force` skips this.
fn refuse_group(wg: &str) -> Result<()> {
    let date = groups::date();
    match groups::lookup(wg) {
        None => {
            let close = groups::did_you_mean(wg)
                .map(|g| format!("did you mean `--wg {}`? ", g.acronym))
                .unwrap_or_default();
            bail!(
                "`{wg}` is not a group in newdraft's group list (dated {date}), and the Datatracker posts `draft-ietf-`/`draft-irtf-` names only for groups that exist; {close}`newdraft index update` fetches the Datatracker's full list; `--force` adopts anyway (a group newer than the list)"
            )
        }
        Some(g) if g.state == "concluded" => bail!(
            "`{wg}` has concluded (newdraft's group list, dated {date}), and the Datatracker takes new drafts only for active groups; `--force` adopts anyway (a group rechartered since)"
        ),
        Some(_) => Ok(()),
    }
}

/// `newdraft adopt`: plan, then write the new draft and the record (unless `--dry-run`).
pub fn run(args: &Request) -> Result<Outcome> {
    let plan = plan(args)?;
    let mut stderr = plan.notes.clone();
    if args.dry_run {
        stderr.push(format!(
            "note: dry run: `{}` was not written",
            plan.shown.display()
        ));
    }
    // The new draft and its record together, or neither: a draft without its record made a
    // re-run refuse ("already exists") and `check` judge it unadopted.
    let mut writes = vec![Target::new(&plan.dir, plan.draft.clone(), Overwrite::Never)];
    if let Some((dir, record)) = &plan.record {
        writes.push(Target::new(dir, record.clone(), Overwrite::Allow));
    }
    let wg = args.wg.trim().to_ascii_lowercase();
    if let Some((dir, _)) = &plan.record {
        let shown = if dir.as_path() == plan.dir.as_path() {
            plan.shown.with_file_name(records::FILE_NAME)
        } else {
            dir.join(records::FILE_NAME)
        };
        stderr.push(format!(
            "note: {} in `{}`: `{}` adopted by `{wg}`, replacing `{}`",
            if args.dry_run {
                "would record"
            } else {
                "recorded"
            },
            shown.display(),
            plan.new_name,
            plan.replaces
        ));
    }
    if let Some(base) = plan.new_name.strip_suffix("-latest") {
        stderr.push(format!(
            "note: tag the first revision `{base}-00` (`git tag -a {base}-00 -m \"{base}-00\"`)"
        ));
    }
    stderr.push(format!(
        "note: at the Datatracker, when you submit it, declare that it replaces `{}` (the submission form's \"replaces\" field)",
        plan.replaces
    ));
    stderr.push(if wg == "iab" {
        "note: a `draft-iab-` -00 is posted for the IAB, which approves it; expect it to wait for that".to_owned()
    } else {
        format!(
            "note: a -00 under a `draft-{}-{wg}-` name is posted only after the `{wg}` chairs approve it; expect it to wait for them",
            if args.irtf { "irtf" } else { "ietf" }
        )
    });
    Ok(Outcome {
        stdout: format!("{}\n", crate::text::line(&crate::text::path(&plan.shown))),
        stderr,
        writes,
        dry_run: args.dry_run,
        ..Outcome::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> DraftName {
        DraftName::parse(s).unwrap()
    }

    #[test]
    fn subject_drops_author_and_target_group() {
        let s =
            |n: &str, wg: &str| default_subject(&name(n), wg, &[], SourceKind::Xml, "").unwrap();
        assert_eq!(
            s("draft-doe-dispatch-widget-discovery-02", "sipcore"),
            "widget-discovery"
        );
        assert_eq!(s("draft-doe-sipcore-widgets", "sipcore"), "widgets");
        // Not a group: the third component is part of the subject.
        assert_eq!(
            s("draft-doe-widget-discovery", "sipcore"),
            "widget-discovery"
        );
        // The draft's own workgroup counts as its target.
        let xml = "<front><workgroup>Foo</workgroup></front>";
        assert_eq!(
            default_subject(
                &name("draft-doe-foo-bar"),
                "sipcore",
                &[],
                SourceKind::Xml,
                xml
            )
            .unwrap(),
            "bar"
        );
    }

    #[test]
    fn switches_an_xml_note_and_workgroup() {
        let venue = Venue::new("sipcore", false);
        let xml = "<rfc submissionType=\"IETF\"><front><workgroup>DISPATCH</workgroup><note title=\"Discussion Venues\" removeInRFC=\"true\"><t>Discuss on the DISPATCH Working Group list (dispatch@ietf.org), <eref target=\"https://mailarchive.ietf.org/arch/browse/dispatch/\"/>.</t></note></front></rfc>";
        let mut notes = Vec::new();
        let out = switch_group(xml, SourceKind::Xml, &venue, Some("dispatch"), &mut notes);
        assert!(out.contains("<workgroup>Session Initiation Protocol Core</workgroup>"));
        assert!(out.contains("SIPCORE Working Group list (sipcore@ietf.org)"));
        assert!(out.contains("arch/browse/sipcore/"));
        assert!(!out.to_lowercase().contains("dispatch"), "{out}");
        assert!(notes.is_empty());
        let irtf = switch_group(
            xml,
            SourceKind::Xml,
            &Venue::new("cfrg", true),
            Some("dispatch"),
            &mut notes,
        );
        assert!(irtf.contains("submissionType=\"IRTF\""));
        assert!(irtf.contains("CFRG Research Group list (cfrg@irtf.org)"));
    }

    #[test]
    fn adds_a_missing_workgroup_in_schema_order() {
        let venue = Venue::new("sipcore", false);
        let mut notes = Vec::new();
        let xml = "<rfc><front><date/>\n    <area>ART</area>\n    <keyword>k</keyword><abstract/></front></rfc>";
        let out = switch_group(xml, SourceKind::Xml, &venue, None, &mut notes);
        assert!(out.contains("<area>Applications and Real-Time</area>\n    <workgroup>Session Initiation Protocol Core</workgroup>\n    <keyword>"), "{out}");
        let xml = "<rfc><front><date/><keyword>k</keyword></front></rfc>";
        let out = switch_group(xml, SourceKind::Xml, &venue, None, &mut notes);
        assert!(
            out.contains("<workgroup>Session Initiation Protocol Core</workgroup>\n    <keyword>"),
            "{out}"
        );
    }

    #[test]
    fn sets_the_irtf_stream_even_when_the_attribute_is_missing() {
        let mut notes = Vec::new();
        let xml = "<!-- <rfc x> -->\n<rfc docName=\"d\"><front></front></rfc>";
        let out = switch_group(
            xml,
            SourceKind::Xml,
            &Venue::new("cfrg", true),
            None,
            &mut notes,
        );
        assert_eq!(
            out,
            "<!-- <rfc x> -->\n<rfc submissionType=\"IRTF\" docName=\"d\"><front><workgroup>Crypto Forum</workgroup>\n    </front></rfc>"
        );
    }

    #[test]
    fn switches_or_drops_the_area() {
        let mut notes = Vec::new();
        let xml = "<rfc><front><date/>\n    <area>General</area>\n    <workgroup>X</workgroup></front></rfc>";
        let sec = switch_group(
            xml,
            SourceKind::Xml,
            &Venue::new("tls", false),
            None,
            &mut notes,
        );
        assert!(sec.contains("<area>Security</area>"), "{sec}");
        let rg = switch_group(
            xml,
            SourceKind::Xml,
            &Venue::new("cfrg", true),
            None,
            &mut notes,
        );
        assert_eq!(
            rg,
            "<rfc submissionType=\"IRTF\"><front><date/>\n    <workgroup>Crypto Forum</workgroup></front></rfc>"
        );
        let unknown = switch_group(
            xml,
            SourceKind::Xml,
            &Venue::new("zzzz", false),
            None,
            &mut notes,
        );
        assert!(unknown.contains("<area>General</area>"));
        let md = "---\ndocname: draft-a-b-00\narea: General\nworkgroup: X\n---\n";
        let md_sec = switch_group(
            md,
            SourceKind::Kramdown,
            &Venue::new("tls", false),
            None,
            &mut notes,
        );
        assert!(md_sec.contains("\narea: \"Security\"\n"), "{md_sec}");
        let md_rg = switch_group(
            md,
            SourceKind::Kramdown,
            &Venue::new("cfrg", true),
            None,
            &mut notes,
        );
        assert!(!md_rg.contains("area:"), "{md_rg}");
        let mm = "%%%\ntitle = \"T\"\narea = \"General\"\n[seriesInfo]\n%%%\n";
        let mmark_rg = switch_group(
            mm,
            SourceKind::Mmark,
            &Venue::new("cfrg", true),
            None,
            &mut notes,
        );
        assert!(!mmark_rg.contains("area"), "{mmark_rg}");
    }

    #[test]
    fn switches_a_kramdown_venue_block() {
        let md = "---\ntitle: T\ndocname: draft-doe-dispatch-x-00\nworkgroup: DISPATCH\nvenue:\n  group: DISPATCH\n  type: Working Group\n  mail: dispatch@ietf.org\n  arch: https://mailarchive.ietf.org/arch/browse/dispatch/\n  github: doe/x\nauthor:\n -\n    fullname: Jane\n---\n";
        let mut notes = Vec::new();
        let out = switch_group(
            md,
            SourceKind::Kramdown,
            &Venue::new("sipcore", false),
            Some("dispatch"),
            &mut notes,
        );
        assert_eq!(
            out,
            "---\ntitle: T\ndocname: draft-doe-dispatch-x-00\nworkgroup: \"Session Initiation Protocol Core\"\nvenue:\n  group: \"SIPCORE\"\n  type: \"Working Group\"\n  mail: \"sipcore@ietf.org\"\n  arch: \"https://mailarchive.ietf.org/arch/browse/sipcore/\"\n  github: doe/x\nauthor:\n -\n    fullname: Jane\n---\n"
        );
    }

    #[test]
    fn appends_records_keeping_what_is_there() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(records::FILE_NAME);
        let (at, first) = record(dir.path(), "draft-ietf-aa-x", "aa", "draft-doe-x")
            .unwrap()
            .unwrap();
        assert_eq!(at, dir.path());
        assert!(first.contents.starts_with("# Adoption records"));
        std::fs::write(&file, format!("# mine\n{}", first.contents)).unwrap();
        assert!(
            record(dir.path(), "draft-ietf-aa-x", "aa", "draft-doe-x")
                .unwrap()
                .is_none()
        );
        let (_, second) = record(dir.path(), "draft-ietf-bb-y", "bb", "draft-doe-y")
            .unwrap()
            .unwrap();
        assert!(second.contents.starts_with("# mine\n"));
        let records = records::Records::parse(&second.contents).unwrap();
        assert_eq!(records.adopted.len(), 2);
        // The same name for another group is a contradiction, not a second record.
        std::fs::write(&file, &second.contents).unwrap();
        assert!(record(dir.path(), "draft-ietf-bb-y", "cc", "draft-doe-y").is_err());
        std::fs::write(&file, "[[adopted]\n").unwrap();
        assert!(record(dir.path(), "draft-ietf-bb-y", "bb", "draft-doe-y").is_err());
    }

    #[test]
    fn appends_to_the_record_file_of_a_parent_directory_in_the_work_tree() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("drafts");
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(dir.path().join(records::FILE_NAME), "# root\n").unwrap();
        // Outside a git work tree only the draft's own directory counts.
        let (at, _) = record(&sub, "draft-ietf-a-x", "a", "draft-doe-x")
            .unwrap()
            .unwrap();
        assert_eq!(at, sub);
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let (at, file) = record(&sub, "draft-ietf-a-x", "a", "draft-doe-x")
            .unwrap()
            .unwrap();
        assert_eq!(
            std::path::absolute(at).unwrap(),
            std::path::absolute(dir.path()).unwrap()
        );
        assert!(file.contents.starts_with("# root\n"));
    }
}
