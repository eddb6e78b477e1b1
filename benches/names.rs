//! How many names `newdraft check` can judge per second (issue 3: "names checked per second").
//!
//! Run with `cargo bench --bench names`. The inputs are the real posted names the tests use,
//! plus the names.tsv vectors (valid and invalid), so both the fast path and the error paths
//! are measured.

use newdraft::name::{Context, Form, check_name};

fn main() {
    divan::main();
}

fn real_names() -> Vec<String> {
    include_str!("../tests/data/real-draft-names.txt")
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Every real posted name, judged as an individual draft (stream names get a finding).
#[divan::bench]
fn real_names_individual(bencher: divan::Bencher) {
    let names = real_names();
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

/// Valid individual names only: the fast path a clean CI run takes.
#[divan::bench]
fn valid_names(bencher: divan::Bencher) {
    let names: Vec<String> = real_names()
        .into_iter()
        .filter(|n| !n.starts_with("draft-ietf-") && !n.starts_with("draft-irtf-"))
        .collect();
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
