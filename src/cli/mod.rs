//! The command line, as clap sees it.
//!
//! This module owns the clap definition — its `///` comments are the `--help` text, the
//! completions and the man page — and nothing else. Every raw argument is turned into a validated
//! domain value (a `DraftName`, a `NaiveDate`, a `Group`) by the command that uses it, before any
//! work starts; no other module sees these structs' clap attributes.

pub mod man;
mod request;
mod values;

pub use request::{DATE_YEARS, Request, parse_date, request};

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::ci;
use crate::cmd::{doctor, init};
use crate::report;

/// Bring new work to the IETF: start an Internet-Draft for DISPATCH, check it the way the
/// Datatracker will, and carry it through revisions and adoption.
#[derive(Debug, Parser)]
#[command(name = "newdraft", version, about, long_about = None, propagate_version = true)]
#[command(after_help = "The path: `newdraft email problem` → `newdraft init` → \
`newdraft check --submission` → `newdraft render` → `newdraft submit` → \
`newdraft email announce` → `newdraft bump` (and `submit`) → `newdraft adopt` (and `submit`).")]
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
    /// Render a draft to the text and HTML the Datatracker will show, with xml2rfc (and
    /// kramdown-rfc for Markdown), offline; its warnings and errors are findings
    Render(RenderArgs),
    /// Post a draft to the Datatracker, after the submission gate, and follow it until it is
    /// posted or cancelled
    Submit(SubmitArgs),
    /// Say which renderers and validators (xml2rfc, kramdown-rfc, idnits, mmark) are installed,
    /// whether they work offline, and how to install the missing ones
    Doctor(DoctorArgs),
    /// Fetch what the Datatracker knows (the draft index and the group list) into the cache,
    /// and say what is cached
    #[command(subcommand)]
    Index(IndexCommand),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the man page (roff): every command and option, on one page
    Man,
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
    #[arg(long, value_enum, default_value_t = init::Format::Xml)]
    pub format: init::Format,

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
    #[arg(long, value_enum, default_value_t = init::Category::Info)]
    pub category: init::Category,

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

    /// Overwrite files that already exist, and accept a `--wg` that newdraft's group list does
    /// not know
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
    pub ci: Option<ci::Provider>,
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

    #[command(flatten)]
    pub report: ReportArgs,

    /// Make warnings fail the check too
    #[arg(long, value_enum, value_name = "KIND")]
    pub deny: Option<Deny>,

    /// Also judge each draft source as the Datatracker will at upload: a date within 3
    /// days, title, abstract, authors with email, no placeholder left, RFCXML v3, no include
    /// it cannot resolve, BCP 14, references and citations, Security and IANA Considerations
    #[arg(long)]
    pub submission: bool,

    /// Do not read git tags for revision history
    #[arg(long)]
    pub no_git: bool,

    /// Check names against this copy of the Datatracker's `all_id.txt` (or `all_id2.txt`)
    /// instead of the cached one
    #[arg(long, value_name = "FILE")]
    pub index: Option<PathBuf>,

    /// Also ask the Datatracker about each name found (one request a name; a network failure
    /// is a warning, and the offline answer stands)
    #[arg(long)]
    pub online: bool,

    /// The Datatracker's base URL, for `--online`
    #[arg(long, value_name = "URL", env = "NEWDRAFT_DATATRACKER_URL", default_value = DATATRACKER_URL)]
    pub datatracker_url: String,

    /// Give up on a request to the Datatracker after SECONDS
    #[arg(long, value_name = "SECONDS", env = "NEWDRAFT_TIMEOUT", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The draft source (RFCXML `.xml` or kramdown-rfc `.md`)
    pub file: PathBuf,

    /// Write the outputs into DIR [default: beside the source]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Let the renderers fetch references from the network (by default they run with
    /// `--no-network` / `KRAMDOWN_OFFLINE=1`, and references come from the source or the cache)
    #[arg(long, conflicts_with = "remote")]
    pub network: bool,

    /// The reference cache the renderers read (and, with `--network`, fill): xml2rfc
    /// `--cache`, kramdown-rfc `KRAMDOWN_REFCACHEDIR` [default: the renderers' own]
    #[arg(long, value_name = "DIR", env = "NEWDRAFT_REFERENCE_CACHE")]
    pub cache: Option<PathBuf>,

    /// Render with the IETF Author Tools API instead of the installed tools (sends the draft)
    #[arg(long)]
    pub remote: bool,

    /// The Author Tools API's base URL, for `--remote`
    #[arg(long, value_name = "URL", env = "NEWDRAFT_AUTHOR_TOOLS_URL", default_value = AUTHOR_TOOLS_URL)]
    pub endpoint: String,

    /// Give up on a request after SECONDS
    #[arg(long, value_name = "SECONDS", env = "NEWDRAFT_TIMEOUT", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,

    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Debug, Args)]
pub struct SubmitArgs {
    /// The draft source to post (RFCXML `.xml`, or kramdown-rfc `.md`, converted first)
    pub file: PathBuf,

    /// The email address of your Datatracker account, which must be an author's: the
    /// Datatracker mails it to confirm the submission
    #[arg(long, value_name = "EMAIL", env = "NEWDRAFT_SUBMITTER")]
    pub user: String,

    /// Show exactly what would be sent, and send nothing
    #[arg(long)]
    pub dry_run: bool,

    /// The drafts this one replaces, comma-separated, without revisions [default: for a -00,
    /// the `replaces` of its adoption record in newdraft.toml]
    #[arg(long, value_name = "NAMES")]
    pub replaces: Option<String>,

