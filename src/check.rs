//! `newdraft check`: names, draft files and revision histories against the naming rules.
//!
//! Inputs become findings here; [`crate::report`] renders them. Two modes:
//!
//! - **names** (`--name`, `--names-from`): every name gets a verdict. [`name::is_clean`] is
//!   asked first (one pass, no allocation) and a clean name costs only its `ok` line; the
//!   findings of [`name::check_name`] are built only for the others. `--names-from` reads its
//!   input in blocks, cuts a large block into a piece per core, and splits lines with `memchr`.
//! - **files** (PATHs, default `.`): directories are walked in parallel (`ignore`, honouring
//!   `.gitignore`, skipping `.git`, `target`, `node_modules`). A candidate is `draft-*.xml`,
//!   `draft-*.md`, `draft-*.txt`, or another `.md`/`.xml` whose head declares a document name.
//!   Only the head of each file is read ([`HEAD_BYTES`]; one `open` and, for a draft under
//!   that size, one `read`). Each file's name, its declared name
//!   (R9: `docName`, `seriesInfo`, `docname:`, first page) and their agreement are checked on
//!   the walker's threads; the revision sequences of each name (R7), over the tree and the git
//!   tags `name-NN`, are checked once the walk is done.
//!
//! Adoption comes from `--adopted-by` (everything checked) and from `newdraft.toml` records
//! (per name; the name a record `replaces` is history and judged as an individual draft).
//! The user-facing description of all of this, with the JSON schema, is
//! the README (`newdraft check`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context as _, Result, bail};

use crate::adoption::{self, Records};
use crate::cli::{CheckArgs, Deny};
use crate::meta::{self, SourceKind};
use crate::name::{self, Code, Context, DraftName, Form, Issue, Revision, Severity};
use crate::report::{self, Finding, Renderer};
use crate::{Outcome, Status};

/// How much of each file is read to find the document's own name: enough for an XML prolog
/// with entity declarations, a kramdown-rfc front matter, or a text draft's first page.
pub const HEAD_BYTES: usize = meta::HEAD_BYTES;

/// Directories never walked into.
const SKIP_DIRS: &[&str] = &[".git", "target", "node_modules"];

/// Run `check` and render its report. A large report is written to `out` as it is rendered
/// (a million names need not wait whole in memory); the rest, with the summary, is the
/// outcome's standard output.
pub fn run(args: &CheckArgs, out: &mut dyn Write) -> Result<Outcome> {
    let mut cli_groups = Vec::new();
    for g in &args.adopted_by {
        let acronym = crate::groups::Acronym::parse("--adopted-by", g)?;
        if acronym.as_str().starts_with("draft-") {
            bail!(
                "`--adopted-by {acronym}` is a draft name, not a group acronym; e.g. `--adopted-by quic`"
            );
        }
        cli_groups.push(acronym.as_str().to_owned());
    }
    let names_mode = !args.names.is_empty() || args.names_from.is_some();
    let paths: Vec<PathBuf> = if args.paths.is_empty() && !names_mode {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };

    // Adoption records: from each checked tree's root upwards, and for names from the current
    // directory upwards.
    let mut records = Records::default();
    let mut seen = HashSet::new();
    let mut roots: Vec<PathBuf> = paths.iter().map(|p| tree_root(p)).collect();
    if names_mode {
        roots.push(PathBuf::from("."));
    }
    for root in &roots {
        if let Some(file) = adoption::find(root) {
            if seen.insert(file.clone()) {
                records.merge(Records::read(&file)?);
            }
        }
    }
    let adoption = Adoption::new(cli_groups, &records);

    let mut notes = Vec::new();
    let color = report::use_color(args.color);
    let mut renderer = Renderer::new(args.format, color);

    let mut files = 0;
    if !paths.is_empty() {
        let mut findings = check_files(&paths, &adoption, !args.no_git, &mut notes, &mut files)?;
        findings.sort_by(|a, b| {
            (&a.path, a.line, a.code, &a.message).cmp(&(&b.path, b.line, b.code, &b.message))
        });
        for f in &findings {
            renderer.finding(f);
        }
        renderer.flush_to(out)?;
    }

    let mut names = 0;
    for n in &args.names {
        names += 1;
        match n.to_str() {
            Some(n) => check_one_name(n, None, None, &adoption, &mut renderer),
            None => renderer.finding(&not_utf8(n.as_encoded_bytes(), None, None)),
        }
    }
    if let Some(from) = &args.names_from {
        let read = if from.as_os_str() == "-" {
            let mut input = std::io::stdin().lock();
            check_names_from(&mut input, 0, "<stdin>", &adoption, &mut renderer, out)
                .context("cannot read names from standard input")?
        } else {
            let cannot = || format!("cannot read names from `{}`", from.display());
            let mut file = std::fs::File::open(from).with_context(cannot)?;
            let size = file
                .metadata()
                .map_or(0, |m| usize::try_from(m.len()).unwrap_or(0));
            let display = from.display().to_string();
            check_names_from(&mut file, size, &display, &adoption, &mut renderer, out)
                .with_context(cannot)?
        };
        // An empty input (a closed standard input, an empty list of changed files) is not an
        // error, as an empty list is normal in CI, but it is said: "no problems" alone would
        // read as if names had been checked.
        if read == 0 {
            notes.push(if from.as_os_str() == "-" {
                "note: no names were read from standard input (it was empty or closed); nothing was checked".to_owned()
            } else {
                format!(
                    "note: no names were read from `{}` (it has no names); nothing was checked",
                    crate::text::path(from)
                )
            });
        }
        names += read;
    }

    let (stdout, counts) = renderer.finish(files, names);
    let failed = counts.errors > 0 || (args.deny == Some(Deny::Warnings) && counts.warnings > 0);
    Ok(Outcome {
        stdout,
        stderr: notes,
        status: if failed {
            Status::Findings
        } else {
            Status::Success
        },
    })
}

/// Who adopted what: `--adopted-by` for everything, `newdraft.toml` per name.
#[derive(Debug, Default)]
struct Adoption {
    cli: Vec<String>,
    /// Adopted name (without revision) → the groups it is judged with: `cli` plus its group.
    adopted: HashMap<String, Vec<String>>,
    /// Names that an adopted draft replaced: history, judged as the individual drafts they were.
    replaced: HashSet<String>,
}

