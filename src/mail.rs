//! Mail messages as RFC 5322 text: the one place that knows addresses (their shape, an
//! internationalized domain's ASCII form), headers (folding, RFC 2047 encoded words for text
//! that is not ASCII), the `Date:` form and a body wrapped at 72 columns without breaking a URL.
//! `email` fills the words from its templates; `init`, `submit` and the submission gate ask
//! [`is_address`] whether a value is an address.
//!
//! The message is built here rather than by `mail-builder` (evaluated at 2.0.1, from the
//! authors of `mail-parser`, which the tests read messages back with): it is made for sending,
//! and newdraft's message is text a person reads, edits and pastes into a mail program. The
//! crate always adds a `Message-ID` (random, with the machine's host name: output would no
//! longer be reproducible with `--date`, and a mail program sets its own); it writes `Date`
//! from a UNIX time in `+0000` (the offset of `--date` is lost); it sends a body with any
//! non-ASCII character or any line over 76 columns as quoted-printable (`Jos=C3=A9`, and a
//! long URL cut by a soft line break, which [`wrap`] exists to avoid) or as base64 (a body
//! mostly in CJK); it ends lines with CRLF; and it needs Rust 1.88, above our `rust-version`.

use std::fmt::Write as _;

use anyhow::{Result, bail};
use chrono::{DateTime, FixedOffset};

/// Body lines are wrapped to this many columns.
pub const WIDTH: usize = 72;

/// Who sends the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    /// The display name.
    pub fullname: String,
    /// The address.
    pub email: String,
}

/// Whether `text` has the shape of one email address: `local@domain`, both parts non-empty,
/// nothing that would end or split an address in a header (white space, `<>",()`). The
/// domain may be internationalized; `init` keeps it as typed, `email` sends its ASCII form.
pub fn is_address(text: &str) -> bool {
    text.len() <= MAX_ADDRESS_LEN
        && text.split_once('@').is_some_and(|(l, d)| {
            !l.is_empty() && l.len() <= MAX_LOCAL_LEN && !d.is_empty() && !d.contains('@')
        })
        && !text.contains(|c: char| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | ',' | '(' | ')')
        })
}

/// The longest address, in bytes: RFC 5321's limit on a path (256, less the `<>`), so that a
/// `From:` line stays far under RFC 5322's 998 characters.
pub const MAX_ADDRESS_LEN: usize = 254;

/// The longest local part (before the `@`), in bytes (RFC 5321, 4.5.3.1.1).
pub const MAX_LOCAL_LEN: usize = 64;

/// Text for a header: every run of whitespace (line breaks included, which would end the
/// header and start another) becomes one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An address whose domain is an internationalized one (`jane@Bücher.example`) with the domain
/// in its ASCII form (`jane@xn--bcher-kva.example`), which every mail system delivers; other
/// addresses as they are. The local part is never changed.
///
/// The ASCII form is IDNA's (UTS 46, by the `idna` crate): the domain is case-folded and
/// normalized first, and a domain that is no valid host name (a label that starts or ends with
/// a hyphen, a disallowed character such as `_`, an empty or over-long label) is an error.
pub fn ascii_domain(email: &str) -> Result<String> {
    match email.rsplit_once('@') {
        Some((local, domain)) if !domain.is_ascii() => match idna::domain_to_ascii_strict(domain) {
            Ok(ascii) => Ok(format!("{local}@{ascii}")),
            Err(_) => bail!(
                "`{}` in `{}` is not a valid internationalized domain name (IDNA, UTS 46): each label letters, digits and inner hyphens, at most 63 bytes in its ASCII form",
                domain.escape_debug(),
                email.escape_debug()
            ),
        },
        _ => Ok(email.to_owned()),
    }
}

/// The pieces of a message before it is put together.
#[derive(Debug, Clone)]
pub struct Message {
    /// Who sends it.
    pub from: Sender,
    /// The list it goes to.
    pub to: String,
    /// The `Date:`.
    pub date: DateTime<FixedOffset>,
    /// The rendered template: `Subject: …`, a blank line, the body.
    pub rendered: String,
}

