//! How fast `newdraft check` judges a tree of 10,000 drafts (issue 3: "a 10,000-file tree").
//!
//! Run with `cargo bench --bench tree`. The tree is made once, in a temporary directory: 100
//! directories of 25 names with revisions 00 to 03, each file a real RFCXML draft of about
//! 5.7 KB whose `docName` and `seriesInfo` agree with its file name, so that the run is the
//! clean CI case and reports no findings. The command goes through the library's entry point,
//! `check::run`, with `--no-git` (a temporary directory is no repository) and with the human
//! and JSON formats.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::LazyLock;

use clap::Parser as _;
use newdraft::cli::{Cli, Request};

fn main() {
    divan::main();
}

/// An RFCXML draft like the ones `init` writes, named `name`.
fn draft(name: &str) -> String {
    let mut doc = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rfc [
  <!ENTITY nbsp    "&#160;">
  <!ENTITY zwsp   "&#8203;">
  <!ENTITY nbhy   "&#8209;">
  <!ENTITY wj     "&#8288;">
]>
<rfc xmlns:xi="http://www.w3.org/2001/XInclude"
     version="3"
     category="info"
     docName="{name}"
     ipr="trust200902"
     submissionType="IETF"
     consensus="true"
     xml:lang="en"
     tocInclude="true"
     sortRefs="true"
     symRefs="true">

  <front>
    <title abbrev="Dispatch Example">An Example Draft for the Dispatch Process</title>
    <seriesInfo name="Internet-Draft" value="{name}"/>

    <author fullname="Jane Doe" initials="J." surname="Doe">
      <organization>Example Organization</organization>
      <address>
        <email>jane.doe@example.com</email>
      </address>
    </author>

    <date/>

    <area>General</area>
    <workgroup>Network Working Group</workgroup>
    <keyword>example</keyword>

    <abstract>
      <t>This document is a minimal example of an individual Internet-Draft.</t>
    </abstract>
  </front>

  <middle>
"#
    );
    for i in 0..20 {
        write!(
            doc,
            "    <section anchor=\"s{i}\">\n      <name>Section {i}</name>\n      <t>Text of a \
             section of an example Internet-Draft, long enough to make the file about as \
             large as a real skeleton, three to six kilobytes.</t>\n    </section>\n"
        )
        .expect("writing to a String");
    }
    doc.push_str("  </middle>\n  <back/>\n</rfc>\n");
    doc
}

/// The tree, made on first use and removed when the process ends.
static TREE: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temporary directory");
    make_tree(dir.path());
    dir
});

fn make_tree(root: &Path) {
    for d in 0..100 {
        let sub = root.join(format!("d{d}"));
        std::fs::create_dir(&sub).expect("directory");
        for i in 0..25 {
            for r in 0..4 {
                let name = format!("draft-doe{d}-dispatch-topic{i}-{r:02}");
                std::fs::write(sub.join(format!("{name}.xml")), draft(&name)).expect("file");
            }
        }
    }
}

fn check(args: &[&str]) -> newdraft::Outcome {
    let cli = Cli::try_parse_from(args).expect("arguments");
    let Ok(Request::Check(args)) = newdraft::cli::request(cli, chrono::Local::now().fixed_offset())
    else {
        unreachable!("a check command line")
    };
    newdraft::cmd::check::run(&args, &mut std::io::sink()).expect("check runs")
}

/// The generated tree's path, as an argument.
fn root() -> String {
    TREE.path()
        .to_str()
        .expect("UTF-8 temporary path")
        .to_owned()
}

/// The whole command on 10,000 clean drafts: walk, read heads, judge names and revisions.
#[divan::bench(sample_count = 30)]
fn tree_of_10000_drafts(bencher: divan::Bencher) {
    let root = root();
    bencher
        .counter(divan::counter::ItemsCount::new(10_000usize))
        .bench(|| {
            let out = check(&["newdraft", "check", "--no-git", &root]);
            assert!(out.stdout.ends_with("no problems in 10000 files\n"));
            out
        });
}

/// The same tree with JSON output.
#[divan::bench(sample_count = 30)]
fn tree_of_10000_drafts_json(bencher: divan::Bencher) {
    let root = root();
    bencher
        .counter(divan::counter::ItemsCount::new(10_000usize))
        .bench(|| check(&["newdraft", "check", "--no-git", "--format", "json", &root]));
}
