//! The Internet-Draft naming grammar and rules R1–R15, written once.
//!
//! Every command goes through here: `init` builds its name with [`compose()`] and refuses what
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
//! `check --names-from`. A property test (`tests/names_tsv.rs`) holds it to the plain
//! regular-expression form of the grammar.
//!
//! One file per concept; this one holds the name types and the two entry points, and is the
//! only path the rest of the crate uses (`name::X`, re-exported from the files below):
//! - `findings`: what a check reports (codes, issues, severities, the verdict);
//! - `rules`: the readable rules, with their messages: the reference for everything else;
//! - `fast`: the allocation-free path every clean name takes, an accept-only filter that
//!   property tests hold equal to `rules`;
//! - `hints`: what to type instead, and the guarantee that a suggested name is a valid one;
//! - `compose`: `init`'s name made from free text, and the subject an adopted name keeps;
//! - `tests`: the rules' behaviour through [`check_name`], as a user meets it.

use std::fmt;
use std::sync::LazyLock;

use crate::groups;

mod compose;
mod fast;
mod findings;
mod hints;
mod rules;
#[cfg(test)]
mod tests;

pub use compose::{Adjustment, Composed, adoption_parts, adoption_subject, component, compose};
pub use findings::{Code, Issue, Severity, Verdict};

use fast::{clean, clean_syntax};
use hints::valid_suggestions;
use rules::{form_syntax, looks_like_file, semantics, syntax};

/// i-d-template's working name: `draft-x-latest` stands for `draft-x` until a revision is
/// tagged (the revision comes from the `draft-x-NN` git tag at submission).
const LATEST: &str = "-latest";

/// Whether `name` starts as a stream's names do (`draft-ietf-`, `draft-irtf-`, `draft-iab-`):
/// the cheap test before a parse, since most names are individual.
pub fn is_stream_name(name: &str) -> bool {
    ["draft-ietf-", "draft-irtf-", "draft-iab-"]
        .iter()
        .any(|p| name.starts_with(p))
}

/// `name-latest` → `name`; `None` for any other name.
pub fn strip_latest(s: &str) -> Option<&str> {
    s.strip_suffix(LATEST)
}

/// The i-d-template working name of `base`: `base-latest`.
pub fn latest(base: &str) -> String {
    format!("{base}{LATEST}")
}

/// The longest a name may be, without its revision (R5; Datatracker `validate_submission_name`).
pub const MAX_NAME_LEN: usize = 50;

/// A revision, `00` to `99`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Revision(u8);

impl Revision {
    /// The first revision of every name.
    pub const FIRST: Revision = Revision(0);

    /// `name-NN` → (`name`, `NN`): the last `-NN`, two digits, is the revision (R6); anything
    /// else has none. The one place a name and its revision are told apart.
    pub fn split(input: &str) -> (&str, Option<Revision>) {
        let b = input.as_bytes();
        let n = b.len();
        if n >= 3 && b[n - 3] == b'-' && b[n - 2].is_ascii_digit() && b[n - 1].is_ascii_digit() {
            let rev = (b[n - 2] - b'0') * 10 + (b[n - 1] - b'0');
            (&input[..n - 3], Revision::new(rev))
        } else {
            (input, None)
        }
    }

    /// `name-0.1`, `name.01`: a revision written with a dot, which R2 refuses but which says
    /// what was meant. (`name`, the revision its digits make when they are one or two), or
    /// `None` when `input` does not end so (`draft-x-1`, `draft-x.xml`, `draft-x-v1.1`).
    ///
    /// `check` reads a declared `draft-x-0.1` as `draft-x` with a broken revision (so that it
    /// agrees with the file `draft-x.xml`), and the hints make it `draft-x-01`.
    pub fn split_dotted(input: &str) -> Option<(&str, Option<Revision>)> {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let number = |s: &str| {
            (s.len() <= 2)
                .then(|| s.parse().ok().and_then(Revision::new))
                .flatten()
        };
        // `name-0.1`: the last component is numbers joined by dots.
        if let Some((name, last)) = input.rsplit_once('-') {
            if last.contains('.') && last.split('.').all(digits) {
                return Some((name, number(&last.replace('.', ""))));
            }
        }
        // `name.01`: two digits after a dot instead of a hyphen.
        let (name, last) = input.rsplit_once('.')?;
        (last.len() == 2 && digits(last) && !name.is_empty() && !name.ends_with(['-', '.']))
            .then(|| (name, number(last)))
    }

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

    /// Whether `input` is a draft name ([`DraftName::parse`] would take it), without building
    /// one when it is clean.
    pub fn is_valid(input: &str) -> bool {
        clean_syntax(input.as_bytes(), false).is_some() || Self::parse(input).is_ok()
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

    /// `name-NN`, or the bare name when there is no revision.
    pub fn versioned(&self) -> String {
        match self.revision {
            Some(rev) => format!("{}-{rev}", self.name),
            None => self.name.clone(),
        }
    }

    /// The i-d-template working name, `name-latest`.
    pub fn latest(&self) -> String {
        latest(&self.name)
    }

    /// The dash-separated components after `draft`.
    pub fn components(&self) -> impl Iterator<Item = &str> {
        self.name.split('-').skip(1)
    }

    /// The second component of the name (`doe` in `draft-doe-dispatch-widgets`).
    pub fn source(&self) -> &str {
        // A plain scan of a few bytes, not `split('-')`: `stream`, `group` and `subject` ask for
        // the source again and again, and a string searcher's setup costs more than the search
        // (the rules' path of `check` is a fifth faster this way).
        let rest = self.name.get("draft-".len()..).unwrap_or("");
        rest.bytes()
            .position(|b| b == b'-')
            .map_or(rest, |end| &rest[..end])
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

    /// Who must have adopted a stream name: its group (`draft-ietf-quic-…` → `quic`), or `iab`
    /// for the IAB stream; `None` for an individual name (or a stream name without a group).
    pub fn adopter(&self) -> Option<&str> {
        match self.stream() {
            Stream::Iab => Some("iab"),
            Stream::Ietf | Stream::Irtf => self.group(),
            Stream::Individual => None,
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

impl Form {
    /// The form `input` is read in: [`Form::Auto`] resolved, any other form itself.
    fn resolve(self, input: &str) -> Form {
        match self {
            Form::Auto if looks_like_file(input) => Form::File,
            Form::Auto => Form::Name,
            f => f,
        }
    }
}

/// What is known about adoption when a name is judged.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The groups (or bodies: `iab`, `rfc-editor`, …) that have adopted the draft.
    pub adopted_by: &'a [String],
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
    let form = form.resolve(input);
    let mut issues = Vec::new();
    let name = form_syntax(input, form, &mut issues);
    if let Some(name) = &name {
        if issues.is_empty() {
            semantics(name, ctx, &mut issues);
        }
    }
    valid_suggestions(input, form, &mut issues);
    Verdict { name, issues }
}

/// Whether [`check_name`] would find nothing at all in `input` (no error, no warning), decided
/// without allocating: one pass over the bytes for R1–R6 (and R8), then plain comparisons for
/// the rules on components. `check` asks this first and builds findings only when it is false.
pub fn is_clean(input: &str, form: Form, ctx: &Context<'_>) -> bool {
    clean(input.as_bytes(), form, ctx).is_some()
}
