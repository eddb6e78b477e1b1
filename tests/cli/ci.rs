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

// ---------------------------------------------------------------------------------------------
// The workflow `newdraft init --ci github` writes

/// The `uses:` of the generated workflow's newdraft step: the Action at this release's tag.
fn action_ref() -> String {
    format!("{}@{}", api::action(), api::release_tag())
}

#[test]
fn workflow_uses_the_action_at_this_release_with_every_tag() {
    let text = workflow();
    let wf = yaml(&text, "workflow");
    assert_eq!(keys(&wf["on"]), ["push", "pull_request"], "{text}");
    assert_eq!(
        str_of(&wf["permissions"]["contents"], "permissions"),
        "read"
    );
    assert_eq!(keys(&wf["jobs"]), ["check"]);
    let job = &wf["jobs"]["check"];
    assert_eq!(str_of(&job["runs-on"], "runs-on"), "ubuntu-latest");
    let steps = steps(&job["steps"]);
    assert_eq!(steps.len(), 2, "{text}");
    assert_eq!(
        str_of(&steps[0]["uses"], "first step"),
        "actions/checkout@v7"
    );
    // The tags `name-NN` are the revision history: a shallow clone has none.
    assert_eq!(steps[0]["with"]["fetch-depth"].as_i64(), Some(0), "{text}");
    // The Action at the repository and version Cargo.toml records, not a registry release.
    assert_eq!(str_of(&steps[1]["uses"], "newdraft step"), action_ref());
    let manifest: toml::Table = read("Cargo.toml").parse().unwrap();
    let package = &manifest["package"];
    assert_eq!(
        action_ref(),
        format!(
            "{}@v{}",
            package["repository"]
                .as_str()
                .unwrap()
                .strip_prefix("https://github.com/")
                .unwrap(),
            package["version"].as_str().unwrap()
        )
    );
    assert!(!text.contains("cargo install"), "{text}");
}

/// A YAML value as JSON, the way GitHub reads it (YAML 1.2: `on` is a string; numbers and
/// booleans stay what they are).
fn json_of(y: &Yaml) -> serde_json::Value {
    match y {
        Yaml::String(s) => serde_json::Value::String(s.clone()),
        Yaml::Integer(i) => serde_json::Value::from(*i),
        Yaml::Real(r) => serde_json::Value::from(r.parse::<f64>().unwrap()),
        Yaml::Boolean(b) => serde_json::Value::Bool(*b),
        Yaml::Array(items) => serde_json::Value::Array(items.iter().map(json_of).collect()),
        Yaml::Hash(map) => serde_json::Value::Object(
            map.iter()
                .map(|(k, v)| (str_of(k, "key").to_owned(), json_of(v)))
                .collect(),
        ),
        Yaml::Null => serde_json::Value::Null,
        other => panic!("no JSON for {other:?}"),
    }
}

