//! The pre-commit hook, and a fresh fork running the generated workflow end to end.

use super::action::{run_step, script_at};
use super::init_ci::init;
use super::*;

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

/// One run of the workflow under way: the work tree, the runner's temporary directory, the
/// `PATH` so far, and what the run has done.
struct Job<'a> {
    workspace: &'a Path,
    temp: PathBuf,
    path: Vec<PathBuf>,
    run: Run,
}

/// The action a workflow step uses, while its steps run: where it is, its inputs, and what its
/// steps have output so far, for the `${{ … }}` expressions of the steps that follow.
struct Action {
    path: PathBuf,
    inputs: BTreeMap<String, String>,
    outputs: BTreeMap<String, BTreeMap<String, String>>,
    expression: regex::Regex,
}

impl Action {
    /// The value of one expression: `inputs.X`, `github.action_path` or `steps.ID.outputs.Y`.
    fn eval(&self, expr: &str) -> String {
        let expr = expr.trim();
        if let Some(name) = expr.strip_prefix("inputs.") {
            return self.inputs[name].clone();
        }
        if expr == "github.action_path" {
            return self.path.to_str().unwrap().to_owned();
        }
        let rest = expr
            .strip_prefix("steps.")
            .unwrap_or_else(|| panic!("cannot evaluate `{expr}`"));
        let (id, output) = rest.split_once(".outputs.").unwrap();
        self.outputs
            .get(id)
            .and_then(|o| o.get(output))
            .cloned()
            .unwrap_or_default()
    }

    /// `text` with every `${{ … }}` in it evaluated.
    fn expand(&self, text: &str) -> String {
        self.expression
            .replace_all(text, |c: &regex::Captures<'_>| self.eval(&c[1]))
            .into_owned()
    }
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
        let temp = self.root.path().join("temp");
        if temp.exists() {
            std::fs::remove_dir_all(&temp).unwrap();
        }
        std::fs::create_dir_all(&temp).unwrap();
        let mut job = Job {
            workspace,
            temp,
            path: vec![self.stubs.clone(), "/usr/bin".into(), "/bin".into()],
            run: Run {
                code: Some(0),
                log: String::new(),
            },
        };
        for step in steps(&wf["jobs"]["check"]["steps"]) {
            let uses = step["uses"].as_str().unwrap_or("");
            if uses.starts_with("actions/checkout@") {
                continue;
            }
            let (definition, mut action) = self.action(step, uses);
            for inner in steps(&definition["runs"]["steps"]) {
                if let Some(condition) = inner["if"].as_str() {
                    let (lhs, rhs) = condition.split_once(" != ").expect("`X != 'Y'`");
                    if action.eval(lhs) == rhs.trim_matches('\'') {
                        continue;
                    }
                }
                let id = inner["id"].as_str().unwrap_or("").to_owned();
                if self.cache_step(&mut action, inner, &id) {
                    continue;
                }
                if !self.run_step(&mut job, &mut action, inner, &id) {
                    return job.run;
                }
            }
        }
        job.run
    }

    /// The action a workflow step `uses:`, laid out as GitHub lays it out
    /// (`_actions/OWNER/REPO/REF`, here a link to this repository): its `action.yml`, and the
    /// step's inputs (else their defaults).
    fn action(&self, step: &Yaml, uses: &str) -> (Yaml, Action) {
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
        let definition = yaml(
            &std::fs::read_to_string(action_path.join("action.yml")).unwrap(),
            "action",
        );
        let mut inputs = BTreeMap::new();
        for (k, v) in definition["inputs"].as_hash().unwrap() {
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
        let action = Action {
            path: action_path,
            inputs,
            outputs: BTreeMap::new(),
            expression: regex::Regex::new(r"\$\{\{(.*?)\}\}").unwrap(),
        };
        (definition, action)
    }

    /// An `actions/cache` step of the action, done with the runner's cache directory: `true`
    /// if `inner` was one. Any other `uses:` has no stand-in.
    fn cache_step(&self, action: &mut Action, inner: &Yaml, id: &str) -> bool {
        let with = |key: &str| action.expand(str_of(&inner["with"][key], key));
        match inner["uses"].as_str() {
            Some(u) if u.starts_with("actions/cache/restore@") => {
                let saved = self.root.path().join("cache").join(with("key"));
                let hit = saved.exists();
                if hit {
                    copy_tree(&saved, Path::new(&with("path")));
                }
                action
                    .outputs
                    .entry(id.to_owned())
                    .or_default()
                    .insert("cache-hit".into(), hit.to_string());
                true
            }
            Some(u) if u.starts_with("actions/cache/save@") => {
                copy_tree(
                    Path::new(&with("path")),
                    &self.root.path().join("cache").join(with("key")),
                );
                true
            }
            Some(other) => panic!("no stand-in for `{other}`"),
            None => false,
        }
    }

    /// Run the action's `run:` step `inner` (with the id `id`) with bash, as GitHub does: its
    /// output goes to the job's log, its status to the job's, what it writes to `GITHUB_OUTPUT`
    /// to the action's outputs and to `GITHUB_PATH` to the job's `PATH`. `false` if it failed.
    fn run_step(&self, job: &mut Job<'_>, action: &mut Action, inner: &Yaml, id: &str) -> bool {
        let github_output = job.temp.join("github_output");
        let github_path = job.temp.join("github_path");
        std::fs::write(&github_output, "").unwrap();
        std::fs::write(&github_path, "").unwrap();
        let file = job.temp.join("step.sh");
        std::fs::write(&file, str_of(&inner["run"], "run")).unwrap();
        let mut cmd = Command::new("bash");
        cmd.args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&file)
            .current_dir(job.workspace)
            .env_clear()
            .env("PATH", std::env::join_paths(&job.path).unwrap())
            .env("HOME", self.root.path())
            .env("CI", "true")
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_WORKSPACE", job.workspace)
            .env("GITHUB_ACTION_PATH", &action.path)
            .env("GITHUB_SERVER_URL", "https://github.com")
            .env("GITHUB_OUTPUT", &github_output)
            .env("GITHUB_PATH", &github_path)
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env("RUNNER_TEMP", &job.temp)
            .env("STUB_LOG", self.root.path().join("stub.log"));
        if let Some(env) = inner["env"].as_hash() {
            for (k, v) in env {
                cmd.env(str_of(k, "env"), action.expand(str_of(v, "env value")));
            }
        }
        let out = cmd.output().unwrap();
        let _ = writeln!(
            job.run.log,
            "## {}\n{}{}",
            inner["name"].as_str().unwrap_or(""),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        job.run.code = out.status.code();
        if !out.status.success() {
            return false;
        }
        for line in std::fs::read_to_string(&github_output).unwrap().lines() {
            let (k, v) = line.split_once('=').unwrap();
            action
                .outputs
                .entry(id.to_owned())
                .or_default()
                .insert(k.to_owned(), v.to_owned());
        }
        for dir in std::fs::read_to_string(&github_path).unwrap().lines() {
            job.path.insert(0, PathBuf::from(dir));
        }
        true
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
