//! The steps of `submit` before anything is sent: the gate and the name, the submitter among
//! the authors (1 and 4), the XML to post (2), and `replaces` (3). A step that finds an error
//! refuses, and nothing is sent.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use super::{Request, Run, Step};
use crate::name::{self, Code, Form};
use crate::report::Finding;
use crate::source::{Document, SourceKind};

impl Run<'_> {
    /// Steps 1 and 4: the gate, the name the draft declares (a revision is needed), what the
    /// index knows of it, and the submitter among its authors, all reported; the name, or a
    /// refusal when any of them is an error.
    pub(super) fn judge(&mut self, text: &str, kind: SourceKind) -> Result<Step<String>> {
        let mut findings = crate::gate::judge(&self.shown, text, kind, self.args.today)?;
        if findings.iter().any(|f| f.code == Code::SubmitMalformed) {
            self.report(&findings);
            return Ok(Step::Refuse("the source does not parse".to_owned()));
        }
        let doc = Document::parse(text, kind)
            .with_context(|| format!("cannot read `{}`", self.args.file.display()))?;
        let name = self.declared_name(&doc, kind, &mut findings);
        findings.extend(self.index_findings(&name, &doc)?);
        findings.extend(self.series_info_mismatch(&doc));
        findings.extend(self.not_an_author(&doc, &name));
        self.report(&findings);
        if self.renderer.counts().errors > 0 {
            let n = self.renderer.counts().errors;
            return Ok(Step::Refuse(format!(
                "{n} error(s) to fix first (`newdraft check --submission {}` shows them)",
                self.shown
            )));
        }
        Ok(Step::Next(name))
    }

    /// The name the draft declares in `docName` (empty when it declares none), with the
    /// findings on its syntax, or that it is missing, added to `findings`.
    fn declared_name(
        &self,
        doc: &Document,
        kind: SourceKind,
        findings: &mut Vec<Finding>,
    ) -> String {
        let Some(d) = doc.docname.as_ref().map(|d| d.value.clone()) else {
            findings.push(Finding {
                path: Some(self.shown.clone()),
                line: None,
                name: crate::source::stem(&self.args.file.to_string_lossy()).to_owned(),
                code: Code::DocNameMissing,
                message: "the draft does not say its name; the Datatracker takes the name and revision from `docName`".to_owned(),
                hint: Some(if kind == SourceKind::Xml {
                    "add `docName=\"draft-…-NN\"` to `<rfc>`".to_owned()
                } else {
                    "add `docname: draft-…-NN` to the front matter".to_owned()
                }),
            });
            return String::new();
        };
        for issue in name::check_name(&d, Form::Versioned, &name::Context::default()).issues {
            // Adoption is the Datatracker's to judge (with the chairs' approval); the
            // syntax is not.
            if issue.code.rule() == "R10" || issue.code.rule() == "R13" {
                continue;
            }
            findings.push(Finding {
                path: Some(self.shown.clone()),
                line: doc.docname.as_ref().map(|d| d.line),
                name: d.clone(),
                code: issue.code,
                message: issue.message,
                hint: issue.hint,
            });
        }
        d
    }

    /// What the Datatracker's index says of the name, when one is cached (`index update`):
    /// a skipped revision, a name someone else posted, a replaced draft. Warnings, offline.
    fn index_findings(&mut self, name: &str, doc: &Document) -> Result<Vec<Finding>> {
        let line = doc.docname.as_ref().map(|d| d.line);
        let Some(checked) = crate::index::rules::Checked::new(name, Some(&self.shown), line) else {
            return Ok(Vec::new());
        };
        let opts = crate::index::knowledge::CheckOptions {
            index: None,
            online: false,
            sources: crate::index::fetch::Sources::default(),
        };
        let mut index_notes = Vec::new();
        let loaded = crate::index::knowledge::load(&opts)?;
        if loaded.is_none() {
            return Ok(Vec::new());
        }
        let today = self.args.today;
        let checked = std::slice::from_ref(&checked);
        let known =
            crate::index::knowledge::prepare(&opts, loaded, checked, today, &mut index_notes);
        // What the index says of itself (a stale copy) is worth the user's reading too.
        self.notes.append(&mut index_notes);
        let Some(known) = known else {
            return Ok(Vec::new());
        };
        Ok(crate::index::rules::findings(&known, checked, today))
    }

    /// xml2rfc refuses a `seriesInfo` that disagrees with `docName` (R9).
    fn series_info_mismatch(&self, doc: &Document) -> Option<Finding> {
        let (Some(d), Some(si)) = (&doc.docname, &doc.series_info) else {
            return None;
        };
        (d.value != si.value).then(|| Finding {
            path: Some(self.shown.clone()),
            line: Some(si.line),
            name: d.value.clone(),
            code: Code::SeriesInfoMismatch,
            message: format!(
                "docName and value in <seriesInfo name=\"Internet-Draft\" ..> must match (xml2rfc): `{}` and `{}`",
                d.value, si.value
            ),
            hint: Some(format!("write `{}` in both", d.value)),
        })
    }

    /// Step 4: the submitter is an author (otherwise the Datatracker asks the authors, not
    /// the submitter, to approve).
    fn not_an_author(&self, doc: &Document, name: &str) -> Option<Finding> {
        let user = self.user;
        let emails: Vec<String> = doc
            .authors
            .iter()
            .filter_map(|a| a.email.as_deref())
            .map(|e| e.trim().to_ascii_lowercase())
            .collect();
        if doc.authors.is_empty() || emails.contains(&user.to_ascii_lowercase()) {
            return None;
        }
        Some(Finding {
            path: Some(self.shown.clone()),
            line: None,
            name: name.to_owned(),
            code: Code::SubmitNotAuthor,
            message: format!(
                "`{user}` is not the email address of an author of the draft ({}); the Datatracker would ask the authors to approve the submission instead of you",
                if emails.is_empty() { "none has one".to_owned() } else { emails.join(", ") }
            ),
            hint: Some("submit with `--user` set to your address as the draft gives it, or add yourself as an author".to_owned()),
        })
    }

    /// Step 2: the XML to post: the source itself, or what its Markdown converts to (the
    /// conversion's findings reported, and where it was written noted); a refusal when it
    /// did not convert.
    pub(super) fn xml(&mut self, text: &str, kind: SourceKind) -> Result<Step<String>> {
        if kind == SourceKind::Xml {
            return Ok(Step::Next(text.to_owned()));
        }
        let converted = to_xml(self.args, text)?;
        self.report(&converted.findings);
        if self.renderer.counts().errors > 0 {
            return Ok(Step::Refuse(
                "the Markdown did not convert to RFCXML".to_owned(),
            ));
        }
        let Some(xml) = converted.xml_text else {
            return Ok(Step::Refuse(
                "the Markdown did not convert to RFCXML".to_owned(),
            ));
        };
        if let Some(path) = converted.written.first() {
            self.notes.push(format!(
                "note: the RFCXML that is posted is in `{}`",
                path.display()
            ));
        }
        Ok(Step::Next(xml))
    }
}

