//! Who the author is, one way for every command: the flags, then `git config`, then a clearly
//! marked placeholder.
//!
//! `init` writes the author into the draft and `email` signs the message with it; both take
//! [`resolve`], so a newcomer without a git identity gets the same result from either: a
//! complete file with [`PLACEHOLDER_FULLNAME`] / [`PLACEHOLDER_EMAIL`] in it, and one warning
//! that names every missing value at once (not one error per run, fixing one value at a time).
//! A failed command would leave an empty file behind a shell redirect (`email problem >
//! problem.eml`); a complete file with a placeholder that `check --submission` can later
//! refuse ([`is_placeholder`]) is the friendlier failure.
//!
//! git runs only for a value no flag (or draft) gave.

/// The author name used when neither a flag nor `git config user.name` gives one.
pub const PLACEHOLDER_FULLNAME: &str = "Your Name";

/// The email used when neither a flag nor `git config user.email` gives one. `example.com` is
/// reserved (RFC 2606), so mail to it goes nowhere.
pub const PLACEHOLDER_EMAIL: &str = "you@example.com";

/// The author of a draft or the sender of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// The full name, as typed (UTF-8).
    pub fullname: String,
    /// The email address.
    pub email: String,
}

/// Whether `value` is one of the placeholders [`resolve`] falls back to, for a check that
/// refuses to let one through to a submission.
pub fn is_placeholder(value: &str) -> bool {
    value == PLACEHOLDER_FULLNAME || value == PLACEHOLDER_EMAIL
}

/// The author from `fullname` and `email` (a flag's value, or what a draft says, unless it is
/// a placeholder), else from
/// `git_config` (`user.name`, `user.email`; asked only for a value still missing), else the
/// placeholders. A git email that is not an address is skipped. The second value is the one
/// `warning:` line naming every placeholder used, when one was.
pub fn resolve(
    fullname: Option<String>,
    email: Option<String>,
    git_config: &dyn Fn(&str) -> Option<String>,
) -> (Author, Option<String>) {
    let mut missing = Vec::new();
    // A placeholder given back (a draft `init` wrote without an identity) is no value either.
    let fullname = fullname
        .filter(|n| !n.trim().is_empty() && !is_placeholder(n))
        .or_else(|| git_config("user.name").filter(|n| !n.trim().is_empty()))
        .unwrap_or_else(|| {
            missing.push(("--fullname", "user.name", PLACEHOLDER_FULLNAME));
            PLACEHOLDER_FULLNAME.to_owned()
        });
    let email = email
        .filter(|e| !e.trim().is_empty() && !is_placeholder(e))
        .or_else(|| git_config("user.email").filter(|e| crate::mail::is_address(e)))
        .unwrap_or_else(|| {
            missing.push(("--email", "user.email", PLACEHOLDER_EMAIL));
            PLACEHOLDER_EMAIL.to_owned()
        });
    let warning = (!missing.is_empty()).then(|| {
        let flags: Vec<String> = missing.iter().map(|m| format!("`{}`", m.0)).collect();
        let keys: Vec<String> = missing.iter().map(|m| m.1.to_owned()).collect();
        let used: Vec<String> = missing.iter().map(|m| format!("`{}`", m.2)).collect();
        format!(
            "warning: no {} and no `git config {}`: wrote the placeholder{} {}; replace {} (or pass {}, or run `git config --global {}`)",
            flags.join(" or "),
            keys.join("`/`"),
            if used.len() == 1 { "" } else { "s" },
            used.join(" and "),
            if used.len() == 1 { "it" } else { "them" },
            flags.join(" and "),
            missing
                .iter()
                .map(|m| format!("{} \"{}\"", m.1, example(m.1)))
                .collect::<Vec<_>>()
                .join("` and `git config --global "),
        )
    });
    (Author { fullname, email }, warning)
}

/// An example value for a git key, for the hint.
fn example(key: &str) -> &'static str {
    if key == "user.name" {
        "Jane Doe"
    } else {
        "jane@example.com"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_git(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn flags_win_and_git_is_not_asked() {
        let git = |_: &str| -> Option<String> { panic!("git asked") };
        let (a, w) = resolve(Some("Ann".into()), Some("ann@example.org".into()), &git);
        assert_eq!(a.fullname, "Ann");
        assert_eq!(a.email, "ann@example.org");
        assert_eq!(w, None);
    }

    #[test]
    fn git_fills_what_the_flags_leave_out() {
        let git = |k: &str| match k {
            "user.name" => Some("Git Name".to_owned()),
            "user.email" => Some("not an address".to_owned()),
            _ => None,
        };
        let (a, w) = resolve(None, None, &git);
        assert_eq!(a.fullname, "Git Name");
        assert_eq!(a.email, PLACEHOLDER_EMAIL);
        let w = w.unwrap();
        assert!(w.starts_with("warning: no `--email` and no `git config user.email`: wrote the placeholder `you@example.com`; replace it"), "{w}");
        assert!(!w.contains("--fullname"), "{w}");
    }

    #[test]
    fn a_placeholder_given_back_is_missing_and_git_or_a_warning_replaces_it() {
        let git = |k: &str| (k == "user.email").then(|| "ann@example.org".to_owned());
        let (a, w) = resolve(
            Some(PLACEHOLDER_FULLNAME.into()),
            Some(PLACEHOLDER_EMAIL.into()),
            &git,
        );
        assert_eq!(a.email, "ann@example.org");
        assert_eq!(a.fullname, PLACEHOLDER_FULLNAME);
        assert!(
            w.unwrap()
                .starts_with("warning: no `--fullname` and no `git config user.name`")
        );
    }

    #[test]
    fn every_missing_value_is_named_in_one_warning() {
        let (a, w) = resolve(None, Some(String::new()), &no_git);
        assert_eq!(
            a,
            Author {
                fullname: PLACEHOLDER_FULLNAME.into(),
                email: PLACEHOLDER_EMAIL.into()
            }
        );
        assert!(is_placeholder(&a.fullname) && is_placeholder(&a.email));
        assert_eq!(
            w.unwrap(),
            "warning: no `--fullname` or `--email` and no `git config user.name`/`user.email`: \
             wrote the placeholders `Your Name` and `you@example.com`; replace them (or pass \
             `--fullname` and `--email`, or run `git config --global user.name \"Jane Doe\"` and \
             `git config --global user.email \"jane@example.com\"`)"
        );
    }
}
