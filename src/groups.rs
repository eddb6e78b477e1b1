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

/// The group a draft's `<workgroup>`/`workgroup:` label names, in any of the forms drafts use:
/// the acronym (`QUIC`, `httpbis`), the acronym and its kind (`SIPCORE Working Group`,
/// `CFRG Research Group`, `HTTPbis WG`), or the full name (`Session Initiation Protocol
/// Core`). `None` for a label no group has (`Network Working Group`, `Internet Engineering Task
/// Force`).
pub fn from_workgroup(label: &str) -> Option<&'static Group> {
    let bare = workgroup_stem(label);
    if let Some(g) = lookup(&bare) {
        return Some(g);
    }
    let lower = label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    all().iter().find(|g| {
        let name = g.name.to_ascii_lowercase();
        !name.is_empty() && (name == lower || name == bare)
    })
}

/// A workgroup label without its kind, in lower case, white space folded: `SIPCORE Working
/// Group` → `sipcore`, for a group the list may not know (a group newer than the list).
pub fn workgroup_stem(label: &str) -> String {
    let lower = label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    [" working group", " research group", " wg", " rg"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix))
        .map_or_else(|| lower.clone(), str::to_owned)
}

/// The closest working or research group acronym to a mistyped one (edit distance at most 2,
/// and less than the acronym's length), for "did you mean".
pub fn did_you_mean(acronym: &str) -> Option<&'static Group> {
    all()
        .iter()
        // Lengths more than 2 apart are more than 2 edits apart: a hostile megabyte of `--wg`
        // costs one comparison per group, not a megabyte-long distance each.
        .filter(|g| g.acronym.len().abs_diff(acronym.len()) <= 2)
        .filter(|g| g.kind != Kind::Other && g.acronym != acronym)
        .map(|g| (levenshtein(acronym, g.acronym), g))
        .filter(|&(d, _)| d <= 2 && d < acronym.len())
        .min_by_key(|&(d, g)| (d, !g.is_active()))
        .map(|(_, g)| g)
}

/// The shortest and longest a group acronym may be, in characters.
pub const ACRONYM_LEN: std::ops::RangeInclusive<usize> = 2..=20;

/// Acronyms that name a stream or a body, never a group that adopts drafts into
/// `draft-ietf-<wg>-…`: as `--wg` of `init` or `adopt` they are refused (`check --adopted-by`
/// and `newdraft.toml` accept them, since these bodies do adopt documents of their own stream).
const BODIES: &[&str] = &[
    "iab",
    "iana",
    "iaoc",
    "iesg",
    "ietf",
    "ietf-trust",
    "irtf",
    "ise",
    "isoc",
    "rfc",
    "rfc-editor",
    "rfced",
    "rfceditor",
];

/// A group acronym, validated: 2 to 20 lower-case ASCII letters, digits and single hyphens,
/// starting and ending with a letter or digit (`quic`, `6man`, `yang-doctors`). The one grammar
/// for every command that takes one: `init --wg`, `adopt --wg`, `email --wg`,
/// `check --adopted-by` and the `group` of a `newdraft.toml` record.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Acronym(String);

