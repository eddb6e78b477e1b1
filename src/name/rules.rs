//! The naming rules as they read in `docs/naming.md`, each with the message that says where a
//! name goes wrong and, when it can, a hint: R1–R6 on a name (`syntax`), R8 on a submission
//! file name (`file_syntax`), and R10–R13 and R15 on what a valid name claims (`semantics`).
//!
//! These are the reference: the fast path (`fast`) must accept exactly what they find nothing
//! in, and `compose` runs them on the name it builds.

use crate::groups::{self, Kind};

use super::compose::adoption_subject;
use super::findings::{Code, Issue};
use super::hints::{normalize_name, prefix_fix, shorten};
use super::{Context, DraftName, Form, MAX_NAME_LEN, Revision, Stream};

/// Words that imply a status, which a name should not carry (R15).
pub(super) const STATUS_WORDS: &[&str] = &[
    "standard",
    "proposed",
    "draft",
    "experimental",
    "historic",
    "required",
    "recommended",
    "elective",
    "restricted",
];

/// Second components reserved for organizations (R11), each with the body it belongs to.
/// `rfc` covers `rfc-editor` (the Datatracker maps every `draft-rfc-` name to the IESG).
pub(super) const RESERVED_BODIES: &[(&str, &str)] = &[
    ("iana", "the IANA"),
    ("iaoc", "the IAOC"),
    ("iesg", "the IESG"),
    ("rfc", "the RFC Editor and the IESG"),
    ("rfced", "the RFC Editor"),
    ("rfceditor", "the RFC Editor"),
];

/// The body a reserved second component belongs to (R11), when `source` is one.
pub(super) fn reserved_body(source: &str) -> Option<&'static str> {
    RESERVED_BODIES
        .iter()
        .find_map(|&(s, body)| (s == source).then_some(body))
}

/// Datatracker group-type slugs (R11): as a second component the Datatracker refuses them
/// ("Internet-Draft names starting with draft-wg- are restricted"). `iab`, `ietf`, `irtf`,
/// `iana` and `iesg` are slugs too, handled as streams and bodies above.
pub(super) const GROUP_TYPE_SLUGS: &[&str] = &[
    "adhoc", "adm", "ag", "area", "dir", "edappr", "edwg", "iabasg", "individ", "ise", "isoc",
    "nomcom", "program", "rag", "review", "rfcedtyp", "rg", "sdo", "team", "wg",
];

/// An input is read as a file name when it has a directory part or ends in `.<ext>`, where the
/// extension starts with a letter (so `draft-x.00` is a name with a bad dot, not a file).
pub(super) fn looks_like_file(input: &str) -> bool {
    if input.contains(['/', '\\']) {
        return true;
    }
    // The extension is the letters and digits after the last dot, ending the input or followed
    // by something that is neither a hyphen nor alphanumeric (`.xml`, `.xml;rm`, not `.quic-…`).
    input.rsplit_once('.').is_some_and(|(_, after)| {
        let run = after.bytes().take_while(u8::is_ascii_alphanumeric).count();
        (1..=5).contains(&run)
            && after.as_bytes()[0].is_ascii_alphabetic()
            && after.as_bytes().get(run) != Some(&b'-')
    })
}

/// R1–R6, and R8 for a file, on `input` read in `form` (resolved, though [`Form::Auto`] is
/// read as a name): the name when those rules hold.
pub(super) fn form_syntax(input: &str, form: Form, issues: &mut Vec<Issue>) -> Option<DraftName> {
    match form {
        Form::File => file_syntax(input, issues),
        Form::Versioned => syntax(input, true, issues),
        Form::Name | Form::Auto => syntax(input, false, issues),
    }
}