impl Message {
    /// The whole RFC 5322 message.
    pub fn build(&self, template: &str) -> Result<String> {
        let rendered = self.rendered.trim_start_matches(['\n', '\r']);
        let (first, body) = rendered.split_once('\n').unwrap_or((rendered, ""));
        let Some(subject) = first.strip_prefix("Subject:") else {
            bail!("the template `{template}` must start with a `Subject:` line");
        };
        let subject = subject.trim();
        let body = body.trim_start_matches(['\n', '\r']);
        let mut out = String::new();
        out.push_str(&header("From", &mailbox(&self.from)));
        out.push_str(&header("To", &self.to));
        out.push_str(&header("Subject", &encode_words(subject)));
        out.push_str(&header("Date", &self.date.to_rfc2822()));
        out.push_str("MIME-Version: 1.0\n");
        out.push_str("Content-Type: text/plain; charset=utf-8\n");
        out.push_str("Content-Transfer-Encoding: 8bit\n");
        out.push('\n');
        out.push_str(&wrap(body.trim_end(), WIDTH));
        out.push('\n');
        Ok(out)
    }
}

/// `Name: value`, folded at spaces to 76 columns (the RFC 2047 limit; RFC 5322 asks 78).
fn header(name: &str, value: &str) -> String {
    let mut out = format!("{name}:");
    let mut col = out.len();
    for word in value.split(' ').filter(|w| !w.is_empty()) {
        if col + 1 + word.len() > 76 && col > name.len() + 1 {
            out.push_str("\n ");
            col = 1;
        } else {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += word.len();
    }
    out.push('\n');
    out
}

/// `"Display Name" <addr>`: quoted when it has specials, RFC 2047 encoded when not ASCII.
fn mailbox(sender: &Sender) -> String {
    let name = &sender.fullname;
    let display = if !name.is_ascii() || needs_encoding(name) {
        encode_words(name)
    } else if name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == ' ' || "!#$%&'*+-/=?^_`{|}~".contains(c))
    {
        name.clone()
    } else {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    };
    format!("{display} <{}>", sender.email)
}

/// Whether header text must be written as encoded words: it is not printable ASCII, looks like
/// an encoded word itself, or has a word too long to fold (header lines are folded at spaces,
/// so a 2,000-character word would make a line over RFC 5322's limit of 998).
fn needs_encoding(text: &str) -> bool {
    !text.chars().all(|c| c.is_ascii() && !c.is_ascii_control())
        || text.contains("=?")
        || text.split(' ').any(|w| w.len() > MAX_HEADER_WORD)
}

/// The longest run without a space kept as is in a header; longer ones are encoded words,
/// which fold.
const MAX_HEADER_WORD: usize = 60;

/// Header text as is when it is printable ASCII, else as RFC 2047 `Q` encoded words (each at
/// most 60 characters, never splitting a character), separated by spaces.
pub fn encode_words(text: &str) -> String {
    const OPEN: &str = "=?UTF-8?Q?";
    // RFC 2047 limits a line holding encoded words to 76 characters: words of at most 60 leave
    // room for any header name on the first line.
    const MAX_PAYLOAD: usize = 60 - OPEN.len() - 2;
    if !needs_encoding(text) {
        return text.to_owned();
    }
    let mut words = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        let mut enc = String::new();
        match c {
            ' ' => enc.push('_'),
            'a'..='z' | 'A'..='Z' | '0'..='9' | '!' | '*' | '+' | '-' | '/' => enc.push(c),
            _ => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(enc, "={b:02X}");
                }
            }
        }
        if cur.len() + enc.len() > MAX_PAYLOAD {
            words.push(format!("{OPEN}{cur}?="));
            cur.clear();
        }
        cur.push_str(&enc);
    }
    if !cur.is_empty() {
        words.push(format!("{OPEN}{cur}?="));
    }
    words.join(" ")
}

