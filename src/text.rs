//! Untrusted text made safe to print: the one home of output escaping.
//!
//! Names, paths, `docName`s, arguments and error messages all carry text that a stranger may
//! have written (a pull request's file names, a draft's `docName`). Printed raw, a line break
//! forges a second `error:` line or a finding, a line that starts with `::` is a GitHub Actions
//! workflow command, and an escape sequence drives the reader's terminal. So every such string
//! goes through here on its way out:
//!
//! - [`escape`] for human text: control characters (C0, DEL, C1), the Unicode line and paragraph
//!   separators and the bidirectional controls are shown as `\n`, `\r`, `\t` or `\u{1b}`; the rest
//!   is kept as it is (a backslash too, so paths stay readable).
//! - [`line`] for a whole human line: [`escape`], and a line that would start a workflow command
//!   (`::` or the old `##[`, after any leading blanks, as the runner trims them) gets its first
//!   character escaped.
//! - [`workflow_data`] and [`workflow_property`] for GitHub annotations: the runner's own
//!   escaping (`%`, CR, LF; and `:`, `,` in a property), other control characters as in
//!   [`escape`].
//!
//! JSON needs nothing from here: `serde_json` escapes every control character.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Result, bail};

/// Whether `c` must not reach an output raw: a control character, a line or paragraph
/// separator, or a bidirectional control (which can reorder what a reader sees).
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'
                ..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}'
        )
}

/// Whether `s` is printable ASCII only (safe as it is), as nearly every string is: a test of
/// every byte without an early exit, which the compiler vectorizes (a million names in
/// `--names-from` each take it).
fn printable_ascii(s: &str) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Eight bytes at a time: a byte below 0x20 (the classic "has less than" test, exact for
    // whether there is one), or from 0x7f up (its high bit set, or set by adding one).
    let unprintable = |w: u64| {
        (w.wrapping_sub(ONES * 0x20) & !w & HIGH) != 0 || ((w | w.wrapping_add(ONES)) & HIGH) != 0
    };
    let words = s.as_bytes().chunks_exact(8);
    let tail = words.remainder();
    words
        .map(|w| u64::from_ne_bytes(w.try_into().expect("a chunk of eight")))
        .all(|w| !unprintable(w))
        && tail.iter().all(|&b| (b' '..=b'~').contains(&b))
}

/// Append `c` to `out` visibly, in Rust's escape style.
fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

/// `s` with every control character, separator and bidirectional control shown visibly;
/// borrowed when there is none (the common case costs one scan).
pub fn escape(s: &str) -> Cow<'_, str> {
    if printable_ascii(s) || !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path for a message or an output line: lossy for bytes that are not UTF-8, [`escape`]d.
pub fn path(p: &Path) -> String {
    escape(&p.to_string_lossy()).into_owned()
}

/// `s` as one word for a POSIX shell, for a command newdraft suggests: as it is when it is
/// letters, digits and `_./+:@%-`, else in single quotes (a `'` written `'\''`).
pub fn shell_word(s: &str) -> Cow<'_, str> {
    let plain = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_./+:@%-".contains(&b));
    if plain {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(format!("'{}'", s.replace('\'', "'\\''")))
    }
}

/// A whole line of human output: [`escape`]d, and never the start of a workflow command.
pub fn line(s: &str) -> Cow<'_, str> {
    if printable_ascii(s) && !matches!(s.as_bytes().first(), Some(b' ' | b':' | b'#')) {
        return Cow::Borrowed(s);
    }
    let escaped = escape(s);
    if !starts_a_command(&escaped) {
        return escaped;
    }
    let blanks = escaped.len() - escaped.trim_start().len();
    let mut out = String::with_capacity(escaped.len() + 8);
    out.push_str(&escaped[..blanks]);
    let rest = &escaped[blanks..];
    let mut chars = rest.chars();
    if let Some(first) = chars.next() {
        push_escaped(&mut out, first);
    }
    out.push_str(chars.as_str());
    Cow::Owned(out)
}

/// The longest error or note line printed, in characters: a value quoted in it (a megabyte of
/// `--wg`) is cut, and the line says how much was left out.
pub const MAX_LINE: usize = 4096;

/// A whole diagnostic line: [`line`], cut at [`MAX_LINE`] characters.
pub fn diagnostic(s: &str) -> Cow<'_, str> {
    let l = line(s);
    match l.char_indices().nth(MAX_LINE) {
        None => l,
        Some((cut, _)) => Cow::Owned(format!("{}… ({} more bytes)", &l[..cut], l.len() - cut)),
    }
}

/// Whether GitHub Actions would read `s` as a workflow command: `::name …::` or the older
/// `##[name …]`, after leading whitespace.
pub fn starts_a_command(s: &str) -> bool {
    let t = s.trim_start();
    t.starts_with("::") || t.starts_with("##[")
}

