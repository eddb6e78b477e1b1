//! `newdraft check`: names, draft files and revision histories against the naming rules.
//!
//! Inputs become findings here; [`crate::report`] renders them. Two modes:
//!
//! - **names** (`--name`, `--names-from`): every name gets a verdict. [`name::is_clean`] is
//!   asked first (one pass, no allocation) and a clean name costs only its `ok` line; the
//!   findings of [`name::check_name`] are built only for the others. `--names-from` reads its
//!   input in blocks, cuts a large block into a piece per core, and splits lines with `memchr`.
//! - **files** (PATHs, default `.`): see [`files`]: walked in parallel, each candidate's head
//!   read once and classified by [`crate::source`], then every draft judged with the evidence
//!   of the whole tree (its tags, its other revisions, `newdraft.toml`).
//!
//! Adoption comes from `newdraft.toml` records (per name; the name a record `replaces` is
//! history and judged as an individual draft), from `--adopted-by` (for names: every name
//! checked; for files: the drafts of that group), from a posted revision (`-01` or later) of
//! the name, and for files from the evidence of the tree.
//! The user-facing description of all of this, with the JSON schema, is `docs/check.md`
//! (`newdraft check`).

mod files;
mod history;
mod judge;
mod names;
mod walk;

pub use names::names_report;
use names::{base_name, check_names_from, check_one_name, finding, not_utf8};

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};

use crate::index;
use crate::name::{self, Context, Form, Issue};
use crate::records::{self, Records};
use crate::report::{self, Finding, Renderer};
use crate::{Outcome, Status};

/// `newdraft check`, validated.
// Independent switches of the command line, each read once.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone)]
pub struct Request {
    /// Files or directories to walk.
    pub paths: Vec<PathBuf>,
    /// `--name`: names to check instead of files.
    pub names: Vec<std::ffi::OsString>,
    /// `--names-from`: a file of names (`-`: standard input).
    pub names_from: Option<PathBuf>,
    /// `--adopted-by`: groups that adopted the drafts checked.
    pub adopted_by: Vec<String>,
    /// The report's format.
    pub format: report::ReportFormat,
    /// Warnings fail the check too.
    pub deny_warnings: bool,
    /// Colour the human report.
    pub color: bool,
    /// Also judge each draft as the Datatracker's upload would.
    pub submission: bool,
    /// Do not read git tags.
    pub no_git: bool,
    /// A copy of the Datatracker's index instead of the cached one.
    pub index: Option<PathBuf>,
    /// Also ask the Datatracker about each name.
    pub online: bool,
    /// The Datatracker's base URL.
    pub datatracker_url: String,
    /// The deadline of each request.
    pub timeout: std::time::Duration,
    /// The injected clock.
    pub today: chrono::NaiveDate,
}

