//! What the Datatracker's knowledge means for a name being checked: findings for `check`, the
//! refusal of a taken name for `init`.
//!
//! The index is a snapshot, so the findings that depend on nothing having happened since (a
//! skipped revision, a new name at `-05`, an expiry) are warnings that say the snapshot's date
//! and "unless …"; a case twin (R14) is an error, since legacy names never change. An already
//! posted revision (an archive copy of `-03` when the index is at `-07`) is fine: checking a
//! repository's history is not posting it again.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use super::{Entry, Index, State};
use crate::name::{Code, DraftName, Revision};
use crate::report::Finding;

/// A draft expires this many days after its latest revision's date (as xml2rfc computes the
/// date it prints, and the Datatracker expires).
pub const EXPIRY_DAYS: u64 = 185;

/// "Expires soon": within this many days.
pub const EXPIRES_SOON_DAYS: i64 = 30;

/// An index older than this gets a note suggesting `index update`.
pub const STALE_DAYS: i64 = 30;

/// A name `check` found: the name and revision, and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// As written (a name, a file name, a `docName`), for the finding's `name`.
    pub shown: String,
    /// The name without revision.
    pub name: String,
    /// The revision, when it has one.
    pub revision: Option<Revision>,
    /// The file it is in, if any.
    pub path: Option<String>,
    /// The line, if any.
    pub line: Option<usize>,
}

impl Checked {
    /// The name in `input` (a name, versioned name, or file name with a directory), or `None`
    /// when it is no valid name: those have their findings already, and the index is not asked.
    pub fn new(input: &str, path: Option<&str>, line: Option<usize>) -> Option<Checked> {
        let file = input.rsplit(['/', '\\']).next().unwrap_or(input);
        let stem = file.split_once('.').map_or(file, |(s, _)| s);
        let parsed = DraftName::parse(stem).ok()?;
        Some(Checked {
            shown: input.to_owned(),
            name: parsed.as_str().to_owned(),
            revision: parsed.revision(),
            path: path.map(str::to_owned),
            line,
        })
    }

    fn finding(&self, code: Code, message: String, hint: String) -> Finding {
        Finding {
            path: self.path.clone(),
            line: self.line,
            name: self.shown.clone(),
            code,
            message,
            hint: Some(hint),
        }
    }
}

/// What newdraft knows from the Datatracker for one run: the draft index (cached or `--index`)
/// and the answers of `--online`.
#[derive(Debug, Clone, Default)]
pub struct Knowledge {
    /// The draft index, if there is one.
    pub index: Option<Index>,
    /// `--online` answers: name → the document, or `None` when the Datatracker has none.
    pub online: BTreeMap<String, Option<Entry>>,
    /// The day the online answers were given.
    pub asked: Option<NaiveDate>,
}

impl Knowledge {
    /// Whether anything is known (else the checks are skipped, with one note).
    pub fn is_empty(&self) -> bool {
        self.index.is_none() && self.online.is_empty()
    }

    /// What is known about `name`, and the words that date it. `None` when neither the index
    /// nor `--online` can say.
    fn lookup(&self, name: &str) -> Option<(Option<&Entry>, Source)> {
        if let (Some(answer), Some(day)) = (self.online.get(name), self.asked) {
            return Some((answer.as_ref(), Source::Online(day)));
        }
        let index = self.index.as_ref()?;
        Some((index.get(name), Source::Index(index.date())))
    }

    /// Whether the index (or `--online`) holds `name` as a stream name: adoption evidence.
    pub fn adopted(&self, name: &str) -> bool {
        let stream = crate::name::is_stream_name(name);
        match self.lookup(name) {
            Some((entry, _)) => stream && entry.is_some(),
            None => false,
        }
    }
}

/// Where an answer comes from, for the words in a message.
#[derive(Debug, Clone, Copy)]
enum Source {
    Index(Option<NaiveDate>),
    Online(NaiveDate),
}

impl Source {
    /// `the Datatracker's index of 2022-04-01`, `the Datatracker on 2026-11-29`.
    fn words(self) -> String {
        match self {
            Source::Index(Some(d)) => format!("the Datatracker's index of {d}"),
            Source::Index(None) => "the Datatracker's index (undated)".to_owned(),
            Source::Online(d) => format!("the Datatracker on {d}"),
        }
    }

