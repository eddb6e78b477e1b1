//! `newdraft submit` and `newdraft render --remote` through the real binary, against a local
//! HTTP server on 127.0.0.1 that implements the Datatracker's two submission routes
//! (`POST /api/submission`, `GET /api/submission/<id>/status`) and the Author Tools API's
//! render route (`POST /api/render/<format>`) with their response shapes.
//!
//! Shapes from the sources: the upload's success `{"id", "name", "rev", "status_url"}`, its
//! errors `{"error", "messages"}` with 400/405/500 and the status `{"id", "state",
//! "state_desc"}` are those of the Datatracker's `ietf/submit/views.py` (`api_submission`,
//! `api_submission_status`); the error texts are the Datatracker's (`No such user: …`,
//! `Validation Error`, `Method not allowed`, `IO Error`, "Document date must be within 3 days
//! of submission date"). The render answer `{"url", "logs": {"errors", "warnings"}}` follows
//! the Author Tools API. Constructed: the `state_desc` words, the order in which states follow
//! each other, the non-JSON body (a proxy's HTML error page) and the hang.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assert_cmd::Command;

use crate::support::http::{Reply, Request, Server};
use crate::support::tools::{self, KRAMDOWN_RFC};
use crate::support::{self, docs};

/// How the test server answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Upload accepted; the status goes `validating`, `auth`, `posted`.
    Posted,
    /// Upload accepted; the status goes `validating`, `cancel`.
    Cancelled,
    /// Upload accepted; `grp-appr` and stays there.
    GroupApproval,
    /// 400 Validation Error with messages.
    Invalid,
    /// 400 No such user.
    NoSuchUser,
    /// 405 Method not allowed.
    NotAllowed,
    /// 500 IO Error.
    Fails,
    /// 502 with an HTML page.
    Html,
    /// Accepts the connection and never answers.
    Hang,
    /// Upload accepted; the status never answers.
    StatusHang,
    /// Upload accepted; the status answers an HTML page.
    StatusHtml,
}

/// A stand-in for the Datatracker's submission API and the Author Tools API that answers as
/// `mode` says.
fn serve(mode: Mode) -> Server {
    let polls = Arc::new(Mutex::new(0_usize));
    Server::start(move |req, base| answer(req, mode, base, &polls))
}

/// The uploads the server saw.
fn posts(server: &Server) -> Vec<Request> {
    server
        .seen()
        .into_iter()
        .filter(|r| r.method == "POST")
        .collect()
}

