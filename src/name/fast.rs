//! The fast path: whether a name is clean, decided in one pass over its bytes without
//! allocating, eight bytes at a time (SWAR), with a Bloom filter that lets most second
//! components skip every table.
//!
//! It is an accept-only filter: `Some` exactly when the readable rules (`rules`) find nothing,
//! and nothing more; whatever it refuses is judged again by those rules, which say why. The
//! property tests below hold the two equal on names, near misses and any string at all, so a
//! rule changed in one place and not the other fails them.

use std::sync::LazyLock;

use crate::groups::{self, Kind};

use super::rules::{
    GROUP_TYPE_SLUGS, RESERVED_BODIES, STATUS_WORDS, body_matches, has, reserved_body, stream_kind,
};
use super::{Context, DraftName, Form, MAX_NAME_LEN, Revision, stream_group};

/// What the fast path learns of a syntactically valid name in its one pass. The slices are
/// ASCII `a-z`, `0-9` and `-`.
pub(super) struct Parts<'a> {
    /// The name without its revision; it starts the input.
    base: &'a [u8],
    revision: Option<Revision>,
    /// The second component.
    source: &'a [u8],
    /// Whether a component after the source is a status word (R15).
    status_word: bool,
}

impl Parts<'_> {
    /// The parsed name, cut from `input`, the text these parts were found in.
    pub(super) fn name(&self, input: &str) -> DraftName {
        DraftName {
            name: input[..self.base.len()].to_owned(),
            revision: self.revision,
        }
    }
}

/// The fast path of [`check_name`](super::check_name): `Some` exactly when it would find no
/// issue. A property test holds the two to each other.
pub(super) fn clean<'a>(input: &'a [u8], form: Form, ctx: &Context<'_>) -> Option<Parts<'a>> {
    // A clean submission file name is a clean versioned name plus `.xml` or `.txt`: no
    // directory, no other dot (so `Form::Auto` reads anything else as a name, whose characters
    // then include a `.`, `/` or `\\` that makes it unclean either way).
    let (stem, revision_required) = match (form, input) {
        (Form::Versioned, _) => (input, true),
        (
            Form::File | Form::Auto,
            [stem @ .., b'.', b'x', b'm', b'l'] | [stem @ .., b'.', b't', b'x', b't'],
        ) => (stem, true),
        (Form::File, _) => return None,
        (Form::Name | Form::Auto, _) => (input, false),
    };
    let parts = clean_syntax(stem, revision_required)?;
    clean_semantics(&parts, ctx).then_some(parts)
}

/// The hyphens of eight bytes, one bit per byte (bit `i` for byte `i`), and whether any byte is
/// neither a hyphen nor `a-z` or `0-9`.
fn classify(bytes: [u8; 8]) -> (u64, bool) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let word = u64::from_le_bytes(bytes);
    let odd = non_alnum(word);
    // Zero bytes of `word ^ "--------"`, exactly: the hyphens, as high bits.
    let x = word ^ u64::from_le_bytes([b'-'; 8]);
    let hyphens = !(((x & LOW7) + LOW7) | x) & HIGH;
    // Gather the high bits into the top byte, byte `i` to bit `56 + i` (no two products
    // overlap, so nothing carries), then down to bits 0 to 7.
    let bits = (hyphens >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
    (bits, odd & !hyphens != 0)
}

/// The bytes of `word` (eight bytes, little-endian) that are not `a-z` or `0-9`, as the high
/// bit of each such byte: every byte is classified at once, with no carry between bytes
/// (each sum below stays under 0x100 on the low seven bits).
fn non_alnum(word: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const fn splat(b: u8) -> u64 {
        u64::from_le_bytes([b; 8])
    }
    let low = word & LOW7;
    // The high bit of `low + (0x80 - c)` is set exactly when the byte is at least `c`.
    let lower = (low + splat(0x80 - b'a')) & !(low + splat(0x80 - b'z' - 1));
    let digit = (low + splat(0x80 - b'0')) & !(low + splat(0x80 - b'9' - 1));
    !((lower | digit) & !word) & HIGH
}

