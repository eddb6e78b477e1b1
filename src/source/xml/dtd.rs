//! The prolog: the document type declaration's internal entities, read and expanded within a
//! budget, and what a strict parser would refuse (external and xml2rfc's named entities).

use std::borrow::Cow;
use std::collections::HashMap;

use memchr::{memchr, memmem};

use super::{EXPANSION_BUDGET, Entity, MAX_DEPTH, MAX_ENTITIES, MAX_REFERENCES, find};
use crate::source::Located;

/// xml2rfc's named character entities (its DTD declares them; drafts use them without a
/// declaration of their own), as characters.
const CHARACTER_ENTITIES: &[(&str, char)] = &[
    ("nbsp", '\u{a0}'),
    ("nbhy", '\u{2011}'),
    ("wj", '\u{2060}'),
    ("zwsp", '\u{200b}'),
    ("mdash", '\u{2014}'),
    ("ndash", '\u{2013}'),
    ("hellip", '\u{2026}'),
    ("lsquo", '\u{2018}'),
    ("rsquo", '\u{2019}'),
    ("ldquo", '\u{201c}'),
    ("rdquo", '\u{201d}'),
    ("laquo", '\u{ab}'),
    ("raquo", '\u{bb}'),
    ("bull", '\u{2022}'),
    ("middot", '\u{b7}'),
    ("copy", '\u{a9}'),
    ("reg", '\u{ae}'),
    ("trade", '\u{2122}'),
    ("deg", '\u{b0}'),
    ("plusmn", '\u{b1}'),
    ("times", '\u{d7}'),
    ("divide", '\u{f7}'),
    ("micro", '\u{b5}'),
    ("para", '\u{b6}'),
    ("sect", '\u{a7}'),
    ("cent", '\u{a2}'),
    ("pound", '\u{a3}'),
    ("yen", '\u{a5}'),
    ("euro", '\u{20ac}'),
    ("shy", '\u{ad}'),
    ("larr", '\u{2190}'),
    ("rarr", '\u{2192}'),
    ("uarr", '\u{2191}'),
    ("darr", '\u{2193}'),
    ("harr", '\u{2194}'),
    ("le", '\u{2264}'),
    ("ge", '\u{2265}'),
    ("ne", '\u{2260}'),
];

/// The document, with every entity reference a strict parser cannot expand rewritten:
/// xml2rfc's named character entities become character references, and external or
/// undeclared entities (`&rfc2119;` for a `SYSTEM` reference, never fetched) are dropped.
/// Internal entities stay for the parser, which expands them within its own limits.
pub(crate) fn resolvable(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut entities = HashMap::new();
    let Some(root) = prolog(bytes, Some(&mut entities)) else {
        return Cow::Borrowed(text);
    };
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = root;
    while let Some(off) = memchr::memchr2(b'<', b'&', &bytes[i..]) {
        let at = i + off;
        let rest = &bytes[at..];
        let skip = [
            (&b"<!--"[..], &b"-->"[..]),
            (b"<![CDATA[", b"]]>"),
            (b"<?", b"?>"),
        ]
        .iter()
        .find(|(open, _)| rest.starts_with(open))
        .map(|(open, close)| {
            memmem::find(&rest[open.len()..], close)
                .map_or(bytes.len(), |e| at + open.len() + e + close.len())
        });
        if let Some(next) = skip {
            i = next;
            continue;
        }
        i = at + 1;
        if rest[0] == b'<' {
            continue;
        }
        let Some(len) = rest.iter().take(64).position(|&b| b == b';') else {
            continue;
        };
        let name = &text[at + 1..at + len];
        let keep = name.starts_with('#')
            || crate::source::predefined(name).is_some()
            || matches!(entities.get(name), Some(Entity::Internal(_)));
        if keep {
            continue;
        }
        let s = out.get_or_insert_with(|| String::with_capacity(text.len()));
        s.push_str(&text[copied..at]);
        if let Some((_, c)) = CHARACTER_ENTITIES.iter().find(|(n, _)| *n == name) {
            s.push_str("&#");
            s.push_str(&u32::from(*c).to_string());
            s.push(';');
        }
        copied = at + len + 1;
        i = copied;
    }
    match out {
        Some(mut s) => {
            s.push_str(&text[copied..]);
            Cow::Owned(s)
        }
        None => Cow::Borrowed(text),
    }
}

