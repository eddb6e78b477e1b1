//! The head scanners: a file's first bytes read by hand, per format, for what the draft
//! calls itself (see [`scan`]).

use anyhow::Result;
use chrono::NaiveDate;

use super::{Head, Located, SourceKind, xml, yaml};

/// How much of a file [`scan`] needs: the name is always in the front matter.
pub const HEAD_BYTES: usize = 64 * 1024;

/// Find the document's own name in the head of a file (the first [`HEAD_BYTES`] are enough).
pub fn scan(head: &[u8], kind: SourceKind) -> Head {
    // A UTF-8 byte order mark is not text (and is on line 1, so line numbers stay right).
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    match kind {
        SourceKind::Xml => scan_xml(head),
        SourceKind::Kramdown => scan_kramdown(head),
        SourceKind::Mmark => scan_mmark(head),
        SourceKind::Text => scan_text(head),
    }
}

/// How much of a file to read at a time, up to [`HEAD_BYTES`]: most drafts' own `<front>`,
/// front matter or first page ends in the first page of the file, nearly all in the first
/// 16 KiB (RFCXML in the real repositories: 56 % and 99.5 %).
pub const READS: [usize; 3] = [4096, 16 * 1024, HEAD_BYTES];

/// [`SourceKind::sniff`] and [`scan`] of the first bytes of a file, when they are enough: `Some`
/// only when no longer head of the same file could change what either says (the first line
/// and the own `<front>` up to `</front`, the front matter up to its closing line, or the
/// first page are all there). `None` says: read more, or all of [`HEAD_BYTES`].
pub fn scan_prefix(ext: &str, prefix: &[u8]) -> Option<(SourceKind, Head)> {
    let kind = SourceKind::sniff(ext, prefix);
    let text = prefix.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(prefix);
    // What the first line says of the kind needs all of it (a `.txt` is text whatever it says).
    if ext != "txt" {
        let mut lines = text.split(|&b| b == b'\n');
        lines.find(|l| !l.trim_ascii().is_empty())?;
        lines.next()?;
    }
    let head = match kind {
        SourceKind::Xml => {
            let (head, complete) = scan_xml_head(text);
            complete.then_some(head)?
        }
        SourceKind::Kramdown if front_matter_decided(text) => scan_kramdown(text),
        SourceKind::Text if first_page_decided(text) => scan_text(text),
        _ => return None,
    };
    Some((kind, head))
}

/// Whether a complete line of `text` decides the front matter: the first line that is not
/// blank, when it opens none, or the line that closes it.
fn front_matter_decided(text: &[u8]) -> bool {
    let mut started = false;
    let mut lines = text.split(|&b| b == b'\n').peekable();
    while let Some(line) = lines.next() {
        if lines.peek().is_none() {
            return false; // the last line may go on
        }
        if !started {
            if line.trim_ascii().is_empty() {
                continue;
            }
            if !line.starts_with(b"---") {
                return true;
            }
            started = true;
        } else if line.starts_with(b"---") || line.starts_with(b"...") {
            return true;
        }
    }
    false
}

/// Whether `text` holds a text draft's whole first page ([`scan_text`]'s: up to a form feed or
/// the 60th line end).
fn first_page_decided(text: &[u8]) -> bool {
    let page_end = memchr::memchr(0x0c, text).unwrap_or(text.len());
    page_end < text.len() || memchr::memchr_iter(b'\n', text).nth(59).is_some()
}

/// One of the five entities XML predefines.
pub(crate) fn predefined(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => name
            .strip_prefix("#x")
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
            .and_then(char::from_u32),
    }
}

