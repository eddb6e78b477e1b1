//! The sources `submit` posts: Markdown converted first (locally or by the Author Tools API),
//! RFCXML refused when it disagrees with itself or does not parse, what the index knows.

use super::*;

/// A `PATH` with kramdown-rfc first, or `None` (noted) when it is missing.
fn tools_path() -> Option<std::ffi::OsString> {
    tools::path_with(&[KRAMDOWN_RFC])
}

/// The Datatracker's index cached in `dir` (`newdraft index update`) from a copy of
/// `all_id.txt` listing `entries` (its lines, each ending in a line break).
fn cached_index(dir: &Path, entries: &str) {
    std::fs::write(
        dir.join("all_id.txt"),
        format!("\nInternet-Drafts Status Summary\n\n{entries}"),
    )
    .unwrap();
    newdraft(dir)
        .args(["index", "update", "--from", "all_id.txt"])
        .assert()
        .success();
}

#[test]
fn markdown_is_converted_first_and_the_rfcxml_is_posted() {
    let Some(path) = tools_path() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut init = newdraft(dir.path());
    init.env("PATH", &path);
    markdown_draft(init, dir.path());
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
    assert!(!dir.path().join(XML_00).exists());
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
    let kept = std::fs::read_to_string(dir.path().join(XML_00)).unwrap();
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
    let o = submit(dir.path(), &server, XML_00, &[]);
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
        let o = submit(dir.path(), &server, XML_00, &["--timeout", "1"]);
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
    cached_index(
        dir.path(),
        &format!("draft-doe-dispatch-widget-discovery-00\t{today}\tActive\t\n"),
    );
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
    cached_index(
        dir.path(),
        &format!("draft-doe-other-thing-00\t{old}\tActive\t\n"),
    );
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
    markdown_draft(newdraft(dir.path()), dir.path());
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
    let o = submit(dir.path(), &server, XML_00, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(out(&o).contains("error[submit/malformed]"), "{}", out(&o));
    assert!(err(&o).contains("nothing was sent"), "{}", err(&o));
    assert!(server.seen().is_empty());
}
