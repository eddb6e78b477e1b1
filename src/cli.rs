//! The command line, as clap sees it.
//!
//! This module owns the clap definition — its `///` comments are the `--help` text, the
//! completions and the man page — and nothing else. Every raw argument is turned into a validated
//! domain value (a `DraftName`, a `NaiveDate`, a `Group`) by the command that uses it, before any
//! work starts; no other module sees these structs' clap attributes.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Bring new work to the IETF: start an Internet-Draft for DISPATCH, check it the way the
/// Datatracker will, and carry it through revisions and adoption.
#[derive(Debug, Parser)]
#[command(name = "newdraft", version, about, long_about = None, propagate_version = true)]
#[command(after_help = "The path: `newdraft email problem` → `newdraft init` → \
`newdraft check` → `newdraft email announce` → `newdraft bump` → `newdraft adopt`.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a new Internet-Draft skeleton: problem statement, use cases and requirements
    Init(InitArgs),
    /// Check draft names, files and revisions against the Datatracker's rules, offline
    Check(CheckArgs),
    /// Write the next revision of a draft beside the old one (which stays untouched)
    Bump(BumpArgs),
    /// Rename a draft on adoption: `draft-ietf-<wg>-<subject>-00`, replacing the individual draft
    Adopt(AdoptArgs),
    /// Write an email to the group's mailing list
    #[command(subcommand)]
    Email(EmailCommand),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the man page (roff): every command and option, on one page
    Man,
}

/// The format of a draft source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SourceFormat {
    /// RFCXML v3, ready to upload to the Datatracker as it is
    Xml,
    /// kramdown-rfc Markdown, the format i-d-template repositories use
    Md,
}

/// The intended status of the document (RFCXML `category`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Category {
    /// Informational
    Info,
    /// Standards Track
    Std,
    /// Best Current Practice
    Bcp,
    /// Experimental
    Exp,
    /// Historic
    Historic,
}

/// Where `init --ci` writes a workflow for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiProvider {
    /// GitHub Actions: `.github/workflows/newdraft.yml`
    Github,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Your surname: the second component of the name (`Müller` becomes `muller`)
    pub surname: String,

    /// What the draft is about, in a few words: the last components of the name
    /// (`"Widget Discovery"` becomes `widget-discovery`)
    pub topic: String,

    /// The group the draft is aimed at, by acronym
    #[arg(long, value_name = "ACRONYM", default_value = "dispatch")]
    pub wg: String,

    /// The source format to write
    #[arg(long, value_enum, default_value_t = SourceFormat::Xml)]
    pub format: SourceFormat,

    /// The document title [default: the topic as typed, title-cased if typed in lower case]
    #[arg(long)]
    pub title: Option<String>,

    /// A short title for page headers, at most 40 characters [default: the title's first
    /// words, when the title is over 40 characters]
    #[arg(long)]
    pub abbrev: Option<String>,

    /// The author's full name [default: `git config user.name`]
    #[arg(long)]
    pub fullname: Option<String>,

    /// The author's email address [default: `git config user.email`]
    #[arg(long)]
    pub email: Option<String>,

    /// The author's organization
    #[arg(long)]
    pub org: Option<String>,

    /// The intended status
    #[arg(long, value_enum, default_value_t = Category::Info)]
    pub category: Category,

    /// The document date, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// The i-d-template layout: `draft-<surname>-<wg>-<topic>.<ext>` whose document name ends in
    /// `-latest` (the revision comes from git tags at submission)
    #[arg(long)]
    pub unversioned: bool,

    /// The directory to write into (created when missing)
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,

    /// Overwrite files that already exist
    #[arg(long)]
    pub force: bool,

    /// Show what would be written, and write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// A directory of templates that override the built-in ones of the same name
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    /// Also write a CI workflow that runs `newdraft check` on every push and pull request
    #[arg(long, value_enum, value_name = "PROVIDER")]
    pub ci: Option<CiProvider>,
}

/// How `check` reports its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// `path:line: error[code]: message`, with a hint line, for people
    Human,
    /// One JSON object with a `findings` array and counts (schema in the README)
    Json,
    /// GitHub workflow annotations (`::error file=…,line=…::…`)
    Github,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and `NO_COLOR` is unset
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

/// Findings that can be made to fail the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Exit 1 on warnings too
    Warnings,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to check (directories are walked, honouring .gitignore)
    /// [default: the current directory, unless names are given]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Check this name instead of files: without an extension the revision is optional, with
    /// `.xml` or `.txt` it is a submission file name (repeatable)
    #[arg(long = "name", value_name = "NAME")]
    pub names: Vec<std::ffi::OsString>,

    /// Check the names in FILE, one per line (`-` for standard input; blank lines are skipped)
    #[arg(long, value_name = "FILE|-")]
    pub names_from: Option<PathBuf>,

    /// GROUP has adopted the drafts checked, so `draft-ietf-<GROUP>-…` (or
    /// `draft-irtf-<GROUP>-…`) names are theirs (repeatable; see also newdraft.toml)
    #[arg(long, value_name = "GROUP")]
    pub adopted_by: Vec<String>,

    /// The output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,

    /// Make warnings fail the check too
    #[arg(long, value_enum, value_name = "KIND")]
    pub deny: Option<Deny>,

    /// When to colour the output
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Do not read git tags for revision history
    #[arg(long)]
    pub no_git: bool,
}