/// Run `check` and render its report. A large report is written to `out` as it is rendered
/// (a million names need not wait whole in memory); the rest, with the summary, is the
/// outcome's standard output.
pub fn run(args: &Request, out: &mut dyn Write) -> Result<Outcome> {
    let today = args.today;
    let names_mode = !args.names.is_empty() || args.names_from.is_some();
    let paths: Vec<PathBuf> = if args.paths.is_empty() && !names_mode {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (records, excluded) = read_records(&paths, names_mode)?;
    let adoption = Adoption::new(adopted_by(args)?, &records);
    let mut notes = Vec::new();
    let mut renderer = Renderer::new(args.format, args.color);
    // The Datatracker's index (issue 12), when there is one: adoption evidence for the
    // drafts, and what `index::rules` says of every name found.
    let opts = index_options(args);
    let loaded = index::knowledge::load(&opts)?;
    let mut tree = Tree::default();
    if !paths.is_empty() {
        tree = check_tree(
            args,
            &paths,
            &adoption,
            &excluded,
            loaded.as_ref(),
            &mut notes,
        )?;
    }
    // What the index is asked of each `--name` (`None`: not a name it could hold).
    let name_checks: Vec<_> = args
        .names
        .iter()
        .map(|n| {
            n.to_str()
                .and_then(|n| index::rules::Checked::new(n, None, None))
        })
        .collect();
    let files = tree.inventory.drafts.len();
    let (known, from_checks) = index_hook(
        args,
        &opts,
        loaded,
        &tree.names,
        &name_checks,
        files,
        today,
        &mut notes,
    )?;
    if let Some(known) = &known {
        tree.findings
            .extend(index::rules::findings(known, &tree.names, today));
    }
    if !paths.is_empty() {
        report_tree(&mut tree.findings, &mut renderer, out)?;
    }
    let names = report_names(
        args,
        Names {
            checks: &name_checks,
            from_checks,
            known: known.as_ref(),
            adoption: &adoption,
        },
        &mut renderer,
        out,
        &mut notes,
    )?;
    // Nothing was checked: what the index could have said is no news.
    if files == 0 && names == 0 {
        notes.retain(|n| n != index::knowledge::NO_INDEX_NOTE);
    }
    let (stdout, counts) = renderer.finish_with(files, names, &tree.inventory);
    let failed = counts.errors > 0 || (args.deny_warnings && counts.warnings > 0);
    Ok(Outcome {
        stdout,
        stderr: notes,
        status: if tree.incomplete {
            Status::Incomplete
        } else if failed {
            Status::Findings
        } else {
            Status::Success
        },
        ..Outcome::default()
    })
}

/// Report the files' findings, by path and line, and send them on before any name's.
fn report_tree(
    findings: &mut [Finding],
    renderer: &mut Renderer,
    out: &mut dyn Write,
) -> Result<()> {
    findings.sort_by(|a, b| {
        (&a.path, a.line, a.code, &a.message).cmp(&(&b.path, b.line, b.code, &b.message))
    });
    for f in findings.iter() {
        renderer.finding(f);
    }
    renderer.flush_to(out)?;
    Ok(())
}

/// What the names mode reports from: `--name`'s checks, `--names-from`'s (filled while it is
/// read), and what judges them.
struct Names<'a> {
    checks: &'a [Option<index::rules::Checked>],
    from_checks: Vec<index::rules::Checked>,
    known: Option<&'a index::rules::Knowledge>,
    adoption: &'a Adoption,
}

/// Report every `--name` and `--names-from` name, then the index's findings on the latter
/// (after that input's verdicts); returns how many names were checked.
fn report_names(
    args: &Request,
    mut names: Names<'_>,
    renderer: &mut Renderer,
    out: &mut dyn Write,
    notes: &mut Vec<String>,
) -> Result<usize> {
    let mut count = check_names(args, names.checks, names.known, names.adoption, renderer);
    if let Some(from) = &args.names_from {
        let (read, checks) = read_names_from(
            from,
            names.known.is_some(),
            names.adoption,
            renderer,
            out,
            notes,
        )?;
        if let Some(checks) = checks {
            names.from_checks = checks;
        }
        count += read;
    }
    if let Some(known) = names.known {
        for f in index::rules::findings(known, &names.from_checks, args.today) {
            renderer.finding(&f);
        }
    }
    Ok(count)
}

/// `--adopted-by`: group acronyms, never a draft name.
fn adopted_by(args: &Request) -> Result<Vec<String>> {
    let mut groups = Vec::new();
    for g in &args.adopted_by {
        let acronym = crate::groups::Acronym::parse("--adopted-by", g)?;
        if acronym.as_str().starts_with("draft-") {
            bail!(
                "`--adopted-by {acronym}` is a draft name, not a group acronym; e.g. `--adopted-by quic`"
            );
        }
        groups.push(acronym.as_str().to_owned());
    }
    Ok(groups)
}

/// The adoption records from each checked tree's root upwards (and, for names, from the
/// current directory upwards), each `newdraft.toml` read once, with the paths their
/// `[check] exclude` says are not submissions.
fn read_records(
    paths: &[PathBuf],
    names_mode: bool,
) -> Result<(Records, Vec<ignore::gitignore::Gitignore>)> {
    let mut records = Records::default();
    let mut excluded = Vec::new();
    let mut seen = HashSet::new();
    let mut roots: Vec<PathBuf> = paths.iter().map(|p| walk::tree_root(p)).collect();
    if names_mode {
        roots.push(PathBuf::from("."));
    }
    for root in &roots {
        if let Some(file) = records::find(root) {
            if seen.insert(file.clone()) {
                let found = Records::read(&file)?;
                excluded.extend(records::exclusions(&file, &found.check.exclude)?);
                records.merge(found);
            }
        }
    }
    Ok((records, excluded))
}

