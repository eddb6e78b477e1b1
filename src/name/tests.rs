//! The rules' behaviour through the public entry points: what is accepted, what each rule
//! rejects, and the hints a person reads. Each file's own tests (the fast path's agreement with
//! the rules, the shortening, `compose`) live beside its code.

use super::*;

pub(super) fn verdict(input: &str, adopted: &[&str]) -> Verdict {
    let adopted: Vec<String> = adopted.iter().map(|s| (*s).to_owned()).collect();
    check_name(
        input,
        Form::Auto,
        &Context {
            adopted_by: &adopted,
        },
    )
}

#[track_caller]
fn ok(input: &str, adopted: &[&str]) {
    let v = verdict(input, adopted);
    assert!(v.issues.is_empty(), "{input}: {:?}", v.issues);
}

#[track_caller]
fn rejects(input: &str, adopted: &[&str], code: Code) {
    let v = verdict(input, adopted);
    assert!(
        v.issues.iter().any(|i| i.code == code),
        "{input}: expected {code}, got {:?}",
        v.issues
    );
}

#[test]
fn accepts_valid_names() {
    ok("draft-smith-quic-multipath", &[]);
    ok("draft-smith-quic-multipath-00", &[]);
    ok("draft-smith-quic-multipath-99", &[]);
    ok("draft-a-b", &[]);
    ok("draft-smith-6man-segment-routing-00", &[]);
    ok("draft-smith-quic-multipath-00.xml", &[]);
    ok("draft-ietf-quic-multipath-00", &["quic"]);
    ok("draft-irtf-cfrg-hybrid-kem-00", &["cfrg"]);
}

#[test]
fn splits_only_a_two_digit_revision() {
    let n = DraftName::parse("draft-smith-foo-12-00").unwrap();
    assert_eq!(n.as_str(), "draft-smith-foo-12");
    assert_eq!(n.revision(), Revision::new(0));
    let n = DraftName::parse("draft-smith-foo-100").unwrap();
    assert_eq!(n.as_str(), "draft-smith-foo-100");
    assert_eq!(n.revision(), None);
}

/// A final number of one digit or of three is part of the name in every form (real names:
/// `draft-ietf-oauth-v2-1-15`, `draft-reschke-http-status-308-07`): where a revision is
/// required it is missing, and the hint appends one rather than rewriting the name.
#[test]
fn a_final_number_that_is_not_two_digits_is_part_of_the_name() {
    for (name, rev_less) in [
        ("draft-parecki-oauth-v2-1", "draft-parecki-oauth-v2-1"),
        (
            "draft-reschke-http-status-308",
            "draft-reschke-http-status-308",
        ),
        ("draft-smith-quic-001", "draft-smith-quic-001"),
    ] {
        let parsed = DraftName::parse(name).unwrap();
        assert_eq!((parsed.as_str(), parsed.revision()), (rev_less, None));
        assert!(
            check_name(name, Form::Name, &Context::default())
                .issues
                .is_empty()
        );
        for (form, input, hint) in [
            (
                Form::Versioned,
                name.to_owned(),
                format!("use `{name}-00` for a first version"),
            ),
            (
                Form::File,
                format!("{name}.xml"),
                format!("use `{name}-00.xml`"),
            ),
        ] {
            let v = check_name(&input, form, &Context::default());
            let codes: Vec<Code> = v.issues.iter().map(|i| i.code).collect();
            assert_eq!(codes, [Code::MissingRevision], "{input}: {:?}", v.issues);
            assert_eq!(v.issues[0].hint.as_deref(), Some(hint.as_str()), "{input}");
        }
        let v = check_name(&format!("{name}-03"), Form::Versioned, &Context::default());
        assert!(v.issues.is_empty(), "{name}-03: {:?}", v.issues);
    }
}

/// R15 names every status word after `draft-` (helper's trial: `init doe "draft standard
/// widgets"` said only "the name contains `draft`", as if of the `draft-` every name has).
#[test]
fn status_words_are_all_named_after_draft() {
    let v = check_name(
        "draft-doe-draft-standard-widgets-00",
        Form::Auto,
        &Context::default(),
    );
    let msg = &v
        .issues
        .iter()
        .find(|i| i.code == Code::StatusWord)
        .unwrap()
        .message;
    assert!(
        msg.starts_with("after `draft-`, the name has `draft` and `standard`, which each imply"),
        "{msg}"
    );
}

