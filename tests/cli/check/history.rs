//! Revision histories, from files and git tags: gaps and late starts, one revision in two
//! formats, and tags as the evidence of adoption.

use super::*;

#[test]
fn gaps_and_histories_that_start_late_are_not_findings() {
    // Archives skip revisions and tags begin late: the Datatracker takes only the next
    // revision, so a posted later revision proves the earlier ones.
    let d = tree(&[
        (
            "draft-doe-dispatch-widgets-00.xml",
            &xml(&format!("{NAME}-00"), &format!("{NAME}-00")),
        ),
        (
            "draft-doe-dispatch-widgets-02.xml",
            &xml(&format!("{NAME}-02"), &format!("{NAME}-02")),
        ),
        (
            "b/draft-doe-other-thing-01.md",
            &md("draft-doe-other-thing-01"),
        ),
    ]);
    let (code, v, findings) = json(d.path(), &["--no-git"]);
    assert_eq!((code, findings.len()), (0, 0), "{v}");
    assert_eq!(v["counts"]["files"], 3);
    let out = run(d.path(), &["b/draft-doe-other-thing-01.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn one_revision_in_two_formats_is_not_reuse_but_two_documents_are() {
    let x0 = xml(&format!("{NAME}-00"), &format!("{NAME}-00"));
    let d = tree(&[
        ("draft-doe-dispatch-widgets-00.xml", &x0),
        (
            "draft-doe-dispatch-widgets-00.txt",
            &txt(&format!("{NAME}-00")),
        ),
        ("copy/draft-doe-dispatch-widgets-00.xml", &x0),
    ]);
    let (code, v, _) = json(d.path(), &["--no-git"]);
    assert_eq!(code, 0, "{v}");

    std::fs::write(
        d.path().join("copy/draft-doe-dispatch-widgets-00.xml"),
        x0.replace("Text.", "Other text."),
    )
    .unwrap();
    let (code, _, findings) = json(d.path(), &["--no-git"]);
    assert_eq!(code, 1);
    assert_eq!(
        findings,
        vec![finding(
            "draft-doe-dispatch-widgets-00.xml",
            Value::Null,
            "revision/reused"
        )]
    );
}

#[test]
fn git_tags_are_revision_history() {
    // i-d-template: an unversioned source, and the posted revisions as tags.
    let d = tree(&[(
        "draft-doe-dispatch-widgets.md",
        &md(&format!("{NAME}-latest")),
    )]);
    git(d.path(), &["init", "-q"]);
    git(d.path(), &["add", "."]);
    git(d.path(), &["commit", "-qm", "start"]);
    git(d.path(), &["tag", "draft-doe-dispatch-widgets-00"]);
    git(d.path(), &["tag", "draft-doe-dispatch-widgets-01"]);
    git(d.path(), &["tag", "not-a-draft-tag"]);
    let (code, v, _) = json(d.path(), &[]);
    assert_eq!(code, 0, "{v}");

    // A tag that skips a revision is history, not a finding.
    git(d.path(), &["tag", "draft-doe-dispatch-widgets-03"]);
    assert_eq!(json(d.path(), &[]).0, 0);

    // An adopted source with no record: its tags are the evidence.
    std::fs::write(
        d.path().join("draft-ietf-dispatch-gadgets.md"),
        md("draft-ietf-dispatch-gadgets-latest"),
    )
    .unwrap();
    let (code, v, findings) = json(d.path(), &[]);
    assert_eq!(
        (code, codes(&findings)),
        (1, vec!["stream/not-adopted"]),
        "{v}"
    );
    git(d.path(), &["tag", "draft-ietf-dispatch-gadgets-00"]);
    let (code, v, _) = json(d.path(), &[]);
    assert_eq!(code, 0, "{v}");
    let entry = v["drafts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == "draft-ietf-dispatch-gadgets.md")
        .unwrap();
    assert_eq!(entry["adoption"]["evidence"], "tag", "{v}");
    // `--no-git`: the tags are not read.
    assert_eq!(json(d.path(), &["--no-git"]).0, 1);
}

/// A directory holding clones (or submodules) of draft repositories: each repository's tags are
/// its drafts' evidence. Only the walked directory's own repository was asked, so an adopted
/// draft in a clone inside it was `stream/not-adopted`.
#[test]
fn the_tags_of_a_repository_inside_the_walk_are_its_drafts_evidence() {
    let d = tree(&[(
        "clone/draft-ietf-dispatch-gadgets.md",
        &md("draft-ietf-dispatch-gadgets-latest"),
    )]);
    let clone = d.path().join("clone");
    git(&clone, &["init", "-q"]);
    git(&clone, &["add", "."]);
    git(&clone, &["commit", "-qm", "start"]);
    let (code, v, findings) = json(d.path(), &[]);
    assert_eq!(
        (code, codes(&findings)),
        (1, vec!["stream/not-adopted"]),
        "{v}"
    );
    git(&clone, &["tag", "draft-ietf-dispatch-gadgets-00"]);
    // From outside any repository, and from a repository that holds the clone.
    let (code, v, _) = json(d.path(), &[]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["drafts"][0]["adoption"]["evidence"], "tag", "{v}");
    git(d.path(), &["init", "-q"]);
    let (code, v, _) = json(d.path(), &[]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(json(d.path(), &["--no-git"]).0, 1);
}

/// A declared name without a revision (`docname: draft-parecki-oauth-v2-1`, whose final `-1` is
/// part of the name) is told the revision to declare: after the tags, the next one; in a file
/// named with its revision, that one; else `-00`. Never a rewrite of the name.
#[test]
fn a_declared_name_without_a_revision_is_told_the_next_one() {
    let name = "draft-parecki-oauth-v2-1";
    let d = tree(&[
        ("draft-parecki-oauth-v2-1.md", &md(name)),
        ("old/draft-doe-dispatch-widgets-04.xml", &xml(NAME, NAME)),
    ]);
    git(d.path(), &["init", "-q"]);
    git(d.path(), &["add", "-A"]);
    git(d.path(), &["commit", "-qm", "x"]);
    git(d.path(), &["tag", "draft-parecki-oauth-v2-1-02"]);
    let out = run(d.path(), &["--color", "never"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    for (line, hint) in [
        (
            "draft-parecki-oauth-v2-1.md:3: error[name/missing-revision]",
            "use `draft-parecki-oauth-v2-1-03`, the revision after `draft-parecki-oauth-v2-1-02`",
        ),
        (
            "old/draft-doe-dispatch-widgets-04.xml:5: error[name/missing-revision]",
            "use `draft-doe-dispatch-widgets-04`, the revision its file name says",
        ),
    ] {
        assert!(
            text.contains(line) && text.contains(&format!("  hint: {hint}\n")),
            "{text}"
        );
    }
}
