//! What newdraft asks git, in one place: the author's name and email (only when a flag is
//! missing), the tags that hold an i-d-template draft's revisions, and the tracked files that
//! a `.gitignore` pattern matches (git never ignores a tracked file, so neither may `check`).
//!
//! Both are best-effort reads of a subprocess: git may be missing or the directory may not be
//! a repository, and callers decide what that means for them.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::name::{DraftName, Revision};

/// The root of the git work tree holding `dir` (absolute): the nearest directory, `dir` or
/// above, with a `.git` (a directory, or a worktree's file). Read from the file system, not
/// asked of git: it must answer where git is not installed, and cost no process.
pub fn work_tree_root(dir: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(dir).ok()?;
    abs.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// `git config --get KEY`, trimmed; `None` when git is missing, fails, or has no value.
pub fn config(key: &str) -> Option<String> {
    let out = Command::new("git")
        .args(["config", "--get", key])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let value = String::from_utf8(out.stdout).ok()?;
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// The tags matching `pattern` (a `git tag --list` glob) in the repository holding `dir`, or
/// why they could not be read (git missing, not a repository).
pub fn tags(dir: &Path, pattern: &str) -> Result<Vec<String>, String> {
    tag_list(dir, pattern).tags()
}

/// [`tags`], started now and read when [`Pending::tags`] asks: git runs while `check` walks.
pub fn tag_list(dir: &Path, pattern: &str) -> Pending {
    Pending::start(dir, &["tag", "--list", pattern])
}

/// A git command running in the background; dropped unread, it is stopped.
#[derive(Debug)]
pub struct Pending(Result<Option<std::process::Child>, String>);

impl Pending {
    /// `git -C dir ARGS`, started.
    fn start(dir: &Path, args: &[&str]) -> Self {
        let child = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run `git`: {e}"));
        Pending(child.map(Some))
    }

    /// Its standard output, or why there is none (git missing, it failed: the first line of
    /// what it said).
    fn output(mut self) -> Result<Vec<u8>, String> {
        let Some(child) = std::mem::replace(&mut self.0, Ok(None))? else {
            return Ok(Vec::new());
        };
        let out = child
            .wait_with_output()
            .map_err(|e| format!("cannot run `git`: {e}"))?;
        if !out.status.success() {
            let why = String::from_utf8_lossy(&out.stderr);
            return Err(why.lines().next().unwrap_or("git failed").trim().to_owned());
        }
        Ok(out.stdout)
    }

    /// The lines of a [`tag_list`].
    pub fn tags(self) -> Result<Vec<String>, String> {
        let out = self.output()?;
        Ok(String::from_utf8_lossy(&out)
            .lines()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect())
    }

    /// The paths of a [`tracked_ignored`], relative to its directory.
    pub fn paths(self) -> Result<Vec<PathBuf>, String> {
        let out = self.output()?;
        Ok(out
            .split(|&b| b == 0)
            .filter(|p| !p.is_empty())
            .map(path_from_bytes)
            .collect())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Ok(Some(child)) = &mut self.0 {
            // Not needed after all: stopped, and reaped.
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The files under `dir` that git tracks although a `.gitignore` pattern matches them
/// (`git ls-files --cached --ignored --exclude-standard`), relative to `dir`; or why they could
/// not be read ([`Pending::paths`]). i-d-template's own `.gitignore` has `draft-*`, and
/// repositories keep their posted `.txt` files tracked under a `*.txt` pattern. Started now:
/// git answers while `check` walks.
pub fn tracked_ignored(dir: &Path) -> Pending {
    Pending::start(
        dir,
        &[
            "ls-files",
            "-z",
            "--cached",
            "--ignored",
            "--exclude-standard",
            "--",
            ".",
        ],
    )
}

/// A path as git prints it (`-z`: raw bytes, no quoting).
fn path_from_bytes(p: &[u8]) -> std::path::PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt as _;
        std::path::PathBuf::from(std::ffi::OsStr::from_bytes(p))
    }
    #[cfg(not(unix))]
    {
        std::path::PathBuf::from(String::from_utf8_lossy(p).into_owned())
    }
}

/// The newest `name-NN` tag in the git repository holding `dir`, if any.
pub fn latest_revision(dir: &Path, name: &DraftName) -> anyhow::Result<Option<Revision>> {
    let pattern = format!("{}-[0-9][0-9]", name.as_str());
    let tags = tags(dir, &pattern).map_err(|why| {
        anyhow::anyhow!(
            "cannot read the git tags of `{}` ({why}); an i-d-template draft takes its revisions from git tags",
            dir.display()
        )
    })?;
    Ok(tags
        .iter()
        .filter_map(|t| DraftName::parse(t).ok())
        .filter(|t| t.as_str() == name.as_str())
        .filter_map(|t| t.revision())
        .max())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_of_a_repository_and_explains_a_non_repository() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(tags(tmp.path(), "draft-*").is_err());
        let git = |args: &[&str]| {
            let ok = Command::new("git")
                .arg("-C")
                .arg(tmp.path())
                .args(args)
                .env("GIT_AUTHOR_NAME", "t")
                .env("GIT_AUTHOR_EMAIL", "t@example.com")
                .env("GIT_COMMITTER_NAME", "t")
                .env("GIT_COMMITTER_EMAIL", "t@example.com")
                .output()
                .unwrap()
                .status
                .success();
            assert!(ok, "git {args:?}");
        };
        git(&["init", "-q"]);
        git(&["commit", "-q", "--allow-empty", "-m", "x"]);
        git(&["tag", "draft-doe-x-00"]);
        git(&["tag", "other"]);
        assert_eq!(tags(tmp.path(), "draft-*").unwrap(), ["draft-doe-x-00"]);
    }
}
