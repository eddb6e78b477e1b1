//! What the Datatracker knows about every draft: its index, read offline.
//!
//! The Datatracker publishes `all_id.txt` (`all_id_txt()` in its `ietf/idindex/index.py`): one
//! line per draft it holds, exactly four tab-separated fields — the name with its latest
//! revision, that revision's date, the state, and the RFC number on `RFC` rows. `all_id2.txt`
//! (`all_id2_txt()`) has seventeen fields a line and adds the group, the title and the authors;
//! [`Index::parse`] reads either, line by line.
//!
//! The index answers the questions the Datatracker asks at upload and that nothing local can:
//! is the name taken, which revision comes next, was the draft replaced or published as an RFC,
//! does a legacy name differ from this one only in case (R14). [`rules`] turns the answers into
//! findings for `check` and refusals for `init` and `adopt`; [`store`] keeps a copy in the
//! user's cache directory with the time it was fetched; [`fetch`] is `index update` and
//! `check --online`, the only code that reaches the network (through [`crate::http`]).
//!
//! The index is untrusted input like any other: parsing is one pass over the bytes, a line that
//! is not a draft line is skipped and counted, never a panic, and the input is capped at
//! [`MAX_BYTES`] before it is read.

pub mod fetch;
pub mod knowledge;
pub mod rules;
pub mod store;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::name::Revision;

/// The largest index read (the real `all_id.txt` is about 2.5 MB, `all_id2.txt` about 12 MB).
pub const MAX_BYTES: u64 = 64 << 20;

/// A line longer than this is not an index line (the longest real one is under 300 bytes in
/// `all_id.txt`; `all_id2.txt` lines with many authors reach a few KiB).
const MAX_LINE: usize = 64 << 10;

/// The longest name read from the index; the grammar allows 50 characters, legacy names a few
/// more.
const MAX_NAME: usize = 255;

/// Where a draft stands, as the index says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Posted and not expired.
    Active,
    /// Posted, and expired (a new revision revives it).
    Expired,
    /// Being processed by the IESG; the text is the I-D Tracker state.
    Iesg(String),
    /// Published as an RFC, with its number when the index gives it.
    Rfc(Option<u32>),
    /// Replaced by another draft, named when the index names one.
    Replaced(Option<String>),
    /// Withdrawn, by its authors or by the IETF (the text is the index's).
    Withdrawn(String),
    /// A state this version of newdraft does not know, as written.
    Other(String),
}

impl State {
    /// Read field 3 of `all_id.txt` (and the 4th, the RFC number).
    fn parse(state: &str, rfc: &str) -> State {
        let state = state.trim();
        if let Some(rest) = state.strip_prefix("In IESG processing") {
            // `In IESG processing - I-D Tracker state <In Last Call>` (2022: `ID Tracker`).
            let inner = rest
                .find('<')
                .and_then(|i| rest[i + 1..].strip_suffix('>'))
                .unwrap_or(rest.trim_start_matches([' ', '-']));
            return State::Iesg(inner.to_owned());
        }
        if let Some(rest) = state.strip_prefix("Replaced") {
            let by = rest.trim().strip_prefix("replaced by").map(str::trim);
            // The Datatracker writes `0` when it has no successor on record.
            let by = by.filter(|b| b.starts_with("draft-") && b.len() <= MAX_NAME);
            return State::Replaced(by.map(str::to_owned));
        }
        match state {
            "Active" => State::Active,
            "Expired" => State::Expired,
            "RFC" => State::Rfc(rfc.trim().parse().ok().filter(|&n| n > 0)),
            s if s.starts_with("Withdrawn") => State::Withdrawn(s.to_owned()),
            s => State::Other(s.to_owned()),
        }
    }

    /// The state in a few words, for messages (`active`, `RFC 9000`, `replaced by draft-x`).
    pub fn describe(&self) -> String {
        match self {
            State::Active => "active".to_owned(),
            State::Expired => "expired".to_owned(),
            State::Iesg(s) => format!("in IESG processing ({s})"),
            State::Rfc(Some(n)) => format!("RFC {n}"),
            State::Rfc(None) => "an RFC".to_owned(),
            State::Replaced(Some(by)) => format!("replaced by `{by}`"),
            State::Replaced(None) => "replaced".to_owned(),
            State::Withdrawn(s) | State::Other(s) => s.to_lowercase(),
        }
    }
}

