//! `orgplan suggest`: the fewest hires and moves that close the gaps
//! (docs/cli.md, "suggest"), written as a proposal with `-o`.

use super::Today;
use super::output::{Done, Outcome, Trouble, write_output};
use crate::suggest::{Kind, Options, render, search, solve};
use std::path::PathBuf;

/// The level `--fix` closes (info is not a level one can fix to).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FixArg {
    Error,
    Warning,
}

/// An action kind for `--allow`, by its id (Kind::id).
fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::ALL
        .into_iter()
        .find(|k| k.id() == s.trim())
        .ok_or_else(|| {
            format!("unknown action kind '{s}' (hire, move, share, assign, trim or hat)")
        })
}

/// The report format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SuggestFormat {
    Text,
    Json,
    Markdown,
}

/// `--cost hire=10,move=3`: one kind's cost.
fn parse_cost(s: &str) -> Result<(Kind, u32), String> {
    let (k, v) = s
        .split_once('=')
        .ok_or_else(|| format!("'{s}' is not KIND=COST (hire=10)"))?;
    let kind = parse_kind(k)?;
    let cost: u32 = v
        .trim()
        .parse()
        .map_err(|_| format!("the cost of {k} must be a whole number 0 or more, not '{v}'"))?;
    Ok((kind, cost))
}

fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 && x <= 86_400.0 => Ok(x),
        _ => Err(format!(
            "'{s}' is not a time limit in seconds (more than 0, at most 86400)"
        )),
    }
}

/// `orgplan suggest`'s arguments.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Exit codes: 0 nothing at or above --fix remains; 1 something does; 2 could not do the job."
)]
pub struct SuggestArgs {
    /// The org file (NAME.org.ron).
    pub org: PathBuf,
    /// Write the proposal (the org with the changes) to PROPOSAL.
    #[arg(short = 'o', long = "output", value_name = "PROPOSAL")]
    pub output: Option<PathBuf>,
    /// The level to fix: errors, or errors and warnings.
    #[arg(long, value_enum, default_value_t = FixArg::Error)]
    pub fix: FixArg,
    /// The kinds of change allowed.
    #[arg(long, value_parser = parse_kind, value_delimiter = ',', default_value = "hire,move,share,assign,trim", value_name = "KINDS")]
    pub allow: Vec<Kind>,
    /// Costs of the kinds (KIND=COST, comma-separated; default hire=10,move=3,share=2,assign=1,trim=1,hat=2).
    #[arg(long, value_parser = parse_cost, value_delimiter = ',', value_name = "KIND=COST")]
    pub cost: Vec<(Kind, u32)>,
    /// The allocation an assignment to an initiative gets (percent).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub initiative_allocation: u32,
    /// Stop searching after SECONDS and return the best plan found.
    #[arg(long, default_value_t = 10.0, value_parser = parse_seconds, value_name = "SECONDS")]
    pub time_limit: f64,
    /// Report format.
    #[arg(long, value_enum, default_value_t = SuggestFormat::Text)]
    pub format: SuggestFormat,
    #[command(flatten)]
    pub today: Today,
}

impl SuggestArgs {
    fn options(&self) -> Options {
        let mut o = Options::new(self.today.today());
        o.fix = match self.fix {
            FixArg::Error => crate::catalog::Severity::Error,
            FixArg::Warning => crate::catalog::Severity::Warning,
        };
        o.allow = Kind::ALL
            .into_iter()
            .filter(|k| self.allow.contains(k))
            .collect();
        for &(k, c) in &self.cost {
            o.costs[k as usize] = c;
        }
        o.initiative_allocation = self.initiative_allocation;
        o
    }
}

pub fn run(a: &SuggestArgs) -> Outcome {
    if let Some(out) = &a.output {
        crate::io::refuse_output_over_input(out, [a.org.as_path()])?;
    }
    let display = a.org.display().to_string();
    let bytes = crate::io::read_org_bytes(&a.org)?;
    let org = crate::io::load_bytes(&bytes, &display)?;
    let opts = a.options();
    let mut stages = super::progress::Stages::new();
    stages.begin(&format!("Suggesting fixes for {display}"));
    let budget = search::Budget {
        deadline: std::time::Instant::now() + std::time::Duration::from_secs_f64(a.time_limit),
        cancel: None,
    };
    let solution = solve::solve(&org, &opts, &budget, &mut |_| {});
    stages.clear();
    let report = match a.format {
        SuggestFormat::Text => render::text(&org, &solution, &opts),
        SuggestFormat::Json => render::json(&org, &solution, &opts),
        SuggestFormat::Markdown => render::markdown(&org, &solution, &opts),
    };
    if let Some(out) = &a.output {
        // Nothing to change: the proposal is the file itself, byte for byte.
        let proposal = if solution.steps.is_empty() {
            bytes.clone()
        } else {
            crate::io::to_canonical_string(&solution.proposal).into_bytes()
        };
        crate::io::write_atomic(out, &proposal).map_err(|e| {
            Trouble::from(format!("{}: {}", out.display(), crate::io::io_message(&e)))
        })?;
    }
    write_output(None, &[], report.as_bytes())?;
    Ok(Done::failed_if(!solution.remaining.is_empty()))
}
