//! `bump`: its refusals (revision 99, an existing next file, a bad own name), dry runs, dates,
//! and the next tag of an unversioned source.

use super::*;

#[test]
fn bump_refuses_revision_99() {
    let dir = tempfile::tempdir().unwrap();
    let file = format!("{NAME}-99.xml");
    let text = XML_00.replace(&format!("{NAME}-00"), &format!("{NAME}-99"));
    std::fs::write(dir.path().join(&file), text).unwrap();
    let err = refused(dir.path(), &["bump", &file]);
    assert!(err.contains("rule R6"), "{err}");
    assert!(err.contains("new name"), "{err}");
}

#[test]
fn bump_refuses_when_the_next_file_exists() {
    let (dir, _) = start("xml");
    ok(dir.path(), &["bump", &format!("{NAME}-00.xml")]);
    ok(dir.path(), &["bump", &format!("{NAME}-01.xml")]);
    let err = refused(dir.path(), &["bump", &format!("{NAME}-00.xml")]);
    assert!(
        err.contains(&format!("`{NAME}-01.xml` already exists")),
        "{err}"
    );
    assert!(err.contains("rule R7"), "{err}");
    assert!(
        err.contains(&format!("`newdraft bump {NAME}-02.xml`")),
        "{err}"
    );
}

#[test]
fn bump_refuses_an_invalid_own_name() {
    let dir = tempfile::tempdir().unwrap();
    for (file, docname, rule) in [
        ("draft-doe_widgets-00.xml", "draft-doe_widgets-00", "R2"),
        ("draft-widgets-00.xml", "draft-widgets-00", "R4"),
        ("widgets.xml", "draft-doe-widgets", "R6"),
    ] {
        let text = XML_00.replace(&format!("{NAME}-00"), docname);
        std::fs::write(dir.path().join(file), text).unwrap();
        let err = refused(dir.path(), &["bump", file]);
        assert!(err.contains(&format!("rule {rule}")), "{file}: {err}");
    }
}

/// ietf-wg-cellar/matroska-specification: a Makefile fills in the name and the date of its mmark
/// sources (`value = "@BUILD_VERSION@"`, `date = @BUILD_DATE@`). Each command refuses in one
/// line that says what the file is, never "use `draft-build-version-00`".
#[test]
fn commands_refuse_a_draft_whose_name_a_build_fills_in() {
    const ANNOUNCE: &[&str] = &[
        "email",
        "announce",
        "index_codec.md",
        "--fullname",
        "J",
        "--email",
        "j@example.com",
    ];
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let block = "%%%\ntitle = \"Codecs\"\nworkgroup = \"cellar\"\ndate = 2026-01-01\n\n[seriesInfo]\nname = \"Internet Draft\"\nvalue = \"@BUILD_VERSION@\"\n\n[[author]]\nfullname = \"J. Doe\"\n%%%\n\n# Introduction\n\nText.\n";
    std::fs::write(d.join("index_codec.md"), block).unwrap();
    for args in [
        &["bump", "index_codec.md"][..],
        &["adopt", "index_codec.md", "--wg", "sipcore"],
        ANNOUNCE,
    ] {
        let err = refused(d, args);
        assert!(
            err.contains("is a placeholder that a build step fills in"),
            "{err}"
        );
    }
    std::fs::write(
        d.join("index_codec.md"),
        block.replace("date = 2026-01-01", "date = @BUILD_DATE@"),
    )
    .unwrap();
    let err = refused(d, ANNOUNCE);
    assert!(
        err.contains("does not parse as TOML (line 4): string values must be quoted"),
        "{err}"
    );
    assert!(!err.contains("\\n"), "{err}");
}

/// The source of a published RFC keeps its draft's name (ietf-rats-wg/architecture's
/// `rfc9334.xml`: `docName="draft-ietf-rats-architecture-22" number="9334"`). `bump` wrote a
/// `-23` still marked as RFC 9334, and `email announce` announced "revision -22" of an RFC.
#[test]
fn commands_refuse_the_source_of_a_published_rfc() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let name = "draft-ietf-rats-architecture-22";
    std::fs::write(
        d.join("rfc9334.xml"),
        format!(
            "<?xml version=\"1.0\"?>\n<rfc version=\"3\" category=\"info\" docName=\"{name}\" number=\"9334\" ipr=\"trust200902\" submissionType=\"IETF\">\n<front><title>RATS Architecture</title>\n<seriesInfo name=\"RFC\" value=\"9334\"/>\n<author fullname=\"H. Birkholz\"/><date year=\"2023\" month=\"January\"/>\n<abstract><t>An architecture.</t></abstract></front>\n<middle><section><name>Introduction</name><t>Text.</t></section></middle></rfc>\n"
        ),
    )
    .unwrap();
    std::fs::write(
        d.join("rfc9000.md"),
        "---\ntitle: QUIC\ndocname: draft-ietf-quic-transport-34\nnumber: 9000\ndate: 2021-05\nauthor:\n  - name: J. Iyengar\n---\n\n--- abstract\n\nQUIC.\n\n--- middle\n\n# Introduction\n\nText.\n",
    )
    .unwrap();
    for (file, number) in [("rfc9334.xml", "9334"), ("rfc9000.md", "9000")] {
        for args in [
            &["bump", file][..],
            &["adopt", file, "--wg", "rats"],
            &["email", "announce", file],
        ] {
            let err = refused(d, args);
            assert!(
                err.contains(&format!("is the source of RFC {number}")),
                "{args:?}: {err}"
            );
        }
    }
}

