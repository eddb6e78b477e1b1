//! The one door to the network: blocking HTTP GETs for `index update` and `check --online`,
//! and multipart POSTs for `render --remote` (the Author Tools API) and `submit` (the
//! Datatracker's submission API).
//!
//! Nothing else in newdraft touches the network. A POST is never retried here: a submission
//! sent twice is two submissions. Every request has a connect timeout and an
//! overall deadline, so a server that hangs costs at most the timeout given to [`Client::new`]; proxies come from
//! the environment (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`, as curl reads them);
//! TLS is rustls with the Mozilla roots compiled in (no OpenSSL, no system store to configure).
//! A body is read up to a limit, so a server that streams forever cannot fill the memory.

use std::time::Duration;

use anyhow::{Context as _, Result, bail};

/// How long a whole request may take by default (connect, headers and body).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// How long connecting may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A blocking HTTP client with newdraft's timeouts and proxy policy.
#[derive(Debug, Clone)]
pub struct Client {
    agent: ureq::Agent,
}

impl Client {
    /// A client whose requests give up after `timeout` in all.
    pub fn new(timeout: Duration) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .timeout_connect(Some(CONNECT_TIMEOUT.min(timeout)))
            .proxy(ureq::Proxy::try_from_env())
            .user_agent(concat!(
                "newdraft/",
                env!("CARGO_PKG_VERSION"),
                " (+https://crates.io/crates/newdraft)"
            ))
            // Status codes are judged here, so that a 404 can be an answer rather than an error.
            .http_status_as_error(false)
            .max_redirects(5)
            .build();
        Client {
            agent: config.into(),
        }
    }

    /// GET `url` and return its body, at most `limit` bytes; a status other than 200 is an
    /// error that names it.
    pub fn get(&self, url: &str, limit: u64) -> Result<Vec<u8>> {
        match self.get_optional(url, limit)? {
            Some(body) => Ok(body),
            None => bail!("`{url}` answered 404 Not Found"),
        }
    }

    /// GET `url`: `Some(body)` on 200, `None` on 404 (the resource does not exist), an error on
    /// anything else (another status, a timeout, a body over `limit` bytes).
    pub fn get_optional(&self, url: &str, limit: u64) -> Result<Option<Vec<u8>>> {
        let response = self
            .agent
            .get(url)
            .call()
            .with_context(|| format!("cannot fetch `{url}`"))?;
        let status = response.status();
        if status == 404 {
            return Ok(None);
        }
        if status != 200 {
            bail!("`{url}` answered {status}");
        }
        Ok(Some(answer(url, response, limit)?.body))
    }

    /// GET `url` and return the answer whatever its status (the body at most `limit` bytes),
    /// for an API whose errors are bodies worth reading.
    pub fn get_answer(&self, url: &str, limit: u64) -> Result<Answer> {
        let response = self
            .agent
            .get(url)
            .call()
            .with_context(|| format!("no answer from `{url}`"))?;
        answer(url, response, limit)
    }

    /// POST `parts` to `url` as `multipart/form-data`, once, and return the answer whatever
    /// its status (the body at most `limit` bytes).
    pub fn post_multipart(&self, url: &str, parts: &[Part<'_>], limit: u64) -> Result<Answer> {
        let (content_type, body) = multipart(parts);
        let response = self
            .agent
            .post(url)
            .header("Content-Type", &content_type)
            .send(&body[..])
            .with_context(|| format!("no answer from `{url}`"))?;
        answer(url, response, limit)
    }
}

/// One field of a multipart form.
#[derive(Debug, Clone, Copy)]
pub struct Part<'a> {
    /// The field name (`file`, `user`, `xml`).
    pub name: &'a str,
    /// The file name, for a file field.
    pub filename: Option<&'a str>,
    /// The value or the file's contents.
    pub data: &'a [u8],
}

/// What a server answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The body, as sent.
    pub body: Vec<u8>,
}

fn answer(url: &str, mut response: ureq::http::Response<ureq::Body>, limit: u64) -> Result<Answer> {
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .with_config()
        .limit(limit)
        .read_to_vec()
        .with_context(|| format!("cannot read the answer of `{url}`"))?;
    Ok(Answer { status, body })
}

/// The `Content-Type` and body of a `multipart/form-data` request (RFC 7578), with a boundary
/// that occurs in no part.
fn multipart(parts: &[Part<'_>]) -> (String, Vec<u8>) {
    let mut boundary = String::from("newdraft-boundary-7f3a9c");
    while parts
        .iter()
        .any(|p| memchr::memmem::find(p.data, boundary.as_bytes()).is_some())
    {
        boundary.push('x');
    }
    let mut body = Vec::new();
    for p in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let name = p.name.replace('"', "%22");
        match p.filename {
            Some(f) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{}\"\r\nContent-Type: application/octet-stream\r\n\r\n",
                    f.replace(['"', '\r', '\n'], "_")
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(p.data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_bodies_carry_every_field_and_a_fresh_boundary() {
        let (ct, body) = multipart(&[
            Part {
                name: "user",
                filename: None,
                data: b"jane@example.org",
            },
            Part {
                name: "xml",
                filename: Some("draft-a-b-00.xml"),
                data: b"<rfc/> newdraft-boundary-7f3a9c",
            },
        ]);
        assert_eq!(
            ct,
            "multipart/form-data; boundary=newdraft-boundary-7f3a9cx"
        );
        let text = String::from_utf8(body).unwrap();
        assert!(text.starts_with("--newdraft-boundary-7f3a9cx\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\njane@example.org\r\n"));
        assert!(text.contains("name=\"xml\"; filename=\"draft-a-b-00.xml\""));
        assert!(text.ends_with("--newdraft-boundary-7f3a9cx--\r\n"));
    }
}
