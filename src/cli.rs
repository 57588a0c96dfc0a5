//! The `orgplan` command line (CLI.md).

use crate::io::{load_file, to_canonical_string, write_atomic};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "orgplan",
    version,
    about = "Org-design planner for engineering leaders: see who covers what, and what falls through the cracks.",
    long_about = "Org-design planner for engineering leaders.\n\n\
        Without a subcommand, opens the desktop app (on FILE, or on the built-in sample org).\n\
        The subcommands run headless, so org files can be checked in CI like code.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// An org file to open in the app.
    pub file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Rewrite org files in canonical form.
    Fmt {
        /// Org files (NAME.org.ron).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Change nothing; exit 1 and name the files that are not canonical.
        #[arg(long)]
        check: bool,
    },
}

/// Exit code 2: the command could not do its job.
pub const EXIT_TROUBLE: u8 = 2;

pub fn error(msg: impl std::fmt::Display) {
    eprintln!("orgplan: error: {msg}");
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        None => open_app(cli.file),
        Some(Command::Fmt { files, check }) => fmt(&files, check),
    }
}

#[cfg(feature = "gui")]
fn open_app(file: Option<PathBuf>) -> ExitCode {
    match crate::app::run(file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            error(e);
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_app(_file: Option<PathBuf>) -> ExitCode {
    error("this build has no desktop app (built without the `gui` feature); try `orgplan --help`");
    ExitCode::from(EXIT_TROUBLE)
}

fn fmt(files: &[PathBuf], check: bool) -> ExitCode {
    let mut trouble = false;
    let mut unformatted = false;
    for path in files {
        let org = match load_file(path) {
            Ok(org) => org,
            Err(e) => {
                error(e);
                trouble = true;
                continue;
            }
        };
        let canonical = to_canonical_string(&org);
        let current = std::fs::read(path).unwrap_or_default();
        if current == canonical.as_bytes() {
            continue;
        }
        if check {
            println!("not canonical: {}", path.display());
            unformatted = true;
        } else if let Err(e) = write_atomic(path, canonical.as_bytes()) {
            error(format!("{}: {}", path.display(), crate::io::io_message(&e)));
            trouble = true;
        }
    }
    if trouble {
        ExitCode::from(EXIT_TROUBLE)
    } else if unformatted {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
