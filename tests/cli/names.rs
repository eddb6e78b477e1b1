//! The naming test vectors (`tests/data/names.tsv`, a copy of the project's spec/names.tsv) and
//! the real posted names (`tests/data/real-draft-names.txt`), through the library and through
//! the CLI; and property tests: no input panics, and the validator agrees with the plain
//! regular-expression form of the grammar (naming.md, "Recommended checker regexes").

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

use proptest::prelude::*;
use regex::Regex;

use crate::support::api::{Context, DraftName, Form, name};
use crate::support::{self, newdraft_anywhere};

const TSV: &str = include_str!("../data/names.tsv");
const REAL: &str = include_str!("../data/real-draft-names.txt");

/// One row: name, the groups it is adopted by, and whether it must pass.
struct Row {
    line: usize,
    name: &'static str,
    adopted: Vec<String>,
    ok: bool,
    reason: &'static str,
}

fn rows() -> Vec<Row> {
    let rows: Vec<Row> = TSV
        .lines()
        .enumerate()
        .skip(1)
        .filter(|(_, l)| !l.is_empty())
        .map(|(i, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 4, "line {}: {l:?}", i + 1);
            let adopted = match f[1] {
                "individual" => Vec::new(),
                c => vec![
                    c.strip_prefix("adopted:")
                        .unwrap_or_else(|| panic!("line {}: context {c}", i + 1))
                        .to_owned(),
                ],
            };
            let ok = match f[2] {
                "ok" => true,
                "reject" => false,
                e => panic!("line {}: expected {e}", i + 1),
            };
            Row {
                line: i + 1,
                name: f[0],
                adopted,
                ok,
                reason: f[3],
            }
        })
        .collect();
    assert!(rows.len() > 100, "names.tsv has {} rows", rows.len());
    rows
}

