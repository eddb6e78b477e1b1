//! Bounds on what a `--templates` file can make newdraft do.
//!
//! Tera 1 has no limits of its own: a macro that calls itself overflows the stack (an abort, not
//! an error), `range(end=100000000)` allocates the whole array before the loop starts, and a
//! `set` that doubles a string runs out of memory. A user's template is therefore checked before
//! it is rendered, in three steps:
//!
//! 1. [`prescan`], on the source, before tera's recursive parser sees it: at most
//!    [`MAX_SOURCE`] bytes, tags of at most [`MAX_TAG`] bytes, blocks (`if`, `for`, `macro`, …)
//!    nested at most [`MAX_NESTING`] deep and brackets in a tag at most [`MAX_BRACKETS`].
//! 2. [`check`], on the parsed template and the actual values it will be rendered with: an
//!    upper bound of everything it can compute, walking the tree once. Every value and the
//!    output are bounded by [`MAX_OUTPUT`] bytes, the work (each value computed, counted in
//!    bytes, times the iterations around it) by [`MAX_WORK`]; a macro may not call itself,
//!    directly or not, and macro calls nest at most [`MAX_MACRO_DEPTH`] deep; a `set` in a loop
//!    may not grow a value from one iteration to the next; `include`, `extends` and `import`
//!    are refused (the only template there is to include is the file itself: a stack overflow). The bounds are over-estimates: a
//!    template they refuse could have been fine, one they accept cannot run away.
//! 3. At render time [`range`] replaces tera's own, refusing more than [`RANGE_CAP`] numbers.
//!
//! The built-in templates are newdraft's own and are not checked.

mod prescan;

use std::collections::HashMap;

use tera::Value;
use tera::ast::{Expr, ExprVal, Forloop, FunctionCall, If, MacroDefinition, Node};

pub use prescan::prescan;

/// The largest template source read, in bytes.
pub const MAX_SOURCE: usize = 256 << 10;
/// The longest tag (`{{ … }}`, `{% … %}`), in bytes.
pub const MAX_TAG: usize = 2 << 10;
/// How deep blocks (`if`, `for`, `macro`, …) may nest.
pub const MAX_NESTING: usize = 32;
/// How deep brackets may nest inside a tag: tera's parser takes exponential time in nested
/// calls (`f(a=f(a=f(…` costs about 3.5 times more with each level; 10 levels took 15 s),
/// which fuzzing found.
pub const MAX_BRACKETS: usize = 5;
/// How deep macro calls may nest.
pub const MAX_MACRO_DEPTH: usize = 16;
/// The most numbers one `range` may make.
pub const RANGE_CAP: u64 = 10_000;
/// The largest output, and the largest value, a template may make, in bytes.
pub const MAX_OUTPUT: u64 = 16 << 20;
/// The most work a template may ask for: the bytes of every value computed, times the
/// iterations of the loops around it (about a second of rendering).
pub const MAX_WORK: u64 = 200_000_000;
/// The work of evaluating one node or expression, beyond the bytes it makes: tera spends about
/// this long on one as on copying that many bytes.
const NODE_WORK: u64 = 64;
/// The work of one macro call (a new frame and context), in the same unit.
const CALL_WORK: u64 = 1024;
/// The most steps the check itself takes (macro calls with different arguments are analysed
/// once each).
const MAX_STEPS: u64 = 1_000_000;

/// `range(start=0, end, step_by=1)` as tera has it, refusing more than [`RANGE_CAP`] numbers.
pub fn range<S: std::hash::BuildHasher>(args: &HashMap<String, Value, S>) -> tera::Result<Value> {
    let number = |key: &str, default: Option<u64>| -> tera::Result<u64> {
        match args.get(key) {
            Some(v) => v.as_u64().ok_or_else(|| {
                tera::Error::msg(format!(
                    "Function `range` received {key}={v} but `{key}` can only be a number"
                ))
            }),
            None => default.ok_or_else(|| {
                tera::Error::msg(format!(
                    "Function `range` was called without a `{key}` argument"
                ))
            }),
        }
    };
    let start = number("start", Some(0))?;
    let end = number("end", None)?;
    let step = number("step_by", Some(1))?;
    if step == 0 {
        return Err(tera::Error::msg("Function `range` received step_by=0"));
    }
    if start > end {
        return Err(tera::Error::msg(
            "Function `range` was called with a `start` argument greater than the `end` one",
        ));
    }
    let count = (end - start).div_ceil(step);
    if count > RANGE_CAP {
        return Err(tera::Error::msg(format!(
            "`range` would make {count} numbers, more than the {RANGE_CAP} a template may"
        )));
    }
    Ok(Value::Array(
        (start..end)
            .step_by(usize::try_from(step).unwrap_or(usize::MAX))
            .map(Value::from)
            .collect(),
    ))
}

