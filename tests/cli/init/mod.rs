//! `newdraft init` through the real binary, a module per concern: where the draft goes and what
//! init prints (`writing`), the names it makes and that check accepts them (`names`), what it
//! refuses, writing nothing (`refusals`), and what the draft says (`contents`).
//!
//! Here, what they share: the date, init run with an author, and a directory's entries.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

use crate::support::{self, newdraft, stderr, stdout};

mod contents;
mod names;
mod refusals;
mod writing;

const DATE: &str = "2026-03-16";

/// Today, as `--date` takes it: xml2rfc (and so init) warns about other dates.
fn today() -> String {
    support::today().to_string()
}

/// `newdraft init` with an author and today's date (unless `args` has a date), in `dir`.
fn init(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = newdraft(dir);
    cmd.arg("init").args(args).args(["--fullname", "Jane Doe"]);
    if !args.contains(&"--email") {
        cmd.args(["--email", "jane@example.com"]);
    }
    if !args.contains(&"--date") {
        cmd.args(["--date", &today()]);
    }
    cmd
}

/// Every entry of a directory, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
