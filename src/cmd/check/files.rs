//! `check` on files: walk, read each candidate's head, say what it is, then judge every draft
//! with what the whole tree knows.
//!
//! Two phases, because a draft's adoption is decided by evidence the rest of the tree holds:
//! 1. **Read** ([`super::walk`]; parallel, on the walker's threads): every candidate file is
//!    opened once and its head read (a page, more only while
//!    [`crate::source::scan_prefix`] says it is not enough, at most [`HEAD_BYTES`]);
//!    [`crate::source::scan`] says what it is (a draft source, an RFC's source, or not a draft
//!    at all, with why) and what it calls itself.
//! 2. **Judge** (once the walk is done): the git tags and the revisions found in the tree
//!    ([`super::history`]) give each `draft-ietf-`/`draft-irtf-`/`draft-iab-` name its
//!    evidence of adoption; then every draft's names are judged ([`super::judge`]: R1–R15, and
//!    R9 between them), and two different files that claim the same `name-NN` in the same
//!    format are reported (R7, here).
//!
//! In a git work tree a tracked file is examined even when a `.gitignore` pattern matches it
//! (git never ignores a tracked file); untracked ignored files stay skipped.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use ignore::gitignore::Gitignore;

use super::Adoption;
use super::history::{History, Tags};
use super::judge::Judge;
use super::walk::{
    Batch, Read_, Scanned, by_path, examine, lock, tracked_ignored, unreadable, walk,
};
use crate::name::{Code, Revision};
use crate::report::{DraftEntry, Finding, SkippedEntry};
use crate::source::{HEAD_BYTES, split_revision};

/// What the files of a run came to.
#[derive(Debug, Default)]
pub(super) struct Outcome {
    pub(super) findings: Vec<Finding>,
    /// The drafts recognised, by path.
    pub(super) drafts: Vec<DraftEntry>,
    /// Candidates that are not draft sources, by path, with why.
    pub(super) skipped: Vec<SkippedEntry>,
    /// `note:` lines for standard error.
    pub(super) notes: Vec<String>,
    /// The names the drafts stand for, for the Datatracker's index.
    pub(super) names: Vec<crate::index::rules::Checked>,
    /// Something could not be read (a `file/unreadable` finding says what).
    pub(super) incomplete: bool,
}

/// Walk and check every PATH.
pub(super) fn check(
    paths: &[PathBuf],
    adoption: &Adoption,
    excluded: &[Gitignore],
    use_git: bool,
    today: NaiveDate,
    index: Option<&crate::index::Index>,
    ask_index: bool,
) -> Result<Outcome> {
    // The tags are asked for now and read once the walk is done.
    let mut tags = use_git.then(|| Tags::start(paths));
    let read = read_all(paths, excluded, use_git)?;
    if let Some(asked) = &mut tags {
        asked.also(into_inner(read.nested));
    }
    let mut out = Outcome::default();
    out.findings = into_inner(read.unreadable);
    out.incomplete = !out.findings.is_empty();
    let mut notes = into_inner(read.notes);
    notes.sort();
    notes.dedup();
    out.notes = notes;
    let batches = into_inner(read.results);
    // Sorted by reference: a file's record is large, and a sort moves what it sorts. Each
    // batch is in order already: the sort merges them.
    let mut scanned: Vec<&Scanned> = batches.iter().flat_map(Batch::in_order).collect();
    // A file reached twice (`check . draft-x-00.xml`) is one file: the first, explicit if
    // either was. Sorting by path also makes the report's order independent of the walk's.
    scanned.sort_by(|a, b| by_path(a, b));
    scanned.dedup_by(|b, a| a.display == b.display);

    // Only drafts ask about tags: without one, git's answer is dropped unread.
    let tags = match tags {
        Some(asked) if scanned.iter().any(|s| s.not_draft.is_none()) => asked.read(&mut out.notes),
        _ => Tags::default(),
    };
    let history = History::of(&scanned, &tags);
    let judge = Judge {
        adoption,
        history: &history,
        today,
        index,
    };
    // Judging is pure: in as many pieces as there are cores, each in order, joined in order.
    let mut claims = Vec::with_capacity(scanned.len());
    for piece in judge_all(&judge, &scanned) {
        piece.into(&mut out, &mut claims);
    }
    if let Some(repo) = &tags.shallow {
        shallow_note(repo, &mut out);
    }
    // By name, revision and format; within one, by path (a stable sort of files by path).
    claims
        .sort_by(|a, b| (a.name, a.revision, &a.file.ext).cmp(&(b.name, b.revision, &b.file.ext)));
    reused(&claims, &mut out.findings)?;
    // What the index is asked, only when there is one to ask.
    if ask_index {
        out.names = submissions(&claims, &judge);
    }
    Ok(out)
}

