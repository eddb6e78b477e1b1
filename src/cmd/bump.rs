//! `bump`: the next revision of a draft, as a new file beside the old one.
//!
//! The old file is what was submitted, so it is never changed: `bump` reads it, works out the
//! next name with [`DraftName`] (refusing an invalid own name, a revision past 99 and a next
//! file that already exists), rewrites every mention of the old versioned name and the date in
//! a copy, and plans that copy as a new file. An i-d-template source (`docname: …-latest`) has
//! no revision in the file: its revisions are git tags, so `bump` only says which tag is next.
//!
//! The rewriting itself (the name, the date) is [`crate::source::edit`]'s, shared with `adopt`.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};

use crate::name::{self, Code, DraftName};
use crate::source::{self, edit};
use crate::write::{Overwrite, PlannedFile, Target};
use crate::{Outcome, Status};

/// `newdraft bump`, validated.
#[derive(Debug, Clone)]
pub struct Request {
    /// The draft source to revise.
    pub draft: PathBuf,
    /// The new revision's date.
    pub date: edit::NewDate,
    /// Plan only.
    pub dry_run: bool,
}

/// What `bump` will do: a new file, or (for `-latest` sources) the next git tag.
#[derive(Debug, Clone)]
pub enum Plan {
    /// Write this file into `dir`.
    Write {
        /// The directory of the old file.
        dir: PathBuf,
        /// The new revision.
        file: PlannedFile,
        /// The new file as the user would name it (printed).
        shown: PathBuf,
    },
    /// Nothing to write: the next revision is this git tag.
    Tag {
        /// The next tag, `draft-…-NN`.
        tag: String,
        /// The directory whose repository was asked.
        dir: PathBuf,
    },
}

/// Work out the next revision of the draft at `path`, reading the disk but writing nothing.
pub fn plan(path: &Path, date: edit::NewDate) -> Result<Plan> {
    let source = edit::Editable::read(path)?;
    if source.latest_base().is_some() {
        let name = edit::own_name(&source, false)?;
        let tag = next_tag(&source.dir, &name)?;
        return Ok(Plan::Tag {
            tag,
            dir: source.dir,
        });
    }
    let name = edit::own_name(&source, true)?;
    let Some(revision) = name.revision() else {
        bail!(
            "`{}` has no revision in its name `{}` (rule R6, {})",
            path.display(),
            source.docname,
            Code::MissingRevision
        );
    };
    let Some(next) = revision.next() else {
        bail!(
            "`{}` is revision 99: revisions stop at 99, so a new name is needed (rule R6, {})",
            source.docname,
            Code::BadRevision
        );
    };
    let new = name.with_revision(next);
    let file_name = format!("{}.{}", new.versioned(), source.ext);
    let shown = source.sibling(&file_name);
    if source.dir.join(&file_name).symlink_metadata().is_ok() {
        // Point at the newest revision on disk: that is the one to bump.
        let mut newest = new.clone();
        while let Some(r) = newest.revision().and_then(name::Revision::next) {
            let candidate = newest.with_revision(r);
            let file = format!("{}.{}", candidate.versioned(), source.ext);
            if source.dir.join(file).symlink_metadata().is_err() {
                break;
            }
            newest = candidate;
        }
        let newest = source.sibling(&format!("{}.{}", newest.versioned(), source.ext));
        bail!(
            "`{}` already exists: revision {next} was already started, and a revision is never reused (rule R7, {}); nothing was written; bump the newest, `newdraft bump {}`",
            shown.display(),
            Code::RevisionReused,
            newest.display()
        );
    }
    tagged_already(&source.dir, &name, next)?;
    let text = source::rename(&source.text, source.kind, &source.docname, &new.versioned())
        .with_context(|| format!("cannot rename `{}`", path.display()))?;
    let text = edit::set_date(&text, source.kind, date)
        .with_context(|| format!("cannot set the date in `{}`", path.display()))?;
    Ok(Plan::Write {
        dir: source.dir,
        // The next revision is as private as the one it continues.
        file: PlannedFile::new(file_name, text).with_permissions_of(path),
        shown,
    })
}

/// Refuse revision `next` of `name` when the git tags of the repository holding `dir` show it
/// posted already (a `-38` source in a work tree checked out before `-39` was tagged): the
/// Datatracker takes each revision once. Outside a git work tree there are no tags to ask.
fn tagged_already(dir: &Path, name: &DraftName, next: name::Revision) -> Result<()> {
    if crate::git::work_tree_root(dir).is_none() {
        return Ok(());
    }
    // Unreadable tags are no reason to refuse: they only add evidence.
    let Ok(Some(newest)) = crate::git::latest_revision(dir, name) else {
        return Ok(());
    };
    if newest < next {
        return Ok(());
    }
    let after = newest.next().map_or_else(
        || "none: revisions stop at 99".to_owned(),
        |r| format!("`{}`", name.with_revision(r).versioned()),
    );
    bail!(
        "`{}` is tagged in git already: the tags reach `{}`, and a revision is never reused (rule R7, {}); nothing was written; bump the source of the newest revision (the next is {after})",
        name.with_revision(next).versioned(),
        name.with_revision(newest).versioned(),
        Code::RevisionReused,
    )
}

/// The next `name-NN` tag, from the tags in the repository holding `dir`.
fn next_tag(dir: &Path, name: &DraftName) -> Result<String> {
    let next = match crate::git::latest_revision(dir, name)? {
        None => name::Revision::FIRST,
        Some(r) => r.next().ok_or_else(|| {
            anyhow!(
                "the tag `{}-99` exists: revisions stop at 99, so a new name is needed (rule R6, {})",
                name.as_str(),
                Code::BadRevision
            )
        })?,
    };
    Ok(name.with_revision(next).versioned())
}

/// `newdraft bump`: plan, then write (unless `--dry-run`).
pub fn run(args: &Request) -> Result<Outcome> {
    match plan(&args.draft, args.date)? {
        Plan::Write { dir, file, shown } => {
            let mut stderr = Vec::new();
            if args.dry_run {
                stderr.push(format!(
                    "note: dry run: `{}` was not written",
                    shown.display()
                ));
            }
            Ok(Outcome {
                stdout: format!("{}\n", crate::text::line(&crate::text::path(&shown))),
                stderr,
                writes: vec![Target::new(dir, file, Overwrite::Never)],
                dry_run: args.dry_run,
                ..Outcome::default()
            })
        }
        Plan::Tag { tag, dir } => {
            // Tags belong to the repository: `cd` only into another work tree than this one
            // (ietf-wg-acme/acme's `rfced/` is the same repository), quoted for the shell.
            let root = crate::git::work_tree_root;
            let cd = if dir == Path::new(".") || root(&dir) == root(Path::new(".")) {
                String::new()
            } else {
                format!("cd {} && ", crate::text::shell_word(&dir.to_string_lossy()))
            };
            Ok(Outcome {
                stdout: format!("{tag}\n"),
                stderr: vec![
                    format!(
                        "note: `{}` is an i-d-template source: its revisions are git tags, so nothing was written",
                        args.draft.display()
                    ),
                    format!(
                        "note: to submit `{tag}`: {cd}git tag -a {tag} -m \"{tag}\" && git push origin {tag}"
                    ),
                ],
                status: Status::Success,
                ..Outcome::default()
            })
        }
    }
}
