//! Adoption records: the `newdraft.toml` file that says which group adopted which draft.
//!
//! ```toml
//! [[adopted]]
//! name = "draft-ietf-sipcore-topic"
//! group = "sipcore"
//! replaces = "draft-doe-dispatch-topic"
//! ```
//!
//! `check` reads it (at the root of the checked tree or in a parent directory) so that an
//! adopted name is judged as adopted by its group, and the individual name it replaces stays
//! acceptable as history. `adopt` adds a record with [`add_record`], which appends to the
//! existing text so comments and other tables survive. Names are kept without revision.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use serde::{Deserialize, Serialize};

use crate::groups::Acronym;
use crate::name::DraftName;

/// The file name of the adoption records.
pub const FILE_NAME: &str = "newdraft.toml";

/// One adoption: `name` (the adopted name, without revision) belongs to `group`, and replaces
/// the individual draft `replaces`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The adopted draft's name, without revision (`draft-ietf-sipcore-topic`).
    pub name: String,
    /// The adopting group's acronym (`sipcore`), or `iab`.
    pub group: String,
    /// The individual draft it replaces, without revision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
}

/// The parsed file: every record, and what `check` leaves out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Records {
    /// The `[[adopted]]` tables, in file order.
    #[serde(default)]
    pub adopted: Vec<Record>,
    /// The `[check]` table.
    #[serde(default)]
    pub check: CheckSettings,
}

/// `[check]` in `newdraft.toml`:
///
/// ```toml
/// [check]
/// exclude = ["tests/fixtures/", "examples/*.xml"]
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckSettings {
    /// Paths that are not submissions (test fixtures, examples, templates): `.gitignore`-style
    /// patterns, relative to the directory of the `newdraft.toml`. A walk does not enter or
    /// examine them; a file named on the command line is still checked.
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// The `exclude` patterns of the `newdraft.toml` at `file`, as a matcher rooted at its
/// directory; `None` when there are none. A bad pattern is an error naming it.
pub fn exclusions(
    file: &Path,
    patterns: &[String],
) -> Result<Option<ignore::gitignore::Gitignore>> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let dir = file.parent().unwrap_or(Path::new("."));
    let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut builder = ignore::gitignore::GitignoreBuilder::new(&dir);
    for p in patterns {
        builder.add_line(None, p).map_err(|e| {
            anyhow::anyhow!(
                "`{}`: `[check] exclude` has a pattern that is not a .gitignore pattern, `{}`: {e}",
                crate::text::path(file),
                crate::text::escape(p)
            )
        })?;
    }
    Ok(Some(builder.build()?))
}

impl Records {
    /// Parse the text of a `newdraft.toml`, normalising names to their unversioned form.
    pub fn parse(text: &str) -> Result<Records> {
        let mut records: Records = toml::from_str(text).map_err(|e| {
            // toml's own Display draws the line with a caret over several lines; errors here
            // are one line.
            let line = e.span().map_or(1, |s| {
                memchr::memchr_iter(b'\n', &text.as_bytes()[..s.start.min(text.len())]).count() + 1
            });
            anyhow::anyhow!("line {line}: {}", e.message().trim())
        })?;
        for r in &mut records.adopted {
            r.name = unversioned(&r.name)?;
            let group = Acronym::parse("group =", &r.group)
                .with_context(|| format!("the record for `{}`", r.name))?;
            r.group = group.into_string();
            if let Some(old) = &r.replaces {
                r.replaces = Some(unversioned(old)?);
            }
        }
        // One pass with a map from each name to its first record: comparing every record with
        // all those before it was quadratic (40,000 records took seconds).
        let mut first: HashMap<&str, &Record> = HashMap::with_capacity(records.adopted.len());
        for r in &records.adopted {
            let other = *first.entry(r.name.as_str()).or_insert(r);
            if other != r {
                bail!(
                    "`{}` is recorded twice and differently, as adopted by `{}` and by `{}` (or with another `replaces`); keep the one record that is right",
                    r.name,
                    other.group,
                    r.group
                );
            }
        }
        Ok(records)
    }

