//! The Internet-Draft naming grammar and rules R1–R15, written once.
//!
//! Every command goes through here: `init` builds its name with [`compose`] and refuses what
//! [`check_name`] would reject; `check` applies [`check_name`] to names, file names and the
//! names a draft declares; `bump` and `adopt` compute the next name with [`DraftName`]'s
//! methods. The rules and their sources are in the project's `docs/naming.md`: R1 prefix, R2
//! characters, R3 empty components, R4 components, R5 length, R6 revision syntax, R8 submission
//! file names, R10 stream prefixes, R11 reserved strings, R12 the author component, R13 the
//! group component, R15 status words. (R7 revision sequencing and R9 docName agreement need a
//! tree or a file, and live in `check`; their codes are here so that every code is in one list.)
//!
//! The validator works on bytes, ASCII only and over the whole string, by hand rather than with
//! a regular expression: it must say *where* a name goes wrong, and it is on the hot path of
//! `check --names-from`. A property test holds it to the plain regular-expression form of the
//! grammar.

use std::fmt;
use std::sync::LazyLock;

use crate::groups::{self, Kind};

/// The longest a name may be, without its revision (R5; Datatracker `validate_submission_name`).
pub const MAX_NAME_LEN: usize = 50;

/// Words that imply a status, which a name should not carry (R15).
const STATUS_WORDS: &[&str] = &[
    "standard",
    "proposed",
    "draft",
    "experimental",
    "historic",
    "required",
    "recommended",
    "elective",
    "restricted",
];

/// Second components reserved for organizations (R11), each with the body it belongs to.
/// `rfc` covers `rfc-editor` (the Datatracker maps every `draft-rfc-` name to the IESG).
const RESERVED_BODIES: &[(&str, &str)] = &[
    ("iana", "the IANA"),
    ("iaoc", "the IAOC"),
    ("iesg", "the IESG"),
    ("rfc", "the RFC Editor and the IESG"),
    ("rfced", "the RFC Editor"),
    ("rfceditor", "the RFC Editor"),
];

/// Datatracker group-type slugs (R11): as a second component the Datatracker refuses them
/// ("Internet-Draft names starting with draft-wg- are restricted"). `iab`, `ietf`, `irtf`,
/// `iana` and `iesg` are slugs too, handled as streams and bodies above.
const GROUP_TYPE_SLUGS: &[&str] = &[
    "adhoc", "adm", "ag", "area", "dir", "edappr", "edwg", "iabasg", "individ", "ise", "isoc",
    "nomcom", "program", "rag", "review", "rfcedtyp", "rg", "sdo", "team", "wg",
];

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Guidance: the Datatracker would accept it, but a reviewer may not.
    Warning,
    /// The Datatracker would refuse it, or the IETF would rename it.
    Error,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! codes {
    ($($variant:ident => $code:literal, $rule:literal, $sev:ident, $doc:literal;)*) => {
        /// Every finding newdraft can report. The string codes are stable: CI scripts and the
        /// JSON output depend on them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $doc] $variant,)*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable string form, such as `name/too-long`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The rule of `docs/naming.md` this code enforces, such as `R5`.
            pub fn rule(self) -> &'static str {
                match self { $(Code::$variant => $rule,)* }
            }

            /// Whether this is an error or a warning.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }
        }
    };
}

codes! {
    Empty => "name/empty", "R1", Error, "The name is empty.";
    MissingPrefix => "name/missing-prefix", "R1", Error, "The name does not start with `draft-`.";
    Uppercase => "name/uppercase", "R2", Error, "The name has upper-case letters.";
    NonAscii => "name/non-ascii", "R2", Error, "The name has a character outside ASCII.";
    BadChar => "name/bad-char", "R2", Error, "The name has a character other than `a-z`, `0-9`, `-`.";
    FirstChar => "name/first-char", "R2", Error, "The first character after `draft-` is not a letter.";
    EmptyComponent => "name/empty-component", "R3", Error, "Two hyphens in a row.";
    TrailingHyphen => "name/trailing-hyphen", "R3", Error, "The name ends with a hyphen.";
    TooFewComponents => "name/too-few-components", "R4", Error, "Fewer than three components.";
    MissingSubject => "name/missing-subject", "R4", Error, "A stream name with no subject after the group.";
    TooLong => "name/too-long", "R5", Error, "Over 50 characters without the revision.";
    MissingRevision => "name/missing-revision", "R6", Error, "No `-NN` revision where one is required.";
    BadRevision => "name/bad-revision", "R6", Error, "A revision that is not two digits `00`-`99`.";
    RevisionReused => "revision/reused", "R7", Error, "The same revision twice.";
    FilePath => "file/path", "R8", Error, "A submission file name with a directory part.";
    FileExtension => "file/extension", "R8", Error, "A submission file that is not `.xml` or `.txt`.";
    FileDots => "file/too-many-dots", "R8", Error, "A submission file name with more than one dot.";
    FileBadChar => "file/bad-char", "R8", Error, "A character the Datatracker refuses in an uploaded file's name.";
    DocNameMismatch => "doc/name-mismatch", "R9", Error, "The file name and the document's own name differ.";
    SeriesInfoMismatch => "doc/seriesinfo-mismatch", "R9", Error, "`docName` and `seriesInfo` differ.";
    Unreadable => "file/unreadable", "R0", Error, "A file or directory `check` could not read (the rest is checked; exit status 2).";
    DocNameMissing => "doc/no-docname", "R9", Error, "The document does not declare its name.";
    NotAdopted => "stream/not-adopted", "R10", Error, "A stream name (`draft-ietf-`, …) for a draft nobody adopted.";
    WrongStream => "stream/wrong-stream", "R10", Error, "`draft-ietf-` for a research group, or `draft-irtf-` for a working group.";
    UnknownGroup => "stream/unknown-group", "R10", Warning, "A group missing from newdraft's (partial) snapshot.";
    InactiveGroup => "stream/inactive-group", "R10", Warning, "A group that is not active in newdraft's snapshot.";
    Reserved => "name/reserved", "R11", Error, "A second component reserved for an organization.";
    Restricted => "name/restricted", "R11", Error, "A Datatracker group-type slug as second component.";
    AuthorIsGroup => "name/author-is-group", "R12", Warning, "The author component is a group acronym.";
    WrongGroup => "stream/wrong-group", "R13", Error, "The group component is not the adopting group.";
    IndividualAfterAdoption => "stream/individual-name", "R13", Error, "An adopted draft still under its individual name.";
    StatusWord => "name/status-word", "R15", Warning, "A word that implies a status.";
    // Against the Datatracker's draft index (`src/index/`): checked only when there is one.
    IndexTaken => "index/taken", "R7", Warning, "The name is a posted draft's: someone else's, unless it is yours.";
    IndexSkipped => "index/skipped-revision", "R7", Warning, "The revision skips the one after the latest in the index.";
    IndexNotPosted => "index/not-posted", "R7", Warning, "A name the index does not hold, at a revision other than `-00`.";
    IndexReplaced => "index/replaced", "R7", Warning, "A new revision of a draft the index says was replaced.";
    IndexRfc => "index/rfc", "R7", Warning, "A new revision of a draft the index says became an RFC.";
    IndexExpiresSoon => "index/expires-soon", "R7", Warning, "The latest revision expires within 30 days (185 days after its date).";
    IndexCaseTwin => "index/case-twin", "R14", Error, "A posted legacy name differs from this one only in case.";
    // The submission gate (`check --submission`, `submit`): what the Datatracker refuses or
    // cancels, known before upload (`src/gate.rs`).
    SubmitNoDate => "submit/no-date", "S1", Error, "The document has no date.";
    SubmitDateIncomplete => "submit/date-incomplete", "S1", Error, "A date without its month or day, or not a date.";
    SubmitDateNotToday => "submit/date-not-today", "S1", Error, "The date is more than 3 days from today.";
    SubmitNoTitle => "submit/no-title", "S2", Error, "The document has no title.";
    SubmitNoAbstract => "submit/no-abstract", "S2", Error, "The document has no abstract, or an empty one.";
    SubmitNoAuthors => "submit/no-authors", "S3", Error, "The document names no author.";
    SubmitAuthorName => "submit/author-name", "S3", Error, "An author without a full name.";
    SubmitAuthorEmail => "submit/author-email", "S3", Error, "An author without an email address.";
    SubmitNotAuthor => "submit/not-author", "S3", Error, "The submitter (`submit --user`) is not an author of the draft.";
    SubmitPlaceholder => "submit/placeholder", "S4", Error, "Placeholder text left in: `TODO`, `[FILL IN`, `Your Name`, `you@example.com`.";
    SubmitEmptySection => "submit/empty-section", "S4", Error, "A section with no text and no subsections.";
    SubmitMalformed => "submit/malformed", "S5", Error, "A source that does not parse: XML that is not well-formed, or a front matter that is not YAML.";
    SubmitVersion => "submit/version", "S5", Error, "RFCXML that is not `version=\"3\"` (kramdown-rfc: no `v: 3`).";
    SubmitNotSelfContained => "submit/not-self-contained", "S6", Error, "An `xi:include` or external entity of a local file, which the uploaded XML cannot carry.";
    SubmitRemoteInclude => "submit/remote-include", "S6", Warning, "An `xi:include` or external entity fetched from the network when rendered.";
    SubmitBcp14Boilerplate => "submit/bcp14-boilerplate", "S7", Error, "BCP 14 key words used without the BCP 14 boilerplate.";
    SubmitBcp14Unused => "submit/bcp14-unused", "S7", Warning, "The BCP 14 boilerplate, but no BCP 14 key word used.";
    SubmitBcp14References => "submit/bcp14-references", "S7", Error, "The BCP 14 boilerplate without references to RFC 2119 and RFC 8174.";
    SubmitUnusedReference => "submit/unused-reference", "S8", Warning, "A reference that nothing cites.";
    SubmitUndefinedCitation => "submit/undefined-citation", "S8", Error, "A citation or cross-reference of an anchor the document does not define.";
    SubmitNoSecurity => "submit/no-security", "S9", Error, "No Security Considerations section.";
    SubmitNoIana => "submit/no-iana", "S9", Error, "No IANA Considerations section.";
    // What the Datatracker answered (`submit`).
    SubmitRefused => "submit/refused", "S10", Error, "The Datatracker refused the upload (HTTP 400).";
    SubmitServerError => "submit/server-error", "S10", Error, "The Datatracker failed (HTTP 500 or another status), or did not answer in time.";
    SubmitBadResponse => "submit/bad-response", "S10", Error, "An answer that is not the Datatracker API's JSON.";
    SubmitCancelled => "submit/cancelled", "S10", Error, "The submission was cancelled after upload.";
    // The renderers (`render`).
    RenderError => "render/error", "S11", Error, "xml2rfc, kramdown-rfc or the Author Tools API reported an error.";
    RenderWarning => "render/warning", "S11", Warning, "xml2rfc, kramdown-rfc or the Author Tools API reported a warning.";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing wrong with a name: what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The stable code (which also gives the rule and the severity).
    pub code: Code,
    /// What is wrong, exactly (lower case, names in backticks, no final period).
    pub message: String,
    /// What to type instead, when that can be said.
    pub hint: Option<String>,
}

