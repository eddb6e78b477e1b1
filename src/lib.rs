//! newdraft: bring new work to the IETF.
//!
//! The flow of every command is the same: raw arguments become validated domain values at the
//! edge (`cli`, `name`), the middle is pure (a command computes the files or the report it
//! wants, as an [`Outcome`]), and effects happen in one place at the end: [`run`] writes planned
//! files through `write` and prints the outcome; `main` prints the one error line.

pub mod author;
pub mod ci;
pub mod cli;
pub mod cmd;
pub mod gate;
pub mod git;
pub mod groups;
pub mod http;
pub mod index;
pub mod mail;
pub mod name;
pub mod read;
pub mod records;
pub mod render;
pub mod report;
pub mod source;
pub mod text;
pub mod tools;
pub mod typeset;
pub mod write;

use std::io::Write as _;

use anyhow::Result;

use cli::Request;

/// How a command ended, when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Status {
    #[default]
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

/// What a command produced: text for standard output, notes for standard error, its status,
/// and the files it wants written. Commands build one; only [`run`] writes and prints it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    /// The command's real output (paths written, a report, a message).
    pub stdout: String,
    /// Diagnostics for people, each a whole line such as `note: …` or `warning: …`.
    pub stderr: Vec<String>,
    /// How it ended.
    pub status: Status,
    /// The files to write, all or none, after the command returns (see [`write`]).
    pub writes: Vec<write::Target>,
    /// A dry run: [`run`] writes none of [`Outcome::writes`].
    pub dry_run: bool,
}

impl Outcome {
    /// A successful outcome with this standard output.
    pub fn success(stdout: impl Into<String>) -> Self {
        Outcome {
            stdout: stdout.into(),
            stderr: Vec::new(),
            status: Status::Success,
            writes: Vec::new(),
            dry_run: false,
        }
    }
}

/// Run one command line. Errors are usage or I/O errors (exit status 2); findings are not
/// errors but a [`Status`].
pub fn run(cli: cli::Cli) -> Result<Status> {
    let now = chrono::Local::now().fixed_offset();
    let outcome = match cli::request(cli, now)? {
        Request::Init(opts) => cmd::init::run(&opts)?,
        Request::Check(req) => cmd::check::run(&req, &mut std::io::stdout().lock())?,
        Request::Bump(req) => cmd::bump::run(&req)?,
        Request::Adopt(req) => cmd::adopt::run(&req)?,
        Request::EmailProblem(req) => cmd::email::problem(&req)?,
        Request::EmailAnnounce(req) => cmd::email::announce(&req)?,
        Request::Render(opts) => cmd::render::run(&opts)?,
        Request::Submit(req) => {
            // With `--format json` standard output is the JSON report alone; the progress
            // goes to standard error.
            let mut progress: Box<dyn std::io::Write> = if req.format == report::ReportFormat::Json
            {
                Box::new(std::io::stderr().lock())
            } else {
                Box::new(std::io::stdout().lock())
            };
            cmd::submit::run(&req, &mut progress)?
        }
        Request::Doctor(format) => cmd::doctor::run_here(format)?,
        Request::IndexUpdate(opts) => cmd::index::update(&opts)?,
        Request::IndexStatus => cmd::index::status(now.date_naive())?,
        Request::Print(text) => Outcome::success(text),
    };
    finish(&outcome)
}

/// The end of every command: write the files it planned (all or none; none for a dry run),
/// then print.
fn finish(outcome: &Outcome) -> Result<Status> {
    if !outcome.dry_run {
        write::apply_all(&outcome.writes)?;
    }
    print(outcome)
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
