//! `newdraft render` through the real binary with the real renderers, offline: a filled-in
//! skeleton renders to text and HTML with zero findings (XML, and Markdown through
//! kramdown-rfc), xml2rfc's errors and warnings are findings with their lines, and a missing
//! renderer is one error naming what to install.
//!
//! The tools are found, or skipped with a note, as `support::tools` says.

use std::ffi::OsString;
use std::path::Path;

use assert_cmd::Command;

use crate::support::tools::{self, KRAMDOWN_RFC, XML2RFC};
use crate::support::{self, both as out, docs};

/// A `PATH` with the renderers first, or `None` (noted) when one is missing.
fn tools_path() -> Option<OsString> {
    tools::path_with(&[XML2RFC, KRAMDOWN_RFC])
}

/// The binary in `dir` with `path` as its `PATH` and an empty reference cache.
fn newdraft(dir: &Path, path: &OsString) -> Command {
    let mut cmd = support::newdraft(dir);
    cmd.env("PATH", path).env(
        "NEWDRAFT_REFERENCE_CACHE",
        dir.join("empty-reference-cache"),
    );
    cmd
}

/// A filled-in `init` skeleton in `format`; its file name.
fn filled(dir: &Path, path: &OsString, format: &str) -> String {
    newdraft(dir, path)
        .args(["init", "doe", "widget-discovery", "--format", format])
        .args(["--fullname", "Jane Doe", "--email", "jane@example.org"])
        .assert()
        .success();
    let file = format!("draft-doe-dispatch-widget-discovery-00.{format}");
    let text = std::fs::read_to_string(dir.join(&file)).unwrap();
    std::fs::write(dir.join(&file), text.replace("TODO", "Filled in")).unwrap();
    file
}

#[test]
fn a_filled_in_skeleton_renders_to_text_and_html_with_no_findings() {
    let Some(path) = tools_path() else { return };
    for format in ["xml", "md"] {
        let dir = tempfile::tempdir().unwrap();
        let file = filled(dir.path(), &path, format);
        // The gate passes too: this is the "done when".
        newdraft(dir.path(), &path)
            .args(["check", "--submission", &file])
            .assert()
            .success();
        let o = newdraft(dir.path(), &path)
            .args(["render", &file, "--out", "out"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{format}: {}", out(&o));
        let text = String::from_utf8(o.stdout).unwrap();
        assert!(
            text.ends_with("no problems in 1 file\n"),
            "{format}: {text}"
        );
        for ext in ["txt", "html"] {
            let written = dir
                .path()
                .join(format!("out/draft-doe-dispatch-widget-discovery-00.{ext}"));
            assert!(written.is_file(), "{format}: {text}");
        }
        let rendered = std::fs::read_to_string(
            dir.path()
                .join("out/draft-doe-dispatch-widget-discovery-00.txt"),
        )
        .unwrap();
        assert!(
            rendered.contains("draft-doe-dispatch-widget-discovery-00"),
            "{format}"
        );
        if format == "md" {
            assert!(
                dir.path()
                    .join("out/draft-doe-dispatch-widget-discovery-00.xml")
                    .is_file()
            );
        }
    }
}

#[test]
fn xml2rfc_errors_and_warnings_are_findings_with_lines() {
    let Some(path) = tools_path() else { return };
    let dir = tempfile::tempdir().unwrap();
    let file = filled(dir.path(), &path, "xml");
    let p = dir.path().join(&file);
    let text = std::fs::read_to_string(&p).unwrap();
    // An unused reference: a warning, once (not once per output format).
    std::fs::write(&p, text.replace("<xref target=\"RFC8174\"/>", "")).unwrap();
    let o = newdraft(dir.path(), &path)
        .args(["render", &file, "--out", "out", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{v}");
    assert_eq!(findings[0]["code"], "render/warning");
    assert!(findings[0]["line"].as_u64().is_some());
    assert!(
        findings[0]["message"]
            .as_str()
            .unwrap()
            .contains("Unused reference: There seems to be no reference to [RFC8174]")
    );

    // A cross-reference to nothing: an error, and the command fails.
    std::fs::write(
        &p,
        text.replace("<xref target=\"use-cases\"/>", "<xref target=\"nowhere\"/>"),
    )
    .unwrap();
    let o = newdraft(dir.path(), &path)
        .args(["render", &file, "--out", "out"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(
        out(&o).contains("error[render/error]: xml2rfc: "),
        "{}",
        out(&o)
    );
    assert!(out(&o).contains("nowhere"), "{}", out(&o));
}

#[test]
fn a_missing_renderer_is_one_error_naming_what_to_install() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft-a-b-00.xml"), "<rfc/>").unwrap();
    let empty = dir.path().join("empty-bin");
    std::fs::create_dir_all(&empty).unwrap();
    let o = newdraft(dir.path(), &empty.into_os_string())
        .args(["render", "draft-a-b-00.xml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: xml2rfc is not installed, and `render` needs it; install it: "),
        "{err}"
    );
    assert!(err.contains("pipx install xml2rfc"), "{err}");

    // Markdown needs kramdown-rfc first, and says so.
    std::fs::write(
        dir.path().join("draft-a-b-00.md"),
        "---\ntitle: T\ndocname: draft-a-b-00\n---\n\n# Introduction\n\nText.\n",
    )
    .unwrap();
    let o = newdraft(dir.path(), &dir.path().join("empty-bin").into_os_string())
        .args(["render", "draft-a-b-00.md"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.starts_with(
            "error: kramdown-rfc is not installed, and `render` needs it for Markdown; install it: "
        ),
        "{err}"
    );
    assert!(err.contains("kramdown-rfc"), "{err}");
}

// The documented `render` transcript (docs/path.md) is what `render` prints for a filled-in
// skeleton.
#[test]
fn the_documented_render_transcript_is_what_render_prints() {
    let Some(path) = tools_path() else { return };
    let (cmd, expected) = docs::transcript("docs/path.md", "render ");
    let dir = tempfile::tempdir().unwrap();
    filled(dir.path(), &path, "xml");
    let o = newdraft(dir.path(), &path)
        .args(cmd.split_whitespace())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert_eq!(String::from_utf8(o.stdout).unwrap(), expected);
}

#[test]
fn markdown_renders_again_over_its_own_xml_but_never_over_a_hand_written_one() {
    let Some(path) = tools_path() else { return };
    let dir = tempfile::tempdir().unwrap();
    let file = filled(dir.path(), &path, "md");
    for _ in 0..2 {
        newdraft(dir.path(), &path)
            .args(["render", &file])
            .assert()
            .success();
    }
    let xml = dir
        .path()
        .join("draft-doe-dispatch-widget-discovery-00.xml");
    std::fs::write(&xml, "<rfc>mine</rfc>").unwrap();
    let o = newdraft(dir.path(), &path)
        .args(["render", &file])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        out(&o).contains("kramdown-rfc did not write it"),
        "{}",
        out(&o)
    );
    assert_eq!(std::fs::read_to_string(&xml).unwrap(), "<rfc>mine</rfc>");
}