    /// The Datatracker's base URL: the upload goes to `URL/api/submission`
    #[arg(long, value_name = "URL", env = "NEWDRAFT_DATATRACKER_URL", default_value = DATATRACKER_URL)]
    pub endpoint: String,

    /// Convert Markdown with the IETF Author Tools API instead of the installed kramdown-rfc
    #[arg(long)]
    pub remote: bool,

    /// The Author Tools API's base URL, for `--remote`
    #[arg(long, value_name = "URL", env = "NEWDRAFT_AUTHOR_TOOLS_URL", default_value = AUTHOR_TOOLS_URL)]
    pub author_tools: String,

    /// kramdown-rfc's reference cache (`KRAMDOWN_REFCACHEDIR`)
    #[arg(long, value_name = "DIR", env = "NEWDRAFT_REFERENCE_CACHE")]
    pub cache: Option<PathBuf>,

    /// Give up on one request after SECONDS (the upload is never retried)
    #[arg(long, value_name = "SECONDS", env = "NEWDRAFT_TIMEOUT", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,

    /// Follow the submission's status for at most SECONDS, then leave it to the Datatracker's
    /// page (confirming the mail or a chair's approval can take days)
    #[arg(long, value_name = "SECONDS", default_value_t = 600)]
    pub wait: u64,

    /// Ask for the status every MILLISECONDS
    #[arg(
        long,
        value_name = "MILLISECONDS",
        env = "NEWDRAFT_POLL_MS",
        default_value_t = 5000
    )]
    pub poll: u64,

    #[command(flatten)]
    pub report: ReportArgs,
}

/// The IETF Author Tools service.
const AUTHOR_TOOLS_URL: &str = "https://author-tools.ietf.org";

/// The Datatracker's public address.
const DATATRACKER_URL: &str = "https://datatracker.ietf.org";

#[derive(Debug, Subcommand)]
pub enum IndexCommand {
    /// Fetch the draft index (`all_id.txt`) and the group list into the user's cache directory
    /// (with `--from`/`--groups-from`: copy only those, fetching nothing)
    Update(IndexUpdateArgs),
    /// Say what is cached, from where, and how old it is
    Status,
}

#[derive(Debug, Args)]
pub struct IndexUpdateArgs {
    /// Read the draft index from this copy of `all_id.txt` (or `all_id2.txt`) instead of
    /// fetching it
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,

    /// Read the group list from this saved answer of the group API (one or more pages of JSON)
    /// instead of fetching it
    #[arg(long, value_name = "FILE")]
    pub groups_from: Option<PathBuf>,

    /// The draft index's URL
    #[arg(
        long,
        value_name = "URL",
        env = "NEWDRAFT_INDEX_URL",
        default_value = "https://www.ietf.org/id/all_id.txt"
    )]
    pub index_url: String,

    /// The Datatracker's base URL, for the group API
    #[arg(long, value_name = "URL", env = "NEWDRAFT_DATATRACKER_URL", default_value = DATATRACKER_URL)]
    pub datatracker_url: String,

    /// Give up on a request after SECONDS
    #[arg(long, value_name = "SECONDS", env = "NEWDRAFT_TIMEOUT", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
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

    /// Adopt into a group that newdraft's group list does not know, or calls concluded
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum EmailCommand {
    /// The first message to the list: the problem and use cases, before any draft exists
    Problem(EmailProblemArgs),
    /// The message pointing the list at a posted draft, asking for comments
    Announce(EmailAnnounceArgs),
}

/// How findings are reported: shared by `check`, `render` and `submit`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The output format of the findings
    #[arg(long, value_enum, default_value_t = report::ReportFormat::Human)]
    pub format: report::ReportFormat,

    /// When to colour the output
    #[arg(long, value_enum, default_value_t = report::ColorChoice::Auto)]
    pub color: report::ColorChoice,
}

/// The sender, the date and the destination of a message: shared by `email problem` and
/// `email announce`.
#[derive(Debug, Args)]
pub struct MessageArgs {
    /// Your full name [default: the draft's first author (`--from` for `problem`), else `git
    /// config user.name`]
    #[arg(long)]
    pub fullname: Option<String>,

    /// Your email address [default: the draft's first author (`--from` for `problem`), else
    /// `git config user.email`]
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
pub struct EmailProblemArgs {
    /// The group whose list to write to
    #[arg(long, value_name = "ACRONYM", default_value = "dispatch")]
    pub wg: String,

    /// What the work is about, in a few words
    #[arg(long)]
    pub title: Option<String>,

    /// Take the problem statement and use cases from this draft
    #[arg(long, value_name = "DRAFT")]
    pub from: Option<PathBuf>,

    #[command(flatten)]
    pub message: MessageArgs,
}

#[derive(Debug, Args)]
pub struct EmailAnnounceArgs {
    /// The posted draft (XML or Markdown)
    pub draft: PathBuf,

    /// The group whose list to write to [default: the draft's group, else `dispatch`]
    #[arg(long, value_name = "ACRONYM")]
    pub wg: Option<String>,

    #[command(flatten)]
    pub message: MessageArgs,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// The output format
    #[arg(long, value_enum, default_value_t = doctor::Format::Human)]
    pub format: doctor::Format,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The completion script for `shell`, generated from the one clap definition.
fn completions(shell: clap_complete::Shell) -> anyhow::Result<String> {
    use clap::CommandFactory as _;
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "newdraft", &mut buf);
    Ok(String::from_utf8(buf)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
