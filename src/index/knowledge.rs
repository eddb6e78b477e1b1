//! What `check`, `init` and `adopt` ask of the Datatracker's index: which names are taken,
//! the next revision, replaced and published drafts, case twins (R14); loaded from the cache or
//! a copy, and, with `check --online`, asked of the Datatracker for a bounded number of names.

use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use super::fetch::{self, Sources};
use super::rules::{self, Checked, Knowledge};
use super::{Index, store};
use crate::http::Client;

/// The most names `check --online` asks about in one run (each is one request); the rest are
/// answered from the index.
pub const MAX_ONLINE: usize = 100;

/// What `check` was told about the index.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// `--index FILE`: this copy instead of the cached one.
    pub index: Option<PathBuf>,
    /// `--online`: ask the Datatracker about each name found.
    pub online: bool,
    /// Where to ask.
    pub sources: Sources,
}

/// What is known for this run of `check`, with the notes to print: the `index`, and with
/// `--online` the Datatracker's answers about `names`. A network failure is one warning; what
/// is known offline still answers.
pub fn knowledge(
    opts: &CheckOptions,
    index: Option<Index>,
    names: &[Checked],
    today: NaiveDate,
    notes: &mut Vec<String>,
) -> Knowledge {
    let mut known = Knowledge {
        index,
        ..Knowledge::default()
    };
    if opts.online && !names.is_empty() {
        let client = Client::new(opts.sources.timeout);
        let mut asked: Vec<&str> = names.iter().map(|c| c.name.as_str()).collect();
        asked.sort_unstable();
        asked.dedup();
        if asked.len() > MAX_ONLINE {
            notes.push(format!(
                "note: `--online` asks about the first {MAX_ONLINE} of {} names; the rest are answered from the index",
                asked.len()
            ));
            asked.truncate(MAX_ONLINE);
        }
        // All the requests together get the time one may take: a slow server costs one timeout
        // per run, not one per name.
        let started = std::time::Instant::now();
        let total = asked.len();
        for (i, name) in asked.into_iter().enumerate() {
            if started.elapsed() > opts.sources.timeout {
                notes.push(format!(
                    "warning: the Datatracker answered {i} of {total} names within {} s; the rest are answered from the index",
                    opts.sources.timeout.as_secs()
                ));
                break;
            }
            match fetch::document(&client, &opts.sources.datatracker, name) {
                Ok(answer) => {
                    known.online.insert(name.to_owned(), answer);
                }
                Err(e) => {
                    let fallback = match &known.index {
                        Some(i) => format!("answered from the index of {}", i.date_text()),
                        None => "checked offline".to_owned(),
                    };
                    notes.push(format!(
                        "warning: cannot ask the Datatracker ({e:#}); {fallback}"
                    ));
                    break;
                }
            }
        }
        if !known.online.is_empty() {
            known.asked = Some(today);
        }
    }
    known
}

/// The note `check` prints once when it has no index.
pub const NO_INDEX_NOTE: &str = "note: no Datatracker index, so taken names, next revisions, replaced and published drafts and case twins (R14) were not checked; `newdraft index update` caches one, `--index FILE` reads a copy";

/// The most names read back from a `--names-from` file for the index.
pub const MAX_NAMES: usize = 200_000;

/// The index `check` uses: `--index FILE` (an error when unreadable or not an index), else the
/// cached one, else none.
pub fn load(opts: &CheckOptions) -> Result<Option<Index>> {
    match &opts.index {
        Some(path) => Ok(Some(read_copy(path)?.0)),
        None => Ok(store::dir().and_then(|d| store::load_index(&d))),
    }
}

/// The names in a `--names-from` file, for the index (at most [`MAX_NAMES`], with a note past
/// that).
pub fn names_in(path: &std::path::Path, notes: &mut Vec<String>) -> Result<Vec<Checked>> {
    let display = path.display().to_string();
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read names from `{display}`"))?;
    names_from_reader(std::io::BufReader::new(file), &display, notes)
        .with_context(|| format!("cannot read names from `{display}`"))
}

