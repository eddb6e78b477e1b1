//! Hostile input: file names, names and arguments that would be workflow commands or escape
//! sequences (issue 9), file names that are not UTF-8, and arbitrary draft content.

use super::*;

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

// A file name that adds a control character to the name its draft declares
// (`draft-x-00\n.xml`) was taken for a copy of that draft (`draft-x-00-SR.txt`) and passed
// unjudged. A copy's name adds to the declared one after a separator.
#[cfg(unix)]
#[test]
fn a_control_character_after_the_declared_name_is_no_copy() {
    let name = "draft-doe-dispatch-widgets-00";
    let d = tree(&[
        (&format!("{name}\n.xml"), &xml(name, name)),
        (&format!("{name}-SR.xml"), &xml(name, name)),
    ]);
    let (code, v, findings) = json(d.path(), &["--no-git"]);
    assert_eq!(code, 1, "{v}");
    let copies: Vec<&str> = v["drafts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["copy"] == true)
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(copies, [format!("{name}-SR.xml")], "{v}");
    assert!(
        findings
            .iter()
            .any(|(p, _, c)| p == &format!("{name}\n.xml") && c == "name/bad-char"),
        "{v}"
    );
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
