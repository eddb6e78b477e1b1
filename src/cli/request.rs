//! From what clap parsed to what a command is asked: one validated request per command.
//!
//! This is the one place where raw flags become domain values: dates are parsed (and "today"
//! is the injected clock), free text becomes one clean line, `--deny warnings` becomes a
//! switch. Commands receive these plain requests and never see clap; the few checks that need
//! a command's own knowledge (a name, a group) stay in the command.

use std::time::Duration;

use anyhow::{Result, bail};
use chrono::{DateTime, Datelike as _, FixedOffset, NaiveDate};

use super::{Cli, Command, Deny, EmailCommand, IndexCommand};
use crate::cmd::{adopt, bump, check, doctor, email, index, init, submit};
use crate::report;

/// What the command line asks for, validated.
#[derive(Debug, Clone)]
pub enum Request {
    /// `newdraft init`.
    Init(init::Options),
    /// `newdraft check`.
    Check(check::Request),
    /// `newdraft bump`.
    Bump(bump::Request),
    /// `newdraft adopt`.
    Adopt(adopt::Request),
    /// `newdraft email problem`.
    EmailProblem(email::Problem),
    /// `newdraft email announce`.
    EmailAnnounce(email::Announce),
    /// `newdraft render`.
    Render(crate::typeset::Options),
    /// `newdraft submit`.
    Submit(submit::Request),
    /// `newdraft doctor`.
    Doctor(doctor::Format),
    /// `newdraft index update`.
    IndexUpdate(index::UpdateOptions),
    /// `newdraft index status`.
    IndexStatus,
    /// Text made from the command line's own definition (`completions`, `man`).
    Print(String),
}

/// The request for `cli`, with `now` as the clock (its date is "today").
pub fn request(cli: Cli, now: DateTime<FixedOffset>) -> Result<Request> {
    let today = now.date_naive();
    Ok(match cli.command {
        Command::Init(a) => Request::Init(init_options(a, today)?),
        Command::Check(a) => Request::Check(check_request(a, today)),
        Command::Bump(a) => Request::Bump(bump::Request {
            draft: a.draft,
            date: new_date(a.date.as_deref(), today)?,
            dry_run: a.dry_run,
        }),
        Command::Adopt(a) => Request::Adopt(adopt::Request {
            draft: a.draft,
            wg: a.wg,
            irtf: a.irtf,
            subject: a.subject,
            date: new_date(a.date.as_deref(), today)?,
            dry_run: a.dry_run,
            force: a.force,
        }),
        Command::Email(EmailCommand::Problem(a)) => Request::EmailProblem(email::Problem {
            wg: a.wg,
            title: a.title,
            from: a.from,
            delivery: delivery(a.message, now)?,
        }),
        Command::Email(EmailCommand::Announce(a)) => Request::EmailAnnounce(email::Announce {
            draft: a.draft,
            wg: a.wg,
            delivery: delivery(a.message, now)?,
        }),
        Command::Render(a) => Request::Render(render_options(a)),
        Command::Submit(a) => Request::Submit(submit_request(a, today)),
        Command::Doctor(a) => Request::Doctor(a.format),
        Command::Index(IndexCommand::Update(a)) => Request::IndexUpdate(index::UpdateOptions {
            sources: crate::index::fetch::Sources {
                index_url: a.index_url,
                datatracker: a.datatracker_url,
                timeout: Duration::from_secs(a.timeout),
            },
            from: a.from,
            groups_from: a.groups_from,
        }),
        Command::Index(IndexCommand::Status) => Request::IndexStatus,
        Command::Completions(a) => Request::Print(super::completions(a.shell)?),
        Command::Man => Request::Print(super::man::page()?),
    })
}

/// `newdraft check`'s request.
fn check_request(a: super::CheckArgs, today: NaiveDate) -> check::Request {
    check::Request {
        paths: a.paths,
        names: a.names,
        names_from: a.names_from,
        adopted_by: a.adopted_by,
        format: a.report.format,
        deny_warnings: a.deny == Some(Deny::Warnings),
        color: report::use_color(a.report.color),
        submission: a.submission,
        no_git: a.no_git,
        index: a.index,
        online: a.online,
        datatracker_url: a.datatracker_url,
        timeout: Duration::from_secs(a.timeout),
        today,
    }
}

/// `newdraft render`'s options.
fn render_options(a: super::RenderArgs) -> crate::typeset::Options {
    crate::typeset::Options {
        file: a.file,
        out: a.out,
        remote: a.remote,
        endpoint: a.endpoint,
        timeout: Duration::from_secs(a.timeout),
        cache: a.cache,
        network: a.network,
        path_var: std::env::var_os("PATH").unwrap_or_default(),
        format: a.report.format,
        color: report::use_color(a.report.color),
        dry_run: false,
    }
}

/// `newdraft submit`'s request.
fn submit_request(a: super::SubmitArgs, today: NaiveDate) -> submit::Request {
    submit::Request {
        file: a.file,
        user: a.user,
        dry_run: a.dry_run,
        replaces: a.replaces,
        endpoint: a.endpoint,
        remote: a.remote,
        author_tools: a.author_tools,
        cache: a.cache,
        timeout: Duration::from_secs(a.timeout),
        wait: Duration::from_secs(a.wait),
        poll: Duration::from_millis(a.poll),
        format: a.report.format,
        color: report::use_color(a.report.color),
        path_var: std::env::var_os("PATH").unwrap_or_default(),
        today,
    }
}

