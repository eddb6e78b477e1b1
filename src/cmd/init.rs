//! `newdraft init`: a new draft skeleton from validated values.
//!
//! [`Options`] is what the command line means, checked: the name comes from
//! [`name::compose`] (which refuses what `check` would reject), the date is a real date, every
//! free-text value is one clean line. [`plan`] turns the options into the one file to write
//! and the notes to print; it reads nothing but `git config` (only for an author flag that is
//! missing) and an override template. With `--ci`, the plan also holds the CI workflow
//! ([`ci`]). [`run`] returns the plan's files for [`crate::run`] to write, all of it or nothing,
//! or, for `--dry-run`, shows them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use chrono::{Datelike as _, NaiveDate};
use serde::Serialize;

use crate::Outcome;
use crate::author;
use crate::ci;
use crate::groups::{self, Kind};
use crate::name::{self, Revision};
use crate::render::{self, Template};
use crate::text;
use crate::write::{Overwrite, PlannedFile, Target};

/// The most characters xml2rfc accepts in a page-header title without a warning.
pub const MAX_ABBREV_CHARS: usize = 40;

/// How far, in days, the document date may be from today before xml2rfc warns.
pub const MAX_DATE_DISTANCE_DAYS: i64 = 3;

/// The source format of the new draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RFCXML v3.
    Xml,
    /// kramdown-rfc Markdown.
    Md,
}

impl Format {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Xml => "xml",
            Format::Md => "md",
        }
    }

    fn template(self) -> Template {
        match self {
            Format::Xml => Template::DraftXml,
            Format::Md => Template::DraftMd,
        }
    }
}

/// The intended status, as RFCXML spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// `info`
    Info,
    /// `std`
    Std,
    /// `bcp`
    Bcp,
    /// `exp`
    Exp,
    /// `historic`
    Historic,
}

impl Category {
    /// The RFCXML `category` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Info => "info",
            Category::Std => "std",
            Category::Bcp => "bcp",
            Category::Exp => "exp",
            Category::Historic => "historic",
        }
    }

    /// Standards Track and BCP documents are IETF consensus documents (xml2rfc warns without
    /// `consensus="true"`).
    pub fn consensus(self) -> bool {
        matches!(self, Category::Std | Category::Bcp)
    }
}

/// `newdraft init`, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The surname as typed (made a name component by [`name::compose`]).
    pub surname: String,
    /// The topic as typed.
    pub topic: String,
    /// The target group as typed.
    pub wg: String,
    /// The source format.
    pub format: Format,
    /// `--title`, one clean line.
    pub title: Option<String>,
    /// `--abbrev`, one clean line of at most [`MAX_ABBREV_CHARS`] characters.
    pub abbrev: Option<String>,
    /// `--fullname`, one clean line.
    pub fullname: Option<String>,
    /// `--email`, one clean line.
    pub email: Option<String>,
    /// `--org`, one clean line.
    pub org: Option<String>,
    /// The intended status.
    pub category: Category,
    /// The document date from `--date`; `None` means today (and, in Markdown, an empty `date:`
    /// that kramdown-rfc fills in each time it runs, so the source never goes stale).
    pub date: Option<NaiveDate>,
    /// Today (the injected clock: xml2rfc warns about a date more than 3 days from it).
    pub today: NaiveDate,
    /// The i-d-template layout (`…-latest`).
    pub unversioned: bool,
    /// Where to write.
    pub dir: PathBuf,
    /// Overwrite an existing file.
    pub force: bool,
    /// Print instead of writing.
    pub dry_run: bool,
    /// A directory of override templates.
    pub templates: Option<PathBuf>,
    /// `--ci`: also write this CI system's workflow.
    pub ci: Option<ci::Provider>,
}

/// What `init` will write, and what to tell the user about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The draft, relative to [`Options::dir`].
    pub file: PlannedFile,
    /// The CI workflow (`--ci`), relative to [`Options::dir`].
    pub workflow: Option<PlannedFile>,
    /// Whole lines for standard error (`note: …`, `warning: …`).
    pub notes: Vec<String>,
}