impl Adoption {
    fn new(cli: Vec<String>, records: &Records) -> Self {
        let mut adopted: HashMap<String, Vec<String>> = HashMap::new();
        let mut replaced = HashSet::new();
        for r in &records.adopted {
            let groups = adopted.entry(r.name.clone()).or_insert_with(|| cli.clone());
            if !groups.contains(&r.group) {
                groups.push(r.group.clone());
            }
            if let Some(old) = &r.replaces {
                replaced.insert(old.clone());
            }
        }
        Adoption {
            cli,
            adopted,
            replaced,
        }
    }

    /// The groups that adopted `base` (a name without revision).
    fn groups(&self, base: &str) -> &[String] {
        if self.adopted.is_empty() && self.replaced.is_empty() {
            return &self.cli;
        }
        if self.replaced.contains(base) {
            return &[];
        }
        self.adopted.get(base).map_or(&self.cli, Vec::as_slice)
    }

    /// The adoption context of `input` (a name, versioned name or file name).
    fn context(&self, input: &str) -> Context<'_> {
        let groups = if self.adopted.is_empty() && self.replaced.is_empty() {
            &self.cli
        } else {
            self.groups(base_name(input))
        };
        Context { adopted_by: groups }
    }

    /// Judge `input` in `form`, with the adoption context of its name.
    fn check(&self, input: &str, form: Form) -> Vec<Issue> {
        name::check_name(input, form, &self.context(input)).issues
    }

    /// Whether `input` has no finding at all in `form`: the cheap question asked first.
    fn is_clean(&self, input: &str, form: Form) -> bool {
        name::is_clean(input, form, &self.context(input))
    }
}

/// The name in `input` without directory, extension and revision, for looking up adoption
/// records (`dir/draft-x-03.xml` → `draft-x`).
fn base_name(input: &str) -> &str {
    let file = input.rsplit(['/', '\\']).next().unwrap_or(input);
    let stem = file.split_once('.').map_or(file, |(s, _)| s);
    let stem = stem.strip_suffix("-latest").unwrap_or(stem);
    strip_revision(stem)
}

/// `name-NN` → `name`; anything else unchanged (the last `-NN` is the revision, R6).
fn strip_revision(s: &str) -> &str {
    let b = s.as_bytes();
    let n = b.len();
    if n >= 3 && b[n - 3] == b'-' && b[n - 2].is_ascii_digit() && b[n - 1].is_ascii_digit() {
        &s[..n - 3]
    } else {
        s
    }
}

/// Check one name and render its verdict.
fn check_one_name(
    input: &str,
    path: Option<&str>,
    line: Option<usize>,
    adoption: &Adoption,
    r: &mut Renderer,
) {
    if adoption.is_clean(input, Form::Auto) {
        r.ok(input);
        return;
    }
    for issue in adoption.check(input, Form::Auto) {
        r.finding(&finding(path, line, input, issue));
    }
}

/// Blocks smaller than this are checked on one thread (tiny in unit tests, which check that
/// the pieces do not show).
const PARALLEL_NAMES_FROM: usize = if cfg!(test) { 64 } else { 1 << 20 };

/// How much of a `--names-from` input is read and checked at a time: the input is never held
/// whole, only the output is.
const NAMES_BLOCK: usize = 4 << 20;

/// The longest line of a `--names-from` input that is checked as a name, in bytes; a longer
/// one is a finding, and is not held in memory.
pub const MAX_NAME_LINE: usize = 1 << 20;

/// The finding for a line over [`MAX_NAME_LINE`].
fn overlong(display: &str, line: usize) -> Finding {
    Finding {
        path: Some(display.to_owned()),
        line: Some(line),
        name: String::new(),
        code: Code::TooLong,
        message: format!(
            "line {line} is over {} KiB long, more than newdraft reads as one name; it was not checked",
            MAX_NAME_LINE >> 10
        ),
        hint: Some("put one name on each line".to_owned()),
    }
}

/// Check every line of a `--names-from` input (`size` bytes long, or 0 when unknown); returns
/// how many names there were.
fn check_names_from(
    input: &mut dyn Read,
    size: usize,
    display: &str,
    adoption: &Adoption,
    r: &mut Renderer,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    // Most names are clean and get `name: ok`: about the size of the input, and a few bytes
    // more a line. Each block's report is written out as soon as it is rendered, so the
    // buffer (reserved once, reused) holds about one block's worth.
    r.reserve(size.min(NAMES_BLOCK) + size.min(NAMES_BLOCK) / 4);
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(16);
    let mut parts: Vec<Renderer> = (1..threads).map(|_| r.fragment()).collect();
    let mut written = Ok(());
    let names = read_blocks(
        input,
        NAMES_BLOCK,
        |line, r| r.finding(&overlong(display, line)),
        |block, first_line, r| {
            // A UTF-8 byte order mark (Windows editors write one) is not part of the first name.
            let block = match first_line {
                0 => block.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(block),
                _ => block,
            };
            let counted = check_block(block, first_line, &mut parts, display, adoption, r);
            if written.is_ok() {
                written = r.flush_to(out);
            }
            counted
        },
        r,
    )?;
    written.map(|()| names)
}

/// The report `check --names-from` makes of `input` in `format` (no adoption records, no
/// colour): an entry point for the fuzz targets (`tests/fuzz.rs`), which hold every report to
/// its format whatever the bytes. `block` is the reading block size, small in fuzzing so that
/// lines cross blocks.
#[doc(hidden)]
pub fn names_report(
    input: &[u8],
    format: crate::cli::ReportFormat,
    block: usize,
) -> (String, report::Counts) {
    let adoption = Adoption::default();
    let mut r = Renderer::new(format, false);
    let mut out = Vec::new();
    let mut reader = input;
    let names = read_blocks(
        &mut reader,
        block,
        |line, r| r.finding(&overlong("names.txt", line)),
        |b, first, r| {
            let b = match first {
                0 => b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b),
                _ => b,
            };
            check_lines(b, first, "names.txt", &adoption, r)
        },
        &mut r,
    )
    .unwrap_or(0);
    let _ = r.flush_to(&mut out);
    let (rest, counts) = r.finish(0, names);
    let mut text = String::from_utf8_lossy(&out).into_owned();
    text.push_str(&rest);
    (text, counts)
}

