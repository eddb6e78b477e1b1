//! The cached copy of the Datatracker's data, in the user's cache directory.
//!
//! `index update` writes three files into `newdraft/` under the platform's cache directory
//! (`$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on
//! Windows), or into `$NEWDRAFT_CACHE_DIR` when that is set:
//!
//! - `all_id.txt`: the draft index, as fetched (or copied with `--from`);
//! - `groups.tsv`: the group list, in the embedded snapshot's columns plus the list address and
//!   archive; when present it replaces the embedded snapshot for every command;
//! - `meta.json`: where each came from and when it was fetched.
//!
//! Reading never fails a command: a missing or unreadable cache is "no index".

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Index;
use crate::write::{self, Overwrite, PlannedFile};

/// The environment variable that moves the cache (tests, CI caches, read-only homes).
pub const CACHE_ENV: &str = "NEWDRAFT_CACHE_DIR";

/// The cached draft index.
pub const INDEX_FILE: &str = "all_id.txt";
/// The cached group list.
pub const GROUPS_FILE: &str = "groups.tsv";
/// Where each came from, and when.
const META_FILE: &str = "meta.json";

/// Where and when one cached file was fetched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fetched {
    /// The URL, or the path given to `--from`.
    pub source: String,
    /// When it was written to the cache, RFC 3339 in UTC (`2026-11-29T11:00:00Z`).
    pub at: String,
}

impl Fetched {
    /// When it was written, if `at` reads as a time.
    pub fn time(&self) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(&self.at)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }
}

/// What the cache holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// The draft index.
    pub index: Option<Fetched>,
    /// The group list.
    pub groups: Option<Fetched>,
}

/// The cache directory: `$NEWDRAFT_CACHE_DIR`, else `newdraft` in the platform's cache
/// directory; `None` when the platform has none (no home directory). Unit tests see only
/// `$NEWDRAFT_CACHE_DIR`, never the user's own cache.
pub fn dir() -> Option<PathBuf> {
    match std::env::var_os(CACHE_ENV) {
        Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
        _ if cfg!(test) => None,
        _ => dirs::cache_dir().map(|d| d.join("newdraft")),
    }
}

/// The cache directory, or an error that says how to set one.
pub fn require_dir() -> Result<PathBuf> {
    match dir() {
        Some(d) => Ok(d),
        None => bail!(
            "no cache directory on this system (no home directory?); set `{CACHE_ENV}` to one"
        ),
    }
}

/// What `meta.json` says, or nothing.
pub fn meta(dir: &Path) -> Meta {
    std::fs::read(dir.join(META_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// The cached index, if there is one that parses to at least one draft.
pub fn load_index(dir: &Path) -> Option<Index> {
    let bytes = read_capped(&dir.join(INDEX_FILE)).ok()?;
    let index = Index::parse(&bytes);
    (!index.is_empty()).then_some(index)
}

/// The cached group list's text, if there is one.
pub fn load_groups(dir: &Path) -> Option<String> {
    let bytes = read_capped(&dir.join(GROUPS_FILE)).ok()?;
    String::from_utf8(bytes)
        .ok()
        .filter(|t| t.starts_with("acronym\t") && t.lines().count() > 1)
}

/// Read a file of at most [`super::MAX_BYTES`].
pub fn read_capped(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read as _;
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    let mut bytes = Vec::new();
    file.take(super::MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    if bytes.len() as u64 > super::MAX_BYTES {
        bail!(
            "`{}` is over {} MiB; that is no draft index",
            path.display(),
            super::MAX_BYTES >> 20
        );
    }
    Ok(bytes)
}

/// What to write into the cache: the index text and/or the group list, each with where it came
/// from. The files and `meta.json` are written together through [`crate::write`].
#[derive(Debug, Default)]
pub struct Update {
    /// The index text and its source.
    pub index: Option<(String, String)>,
    /// The group list (TSV) and its source.
    pub groups: Option<(String, String)>,
}

/// Write `update` into the cache at `dir`, keeping what it does not replace. Returns the paths
/// written.
pub fn save(dir: &Path, update: Update, now: DateTime<Utc>) -> Result<Vec<PathBuf>> {
    let mut meta = meta(dir);
    let mut files = Vec::new();
    let now = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    if let Some((text, source)) = update.index {
        files.push(PlannedFile::new(INDEX_FILE, text));
        meta.index = Some(Fetched {
            source,
            at: now.clone(),
        });
    }
    if let Some((text, source)) = update.groups {
        files.push(PlannedFile::new(GROUPS_FILE, text));
        meta.groups = Some(Fetched { source, at: now });
    }
    let json = serde_json::to_string_pretty(&meta)?;
    files.push(PlannedFile::new(META_FILE, json + "\n"));
    write::apply(dir, &files, Overwrite::Allow)
        .with_context(|| format!("cannot write the cache in `{}`", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_and_reads_back_with_the_fetch_time() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load_index(dir.path()).is_none());
        assert_eq!(meta(dir.path()), Meta::default());
        let now = DateTime::parse_from_rfc3339("2026-11-29T11:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let update = Update {
            index: Some((
                "draft-ietf-tls-esni-14\t2022-02-13\tActive\t\n".to_owned(),
                "https://www.ietf.org/id/all_id.txt".to_owned(),
            )),
            groups: None,
        };
        save(dir.path(), update, now).unwrap();
        assert_eq!(load_index(dir.path()).unwrap().len(), 1);
        let m = meta(dir.path());
        let fetched = m.index.unwrap();
        assert_eq!(fetched.at, "2026-11-29T11:00:00Z");
        assert_eq!(fetched.time(), Some(now));
        assert!(m.groups.is_none());
        assert!(load_groups(dir.path()).is_none());

        // A later update of the groups keeps the index and its time.
        let update = Update {
            index: None,
            groups: Some((
                "acronym\ttype\tstate\tarea\tname\nquic\twg\tactive\twit\tQUIC\n".to_owned(),
                "groups.json".to_owned(),
            )),
        };
        save(dir.path(), update, now).unwrap();
        assert!(load_groups(dir.path()).is_some());
        assert_eq!(
            meta(dir.path()).index.map(|f| f.source).as_deref(),
            Some("https://www.ietf.org/id/all_id.txt")
        );
    }

    #[test]
    fn a_garbage_cache_is_no_cache() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(INDEX_FILE), "<html>").unwrap();
        std::fs::write(dir.path().join(GROUPS_FILE), "\u{0}\u{1}").unwrap();
        std::fs::write(dir.path().join(META_FILE), "{not json").unwrap();
        assert!(load_index(dir.path()).is_none());
        assert!(load_groups(dir.path()).is_none());
        assert_eq!(meta(dir.path()), Meta::default());
    }
}