/// R8: a submission file name.
fn file_syntax(input: &str, issues: &mut Vec<Issue>) -> Option<DraftName> {
    let base = match input.rfind(['/', '\\']) {
        Some(i) => {
            let base = &input[i + 1..];
            issues.push(
                Issue::new(
                    Code::FilePath,
                    format!(
                        "`{input}` has a directory part; a submission file name is only the file's own name"
                    ),
                )
                .hint(format!("use `{base}`")),
            );
            base
        }
        None => input,
    };
    let forbidden = base
        .char_indices()
        .find(|&(_, c)| matches!(c, '&' | ';' | '*' | '$') || c.is_whitespace());
    if let Some((at, c)) = forbidden {
        issues.push(Issue::new(
            Code::FileBadChar,
            format!(
                "the Datatracker refuses file names with {} (at position {})",
                describe_char(c),
                at + 1
            ),
        ));
    }
    let Some((stem, ext)) = base.split_once('.') else {
        let issue = Issue::new(
            Code::FileExtension,
            format!("`{base}` has no extension; a submission file is `.xml` or `.txt`"),
        );
        issues.push(issue.hint(format!("use `{base}.xml`")));
        return syntax(base, true, issues);
    };
    issues.extend(extension(base, stem, ext));
    syntax(stem, true, issues)
}

/// R8's extension: one dot, then `xml` or `txt` (`base` is the file name, split at its
/// first dot into `stem` and `ext`).
fn extension(base: &str, stem: &str, ext: &str) -> Option<Issue> {
    if ext.contains('.') {
        let last = ext.rsplit('.').next().unwrap_or(ext);
        return Some(
            Issue::new(
                Code::FileDots,
                format!("`{base}` has more than one dot; a submission file name has exactly one"),
            )
            .hint(format!("use `{stem}.{last}`")),
        );
    }
    if ext == "xml" || ext == "txt" {
        return None;
    }
    let why = match ext {
        "md" | "mkd" | "markdown" => {
            "Markdown is a source format: render it to `.xml` (kramdown-rfc) and upload that"
        }
        "html" | "pdf" => "the Datatracker makes HTML and PDF itself",
        _ => "only `.xml` and `.txt` can be uploaded",
    };
    // The file to upload carries a revision (`draft-x-y.md` is an i-d-template source).
    let upload = match Revision::split(stem) {
        (_, Some(_)) => format!("{stem}.xml"),
        (base, None) => format!("{}-00.xml", super::strip_latest(base).unwrap_or(base)),
    };
    Some(
        Issue::new(
            Code::FileExtension,
            format!("`.{ext}` is not a submission format ({why})"),
        )
        .hint(format!("use `{upload}`")),
    )
}

/// What every name looks like, for a hint when nothing closer can be suggested.
pub(super) const NAME_SHAPE: &str = "names look like `draft-<surname>-<group>-<topic>-00`";

/// R1–R6 on a name, with the revision required or optional: every issue, in the order the
/// rules are numbered, and the name when there is none.
///
/// Later rules are judged only when the earlier ones leave something to judge: no prefix
/// (R1) stops everything; a character outside the alphabet (R2) leaves only the length (R5),
/// since components and revision cannot be read with certainty; and R4 counts components only
/// when nothing else is wrong, so that its message does not restate another one.
pub(super) fn syntax(
    input: &str,
    revision_required: bool,
    issues: &mut Vec<Issue>,
) -> Option<DraftName> {
    let start = issues.len();
    if !prefix(input, issues) {
        return None;
    }
    characters(input, issues);
    let charset_ok = issues.len() == start;
    // The last `-NN` (two ASCII digits) is always the revision.
    let (name, revision) = Revision::split(input);
    if charset_ok {
        components(input, name, issues)?;
        if revision.is_none() {
            revision_syntax(input, revision_required, issues);
        }
        if issues.len() == start {
            component_count(name, issues);
        }
    }
    length(name, issues);
    (issues.len() == start).then(|| DraftName {
        name: name.to_owned(),
        revision,
    })
}

/// R1: not empty, and `draft-` first, else a name with it put in front when that makes one.
fn prefix(input: &str, issues: &mut Vec<Issue>) -> bool {
    if input.is_empty() {
        issues.push(Issue::new(Code::Empty, "the name is empty").hint(NAME_SHAPE));
        return false;
    }
    if input.starts_with("draft-") {
        return true;
    }
    let issue = Issue::new(
        Code::MissingPrefix,
        format!("`{}` does not start with `draft-`", printable(input)),
    );
    issues.push(match prefix_fix(input) {
        Some(fixed) => issue.hint(format!("use `{fixed}`")),
        None => issue.hint("every Internet-Draft name starts with `draft-`"),
    });
    false
}

