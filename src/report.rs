//! Rendering `check` findings for people (human), for programs (JSON) and for GitHub Actions
//! (workflow annotations), and the colour policy.
//!
//! This module knows nothing of how findings were found. A [`Renderer`] is fed findings (and,
//! for names, `ok` verdicts) one at a time and appends them to one output buffer, so that a
//! million names are rendered without holding a million findings; [`Renderer::finish`] closes
//! the output and counts. The JSON schema (`version` 1) is documented in
//! `docs/check.md` and is stable: fields are only ever added.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::name::{Code, Severity};
use crate::text;

/// How findings are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// `path:line: error[code]: message`, with a hint line, for people.
    Human,
    /// One JSON object with a `findings` array and counts (schema in `docs/check.md`).
    Json,
    /// GitHub workflow annotations (`::error file=…,line=…::…`).
    Github,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour as the conventions say (see [`use_color`]).
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The version of the JSON schema of `check --format json`.
pub const JSON_VERSION: u32 = 1;

/// One finding: where, about which name, what is wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The file the finding is in (a draft, or the `--names-from` file); `None` for `--name`
    /// and for history found only in git tags.
    pub path: Option<String>,
    /// The 1-based line in `path`, when the finding is about one line.
    pub line: Option<usize>,
    /// The name the finding is about, as written (a file name, a `docName`, a name).
    pub name: String,
    /// The stable code (which gives the rule and the severity).
    pub code: Code,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

/// How many of everything a run saw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Draft files checked.
    pub files: usize,
    /// Names checked (`--name`, `--names-from`).
    pub names: usize,
}

/// Whether to colour standard output under `choice`. `always` and `never` win; `auto` follows
/// the conventions, as `anstream` (clap's own) reads them: no colour when `NO_COLOR` is set and
/// not empty (<https://no-color.org>); colour, even into a pipe, when `CLICOLOR_FORCE` is set
/// and not empty; none when `CLICOLOR=0`; else colour only a terminal whose `TERM` is not
/// `dumb` (<https://bixense.com/clicolors/>).
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
        }
    }
}

/// The JSON form of a finding (field order is the documented one).
#[derive(Serialize)]
struct JsonFinding<'a> {
    path: Option<&'a str>,
    line: Option<usize>,
    name: &'a str,
    code: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    hint: Option<&'a str>,
}

/// What `check` recognised in the files it walked, for `--format json`.
#[derive(Debug, Default, Serialize)]
pub struct Inventory {
    /// Every draft source judged, by path.
    pub drafts: Vec<DraftEntry>,
    /// Every candidate that turned out not to be a draft source, by path, with why.
    pub skipped: Vec<SkippedEntry>,
}

/// A draft source `check` recognised.
#[derive(Debug, Clone, Serialize)]
pub struct DraftEntry {
    /// The path, as in findings.
    pub path: String,
    /// `RFCXML`, `kramdown-rfc`, `mmark` or `text`.
    pub format: &'static str,
    /// The name the file stands for: its declared name, else its file name's stem.
    pub name: Option<String>,
    /// The declared name's line.
    pub line: Option<usize>,
    /// The RFC number of an RFC-stage source (`<rfc number>`), which claims no revision.
    pub rfc: Option<String>,
    /// A build output or copy (`name-NN.prepped.xml`), which claims no revision.
    pub copy: bool,
    /// Why a `draft-ietf-`/`draft-irtf-`/`draft-iab-` name counts as adopted.
    pub adoption: Option<AdoptionEntry>,
}

/// The evidence that accepted an adopted name.
#[derive(Debug, Clone, Serialize)]
pub struct AdoptionEntry {
    /// The adopting group (`iab` for the IAB stream).
    pub group: String,
    /// `record`, `adopted-by`, `tag`, `later-revision`, `posted-revision`, `expired` or
    /// `concluded-group`.
    pub evidence: &'static str,
    /// The evidence in words.
    pub detail: String,
}

/// A candidate file that is not a draft source.
#[derive(Debug, Clone, Serialize)]
pub struct SkippedEntry {
    /// The path, as in findings.
    pub path: String,
    /// Why it is not a draft source.
    pub reason: String,
}

/// Renders findings into one buffer, in one of the three formats.
#[derive(Debug)]
pub struct Renderer {
    format: ReportFormat,
    color: bool,
    out: String,
    counts: Counts,
}

/// The styles of the human format: `{STYLE}` starts one, `{STYLE:#}` ends it.
const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const OK: Style = AnsiColor::Green.on_default();
const HINT: Style = AnsiColor::Cyan.on_default();
const PLACE: Style = Style::new().bold();

