//! `newdraft render`: the text and HTML the Datatracker will show, made by the IETF's own
//! renderers ([`crate::typeset`]), with their messages reported as findings.

use std::fmt::Write as _;

use anyhow::Result;

use crate::report::{Renderer, ReportFormat};
use crate::typeset::{Options, render};
use crate::{Outcome, Status};

/// Run `render` and report.
pub fn run(opts: &Options) -> Result<Outcome> {
    let rendered = render(opts)?;
    let mut out = String::new();
    for w in &rendered.written {
        let shown = w.to_string_lossy();
        let _ = writeln!(out, "wrote {}", shown.strip_prefix("./").unwrap_or(&shown));
    }
    let mut r = Renderer::new(opts.format, opts.color);
    for f in &rendered.findings {
        r.finding(f);
    }
    let (report, counts) = r.finish(1, 0);
    if opts.format == ReportFormat::Json {
        // The JSON object alone on standard output; the paths go to standard error.
        return Ok(Outcome {
            stdout: report,
            stderr: out.lines().map(|l| format!("note: {l}")).collect(),
            status: status(counts.errors),
            ..Outcome::default()
        });
    }
    out.push_str(&report);
    Ok(Outcome {
        stdout: out,
        stderr: Vec::new(),
        status: status(counts.errors),
        ..Outcome::default()
    })
}

fn status(errors: usize) -> Status {
    if errors > 0 {
        Status::Findings
    } else {
        Status::Success
    }
}
