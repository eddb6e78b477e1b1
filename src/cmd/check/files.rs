//! `check` on files: walk, read each candidate's head, say what it is, then judge every draft
//! with what the whole tree knows.
//!
//! Two phases, because a draft's adoption is decided by evidence the rest of the tree holds:
//! 1. **Read** (parallel, on the walker's threads): every candidate file is opened once and
//!    its head read (a page, more only while [`source::scan_prefix`] says it is not enough, at
//!    most [`HEAD_BYTES`]); [`source::scan`] says what it is (a draft source, an RFC's source,
//!    or not a draft at all, with why) and what it calls itself.
//! 2. **Judge** (once the walk is done): the git tags and the revisions found in the tree give
//!    each `draft-ietf-`/`draft-irtf-`/`draft-iab-` name its [`Evidence`] of adoption; then
//!    every draft's names are judged (R1–R15) and compared (R9), and two different files that
//!    claim the same `name-NN` in the same format are reported (R7).
//!
//! In a git work tree a tracked file is examined even when a `.gitignore` pattern matches it
//! (git never ignores a tracked file); untracked ignored files stay skipped.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use ignore::gitignore::Gitignore;

use super::{Adoption, finding};
use crate::name::{self, Code, DraftName, Form, Issue, Revision, Severity, Stream};
use crate::report::{DraftEntry, Finding, SkippedEntry};
use crate::source::{self, HEAD_BYTES, Head, SourceKind, split_declared, split_revision};

/// Directories never walked into.
const SKIP_DIRS: &[&str] = &[".git", "target", "node_modules"];

/// The extensions of draft sources and submissions (lower case).
const DRAFT_EXTS: &[&str] = &["xml", "md", "mkd", "markdown", "txt"];

/// How long after its date a draft expires (RFC 2026 §2.2; xml2rfc's `Expires:`).
const EXPIRY_DAYS: u64 = 185;

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

/// `file/unreadable` for a file that could not be opened or read.
fn unreadable(path: &Path, e: &anyhow::Error) -> Finding {
    let why = e
        .chain()
        .last()
        .map_or_else(|| e.to_string(), std::string::ToString::to_string);
    Finding {
        path: Some(display(path)),
        line: None,
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        code: Code::Unreadable,
        message: format!("`{}` could not be read: {why}", display(path)),
        hint: Some(
            "make it readable (`chmod a+r`), or leave it out of the check (`[check] exclude` in newdraft.toml)"
                .to_owned(),
        ),
    }
}

/// `file/unreadable` for an entry the walk could not read (a directory without permission).
fn unreadable_from_walk(e: &ignore::Error) -> Finding {
    let path = walk_error_path(e);
    let shown = path
        .as_deref()
        .map_or_else(|| "a directory".to_owned(), display);
    Finding {
        path: path.as_deref().map(display),
        line: None,
        name: shown.clone(),
        code: Code::Unreadable,
        message: format!("`{shown}` could not be read: {}", e.io_error().map_or_else(|| e.to_string(), ToString::to_string)),
        hint: Some(
            "make it readable (`chmod a+rx` for a directory), or leave it out of the check (`[check] exclude` in newdraft.toml)"
                .to_owned(),
        ),
    }
}

/// The path an `ignore` walk error is about, when it says.
fn walk_error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        ignore::Error::Partial(errs) => errs.iter().find_map(walk_error_path),
        _ => None,
    }
}

/// Walk and check every PATH.
pub(super) fn check(
    paths: &[PathBuf],
    adoption: &Adoption,
    excluded: &[Gitignore],
    use_git: bool,
    today: NaiveDate,
    index: Option<&crate::index::Index>,
) -> Result<Outcome> {
    let read = read_all(paths, excluded, use_git)?;
    let mut out = Outcome::default();
    out.findings = read
        .unreadable
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    out.incomplete = !out.findings.is_empty();
    let mut notes = read
        .notes
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    notes.sort();
    notes.dedup();
    out.notes = notes;
    let batches = read
        .results
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    // Sorted by reference: a file's record is large, and a sort moves what it sorts. Each
    // batch is in order already: the sort merges them.
    let mut scanned: Vec<&Scanned> = batches.iter().flat_map(Batch::in_order).collect();
    // A file reached twice (`check . draft-x-00.xml`) is one file: the first, explicit if
    // either was. Sorting by path also makes the report's order independent of the walk's.
    scanned.sort_by(|a, b| by_path(a, b));
    scanned.dedup_by(|b, a| a.display == b.display);

    let tags = if use_git && scanned.iter().any(|s| s.not_draft.is_none()) {
        Tags::of(paths, &mut out.notes)
    } else {
        Tags::default()
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
    out.names = submissions(&claims, &judge);
    Ok(out)
}

/// The order of the report: by path, and of two records of one file, the one named on the
/// command line first.
fn by_path(a: &Scanned, b: &Scanned) -> std::cmp::Ordering {
    a.display.cmp(&b.display).then(b.explicit.cmp(&a.explicit))
}

/// Phase 1: every PATH read, a file named on the command line as one that is, a directory
/// walked (and, in a git work tree, its tracked files that `.gitignore` hides).
fn read_all<'a>(paths: &[PathBuf], excluded: &'a [Gitignore], use_git: bool) -> Result<Read_<'a>> {
    let read = Read_ {
        results: Mutex::new(Vec::new()),
        error: Mutex::new(None),
        unreadable: Mutex::new(Vec::new()),
        notes: Mutex::new(Vec::new()),
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
        walk(path, &read);
        if let Some(e) = lock(&read.error).take() {
            return Err(e);
        }
        if use_git {
            tracked_ignored(path, &read);
        }
    }
    Ok(read)
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

