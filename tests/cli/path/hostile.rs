//! Hostile templates, refused before they run; the built-in ones pass the same bounds; all or
//! nothing writes; private drafts stay private.

use super::*;

/// Templates that would run away (recursion, huge loops, exponential growth, deep nesting) or
/// that once crashed tera.
fn hostile_templates() -> Vec<String> {
    let doubling = format!(
        "{{% set s = \"x\" %}}{}{{{{ s }}}}",
        "{% set s = s ~ s %}".repeat(40)
    );
    let mut fan_out = String::new();
    for i in 1..8 {
        let calls = format!("{{{{ self::m{}() }}}}", i - 1).repeat(10);
        let _ = write!(fan_out, "{{% macro m{i}() %}}{calls}{{% endmacro %}}");
    }
    let replaces = format!(
        "{{{{ \"x\"{} }}}}",
        " | replace(from=\"x\", to=\"xxxxxxxxxx\")".repeat(12)
    );
    vec![
        "{% macro f() %}{{ self::f() }}{% endmacro %}{{ self::f() }}".to_owned(),
        "{% macro f() %}{{ self::g() }}{% endmacro %}{% macro g() %}{{ self::f() }}{% endmacro %}{{ self::g() }}".to_owned(),
        "{% for i in range(end=100000000) %}x{% endfor %}".to_owned(),
        "{% for i in range(end=10000) %}{% for j in range(end=10000) %}{% endfor %}{% endfor %}".to_owned(),
        "{% set s = \"x\" %}{% for i in range(end=64) %}{% set_global s = s ~ s %}{% endfor %}{{ s }}".to_owned(),
        doubling,
        format!("{{% macro m0() %}}x{{% endmacro %}}{fan_out}{{{{ self::m7() }}}}"),
        replaces,
        format!("{}x{}", "{% if true %}".repeat(5000), "{% endif %}".repeat(5000)),
        format!("{{{{ {}1{} }}}}", "(".repeat(5000), ")".repeat(5000)),
        format!("{{{{ {} }}}}", "1 + ".repeat(2000) + "1"),
        "{% set n = 100000000 %}{% for i in range(end=n) %}{% endfor %}".to_owned(),
        // Including itself overflowed the stack too.
        "{% include \"email-problem.txt.tera\" %}".to_owned(),
        // Found by fuzzing: tera 1.20 panicked on this.
        "{% filter upper %}{% block b %}{{ super() }}{% endblock %}{% endfilter %}".to_owned(),
    ]
}

// See issue 9: a recursive macro in a `--templates` file overflowed the stack (an abort), and a
// loop of 10^8 iterations ran unbounded. A user's template is bounded before it runs.
#[test]
fn hostile_templates_are_refused_before_they_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("tpl")).unwrap();
    let cases = hostile_templates();
    for body in &cases {
        std::fs::write(
            d.join("tpl/email-problem.txt.tera"),
            format!("Subject: x\n\n{body}\n"),
        )
        .unwrap();
        let err = refused(
            d,
            &[
                "email",
                "problem",
                "--templates",
                "tpl",
                "--fullname",
                "J",
                "--email",
                "j@example.com",
                "--title",
                "T",
                "--output",
                "out.eml",
            ],
        );
        assert!(
            err.contains("the template is refused") || err.contains("`range` would make"),
            "{}: {err}",
            &body[..body.len().min(80)]
        );
    }
    // A template that loops and calls macros within the bounds still renders.
    std::fs::write(
        d.join("tpl/email-problem.txt.tera"),
        "Subject: {{ subject_topic }}\n\n{% macro line(n) %}line {{ n }}{% endmacro %}\
         {% for i in range(end=3) %}{{ self::line(n=i) }}\n{% endfor %}",
    )
    .unwrap();
    let raw = ok(
        d,
        &[
            "email",
            "problem",
            "--templates",
            "tpl",
            "--fullname",
            "J",
            "--email",
            "j@example.com",
            "--title",
            "T",
        ],
    );
    assert!(raw.contains("line 0\nline 1\nline 2\n"), "{raw}");
}

