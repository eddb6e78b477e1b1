//! Typesetting a draft: the text and HTML the Datatracker will show, made by the IETF's own
//! renderers, with their messages as findings (`newdraft render` reports them; `submit` makes
//! the RFCXML of a Markdown source with it). `crate::render` is newdraft's template engine; this
//! module runs xml2rfc.
//!
//! Locally (the default) a Markdown source goes through kramdown-rfc first (with
//! `KRAMDOWN_OFFLINE=1` and its reference cache in the cache directory), then the RFCXML through
//! `xml2rfc --no-network --text --html`, so nothing is fetched: references come from the
//! source or the cache. A missing renderer is one error naming the command that installs it
//! ([`crate::tools::locate`]). With `--remote` the source is posted to the IETF Author Tools
//! API instead (`POST /api/render/{text,html,xml}`, field `file`), whose `logs.errors` and
//! `logs.warnings` (or, in older versions, top-level `errors` and `warnings`) become findings.
//!
//! xml2rfc reports `FILE(LINE): Warning: …` and `FILE(LINE): Error: …` on standard error, once
//! per output format; each message is one finding (`render/warning`, `render/error`).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context as _, Result, bail};

use crate::http::{Client, Part};
use crate::name::Code;
use crate::report::Finding;
use crate::report::ReportFormat;
use crate::source::SourceKind;
use crate::write::{self, Overwrite, PlannedFile};

/// The largest answer read from the Author Tools API (a rendered draft is a few hundred KiB).
const ANSWER_LIMIT: u64 = 64 << 20;

/// What `render` was asked to do.
// Four independent switches of the command line, each read once; an enum apiece would
// only rename them.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone)]
pub struct Options {
    /// The draft source.
    pub file: PathBuf,
    /// Where the outputs go: beside the source when `None`.
    pub out: Option<PathBuf>,
    /// Use the Author Tools API instead of the installed tools.
    pub remote: bool,
    /// The Author Tools API's base URL.
    pub endpoint: String,
    /// How long a request may take.
    pub timeout: Duration,
    /// The reference cache (xml2rfc `--cache`, kramdown-rfc's `KRAMDOWN_REFCACHEDIR`).
    pub cache: Option<PathBuf>,
    /// Whether the renderers may fetch references from the network.
    pub network: bool,
    /// The `PATH` the renderers are looked for on.
    pub path_var: OsString,
    /// How findings are reported.
    pub format: ReportFormat,
    /// Colour in the human report.
    pub color: bool,
    /// Write nothing (`submit --dry-run`): the RFCXML made from Markdown is only returned.
    pub dry_run: bool,
}

/// What a render made and said.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The files written.
    pub written: Vec<PathBuf>,
    /// The RFCXML that was rendered (the source, or what kramdown-rfc made of it).
    pub xml: Option<PathBuf>,
    /// What kramdown-rfc (or the Author Tools API) made of Markdown, as text.
    pub xml_text: Option<String>,
    /// The renderers' messages.
    pub findings: Vec<Finding>,
}

/// Render `opts.file` to text and HTML (and, from Markdown, RFCXML), locally or remotely.
pub fn render(opts: &Options) -> Result<Rendered> {
    let text = crate::source::read_text(&opts.file)?;
    let Some(kind) = SourceKind::detect(&opts.file, text.as_bytes()) else {
        bail!(
            "`{}` is not a draft source newdraft renders (RFCXML `.xml` or kramdown-rfc `.md`)",
            opts.file.display()
        );
    };
    let out_dir = match &opts.out {
        Some(d) => d.clone(),
        None => opts
            .file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
    };
    let stem = crate::source::stem(&opts.file.to_string_lossy()).to_owned();
    if opts.remote {
        return remote(opts, &text, &out_dir, &stem, &["text", "html"]);
    }
    let mut rendered = Rendered::default();
    let xml = match kind {
        SourceKind::Xml => opts.file.clone(),
        SourceKind::Kramdown => {
            let xml = kramdown(opts, &out_dir, &stem, &mut rendered)?;
            if rendered
                .findings
                .iter()
                .any(|f| f.code == Code::RenderError)
            {
                return Ok(rendered);
            }
            xml
        }
        SourceKind::Mmark | SourceKind::Text => bail!(
            "`{}` is {}; `render` runs kramdown-rfc and xml2rfc on kramdown-rfc Markdown and RFCXML (mmark: `mmark FILE > FILE.xml` first)",
            opts.file.display(),
            kind.describe()
        ),
    };
    xml2rfc(opts, &xml, &out_dir, &mut rendered)?;
    rendered.xml = Some(xml);
    Ok(rendered)
}

