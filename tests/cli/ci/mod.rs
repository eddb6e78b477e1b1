//! newdraft where its users already work: the GitHub workflow `init --ci github` writes,
//! `action.yml`, `.pre-commit-hooks.yaml`, the "Use in CI" snippets of docs/ci.md and the
//! README, the shell
//! completions and the man page.
//!
//! The YAML files are parsed back, validated against GitHub's published JSON schemas
//! (`tests/data/schemas/`, vendored: nothing here reaches the network) and held to what GitHub
//! and pre-commit expect; the action's shell steps are run for real under bash (with stubs for
//! `cargo`, `curl` and, where a step would call it, `newdraft`), and the generated workflow is
//! run end to end from a fresh fork by a small stand-in for GitHub's runner; completions are loaded into bash and asked to complete; the man page is rendered by
//! groff with every warning on. The docs' snippets must equal the files they show (or, for
//! examples, use only what the files define): `SNAPSHOTS=overwrite cargo test --test cli ci::`
//! rewrites the snippets that show a file.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use clap::{CommandFactory as _, ValueEnum as _};
use yaml_rust2::{Yaml, YamlLoader};

use crate::support::api;
use crate::support::tools::{self, GROFF};
use crate::support::{self, copy_tree, read, repo};

mod action;
mod docs;
mod hooks;
mod init_ci;
mod man;
mod release;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The one YAML document in `text`.
fn yaml(text: &str, what: &str) -> Yaml {
    let mut docs = YamlLoader::load_from_str(text).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(docs.len(), 1, "{what}: one YAML document");
    docs.remove(0)
}

fn workflow() -> String {
    api::github_workflow(None).unwrap().contents
}

fn action() -> Yaml {
    yaml(&read("action.yml"), "action.yml")
}

fn hooks() -> Yaml {
    yaml(&read(".pre-commit-hooks.yaml"), ".pre-commit-hooks.yaml")
}

fn str_of<'a>(y: &'a Yaml, what: &str) -> &'a str {
    y.as_str()
        .unwrap_or_else(|| panic!("{what}: expected a string, got {y:?}"))
}

fn keys(y: &Yaml) -> Vec<String> {
    y.as_hash()
        .unwrap_or_else(|| panic!("expected a mapping, got {y:?}"))
        .keys()
        .map(|k| str_of(k, "key").to_owned())
        .collect()
}

fn steps(y: &Yaml) -> &[Yaml] {
    y.as_vec()
        .unwrap_or_else(|| panic!("expected a list of steps, got {y:?}"))
}

/// The `run` script of the step called `name`.
fn run_of<'a>(steps: &'a [Yaml], name: &str) -> &'a str {
    let step = steps
        .iter()
        .find(|s| s["name"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no step `{name}`"));
    str_of(&step["run"], name)
}

/// Every string value in `y`, depth first.
fn strings(y: &Yaml) -> Vec<&str> {
    match y {
        Yaml::String(s) => vec![s.as_str()],
        Yaml::Array(items) => items.iter().flat_map(strings).collect(),
        Yaml::Hash(map) => map.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

/// The outputs a step sets: `echo "NAME=…" >> "$GITHUB_OUTPUT"` in a script, or the documented
/// outputs of `actions/cache/restore`.
fn outputs_of(step: &Yaml) -> BTreeSet<String> {
    if let Some(run) = step["run"].as_str() {
        let re = regex::Regex::new(r#"echo "([A-Za-z0-9_-]+)=[^\n]*>> "\$GITHUB_OUTPUT""#).unwrap();
        return re.captures_iter(run).map(|c| c[1].to_owned()).collect();
    }
    match step["uses"].as_str() {
        Some(u) if u.starts_with("actions/cache/restore@") => {
            ["cache-hit", "cache-primary-key", "cache-matched-key"]
                .map(str::to_owned)
                .into()
        }
        _ => BTreeSet::new(),
    }
}

/// Every expression (`${{ … }}`, and a step's `if:`) refers only to what exists: an input the
/// action declares, an `env` the workflow sets, an output an earlier step sets, a `runner` or
/// `github` property GitHub documents. GitHub would read a misspelt name as an empty string.
fn assert_expressions_resolve(doc: &Yaml, steps: &[Yaml], what: &str) {
    let expression = regex::Regex::new(r"\$\{\{(.*?)\}\}").unwrap();
    let reference = regex::Regex::new(
        r"\b(inputs|env|steps|runner|github)\.([A-Za-z0-9_-]+)(?:\.outputs\.([A-Za-z0-9_-]+))?",
    )
    .unwrap();
    let inputs = if doc["inputs"].is_badvalue() {
        Vec::new()
    } else {
        keys(&doc["inputs"])
    };
    let env = if doc["env"].is_badvalue() {
        Vec::new()
    } else {
        keys(&doc["env"])
    };
    let check = |expr: &str, before: &[Yaml]| {
        for r in reference.captures_iter(expr) {
            let name = &r[2];
            let ok = match &r[1] {
                "inputs" => inputs.iter().any(|i| i == name),
                "env" => env.iter().any(|e| e == name),
                "runner" => ["os", "arch", "temp", "tool_cache"].contains(&name),
                "github" => ["action_path", "workspace"].contains(&name),
                _ => before.iter().any(|s| {
                    s["id"].as_str() == Some(name)
                        && r.get(3).is_some_and(|o| outputs_of(s).contains(o.as_str()))
                }),
            };
            assert!(ok, "{what}: `{}` refers to nothing (in `{expr}`)", &r[0]);
        }
    };
    let mut seen = 0;
    for text in strings(doc) {
        for e in expression.captures_iter(text) {
            seen += 1;
            if !e[1].contains("steps.") {
                check(&e[1], &[]);
            }
        }
    }
    for (i, step) in steps.iter().enumerate() {
        let mut exprs: Vec<String> = strings(step)
            .into_iter()
            .flat_map(|t| {
                expression
                    .captures_iter(t)
                    .map(|e| e[1].to_owned())
                    .collect::<Vec<_>>()
            })
            .collect();
        exprs.extend(step["if"].as_str().map(str::to_owned));
        for expr in exprs {
            check(&expr, &steps[..i]);
        }
    }
    assert!(seen > 3, "{what}: hardly any expressions?");
}

/// The major version of every `actions/*` action used, by action.
fn official_actions(text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let re = regex::Regex::new(r"uses:\s*(actions/[a-z-]+)(?:/[a-z-]+)?@(v[0-9]+)").unwrap();
    let mut found: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for c in re.captures_iter(text) {
        found
            .entry(c[1].to_owned())
            .or_default()
            .insert(c[2].to_owned());
    }
    found
}
