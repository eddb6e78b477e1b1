//! The rendered templates, byte for byte: snapshots under `tests/snapshots/` and the drafts in
//! `examples/`, all made by the real binary with a fixed `--date`.
//!
//! After changing a template, review the difference and update both with
//! `SNAPSHOTS=overwrite cargo test --test cli templates::`.

use std::fs;

use snapbox::assert_data_eq;

use crate::support::{self, HOSTILE_AUTHOR, newdraft, snapshot};

const DATE: &str = "2026-11-25";

/// Run `newdraft init ARGS --date DATE` into a fresh directory; return the one file written.
fn generate(args: &[&str]) -> (String, String) {
    let tmp = tempfile::tempdir().unwrap();
    let out = newdraft(tmp.path())
        .arg("init")
        .args(args)
        .args(["--date", DATE])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let name = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    let contents = fs::read_to_string(tmp.path().join(&name)).unwrap();
    (name, contents)
}

const AUTHOR: [&str; 6] = [
    "--fullname",
    "Jane Doe",
    "--email",
    "jane.doe@example.com",
    "--org",
    "Example Organization",
];

fn with_author(args: &[&'static str]) -> Vec<&'static str> {
    let mut v = args.to_vec();
    v.extend(AUTHOR);
    v
}

#[test]
fn xml_skeleton() {
    let (_, xml) = generate(&with_author(&["doe", "Widget Discovery"]));
    assert_data_eq!(xml, snapshot("dispatch.xml"));
}

#[test]
fn markdown_skeleton() {
    let (_, md) = generate(&with_author(&["doe", "Widget Discovery", "--format", "md"]));
    assert_data_eq!(md, snapshot("dispatch.md"));
}

#[test]
fn hostile_input_xml() {
    let (_, xml) = generate(&[&["Müller", "widgets"][..], &HOSTILE_AUTHOR].concat());
    assert_data_eq!(xml, snapshot("hostile.xml"));
}

#[test]
fn hostile_input_markdown() {
    let (_, md) = generate(
        &[
            &["Müller", "widgets", "--format", "md"][..],
            &HOSTILE_AUTHOR,
        ]
        .concat(),
    );
    assert_data_eq!(md, snapshot("hostile.md"));
}

#[test]
fn standards_track_for_a_working_group() {
    let (_, md) = generate(&with_author(&[
        "smith",
        "sip over quic",
        "--wg",
        "sipcore",
        "--category",
        "std",
        "--format",
        "md",
    ]));
    assert_data_eq!(md, snapshot("sipcore-std.md"));
}

#[test]
fn research_group_with_a_placeholder_author() {
    let (_, xml) = generate(&["doe", "signature aggregation", "--wg", "cfrg"]);
    assert_data_eq!(xml, snapshot("cfrg-placeholder.xml"));
}

/// The examples, and the arguments that make each.
const EXAMPLES: &[(&str, &[&str])] = &[
    (
        "draft-doe-dispatch-widget-discovery-00.xml",
        &["doe", "Widget Discovery"],
    ),
    (
        "draft-doe-dispatch-widget-discovery-00.md",
        &["doe", "Widget Discovery", "--format", "md"],
    ),
    (
        "draft-doe-dispatch-widget-discovery.md",
        &["doe", "Widget Discovery", "--format", "md", "--unversioned"],
    ),
];

#[test]
fn examples_are_what_init_writes() {
    let dir = support::repo().join("examples");
    let overwrite = std::env::var("SNAPSHOTS").is_ok_and(|v| v == "overwrite");
    let mut stale = Vec::new();
    for (file_name, args) in EXAMPLES {
        let (name, contents) = generate(&with_author(args));
        assert_eq!(&name, file_name);
        let path = dir.join(file_name);
        if overwrite {
            fs::create_dir_all(&dir).unwrap();
            fs::write(&path, &contents).unwrap();
        } else if fs::read(&path).ok().as_deref() != Some(contents.as_bytes()) {
            stale.push(format!(
                "examples/{file_name} differs from `newdraft init {} --date {DATE}`",
                with_author(args)
                    .iter()
                    .map(|a| if a.contains(' ') {
                        format!("\"{a}\"")
                    } else {
                        (*a).to_owned()
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nupdate with `SNAPSHOTS=overwrite cargo test --test cli templates::`",
        stale.join("\n")
    );
}
