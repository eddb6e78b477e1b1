//! `newdraft submit FILE --user EMAIL`: the last step of the path, posting a draft to the
//! Datatracker through its submission API, and following it until it is posted.
//!
//! In order, stopping at the first step that fails:
//! 1. the submission gate ([`crate::gate`]) and the name the draft declares (a revision is
//!    needed): errors refuse, and nothing is sent;
//! 2. the XML that will be posted: the source itself, or what kramdown-rfc (or, with
//!    `--remote`, the Author Tools API) makes of Markdown;
//! 3. `replaces`, for a `-00`, from the `newdraft.toml` record of its adoption (names without
//!    revision, comma-separated, as the API wants), unless `--replaces` says;
//! 4. the submitter (`--user`) is one of the draft's authors (otherwise the Datatracker asks
//!    the authors, not the submitter, to approve);
//! 5. one `POST {endpoint}/api/submission` (multipart `user`, `xml`, `replaces`), never
//!    retried: a POST that got no answer may have arrived, and a second one would be a second
//!    submission;
//! 6. `GET status_url` every `--poll` seconds, each new state printed in words, until
//!    `posted` or `cancel`, or `--wait` seconds (the states that wait for people, such as
//!    `auth`, can take days).
//!
//! The API's shapes (Datatracker `ietf/submit/views.py`, `api_submission` and
//! `api_submission_status`): success `{"id", "name", "rev", "status_url"}`; errors
//! `{"error": "…", "messages": ["…"]}` with HTTP 400 (`Validation Error`, `No such user: …`),
//! 405 (`Method not allowed`) or 500 (`IO Error`, `Multiple matching accounts …`); status
//! `{"id", "state", "state_desc"}`. Every error becomes a finding with a fix; an answer that
//! is not the API's JSON is kept whole, on standard error, never dropped.
//!
//! The steps are methods of one [`Run`], which holds the report and the notes: [`prepare`]
//! has those before anything is sent (1 to 4), [`upload`] the POST and the status (5 and 6).

mod prepare;
mod upload;

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Result, bail};
use chrono::NaiveDate;

use crate::http::{Client, Part};
use crate::report::{Finding, Renderer, ReportFormat};
use crate::source::SourceKind;
use crate::{Outcome, Status};

/// A submission's state, as the status API names it, and what it means to the author.
pub fn state_in_words(state: &str) -> &'static str {
    match state {
        "validating" => {
            "the Datatracker is checking the draft (xml2rfc, idnits); this takes a minute or two"
        }
        "uploaded" => "uploaded; the Datatracker waits for the submission to be confirmed",
        "auth" => {
            "confirm the mail the Datatracker sent you: the draft is posted when you follow its link"
        }
        "aut-appr" => {
            "waiting for the authors of the previous revision to approve it (the Datatracker mailed them)"
        }
        "grp-appr" => {
            "waiting for the group's chairs to approve this first revision of a group draft"
        }
        "ad-appr" => "waiting for the area director to approve it",
        "manual" => "waiting for the IETF Secretariat to post it by hand",
        "waiting-for-draft" => "waiting for the Secretariat to receive the draft",
        "posted" => "posted",
        "cancel" => "cancelled",
        _ => "a state newdraft does not know",
    }
}

/// `newdraft submit`, validated.
#[derive(Debug, Clone)]
pub struct Request {
    /// The draft source to post.
    pub file: PathBuf,
    /// The Datatracker account's address.
    pub user: String,
    /// Show what would be sent, and send nothing.
    pub dry_run: bool,
    /// `--replaces`, as typed.
    pub replaces: Option<String>,
    /// The Datatracker's base URL.
    pub endpoint: String,
    /// Convert Markdown with the Author Tools API.
    pub remote: bool,
    /// The Author Tools API's base URL.
    pub author_tools: String,
    /// kramdown-rfc's reference cache.
    pub cache: Option<PathBuf>,
    /// The deadline of one request.
    pub timeout: Duration,
    /// How long to follow the submission's status.
    pub wait: Duration,
    /// How often to ask for it.
    pub poll: Duration,
    /// The findings' format.
    pub format: ReportFormat,
    /// Colour the human report.
    pub color: bool,
    /// The `PATH` kramdown-rfc is looked for on.
    pub path_var: std::ffi::OsString,
    /// The injected clock.
    pub today: NaiveDate,
}

/// Run `submit`; progress lines go to `out` as they happen, the findings at the end.
pub fn run(args: &Request, out: &mut dyn Write) -> Result<Outcome> {
    let user = args.user.trim();
    let (text, kind) = read_source(args, user)?;
    let mut run = Run::new(args, user);
    // 1. The gate, and the name (and 4., the submitter).
    let name = match run.judge(&text, kind)? {
        Step::Next(name) => name,
        Step::Refuse(why) => return Ok(run.refuse(&why)),
    };
    // 2. The XML to post.
    let xml = match run.xml(&text, kind)? {
        Step::Next(xml) => xml,
        Step::Refuse(why) => return Ok(run.refuse(&why)),
    };
    // 3. replaces.
    let post = Post {
        url: format!("{}/api/submission", run.endpoint()),
        xml_name: format!("{name}.xml"),
        xml,
        replaces: prepare::replaces(args, &name)?,
    };
    if args.dry_run {
        return run.dry_run(&post, out);
    }
    // 5. One POST.
    let client = Client::new(args.timeout);
    let Some(uploaded) = run.upload(&client, &post, &name, out)? else {
        return Ok(run.failed());
    };
    // 6. Follow the status.
    run.follow(&client, &uploaded, &uploaded.posted_name(&name), out)?;
    Ok(run.finish())
}