/// Phase 1's shared state.
struct Read_<'a> {
    /// What each walker thread (or file named on the command line) read: handed over whole,
    /// not copied into one list.
    results: Mutex<Vec<Batch>>,
    error: Mutex<Option<anyhow::Error>>,
    /// What could not be read, as findings.
    unreadable: Mutex<Vec<Finding>>,
    notes: Mutex<Vec<String>>,
    /// `[check] exclude` patterns: what a walk leaves out.
    excluded: &'a [Gitignore],
}

/// Whether a walk leaves `path` out (`[check] exclude`).
fn is_excluded(excluded: &[Gitignore], path: &Path, is_dir: bool) -> bool {
    if excluded.is_empty() {
        return false;
    }
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    excluded.iter().any(|g| {
        abs.starts_with(g.path()) && g.matched_path_or_any_parents(&abs, is_dir).is_ignore()
    })
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A path as shown in findings: as given, without a leading `./`.
fn display(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_owned()
}

/// The directory a PATH argument stands for: itself, or a file's directory.
pub(super) fn tree_root(path: &Path) -> PathBuf {
    if path.is_dir() {
        return path.to_path_buf();
    }
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

// ---------------------------------------------------------------------------------------------
// Phase 1: walk and read

fn walk(dir: &Path, read: &Read_<'_>) {
    // The walker's filter lives as long as the walker: it gets its own copy of the patterns.
    let excluded = read.excluded.to_vec();
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .filter_entry(move |e| {
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            e.depth() == 0
                || !((is_dir
                    && e.file_name()
                        .to_str()
                        .is_some_and(|n| SKIP_DIRS.contains(&n)))
                    || is_excluded(&excluded, e.path(), is_dir))
        })
        .build_parallel();
    walker.visit(&mut VisitorBuilder { read });
}

/// The tracked files under `dir` that `.gitignore` patterns hide from the walk.
fn tracked_ignored(dir: &Path, read: &Read_<'_>) {
    let Ok(files) = crate::git::tracked_ignored(dir) else {
        // Not a git work tree (or no git): the walk saw everything there is to see.
        return;
    };
    let mut buf = vec![0; HEAD_BYTES];
    let mut found = Batch::default();
    for rel in files {
        let skipped = rel.components().any(|c| {
            c.as_os_str()
                .to_str()
                .is_some_and(|n| SKIP_DIRS.contains(&n) || (n.starts_with('.') && n.len() > 1))
        });
        if skipped {
            continue;
        }
        let path = dir.join(&rel);
        if is_excluded(read.excluded, &path, false) || !path.is_file() {
            continue; // deleted in the work tree, or a submodule
        }
        match examine(&path, false, &mut buf) {
            Ok(Some(r)) => found.push(r),
            Ok(None) => {}
            Err(e) => lock(&read.unreadable).push(unreadable(&path, &e)),
        }
    }
    if !found.files.is_empty() {
        lock(&read.results).push(found.sealed());
    }
}

struct VisitorBuilder<'a> {
    read: &'a Read_<'a>,
}

impl<'s> ignore::ParallelVisitorBuilder<'s> for VisitorBuilder<'s> {
    fn build(&mut self) -> Box<dyn ignore::ParallelVisitor + 's> {
        Box::new(Visitor {
            read: self.read,
            local: Batch::default(),
            buf: vec![0; HEAD_BYTES],
        })
    }
}

/// One walker thread: reads files into a local batch, handed over when the thread is done.
struct Visitor<'a> {
    read: &'a Read_<'a>,
    local: Batch,
    buf: Vec<u8>,
}

impl ignore::ParallelVisitor for Visitor<'_> {
    fn visit(&mut self, entry: Result<ignore::DirEntry, ignore::Error>) -> ignore::WalkState {
        let entry = match entry {
            Ok(e) => e,
            // An unreadable directory is an I/O error; a bad line in a `.gitignore` is not a
            // reason to stop checking, only to say so.
            Err(e) if e.io_error().is_none() => {
                lock(&self.read.notes).push(format!("note: {e}"));
                return ignore::WalkState::Continue;
            }
            // An unreadable directory (or an entry in one) is reported, and the walk goes on.
            Err(e) => {
                lock(&self.read.unreadable).push(unreadable_from_walk(&e));
                return ignore::WalkState::Continue;
            }
        };
        let is_file = match entry.file_type() {
            Some(t) if t.is_file() => true,
            // A link to a draft is a draft; a dangling link is nothing.
            Some(t) if t.is_symlink() => entry.path().is_file(),
            _ => false,
        };
        if !is_file {
            return ignore::WalkState::Continue;
        }
        match examine(entry.path(), false, &mut self.buf) {
            Ok(Some(r)) => self.local.push(r),
            Ok(None) => {}
            Err(e) => lock(&self.read.unreadable).push(unreadable(entry.path(), &e)),
        }
        ignore::WalkState::Continue
    }
}

