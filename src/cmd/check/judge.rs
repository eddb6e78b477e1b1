//! Phase 2 of `check` on files: every draft's names judged with what the whole tree knows.

use chrono::NaiveDate;

use super::history::{EXPIRY_DAYS, Evidence, History};
use super::walk::Scanned;
use super::{Adoption, finding};
use crate::name::{self, Code, DraftName, Form, Issue, Revision, Severity};
use crate::report::{DraftEntry, Finding};
use crate::source::{self, SourceKind, split_declared, split_revision};

/// The judge of phase 2.
pub(super) struct Judge<'a> {
    pub(super) adoption: &'a Adoption,
    pub(super) history: &'a History<'a>,
    pub(super) today: NaiveDate,
    /// The Datatracker's draft index, when there is one.
    pub(super) index: Option<&'a crate::index::Index>,
}

/// One draft judged.
pub(super) struct Judged {
    pub(super) findings: Vec<Finding>,
    pub(super) notes: Vec<String>,
    /// The revision the file stands for (R7), when its file name carries one (and a valid
    /// name: the file name's, up to the revision).
    pub(super) claim: Option<Revision>,
    pub(super) entry: DraftEntry,
}

impl Judge<'_> {
    /// The groups a name is judged as adopted by, and why. `base` is the name without
    /// revision; `rev` the revision the file stands for.
    pub(super) fn adopted(
        &self,
        base: &str,
        rev: Option<Revision>,
        date: Option<NaiveDate>,
    ) -> (Vec<String>, Option<Evidence>) {
        if let Some(groups) = self.adoption.recorded(base) {
            return (groups.to_vec(), Some(Evidence::Record));
        }
        // Most names are individual: no parse for them.
        if !name::is_stream_name(base) {
            return (Vec::new(), None);
        }
        let Some(owner) = DraftName::parse(base)
            .ok()
            .and_then(|n| n.adopter().map(str::to_owned))
        else {
            return (Vec::new(), None);
        };
        let evidence = if self.adoption.cli.contains(&owner) {
            Some(Evidence::AdoptedBy)
        } else if self.index.is_some_and(|i| i.adopted(base)) {
            Some(Evidence::Index)
        } else if let Some(posted) = self.posted(base, rev, date) {
            Some(posted)
        } else if crate::groups::lookup(&owner).is_some_and(|g| g.state == "concluded") {
            Some(Evidence::ConcludedGroup)
        } else if self.history.tags.shallow.is_some() {
            Some(Evidence::Unjudged)
        } else {
            None
        };
        match evidence {
            Some(e) => (vec![owner], Some(e)),
            None => (Vec::new(), None),
        }
    }

    /// Evidence that `base` (at `rev`) was posted before: a tag, a later revision, a revision
    /// after `-00`, a date past expiry. Its wording was settled then, and (for a stream name)
    /// the stream took it.
    pub(super) fn posted(
        &self,
        base: &str,
        rev: Option<Revision>,
        date: Option<NaiveDate>,
    ) -> Option<Evidence> {
        if self.history.tags.tagged.contains(base) {
            return Some(Evidence::Tag);
        }
        if let Some(latest) = self
            .history
            .latest(base)
            .filter(|&l| rev.is_none_or(|r| l > r) && l > Revision::FIRST)
        {
            return Some(Evidence::LaterRevision(latest));
        }
        if let Some(r) = rev.filter(|&r| r > Revision::FIRST) {
            return Some(Evidence::PostedRevision(r));
        }
        date.filter(|&d| self.expired(d)).map(Evidence::Expired)
    }

    /// Whether a draft dated `d` has expired by today (185 days after its date).
    pub(super) fn expired(&self, d: NaiveDate) -> bool {
        d.checked_add_days(chrono::Days::new(EXPIRY_DAYS))
            .is_some_and(|e| e < self.today)
    }

    /// Judge `input` in `form` as adopted by `groups`. `settled`: the name was posted before
    /// (or the file is a copy), so the advice for choosing a name or starting work in a group
    /// (R12, R15, a group unknown or no longer active) is moot.
    pub(super) fn judge(
        input: &str,
        form: Form,
        groups: &[String],
        settled: impl FnOnce() -> bool,
    ) -> Vec<Issue> {
        let ctx = name::Context { adopted_by: groups };
        if name::is_clean(input, form, &ctx) {
            return Vec::new();
        }
        let mut issues = name::check_name(input, form, &ctx).issues;
        if settled() {
            issues.retain(|i| {
                !matches!(
                    i.code,
                    Code::StatusWord
                        | Code::AuthorIsGroup
                        | Code::UnknownGroup
                        | Code::InactiveGroup
                )
            });
        }
        issues
    }

    pub(super) fn file(&self, s: &Scanned) -> Judged {
        let mut out = Vec::new();
        let mut notes = Vec::new();
        let head = &s.head;
        let push = |out: &mut Vec<Finding>, line: Option<usize>, name: &str, issues: Vec<Issue>| {
            for issue in issues {
                out.push(finding(Some(&s.display), line, name, issue));
            }
        };
        if let (Some(d), Some(why)) = (&head.docname, &head.unresolved) {
            notes.push(format!(
                "note: {}:{}: the name `{}` is not judged: {why}",
                s.display, d.line, d.value
            ));
        }

        // R9: docName and seriesInfo agree.
        if let (Some(d), Some(si)) = (&head.docname, &head.series_info) {
            if d.value != si.value && head.unresolved.is_none() {
                out.push(Finding {
                    path: Some(s.display.clone()),
                    line: Some(si.line),
                    name: si.value.clone(),
                    code: Code::SeriesInfoMismatch,
                    message: format!(
                        "`<seriesInfo name=\"Internet-Draft\">` says `{}` but `docName` (line {}) says `{}`; xml2rfc refuses a document where they differ",
                        si.value, d.line, d.value
                    ),
                    // A versioned file name says which; otherwise `docName` does (an
                    // unversioned `name.xml` need not be an i-d-template `-latest` source).
                    hint: Some(format!(
                        "use `{}` in both",
                        expected(s)
                            .filter(|_| split_revision(s.stem()).1.is_some())
                            .unwrap_or_else(|| d.value.clone())
                    )),
                });
            }
        }

        let declared = s.declared();
        let date = head.date;
        let mut adoption_of = None;
        // The declared name, on its line.
        if let Some(d) = declared {
            let (base, rev) = split_declared(&d.value);
            let (groups, evidence) = self.adopted(base, rev, date);
            let (input, form) = if rev.is_none() && base.len() != d.value.len() {
                (base, Form::Name) // `name-latest`, `name-xx`
            } else {
                (d.value.as_str(), Form::Versioned)
            };
            let settled = || s.derived || self.posted(base, rev, date).is_some();
            let mut issues = Self::judge(input, form, &groups, settled);
            if let Some(missing) = issues.iter_mut().find(|i| i.code == Code::MissingRevision) {
                if let Some(hint) = self.revision_to_declare(s, base) {
                    missing.hint = Some(hint);
                }
            }
            push(&mut out, Some(d.line), &d.value, issues);
            adoption_of = evidence.map(|e| (base.to_owned(), groups, e));
        }

        let mut claim = None;
        if s.draft_named && head.rfc_number.is_none() {
            claim = self.file_name(s, declared, &mut adoption_of, &mut out);
        } else if declared.is_none()
            && head.docname.is_none()
            && head.series_info.is_none()
            && head.unresolved.is_none()
        {
            // A source with another file name that declares nothing (named on the command
            // line: walked ones are candidates only when they declare a name).
            out.push(no_docname(
                s,
                "a draft name",
                format!(
                    "name it `draft-<surname>-<group>-<topic>-00.{}` and {}",
                    if s.ext.is_empty() { "txt" } else { &s.ext },
                    how_to_declare(s.kind, "draft-<surname>-<group>-<topic>-00")
                ),
            ));
        }

        let entry = entry(s, declared, adoption_of);
        Judged {
            findings: out,
            notes,
            claim: claim.filter(|_| !s.derived),
            entry,
        }
    }

    /// The revision a declared name without one (`docname: draft-x`) should carry, when the
    /// tree says more than `-00`: the file name's own (`draft-x-03.xml`), else the one after
    /// the latest among the files and tags. `None` leaves the grammar's `-00`.
    fn revision_to_declare(&self, s: &Scanned, base: &str) -> Option<String> {
        if let (file_base, Some(rev)) = split_revision(s.stem()) {
            if s.draft_named && file_base == base {
                return Some(format!(
                    "use `{base}-{rev}`, the revision its file name says"
                ));
            }
        }
        let latest = self.history.latest(base)?;
        let next = latest.next()?;
        Some(format!(
            "use `{base}-{next}`, the revision after `{base}-{latest}`"
        ))
    }

    /// The file name's findings (`draft-…-NN.xml`: R8, and its agreement with the declared
    /// name, R9) and the revision it claims (R7), when it claims one.
    pub(super) fn file_name(
        &self,
        s: &Scanned,
        declared: Option<&source::Located>,
        adoption_of: &mut Option<(String, Vec<String>, Evidence)>,
        out: &mut Vec<Finding>,
    ) -> Option<Revision> {
        let head = &s.head;
        let date = head.date;
        let push = |out: &mut Vec<Finding>, line: Option<usize>, name: &str, issues: Vec<Issue>| {
            for issue in issues {
                out.push(finding(Some(&s.display), line, name, issue));
            }
        };
        let stem = s.stem();
        let (file_base, file_rev) = split_revision(stem);
        let (groups, evidence) = self.adopted(file_base, file_rev, date);
        let settled = || self.posted(file_base, file_rev, date).is_some();
        if adoption_of.is_none() {
            *adoption_of = evidence.map(|e| (file_base.to_owned(), groups.clone(), e));
        }
        let agrees = declared.is_none_or(|d| source::names_agree(stem, &d.value));
        match declared {
            None if head.docname.is_none() && head.series_info.is_none() => {
                out.push(no_docname(
                    s,
                    "its own name",
                    how_to_declare(s.kind, &expected(s).unwrap_or_default()),
                ));
            }
            Some(d) if !agrees => {
                self.mismatch(s, d, file_rev.is_some(), out);
            }
            _ => {}
        }
        // The file name's own findings: all of them when it is a submission file or the
        // declared name says nothing; otherwise only what is particular to file names
        // (R8), the name having been judged on its line.
        let dots = s.file_name().bytes().filter(|&b| b == b'.').count() > 1;
        let submission = matches!(&*s.ext, "xml" | "txt") && (file_rev.is_some() || dots);
        let judged_already = declared.is_some() && agrees;
        let (input, form) = if submission {
            (s.file_name(), Form::File)
        } else if file_rev.is_some() {
            (stem, Form::Versioned)
        } else {
            (file_base, Form::Name)
        };
        if !judged_already || submission {
            let issues = Self::judge(input, form, &groups, settled)
                .into_iter()
                .filter(|i| !judged_already || i.code.as_str().starts_with("file/"))
                .collect();
            push(out, None, s.file_name(), issues);
        }
        // A submission or source claims its revision; a text rendering does not (the same
        // revision rendered twice differs in its date and pages), nor does a file whose
        // declared name says otherwise (`doc/name-mismatch` says so already).
        if let Some(rev) = file_rev.filter(|_| s.kind != SourceKind::Text && agrees) {
            if DraftName::is_valid(file_base) {
                return Some(rev);
            }
        }
        None
    }

    /// `doc/name-mismatch`, with a hint that leads to a valid name.
    fn mismatch(&self, s: &Scanned, d: &source::Located, versioned: bool, out: &mut Vec<Finding>) {
        let expected = expected(s).unwrap_or_default();
        let errors = |found: Vec<Issue>| found.iter().any(|i| i.severity() == Severity::Error);
        let stem = s.stem();
        let (file_base, file_rev) = split_revision(stem);
        let (groups, _) = self.adopted(file_base, file_rev, s.head.date);
        let file_bad = errors(Self::judge(
            if versioned { stem } else { file_base },
            if versioned {
                Form::Versioned
            } else {
                Form::Name
            },
            &groups,
            || true,
        ));
        let (base, rev) = split_declared(&d.value);
        let (groups, _) = self.adopted(base, rev, s.head.date);
        let doc_bad = errors(Self::judge(&d.value, Form::Versioned, &groups, || true));
        let declare = if versioned {
            format!("declare `{expected}`")
        } else {
            format!(
                "declare `{expected}` (an unversioned source; the revision comes from the git tag at submission)"
            )
        };
        let rename = format!(
            "rename the file `{}.{}`",
            if versioned {
                name::strip_latest(&d.value).unwrap_or(&d.value)
            } else {
                &d.value
            },
            s.ext
        );
        let hint = match (file_bad, doc_bad) {
            (true, false) => rename,
            (false, true) => declare,
            _ => format!("make them agree: {declare}, or {rename}"),
        };
        out.push(Finding {
            path: Some(s.display.clone()),
            line: Some(d.line),
            name: d.value.clone(),
            code: Code::DocNameMismatch,
            message: format!(
                "the document calls itself `{}` but its file name `{}` says `{expected}`",
                d.value,
                s.file_name()
            ),
            hint: Some(hint),
        });
    }
}

