//! The IETF's tools that some tests judge drafts with (xml2rfc, kramdown-rfc, idnits) and groff,
//! which renders the man page. `scripts/install-validators.sh` installs them into `.tools/`; a
//! tool is found in `$NEWDRAFT_TOOLS/bin`, else `<repo>/.tools/bin`, else on the `PATH`.
//!
//! On a developer's machine without them, a test skips what needs a missing tool and says so on
//! the terminal (`note: skipping …`), and passes. With `NEWDRAFT_REQUIRE_TOOLS=1`, as
//! `scripts/test` (and so CI) runs the tests, a missing tool fails the test instead.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Mutex;

pub(crate) const XML2RFC: &str = "xml2rfc";
pub(crate) const KRAMDOWN_RFC: &str = "kramdown-rfc2629";
pub(crate) const IDNITS: &str = "idnits";
pub(crate) const GROFF: &str = "groff";

/// Whether a missing tool fails the test (`NEWDRAFT_REQUIRE_TOOLS=1`) rather than skipping.
pub(crate) fn required() -> bool {
    std::env::var_os("NEWDRAFT_REQUIRE_TOOLS").is_some_and(|v| v == "1")
}

/// The directory `scripts/install-validators.sh` installs into: `$NEWDRAFT_TOOLS/bin`, else
/// `<repo>/.tools/bin`.
pub(crate) fn installed_dir() -> PathBuf {
    std::env::var_os("NEWDRAFT_TOOLS")
        .map_or_else(|| super::repo().join(".tools"), PathBuf::from)
        .join("bin")
}

/// Where tools are looked for, in order: the installed directory, then the `PATH`.
fn dirs() -> Vec<PathBuf> {
    let mut dirs = vec![installed_dir()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    dirs
}

/// Where `name` is, if anywhere.
pub(crate) fn find(name: &str) -> Option<PathBuf> {
    dirs()
        .into_iter()
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Every one of `names`, in order. When one is missing: a failure if the tools are required,
/// else `None`, once the test has said on the terminal what it skips.
#[track_caller]
pub(crate) fn all<const N: usize>(names: [&str; N]) -> Option<[PathBuf; N]> {
    let found = names.map(find);
    if found.iter().all(Option::is_some) {
        return Some(found.map(Option::unwrap));
    }
    let missing: Vec<&str> = names
        .iter()
        .zip(&found)
        .filter(|(_, f)| f.is_none())
        .map(|(n, _)| *n)
        .collect();
    missing_tools(&missing, "");
    None
}

/// `name`, as [`all`] finds it.
#[track_caller]
pub(crate) fn tool(name: &str) -> Option<PathBuf> {
    all([name]).map(|[path]| path)
}

/// A `PATH` with the installed directory first, when every one of `names` is found (as
/// [`all`] finds them).
#[track_caller]
pub(crate) fn path_with(names: &[&str]) -> Option<OsString> {
    let missing: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| find(n).is_none())
        .collect();
    if !missing.is_empty() {
        missing_tools(&missing, "");
        return None;
    }
    Some(std::env::join_paths(dirs()).unwrap())
}

/// The installed directory, when it holds every one of `names` (for a `PATH` of only what a
/// newcomer installed), as [`all`] answers.
#[track_caller]
pub(crate) fn installed(names: &[&str]) -> Option<PathBuf> {
    let dir = installed_dir();
    let missing: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| !dir.join(n).is_file())
        .collect();
    if missing.is_empty() {
        return Some(dir);
    }
    missing_tools(&missing, &format!(" in {}", dir.display()));
    None
}

/// The tests that have said what they skip, and for which tools: each says it once.
static NOTED: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

/// Fail, when the tools are required; else say on the terminal what this test skips. The note
/// goes straight to standard error, past the test harness's capture, so that it is seen.
#[track_caller]
fn missing_tools(missing: &[&str], place: &str) {
    let tools = missing.join(", ");
    assert!(
        !required(),
        "{tools} not found{}, and NEWDRAFT_REQUIRE_TOOLS=1: run scripts/install-validators.sh",
        if place.is_empty() {
            " in $NEWDRAFT_TOOLS/bin, .tools/bin or PATH"
        } else {
            place
        }
    );
    let test = std::thread::current().name().unwrap_or("a test").to_owned();
    if NOTED.lock().unwrap().insert(format!("{test} {tools}")) {
        let _ = writeln!(
            std::io::stderr(),
            "note: skipping what needs {tools} in {test}: {tools} not found{place}; run scripts/install-validators.sh"
        );
    }
}