/// What the walk of the PATHs found.
#[derive(Default)]
struct Tree {
    /// Every finding on the files.
    findings: Vec<Finding>,
    /// The names the drafts stand for, for the index.
    names: Vec<index::rules::Checked>,
    /// The drafts and the files that are not drafts, for `--format json`.
    inventory: report::Inventory,
    /// Something could not be read.
    incomplete: bool,
}

/// The PATHs walked and judged ([`files::check`]), with `--submission`'s gate on each source.
fn check_tree(
    args: &Request,
    paths: &[PathBuf],
    adoption: &Adoption,
    excluded: &[ignore::gitignore::Gitignore],
    loaded: Option<&index::Index>,
    notes: &mut Vec<String>,
) -> Result<Tree> {
    let ask_index = loaded.is_some() || args.online;
    let mut found = files::check(
        paths,
        adoption,
        excluded,
        !args.no_git,
        args.today,
        loaded,
        ask_index,
    )?;
    notes.append(&mut found.notes);
    let mut findings = found.findings;
    if args.submission {
        findings.extend(submission(&found.drafts, args.today, notes)?);
    }
    Ok(Tree {
        findings,
        names: found.names,
        inventory: report::Inventory {
            drafts: found.drafts,
            skipped: found.skipped,
        },
        incomplete: found.incomplete,
    })
}

/// `--name`: each name's verdict, with what the index says of it instead of its `ok`. Returns
/// how many names were checked.
fn check_names(
    args: &Request,
    name_checks: &[Option<index::rules::Checked>],
    known: Option<&index::rules::Knowledge>,
    adoption: &Adoption,
    renderer: &mut Renderer,
) -> usize {
    for (n, checked) in args.names.iter().zip(name_checks) {
        let extra = match (known, checked) {
            (Some(k), Some(c)) => index::rules::findings(k, std::slice::from_ref(c), args.today),
            _ => Vec::new(),
        };
        match n.to_str() {
            Some(n) if !extra.is_empty() => {
                for issue in adoption.check(n, Form::Auto) {
                    renderer.finding(&finding(None, None, n, issue));
                }
                for f in &extra {
                    renderer.finding(f);
                }
            }
            Some(n) => check_one_name(n, None, None, adoption, renderer),
            None => renderer.finding(&not_utf8(n.as_encoded_bytes(), None, None)),
        }
    }
    args.names.len()
}

/// `--names-from FILE|-`: the names read and checked, and (for standard input, read once and
/// copied when the index will judge them) the names for the index.
fn read_names_from(
    from: &std::path::Path,
    copy: bool,
    adoption: &Adoption,
    renderer: &mut Renderer,
    out: &mut dyn Write,
    notes: &mut Vec<String>,
) -> Result<(usize, Option<Vec<index::rules::Checked>>)> {
    let (read, checks) = if from.as_os_str() == "-" {
        let mut input = index::knowledge::Tee::new(std::io::stdin().lock(), copy);
        let read = check_names_from(&mut input, 0, "<stdin>", adoption, renderer, out)
            .context("cannot read names from standard input")?;
        (read, Some(input.names("<stdin>", notes)))
    } else {
        let cannot = || format!("cannot read names from `{}`", from.display());
        let mut file = std::fs::File::open(from).with_context(cannot)?;
        let size = file
            .metadata()
            .map_or(0, |m| usize::try_from(m.len()).unwrap_or(0));
        let display = from.display().to_string();
        let read = check_names_from(&mut file, size, &display, adoption, renderer, out)
            .with_context(cannot)?;
        (read, None)
    };
    // An empty input (a closed standard input, an empty list of changed files) is not an
    // error, as an empty list is normal in CI, but it is said: "no problems" alone would read
    // as if names had been checked.
    if read == 0 {
        notes.push(if from.as_os_str() == "-" {
            "note: no names were read from standard input (it was empty or closed); nothing was checked".to_owned()
        } else {
            format!(
                "note: no names were read from `{}` (it has no names); nothing was checked",
                crate::text::path(from)
            )
        });
    }
    Ok((read, checks))
}

