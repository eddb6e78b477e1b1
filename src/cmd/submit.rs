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

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use crate::http::{Answer, Client, Part};
use crate::name::{self, Code, Form};
use crate::report::{Finding, Renderer, ReportFormat};
use crate::source::{Document, SourceKind};
use crate::{Outcome, Status};

/// The largest answer read from the Datatracker.
const ANSWER_LIMIT: u64 = 4 << 20;

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

/// Whether the submission has reached a state it will not leave.
fn is_final(state: &str) -> bool {
    matches!(state, "posted" | "cancel")
}

/// The answer to a successful upload.
#[derive(Debug, serde::Deserialize)]
struct Uploaded {
    id: serde_json::Value,
    name: Option<String>,
    rev: Option<String>,
    status_url: String,
}

impl Uploaded {
    /// The submission's id, as its status page's address has it.
    fn id_text(&self) -> String {
        self.id
            .as_str()
            .map_or_else(|| self.id.to_string(), str::to_owned)
    }

    /// The name and revision the Datatracker took, or `name` when it does not say.
    fn posted_name(&self, name: &str) -> String {
        match (&self.name, &self.rev) {
            (Some(n), Some(r)) => format!("{n}-{r}"),
            _ => name.to_owned(),
        }
    }
}

/// An error answer.
#[derive(Debug, serde::Deserialize)]
struct ApiError {
    error: String,
    #[serde(default)]
    messages: Vec<String>,
}

/// A status answer.
#[derive(Debug, serde::Deserialize)]
struct State {
    state: String,
    state_desc: Option<String>,
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
        replaces: replaces(args, &name)?,
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

    /// Steps 1 and 4: the gate, the name the draft declares (a revision is needed), what the
    /// index knows of it, and the submitter among its authors, all reported; the name, or a
    /// refusal when any of them is an error.
    fn judge(&mut self, text: &str, kind: SourceKind) -> Result<Step<String>> {
        let mut findings = crate::gate::judge(&self.shown, text, kind, self.args.today)?;
        if findings.iter().any(|f| f.code == Code::SubmitMalformed) {
            self.report(&findings);
            return Ok(Step::Refuse("the source does not parse".to_owned()));
        }
        let doc = Document::parse(text, kind)
            .with_context(|| format!("cannot read `{}`", self.args.file.display()))?;
        let name = self.declared_name(&doc, kind, &mut findings);
        findings.extend(self.index_findings(&name, &doc)?);
        findings.extend(self.series_info_mismatch(&doc));
        findings.extend(self.not_an_author(&doc, &name));
        self.report(&findings);
        if self.renderer.counts().errors > 0 {
            let n = self.renderer.counts().errors;
            return Ok(Step::Refuse(format!(
                "{n} error(s) to fix first (`newdraft check --submission {}` shows them)",
                self.shown
            )));
        }
        Ok(Step::Next(name))
    }

    /// The name the draft declares in `docName` (empty when it declares none), with the
    /// findings on its syntax, or that it is missing, added to `findings`.
    fn declared_name(
        &self,
        doc: &Document,
        kind: SourceKind,
        findings: &mut Vec<Finding>,
    ) -> String {
        let Some(d) = doc.docname.as_ref().map(|d| d.value.clone()) else {
            findings.push(Finding {
                path: Some(self.shown.clone()),
                line: None,
                name: stem(&self.args.file),
                code: Code::DocNameMissing,
                message: "the draft does not say its name; the Datatracker takes the name and revision from `docName`".to_owned(),
                hint: Some(if kind == SourceKind::Xml {
                    "add `docName=\"draft-…-NN\"` to `<rfc>`".to_owned()
                } else {
                    "add `docname: draft-…-NN` to the front matter".to_owned()
                }),
            });
            return String::new();
        };
        for issue in name::check_name(&d, Form::Versioned, &name::Context::default()).issues {
            // Adoption is the Datatracker's to judge (with the chairs' approval); the
            // syntax is not.
            if issue.code.rule() == "R10" || issue.code.rule() == "R13" {
                continue;
            }
            findings.push(Finding {
                path: Some(self.shown.clone()),
                line: doc.docname.as_ref().map(|d| d.line),
                name: d.clone(),
                code: issue.code,
                message: issue.message,
                hint: issue.hint,
            });
        }
        d
    }

