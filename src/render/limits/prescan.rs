//! Step 1 of the bounds on a `--templates` file: its source, before tera's recursive parser
//! sees it (see [`super`]).

use super::{MAX_BRACKETS, MAX_NESTING, MAX_SOURCE, MAX_TAG};

/// Refuse a source that tera's parser might not survive, before it parses it.
pub fn prescan(source: &str) -> Result<(), String> {
    if source.len() > MAX_SOURCE {
        return Err(format!(
            "it is {} KiB, over the {} KiB a template may be",
            source.len() >> 10,
            MAX_SOURCE >> 10
        ));
    }
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    let mut pos = 0;
    let mut in_raw = false;
    while let Some(k) = memchr::memchr(b'{', &bytes[pos..]).map(|k| pos + k) {
        let close: &[u8] = match bytes.get(k + 1) {
            Some(b'{') => b"}}",
            Some(b'%') => b"%}",
            Some(b'#') => b"#}",
            _ => {
                pos = k + 1;
                continue;
            }
        };
        // An unclosed tag runs to the end: tera reports it, but parses it first, so it is held
        // to the same limits. A tag's strings may hold its closing delimiter (`"%}"`): the
        // tag ends where tera ends it, outside strings (fuzzing found a tag hidden that way);
        // raw text and comments have no strings.
        let end = if in_raw || close == b"#}" {
            memchr::memmem::find(&bytes[k + 2..], close).map_or(bytes.len(), |e| k + 2 + e + 2)
        } else {
            tag_end(bytes, k + 2, close)
        };
        pos = end;
        let tag = &source[k..end];
        let word = tag
            .trim_matches(|c: char| matches!(c, '{' | '}' | '%' | '#' | '-') || c.is_whitespace())
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .next()
            .unwrap_or("");
        if in_raw {
            in_raw = !(close == b"%}" && word == "endraw");
            continue;
        }
        if close == b"#}" {
            continue;
        }
        if tag.len() > MAX_TAG {
            return Err(format!(
                "a tag at byte {k} is {} bytes long, over the {MAX_TAG} a tag may be",
                tag.len()
            ));
        }
        if close == b"%}" {
            match word {
                "raw" => in_raw = true,
                "if" | "for" | "macro" | "block" | "filter" => depth += 1,
                w if w.starts_with("end") => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        if depth > MAX_NESTING {
            return Err(format!(
                "blocks at byte {k} nest more than {MAX_NESTING} deep"
            ));
        }
        if bracket_depth(tag) > MAX_BRACKETS {
            return Err(format!(
                "brackets in the tag at byte {k} nest more than {MAX_BRACKETS} deep"
            ));
        }
    }
    Ok(())
}

/// Where the tag whose inside starts at `from` ends (after `close`), skipping string literals;
/// the end of the source when it does not.
fn tag_end(bytes: &[u8], from: usize, close: &[u8]) -> usize {
    let mut quote = None;
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            None if matches!(b, b'"' | b'\'' | b'`') => quote = Some(b),
            None if bytes[i..].starts_with(close) => return i + close.len(),
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// How deep `(` and `[` nest in a tag, outside string literals.
fn bracket_depth(tag: &str) -> usize {
    let (mut depth, mut max, mut quote) = (0usize, 0, None);
    for c in tag.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '(' | '[') => {
                depth += 1;
                max = max.max(depth);
            }
            (None, ')' | ']') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}