/// The names in `input`, one a line, shown as lines of `display`.
pub fn names_from_reader(
    input: impl std::io::BufRead,
    display: &str,
    notes: &mut Vec<String>,
) -> std::io::Result<Vec<Checked>> {
    let mut out = Vec::new();
    for (i, line) in input.split(b'\n').enumerate() {
        let line = line?;
        let Ok(text) = std::str::from_utf8(&line) else {
            continue;
        };
        let text = text.trim_end_matches('\r').trim_start_matches('\u{feff}');
        if let Some(c) = Checked::new(text, Some(display), Some(i + 1)) {
            if out.len() == MAX_NAMES {
                notes.push(format!(
                    "note: only the first {MAX_NAMES} names of `{display}` were checked against the index"
                ));
                break;
            }
            out.push(c);
        }
    }
    Ok(out)
}

/// A reader that keeps a copy of what it reads (up to [`super::MAX_BYTES`]), so that names
/// read once from standard input can be checked against the index afterwards.
#[derive(Debug)]
pub struct Tee<R> {
    inner: R,
    copy: Option<Vec<u8>>,
    truncated: bool,
}

impl<R> Tee<R> {
    /// Read `inner`, keeping a copy when `keep`.
    pub fn new(inner: R, keep: bool) -> Self {
        Tee {
            inner,
            copy: keep.then(Vec::new),
            truncated: false,
        }
    }

    /// The names in what was read (see [`names_from_reader`]), with a note if the copy was cut.
    pub fn names(&self, display: &str, notes: &mut Vec<String>) -> Vec<Checked> {
        let Some(copy) = &self.copy else {
            return Vec::new();
        };
        if self.truncated {
            notes.push(format!(
                "note: only the first {} MiB of {display} were checked against the index",
                super::MAX_BYTES >> 20
            ));
        }
        // Reading from memory cannot fail.
        names_from_reader(copy.as_slice(), display, notes).unwrap_or_default()
    }
}

impl<R: std::io::Read> std::io::Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(copy) = &mut self.copy {
            let room = usize::try_from(super::MAX_BYTES)
                .unwrap_or(usize::MAX)
                .saturating_sub(copy.len());
            if n > room {
                self.truncated = true;
            }
            copy.extend_from_slice(&buf[..n.min(room)]);
        }
        Ok(n)
    }
}

/// What is known for `check` about `names` (see [`knowledge`]), with its notes: `None`, and
/// [`NO_INDEX_NOTE`], when nothing is; a note when the index is over a month old.
pub fn prepare(
    opts: &CheckOptions,
    index: Option<Index>,
    names: &[Checked],
    today: NaiveDate,
    notes: &mut Vec<String>,
) -> Option<Knowledge> {
    let known = knowledge(opts, index, names, today, notes);
    if known.is_empty() {
        notes.push(NO_INDEX_NOTE.to_owned());
        return None;
    }
    if let Some(date) = known.index.as_ref().and_then(Index::date) {
        let age = (today - date).num_days();
        if age > rules::STALE_DAYS && known.online.is_empty() {
            notes.push(format!(
                "note: the Datatracker's index is of {date}, {age} days ago; `newdraft index update` refreshes it"
            ));
        }
    }
    Some(known)
}

/// Why `init` may not start `name` (taken or a case twin, in the cached index), with a free
/// name close to it; `None` when it is free or there is no index.
pub fn refuse_taken(name: &str, max_len: usize) -> Option<(String, Option<String>)> {
    let index = store::dir().and_then(|d| store::load_index(&d))?;
    let why = rules::taken(&index, name)?;
    Some((why, rules::free_variant(&index, name, max_len)))
}

/// A copy of `all_id.txt` (or `all_id2.txt`): its index and its text.
pub fn read_copy(path: &std::path::Path) -> Result<(Index, String)> {
    let bytes = store::read_capped(path)?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let index = Index::parse(text.as_bytes());
    if index.is_empty() {
        bail!(
            "`{}` is not a draft index: no line in the `all_id.txt` form (`draft-…-NN<TAB>date<TAB>state<TAB>`)",
            path.display()
        );
    }
    Ok((index, text))
}