/// One draft the index holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The name without its revision, as the index writes it (legacy names may have upper case).
    pub name: String,
    /// The latest revision posted; `None` for the few legacy rows without one.
    pub revision: Option<Revision>,
    /// The date of that revision.
    pub date: Option<NaiveDate>,
    /// Where the draft stands.
    pub state: State,
    /// The group the Datatracker files it under (`all_id2.txt` and `--online` only).
    pub group: Option<String>,
    /// When it expires, when the source says (`--online`); else 185 days after `date`.
    pub expires: Option<NaiveDate>,
}

impl Entry {
    /// `name-NN`, as posted.
    pub fn versioned(&self) -> String {
        match self.revision {
            Some(r) => format!("{}-{r}", self.name),
            None => self.name.clone(),
        }
    }
}

/// The draft index: every draft the Datatracker held when it was made.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Sorted by name, one entry a name.
    entries: Vec<Entry>,
    /// Lower-cased name → position, for the names that are not all lower case (R14).
    folded: HashMap<String, usize>,
    /// The newest revision date in the index: the day it describes.
    date: Option<NaiveDate>,
    /// Lines that were not draft lines.
    skipped: usize,
}

impl Index {
    /// Parse `all_id.txt` or `all_id2.txt` text. Lines that are not draft lines (the header,
    /// garbage) are skipped and counted; a later line for the same name wins.
    pub fn parse(bytes: &[u8]) -> Index {
        let mut entries = Vec::new();
        let mut skipped = 0;
        for line in bytes.split(|&b| b == b'\n') {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            // Blank lines, and the comment header of `all_id2.txt`, are no garbage.
            if line.iter().all(u8::is_ascii_whitespace) || line.starts_with(b"#") {
                continue;
            }
            match parse_line(line) {
                Some(e) => entries.push(e),
                None => skipped += 1,
            }
        }
        // Stable, so the later of two lines for one name is last, and kept.
        entries.sort_by(|a: &Entry, b: &Entry| a.name.cmp(&b.name));
        let mut deduped: Vec<Entry> = Vec::with_capacity(entries.len());
        for e in entries {
            match deduped.last_mut() {
                Some(last) if last.name == e.name => *last = e,
                _ => deduped.push(e),
            }
        }
        Index::from_entries(deduped, skipped)
    }

    fn from_entries(entries: Vec<Entry>, skipped: usize) -> Index {
        let folded = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.name.bytes().any(|b| b.is_ascii_uppercase()))
            .map(|(i, e)| (e.name.to_ascii_lowercase(), i))
            .collect();
        let date = entries.iter().filter_map(|e| e.date).max();
        Index {
            entries,
            folded,
            date,
            skipped,
        }
    }

    /// How many drafts it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds none (an empty or garbage input).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Lines skipped as not draft lines.
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// The day the index describes: its newest revision date.
    pub fn date(&self) -> Option<NaiveDate> {
        self.date
    }

    /// The date for messages: `2022-04-01`, or `unknown date`.
    pub fn date_text(&self) -> String {
        self.date
            .map_or_else(|| "unknown date".to_owned(), |d| d.to_string())
    }

    /// The draft called exactly `name` (without revision).
    pub fn get(&self, name: &str) -> Option<&Entry> {
        self.entries
            .binary_search_by(|e| e.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.entries[i])
    }

    /// A draft whose name differs from `name` only in case (R14: the Datatracker refuses a
    /// name that collides with a legacy upper-case one).
    pub fn case_twin(&self, name: &str) -> Option<&Entry> {
        let lower = name.to_ascii_lowercase();
        if let Some(&i) = self.folded.get(&lower) {
            let e = &self.entries[i];
            if e.name != name {
                return Some(e);
            }
        }
        // `name` itself has upper case and the index holds its lower-case form.
        if lower != name {
            return self.get(&lower);
        }
        None
    }

    /// Whether `name` (without revision) is a stream name the index holds: the Datatracker
    /// posted a `draft-ietf-`/`draft-irtf-`/`draft-iab-` name, so its stream adopted it. This is
    /// adoption evidence for `check`.
    pub fn adopted(&self, name: &str) -> bool {
        crate::name::is_stream_name(name) && self.get(name).is_some()
    }
}

