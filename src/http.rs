//! The one door to the network: blocking HTTP GETs for `index update` and `check --online`.
//!
//! Nothing else in newdraft touches the network. Every request has a connect timeout and an
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
        let mut response = self
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
        let body = response
            .body_mut()
            .with_config()
            .limit(limit)
            .read_to_vec()
            .with_context(|| format!("cannot read the answer of `{url}`"))?;
        Ok(Some(body))
    }
}