/// R2: characters. The first offending character of each kind, with its position.
fn characters(input: &str, issues: &mut Vec<Issue>) {
    let mut upper = None;
    let mut non_ascii = None;
    let mut bad = None;
    for (at, c) in input.char_indices() {
        match c {
            'a'..='z' | '0'..='9' | '-' => {}
            'A'..='Z' => {
                upper.get_or_insert((at, c));
            }
            c if !c.is_ascii() => {
                non_ascii.get_or_insert((at, c));
            }
            c => {
                bad.get_or_insert((at, c));
            }
        }
    }
    if let Some((at, c)) = upper {
        issues.push(with_fix(
            Issue::new(
                Code::Uppercase,
                format!(
                    "`{}` has an upper-case letter `{c}` at position {}; names are lower case",
                    printable(input),
                    char_pos(input, at)
                ),
            ),
            input,
        ));
    }
    if let Some((at, c)) = non_ascii {
        issues.push(with_fix(
            Issue::new(
                Code::NonAscii,
                format!(
                    "`{}` has {} at position {}; names use ASCII `a-z`, `0-9` and `-` only",
                    printable(input),
                    describe_char(c),
                    char_pos(input, at)
                ),
            ),
            input,
        ));
    }
    if let Some((at, c)) = bad {
        let mut msg = format!(
            "`{}` has {} at position {}; names use `a-z`, `0-9` and `-` only",
            printable(input),
            describe_char(c),
            char_pos(input, at)
        );
        if c == '.' {
            msg.push_str(" (is a file extension or a revision written with a dot?)");
        }
        // A name written as its file (`docName="draft-x-00.txt"`): the name is the file's
        // stem, not `draft-x-00-txt`.
        let stem = DRAFT_FILE_EXTS.iter().find_map(|ext| {
            let (stem, found) = input.rsplit_once('.')?;
            found.eq_ignore_ascii_case(ext).then_some(stem)
        });
        let issue = Issue::new(Code::BadChar, msg);
        issues.push(match stem.and_then(normalize_name) {
            Some(fix) => issue.hint(format!("use `{fix}`")),
            None => with_fix(issue, input),
        });
    }
}

/// The extensions of the files a draft is written as, in any case.
const DRAFT_FILE_EXTS: [&str; 6] = ["txt", "xml", "md", "html", "pdf", "mkd"];

/// `issue` with the whole input, normalized, as its hint when that differs from the input.
/// Computed only when an issue needs it: valid names are the hot path of `check`.
fn with_fix(issue: Issue, input: &str) -> Issue {
    match normalize_name(input) {
        Some(f) if f != input => issue.hint(format!("use `{f}`")),
        _ => issue,
    }
}

/// R2's first letter and R3 on a name of valid characters (`name` is `input` without its
/// revision). `None` when nothing follows `draft-`, which leaves no other rule to judge.
fn components(input: &str, name: &str, issues: &mut Vec<Issue>) -> Option<()> {
    let after = &name.as_bytes()["draft-".len().min(name.len())..];
    match after.first() {
        None => {
            issues.push(
                Issue::new(
                    Code::TooFewComponents,
                    format!("`{input}` has nothing after `draft-`"),
                )
                .hint(NAME_SHAPE),
            );
            return None;
        }
        Some(b'-') => {}
        Some(b) if !b.is_ascii_lowercase() => issues.push(
            Issue::new(
                Code::FirstChar,
                format!(
                    "`{input}` has `{}` right after `draft-`; the first character there must be a letter",
                    char::from(*b)
                ),
            )
            .hint("start with your surname: `draft-<surname>-…`"),
        ),
        Some(_) => {}
    }
    let empty = if let Some(at) = input.find("--") {
        Issue::new(
            Code::EmptyComponent,
            format!(
                "`{input}` has two hyphens in a row at position {}; components may not be empty",
                at + 1
            ),
        )
    } else if input.ends_with('-') {
        Issue::new(
            Code::TrailingHyphen,
            format!("`{input}` ends with a hyphen"),
        )
    } else if name.ends_with('-') || name.as_bytes().get("draft-".len()) == Some(&b'-') {
        // `draft-x--00` is caught above; this is `draft--x`.
        Issue::new(
            Code::EmptyComponent,
            format!("`{input}` has an empty component"),
        )
    } else {
        return Some(());
    };
    issues.push(with_fix(empty, input));
    Some(())
}