impl Issue {
    fn new(code: Code, message: impl Into<String>) -> Self {
        Issue {
            code,
            message: message.into(),
            hint: None,
        }
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The severity of the issue's code.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }
}

impl fmt::Display for Issue {
    /// One line: message, rule and code, then the hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (rule {}, {})",
            self.message,
            self.code.rule(),
            self.code
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "; {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Issue {}

/// A revision, `00` to `99`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Revision(u8);

impl Revision {
    /// The first revision of every name.
    pub const FIRST: Revision = Revision(0);

    /// A revision from its number, if it is at most 99.
    pub fn new(n: u8) -> Option<Revision> {
        (n <= 99).then_some(Revision(n))
    }

    /// The number.
    pub fn number(self) -> u8 {
        self.0
    }

    /// The next revision; `None` after 99 (a new name is needed then).
    pub fn next(self) -> Option<Revision> {
        Revision::new(self.0 + 1)
    }
}

impl fmt::Display for Revision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}", self.0)
    }
}

/// The stream a name claims by its second component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// An individual draft: `draft-<author>-…`.
    Individual,
    /// `draft-ietf-<wg>-…`: adopted by an IETF working group.
    Ietf,
    /// `draft-irtf-<rg>-…`: adopted by an IRTF research group.
    Irtf,
    /// `draft-iab-…`: an IAB document.
    Iab,
}

/// A syntactically valid draft name (R1–R6), with its revision if it has one.
///
/// Syntax only: whether the name may be *used* depends on adoption, which [`check_name`]
/// judges with a [`Context`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DraftName {
    name: String,
    revision: Option<Revision>,
}

impl DraftName {
    /// Parse a name, with or without a trailing `-NN` revision, refusing anything that breaks
    /// R1–R6. The first error found is returned; [`check_name`] reports them all.
    pub fn parse(input: &str) -> Result<DraftName, Issue> {
        if let Some(parts) = clean_syntax(input.as_bytes(), false) {
            return Ok(parts.name(input));
        }
        let mut issues = Vec::new();
        let parsed = syntax(input, false, &mut issues);
        match (parsed, issues.into_iter().next()) {
            (Some(name), None) => Ok(name),
            (_, Some(issue)) => Err(issue),
            (None, None) => Err(Issue::new(Code::Empty, "the name is empty")),
        }
    }

    /// The name without its revision (`draft-doe-dispatch-widgets`).
    pub fn as_str(&self) -> &str {
        &self.name
    }

    /// The revision, if the name carried one.
    pub fn revision(&self) -> Option<Revision> {
        self.revision
    }

    /// The same name with another revision.
    #[must_use]
    pub fn with_revision(&self, revision: Revision) -> DraftName {
        DraftName {
            name: self.name.clone(),
            revision: Some(revision),
        }
    }

    /// The same name without a revision.
    #[must_use]
    pub fn without_revision(&self) -> DraftName {
        DraftName {
            name: self.name.clone(),
            revision: None,
        }
    }

    /// `name-NN`, or the bare name when there is no revision.
    pub fn versioned(&self) -> String {
        match self.revision {
            Some(rev) => format!("{}-{rev}", self.name),
            None => self.name.clone(),
        }
    }

    /// The i-d-template working name, `name-latest`.
    pub fn latest(&self) -> String {
        format!("{}-latest", self.name)
    }

    /// The dash-separated components after `draft`.
    pub fn components(&self) -> impl Iterator<Item = &str> {
        self.name.split('-').skip(1)
    }

    /// The second component of the name (`doe` in `draft-doe-dispatch-widgets`).
    pub fn source(&self) -> &str {
        self.components().next().unwrap_or("")
    }

    /// The stream the name claims.
    pub fn stream(&self) -> Stream {
        match self.source() {
            "ietf" => Stream::Ietf,
            "irtf" => Stream::Irtf,
            "iab" => Stream::Iab,
            _ => Stream::Individual,
        }
    }

    /// The group a stream name is attributed to, read the way the Datatracker reads it
    /// (`deduce_group`): a known hyphenated acronym first, else the third component.
    pub fn group(&self) -> Option<&str> {
        match self.stream() {
            Stream::Ietf | Stream::Irtf => stream_group(&self.name, self.source()),
            Stream::Individual | Stream::Iab => None,
        }
    }

    /// The subject of the name: what remains without `draft`, the author (or stream) and the
    /// group components. For an individual name the target group is the third component when
    /// `target_group` says so (`draft-doe-dispatch-widget-discovery` → `widget-discovery`).
    pub fn subject(&self, target_group: Option<&str>) -> Option<&str> {
        let after_source = &self.name["draft-".len() + self.source().len()..];
        let after_source = after_source.strip_prefix('-')?;
        let group = match self.stream() {
            Stream::Ietf | Stream::Irtf => self.group(),
            Stream::Iab => None,
            Stream::Individual => {
                target_group.filter(|g| after_source.split('-').next() == Some(*g))
            }
        };
        let subject = match group {
            Some(g) => after_source.strip_prefix(g)?.strip_prefix('-')?,
            None => after_source,
        };
        (!subject.is_empty()).then_some(subject)
    }
}

/// The group of the stream name `base` (`draft-<stream>-…`, syntactically valid), the way
/// the Datatracker reads it (`deduce_group`): a known hyphenated acronym first, else the
/// third component.
fn stream_group<'a>(base: &'a str, stream: &str) -> Option<&'a str> {
    /// The hyphenated acronyms, picked out of the snapshot once.
    static HYPHENATED: LazyLock<Vec<&'static str>> =
        LazyLock::new(|| groups::hyphenated().map(|g| g.acronym).collect());
    let rest = base.get("draft-".len() + stream.len() + 1..)?;
    for acronym in HYPHENATED.iter() {
        if rest.len() > acronym.len()
            && rest.starts_with(acronym)
            && rest.as_bytes()[acronym.len()] == b'-'
        {
            return Some(&rest[..acronym.len()]);
        }
    }
    rest.split('-').next().filter(|g| !g.is_empty())
}

impl fmt::Display for DraftName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.versioned())
    }
}

impl std::str::FromStr for DraftName {
    type Err = Issue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DraftName::parse(s)
    }
}

/// How an input is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A name: the revision is optional (a trailing `-NN` is the revision when present).
    Name,
    /// A versioned name, as in `docName`: the revision is required.
    Versioned,
    /// A submission file name: versioned name plus `.xml` or `.txt`, nothing else.
    File,
    /// [`Form::File`] when the input has an extension or a directory part, else [`Form::Name`].
    Auto,
}

/// What is known about adoption when a name is judged.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The groups (or bodies: `iab`, `rfc-editor`, …) that have adopted the draft.
    pub adopted_by: &'a [String],
}

/// The verdict on one input: its parsed name when the syntax is valid, and every issue.
#[derive(Debug, Clone, Default)]
pub struct Verdict {
    /// The parsed name, when R1–R6 (and R8 for files) hold.
    pub name: Option<DraftName>,
    /// Every issue found, errors and warnings.
    pub issues: Vec<Issue>,
}

impl Verdict {
    /// Whether any issue is an error.
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| i.severity() == Severity::Error)
    }
}

/// Judge one input against every rule that a name alone can be judged by.
pub fn check_name(input: &str, form: Form, ctx: &Context<'_>) -> Verdict {
    // The common case first: a clean name costs one pass and the one allocation of its name.
    if let Some(parts) = clean(input.as_bytes(), form, ctx) {
        return Verdict {
            name: Some(parts.name(input)),
            issues: Vec::new(),
        };
    }
    full_check(input, form, ctx)
}

/// [`check_name`] the long way: every issue, with its message and hint.
fn full_check(input: &str, form: Form, ctx: &Context<'_>) -> Verdict {
    let mut issues = Vec::new();
    let form = match form {
        Form::Auto if looks_like_file(input) => Form::File,
        Form::Auto => Form::Name,
        f => f,
    };
    let name = match form {
        Form::File => file_syntax(input, &mut issues),
        Form::Versioned => syntax(input, true, &mut issues),
        Form::Name | Form::Auto => syntax(input, false, &mut issues),
    };
    if let Some(name) = &name {
        if issues.is_empty() {
            semantics(name, ctx, &mut issues);
        }
    }
    // A hint that names a name names a valid one: every suggestion passes the rules it is
    // suggested against, or gives way to one made from the whole input that does, or to the
    // general form.
    for issue in &mut issues {
        let Some(suggested) = issue.hint.as_deref().and_then(suggested_name) else {
            continue;
        };
        if !syntax_ok(suggested, form) {
            issue.hint = Some(match repaired(input, form) {
                Some(r) => format!("use `{r}`"),
                None => "names look like `draft-<surname>-<group>-<topic>-00`".to_owned(),
            });
        }
    }
    Verdict { name, issues }
}

/// The name a hint of the form ``use `NAME` `` suggests, when it suggests one.
fn suggested_name(hint: &str) -> Option<&str> {
    let rest = hint.strip_prefix("use `")?;
    let name = &rest[..rest.find('`')?];
    name.get(..6)
        .is_some_and(|p| p.eq_ignore_ascii_case("draft-"))
        .then_some(name)
}

/// Whether `name` passes R1–R6 (and R8 for a file) in `form`.
fn syntax_ok(name: &str, form: Form) -> bool {
    let mut issues = Vec::new();
    let parsed = match form {
        Form::File => file_syntax(name, &mut issues),
        Form::Versioned => syntax(name, true, &mut issues),
        Form::Name | Form::Auto => syntax(name, false, &mut issues),
    };
    parsed.is_some() && issues.iter().all(|i| i.severity() != Severity::Error)
}

/// The whole input made into a valid name of `form`, when that can be done without inventing a
/// component: lower case, other characters as hyphens, `draft-` in front, a revision of two
/// digits (`-1` → `-01`, none → `-00` where one is required), `.xml` or `.txt` for a file.
fn repaired(input: &str, form: Form) -> Option<String> {
    let file = input.rsplit(['/', '\\']).next().unwrap_or(input);
    let (stem, ext) = match form {
        Form::File => match file.rsplit_once('.') {
            Some((stem, e)) if e.eq_ignore_ascii_case("txt") => (stem, "txt"),
            Some((stem, e)) if e.eq_ignore_ascii_case("xml") => (stem, "xml"),
            _ => (file, "xml"),
        },
        _ => (file, ""),
    };
    let mut name = component(stem);
    if !name.starts_with("draft-") {
        name = format!("draft-{name}");
    }
    if matches!(form, Form::File | Form::Versioned) {
        let last = name.rsplit('-').next().unwrap_or("");
        if !last.is_empty() && last.len() <= 2 && last.bytes().all(|b| b.is_ascii_digit()) {
            let n: u8 = last.parse().ok()?;
            name.truncate(name.len() - last.len());
            name.push_str(&Revision::new(n)?.to_string());
        } else {
            name.push_str("-00");
        }
    }
    if !ext.is_empty() {
        name = format!("{name}.{ext}");
    }
    syntax_ok(&name, form).then_some(name)
}

