//! `orgplan export`: an org's people as CSV, with the headers `import` reads.

use super::Output;
use super::output::{Done, Outcome, write_output};
use crate::io::load_file;
use std::path::PathBuf;

/// `orgplan export`'s arguments.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// The org file.
    pub org: PathBuf,
    /// What to export: `csv`, one row a person.
    #[arg(long, value_name = "csv", value_parser = ["csv"])]
    pub people: String,
    #[command(flatten)]
    pub output: Output,
}

pub fn run(a: &ExportArgs) -> Outcome {
    let org = load_file(&a.org)?;
    let csv = crate::import::export_people_csv(&org);
    write_output(a.output.output.as_deref(), &[&a.org], csv.as_bytes())?;
    Ok(Done::Clean)
}