/// R6 on a name without a `-NN` revision, where one is required: none. A final number of one
/// digit or of three (`draft-ietf-oauth-v2-1`, `draft-reschke-http-status-308`) is part of the
/// name, as it is in `--name` and as the Datatracker reads it, so the hint appends a revision
/// and never rewrites the name.
fn revision_syntax(input: &str, revision_required: bool, issues: &mut Vec<Issue>) {
    if !revision_required {
        return;
    }
    let last = input.rsplit('-').next().unwrap_or("");
    let number = !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit());
    let why = if number {
        format!(" (the final `-{last}` is part of the name: a revision is exactly two digits)")
    } else {
        String::new()
    };
    issues.push(
        Issue::new(
            Code::MissingRevision,
            format!("`{input}` has no revision; a document name ends in `-NN`, from `-00`{why}"),
        )
        .hint(format!("use `{input}-00` for a first version")),
    );
}

/// R4: at least three components in the name without its revision.
fn component_count(name: &str, issues: &mut Vec<Issue>) {
    let components = name.split('-').count();
    if components < 3 {
        issues.push(
            Issue::new(
                Code::TooFewComponents,
                format!(
                    "`{name}` has {components} components; a name needs at least three: `draft-<source>-<subject>`"
                ),
            )
            .hint(format!("add a subject: `{name}-<subject>`")),
        );
    }
}

/// R5: the length of the name without its revision, judged whatever else is wrong.
fn length(name: &str, issues: &mut Vec<Issue>) {
    if name.len() <= MAX_NAME_LEN {
        return;
    }
    let over = name.len() - MAX_NAME_LEN;
    let issue = Issue::new(
        Code::TooLong,
        format!(
            "`{}` is {} characters long without its revision, {over} more than the {MAX_NAME_LEN} allowed",
            printable(name),
            name.chars().count()
        ),
    );
    issues.push(match shorten(name) {
        Some(short) => issue.hint(format!("shorten the subject, e.g. `{short}`")),
        None => issue.hint("shorten the subject"),
    });
}

/// R10–R13, R15 on a syntactically valid name.
pub(super) fn semantics(name: &DraftName, ctx: &Context<'_>, issues: &mut Vec<Issue>) {
    let adopted = ctx.adopted_by;
    // Read once: each reading splits the name again, and this is `check`'s path for every name
    // with a finding.
    let stream = name.stream();
    if reserved(name, stream, adopted, issues) {
        return;
    }
    match stream {
        Stream::Ietf | Stream::Irtf => stream_name(name, adopted, issues),
        Stream::Iab => iab_name(name, adopted, issues),
        Stream::Individual => individual_name(name, adopted, issues),
    }
    status_words(name, issues);
}