impl Drop for Visitor<'_> {
    fn drop(&mut self) {
        if !self.local.files.is_empty() {
            // Sealed here, on the walker's thread, while the others still walk.
            let batch = std::mem::take(&mut self.local).sealed();
            lock(&self.read.results).push(batch);
        }
    }
}

/// What one walker thread (or the command line, or the tracked files `.gitignore` hides)
/// read: the files, and their order by path, worked out where the files were read (in
/// parallel) rather than after the walk.
#[derive(Default)]
struct Batch {
    files: Vec<Scanned>,
    /// Indices into `files`, by path ([`by_path`]): set by [`Batch::sealed`].
    order: Vec<usize>,
}

impl Batch {
    fn push(&mut self, s: Scanned) {
        self.files.push(s);
    }

    /// The batch with its order by path.
    fn sealed(mut self) -> Self {
        let files = &self.files;
        self.order = (0..files.len()).collect();
        self.order
            .sort_unstable_by(|&a, &b| by_path(&files[a], &files[b]));
        self
    }

    /// The files by path.
    fn in_order(&self) -> impl Iterator<Item = &Scanned> {
        self.order.iter().map(|&i| &self.files[i])
    }
}

/// A candidate file, read and classified.
#[derive(Debug)]
struct Scanned {
    /// The path as shown.
    display: String,
    /// The path to open, when `display` is not it (a path that is not UTF-8).
    path: Option<Box<Path>>,
    /// Where the file name starts in `display` (after its last separator).
    name_at: usize,
    /// The extension, lower case.
    ext: Cow<'static, str>,
    /// Named on the command line rather than found by walking.
    explicit: bool,
    kind: SourceKind,
    /// Named `draft-*` with a draft extension: its file name is a claim too.
    draft_named: bool,
    /// A build output or copy found by walking (`name-NN.prepped.xml`,
    /// `name-NN.xml-edited.md`): judged by its declared name only; claims no revision.
    derived: bool,
    head: Head,
    /// Why this is not a draft source, when it is not one.
    not_draft: Option<String>,
}

/// What a file's name says before it is opened: its extension (lower case), and whether it is
/// named as a draft (`draft-*` with a draft extension); `None` when a walk passes it by.
fn candidate(file_name: &str, explicit: bool) -> Option<(Cow<'static, str>, bool)> {
    let ext = file_name.rsplit_once('.').map_or("", |(_, e)| e);
    // A draft extension is one of a few words: no new String for it.
    let known = DRAFT_EXTS.iter().find(|e| e.eq_ignore_ascii_case(ext));
    // Case-blind here, so that `DRAFT-Doe-X-00.XML` is found and then judged (R1, R2).
    let draftish = known.is_some()
        && file_name
            .get(..6)
            .is_some_and(|p| p.eq_ignore_ascii_case("draft-"));
    if !explicit && (known.is_none() || (!draftish && known == Some(&"txt"))) {
        // Not a draft's extension; or a text file not named as a draft: notes, a README.
        return None;
    }
    let ext = known.map_or_else(
        || Cow::Owned(ext.to_ascii_lowercase()),
        |e| Cow::Borrowed(*e),
    );
    Some((ext, draftish))
}

/// Read and classify one file: `None` when it is no candidate at all.
fn examine(path: &Path, explicit: bool, buf: &mut [u8]) -> Result<Option<Scanned>> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let Some((ext, draftish)) = candidate(&file_name, explicit) else {
        return Ok(None);
    };
    let base = file_name.rsplit_once('.').map_or(&*file_name, |(b, _)| b);
    // `name-NN.prepped.xml`, `name-NN.v2v3.xml`, `name-NN.xml-edited.md`: what the tools
    // leave behind. Named on the command line, a file name with two dots is judged as a
    // submission file (R8).
    let two_dots = draftish && !explicit && base.contains('.');
    let display = display(path);
    let mut file = std::fs::File::open(path).with_context(|| format!("cannot read `{display}`"))?;
    let (kind, mut head) =
        read_and_scan(&mut file, &ext, buf).with_context(|| format!("cannot read `{display}`"))?;
    // A file not named as a draft is a candidate when it declares a draft name (`main.md`,
    // `rfc9000.md` with `docName: draft-ietf-quic-transport-34`); `docName="rfc2616-symrefs"`
    // is no draft's name.
    let declares = head.docname.iter().chain(&head.series_info).any(|d| {
        d.value
            .get(..6)
            .is_some_and(|p| p.eq_ignore_ascii_case("draft-"))
            || is_placeholder(&d.value)
    });
    if (!draftish || two_dots) && !explicit && !declares {
        return Ok(None);
    }
    let mut not_draft = head.not_draft.take();
    if not_draft.is_none() && draftish && !explicit && ext == "txt" && head.docname.is_none() {
        not_draft = Some(
            "its first page names no draft (`draft-…-NN`): not an Internet-Draft's text".to_owned(),
        );
    }
    // `draft-x-07-SR.txt`, `draft-x-07-review.xml`: a copy of `draft-x-07` (annotated,
    // rendered for the web), named by adding to the name it declares.
    let copy = draftish
        && !explicit
        && head.docname.as_ref().is_some_and(|d| {
            base.len() > d.value.len()
                && base.starts_with(d.value.as_str())
                && split_revision(&d.value).1.is_some()
        });
    let derived = two_dots || copy;
    if explicit && draftish {
        // Named on the command line, a `draft-*` file is judged as a draft whatever it holds.
        not_draft = None;
    }
    Ok(Some(Scanned {
        path: path.to_str().is_none().then(|| path.into()),
        // The file name as shown is the end of the path as shown: a file's path ends in its
        // name (`name/` and `name/.` are no file's path).
        name_at: display.rfind(std::path::is_separator).map_or(0, |i| i + 1),
        display,
        explicit,
        kind,
        draft_named: draftish && !derived,
        derived,
        head,
        not_draft,
        ext,
    }))
}