/// What an acronym stands for, as far as newdraft knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A group in the snapshot that adopts drafts: a working or research group.
    Group(&'static Group),
    /// A stream or body (`ietf`, `iab`, `iesg`, `rfc-editor`, …), not a group.
    Body,
    /// In the snapshot, but an area, directorate, team or other body (`art`, `sec`, `iepg`).
    Other(&'static Group),
    /// Not in the snapshot, which is partial: perhaps a group newer than it.
    Unknown,
}

impl Acronym {
    /// Read an acronym as typed: surrounding blanks dropped, upper case lowered; anything else
    /// outside the grammar is refused with what is wrong. `what` names the value in the
    /// message (`--wg`, `--adopted-by`, `group`).
    pub fn parse(what: &str, text: &str) -> anyhow::Result<Acronym> {
        let a = text.trim().to_ascii_lowercase();
        let n = a.chars().count();
        let problem = if a.is_empty() {
            Some("it is empty".to_owned())
        } else if !a
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            Some("acronyms are lower-case letters, digits and hyphens".to_owned())
        } else if a.starts_with('-') || a.ends_with('-') || a.contains("--") {
            Some("a hyphen may only join two parts".to_owned())
        } else if !ACRONYM_LEN.contains(&n) {
            Some(format!(
                "acronyms are {} to {} characters, and this is {n}",
                ACRONYM_LEN.start(),
                ACRONYM_LEN.end()
            ))
        } else {
            None
        };
        match problem {
            None => Ok(Acronym(a)),
            Some(why) => {
                let guess = did_you_mean(&crate::name::component(text))
                    .map_or(String::new(), |g| {
                        format!(" (did you mean `{}`?)", g.acronym)
                    });
                anyhow::bail!(
                    "`{what} {}` is not a group acronym: {why}{guess}; e.g. `{what} dispatch`",
                    crate::text::escape(text)
                )
            }
        }
    }

    /// The acronym, lower case.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The acronym, lower case, as an owned string.
    pub fn into_string(self) -> String {
        self.0
    }

    /// What the acronym stands for: a group, a body, something else, or unknown.
    pub fn role(&self) -> Role {
        if BODIES.contains(&self.0.as_str()) {
            return Role::Body;
        }
        match lookup(&self.0) {
            Some(g) if g.kind == Kind::Other => Role::Other(g),
            Some(g) => Role::Group(g),
            None => Role::Unknown,
        }
    }
}

impl std::fmt::Display for Acronym {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
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

/// The full name of an IETF area, or "" when unknown (the draft then has no area).
pub fn area_name(acronym: &str) -> &'static str {
    match acronym {
        "art" => "Applications and Real-Time",
        "gen" => "General",
        "int" => "Internet",
        "ops" => "Operations and Management",
        "rtg" => "Routing",
        "sec" => "Security",
        "tsv" => "Transport",
        "wit" => "Web and Internet Transport",
        _ => "",
    }
}

/// Where a group works, as a draft names it: the label of its first page, its list, archive
/// and area. The one home of these forms, for `init`'s skeleton, `adopt`'s rewrite and
/// `email`'s recipient, so that a draft never names its venue two ways.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Venue {
    /// The acronym, lower case (`sipcore`).
    pub acronym: String,
    /// The full name from the group list (`Session Initiation Protocol Core`), else the
    /// acronym in capitals.
    pub name: String,
    /// `<workgroup>`/`workgroup:`, printed at the top left of the first page: the acronym in
    /// capitals and the kind (`SIPCORE Working Group`, `CFRG Research Group`), the form
    /// i-d-template writes and the sentences of the skeleton use; the IAB's is its name.
    pub workgroup: String,
    /// `Working Group` or `Research Group`.
    pub kind: &'static str,
    /// The mailing list (`sipcore@ietf.org`, `cfrg@irtf.org`, `iab@iab.org`).
    pub list: String,
    /// The list's archive.
    pub archive: String,
    /// The area's name (`Applications and Real-Time`), empty for a research group, the IAB,
    /// or a group the list does not know.
    pub area: &'static str,
}