/// The Datatracker's index (issue 12): what is known (`--index`, the cache, `--online`) about
/// the names found (files, `--name`, and `--names-from FILE` read again, returned; names from
/// standard input are copied as they are checked, and judged by the index alone), or `None`
/// with one note. The logic is in `index::command` and `index::rules`.
#[allow(clippy::too_many_arguments)]
fn index_hook(
    args: &Request,
    opts: &index::knowledge::CheckOptions,
    loaded: Option<index::Index>,
    file_names: &[index::rules::Checked],
    name_checks: &[Option<index::rules::Checked>],
    files: usize,
    today: chrono::NaiveDate,
    notes: &mut Vec<String>,
) -> Result<(Option<index::rules::Knowledge>, Vec<index::rules::Checked>)> {
    if loaded.is_none() && !args.online {
        if files > 0 || !args.names.is_empty() || args.names_from.is_some() {
            notes.push(index::knowledge::NO_INDEX_NOTE.to_owned());
        }
        return Ok((None, Vec::new()));
    }
    let from_checks = match &args.names_from {
        // Standard input is read once, by the check itself, and copied for the index.
        Some(from) if from.as_os_str() == "-" => Vec::new(),
        Some(from) => index::knowledge::names_in(from, notes)?,
        None => Vec::new(),
    };
    let all: Vec<index::rules::Checked> = file_names
        .iter()
        .chain(name_checks.iter().flatten())
        .chain(&from_checks)
        .cloned()
        .collect();
    let known = index::knowledge::prepare(opts, loaded, &all, today, notes);
    Ok((known, from_checks))
}

/// Where `check` finds the Datatracker's index: `--index`, the cache, `--online`.
fn index_options(args: &Request) -> index::knowledge::CheckOptions {
    index::knowledge::CheckOptions {
        index: args.index.clone(),
        online: args.online,
        sources: index::fetch::Sources {
            datatracker: args.datatracker_url.clone(),
            timeout: args.timeout,
            ..index::fetch::Sources::default()
        },
    }
}

/// `--submission`: the gate ([`crate::gate`]) on every draft source found, read whole. An RFC's
/// source, a build copy and a plain-text draft are not sources to upload, and are left out
/// (a text draft with a note).
fn submission(
    drafts: &[report::DraftEntry],
    today: chrono::NaiveDate,
    notes: &mut Vec<String>,
) -> Result<Vec<Finding>> {
    let mut out = Vec::new();
    for d in drafts.iter().filter(|d| d.rfc.is_none() && !d.copy) {
        let path = std::path::Path::new(&d.path);
        let text = crate::source::read_text(path)?;
        let Some(kind) = crate::source::SourceKind::detect(path, text.as_bytes()) else {
            continue;
        };
        if kind == crate::source::SourceKind::Text {
            notes.push(format!(
                "note: `{}` is a plain-text draft; `--submission` judges the XML or Markdown source it came from",
                d.path
            ));
            continue;
        }
        // A source a build fills in (matroska's `value = "@BUILD_VERSION@"`, `date =
        // @BUILD_DATE@`) is no file to upload: the draft the build writes is.
        let declared = crate::source::scan(text.as_bytes(), kind).docname;
        if let Some(name) = declared.filter(|n| crate::source::is_build_placeholder(&n.value)) {
            notes.push(format!(
                "note: `{}` is filled in by a build (its name is `{}`); `--submission` judges the draft the build writes",
                d.path, name.value
            ));
            continue;
        }
        out.extend(
            crate::gate::judge(&d.path, &text, kind, today)
                .with_context(|| format!("cannot judge `{}` for submission", d.path))?,
        );
    }
    Ok(out)
}

