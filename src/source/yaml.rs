//! A kramdown-rfc front matter read the way kramdown-rfc (Ruby's Psych) reads it, within
//! bounds.
//!
//! yaml-rust2 parses (an event stream, no recursion); this loader builds the tree, because its
//! own `YamlLoader` differs from Psych twice and is not bounded:
//! - a key written twice is an error there, while Psych keeps the last value (real drafts
//!   repeat `keyword:`);
//! - an alias is a deep copy of its anchor, so ten aliases of ten aliases of … (a "billion
//!   laughs") take gigabytes. Here every node, copies included, counts against
//!   [`NODE_BUDGET`], and nesting deeper than [`MAX_DEPTH`] is refused (dropping a deep tree
//!   would overflow the stack).

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};
use yaml_rust2::yaml::{Hash, Yaml};

/// At most this many nodes (scalars, sequences, mappings, alias copies included).
pub const NODE_BUDGET: usize = 100_000;
/// At most this many sequences and mappings inside each other.
pub const MAX_DEPTH: usize = 64;

/// Load the first YAML document of `text`. A quoted scalar whose continuation lines are not
/// indented under its key (cfrg/draft-irtf-cfrg-opaque: `title: "… cryptographic` then
/// `protocols"` at column 0) is an error to yaml-rust2 but read by Psych, and so by
/// kramdown-rfc: such a front matter is read again with those lines indented.
pub fn load(text: &str) -> Result<Yaml, String> {
    load_strict(text).or_else(|e| match indent_quoted(text) {
        Some(indented) => load_strict(&indented).map_err(|_| e),
        None => Err(e),
    })
}

/// Lines of quoted scalars that continue at or left of their key's column, indented under
/// it; `None` when there are none.
fn indent_quoted(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 64);
    // Inside a quoted scalar: its quote, and the column its lines must pass.
    let mut open: Option<(char, usize)> = None;
    let mut changed = false;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = if let Some((quote, column)) = open {
            if indent <= column && !line.trim().is_empty() {
                out.push_str(&" ".repeat(column + 2 - indent));
                changed = true;
                // Bounded: a hostile front matter (a key far right, ten thousand lines under
                // it) is not multiplied; it stays the error it is.
                if out.len() > 2 * text.len() + 4096 {
                    return None;
                }
            }
            out.push_str(line);
            let Some(after) = closes(line, quote) else {
                continue;
            };
            open = None;
            &line[after..]
        } else {
            out.push_str(line);
            line
        };
        // A value that opens a quote and does not close it on this line.
        let value = rest
            .split_once(": ")
            .map(|(_, v)| v)
            .or_else(|| rest.trim_start().strip_prefix("- "))
            .map(str::trim_start);
        if let Some(v) = value {
            if let Some(quote) = v.chars().next().filter(|c| matches!(c, '"' | '\'')) {
                if closes(&v[1..], quote).is_none() {
                    open = Some((quote, indent));
                }
            }
        }
    }
    changed.then_some(out)
}

/// Where the quoted scalar ends in `s` (the byte after its closing quote), minding `\"` in a
/// double-quoted scalar and `''` in a single-quoted one.
fn closes(s: &str, quote: char) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], quote) {
            (b'\\', '"') => i += 2,
            (b'\'', '\'') if bytes.get(i + 1) == Some(&b'\'') => i += 2,
            (b, q) if b == q as u8 => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Load the first YAML document of `text`, as yaml-rust2 reads it.
fn load_strict(text: &str) -> Result<Yaml, String> {
    let mut loader = Loader::default();
    let mut parser = Parser::new_from_str(text);
    parser.load(&mut loader, false).map_err(|e| e.to_string())?;
    if let Some(e) = loader.error {
        return Err(e);
    }
    Ok(loader.doc.unwrap_or(Yaml::Null))
}

#[derive(Default)]
struct Loader {
    /// Open sequences and mappings, with their anchor id; a mapping's pending key beside it.
    stack: Vec<(Yaml, usize, Option<Yaml>)>,
    /// Anchored nodes and how many nodes each holds.
    anchors: std::collections::HashMap<usize, (Yaml, usize)>,
    /// Node counts of the open containers, for anchors.
    counts: Vec<usize>,
    nodes: usize,
    doc: Option<Yaml>,
    error: Option<String>,
}

impl Loader {
    fn fail(&mut self, why: String) {
        self.error.get_or_insert(why);
        self.stack.clear();
    }

    /// Add a finished node (of `size` nodes) to its parent, or make it the document.
    fn insert(&mut self, node: Yaml, anchor: usize, size: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, (node.clone(), size));
        }
        if let Some(c) = self.counts.last_mut() {
            *c += size;
        }
        match self.stack.last_mut() {
            None => {
                self.doc.get_or_insert(node);
            }
            Some((Yaml::Array(v), _, _)) => v.push(node),
            Some((Yaml::Hash(h), _, key)) => match key.take() {
                // A key written twice keeps its last value, as Psych does.
                Some(k) => {
                    h.insert(k, node);
                }
                None => *key = Some(node),
            },
            Some(_) => {}
        }
    }

    fn open(&mut self, node: Yaml, anchor: usize) {
        if self.stack.len() >= MAX_DEPTH {
            self.fail(format!(
                "the front matter nests lists and mappings more than {MAX_DEPTH} deep"
            ));
            return;
        }
        self.stack.push((node, anchor, None));
        self.counts.push(1);
    }

    fn close(&mut self) {
        if let (Some((node, anchor, _)), Some(size)) = (self.stack.pop(), self.counts.pop()) {
            self.insert(node, anchor, size);
        }
    }

    fn count(&mut self, n: usize) -> bool {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > NODE_BUDGET {
            self.fail(format!(
                "the front matter holds more than {NODE_BUDGET} values (aliases counted as the copies they make)"
            ));
            return false;
        }
        true
    }
}