/// Compute the draft to write. `git_config` answers `git config <key>` (`user.name`,
/// `user.email`); it is called only for an author flag that is missing.
pub fn plan(opts: &Options, git_config: &dyn Fn(&str) -> Option<String>) -> Result<Plan> {
    let (composed, mut notes) = name_of(opts)?;
    let (docname, file_name) = if opts.unversioned {
        (
            composed.name.latest(),
            format!("{}.{}", composed.name.as_str(), opts.format.extension()),
        )
    } else {
        let docname = composed.name.with_revision(Revision::FIRST).versioned();
        let file_name = format!("{docname}.{}", opts.format.extension());
        (docname, file_name)
    };
    let (title, abbrev) = titles(opts, &composed.topic, &mut notes);
    let date = document_date(opts, &mut notes);
    let author = author(opts, git_config, &mut notes);
    if opts.format == Format::Md && author.org.is_empty() && !latin_script(&author.fullname) {
        // kramdown-rfc writes `<organization></organization>` for an author without one, and
        // xml2rfc 3.x crashes on it when it renders the Latin form of a non-Latin name.
        bail!(
            "the author name `{}` is not in the Latin script, and in Markdown such an author needs an organization (kramdown-rfc writes an empty one, which xml2rfc cannot render); give `--org` (your organization, or `Independent`), or use `--format xml`",
            author.fullname
        );
    }
    let values = Values {
        docname,
        name: composed.name.as_str().to_owned(),
        title,
        abbrev,
        category: opts.category.as_str(),
        consensus: opts.category.consensus(),
        author,
        date: DateValues {
            iso: date.format("%Y-%m-%d").to_string(),
            year: date.year(),
            month: date.format("%B").to_string(),
            day: date.day(),
            given: opts.date.is_some(),
        },
        group: groups::Venue::of(&composed.wg, None),
        keyword: composed.topic.replace('-', " "),
    };
    let contents = render::render(opts.format.template(), &values, opts.templates.as_deref())?;
    let workflow = opts
        .ci
        .map(|provider| provider.workflow(opts.templates.as_deref()))
        .transpose()?;
    Ok(Plan {
        file: PlannedFile::new(file_name, contents),
        workflow,
        notes,
    })
}

/// The draft's name from the surname, group and topic, with the notes on how it was made;
/// refused for a group that does not exist (without `--force`) and for a name the Datatracker
/// already holds (in the cached index: someone else's draft, issue 12).
fn name_of(opts: &Options) -> Result<(name::Composed, Vec<String>)> {
    let composed =
        name::compose(&opts.surname, &opts.wg, &opts.topic).map_err(anyhow::Error::new)?;
    let mut notes: Vec<String> = composed
        .adjustments
        .iter()
        .map(|a| format!("note: {a}"))
        .collect();
    if !opts.force {
        if let Some(refusal) = unknown_group(&composed.wg) {
            bail!(refusal);
        }
    }
    notes.extend(composed.warnings.iter().map(|w| format!("warning: {w}")));
    if let Some((why, free)) =
        crate::index::knowledge::refuse_taken(composed.name.as_str(), name::MAX_NAME_LEN)
    {
        let hint = match free
            .as_deref()
            .and_then(|f| Some((f, f.rsplit('-').next()?)))
        {
            Some((free, word)) => format!(
                "; e.g. `--topic \"{} {word}\"` gives the free `{free}`",
                composed.topic.replace('-', " ")
            ),
            None => "; choose another `--topic`".to_owned(),
        };
        bail!("{why}; a new draft needs a name of its own{hint}");
    }
    Ok((composed, notes))
}

/// The title (`--title`, else one made from the topic) and the page-header title (`--abbrev`,
/// else one derived when the title is too long for page headers, with a note).
fn titles(opts: &Options, topic: &str, notes: &mut Vec<String>) -> (String, String) {
    let topic_text = opts.topic.split_whitespace().collect::<Vec<_>>().join(" ");
    let title = match &opts.title {
        Some(t) => t.clone(),
        None => default_title(&topic_text, topic),
    };
    let abbrev = match &opts.abbrev {
        Some(a) => a.clone(),
        None if title.chars().count() > MAX_ABBREV_CHARS => {
            let a = derive_abbrev(&title);
            notes.push(format!(
                "note: the title is over {MAX_ABBREV_CHARS} characters, so page headers use `{a}` (change it with `--abbrev`)"
            ));
            a
        }
        None => String::new(),
    };
    (title, abbrev)
}