#[test]
fn every_tsv_row_through_the_library() {
    let mut wrong = Vec::new();
    for row in rows() {
        let v = name::check_name(
            row.name,
            Form::Auto,
            &Context {
                adopted_by: &row.adopted,
            },
        );
        if v.issues.is_empty() != row.ok {
            wrong.push(format!(
                "line {}: {:?} {:?}: expected {}, got {:?} ({})",
                row.line,
                row.name,
                row.adopted,
                if row.ok { "ok" } else { "reject" },
                v.issues.iter().map(|i| i.code.as_str()).collect::<Vec<_>>(),
                row.reason
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The findings of one `--names-from -` run, by input line.
fn cli_findings(
    names: &[&str],
    adopted: &[String],
) -> (i32, BTreeMap<usize, Vec<serde_json::Value>>) {
    let mut input = String::new();
    for n in names {
        assert!(!n.contains('\n') && !n.trim().is_empty());
        input.push_str(n);
        input.push('\n');
    }
    let mut cmd = newdraft_anywhere();
    cmd.args([
        "check",
        "--format",
        "json",
        "--deny",
        "warnings",
        "--names-from",
        "-",
    ]);
    for g in adopted {
        cmd.args(["--adopted-by", g]);
    }
    let out = cmd.write_stdin(input).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["counts"]["names"], names.len());
    let mut by_line: BTreeMap<usize, Vec<serde_json::Value>> = BTreeMap::new();
    for f in v["findings"].as_array().unwrap() {
        let line = usize::try_from(f["line"].as_u64().unwrap()).unwrap();
        assert_eq!(f["path"], "<stdin>");
        by_line.entry(line).or_default().push(f.clone());
    }
    (out.status.code().unwrap(), by_line)
}

#[test]
fn every_tsv_row_through_the_cli() {
    // One process per context: the names as lines of standard input, findings mapped back by
    // line. The empty name cannot be a line (blank lines are skipped), so it goes by `--name`.
    let rows = rows();
    let mut by_context: BTreeMap<Vec<String>, Vec<&Row>> = BTreeMap::new();
    for row in rows.iter().filter(|r| !r.name.trim().is_empty()) {
        by_context.entry(row.adopted.clone()).or_default().push(row);
    }
    let mut wrong = Vec::new();
    for (adopted, rows) in &by_context {
        let names: Vec<&str> = rows.iter().map(|r| r.name).collect();
        let (code, findings) = cli_findings(&names, adopted);
        let any_reject = rows.iter().any(|r| !r.ok);
        assert_eq!(code, i32::from(any_reject), "context {adopted:?}");
        for (i, row) in rows.iter().enumerate() {
            let found = findings.get(&(i + 1));
            if found.is_some() == row.ok {
                wrong.push(format!(
                    "line {}: {:?} {adopted:?}: expected {}, got {found:?}",
                    row.line,
                    row.name,
                    if row.ok { "ok" } else { "reject" },
                ));
            }
            if let Some(found) = found {
                for f in found {
                    assert_eq!(f["name"], row.name);
                    assert!(f["message"].as_str().is_some_and(|m| !m.is_empty()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // Blank names, and a few rows one process each, exactly as a user would type them.
    for row in rows.iter().filter(|r| {
        r.name.trim().is_empty()
            || [
                "draft-smith-quic-multipath-00.xml",
                "draft-ietf-quic-multipath-00",
                "draft-quic-multipath-00",
                "draft-smith-quic-multipath-٠١",
                "../draft-smith-quic-multipath-00.xml",
                "draft-irtf-cfrg-hybrid-kem-00",
            ]
            .contains(&r.name)
    }) {
        let mut cmd = newdraft_anywhere();
        cmd.args(["check", "--deny", "warnings", "--name", row.name]);
        for g in &row.adopted {
            cmd.args(["--adopted-by", g]);
        }
        let out = cmd.output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        if row.ok {
            assert_eq!(out.status.code(), Some(0), "line {}: {stdout}", row.line);
            assert_eq!(
                stdout,
                format!("{}: ok\nno problems in 1 name\n", row.name),
                "line {}",
                row.line
            );
        } else {
            assert_eq!(out.status.code(), Some(1), "line {}: {stdout}", row.line);
            assert!(
                stdout.contains("error[") || stdout.contains("warning["),
                "{stdout}"
            );
        }
    }
}

/// The group a real name is adopted by: `<g>` for `draft-ietf-<g>-`/`draft-irtf-<g>-`, `iab`
/// for `draft-iab-`.
fn adopter(n: &str) -> Option<String> {
    let parsed = DraftName::parse(n).unwrap_or_else(|e| panic!("{n}: {e}"));
    if n.starts_with("draft-iab-") {
        return Some("iab".to_owned());
    }
    parsed.group().map(str::to_owned)
}

fn real_names() -> Vec<&'static str> {
    let names: Vec<&str> = REAL.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(names.len(), 2579);
    names
}

#[test]
fn every_real_name_is_accepted_by_the_library() {
    let mut wrong = Vec::new();
    for n in real_names() {
        let adopted: Vec<String> = adopter(n).into_iter().collect();
        let v = name::check_name(
            n,
            Form::Auto,
            &Context {
                adopted_by: &adopted,
            },
        );
        if v.has_errors() {
            wrong.push(format!("{n} {adopted:?}: {:?}", v.issues));
        }
        // As a submission file and as a docName, too.
        let f = name::check_name(
            &format!("{n}.xml"),
            Form::File,
            &Context {
                adopted_by: &adopted,
            },
        );
        let d = name::check_name(
            n,
            Form::Versioned,
            &Context {
                adopted_by: &adopted,
            },
        );
        if f.has_errors() || d.has_errors() {
            wrong.push(format!(
                "{n}.xml {adopted:?}: {:?} {:?}",
                f.issues, d.issues
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} rejected:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn every_real_name_is_accepted_by_the_cli() {
    // One process: adoption of each stream name recorded in a newdraft.toml, as `adopt` would.
    let dir = tempfile::tempdir().unwrap();
    let mut toml = String::new();
    let mut seen = std::collections::HashSet::new();
    for n in real_names() {
        if let Some(g) = adopter(n) {
            let base = DraftName::parse(n).unwrap().as_str().to_owned();
            if seen.insert(base.clone()) {
                writeln!(
                    toml,
                    "[[adopted]]
name = \"{base}\"
group = \"{g}\"
"
                )
                .unwrap();
            }
        }
    }
    std::fs::write(dir.path().join("newdraft.toml"), toml).unwrap();
    let out = support::newdraft(dir.path())
        .args(["check", "--format", "json", "--names-from", "-"])
        .write_stdin(REAL)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors = support::errors(&v);
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(v["counts"]["names"], 2579);
    assert_eq!(out.status.code(), Some(0));

    // And by `--adopted-by`, for a few groups, one name each.
    for n in [
        "draft-ietf-quic-multipath-07",
        "draft-irtf-cfrg-hybrid-kem-00",
        "draft-ietf-tls-esni-22",
    ] {
        let Some(real) = real_names().into_iter().find(|r| *r == n) else {
            continue;
        };
        let g = adopter(real).unwrap();
        newdraft_anywhere()
            .args(["check", "--name", real, "--adopted-by", &g])
            .assert()
            .code(0);
    }
}

/// naming.md's recommended regexes: the bare name, and the versioned name (group 1 ≤ 50).
fn regex_verdict(s: &str, form: Form) -> bool {
    static NAME: std::sync::LazyLock<Regex> =
        std::sync::LazyLock::new(|| Regex::new(r"^draft-[a-z][a-z0-9]*(?:-[a-z0-9]+)+$").unwrap());
    static VERSIONED: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(r"^(draft-[a-z][a-z0-9]*(?:-[a-z0-9]+)+)-([0-9]{2})$").unwrap()
    });
    let versioned = VERSIONED
        .captures(s)
        .is_some_and(|c| c.get(1).is_some_and(|m| m.len() <= 50));
    let ends_in_revision = {
        let b = s.as_bytes();
        b.len() >= 3
            && b[b.len() - 3] == b'-'
            && b[b.len() - 2].is_ascii_digit()
            && b[b.len() - 1].is_ascii_digit()
    };
    match form {
        Form::Versioned => versioned,
        // The last `-NN` is always the revision: then the versioned form must hold.
        _ if ends_in_revision => versioned,
        _ => NAME.is_match(s) && s.len() <= 50,
    }
}

/// Strings that are often names: `draft-` (or a near miss) and components from a small
/// alphabet, sometimes a revision, sometimes long.
fn nameish() -> impl Strategy<Value = String> {
    let prefix = prop_oneof![
        8 => Just("draft-".to_owned()),
        1 => Just("Draft-".to_owned()),
        1 => Just("draft".to_owned()),
        1 => Just(String::new()),
    ];
    let component = prop_oneof![
        6 => "[a-z][a-z0-9]{0,9}",
        2 => "[0-9]{1,3}",
        1 => "[a-zA-Z0-9._ -]{0,6}",
        1 => Just(String::new()),
    ];
    let rev = prop_oneof![
        2 => Just(String::new()),
        2 => "-[0-9]{2}",
        1 => "-[0-9]{1,3}",
    ];
    (prefix, prop::collection::vec(component, 0..9), rev)
        .prop_map(|(p, c, r)| format!("{p}{}{r}", c.join("-")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn validator_agrees_with_the_regex_grammar(s in nameish()) {
        for form in [Form::Name, Form::Versioned] {
            let v = name::check_name(&s, form, &Context::default());
            prop_assert_eq!(
                v.name.is_some(),
                regex_verdict(&s, form),
                "{:?} as {:?}: {:?}", s, form, v.issues
            );
            // A syntax verdict with no name always says why.
            prop_assert!(v.name.is_some() || !v.issues.is_empty());
        }
    }

    #[test]
    fn validator_agrees_on_the_small_alphabet(s in "(draft-)?[a-zA-Z0-9._ -]{0,60}") {
        for form in [Form::Name, Form::Versioned] {
            let v = name::check_name(&s, form, &Context::default());
            prop_assert_eq!(v.name.is_some(), regex_verdict(&s, form), "{:?} {:?}", s, form);
        }
    }

    #[test]
    fn no_string_panics_the_validator(s in any::<String>(), g in "[a-z]{0,6}") {
        let adopted = vec![g];
        for form in [Form::Auto, Form::Name, Form::Versioned, Form::File] {
            let _ = name::check_name(&s, form, &Context::default());
            let _ = name::check_name(&s, form, &Context { adopted_by: &adopted });
        }
        let _ = DraftName::parse(&s);
        let _ = name::component(&s);
    }

    #[test]
    fn no_bytes_panic_the_validator(b in prop::collection::vec(any::<u8>(), 0..80)) {
        let s = String::from_utf8_lossy(&b);
        for form in [Form::Auto, Form::File] {
            let _ = name::check_name(&s, form, &Context::default());
        }
    }
}

proptest! {
    // Each case runs the binary: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn no_bytes_crash_names_from(lines in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..40), 1..20)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("names.txt");
        let mut f = std::fs::File::create(&path).unwrap();
        for l in &lines {
            f.write_all(l).unwrap();
            f.write_all(b"\n").unwrap();
        }
        drop(f);
        for format in ["human", "json", "github"] {
            let out = newdraft_anywhere()
                .args(["check", "--format", format, "--names-from"])
                .arg(&path)
                .output()
                .unwrap();
            let code = out.status.code();
            prop_assert!(code == Some(0) || code == Some(1), "{:?} {:?}", code, String::from_utf8_lossy(&out.stderr));
            if format == "json" {
                let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                prop_assert!(v["findings"].is_array());
            }
        }
    }
}