    /// Read and parse `path`.
    pub fn read(path: &Path) -> Result<Records> {
        let text = read_text(path).with_context(|| format!("cannot read `{}`", path.display()))?;
        Records::parse(&text).with_context(|| format!("`{}` is not valid", path.display()))
    }

    /// The group that adopted `name` (without revision), if a record says so.
    pub fn group_of(&self, name: &str) -> Option<&str> {
        self.adopted
            .iter()
            .find(|r| r.name == name)
            .map(|r| r.group.as_str())
    }

    /// The record whose adopted draft replaced the individual draft `name`, if any.
    pub fn replaced_by(&self, name: &str) -> Option<&Record> {
        self.adopted
            .iter()
            .find(|r| r.replaces.as_deref() == Some(name))
    }

    /// Add the records of `other` that are not here yet.
    pub fn merge(&mut self, other: Records) {
        let mut here: HashSet<Record> = self.adopted.iter().cloned().collect();
        for r in other.adopted {
            if here.insert(r.clone()) {
                self.adopted.push(r);
            }
        }
    }
}

/// The largest `newdraft.toml` read, in bytes: about 100,000 records, far more than any
/// repository has; a larger file is refused rather than read whole.
pub const MAX_BYTES: u64 = 8 << 20;

/// The text of a `newdraft.toml`: a regular file (never a FIFO or a device, which could hang
/// or never end) of at most [`MAX_BYTES`], in UTF-8.
pub(crate) fn read_text(path: &Path) -> std::io::Result<String> {
    use std::io::Read as _;
    let mut text = String::new();
    crate::read::open_regular(path)?
        .take(MAX_BYTES + 1)
        .read_to_string(&mut text)?;
    if text.len() as u64 > MAX_BYTES {
        return Err(std::io::Error::other(format!(
            "it is over {} MiB, the most newdraft reads of adoption records",
            MAX_BYTES >> 20
        )));
    }
    Ok(text)
}

/// The `newdraft.toml` that applies to `dir`: in a git work tree, in `dir` itself or the nearest
/// parent directory up to the work tree's root, never above it (a repository's adoption
/// records are its own); outside one, in `dir` itself only (a stray file in a home directory
/// adopts nothing). `check` reads the one this finds, and `adopt` writes to it: see [`locate`].
pub fn find(dir: &Path) -> Option<PathBuf> {
    locate(dir).0
}

/// The `newdraft.toml` for `dir`, as [`find`] says, and where a new one goes when there is none:
/// the git work tree's root (as `dir/../..`, the way the user would name it), or `dir` itself
/// outside a repository.
pub fn locate(dir: &Path) -> (Option<PathBuf>, PathBuf) {
    let here = dir.join(FILE_NAME);
    let Ok(abs) = std::path::absolute(dir) else {
        return (here.is_file().then(|| here.clone()), here);
    };
    let root = crate::git::work_tree_root(&abs);
    let root = root.as_deref();
    let found = abs
        .ancestors()
        .take_while(|d| root.map_or(*d == abs, |r| d.starts_with(r)))
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file());
    let new = match root {
        Some(root) => {
            let depth = abs.strip_prefix(root).map_or(0, |r| r.components().count());
            // Up `depth` directories from `dir` as the user wrote it: `acp` and `..` make `.`
            // (the depth was counted on the same unresolved path), not `acp/..`.
            let mut path = dir.to_path_buf();
            for _ in 0..depth {
                match path.components().next_back() {
                    Some(Component::Normal(_)) => {
                        path.pop();
                    }
                    Some(Component::CurDir) => {
                        path.pop();
                        path.push("..");
                    }
                    _ => path.push(".."),
                }
            }
            path.join(FILE_NAME)
        }
        None => here,
    };
    (found, new)
}