/// kramdown-rfc only: the RFCXML a Markdown source becomes, written to `out_dir/stem.xml`
/// (for `submit`, which posts it).
pub(crate) fn to_xml(opts: &Options, out_dir: &Path, stem: &str) -> Result<Rendered> {
    let mut rendered = Rendered::default();
    let xml = kramdown(opts, out_dir, stem, &mut rendered)?;
    if !rendered
        .findings
        .iter()
        .any(|f| f.code == Code::RenderError)
    {
        rendered.xml = Some(xml);
    }
    Ok(rendered)
}

/// kramdown-rfc: Markdown in, RFCXML written to `out_dir/stem.xml`.
fn kramdown(opts: &Options, out_dir: &Path, stem: &str, r: &mut Rendered) -> Result<PathBuf> {
    let exe = crate::tools::locate("kramdown-rfc", &opts.path_var).map_err(|install| {
        anyhow::anyhow!("kramdown-rfc is not installed, and `render` needs it for Markdown; install it: {install} (or use `--remote`)")
    })?;
    let mut cmd = Command::new(&exe);
    cmd.arg(&opts.file).env("PATH", &opts.path_var);
    if !opts.network {
        cmd.env("KRAMDOWN_OFFLINE", "1");
    }
    if let Some(cache) = &opts.cache {
        std::fs::create_dir_all(cache)
            .with_context(|| format!("cannot create the cache `{}`", cache.display()))?;
        cmd.env("KRAMDOWN_REFCACHEDIR", cache);
    }
    let output = cmd
        .output()
        .with_context(|| format!("cannot run `{}`", exe.display()))?;
    let shown = opts.file.display().to_string();
    let stderr = String::from_utf8_lossy(&output.stderr);
    for line in stderr.lines().map(str::trim).filter(|l| !l.is_empty()) {
        // kramdown-rfc marks its messages with `***`.
        if let Some(msg) = line.strip_prefix("***") {
            r.findings.push(message(
                &shown,
                None,
                Code::RenderWarning,
                msg.trim(),
                "kramdown-rfc",
            ));
        }
    }
    if !output.status.success() {
        let msg = failure(&stderr);
        r.findings.push(message(
            &shown,
            None,
            Code::RenderError,
            msg.trim(),
            "kramdown-rfc",
        ));
        return Ok(out_dir.join(format!("{stem}.xml")));
    }
    let xml =
        String::from_utf8(output.stdout).context("kramdown-rfc wrote RFCXML that is not UTF-8")?;
    r.xml_text = Some(xml.clone());
    if opts.dry_run {
        return Ok(out_dir.join(format!("{stem}.xml")));
    }
    not_over_a_source(&out_dir.join(format!("{stem}.xml")))?;
    let written = write::apply(
        out_dir,
        &[PlannedFile::new(format!("{stem}.xml"), xml)],
        Overwrite::Allow,
    )?;
    r.written.extend(written.iter().cloned());
    Ok(written
        .into_iter()
        .next()
        .unwrap_or_else(|| out_dir.join(format!("{stem}.xml"))))
}

/// What a failed kramdown-rfc says failed: its last line that is not a frame of a Ruby
/// backtrace. An exception is its message, then `from …` lines; the last frame (`from
/// /usr/bin/kramdown-rfc:8:in '<main>'`) says nothing, the message does (``in `spawn': No such
/// file or directory - aasvg (Errno::ENOENT)``, for a drawing with no `aasvg` installed).
fn failure(stderr: &str) -> &str {
    stderr
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("from "))
        .unwrap_or("it failed")
}

/// The RFCXML made from Markdown goes beside the source by default: never over a file that
/// kramdown-rfc did not write (a hand-written `.xml` of the same name).
fn not_over_a_source(target: &Path) -> Result<()> {
    if let Ok(existing) = std::fs::read_to_string(target) {
        if !existing.contains("generated by https://github.com/cabo/kramdown-rfc") {
            bail!(
                "`{}` exists and kramdown-rfc did not write it; nothing was overwritten (give `--out DIR`, or move it)",
                target.display()
            );
        }
    }
    Ok(())
}

