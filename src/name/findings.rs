//! What a check reports: the stable codes (with their rule and severity), the issue that
//! carries a code with its message and hint, and the verdict on one input.
//!
//! Every command's findings use these, not only the naming rules': the submission gate, `render`
//! and `submit` have their codes in the one list, so that the codes, the README's table and the
//! JSON output cannot disagree.

use std::fmt;

use super::DraftName;

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
    MissingRevision => "name/missing-revision", "R6", Error, "No `-NN` revision where one is required (a final `-1` or `-100` is part of the name).";
    BadRevision => "name/bad-revision", "R6", Error, "No revision after `-99`, or an `init` topic that would end in one.";
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
    SubmitDateIncomplete => "submit/date-incomplete", "S1", Error, "A date the Datatracker cannot fill in: another year without a month, or not a date.";
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
    SubmitVersion => "submit/version", "S5", Warning, "RFCXML that is not `version=\"3\"`: the Datatracker converts it (`v2v3`), so what is posted is not what was written.";
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
    pub(super) fn new(code: Code, message: impl Into<String>) -> Self {
        Issue {
            code,
            message: message.into(),
            hint: None,
        }
    }

    pub(super) fn hint(mut self, hint: impl Into<String>) -> Self {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