/// An upper bound on a value: the bytes it renders to, the items a loop over it (or over
/// anything inside it) takes, and the bytes of one such item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
struct Bound {
    bytes: u64,
    items: u64,
    item: u64,
}

impl Bound {
    fn scalar() -> Bound {
        Bound::text(32)
    }

    /// A string: looped over by character (at most 4 bytes each).
    fn text(bytes: u64) -> Bound {
        Bound {
            bytes,
            items: bytes,
            item: bytes.min(4),
        }
    }

    fn widen(self, other: Bound) -> Bound {
        Bound {
            bytes: self.bytes.max(other.bytes),
            items: self.items.max(other.items),
            item: self.item.max(other.item),
        }
    }
}

/// What rendering some nodes can cost: output bytes and work.
#[derive(Debug, Clone, Copy, Default)]
struct Cost {
    out: u64,
    work: u64,
}

type Env = HashMap<String, Bound>;

/// Check that `template`, rendered with `context` (escaped with at most `escape_growth` bytes
/// per byte of a value), stays within the bounds; `Err` says which it would break.
pub fn check(template: &tera::Template, context: &Value, escape_growth: u64) -> Result<(), String> {
    let mut a = Analysis {
        macros: &template.macros,
        context,
        escape_growth,
        memo: HashMap::new(),
        values: HashMap::new(),
        calls: Vec::new(),
        steps: 0,
    };
    let mut env = Env::new();
    let cost = a.nodes(&template.ast, &mut env)?;
    Analysis::within(cost)
}

struct Analysis<'a> {
    macros: &'a HashMap<String, MacroDefinition>,
    context: &'a Value,
    escape_growth: u64,
    memo: HashMap<(String, Vec<(String, Bound)>), Cost>,
    /// Bounds of the context's top-level values, computed once each.
    values: HashMap<String, Bound>,
    /// The macros being analysed, outermost first.
    calls: Vec<String>,
    steps: u64,
}