/// What a file is and says ([`SourceKind::sniff`], [`source::scan`] of its first
/// [`HEAD_BYTES`]), reading no more of it than that takes: a page first, then more
/// ([`source::READS`]) while [`source::scan_prefix`] says the bytes read are not enough.
/// `buf` holds [`HEAD_BYTES`].
fn read_and_scan(
    file: &mut std::fs::File,
    ext: &str,
    buf: &mut [u8],
) -> std::io::Result<(SourceKind, Head)> {
    let mut len = 0;
    for upto in source::READS {
        let upto = upto.min(buf.len());
        len += read_head(file, &mut buf[len..upto])?;
        if len < upto || upto == buf.len() {
            break; // the whole file, or all of the head that is ever read
        }
        if let Some(found) = source::scan_prefix(ext, &buf[..len]) {
            return Ok(found);
        }
    }
    let kind = SourceKind::sniff(ext, &buf[..len]);
    Ok((kind, source::scan(&buf[..len], kind)))
}

/// Read up to `buf.len()` bytes of a regular file (every file `examine` opens is one: the
/// walker's or `metadata`'s file type says so). A read of a regular file returns fewer bytes
/// than asked only at the end of the file (POSIX `read`; no signal handler here interrupts
/// one), so a short read ends the head without a second read to see zero bytes: one `read`
/// a draft, as `grep` does.
fn read_head(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut len = 0;
    while len < buf.len() {
        match file.read(&mut buf[len..]) {
            Ok(0) => break,
            Ok(n) => {
                len += n;
                if len < buf.len() {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(len)
}

// ---------------------------------------------------------------------------------------------
// Names as files and sources write them

/// A declared name that a build step fills in (`@DOCNAME@`, `{docname}`, `${NAME}`): not a
/// name to judge.
/// i-d-template's placeholder name (`draft-todo-yourname-protocol`, which its setup replaces)
/// is one too.
fn is_placeholder(value: &str) -> bool {
    value
        .bytes()
        .any(|b| matches!(b, b'@' | b'{' | b'}' | b'$' | b'%'))
        || value.starts_with("draft-todo-")
}

// ---------------------------------------------------------------------------------------------
// Phase 2: history and adoption evidence

/// What the tree and its tags know of each name's revisions.
struct History<'s> {
    /// The files of the tree, by path.
    files: &'s [&'s Scanned],
    tags: &'s Tags,
    /// Name without revision → the highest revision seen in a file or tag: counted when first
    /// asked for (a tree of individual drafts whose names are clean never asks).
    latest: OnceLock<HashMap<&'s str, Revision>>,
}

/// What the git tags of the PATHs' repositories say.
#[derive(Debug, Default)]
struct Tags {
    /// The tags `name-NN`, as (name, revision).
    revisions: Vec<(String, Revision)>,
    /// Names with a git tag `name-NN`.
    tagged: HashSet<String>,
    /// A repository was a shallow clone with no `draft-*` tags (CI's default checkout): the
    /// tags that would show adoption were never fetched.
    shallow: Option<PathBuf>,
}

/// Count revision `rev` of `base` in `latest` (name without revision → the highest revision
/// seen).
fn saw<'s>(latest: &mut HashMap<&'s str, Revision>, base: &'s str, rev: Revision) {
    let e = latest.entry(base).or_insert(rev);
    *e = rev.max(*e);
}

impl<'s> History<'s> {
    fn of(files: &'s [&'s Scanned], tags: &'s Tags) -> Self {
        History {
            files,
            tags,
            latest: OnceLock::new(),
        }
    }

    /// The highest revision of `base` in the files and the tags.
    fn latest(&self, base: &str) -> Option<Revision> {
        let latest = self.latest.get_or_init(|| {
            let mut latest = HashMap::with_capacity(self.files.len());
            for s in self.files {
                s.record_revisions(&mut latest);
            }
            for (base, rev) in &self.tags.revisions {
                saw(&mut latest, base, *rev);
            }
            latest
        });
        latest.get(base).copied()
    }
}

