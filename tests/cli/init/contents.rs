//! What the draft says: the author (flags, git, a visible placeholder; names in other scripts),
//! titles and organizations escaped, the short title, consensus and the date.

use super::*;

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
