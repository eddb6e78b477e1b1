//! `newdraft index` and what `check`, `init` and `adopt` do with the Datatracker's data, through
//! the real binary, against a real HTTP server on 127.0.0.1 that serves recorded and
//! real-format answers (`tests/data/datatracker/`). Nothing here reaches beyond this machine.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use tempfile::TempDir;

use crate::support::http::{Reply, Server};
use crate::support::{self, repo};

const SLICE: &str = include_str!("../data/datatracker/all_id-slice.txt");
const PAGES: [&str; 3] = [
    include_str!("../data/datatracker/groups-page1.json"),
    include_str!("../data/datatracker/groups-page2.json"),
    include_str!("../data/datatracker/groups-page3.json"),
];
const ESNI: &str = include_str!("../data/datatracker/doc-draft-ietf-tls-esni.json");
const REAL: &str = include_str!("../data/real-draft-names.txt");

fn slice_path() -> PathBuf {
    repo().join("tests/data/datatracker/all_id-slice.txt")
}

/// How the test server behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Answers like the Datatracker.
    Good,
    /// Accepts the connection and never answers.
    Hang,
    /// `500 Internal Server Error`.
    Fails,
    /// `200 OK` with an HTML page where data was expected.
    Garbage,
}

/// A stand-in for the Datatracker that behaves as `mode` says.
fn serve(mode: Mode) -> Server {
    Server::start(move |request, _| match mode {
        Mode::Hang => {
            std::thread::sleep(Duration::from_secs(60));
            None
        }
        Mode::Fails => Some(("500 Internal Server Error", "text/plain", "oops".into())),
        Mode::Garbage => Some((
            "200 OK",
            "text/html",
            "<html><body>Maintenance</body></html>".into(),
        )),
        Mode::Good => Some(route(&request.path)),
    })
}

/// The paths the server was asked for, in order.
fn asked(server: &Server) -> Vec<String> {
    server.seen().into_iter().map(|r| r.path).collect()
}

/// The Datatracker's answers, by path.
fn route(path: &str) -> Reply {
    let json = "application/json";
    if path == "/id/all_id.txt" {
        return ("200 OK", "text/plain; charset=utf-8", SLICE.to_owned());
    }
    if let Some(query) = path.strip_prefix("/api/v1/group/group/?") {
        let page = match query.split('&').find_map(|p| p.strip_prefix("offset=")) {
            None | Some("0") => 0,
            Some("3") => 1,
            Some("6") => 2,
            Some(_) => return ("404 Not Found", json, "{}".into()),
        };
        return ("200 OK", json, PAGES[page].to_owned());
    }
    if path == "/doc/draft-ietf-tls-esni/doc.json" {
        return ("200 OK", json, ESNI.to_owned());
    }
    ("404 Not Found", "text/html", "<h1>Not Found</h1>".into())
}

/// The binary, with its cache in `cache`, the Datatracker at `base`.
fn newdraft(cache: &Path, base: &str) -> Command {
    let mut cmd = support::newdraft(cache);
    cmd.env("NEWDRAFT_CACHE_DIR", cache.join("cache"))
        .env("NEWDRAFT_INDEX_URL", format!("{base}/id/all_id.txt"))
        .env("NEWDRAFT_DATATRACKER_URL", base);
    cmd
}

/// A port nothing listens on: every request fails at once.
const NOWHERE: &str = "http://127.0.0.1:9";

/// Exit status, standard output and standard error.
fn run(cmd: &mut Command) -> (Option<i32>, String, String) {
    let out: Output = cmd.output().unwrap();
    (
        out.status.code(),
        support::stdout(&out),
        support::stderr(&out),
    )
}

/// The five findings of the "done when", with real names of the 2022 index.
const DONE_WHEN: [(&str, &str); 5] = [
    ("draft-ietf-tls-esni", "index/taken"),
    ("draft-ietf-tls-esni-16", "index/skipped-revision"),
    (
        "draft-farinacci-lisp-signal-free-multicast-05",
        "index/replaced",
    ),
    ("draft-ietf-quic-transport-35", "index/rfc"),
    ("draft-ietf-dnsind-dyndns-11", "index/case-twin"),
];

