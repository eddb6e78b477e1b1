//! `newdraft index update` and `newdraft index status`: fetch the Datatracker's draft index and
//! group list into the cache, and say what is cached. Options arrive as plain values (the CLI
//! layer converts its flags); outcomes are built here and printed by [`crate::run`].

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use chrono::{NaiveDate, Utc};

use crate::http::Client;
use crate::index::fetch::Sources;
use crate::index::{fetch, store};
use crate::{Outcome, Status};

/// What `index update` does.
#[derive(Debug, Clone, Default)]
pub struct UpdateOptions {
    /// Where to fetch from.
    pub sources: Sources,
    /// Read the draft index from this copy instead of fetching it.
    pub from: Option<PathBuf>,
    /// Read the group list from this saved API answer instead of fetching it.
    pub groups_from: Option<PathBuf>,
}

/// `newdraft index update`: fetch (or copy) the draft index and the group list into the cache.
/// With `--from` and/or `--groups-from`, only what they give is updated, and nothing is
/// fetched. A source that fails is a warning and keeps its cached copy; the command fails only
/// when nothing could be updated.
pub fn update(opts: &UpdateOptions) -> Result<Outcome> {
    let dir = store::require_dir()?;
    let offline = opts.from.is_some() || opts.groups_from.is_some();
    let client = Client::new(opts.sources.timeout);
    let mut update = store::Update::default();
    let mut stdout = String::new();
    let mut stderr = Vec::new();
    let mut failures = Vec::new();

    if opts.from.is_some() || !offline {
        let got = match &opts.from {
            Some(path) => crate::index::knowledge::read_copy(path)
                .map(|(index, text)| (index, text, path.display().to_string())),
            None => fetch::index(&client, &opts.sources.index_url)
                .map(|(index, text)| (index, text, opts.sources.index_url.clone())),
        };
        match got {
            Ok((index, text, source)) => {
                let _ = writeln!(
                    stdout,
                    "draft index: {} drafts, newest revision of {}, from `{source}`",
                    index.len(),
                    index.date_text()
                );
                if index.skipped() > 2 {
                    stderr.push(format!(
                        "warning: {} lines of `{source}` are not draft lines and were skipped",
                        index.skipped()
                    ));
                }
                update.index = Some((text, source));
            }
            Err(e) => failures.push(format!("the draft index: {e:#}")),
        }
    }
    if opts.groups_from.is_some() || !offline {
        let got = match &opts.groups_from {
            Some(path) => store::read_capped(path).and_then(|b| {
                fetch::groups_from_json(&b)
                    .with_context(|| format!("`{}` is not a group API answer", path.display()))
                    .map(|(tsv, n)| (tsv, n, path.display().to_string()))
            }),
            None => fetch::groups(&client, &opts.sources.datatracker)
                .map(|(tsv, n)| (tsv, n, fetch::groups_url(&opts.sources.datatracker))),
        };
        match got {
            Ok((tsv, n, source)) => {
                let _ = writeln!(stdout, "groups: {n} groups, from `{source}`");
                update.groups = Some((tsv, source));
            }
            Err(e) => failures.push(format!("the group list: {e:#}")),
        }
    }
    if update.index.is_none() && update.groups.is_none() {
        bail!(
            "nothing was updated (the cache keeps what it had): could not get {}",
            failures.join("; nor ")
        );
    }
    for f in failures {
        stderr.push(format!(
            "warning: could not get {f}; the cached copy (if any) is kept"
        ));
    }
    store::save(&dir, update, Utc::now())?;
    let _ = writeln!(stdout, "cached in `{}`", dir.display());
    Ok(Outcome {
        stdout,
        stderr,
        status: Status::Success,
        ..Outcome::default()
    })
}

/// `newdraft index status`: what is cached, from where, and how old it is.
pub fn status(today: NaiveDate) -> Result<Outcome> {
    let Some(dir) = store::dir() else {
        return Ok(Outcome::success(
            "no cache directory on this system; nothing is cached\n",
        ));
    };
    let meta = store::meta(&dir);
    let mut out = format!("cache: `{}`\n", dir.display());
    match (store::load_index(&dir), &meta.index) {
        (Some(index), fetched) => {
            let age = index
                .date()
                .map(|d| format!(" ({} days before today)", (today - d).num_days()))
                .unwrap_or_default();
            let _ = write!(
                out,
                "draft index: {} drafts, newest revision of {}{age}",
                index.len(),
                index.date_text()
            );
            if let Some(f) = fetched {
                let _ = write!(out, "; fetched {} from `{}`", f.at, f.source);
            }
            out.push('\n');
        }
        (None, _) => out.push_str(
            "draft index: none; `newdraft index update` fetches one (check skips what needs it)\n",
        ),
    }
    match &meta.groups {
        Some(f) if crate::groups::cached() => {
            let _ = writeln!(
                out,
                "groups: {} groups, fetched {} from `{}` (they replace the embedded list)",
                crate::groups::all().len(),
                f.at,
                f.source
            );
        }
        _ => {
            let _ = writeln!(
                out,
                "groups: the embedded list of {} ({} groups); `newdraft index update` fetches the Datatracker's",
                crate::groups::SNAPSHOT_DATE,
                crate::groups::all().len()
            );
        }
    }
    Ok(Outcome::success(out))
}
