//! Real repositories (`tests/data/realworld`): what check must report, and nothing else; `bump`
//! and `email announce` leave their sources as they were.

use tempfile::TempDir;

use super::*;

/// Each real repository as a git work tree, every file tracked and its tags made, as the
/// shared corpus's README rebuilds them.
fn real_repository(root: &Path, repo: &str) -> TempDir {
    let d = tempfile::tempdir().unwrap();
    support::copy_tree(&root.join(repo), d.path());
    git(d.path(), &["init", "-q"]);
    git(d.path(), &["add", "-A", "-f"]);
    git(d.path(), &["commit", "-qm", "corpus"]);
    if let Ok(tags) = std::fs::read_to_string(root.join(format!("{repo}.tags"))) {
        for tag in tags.lines().filter(|t| !t.is_empty()) {
            git(d.path(), &["tag", tag]);
        }
    }
    d
}

#[test]
fn real_repositories() {
    let root = support::repo().join("tests/data/realworld");
    let expected = std::fs::read_to_string(root.join("expected.tsv")).unwrap();
    let mut by_repo: std::collections::BTreeMap<&str, Vec<Row<'_>>> =
        std::collections::BTreeMap::new();
    for line in expected.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        by_repo.entry(f[0]).or_default().push((f[1], f[2], f[3]));
    }
    assert!(by_repo.len() >= 9);
    for (repo, rows) in &by_repo {
        let d = real_repository(&root, repo);
        let (code, v, triples) = json(d.path(), &[]);
        let mut want: Vec<(String, String)> = rows
            .iter()
            .filter(|r| r.1 == "problem")
            .map(|r| (r.0.to_owned(), r.2.to_owned()))
            .collect();
        want.sort();
        let mut got: Vec<(String, String)> = triples
            .iter()
            .map(|t| (t.0.as_str().unwrap().to_owned(), t.2.clone()))
            .collect();
        got.sort();
        assert_eq!(got, want, "{repo}: {v}");
        assert_eq!(code, i32::from(!want.is_empty()), "{repo}: {v}");
        let listed = |key: &str, path: &str| -> Option<Value> {
            v[key]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["path"] == path)
                .cloned()
        };
        for (path, kind, detail) in rows {
            match *kind {
                "draft" => {
                    let e = listed("drafts", path)
                        .unwrap_or_else(|| panic!("{repo}: `{path}` not recognised: {v}"));
                    let evidence = e["adoption"]["evidence"].as_str().unwrap_or("-");
                    assert_eq!(evidence, *detail, "{repo}: `{path}`: {e}");
                }
                "skipped" => assert!(listed("skipped", path).is_some(), "{repo}: {path}: {v}"),
                _ => assert!(listed("drafts", path).is_some(), "{repo}: {path}: {v}"),
            }
        }

        assert_bump_and_announce_leave_the_sources(repo, d.path(), rows, &v);
    }
}

/// One row of `expected.tsv` for a repository: path, kind (`problem`, `draft`, `skipped`, …)
/// and detail.
type Row<'a> = (&'a str, &'a str, &'a str);

/// `bump` and `email announce` work on a real repository's XML and Markdown sources and leave
/// them as they were. The source of a published RFC (quicwg's `rfc8999.md`: `number: 8999`
/// beside `docname: draft-ietf-quic-invariants-13`) is refused: the Datatracker takes no new
/// revision of a draft that became an RFC.
fn assert_bump_and_announce_leave_the_sources(repo: &str, d: &Path, rows: &[Row<'_>], v: &Value) {
    for (path, kind, _) in rows.iter().filter(|r| r.1 == "draft") {
        if Path::new(path)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
        {
            continue;
        }
        let file = d.join(path);
        let before = std::fs::read(&file).unwrap();
        for args in [
            vec!["bump", path, "--dry-run", "--date", "2026-11-29"],
            vec![
                "email",
                "announce",
                path,
                "--fullname",
                "A. Reviewer",
                "--email",
                "reviewer@example.com",
                "--date",
                "2026-11-29",
            ],
        ] {
            let out = newdraft(d).args(&args).output().unwrap();
            let rfc = v["drafts"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["path"] == *path)
                .and_then(|e| e["rfc"].as_str().map(str::to_owned));
            if let Some(number) = rfc {
                assert_eq!(out.status.code(), Some(2), "{repo}: {args:?}");
                assert!(
                    stderr(&out).contains(&format!("is the source of RFC {number}")),
                    "{repo}: {args:?}: {}",
                    stderr(&out)
                );
                continue;
            }
            // i-d-template's own example was never posted: nothing to announce yet.
            if args[0] == "email" && path.contains("draft-todo-") {
                assert!(
                    stderr(&out).contains("nothing has been posted"),
                    "{}",
                    stderr(&out)
                );
                continue;
            }
            assert_eq!(
                out.status.code(),
                Some(0),
                "{repo} ({kind}): newdraft {args:?}: {}",
                stderr(&out)
            );
        }
        assert_eq!(
            std::fs::read(&file).unwrap(),
            before,
            "{repo}: {path} changed"
        );
    }
}