/// `newdraft init`'s options: free text made one clean line, the date parsed, the address and
/// the page-header title checked.
fn init_options(args: super::InitArgs, today: NaiveDate) -> Result<init::Options> {
    let date = args.date.as_deref().map(parse_date).transpose()?;
    let abbrev = crate::text::clean_line("--abbrev", args.abbrev)?;
    if let Some(a) = &abbrev {
        let n = a.chars().count();
        if n > init::MAX_ABBREV_CHARS {
            bail!(
                "`--abbrev` is {n} characters, {} more than page headers allow; give at most {}",
                n - init::MAX_ABBREV_CHARS,
                init::MAX_ABBREV_CHARS
            );
        }
    }
    // The topic (as typed) becomes the default title: a control character in it would make
    // the XML ill-formed, as in `--title`, so it is refused the same way.
    crate::text::refuse_controls("TOPIC", &args.topic)?;
    crate::text::refuse_controls("SURNAME", &args.surname)?;
    let email = crate::text::clean_line("--email", args.email)?;
    if let Some(e) = &email {
        if !crate::mail::is_address(e) {
            bail!(
                "`--email {e}` is not an email address; give one such as `--email jane@example.com`"
            );
        }
    }
    Ok(init::Options {
        surname: args.surname,
        topic: args.topic,
        wg: args.wg,
        format: args.format,
        title: crate::text::clean_line("--title", args.title)?,
        abbrev,
        fullname: crate::text::clean_line("--fullname", args.fullname)?,
        email,
        org: crate::text::clean_line("--org", args.org)?,
        category: args.category,
        date,
        today,
        unversioned: args.unversioned,
        dir: args.dir,
        force: args.force,
        dry_run: args.dry_run,
        templates: args.templates,
        ci: args.ci,
    })
}

/// `--date`, or `today`.
/// A new revision's date: `--date` (written in every form), else today.
fn new_date(date: Option<&str>, today: NaiveDate) -> Result<crate::source::edit::NewDate> {
    Ok(crate::source::edit::NewDate::from(
        date.map(parse_date).transpose()?,
        today,
    ))
}

/// The options every message has.
fn delivery(a: super::MessageArgs, now: DateTime<FixedOffset>) -> Result<email::Delivery> {
    Ok(email::Delivery {
        fullname: a.fullname,
        email: a.email,
        output: a.output,
        force: a.force,
        date: message_date(a.date.as_deref(), now)?,
        templates: a.templates,
    })
}

/// A message's `Date:`: `--date` at midnight UTC (reproducible), else `now`.
fn message_date(date: Option<&str>, now: DateTime<FixedOffset>) -> Result<DateTime<FixedOffset>> {
    let Some(date) = date else { return Ok(now) };
    let utc = FixedOffset::east_opt(0).ok_or_else(|| anyhow::anyhow!("no UTC offset"))?;
    parse_date(date)?
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(utc).single())
        .ok_or_else(|| anyhow::anyhow!("`--date` is out of range"))
}

/// The years a `--date` may have: four digits, and none before the first Internet-Drafts'
/// century. chrono alone takes `-0001-01-01` and `+10000-01-01`, which made `year="-1"`.
pub const DATE_YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// A `--date` value, `YYYY-MM-DD` with a year in [`DATE_YEARS`], or an error naming the flag
/// and the expected form: the one date parser of every command.
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    let t = text.trim();
    let shape = t.len() == 10
        && t.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let date = shape
        .then(|| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
        .flatten()
        .filter(|d| DATE_YEARS.contains(&d.year()));
    date.ok_or_else(|| {
        anyhow::anyhow!(
            "`--date {}` is not a date; expected YYYY-MM-DD with a year from {} to {}, e.g. `--date 2026-03-16`",
            crate::text::escape(text),
            DATE_YEARS.start(),
            DATE_YEARS.end()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_four_digit_years_from_1900() {
        assert_eq!(
            parse_date(" 2026-03-16 ").unwrap(),
            chrono::NaiveDate::from_ymd_opt(2026, 3, 16).unwrap()
        );
        assert!(parse_date("1900-01-01").is_ok() && parse_date("9999-12-31").is_ok());
        for bad in [
            "-0001-01-01",
            "+2026-01-01",
            "10000-01-01",
            "1899-12-31",
            "0000-01-01",
            "2026-3-16",
            "2026-02-30",
            "２０２６-03-16",
        ] {
            let err = parse_date(bad).map_or_else(|e| e.to_string(), |d| d.to_string());
            assert!(
                err.contains("is not a date") && !err.contains('\n'),
                "{bad:?}: {err}"
            );
        }
    }

    #[test]
    fn parses_dates_or_says_the_form() {
        assert_eq!(
            parse_date("2026-03-16").unwrap(),
            NaiveDate::from_ymd_opt(2026, 3, 16).unwrap()
        );
        let err = parse_date("2026-13-45").unwrap_err().to_string();
        assert!(
            err.contains("`--date 2026-13-45`") && err.contains("YYYY-MM-DD"),
            "{err}"
        );
    }
}
