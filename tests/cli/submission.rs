//! `check --submission` through the real binary: the skeleton `init` writes fails the gate
//! until its TODOs are filled in, and each cause the Datatracker refuses a submission for is
//! caught on a real-shaped draft (issue 13).

use chrono::Datelike as _;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

use crate::support::{self, docs, newdraft};

mod kramdown;

/// A fresh skeleton from `init` in `format`, and its path.
fn skeleton(format: &str) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    newdraft(dir.path())
        .args(["init", "doe", "widget-discovery", "--format", format])
        .args(["--fullname", "Jane Doe", "--email", "jane@example.org"])
        .assert()
        .success();
    let path = dir
        .path()
        .join(format!("draft-doe-dispatch-widget-discovery-00.{format}"));
    assert!(path.exists());
    (dir, path)
}

/// The skeleton with every TODO written (what an author does before posting).
fn filled(format: &str) -> (TempDir, PathBuf) {
    let (dir, path) = skeleton(format);
    edit(&path, |t| t.replace("TODO", "Filled in"));
    (dir, path)
}

fn edit(path: &Path, f: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, f(text)).unwrap();
}

/// `check --submission --format json FILE`: the exit code and the codes found, with lines.
fn gate(dir: &Path, path: &Path) -> (i32, Vec<(String, Option<u64>)>) {
    let out = newdraft(dir)
        .args(["check", "--submission", "--format", "json"])
        .arg(path.file_name().unwrap())
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let codes = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap().to_owned(), f["line"].as_u64()))
        .collect();
    (out.status.code().unwrap(), codes)
}

/// An edit of a draft's text that makes one cause of refusal.
type Change = Box<dyn Fn(String) -> String>;

fn codes(found: &[(String, Option<u64>)]) -> Vec<&str> {
    found.iter().map(|(c, _)| c.as_str()).collect()
}

#[test]
fn the_skeleton_fails_the_gate_on_every_todo_and_passes_once_filled_in() {
    for format in ["xml", "md"] {
        let (dir, path) = skeleton(format);
        let text = std::fs::read_to_string(&path).unwrap();
        let todo_lines: Vec<u64> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains("TODO"))
            .map(|(i, _)| i as u64 + 1)
            .collect();
        assert!(todo_lines.len() > 5, "{format}");
        let (code, found) = gate(dir.path(), &path);
        assert_eq!(code, 1, "{format}: {found:?}");
        let placeholder_lines: Vec<u64> = found
            .iter()
            .filter(|(c, _)| c == "submit/placeholder")
            .filter_map(|(_, l)| *l)
            .collect();
        assert_eq!(
            placeholder_lines, todo_lines,
            "{format}: every TODO, by line"
        );
        assert!(
            found.iter().all(|(c, _)| c == "submit/placeholder"),
            "{format}: {found:?}"
        );

        let (dir, path) = filled(format);
        let (code, found) = gate(dir.path(), &path);
        assert_eq!((code, found), (0, vec![]), "{format}");
    }
}

#[test]
fn the_human_report_names_the_file_line_and_fix() {
    let (dir, path) = skeleton("xml");
    let out = newdraft(dir.path())
        .args(["check", "--submission"])
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains(":35: error[submit/placeholder]: placeholder `TODO` is still in the draft"),
        "{stdout}"
    );
    assert!(stdout.contains("hint: fill it in or delete it"), "{stdout}");
}

#[test]
fn without_submission_the_skeleton_passes_check() {
    let (dir, path) = skeleton("xml");
    newdraft(dir.path())
        .arg("check")
        .arg(&path)
        .assert()
        .success();
}

