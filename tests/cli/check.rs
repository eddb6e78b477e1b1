//! `newdraft check` through the real binary: trees of drafts, names, the three output formats,
//! adoption (flags and `newdraft.toml`), revision histories (files and git tags) and the exit
//! statuses.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Output;

use serde_json::Value;
use snapbox::{assert_data_eq, str};
use tempfile::TempDir;

use crate::support::{self, api, git, newdraft, stderr, stdout, tree};

/// RFCXML with `docName` on line 5 and `seriesInfo` on line 8.
fn xml(docname: &str, series: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rfc [
  <!ENTITY nbsp "&#160;">
]>
<rfc xmlns:xi="http://www.w3.org/2001/XInclude" category="info" docName="{docname}" ipr="trust200902" submissionType="IETF" version="3">
  <front>
    <title>Widgets</title>
    <seriesInfo name="Internet-Draft" value="{series}"/>
  </front>
  <middle><section><name>Introduction</name><t>Text.</t></section></middle>
</rfc>
"#
    )
}

/// kramdown-rfc with `docname:` on line 3.
fn md(docname: &str) -> String {
    format!(
        "---\ntitle: Widgets\ndocname: {docname}\ncategory: info\n---\n\n# Introduction\n\nText.\n"
    )
}

/// A text draft whose first page carries `name` on line 7.
fn txt(name: &str) -> String {
    format!(
        "\n\n\nDISPATCH                                                          J. Doe\nInternet-Draft                                                   Example\nIntended status: Informational                          25 November 2026\n{name:>72}\n\n                                Widgets\n"
    )
}

fn run(dir: &Path, args: &[&str]) -> Output {
    newdraft(dir).arg("check").args(args).output().unwrap()
}

/// `check --format json` and its findings as (path, line, code) triples.
fn json(dir: &Path, args: &[&str]) -> (i32, Value, Vec<(Value, Value, String)>) {
    let out = newdraft(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&out), stderr(&out)));
    let triples = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].clone(),
                f["line"].clone(),
                f["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (out.status.code().unwrap(), v, triples)
}

fn codes(triples: &[(Value, Value, String)]) -> Vec<&str> {
    triples.iter().map(|t| t.2.as_str()).collect()
}

const NAME: &str = "draft-doe-dispatch-widgets";

#[test]
fn a_versioned_xml_draft_passes() {
    let d = tree(&[(
        "draft-doe-dispatch-widgets-00.xml",
        &xml(
            "draft-doe-dispatch-widgets-00",
            "draft-doe-dispatch-widgets-00",
        ),
    )]);
    let out = run(d.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "no problems in 1 file\n");
    // Only the one note that there is no Datatracker index.
    assert_eq!(stderr(&out), format!("{}\n", api::NO_INDEX_NOTE));
}

#[test]
fn an_unversioned_markdown_draft_with_latest_passes() {
    let d = tree(&[(
        "draft-doe-dispatch-widgets.md",
        &md("draft-doe-dispatch-widgets-latest"),
    )]);
    let (code, v, findings) = json(d.path(), &[]);
    assert_eq!((code, findings.len()), (0, 0), "{v}");
    assert_eq!(v["counts"]["files"], 1);

    // Unversioned, but declaring a revision: the kramdown-rfc and mmark layout (the name
    // comes from the declared name). Fine, as long as the names agree.
    let d = tree(&[(
        "draft-doe-dispatch-widgets.md",
        &md("draft-doe-dispatch-widgets-00"),
    )]);
    let (code, v, findings) = json(d.path(), &[]);
    assert_eq!((code, findings.len()), (0, 0), "{v}");
    assert_eq!(v["drafts"][0]["name"], "draft-doe-dispatch-widgets-00");
    let d = tree(&[(
        "draft-doe-dispatch-widgets.md",
        &md("draft-doe-dispatch-gadgets-00"),
    )]);
    let (code, _, findings) = json(d.path(), &[]);
    assert_eq!((code, codes(&findings)), (1, vec!["doc/name-mismatch"]));
}

#[test]
fn a_versioned_markdown_source_is_not_a_submission_file() {
    // R8 is about uploads: `.md` sources are fine locally, with or without a revision.
    let d = tree(&[
        (
            "draft-doe-dispatch-widgets-00.md",
            &md("draft-doe-dispatch-widgets-00"),
        ),
        (
            "draft-doe-dispatch-widgets-00.txt",
            &txt("draft-doe-dispatch-widgets-00"),
        ),
    ]);
    let (code, v, findings) = json(d.path(), &[]);
    assert_eq!((code, findings.len()), (0, 0), "{v}");
    assert_eq!(v["counts"]["files"], 2);
}