    /// `, unless it was posted after 2022-04-01`: a snapshot cannot know what came later.
    fn unless_later(self, what: &str) -> String {
        match self {
            Source::Index(Some(d)) => format!(", unless {what} after {d}"),
            Source::Index(None) => format!(", unless {what} since"),
            Source::Online(_) => String::new(),
        }
    }
}

/// The day a draft dated `date` expires.
pub fn expiry(date: NaiveDate) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(EXPIRY_DAYS))
}

/// The findings for the names `check` found, against what is known; `today` dates expiry.
pub fn findings(known: &Knowledge, names: &[Checked], today: NaiveDate) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in names {
        let Some((entry, source)) = known.lookup(&c.name) else {
            continue;
        };
        match entry {
            None => not_posted(known, c, source, &mut out),
            Some(e) => posted(c, e, source, today, &mut out),
        }
    }
    out
}

/// A name the Datatracker does not hold: a case twin (R14), or a first revision other than
/// `-00`.
fn not_posted(known: &Knowledge, c: &Checked, source: Source, out: &mut Vec<Finding>) {
    if let Some(twin) = known.index.as_ref().and_then(|i| i.case_twin(&c.name)) {
        out.push(c.finding(
            Code::IndexCaseTwin,
            format!(
                "`{}` differs only in case from the legacy draft `{}` ({}, {}); the Datatracker refuses a name that collides with one (rule R14)",
                c.name,
                twin.versioned(),
                twin.state.describe(),
                Source::Index(known.index.as_ref().and_then(Index::date)).words()
            ),
            "choose a name that differs from it in more than case".to_owned(),
        ));
        return;
    }
    if let Some(rev) = c.revision.filter(|r| *r != Revision::FIRST) {
        out.push(c.finding(
            Code::IndexNotPosted,
            format!(
                "`{}` is not in {}, so its first revision is `-00`, not `-{rev}`{}",
                c.name,
                source.words(),
                source.unless_later("it was posted")
            ),
            format!("a new name starts at `{}-00`", c.name),
        ));
    }
}

/// A name the Datatracker holds.
fn posted(c: &Checked, e: &Entry, source: Source, today: NaiveDate, out: &mut Vec<Finding>) {
    let Some(latest) = e.revision else {
        return; // a legacy row without a revision: nothing to compare with
    };
    let new_revision = match c.revision {
        None => true,
        Some(r) => r > latest,
    };
    if new_revision {
        if let Some(f) = closed(c, e, latest, source) {
            out.push(f);
            return;
        }
    }
    match c.revision {
        None => out.push(taken_finding(c, e, latest, source)),
        Some(r) => {
            if let Some(f) = skipped(c, r, latest, source) {
                out.push(f);
                return;
            }
        }
    }
    // Expiry: of the latest revision of an active draft, as of `today`.
    let current = c.revision.is_none_or(|r| r == latest);
    if current && e.state == State::Active {
        out.extend(expires_soon(c, e, latest, source, today));
    }
}

/// A new revision of a draft that takes none: published as an RFC, or replaced.
fn closed(c: &Checked, e: &Entry, latest: Revision, source: Source) -> Option<Finding> {
    match &e.state {
        State::Rfc(number) => {
            let rfc = number.map_or_else(|| "an RFC".to_owned(), |n| format!("RFC {n}"));
            Some(c.finding(
                Code::IndexRfc,
                format!(
                    "`{}` was published as {rfc} ({}, at `-{latest}`); the Datatracker takes no new revision of it",
                    c.name,
                    source.words()
                ),
                match number {
                    Some(n) => format!(
                        "to revise {rfc}, start a new draft, e.g. `draft-<surname>-rfc{n}bis`"
                    ),
                    None => "to revise the RFC, start a new draft".to_owned(),
                },
            ))
        }
        State::Replaced(by) => {
            let (what, hint) = match by {
                Some(by) => (
                    format!("was replaced by `{by}`"),
                    format!("work on `{by}` instead"),
                ),
                None => (
                    "was replaced".to_owned(),
                    "work on the draft that replaced it instead".to_owned(),
                ),
            };
            Some(c.finding(
                Code::IndexReplaced,
                format!(
                    "`{}` {what} ({}, at `-{latest}`); the Datatracker takes no new revision of a replaced draft",
                    c.name,
                    source.words()
                ),
                hint,
            ))
        }
        _ => None,
    }
}