/// Read `input` in blocks of about `block` bytes, each cut after its last line break (or at
/// the end), and hand each to `check` with the number of lines before it; the buffers are
/// reused, so a large input costs no more memory than a block. Returns the names counted.
fn read_blocks(
    input: &mut dyn Read,
    block: usize,
    mut too_long: impl FnMut(usize, &mut Renderer),
    mut check: impl FnMut(&[u8], usize, &mut Renderer) -> (usize, usize),
    r: &mut Renderer,
) -> std::io::Result<usize> {
    let mut buf = vec![0; block.max(1)];
    let mut filled = 0;
    let mut eof = false;
    let (mut names, mut lines) = (0, 0);
    loop {
        while filled < buf.len() && !eof {
            match input.read(&mut buf[filled..]) {
                Ok(0) => eof = true,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let cut = if eof {
            filled
        } else {
            let Some(last) = memchr::memrchr(b'\n', &buf[..filled]) else {
                if buf.len() <= MAX_NAME_LINE {
                    // One line longer than the buffer: make room for it.
                    buf.resize(buf.len() * 2, 0);
                    continue;
                }
                // A line over the limit (`/dev/zero`, a hostile list): said, and skipped to its
                // end without holding it, so memory stays bounded.
                too_long(lines + 1, r);
                names += 1;
                loop {
                    let n = match input.read(&mut buf) {
                        Ok(0) => return Ok(names),
                        Ok(n) => n,
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(e),
                    };
                    if let Some(end) = memchr::memchr(b'\n', &buf[..n]) {
                        buf.copy_within(end + 1..n, 0);
                        filled = n - end - 1;
                        lines += 1;
                        break;
                    }
                }
                continue;
            };
            last + 1
        };
        if cut > 0 {
            let (n, l) = check(&buf[..cut], lines, r);
            names += n;
            lines += l;
        }
        buf.copy_within(cut..filled, 0);
        filled -= cut;
        if eof {
            return Ok(names);
        }
    }
}

/// Check the lines of one block, the first of which is line `first_line + 1` of the input; a
/// large block is cut at line breaks into a piece per thread (one, and one per `parts`), the
/// first checked on this thread straight into `r`, the others into their `parts`, appended in
/// order, so the output is the same as on one thread. Returns the names and the line breaks.
fn check_block(
    bytes: &[u8],
    first_line: usize,
    parts: &mut [Renderer],
    display: &str,
    adoption: &Adoption,
    r: &mut Renderer,
) -> (usize, usize) {
    if parts.is_empty() || bytes.len() < PARALLEL_NAMES_FROM {
        return check_lines(bytes, first_line, display, adoption, r);
    }
    // Piece boundaries: just after a line break at or after each `len * i / pieces`.
    let pieces = parts.len() + 1;
    let mut bounds = vec![0];
    for i in 1..pieces {
        let target = (bytes.len() * i / pieces).max(*bounds.last().unwrap_or(&0));
        let cut = memchr::memchr(b'\n', &bytes[target..]).map_or(bytes.len(), |p| target + p + 1);
        bounds.push(cut);
    }
    bounds.push(bytes.len());
    let (names, lines) = std::thread::scope(|scope| {
        let handles: Vec<_> = bounds
            .windows(2)
            .skip(1)
            .zip(parts.iter_mut())
            .map(|(w, part)| {
                let (start, end) = (w[0], w[1]);
                scope.spawn(move || {
                    // Counting the lines before the piece here keeps it off the first thread.
                    let first = first_line + memchr::memchr_iter(b'\n', &bytes[..start]).count();
                    check_lines(&bytes[start..end], first, display, adoption, part)
                })
            })
            .collect();
        let (mut names, mut lines) =
            check_lines(&bytes[..bounds[1]], first_line, display, adoption, r);
        for h in handles {
            let (n, l) = h.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            names += n;
            lines += l;
        }
        (names, lines)
    });
    for part in parts {
        r.append_from(part);
    }
    (names, lines)
}

/// Check the lines of `bytes`, the first of which is line `first_line + 1` of the input.
/// Returns the names and the line breaks.
fn check_lines(
    bytes: &[u8],
    first_line: usize,
    display: &str,
    adoption: &Adoption,
    r: &mut Renderer,
) -> (usize, usize) {
    r.reserve(bytes.len() + bytes.len() / 4);
    // Input that is all UTF-8 (all of it, nearly always) is validated once, not line by line.
    if let Ok(text) = std::str::from_utf8(bytes) {
        return check_text_lines(text, first_line, display, adoption, r);
    }
    let mut names = 0;
    let lines = each_line(bytes, first_line, |start, end, line_no| {
        let mut line = &bytes[start..end];
        if let [rest @ .., b'\r'] = line {
            line = rest;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        names += 1;
        if line.len() > MAX_NAME_LINE {
            r.finding(&overlong(display, line_no));
            return;
        }
        match std::str::from_utf8(line) {
            Ok(text) => check_one_name(text, Some(display), Some(line_no), adoption, r),
            Err(_) => r.finding(&not_utf8(line, Some(display), Some(line_no))),
        }
    });
    (names, lines)
}

/// Call `f(start, end, line_no)` for each line of `bytes` (`bytes[start..end]`, without its
/// `\n`), numbered from `first_line + 1`, the last line also when it has no `\n`. Returns the
/// number of line breaks.
fn each_line(bytes: &[u8], first_line: usize, mut f: impl FnMut(usize, usize, usize)) -> usize {
    let mut start = 0;
    let mut line_no = first_line;
    for end in memchr::memchr_iter(b'\n', bytes) {
        line_no += 1;
        f(start, end, line_no);
        start = end + 1;
    }
    if start < bytes.len() {
        f(start, bytes.len(), line_no + 1);
    }
    line_no - first_line
}

/// [`check_lines`] on text known to be UTF-8: a clean name costs its one-pass check and the
/// copy of its `ok` line.
fn check_text_lines(
    text: &str,
    first_line: usize,
    display: &str,
    adoption: &Adoption,
    r: &mut Renderer,
) -> (usize, usize) {
    let mut names = 0;
    // Without adoption records every name has the same context: asked once, not per line.
    let plain = (adoption.adopted.is_empty() && adoption.replaced.is_empty()).then_some(Context {
        adopted_by: &adoption.cli,
    });
    let lines = each_line(text.as_bytes(), first_line, |start, end, line_no| {
        // `\n` is ASCII, so these are character boundaries.
        let mut line = &text[start..end];
        if let Some(rest) = line.strip_suffix('\r') {
            line = rest;
        }
        if line.bytes().all(|b| b.is_ascii_whitespace()) {
            return;
        }
        names += 1;
        if line.len() > MAX_NAME_LINE {
            r.finding(&overlong(display, line_no));
            return;
        }
        match &plain {
            Some(ctx) if name::is_clean(line, Form::Auto, ctx) => r.ok(line),
            _ => check_one_name(line, Some(display), Some(line_no), adoption, r),
        }
    });
    (names, lines)
}

/// The finding for a name whose bytes are not UTF-8 (so certainly not ASCII, R2).
fn not_utf8(bytes: &[u8], path: Option<&str>, line: Option<usize>) -> Finding {
    let at = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    let byte = bytes.get(at).copied().unwrap_or(0);
    let what = line.map_or_else(|| "the name".to_owned(), |n| format!("line {n}"));
    Finding {
        path: path.map(str::to_owned),
        line,
        name: String::from_utf8_lossy(bytes).into_owned(),
        code: Code::NonAscii,
        message: format!(
            "{what} is not UTF-8 text (byte `0x{byte:02X}` at position {}); names use ASCII `a-z`, `0-9` and `-` only",
            at + 1
        ),
        hint: Some("write the name in ASCII".to_owned()),
    }
}

fn finding(path: Option<&str>, line: Option<usize>, name: &str, issue: Issue) -> Finding {
    Finding {
        path: path.map(str::to_owned),
        line,
        name: name.to_owned(),
        code: issue.code,
        message: issue.message,
        hint: issue.hint,
    }
}

/// The directory a PATH argument stands for: itself, or a file's directory.
fn tree_root(path: &Path) -> PathBuf {
    if path.is_dir() {
        return path.to_path_buf();
    }
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// What a file says about itself: the revision of a name it carries.
#[derive(Debug, Clone)]
struct Claim {
    /// The name without revision.
    name: String,
    revision: Revision,
    source: Source,
}

#[derive(Debug, Clone)]
enum Source {
    File {
        display: String,
        path: PathBuf,
        ext: String,
        /// Named on the command line rather than found by walking.
        explicit: bool,
    },
    Tag,
}

/// The outcome of one file.
#[derive(Debug, Default)]
struct FileResult {
    /// The path as shown.
    display: String,
    findings: Vec<Finding>,
    claim: Option<Claim>,
    /// An unversioned source (`name.md` declaring `name-latest`): its name, whose history is in
    /// the git tags.
    latest: Option<(String, String)>,
}

/// Walk and check every PATH; returns the findings and counts the files checked.
fn check_files(
    paths: &[PathBuf],
    adoption: &Adoption,
    use_git: bool,
    notes: &mut Vec<String>,
    files: &mut usize,
) -> Result<Vec<Finding>> {
    let results: Mutex<Vec<FileResult>> = Mutex::new(Vec::new());
    let error: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    let walk_notes: Mutex<Vec<String>> = Mutex::new(Vec::new());
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
            if let Some(r) = examine(path, true, &mut buf, adoption)? {
                lock(&results).push(r);
            }
            continue;
        }
        let walker = ignore::WalkBuilder::new(path)
            .require_git(false)
            .filter_entry(|e| {
                e.depth() == 0
                    || !(e.file_type().is_some_and(|t| t.is_dir())
                        && e.file_name()
                            .to_str()
                            .is_some_and(|n| SKIP_DIRS.contains(&n)))
            })
            .build_parallel();
        let mut builder = VisitorBuilder {
            adoption,
            results: &results,
            error: &error,
            notes: &walk_notes,
        };
        walker.visit(&mut builder);
        if let Some(e) = lock(&error).take() {
            return Err(e);
        }
    }
    let mut walk_notes = walk_notes
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    walk_notes.sort();
    walk_notes.dedup();
    notes.extend(walk_notes);
    let results = results
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // A file reached twice (`check . draft-x-00.xml`) is one file: the first. Nothing here
    // depends on the order the walk found files in: findings are sorted for the report, and
    // the sources of each revision by path (in `revisions`), so there is no sort of every file.
    let first: Vec<bool> = {
        let mut seen = HashSet::with_capacity(results.len());
        results
            .iter()
            .map(|r| seen.insert(r.display.as_str()))
            .collect()
    };
    *files = first.iter().filter(|&&f| f).count();
    let mut findings = Vec::new();
    let mut claims = Vec::new();
    let mut latest: BTreeMap<String, String> = BTreeMap::new();
    for (r, _) in results.into_iter().zip(first).filter(|(_, f)| *f) {
        findings.extend(r.findings);
        claims.extend(r.claim);
        if let Some((name, display)) = r.latest {
            // The unversioned source of a name: the first by path.
            match latest.entry(name) {
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert(display);
                }
                std::collections::btree_map::Entry::Occupied(mut e) => {
                    if display < *e.get() {
                        e.insert(display);
                    }
                }
            }
        }
    }
    if use_git && !(claims.is_empty() && latest.is_empty()) {
        claims.extend(git_tags(paths, notes));
    }
    revisions(claims, &latest, &mut findings)?;
    Ok(findings)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A path as shown in findings: as given, without a leading `./`.
fn display(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_owned()
}

struct VisitorBuilder<'a> {
    adoption: &'a Adoption,
    results: &'a Mutex<Vec<FileResult>>,
    error: &'a Mutex<Option<anyhow::Error>>,
    notes: &'a Mutex<Vec<String>>,
}

impl<'s> ignore::ParallelVisitorBuilder<'s> for VisitorBuilder<'s> {
    fn build(&mut self) -> Box<dyn ignore::ParallelVisitor + 's> {
        Box::new(Visitor {
            adoption: self.adoption,
            results: self.results,
            error: self.error,
            notes: self.notes,
            local: Vec::new(),
            buf: vec![0; HEAD_BYTES],
        })
    }
}

