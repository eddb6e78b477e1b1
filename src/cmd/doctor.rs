//! `newdraft doctor`: which of the IETF's renderers and validators are installed, their
//! versions, whether they work offline, and the one command that installs each one here. The
//! command always succeeds: a missing tool is an answer, not an error.

use std::ffi::OsStr;
use std::fmt::Write as _;

use anyhow::Result;
use serde::Serialize;

use crate::Outcome;
use crate::tools::{Finding, diagnose};

/// How `doctor` prints its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A few lines per tool, for people.
    Human,
    /// One JSON object, `{"version": 1, "tools": [...]}`.
    Json,
}

/// `newdraft doctor`, looking on `path`.
pub fn run(format: Format, path: &OsStr) -> Result<Outcome> {
    let findings = diagnose(path);
    Ok(Outcome::success(match format {
        Format::Human => human(&findings),
        Format::Json => json(&findings)?,
    }))
}

/// `newdraft doctor`, looking on the process's own `PATH`.
pub fn run_here(format: Format) -> Result<Outcome> {
    run(format, &std::env::var_os("PATH").unwrap_or_default())
}

fn human(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let status = match (&f.path, f.runs, &f.version) {
            (None, ..) => "not found".to_owned(),
            (Some(p), false, _) => format!("found at {}, but it does not run", p.display()),
            (Some(p), true, Some(v)) => format!("{v} ({})", p.display()),
            (Some(p), true, None) => format!("installed ({})", p.display()),
        };
        let _ = writeln!(out, "{}: {status}", f.name);
        let _ = writeln!(out, "  {}", f.role);
        if let Some(offline) = &f.offline {
            let _ = writeln!(out, "  offline: {offline}");
        }
        if !f.runs {
            let _ = writeln!(out, "  install: {}", f.install);
        }
    }
    let working = findings.iter().filter(|f| f.runs).count();
    let _ = writeln!(
        out,
        "{working} of {} tools work. newdraft itself needs none of them; they are for reading and checking your draft as the Datatracker will.",
        findings.len()
    );
    out
}

fn json(findings: &[Finding]) -> Result<String> {
    #[derive(Serialize)]
    struct Report<'a> {
        version: u32,
        tools: &'a [Finding],
    }
    let mut text = serde_json::to_string_pretty(&Report {
        version: 1,
        tools: findings,
    })?;
    text.push('\n');
    Ok(text)
}