/// Decode the predefined XML entities and character references; others stay as written.
pub(crate) fn decode_predefined(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest
            .find(';')
            .and_then(|end| predefined(&rest[1..end]).map(|c| (c, end)));
        if let Some((c, end)) = decoded {
            out.push(c);
            rest = &rest[end + 1..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

fn scan_xml(text: &[u8]) -> Head {
    scan_xml_head(text).0
}

/// [`scan_xml`], and whether a longer head would say the same ([`xml::XmlHead::complete`]).
fn scan_xml_head(text: &[u8]) -> (Head, bool) {
    let x = xml::scan(text);
    let not_draft = match x.root.as_deref() {
        None => Some(
            "not an XML document (no root element): a fragment that another file includes"
                .to_owned(),
        ),
        Some("rfc") => None,
        Some(other) => Some(format!(
            "its root element is `<{other}>`, not `<rfc>`: a fragment or another kind of XML"
        )),
    };
    let rfc_number = x.number.or(x.series_rfc);
    let not_draft = not_draft.or_else(|| {
        (x.doc_name.is_none() && x.series_info.is_none())
            .then_some(())
            .and(rfc_number.as_ref())
            .map(|n| {
                format!(
                    "the source of RFC {} (`number`), with no draft name",
                    n.value
                )
            })
    });
    let head = Head {
        date: x.date,
        docname: x.doc_name,
        series_info: x.series_info,
        rfc_number,
        unresolved: x.unresolved,
        not_draft,
    };
    (head, x.complete)
}

/// The last day a written date can mean: `2019` → 2019-12-31, `2019`/`July` → 2019-07-31.
pub(crate) fn date_of(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    let year: i32 = year
        .trim()
        .parse()
        .ok()
        .filter(|y| (1900..=9999).contains(y))?;
    let month = month_number(month.trim()).unwrap_or(12);
    let last = (28..=31)
        .rev()
        .find_map(|d| NaiveDate::from_ymd_opt(year, month, d))?;
    Some(
        day.trim()
            .parse()
            .ok()
            .and_then(|d| NaiveDate::from_ymd_opt(year, month, d))
            .unwrap_or(last),
    )
}

/// `July`, `Jul`, `7`, `07` → 7.
fn month_number(m: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if let Ok(n) = m.parse::<u32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    let m = m.get(..3)?;
    MONTHS
        .iter()
        .position(|x| x.eq_ignore_ascii_case(m))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// An ISO date as YAML or TOML writes it, maybe partial or with a time: `2021-05`,
/// `2012-01-13`, `2019-07-22T00:00:00Z`.
fn iso_date(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    let v = v.split(['T', ' ']).next().unwrap_or(v);
    let mut parts = v.splitn(3, '-');
    let (y, m, d) = (
        parts.next()?,
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    date_of(y, m, d)
}

/// A YAML scalar as written on one line: quotes removed, trailing comment dropped.
fn yaml_scalar(raw: &str) -> String {
    let raw = raw.trim();
    if let Some(inner) = raw.strip_prefix('"') {
        let end = inner.rfind('"').unwrap_or(inner.len());
        return inner[..end].replace("\\\"", "\"").replace("\\\\", "\\");
    }
    if let Some(inner) = raw.strip_prefix('\'') {
        let end = inner.rfind('\'').unwrap_or(inner.len());
        return inner[..end].replace("''", "'");
    }
    let value = match raw.find(" #") {
        Some(i) => &raw[..i],
        None => raw,
    };
    value.trim().to_owned()
}

/// The lines of the kramdown-rfc front matter: after a first `---` line, up to the next line
/// starting with `---` or `...`. Yields (1-based line, line without its line end).
fn front_matter(text: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    front_matter_spans(text).map(move |(n, span)| (n, &text[span]))
}

/// [`front_matter`] as byte ranges into `text`, for the commands that rewrite a line in place.
pub(crate) fn front_matter_spans(
    text: &[u8],
) -> impl Iterator<Item = (usize, std::ops::Range<usize>)> + '_ {
    let mut pos = 0;
    let mut lines = text.split(|&b| b == b'\n').enumerate().map(move |(i, l)| {
        let start = pos;
        pos += l.len() + 1;
        let len = l.strip_suffix(b"\r").unwrap_or(l).len();
        (i + 1, start..start + len)
    });
    let mut started = false;
    std::iter::from_fn(move || {
        for (n, span) in lines.by_ref() {
            let line = &text[span.clone()];
            if !started {
                if line.trim_ascii().is_empty() {
                    continue;
                }
                if line.starts_with(b"---") {
                    started = true;
                    continue;
                }
                return None;
            }
            if line.starts_with(b"---") || line.starts_with(b"...") {
                return None;
            }
            return Some((n, span));
        }
        None
    })
}

/// A front matter's lines: (1-based line, text without its line end).
pub(crate) type FrontMatterLines<'t> = Vec<(usize, &'t [u8])>;

/// The kramdown-rfc front matter's lines (1-based line, text) and its YAML, loaded within
/// [`yaml`]'s bounds.
pub(crate) fn front_matter_yaml(text: &str) -> Result<(FrontMatterLines<'_>, yaml_rust2::Yaml)> {
    let lines: Vec<(usize, &[u8])> = front_matter(text.as_bytes()).collect();
    let yaml_text: String = lines
        .iter()
        .map(|(_, l)| String::from_utf8_lossy(l))
        .collect::<Vec<_>>()
        .join("\n");
    let y = yaml::load(&yaml_text)
        .map_err(|e| anyhow::anyhow!("the YAML front matter does not parse: {e}"))?;
    Ok((lines, y))
}

/// A top-level `key: value` line of a YAML front matter (`key` case-sensitive, as YAML is).
pub(super) fn yaml_key<'l>(line: &'l [u8], key: &[u8]) -> Option<&'l [u8]> {
    line.strip_prefix(key)?.strip_prefix(b":")
}

fn scan_kramdown(text: &[u8]) -> Head {
    let mut head = Head::default();
    let mut any = false;
    for (n, line) in front_matter(text) {
        any = true;
        // kramdown-rfc reads `docname`; RFC-stage sources (quicwg's rfc9000.md) spell it
        // `docName`, which kramdown-rfc also accepts.
        let value = |rest: &[u8]| Located {
            value: yaml_scalar(&String::from_utf8_lossy(rest)),
            line: n,
        };
        if let Some(rest) = yaml_key(line, b"docname").or_else(|| yaml_key(line, b"docName")) {
            head.docname.get_or_insert(value(rest));
        } else if let Some(rest) = yaml_key(line, b"number") {
            let v = value(rest);
            if !v.value.is_empty() {
                head.rfc_number.get_or_insert(v);
            }
        } else if let Some(rest) = yaml_key(line, b"date") {
            head.date = head.date.or_else(|| iso_date(&value(rest).value));
        }
    }
    if !any {
        head.not_draft = Some(
            "Markdown with no kramdown-rfc front matter (`---` … `---`) and no mmark title block"
                .to_owned(),
        );
    } else if head.docname.is_none() {
        if let Some(n) = &head.rfc_number {
            head.not_draft = Some(format!(
                "the source of RFC {} (`number:`), with no draft name",
                n.value
            ));
        }
    }
    head
}

/// mmark's title block, v2 (`%%%` … `%%%`, TOML) or v1 (every line starts `% `): a draft's
/// name is `value` of the `[seriesInfo]` table whose `name` is `Internet-Draft` (v2), or a
/// top-level `docName` (v1, and early v2).
fn scan_mmark(text: &[u8]) -> Head {
    scan_mmark_keys(text).0
}

/// [`scan_mmark`], and the top-level `docName`/`docname` key when there is one. mmark v2 takes
/// the name from `[seriesInfo] value` alone (its title block has no `docName`), so where both
/// are written the table's value is the name, and the top-level key only a leftover (or a
/// note for other tools) that a rename keeps in step; mmark v1 and the first v2 releases read
/// `docName`, which is the name where no table gives one.
pub(super) fn scan_mmark_keys(text: &[u8]) -> (Head, Option<Located>) {
    let mut head = Head::default();
    let mut top: Option<Located> = None;
    let mut v2 = false;
    let mut table = String::new();
    // The current [seriesInfo] table's name and value, as they come in either order.
    let mut series: (Option<String>, Option<Located>) = (None, None);
    let take_series = |series: &mut (Option<String>, Option<Located>), head: &mut Head| {
        // mmark writes `docName` from the table's `value` whatever its `name` says
        // (`"Internet-Draft"`, `"Internet Draft"`, none); `RFC`, `DOI`, `BCP` … are the
        // document's other series.
        if let Some(value) = series.1.take() {
            match series.0.take().as_deref() {
                None | Some("Internet-Draft" | "Internet Draft" | "I-D") => {
                    head.docname.get_or_insert(value);
                }
                Some("RFC") => {
                    head.rfc_number.get_or_insert(value);
                }
                Some(_) => {}
            }
        }
        *series = (None, None);
    };
    for (i, raw) in text.split(|&b| b == b'\n').enumerate() {
        let raw = raw.trim_ascii();
        let line: &[u8] = if raw.starts_with(b"%%%") {
            if v2 {
                break;
            }
            v2 = true;
            continue;
        } else if v2 {
            raw
        } else if let Some(rest) = raw.strip_prefix(b"%") {
            rest.trim_ascii()
        } else if raw.is_empty() && head.docname.is_none() && table.is_empty() {
            continue;
        } else {
            break;
        };
        let line = String::from_utf8_lossy(line);
        if line.starts_with('[') {
            take_series(&mut series, &mut head);
            line.trim_matches(['[', ']']).trim().clone_into(&mut table);
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let located = Located {
            value: yaml_scalar(value),
            line: i + 1,
        };
        match (table.as_str(), key.trim()) {
            ("seriesInfo", "name") => series.0 = Some(located.value),
            ("seriesInfo", "value") => series.1 = Some(located),
            ("", "docName" | "docname") => {
                top.get_or_insert(located);
            }
            ("", "date") => head.date = head.date.or_else(|| iso_date(&located.value)),
            _ => {}
        }
    }
    take_series(&mut series, &mut head);
    if head.docname.is_none() {
        head.docname.clone_from(&top);
    }
    if head.docname.is_none() {
        if let Some(n) = &head.rfc_number {
            head.not_draft = Some(format!(
                "the source of RFC {} (`[seriesInfo] name = \"RFC\"`), with no draft name",
                n.value
            ));
        }
    }
    (head, top)
}

fn scan_text(text: &[u8]) -> Head {
    // The first page: up to the first form feed, or 60 lines.
    let page_end = memchr::memchr(0x0c, text).unwrap_or(text.len());
    let mut page = &text[..page_end];
    if let Some(nl) = memchr::memchr_iter(b'\n', page).nth(59) {
        page = &page[..nl];
    }
    let mut best: Option<(usize, usize)> = None;
    let mut i = 0;
    while let Some(off) = memchr::memmem::find(&page[i..], b"draft-") {
        let at = i + off;
        i = at + 6;
        if at > 0 && (page[at - 1].is_ascii_alphanumeric() || page[at - 1] == b'-') {
            continue;
        }
        let len = page[at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        let token = &page[at..at + len];
        let versioned = token.len() > 3
            && token[token.len() - 3] == b'-'
            && token[token.len() - 2..].iter().all(u8::is_ascii_digit);
        if versioned {
            best = Some((at, len));
            break;
        }
        best.get_or_insert((at, len));
    }
    // An Internet-Draft's first page says so in its header ("Internet-Draft", older ones
    // "INTERNET-DRAFT" or "Internet Draft"); a community series that borrows the format
    // ("SSB-Draft") or an RFC's text does not.
    let says_draft = [&b"internet-draft"[..], b"internet draft"]
        .iter()
        .any(|w| page.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w)));
    Head {
        docname: best.filter(|_| says_draft).map(|(at, len)| Located {
            value: String::from_utf8_lossy(&page[at..at + len]).into_owned(),
            line: xml::line_at(text, at),
        }),
        date: text_date(page),
        ..Head::default()
    }
}

/// A text draft's date from its first page: `Expires: January 23, 2020` (185 days after the
/// date, as xml2rfc computes it), or a `Month D, YYYY` / `D Month YYYY` in the header lines.
fn text_date(page: &[u8]) -> Option<NaiveDate> {
    let page = String::from_utf8_lossy(page);
    let words_date = |s: &str| -> Option<NaiveDate> {
        let words: Vec<&str> = s
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        words
            .windows(3)
            .rev()
            .find_map(|w| {
                let (a, b, c) = (w[0], w[1], w[2]);
                if month_number(a).is_some() && a.len() >= 3 && a.chars().all(char::is_alphabetic) {
                    // `July 22, 2019`
                    if b.chars().all(|c| c.is_ascii_digit()) && c.len() == 4 {
                        return date_of(c, a, b);
                    }
                }
                if b.len() >= 3 && b.chars().all(char::is_alphabetic) && month_number(b).is_some() {
                    // `22 July 2019`
                    if a.chars().all(|c| c.is_ascii_digit()) && c.len() == 4 {
                        return date_of(c, b, a);
                    }
                }
                None
            })
            .or_else(|| {
                // `July 2019`
                words.windows(2).rev().find_map(|w| {
                    (w[0].len() >= 3
                        && w[0].chars().all(char::is_alphabetic)
                        && month_number(w[0]).is_some()
                        && w[1].len() == 4)
                        .then(|| date_of(w[1], w[0], ""))
                        .flatten()
                })
            })
    };
    for line in page.lines().take(15) {
        if let Some(i) = line.find("Expires") {
            let rest = line[i + 7..].trim_start_matches([':', ' ']);
            if let Some(d) = words_date(rest) {
                return d.checked_sub_days(chrono::Days::new(185));
            }
        }
    }
    page.lines().take(8).find_map(|l| {
        // The date stands at the right of a header line, after the author.
        let right = l.trim_end();
        let cut = right.rfind("   ").map_or(right, |i| &right[i..]);
        words_date(cut)
    })
}