impl Venue {
    /// The venue of `acronym`: a research group when `research` says so, else when the group
    /// list says so.
    pub fn of(acronym: &str, research: Option<bool>) -> Venue {
        let group = lookup(acronym);
        let research =
            research.unwrap_or_else(|| group.is_some_and(|g| g.kind == Kind::ResearchGroup));
        let iab = acronym == "iab";
        let kind = if research {
            "Research Group"
        } else {
            "Working Group"
        };
        let domain = if research {
            "irtf.org"
        } else if iab {
            "iab.org"
        } else {
            "ietf.org"
        };
        Venue {
            acronym: acronym.to_owned(),
            name: group
                .map(|g| g.name)
                .filter(|n| !n.is_empty())
                .map_or_else(|| acronym.to_uppercase(), str::to_owned),
            workgroup: if iab {
                "Internet Architecture Board".to_owned()
            } else {
                format!("{} {kind}", acronym.to_uppercase())
            },
            kind,
            list: format!("{acronym}@{domain}"),
            archive: format!("https://mailarchive.ietf.org/arch/browse/{acronym}/"),
            area: if research || iab {
                ""
            } else {
                group.map_or("", |g| area_name(g.area))
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_have_lists_archives_and_areas() {
        let g = Venue::of("sipcore", None);
        assert_eq!(
            (g.list.as_str(), g.area, g.kind),
            (
                "sipcore@ietf.org",
                "Applications and Real-Time",
                "Working Group"
            )
        );
        // The first page names the group as the skeleton's sentences do.
        assert_eq!(g.workgroup, "SIPCORE Working Group");
        let g = Venue::of("cfrg", None);
        assert_eq!(
            (g.list.as_str(), g.area, g.kind),
            ("cfrg@irtf.org", "", "Research Group")
        );
        assert_eq!(g.workgroup, "CFRG Research Group");
        let g = Venue::of("nosuchwg", None);
        assert_eq!((g.name.as_str(), g.area), ("NOSUCHWG", ""));
        assert_eq!(
            g.archive,
            "https://mailarchive.ietf.org/arch/browse/nosuchwg/"
        );
        let g = Venue::of("iab", None);
        assert_eq!(
            (g.workgroup.as_str(), g.list.as_str(), g.area),
            ("Internet Architecture Board", "iab@iab.org", "")
        );
        assert_eq!(Venue::of("quic", Some(true)).list, "quic@irtf.org");
    }

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
    fn one_grammar_for_acronyms() {
        for ok in [
            "quic",
            "6man",
            "yang-doctors",
            " QUIC ",
            "ab",
            "a2345678901234567890",
        ] {
            assert!(Acronym::parse("--wg", ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "a",
            "-quic",
            "quic-",
            "qu--ic",
            "qu ic",
            "quic\n::error::x",
            "é",
            "a23456789012345678901",
        ] {
            let err = Acronym::parse("--wg", bad).unwrap_err().to_string();
            assert!(err.starts_with("`--wg "), "{err}");
            assert!(!err.contains('\n'), "{err}");
        }
        let role = |a: &str| Acronym::parse("--wg", a).unwrap().role();
        assert!(matches!(role("quic"), Role::Group(_)));
        assert!(matches!(role("cfrg"), Role::Group(g) if g.kind == Kind::ResearchGroup));
        for body in ["ietf", "iesg", "iab", "irtf", "rfc-editor"] {
            assert_eq!(role(body), Role::Body, "{body}");
        }
        assert!(matches!(role("art"), Role::Other(_)));
        assert_eq!(role("nosuchwg"), Role::Unknown);
    }

    #[test]
    fn workgroup_labels_name_their_group_in_every_form_drafts_use() {
        let acronym = |l: &str| from_workgroup(l).map(|g| g.acronym);
        for label in [
            "SIPCORE Working Group",
            "sipcore",
            "SIPCORE WG",
            "Session Initiation Protocol Core",
            "  session  initiation protocol CORE ",
        ] {
            assert_eq!(acronym(label), Some("sipcore"), "{label}");
        }
        assert_eq!(acronym("CFRG Research Group"), Some("cfrg"));
        assert_eq!(workgroup_stem(" WIMSE  Working Group"), "wimse");
        assert_eq!(acronym("Crypto Forum"), Some("cfrg"));
        for none in [
            "Network Working Group",
            "Internet Engineering Task Force",
            "",
            "Working Group",
        ] {
            assert_eq!(acronym(none), None, "{none}");
        }
    }

    #[test]
    fn a_huge_acronym_costs_no_distance() {
        assert_eq!(did_you_mean(&"q".repeat(1 << 20)), None);
    }

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein("quic", "quic"), 0);
        assert_eq!(levenshtein("quic", "quik"), 1);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("tls", "tsl"), 2);
    }
}