/// `--date`, else today; a warning when it is further from today than xml2rfc accepts quietly.
fn document_date(opts: &Options, notes: &mut Vec<String>) -> NaiveDate {
    let date = opts.date.unwrap_or(opts.today);
    let days = (date - opts.today).num_days();
    if days.abs() > MAX_DATE_DISTANCE_DAYS {
        notes.push(format!(
            "warning: the date {} is {} days {} today; xml2rfc warns when the document date is more than {MAX_DATE_DISTANCE_DAYS} days away (leave out `--date` for today)",
            date,
            days.abs(),
            if days < 0 { "before" } else { "after" }
        ));
    }
    date
}

impl Plan {
    /// Every file to write: the draft, then the workflow.
    pub fn files(&self) -> Vec<PlannedFile> {
        std::iter::once(&self.file)
            .chain(&self.workflow)
            .cloned()
            .collect()
    }
}

/// Run `init`: plan, then write (or, for `--dry-run`, show) the draft and, with `--ci`, the
/// workflow: each path on a line of its own (followed, in a dry run, by the contents).
pub fn run(opts: &Options) -> Result<Outcome> {
    let plan = plan(opts, &git_config)?;
    let files = plan.files();
    let mut outcome = Outcome::success(String::new());
    outcome.stderr = plan.notes;
    let overwrite = if opts.force {
        Overwrite::Allow
    } else {
        Overwrite::Never
    };
    outcome.writes = files
        .iter()
        .map(|f| Target::new(&opts.dir, f.clone(), overwrite))
        .collect();
    outcome.dry_run = opts.dry_run;
    if opts.dry_run {
        for file in &files {
            let shown = shown_path(&opts.dir, &file.path);
            if !opts.force && opts.dir.join(&file.path).symlink_metadata().is_ok() {
                outcome.stderr.push(format!(
                    "warning: `{}` already exists; without `--force` nothing would be written",
                    shown.display()
                ));
            }
            let _ = write!(
                outcome.stdout,
                "{}
{}",
                text::line(&text::path(&shown)),
                file.contents
            );
        }
        outcome
            .stderr
            .push("note: dry run; nothing was written".to_owned());
    } else {
        if let Some(root) = plan
            .workflow
            .as_ref()
            .and_then(|_| repository_above(&opts.dir))
        {
            outcome.stderr.push(format!(
                "warning: `{}` is below the git repository's root `{}`, and GitHub runs only the workflows in `.github/workflows` at a repository's root: move `.github` there",
                opts.dir.display(),
                root.display()
            ));
        }
        for file in &files {
            let _ = writeln!(
                outcome.stdout,
                "{}",
                text::line(&text::path(&shown_path(&opts.dir, &file.path)))
            );
        }
    }
    Ok(outcome)
}

/// Why `init` refuses `--wg ACRONYM` without `--force`: a typo (`dispach`) would otherwise go
/// into the draft's name and venue with only a warning. `None` for a working or research group
/// the snapshot knows (active or not: `compose` warns about an inactive one).
fn unknown_group(acronym: &str) -> Option<String> {
    if groups::lookup(acronym).is_some_and(|g| g.kind != Kind::Other) {
        return None;
    }
    let what = match groups::lookup(acronym) {
        Some(g) => format!(
            "`{acronym}` ({}) is not a working or research group",
            g.name
        ),
        None => format!(
            "`{acronym}` is not a group in newdraft's list (partial, dated {})",
            groups::SNAPSHOT_DATE
        ),
    };
    let hint = match (groups::lookup(acronym), groups::did_you_mean(acronym)) {
        // An area (`sec`): its new work goes to its dispatch group, if it has one.
        (Some(_), _) => {
            let own = format!("{acronym}dispatch");
            let dispatch = groups::lookup(&own)
                .filter(|g| g.is_active())
                .map_or("dispatch", |g| g.acronym);
            format!("new work in an area is brought to a dispatch group: `--wg {dispatch}`")
        }
        (None, Some(g)) if g.name.is_empty() => format!("did you mean `{}`?", g.acronym),
        (None, Some(g)) => format!("did you mean `{}` ({})?", g.acronym, g.name),
        (None, None) => "check the acronym at https://datatracker.ietf.org/wg/".to_owned(),
    };
    Some(format!(
        "`--wg {acronym}`: {what}; {hint} (pass `--force` to use `{acronym}` all the same)"
    ))
}

