//! `newdraft check` through the real binary, a module per concern: recognising draft sources and
//! the names they declare (`sources`), what a walk of a tree reaches (`walk`), evidence of
//! adoption (`adoption`), revision histories from files and git tags (`history`), the output
//! formats, colour and exit statuses (`output`), names mode (`names`), hostile input
//! (`hostile`), and real repositories held to what check must report (`realworld`).
//!
//! Here, what they share: drafts in each format, and check run in a directory.

use std::path::Path;
use std::process::Output;

use serde_json::Value;
use snapbox::{assert_data_eq, str};

use crate::support::{self, api, git, newdraft, stderr, stdout, tree};

mod adoption;
mod history;
mod hostile;
mod names;
mod output;
mod realworld;
mod sources;
mod walk;

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

/// A finding as [`json`] gives it: (path, line, code), the line `null` when there is none.
type Finding = (Value, Value, String);

/// `check --format json` and its findings as (path, line, code) triples.
fn json(dir: &Path, args: &[&str]) -> (i32, Value, Vec<Finding>) {
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

/// The finding `code` at `path`, line `line` (`Value::Null` for none), as [`json`] gives it.
fn finding(path: &str, line: impl Into<Value>, code: &str) -> Finding {
    (Value::from(path), line.into(), code.to_owned())
}

fn codes(triples: &[Finding]) -> Vec<&str> {
    triples.iter().map(|t| t.2.as_str()).collect()
}

const NAME: &str = "draft-doe-dispatch-widgets";