fn answer(req: &Request, mode: Mode, base: &str, polls: &Mutex<usize>) -> Option<Reply> {
    let json = "application/json";
    if mode == Mode::Hang {
        std::thread::sleep(Duration::from_secs(30));
        return None;
    }
    let reply: Reply = match (req.method.as_str(), req.path.as_str()) {
        ("POST", "/api/submission") => match mode {
            Mode::Invalid => (
                "400 Bad Request",
                json,
                r#"{"error": "Validation Error", "messages": ["Document date must be within 3 days of submission date", "Invalid revision (revision 01 is expected)"]}"#.into(),
            ),
            Mode::NoSuchUser => (
                "400 Bad Request",
                json,
                r#"{"error": "No such user: jane@example.org"}"#.into(),
            ),
            Mode::NotAllowed => (
                "405 Method Not Allowed",
                json,
                r#"{"error": "Method not allowed"}"#.into(),
            ),
            Mode::Fails => (
                "500 Internal Server Error",
                json,
                r#"{"error": "IO Error", "messages": ["[Errno 28] No space left on device"]}"#.into(),
            ),
            Mode::Html => (
                "502 Bad Gateway",
                "text/html",
                "<html><body><h1>502 Bad Gateway</h1></body></html>".into(),
            ),
            _ => {
                let name = name_in(&req.body);
                let (name, rev) = name.rsplit_once('-').unwrap();
                (
                    "200 OK",
                    json,
                    format!(
                        r#"{{"id": "142", "name": "{name}", "rev": "{rev}", "status_url": "{base}/api/submission/142/status"}}"#
                    ),
                )
            }
        },
        ("GET", "/api/submission/142/status") if mode == Mode::StatusHang => {
            std::thread::sleep(Duration::from_secs(30));
            return None;
        }
        ("GET", "/api/submission/142/status") if mode == Mode::StatusHtml => (
            "503 Service Unavailable",
            "text/html",
            "<html>maintenance</html>".into(),
        ),
        ("GET", "/api/submission/142/status") => {
            let n = {
                let mut p = polls.lock().unwrap();
                *p += 1;
                *p
            };
            let states: &[(&str, &str)] = match mode {
                Mode::Cancelled => &[
                    ("validating", "Validating Submitted Draft"),
                    ("cancel", "Cancelled"),
                ],
                Mode::GroupApproval => &[("grp-appr", "Awaiting Initial Version Approval")],
                _ => &[
                    ("validating", "Validating Submitted Draft"),
                    ("validating", "Validating Submitted Draft"),
                    ("auth", "Awaiting Submitter Authentication"),
                    ("posted", "Posted"),
                ],
            };
            let (state, desc) = states[(n - 1).min(states.len() - 1)];
            (
                "200 OK",
                json,
                format!(r#"{{"id": "142", "state": "{state}", "state_desc": "{desc}"}}"#),
            )
        }
        ("POST", p) if p.starts_with("/api/render/") => {
            let format = &p["/api/render/".len()..];
            match mode {
                Mode::Invalid => (
                    "400 Bad Request",
                    json,
                    r#"{"error": "Unsupported file type."}"#.into(),
                ),
                Mode::Html => ("502 Bad Gateway", "text/html", "<html>502</html>".into()),
                _ => (
                    "200 OK",
                    json,
                    format!(
                        r#"{{"url": "{base}/api/export/abc/draft.{format}", "logs": {{"errors": [], "warnings": ["/tmp/abc/draft.xml(12): Warning: Expected a month name with at least 3 letters"]}}}}"#
                    ),
                ),
            }
        }
        ("GET", p) if p.starts_with("/api/export/abc/") => {
            let body = if p.ends_with("draft.html") {
                "<html>rendered</html>"
            } else if p.ends_with("draft.xml") {
                "<rfc>converted</rfc>"
            } else {
                "rendered text"
            };
            ("200 OK", "text/plain", body.into())
        }
        _ => ("404 Not Found", "text/plain", "not found".into()),
    };
    Some(reply)
}

/// The value of the `xml` part's docName in a multipart body (the Author Tools stand-in's
/// RFCXML has none: then the name of the drafts these tests post).
fn name_in(body: &str) -> String {
    body.find("docName=\"").map_or_else(
        || "draft-doe-dispatch-widget-discovery-00".to_owned(),
        |at| {
            let at = at + 9;
            body[at..at + body[at..].find('"').unwrap()].to_owned()
        },
    )
}

/// The value of a plain multipart field.
fn field(body: &str, name: &str) -> Option<String> {
    let head = format!("name=\"{name}\"\r\n\r\n");
    let at = body.find(&head)? + head.len();
    Some(body[at..at + body[at..].find("\r\n")?].to_owned())
}

/// The binary in `dir`, polling the submission's status every 10 ms.
fn newdraft(dir: &Path) -> Command {
    let mut cmd = support::newdraft(dir);
    cmd.env("NEWDRAFT_POLL_MS", "10");
    cmd
}

/// A filled-in `init` skeleton (XML), ready to post.
fn draft(dir: &Path) -> PathBuf {
    newdraft(dir)
        .args(["init", "doe", "widget-discovery"])
        .args(["--fullname", "Jane Doe", "--email", "jane@example.org"])
        .assert()
        .success();
    let path = dir.join("draft-doe-dispatch-widget-discovery-00.xml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("TODO", "Filled in")).unwrap();
    path
}

fn submit(dir: &Path, server: &Server, file: &str, extra: &[&str]) -> Output {
    newdraft(dir)
        .args([
            "submit",
            file,
            "--user",
            "jane@example.org",
            "--endpoint",
            &server.base,
        ])
        .args(extra)
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_00_is_posted_and_every_state_is_said_in_words() {
    let dir = tempfile::tempdir().unwrap();
    draft(dir.path());
    let server = serve(Mode::Posted);
    let o = submit(
        dir.path(),
        &server,
        "draft-doe-dispatch-widget-discovery-00.xml",
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    let text = out(&o);
    assert!(
        text.contains("uploaded draft-doe-dispatch-widget-discovery-00: submission 142"),
        "{text}"
    );
    let states: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_once(": ").map(|(s, _)| s))
        .filter(|s| ["validating", "auth", "posted"].contains(s))
        .collect();
    assert_eq!(states, ["validating", "auth", "posted"], "{text}");
    assert!(
        text.contains("auth: confirm the mail the Datatracker sent you"),
        "{text}"
    );
    assert!(
        text.contains("posted: draft-doe-dispatch-widget-discovery-00 is on the Datatracker"),
        "{text}"
    );
    let posts = posts(&server);
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].path, "/api/submission");
    assert_eq!(
        field(&posts[0].body, "user").as_deref(),
        Some("jane@example.org")
    );
    assert!(
        posts[0]
            .body
            .contains("name=\"xml\"; filename=\"draft-doe-dispatch-widget-discovery-00.xml\"")
    );
    assert!(
        posts[0]
            .body
            .contains("docName=\"draft-doe-dispatch-widget-discovery-00\"")
    );
    assert_eq!(field(&posts[0].body, "replaces"), None);
}

#[test]
fn an_adopted_00_replaces_the_individual_draft_from_newdraft_toml() {
    let dir = tempfile::tempdir().unwrap();
    draft(dir.path());
    newdraft(dir.path())
        .args([
            "adopt",
            "draft-doe-dispatch-widget-discovery-00.xml",
            "--wg",
            "dispatch",
        ])
        .assert()
        .success();
    let server = serve(Mode::Posted);
    let o = submit(
        dir.path(),
        &server,
        "draft-ietf-dispatch-widget-discovery-00.xml",
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    assert!(
        out(&o).contains("replacing draft-doe-dispatch-widget-discovery"),
        "{}",
        out(&o)
    );
    let posts = posts(&server);
    assert_eq!(posts.len(), 1);
    assert_eq!(
        field(&posts[0].body, "replaces").as_deref(),
        Some("draft-doe-dispatch-widget-discovery")
    );
}

#[test]
fn a_01_is_posted_without_replaces() {
    let dir = tempfile::tempdir().unwrap();
    draft(dir.path());
    newdraft(dir.path())
        .args(["bump", "draft-doe-dispatch-widget-discovery-00.xml"])
        .assert()
        .success();
    let server = serve(Mode::Posted);
    let o = submit(
        dir.path(),
        &server,
        "draft-doe-dispatch-widget-discovery-01.xml",
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    let posts = posts(&server);
    assert!(
        posts[0]
            .body
            .contains("docName=\"draft-doe-dispatch-widget-discovery-01\"")
    );
    assert_eq!(field(&posts[0].body, "replaces"), None);
    assert!(out(&o).contains("posted: draft-doe-dispatch-widget-discovery-01"));
}

#[test]
fn dry_run_shows_what_would_be_sent_and_sends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    draft(dir.path());
    newdraft(dir.path())
        .args([
            "adopt",
            "draft-doe-dispatch-widget-discovery-00.xml",
            "--wg",
            "dispatch",
        ])
        .assert()
        .success();
    let server = serve(Mode::Posted);
    let o = submit(
        dir.path(),
        &server,
        "draft-ietf-dispatch-widget-discovery-00.xml",
        &["--dry-run"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = out(&o);
    assert!(text.starts_with(&format!("would POST {}/api/submission (multipart/form-data):\n  user: jane@example.org\n  xml: draft-ietf-dispatch-widget-discovery-00.xml (", server.base)), "{text}");
    assert!(
        text.contains("  replaces: draft-doe-dispatch-widget-discovery\n"),
        "{text}"
    );
    assert!(text.contains("nothing was sent (--dry-run)"), "{text}");
    assert!(server.seen().is_empty());
}

#[test]
fn the_skeleton_is_refused_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    newdraft(dir.path())
        .args(["init", "doe", "widget-discovery"])
        .args(["--fullname", "Jane Doe", "--email", "jane@example.org"])
        .assert()
        .success();
    let server = serve(Mode::Posted);
    let o = submit(
        dir.path(),
        &server,
        "draft-doe-dispatch-widget-discovery-00.xml",
        &[],
    );
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
        .args(["submit", "draft-doe-dispatch-widget-discovery-00.xml"])
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
        let o = submit(
            dir.path(),
            &server,
            "draft-doe-dispatch-widget-discovery-00.xml",
            &[],
        );
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
    let o = submit(
        dir.path(),
        &server,
        "draft-doe-dispatch-widget-discovery-00.xml",
        &["--timeout", "1"],
    );
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
    let o = submit(
        dir.path(),
        &server,
        "draft-doe-dispatch-widget-discovery-00.xml",
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).contains("cancel: cancelled"), "{}", out(&o));
    assert!(out(&o).contains("error[submit/cancelled]"), "{}", out(&o));
}

#[test]
fn a_state_that_waits_for_people_is_left_after_wait() {
    let dir = tempfile::tempdir().unwrap();
    draft(dir.path());
    let server = serve(Mode::GroupApproval);
    let o = submit(
        dir.path(),
        &server,
        "draft-doe-dispatch-widget-discovery-00.xml",
        &["--wait", "0"],
    );
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

#[test]
fn render_remote_writes_text_and_html_and_reports_the_logs() {
    let dir = tempfile::tempdir().unwrap();
    draft(dir.path());
    let server = serve(Mode::Posted);
    let o = newdraft(dir.path())
        .args([
            "render",
            "draft-doe-dispatch-widget-discovery-00.xml",
            "--remote",
        ])
        .args(["--endpoint", &server.base, "--out", "out"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    let text = out(&o);
    assert!(
        text.contains("wrote out/draft-doe-dispatch-widget-discovery-00.txt"),
        "{text}"
    );
    assert!(
        text.contains(":12: warning[render/warning]: Author Tools: Expected a month name"),
        "{text}"
    );
    assert_eq!(
        std::fs::read_to_string(
            dir.path()
                .join("out/draft-doe-dispatch-widget-discovery-00.html")
        )
        .unwrap(),
        "<html>rendered</html>"
    );
    let paths: Vec<String> = posts(&server).into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/api/render/text", "/api/render/html"]);
    assert!(
        posts(&server)[0]
            .body
            .contains("name=\"file\"; filename=\"draft-doe-dispatch-widget-discovery-00.xml\"")
    );
}

#[test]
fn render_remote_turns_errors_and_garbage_into_findings() {
    for (mode, words) in [
        (
            Mode::Invalid,
            "error[render/error]: Author Tools: Unsupported file type.",
        ),
        (Mode::Html, "something other than the API's JSON"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        draft(dir.path());
        let server = serve(mode);
        let o = newdraft(dir.path())
            .args([
                "render",
                "draft-doe-dispatch-widget-discovery-00.xml",
                "--remote",
            ])
            .args(["--endpoint", &server.base])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{mode:?}");
        assert!(out(&o).contains(words), "{mode:?}: {}", out(&o));
    }
}

// The same server serves the walkthrough of docs/path.md: its `submit` transcripts are what the
// command prints, with the server's address for the Datatracker's.
#[test]
fn the_documented_submit_transcripts_are_what_submit_prints() {
    let blocks = docs::transcripts("docs/path.md", "submit ");
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    // The size of the XML depends on today's date.
    let sizes = regex::Regex::new(r"\(\d+ bytes, \d+ lines\)").unwrap();
    for (cmd, expected) in blocks {
        let dir = tempfile::tempdir().unwrap();
        draft(dir.path());
        if cmd.starts_with("submit draft-ietf-sipcore") {
            newdraft(dir.path())
                .args(["bump", "draft-doe-dispatch-widget-discovery-00.xml"])
                .assert()
                .success();
            newdraft(dir.path())
                .args([
                    "adopt",
                    "draft-doe-dispatch-widget-discovery-01.xml",
                    "--wg",
                    "sipcore",
                ])
                .assert()
                .success();
        }
        let server = serve(Mode::Posted);
        let o = newdraft(dir.path())
            .args(cmd.split_whitespace())
            .args(["--endpoint", &server.base])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{cmd}: {}", err(&o));
        let expected = expected.replace("https://datatracker.ietf.org", &server.base);
        assert_eq!(
            sizes.replace_all(&out(&o), "(N bytes, N lines)"),
            sizes.replace_all(&expected, "(N bytes, N lines)"),
            "{cmd}"
        );
    }
}

#[test]
fn with_json_the_report_is_alone_on_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    draft(dir.path());
    let server = serve(Mode::Invalid);
    let o = submit(
        dir.path(),
        &server,
        "draft-doe-dispatch-widget-discovery-00.xml",
        &["--format", "json"],
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["findings"][0]["code"], "submit/refused");
    assert!(err(&o).contains("submitting draft-doe-dispatch-widget-discovery-00"));
}

/// A `PATH` with kramdown-rfc first, or `None` (noted) when it is missing.
fn tools_path() -> Option<std::ffi::OsString> {
    tools::path_with(&[KRAMDOWN_RFC])
}

#[test]
fn markdown_is_converted_first_and_the_rfcxml_is_posted() {
    let Some(path) = tools_path() else { return };
    let dir = tempfile::tempdir().unwrap();
    newdraft(dir.path())
        .env("PATH", &path)
        .args(["init", "doe", "widget-discovery", "--format", "md"])
        .args(["--fullname", "Jane Doe", "--email", "jane@example.org"])
        .assert()
        .success();
    let md = dir.path().join("draft-doe-dispatch-widget-discovery-00.md");
    let text = std::fs::read_to_string(&md).unwrap();
    std::fs::write(&md, text.replace("TODO", "Filled in")).unwrap();
    let server = serve(Mode::Posted);
    // --dry-run converts, shows, and writes and sends nothing.
    let o = newdraft(dir.path())
        .env("PATH", &path)
        .args([
            "submit",
            "draft-doe-dispatch-widget-discovery-00.md",
            "--dry-run",
        ])
        .args(["--user", "jane@example.org", "--endpoint", &server.base])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    assert!(out(&o).contains("  xml: draft-doe-dispatch-widget-discovery-00.xml ("));
    assert!(
        !dir.path()
            .join("draft-doe-dispatch-widget-discovery-00.xml")
            .exists()
    );
    assert!(server.seen().is_empty());
    let o = newdraft(dir.path())
        .env("PATH", &path)
        .args(["submit", "draft-doe-dispatch-widget-discovery-00.md"])
        .args(["--user", "jane@example.org", "--endpoint", &server.base])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    let posts = posts(&server);
    assert_eq!(posts.len(), 1);
    assert!(
        posts[0]
            .body
            .contains("name=\"xml\"; filename=\"draft-doe-dispatch-widget-discovery-00.xml\"")
    );
    assert!(
        posts[0].body.contains("<rfc "),
        "the RFCXML, not the Markdown"
    );
    assert!(
        posts[0]
            .body
            .contains("docName=\"draft-doe-dispatch-widget-discovery-00\"")
    );
    assert!(!posts[0].body.contains("--- abstract"));
    assert!(out(&o).contains("posted: draft-doe-dispatch-widget-discovery-00"));
    // What was posted is kept beside the source.
    let kept = std::fs::read_to_string(
        dir.path()
            .join("draft-doe-dispatch-widget-discovery-00.xml"),
    )
    .unwrap();
    assert!(posts[0].body.contains(&kept));
    assert!(
        err(&o).contains("the RFCXML that is posted is in"),
        "{}",
        err(&o)
    );
}

#[test]
fn a_series_info_that_disagrees_with_the_doc_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = draft(dir.path());
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "value=\"draft-doe-dispatch-widget-discovery-00\"",
            "value=\"draft-doe-dispatch-widget-discovery-01\"",
        ),
    )
    .unwrap();
    let server = serve(Mode::Posted);
    let o = submit(
        dir.path(),
        &server,
        "draft-doe-dispatch-widget-discovery-00.xml",
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        out(&o).contains("error[doc/seriesinfo-mismatch]"),
        "{}",
        out(&o)
    );
    assert!(server.seen().is_empty());
}

#[test]
fn a_status_that_hangs_or_is_garbage_is_a_finding_and_the_upload_is_not_repeated() {
    for (mode, code, words) in [
        (
            Mode::StatusHang,
            "submit/server-error",
            "the status did not answer",
        ),
        (
            Mode::StatusHtml,
            "submit/bad-response",
            "the status answered HTTP 503: `<html>maintenance</html>`",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        draft(dir.path());
        let server = serve(mode);
        let start = Instant::now();
        let o = submit(
            dir.path(),
            &server,
            "draft-doe-dispatch-widget-discovery-00.xml",
            &["--timeout", "1"],
        );
        assert!(start.elapsed() < Duration::from_secs(15));
        assert_eq!(o.status.code(), Some(1), "{mode:?}");
        let text = out(&o);
        assert!(
            text.contains("uploaded draft-doe-dispatch-widget-discovery-00"),
            "{text}"
        );
        assert!(
            text.contains(&format!("error[{code}]: {words}")),
            "{mode:?}: {text}"
        );
        assert!(text.contains("the upload arrived; follow it at"), "{text}");
        assert_eq!(posts(&server).len(), 1);
    }
}

#[test]
fn a_cached_index_warns_of_a_skipped_revision_before_the_upload() {
    let dir = tempfile::tempdir().unwrap();
    let path = draft(dir.path());
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        dir.path()
            .join("draft-doe-dispatch-widget-discovery-02.xml"),
        text.replace("widget-discovery-00", "widget-discovery-02"),
    )
    .unwrap();
    let today = support::today();
    std::fs::write(
        dir.path().join("all_id.txt"),
        format!(
            "\nInternet-Drafts Status Summary\n\ndraft-doe-dispatch-widget-discovery-00\t{today}\tActive\t\n"
        ),
    )
    .unwrap();
    newdraft(dir.path())
        .args(["index", "update", "--from", "all_id.txt"])
        .assert()
        .success();
    let server = serve(Mode::Posted);
    let o = submit(
        dir.path(),
        &server,
        "draft-doe-dispatch-widget-discovery-02.xml",
        &["--dry-run"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(
        out(&o).contains("warning[index/skipped-revision]"),
        "{}",
        out(&o)
    );
    assert!(server.seen().is_empty());
}

#[test]
fn a_stale_cached_index_is_said_before_the_upload() {
    let dir = tempfile::tempdir().unwrap();
    let path = draft(dir.path());
    let old = support::today() - chrono::Duration::days(90);
    std::fs::write(
        dir.path().join("all_id.txt"),
        format!("\nInternet-Drafts Status Summary\n\ndraft-doe-other-thing-00\t{old}\tActive\t\n"),
    )
    .unwrap();
    newdraft(dir.path())
        .args(["index", "update", "--from", "all_id.txt"])
        .assert()
        .success();
    let server = serve(Mode::Posted);
    let name = path.file_name().unwrap().to_str().unwrap().to_owned();
    let o = submit(dir.path(), &server, &name, &["--dry-run"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(
        err(&o).contains(&format!("the Datatracker's index is of {old}, 90 days ago")),
        "{}",
        err(&o)
    );
}

#[test]
fn remote_converts_markdown_with_the_author_tools_api_then_posts_it() {
    let dir = tempfile::tempdir().unwrap();
    newdraft(dir.path())
        .args(["init", "doe", "widget-discovery", "--format", "md"])
        .args(["--fullname", "Jane Doe", "--email", "jane@example.org"])
        .assert()
        .success();
    let md = dir.path().join("draft-doe-dispatch-widget-discovery-00.md");
    let text = std::fs::read_to_string(&md).unwrap();
    std::fs::write(&md, text.replace("TODO", "Filled in")).unwrap();
    let server = serve(Mode::Posted);
    // No renderer on the PATH: the API does the conversion.
    let o = newdraft(dir.path())
        .env("PATH", dir.path().join("no-tools"))
        .args([
            "submit",
            "draft-doe-dispatch-widget-discovery-00.md",
            "--remote",
        ])
        .args(["--user", "jane@example.org"])
        .args(["--endpoint", &server.base, "--author-tools", &server.base])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    let posts = posts(&server);
    let paths: Vec<&str> = posts.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(paths, ["/api/render/xml", "/api/submission"]);
    assert!(
        posts[0].body.contains("--- abstract"),
        "the Markdown goes to the API"
    );
    assert!(
        posts[1].body.contains("<rfc>converted</rfc>"),
        "{}",
        posts[1].body
    );
    // The API's warning is shown; it does not stop the upload.
    assert!(out(&o).contains("warning[render/warning]"), "{}", out(&o));
}

#[test]
fn a_source_that_does_not_parse_is_refused_with_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    let path = draft(dir.path());
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("</middle>", "")).unwrap();
    let server = serve(Mode::Posted);
    let o = submit(
        dir.path(),
        &server,
        "draft-doe-dispatch-widget-discovery-00.xml",
        &[],
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(out(&o).contains("error[submit/malformed]"), "{}", out(&o));
    assert!(err(&o).contains("nothing was sent"), "{}", err(&o));
    assert!(server.seen().is_empty());
}
