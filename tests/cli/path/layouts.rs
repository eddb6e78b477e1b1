//! The other layouts along the path: mmark, unversioned i-d-template sources, entity-held
//! revisions, the IAB stream, email snapshots and template overrides.

use super::*;

/// mmark sources are rewritten the same way (no mmark binary among the validators, so the
/// result is read back with newdraft's own reader).
#[test]
fn bumps_and_adopts_an_mmark_draft() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join(format!("{NAME}-00.md")),
        include_str!("../../fixtures/mmark-draft-doe-dispatch-widget-discovery-00.md"),
    )
    .unwrap();
    ok(
        d,
        &["bump", &format!("{NAME}-00.md"), "--date", "2026-03-07"],
    );
    let text = read(&d.join(format!("{NAME}-01.md")));
    assert!(text.contains(&format!("value = \"{NAME}-01\"")));
    assert!(text.contains("\ndate = 2026-03-07T00:00:00Z\n"));
    ok(
        d,
        &["adopt", &format!("{NAME}-01.md"), "--wg", "cfrg", "--irtf"],
    );
    let text = read(&d.join("draft-irtf-cfrg-widget-discovery-00.md"));
    let doc =
        newdraft::source::Document::parse(&text, newdraft::source::SourceKind::Mmark).unwrap();
    assert_eq!(
        doc.docname.unwrap().value,
        "draft-irtf-cfrg-widget-discovery-00"
    );
    assert_eq!(doc.workgroup.as_deref(), Some("CFRG Research Group"));
    assert!(text.contains("stream = \"IRTF\""));
}

/// An i-d-template source (`-latest`) is adopted as `name.md` with `docname: name-latest`, and
/// announced at its newest tag.
#[test]
fn adopts_and_announces_an_unversioned_source() {
    let (dir, file) = unversioned_repository();
    let d = dir.path();
    refused(d, &["email", "announce", &file]);
    git(d, &["tag", &format!("{NAME}-00")]);
    git(d, &["tag", &format!("{NAME}-01")]);
    let msg = ok(d, &["email", "announce", &file]);
    assert!(msg.contains(&format!("({NAME}-01)")), "{msg}");
    let out = ok(d, &["adopt", &file, "--wg", "sipcore"]);
    assert_eq!(out, format!("{ADOPTED}.md\n"));
    let text = read(&d.join(format!("{ADOPTED}.md")));
    assert!(
        text.contains(&format!("docname: {ADOPTED}-latest\n")),
        "{text}"
    );
    assert_eq!(
        ok(d, &["bump", &format!("{ADOPTED}.md")]),
        format!("{ADOPTED}-00\n")
    );
}

/// The whole messages, byte for byte, with a fixed date (`SNAPSHOTS=overwrite` updates them).
#[test]
fn email_snapshots() {
    let (dir, _) = start("xml");
    let d = dir.path();
    let announce = ok(
        d,
        &[
            "email",
            "announce",
            &format!("{NAME}-00.xml"),
            "--date",
            "2026-03-07",
        ],
    );
    snapbox::assert_data_eq!(announce, snapshot("email-announce.eml"));
    let problem = ok(
        d,
        &[
            "email",
            "problem",
            "--fullname",
            "José Müller",
            "--email",
            "jm@example.com",
            "--date",
            "2026-03-07",
        ],
    );
    snapbox::assert_data_eq!(problem, snapshot("email-problem.eml"));
}

/// Without the record `adopt` writes, `check` rejects the adopted name: the record is what
/// makes the walk pass.
#[test]
fn check_needs_the_adoption_record() {
    let (dir, _) = start("xml");
    let d = dir.path();
    ok(d, &["adopt", &format!("{NAME}-00.xml"), "--wg", "sipcore"]);
    assert_check_passes(d);
    std::fs::remove_file(d.join("newdraft.toml")).unwrap();
    let out = newdraft(d)
        .args(["check", ".", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("stream/not-adopted"));
}

/// `--templates DIR` replaces the words; the message form stays newdraft's.
#[test]
fn email_templates_can_be_overridden() {
    let (dir, _) = start("xml");
    let d = dir.path();
    let templates = d.join("tpl");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("email-announce.txt.tera"),
        "Subject: Please read {{ versioned }}\n\nSee {{ url }} — thanks, {{ fullname }}.\n",
    )
    .unwrap();
    let draft = format!("{NAME}-00.xml");
    let raw = ok(d, &["email", "announce", &draft, "--templates", "tpl"]);
    let msg = parse_mail(&raw);
    assert_eq!(
        msg.subject(),
        Some(format!("Please read {NAME}-00").as_str())
    );
    assert!(msg.body_text(0).unwrap().contains("thanks, Jane Doe."));
    std::fs::write(
        templates.join("email-announce.txt.tera"),
        "Hello {{ name }}\n",
    )
    .unwrap();
    let err = refused(d, &["email", "announce", &draft, "--templates", "tpl"]);
    assert!(err.contains("`Subject:` line"), "{err}");
}

#[test]
fn adopt_dry_run_writes_nothing() {
    let (dir, _) = start("xml");
    let before = listing(dir.path());
    let out = newdraft(dir.path())
        .args([
            "adopt",
            &format!("{NAME}-00.xml"),
            "--wg",
            "sipcore",
            "--dry-run",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{ADOPTED}-00.xml\n")
    );
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("would record")
    );
    assert_eq!(listing(dir.path()), before);
}

