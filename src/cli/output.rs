//! Where the commands' output and errors go, and the one path from a
//! command's result to the process's exit code.

use crate::io::{refuse_output_over_input, write_atomic};
use std::process::ExitCode;

/// Exit code 2: the command could not do its job.
pub const EXIT_TROUBLE: u8 = 2;

/// What a command that did its job found: exit 0, or exit 1 when what it
/// checked fails the user's `--fail-on` (or `fmt --check` found files to
/// rewrite).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Done {
    Clean,
    Failed,
}

impl Done {
    /// `Failed` when `failed`.
    pub fn failed_if(failed: bool) -> Done {
        if failed { Done::Failed } else { Done::Clean }
    }
}

/// The command could not do its job (exit 2). The message is printed as
/// one `orgplan: error:` line; `Trouble::reported()` when it already was.
#[derive(Debug)]
pub struct Trouble(String);

impl Trouble {
    /// Trouble whose message has already been printed (one line for each
    /// of several files, or nothing to add to a closed stdout).
    pub fn reported() -> Trouble {
        Trouble(String::new())
    }
}

impl<T: std::fmt::Display> From<T> for Trouble {
    fn from(e: T) -> Trouble {
        Trouble(e.to_string())
    }
}

/// A command's result.
pub type Outcome = Result<Done, Trouble>;

/// The exit code of a command's result, printing its trouble.
pub fn exit_code(outcome: Outcome) -> ExitCode {
    match outcome {
        Ok(Done::Clean) => ExitCode::SUCCESS,
        Ok(Done::Failed) => ExitCode::from(1),
        Err(Trouble(msg)) => {
            if !msg.is_empty() {
                error(msg);
            }
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

/// Prints `orgplan: error: MSG` as one line: control characters in the
/// message (from file names or file contents) are shown escaped.
pub fn error(msg: impl std::fmt::Display) {
    let msg = msg.to_string();
    eprintln!("orgplan: error: {}", crate::sanitize::visible(&msg));
}

/// Writes `bytes` to stdout; a closed pipe (`| head`) is quiet, any other
/// failure is reported. Returns whether it worked.
pub fn write_stdout(bytes: &[u8]) -> bool {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => false,
        Err(e) => {
            error(format!("writing to stdout: {}", crate::io::io_message(&e)));
            false
        }
    }
}

/// Writes a command's output to `-o OUT` (atomically, never over an input)
/// or to stdout.
pub fn write_output(
    output: Option<&std::path::Path>,
    inputs: &[&std::path::Path],
    bytes: &[u8],
) -> Result<(), Trouble> {
    match output {
        Some(out) => {
            refuse_output_over_input(out, inputs.iter().copied())?;
            write_atomic(out, bytes).map_err(|e| {
                Trouble::from(format!("{}: {}", out.display(), crate::io::io_message(&e)))
            })
        }
        None if write_stdout(bytes) => Ok(()),
        None => Err(Trouble::reported()),
    }
}
