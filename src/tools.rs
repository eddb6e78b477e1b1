//! The IETF's renderers and validators as newdraft finds them: which are installed, their
//! versions, whether they work offline, and the one command that installs each one here
//! (`newdraft doctor` prints this; `render` and `submit` locate the tools through it).
//!
//! newdraft itself needs none of them; an author needs xml2rfc to read the draft as the
//! Datatracker will render it, kramdown-rfc to turn Markdown into RFCXML, idnits to check what
//! the Datatracker checks, and perhaps mmark. A newcomer's first "command not found" should be
//! answered by one command that says what to install and how.
//!
//! The search is over a `PATH` value given to [`diagnose`] (the process's own, from `run`), so
//! tests decide what is installed. Each tool found is run once for its version (and, for the
//! tools whose offline switch is a flag, once for `--help`), in parallel; nothing is written.
//! The command always succeeds: a missing tool is an answer, not an error.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::Serialize;

/// How a tool is made to work without the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Offline {
    /// It never fetches anything.
    Always,
    /// A flag does it, when the installed version's `--help` lists it.
    Flag(&'static str),
    /// An environment variable does it.
    Env(&'static str, &'static str),
}

/// One tool newdraft's drafts are made for.
struct Tool {
    /// What it is called.
    name: &'static str,
    /// The programs that are this tool, the preferred first.
    programs: &'static [&'static str],
    /// What an author uses it for.
    role: &'static str,
    /// The arguments that print its version.
    version_args: &'static [&'static str],
    /// How it works offline.
    offline: Offline,
    /// What it is offline, in words.
    offline_note: &'static str,
}

const TOOLS: [Tool; 4] = [
    Tool {
        name: "xml2rfc",
        programs: &["xml2rfc"],
        role: "renders RFCXML (the .xml `init` writes) to text and HTML, as the Datatracker does",
        version_args: &["--version"],
        offline: Offline::Flag("--no-network"),
        offline_note: "references written inline need no network (newdraft's drafts have only those)",
    },
    Tool {
        name: "kramdown-rfc",
        programs: &["kramdown-rfc", "kramdown-rfc2629"],
        role: "turns kramdown-rfc Markdown (`init --format md`) into RFCXML for xml2rfc",
        version_args: &["--version"],
        offline: Offline::Env("KRAMDOWN_OFFLINE", "1"),
        offline_note: "references then come only from its cache",
    },
    Tool {
        name: "idnits",
        programs: &["idnits"],
        role: "checks a draft for what the Datatracker and the IESG look for before submission",
        version_args: &["--version"],
        offline: Offline::Flag("--offline"),
        offline_note: "skips the checks that need the network",
    },
    Tool {
        name: "mmark",
        programs: &["mmark"],
        role: "the other Markdown format for drafts (newdraft checks mmark drafts; it writes none)",
        version_args: &["-version"],
        offline: Offline::Always,
        offline_note: "it fetches nothing",
    },
];

/// The package managers an install command can use, found on the same `PATH`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)]
struct Managers {
    pipx: bool,
    pip: bool,
    apt: bool,
    gem: bool,
    npm: bool,
    go: bool,
    brew: bool,
}

impl Managers {
    fn find(path: &OsStr) -> Self {
        let has = |p: &str| find(p, path).is_some();
        Managers {
            pipx: has("pipx"),
            pip: has("pip3") || has("pip"),
            apt: has("apt-get"),
            gem: has("gem"),
            npm: has("npm"),
            go: has("go"),
            brew: has("brew"),
        }
    }

