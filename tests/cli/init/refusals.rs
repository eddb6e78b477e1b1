//! What init refuses: one error line, exit status 2, and nothing written.

use super::*;

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
fn clap_refuses_unknown_formats() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(tmp.path(), &["doe", "widgets", "--format", "pdf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: "), "{}", stderr(&out));
    assert!(entries(tmp.path()).is_empty());
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
