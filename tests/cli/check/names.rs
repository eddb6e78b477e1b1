//! Names mode: `--name` and `--names-from` (a file or standard input), their encodings, and the
//! order and line numbers of a large input.

use std::fmt::Write as _;

use super::*;

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
    assert_eq!(findings, vec![finding("names.txt", 3, "name/uppercase")]);
    assert_eq!(v["counts"]["names"], 2);
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
    assert_eq!(findings, vec![finding("n.txt", 2, "name/non-ascii")]);
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

/// A stream name at -01 or later was posted under that name, so its group adopted it: as for a
/// file (evidence `posted-revision`), so for `--name` and `--names-from`. A -00, or no revision,
/// still needs evidence.
#[test]
fn a_posted_revision_of_a_stream_name_is_adopted_as_a_files_is() {
    let d = tree(&[(
        "names.txt",
        "draft-ietf-acme-foo-05\ndraft-iab-foo-bar-03\n",
    )]);
    let out = run(
        d.path(),
        &[
            "--name",
            "draft-ietf-acme-foo-05",
            "--name",
            "draft-irtf-cfrg-x-01",
            "--name",
            "draft-ietf-acme-foo-00",
            "--name",
            "draft-ietf-acme-foo",
            "--names-from",
            "names.txt",
        ],
    );
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    for ok in [
        "draft-ietf-acme-foo-05: ok",
        "draft-irtf-cfrg-x-01: ok",
        "draft-iab-foo-bar-03: ok",
    ] {
        assert!(text.contains(&format!("{ok}\n")), "{text}");
    }
    for unadopted in ["draft-ietf-acme-foo-00", "draft-ietf-acme-foo"] {
        assert!(
            text.contains(&format!("{unadopted}: error[stream/not-adopted]")),
            "{text}"
        );
    }
}

/// A group the list knows as a BOF (from its 2022 source) may be a working group by now, as
/// MIMI is: the warning says what the list last saw, not what the group is.
#[test]
fn a_bof_in_the_group_list_is_said_to_be_what_the_list_last_saw() {
    let d = tree(&[]);
    let out = run(
        d.path(),
        &["--name", "draft-ietf-mimi-x-00", "--adopted-by", "mimi"],
    );
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("warning[stream/inactive-group]: `mimi` was a BOF when newdraft's group list last saw it; it may be a working group by now"),
        "{text}"
    );
}
