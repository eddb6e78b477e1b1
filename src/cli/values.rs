//! The command line's names for the library's own enums: `--format xml`, `--category std`,
//! `--ci github`, `--format json`, `--color never`. Each enum is defined once, where it means
//! something (`init`, `ci`, `report`, `doctor`); this module only says how it is spelled on
//! the command line and what `--help` says of each value, so no enum is mirrored by hand.

use clap::ValueEnum;
use clap::builder::PossibleValue;

use crate::ci::Provider;
use crate::cmd::{doctor, init};
use crate::report::{ColorChoice, ReportFormat};

/// `impl ValueEnum` for a library enum: each variant with its command-line name and help.
macro_rules! value_enum {
    ($ty:ty { $($variant:path => $name:literal: $help:literal),+ $(,)? }) => {
        impl ValueEnum for $ty {
            fn value_variants<'a>() -> &'a [Self] {
                &[$($variant),+]
            }

            fn to_possible_value(&self) -> Option<PossibleValue> {
                Some(match self {
                    $($variant => PossibleValue::new($name).help($help)),+
                })
            }
        }
    };
}

value_enum!(init::Format {
    init::Format::Xml => "xml": "RFCXML v3, ready to upload to the Datatracker as it is",
    init::Format::Md => "md": "kramdown-rfc Markdown, the format i-d-template repositories use",
});

value_enum!(init::Category {
    init::Category::Info => "info": "Informational",
    init::Category::Std => "std": "Standards Track",
    init::Category::Bcp => "bcp": "Best Current Practice",
    init::Category::Exp => "exp": "Experimental",
    init::Category::Historic => "historic": "Historic",
});

value_enum!(Provider {
    Provider::Github => "github": "GitHub Actions: `.github/workflows/newdraft.yml`",
});

value_enum!(ReportFormat {
    ReportFormat::Human => "human": "`path:line: error[code]: message`, with a hint line, for people",
    ReportFormat::Json => "json": "One JSON object with a `findings` array and counts (schema in docs/check.md)",
    ReportFormat::Github => "github": "GitHub workflow annotations (`::error file=…,line=…::…`)",
});

value_enum!(ColorChoice {
    ColorChoice::Auto => "auto": "Colour a terminal (not `TERM=dumb`), or any output with `CLICOLOR_FORCE=1`; never with `NO_COLOR` set or `CLICOLOR=0`",
    ColorChoice::Always => "always": "Always colour",
    ColorChoice::Never => "never": "Never colour",
});

value_enum!(doctor::Format {
    doctor::Format::Human => "human": "A few lines per tool, for people",
    doctor::Format::Json => "json": "One JSON object: `{\"version\": 1, \"tools\": [{\"name\", \"path\", \"version\", \"runs\", \"offline\", \"install\", …}]}`",
});
