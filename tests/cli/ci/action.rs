//! The workflow `init --ci github` writes and the Action it uses: valid against GitHub's
//! schemas, pinned to this release, and its shell steps run against a stand-in runner.

use super::docs::{CI_DOCS, ci_section, snippets};
use super::*;

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
pub(super) fn run_step(
    script: &str,
    dir: &Path,
    bin: &Path,
    env: &[(&str, &str)],
) -> std::process::Output {
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
pub(super) fn script_at(path: &Path, body: &str) {
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
