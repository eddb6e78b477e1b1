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

/// `draft-ietf-` for a research group's draft (real: draft-irtf-cfrg-aead-limits), or for the
/// IAB's: one finding, `stream/wrong-stream`, whatever the revision and whether or not anything
/// says the group adopted it, and the hint names the stream's own name (R10): `draft-irtf-`,
/// `draft-iab-`. (A -00 with nothing said of adoption was `stream/not-adopted`, with a hint to
/// post the same `draft-ietf-` name once `cfrg` adopted it.)
#[test]
fn a_stream_name_in_the_wrong_stream_is_one_finding_that_names_the_right_stream() {
    let d = tree(&[]);
    for (args, hint) in [
        (
            &["--name", "draft-ietf-cfrg-aead-limits-00"][..],
            "hint: until adoption use `draft-<surname>-cfrg-aead-limits`; once `cfrg` adopts it, post `draft-irtf-cfrg-aead-limits-00`",
        ),
        (
            &["--name", "draft-ietf-cfrg-aead-limits-03"][..],
            "hint: use `draft-irtf-cfrg-aead-limits`",
        ),
        (
            &[
                "--name",
                "draft-ietf-cfrg-aead-limits-00",
                "--adopted-by",
                "cfrg",
            ][..],
            "hint: use `draft-irtf-cfrg-aead-limits`",
        ),
        (
            &["--name", "draft-ietf-iab-model-t-00"][..],
            "hint: until adoption use `draft-<surname>-model-t`; once the IAB adopts it, post `draft-iab-model-t-00`",
        ),
        (
            &["--name", "draft-ietf-iab-model-t-03"][..],
            "hint: use `draft-iab-model-t`",
        ),
        (
            &[
                "--name",
                "draft-ietf-quic-model-t-00",
                "--adopted-by",
                "iab",
            ][..],
            "hint: use `draft-iab-model-t`",
        ),
    ] {
        let out = run(d.path(), args);
        let text = stdout(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {text}");
        let errors: Vec<&str> = text.lines().filter(|l| l.contains(": error[")).collect();
        assert_eq!(errors.len(), 1, "{args:?}: {text}");
        let code = if args.contains(&"iab") {
            "stream/wrong-group"
        } else {
            "stream/wrong-stream"
        };
        assert!(
            errors[0].contains(&format!("error[{code}]")),
            "{args:?}: {text}"
        );
        assert!(text.contains(&format!("  {hint}\n")), "{args:?}: {text}");
    }
}

/// A group's acronym as the author component (draft-privacypass-rate-limit-tokens): the hint
/// leads to another name, with the author's surname, not to the same one.
#[test]
fn an_author_that_is_a_group_is_told_to_put_a_surname_first() {
    let d = tree(&[]);
    for (name, hint) in [
        (
            "draft-privacypass-rate-limit-tokens",
            "use `draft-<surname>-privacypass-rate-limit-tokens`",
        ),
        ("draft-tls-foo-bar", "use `draft-<surname>-tls-foo-bar`"),
        ("draft-tls-foo-bar-03", "use `draft-<surname>-tls-foo-bar`"),
        (
            "draft-tls-foo-bar-03.xml",
            "use `draft-<surname>-tls-foo-bar-00.xml`",
        ),
    ] {
        let out = run(d.path(), &["--name", name]);
        let text = stdout(&out);
        assert!(
            text.contains(&format!(
                "{name}: warning[name/author-is-group]: the second component"
            )) && text.contains(&format!("  hint: {hint}\n")),
            "{text}"
        );
    }
}

/// A final number of one or three digits is part of the name, whichever way the name comes:
/// `--name` (no revision needed), a submission file name or a declared name (a revision
/// missing, and the hint appends one). Real: `draft-parecki-oauth-v2-1`, declared so in its
/// kramdown source, posted as `draft-parecki-oauth-v2-1-00`.
#[test]
fn a_final_one_digit_component_is_part_of_the_name_everywhere() {
    let d = tree(&[(
        "draft-parecki-oauth-v2-1.md",
        &md("draft-parecki-oauth-v2-1"),
    )]);
    let out = run(
        d.path(),
        &[
            "--name",
            "draft-parecki-oauth-v2-1",
            "--name",
            "draft-parecki-oauth-v2-1-00",
            "--name",
            "draft-reschke-http-status-308-07",
            "--name",
            "draft-parecki-oauth-v2-1.xml",
        ],
    );
    let text = stdout(&out);
    for ok in [
        "draft-parecki-oauth-v2-1",
        "draft-parecki-oauth-v2-1-00",
        "draft-reschke-http-status-308-07",
    ] {
        assert!(text.contains(&format!("{ok}: ok\n")), "{text}");
    }
    assert!(
        text.contains("draft-parecki-oauth-v2-1.xml: error[name/missing-revision]")
            && text.contains("  hint: use `draft-parecki-oauth-v2-1-00.xml`\n"),
        "{text}"
    );
    let out = run(d.path(), &["--color", "never"]);
    assert_eq!(out.status.code(), Some(1));
    assert_data_eq!(
        stdout(&out),
        str![[r#"
draft-parecki-oauth-v2-1.md:3: error[name/missing-revision]: `draft-parecki-oauth-v2-1` has no revision; a document name ends in `-NN`, from `-00` (the final `-1` is part of the name: a revision is exactly two digits)
  hint: use `draft-parecki-oauth-v2-1-00` for a first version
1 error, 0 warnings in 1 file

"#]]
    );
}