/// The source `submit` posts, read: its text and kind, once `--user` is an address and the
/// file is RFCXML or kramdown-rfc Markdown.
fn read_source(args: &Request, user: &str) -> Result<(String, SourceKind)> {
    if !crate::mail::is_address(user) {
        bail!(
            "`--user {user}` is not an email address; give the address of your Datatracker account"
        );
    }
    let text = crate::source::read_text(&args.file)?;
    let Some(kind) = SourceKind::detect(&args.file, text.as_bytes()) else {
        bail!(
            "`{}` is not a draft source (RFCXML `.xml` or kramdown-rfc `.md`)",
            args.file.display()
        );
    };
    if matches!(kind, SourceKind::Mmark | SourceKind::Text) {
        bail!(
            "`{}` is {}; `submit` posts RFCXML, from an `.xml` or kramdown-rfc `.md` source",
            args.file.display(),
            kind.describe()
        );
    }
    Ok((text, kind))
}

/// How a step before the upload ends.
enum Step<T> {
    /// On to the next step, with what this one made.
    Next(T),
    /// Nothing is sent, for this reason.
    Refuse(String),
}

/// One `submit`: the request, and the report and notes it builds up as it goes.
struct Run<'a> {
    args: &'a Request,
    /// `--user`, trimmed.
    user: &'a str,
    /// The file, as findings name it.
    shown: String,
    renderer: Renderer,
    /// The lines for standard error.
    notes: Vec<String>,
}

impl<'a> Run<'a> {
    fn new(args: &'a Request, user: &'a str) -> Run<'a> {
        let shown = args.file.to_string_lossy();
        Run {
            args,
            user,
            shown: shown.strip_prefix("./").unwrap_or(&shown).to_owned(),
            renderer: Renderer::new(args.format, args.color),
            notes: Vec::new(),
        }
    }

    /// The Datatracker's base URL, without a trailing `/`.
    fn endpoint(&self) -> &str {
        self.args.endpoint.trim_end_matches('/')
    }

    /// Add `findings` to the report.
    fn report(&mut self, findings: &[Finding]) {
        for f in findings {
            self.renderer.finding(f);
        }
    }

    /// The end of a run that sent nothing: the report, and a note that says why.
    fn refuse(self, why: &str) -> Outcome {
        let (report, _) = self.renderer.finish(1, 0);
        let mut notes = self.notes;
        notes.push(format!("note: nothing was sent: {why}"));
        Outcome {
            stdout: report,
            stderr: notes,
            status: Status::Findings,
            ..Outcome::default()
        }
    }

    /// The end of a run whose upload failed: the report, with the finding that says how.
    fn failed(self) -> Outcome {
        let (report, _) = self.renderer.finish(1, 0);
        Outcome {
            stdout: report,
            stderr: self.notes,
            status: Status::Findings,
            ..Outcome::default()
        }
    }

    /// The end of a run that uploaded: the report when it has findings, success unless one is
    /// an error.
    fn finish(self) -> Outcome {
        let (report, counts) = self.renderer.finish(1, 0);
        Outcome {
            stdout: if counts.errors + counts.warnings == 0 {
                String::new()
            } else {
                report
            },
            stderr: self.notes,
            status: if counts.errors > 0 {
                Status::Findings
            } else {
                Status::Success
            },
            ..Outcome::default()
        }
    }
}

/// What is posted besides `user`: the fields of the multipart form.
struct Post {
    /// `{endpoint}/api/submission`.
    url: String,
    /// The name the XML is posted under: the draft's name and revision, `.xml`.
    xml_name: String,
    xml: String,
    /// Names without revision, comma-separated; empty for none.
    replaces: String,
}

impl Post {
    /// The parts posted: `user`, `xml`, and `replaces` unless there is none.
    fn parts<'a>(&'a self, user: &'a str) -> Vec<Part<'a>> {
        let mut parts = vec![
            Part {
                name: "user",
                filename: None,
                data: user.as_bytes(),
            },
            Part {
                name: "xml",
                filename: Some(&self.xml_name),
                data: self.xml.as_bytes(),
            },
        ];
        if !self.replaces.is_empty() {
            parts.push(Part {
                name: "replaces",
                filename: None,
                data: self.replaces.as_bytes(),
            });
        }
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_words() {
        for s in [
            "validating",
            "auth",
            "aut-appr",
            "grp-appr",
            "ad-appr",
            "posted",
            "cancel",
        ] {
            assert!(!state_in_words(s).starts_with("a state"), "{s}");
        }
        assert!(state_in_words("auth").contains("confirm the mail the Datatracker sent you"));
    }
}