/// One walker thread: checks files into a local list, handed over when the thread is done.
struct Visitor<'a> {
    adoption: &'a Adoption,
    results: &'a Mutex<Vec<FileResult>>,
    error: &'a Mutex<Option<anyhow::Error>>,
    notes: &'a Mutex<Vec<String>>,
    local: Vec<FileResult>,
    buf: Vec<u8>,
}

impl ignore::ParallelVisitor for Visitor<'_> {
    fn visit(&mut self, entry: Result<ignore::DirEntry, ignore::Error>) -> ignore::WalkState {
        let entry = match entry {
            Ok(e) => e,
            // An unreadable directory is an I/O error; a bad line in a `.gitignore` is not a
            // reason to stop checking, only to say so.
            Err(e) if e.io_error().is_none() => {
                lock(self.notes).push(format!("note: {e}"));
                return ignore::WalkState::Continue;
            }
            Err(e) => {
                lock(self.error).get_or_insert(e.into());
                return ignore::WalkState::Quit;
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
        let outcome = examine(entry.path(), false, &mut self.buf, self.adoption);
        match outcome {
            Ok(Some(r)) => self.local.push(r),
            Ok(None) => {}
            Err(e) => {
                lock(self.error).get_or_insert(e);
                return ignore::WalkState::Quit;
            }
        }
        ignore::WalkState::Continue
    }
}

impl Drop for Visitor<'_> {
    fn drop(&mut self) {
        lock(self.results).append(&mut self.local);
    }
}

