//! What the tree and its git tags know of each name's revisions, and the evidence of adoption
//! that follows from it.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::walk::{Scanned, tree_root};
use crate::name::Revision;
use crate::source::{split_declared, split_revision};

/// How long after its date a draft expires (RFC 2026 §2.2; xml2rfc's `Expires:`).
pub(super) const EXPIRY_DAYS: u64 = 185;

/// What the tree and its tags know of each name's revisions.
pub(super) struct History<'s> {
    /// The files of the tree, by path.
    pub(super) files: &'s [&'s Scanned],
    pub(super) tags: &'s Tags,
    /// Name without revision → the highest revision seen in a file or tag: counted when first
    /// asked for (a tree of individual drafts whose names are clean never asks).
    pub(super) latest: OnceLock<HashMap<&'s str, Revision>>,
}

/// What the git tags of the PATHs' repositories say.
#[derive(Debug, Default)]
pub(super) struct Tags {
    /// The tags `name-NN`, as (name, revision).
    revisions: Vec<(String, Revision)>,
    /// Names with a git tag `name-NN`.
    pub(super) tagged: HashSet<String>,
    /// A repository was a shallow clone with no `draft-*` tags (CI's default checkout): the
    /// tags that would show adoption were never fetched.
    pub(super) shallow: Option<PathBuf>,
}

/// Count revision `rev` of `base` in `latest` (name without revision → the highest revision
/// seen).
pub(super) fn saw<'s>(latest: &mut HashMap<&'s str, Revision>, base: &'s str, rev: Revision) {
    let e = latest.entry(base).or_insert(rev);
    *e = rev.max(*e);
}

impl<'s> History<'s> {
    pub(super) fn of(files: &'s [&'s Scanned], tags: &'s Tags) -> Self {
        History {
            files,
            tags,
            latest: OnceLock::new(),
        }
    }

    /// The highest revision of `base` in the files and the tags.
    pub(super) fn latest(&self, base: &str) -> Option<Revision> {
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

/// The `git tag --list` of every repository the PATHs are in, running.
pub(super) struct AskedTags(Vec<(PathBuf, crate::git::Pending)>);

impl Tags {
    /// Ask for the tags `draft-…-NN` of every repository the PATHs are in (once per
    /// repository); [`AskedTags::read`] reads them.
    pub(super) fn start(paths: &[PathBuf]) -> AskedTags {
        let mut repos: Vec<PathBuf> = Vec::new();
        for p in paths {
            if let Some(repo) = crate::git::work_tree_root(&tree_root(p)) {
                if !repos.contains(&repo) {
                    repos.push(repo);
                }
            }
        }
        AskedTags(
            repos
                .into_iter()
                .map(|repo| {
                    let asked = crate::git::tag_list(&repo, "draft-*");
                    (repo, asked)
                })
                .collect(),
        )
    }
}

impl AskedTags {
    /// Ask for the tags of `repos` too (work trees found inside the walked directories: clones
    /// and submodules, whose tags are their own), once per repository.
    pub(super) fn also(&mut self, repos: Vec<PathBuf>) {
        for repo in repos {
            if !self.0.iter().any(|(r, _)| *r == repo) {
                let asked = crate::git::tag_list(&repo, "draft-*");
                self.0.push((repo, asked));
            }
        }
    }

    /// What git answered.
    pub(super) fn read(self, notes: &mut Vec<String>) -> Tags {
        let mut found = Tags::default();
        for (repo, asked) in self.0 {
            match asked.tags() {
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