/// xml2rfc: RFCXML in, text and HTML written to `out_dir`.
fn xml2rfc(opts: &Options, xml: &Path, out_dir: &Path, r: &mut Rendered) -> Result<()> {
    let exe = crate::tools::locate("xml2rfc", &opts.path_var).map_err(|install| {
        anyhow::anyhow!("xml2rfc is not installed, and `render` needs it; install it: {install} (or use `--remote`)")
    })?;
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("cannot create `{}`", out_dir.display()))?;
    let mut cmd = Command::new(&exe);
    cmd.env("PATH", &opts.path_var);
    if !opts.network {
        cmd.arg("--no-network");
    }
    if let Some(cache) = &opts.cache {
        std::fs::create_dir_all(cache)
            .with_context(|| format!("cannot create the cache `{}`", cache.display()))?;
        cmd.arg("--cache").arg(cache);
    }
    cmd.args(["--text", "--html", "--path"])
        .arg(out_dir)
        .arg(xml);
    let output = cmd
        .output()
        .with_context(|| format!("cannot run `{}`", exe.display()))?;
    let shown = xml.to_string_lossy();
    let shown = shown.strip_prefix("./").unwrap_or(&shown).to_owned();
    let mut seen = std::collections::HashSet::new();
    let all = format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    );
    let mut errors = false;
    for line in all.lines().map(str::trim) {
        if let Some(file) = line.strip_prefix("Created file ") {
            r.written.push(PathBuf::from(file));
            continue;
        }
        let Some((line_no, code, msg)) = xml2rfc_message(line) else {
            continue;
        };
        errors |= code == Code::RenderError;
        if seen.insert((line_no, code, msg.to_owned())) {
            r.findings
                .push(message(&shown, line_no, code, msg, "xml2rfc"));
        }
    }
    if !output.status.success() && !errors {
        let msg = all
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("it failed without a message");
        r.findings.push(message(
            &shown,
            None,
            Code::RenderError,
            msg.trim(),
            "xml2rfc",
        ));
    }
    Ok(())
}

/// `FILE(LINE): Warning: MSG` → (line, code, message); line 0 is no line.
fn xml2rfc_message(line: &str) -> Option<(Option<usize>, Code, &str)> {
    let (head, rest) = line.split_once("): ")?;
    let (_, n) = head.rsplit_once('(')?;
    let n: usize = n.parse().ok()?;
    let (code, msg) = if let Some(m) = rest.strip_prefix("Warning: ") {
        (Code::RenderWarning, m)
    } else if let Some(m) = rest.strip_prefix("Error: ") {
        (Code::RenderError, m)
    } else {
        return None;
    };
    Some(((n > 0).then_some(n), code, msg.trim()))
}

fn message(path: &str, line: Option<usize>, code: Code, msg: &str, tool: &str) -> Finding {
    Finding {
        path: Some(path.to_owned()),
        line,
        name: crate::source::stem(path).to_owned(),
        code,
        message: format!("{tool}: {msg}"),
        hint: None,
    }
}

/// The Author Tools API's answer to a render.
#[derive(Debug, Default, serde::Deserialize)]
struct ApiAnswer {
    url: Option<String>,
    error: Option<String>,
    logs: Option<Logs>,
    #[serde(default)]
    errors: Vec<String>,
    #[serde(default)]
    warnings: Vec<String>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct Logs {
    #[serde(default)]
    errors: Vec<String>,
    #[serde(default)]
    warnings: Vec<String>,
}

/// Post the source to the Author Tools API once per format in `formats` (`text`, `html`,
/// `xml`), fetch each result and write it to `out_dir/stem.{txt,html,xml}`.
pub(crate) fn remote(
    opts: &Options,
    text: &str,
    out_dir: &Path,
    stem: &str,
    formats: &[&str],
) -> Result<Rendered> {
    let shown = opts.file.to_string_lossy();
    let api = AuthorTools {
        client: Client::new(opts.timeout),
        base: opts.endpoint.trim_end_matches('/'),
        shown: shown.strip_prefix("./").unwrap_or(&shown).to_owned(),
        filename: opts.file.file_name().map_or_else(
            || format!("{stem}.xml"),
            |f| f.to_string_lossy().into_owned(),
        ),
        text,
    };
    let mut r = Rendered::default();
    let mut seen = std::collections::HashSet::new();
    let mut planned = Vec::new();
    for format in formats {
        let Some(body) = api.render(format, &mut seen, &mut r)? else {
            return Ok(r);
        };
        let ext = if *format == "text" { "txt" } else { format };
        if *format == "xml" {
            not_over_a_source(&out_dir.join(format!("{stem}.xml")))?;
        }
        planned.push(PlannedFile::new(
            format!("{stem}.{ext}"),
            String::from_utf8_lossy(&body).into_owned(),
        ));
    }
    r.xml_text = planned
        .iter()
        .find(|p| p.path.extension().is_some_and(|e| e == "xml"))
        .map(|p| p.contents.clone());
    if opts.dry_run {
        return Ok(r);
    }
    r.written = write::apply(out_dir, &planned, Overwrite::Allow)?;
    r.xml = r
        .written
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "xml"))
        .cloned();
    Ok(r)
}

/// One source posted to the Author Tools API, as [`remote`] renders it.
struct AuthorTools<'a> {
    client: Client,
    /// The API's base URL, without a trailing `/`.
    base: &'a str,
    /// The source, as its findings name it.
    shown: String,
    /// The file name it is posted under.
    filename: String,
    /// The source's text.
    text: &'a str,
}