/// Check one file, if it is a draft: `None` when it is not one.
fn examine(
    path: &Path,
    explicit: bool,
    buf: &mut [u8],
    adoption: &Adoption,
) -> Result<Option<FileResult>> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = file_name.rsplit_once('.').map_or("", |(_, e)| e);
    // Case-blind here, so that `DRAFT-Doe-X-00.XML` is found and then judged (R1, R2).
    let is_ext = |want: &[&str]| want.iter().any(|w| ext.eq_ignore_ascii_case(w));
    let draftish = file_name
        .get(..6)
        .is_some_and(|p| p.eq_ignore_ascii_case("draft-"))
        && is_ext(&["xml", "md", "txt"]);
    // `name-NN.prepped.xml`, `name-NN.v2v3.xml`: what xml2rfc and kramdown-rfc leave behind
    // when building. Found by walking, they are judged by their declared name only, and claim
    // no revision (they are copies of a source). Named on the command line, a file name with
    // two dots is judged as a submission file (R8).
    let derived =
        draftish && !explicit && file_name[..file_name.len() - ext.len() - 1].contains('.');
    let draft_named = draftish && !derived;
    if !draft_named && !explicit && !is_ext(&["xml", "md"]) {
        return Ok(None);
    }
    let display = &display(path);
    // One open and reads to the end of the head: no `stat` (the size matters only when two
    // files claim one revision, and is read then).
    let mut file = std::fs::File::open(path).with_context(|| format!("cannot read `{display}`"))?;
    let len = read_head(&mut file, buf).with_context(|| format!("cannot read `{display}`"))?;
    let head = &buf[..len];
    let kind = match ext {
        // What `detect` says of these, without its allocation.
        "xml" => SourceKind::Xml,
        "txt" => SourceKind::Text,
        _ => SourceKind::detect(path, head).unwrap_or(SourceKind::Text),
    };
    let names = meta::scan(head, kind);
    if !draft_named && !explicit && names.docname.is_none() && names.series_info.is_none() {
        return Ok(None);
    }
    let mut result = FileResult {
        display: display.to_owned(),
        ..FileResult::default()
    };
    let file = DraftFile {
        display,
        file_name: &file_name,
        ext,
        kind,
        draft_named,
        names: &names,
    };
    let claimed = file.check(adoption, &mut result.findings);
    if claimed.is_none() && draft_named {
        let stem = file_name
            .rsplit_once('.')
            .map_or(file_name.as_str(), |(s, _)| s);
        if let Ok(n) = DraftName::parse(stem) {
            if n.revision().is_none() {
                result.latest = Some((n.as_str().to_owned(), display.to_owned()));
            }
        }
    }
    result.claim = claimed.filter(|_| !derived).map(|(name, revision)| Claim {
        name,
        revision,
        source: Source::File {
            display: display.to_owned(),
            path: path.to_path_buf(),
            ext: ext.to_owned(),
            explicit,
        },
    });
    Ok(Some(result))
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

/// One draft file being judged.
struct DraftFile<'a> {
    display: &'a str,
    file_name: &'a str,
    ext: &'a str,
    kind: SourceKind,
    draft_named: bool,
    names: &'a meta::Head,
}

