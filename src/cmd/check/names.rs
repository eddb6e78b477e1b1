//! `check`'s names mode: `--name` and `--names-from`. A million names are checked in one
//! pass: [`name::is_clean`] first (no allocation; a clean name costs only its `ok` line), the
//! findings of [`name::check_name`] only for the others. `--names-from` is read in blocks, a
//! large block cut into a piece per core, lines split with `memchr`.

use std::io::{Read, Write};

use super::Adoption;
use crate::name::{self, Code, Context, Form, Issue};
use crate::report::{self, Finding, Renderer};

/// The name in `input` without directory, extension and revision, for looking up adoption
/// records (`dir/draft-x-03.xml` → `draft-x`).
pub(super) fn base_name(input: &str) -> &str {
    let file = input.rsplit(['/', '\\']).next().unwrap_or(input);
    let stem = file.split_once('.').map_or(file, |(s, _)| s);
    let stem = name::strip_latest(stem).unwrap_or(stem);
    strip_revision(stem)
}

/// `name-NN` → `name`; anything else unchanged (the last `-NN` is the revision, R6).
fn strip_revision(s: &str) -> &str {
    name::Revision::split(s).0
}

/// Check one name and render its verdict.
pub(super) fn check_one_name(
    input: &str,
    path: Option<&str>,
    line: Option<usize>,
    adoption: &Adoption,
    r: &mut Renderer,
) {
    if adoption.is_clean(input, Form::Auto) {
        r.ok(input);
        return;
    }
    for issue in adoption.check(input, Form::Auto) {
        r.finding(&finding(path, line, input, issue));
    }
}

/// Blocks smaller than this are checked on one thread (tiny in unit tests, which check that
/// the pieces do not show).
const PARALLEL_NAMES_FROM: usize = if cfg!(test) { 64 } else { 1 << 20 };

/// How much of a `--names-from` input is read and checked at a time: the input is never held
/// whole, only the output is.
const NAMES_BLOCK: usize = 4 << 20;

/// The longest line of a `--names-from` input that is checked as a name, in bytes; a longer
/// one is a finding, and is not held in memory.
pub(super) const MAX_NAME_LINE: usize = 1 << 20;

/// The finding for a line over [`MAX_NAME_LINE`].
fn overlong(display: &str, line: usize) -> Finding {
    Finding {
        path: Some(display.to_owned()),
        line: Some(line),
        name: String::new(),
        code: Code::TooLong,
        message: format!(
            "line {line} is over {} KiB long, more than newdraft reads as one name; it was not checked",
            MAX_NAME_LINE >> 10
        ),
        hint: Some("put one name on each line".to_owned()),
    }
}

/// Check every line of a `--names-from` input (`size` bytes long, or 0 when unknown); returns
/// how many names there were.
pub(super) fn check_names_from(
    input: &mut dyn Read,
    size: usize,
    display: &str,
    adoption: &Adoption,
    r: &mut Renderer,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    // Most names are clean and get `name: ok`: about the size of the input, and a few bytes
    // more a line. Each block's report is written out as soon as it is rendered, so the
    // buffer (reserved once, reused) holds about one block's worth.
    r.reserve(size.min(NAMES_BLOCK) + size.min(NAMES_BLOCK) / 4);
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(16);
    let mut parts: Vec<Renderer> = (1..threads).map(|_| r.fragment()).collect();
    let mut written = Ok(());
    let names = read_blocks(
        input,
        NAMES_BLOCK,
        |line, r| r.finding(&overlong(display, line)),
        |block, first_line, r| {
            // A UTF-8 byte order mark (Windows editors write one) is not part of the first name.
            let block = match first_line {
                0 => block.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(block),
                _ => block,
            };
            let counted = check_block(block, first_line, &mut parts, display, adoption, r);
            if written.is_ok() {
                written = r.flush_to(out);
            }
            counted
        },
        r,
    )?;
    written.map(|()| names)
}

/// The report `check --names-from` makes of `input` in `format` (no adoption records, no
/// colour): an entry point for the fuzz targets (`tests/cli/fuzz.rs`), which hold every report to
/// its format whatever the bytes. `block` is the reading block size, small in fuzzing so that
/// lines cross blocks.
#[doc(hidden)]
pub fn names_report(
    input: &[u8],
    format: crate::report::ReportFormat,
    block: usize,
) -> (String, report::Counts) {
    let adoption = Adoption::default();
    let mut r = Renderer::new(format, false);
    let mut out = Vec::new();
    let mut reader = input;
    let names = read_blocks(
        &mut reader,
        block,
        |line, r| r.finding(&overlong("names.txt", line)),
        |b, first, r| {
            let b = match first {
                0 => b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b),
                _ => b,
            };
            check_lines(b, first, "names.txt", &adoption, r)
        },
        &mut r,
    )
    .unwrap_or(0);
    let _ = r.flush_to(&mut out);
    let (rest, counts) = r.finish(0, names);
    let mut text = String::from_utf8_lossy(&out).into_owned();
    text.push_str(&rest);
    (text, counts)
}

