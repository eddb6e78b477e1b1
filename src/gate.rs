//! The submission gate: whether the Datatracker will take a draft, judged offline before upload
//! (`check --submission`, and `submit` before it posts anything).
//!
//! Each cause the Datatracker refuses or cancels a submission for, that a file can show, is a
//! rule S1–S9 of `docs/naming.md` with its `submit/…` code: the date (S1), title and abstract
//! (S2), authors (S3), placeholders and empty sections left from a skeleton (S4), RFCXML
//! `version` (S5), a self-contained source (S6), BCP 14 key words and boilerplate (S7),
//! references and citations (S8), Security and IANA Considerations (S9). The messages quote the Datatracker's,
//! xml2rfc's or idnits's own wording where there is one. What the source says is read by
//! [`crate::source`] ([`Document`], [`Facts`]); the verdicts are here.

use std::collections::HashSet;

use anyhow::Result;
use chrono::{Datelike as _, NaiveDate};

use crate::name::Code;
use crate::report::Finding;
use crate::source::facts::{DateFact, Facts};
use crate::source::{Document, SourceKind};

/// How far the document date may be from the day of submission (Datatracker
/// `validate_submission_document_date`; xml2rfc warns the same).
pub const DATE_SLACK_DAYS: i64 = 3;

/// Judge a draft source's text (`kind`, shown as `path`) for submission on `today`.
pub fn judge(path: &str, text: &str, kind: SourceKind, today: NaiveDate) -> Result<Vec<Finding>> {
    // A source that does not parse is one finding (the rest cannot be judged), not an error
    // that stops a whole `check`.
    let parsed = Document::parse(text, kind).and_then(|d| Ok((d, Facts::read(text, kind)?)));
    let (doc, facts) = match parsed {
        Ok(p) => p,
        Err(e) => return Ok(vec![malformed(path, kind, &e)]),
    };
    let name = doc
        .docname
        .as_ref()
        .map_or_else(|| crate::source::stem(path).to_owned(), |d| d.value.clone());
    let mut out = Vec::new();
    let mut add = |line: Option<usize>, code: Code, message: String, hint: &str| {
        out.push(Finding {
            path: Some(path.to_owned()),
            line,
            name: name.clone(),
            code,
            message,
            hint: (!hint.is_empty()).then(|| hint.to_owned()),
        });
    };
    let markdown = kind != SourceKind::Xml;

    // S1: the date.
    if let Some(f) = &facts {
        date(&f.date, today, markdown, &mut add);
    }
    title_and_abstract(&doc, markdown, &mut add);
    authors(&doc, text, markdown, facts.is_none(), &mut add);

    let Some(f) = facts else {
        // mmark: the checks above, and the placeholders in its text.
        text_placeholders(text, &mut add);
        security_and_iana(&doc, &mut add);
        return Ok(out);
    };
    placeholders_and_empty_sections(&f, &mut add);
    version(&f, markdown, &mut add);
    self_contained(&f, &mut add);
    bcp14(&f, markdown, &mut add);
    references_and_citations(&f, markdown, &mut add);
    security_and_iana(&doc, &mut add);
    Ok(out)
}

/// The one finding of a source that does not parse.
fn malformed(path: &str, kind: SourceKind, e: &anyhow::Error) -> Finding {
    Finding {
        path: Some(path.to_owned()),
        line: None,
        name: crate::source::stem(path).to_owned(),
        code: Code::SubmitMalformed,
        message: format!("{e:#}; the Datatracker cannot read it either"),
        hint: Some(
            match kind {
                SourceKind::Xml => "`xml2rfc FILE` (or `newdraft render FILE`) says where",
                SourceKind::Mmark => {
                    "check the TOML of the title block, between the `%%%` lines (quotes, dates)"
                }
                _ => "check the YAML between the `---` lines (indentation, quotes)",
            }
            .to_owned(),
        ),
    }
}

/// The line `needle` is first on in `text`.
fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.find(needle)
        .map(|at| 1 + text[..at].matches('\n').count())
}