/// The text of `newdraft.toml` with `record` added: `existing` (the current text, empty when
/// there is no file yet) is kept as it is and the new `[[adopted]]` table appended. A record for
/// the same name that says the same is not added twice; one that says otherwise is an error.
pub fn add_record(existing: &str, record: &Record) -> Result<String> {
    let current = Records::parse(existing).context("the existing `newdraft.toml` is not valid")?;
    let name = unversioned(&record.name)?;
    let replaces = record.replaces.as_deref().map(unversioned).transpose()?;
    if let Some(old) = current.adopted.iter().find(|r| r.name == name) {
        if old.group == record.group && old.replaces == replaces {
            return Ok(existing.to_owned());
        }
        bail!(
            "`newdraft.toml` already records `{name}` as adopted by `{}`",
            old.group
        );
    }
    // Written so that it reads back as the same name: `draft-ietf-quic-x-01` would read as
    // `draft-ietf-quic-x` at revision 01, so it is written `draft-ietf-quic-x-01-00`.
    let unambiguous = |n: String| match unversioned(&n) {
        Ok(back) if back == n => n,
        _ => format!("{n}-00"),
    };
    let table = Record {
        name: unambiguous(name),
        group: record.group.trim().to_ascii_lowercase(),
        replaces: replaces.map(unambiguous),
    };
    let rendered = toml::to_string(&One { adopted: [&table] })?;
    let mut out = existing.to_owned();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&rendered);
    Ok(out)
}

/// One `[[adopted]]` table, for rendering.
#[derive(Serialize)]
struct One<'a> {
    adopted: [&'a Record; 1],
}