impl DraftFile<'_> {
    fn push(&self, out: &mut Vec<Finding>, line: Option<usize>, name: &str, issues: Vec<Issue>) {
        for issue in issues {
            out.push(finding(Some(self.display), line, name, issue));
        }
    }

    /// Every per-file finding; returns the name and revision the file stands for (R7).
    fn check(&self, adoption: &Adoption, out: &mut Vec<Finding>) -> Option<(String, Revision)> {
        let names = self.names;
        let doc = names.docname.as_ref().or(names.series_info.as_ref());

        // R9: docName and seriesInfo agree.
        if let (Some(d), Some(s)) = (&names.docname, &names.series_info) {
            if d.value != s.value {
                out.push(Finding {
                    path: Some(self.display.to_owned()),
                    line: Some(s.line),
                    name: s.value.clone(),
                    code: Code::SeriesInfoMismatch,
                    message: format!(
                        "`<seriesInfo name=\"Internet-Draft\">` says `{}` but `docName` (line {}) says `{}`; xml2rfc refuses a document where they differ",
                        s.value, d.line, d.value
                    ),
                    hint: Some(format!("use `{}` in both", self.expected().unwrap_or_else(|| d.value.clone()))),
                });
            }
        }

        if !self.draft_named {
            // A source with another file name: only its declared name counts.
            let Some(doc) = doc else {
                out.push(Finding {
                    path: Some(self.display.to_owned()),
                    line: None,
                    name: self.file_name.to_owned(),
                    code: Code::DocNameMissing,
                    message: format!(
                        "`{}` does not declare a draft name ({})",
                        self.file_name,
                        self.where_names_go()
                    ),
                    hint: Some(format!(
                        "name it `draft-<surname>-<group>-<topic>-00.{}` and {}",
                        // No extension: read as a text draft.
                        if self.ext.is_empty() { "txt" } else { self.ext },
                        self.how_to_declare("draft-<surname>-<group>-<topic>-00")
                    )),
                });
                return None;
            };
            self.check_doc_name(&doc.value, doc.line, adoption, out);
            return claim_of(&doc.value);
        }

        let stem = self.stem();
        let versioned = strip_revision(stem) != stem;
        let expected = self.expected().unwrap_or_default();
        match doc {
            None => {
                out.push(Finding {
                    path: Some(self.display.to_owned()),
                    line: None,
                    name: self.file_name.to_owned(),
                    code: Code::DocNameMissing,
                    message: format!(
                        "`{}` does not declare its own name ({})",
                        self.file_name,
                        self.where_names_go()
                    ),
                    hint: Some(self.how_to_declare(&expected)),
                });
                self.check_file_name(stem, versioned, adoption, out, false);
            }
            Some(doc) if doc.value == expected => {
                self.check_doc_name(&doc.value, doc.line, adoption, out);
                self.check_file_name(stem, versioned, adoption, out, true);
            }
            Some(doc) => {
                let errors =
                    |found: &[Finding]| found.iter().any(|f| f.code.severity() == Severity::Error);
                let start = out.len();
                self.check_file_name(stem, versioned, adoption, out, false);
                let file_bad = errors(&out[start..]);
                let start = out.len();
                self.check_doc_name(&doc.value, doc.line, adoption, out);
                let doc_bad = errors(&out[start..]);
                // Suggest only a fix that leads to a valid name.
                let declare = if versioned {
                    format!("declare `{expected}`")
                } else {
                    format!(
                        "declare `{expected}` (an unversioned i-d-template source; the revision comes from the git tag at submission)"
                    )
                };
                let rename = format!(
                    "rename the file `{}.{}`",
                    if versioned {
                        doc.value.strip_suffix("-latest").unwrap_or(&doc.value)
                    } else {
                        &doc.value
                    },
                    self.ext.to_ascii_lowercase()
                );
                let hint = match (file_bad, doc_bad) {
                    (true, false) => rename,
                    (false, true) => declare,
                    _ => format!("make them agree: {declare}, or {rename}"),
                };
                out.push(Finding {
                    path: Some(self.display.to_owned()),
                    line: Some(doc.line),
                    name: doc.value.clone(),
                    code: Code::DocNameMismatch,
                    message: format!(
                        "the document calls itself `{}` but its file name `{}` says `{expected}`",
                        doc.value, self.file_name
                    ),
                    hint: Some(hint),
                });
            }
        }
        if versioned { claim_of(stem) } else { None }
    }

    /// The file name up to its first dot: the name it stands for (`draft-x-00` for
    /// `draft-x-00.xml`, and for `draft-x-00.prepped.xml`, whose second dot is R8's business).
    fn stem(&self) -> &str {
        self.file_name
            .split_once('.')
            .map_or(self.file_name, |(stem, _)| stem)
    }

    /// The document name the file name calls for: `stem` for `name-NN.ext`, `stem-latest` for
    /// an unversioned source.
    fn expected(&self) -> Option<String> {
        if !self.draft_named {
            return None;
        }
        let stem = self.stem();
        Some(if strip_revision(stem) == stem {
            format!("{stem}-latest")
        } else {
            stem.to_owned()
        })
    }

    /// The file name's own findings (no line). When the declared name equals the file's and
    /// has been judged already, only what is particular to the file name (R8) is reported.
    fn check_file_name(
        &self,
        stem: &str,
        versioned: bool,
        adoption: &Adoption,
        out: &mut Vec<Finding>,
        only_file_rules: bool,
    ) {
        // A versioned `.xml`/`.txt` is a submission file; so is, for R8's sake, any file name
        // with two dots (`draft-x-00.prepped.xml` named on the command line).
        let dots = self.file_name.bytes().filter(|&b| b == b'.').count() > 1;
        let (name, form) = if matches!(self.ext, "xml" | "txt") && (versioned || dots) {
            (self.file_name, Form::File)
        } else if only_file_rules {
            return;
        } else if versioned {
            (stem, Form::Versioned)
        } else {
            (stem, Form::Name)
        };
        if adoption.is_clean(name, form) {
            return;
        }
        let issues = adoption.check(name, form);
        let issues = issues
            .into_iter()
            .filter(|i| !only_file_rules || i.code.as_str().starts_with("file/"))
            .collect();
        self.push(out, None, self.file_name, issues);
    }

    /// The declared name's findings, on its line: `name-latest` (i-d-template) or `name-NN`.
    fn check_doc_name(
        &self,
        value: &str,
        line: usize,
        adoption: &Adoption,
        out: &mut Vec<Finding>,
    ) {
        let (name, form) = match value.strip_suffix("-latest") {
            Some(base) => (base, Form::Name),
            None => (value, Form::Versioned),
        };
        if !adoption.is_clean(name, form) {
            self.push(out, Some(line), value, adoption.check(name, form));
        }
    }

    fn where_names_go(&self) -> &'static str {
        match self.kind {
            SourceKind::Xml => {
                "no `docName` on `<rfc>` and no `<seriesInfo name=\"Internet-Draft\">`"
            }
            SourceKind::Kramdown => "no `docname:` in the front matter",
            SourceKind::Mmark => "no `value` in the `[seriesInfo]` of the title block",
            SourceKind::Text => "no `draft-…-NN` name on the first page",
        }
    }

    fn how_to_declare(&self, name: &str) -> String {
        match self.kind {
            SourceKind::Xml => format!("add `docName=\"{name}\"` to the `<rfc>` element"),
            SourceKind::Kramdown => format!("add `docname: {name}` to the front matter"),
            SourceKind::Mmark => format!(
                "add `value = \"{name}\"` under `[seriesInfo]` (with `name = \"Internet-Draft\"`) in the title block"
            ),
            SourceKind::Text => format!("the first page names the draft: `{name}`"),
        }
    }
}