/// The external entities (`<!ENTITY name SYSTEM "uri">`, `PUBLIC`) that the document's body
/// refers to (`&name;`), each with its system identifier (the URI, or empty) and the line of its
/// declaration: what a renderer must fetch or find beside the file.
pub(crate) fn external_entities(text: &[u8]) -> Vec<(String, Located)> {
    let mut entities = HashMap::new();
    let Some(root) = prolog(text, Some(&mut entities)) else {
        return Vec::new();
    };
    let body = &text[root..];
    let mut out: Vec<(String, Located)> = entities
        .iter()
        .filter(|(_, e)| matches!(e, Entity::External))
        .filter(|(name, _)| memmem::find(body, format!("&{name};").as_bytes()).is_some())
        .map(|(name, _)| {
            let decl = memmem::find(&text[..root], format!("<!ENTITY {name}").as_bytes());
            let (uri, line) = decl.map_or((String::new(), 1), |at| {
                let end = memchr(b'>', &text[at..root]).map_or(root, |e| at + e);
                let decl = String::from_utf8_lossy(&text[at..end]);
                // The last quoted string is the system identifier (a PUBLIC one comes first).
                let uri = decl
                    .rsplit(['"', '\''])
                    .nth(1)
                    .filter(|_| decl.contains(['"', '\'']))
                    .unwrap_or_default()
                    .to_owned();
                (uri, 1 + memchr::memchr_iter(b'\n', &text[..at]).count())
            });
            (name.clone(), Located { value: uri, line })
        })
        .collect();
    out.sort_by_key(|(_, l)| l.line);
    out
}

/// Skip the prolog (XML declaration, comments, processing instructions, the document type
/// declaration, whose internal subset's entities go into `entities` when it is given) and
/// return the offset of the root element's `<`.
pub(super) fn prolog(
    text: &[u8],
    mut entities: Option<&mut HashMap<String, Entity>>,
) -> Option<usize> {
    let mut i = 0;
    loop {
        i += text[i..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        let rest = &text[i..];
        if rest.starts_with(b"<?") {
            i += find(rest, b"?>")? + 2;
        } else if rest.starts_with(b"<!--") {
            i += 4 + find(&rest[4..], b"-->")? + 3;
        } else if rest.starts_with(b"<!DOCTYPE") {
            i = doctype(text, i + 9, entities.as_deref_mut())?;
        } else if rest.first() == Some(&b'<') && rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
            return Some(i);
        } else {
            // Text before the root: not an XML document (or a fragment of one).
            return None;
        }
    }
}

/// Read a `<!DOCTYPE …>` from just after its keyword; returns the offset after its `>`.
fn doctype(
    text: &[u8],
    mut i: usize,
    mut entities: Option<&mut HashMap<String, Entity>>,
) -> Option<usize> {
    // Up to the internal subset `[` or the end `>`, minding quoted system identifiers.
    loop {
        match *text.get(i)? {
            q @ (b'"' | b'\'') => i += 1 + memchr(q, &text[i + 1..])? + 1,
            b'[' => break,
            b'>' => return Some(i + 1),
            _ => i += 1,
        }
    }
    i += 1;
    loop {
        let rest = text.get(i..)?;
        i += rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let rest = text.get(i..)?;
        if rest.starts_with(b"]") {
            i += 1 + memchr(b'>', &rest[1..])? + 1;
            return Some(i);
        } else if rest.starts_with(b"<!--") {
            i += 4 + find(&rest[4..], b"-->")? + 3;
        } else if rest.starts_with(b"<?") {
            i += find(rest, b"?>")? + 2;
        } else if rest.starts_with(b"<!ENTITY") {
            i = entity_decl(text, i + 8, entities.as_deref_mut())?;
        } else if rest.starts_with(b"<!") {
            // <!ELEMENT …>, <!ATTLIST …>, <!NOTATION …>: skip, minding quotes.
            i += 2;
            loop {
                match *text.get(i)? {
                    q @ (b'"' | b'\'') => i += 1 + memchr(q, &text[i + 1..])? + 1,
                    b'>' => break,
                    _ => i += 1,
                }
            }
            i += 1;
        } else {
            // A parameter-entity reference (`%name;`) or stray text: step over it.
            i += 1;
        }
    }
}

/// Read one `<!ENTITY …>` from just after its keyword; returns the offset after its `>`.
fn entity_decl(
    text: &[u8],
    mut i: usize,
    entities: Option<&mut HashMap<String, Entity>>,
) -> Option<usize> {
    let ws = |text: &[u8], i: usize| {
        text.get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count()
    };
    i += ws(text, i);
    let parameter = text.get(i) == Some(&b'%');
    if parameter {
        i += 1;
        i += ws(text, i);
    }
    let name_len = text[i..]
        .iter()
        .take_while(|b| !b.is_ascii_whitespace() && **b != b'>' && **b != b'"' && **b != b'\'')
        .count();
    let name = &text[i..i + name_len];
    i += name_len;
    i += ws(text, i);
    let value = match *text.get(i)? {
        q @ (b'"' | b'\'') => {
            let len = memchr(q, &text[i + 1..])?;
            let value = &text[i + 1..i + 1 + len];
            i += len + 2;
            Some(value)
        }
        _ => None,
    };
    // The rest of the declaration (SYSTEM "uri", NDATA …), minding quotes.
    loop {
        match *text.get(i)? {
            q @ (b'"' | b'\'') => i += 1 + memchr(q, &text[i + 1..])? + 1,
            b'>' => break,
            _ => i += 1,
        }
    }
    // The first declaration of a name binds (XML 1.0, 4.2); parameter entities are not
    // general entities and are not referenced from attribute values.
    if let Some(entities) = entities {
        if !parameter && !name.is_empty() && entities.len() < MAX_ENTITIES {
            let entity = value.map_or(Entity::External, |v| {
                Entity::Internal(String::from_utf8_lossy(v).into_owned())
            });
            entities
                .entry(String::from_utf8_lossy(name).into_owned())
                .or_insert(entity);
        }
    }
    Some(i + 1)
}

