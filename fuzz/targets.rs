//! The fuzz targets, shared by the stable harness (`tests/cli/fuzz.rs`, which includes this file)
//! and `cargo fuzz` (`fuzz/fuzz_targets/*.rs`, on nightly). Each target checks one input,
//! panicking when a property fails, and returns a [`Signature`] of what the input led to.
//! A new target is one function here (plus its line in `tests/cli/fuzz.rs` and, for `cargo fuzz`,
//! a three-line file in `fuzz_targets/`).

// Each `cargo fuzz` binary uses one target.
#![allow(dead_code)]

use std::hash::{Hash, Hasher};

use newdraft::name::{Context, Form, check_name, is_clean};
use newdraft::records::{Record, Records, add_record};
use newdraft::report::ReportFormat;

/// What an input led to, in a few bits: a new one keeps the input in the working corpus.
pub(crate) type Signature = u64;

/// A hash of anything, for signatures.
pub(crate) fn hash(v: &impl Hash) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

/// `name::check_name` in every form and adoption context, against the fast path, with every
/// message printable on one line once escaped.
pub(crate) fn names(data: &[u8]) -> Signature {
    let text = String::from_utf8_lossy(data);
    let groups: Vec<String> = vec!["quic".to_owned(), "iab".to_owned()];
    let mut sig = 0u64;
    for adopted in [&[][..], &groups[..]] {
        let ctx = Context {
            adopted_by: adopted,
        };
        for (i, form) in [Form::Name, Form::Versioned, Form::File, Form::Auto]
            .into_iter()
            .enumerate()
        {
            let verdict = check_name(&text, form, &ctx);
            assert_eq!(
                is_clean(&text, form, &ctx),
                verdict.issues.is_empty(),
                "the fast path disagrees on {text:?} as {form:?}: {:?}",
                verdict.issues
            );
            if verdict.issues.is_empty() {
                assert!(verdict.name.is_some(), "clean without a name: {text:?}");
            }
            for issue in &verdict.issues {
                let line = newdraft::text::escape(&issue.to_string()).into_owned();
                assert!(!line.contains(['\n', '\r', '\x1b']), "{line:?}");
                sig = sig.rotate_left(7) ^ hash(&(i, issue.code.as_str()));
            }
        }
    }
    sig
}

/// `check --names-from` on the bytes, read in small blocks, in the three formats: JSON that
/// parses, GitHub lines that are only newdraft's annotations, human lines with no control
/// character and no workflow command.
pub(crate) fn names_from(data: &[u8]) -> Signature {
    let block = 1 + data.first().map_or(0, |&b| usize::from(b) % 64);
    let (json, counts) = newdraft::cmd::check::names_report(data, ReportFormat::Json, block);
    let v: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("JSON does not parse ({e}): {json}"));
    assert_eq!(
        v["findings"].as_array().map(Vec::len),
        Some(counts.errors + counts.warnings)
    );
    let (github, _) = newdraft::cmd::check::names_report(data, ReportFormat::Github, block);
    let mut lines = github.lines().collect::<Vec<_>>();
    let summary = lines.pop().unwrap_or_default();
    assert!(summary.contains(" in "), "{summary:?}");
    for l in lines {
        assert!(
            l.starts_with("::error file=names.txt,line=")
                || l.starts_with("::warning file=names.txt,line="),
            "{l:?}"
        );
        assert!(!l.contains(['\r', '\x1b']), "{l:?}");
    }
    let (human, _) = newdraft::cmd::check::names_report(data, ReportFormat::Human, block);
    for l in human.lines() {
        assert!(!newdraft::text::starts_a_command(l), "{l:?}");
        assert!(!l.chars().any(char::is_control), "{l:?}");
    }
    hash(&(
        counts.errors.min(4),
        counts.warnings.min(4),
        counts.names.min(4),
    ))
}

/// `newdraft.toml`: parsing never panics, what parses has valid groups, and a record added to
/// it reads back.
pub(crate) fn records(data: &[u8]) -> Signature {
    let Ok(text) = std::str::from_utf8(data) else {
        return 0;
    };
    match Records::parse(text) {
        Err(e) => {
            let msg = format!("{e:#}");
            hash(&msg.split(':').next().unwrap_or_default().len().min(8))
        }
        Ok(records) => {
            for r in &records.adopted {
                assert!(
                    newdraft::groups::Acronym::parse("group", &r.group).is_ok(),
                    "{:?}",
                    r.group
                );
            }
            let new = Record {
                name: "draft-ietf-fuzz-target-00".to_owned(),
                group: "fuzz".to_owned(),
                replaces: Some("draft-doe-fuzz-target".to_owned()),
            };
            if let Ok(more) = add_record(text, &new) {
                let again = Records::parse(&more)
                    .unwrap_or_else(|e| panic!("an added record does not read back: {e:#}"));
                assert!(
                    again
                        .adopted
                        .iter()
                        .any(|r| r.name == "draft-ietf-fuzz-target"),
                    "{more}"
                );
            }
            hash(&records.adopted.len().min(8)) ^ 1
        }
    }
}