impl Renderer {
    /// A renderer for `format`; `color` only affects the human format.
    pub fn new(format: ReportFormat, color: bool) -> Self {
        let mut out = String::new();
        if format == ReportFormat::Json {
            let _ = write!(out, "{{\"version\":{JSON_VERSION},\"findings\":[");
        }
        Renderer {
            format,
            color: color && format == ReportFormat::Human,
            out,
            counts: Counts::default(),
        }
    }

    /// Write what is rendered so far to `w` and empty the buffer (the counts stay), so that a
    /// large report streams instead of waiting whole in memory.
    pub fn flush_to(&mut self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        w.write_all(self.out.as_bytes())?;
        self.out.clear();
        Ok(())
    }

    /// Reserve room for about `bytes` more bytes of output.
    pub fn reserve(&mut self, bytes: usize) {
        self.out.reserve(bytes);
    }

    /// An empty renderer of the same format and colour, for one part of the output rendered
    /// elsewhere (another thread) and [`Renderer::append`]ed later; it has no JSON prefix.
    #[must_use]
    pub fn fragment(&self) -> Renderer {
        Renderer {
            format: self.format,
            color: self.color,
            out: String::new(),
            counts: Counts::default(),
        }
    }

    /// Append a [`Renderer::fragment`]'s output and counts after what is here.
    pub fn append(&mut self, mut part: Renderer) {
        self.append_from(&mut part);
    }

    /// [`Renderer::append`] that leaves `part` empty (its counts zero) with its room kept, to
    /// be filled again: a large output rendered in blocks reuses one buffer per thread.
    pub fn append_from(&mut self, part: &mut Renderer) {
        let here = self.counts.errors + self.counts.warnings;
        let there = part.counts.errors + part.counts.warnings;
        if self.format == ReportFormat::Json && here > 0 && there > 0 {
            self.out.push(',');
        }
        self.out.push_str(&part.out);
        self.counts.errors += part.counts.errors;
        self.counts.warnings += part.counts.warnings;
        part.out.clear();
        part.counts = Counts::default();
    }

    /// The length of the output so far, in bytes.
    pub fn len(&self) -> usize {
        self.out.len()
    }

    /// Whether the output is empty.
    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// The counts so far.
    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// Render one finding.
    pub fn finding(&mut self, f: &Finding) {
        let severity = f.code.severity();
        match severity {
            Severity::Error => self.counts.errors += 1,
            Severity::Warning => self.counts.warnings += 1,
        }
        match self.format {
            ReportFormat::Human => self.human(f),
            ReportFormat::Json => self.json(f),
            ReportFormat::Github => self.github(f),
        }
    }

    /// Say that a checked name has no findings at all (human format only: `name: ok`). `name`
    /// is one that `name::is_clean` accepted: the grammar's bytes only (`a-z`, `0-9`, `-`, `.`;
    /// a property test holds the grammar to it), so there is nothing to escape, and a million
    /// of them in `--names-from` are copied as they are.
    pub fn ok(&mut self, name: &str) {
        debug_assert!(
            name.bytes()
                .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.')),
            "ok() takes clean names only: {name:?}"
        );
        if self.format == ReportFormat::Human {
            if self.color {
                let _ = writeln!(self.out, "{name}: {OK}ok{OK:#}");
            } else {
                self.out.push_str(name);
                self.out.push_str(": ok\n");
            }
        }
    }

    fn human(&mut self, f: &Finding) {
        let out = &mut self.out;
        let color = self.color;
        if color {
            let _ = write!(out, "{PLACE}");
        }
        // The first field starts the line: escaped, and never the start of a workflow command.
        match (&f.path, f.line) {
            (Some(path), Some(line)) => {
                let _ = write!(out, "{}:{line}", text::line(path));
            }
            (Some(path), None) => out.push_str(&text::line(path)),
            (None, _) => out.push_str(&text::line(&f.name)),
        }
        if color {
            let _ = write!(out, "{PLACE:#}");
        }
        out.push_str(": ");
        let sev = f.code.severity();
        let paint = match sev {
            Severity::Error => ERROR,
            Severity::Warning => WARNING,
        };
        if color {
            let _ = write!(out, "{paint}{sev}[{}]{paint:#}", f.code);
        } else {
            let _ = write!(out, "{sev}[{}]", f.code);
        }
        let _ = writeln!(out, ": {}", text::escape(&f.message));
        if let Some(hint) = &f.hint {
            if color {
                let _ = writeln!(out, "  {HINT}hint{HINT:#}: {}", text::escape(hint));
            } else {
                let _ = writeln!(out, "  hint: {}", text::escape(hint));
            }
        }
    }