/// A workflow-command message: `%`, CR and LF as the Actions toolkit escapes them
/// (`%25`, `%0D`, `%0A`), other unsafe characters as in [`escape`].
pub fn workflow_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if is_unsafe(c) => push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// A workflow-command property value: [`workflow_data`] plus `:` as `%3A` and `,` as `%2C`.
pub fn workflow_property(s: &str) -> String {
    workflow_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Free text for the draft: whitespace runs (newlines, tabs) become one space; characters
/// that XML cannot carry are refused; an empty value is refused.
pub fn clean_line(flag: &str, value: Option<String>) -> Result<Option<String>> {
    let Some(value) = value else { return Ok(None) };
    let clean = value.split_whitespace().collect::<Vec<_>>().join(" ");
    refuse_controls(flag, &clean)?;
    if clean.is_empty() {
        bail!("`{flag}` is empty; give a value or leave the option out");
    }
    Ok(Some(clean))
}

/// Refuse free text with a character XML cannot carry: a control character other than the
/// blanks that are folded into spaces (tab, line breaks), or a non-character.
pub fn refuse_controls(flag: &str, text: &str) -> Result<()> {
    if let Some(c) = text
        .chars()
        .find(|&c| (c.is_control() && !c.is_whitespace()) || matches!(c, '\u{fffe}' | '\u{ffff}'))
    {
        bail!(
            "`{flag}` contains the control character U+{:04X}, which a draft cannot hold; remove it",
            u32::from(c)
        );
    }
    Ok(())
}

/// Escape text for XML element content and attribute values (either quote style).
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// A double-quoted YAML scalar (also a TOML basic string: the two share these escapes)
/// holding exactly `text`: safe after any key, whatever `text`
/// contains (`: `, `#`, quotes, a leading `-`, `[`, `{`, backslashes). Non-ASCII stays UTF-8.
pub fn yaml_scalar(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || c == '\u{feff}' => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_are_quoted_where_a_shell_would_split_or_expand_them() {
        assert_eq!(shell_word("rfced/draft-x"), "rfced/draft-x");
        assert_eq!(shell_word("my drafts"), "'my drafts'");
        assert_eq!(shell_word("a'b;$(x)"), "'a'\\''b;$(x)'");
        assert_eq!(shell_word(""), "''");
    }

    #[test]
    fn printable_ascii_is_exactly_the_bytes_from_space_to_tilde() {
        for b in 0..=u8::MAX {
            let printable = (b' '..=b'~').contains(&b);
            // At every position of a word and in the tail.
            for at in 0..20 {
                let mut bytes = vec![b'a'; 20];
                bytes[at] = b;
                if let Ok(s) = std::str::from_utf8(&bytes) {
                    assert_eq!(printable_ascii(s), printable, "byte {b:#x} at {at}");
                }
            }
        }
        for c in ['é', '\u{85}', '\u{2028}', '\u{7f}', '\u{10ffff}'] {
            for at in 0..12 {
                let s: String = (0..12).map(|i| if i == at { c } else { 'a' }).collect();
                assert!(!printable_ascii(&s), "{c:?} at {at}");
            }
        }
        assert!(printable_ascii(""));
    }

    #[test]
    fn escapes_every_xml_metacharacter() {
        assert_eq!(
            escape_xml(r#"Foo: "Bar" & <Baz> #1 'q'"#),
            "Foo: &quot;Bar&quot; &amp; &lt;Baz&gt; #1 &apos;q&apos;"
        );
        assert_eq!(escape_xml("José Müller"), "José Müller");
    }

    #[test]
    fn cleans_free_text() {
        assert_eq!(
            clean_line("--title", Some(" a\n\tb  c ".into())).unwrap(),
            Some("a b c".to_owned())
        );
        let err = clean_line("--title", Some("a\u{1}b".into())).unwrap_err();
        assert!(err.to_string().contains("U+0001"), "{err}");
        assert!(clean_line("--org", Some("  ".into())).is_err());
        assert_eq!(clean_line("--org", None).unwrap(), None);
    }

    #[test]
    fn escapes_controls_separators_and_bidi_visibly() {
        assert_eq!(escape("draft-a-b"), "draft-a-b");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
        assert_eq!(escape("a\nb\rc\td"), "a\\nb\\rc\\td");
        assert_eq!(escape("\x1b[31mred"), "\\u{1b}[31mred");
        assert_eq!(
            escape("x\u{7f}\u{85}\u{2028}\u{202e}y"),
            "x\\u{7f}\\u{85}\\u{2028}\\u{202e}y"
        );
        assert_eq!(escape("a\\b é"), "a\\b é");
    }

    #[test]
    fn no_line_starts_a_workflow_command() {
        assert_eq!(line("::error::x"), "\\u{3a}:error::x");
        assert_eq!(line("  ::warning file=a::x"), "  \\u{3a}:warning file=a::x");
        assert_eq!(line("##[error]x"), "\\u{23}#[error]x");
        assert_eq!(line("a::b"), "a::b");
        assert_eq!(line("draft-a\n::error::x"), "draft-a\\n::error::x");
        for s in ["::x", " \t::x", "\n::x", "##[x", "\u{2028}::x"] {
            let l = line(s);
            assert!(
                !starts_a_command(&l) && !l.contains(['\n', '\r']),
                "{s:?} -> {l:?}"
            );
        }
    }

    #[test]
    fn diagnostics_are_cut_to_a_readable_length() {
        assert_eq!(diagnostic("error: short"), "error: short");
        let long = format!("error: `{}`", "x".repeat(10_000));
        let cut = diagnostic(&long);
        assert!(cut.chars().count() < MAX_LINE + 40, "{}", cut.len());
        assert!(
            cut.ends_with("… (5913 more bytes)"),
            "{}",
            &cut[cut.len() - 40..]
        );
    }

    #[test]
    fn workflow_escapes_follow_the_toolkit() {
        assert_eq!(workflow_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(workflow_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(workflow_data("\x1b]8;;x"), "\\u{1b}]8;;x");
    }
}