/// R1–R6 in one pass over the bytes: `Some` exactly when [`syntax`](super::rules::syntax) finds no issue.
pub(super) fn clean_syntax(stem: &[u8], revision_required: bool) -> Option<Parts<'_>> {
    let (base, revision) = match stem {
        [base @ .., b'-', d1 @ b'0'..=b'9', d2 @ b'0'..=b'9'] => {
            (base, Some(Revision((d1 - b'0') * 10 + (d2 - b'0'))))
        }
        _ if revision_required => return None,
        _ => (stem, None),
    };
    if base.len() > MAX_NAME_LEN {
        return None;
    }
    let rest = base.strip_prefix(b"draft-")?;
    if !rest.first()?.is_ascii_lowercase() {
        return None;
    }
    let hyphens = component_hyphens(rest)?;
    let n = rest.len();
    let source_end = hyphens.trailing_zeros() as usize;
    // Status words among the components after the source, looked at only when a component
    // has the length of one.
    let (lengths, _) = STATUS_WORD_SHAPES;
    let mut status_word = false;
    let mut start = source_end + 1;
    let mut later = hyphens & (hyphens - 1);
    loop {
        let end = if later == 0 {
            n
        } else {
            later.trailing_zeros() as usize
        };
        if (lengths >> (end - start).min(63)) & 1 != 0 {
            status_word |= is_status_word(&rest[start..end]);
        }
        if later == 0 {
            break;
        }
        start = end + 1;
        later &= later - 1;
    }
    Some(Parts {
        base,
        revision,
        source: &rest[..source_end],
        status_word,
    })
}

/// The hyphens of `rest` (a name after `draft-`, at most 44 bytes, not empty), one bit per
/// byte, when it is two or more components of letters and digits with one hyphen between two
/// (R2–R4); `None` otherwise. Eight bytes at a time.
fn component_hyphens(rest: &[u8]) -> Option<u64> {
    let n = rest.len();
    let mut hyphens = 0u64;
    let mut other = false;
    let mut at = 0;
    while let Some(word) = rest.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        let (h, o) = classify(*word);
        hyphens |= h << at;
        other |= o;
        at += 8;
    }
    if at < n {
        // The tail: the last eight bytes again (overlap is harmless), or a short name padded.
        let (word, from) = if let Some(word) = rest.last_chunk::<8>() {
            (*word, n - 8)
        } else {
            let mut word = [b'a'; 8];
            word[..n].copy_from_slice(rest);
            (word, 0)
        };
        let (h, o) = classify(word);
        hyphens |= h << from;
        other |= o;
    }
    if other || hyphens == 0 || hyphens & (hyphens >> 1) != 0 || hyphens & (1 << (n - 1)) != 0 {
        // A character outside the alphabet, fewer than three components, an empty component
        // (two hyphens in a row), or a final hyphen.
        return None;
    }
    Some(hyphens)
}

/// The lengths (as bits) and first letters (as bits from `a`) of the [`STATUS_WORDS`]: most
/// components have neither, and skip the list.
const STATUS_WORD_SHAPES: (u64, u32) = {
    let mut lengths = 0u64;
    let mut firsts = 0u32;
    let mut i = 0;
    while i < STATUS_WORDS.len() {
        let w = STATUS_WORDS[i].as_bytes();
        lengths |= 1 << w.len();
        firsts |= 1 << (w[0] - b'a');
        i += 1;
    }
    (lengths, firsts)
};

/// Whether a component is one of [`STATUS_WORDS`] (R15).
fn is_status_word(component: &[u8]) -> bool {
    let (lengths, firsts) = STATUS_WORD_SHAPES;
    let shaped = match component.first() {
        Some(&c @ b'a'..=b'z') => {
            component.len() < 64
                && lengths & (1 << component.len()) != 0
                && firsts & (1 << (c - b'a')) != 0
        }
        _ => false,
    };
    shaped && STATUS_WORDS.iter().any(|w| w.as_bytes() == component)
}

/// R10–R13 and R15 on a syntactically valid name: `true` exactly when
/// [`semantics`](super::rules::semantics) finds no issue.
fn clean_semantics(p: &Parts<'_>, ctx: &Context<'_>) -> bool {
    let adopted = ctx.adopted_by;
    if !SPECIAL_SOURCES.may_contain(p.source) {
        // Not a stream, a reserved word, a group-type slug nor a group acronym: an individual
        // draft, which only adoption (R13) and status words (R15) can fault.
        return adopted.is_empty() && !p.status_word;
    }
    // Rare from here on: the parts as text (ASCII, so this cannot fail).
    let (Ok(base), Ok(source)) = (std::str::from_utf8(p.base), std::str::from_utf8(p.source))
    else {
        return false;
    };
    if base.starts_with("draft-ietf-trust-") && !has(adopted, "ietf-trust") {
        return false;
    }
    match source {
        "ietf" | "irtf" => !p.status_word && clean_stream_name(base, source, adopted),
        "iab" => !p.status_word && has(adopted, "iab"),
        source => {
            if reserved_body(source).is_some() {
                return adopted.iter().any(|a| body_matches(a, source));
            }
            if GROUP_TYPE_SLUGS.contains(&source) {
                return false;
            }
            let author_is_group =
                groups::lookup(source).is_some_and(|g| g.kind != Kind::Other && g.is_active());
            adopted.is_empty() && !author_is_group && !p.status_word
        }
    }
}