    fn json(&mut self, f: &Finding) {
        if self.counts.errors + self.counts.warnings > 1 {
            self.out.push(',');
        }
        let j = JsonFinding {
            path: f.path.as_deref(),
            line: f.line,
            name: &f.name,
            code: f.code.as_str(),
            rule: f.code.rule(),
            severity: f.code.severity().as_str(),
            message: &f.message,
            hint: f.hint.as_deref(),
        };
        // Serializing plain strings and numbers into a String cannot fail.
        if let Ok(s) = serde_json::to_string(&j) {
            self.out.push_str(&s);
        }
    }

    fn github(&mut self, f: &Finding) {
        let out = &mut self.out;
        let _ = write!(out, "::{}", f.code.severity());
        let mut sep = ' ';
        if let Some(path) = &f.path {
            let _ = write!(out, "{sep}file={}", text::workflow_property(path));
            sep = ',';
            if let Some(line) = f.line {
                let _ = write!(out, ",line={line}");
            }
        }
        let title = format!("newdraft {} ({})", f.code, f.code.rule());
        let _ = write!(out, "{sep}title={}::", text::workflow_property(&title));
        let mut text = f.message.clone();
        if f.path.is_none() {
            // Without a file the annotation has nothing else saying which name it is about.
            text = format!("{}: {text}", f.name);
        }
        if let Some(hint) = &f.hint {
            let _ = write!(text, ". hint: {hint}");
        }
        out.push_str(&text::workflow_data(&text));
        out.push('\n');
    }

    /// Close the output and return it with the counts: the JSON object is closed with its
    /// counts; the human and GitHub formats end with the one-line [`summary`] (last, where a
    /// reader of a terminal or a CI log looks for it).
    pub fn finish(self, files: usize, names: usize) -> (String, Counts) {
        self.finish_with(files, names, &Inventory::default())
    }

    /// [`Renderer::finish`], with what the walk recognised (JSON's `drafts` and `skipped`).
    pub fn finish_with(
        mut self,
        files: usize,
        names: usize,
        inventory: &Inventory,
    ) -> (String, Counts) {
        self.counts.files = files;
        self.counts.names = names;
        let counts = self.counts;
        match self.format {
            ReportFormat::Json => {
                let c = serde_json::to_string(&counts).unwrap_or_default();
                let d = serde_json::to_string(&inventory.drafts).unwrap_or_default();
                let k = serde_json::to_string(&inventory.skipped).unwrap_or_default();
                let _ = writeln!(
                    self.out,
                    "],\"drafts\":{d},\"skipped\":{k},\"counts\":{c}}}"
                );
            }
            ReportFormat::Human | ReportFormat::Github => {
                self.out.push_str(&summary(counts));
                self.out.push('\n');
            }
        }
        (self.out, counts)
    }
}

