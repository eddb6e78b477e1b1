//! The names init makes from what was typed, what it says it changed, the group it checks, and
//! that check accepts every name and draft it makes.

use crate::support::api::{self, Context, Form, check_name};

use super::*;

#[test]
fn makes_names_from_what_was_typed_and_says_what_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let cases: &[(&[&str], &str, &[&str])] = &[
        (
            &["Müller", "SIP over QUIC"],
            "draft-muller-dispatch-sip-over-quic-00.xml",
            &["surname `Müller` became `muller`", "topic `SIP over QUIC`"],
        ),
        (
            &["o'brien", "foo_bar.baz  qux", "--wg", "SIPCORE"],
            "draft-obrien-sipcore-foo-bar-baz-qux-00.xml",
            &["surname `o'brien`", "--wg `SIPCORE` became `sipcore`"],
        ),
        (
            &["doe", "__widgets!!", "--format", "md"],
            "draft-doe-dispatch-widgets-00.md",
            &["topic `__widgets!!` became `widgets`"],
        ),
        (
            &["doe", "widgets", "--format", "md", "--unversioned"],
            "draft-doe-dispatch-widgets.md",
            &[],
        ),
        (
            &["doe", "gadgets", "--unversioned"],
            "draft-doe-dispatch-gadgets.xml",
            &[],
        ),
    ];
    for (args, file, notes) in cases {
        let out = init(tmp.path(), args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), format!("{file}\n"), "{args:?}");
        let err = stderr(&out);
        for note in *notes {
            assert!(err.contains(note), "{args:?}: {err}");
        }
        assert!(
            err.lines().all(|l| l.starts_with("note: ")),
            "{args:?}: {err}"
        );
        assert!(tmp.path().join(file).is_file(), "{file}");
        // Every name init makes passes the rules `check` applies.
        let docname = file.rsplit_once('.').unwrap().0;
        let verdict = check_name(docname, Form::Name, &Context::default());
        assert!(!verdict.has_errors(), "{docname}: {:?}", verdict.issues);
    }
    let md = fs::read_to_string(tmp.path().join("draft-doe-dispatch-widgets.md")).unwrap();
    assert!(
        md.contains("\ndocname: draft-doe-dispatch-widgets-latest\n"),
        "{md}"
    );
    let xml = fs::read_to_string(tmp.path().join("draft-doe-dispatch-gadgets.xml")).unwrap();
    assert!(xml.contains(r#"docName="draft-doe-dispatch-gadgets-latest""#));
}

#[test]
fn a_too_long_name_says_by_how_much_and_suggests_a_topic() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(
        tmp.path(),
        &[
            "doe",
            "a very long topic that goes on and on about widget discovery",
        ],
    )
    .output()
    .unwrap();
    let err = stderr(&out);
    assert!(err.contains("characters"), "{err}");
    assert!(err.contains("use a topic of at most"), "{err}");
}

// A typo in `--wg` would go into the name, the venue and the mailing list: refused, with the
// group meant, unless `--force` (issue 10, point 9).
#[test]
fn an_unknown_group_is_refused_with_did_you_mean_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(tmp.path(), &["doe", "widgets", "--wg", "dispach"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: `--wg dispach`: `dispach` is not a group in newdraft's list")
            && err.contains("did you mean `dispatch` (DISPATCH)?")
            && err.contains("pass `--force`"),
        "{err}"
    );
    assert!(
        fs::read_dir(tmp.path()).unwrap().next().is_none(),
        "nothing written"
    );

    // A body that is no working or research group is refused the same way.
    let out = init(tmp.path(), &["doe", "widgets", "--wg", "art"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("is not a working or research group"));
    // An area's new work goes to its dispatch group: `secdispatch` for `sec`, not the
    // nearest acronym (`sfc`, whose name the list does not have: "did you mean `sfc` ()?").
    for (area, dispatch) in [("art", "dispatch"), ("sec", "secdispatch")] {
        let out = init(tmp.path(), &["doe", "widgets", "--wg", area])
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!("a dispatch group: `--wg {dispatch}`")),
            "{err}"
        );
        assert!(
            !err.contains("did you mean") && !err.contains("()"),
            "{err}"
        );
    }
    let out = init(tmp.path(), &["doe", "widgets", "--wg", "sfcx"])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("did you mean `sfc`? "),
        "{}",
        stderr(&out)
    );

    let out = init(
        tmp.path(),
        &["doe", "widgets", "--wg", "dispach", "--force"],
    )
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.lines().any(
            |l| l.starts_with("warning: `dispach` is not in newdraft's group list")
                && l.contains("did you mean `--wg dispatch`")
        ),
        "{err}"
    );
    let xml = fs::read_to_string(tmp.path().join("draft-doe-dispach-widgets-00.xml")).unwrap();
    assert!(xml.contains("<workgroup>DISPACH Working Group</workgroup>"));
    assert!(xml.contains("mailto:dispach@ietf.org"));
    assert!(!xml.contains("<area>"), "no area for an unknown group");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Whatever is typed, `init` either refuses it or makes a name `check` accepts, and plans
    /// a draft without panicking.
    #[test]
    fn init_refuses_or_makes_names_check_accepts(
        surname in proptest::prop_oneof!["[A-Za-zÀ-ÿ' .-]{1,15}", "\\PC{0,24}"],
        topic in proptest::prop_oneof!["[A-Za-zÀ-ÿ0-9 _.:-]{1,25}", "\\PC{0,60}"],
        wg in proptest::prop_oneof![
            proptest::strategy::Just("dispatch".to_owned()),
            "[a-z][a-z0-9]{1,8}",
            "[a-zA-Z0-9 -]{0,12}",
        ],
        title in proptest::option::of("\\PC{0,80}"),
        format in proptest::bool::ANY,
    ) {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let opts = api::InitOptions {
            surname: surname.clone(),
            topic: topic.clone(),
            wg: wg.clone(),
            format: if format { api::Format::Xml } else { api::Format::Md },
            title: title.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty() && !t.chars().any(char::is_control)),
            abbrev: None,
            fullname: Some("Jane Doe".into()),
            email: Some("jane@example.com".into()),
            org: None,
            category: api::Category::Info,
            date: Some(date),
            today: date,
            unversioned: false,
            dir: ".".into(),
            // Past the refusal of a group newdraft does not know, to judge the names made
            // with any acronym.
            force: true,
            dry_run: true,
            templates: None,
            ci: None,
        };
        if let Ok(plan) = api::init_plan(&opts, &|_| None) {
            let file = plan.file.path.to_string_lossy().into_owned();
            let docname = file.rsplit_once('.').unwrap().0;
            let verdict = check_name(docname, Form::Versioned, &Context::default());
            proptest::prop_assert!(!verdict.has_errors(), "{docname}: {:?}", verdict.issues);
            let declared = if format {
                format!("docName=\"{docname}\"")
            } else {
                format!("\ndocname: {docname}\n")
            };
            proptest::prop_assert!(plan.file.contents.contains(&declared));
        }
    }
}

#[test]
fn check_accepts_what_init_writes() {
    let tmp = tempfile::tempdir().unwrap();
    for extra in [
        &["--format", "xml"][..],
        &["--format", "md"],
        &["--format", "md", "--unversioned"],
        &["--format", "xml", "--wg", "cfrg"],
    ] {
        let mut args = vec!["Müller", "Widget Discovery"];
        args.extend_from_slice(extra);
        let out = init(tmp.path(), &args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    assert_eq!(entries(tmp.path()).len(), 4);
    let out = newdraft(tmp.path()).args(["check", "."]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
}
