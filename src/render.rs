//! Templates: the built-in ones, a user's overrides, and escaping per output format.
//!
//! The templates in `templates/` are compiled into the binary (`include_str!`), so `cargo
//! install` works anywhere. `--templates DIR` overrides them: a file in DIR with the same name
//! as a built-in template wins; nothing else is read from DIR.
//!
//! Every render builds a fresh tera instance holding only the one template it needs: parsing
//! is most of tera's cost, and a command renders one file. For the same reason a built-in
//! template's long runs of fixed prose are handed to tera as values rather than parsed
//! (`hoist_static`); the output is byte-identical.
//!
//! Escaping is the template format's business, so no caller has to remember it. XML templates
//! (`*.xml.tera`) are autoescaped with [`text::escape_xml`](crate::text::escape_xml): every `{{ value }}` is safe in element
//! text and in attribute values. Markdown templates are not autoescaped (Markdown has no
//! escaping that kramdown-rfc would undo); values go into the YAML front matter through the
//! `yaml` filter, which writes a double-quoted YAML scalar ([`text::yaml_scalar`](crate::text::yaml_scalar)).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context as _, Result};
use serde::Serialize;

use crate::text::{escape_xml, yaml_scalar};

pub mod limits;

/// A built-in template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// The RFCXML v3 draft skeleton.
    DraftXml,
    /// The kramdown-rfc Markdown draft skeleton.
    DraftMd,
    /// `email problem`: the first message to a group's list.
    EmailProblem,
    /// `email announce`: the message pointing a list at a posted draft.
    EmailAnnounce,
    /// The GitHub Actions workflow `init --ci github` writes (see `ci`).
    CiGithub,
}

impl Template {
    /// Its file name, in `templates/` and in an override directory.
    pub fn file_name(self) -> &'static str {
        match self {
            Template::DraftXml => "draft.xml.tera",
            Template::DraftMd => "draft.md.tera",
            Template::EmailProblem => "email-problem.txt.tera",
            Template::EmailAnnounce => "email-announce.txt.tera",
            Template::CiGithub => "ci-github.yml.tera",
        }
    }

    /// The built-in source.
    pub fn builtin(self) -> &'static str {
        match self {
            Template::DraftXml => include_str!("../templates/draft.xml.tera"),
            Template::DraftMd => include_str!("../templates/draft.md.tera"),
            Template::EmailProblem => include_str!("../templates/email-problem.txt.tera"),
            Template::EmailAnnounce => include_str!("../templates/email-announce.txt.tera"),
            Template::CiGithub => include_str!("../templates/ci-github.yml.tera"),
        }
    }
}