impl MarkedEventReceiver for Loader {
    fn on_event(&mut self, ev: Event, _mark: Marker) {
        if self.error.is_some() || self.doc.is_some() {
            return;
        }
        match ev {
            Event::SequenceStart(anchor, _) if self.count(1) => {
                self.open(Yaml::Array(Vec::new()), anchor);
            }
            Event::MappingStart(anchor, _) if self.count(1) => {
                self.open(Yaml::Hash(Hash::new()), anchor);
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            Event::Scalar(v, style, anchor, _) if self.count(1) => {
                let node = if style == TScalarStyle::Plain {
                    Yaml::from_str(&v)
                } else {
                    Yaml::String(v)
                };
                self.insert(node, anchor, 1);
            }
            Event::Alias(id) => {
                let (node, size) = self
                    .anchors
                    .get(&id)
                    .cloned()
                    .unwrap_or((Yaml::BadValue, 1));
                if self.count(size) {
                    self.insert(node, 0, size);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_scalar_continued_at_column_zero_is_read_as_psych_reads_it() {
        // cfrg/draft-irtf-cfrg-opaque's front matter, cut down.
        let text = "title: T\nref:\n  Canetti01:\n    title: \"Universally composable security: A new paradigm for cryptographic\nprotocols\"\n    date: 2001\n";
        let y = load(text).unwrap();
        assert_eq!(
            y["ref"]["Canetti01"]["title"].as_str(),
            Some("Universally composable security: A new paradigm for cryptographic protocols")
        );
        assert_eq!(y["ref"]["Canetti01"]["date"].as_i64(), Some(2001));
        // Still an error where nothing can be read: an unclosed quote.
        assert!(load("title: \"never closed\nx: y\n").is_err());
        let hostile = format!("{}k: \"a\n{}", " ".repeat(10_000), "b\n".repeat(10_000));
        assert!(load(&hostile).is_err());
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value_as_kramdown_rfc_does() {
        let y = load("title: A\nkeyword: x\nkeyword: y\n").unwrap();
        assert_eq!(y["keyword"].as_str(), Some("y"));
        assert_eq!(y["title"].as_str(), Some("A"));
    }

    #[test]
    fn aliases_are_copies_within_a_budget() {
        let y = load("a: &x {name: N}\nb: *x\n").unwrap();
        assert_eq!(y["b"]["name"].as_str(), Some("N"));
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = format!("*a{}", i - 1);
            bomb += &[
                "a",
                &i.to_string(),
                ": &a",
                &i.to_string(),
                " [",
                &vec![prev; 10].join(", "),
                "]\n",
            ]
            .concat();
        }
        assert!(load(&bomb).unwrap_err().contains("more than"));
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let deep = format!("x: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        // Refused (by the parser's own limit or by ours), never a crash.
        assert!(load(&deep).is_err());
        let block: String = (0..200).map(|i| " ".repeat(i) + "k:\n").collect();
        assert!(
            load(&block).unwrap_err().contains("deep"),
            "{:?}",
            load(&block)
        );
    }
}
