//! What check prints: the three formats (human, JSON, GitHub annotations), colour, the exit
//! statuses, and docs/check.md's table of codes.

use super::*;

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
