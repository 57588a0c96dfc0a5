use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = orgplan::cli::Cli::parse();
    orgplan::cli::run(cli)
}
