//! Evidence of adoption for `draft-ietf-` names: `--adopted-by` and `newdraft.toml` (beside the
//! drafts or at a work tree's root), and what makes either an error rather than a finding.

use super::*;

#[test]
fn a_draft_ietf_file_fails_until_adopted_and_says_what_to_do() {
    let files = [(
        "draft-ietf-dispatch-widgets-00.xml",
        xml(
            "draft-ietf-dispatch-widgets-00",
            "draft-ietf-dispatch-widgets-00",
        ),
    )];
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let d = tree(&files);
    let out = run(d.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    // Judged once, where the name is written, not again for the file name; the hint says
    // what to do.
    assert_data_eq!(
        stdout(&out),
        str![[r#"
draft-ietf-dispatch-widgets-00.xml:5: error[stream/not-adopted]: `draft-ietf-` names are only for drafts a working group has adopted, and nothing says `dispatch` adopted this one
  hint: until adoption use `draft-<surname>-dispatch-widgets`; once `dispatch` adopts it, post `draft-ietf-dispatch-widgets-00` and record it (`newdraft adopt`, or `--adopted-by dispatch`)
1 error, 0 warnings in 1 file

"#]]
    );

    // `--adopted-by` for this run.
    assert_eq!(
        run(d.path(), &["--adopted-by", "dispatch"]).status.code(),
        Some(0)
    );
    assert_eq!(
        run(d.path(), &["--adopted-by", "sipcore"]).status.code(),
        Some(1)
    );

    // `newdraft.toml` at the root of the tree.
    std::fs::write(
        d.path().join("newdraft.toml"),
        "[[adopted]]\nname = \"draft-ietf-dispatch-widgets\"\ngroup = \"dispatch\"\nreplaces = \"draft-doe-dispatch-widgets\"\n",
    )
    .unwrap();
    let out = run(d.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn newdraft_toml_in_a_parent_adopts_and_keeps_the_replaced_drafts_as_history() {
    let old0 = xml(&format!("{NAME}-00"), &format!("{NAME}-00"));
    let old1 = xml(&format!("{NAME}-01"), &format!("{NAME}-01"));
    let new0 = xml(
        "draft-ietf-dispatch-widgets-00",
        "draft-ietf-dispatch-widgets-00",
    );
    let d = tree(&[
        (
            "newdraft.toml",
            "# written by newdraft adopt\n[[adopted]]\nname = \"draft-ietf-dispatch-widgets\"\ngroup = \"dispatch\"\nreplaces = \"draft-doe-dispatch-widgets\"\n",
        ),
        ("drafts/draft-doe-dispatch-widgets-00.xml", &old0),
        ("drafts/draft-doe-dispatch-widgets-01.xml", &old1),
        ("drafts/draft-ietf-dispatch-widgets-00.xml", &new0),
    ]);
    // Outside a git work tree, a record in a parent directory speaks for nothing below it.
    let (code, _, findings) = json(&d.path().join("drafts"), &["--no-git"]);
    assert_eq!((code, codes(&findings)), (1, vec!["stream/not-adopted"]));
    // In one, the record at its root speaks for the whole work tree.
    git(d.path(), &["init", "-q"]);
    let (code, v, findings) = json(&d.path().join("drafts"), &[]);
    assert_eq!((code, findings.len()), (0, 0), "{v}");
    assert_eq!(v["counts"]["files"], 3);

    // The same tree adopted only by flag: `--adopted-by` speaks for the group's drafts, and
    // the individual predecessor beside them is history, judged as what it was.
    std::fs::remove_file(d.path().join("newdraft.toml")).unwrap();
    let (code, v, findings) = json(&d.path().join("drafts"), &["--adopted-by", "dispatch"]);
    assert_eq!((code, findings.len()), (0, 0), "{v}");
    let adopted: Vec<&Value> = v["drafts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d.get("adoption").filter(|a| !a.is_null()))
        .collect();
    assert_eq!(adopted.len(), 1, "{v}");
    assert_eq!(adopted[0]["evidence"], "adopted-by");
    assert_eq!(adopted[0]["group"], "dispatch");
    // Without it, the new `-00` has no evidence of adoption.
    let (code, _, findings) = json(&d.path().join("drafts"), &[]);
    assert_eq!((code, codes(&findings)), (1, vec!["stream/not-adopted"]));
}

#[test]
fn a_broken_newdraft_toml_is_an_error_not_a_finding() {
    let d = tree(&[("newdraft.toml", "[[adopted]\nname = 1\n")]);
    let out = run(d.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: `"), "{}", stderr(&out));
    assert!(stderr(&out).contains("newdraft.toml"), "{}", stderr(&out));
}

/// `--adopted-by` takes an acronym: anything else is a usage error, not a finding whose hint
/// suggests `draft-ietf-a b-x`.
#[test]
fn adopted_by_must_be_an_acronym() {
    let d = tree(&[]);
    for bad in ["a b", "draft-ietf-quic", "qu_ic", "é"] {
        let out = run(
            d.path(),
            &["--adopted-by", bad, "--name", "draft-ietf-quic-x-00"],
        );
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with("error: ") && err.contains("--adopted-by"),
            "{err}"
        );
    }
    let out = run(
        d.path(),
        &["--adopted-by", "QUIC", "--name", "draft-ietf-quic-x-00"],
    );
    assert_eq!(out.status.code(), Some(0));
}

// See issue 9: a `group` with a line break was accepted, and printed raw.
#[test]
fn a_newdraft_toml_group_follows_the_acronym_grammar() {
    for group in ["x\\n::error::INJECTED", "a", "quic core", ""] {
        let d = tree(&[(
            "newdraft.toml",
            &format!("[[adopted]]\nname = \"draft-ietf-quic-x\"\ngroup = \"{group}\"\n"),
        )]);
        let out = run(d.path(), &["--name", "draft-ietf-quic-x-00"]);
        assert_eq!(out.status.code(), Some(2), "{group}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with("error: ") && err.contains("is not a group acronym"),
            "{err}"
        );
    }
    for bad in ["a", "", "quic\n::error::x"] {
        let out = run(
            tree(&[]).path(),
            &["--adopted-by", bad, "--name", "draft-a-b"],
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("is not a group acronym"), "{err}");
    }
}
