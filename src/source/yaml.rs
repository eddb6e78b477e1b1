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

/// Load the first YAML document of `text`.
pub fn load(text: &str) -> Result<Yaml, String> {
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