/// `rules::stream_name` without its messages: `true` exactly when it finds no issue.
fn clean_stream_name(base: &str, stream: &str, adopted: &[String]) -> bool {
    if adopted.is_empty() {
        return false;
    }
    let Some(group) = stream_group(base, stream) else {
        return true;
    };
    let after_group = &base["draft-".len() + stream.len() + 1 + group.len()..];
    if after_group.len() < 2 || !has(adopted, group) {
        // No `-<subject>` after the group, or adopted by another group.
        return false;
    }
    let kind = stream_kind(stream);
    groups::lookup(group)
        .is_some_and(|g| (g.kind == kind || g.kind == Kind::Other) && g.is_active())
}

/// A cheap, conservative filter over second components: it may say yes to a surname, never no
/// to a stream (`ietf`, `irtf`, `iab`), a reserved word, a group-type slug or a group acronym,
/// so that most individual names skip every table.
static SPECIAL_SOURCES: LazyLock<Bloom> = LazyLock::new(|| {
    let mut bloom = Bloom([0; 64]);
    for s in ["ietf", "irtf", "iab"]
        .into_iter()
        .chain(RESERVED_BODIES.iter().map(|(s, _)| *s))
        .chain(GROUP_TYPE_SLUGS.iter().copied())
        .chain(groups::all().iter().map(|g| g.acronym))
    {
        bloom.insert(s.as_bytes());
    }
    bloom
});

/// A 4,096-bit set of hashed words: first, second and last byte, and length.
struct Bloom([u64; 64]);

impl Bloom {
    fn bit(b: &[u8]) -> usize {
        let key = u32::from(b.first().copied().unwrap_or(0))
            | u32::from(b.get(1).copied().unwrap_or(0)) << 8
            | u32::from(b.last().copied().unwrap_or(0)) << 16
            | (u32::try_from(b.len()).unwrap_or(u32::MAX) & 0xff) << 24;
        (key.wrapping_mul(0x9E37_79B9) >> 20) as usize
    }

    fn insert(&mut self, word: &[u8]) {
        let bit = Bloom::bit(word);
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    fn may_contain(&self, word: &[u8]) -> bool {
        let bit = Bloom::bit(word);
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::name::rules::syntax;
    use crate::name::{check_name, full_check, is_clean};

    /// Components that reach every branch of the rules: streams, reserved words, slugs, active,
    /// inactive and other groups, a hyphenated acronym, status words, surnames, digits, junk.
    fn component_strategy() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            4 => proptest::sample::select(vec![
                "ietf", "irtf", "iab", "iana", "iesg", "rfc", "rfced", "editor", "trust", "wg",
                "rg", "team", "quic", "tls", "cfrg", "dispatch", "behave", "app", "art", "apn",
                "yang", "doctors", "standard", "proposed", "draft", "historic", "smith", "doe",
                "00", "07", "99", "100", "1",
            ])
            .prop_map(str::to_owned),
            3 => "[a-z][a-z0-9]{0,12}",
            1 => "[a-z0-9]{1,3}",
            1 => "[a-zA-Z0-9._/ \\-]{0,4}",
        ]
    }

