//! What to type instead: the fixes the rules' hints suggest, and the guarantee that a hint
//! which names a name names a valid one.
//!
//! Hints are built only for names that break a rule, so nothing here is on the hot path; what
//! matters is that a suggestion never sends the user to another finding (issue 10).

use super::compose::component;
use super::findings::{Issue, Severity};
use super::rules::{NAME_SHAPE, form_syntax, looks_like_file};
use super::{Form, MAX_NAME_LEN, Revision};

/// A hint that names a name names a valid one: every suggestion among `issues` (found in
/// `input`, read in the resolved `form`) passes the rules it is suggested against; or it gives
/// way to one made from the whole input that does; or, when the input is that already (the
/// issue is not its syntax), it is completed with what `form` asks and it lacks (`-00`, the
/// first revision of the other name it suggests; an extension); or it gives way to the general
/// form.
///
/// A `<placeholder>` in a suggestion stands for a component (`draft-<surname>-tls-foo`): it is
/// judged as one, not taken for a broken name and "repaired" into the input the issue is about.
/// Nor is the input itself, when it is a valid name, a fix for anything.
pub(super) fn valid_suggestions(input: &str, form: Form, issues: &mut [Issue]) {
    for issue in issues {
        let Some(suggested) = issue.hint.as_deref().and_then(suggested_name) else {
            continue;
        };
        if syntax_ok(&filled(suggested), form) {
            continue;
        }
        // The whole input repaired first: a hint made from part of it (`draft-doe-widget` of
        // `draft-doe-widget.discovery-00.xml`) loses the rest.
        if let Some(r) = repaired(input, form).filter(|r| r != input) {
            issue.hint = Some(format!("use `{r}`"));
            continue;
        }
        let completed = completed(suggested, form).filter(|c| syntax_ok(&filled(c), form));
        issue.hint = Some(match completed {
            Some(c) => issue.hint.as_deref().unwrap_or_default().replacen(
                &format!("`{suggested}`"),
                &format!("`{c}`"),
                1,
            ),
            None => NAME_SHAPE.to_owned(),
        });
    }
}

/// `name` with each `<placeholder>` as a plain component, to judge the shape around it.
fn filled(name: &str) -> std::borrow::Cow<'_, str> {
    if !name.contains('<') {
        return name.into();
    }
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = &rest[open..];
            break;
        };
        out.push('x');
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out.into()
}

/// A suggested name given what `form` asks and it lacks: `-00` where a revision is required
/// (a name a hint suggests instead of the input's is a new name, which starts at `-00`), then
/// `.xml` for a submission file. `None` when it lacks nothing of that.
fn completed(suggested: &str, form: Form) -> Option<String> {
    let mut out = suggested.to_owned();
    let needs_revision = matches!(form, Form::Versioned | Form::File);
    if needs_revision && !looks_like_file(&out) && Revision::split(&out).1.is_none() {
        out.push_str("-00");
    }
    if form == Form::File && !looks_like_file(&out) {
        out.push_str(".xml");
    }
    (out != suggested).then_some(out)
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
    let parsed = form_syntax(name, form, &mut issues);
    parsed.is_some() && issues.iter().all(|i| i.severity() != Severity::Error)
}

/// The whole input made into a valid name of `form`, when that can be done without inventing a
/// component: lower case, other characters as hyphens, `draft-` in front, a revision written
/// with a dot made one (`-0.1` → `-01`), `-00` where a revision is required and there is none
/// (a final `-1` is part of the name), `.xml` or `.txt` for a file.
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
    let mut name = revision_undotted(stem);
    if !name.starts_with("draft-") {
        name = format!("draft-{name}");
    }
    // A final `-1` or `-100` is part of the name (R6: a revision is exactly two digits).
    if matches!(form, Form::File | Form::Versioned) && Revision::split(&name).1.is_none() {
        name.push_str("-00");
    }
    if !ext.is_empty() {
        name = format!("{name}.{ext}");
    }
    syntax_ok(&name, form).then_some(name)
}

/// A name shortened to 50 characters by dropping trailing subject components, or cutting the
/// last one; `None` when nothing sensible remains.
pub(super) fn shorten(name: &str) -> Option<String> {
    if !name.is_ascii() {
        return None;
    }
    let mut out = fitting_components(name, MAX_NAME_LEN, 4);
    if out.len() > MAX_NAME_LEN {
        out = cut(out, MAX_NAME_LEN);
    }
    // A stream name keeps its group and a subject: `draft-ietf-<group>-<subject>`.
    let min = if out.starts_with("draft-ietf-") || out.starts_with("draft-irtf-") {
        4
    } else {
        3
    };
    (out.split('-').count() >= min).then(|| out.to_owned())
}

/// The longest prefix of whole components of `text` that fits in `room` bytes, but never fewer
/// than `keep` components. One pass over the components: rejoining them after each drop was
/// quadratic in the number of hyphens (a hostile `docName` of thousands took seconds).
pub(super) fn fitting_components(text: &str, room: usize, keep: usize) -> &str {
    let mut end = 0;
    for (i, part) in text.split('-').enumerate() {
        let next = if i == 0 {
            part.len()
        } else {
            end + 1 + part.len()
        };
        if i >= keep && next > room {
            break;
        }
        end = next;
    }
    &text[..end]
}

/// `text` cut to its first `room` characters, without the hyphens that then end it.
pub(super) fn cut(text: &str, room: usize) -> &str {
    let end = text
        .char_indices()
        .nth(room)
        .map_or(text.len(), |(at, _)| at);
    text[..end].trim_end_matches('-')
}

/// A name with `draft-` put in front, when that makes a name (`smith-x-00` → `draft-smith-x-00`).
pub(super) fn prefix_fix(input: &str) -> Option<String> {
    let lower = input.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("draft-")
        .or_else(|| lower.strip_prefix("draft_"))
        .or_else(|| lower.strip_prefix("draft"))
        .unwrap_or(&lower);
    let candidate = normalize_name(&format!("draft-{}", rest.trim_start_matches(['-', '_'])))?;
    syntax_ok(&candidate, Form::Name).then_some(candidate)
}

/// A best-effort corrected name: lower case, ASCII, other characters as hyphens, no empty
/// components. `None` when nothing valid comes out.
pub(super) fn normalize_name(input: &str) -> Option<String> {
    let out = revision_undotted(input.trim());
    let ok = out.starts_with("draft-") && out.len() > "draft-".len();
    ok.then_some(out)
}

/// `stem` made of name characters, a revision written with a dot made a revision: `draft-x.00`
/// and `draft-x-0.0` → `draft-x-00`, `draft-x-0.1` → `draft-x-01`, and `-00` when its digits
/// make no revision (`draft-x-1.2.3`). Not `draft-x-0-1`, a name that does not exist.
fn revision_undotted(stem: &str) -> String {
    match Revision::split_dotted(stem) {
        Some((name, rev)) => format!("{}-{}", component(name), rev.unwrap_or(Revision::FIRST)),
        None => component(stem),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::name::findings::Code;
    use crate::name::tests::verdict;
    use crate::name::{Context, check_name};

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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        /// The one-pass shortening says what the quadratic one said.
        #[test]
        fn shorten_agrees_with_the_reference(s in "draft(-[a-z0-9]{0,12}){0,12}") {
            proptest::prop_assert_eq!(shorten(&s), shorten_reference(&s));
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
            let resolved = form.resolve(&input);
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
