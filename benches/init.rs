//! What `newdraft init` costs in-process: composing the name and rendering the template (one
//! tera parse per run, as the binary does), without the file write.
//!
//! Run with `cargo bench --bench init`. The end-to-end comparison with `cp` is a hyperfine run
//! (see the init section of the README).

use std::path::PathBuf;

use newdraft::cmd::init::{Category, Format, Options, plan};

fn main() {
    divan::main();
}

fn options(format: Format) -> Options {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    Options {
        surname: "doe".into(),
        topic: "widget-discovery".into(),
        wg: "dispatch".into(),
        format,
        title: None,
        abbrev: None,
        fullname: Some("Jane Doe".into()),
        email: Some("jane@example.com".into()),
        org: None,
        category: Category::Info,
        date: Some(date),
        today: date,
        unversioned: false,
        dir: PathBuf::from("."),
        force: false,
        dry_run: true,
        templates: None,
        ci: None,
    }
}

/// The RFCXML skeleton: parse + render of `draft.xml.tera`.
#[divan::bench]
fn plan_xml() -> usize {
    let opts = options(Format::Xml);
    plan(divan::black_box(&opts), &|_| None).map_or(0, |p| p.file.contents.len())
}

/// The kramdown-rfc skeleton: parse + render of `draft.md.tera`.
#[divan::bench]
fn plan_md() -> usize {
    let opts = options(Format::Md);
    plan(divan::black_box(&opts), &|_| None).map_or(0, |p| p.file.contents.len())
}
