//! The two things newdraft asks git, in one place: the author's name and email (only when a
//! flag is missing), and the tags that hold an i-d-template draft's revisions.
//!
//! Both are best-effort reads of a subprocess: git may be missing or the directory may not be
//! a repository, and callers decide what that means for them.

use std::path::Path;
use std::process::{Command, Stdio};

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
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["tag", "--list", pattern])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run `git`: {e}"))?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        return Err(why.lines().next().unwrap_or("git failed").trim().to_owned());
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect())
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