/// A name without its revision; an invalid name is an error naming the rule.
fn unversioned(name: &str) -> Result<String> {
    match DraftName::parse(name.trim()) {
        Ok(n) => Ok(n.as_str().to_owned()),
        Err(issue) => bail!("`{name}` is not a draft name: {issue}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    const EXAMPLE: &str = "# adopted by sipcore at IETF 120\n[[adopted]]\nname = \"draft-ietf-sipcore-topic-00\"\ngroup = \"SIPCORE\"\nreplaces = \"draft-doe-dispatch-topic\"\n";

    #[test]
    fn a_file_that_contradicts_itself_is_invalid() {
        // check used the first record and said nothing: the file is wrong either way.
        let text = "[[adopted]]\nname = \"draft-ietf-quic-x\"\ngroup = \"quic\"\n\
                    [[adopted]]\nname = \"draft-ietf-quic-x-00\"\ngroup = \"tls\"\n";
        let err = Records::parse(text).unwrap_err().to_string();
        assert!(
            err.contains("`draft-ietf-quic-x`") && err.contains("`quic`") && err.contains("`tls`"),
            "{err}"
        );
        // The same record twice says nothing new, and is fine.
        let twice = format!("{EXAMPLE}{EXAMPLE}");
        assert_eq!(Records::parse(&twice).unwrap().adopted.len(), 2);
    }

    #[test]
    fn many_records_are_checked_for_contradictions_and_merged_once() {
        // See issue 9: 40,000 records took seconds in a scan of every pair.
        let mut text = String::new();
        for i in 0..40_000 {
            let _ = write!(
                text,
                "[[adopted]]\nname = \"draft-ietf-quic-t{i}\"\ngroup = \"quic\"\n"
            );
        }
        let mut records = Records::parse(&text).unwrap();
        assert_eq!(records.adopted.len(), 40_000);
        records.merge(Records::parse(&text).unwrap());
        assert_eq!(records.adopted.len(), 40_000);
        let clash = format!("{text}[[adopted]]\nname = \"draft-ietf-quic-t0\"\ngroup = \"tls\"\n");
        let err = Records::parse(&clash).unwrap_err().to_string();
        assert!(
            err.contains("`draft-ietf-quic-t0`") && err.contains("`tls`"),
            "{err}"
        );
    }

    #[test]
    fn reads_at_most_the_limit_and_only_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.toml");
        std::fs::write(&big, "#".repeat(usize::try_from(MAX_BYTES).unwrap() + 1)).unwrap();
        let err = Records::read(&big).unwrap_err();
        assert!(format!("{err:#}").contains("over 8 MiB"), "{err:#}");
        let err = Records::read(dir.path()).unwrap_err();
        assert!(format!("{err:#}").contains("not a regular file"), "{err:#}");
    }

    #[test]
    fn reads_records_without_revisions() {
        let r = Records::parse(EXAMPLE).unwrap();
        assert_eq!(r.group_of("draft-ietf-sipcore-topic"), Some("sipcore"));
        assert_eq!(
            r.replaced_by("draft-doe-dispatch-topic")
                .map(|r| r.name.as_str()),
            Some("draft-ietf-sipcore-topic")
        );
        assert_eq!(r.group_of("draft-doe-dispatch-topic"), None);
        assert_eq!(Records::parse("").unwrap(), Records::default());
    }

    #[test]
    fn refuses_bad_records() {
        assert!(Records::parse("[[adopted]]\nname = \"draft-x\"\ngroup = \"g\"\n").is_err());
        assert!(Records::parse("[[adopted]]\nname = \"draft-a-b\"\ngroup = \"\"\n").is_err());
        assert!(Records::parse("[[adopted]]\nname = \"draft-a-b\"\n").is_err());
        assert!(
            Records::parse("[[adopted]]\nname = \"draft-a-b\"\ngroup = \"g\"\ntypo = 1\n").is_err()
        );
        let err = Records::parse("# records\n[[adopted]\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("line 2: "), "{err}");
        assert!(!err.contains('\n'), "{err}");
    }

    #[test]
    fn adds_a_record_keeping_the_rest() {
        let rec = Record {
            name: "draft-ietf-quic-multipath-00".to_owned(),
            group: "quic".to_owned(),
            replaces: Some("draft-smith-quic-multipath".to_owned()),
        };
        let text = add_record(EXAMPLE, &rec).unwrap();
        assert!(text.starts_with(EXAMPLE), "{text}");
        let r = Records::parse(&text).unwrap();
        assert_eq!(r.adopted.len(), 2);
        assert_eq!(r.group_of("draft-ietf-quic-multipath"), Some("quic"));
        assert_eq!(add_record(&text, &rec).unwrap(), text);
        let clash = Record {
            group: "tls".to_owned(),
            ..rec.clone()
        };
        assert!(add_record(&text, &clash).is_err());
        let fresh = add_record("", &rec).unwrap();
        assert!(fresh.starts_with("[[adopted]]\n"), "{fresh}");
    }

    #[test]
    fn finds_the_file_in_a_parent() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        assert_eq!(find(&sub).filter(|p| p.starts_with(dir.path())), None);
        std::fs::write(dir.path().join(FILE_NAME), EXAMPLE).unwrap();
        // Outside a git work tree, only the directory itself counts.
        assert_eq!(find(&sub), None);
        assert_eq!(find(dir.path()), Some(dir.path().join(FILE_NAME)));
        // Inside one, any directory up to its root; `adopt` writes where `check` reads.
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let found = find(&sub).unwrap();
        assert_eq!(
            std::path::absolute(&found).unwrap(),
            std::path::absolute(dir.path().join(FILE_NAME)).unwrap()
        );
        assert_eq!(locate(&sub).0, Some(found));
    }

    // martinthomson/drafts: `adopt acp/draft-….xml` said it would record in
    // `acp/../newdraft.toml`.
    #[test]
    fn a_new_file_at_the_root_is_named_without_detours() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        let (found, new) = locate(&dir.path().join("a/b"));
        assert_eq!(found, None);
        assert_eq!(new, dir.path().join(FILE_NAME));
        assert!(
            !new.components().any(|c| c == Component::ParentDir),
            "{new:?}"
        );
    }
}