/// Render `template` with `values`, taking the template from `overrides` when that directory
/// has a file of the same name.
pub fn render(
    template: Template,
    values: &impl Serialize,
    overrides: Option<&Path>,
) -> Result<String> {
    let name = template.file_name();
    let user = match overrides {
        Some(dir) => {
            if !dir.is_dir() {
                anyhow::bail!(
                    "the `--templates` directory `{}` does not exist; give a directory holding `{name}`",
                    dir.display()
                );
            }
            let path = dir.join(name);
            match read_template(&path) {
                Ok(text) => Some((text, path)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => {
                    return Err(e)
                        .with_context(|| format!("failed to read template `{}`", path.display()));
                }
            }
        }
        None => None,
    };
    let mut context =
        tera::Context::from_serialize(values).context("failed to prepare the template values")?;
    if let Some((text, path)) = user {
        return render_user(name, &text, &context)
            .with_context(|| format!("failed to render {}", path.display()));
    }
    // The built-in templates are mostly fixed prose, which tera's parser reads slowly (about
    // 70 ns a byte): hand it the prose as values instead, so the parse covers little more than
    // the tags. A test holds the result byte-identical to a plain render.
    let (compact, statics) = hoist_static(template.builtin());
    for (i, text) in statics.iter().enumerate() {
        context.insert(format!("{STATIC_PREFIX}{i}"), text);
    }
    render_source(name, &compact, &context)
        .with_context(|| format!("failed to render built-in `{name}`"))
}

/// The names of the values [`hoist_static`] makes (`__static_0`, …).
const STATIC_PREFIX: &str = "__static_";

/// Runs of fixed text shorter than this stay in the template.
const MIN_HOIST: usize = 48;

/// Replace each long run of fixed text in a template by `{{ __static_N | safe }}`, returning
/// the smaller template and the runs. Whitespace at either end of a run stays in place, so
/// tera's `{%-`/`-%}` trimming works as before; `{% raw %}` blocks are kept whole. A template
/// this cannot read (an unclosed tag) comes back unchanged, for tera to report.
///
/// Kept because it pays, measured side by side against the same build without it (release,
/// 2 cores under load; 2026-11-29): the whole `newdraft init` process runs 6.1 million
/// instructions with it and 10.3 million without (callgrind; `cp` of the same file: 0.65
/// million); its fastest run takes 2.92 ms against 3.23 ms, and 3.05 against 3.26 in a second
/// series (+0.2 to +0.3 ms, +7 to +11%; 24 and 12 interleaved hyperfine rounds of 100 runs),
/// its user time 2.9 against 3.2 ms (+10%). For `--format md` the saving is smaller: 5.1
/// against 6.9 million instructions, 2.81 against 2.90 ms (+3%).
fn hoist_static(source: &str) -> (String, Vec<&str>) {
    let bytes = source.as_bytes();
    let mut out = String::with_capacity(source.len() / 2);
    let mut statics = Vec::new();
    let mut pos = 0;
    loop {
        let next = memchr::memchr_iter(b'{', &bytes[pos..])
            .map(|k| pos + k)
            .find(|&k| matches!(bytes.get(k + 1), Some(b'{' | b'%' | b'#')));
        let text = &source[pos..next.unwrap_or(bytes.len())];
        let body = text.trim();
        if body.len() >= MIN_HOIST {
            let lead = &text[..text.len() - text.trim_start().len()];
            let trail = &text[text.trim_end().len()..];
            out.push_str(lead);
            let _ = write!(out, "{{{{ {STATIC_PREFIX}{} | safe }}}}", statics.len());
            out.push_str(trail);
            statics.push(body);
        } else {
            out.push_str(text);
        }
        let Some(start) = next else { break };
        let Some(mut end) = tag_end(source, start) else {
            return (source.to_owned(), Vec::new());
        };
        if tag_word(&source[start..end]) == "raw" {
            let mut at = end;
            loop {
                let Some(k) = source[at..].find("{%").map(|k| at + k) else {
                    return (source.to_owned(), Vec::new());
                };
                let Some(e) = tag_end(source, k) else {
                    return (source.to_owned(), Vec::new());
                };
                at = e;
                if tag_word(&source[k..e]) == "endraw" {
                    break;
                }
            }
            end = at;
        }
        out.push_str(&source[start..end]);
        pos = end;
    }
    (out, statics)
}

/// The end (exclusive) of the tag that starts at `start` (`{{`, `{%` or `{#`).
fn tag_end(source: &str, start: usize) -> Option<usize> {
    let close = match source.as_bytes().get(start + 1) {
        Some(b'{') => "}}",
        Some(b'%') => "%}",
        _ => "#}",
    };
    source
        .get(start + 2..)?
        .find(close)
        .map(|k| start + 2 + k + 2)
}

/// The inside of a tag, without delimiters, trim markers and spaces: `{%- raw %}` → `raw`.
fn tag_word(tag: &str) -> &str {
    tag.trim_matches(|c: char| matches!(c, '{' | '}' | '%' | '#' | '-') || c.is_whitespace())
}

/// The text of a user's template: a regular file (not a FIFO that would hang, nor a device) of
/// at most [`limits::MAX_SOURCE`] bytes.
fn read_template(path: &Path) -> std::io::Result<String> {
    use std::io::Read as _;
    let mut text = String::new();
    crate::read::open_regular(path)?
        .take(limits::MAX_SOURCE as u64 + 1)
        .read_to_string(&mut text)?;
    Ok(text)
}

/// A tera instance holding the one template `source` under `name` (whose suffix picks the
/// escaping).
fn build(name: &str, source: &str) -> Result<tera::Tera> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".xml.tera"]);
    tera.set_escape_fn(escape_xml);
    tera.register_filter("yaml", yaml_filter);
    tera.register_function("range", limits::range);
    tera.add_raw_template(name, source)
        .map_err(|e| one_line_error(&e))?;
    Ok(tera)
}

/// Parse and render one built-in template source under `name`.
fn render_source(name: &str, source: &str, context: &tera::Context) -> Result<String> {
    Ok(build(name, source)?.render(name, context)?)
}

/// [`render`] of a user's template given as text, for the fuzz targets (`tests/cli/fuzz.rs`).
#[doc(hidden)]
pub fn render_user_source(name: &str, source: &str, values: &impl Serialize) -> Result<String> {
    let context = tera::Context::from_serialize(values)?;
    render_user(name, source, &context)
}