/// Phase 1: every PATH read, a file named on the command line as one that is, a directory
/// walked (and, in a git work tree, its tracked files that `.gitignore` hides).
fn read_all<'a>(paths: &[PathBuf], excluded: &'a [Gitignore], use_git: bool) -> Result<Read_<'a>> {
    let read = Read_ {
        results: Mutex::new(Vec::new()),
        error: Mutex::new(None),
        unreadable: Mutex::new(Vec::new()),
        notes: Mutex::new(Vec::new()),
        nested: Mutex::new(Vec::new()),
        excluded,
    };
    for path in paths {
        let meta = std::fs::metadata(path)
            .with_context(|| format!("cannot check `{}`", path.display()))?;
        if !meta.is_file() && !meta.is_dir() {
            bail!(
                "cannot check `{}`: it is not a file or a directory (give draft files or the directories that hold them)",
                path.display()
            );
        }
        if meta.is_file() {
            let mut buf = vec![0; HEAD_BYTES];
            match examine(path, true, &mut buf) {
                Ok(Some(r)) => {
                    let mut batch = Batch::default();
                    batch.push(r);
                    lock(&read.results).push(batch.sealed());
                }
                Ok(None) => {}
                Err(e) => lock(&read.unreadable).push(unreadable(path, &e)),
            }
            continue;
        }
        // Asked of git before the walk, and answered while it runs (outside a work tree, not
        // asked at all: that would cost a process for nothing).
        let listed = (use_git && crate::git::work_tree_root(path).is_some())
            .then(|| crate::git::tracked_ignored(path));
        walk(path, &read);
        if let Some(e) = lock(&read.error).take() {
            return Err(e);
        }
        if let Some(listed) = listed {
            tracked_ignored(path, listed, &read);
        }
    }
    Ok(read)
}

/// What a mutex held, poisoned or not (a panicking reader thread has already been reported).
fn into_inner<T>(m: Mutex<T>) -> T {
    m.into_inner().unwrap_or_else(PoisonError::into_inner)
}

/// What a piece of the files comes to once judged, in the files' order.
#[derive(Default)]
struct Gathered<'s> {
    findings: Vec<Finding>,
    notes: Vec<String>,
    drafts: Vec<DraftEntry>,
    skipped: Vec<SkippedEntry>,
    /// The files' claims of a revision.
    claims: Vec<Claim<'s>>,
}

impl<'s> Gathered<'s> {
    /// Judge `file` (when it is a draft) and keep what it comes to.
    fn add(&mut self, judge: &Judge<'_>, s: &'s Scanned) {
        if let Some(why) = &s.not_draft {
            if s.explicit {
                self.notes.push(format!(
                    "note: `{}` is not a draft source: {why}",
                    s.display
                ));
            }
            self.skipped.push(SkippedEntry {
                path: s.display.clone(),
                reason: why.clone(),
            });
            return;
        }
        let judged = judge.file(s);
        self.findings.extend(judged.findings);
        self.notes.extend(judged.notes);
        self.claims.extend(judged.claim.map(|revision| Claim {
            name: split_revision(s.stem()).0,
            revision,
            file: s,
        }));
        self.drafts.push(judged.entry);
    }

    /// Append this piece to the outcome and the claims.
    fn into(self, out: &mut Outcome, claims: &mut Vec<Claim<'s>>) {
        out.findings.extend(self.findings);
        out.notes.extend(self.notes);
        out.drafts.extend(self.drafts);
        out.skipped.extend(self.skipped);
        claims.extend(self.claims);
    }
}

