//! Names made from what a person types: `init`'s `draft-<surname>-<wg>-<topic>` from free
//! text, the name component any free text becomes, and the subject an individual draft's name
//! keeps when a group adopts it (`adopt` writes it, `check --adopted-by` suggests it).
//!
//! `compose` refuses what `check` would reject, with the same codes, by running the same rules
//! on the name it builds; its own messages speak of the surname, group or topic as typed.

use std::fmt;

use crate::groups::{self, Kind};

use super::findings::{Code, Issue, Severity};
use super::hints::{cut, fitting_components};
use super::rules::{GROUP_TYPE_SLUGS, group_standing, reserved_body, semantics, syntax};
use super::{Context, DraftName, MAX_NAME_LEN};

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
    let after = &rest[author_len(rest, authors, workgroup)? + 1..];
    let (target, subject) =
        target_group_of(after, wg, workgroup).map_or((None, after), |(g, s)| (Some(g), s));
    (!subject.is_empty()).then_some((target, subject))
}

/// How long the author is at the start of `rest` (a name without `draft-`): the longest
/// surname of `authors` that starts it, else the words before a dispatch group or `workgroup`
/// a little further on, else the first component. `None` when `rest` has one component.
fn author_len(rest: &str, authors: &[String], workgroup: Option<&str>) -> Option<usize> {
    let first = rest.find('-')?;
    let mut author_len = first;
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
    if author_len == first {
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
    Some(author_len)
}

/// The group `after` (a name after its author) was aimed at, and the subject that follows it:
/// a hyphenated group acronym, or the first component when it is `wg`, a known working or
/// research group, or `workgroup`. `None` when there is no such group, or no subject after it.
fn target_group_of<'a>(
    after: &'a str,
    wg: &str,
    workgroup: Option<&str>,
) -> Option<(&'a str, &'a str)> {
    let strip = |prefix: &str| {
        after
            .strip_prefix(prefix)
            .and_then(|r| r.strip_prefix('-'))
            .filter(|r| !r.is_empty())
    };
    groups::hyphenated()
        .find_map(|g| strip(g.acronym).map(|s| (&after[..g.acronym.len()], s)))
        .or_else(|| {
            let third = after.split('-').next()?;
            let known = third == wg
                || groups::lookup(third).is_some_and(|g| g.kind != Kind::Other)
                || workgroup.is_some_and(|w| component(w) == third);
            if known {
                strip(third).map(|s| (&after[..third.len()], s))
            } else {
                None
            }
        })
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
            'a'..='z' | 'A'..='Z' | '0'..='9' => {
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
    let s = surname_component(surname, topic)?;
    let (w, mut warnings) = target_group(wg)?;
    let t = topic_component(topic)?;
    let (name, found) = assemble(&s, &w, &t)?;
    warnings.extend(found);
    let adjustments = [
        adjustment("surname", surname, &s),
        adjustment("--wg", wg, &w),
        adjustment("topic", topic, &t),
    ];
    Ok(Composed {
        name,
        surname: s,
        wg: w,
        topic: t,
        adjustments: adjustments.into_iter().flatten().collect(),
        warnings,
    })
}

/// What was typed, when it is not what is used.
fn adjustment(what: &'static str, from: &str, to: &str) -> Option<Adjustment> {
    (from != to).then(|| Adjustment {
        what,
        from: from.to_owned(),
        to: to.to_owned(),
    })
}

/// The surname as a name component. Refused here, in words about the surname, when its first
/// word would make the name claim a stream, a body or a kind of group (R10, R11), or start
/// with a digit (R2); the rules would refuse the whole name too, but in words about a name
/// the user never typed.
fn surname_component(surname: &str, topic: &str) -> Result<String, Issue> {
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
    if let Some(body) = reserved_body(first) {
        return Err(Issue::new(
            Code::Reserved,
            format!("the surname `{s}` would make a `draft-{first}-` name, reserved for {body}"),
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
    Ok(s)
}

/// `--wg` as an acronym, with a warning when it is not an active working or research group in
/// the snapshot. The one acronym grammar (`groups::Acronym`), and no stream or body as a
/// target group.
fn target_group(wg: &str) -> Result<(String, Vec<Issue>), Issue> {
    let acronym = groups::Acronym::parse("--wg", wg).map_err(|e| {
        Issue::new(Code::BadChar, e.to_string())
            .hint("give the target group's acronym, e.g. `--wg dispatch` or `--wg secdispatch`")
    })?;
    let role = acronym.role();
    let w = acronym.into_string();
    let warning = match role {
        groups::Role::Body => {
            return Err(Issue::new(
                Code::Reserved,
                format!("`{w}` is not a group that takes drafts; `--wg` names the working group the draft is aimed at"),
            )
            .hint("e.g. `--wg dispatch`"));
        }
        groups::Role::Other(g) => Some(Issue::new(
            Code::UnknownGroup,
            format!("`{w}` ({}) is not a working or research group", g.name),
        )),
        groups::Role::Group(_) | groups::Role::Unknown => group_standing(&w, "", "", "--wg "),
    };
    Ok((w, warning.into_iter().collect()))
}

/// The topic as name components.
fn topic_component(topic: &str) -> Result<String, Issue> {
    let t = component(topic);
    if t.is_empty() {
        return Err(Issue::new(
            Code::Empty,
            format!("the topic `{topic}` has no letters or digits to make a name component from"),
        )
        .hint("describe the topic in a few words, e.g. `\"widget discovery\"`"));
    }
    Ok(t)
}

/// `draft-<s>-<w>-<t>` judged by the rules `check` applies to an individual draft: the first
/// error (a too-long name told how long a topic fits, a topic ending in a revision told so),
/// else the name and its warnings.
fn assemble(s: &str, w: &str, t: &str) -> Result<(DraftName, Vec<Issue>), Issue> {
    let text = format!("draft-{s}-{w}-{t}");
    let mut issues = Vec::new();
    let parsed = syntax(&text, false, &mut issues);
    if let Some(mut issue) = issues.into_iter().next() {
        if issue.code == Code::TooLong {
            let room = MAX_NAME_LEN.saturating_sub(text.len() - t.len());
            let short = shorten_topic(t, room);
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
    let mut found = Vec::new();
    semantics(&name, &Context::default(), &mut found);
    if let Some(err) = found.iter().find(|i| i.severity() == Severity::Error) {
        return Err(err.clone());
    }
    Ok((name, found))
}

/// The longest prefix of a topic's components that fits in `room` characters.
fn shorten_topic(topic: &str, room: usize) -> String {
    match fitting_components(topic, room, 0) {
        "" if room > 0 => cut(topic, room).to_owned(),
        fits => fits.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
