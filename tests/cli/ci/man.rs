//! Completions and the man page, generated from the one clap definition.

use super::*;

fn stdout_of(args: &[&str]) -> String {
    let out = support::newdraft_anywhere().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "newdraft {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every command's name, and every long option of every command, from the clap definition.
fn commands_and_options() -> (Vec<String>, Vec<String>) {
    fn walk(cmd: &clap::Command, names: &mut Vec<String>, longs: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            if let Some(long) = arg.get_long() {
                longs.push(long.to_owned());
            }
        }
        for sub in cmd.get_subcommands() {
            names.push(sub.get_name().to_owned());
            walk(sub, names, longs);
        }
    }
    let mut cmd = api::Cli::command();
    cmd.build();
    let (mut names, mut longs) = (Vec::new(), Vec::new());
    walk(&cmd, &mut names, &mut longs);
    names.retain(|n| n != "help");
    longs.sort();
    longs.dedup();
    (names, longs)
}

#[test]
fn completions_for_every_shell_name_every_command() {
    let (names, longs) = commands_and_options();
    assert!(names.len() >= 9, "{names:?}");
    let shells = clap_complete::Shell::value_variants();
    assert_eq!(shells.len(), 5, "bash, elvish, fish, powershell, zsh");
    for shell in shells {
        let shell = shell.to_possible_value().unwrap().get_name().to_owned();
        let script = stdout_of(&["completions", &shell]);
        for name in &names {
            assert!(script.contains(name.as_str()), "{shell}: no `{name}`");
        }
        for long in &longs {
            // fish spells a long option `-l NAME`; the others `--NAME`.
            let spelled = if shell == "fish" {
                format!("-l {long}")
            } else {
                format!("--{long}")
            };
            assert!(script.contains(&spelled), "{shell}: no `{spelled}`");
        }
    }
}

#[test]
fn bash_completion_completes_commands_options_and_values() {
    let script = stdout_of(&["completions", "bash"]);
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("newdraft.bash");
    std::fs::write(&file, &script).unwrap();
    let syntax = Command::new("bash").arg("-n").arg(&file).output().unwrap();
    assert!(
        syntax.status.success(),
        "{}",
        String::from_utf8_lossy(&syntax.stderr)
    );

    // What bash's programmable completion would offer after these words (the last one being
    // completed).
    let complete = |words: &[&str]| -> Vec<String> {
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let cword = words.len() - 1;
        let program = format!(
            "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={cword}\nCOMP_LINE='{}'\nCOMP_POINT=${{#COMP_LINE}}\n\
             _newdraft newdraft '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
            file.display(),
            quoted.join(" "),
            words.join(" "),
            words[cword],
            words[cword.saturating_sub(1)],
        );
        let out = Command::new("bash")
            .args(["--noprofile", "--norc", "-c", &program])
            .current_dir(work.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(complete(&["newdraft", "ch"]), ["check"]);
    assert_eq!(complete(&["newdraft", "email", "a"]), ["announce"]);
    assert_eq!(complete(&["newdraft", "check", "--ad"]), ["--adopted-by"]);
    let mut shells = complete(&["newdraft", "completions", ""]);
    shells.retain(|s| !s.starts_with('-'));
    shells.sort();
    assert_eq!(shells, ["bash", "elvish", "fish", "powershell", "zsh"]);
    assert_eq!(
        complete(&["newdraft", "check", "--format", ""]),
        ["human", "json", "github"]
    );
}

// ---------------------------------------------------------------------------------------------
// The man page

/// `name` with roff's escaped hyphens, as it appears in the page source.
fn roff(name: &str) -> String {
    name.replace('-', "\\-")
}

#[test]
fn man_page_has_every_command_and_option() {
    let page = stdout_of(&["man"]);
    assert!(page.is_ascii(), "non-ASCII is escaped");
    assert!(page.contains("\n.TH NEWDRAFT 1 "), "{page}");
    for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS"] {
        assert!(page.contains(&format!("\n.SH {section}\n")), "no {section}");
    }
    assert!(page.contains("\n.SH \"EXIT STATUS\"\n"), "{page}");
    let mut root = api::Cli::command();
    root.build();
    let mut stack: Vec<&clap::Command> = root.get_subcommands().collect();
    let mut seen = 0;
    while let Some(cmd) = stack.pop() {
        if cmd.get_name() == "help" {
            continue;
        }
        seen += 1;
        let name = cmd.get_bin_name().unwrap();
        let heading = format!("\n.SS \"{name}\"\n");
        let at = page
            .find(&heading)
            .unwrap_or_else(|| panic!("no subsection for `{name}`"));
        // The subsection (up to the next one) has every option of the command.
        let rest = &page[at + heading.len()..];
        let own = &rest[..rest.find("\n.S").unwrap_or(rest.len())];
        for arg in cmd.get_arguments() {
            let shown = match (arg.get_long(), arg.get_value_names()) {
                (Some(long), _) => format!("\\fB\\-\\-{}\\fR", roff(long)),
                (None, Some(value)) => format!("\\fI{}\\fR", value[0]),
                (None, None) => format!("\\fI{}\\fR", arg.get_id()),
            };
            assert!(own.contains(&shown), "`{name}`: no {shown} in\n{own}");
        }
        stack.extend(cmd.get_subcommands());
    }
    assert_eq!(seen, 15);
}

/// Render roff with `groff -man -Tutf8 -ww`: (success, its words without overstriking, warnings).
fn render(groff: &Path, page: &str) -> (bool, String, String) {
    use std::io::Write as _;
    let mut child = Command::new(groff)
        .args(["-man", "-Tutf8", "-ww"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let overstrike = regex::Regex::new(r".\x08").unwrap();
    // groff justifies lines (several spaces) and wraps them: compare words.
    let text = overstrike
        .replace_all(&String::from_utf8_lossy(&out.stdout), "")
        .replace(['\u{2010}', '\u{2212}'], "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (
        out.status.success(),
        text,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn man_page_renders_without_a_groff_warning() {
    // scripts/install-validators.sh installs groff too (Debian's `groff-base`).
    let Some(groff) = tools::tool(GROFF) else {
        return;
    };
    // The harness itself: a page with a mistake does draw a warning.
    let (_, _, warnings) = render(&groff, ".TH X 1\n.SH NAME\n.XY undefined\nx\n");
    assert!(!warnings.is_empty(), "groff -ww reports nothing?");

    let page = stdout_of(&["man"]);
    let (ok, text, warnings) = render(&groff, &page);
    assert!(ok && warnings.is_empty(), "groff:\n{warnings}");
    // The header: page, manual, page; the footer: source, (no date), page.
    assert!(
        text.starts_with("NEWDRAFT(1) User Commands NEWDRAFT(1) NAME newdraft - "),
        "{text}"
    );
    assert!(
        text.ends_with(&format!("newdraft {VERSION} NEWDRAFT(1)")),
        "{text}"
    );
    for expected in [
        "newdraft email problem",
        "--adopted-by <GROUP>",
        "--ci <PROVIDER>",
        "[default: dispatch]",
        "`newdraft init` \u{2192} `newdraft check --submission`",
        "(`M\u{fc}ller` becomes `muller`)",
        "EXIT STATUS",
    ] {
        assert!(text.contains(expected), "no `{expected}` in\n{text}");
    }
}

// ---------------------------------------------------------------------------------------------
// `newdraft init --ci github`
