//! `newdraft init` through the real binary: the names it makes, what it says, what it refuses,
//! and that a refusal writes nothing.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use snapbox::{assert_data_eq, str};

use crate::support::api::{self, Context, Form, check_name};
use crate::support::{self, newdraft, stderr, stdout};

const DATE: &str = "2026-03-16";

/// Today, as `--date` takes it: xml2rfc (and so init) warns about other dates.
fn today() -> String {
    support::today().to_string()
}

/// `newdraft init` with an author and today's date (unless `args` has a date), in `dir`.
fn init(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = newdraft(dir);
    cmd.arg("init").args(args).args(["--fullname", "Jane Doe"]);
    if !args.contains(&"--email") {
        cmd.args(["--email", "jane@example.com"]);
    }
    if !args.contains(&"--date") {
        cmd.args(["--date", &today()]);
    }
    cmd
}

/// Every entry of a directory, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

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
fn makes_names_from_what_was_typed_and_says_what_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let cases: &[(&[&str], &str, &[&str])] = &[
        (
            &["Müller", "SIP over QUIC"],
            "draft-muller-dispatch-sip-over-quic-00.xml",
            &["surname `Müller` became `muller`", "topic `SIP over QUIC`"],
        ),
        (
            &["o'brien", "foo_bar.baz  qux", "--wg", "SIPCORE"],
            "draft-obrien-sipcore-foo-bar-baz-qux-00.xml",
            &["surname `o'brien`", "--wg `SIPCORE` became `sipcore`"],
        ),
        (
            &["doe", "__widgets!!", "--format", "md"],
            "draft-doe-dispatch-widgets-00.md",
            &["topic `__widgets!!` became `widgets`"],
        ),
        (
            &["doe", "widgets", "--format", "md", "--unversioned"],
            "draft-doe-dispatch-widgets.md",
            &[],
        ),
        (
            &["doe", "gadgets", "--unversioned"],
            "draft-doe-dispatch-gadgets.xml",
            &[],
        ),
    ];
    for (args, file, notes) in cases {
        let out = init(tmp.path(), args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), format!("{file}\n"), "{args:?}");
        let err = stderr(&out);
        for note in *notes {
            assert!(err.contains(note), "{args:?}: {err}");
        }
        assert!(
            err.lines().all(|l| l.starts_with("note: ")),
            "{args:?}: {err}"
        );
        assert!(tmp.path().join(file).is_file(), "{file}");
        // Every name init makes passes the rules `check` applies.
        let docname = file.rsplit_once('.').unwrap().0;
        let verdict = check_name(docname, Form::Name, &Context::default());
        assert!(!verdict.has_errors(), "{docname}: {:?}", verdict.issues);
    }
    let md = fs::read_to_string(tmp.path().join("draft-doe-dispatch-widgets.md")).unwrap();
    assert!(
        md.contains("\ndocname: draft-doe-dispatch-widgets-latest\n"),
        "{md}"
    );
    let xml = fs::read_to_string(tmp.path().join("draft-doe-dispatch-gadgets.xml")).unwrap();
    assert!(xml.contains(r#"docName="draft-doe-dispatch-gadgets-latest""#));
}

#[test]
fn every_refusal_exits_2_with_one_error_line_and_writes_nothing() {
    let long_topic = "a very long topic that goes on and on about widget discovery";
    let cases: &[(&[&str], &str)] = &[
        (&["ietf", "widgets"], "(rule R10, stream/not-adopted)"),
        (&["IRTF", "widgets"], "stream/not-adopted"),
        (&["iab", "widgets"], "stream/not-adopted"),
        (&["iana", "widgets"], "(rule R11"),
        (&["iesg", "widgets"], "(rule R11"),
        (&["ietf-trust", "widgets"], "`draft-ietf-`"),
        (&["rfc-editor", "widgets"], "(rule R11"),
        (&["rfced", "widgets"], "(rule R11"),
        (&["rfceditor", "widgets"], "(rule R11"),
        (&["wg", "widgets"], "kind of group"),
        (&["rg", "widgets"], "kind of group"),
        (&["area", "widgets"], "kind of group"),
        (&["team", "widgets"], "kind of group"),
        (&["!!!", "widgets"], "no letters or digits"),
        (&["doe", "  --  "], "no letters or digits"),
        (&["doe", ""], "no letters or digits"),
        (&["9doe", "widgets"], "starts with a digit"),
        (&["doe", long_topic], "name/too-long"),
        (
            &["doe", "widgets", "--wg", "not a wg!"],
            "not a group acronym",
        ),
        (&["doe", "widgets", "--wg", "x"], "not a group acronym"),
        (
            &["doe", "widgets", "--wg", "ietf"],
            "not a group that takes drafts",
        ),
        (
            &["doe", "widgets", "--date", "2026-13-45"],
            "`--date 2026-13-45`",
        ),
        (&["doe", "widgets", "--date", "16/03/2026"], "YYYY-MM-DD"),
        (&["doe", "widgets", "--title", ""], "`--title` is empty"),
        (&["doe", "widgets", "--title", "a\u{7}b"], "U+0007"),
        (&["doe", "widgets", "--org", "x\u{1b}y"], "U+001B"),
        (
            &["doe", "widgets", "--email", "not an email"],
            "is not an email address",
        ),
        (
            &["doe", "widgets", "--email", "a@b@c"],
            "is not an email address",
        ),
        (
            &[
                "doe",
                "widgets",
                "--abbrev",
                "an abbreviation well over forty characters",
            ],
            "`--abbrev` is 42 characters, 2 more than",
        ),
        (
            &["doe", "widgets", "--templates", "no-such-dir"],
            "`--templates` directory",
        ),
    ];
    for (args, expected) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let out = init(tmp.path(), args)
            .args(["--dir", "out"])
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(
            err.contains(expected),
            "{args:?}: expected {expected:?} in {err}"
        );
        assert_eq!(stdout(&out), "", "{args:?}");
        assert!(entries(tmp.path()).is_empty(), "{args:?} wrote something");
    }
}

