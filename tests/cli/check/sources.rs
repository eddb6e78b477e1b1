//! Recognising draft sources and the names they declare: RFCXML, kramdown-rfc, mmark and text
//! drafts, names that disagree with their files, build outputs, and what is not a draft source.

use super::*;

#[test]
fn a_versioned_xml_draft_passes() {
    let d = tree(&[(
        "draft-doe-dispatch-widgets-00.xml",
        &xml(
            "draft-doe-dispatch-widgets-00",
            "draft-doe-dispatch-widgets-00",
        ),
    )]);
    let out = run(d.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "no problems in 1 file\n");
    // Only the one note that there is no Datatracker index.
    assert_eq!(stderr(&out), format!("{}\n", api::NO_INDEX_NOTE));
}

#[test]
fn an_unversioned_markdown_draft_with_latest_passes() {
    let d = tree(&[(
        "draft-doe-dispatch-widgets.md",
        &md("draft-doe-dispatch-widgets-latest"),
    )]);
    let (code, v, findings) = json(d.path(), &[]);
    assert_eq!((code, findings.len()), (0, 0), "{v}");
    assert_eq!(v["counts"]["files"], 1);

    // Unversioned, but declaring a revision: the kramdown-rfc and mmark layout (the name
    // comes from the declared name). Fine, as long as the names agree.
    let d = tree(&[(
        "draft-doe-dispatch-widgets.md",
        &md("draft-doe-dispatch-widgets-00"),
    )]);
    let (code, v, findings) = json(d.path(), &[]);
    assert_eq!((code, findings.len()), (0, 0), "{v}");
    assert_eq!(v["drafts"][0]["name"], "draft-doe-dispatch-widgets-00");
    let d = tree(&[(
        "draft-doe-dispatch-widgets.md",
        &md("draft-doe-dispatch-gadgets-00"),
    )]);
    let (code, _, findings) = json(d.path(), &[]);
    assert_eq!((code, codes(&findings)), (1, vec!["doc/name-mismatch"]));
}

#[test]
fn a_versioned_markdown_source_is_not_a_submission_file() {
    // R8 is about uploads: `.md` sources are fine locally, with or without a revision.
    let d = tree(&[
        (
            "draft-doe-dispatch-widgets-00.md",
            &md("draft-doe-dispatch-widgets-00"),
        ),
        (
            "draft-doe-dispatch-widgets-00.txt",
            &txt("draft-doe-dispatch-widgets-00"),
        ),
    ]);
    let (code, v, findings) = json(d.path(), &[]);
    assert_eq!((code, findings.len()), (0, 0), "{v}");
    assert_eq!(v["counts"]["files"], 2);
}