impl Tags {
    /// The tags `draft-…-NN` of every repository the PATHs are in (once per repository).
    fn of(paths: &[PathBuf], notes: &mut Vec<String>) -> Self {
        let mut found = Tags::default();
        let mut repos: Vec<PathBuf> = Vec::new();
        for p in paths {
            let dir = std::path::absolute(tree_root(p)).unwrap_or_else(|_| tree_root(p));
            if let Some(repo) = dir.ancestors().find(|d| d.join(".git").exists()) {
                if !repos.iter().any(|r| r == repo) {
                    repos.push(repo.to_path_buf());
                }
            }
        }
        for repo in repos {
            match crate::git::tags(&repo, "draft-*") {
                Ok(tags) if tags.is_empty() && repo.join(".git").join("shallow").exists() => {
                    found.shallow.get_or_insert(repo);
                }
                Ok(tags) => {
                    for tag in &tags {
                        if let (base, Some(rev)) = split_revision(tag) {
                            found.revisions.push((base.to_owned(), rev));
                            found.tagged.insert(base.to_owned());
                        }
                    }
                }
                Err(why) => notes.push(format!(
                    "note: cannot read the git tags of `{}` ({why}); adoption judged without them (`--no-git` to silence)",
                    repo.display()
                )),
            }
        }
        found
    }
}

impl Scanned {
    /// Put the revisions this file shows into `latest`: its file name's and its declared
    /// name's. A posted `-05` proves `-00` … `-04` (the Datatracker takes only the next
    /// revision), so the highest is what counts.
    fn record_revisions<'s>(&'s self, latest: &mut HashMap<&'s str, Revision>) {
        if self.not_draft.is_some() {
            return;
        }
        let file = self
            .draft_named
            .then(|| split_revision(self.stem()))
            .filter(|(_, rev)| rev.is_some());
        if let Some((base, Some(rev))) = file {
            saw(latest, base, rev);
        }
        if let Some(d) = self.declared() {
            match split_declared(&d.value) {
                // Most files declare the name they are named: seen already.
                declared if Some(declared) == file => {}
                (base, Some(rev)) => saw(latest, base, rev),
                (_, None) => {}
            }
        }
    }

    /// The path to open: as shown, unless that is not the path (see [`Scanned::path`]).
    fn path(&self) -> &Path {
        self.path
            .as_deref()
            .unwrap_or_else(|| Path::new(&self.display))
    }

    /// The file name.
    fn file_name(&self) -> &str {
        &self.display[self.name_at..]
    }

    /// The file name up to its first dot.
    fn stem(&self) -> &str {
        let name = self.file_name();
        name.split_once('.').map_or(name, |(stem, _)| stem)
    }

    /// The document's own name, when it has one that can be judged.
    fn declared(&self) -> Option<&source::Located> {
        if self.head.unresolved.is_some() {
            return None;
        }
        self.head
            .docname
            .as_ref()
            .or(self.head.series_info.as_ref())
            .filter(|d| !is_placeholder(&d.value))
    }
}

/// Why a stream name counts as adopted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Evidence {
    /// A `newdraft.toml` record.
    Record,
    /// `--adopted-by GROUP`.
    AdoptedBy,
    /// A git tag of the name.
    Tag,
    /// A later revision of the name in the tree or the tags.
    LaterRevision(Revision),
    /// The revision itself is `-01` or later: `-00` was posted under this name.
    PostedRevision(Revision),
    /// The draft's own date is past its expiry: an archived revision, not a submission.
    Expired(NaiveDate),
    /// The group has concluded: the name is from its past.
    ConcludedGroup,
    /// The Datatracker's draft index holds the name.
    Index,
    /// No evidence, but none could be had: a shallow clone without tags. Not judged.
    Unjudged,
}

impl Evidence {
    /// The stable word for `--format json`.
    pub(super) fn code(&self) -> &'static str {
        match self {
            Evidence::Record => "record",
            Evidence::AdoptedBy => "adopted-by",
            Evidence::Tag => "tag",
            Evidence::LaterRevision(_) => "later-revision",
            Evidence::PostedRevision(_) => "posted-revision",
            Evidence::Expired(_) => "expired",
            Evidence::ConcludedGroup => "concluded-group",
            Evidence::Index => "index",
            Evidence::Unjudged => "unjudged",
        }
    }

    /// The evidence in words, for `--format json`'s `detail`.
    pub(super) fn describe(&self, base: &str, group: &str) -> String {
        match self {
            Evidence::Record => format!("`newdraft.toml` records `{base}` as adopted by `{group}`"),
            Evidence::AdoptedBy => format!("`--adopted-by {group}`"),
            Evidence::Tag => format!("the git tags hold revisions of `{base}`"),
            Evidence::LaterRevision(r) => format!("`{base}-{r}` is in the tree or the tags"),
            Evidence::PostedRevision(r) => {
                format!("`-{r}` follows a posted `-00` of the same name")
            }
            Evidence::Expired(d) => format!(
                "dated {d}, more than {EXPIRY_DAYS} days ago: an archived revision, not a submission"
            ),
            Evidence::ConcludedGroup => format!("`{group}` has concluded: a past adoption"),
            Evidence::Index => format!("the Datatracker's draft index holds `{base}`"),
            Evidence::Unjudged => {
                "not judged: a shallow clone without tags (fetch them to judge adoption)".to_owned()
            }
        }
    }
}