/// The errors of `doc` against the vendored schema `name` (`github-workflow`, `github-action`).
fn schema_errors(name: &str, doc: &Yaml) -> Vec<String> {
    let schema: serde_json::Value =
        serde_json::from_str(&read(&format!("tests/data/schemas/{name}.json"))).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let instance = json_of(doc);
    validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn workflow_action_and_examples_are_valid_against_githubs_schemas() {
    // The harness itself: a mistake GitHub would refuse is an error here.
    let broken = yaml(
        &workflow().replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest"),
        "broken workflow",
    );
    assert!(!schema_errors("github-workflow", &broken).is_empty());
    let broken = yaml(
        &read("action.yml").replace("using: composite", "using: compound"),
        "broken action",
    );
    assert!(!schema_errors("github-action", &broken).is_empty());

    let errors = schema_errors("github-workflow", &yaml(&workflow(), "workflow"));
    assert!(errors.is_empty(), "the generated workflow: {errors:#?}");
    let errors = schema_errors("github-action", &action());
    assert!(errors.is_empty(), "action.yml: {errors:#?}");
    // The docs' example workflows too.
    for (doc, _) in CI_DOCS {
        let (_, text, section) = ci_section(doc);
        let example = snippets(&text, &section)
            .into_iter()
            .find(|s| s.kind == "example action")
            .expect("an action example");
        let errors = schema_errors("github-workflow", &yaml(&text[example.body], "example"));
        assert!(errors.is_empty(), "{doc}'s example: {errors:#?}");
    }
}

// ---------------------------------------------------------------------------------------------
// action.yml

#[test]
fn action_is_composite_with_the_documented_inputs() {
    let text = read("action.yml");
    let action = action();
    assert_eq!(str_of(&action["runs"]["using"], "using"), "composite");
    assert!(!str_of(&action["name"], "name").is_empty());
    assert!(!str_of(&action["description"], "description").is_empty());
    let inputs = &action["inputs"];
    assert_eq!(
        keys(inputs),
        ["paths", "adopted-by", "deny-warnings", "submission"]
    );
    for (input, default) in [
        ("paths", "."),
        ("adopted-by", ""),
        ("deny-warnings", "false"),
        ("submission", "false"),
    ] {
        assert_eq!(str_of(&inputs[input]["default"], input), default, "{input}");
        assert!(!str_of(&inputs[input]["description"], input).is_empty());
        assert_eq!(inputs[input]["required"].as_bool(), Some(false), "{input}");
        assert!(
            text.contains(&format!("${{{{ inputs.{input} }}}}")),
            "input `{input}` is never used"
        );
    }
    let steps = steps(&action["runs"]["steps"]);
    for step in steps {
        if let Some(run) = step["run"].as_str() {
            // A composite step must name its shell; inputs reach scripts only through `env`,
            // never pasted into the script (where `$(…)` in an input would run).
            assert_eq!(step["shell"].as_str(), Some("bash"), "{step:?}");
            assert!(!run.contains("${{"), "expression inside a script: {run}");
        }
    }
    assert_expressions_resolve(&action, steps, "action.yml");
    assert!(
        run_of(steps, "Check drafts").contains("args=(check --format github)"),
        "the action runs `newdraft check --format github`"
    );
    let get = run_of(steps, "Get newdraft");
    assert!(get.contains(r#"cargo install --locked --root "$ROOT" --path "$ACTION_PATH""#));
    // No registry: newdraft comes from the action's own source, or its own release.
    assert!(!get.contains("newdraft --version \"$"), "{get}");
    assert_eq!(get.matches("cargo install").count(), 1, "{get}");
}

#[test]
fn action_caches_what_it_builds_under_the_planned_key() {
    let action = action();
    let steps = steps(&action["runs"]["steps"]);
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert_eq!(uses, ["actions/cache/restore@v6", "actions/cache/save@v6"]);
    for step in steps.iter().filter(|s| s["uses"].as_str().is_some()) {
        assert_eq!(
            str_of(&step["with"]["key"], "key"),
            "${{ steps.plan.outputs.key }}"
        );
        assert_eq!(
            str_of(&step["with"]["path"], "path"),
            "${{ steps.plan.outputs.root }}"
        );
    }
    let build = steps
        .iter()
        .find(|s| s["name"].as_str() == Some("Get newdraft"))
        .unwrap();
    assert_eq!(
        build["env"]["ROOT"].as_str(),
        Some("${{ steps.plan.outputs.root }}")
    );
}

/// Run one of the action's `run` scripts the way GitHub does (`bash --noprofile --norc -eo
/// pipefail FILE`), in `dir`, with `env` and a `bin` directory first on the PATH.
fn run_step(script: &str, dir: &Path, bin: &Path, env: &[(&str, &str)]) -> std::process::Output {
    let file = dir.join(".step.sh");
    std::fs::write(&file, script).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = Command::new("bash");
    cmd.args(["--noprofile", "--norc", "-eo", "pipefail"])
        .arg(&file)
        .current_dir(dir)
        .env("PATH", path);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("bash runs")
}

/// A directory with a stub `newdraft` that prints its arguments, one per line.
fn stub_newdraft() -> tempfile::TempDir {
    let bin = tempfile::tempdir().unwrap();
    script_at(
        &bin.path().join("newdraft"),
        "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n",
    );
    bin
}

#[test]
fn action_check_step_turns_inputs_into_a_command_line() {
    let action = action();
    let script = run_of(steps(&action["runs"]["steps"]), "Check drafts").to_owned();
    let bin = stub_newdraft();
    let work = tempfile::tempdir().unwrap();
    for f in [
        "draft-a-dispatch-x-00.md",
        "draft-b-dispatch-y-00.md",
        "notes.txt",
    ] {
        std::fs::write(work.path().join(f), "").unwrap();
    }
    let args = |paths: &str, adopted: &str, deny: &str| {
        let out = run_step(
            &script,
            work.path(),
            bin.path(),
            &[
                ("PATHS", paths),
                ("ADOPTED_BY", adopted),
                ("DENY_WARNINGS", deny),
            ],
        );
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };

    // The defaults.
    let (code, out, err) = args(".", "", "false");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, "check\n--format\ngithub\n--\n.\n");

    // Groups and paths separated by spaces and newlines; globs in paths expand; deny warnings.
    let (code, out, err) = args("drafts\ndraft-*.md", "quic\ntls  6man\n", "true");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        out,
        "check\n--format\ngithub\n--adopted-by\nquic\n--adopted-by\ntls\n--adopted-by\n6man\n\
         --deny\nwarnings\n--\ndrafts\ndraft-a-dispatch-x-00.md\ndraft-b-dispatch-y-00.md\n"
    );

    // Empty paths mean the repository; a group is never a glob.
    let (code, out, _) = args("", "*", "");
    assert_eq!(code, Some(0));
    assert_eq!(out, "check\n--format\ngithub\n--adopted-by\n*\n--\n.\n");

    // A bad switch is an error annotation, and newdraft does not run.
    let (code, out, _) = args(".", "", "yes");
    assert_eq!(code, Some(2));
    assert!(
        out.starts_with("::error title=newdraft::input `deny-warnings` must be true or false"),
        "{out}"
    );
    assert!(!out.contains("check\n"), "{out}");

    // `submission: true` runs the submission gate; anything else but false is refused.
    for (value, expected) in [
        (
            "true",
            Some("check\n--format\ngithub\n--submission\n--\n.\n"),
        ),
        ("maybe", None),
    ] {
        let out = run_step(
            &script,
            work.path(),
            bin.path(),
            &[
                ("PATHS", "."),
                ("ADOPTED_BY", ""),
                ("DENY_WARNINGS", "false"),
                ("SUBMISSION", value),
            ],
        );
        let stdout = String::from_utf8(out.stdout).unwrap();
        if let Some(args) = expected {
            assert_eq!(stdout, args);
        } else {
            assert_eq!(out.status.code(), Some(2));
            assert!(
                stdout.contains("input `submission` must be true or false"),
                "{stdout}"
            );
        }
    }
}

/// An executable shell script at `path`.
fn script_at(path: &Path, body: &str) {
    std::fs::write(path, body).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

/// The action's "Plan the newdraft build" step for the action checked out at `action_path`,
/// on GitHub or at `server`: what it writes to `$GITHUB_OUTPUT`.
fn run_plan_step(script: &str, action_path: &Path, server: Option<&str>) -> String {
    let work = tempfile::tempdir().unwrap();
    let no_stubs = tempfile::tempdir().unwrap();
    let output = work.path().join("github_output");
    let mut env = vec![
        ("ACTION_PATH", action_path.to_str().unwrap()),
        ("GITHUB_OUTPUT", output.to_str().unwrap()),
        ("RUNNER_OS", "Linux"),
        ("RUNNER_ARCH", "X64"),
        ("RUNNER_TEMP", "/runner/temp"),
    ];
    env.extend(server.map(|s| ("GITHUB_SERVER_URL", s)));
    let out = run_step(script, work.path(), no_stubs.path(), &env);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(&output).unwrap_or_default()
}

#[test]
fn action_plan_step_keys_the_cache_on_what_is_built() {
    let action = action();
    let script = run_of(steps(&action["runs"]["steps"]), "Plan the newdraft build").to_owned();
    // Where GitHub checks out `uses: someone/newdraft@v0.3.0`.
    let actions = tempfile::tempdir().unwrap();
    let checkout = |git_ref: &str| {
        actions
            .path()
            .join("_actions/someone/newdraft")
            .join(git_ref)
    };
    let src = checkout("v0.3.0");
    std::fs::create_dir_all(src.join("src")).unwrap();
    std::fs::write(
        src.join("Cargo.toml"),
        "[package]\nname = \"newdraft\"\nversion = \"0.3.0\"\n\n[dependencies]\nregex = \"1\"\nversion = \"9\"\n",
    )
    .unwrap();
    std::fs::write(src.join("Cargo.lock"), "# lock\n").unwrap();
    std::fs::write(src.join("src/main.rs"), "fn main() {}\n").unwrap();
    std::fs::write(src.join("README.md"), "not built\n").unwrap();
    let plan =
        |action_path: &Path, server: Option<&str>| run_plan_step(&script, action_path, server);
    let re = regex::Regex::new(
        r"\Akey=newdraft-source-([0-9a-f]{20})-Linux-X64\nroot=/runner/temp/newdraft-source-([0-9a-f]{20})\nversion=([^\n]*)\nrelease=([^\n]*)\n\z",
    )
    .unwrap();

    let first = plan(&src, None);
    let caps = re.captures(&first).unwrap_or_else(|| panic!("{first}"));
    assert_eq!(caps[1], caps[2]);
    assert_eq!(&caps[3], "0.3.0");
    // At this version's release tag, the release's binary may be taken.
    assert_eq!(
        &caps[4],
        "https://github.com/someone/newdraft/releases/download/v0.3.0"
    );
    let key = |outputs: &str| outputs.lines().next().unwrap().to_owned();
    assert_eq!(plan(&src, None), first, "the same sources, the same key");
    std::fs::write(src.join("README.md"), "changed, still not built\n").unwrap();
    assert_eq!(plan(&src, None), first, "a file that is not built");
    std::fs::write(src.join("src/main.rs"), "fn main() { }\n").unwrap();
    let second = plan(&src, None);
    assert_ne!(key(&second), key(&first), "a source changed");
    std::fs::write(src.join("Cargo.lock"), "# lock 2\n").unwrap();
    assert_ne!(key(&plan(&src, None)), key(&second), "Cargo.lock changed");
    assert!(
        plan(&src, Some("https://ghe.example"))
            .ends_with("release=https://ghe.example/someone/newdraft/releases/download/v0.3.0\n")
    );

    // Any other ref (a branch, another version's tag) is built from its source.
    for other in ["main", "v0.2.0", "0.3.0"] {
        std::fs::rename(
            src.parent()
                .unwrap()
                .read_dir()
                .unwrap()
                .next()
                .unwrap()
                .unwrap()
                .path(),
            checkout(other),
        )
        .unwrap();
        let outputs = plan(&checkout(other), None);
        assert!(
            outputs.ends_with("\nversion=0.3.0\nrelease=\n"),
            "{other}: {outputs}"
        );
    }

    // This repository itself, as GitHub would check it out under the action's path.
    let own = plan(repo(), None);
    let caps = re.captures(&own).unwrap_or_else(|| panic!("{own}"));
    assert_eq!(&caps[3], VERSION);
}

/// The action's "Get newdraft" step with stubs: `cargo` prints its arguments; `curl` serves
/// files from `$FAKE_RELEASES` (and fails as `curl --fail` does on a 404 for any other), and
/// notes each call.
struct GetStep {
    script: String,
    stubs: tempfile::TempDir,
}

/// What one run of the step did: its exit status, its output, the binary it left in
/// `$ROOT/bin` (a stub's text), and whether it ran `curl`.
type GetOutcome = (Option<i32>, String, Option<String>, bool);

impl GetStep {
    fn new(script: &str) -> Self {
        let stubs = tempfile::tempdir().unwrap();
        script_at(
            &stubs.path().join("cargo"),
            "#!/bin/sh\necho \"cargo $*\"\n",
        );
        script_at(
            &stubs.path().join("curl"),
            "#!/bin/sh\necho curl >> \"$CURL_LOG\"\nfor a in \"$@\"; do\n  case \"$a\" in\n    http*)\n      f=\"$FAKE_RELEASES/${a##*/}\"\n      if [ -f \"$f\" ]; then cp \"$f\" .; else echo \"curl: (22) 404: $a\" >&2; exit 22; fi ;;\n  esac\ndone\n",
        );
        GetStep {
            script: script.to_owned(),
            stubs,
        }
    }

    /// The step for version 0.3.0 at `release` (empty: not a release tag) on a runner of
    /// `arch`, with the releases in `releases`, and `path` as the PATH when given.
    fn run(&self, releases: &Path, release: &str, arch: &str, path: Option<&str>) -> GetOutcome {
        let work = tempfile::tempdir().unwrap();
        let root = work.path().join("root");
        let log = work.path().join("curl.log");
        let mut env = vec![
            ("ACTION_PATH", "/actions/newdraft".to_owned()),
            ("ROOT", root.to_str().unwrap().to_owned()),
            ("VERSION", "0.3.0".to_owned()),
            ("RELEASE", release.to_owned()),
            ("RUNNER_OS", "Linux".to_owned()),
            ("RUNNER_ARCH", arch.to_owned()),
            ("RUNNER_TEMP", work.path().to_str().unwrap().to_owned()),
            ("FAKE_RELEASES", releases.to_str().unwrap().to_owned()),
            ("CURL_LOG", log.to_str().unwrap().to_owned()),
        ];
        env.extend(path.map(|p| ("PATH", p.to_owned())));
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let out = run_step(&self.script, work.path(), self.stubs.path(), &env);
        let binary = std::fs::read_to_string(root.join("bin/newdraft")).ok();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            binary,
            log.exists(),
        )
    }
}

/// A release archive `archive` in `releases` whose `newdraft` prints `version_line`, and its
/// `.sha256`.
fn pack_release(releases: &Path, archive: &str, version_line: &str) {
    let packed = tempfile::tempdir().unwrap();
    script_at(
        &packed.path().join("newdraft"),
        &format!("#!/bin/sh\necho '{version_line}'\n"),
    );
    let ok = Command::new("tar")
        .arg("-czf")
        .arg(releases.join(archive))
        .arg("-C")
        .arg(packed.path())
        .arg("newdraft")
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let sum = Command::new("sha256sum")
        .arg(archive)
        .current_dir(releases)
        .output()
        .unwrap();
    std::fs::write(releases.join(format!("{archive}.sha256")), sum.stdout).unwrap();
}

#[test]
fn action_get_step_takes_a_release_binary_or_builds_and_puts_it_on_the_path() {
    let action = action();
    let steps = steps(&action["runs"]["steps"]);
    let step = GetStep::new(run_of(steps, "Get newdraft"));
    let on_path = run_of(steps, "Put newdraft on the PATH").to_owned();
    let target = "x86_64-unknown-linux-gnu";
    let archive = format!("newdraft-v0.3.0-{target}.tar.gz");
    let release = "https://github.com/someone/newdraft/releases/download/v0.3.0";
    let no_releases = tempfile::tempdir().unwrap();

    // Not at a release tag: built from the action's source; curl is never run.
    let (code, out, binary, curled) = step.run(no_releases.path(), "", "X64", None);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.starts_with("cargo install --locked --root "), "{out}");
    assert!(out.ends_with(" --path /actions/newdraft\n"), "{out}");
    assert_eq!((binary, curled), (None, false));

    // At a release tag with no binary (a fresh fork's release): built.
    let (code, out, _, curled) = step.run(no_releases.path(), release, "X64", None);
    assert_eq!(code, Some(0), "{out}");
    assert!(curled);
    assert!(
        out.starts_with(&format!(
            "newdraft: no usable release binary at {release}/{archive}; building from source\ncargo install"
        )),
        "{out}"
    );

    // A release with the binary and its checksum: taken, and nothing is built.
    let releases = tempfile::tempdir().unwrap();
    let pack = |version_line: &str| pack_release(releases.path(), &archive, version_line);
    pack("newdraft 0.3.0");
    let (code, out, binary, _) = step.run(releases.path(), release, "X64", None);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains(&format!(
            "newdraft 0.3.0: the release binary for {target}\n"
        )),
        "{out}"
    );
    assert!(!out.contains("cargo"), "{out}");
    assert!(binary.is_some_and(|b| b.contains("newdraft 0.3.0")));

    // A runner with no release build: built, without asking.
    let (code, out, _, curled) = step.run(releases.path(), release, "S390X", None);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("cargo install"), "{out}");
    assert!(!curled);

    // A checksum that does not match, or a binary of another version: not used, built instead.
    let sums = releases.path().join(format!("{archive}.sha256"));
    let good = std::fs::read_to_string(&sums).unwrap();
    std::fs::write(&sums, format!("{}{}", "0".repeat(64), &good[64..])).unwrap();
    let (code, out, binary, _) = step.run(releases.path(), release, "X64", None);
    assert_eq!(code, Some(0));
    assert!(out.contains("building from source\ncargo install"), "{out}");
    assert_eq!(binary, None, "the unchecked binary is not left behind");
    pack("newdraft 0.2.9");
    let (code, out, binary, _) = step.run(releases.path(), release, "X64", None);
    assert_eq!(code, Some(0));
    assert!(out.contains("building from source\ncargo install"), "{out}");
    assert_eq!(binary, None);

    // Nothing to download and no cargo: one error annotation saying what to do.
    let empty = tempfile::tempdir().unwrap();
    let path = format!("{}:/usr/bin:/bin", empty.path().display());
    let (code, out, _, _) = step.run(no_releases.path(), "", "X64", Some(&path));
    assert_eq!(code, Some(2));
    assert!(
        out.starts_with("::error title=newdraft::cargo is not installed"),
        "{out}"
    );

    let work = tempfile::tempdir().unwrap();
    let github_path = work.path().join("github_path");
    std::fs::write(&github_path, "/earlier\n").unwrap();
    let out = run_step(
        &on_path,
        work.path(),
        step.stubs.path(),
        &[
            ("ROOT", "/runner/temp/newdraft-x"),
            ("GITHUB_PATH", github_path.to_str().unwrap()),
        ],
    );
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(&github_path).unwrap(),
        "/earlier\n/runner/temp/newdraft-x/bin\n"
    );
}

