//! `render --remote` and `submit`'s documented transcripts and JSON output.

use super::*;

#[test]
fn render_remote_writes_text_and_html_and_reports_the_logs() {
    let dir = tempfile::tempdir().unwrap();
    draft(dir.path());
    let server = serve(Mode::Posted);
    let o = newdraft(dir.path())
        .args(["render", XML_00, "--remote"])
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
            .args(["render", XML_00, "--remote"])
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
                .args(["bump", XML_00])
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
    let o = submit(dir.path(), &server, XML_00, &["--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["findings"][0]["code"], "submit/refused");
    assert!(err(&o).contains("submitting draft-doe-dispatch-widget-discovery-00"));
}
