//! Start tags: found by substring search past comments, CDATA and processing instructions,
//! and their attributes read where asked for.

use std::borrow::Cow;

use memchr::memchr;

use super::dtd::{Entities, expanded};
use super::{find, line_at};
use crate::source::Located;

/// The offset of the next start tag `<name` at or after `from`, skipping comments, processing
/// instructions and CDATA sections.
///
/// As if every `<` were looked at in turn (a comment, CDATA section or processing instruction
/// skipped whole), but by substring search: the next `<name` is a start tag unless a comment,
/// CDATA section or processing instruction opens before it and hides it.
pub(crate) fn find_tag(text: &[u8], name: &[u8], from: usize) -> Option<usize> {
    let mut needle = [0; 32];
    let Some(sought) = needle.get_mut(..=name.len()) else {
        return find_tag_stepping(text, name, from);
    };
    sought[0] = b'<';
    sought[1..].copy_from_slice(name);
    let sought = &*sought;
    let mut i = from;
    loop {
        let at = i + find(text.get(i..)?, sought)?;
        if let Some(open) = hiding(text, i, at) {
            // Past what opened before the candidate; the candidate is sought again from there.
            i = skip_hidden(text, open)?;
            continue;
        }
        if matches!(
            text.get(at + sought.len()),
            Some(b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>')
        ) {
            return Some(at);
        }
        i = at + 1;
    }
}

/// The first comment, CDATA section or processing instruction that opens in `text[from..to]`.
fn hiding(text: &[u8], from: usize, to: usize) -> Option<usize> {
    let pi = find(&text[from..to], b"<?").map(|o| from + o);
    let mut i = from;
    let bang = loop {
        let Some(o) = find(&text[i..to], b"<!") else {
            break None;
        };
        let at = i + o;
        if text[at..].starts_with(b"<!--") || text[at..].starts_with(b"<![CDATA[") {
            break Some(at);
        }
        i = at + 2;
    };
    match (pi, bang) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The offset after the comment, CDATA section or processing instruction that opens at `at`
/// (`None` when it does not end).
fn skip_hidden(text: &[u8], at: usize) -> Option<usize> {
    let rest = &text[at..];
    if rest.starts_with(b"<!--") {
        Some(at + 4 + find(&rest[4..], b"-->")? + 3)
    } else if rest.starts_with(b"<![CDATA[") {
        Some(at + 9 + find(&rest[9..], b"]]>")? + 3)
    } else {
        Some(at + 2 + find(&rest[2..], b"?>")? + 2)
    }
}

/// [`find_tag`] for a name too long for its buffer: every `<` in turn.
fn find_tag_stepping(text: &[u8], name: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(off) = memchr(b'<', text.get(i..)?) {
        let at = i + off;
        let rest = &text[at..];
        if rest.starts_with(b"<!--") || rest.starts_with(b"<![CDATA[") || rest.starts_with(b"<?") {
            i = skip_hidden(text, at)?;
            continue;
        }
        if rest.len() > name.len() + 1
            && rest[1..].starts_with(name)
            && matches!(
                rest[1 + name.len()],
                b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>'
            )
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// The end (`>`) of the start tag beginning at `at`, minding quoted attribute values.
pub(crate) fn tag_end(text: &[u8], at: usize) -> usize {
    let mut i = at;
    while let Some(off) = text
        .get(i..)
        .and_then(|t| memchr::memchr3(b'>', b'"', b'\'', t))
    {
        let b = text[i + off];
        if b == b'>' {
            return i + off;
        }
        // A quoted value: its closing quote, or the end of the text.
        match memchr(b, &text[i + off + 1..]) {
            Some(len) => i += off + 1 + len + 1,
            None => return text.len(),
        }
    }
    text.len()
}

/// A start tag `text[start..end]`, whose attributes are read where asked for.
pub(super) struct Tag<'t> {
    text: &'t [u8],
    start: usize,
    end: usize,
}

impl<'t> Tag<'t> {
    pub(super) fn new(text: &'t [u8], start: usize, end: usize) -> Self {
        Tag {
            text,
            start,
            end: end.min(text.len()),
        }
    }

    /// The attributes in order, to `each` (name, raw value, offset of the value) until it says
    /// `false`. By hand over bytes: a draft's root has a dozen attributes, and every head has
    /// its root read.
    pub(super) fn attributes(&self, mut each: impl FnMut(&'t [u8], &'t [u8], usize) -> bool) {
        let (text, start) = (self.text, self.start);
        let tag = &text[start..self.end];
        // Skip `<name`.
        let mut i = skip_while(tag, 1, |b| {
            !b.is_ascii_whitespace() && b != b'/' && b != b'>'
        });
        loop {
            i = skip_while(tag, i, |b| b.is_ascii_whitespace());
            let name_at = i;
            i = skip_while(tag, i, |b| {
                !b.is_ascii_whitespace() && b != b'=' && b != b'/' && b != b'>'
            });
            if i == name_at {
                return;
            }
            let name = &tag[name_at..i];
            i = skip_while(tag, i, |b| b.is_ascii_whitespace());
            if tag.get(i) != Some(&b'=') {
                continue; // an attribute without a value: not XML; step over it
            }
            i = skip_while(tag, i + 1, |b| b.is_ascii_whitespace());
            let Some(&q) = tag.get(i).filter(|q| **q == b'"' || **q == b'\'') else {
                return;
            };
            let Some(len) = tag[i + 1..].iter().position(|&b| b == q) else {
                return;
            };
            if !each(name, &tag[i + 1..i + 1 + len], start + i + 1) {
                return;
            }
            i += len + 2;
        }
    }

    /// The raw value of attribute `name` and its offset (the first, if written twice).
    pub(super) fn attribute(&self, name: &[u8]) -> Option<(&'t [u8], usize)> {
        let [found] = self.attributes_named([name]);
        found
    }

    /// [`Tag::attribute`] of each of `names`, in one pass over the tag.
    pub(super) fn attributes_named<const N: usize>(
        &self,
        names: [&[u8]; N],
    ) -> [Option<(&'t [u8], usize)>; N] {
        let mut found = [None; N];
        let mut missing = N;
        self.attributes(|name, value, at| {
            for (want, slot) in names.iter().zip(&mut found) {
                if slot.is_none() && *want == name {
                    *slot = Some((value, at));
                    missing -= 1;
                }
            }
            missing > 0
        });
        found
    }

    /// The value of attribute `name`, entities expanded, with its line. When an entity in it
    /// cannot be expanded, `unresolved` says which and why, and the value keeps the reference.
    pub(super) fn value(
        &self,
        name: &[u8],
        entities: &Entities<'_>,
        unresolved: &mut Option<String>,
    ) -> Option<Located> {
        self.located(self.attribute(name), entities, unresolved)
    }

    /// A raw value found by [`Tag::attributes_named`] as [`Tag::value`] says it.
    pub(super) fn located(
        &self,
        found: Option<(&[u8], usize)>,
        entities: &Entities<'_>,
        unresolved: &mut Option<String>,
    ) -> Option<Located> {
        let (raw, at) = found?;
        let value = match expanded(raw, entities) {
            Ok(v) => v.into_owned(),
            Err(why) => {
                unresolved.get_or_insert(why);
                crate::source::decode_predefined(&String::from_utf8_lossy(raw))
            }
        };
        Some(Located {
            value,
            line: line_at(self.text, at),
        })
    }
}

/// The offset of the first byte at or after `i` for which `while_` is false (or the end).
fn skip_while(text: &[u8], mut i: usize, while_: impl Fn(u8) -> bool) -> usize {
    while i < text.len() && while_(text[i]) {
        i += 1;
    }
    i
}

/// A raw value found by [`Tag::attributes_named`], entities expanded as far as they can be (a
/// reference that cannot be expanded stays as written).
pub(super) fn value_text<'t>(
    found: Option<(&'t [u8], usize)>,
    entities: &Entities<'_>,
) -> Option<Cow<'t, str>> {
    let (raw, _) = found?;
    Some(expanded(raw, entities).unwrap_or_else(|_| {
        Cow::Owned(crate::source::decode_predefined(&String::from_utf8_lossy(
            raw,
        )))
    }))
}