// The stubs above hold the step's wiring; this holds that the real build of the action's own
// source works (a release build: minutes on 2 cores, so only on request).
#[test]
#[ignore = "a release build of newdraft (minutes): cargo test --test cli ci:: -- --ignored"]
fn action_get_step_builds_the_action_source_with_the_real_cargo() {
    let action = action();
    let get = run_of(steps(&action["runs"]["steps"]), "Get newdraft").to_owned();
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("root");
    let target = work.path().join("target");
    let empty = tempfile::tempdir().unwrap();
    let out = run_step(
        &get,
        work.path(),
        empty.path(),
        &[
            ("ACTION_PATH", repo().to_str().unwrap()),
            ("ROOT", root.to_str().unwrap()),
            ("VERSION", VERSION),
            ("RELEASE", ""),
            ("RUNNER_OS", "Linux"),
            ("RUNNER_ARCH", "X64"),
            ("RUNNER_TEMP", work.path().to_str().unwrap()),
            ("CARGO_TARGET_DIR", target.to_str().unwrap()),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let version = Command::new(root.join("bin/newdraft"))
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(version.stdout).unwrap(),
        format!("newdraft {VERSION}\n")
    );
}

// ---------------------------------------------------------------------------------------------
// .pre-commit-hooks.yaml

/// The keys pre-commit documents for a hook in `.pre-commit-hooks.yaml` (pre-commit.com,
/// "Creating new hooks").
const HOOK_KEYS: [&str; 18] = [
    "id",
    "name",
    "entry",
    "language",
    "files",
    "exclude",
    "types",
    "types_or",
    "exclude_types",
    "always_run",
    "verbose",
    "pass_filenames",
    "require_serial",
    "description",
    "language_version",
    "minimum_pre_commit_version",
    "args",
    "stages",
];

#[test]
fn pre_commit_hook_follows_the_documented_schema() {
    let hooks = hooks();
    let list = hooks.as_vec().expect("a list of hooks");
    assert_eq!(list.len(), 1);
    let hook = &list[0];
    for key in keys(hook) {
        assert!(
            HOOK_KEYS.contains(&key.as_str()),
            "unknown hook key `{key}`"
        );
    }
    assert_eq!(str_of(&hook["id"], "id"), "newdraft-check");
    assert!(!str_of(&hook["name"], "name").is_empty());
    assert_eq!(str_of(&hook["entry"], "entry"), "newdraft check");
    assert_eq!(str_of(&hook["language"], "language"), "rust");
    assert_eq!(hook["pass_filenames"].as_bool(), Some(true));
    assert_eq!(hook["require_serial"].as_bool(), Some(true));

    // `language: rust` runs `cargo install` on this repository: the entry must be one of the
    // binaries it builds.
    let manifest: toml::Table = read("Cargo.toml").parse().unwrap();
    let bins: Vec<&str> = manifest["bin"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    let program = str_of(&hook["entry"], "entry").split(' ').next().unwrap();
    assert!(bins.contains(&program), "{program} not in {bins:?}");
}

#[test]
fn pre_commit_hook_runs_on_draft_files_only() {
    let hooks = hooks();
    // pre-commit matches `files` with Python's `re.search` on paths relative to the repository
    // root, with `/` separators; this pattern means the same in Rust's regex.
    let files = regex::Regex::new(str_of(&hooks[0]["files"], "files")).unwrap();
    for path in [
        "draft-doe-dispatch-x-00.xml",
        "draft-doe-dispatch-x-00.md",
        "draft-doe-dispatch-x-00.txt",
        "draft-doe-dispatch-x.md",
        "drafts/draft-ietf-quic-x-03.xml",
        "a/b/draft-x.txt",
    ] {
        assert!(files.is_match(path), "{path} should be checked");
    }
    for path in [
        "README.md",
        "notes/draft.md",
        "my-draft-x.md",
        "draft-x-00.html",
        "draft-x-00.xml.bak",
        "draft-x/README.md",
        "draft-x-00.pdf",
    ] {
        assert!(!files.is_match(path), "{path} should not be checked");
    }
}

// ---------------------------------------------------------------------------------------------
// The three, end to end, with the real `newdraft check`

/// A repository of drafts: an individual draft that passes, a `draft-ietf-quic-` one that
/// passes only once `quic` has adopted it, and a README that is no draft.
fn drafts_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["draft-doe-dispatch-widget-00", "draft-ietf-quic-widget-00"] {
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
             <rfc version=\"3\" docName=\"{name}\" category=\"info\" ipr=\"trust200902\" submissionType=\"IETF\">\n\
             <front>\n<title>Widgets</title>\n<seriesInfo name=\"Internet-Draft\" value=\"{name}\"/>\n</front>\n</rfc>\n"
        );
        std::fs::write(dir.path().join(format!("{name}.xml")), xml).unwrap();
    }
    std::fs::write(dir.path().join("README.md"), "# Widgets\n").unwrap();
    dir
}