fn check_done_when(dir: &Path, extra: &[&str]) -> (Option<i32>, String, String) {
    let mut cmd = newdraft(dir, NOWHERE);
    cmd.args(["check", "--format", "json"]).args(extra);
    for (name, _) in DONE_WHEN {
        cmd.args(["--name", name]);
    }
    run(&mut cmd)
}

fn index_findings(json: &str) -> Vec<(String, String, String)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"].as_str().unwrap().starts_with("index/"))
        .map(|f| {
            (
                f["name"].as_str().unwrap().to_owned(),
                f["code"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn with_the_2022_index_check_reports_each_kind_with_the_index_date() {
    let dir = TempDir::new().unwrap();
    // Without an index: none of them, and one note saying so.
    let (code, out, err) = check_done_when(dir.path(), &[]);
    assert_eq!(code, Some(1)); // the stream names are not adopted: errors of their own
    assert!(index_findings(&out).is_empty(), "{out}");
    assert_eq!(
        err.matches("note: no Datatracker index").count(),
        1,
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");

    let (code, out, _) = run(newdraft(dir.path(), NOWHERE)
        .args(["index", "update", "--from"])
        .arg(slice_path()));
    assert_eq!(code, Some(0));
    assert!(
        out.starts_with("draft index: 285 drafts, newest revision of 2022-04-01"),
        "{out}"
    );

    let (_, out, err) = check_done_when(dir.path(), &[]);
    let found = index_findings(&out);
    for (name, code) in DONE_WHEN {
        let f = found
            .iter()
            .find(|f| f.0 == name)
            .unwrap_or_else(|| panic!("no finding for {name}: {out}"));
        assert_eq!(f.1, code, "{name}");
        assert!(
            f.2.contains("the Datatracker's index of 2022-04-01"),
            "{}",
            f.2
        );
    }
    assert_eq!(found.len(), DONE_WHEN.len(), "{found:#?}");
    assert!(!err.contains("no Datatracker index"), "{err}");
    assert!(
        err.contains("note: the Datatracker's index is of 2022-04-01"),
        "{err}"
    );

    // The same from `--index FILE`, without the cache.
    let other = TempDir::new().unwrap();
    let mut args = vec!["--index".to_owned()];
    args.push(slice_path().display().to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (_, out, _) = check_done_when(other.path(), &args);
    assert_eq!(index_findings(&out).len(), DONE_WHEN.len(), "{out}");
}

#[test]
fn index_update_fetches_the_index_and_every_page_of_groups() {
    let server = serve(Mode::Good);
    let dir = TempDir::new().unwrap();
    let (code, out, err) = run(newdraft(dir.path(), &server.base).args(["index", "update"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("draft index: 285 drafts"), "{out}");
    assert!(out.contains("groups: 8 groups"), "{out}");
    let asked = asked(&server);
    assert_eq!(asked[0], "/id/all_id.txt");
    assert_eq!(
        asked[1..],
        [
            "/api/v1/group/group/?format=json&limit=500",
            "/api/v1/group/group/?format=json&limit=3&offset=3",
            "/api/v1/group/group/?format=json&limit=3&offset=6",
        ]
    );
    let groups = std::fs::read_to_string(dir.path().join("cache/groups.tsv")).unwrap();
    assert!(
        groups.contains(
            "wimse\twg\tactive\tsec\tWorkload Identity in Multi System Environments\twimse@ietf.org\t"
        ),
        "{groups}"
    );
    assert!(
        groups.contains("httpauth\twg\tconcluded\tsec\t"),
        "{groups}"
    );

    let (code, out, _) = run(newdraft(dir.path(), NOWHERE).args(["index", "status"]));
    assert_eq!(code, Some(0));
    assert!(
        out.contains("draft index: 285 drafts, newest revision of 2022-04-01"),
        "{out}"
    );
    assert!(
        out.contains(&format!("from `{}/id/all_id.txt`", server.base)),
        "{out}"
    );
    assert!(out.contains("groups: 8 groups, fetched"), "{out}");

    // The cached list replaces the embedded one: `wimse` is known, `6man` no longer is.
    let (_, out, _) = run(newdraft(dir.path(), NOWHERE).args([
        "check",
        "--name",
        "draft-ietf-wimse-arch-00",
        "--adopted-by",
        "wimse",
    ]));
    assert!(!out.contains("unknown-group"), "{out}");
    let (_, out, _) = run(newdraft(dir.path(), NOWHERE).args([
        "check",
        "--name",
        "draft-ietf-6man-x-00",
        "--adopted-by",
        "6man",
    ]));
    assert!(out.contains("stream/unknown-group"), "{out}");
}

#[test]
fn index_update_from_files_fetches_nothing() {
    let dir = TempDir::new().unwrap();
    let groups = dir.path().join("groups.json");
    std::fs::write(&groups, PAGES.concat()).unwrap();
    let (code, out, err) = run(newdraft(dir.path(), NOWHERE)
        .args(["index", "update", "--from"])
        .arg(slice_path())
        .arg("--groups-from")
        .arg(&groups));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("groups: 8 groups"), "{out}");
    assert_eq!(err, "");
}

#[test]
fn index_update_refuses_what_is_no_index() {
    let dir = TempDir::new().unwrap();
    let junk = dir.path().join("junk.txt");
    std::fs::write(&junk, "<html>\x00\u{7f}not an index</html>\n").unwrap();
    let (code, out, err) = run(newdraft(dir.path(), NOWHERE)
        .args(["index", "update", "--from"])
        .arg(&junk));
    assert_eq!(code, Some(2));
    assert_eq!(out, "");
    assert!(err.starts_with("error: nothing was updated"), "{err}");
    assert!(err.contains("is not a draft index"), "{err}");
    assert!(!dir.path().join("cache/all_id.txt").exists());
    // `check --index` with it is a usage error too.
    let (code, _, err) = run(newdraft(dir.path(), NOWHERE)
        .args(["check", "--name", "draft-doe-x-00", "--index"])
        .arg(&junk));
    assert_eq!(code, Some(2));
    assert!(err.contains("is not a draft index"), "{err}");
}

#[test]
fn check_online_answers_from_the_datatracker() {
    let server = serve(Mode::Good);
    let dir = TempDir::new().unwrap();
    let today = support::today();
    let (_, out, err) = run(newdraft(dir.path(), &server.base).args([
        "check",
        "--format",
        "json",
        "--online",
        "--name",
        "draft-ietf-tls-esni-27",
        "--name",
        "draft-doe-never-posted-04",
    ]));
    assert_eq!(err, "", "{err}");
    let found = index_findings(&out);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].1, "index/skipped-revision");
    assert!(found[0].2.contains("latest revision in the Datatracker on"));
    assert!(found[0].2.contains(&today.to_string()), "{}", found[0].2);
    assert!(found[0].2.contains("is `-25`"), "{}", found[0].2);
    assert_eq!(found[1].1, "index/not-posted");
    assert!(!found[1].2.contains("unless"), "{}", found[1].2);
    let mut asked = asked(&server);
    asked.sort();
    assert_eq!(
        asked,
        [
            "/doc/draft-doe-never-posted/doc.json",
            "/doc/draft-ietf-tls-esni/doc.json"
        ]
    );
}

#[test]
fn a_server_that_hangs_fails_or_answers_garbage_is_a_warning_and_the_offline_answer() {
    for mode in [Mode::Hang, Mode::Fails, Mode::Garbage] {
        let server = serve(mode);
        let dir = TempDir::new().unwrap();
        let started = Instant::now();
        let (code, out, err) = run(newdraft(dir.path(), &server.base)
            .args([
                "check",
                "--format",
                "json",
                "--online",
                "--timeout",
                "2",
                "--name",
                "draft-ietf-tls-esni-16",
                "--name",
                "draft-ietf-quic-transport-35",
                "--index",
            ])
            .arg(slice_path()));
        let took = started.elapsed();
        assert!(took < Duration::from_secs(15), "{mode:?}: {took:?}");
        // Posted revisions of stream names: adopted (evidence `posted-revision`); the offline
        // answer finds nothing wrong with them.
        assert_eq!(code, Some(0), "{mode:?}: {err}");
        let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
        assert_eq!(warnings.len(), 1, "{mode:?}: {err}");
        assert!(
            warnings[0].contains("cannot ask the Datatracker")
                && warnings[0].contains("answered from the index of 2022-04-01"),
            "{mode:?}: {err}"
        );
        let codes: Vec<String> = index_findings(&out).into_iter().map(|f| f.1).collect();
        assert_eq!(codes, ["index/skipped-revision", "index/rfc"], "{mode:?}");

        // `index update` against it: an error, and the cache untouched.
        let started = Instant::now();
        let (code, out, err) =
            run(newdraft(dir.path(), &server.base).args(["index", "update", "--timeout", "2"]));
        assert!(started.elapsed() < Duration::from_secs(15), "{mode:?}");
        assert_eq!(code, Some(2), "{mode:?}: {out}");
        assert!(
            err.starts_with("error: nothing was updated"),
            "{mode:?}: {err}"
        );
        assert!(!dir.path().join("cache").exists(), "{mode:?}");
    }
}

/// A `newdraft.toml` recording the adoption of every stream name among `names` (one versioned
/// name a line), as `adopt` would (see names.rs).
fn adoption_records(names: &str) -> String {
    let mut toml = String::new();
    let mut seen = std::collections::HashSet::new();
    for n in names.lines() {
        let base = &n[..n.len() - 3];
        for stream in ["ietf", "irtf"] {
            let Some(rest) = base.strip_prefix(&format!("draft-{stream}-")) else {
                continue;
            };
            let group = rest.split('-').next().unwrap();
            if seen.insert(base) {
                let _ = write!(
                    toml,
                    "[[adopted]]\nname = \"{base}\"\ngroup = \"{group}\"\n\n"
                );
            }
        }
    }
    toml
}

#[test]
fn real_names_raise_no_error_and_archive_copies_no_index_finding() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("newdraft.toml"), adoption_records(REAL)).unwrap();
    std::fs::write(dir.path().join("names.txt"), REAL).unwrap();
    let (code, out, err) = run(newdraft(dir.path(), NOWHERE)
        .args([
            "check",
            "--format",
            "json",
            "--names-from",
            "names.txt",
            "--index",
        ])
        .arg(slice_path()));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let errors = support::errors(&v);
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(code, Some(0), "{err}");

    // The index's latest revision of each name: a revision up to it is an archive copy, and
    // the one after it is the next; neither is worth a finding (unless the draft became an
    // RFC or was replaced, which forbids the next).
    let latest: std::collections::HashMap<&str, (u8, &str)> = SLICE
        .lines()
        .filter(|l| l.starts_with("draft-"))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let n = f[0];
            (&n[..n.len() - 3], (n[n.len() - 2..].parse().unwrap(), f[2]))
        })
        .collect();
    let mut archive = 0;
    for (name, code, message) in index_findings(&out) {
        let (base, rev) = (&name[..name.len() - 3], &name[name.len() - 2..]);
        let rev: u8 = rev.parse().unwrap();
        match latest.get(base) {
            Some(&(l, state)) => {
                assert!(rev > l, "{name}: {code} for an archive copy: {message}");
                if rev == l + 1 {
                    assert!(
                        state.starts_with("RFC") || state.starts_with("Replaced"),
                        "{name}: {code} for the next revision: {message}"
                    );
                }
            }
            None => assert_eq!(code, "index/not-posted", "{name}: {message}"),
        }
        assert!(message.contains("2022-04-01"), "{message}");
    }
    for n in REAL.lines() {
        let (base, rev) = (&n[..n.len() - 3], &n[n.len() - 2..]);
        if latest
            .get(base)
            .is_some_and(|&(l, _)| rev.parse::<u8>().unwrap() <= l)
        {
            archive += 1;
        }
    }
    assert!(archive > 1000, "{archive}");
}

#[test]
fn a_draft_about_to_expire_is_a_warning() {
    let dir = TempDir::new().unwrap();
    let today = support::today();
    let date = today - chrono::Days::new(170);
    let index = dir.path().join("all_id.txt");
    std::fs::write(
        &index,
        format!(
            "\nInternet-Drafts Status Summary\n\ndraft-doe-dispatch-widgets-03\t{date}\tActive\t\n"
        ),
    )
    .unwrap();
    let (code, out, _) = run(newdraft(dir.path(), NOWHERE)
        .args([
            "check",
            "--format",
            "json",
            "--name",
            "draft-doe-dispatch-widgets-03",
            "--index",
        ])
        .arg(&index));
    assert_eq!(code, Some(0));
    let found = index_findings(&out);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].1, "index/expires-soon");
    let expires = date + chrono::Days::new(185);
    assert!(
        found[0]
            .2
            .contains(&format!("expires on {expires}, in 15 days")),
        "{}",
        found[0].2
    );
}