/// R11: the IETF Trust's prefix, a second component reserved for an organization, or one the
/// Datatracker restricts as a kind of group. `true` when the name has one: it is then that
/// body's document (fine when that body adopted it), and no other rule on components applies.
///
/// A stream name is looked at only for the Trust's prefix: the tables hold no stream, and most
/// names that reach this path (`check` of posted names) are stream names.
fn reserved(name: &DraftName, stream: Stream, adopted: &[String], issues: &mut Vec<Issue>) -> bool {
    let base = name.as_str();
    let issue = match stream {
        Stream::Ietf | Stream::Irtf | Stream::Iab => {
            if !base.starts_with("draft-ietf-trust-") || has(adopted, "ietf-trust") {
                return false;
            }
            Issue::new(
                Code::Reserved,
                format!("`{base}` starts with `draft-ietf-trust-`, reserved for the IETF Trust"),
            )
        }
        Stream::Individual => {
            let source = name.source();
            if let Some(body) = reserved_body(source) {
                if adopted.iter().any(|a| body_matches(a, source)) {
                    return true;
                }
                Issue::new(
                    Code::Reserved,
                    format!("the second component `{source}` is reserved for {body}"),
                )
                .hint(format!(
                    "use your surname: `draft-<surname>-{}`",
                    rest_after_source(base)
                ))
            } else if GROUP_TYPE_SLUGS.contains(&source) {
                Issue::new(
                    Code::Restricted,
                    format!(
                        "names starting `draft-{source}-` are restricted by the Datatracker (`{source}` is a kind of group, not an author)"
                    ),
                )
                .hint(format!("use your surname: `draft-<surname>-{}`", rest_after_source(base)))
            } else {
                return false;
            }
        }
    };
    issues.push(issue);
    true
}

/// `draft-iab-…`: only for documents the IAB adopted.
fn iab_name(name: &DraftName, adopted: &[String], issues: &mut Vec<Issue>) {
    if !has(adopted, "iab") {
        issues.push(
            Issue::new(
                Code::NotAdopted,
                format!(
                    "`{}` starts with `draft-iab-`, which is only for IAB documents",
                    name.as_str()
                ),
            )
            .hint(format!(
                "use your own name: `draft-<surname>-{}`",
                name.subject(None).unwrap_or("<subject>")
            )),
        );
    }
}

/// `draft-ietf-<wg>-…` and `draft-irtf-<rg>-…`: a subject after the group, adopted, by that
/// group, which belongs to that stream and is active.
fn stream_name(name: &DraftName, adopted: &[String], issues: &mut Vec<Issue>) {
    let base = name.as_str();
    let stream = name.source();
    let Some(group) = name.group() else { return };
    let Some(subject) = name.subject(None) else {
        issues.push(
            Issue::new(
                Code::MissingSubject,
                format!("`{base}` has no subject after the group `{group}`"),
            )
            .hint(format!("use `draft-{stream}-{group}-<subject>`")),
        );
        return;
    };
    if adopted.is_empty() {
        // A group of the other stream (or the IAB) is the one cause to report: posted once
        // adopted, the name would still be wrong.
        issues.push(
            wrong_stream(group, stream, subject, false).unwrap_or_else(|| {
                let path = if stream == "ietf" {
                    "working group"
                } else {
                    "research group"
                };
                Issue::new(
                    Code::NotAdopted,
                    format!(
                        "`draft-{stream}-` names are only for drafts a {path} has adopted, and nothing says `{group}` adopted this one"
                    ),
                )
                .hint(format!(
                    "until adoption use `draft-<surname>-{group}-{subject}`; once `{group}` adopts it, post `draft-{stream}-{group}-{subject}-00` and record it (`newdraft adopt`, or `--adopted-by {group}`)"
                ))
            }),
        );
        return;
    }
    if !has(adopted, group) {
        let by = adopted[0].as_str();
        issues.push(
            Issue::new(
                Code::WrongGroup,
                format!("`{base}` names the group `{group}`, but the draft was adopted by `{by}`"),
            )
            .hint(format!("use `{}`", adopted_base(by, stream, subject))),
        );
        return;
    }
    issues.extend(wrong_stream(group, stream, subject, true).or_else(|| group_in_stream(group)));
}

/// The name `by`'s adoption gives a draft about `subject`: `draft-iab-<subject>` for the IAB,
/// else `draft-<stream>-<by>-<subject>`, the stream the group's kind says (`stream` when the
/// group list does not know it).
fn adopted_base(by: &str, stream: &str, subject: &str) -> String {
    if by == "iab" {
        return format!("draft-iab-{subject}");
    }
    let stream = groups::lookup(by)
        .and_then(|g| g.kind.stream())
        .unwrap_or(stream);
    format!("draft-{stream}-{by}-{subject}")
}

