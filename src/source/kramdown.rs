//! kramdown-rfc's own syntax in a draft's body, as kramdown-rfc itself reads it
//! (`lib/kramdown-rfc/command.rb` and `lib/kramdown-rfc2629.rb` of cabo/kramdown-rfc), for
//! [`super::Document`] and [`super::facts`]: the division lines it splits a source at before
//! Markdown sees it, and the setext headings of kramdown under them.
//!
//! Every function here looks at one line, or a line and the one before it: reading a body is
//! linear in its length.

/// What a line starting with `---` is to kramdown-rfc, which splits the source at these lines
/// (`RE_SECTION`) before kramdown reads any Markdown: `--- NAME` (a word and an optional `-`)
/// opens the division NAME (`abstract`, `middle`, `back`, `note_…`), a bare `---` returns to
/// the division before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Division<'l> {
    /// `--- NAME`.
    Open(&'l str),
    /// `---`.
    Close,
}

/// The division line `line` is, if it is one. A table's rule (`------|------`, `----  ----`)
/// or a setext underline (`----`) starts with `---` and is Markdown, not a division.
pub(crate) fn division(line: &str) -> Option<Division<'_>> {
    let rest = line.strip_prefix("---")?.trim_end_matches(' ');
    if rest.is_empty() {
        return Some(Division::Close);
    }
    let name = rest.trim_start_matches(' ');
    if name.len() == rest.len() {
        return None;
    }
    let word = name.strip_suffix('-').unwrap_or(name);
    let is_word = !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    is_word.then_some(Division::Open(word))
}

/// The division each line of a body is in, as [`division`] lines open and close them.
#[derive(Debug, Default)]
pub(crate) struct Divisions<'l> {
    open: Vec<&'l str>,
}

impl<'l> Divisions<'l> {
    /// Read one line; `true` when it is a division line (which is not Markdown).
    pub(crate) fn line(&mut self, line: &'l str) -> bool {
        match division(line) {
            Some(Division::Open(name)) => {
                self.open.push(name);
                true
            }
            Some(Division::Close) => {
                self.open.pop();
                true
            }
            None => false,
        }
    }

    /// The division the lines read now are in (`""` before any).
    pub(crate) fn current(&self) -> &'l str {
        self.open.last().copied().unwrap_or_default()
    }
}

/// The level of a setext heading whose underline `line` would be: a line of `=` (1) or of `-`
/// (2), with trailing blanks (kramdown's `SETEXT_HEADER_START`).
pub(crate) fn setext_underline(line: &str) -> Option<usize> {
    let t = line.trim_end();
    let first = *t.as_bytes().first()?;
    let level = match first {
        b'=' => 1,
        b'-' => 2,
        _ => return None,
    };
    t.bytes().all(|b| b == first).then_some(level)
}

/// Whether `line`, at the start of a block and followed by a setext underline, is a heading's
/// text: indented less than four spaces (more is code) and not some other block's first line
/// (an ATX heading, a table row, a list item, a quote, an attribute list, HTML, a fence).
pub(crate) fn setext_text(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    if t.trim().is_empty() || line.len() - t.len() > 3 {
        return false;
    }
    let list_item = ["* ", "- ", "+ ", ": "].iter().any(|m| t.starts_with(m))
        || t.split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let other_block = ['#', '|', '>', '{', '<', '~', '`', '\t']
        .iter()
        .any(|c| t.starts_with(*c));
    !list_item && !other_block && setext_underline(t).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn division_lines_are_what_kramdown_rfc_splits_at() {
        assert_eq!(division("--- middle"), Some(Division::Open("middle")));
        assert_eq!(division("---  back  "), Some(Division::Open("back")));
        assert_eq!(
            division("--- note_Note_to_Readers"),
            Some(Division::Open("note_Note_to_Readers"))
        );
        assert_eq!(division("--- back-"), Some(Division::Open("back")));
        assert_eq!(division("---"), Some(Division::Close));
        assert_eq!(division("---   "), Some(Division::Close));
        for markdown in [
            "----",
            "------------------------------------",
            "-----------------------------|-------------------|-----------------",
            "------                                                ------",
            "---|---",
            "--- two words",
            "-- middle",
            " --- middle",
        ] {
            assert_eq!(division(markdown), None, "{markdown}");
        }
    }

    #[test]
    fn a_bare_division_line_returns_to_the_division_before() {
        let mut d = Divisions::default();
        assert!(d.line("--- middle"));
        assert!(d.line("--- back"));
        assert_eq!(d.current(), "back");
        assert!(!d.line("-----|-----"));
        assert_eq!(d.current(), "back");
        assert!(d.line("---"));
        assert_eq!(d.current(), "middle");
        assert!(d.line("---"));
        assert!(d.line("---"));
        assert_eq!(d.current(), "");
    }

    #[test]
    fn setext_headings_are_a_text_line_and_an_underline() {
        assert_eq!(setext_underline("============"), Some(1));
        assert_eq!(setext_underline("----   "), Some(2));
        assert_eq!(setext_underline("-"), Some(2));
        assert_eq!(setext_underline("==-"), None);
        assert_eq!(setext_underline("---|---"), None);
        assert_eq!(setext_underline(""), None);
        assert!(setext_text("IANA Considerations"));
        assert!(setext_text("Introduction        {#intro}"));
        assert!(setext_text("   Three spaces"));
        for not in [
            "",
            "    code",
            "# ATX",
            "| a | b |",
            "* item",
            "- item",
            "1. item",
            "{: #x}",
            "~~~",
            "====",
        ] {
            assert!(!setext_text(not), "{not}");
        }
    }
}