    /// The command that installs `tool` with what is here, and what that command needs first
    /// when nothing fits.
    fn install(self, tool: &str) -> String {
        match tool {
            "xml2rfc" if self.pipx => "pipx install xml2rfc".to_owned(),
            "xml2rfc" if self.apt => {
                "sudo apt-get install -y pipx && pipx install xml2rfc".to_owned()
            }
            "xml2rfc" if self.brew => "brew install pipx && pipx install xml2rfc".to_owned(),
            "xml2rfc" if self.pip => "python3 -m pip install --user xml2rfc".to_owned(),
            "xml2rfc" => {
                "pipx install xml2rfc (with Python 3 and pipx: https://pipx.pypa.io)".to_owned()
            }
            "kramdown-rfc" if self.gem => "gem install kramdown-rfc".to_owned(),
            "kramdown-rfc" if self.apt => {
                "sudo apt-get install -y ruby-kramdown-rfc2629".to_owned()
            }
            "kramdown-rfc" if self.brew => {
                "brew install ruby && gem install kramdown-rfc".to_owned()
            }
            "kramdown-rfc" => {
                "gem install kramdown-rfc (with Ruby: https://www.ruby-lang.org)".to_owned()
            }
            "idnits" if self.npm => "npm install -g @ietf-tools/idnits".to_owned(),
            "idnits" if self.apt => {
                "sudo apt-get install -y npm && npm install -g @ietf-tools/idnits".to_owned()
            }
            "idnits" if self.brew => {
                "brew install node && npm install -g @ietf-tools/idnits".to_owned()
            }
            "idnits" => {
                "npm install -g @ietf-tools/idnits (with Node.js: https://nodejs.org)".to_owned()
            }
            "mmark" if self.apt => "sudo apt-get install -y mmark".to_owned(),
            "mmark" if self.brew => "brew install mmark".to_owned(),
            "mmark" if self.go => "go install github.com/mmarkdown/mmark/v2@latest".to_owned(),
            _ => "go install github.com/mmarkdown/mmark/v2@latest (with Go: https://go.dev)"
                .to_owned(),
        }
    }
}

/// What `doctor` found about one tool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The tool's name (`xml2rfc`).
    pub name: &'static str,
    /// What an author uses it for.
    pub role: &'static str,
    /// Where it is, when it is on the `PATH`.
    pub path: Option<PathBuf>,
    /// Its version, when it runs and says one.
    pub version: Option<String>,
    /// Whether it ran (`--version` exited 0); `false` when it was not found.
    pub runs: bool,
    /// How to run it offline, when it can be (`xml2rfc --no-network`).
    pub offline: Option<String>,
    /// The command that installs it here.
    pub install: String,
}

/// The tools on `path` (a `PATH` value) and how to install the missing ones.
pub fn diagnose(path: &OsStr) -> Vec<Finding> {
    let managers = Managers::find(path);
    std::thread::scope(|scope| {
        let handles: Vec<_> = TOOLS
            .iter()
            .map(|tool| scope.spawn(move || inspect(tool, path, managers)))
            .collect();
        handles
            .into_iter()
            .zip(&TOOLS)
            .map(|(h, tool)| {
                // A panic in a thread is a bug; report the tool as not running rather than die.
                h.join().unwrap_or_else(|_| Finding {
                    name: tool.name,
                    role: tool.role,
                    path: None,
                    version: None,
                    runs: false,
                    offline: None,
                    install: managers.install(tool.name),
                })
            })
            .collect()
    })
}

/// Where the tool called `name` (`xml2rfc`, `kramdown-rfc`) is on `path`, or the command that
/// installs it here: what `render` and `submit` need before they run a renderer.
pub fn locate(name: &str, path: &OsStr) -> std::result::Result<PathBuf, String> {
    let Some(tool) = TOOLS.iter().find(|t| t.name == name) else {
        return Err(format!("a tool called `{name}`"));
    };
    tool.programs
        .iter()
        .find_map(|p| find(p, path))
        .ok_or_else(|| Managers::find(path).install(tool.name))
}

fn inspect(tool: &Tool, path: &OsStr, managers: Managers) -> Finding {
    let found = tool.programs.iter().find_map(|p| find(p, path));
    let (runs, version) = match &found {
        Some(exe) => match output(exe, tool.version_args, path) {
            Some((ok, text)) => (ok, if ok { version_in(&text) } else { None }),
            None => (false, None),
        },
        None => (false, None),
    };
    let program = found.as_deref().and_then(Path::file_name).map_or_else(
        || tool.name.to_owned(),
        |f| f.to_string_lossy().into_owned(),
    );
    let offline = match tool.offline {
        Offline::Always => Some(format!("yes: {}", tool.offline_note)),
        Offline::Env(var, value) => Some(format!(
            "with `{var}={value} {program}`: {}",
            tool.offline_note
        )),
        Offline::Flag(flag) if !runs => Some(format!(
            "with `{program} {flag}` (in recent versions): {}",
            tool.offline_note
        )),
        Offline::Flag(flag) => found
            .as_deref()
            .and_then(|exe| output(exe, &["--help"], path))
            .filter(|(_, help)| help.contains(flag))
            .map(|_| format!("with `{program} {flag}`: {}", tool.offline_note)),
    };
    Finding {
        name: tool.name,
        role: tool.role,
        path: found,
        version,
        runs,
        offline,
        install: managers.install(tool.name),
    }
}