    /// What the Datatracker's index says of the name, when one is cached (`index update`):
    /// a skipped revision, a name someone else posted, a replaced draft. Warnings, offline.
    fn index_findings(&self, name: &str, doc: &Document) -> Result<Vec<Finding>> {
        let line = doc.docname.as_ref().map(|d| d.line);
        let Some(checked) = crate::index::rules::Checked::new(name, Some(&self.shown), line) else {
            return Ok(Vec::new());
        };
        let opts = crate::index::knowledge::CheckOptions {
            index: None,
            online: false,
            sources: crate::index::fetch::Sources::default(),
        };
        let mut index_notes = Vec::new();
        let loaded = crate::index::knowledge::load(&opts)?;
        if loaded.is_none() {
            return Ok(Vec::new());
        }
        let today = self.args.today;
        let checked = std::slice::from_ref(&checked);
        let Some(known) =
            crate::index::knowledge::prepare(&opts, loaded, checked, today, &mut index_notes)
        else {
            return Ok(Vec::new());
        };
        Ok(crate::index::rules::findings(&known, checked, today))
    }

    /// xml2rfc refuses a `seriesInfo` that disagrees with `docName` (R9).
    fn series_info_mismatch(&self, doc: &Document) -> Option<Finding> {
        let (Some(d), Some(si)) = (&doc.docname, &doc.series_info) else {
            return None;
        };
        (d.value != si.value).then(|| Finding {
            path: Some(self.shown.clone()),
            line: Some(si.line),
            name: d.value.clone(),
            code: Code::SeriesInfoMismatch,
            message: format!(
                "docName and value in <seriesInfo name=\"Internet-Draft\" ..> must match (xml2rfc): `{}` and `{}`",
                d.value, si.value
            ),
            hint: Some(format!("write `{}` in both", d.value)),
        })
    }

    /// Step 4: the submitter is an author (otherwise the Datatracker asks the authors, not
    /// the submitter, to approve).
    fn not_an_author(&self, doc: &Document, name: &str) -> Option<Finding> {
        let user = self.user;
        let emails: Vec<String> = doc
            .authors
            .iter()
            .filter_map(|a| a.email.as_deref())
            .map(|e| e.trim().to_ascii_lowercase())
            .collect();
        if doc.authors.is_empty() || emails.contains(&user.to_ascii_lowercase()) {
            return None;
        }
        Some(Finding {
            path: Some(self.shown.clone()),
            line: None,
            name: name.to_owned(),
            code: Code::SubmitNotAuthor,
            message: format!(
                "`{user}` is not the email address of an author of the draft ({}); the Datatracker would ask the authors to approve the submission instead of you",
                if emails.is_empty() { "none has one".to_owned() } else { emails.join(", ") }
            ),
            hint: Some("submit with `--user` set to your address as the draft gives it, or add yourself as an author".to_owned()),
        })
    }

    /// Step 2: the XML to post: the source itself, or what its Markdown converts to (the
    /// conversion's findings reported, and where it was written noted); a refusal when it
    /// did not convert.
    fn xml(&mut self, text: &str, kind: SourceKind) -> Result<Step<String>> {
        if kind == SourceKind::Xml {
            return Ok(Step::Next(text.to_owned()));
        }
        let converted = to_xml(self.args, text)?;
        self.report(&converted.findings);
        if self.renderer.counts().errors > 0 {
            return Ok(Step::Refuse(
                "the Markdown did not convert to RFCXML".to_owned(),
            ));
        }
        let Some(xml) = converted.xml_text else {
            return Ok(Step::Refuse(
                "the Markdown did not convert to RFCXML".to_owned(),
            ));
        };
        if let Some(path) = converted.written.first() {
            self.notes.push(format!(
                "note: the RFCXML that is posted is in `{}`",
                path.display()
            ));
        }
        Ok(Step::Next(xml))
    }

    /// `--dry-run`: exactly what would be sent, and nothing sent.
    fn dry_run(self, post: &Post, out: &mut dyn Write) -> Result<Outcome> {
        let Post {
            url,
            xml_name,
            xml,
            replaces,
        } = post;
        writeln!(out, "would POST {url} (multipart/form-data):")?;
        writeln!(out, "  user: {}", self.user)?;
        writeln!(
            out,
            "  xml: {xml_name} ({} bytes, {} lines)",
            xml.len(),
            xml.lines().count()
        )?;
        if replaces.is_empty() {
            writeln!(out, "  replaces: (none)")?;
        } else {
            writeln!(out, "  replaces: {replaces}")?;
        }
        writeln!(out, "nothing was sent (--dry-run)")?;
        let any = self.renderer.counts().errors + self.renderer.counts().warnings > 0;
        let (report, _) = self.renderer.finish(1, 0);
        Ok(Outcome {
            stdout: if any { report } else { String::new() },
            stderr: self.notes,
            status: Status::Success,
            ..Outcome::default()
        })
    }