impl Analysis<'_> {
    fn within(cost: Cost) -> Result<(), String> {
        if cost.out > MAX_OUTPUT {
            return Err(format!(
                "it could write more than the {} MiB a template may",
                MAX_OUTPUT >> 20
            ));
        }
        if cost.work > MAX_WORK {
            return Err(format!(
                "it could compute more than a template may (about {} million bytes of values, loops included)",
                MAX_WORK / 1_000_000
            ));
        }
        Ok(())
    }

    fn value(b: Bound) -> Result<Bound, String> {
        if b.bytes > MAX_OUTPUT || b.items > MAX_WORK {
            return Err(format!(
                "it could make a value of more than the {} MiB a template may",
                MAX_OUTPUT >> 20
            ));
        }
        Ok(b)
    }

    fn step(&mut self) -> Result<(), String> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return Err("it is too complex to bound (too many macro calls and loops)".to_owned());
        }
        Ok(())
    }

    fn nodes(&mut self, nodes: &[Node], env: &mut Env) -> Result<Cost, String> {
        let mut total = Cost::default();
        for node in nodes {
            self.step()?;
            let c = self.node(node, env)?;
            total.out = total.out.saturating_add(c.out);
            total.work = total.work.saturating_add(c.work).saturating_add(NODE_WORK);
            Self::within(total)?;
        }
        Ok(total)
    }

    /// What rendering one node can cost, with the bounds of the names set so far in `env`.
    fn node(&mut self, node: &Node, env: &mut Env) -> Result<Cost, String> {
        Ok(match node {
            Node::Text(s) | Node::Raw(_, s, _) => Cost {
                out: s.len() as u64,
                work: s.len() as u64,
            },
            Node::VariableBlock(_, e) => {
                let (b, work) = self.expr(e, env)?;
                let growth = if e.is_marked_safe() {
                    1
                } else {
                    self.escape_growth
                };
                let out = b.bytes.saturating_mul(growth);
                Cost {
                    out,
                    work: work.saturating_add(out),
                }
            }
            Node::Set(_, set) => {
                let (b, work) = self.expr(&set.value, env)?;
                env.insert(set.key.clone(), b);
                Cost { out: 0, work }
            }
            Node::FilterSection(_, section, _) => {
                let body = self.nodes(&section.body, env)?;
                let (b, work) = self.filter(&section.filter, Bound::text(body.out), env)?;
                Cost {
                    out: b.bytes,
                    work: body.work.saturating_add(work),
                }
            }
            Node::Block(_, block, _) => self.nodes(&block.body, env)?,
            Node::Forloop(_, f, _) => self.forloop(f, env)?,
            Node::If(branches, _) => self.branches(branches, env)?,
            // A `--templates` file is one template: the only one it could include, extend or
            // import is itself, which tera follows until the stack overflows.
            Node::Include(..) | Node::Extends(..) | Node::ImportMacro(..) => {
                return Err(
                    "`include`, `extends` and `import` are not supported: a template overrides one built-in template, whole"
                        .to_owned(),
                );
            }
            // Without a parent there is no `super()`; inside a `filter` section tera 1.20
            // panics on it (found by fuzzing).
            Node::Super => {
                return Err(
                    "`super()` is not supported: a template overrides one built-in template, whole, with no parent"
                        .to_owned(),
                );
            }
            Node::MacroDefinition(..) | Node::Break(_) | Node::Continue(_) | Node::Comment(..) => {
                Cost::default()
            }
        })
    }

    /// A `for` loop: its body, costed twice (a `set` that grows a value from one iteration to
    /// the next is refused), times the iterations its container allows; then its `else` body.
    fn forloop(&mut self, f: &Forloop, env: &mut Env) -> Result<Cost, String> {
        let (container, mut work) = self.expr(&f.container, env)?;
        let iterations = container.items;
        let mut inner = env.clone();
        let item = Bound {
            bytes: container.item,
            items: container.items,
            item: container.item,
        };
        inner.insert(f.value.clone(), item);
        if let Some(key) = &f.key {
            inner.insert(key.clone(), item);
        }
        inner.insert("loop".to_owned(), Bound::scalar());
        let first = self.nodes(&f.body, &mut inner)?;
        let after_one = inner.clone();
        let second = self.nodes(&f.body, &mut inner)?;
        if inner != after_one {
            return Err(format!(
                "a `set` in the loop over `{}` can grow a value from one iteration to the next",
                f.value
            ));
        }
        let body = Cost {
            out: first.out.max(second.out),
            work: first.work.max(second.work),
        };
        let mut cost = Cost {
            out: body.out.saturating_mul(iterations),
            work: body
                .work
                .saturating_add(NODE_WORK)
                .saturating_mul(iterations),
        };
        if let Some(empty) = &f.empty_body {
            let e = self.nodes(empty, env)?;
            cost.out = cost.out.max(e.out);
            work = work.saturating_add(e.work);
        }
        merge(env, &inner);
        cost.work = cost.work.saturating_add(work);
        Ok(cost)
    }

    /// An `if`: the work of every condition and branch, the output of the longest branch; what
    /// any branch sets holds after it.
    fn branches(&mut self, branches: &If, env: &mut Env) -> Result<Cost, String> {
        let mut cost = Cost::default();
        let mut after = env.clone();
        let bodies = branches
            .conditions
            .iter()
            .map(|(_, cond, body)| (Some(cond), body))
            .chain(branches.otherwise.iter().map(|(_, body)| (None, body)));
        for (cond, body) in bodies {
            if let Some(cond) = cond {
                let (_, w) = self.expr(cond, env)?;
                cost.work = cost.work.saturating_add(w);
            }
            let mut branch = env.clone();
            let c = self.nodes(body, &mut branch)?;
            cost.out = cost.out.max(c.out);
            cost.work = cost.work.saturating_add(c.work);
            merge(&mut after, &branch);
        }
        *env = after;
        Ok(cost)
    }

    /// The bound of an expression's value and the work of computing it.
    fn expr(&mut self, e: &Expr, env: &Env) -> Result<(Bound, u64), String> {
        self.step()?;
        let (mut b, mut work) = self.val(&e.val, env)?;
        if e.negated {
            b = Bound::scalar();
        }
        for f in &e.filters {
            let (next, w) = self.filter(f, b, env)?;
            b = next;
            work = work.saturating_add(w);
        }
        let b = Self::value(b)?;
        Ok((b, work.saturating_add(b.bytes).saturating_add(NODE_WORK)))
    }

    fn val(&mut self, value: &ExprVal, env: &Env) -> Result<(Bound, u64), String> {
        Ok(match value {
            ExprVal::String(s) => (Bound::text(s.len() as u64), 0),
            ExprVal::Int(_) | ExprVal::Float(_) | ExprVal::Bool(_) => (Bound::scalar(), 0),
            ExprVal::Ident(name) => (self.ident(name, env), 0),
            ExprVal::Math(m) => {
                let (_, a) = self.expr(&m.lhs, env)?;
                let (_, b) = self.expr(&m.rhs, env)?;
                (Bound::scalar(), a.saturating_add(b))
            }
            ExprVal::Logic(l) => {
                let (_, a) = self.expr(&l.lhs, env)?;
                let (_, b) = self.expr(&l.rhs, env)?;
                (Bound::scalar(), a.saturating_add(b))
            }
            ExprVal::In(test) => {
                let (_, lhs) = self.expr(&test.lhs, env)?;
                let (within, rhs) = self.expr(&test.rhs, env)?;
                (
                    Bound::scalar(),
                    lhs.saturating_add(rhs).saturating_add(within.bytes),
                )
            }
            ExprVal::Test(t) => {
                let mut work = self.ident(&t.ident, env).bytes;
                for arg in &t.args {
                    work = work.saturating_add(self.expr(arg, env)?.1);
                }
                (Bound::scalar(), work)
            }
            ExprVal::Array(items) => {
                let mut b = Bound {
                    bytes: 2,
                    items: items.len() as u64,
                    item: 0,
                };
                let mut work = 0u64;
                for item in items {
                    let (ib, w) = self.expr(item, env)?;
                    b.bytes = b.bytes.saturating_add(ib.bytes).saturating_add(2);
                    b.items = b.items.max(ib.items);
                    b.item = b.item.max(ib.bytes);
                    work = work.saturating_add(w);
                }
                (b, work)
            }
            ExprVal::StringConcat(c) => {
                let mut bytes = 0u64;
                let mut work = 0u64;
                for part in &c.values {
                    let (b, w) = self.val(part, env)?;
                    bytes = bytes.saturating_add(b.bytes);
                    work = work.saturating_add(w);
                }
                (Bound::text(bytes), work.saturating_add(bytes))
            }
            ExprVal::FunctionCall(f) => self.function(f, env)?,
            ExprVal::MacroCall(call) => {
                let mut args = Vec::with_capacity(call.args.len());
                let mut work = 0u64;
                for (name, e) in &call.args {
                    let (b, w) = self.expr(e, env)?;
                    args.push((name.clone(), b));
                    work = work.saturating_add(w);
                }
                let cost = self.call(&call.name, args)?;
                (
                    Bound::text(cost.out),
                    work.saturating_add(cost.work).saturating_add(CALL_WORK),
                )
            }
        })
    }

    /// A variable: one set or looped over in the template, else a value of the context.
    fn ident(&mut self, name: &str, env: &Env) -> Bound {
        let first = name.split(['.', '[']).next().unwrap_or(name).trim();
        if let Some(b) = env.get(first) {
            return *b;
        }
        if first == "__tera_context" {
            return bound_of(self.context);
        }
        if let Some(b) = self.values.get(first) {
            return *b;
        }
        let b = self.context.get(first).map(bound_of).unwrap_or_default();
        self.values.insert(first.to_owned(), b);
        b
    }

    fn function(&mut self, f: &FunctionCall, env: &Env) -> Result<(Bound, u64), String> {
        let mut work = 0u64;
        let mut literal = HashMap::new();
        for (k, e) in &f.args {
            work = work.saturating_add(self.expr(e, env)?.1);
            if let (ExprVal::Int(n), true) = (&e.val, e.filters.is_empty()) {
                literal.insert(k.as_str(), *n);
            }
        }
        let b = match f.name.as_str() {
            "range" => {
                let count = match (literal.get("end"), f.args.contains_key("start")) {
                    (Some(&end), false) => u64::try_from(end).unwrap_or(0),
                    (Some(&end), true) => literal
                        .get("start")
                        .map_or(RANGE_CAP, |&s| u64::try_from(end - s).unwrap_or(0)),
                    (None, _) => RANGE_CAP,
                };
                let step = literal
                    .get("step_by")
                    .and_then(|&s| u64::try_from(s).ok())
                    .filter(|&s| s > 0)
                    .unwrap_or(1);
                let count = if f.args.contains_key("step_by") && !literal.contains_key("step_by") {
                    count
                } else {
                    count.div_ceil(step)
                };
                if count > RANGE_CAP {
                    return Err(format!(
                        "`range` would make {count} numbers, more than the {RANGE_CAP} a template may"
                    ));
                }
                Bound {
                    bytes: count.saturating_mul(22).saturating_add(2),
                    items: count,
                    item: 22,
                }
            }
            // An environment variable: at most what Linux allows one to be.
            "get_env" => Bound::text(128 << 10),
            _ => Bound::scalar(),
        };
        Ok((b, work.saturating_add(b.bytes)))
    }

    /// The bound after filter `f` applied to a value bounded by `input`.
    fn filter(
        &mut self,
        f: &FunctionCall,
        input: Bound,
        env: &Env,
    ) -> Result<(Bound, u64), String> {
        let mut args: HashMap<&str, Bound> = HashMap::new();
        let mut work = input.bytes;
        for (k, e) in &f.args {
            let (b, w) = self.expr(e, env)?;
            args.insert(k.as_str(), b);
            work = work.saturating_add(w);
        }
        let arg = |k: &str| args.get(k).copied().unwrap_or_default();
        let all_args = args.values().fold(Bound::default(), |acc, b| acc.widen(*b));
        let times = |b: Bound, n: u64| Bound::text(b.bytes.saturating_mul(n));
        let b = match f.name.as_str() {
            "upper" | "lower" | "capitalize" | "title" | "urlencode" | "urlencode_strict"
            | "addslashes" => times(input, 3),
            "wordcount" | "length" | "int" | "float" | "abs" | "round" | "filesizeformat"
            | "date" => Bound::scalar(),
            "pluralize" => Bound::text(all_args.bytes.saturating_add(1)),
            "replace" => Bound::text(
                input
                    .bytes
                    .saturating_add(1)
                    .saturating_mul(arg("to").bytes.saturating_add(1)),
            ),
            "linebreaksbr" => times(input, 6),
            "indent" => Bound::text(
                input
                    .bytes
                    .saturating_add(1)
                    .saturating_mul(arg("prefix").bytes.max(4).saturating_add(1)),
            ),
            "escape" | "escape_xml" | "yaml" => {
                Bound::text(input.bytes.saturating_mul(6).saturating_add(2))
            }
            "json_encode" => Bound::text(input.bytes.saturating_mul(16).saturating_add(2)),
            "slugify" => times(input, 8),
            "split" => Bound {
                bytes: input.bytes.saturating_mul(5).saturating_add(2),
                items: input.bytes.saturating_add(1),
                item: input.bytes,
            },
            "join" => Bound::text(
                input
                    .bytes
                    .saturating_add(input.items.saturating_mul(arg("sep").bytes)),
            ),
            "concat" => Bound {
                bytes: input.bytes.saturating_add(all_args.bytes).saturating_add(2),
                items: input.items.saturating_add(all_args.items).saturating_add(1),
                item: input.item.max(all_args.bytes),
            },
            "truncate" => Bound::text(
                input
                    .bytes
                    .saturating_add(arg("end").bytes)
                    .saturating_add(3),
            ),
            // Filters that keep, pick or reorder what they are given.
            _ => input.widen(all_args),
        };
        let b = Self::value(b)?;
        Ok((b, work.saturating_add(b.bytes)))
    }

    /// The cost of calling macro `name` with arguments bounded by `args`.
    fn call(&mut self, name: &str, mut args: Vec<(String, Bound)>) -> Result<Cost, String> {
        let Some(def) = self.macros.get(name) else {
            // Tera reports a macro that does not exist.
            return Ok(Cost::default());
        };
        if self.calls.iter().any(|c| c == name) {
            return Err(format!(
                "macro `{name}` calls itself (through {}), which has no end a template can be sure of",
                self.calls.join(" → ")
            ));
        }
        if self.calls.len() >= MAX_MACRO_DEPTH {
            return Err(format!("macro calls nest more than {MAX_MACRO_DEPTH} deep"));
        }
        args.sort();
        let key = (name.to_owned(), args);
        if let Some(cost) = self.memo.get(&key) {
            return Ok(*cost);
        }
        let mut env = Env::new();
        for (param, default) in &def.args {
            let given = key.1.iter().find(|(n, _)| n == param).map(|(_, b)| *b);
            let b = match (given, default) {
                (Some(b), _) => b,
                (None, Some(e)) => self.expr(e, &Env::new())?.0,
                (None, None) => Bound::default(),
            };
            env.insert(param.clone(), b);
        }
        self.calls.push(name.to_owned());
        let cost = self.nodes(&def.body, &mut env);
        self.calls.pop();
        let cost = cost?;
        self.memo.insert(key, cost);
        Ok(cost)
    }
}

