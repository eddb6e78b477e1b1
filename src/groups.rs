//! IETF working groups and IRTF research groups: the embedded snapshot, or the Datatracker's
//! list cached by `newdraft index update`.
//!
//! `data/ietf-groups.tsv` is a dated list, as complete as the public data allows (its sources and
//! gaps are in `data/README.md`; `scripts/build-groups` adds every group that posted stream
//! drafts in the Datatracker's index): good enough to tell a working group from a research group
//! and to say "did you mean", never proof that a group does not exist. So an acronym missing here
//! is a warning wherever it is used, never an error. When `index update` has cached the
//! Datatracker's own list (`groups.tsv` in the cache, same first five columns), it is used
//! instead.
//!
//! The table is parsed on first use only (a few microseconds), so commands that never look a
//! group up pay nothing.

use std::sync::LazyLock;

/// The snapshot itself, compiled in.
const TSV: &str = include_str!("../data/ietf-groups.tsv");

/// The date of the snapshot's newest source, for messages.
pub const SNAPSHOT_DATE: &str = "2025-07-20";

/// What kind of body a group is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An IETF working group (`draft-ietf-<wg>-…`).
    WorkingGroup,
    /// An IRTF research group (`draft-irtf-<rg>-…`).
    ResearchGroup,
    /// An area, directorate, team or other body.
    Other,
}

impl Kind {
    /// The stream component (`ietf`/`irtf`) whose names this kind of group adopts.
    pub fn stream(self) -> Option<&'static str> {
        match self {
            Kind::WorkingGroup => Some("ietf"),
            Kind::ResearchGroup => Some("irtf"),
            Kind::Other => None,
        }
    }

    /// "working group", "research group", "group".
    pub fn describe(self) -> &'static str {
        match self {
            Kind::WorkingGroup => "working group",
            Kind::ResearchGroup => "research group",
            Kind::Other => "group",
        }
    }
}

/// One row of the snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    /// The acronym, lower case (`quic`).
    pub acronym: &'static str,
    /// Working group, research group or other.
    pub kind: Kind,
    /// `active`, `concluded`, `bof`, `proposed` or `dormant`, as of the snapshot.
    pub state: &'static str,
    /// The parent area (`art`, `sec`, `irtf`, …), empty when unknown.
    pub area: &'static str,
    /// The full name (`QUIC`, `Crypto Forum`).
    pub name: &'static str,
}

impl Group {
    /// Whether the snapshot calls the group active.
    pub fn is_active(&self) -> bool {
        self.state == "active"
    }
}

/// The group list in use: the one `newdraft index update` cached from the Datatracker, else
/// the embedded snapshot; and whether it is the cached one.
static SOURCE: LazyLock<(&'static str, bool)> = LazyLock::new(|| match cached_text() {
    // Read once per process and kept for its life, like the embedded text it stands in for.
    Some(text) => (Box::leak(text.into_boxed_str()), true),
    None => (TSV, false),
});

/// The cached group list's text. Unit tests always use the embedded snapshot.
fn cached_text() -> Option<String> {
    if cfg!(test) {
        return None;
    }
    crate::index::store::dir().and_then(|d| crate::index::store::load_groups(&d))
}

/// Whether the group list in use is the Datatracker's, cached by `newdraft index update`.
pub fn cached() -> bool {
    SOURCE.1
}

/// The date of the group list in use, for messages: the cached list's fetch date, else
/// [`SNAPSHOT_DATE`].
pub fn date() -> String {
    static DATE: LazyLock<String> = LazyLock::new(|| {
        let fetched = cached()
            .then(crate::index::store::dir)
            .flatten()
            .and_then(|d| crate::index::store::meta(&d).groups)
            .and_then(|f| f.at.get(..10).map(str::to_owned));
        fetched.unwrap_or_else(|| SNAPSHOT_DATE.to_owned())
    });
    DATE.clone()
}

static GROUPS: LazyLock<Vec<Group>> = LazyLock::new(|| {
    let mut rows: Vec<Group> = SOURCE
        .0
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut f = line.split('\t');
            let acronym = f.next()?;
            let kind = match f.next()? {
                "wg" => Kind::WorkingGroup,
                "rg" => Kind::ResearchGroup,
                _ => Kind::Other,
            };
            Some(Group {
                acronym,
                kind,
                state: f.next().unwrap_or(""),
                area: f.next().unwrap_or(""),
                name: f.next().unwrap_or(""),
            })
        })
        .collect();
    rows.sort_by(|a, b| a.acronym.cmp(b.acronym));
    rows.dedup_by(|a, b| a.acronym == b.acronym);
    rows
});

/// Every group in the snapshot, sorted by acronym.
pub fn all() -> &'static [Group] {
    &GROUPS
}

/// The group with this acronym (lower case), if the snapshot has it.
pub fn lookup(acronym: &str) -> Option<&'static Group> {
    let all = all();
    all.binary_search_by(|g| g.acronym.cmp(acronym))
        .ok()
        .map(|i| &all[i])
}

/// The closest working or research group acronym to a mistyped one (edit distance at most 2,
/// and less than the acronym's length), for "did you mean".
pub fn did_you_mean(acronym: &str) -> Option<&'static Group> {
    all()
        .iter()
        .filter(|g| g.kind != Kind::Other && g.acronym != acronym)
        .map(|g| (levenshtein(acronym, g.acronym), g))
        .filter(|&(d, _)| d <= 2 && d < acronym.len())
        .min_by_key(|&(d, g)| (d, !g.is_active()))
        .map(|(_, g)| g)
}

/// The group acronyms that contain a hyphen: the Datatracker tries these first when it reads
/// the group out of a `draft-ietf-…` name.
pub fn hyphenated() -> impl Iterator<Item = &'static Group> {
    all().iter().filter(|g| g.acronym.contains('-'))
}

/// Plain Levenshtein distance over bytes (acronyms are ASCII).
fn levenshtein(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_working_and_research_groups() {
        assert_eq!(lookup("quic").map(|g| g.kind), Some(Kind::WorkingGroup));
        assert_eq!(lookup("dispatch").map(|g| g.kind), Some(Kind::WorkingGroup));
        assert_eq!(lookup("cfrg").map(|g| g.kind), Some(Kind::ResearchGroup));
        assert_eq!(lookup("nosuchwg"), None);
        assert_eq!(lookup("").map(|g| g.acronym), None);
    }

    #[test]
    fn snapshot_is_complete_and_sorted() {
        assert_eq!(all().len(), 680);
        assert!(all().windows(2).all(|w| w[0].acronym < w[1].acronym));
    }

    #[test]
    fn suggests_close_acronyms() {
        assert_eq!(did_you_mean("dispach").map(|g| g.acronym), Some("dispatch"));
        assert_eq!(did_you_mean("sipcor").map(|g| g.acronym), Some("sipcore"));
        assert_eq!(did_you_mean("zzzzzzzzzz"), None);
    }

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein("quic", "quic"), 0);
        assert_eq!(levenshtein("quic", "quik"), 1);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("tls", "tsl"), 2);
    }
}