    /// Step 5: one POST, never retried (a POST that got no answer may have arrived); the
    /// submission, or `None` when there is none to follow (a finding says why, and an answer
    /// that is not one is kept whole in a note).
    fn upload(
        &mut self,
        client: &Client,
        post: &Post,
        name: &str,
        out: &mut dyn Write,
    ) -> Result<Option<Uploaded>> {
        let Post { url, replaces, .. } = post;
        writeln!(
            out,
            "submitting {name} as {}{} to {url}",
            self.user,
            if replaces.is_empty() {
                String::new()
            } else {
                format!(", replacing {replaces}")
            }
        )?;
        out.flush()?;
        let answer = match client.post_multipart(url, &post.parts(self.user), ANSWER_LIMIT) {
            Ok(a) => a,
            Err(e) => {
                let endpoint = self.endpoint();
                let f = api_finding(
                    &self.shown,
                    name,
                    Code::SubmitServerError,
                    format!("no answer to the upload: {e:#}"),
                    &format!(
                        "it may or may not have arrived: look for {name} at {endpoint}/submit/status/ before you submit again (newdraft never sends a submission twice)"
                    ),
                );
                self.renderer.finding(&f);
                return Ok(None);
            }
        };
        let uploaded = match decode_upload(&answer) {
            Ok(u) => u,
            Err((code, message, hint)) => {
                self.renderer
                    .finding(&api_finding(&self.shown, name, code, message, &hint));
                self.notes.push(format!(
                    "note: the Datatracker's answer (HTTP {}), as received:\n{}",
                    answer.status,
                    String::from_utf8_lossy(&answer.body)
                ));
                return Ok(None);
            }
        };
        writeln!(
            out,
            "uploaded {}: submission {}; its status: {}",
            uploaded.posted_name(name),
            uploaded.id_text(),
            uploaded.status_url
        )?;
        out.flush()?;
        Ok(Some(uploaded))
    }

    /// Step 6: `GET status_url` every `--poll` seconds, each new state printed in words,
    /// until `posted` or `cancel`, or `--wait` seconds.
    fn follow(
        &mut self,
        client: &Client,
        uploaded: &Uploaded,
        posted_name: &str,
        out: &mut dyn Write,
    ) -> Result<()> {
        let deadline = Instant::now() + self.args.wait;
        let mut last = String::new();
        while let Some(state) = self.status(client, uploaded, posted_name) {
            if state.state != last {
                writeln!(out, "{}", self.in_words(&state, posted_name))?;
                out.flush()?;
                last.clone_from(&state.state);
            }
            if state.state == "cancel" {
                let f = api_finding(
                    &self.shown,
                    posted_name,
                    Code::SubmitCancelled,
                    "the Datatracker cancelled the submission after upload (by a person, or for a system error while processing it)".to_owned(),
                    &format!("its page says why: {}/submit/status/{}/", self.endpoint(), uploaded.id_text()),
                );
                self.renderer.finding(&f);
            }
            if is_final(&state.state) {
                break;
            }
            if Instant::now() >= deadline {
                self.notes.push(format!(
                    "note: still `{last}` after {} s; newdraft stops following it here: {}",
                    self.args.wait.as_secs(),
                    uploaded.status_url
                ));
                break;
            }
            std::thread::sleep(self.args.poll);
        }
        Ok(())
    }

