//! Where the draft goes and what init prints: the named file, `--dir`, `--dry-run`, `--force`,
//! `--templates` overrides, and a workflow below the repository's root.

use snapbox::{assert_data_eq, str};

use super::*;

#[test]
fn writes_the_named_file_and_prints_its_path() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(tmp.path(), &["doe", "Widget Discovery", "--date", DATE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "draft-doe-dispatch-widget-discovery-00.xml\n");
    assert_data_eq!(
        stderr(&out),
        str![[r"
note: topic `Widget Discovery` became `widget-discovery` (names use lower-case ASCII letters, digits and hyphens)
warning: the date 2026-03-16 is [..]xml2rfc warns[..]

"]]
    );
    assert_eq!(
        entries(tmp.path()),
        ["draft-doe-dispatch-widget-discovery-00.xml"]
    );
    let xml = fs::read_to_string(
        tmp.path()
            .join("draft-doe-dispatch-widget-discovery-00.xml"),
    )
    .unwrap();
    assert!(xml.contains(r#"docName="draft-doe-dispatch-widget-discovery-00""#));
    assert!(xml.contains(
        r#"<seriesInfo name="Internet-Draft" value="draft-doe-dispatch-widget-discovery-00"/>"#
    ));
    assert!(xml.contains(r#"<date year="2026" month="March" day="16"/>"#));
    assert!(xml.contains("<title>Widget Discovery</title>"));
}

#[test]
fn never_overwrites_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("draft-doe-dispatch-widgets-00.xml");
    fs::write(&file, "mine").unwrap();
    let out = init(tmp.path(), &["doe", "widgets"]).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
    assert_eq!(entries(tmp.path()), ["draft-doe-dispatch-widgets-00.xml"]);

    let out = init(tmp.path(), &["doe", "widgets", "--force"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(fs::read_to_string(&file).unwrap().starts_with("<?xml"));
    assert_eq!(entries(tmp.path()), ["draft-doe-dispatch-widgets-00.xml"]);
}

#[test]
fn dry_run_shows_the_file_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(
        tmp.path(),
        &["doe", "widgets", "--dry-run", "--dir", "new/dir"],
    )
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let (path, contents) = text.split_once('\n').unwrap();
    assert_eq!(path, "new/dir/draft-doe-dispatch-widgets-00.xml");
    assert!(contents.starts_with("<?xml"), "{contents}");
    assert!(contents.ends_with("</rfc>\n"));
    assert!(stderr(&out).contains("note: dry run; nothing was written"));
    assert!(entries(tmp.path()).is_empty(), "the directory was created");

    // Same bytes as a real run would write.
    let out = init(tmp.path(), &["doe", "widgets", "--dir", "new/dir"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "new/dir/draft-doe-dispatch-widgets-00.xml\n");
    let written = fs::read_to_string(tmp.path().join(path)).unwrap();
    assert_eq!(written, contents);

    // A dry run warns when the real run would be refused.
    let out = init(
        tmp.path(),
        &["doe", "widgets", "--dry-run", "--dir", "new/dir"],
    )
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
}

#[test]
fn creates_the_target_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(tmp.path(), &["doe", "widgets", "--dir", "a/b/c"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "a/b/c/draft-doe-dispatch-widgets-00.xml\n");
    assert!(
        tmp.path()
            .join("a/b/c/draft-doe-dispatch-widgets-00.xml")
            .is_file()
    );
    assert_eq!(
        entries(&tmp.path().join("a/b/c")).len(),
        1,
        "temp files left"
    );
}

#[test]
fn an_unwritable_target_is_one_error_line() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("file"), "x").unwrap();
    let out = init(tmp.path(), &["doe", "widgets", "--dir", "file"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: "), "{err}");
}

// See issue 9: a directory argument with a line break printed a second line that GitHub
// Actions could run as a workflow command.
#[test]
fn a_hostile_dir_prints_one_escaped_line() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(
        tmp.path(),
        &["doe", "widgets", "--dir", "a\n::error::INJECTED\x1b[2J"],
    )
    .output()
    .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "a\\n::error::INJECTED\\u{1b}[2J/draft-doe-dispatch-widgets-00.xml\n"
    );
}

#[test]
fn template_directory_overrides_by_file_name() {
    let tmp = tempfile::tempdir().unwrap();
    let templates = tmp.path().join("tpl");
    fs::create_dir(&templates).unwrap();
    fs::write(
        templates.join("draft.xml.tera"),
        "<custom name=\"{{ docname }}\">{{ title }} / {{ author.fullname }}</custom>\n",
    )
    .unwrap();
    let out = init(
        tmp.path(),
        &["doe", "widgets", "--templates", "tpl", "--title", "A & B"],
    )
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(tmp.path().join("draft-doe-dispatch-widgets-00.xml")).unwrap(),
        "<custom name=\"draft-doe-dispatch-widgets-00\">A &amp; B / Jane Doe</custom>\n",
        "an override is escaped like the built-in template"
    );

    // No draft.md.tera in the directory: the built-in Markdown template is used.
    let out = init(
        tmp.path(),
        &["doe", "widgets", "--templates", "tpl", "--format", "md"],
    )
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = fs::read_to_string(tmp.path().join("draft-doe-dispatch-widgets-00.md")).unwrap();
    assert!(md.starts_with("---\ntitle: \"Widgets\"\n"), "{md}");

    // A broken override is one error line naming the file; nothing is written.
    fs::write(templates.join("draft.xml.tera"), "{{ nosuchvalue }}").unwrap();
    let out = init(tmp.path(), &["doe", "gadgets", "--templates", "tpl"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("draft.xml.tera") && err.contains("nosuchvalue"),
        "{err}"
    );
    assert!(
        !tmp.path()
            .join("draft-doe-dispatch-gadgets-00.xml")
            .exists()
    );
}

/// GitHub runs only the workflows in `.github/workflows` at a repository's root: a workflow
/// written beside a draft in a subdirectory never runs, and the user must be told.
#[test]
fn a_workflow_below_the_repository_root_is_flagged() {
    let tmp = tempfile::tempdir().unwrap();
    support::git(tmp.path(), &["init", "-q"]);
    let out = init(
        tmp.path(),
        &["doe", "widgets", "--dir", "drafts", "--ci", "github"],
    )
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning: ") && err.contains("repository's root"),
        "{err}"
    );
    // At the root, no warning.
    let out = init(tmp.path(), &["doe", "gadgets", "--ci", "github"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}