/// Who adopted what: `--adopted-by` for everything, `newdraft.toml` per name.
#[derive(Debug, Default)]
struct Adoption {
    cli: Vec<String>,
    /// Adopted name (without revision) → the groups it is judged with: `cli` plus its group.
    adopted: HashMap<String, Vec<String>>,
    /// Names that an adopted draft replaced: history, judged as the individual drafts they were.
    replaced: HashSet<String>,
}

impl Adoption {
    fn new(cli: Vec<String>, records: &Records) -> Self {
        let mut adopted: HashMap<String, Vec<String>> = HashMap::new();
        let mut replaced = HashSet::new();
        for r in &records.adopted {
            let groups = adopted.entry(r.name.clone()).or_insert_with(|| cli.clone());
            if !groups.contains(&r.group) {
                groups.push(r.group.clone());
            }
            if let Some(old) = &r.replaces {
                replaced.insert(old.clone());
            }
        }
        Adoption {
            cli,
            adopted,
            replaced,
        }
    }

    /// The groups a `newdraft.toml` record says adopted `base` (a name without revision); an
    /// empty list for a name a record replaced (history, judged as the individual draft it
    /// was); `None` when no record speaks of it.
    fn recorded(&self, base: &str) -> Option<&[String]> {
        if self.replaced.contains(base) {
            return Some(&[]);
        }
        self.adopted.get(base).map(Vec::as_slice)
    }

    /// The groups that adopted `base` (a name without revision).
    fn groups(&self, base: &str) -> &[String] {
        if self.adopted.is_empty() && self.replaced.is_empty() {
            return &self.cli;
        }
        if self.replaced.contains(base) {
            return &[];
        }
        self.adopted.get(base).map_or(&self.cli, Vec::as_slice)
    }

    /// The groups that adopted `input` (a name, versioned name or file name): recorded or
    /// given; else, for a stream name at revision -01 or later, its own group, as for a file
    /// (its -00 was posted under that name: evidence `posted-revision`).
    fn adopters(&self, input: &str) -> Cow<'_, [String]> {
        let groups = if self.adopted.is_empty() && self.replaced.is_empty() {
            &self.cli
        } else {
            self.groups(base_name(input))
        };
        if !groups.is_empty() || !name::is_stream_name(input) {
            return Cow::Borrowed(groups);
        }
        let owner = match crate::source::split_revision(crate::source::stem(input)) {
            (base, Some(rev)) if rev > name::Revision::FIRST => name::DraftName::parse(base)
                .ok()
                .and_then(|n| n.adopter().map(str::to_owned)),
            _ => None,
        };
        owner.map_or(Cow::Borrowed(groups), |g| Cow::Owned(vec![g]))
    }

    /// Judge `input` in `form`, with the adoption context of its name.
    fn check(&self, input: &str, form: Form) -> Vec<Issue> {
        let groups = self.adopters(input);
        name::check_name(
            input,
            form,
            &Context {
                adopted_by: &groups,
            },
        )
        .issues
    }

    /// Whether `input` has no finding at all in `form`: the cheap question asked first.
    fn is_clean(&self, input: &str, form: Form) -> bool {
        let groups = self.adopters(input);
        name::is_clean(
            input,
            form,
            &Context {
                adopted_by: &groups,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_adopt_by_name_and_free_what_they_replace() {
        let records = Records::parse(
            "[[adopted]]\nname = \"draft-ietf-quic-x\"\ngroup = \"quic\"\nreplaces = \"draft-doe-quic-x\"\n",
        )
        .unwrap();
        let a = Adoption::new(vec!["tls".to_owned()], &records);
        assert_eq!(a.groups("draft-ietf-quic-x"), ["tls", "quic"]);
        assert!(a.groups("draft-doe-quic-x").is_empty());
        assert_eq!(a.groups("draft-other-y"), ["tls"]);
        assert!(a.check("draft-doe-quic-x-03", Form::Auto).is_empty());
        assert!(a.check("draft-ietf-quic-x-00.xml", Form::Auto).is_empty());
    }
}
