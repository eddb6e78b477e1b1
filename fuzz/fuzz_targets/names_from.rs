//! `cargo fuzz run names_from`: the `names_from` target of fuzz/targets.rs under libFuzzer.
#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    targets::names_from(data);
});
