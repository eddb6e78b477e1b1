//! `email problem` and `email announce`: messages to a group's mailing list, as RFC 5322 text.
//!
//! The words are the templates' (`templates/email-*.txt.tera`: a `Subject:` line, a blank
//! line, the body); the form is this module's: it reads the draft ([`crate::source::Document`]), fills
//! the template, then builds a message any mail program accepts — `From`, `To`, `Subject`
//! (RFC 2047 encoded words when not ASCII), `Date` (RFC 2822), MIME headers for UTF-8 text —
//! and wraps the body at 72 columns without ever breaking a URL.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::groups::{self, Kind};
use crate::mail::{Message, Sender, ascii_domain, is_address, one_line};
use crate::name::{self, DraftName, Stream};
use crate::render::{self, Template};
use crate::source::Document;
use crate::write::{Overwrite, PlannedFile, Target};
use crate::{Outcome, Status};

/// Who sends a message, when, and where it goes: what `email problem` and `email announce`
/// share.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// The sender's name (default: the draft's first author, else git).
    pub fullname: Option<String>,
    /// The sender's address (likewise).
    pub email: Option<String>,
    /// A file to write the message to (`-`: standard output).
    pub output: Option<PathBuf>,
    /// Replace that file.
    pub force: bool,
    /// The message's `Date:`.
    pub date: DateTime<FixedOffset>,
    /// Override templates.
    pub templates: Option<PathBuf>,
}

/// `newdraft email problem`, validated.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The group whose list to write to.
    pub wg: String,
    /// What the work is about.
    pub title: Option<String>,
    /// A draft to quote the problem statement and use cases from.
    pub from: Option<PathBuf>,
    /// Sender, date, destination.
    pub delivery: Delivery,
}

/// `newdraft email announce`, validated.
#[derive(Debug, Clone)]
pub struct Announce {
    /// The posted draft.
    pub draft: PathBuf,
    /// The group whose list to write to (default: the draft's).
    pub wg: Option<String>,
    /// Sender, date, destination.
    pub delivery: Delivery,
}

/// The mark that starts every placeholder the sender must fill in.
pub const PLACEHOLDER: &str = "[FILL IN:";

/// The mark the skeleton `init` writes starts every part to write with (`TODO: …`): text from a
/// draft that still has it is scaffold, not the author's words.
pub const SCAFFOLD: &str = "TODO";

/// A warning when the parts of `draft` a message quotes still hold scaffold text, with how many.
fn scaffold_warning(draft: &Path, quoted: &[&str]) -> Option<String> {
    let count: usize = quoted.iter().map(|t| t.matches(SCAFFOLD).count()).sum();
    (count > 0).then(|| {
        format!(
            "warning: the message quotes {count} piece{} of scaffold text (`{SCAFFOLD}`) from `{}`: write {} in the draft first, or edit the message before sending",
            if count == 1 { "" } else { "s" },
            draft.display(),
            if count == 1 { "it" } else { "them" },
        )
    })
}

/// `--fullname`/`--email`, else the draft's first author, else `git config`, else the
/// placeholders ([`crate::author::resolve`], as for `init`), with one warning in `notes` naming
/// every placeholder used: the message is still complete, so a shell redirect never keeps an
/// empty file.
fn sender(
    fullname: Option<&str>,
    email: Option<&str>,
    doc: Option<&Document>,
    notes: &mut Vec<String>,
) -> Result<Sender> {
    sender_with(fullname, email, doc, &crate::git::config, notes)
}

/// [`sender`] with `git config` injected.
fn sender_with(
    fullname: Option<&str>,
    email: Option<&str>,
    doc: Option<&Document>,
    git_config: &dyn Fn(&str) -> Option<String>,
    notes: &mut Vec<String>,
) -> Result<Sender> {
    let author = doc.and_then(|d| d.authors.first());
    let (resolved, warning) = crate::author::resolve(
        fullname
            .map(str::to_owned)
            .or_else(|| author.and_then(|a| a.fullname.clone())),
        email
            .map(str::to_owned)
            .or_else(|| author.and_then(|a| a.email.clone())),
        git_config,
    );
    notes.extend(warning);
    let raw = resolved.email.trim();
    let not_an_address = || {
        anyhow!(
            "`{}` is not an email address; pass `--email name@example.com`",
            raw.escape_debug()
        )
    };
    if !is_address(raw) {
        return Err(not_an_address());
    }
    let email = ascii_domain(raw)?;
    if !(is_address(&email) && email.is_ascii()) {
        return Err(not_an_address());
    }
    Ok(Sender {
        fullname: one_line(&resolved.fullname),
        email,
    })
}

