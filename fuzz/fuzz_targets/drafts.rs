//! `cargo fuzz run drafts`: the `drafts` target of fuzz/targets.rs under libFuzzer.
#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    targets::drafts(data);
});
