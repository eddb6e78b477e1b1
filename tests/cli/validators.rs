//! Generated drafts judged by the real IETF tools, offline: xml2rfc (text and HTML),
//! kramdown-rfc then xml2rfc for Markdown, and idnits3. Zero errors and zero warnings, no
//! network, and an empty reference cache (the skeletons carry their own references).
//!
//! The tools are found, or skipped with a note, as `support::tools` says. Drafts carry today's
//! date: xml2rfc warns when the document date is more than three days away.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use crate::support::tools::{self, IDNITS, KRAMDOWN_RFC, XML2RFC};
use crate::support::{self, BIN, both as text};

/// One draft to generate: a label (also its directory) and the `init` arguments.
struct Case {
    label: String,
    args: Vec<&'static str>,
    /// Pass `--date <today>` (else init's default: today in XML, an empty `date:` in Markdown).
    dated: bool,
}

impl Case {
    /// A dated case: `base` then `extra`.
    fn dated(label: impl Into<String>, base: &[&'static str], extra: &[&'static str]) -> Self {
        Case {
            label: label.into(),
            args: [base, extra].concat(),
            dated: true,
        }
    }
}

/// An author with an address.
const AUTHOR: [&str; 4] = ["--fullname", "Jane Doe", "--email", "jane@example.com"];

fn cases() -> Vec<Case> {
    let mut cases = dispatch_cases();
    for format in ["xml", "md"] {
        cases.extend(cases_in(format));
    }
    cases.extend(undated_cases());
    cases
}

/// An individual draft for DISPATCH in each format, versioned and not.
fn dispatch_cases() -> Vec<Case> {
    let widget = ["doe", "Widget Discovery"];
    vec![
        Case::dated("dispatch-xml", &widget, &AUTHOR),
        Case::dated(
            "dispatch-md",
            &widget,
            &[&AUTHOR[..], &["--format", "md"]].concat(),
        ),
        Case::dated(
            "dispatch-xml-unversioned",
            &widget,
            &[&AUTHOR[..], &["--unversioned"]].concat(),
        ),
        Case::dated(
            "dispatch-md-unversioned",
            &widget,
            &[&AUTHOR[..], &["--format", "md", "--unversioned"]].concat(),
        ),
    ]
}

/// In `format` (`xml` or `md`): other groups and categories, and authors whose names and
/// titles are hard to write (escaped characters, a placeholder, long and non-Latin ones).
fn cases_in(format: &'static str) -> Vec<Case> {
    let f = ["--format", format];
    let label = |s: &str| format!("{s}-{format}");
    vec![
        Case::dated(
            label("sipcore-std"),
            &[
                "smith",
                "sip over quic",
                "--wg",
                "sipcore",
                "--category",
                "std",
            ],
            &[&AUTHOR[..], &f].concat(),
        ),
        Case::dated(
            label("secdispatch-bcp"),
            &[
                "doe",
                "key rotation",
                "--wg",
                "secdispatch",
                "--category",
                "bcp",
            ],
            &[&AUTHOR[..], &f].concat(),
        ),
        Case::dated(
            label("cfrg"),
            &[
                "doe",
                "signature aggregation",
                "--wg",
                "cfrg",
                "--category",
                "exp",
            ],
            &[&AUTHOR[..], &f].concat(),
        ),
        Case::dated(
            label("hostile"),
            &["Müller", "widgets"],
            &[&support::HOSTILE_AUTHOR[..], &f].concat(),
        ),
        Case::dated(label("placeholder-author"), &["doe", "widgets"], &f),
        Case::dated(
            label("long-title"),
            &[
                "odegard",
                "widgets",
                "--title",
                "Über-Widget Discovery in Constrained and “Very Lossy” Networks",
                "--fullname",
                "Zoë Ødegård",
                "--email",
                "zoe@example.com",
            ],
            &f,
        ),
        Case::dated(
            label("non-latin-author"),
            &[
                "papadopoulos",
                "widgets",
                "--fullname",
                "Σωκράτης Παπαδόπουλος",
                "--email",
                "s@example.com",
                "--org",
                "Πανεπιστήμιο",
            ],
            &f,
        ),
        Case::dated(
            label("dmarc"),
            &["doe", "report formats", "--wg", "dmarc"],
            &[&AUTHOR[..], &f].concat(),
        ),
    ]
}

/// Without `--date`: init's default date in each format.
fn undated_cases() -> Vec<Case> {
    vec![
        Case {
            label: "undated-md-unversioned".into(),
            args: vec![
                "doe",
                "widgets",
                "--format",
                "md",
                "--unversioned",
                "--fullname",
                "Jane Doe",
                "--email",
                "jane@example.com",
            ],
            dated: false,
        },
        Case {
            label: "undated-xml".into(),
            args: vec![
                "doe",
                "widgets",
                "--fullname",
                "Jane Doe",
                "--email",
                "jane@example.com",
            ],
            dated: false,
        },
    ]
}

struct Tools {
    xml2rfc: PathBuf,
    kramdown: PathBuf,
    idnits: PathBuf,
}