#[test]
fn a_too_long_name_says_by_how_much_and_suggests_a_topic() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(
        tmp.path(),
        &[
            "doe",
            "a very long topic that goes on and on about widget discovery",
        ],
    )
    .output()
    .unwrap();
    let err = stderr(&out);
    assert!(err.contains("characters"), "{err}");
    assert!(err.contains("use a topic of at most"), "{err}");
}

#[test]
fn clap_refuses_unknown_formats() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(tmp.path(), &["doe", "widgets", "--format", "pdf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: "), "{}", stderr(&out));
    assert!(entries(tmp.path()).is_empty());
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

/// kramdown-rfc writes `<organization></organization>` for an author without one, and xml2rfc
/// crashes (a Python `TypeError`) rendering the Latin form of a name in another script next to
/// it: Markdown with such a name needs `--org`. RFCXML leaves the element out and is fine.
#[test]
fn markdown_with_a_non_latin_name_needs_an_organization() {
    let tmp = tempfile::tempdir().unwrap();
    let out = newdraft(tmp.path())
        .args([
            "init",
            "li",
            "widgets",
            "--format",
            "md",
            "--fullname",
            "李明",
        ])
        .args(["--email", "li@example.com", "--date", &today()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: ") && err.contains("--org"), "{err}");
    assert!(entries(tmp.path()).is_empty());
    for args in [
        &["--format", "xml"][..],
        &["--format", "md", "--org", "Example"],
    ] {
        newdraft(tmp.path())
            .args(["init", "li", "widgets", "--fullname", "李明"])
            .args(["--email", "li@example.com", "--date", &today(), "--force"])
            .args(args)
            .assert()
            .success();
    }
    // Latin script with diacritics is Latin to xml2rfc: no organization needed.
    newdraft(tmp.path())
        .args(["init", "nguyen", "widgets", "--format", "md"])
        .args(["--fullname", "Ngô Bảo Châu", "--email", "n@example.com"])
        .args(["--date", &today()])
        .assert()
        .success();
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

#[test]
fn hostile_input_reaches_both_formats_safely() {
    let tmp = tempfile::tempdir().unwrap();
    let title = r#"Foo: "Bar" & <Baz> #1"#;
    for format in ["xml", "md"] {
        let out = newdraft(tmp.path())
            .args(["init", "Müller", "widgets", "--format", format])
            .args(["--title", title, "--fullname", "José Müller"])
            .args(["--org", "AT&T <Labs>", "--email", "jm@example.com"])
            .args(["--date", DATE])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let xml = fs::read_to_string(tmp.path().join("draft-muller-dispatch-widgets-00.xml")).unwrap();
    assert!(xml.contains("<title>Foo: &quot;Bar&quot; &amp; &lt;Baz&gt; #1</title>"));
    assert!(xml.contains("<organization>AT&amp;T &lt;Labs&gt;</organization>"));
    assert!(xml.contains(
        r#"<author fullname="José Müller" asciiFullname="Jose Muller" initials="J." surname="Müller" asciiSurname="Muller">"#
    ), "{xml}");
    assert!(!xml.contains("<Baz>") && !xml.contains("AT&T"));

    let md = fs::read_to_string(tmp.path().join("draft-muller-dispatch-widgets-00.md")).unwrap();
    assert!(
        md.contains("\ntitle: \"Foo: \\\"Bar\\\" & <Baz> #1\"\n"),
        "{md}"
    );
    assert!(md.contains("\n    fullname: \"José Müller\"\n    asciiFullname: \"Jose Muller\"\n"));
    assert!(md.contains("\n    organization: \"AT&T <Labs>\"\n"));
}

#[test]
fn long_titles_get_a_short_one_for_page_headers() {
    let tmp = tempfile::tempdir().unwrap();
    let title = "Widget Discovery in Constrained and Very Lossy Networks";
    let out = init(tmp.path(), &["doe", "widgets", "--title", title])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("page headers use `Widget Discovery in Constrained and Very`"),
        "{}",
        stderr(&out)
    );
    let xml = fs::read_to_string(tmp.path().join("draft-doe-dispatch-widgets-00.xml")).unwrap();
    assert!(xml.contains(&format!(
        r#"<title abbrev="Widget Discovery in Constrained and Very">{title}</title>"#
    )));
}

#[test]
fn standards_track_drafts_claim_consensus() {
    let tmp = tempfile::tempdir().unwrap();
    for (category, consensus) in [
        ("std", true),
        ("bcp", true),
        ("info", false),
        ("exp", false),
    ] {
        let dir = tmp.path().join(category);
        let out = init(
            tmp.path(),
            &[
                "doe",
                "widgets",
                "--category",
                category,
                "--dir",
                dir.to_str().unwrap(),
            ],
        )
        .output()
        .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let xml = fs::read_to_string(dir.join("draft-doe-dispatch-widgets-00.xml")).unwrap();
        assert!(xml.contains(&format!(r#"category="{category}""#)));
        assert_eq!(xml.contains(r#"consensus="true""#), consensus, "{category}");
    }
}

#[test]
fn author_comes_from_git_only_when_flags_are_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let gitconfig = tmp.path().join("gitconfig");
    fs::write(
        &gitconfig,
        "[user]\n\tname = Git Person\n\temail = git@example.org\n",
    )
    .unwrap();
    let run = |extra: &[&str], dir: &str| {
        newdraft(tmp.path())
            .env("GIT_CONFIG_GLOBAL", &gitconfig)
            .args(["init", "doe", "widgets", "--dir", dir])
            .args(["--date", &today()])
            .args(extra)
            .output()
            .unwrap()
    };
    let out = run(&[], "git");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let xml = fs::read_to_string(tmp.path().join("git/draft-doe-dispatch-widgets-00.xml")).unwrap();
    assert!(xml.contains(r#"fullname="Git Person""#) && xml.contains("git@example.org"));

    let out = run(&["--fullname", "Flag Person"], "mixed");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let xml =
        fs::read_to_string(tmp.path().join("mixed/draft-doe-dispatch-widgets-00.xml")).unwrap();
    assert!(xml.contains(r#"fullname="Flag Person""#) && xml.contains("git@example.org"));
}

#[test]
fn without_git_or_flags_the_author_is_a_visible_placeholder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = newdraft(tmp.path())
        .env("PATH", "")
        .args(["init", "doe", "widgets", "--date", DATE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    // Both missing values in one warning, as `email` says it.
    assert_eq!(
        err.lines()
            .filter(|l| l.starts_with("warning: no `--fullname` or `--email`"))
            .count(),
        1,
        "{err}"
    );
    let xml = fs::read_to_string(tmp.path().join("draft-doe-dispatch-widgets-00.xml")).unwrap();
    assert!(xml.contains(r#"fullname="Your Name""#) && xml.contains("you@example.com"));
}

#[test]
fn the_date_defaults_to_today() {
    let tmp = tempfile::tempdir().unwrap();
    let before = chrono::Local::now().date_naive();
    let out = newdraft(tmp.path())
        .args([
            "init",
            "doe",
            "widgets",
            "--fullname",
            "A B",
            "--email",
            "a@b.c",
        ])
        .output()
        .unwrap();
    let after = chrono::Local::now().date_naive();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let xml = fs::read_to_string(tmp.path().join("draft-doe-dispatch-widgets-00.xml")).unwrap();
    let stamp = |d: chrono::NaiveDate| {
        d.format(r#"<date year="%Y" month="%B" day="%-d"/>"#)
            .to_string()
    };
    assert!(
        xml.contains(&stamp(before)) || xml.contains(&stamp(after)),
        "{xml}"
    );
}

// A typo in `--wg` would go into the name, the venue and the mailing list: refused, with the
// group meant, unless `--force` (issue 10, point 9).
#[test]
fn an_unknown_group_is_refused_with_did_you_mean_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(tmp.path(), &["doe", "widgets", "--wg", "dispach"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: `--wg dispach`: `dispach` is not a group in newdraft's list")
            && err.contains("did you mean `dispatch` (DISPATCH)?")
            && err.contains("pass `--force`"),
        "{err}"
    );
    assert!(
        fs::read_dir(tmp.path()).unwrap().next().is_none(),
        "nothing written"
    );

    // A body that is no working or research group is refused the same way.
    let out = init(tmp.path(), &["doe", "widgets", "--wg", "art"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("is not a working or research group"));

    let out = init(
        tmp.path(),
        &["doe", "widgets", "--wg", "dispach", "--force"],
    )
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.lines().any(
            |l| l.starts_with("warning: `dispach` is not in newdraft's group list")
                && l.contains("did you mean `--wg dispatch`")
        ),
        "{err}"
    );
    let xml = fs::read_to_string(tmp.path().join("draft-doe-dispach-widgets-00.xml")).unwrap();
    assert!(xml.contains("<workgroup>DISPACH Working Group</workgroup>"));
    assert!(xml.contains("mailto:dispach@ietf.org"));
    assert!(!xml.contains("<area>"), "no area for an unknown group");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Whatever is typed, `init` either refuses it or makes a name `check` accepts, and plans
    /// a draft without panicking.
    #[test]
    fn init_refuses_or_makes_names_check_accepts(
        surname in proptest::prop_oneof!["[A-Za-zÀ-ÿ' .-]{1,15}", "\\PC{0,24}"],
        topic in proptest::prop_oneof!["[A-Za-zÀ-ÿ0-9 _.:-]{1,25}", "\\PC{0,60}"],
        wg in proptest::prop_oneof![
            proptest::strategy::Just("dispatch".to_owned()),
            "[a-z][a-z0-9]{1,8}",
            "[a-zA-Z0-9 -]{0,12}",
        ],
        title in proptest::option::of("\\PC{0,80}"),
        format in proptest::bool::ANY,
    ) {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let opts = api::InitOptions {
            surname: surname.clone(),
            topic: topic.clone(),
            wg: wg.clone(),
            format: if format { api::Format::Xml } else { api::Format::Md },
            title: title.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty() && !t.chars().any(char::is_control)),
            abbrev: None,
            fullname: Some("Jane Doe".into()),
            email: Some("jane@example.com".into()),
            org: None,
            category: api::Category::Info,
            date: Some(date),
            today: date,
            unversioned: false,
            dir: ".".into(),
            // Past the refusal of a group newdraft does not know, to judge the names made
            // with any acronym.
            force: true,
            dry_run: true,
            templates: None,
            ci: None,
        };
        if let Ok(plan) = api::init_plan(&opts, &|_| None) {
            let file = plan.file.path.to_string_lossy().into_owned();
            let docname = file.rsplit_once('.').unwrap().0;
            let verdict = check_name(docname, Form::Versioned, &Context::default());
            proptest::prop_assert!(!verdict.has_errors(), "{docname}: {:?}", verdict.issues);
            let declared = if format {
                format!("docName=\"{docname}\"")
            } else {
                format!("\ndocname: {docname}\n")
            };
            proptest::prop_assert!(plan.file.contents.contains(&declared));
        }
    }
}

#[test]
fn check_accepts_what_init_writes() {
    let tmp = tempfile::tempdir().unwrap();
    for extra in [
        &["--format", "xml"][..],
        &["--format", "md"],
        &["--format", "md", "--unversioned"],
        &["--format", "xml", "--wg", "cfrg"],
    ] {
        let mut args = vec!["Müller", "Widget Discovery"];
        args.extend_from_slice(extra);
        let out = init(tmp.path(), &args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    assert_eq!(entries(tmp.path()).len(), 4);
    let out = newdraft(tmp.path()).args(["check", "."]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
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

// See issue 9: `--date=-0001-01-01` wrote `year="-1"`; every command reads dates alike.
#[test]
fn a_date_outside_four_digit_years_is_refused_by_every_command() {
    let tmp = tempfile::tempdir().unwrap();
    for date in [
        "--date=-0001-01-01",
        "--date=+12026-01-01",
        "--date=1899-12-31",
    ] {
        let out = newdraft(tmp.path())
            .args([
                "init",
                "doe",
                "widgets",
                "--fullname",
                "J",
                "--email",
                "j@x.org",
                date,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{date}");
        let err = stderr(&out);
        assert!(
            err.starts_with("error: `--date ") && err.contains("is not a date"),
            "{err}"
        );
        assert_eq!(entries(tmp.path()), Vec::<String>::new());
        for cmd in [
            &["bump", "draft-doe-dispatch-widgets-00.xml"][..],
            &["adopt", "draft-doe-dispatch-widgets-00.xml", "--wg", "quic"],
            &[
                "email",
                "problem",
                "--title",
                "x",
                "--fullname",
                "J",
                "--email",
                "j@x.org",
            ],
        ] {
            let out = newdraft(tmp.path()).args(cmd).arg(date).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{cmd:?} {date}");
            assert!(stderr(&out).contains("is not a date"), "{}", stderr(&out));
        }
    }
}

// See issue 9: a control character in TOPIC went into `<title>` and made the XML ill-formed,
// while `--title` with the same character was refused.
#[test]
fn a_control_character_in_the_topic_is_refused_like_in_the_title() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        &["doe", "widget\u{1}discovery"][..],
        &["doe", "widgets", "--title", "Widget\u{1}Discovery"],
        &["do\u{1b}e", "widgets"],
    ] {
        let out = init(tmp.path(), args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("contains the control character U+00"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    assert_eq!(entries(tmp.path()), Vec::<String>::new());
    // Line breaks and tabs are blanks, folded into spaces as before.
    let out = init(tmp.path(), &["doe", "widget\n\tdiscovery"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}