/// The document name a `draft-*` file name calls for: `stem` for `name-NN.ext`, `name-latest`
/// for an unversioned source.
pub(super) fn expected(s: &Scanned) -> Option<String> {
    if !s.draft_named {
        return None;
    }
    let stem = s.stem();
    Some(match split_revision(stem) {
        (_, Some(_)) => stem.to_owned(),
        (base, None) => name::latest(base),
    })
}

/// `doc/no-docname` for a file that declares no `what` (its own name, a draft name).
fn no_docname(s: &Scanned, what: &str, hint: String) -> Finding {
    Finding {
        path: Some(s.display.clone()),
        line: None,
        name: s.file_name().to_owned(),
        code: Code::DocNameMissing,
        message: format!(
            "`{}` does not declare {what} ({})",
            s.file_name(),
            where_names_go(s.kind)
        ),
        hint: Some(hint),
    }
}

fn where_names_go(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Xml => "no `docName` on `<rfc>` and no `<seriesInfo name=\"Internet-Draft\">`",
        SourceKind::Kramdown => "no `docname:` in the front matter",
        SourceKind::Mmark => "no `value` in the `[seriesInfo]` of the title block",
        SourceKind::Text => "no `draft-…-NN` name on the first page",
    }
}

fn how_to_declare(kind: SourceKind, name: &str) -> String {
    match kind {
        SourceKind::Xml => format!("add `docName=\"{name}\"` to the `<rfc>` element"),
        SourceKind::Kramdown => format!("add `docname: {name}` to the front matter"),
        SourceKind::Mmark => format!(
            "add `value = \"{name}\"` under `[seriesInfo]` (with `name = \"Internet-Draft\"`) in the title block"
        ),
        SourceKind::Text => format!("the first page names the draft: `{name}`"),
    }
}

/// What `--format json` says of a draft: its path, format, name, RFC, copy, adoption.
pub(super) fn entry(
    s: &Scanned,
    declared: Option<&source::Located>,
    adoption_of: Option<(String, Vec<String>, Evidence)>,
) -> DraftEntry {
    let head = &s.head;
    let name = declared
        .map(|d| d.value.clone())
        .or_else(|| s.draft_named.then(|| s.stem().to_owned()));
    DraftEntry {
        path: s.display.clone(),
        format: s.kind.describe(),
        name,
        line: declared.map(|d| d.line),
        rfc: head.rfc_number.as_ref().map(|n| n.value.clone()),
        copy: s.derived,
        adoption: adoption_of.map(|(base, groups, e)| {
            let group = groups.first().cloned().unwrap_or_default();
            crate::report::AdoptionEntry {
                detail: e.describe(&base, &group),
                group,
                evidence: e.code(),
            }
        }),
    }
}
