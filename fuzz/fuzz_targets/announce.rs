//! `cargo fuzz run announce`: the `announce` target of fuzz/targets.rs under libFuzzer.
#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    targets::announce(data);
});