/// Wrap each line longer than `width` columns at spaces, keeping its indentation and hanging
/// list items (`- `, `1. `) and aligned fields (`Title:     …`) under their text. A word
/// longer than the line (a URL) is never split: it gets a line of its own.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width);
    for line in text.lines() {
        let line = line.trim_end();
        if line.chars().count() <= width {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let rest = line.trim_start();
        let indent = &line[..line.len() - rest.len()];
        let marker = match list_marker(rest) {
            0 => field_marker(rest),
            m => m,
        };
        // An indentation of half the width or more is not kept for the lines that follow:
        // copied onto each of them, a hostile one would make the message grow quadratically.
        let kept = indent.len() + marker < width / 2;
        let hanging = if kept {
            format!("{indent}{}", " ".repeat(marker))
        } else {
            String::new()
        };
        // The marker is kept as written (a field's label keeps its alignment), the rest is
        // words.
        let (lead, body) = rest.split_at(if kept { marker } else { 0 });
        let mut cur = format!("{indent}{lead}");
        let mut cur_len = cur.chars().count();
        // A line holding no word yet takes the next whatever its length; after a marker, a
        // word goes without a space.
        let mut fresh = lead.is_empty();
        let mut space = false;
        for word in body
            .split(' ')
            .filter(|w| !w.is_empty())
            .flat_map(|w| chunks(w, MAX_WORD))
        {
            let len = word.chars().count();
            if !fresh && cur_len + usize::from(space) + len > width {
                out.push_str(cur.trim_end());
                out.push('\n');
                cur.clone_from(&hanging);
                cur_len = hanging.chars().count();
                space = false;
            }
            if space {
                cur.push(' ');
                cur_len += 1;
            }
            cur.push_str(word);
            cur_len += len;
            fresh = false;
            space = true;
        }
        out.push_str(&cur);
        out.push('\n');
    }
    if !text.ends_with('\n') {
        out.pop();
    }
    out
}

/// The longest word kept whole in a body line, in characters: a longer one is cut, so that no
/// line exceeds RFC 5322's 998 characters.
const MAX_WORD: usize = 900;

/// `word` cut into pieces of at most `max` characters.
fn chunks(word: &str, max: usize) -> impl Iterator<Item = &str> {
    let mut rest = word;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let cut = rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i);
        let (piece, tail) = rest.split_at(cut);
        rest = tail;
        Some(piece)
    })
}

/// The width of a list marker at the start of `line` (`- `, `* `, `12. `), or 0.
/// The width of an aligned field's label (`Title:     ` is 11): a short label of letters, a
/// colon and at least two spaces; 0 for any other line.
fn field_marker(line: &str) -> usize {
    let Some(colon) = line.find(':') else {
        return 0;
    };
    let label = &line[..colon];
    let labelled = !label.is_empty()
        && label.len() <= 20
        && label
            .bytes()
            .all(|b| b.is_ascii_alphabetic() || b == b' ' || b == b'-');
    let spaces = line[colon + 1..].bytes().take_while(|&b| b == b' ').count();
    if labelled && spaces >= 2 {
        colon + 1 + spaces
    } else {
        0
    }
}