impl AuthorTools<'_> {
    /// Render the source to `format`: its messages become findings in `r` (each once, by
    /// `seen`), and the result is fetched; `None` when the API made none (a finding says why).
    fn render(
        &self,
        format: &str,
        seen: &mut std::collections::HashSet<(Code, String)>,
        r: &mut Rendered,
    ) -> Result<Option<Vec<u8>>> {
        let url = format!("{}/api/render/{format}", self.base);
        let answer = self.client.post_multipart(
            &url,
            &[Part {
                name: "file",
                filename: Some(&self.filename),
                data: self.text.as_bytes(),
            }],
            ANSWER_LIMIT,
        )?;
        let Ok(api) = serde_json::from_slice::<ApiAnswer>(&answer.body) else {
            r.findings.push(self.finding(
                Code::RenderError,
                &format!(
                    "`{url}` answered HTTP {} with something other than the API's JSON: {}",
                    answer.status,
                    excerpt(&answer.body)
                ),
            ));
            return Ok(None);
        };
        let logs = api.logs.unwrap_or_default();
        for (code, msgs) in [
            (Code::RenderError, logs.errors.iter().chain(&api.errors)),
            (
                Code::RenderWarning,
                logs.warnings.iter().chain(&api.warnings),
            ),
        ] {
            for m in msgs {
                if seen.insert((code, m.clone())) {
                    let (line, m) = located(m);
                    r.findings
                        .push(message(&self.shown, line, code, m, "Author Tools"));
                }
            }
        }
        if let Some(e) = api.error.filter(|_| answer.status != 200) {
            let mut f = self.finding(Code::RenderError, &e);
            if answer.status == 401 {
                f.hint =
                    Some("the Author Tools API wants a Datatracker API key for this".to_owned());
            }
            r.findings.push(f);
            return Ok(None);
        }
        let Some(result) = api.url.filter(|_| answer.status == 200) else {
            r.findings.push(self.finding(
                Code::RenderError,
                &format!("`{url}` answered HTTP {} without a result", answer.status),
            ));
            return Ok(None);
        };
        let result = if result.starts_with("http://") || result.starts_with("https://") {
            result
        } else {
            format!("{}/{}", self.base, result.trim_start_matches('/'))
        };
        Ok(Some(self.client.get(&result, ANSWER_LIMIT)?))
    }

    /// The API's message `msg`, on no line of the source.
    fn finding(&self, code: Code, msg: &str) -> Finding {
        message(&self.shown, None, code, msg, "Author Tools")
    }
}

/// A message that starts with xml2rfc's `FILE(LINE): Warning: ` keeps its line.
fn located(m: &str) -> (Option<usize>, &str) {
    match xml2rfc_message(m) {
        Some((line, _, msg)) => (line, msg),
        None => (None, m),
    }
}

/// The start of a body, on one line, for a message.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(120)]);
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if body.len() > 120 {
        format!("`{one}…`")
    } else {
        format!("`{one}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // kramdown-rfc 1.6.22 on a draft with `~~~ aasvg` art and no aasvg installed (8 of 35 real
    // drafts): the finding was the backtrace's last frame.
    #[test]
    fn a_kramdown_rfc_crash_is_told_by_its_exception() {
        let stderr = "*** sections left [nil]!\n/usr/lib/ruby/3.1.0/open3.rb:222:in `spawn': No such file or directory - aasvg (Errno::ENOENT)\n\tfrom /usr/lib/ruby/3.1.0/open3.rb:222:in `popen_run'\n\tfrom /usr/lib/ruby/vendor_ruby/kramdown-rfc2629.rb:516:in `svg_tool_process'\n\tfrom /usr/bin/kramdown-rfc:8:in `<main>'\n";
        assert!(failure(stderr).ends_with("No such file or directory - aasvg (Errno::ENOENT)"));
        assert_eq!(
            failure("** Unknwon boilerplate key\n"),
            "** Unknwon boilerplate key"
        );
        assert_eq!(failure("\n"), "it failed");
    }

    #[test]
    fn xml2rfc_messages_become_findings() {
        assert_eq!(
            xml2rfc_message("/t/w.xml(144): Warning: Unused reference: x"),
            Some((Some(144), Code::RenderWarning, "Unused reference: x"))
        );
        assert_eq!(
            xml2rfc_message(
                "w.xml(0): Error: IDREF attribute target references an unknown ID \"nope\", at None"
            ),
            Some((
                None,
                Code::RenderError,
                "IDREF attribute target references an unknown ID \"nope\", at None"
            ))
        );
        assert_eq!(xml2rfc_message(" Created file /t/o/w.txt"), None);
        assert_eq!(xml2rfc_message("Unable to complete processing w.xml"), None);
    }
}