/// A name without revision that the Datatracker holds: taken, unless it is the author's own.
fn taken_finding(c: &Checked, e: &Entry, latest: Revision, source: Source) -> Finding {
    c.finding(
        Code::IndexTaken,
        format!(
            "`{}` is taken: {} has `{}` ({}{}); a new draft needs a name of its own",
            c.name,
            source.words(),
            e.versioned(),
            e.state.describe(),
            e.date.map(|d| format!(", {d}")).unwrap_or_default()
        ),
        match latest.next() {
            Some(n) => format!(
                "if it is yours, its next revision is `{}-{n}`; otherwise choose another name",
                c.name
            ),
            None => "choose another name".to_owned(),
        },
    )
}

/// A revision `r` that skips the one after `latest`.
fn skipped(c: &Checked, r: Revision, latest: Revision, source: Source) -> Option<Finding> {
    let expected = latest.next().filter(|&n| r > n)?;
    Some(c.finding(
        Code::IndexSkipped,
        format!(
            "`{}-{r}` skips `-{expected}`: the latest revision in {} is `-{latest}`{}",
            c.name,
            source.words(),
            source.unless_later("later revisions were posted")
        ),
        format!("the next revision is `{}-{expected}`", c.name),
    ))
}

/// The latest revision of an active draft when it expires within [`EXPIRES_SOON_DAYS`] of
/// `today`.
fn expires_soon(
    c: &Checked,
    e: &Entry,
    latest: Revision,
    source: Source,
    today: NaiveDate,
) -> Option<Finding> {
    let expires = e.expires.or_else(|| e.date.and_then(expiry))?;
    let left = (expires - today).num_days();
    if !(0..=EXPIRES_SOON_DAYS).contains(&left) {
        return None;
    }
    Some(c.finding(
        Code::IndexExpiresSoon,
        format!(
            "`{}` expires on {expires}, in {left} days ({})",
            e.versioned(),
            match (e.expires, e.date) {
                (None, Some(d)) =>
                    format!("{EXPIRY_DAYS} days after its date {d}, {}", source.words()),
                _ => source.words(),
            }
        ),
        match latest.next() {
            Some(n) => format!("post `{}-{n}` before then to keep it active", c.name),
            None => "post a new draft before then".to_owned(),
        },
    ))
}

/// Why `init` may not use `name`: taken, or a case twin; with a free name to suggest instead.
pub fn taken(index: &Index, name: &str) -> Option<String> {
    let (what, holder, rule) = if let Some(e) = index.get(name) {
        ("is taken", e, "R7")
    } else {
        (
            "differs only in case from a legacy draft",
            index.case_twin(name)?,
            "R14",
        )
    };
    Some(format!(
        "`{name}` {what}: the Datatracker's index of {} has `{}` ({}) (rule {rule})",
        index.date_text(),
        holder.versioned(),
        holder.state.describe()
    ))
}