/// A group acronym from `--wg`, checked.
fn acronym(wg: &str) -> Result<String> {
    Ok(groups::Acronym::parse("--wg", wg)?.as_str().to_owned())
}

/// The whole message: `template` filled with `values`, from `from` to the group's list.
fn message(
    template: Template,
    values: &impl Serialize,
    to: String,
    from: Sender,
    delivery: &Delivery,
) -> Result<String> {
    let rendered = render::render(template, values, delivery.templates.as_deref())?;
    Message {
        from,
        to,
        date: delivery.date,
        rendered,
    }
    .build(template.file_name())
}

/// Where the message goes: `--output FILE` (no clobber without `--force`) or standard output
/// (also for `--output -`, the usual spelling of it).
fn deliver(
    message: String,
    output: Option<&Path>,
    force: bool,
    notes: Vec<String>,
) -> Result<Outcome> {
    let Some(path) = output.filter(|p| p.as_os_str() != "-") else {
        return Ok(Outcome {
            stdout: message,
            stderr: notes,
            status: Status::Success,
            ..Outcome::default()
        });
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| anyhow!("`{}` is not a file name", path.display()))?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let overwrite = if force {
        Overwrite::Allow
    } else {
        Overwrite::Never
    };
    Ok(Outcome {
        stdout: format!("{}\n", crate::text::line(&crate::text::path(path))),
        stderr: notes,
        writes: vec![Target::new(
            dir,
            PlannedFile::new(file_name, message),
            overwrite,
        )],
        ..Outcome::default()
    })
}

#[derive(Debug, Serialize)]
struct ProblemValues {
    subject_topic: String,
    group: String,
    problem: String,
    use_cases: String,
    fullname: String,
}

/// `email problem`.
pub fn problem(args: &Problem) -> Result<Outcome> {
    let wg = acronym(&args.wg)?;
    let doc = args.from.as_deref().map(Document::read).transpose()?;
    let mut notes = Vec::new();
    let from = sender(
        args.delivery.fullname.as_deref(),
        args.delivery.email.as_deref(),
        doc.as_ref(),
        &mut notes,
    )?;
    let section = |words: &[&str], what: &str, hint: &str, notes: &mut Vec<String>| {
        let found = doc
            .as_ref()
            .and_then(|d| d.section(words))
            .map(|s| s.text.trim().to_owned())
            .filter(|t| !t.is_empty());
        if let (None, Some(path)) = (&found, &args.from) {
            notes.push(format!(
                "warning: `{}` has no {what} section to quote",
                path.display()
            ));
        }
        found.unwrap_or_else(|| format!("{PLACEHOLDER} {hint}]"))
    };
    let problem = section(
        &["problem statement", "problem"],
        "problem statement",
        "the problem in two or three sentences: who has it, what goes wrong, and why what exists today does not solve it",
        &mut notes,
    );
    let use_cases = section(
        &["use case", "scenario"],
        "use cases",
        "two or three concrete use cases, one paragraph each: who does what, and what they need",
        &mut notes,
    );
    if let Some(path) = &args.from {
        notes.extend(scaffold_warning(
            path,
            &[problem.as_str(), use_cases.as_str()],
        ));
    }
    let subject_topic = args
        .title
        .clone()
        .or_else(|| doc.as_ref().and_then(|d| d.title.clone()))
        .map_or_else(
            || format!("{PLACEHOLDER} the topic in a few words]"),
            |t| one_line(&t),
        );
    let values = ProblemValues {
        subject_topic,
        group: wg.to_ascii_uppercase(),
        problem,
        use_cases,
        fullname: from.fullname.clone(),
    };
    let to = groups::Venue::of(&wg, None).list;
    let message = message(Template::EmailProblem, &values, to, from, &args.delivery)?;
    let placeholders = message.matches(PLACEHOLDER).count();
    if placeholders > 0 {
        notes.push(format!(
            "note: fill in the {placeholders} placeholder{} marked `{PLACEHOLDER} …]` before sending",
            if placeholders == 1 { "" } else { "s" }
        ));
    }
    deliver(
        message,
        args.delivery.output.as_deref(),
        args.delivery.force,
        notes,
    )
}

