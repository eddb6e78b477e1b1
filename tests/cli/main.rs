//! newdraft's tests through the real binary, in one test binary: a module per command or area,
//! and `support`, what they share (the launcher and its sandbox, git, the IETF tools, a local
//! HTTP server, the docs they hold to the code).
//!
//! - `cargo test --test cli` runs them all; `cargo test --test cli check::` one module.
//! - The tests that need xml2rfc, kramdown-rfc, idnits or groff skip what needs a missing one,
//!   with a note; `NEWDRAFT_REQUIRE_TOOLS=1` (set by `scripts/test`, and so CI) makes a missing
//!   tool a failure (`support::tools`).
//! - `SNAPSHOTS=overwrite cargo test --test cli` rewrites the snapshots (`tests/snapshots/`,
//!   `examples/`, the CI snippets in the docs) with what the tests got: review the difference.

// Helpers outside `#[test]` functions unwrap too: in a test, a panic is the failure report.
#![allow(clippy::unwrap_used)]
// `SNAPSHOTS=overwrite` writes inline snapshots as `str![[r#"…"#]]`, needed or not.
#![allow(clippy::needless_raw_string_hashes)]

mod support;

mod check;
mod ci;
mod fuzz;
mod index;
mod init;
mod names;
mod newcomer;
mod path;
mod render;
mod submission;
mod submit;
mod templates;
mod validators;
