//! How many names `newdraft check` can judge per second (issue 3: "names checked per second").
//!
//! Run with `cargo bench --bench names`. The inputs are the real posted names the tests use
//! (2,579), so both the fast path (clean individual names) and the error paths (stream names
//! that nothing adopted) are measured:
//! - `is_clean_*`: the allocation-free question `check` asks first of every name;
//! - `check_name_*`: the full verdict (the fast path inside it, then issues when unclean);
//! - `names_from_100k`: the whole `check --names-from` command through the library entry
//!   point on 100,000 names (reading, splitting, judging, rendering the `ok` lines).

use std::io::Write as _;
use std::sync::LazyLock;

use clap::Parser as _;
use newdraft::cli::{Cli, Request};
use newdraft::name::{Context, Form, check_name, is_clean};

fn main() {
    divan::main();
}

fn real_names() -> Vec<String> {
    include_str!("../tests/data/real-draft-names.txt")
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The real names that are clean as individual drafts (no stream prefix, no finding).
fn valid_names() -> Vec<String> {
    real_names()
        .into_iter()
        .filter(|n| !n.starts_with("draft-ietf-") && !n.starts_with("draft-irtf-"))
        .collect()
}

/// How many of `names` `check_name` finds nothing in, counted per name.
fn count_clean_verdicts(bencher: divan::Bencher, names: &[String]) {
    let ctx = Context::default();
    bencher
        .counter(divan::counter::ItemsCount::new(names.len()))
        .bench(|| {
            names
                .iter()
                .filter(|n| {
                    check_name(divan::black_box(n), Form::Auto, &ctx)
                        .issues
                        .is_empty()
                })
                .count()
        });
}

/// Every real posted name, judged as an individual draft (stream names get a finding).
#[divan::bench]
fn check_name_real_names(bencher: divan::Bencher) {
    count_clean_verdicts(bencher, &real_names());
}

/// Valid individual names only, through the full verdict.
#[divan::bench]
fn check_name_valid_names(bencher: divan::Bencher) {
    count_clean_verdicts(bencher, &valid_names());
}

/// Valid individual names, through the fast path alone: what a clean CI run pays per name.
#[divan::bench]
fn is_clean_valid_names(bencher: divan::Bencher) {
    let names = valid_names();
    let ctx = Context::default();
    bencher
        .counter(divan::counter::ItemsCount::new(names.len()))
        .bench(|| {
            names
                .iter()
                .filter(|n| is_clean(divan::black_box(n), Form::Auto, &ctx))
                .count()
        });
}

/// Every real name as a submission file name (`name.xml`) with its adopting group, the way
/// `check` asks about the files of a tree: the fast path with adoption and groups.
#[divan::bench]
fn is_clean_real_file_names_adopted(bencher: divan::Bencher) {
    let inputs: Vec<(String, Vec<String>)> = real_names()
        .into_iter()
        .map(|n| {
            let group = n
                .strip_prefix("draft-ietf-")
                .or_else(|| n.strip_prefix("draft-irtf-"))
                .and_then(|rest| rest.split('-').next())
                .map(str::to_owned);
            (format!("{n}.xml"), group.into_iter().collect())
        })
        .collect();
    bencher
        .counter(divan::counter::ItemsCount::new(inputs.len()))
        .bench(|| {
            inputs
                .iter()
                .filter(|(n, adopted)| {
                    let ctx = Context {
                        adopted_by: adopted,
                    };
                    is_clean(divan::black_box(n), Form::Auto, &ctx)
                })
                .count()
        });
}

/// 100,000 clean versioned names in a file, made once.
static NAMES_FILE: LazyLock<tempfile::NamedTempFile> = LazyLock::new(|| {
    let names = valid_names();
    let mut file = tempfile::NamedTempFile::new().expect("temporary file");
    let mut out = std::io::BufWriter::new(file.as_file_mut());
    for i in 0..100_000 {
        let n = &names[i % names.len()];
        let base = n.strip_suffix(|c: char| c.is_ascii_digit()).unwrap_or(n);
        let base = base
            .strip_suffix(|c: char| c.is_ascii_digit())
            .unwrap_or(base);
        writeln!(out, "{base}{:02}", (i / names.len()) % 100).expect("write");
    }
    out.flush().expect("flush");
    drop(out);
    file
});

/// The whole `check --names-from` command on 100,000 names, output rendered in memory.
#[divan::bench(sample_count = 30)]
fn names_from_100k(bencher: divan::Bencher) {
    let path = NAMES_FILE.path().to_str().expect("UTF-8 path").to_owned();
    let cli = Cli::try_parse_from(["newdraft", "check", "--no-git", "--names-from", &path])
        .expect("arguments");
    let Ok(Request::Check(args)) = newdraft::cli::request(cli, chrono::Local::now().fixed_offset())
    else {
        unreachable!("a check command line")
    };
    bencher
        .counter(divan::counter::ItemsCount::new(100_000usize))
        .bench(|| newdraft::cmd::check::run(&args, &mut std::io::sink()).expect("check runs"));
}