/// The judge of phase 2.
struct Judge<'a> {
    adoption: &'a Adoption,
    history: &'a History<'a>,
    today: NaiveDate,
    /// The Datatracker's draft index, when there is one.
    index: Option<&'a crate::index::Index>,
}

/// One draft judged.
struct Judged {
    findings: Vec<Finding>,
    notes: Vec<String>,
    /// The revision the file stands for (R7), when its file name carries one (and a valid
    /// name: the file name's, up to the revision).
    claim: Option<Revision>,
    entry: DraftEntry,
}

impl Judge<'_> {
    /// The groups a name is judged as adopted by, and why. `base` is the name without
    /// revision; `rev` the revision the file stands for.
    fn adopted(
        &self,
        base: &str,
        rev: Option<Revision>,
        date: Option<NaiveDate>,
    ) -> (Vec<String>, Option<Evidence>) {
        if let Some(groups) = self.adoption.recorded(base) {
            return (groups.to_vec(), Some(Evidence::Record));
        }
        // Most names are individual: no parse for them.
        if !["draft-ietf-", "draft-irtf-", "draft-iab-"]
            .iter()
            .any(|p| base.starts_with(p))
        {
            return (Vec::new(), None);
        }
        let Ok(name) = DraftName::parse(base) else {
            return (Vec::new(), None);
        };
        let owner = match name.stream() {
            Stream::Individual => return (Vec::new(), None),
            Stream::Iab => "iab".to_owned(),
            Stream::Ietf | Stream::Irtf => match name.group() {
                Some(g) => g.to_owned(),
                None => return (Vec::new(), None),
            },
        };
        let evidence = if self.adoption.cli.contains(&owner) {
            Some(Evidence::AdoptedBy)
        } else if self.index.is_some_and(|i| i.adopted(base)) {
            Some(Evidence::Index)
        } else if let Some(posted) = self.posted(base, rev, date) {
            Some(posted)
        } else if crate::groups::lookup(&owner).is_some_and(|g| g.state == "concluded") {
            Some(Evidence::ConcludedGroup)
        } else if self.history.tags.shallow.is_some() {
            Some(Evidence::Unjudged)
        } else {
            None
        };
        match evidence {
            Some(e) => (vec![owner], Some(e)),
            None => (Vec::new(), None),
        }
    }

    /// Evidence that `base` (at `rev`) was posted before: a tag, a later revision, a revision
    /// after `-00`, a date past expiry. Its wording was settled then, and (for a stream name)
    /// the stream took it.
    fn posted(
        &self,
        base: &str,
        rev: Option<Revision>,
        date: Option<NaiveDate>,
    ) -> Option<Evidence> {
        if self.history.tags.tagged.contains(base) {
            return Some(Evidence::Tag);
        }
        if let Some(latest) = self
            .history
            .latest(base)
            .filter(|&l| rev.is_none_or(|r| l > r) && l > Revision::FIRST)
        {
            return Some(Evidence::LaterRevision(latest));
        }
        if let Some(r) = rev.filter(|&r| r > Revision::FIRST) {
            return Some(Evidence::PostedRevision(r));
        }
        date.filter(|&d| self.expired(d)).map(Evidence::Expired)
    }

    /// Whether a draft dated `d` has expired by today (185 days after its date).
    fn expired(&self, d: NaiveDate) -> bool {
        d.checked_add_days(chrono::Days::new(EXPIRY_DAYS))
            .is_some_and(|e| e < self.today)
    }

    /// Judge `input` in `form` as adopted by `groups`. `settled`: the name was posted before
    /// (or the file is a copy), so the advice for choosing a name or starting work in a group
    /// (R12, R15, a group unknown or no longer active) is moot.
    fn judge(
        input: &str,
        form: Form,
        groups: &[String],
        settled: impl FnOnce() -> bool,
    ) -> Vec<Issue> {
        let ctx = name::Context { adopted_by: groups };
        if name::is_clean(input, form, &ctx) {
            return Vec::new();
        }
        let mut issues = name::check_name(input, form, &ctx).issues;
        if settled() {
            issues.retain(|i| {
                !matches!(
                    i.code,
                    Code::StatusWord
                        | Code::AuthorIsGroup
                        | Code::UnknownGroup
                        | Code::InactiveGroup
                )
            });
        }
        issues
    }

    fn file(&self, s: &Scanned) -> Judged {
        let mut out = Vec::new();
        let mut notes = Vec::new();
        let head = &s.head;
        let push = |out: &mut Vec<Finding>, line: Option<usize>, name: &str, issues: Vec<Issue>| {
            for issue in issues {
                out.push(finding(Some(&s.display), line, name, issue));
            }
        };
        if let (Some(d), Some(why)) = (&head.docname, &head.unresolved) {
            notes.push(format!(
                "note: {}:{}: the name `{}` is not judged: {why}",
                s.display, d.line, d.value
            ));
        }

        // R9: docName and seriesInfo agree.
        if let (Some(d), Some(si)) = (&head.docname, &head.series_info) {
            if d.value != si.value && head.unresolved.is_none() {
                out.push(Finding {
                    path: Some(s.display.clone()),
                    line: Some(si.line),
                    name: si.value.clone(),
                    code: Code::SeriesInfoMismatch,
                    message: format!(
                        "`<seriesInfo name=\"Internet-Draft\">` says `{}` but `docName` (line {}) says `{}`; xml2rfc refuses a document where they differ",
                        si.value, d.line, d.value
                    ),
                    hint: Some(format!("use `{}` in both", expected(s).unwrap_or_else(|| d.value.clone()))),
                });
            }
        }

        let declared = s.declared();
        let date = head.date;
        let mut adoption_of = None;
        // The declared name, on its line.
        if let Some(d) = declared {
            let (base, rev) = split_declared(&d.value);
            let (groups, evidence) = self.adopted(base, rev, date);
            let (input, form) = if rev.is_none() && base.len() != d.value.len() {
                (base, Form::Name) // `name-latest`, `name-xx`
            } else {
                (d.value.as_str(), Form::Versioned)
            };
            let settled = || s.derived || self.posted(base, rev, date).is_some();
            push(
                &mut out,
                Some(d.line),
                &d.value,
                Self::judge(input, form, &groups, settled),
            );
            adoption_of = evidence.map(|e| (base.to_owned(), groups, e));
        }

        let mut claim = None;
        if s.draft_named && head.rfc_number.is_none() {
            claim = self.file_name(s, declared, &mut adoption_of, &mut out);
        } else if declared.is_none()
            && head.docname.is_none()
            && head.series_info.is_none()
            && head.unresolved.is_none()
        {
            // A source with another file name that declares nothing (named on the command
            // line: walked ones are candidates only when they declare a name).
            out.push(no_docname(
                s,
                "a draft name",
                format!(
                    "name it `draft-<surname>-<group>-<topic>-00.{}` and {}",
                    if s.ext.is_empty() { "txt" } else { &s.ext },
                    how_to_declare(s.kind, "draft-<surname>-<group>-<topic>-00")
                ),
            ));
        }

        let entry = entry(s, declared, adoption_of);
        Judged {
            findings: out,
            notes,
            claim: claim.filter(|_| !s.derived),
            entry,
        }
    }

    /// The file name's findings (`draft-…-NN.xml`: R8, and its agreement with the declared
    /// name, R9) and the revision it claims (R7), when it claims one.
    fn file_name(
        &self,
        s: &Scanned,
        declared: Option<&source::Located>,
        adoption_of: &mut Option<(String, Vec<String>, Evidence)>,
        out: &mut Vec<Finding>,
    ) -> Option<Revision> {
        let head = &s.head;
        let date = head.date;
        let push = |out: &mut Vec<Finding>, line: Option<usize>, name: &str, issues: Vec<Issue>| {
            for issue in issues {
                out.push(finding(Some(&s.display), line, name, issue));
            }
        };
        let stem = s.stem();
        let (file_base, file_rev) = split_revision(stem);
        let (groups, evidence) = self.adopted(file_base, file_rev, date);
        let settled = || self.posted(file_base, file_rev, date).is_some();
        if adoption_of.is_none() {
            *adoption_of = evidence.map(|e| (file_base.to_owned(), groups.clone(), e));
        }
        let agrees = declared.is_none_or(|d| source::names_agree(stem, &d.value));
        match declared {
            None if head.docname.is_none() && head.series_info.is_none() => {
                out.push(no_docname(
                    s,
                    "its own name",
                    how_to_declare(s.kind, &expected(s).unwrap_or_default()),
                ));
            }
            Some(d) if !agrees => {
                self.mismatch(s, d, file_rev.is_some(), out);
            }
            _ => {}
        }
        // The file name's own findings: all of them when it is a submission file or the
        // declared name says nothing; otherwise only what is particular to file names
        // (R8), the name having been judged on its line.
        let dots = s.file_name().bytes().filter(|&b| b == b'.').count() > 1;
        let submission = matches!(&*s.ext, "xml" | "txt") && (file_rev.is_some() || dots);
        let judged_already = declared.is_some() && agrees;
        let (input, form) = if submission {
            (s.file_name(), Form::File)
        } else if file_rev.is_some() {
            (stem, Form::Versioned)
        } else {
            (file_base, Form::Name)
        };
        if !judged_already || submission {
            let issues = Self::judge(input, form, &groups, settled)
                .into_iter()
                .filter(|i| !judged_already || i.code.as_str().starts_with("file/"))
                .collect();
            push(out, None, s.file_name(), issues);
        }
        // A submission or source claims its revision; a text rendering does not (the same
        // revision rendered twice differs in its date and pages), nor does a file whose
        // declared name says otherwise (`doc/name-mismatch` says so already).
        if let Some(rev) = file_rev.filter(|_| s.kind != SourceKind::Text && agrees) {
            if DraftName::parse(file_base).is_ok() {
                return Some(rev);
            }
        }
        None
    }

    /// `doc/name-mismatch`, with a hint that leads to a valid name.
    fn mismatch(&self, s: &Scanned, d: &source::Located, versioned: bool, out: &mut Vec<Finding>) {
        let expected = expected(s).unwrap_or_default();
        let errors = |found: Vec<Issue>| found.iter().any(|i| i.severity() == Severity::Error);
        let stem = s.stem();
        let (file_base, file_rev) = split_revision(stem);
        let (groups, _) = self.adopted(file_base, file_rev, s.head.date);
        let file_bad = errors(Self::judge(
            if versioned { stem } else { file_base },
            if versioned {
                Form::Versioned
            } else {
                Form::Name
            },
            &groups,
            || true,
        ));
        let (base, rev) = split_declared(&d.value);
        let (groups, _) = self.adopted(base, rev, s.head.date);
        let doc_bad = errors(Self::judge(&d.value, Form::Versioned, &groups, || true));
        let declare = if versioned {
            format!("declare `{expected}`")
        } else {
            format!(
                "declare `{expected}` (an unversioned source; the revision comes from the git tag at submission)"
            )
        };
        let rename = format!(
            "rename the file `{}.{}`",
            if versioned {
                d.value.strip_suffix("-latest").unwrap_or(&d.value)
            } else {
                &d.value
            },
            s.ext
        );
        let hint = match (file_bad, doc_bad) {
            (true, false) => rename,
            (false, true) => declare,
            _ => format!("make them agree: {declare}, or {rename}"),
        };
        out.push(Finding {
            path: Some(s.display.clone()),
            line: Some(d.line),
            name: d.value.clone(),
            code: Code::DocNameMismatch,
            message: format!(
                "the document calls itself `{}` but its file name `{}` says `{expected}`",
                d.value,
                s.file_name()
            ),
            hint: Some(hint),
        });
    }
}