    /// The submission's state now, or `None` when the status did not say it (a finding says
    /// why, and an answer that is not one is kept whole in a note).
    fn status(&mut self, client: &Client, uploaded: &Uploaded, posted_name: &str) -> Option<State> {
        let follow = format!("the upload arrived; follow it at {}", uploaded.status_url);
        let answer = match client.get_answer(&uploaded.status_url, ANSWER_LIMIT) {
            Ok(a) => a,
            Err(e) => {
                self.renderer.finding(&api_finding(
                    &self.shown,
                    posted_name,
                    Code::SubmitServerError,
                    format!("the status did not answer: {e:#}"),
                    &follow,
                ));
                return None;
            }
        };
        match (answer.status, serde_json::from_slice::<State>(&answer.body)) {
            (200, Ok(s)) => Some(s),
            (status, _) => {
                let code = if serde_json::from_slice::<serde_json::Value>(&answer.body).is_ok() {
                    Code::SubmitServerError
                } else {
                    Code::SubmitBadResponse
                };
                self.renderer.finding(&api_finding(
                    &self.shown,
                    posted_name,
                    code,
                    format!(
                        "the status answered HTTP {status}: {}",
                        crate::typeset::excerpt(&answer.body)
                    ),
                    &follow,
                ));
                self.notes.push(format!(
                    "note: the status's answer (HTTP {status}), as received:\n{}",
                    String::from_utf8_lossy(&answer.body)
                ));
                None
            }
        }
    }

