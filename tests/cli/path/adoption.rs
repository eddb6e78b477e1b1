//! Adoption's hints agree with `adopt`, the discussion moves with the draft, and a draft is
//! adopted once.

use super::*;

/// An error quoting a huge argument is one line of a readable length.
#[test]
fn an_error_quoting_a_huge_value_is_cut() {
    let dir = tempfile::tempdir().unwrap();
    let wg = "x ".repeat(50_000);
    let err = refused(dir.path(), &["email", "problem", "--wg", &wg]);
    assert!(
        err.len() < 5000 && err.ends_with("more bytes)"),
        "{}",
        err.len()
    );
}

/// Issue 10, point 6 and 7: `check --adopted-by` suggests the name `adopt` writes (one function),
/// a surname of several words is dropped whole, and a hint never names an invalid name.
#[test]
fn adoption_hints_and_adopt_agree_and_hints_are_valid() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(
        d,
        &[
            "init",
            "van der Berg",
            "Widget Discovery",
            "--date",
            "2026-11-29",
        ],
    );
    let old = "draft-van-der-berg-dispatch-widget-discovery-00.xml";
    assert!(d.join(old).is_file());
    let out = ok(
        d,
        &["adopt", old, "--wg", "sipcore", "--date", "2026-11-29"],
    );
    assert_eq!(out, "draft-ietf-sipcore-widget-discovery-00.xml\n");

    let out = newdraft_anywhere()
        .args([
            "check",
            "--name",
            "draft-doe-dispatch-widget-discovery-00",
            "--adopted-by",
            "quic",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("post `draft-ietf-quic-widget-discovery-00`"),
        "{text}"
    );

    for (bad, want) in [
        (
            "draft-doe-widget.discovery-00.xml",
            "use `draft-doe-widget-discovery-00.xml`",
        ),
        // A final `-1` is part of the name (R6: a revision is two digits), so this is the
        // three components `draft-foo-1`, without a revision.
        ("Draft_Foo-1.xml", "use `draft-foo-1-00.xml`"),
    ] {
        let out = newdraft_anywhere()
            .args(["check", "--name", bad])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        for hint in text.lines().filter_map(|l| l.trim().strip_prefix("hint: ")) {
            assert_eq!(hint, want, "{bad}: {text}");
        }
    }
}

/// Issue 10, point 7: adoption rewrites the skeleton's "for discussion in the DISPATCH Working
/// Group", and a second adoption of the same draft is refused unless `--force`.
#[test]
fn adoption_moves_the_discussion_and_happens_once() {
    let (dir, _) = init("xml");
    let d = dir.path();
    let old = format!("{NAME}-00.xml");
    ok(d, &["adopt", &old, "--wg", "sipcore"]);
    let new = read(&d.join("draft-ietf-sipcore-widget-discovery-00.xml"));
    assert!(!new.contains("DISPATCH Working Group"), "{new}");
    assert!(
        new.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains("for discussion in the SIPCORE Working Group"),
        "{new}"
    );
    let err = refused(d, &["adopt", &old, "--wg", "tls"]);
    assert!(
        err.contains("already adopted as `draft-ietf-sipcore-widget-discovery`"),
        "{err}"
    );
    ok(d, &["adopt", &old, "--wg", "tls", "--force"]);
}
