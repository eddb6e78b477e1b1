//! `adopt`: the individual draft, renamed for the group that adopted it.
//!
//! An adopted draft is posted under a new name, `draft-ietf-<wg>-<subject>-00` (or
//! `draft-irtf-<rg>-…`), that replaces the individual one. `adopt` computes that name with
//! `name` (and refuses what the naming rules refuse), writes the new file beside the old one from
//! its content (new name, revision 00, workgroup, venue and mailing list switched to the group,
//! date), records the adoption and the replaces relation in `newdraft.toml` (so that `check`
//! accepts the new name), and says what is left to do at the Datatracker. The individual draft
//! itself is never touched. The venue's rewriting is in [`venue`].

mod venue;

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};

use crate::Outcome;
use crate::groups::{self, Venue};
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
    pub date: crate::source::edit::NewDate,
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
    let wg = adopting_group(req, &source)?;
    // The authors' full names, so that a surname of several words is dropped whole (from the
    // subject, and from the group the draft was aimed at).
    let authors: Vec<String> = source::Document::parse(&source.text, source.kind)
        .map(|d| d.authors.into_iter().filter_map(|a| a.fullname).collect())
        .unwrap_or_default();
    let mut notes = Vec::new();
    let new = new_name(req, &wg, &old, &authors, &source, &mut notes)?;
    let file_name = if unversioned {
        format!("{}.{}", new.as_str(), source.ext)
    } else {
        format!("{}.{}", new.versioned(), source.ext)
    };
    let shown = source.sibling(&file_name);
    if source.dir.join(&file_name).symlink_metadata().is_ok() {
        bail!(
            "`{}` already exists; nothing was written (remove it first if it is a stale copy)",
            shown.display()
        );
    }
    let text = rewrite(req, &source, (&old, &new), &authors, &wg, &mut notes)?;
    refuse_second_adoption(req, &source, &old, &new)?;
    refuse_a_posted_name(req, &source, &new)?;
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

/// The adopting group's acronym from `--wg`: a working or research group (or the IAB), known
/// and active unless `--force`; with `--irtf`, a draft whose category the IRTF stream publishes.
fn adopting_group(req: &Request, source: &Editable) -> Result<String> {
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
    Ok(wg)
}

/// The adopted name, `draft-ietf-<wg>-<subject>` (`draft-irtf-…`, `draft-iab-<subject>`), from
/// `--subject` or the individual name; refused when the rules refuse it, with their warnings in
/// `notes`.
fn new_name(
    req: &Request,
    wg: &str,
    old: &DraftName,
    authors: &[String],
    source: &Editable,
    notes: &mut Vec<String>,
) -> Result<DraftName> {
    let subject = if let Some(s) = req.subject.as_deref() {
        let c = name::component(s);
        if c.is_empty() {
            bail!("`--subject {s}` has no letters or digits to make a name from");
        }
        c
    } else {
        default_subject(old, wg, authors, source.kind, &source.text)?
    };
    let base = if wg == "iab" {
        format!("draft-iab-{subject}")
    } else {
        format!(
            "draft-{}-{wg}-{subject}",
            if req.irtf { "irtf" } else { "ietf" }
        )
    };
    let new_versioned = format!("{base}-{}", Revision::FIRST);
    let adopted = [wg.to_owned()];
    let verdict = name::check_name(
        &new_versioned,
        Form::Versioned,
        &name::Context {
            adopted_by: &adopted,
        },
    );
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
    verdict
        .name
        .ok_or_else(|| anyhow!("`{new_versioned}` is not a valid name"))
}

/// The new draft's text: the old one renamed (its own name, its Datatracker links), dated, and
/// moved to the adopting group's venue.
fn rewrite(
    req: &Request,
    source: &Editable,
    (old, new): (&DraftName, &DraftName),
    authors: &[String],
    wg: &str,
    notes: &mut Vec<String>,
) -> Result<String> {
    // An i-d-template source names itself `…-latest`; the others, with their revision.
    let (old_docname, new_docname) = if source.latest_base().is_some() {
        (old.latest(), new.latest())
    } else {
        (old.versioned(), new.versioned())
    };
    let group = Venue::of(wg, Some(req.irtf));
    let old_group = old_target_group(old, source, authors);
    let mut text = source::rename(&source.text, source.kind, &old_docname, &new_docname)
        .with_context(|| format!("cannot rename `{}`", req.draft.display()))?;
    text = edit::replace_name(
        &text,
        &format!("datatracker.ietf.org/doc/{}", old.as_str()),
        &format!("datatracker.ietf.org/doc/{}", new.as_str()),
    );
    text = edit::set_date(&text, source.kind, req.date)
        .with_context(|| format!("cannot set the date in `{}`", req.draft.display()))?;
    text = venue::switch_group(&text, source.kind, &group, old_group.as_deref(), notes);
    if let Some(old) = &old_group {
        text = venue::switch_discussion(&text, old, &group);
    }
    Ok(text)
}

/// One draft is adopted once: a record that already has it replaced by another name (a second
/// group, another subject) is refused, unless `--force`.
fn refuse_second_adoption(
    req: &Request,
    source: &Editable,
    old: &DraftName,
    new: &DraftName,
) -> Result<()> {
    if req.force {
        return Ok(());
    }
    let Some(file) = records::find(&source.dir) else {
        return Ok(());
    };
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
    Ok(())
}

/// The adopted name's -00 is posted once: when the repository's git tags already hold
/// revisions of it (ietf-wg-ntp/draft-ietf-ntp-ntpv5 has `draft-ietf-ntp-ntpv5-00` to `-07`
/// beside the individual `draft-mlichvar-ntp-ntpv5-07`), the Datatracker would take only the
/// next revision, so a new -00 is refused, unless `--force`. No git, or no repository: nothing
/// to go by.
fn refuse_a_posted_name(req: &Request, source: &Editable, new: &DraftName) -> Result<()> {
    if req.force {
        return Ok(());
    }
    let pattern = format!("{}-[0-9][0-9]", new.as_str());
    let Ok(mut tags) = crate::git::tags(&source.dir, &pattern) else {
        return Ok(());
    };
    tags.sort();
    if let (Some(first), Some(last)) = (tags.first(), tags.last()) {
        bail!(
            "`{}` is posted already: the git tags hold `{first}`{}; continue from the newest with `newdraft bump`, or `--force` to write a new -00 anyway",
            new.as_str(),
            if tags.len() > 1 {
                format!(" to `{last}`")
            } else {
                String::new()
            }
        );
    }
    Ok(())
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

/// The acronym of the group the draft's `workgroup` names: the group list's, else the label
/// without its kind (see [`groups::from_workgroup`]).
fn own_workgroup(kind: SourceKind, text: &str) -> Option<String> {
    let label = source::Document::parse(text, kind).ok()?.workgroup?;
    Some(
        groups::from_workgroup(&label)
            .map_or_else(|| groups::workgroup_stem(&label), |g| g.acronym.to_owned()),
    )
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
    // `newdraft.toml` alone (the draft's directory was `acp`, and the root is `.`) is in `.`.
    let parent = match path.parent() {
        Some(p) if p.as_os_str().is_empty() => PathBuf::from("."),
        Some(p) => p.to_path_buf(),
        None => dir.to_path_buf(),
    };
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
        } else if dir.as_os_str() == "." {
            PathBuf::from(records::FILE_NAME)
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
    if let Some(base) = name::strip_latest(&plan.new_name) {
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
        let xml = "<rfc><front><workgroup>Foo</workgroup></front></rfc>";
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