/// R10: `stream/wrong-stream` when `group` does not adopt into `stream`: a group of the
/// other stream (`draft-ietf-cfrg-…`), or the IAB, whose documents are `draft-iab-…`. The hint
/// is the name to post: now when `adopted`, else once the group adopts the draft.
fn wrong_stream(group: &str, stream: &str, subject: &str, adopted: bool) -> Option<Issue> {
    let (message, right, who) = if group == "iab" {
        (
            format!("IAB documents are `draft-iab-…`, not `draft-{stream}-iab-…`"),
            format!("draft-iab-{subject}"),
            "the IAB",
        )
    } else {
        let g = groups::lookup(group)?;
        let right = g.kind.stream()?;
        if g.kind == stream_kind(stream) {
            return None;
        }
        (
            format!(
                "`{group}` is an {} {} ({}), so its drafts are `draft-{right}-{group}-…`, not `draft-{stream}-…`",
                if right == "irtf" { "IRTF" } else { "IETF" },
                g.kind.describe(),
                g.name
            ),
            format!("draft-{right}-{group}-{subject}"),
            group,
        )
    };
    let issue = Issue::new(Code::WrongStream, message);
    Some(if adopted {
        issue.hint(format!("use `{right}`"))
    } else {
        let individual = if group == "iab" {
            format!("draft-<surname>-{subject}")
        } else {
            format!("draft-<surname>-{group}-{subject}")
        };
        issue.hint(format!(
            "until adoption use `{individual}`; once {} adopts it, post `{right}-00`",
            if group == "iab" {
                who.to_owned()
            } else {
                format!("`{who}`")
            }
        ))
    })
}

/// The kind of group that adopts drafts into `stream` (`ietf` or `irtf`).
pub(super) fn stream_kind(stream: &str) -> Kind {
    if stream == "ietf" {
        Kind::WorkingGroup
    } else {
        Kind::ResearchGroup
    }
}

/// Whether the adopting `group`, which belongs in the name's stream, is an active group (a
/// warning): at most one issue.
fn group_in_stream(group: &str) -> Option<Issue> {
    group_standing(
        group,
        "; the Datatracker takes new drafts only for active groups",
        "; the Datatracker refuses a group that does not exist",
        "",
    )
}

/// A warning when `acronym` is not an active group in the snapshot: inactive (with `inactive`
/// appended to the message), or missing (with `unknown` appended, and "did you mean" when a
/// close acronym exists, written as `{suggest}{acronym}`).
pub(super) fn group_standing(
    acronym: &str,
    inactive: &str,
    unknown: &str,
    suggest: &str,
) -> Option<Issue> {
    match groups::lookup(acronym) {
        // A BOF or proposed group is a stage on the way to a working group of the same acronym
        // (MIMI, a BOF in the list's 2022 source, has been a WG since 2023): said as what the
        // list last saw, not as what the group is.
        Some(g) if matches!(g.state, "bof" | "proposed") => Some(Issue::new(
            Code::InactiveGroup,
            format!(
                "`{acronym}` was a {} when newdraft's group list last saw it; it may be a working group by now (`newdraft index update` fetches the current list){inactive}",
                if g.state == "bof" {
                    "BOF"
                } else {
                    "proposed group"
                }
            ),
        )),
        Some(g) if !g.is_active() => Some(Issue::new(
            Code::InactiveGroup,
            format!(
                "`{acronym}` is {} in newdraft's group list (dated {}){inactive}",
                g.state,
                groups::date()
            ),
        )),
        Some(_) => None,
        None => {
            let issue = Issue::new(
                Code::UnknownGroup,
                format!(
                    "`{acronym}` is not in newdraft's group list (partial, dated {}){unknown}",
                    groups::date()
                ),
            );
            Some(match groups::did_you_mean(acronym) {
                Some(g) => issue.hint(format!(
                    "did you mean `{suggest}{}` ({})?",
                    g.acronym, g.name
                )),
                None => issue,
            })
        }
    }
}

