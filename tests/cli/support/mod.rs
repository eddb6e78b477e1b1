//! What every test module shares: the one launcher of the binary under test and the sandbox it
//! runs in, git with the same sandbox, temporary trees, and the repository's own files.
//!
//! The sandbox: a command runs in a directory of the test's, which is also its `HOME`; git reads
//! no configuration of this machine's (`GIT_CONFIG_GLOBAL=/dev/null`, `GIT_CONFIG_NOSYSTEM=1`,
//! and none of the `GIT_*` variables that point it elsewhere); newdraft has no Datatracker cache
//! unless a test gives it one; and no setting of the developer's (`NO_COLOR`, a proxy, the
//! `NEWDRAFT_*` variables, the XDG directories) reaches it. A test adds what it needs after.

pub(crate) mod api;
pub(crate) mod docs;
pub(crate) mod http;
pub(crate) mod tools;

use std::ffi::OsStr;
use std::path::Path;
use std::process::Output;

use tempfile::TempDir;

/// The binary under test.
pub(crate) const BIN: &str = env!("CARGO_BIN_EXE_newdraft");

/// The repository's root: the tests read its files (action.yml, the templates, the docs).
pub(crate) fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file of the repository, as text.
pub(crate) fn read(relative: &str) -> String {
    let path = repo().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The directory holding the binary under test (for a `PATH` that has it).
pub(crate) fn bin_dir() -> &'static Path {
    Path::new(BIN).parent().unwrap()
}

/// What the developer's environment may hold that would change what a command under test does.
const UNSET: &[&str] = &[
    "NO_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "NEWDRAFT_AUTHOR_TOOLS_URL",
    "NEWDRAFT_DATATRACKER_URL",
    "NEWDRAFT_INDEX_URL",
    "NEWDRAFT_POLL_MS",
    "NEWDRAFT_REFERENCE_CACHE",
    "NEWDRAFT_SUBMITTER",
    "NEWDRAFT_TIMEOUT",
    "ALL_PROXY",
    "all_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "XDG_CACHE_HOME",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_CONFIG",
    "GIT_CONFIG_COUNT",
    "GIT_CONFIG_PARAMETERS",
    "GIT_AUTHOR_NAME",
    "GIT_AUTHOR_EMAIL",
    "GIT_AUTHOR_DATE",
    "GIT_COMMITTER_NAME",
    "GIT_COMMITTER_EMAIL",
    "GIT_COMMITTER_DATE",
];

/// `program`, run in `dir`, in the sandbox (see the module's documentation).
pub(crate) fn sandboxed(program: impl AsRef<OsStr>, dir: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(program);
    for var in UNSET {
        cmd.env_remove(var);
    }
    cmd.current_dir(dir)
        .env("HOME", dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        // No Datatracker index unless a test gives one: a cache that does not exist.
        .env("NEWDRAFT_CACHE_DIR", dir.join(".no-newdraft-cache"));
    cmd
}

/// The binary under test, run in `dir`, in the sandbox.
pub(crate) fn newdraft(dir: &Path) -> assert_cmd::Command {
    assert_cmd::Command::from_std(sandboxed(BIN, dir))
}

/// The binary under test for a command that reads no file of its own (`completions`, `man`,
/// `check --name`): in the system's temporary directory, where no `newdraft.toml` is.
pub(crate) fn newdraft_anywhere() -> assert_cmd::Command {
    newdraft(&std::env::temp_dir())
}

/// `git ARGS` in `dir`, in the sandbox, with a throwaway identity. It must succeed; returns its
/// standard output.
#[track_caller]
pub(crate) fn git(dir: &Path, args: &[&str]) -> String {
    let out = sandboxed("git", dir)
        .args(["-c", "user.name=T", "-c", "user.email=t@example.com"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A command's standard output, which must be UTF-8.
pub(crate) fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// A command's standard error, which must be UTF-8.
pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// Both, as far as they are UTF-8: what a failure message shows.
pub(crate) fn both(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The findings of severity `error` in `check --format json`'s document `v`.
pub(crate) fn errors(v: &serde_json::Value) -> Vec<&serde_json::Value> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect()
}

/// Today, the date `init` and `bump` write unless told otherwise (xml2rfc warns about others).
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// `init` arguments that XML and YAML must escape (quotes, `&`, `<`, `>`, `#`, `:`), with
/// non-ASCII names: a title, an author and an organization. The hostile snapshots
/// (`templates`) and the validators' hostile drafts are made with them.
pub(crate) const HOSTILE_AUTHOR: [&str; 8] = [
    "--title",
    r#"Foo: "Bar" & <Baz> #1"#,
    "--fullname",
    "José Müller",
    "--org",
    "AT&T <Labs>",
    "--email",
    "jose@example.com",
];

/// A temporary directory holding `files` (path, contents), directories made as needed.
pub(crate) fn tree(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

/// Copy the tree at `from` to `to` (files and directories; executables stay executable).
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

/// The snapshot `tests/snapshots/NAME`, for `snapbox::assert_data_eq!`; `SNAPSHOTS=overwrite`
/// rewrites it with what the test got.
pub(crate) fn snapshot(name: &str) -> snapbox::Data {
    snapbox::Data::read_from(&repo().join("tests/snapshots").join(name), None)
}
