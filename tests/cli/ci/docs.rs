//! docs/ci.md and the README hold the real files: every CI snippet is what newdraft writes or
//! ships, and every Action input is documented.

use super::*;

/// The documents with a "Use in CI" section, and the kinds of YAML snippet each holds, in order.
pub(super) const CI_DOCS: [(&str, &[&str]); 2] = [
    (
        "docs/ci.md",
        &[
            "workflow",
            "example action",
            "example pre-commit",
            "file .pre-commit-hooks.yaml",
        ],
    ),
    ("README.md", &["example action"]),
];

/// The document `relative`, and the range of its "Use in CI" section.
pub(super) fn ci_section(relative: &str) -> (PathBuf, String, std::ops::Range<usize>) {
    let text = read(relative);
    let range =
        section_of(&text).unwrap_or_else(|| panic!("{relative} has no \"Use in CI\" section"));
    (repo().join(relative), text, range)
}

/// The "Use in CI" section of a Markdown text: from its heading to the next heading of its
/// level or higher, outside code fences (a YAML comment starts with `#` too).
fn section_of(text: &str) -> Option<std::ops::Range<usize>> {
    let mut start: Option<(usize, usize)> = None;
    let mut in_fence = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end();
        let level = bare.len() - bare.trim_start_matches('#').len();
        let is_heading = level > 0 && bare[level..].starts_with(' ');
        if bare.starts_with("```") {
            in_fence = !in_fence;
        } else if !in_fence && is_heading {
            match start {
                None if bare[level..].trim() == "Use in CI" => start = Some((offset, level)),
                Some((from, of)) if level <= of => return Some(from..offset),
                _ => {}
            }
        }
        offset += line.len();
    }
    start.map(|(from, _)| from..text.len())
}

#[test]
fn the_ci_section_is_found_wherever_it_is() {
    let readme = "# newdraft\n\nIntro.\n\n## Use in CI\n\n```yaml\n# a comment\n```\n\n\
                  ### Sub\n\ntext\n\n## Next\n\nmore\n";
    let range = section_of(readme).unwrap();
    assert!(readme[range.clone()].starts_with("## Use in CI\n"));
    assert!(readme[range.clone()].contains("### Sub"));
    assert!(readme[range].ends_with("text\n\n"));
    assert_eq!(section_of("# x\n\n## Use in CI\nlast\n").unwrap(), 5..23);
    assert_eq!(section_of("# x\n```\n## Use in CI\n```\n"), None);
}

/// A fenced YAML snippet and the `<!-- ci-snippet: KIND -->` marker before it.
pub(super) struct Snippet {
    pub(super) kind: String,
    pub(super) body: std::ops::Range<usize>,
}

pub(super) fn snippets(text: &str, section: &std::ops::Range<usize>) -> Vec<Snippet> {
    let re =
        regex::Regex::new(r"(?ms)^(?:<!-- ci-snippet: ([^>]+?) -->\n)?```yaml\n(.*?)^```[ \t]*$")
            .unwrap();
    re.captures_iter(&text[section.clone()])
        .map(|c| {
            let body = c.get(2).unwrap();
            Snippet {
                kind: c.get(1).map_or_else(String::new, |k| k.as_str().to_owned()),
                body: section.start + body.start()..section.start + body.end(),
            }
        })
        .collect()
}

#[test]
fn ci_snippets_are_the_real_files() {
    for (doc, kinds) in CI_DOCS {
        assert_snippets_are_real(doc, kinds);
    }
    let (_, text, section) = ci_section("docs/ci.md");
    assert!(
        text[section].contains("[JSON schema]"),
        "the section points at the JSON schema"
    );
}

/// The YAML snippets of `doc`'s "Use in CI" section are of `kinds`, in order, each the file it
/// shows (rewritten with `SNAPSHOTS=overwrite`) or an example checked against it.
fn assert_snippets_are_real(doc: &str, kinds: &[&str]) {
    let (path, mut text, section) = ci_section(doc);
    let all = snippets(&text, &section);
    let found: Vec<&str> = all.iter().map(|s| s.kind.as_str()).collect();
    assert_eq!(
        found, kinds,
        "{doc}: every YAML snippet carries a marker saying what it shows"
    );

    let overwrite = std::env::var("SNAPSHOTS").is_ok_and(|v| v == "overwrite");
    let mut stale = Vec::new();
    // From the last, so that rewriting one leaves the ranges of the earlier ones valid.
    for snippet in all.iter().rev() {
        let body = &text[snippet.body.clone()];
        let real = match snippet.kind.as_str() {
            "workflow" => workflow(),
            "file action.yml" => read("action.yml"),
            "file .pre-commit-hooks.yaml" => read(".pre-commit-hooks.yaml"),
            "example action" => {
                check_action_example(body);
                continue;
            }
            "example pre-commit" => {
                check_pre_commit_example(body);
                continue;
            }
            other => panic!("unknown snippet kind `{other}`"),
        };
        if body != real {
            stale.push(snippet.kind.clone());
            if overwrite {
                text.replace_range(snippet.body.clone(), &real);
            }
        }
    }
    if overwrite && !stale.is_empty() {
        std::fs::write(&path, &text).unwrap();
    } else {
        assert!(
            stale.is_empty(),
            "{}: the snippets {stale:?} differ from the files they show; \
             run `SNAPSHOTS=overwrite cargo test --test cli ci::` to update them",
            path.display()
        );
    }
}

/// The action example uses this version's tag and only inputs the action has.
fn check_action_example(body: &str) {
    let example = yaml(body, "action example");
    let inputs = keys(&action()["inputs"]);
    let mut used = 0;
    for step in steps(&example["jobs"]["check"]["steps"]) {
        let Some(action_ref) = step["uses"].as_str() else {
            continue;
        };
        if let Some(tag) = action_ref.strip_prefix(&format!("{}@", api::action())) {
            used += 1;
            assert_eq!(tag, api::release_tag());
            for key in keys(&step["with"]) {
                assert!(inputs.contains(&key), "the action has no input `{key}`");
            }
        }
    }
    assert_eq!(used, 1, "the example uses the action");
}

/// The pre-commit example names this version's tag and the hook that exists.
fn check_pre_commit_example(body: &str) {
    let example = yaml(body, "pre-commit example");
    let repo = &example["repos"][0];
    assert_eq!(str_of(&repo["repo"], "repo"), env!("CARGO_PKG_REPOSITORY"));
    assert_eq!(str_of(&repo["rev"], "rev"), api::release_tag());
    let ids: Vec<&str> = repo["hooks"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|h| str_of(&h["id"], "id"))
        .collect();
    assert_eq!(ids, [str_of(&hooks()[0]["id"], "hook id")]);
}

#[test]
fn docs_ci_table_lists_every_action_input() {
    let (_, text, section) = ci_section("docs/ci.md");
    let section = &text[section];
    for input in keys(&action()["inputs"]) {
        assert!(
            section.contains(&format!("| `{input}` |")),
            "input `{input}` is missing from the table"
        );
    }
}

#[test]
fn every_file_uses_one_major_version_of_each_official_action() {
    let mut texts = vec![workflow(), read("action.yml")];
    for (doc, _) in CI_DOCS {
        let (_, text, section) = ci_section(doc);
        texts.push(text[section].to_owned());
    }
    let mut all: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for text in texts {
        for (action, majors) in official_actions(&text) {
            all.entry(action).or_default().extend(majors);
        }
    }
    assert!(all.contains_key("actions/checkout") && all.contains_key("actions/cache"));
    for (action, majors) in &all {
        assert_eq!(majors.len(), 1, "{action} at {majors:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Completions
