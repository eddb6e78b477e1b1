//! The documentation that tests hold to the code: transcripts of commands in `console` blocks,
//! and the lines of a `sh` block that a newcomer copies.

/// The `console` blocks of the Markdown file `relative` whose first line runs
/// `$ newdraft PREFIX…`: (the command line after `$ newdraft `, the output after it), in order.
pub(crate) fn transcripts(relative: &str, prefix: &str) -> Vec<(String, String)> {
    let text = super::read(relative);
    let mut found = Vec::new();
    for block in text.split("```console\n").skip(1) {
        let block = &block[..block.find("```").unwrap()];
        let Some((first, output)) = block.split_once('\n') else {
            continue;
        };
        match first.strip_prefix("$ newdraft ") {
            Some(cmd) if cmd.starts_with(prefix) => found.push((cmd.to_owned(), output.to_owned())),
            _ => {}
        }
    }
    found
}

/// The one transcript of `relative` that runs `$ newdraft PREFIX…`, as [`transcripts`].
#[track_caller]
pub(crate) fn transcript(relative: &str, prefix: &str) -> (String, String) {
    transcripts(relative, prefix)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("{relative} has no console block running `newdraft {prefix}`"))
}

/// The lines of the first fenced `sh` block after the heading of `relative` that starts with
/// `heading`.
#[track_caller]
pub(crate) fn sh_block(relative: &str, heading: &str) -> Vec<String> {
    let text = super::read(relative);
    let at = text
        .lines()
        .position(|l| l.starts_with('#') && l.trim_start_matches('#').trim().starts_with(heading))
        .unwrap_or_else(|| panic!("{relative} has no heading `{heading}`"));
    text.lines()
        .skip(at)
        .skip_while(|l| *l != "```sh")
        .skip(1)
        .take_while(|l| *l != "```")
        .map(str::to_owned)
        .collect()
}