#[test]
fn action_check_step_runs_the_real_check() {
    let action = action();
    let script = run_of(steps(&action["runs"]["steps"]), "Check drafts").to_owned();
    let tree = drafts_tree();
    let run = |paths: &str, adopted: &str| {
        let out = run_step(
            &script,
            tree.path(),
            support::bin_dir(),
            &[
                ("PATHS", paths),
                ("ADOPTED_BY", adopted),
                ("DENY_WARNINGS", "false"),
            ],
        );
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    let (code, out) = run(".", "");
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("::error file=draft-ietf-quic-widget-00.xml,line=2,"),
        "{out}"
    );
    assert!(!out.contains("draft-doe-dispatch-widget-00.xml,"), "{out}");
    let (code, out) = run("draft-ietf-quic-widget-00.xml", "quic");
    assert_eq!(code, Some(0), "{out}");
    let (code, out) = run("draft-doe-dispatch-widget-00.xml", "");
    assert_eq!(code, Some(0), "{out}");
}

/// A stand-in for GitHub's runner, enough for the generated workflow and `action.yml`: it runs
/// each `run:` step with bash the way GitHub does, with `${{ … }}` expressions evaluated, the
/// `GITHUB_OUTPUT`/`GITHUB_PATH` files honoured and `if: steps.X.outputs.Y != 'true'` obeyed;
/// `actions/checkout` is the work tree already there; `actions/cache` is a directory of saved
/// paths; `uses: OWNER/REPO@REF` runs this repository's `action.yml` from
/// `_actions/OWNER/REPO/REF` (a link to it), as GitHub lays it out. Nothing reaches the network:
/// `curl` and `cargo` are the stubs in `stubs`.
struct Runner {
    root: tempfile::TempDir,
    stubs: PathBuf,
}

/// What one run of the workflow did: the exit status of the last step run, and the output of
/// every step.
struct Run {
    code: Option<i32>,
    log: String,
}