/// The name and revision a versioned name stands for, when it is valid.
fn claim_of(versioned: &str) -> Option<(String, Revision)> {
    let n = DraftName::parse(versioned).ok()?;
    Some((n.as_str().to_owned(), n.revision()?))
}

/// The git tags `draft-…-NN` of every repository the PATHs are in (`git tag --list`, once per
/// repository).
fn git_tags(paths: &[PathBuf], notes: &mut Vec<String>) -> Vec<Claim> {
    let mut repos = Vec::new();
    for p in paths {
        let dir = std::path::absolute(tree_root(p)).unwrap_or_else(|_| tree_root(p));
        if let Some(repo) = dir.ancestors().find(|d| d.join(".git").exists()) {
            if !repos.iter().any(|r: &PathBuf| r == repo) {
                repos.push(repo.to_path_buf());
            }
        }
    }
    let mut claims = Vec::new();
    for repo in repos {
        match crate::git::tags(&repo, "draft-*") {
            Ok(tags) => {
                for tag in &tags {
                    if let Some((name, revision)) = claim_of(tag) {
                        claims.push(Claim {
                            name,
                            revision,
                            source: Source::Tag,
                        });
                    }
                }
            }
            Err(why) => notes.push(format!(
                "note: cannot read the git tags of `{}` ({why}); revision history checked without them (`--no-git` to silence)",
                repo.display()
            )),
        }
    }
    claims
}

/// R7 over every name that has a file in the tree: revisions run 00, 01, 02 … with no gap, and
/// no revision is claimed by two different files of the same format.
fn revisions(
    claims: Vec<Claim>,
    latest: &BTreeMap<String, String>,
    out: &mut Vec<Finding>,
) -> Result<()> {
    let mut by_name: BTreeMap<String, BTreeMap<Revision, Vec<Source>>> = BTreeMap::new();
    for c in claims {
        by_name
            .entry(c.name)
            .or_default()
            .entry(c.revision)
            .or_default()
            .push(c.source);
    }
    for (name, mut revs) in by_name {
        // The files of a revision by path, then its tag.
        for sources in revs.values_mut().filter(|s| s.len() > 1) {
            sources.sort_by(|a, b| match (a, b) {
                (Source::File { display: x, .. }, Source::File { display: y, .. }) => x.cmp(y),
                (Source::File { .. }, Source::Tag) => std::cmp::Ordering::Less,
                (Source::Tag, Source::File { .. }) => std::cmp::Ordering::Greater,
                (Source::Tag, Source::Tag) => std::cmp::Ordering::Equal,
            });
        }
        let files: Vec<&Source> = revs
            .values()
            .flatten()
            .filter(|s| matches!(s, Source::File { .. }))
            .collect();
        let source = latest.get(&name);
        if files.is_empty() && source.is_none() {
            continue; // only tags: history of a name no longer in the tree
        }
        let only_explicit = revs.values().flatten().all(|s| match s {
            Source::File { explicit, .. } => *explicit,
            Source::Tag => false,
        });
        let tags = revs.values().flatten().any(|s| matches!(s, Source::Tag));
        let found_in = if tags {
            "the tree and its git tags"
        } else {
            "the tree"
        };

        for (rev, sources) in &revs {
            reused(&name, *rev, sources, out)?;
        }

        let mut iter = revs.iter();
        let Some((&first, first_src)) = iter.next() else {
            continue;
        };
        if first != Revision::FIRST && !only_explicit {
            let (path, what) = locate(first_src, &name, first, source);
            out.push(Finding {
                path,
                line: None,
                name: format!("{name}-{first}"),
                code: Code::RevisionStart,
                message: format!(
                    "the first revision of `{name}` in {found_in} is `-{first}`, from {what}; every name starts at `-00`"
                ),
                hint: Some(format!(
                    "keep the earlier revisions (`{name}-00` …) beside the new one, or tag them (`git tag {name}-00 <commit>`); a new name starts at `{name}-00`"
                )),
            });
        }
        let mut prev = first;
        for (&rev, sources) in iter {
            if rev.number() > prev.number() + 1 {
                let expected = prev.next().unwrap_or(prev);
                let (path, what) = locate(sources, &name, rev, source);
                let missing = if rev.number() == prev.number() + 2 {
                    format!("`-{expected}` is missing")
                } else {
                    format!("`-{expected}` to `-{:02}` are missing", rev.number() - 1)
                };
                out.push(Finding {
                    path,
                    line: None,
                    name: format!("{name}-{rev}"),
                    code: Code::RevisionGap,
                    message: format!(
                        "`{name}` jumps from `-{prev}` to `-{rev}` ({what}) in {found_in}: {missing}; the Datatracker takes only the next revision"
                    ),
                    hint: Some(if sources.iter().any(|s| matches!(s, Source::File { .. })) {
                        format!(
                            "the revision after `-{prev}` is `{name}-{expected}`: rename it (file and document name), or restore the missing revisions"
                        )
                    } else {
                        format!(
                            "if `{name}-{rev}` was never posted, move the tag to the right revision (`git tag -d {name}-{rev}`); otherwise restore or tag the missing revisions"
                        )
                    }),
                });
            }
            prev = rev;
        }
    }
    Ok(())
}

/// Where to report a revision finding: the first file that has it, else the tag.
/// A revision only in the git tags is reported at the unversioned source of the name, if any.
fn locate(
    sources: &[Source],
    name: &str,
    rev: Revision,
    source: Option<&String>,
) -> (Option<String>, String) {
    for s in sources {
        if let Source::File { display, .. } = s {
            return (Some(display.clone()), format!("`{display}`"));
        }
    }
    (source.cloned(), format!("the git tag `{name}-{rev}`"))
}