/// `bump` edits where the name and the date are written, on the reader's spans: a revision held
/// by an internal entity (`docName="…-&ID-VERSION;"`) is changed in the entity, and a `<date>` in
/// a comment or a reference is left alone.
#[test]
fn bump_edits_the_entity_that_holds_the_revision_and_never_a_commented_date() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"<?xml version="1.0"?>
<!DOCTYPE rfc [
  <!ENTITY ID-VERSION "04">
]>
<!-- <rfc docName="draft-doe-dispatch-widgets-00"> -->
<rfc version="3" docName="draft-doe-dispatch-widgets-&ID-VERSION;" category="info">
  <front>
    <title>Widgets</title>
    <seriesInfo name="Internet-Draft" value="draft-doe-dispatch-widgets-&ID-VERSION;"/>
    <author fullname="J. Doe"><organization>Ex</organization></author>
    <!-- <date year="1999"/> -->
    <date year="2020" month="May"/>
    <abstract><t>A.</t></abstract>
  </front>
  <middle><section><name>Intro</name><t>draft-doe-dispatch-widgets-04 mentions itself.</t></section></middle>
  <back><references><name>R</name><reference anchor="x"><front><title>X</title>
    <date year="2001"/></front><seriesInfo name="Internet-Draft" value="draft-x-y-z-04"/></reference></references></back>
</rfc>
"#;
    std::fs::write(dir.path().join("widgets.xml"), text).unwrap();
    ok(dir.path(), &["bump", "widgets.xml", "--date", "2026-11-29"]);
    let new = read(&dir.path().join("draft-doe-dispatch-widgets-05.xml"));
    assert!(new.contains(r#"<!ENTITY ID-VERSION "05">"#), "{new}");
    assert!(new.contains(r#"<!-- <date year="1999"/> -->"#), "{new}");
    assert!(
        new.contains(r#"<date year="2026" month="November" day="29"/>"#),
        "{new}"
    );
    assert!(new.contains(r#"<date year="2001"/>"#), "{new}");
    assert!(new.contains(r#"value="draft-x-y-z-04""#), "{new}");
    // The prose's mention of the draft itself follows; comments and references do not.
    assert!(
        new.contains("draft-doe-dispatch-widgets-05 mentions itself"),
        "{new}"
    );
    assert!(new.contains(r#"<!-- <rfc docName="draft-doe-dispatch-widgets-00"> -->"#));
    assert_eq!(read(&dir.path().join("widgets.xml")), text);
    assert_check_passes(dir.path());
}

/// One rule per concept (the real-repository issue, point 8): the IAB is a stream, so `adopt
/// --wg iab` writes `draft-iab-…`, which `check` accepts by its record; and `check` reads the
/// `newdraft.toml` that `adopt` writes, never one above the repository.
#[test]
fn adopt_into_the_iab_stream_and_one_newdraft_toml_for_check_and_adopt() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join("drafts")).unwrap();
    git(&repo, &["init", "-q"]);
    // A record above the work tree belongs to another repository: it adopts nothing here.
    std::fs::write(
        dir.path().join("newdraft.toml"),
        "[[adopted]]\nname = \"draft-iab-widget-discovery\"\ngroup = \"iab\"\n",
    )
    .unwrap();
    std::fs::write(repo.join("drafts").join(format!("{NAME}-00.xml")), XML_00).unwrap();
    let d = repo.join("drafts");
    ok(&d, &["adopt", &format!("{NAME}-00.xml"), "--wg", "iab"]);
    let new = read(&d.join("draft-iab-widget-discovery-00.xml"));
    assert!(
        new.contains(r#"docName="draft-iab-widget-discovery-00""#),
        "{new}"
    );
    assert!(new.contains("Internet Architecture Board"), "{new}");
    let record = read(&repo.join("newdraft.toml"));
    assert!(
        record.contains("name = \"draft-iab-widget-discovery\""),
        "{record}"
    );
    assert_check_passes(&d);
    // Without the repository's record, the IAB draft is not adopted: the one above does not count.
    std::fs::remove_file(repo.join("newdraft.toml")).unwrap();
    let out = newdraft(&d).args(["check", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("stream/not-adopted"));
}

// See issue 9: an address of 2,000 characters yielded a `From:` line twice RFC 5322's limit of
// 998; a name or title with one long word did too.
#[test]
fn email_addresses_are_bounded_and_headers_fold() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!("{}@example.com", "a".repeat(2000));
    for args in [
        &["email", "problem", "--fullname", "Jane", "--email", &long][..],
        &[
            "init",
            "doe",
            "widgets",
            "--fullname",
            "Jane",
            "--email",
            &long,
        ],
    ] {
        let err = refused(dir.path(), args);
        assert!(err.contains("is not an email address"), "{err}");
    }
    let name = "J".repeat(2000);
    let title = format!("W{}", "x".repeat(3000));
    let raw = ok(
        dir.path(),
        &[
            "email",
            "problem",
            "--fullname",
            &name,
            "--email",
            "jane@example.com",
            "--title",
            &title,
            "--date",
            "2026-03-07",
        ],
    );
    assert!(raw.lines().all(|l| l.len() <= 998), "{raw}");
    let msg = mail_parser::MessageParser::default()
        .parse(raw.as_bytes())
        .unwrap();
    assert_eq!(
        msg.from().and_then(|a| a.first()).and_then(|a| a.name()),
        Some(name.as_str())
    );
    assert!(msg.subject().is_some_and(|s| s.ends_with(&title)));
}