/// Each cause of refusal in issue 13 as an edit of a filled-in XML draft, and the code it gets.
fn xml_refusals() -> Vec<(&'static str, Change)> {
    [
        front_matter_refusals(),
        include_refusals(),
        reference_refusals(),
        section_refusals(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Causes in the front matter: the date, the authors, the RFCXML version.
fn front_matter_refusals() -> Vec<(&'static str, Change)> {
    let far = support::today() - chrono::Days::new(10);
    vec![
        (
            "submit/date-incomplete",
            Box::new(|t| {
                let start = t.find("<date year=").unwrap();
                let end = start + t[start..].find("/>").unwrap() + 2;
                let last_year = support::today().year() - 1;
                format!("{}<date year=\"{last_year}\"/>{}", &t[..start], &t[end..])
            }),
        ),
        (
            "submit/date-not-today",
            Box::new(move |t| {
                let start = t.find("<date year=").unwrap();
                let end = start + t[start..].find("/>").unwrap() + 2;
                format!(
                    "{}<date year=\"{}\" month=\"{}\" day=\"{}\"/>{}",
                    &t[..start],
                    far.format("%Y"),
                    far.format("%-m"),
                    far.format("%-d"),
                    &t[end..]
                )
            }),
        ),
        (
            "submit/author-email",
            Box::new(|t| t.replace("<email>jane@example.org</email>", "")),
        ),
        (
            "submit/placeholder",
            Box::new(|t| t.replace("Jane Doe", "Your Name")),
        ),
        (
            "submit/author-email",
            Box::new(|t| {
                t.replace(
                    "<email>jane@example.org</email>",
                    "<email>jane at example.org</email>",
                )
            }),
        ),
    ]
}

/// Causes in what the draft includes: files beside it, bibxml over the network, external
/// entities.
fn include_refusals() -> Vec<(&'static str, Change)> {
    vec![
        (
            "submit/not-self-contained",
            Box::new(|t| {
                t.replace(
                    "<name>Normative References</name>",
                    "<name>Normative References</name>\n<xi:include href=\"refs/x.xml\"/>",
                )
                .replace(
                    "<rfc ",
                    "<rfc xmlns:xi=\"http://www.w3.org/2001/XInclude\" ",
                )
            }),
        ),
        (
            "submit/remote-include",
            Box::new(|t| {
                t.replace(
                    "<name>Normative References</name>",
                    "<name>Normative References</name>\n<xi:include href=\"https://bib.ietf.org/public/rfc/bibxml/reference.RFC.9000.xml\"/>",
                )
                .replace("<rfc ", "<rfc xmlns:xi=\"http://www.w3.org/2001/XInclude\" ")
            }),
        ),
        (
            "submit/not-self-contained",
            Box::new(|t| {
                t.replace(
                    "<!ENTITY nbsp",
                    "<!ENTITY local SYSTEM \"local.xml\">\n  <!ENTITY nbsp",
                )
                .replace(
                    "<name>Normative References</name>",
                    "<name>Normative References</name>\n&local;",
                )
            }),
        ),
    ]
}

/// Causes in the references: the BCP 14 boilerplate and its references, a citation with no
/// reference, a reference never cited.
fn reference_refusals() -> Vec<(&'static str, Change)> {
    vec![
        (
            "submit/bcp14-boilerplate",
            Box::new(|t| {
                let start = t.find("<t>The key words").unwrap();
                let end = start + t[start..].find("</t>").unwrap() + 4;
                format!("{}{}", &t[..start], &t[end..])
            }),
        ),
        (
            "submit/bcp14-references",
            Box::new(|t| {
                let start = t.find("<reference anchor=\"RFC8174\"").unwrap();
                let end = start + t[start..].find("</reference>").unwrap() + 12;
                format!("{}{}", &t[..start], &t[end..]).replace("<xref target=\"RFC8174\"/>", "")
            }),
        ),
        (
            "submit/undefined-citation",
            Box::new(|t| t.replace("<xref target=\"use-cases\"/>", "<xref target=\"RFC9999\"/>")),
        ),
        (
            "submit/unused-reference",
            Box::new(|t| t.replace("<xref target=\"RFC8174\"/>", "")),
        ),
    ]
}

/// Causes in the sections: no Security or IANA Considerations, an empty section, an empty
/// abstract.
fn section_refusals() -> Vec<(&'static str, Change)> {
    vec![
        (
            "submit/no-security",
            Box::new(|t| {
                t.replace(
                    "<name>Security Considerations</name>",
                    "<name>Threats</name>",
                )
            }),
        ),
        (
            "submit/no-iana",
            Box::new(|t| {
                t.replace(
                    "<name>IANA Considerations</name>",
                    "<name>Registries</name>",
                )
            }),
        ),
        (
            "submit/empty-section",
            Box::new(|t| {
                let start = t.find("<name>Second Use Case</name>").unwrap() + 29;
                let end = start + t[start..].find("</section>").unwrap();
                format!("{}{}", &t[..start], &t[end..])
            }),
        ),
        (
            "submit/no-abstract",
            Box::new(|t| {
                let start = t.find("<abstract>").unwrap() + 10;
                let end = t.find("</abstract>").unwrap();
                format!("{}{}", &t[..start], &t[end..])
            }),
        ),
    ]
}

#[test]
fn each_refusal_cause_is_caught_in_xml() {
    for (expected, change) in xml_refusals() {
        let (dir, path) = filled("xml");
        edit(&path, &change);
        let (code, found) = gate(dir.path(), &path);
        assert!(
            codes(&found).contains(&expected),
            "{expected} not in {found:?}"
        );
        let errors = found.iter().any(|(c, _)| {
            !matches!(
                c.as_str(),
                "submit/remote-include" | "submit/unused-reference"
            )
        });
        assert_eq!(code, i32::from(errors), "{expected}: {found:?}");
    }
}

#[test]
fn each_refusal_cause_is_caught_in_markdown() {
    let cases: Vec<(&str, Change)> = vec![
        (
            "submit/date-incomplete",
            Box::new(|t| {
                let last_year = support::today().year() - 1;
                t.replace("\ndate:\n", &format!("\ndate: {last_year}\n"))
            }),
        ),
        (
            "submit/date-not-today",
            Box::new(|t| t.replace("\ndate:\n", "\ndate: 2020-01-02\n")),
        ),
        (
            "submit/author-email",
            Box::new(|t| t.replace("    email: \"jane@example.org\"\n", "")),
        ),
        (
            "submit/bcp14-boilerplate",
            Box::new(|t| t.replace("{::boilerplate bcp14-tagged}", "")),
        ),
        (
            "submit/undefined-citation",
            Box::new(|t| t.replace("({{use-cases}})", "({{no-such-anchor}})")),
        ),
        (
            "submit/unused-reference",
            Box::new(|t| t.replace("\ninformative:\n", "\ninformative:\n  RFC9000:\n")),
        ),
        (
            "submit/no-security",
            Box::new(|t| t.replace("# Security Considerations", "# Threats")),
        ),
        (
            "submit/placeholder",
            Box::new(|t| t.replace("jane@example.org", "you@example.com")),
        ),
    ];
    for (expected, change) in cases {
        let (dir, path) = filled("md");
        edit(&path, &change);
        let (_, found) = gate(dir.path(), &path);
        assert!(
            codes(&found).contains(&expected),
            "{expected} not in {found:?}"
        );
    }
}

// kramdown-rfc writes RFCXML version 3 with or without `v: 3` (its default since 1.6.1, 2022;
// cabo/kramdown-rfc#225), and with `v: 2` too (a warning): only the XML is judged.
#[test]
fn a_kramdown_rfc_source_without_v_3_is_not_refused() {
    for version in ["", "v: 2\n"] {
        let (dir, path) = filled("md");
        edit(&path, |t| t.replace("\nv: 3\n", &format!("\n{version}")));
        let (code, found) = gate(dir.path(), &path);
        assert_eq!((code, found), (0, vec![]), "{version:?}");
    }
    // RFCXML version 2 is posted too: the Datatracker converts it (`v2v3`) before rendering,
    // so the gate warns that the conversion is what is posted, and does not refuse it (ntpv5 and
    // json-schema's drafts; 686 of 976 sources in the real-world trees had no `version="3"`).
    for (from, to) in [
        ("<rfc version=\"3\"", "<rfc"),
        ("<rfc version=\"3\"", "<rfc version=\"2\""),
    ] {
        let (dir, path) = filled("xml");
        edit(&path, |t| t.replace(from, to));
        let (code, found) = gate(dir.path(), &path);
        assert_eq!((code, codes(&found)), (0, vec!["submit/version"]), "{to}");
        let denied = newdraft(dir.path())
            .args(["check", "--submission", "--deny", "warnings"])
            .arg(path.file_name().unwrap())
            .output()
            .unwrap();
        assert_eq!(denied.status.code(), Some(1), "{to}");
    }
}

#[test]
fn a_bcp14_boilerplate_without_key_words_is_a_warning() {
    let (dir, path) = filled("xml");
    edit(&path, |t| {
        t.replace("<bcp14>MUST</bcp14> (Filled in", "needs (Filled in")
            .replace("<bcp14>SHOULD</bcp14> (Filled in", "would like (Filled in")
    });
    let (code, found) = gate(dir.path(), &path);
    assert_eq!(code, 0);
    assert_eq!(codes(&found), ["submit/bcp14-unused"]);
}

// The documented `check --submission` transcript (docs/path.md): its first finding and its
// summary are what the skeleton gets (the `…` stands for the other TODOs).
#[test]
fn the_documented_gate_transcript_matches_the_skeleton() {
    let (cmd, output) = docs::transcript("docs/path.md", "check --submission ");
    let lines: Vec<&str> = output.lines().collect();
    let (dir, path) = skeleton("xml");
    let out = newdraft(dir.path())
        .args(cmd.split_whitespace())
        .output()
        .unwrap();
    assert_eq!(path.file_name().unwrap(), cmd.rsplit(' ').next().unwrap());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let got: Vec<&str> = stdout.lines().collect();
    assert_eq!(got[..2], lines[..2]);
    assert_eq!(got.last(), lines.last());
}

/// What the Datatracker fills in passes (`<date/>`, this year alone: today, as xml2rfc and its
/// `parse_creation_date` read them; cose-wg and cfrg drafts write both); another year alone
/// makes no date there (datatracker #7107), and no date element is refused.
#[test]
fn a_date_passes_when_the_datatracker_can_fill_it_in() {
    let date_element = |t: &str| {
        let start = t.find("<date year=").unwrap();
        let end = start + t[start..].find("/>").unwrap() + 2;
        (start, end)
    };
    let year = support::today().year();
    for (replacement, expected) in [
        ("<date/>".to_owned(), None),
        (format!("<date year=\"{year}\"/>"), None),
        (
            format!("<date year=\"{}\"/>", year - 1),
            Some("submit/date-incomplete"),
        ),
        (String::new(), Some("submit/no-date")),
    ] {
        let (dir, path) = filled("xml");
        edit(&path, |t| {
            let (start, end) = date_element(&t);
            format!("{}{replacement}{}", &t[..start], &t[end..])
        });
        let (code, found) = gate(dir.path(), &path);
        assert_eq!(
            code,
            i32::from(expected.is_some()),
            "{replacement:?}: {found:?}"
        );
        assert_eq!(codes(&found), Vec::from_iter(expected), "{replacement:?}");
    }
}

// The causes `check` already knew, reported with the gate's in the same run.
#[test]
fn the_gate_runs_with_the_naming_rules_of_check() {
    // docName and seriesInfo disagree.
    let (dir, path) = filled("xml");
    edit(&path, |t| {
        t.replacen(
            "value=\"draft-doe-dispatch-widget-discovery-00\"",
            "value=\"draft-doe-dispatch-widget-discovery-01\"",
            1,
        )
    });
    let (code, found) = gate(dir.path(), &path);
    assert_eq!(code, 1);
    assert!(
        codes(&found).contains(&"doc/seriesinfo-mismatch"),
        "{found:?}"
    );

    // A wrong revision: -02 when the Datatracker's index has -00 (offline, from a copy of
    // `all_id.txt`; the cache `newdraft index update` fills works the same way).
    let (dir, path) = filled("xml");
    let next = dir
        .path()
        .join("draft-doe-dispatch-widget-discovery-02.xml");
    std::fs::write(
        &next,
        std::fs::read_to_string(&path)
            .unwrap()
            .replace("widget-discovery-00", "widget-discovery-02"),
    )
    .unwrap();
    std::fs::remove_file(&path).unwrap();
    let today = support::today();
    std::fs::write(
        dir.path().join("all_id.txt"),
        format!("\nInternet-Drafts Status Summary\n\ndraft-doe-dispatch-widget-discovery-00\t{today}\tActive\t\n"),
    )
    .unwrap();
    let out = newdraft(dir.path())
        .args([
            "check",
            "--submission",
            "--index",
            "all_id.txt",
            "--format",
            "json",
        ])
        .arg(next.file_name().unwrap())
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(found, ["index/skipped-revision"], "{v}");
}

#[test]
fn a_source_that_does_not_parse_is_one_finding_not_a_failed_run() {
    let (dir, path) = filled("xml");
    edit(&path, |t| t.replace("</middle>", ""));
    let (code, found) = gate(dir.path(), &path);
    assert_eq!(code, 1);
    assert_eq!(codes(&found), ["submit/malformed"]);
}

// The official RFCXML template's way: references by `xi:include` of bibxml, cited by their
// anchors. Those citations are defined (a warning says the include needs the network).
#[test]
fn bibxml_includes_define_the_anchors_they_bring_in() {
    let (dir, path) = filled("xml");
    edit(&path, |t| {
        let start = t.find("<reference anchor=\"RFC2119\"").unwrap();
        let end = t.rfind("</reference>").unwrap() + 12;
        format!(
            "{}<xi:include href=\"https://bib.ietf.org/public/rfc/bibxml/reference.RFC.2119.xml\"/>\n<xi:include href=\"https://bib.ietf.org/public/rfc/bibxml/reference.RFC.8174.xml\"/>{}",
            &t[..start],
            &t[end..]
        )
        .replace("<rfc ", "<rfc xmlns:xi=\"http://www.w3.org/2001/XInclude\" ")
    });
    let (code, found) = gate(dir.path(), &path);
    assert_eq!(code, 0, "{found:?}");
    assert_eq!(
        codes(&found),
        ["submit/remote-include", "submit/remote-include"]
    );
}

/// ietf-wg-cellar/matroska-specification: mmark sources a Makefile fills in (`value =
/// "@BUILD_VERSION@"`, `date = @BUILD_DATE@`). They are no files to upload, so the gate leaves
/// them to the build's output with a note; a title block that really does not parse is told
/// about its TOML, not YAML.
#[test]
fn a_source_a_build_fills_in_is_left_to_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let block = "%%%\ntitle = \"Codecs\"\nworkgroup = \"cellar\"\ndate = @BUILD_DATE@\n\n[seriesInfo]\nname = \"Internet-Draft\"\nvalue = \"@BUILD_VERSION@\"\n\n[[author]]\nfullname = \"J. Doe\"\n%%%\n\n# Introduction\n\nText.\n";
    std::fs::write(d.join("index_codec.md"), block).unwrap();
    let out = newdraft(d)
        .args(["check", "--submission", "index_codec.md"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("note: `index_codec.md` is filled in by a build"),
        "{err}"
    );
    std::fs::write(
        d.join("draft-doe-cellar-codecs-00.md"),
        block.replace("@BUILD_VERSION@", "draft-doe-cellar-codecs-00"),
    )
    .unwrap();
    let out = newdraft(d)
        .args(["check", "--submission", "draft-doe-cellar-codecs-00.md"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("error[submit/malformed]")
            && text.contains("check the TOML of the title block"),
        "{text}"
    );
}