/// One line of `all_id.txt` (4 fields) or `all_id2.txt` (17 fields), or `None` if it is not a
/// draft line.
fn parse_line(line: &[u8]) -> Option<Entry> {
    if line.len() > MAX_LINE || !line.starts_with(b"draft-") {
        return None;
    }
    let line = std::str::from_utf8(line).ok()?;
    // The first eight fields, without collecting the rest (`all_id2.txt` has seventeen): four
    // is `all_id.txt`, eight (or more) `all_id2.txt`.
    let mut fields = [""; 8];
    let mut count = 0;
    for (slot, field) in fields.iter_mut().zip(line.split('\t')) {
        *slot = field;
        count += 1;
    }
    let (versioned, date, state, group) = match count {
        4 => (
            fields[0],
            fields[1],
            State::parse(fields[2], fields[3]),
            None,
        ),
        8 => (
            fields[0],
            fields[6],
            state2(fields[2], fields[3], fields[4], fields[5]),
            Some(fields[7]).filter(|g| !g.is_empty() && g.len() <= MAX_NAME),
        ),
        _ => return None,
    };
    if versioned.len() > MAX_NAME || versioned.contains(char::is_whitespace) {
        return None;
    }
    let (name, revision) = Revision::split(versioned);
    let date = match date.trim() {
        "" => None,
        d => Some(ymd(d)?),
    };
    Some(Entry {
        name: name.to_owned(),
        revision,
        date,
        state,
        group: group.map(str::to_ascii_lowercase),
        expires: None,
    })
}