/// `draft-<author>-…`: fine on its own, wrong once a group adopted it (R13), and suspicious
/// when the author component is a group acronym (R12).
fn individual_name(name: &DraftName, adopted: &[String], issues: &mut Vec<Issue>) {
    let base = name.as_str();
    let source = name.source();
    if let Some(by) = adopted.first().map(String::as_str) {
        let by_group = groups::lookup(by);
        let stream = by_group.and_then(|g| g.kind.stream());
        let subject = adoption_subject(name, by, &[], None);
        let subject = subject.as_deref().unwrap_or("<subject>");
        // `draft-ietf-`/`draft-irtf-` are the same length: past the limit, a shorter subject.
        let subject = if format!("draft-ietf-{by}-{subject}").len() > MAX_NAME_LEN {
            "<shorter subject>"
        } else {
            subject
        };
        let issue = Issue::new(
            Code::IndividualAfterAdoption,
            format!(
                "`{base}` is an individual name, but the draft was adopted by `{by}`; an adopted draft is posted under a new name"
            ),
        );
        issues.push(match stream {
            Some(s) => issue.hint(format!(
                "post `draft-{s}-{by}-{subject}-00`, replacing `{base}` (`newdraft adopt` does it)"
            )),
            None if by == "iab" => issue.hint(format!("post `draft-iab-{subject}-00`")),
            None => issue.hint(format!(
                "post `draft-ietf-{by}-{subject}-00` (or `draft-irtf-…` for a research group), replacing `{base}`"
            )),
        });
        return;
    }
    if let Some(g) = groups::lookup(source) {
        if g.kind != Kind::Other && g.is_active() {
            issues.push(
                Issue::new(
                    Code::AuthorIsGroup,
                    format!(
                        "the second component `{source}` is the acronym of the {} {}; it should be the author's surname",
                        g.name,
                        g.kind.describe()
                    ),
                )
                .hint(format!("use `draft-<surname>-{source}-{}`", rest_after_source(base))),
            );
        }
    }
}

/// R15: no words that imply a status.
fn status_words(name: &DraftName, issues: &mut Vec<Issue>) {
    // After `draft-` (every name's first component): every word of the rest that implies one.
    let words: Vec<String> = name
        .components()
        .skip(1)
        .filter(|c| STATUS_WORDS.contains(c))
        .map(|w| format!("`{w}`"))
        .collect();
    if !words.is_empty() {
        let (they, imply) = if words.len() == 1 {
            ("", "implies")
        } else {
            ("each ", "imply")
        };
        issues.push(Issue::new(
            Code::StatusWord,
            format!(
                "after `draft-`, the name has {}, which {they}{imply} a status; the IETF asks names not to (\"Standard\", \"Proposed\", \"Draft\", …)",
                words.join(" and ")
            ),
        ));
    }
}

/// Whether `adopted` names `group`.
pub(super) fn has(adopted: &[String], group: &str) -> bool {
    adopted.iter().any(|a| a == group)
}

/// Whether `--adopted-by a` covers the reserved second component `source`.
pub(super) fn body_matches(adopted: &str, source: &str) -> bool {
    adopted == source
        || (matches!(adopted, "rfc-editor" | "rfced" | "rfceditor")
            && matches!(source, "rfc" | "rfced" | "rfceditor"))
}

/// What follows `draft-<source>-`.
fn rest_after_source(base: &str) -> &str {
    let after = &base["draft-".len()..];
    after.split_once('-').map_or("", |(_, r)| r)
}

/// 1-based character position of a byte offset.
fn char_pos(s: &str, byte: usize) -> usize {
    s[..byte].chars().count() + 1
}

/// A name safe to print inside backticks on one line: control characters escaped.
fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    crate::text::escape(s)
}

/// `a space`, `` `_` (U+005F) ``, …
fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        '\t' => "a tab".to_owned(),
        c if c.is_whitespace() || c.is_control() => format!("the character U+{:04X}", c as u32),
        c => format!("`{c}` (U+{:04X})", c as u32),
    }
}