/// S2: title and abstract.
fn title_and_abstract(
    doc: &Document,
    markdown: bool,
    add: &mut impl FnMut(Option<usize>, Code, String, &str),
) {
    if doc.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        add(
            None,
            Code::SubmitNoTitle,
            "the document has no title".to_owned(),
            if markdown {
                "add `title:` to the front matter"
            } else {
                "add `<title>` to `<front>`"
            },
        );
    }
    if doc
        .abstract_text
        .as_deref()
        .is_none_or(|a| a.trim().is_empty())
    {
        add(
            None,
            Code::SubmitNoAbstract,
            "Abstract is empty or was not found (the Datatracker's words)".to_owned(),
            if markdown {
                "write the abstract after the `--- abstract` line"
            } else {
                "write the abstract in `<abstract><t>…</t></abstract>` in `<front>`"
            },
        );
    }
}

/// S3: authors, each with a full name and an email address; `placeholders` also looks for
/// the skeleton's placeholder author (a source without [`Facts`], where S4 does not).
fn authors(
    doc: &Document,
    text: &str,
    markdown: bool,
    placeholders: bool,
    add: &mut impl FnMut(Option<usize>, Code, String, &str),
) {
    if doc.authors.is_empty() {
        add(
            None,
            Code::SubmitNoAuthors,
            "No authors found (the Datatracker's words)".to_owned(),
            "name every author, each with `fullname` and an email address",
        );
    }
    for (i, a) in doc.authors.iter().enumerate() {
        let who = a
            .fullname
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| format!("author {}", i + 1));
        let line = a.fullname.as_deref().and_then(|n| line_of(text, n));
        if a.fullname.as_deref().is_none_or(|n| n.trim().is_empty()) {
            add(
                line,
                Code::SubmitAuthorName,
                format!("{who} has no full name"),
                if markdown {
                    "give the author a `fullname:`"
                } else {
                    "give `<author>` a `fullname` attribute"
                },
            );
        }
        if let Some(e) = a
            .email
            .as_deref()
            .filter(|e| !e.trim().is_empty() && !crate::mail::is_address(e.trim()))
        {
            add(
                line_of(text, e),
                Code::SubmitAuthorEmail,
                format!("`{e}`, the email address of {who}, is not an email address"),
                "write the author's address as `name@domain`",
            );
        }
        if a.email.as_deref().is_none_or(|e| e.trim().is_empty()) {
            add(
                line,
                Code::SubmitAuthorEmail,
                format!(
                    "{who} has no email address; the Datatracker sends its confirmation to the authors' addresses"
                ),
                if markdown {
                    "give the author an `email:`"
                } else {
                    "add `<address><email>…</email></address>` to `<author>`"
                },
            );
        }
        if placeholders {
            for v in [&a.fullname, &a.email].into_iter().flatten() {
                if crate::author::is_placeholder(v) {
                    add(
                        line_of(text, v),
                        Code::SubmitPlaceholder,
                        format!("the placeholder author `{v}` is still in the draft"),
                        "write your name and address (`init --fullname … --email …` does it for a new draft)",
                    );
                }
            }
        }
    }
}

/// S4 in a source without [`Facts`] (mmark): the placeholders in its text.
fn text_placeholders(text: &str, add: &mut impl FnMut(Option<usize>, Code, String, &str)) {
    for (i, l) in text.lines().enumerate() {
        if l.contains("TODO") || l.contains("[FILL IN") {
            add(
                Some(i + 1),
                Code::SubmitPlaceholder,
                "placeholder text is still in the draft".to_owned(),
                "fill it in or delete it",
            );
        }
    }
}

/// S4: placeholders and empty sections.
fn placeholders_and_empty_sections(
    f: &Facts,
    add: &mut impl FnMut(Option<usize>, Code, String, &str),
) {
    for p in &f.placeholders {
        let (message, hint) = if crate::author::is_placeholder(&p.value) {
            (
                format!("the placeholder author `{}` is still in the draft", p.value),
                "write your name and address (`init --fullname … --email …` does it for a new draft)",
            )
        } else {
            (
                format!("placeholder `{}` is still in the draft", p.value),
                "fill it in or delete it: the Datatracker posts the text as it is",
            )
        };
        add(Some(p.line), Code::SubmitPlaceholder, message, hint);
    }
    for s in f.sections.iter().filter(|s| s.empty) {
        add(
            Some(s.line),
            Code::SubmitEmptySection,
            if s.title.is_empty() {
                "a section without a title is empty".to_owned()
            } else {
                format!("section \"{}\" is empty", s.title)
            },
            "write it, or delete the heading",
        );
    }
}

