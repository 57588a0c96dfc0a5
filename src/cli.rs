//! The `orgplan` command line (CLI.md).

use crate::catalog::Severity;
use crate::io::{load_file, to_canonical_string, write_atomic};
use crate::model::Date;
use crate::report::{Checked, Format};
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

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the rules on org files and write the gap report.
    Check {
        /// Org files (NAME.org.ron).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Report format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Write the report to OUT (atomically) instead of stdout.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
        /// Exit 1 when an unwaived finding is at or above this severity.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
        /// The date waivers are judged against (YYYY-MM-DD; default: the system date).
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        today: Option<Date>,
    },
    /// Draw an org chart (the reporting tree or the team canvas) as SVG or PNG.
    Chart {
        /// The org file.
        file: PathBuf,
        /// Where to write it: the extension (.svg or .png) picks the format.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
        /// Which chart.
        #[arg(long, value_enum, default_value_t = crate::chart::View::Reporting)]
        view: crate::chart::View,
        /// PNG width in pixels (default: 2 pixels per chart unit, at most 16384).
        #[arg(long)]
        width: Option<u32>,
    },
    /// List every rule, or print one rule's full documentation.
    Rules {
        /// A rule code (C002) or name (team-capability-stopgap).
        code: Option<String>,
    },
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
        Some(Command::Check {
            files,
            format,
            output,
            fail_on,
            today,
        }) => check(&files, format, output.as_deref(), fail_on, today),
        Some(Command::Rules { code }) => rules(code.as_deref()),
        Some(Command::Chart {
            file,
            output,
            view,
            width,
        }) => chart(&file, &output, view, width),
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

fn check(
    files: &[PathBuf],
    format: Format,
    output: Option<&std::path::Path>,
    fail_on: FailOn,
    today: Option<Date>,
) -> ExitCode {
    let today = today.unwrap_or_else(Date::today);
    let mut loaded = Vec::new();
    let mut trouble = false;
    for path in files {
        let display = path.display().to_string();
        let text = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                error(format!("{display}: {}", crate::io::io_message(&e)));
                trouble = true;
                continue;
            }
        };
        match crate::io::load_bytes(&text, &display) {
            Ok(org) => loaded.push((display, org, String::from_utf8(text).unwrap_or_default())),
            Err(e) => {
                error(e);
                trouble = true;
            }
        }
    }
    if trouble {
        return ExitCode::from(EXIT_TROUBLE);
    }
    let checked: Vec<Checked> = loaded
        .iter()
        .map(|(path, org, text)| Checked::new(path.clone(), org, Some(text), today))
        .collect();
    let rendered = crate::report::render(format, &checked);
    match output {
        Some(out) => {
            if let Err(e) = write_atomic(out, rendered.as_bytes()) {
                error(format!("{}: {}", out.display(), crate::io::io_message(&e)));
                return ExitCode::from(EXIT_TROUBLE);
            }
        }
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(rendered.as_bytes())
                .and_then(|()| stdout.flush())
                .is_err()
            {
                // A closed pipe (`| head`) is not an error worth a message.
                return ExitCode::from(EXIT_TROUBLE);
            }
        }
    }
    let level = fail_on.severity();
    if checked.iter().any(|c| c.report.fails(level)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Wraps a paragraph at `width` columns with an indent.
fn wrap(text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.len() + line.len() + 1 + word.len() > width {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The full documentation of one rule, as `orgplan rules CODE` prints it.
pub fn rule_docs(info: &crate::rules::RuleInfo) -> String {
    let mut out = format!("{} {}\n", info.code, info.name);
    out.push_str(&format!("{}\n\n", info.summary));
    out.push_str(&format!(
        "Family: {}    Default severity: {}    Threshold: {}\n",
        info.family(),
        info.default_severity,
        info.default_threshold
            .map_or_else(|| "none".to_string(), |t| t.to_string())
    ));
    for title in ["What it flags", "Why it matters", "How to fix"] {
        out.push_str(&format!("\n{title}\n"));
        for p in info.paragraphs(title) {
            out.push_str(&wrap(&p, "    ", 80));
        }
    }
    out.push_str(&format!(
        "\nConfigure in the org file: settings: (rules: {{\"{}\": (severity: Warning{})}})\n",
        info.code,
        if info.default_threshold.is_some() {
            ", threshold: N"
        } else {
            ""
        }
    ));
    out
}

fn rules(code: Option<&str>) -> ExitCode {
    match code {
        None => {
            let mut family = "";
            for r in crate::rules::RULES.iter().map(|r| &r.info) {
                if r.family() != family {
                    family = r.family();
                    println!("{}{family}", if r.code == "C001" { "" } else { "\n" });
                }
                println!(
                    "  {}  {:<34} {:<16} {}",
                    r.code,
                    r.name,
                    r.default_severity.to_string(),
                    r.summary
                );
            }
            println!("\nRun `orgplan rules CODE` for a rule's full documentation.");
            ExitCode::SUCCESS
        }
        Some(code) => match crate::rules::rule(code) {
            Some(info) => {
                print!("{}", rule_docs(info));
                ExitCode::SUCCESS
            }
            None => {
                error(format!(
                    "unknown rule \"{code}\"; `orgplan rules` lists them all"
                ));
                ExitCode::from(EXIT_TROUBLE)
            }
        },
    }
}

fn chart(
    file: &std::path::Path,
    out: &std::path::Path,
    view: crate::chart::View,
    width: Option<u32>,
) -> ExitCode {
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext != "svg" && ext != "png" {
        error(format!(
            "{}: the output must end in .svg or .png",
            out.display()
        ));
        return ExitCode::from(EXIT_TROUBLE);
    }
    let org = match load_file(file) {
        Ok(o) => o,
        Err(e) => {
            error(e);
            return ExitCode::from(EXIT_TROUBLE);
        }
    };
    let chart = crate::chart::draw(&org, view);
    let bytes = if ext == "svg" {
        crate::chart::to_svg(&chart).into_bytes()
    } else {
        let w = width.unwrap_or_else(|| ((chart.width * 2.0) as u32).min(16_384));
        match crate::chart::to_png(&chart, w) {
            Ok(b) => b,
            Err(e) => {
                error(e);
                return ExitCode::from(EXIT_TROUBLE);
            }
        }
    };
    if let Err(e) = write_atomic(out, &bytes) {
        error(format!("{}: {}", out.display(), crate::io::io_message(&e)));
        return ExitCode::from(EXIT_TROUBLE);
    }
    ExitCode::SUCCESS
}
