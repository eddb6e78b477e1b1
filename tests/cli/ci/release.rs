//! `scripts/release`: the version, the changelog, the docs' examples and the tag.

use super::*;

/// The documents whose examples `scripts/release` points at the new tag.
const RELEASE_DOCS: [&str; 2] = ["README.md", "docs/ci.md"];

/// The README's and docs/ci.md's examples in the release sandbox `d` name `tag`, and only the
/// examples changed: the Action's `uses:` in both, and pre-commit's `rev:` where there is one.
fn assert_examples_name_the_tag(d: &Path, tag: &str) {
    let action = api::action();
    for doc in RELEASE_DOCS {
        let before = read(doc);
        let text = std::fs::read_to_string(d.join(doc)).unwrap();
        assert!(text.contains(&format!("uses: {action}@{tag}")), "{doc}");
        if before.contains("rev: v") {
            assert!(text.contains(&format!("rev: {tag}")), "{doc}");
        }
        assert!(!text.contains(&format!("{action}@v{VERSION}")), "{text}");
        assert_eq!(
            text.len(),
            before.len(),
            "{doc}: only version numbers of the same length changed"
        );
    }
    assert!(
        read("docs/ci.md").contains("rev: v"),
        "docs/ci.md has a pre-commit example"
    );
}

/// A git repository holding a copy of the files `scripts/release` edits, committed.
fn release_sandbox() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in [
        "Cargo.toml",
        "Cargo.lock",
        "CHANGELOG.md",
        "README.md",
        "docs/ci.md",
        "scripts/release",
    ] {
        let to = dir.path().join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(repo().join(file), &to).unwrap();
    }
    // A note under "Unreleased" whatever the repository's changelog holds now: `scripts/release`
    // runs these tests after it has moved the real notes under the new version.
    let changelog = dir.path().join("CHANGELOG.md");
    let text = std::fs::read_to_string(&changelog).unwrap();
    std::fs::write(
        &changelog,
        text.replacen(
            "## Unreleased\n\n",
            "## Unreleased\n\n- A change the release moves under its version.\n\n",
            1,
        ),
    )
    .unwrap();
    support::git(dir.path(), &["init", "-q"]);
    support::git(dir.path(), &["add", "."]);
    support::git(dir.path(), &["commit", "-q", "-m", "start"]);
    dir
}

/// `scripts/release ARGS` in the sandbox `dir`, with a throwaway identity.
fn release(dir: &Path, args: &[&str]) -> std::process::Output {
    support::sandboxed("bash", dir)
        .arg(dir.join("scripts/release"))
        .args(args)
        .env("GIT_AUTHOR_NAME", "T")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "T")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap()
}

#[test]
fn release_script_bumps_the_version_moves_the_changelog_and_tags() {
    let dir = release_sandbox();
    let d = dir.path();
    let before_lock = std::fs::read_to_string(d.join("Cargo.lock")).unwrap();
    let out = release(d, &["9.8.7", "--no-verify"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("tagged v9.8.7"));

    let manifest: toml::Table = std::fs::read_to_string(d.join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(manifest["package"]["version"].as_str(), Some("9.8.7"));
    // Cargo.lock: newdraft's own entry, and nothing else.
    let lock = std::fs::read_to_string(d.join("Cargo.lock")).unwrap();
    assert!(lock.contains("name = \"newdraft\"\nversion = \"9.8.7\"\n"));
    let changed: Vec<(&str, &str)> = before_lock
        .lines()
        .zip(lock.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        [(
            format!("version = \"{VERSION}\"").as_str(),
            "version = \"9.8.7\""
        )]
    );
    // The changelog's notes are the release's now.
    let changelog = std::fs::read_to_string(d.join("CHANGELOG.md")).unwrap();
    let today = chrono::Utc::now().date_naive();
    let heading = format!("## Unreleased\n\n## v9.8.7 ({today})\n\n- ");
    assert!(changelog.contains(&heading), "{changelog}");
    assert_examples_name_the_tag(d, "v9.8.7");
    // One commit, the tag on it, nothing left over.
    assert_eq!(support::git(d, &["status", "--porcelain"]), "");
    assert_eq!(
        support::git(d, &["log", "-1", "--format=%s"]),
        "release v9.8.7\n"
    );
    assert_eq!(
        support::git(d, &["rev-parse", "v9.8.7^{commit}"]),
        support::git(d, &["rev-parse", "HEAD"])
    );

    // Never twice, never backwards, never from a dirty tree, never a range.
    for (args, why) in [
        (&["9.8.7", "--no-verify"][..], "exists already"),
        (&["9.8.6", "--no-verify"], "older than"),
        (&["1.2", "--no-verify"], "usage"),
    ] {
        let out = release(d, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(why),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    std::fs::write(d.join("README.md"), "dirty\n").unwrap();
    let out = release(d, &["9.8.8", "--no-verify"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("work tree has changes"));
}

#[test]
fn release_script_cuts_the_first_release_of_the_current_version() {
    let dir = release_sandbox();
    let d = dir.path();
    let out = release(d, &[VERSION, "--no-verify"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(d.join("Cargo.toml")).unwrap(),
        read("Cargo.toml")
    );
    assert_eq!(
        support::git(d, &["tag", "--list"]),
        format!("{}\n", api::release_tag())
    );
}