/// S5: RFCXML version 3, a warning: the Datatracker converts a version 2 source itself (its
/// `process_submission_xml`: "If we have v2, run it through v2v3"), so it is posted, but as
/// the converter rewrites it. A kramdown-rfc source has nothing to judge here: kramdown-rfc
/// writes version 3 whatever its front matter says (`--v3` is its default since 1.6.1, 2022,
/// and a `v:` other than 3 is only warned about; cabo/kramdown-rfc#225).
fn version(f: &Facts, markdown: bool, add: &mut impl FnMut(Option<usize>, Code, String, &str)) {
    if markdown {
        return;
    }
    match &f.version {
        Some(v) if v.value.trim() == "3" => {}
        Some(v) => add(
            Some(v.line),
            Code::SubmitVersion,
            format!(
                "the source is RFCXML version {}; the Datatracker converts it to version 3 (xml2rfc's v2v3) and posts the conversion, not this file",
                v.value
            ),
            "convert it with `xml2rfc --v2v3 FILE` and keep `version=\"3\"` on `<rfc>`",
        ),
        None => add(
            Some(1),
            Code::SubmitVersion,
            "`<rfc>` has no `version=\"3\"`, so it is version 2; the Datatracker converts it to version 3 (xml2rfc's v2v3) and posts the conversion, not this file"
                .to_owned(),
            "add `version=\"3\"` to `<rfc>` (a version 2 source: `xml2rfc --v2v3 FILE`)",
        ),
    }
}

/// S6: self-contained: no `xi:include` and no external entity, local or remote.
fn self_contained(f: &Facts, add: &mut impl FnMut(Option<usize>, Code, String, &str)) {
    let expand_local = "expand it into the file: `xml2rfc --expand --allow-local-file-access NAME.xml` writes `NAME.exp.xml` with every include resolved; submit that";
    let expand_remote = "expand it into the file: `xml2rfc --expand NAME.xml` (online) writes `NAME.exp.xml` with every include resolved";
    for i in &f.includes {
        if is_remote(&i.value) {
            add(
                Some(i.line),
                Code::SubmitRemoteInclude,
                format!(
                    "`xi:include` of `{}` is fetched from the network when the draft is rendered (`xml2rfc --no-network`: \"Unable to resolve external request\")",
                    i.value
                ),
                expand_remote,
            );
        } else {
            add(
                Some(i.line),
                Code::SubmitNotSelfContained,
                format!(
                    "`xi:include` of the local file `{}`: the Datatracker receives only this file and cannot resolve it (\"XInclude processing failed\")",
                    i.value
                ),
                expand_local,
            );
        }
    }
    for (entity, e) in &f.external_entities {
        if is_remote(&e.value) {
            add(
                Some(e.line),
                Code::SubmitRemoteInclude,
                format!(
                    "the external entity `&{entity};` is fetched from `{}` when the draft is rendered",
                    e.value
                ),
                expand_remote,
            );
        } else {
            add(
                Some(e.line),
                Code::SubmitNotSelfContained,
                format!(
                    "the external entity `&{entity};` is the local file `{}`, which the Datatracker does not receive",
                    e.value
                ),
                expand_local,
            );
        }
    }
}

