//! The CI workflow `newdraft init --ci github` writes beside a new draft.
//!
//! This module owns one planned file: `.github/workflows/newdraft.yml`, rendered from the
//! built-in template `templates/ci-github.yml.tera` (or a `--templates` override of the same
//! name) with newdraft's own version, so that the workflow installs the same newdraft, and so
//! applies the same rules, as the one that wrote it. It plans and never writes: `init` adds the
//! file to its plan, and `write::apply` writes the draft and the workflow together (or, with
//! `--dry-run`, neither), refusing to clobber either.

use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use crate::render::{self, Template};
use crate::write::PlannedFile;

/// Where the GitHub Actions workflow goes, relative to the directory `init` writes into.
pub const GITHUB_WORKFLOW_PATH: &str = ".github/workflows/newdraft.yml";

/// A CI system `init --ci` can write a workflow for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// GitHub Actions.
    Github,
}

impl Provider {
    /// The workflow file for this provider, its template taken from `templates` when that
    /// directory overrides it.
    pub fn workflow(self, templates: Option<&Path>) -> Result<PlannedFile> {
        match self {
            Provider::Github => github_workflow(templates),
        }
    }
}

/// What the workflow template sees.
#[derive(Serialize)]
struct Values<'a> {
    /// The newdraft version the workflow installs.
    version: &'a str,
}

/// The GitHub Actions workflow that runs `newdraft check --format github` on every push and
/// pull request, with this newdraft's version pinned.
pub fn github_workflow(templates: Option<&Path>) -> Result<PlannedFile> {
    let contents = render_github(env!("CARGO_PKG_VERSION"), templates)?;
    Ok(PlannedFile::new(GITHUB_WORKFLOW_PATH, contents))
}

/// The workflow for newdraft `version`. YAML is not XML: the template is not autoescaped (the
/// one value is a version string from Cargo, which needs no quoting inside its double quotes).
fn render_github(version: &str, templates: Option<&Path>) -> Result<String> {
    render::render(Template::CiGithub, &Values { version }, templates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_the_workflow_under_github_workflows() {
        let file = Provider::Github.workflow(None).unwrap();
        assert_eq!(
            file.path,
            std::path::Path::new(".github/workflows/newdraft.yml")
        );
        assert!(
            file.contents
                .contains("run: newdraft check --format github\n")
        );
        assert_eq!(file, github_workflow(None).unwrap());
    }

    #[test]
    fn pins_the_version_that_wrote_it() {
        let contents = github_workflow(None).unwrap().contents;
        let pin = format!("NEWDRAFT_VERSION: \"{}\"\n", env!("CARGO_PKG_VERSION"));
        assert_eq!(contents.matches(&pin).count(), 1, "{contents}");
        let other = render_github("9.8.7", None).unwrap();
        assert!(other.contains("NEWDRAFT_VERSION: \"9.8.7\"\n"));
        assert_eq!(
            contents.replace(&pin, ""),
            other.replace("NEWDRAFT_VERSION: \"9.8.7\"\n", ""),
            "the version is the only variable"
        );
    }

    #[test]
    fn keeps_github_expressions_and_drops_template_syntax() {
        let contents = github_workflow(None).unwrap().contents;
        assert!(contents.contains("${{ runner.os }}"), "{contents}");
        assert!(contents.contains("${{ steps.cache.outputs.cache-primary-key }}"));
        for tera in ["{%", "%}", "{#", "#}", "{{ version"] {
            assert!(!contents.contains(tera), "`{tera}` left in:\n{contents}");
        }
        assert!(
            contents.starts_with("# Check the Internet-Drafts"),
            "{contents}"
        );
        assert!(contents.ends_with("--format github\n"), "{contents}");
        assert!(!contents.contains("\n\n\n"), "{contents}");
    }

    #[test]
    fn a_template_directory_overrides_the_workflow() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("ci-github.yml.tera"),
            "# mine\nversion: {{ version }}\n",
        )
        .unwrap();
        let file = github_workflow(Some(dir.path())).unwrap();
        assert_eq!(
            file.contents,
            format!("# mine\nversion: {}\n", env!("CARGO_PKG_VERSION"))
        );
        let empty = tempfile::tempdir().unwrap();
        assert_eq!(
            github_workflow(Some(empty.path())).unwrap(),
            github_workflow(None).unwrap()
        );
    }
}