/// Whether [`check_name`] would find nothing at all in `input` (no error, no warning), decided
/// without allocating: one pass over the bytes for R1–R6 (and R8), then plain comparisons for
/// the rules on components. `check` asks this first and builds findings only when it is false.
pub fn is_clean(input: &str, form: Form, ctx: &Context<'_>) -> bool {
    clean(input.as_bytes(), form, ctx).is_some()
}

/// What the fast path learns of a syntactically valid name in its one pass. The slices are
/// ASCII `a-z`, `0-9` and `-`.
struct Parts<'a> {
    /// The name without its revision; it starts the input.
    base: &'a [u8],
    revision: Option<Revision>,
    /// The second component.
    source: &'a [u8],
    /// Whether a component after the source is a status word (R15).
    status_word: bool,
}

impl Parts<'_> {
    /// The parsed name, cut from `input`, the text these parts were found in.
    fn name(&self, input: &str) -> DraftName {
        DraftName {
            name: input[..self.base.len()].to_owned(),
            revision: self.revision,
        }
    }
}

/// The fast path of [`check_name`]: `Some` exactly when it would find no issue. A property test
/// holds the two to each other.
fn clean<'a>(input: &'a [u8], form: Form, ctx: &Context<'_>) -> Option<Parts<'a>> {
    // A clean submission file name is a clean versioned name plus `.xml` or `.txt`: no
    // directory, no other dot (so `Form::Auto` reads anything else as a name, whose characters
    // then include a `.`, `/` or `\\` that makes it unclean either way).
    let (stem, revision_required) = match (form, input) {
        (Form::Versioned, _) => (input, true),
        (
            Form::File | Form::Auto,
            [stem @ .., b'.', b'x', b'm', b'l'] | [stem @ .., b'.', b't', b'x', b't'],
        ) => (stem, true),
        (Form::File, _) => return None,
        (Form::Name | Form::Auto, _) => (input, false),
    };
    let parts = clean_syntax(stem, revision_required)?;
    clean_semantics(&parts, ctx).then_some(parts)
}

/// The hyphens of eight bytes, one bit per byte (bit `i` for byte `i`), and whether any byte is
/// neither a hyphen nor `a-z` or `0-9`.
fn classify(bytes: [u8; 8]) -> (u64, bool) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let word = u64::from_le_bytes(bytes);
    let odd = non_alnum(word);
    // Zero bytes of `word ^ "--------"`, exactly: the hyphens, as high bits.
    let x = word ^ u64::from_le_bytes([b'-'; 8]);
    let hyphens = !(((x & LOW7) + LOW7) | x) & HIGH;
    // Gather the high bits into the top byte, byte `i` to bit `56 + i` (no two products
    // overlap, so nothing carries), then down to bits 0 to 7.
    let bits = (hyphens >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
    (bits, odd & !hyphens != 0)
}

/// The bytes of `word` (eight bytes, little-endian) that are not `a-z` or `0-9`, as the high
/// bit of each such byte: every byte is classified at once, with no carry between bytes
/// (each sum below stays under 0x100 on the low seven bits).
fn non_alnum(word: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const fn splat(b: u8) -> u64 {
        u64::from_le_bytes([b; 8])
    }
    let low = word & LOW7;
    // The high bit of `low + (0x80 - c)` is set exactly when the byte is at least `c`.
    let lower = (low + splat(0x80 - b'a')) & !(low + splat(0x80 - b'z' - 1));
    let digit = (low + splat(0x80 - b'0')) & !(low + splat(0x80 - b'9' - 1));
    !((lower | digit) & !word) & HIGH
}

/// R1–R6 in one pass over the bytes: `Some` exactly when [`syntax`] finds no issue.
fn clean_syntax(stem: &[u8], revision_required: bool) -> Option<Parts<'_>> {
    let (base, revision) = match stem {
        [base @ .., b'-', d1 @ b'0'..=b'9', d2 @ b'0'..=b'9'] => {
            (base, Some(Revision((d1 - b'0') * 10 + (d2 - b'0'))))
        }
        _ if revision_required => return None,
        _ => (stem, None),
    };
    if base.len() > MAX_NAME_LEN {
        return None;
    }
    let rest = base.strip_prefix(b"draft-")?;
    if !rest.first()?.is_ascii_lowercase() {
        return None;
    }
    // Components: letters and digits, one hyphen between two, at least two after `draft`.
    // Eight bytes at a time, into a bit set of hyphen positions (`rest` is at most 44 bytes).
    let n = rest.len();
    let mut hyphens = 0u64;
    let mut other = false;
    let mut at = 0;
    while let Some(word) = rest.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        let (h, o) = classify(*word);
        hyphens |= h << at;
        other |= o;
        at += 8;
    }
    if at < n {
        // The tail: the last eight bytes again (overlap is harmless), or a short name padded.
        let (word, from) = if let Some(word) = rest.last_chunk::<8>() {
            (*word, n - 8)
        } else {
            let mut word = [b'a'; 8];
            word[..n].copy_from_slice(rest);
            (word, 0)
        };
        let (h, o) = classify(word);
        hyphens |= h << from;
        other |= o;
    }
    if other || hyphens == 0 || hyphens & (hyphens >> 1) != 0 || hyphens & (1 << (n - 1)) != 0 {
        // A character outside the alphabet, fewer than three components, an empty component
        // (two hyphens in a row), or a final hyphen.
        return None;
    }
    let source_end = hyphens.trailing_zeros() as usize;
    // Status words among the components after the source, looked at only when a component
    // has the length of one.
    let (lengths, _) = STATUS_WORD_SHAPES;
    let mut status_word = false;
    let mut start = source_end + 1;
    let mut later = hyphens & (hyphens - 1);
    loop {
        let end = if later == 0 {
            n
        } else {
            later.trailing_zeros() as usize
        };
        if (lengths >> (end - start).min(63)) & 1 != 0 {
            status_word |= is_status_word(&rest[start..end]);
        }
        if later == 0 {
            break;
        }
        start = end + 1;
        later &= later - 1;
    }
    Some(Parts {
        base,
        revision,
        source: &rest[..source_end],
        status_word,
    })
}

/// The lengths (as bits) and first letters (as bits from `a`) of the [`STATUS_WORDS`]: most
/// components have neither, and skip the list.
const STATUS_WORD_SHAPES: (u64, u32) = {
    let mut lengths = 0u64;
    let mut firsts = 0u32;
    let mut i = 0;
    while i < STATUS_WORDS.len() {
        let w = STATUS_WORDS[i].as_bytes();
        lengths |= 1 << w.len();
        firsts |= 1 << (w[0] - b'a');
        i += 1;
    }
    (lengths, firsts)
};

/// Whether a component is one of [`STATUS_WORDS`] (R15).
fn is_status_word(component: &[u8]) -> bool {
    let (lengths, firsts) = STATUS_WORD_SHAPES;
    let shaped = match component.first() {
        Some(&c @ b'a'..=b'z') => {
            component.len() < 64
                && lengths & (1 << component.len()) != 0
                && firsts & (1 << (c - b'a')) != 0
        }
        _ => false,
    };
    shaped && STATUS_WORDS.iter().any(|w| w.as_bytes() == component)
}

/// R10–R13 and R15 on a syntactically valid name: `true` exactly when [`semantics`] finds no
/// issue.
fn clean_semantics(p: &Parts<'_>, ctx: &Context<'_>) -> bool {
    let adopted = ctx.adopted_by;
    if !SPECIAL_SOURCES.may_contain(p.source) {
        // Not a stream, a reserved word, a group-type slug nor a group acronym: an individual
        // draft, which only adoption (R13) and status words (R15) can fault.
        return adopted.is_empty() && !p.status_word;
    }
    // Rare from here on: the parts as text (ASCII, so this cannot fail).
    let (Ok(base), Ok(source)) = (std::str::from_utf8(p.base), std::str::from_utf8(p.source))
    else {
        return false;
    };
    if base.starts_with("draft-ietf-trust-") && !has(adopted, "ietf-trust") {
        return false;
    }
    match source {
        "ietf" | "irtf" => !p.status_word && clean_stream_name(base, source, adopted),
        "iab" => !p.status_word && has(adopted, "iab"),
        source => {
            if RESERVED_BODIES.iter().any(|(s, _)| *s == source) {
                return adopted.iter().any(|a| body_matches(a, source));
            }
            if GROUP_TYPE_SLUGS.contains(&source) {
                return false;
            }
            let author_is_group =
                groups::lookup(source).is_some_and(|g| g.kind != Kind::Other && g.is_active());
            adopted.is_empty() && !author_is_group && !p.status_word
        }
    }
}

/// [`stream_name`] without its messages: `true` exactly when it finds no issue.
fn clean_stream_name(base: &str, stream: &str, adopted: &[String]) -> bool {
    if adopted.is_empty() {
        return false;
    }
    let Some(group) = stream_group(base, stream) else {
        return true;
    };
    let after_group = &base["draft-".len() + stream.len() + 1 + group.len()..];
    if after_group.len() < 2 || !has(adopted, group) {
        // No `-<subject>` after the group, or adopted by another group.
        return false;
    }
    let kind = if stream == "ietf" {
        Kind::WorkingGroup
    } else {
        Kind::ResearchGroup
    };
    groups::lookup(group)
        .is_some_and(|g| (g.kind == kind || g.kind == Kind::Other) && g.is_active())
}

/// A cheap, conservative filter over second components: it may say yes to a surname, never no
/// to a stream (`ietf`, `irtf`, `iab`), a reserved word, a group-type slug or a group acronym,
/// so that most individual names skip every table.
static SPECIAL_SOURCES: LazyLock<Bloom> = LazyLock::new(|| {
    let mut bloom = Bloom([0; 64]);
    for s in ["ietf", "irtf", "iab"]
        .into_iter()
        .chain(RESERVED_BODIES.iter().map(|(s, _)| *s))
        .chain(GROUP_TYPE_SLUGS.iter().copied())
        .chain(groups::all().iter().map(|g| g.acronym))
    {
        bloom.insert(s.as_bytes());
    }
    bloom
});

/// A 4,096-bit set of hashed words: first, second and last byte, and length.
struct Bloom([u64; 64]);

impl Bloom {
    fn bit(b: &[u8]) -> usize {
        let key = u32::from(b.first().copied().unwrap_or(0))
            | u32::from(b.get(1).copied().unwrap_or(0)) << 8
            | u32::from(b.last().copied().unwrap_or(0)) << 16
            | (u32::try_from(b.len()).unwrap_or(u32::MAX) & 0xff) << 24;
        (key.wrapping_mul(0x9E37_79B9) >> 20) as usize
    }