/// S7: BCP 14 key words, their boilerplate, and its references.
fn bcp14(f: &Facts, markdown: bool, add: &mut impl FnMut(Option<usize>, Code, String, &str)) {
    match (&f.bcp14_keyword, f.bcp14_boilerplate) {
        (Some(k), None) => add(
            Some(k.line),
            Code::SubmitBcp14Boilerplate,
            format!("`{}` is a BCP 14 key word, but the document seems to lack the BCP 14 boilerplate (idnits: \"even if it appears to use RFC 2119 keywords\")", k.value),
            if markdown {
                "add `{::boilerplate bcp14-tagged}` to a Conventions section"
            } else {
                "add the BCP 14 paragraph of RFC 8174, Section 2, citing RFC 2119 and RFC 8174"
            },
        ),
        (None, Some(line)) => add(
            Some(line),
            Code::SubmitBcp14Unused,
            "the document doesn't use any RFC 2119 keywords, yet seems to have RFC 2119 boilerplate text (idnits)".to_owned(),
            "delete the boilerplate, or write the requirements with the key words",
        ),
        _ => {}
    }
    if let Some(line) = f.bcp14_boilerplate.filter(|_| !f.bcp14_missing.is_empty()) {
        let missing = f.bcp14_missing.join(" and ");
        let cites = if f.bcp14_rfc2119_only {
            "RFC 2119's boilerplate cites RFC 2119"
        } else {
            "the BCP 14 boilerplate cites RFC 2119 and RFC 8174"
        };
        add(
            Some(line),
            Code::SubmitBcp14References,
            format!("{cites}, and the document has no normative reference to {missing}"),
            if markdown {
                "use `{::boilerplate bcp14-tagged}`, which adds both references, or cite `{{!RFC2119}}` and `{{!RFC8174}}`"
            } else {
                "add `<reference anchor=\"RFC2119\">` and `<reference anchor=\"RFC8174\">` to the normative references"
            },
        );
    }
}

/// S8: every reference cited, every citation defined.
fn references_and_citations(
    f: &Facts,
    markdown: bool,
    add: &mut impl FnMut(Option<usize>, Code, String, &str),
) {
    let cited: HashSet<&str> = f.citations.iter().map(|c| c.value.as_str()).collect();
    for r in &f.references {
        if !cited.contains(r.value.as_str()) {
            add(
                Some(r.line),
                Code::SubmitUnusedReference,
                format!(
                    "Unused reference: There seems to be no reference to [{}] in the document (xml2rfc)",
                    r.value
                ),
                "cite it where it matters, or delete it",
            );
        }
    }
    let mut reported = HashSet::new();
    for c in &f.citations {
        if !f.defines(&c.value) && reported.insert(c.value.as_str()) {
            add(
                Some(c.line),
                Code::SubmitUndefinedCitation,
                format!(
                    "Found no element to match the <xref> target attribute '{}' (xml2rfc)",
                    c.value
                ),
                if markdown {
                    "list the reference under `normative:` or `informative:`, or fix the anchor"
                } else {
                    "add a `<reference anchor=…>` (or an `anchor` on the section meant), or fix the target"
                },
            );
        }
    }
}

/// S1 on a date as written.
fn date(
    d: &DateFact,
    today: NaiveDate,
    markdown: bool,
    add: &mut impl FnMut(Option<usize>, Code, String, &str),
) {
    let hint_today = if markdown {
        "leave `date:` empty: kramdown-rfc writes the day it runs"
    } else {
        "write today's date in full: `<date year=\"…\" month=\"…\" day=\"…\"/>`"
    };
    let (year, month, day, line) = match d {
        DateFact::Today => return,
        DateFact::Missing => {
            add(
                None,
                Code::SubmitNoDate,
                "the document has no date; the Datatracker needs the document date".to_owned(),
                hint_today,
            );
            return;
        }
        DateFact::Given {
            year,
            month,
            day,
            line,
        } => (year, month, day, *line),
    };
    let Some(date) = filled_in(year, month, day, today) else {
        let written = [("year", year), ("month", month), ("day", day)]
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ");
        let message = if month.is_empty() && year.trim().parse::<i32>().is_ok() {
            format!(
                "the date has a year other than this one and no month; xml2rfc: \"Expected <date> to have the current year when month is missing, but found '{}'\", and the Datatracker cannot read it",
                year.trim()
            )
        } else {
            format!("the date ({written}) is not a date")
        };
        add(Some(line), Code::SubmitDateIncomplete, message, hint_today);
        return;
    };
    let off = (date - today).num_days();
    if off.abs() > DATE_SLACK_DAYS {
        add(
            Some(line),
            Code::SubmitDateNotToday,
            format!(
                "The document date ({date}) is more than 3 days away from today's date ({today}); the Datatracker: \"Document date must be within 3 days of submission date\""
            ),
            hint_today,
        );
    }
}