#[derive(Debug, Args)]
pub struct BumpArgs {
    /// The draft source to revise (`draft-…-NN.xml` or `.md`)
    pub draft: PathBuf,

    /// The new revision's date, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// Show what would be written, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct AdoptArgs {
    /// The individual draft's latest revision
    pub draft: PathBuf,

    /// The adopting group's acronym
    #[arg(long, value_name = "ACRONYM")]
    pub wg: String,

    /// The adopting group is an IRTF research group (`draft-irtf-…`)
    #[arg(long)]
    pub irtf: bool,

    /// The subject components of the new name [default: the individual name without its author
    /// and target-group components]
    #[arg(long)]
    pub subject: Option<String>,

    /// The date of the new -00, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// Show what would be written, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum EmailCommand {
    /// The first message to the list: the problem and use cases, before any draft exists
    Problem(EmailProblemArgs),
    /// The message pointing the list at a posted draft, asking for comments
    Announce(EmailAnnounceArgs),
}

#[derive(Debug, Args)]
pub struct EmailProblemArgs {
    /// The group whose list to write to
    #[arg(long, value_name = "ACRONYM", default_value = "dispatch")]
    pub wg: String,

    /// What the work is about, in a few words
    #[arg(long)]
    pub title: Option<String>,

    /// Your full name [default: the `--from` draft's first author, else `git config user.name`]
    #[arg(long)]
    pub fullname: Option<String>,

    /// Your email address [default: the `--from` draft's first author, else `git config
    /// user.email`]
    #[arg(long)]
    pub email: Option<String>,

    /// Take the problem statement and use cases from this draft
    #[arg(long, value_name = "DRAFT")]
    pub from: Option<PathBuf>,

    /// Write the message to FILE instead of standard output (`-`: standard output)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Overwrite FILE if it exists
    #[arg(long)]
    pub force: bool,

    /// The message date, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// A directory of templates that override the built-in ones of the same name
    /// (`email-problem.txt.tera`, `email-announce.txt.tera`)
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct EmailAnnounceArgs {
    /// The posted draft (XML or Markdown)
    pub draft: PathBuf,

    /// The group whose list to write to [default: the draft's group, else `dispatch`]
    #[arg(long, value_name = "ACRONYM")]
    pub wg: Option<String>,

    /// Your full name [default: the draft's first author, else `git config user.name`]
    #[arg(long)]
    pub fullname: Option<String>,

    /// Your email address [default: the draft's first author, else `git config user.email`]
    #[arg(long)]
    pub email: Option<String>,

    /// Write the message to FILE instead of standard output (`-`: standard output)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Overwrite FILE if it exists
    #[arg(long)]
    pub force: bool,

    /// The message date, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// A directory of templates that override the built-in ones of the same name
    /// (`email-problem.txt.tera`, `email-announce.txt.tera`)
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The years a `--date` may have: four digits, and none before the first Internet-Drafts'
/// century. chrono alone takes `-0001-01-01` and `+10000-01-01`, which made `year="-1"`.
pub const DATE_YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// A `--date` value, `YYYY-MM-DD` with a year in [`DATE_YEARS`], or an error naming the flag
/// and the expected form: the one date parser of every command.
pub fn parse_date(text: &str) -> anyhow::Result<chrono::NaiveDate> {
    use chrono::Datelike as _;
    let t = text.trim();
    let shape = t.len() == 10
        && t.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let date = shape
        .then(|| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
        .flatten()
        .filter(|d| DATE_YEARS.contains(&d.year()));
    date.ok_or_else(|| {
        anyhow::anyhow!(
            "`--date {}` is not a date; expected YYYY-MM-DD with a year from {} to {}, e.g. `--date 2026-03-16`",
            crate::text::escape(text),
            DATE_YEARS.start(),
            DATE_YEARS.end()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn dates_are_four_digit_years_from_1900() {
        assert_eq!(
            parse_date(" 2026-03-16 ").unwrap(),
            chrono::NaiveDate::from_ymd_opt(2026, 3, 16).unwrap()
        );
        assert!(parse_date("1900-01-01").is_ok() && parse_date("9999-12-31").is_ok());
        for bad in [
            "-0001-01-01",
            "+2026-01-01",
            "10000-01-01",
            "1899-12-31",
            "0000-01-01",
            "2026-3-16",
            "2026-02-30",
            "２０２６-03-16",
        ] {
            let err = parse_date(bad).map_or_else(|e| e.to_string(), |d| d.to_string());
            assert!(
                err.contains("is not a date") && !err.contains('\n'),
                "{bad:?}: {err}"
            );
        }
    }

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
