//! Asking the Datatracker: `index update` (the draft index and the group list) and
//! `check --online` (one document at a time).
//!
//! Three public sources, each overridable (flag, or environment variable) so that tests and
//! mirrors can stand in:
//!
//! - the draft index, `https://www.ietf.org/id/all_id.txt` ([`DEFAULT_INDEX_URL`]);
//! - the group list, the Datatracker's Tastypie API `/api/v1/group/group/?format=json`, pages
//!   followed through `meta.next` (at most [`MAX_PAGES`]);
//! - one document, `/doc/<name>/doc.json` (name, latest revision, state, group, expiry).
//!
//! Everything fetched is parsed as untrusted input: a page that is not the expected JSON, an
//! index with no draft line, or a body over the size limit is an error naming the URL, never a
//! panic.

use std::collections::HashMap;

use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use serde_json::Value;

use super::{Entry, Index, MAX_BYTES, State};
use crate::http::Client;
use crate::name::Revision;

/// The draft index.
pub const DEFAULT_INDEX_URL: &str = "https://www.ietf.org/id/all_id.txt";
/// The Datatracker, for the group API and the document API.
pub const DEFAULT_DATATRACKER: &str = "https://datatracker.ietf.org";

/// The most group-API pages followed (the Datatracker has about 3,000 groups; 500 a page).
pub const MAX_PAGES: usize = 100;
/// The largest group-API page read.
const MAX_PAGE_BYTES: u64 = 16 << 20;
/// The largest document answer read.
const MAX_DOC_BYTES: u64 = 1 << 20;
/// The most groups kept.
const MAX_GROUPS: usize = 100_000;

/// The header of a cached group list: the embedded snapshot's five columns, then the list
/// address and the archive.
pub const GROUPS_HEADER: &str = "acronym\ttype\tstate\tarea\tname\tlist_email\tlist_archive\n";

/// Fetch the draft index from `url`; an answer that holds no draft line is an error.
pub fn index(client: &Client, url: &str) -> Result<(Index, String)> {
    let body = client.get(url, MAX_BYTES)?;
    let text = String::from_utf8_lossy(&body).into_owned();
    let index = Index::parse(text.as_bytes());
    if index.is_empty() {
        bail!("`{url}` is not a draft index (no `draft-…` line in `all_id.txt` form)");
    }
    Ok((index, text))
}

/// The first group-API page under `datatracker`.
pub fn groups_url(datatracker: &str) -> String {
    format!(
        "{}/api/v1/group/group/?format=json&limit=500",
        datatracker.trim_end_matches('/')
    )
}

/// Fetch every page of the group API, following `meta.next`, and return the group list as
/// TSV ([`GROUPS_HEADER`] and one row a group) with the number of groups.
pub fn groups(client: &Client, datatracker: &str) -> Result<(String, usize)> {
    let mut url = groups_url(datatracker);
    let mut objects = Vec::new();
    for _ in 0..MAX_PAGES {
        let body = client.get(&url, MAX_PAGE_BYTES)?;
        let next = page(&body, &mut objects).with_context(|| format!("in `{url}`"))?;
        match next {
            Some(next) => url = resolve(datatracker, &next),
            None => return groups_tsv(&objects),
        }
    }
    bail!("the group API at `{datatracker}` has more than {MAX_PAGES} pages; stopped there")
}

/// Read a group list saved from the API: one page, or several concatenated one after another
/// (`curl … > groups.json` for each page), in the Tastypie envelope.
pub fn groups_from_json(bytes: &[u8]) -> Result<(String, usize)> {
    let mut objects = Vec::new();
    let stream = serde_json::Deserializer::from_slice(bytes).into_iter::<Value>();
    for value in stream {
        let value = value.context("not JSON")?;
        page_value(&value, &mut objects)?;
    }
    groups_tsv(&objects)
}

/// One page of the Tastypie envelope (`{"meta": {"next": …}, "objects": […]}`): its objects are
/// added to `objects`; returns `meta.next`.
fn page(body: &[u8], objects: &mut Vec<Value>) -> Result<Option<String>> {
    let value: Value = serde_json::from_slice(body).context("the answer is not JSON")?;
    page_value(&value, objects)
}

fn page_value(value: &Value, objects: &mut Vec<Value>) -> Result<Option<String>> {
    let Some(list) = value.get("objects").and_then(Value::as_array) else {
        bail!("not a Datatracker API page (no `objects` list)");
    };
    if objects.len() + list.len() > MAX_GROUPS {
        bail!("more than {MAX_GROUPS} groups");
    }
    objects.extend(list.iter().cloned());
    Ok(value
        .get("meta")
        .and_then(|m| m.get("next"))
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty())
        .map(str::to_owned))
}