/// A `--templates` file: refused or rendered, never a crash, a hang or a runaway output.
pub(crate) fn templates(data: &[u8]) -> Signature {
    let source = String::from_utf8_lossy(data);
    let values = serde_json::json!({
        "title": "Widget <Discovery> & \"more\"",
        "authors": [{"name": "Jane"}, {"name": "Łukasz"}],
        "group": {"acronym": "dispatch", "area": "art"},
        "abstract": "x".repeat(2000),
        "year": 2026,
    });
    let mut sig = 0;
    for name in ["t.txt.tera", "t.xml.tera"] {
        match newdraft::render::render_user_source(name, &source, &values) {
            Ok(out) => {
                assert!(out.len() as u64 <= 16 << 20, "{} bytes", out.len());
                sig = sig * 3 + 1;
            }
            Err(e) => {
                let msg = format!("{e:#}");
                // The parse timeout is a backstop: an input that reaches it is one the prescan
                // should have refused.
                assert!(!msg.contains("to parse it"), "{msg}");
                let refused = msg.contains("refused");
                sig = sig * 3
                    + if refused {
                        2 + hash(&msg.split(':').nth(1).map(str::len)) % 8
                    } else {
                        0
                    };
            }
        }
    }
    sig
}

/// A draft source in each format through the one reader: the head scan (`check`'s), the whole
/// read (`bump`'s, `adopt`'s, `email`'s), the submission gate, and a rename on the reader's
/// spans. No panic; every
/// line a name is reported on is a line of the input; a rename keeps the text outside the name.
pub(crate) fn drafts(data: &[u8]) -> Signature {
    use newdraft::source::{self, SourceKind};
    let lines = memchr::memchr_iter(b'\n', data).count() + 1;
    let mut sig = 0u64;
    for (i, kind) in [
        SourceKind::Xml,
        SourceKind::Kramdown,
        SourceKind::Mmark,
        SourceKind::Text,
    ]
    .into_iter()
    .enumerate()
    {
        let head = source::scan(data, kind);
        for l in head.docname.iter().chain(&head.series_info) {
            assert!(l.line >= 1 && l.line <= lines, "line {} of {lines}", l.line);
        }
        sig = sig.rotate_left(5)
            ^ hash(&(
                i,
                head.docname.is_some(),
                head.series_info.is_some(),
                head.not_draft.is_some(),
                head.unresolved.is_some(),
            ));
        if let Ok(text) = std::str::from_utf8(data) {
            let doc = source::Document::parse(text, kind);
            sig ^= hash(&(i, doc.is_ok()));
            // The submission gate reads the whole draft (citations, headings, attribute lists,
            // processing instructions): every finding it reports is on a line of the input.
            if kind != SourceKind::Text {
                let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 16).expect("a date");
                if let Ok(found) = newdraft::gate::judge("f", text, kind, today) {
                    for f in &found {
                        assert!(
                            f.line.is_none_or(|l| l >= 1 && l <= lines),
                            "line {:?} of {lines}",
                            f.line
                        );
                    }
                    sig ^= hash(&(i, found.len()));
                }
            }
            if let Some(d) = &head.docname {
                if let Ok(out) = source::rename(text, kind, &d.value, "draft-fuzz-renamed-00") {
                    sig ^= hash(&(i, out.len() > text.len()));
                }
            }
        }
    }
    sig
}

/// A whole draft through `email announce`, as a file: a message or one error, never a panic;
/// the message's header lines stay within RFC 5322's 998 characters.
pub(crate) fn announce(data: &[u8]) -> Signature {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let ext = if data.trim_ascii_start().starts_with(b"<") {
        "xml"
    } else {
        "md"
    };
    let draft = dir
        .path()
        .join(format!("draft-doe-dispatch-widgets-01.{ext}"));
    std::fs::write(&draft, data).expect("the draft is written");
    let args = newdraft::cmd::email::Announce {
        draft,
        wg: None,
        delivery: newdraft::cmd::email::Delivery {
            fullname: Some("A. Fuzzer".to_owned()),
            email: Some("fuzzer@example.com".to_owned()),
            output: None,
            force: false,
            date: chrono::DateTime::parse_from_rfc3339("2026-11-29T00:00:00Z").expect("a date"),
            templates: None,
        },
    };
    match newdraft::cmd::email::announce(&args) {
        Ok(outcome) => {
            let header = outcome.stdout.split("\n\n").next().unwrap_or_default();
            for line in header.lines() {
                assert!(
                    line.len() <= 998,
                    "a header line of {} characters",
                    line.len()
                );
            }
            hash(&(true, outcome.stdout.len() / 256))
        }
        Err(e) => {
            let line = newdraft::text::escape(&format!("{e:#}")).into_owned();
            assert!(!line.contains('\n'), "{line:?}");
            hash(&(false, line.len() / 64))
        }
    }
}