/// `2 errors, 1 warning in 3 files`, `no problems in 1 file and 5 names`.
pub fn summary(c: Counts) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut what = Vec::new();
    if c.files > 0 || c.names == 0 {
        what.push(plural(c.files, "file", "files"));
    }
    if c.names > 0 {
        what.push(plural(c.names, "name", "names"));
    }
    let what = what.join(" and ");
    if c.errors == 0 && c.warnings == 0 {
        format!("no problems in {what}")
    } else {
        format!(
            "{}, {} in {what}",
            plural(c.errors, "error", "errors"),
            plural(c.warnings, "warning", "warnings")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(path: Option<&str>, line: Option<usize>, code: Code) -> Finding {
        Finding {
            path: path.map(str::to_owned),
            line,
            name: "draft-ietf-quic-x-00".to_owned(),
            code,
            message: "`draft-ietf-quic-x-00` is wrong".to_owned(),
            hint: Some("use `draft-doe-quic-x-00`".to_owned()),
        }
    }

    #[test]
    fn human_lines_carry_path_line_severity_and_code() {
        let mut r = Renderer::new(ReportFormat::Human, false);
        r.finding(&finding(Some("a/b.xml"), Some(3), Code::NotAdopted));
        r.finding(&finding(None, None, Code::StatusWord));
        r.ok("draft-doe-quic-x-00");
        let (out, counts) = r.finish(1, 2);
        assert_eq!(
            out,
            "a/b.xml:3: error[stream/not-adopted]: `draft-ietf-quic-x-00` is wrong\n  hint: use `draft-doe-quic-x-00`\n\
             draft-ietf-quic-x-00: warning[name/status-word]: `draft-ietf-quic-x-00` is wrong\n  hint: use `draft-doe-quic-x-00`\n\
             draft-doe-quic-x-00: ok\n\
             1 error, 1 warning in 1 file and 2 names\n"
        );
        assert_eq!(counts.errors, 1);
    }

    #[test]
    fn colour_only_when_asked() {
        let mut r = Renderer::new(ReportFormat::Human, true);
        r.finding(&finding(Some("x.xml"), None, Code::TooLong));
        let (out, _) = r.finish(1, 0);
        assert!(
            out.contains("\x1b[1m\x1b[31merror[name/too-long]\x1b[0m"),
            "{out:?}"
        );
        assert!(out.contains("\x1b[1mx.xml\x1b[0m: "), "{out:?}");
        assert!(out.contains("  \x1b[36mhint\x1b[0m: "), "{out:?}");
        let mut r = Renderer::new(ReportFormat::Github, true);
        r.finding(&finding(Some("x.xml"), None, Code::TooLong));
        assert!(!r.finish(1, 0).0.contains('\x1b'));
    }

    #[test]
    fn json_is_one_object_with_the_documented_fields() {
        let mut r = Renderer::new(ReportFormat::Json, false);
        r.finding(&finding(Some("x.xml"), Some(2), Code::TooLong));
        r.finding(&finding(None, None, Code::StatusWord));
        r.ok("ignored");
        let (out, _) = r.finish(1, 1);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["findings"].as_array().unwrap().len(), 2);
        let f = &v["findings"][0];
        assert_eq!(f["path"], "x.xml");
        assert_eq!(f["line"], 2);
        assert_eq!(f["code"], "name/too-long");
        assert_eq!(f["rule"], "R5");
        assert_eq!(f["severity"], "error");
        assert_eq!(v["findings"][1]["path"], serde_json::Value::Null);
        assert_eq!(v["findings"][1]["line"], serde_json::Value::Null);
        assert_eq!(
            v["counts"],
            serde_json::json!({"errors":1,"warnings":1,"files":1,"names":1})
        );
        let empty = Renderer::new(ReportFormat::Json, false).finish(0, 0).0;
        let v: serde_json::Value = serde_json::from_str(&empty).unwrap();
        assert_eq!(v["findings"], serde_json::json!([]));
    }

    #[test]
    fn github_annotations_escape_properties_and_data() {
        let mut r = Renderer::new(ReportFormat::Github, false);
        let mut f = finding(Some("dir,a:b/x%.xml"), Some(7), Code::TooLong);
        f.message = "50% too\nlong".to_owned();
        r.finding(&f);
        let (out, _) = r.finish(1, 0);
        assert_eq!(
            out,
            "::error file=dir%2Ca%3Ab/x%25.xml,line=7,title=newdraft name/too-long (R5)::50%25 too%0Along. hint: use `draft-doe-quic-x-00`\n\
             1 error, 0 warnings in 1 file\n"
        );
    }

    #[test]
    fn fragments_append_to_the_same_output_as_one_renderer() {
        for format in [
            ReportFormat::Human,
            ReportFormat::Json,
            ReportFormat::Github,
        ] {
            let fs = [
                finding(Some("n.txt"), Some(1), Code::TooLong),
                finding(Some("n.txt"), Some(2), Code::StatusWord),
                finding(Some("n.txt"), Some(4), Code::Empty),
            ];
            let mut one = Renderer::new(format, false);
            one.finding(&fs[0]);
            one.finding(&fs[1]);
            one.ok("draft-a-b");
            one.finding(&fs[2]);
            // Split as [empty][0, 1][ok][2]: empty parts and parts without findings too.
            let mut whole = Renderer::new(format, false);
            let empty = whole.fragment();
            let mut a = whole.fragment();
            a.finding(&fs[0]);
            a.finding(&fs[1]);
            let mut b = whole.fragment();
            b.ok("draft-a-b");
            let mut c = whole.fragment();
            c.finding(&fs[2]);
            for part in [empty, a, b, c] {
                whole.append(part);
            }
            assert_eq!(whole.finish(0, 4), one.finish(0, 4), "{format:?}");

            // One reused fragment, appended after each use, gives the same output too.
            let mut reused = Renderer::new(format, false);
            let mut part = reused.fragment();
            part.finding(&fs[0]);
            part.finding(&fs[1]);
            reused.append_from(&mut part);
            assert!(part.is_empty() && part.counts() == Counts::default());
            part.ok("draft-a-b");
            reused.append_from(&mut part);
            part.finding(&fs[2]);
            reused.append_from(&mut part);
            let mut one = Renderer::new(format, false);
            one.finding(&fs[0]);
            one.finding(&fs[1]);
            one.ok("draft-a-b");
            one.finding(&fs[2]);
            assert_eq!(reused.finish(0, 4), one.finish(0, 4), "{format:?}");
        }
    }

    #[test]
    fn summaries_count_in_words() {
        let c = Counts {
            files: 3,
            ..Counts::default()
        };
        assert_eq!(summary(c), "no problems in 3 files");
        assert_eq!(summary(Counts::default()), "no problems in 0 files");
        let c = Counts {
            errors: 2,
            names: 1,
            ..Counts::default()
        };
        assert_eq!(summary(c), "2 errors, 0 warnings in 1 name");
    }
}