/// How long a user's template may take to parse.
const PARSE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Parse, bound ([`limits`]) and render a user's template: refused before it runs when it
/// could recurse without end, loop or grow past the limits.
fn render_user(name: &str, source: &str, context: &tera::Context) -> Result<String> {
    let refused = |why: String| anyhow::anyhow!("the template is refused: {why}");
    limits::prescan(source).map_err(refused)?;
    // The prescan keeps tera's parser to sizes it parses quickly; should one still take long
    // (its time is exponential in some nestings), the command gives up rather than hang. The
    // parse goes on in its thread until the process exits, which it then does.
    let (send, receive) = std::sync::mpsc::channel();
    let (owned_name, owned_source) = (name.to_owned(), source.to_owned());
    std::thread::spawn(move || {
        let _ = send.send(build(&owned_name, &owned_source));
    });
    let tera = match receive.recv_timeout(PARSE_TIMEOUT) {
        Ok(built) => built?,
        Err(_) => anyhow::bail!(
            "the template is refused: tera took over {} s to parse it; simplify its expressions",
            PARSE_TIMEOUT.as_secs()
        ),
    };
    let template = tera.get_template(name)?;
    let growth = if name.ends_with(".xml.tera") { 6 } else { 1 };
    limits::check(template, &context.clone().into_json(), growth).map_err(refused)?;
    // Tera has panicked on templates it parsed (`super()` in a filter section, found by
    // fuzzing): a panic in a user's template is an error like any other, not a crash, and its
    // message is not printed twice.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let rendered =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| tera.render(name, context)));
    std::panic::set_hook(hook);
    match rendered {
        Ok(result) => Ok(result?),
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            anyhow::bail!("tera failed on the template (a bug in tera: {why})")
        }
    }
}

/// A tera error as one line: its parse errors draw the template line with a caret over
/// several lines (`--> 1:7`, `|`, `= expected …`); keep the position and the message.
fn one_line_error(err: &tera::Error) -> anyhow::Error {
    let mut parts = vec![err.to_string()];
    let mut source = std::error::Error::source(err);
    while let Some(e) = source {
        for line in e.to_string().lines().map(str::trim) {
            if let Some(at) = line.strip_prefix("--> ") {
                let (l, c) = at.split_once(':').unwrap_or((at, "?"));
                parts.push(format!("line {l}, column {c}"));
            } else if let Some(msg) = line.strip_prefix("= ") {
                parts.push(msg.to_owned());
            } else if !line.is_empty() && !line.contains('|') {
                parts.push(line.to_owned());
            }
        }
        source = e.source();
    }
    anyhow::anyhow!(parts.join(": "))
}