#[test]
fn files_in_a_tree_are_checked_against_the_index() {
    let dir = TempDir::new().unwrap();
    for rev in ["14", "16"] {
        std::fs::write(
            dir.path().join(format!("draft-ietf-tls-esni-{rev}.xml")),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rfc docName=\"draft-ietf-tls-esni-{rev}\" category=\"std\" version=\"3\">\n<front><title>ECH</title></front></rfc>\n"
            ),
        )
        .unwrap();
    }
    let (_, out, _) = run(newdraft(dir.path(), NOWHERE)
        .args([
            "check",
            "--format",
            "json",
            "--adopted-by",
            "tls",
            "--index",
        ])
        .arg(slice_path())
        .arg("."));
    let found = index_findings(&out);
    assert_eq!(found.len(), 1, "{out}");
    assert_eq!(found[0].0, "draft-ietf-tls-esni-16");
    assert_eq!(found[0].1, "index/skipped-revision");
}

#[test]
fn init_refuses_a_taken_name_and_names_a_free_one() {
    let dir = TempDir::new().unwrap();
    run(newdraft(dir.path(), NOWHERE)
        .args(["index", "update", "--from"])
        .arg(slice_path()));
    let init = |topic: &str| {
        run(newdraft(dir.path(), NOWHERE).args([
            "init",
            "Rescorla",
            topic,
            "--wg",
            "tls",
            "--fullname",
            "E. Rescorla",
            "--email",
            "ekr@example.org",
            "--dry-run",
        ]))
    };
    let (code, out, err) = init("esni");
    assert_eq!(code, Some(2), "{out}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(
            "error: `draft-rescorla-tls-esni` is taken: the Datatracker's index of 2022-04-01"
        ),
        "{err}"
    );
    assert!(
        err.contains("`--topic \"esni v2\"` gives the free `draft-rescorla-tls-esni-v2`"),
        "{err}"
    );
    let (code, _, err) = init("esni v2");
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn adopt_knows_the_groups_index_update_fetched() {
    let server = serve(Mode::Good);
    let dir = TempDir::new().unwrap();
    let (code, _, err) = run(newdraft(dir.path(), NOWHERE).args([
        "init",
        "doe",
        "widgets",
        "--fullname",
        "Jane Doe",
        "--email",
        "jane@example.org",
    ]));
    assert_eq!(code, Some(0), "{err}");
    let adopt = |wg: &str| {
        run(newdraft(dir.path(), NOWHERE).args([
            "adopt",
            "draft-doe-dispatch-widgets-00.xml",
            "--wg",
            wg,
            "--dry-run",
        ]))
    };
    // Before: `wimse` (chartered 2024) is missing from the embedded list, `httpauth` concluded.
    let (code, _, err) = adopt("wimse");
    assert_eq!(code, Some(2));
    assert!(
        err.contains("`wimse` is not a group in newdraft's group list"),
        "{err}"
    );
    let (code, _, err) = adopt("httpauth");
    assert_eq!(code, Some(2));
    assert!(err.contains("`httpauth` has concluded"), "{err}");

    let (code, _, err) = run(newdraft(dir.path(), &server.base).args(["index", "update"]));
    assert_eq!(code, Some(0), "{err}");
    // After: the Datatracker's list, with wimse's name and list for the new draft's venue.
    let (code, out, err) = adopt("wimse");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, "draft-ietf-wimse-widgets-00.xml\n");
    assert!(!err.contains("warning:"), "{err}");
    let (code, _, err) = adopt("httpauth");
    assert_eq!(code, Some(2));
    assert!(err.contains("`httpauth` has concluded"), "{err}");
    assert!(
        err.contains(&format!("dated {}", chrono::Utc::now().date_naive())),
        "{err}"
    );
}

#[test]
fn names_from_standard_input_are_checked_against_the_index_too() {
    let dir = TempDir::new().unwrap();
    let (code, out, _) = run(newdraft(dir.path(), NOWHERE)
        .args([
            "check",
            "--format",
            "json",
            "--adopted-by",
            "tls",
            "--names-from",
            "-",
            "--index",
        ])
        .arg(slice_path())
        .write_stdin("draft-ietf-tls-esni-13\r\ndraft-ietf-tls-esni-16\n"));
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = &v["findings"][0];
    assert_eq!(f["code"], "index/skipped-revision");
    assert_eq!(f["path"], "<stdin>");
    assert_eq!(f["line"], 2);
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
}