/// The document name a `draft-*` file name calls for: `stem` for `name-NN.ext`, `name-latest`
/// for an unversioned source.
fn expected(s: &Scanned) -> Option<String> {
    if !s.draft_named {
        return None;
    }
    let stem = s.stem();
    Some(match split_revision(stem) {
        (_, Some(_)) => stem.to_owned(),
        (base, None) => format!("{base}-latest"),
    })
}

/// `doc/no-docname` for a file that declares no `what` (its own name, a draft name).
fn no_docname(s: &Scanned, what: &str, hint: String) -> Finding {
    Finding {
        path: Some(s.display.clone()),
        line: None,
        name: s.file_name().to_owned(),
        code: Code::DocNameMissing,
        message: format!(
            "`{}` does not declare {what} ({})",
            s.file_name(),
            where_names_go(s.kind)
        ),
        hint: Some(hint),
    }
}

fn where_names_go(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Xml => "no `docName` on `<rfc>` and no `<seriesInfo name=\"Internet-Draft\">`",
        SourceKind::Kramdown => "no `docname:` in the front matter",
        SourceKind::Mmark => "no `value` in the `[seriesInfo]` of the title block",
        SourceKind::Text => "no `draft-…-NN` name on the first page",
    }
}

fn how_to_declare(kind: SourceKind, name: &str) -> String {
    match kind {
        SourceKind::Xml => format!("add `docName=\"{name}\"` to the `<rfc>` element"),
        SourceKind::Kramdown => format!("add `docname: {name}` to the front matter"),
        SourceKind::Mmark => format!(
            "add `value = \"{name}\"` under `[seriesInfo]` (with `name = \"Internet-Draft\"`) in the title block"
        ),
        SourceKind::Text => format!("the first page names the draft: `{name}`"),
    }
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

/// What `--format json` says of a draft: its path, format, name, RFC, copy, adoption.
fn entry(
    s: &Scanned,
    declared: Option<&source::Located>,
    adoption_of: Option<(String, Vec<String>, Evidence)>,
) -> DraftEntry {
    let head = &s.head;
    let name = declared
        .map(|d| d.value.clone())
        .or_else(|| s.draft_named.then(|| s.stem().to_owned()));
    DraftEntry {
        path: s.display.clone(),
        format: s.kind.describe(),
        name,
        line: declared.map(|d| d.line),
        rfc: head.rfc_number.as_ref().map(|n| n.value.clone()),
        copy: s.derived,
        adoption: adoption_of.map(|(base, groups, e)| {
            let group = groups.first().cloned().unwrap_or_default();
            crate::report::AdoptionEntry {
                detail: e.describe(&base, &group),
                group,
                evidence: e.code(),
            }
        }),
    }
}