/// The root of the git work tree `dir` is inside, when that is not `dir` itself.
fn repository_above(dir: &Path) -> Option<PathBuf> {
    let root = crate::git::work_tree_root(dir)?;
    (std::path::absolute(dir).ok()? != root).then_some(root)
}

/// The path to show: `dir/file`, or just `file` when writing into the current directory.
fn shown_path(dir: &Path, file: &Path) -> PathBuf {
    if dir == Path::new(".") || dir.as_os_str().is_empty() {
        file.to_path_buf()
    } else {
        dir.join(file)
    }
}

/// `git config <key>`, cleaned like a flag's value.
fn git_config(key: &str) -> Option<String> {
    crate::text::clean_line(key, crate::git::config(key))
        .ok()
        .flatten()
}

/// The title made from the topic: as typed, title-cased when typed all in lower case.
fn default_title(topic_text: &str, component: &str) -> String {
    let base = if topic_text.is_empty() {
        component.replace('-', " ")
    } else {
        topic_text.to_owned()
    };
    if base.chars().any(char::is_uppercase) {
        return base;
    }
    base.split(' ')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A page-header title of at most [`MAX_ABBREV_CHARS`] characters: whole words from the
/// start of the title, or its first characters when the first word alone is too long.
fn derive_abbrev(title: &str) -> String {
    let mut out = String::new();
    let mut count = 0;
    for word in title.split(' ') {
        let n = word.chars().count();
        let extra = if out.is_empty() { n } else { n + 1 };
        if count + extra > MAX_ABBREV_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        count += extra;
    }
    if out.is_empty() {
        out = title.chars().take(MAX_ABBREV_CHARS).collect();
    }
    out.trim_end_matches([' ', ',', ':', ';', '-']).to_owned()
}

/// Template values: the variables every draft template can use (`templates/README.md`).
#[derive(Debug, Serialize)]
struct Values {
    docname: String,
    name: String,
    title: String,
    abbrev: String,
    category: &'static str,
    consensus: bool,
    author: AuthorValues,
    date: DateValues,
    group: groups::Venue,
    keyword: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct AuthorValues {
    fullname: String,
    initials: String,
    surname: String,
    ascii_fullname: String,
    ascii_initials: String,
    ascii_surname: String,
    email: String,
    org: String,
}

#[derive(Debug, Serialize)]
struct DateValues {
    given: bool,
    iso: String,
    year: i32,
    month: String,
    day: u32,
}

/// The author from the flags, else git, else the placeholders (with one warning saying so):
/// [`author::resolve`], as for `email`.
fn author(
    opts: &Options,
    git_config: &dyn Fn(&str) -> Option<String>,
    notes: &mut Vec<String>,
) -> AuthorValues {
    let (author, warning) = author::resolve(opts.fullname.clone(), opts.email.clone(), git_config);
    notes.extend(warning);
    author_values(
        &author.fullname,
        author.email,
        opts.org.clone().unwrap_or_default(),
    )
}

/// Split a full name into initials and surname (the last word), with the ASCII forms xml2rfc
/// asks for when a form is not plain ASCII (empty when the form is ASCII already: xml2rfc
/// warns about a redundant `ascii*` attribute).
fn author_values(fullname: &str, email: String, org: String) -> AuthorValues {
    let words: Vec<&str> = fullname.split(' ').filter(|w| !w.is_empty()).collect();
    let surname = words.last().copied().unwrap_or(fullname).to_owned();
    let mut initials = String::new();
    for c in words
        .iter()
        .take(words.len().saturating_sub(1))
        .filter_map(|w| w.chars().next())
    {
        initials.extend(c.to_uppercase());
        initials.push('.');
    }
    let ascii = |s: &str| {
        if s.is_ascii() {
            String::new()
        } else {
            deunicode::deunicode(s)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        }
    };
    let ascii_fullname = ascii(fullname);
    let mut ascii_surname = ascii(&surname);
    let mut ascii_initials = String::new();
    if !initials.is_ascii() {
        for c in words
            .iter()
            .take(words.len().saturating_sub(1))
            .filter_map(|w| deunicode::deunicode(w).trim().chars().next())
        {
            ascii_initials.extend(c.to_uppercase());
            ascii_initials.push('.');
        }
    }
    if ascii_fullname.is_empty() {
        // deunicode had nothing to offer: leave the attributes out rather than write them empty.
        ascii_surname.clear();
        ascii_initials.clear();
    }
    AuthorValues {
        fullname: fullname.to_owned(),
        ascii_fullname,
        initials,
        ascii_initials,
        surname,
        ascii_surname,
        email,
        org,
    }
}

/// Whether xml2rfc counts `name` as Latin script (so it renders no separate ASCII form): every
/// letter is in a Latin block; digits, spaces and punctuation are common to all scripts.
fn latin_script(name: &str) -> bool {
    name.chars().all(|c| {
        !c.is_alphabetic()
            || matches!(u32::from(c),
                0x41..=0x5A | 0x61..=0x7A | 0xAA | 0xBA | 0xC0..=0x24F | 0x250..=0x2AF
                | 0x1D00..=0x1DBF | 0x1E00..=0x1EFF | 0x2071 | 0x207F | 0x2090..=0x209C
                | 0x212A | 0x212B | 0x2132 | 0x214E | 0x2160..=0x2188 | 0x24B6..=0x24E9
                | 0x2C60..=0x2C7F | 0xA722..=0xA7FF | 0xAB30..=0xAB6F | 0xFB00..=0xFB06
                | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Options {
        Options {
            surname: "Doe".into(),
            topic: "widget discovery".into(),
            wg: "dispatch".into(),
            format: Format::Xml,
            title: None,
            abbrev: None,
            fullname: Some("Jane Doe".into()),
            email: Some("jane@example.com".into()),
            org: None,
            category: Category::Info,
            date: NaiveDate::from_ymd_opt(2026, 3, 16),
            today: NaiveDate::from_ymd_opt(2026, 3, 17).unwrap(),
            unversioned: false,
            dir: PathBuf::from("."),
            force: false,
            dry_run: false,
            templates: None,
            ci: None,
        }
    }

    fn no_git(key: &str) -> Option<String> {
        panic!("git config {key} was asked although the flags were given")
    }

    #[test]
    fn names_the_file_after_the_composed_name() {
        let plan = plan(&options(), &no_git).unwrap();
        assert_eq!(
            plan.file.path,
            PathBuf::from("draft-doe-dispatch-widget-discovery-00.xml")
        );
        assert_eq!(plan.notes.len(), 2, "{:?}", plan.notes);
        assert!(plan.notes[0].starts_with("note: surname `Doe` became `doe`"));
        assert!(
            plan.notes[1].starts_with("note: topic `widget discovery` became `widget-discovery`")
        );
        assert!(
            plan.file
                .contents
                .contains("docName=\"draft-doe-dispatch-widget-discovery-00\"")
        );
        assert!(
            plan.file
                .contents
                .contains("<title>Widget Discovery</title>")
        );
        assert!(
            plan.file
                .contents
                .contains(r#"<date year="2026" month="March" day="16"/>"#)
        );
    }

    #[test]
    fn latin_script_is_what_xml2rfc_calls_latin() {
        for name in [
            "Jane Doe",
            "José Müller",
            "Ngô Bảo Châu",
            "O'Brien-Łukasz Jr. 3",
        ] {
            assert!(latin_script(name), "{name}");
        }
        for name in ["李明", "Иван Петров", "Jane Δ", "محمد"] {
            assert!(!latin_script(name), "{name}");
        }
    }

    #[test]
    fn plans_a_workflow_only_with_ci() {
        let plan_without = plan(&options(), &no_git).unwrap();
        assert_eq!(plan_without.workflow, None);
        assert_eq!(
            plan_without.files(),
            std::slice::from_ref(&plan_without.file)
        );
        let mut opts = options();
        opts.ci = Some(ci::Provider::Github);
        let plan = plan(&opts, &no_git).unwrap();
        let workflow = ci::github_workflow(None).unwrap();
        assert_eq!(plan.workflow.as_ref(), Some(&workflow));
        assert_eq!(plan.file, plan_without.file, "the draft does not change");
        assert_eq!(plan.files(), [plan.file.clone(), workflow]);
    }

    #[test]
    fn unversioned_drafts_are_latest() {
        let mut opts = options();
        opts.unversioned = true;
        opts.format = Format::Md;
        let plan = plan(&opts, &no_git).unwrap();
        assert_eq!(
            plan.file.path,
            PathBuf::from("draft-doe-dispatch-widget-discovery.md")
        );
        assert!(
            plan.file
                .contents
                .contains("docname: draft-doe-dispatch-widget-discovery-latest\n")
        );
    }

    #[test]
    fn asks_git_only_for_missing_flags_and_falls_back_to_placeholders() {
        let mut opts = options();
        opts.email = None;
        let asked = std::cell::RefCell::new(Vec::new());
        let git = |key: &str| {
            asked.borrow_mut().push(key.to_owned());
            None
        };
        let plan = plan(&opts, &git).unwrap();
        assert_eq!(*asked.borrow(), ["user.email"]);
        assert!(plan.file.contents.contains(author::PLACEHOLDER_EMAIL));
        assert!(plan.notes.iter().any(|n| n.contains("no `--email`")));

        opts.fullname = None;
        let git = |key: &str| (key == "user.name").then(|| "Ann Author".to_owned());
        let plan = super::plan(&opts, &git).unwrap();
        assert!(plan.file.contents.contains(r#"fullname="Ann Author""#));
    }

    #[test]
    fn markdown_leaves_the_date_to_kramdown_unless_one_is_given() {
        let mut opts = options();
        opts.format = Format::Md;
        let md = plan(&opts, &no_git).unwrap().file.contents;
        assert!(md.contains("\ndate: 2026-03-16\n"), "{md}");
        opts.date = None;
        let md = plan(&opts, &no_git).unwrap().file.contents;
        assert!(md.contains("\ndate:\n"), "{md}");
        opts.format = Format::Xml;
        let xml = plan(&opts, &no_git).unwrap().file.contents;
        assert!(
            xml.contains(r#"<date year="2026" month="March" day="17"/>"#),
            "{xml}"
        );
    }

    #[test]
    fn warns_about_dates_xml2rfc_will_flag() {
        let mut opts = options();
        assert!(
            !plan(&opts, &no_git)
                .unwrap()
                .notes
                .iter()
                .any(|n| n.contains("days"))
        );
        opts.date = NaiveDate::from_ymd_opt(2026, 3, 13);
        let notes = plan(&opts, &no_git).unwrap().notes;
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("warning: the date 2026-03-13 is 4 days before today")),
            "{notes:?}"
        );
    }

    #[test]
    fn refusals_are_name_issues() {
        let mut opts = options();
        opts.surname = "ietf".into();
        let err = plan(&opts, &no_git).unwrap_err();
        assert!(err.downcast_ref::<name::Issue>().is_some(), "{err}");
    }

    #[test]
    fn titles_default_to_the_topic() {
        assert_eq!(
            default_title("widget discovery", "widget-discovery"),
            "Widget Discovery"
        );
        assert_eq!(
            default_title("SIP über QUIC", "sip-uber-quic"),
            "SIP über QUIC"
        );
        assert_eq!(default_title("élan vital", "elan-vital"), "Élan Vital");
    }

    #[test]
    fn abbrevs_fit_page_headers() {
        let title = "A Very Long Title About Widget Discovery in Constrained Networks";
        let a = derive_abbrev(title);
        assert_eq!(a, "A Very Long Title About Widget Discovery");
        assert!(a.chars().count() <= MAX_ABBREV_CHARS);
        let one = "x".repeat(60);
        assert_eq!(derive_abbrev(&one).chars().count(), MAX_ABBREV_CHARS);
        assert_eq!(
            derive_abbrev("Widgets: a Problem Statement for Discovery"),
            "Widgets: a Problem Statement for"
        );
    }

    #[test]
    fn authors_get_ascii_forms_only_when_needed() {
        let a = author_values("José Müller", "j@example.com".into(), String::new());
        assert_eq!((a.initials.as_str(), a.surname.as_str()), ("J.", "Müller"));
        assert_eq!(a.ascii_fullname, "Jose Muller");
        assert_eq!(a.ascii_surname, "Muller");
        assert_eq!(a.ascii_initials, "");
        let a = author_values("Jane Doe", String::new(), String::new());
        assert_eq!(
            (a.ascii_fullname.as_str(), a.ascii_surname.as_str()),
            ("", "")
        );
        let a = author_values("Prince", String::new(), String::new());
        assert_eq!((a.initials.as_str(), a.surname.as_str()), ("", "Prince"));
        let a = author_values("李 四", String::new(), String::new());
        assert_eq!(a.ascii_initials, "L.");
        assert!(a.ascii_fullname.is_ascii() && !a.ascii_fullname.is_empty());
    }
}
