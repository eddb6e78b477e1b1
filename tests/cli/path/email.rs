//! `email problem` and `email announce` along the path: headers, encoding, placeholders,
//! quoting the draft, output files.

use super::*;

/// A message parsed back, with the checks every message must pass: the RFC 5322 and MIME
/// headers, and body lines of at most 72 columns unless a line is one unbreakable URL.
pub(super) fn parse_mail(raw: &str) -> mail_parser::Message<'_> {
    let msg = mail_parser::MessageParser::default()
        .parse(raw.as_bytes())
        .expect("the message parses");
    assert!(msg.date().is_some(), "no Date:\n{raw}");
    assert_eq!(msg.header_raw("MIME-Version").map(str::trim), Some("1.0"));
    assert!(
        msg.header_raw("Content-Type")
            .is_some_and(|c| c.contains("text/plain") && c.contains("utf-8"))
    );
    let (head, body) = raw
        .split_once("\n\n")
        .expect("headers end with a blank line");
    assert!(head.is_ascii(), "raw non-ASCII in the headers:\n{head}");
    // RFC 5322 asks for 78 columns; RFC 2047 allows 76 on a line with encoded words.
    assert!(head.lines().all(|l| l.len() <= 76), "{head}");
    for line in body.lines() {
        assert!(
            line.chars().count() <= 72 || (!line.contains(' ') && line.starts_with("https://")),
            "line over 72 columns: {line:?}"
        );
    }
    msg
}

fn email_walk(ext: &str) {
    let (dir, _) = start(ext);
    let d = dir.path();
    ok(d, &["bump", &format!("{NAME}-00.{ext}")]);
    ok(
        d,
        &["adopt", &format!("{NAME}-01.{ext}"), "--wg", "sipcore"],
    );
    let before = listing(d);
    let raw = ok(d, &["email", "announce", &format!("{ADOPTED}-00.{ext}")]);
    assert_eq!(listing(d), before, "announce to stdout wrote a file");
    let msg = parse_mail(&raw);
    let to = msg.to().and_then(|a| a.first()).unwrap();
    assert_eq!(to.address(), Some("sipcore@ietf.org"));
    let from = msg.from().and_then(|a| a.first()).unwrap();
    assert_eq!(from.name(), Some("Jane Doe"));
    assert_eq!(from.address(), Some("jane.doe@example.com"));
    let subject = msg.subject().unwrap();
    assert!(
        subject.contains("Widget Discovery") && subject.contains(&format!("{ADOPTED}-00")),
        "{subject}"
    );
    let body = msg.body_text(0).unwrap();
    assert!(body.contains(&format!("https://datatracker.ietf.org/doc/{ADOPTED}/")));
    assert!(body.contains(&format!("Name:      {ADOPTED}\n")));
    assert!(body.contains("Revision:  00\n"));
    assert!(body.contains("This document is a minimal example of an individual"));
    assert!(body.contains("Comments are welcome"));
    // A group's new draft has no changes to speak of yet; its next revision has (the body
    // is wrapped: read as words).
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words(&body).contains("in particular on the issues still open.")
            && !words(&body).contains("changes in this revision"),
        "{body}"
    );
    ok(d, &["bump", &format!("{ADOPTED}-00.{ext}")]);
    let next = parse_mail(&ok(
        d,
        &["email", "announce", &format!("{ADOPTED}-01.{ext}")],
    ))
    .body_text(0)
    .unwrap()
    .into_owned();
    assert!(
        words(&next).contains("on the changes in this revision and on the issues still open"),
        "{next}"
    );

    // The announcement of a bumped individual draft says which revision.
    let raw = ok(d, &["email", "announce", &format!("{NAME}-01.{ext}")]);
    let msg = parse_mail(&raw);
    assert_eq!(
        msg.to().and_then(|a| a.first()).and_then(|a| a.address()),
        Some("dispatch@ietf.org")
    );
    assert!(msg.body_text(0).unwrap().contains("revision -01"));
    assert_eq!(
        msg.subject(),
        Some(format!("New revision: Widget Discovery ({NAME}-01)").as_str())
    );
}

#[test]
fn announces_the_adopted_xml_draft() {
    email_walk("xml");
}

#[test]
fn announces_the_adopted_kramdown_draft() {
    email_walk("md");
}