impl Runner {
    fn new(stubs: PathBuf) -> Self {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("cache")).unwrap();
        Runner { root, stubs }
    }

    /// Run the workflow `text` in `workspace` on a fresh runner (a new `RUNNER_TEMP`; the cache
    /// is kept, as GitHub keeps it between runs).
    fn run(&self, text: &str, workspace: &Path) -> Run {
        let wf = yaml(text, "workflow");
        let expression = regex::Regex::new(r"\$\{\{(.*?)\}\}").unwrap();
        let temp = self.root.path().join("temp");
        if temp.exists() {
            std::fs::remove_dir_all(&temp).unwrap();
        }
        std::fs::create_dir_all(&temp).unwrap();
        let mut path = vec![self.stubs.clone(), "/usr/bin".into(), "/bin".into()];
        let mut run = Run {
            code: Some(0),
            log: String::new(),
        };
        for step in steps(&wf["jobs"]["check"]["steps"]) {
            let uses = step["uses"].as_str().unwrap_or("");
            if uses.starts_with("actions/checkout@") {
                continue;
            }
            let (owner_repo, git_ref) = uses.split_once('@').expect("a uses: with a ref");
            let action_path = self
                .root
                .path()
                .join("_actions")
                .join(owner_repo)
                .join(git_ref);
            if !action_path.exists() {
                std::fs::create_dir_all(action_path.parent().unwrap()).unwrap();
                std::os::unix::fs::symlink(repo(), &action_path).unwrap();
            }
            let action = yaml(
                &std::fs::read_to_string(action_path.join("action.yml")).unwrap(),
                "action",
            );
            let mut inputs = BTreeMap::new();
            for (k, v) in action["inputs"].as_hash().unwrap() {
                let given = &step["with"][str_of(k, "input")];
                let value = if given.is_badvalue() {
                    &v["default"]
                } else {
                    given
                };
                inputs.insert(
                    str_of(k, "input").to_owned(),
                    str_of(value, "input value").to_owned(),
                );
            }
            let mut outputs: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
            for inner in steps(&action["runs"]["steps"]) {
                let eval =
                    |expr: &str, outputs: &BTreeMap<String, BTreeMap<String, String>>| -> String {
                        let expr = expr.trim();
                        if let Some(name) = expr.strip_prefix("inputs.") {
                            return inputs[name].clone();
                        }
                        if expr == "github.action_path" {
                            return action_path.to_str().unwrap().to_owned();
                        }
                        let rest = expr
                            .strip_prefix("steps.")
                            .unwrap_or_else(|| panic!("cannot evaluate `{expr}`"));
                        let (id, output) = rest.split_once(".outputs.").unwrap();
                        outputs
                            .get(id)
                            .and_then(|o| o.get(output))
                            .cloned()
                            .unwrap_or_default()
                    };
                let expand = |text: &str, outputs: &BTreeMap<String, BTreeMap<String, String>>| {
                    expression
                        .replace_all(text, |c: &regex::Captures<'_>| eval(&c[1], outputs))
                        .into_owned()
                };
                if let Some(condition) = inner["if"].as_str() {
                    let (lhs, rhs) = condition.split_once(" != ").expect("`X != 'Y'`");
                    if eval(lhs, &outputs) == rhs.trim_matches('\'') {
                        continue;
                    }
                }
                let id = inner["id"].as_str().unwrap_or("").to_owned();
                let with = |key: &str| expand(str_of(&inner["with"][key], key), &outputs);
                match inner["uses"].as_str() {
                    Some(u) if u.starts_with("actions/cache/restore@") => {
                        let saved = self.root.path().join("cache").join(with("key"));
                        let hit = saved.exists();
                        if hit {
                            copy_tree(&saved, Path::new(&with("path")));
                        }
                        outputs
                            .entry(id)
                            .or_default()
                            .insert("cache-hit".into(), hit.to_string());
                        continue;
                    }
                    Some(u) if u.starts_with("actions/cache/save@") => {
                        copy_tree(
                            Path::new(&with("path")),
                            &self.root.path().join("cache").join(with("key")),
                        );
                        continue;
                    }
                    Some(other) => panic!("no stand-in for `{other}`"),
                    None => {}
                }
                let github_output = temp.join("github_output");
                let github_path = temp.join("github_path");
                std::fs::write(&github_output, "").unwrap();
                std::fs::write(&github_path, "").unwrap();
                let file = temp.join("step.sh");
                std::fs::write(&file, str_of(&inner["run"], "run")).unwrap();
                let mut cmd = Command::new("bash");
                cmd.args(["--noprofile", "--norc", "-eo", "pipefail"])
                    .arg(&file)
                    .current_dir(workspace)
                    .env_clear()
                    .env("PATH", std::env::join_paths(&path).unwrap())
                    .env("HOME", self.root.path())
                    .env("CI", "true")
                    .env("GITHUB_ACTIONS", "true")
                    .env("GITHUB_WORKSPACE", workspace)
                    .env("GITHUB_ACTION_PATH", &action_path)
                    .env("GITHUB_SERVER_URL", "https://github.com")
                    .env("GITHUB_OUTPUT", &github_output)
                    .env("GITHUB_PATH", &github_path)
                    .env("RUNNER_OS", "Linux")
                    .env("RUNNER_ARCH", "X64")
                    .env("RUNNER_TEMP", &temp)
                    .env("STUB_LOG", self.root.path().join("stub.log"));
                if let Some(env) = inner["env"].as_hash() {
                    for (k, v) in env {
                        cmd.env(str_of(k, "env"), expand(str_of(v, "env value"), &outputs));
                    }
                }
                let out = cmd.output().unwrap();
                let _ = writeln!(
                    run.log,
                    "## {}\n{}{}",
                    inner["name"].as_str().unwrap_or(""),
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
                run.code = out.status.code();
                if !out.status.success() {
                    return run;
                }
                for line in std::fs::read_to_string(&github_output).unwrap().lines() {
                    let (k, v) = line.split_once('=').unwrap();
                    outputs
                        .entry(id.clone())
                        .or_default()
                        .insert(k.to_owned(), v.to_owned());
                }
                for dir in std::fs::read_to_string(&github_path).unwrap().lines() {
                    path.insert(0, PathBuf::from(dir));
                }
            }
        }
        run
    }

    /// What the stubs were asked to do, one line per call.
    fn stub_calls(&self) -> String {
        std::fs::read_to_string(self.root.path().join("stub.log")).unwrap_or_default()
    }
}

// Issue 10, point 1: from a fresh fork with no registry release and no release binary, the
// workflow `init --ci github` writes gets newdraft from the action's own source, caches it, and
// checks the repository; the next run takes it from the cache.
#[test]
fn a_fresh_fork_runs_the_generated_workflow_end_to_end() {
    // `cargo install --root R --path P` puts the binary under test in R/bin, as the real build
    // would (a release build here would take minutes); `curl` is a network that is not there.
    let stubs = tempfile::tempdir().unwrap();
    script_at(
        &stubs.path().join("cargo"),
        &format!(
            "#!/bin/sh\necho \"cargo $*\" >> \"$STUB_LOG\"\n[ \"$1 $2\" = 'install --locked' ] && [ \"$3\" = --root ] && [ \"$5\" = --path ] || exit 101\n[ -f \"$6/Cargo.toml\" ] && [ -f \"$6/Cargo.lock\" ] || exit 101\nmkdir -p \"$4/bin\" && cp '{}' \"$4/bin/newdraft\"\n",
            support::BIN
        ),
    );
    script_at(
        &stubs.path().join("curl"),
        "#!/bin/sh\necho \"curl $*\" >> \"$STUB_LOG\"\necho 'curl: (6) Could not resolve host: github.com' >&2\nexit 6\n",
    );
    let runner = Runner::new(stubs.path().to_owned());
    let tmp = tempfile::tempdir().unwrap();
    let out = init(tmp.path(), &["--ci", "github", "--dir", "repo"]);
    assert_eq!(out.status.code(), Some(0));
    let repo_dir = tmp.path().join("repo");
    let text = std::fs::read_to_string(repo_dir.join(".github/workflows/newdraft.yml")).unwrap();

    let first = runner.run(&text, &repo_dir);
    assert_eq!(first.code, Some(0), "{}", first.log);
    assert!(first.log.contains("building from source"), "{}", first.log);
    assert!(first.log.contains("no problems in 1 file"), "{}", first.log);
    let calls = runner.stub_calls();
    assert_eq!(calls.matches("cargo install").count(), 1, "{calls}");
    assert_eq!(calls.matches("curl ").count(), 1, "{calls}");
    assert!(
        calls.contains(&format!(
            "/releases/download/{}/newdraft-v{VERSION}-x86_64-unknown-linux-gnu.tar.gz",
            api::release_tag()
        )),
        "{calls}"
    );

    // The next run (a new runner, the same cache) builds nothing, and a problem fails the job
    // with an annotation on its line.
    std::fs::write(
        repo_dir.join("draft-ietf-quic-widget-00.xml"),
        std::fs::read_to_string(drafts_tree().path().join("draft-ietf-quic-widget-00.xml"))
            .unwrap(),
    )
    .unwrap();
    let second = runner.run(&text, &repo_dir);
    assert_eq!(second.code, Some(1), "{}", second.log);
    assert!(
        second
            .log
            .contains("::error file=draft-ietf-quic-widget-00.xml,line=2,"),
        "{}",
        second.log
    );
    let calls = runner.stub_calls();
    assert_eq!(calls.matches("cargo install").count(), 1, "cached: {calls}");
}

#[test]
fn pre_commit_hook_runs_the_real_check_on_the_files_it_selects() {
    let hooks = hooks();
    let hook = &hooks[0];
    let files = regex::Regex::new(str_of(&hook["files"], "files")).unwrap();
    let tree = drafts_tree();
    std::fs::remove_file(tree.path().join("draft-ietf-quic-widget-00.xml")).unwrap();
    // As pre-commit runs it: the entry's words, then the selected file names.
    let run = |names: &[&str]| {
        let mut words = str_of(&hook["entry"], "entry").split_whitespace();
        let program = support::bin_dir().join(words.next().unwrap());
        let out = support::sandboxed(program, tree.path())
            .args(words)
            .args(names)
            .output()
            .unwrap();
        out.status.code()
    };
    let mut all: Vec<String> = std::fs::read_dir(tree.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    all.sort();
    let selected: Vec<&str> = all
        .iter()
        .map(String::as_str)
        .filter(|f| files.is_match(f))
        .collect();
    assert_eq!(selected, ["draft-doe-dispatch-widget-00.xml"]);
    assert_eq!(run(&selected), Some(0));
    // The README, were it passed, is no draft source: check says so and judges nothing.
    assert_eq!(run(&["README.md"]), Some(0));
}

// ---------------------------------------------------------------------------------------------
// The "Use in CI" sections of docs/ci.md and the README

/// The documents with a "Use in CI" section, and the kinds of YAML snippet each holds, in order.
const CI_DOCS: [(&str, &[&str]); 2] = [
    (
        "docs/ci.md",
        &[
            "workflow",
            "example action",
            "example pre-commit",
            "file .pre-commit-hooks.yaml",
        ],
    ),
    ("README.md", &["example action"]),
];

/// The document `relative`, and the range of its "Use in CI" section.
fn ci_section(relative: &str) -> (PathBuf, String, std::ops::Range<usize>) {
    let text = read(relative);
    let range =
        section_of(&text).unwrap_or_else(|| panic!("{relative} has no \"Use in CI\" section"));
    (repo().join(relative), text, range)
}

/// The "Use in CI" section of a Markdown text: from its heading to the next heading of its
/// level or higher, outside code fences (a YAML comment starts with `#` too).
fn section_of(text: &str) -> Option<std::ops::Range<usize>> {
    let mut start: Option<(usize, usize)> = None;
    let mut in_fence = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end();
        let level = bare.len() - bare.trim_start_matches('#').len();
        let is_heading = level > 0 && bare[level..].starts_with(' ');
        if bare.starts_with("```") {
            in_fence = !in_fence;
        } else if !in_fence && is_heading {
            match start {
                None if bare[level..].trim() == "Use in CI" => start = Some((offset, level)),
                Some((from, of)) if level <= of => return Some(from..offset),
                _ => {}
            }
        }
        offset += line.len();
    }
    start.map(|(from, _)| from..text.len())
}

#[test]
fn the_ci_section_is_found_wherever_it_is() {
    let readme = "# newdraft\n\nIntro.\n\n## Use in CI\n\n```yaml\n# a comment\n```\n\n\
                  ### Sub\n\ntext\n\n## Next\n\nmore\n";
    let range = section_of(readme).unwrap();
    assert!(readme[range.clone()].starts_with("## Use in CI\n"));
    assert!(readme[range.clone()].contains("### Sub"));
    assert!(readme[range].ends_with("text\n\n"));
    assert_eq!(section_of("# x\n\n## Use in CI\nlast\n").unwrap(), 5..23);
    assert_eq!(section_of("# x\n```\n## Use in CI\n```\n"), None);
}

/// A fenced YAML snippet and the `<!-- ci-snippet: KIND -->` marker before it.
struct Snippet {
    kind: String,
    body: std::ops::Range<usize>,
}

fn snippets(text: &str, section: &std::ops::Range<usize>) -> Vec<Snippet> {
    let re =
        regex::Regex::new(r"(?ms)^(?:<!-- ci-snippet: ([^>]+?) -->\n)?```yaml\n(.*?)^```[ \t]*$")
            .unwrap();
    re.captures_iter(&text[section.clone()])
        .map(|c| {
            let body = c.get(2).unwrap();
            Snippet {
                kind: c.get(1).map_or_else(String::new, |k| k.as_str().to_owned()),
                body: section.start + body.start()..section.start + body.end(),
            }
        })
        .collect()
}

#[test]
fn ci_snippets_are_the_real_files() {
    for (doc, kinds) in CI_DOCS {
        assert_snippets_are_real(doc, kinds);
    }
    let (_, text, section) = ci_section("docs/ci.md");
    assert!(
        text[section].contains("[JSON schema]"),
        "the section points at the JSON schema"
    );
}

/// The YAML snippets of `doc`'s "Use in CI" section are of `kinds`, in order, each the file it
/// shows (rewritten with `SNAPSHOTS=overwrite`) or an example checked against it.
fn assert_snippets_are_real(doc: &str, kinds: &[&str]) {
    let (path, mut text, section) = ci_section(doc);
    let all = snippets(&text, &section);
    let found: Vec<&str> = all.iter().map(|s| s.kind.as_str()).collect();
    assert_eq!(
        found, kinds,
        "{doc}: every YAML snippet carries a marker saying what it shows"
    );

    let overwrite = std::env::var("SNAPSHOTS").is_ok_and(|v| v == "overwrite");
    let mut stale = Vec::new();
    // From the last, so that rewriting one leaves the ranges of the earlier ones valid.
    for snippet in all.iter().rev() {
        let body = &text[snippet.body.clone()];
        let real = match snippet.kind.as_str() {
            "workflow" => workflow(),
            "file action.yml" => read("action.yml"),
            "file .pre-commit-hooks.yaml" => read(".pre-commit-hooks.yaml"),
            "example action" => {
                check_action_example(body);
                continue;
            }
            "example pre-commit" => {
                check_pre_commit_example(body);
                continue;
            }
            other => panic!("unknown snippet kind `{other}`"),
        };
        if body != real {
            stale.push(snippet.kind.clone());
            if overwrite {
                text.replace_range(snippet.body.clone(), &real);
            }
        }
    }
    if overwrite && !stale.is_empty() {
        std::fs::write(&path, &text).unwrap();
    } else {
        assert!(
            stale.is_empty(),
            "{}: the snippets {stale:?} differ from the files they show; \
             run `SNAPSHOTS=overwrite cargo test --test cli ci::` to update them",
            path.display()
        );
    }
}

/// The action example uses this version's tag and only inputs the action has.
fn check_action_example(body: &str) {
    let example = yaml(body, "action example");
    let inputs = keys(&action()["inputs"]);
    let mut used = 0;
    for step in steps(&example["jobs"]["check"]["steps"]) {
        let Some(action_ref) = step["uses"].as_str() else {
            continue;
        };
        if let Some(tag) = action_ref.strip_prefix(&format!("{}@", api::action())) {
            used += 1;
            assert_eq!(tag, api::release_tag());
            for key in keys(&step["with"]) {
                assert!(inputs.contains(&key), "the action has no input `{key}`");
            }
        }
    }
    assert_eq!(used, 1, "the example uses the action");
}

/// The pre-commit example names this version's tag and the hook that exists.
fn check_pre_commit_example(body: &str) {
    let example = yaml(body, "pre-commit example");
    let repo = &example["repos"][0];
    assert_eq!(str_of(&repo["repo"], "repo"), env!("CARGO_PKG_REPOSITORY"));
    assert_eq!(str_of(&repo["rev"], "rev"), api::release_tag());
    let ids: Vec<&str> = repo["hooks"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|h| str_of(&h["id"], "id"))
        .collect();
    assert_eq!(ids, [str_of(&hooks()[0]["id"], "hook id")]);
}

#[test]
fn docs_ci_table_lists_every_action_input() {
    let (_, text, section) = ci_section("docs/ci.md");
    let section = &text[section];
    for input in keys(&action()["inputs"]) {
        assert!(
            section.contains(&format!("| `{input}` |")),
            "input `{input}` is missing from the table"
        );
    }
}

#[test]
fn every_file_uses_one_major_version_of_each_official_action() {
    let mut texts = vec![workflow(), read("action.yml")];
    for (doc, _) in CI_DOCS {
        let (_, text, section) = ci_section(doc);
        texts.push(text[section].to_owned());
    }
    let mut all: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for text in texts {
        for (action, majors) in official_actions(&text) {
            all.entry(action).or_default().extend(majors);
        }
    }
    assert!(all.contains_key("actions/checkout") && all.contains_key("actions/cache"));
    for (action, majors) in &all {
        assert_eq!(majors.len(), 1, "{action} at {majors:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Completions

fn stdout_of(args: &[&str]) -> String {
    let out = support::newdraft_anywhere().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "newdraft {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every command's name, and every long option of every command, from the clap definition.
fn commands_and_options() -> (Vec<String>, Vec<String>) {
    fn walk(cmd: &clap::Command, names: &mut Vec<String>, longs: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            if let Some(long) = arg.get_long() {
                longs.push(long.to_owned());
            }
        }
        for sub in cmd.get_subcommands() {
            names.push(sub.get_name().to_owned());
            walk(sub, names, longs);
        }
    }
    let mut cmd = api::Cli::command();
    cmd.build();
    let (mut names, mut longs) = (Vec::new(), Vec::new());
    walk(&cmd, &mut names, &mut longs);
    names.retain(|n| n != "help");
    longs.sort();
    longs.dedup();
    (names, longs)
}

#[test]
fn completions_for_every_shell_name_every_command() {
    let (names, longs) = commands_and_options();
    assert!(names.len() >= 9, "{names:?}");
    let shells = clap_complete::Shell::value_variants();
    assert_eq!(shells.len(), 5, "bash, elvish, fish, powershell, zsh");
    for shell in shells {
        let shell = shell.to_possible_value().unwrap().get_name().to_owned();
        let script = stdout_of(&["completions", &shell]);
        for name in &names {
            assert!(script.contains(name.as_str()), "{shell}: no `{name}`");
        }
        for long in &longs {
            // fish spells a long option `-l NAME`; the others `--NAME`.
            let spelled = if shell == "fish" {
                format!("-l {long}")
            } else {
                format!("--{long}")
            };
            assert!(script.contains(&spelled), "{shell}: no `{spelled}`");
        }
    }
}

#[test]
fn bash_completion_completes_commands_options_and_values() {
    let script = stdout_of(&["completions", "bash"]);
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("newdraft.bash");
    std::fs::write(&file, &script).unwrap();
    let syntax = Command::new("bash").arg("-n").arg(&file).output().unwrap();
    assert!(
        syntax.status.success(),
        "{}",
        String::from_utf8_lossy(&syntax.stderr)
    );

    // What bash's programmable completion would offer after these words (the last one being
    // completed).
    let complete = |words: &[&str]| -> Vec<String> {
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let cword = words.len() - 1;
        let program = format!(
            "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={cword}\nCOMP_LINE='{}'\nCOMP_POINT=${{#COMP_LINE}}\n\
             _newdraft newdraft '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
            file.display(),
            quoted.join(" "),
            words.join(" "),
            words[cword],
            words[cword.saturating_sub(1)],
        );
        let out = Command::new("bash")
            .args(["--noprofile", "--norc", "-c", &program])
            .current_dir(work.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(complete(&["newdraft", "ch"]), ["check"]);
    assert_eq!(complete(&["newdraft", "email", "a"]), ["announce"]);
    assert_eq!(complete(&["newdraft", "check", "--ad"]), ["--adopted-by"]);
    let mut shells = complete(&["newdraft", "completions", ""]);
    shells.retain(|s| !s.starts_with('-'));
    shells.sort();
    assert_eq!(shells, ["bash", "elvish", "fish", "powershell", "zsh"]);
    assert_eq!(
        complete(&["newdraft", "check", "--format", ""]),
        ["human", "json", "github"]
    );
}

// ---------------------------------------------------------------------------------------------
// The man page

/// `name` with roff's escaped hyphens, as it appears in the page source.
fn roff(name: &str) -> String {
    name.replace('-', "\\-")
}

#[test]
fn man_page_has_every_command_and_option() {
    let page = stdout_of(&["man"]);
    assert!(page.is_ascii(), "non-ASCII is escaped");
    assert!(page.contains("\n.TH NEWDRAFT 1 "), "{page}");
    for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS"] {
        assert!(page.contains(&format!("\n.SH {section}\n")), "no {section}");
    }
    assert!(page.contains("\n.SH \"EXIT STATUS\"\n"), "{page}");
    let mut root = api::Cli::command();
    root.build();
    let mut stack: Vec<&clap::Command> = root.get_subcommands().collect();
    let mut seen = 0;
    while let Some(cmd) = stack.pop() {
        if cmd.get_name() == "help" {
            continue;
        }
        seen += 1;
        let name = cmd.get_bin_name().unwrap();
        let heading = format!("\n.SS \"{name}\"\n");
        let at = page
            .find(&heading)
            .unwrap_or_else(|| panic!("no subsection for `{name}`"));
        // The subsection (up to the next one) has every option of the command.
        let rest = &page[at + heading.len()..];
        let own = &rest[..rest.find("\n.S").unwrap_or(rest.len())];
        for arg in cmd.get_arguments() {
            let shown = match (arg.get_long(), arg.get_value_names()) {
                (Some(long), _) => format!("\\fB\\-\\-{}\\fR", roff(long)),
                (None, Some(value)) => format!("\\fI{}\\fR", value[0]),
                (None, None) => format!("\\fI{}\\fR", arg.get_id()),
            };
            assert!(own.contains(&shown), "`{name}`: no {shown} in\n{own}");
        }
        stack.extend(cmd.get_subcommands());
    }
    assert_eq!(seen, 15);
}

/// Render roff with `groff -man -Tutf8 -ww`: (success, its words without overstriking, warnings).
fn render(groff: &Path, page: &str) -> (bool, String, String) {
    use std::io::Write as _;
    let mut child = Command::new(groff)
        .args(["-man", "-Tutf8", "-ww"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let overstrike = regex::Regex::new(r".\x08").unwrap();
    // groff justifies lines (several spaces) and wraps them: compare words.
    let text = overstrike
        .replace_all(&String::from_utf8_lossy(&out.stdout), "")
        .replace(['\u{2010}', '\u{2212}'], "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (
        out.status.success(),
        text,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn man_page_renders_without_a_groff_warning() {
    // scripts/install-validators.sh installs groff too (Debian's `groff-base`).
    let Some(groff) = tools::tool(GROFF) else {
        return;
    };
    // The harness itself: a page with a mistake does draw a warning.
    let (_, _, warnings) = render(&groff, ".TH X 1\n.SH NAME\n.XY undefined\nx\n");
    assert!(!warnings.is_empty(), "groff -ww reports nothing?");

    let page = stdout_of(&["man"]);
    let (ok, text, warnings) = render(&groff, &page);
    assert!(ok && warnings.is_empty(), "groff:\n{warnings}");
    // The header: page, manual, page; the footer: source, (no date), page.
    assert!(
        text.starts_with("NEWDRAFT(1) User Commands NEWDRAFT(1) NAME newdraft - "),
        "{text}"
    );
    assert!(
        text.ends_with(&format!("newdraft {VERSION} NEWDRAFT(1)")),
        "{text}"
    );
    for expected in [
        "newdraft email problem",
        "--adopted-by <GROUP>",
        "--ci <PROVIDER>",
        "[default: dispatch]",
        "`newdraft init` \u{2192} `newdraft check --submission`",
        "(`M\u{fc}ller` becomes `muller`)",
        "EXIT STATUS",
    ] {
        assert!(text.contains(expected), "no `{expected}` in\n{text}");
    }
}

// ---------------------------------------------------------------------------------------------
// `newdraft init --ci github`

/// `newdraft init doe widgets` with an author, today's date and `args`, in `dir`, with git's
/// configuration kept out.
fn init(dir: &Path, args: &[&str]) -> std::process::Output {
    let today = support::today().to_string();
    support::newdraft(dir)
        .args(["init", "doe", "widgets", "--fullname", "Jane Doe"])
        .args(["--email", "jane@example.com", "--date", &today])
        .args(args)
        .output()
        .unwrap()
}

const DRAFT: &str = "draft-doe-dispatch-widgets-00.xml";

#[test]
fn init_with_ci_github_writes_the_workflow_beside_the_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(tmp.path(), &["--ci", "github", "--dir", "repo"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("repo/{DRAFT}\nrepo/.github/workflows/newdraft.yml\n")
    );
    let repo = tmp.path().join("repo");
    assert_eq!(
        std::fs::read_to_string(repo.join(".github/workflows/newdraft.yml")).unwrap(),
        workflow()
    );
    assert!(repo.join(DRAFT).is_file());

    // What the workflow will run passes on what init wrote.
    let check = support::newdraft(&repo)
        .args(["check", "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn init_without_ci_writes_no_workflow() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(tmp.path(), &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{DRAFT}\n"));
    assert!(!tmp.path().join(".github").exists());
}

#[test]
fn init_ci_dry_run_shows_both_files_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(tmp.path(), &["--ci", "github", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let (draft, rest) = stdout
        .split_once("\n.github/workflows/newdraft.yml\n")
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(draft.starts_with(&format!("{DRAFT}\n<?xml")), "{draft}");
    assert_eq!(rest, workflow());
    assert!(std::fs::read_dir(tmp.path()).unwrap().next().is_none());
}

#[test]
fn init_ci_never_clobbers_a_workflow_and_writes_all_or_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mine = tmp.path().join(".github/workflows/newdraft.yml");
    std::fs::create_dir_all(mine.parent().unwrap()).unwrap();
    std::fs::write(&mine, "# my own workflow\n").unwrap();

    // A dry run says it would be refused.
    let out = init(tmp.path(), &["--ci", "github", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("warning: `.github/workflows/newdraft.yml` already exists"),
        "{stderr}"
    );

    // The real run is refused, and writes not even the draft.
    let out = init(tmp.path(), &["--ci", "github"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: ")
            && stderr.contains("already exists")
            && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&mine).unwrap(),
        "# my own workflow\n"
    );
    assert!(!tmp.path().join(DRAFT).exists());

    // --force replaces both.
    let out = init(tmp.path(), &["--ci", "github", "--force"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), workflow());
    assert!(tmp.path().join(DRAFT).is_file());
}

// ---------------------------------------------------------------------------------------------
// Releases: `scripts/release`

/// The documents whose examples `scripts/release` points at the new tag.
const RELEASE_DOCS: [&str; 2] = ["README.md", "docs/ci.md"];

/// The README's and docs/ci.md's examples in the release sandbox `d` name `tag`, and only the
/// examples changed: the Action's `uses:` in both, and pre-commit's `rev:` where there is one.
fn assert_examples_name_the_tag(d: &Path, tag: &str) {
    let action = api::action();
    for doc in RELEASE_DOCS {
        let before = read(doc);
        let text = std::fs::read_to_string(d.join(doc)).unwrap();
        assert!(text.contains(&format!("uses: {action}@{tag}")), "{doc}");
        if before.contains("rev: v") {
            assert!(text.contains(&format!("rev: {tag}")), "{doc}");
        }
        assert!(!text.contains(&format!("{action}@v{VERSION}")), "{text}");
        assert_eq!(
            text.len(),
            before.len(),
            "{doc}: only version numbers of the same length changed"
        );
    }
    assert!(
        read("docs/ci.md").contains("rev: v"),
        "docs/ci.md has a pre-commit example"
    );
}

/// A git repository holding a copy of the files `scripts/release` edits, committed.
fn release_sandbox() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in [
        "Cargo.toml",
        "Cargo.lock",
        "CHANGELOG.md",
        "README.md",
        "docs/ci.md",
        "scripts/release",
    ] {
        let to = dir.path().join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(repo().join(file), &to).unwrap();
    }
    support::git(dir.path(), &["init", "-q"]);
    support::git(dir.path(), &["add", "."]);
    support::git(dir.path(), &["commit", "-q", "-m", "start"]);
    dir
}

/// `scripts/release ARGS` in the sandbox `dir`, with a throwaway identity.
fn release(dir: &Path, args: &[&str]) -> std::process::Output {
    support::sandboxed("bash", dir)
        .arg(dir.join("scripts/release"))
        .args(args)
        .env("GIT_AUTHOR_NAME", "T")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "T")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap()
}

#[test]
fn release_script_bumps_the_version_moves_the_changelog_and_tags() {
    let dir = release_sandbox();
    let d = dir.path();
    let before_lock = std::fs::read_to_string(d.join("Cargo.lock")).unwrap();
    let out = release(d, &["9.8.7", "--no-verify"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("tagged v9.8.7"));

    let manifest: toml::Table = std::fs::read_to_string(d.join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(manifest["package"]["version"].as_str(), Some("9.8.7"));
    // Cargo.lock: newdraft's own entry, and nothing else.
    let lock = std::fs::read_to_string(d.join("Cargo.lock")).unwrap();
    assert!(lock.contains("name = \"newdraft\"\nversion = \"9.8.7\"\n"));
    let changed: Vec<(&str, &str)> = before_lock
        .lines()
        .zip(lock.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        [(
            format!("version = \"{VERSION}\"").as_str(),
            "version = \"9.8.7\""
        )]
    );
    // The changelog's notes are the release's now.
    let changelog = std::fs::read_to_string(d.join("CHANGELOG.md")).unwrap();
    let today = chrono::Utc::now().date_naive();
    let heading = format!("## Unreleased\n\n## v9.8.7 ({today})\n\n- ");
    assert!(changelog.contains(&heading), "{changelog}");
    assert_examples_name_the_tag(d, "v9.8.7");
    // One commit, the tag on it, nothing left over.
    assert_eq!(support::git(d, &["status", "--porcelain"]), "");
    assert_eq!(
        support::git(d, &["log", "-1", "--format=%s"]),
        "release v9.8.7\n"
    );
    assert_eq!(
        support::git(d, &["rev-parse", "v9.8.7^{commit}"]),
        support::git(d, &["rev-parse", "HEAD"])
    );

    // Never twice, never backwards, never from a dirty tree, never a range.
    for (args, why) in [
        (&["9.8.7", "--no-verify"][..], "exists already"),
        (&["9.8.6", "--no-verify"], "older than"),
        (&["1.2", "--no-verify"], "usage"),
    ] {
        let out = release(d, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(why),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    std::fs::write(d.join("README.md"), "dirty\n").unwrap();
    let out = release(d, &["9.8.8", "--no-verify"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("work tree has changes"));
}

#[test]
fn release_script_cuts_the_first_release_of_the_current_version() {
    let dir = release_sandbox();
    let d = dir.path();
    let out = release(d, &[VERSION, "--no-verify"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(d.join("Cargo.toml")).unwrap(),
        read("Cargo.toml")
    );
    assert_eq!(
        support::git(d, &["tag", "--list"]),
        format!("{}\n", api::release_tag())
    );
}