/// Step 3: `replaces`, names without revision, comma-separated as the API wants: `--replaces`
/// as typed, else for a `-00` what the `newdraft.toml` record of its adoption says.
pub(super) fn replaces(args: &Request, name: &str) -> Result<String> {
    let (base, revision) = crate::source::split_revision(name);
    Ok(match &args.replaces {
        Some(r) => r
            .split(',')
            .map(|n| crate::source::split_revision(n.trim()).0.to_owned())
            .filter(|n| !n.is_empty())
            .collect::<Vec<_>>()
            .join(","),
        None if revision == Some(name::Revision::FIRST) => recorded_replaces(&args.file, base)?,
        None => String::new(),
    })
}

/// Markdown to the RFCXML that will be posted: kramdown-rfc here, or the Author Tools API.
fn to_xml(args: &Request, text: &str) -> Result<crate::typeset::Rendered> {
    let opts = crate::typeset::Options {
        file: args.file.clone(),
        out: None,
        remote: args.remote,
        endpoint: args.author_tools.clone(),
        timeout: args.timeout,
        cache: args.cache.clone(),
        network: false,
        path_var: args.path_var.clone(),
        format: args.format,
        color: false,
        dry_run: args.dry_run,
    };
    let dir = args
        .file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let stem = crate::source::stem(&args.file.to_string_lossy()).to_owned();
    if args.remote {
        crate::typeset::remote(&opts, text, &dir, &stem, &["xml"])
    } else {
        crate::typeset::to_xml(&opts, &dir, &stem)
    }
}

/// The names a `newdraft.toml` record says `base` replaces, without revisions.
fn recorded_replaces(file: &Path, base: &str) -> Result<String> {
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let Some(toml) = crate::records::find(&dir) else {
        return Ok(String::new());
    };
    let records = crate::records::Records::read(&toml)?;
    Ok(records
        .adopted
        .iter()
        .filter(|r| r.name == base)
        .filter_map(|r| r.replaces.as_deref())
        .map(|r| crate::source::split_revision(r).0.to_owned())
        .collect::<Vec<_>>()
        .join(","))
}