#[test]
fn a_draft_ietf_file_fails_until_adopted_and_says_what_to_do() {
    let files = [(
        "draft-ietf-dispatch-widgets-00.xml",
        xml(
            "draft-ietf-dispatch-widgets-00",
            "draft-ietf-dispatch-widgets-00",
        ),
    )];
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let d = tree(&files);
    let out = run(d.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    // Judged once, where the name is written, not again for the file name; the hint says
    // what to do.
    assert_data_eq!(
        stdout(&out),
        str![[r#"
draft-ietf-dispatch-widgets-00.xml:5: error[stream/not-adopted]: `draft-ietf-` names are only for drafts a working group has adopted, and nothing says `dispatch` adopted this one
  hint: until adoption use `draft-<surname>-dispatch-widgets`; once `dispatch` adopts it, post `draft-ietf-dispatch-widgets-00` and record it (`newdraft adopt`, or `--adopted-by dispatch`)
1 error, 0 warnings in 1 file

"#]]
    );

    // `--adopted-by` for this run.
    assert_eq!(
        run(d.path(), &["--adopted-by", "dispatch"]).status.code(),
        Some(0)
    );
    assert_eq!(
        run(d.path(), &["--adopted-by", "sipcore"]).status.code(),
        Some(1)
    );

    // `newdraft.toml` at the root of the tree.
    std::fs::write(
        d.path().join("newdraft.toml"),
        "[[adopted]]\nname = \"draft-ietf-dispatch-widgets\"\ngroup = \"dispatch\"\nreplaces = \"draft-doe-dispatch-widgets\"\n",
    )
    .unwrap();
    let out = run(d.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn newdraft_toml_in_a_parent_adopts_and_keeps_the_replaced_drafts_as_history() {
    let old0 = xml(&format!("{NAME}-00"), &format!("{NAME}-00"));
    let old1 = xml(&format!("{NAME}-01"), &format!("{NAME}-01"));
    let new0 = xml(
        "draft-ietf-dispatch-widgets-00",
        "draft-ietf-dispatch-widgets-00",
    );
    let d = tree(&[
        (
            "newdraft.toml",
            "# written by newdraft adopt\n[[adopted]]\nname = \"draft-ietf-dispatch-widgets\"\ngroup = \"dispatch\"\nreplaces = \"draft-doe-dispatch-widgets\"\n",
        ),
        ("drafts/draft-doe-dispatch-widgets-00.xml", &old0),
        ("drafts/draft-doe-dispatch-widgets-01.xml", &old1),
        ("drafts/draft-ietf-dispatch-widgets-00.xml", &new0),
    ]);
    // Outside a git work tree, a record in a parent directory speaks for nothing below it.
    let (code, _, findings) = json(&d.path().join("drafts"), &["--no-git"]);
    assert_eq!((code, codes(&findings)), (1, vec!["stream/not-adopted"]));
    // In one, the record at its root speaks for the whole work tree.
    git(d.path(), &["init", "-q"]);
    let (code, v, findings) = json(&d.path().join("drafts"), &[]);
    assert_eq!((code, findings.len()), (0, 0), "{v}");
    assert_eq!(v["counts"]["files"], 3);

    // The same tree adopted only by flag: `--adopted-by` speaks for the group's drafts, and
    // the individual predecessor beside them is history, judged as what it was.
    std::fs::remove_file(d.path().join("newdraft.toml")).unwrap();
    let (code, v, findings) = json(&d.path().join("drafts"), &["--adopted-by", "dispatch"]);
    assert_eq!((code, findings.len()), (0, 0), "{v}");
    let adopted: Vec<&Value> = v["drafts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d.get("adoption").filter(|a| !a.is_null()))
        .collect();
    assert_eq!(adopted.len(), 1, "{v}");
    assert_eq!(adopted[0]["evidence"], "adopted-by");
    assert_eq!(adopted[0]["group"], "dispatch");
    // Without it, the new `-00` has no evidence of adoption.
    let (code, _, findings) = json(&d.path().join("drafts"), &[]);
    assert_eq!((code, codes(&findings)), (1, vec!["stream/not-adopted"]));
}

#[test]
fn a_broken_newdraft_toml_is_an_error_not_a_finding() {
    let d = tree(&[("newdraft.toml", "[[adopted]\nname = 1\n")]);
    let out = run(d.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: `"), "{}", stderr(&out));
    assert!(stderr(&out).contains("newdraft.toml"), "{}", stderr(&out));
}

#[test]
fn a_docname_that_differs_from_its_file_name() {
    let d = tree(&[
        (
            "draft-doe-dispatch-widgets-00.xml",
            &xml(&format!("{NAME}-00"), &format!("{NAME}-00")),
        ),
        (
            "draft-doe-dispatch-widgets-01.xml",
            &xml(
                "draft-doe-dispatch-widgetz-01",
                "draft-doe-dispatch-widgets-01",
            ),
        ),
    ]);
    let out = run(d.path(), &["--color", "never"]);
    assert_eq!(out.status.code(), Some(1));
    assert_data_eq!(
        stdout(&out),
        str![[r#"
draft-doe-dispatch-widgets-01.xml:5: error[doc/name-mismatch]: the document calls itself `draft-doe-dispatch-widgetz-01` but its file name `draft-doe-dispatch-widgets-01.xml` says `draft-doe-dispatch-widgets-01`
  hint: make them agree: declare `draft-doe-dispatch-widgets-01`, or rename the file `draft-doe-dispatch-widgetz-01.xml`
draft-doe-dispatch-widgets-01.xml:8: error[doc/seriesinfo-mismatch]: `<seriesInfo name="Internet-Draft">` says `draft-doe-dispatch-widgets-01` but `docName` (line 5) says `draft-doe-dispatch-widgetz-01`; xml2rfc refuses a document where they differ
  hint: use `draft-doe-dispatch-widgets-01` in both
2 errors, 0 warnings in 2 files

"#]]
    );
}

#[test]
fn an_mmark_draft_declares_its_name_in_series_info() {
    let mmark = |name: &str| {
        format!(
            "%%%\ntitle = \"Widgets\"\nipr = \"trust200902\"\n\n[seriesInfo]\nname = \"Internet-Draft\"\nvalue = \"{name}\"\nstream = \"IETF\"\n%%%\n\n# Introduction\n"
        )
    };
    let d = tree(&[(
        "draft-doe-dispatch-widgets-00.md",
        &mmark("draft-doe-dispatch-widgets-00"),
    )]);
    assert_eq!(json(d.path(), &[]).0, 0);
    let d = tree(&[(
        "draft-doe-dispatch-widgets-00.md",
        &mmark("draft-ietf-dispatch-widgets-00"),
    )]);
    let (code, _, findings) = json(d.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        findings,
        vec![
            (
                Value::from("draft-doe-dispatch-widgets-00.md"),
                Value::from(7),
                "doc/name-mismatch".to_owned()
            ),
            (
                Value::from("draft-doe-dispatch-widgets-00.md"),
                Value::from(7),
                "stream/not-adopted".to_owned()
            ),
        ]
    );
}

#[test]
fn a_file_renamed_to_draft_ietf_alone_is_caught_twice() {
    // The mistake of internet-draft-template PR #39: the file renamed, the document not.
    let d = tree(&[(
        "draft-ietf-dispatch-widgets-00.md",
        &md("draft-doe-dispatch-widgets-00"),
    )]);
    let out = run(d.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    // Both findings, and the fix offered for the mismatch is the one that leads to a valid
    // name.
    assert_data_eq!(
        stdout(&out),
        str![[r#"
draft-ietf-dispatch-widgets-00.md: error[stream/not-adopted]: `draft-ietf-` names are only for drafts a working group has adopted, and nothing says `dispatch` adopted this one
  hint: until adoption use `draft-<surname>-dispatch-widgets`; once `dispatch` adopts it, post `draft-ietf-dispatch-widgets-00` and record it (`newdraft adopt`, or `--adopted-by dispatch`)
draft-ietf-dispatch-widgets-00.md:3: error[doc/name-mismatch]: the document calls itself `draft-doe-dispatch-widgets-00` but its file name `draft-ietf-dispatch-widgets-00.md` says `draft-ietf-dispatch-widgets-00`
  hint: rename the file `draft-doe-dispatch-widgets-00.md`
2 errors, 0 warnings in 1 file

"#]]
    );
}

#[test]
fn a_mismatch_hint_never_suggests_an_invalid_name() {
    let d = tree(&[(
        "draft-doe-dispatch-widgets-00.xml",
        &xml(
            "draft-Doe-dispatch-widgets-00",
            "draft-Doe-dispatch-widgets-00",
        ),
    )]);
    let (code, v, findings) = json(d.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        codes(&findings),
        ["name/uppercase", "doc/name-mismatch"],
        "{v}"
    );
    assert_eq!(
        v["findings"][1]["hint"],
        "declare `draft-doe-dispatch-widgets-00`"
    );
}

#[test]
fn a_draft_that_does_not_declare_its_name() {
    let d = tree(&[("draft-doe-dispatch-widgets-00.md", "# no front matter\n")]);
    // Walked, plain Markdown is not a draft source: listed with why, not judged.
    let (code, v, findings) = json(d.path(), &[]);
    assert_eq!((code, findings.len()), (0, 0), "{v}");
    assert!(
        v["skipped"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("no kramdown-rfc front matter"),
        "{v}"
    );
    // Named on the command line, it is judged as the draft its name says it is.
    let (code, v, findings) = json(d.path(), &["draft-doe-dispatch-widgets-00.md"]);
    assert_eq!(code, 1);
    assert_eq!(codes(&findings), ["doc/no-docname"]);
    assert_eq!(
        v["findings"][0]["hint"],
        "add `docname: draft-doe-dispatch-widgets-00` to the front matter"
    );
}

#[test]
fn other_markdown_is_checked_only_when_it_declares_a_name() {
    let d = tree(&[
        ("README.md", "# Widgets\n\nThe draft is in `main.md`.\n"),
        ("main.md", &md("draft-ietf-dispatch-widgets-latest")),
        ("notes.txt", "draft-ietf-foo-00 is mentioned here\n"),
    ]);
    let (code, v, findings) = json(d.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        findings,
        vec![(
            Value::from("main.md"),
            Value::from(3),
            "stream/not-adopted".to_owned()
        )]
    );
    assert_eq!(v["counts"]["files"], 1);
}

#[test]
fn gaps_and_histories_that_start_late_are_not_findings() {
    // Archives skip revisions and tags begin late: the Datatracker takes only the next
    // revision, so a posted later revision proves the earlier ones.
    let d = tree(&[
        (
            "draft-doe-dispatch-widgets-00.xml",
            &xml(&format!("{NAME}-00"), &format!("{NAME}-00")),
        ),
        (
            "draft-doe-dispatch-widgets-02.xml",
            &xml(&format!("{NAME}-02"), &format!("{NAME}-02")),
        ),
        (
            "b/draft-doe-other-thing-01.md",
            &md("draft-doe-other-thing-01"),
        ),
    ]);
    let (code, v, findings) = json(d.path(), &["--no-git"]);
    assert_eq!((code, findings.len()), (0, 0), "{v}");
    assert_eq!(v["counts"]["files"], 3);
    let out = run(d.path(), &["b/draft-doe-other-thing-01.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn one_revision_in_two_formats_is_not_reuse_but_two_documents_are() {
    let x0 = xml(&format!("{NAME}-00"), &format!("{NAME}-00"));
    let d = tree(&[
        ("draft-doe-dispatch-widgets-00.xml", &x0),
        (
            "draft-doe-dispatch-widgets-00.txt",
            &txt(&format!("{NAME}-00")),
        ),
        ("copy/draft-doe-dispatch-widgets-00.xml", &x0),
    ]);
    let (code, v, _) = json(d.path(), &["--no-git"]);
    assert_eq!(code, 0, "{v}");

    std::fs::write(
        d.path().join("copy/draft-doe-dispatch-widgets-00.xml"),
        x0.replace("Text.", "Other text."),
    )
    .unwrap();
    let (code, _, findings) = json(d.path(), &["--no-git"]);
    assert_eq!(code, 1);
    assert_eq!(
        findings,
        vec![(
            Value::from("draft-doe-dispatch-widgets-00.xml"),
            Value::Null,
            "revision/reused".to_owned()
        )]
    );
}

#[test]
fn git_tags_are_revision_history() {
    // i-d-template: an unversioned source, and the posted revisions as tags.
    let d = tree(&[(
        "draft-doe-dispatch-widgets.md",
        &md(&format!("{NAME}-latest")),
    )]);
    git(d.path(), &["init", "-q"]);
    git(d.path(), &["add", "."]);
    git(d.path(), &["commit", "-qm", "start"]);
    git(d.path(), &["tag", "draft-doe-dispatch-widgets-00"]);
    git(d.path(), &["tag", "draft-doe-dispatch-widgets-01"]);
    git(d.path(), &["tag", "not-a-draft-tag"]);
    let (code, v, _) = json(d.path(), &[]);
    assert_eq!(code, 0, "{v}");

    // A tag that skips a revision is history, not a finding.
    git(d.path(), &["tag", "draft-doe-dispatch-widgets-03"]);
    assert_eq!(json(d.path(), &[]).0, 0);

    // An adopted source with no record: its tags are the evidence.
    std::fs::write(
        d.path().join("draft-ietf-dispatch-gadgets.md"),
        md("draft-ietf-dispatch-gadgets-latest"),
    )
    .unwrap();
    let (code, v, findings) = json(d.path(), &[]);
    assert_eq!(
        (code, codes(&findings)),
        (1, vec!["stream/not-adopted"]),
        "{v}"
    );
    git(d.path(), &["tag", "draft-ietf-dispatch-gadgets-00"]);
    let (code, v, _) = json(d.path(), &[]);
    assert_eq!(code, 0, "{v}");
    let entry = v["drafts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == "draft-ietf-dispatch-gadgets.md")
        .unwrap();
    assert_eq!(entry["adoption"]["evidence"], "tag", "{v}");
    // `--no-git`: the tags are not read.
    assert_eq!(json(d.path(), &["--no-git"]).0, 1);
}

#[test]
fn walking_honours_gitignore_and_skips_build_directories() {
    let bad = xml("draft-ietf-x-y-00", "draft-ietf-x-y-00");
    let d = tree(&[
        (".gitignore", "generated/\n"),
        ("generated/draft-ietf-x-y-00.xml", &bad),
        ("target/draft-ietf-x-y-00.xml", &bad),
        ("node_modules/m/draft-ietf-x-y-00.xml", &bad),
        (
            "ok/draft-doe-dispatch-widgets-00.xml",
            &xml(&format!("{NAME}-00"), &format!("{NAME}-00")),
        ),
    ]);
    let (code, v, findings) = json(d.path(), &[]);
    assert_eq!((code, findings.len()), (0, 0), "{v}");
    assert_eq!(v["counts"]["files"], 1);
    // Named explicitly, a file is checked wherever it is.
    let (code, _, findings) = json(d.path(), &["target/draft-ietf-x-y-00.xml"]);
    assert_eq!((code, codes(&findings)), (1, vec!["stream/not-adopted"]));
}

#[test]
fn json_schema_is_stable() {
    let d = tree(&[(
        "draft-Doe-dispatch-widgets-00.xml",
        &xml(
            "draft-Doe-dispatch-widgets-00",
            "draft-Doe-dispatch-widgets-00",
        ),
    )]);
    let (code, v, _) = json(
        d.path(),
        &[".", "--name", "draft-smith-proposed-standard-00"],
    );
    assert_eq!(code, 1);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    // serde_json sorts keys
    assert_eq!(keys, ["counts", "drafts", "findings", "skipped", "version"]);
    assert_eq!(v["version"], 1);
    assert_eq!(
        v["counts"],
        serde_json::json!({"errors": 1, "warnings": 1, "files": 1, "names": 1})
    );
    assert_eq!(
        v["findings"][0],
        serde_json::json!({
            "path": "draft-Doe-dispatch-widgets-00.xml",
            "line": 5,
            "name": "draft-Doe-dispatch-widgets-00",
            "code": "name/uppercase",
            "rule": "R2",
            "severity": "error",
            "message": "`draft-Doe-dispatch-widgets-00` has an upper-case letter `D` at position 7; names are lower case",
            "hint": "use `draft-doe-dispatch-widgets-00`"
        })
    );
    assert_eq!(v["findings"][1]["path"], Value::Null);
    assert_eq!(v["findings"][1]["line"], Value::Null);
    assert_eq!(v["findings"][1]["name"], "draft-smith-proposed-standard-00");
    assert_eq!(v["findings"][1]["severity"], "warning");
    assert_eq!(v["findings"][1]["hint"], Value::Null);
}

#[test]
fn github_annotations() {
    let d = tree(&[(
        "draft-ietf-dispatch-widgets-00.xml",
        &xml(
            "draft-ietf-dispatch-widgets-00",
            "draft-ietf-dispatch-widgets-00",
        ),
    )]);
    let out = run(d.path(), &["--format", "github", ".", "--name", "draft-x"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(lines[2], "2 errors, 0 warnings in 1 file and 1 name");
    assert!(
        lines[0].starts_with(
            "::error file=draft-ietf-dispatch-widgets-00.xml,line=5,title=newdraft stream/not-adopted (R10)::`draft-ietf-` names are only for drafts"
        ),
        "{text}"
    );
    assert!(lines[0].contains(". hint: until adoption use"), "{text}");
    assert!(
        lines[1].starts_with("::error title=newdraft name/too-few-components (R4)::draft-x: "),
        "{text}"
    );
}

#[test]
fn colour_only_on_request_or_a_terminal() {
    let d = tree(&[]);
    let plain = run(d.path(), &["--name", "draft-x"]);
    assert!(!stdout(&plain).contains('\x1b'));
    let colour = run(d.path(), &["--name", "draft-x", "--color", "always"]);
    assert!(
        stdout(&colour).contains("\x1b[31merror"),
        "{}",
        stdout(&colour)
    );
    let out = newdraft(d.path())
        .env("NO_COLOR", "1")
        .args(["check", "--name", "draft-x"])
        .output()
        .unwrap();
    assert!(!stdout(&out).contains('\x1b'));
}

#[test]
fn every_name_gets_a_verdict() {
    let d = tree(&[]);
    let out = run(
        d.path(),
        &[
            "--name",
            "draft-doe-dispatch-widgets-00",
            "--name",
            "draft-doe_x-y",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "draft-doe-dispatch-widgets-00: ok\ndraft-doe_x-y: error[name/bad-char]: "
        ),
        "{text}"
    );
    assert!(
        text.ends_with("  hint: use `draft-doe-x-y`\n1 error, 0 warnings in 2 names\n"),
        "{text}"
    );
}

#[test]
fn names_from_standard_input_and_a_file() {
    let d = tree(&[("names.txt", "draft-a-b-00\n\ndraft-A-b\r\n")]);
    let out = newdraft(d.path())
        .args(["check", "--names-from", "-"])
        .write_stdin("draft-doe-dispatch-widgets-00\n\n  \ndraft-ietf-quic-x-00\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "draft-doe-dispatch-widgets-00: ok\n<stdin>:4: error[stream/not-adopted]: "
        ),
        "{text}"
    );
    assert!(
        text.ends_with("\n1 error, 0 warnings in 2 names\n"),
        "{text}"
    );

    let (code, v, findings) = json(d.path(), &["--names-from", "names.txt"]);
    assert_eq!(code, 1);
    assert_eq!(
        findings,
        vec![(
            Value::from("names.txt"),
            Value::from(3),
            "name/uppercase".to_owned()
        )]
    );
    assert_eq!(v["counts"]["names"], 2);
}

/// `--adopted-by` takes an acronym: anything else is a usage error, not a finding whose hint
/// suggests `draft-ietf-a b-x`.
#[test]
fn adopted_by_must_be_an_acronym() {
    let d = tree(&[]);
    for bad in ["a b", "draft-ietf-quic", "qu_ic", "é"] {
        let out = run(
            d.path(),
            &["--adopted-by", bad, "--name", "draft-ietf-quic-x-00"],
        );
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with("error: ") && err.contains("--adopted-by"),
            "{err}"
        );
    }
    let out = run(
        d.path(),
        &["--adopted-by", "QUIC", "--name", "draft-ietf-quic-x-00"],
    );
    assert_eq!(out.status.code(), Some(0));
}

/// A file without an extension, named on the command line, is read as a text draft: the hint
/// names a `.txt` file, not `…-00.` with nothing after the dot.
#[test]
fn a_named_file_without_an_extension_gets_a_whole_file_name_in_its_hint() {
    let d = tree(&[("NOTES", "nothing to see\n")]);
    let (code, v, _) = json(d.path(), &["NOTES"]);
    assert_eq!(code, 1);
    let hint = v["findings"][0]["hint"].as_str().unwrap();
    assert!(hint.contains("-00.txt`"), "{hint}");
}

/// Windows editors (Notepad, PowerShell's `Out-File -Encoding utf8`) start a UTF-8 file with
/// a byte order mark: it is not part of the first name.
#[test]
fn names_from_a_file_with_a_byte_order_mark() {
    let d = tree(&[("names.txt", "\u{feff}draft-a-b-00\r\ndraft-c-d-00\r\n")]);
    let (code, v, findings) = json(d.path(), &["--names-from", "names.txt"]);
    assert_eq!(code, 0, "{findings:?}");
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(v["counts"]["names"], 2);
}

#[test]
fn names_from_with_bytes_that_are_not_utf8() {
    let d = tree(&[]);
    std::fs::write(d.path().join("n.txt"), b"draft-a-b-00\ndraft-\xff\xfe-x\n").unwrap();
    let (code, v, findings) = json(d.path(), &["--names-from", "n.txt"]);
    assert_eq!(code, 1);
    assert_eq!(
        findings,
        vec![(
            Value::from("n.txt"),
            Value::from(2),
            "name/non-ascii".to_owned()
        )]
    );
    assert!(
        v["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("byte `0xFF` at position 7"),
        "{v}"
    );
}

#[cfg(unix)]
#[test]
fn a_name_argument_that_is_not_utf8_is_a_finding() {
    use std::os::unix::ffi::OsStrExt as _;
    let d = tree(&[]);
    let out = newdraft(d.path())
        .args(["check", "--format", "json", "--name"])
        .arg(std::ffi::OsStr::from_bytes(b"draft-\xffx-y-00"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"][0]["code"], "name/non-ascii");
    assert_eq!(v["findings"][0]["name"], "draft-\u{fffd}x-y-00");
    assert_eq!(
        v["findings"][0]["message"],
        "the name is not UTF-8 text (byte `0xFF` at position 7); names use ASCII `a-z`, `0-9` and `-` only"
    );
}

#[test]
fn deny_warnings_makes_warnings_fail() {
    let d = tree(&[]);
    let args = ["--name", "draft-smith-proposed-standard-00"];
    let out = run(d.path(), &args);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("warning[name/status-word]"));
    let out = run(d.path(), &[&args[..], &["--deny", "warnings"]].concat());
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn usage_and_io_errors_exit_2() {
    let d = tree(&[]);
    let out = run(d.path(), &["--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(d.path(), &["does-not-exist"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: cannot check `does-not-exist`: No such file or directory (os error 2)\n"
    );
    let out = run(d.path(), &["--names-from", "missing.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: cannot read names from `missing.txt`"));
    let out = run(d.path(), &["--adopted-by", " ", "--name", "draft-a-b"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(d.path(), &["--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn an_unreadable_draft_is_an_io_error() {
    use std::os::unix::fs::PermissionsExt as _;
    let d = tree(&[("draft-doe-dispatch-widgets-00.xml", "x")]);
    let p = d.path().join("draft-doe-dispatch-widgets-00.xml");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&p).is_ok() {
        return; // running as root: permissions do not stop reads, nothing to test
    }
    let out = run(d.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read `draft-doe-dispatch-widgets-00.xml`"));
}

#[cfg(unix)]
#[test]
fn links_to_drafts_are_drafts_and_dangling_links_nothing() {
    let d = tree(&[(
        "src/widgets.xml",
        &xml(
            "draft-ietf-dispatch-widgets-00",
            "draft-ietf-dispatch-widgets-00",
        ),
    )]);
    std::os::unix::fs::symlink(
        "src/widgets.xml",
        d.path().join("draft-ietf-dispatch-widgets-00.xml"),
    )
    .unwrap();
    std::os::unix::fs::symlink("nowhere.xml", d.path().join("draft-doe-gone-00.xml")).unwrap();
    let (code, v, findings) = json(d.path(), &["--no-git"]);
    assert_eq!(code, 1);
    // The link and the file it points to: one finding each, both found.
    assert_eq!(
        findings,
        vec![
            (
                Value::from("draft-ietf-dispatch-widgets-00.xml"),
                Value::from(5),
                "stream/not-adopted".to_owned()
            ),
            (
                Value::from("src/widgets.xml"),
                Value::from(5),
                "stream/not-adopted".to_owned()
            ),
        ],
        "{v}"
    );
}

#[test]
fn names_alone_do_not_walk_the_current_directory() {
    let d = tree(&[(
        "draft-ietf-dispatch-widgets-00.xml",
        &xml(
            "draft-ietf-dispatch-widgets-00",
            "draft-ietf-dispatch-widgets-00",
        ),
    )]);
    let (code, v, _) = json(d.path(), &["--name", "draft-a-b"]);
    assert_eq!(code, 0);
    assert_eq!(v["counts"]["files"], 0);
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_a_finding() {
    use std::os::unix::ffi::OsStrExt as _;
    let d = tree(&[]);
    let name = std::ffi::OsStr::from_bytes(b"draft-m\xfcller-dispatch-widgets-00.xml");
    std::fs::write(
        d.path().join(name),
        xml(
            "draft-muller-dispatch-widgets-00",
            "draft-muller-dispatch-widgets-00",
        ),
    )
    .unwrap();
    let (code, v, findings) = json(d.path(), &["--no-git"]);
    assert_eq!(code, 1);
    assert_eq!(
        codes(&findings),
        ["name/non-ascii", "doc/name-mismatch"],
        "{v}"
    );
}

#[test]
fn build_outputs_with_two_dots_are_judged_by_their_declared_name() {
    let x0 = xml(&format!("{NAME}-00"), &format!("{NAME}-00"));
    let d = tree(&[
        ("draft-doe-dispatch-widgets-00.xml", &x0),
        (
            "draft-doe-dispatch-widgets-00.prepped.xml",
            &x0.replace("Text.", "Prepared text."),
        ),
        (
            "draft-doe-dispatch-widgets-00.v2v3.xml",
            &xml(
                "draft-ietf-dispatch-widgets-00",
                "draft-ietf-dispatch-widgets-00",
            ),
        ),
    ]);
    let (code, v, findings) = json(d.path(), &["--no-git"]);
    assert_eq!(code, 1);
    // No `revision/reused` for the prepped copy, no `file/too-many-dots`: only the name.
    assert_eq!(
        findings,
        vec![(
            Value::from("draft-doe-dispatch-widgets-00.v2v3.xml"),
            Value::from(5),
            "stream/not-adopted".to_owned()
        )],
        "{v}"
    );
    assert_eq!(v["counts"]["files"], 3);
    // Named on the command line, it is judged as a file to upload.
    let (_, _, findings) = json(
        d.path(),
        &["--no-git", "draft-doe-dispatch-widgets-00.prepped.xml"],
    );
    assert!(
        codes(&findings).contains(&"file/too-many-dots"),
        "{findings:?}"
    );
}

#[test]
fn a_file_reached_twice_is_one_file() {
    let d = tree(&[(
        "draft-ietf-dispatch-widgets-00.xml",
        &xml(
            "draft-ietf-dispatch-widgets-00",
            "draft-ietf-dispatch-widgets-00",
        ),
    )]);
    let (code, v, findings) = json(d.path(), &[".", "draft-ietf-dispatch-widgets-00.xml"]);
    assert_eq!(code, 1);
    assert_eq!(codes(&findings), ["stream/not-adopted"], "{v}");
    assert_eq!(v["counts"]["files"], 1);
}

#[test]
fn an_empty_tree_passes() {
    let d = tree(&[]);
    let out = run(d.path(), &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "no problems in 0 files\n");
}

#[test]
fn docs_check_lists_every_code_with_its_rule_and_severity() {
    let docs = support::read("docs/check.md");
    for code in api::Code::ALL {
        let row = format!(
            "| `{}` | {} | {} |",
            code.as_str(),
            code.rule(),
            code.severity()
        );
        assert!(docs.contains(&row), "docs/check.md lacks {row}");
    }
}

#[test]
fn a_large_names_from_input_keeps_its_order_and_line_numbers() {
    // Over 1 MiB: checked in parallel chunks, which must not show.
    let d = tree(&[]);
    let mut input = String::new();
    let mut bad = Vec::new();
    for i in 0..90_000_u64 {
        if i % 997 == 0 {
            writeln!(input, "draft-Doe-x{i}-y-00").unwrap();
            bad.push(i + 1);
        } else if i % 1009 == 0 {
            input.push('\n');
        } else {
            writeln!(input, "draft-doe-x{i}-y-00").unwrap();
        }
    }
    assert!(input.len() > 1 << 20);
    std::fs::write(d.path().join("names.txt"), &input).unwrap();

    let (code, v, findings) = json(d.path(), &["--names-from", "names.txt"]);
    assert_eq!(code, 1);
    let lines: Vec<u64> = findings.iter().map(|f| f.1.as_u64().unwrap()).collect();
    assert_eq!(lines, bad);
    assert_eq!(v["counts"]["errors"], bad.len());
    let blank = (0..90_000)
        .filter(|i| i % 1009 == 0 && i % 997 != 0)
        .count();
    assert_eq!(v["counts"]["names"], 90_000 - blank);

    let out = run(d.path(), &["--names-from", "names.txt"]);
    let text = stdout(&out);
    let expected: Vec<String> = input
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            if l.contains('D') {
                format!("{}:", "names.txt")
            } else {
                format!("{l}: ok")
            }
        })
        .collect();
    let got: Vec<String> = text
        .lines()
        .filter(|l| !l.starts_with("  hint:"))
        .take(expected.len())
        .map(|l| {
            if l.starts_with("names.txt:") {
                "names.txt:".to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect();
    assert_eq!(got, expected);
}

proptest::proptest! {
    // Each case runs the binary: few cases, but every kind of file and arbitrary content.
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    #[test]
    fn no_draft_content_crashes_check(
        docname in "\\PC{0,60}",
        raw in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600),
        rev in 0_u8..3,
    ) {
        let d = tree(&[]);
        let p = d.path();
        let esc = docname.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
        std::fs::write(p.join(format!("draft-doe-x-y-0{rev}.xml")), xml(&esc, &esc)).unwrap();
        std::fs::write(p.join(format!("draft-doe-x-y-0{rev}.md")), md(&docname)).unwrap();
        std::fs::write(p.join("draft-doe-x-y.txt"), &raw).unwrap();
        std::fs::write(p.join("draft-doe-x-y.xml"), &raw).unwrap();
        std::fs::write(p.join("main.md"), &raw).unwrap();
        for format in ["human", "json", "github"] {
            let out = run(p, &["--format", format]);
            let code = out.status.code();
            proptest::prop_assert!(code == Some(0) || code == Some(1), "{:?}: {}", code, stderr(&out));
            if format == "json" {
                let v: Value = serde_json::from_slice(&out.stdout).unwrap();
                // Every `draft-*` file is either judged or listed as skipped, with why.
                let seen = v["drafts"].as_array().unwrap().len() + v["skipped"].as_array().unwrap().len();
                proptest::prop_assert!(seen >= 4, "{}", v);
            }
        }
    }
}

#[test]
fn an_upper_case_draft_file_is_found_and_judged() {
    let d = tree(&[(
        "DRAFT-Doe-dispatch-widgets-00.XML",
        &xml(
            "draft-doe-dispatch-widgets-00",
            "draft-doe-dispatch-widgets-00",
        ),
    )]);
    let (code, v, triples) = json(d.path(), &[]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["counts"]["files"], 1);
    assert!(codes(&triples).contains(&"name/missing-prefix"), "{v}");
    let hints: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["hint"].as_str())
        .collect();
    assert!(
        hints.contains(&"rename the file `draft-doe-dispatch-widgets-00.xml`"),
        "{hints:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_named_path_that_is_neither_file_nor_directory_is_an_error() {
    let d = tree(&[]);
    let fifo = d.path().join("draft-doe-dispatch-widgets-00.xml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here: nothing to make the special file with
    }
    let out = run(d.path(), &["draft-doe-dispatch-widgets-00.xml"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("is not a file or a directory"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Real repositories (tests/data/realworld): what check must report, and nothing else

/// Each real repository as a git work tree, every file tracked and its tags made, as the
/// shared corpus's README rebuilds them.
fn real_repository(root: &Path, repo: &str) -> TempDir {
    let d = tempfile::tempdir().unwrap();
    support::copy_tree(&root.join(repo), d.path());
    git(d.path(), &["init", "-q"]);
    git(d.path(), &["add", "-A", "-f"]);
    git(d.path(), &["commit", "-qm", "corpus"]);
    if let Ok(tags) = std::fs::read_to_string(root.join(format!("{repo}.tags"))) {
        for tag in tags.lines().filter(|t| !t.is_empty()) {
            git(d.path(), &["tag", tag]);
        }
    }
    d
}

#[test]
fn real_repositories() {
    let root = support::repo().join("tests/data/realworld");
    let expected = std::fs::read_to_string(root.join("expected.tsv")).unwrap();
    let mut by_repo: std::collections::BTreeMap<&str, Vec<Row<'_>>> =
        std::collections::BTreeMap::new();
    for line in expected.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        by_repo.entry(f[0]).or_default().push((f[1], f[2], f[3]));
    }
    assert!(by_repo.len() >= 9);
    for (repo, rows) in &by_repo {
        let d = real_repository(&root, repo);
        let (code, v, triples) = json(d.path(), &[]);
        let mut want: Vec<(String, String)> = rows
            .iter()
            .filter(|r| r.1 == "problem")
            .map(|r| (r.0.to_owned(), r.2.to_owned()))
            .collect();
        want.sort();
        let mut got: Vec<(String, String)> = triples
            .iter()
            .map(|t| (t.0.as_str().unwrap().to_owned(), t.2.clone()))
            .collect();
        got.sort();
        assert_eq!(got, want, "{repo}: {v}");
        assert_eq!(code, i32::from(!want.is_empty()), "{repo}: {v}");
        let listed = |key: &str, path: &str| -> Option<Value> {
            v[key]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["path"] == path)
                .cloned()
        };
        for (path, kind, detail) in rows {
            match *kind {
                "draft" => {
                    let e = listed("drafts", path)
                        .unwrap_or_else(|| panic!("{repo}: `{path}` not recognised: {v}"));
                    let evidence = e["adoption"]["evidence"].as_str().unwrap_or("-");
                    assert_eq!(evidence, *detail, "{repo}: `{path}`: {e}");
                }
                "skipped" => assert!(listed("skipped", path).is_some(), "{repo}: {path}: {v}"),
                _ => assert!(listed("drafts", path).is_some(), "{repo}: {path}: {v}"),
            }
        }

        assert_bump_and_announce_leave_the_sources(repo, d.path(), rows);
    }
}

/// One row of `expected.tsv` for a repository: path, kind (`problem`, `draft`, `skipped`, …)
/// and detail.
type Row<'a> = (&'a str, &'a str, &'a str);

/// `bump` and `email announce` work on a real repository's XML and Markdown sources and leave
/// them as they were.
fn assert_bump_and_announce_leave_the_sources(repo: &str, d: &Path, rows: &[Row<'_>]) {
    for (path, kind, _) in rows.iter().filter(|r| r.1 == "draft") {
        if Path::new(path)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
        {
            continue;
        }
        let file = d.join(path);
        let before = std::fs::read(&file).unwrap();
        for args in [
            vec!["bump", path, "--dry-run", "--date", "2026-11-29"],
            vec![
                "email",
                "announce",
                path,
                "--fullname",
                "A. Reviewer",
                "--email",
                "reviewer@example.com",
                "--date",
                "2026-11-29",
            ],
        ] {
            let out = newdraft(d).args(&args).output().unwrap();
            // i-d-template's own example was never posted: nothing to announce yet.
            if args[0] == "email" && path.contains("draft-todo-") {
                assert!(
                    stderr(&out).contains("nothing has been posted"),
                    "{}",
                    stderr(&out)
                );
                continue;
            }
            assert_eq!(
                out.status.code(),
                Some(0),
                "{repo} ({kind}): newdraft {args:?}: {}",
                stderr(&out)
            );
        }
        assert_eq!(
            std::fs::read(&file).unwrap(),
            before,
            "{repo}: {path} changed"
        );
    }
}

/// git never ignores a tracked file, so neither does check: a tracked draft that a `.gitignore`
/// pattern matches is checked, and an untracked ignored one stays skipped.
#[test]
fn tracked_files_are_checked_even_when_gitignore_matches_them() {
    let d = tree(&[
        (".gitignore", "*.txt\ndraft-*\n"),
        (
            "archive/draft-doe-dispatch-widgets-00.txt",
            &txt("draft-doe-dispatch-widgets-01"),
        ),
        (
            "draft-doe-dispatch-widgets.md",
            &md(&format!("{NAME}-latest")),
        ),
    ]);
    git(d.path(), &["init", "-q"]);
    git(d.path(), &["add", "-f", "."]);
    git(d.path(), &["commit", "-qm", "tracked"]);
    // Untracked and ignored: never looked at.
    std::fs::write(
        d.path().join("draft-ietf-x-y-00.xml"),
        xml("draft-ietf-x-y-00", "draft-ietf-x-y-00"),
    )
    .unwrap();
    let (code, v, findings) = json(d.path(), &[]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(
        findings,
        vec![(
            Value::from("archive/draft-doe-dispatch-widgets-00.txt"),
            Value::from(7),
            "doc/name-mismatch".to_owned()
        )],
        "{v}"
    );
    assert_eq!(v["counts"]["files"], 2, "{v}");
    // `--no-git` asks git nothing: only what the walk sees.
    let (code, v, _) = json(d.path(), &["--no-git"]);
    assert_eq!((code, v["counts"]["files"].as_u64()), (0, Some(0)), "{v}");
}

/// Every line of `text` that GitHub Actions would read as a workflow command (`::…` or `##[…`
/// after leading blanks).
fn workflow_commands(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| {
            let t = l.trim_start();
            t.starts_with("::") || t.starts_with("##[")
        })
        .collect()
}

// See issue 9: a file name with a line break and `::error …::` printed a line that GitHub
// Actions ran as a workflow command; escape sequences reached the terminal raw.
#[cfg(unix)]
#[test]
fn hostile_file_names_and_names_inject_nothing_in_any_format() {
    let evil = "draft-a\n::error file=README,line=1::INJECTED-00.xml";
    let d = tree(&[
        (evil, &xml("draft-a\n::error::INJECTED-00", "x")),
        ("  ::warning::x-00.xml", "x"),
    ]);
    let names = d.path().join("names.txt");
    std::fs::write(
        &names,
        "::error::NAMES\n\x1b]0;title\x07draft-\x1b[31m-00\n##[error]old\n",
    )
    .unwrap();
    let names = names.to_str().unwrap();
    for format in ["human", "json", "github"] {
        let out = run(
            d.path(),
            &[
                "--format",
                format,
                ".",
                "--name",
                "::error::ARG",
                "--name",
                "a\r\n::error::ARG2",
                "--names-from",
                names,
            ],
        );
        let (text, err) = (stdout(&out), stderr(&out));
        assert_eq!(out.status.code(), Some(1), "{format}: {text}{err}");
        assert!(
            !text.contains('\x1b') && !err.contains('\x1b'),
            "{format}: {text:?}"
        );
        assert!(workflow_commands(&err).is_empty(), "{format}: {err}");
        let commands = workflow_commands(&text);
        match format {
            "github" => {
                // Only the annotations newdraft writes, one per finding, none from the input.
                assert!(!commands.is_empty());
                for c in &commands {
                    assert!(
                        c.starts_with("::error ") || c.starts_with("::warning "),
                        "{c}"
                    );
                    assert!(!c.starts_with("::error file=README"), "{c}");
                }
            }
            "json" => {
                assert!(commands.is_empty(), "{text}");
                assert_eq!(text.lines().count(), 1, "{text}");
                let v: Value = serde_json::from_str(&text).unwrap();
                let paths: Vec<&str> = v["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|f| f["path"].as_str())
                    .collect();
                assert!(paths.iter().any(|p| p.contains(evil)), "{paths:?}");
            }
            _ => {
                assert!(commands.is_empty(), "{text}");
                assert!(text.contains("draft-a\\n::error file=README"), "{text}");
                assert!(text.contains("\\u{3a}:error::ARG: "), "{text}");
                assert!(text.contains("\\u{1b}"), "{text}");
            }
        }
    }
}

#[test]
fn an_error_from_a_hostile_argument_is_one_line() {
    let d = tree(&[]);
    let out = run(
        d.path(),
        &[
            "--adopted-by",
            "quic\n::error::INJECTED",
            "--name",
            "draft-a-b",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: "), "{err}");
    let out = run(d.path(), &["--names-from", "no\nsuch\x1b[2J"]);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!err.contains('\x1b'), "{err}");
}

// See issue 9: a `group` with a line break was accepted, and printed raw.
#[test]
fn a_newdraft_toml_group_follows_the_acronym_grammar() {
    for group in ["x\\n::error::INJECTED", "a", "quic core", ""] {
        let d = tree(&[(
            "newdraft.toml",
            &format!("[[adopted]]\nname = \"draft-ietf-quic-x\"\ngroup = \"{group}\"\n"),
        )]);
        let out = run(d.path(), &["--name", "draft-ietf-quic-x-00"]);
        assert_eq!(out.status.code(), Some(2), "{group}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with("error: ") && err.contains("is not a group acronym"),
            "{err}"
        );
    }
    for bad in ["a", "", "quic\n::error::x"] {
        let out = run(
            tree(&[]).path(),
            &["--adopted-by", bad, "--name", "draft-a-b"],
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("is not a group acronym"), "{err}");
    }
}

// See issue 9: `--names-from -` with a closed or empty standard input said "no problems in 0
// files" as if something had been checked.
#[test]
fn an_empty_names_input_says_that_no_names_were_read() {
    let d = tree(&[("empty.txt", "\n  \n")]);
    let out = newdraft(d.path())
        .args(["check", "--names-from", "-"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stderr(&out),
        "note: no names were read from standard input (it was empty or closed); nothing was checked\n"
    );
    let out = run(d.path(), &["--names-from", "empty.txt", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("no names were read from `empty.txt`"),
        "{}",
        stderr(&out)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["counts"]["names"], 0);
}

/// `[check] exclude` in `newdraft.toml` marks paths that are not submissions (fixtures,
/// examples), as .gitignore patterns relative to the file; a path named on the command line is
/// still checked. newdraft's own repository passes its own check that way.
#[test]
fn newdraft_toml_excludes_what_is_not_a_submission() {
    let bad = xml("draft-ietf-x-y-00", "draft-ietf-x-y-00");
    let d = tree(&[
        (
            "newdraft.toml",
            "[check]\nexclude = [\"tests/fixtures/\", \"examples/*.xml\"]\n",
        ),
        ("tests/fixtures/draft-ietf-x-y-00.xml", &bad),
        ("examples/draft-ietf-x-y-00.xml", &bad),
        (
            "examples/keep/draft-ietf-x-y-00.md",
            &md("draft-ietf-x-y-00"),
        ),
        (
            "draft-doe-dispatch-widgets-00.xml",
            &xml(&format!("{NAME}-00"), &format!("{NAME}-00")),
        ),
    ]);
    git(d.path(), &["init", "-q"]);
    let (code, v, findings) = json(d.path(), &[]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(
        findings,
        vec![(
            Value::from("examples/keep/draft-ietf-x-y-00.md"),
            Value::from(3),
            "stream/not-adopted".to_owned()
        )],
        "{v}"
    );
    // Named, an excluded file is checked all the same.
    let (code, _, findings) = json(d.path(), &["tests/fixtures/draft-ietf-x-y-00.xml"]);
    assert_eq!((code, codes(&findings)), (1, vec!["stream/not-adopted"]));
    // A pattern that is not one is an error that names it.
    std::fs::write(
        d.path().join("newdraft.toml"),
        "[check]\nexclude = [\"{a,b\"]\n",
    )
    .unwrap();
    let out = run(d.path(), &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`[check] exclude`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));

    // The repository's own root.
    let (code, v, findings) = json(support::repo(), &["--no-git"]);
    assert_eq!((code, findings.len()), (0, 0), "{v}");
}

/// Issue 9: an unreadable file or directory is a `file/unreadable` finding; the rest of the tree
/// is still checked, the JSON is a whole document, and the exit status (2) says the check is
/// incomplete. Root reads everything, so the check runs as `nobody` when the tests run as root.
#[cfg(unix)]
#[test]
fn unreadable_files_and_directories_are_findings_and_the_rest_is_checked() {
    use std::os::unix::fs::PermissionsExt as _;
    let d = tree(&[
        (
            "ok/draft-doe-dispatch-widgets-00.xml",
            &xml(&format!("{NAME}-00"), &format!("{NAME}-00")),
        ),
        ("locked/draft-doe-dispatch-x-00.xml", "x"),
        ("sealed/draft-doe-dispatch-y-00.xml", "y"),
        (
            "bad/draft-ietf-x-y-00.xml",
            &xml("draft-ietf-x-y-00", "draft-ietf-x-y-00"),
        ),
    ]);
    let set = |p: &str, mode: u32| {
        std::fs::set_permissions(d.path().join(p), std::fs::Permissions::from_mode(mode)).unwrap();
    };
    set(".", 0o755);
    for dir in ["ok", "locked", "bad"] {
        set(dir, 0o755);
    }
    set("ok/draft-doe-dispatch-widgets-00.xml", 0o644);
    set("bad/draft-ietf-x-y-00.xml", 0o644);
    set("locked/draft-doe-dispatch-x-00.xml", 0o000);
    set("sealed", 0o000);
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .unwrap()
        .stdout
        == b"0\n";
    let mut cmd = if root {
        let mut c = support::sandboxed("runuser", d.path());
        c.args(["-u", "nobody", "--", support::BIN]);
        c
    } else {
        support::sandboxed(support::BIN, d.path())
    };
    let out = cmd
        .args(["check", ".", "--no-git", "--format", "json"])
        .env("NEWDRAFT_CACHE_DIR", "/nonexistent")
        .output()
        .unwrap();
    set("sealed", 0o755);
    if root && out.status.code() == Some(1) && stderr(&out).contains("runuser") {
        eprintln!("note: runuser is not usable here; the unreadable-file test was not run");
        return;
    }
    let v: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&out)));
    assert_eq!(out.status.code(), Some(2), "{v}");
    let mut got: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or("").to_owned(),
                f["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            (
                "bad/draft-ietf-x-y-00.xml".to_owned(),
                "stream/not-adopted".to_owned()
            ),
            (
                "locked/draft-doe-dispatch-x-00.xml".to_owned(),
                "file/unreadable".to_owned()
            ),
            ("sealed".to_owned(), "file/unreadable".to_owned()),
        ],
        "{v}"
    );
    assert_eq!(v["counts"]["files"], 2, "{v}");
}

// `--color auto` follows the colour conventions of the environment (NO_COLOR, CLICOLOR,
// CLICOLOR_FORCE); an explicit `--color always` or `--color never` wins over them. Standard
// output here is a pipe, so without those variables `auto` gives no colour.
#[test]
fn colour_conventions_of_the_environment() {
    let d = tree(&[]);
    let coloured = |env: &[(&str, &str)], colour: &str| {
        let mut cmd = newdraft(d.path());
        cmd.env_remove("TERM");
        cmd.envs(env.iter().copied());
        let out = cmd
            .args(["check", "--name", "draft-x", "--color", colour])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{env:?} {colour}");
        let text = stdout(&out);
        // Colour or none, never half: the finding's severity is red exactly when any is used.
        assert_eq!(
            text.contains("\x1b[31merror"),
            text.contains('\x1b'),
            "{text:?}"
        );
        text.contains('\x1b')
    };
    for (env, colour, expected) in [
        (&[][..], "auto", false),
        (&[("CLICOLOR_FORCE", "1")][..], "auto", true),
        (
            &[("CLICOLOR_FORCE", "1"), ("TERM", "dumb")][..],
            "auto",
            true,
        ),
        (&[("CLICOLOR", "1")][..], "auto", false),
        (&[("NO_COLOR", "1")][..], "auto", false),
        (
            &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")][..],
            "auto",
            false,
        ),
        (
            &[("NO_COLOR", ""), ("CLICOLOR_FORCE", "1")][..],
            "auto",
            true,
        ),
        (&[("NO_COLOR", "1")][..], "always", true),
        (&[("CLICOLOR", "0")][..], "always", true),
        (&[("CLICOLOR_FORCE", "1")][..], "never", false),
    ] {
        assert_eq!(coloured(env, colour), expected, "{env:?} --color {colour}");
    }

    // On a terminal (a pseudo-terminal from util-linux's `script`, on Linux): colour, unless
    // `TERM=dumb` says the terminal has none.
    if !cfg!(target_os = "linux") || !Path::new("/usr/bin/script").exists() {
        eprintln!("note: no /usr/bin/script: the terminal cases are not checked");
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("newdraft");
    for (term, expected) in [("xterm-256color", true), ("dumb", false)] {
        let mut cmd = std::process::Command::new("/usr/bin/script");
        for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "CI"] {
            cmd.env_remove(var);
        }
        let out = cmd
            .current_dir(d.path())
            .env("TERM", term)
            .env("NEWDRAFT_CACHE_DIR", d.path().join(".no-newdraft-cache"))
            .args(["-qec", &format!("'{}' check --name draft-x", bin.display())])
            .arg("/dev/null")
            .output()
            .unwrap();
        let text = stdout(&out);
        assert!(text.contains("error[name/"), "{text:?}");
        assert_eq!(
            text.contains("\x1b[31merror"),
            expected,
            "TERM={term}: {text:?}"
        );
    }
}
