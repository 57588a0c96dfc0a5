//! `orgplan check`: run the rules on org files and write the gap report.

use super::output::{Done, Outcome, Trouble, error, write_output};
use super::{Gate, Output};
use crate::io::refuse_output_over_input;
use crate::report::{Checked, Format};
use std::path::PathBuf;

/// `orgplan check`'s arguments.
#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Org files (NAME.org.ron).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub output: Output,
    #[command(flatten)]
    pub gate: Gate,
    /// Count open seats as filled (docs/domain.md, "The org as planned").
    #[arg(long)]
    pub as_planned: bool,
}

pub fn run(a: &CheckArgs) -> Outcome {
    let files = &a.files;
    let output = a.output.output.as_deref();
    let today = a.gate.today();
    // Refuse before reading or writing anything.
    if let Some(out) = output {
        let inputs: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
        refuse_output_over_input(out, inputs)?;
    }
    let mut loaded = Vec::new();
    let mut trouble = false;
    for path in files {
        let display = path.display().to_string();
        let text = match crate::io::read_org_bytes(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                error(e);
                trouble = true;
                continue;
            }
        };
        match crate::io::load_bytes_indexed(&text, &display) {
            Ok((org, _)) if a.as_planned => {
                let org = crate::rules::as_planned(&org);
                let index = crate::index::OrgIndex::new(
                    &org,
                    &crate::catalog::RoleCatalog::new(&org.roles),
                );
                loaded.push((
                    display,
                    org,
                    index,
                    String::from_utf8(text).unwrap_or_default(),
                ))
            }
            Ok((org, index)) => loaded.push((
                display,
                org,
                index,
                String::from_utf8(text).unwrap_or_default(),
            )),
            Err(e) => {
                error(e);
                trouble = true;
            }
        }
    }
    if trouble {
        return Err(Trouble::reported());
    }
    let analysis_started = std::time::Instant::now();
    let checked: Vec<Checked> = loaded
        .iter()
        .map(|(path, org, index, text)| {
            Checked::with_index(path.clone(), org, index, Some(text), today)
        })
        .collect();
    // For the benchmarks: how long the analysis and rules took in this run.
    if std::env::var_os("ORGPLAN_TIMINGS").is_some() {
        eprintln!(
            "orgplan: analysis {:.2} ms",
            analysis_started.elapsed().as_secs_f64() * 1000.0
        );
    }
    let rendered = crate::report::render(a.format, &checked);
    let inputs: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
    write_output(output, &inputs, rendered.as_bytes())?;
    let level = a.gate.fail_on.severity();
    Ok(Done::failed_if(
        checked.iter().any(|c| c.report.fails(level)),
    ))
}