/// The first executable file called `program` in the directories of `path`.
fn find(program: &str, path: &OsStr) -> Option<PathBuf> {
    std::env::split_paths(path)
        .filter(|dir| !dir.as_os_str().is_empty())
        .map(|dir| dir.join(program))
        .find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// Run `exe args` with `path` as its `PATH` (its interpreter is looked up there): whether it
/// exited 0, and its standard output and error together. `None` when it could not start.
fn output(exe: &Path, args: &[&str], path: &OsStr) -> Option<(bool, String)> {
    let out = Command::new(exe)
        .args(args)
        .env("PATH", path)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    Some((out.status.success(), text))
}

/// The first version number (`3.34.1`, `3.0.0-alpha.74`, `v2.2.25`) in a tool's output.
fn version_in(text: &str) -> Option<String> {
    text.split_whitespace()
        .map(|w| w.trim_start_matches('v').trim_end_matches([',', ';', ')']))
        .find(|w| {
            let mut parts = w.split(['.', '-']);
            parts
                .next()
                .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                && w.contains('.')
        })
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_versions_out_of_what_tools_print() {
        assert_eq!(version_in("xml2rfc 3.34.1\n").as_deref(), Some("3.34.1"));
        assert_eq!(version_in("kramdown-rfc 1.6.22").as_deref(), Some("1.6.22"));
        assert_eq!(
            version_in("3.0.0-alpha.74\n").as_deref(),
            Some("3.0.0-alpha.74")
        );
        assert_eq!(version_in("mmark v2.2.25").as_deref(), Some("2.2.25"));
        assert_eq!(version_in("no version here"), None);
        assert_eq!(version_in("build 42"), None);
    }

    #[test]
    fn an_empty_path_finds_nothing_and_still_says_how_to_install() {
        let findings = diagnose(OsStr::new(""));
        assert_eq!(findings.len(), 4);
        for f in &findings {
            assert_eq!((f.path.as_ref(), f.runs), (None, false), "{f:?}");
            assert!(!f.install.is_empty());
        }
        assert_eq!(
            findings[0].install,
            "pipx install xml2rfc (with Python 3 and pipx: https://pipx.pypa.io)"
        );
    }

    #[test]
    fn install_commands_use_what_the_platform_has() {
        let debian = Managers {
            apt: true,
            ..Managers::default()
        };
        assert_eq!(
            debian.install("xml2rfc"),
            "sudo apt-get install -y pipx && pipx install xml2rfc"
        );
        assert_eq!(
            debian.install("kramdown-rfc"),
            "sudo apt-get install -y ruby-kramdown-rfc2629"
        );
        assert_eq!(debian.install("mmark"), "sudo apt-get install -y mmark");
        let dev = Managers {
            pipx: true,
            gem: true,
            npm: true,
            apt: true,
            ..Managers::default()
        };
        assert_eq!(dev.install("xml2rfc"), "pipx install xml2rfc");
        assert_eq!(dev.install("kramdown-rfc"), "gem install kramdown-rfc");
        assert_eq!(dev.install("idnits"), "npm install -g @ietf-tools/idnits");
    }

    #[test]
    fn finds_a_stub_tool_and_its_version_on_the_given_path() {
        let dir = tempfile::tempdir().unwrap();
        let stub = dir.path().join("mmark");
        std::fs::write(&stub, "#!/bin/sh\necho 'mmark v2.2.25'\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&stub, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let path =
            std::env::join_paths([dir.path(), Path::new("/bin"), Path::new("/usr/bin")]).unwrap();
        let mmark = diagnose(&path)
            .into_iter()
            .find(|f| f.name == "mmark")
            .unwrap();
        assert_eq!(mmark.path.as_deref(), Some(stub.as_path()));
        assert!(mmark.runs);
        assert_eq!(mmark.version.as_deref(), Some("2.2.25"));
        assert_eq!(mmark.offline.as_deref(), Some("yes: it fetches nothing"));
    }
}
