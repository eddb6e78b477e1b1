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
    let today = args.today;
    let user = args.user.trim();
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
    let shown = args.file.to_string_lossy();
    let shown = shown.strip_prefix("./").unwrap_or(&shown).to_owned();
    let mut renderer = Renderer::new(args.format, args.color);
    let mut notes = Vec::new();
    let refuse = |renderer: Renderer, notes: Vec<String>, why: &str| {
        let (report, _) = renderer.finish(1, 0);
        let mut notes = notes;
        notes.push(format!("note: nothing was sent: {why}"));
        Ok(Outcome {
            stdout: report,
            stderr: notes,
            status: Status::Findings,
            ..Outcome::default()
        })
    };

    // 1. The gate, and the name.
    let mut findings = crate::gate::judge(&shown, &text, kind, today)?;
    if findings.iter().any(|f| f.code == Code::SubmitMalformed) {
        for f in &findings {
            renderer.finding(f);
        }
        return refuse(renderer, notes, "the source does not parse");
    }
    let doc = Document::parse(&text, kind)
        .with_context(|| format!("cannot read `{}`", args.file.display()))?;
    let declared = doc.docname.as_ref().map(|d| d.value.clone());
    let name = if let Some(d) = &declared {
        for issue in name::check_name(d, Form::Versioned, &name::Context::default()).issues {
            // Adoption is the Datatracker's to judge (with the chairs' approval); the
            // syntax is not.
            if issue.code.rule() == "R10" || issue.code.rule() == "R13" {
                continue;
            }
            findings.push(Finding {
                path: Some(shown.clone()),
                line: doc.docname.as_ref().map(|d| d.line),
                name: d.clone(),
                code: issue.code,
                message: issue.message,
                hint: issue.hint,
            });
        }
        d.clone()
    } else {
        findings.push(Finding {
            path: Some(shown.clone()),
            line: None,
            name: stem(&args.file),
            code: Code::DocNameMissing,
            message: "the draft does not say its name; the Datatracker takes the name and revision from `docName`".to_owned(),
            hint: Some(if kind == SourceKind::Xml {
                "add `docName=\"draft-…-NN\"` to `<rfc>`".to_owned()
            } else {
                "add `docname: draft-…-NN` to the front matter".to_owned()
            }),
        });
        String::new()
    };
    // What the Datatracker's index says of the name, when one is cached (`index update`):
    // a skipped revision, a name someone else posted, a replaced draft. Warnings, offline.
    if let Some(checked) =
        crate::index::rules::Checked::new(&name, Some(&shown), doc.docname.as_ref().map(|d| d.line))
    {
        let opts = crate::index::knowledge::CheckOptions {
            index: None,
            online: false,
            sources: crate::index::fetch::Sources::default(),
        };
        let mut index_notes = Vec::new();
        let loaded = crate::index::knowledge::load(&opts)?;
        if loaded.is_some() {
            if let Some(known) = crate::index::knowledge::prepare(
                &opts,
                loaded,
                std::slice::from_ref(&checked),
                today,
                &mut index_notes,
            ) {
                findings.extend(crate::index::rules::findings(
                    &known,
                    std::slice::from_ref(&checked),
                    today,
                ));
            }
        }
    }
    // xml2rfc refuses a `seriesInfo` that disagrees with `docName` (R9).
    if let (Some(d), Some(si)) = (&doc.docname, &doc.series_info) {
        if d.value != si.value {
            findings.push(Finding {
                path: Some(shown.clone()),
                line: Some(si.line),
                name: d.value.clone(),
                code: Code::SeriesInfoMismatch,
                message: format!(
                    "docName and value in <seriesInfo name=\"Internet-Draft\" ..> must match (xml2rfc): `{}` and `{}`",
                    d.value, si.value
                ),
                hint: Some(format!("write `{}` in both", d.value)),
            });
        }
    }
    // 4. The submitter is an author.
    let emails: Vec<String> = doc
        .authors
        .iter()
        .filter_map(|a| a.email.as_deref())
        .map(|e| e.trim().to_ascii_lowercase())
        .collect();
    if !doc.authors.is_empty() && !emails.contains(&user.to_ascii_lowercase()) {
        findings.push(Finding {
            path: Some(shown.clone()),
            line: None,
            name: name.clone(),
            code: Code::SubmitNotAuthor,
            message: format!(
                "`{user}` is not the email address of an author of the draft ({}); the Datatracker would ask the authors to approve the submission instead of you",
                if emails.is_empty() { "none has one".to_owned() } else { emails.join(", ") }
            ),
            hint: Some("submit with `--user` set to your address as the draft gives it, or add yourself as an author".to_owned()),
        });
    }
    for f in &findings {
        renderer.finding(f);
    }
    if renderer.counts().errors > 0 {
        let n = renderer.counts().errors;
        return refuse(
            renderer,
            notes,
            &format!(
                "{n} error(s) to fix first (`newdraft check --submission {shown}` shows them)"
            ),
        );
    }

    // 2. The XML to post.
    let (xml, xml_name) = if kind == SourceKind::Xml {
        (text.clone(), format!("{name}.xml"))
    } else {
        let converted = to_xml(args, &text)?;
        for f in &converted.findings {
            renderer.finding(f);
        }
        if renderer.counts().errors > 0 {
            return refuse(renderer, notes, "the Markdown did not convert to RFCXML");
        }
        let Some(xml) = converted.xml_text else {
            return refuse(renderer, notes, "the Markdown did not convert to RFCXML");
        };
        if let Some(path) = converted.written.first() {
            notes.push(format!(
                "note: the RFCXML that is posted is in `{}`",
                path.display()
            ));
        }
        (xml, format!("{name}.xml"))
    };

    // 3. replaces.
    let (base, revision) = crate::source::split_revision(&name);
    let replaces = match &args.replaces {
        Some(r) => r
            .split(',')
            .map(|n| crate::source::split_revision(n.trim()).0.to_owned())
            .filter(|n| !n.is_empty())
            .collect::<Vec<_>>()
            .join(","),
        None if revision == Some(name::Revision::FIRST) => recorded_replaces(&args.file, base)?,
        None => String::new(),
    };

    let endpoint = args.endpoint.trim_end_matches('/');
    let url = format!("{endpoint}/api/submission");
    let mut parts = vec![
        Part {
            name: "user",
            filename: None,
            data: user.as_bytes(),
        },
        Part {
            name: "xml",
            filename: Some(&xml_name),
            data: xml.as_bytes(),
        },
    ];
    if !replaces.is_empty() {
        parts.push(Part {
            name: "replaces",
            filename: None,
            data: replaces.as_bytes(),
        });
    }

    // --dry-run: exactly what would be sent.
    if args.dry_run {
        writeln!(out, "would POST {url} (multipart/form-data):")?;
        writeln!(out, "  user: {user}")?;
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
        let any = renderer.counts().errors + renderer.counts().warnings > 0;
        let (report, _) = renderer.finish(1, 0);
        return Ok(Outcome {
            stdout: if any { report } else { String::new() },
            stderr: notes,
            status: Status::Success,
            ..Outcome::default()
        });
    }

    // 5. One POST.
    let client = Client::new(args.timeout);
    writeln!(
        out,
        "submitting {name} as {user}{} to {url}",
        if replaces.is_empty() {
            String::new()
        } else {
            format!(", replacing {replaces}")
        }
    )?;
    out.flush()?;
    let answer = match client.post_multipart(&url, &parts, ANSWER_LIMIT) {
        Ok(a) => a,
        Err(e) => {
            renderer.finding(&api_finding(
                &shown,
                &name,
                Code::SubmitServerError,
                format!("no answer to the upload: {e:#}"),
                &format!("it may or may not have arrived: look for {name} at {endpoint}/submit/status/ before you submit again (newdraft never sends a submission twice)"),
            ));
            let (report, _) = renderer.finish(1, 0);
            return Ok(Outcome {
                stdout: report,
                stderr: notes,
                status: Status::Findings,
                ..Outcome::default()
            });
        }
    };
    let uploaded = match decode_upload(&answer) {
        Ok(u) => u,
        Err((code, message, hint)) => {
            renderer.finding(&api_finding(&shown, &name, code, message, &hint));
            notes.push(format!(
                "note: the Datatracker's answer (HTTP {}), as received:\n{}",
                answer.status,
                String::from_utf8_lossy(&answer.body)
            ));
            let (report, _) = renderer.finish(1, 0);
            return Ok(Outcome {
                stdout: report,
                stderr: notes,
                status: Status::Findings,
                ..Outcome::default()
            });
        }
    };
    let posted_name = match (&uploaded.name, &uploaded.rev) {
        (Some(n), Some(r)) => format!("{n}-{r}"),
        _ => name.clone(),
    };
    writeln!(
        out,
        "uploaded {posted_name}: submission {}; its status: {}",
        uploaded
            .id
            .as_str()
            .map_or_else(|| uploaded.id.to_string(), str::to_owned),
        uploaded.status_url
    )?;
    out.flush()?;

    // 6. Follow the status.
    let deadline = Instant::now() + args.wait;
    let mut last = String::new();
    loop {
        let answer = match client.get_answer(&uploaded.status_url, ANSWER_LIMIT) {
            Ok(a) => a,
            Err(e) => {
                renderer.finding(&api_finding(
                    &shown,
                    &posted_name,
                    Code::SubmitServerError,
                    format!("the status did not answer: {e:#}"),
                    &format!("the upload arrived; follow it at {}", uploaded.status_url),
                ));
                break;
            }
        };
        let state = match (answer.status, serde_json::from_slice::<State>(&answer.body)) {
            (200, Ok(s)) => s,
            (status, _) => {
                let code = if serde_json::from_slice::<serde_json::Value>(&answer.body).is_ok() {
                    Code::SubmitServerError
                } else {
                    Code::SubmitBadResponse
                };
                renderer.finding(&api_finding(
                    &shown,
                    &posted_name,
                    code,
                    format!(
                        "the status answered HTTP {status}: {}",
                        crate::typeset::excerpt(&answer.body)
                    ),
                    &format!("the upload arrived; follow it at {}", uploaded.status_url),
                ));
                notes.push(format!(
                    "note: the status's answer (HTTP {status}), as received:\n{}",
                    String::from_utf8_lossy(&answer.body)
                ));
                break;
            }
        };
        if state.state != last {
            let words = match state.state.as_str() {
                "posted" => format!(
                    "posted: {posted_name} is on the Datatracker: {}/doc/{}/",
                    endpoint,
                    crate::source::split_revision(&posted_name).0
                ),
                s if state_in_words(s).starts_with("a state newdraft") => format!(
                    "{s}: {}",
                    state
                        .state_desc
                        .as_deref()
                        .unwrap_or("a state newdraft does not know")
                ),
                s => format!("{s}: {}", state_in_words(s)),
            };
            writeln!(out, "{words}")?;
            out.flush()?;
            last.clone_from(&state.state);
        }
        if state.state == "cancel" {
            renderer.finding(&api_finding(
                &shown,
                &posted_name,
                Code::SubmitCancelled,
                "the Datatracker cancelled the submission after upload (by a person, or for a system error while processing it)".to_owned(),
                &format!("its page says why: {endpoint}/submit/status/{}/", uploaded.id.as_str().map_or_else(|| uploaded.id.to_string(), str::to_owned)),
            ));
        }
        if is_final(&state.state) {
            break;
        }
        if Instant::now() >= deadline {
            notes.push(format!(
                "note: still `{last}` after {} s; newdraft stops following it here: {}",
                args.wait.as_secs(),
                uploaded.status_url
            ));
            break;
        }
        std::thread::sleep(args.poll);
    }
    let (report, counts) = renderer.finish(1, 0);
    Ok(Outcome {
        stdout: if counts.errors + counts.warnings == 0 {
            String::new()
        } else {
            report
        },
        stderr: notes,
        status: if counts.errors > 0 {
            Status::Findings
        } else {
            Status::Success
        },
        ..Outcome::default()
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