/// A name written as its file (cfrg's bls-signature: `docName = "draft-boneh-bls-signature-00.txt"`)
/// is told the file's stem, not `…-00-txt-00`.
#[test]
fn a_name_written_as_its_file_is_hinted_without_the_extension() {
    for form in [Form::Name, Form::Versioned] {
        let v = check_name(
            "draft-boneh-bls-signature-00.txt",
            form,
            &Context::default(),
        );
        let found: Vec<(Code, Option<&str>)> = v
            .issues
            .iter()
            .map(|i| (i.code, i.hint.as_deref()))
            .collect();
        assert_eq!(
            found,
            [(Code::BadChar, Some("use `draft-boneh-bls-signature-00`"))],
            "{form:?}"
        );
    }
}

/// A revision written with a dot (`docName="draft-wkumari-dnsop-extended-error-0.1"`): one
/// finding, the dot, and a hint that is a name with a revision, not `…-error-0-1`.
#[test]
fn a_revision_written_with_a_dot_is_hinted_as_a_revision() {
    for (input, fixed) in [
        (
            "draft-wkumari-dnsop-extended-error-0.1",
            "draft-wkumari-dnsop-extended-error-01",
        ),
        ("draft-smith-quic.03", "draft-smith-quic-03"),
        ("draft-smith-quic-1.2.3", "draft-smith-quic-00"),
    ] {
        for form in [Form::Name, Form::Versioned, Form::Auto] {
            let v = check_name(input, form, &Context::default());
            let found: Vec<(Code, Option<&str>)> = v
                .issues
                .iter()
                .map(|i| (i.code, i.hint.as_deref()))
                .collect();
            let hint = format!("use `{fixed}`");
            assert_eq!(
                found,
                [(Code::BadChar, Some(hint.as_str()))],
                "{input} {form:?}"
            );
        }
    }
    assert_eq!(Revision::split_dotted("draft-x-v1.1"), None);
    assert_eq!(Revision::split_dotted("draft-x.xml"), None);
    assert_eq!(Revision::split_dotted("draft-x-1"), None);
}

#[test]
fn rejects_each_syntax_rule() {
    rejects("", &[], Code::Empty);
    rejects("smith-quic-00", &[], Code::MissingPrefix);
    rejects("draft-Smith-quic-00", &[], Code::Uppercase);
    rejects("draft-müller-quic-00", &[], Code::NonAscii);
    rejects("draft-smith-quic-multipath-٠١", &[], Code::NonAscii);
    rejects("draft-smith_quic-00", &[], Code::BadChar);
    rejects("draft-2smith-quic-00", &[], Code::FirstChar);
    rejects("draft-smith--quic-00", &[], Code::EmptyComponent);
    rejects("draft--smith-quic-00", &[], Code::EmptyComponent);
    rejects("draft-smith-quic-", &[], Code::TrailingHyphen);
    rejects("draft-smith-quic--00", &[], Code::EmptyComponent);
    rejects("draft-smith-00", &[], Code::TooFewComponents);
    rejects("draft-", &[], Code::TooFewComponents);
    rejects(
        "draft-smith-abcdefghijabcdefghijabcdefghijabcdefghx",
        &[],
        Code::TooLong,
    );
    rejects("draft-smith-quic.xml", &[], Code::MissingRevision);
    rejects("draft-smith-quic-1.xml", &[], Code::MissingRevision);
    rejects("draft-smith-quic-100.xml", &[], Code::MissingRevision);
    rejects("draft-smith-quic-00.md", &[], Code::FileExtension);
    rejects("draft-smith-quic-00.txt.xml", &[], Code::FileDots);
    rejects("drafts/draft-smith-quic-00.xml", &[], Code::FilePath);
    rejects("draft-smith-quic-00.xml;rm", &[], Code::FileBadChar);
}

