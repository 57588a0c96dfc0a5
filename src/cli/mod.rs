//! The `orgplan` command line (docs/cli.md): one module a subcommand, each
//! with its clap arguments and a `run` returning an [`Outcome`]; the shared
//! flags are flattened from [`Output`], [`Gate`] and [`Today`], and
//! [`output::exit_code`] is the one path from a result to an exit code.

mod chart;
mod check;
mod completions;
mod diff;
mod export;
mod fmt;
mod import;
pub mod output;
pub mod progress;
mod risk;
mod rules;
mod suggest;

pub use output::{EXIT_TROUBLE, Outcome, error, write_stdout};
pub use rules::{catalog_markdown, rule_docs};

use crate::catalog::Severity;
use crate::model::Date;
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

    /// No progress on the terminal (it is never shown in pipes or files).
    #[arg(long, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Who wins a re-import conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PreferArg {
    Plan,
    Hr,
}

/// Where teams come from without a team column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TeamsArg {
    Reporting,
    None,
}

/// The lowest severity that makes `check` exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
            FailOn::Never => Severity::Off,
        }
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s)
}

/// `-o OUT`, for commands that write to stdout without it.
#[derive(clap::Args, Debug)]
pub struct Output {
    /// Write to OUT (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// `--today`: the date waivers are judged against.
#[derive(clap::Args, Debug)]
pub struct Today {
    /// The date waivers are judged against (YYYY-MM-DD; default: the system date).
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub today: Option<Date>,
}

impl Today {
    /// The date given, or the system's.
    pub fn today(&self) -> Date {
        self.today.unwrap_or_else(Date::today)
    }
}

/// `--fail-on` and `--today`: when a check or a comparison exits 1.
#[derive(clap::Args, Debug)]
pub struct Gate {
    /// Exit 1 when an unwaived finding (for diff: one the proposal opens)
    /// is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    #[command(flatten)]
    pub today: Today,
}

impl Gate {
    /// The date given, or the system's.
    pub fn today(&self) -> Date {
        self.today.today()
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the rules on org files and write the gap report.
    Check(check::CheckArgs),
    /// Draw an org chart (the reporting tree or the team canvas) as SVG or PNG.
    Chart(chart::ChartArgs),
    /// List every rule, or print one rule's full documentation.
    Rules(rules::RulesArgs),
    /// Compare a proposal with a base org: changes, gap delta, metrics.
    ///
    /// Also works as git's external diff (the 7-argument form), so
    /// `GIT_EXTERNAL_DIFF='orgplan diff' git diff` shows org changes.
    #[command(
        after_help = "Exit codes: 0 the proposal opens no unwaived finding at or above --fail-on; 1 it does; 2 could not do the job."
    )]
    Diff(diff::DiffArgs),
    /// Make an org file from an HR or directory export (CSV or spreadsheet).
    ///
    /// Columns are found by their headers; job titles become roles through a
    /// built-in table (`--print-map` prints it as a map file to adapt).
    Import(import::ImportArgs),
    /// Write an org's people as CSV (the headers `import` reads).
    Export(export::ExportArgs),
    /// Rewrite org files in canonical form.
    Fmt(fmt::FmtArgs),
    /// Suggest the fewest hires and moves that close the gaps, as a proposal.
    ///
    /// Evaluates the org as planned (open seats filled), finds the set of
    /// changes that leaves the fewest gaps, opens the fewest new ones and
    /// costs the least, and says whether that is proved optimal.
    Suggest(suggest::SuggestArgs),
    /// For every person, what opens if they leave: whom the org cannot afford to lose.
    Risk(risk::RiskArgs),
    /// Print shell completions (bash, zsh, fish, powershell, elvish).
    Completions(completions::CompletionsArgs),
    /// Print the man page, or write every page into a directory.
    Man(completions::ManArgs),
}

/// git's external-diff call (`orgplan diff PATH OLD-FILE OLD-HEX OLD-MODE
/// NEW-FILE NEW-HEX NEW-MODE`) is read positionally: a path that starts
/// with `-` must not read as a flag, so `--` is put before the seven.
pub fn git_diff_args(
    args: impl IntoIterator<Item = std::ffi::OsString>,
) -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = args.into_iter().collect();
    let hex = |s: &std::ffi::OsString| {
        let s = s.to_string_lossy();
        s == "." || (s.len() >= 7 && s.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    let mode = |s: &std::ffi::OsString| {
        let s = s.to_string_lossy();
        s == "." || (s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit()))
    };
    let n = args.len();
    if n >= 9
        && args[1] == "diff"
        && !args[2..n - 7].iter().any(|a| a == "--")
        && hex(&args[n - 5])
        && mode(&args[n - 4])
        && hex(&args[n - 2])
        && mode(&args[n - 1])
    {
        args.insert(n - 7, "--".into());
    }
    args
}

/// A command-line parse error: `--help` and `--version` print as clap
/// writes them; a usage error is one line with a hint, exit 2.
pub fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ErrorKind};
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            ExitCode::from(EXIT_TROUBLE)
        } else {
            ExitCode::SUCCESS
        };
    }
    let rendered = e.render().to_string();
    let first = rendered
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("invalid arguments")
        .trim()
        .trim_start_matches("error: ")
        .to_string();
    let suggestion = e.get(ContextKind::SuggestedArg).map(|v| v.to_string());
    // The subcommand the user typed, for a hint to its own help.
    let sub = {
        use clap::CommandFactory;
        let names: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        std::env::args().skip(1).find(|a| names.contains(a))
    };
    let usage = match sub {
        Some(cmd) => format!("orgplan {cmd} --help"),
        None => "orgplan --help".into(),
    };
    let hint = match suggestion {
        Some(s) => format!("did you mean '{s}'? see '{usage}'"),
        None => format!("see '{usage}'"),
    };
    error(format!("{first} ({hint})"));
    ExitCode::from(EXIT_TROUBLE)
}

/// Runs the command line: a subcommand, or the app.
pub fn run(cli: Cli) -> ExitCode {
    progress::set_quiet(cli.quiet);
    output::exit_code(match &cli.command {
        None => open_app(cli.file),
        Some(Command::Fmt(a)) => fmt::run(a),
        Some(Command::Check(a)) => check::run(a),
        Some(Command::Rules(a)) => rules::run(a),
        Some(Command::Import(a)) => import::run(a),
        Some(Command::Export(a)) => export::run(a),
        Some(Command::Diff(a)) => diff::run(a),
        Some(Command::Chart(a)) => chart::run(a),
        Some(Command::Suggest(a)) => suggest::run(a),
        Some(Command::Risk(a)) => risk::run(a),
        Some(Command::Completions(a)) => completions::completions(a),
        Some(Command::Man(a)) => completions::man(a),
    })
}

#[cfg(feature = "gui")]
fn open_app(file: Option<PathBuf>) -> Outcome {
    crate::app::run(file)?;
    Ok(output::Done::Clean)
}

#[cfg(not(feature = "gui"))]
fn open_app(_file: Option<PathBuf>) -> Outcome {
    Err(output::Trouble::from(
        "this build has no desktop app (built without the `gui` feature); try `orgplan --help`",
    ))
}