/// A free name close to `name` (`…-v2`, `…-ext`, …), within `max_len`, if the index has one.
pub fn free_variant(index: &Index, name: &str, max_len: usize) -> Option<String> {
    ["v2", "ext", "update", "new"]
        .iter()
        .map(|w| format!("{name}-{w}"))
        .find(|n| n.len() <= max_len && index.get(n).is_none() && index.case_twin(n).is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SLICE: &str = "draft-ietf-tls-esni-14\t2022-02-13\tActive\t\n\
draft-ietf-dnsind-dynDNS-10\t1996-11-09\tRFC\t2136\n\
draft-ietf-quic-transport-34\t2021-01-14\tRFC\t9000\n\
draft-farinacci-lisp-signal-free-multicast-04\t2015-12-06\tReplaced replaced by draft-ietf-lisp-signal-free-multicast\t\n\
draft-eggert-bcp45bis-08\t2022-02-24\tIn IESG processing - ID Tracker state <RFC Ed Queue>\t\n";

    fn known() -> Knowledge {
        Knowledge {
            index: Some(Index::parse(SLICE.as_bytes())),
            ..Knowledge::default()
        }
    }

    fn codes(name: &str, today: &str) -> Vec<Code> {
        let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
        let c = Checked::new(name, None, None).unwrap();
        findings(&known(), &[c], today)
            .into_iter()
            .map(|f| f.code)
            .collect()
    }

    #[track_caller]
    fn case(name: &str, expected: &[Code]) {
        assert_eq!(codes(name, "2022-04-01"), expected, "{name}");
    }

    #[test]
    fn judges_names_against_the_index() {
        case("draft-ietf-tls-esni", &[Code::IndexTaken]);
        case("draft-ietf-tls-esni-10", &[]);
        case("draft-ietf-tls-esni-14", &[]);
        case("draft-ietf-tls-esni-15", &[]);
        case("draft-ietf-tls-esni-16", &[Code::IndexSkipped]);
        case("draft-ietf-quic-transport-35", &[Code::IndexRfc]);
        case("draft-ietf-quic-transport-20", &[]);
        case("draft-ietf-quic-transport", &[Code::IndexRfc]);
        case(
            "draft-farinacci-lisp-signal-free-multicast-05",
            &[Code::IndexReplaced],
        );
        case("draft-farinacci-lisp-signal-free-multicast-04.xml", &[]);
        case("draft-ietf-dnsind-dyndns-11", &[Code::IndexCaseTwin]);
        case("draft-doe-new-thing-00", &[]);
        case("draft-doe-new-thing", &[]);
        case("draft-doe-new-thing-03", &[Code::IndexNotPosted]);
        case("draft-eggert-bcp45bis-09", &[]);
        case("dir/draft-ietf-tls-esni-16.xml", &[Code::IndexSkipped]);
    }

    #[test]
    fn warns_of_expiry_only_within_a_month() {
        // draft-ietf-tls-esni-14 of 2022-02-13 expires on 2022-08-17.
        assert_eq!(
            codes("draft-ietf-tls-esni-14", "2022-08-01"),
            [Code::IndexExpiresSoon]
        );
        assert_eq!(codes("draft-ietf-tls-esni-14", "2022-07-01"), []);
        assert_eq!(codes("draft-ietf-tls-esni-14", "2022-08-18"), []);
        assert_eq!(codes("draft-ietf-tls-esni-13", "2022-08-01"), []);
        assert_eq!(
            expiry(NaiveDate::from_ymd_opt(2022, 2, 13).unwrap()),
            NaiveDate::from_ymd_opt(2022, 8, 17)
        );
    }

    #[test]
    fn every_message_says_the_index_date() {
        let today = NaiveDate::from_ymd_opt(2022, 4, 1).unwrap();
        let names: Vec<Checked> = [
            "draft-ietf-tls-esni",
            "draft-ietf-tls-esni-16",
            "draft-ietf-quic-transport-35",
            "draft-farinacci-lisp-signal-free-multicast-05",
            "draft-ietf-dnsind-dyndns-11",
            "draft-doe-new-thing-03",
        ]
        .iter()
        .filter_map(|n| Checked::new(n, None, None))
        .collect();
        let found = findings(&known(), &names, today);
        assert_eq!(found.len(), 6);
        for f in found {
            assert!(f.message.contains("index of 2022-02-24"), "{}", f.message);
        }
    }

    #[test]
    fn online_answers_win_and_are_dated_today() {
        let mut k = known();
        k.asked = NaiveDate::from_ymd_opt(2026, 11, 29);
        k.online.insert("draft-ietf-tls-esni".to_owned(), None);
        let c = Checked::new("draft-ietf-tls-esni-03", None, None).unwrap();
        let f = findings(&k, &[c], NaiveDate::from_ymd_opt(2026, 11, 29).unwrap());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, Code::IndexNotPosted);
        assert!(f[0].message.contains("the Datatracker on 2026-11-29"));
        assert!(!f[0].message.contains("unless"));
    }

    #[test]
    fn init_is_told_a_taken_name_and_a_free_one() {
        let index = Index::parse(SLICE.as_bytes());
        assert!(taken(&index, "draft-ietf-tls-esni").is_some());
        assert!(taken(&index, "draft-ietf-dnsind-dyndns").is_some());
        assert!(taken(&index, "draft-doe-new").is_none());
        assert_eq!(
            free_variant(&index, "draft-ietf-tls-esni", 50).as_deref(),
            Some("draft-ietf-tls-esni-v2")
        );
        assert_eq!(free_variant(&index, &"x".repeat(48), 50), None);
    }

    #[test]
    fn adoption_evidence_is_a_stream_name_the_index_holds() {
        let k = known();
        assert!(k.adopted("draft-ietf-tls-esni"));
        assert!(!k.adopted("draft-ietf-tls-other"));
        assert!(!k.adopted("draft-farinacci-lisp-signal-free-multicast"));
        assert!(!Knowledge::default().adopted("draft-ietf-tls-esni"));
    }
}
