//! `adopt`: where the record goes, the subject, refusals, research groups, and the render
//! check the walks rely on.

use super::*;

/// Drafts in a subdirectory of a git repository, and CI running `newdraft check` at the
/// repository's root (the workflow `init --ci github` writes does): the adoption record must be
/// where that check reads it, not only beside the draft.
#[test]
fn adopt_in_a_subdirectory_of_a_repository_records_where_ci_checks() {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    let drafts = dir.path().join("drafts");
    std::fs::create_dir(&drafts).unwrap();
    std::fs::write(drafts.join(format!("{NAME}-00.xml")), XML_00).unwrap();
    // Named as the user would type it from here: not `drafts/../newdraft.toml`.
    let out = newdraft(dir.path())
        .args(["adopt", &format!("drafts/{NAME}-00.xml"), "--wg", "sipcore"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let notes = String::from_utf8_lossy(&out.stderr);
    assert!(
        notes.contains("note: recorded in `newdraft.toml`:"),
        "{notes}"
    );
    assert_check_passes(dir.path());
    assert_check_passes(&drafts);
}

/// A name may end in a number (`draft-ietf-quic-x-01`, then revision `-00`): the record in
/// newdraft.toml, where a trailing `-NN` reads as a revision, must still name it.
#[test]
fn adopt_records_a_subject_that_ends_in_a_number() {
    let (dir, _) = start("xml");
    let out = ok(
        dir.path(),
        &[
            "adopt",
            &format!("{NAME}-00.xml"),
            "--wg",
            "sipcore",
            "--subject",
            "widgets 2",
        ],
    );
    assert_eq!(out, "draft-ietf-sipcore-widgets-2-00.xml\n");
    let out = ok(
        dir.path(),
        &[
            "adopt",
            &format!("{NAME}-00.xml"),
            "--wg",
            "sipcore",
            "--subject",
            "widgets 02",
            "--dry-run",
            // A second adoption of one draft: refused without it (issue 10).
            "--force",
        ],
    );
    assert_eq!(out, "draft-ietf-sipcore-widgets-02-00.xml\n");
    std::fs::remove_file(dir.path().join("draft-ietf-sipcore-widgets-2-00.xml")).unwrap();
    std::fs::remove_file(dir.path().join("newdraft.toml")).unwrap();
    ok(
        dir.path(),
        &[
            "adopt",
            &format!("{NAME}-00.xml"),
            "--wg",
            "sipcore",
            "--subject",
            "widgets 02",
        ],
    );
    assert_check_passes(dir.path());
}

#[test]
fn adopt_refuses_a_draft_that_is_already_adopted() {
    let (dir, _) = start("xml");
    ok(
        dir.path(),
        &["adopt", &format!("{NAME}-00.xml"), "--wg", "sipcore"],
    );
    let err = refused(
        dir.path(),
        &["adopt", &format!("{ADOPTED}-00.xml"), "--wg", "sipcore"],
    );
    assert!(err.contains("rule R10"), "{err}");
    // Adopting the same individual draft again finds the new file in place.
    let err = refused(
        dir.path(),
        &["adopt", &format!("{NAME}-00.xml"), "--wg", "sipcore"],
    );
    assert!(err.contains("already exists"), "{err}");
}

/// `adopt --wg cfrg` without `--irtf` (draft-irtf-cfrg-aead-limits, adopted from
/// draft-wood-cfrg-aead-limits): the refusal names the name to post, the `draft-irtf-` one,
/// not the `draft-ietf-` name it refuses.
#[test]
fn adopt_into_a_research_group_without_irtf_names_the_irtf_name() {
    let (dir, _) = start("xml");
    let file = format!("{NAME}-00.xml");
    let err = refused(dir.path(), &["adopt", &file, "--wg", "cfrg", "--dry-run"]);
    assert!(
        err.contains("cannot adopt as `draft-ietf-cfrg-widget-discovery-00`")
            && err.contains("use `draft-irtf-cfrg-widget-discovery-00`; add `--irtf`"),
        "{err}"
    );
    assert!(
        !err.contains("use `draft-ietf-"),
        "a hint to use the refused name: {err}"
    );
}

#[test]
fn adopt_refuses_a_bad_group() {
    let (dir, _) = start("xml");
    let file = format!("{NAME}-00.xml");
    let err = refused(dir.path(), &["adopt", &file, "--wg", "cfrg"]);
    assert!(err.contains("rule R10") && err.contains("--irtf"), "{err}");
    let err = refused(dir.path(), &["adopt", &file, "--wg", "sipcore", "--irtf"]);
    assert!(
        err.contains("rule R10") && err.contains("drop `--irtf`"),
        "{err}"
    );
    let err = refused(dir.path(), &["adopt", &file, "--wg", "sip core!"]);
    assert!(err.contains("not a group acronym"), "{err}");
    // See issue 9: streams, bodies, areas and one letter are not working groups; they used to
    // write `draft-ietf-iesg-…`. (`--wg iab` is the IAB stream, `draft-iab-…`: see
    // `adopt_into_the_iab_stream_and_one_newdraft_toml_for_check_and_adopt`.)
    for wg in ["iesg", "ietf", "irtf", "IANA", "rfc-editor"] {
        let err = refused(dir.path(), &["adopt", &file, "--wg", wg]);
        assert!(err.contains("is a stream or body, not a group"), "{err}");
    }
    for wg in ["art", "sec"] {
        let err = refused(dir.path(), &["adopt", &file, "--wg", wg]);
        assert!(err.contains("is not a working or research group"), "{err}");
    }
    for wg in ["a", "x\n::error::INJECTED", "q".repeat(21).as_str()] {
        let err = refused(dir.path(), &["adopt", &file, "--wg", wg]);
        assert!(err.contains("is not a group acronym"), "{err}");
    }
    let err = refused(
        dir.path(),
        &[
            "adopt",
            &file,
            "--wg",
            "sipcore",
            "--subject",
            "a very long subject that will not fit in fifty characters",
        ],
    );
    assert!(
        err.contains("rule R5") && err.contains("--subject"),
        "{err}"
    );
}

#[test]
fn adopt_warns_about_a_group_missing_from_the_snapshot_and_keeps_records() {
    let (dir, _) = start("md");
    let d = dir.path();
    std::fs::write(
        d.join("newdraft.toml"),
        "# kept\n[[adopted]]\nname = \"draft-ietf-quic-x\"\ngroup = \"quic\"\nreplaces = \"draft-doe-quic-x\"\n",
    )
    .unwrap();
    let args = [
        "adopt",
        &format!("{NAME}-00.md"),
        "--wg",
        "sipcorx",
        "--subject",
        "Widget Finder",
    ];
    // Refused without `--force` (issue 12): the Datatracker posts only for groups that exist.
    let refusal = refused(d, &args);
    assert!(
        refusal.contains("did you mean `--wg sipcore`") && refusal.contains("--force"),
        "{refusal}"
    );
    let out = newdraft(d).args(args).arg("--force").output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "draft-ietf-sipcorx-widget-finder-00.md\n"
    );
    let notes = String::from_utf8(out.stderr).unwrap();
    assert!(
        notes.contains("warning:") && notes.contains("did you mean `sipcore`"),
        "{notes}"
    );
    let record = read(&d.join("newdraft.toml"));
    assert!(record.starts_with("# kept\n[[adopted]]\nname = \"draft-ietf-quic-x\""));
    let table: toml::Table = record.parse().unwrap();
    assert_eq!(table["adopted"].as_array().unwrap().len(), 2);
}

#[test]
fn adopt_for_a_research_group_uses_the_irtf_stream() {
    let (dir, _) = start("xml");
    let out = ok(
        dir.path(),
        &["adopt", &format!("{NAME}-00.xml"), "--wg", "cfrg", "--irtf"],
    );
    assert_eq!(out, "draft-irtf-cfrg-widget-discovery-00.xml\n");
    let path = dir.path().join("draft-irtf-cfrg-widget-discovery-00.xml");
    let text = read(&path);
    assert!(text.contains("submissionType=\"IRTF\""));
    assert!(text.contains("cfrg@irtf.org"));
    assert_renders_cleanly(&path);
}

/// The IRTF stream publishes no Standards Track or BCP documents: xml2rfc refuses
/// `submissionType="IRTF"` with `category="std"`, so `adopt --irtf` must not write one.
#[test]
fn adopt_for_a_research_group_refuses_a_standards_track_draft() {
    for (ext, category) in [("xml", "std"), ("md", "bcp")] {
        let (dir, _) = init_with(ext, &["--category", category]);
        let file = format!("{NAME}-00.{ext}");
        let err = refused(dir.path(), &["adopt", &file, "--wg", "cfrg", "--irtf"]);
        assert!(
            err.contains(&format!("`{category}`")) && err.contains("info"),
            "{err}"
        );
    }
}

/// The render check itself can fail: a stale date is a warning from xml2rfc.
#[test]
fn the_render_check_catches_an_xml2rfc_warning() {
    if tools::tool(XML2RFC).is_none() {
        return;
    }
    let (dir, file) = start("xml");
    std::fs::write(
        &file,
        XML_00.replace("<date/>", r#"<date year="2020" month="January" day="1"/>"#),
    )
    .unwrap();
    let failed = std::panic::catch_unwind(|| assert_renders_cleanly(&file))
        .expect_err("the render check passed a draft dated 2020");
    let message = failed.downcast_ref::<String>().map_or("", String::as_str);
    assert!(message.contains("xml2rfc on"), "{message}");
    drop(dir);
}

/// ietf-wg-ntp/draft-ietf-ntp-ntpv5: the tags hold `draft-ietf-ntp-ntpv5-00` to `-07` beside the
/// individual draft's. Adopting the individual draft again would write a -00 the Datatracker
/// refuses (it takes only the next revision): refused, unless `--force`.
#[test]
fn adopt_refuses_a_name_the_tags_show_posted() {
    let (dir, _) = start("xml");
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "start"]);
    for rev in ["00", "01"] {
        git(d, &["tag", &format!("{ADOPTED}-{rev}")]);
    }
    let file = format!("{NAME}-00.xml");
    let err = refused(d, &["adopt", &file, "--wg", "sipcore"]);
    assert!(
        err.contains(&format!(
            "`{ADOPTED}` is posted already: the git tags hold `{ADOPTED}-00` to `{ADOPTED}-01`"
        )),
        "{err}"
    );
    let out = ok(d, &["adopt", &file, "--wg", "sipcore", "--force"]);
    assert_eq!(out, format!("{ADOPTED}-00.xml\n"));
}