/// A line break in a name or a title (typed, or from a draft's author) must not start a new
/// header: `sendmail -t` would obey a `Bcc:` smuggled in that way.
#[test]
fn line_breaks_in_the_sender_or_the_title_stay_inside_their_header() {
    let dir = tempfile::tempdir().unwrap();
    let out = newdraft(dir.path())
        .args([
            "email",
            "problem",
            "--fullname",
            "Jane\nBcc: evil@example.com",
        ])
        .args([
            "--email",
            "jane@example.com",
            "--title",
            "Widgets\r\nBcc: evil@example.com",
        ])
        .args(["--date", "2026-03-07"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let raw = String::from_utf8(out.stdout).unwrap();
    let (head, _) = raw.split_once("\n\n").unwrap();
    assert!(
        !head.lines().any(|l| l.starts_with("Bcc:")),
        "a header was injected:\n{head}"
    );
    let msg = parse_mail(&raw);
    assert_eq!(
        msg.from().and_then(|a| a.first()).and_then(|a| a.name()),
        Some("Jane Bcc: evil@example.com")
    );
    assert_eq!(
        msg.subject(),
        Some("Problem statement for discussion: Widgets Bcc: evil@example.com")
    );
}

#[test]
fn problem_email_encodes_non_ascii_and_marks_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    let out = newdraft(dir.path())
        .args([
            "email",
            "problem",
            "--fullname",
            "José Müller",
            "--email",
            "jm@example.com",
            "--title",
            "Découverte des widgets, enfin",
            "--date",
            "2026-03-07",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let raw = String::from_utf8(out.stdout).unwrap();
    let msg = parse_mail(&raw);
    let from = msg.from().and_then(|a| a.first()).unwrap();
    assert_eq!(from.name(), Some("José Müller"));
    assert_eq!(
        msg.subject(),
        Some("Problem statement for discussion: Découverte des widgets, enfin")
    );
    assert_eq!(
        msg.to().and_then(|a| a.first()).and_then(|a| a.address()),
        Some("dispatch@ietf.org")
    );
    assert!(
        raw.contains("\nDate: Sat, 7 Mar 2026 00:00:00 +0000\n"),
        "{raw}"
    );
    let body = msg.body_text(0).unwrap();
    assert_eq!(body.matches("[FILL IN:").count(), 2, "{body}");
    for part in [
        "What I am asking for",
        "What I am not asking for",
        "Questions",
    ] {
        assert!(body.contains(part), "{part}");
    }
    assert!(body.trim_end().ends_with("José Müller"));
    let notes = String::from_utf8(out.stderr).unwrap();
    assert!(notes.contains("2 placeholders"), "{notes}");
}

#[test]
fn problem_email_quotes_the_draft() {
    let (dir, _) = start("md");
    let raw = ok(
        dir.path(),
        &[
            "email",
            "problem",
            "--from",
            &format!("{NAME}-00.md"),
            "--wg",
            "sipcore",
            "--date",
            "2026-03-07",
        ],
    );
    let msg = parse_mail(&raw);
    assert_eq!(
        msg.to().and_then(|a| a.first()).and_then(|a| a.address()),
        Some("sipcore@ietf.org")
    );
    assert_eq!(
        msg.from().and_then(|a| a.first()).and_then(|a| a.name()),
        Some("Jane Doe")
    );
    assert_eq!(
        msg.subject(),
        Some("Problem statement for discussion: Widget Discovery")
    );
    let body = msg.body_text(0).unwrap();
    assert!(!body.contains("[FILL IN:"), "{body}");
    assert!(body.contains("Writing a new Internet-Draft from scratch is error-prone."));
    assert!(body.contains("An author starts a new individual draft"));
}

#[test]
fn email_output_never_clobbers_without_force() {
    let (dir, _) = start("xml");
    let d = dir.path();
    let draft = format!("{NAME}-00.xml");
    let out = ok(
        d,
        &["email", "announce", &draft, "--output", "announce.eml"],
    );
    assert_eq!(out, "announce.eml\n");
    let first = read(&d.join("announce.eml"));
    parse_mail(&first);
    std::fs::write(d.join("announce.eml"), "mine").unwrap();
    let err = refused(
        d,
        &["email", "announce", &draft, "--output", "announce.eml"],
    );
    assert!(err.contains("--force"), "{err}");
    ok(
        d,
        &[
            "email",
            "announce",
            &draft,
            "--output",
            "announce.eml",
            "--force",
        ],
    );
    assert_ne!(read(&d.join("announce.eml")), "mine");
}

#[test]
fn email_output_dash_is_standard_output() {
    let (dir, _) = start("xml");
    let d = dir.path();
    let draft = format!("{NAME}-00.xml");
    let out = ok(d, &["email", "announce", &draft, "--output", "-"]);
    parse_mail(&out);
    assert!(!d.join("-").exists(), "`--output -` wrote a file named `-`");
}

#[test]
fn email_refusals_write_nothing() {
    let (dir, _) = start("xml");
    let d = dir.path();
    refused(d, &["email", "announce", "missing-00.xml"]);
    refused(
        d,
        &[
            "email",
            "problem",
            "--wg",
            "no such group",
            "--fullname",
            "A",
            "--email",
            "a@b.c",
        ],
    );
    let err = refused(
        d,
        &[
            "email",
            "problem",
            "--fullname",
            "A",
            "--email",
            "not an address",
        ],
    );
    assert!(err.contains("not an email address"), "{err}");
}

/// Where an announcement goes and what it quotes, as real repositories write their drafts:
/// ietf-wg-aipref's drafts name their list (`venue: mail: ai-control@ietf.org`), the IAB's
/// drafts are discussed on the IAB's list, and an mmark draft's abstract ends at the next
/// heading of its front matter (mdavids/rfc's `.# About This Document`), its Markdown escapes
/// read as the text they stand for.
#[test]
fn announce_goes_to_the_drafts_own_list_and_quotes_only_its_abstract() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let kramdown = "---\ntitle: Vocabulary\ndocname: draft-ietf-aipref-vocab-03\nworkgroup: AIPREF Working Group\nvenue:\n  group: AIPREF\n  mail: ai-control@ietf.org\nauthor:\n - name: J. Doe\n   email: j@example.com\n---\n\n--- abstract\n\nWords.\n\n--- middle\n\n# Introduction\n\nText.\n";
    std::fs::write(d.join("draft-ietf-aipref-vocab-03.md"), kramdown).unwrap();
    let iab = kramdown
        .replace("draft-ietf-aipref-vocab-03", "draft-iab-privacy-partitioning-05")
        .replace("workgroup: AIPREF Working Group\nvenue:\n  group: AIPREF\n  mail: ai-control@ietf.org\n", "");
    std::fs::write(d.join("draft-iab-privacy-partitioning-05.md"), iab).unwrap();
    let mmark = "%%%\ntitle = \"For Sale\"\n[seriesInfo]\nname = \"Internet-Draft\"\nvalue = \"draft-davids-forsalereg-21\"\n[[author]]\nfullname = \"M. Davids\"\n%%%\n\n.# Abstract\n\nThe name \"\\_for-sale\" marks a domain.\n\n.# About This Document\n\nThis note is to be removed.\n\n{mainmatter}\n\n# Introduction\n\nText.\n";
    std::fs::write(d.join("draft-davids-forsalereg-21.md"), mmark).unwrap();
    let announce = |file: &str| ok(d, &["email", "announce", file]);
    let to = |raw: &str| {
        parse_mail(raw)
            .to()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .map(str::to_owned)
    };
    let raw = announce("draft-ietf-aipref-vocab-03.md");
    assert_eq!(to(&raw).as_deref(), Some("ai-control@ietf.org"));
    let raw = announce("draft-iab-privacy-partitioning-05.md");
    assert_eq!(to(&raw).as_deref(), Some("iab@iab.org"));
    let raw = announce("draft-davids-forsalereg-21.md");
    let body = parse_mail(&raw).body_text(0).unwrap().into_owned();
    assert!(
        body.contains("The name \"_for-sale\" marks a domain."),
        "{body}"
    );
    assert!(!body.contains("to be removed"), "{body}");
    // `--wg` says where it goes, whatever the draft says.
    let raw = ok(
        d,
        &[
            "email",
            "announce",
            "draft-ietf-aipref-vocab-03.md",
            "--wg",
            "aipref",
            "--fullname",
            "J",
            "--email",
            "j@example.com",
        ],
    );
    assert_eq!(to(&raw).as_deref(), Some("aipref@ietf.org"));
}

/// A rendered text draft has its title on its first page but no front matter to read it from:
/// `email announce` said only "has no title"; `bump` and `adopt` already said what to do.
#[test]
fn announce_and_revisions_send_a_text_draft_to_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = "draft-thomson-tls-care-00.txt";
    std::fs::write(
        d.join(file),
        "\n\n\nNetwork Working Group                                         M. Thomson\nInternet-Draft                                                   Mozilla\nIntended status: Informational                          1 September 2026\nExpires: 5 March 2027\n\n\n                            TLS Care\n                      draft-thomson-tls-care-00\n\nAbstract\n\n   Care.\n",
    )
    .unwrap();
    for args in [
        &["email", "announce", file][..],
        &["bump", file],
        &["adopt", file, "--wg", "tls"],
    ] {
        let err = refused(d, args);
        assert!(err.contains("is a rendered text draft;"), "{args:?}: {err}");
        assert!(err.contains("source (`.xml` or `.md`)"), "{args:?}: {err}");
    }
}

/// `draft-thomson-http-nice` names `http`, a working group that concluded long ago; its
/// `<workgroup>` says HTTPBIS. The announcement went to `http@ietf.org`, silently.
#[test]
fn announce_passes_a_concluded_group_by_for_the_drafts_workgroup() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = "draft-thomson-http-nice-00.xml";
    std::fs::write(
        d.join(file),
        XML_00
            .replace(&format!("{NAME}-00"), "draft-thomson-http-nice-00")
            .replace(
                "<workgroup>DISPATCH</workgroup>",
                "<workgroup>HTTPBIS</workgroup>",
            ),
    )
    .unwrap();
    let args = ["email", "announce", file];
    let out = newdraft(d).args(args).output().unwrap();
    let (text, err) = (support::stdout(&out), support::stderr(&out));
    assert!(out.status.success(), "{err}");
    assert!(text.contains("\nTo: httpbis@ietf.org\n"), "{text}");
    assert!(!err.contains("concluded"), "{err}");
    // Asked for by name, the concluded group is used, and said to be concluded.
    let out = newdraft(d)
        .args(args)
        .args(["--wg", "http"])
        .output()
        .unwrap();
    let (text, err) = (support::stdout(&out), support::stderr(&out));
    assert!(out.status.success(), "{err}");
    assert!(text.contains("\nTo: http@ietf.org\n"), "{text}");
    assert!(
        err.contains("warning: `http` is a concluded working group"),
        "{err}"
    );
}