/// The date the Datatracker reads from a `<date>` as written (its `parse_creation_date`, with
/// xml2rfc's `extract_date` and `augment_date`): nothing given is today; a missing month is
/// this month, but only in this year; a missing day is today in this month, else the 15th.
/// `None` when that makes no date (a past year without a month, a month that is not one).
fn filled_in(year: &str, month: &str, day: &str, today: NaiveDate) -> Option<NaiveDate> {
    let year = if year.is_empty() {
        today.year()
    } else {
        year.trim().parse().ok()?
    };
    let month = match month {
        "" if year == today.year() => today.month(),
        "" => return None,
        m => month_number(m)?,
    };
    let day = match day {
        "" if (year, month) == (today.year(), today.month()) => today.day(),
        "" => 15,
        d => d.trim().parse().ok()?,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// A month as RFCXML allows it: a number, or an English name of at least 3 letters.
fn month_number(month: &str) -> Option<u32> {
    if let Ok(n) = month.parse::<u32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    let m = month.to_lowercase();
    if m.len() < 3 {
        return None;
    }
    (1..=12).find(|&n| {
        NaiveDate::from_ymd_opt(2000, n, 1).is_some_and(|d| {
            d.format("%B").to_string().to_lowercase().starts_with(&m) && d.month() == n
        })
    })
}

/// S9: Security and IANA Considerations.
fn security_and_iana(doc: &Document, add: &mut impl FnMut(Option<usize>, Code, String, &str)) {
    let has = |words: &str| {
        doc.sections
            .iter()
            .any(|s| s.title.to_lowercase().contains(words))
    };
    if !has("security considerations") {
        add(
            None,
            Code::SubmitNoSecurity,
            "The document seems to lack a Security Considerations section (idnits)".to_owned(),
            "add a section \"Security Considerations\" (RFC 3552)",
        );
    }
    if !has("iana considerations") {
        add(
            None,
            Code::SubmitNoIana,
            "The document seems to lack an IANA Considerations section (idnits)".to_owned(),
            "add a section \"IANA Considerations\"; with no actions, say \"This document has no IANA actions.\"",
        );
    }
}

/// Whether an include or entity is fetched over the network.
fn is_remote(uri: &str) -> bool {
    uri.starts_with("http://") || uri.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 16).unwrap()
    }

    fn codes(text: &str, kind: SourceKind) -> Vec<&'static str> {
        judge("d.xml", text, kind, today())
            .unwrap()
            .iter()
            .map(|f| f.code.as_str())
            .collect()
    }

    #[test]
    fn months_are_numbers_or_names() {
        assert_eq!(month_number("3"), Some(3));
        assert_eq!(month_number("March"), Some(3));
        assert_eq!(month_number("mar"), Some(3));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("13"), None);
    }

    // Found by setting the gate against xml2rfc and idnits3 on real drafts: quicwg's
    // load-balancers keeps RFC 2119's own boilerplate (no RFC 8174 to cite); martinthomson's
    // v2 drafts bring RFC 2119 in by `<?rfc include?>`; ietf-wg-uuidrev names figures with
    // `{: id='…'}`. xml2rfc and idnits3's submission mode raise nothing on any of them.
    #[test]
    fn what_the_validators_accept_is_not_refused() {
        let old_boilerplate = r#"<rfc version="3"><front><date/></front><middle><section><name>Conventions</name>
<t>The key words "MUST", "MUST NOT" and "MAY" in this document are to be interpreted as described in RFC 2119 <xref target="RFC2119"/>.</t>
<t>A client MUST do it.</t></section></middle>
<back><references><name>Normative References</name><reference anchor="RFC2119"><front><title>Key words</title></front></reference></references></back></rfc>"#;
        let found = codes(old_boilerplate, SourceKind::Xml);
        assert!(!found.contains(&"submit/bcp14-references"), "{found:?}");
        // RFC 8174's boilerplate still needs RFC 8174.
        let new_boilerplate = old_boilerplate.replace(
            "as described in RFC 2119",
            "as described in BCP 14 <xref target=\"RFC8174\"/> and RFC 2119",
        );
        assert!(codes(&new_boilerplate, SourceKind::Xml).contains(&"submit/bcp14-references"));
        let pi = old_boilerplate.replace(
            r#"<reference anchor="RFC2119"><front><title>Key words</title></front></reference>"#,
            r#"<?rfc include="reference.RFC.2119"?>"#,
        );
        let found = codes(&pi, SourceKind::Xml);
        assert!(
            !found.contains(&"submit/undefined-citation")
                && !found.contains(&"submit/bcp14-references"),
            "{found:?}"
        );
        let md = "---\ntitle: T\ndocname: draft-a-b-00\ndate:\nauthor:\n - name: A\n   email: a@example.com\n---\n\n--- abstract\n\nA.\n\n--- middle\n\n# Layout\n\nSee {{uuidv4fields}} and {{url-fields}}.\n\n~~~\nfields\n~~~\n{: id='uuidv4fields' title='UUIDv4 Field and Bit Layout'}\n\n~~~\nmore\n~~~\n{:id=\"url-fields\"}\n";
        let found = codes(md, SourceKind::Kramdown);
        assert!(!found.contains(&"submit/undefined-citation"), "{found:?}");
    }

    #[test]
    fn a_bare_document_fails_every_rule_it_can() {
        let c = codes(
            r#"<rfc docName="draft-a-b-00"><front><date year="2019"/></front><middle/></rfc>"#,
            SourceKind::Xml,
        );
        for code in [
            "submit/date-incomplete",
            "submit/no-title",
            "submit/no-abstract",
            "submit/no-authors",
            "submit/version",
            "submit/no-security",
            "submit/no-iana",
        ] {
            assert!(c.contains(&code), "{code} missing from {c:?}");
        }
    }

    #[test]
    fn dates_more_than_three_days_off_are_refused() {
        let at = |d: &str| {
            codes(
                &format!(
                    r#"<rfc version="3"><front><date year="2026" month="{d}"/></front></rfc>"#
                ),
                SourceKind::Xml,
            )
        };
        assert!(
            at("3\" day=\"19")
                .iter()
                .all(|c| !c.starts_with("submit/date"))
        );
        assert!(at("3\" day=\"20").contains(&"submit/date-not-today"));
        assert!(
            at("March\" day=\"13")
                .iter()
                .all(|c| !c.starts_with("submit/date"))
        );
        // A missing day is today's in this month (today is 2026-03-16), the 15th in another.
        assert!(at("3").iter().all(|c| !c.starts_with("submit/date")));
        assert!(at("2").contains(&"submit/date-not-today"));
        assert!(at("Smarch\" day=\"1").contains(&"submit/date-incomplete"));
    }

    // cose-wg/cose-rfc8152bis writes `<date/>`, cfrg's bls-signature `<date year="2026"/>`:
    // xml2rfc and the Datatracker both read today's date, and `submit/date-incomplete` said
    // the Datatracker would refuse them.
    #[test]
    fn dates_are_filled_in_as_the_datatracker_fills_them() {
        let t = today();
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(filled_in("", "", "", t), Some(t));
        assert_eq!(filled_in("2026", "", "", t), Some(t));
        assert_eq!(filled_in("2026", "March", "", t), Some(t));
        assert_eq!(filled_in("2026", "1", "", t), ymd(2026, 1, 15));
        assert_eq!(filled_in("2025", "", "", t), None);
        assert_eq!(filled_in("2026", "13", "1", t), None);
        let xml = |date: &str| {
            codes(
                &format!(r#"<rfc version="3"><front>{date}</front></rfc>"#),
                SourceKind::Xml,
            )
        };
        for date in [
            "<date/>",
            r#"<date year="2026"/>"#,
            r#"<date year="2026" month="mar"/>"#,
        ] {
            assert!(
                xml(date).iter().all(|c| !c.starts_with("submit/date")),
                "{date}"
            );
        }
        assert!(xml(r#"<date year="2025"/>"#).contains(&"submit/date-incomplete"));
    }
}