/// Widen each bound in `into` to hold the one in `from`.
fn merge(into: &mut Env, from: &Env) {
    for (k, b) in from {
        let e = into.entry(k.clone()).or_default();
        *e = e.widen(*b);
    }
}

/// The bound of an actual value: its JSON size (at least what it renders to), the most items
/// of any array, object or string in it, and the largest such item.
fn bound_of(v: &Value) -> Bound {
    fn walk(v: &Value, b: &mut Bound) -> u64 {
        match v {
            Value::Null | Value::Bool(_) | Value::Number(_) => 32,
            Value::String(s) => {
                let n = s.len() as u64;
                b.items = b.items.max(n);
                b.item = b.item.max(n.min(4));
                n + 2
            }
            Value::Array(a) => {
                b.items = b.items.max(a.len() as u64);
                let mut sum = 2;
                for x in a {
                    let n = walk(x, b);
                    b.item = b.item.max(n);
                    sum += n + 1;
                }
                sum
            }
            Value::Object(o) => {
                b.items = b.items.max(o.len() as u64);
                let mut sum = 2;
                for (k, x) in o {
                    let n = walk(x, b);
                    b.item = b.item.max(n.max(k.len() as u64));
                    sum += k.len() as u64 + 4 + n;
                }
                sum
            }
        }
    }
    let mut b = Bound::default();
    b.bytes = walk(v, &mut b);
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(source: &str) -> Result<(), String> {
        prescan(source)?;
        let mut tera = tera::Tera::default();
        tera.add_raw_template("t", source)
            .map_err(|e| e.to_string())?;
        check(
            tera.get_template("t").map_err(|e| e.to_string())?,
            &serde_json::json!({"authors": [{"name": "A"}, {"name": "B"}], "title": "T"}),
            1,
        )
    }

    #[test]
    fn ordinary_templates_pass() {
        for ok in [
            "Hello {{ title | upper }}",
            "{% for a in authors %}{{ a.name }}, {% endfor %}",
            "{% macro m(x) %}[{{ x }}]{% endmacro %}{% for i in range(end=100) %}{{ self::m(x=i) }}{% endfor %}",
            "{% set t = title ~ \"!\" %}{% if t %}{{ t }}{% else %}none{% endif %}",
            "{% raw %}{% if %}{{ }}{% endraw %}{# {% for %} #}",
            "{% for i in range(end=10000) %}{{ i }}{% endfor %}",
        ] {
            assert_eq!(checked(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn runaway_templates_are_refused() {
        for bad in [
            "{% macro f() %}{{ self::f() }}{% endmacro %}{{ self::f() }}",
            "{% for i in range(end=10001) %}{% endfor %}",
            "{% for i in range(start=1, end=200000, step_by=2) %}{% endfor %}",
            "{% set s = title %}{% for a in authors %}{% set s = s ~ a.name %}{% endfor %}",
            "{% for i in range(end=5000) %}{% for j in range(end=5000) %}.{% endfor %}{% endfor %}",
            // Found by fuzzing: tera's parser is exponential in nested calls, also in a tag whose
            // string holds what looks like its end.
            "{% for i in range(end=e(end=e(end=e(end=e(end=e(end=e(end=e(end=5) %}{% endfor %}",
            "{% macro m(t=\"%}{#\") %}{% endmacro %}{{ e(end=e(end=e(end=e(end=e(end=e(end=e(end=5) }}",
            "{{ title | replace(from=\"T\", to=title) | replace(from=\"T\", to=\"TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT\") | split(pat=\"\") | join(sep=\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\") | replace(from=\"x\", to=\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\") | replace(from=\"x\", to=\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\") | replace(from=\"x\", to=\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\") }}",
        ] {
            assert!(checked(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn range_at_render_time_is_capped_like_tera_s_own() {
        let args = |pairs: &[(&str, u64)]| -> HashMap<String, Value> {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
                .collect()
        };
        assert_eq!(
            range(&args(&[("end", 3)])).unwrap(),
            serde_json::json!([0, 1, 2])
        );
        assert_eq!(
            range(&args(&[("start", 1), ("end", 6), ("step_by", 2)])).unwrap(),
            serde_json::json!([1, 3, 5])
        );
        assert!(range(&args(&[("end", RANGE_CAP + 1)])).is_err());
        assert!(range(&args(&[("end", 3), ("step_by", 0)])).is_err());
        assert!(range(&args(&[])).is_err());
    }
}