#[test]
fn bump_refuses_a_file_whose_name_disagrees_with_its_docname() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(format!("{NAME}-01.xml")), XML_00).unwrap();
    let err = refused(dir.path(), &["bump", &format!("{NAME}-01.xml")]);
    assert!(err.contains("rule R9"), "{err}");
}

#[test]
fn bump_dry_run_writes_nothing() {
    let (dir, _) = start("md");
    let before = listing(dir.path());
    let out = ok(dir.path(), &["bump", &format!("{NAME}-00.md"), "--dry-run"]);
    assert_eq!(out, format!("{NAME}-01.md\n"));
    assert_eq!(listing(dir.path()), before);
}

/// kramdown-rfc's empty `date:` is "the day it renders", and stays empty without `--date`; a
/// day asked for is written (manang/internet-drafts: `bump --date 2026-12-05` kept it empty,
/// and the rendered draft said the day it was rendered).
#[test]
fn bump_writes_a_date_asked_for_even_where_the_source_leaves_it_empty() {
    let (dir, _) = start("md");
    let d = dir.path();
    let file = format!("{NAME}-00.md");
    let empty = |text: &str| text.lines().any(|l| l.trim_end() == "date:");
    assert!(empty(&read(&d.join(&file))));
    ok(d, &["bump", &file]);
    assert!(empty(&read(&d.join(format!("{NAME}-01.md")))));
    ok(
        d,
        &["bump", &format!("{NAME}-01.md"), "--date", "2026-12-05"],
    );
    let text = read(&d.join(format!("{NAME}-02.md")));
    assert!(
        text.contains("\ndate: 2026-12-05\n") && !empty(&text),
        "{text}"
    );
}

#[test]
fn bump_uses_the_given_date_and_keeps_the_path_given() {
    let (dir, _) = start("xml");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::rename(
        dir.path().join(format!("{NAME}-00.xml")),
        dir.path().join(format!("sub/{NAME}-00.xml")),
    )
    .unwrap();
    let out = ok(
        dir.path(),
        &[
            "bump",
            &format!("sub/{NAME}-00.xml"),
            "--date",
            "2027-02-03",
        ],
    );
    assert_eq!(out, format!("sub/{NAME}-01.xml\n"));
    let text = read(&dir.path().join(format!("sub/{NAME}-01.xml")));
    assert!(text.contains(r#"<date year="2027" month="February" day="3"/>"#));
    refused(
        dir.path(),
        &[
            "bump",
            &format!("sub/{NAME}-01.xml"),
            "--date",
            "2027-02-30",
        ],
    );
}

#[test]
fn bump_of_an_unversioned_source_names_the_next_tag() {
    let (dir, file) = unversioned_repository();
    let d = dir.path();
    let before = listing(d);
    let out = newdraft(d).args(["bump", &file]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{NAME}-00\n")
    );
    let notes = String::from_utf8(out.stderr).unwrap();
    assert!(
        notes.contains(&format!("git tag -a {NAME}-00")) && notes.contains("git push origin"),
        "{notes}"
    );
    git(d, &["tag", &format!("{NAME}-00")]);
    git(d, &["tag", &format!("{NAME}-01")]);
    git(d, &["tag", "draft-other-name-07"]);
    assert_eq!(ok(d, &["bump", &file]), format!("{NAME}-02\n"));
    assert_eq!(listing(d), before);
    git(d, &["tag", &format!("{NAME}-99")]);
    let err = refused(d, &["bump", &file]);
    assert!(err.contains("rule R6"), "{err}");
}

/// A versioned source in a work tree checked out before later revisions were tagged
/// (ietf-rats-wg/architecture at an old commit: `draft-…-02.md` beside tags up to `-22`):
/// `bump` wrote a `-03` the Datatracker had taken long ago.
#[test]
fn bump_refuses_a_revision_the_tags_show_posted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = format!("{NAME}-00.md");
    std::fs::write(d.join(&file), MD_00).unwrap();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "start"]);
    git(d, &["tag", &format!("{NAME}-00")]);
    // Only -00 is tagged: -01 is the next, and is written.
    assert_eq!(
        ok(d, &["bump", &file, "--dry-run"]),
        format!("{NAME}-01.md\n")
    );
    git(d, &["tag", &format!("{NAME}-01")]);
    git(d, &["tag", &format!("{NAME}-02")]);
    let err = refused(d, &["bump", &file]);
    assert!(
        err.contains(&format!(
            "`{NAME}-01` is tagged in git already: the tags reach `{NAME}-02`"
        )) && err.contains(&format!("the next is `{NAME}-03`"))
            && err.contains("revision/reused"),
        "{err}"
    );
}

/// Tags belong to the repository: the note's command changes directory only to reach another
/// work tree (ietf-wg-acme/acme's `rfced/` drafts got a needless `cd rfced &&`).
#[test]
fn the_tag_command_changes_directory_only_into_another_repository() {
    let (dir, file) = unversioned_repository();
    let d = dir.path();
    std::fs::create_dir(d.join("sub")).unwrap();
    std::fs::rename(d.join(&file), d.join("sub").join(&file)).unwrap();
    let note = |from: &Path, draft: &str| {
        let out = newdraft(from).args(["bump", draft]).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stderr).unwrap()
    };
    let inside = note(d, &format!("sub/{file}"));
    assert!(inside.contains(": git tag -a"), "{inside}");
    let elsewhere = tempfile::tempdir().unwrap();
    let draft = d.join("sub").join(&file);
    let outside = note(elsewhere.path(), draft.to_str().unwrap());
    assert!(
        outside.contains(&format!(": cd {} && git tag -a", d.join("sub").display())),
        "{outside}"
    );
}
