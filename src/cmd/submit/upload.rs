//! The steps of `submit` that send: one POST of the draft (5), never retried, then its status,
//! followed until it is final or `--wait` is over (6); or, with `--dry-run`, what would be
//! sent. The Datatracker's answers are decoded here, and its errors get their fixes.

use std::io::Write;
use std::time::Instant;

use anyhow::Result;

use super::{Post, Run, state_in_words};
use crate::http::{Answer, Client};
use crate::name::Code;
use crate::report::Finding;
use crate::{Outcome, Status};

/// The largest answer read from the Datatracker.
const ANSWER_LIMIT: u64 = 4 << 20;

/// Whether the submission has reached a state it will not leave.
fn is_final(state: &str) -> bool {
    matches!(state, "posted" | "cancel")
}

/// The answer to a successful upload.
#[derive(Debug, serde::Deserialize)]
pub(super) struct Uploaded {
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
    pub(super) fn posted_name(&self, name: &str) -> String {
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

impl Run<'_> {
    /// `--dry-run`: exactly what would be sent, and nothing sent.
    pub(super) fn dry_run(self, post: &Post, out: &mut dyn Write) -> Result<Outcome> {
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
    pub(super) fn upload(
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
    pub(super) fn follow(
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

/// A finding on the Datatracker's answer, for the whole file.
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
}