/// `YYYY-MM-DD`, read by hand: `NaiveDate::parse_from_str` interprets a format string for
/// each of the index's 36,000 lines.
fn ymd(d: &str) -> Option<NaiveDate> {
    let b = d.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(num(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, num(5..7)?, num(8..10)?)
}

/// The state of an `all_id2.txt` line: field 2 (the draft state's name), 3 (the IESG state of
/// an active draft), 4 (the RFC number) and 5 (the replacing draft).
fn state2(state: &str, iesg: &str, rfc: &str, replaced_by: &str) -> State {
    match state.trim() {
        "Active" if !iesg.trim().is_empty() && iesg.trim() != "I-D Exists" => {
            State::Iesg(iesg.trim().to_owned())
        }
        "RFC" => State::parse("RFC", rfc),
        "Replaced" => State::parse(&format!("Replaced replaced by {replaced_by}"), ""),
        s => State::parse(s, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SLICE: &str = "\nInternet-Drafts Status Summary\n\n\
draft-eggert-bcp45bis-08\t2022-02-24\tIn IESG processing - ID Tracker state <RFC Ed Queue>\t\n\
draft-ietf-tls-esni-14\t2022-02-13\tActive\t\n\
draft-ietf-dnsind-dynDNS-10\t1996-11-09\tRFC\t2136\n\
draft-ietf-quic-transport-34\t2021-01-14\tRFC\t9000\n\
draft-farinacci-lisp-signal-free-multicast-04\t2015-12-06\tReplaced replaced by draft-ietf-lisp-signal-free-multicast\t\n\
draft-odd-replaced-00\t2001-01-01\tReplaced replaced by 0\t\n\
draft-someone-withdrawn-01\t2010-05-05\tWithdrawn by Submitter\t\n";

    #[test]
    fn reads_every_state_of_all_id_txt() {
        let index = Index::parse(SLICE.as_bytes());
        assert_eq!(index.len(), 7);
        assert_eq!(index.skipped(), 1); // the title line
        assert_eq!(index.date_text(), "2022-02-24");
        let state = |n: &str| index.get(n).map(|e| e.state.clone());
        assert_eq!(
            state("draft-eggert-bcp45bis"),
            Some(State::Iesg("RFC Ed Queue".to_owned()))
        );
        assert_eq!(state("draft-ietf-tls-esni"), Some(State::Active));
        assert_eq!(
            state("draft-ietf-quic-transport"),
            Some(State::Rfc(Some(9000)))
        );
        assert_eq!(
            state("draft-farinacci-lisp-signal-free-multicast"),
            Some(State::Replaced(Some(
                "draft-ietf-lisp-signal-free-multicast".to_owned()
            )))
        );
        assert_eq!(state("draft-odd-replaced"), Some(State::Replaced(None)));
        assert!(matches!(
            state("draft-someone-withdrawn"),
            Some(State::Withdrawn(_))
        ));
        let esni = index.get("draft-ietf-tls-esni").unwrap();
        assert_eq!(esni.revision, Revision::new(14));
        assert_eq!(esni.versioned(), "draft-ietf-tls-esni-14");
    }

    #[test]
    fn finds_case_twins_both_ways() {
        let index = Index::parse(SLICE.as_bytes());
        let twin = index.case_twin("draft-ietf-dnsind-dyndns").unwrap();
        assert_eq!(twin.name, "draft-ietf-dnsind-dynDNS");
        assert!(index.case_twin("draft-ietf-dnsind-dynDNS").is_none());
        assert_eq!(
            index
                .case_twin("draft-IETF-tls-esni")
                .map(|e| e.name.as_str()),
            Some("draft-ietf-tls-esni")
        );
        assert!(index.case_twin("draft-ietf-tls-esni").is_none());
    }

    #[test]
    fn stream_names_it_holds_are_adopted() {
        let index = Index::parse(SLICE.as_bytes());
        assert!(index.adopted("draft-ietf-tls-esni"));
        assert!(!index.adopted("draft-ietf-tls-other"));
        assert!(!index.adopted("draft-eggert-bcp45bis"));
    }

    #[test]
    fn reads_all_id2_lines() {
        let line = "draft-ietf-quic-transport-34\t-1\tRFC\t\t9000\t\t2021-01-14\tquic\ttsv\tZaheduzzaman Sarker\tProposed Standard\t\t\tQUIC: A UDP-Based Multiplexed and Secure Transport\tJana Iyengar <jri.ietf@gmail.com>, Martin Thomson <mt@lowentropy.net>\t\t\n\
draft-ietf-tls-esni-14\t-1\tActive\tI-D Exists\t\t\t2022-02-13\ttls\tsec\t\t\t\t\t.txt,.xml\tTLS Encrypted Client Hello\t\t\t\n\
draft-x-y-03\t-1\tActive\tIn Last Call\t\t\t2022-02-13\t\t\t\t\t\t\t\t\t\t\t\n\
draft-old-name-02\t-1\tReplaced\t\t\tdraft-new-name\t2020-01-01\t\t\t\t\t\t\t\t\t\t\t\n";
        let index = Index::parse(format!("# all_id2.txt\n# a header\n{line}").as_bytes());
        assert_eq!(index.len(), 4);
        assert_eq!(index.skipped(), 0);
        let quic = index.get("draft-ietf-quic-transport").unwrap();
        assert_eq!(quic.state, State::Rfc(Some(9000)));
        assert_eq!(quic.group.as_deref(), Some("quic"));
        assert_eq!(
            index.get("draft-ietf-tls-esni").unwrap().state,
            State::Active
        );
        assert_eq!(
            index.get("draft-x-y").unwrap().state,
            State::Iesg("In Last Call".to_owned())
        );
        assert_eq!(
            index.get("draft-old-name").unwrap().state,
            State::Replaced(Some("draft-new-name".to_owned()))
        );
    }

    #[test]
    fn garbage_is_skipped_never_a_panic() {
        for junk in [
            &b"<html><body>503</body></html>"[..],
            b"draft-\t\t\t",
            b"draft-a-b-0\tnot a date\tActive\t",
            b"draft-a-b-00\t2022-13-45\tActive\t",
            b"\xff\xfe\x00draft-x\t\t\t",
            b"draft-a b-00\t2022-01-01\tActive\t",
            b"draft-a-b-00\t2022-01-01\tActive",
            b"\t\t\t\t\t\t\t\t\t\t",
            b"",
        ] {
            let index = Index::parse(junk);
            assert!(index.len() <= 1, "{junk:?}");
        }
        let long = format!("draft-{}-00\t2022-01-01\tActive\t", "a".repeat(MAX_LINE));
        assert!(Index::parse(long.as_bytes()).is_empty());
        // An empty date is allowed (the Datatracker writes none for some legacy drafts).
        let index = Index::parse(b"draft-a-b-00\t\tExpired\t\n");
        assert_eq!(index.get("draft-a-b").unwrap().date, None);
        assert_eq!(index.date(), None);
    }

    #[test]
    fn reads_dates_by_hand_as_chrono_would() {
        assert_eq!(ymd("2022-04-01"), NaiveDate::from_ymd_opt(2022, 4, 1));
        for bad in [
            "2022-4-01",
            "2022-02-30",
            "20220401xx",
            "2022/04/01",
            "abcd-ef-gh",
            "",
        ] {
            assert_eq!(ymd(bad), None, "{bad}");
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_bytes(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
            let index = Index::parse(&bytes);
            proptest::prop_assert!(index.len() <= bytes.len());
        }

        #[test]
        fn never_panics_on_index_like_lines(line in "draft-[a-zA-Z0-9.-]{0,20}(-[0-9]{2})?\t[0-9-]{0,10}\t(Active|RFC|Replaced replaced by [a-z-]{0,9}|In IESG processing - I-D Tracker state <[^>]{0,9}>?|[ -~]{0,12})\t[0-9]{0,5}") {
            let index = Index::parse(line.as_bytes());
            proptest::prop_assert!(index.len() <= 1);
            if let Some(e) = index.entries.first() {
                proptest::prop_assert!(line.starts_with(&e.name));
            }
        }
    }
}