#[derive(Debug, Serialize)]
struct AnnounceValues {
    title: String,
    name: String,
    revision: String,
    versioned: String,
    url: String,
    #[serde(rename = "abstract")]
    abstract_: String,
    group: String,
    fullname: String,
    /// A group's draft: its list reviews the changes, not whether to take the work up.
    adopted: bool,
}

/// `email announce`.
pub fn announce(args: &Announce) -> Result<Outcome> {
    let path = &args.draft;
    let doc = Document::read(path)?;
    if let Some(number) = &doc.rfc {
        return Err(crate::source::published_rfc(path, number));
    }
    // xml2rfc refuses such a file, so this revision was not posted from it (as `bump` says).
    if let Some(e) = doc
        .docname
        .as_ref()
        .and_then(|d| crate::source::series_info_mismatch(path, d, doc.series_info.as_ref()))
    {
        return Err(e);
    }
    if doc.kind == crate::source::SourceKind::Text {
        bail!(
            "`{}` is a rendered text draft; announce it from its source (`.xml` or `.md`), which holds its title and abstract",
            path.display()
        );
    }
    let docname = doc
        .docname
        .as_ref()
        .map(|d| d.value.clone())
        .ok_or_else(|| {
            anyhow!(
                "`{}` does not declare its name (rule R9, doc/no-docname); the message needs it",
                path.display()
            )
        })?;
    let mut notes = Vec::new();
    let name = posted_name(path, &docname, &mut notes)?;
    let Some(revision) = name.revision() else {
        bail!(
            "`{docname}` in `{}` has no revision (rule R6); announce a posted revision",
            path.display()
        );
    };
    let wg = match &args.wg {
        Some(wg) => acronym(wg)?,
        None => draft_group(&name, &doc),
    };
    if let Some(g) = groups::lookup(&wg).filter(|g| g.state == "concluded") {
        notes.push(format!(
            "warning: `{}` is a concluded {} (newdraft's group list, {}): its list may be closed; check the address, or give `--wg`",
            g.acronym,
            g.kind.describe(),
            groups::SNAPSHOT_DATE
        ));
    }
    let from = sender(
        args.delivery.fullname.as_deref(),
        args.delivery.email.as_deref(),
        Some(&doc),
        &mut notes,
    )?;
    let title = doc
        .title
        .as_deref()
        .map(one_line)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| anyhow!("`{}` has no title", path.display()))?;
    let abstract_text = doc.abstract_text.clone().unwrap_or_else(|| {
        notes.push(format!("warning: `{}` has no abstract", path.display()));
        format!("{PLACEHOLDER} a summary of the draft]")
    });
    notes.extend(scaffold_warning(
        path,
        &[title.as_str(), abstract_text.as_str()],
    ));
    let values = AnnounceValues {
        title,
        name: name.as_str().to_owned(),
        revision: revision.to_string(),
        versioned: name.versioned(),
        url: format!("https://datatracker.ietf.org/doc/{}/", name.as_str()),
        abstract_: abstract_text,
        group: wg.to_ascii_uppercase(),
        fullname: from.fullname.clone(),
        adopted: name.stream() != name::Stream::Individual,
    };
    // The list the draft names for itself (`venue: mail:`), unless `--wg` says another group.
    let to = match (
        &args.wg,
        doc.list.as_deref().filter(|l| crate::mail::is_address(l)),
    ) {
        (None, Some(list)) => list.to_owned(),
        _ => groups::Venue::of(&wg, None).list,
    };
    let message = message(Template::EmailAnnounce, &values, to, from, &args.delivery)?;
    deliver(
        message,
        args.delivery.output.as_deref(),
        args.delivery.force,
        notes,
    )
}

