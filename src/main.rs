//! The `newdraft` binary: parse the command line, run, print the one error line, exit.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = newdraft::cli::Cli::parse();
    match newdraft::run(cli) {
        Ok(status) => ExitCode::from(status.code()),
        Err(err) => {
            // A closed pipe (`newdraft check | head`) is not an error worth reporting.
            if err
                .root_cause()
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            // Exactly one line, whatever the message carries from a file or an argument.
            eprintln!("{}", newdraft::text::diagnostic(&format!("error: {err:#}")));
            ExitCode::from(2)
        }
    }
}