#[test]
fn a_docname_that_differs_from_its_file_name() {
    let d = tree(&[
        (
            "draft-doe-dispatch-widgets-00.xml",
            &xml(&format!("{NAME}-00"), &format!("{NAME}-00")),
        ),
        (
            "draft-doe-dispatch-widgets-01.xml",
            &xml(
                "draft-doe-dispatch-widgetz-01",
                "draft-doe-dispatch-widgets-01",
            ),
        ),
    ]);
    let out = run(d.path(), &["--color", "never"]);
    assert_eq!(out.status.code(), Some(1));
    assert_data_eq!(
        stdout(&out),
        str![[r#"
draft-doe-dispatch-widgets-01.xml:5: error[doc/name-mismatch]: the document calls itself `draft-doe-dispatch-widgetz-01` but its file name `draft-doe-dispatch-widgets-01.xml` says `draft-doe-dispatch-widgets-01`
  hint: make them agree: declare `draft-doe-dispatch-widgets-01`, or rename the file `draft-doe-dispatch-widgetz-01.xml`
draft-doe-dispatch-widgets-01.xml:8: error[doc/seriesinfo-mismatch]: `<seriesInfo name="Internet-Draft">` says `draft-doe-dispatch-widgets-01` but `docName` (line 5) says `draft-doe-dispatch-widgetz-01`; xml2rfc refuses a document where they differ
  hint: use `draft-doe-dispatch-widgets-01` in both
2 errors, 0 warnings in 2 files

"#]]
    );
}

/// cose-wg/cose-rfc8152bis: `draft-ietf-cose-rfc8152bis-struct.xml` (no revision in the file
/// name, no i-d-template) declares `-13` and its `seriesInfo` still `-12`. The hint said to use
/// `…-latest` in both, an i-d-template form the repository does not use.
#[test]
fn a_series_info_mismatch_in_an_unversioned_file_is_told_the_doc_name() {
    let d = tree(&[(
        "draft-doe-dispatch-widgets.xml",
        &xml(&format!("{NAME}-13"), &format!("{NAME}-12")),
    )]);
    let (code, v, findings) = json(d.path(), &[]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(codes(&findings), ["doc/seriesinfo-mismatch"], "{v}");
    assert_eq!(
        v["findings"][0]["hint"],
        format!("use `{NAME}-13` in both"),
        "{v}"
    );
    // `bump` refused the file and `email announce` announced `-13` from it: both refuse it.
    for args in [
        &["bump", "draft-doe-dispatch-widgets.xml"][..],
        &["email", "announce", "draft-doe-dispatch-widgets.xml"],
    ] {
        let out = newdraft(d.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("(rule R9, doc/seriesinfo-mismatch)"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn an_mmark_draft_declares_its_name_in_series_info() {
    let mmark = |name: &str| {
        format!(
            "%%%\ntitle = \"Widgets\"\nipr = \"trust200902\"\n\n[seriesInfo]\nname = \"Internet-Draft\"\nvalue = \"{name}\"\nstream = \"IETF\"\n%%%\n\n# Introduction\n"
        )
    };
    let d = tree(&[(
        "draft-doe-dispatch-widgets-00.md",
        &mmark("draft-doe-dispatch-widgets-00"),
    )]);
    assert_eq!(json(d.path(), &[]).0, 0);
    let d = tree(&[(
        "draft-doe-dispatch-widgets-00.md",
        &mmark("draft-ietf-dispatch-widgets-00"),
    )]);
    let (code, _, findings) = json(d.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        findings,
        vec![
            finding("draft-doe-dispatch-widgets-00.md", 7, "doc/name-mismatch"),
            finding("draft-doe-dispatch-widgets-00.md", 7, "stream/not-adopted"),
        ]
    );
}

#[test]
fn a_file_renamed_to_draft_ietf_alone_is_caught_twice() {
    // The mistake of internet-draft-template PR #39: the file renamed, the document not.
    let d = tree(&[(
        "draft-ietf-dispatch-widgets-00.md",
        &md("draft-doe-dispatch-widgets-00"),
    )]);
    let out = run(d.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    // Both findings, and the fix offered for the mismatch is the one that leads to a valid
    // name.
    assert_data_eq!(
        stdout(&out),
        str![[r#"
draft-ietf-dispatch-widgets-00.md: error[stream/not-adopted]: `draft-ietf-` names are only for drafts a working group has adopted, and nothing says `dispatch` adopted this one
  hint: until adoption use `draft-<surname>-dispatch-widgets`; once `dispatch` adopts it, post `draft-ietf-dispatch-widgets-00` and record it (`newdraft adopt`, or `--adopted-by dispatch`)
draft-ietf-dispatch-widgets-00.md:3: error[doc/name-mismatch]: the document calls itself `draft-doe-dispatch-widgets-00` but its file name `draft-ietf-dispatch-widgets-00.md` says `draft-ietf-dispatch-widgets-00`
  hint: rename the file `draft-doe-dispatch-widgets-00.md`
2 errors, 0 warnings in 1 file

"#]]
    );
}

#[test]
fn a_mismatch_hint_never_suggests_an_invalid_name() {
    let d = tree(&[(
        "draft-doe-dispatch-widgets-00.xml",
        &xml(
            "draft-Doe-dispatch-widgets-00",
            "draft-Doe-dispatch-widgets-00",
        ),
    )]);
    let (code, v, findings) = json(d.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        codes(&findings),
        ["name/uppercase", "doc/name-mismatch"],
        "{v}"
    );
    assert_eq!(
        v["findings"][1]["hint"],
        "declare `draft-doe-dispatch-widgets-00`"
    );
}

#[test]
fn a_draft_that_does_not_declare_its_name() {
    let d = tree(&[("draft-doe-dispatch-widgets-00.md", "# no front matter\n")]);
    // Walked, plain Markdown is not a draft source: listed with why, not judged.
    let (code, v, findings) = json(d.path(), &[]);
    assert_eq!((code, findings.len()), (0, 0), "{v}");
    assert!(
        v["skipped"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("no kramdown-rfc front matter"),
        "{v}"
    );
    // Named on the command line, it is judged as the draft its name says it is.
    let (code, v, findings) = json(d.path(), &["draft-doe-dispatch-widgets-00.md"]);
    assert_eq!(code, 1);
    assert_eq!(codes(&findings), ["doc/no-docname"]);
    assert_eq!(
        v["findings"][0]["hint"],
        "add `docname: draft-doe-dispatch-widgets-00` to the front matter"
    );
}

#[test]
fn other_markdown_is_checked_only_when_it_declares_a_name() {
    let d = tree(&[
        ("README.md", "# Widgets\n\nThe draft is in `main.md`.\n"),
        ("main.md", &md("draft-ietf-dispatch-widgets-latest")),
        ("notes.txt", "draft-ietf-foo-00 is mentioned here\n"),
    ]);
    let (code, v, findings) = json(d.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(findings, vec![finding("main.md", 3, "stream/not-adopted")]);
    assert_eq!(v["counts"]["files"], 1);
}

/// A file without an extension, named on the command line, is read as a text draft: the hint
/// names a `.txt` file, not `…-00.` with nothing after the dot.
#[test]
fn a_named_file_without_an_extension_gets_a_whole_file_name_in_its_hint() {
    let d = tree(&[("NOTES", "nothing to see\n")]);
    let (code, v, _) = json(d.path(), &["NOTES"]);
    assert_eq!(code, 1);
    let hint = v["findings"][0]["hint"].as_str().unwrap();
    assert!(hint.contains("-00.txt`"), "{hint}");
}

#[test]
fn build_outputs_with_two_dots_are_judged_by_their_declared_name() {
    let x0 = xml(&format!("{NAME}-00"), &format!("{NAME}-00"));
    let d = tree(&[
        ("draft-doe-dispatch-widgets-00.xml", &x0),
        (
            "draft-doe-dispatch-widgets-00.prepped.xml",
            &x0.replace("Text.", "Prepared text."),
        ),
        (
            "draft-doe-dispatch-widgets-00.v2v3.xml",
            &xml(
                "draft-ietf-dispatch-widgets-00",
                "draft-ietf-dispatch-widgets-00",
            ),
        ),
    ]);
    let (code, v, findings) = json(d.path(), &["--no-git"]);
    assert_eq!(code, 1);
    // No `revision/reused` for the prepped copy, no `file/too-many-dots`: only the name.
    assert_eq!(
        findings,
        vec![finding(
            "draft-doe-dispatch-widgets-00.v2v3.xml",
            5,
            "stream/not-adopted"
        )],
        "{v}"
    );
    assert_eq!(v["counts"]["files"], 3);
    // Named on the command line, it is judged as a file to upload.
    let (_, _, findings) = json(
        d.path(),
        &["--no-git", "draft-doe-dispatch-widgets-00.prepped.xml"],
    );
    assert!(
        codes(&findings).contains(&"file/too-many-dots"),
        "{findings:?}"
    );
}

/// ietf-wg-alto/draft-ietf-alto-path-vector keeps reviewers' copies and milestones as text:
/// `reviews/draft-…-0703-SR.txt` (first page: `draft-…-latest`), `milestones/draft-…-gk.txt`
/// (first page: `draft-…-00`). Renderings named by adding to the name: copies, not drafts.
#[test]
fn text_copies_named_by_adding_to_the_name_are_not_judged_as_drafts() {
    let d = tree(&[
        (
            "draft-doe-dispatch-widgets-00.txt",
            &txt(&format!("{NAME}-00")),
        ),
        (
            "reviews/draft-doe-dispatch-widgets-0703-SR.txt",
            &txt(&format!("{NAME}-latest")),
        ),
        (
            "milestones/draft-doe-dispatch-widgets-gk.txt",
            &txt(&format!("{NAME}-00")),
        ),
    ]);
    let (code, v, findings) = json(d.path(), &["--no-git"]);
    assert_eq!((code, findings), (0, vec![]), "{v}");
    assert_eq!(v["counts"]["files"], 3);
    // `-xx` is a revision to come, not an addition (kramdown-rfc's `draft-ietf-core-block-xx.txt`
    // of `-05` is a mismatch, as its `.xml` and `.mkd` are).
    let d = tree(&[(
        "draft-doe-dispatch-widgets-xx.txt",
        &txt(&format!("{NAME}-05")),
    )]);
    let (_, _, findings) = json(d.path(), &["--no-git"]);
    assert!(
        codes(&findings).contains(&"doc/name-mismatch"),
        "{findings:?}"
    );
    // A source is no rendering: `draft-x-notes.md` declaring `draft-x-latest` says another
    // name than its file's (i-d-template takes the name from the file).
    let d = tree(&[(
        "draft-doe-dispatch-widgets-notes.md",
        &md(&format!("{NAME}-latest")),
    )]);
    let (code, _, findings) = json(d.path(), &["--no-git"]);
    assert_eq!(code, 1);
    assert!(
        codes(&findings).contains(&"doc/name-mismatch"),
        "{findings:?}"
    );
    // Named on the command line, a copy is judged as the file it is.
    let d = tree(&[(
        "draft-doe-dispatch-widgets-0703-SR.txt",
        &txt(&format!("{NAME}-latest")),
    )]);
    let (code, _, findings) = json(
        d.path(),
        &["--no-git", "draft-doe-dispatch-widgets-0703-SR.txt"],
    );
    assert_eq!(code, 1);
    assert!(codes(&findings).contains(&"name/uppercase"), "{findings:?}");
}

#[test]
fn an_upper_case_draft_file_is_found_and_judged() {
    let d = tree(&[(
        "DRAFT-Doe-dispatch-widgets-00.XML",
        &xml(
            "draft-doe-dispatch-widgets-00",
            "draft-doe-dispatch-widgets-00",
        ),
    )]);
    let (code, v, triples) = json(d.path(), &[]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["counts"]["files"], 1);
    assert!(codes(&triples).contains(&"name/missing-prefix"), "{v}");
    let hints: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["hint"].as_str())
        .collect();
    assert!(
        hints.contains(&"rename the file `draft-doe-dispatch-widgets-00.xml`"),
        "{hints:?}"
    );
}

/// A revision written with a dot (`docName="draft-wkumari-dnsop-extended-error-0.1"` in
/// `draft-wkumari-dnsop-extended-error.xml`, as that draft's history has it): one finding, the
/// dot, whose hint is a name with a revision; not `…-error-0-01`, a name nobody meant, and not
/// a second finding that the file and the document disagree.
#[test]
fn a_revision_written_with_a_dot_is_one_finding() {
    let name = "draft-wkumari-dnsop-extended-error";
    let d = tree(&[(
        &format!("{name}.xml"),
        &xml(&format!("{name}-0.1"), &format!("{name}-0.1")),
    )]);
    let out = run(d.path(), &["--color", "never"]);
    assert_eq!(out.status.code(), Some(1));
    assert_data_eq!(
        stdout(&out),
        str![[r#"
draft-wkumari-dnsop-extended-error.xml:5: error[name/bad-char]: `draft-wkumari-dnsop-extended-error-0.1` has `.` (U+002E) at position 37; names use `a-z`, `0-9` and `-` only (is a file extension or a revision written with a dot?)
  hint: use `draft-wkumari-dnsop-extended-error-01`
1 error, 0 warnings in 1 file

"#]]
    );
}