/// Read `input` in blocks of about `block` bytes, each cut after its last line break (or at
/// the end), and hand each to `check` with the number of lines before it; the buffers are
/// reused, so a large input costs no more memory than a block. Returns the names counted.
fn read_blocks(
    input: &mut dyn Read,
    block: usize,
    mut too_long: impl FnMut(usize, &mut Renderer),
    mut check: impl FnMut(&[u8], usize, &mut Renderer) -> (usize, usize),
    r: &mut Renderer,
) -> std::io::Result<usize> {
    let mut buf = vec![0; block.max(1)];
    let mut filled = 0;
    let mut eof = false;
    let (mut names, mut lines) = (0, 0);
    loop {
        while filled < buf.len() && !eof {
            match input.read(&mut buf[filled..]) {
                Ok(0) => eof = true,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let cut = if eof {
            filled
        } else {
            let Some(last) = memchr::memrchr(b'\n', &buf[..filled]) else {
                if buf.len() <= MAX_NAME_LINE {
                    // One line longer than the buffer: make room for it.
                    buf.resize(buf.len() * 2, 0);
                    continue;
                }
                // A line over the limit (`/dev/zero`, a hostile list): said, and skipped to its
                // end without holding it, so memory stays bounded.
                too_long(lines + 1, r);
                names += 1;
                loop {
                    let n = match input.read(&mut buf) {
                        Ok(0) => return Ok(names),
                        Ok(n) => n,
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(e),
                    };
                    if let Some(end) = memchr::memchr(b'\n', &buf[..n]) {
                        buf.copy_within(end + 1..n, 0);
                        filled = n - end - 1;
                        lines += 1;
                        break;
                    }
                }
                continue;
            };
            last + 1
        };
        if cut > 0 {
            let (n, l) = check(&buf[..cut], lines, r);
            names += n;
            lines += l;
        }
        buf.copy_within(cut..filled, 0);
        filled -= cut;
        if eof {
            return Ok(names);
        }
    }
}

/// Check the lines of one block, the first of which is line `first_line + 1` of the input; a
/// large block is cut at line breaks into a piece per thread (one, and one per `parts`), the
/// first checked on this thread straight into `r`, the others into their `parts`, appended in
/// order, so the output is the same as on one thread. Returns the names and the line breaks.
fn check_block(
    bytes: &[u8],
    first_line: usize,
    parts: &mut [Renderer],
    display: &str,
    adoption: &Adoption,
    r: &mut Renderer,
) -> (usize, usize) {
    if parts.is_empty() || bytes.len() < PARALLEL_NAMES_FROM {
        return check_lines(bytes, first_line, display, adoption, r);
    }
    // Piece boundaries: just after a line break at or after each `len * i / pieces`.
    let pieces = parts.len() + 1;
    let mut bounds = vec![0];
    for i in 1..pieces {
        let target = (bytes.len() * i / pieces).max(*bounds.last().unwrap_or(&0));
        let cut = memchr::memchr(b'\n', &bytes[target..]).map_or(bytes.len(), |p| target + p + 1);
        bounds.push(cut);
    }
    bounds.push(bytes.len());
    let (names, lines) = std::thread::scope(|scope| {
        let handles: Vec<_> = bounds
            .windows(2)
            .skip(1)
            .zip(parts.iter_mut())
            .map(|(w, part)| {
                let (start, end) = (w[0], w[1]);
                scope.spawn(move || {
                    // Counting the lines before the piece here keeps it off the first thread.
                    let first = first_line + memchr::memchr_iter(b'\n', &bytes[..start]).count();
                    check_lines(&bytes[start..end], first, display, adoption, part)
                })
            })
            .collect();
        let (mut names, mut lines) =
            check_lines(&bytes[..bounds[1]], first_line, display, adoption, r);
        for h in handles {
            let (n, l) = h.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            names += n;
            lines += l;
        }
        (names, lines)
    });
    for part in parts {
        r.append_from(part);
    }
    (names, lines)
}

/// Check the lines of `bytes`, the first of which is line `first_line + 1` of the input.
/// Returns the names and the line breaks.
fn check_lines(
    bytes: &[u8],
    first_line: usize,
    display: &str,
    adoption: &Adoption,
    r: &mut Renderer,
) -> (usize, usize) {
    r.reserve(bytes.len() + bytes.len() / 4);
    // Input that is all UTF-8 (all of it, nearly always) is validated once, not line by line.
    if let Ok(text) = std::str::from_utf8(bytes) {
        return check_text_lines(text, first_line, display, adoption, r);
    }
    let mut names = 0;
    let lines = each_line(bytes, first_line, |start, end, line_no| {
        let mut line = &bytes[start..end];
        if let [rest @ .., b'\r'] = line {
            line = rest;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        names += 1;
        if line.len() > MAX_NAME_LINE {
            r.finding(&overlong(display, line_no));
            return;
        }
        match std::str::from_utf8(line) {
            Ok(text) => check_one_name(text, Some(display), Some(line_no), adoption, r),
            Err(_) => r.finding(&not_utf8(line, Some(display), Some(line_no))),
        }
    });
    (names, lines)
}

/// Call `f(start, end, line_no)` for each line of `bytes` (`bytes[start..end]`, without its
/// `\n`), numbered from `first_line + 1`, the last line also when it has no `\n`. Returns the
/// number of line breaks.
fn each_line(bytes: &[u8], first_line: usize, mut f: impl FnMut(usize, usize, usize)) -> usize {
    let mut start = 0;
    let mut line_no = first_line;
    for end in memchr::memchr_iter(b'\n', bytes) {
        line_no += 1;
        f(start, end, line_no);
        start = end + 1;
    }
    if start < bytes.len() {
        f(start, bytes.len(), line_no + 1);
    }
    line_no - first_line
}

/// [`check_lines`] on text known to be UTF-8: a clean name costs its one-pass check and the
/// copy of its `ok` line.
fn check_text_lines(
    text: &str,
    first_line: usize,
    display: &str,
    adoption: &Adoption,
    r: &mut Renderer,
) -> (usize, usize) {
    let mut names = 0;
    // Without adoption records every name has the same context: asked once, not per line.
    let plain = (adoption.adopted.is_empty() && adoption.replaced.is_empty()).then_some(Context {
        adopted_by: &adoption.cli,
    });
    let lines = each_line(text.as_bytes(), first_line, |start, end, line_no| {
        // `\n` is ASCII, so these are character boundaries.
        let mut line = &text[start..end];
        if let Some(rest) = line.strip_suffix('\r') {
            line = rest;
        }
        if line.bytes().all(|b| b.is_ascii_whitespace()) {
            return;
        }
        names += 1;
        if line.len() > MAX_NAME_LINE {
            r.finding(&overlong(display, line_no));
            return;
        }
        match &plain {
            Some(ctx) if name::is_clean(line, Form::Auto, ctx) => r.ok(line),
            _ => check_one_name(line, Some(display), Some(line_no), adoption, r),
        }
    });
    (names, lines)
}

/// The finding for a name whose bytes are not UTF-8 (so certainly not ASCII, R2).
pub(super) fn not_utf8(bytes: &[u8], path: Option<&str>, line: Option<usize>) -> Finding {
    let at = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    let byte = bytes.get(at).copied().unwrap_or(0);
    let what = line.map_or_else(|| "the name".to_owned(), |n| format!("line {n}"));
    Finding {
        path: path.map(str::to_owned),
        line,
        name: String::from_utf8_lossy(bytes).into_owned(),
        code: Code::NonAscii,
        message: format!(
            "{what} is not UTF-8 text (byte `0x{byte:02X}` at position {}); names use ASCII `a-z`, `0-9` and `-` only",
            at + 1
        ),
        hint: Some("write the name in ASCII".to_owned()),
    }
}

pub(super) fn finding(
    path: Option<&str>,
    line: Option<usize>,
    name: &str,
    issue: Issue,
) -> Finding {
    Finding {
        path: path.map(str::to_owned),
        line,
        name: name.to_owned(),
        code: issue.code,
        message: issue.message,
        hint: issue.hint,
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    #[test]
    fn strips_only_a_two_digit_revision() {
        assert_eq!(strip_revision("draft-a-b-00"), "draft-a-b");
        assert_eq!(strip_revision("draft-a-b-100"), "draft-a-b-100");
        assert_eq!(strip_revision("draft-a-b-1"), "draft-a-b-1");
        assert_eq!(strip_revision("-00"), "");
        assert_eq!(base_name("dir/draft-x-y-03.xml"), "draft-x-y");
        assert_eq!(base_name("draft-x-y-latest"), "draft-x-y");
        assert_eq!(base_name("draft-x-y"), "draft-x-y");
    }

    #[test]
    fn names_read_in_blocks_and_pieces_render_as_in_one_pass() {
        let mut input = Vec::new();
        for i in 0..2000 {
            match i % 7 {
                0 => write!(input, "draft-Doe-x{i}-00"),
                1 => Ok(()),
                2 => write!(input, "draft-doe-x{i}-y-00\r"),
                3 => write!(input, "draft-\u{e9}-x{i}-y"),
                4 => write!(input, "draft-doe-{}-{i}", "long".repeat(40)),
                _ => write!(input, "draft-doe-x{i}-y-00"),
            }
            .unwrap();
            if i % 7 == 3 {
                input.extend_from_slice(b"-\xff");
            }
            if i < 1999 {
                input.push(b'\n');
            }
        }
        let a = Adoption::default();
        for format in [
            crate::report::ReportFormat::Human,
            crate::report::ReportFormat::Json,
            crate::report::ReportFormat::Github,
        ] {
            let mut one = Renderer::new(format, false);
            let (n, lines) = check_lines(&input, 0, "n.txt", &a, &mut one);
            assert_eq!((n, lines), (2000 - 286, 1999));
            let expected = one.finish(0, n);
            for block in [1, 7, 100, 4096, 1 << 20] {
                for threads in [1, 2, 4] {
                    let mut r = Renderer::new(format, false);
                    let mut parts: Vec<Renderer> = (1..threads).map(|_| r.fragment()).collect();
                    let n = read_blocks(
                        &mut &input[..],
                        block,
                        |line, r| r.finding(&overlong("n.txt", line)),
                        |b, first, r| check_block(b, first, &mut parts, "n.txt", &a, r),
                        &mut r,
                    )
                    .unwrap();
                    assert_eq!(r.finish(0, n), expected, "{format:?} {block} {threads}");
                }
            }
        }
    }

    #[test]
    fn a_line_over_the_limit_is_a_finding_and_is_skipped_in_any_block_size() {
        let mut input = b"draft-a-b\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_NAME_LINE + 10));
        input.extend_from_slice(b"\nDraft-a-b\n");
        input.extend(std::iter::repeat_n(b'y', 3 * MAX_NAME_LINE));
        let a = Adoption::default();
        for block in [1, 4096, MAX_NAME_LINE, 4 * MAX_NAME_LINE] {
            let mut r = Renderer::new(crate::report::ReportFormat::Human, false);
            let n = read_blocks(
                &mut &input[..],
                block,
                |line, r| r.finding(&overlong("n.txt", line)),
                |b, first, r| check_lines(b, first, "n.txt", &a, r),
                &mut r,
            )
            .unwrap();
            let (out, counts) = r.finish(0, n);
            assert_eq!((n, counts.errors), (4, 3), "{block}: {out}");
            assert!(
                out.starts_with(
                    "draft-a-b: ok\nn.txt:2: error[name/too-long]: line 2 is over 1024 KiB"
                ),
                "{block}: {}",
                &out[..200]
            );
            assert!(
                out.contains("n.txt:3: error[name/missing-prefix]"),
                "{block}"
            );
            assert!(
                out.contains("n.txt:4: error[name/too-long]: line 4 is over"),
                "{block}"
            );
        }
    }

    #[test]
    fn name_lines_skip_blanks_and_report_bad_bytes_by_line() {
        let a = Adoption::default();
        let mut r = Renderer::new(crate::report::ReportFormat::Json, false);
        let mut streamed = Vec::new();
        let n = check_names_from(
            &mut &b"draft-a-b-00\r\n\n   \ndraft-\xffx-y\nDraft-x"[..],
            0,
            "n.txt",
            &a,
            &mut r,
            &mut streamed,
        )
        .unwrap();
        assert_eq!(n, 3);
        let (rest, counts) = r.finish(0, n);
        let out = String::from_utf8(streamed).unwrap() + &rest;
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["findings"][0]["line"], 4);
        assert_eq!(v["findings"][0]["code"], "name/non-ascii");
        assert_eq!(v["findings"][1]["line"], 5);
        assert_eq!(counts.errors, 2);
    }
}