    /// Inputs shaped like names, file names and near misses.
    fn nameish() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let prefix = prop_oneof![
            12 => Just("draft-"),
            1 => Just("draft"),
            1 => Just("Draft-"),
            1 => Just("dir/draft-"),
            1 => Just(""),
        ];
        let suffix = prop_oneof![
            4 => Just(""),
            2 => Just(".xml"),
            1 => Just(".txt"),
            1 => Just(".md"),
            1 => Just(".xml.txt"),
            1 => Just("-"),
            1 => Just(".x;"),
        ];
        (
            prefix,
            proptest::collection::vec(component_strategy(), 0..8),
            suffix,
        )
            .prop_map(|(p, c, x)| format!("{p}{}{x}", c.join("-")))
    }

    fn adopters() -> impl proptest::strategy::Strategy<Value = Vec<String>> {
        use proptest::prelude::*;
        proptest::collection::vec(
            proptest::sample::select(GROUPISH.to_vec()).prop_map(str::to_owned),
            0..3,
        )
    }

    const GROUPISH: &[&str] = &[
        "quic",
        "tls",
        "cfrg",
        "iab",
        "iana",
        "rfc-editor",
        "rfced",
        "ietf-trust",
        "trust",
        "behave",
        "app",
        "art",
        "apn",
        "yang-doctors",
        "yang",
        "dispatch",
        "nosuchwg",
    ];

    /// Stream and reserved names, adopted (or not) by their own group or another.
    fn streamish() -> impl proptest::strategy::Strategy<Value = (String, Vec<String>)> {
        use proptest::prelude::*;
        (
            proptest::sample::select(vec!["ietf", "irtf", "iab", "iana", "rfc", "rfced", "wg"]),
            proptest::sample::select(GROUPISH.to_vec()),
            proptest::collection::vec(component_strategy(), 0..3),
            prop_oneof![Just(""), Just("-00"), Just("-13.xml"), Just(".txt")],
            proptest::collection::vec(proptest::sample::select(GROUPISH.to_vec()), 0..2),
            any::<bool>(),
        )
            .prop_map(|(stream, group, rest, end, mut adopted, own)| {
                let mut name = format!("draft-{stream}-{group}");
                for c in rest {
                    name.push('-');
                    name.push_str(&c);
                }
                name.push_str(end);
                if own {
                    adopted.insert(0, group);
                }
                (name, adopted.into_iter().map(str::to_owned).collect())
            })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        /// Stream names: the two paths agree on every adoption context.
        #[test]
        fn fast_path_agrees_on_stream_names((s, adopted) in streamish()) {
            let ctx = Context { adopted_by: &adopted };
            for form in [Form::Name, Form::Versioned, Form::File, Form::Auto] {
                let full = full_check(&s, form, &ctx);
                proptest::prop_assert_eq!(
                    is_clean(&s, form, &ctx),
                    full.issues.is_empty(),
                    "{:?} as {:?} adopted by {:?}: {:?}", s, form, adopted, full.issues
                );
            }
        }

        /// A clean input is the grammar's bytes only (`a-z`, `0-9`, `-`, and the `.` of a
        /// file's extension): the report prints it as it is, with nothing to escape.
        #[test]
        fn clean_inputs_need_no_escaping(s in "[ -~\\x{80}-\\x{10ffff}\\n\\t]{0,60}|draft-[a-z0-9.:#-]{0,50}") {
            for form in [Form::Name, Form::Versioned, Form::File, Form::Auto] {
                if is_clean(&s, form, &Context { adopted_by: &[] }) {
                    proptest::prop_assert!(
                        s.bytes().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.')),
                        "{:?}", s
                    );
                }
            }
        }

        /// The fast path and the full path agree on whether a name is clean, and on its name.
        #[test]
        fn fast_path_agrees_with_the_full_check(s in nameish(), adopted in adopters()) {
            let ctx = Context { adopted_by: &adopted };
            for form in [Form::Name, Form::Versioned, Form::File, Form::Auto] {
                let full = full_check(&s, form, &ctx);
                let fast = clean(s.as_bytes(), form, &ctx);
                proptest::prop_assert_eq!(
                    fast.is_some(),
                    full.issues.is_empty(),
                    "{:?} as {:?} adopted by {:?}: {:?}", s, form, adopted, full.issues
                );
                if let Some(parts) = fast {
                    proptest::prop_assert_eq!(Some(parts.name(&s)), full.name);
                }
                proptest::prop_assert_eq!(check_name(&s, form, &ctx).issues, full.issues);
            }
            let mut scratch = Vec::new();
            proptest::prop_assert_eq!(
                DraftName::parse(&s).ok(),
                syntax(&s, false, &mut scratch)
            );
        }

        /// Any string at all: the two paths still agree.
        #[test]
        fn fast_path_agrees_on_any_string(s in "\\PC{0,60}", adopted in adopters()) {
            let ctx = Context { adopted_by: &adopted };
            for form in [Form::Name, Form::Versioned, Form::File, Form::Auto] {
                proptest::prop_assert_eq!(
                    is_clean(&s, form, &ctx),
                    full_check(&s, form, &ctx).issues.is_empty()
                );
            }
        }
    }

    #[test]
    fn non_alnum_classifies_every_byte_in_every_position() {
        for b in 0..=255u8 {
            let alnum = b.is_ascii_lowercase() || b.is_ascii_digit();
            for pos in 0..8 {
                let mut word = [b'a'; 8];
                word[pos] = b;
                let mask = non_alnum(u64::from_le_bytes(word));
                let expected = if alnum { 0 } else { 0x80 << (8 * pos) };
                assert_eq!(mask, expected, "byte {b:#04x} at {pos}");
            }
        }
        // Neighbours do not disturb each other.
        let mask = non_alnum(u64::from_le_bytes(*b"a-\xff9z{/0"));
        assert_eq!(mask, 0x0080_8000_0080_8000);
    }

    #[test]
    fn classify_finds_hyphens_and_other_bytes() {
        assert_eq!(classify(*b"abc-de-f"), (0b0100_1000, false));
        assert_eq!(classify(*b"-0000000"), (1, false));
        assert_eq!(classify(*b"zzzzzzz-"), (0x80, false));
        assert_eq!(classify(*b"--------"), (0xff, false));
        assert_eq!(classify(*b"abcdefgh"), (0, false));
        for b in 0..=255u8 {
            let ok = b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-';
            for pos in 0..8 {
                let mut word = [b'-'; 8];
                word[pos] = b;
                let (h, o) = classify(word);
                assert_eq!(o, !ok, "byte {b:#04x} at {pos}");
                let expected = if b == b'-' { 0xff } else { 0xff & !(1 << pos) };
                assert_eq!(h, expected, "byte {b:#04x} at {pos}");
            }
        }
    }

    #[test]
    fn status_word_prefilter_lets_every_status_word_through() {
        for w in STATUS_WORDS {
            assert!(is_status_word(w.as_bytes()), "{w}");
        }
        assert!(!is_status_word(b"standards"));
        assert!(!is_status_word(b"0"));
        assert!(!is_status_word(b""));
    }

    #[test]
    fn special_sources_are_all_in_the_filter() {
        for s in ["ietf", "irtf", "iab"]
            .into_iter()
            .chain(RESERVED_BODIES.iter().map(|(s, _)| *s))
            .chain(GROUP_TYPE_SLUGS.iter().copied())
            .chain(groups::all().iter().map(|g| g.acronym))
        {
            assert!(SPECIAL_SOURCES.may_contain(s.as_bytes()), "{s}");
        }
        // And it filters: most surnames skip the tables.
        let surnames = [
            "smith", "doe", "jones", "garcia", "mueller", "nguyen", "rescorla",
        ];
        let passed = surnames
            .iter()
            .filter(|s| SPECIAL_SOURCES.may_contain(s.as_bytes()))
            .count();
        assert!(passed <= 2, "{passed}");
    }

    #[test]
    fn clean_names_take_the_fast_path() {
        let ctx = Context::default();
        assert!(is_clean("draft-smith-quic-multipath-00", Form::Auto, &ctx));
        assert!(is_clean(
            "draft-smith-quic-multipath-00.xml",
            Form::Auto,
            &ctx
        ));
        assert!(is_clean(
            "draft-smith-quic-multipath-00.txt",
            Form::File,
            &ctx
        ));
        assert!(!is_clean(
            "draft-smith-quic-multipath.xml",
            Form::Auto,
            &ctx
        ));
        assert!(!is_clean(
            "draft-smith-quic-multipath",
            Form::Versioned,
            &ctx
        ));
        assert!(!is_clean("draft-quic-multipath-00", Form::Auto, &ctx));
        assert!(!is_clean("draft-smith-proposed-standard", Form::Auto, &ctx));
        let quic = ["quic".to_owned()];
        let adopted = Context { adopted_by: &quic };
        assert!(is_clean(
            "draft-ietf-quic-multipath-07",
            Form::Auto,
            &adopted
        ));
        assert!(!is_clean("draft-ietf-quic-multipath-07", Form::Auto, &ctx));
        assert!(!is_clean(
            "draft-smith-quic-multipath-07",
            Form::Auto,
            &adopted
        ));
    }
}