#[test]
fn a_hint_that_names_a_fix_names_a_valid_one() {
    // `use X` / `e.g. X` in a hint: X must itself pass (as a name, or a file name).
    for (input, code) in [
        ("draft-smith-quic-multipath.md", Code::FileExtension),
        (
            "draft-ietf-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-b-00",
            Code::TooLong,
        ),
    ] {
        let v = verdict(input, &[]);
        let issue = v.issues.iter().find(|i| i.code == code).unwrap();
        let hint = issue.hint.as_deref().unwrap_or("");
        for fix in hint.split('`').skip(1).step_by(2) {
            if fix.starts_with("draft-") && !fix.contains('<') {
                let again = verdict(fix, &[]);
                assert!(
                    again.issues.iter().all(|i| i.severity() != Severity::Error),
                    "{input}: hint `{hint}` suggests `{fix}`: {:?}",
                    again.issues
                );
            }
        }
    }
}

#[test]
fn the_adopted_name_a_hint_suggests_is_not_too_long() {
    let v = verdict(
        "draft-smith-abcdefghijabcdefghijabcdefghijabcdefgh",
        &["quic"],
    );
    let issue = v
        .issues
        .iter()
        .find(|i| i.code == Code::IndividualAfterAdoption)
        .unwrap();
    let hint = issue.hint.as_deref().unwrap_or("");
    for fix in hint.split('`').skip(1).step_by(2) {
        if fix.starts_with("draft-ietf-") && !fix.contains('<') {
            let again = verdict(fix, &["quic"]);
            assert!(
                again.issues.iter().all(|i| i.severity() != Severity::Error),
                "hint `{hint}` suggests `{fix}`: {:?}",
                again.issues
            );
        }
    }
}

#[test]
fn rejects_stream_names_without_adoption() {
    rejects("draft-ietf-quic-multipath-00", &[], Code::NotAdopted);
    rejects("draft-irtf-cfrg-hybrid-kem-00", &[], Code::NotAdopted);
    rejects("draft-iab-protocol-maintenance-00", &[], Code::NotAdopted);
    rejects("draft-ietf-quic-multipath-00", &["tls"], Code::WrongGroup);
    rejects(
        "draft-ietf-cfrg-hybrid-kem-00",
        &["cfrg"],
        Code::WrongStream,
    );
    rejects("draft-irtf-quic-foo-00", &["quic"], Code::WrongStream);
    rejects(
        "draft-smith-quic-multipath-00",
        &["quic"],
        Code::IndividualAfterAdoption,
    );
    rejects("draft-ietf-quic-00", &["quic"], Code::MissingSubject);
    rejects("draft-iesg-foo-00", &[], Code::Reserved);
    rejects("draft-rfc-editor-style-00", &[], Code::Reserved);
    rejects("draft-ietf-trust-foo-00", &[], Code::Reserved);
    rejects("draft-wg-foo-bar-00", &[], Code::Restricted);
    rejects("draft-quic-multipath-00", &[], Code::AuthorIsGroup);
    rejects("draft-smith-proposed-standard-00", &[], Code::StatusWord);
}

#[test]
fn hints_say_what_to_type() {
    let v = verdict("draft-ietf-quic-multipath-00", &[]);
    let hint = v.issues[0].hint.as_deref().unwrap();
    assert!(hint.contains("draft-<surname>-quic-multipath"), "{hint}");
    let v = verdict("draft-Smith-quic-00", &[]);
    assert_eq!(
        v.issues[0].hint.as_deref(),
        Some("use `draft-smith-quic-00`")
    );
    let v = verdict("draft-smith-abcdefghijabcdefghijabcdefghijabcdefghx", &[]);
    assert!(
        v.issues[0].message.contains("51 characters"),
        "{}",
        v.issues[0].message
    );
    assert!(
        v.issues[0].message.contains("1 more"),
        "{}",
        v.issues[0].message
    );
}

#[test]
fn reads_group_and_subject() {
    let n = DraftName::parse("draft-ietf-quic-multipath-07").unwrap();
    assert_eq!(n.group(), Some("quic"));
    assert_eq!(n.subject(None), Some("multipath"));
    let n = DraftName::parse("draft-doe-dispatch-widget-discovery-02").unwrap();
    assert_eq!(n.subject(Some("dispatch")), Some("widget-discovery"));
    assert_eq!(n.subject(None), Some("dispatch-widget-discovery"));
    let n = DraftName::parse("draft-ietf-yang-doctors-foo").unwrap();
    assert_eq!(n.group(), Some("yang-doctors"));
}