/// The tera `yaml` filter: strings become [`yaml_scalar`]s, numbers and booleans stay bare.
fn yaml_filter(value: &tera::Value, _: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    match value {
        tera::Value::String(s) => Ok(tera::Value::String(yaml_scalar(s))),
        tera::Value::Number(_) | tera::Value::Bool(_) => Ok(tera::Value::String(value.to_string())),
        other => Err(tera::Error::msg(format!(
            "the `yaml` filter takes a string, a number or a boolean, not `{other}`"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_syntax_error_is_one_line() {
        // tera's parse errors draw the line with a caret over several lines; `main` prints the
        // whole chain after `error:`, which must stay one line.
        let err =
            render_source("x.txt.tera", "{% if %}\nbroken\n", &tera::Context::new()).unwrap_err();
        let text = format!("{err:#}");
        assert!(!text.contains('\n'), "{text}");
        assert!(text.contains("line 1, column 7"), "{text}");
        assert!(
            text.contains("expected a value that can be negated"),
            "{text}"
        );
    }

    fn values(title: &str, abbrev: &str, org: &str, consensus: bool) -> serde_json::Value {
        serde_json::json!({
            "docname": "draft-doe-dispatch-x-00", "name": "draft-doe-dispatch-x",
            "title": title, "abbrev": abbrev, "category": "std", "consensus": consensus,
            "author": {
                "fullname": "José Müller", "initials": "J.", "surname": "Müller",
                "ascii_fullname": "Jose Muller", "ascii_initials": "", "ascii_surname": "Muller",
                "email": "j@example.com", "org": org,
            },
            "date": { "given": true, "iso": "2026-11-25", "year": 2026, "month": "November", "day": 25 },
            "group": {
                "acronym": "dispatch", "name": "DISPATCH", "workgroup": "DISPATCH Working Group", "kind": "Working Group",
                "list": "dispatch@ietf.org",
                "archive": "https://mailarchive.ietf.org/arch/browse/dispatch/", "area": "",
            },
            "keyword": "x",
        })
    }

    #[test]
    fn hoisting_fixed_text_changes_no_byte_of_the_builtins() {
        for template in [Template::DraftXml, Template::DraftMd] {
            let (compact, statics) = hoist_static(template.builtin());
            assert!(!statics.is_empty() && compact.len() < template.builtin().len() / 2);
            for v in [
                values("T", "", "", false),
                values(r#"Foo: "Bar" & <Baz> #1"#, "Foo", "AT&T <Labs>", true),
            ] {
                let context = tera::Context::from_serialize(&v).unwrap();
                let plain = render_source(template.file_name(), template.builtin(), &context);
                let hoisted = render(template, &v, None);
                assert_eq!(plain.unwrap(), hoisted.unwrap(), "{template:?}");
            }
        }
    }

    #[test]
    fn hoisting_keeps_trim_markers_raw_blocks_and_short_text() {
        let fixed = "x".repeat(MIN_HOIST);
        let source = format!(
            "{fixed}\n  {{%- if a -%}}\n {fixed} \n{{%- endif %}}{{% raw %}}{{{{ {fixed} }}}}{{% endraw %}}ab{{{{ a }}}}"
        );
        let (compact, statics) = hoist_static(&source);
        assert_eq!(statics, [fixed.as_str(), fixed.as_str()]);
        let mut ctx = tera::Context::new();
        ctx.insert("a", &true);
        let plain = render_source("t.md.tera", &source, &ctx).unwrap();
        for (i, s) in statics.iter().enumerate() {
            ctx.insert(format!("{STATIC_PREFIX}{i}"), s);
        }
        assert_eq!(render_source("t.md.tera", &compact, &ctx).unwrap(), plain);
        assert!(
            compact.contains(&format!("{{{{ {fixed} }}}}")),
            "raw block kept: {compact}"
        );
        // An unclosed tag: unchanged, for tera to report.
        assert_eq!(hoist_static("{{ a").0, "{{ a");
        assert_eq!(hoist_static("{% raw %}x").0, "{% raw %}x");
    }

    #[test]
    fn quotes_yaml_scalars() {
        assert_eq!(
            yaml_scalar(r#"Foo: "Bar" & <Baz> #1"#),
            r#""Foo: \"Bar\" & <Baz> #1""#
        );
        assert_eq!(yaml_scalar(r"a\b"), r#""a\\b""#);
        assert_eq!(yaml_scalar("- [x] {y}"), r#""- [x] {y}""#);
        assert_eq!(yaml_scalar("a\u{1}b\nc"), r#""a\u0001b\nc""#);
        assert_eq!(yaml_scalar("José"), "\"José\"");
    }

    #[test]
    fn xml_templates_escape_and_markdown_templates_do_not() {
        let mut ctx = tera::Context::new();
        ctx.insert("v", "<a & 'b'>");
        let xml = render_source("t.xml.tera", "<x y=\"{{ v }}\">{{ v }}</x>", &ctx).unwrap();
        assert_eq!(
            xml,
            "<x y=\"&lt;a &amp; &apos;b&apos;&gt;\">&lt;a &amp; &apos;b&apos;&gt;</x>"
        );
        let md = render_source("t.md.tera", "title: {{ v | yaml }}", &ctx).unwrap();
        assert_eq!(md, "title: \"<a & 'b'>\"");
    }

    #[test]
    fn yaml_filter_refuses_lists() {
        let mut ctx = tera::Context::new();
        ctx.insert("v", &vec!["a"]);
        assert!(render_source("t.md.tera", "{{ v | yaml }}", &ctx).is_err());
    }

    #[test]
    fn a_missing_value_is_an_error_not_an_empty_string() {
        let err = render_source("t.xml.tera", "{{ nope }}", &tera::Context::new()).unwrap_err();
        assert!(format!("{err:#}").contains("nope"), "{err:#}");
    }

    #[test]
    fn override_directory_wins_and_falls_back_to_builtin() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("draft.md.tera"), "custom {{ x | yaml }}").unwrap();
        let values = serde_json::json!({ "x": "1: 2" });
        let md = render(Template::DraftMd, &values, Some(dir.path())).unwrap();
        assert_eq!(md, "custom \"1: 2\"");
        // No draft.xml.tera in the directory: the built-in one is used (and needs real values).
        let err = render(Template::DraftXml, &values, Some(dir.path())).unwrap_err();
        assert!(
            format!("{err:#}").contains("not found in context"),
            "{err:#}"
        );
        assert!(
            format!("{err:#}").contains("built-in `draft.xml.tera`"),
            "{err:#}"
        );
        let missing = dir.path().join("nope");
        let err = render(Template::DraftMd, &values, Some(&missing)).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
    }
}
