//! Phase 1 of `check` on files: walk the PATHs (in a git work tree, also the tracked files a
//! `.gitignore` pattern matches), open each candidate once and read its head, and say what it is.

use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context as _, Result};
use ignore::gitignore::Gitignore;

use crate::name::Code;
use crate::report::Finding;
use crate::source::{self, HEAD_BYTES, Head, SourceKind, split_declared, split_revision};

/// Directories never walked into.
const SKIP_DIRS: &[&str] = &[".git", "target", "node_modules"];

/// The extensions of draft sources and submissions (lower case).
const DRAFT_EXTS: &[&str] = &["xml", "md", "mkd", "markdown", "txt"];

/// `file/unreadable` for a file that could not be opened or read.
pub(super) fn unreadable(path: &Path, e: &anyhow::Error) -> Finding {
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

/// The order of the report: by path, and of two records of one file, the one named on the
/// command line first.
pub(super) fn by_path(a: &Scanned, b: &Scanned) -> std::cmp::Ordering {
    a.display.cmp(&b.display).then(b.explicit.cmp(&a.explicit))
}

/// Phase 1's shared state.
pub(super) struct Read_<'a> {
    /// What each walker thread (or file named on the command line) read: handed over whole,
    /// not copied into one list.
    pub(super) results: Mutex<Vec<Batch>>,
    pub(super) error: Mutex<Option<anyhow::Error>>,
    /// What could not be read, as findings.
    pub(super) unreadable: Mutex<Vec<Finding>>,
    pub(super) notes: Mutex<Vec<String>>,
    /// Git work trees found inside the walked directories (a clone, a submodule: a directory
    /// holding `.git`), whose tags are evidence too.
    pub(super) nested: Mutex<Vec<PathBuf>>,
    /// `[check] exclude` patterns: what a walk leaves out.
    pub(super) excluded: &'a [Gitignore],
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

pub(super) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A path as shown in findings: as given, without a leading `./`.
pub(super) fn display(path: &Path) -> String {
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

pub(super) fn walk(dir: &Path, read: &Read_<'_>) {
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
pub(super) fn tracked_ignored(dir: &Path, listed: crate::git::Pending, read: &Read_<'_>) {
    let Ok(files) = listed.paths() else {
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
    pub(super) read: &'a Read_<'a>,
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
    pub(super) read: &'a Read_<'a>,
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
            Some(t) if t.is_dir() => {
                // A clone or a submodule inside the walk: its tags are its own (one stat a
                // directory; the walk's root was asked about before the walk).
                if entry.depth() > 0 && entry.path().join(".git").symlink_metadata().is_ok() {
                    lock(&self.read.nested).push(entry.path().to_path_buf());
                }
                false
            }
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
pub(super) struct Batch {
    pub(super) files: Vec<Scanned>,
    /// Indices into `files`, by path ([`by_path`]): set by [`Batch::sealed`].
    order: Vec<usize>,
}

impl Batch {
    pub(super) fn push(&mut self, s: Scanned) {
        self.files.push(s);
    }

    /// The batch with its order by path.
    pub(super) fn sealed(mut self) -> Self {
        let files = &self.files;
        self.order = (0..files.len()).collect();
        self.order
            .sort_unstable_by(|&a, &b| by_path(&files[a], &files[b]));
        self
    }

    /// The files by path.
    pub(super) fn in_order(&self) -> impl Iterator<Item = &Scanned> {
        self.order.iter().map(|&i| &self.files[i])
    }
}

/// A candidate file, read and classified.
#[derive(Debug)]
pub(super) struct Scanned {
    /// The path as shown.
    pub(super) display: String,
    /// The path to open, when `display` is not it (a path that is not UTF-8).
    pub(super) path: Option<Box<Path>>,
    /// Where the file name starts in `display` (after its last separator).
    name_at: usize,
    /// The extension, lower case.
    pub(super) ext: Cow<'static, str>,
    /// Named on the command line rather than found by walking.
    pub(super) explicit: bool,
    pub(super) kind: SourceKind,
    /// Named `draft-*` with a draft extension: its file name is a claim too.
    pub(super) draft_named: bool,
    /// A build output or copy found by walking (`name-NN.prepped.xml`,
    /// `name-NN.xml-edited.md`): judged by its declared name only; claims no revision.
    pub(super) derived: bool,
    pub(super) head: Head,
    /// Why this is not a draft source, when it is not one.
    pub(super) not_draft: Option<String>,
}

/// What a file's name says before it is opened: its extension (lower case), and whether it is
/// named as a draft (`draft-*` with a draft extension); `None` when a walk passes it by.
pub(super) fn candidate(file_name: &str, explicit: bool) -> Option<(Cow<'static, str>, bool)> {
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
pub(super) fn examine(path: &Path, explicit: bool, buf: &mut [u8]) -> Result<Option<Scanned>> {
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
    // Without waiting, should the file have become a FIFO since the walk saw it.
    let mut file =
        crate::read::open_nonblocking(path).with_context(|| format!("cannot read `{display}`"))?;
    let (kind, mut head) =
        read_and_scan(&mut file, &ext, buf).with_context(|| format!("cannot read `{display}`"))?;
    // A file not named as a draft is a candidate when it declares a draft name (`main.md`,
    // `rfc9000.md` with `docName: draft-ietf-quic-transport-34`); `docName="rfc2616-symrefs"`
    // is no draft's name.
    let declares = head.docname.iter().chain(&head.series_info).any(|d| {
        d.value
            .get(..6)
            .is_some_and(|p| p.eq_ignore_ascii_case("draft-"))
            || source::is_placeholder_name(&d.value)
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
    // rendered for the web), named by adding to the name it declares. A text rendering is
    // a copy too when its file name adds to the declared name without its revision and has
    // none of its own (`draft-x-0703-SR.txt`, `draft-x-gk.txt` of `draft-x-latest` or
    // `draft-x-00`): text is an output, and without a revision it is no file to upload.
    // (`-xx` is a revision to come, not an addition: `draft-x-xx.txt` is `draft-x`'s.)
    let extends = |name: &str| {
        base.len() > name.len() + 1
            && base.starts_with(name)
            && base.as_bytes()[name.len()] == b'-'
            && !base[name.len() + 1..].eq_ignore_ascii_case("xx")
    };
    // What is added starts with a separator (`-SR`, `_v2`, ` (1)`, a download's copy): a
    // control character after the name (`draft-x-00\n.xml`) makes no copy, only a bad name.
    let added_to = |name: &str| {
        base.len() > name.len()
            && base.starts_with(name)
            && (base.as_bytes()[name.len()].is_ascii_punctuation()
                || base.as_bytes()[name.len()] == b' ')
    };
    let copy = draftish
        && !explicit
        && head.docname.as_ref().is_some_and(|d| {
            (added_to(&d.value) && split_revision(&d.value).1.is_some())
                || (kind == SourceKind::Text
                    && split_revision(base).1.is_none()
                    && extends(split_declared(&d.value).0))
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

impl Scanned {
    /// Put the revisions this file shows into `latest`: its file name's and its declared
    /// name's. A posted `-05` proves `-00` … `-04` (the Datatracker takes only the next
    /// revision), so the highest is what counts.
    /// The path to open: as shown, unless that is not the path (see [`Scanned::path`]).
    pub(super) fn path(&self) -> &Path {
        self.path
            .as_deref()
            .unwrap_or_else(|| Path::new(&self.display))
    }

    /// The file name.
    pub(super) fn file_name(&self) -> &str {
        &self.display[self.name_at..]
    }

    /// The file name up to its first dot.
    pub(super) fn stem(&self) -> &str {
        let name = self.file_name();
        name.split_once('.').map_or(name, |(stem, _)| stem)
    }

    /// The document's own name, when it has one that can be judged.
    pub(super) fn declared(&self) -> Option<&source::Located> {
        if self.head.unresolved.is_some() {
            return None;
        }
        self.head
            .docname
            .as_ref()
            .or(self.head.series_info.as_ref())
            .filter(|d| !source::is_placeholder_name(&d.value))
    }
}