    fn insert(&mut self, word: &[u8]) {
        let bit = Bloom::bit(word);
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    fn may_contain(&self, word: &[u8]) -> bool {
        let bit = Bloom::bit(word);
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// An input is read as a file name when it has a directory part or ends in `.<ext>`, where the
/// extension starts with a letter (so `draft-x.00` is a name with a bad dot, not a file).
fn looks_like_file(input: &str) -> bool {
    if input.contains(['/', '\\']) {
        return true;
    }
    // The extension is the letters and digits after the last dot, ending the input or followed
    // by something that is neither a hyphen nor alphanumeric (`.xml`, `.xml;rm`, not `.quic-…`).
    input.rsplit_once('.').is_some_and(|(_, after)| {
        let run = after.bytes().take_while(u8::is_ascii_alphanumeric).count();
        (1..=5).contains(&run)
            && after.as_bytes()[0].is_ascii_alphabetic()
            && after.as_bytes().get(run) != Some(&b'-')
    })
}

/// R8: a submission file name.
fn file_syntax(input: &str, issues: &mut Vec<Issue>) -> Option<DraftName> {
    let base = match input.rfind(['/', '\\']) {
        Some(i) => {
            let base = &input[i + 1..];
            issues.push(
                Issue::new(
                    Code::FilePath,
                    format!(
                        "`{input}` has a directory part; a submission file name is only the file's own name"
                    ),
                )
                .hint(format!("use `{base}`")),
            );
            base
        }
        None => input,
    };
    let forbidden = base
        .char_indices()
        .find(|&(_, c)| matches!(c, '&' | ';' | '*' | '$') || c.is_whitespace());
    if let Some((at, c)) = forbidden {
        issues.push(Issue::new(
            Code::FileBadChar,
            format!(
                "the Datatracker refuses file names with {} (at position {})",
                describe_char(c),
                at + 1
            ),
        ));
    }
    let Some((stem, ext)) = base.split_once('.') else {
        let issue = Issue::new(
            Code::FileExtension,
            format!("`{base}` has no extension; a submission file is `.xml` or `.txt`"),
        );
        issues.push(issue.hint(format!("use `{base}.xml`")));
        return syntax(base, true, issues);
    };
    if ext.contains('.') {
        let last = ext.rsplit('.').next().unwrap_or(ext);
        issues.push(
            Issue::new(
                Code::FileDots,
                format!("`{base}` has more than one dot; a submission file name has exactly one"),
            )
            .hint(format!("use `{stem}.{last}`")),
        );
    } else if ext != "xml" && ext != "txt" {
        let why = match ext {
            "md" | "mkd" | "markdown" => {
                "Markdown is a source format: render it to `.xml` (kramdown-rfc) and upload that"
            }
            "html" | "pdf" => "the Datatracker makes HTML and PDF itself",
            _ => "only `.xml` and `.txt` can be uploaded",
        };
        // The file to upload carries a revision (`draft-x-y.md` is an i-d-template source).
        let upload = match split_revision(stem) {
            (_, Some(_)) => format!("{stem}.xml"),
            (base, None) => format!("{}-00.xml", base.strip_suffix("-latest").unwrap_or(base)),
        };
        issues.push(
            Issue::new(
                Code::FileExtension,
                format!("`.{ext}` is not a submission format ({why})"),
            )
            .hint(format!("use `{upload}`")),
        );
    }
    syntax(stem, true, issues)
}

/// R1–R6 on a name, with the revision required or optional.
fn syntax(input: &str, revision_required: bool, issues: &mut Vec<Issue>) -> Option<DraftName> {
    let start = issues.len();
    if input.is_empty() {
        issues.push(
            Issue::new(Code::Empty, "the name is empty")
                .hint("names look like `draft-<surname>-<group>-<topic>-00`"),
        );
        return None;
    }
    let bytes = input.as_bytes();
    if !bytes.starts_with(b"draft-") {
        let issue = Issue::new(
            Code::MissingPrefix,
            format!("`{}` does not start with `draft-`", printable(input)),
        );
        let candidate = prefix_fix(input);
        issues.push(match candidate {
            Some(fixed) => issue.hint(format!("use `{fixed}`")),
            None => issue.hint("every Internet-Draft name starts with `draft-`"),
        });
        return None;
    }

    // R2: characters. Report the first offending character of each kind, with its position.
    let mut upper = None;
    let mut non_ascii = None;
    let mut bad = None;
    for (at, c) in input.char_indices() {
        match c {
            'a'..='z' | '0'..='9' | '-' => {}
            'A'..='Z' => {
                upper.get_or_insert((at, c));
            }
            c if !c.is_ascii() => {
                non_ascii.get_or_insert((at, c));
            }
            c => {
                bad.get_or_insert((at, c));
            }
        }
    }
    // Computed only when an issue needs it: valid names are the hot path of `check`.
    let fix_hint = |issue: Issue| match normalize_name(input) {
        Some(f) if f != input => issue.hint(format!("use `{f}`")),
        _ => issue,
    };
    if let Some((at, c)) = upper {
        issues.push(fix_hint(Issue::new(
            Code::Uppercase,
            format!(
                "`{}` has an upper-case letter `{c}` at position {}; names are lower case",
                printable(input),
                char_pos(input, at)
            ),
        )));
    }
    if let Some((at, c)) = non_ascii {
        issues.push(fix_hint(Issue::new(
            Code::NonAscii,
            format!(
                "`{}` has {} at position {}; names use ASCII `a-z`, `0-9` and `-` only",
                printable(input),
                describe_char(c),
                char_pos(input, at)
            ),
        )));
    }
    if let Some((at, c)) = bad {
        let mut msg = format!(
            "`{}` has {} at position {}; names use `a-z`, `0-9` and `-` only",
            printable(input),
            describe_char(c),
            char_pos(input, at)
        );
        if c == '.' {
            msg.push_str(" (is a file extension or a revision written with a dot?)");
        }
        issues.push(fix_hint(Issue::new(Code::BadChar, msg)));
    }
    let charset_ok = issues.len() == start;

    // Split off the revision: the last `-NN` (two ASCII digits) is always the revision.
    let (name, revision) = split_revision(input);

    if charset_ok {
        let after = &name.as_bytes()["draft-".len().min(name.len())..];
        match after.first() {
            None => {
                issues.push(
                    Issue::new(Code::TooFewComponents, format!("`{input}` has nothing after `draft-`"))
                        .hint("names look like `draft-<surname>-<group>-<topic>-00`"),
                );
                return None;
            }
            Some(b'-') => {}
            Some(b) if !b.is_ascii_lowercase() => issues.push(Issue::new(
                Code::FirstChar,
                format!(
                    "`{input}` has `{}` right after `draft-`; the first character there must be a letter",
                    char::from(*b)
                ),
            ).hint("start with your surname: `draft-<surname>-…`")),
            Some(_) => {}
        }
        if let Some(at) = input.find("--") {
            issues.push(fix_hint(Issue::new(
                Code::EmptyComponent,
                format!(
                    "`{input}` has two hyphens in a row at position {}; components may not be empty",
                    at + 1
                ),
            )));
        } else if input.ends_with('-') {
            issues.push(fix_hint(Issue::new(
                Code::TrailingHyphen,
                format!("`{input}` ends with a hyphen"),
            )));
        } else if name.ends_with('-') || name.as_bytes().get("draft-".len()) == Some(&b'-') {
            // `draft-x--00` is caught above; this is `draft--x`.
            issues.push(fix_hint(Issue::new(
                Code::EmptyComponent,
                format!("`{input}` has an empty component"),
            )));
        }
    }

    // R6: the revision.
    if revision.is_none() && charset_ok {
        let last = input.rsplit('-').next().unwrap_or("");
        let all_digits = !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit());
        if all_digits && revision_required {
            let msg = if last.len() > 2 && last.parse::<u32>().is_ok_and(|n| n > 99) {
                format!(
                    "`-{last}` is not a revision: revisions stop at 99, after which a new name is needed"
                )
            } else {
                format!(
                    "`-{last}` is not a revision: a revision is exactly two digits, `00` to `99`"
                )
            };
            let base = &input[..input.len() - last.len() - 1];
            let issue = Issue::new(Code::BadRevision, msg);
            issues.push(match last.parse::<u32>() {
                Ok(n) if n <= 99 => issue.hint(format!("use `{base}-{n:02}`")),
                _ => issue,
            });
        } else if revision_required {
            issues.push(
                Issue::new(
                    Code::MissingRevision,
                    format!("`{input}` has no revision; a document name ends in `-NN`, from `-00`"),
                )
                .hint(format!("use `{input}-00` for a first version")),
            );
        }
    }

    // R4: at least three components in the name without its revision.
    if charset_ok && issues.len() == start {
        let components = name.split('-').count();
        if components < 3 {
            issues.push(
                Issue::new(
                    Code::TooFewComponents,
                    format!(
                        "`{name}` has {components} components; a name needs at least three: `draft-<source>-<subject>`"
                    ),
                )
                .hint(format!("add a subject: `{name}-<subject>`")),
            );
        }
    }

    // R5: length, independent of the other rules.
    if name.len() > MAX_NAME_LEN {
        let over = name.len() - MAX_NAME_LEN;
        let issue = Issue::new(
            Code::TooLong,
            format!(
                "`{}` is {} characters long without its revision, {over} more than the {MAX_NAME_LEN} allowed",
                printable(name),
                name.chars().count()
            ),
        );
        issues.push(match shorten(name) {
            Some(short) => issue.hint(format!("shorten the subject, e.g. `{short}`")),
            None => issue.hint("shorten the subject"),
        });
    }

    (issues.len() == start).then(|| DraftName {
        name: name.to_owned(),
        revision,
    })
}

/// Split `name-NN` into name and revision; anything else has no revision.
fn split_revision(input: &str) -> (&str, Option<Revision>) {
    let b = input.as_bytes();
    let n = b.len();
    if n >= 3 && b[n - 3] == b'-' && b[n - 2].is_ascii_digit() && b[n - 1].is_ascii_digit() {
        let rev = (b[n - 2] - b'0') * 10 + (b[n - 1] - b'0');
        (&input[..n - 3], Revision::new(rev))
    } else {
        (input, None)
    }
}

/// R10–R13, R15 on a syntactically valid name.
fn semantics(name: &DraftName, ctx: &Context<'_>, issues: &mut Vec<Issue>) {
    let source = name.source();
    let base = name.as_str();
    let adopted = ctx.adopted_by;

    if base.starts_with("draft-ietf-trust-") && !has(adopted, "ietf-trust") {
        issues.push(Issue::new(
            Code::Reserved,
            format!("`{base}` starts with `draft-ietf-trust-`, reserved for the IETF Trust"),
        ));
        return;
    }

    match name.stream() {
        Stream::Ietf | Stream::Irtf => stream_name(name, adopted, issues),
        Stream::Iab => {
            if !has(adopted, "iab") {
                issues.push(
                    Issue::new(
                        Code::NotAdopted,
                        format!(
                            "`{base}` starts with `draft-iab-`, which is only for IAB documents"
                        ),
                    )
                    .hint(format!(
                        "use your own name: `draft-<surname>-{}`",
                        name.subject(None).unwrap_or("<subject>")
                    )),
                );
            }
        }
        Stream::Individual => {
            if let Some(&(_, body)) = RESERVED_BODIES.iter().find(|(s, _)| *s == source) {
                let allowed = adopted.iter().any(|a| body_matches(a, source));
                if !allowed {
                    issues.push(
                        Issue::new(
                            Code::Reserved,
                            format!("the second component `{source}` is reserved for {body}"),
                        )
                        .hint(format!(
                            "use your surname: `draft-<surname>-{}`",
                            rest_after_source(base)
                        )),
                    );
                }
                return;
            }
            if GROUP_TYPE_SLUGS.contains(&source) {
                issues.push(
                    Issue::new(
                        Code::Restricted,
                        format!(
                            "names starting `draft-{source}-` are restricted by the Datatracker (`{source}` is a kind of group, not an author)"
                        ),
                    )
                    .hint(format!("use your surname: `draft-<surname>-{}`", rest_after_source(base))),
                );
                return;
            }
            individual_name(name, adopted, issues);
        }
    }
    status_words(name, issues);
}

/// `draft-ietf-<wg>-…` and `draft-irtf-<rg>-…`.
fn stream_name(name: &DraftName, adopted: &[String], issues: &mut Vec<Issue>) {
    let base = name.as_str();
    let stream = name.source();
    let Some(group) = name.group() else { return };
    let subject = name.subject(None);
    let kind = if stream == "ietf" {
        Kind::WorkingGroup
    } else {
        Kind::ResearchGroup
    };
    if subject.is_none() {
        issues.push(
            Issue::new(
                Code::MissingSubject,
                format!("`{base}` has no subject after the group `{group}`"),
            )
            .hint(format!("use `draft-{stream}-{group}-<subject>`")),
        );
        return;
    }
    let subject = subject.unwrap_or_default();
    if adopted.is_empty() {
        let path = if stream == "ietf" {
            "working group"
        } else {
            "research group"
        };
        issues.push(
            Issue::new(
                Code::NotAdopted,
                format!(
                    "`draft-{stream}-` names are only for drafts a {path} has adopted, and nothing says `{group}` adopted this one"
                ),
            )
            .hint(format!(
                "until adoption use `draft-<surname>-{group}-{subject}`; once `{group}` adopts it, post `draft-{stream}-{group}-{subject}-00` and record it (`newdraft adopt`, or `--adopted-by {group}`)"
            )),
        );
        return;
    }
    if !has(adopted, group) {
        let by = adopted[0].as_str();
        let by_stream = groups::lookup(by)
            .and_then(|g| g.kind.stream())
            .unwrap_or(stream);
        issues.push(
            Issue::new(
                Code::WrongGroup,
                format!("`{base}` names the group `{group}`, but the draft was adopted by `{by}`"),
            )
            .hint(format!("use `draft-{by_stream}-{by}-{subject}`")),
        );
        return;
    }
    match groups::lookup(group) {
        Some(g) if g.kind != kind && g.kind != Kind::Other => {
            let right = g.kind.stream().unwrap_or(stream);
            issues.push(
                Issue::new(
                    Code::WrongStream,
                    format!(
                        "`{group}` is an {} {} ({}), so its drafts are `draft-{right}-{group}-…`, not `draft-{stream}-…`",
                        if right == "irtf" { "IRTF" } else { "IETF" },
                        g.kind.describe(),
                        g.name
                    ),
                )
                .hint(format!("use `draft-{right}-{group}-{subject}`")),
            );
        }
        _ => issues.extend(group_standing(
            group,
            "; the Datatracker takes new drafts only for active groups",
            "; the Datatracker refuses a group that does not exist",
            "",
        )),
    }
}

/// A warning when `acronym` is not an active group in the snapshot: inactive (with `inactive`
/// appended to the message), or missing (with `unknown` appended, and "did you mean" when a
/// close acronym exists, written as `{suggest}{acronym}`).
fn group_standing(acronym: &str, inactive: &str, unknown: &str, suggest: &str) -> Option<Issue> {
    match groups::lookup(acronym) {
        Some(g) if !g.is_active() => Some(Issue::new(
            Code::InactiveGroup,
            format!(
                "`{acronym}` is {} in newdraft's group list (dated {}){inactive}",
                g.state,
                groups::date()
            ),
        )),
        Some(_) => None,
        None => {
            let issue = Issue::new(
                Code::UnknownGroup,
                format!(
                    "`{acronym}` is not in newdraft's group list (partial, dated {}){unknown}",
                    groups::date()
                ),
            );
            Some(match groups::did_you_mean(acronym) {
                Some(g) => issue.hint(format!(
                    "did you mean `{suggest}{}` ({})?",
                    g.acronym, g.name
                )),
                None => issue,
            })
        }
    }
}

/// `draft-<author>-…`: fine on its own, wrong once a group adopted it (R13), and suspicious
/// when the author component is a group acronym (R12).
fn individual_name(name: &DraftName, adopted: &[String], issues: &mut Vec<Issue>) {
    let base = name.as_str();
    let source = name.source();
    if let Some(by) = adopted.first().map(String::as_str) {
        let by_group = groups::lookup(by);
        let stream = by_group.and_then(|g| g.kind.stream());
        let subject = adoption_subject(name, by, &[], None);
        let subject = subject.as_deref().unwrap_or("<subject>");
        // `draft-ietf-`/`draft-irtf-` are the same length: past the limit, a shorter subject.
        let subject = if format!("draft-ietf-{by}-{subject}").len() > MAX_NAME_LEN {
            "<shorter subject>"
        } else {
            subject
        };
        let issue = Issue::new(
            Code::IndividualAfterAdoption,
            format!(
                "`{base}` is an individual name, but the draft was adopted by `{by}`; an adopted draft is posted under a new name"
            ),
        );
        issues.push(match stream {
            Some(s) => issue.hint(format!(
                "post `draft-{s}-{by}-{subject}-00`, replacing `{base}` (`newdraft adopt` does it)"
            )),
            None if by == "iab" => issue.hint(format!("post `draft-iab-{subject}-00`")),
            None => issue.hint(format!(
                "post `draft-ietf-{by}-{subject}-00` (or `draft-irtf-…` for a research group), replacing `{base}`"
            )),
        });
        return;
    }
    if let Some(g) = groups::lookup(source) {
        if g.kind != Kind::Other && g.is_active() {
            issues.push(
                Issue::new(
                    Code::AuthorIsGroup,
                    format!(
                        "the second component `{source}` is the acronym of the {} {}; it should be the author's surname",
                        g.name,
                        g.kind.describe()
                    ),
                )
                .hint(format!("use `draft-<surname>-{source}-{}`", rest_after_source(base))),
            );
        }
    }
}

/// R15: no words that imply a status.
fn status_words(name: &DraftName, issues: &mut Vec<Issue>) {
    if let Some(word) = name.components().skip(1).find(|c| STATUS_WORDS.contains(c)) {
        issues.push(Issue::new(
            Code::StatusWord,
            format!(
                "the name contains `{word}`, which implies a status; the IETF asks names not to (\"Standard\", \"Proposed\", \"Draft\", …)"
            ),
        ));
    }
}

/// Whether `adopted` names `group`.
fn has(adopted: &[String], group: &str) -> bool {
    adopted.iter().any(|a| a == group)
}

/// Whether `--adopted-by a` covers the reserved second component `source`.
fn body_matches(adopted: &str, source: &str) -> bool {
    adopted == source
        || (matches!(adopted, "rfc-editor" | "rfced" | "rfceditor")
            && matches!(source, "rfc" | "rfced" | "rfceditor"))
}

/// What follows `draft-<source>-`.
fn rest_after_source(base: &str) -> &str {
    let after = &base["draft-".len()..];
    after.split_once('-').map_or("", |(_, r)| r)
}

/// A name shortened to 50 characters by dropping trailing subject components, or cutting the
/// last one; `None` when nothing sensible remains.
fn shorten(name: &str) -> Option<String> {
    if !name.is_ascii() {
        return None;
    }
    // The longest prefix of at least four components that fits, found in one pass over the
    // components (rejoining them after each drop was quadratic in the number of hyphens: a
    // hostile `docName` of thousands of components took seconds).
    let mut end = 0;
    for (i, part) in name.split('-').enumerate() {
        let next = if i == 0 {
            part.len()
        } else {
            end + 1 + part.len()
        };
        if i >= 4 && next > MAX_NAME_LEN {
            break;
        }
        end = next;
    }
    let mut out = name[..end].to_owned();
    if out.len() > MAX_NAME_LEN {
        out.truncate(MAX_NAME_LEN);
        let trimmed = out.trim_end_matches('-').len();
        out.truncate(trimmed);
    }
    // A stream name keeps its group and a subject: `draft-ietf-<group>-<subject>`.
    let min = if out.starts_with("draft-ietf-") || out.starts_with("draft-irtf-") {
        4
    } else {
        3
    };
    (out.split('-').count() >= min).then_some(out)
}

/// A name with `draft-` put in front, when that makes a name (`smith-x-00` → `draft-smith-x-00`).
fn prefix_fix(input: &str) -> Option<String> {
    let lower = input.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("draft-")
        .or_else(|| lower.strip_prefix("draft_"))
        .or_else(|| lower.strip_prefix("draft"))
        .unwrap_or(&lower);
    let candidate = normalize_name(&format!("draft-{}", rest.trim_start_matches(['-', '_'])))?;
    let mut scratch = Vec::new();
    syntax(&candidate, false, &mut scratch).map(|_| candidate)
}

/// A best-effort corrected name: lower case, ASCII, other characters as hyphens, no empty
/// components. `None` when nothing valid comes out.
fn normalize_name(input: &str) -> Option<String> {
    let trimmed = input.trim();
    let (stem, rev) = match trimmed.rsplit_once('.') {
        // `draft-x.00`: a revision written with a dot
        Some((s, r)) if r.len() == 2 && r.bytes().all(|b| b.is_ascii_digit()) => (s, Some(r)),
        _ => (trimmed, None),
    };
    let mut out = component(stem);
    if let Some(r) = rev {
        out.push('-');
        out.push_str(r);
    }
    let ok = out.starts_with("draft-") && out.len() > "draft-".len();
    ok.then_some(out)
}

/// What an adopted name keeps of an individual draft's name: the subject after its author and
/// after the group it was aimed at. `check --adopted-by` suggests it and `adopt` writes it, so
/// both say the same name.
///
/// - The author is the whole surname: the longest of `authors` (the draft's authors' full
///   names, when it is known) whose trailing words, as a name component, start the name
///   (`draft-van-der-berg-…` for "Jan van der Berg"); else the second component.
/// - The target group is a hyphenated group acronym that follows, or the next component when
///   it is `wg`, a known working or research group, or `workgroup` (the draft's own).
pub fn adoption_subject(
    old: &DraftName,
    wg: &str,
    authors: &[String],
    workgroup: Option<&str>,
) -> Option<String> {
    adoption_parts(old, wg, authors, workgroup).map(|(_, subject)| subject.to_owned())
}

/// [`adoption_subject`], with the target group it dropped (`dispatch` in
/// `draft-van-der-berg-dispatch-widgets`), when there was one.
pub fn adoption_parts<'n>(
    old: &'n DraftName,
    wg: &str,
    authors: &[String],
    workgroup: Option<&str>,
) -> Option<(Option<&'n str>, &'n str)> {
    let rest = old.as_str().strip_prefix("draft-")?;
    let mut author_len = rest.find('-')?;
    for full in authors {
        let words: Vec<&str> = full.split_whitespace().collect();
        for start in 0..words.len() {
            let surname = component(&words[start..].join(" "));
            if !surname.is_empty()
                && surname.len() > author_len
                && rest.len() > surname.len()
                && rest.starts_with(&surname)
                && rest.as_bytes()[surname.len()] == b'-'
            {
                author_len = surname.len();
            }
        }
    }
    // A surname of several words that the authors do not tell (`draft-van-der-berg-dispatch-…`
    // written by someone whose git name is another): the DISPATCH path's names are
    // `draft-<surname>-<…dispatch>-<topic>`, so a dispatch group (or the draft's own workgroup)
    // a little further on ends the surname.
    if author_len == rest.find('-').unwrap_or(0) {
        let mut at = author_len;
        for _ in 0..3 {
            let Some(next) = rest[at + 1..].find('-').map(|i| at + 1 + i) else {
                break;
            };
            let word = &rest[at + 1..next];
            if word.ends_with("dispatch") || workgroup.is_some_and(|w| component(w) == word) {
                author_len = at;
                break;
            }
            at = next;
        }
    }
    let after = &rest[author_len + 1..];
    let strip = |prefix: &str| {
        after
            .strip_prefix(prefix)
            .and_then(|r| r.strip_prefix('-'))
            .filter(|r| !r.is_empty())
    };
    let (target, subject) = groups::hyphenated()
        .find_map(|g| strip(g.acronym).map(|s| (Some(&after[..g.acronym.len()]), s)))
        .or_else(|| {
            let third = after.split('-').next()?;
            let known = third == wg
                || groups::lookup(third).is_some_and(|g| g.kind != Kind::Other)
                || workgroup.is_some_and(|w| component(w) == third);
            if known {
                strip(third).map(|s| (Some(&after[..third.len()]), s))
            } else {
                None
            }
        })
        .unwrap_or((None, after));
    (!subject.is_empty()).then_some((target, subject))
}

/// Make a name component out of free text: transliterate to ASCII, lower-case, turn every run
/// of other characters into one hyphen, drop apostrophes, trim hyphens.
///
/// `Müller` → `muller`, `José` → `jose`, `O'Brien` → `obrien`, `Widget Discovery` →
/// `widget-discovery`, `rfc 9000bis` → `rfc-9000bis`.
pub fn component(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    let mut pending_hyphen = false;
    for c in ascii.chars() {
        match c {
            'a'..='z' | '0'..='9' => {
                if pending_hyphen && !out.is_empty() {
                    out.push('-');
                }
                pending_hyphen = false;
                out.push(c);
            }
            'A'..='Z' => {
                if pending_hyphen && !out.is_empty() {
                    out.push('-');
                }
                pending_hyphen = false;
                out.push(c.to_ascii_lowercase());
            }
            '\'' | '`' => {}
            _ => pending_hyphen = true,
        }
    }
    out
}

/// A change `compose` made to what the user typed, to say on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjustment {
    /// Which input: `surname`, `topic` or `--wg`.
    pub what: &'static str,
    /// As typed.
    pub from: String,
    /// As used.
    pub to: String,
}