fn list_marker(line: &str) -> usize {
    if line.starts_with("- ") || line.starts_with("* ") {
        return 2;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with(". ") {
        return digits + 2;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internationalized_domains_are_written_in_their_ascii_form() {
        let ascii = |domain: &str| ascii_domain(&format!("jane+ietf@{domain}")).unwrap();
        // Well-known labels and RFC 3492 section 7.1's samples (B), (C), (G), and (K) in lower
        // case, which IDNA folds it to.
        for (domain, expected) in [
            ("Bücher.example", "xn--bcher-kva.example"),
            ("münchen.example", "xn--mnchen-3ya.example"),
            ("例え.example", "xn--r8jz45g.example"),
            (
                "他们为什么不说中文.example",
                "xn--ihqwcrb4cv8a8dqg056pqjye.example",
            ),
            (
                "他們爲什麽不說中文.example",
                "xn--ihqwctvzc91f659drss3x8bo0yb.example",
            ),
            (
                "なぜみんな日本語を話してくれないのか.example",
                "xn--n8jok5ay5dzabd5bym9f0cm5685rrjetr6pdxa.example",
            ),
            (
                "PorquénopuedensimplementehablarenEspañol.example",
                "xn--porqunopuedensimplementehablarenespaol-fmd56a.example",
            ),
        ] {
            assert_eq!(ascii(domain), format!("jane+ietf@{expected}"), "{domain}");
        }
        // UTS 46 mapping, which the hand-written encoder did not do: case folding,
        // normalization (a decomposed ü), the ideographic full stop, and ß kept as itself.
        assert_eq!(ascii("BÜCHER.Example"), "jane+ietf@xn--bcher-kva.example");
        assert_eq!(
            ascii("bu\u{308}cher.example"),
            "jane+ietf@xn--bcher-kva.example"
        );
        assert_eq!(ascii("bücher。example"), "jane+ietf@xn--bcher-kva.example");
        assert_eq!(ascii("faß.example"), "jane+ietf@xn--fa-hia.example");
        // ASCII domains and the local part are never changed.
        assert_eq!(
            ascii_domain("Jane@Example.COM").unwrap(),
            "Jane@Example.COM"
        );
        assert_eq!(
            ascii_domain("Jürgen@x.example").unwrap(),
            "Jürgen@x.example"
        );
    }

    #[test]
    fn an_invalid_internationalized_domain_is_a_one_line_error() {
        for domain in [
            "bü_cher.example".to_owned(),
            "-bücher.example".to_owned(),
            "bücher-.example".to_owned(),
            "bücher..example".to_owned(),
            "bücher.example.".to_owned(),
            format!("{}.example", "ü".repeat(64)),
            "bü\ncher.example".to_owned(),
            "\u{202e}bücher.example".to_owned(),
        ] {
            let err = ascii_domain(&format!("jane@{domain}"))
                .unwrap_err()
                .to_string();
            assert!(!err.contains('\n'), "{err}");
            assert!(
                err.contains("not a valid internationalized domain name"),
                "{err}"
            );
        }
    }

    #[test]
    fn wraps_at_72_without_breaking_urls() {
        let url = format!("https://example.com/{}", "a".repeat(80));
        let text = format!(
            "{} {url} end\n\n- {}\n  12. {}",
            "word ".repeat(20).trim(),
            "item ".repeat(20).trim(),
            "deep ".repeat(20).trim()
        );
        let out = wrap(&text, 72);
        for line in out.lines() {
            assert!(line.chars().count() <= 72 || line == url, "{line:?}");
        }
        assert!(out.lines().any(|l| l == url));
        assert!(out.contains("\n  item item"));
        assert!(out.contains("\n      deep deep"));
        assert_eq!(
            out.split_whitespace().collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>()
        );
        assert_eq!(wrap("short\n", 72), "short\n");
    }

    #[test]
    fn wrapped_fields_keep_their_alignment() {
        let text = "Title:     Distributed Aggregation Protocol for Privacy Preserving Measurement\nName:      draft-ietf-ppm-dap";
        assert_eq!(
            wrap(text, 72),
            "Title:     Distributed Aggregation Protocol for Privacy Preserving\n           Measurement\nName:      draft-ietf-ppm-dap"
        );
        // Not a field: one space after the colon, or a sentence before it.
        let prose = format!("Note: {}", "word ".repeat(20));
        assert!(wrap(&prose, 72).contains("\nword"), "{}", wrap(&prose, 72));
        // A label and a first word together over the line: the word goes under the label.
        let long = format!("Title:  {}", "x".repeat(70));
        assert_eq!(
            wrap(&long, 72),
            format!("Title:\n        {}", "x".repeat(70))
        );
    }

    #[test]
    fn encodes_non_ascii_header_text() {
        assert_eq!(encode_words("Plain text"), "Plain text");
        assert_eq!(
            encode_words("José Müller"),
            "=?UTF-8?Q?Jos=C3=A9_M=C3=BCller?="
        );
        let long = encode_words(&"é".repeat(40));
        for word in long.split(' ') {
            assert!(word.len() <= 60 && word.starts_with("=?UTF-8?Q?") && word.ends_with("?="));
        }
        assert_eq!(long.split(' ').count(), 5);
    }

    #[test]
    fn quotes_display_names_with_specials() {
        let s = |n: &str| Sender {
            fullname: n.to_owned(),
            email: "a@example.com".to_owned(),
        };
        assert_eq!(mailbox(&s("Jane Doe")), "Jane Doe <a@example.com>");
        assert_eq!(mailbox(&s("J. Doe, Jr")), "\"J. Doe, Jr\" <a@example.com>");
    }

    #[test]
    fn no_header_line_is_over_the_limit_whatever_the_sender_and_subject() {
        // See issue 9: a 2,000-character address or name gave a `From:` line twice RFC 5322's
        // limit of 998 characters.
        assert!(!is_address(&format!("{}@example.com", "a".repeat(2000))));
        assert!(!is_address(&format!("{}@example.com", "a".repeat(65))));
        assert!(!is_address(&format!("a@{}.com", "b".repeat(250))));
        assert!(!is_address("a\u{1b}@example.com"));
        assert!(is_address(&format!(
            "{}@{}.example",
            "a".repeat(64),
            "b".repeat(180)
        )));
        for name in [
            "x".repeat(2000),
            "x\u{1}\"y\"".repeat(300),
            "é".repeat(1000),
        ] {
            let sender = Sender {
                fullname: name.clone(),
                email: "a@example.com".to_owned(),
            };
            for h in [
                header("From", &mailbox(&sender)),
                header("Subject", &encode_words(&name)),
            ] {
                assert!(h.lines().all(|l| l.len() <= 78), "{h}");
                assert!(!h.contains('\u{1}'), "{h}");
            }
        }
    }

    #[test]
    fn folds_long_headers() {
        let h = header("Subject", &"word ".repeat(30));
        assert!(h.lines().all(|l| l.len() <= 76));
        assert!(h.lines().skip(1).all(|l| l.starts_with(' ')));
    }

    #[test]
    fn wrap_cuts_only_words_over_the_line_limit_and_drops_huge_indents() {
        let word = "é".repeat(2000);
        let out = wrap(&format!("a {word} b"), WIDTH);
        assert!(out.lines().all(|l| l.chars().count() <= MAX_WORD), "{out}");
        assert_eq!(out.replace('\n', ""), format!("a{word}b"));
        let indented = format!("{}{}", " ".repeat(100_000), "a ".repeat(100_000));
        let out = wrap(&indented, WIDTH);
        assert!(out.len() < 2 * indented.len(), "{}", out.len());
    }

    proptest::proptest! {
        #[test]
        fn wrap_keeps_every_word_and_the_width(text in "[a-zé \\-./:\n]{0,400}") {
            let out = wrap(&text, WIDTH);
            proptest::prop_assert_eq!(
                out.split_whitespace().collect::<Vec<_>>(),
                text.split_whitespace().collect::<Vec<_>>()
            );
            for line in out.lines() {
                proptest::prop_assert!(
                    line.chars().count() <= WIDTH || !line.trim().contains(' '),
                    "{:?}", line
                );
            }
        }

        #[test]
        fn encoded_words_are_ascii_and_short(text in "\\PC{0,120}") {
            let out = encode_words(&text);
            if out != text {
                proptest::prop_assert!(out.is_ascii());
                for word in out.split(' ') {
                    proptest::prop_assert!(word.len() <= 60);
                }
            }
        }
    }
}