/// The internal DTD subset's general entities, read from the prolog only when a value refers
/// to one (most documents' names refer to none).
pub(super) struct Entities<'t> {
    text: &'t [u8],
    map: std::cell::OnceCell<HashMap<String, Entity>>,
}

impl<'t> Entities<'t> {
    pub(super) fn new(text: &'t [u8]) -> Self {
        Entities {
            text,
            map: std::cell::OnceCell::new(),
        }
    }

    pub(super) fn get(&self) -> &HashMap<String, Entity> {
        self.map.get_or_init(|| {
            let mut map = HashMap::new();
            prolog(self.text, Some(&mut map));
            map
        })
    }
}

/// [`expand`] of a raw attribute value; one without references is its own expansion.
pub(super) fn expanded<'t>(raw: &'t [u8], entities: &Entities<'_>) -> Result<Cow<'t, str>, String> {
    if raw.len() <= EXPANSION_BUDGET && memchr(b'&', raw).is_none() {
        if let Ok(text) = std::str::from_utf8(raw) {
            return Ok(Cow::Borrowed(text));
        }
    }
    let raw = String::from_utf8_lossy(raw);
    if !raw.contains('&') && raw.len() <= EXPANSION_BUDGET {
        return Ok(raw);
    }
    expand(&raw, entities.get()).map(Cow::Owned)
}

/// Expand the entity and character references in an attribute value. Errors say which
/// reference could not be expanded and why.
pub(crate) fn expand(raw: &str, entities: &HashMap<String, Entity>) -> Result<String, String> {
    let mut out = String::new();
    let mut budget = Budget {
        bytes: EXPANSION_BUDGET,
        references: MAX_REFERENCES,
    };
    expand_into(raw, entities, 0, &mut budget, &mut out)?;
    Ok(out)
}

/// What is left of one value's expansion.
struct Budget {
    /// Bytes of text.
    bytes: usize,
    /// References to internal entities: an entity that expands to nothing costs no bytes, and
    /// ten of them in each of sixteen nested entities would be 10^16 expansions.
    references: usize,
}

fn expand_into(
    raw: &str,
    entities: &HashMap<String, Entity>,
    depth: usize,
    budget: &mut Budget,
    out: &mut String,
) -> Result<(), String> {
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        push_budget(out, &rest[..i], budget)?;
        rest = &rest[i + 1..];
        let Some(end) = rest.find(';') else {
            return Err("a `&` that starts no entity reference".to_owned());
        };
        let name = &rest[..end];
        rest = &rest[end + 1..];
        if let Some(c) = crate::source::predefined(name) {
            push_budget(out, c.encode_utf8(&mut [0; 4]), budget)?;
            continue;
        }
        match entities.get(name) {
            Some(Entity::Internal(value)) => {
                if depth + 1 > MAX_DEPTH {
                    return Err(format!(
                        "the entity `&{name};` nests entities more than {MAX_DEPTH} deep"
                    ));
                }
                if budget.references == 0 {
                    return Err(format!(
                        "its entities expand into more than {MAX_REFERENCES} entity references"
                    ));
                }
                budget.references -= 1;
                expand_into(value, entities, depth + 1, budget, out)?;
            }
            Some(Entity::External) => {
                return Err(format!(
                    "the entity `&{name};` is external (`SYSTEM`/`PUBLIC`), and newdraft never fetches one"
                ));
            }
            None => {
                return Err(format!(
                    "the entity `&{name};` is not declared in the document's internal DTD subset"
                ));
            }
        }
    }
    push_budget(out, rest, budget)
}

fn push_budget(out: &mut String, s: &str, budget: &mut Budget) -> Result<(), String> {
    if s.len() > budget.bytes {
        return Err(format!(
            "its entities expand to more than {EXPANSION_BUDGET} bytes"
        ));
    }
    budget.bytes -= s.len();
    out.push_str(s);
    Ok(())
}
