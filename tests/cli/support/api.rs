//! Every path into the newdraft library that the tests use, in one place: when a module moves
//! (`src/cmd/`, `src/name/`), this is the file to change. The fuzz targets (`fuzz/targets.rs`)
//! are shared with the `cargo fuzz` project and name their own.

pub(crate) use newdraft::ci::{action, github_workflow, release_tag};
pub(crate) use newdraft::cli::Cli;
pub(crate) use newdraft::cmd::init::{Category, Format, Options as InitOptions, plan as init_plan};
pub(crate) use newdraft::index::knowledge::NO_INDEX_NOTE;
pub(crate) use newdraft::name::{self, Code, Context, DraftName, Form, check_name};