/// xml2rfc, text and HTML, offline, with an empty cache: exit 0 and nothing but "Created file".
fn xml2rfc(tools: &Tools, xml: &Path, work: &Path) -> Result<(), String> {
    let cache = work.join("empty-cache");
    let out_dir = work.join("rendered");
    fs::create_dir_all(&cache).unwrap();
    fs::create_dir_all(&out_dir).unwrap();
    let out = Command::new(&tools.xml2rfc)
        .args(["--v3", "--no-network", "--skip-config-files", "--cache"])
        .arg(&cache)
        .args(["--text", "--html", "--path"])
        .arg(&out_dir)
        .arg(xml)
        .output()
        .map_err(|e| format!("xml2rfc did not run: {e}"))?;
    let all = text(&out);
    let noise: Vec<&str> = all
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with("Created file"))
        .collect();
    if !out.status.success() || !noise.is_empty() {
        return Err(format!(
            "xml2rfc {} exited {:?}:\n{all}",
            xml.display(),
            out.status.code()
        ));
    }
    if fs::read_dir(&cache).unwrap().next().is_some() {
        return Err("xml2rfc wrote into the reference cache".into());
    }
    let stem = xml.file_stem().unwrap().to_string_lossy();
    for ext in ["txt", "html"] {
        if !out_dir.join(format!("{stem}.{ext}")).is_file() {
            return Err(format!("xml2rfc made no {stem}.{ext}"));
        }
    }
    Ok(())
}

/// idnits3 offline: it always exits 0, so read its report for errors.
fn idnits(tools: &Tools, xml: &Path) -> Result<(), String> {
    let out = Command::new(&tools.idnits)
        .args(["--offline", "--no-color", "--no-progress", "-o", "simple"])
        .arg(xml)
        .output()
        .map_err(|e| format!("idnits did not run: {e}"))?;
    let all = text(&out);
    if !out.status.success() || all.lines().any(|l| l.contains("| Error |")) {
        return Err(format!("idnits {} found errors:\n{all}", xml.display()));
    }
    if !all.contains(&*xml.file_name().unwrap().to_string_lossy()) {
        return Err(format!(
            "idnits did not report on {}:\n{all}",
            xml.display()
        ));
    }
    Ok(())
}

/// kramdown-rfc offline with an empty reference cache: exit 0, silent, no broken reference.
fn kramdown(tools: &Tools, md: &Path, xml: &Path, work: &Path) -> Result<(), String> {
    let cache = work.join("empty-refcache");
    fs::create_dir_all(&cache).unwrap();
    let out = Command::new(&tools.kramdown)
        .env("KRAMDOWN_OFFLINE", "1")
        .env("KRAMDOWN_REFCACHEDIR", &cache)
        .current_dir(work)
        .arg(md)
        .output()
        .map_err(|e| format!("kramdown-rfc did not run: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() || !stderr.trim().is_empty() || stdout.contains("BROKEN REFERENCE") {
        return Err(format!(
            "kramdown-rfc {} exited {:?}:\n{stderr}",
            md.display(),
            out.status.code()
        ));
    }
    fs::write(xml, stdout.as_bytes()).unwrap();
    Ok(())
}

/// Generate one case and put it through every tool that applies.
fn judge(tools: &Tools, case: &Case, root: &Path, today: &str) -> Result<(), String> {
    let dir = root.join(&case.label);
    let mut init = support::sandboxed(BIN, root);
    init.arg("init").args(&case.args).arg("--dir").arg(&dir);
    if case.dated {
        init.args(["--date", today]);
    }
    let out = init.output().unwrap();
    if !out.status.success() {
        return Err(format!("newdraft init failed:\n{}", text(&out)));
    }
    let said = String::from_utf8_lossy(&out.stderr);
    // The one warning the placeholder-author cases expect: that the author is a placeholder.
    if said
        .lines()
        .any(|l| l.starts_with("warning:") && !l.starts_with("warning: no `--fullname`"))
    {
        return Err(format!("newdraft init warned:\n{said}"));
    }
    let written = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let source = fs::read_to_string(&written).unwrap();
    let file_name = written.file_name().unwrap().to_string_lossy().into_owned();
    let (stem, ext) = file_name.rsplit_once('.').unwrap();
    let work = dir.join("work");
    fs::create_dir_all(&work).unwrap();

    // An unversioned draft (`…-latest`) is submitted as `…-00`, as i-d-template does.
    let (docname, source_path) = if source.contains(&format!("{stem}-latest")) {
        let docname = format!("{stem}-00");
        let copy = work.join(format!("{docname}.{ext}"));
        fs::write(&copy, source.replace(&format!("{stem}-latest"), &docname)).unwrap();
        (docname, copy)
    } else {
        (stem.to_owned(), written.clone())
    };

    let xml = if ext == "md" {
        let xml = work.join(format!("{docname}.xml"));
        kramdown(tools, &source_path, &xml, &work)?;
        xml
    } else {
        source_path
    };
    let rendered = fs::read_to_string(&xml).unwrap();
    if !rendered.contains(&format!("docName=\"{docname}\"")) {
        return Err(format!("docName is not `{docname}` in {}", xml.display()));
    }
    xml2rfc(tools, &xml, &work)?;
    idnits(tools, &xml)?;
    Ok(())
}

#[test]
fn generated_drafts_pass_xml2rfc_kramdown_rfc_and_idnits_offline() {
    let Some([xml2rfc, kramdown, idnits]) = tools::all([XML2RFC, KRAMDOWN_RFC, IDNITS]) else {
        return;
    };
    let tools = Tools {
        xml2rfc,
        kramdown,
        idnits,
    };
    let today = support::today().to_string();
    let tmp = tempfile::tempdir().unwrap();
    let cases = cases();
    let next = Mutex::new(cases.iter());
    let failures = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let Some(case) = next.lock().unwrap().next() else {
                        break;
                    };
                    if let Err(e) = judge(&tools, case, tmp.path(), &today) {
                        failures
                            .lock()
                            .unwrap()
                            .push(format!("[{}] {:?}\n{e}", case.label, case.args));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} drafts failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
