//! `orgplan risk`: for every person, what opens if they leave
//! (docs/risk.md).

use super::output::{Done, Outcome, write_output};
use super::{Output, Today};
use crate::risk::render;
use std::path::PathBuf;

/// The report format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum RiskFormat {
    Text,
    Json,
    Markdown,
    Csv,
    Html,
}

/// `orgplan risk`'s arguments.
#[derive(clap::Args, Debug)]
pub struct RiskArgs {
    /// The org file (NAME.org.ron).
    pub org: PathBuf,
    /// Count open seats as filled (their hires do not leave).
    #[arg(long)]
    pub as_planned: bool,
    /// Report format.
    #[arg(long, value_enum, default_value_t = RiskFormat::Text)]
    pub format: RiskFormat,
    #[command(flatten)]
    pub output: Output,
    /// List only the N people whose departure opens the most.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub top: Option<u64>,
    #[command(flatten)]
    pub today: Today,
}

pub fn run(a: &RiskArgs) -> Outcome {
    let out = a.output.output.as_deref();
    if let Some(o) = out {
        crate::io::refuse_output_over_input(o, [a.org.as_path()])?;
    }
    let display = a.org.display().to_string();
    let bytes = crate::io::read_org_bytes(&a.org)?;
    let org = crate::io::load_bytes(&bytes, &display)?;
    let mut stages = super::progress::Stages::new();
    stages.begin(&format!("Judging every departure in {display}"));
    let judged = if a.as_planned {
        std::borrow::Cow::Owned(crate::rules::as_planned(&org))
    } else {
        std::borrow::Cow::Borrowed(&org)
    };
    let risk = crate::risk::analyse(&judged, a.today.today());
    stages.clear();
    let top = a.top.map(|n| n as usize);
    let text = match a.format {
        RiskFormat::Text => render::text(&org, &risk, top),
        RiskFormat::Json => render::json(&org, &risk, top),
        RiskFormat::Markdown => render::markdown(&org, &risk, top),
        RiskFormat::Csv => render::csv(&risk, top),
        RiskFormat::Html => render::html(&org, &risk, top),
    };
    write_output(out, &[a.org.as_path()], text.as_bytes())?;
    Ok(Done::Clean)
}
