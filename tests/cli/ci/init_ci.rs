//! `newdraft init --ci github`: the workflow beside the draft, all or nothing, never clobbered.

use super::*;

/// `newdraft init doe widgets` with an author, today's date and `args`, in `dir`, with git's
/// configuration kept out.
pub(super) fn init(dir: &Path, args: &[&str]) -> std::process::Output {
    let today = support::today().to_string();
    support::newdraft(dir)
        .args(["init", "doe", "widgets", "--fullname", "Jane Doe"])
        .args(["--email", "jane@example.com", "--date", &today])
        .args(args)
        .output()
        .unwrap()
}

const DRAFT: &str = "draft-doe-dispatch-widgets-00.xml";

#[test]
fn init_with_ci_github_writes_the_workflow_beside_the_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(tmp.path(), &["--ci", "github", "--dir", "repo"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("repo/{DRAFT}\nrepo/.github/workflows/newdraft.yml\n")
    );
    let repo = tmp.path().join("repo");
    assert_eq!(
        std::fs::read_to_string(repo.join(".github/workflows/newdraft.yml")).unwrap(),
        workflow()
    );
    assert!(repo.join(DRAFT).is_file());

    // What the workflow will run passes on what init wrote.
    let check = support::newdraft(&repo)
        .args(["check", "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn init_without_ci_writes_no_workflow() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(tmp.path(), &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{DRAFT}\n"));
    assert!(!tmp.path().join(".github").exists());
}

#[test]
fn init_ci_dry_run_shows_both_files_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(tmp.path(), &["--ci", "github", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let (draft, rest) = stdout
        .split_once("\n.github/workflows/newdraft.yml\n")
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(draft.starts_with(&format!("{DRAFT}\n<?xml")), "{draft}");
    assert_eq!(rest, workflow());
    assert!(std::fs::read_dir(tmp.path()).unwrap().next().is_none());
}

#[test]
fn init_ci_never_clobbers_a_workflow_and_writes_all_or_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mine = tmp.path().join(".github/workflows/newdraft.yml");
    std::fs::create_dir_all(mine.parent().unwrap()).unwrap();
    std::fs::write(&mine, "# my own workflow\n").unwrap();

    // A dry run says it would be refused.
    let out = init(tmp.path(), &["--ci", "github", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("warning: `.github/workflows/newdraft.yml` already exists"),
        "{stderr}"
    );

    // The real run is refused, and writes not even the draft.
    let out = init(tmp.path(), &["--ci", "github"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: ")
            && stderr.contains("already exists")
            && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&mine).unwrap(),
        "# my own workflow\n"
    );
    assert!(!tmp.path().join(DRAFT).exists());

    // --force replaces both.
    let out = init(tmp.path(), &["--ci", "github", "--force"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), workflow());
    assert!(tmp.path().join(DRAFT).is_file());
}

// ---------------------------------------------------------------------------------------------
// Releases: `scripts/release`
