//! What `submit` refuses or reports before and after the upload: the skeleton, a submitter
//! who is not an author, every error answer, a hang, a cancelled or waiting submission.

use super::*;

#[test]
fn the_skeleton_is_refused_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    newdraft(dir.path())
        .args(["init", "doe", "widget-discovery"])
        .args(["--fullname", "Jane Doe", "--email", "jane@example.org"])
        .assert()
        .success();
    let server = serve(Mode::Posted);
    let o = submit(dir.path(), &server, XML_00, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).contains("error[submit/placeholder]"), "{}", out(&o));
    assert!(err(&o).contains("nothing was sent"), "{}", err(&o));
    assert!(server.seen().is_empty());
}

#[test]
fn a_submitter_who_is_not_an_author_is_refused_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    draft(dir.path());
    let server = serve(Mode::Posted);
    let o = newdraft(dir.path())
        .args(["submit", XML_00])
        .args(["--user", "someone@example.net", "--endpoint", &server.base])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).contains("error[submit/not-author]"), "{}", out(&o));
    assert!(server.seen().is_empty());
}

#[test]
fn every_error_body_becomes_a_finding_with_a_fix() {
    for (mode, code, words, fix) in [
        (
            Mode::Invalid,
            "submit/refused",
            "HTTP 400: Validation Error: Document date must be within 3 days of submission date; Invalid revision (revision 01 is expected)",
            "set the document date to today",
        ),
        (
            Mode::NoSuchUser,
            "submit/refused",
            "HTTP 400: No such user: jane@example.org",
            "accounts/create",
        ),
        (
            Mode::NotAllowed,
            "submit/server-error",
            "HTTP 405: Method not allowed",
            "is not the submission API",
        ),
        (
            Mode::Fails,
            "submit/server-error",
            "HTTP 500: IO Error: [Errno 28] No space left on device",
            "the Datatracker failed, not the draft",
        ),
        (
            Mode::Html,
            "submit/bad-response",
            "HTTP 502 with something other than its API's JSON",
            "the whole answer is on standard error",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        draft(dir.path());
        let server = serve(mode);
        let o = submit(dir.path(), &server, XML_00, &[]);
        assert_eq!(o.status.code(), Some(1), "{mode:?}");
        let text = out(&o);
        assert!(text.contains(&format!("error[{code}]")), "{mode:?}: {text}");
        assert!(text.contains(words), "{mode:?}: {text}");
        assert!(text.contains(fix), "{mode:?}: {text}");
        assert_eq!(posts(&server).len(), 1, "{mode:?}: never retried");
        // The answer is never lost: it is on standard error as received.
        assert!(err(&o).contains("as received"), "{mode:?}: {}", err(&o));
        if mode == Mode::Html {
            assert!(err(&o).contains("<h1>502 Bad Gateway</h1>"), "{}", err(&o));
        }
    }
}

#[test]
fn a_hang_times_out_cleanly_and_is_not_retried() {
    let dir = tempfile::tempdir().unwrap();
    draft(dir.path());
    let server = serve(Mode::Hang);
    let start = Instant::now();
    let o = submit(dir.path(), &server, XML_00, &["--timeout", "1"]);
    assert!(start.elapsed() < Duration::from_secs(15));
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let text = out(&o);
    assert!(
        text.contains("error[submit/server-error]: no answer to the upload"),
        "{text}"
    );
    assert!(text.contains("may or may not have arrived"), "{text}");
    assert_eq!(posts(&server).len(), 1);
}

#[test]
fn a_cancelled_submission_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    draft(dir.path());
    let server = serve(Mode::Cancelled);
    let o = submit(dir.path(), &server, XML_00, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).contains("cancel: cancelled"), "{}", out(&o));
    assert!(out(&o).contains("error[submit/cancelled]"), "{}", out(&o));
}

#[test]
fn a_state_that_waits_for_people_is_left_after_wait() {
    let dir = tempfile::tempdir().unwrap();
    draft(dir.path());
    let server = serve(Mode::GroupApproval);
    let o = submit(dir.path(), &server, XML_00, &["--wait", "0"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(
        out(&o).contains("grp-appr: waiting for the group's chairs"),
        "{}",
        out(&o)
    );
    assert!(
        err(&o).contains("newdraft stops following it here"),
        "{}",
        err(&o)
    );
}