/// `revision/reused`: two files of the same format claim the same revision with different
/// contents (copies, and one revision in several formats, are fine).
fn reused(name: &str, rev: Revision, sources: &[Source], out: &mut Vec<Finding>) -> Result<()> {
    let mut files: Vec<_> = sources
        .iter()
        .filter_map(|s| match s {
            Source::File {
                display, path, ext, ..
            } => Some((display, path, ext)),
            Source::Tag => None,
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(b.0));
    for (i, b) in files.iter().enumerate() {
        let Some(a) = files[..i].iter().find(|a| a.2 == b.2) else {
            continue;
        };
        // Rare (one revision twice in one format): compare whole files only then.
        let differ = std::fs::read(a.1).with_context(|| format!("cannot read `{}`", a.0))?
            != std::fs::read(b.1).with_context(|| format!("cannot read `{}`", b.0))?;
        if differ {
            out.push(Finding {
                path: Some(b.0.clone()),
                line: None,
                name: format!("{name}-{rev}"),
                code: Code::RevisionReused,
                message: format!(
                    "`{}` and `{}` are different documents that both claim `{name}-{rev}`; a revision is posted once",
                    a.0, b.0
                ),
                hint: Some(format!(
                    "keep one as `-{rev}` and give the newer one the next free revision (`newdraft bump`)"
                )),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    #[test]
    fn strips_only_a_two_digit_revision() {
        assert_eq!(strip_revision("draft-a-b-00"), "draft-a-b");
        assert_eq!(strip_revision("draft-a-b-100"), "draft-a-b-100");
        assert_eq!(strip_revision("draft-a-b-1"), "draft-a-b-1");
        assert_eq!(strip_revision("-00"), "");
        assert_eq!(base_name("dir/draft-x-y-03.xml"), "draft-x-y");
        assert_eq!(base_name("draft-x-y-latest"), "draft-x-y");
        assert_eq!(base_name("draft-x-y"), "draft-x-y");
    }

    #[test]
    fn records_adopt_by_name_and_free_what_they_replace() {
        let records = Records::parse(
            "[[adopted]]\nname = \"draft-ietf-quic-x\"\ngroup = \"quic\"\nreplaces = \"draft-doe-quic-x\"\n",
        )
        .unwrap();
        let a = Adoption::new(vec!["tls".to_owned()], &records);
        assert_eq!(a.groups("draft-ietf-quic-x"), ["tls", "quic"]);
        assert!(a.groups("draft-doe-quic-x").is_empty());
        assert_eq!(a.groups("draft-other-y"), ["tls"]);
        assert!(a.check("draft-doe-quic-x-03", Form::Auto).is_empty());
        assert!(a.check("draft-ietf-quic-x-00.xml", Form::Auto).is_empty());
    }

    #[test]
    fn names_read_in_blocks_and_pieces_render_as_in_one_pass() {
        let mut input = Vec::new();
        for i in 0..2000 {
            match i % 7 {
                0 => write!(input, "draft-Doe-x{i}-00"),
                1 => Ok(()),
                2 => write!(input, "draft-doe-x{i}-y-00\r"),
                3 => write!(input, "draft-\u{e9}-x{i}-y"),
                4 => write!(input, "draft-doe-{}-{i}", "long".repeat(40)),
                _ => write!(input, "draft-doe-x{i}-y-00"),
            }
            .unwrap();
            if i % 7 == 3 {
                input.extend_from_slice(b"-\xff");
            }
            if i < 1999 {
                input.push(b'\n');
            }
        }
        let a = Adoption::default();
        for format in [
            crate::cli::ReportFormat::Human,
            crate::cli::ReportFormat::Json,
            crate::cli::ReportFormat::Github,
        ] {
            let mut one = Renderer::new(format, false);
            let (n, lines) = check_lines(&input, 0, "n.txt", &a, &mut one);
            assert_eq!((n, lines), (2000 - 286, 1999));
            let expected = one.finish(0, n);
            for block in [1, 7, 100, 4096, 1 << 20] {
                for threads in [1, 2, 4] {
                    let mut r = Renderer::new(format, false);
                    let mut parts: Vec<Renderer> = (1..threads).map(|_| r.fragment()).collect();
                    let n = read_blocks(
                        &mut &input[..],
                        block,
                        |line, r| r.finding(&overlong("n.txt", line)),
                        |b, first, r| check_block(b, first, &mut parts, "n.txt", &a, r),
                        &mut r,
                    )
                    .unwrap();
                    assert_eq!(r.finish(0, n), expected, "{format:?} {block} {threads}");
                }
            }
        }
    }

    #[test]
    fn a_line_over_the_limit_is_a_finding_and_is_skipped_in_any_block_size() {
        let mut input = b"draft-a-b\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_NAME_LINE + 10));
        input.extend_from_slice(b"\nDraft-a-b\n");
        input.extend(std::iter::repeat_n(b'y', 3 * MAX_NAME_LINE));
        let a = Adoption::default();
        for block in [1, 4096, MAX_NAME_LINE, 4 * MAX_NAME_LINE] {
            let mut r = Renderer::new(crate::cli::ReportFormat::Human, false);
            let n = read_blocks(
                &mut &input[..],
                block,
                |line, r| r.finding(&overlong("n.txt", line)),
                |b, first, r| check_lines(b, first, "n.txt", &a, r),
                &mut r,
            )
            .unwrap();
            let (out, counts) = r.finish(0, n);
            assert_eq!((n, counts.errors), (4, 3), "{block}: {out}");
            assert!(
                out.starts_with(
                    "draft-a-b: ok\nn.txt:2: error[name/too-long]: line 2 is over 1024 KiB"
                ),
                "{block}: {}",
                &out[..200]
            );
            assert!(
                out.contains("n.txt:3: error[name/missing-prefix]"),
                "{block}"
            );
            assert!(
                out.contains("n.txt:4: error[name/too-long]: line 4 is over"),
                "{block}"
            );
        }
    }

    #[test]
    fn name_lines_skip_blanks_and_report_bad_bytes_by_line() {
        let a = Adoption::default();
        let mut r = Renderer::new(crate::cli::ReportFormat::Json, false);
        let mut streamed = Vec::new();
        let n = check_names_from(
            &mut &b"draft-a-b-00\r\n\n   \ndraft-\xffx-y\nDraft-x"[..],
            0,
            "n.txt",
            &a,
            &mut r,
            &mut streamed,
        )
        .unwrap();
        assert_eq!(n, 3);
        let (rest, counts) = r.finish(0, n);
        let out = String::from_utf8(streamed).unwrap() + &rest;
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["findings"][0]["line"], 4);
        assert_eq!(v["findings"][0]["code"], "name/non-ascii");
        assert_eq!(v["findings"][1]["line"], 5);
        assert_eq!(counts.errors, 2);
    }
}