    /// A new state, as the line that says it: in words, with the draft's page once it is
    /// posted, or in the Datatracker's own words for a state newdraft does not know.
    fn in_words(&self, state: &State, posted_name: &str) -> String {
        match state.state.as_str() {
            "posted" => format!(
                "posted: {posted_name} is on the Datatracker: {}/doc/{}/",
                self.endpoint(),
                crate::source::split_revision(posted_name).0
            ),
            s if state_in_words(s).starts_with("a state newdraft") => format!(
                "{s}: {}",
                state
                    .state_desc
                    .as_deref()
                    .unwrap_or("a state newdraft does not know")
            ),
            s => format!("{s}: {}", state_in_words(s)),
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

/// Step 3: `replaces`, names without revision, comma-separated as the API wants: `--replaces`
/// as typed, else for a `-00` what the `newdraft.toml` record of its adoption says.
fn replaces(args: &Request, name: &str) -> Result<String> {
    let (base, revision) = crate::source::split_revision(name);
    Ok(match &args.replaces {
        Some(r) => r
            .split(',')
            .map(|n| crate::source::split_revision(n.trim()).0.to_owned())
            .filter(|n| !n.is_empty())
            .collect::<Vec<_>>()
            .join(","),
        None if revision == Some(name::Revision::FIRST) => recorded_replaces(&args.file, base)?,
        None => String::new(),
    })
}

/// Markdown to the RFCXML that will be posted: kramdown-rfc here, or the Author Tools API.
fn to_xml(args: &Request, text: &str) -> Result<crate::typeset::Rendered> {
    let opts = crate::typeset::Options {
        file: args.file.clone(),
        out: None,
        remote: args.remote,
        endpoint: args.author_tools.clone(),
        timeout: args.timeout,
        cache: args.cache.clone(),
        network: false,
        path_var: args.path_var.clone(),
        format: args.format,
        color: false,
        dry_run: args.dry_run,
    };
    let dir = args
        .file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let stem = stem(&args.file);
    if args.remote {
        crate::typeset::remote(&opts, text, &dir, &stem, &["xml"])
    } else {
        crate::typeset::to_xml(&opts, &dir, &stem)
    }
}

/// The names a `newdraft.toml` record says `base` replaces, without revisions.
fn recorded_replaces(file: &Path, base: &str) -> Result<String> {
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let Some(toml) = crate::records::find(&dir) else {
        return Ok(String::new());
    };
    let records = crate::records::Records::read(&toml)?;
    Ok(records
        .adopted
        .iter()
        .filter(|r| r.name == base)
        .filter_map(|r| r.replaces.as_deref())
        .map(|r| crate::source::split_revision(r).0.to_owned())
        .collect::<Vec<_>>()
        .join(","))
}

/// The upload's answer: the submission, or a finding's (code, message, hint).
fn decode_upload(answer: &Answer) -> std::result::Result<Uploaded, (Code, String, String)> {
    if answer.status == 200 {
        if let Ok(u) = serde_json::from_slice::<Uploaded>(&answer.body) {
            return Ok(u);
        }
    }
    let Ok(e) = serde_json::from_slice::<ApiError>(&answer.body) else {
        return Err((
            Code::SubmitBadResponse,
            format!(
                "the Datatracker answered HTTP {} with something other than its API's JSON: {}",
                answer.status,
                crate::typeset::excerpt(&answer.body)
            ),
            "the whole answer is on standard error; if the upload may have arrived, look at the Datatracker's submission status page before submitting again".to_owned(),
        ));
    };
    let all = std::iter::once(e.error.as_str())
        .chain(e.messages.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ");
    let code = if answer.status == 400 {
        Code::SubmitRefused
    } else {
        Code::SubmitServerError
    };
    let message = if e.messages.is_empty() {
        format!("HTTP {}: {}", answer.status, e.error)
    } else {
        format!(
            "HTTP {}: {}: {}",
            answer.status,
            e.error,
            e.messages.join("; ")
        )
    };
    Err((code, message, fix_for(answer.status, &all)))
}

/// What to do about an error the Datatracker gave, from its words.
fn fix_for(status: u16, text: &str) -> String {
    let has = |s: &str| text.contains(s);
    if has("No such user") || has("No person") || has("No user matches") {
        "`--user` must be the address of a Datatracker account: log in at https://datatracker.ietf.org/ to check it, or create one at https://datatracker.ietf.org/accounts/create/".to_owned()
    } else if has("Multiple matching accounts") {
        "the address belongs to more than one account; ask the Secretariat (support@ietf.org) to merge them, or give the other address".to_owned()
    } else if has("within 3 days") || has("document date") || has("Document date") {
        "set the document date to today (kramdown-rfc: leave `date:` empty) and submit again"
            .to_owned()
    } else if has("revision") && has("expected") {
        "the Datatracker expects another revision: `newdraft bump` writes the next one".to_owned()
    } else if has("Unknown Internet-Draft name") || has("replace") {
        "check `replaces` (`--replaces`, or the `replaces` of the record in newdraft.toml): names without revision, of drafts the Datatracker has".to_owned()
    } else if has("author") || has("email") {
        "give every author a full name and an email address (`newdraft check --submission` shows which)".to_owned()
    } else if has("docName") || has("name") && has("revision") {
        "declare the full name with its revision in `docName` (kramdown-rfc: `docname`)".to_owned()
    } else if status == 405 {
        "the endpoint is not the submission API: `--endpoint` is the Datatracker's base URL, such as https://datatracker.ietf.org".to_owned()
    } else if status >= 500 {
        "the Datatracker failed, not the draft: wait a while, check its status page, and submit again only if the draft was not received".to_owned()
    } else {
        "fix what the Datatracker says, then submit again; nothing was posted".to_owned()
    }
}

fn api_finding(path: &str, name: &str, code: Code, message: String, hint: &str) -> Finding {
    Finding {
        path: Some(path.to_owned()),
        line: None,
        name: name.to_owned(),
        code,
        message,
        hint: Some(hint.to_owned()),
    }
}

/// `dir/draft-x-00.md` → `draft-x-00`.
fn stem(path: &Path) -> String {
    let file = path
        .file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    file.split_once('.')
        .map_or(file.clone(), |(s, _)| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> Answer {
        Answer {
            status,
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn upload_answers_decode_into_a_submission_or_a_finding() {
        let ok = decode_upload(&answer(
            200,
            r#"{"id": "142", "name": "draft-doe-x", "rev": "00", "status_url": "https://d/api/submission/142/status"}"#,
        ))
        .unwrap();
        assert_eq!(ok.status_url, "https://d/api/submission/142/status");
        let (code, msg, hint) = decode_upload(&answer(
            400,
            r#"{"error": "Validation Error", "messages": ["Document date must be within 3 days of submission date"]}"#,
        ))
        .unwrap_err();
        assert_eq!(code, Code::SubmitRefused);
        assert!(msg.contains("Validation Error: Document date must be within 3 days"));
        assert!(hint.contains("today"));
        let (code, _, hint) =
            decode_upload(&answer(400, r#"{"error": "No such user: x@example.org"}"#)).unwrap_err();
        assert_eq!(code, Code::SubmitRefused);
        assert!(hint.contains("accounts/create"));
        let (code, _, _) = decode_upload(&answer(
            500,
            r#"{"error": "IO Error", "messages": ["disk"]}"#,
        ))
        .unwrap_err();
        assert_eq!(code, Code::SubmitServerError);
        let (code, msg, _) = decode_upload(&answer(502, "<html>Bad Gateway</html>")).unwrap_err();
        assert_eq!(code, Code::SubmitBadResponse);
        assert!(msg.contains("<html>Bad Gateway</html>"));
    }

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
