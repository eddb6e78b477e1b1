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

mod refusals;
mod remote;
mod sources;

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

/// The server's answer to `req`, by route: `None` when it never answers.
fn answer(req: &Request, mode: Mode, base: &str, polls: &Mutex<usize>) -> Option<Reply> {
    if mode == Mode::Hang {
        std::thread::sleep(Duration::from_secs(30));
        return None;
    }
    let reply: Reply = match (req.method.as_str(), req.path.as_str()) {
        ("POST", "/api/submission") => upload(req, mode, base),
        ("GET", "/api/submission/142/status") => return status(mode, polls),
        ("POST", p) if p.starts_with("/api/render/") => {
            render(&p["/api/render/".len()..], mode, base)
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

const JSON: &str = "application/json";

/// The answer to an upload (`POST /api/submission`): an error, or the submission accepted.
fn upload(req: &Request, mode: Mode, base: &str) -> Reply {
    match mode {
        Mode::Invalid => (
            "400 Bad Request",
            JSON,
            r#"{"error": "Validation Error", "messages": ["Document date must be within 3 days of submission date", "Invalid revision (revision 01 is expected)"]}"#.into(),
        ),
        Mode::NoSuchUser => (
            "400 Bad Request",
            JSON,
            r#"{"error": "No such user: jane@example.org"}"#.into(),
        ),
        Mode::NotAllowed => (
            "405 Method Not Allowed",
            JSON,
            r#"{"error": "Method not allowed"}"#.into(),
        ),
        Mode::Fails => (
            "500 Internal Server Error",
            JSON,
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
                JSON,
                format!(
                    r#"{{"id": "142", "name": "{name}", "rev": "{rev}", "status_url": "{base}/api/submission/142/status"}}"#
                ),
            )
        }
    }
}

/// The answer to a status poll (`GET /api/submission/142/status`): the next state of the
/// submission as `mode` has it go, counted in `polls`; `None` when it never answers.
fn status(mode: Mode, polls: &Mutex<usize>) -> Option<Reply> {
    match mode {
        Mode::StatusHang => {
            std::thread::sleep(Duration::from_secs(30));
            return None;
        }
        Mode::StatusHtml => {
            return Some((
                "503 Service Unavailable",
                "text/html",
                "<html>maintenance</html>".into(),
            ));
        }
        _ => {}
    }
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
    Some((
        "200 OK",
        JSON,
        format!(r#"{{"id": "142", "state": "{state}", "state_desc": "{desc}"}}"#),
    ))
}

/// The Author Tools API's answer to `POST /api/render/<format>`.
fn render(format: &str, mode: Mode, base: &str) -> Reply {
    match mode {
        Mode::Invalid => (
            "400 Bad Request",
            JSON,
            r#"{"error": "Unsupported file type."}"#.into(),
        ),
        Mode::Html => ("502 Bad Gateway", "text/html", "<html>502</html>".into()),
        _ => (
            "200 OK",
            JSON,
            format!(
                r#"{{"url": "{base}/api/export/abc/draft.{format}", "logs": {{"errors": [], "warnings": ["/tmp/abc/draft.xml(12): Warning: Expected a month name with at least 3 letters"]}}}}"#
            ),
        ),
    }
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

/// The file `init` makes for these tests' draft, in XML: what they post.
const XML_00: &str = "draft-doe-dispatch-widget-discovery-00.xml";

/// A filled-in `init` skeleton (XML), ready to post.
fn draft(dir: &Path) -> PathBuf {
    filled(newdraft(dir), dir, &[], "xml")
}

/// [`draft`] adopted by DISPATCH (`newdraft adopt --wg dispatch`): what it writes is
/// [`ADOPTED_00`].
fn adopted_draft(dir: &Path) {
    draft(dir);
    newdraft(dir)
        .args(["adopt", XML_00, "--wg", "dispatch"])
        .assert()
        .success();
}

/// The file `adopt --wg dispatch` makes of [`XML_00`].
const ADOPTED_00: &str = "draft-ietf-dispatch-widget-discovery-00.xml";

/// A filled-in `init` skeleton in Markdown, ready to convert and post, made by `init` (the
/// binary in `dir`, with what the test sets).
fn markdown_draft(init: Command, dir: &Path) -> PathBuf {
    filled(init, dir, &["--format", "md"], "md")
}

/// `init`'s skeleton (with `args`) made by `init` in `dir`, every TODO then filled in: the path
/// of the `.ext` file.
fn filled(mut init: Command, dir: &Path, args: &[&str], ext: &str) -> PathBuf {
    init.args(["init", "doe", "widget-discovery"])
        .args(args)
        .args(["--fullname", "Jane Doe", "--email", "jane@example.org"])
        .assert()
        .success();
    let path = dir.join(format!("draft-doe-dispatch-widget-discovery-00.{ext}"));
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
    let o = submit(dir.path(), &server, XML_00, &[]);
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
    adopted_draft(dir.path());
    let server = serve(Mode::Posted);
    let o = submit(dir.path(), &server, ADOPTED_00, &[]);
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
        .args(["bump", XML_00])
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
    adopted_draft(dir.path());
    let server = serve(Mode::Posted);
    let o = submit(dir.path(), &server, ADOPTED_00, &["--dry-run"]);
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
