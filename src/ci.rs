//! The CI workflow `newdraft init --ci github` writes beside a new draft.
//!
//! This module owns one planned file: `.github/workflows/newdraft.yml`, rendered from the
//! built-in template `templates/ci-github.yml.tera` with newdraft's own version, so that the
//! workflow installs the same newdraft, and so applies the same rules, as the one that wrote it.
//! It plans and never writes: `init` adds the file to its plan, and `write::apply` writes both
//! the draft and the workflow (or, with `--dry-run`, neither), refusing to clobber either.

use anyhow::{Context as _, Result};

use crate::write::PlannedFile;

/// Where the GitHub Actions workflow goes, relative to the directory `init` writes into.
pub const GITHUB_WORKFLOW_PATH: &str = ".github/workflows/newdraft.yml";

/// The template, embedded so that `cargo install` works anywhere.
const GITHUB_TEMPLATE: &str = include_str!("../templates/ci-github.yml.tera");

/// The GitHub Actions workflow that runs `newdraft check --format github` on every push and
/// pull request, with this newdraft's version pinned.
pub fn github_workflow() -> Result<PlannedFile> {
    let contents = render_github(env!("CARGO_PKG_VERSION"))?;
    Ok(PlannedFile::new(GITHUB_WORKFLOW_PATH, contents))
}

/// The workflow for newdraft `version`. YAML is not HTML: no escaping (the only value is a
/// version string from Cargo, which never needs quoting inside the template's double quotes).
fn render_github(version: &str) -> Result<String> {
    let mut context = tera::Context::new();
    context.insert("version", version);
    tera::Tera::one_off(GITHUB_TEMPLATE, &context, false)
        .context("failed to render the built-in template `ci-github.yml.tera`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_the_workflow_under_github_workflows() {
        let file = github_workflow().unwrap();
        assert_eq!(
            file.path,
            std::path::Path::new(".github/workflows/newdraft.yml")
        );
        assert!(
            file.contents
                .contains("run: newdraft check --format github\n")
        );
    }

    #[test]
    fn pins_the_version_that_wrote_it() {
        let contents = github_workflow().unwrap().contents;
        let pin = format!("NEWDRAFT_VERSION: \"{}\"\n", env!("CARGO_PKG_VERSION"));
        assert_eq!(contents.matches(&pin).count(), 1, "{contents}");
        let other = render_github("9.8.7").unwrap();
        assert!(other.contains("NEWDRAFT_VERSION: \"9.8.7\"\n"));
        assert_eq!(
            contents.replace(&pin, ""),
            other.replace("NEWDRAFT_VERSION: \"9.8.7\"\n", ""),
            "the version is the only variable"
        );
    }

    #[test]
    fn keeps_github_expressions_and_drops_template_syntax() {
        let contents = github_workflow().unwrap().contents;
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
}