/// The note for a shallow clone without tags, when drafts' adoption went unjudged for it.
fn shallow_note(repo: &Path, out: &mut Outcome) {
    let unjudged = out
        .drafts
        .iter()
        .filter(|d| {
            d.adoption
                .as_ref()
                .is_some_and(|a| a.evidence == "unjudged")
        })
        .count();
    if unjudged > 0 {
        out.notes.push(format!(
            "note: `{}` is a shallow clone without its `draft-*` tags, so the adoption of {unjudged} `draft-ietf-`/`draft-irtf-`/`draft-iab-` draft(s) was not judged; fetch the tags (`git fetch --tags --unshallow`, or `fetch-depth: 0` for actions/checkout)",
            repo.display()
        ));
    }
}

/// Every file of `scanned` judged and gathered, in order, in pieces: a large tree is cut into
/// a piece per core.
fn judge_all<'s>(judge: &Judge<'_>, scanned: &[&'s Scanned]) -> Vec<Gathered<'s>> {
    let piece = |files: &[&'s Scanned]| {
        let mut gathered = Gathered {
            drafts: Vec::with_capacity(files.len()),
            ..Gathered::default()
        };
        for s in files {
            gathered.add(judge, s);
        }
        gathered
    };
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if cores < 2 || scanned.len() < 512 {
        return vec![piece(scanned)];
    }
    let size = scanned.len().div_ceil(cores);
    std::thread::scope(|scope| {
        let handles: Vec<_> = scanned
            .chunks(size)
            .map(|chunk| scope.spawn(move || piece(chunk)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

// ---------------------------------------------------------------------------------------------
// R7: one revision, one document

/// A file whose name claims `name-NN`.
struct Claim<'a> {
    /// The name, from the file name.
    name: &'a str,
    revision: Revision,
    file: &'a Scanned,
}

/// What the Datatracker's index is asked about: per name, the newest revision in the tree, and
/// only when it could still be a submission (not dated past its expiry). Older revisions and
/// expired copies are an archive: the index would only say they were posted before.
/// `claims` are sorted by name (see [`check`]); the answer is too.
fn submissions(claims: &[Claim<'_>], judge: &Judge<'_>) -> Vec<crate::index::rules::Checked> {
    claims
        .chunk_by(|a, b| a.name == b.name)
        .filter_map(|same| {
            same.iter()
                .max_by(|a, b| (a.revision, &a.file.display).cmp(&(b.revision, &b.file.display)))
        })
        .filter(|c| !c.file.head.date.is_some_and(|d| judge.expired(d)))
        .map(|c| crate::index::rules::Checked {
            shown: format!("{}-{}", c.name, c.revision),
            name: c.name.to_owned(),
            revision: Some(c.revision),
            path: Some(c.file.display.clone()),
            line: None,
        })
        .collect()
}

/// `revision/reused`: two files named for the same `name-NN`, in the same format, with
/// different contents (copies, and one revision in several formats, are fine). Gaps and a
/// history that starts after `-00` are not findings: archives and tags are partial evidence,
/// and a posted later revision proves the earlier ones. `claims` are sorted by name,
/// revision and format, and within those by path (see [`check`]).
fn reused(claims: &[Claim<'_>], out: &mut Vec<Finding>) -> Result<()> {
    let same = |a: &Claim<'_>, b: &Claim<'_>| {
        (a.name, a.revision, &a.file.ext) == (b.name, b.revision, &b.file.ext)
    };
    for files in claims.chunk_by(same).filter(|f| f.len() > 1) {
        let (name, rev) = (files[0].name, files[0].revision);
        // Rare (one revision twice in one format): compare whole files only then.
        let mut contents: Vec<(&Scanned, Vec<u8>)> = Vec::new();
        for f in files.iter().map(|c| c.file) {
            let bytes =
                std::fs::read(f.path()).with_context(|| format!("cannot read `{}`", f.display))?;
            if let Some((a, _)) = contents.iter().find(|(_, c)| *c != bytes) {
                out.push(Finding {
                    path: Some(f.display.clone()),
                    line: None,
                    name: format!("{name}-{rev}"),
                    code: Code::RevisionReused,
                    message: format!(
                        "`{}` and `{}` are different documents that both claim `{name}-{rev}`; a revision is posted once",
                        a.display, f.display
                    ),
                    hint: Some(format!(
                        "keep one as `-{rev}` and give the newer one the next free revision (`newdraft bump`)"
                    )),
                });
            }
            contents.push((f, bytes));
        }
    }
    Ok(())
}
