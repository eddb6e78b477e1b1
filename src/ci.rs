//! The CI workflow `newdraft init --ci github` writes beside a new draft.
//!
//! This module owns one planned file: `.github/workflows/newdraft.yml`, rendered from the
//! built-in template `templates/ci-github.yml.tera` (or a `--templates` override of the same
//! name). The workflow uses newdraft's GitHub Action (`action.yml`) at the repository and the
//! release tag of the newdraft that writes it ([`action`], [`release_tag`]: Cargo.toml's
//! `repository` and `version`), so CI runs the same newdraft, and so applies the same rules, as
//! the author's own copy, with no registry release needed. It plans and never writes: `init` adds the
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

/// The GitHub repository (`owner/name`) whose `action.yml` the workflow uses: Cargo.toml's
/// `repository` (a `https://github.com/owner/name` address; a test holds it to that form).
pub fn action() -> &'static str {
    let url = env!("CARGO_PKG_REPOSITORY");
    url.strip_prefix("https://github.com/")
        .unwrap_or(url)
        .trim_end_matches('/')
}

/// The git tag of this newdraft's release: `v` and Cargo.toml's `version` (`scripts/release`
/// cuts it).
pub fn release_tag() -> String {
    format!("v{}", env!("CARGO_PKG_VERSION"))
}

/// What the workflow template sees.
#[derive(Serialize)]
struct Values<'a> {
    /// The repository of the Action (`owner/name`).
    action: &'a str,
    /// The newdraft version whose release tag the workflow uses.
    version: &'a str,
}

/// The GitHub Actions workflow that runs newdraft's Action on every push and pull request, at
/// this newdraft's release tag.
pub fn github_workflow(templates: Option<&Path>) -> Result<PlannedFile> {
    let contents = render_github(action(), env!("CARGO_PKG_VERSION"), templates)?;
    Ok(PlannedFile::new(GITHUB_WORKFLOW_PATH, contents))
}

/// The workflow using the Action of `action` at `v<version>`. YAML is not XML: the template is
/// not autoescaped (the values are Cargo's repository path and version, which need no quoting).
fn render_github(action: &str, version: &str, templates: Option<&Path>) -> Result<String> {
    render::render(Template::CiGithub, &Values { action, version }, templates)
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
        assert_eq!(file, github_workflow(None).unwrap());
    }

    #[test]
    fn uses_the_action_at_the_release_that_wrote_it() {
        assert_eq!(action(), "newdraft/newdraft");
        assert!(env!("CARGO_PKG_REPOSITORY").starts_with("https://github.com/"));
        assert_eq!(release_tag(), format!("v{}", env!("CARGO_PKG_VERSION")));
        let contents = github_workflow(None).unwrap().contents;
        let uses = format!("      - uses: {}@{}\n", action(), release_tag());
        assert_eq!(contents.matches(&uses).count(), 1, "{contents}");
        assert!(contents.ends_with(&uses), "{contents}");
        let other = render_github("someone/fork", "9.8.7", None).unwrap();
        assert_eq!(
            contents.replace(&uses, ""),
            other.replace("      - uses: someone/fork@v9.8.7\n", ""),
            "the action and its version are the only variables"
        );
    }

    #[test]
    fn checks_out_every_tag_and_drops_template_syntax() {
        let contents = github_workflow(None).unwrap().contents;
        assert!(contents.contains("fetch-depth: 0\n"), "{contents}");
        for tera in ["{%", "%}", "{#", "#}", "{{"] {
            assert!(!contents.contains(tera), "`{tera}` left in:\n{contents}");
        }
        assert!(
            contents.starts_with("# Check the Internet-Drafts"),
            "{contents}"
        );
        assert!(!contents.contains("\n\n\n"), "{contents}");
    }

    #[test]
    fn a_template_directory_overrides_the_workflow() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("ci-github.yml.tera"),
            "# mine\nuses: {{ action }}@v{{ version }}\n",
        )
        .unwrap();
        let file = github_workflow(Some(dir.path())).unwrap();
        assert_eq!(
            file.contents,
            format!(
                "# mine\nuses: {}@v{}\n",
                action(),
                env!("CARGO_PKG_VERSION")
            )
        );
        let empty = tempfile::tempdir().unwrap();
        assert_eq!(
            github_workflow(Some(empty.path())).unwrap(),
            github_workflow(None).unwrap()
        );
    }
}