impl fmt::Display for Adjustment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} `{}` became `{}` (names use lower-case ASCII letters, digits and hyphens)",
            self.what, self.from, self.to
        )
    }
}

/// A name made from what the user typed, with what was changed on the way and any warnings.
#[derive(Debug, Clone)]
pub struct Composed {
    /// `draft-<surname>-<wg>-<topic>` (no revision).
    pub name: DraftName,
    /// The surname component.
    pub surname: String,
    /// The group acronym.
    pub wg: String,
    /// The topic components.
    pub topic: String,
    /// The changes made to the input, to report.
    pub adjustments: Vec<Adjustment>,
    /// Warnings about the result (R12, R15, an unknown group).
    pub warnings: Vec<Issue>,
}

/// Build `draft-<surname>-<wg>-<topic>` for `init`, refusing (with the first error, rule, and
/// a fix) anything that `check` would reject in an individual draft.
pub fn compose(surname: &str, wg: &str, topic: &str) -> Result<Composed, Issue> {
    let mut adjustments = Vec::new();
    let mut warnings = Vec::new();

    let s = component(surname);
    if s.is_empty() {
        return Err(Issue::new(
            Code::Empty,
            format!(
                "the surname `{surname}` has no letters or digits to make a name component from"
            ),
        )
        .hint("give your surname, e.g. `newdraft init doe \"widget discovery\"`"));
    }
    if s != surname {
        adjustments.push(Adjustment {
            what: "surname",
            from: surname.to_owned(),
            to: s.clone(),
        });
    }
    let first = s.split('-').next().unwrap_or("");
    let stream_hint = format!(
        "use your own surname, e.g. `newdraft init doe \"{topic}\"`; the name changes to `draft-ietf-<wg>-…` only after a group adopts the draft (`newdraft adopt`)"
    );
    if matches!(first, "ietf" | "irtf" | "iab") {
        return Err(Issue::new(
            Code::NotAdopted,
            format!("the surname `{s}` would make a `draft-{first}-` name, which is only for drafts a group has adopted"),
        )
        .hint(stream_hint));
    }
    if let Some(&(res, body)) = RESERVED_BODIES.iter().find(|(r, _)| *r == first) {
        return Err(Issue::new(
            Code::Reserved,
            format!("the surname `{s}` would make a `draft-{res}-` name, reserved for {body}"),
        )
        .hint(stream_hint));
    }
    if GROUP_TYPE_SLUGS.contains(&first) {
        return Err(Issue::new(
            Code::Restricted,
            format!("the surname `{s}` would make a `draft-{first}-` name, which the Datatracker restricts (`{first}` is a kind of group)"),
        )
        .hint(stream_hint));
    }
    if !s.as_bytes()[0].is_ascii_lowercase() {
        return Err(Issue::new(
            Code::FirstChar,
            format!("the surname `{s}` starts with a digit; the first character after `draft-` must be a letter"),
        )
        .hint("give your surname as the first argument"));
    }

    // The one acronym grammar (`groups::Acronym`), and no stream or body as a target group.
    let acronym = groups::Acronym::parse("--wg", wg).map_err(|e| {
        Issue::new(Code::BadChar, e.to_string())
            .hint("give the target group's acronym, e.g. `--wg dispatch` or `--wg secdispatch`")
    })?;
    let role = acronym.role();
    let w = acronym.as_str().to_owned();
    if role == groups::Role::Body {
        return Err(Issue::new(
            Code::Reserved,
            format!("`{w}` is not a group that takes drafts; `--wg` names the working group the draft is aimed at"),
        )
        .hint("e.g. `--wg dispatch`"));
    }
    if w != wg {
        adjustments.push(Adjustment {
            what: "--wg",
            from: wg.to_owned(),
            to: w.clone(),
        });
    }
    match role {
        groups::Role::Other(g) => warnings.push(Issue::new(
            Code::UnknownGroup,
            format!("`{w}` ({}) is not a working or research group", g.name),
        )),
        _ => warnings.extend(group_standing(&w, "", "", "--wg ")),
    }

    let t = component(topic);
    if t.is_empty() {
        return Err(Issue::new(
            Code::Empty,
            format!("the topic `{topic}` has no letters or digits to make a name component from"),
        )
        .hint("describe the topic in a few words, e.g. `\"widget discovery\"`"));
    }
    if t != topic {
        adjustments.push(Adjustment {
            what: "topic",
            from: topic.to_owned(),
            to: t.clone(),
        });
    }

    let text = format!("draft-{s}-{w}-{t}");
    let prefix_len = text.len() - t.len();
    let mut issues = Vec::new();
    let parsed = syntax(&text, false, &mut issues);
    if let Some(mut issue) = issues.into_iter().next() {
        if issue.code == Code::TooLong {
            let room = MAX_NAME_LEN.saturating_sub(prefix_len);
            let short = shorten_topic(&t, room);
            issue.hint = Some(if short.is_empty() {
                "the surname and group leave no room for a topic; use a shorter surname or `--wg`"
                    .to_owned()
            } else {
                format!("use a topic of at most {room} characters, e.g. `\"{short}\"`")
            });
        }
        return Err(issue);
    }
    let Some(name) = parsed else {
        return Err(Issue::new(
            Code::Empty,
            format!("`{text}` is not a valid name"),
        ));
    };
    if name.revision().is_some() {
        // `topic` ended in two digits, which would be read as a revision (R6).
        return Err(Issue::new(
            Code::BadRevision,
            format!(
                "the topic `{t}` ends in `-{}`, which would be read as a revision",
                &t[t.len() - 2..]
            ),
        )
        .hint(format!(
            "join the number to a word, e.g. `\"{}\"`",
            t.replace('-', "")
        )));
    }
    let mut scratch = Vec::new();
    semantics(&name, &Context::default(), &mut scratch);
    if let Some(err) = scratch.iter().find(|i| i.severity() == Severity::Error) {
        return Err(err.clone());
    }
    warnings.extend(scratch);
    Ok(Composed {
        name,
        surname: s,
        wg: w,
        topic: t,
        adjustments,
        warnings,
    })
}