/// The bounds on `--templates` files leave newdraft's own templates, used as overrides, alone.
#[test]
fn the_builtin_templates_pass_the_bounds_as_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("tpl")).unwrap();
    for entry in std::fs::read_dir(support::repo().join("templates")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), d.join("tpl").join(entry.file_name())).unwrap();
    }
    let author = ["--fullname", "Jane Doe", "--email", "jane@example.com"];
    ok(
        d,
        &[
            &[
                "init",
                "doe",
                "widgets",
                "--templates",
                "tpl",
                "--ci",
                "github",
            ][..],
            &author,
        ]
        .concat(),
    );
    ok(
        d,
        &[
            &[
                "init",
                "doe",
                "gadgets",
                "--templates",
                "tpl",
                "--format",
                "md",
            ][..],
            &author,
        ]
        .concat(),
    );
    ok(
        d,
        &[
            &["email", "problem", "--templates", "tpl", "--title", "T"][..],
            &author,
        ]
        .concat(),
    );
    ok(
        d,
        &[
            "email",
            "announce",
            "draft-doe-dispatch-widgets-00.xml",
            "--templates",
            "tpl",
        ],
    );
}

// See issue 9: `init --ci github` wrote the draft and then failed on the workflow, leaving half
// a plan that a re-run refused ("already exists").
#[test]
fn init_with_ci_writes_both_files_or_neither() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join(".github"), "a file where the directory goes").unwrap();
    let args = [
        "init",
        "doe",
        "widgets",
        "--ci",
        "github",
        "--fullname",
        "J",
        "--email",
        "j@x.org",
    ];
    let err = refused(d, &args);
    assert!(err.contains("nothing was written"), "{err}");
    std::fs::remove_file(d.join(".github")).unwrap();
    ok(d, &args);
    assert!(d.join("draft-doe-dispatch-widgets-00.xml").is_file());
    assert!(d.join(".github/workflows/newdraft.yml").is_file());
}

// See issue 9: `--force` over a 0600 file and `bump` of a 0600 draft left 0644 files.
#[cfg(unix)]
#[test]
fn private_drafts_stay_private() {
    use std::os::unix::fs::PermissionsExt as _;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let private = std::fs::Permissions::from_mode(0o600);
    let (dir, first) = start("xml");
    let d = dir.path();
    std::fs::set_permissions(&first, private.clone()).unwrap();
    ok(d, &["bump", &format!("{NAME}-00.xml")]);
    assert_eq!(mode(&d.join(format!("{NAME}-01.xml"))), 0o600);
    ok(d, &["adopt", &format!("{NAME}-01.xml"), "--wg", "sipcore"]);
    assert_eq!(
        mode(&d.join("draft-ietf-sipcore-widget-discovery-00.xml")),
        0o600
    );
    let args = [
        "init",
        "doe",
        "widgets",
        "--force",
        "--fullname",
        "J",
        "--email",
        "j@x.org",
    ];
    ok(d, &args);
    let fresh = d.join("draft-doe-dispatch-widgets-00.xml");
    let umask_mode = mode(&fresh);
    std::fs::set_permissions(&fresh, private).unwrap();
    ok(d, &args);
    assert_eq!(mode(&fresh), 0o600);
    std::fs::remove_file(&fresh).unwrap();
    ok(d, &args);
    assert_eq!(mode(&fresh), umask_mode);
}

// A FIFO named like a draft made `bump`, `adopt`, `email` and `render` wait forever: `open`
// of a FIFO waits for a writer before any check of what the file is could run.
#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_draft_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let made = std::process::Command::new("mkfifo")
        .arg(d.join("draft-doe-dispatch-widgets-00.xml"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here: nothing to make the special file with
    }
    let file = "draft-doe-dispatch-widgets-00.xml";
    let commands: [&[&str]; 5] = [
        &["bump", file],
        &["adopt", file, "--wg", "dispatch"],
        &[
            "email",
            "announce",
            file,
            "--fullname",
            "Jane Doe",
            "--email",
            "jane@example.com",
        ],
        &["render", file],
        &["check", "--submission", file],
    ];
    for args in commands {
        let out = newdraft(d)
            .args(args)
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
        assert_eq!(errors.len(), 1, "{args:?}: {err}");
        assert!(
            errors[0].contains("not a regular file")
                || errors[0].contains("not a file or a directory"),
            "{args:?}: {err}"
        );
    }
    // A walk passes the FIFO by, without waiting on it.
    let out = newdraft(d)
        .args(["check", "--no-git", "."])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