/// The name as posted: the document's own versioned name, or for an i-d-template source
/// (`-latest`) the newest `name-NN` git tag.
fn posted_name(path: &Path, docname: &str, notes: &mut Vec<String>) -> Result<DraftName> {
    if crate::source::is_build_placeholder(docname) {
        return Err(crate::source::edit::placeholder(docname, path));
    }
    let invalid = |e: name::Issue| {
        anyhow!(
            "the name `{docname}` of `{}` is not valid: {e}",
            path.display()
        )
    };
    let Some(base) = name::strip_latest(docname) else {
        return DraftName::parse(docname).map_err(invalid);
    };
    let name = DraftName::parse(base).map_err(invalid)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Some(revision) = crate::git::latest_revision(dir, &name)? else {
        bail!(
            "`{}` has no `{}-NN` git tag yet, so nothing has been posted to announce; tag and submit it first (`newdraft bump {}` names the tag)",
            path.display(),
            name.as_str(),
            path.display()
        );
    };
    notes.push(format!(
        "note: announcing `{}`, the newest tag",
        name.with_revision(revision)
    ));
    Ok(name.with_revision(revision))
}

/// The list a draft belongs on: its group for a stream name; for an individual name, its target
/// group (third component) when that is a known group; else `dispatch`.
fn draft_group(name: &DraftName, doc: &Document) -> String {
    // A stream's draft is discussed where it was adopted: its group's list, or the IAB's.
    if let Some(g) = name.adopter() {
        return g.to_owned();
    }
    // A concluded group's list is no place for new work (draft-thomson-http-nice: `http`
    // concluded long ago; the draft's workgroup says HTTPBIS).
    let known = |g: &str| {
        groups::lookup(g).is_some_and(|g| g.kind != Kind::Other && g.state != "concluded")
    };
    if name.stream() == Stream::Individual {
        if let Some(third) = name.components().nth(1).filter(|t| known(t)) {
            return third.to_owned();
        }
    }
    doc.workgroup
        .as_deref()
        .and_then(groups::from_workgroup)
        .filter(|g| known(g.acronym))
        .map_or_else(|| "dispatch".to_owned(), |g| g.acronym.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_senders_internationalized_domain_is_sent_in_its_ascii_form() {
        let s = sender(
            Some("Jane"),
            Some("jane@bücher.example"),
            None,
            &mut Vec::new(),
        );
        assert_eq!(
            s.map(|s| s.email).ok().as_deref(),
            Some("jane@xn--bcher-kva.example")
        );
        let err = sender(
            Some("Jane"),
            Some("jane@-bücher.example"),
            None,
            &mut Vec::new(),
        )
        .unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            "`-bücher.example` in `jane@-bücher.example` is not a valid internationalized domain name (IDNA, UTS 46): each label letters, digits and inner hyphens, at most 63 bytes in its ASCII form"
        );
    }

    #[test]
    fn a_sender_without_flags_or_git_is_the_placeholder_with_one_warning() {
        let mut notes = Vec::new();
        let s = sender_with(None, None, None, &|_| None, &mut notes).unwrap();
        assert_eq!(s.fullname, crate::author::PLACEHOLDER_FULLNAME);
        assert_eq!(s.email, crate::author::PLACEHOLDER_EMAIL);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].starts_with("warning: no `--fullname` or `--email`"));
    }

    #[test]
    fn the_builtin_templates_render_and_need_their_values() {
        let v = ProblemValues {
            subject_topic: "T".into(),
            group: "DISPATCH".into(),
            problem: "P".into(),
            use_cases: "U".into(),
            fullname: "F".into(),
        };
        let out = render::render(Template::EmailProblem, &v, None).unwrap();
        assert!(
            out.trim_start()
                .starts_with("Subject: Problem statement for discussion: T\n\nHello DISPATCH,")
        );
        // The render module's prose hoisting changes no byte of these templates either.
        let plain = tera::Tera::one_off(
            Template::EmailProblem.builtin(),
            &tera::Context::from_serialize(&v).unwrap(),
            false,
        )
        .unwrap();
        assert_eq!(out, plain);
        for t in [Template::EmailProblem, Template::EmailAnnounce] {
            assert!(render::render(t, &serde_json::json!({}), None).is_err());
        }
    }
}
