//! Hostile inputs at one size and at ten times that size (issue 9: "inputs ten times larger take
//! at most about ten times as long"). Each bench takes the size as its argument, so divan prints
//! the 1x and the 10x rows next to each other; the ratio of their medians is the growth.
//!
//! Run with `cargo bench --bench hostile`. The inputs:
//! - `hint_many_hyphens`: a name of N one-letter components, which is too long, so its hint
//!   shortens it (once quadratic in the number of hyphens);
//! - `names_from_long_line`: `check --names-from` on one line of N bytes;
//! - `records`: a `newdraft.toml` of N records, parsed and checked for contradictions (once
//!   quadratic in the number of records).

use std::fmt::Write as _;
use std::io::Write as _;

use clap::Parser as _;
use newdraft::cli::{Cli, Request};
use newdraft::name::{Context, Form, check_name};
use newdraft::records::Records;

fn main() {
    divan::main();
}

/// `draft-a-a-…-a` with `n` components after `draft`.
fn hyphens(n: usize) -> String {
    let mut s = String::with_capacity(6 + 2 * n);
    s.push_str("draft");
    for _ in 0..n {
        s.push_str("-a");
    }
    s
}

#[divan::bench(args = [10_000, 100_000])]
fn hint_many_hyphens(bencher: divan::Bencher, n: usize) {
    let name = hyphens(n);
    bencher.bench(|| check_name(divan::black_box(&name), Form::Name, &Context::default()));
}

#[divan::bench(args = [20_000, 200_000], sample_count = 20)]
fn names_from_long_line(bencher: divan::Bencher, n: usize) {
    let mut file = tempfile::NamedTempFile::new().expect("temporary file");
    writeln!(file, "{}", hyphens(n / 2)).expect("write");
    let path = file.path().to_str().expect("UTF-8 path").to_owned();
    let cli = Cli::try_parse_from(["newdraft", "check", "--no-git", "--names-from", &path])
        .expect("arguments");
    let Ok(Request::Check(args)) = newdraft::cli::request(cli, chrono::Local::now().fixed_offset())
    else {
        unreachable!("a check command line")
    };
    bencher.bench(|| newdraft::cmd::check::run(&args, &mut std::io::sink()).expect("check runs"));
}

#[divan::bench(args = [4_000, 40_000], sample_count = 10)]
fn records(bencher: divan::Bencher, n: usize) {
    let mut text = String::new();
    for i in 0..n {
        let _ = write!(
            text,
            "[[adopted]]\nname = \"draft-ietf-quic-topic{i}\"\ngroup = \"quic\"\nreplaces = \"draft-doe-quic-topic{i}\"\n"
        );
    }
    bencher.bench(|| Records::parse(divan::black_box(&text)).expect("valid records"));
}
