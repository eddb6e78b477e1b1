//! The man page: newdraft(1), generated from the one clap definition.
//!
//! One page holds everything: the top-level synopsis and options, then a COMMANDS section with a
//! subsection per command (`newdraft check`, `newdraft email problem`, …) giving its description,
//! synopsis and every option with its help, default and possible values. One page, not a
//! `newdraft-check(1)` per command as `clap_mangen`'s default would point to, because
//! `cargo install` installs no man pages: the user runs `newdraft man > newdraft.1` once, and
//! then `man newdraft` (and a search in it) finds every option. The sections come from
//! `clap_mangen`, so options render as in any clap tool; this module only arranges them, adds the
//! exit status, and writes non-ASCII text as groff `\[uXXXX]` escapes so the page is plain ASCII
//! and renders the same with or without a UTF-8 preprocessor.

use std::fmt::Write as _;

use anyhow::Result;
use clap::CommandFactory as _;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use crate::Status;
use crate::cli::Cli;

/// The whole man page, as roff source.
pub(crate) fn page() -> Result<String> {
    let mut root = Cli::command();
    root.build();
    let man = Man::new(root.clone());

    // The title line by hand: `clap_mangen` writes an empty date as nothing at all, which moves
    // the source and manual arguments of `.TH` one place left. No date: the page is the same
    // whenever it is generated.
    let mut page = format!(
        ".TH NEWDRAFT 1 \"\" \"newdraft {}\" \"User Commands\"\n",
        env!("CARGO_PKG_VERSION")
    );
    let mut out = Vec::new();
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    page.push_str(&strip_preambles(&String::from_utf8(out)?));

    page.push_str(&roff_body(
        Roff::new()
            .control("SH", ["COMMANDS"])
            .text([roman(
                "Each command takes the options listed under it; `newdraft <command> --help` prints the same.",
            )]),
    ));
    for command in commands(&root) {
        page.push_str(&command_section(command)?);
    }

    let mut extra = Roff::new();
    if let Some(after) = root.get_after_help() {
        extra.control("SH", ["THE PATH"]);
        for line in after.to_string().lines() {
            extra.text([roman(line)]);
        }
    }
    extra
        .control("SH", ["EXIT STATUS"])
        .control("TP", [])
        .text([bold(Status::Success.code().to_string())])
        .text([roman(
            "Success. For check: no errors were found (warnings are allowed unless --deny warnings).",
        )])
        .control("TP", [])
        .text([bold(Status::Findings.code().to_string())])
        .text([roman(
            "check found problems in the names or drafts it checked; render: the renderer \
             reported an error; submit: the gate refused the draft (nothing was sent), or the \
             Datatracker refused or cancelled it.",
        )])
        .control("TP", [])
        .text([bold("2")])
        .text([roman(
            "A usage or I/O error: an unknown option, a bad value, a missing or unreadable file, \
             or a file that would have been overwritten without --force.",
        )]);
    page.push_str(&roff_body(&extra));

    let mut out = Vec::new();
    man.render_version_section(&mut out)?;
    page.push_str(&strip_preambles(&String::from_utf8(out)?));

    Ok(format!("{}{}", preamble(), ascii_only(&page)))
}

/// Every command under `root`, depth first (`email`, then `email problem`, …), without clap's
/// implicit `help` commands.
fn commands(root: &clap::Command) -> Vec<&clap::Command> {
    let mut all = Vec::new();
    for sub in root
        .get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help")
    {
        all.push(sub);
        all.extend(commands(sub));
    }
    all
}

/// A COMMANDS subsection: `.SS "newdraft check"`, the description, the synopsis and the options.
fn command_section(command: &clap::Command) -> Result<String> {
    let name = command.get_bin_name().unwrap_or_else(|| command.get_name());
    let mut section = roff_body(Roff::new().control("SS", [name]));
    let man = Man::new(command.clone());
    let mut out = Vec::new();
    man.render_description_section(&mut out)?;
    section.push_str(&demote(&String::from_utf8(out)?));
    section.push_str(&roff_body(Roff::new().control("PP", [])));
    let mut out = Vec::new();
    man.render_synopsis_section(&mut out)?;
    section.push_str(&demote(&String::from_utf8(out)?));
    let mut out = Vec::new();
    man.render_options_section(&mut out)?;
    section.push_str(&demote(&String::from_utf8(out)?));
    Ok(section)
}

/// What every rendered piece starts with (roff's apostrophe set-up): written once, at the top.
fn preamble() -> String {
    Roff::new().render()
}

/// A piece of roff without the preamble.
fn roff_body(roff: &Roff) -> String {
    strip_preambles(&roff.render())
}

fn strip_preambles(roff: &str) -> String {
    roff.replace(&preamble(), "")
}

/// A section rendered for a page of its own, made part of a COMMANDS subsection: its `.SH`
/// heading lines go (text lines never start with a dot: roff escapes them).
fn demote(roff: &str) -> String {
    strip_preambles(roff)
        .lines()
        .filter(|line| !line.starts_with(".SH"))
        .fold(String::new(), |mut acc, line| {
            acc.push_str(line);
            acc.push('\n');
            acc
        })
}

/// Non-ASCII characters as groff's `\[uXXXX]` escapes (`→` becomes `\[u2192]`).
fn ascii_only(roff: &str) -> String {
    let mut out = String::with_capacity(roff.len());
    for c in roff.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let _ = write!(out, "\\[u{:04X}]", u32::from(c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_command_once_without_help() {
        let mut root = Cli::command();
        root.build();
        let names: Vec<_> = commands(&root)
            .iter()
            .map(|c| c.get_bin_name().unwrap_or_default().to_owned())
            .collect();
        assert_eq!(
            names,
            [
                "newdraft init",
                "newdraft check",
                "newdraft bump",
                "newdraft adopt",
                "newdraft email",
                "newdraft email problem",
                "newdraft email announce",
                "newdraft render",
                "newdraft submit",
                "newdraft doctor",
                "newdraft index",
                "newdraft index update",
                "newdraft index status",
                "newdraft completions",
                "newdraft man",
            ]
        );
    }

    #[test]
    fn page_is_ascii_with_one_preamble_and_a_subsection_per_command() {
        let page = page().unwrap();
        assert!(page.is_ascii());
        assert_eq!(page.matches(&preamble()).count(), 1);
        assert!(page.starts_with(&preamble()));
        let title = format!(
            "\n.TH NEWDRAFT 1 \"\" \"newdraft {}\" \"User Commands\"\n",
            env!("CARGO_PKG_VERSION")
        );
        assert_eq!(page.matches(&title).count(), 1, "{page}");
        assert_eq!(page.matches("\n.TH ").count(), 1, "{page}");
        assert_eq!(page.matches("\n.SS ").count(), 15, "{page}");
        assert!(
            page.contains("\n.SS \"newdraft email problem\"\n"),
            "{page}"
        );
        // The after-help's arrows survive as escapes.
        assert!(page.contains("\\[u2192]"), "{page}");
    }

    #[test]
    fn escapes_non_ascii() {
        assert_eq!(ascii_only("a → Müller"), "a \\[u2192] M\\[u00FC]ller");
        assert_eq!(ascii_only("\u{1F600}"), "\\[u1F600]");
    }

    #[test]
    fn demote_drops_section_headings_only() {
        assert_eq!(demote(".SH OPTIONS\n.TP\nx\n"), ".TP\nx\n");
    }
}