/// The longest prefix of a topic's components that fits in `room` characters.
fn shorten_topic(topic: &str, room: usize) -> String {
    let mut out = String::new();
    for part in topic.split('-') {
        let extra = if out.is_empty() {
            part.len()
        } else {
            part.len() + 1
        };
        if out.len() + extra > room {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(part);
    }
    if out.is_empty() && room > 0 {
        out = topic.chars().take(room).collect();
        let trimmed = out.trim_end_matches('-').len();
        out.truncate(trimmed);
    }
    out
}

/// 1-based character position of a byte offset.
fn char_pos(s: &str, byte: usize) -> usize {
    s[..byte].chars().count() + 1
}

/// A name safe to print inside backticks on one line: control characters escaped.
fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    crate::text::escape(s)
}

/// `a space`, `` `_` (U+005F) ``, …
fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        '\t' => "a tab".to_owned(),
        c if c.is_whitespace() || c.is_control() => format!("the character U+{:04X}", c as u32),
        c => format!("`{c}` (U+{:04X})", c as u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(input: &str, adopted: &[&str]) -> Verdict {
        let adopted: Vec<String> = adopted.iter().map(|s| (*s).to_owned()).collect();
        check_name(
            input,
            Form::Auto,
            &Context {
                adopted_by: &adopted,
            },
        )
    }

    #[track_caller]
    fn ok(input: &str, adopted: &[&str]) {
        let v = verdict(input, adopted);
        assert!(v.issues.is_empty(), "{input}: {:?}", v.issues);
    }

    #[track_caller]
    fn rejects(input: &str, adopted: &[&str], code: Code) {
        let v = verdict(input, adopted);
        assert!(
            v.issues.iter().any(|i| i.code == code),
            "{input}: expected {code}, got {:?}",
            v.issues
        );
    }

    #[test]
    fn accepts_valid_names() {
        ok("draft-smith-quic-multipath", &[]);
        ok("draft-smith-quic-multipath-00", &[]);
        ok("draft-smith-quic-multipath-99", &[]);
        ok("draft-a-b", &[]);
        ok("draft-smith-6man-segment-routing-00", &[]);
        ok("draft-smith-quic-multipath-00.xml", &[]);
        ok("draft-ietf-quic-multipath-00", &["quic"]);
        ok("draft-irtf-cfrg-hybrid-kem-00", &["cfrg"]);
    }

    #[test]
    fn splits_only_a_two_digit_revision() {
        let n = DraftName::parse("draft-smith-foo-12-00").unwrap();
        assert_eq!(n.as_str(), "draft-smith-foo-12");
        assert_eq!(n.revision(), Revision::new(0));
        let n = DraftName::parse("draft-smith-foo-100").unwrap();
        assert_eq!(n.as_str(), "draft-smith-foo-100");
        assert_eq!(n.revision(), None);
    }

    #[test]
    fn rejects_each_syntax_rule() {
        rejects("", &[], Code::Empty);
        rejects("smith-quic-00", &[], Code::MissingPrefix);
        rejects("draft-Smith-quic-00", &[], Code::Uppercase);
        rejects("draft-müller-quic-00", &[], Code::NonAscii);
        rejects("draft-smith-quic-multipath-٠١", &[], Code::NonAscii);
        rejects("draft-smith_quic-00", &[], Code::BadChar);
        rejects("draft-2smith-quic-00", &[], Code::FirstChar);
        rejects("draft-smith--quic-00", &[], Code::EmptyComponent);
        rejects("draft--smith-quic-00", &[], Code::EmptyComponent);
        rejects("draft-smith-quic-", &[], Code::TrailingHyphen);
        rejects("draft-smith-quic--00", &[], Code::EmptyComponent);
        rejects("draft-smith-00", &[], Code::TooFewComponents);
        rejects("draft-", &[], Code::TooFewComponents);
        rejects(
            "draft-smith-abcdefghijabcdefghijabcdefghijabcdefghx",
            &[],
            Code::TooLong,
        );
        rejects("draft-smith-quic.xml", &[], Code::MissingRevision);
        rejects("draft-smith-quic-1.xml", &[], Code::BadRevision);
        rejects("draft-smith-quic-100.xml", &[], Code::BadRevision);
        rejects("draft-smith-quic-00.md", &[], Code::FileExtension);
        rejects("draft-smith-quic-00.txt.xml", &[], Code::FileDots);
        rejects("drafts/draft-smith-quic-00.xml", &[], Code::FilePath);
        rejects("draft-smith-quic-00.xml;rm", &[], Code::FileBadChar);
    }

    #[test]
    fn a_hint_that_names_a_fix_names_a_valid_one() {
        // `use X` / `e.g. X` in a hint: X must itself pass (as a name, or a file name).
        for (input, code) in [
            ("draft-smith-quic-multipath.md", Code::FileExtension),
            (
                "draft-ietf-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-b-00",
                Code::TooLong,
            ),
        ] {
            let v = verdict(input, &[]);
            let issue = v.issues.iter().find(|i| i.code == code).unwrap();
            let hint = issue.hint.as_deref().unwrap_or("");
            for fix in hint.split('`').skip(1).step_by(2) {
                if fix.starts_with("draft-") && !fix.contains('<') {
                    let again = verdict(fix, &[]);
                    assert!(
                        again.issues.iter().all(|i| i.severity() != Severity::Error),
                        "{input}: hint `{hint}` suggests `{fix}`: {:?}",
                        again.issues
                    );
                }
            }
        }
    }

    /// The shortening as it was first written (quadratic), as the reference for the one pass.
    fn shorten_reference(name: &str) -> Option<String> {
        let mut parts: Vec<&str> = name.split('-').collect();
        while parts.len() > 4 && parts.join("-").len() > MAX_NAME_LEN {
            parts.pop();
        }
        let mut out = parts.join("-");
        if out.len() > MAX_NAME_LEN {
            out.truncate(MAX_NAME_LEN);
            let trimmed = out.trim_end_matches('-').len();
            out.truncate(trimmed);
        }
        let min = if out.starts_with("draft-ietf-") || out.starts_with("draft-irtf-") {
            4
        } else {
            3
        };
        (out.split('-').count() >= min).then_some(out)
    }

    #[test]
    fn a_name_of_many_hyphens_gets_the_same_hint_in_one_pass() {
        // See issue 9: a `docName` with thousands of hyphens cost seconds in this hint.
        let mut name = "draft".to_owned();
        for _ in 0..100_000 {
            name.push_str("-a");
        }
        let v = verdict(&name, &[]);
        let issue = v.issues.iter().find(|i| i.code == Code::TooLong).unwrap();
        let short = shorten_reference(&name[..1000]).unwrap();
        assert_eq!(short.len(), MAX_NAME_LEN - 1);
        assert_eq!(
            issue.hint.as_deref(),
            Some(format!("shorten the subject, e.g. `{short}`").as_str())
        );
    }

    #[test]
    fn the_adopted_name_a_hint_suggests_is_not_too_long() {
        let v = verdict(
            "draft-smith-abcdefghijabcdefghijabcdefghijabcdefgh",
            &["quic"],
        );
        let issue = v
            .issues
            .iter()
            .find(|i| i.code == Code::IndividualAfterAdoption)
            .unwrap();
        let hint = issue.hint.as_deref().unwrap_or("");
        for fix in hint.split('`').skip(1).step_by(2) {
            if fix.starts_with("draft-ietf-") && !fix.contains('<') {
                let again = verdict(fix, &["quic"]);
                assert!(
                    again.issues.iter().all(|i| i.severity() != Severity::Error),
                    "hint `{hint}` suggests `{fix}`: {:?}",
                    again.issues
                );
            }
        }
    }

    #[test]
    fn rejects_stream_names_without_adoption() {
        rejects("draft-ietf-quic-multipath-00", &[], Code::NotAdopted);
        rejects("draft-irtf-cfrg-hybrid-kem-00", &[], Code::NotAdopted);
        rejects("draft-iab-protocol-maintenance-00", &[], Code::NotAdopted);
        rejects("draft-ietf-quic-multipath-00", &["tls"], Code::WrongGroup);
        rejects(
            "draft-ietf-cfrg-hybrid-kem-00",
            &["cfrg"],
            Code::WrongStream,
        );
        rejects("draft-irtf-quic-foo-00", &["quic"], Code::WrongStream);
        rejects(
            "draft-smith-quic-multipath-00",
            &["quic"],
            Code::IndividualAfterAdoption,
        );
        rejects("draft-ietf-quic-00", &["quic"], Code::MissingSubject);
        rejects("draft-iesg-foo-00", &[], Code::Reserved);
        rejects("draft-rfc-editor-style-00", &[], Code::Reserved);
        rejects("draft-ietf-trust-foo-00", &[], Code::Reserved);
        rejects("draft-wg-foo-bar-00", &[], Code::Restricted);
        rejects("draft-quic-multipath-00", &[], Code::AuthorIsGroup);
        rejects("draft-smith-proposed-standard-00", &[], Code::StatusWord);
    }

    #[test]
    fn hints_say_what_to_type() {
        let v = verdict("draft-ietf-quic-multipath-00", &[]);
        let hint = v.issues[0].hint.as_deref().unwrap();
        assert!(hint.contains("draft-<surname>-quic-multipath"), "{hint}");
        let v = verdict("draft-Smith-quic-00", &[]);
        assert_eq!(
            v.issues[0].hint.as_deref(),
            Some("use `draft-smith-quic-00`")
        );
        let v = verdict("draft-smith-abcdefghijabcdefghijabcdefghijabcdefghx", &[]);
        assert!(
            v.issues[0].message.contains("51 characters"),
            "{}",
            v.issues[0].message
        );
        assert!(
            v.issues[0].message.contains("1 more"),
            "{}",
            v.issues[0].message
        );
    }

    #[test]
    fn composes_init_names() {
        let c = compose("Müller", "dispatch", "Widget Discovery").unwrap();
        assert_eq!(c.name.as_str(), "draft-muller-dispatch-widget-discovery");
        assert_eq!(c.adjustments.len(), 2);
        assert!(compose("ietf", "dispatch", "foo").is_err());
        assert!(compose("IANA", "dispatch", "foo").is_err());
        assert!(compose("wg", "dispatch", "foo").is_err());
        assert!(compose("doe", "dispatch", "???").is_err());
        assert!(compose("doe", "not a wg", "foo").is_err());
        let long = compose("doe", "dispatch", &"word ".repeat(12)).unwrap_err();
        assert_eq!(long.code, Code::TooLong);
        assert!(long.hint.unwrap().contains("at most 31 characters"));
    }

    #[test]
    fn components_are_made_from_free_text() {
        assert_eq!(component("Müller"), "muller");
        assert_eq!(component("José"), "jose");
        assert_eq!(component("O'Brien"), "obrien");
        assert_eq!(component("  Widget   Discovery!! "), "widget-discovery");
        assert_eq!(component("a_b.c"), "a-b-c");
        assert_eq!(component("---"), "");
    }

    #[test]
    fn reads_group_and_subject() {
        let n = DraftName::parse("draft-ietf-quic-multipath-07").unwrap();
        assert_eq!(n.group(), Some("quic"));
        assert_eq!(n.subject(None), Some("multipath"));
        let n = DraftName::parse("draft-doe-dispatch-widget-discovery-02").unwrap();
        assert_eq!(n.subject(Some("dispatch")), Some("widget-discovery"));
        assert_eq!(n.subject(None), Some("dispatch-widget-discovery"));
        let n = DraftName::parse("draft-ietf-yang-doctors-foo").unwrap();
        assert_eq!(n.group(), Some("yang-doctors"));
    }

    /// Components that reach every branch of the rules: streams, reserved words, slugs, active,
    /// inactive and other groups, a hyphenated acronym, status words, surnames, digits, junk.
    fn component_strategy() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            4 => proptest::sample::select(vec![
                "ietf", "irtf", "iab", "iana", "iesg", "rfc", "rfced", "editor", "trust", "wg",
                "rg", "team", "quic", "tls", "cfrg", "dispatch", "behave", "app", "art", "apn",
                "yang", "doctors", "standard", "proposed", "draft", "historic", "smith", "doe",
                "00", "07", "99", "100", "1",
            ])
            .prop_map(str::to_owned),
            3 => "[a-z][a-z0-9]{0,12}",
            1 => "[a-z0-9]{1,3}",
            1 => "[a-zA-Z0-9._/ \\-]{0,4}",
        ]
    }

    /// Inputs shaped like names, file names and near misses.
    fn nameish() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let prefix = prop_oneof![
            12 => Just("draft-"),
            1 => Just("draft"),
            1 => Just("Draft-"),
            1 => Just("dir/draft-"),
            1 => Just(""),
        ];
        let suffix = prop_oneof![
            4 => Just(""),
            2 => Just(".xml"),
            1 => Just(".txt"),
            1 => Just(".md"),
            1 => Just(".xml.txt"),
            1 => Just("-"),
            1 => Just(".x;"),
        ];
        (
            prefix,
            proptest::collection::vec(component_strategy(), 0..8),
            suffix,
        )
            .prop_map(|(p, c, x)| format!("{p}{}{x}", c.join("-")))
    }

    fn adopters() -> impl proptest::strategy::Strategy<Value = Vec<String>> {
        use proptest::prelude::*;
        proptest::collection::vec(
            proptest::sample::select(GROUPISH.to_vec()).prop_map(str::to_owned),
            0..3,
        )
    }

    const GROUPISH: &[&str] = &[
        "quic",
        "tls",
        "cfrg",
        "iab",
        "iana",
        "rfc-editor",
        "rfced",
        "ietf-trust",
        "trust",
        "behave",
        "app",
        "art",
        "apn",
        "yang-doctors",
        "yang",
        "dispatch",
        "nosuchwg",
    ];

    /// Stream and reserved names, adopted (or not) by their own group or another.
    fn streamish() -> impl proptest::strategy::Strategy<Value = (String, Vec<String>)> {
        use proptest::prelude::*;
        (
            proptest::sample::select(vec!["ietf", "irtf", "iab", "iana", "rfc", "rfced", "wg"]),
            proptest::sample::select(GROUPISH.to_vec()),
            proptest::collection::vec(component_strategy(), 0..3),
            prop_oneof![Just(""), Just("-00"), Just("-13.xml"), Just(".txt")],
            proptest::collection::vec(proptest::sample::select(GROUPISH.to_vec()), 0..2),
            any::<bool>(),
        )
            .prop_map(|(stream, group, rest, end, mut adopted, own)| {
                let mut name = format!("draft-{stream}-{group}");
                for c in rest {
                    name.push('-');
                    name.push_str(&c);
                }
                name.push_str(end);
                if own {
                    adopted.insert(0, group);
                }
                (name, adopted.into_iter().map(str::to_owned).collect())
            })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        /// The one-pass shortening says what the quadratic one said.
        #[test]
        fn shorten_agrees_with_the_reference(s in "draft(-[a-z0-9]{0,12}){0,12}") {
            proptest::prop_assert_eq!(shorten(&s), shorten_reference(&s));
        }

        /// Stream names: the two paths agree on every adoption context.
        #[test]
        fn fast_path_agrees_on_stream_names((s, adopted) in streamish()) {
            let ctx = Context { adopted_by: &adopted };
            for form in [Form::Name, Form::Versioned, Form::File, Form::Auto] {
                let full = full_check(&s, form, &ctx);
                proptest::prop_assert_eq!(
                    is_clean(&s, form, &ctx),
                    full.issues.is_empty(),
                    "{:?} as {:?} adopted by {:?}: {:?}", s, form, adopted, full.issues
                );
            }
        }

        /// The fast path and the full path agree on whether a name is clean, and on its name.
        #[test]
        fn fast_path_agrees_with_the_full_check(s in nameish(), adopted in adopters()) {
            let ctx = Context { adopted_by: &adopted };
            for form in [Form::Name, Form::Versioned, Form::File, Form::Auto] {
                let full = full_check(&s, form, &ctx);
                let fast = clean(s.as_bytes(), form, &ctx);
                proptest::prop_assert_eq!(
                    fast.is_some(),
                    full.issues.is_empty(),
                    "{:?} as {:?} adopted by {:?}: {:?}", s, form, adopted, full.issues
                );
                if let Some(parts) = fast {
                    proptest::prop_assert_eq!(Some(parts.name(&s)), full.name);
                }
                proptest::prop_assert_eq!(check_name(&s, form, &ctx).issues, full.issues);
            }
            let mut scratch = Vec::new();
            proptest::prop_assert_eq!(
                DraftName::parse(&s).ok(),
                syntax(&s, false, &mut scratch)
            );
        }

        /// Any string at all: the two paths still agree.
        #[test]
        fn fast_path_agrees_on_any_string(s in "\\PC{0,60}", adopted in adopters()) {
            let ctx = Context { adopted_by: &adopted };
            for form in [Form::Name, Form::Versioned, Form::File, Form::Auto] {
                proptest::prop_assert_eq!(
                    is_clean(&s, form, &ctx),
                    full_check(&s, form, &ctx).issues.is_empty()
                );
            }
        }
    }

    #[test]
    fn non_alnum_classifies_every_byte_in_every_position() {
        for b in 0..=255u8 {
            let alnum = b.is_ascii_lowercase() || b.is_ascii_digit();
            for pos in 0..8 {
                let mut word = [b'a'; 8];
                word[pos] = b;
                let mask = non_alnum(u64::from_le_bytes(word));
                let expected = if alnum { 0 } else { 0x80 << (8 * pos) };
                assert_eq!(mask, expected, "byte {b:#04x} at {pos}");
            }
        }
        // Neighbours do not disturb each other.
        let mask = non_alnum(u64::from_le_bytes(*b"a-\xff9z{/0"));
        assert_eq!(mask, 0x0080_8000_0080_8000);
    }

    #[test]
    fn classify_finds_hyphens_and_other_bytes() {
        assert_eq!(classify(*b"abc-de-f"), (0b0100_1000, false));
        assert_eq!(classify(*b"-0000000"), (1, false));
        assert_eq!(classify(*b"zzzzzzz-"), (0x80, false));
        assert_eq!(classify(*b"--------"), (0xff, false));
        assert_eq!(classify(*b"abcdefgh"), (0, false));
        for b in 0..=255u8 {
            let ok = b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-';
            for pos in 0..8 {
                let mut word = [b'-'; 8];
                word[pos] = b;
                let (h, o) = classify(word);
                assert_eq!(o, !ok, "byte {b:#04x} at {pos}");
                let expected = if b == b'-' { 0xff } else { 0xff & !(1 << pos) };
                assert_eq!(h, expected, "byte {b:#04x} at {pos}");
            }
        }
    }

    #[test]
    fn status_word_prefilter_lets_every_status_word_through() {
        for w in STATUS_WORDS {
            assert!(is_status_word(w.as_bytes()), "{w}");
        }
        assert!(!is_status_word(b"standards"));
        assert!(!is_status_word(b"0"));
        assert!(!is_status_word(b""));
    }

    #[test]
    fn special_sources_are_all_in_the_filter() {
        for s in ["ietf", "irtf", "iab"]
            .into_iter()
            .chain(RESERVED_BODIES.iter().map(|(s, _)| *s))
            .chain(GROUP_TYPE_SLUGS.iter().copied())
            .chain(groups::all().iter().map(|g| g.acronym))
        {
            assert!(SPECIAL_SOURCES.may_contain(s.as_bytes()), "{s}");
        }
        // And it filters: most surnames skip the tables.
        let surnames = [
            "smith", "doe", "jones", "garcia", "mueller", "nguyen", "rescorla",
        ];
        let passed = surnames
            .iter()
            .filter(|s| SPECIAL_SOURCES.may_contain(s.as_bytes()))
            .count();
        assert!(passed <= 2, "{passed}");
    }

    #[test]
    fn clean_names_take_the_fast_path() {
        let ctx = Context::default();
        assert!(is_clean("draft-smith-quic-multipath-00", Form::Auto, &ctx));
        assert!(is_clean(
            "draft-smith-quic-multipath-00.xml",
            Form::Auto,
            &ctx
        ));
        assert!(is_clean(
            "draft-smith-quic-multipath-00.txt",
            Form::File,
            &ctx
        ));
        assert!(!is_clean(
            "draft-smith-quic-multipath.xml",
            Form::Auto,
            &ctx
        ));
        assert!(!is_clean(
            "draft-smith-quic-multipath",
            Form::Versioned,
            &ctx
        ));
        assert!(!is_clean("draft-quic-multipath-00", Form::Auto, &ctx));
        assert!(!is_clean("draft-smith-proposed-standard", Form::Auto, &ctx));
        let quic = ["quic".to_owned()];
        let adopted = Context { adopted_by: &quic };
        assert!(is_clean(
            "draft-ietf-quic-multipath-07",
            Form::Auto,
            &adopted
        ));
        assert!(!is_clean("draft-ietf-quic-multipath-07", Form::Auto, &ctx));
        assert!(!is_clean(
            "draft-smith-quic-multipath-07",
            Form::Auto,
            &adopted
        ));
    }

    #[test]
    fn every_code_is_unique_and_names_a_rule() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "duplicate {code}");
            // R: a naming rule; S: a submission rule (the gate, `render`, `submit`).
            let rule = code.rule();
            assert!(rule.starts_with('R') || rule.starts_with('S'), "{rule}");
            assert!(rule[1..].parse::<u8>().is_ok(), "{rule}");
        }
    }

    proptest::proptest! {
        /// Every name a hint suggests passes the rules it was suggested against (issue 10:
        /// `draft-doe-widget.discovery-00.xml` was told to use `draft-doe-widget.xml`).
        #[test]
        fn every_suggested_name_is_valid(
            input in "(draft|Draft|DRAFT|drft)?[-_.]?[A-Za-z0-9._ -]{0,40}(-[0-9]{1,3})?(\\.(xml|txt|XML|md))?",
            form in proptest::sample::select(vec![Form::Auto, Form::Name, Form::Versioned, Form::File]),
        ) {
            let verdict = check_name(&input, form, &Context::default());
            let resolved = match form {
                Form::Auto if looks_like_file(&input) => Form::File,
                Form::Auto => Form::Name,
                f => f,
            };
            for issue in &verdict.issues {
                if let Some(name) = issue.hint.as_deref().and_then(suggested_name) {
                    proptest::prop_assert!(
                        syntax_ok(name, resolved),
                        "{input:?} ({form:?}): {} suggests invalid `{name}`", issue.code
                    );
                }
            }
        }
    }
}
