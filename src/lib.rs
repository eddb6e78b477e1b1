//! newdraft: bring new work to the IETF.
//!
//! The flow of every command is the same: raw arguments become validated domain values at the
//! edge (`cli`, `name`), the middle is pure (a command computes the files or the report it
//! wants, as an [`Outcome`]), and effects happen in one place at the end: [`run`] writes planned
//! files through `write` and prints the outcome; `main` prints the one error line.

pub mod adopt;
pub mod adoption;
pub mod author;
pub mod bump;
pub mod check;
pub mod ci;
pub mod cli;
pub mod doctor;
pub mod email;
pub mod gate;
pub mod git;
pub mod groups;
pub mod http;
pub mod index;
pub mod init;
mod man;
pub mod name;
pub mod render;
pub mod report;
pub mod source;
pub mod submit;
pub mod text;
pub mod typeset;
pub mod write;

use std::io::Write as _;

use anyhow::Result;

/// How a command ended, when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything was fine (`check`: no errors, or only allowed warnings).
    Success,
    /// `check` found problems.
    Findings,
    /// `check` could not read everything (it reported what it read, and what it could not).
    Incomplete,
}

impl Status {
    /// The process exit code: 0 or 1 (2, for usage and I/O errors, is `main`'s).
    pub fn code(self) -> u8 {
        match self {
            Status::Success => 0,
            Status::Findings => 1,
            Status::Incomplete => 2,
        }
    }
}

/// What a command produced: text for standard output, notes for standard error, and its
/// status. Commands build one; only [`run`] prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The command's real output (paths written, a report, a message).
    pub stdout: String,
    /// Diagnostics for people, each a whole line such as `note: …` or `warning: …`.
    pub stderr: Vec<String>,
    /// How it ended.
    pub status: Status,
}

impl Outcome {
    /// A successful outcome with this standard output.
    pub fn success(stdout: impl Into<String>) -> Self {
        Outcome {
            stdout: stdout.into(),
            stderr: Vec::new(),
            status: Status::Success,
        }
    }
}

/// Run one command line. Errors are usage or I/O errors (exit status 2); findings are not
/// errors but a [`Status`].
pub fn run(cli: cli::Cli) -> Result<Status> {
    let outcome = match cli.command {
        cli::Command::Init(args) => init::run(&init::Options::try_from(args)?)?,
        cli::Command::Check(args) => check::run(
            &args,
            chrono::Local::now().date_naive(),
            &mut std::io::stdout().lock(),
        )?,
        cli::Command::Bump(args) => bump::run(&args)?,
        cli::Command::Adopt(args) => adopt::run(&args)?,
        cli::Command::Email(command) => email::run(&command)?,
        cli::Command::Render(args) => typeset::run(&typeset::Options {
            file: args.file,
            out: args.out,
            remote: args.remote,
            endpoint: args.endpoint,
            timeout: std::time::Duration::from_secs(args.timeout),
            cache: args.cache,
            network: args.network,
            path_var: std::env::var_os("PATH").unwrap_or_default(),
            format: args.format,
            color: report::use_color(args.color),
            dry_run: false,
        })?,
        cli::Command::Submit(args) => {
            // With `--format json` standard output is the JSON report alone; the progress
            // goes to standard error.
            let mut progress: Box<dyn std::io::Write> = if args.format == cli::ReportFormat::Json {
                Box::new(std::io::stderr().lock())
            } else {
                Box::new(std::io::stdout().lock())
            };
            submit::run(&args, chrono::Local::now().date_naive(), &mut progress)?
        }
        cli::Command::Doctor(args) => doctor::run_here(match args.format {
            cli::DoctorFormat::Human => doctor::Format::Human,
            cli::DoctorFormat::Json => doctor::Format::Json,
        })?,
        cli::Command::Index(cli::IndexCommand::Update(args)) => {
            index::command::update(&index::command::UpdateOptions {
                sources: index::command::Sources {
                    index_url: args.index_url,
                    datatracker: args.datatracker_url,
                    timeout: std::time::Duration::from_secs(args.timeout),
                },
                from: args.from,
                groups_from: args.groups_from,
            })?
        }
        cli::Command::Index(cli::IndexCommand::Status) => {
            index::command::status(chrono::Local::now().date_naive())?
        }
        cli::Command::Completions(args) => Outcome::success(completions(args.shell)?),
        cli::Command::Man => Outcome::success(man::page()?),
    };
    print(&outcome)
}

/// The completion script for `shell`, generated from the one clap definition.
fn completions(shell: clap_complete::Shell) -> Result<String> {
    use clap::CommandFactory as _;
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cli::Cli::command(), "newdraft", &mut buf);
    Ok(String::from_utf8(buf)?)
}

/// Print an outcome: notes to standard error first, then the output, in one locked write.
fn print(outcome: &Outcome) -> Result<Status> {
    {
        let mut err = std::io::stderr().lock();
        // Each note is one line, whatever the values in it (a path with a line break, an
        // escape sequence from a file): escaped here, once, for every command.
        for line in &outcome.stderr {
            writeln!(err, "{}", text::diagnostic(line))?;
        }
    }
    let mut out = std::io::stdout().lock();
    out.write_all(outcome.stdout.as_bytes())?;
    out.flush()?;
    Ok(outcome.status)
}