/// `meta.next` is a path (`/api/v1/group/group/?…&offset=500`); resolve it against the
/// Datatracker's origin. A full URL is kept only when it is on the same origin.
fn resolve(datatracker: &str, next: &str) -> String {
    let base = datatracker.trim_end_matches('/');
    if next.starts_with('/') {
        // The origin: scheme and host, without any path the base has.
        let origin_end = base
            .find("://")
            .and_then(|i| base[i + 3..].find('/').map(|j| i + 3 + j))
            .unwrap_or(base.len());
        format!("{}{next}", &base[..origin_end])
    } else if next.starts_with(base) {
        next.to_owned()
    } else {
        // A page that points elsewhere is not followed off the configured server.
        format!("{base}/{}", next.trim_start_matches('/'))
    }
}

/// The last path segment of a Tastypie resource URI (`/api/v1/name/grouptypename/wg/` → `wg`),
/// or the string itself.
fn slug(v: Option<&Value>) -> Option<&str> {
    let s = v?.as_str()?;
    s.trim_end_matches('/').rsplit('/').next()
}

/// A field as one clean TSV cell.
fn cell(v: Option<&Value>) -> String {
    v.and_then(Value::as_str)
        .unwrap_or("")
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// The TSV of the groups in `objects`, sorted by acronym. Parents are resource URIs; they are
/// resolved to acronyms through the objects' own `resource_uri`s.
fn groups_tsv(objects: &[Value]) -> Result<(String, usize)> {
    let uri_to_acronym: HashMap<&str, String> = objects
        .iter()
        .filter_map(|o| {
            let uri = o.get("resource_uri")?.as_str()?;
            Some((uri.trim_end_matches('/'), acronym(o)?))
        })
        .collect();
    let mut rows: Vec<(String, String)> = Vec::new();
    for o in objects {
        let Some(acr) = acronym(o) else {
            continue;
        };
        let kind = slug(o.get("type")).unwrap_or("");
        // The Datatracker's slug for a concluded group is `conclude`; the embedded list says
        // `concluded`.
        let state = match slug(o.get("state")).unwrap_or("") {
            "conclude" => "concluded",
            s => s,
        };
        let parent = o
            .get("parent")
            .and_then(Value::as_str)
            .and_then(|p| uri_to_acronym.get(p.trim_end_matches('/')))
            .map_or("", String::as_str);
        let row = [
            acr.as_str(),
            &cell(Some(&Value::String(kind.to_ascii_lowercase()))),
            &cell(Some(&Value::String(state.to_ascii_lowercase()))),
            parent,
            &cell(o.get("name")),
            &cell(o.get("list_email")),
            &cell(o.get("list_archive")),
        ]
        .join("\t");
        rows.push((acr, row));
    }
    if rows.is_empty() {
        bail!("no groups in the answer");
    }
    rows.sort();
    rows.dedup_by(|a, b| a.0 == b.0);
    let mut tsv = String::from(GROUPS_HEADER);
    for (_, row) in &rows {
        tsv.push_str(row);
        tsv.push('\n');
    }
    Ok((tsv, rows.len()))
}

/// A group's acronym, lower case, if it is one (letters, digits, `-`, `_`, `.`; at most 64).
fn acronym(o: &Value) -> Option<String> {
    let a = o.get("acronym")?.as_str()?.trim().to_ascii_lowercase();
    let ok = !a.is_empty()
        && a.len() <= 64
        && a.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    ok.then_some(a)
}

/// The document URL of `name` under `datatracker`.
pub fn document_url(datatracker: &str, name: &str) -> String {
    format!("{}/doc/{name}/doc.json", datatracker.trim_end_matches('/'))
}

/// Ask the Datatracker about one draft: `Ok(None)` when it has no such document.
pub fn document(client: &Client, datatracker: &str, name: &str) -> Result<Option<Entry>> {
    let url = document_url(datatracker, name);
    let Some(body) = client.get_optional(&url, MAX_DOC_BYTES)? else {
        return Ok(None);
    };
    let doc: Value =
        serde_json::from_slice(&body).with_context(|| format!("`{url}` did not answer JSON"))?;
    document_entry(&doc, name)
        .map(Some)
        .with_context(|| format!("`{url}` did not answer a document"))
}

/// The [`Entry`] of a `doc.json` answer (`name`, `rev`, `state`, `time`, `expires`, `group`).
fn document_entry(doc: &Value, asked: &str) -> Result<Entry> {
    let name = doc.get("name").and_then(Value::as_str).unwrap_or_default();
    if name != asked {
        bail!("asked for `{asked}`, the answer is about `{name}`");
    }
    let revision = doc
        .get("rev")
        .and_then(Value::as_str)
        .filter(|r| r.len() == 2)
        .and_then(|r| r.parse().ok())
        .and_then(Revision::new);
    let day = |field: &str| {
        doc.get(field)
            .and_then(Value::as_str)
            .and_then(|t| t.get(..10))
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    };
    let state = doc.get("state").and_then(Value::as_str).unwrap_or_default();
    let Some(state_text) = Some(state).filter(|s| !s.is_empty()) else {
        bail!("no `state`");
    };
    let state = match state_text {
        "Replaced" => State::Replaced(None),
        s => State::parse(s, ""),
    };
    let group = doc
        .get("group")
        .and_then(|g| g.get("acronym"))
        .and_then(Value::as_str)
        .filter(|g| *g != "none" && g.len() <= 64)
        .map(str::to_ascii_lowercase);
    Ok(Entry {
        name: name.to_owned(),
        revision,
        date: day("time"),
        state,
        group,
        expires: day("expires"),
    })
}

/// Where the Datatracker's data is fetched from, and how long a request may take.
#[derive(Debug, Clone)]
pub struct Sources {
    /// The draft index URL (`all_id.txt`).
    pub index_url: String,
    /// The Datatracker's base URL (group API, document API).
    pub datatracker: String,
    /// The deadline of each request.
    pub timeout: Duration,
}

impl Default for Sources {
    fn default() -> Self {
        Sources {
            index_url: DEFAULT_INDEX_URL.to_owned(),
            datatracker: DEFAULT_DATATRACKER.to_owned(),
            timeout: crate::http::DEFAULT_TIMEOUT,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_next_against_the_origin() {
        assert_eq!(
            resolve(
                "https://datatracker.ietf.org",
                "/api/v1/group/group/?offset=20"
            ),
            "https://datatracker.ietf.org/api/v1/group/group/?offset=20"
        );
        assert_eq!(
            resolve("http://127.0.0.1:5/dt/", "/api/v1/group/group/?offset=2"),
            "http://127.0.0.1:5/api/v1/group/group/?offset=2"
        );
        assert_eq!(
            resolve("http://127.0.0.1:5", "https://evil.example/x"),
            "http://127.0.0.1:5/https://evil.example/x"
        );
    }

    #[test]
    fn reads_tastypie_group_pages() {
        let page1 = r#"{"meta": {"limit": 2, "next": "/api/v1/group/group/?offset=2", "offset": 0, "previous": null, "total_count": 3},
 "objects": [
  {"acronym": "quic", "name": "QUIC", "type": "/api/v1/name/grouptypename/wg/", "state": "/api/v1/name/groupstatename/active/", "parent": "/api/v1/group/group/1324/", "list_email": "quic@ietf.org", "list_archive": "https://mailarchive.ietf.org/arch/browse/quic/", "resource_uri": "/api/v1/group/group/2161/"},
  {"acronym": "wit", "name": "Web and Internet Transport", "type": "/api/v1/name/grouptypename/area/", "state": "/api/v1/name/groupstatename/active/", "parent": null, "list_email": "", "list_archive": "", "resource_uri": "/api/v1/group/group/1324/"}]}"#;
        let page2 = r#"{"meta": {"next": null}, "objects": [{"acronym": "Bad\tOne", "name": "x"}, {"acronym": "cellar", "name": "Codec Encoding for LossLess Archiving and Realtime transmission", "type": "/api/v1/name/grouptypename/wg/", "state": "/api/v1/name/groupstatename/active/", "parent": "/api/v1/group/group/9999/", "resource_uri": "/api/v1/group/group/2200/"}]}"#;
        let mut objects = Vec::new();
        assert_eq!(
            page(page1.as_bytes(), &mut objects).unwrap().as_deref(),
            Some("/api/v1/group/group/?offset=2")
        );
        assert_eq!(page(page2.as_bytes(), &mut objects).unwrap(), None);
        let (tsv, n) = groups_tsv(&objects).unwrap();
        assert_eq!(n, 3);
        assert_eq!(
            tsv,
            format!(
                "{GROUPS_HEADER}cellar\twg\tactive\t\tCodec Encoding for LossLess Archiving and Realtime transmission\t\t\n\
quic\twg\tactive\twit\tQUIC\tquic@ietf.org\thttps://mailarchive.ietf.org/arch/browse/quic/\n\
wit\tarea\tactive\t\tWeb and Internet Transport\t\t\n"
            )
        );
        assert!(page(b"<html>", &mut objects).is_err());
        assert!(page(br#"{"objects": 3}"#, &mut objects).is_err());
        assert!(groups_from_json(b"[]").is_err());
    }

    #[test]
    fn reads_a_document_answer() {
        let doc: Value = serde_json::from_str(
            r#"{"name": "draft-ietf-tls-esni", "rev": "25", "time": "2025-06-14 10:00:00", "expires": "2025-12-16 10:00:00", "state": "Active", "group": {"acronym": "tls", "name": "TLS", "type": "WG"}}"#,
        )
        .unwrap();
        let e = document_entry(&doc, "draft-ietf-tls-esni").unwrap();
        assert_eq!(e.revision, Revision::new(25));
        assert_eq!(e.state, State::Active);
        assert_eq!(e.group.as_deref(), Some("tls"));
        assert_eq!(e.expires, NaiveDate::from_ymd_opt(2025, 12, 16));
        assert!(document_entry(&doc, "draft-other").is_err());
        assert!(document_entry(&serde_json::json!({"name": "x"}), "x").is_err());
    }
}
